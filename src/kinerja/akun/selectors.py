"""Reads of accounts: token authentication, token lists, login locks, employees' accounts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from kinerja.akun import rules
from kinerja.akun.enums import StatusToken
from kinerja.akun.models import Pengguna, PercobaanMasuk, TokenApi
from kinerja.organisasi.models import Pegawai, Peran


def token_authenticate(raw_token: str) -> Pengguna | None:
    """The active user owning a valid, unrevoked, unexpired token; marks its last use."""
    if not raw_token.startswith(rules.TOKEN_PREFIX):
        return None
    now = timezone.now()
    token = (
        TokenApi.objects.select_related("pengguna")
        .filter(
            hash=rules.token_hash(raw_token), dicabut_pada__isnull=True, pengguna__is_active=True
        )
        .filter(Q(kedaluwarsa_pada__isnull=True) | Q(kedaluwarsa_pada__gt=now))
        .first()
    )
    if token is None:
        return None
    if token.terakhir_dipakai is None or now - token.terakhir_dipakai > datetime.timedelta(
        minutes=1
    ):
        TokenApi.objects.filter(pk=token.pk).update(terakhir_dipakai=now)
    return token.pengguna


def tokens_of_user(pengguna_id: int) -> QuerySet[TokenApi]:
    return TokenApi.objects.filter(pengguna_id=pengguna_id).order_by("-dibuat_pada", "-pk")


@dataclass(frozen=True)
class BarisToken:
    """A token with its status at the time of reading."""

    token: TokenApi
    status: StatusToken

    @property
    def is_active(self) -> bool:
        return self.status == StatusToken.AKTIF


def token_row(token: TokenApi, now: datetime.datetime | None = None) -> BarisToken:
    status = rules.token_status(
        dicabut_pada=token.dicabut_pada,
        kedaluwarsa_pada=token.kedaluwarsa_pada,
        now=now or timezone.now(),
    )
    return BarisToken(token, status)


def token_rows(pengguna_id: int) -> list[BarisToken]:
    """The user's tokens, newest first, each with its status (one query)."""
    now = timezone.now()
    return [token_row(token, now) for token in tokens_of_user(pengguna_id)]


def _recent_failures(
    field: str, value: str, since: datetime.datetime, maximum: int
) -> list[datetime.datetime]:
    """The newest failures (at most `maximum`) of a NIP or an address inside the window.

    Attempts refused while locked are not counted: they checked no password.
    """
    return list(
        PercobaanMasuk.objects.filter(
            **{field: value}, berhasil=False, terkunci=False, waktu__gte=since
        )
        .order_by("-waktu")
        .values_list("waktu", flat=True)[:maximum]
    )


def login_locked_until(*, nip: str, alamat_ip: str | None) -> datetime.datetime | None:
    """When the lock of this NIP or address ends (the later of the two); None: not locked."""
    window = datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    since = timezone.now() - window
    limits = [("nip", nip, settings.LOGIN_MAX_FAILURES)]
    if alamat_ip is not None:
        limits.append(("alamat_ip", alamat_ip, settings.LOGIN_MAX_FAILURES_PER_ADDRESS))
    releases = [
        rules.lock_release(_recent_failures(field, value, since, maximum), maximum, window)
        for field, value, maximum in limits
    ]
    found = [release for release in releases if release is not None]
    return max(found) if found else None


def account_of_pegawai(pegawai: Pegawai) -> Pengguna | None:
    """The employee's login account: the linked one, else an unlinked account with the NIP."""
    if pegawai.pengguna_id:
        return Pengguna.objects.filter(pk=pegawai.pengguna_id).first()
    return Pengguna.objects.filter(nip=pegawai.nip, pegawai__isnull=True).first()


def pengguna_has_roles(pengguna_id: int) -> bool:
    return Peran.objects.filter(pengguna_id=pengguna_id).exists()
