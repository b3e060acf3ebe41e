"""Realisation API: the employee's periods and reports, realisation, evidence (multipart upload,
links, replace, remove, download), submission; the appraiser's inbox, verdicts, accept-all and
feedback; HR monitoring, late employees and unlocking; the Umpan Balik document.

The same services, selectors and access functions as the pages. A refused input is 422 naming
each field and what is wrong with it (`{"detail": [{"loc": ["body", "berkas"], "msg": "…"}],
"errors": {"berkas": ["…"]}}`, by the API's ValidationError handler); a report the user may not
read is 404, one the user may read but not act on is 403. Evidence files are served only
through `GET /bukti/{id}/unduh`, as attachments with `X-Content-Type-Options: nosniff`.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from kinerja.audit.services import Aktor
from kinerja.organisasi import access as organisasi_access
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.models import Unit
from kinerja.organisasi.selectors import PAGE_SIZE
from kinerja.periode.enums import StatusPeriode
from kinerja.periode.models import Periode
from kinerja.periode.selectors import default_tahun
from kinerja.realisasi import access, documents, rules, selectors, services
from kinerja.realisasi.enums import JenisBukti, JenisSinyal, StatusBukti, StatusLaporan, TipeBerkas
from kinerja.realisasi.models import (
    BukaKunci,
    BuktiDukung,
    Laporan,
    Realisasi,
    RiwayatBukti,
    RiwayatLaporan,
    UmpanBalik,
)
from kinerja.realisasi.schemas import (
    BarisVerifikasiOut,
    BukaKunciIn,
    BukaKunciOut,
    BuktiOut,
    BuktiUpdateIn,
    LaporanOut,
    PemantauanOut,
    RealisasiIn,
    RealisasiOut,
    SayaOut,
    TautanIn,
    TerimaSemuaOut,
    UmpanBalikIn,
    UmpanBalikOut,
    VerdictIn,
    VerifikasiQuery,
)
from kinerja.skp import selectors as skp_selectors
from kinerja.skp.enums import Aspek, JenisRhk, Pendekatan, StatusSkp
from kinerja.skp.models import Indikator, Rhk, Skp
from kinerja.skp.schemas import PegawaiTanpaSkpOut, pilihan

router = Router(tags=["realisasi"])
PDF_RESPONSE = {
    "responses": {
        200: {
            "description": "The Umpan Balik sheet (A4 PDF).",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}
FILE_RESPONSE = {
    "responses": {
        200: {
            "description": "The evidence file, as an attachment.",
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    }
}
INBOX_STATUSES = (StatusLaporan.DIAJUKAN, StatusLaporan.PERLU_PERBAIKAN, StatusLaporan.SELESAI)


# --- Answers ---------------------------------------------------------------------------------


def _decimal_text(value: Any) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _periode(periode: Periode) -> dict[str, Any]:
    return {
        "id": periode.pk,
        "tahun": periode.tahun.tahun,
        "kode": periode.kode,
        "nama": periode.nama,
        "status": pilihan(StatusPeriode, periode.status),
        "batas_realisasi": periode.batas_realisasi,
        "batas_verifikasi": periode.batas_verifikasi,
    }


def _ringkas(laporan: Laporan) -> dict[str, Any]:
    return {
        "id": laporan.pk,
        "status": pilihan(StatusLaporan, laporan.status),
        "putaran": laporan.putaran,
        "diajukan_pada": laporan.diajukan_pada,
        "selesai_pada": laporan.selesai_pada,
    }


def _skp(skp: Skp) -> dict[str, Any]:
    return {
        "id": skp.pk,
        "tahun": skp.tahun,
        "pendekatan": pilihan(Pendekatan, skp.pendekatan),
        "status": pilihan(StatusSkp, skp.status),
        "disetujui_pada": skp.disetujui_pada,
    }


def _realisasi(item: Realisasi | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "indikator_id": item.indikator_id,
        "nilai": _decimal_text(item.nilai),
        "narasi": item.narasi,
        "diubah_pada": item.diubah_pada,
    }


def _umpan_balik(item: UmpanBalik | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {
        "id": item.pk,
        "rhk_id": item.rhk_id,
        "nilai": item.nilai,
        "isi": item.isi,
        "oleh": item.oleh_label,
        "diubah_pada": item.diubah_pada,
    }


def _riwayat_bukti(step: RiwayatBukti) -> dict[str, Any]:
    return {
        "putaran": step.putaran,
        "aksi": step.aksi,
        "status": pilihan(StatusBukti, step.status),
        "catatan": step.catatan,
        "keterangan": step.keterangan,
        "oleh": step.oleh_label,
        "pada": step.pada,
    }


def _riwayat_laporan(step: RiwayatLaporan) -> dict[str, Any]:
    return {
        "putaran": step.putaran,
        "aksi": step.aksi,
        "status": pilihan(StatusLaporan, step.status),
        "catatan": step.catatan,
        "oleh": step.oleh_label,
        "pada": step.pada,
    }


def _bukti(shown: selectors.BuktiTampil, *, editable: bool, status: str) -> dict[str, Any]:
    item = shown.bukti
    is_file = item.jenis == JenisBukti.BERKAS
    verifier = item.diverifikasi_oleh
    return {
        "id": item.pk,
        "rhk_id": item.rhk_id,
        "jenis": pilihan(JenisBukti, item.jenis),
        "uraian": item.uraian,
        "nama_berkas": item.nama_berkas,
        "tipe_berkas": pilihan(TipeBerkas, item.tipe_berkas),
        "ukuran": item.ukuran,
        "sha256": item.sha256,
        "tautan": item.tautan,
        "unduh": reverse("api:realisasi-bukti-unduh", kwargs={"bukti_id": item.pk})
        if is_file
        else None,
        "status": pilihan(StatusBukti, item.status),
        "catatan": item.catatan,
        "putaran": item.putaran,
        "diunggah_pada": item.diunggah_pada,
        "diverifikasi_pada": item.diverifikasi_pada,
        "diverifikasi_oleh": None if verifier is None else verifier.nama,
        "may_edit": editable and rules.item_edit_error(status, item.status) is None,
        "sinyal": [
            {"jenis": pilihan(JenisSinyal, signal.jenis), "pesan": signal.pesan}
            for signal in shown.sinyal
        ],
        "riwayat": [_riwayat_bukti(step) for step in shown.riwayat],
    }


def _detail(scope: Lingkup, laporan: Laporan) -> dict[str, Any]:
    """A report with everything it holds, and what the caller may do with it now."""
    shown = selectors.laporan_detail(laporan)
    lock = services.lock_problem(laporan)
    open_for_owner = access.is_owner(scope, laporan) and lock is None
    editable = open_for_owner and rules.report_edit_error(laporan.status) is None
    pendekatan = laporan.skp.pendekatan
    return {
        **_ringkas(laporan),
        "periode": _periode(laporan.periode),
        "skp": _skp(laporan.skp),
        "pegawai": laporan.skp.pegawai,
        "rhk": [
            {
                "id": row.rhk.pk,
                "kode": row.rhk.kode,
                "jenis": pilihan(JenisRhk, row.rhk.jenis),
                "uraian": row.rhk.uraian,
                "indikator": [
                    {
                        "id": indikator.pk,
                        "aspek": pilihan(Aspek, indikator.aspek),
                        "uraian": indikator.uraian,
                        "target": indikator.target_text(pendekatan),
                        "realisasi": _realisasi(realised),
                    }
                    for indikator, realised in row.indikator
                ],
                "bukti": [
                    _bukti(item, editable=editable, status=laporan.status) for item in row.bukti
                ],
                "umpan_balik": _umpan_balik(row.umpan_balik),
            }
            for row in shown.rhk
        ],
        "perilaku": [
            {
                "kode": value["kode"],
                "nama": value["nama"],
                "umpan_balik": _umpan_balik(value["umpan_balik"]),
            }
            for value in shown.perilaku
        ],
        "riwayat": [_riwayat_laporan(step) for step in shown.riwayat],
        "jumlah": shown.jumlah,
        "kunci": lock,
        "may_edit": editable,
        "may_verify": lock is None
        and laporan.status == StatusLaporan.DIAJUKAN
        and access.may_verify(scope, laporan),
    }


def _fresh(scope: Lingkup, laporan_id: int) -> dict[str, Any]:
    """The report as it is after a change, read again as the caller sees it."""
    return _detail(scope, access.laporan_get_for_read(scope, laporan_id))


def _fresh_item(scope: Lingkup, bukti: BuktiDukung) -> dict[str, Any]:
    """An evidence item as it is after a change, with its signals and history."""
    detail = _fresh(scope, bukti.laporan_id)
    return next(item for row in detail["rhk"] for item in row["bukti"] if item["id"] == bukti.pk)


# --- Fetching --------------------------------------------------------------------------------


def _periode_get(periode_id: int) -> Periode:
    """Every signed-in user reads the calendar: a period is 404 only when it does not exist."""
    return get_object_or_404(Periode.objects.select_related("tahun"), pk=periode_id)


def _rhk_of(laporan: Laporan, rhk_id: int) -> Rhk:
    """An RHK of the report's plan; any other id is refused naming the `rhk` field."""
    found = Rhk.objects.filter(pk=rhk_id, skp_id=laporan.skp_id).first()
    if found is None:
        raise ValidationError({"rhk": _("RHK ini bukan bagian dari SKP laporan ini.")})
    return found


