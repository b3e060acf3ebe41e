"""Credit-point API: the signed-in employee's points, one employee's, a unit subtree's list of
a year, and the "Penetapan Angka Kredit" PDF of a finalised year. The same access functions
and selectors as the pages; an employee the user may not read is 404."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from kinerja.angka_kredit import access, documents, selectors
from kinerja.angka_kredit.enums import StatusSyarat
from kinerja.angka_kredit.schemas import DaftarOut, RiwayatOut
from kinerja.aturan.enums import Predikat
from kinerja.aturan.models import SetAturan
from kinerja.aturan.rules import HasilAngkaKredit, shown, stored
from kinerja.aturan.rules.angka_kredit import Ambang
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.enums import Jenjang
from kinerja.organisasi.models import Pegawai
from kinerja.penilaian.enums import StatusPenilaian
from kinerja.periode import selectors as periode_selectors
from kinerja.skp.schemas import pilihan

router = Router(tags=["angka kredit"])
PDF_RESPONSE = {
    "responses": {
        200: {
            "description": "The Penetapan Angka Kredit (A4 PDF).",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


# --- Answers ---------------------------------------------------------------------------------


def _angka(value: Decimal | None) -> dict[str, str] | None:
    if value is None:
        return None
    value = stored(Decimal(value))
    return {"nilai": format(value, "f"), "tampil": shown(value)}


def _set_aturan(item: SetAturan) -> dict[str, Any]:
    return {"id": item.pk, "kode": item.kode, "versi": item.versi, "nama": item.nama}


def _pegawai(pegawai: Pegawai) -> dict[str, Any]:
    unit = pegawai.unit
    return {
        "id": pegawai.pk,
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "jabatan": pegawai.jabatan.nama,
        "unit": {"id": unit.pk, "kode": unit.kode, "nama": unit.nama},
    }


def _bagian(jenjang: Jenjang, bulan: int, hasil: HasilAngkaKredit) -> dict[str, Any]:
    return {
        "jenjang": pilihan(Jenjang, jenjang),
        "bulan": bulan,
        "angka_kredit": _angka(hasil.nilai),
        "penjelasan": hasil.penjelasan.as_dict(),
    }


def _tahun(year: selectors.TahunKredit) -> dict[str, Any]:
    kredit = year.kredit
    status = StatusPenilaian.FINAL if year.final else StatusPenilaian.DRAF
    return {
        "tahun": year.tahun,
        "penilaian_id": year.penilaian_id,
        "status": pilihan(StatusPenilaian, status),
        "sementara": year.sementara,
        "predikat": pilihan(Predikat, year.predikat) if year.predikat else None,
        "bagian": [_bagian(p.jenjang, p.bulan, p.hasil) for p in kredit.bagian] if kredit else [],
        "jumlah": _angka(year.total),
        "set_aturan": _set_aturan(kredit.set_aturan) if kredit else None,
    }


def _ambang(ambang: Ambang) -> dict[str, Any]:
    return {
        "batas": _angka(ambang.batas),
        "kurang": _angka(ambang.kurang),
        "tercapai": ambang.tercapai,
    }


def _kumulatif(item: selectors.Kumulatif) -> dict[str, Any]:
    return {
        "jenjang": pilihan(Jenjang, item.jenjang),
        "sampai_tahun": item.sampai_tahun,
        "jumlah": _angka(item.total),
        "rincian": [{"tahun": year, "angka_kredit": _angka(v)} for year, v in item.rincian],
        "kenaikan_pangkat": _ambang(item.hasil.kenaikan_pangkat),
        "kenaikan_jenjang": _ambang(item.hasil.kenaikan_jenjang),
        "jenjang_tertinggi": item.tertinggi,
        "tahun_predikat": item.tahun_predikat,
        "predikat_terakhir": pilihan(Predikat, item.predikat_terakhir)
        if item.predikat_terakhir
        else None,
        "layak_kenaikan_pangkat": item.layak_pangkat,
        "layak_kenaikan_jenjang": item.layak_jenjang,
        "syarat_kenaikan_jenjang": [
            {
                "uraian": s.uraian,
                "status": pilihan(StatusSyarat, s.status),
                "keterangan": s.keterangan,
            }
            for s in item.syarat_jenjang
        ],
        "set_aturan": _set_aturan(item.set_aturan),
        "penjelasan": item.hasil.penjelasan.as_dict(),
    }


def _riwayat(scope: Lingkup, pegawai: Pegawai) -> dict[str, Any]:
    riwayat = selectors.credit_history(
        pegawai, drafts=access.sees_drafts(scope, pegawai), today=timezone.localdate()
    )
    return {
        "pegawai": _pegawai(pegawai),
        "fungsional": riwayat.fungsional,
        "jenjang": pilihan(Jenjang, riwayat.jenjang) if riwayat.jenjang else None,
        "keterangan": None
        if riwayat.fungsional
        else _("Pegawai ini tidak menduduki jabatan fungsional."),
        "kumulatif": _kumulatif(riwayat.kumulatif) if riwayat.kumulatif else None,
        "tahun": [_tahun(year) for year in riwayat.tahun],
    }


# --- Endpoints -------------------------------------------------------------------------------


class DaftarQuery(Schema):
    unit_id: int | None = None
    tahun: int | None = None


@router.get("", response=DaftarOut, summary="Angka kredit pegawai fungsional per unit")
def unit_list(request: HttpRequest, query: Query[DaftarQuery]) -> dict[str, Any]:
    """The active functional employees of a unit subtree (every unit of the reader's scope
    without `unit_id`) in a year (the default year without `tahun`): the year's predikat and
    points, the running total and what is missing for the next rank and jenjang. For admin
    kepegawaian, pimpinan, auditor and superuser."""
    scope = scope_for(request.user)
    tahun = query.tahun or periode_selectors.default_tahun(timezone.localdate())
    unit, employees = access.list_employees(scope, query.unit_id)
    rows = selectors.unit_credits(employees, tahun=tahun)
    return {
        "tahun": tahun,
        "unit": {"id": unit.pk, "kode": unit.kode, "nama": unit.nama} if unit else None,
        "jumlah": len(rows),
        "baris": [
            {
                "pegawai": _pegawai(row.pegawai),
                "jenjang": pilihan(Jenjang, row.jenjang),
                "bulan": row.bulan,
                "penilaian": _tahun(row.tahun) if row.tahun else None,
                "kumulatif": _kumulatif(row.kumulatif),
            }
            for row in rows
        ],
    }


@router.get("/saya", response=RiwayatOut, summary="Angka kredit saya")
def own(request: HttpRequest) -> dict[str, Any]:
    """The signed-in employee's points per year and running total (their own draft annual
    assessment shows no predikat or points until finalised)."""
    scope = scope_for(request.user)
    return _riwayat(scope, access.own_get(scope))


@router.get("/pegawai/{int:pegawai_id}", response=RiwayatOut, summary="Angka kredit pegawai")
def one(request: HttpRequest, pegawai_id: int) -> dict[str, Any]:
    """An employee's points per year (a draft's points provisional) and running total."""
    scope = scope_for(request.user)
    return _riwayat(scope, access.pegawai_get_for_read(scope, pegawai_id))


@router.get(
    "/pegawai/{int:pegawai_id}/{int:tahun}/pdf",
    summary="Penetapan angka kredit (PDF)",
    openapi_extra=PDF_RESPONSE,
)
def pdf(request: HttpRequest, pegawai_id: int, tahun: int) -> HttpResponse:
    """The Penetapan Angka Kredit of a year; 404 without a finalised annual assessment or a
    functional month in that year."""
    pegawai = access.pegawai_get_for_read(scope_for(request.user), pegawai_id)
    dokumen = selectors.credit_year(pegawai, tahun)
    if dokumen is None:
        raise Http404
    response = HttpResponse(
        documents.penetapan_pdf(dokumen, timezone.localdate()), content_type="application/pdf"
    )
    filename = documents.penetapan_filename(dokumen)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
