"""Talent API: the 9-box, potential, the merit lists and improvement plans.

The same services, selectors and access functions as the pages. A refused input is 422 naming
each field; an object the user may not read is 404, one the user may read but not act on is
403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from kinerja.aturan.enums import Potensi as PotensiEnum
from kinerja.aturan.enums import Predikat, Rating, SanksiKehadiran
from kinerja.audit.services import Aktor
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.penilaian.access import penilaian_readable
from kinerja.skp.schemas import pilihan
from kinerja.talenta import access, selectors, services
from kinerja.talenta.enums import StatusPerbaikan, TindakLanjut
from kinerja.talenta.models import RencanaPerbaikan
from kinerja.talenta.schemas import (
    BatalIn,
    CatatanIn,
    KotakOut,
    MeritOut,
    PotensiBarisOut,
    PotensiIn,
    RencanaDetailOut,
    RencanaIn,
    RencanaOut,
    TutupIn,
)
from kinerja.talenta.selectors import default_year

router = Router(tags=["talenta"])


def _unit(unit: Unit | None) -> dict[str, Any] | None:
    return None if unit is None else {"id": unit.pk, "kode": unit.kode, "nama": unit.nama}


def _pegawai(pegawai: Pegawai) -> dict[str, Any]:
    return {"id": pegawai.pk, "nip": pegawai.nip, "nama": pegawai.nama, "unit": _unit(pegawai.unit)}


def _cakupan(scope: Lingkup, unit_id: int | None, tahun: int | None) -> tuple[access.Cakupan, int]:
    if tahun is not None and not 2000 <= tahun <= 2100:
        raise ValidationError({"tahun": _("Tahun harus antara 2000 dan 2100.")})
    return access.cakupan_for(scope, unit_id), tahun or default_year()


@router.get("/kotak", response=KotakOut, summary="9 kotak talenta")
def box(
    request: HttpRequest, unit_id: int | None = None, tahun: int | None = None
) -> dict[str, Any]:
    """Everyone of the unit subtree (the caller's appraisees for an appraiser who reads no
    unit) in their box for the year, and those lacking the annual predikat or the potential."""
    cakupan, year = _cakupan(scope_for(request.user), unit_id, tahun)
    data = selectors.talent_box(jalur=cakupan.jalur, tahun=year, penilai_id=cakupan.penilai_id)
    return {
        "tahun": year,
        "unit": _unit(cakupan.unit),
        "kotak": [
            {
                "kotak": cell.kotak,
                "potensi": pilihan(PotensiEnum, cell.potensi),
                "kinerja": pilihan(Rating, cell.kinerja),
                "jumlah": cell.jumlah,
                "anggota": [
                    {
                        "pegawai": _pegawai(item.pegawai),
                        "predikat": pilihan(Predikat, item.predikat),
                        "sementara": item.sementara,
                        "penjelasan": item.penjelasan.as_dict(),
                    }
                    for item in cell.anggota
                ],
            }
            for row in data.baris
            for cell in row
        ],
        "belum_lengkap": [
            {"pegawai": _pegawai(item.pegawai), "kurang": list(item.kurang)}
            for item in data.belum_lengkap
        ],
        "kesalahan": data.kesalahan,
    }


@router.get("/potensi", response=list[PotensiBarisOut], summary="Potensi pegawai unit")
def potential_list(
    request: HttpRequest, unit_id: int | None = None, tahun: int | None = None
) -> list[dict[str, Any]]:
    """Every employee of the unit subtree with the year's potential (HR readers)."""
    unit = access.potensi_unit_get(scope_for(request.user), unit_id)
    year = tahun or default_year()
    return [
        {
            "pegawai": _pegawai(row.pegawai),
            "tahun": year,
            "potensi": pilihan(PotensiEnum, row.potensi),
        }
        for row in selectors.potensi_rows(jalur=unit.jalur, tahun=year)
    ]