def _indikator_of(laporan: Laporan, indikator_id: int) -> Indikator:
    return get_object_or_404(
        Indikator.objects.select_related("rhk"), pk=indikator_id, rhk__skp_id=laporan.skp_id
    )


def _inbox_status(value: str | None) -> str:
    """An inbox status filter (code or label); unknown is a 422 naming `status`."""
    if not value:
        return ""
    found = StatusLaporan.parse(value)
    if found not in INBOX_STATUSES:
        message = _("Status “%(nilai)s” tidak dikenal; pilih salah satu: %(pilihan)s.") % {
            "nilai": value,
            "pilihan": ", ".join(item.value for item in INBOX_STATUSES),
        }
        raise ValidationError({"status": [message]})
    assert found is not None
    return found.value


# --- The employee ----------------------------------------------------------------------------


@router.get("/saya", response=SayaOut, summary="Periode realisasi saya")
def period_list(request: HttpRequest, tahun: int | None = None) -> dict[str, Any]:
    """The caller's plan for a year (default: the current performance year) and the periods of
    that year, each with the caller's report when it was opened."""
    pegawai_id = access.own_check(scope_for(request.user))
    year = tahun if tahun is not None else default_tahun(timezone.localdate())
    skp = skp_selectors.skp_find(pegawai_id, year)
    rows = selectors.own_periods(skp) if skp is not None else []
    return {
        "tahun": year,
        "skp": None if skp is None else _skp(skp),
        "periode": [
            {
                "periode": _periode(row.periode),
                "laporan": None if row.laporan is None else _ringkas(row.laporan),
            }
            for row in rows
        ],
    }


