"""Helpers shared by the account tests: state snapshots to prove nothing changed."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kinerja.akun.models import Pengguna, PercobaanMasuk, TokenApi
from kinerja.audit.models import Entri
from kinerja.organisasi.models import Pegawai

PASSWORD = "rahasia-123"


def accounts_state() -> list[tuple]:
    """Everything an account action could change: accounts, links, tokens, the audit log."""
    return [
        list(
            Pengguna.objects.order_by("pk").values_list(
                "pk", "nip", "nama", "email", "password", "is_active", "wajib_ganti_sandi"
            )
        ),
        list(Pegawai.objects.order_by("pk").values_list("pk", "pengguna_id")),
        list(TokenApi.objects.order_by("pk").values_list("pk", "hash", "dicabut_pada")),
        list(Entri.objects.order_by("urutan").values_list("urutan", "hash")),
    ]


def shift_attempts(minutes: int) -> None:
    """Time travel: every recorded login attempt happened `minutes` earlier."""
    for attempt in PercobaanMasuk.objects.all():
        PercobaanMasuk.objects.filter(pk=attempt.pk).update(
            waktu=attempt.waktu - datetime.timedelta(minutes=minutes)
        )


def failures_at(nip: str, *minutes_ago: float, alamat_ip: str | None = "10.0.0.1") -> None:
    """Failed attempts of a NIP that happened so many minutes ago."""
    now = timezone.now()
    for ago in minutes_ago:
        attempt = PercobaanMasuk.objects.create(nip=nip, alamat_ip=alamat_ip, berhasil=False)
        PercobaanMasuk.objects.filter(pk=attempt.pk).update(
            waktu=now - datetime.timedelta(minutes=ago)
        )


def audit_actions() -> list[str]:
    return list(Entri.objects.order_by("urutan").values_list("aksi", flat=True))
