"""Assessment API: organisation ratings, the appraiser's list and rating form, rating an
employee (predikat with its explanation), one assessment and the employee's own, the curve
monitor with finalising and reopening a group, objections, and the evaluation documents.

The same services, selectors and access functions as the pages. A refused input is 422 naming
each field and what is wrong with it (`{"detail": [{"loc": ["body", "rating_hasil"], "msg":
"…"}], "errors": {"rating_hasil": ["…"]}}`, by the API's ValidationError handler); an object
the user may not read is 404, one the user may read but not act on is 403.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Status

from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import Predikat, PredikatOrganisasi, Rating
from kinerja.aturan.models import SetAturan
from kinerja.aturan.rules.kurva import HasilBatasan
from kinerja.audit.services import Aktor
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.penilaian import access, documents, rules, selectors, services
from kinerja.penilaian.enums import (
    AksiKeberatan,
    AksiPenetapan,
    StatusKeberatan,
    StatusPenetapan,
    StatusPenilaian,
)
from kinerja.penilaian.models import (
    Keberatan,
    KinerjaOrganisasi,
    Penetapan,
    Penilaian,
    RiwayatPenetapan,
)
from kinerja.penilaian.schemas import (
    BukaIn,
    DinilaiOut,
    FormulirOut,
    KeberatanAksiOut,
    KeberatanBarisOut,
    KeberatanIn,
    KelompokOut,
    KeputusanIn,
    KurvaBarisOut,
    OrganisasiIn,
    OrganisasiOut,
    PekerjaanOut,
    PenilaianIn,
    PenilaianOut,
    PenjelasanIn,
    SayaOut,
)
from kinerja.periode.access import periode_get_for_read
from kinerja.periode.enums import StatusPeriode
from kinerja.periode.models import Periode
from kinerja.realisasi.enums import StatusLaporan
from kinerja.skp.enums import Aspek, JenisRhk
from kinerja.skp.schemas import pilihan

router = Router(tags=["penilaian"])
Result = TypeVar("Result")
PDF_RESPONSE = {
    "responses": {
        200: {
            "description": "The document (A4 PDF).",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


# --- Answers ---------------------------------------------------------------------------------


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _rating(value: Rating | str | None) -> dict[str, str] | None:
    return pilihan(Rating, value) if value else None


def _periode(periode: Periode) -> dict[str, Any]:
    return {
        "id": periode.pk,
        "tahun": periode.tahun.tahun,
        "kode": periode.kode,
        "nama": periode.nama,
        "status": pilihan(StatusPeriode, periode.status),
        "mulai": periode.mulai,
        "selesai": periode.selesai,
    }


def _person(pegawai: Pegawai) -> dict[str, Any]:
    return {"id": pegawai.pk, "nip": pegawai.nip, "nama": pegawai.nama}


def _set_aturan(item: SetAturan) -> dict[str, Any]:
    return {"id": item.pk, "kode": item.kode, "versi": item.versi, "nama": item.nama}


def _ringkas(penilaian: Penilaian | None) -> dict[str, Any] | None:
    if penilaian is None:
        return None
    return {
        "id": penilaian.pk,
        "status": pilihan(StatusPenilaian, penilaian.status),
        "rating_hasil": _rating(penilaian.rating_hasil),
        "rating_perilaku": _rating(penilaian.rating_perilaku),
        "predikat": pilihan(Predikat, penilaian.predikat),
        "dinilai_pada": penilaian.dinilai_pada,
        "ditetapkan_pada": penilaian.ditetapkan_pada,
    }


def _predikat(set_aturan: SetAturan, hasil: Rating, perilaku: Rating) -> dict[str, Any]:
    computed = aturan_rules.predikat_compute(set_aturan.aturan(), hasil, perilaku)
    return {
        "predikat": pilihan(Predikat, computed.predikat),
        "penjelasan": computed.penjelasan.as_dict(),
    }


def _organisasi(
    scope: Lingkup, item: KinerjaOrganisasi, unit: Unit | None = None
) -> dict[str, Any]:
    """The rating; `unit` is its unit when the caller has it already."""
    unit = unit or item.unit
    return {
        "unit": unit,
        "periode_id": item.periode_id,
        "predikat": pilihan(PredikatOrganisasi, item.predikat),
        "alasan": item.alasan,
        "atas_nama": item.atas_nama,
        "oleh": item.oleh_label,
        "diubah_pada": item.diubah_pada,
        "may_edit": access.leads_above(scope, unit) or scope.manages_path(unit.jalur),
    }


def _deadline(penilaian: Penilaian) -> datetime.date | None:
    if not penilaian.is_final or penilaian.ditetapkan_pada is None:
        return None
    return rules.objection_deadline(
        timezone.localdate(penilaian.ditetapkan_pada),
        penilaian.set_aturan.aturan().keberatan_hari,
    )


def _keberatan_of(penilaian: Penilaian) -> Keberatan | None:
    try:
        return penilaian.keberatan
    except Keberatan.DoesNotExist:
        return None


def _allowed(status: str, aksi: AksiKeberatan) -> bool:
    return rules.objection_transition(status, aksi) is not None


def _keberatan(scope: Lingkup, item: Keberatan) -> dict[str, Any]:
    atasan = item.atasan
    penilaian = item.penilaian
    return {
        "id": item.pk,
        "penilaian_id": item.penilaian_id,
        "status": pilihan(StatusKeberatan, item.status),
        "alasan": item.alasan,
        "diajukan_pada": item.diajukan_pada,
        "atasan": None if atasan is None else _person(atasan),
        "penjelasan": item.penjelasan,
        "dijelaskan_oleh": item.dijelaskan_label,
        "dijelaskan_pada": item.dijelaskan_pada,
        "keputusan": item.keputusan,
        "predikat_lama": pilihan(Predikat, item.predikat_lama),
        "rating_hasil_baru": _rating(item.rating_hasil_baru),
        "rating_perilaku_baru": _rating(item.rating_perilaku_baru),
        "predikat_baru": pilihan(Predikat, item.predikat_baru),
        "diputuskan_oleh": item.diputuskan_label,
        "diputuskan_pada": item.diputuskan_pada,
        "may_explain": _allowed(item.status, AksiKeberatan.JELASKAN)
        and access.may_explain(scope, penilaian),
        "may_decide": _allowed(item.status, AksiKeberatan.TERIMA)
        and access.may_decide(scope, item),
        "may_withdraw": _allowed(item.status, AksiKeberatan.TARIK)
        and access.is_owner(scope, penilaian),
    }


def _detail(scope: Lingkup, penilaian: Penilaian) -> dict[str, Any]:
    """An assessment as the caller reads it, with what the caller may do about it."""
    keberatan = _keberatan_of(penilaian)
    if keberatan is not None:
        keberatan.penilaian = penilaian
    deadline = _deadline(penilaian)
    identitas = penilaian.identitas or {}
    explained = _predikat(
        penilaian.set_aturan, Rating(penilaian.rating_hasil), Rating(penilaian.rating_perilaku)
    )
    return {
        "id": penilaian.pk,
        "pegawai": penilaian.pegawai,
        "periode": _periode(penilaian.periode),
        "unit": penilaian.unit,
        "jabatan": None if penilaian.jabatan is None else penilaian.jabatan.nama,
        "status": pilihan(StatusPenilaian, penilaian.status),
        "identitas": {key: identitas.get(key) for key in ("pegawai", "penilai", "atasan_penilai")},
        "rating_hasil": _rating(penilaian.rating_hasil),
        "rating_perilaku": _rating(penilaian.rating_perilaku),
        "rating_rhk": {kode: _rating(value) for kode, value in penilaian.rating_rhk.items()},
        "rating_nilai": {kode: _rating(value) for kode, value in penilaian.rating_nilai.items()},
        "predikat": pilihan(Predikat, penilaian.predikat),
        "penjelasan": explained["penjelasan"],
        "set_aturan": _set_aturan(penilaian.set_aturan),
        "catatan": penilaian.catatan,
        "masukan": penilaian.masukan,
        "dinilai_oleh": penilaian.dinilai_label,
        "dinilai_pada": penilaian.dinilai_pada,
        "ditetapkan_pada": penilaian.ditetapkan_pada,
        "penetapan_id": penilaian.penetapan_id,
        "batas_keberatan": deadline,
        "may_object": access.is_owner(scope, penilaian)
        and keberatan is None
        and deadline is not None
        and timezone.localdate() <= deadline,
        "keberatan": None if keberatan is None else _keberatan(scope, keberatan),
    }


def _fresh(scope: Lingkup, penilaian_id: int) -> dict[str, Any]:
    """The assessment as it is after a change, read again as the caller sees it."""
    return _detail(scope, access.penilaian_get_for_read(scope, penilaian_id))


def _fresh_objection(scope: Lingkup, keberatan_id: int) -> dict[str, Any]:
    """The objection as it is after an action, with its assessment now."""
    found = access.keberatan_get_for_read(scope, keberatan_id)
    return {**_keberatan(scope, found), "penilaian": _ringkas(found.penilaian)}


def _form(scope: Lingkup, pegawai: Pegawai, periode: Periode) -> dict[str, Any]:
    form = selectors.form_data(pegawai, periode)
    existing = form.penilaian
    kunci = rules.rating_edit_error(periode.status, existing.status if existing else None)
    predikat = None
    if form.rating_hasil is not None and form.rating_perilaku is not None:
        try:
            set_aturan = selectors.aturan_for(pegawai.unit.jalur, periode)
        except aturan_rules.RuleError:
            set_aturan = None
        if set_aturan is not None:
            predikat = _predikat(set_aturan, form.rating_hasil, form.rating_perilaku)
    return {
        "pegawai": pegawai,
        "periode": _periode(periode),
        "skp_id": None if form.skp is None else form.skp.pk,
        "penilaian": _ringkas(existing),
        "rhk": [
            {
                "id": item.rhk.pk,
                "kode": item.rhk.kode,
                "jenis": pilihan(JenisRhk, item.rhk.jenis),
                "uraian": item.rhk.uraian,
                "indikator": [
                    {
                        "id": ind.indikator_id,
                        "aspek": pilihan(Aspek, ind.aspek),
                        "uraian": ind.uraian,
                        "target": ind.target,
                        "realisasi": ind.realisasi,
                        "capaian": _decimal_text(ind.capaian),
                    }
                    for ind in item.indikator
                ],
                "bukti": item.verdicts,
                "saran": _saran(item.saran),
                "rating": _rating(item.rating),
            }
            for item in form.rhk
        ],
        "perilaku": [
            {
                "kode": value.kode,
                "nama": value.nama,
                "umpan_balik": value.umpan_balik,
                "rating": _rating(value.rating),
            }
            for value in form.perilaku
        ],
        "saran_hasil": _saran(form.saran_hasil),
        "saran_perilaku": _saran(form.saran_perilaku),
        "rating_hasil": _rating(form.rating_hasil),
        "rating_perilaku": _rating(form.rating_perilaku),
        "catatan": form.catatan,
        "prefilled_from": None if form.prefilled_from is None else _periode(form.prefilled_from),
        "predikat": predikat,
        "may_edit": kunci is None and access.may_rate(scope, pegawai),
        "kunci": kunci,
    }


def _saran(saran: rules.Saran) -> dict[str, Any]:
    return {"rating": _rating(saran.rating), "alasan": saran.alasan}


def _riwayat(step: RiwayatPenetapan) -> dict[str, Any]:
    return {
        "aksi": pilihan(AksiPenetapan, step.aksi),
        "alasan": step.alasan,
        "jumlah": step.jumlah,
        "oleh": step.oleh_label,
        "pada": step.pada,
    }


def _penetapan(item: Penetapan | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "id": item.pk,
        "status": pilihan(StatusPenetapan, item.status),
        "predikat_organisasi": pilihan(PredikatOrganisasi, item.predikat_organisasi),
        "jumlah": item.jumlah,
        "penanda_tangan": item.penanda_tangan,
        "ditetapkan_oleh": item.ditetapkan_label,
        "ditetapkan_pada": item.ditetapkan_pada,
        "riwayat": [_riwayat(step) for step in item.riwayat.order_by("pk")],
    }


def _kelompok(scope: Lingkup, group: selectors.Kelompok) -> dict[str, Any]:
    hasil = group.hasil
    counts = (
        {predikat.value: count for predikat, count in hasil.jumlah.items()}
        if hasil is not None
        else rules.count_predikat(item.predikat for item in group.rated)
    )
    return {
        "unit": group.unit,
        "periode": _periode(group.periode),
        "organisasi": None
        if group.organisasi is None
        else _organisasi(scope, group.organisasi, group.unit),
        "set_aturan": _set_aturan(group.set_aturan),
        "kepala": group.kepala,
        "jumlah_anggota": len(group.anggota),
        "jumlah_dinilai": len(group.rated),
        "jumlah": counts,
        "status": None if hasil is None else hasil.status,
        "sesuai": None if hasil is None else hasil.sesuai,
        "batasan": [] if hasil is None else [_batasan(row) for row in hasil.batasan],
        "saran": []
        if hasil is None
        else [
            {
                "dari": pilihan(Predikat, move.dari),
                "ke": pilihan(Predikat, move.ke),
                "jumlah": move.jumlah,
                "label": move.label(),
            }
            for move in hasil.saran
        ],
        "penjelasan": None if hasil is None else hasil.penjelasan.as_dict(),
        "anggota": [
            {"pegawai": member.pegawai, "penilaian": _ringkas(member.penilaian)}
            for member in group.anggota
        ],
        "belum_dinilai": [_person(pegawai) for pegawai in group.unrated],
        "errors": group.errors,
        "is_final": group.is_final,
        "may_finalise": access.may_finalise(scope, group.unit),
        "penetapan": _penetapan(group.penetapan),
    }


def _batasan(row: HasilBatasan) -> dict[str, Any]:
    return {
        "label": row.label,
        "jenis": row.batasan.jenis.value,
        "predikat": [predikat.value for predikat in row.batasan.predikat],
        "minimum": row.minimum,
        "maksimum": row.maksimum,
        "jumlah": row.jumlah,
        "terpenuhi": row.terpenuhi,
        "penjelasan": row.penjelasan,
    }


# --- Fetching --------------------------------------------------------------------------------


def _compute(action: Callable[[], Result]) -> Result:
    """A rule that cannot be applied (no rule set for the unit and period) is a 422."""
    try:
        return action()
    except aturan_rules.RuleError as error:
        raise ValidationError(str(error)) from None


def _group(unit: Unit, periode: Periode) -> selectors.Kelompok:
    return _compute(lambda: selectors.kelompok_detail(unit, periode))


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Organisation ratings --------------------------------------------------------------------


@router.get(
    "/organisasi", response=list[OrganisasiOut], summary="Capaian kinerja organisasi per periode"
)
def organisation_list(request: HttpRequest, periode_id: int) -> list[dict[str, Any]]:
    """The organisation ratings of the period of the units the caller reads (HR readers), in
    unit tree order, each with whether the caller may change it."""
    scope = scope_for(request.user)
    access.organisation_list_check(scope)
    ratings = selectors.organisation_ratings(scope, periode_get_for_read(scope, periode_id))
    return [_organisasi(scope, item) for item in ratings.order_by("unit__jalur")]


@router.put(
    "/organisasi/{int:unit_id}/{int:periode_id}",
    response=OrganisasiOut,
    summary="Tetapkan capaian kinerja organisasi",
)
def organisation_rate(
    request: HttpRequest, unit_id: int, periode_id: int, payload: OrganisasiIn
) -> dict[str, Any]:
    """Set or change a unit's organisation rating with a short justification: by the leader
    above the unit, or by its admin kepegawaian on the leader's behalf (`atas_nama`)."""
    scope = scope_for(request.user)
    unit, atas_nama = access.unit_get_for_organisation_rating(scope, unit_id)
    saved = services.organisasi_rate(
        aktor=Aktor.of_request(request),
        unit=unit,
        periode=periode_get_for_read(scope, periode_id),
        predikat=payload.predikat,
        alasan=payload.alasan,
        atas_nama=atas_nama,
    )
    return _organisasi(scope, saved)