@router.post(
    "/periode/{int:periode_id}",
    response={200: LaporanOut, 201: LaporanOut},
    summary="Buka laporan saya untuk satu periode",
)
def report_open(request: HttpRequest, periode_id: int) -> Status[dict[str, Any]]:
    """The caller's report for a period of their approved plan's year: 201 when it is created
    now, 200 when it already existed."""
    scope = scope_for(request.user)
    pegawai_id = access.own_check(scope)
    periode = _periode_get(periode_id)
    skp = skp_selectors.skp_find(pegawai_id, periode.tahun.tahun)
    if skp is None:
        raise ValidationError(
            _("Anda belum memiliki SKP tahun %(tahun)s; realisasi diisi setelah SKP disetujui.")
            % {"tahun": periode.tahun.tahun}
        )
    found = selectors.laporan_find(skp, periode)
    if found is not None:
        return Status(200, _fresh(scope, found.pk))
    laporan = services.laporan_open(aktor=Aktor.of_request(request), skp=skp, periode=periode)
    return Status(201, _fresh(scope, laporan.pk))


@router.get("/{int:laporan_id}", response=LaporanOut, summary="Satu laporan realisasi")
def report_detail(request: HttpRequest, laporan_id: int) -> dict[str, Any]:
    """RHKs with indicators and realisation, evidence with verdicts, integrity signals and
    history, feedback, counts, why it is locked, and what the caller may do."""
    scope = scope_for(request.user)
    return _detail(scope, access.laporan_get_for_read(scope, laporan_id))


