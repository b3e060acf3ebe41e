"""Helpers of the SKP tests: a snapshot of every row the SKP and period services write."""

from __future__ import annotations

from typing import Any

from kinerja.audit.models import Entri
from kinerja.periode.models import Periode, RiwayatStatusPeriode, TahunKinerja
from kinerja.skp.models import (
    EkspektasiPerilaku,
    Indikator,
    IndikatorOrganisasi,
    RevisiSkp,
    Rhk,
    RiwayatSkp,
    SasaranOrganisasi,
    Skp,
)


def _rows(model: Any, *fields: str) -> list[tuple[Any, ...]]:
    return list(model.objects.order_by("pk").values_list("pk", *fields))


def skp_state() -> dict[str, list[tuple[Any, ...]]]:
    """Everything a refused act must leave as it was (compare before and after)."""
    return {
        "tahun": _rows(
            TahunKinerja, "tahun", "batas_pengajuan_skp", "batas_persetujuan_skp", "aspek_biaya"
        ),
        "periode": _rows(
            Periode, "kode", "status", "batas_realisasi", "batas_verifikasi", "batas_penilaian"
        ),
        "riwayat_periode": _rows(RiwayatStatusPeriode, "aksi", "alasan"),
        "skp": _rows(
            Skp,
            "pegawai_id",
            "tahun",
            "pendekatan",
            "status",
            "revisi",
            "catatan_penilai",
            "dukungan_sumber_daya",
            "skema_pertanggungjawaban",
            "konsekuensi",
            "identitas",
        ),
        "rhk": _rows(
            Rhk, "skp_id", "kode", "jenis", "uraian", "rhk_atasan_id", "perspektif", "sasaran_id"
        ),
        "indikator": _rows(
            Indikator, "rhk_id", "aspek", "uraian", "target_nilai", "target_satuan", "target_narasi"
        ),
        "ekspektasi": _rows(EkspektasiPerilaku, "skp_id", "nilai", "ekspektasi"),
        "riwayat": _rows(RiwayatSkp, "skp_id", "aksi", "catatan"),
        "revisi": _rows(RevisiSkp, "skp_id", "nomor"),
        "sasaran": _rows(SasaranOrganisasi, "unit_id", "tahun", "kode", "uraian"),
        "indikator_organisasi": _rows(IndikatorOrganisasi, "sasaran_id", "uraian", "target"),
        "audit": list(Entri.objects.order_by("urutan").values_list("urutan", "hash")),
    }