@router.put(
    "/potensi/{int:pegawai_id}/{int:tahun}", response=PotensiBarisOut, summary="Catat potensi"
)
def potential_save(
    request: HttpRequest, pegawai_id: int, tahun: int, payload: PotensiIn
) -> dict[str, Any]:
    """Record an employee's potential for a year (admin kepegawaian of the employee's unit);
    an empty value removes it."""
    pegawai = access.pegawai_get_for_potensi(scope_for(request.user), pegawai_id)
    saved = services.potensi_save(
        aktor=Aktor.of_request(request),
        pegawai=pegawai,
        tahun=tahun,
        potensi=payload.potensi,
        catatan=payload.catatan,
    )
    return {
        "pegawai": _pegawai(pegawai),
        "tahun": tahun,
        "potensi": pilihan(PotensiEnum, saved.potensi) if saved else None,
    }


@router.get("/merit", response=MeritOut, summary="Daftar merit")
def merit(
    request: HttpRequest, unit_id: int | None = None, tahun: int | None = None
) -> dict[str, Any]:
    """Succession candidates, promotion eligibility (and who does not meet it yet), employees
    needing an improvement plan, and attendance discipline thresholds reached, with reasons."""
    cakupan, year = _cakupan(scope_for(request.user), unit_id, tahun)
    data = selectors.merit_lists(jalur=cakupan.jalur, tahun=year, penilai_id=cakupan.penilai_id)

    def rows(items: list[selectors.BarisMerit]) -> list[dict[str, Any]]:
        return [{"pegawai": _pegawai(r.pegawai), "alasan": r.alasan} for r in items]

    return {
        "tahun": year,
        "unit": _unit(cakupan.unit),
        "suksesi": rows(data.suksesi),
        "kenaikan_pangkat": rows(data.kenaikan_pangkat),
        "belum_memenuhi": rows(data.belum_memenuhi),
        "perbaikan": [
            {
                "pegawai": _pegawai(r.pegawai),
                "predikat": pilihan(Predikat, r.predikat),
                "periode": r.periode,
                "penilaian_id": r.penilaian_id,
                "alasan": r.alasan,
                "rencana": {
                    "id": r.rencana.pk,
                    "status": pilihan(StatusPerbaikan, r.rencana.status),
                }
                if r.rencana
                else None,
            }
            for r in data.perbaikan
        ],
        "disiplin": [
            {
                "pegawai": _pegawai(r.pegawai),
                "hari": r.hari,
                "sanksi": pilihan(SanksiKehadiran, r.sanksi),
                "penjelasan": r.penjelasan.as_dict(),
            }
            for r in data.disiplin
        ],
        "kesalahan": data.kesalahan,
    }


# --- Improvement plans -----------------------------------------------------------------------


def _rencana(item: RencanaPerbaikan) -> dict[str, Any]:
    pembimbing = item.pembimbing
    return {
        "id": item.pk,
        "pegawai": _pegawai(item.pegawai),
        "penilaian_id": item.penilaian_id,
        "mulai": item.mulai,
        "selesai": item.selesai,
        "sasaran": item.sasaran,
        "pembimbing": {"id": pembimbing.pk, "nip": pembimbing.nip, "nama": pembimbing.nama}
        if pembimbing
        else None,
        "status": pilihan(StatusPerbaikan, item.status),
        "hasil": item.hasil,
        "tindak_lanjut": pilihan(TindakLanjut, item.tindak_lanjut),
        "alasan_batal": item.alasan_batal,
        "dibuat_oleh": item.dibuat_label,
        "ditutup_oleh": item.ditutup_label,
    }


def _detail(scope: Lingkup, rencana_id: int) -> dict[str, Any]:
    item = access.rencana_get_for_read(scope, rencana_id)
    running = item.status == StatusPerbaikan.BERJALAN
    return _rencana(item) | {
        "catatan": [
            {"id": note.pk, "tanggal": note.tanggal, "isi": note.isi, "oleh": note.oleh_label}
            for note in selectors.catatan_of(item)
        ],
        "boleh_catat": running and access.may_note(scope, item),
        "boleh_tutup": running and access.may_manage_plan_for(scope, item.pegawai),
    }


