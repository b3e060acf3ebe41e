from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from kinerja.akun import rules
from kinerja.akun.models import Pengguna, PercobaanMasuk, TokenApi
from kinerja.audit.services import Aktor, audit_record


def login_attempt_record(*, nip: str, alamat_ip: str | None, berhasil: bool) -> None:
    PercobaanMasuk.objects.create(nip=nip[:64], alamat_ip=alamat_ip, berhasil=berhasil)
    if berhasil:
        # A success clears the NIP's earlier failures so the user is not locked by old mistakes.
        PercobaanMasuk.objects.filter(nip=nip[:64], berhasil=False).delete()


@transaction.atomic
def token_create(
    *, aktor: Aktor, pengguna: Pengguna, nama: str, berlaku_hari: int | None = None
) -> tuple[TokenApi, str]:
    """Create a personal token; returns the record and the secret, which is never stored."""
    secret = rules.token_generate()
    expires = timezone.now() + datetime.timedelta(days=berlaku_hari) if berlaku_hari else None
    token = TokenApi.objects.create(
        pengguna=pengguna,
        nama=nama.strip()[:100],
        awalan=rules.token_visible_part(secret),
        hash=rules.token_hash(secret),
        kedaluwarsa_pada=expires,
    )
    audit_record(
        aktor=aktor, aksi="token_api.create", objek=token,
        sesudah={"nama": token.nama, "awalan": token.awalan, "kedaluwarsa_pada": expires},
    )
    return token, secret


@transaction.atomic
def token_revoke(*, aktor: Aktor, token: TokenApi) -> bool:
    """Revoke a token once; a second revoke changes nothing and returns False."""
    now = timezone.now()
    revoked = TokenApi.objects.filter(pk=token.pk, dicabut_pada__isnull=True).update(dicabut_pada=now)
    if revoked:
        audit_record(aktor=aktor, aksi="token_api.revoke", objek=token, sesudah={"dicabut_pada": now})
    return bool(revoked)