# --- The appraiser ---------------------------------------------------------------------------


@router.get("/dinilai", response=list[DinilaiOut], summary="Pegawai yang saya nilai")
def appraisee_list(request: HttpRequest, periode_id: int) -> list[dict[str, Any]]:
    """The caller's active appraisees by name, each with the period's assessment, approved plan
    and report."""
    penilai_id = access.rater_check(scope_for(request.user))
    rows = selectors.appraisee_rows(
        penilai_id, periode_get_for_read(scope_for(request.user), periode_id)
    )
    return [
        {
            "pegawai": row.pegawai,
            "penilaian": _ringkas(row.penilaian),
            "skp_id": row.skp_id,
            "laporan_status": pilihan(StatusLaporan, row.laporan_status or ""),
        }
        for row in rows
    ]


@router.get(
    "/pegawai/{int:pegawai_id}/periode/{int:periode_id}/formulir",
    response=FormulirOut,
    summary="Formulir penilaian",
)
def rating_form(request: HttpRequest, pegawai_id: int, periode_id: int) -> dict[str, Any]:
    """Per RHK the indicators with target, realisation and achievement, the evidence verdicts
    and a suggested rating with its reason; per BerAKHLAK value the feedback given; suggested
    overall ratings; the current (or, for TAHUNAN, pre-filled) values and their predikat.
    Readers of the employee see it (`may_edit` false); the employee never does."""
    scope = scope_for(request.user)
    pegawai = access.pegawai_get_for_rating_view(scope, pegawai_id)
    return _form(scope, pegawai, periode_get_for_read(scope, periode_id))


