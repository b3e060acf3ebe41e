"""The employee's period reports ("Realisasi saya"): the periods of a year with their reports,
opening a period's report, the report page read by everyone who may see it (with the
appraiser's verification controls included for the appraiser), recording realisation per
indicator, adding, replacing and removing evidence (files or links), submitting, and
downloading an evidence file.

Only the owner acts (others who may read get 403, anyone else 404). The forms post plainly
and work without JavaScript; with HTMX a refused form is shown again in place. Every refused
action shows the service's message and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from kinerja.audit.services import Aktor
from kinerja.core.formatting import format_number
from kinerja.core.forms import form_submit
from kinerja.core.http import HtmxHttpRequest
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.periode import selectors as periode_selectors
from kinerja.realisasi import access, rules, selectors, services
from kinerja.realisasi.enums import JenisBukti, TipeBerkas
from kinerja.realisasi.forms import BuktiForm, BuktiUpdateForm, RealisasiForm
from kinerja.realisasi.models import (
    BuktiDukung,
    Laporan,
    Realisasi,
    RiwayatBukti,
    UmpanBalik,
)
from kinerja.skp import rules as skp_rules
from kinerja.skp import selectors as skp_selectors
from kinerja.skp.models import Indikator, Rhk

NAV_SECTION = "realisasi"
YEAR_RANGE = range(2000, 2101)
AKSI_LABELS = {
    "AJUKAN": gettext_lazy("Diajukan"),
    "VERIFIKASI": gettext_lazy("Diverifikasi"),
    "UNGGAH": gettext_lazy("Berkas diunggah"),
    "TAUTAN": gettext_lazy("Tautan ditambahkan"),
    "GANTI": gettext_lazy("Diganti"),
}


@dataclass(frozen=True)
class BarisIndikator:
    """An indicator of the report page: its target, its realisation as it reads, and for the
    owner of an editable report the form recording it."""

    indikator: Indikator
    target: str
    realisasi: Realisasi | None
    capaian: str
    form: RealisasiForm | None


@dataclass(frozen=True)
class BarisBukti:
    """An evidence item with its integrity signals, its history (with each step's label) and,
    when the owner may change it, its form."""

    bukti: BuktiDukung
    sinyal: list[rules.Sinyal]
    riwayat: list[tuple[RiwayatBukti, str]]
    ukuran: str
    tautan: str
    """The link when it is a well-formed http(s) address (only then rendered as a link)."""
    form: BuktiUpdateForm | None


@dataclass(frozen=True)
class BarisRhk:
    rhk: Rhk
    indikator: list[BarisIndikator]
    bukti: list[BarisBukti]
    umpan_balik: UmpanBalik | None
    form: BuktiForm | None


# --- Building the pages ------------------------------------------------------------------------


def _requested_year(request: HttpRequest) -> int:
    """`?tahun=` when it is a sensible year, else the year pages show first."""
    text = request.GET.get("tahun", "")
    if text.isdigit() and int(text) in YEAR_RANGE:
        return int(text)
    return periode_selectors.default_tahun(timezone.localdate())


def aksi_label(aksi: str) -> str:
    return str(AKSI_LABELS.get(aksi, aksi))


def size_text(ukuran: int | None) -> str:
    """A file size as people read it: "850 bita", "12,3 KB", "1,2 MB"."""
    if ukuran is None:
        return ""
    if ukuran < 1024:
        return _("%(jumlah)s bita") % {"jumlah": format_number(ukuran)}
    if ukuran < 1024 * 1024:
        return f"{format_number(ukuran / 1024, 1)} KB"
    return f"{format_number(ukuran / (1024 * 1024), 1)} MB"


def _safe_link(tautan: str) -> str:
    return tautan if tautan and rules.link_error(tautan) is None else ""


def _nav_section(scope: Lingkup, laporan: Laporan) -> str:
    if access.is_owner(scope, laporan):
        return NAV_SECTION
    if scope.pegawai_id and laporan.skp.pegawai.penilai_id == scope.pegawai_id:
        return "verifikasi"
    if scope.reads_units:
        return "pemantauan"
    return "verifikasi" if scope.is_penilai else NAV_SECTION


def _report_context(scope: Lingkup, laporan: Laporan) -> dict[str, Any]:
    """Everything the report page shows, and for its owner the forms allowed now."""
    tampil = selectors.laporan_detail(laporan)
    owner = access.is_owner(scope, laporan)
    lock = services.lock_problem(laporan)
    report_problem = rules.report_edit_error(laporan.status)
    can_edit = owner and lock is None and report_problem is None
    pendekatan = laporan.skp.pendekatan
    rows = []
    for shown in tampil.rhk:
        indicators = [
            BarisIndikator(
                indikator,
                indikator.target_text(pendekatan),
                found,
                skp_rules.target_text(
                    pendekatan, found.nilai, indikator.target_satuan, found.narasi
                )
                if found
                else "",
                RealisasiForm(pendekatan=pendekatan, indikator=indikator, realisasi=found)
                if can_edit
                else None,
            )
            for indikator, found in shown.indikator
        ]
        items = [
            BarisBukti(
                item.bukti,
                item.sinyal,
                [(step, aksi_label(step.aksi)) for step in item.riwayat],
                size_text(item.bukti.ukuran),
                _safe_link(item.bukti.tautan),
                BuktiUpdateForm(bukti=item.bukti)
                if can_edit and rules.item_edit_error(laporan.status, item.bukti.status) is None
                else None,
            )
            for item in shown.bukti
        ]
        form = BuktiForm(skp=laporan.skp, rhk=shown.rhk) if can_edit else None
        rows.append(BarisRhk(shown.rhk, indicators, items, shown.umpan_balik, form))
    returned = sum(tampil.jumlah.get(status.value, 0) for status in rules.RETURNED)
    return {
        "nav_section": _nav_section(scope, laporan),
        "laporan": laporan,
        "pegawai": laporan.skp.pegawai,
        "periode": laporan.periode,
        "is_owner": owner,
        "may_verify": access.may_verify(scope, laporan),
        "lock_problem": lock,
        "edit_problem": report_problem if owner and lock is None else None,
        "can_edit": can_edit,
        "rows": rows,
        "perilaku": tampil.perilaku,
        "history": [(step, aksi_label(step.aksi)) for step in tampil.riwayat],
        "jumlah": tampil.jumlah,
        "jumlah_bukti": sum(tampil.jumlah.values()),
        "jumlah_dikembalikan": returned,
        "upload_help": _upload_help(),
    }


def _upload_help() -> str:
    return _(
        "Jenis berkas yang diterima: %(jenis)s; paling besar %(batas)s MB. Jenis berkas "
        "diperiksa dari isinya, bukan dari namanya."
    ) % {"jenis": rules.allowed_types_text(), "batas": settings.EVIDENCE_MAX_UPLOAD_MB}


def _detail(laporan: Laporan | int, anchor: str = "") -> str:
    pk = laporan if isinstance(laporan, int) else laporan.pk
    url = reverse("realisasi:detail", args=[pk])
    return f"{url}#{anchor}" if anchor else url


def _back(request: HtmxHttpRequest, laporan: Laporan | int, anchor: str = "") -> HttpResponse:
    """Back to the report page (an HTMX request reloads the whole page there)."""
    if request.htmx:
        return HttpResponseClientRedirect(_detail(laporan))
    return redirect(_detail(laporan, anchor))


def _refused(
    request: HtmxHttpRequest, laporan: Laporan | int, error: ValidationError, anchor: str = ""
) -> HttpResponse:
    """A refused action: the service's reasons as messages, back to the report."""
    for message in error.messages:
        messages.error(request, message)
    return _back(request, laporan, anchor)


def _frozen(
    request: HtmxHttpRequest, laporan: Laporan, status: str | None = None
) -> HttpResponse | None:
    """Opening a form on a report (or an item of it) that cannot change now: say why, back to
    the report. (A POST goes on to the service, which refuses with the same message.)"""
    if request.method == "POST":
        return None
    problem = services.lock_problem(laporan) or (
        rules.item_edit_error(laporan.status, status)
        if status
        else rules.report_edit_error(laporan.status)
    )
    if problem is None:
        return None
    messages.error(request, problem)
    return _back(request, laporan)


def _edit_form(request: HtmxHttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A form shown again: the bare form for HTMX, a page of its own (posting plainly)
    otherwise."""
    if request.htmx:
        return render(request, f"realisasi/_{template}.html", context)
    page = context | {"nav_section": NAV_SECTION, "standalone": True}
    return render(request, f"realisasi/{template}.html", page)


# --- The employee's periods --------------------------------------------------------------------


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    pegawai_id = access.own_check(scope)
    tahun = _requested_year(request)
    skp = skp_selectors.skp_find(pegawai_id, tahun)
    approved = skp is not None and skp.disetujui_pada is not None
    opened = [year.tahun for year in periode_selectors.tahun_list()]
    context = {
        "nav_section": NAV_SECTION,
        "tahun": tahun,
        "years": sorted(set(opened) | {tahun}, reverse=True),
        "skp": skp,
        "approved": approved,
        "rows": selectors.own_periods(skp) if skp is not None and approved else [],
    }
    return render(request, "realisasi/mine.html", context)


@login_required
def report_open(request: HttpRequest, periode_id: int) -> HttpResponse:
    """POST: the report of the user's approved plan for the period (created on first use).
    GET: the existing report, or the list of periods."""
    scope = scope_for(request.user)
    periode = access.periode_get_for_own(scope, periode_id)
    skp = skp_selectors.skp_find(access.own_check(scope), periode.tahun.tahun)
    back = f"{reverse('realisasi:mine')}?tahun={periode.tahun.tahun}"
    if request.method != "POST":
        found = selectors.laporan_find(skp, periode) if skp is not None else None
        return redirect(_detail(found) if found is not None else back)
    if skp is None:
        messages.error(
            request, _("Anda belum memiliki SKP tahun %(tahun)s.") % {"tahun": periode.tahun.tahun}
        )
        return redirect(back)
    try:
        laporan = services.laporan_open(aktor=Aktor.of_request(request), skp=skp, periode=periode)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    return redirect(_detail(laporan))


# --- The report page ---------------------------------------------------------------------------


@login_required
def report_detail(request: HttpRequest, laporan_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    laporan = access.laporan_get_for_read(scope, laporan_id)
    return render(request, "realisasi/detail.html", _report_context(scope, laporan))


@login_required
def realisasi_save(request: HtmxHttpRequest, laporan_id: int, indikator_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    laporan = access.laporan_get_for_owner(scope, laporan_id)
    indikator = access.indikator_of_report(laporan, indikator_id)
    if refused := _frozen(request, laporan):
        return refused
    form = RealisasiForm(
        request.POST or None, pendekatan=laporan.skp.pendekatan, indikator=indikator
    )
    done, _saved = form_submit(
        request,
        form,
        lambda data: services.realisasi_save(
            aktor=Aktor.of_request(request),
            laporan=laporan,
            indikator=indikator,
            **form.service_arguments(),
        ),
    )
    if done:
        messages.success(
            request, _("Realisasi indikator “%(iki)s” disimpan.") % {"iki": indikator.uraian}
        )
        return _back(request, laporan, f"rhk-{indikator.rhk_id}")
    context = {
        "form": form,
        "laporan": laporan,
        "indikator": indikator,
        "target": indikator.target_text(laporan.skp.pendekatan),
    }
    return _edit_form(request, "realisasi_form", context)


@login_required
def bukti_create(request: HtmxHttpRequest, laporan_id: int) -> HttpResponse:
    """Add a file (multipart) or a link as evidence for an RHK of the report's plan."""
    scope = scope_for(request.user)
    laporan = access.laporan_get_for_owner(scope, laporan_id)
    if refused := _frozen(request, laporan):
        return refused
    form = BuktiForm(
        request.POST or None, request.FILES or None, skp=laporan.skp, inline=bool(request.htmx)
    )
    aktor = Aktor.of_request(request)

    def add(data: dict[str, Any]) -> BuktiDukung:
        upload = data["berkas"]
        if upload:
            return services.bukti_add_file(
                aktor=aktor,
                laporan=laporan,
                rhk=data["rhk"],
                fileobj=upload,
                nama_berkas=upload.name,
                uraian=data["uraian"],
            )
        return services.bukti_add_link(
            aktor=aktor,
            laporan=laporan,
            rhk=data["rhk"],
            tautan=data["tautan"],
            uraian=data["uraian"],
        )

    done, bukti = form_submit(request, form, add)
    if done:
        messages.success(request, _("Bukti dukung “%(bukti)s” ditambahkan.") % {"bukti": bukti})
        return _back(request, laporan, f"bukti-{bukti.pk}")
    context = {"form": form, "laporan": laporan, "upload_help": _upload_help()}
    return _edit_form(request, "bukti_form", context)


@login_required
def bukti_update(request: HtmxHttpRequest, bukti_id: int) -> HttpResponse:
    """Change an item's description, or replace its file or link (a draft's item, or one the
    appraiser returned)."""
    scope = scope_for(request.user)
    bukti = access.bukti_get_for_owner(scope, bukti_id)
    laporan = bukti.laporan
    if refused := _frozen(request, laporan, bukti.status):
        return refused
    form = BuktiUpdateForm(request.POST or None, request.FILES or None, bukti=bukti)
    done, saved = form_submit(
        request,
        form,
        lambda data: services.bukti_replace(
            aktor=Aktor.of_request(request), bukti=bukti, **form.service_arguments()
        ),
    )
    if done:
        messages.success(request, _("Bukti dukung “%(bukti)s” disimpan.") % {"bukti": saved})
        return _back(request, laporan, f"bukti-{saved.pk}")
    context = {
        "form": form,
        "laporan": laporan,
        "bukti": bukti,
        "upload_help": _upload_help(),
    }
    return _edit_form(request, "bukti_update", context)


@login_required
@require_POST
def bukti_delete(request: HtmxHttpRequest, bukti_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    bukti = access.bukti_get_for_owner(scope, bukti_id)
    try:
        services.bukti_delete(aktor=Aktor.of_request(request), bukti=bukti)
    except ValidationError as error:
        return _refused(request, bukti.laporan, error, f"bukti-{bukti.pk}")
    messages.success(request, _("Bukti dukung “%(bukti)s” dihapus.") % {"bukti": bukti})
    return _back(request, bukti.laporan, f"rhk-{bukti.rhk_id}")


@login_required
@require_POST
def report_submit(request: HtmxHttpRequest, laporan_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    laporan = access.laporan_get_for_owner(scope, laporan_id)
    try:
        services.laporan_submit(aktor=Aktor.of_request(request), laporan=laporan)
    except ValidationError as error:
        return _refused(request, laporan, error)
    messages.success(
        request,
        _("Realisasi %(periode)s diajukan kepada pejabat penilai.")
        % {"periode": laporan.periode.nama},
    )
    return _back(request, laporan)


# --- Downloading evidence ----------------------------------------------------------------------


@login_required
def bukti_download(request: HttpRequest, bukti_id: int) -> FileResponse:
    """An evidence file, for readers of its report only, as an attachment that the browser
    never renders or sniffs."""
    bukti = access.bukti_get_for_read(scope_for(request.user), bukti_id)
    if bukti.jenis != JenisBukti.BERKAS or not bukti.berkas:
        raise Http404
    try:
        handle = default_storage.open(bukti.berkas.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=bukti.nama_berkas,
        content_type=rules.CONTENT_TYPES[TipeBerkas(bukti.tipe_berkas)],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