@router.put(
    "/{int:laporan_id}/realisasi/{int:indikator_id}",
    response=RealisasiOut,
    summary="Isi realisasi satu IKI",
)
def realisasi_save(
    request: HttpRequest, laporan_id: int, indikator_id: int, payload: RealisasiIn
) -> dict[str, Any] | None:
    """Kuantitatif: `nilai`; kualitatif: `narasi`. An indicator of another plan is 404."""
    laporan = access.laporan_get_for_owner(scope_for(request.user), laporan_id)
    indikator = _indikator_of(laporan, indikator_id)
    saved = services.realisasi_save(
        aktor=Aktor.of_request(request),
        laporan=laporan,
        indikator=indikator,
        nilai=payload.nilai,
        narasi=payload.narasi,
    )
    return _realisasi(saved)


@router.post(
    "/{int:laporan_id}/bukti/berkas",
    response={201: BuktiOut},
    summary="Unggah berkas bukti dukung",
)
def bukti_upload(
    request: HttpRequest,
    laporan_id: int,
    rhk: Form[int],
    uraian: Form[str],
    berkas: File[UploadedFile],
) -> Status[dict[str, Any]]:
    """Multipart: `rhk` (the RHK's id), `uraian`, `berkas`. The type is read from the content
    (PDF, JPEG, PNG, DOCX, XLSX, PPTX, ODT, ODS, ODP), never from the name."""
    scope = scope_for(request.user)
    laporan = access.laporan_get_for_owner(scope, laporan_id)
    bukti = services.bukti_add_file(
        aktor=Aktor.of_request(request),
        laporan=laporan,
        rhk=_rhk_of(laporan, rhk),
        fileobj=berkas,
        nama_berkas=berkas.name or "",
        uraian=uraian,
    )
    return Status(201, _fresh_item(scope, bukti))


@router.post(
    "/{int:laporan_id}/bukti/tautan", response={201: BuktiOut}, summary="Tambah tautan bukti"
)
def bukti_link(request: HttpRequest, laporan_id: int, payload: TautanIn) -> Status[dict[str, Any]]:
    scope = scope_for(request.user)
    laporan = access.laporan_get_for_owner(scope, laporan_id)
    bukti = services.bukti_add_link(
        aktor=Aktor.of_request(request),
        laporan=laporan,
        rhk=_rhk_of(laporan, payload.rhk),
        tautan=payload.tautan,
        uraian=payload.uraian,
    )
    return Status(201, _fresh_item(scope, bukti))


@router.put("/bukti/{int:bukti_id}", response=BuktiOut, summary="Ubah keterangan atau tautan")
def bukti_update(request: HttpRequest, bukti_id: int, payload: BuktiUpdateIn) -> dict[str, Any]:
    """A draft's item, or a returned one (it then waits for verification again). `tautan`
    replaces the link (or the file) with a link."""
    scope = scope_for(request.user)
    bukti = access.bukti_get_for_owner(scope, bukti_id)
    changed = services.bukti_replace(
        aktor=Aktor.of_request(request), bukti=bukti, uraian=payload.uraian, tautan=payload.tautan
    )
    return _fresh_item(scope, changed)


@router.post("/bukti/{int:bukti_id}/berkas", response=BuktiOut, summary="Ganti berkas bukti")
def bukti_replace_file(
    request: HttpRequest, bukti_id: int, uraian: Form[str], berkas: File[UploadedFile]
) -> dict[str, Any]:
    """Multipart: `uraian`, `berkas`; the old file is deleted once the change is saved."""
    scope = scope_for(request.user)
    bukti = access.bukti_get_for_owner(scope, bukti_id)
    changed = services.bukti_replace(
        aktor=Aktor.of_request(request),
        bukti=bukti,
        uraian=uraian,
        fileobj=berkas,
        nama_berkas=berkas.name or "",
    )
    return _fresh_item(scope, changed)


@router.delete("/bukti/{int:bukti_id}", response={204: None}, summary="Hapus bukti dukung")
def bukti_delete(request: HttpRequest, bukti_id: int) -> Status[None]:
    bukti = access.bukti_get_for_owner(scope_for(request.user), bukti_id)
    services.bukti_delete(aktor=Aktor.of_request(request), bukti=bukti)
    return Status(204, None)