@router.put(
    "/pegawai/{int:pegawai_id}/periode/{int:periode_id}",
    response=PenilaianOut,
    summary="Simpan penilaian",
)
def rating_save(
    request: HttpRequest, pegawai_id: int, periode_id: int, payload: PenilaianIn
) -> dict[str, Any]:
    """Rate an employee for a period (a draft until the curve group is finalised): by the
    employee's current appraiser (HR of the unit for one without). The predikat follows from
    the rule set's quadrant; the answer explains it."""
    scope = scope_for(request.user)
    pegawai = access.pegawai_get_for_rating(scope, pegawai_id)
    saved = services.penilaian_save(
        aktor=Aktor.of_request(request),
        pegawai=pegawai,
        periode=periode_get_for_read(scope, periode_id),
        rating_hasil=payload.rating_hasil,
        rating_perilaku=payload.rating_perilaku,
        rating_rhk=payload.rating_rhk,
        rating_nilai=payload.rating_nilai,
        catatan=payload.catatan,
    )
    return _fresh(scope, saved.pk)


# --- The employee, any reader ----------------------------------------------------------------


@router.get("/saya", response=list[SayaOut], summary="Penilaian saya")
def own_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The caller's finalised assessments, newest period first, with the last day to object
    and any objection's status."""
    pegawai_id = access.rater_check(scope_for(request.user))
    rows = []
    for item in selectors.own_assessments(pegawai_id):
        keberatan = _keberatan_of(item)
        rows.append(
            {
                "id": item.pk,
                "periode": _periode(item.periode),
                "unit": item.unit,
                "rating_hasil": _rating(item.rating_hasil),
                "rating_perilaku": _rating(item.rating_perilaku),
                "predikat": pilihan(Predikat, item.predikat),
                "ditetapkan_pada": item.ditetapkan_pada,
                "batas_keberatan": _deadline(item),
                "keberatan": None
                if keberatan is None
                else pilihan(StatusKeberatan, keberatan.status),
            }
        )
    return rows


