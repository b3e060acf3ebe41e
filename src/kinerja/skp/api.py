"""SKP API: plans, their RHKs and indicators, the workflow, the appraiser's inbox and matrix,
the completion report, the organisation goals and the documents.

The same services, selectors and access functions as the pages. A refused input is 422 naming
each field and what is wrong with it (`{"detail": [{"loc": ["body", "catatan"], "msg": "…"}],
"errors": {"catatan": ["…"]}}`, by the API's ValidationError handler); a plan the user may not
read is 404, one the user may read but not act on is 403.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from kinerja.audit.services import Aktor
from kinerja.organisasi import access as organisasi_access
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.models import Unit
from kinerja.organisasi.selectors import PAGE_SIZE, pegawai_by_id
from kinerja.periode.selectors import default_tahun
from kinerja.skp import access, documents, rules, selectors, services
from kinerja.skp.enums import AksiSkp, Aspek, JenisRhk, Pendekatan, Perspektif, StatusSkp
from kinerja.skp.models import Indikator, RevisiSkp, Rhk, RiwayatSkp, SasaranOrganisasi, Skp
from kinerja.skp.schemas import (
    ApproveIn,
    BawahanOut,
    DokumenMassalIn,
    DokumenMassalOut,
    EkspektasiIn,
    IndikatorCreateIn,
    IndikatorOut,
    IndikatorUpdateIn,
    KelengkapanOut,
    LinkIn,
    MatriksOut,
    PegawaiTanpaSkpOut,
    PushedOut,
    PushIn,
    ReturnIn,
    ReviseIn,
    RevisiDetailOut,
    RevisiOut,
    RhkCreateIn,
    RhkOut,
    RhkUpdateIn,
    RiwayatOut,
    SasaranIn,
    SasaranOut,
    SasaranQuery,
    SasaranUpdateIn,
    SkpCreateIn,
    SkpDetailOut,
    SkpFilterQuery,
    SkpMineOut,
    SkpOut,
    SkpUpdateIn,
    pilihan,
)

router = Router(tags=["skp"])
TANPA_SKP = "TANPA_SKP"
PDF_RESPONSE = {
    "responses": {
        200: {
            "description": "The SKP document (A4 PDF).",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


# --- Helpers ---------------------------------------------------------------------------------


def _tahun_or_default(tahun: int | None) -> int:
    return tahun if tahun is not None else default_tahun(timezone.localdate())


def _status(value: str | None, *, allow_without: bool = False) -> str:
    """A plan status filter (code or label); unknown is a 422 naming `status`."""
    if not value:
        return ""
    if allow_without and value.upper() == TANPA_SKP:
        return TANPA_SKP
    found = StatusSkp.parse(value)
    if found is None:
        codes = [item.value for item in StatusSkp] + ([TANPA_SKP] if allow_without else [])
        message = _("Status “%(nilai)s” tidak dikenal; pilih salah satu: %(pilihan)s.") % {
            "nilai": value,
            "pilihan": ", ".join(codes),
        }
        raise ValidationError({"status": [message]})
    return found.value


def _sent(sent: dict[str, Any], name: str, current: Any) -> Any:
    """A PATCH field: the value sent, or the current one when it is absent or null."""
    value = sent.get(name)
    return current if value is None else value


def _decimal_text(value: Any) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _indikator(pendekatan: str, item: Indikator) -> dict[str, Any]:
    return {
        "id": item.pk,
        "aspek": pilihan(Aspek, item.aspek),
        "uraian": item.uraian,
        "target_nilai": _decimal_text(item.target_nilai),
        "target_satuan": item.target_satuan,
        "target_narasi": item.target_narasi,
        "target": item.target_text(pendekatan),
        "urutan": item.urutan,
    }


def _rhk(pendekatan: str, rhk: Rhk) -> dict[str, Any]:
    atasan = rhk.rhk_atasan
    sasaran = rhk.sasaran
    return {
        "id": rhk.pk,
        "skp_id": rhk.skp_id,
        "kode": rhk.kode,
        "jenis": pilihan(JenisRhk, rhk.jenis),
        "uraian": rhk.uraian,
        "urutan": rhk.urutan,
        "rhk_atasan": None
        if atasan is None
        else {
            "id": atasan.pk,
            "kode": atasan.kode,
            "uraian": atasan.uraian,
            "pemilik": atasan.skp.pegawai.nama,
        },
        "perspektif": pilihan(Perspektif, rhk.perspektif),
        "sasaran": None
        if sasaran is None
        else {"id": sasaran.pk, "kode": sasaran.kode, "uraian": sasaran.uraian},
        "indikator": [_indikator(pendekatan, item) for item in rhk.indikator.all()],
    }


def _detail(scope: Lingkup, skp: Skp) -> dict[str, Any]:
    """A plan with everything it holds, and what the caller may do with it."""
    identitas = selectors.identitas_of(skp)
    owner_editable = access.is_owner(scope, skp) and skp.is_editable
    return {
        **_summary(skp),
        "pegawai": skp.pegawai,
        "form": rules.form_kind((identitas.get("pegawai") or {}).get("jenis_jabatan", "")),
        "catatan_penilai": skp.catatan_penilai,
        "alasan_revisi": skp.alasan_revisi,
        "identitas": identitas,
        "rhk": [_rhk(skp.pendekatan, item) for item in selectors.rhk_of(skp)],
        "ekspektasi": selectors.ekspektasi_of(skp),
        "lampiran": {
            "dukungan_sumber_daya": skp.dukungan_sumber_daya,
            "skema_pertanggungjawaban": skp.skema_pertanggungjawaban,
            "konsekuensi": skp.konsekuensi,
        },
        "may_edit": owner_editable,
        "may_decide": skp.status == StatusSkp.DIAJUKAN and access.may_decide(scope, skp),
        "may_set_expectations": access.may_set_expectations(scope, skp),
        "masalah_pengajuan": services.submission_problems(skp) if owner_editable else None,
    }


def _summary(skp: Skp) -> dict[str, Any]:
    return {
        "id": skp.pk,
        "tahun": skp.tahun,
        "pendekatan": pilihan(Pendekatan, skp.pendekatan),
        "status": pilihan(StatusSkp, skp.status),
        "revisi": skp.revisi,
        "diajukan_pada": skp.diajukan_pada,
        "disetujui_pada": skp.disetujui_pada,
        "diubah_pada": skp.diubah_pada,
    }


def _fresh(scope: Lingkup, skp: Skp) -> dict[str, Any]:
    """The plan as it is after a change, read again as the caller sees it."""
    return _detail(scope, access.skp_get_for_read(scope, skp.pk))


def _pegawai_for(scope: Lingkup) -> Any:
    pegawai = pegawai_by_id(access.own_check(scope))
    if pegawai is None:
        raise Http404
    return pegawai


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- Plans -----------------------------------------------------------------------------------


@router.get("/", response=list[SkpOut], summary="Daftar SKP yang dapat dibaca")
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def skp_list(request: HttpRequest, filters: Query[SkpFilterQuery]) -> Any:
    """The plans of a year the caller may read, by name: filter by `unit` (with its subunits,
    404 for a unit the caller may not browse), `status` and `cari` (name or NIP)."""
    scope = scope_for(request.user)
    unit = (
        organisasi_access.unit_get_for_read(scope, filters.unit)
        if filters.unit is not None
        else None
    )
    return selectors.skp_list(
        scope,
        tahun=_tahun_or_default(filters.tahun),
        unit=unit,
        status=_status(filters.status),
        cari=filters.cari or "",
    )


@router.get("/saya", response=SkpMineOut, summary="SKP saya")
def skp_mine(request: HttpRequest, tahun: int | None = None) -> dict[str, Any]:
    """The caller's own plan for a year (`skp` null when there is none yet), the years they
    have a plan for, and the year a new plan would be copied from."""
    scope = scope_for(request.user)
    pegawai = _pegawai_for(scope)
    year = _tahun_or_default(tahun)
    found = selectors.skp_find(pegawai.pk, year)
    earlier = services.previous_plan(pegawai, year)
    return {
        "tahun": year,
        "skp": _fresh(scope, found) if found is not None else None,
        "daftar_tahun": selectors.skp_years(pegawai.pk),
        "salin_dari": earlier.tahun if earlier is not None else None,
    }


@router.post("/", response={201: SkpDetailOut}, summary="Buat SKP saya (atau salin tahun lalu)")
def skp_create(request: HttpRequest, payload: SkpCreateIn) -> Status[dict[str, Any]]:
    """A new draft plan of the caller for the year; with `salin`, copied from their latest
    earlier plan (approach, RHKs, indicators, expectations, Lampiran)."""
    scope = scope_for(request.user)
    pegawai = _pegawai_for(scope)
    aktor = Aktor.of_request(request)
    if payload.salin:
        skp = services.skp_copy_previous(aktor=aktor, pegawai=pegawai, tahun=payload.tahun)
    else:
        skp = services.skp_create(
            aktor=aktor, pegawai=pegawai, tahun=payload.tahun, pendekatan=payload.pendekatan
        )
    return Status(201, _fresh(scope, skp))


@router.get("/{int:skp_id}", response=SkpDetailOut, summary="Satu SKP")
def skp_detail(request: HttpRequest, skp_id: int) -> dict[str, Any]:
    scope = scope_for(request.user)
    return _detail(scope, access.skp_get_for_read(scope, skp_id))


@router.patch("/{int:skp_id}", response=SkpDetailOut, summary="Ubah pendekatan dan lampiran")
def skp_update(request: HttpRequest, skp_id: int, payload: SkpUpdateIn) -> dict[str, Any]:
    """The owner changes the approach and the Lampiran of a draft or returned plan. Only the
    fields sent are changed."""
    scope = scope_for(request.user)
    skp = access.skp_get_for_edit(scope, skp_id)
    lampiran = payload.lampiran.dict(exclude_none=True) if payload.lampiran else {}
    services.skp_update(
        aktor=Aktor.of_request(request),
        skp=skp,
        pendekatan=payload.pendekatan or skp.pendekatan,
        dukungan_sumber_daya=lampiran.get("dukungan_sumber_daya", skp.dukungan_sumber_daya),
        skema_pertanggungjawaban=lampiran.get(
            "skema_pertanggungjawaban", skp.skema_pertanggungjawaban
        ),
        konsekuensi=lampiran.get("konsekuensi", skp.konsekuensi),
    )
    return _fresh(scope, skp)


@router.put("/{int:skp_id}/ekspektasi", response=SkpDetailOut, summary="Ekspektasi khusus pimpinan")
def skp_expectations(request: HttpRequest, skp_id: int, payload: EkspektasiIn) -> dict[str, Any]:
    """The leader's specific expectation per BerAKHLAK value (the values sent are written):
    by the owner while the plan is a draft or returned, by the appraiser until approval."""
    scope = scope_for(request.user)
    skp = access.skp_get_for_expectations(scope, skp_id)
    services.ekspektasi_update(
        aktor=Aktor.of_request(request),
        skp=skp,
        ekspektasi=payload.ekspektasi,
        by_owner=access.is_owner(scope, skp),
    )
    return _fresh(scope, skp)


# --- RHK and indicators ----------------------------------------------------------------------


@router.post("/{int:skp_id}/rhk", response={201: RhkOut}, summary="Tambah RHK")
def rhk_create(request: HttpRequest, skp_id: int, payload: RhkCreateIn) -> Status[dict[str, Any]]:
    """`rhk_atasan`: the id of an RHK of the appraiser's plan for the year; `perspektif` and
    `sasaran` (an organisation goal of the unit or the units above): for a JPT."""
    scope = scope_for(request.user)
    skp = access.skp_get_for_edit(scope, skp_id)
    rhk = services.rhk_create(
        aktor=Aktor.of_request(request),
        skp=skp,
        uraian=payload.uraian,
        jenis=payload.jenis,
        kode=payload.kode,
        rhk_atasan_id=payload.rhk_atasan,
        perspektif=payload.perspektif,
        sasaran_id=payload.sasaran,
    )
    return Status(201, _rhk(skp.pendekatan, rhk))


@router.patch("/rhk/{int:rhk_id}", response=RhkOut, summary="Ubah RHK")
def rhk_update(request: HttpRequest, rhk_id: int, payload: RhkUpdateIn) -> dict[str, Any]:
    scope = scope_for(request.user)
    rhk = access.rhk_get_for_edit(scope, rhk_id)
    sent = payload.dict(exclude_unset=True)
    changed = services.rhk_update(
        aktor=Aktor.of_request(request),
        rhk=rhk,
        uraian=_sent(sent, "uraian", rhk.uraian),
        jenis=_sent(sent, "jenis", rhk.jenis),
        kode=_sent(sent, "kode", rhk.kode),
        rhk_atasan_id=sent.get("rhk_atasan", rhk.rhk_atasan_id),
        perspektif=_sent(sent, "perspektif", rhk.perspektif),
        sasaran_id=sent.get("sasaran", rhk.sasaran_id),
    )
    return _rhk(rhk.skp.pendekatan, changed)


@router.delete("/rhk/{int:rhk_id}", response={204: None}, summary="Hapus RHK")
def rhk_delete(request: HttpRequest, rhk_id: int) -> Status[None]:
    """Refused (422) while RHKs of subordinates support it."""
    rhk = access.rhk_get_for_edit(scope_for(request.user), rhk_id)
    services.rhk_delete(aktor=Aktor.of_request(request), rhk=rhk)
    return Status(204, None)


@router.post("/rhk/{int:rhk_id}/iki", response={201: IndikatorOut}, summary="Tambah IKI")
def indikator_create(
    request: HttpRequest, rhk_id: int, payload: IndikatorCreateIn
) -> Status[dict[str, Any]]:
    """Kuantitatif: `target_nilai` and `target_satuan`; kualitatif: `target_narasi`."""
    rhk = access.rhk_get_for_edit(scope_for(request.user), rhk_id)
    indikator = services.indikator_create(
        aktor=Aktor.of_request(request), rhk=rhk, **payload.dict()
    )
    return Status(201, _indikator(rhk.skp.pendekatan, indikator))


@router.patch("/iki/{int:indikator_id}", response=IndikatorOut, summary="Ubah IKI")
def indikator_update(
    request: HttpRequest, indikator_id: int, payload: IndikatorUpdateIn
) -> dict[str, Any]:
    indikator = access.indikator_get_for_edit(scope_for(request.user), indikator_id)
    sent = payload.dict(exclude_unset=True)
    changed = services.indikator_update(
        aktor=Aktor.of_request(request),
        indikator=indikator,
        aspek=_sent(sent, "aspek", indikator.aspek),
        uraian=_sent(sent, "uraian", indikator.uraian),
        target_nilai=sent.get("target_nilai", indikator.target_nilai),
        target_satuan=_sent(sent, "target_satuan", indikator.target_satuan),
        target_narasi=_sent(sent, "target_narasi", indikator.target_narasi),
    )
    return _indikator(indikator.rhk.skp.pendekatan, changed)


@router.delete("/iki/{int:indikator_id}", response={204: None}, summary="Hapus IKI")
def indikator_delete(request: HttpRequest, indikator_id: int) -> Status[None]:
    indikator = access.indikator_get_for_edit(scope_for(request.user), indikator_id)
    services.indikator_delete(aktor=Aktor.of_request(request), indikator=indikator)
    return Status(204, None)


# --- Workflow --------------------------------------------------------------------------------


@router.post("/{int:skp_id}/ajukan", response=SkpDetailOut, summary="Ajukan SKP")
def skp_submit(request: HttpRequest, skp_id: int) -> dict[str, Any]:
    """The owner submits the plan to the appraiser; 422 lists every reason it cannot be."""
    scope = scope_for(request.user)
    skp = access.skp_get_for_edit(scope, skp_id)
    return _detail(scope, services.skp_submit(aktor=Aktor.of_request(request), skp=skp))


@router.post("/{int:skp_id}/tarik", response=SkpDetailOut, summary="Tarik kembali pengajuan")
def skp_withdraw(request: HttpRequest, skp_id: int) -> dict[str, Any]:
    scope = scope_for(request.user)
    skp = access.skp_get_for_edit(scope, skp_id)
    return _detail(scope, services.skp_withdraw(aktor=Aktor.of_request(request), skp=skp))


@router.post("/{int:skp_id}/setujui", response=SkpDetailOut, summary="Setujui SKP")
def skp_approve(request: HttpRequest, skp_id: int, payload: ApproveIn) -> dict[str, Any]:
    """The appraiser approves a submitted plan (the identities are taken and the revision is
    frozen); `catatan` is optional."""
    scope = scope_for(request.user)
    skp = access.skp_get_for_decision(scope, skp_id)
    services.skp_approve(aktor=Aktor.of_request(request), skp=skp, catatan=payload.catatan)
    return _fresh(scope, skp)


@router.post("/{int:skp_id}/kembalikan", response=SkpDetailOut, summary="Kembalikan SKP")
def skp_return(request: HttpRequest, skp_id: int, payload: ReturnIn) -> dict[str, Any]:
    """The appraiser returns a submitted plan with a note (`catatan`, required)."""
    scope = scope_for(request.user)
    skp = access.skp_get_for_decision(scope, skp_id)
    services.skp_return(aktor=Aktor.of_request(request), skp=skp, catatan=payload.catatan)
    return _fresh(scope, skp)


@router.post("/{int:skp_id}/revisi", response=SkpDetailOut, summary="Buka revisi SKP")
def skp_revise(request: HttpRequest, skp_id: int, payload: ReviseIn) -> dict[str, Any]:
    """The owner opens a new revision of an approved plan (`alasan`, required); the approved
    revision stays readable."""
    scope = scope_for(request.user)
    skp = access.skp_get_for_edit(scope, skp_id)
    services.skp_revise(aktor=Aktor.of_request(request), skp=skp, alasan=payload.alasan)
    return _fresh(scope, skp)


@router.get("/{int:skp_id}/riwayat", response=list[RiwayatOut], summary="Riwayat SKP")
def skp_history(request: HttpRequest, skp_id: int) -> list[dict[str, Any]]:
    """The workflow history, newest first."""
    skp = access.skp_get_for_read(scope_for(request.user), skp_id)
    return [_riwayat(item) for item in selectors.skp_history(skp)]


def _riwayat(item: RiwayatSkp) -> dict[str, Any]:
    return {
        "id": item.pk,
        "revisi": item.revisi,
        "aksi": pilihan(AksiSkp, item.aksi),
        "status": pilihan(StatusSkp, item.status),
        "catatan": item.catatan,
        "oleh": item.oleh_label,
        "pada": item.pada,
    }


@router.get("/{int:skp_id}/revisi", response=list[RevisiOut], summary="Revisi yang disetujui")
def skp_revisions(request: HttpRequest, skp_id: int) -> list[dict[str, Any]]:
    skp = access.skp_get_for_read(scope_for(request.user), skp_id)
    return [_revisi(item) for item in selectors.skp_revisions(skp)]


def _revisi(item: RevisiSkp) -> dict[str, Any]:
    return {
        "nomor": item.nomor,
        "disetujui_pada": item.disetujui_pada,
        "disetujui_oleh": item.disetujui_oleh_label,
        "dokumen": item.dokumen,
    }


def _revision_get(request: HttpRequest, skp_id: int, nomor: int) -> RevisiSkp:
    skp = access.skp_get_for_read(scope_for(request.user), skp_id)
    found = selectors.skp_revision(skp, nomor)
    if found is None:
        raise Http404
    return found


@router.get(
    "/{int:skp_id}/revisi/{int:nomor}", response=RevisiDetailOut, summary="Satu revisi (beku)"
)
def skp_revision(request: HttpRequest, skp_id: int, nomor: int) -> dict[str, Any]:
    """An approved revision with the document as it was approved."""
    return _revisi(_revision_get(request, skp_id, nomor))


# --- Documents -------------------------------------------------------------------------------


@router.get("/{int:skp_id}/dokumen.pdf", summary="Dokumen SKP (PDF)", openapi_extra=PDF_RESPONSE)
def skp_pdf(request: HttpRequest, skp_id: int) -> HttpResponse:
    """The plan's document as it is now."""
    skp = access.skp_get_for_read(scope_for(request.user), skp_id)
    dokumen = selectors.skp_document(skp)
    return _pdf(documents.skp_pdf(dokumen), documents.pdf_filename(dokumen))


