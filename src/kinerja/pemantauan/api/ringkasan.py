"""The HR / leaders' dashboard API: the dashboard of a unit for a period and a jenis jabatan,
the predikat matrix over time with the outlook, and starting the refresh.

The same access and selectors as the pages: readers are admin kepegawaian and pimpinan of a
subtree, auditor and superuser (a unit they do not read, or nobody's, is 404; everyone else
404); starting the refresh is for admin kepegawaian and superuser (other readers 403). An
unknown period or jenis jabatan is 422 naming the field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from kinerja.aturan.enums import Predikat, PredikatOrganisasi, Tren
from kinerja.audit.services import Aktor
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.models import Unit
from kinerja.pemantauan import access, services
from kinerja.pemantauan.schemas_ringkasan import MatriksOut, PekerjaanOut, RingkasanOut
from kinerja.pemantauan.selectors import ringkasan as selectors
from kinerja.periode.models import Periode
from kinerja.skp.schemas import pilihan

router = Router(tags=["pemantauan"])


def _unit(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "kode": unit.kode, "nama": unit.nama}


def _periode(periode: Periode) -> dict[str, Any]:
    return {
        "id": periode.pk,
        "kode": periode.kode,
        "nama": periode.nama,
        "tahun": periode.tahun.tahun,
    }


def _jenis(jenis_jabatan: str) -> str:
    if jenis_jabatan and JenisJabatan.parse(jenis_jabatan) is None:
        raise ValidationError({"jenis_jabatan": _("Jenis jabatan tidak dikenal.")})
    found = JenisJabatan.parse(jenis_jabatan) if jenis_jabatan else None
    return found.value if found else ""


def _cells(cells: list[selectors.SelPredikat]) -> list[dict[str, Any]]:
    return [
        {"predikat": pilihan(Predikat, c.predikat.value), "jumlah": c.jumlah, "persen": c.persen}
        for c in cells
    ]


def _row(row: selectors.BarisUnit | None) -> dict[str, Any] | None:
    if row is None:
        return None
    kurva = row.kurva
    return {
        "unit": _unit(row.unit),
        "langsung": row.langsung,
        "pegawai": row.pegawai,
        "kemajuan": [
            {
                "label": t.label,
                "selesai": t.selesai,
                "total": t.total,
                "terlambat": t.terlambat,
                "persen": t.persen,
            }
            for t in row.tahap
        ],
        "distribusi": _cells(row.distribusi),
        "dinilai": row.dinilai,
        "kurva": None
        if kurva is None
        else {
            "predikat_organisasi": pilihan(PredikatOrganisasi, kurva.organisasi),
            "status": kurva.status,
            "label": kurva.label,
        },
    }


def _person(pegawai: Any) -> dict[str, Any] | None:
    if pegawai is None:
        return None
    return {"id": pegawai.pk, "nip": pegawai.nip, "nama": pegawai.nama}


@router.get("/ringkasan", response=RingkasanOut, summary="Dasbor kinerja unit")
def summary(
    request: HttpRequest,
    unit: int | None = None,
    periode: int | None = None,
    jenis_jabatan: str = "",
    tahun: int | None = None,
    halaman: int = 1,
) -> dict[str, Any]:
    """The unit (default: the top readable one) with its subtree for the period (default: the
    latest started one): the cycle's progress, per direct sub-unit and for its direct members,
    the predikat distribution and curve check, the agency's for comparison (all from the last
    refresh), and the direct members who are late now (50 a page)."""
    scope = scope_for(request.user)
    found = access.unit_for_read(scope, unit)
    saringan = selectors.filters_resolve(periode, _jenis(jenis_jabatan), tahun)
    if saringan.periode_salah:
        raise ValidationError({"periode": _("Periode tidak ditemukan.")})
    data = selectors.dashboard(scope, found, saringan, halaman=max(halaman, 1), halaman_unit=None)
    late = data.terlambat
    return {
        "unit": _unit(found),
        "jejak": [_unit(j.unit) for j in data.jejak if j.terbaca],
        "periode": _periode(data.periode) if data.periode else None,
        "jenis_jabatan": data.jenis_jabatan,
        "pembaruan": {"id": data.pembaruan.pk, "selesai_pada": data.pembaruan.selesai_pada}
        if data.pembaruan
        else None,
        "berjalan": data.berjalan is not None,
        "ringkasan": _row(data.unit_baris),
        "langsung": _row(data.langsung),
        "sub_unit": [_row(row) for row in data.sub_unit],
        "instansi": _row(data.instansi),
        "terlambat": {
            "jumlah": late.jumlah,
            "halaman": late.halaman,
            "halaman_total": late.halaman_total,
            "items": [
                {
                    "pegawai": _person(item.pegawai),
                    "jabatan": item.pegawai.jabatan.nama,
                    "penilai": _person(item.pegawai.penilai),
                    "laporan": item.laporan,
                    "bukti": item.bukti,
                    "penilaian": item.penilaian,
                }
                for item in late.items
            ],
        },
    }


@router.get("/ringkasan/matriks", response=MatriksOut, summary="Matriks predikat antarperiode")
def matrix(
    request: HttpRequest, unit: int | None = None, jenis_jabatan: str = ""
) -> dict[str, Any]:
    """The unit subtree's predikat counts per counted period (oldest first) and its outlook:
    the projected distribution of the next period with its 95% range, the trend counts and
    the early warnings (from the last refresh)."""
    found = access.unit_for_read(scope_for(request.user), unit)
    jenis = _jenis(jenis_jabatan)
    data = selectors.over_time(found, jenis)
    proyeksi = data.proyeksi
    return {
        "unit": _unit(found),
        "jenis_jabatan": jenis,
        "baris": [
            {
                "periode": _periode(row.periode),
                "dinilai": row.dinilai,
                "distribusi": _cells(row.distribusi),
            }
            for row in data.matriks
        ],
        "proyeksi": None
        if proyeksi is None
        else {
            "periode_dasar": _periode(proyeksi.periode_dasar),
            "anggota": proyeksi.anggota,
            "harapan": [
                {
                    "predikat": pilihan(Predikat, h.predikat.value),
                    "jumlah": h.jumlah,
                    "rendah": h.rendah,
                    "tinggi": h.tinggi,
                }
                for h in proyeksi.harapan
            ],
            "tren": [{"tren": pilihan(Tren, t.value), "jumlah": n} for t, n in proyeksi.tren],
            "tren_tahunan": [
                {"tren": pilihan(Tren, t.value), "jumlah": n} for t, n in proyeksi.tren_tahunan
            ],
            "peringatan": proyeksi.peringatan,
        },
    }


@router.post("/perbarui", response={202: PekerjaanOut}, summary="Perbarui data pemantauan")
def refresh(request: HttpRequest) -> Status[dict[str, Any]]:
    """Start the refresh of the stored figures (the background job `pemantauan.refresh`);
    follow it at `url`. Admin kepegawaian and superuser; other HR readers 403."""
    scope = scope_for(request.user)
    access.hr_check(scope)
    if not scope.is_admin:
        raise PermissionDenied
    job = services.refresh_start(
        aktor=Aktor.of_request(request), sebab=_("Diminta melalui API pemantauan")
    )
    return Status(202, {"id": job.pk, "url": f"/api/v1/pekerjaan/{job.pk}"})