@router.get("/{int:penilaian_id}", response=PenilaianOut, summary="Satu penilaian")
def assessment_detail(request: HttpRequest, penilaian_id: int) -> dict[str, Any]:
    """The assessment with its snapshot, inputs, predikat and explanation, and any objection.
    The employee reads it once finalised; appraisers, their superiors, HR and leaders of the
    unit, the auditor and the superuser read it always."""
    scope = scope_for(request.user)
    return _detail(scope, access.penilaian_get_for_read(scope, penilaian_id))


# --- Curve groups ----------------------------------------------------------------------------


@router.get("/kurva", response=list[KurvaBarisOut], summary="Monitoring kurva")
def curve_list(request: HttpRequest, periode_id: int) -> list[dict[str, Any]]:
    """Every curve group of the period the caller may see (HR readers, appraisers with
    appraisees in it): its distribution and whether it complies with its curve."""
    scope = scope_for(request.user)
    access.kurva_list_check(scope)
    rows = selectors.kurva_list(scope, periode_get_for_read(scope, periode_id))
    return [
        {
            "unit": row.unit,
            "organisasi": {
                "predikat": pilihan(PredikatOrganisasi, row.organisasi.predikat),
                "alasan": row.organisasi.alasan,
                "atas_nama": row.organisasi.atas_nama,
                "oleh": row.organisasi.oleh_label,
            },
            "anggota": row.anggota,
            "dinilai": row.dinilai,
            "jumlah": {predikat.value: count for predikat, count in row.jumlah.items()},
            "status": _curve_status(row.sesuai),
            "sesuai": row.sesuai,
            "is_final": row.is_final,
            "penetapan": None
            if row.penetapan is None
            else pilihan(StatusPenetapan, row.penetapan.status),
        }
        for row in rows
    ]