@router.get(
    "/{int:skp_id}/revisi/{int:nomor}/dokumen.pdf",
    summary="Dokumen satu revisi (PDF)",
    openapi_extra=PDF_RESPONSE,
)
def revision_pdf(request: HttpRequest, skp_id: int, nomor: int) -> HttpResponse:
    """The document of an approved revision, from its frozen content."""
    revision = _revision_get(request, skp_id, nomor)
    content = documents.skp_pdf(revision.dokumen)
    return _pdf(content, documents.pdf_filename(revision.dokumen, revision.nomor))


@router.post(
    "/dokumen-massal", response={202: DokumenMassalOut}, summary="Unduh massal dokumen SKP"
)
def bulk_documents(request: HttpRequest, payload: DokumenMassalIn) -> Status[dict[str, Any]]:
    """Start the background job that makes a ZIP of the plans' PDFs of a unit (with its
    subunits) for a year; follow it at `url`."""
    scope = scope_for(request.user)
    access.completion_check(scope)
    unit = organisasi_access.unit_get_for_read(scope, payload.unit)
    job = documents.bulk_documents_submit(
        aktor=Aktor.of_request(request), scope=scope, unit=unit, tahun=payload.tahun
    )
    return Status(202, {"id": job.pk, "url": f"/api/v1/pekerjaan/{job.pk}"})