@router.get(
    "/bukti/{int:bukti_id}/unduh",
    summary="Unduh berkas bukti dukung",
    url_name="realisasi-bukti-unduh",
    openapi_extra=FILE_RESPONSE,
)
def bukti_download(request: HttpRequest, bukti_id: int) -> FileResponse:
    """Only for readers of the report (404 for anyone else, and for a link)."""
    bukti = access.bukti_get_for_read(scope_for(request.user), bukti_id)
    if not bukti.berkas or not default_storage.exists(bukti.berkas.name):
        raise Http404
    response = FileResponse(
        default_storage.open(bukti.berkas.name, "rb"),
        as_attachment=True,
        filename=bukti.nama_berkas,
        content_type=rules.CONTENT_TYPES[TipeBerkas(bukti.tipe_berkas)],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.post("/{int:laporan_id}/ajukan", response=LaporanOut, summary="Ajukan laporan")
def report_submit(request: HttpRequest, laporan_id: int) -> dict[str, Any]:
    """The owner submits the period to the appraiser; every new or corrected item waits for a
    verdict in a new round. 422 lists every returned item still to be corrected or removed."""
    scope = scope_for(request.user)
    laporan = access.laporan_get_for_owner(scope, laporan_id)
    services.laporan_submit(aktor=Aktor.of_request(request), laporan=laporan)
    return _fresh(scope, laporan_id)


# --- The appraiser ---------------------------------------------------------------------------


@router.get("/verifikasi", response=list[BarisVerifikasiOut], summary="Verifikasi bukti dukung")
def inbox(request: HttpRequest, filters: Query[VerifikasiQuery]) -> list[dict[str, Any]]:
    """The reports of the caller's appraisees submitted at least once: waiting ones first,
    oldest submission first. Filters: `periode`, `unit` (with its subunits), `status`."""
    penilai_id = access.own_check(scope_for(request.user))
    rows = selectors.inbox(
        penilai_id,
        periode=None if filters.periode is None else _periode_get(filters.periode),
        unit=None if filters.unit is None else get_object_or_404(Unit, pk=filters.unit),
        status=_inbox_status(filters.status),
    )
    return [
        {
            "laporan": _ringkas(row.laporan),
            "pegawai": row.laporan.skp.pegawai,
            "periode": _periode(row.laporan.periode),
            "menunggu": row.menunggu,
            "diterima": row.diterima,
            "dikembalikan": row.dikembalikan,
        }
        for row in rows
    ]


@router.post("/bukti/{int:bukti_id}/verifikasi", response=BuktiOut, summary="Verifikasi bukti")
def bukti_verdict(request: HttpRequest, bukti_id: int, payload: VerdictIn) -> dict[str, Any]:
    """The appraiser's verdict on one waiting item: DITERIMA, PERLU_PERBAIKAN or DITOLAK
    (`catatan` required unless accepted). Once per round: a second verdict is 422."""
    scope = scope_for(request.user)
    bukti = access.bukti_get_for_verify(scope, bukti_id)
    judged = services.bukti_verdict(
        aktor=Aktor.of_request(request), bukti=bukti, status=payload.status, catatan=payload.catatan
    )
    return _fresh_item(scope, judged)


@router.post(
    "/{int:laporan_id}/terima-semua", response=TerimaSemuaOut, summary="Terima semua bukti"
)
def accept_all(request: HttpRequest, laporan_id: int) -> dict[str, Any]:
    """Accept every item still waiting in the report (after reviewing them)."""
    scope = scope_for(request.user)
    laporan = access.laporan_get_for_verify(scope, laporan_id)
    count = services.bukti_accept_all(aktor=Aktor.of_request(request), laporan=laporan)
    return {"diterima": count, "laporan": _fresh(scope, laporan_id)}


@router.put(
    "/{int:laporan_id}/umpan-balik",
    response={200: UmpanBalikOut, 204: None},
    summary="Umpan balik berkelanjutan",
)
def feedback_save(request: HttpRequest, laporan_id: int, payload: UmpanBalikIn) -> Any:
    """On one RHK (`rhk`) or one BerAKHLAK value (`nilai`); an empty `isi` removes it (204)."""
    laporan = access.laporan_get_for_verify(scope_for(request.user), laporan_id)
    saved = services.umpan_balik_save(
        aktor=Aktor.of_request(request),
        laporan=laporan,
        isi=payload.isi,
        rhk=None if payload.rhk is None else _rhk_of(laporan, payload.rhk),
        nilai=payload.nilai,
    )
    if saved is None:
        return Status(204, None)
    return Status(200, _umpan_balik(saved))


@router.get(
    "/{int:laporan_id}/umpan-balik.pdf",
    summary="Lembar Umpan Balik (PDF)",
    openapi_extra=PDF_RESPONSE,
)
def feedback_pdf(request: HttpRequest, laporan_id: int) -> HttpResponse:
    """Realisation and feedback per RHK based on the evidence, for readers of the report."""
    laporan = access.laporan_get_for_read(scope_for(request.user), laporan_id)
    response = HttpResponse(documents.feedback_pdf(laporan), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.pdf_filename(laporan)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- HR --------------------------------------------------------------------------------------


@router.get("/pemantauan", response=list[PemantauanOut], summary="Pemantauan realisasi per unit")
def monitoring(
    request: HttpRequest, periode: int, induk: int | None = None
) -> list[dict[str, Any]]:
    """Per top unit the caller reads (each with its subtree), or with `induk` its own employees
    (`langsung`) then each child unit: employees with an approved plan, reports submitted and
    done, evidence items per status."""
    scope = scope_for(request.user)
    access.monitoring_check(scope)
    rows = selectors.monitoring(
        scope,
        periode=_periode_get(periode),
        induk=None if induk is None else organisasi_access.unit_get_for_read(scope, induk),
    )
    return [
        {
            "unit": row.unit,
            "langsung": row.langsung,
            "pegawai": row.pegawai,
            "diajukan": row.diajukan,
            "selesai": row.selesai,
            "belum_mengajukan": row.belum_mengajukan,
            "bukti": row.bukti,
        }
        for row in rows
    ]


@router.get(
    "/pemantauan/terlambat",
    response=list[PegawaiTanpaSkpOut],
    summary="Pegawai yang belum mengajukan",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def late_employees(request: HttpRequest, periode: int, unit: int) -> Any:
    """Active employees of a unit (with its subunits) with an approved plan who have not
    submitted the period (late once its realisation deadline has passed)."""
    scope = scope_for(request.user)
    access.monitoring_check(scope)
    return selectors.late_employees(
        scope,
        periode=_periode_get(periode),
        unit=organisasi_access.unit_get_for_read(scope, unit),
    )


@router.post("/buka-kunci", response={201: BukaKunciOut}, summary="Buka kunci periode")
def unlock(request: HttpRequest, payload: BukaKunciIn) -> Status[dict[str, Any]]:
    """Let one employee (`pegawai`) or a unit with its subunits (`unit`) act on a period after
    its lock until `sampai`, with a reason: by admin kepegawaian of the subtree (403 for other
    readers)."""
    scope = scope_for(request.user)
    access.monitoring_check(scope)
    periode = _periode_get(payload.periode)
    pegawai = (
        None
        if payload.pegawai is None
        else organisasi_access.pegawai_get_for_read(scope, payload.pegawai)
    )
    unit = (
        None if payload.unit is None else organisasi_access.unit_get_for_read(scope, payload.unit)
    )
    if pegawai is not None:
        access.unlock_check(scope, pegawai.unit.jalur)
    if unit is not None:
        access.unlock_check(scope, unit.jalur)
    found = services.buka_kunci_create(
        aktor=Aktor.of_request(request),
        periode=periode,
        sampai=payload.sampai,
        alasan=payload.alasan,
        pegawai=pegawai,
        unit=unit,
    )
    return Status(201, _buka_kunci(found))


def _buka_kunci(item: BukaKunci) -> dict[str, Any]:
    return {
        "id": item.pk,
        "periode_id": item.periode_id,
        "pegawai_id": item.pegawai_id,
        "unit_id": item.unit_id,
        "sampai": item.sampai,
        "alasan": item.alasan,
        "oleh": item.oleh_label,
        "pada": item.pada,
    }