def _curve_status(sesuai: bool | None) -> str:
    if sesuai is None:
        return aturan_rules.StatusKurva.TERLALU_KECIL
    return aturan_rules.StatusKurva.SESUAI if sesuai else aturan_rules.StatusKurva.TIDAK_SESUAI


@router.get(
    "/kurva/{int:unit_id}/{int:periode_id}", response=KelompokOut, summary="Satu kelompok kurva"
)
def curve_detail(request: HttpRequest, unit_id: int, periode_id: int) -> dict[str, Any]:
    """The group of the unit for the period: organisation rating, members with their
    assessment, the check of each constraint (allowed range and count), the fewest changes that
    comply, its explanation, who is not rated yet, why it cannot be finalised now and its
    finalisation with history."""
    scope = scope_for(request.user)
    periode = periode_get_for_read(scope, periode_id)
    unit = access.kurva_unit_get(scope, unit_id, periode)
    return _kelompok(scope, _group(unit, periode))


@router.post(
    "/kurva/{int:unit_id}/{int:periode_id}/tetapkan",
    response=KelompokOut,
    summary="Tetapkan predikat kelompok",
)
def curve_finalise(request: HttpRequest, unit_id: int, periode_id: int) -> dict[str, Any]:
    """Finalise the group: only with an organisation rating, every member rated and the
    distribution within the curve (or the group too small to judge); 422 lists every reason.
    By the unit's head, a pimpinan of the unit or its admin kepegawaian."""
    scope = scope_for(request.user)
    periode = periode_get_for_read(scope, periode_id)
    unit = access.kurva_unit_get_for_finalise(scope, unit_id, periode)
    _compute(
        lambda: services.penetapan_finalise(
            aktor=Aktor.of_request(request), unit=unit, periode=periode
        )
    )
    return _kelompok(scope, _group(unit, periode))