@router.get("/perbaikan", response=list[RencanaOut], summary="Rencana perbaikan kinerja")
def plan_list(request: HttpRequest, status: str = "") -> list[dict[str, Any]]:
    """The plans the caller reads (HR readers of the unit, the appraiser, the pembimbing, the
    employee), newest first, optionally of one status."""
    scope = scope_for(request.user)
    if status and StatusPerbaikan.parse(status) is None:
        raise ValidationError({"status": _("Status rencana perbaikan tidak dikenal.")})
    wanted = StatusPerbaikan.parse(status).value if status else ""  # type: ignore[union-attr]
    return [
        _rencana(item) for item in selectors.rencana_list(access.rencana_readable(scope), wanted)
    ]


@router.post("/perbaikan", response={201: RencanaDetailOut}, summary="Buat rencana perbaikan")
def plan_create(request: HttpRequest, payload: RencanaIn) -> Status[dict[str, Any]]:
    """Start an improvement plan for an employee (admin kepegawaian of the unit or the
    employee's appraiser), optionally from one of the employee's assessments."""
    scope = scope_for(request.user)
    pegawai = access.pegawai_get_for_plan(scope, payload.pegawai_id)
    penilaian = None
    if payload.penilaian_id is not None:
        penilaian = penilaian_readable(scope).filter(pk=payload.penilaian_id).first()
        if penilaian is None:
            raise ValidationError({"penilaian_id": _("Penilaian tidak ditemukan.")})
    pembimbing = None
    if payload.pembimbing_id is not None:
        pembimbing = Pegawai.objects.filter(pk=payload.pembimbing_id, aktif=True).first()
        if pembimbing is None:
            raise ValidationError({"pembimbing_id": _("Pembimbing tidak ditemukan.")})
    rencana = services.rencana_perbaikan_create(
        aktor=Aktor.of_request(request),
        pegawai=pegawai,
        sasaran=payload.sasaran,
        mulai=payload.mulai,
        penilaian=penilaian,
        pembimbing=pembimbing,
    )
    return Status(201, _detail(scope, rencana.pk))


@router.get("/perbaikan/{int:rencana_id}", response=RencanaDetailOut, summary="Satu rencana")
def plan_detail(request: HttpRequest, rencana_id: int) -> dict[str, Any]:
    return _detail(scope_for(request.user), rencana_id)


@router.post(
    "/perbaikan/{int:rencana_id}/catatan",
    response={201: RencanaDetailOut},
    summary="Tambah catatan rencana perbaikan",
)
def plan_note(request: HttpRequest, rencana_id: int, payload: CatatanIn) -> Status[dict[str, Any]]:
    """A follow-up note while the plan runs (admin, appraiser, pembimbing)."""
    scope = scope_for(request.user)
    rencana = access.rencana_get_for_note(scope, rencana_id)
    services.rencana_perbaikan_note(
        aktor=Aktor.of_request(request), rencana=rencana, isi=payload.isi, tanggal=payload.tanggal
    )
    return Status(201, _detail(scope, rencana_id))


@router.post(
    "/perbaikan/{int:rencana_id}/tutup", response=RencanaDetailOut, summary="Tutup rencana"
)
def plan_close(request: HttpRequest, rencana_id: int, payload: TutupIn) -> dict[str, Any]:
    """Close a running plan as met or not met (with the follow-up), with the result."""
    scope = scope_for(request.user)
    rencana = access.rencana_get_for_manage(scope, rencana_id)
    services.rencana_perbaikan_close(
        aktor=Aktor.of_request(request),
        rencana=rencana,
        status=payload.status,
        hasil=payload.hasil,
        tindak_lanjut=payload.tindak_lanjut,
    )
    return _detail(scope, rencana_id)


@router.post(
    "/perbaikan/{int:rencana_id}/batal", response=RencanaDetailOut, summary="Batalkan rencana"
)
def plan_cancel(request: HttpRequest, rencana_id: int, payload: BatalIn) -> dict[str, Any]:
    """Cancel a running plan, with the reason."""
    scope = scope_for(request.user)
    rencana = access.rencana_get_for_manage(scope, rencana_id)
    services.rencana_perbaikan_cancel(
        aktor=Aktor.of_request(request), rencana=rencana, alasan=payload.alasan
    )
    return _detail(scope, rencana_id)
