"""A snapshot of every row the realisation services write, and the files in storage."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage

from kinerja.audit.models import Entri
from kinerja.notifikasi.models import Notifikasi
from kinerja.realisasi.models import (
    BukaKunci,
    BuktiDukung,
    Laporan,
    Realisasi,
    RiwayatBukti,
    RiwayatLaporan,
    UmpanBalik,
)


def _rows(model: Any, *fields: str) -> list[tuple[Any, ...]]:
    return list(model.objects.order_by("pk").values_list("pk", *fields))


def stored_files(folder: str = "bukti") -> list[str]:
    """Every file under the evidence folder of the storage (recursively)."""
    found: list[str] = []
    if not default_storage.exists(folder):
        return found
    directories, files = default_storage.listdir(folder)
    found += [f"{folder}/{name}" for name in files]
    for directory in directories:
        found += stored_files(f"{folder}/{directory}")
    return sorted(found)


def realisasi_state() -> dict[str, list[tuple[Any, ...]]]:
    """Everything a refused act must leave as it was (compare before and after)."""
    return {
        "laporan": _rows(Laporan, "skp_id", "periode_id", "status", "putaran"),
        "realisasi": _rows(Realisasi, "laporan_id", "indikator_id", "nilai", "narasi"),
        "bukti": _rows(
            BuktiDukung,
            "laporan_id",
            "rhk_id",
            "jenis",
            "uraian",
            "berkas",
            "sha256",
            "tautan",
            "status",
            "catatan",
            "putaran",
        ),
        "riwayat_bukti": _rows(RiwayatBukti, "bukti_id", "aksi", "status"),
        "riwayat_laporan": _rows(RiwayatLaporan, "laporan_id", "aksi", "status"),
        "umpan_balik": _rows(UmpanBalik, "laporan_id", "rhk_id", "nilai", "isi"),
        "buka_kunci": _rows(BukaKunci, "periode_id", "pegawai_id", "unit_id", "sampai"),
        "notifikasi": _rows(Notifikasi, "penerima_id", "kunci"),
        "audit": list(Entri.objects.order_by("urutan").values_list("urutan", "hash")),
        "files": [(name,) for name in stored_files()],
    }