# --- The appraiser ---------------------------------------------------------------------------


def _bawahan(row: selectors.BarisBawahan) -> dict[str, Any]:
    return {
        "pegawai": row.pegawai,
        "skp": None if row.skp is None else _summary(row.skp),
        "jumlah_rhk": row.jumlah_rhk,
    }


@router.get("/bawahan", response=list[BawahanOut], summary="SKP bawahan")
def subordinate_list(
    request: HttpRequest, tahun: int | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """The caller's current appraisees with their plan for the year; `status` filters by the
    plan's status, or TANPA_SKP for those without one."""
    penilai_id = access.appraiser_check(scope_for(request.user))
    rows = selectors.subordinate_plans(
        penilai_id, _tahun_or_default(tahun), _status(status, allow_without=True)
    )
    return [_bawahan(row) for row in rows]


@router.post("/rhk/{int:rhk_id}/bagikan", response={201: list[PushedOut]}, summary="Bagikan RHK")
def rhk_push(request: HttpRequest, rhk_id: int, payload: PushIn) -> Status[list[dict[str, Any]]]:
    """Give one of the caller's RHKs to several appraisees at once: each gets an RHK supporting
    it (in a new draft plan where they have none). All or nothing."""
    rhk_atasan = access.own_rhk_get(scope_for(request.user), rhk_id)
    created = services.rhk_push(
        aktor=Aktor.of_request(request),
        rhk_atasan=rhk_atasan,
        pegawai_ids=payload.pegawai,
        uraian=payload.uraian,
        jenis=payload.jenis,
    )
    return Status(
        201,
        [{"pegawai": rhk.skp.pegawai, "rhk": _rhk(rhk.skp.pendekatan, rhk)} for rhk in created],
    )


@router.post("/rhk/{int:rhk_id}/tautkan", response=RhkOut, summary="Tautkan RHK bawahan")
def rhk_link(request: HttpRequest, rhk_id: int, payload: LinkIn) -> dict[str, Any]:
    """The appraiser names which of their RHKs an appraisee's RHK supports (null unlinks)."""
    scope = scope_for(request.user)
    rhk = access.subordinate_rhk_get(scope, rhk_id)
    rhk_atasan = None
    if payload.rhk_atasan is not None:
        try:
            rhk_atasan = access.own_rhk_get(scope, payload.rhk_atasan)
        except Http404:
            message = _("RHK pimpinan harus milik pejabat penilai pegawai ini.")
            raise ValidationError({"rhk_atasan": message}) from None
    linked = services.rhk_link(aktor=Aktor.of_request(request), rhk=rhk, rhk_atasan=rhk_atasan)
    return _rhk(rhk.skp.pendekatan, linked)


def _rhk_matriks(rhk: Rhk) -> dict[str, Any]:
    return {
        "id": rhk.pk,
        "kode": rhk.kode,
        "jenis": pilihan(JenisRhk, rhk.jenis),
        "uraian": rhk.uraian,
    }


@router.get("/matriks", response=MatriksOut, summary="Matriks Peran Hasil")
def matrix(request: HttpRequest, tahun: int | None = None) -> dict[str, Any]:
    """The caller's RHKs across (`kolom`), their appraisees down (`baris`), each cell listing
    the appraisee's RHKs supporting that RHK; `lepas`: RHKs supporting none; `bendera`: what
    needs attention."""
    penilai_id = access.appraiser_check(scope_for(request.user))
    found = selectors.matrix(penilai_id, _tahun_or_default(tahun))
    return {
        "tahun": found.tahun,
        "skp": None if found.skp is None else _summary(found.skp),
        "kolom": [_rhk_matriks(rhk) for rhk in found.kolom],
        "baris": [
            _bawahan(row)
            | {
                "sel": [
                    {
                        "rhk_atasan_id": column.pk,
                        "rhk": [
                            _rhk_matriks(item)
                            for item in found.sel.get((row.pegawai.pk, column.pk), [])
                        ],
                    }
                    for column in found.kolom
                ],
                "lepas": [_rhk_matriks(item) for item in found.lepas.get(row.pegawai.pk, [])],
            }
            for row in found.baris
        ],
        "bendera": [{"jenis": flag.jenis, "pesan": flag.pesan} for flag in found.bendera],
    }


# --- HR: completion --------------------------------------------------------------------------


@router.get("/kelengkapan", response=list[KelengkapanOut], summary="Kelengkapan SKP per unit")
def completion(
    request: HttpRequest, tahun: int | None = None, induk: int | None = None
) -> list[dict[str, Any]]:
    """Plans per status and employees without a plan: per top unit the caller reads (each with
    its subtree), or with `induk` its own employees (`langsung`) then each child unit."""
    scope = scope_for(request.user)
    access.completion_check(scope)
    parent = organisasi_access.unit_get_for_read(scope, induk) if induk is not None else None
    rows = selectors.completion(scope, tahun=_tahun_or_default(tahun), induk=parent)
    return [
        {
            "unit": row.unit,
            "langsung": row.langsung,
            "jumlah_pegawai": row.jumlah_pegawai,
            "jumlah": {item.value: row.per_status.get(item.value, 0) for item in StatusSkp},
            "tanpa_skp": row.tanpa_skp,
            "persen_disetujui": row.persen_disetujui,
        }
        for row in rows
    ]


@router.get(
    "/kelengkapan/tanpa-skp", response=list[PegawaiTanpaSkpOut], summary="Pegawai tanpa SKP"
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def employees_without_plan(request: HttpRequest, unit: int, tahun: int | None = None) -> Any:
    """Active employees of a unit (with its subunits) without a plan for the year."""
    scope = scope_for(request.user)
    access.completion_check(scope)
    found = organisasi_access.unit_get_for_read(scope, unit)
    return selectors.employees_without_plan(scope, tahun=_tahun_or_default(tahun), unit=found)


# --- Organisation goals ----------------------------------------------------------------------


@router.get("/sasaran", response=list[SasaranOut], summary="Sasaran organisasi unit")
def goal_list(request: HttpRequest, filters: Query[SasaranQuery]) -> list[SasaranOrganisasi]:
    """A unit's Perjanjian Kinerja goals for a year, with their indicators (every signed-in
    user reads them)."""
    access.sasaran_readable(scope_for(request.user))
    unit = get_object_or_404(Unit, pk=filters.unit)
    return selectors.sasaran_list(unit=unit, tahun=_tahun_or_default(filters.tahun))


@router.post("/sasaran", response={201: SasaranOut}, summary="Tambah sasaran organisasi")
def goal_create(request: HttpRequest, payload: SasaranIn) -> Status[SasaranOrganisasi]:
    """By HR of the unit's subtree, or a JPT holding a position in the unit."""
    scope = scope_for(request.user)
    access.sasaran_readable(scope)
    unit = get_object_or_404(Unit, pk=payload.unit)
    access.goals_unit_check(scope, unit)
    goal = services.sasaran_save(
        aktor=Aktor.of_request(request),
        unit=unit,
        tahun=payload.tahun,
        kode=payload.kode,
        uraian=payload.uraian,
        indikator=[row.dict() for row in payload.indikator],
    )
    return Status(201, goal)


@router.put("/sasaran/{int:sasaran_id}", response=SasaranOut, summary="Ubah sasaran organisasi")
def goal_update(
    request: HttpRequest, sasaran_id: int, payload: SasaranUpdateIn
) -> SasaranOrganisasi:
    """The goal as it should be: its indicator list replaces the old one."""
    goal = access.sasaran_get_for_manage(scope_for(request.user), sasaran_id)
    return services.sasaran_save(
        aktor=Aktor.of_request(request),
        unit=goal.unit,
        tahun=goal.tahun,
        kode=payload.kode,
        uraian=payload.uraian,
        indikator=[row.dict() for row in payload.indikator],
        sasaran=goal,
    )


@router.delete("/sasaran/{int:sasaran_id}", response={204: None}, summary="Hapus sasaran")
def goal_delete(request: HttpRequest, sasaran_id: int) -> Status[None]:
    """Refused (422) while RHKs derive from it."""
    goal = access.sasaran_get_for_manage(scope_for(request.user), sasaran_id)
    services.sasaran_delete(aktor=Aktor.of_request(request), sasaran=goal)
    return Status(204, None)
