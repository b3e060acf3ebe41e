"""Rater analytics and the evidence integrity report under `/api/v1/pemantauan/`: the same
access functions and selectors as the pages. Outside the caller's scope: 404; an unknown
filter value: 422 naming the field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from kinerja.aturan.enums import Predikat, Rating
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.models import Unit
from kinerja.pemantauan import access_analitik as access
from kinerja.pemantauan.models import EVIDENCE_COUNTS
from kinerja.pemantauan.rules import analitik as rules
from kinerja.pemantauan.schemas_analitik import AnalitikPenilaiOut, IntegritasOut
from kinerja.pemantauan.selectors import analitik as selectors
from kinerja.pemantauan.selectors import baca
from kinerja.periode.models import Periode
from kinerja.realisasi.enums import JenisSinyal, StatusBukti
from kinerja.skp.schemas import pilihan

router = Router()


def _unit(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "kode": unit.kode, "nama": unit.nama}


def _periode(periode: Periode | None) -> dict[str, Any] | None:
    if periode is None:
        return None
    return {
        "id": periode.pk,
        "kode": periode.kode,
        "nama": periode.nama,
        "tahun": periode.tahun.tahun,
    }


def _distribution(data: rules.Distribusi) -> dict[str, Any]:
    return {
        "jumlah": data.total,
        "rata_rata": data.rata_rata,
        "predikat": [
            {"predikat": pilihan(Predikat, c.predikat), "jumlah": c.jumlah, "persen": c.persen}
            for c in data.sel
        ],
    }


def _row(row: rules.BarisPenilai) -> dict[str, Any]:
    lenient = row.kelonggaran
    return {
        "penilai": {"id": row.penilai_id, "nip": row.nip, "nama": row.nama},
        "unit_nama": row.unit_nama,
        "distribusi": _distribution(row.distribusi),
        "kelonggaran": {
            "rata_rata_penilai": lenient.rata_rata_penilai,
            "rata_rata_unit": lenient.rata_rata_unit,
            "indeks": lenient.indeks,
            "kelas": pilihan(rules.KelasKelonggaran, lenient.kelas),
            "penjelasan": lenient.penjelasan,
        },
        "kontradiksi": {"jumlah": row.kontradiksi, "persen": row.rasio_kontradiksi},
        "verifikasi": {
            "jumlah": row.waktu.jumlah,
            "median_hari": row.waktu.median_hari,
            "rata_rata_hari": row.waktu.rata_rata_hari,
            "menunggu_lewat_batas": row.waktu.menunggu_lewat_batas,
        },
    }


@router.get("/penilai", response=AnalitikPenilaiOut, summary="Analitik pejabat penilai")
def rater_analytics(
    request: HttpRequest,
    unit: int | None = None,
    periode: int | None = None,
    jenis_jabatan: str = "",
    halaman: int = 1,
) -> dict[str, Any]:
    """Per appraiser of the unit subtree's finalised assessments of the period (HR readers; an
    appraiser who reads no unit: only their own row, against their own unit): the predikat
    distribution against the unit and the agency, the leniency index and class, contradictions
    with the evidence verdicts (with the cases), the verification turnaround; 25 appraisers to
    a page, as of the last refresh."""
    cakupan = access.penilai_cakupan(scope_for(request.user), unit)
    _page_check(halaman)
    jenis = access.jenis_jabatan_resolve(jenis_jabatan)
    found = (
        access.periode_resolve(periode)
        if periode
        else selectors.default_periode(cakupan.jalur, cakupan.penilai_id)
    )
    data = None
    if found is not None:
        data = selectors.rater_analytics(
            jalur=cakupan.jalur,
            periode=found,
            jenis_jabatan=jenis,
            penilai=cakupan.penilai,
            halaman=halaman,
        )
    page = data.halaman if data else None
    ambang = data.ambang if data else rules.AMBANG
    return {
        "unit": _unit(cakupan.unit),
        "periode": _periode(found),
        "jenis_jabatan": pilihan(JenisJabatan, jenis),
        "ambang": {
            "lunak": ambang.lunak,
            "keras": ambang.keras,
            "minimum_penilaian": ambang.minimum_penilaian,
            "porsi_dikembalikan": ambang.porsi_dikembalikan,
        },
        "unit_distribusi": _distribution(data.unit) if data else None,
        "instansi_distribusi": _distribution(data.instansi) if data else None,
        "penilai": [_row(row) for row in data.baris] if data else [],
        "kontradiksi": [
            {
                "penilai_id": case.penilai_id,
                "pegawai": {"id": case.pegawai_id, "nip": case.nip, "nama": case.nama},
                "rating_hasil": pilihan(Rating, case.rating_hasil),
                "bukti": case.bukti.as_dict(),
                "alasan": case.alasan,
            }
            for case in (data.kontradiksi if data else [])
        ],
        "halaman": page.number if page else 1,
        "jumlah_halaman": page.paginator.num_pages if page else 1,
        "jumlah_penilai": page.paginator.count if page else len(data.baris) if data else 0,
        "diperbarui_pada": _refreshed(),
    }


def _page_check(halaman: int) -> None:
    if halaman < 1:
        raise ValidationError({"halaman": _("Halaman dimulai dari 1.")})


def _refreshed() -> Any:
    latest = baca.latest_refresh()
    return latest.selesai_pada if latest else None


def _use(item: selectors.PemakaianBukti) -> dict[str, Any]:
    return {
        "bukti_id": item.bukti_id,
        "pegawai": {"id": item.pegawai_id, "nip": item.nip, "nama": item.nama},
        "unit_nama": item.unit_nama,
        "periode": item.periode,
        "uraian": item.uraian,
        "nama_berkas": item.nama_berkas,
        "tautan": item.tautan,
        "status": pilihan(StatusBukti, item.status),
        "diunggah_pada": item.diunggah_pada,
        "batas_realisasi": item.batas_realisasi,
        "pesan": item.pesan,
    }


def _section(section: selectors.Bagian, sinyal: JenisSinyal | None) -> dict[str, Any]:
    page = section.halaman
    found = {
        "halaman": page.number if page else 1,
        "jumlah_halaman": page.paginator.num_pages if page else 1,
        "jumlah": section.jumlah,
    }
    return found | ({"sinyal": pilihan(JenisSinyal, sinyal)} if sinyal else {})


def _groups(section: selectors.Bagian, sinyal: JenisSinyal) -> dict[str, Any]:
    return _section(section, sinyal) | {
        "kelompok": [
            {
                "kunci": group.kunci,
                "jumlah_pegawai": group.jumlah_pegawai,
                "pegawai_di_luar": group.pegawai_di_luar,
                "pemakaian": [_use(item) for item in group.pemakaian],
                "jumlah_pemakaian": group.jumlah_pemakaian,
            }
            for group in section.isi
        ]
    }


@router.get("/integritas", response=IntegritasOut, summary="Integritas bukti dukung")
def integrity_report(
    request: HttpRequest,
    unit: int | None = None,
    tahun: int | None = None,
    periode: int | None = None,
    halaman: int = 1,
) -> dict[str, Any]:
    """Files (SHA-256) and links submitted by more than one employee, and uploads after the
    realisation deadline, of the unit subtree's employees in the year (or the period): counts
    per unit and the cases, 50 to a page (`halaman` applies to each section), as of the last
    refresh. HR readers only."""
    found_unit = access.integritas_unit(scope_for(request.user), unit)
    _page_check(halaman)
    found_tahun, found_periode = access.tahun_periode_resolve(tahun, periode)
    if found_tahun is None:
        return {"unit": _unit(found_unit), "tahun": None, "periode": None, "ringkasan": []}
    data = selectors.integrity_report(
        jalur=found_unit.jalur,
        tahun=found_tahun,
        periode=found_periode,
        halaman=dict.fromkeys(("ringkasan", "berkas", "tautan", "terlambat"), halaman),
    )
    return {
        "unit": _unit(found_unit),
        "tahun": found_tahun.tahun,
        "periode": _periode(found_periode),
        "ringkasan": [
            {
                "unit": {"id": row.unit_id, "kode": row.kode, "nama": row.nama},
                "bukti": row.bukti,
                "berkas_sama": row.berkas_sama,
                "tautan_sama": row.tautan_sama,
                "terlambat": row.terlambat,
            }
            for row in data.ringkasan.isi
        ],
        "ringkasan_halaman": _section(data.ringkasan, None),
        "total": {name: getattr(data.total, name) for name in EVIDENCE_COUNTS},
        "diperbarui_pada": _refreshed(),
        "berkas_sama": _groups(data.berkas_sama, JenisSinyal.BERKAS_PEGAWAI_LAIN),
        "tautan_sama": _groups(data.tautan_sama, JenisSinyal.TAUTAN_BERSAMA),
        "terlambat": _section(data.terlambat, JenisSinyal.TERLAMBAT)
        | {"bukti": [_use(item) for item in data.terlambat.isi]},
    }