@router.post(
    "/kurva/{int:unit_id}/{int:periode_id}/buka",
    response=KelompokOut,
    summary="Buka kembali penetapan",
)
def curve_reopen(
    request: HttpRequest, unit_id: int, periode_id: int, payload: BukaIn
) -> dict[str, Any]:
    """Reopen a finalised group with a reason (kept in its history): its assessments become
    drafts again. 404 when the group was never finalised."""
    scope = scope_for(request.user)
    periode = periode_get_for_read(scope, periode_id)
    unit = access.kurva_unit_get_for_finalise(scope, unit_id, periode)
    penetapan = selectors.penetapan_of(unit, periode)
    if penetapan is None:
        raise Http404
    services.penetapan_reopen(
        aktor=Aktor.of_request(request), penetapan=penetapan, alasan=payload.alasan
    )
    return _kelompok(scope, _group(unit, periode))


# --- Objections ------------------------------------------------------------------------------


@router.get("/keberatan", response=list[KeberatanBarisOut], summary="Keberatan menunggu saya")
def objection_inbox(request: HttpRequest) -> list[dict[str, Any]]:
    """Objections waiting for the caller, oldest first: DIAJUKAN to explain (the appraiser who
    rated), DIJELASKAN to decide (the appraiser's superior; admin kepegawaian for one without)."""
    scope = scope_for(request.user)
    access.keberatan_list_check(scope)
    return [
        {
            "id": item.pk,
            "status": pilihan(StatusKeberatan, item.status),
            "alasan": item.alasan,
            "diajukan_pada": item.diajukan_pada,
            "penilaian_id": item.penilaian_id,
            "pegawai": _person(item.penilaian.pegawai),
            "periode": _periode(item.penilaian.periode),
            "predikat_lama": pilihan(Predikat, item.predikat_lama),
        }
        for item in selectors.objections_waiting(scope)
    ]


@router.post(
    "/{int:penilaian_id}/keberatan",
    response={201: KeberatanAksiOut},
    summary="Ajukan keberatan",
)
def objection_file(
    request: HttpRequest, penilaian_id: int, payload: KeberatanIn
) -> Status[dict[str, Any]]:
    """The employee objects to their finalised assessment, with reasons, within the rule set's
    window after finalisation (once per assessment)."""
    scope = scope_for(request.user)
    penilaian = access.penilaian_get_for_objection(scope, penilaian_id)
    keberatan = services.keberatan_file(
        aktor=Aktor.of_request(request), penilaian=penilaian, alasan=payload.alasan
    )
    return Status(201, _fresh_objection(scope, keberatan.pk))


