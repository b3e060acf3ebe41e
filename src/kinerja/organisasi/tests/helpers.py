"""Helpers of the organisation tests: a snapshot of everything a refused act must not change."""

from __future__ import annotations

import datetime
from typing import Any

from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.organisasi.models import (
    Jabatan,
    Pegawai,
    Pengecualian,
    Peran,
    RiwayatJabatan,
    RiwayatPenilai,
    Unit,
)

DAY = datetime.date(2025, 7, 1)
"""A date after the factories' history start (2024-01-01) and before today."""


def database_state() -> dict[str, list[tuple[Any, ...]]]:
    """Every row the organisation services write, and the audit log."""
    return {
        "unit": list(
            Unit.objects.order_by("pk").values_list(
                "pk", "kode", "nama", "induk_id", "jalur", "kedalaman", "aktif"
            )
        ),
        "jabatan": list(Jabatan.objects.order_by("pk").values_list("pk", "nama")),
        "pegawai": list(
            Pegawai.objects.order_by("pk").values_list(
                "pk",
                "nip",
                "nama",
                "status_kepegawaian",
                "golongan",
                "unit_id",
                "jabatan_id",
                "penilai_id",
                "aktif",
            )
        ),
        "riwayat_penilai": list(
            RiwayatPenilai.objects.order_by("pk").values_list(
                "pk", "pegawai_id", "penilai_id", "mulai", "sampai", "alasan"
            )
        ),
        "riwayat_jabatan": list(
            RiwayatJabatan.objects.order_by("pk").values_list(
                "pk", "pegawai_id", "unit_id", "jabatan_id", "mulai", "sampai"
            )
        ),
        "pengecualian": list(
            Pengecualian.objects.order_by("pk").values_list("pk", "jenis", "mulai", "sampai")
        ),
        "peran": list(
            Peran.objects.order_by("pk").values_list("pk", "pengguna_id", "jenis", "unit_id")
        ),
        "audit": list(Entri.objects.order_by("urutan").values_list("urutan", "hash")),
    }


def aktor_of(user: Any) -> Aktor:
    return Aktor.of_user(user, "10.1.2.3")


def last_entries(count: int) -> list[Entri]:
    return list(reversed(Entri.objects.order_by("-urutan")[:count]))
