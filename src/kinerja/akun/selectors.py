from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from kinerja.akun import rules
from kinerja.akun.models import Pengguna, PercobaanMasuk, TokenApi


def token_authenticate(raw_token: str) -> Pengguna | None:
    """The active user owning a valid, unrevoked, unexpired token; marks its last use."""
    if not raw_token.startswith(rules.TOKEN_PREFIX):
        return None
    now = timezone.now()
    token = (
        TokenApi.objects.select_related("pengguna")
        .filter(hash=rules.token_hash(raw_token), dicabut_pada__isnull=True, pengguna__is_active=True)
        .filter(Q(kedaluwarsa_pada__isnull=True) | Q(kedaluwarsa_pada__gt=now))
        .first()
    )
    if token is None:
        return None
    if token.terakhir_dipakai is None or now - token.terakhir_dipakai > datetime.timedelta(minutes=1):
        TokenApi.objects.filter(pk=token.pk).update(terakhir_dipakai=now)
    return token.pengguna


def tokens_of_user(pengguna_id: int) -> QuerySet[TokenApi]:
    return TokenApi.objects.filter(pengguna_id=pengguna_id).order_by("-dibuat_pada")


def login_is_locked(*, nip: str, alamat_ip: str | None) -> bool:
    """Too many recent failures for this NIP, or from this address."""
    since = timezone.now() - datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    failures = PercobaanMasuk.objects.filter(berhasil=False, waktu__gte=since)
    by_nip = failures.filter(nip=nip).count()
    if rules.login_locked(by_nip, settings.LOGIN_MAX_FAILURES):
        return True
    if alamat_ip is None:
        return False
    by_address = failures.filter(alamat_ip=alamat_ip).count()
    return rules.login_locked(by_address, settings.LOGIN_MAX_FAILURES_PER_ADDRESS)