@router.post(
    "/keberatan/{int:keberatan_id}/jelaskan",
    response=KeberatanAksiOut,
    summary="Jelaskan keberatan",
)
def objection_explain(
    request: HttpRequest, keberatan_id: int, payload: PenjelasanIn
) -> dict[str, Any]:
    """The appraiser who rated explains (and may rewrite the explanation until decided)."""
    scope = scope_for(request.user)
    keberatan = access.keberatan_get_for_explain(scope, keberatan_id)
    services.keberatan_explain(
        aktor=Aktor.of_request(request), keberatan=keberatan, penjelasan=payload.penjelasan
    )
    return _fresh_objection(scope, keberatan_id)


@router.post(
    "/keberatan/{int:keberatan_id}/putuskan",
    response=KeberatanAksiOut,
    summary="Putuskan keberatan",
)
def objection_decide(
    request: HttpRequest, keberatan_id: int, payload: KeputusanIn
) -> dict[str, Any]:
    """The appraiser's superior (admin kepegawaian when there is none) decides after the
    explanation: upheld with new ratings (the group must still comply with its curve) or
    rejected."""
    scope = scope_for(request.user)
    keberatan = access.keberatan_get_for_decide(scope, keberatan_id)
    services.keberatan_decide(
        aktor=Aktor.of_request(request),
        keberatan=keberatan,
        diterima=payload.diterima,
        keputusan=payload.keputusan,
        rating_hasil=payload.rating_hasil,
        rating_perilaku=payload.rating_perilaku,
    )
    return _fresh_objection(scope, keberatan_id)


@router.post(
    "/keberatan/{int:keberatan_id}/tarik", response=KeberatanAksiOut, summary="Tarik keberatan"
)
def objection_withdraw(request: HttpRequest, keberatan_id: int) -> dict[str, Any]:
    """The employee withdraws an objection not decided yet."""
    scope = scope_for(request.user)
    keberatan = access.keberatan_get_for_owner(scope, keberatan_id)
    services.keberatan_withdraw(aktor=Aktor.of_request(request), keberatan=keberatan)
    return _fresh_objection(scope, keberatan_id)


# --- Documents -------------------------------------------------------------------------------


@router.get(
    "/{int:penilaian_id}/evaluasi.pdf",
    summary="Dokumen evaluasi kinerja (PDF)",
    openapi_extra=PDF_RESPONSE,
)
def evaluation_pdf(request: HttpRequest, penilaian_id: int) -> HttpResponse:
    """The (Dokumen) Evaluasi Kinerja Pegawai of the assessment, for its readers; a draft
    carries the DRAF mark."""
    penilaian = access.penilaian_get_for_read(scope_for(request.user), penilaian_id)
    return _pdf(documents.evaluasi_pdf(penilaian), documents.evaluasi_filename(penilaian))


@router.get(
    "/kurva/{int:unit_id}/{int:periode_id}/penetapan.pdf",
    summary="Format penetapan predikat kinerja (PDF)",
    openapi_extra=PDF_RESPONSE,
)
def finalisation_pdf(request: HttpRequest, unit_id: int, periode_id: int) -> HttpResponse:
    """The group's Format Penetapan Predikat Kinerja, for readers of the curve; 404 when the
    unit has no organisation rating for the period."""
    periode = periode_get_for_read(scope_for(request.user), periode_id)
    unit = access.kurva_unit_get(scope_for(request.user), unit_id, periode)
    group = _group(unit, periode)
    if group.organisasi is None:
        raise Http404
    return _pdf(documents.penetapan_pdf(group), documents.penetapan_filename(group))


@router.post(
    "/kurva/{int:unit_id}/{int:periode_id}/dokumen",
    response={202: PekerjaanOut},
    summary="Unduh massal dokumen evaluasi",
)
def bulk_documents(request: HttpRequest, unit_id: int, periode_id: int) -> Status[dict[str, Any]]:
    """Start the background job that makes a ZIP of the group's evaluation documents and its
    Format Penetapan; follow it at `url`. For readers of the unit and those who finalise it."""
    scope = scope_for(request.user)
    periode = periode_get_for_read(scope, periode_id)
    unit = access.kurva_unit_get(scope, unit_id, periode)
    if not (access.may_finalise(scope, unit) or scope.reads_path(unit.jalur)):
        raise PermissionDenied
    job = documents.bulk_start(
        aktor=Aktor.of_request(request), pengguna=request.user, unit=unit, periode=periode
    )
    return Status(202, {"id": job.pk, "url": f"/api/v1/pekerjaan/{job.pk}"})
