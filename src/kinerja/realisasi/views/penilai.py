"""The appraiser's pages: the inbox of the appraisees' submitted reports ("Verifikasi Bukti
Dukung"), and the actions the report page offers the appraiser: a verdict on one item, accept
every waiting item, feedback on an RHK or a BerAKHLAK value.

The actions answer a plain POST with a message and a redirect back to the report (or to a local
`next`); an HTMX request gets the re-rendered fragment instead (and a page refresh once the
report's status changed)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from kinerja.audit.services import Aktor
from kinerja.core.http import HtmxHttpRequest
from kinerja.organisasi.access import scope_for
from kinerja.realisasi import access, selectors, services
from kinerja.realisasi.enums import StatusBukti, StatusLaporan
from kinerja.realisasi.forms_penilai import (
    AcceptAllForm,
    FeedbackForm,
    InboxFilterForm,
    VerdictForm,
    appraisee_units,
    period_options,
)
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.skp.selectors import rhk_of

NAV_SECTION = "verifikasi"


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    penilai_id = access.own_check(scope)
    form = InboxFilterForm(request.GET, periods=period_options(), units=appraisee_units(penilai_id))
    context = {
        "nav_section": NAV_SECTION,
        "form": form,
        "filtered": form.filtered(),
        "rows": selectors.inbox(penilai_id, **form.filters()),
    }
    return render(request, "realisasi/penilai_inbox.html", context)


# --- Where an action leads back to -----------------------------------------------------------


def _local(target: str) -> bool:
    return (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    )


def _back(form: Any, laporan: Laporan, anchor: str = "") -> HttpResponse:
    """To `next` when it is a local address of this site, else to the report (at `anchor`)."""
    target = form.cleaned_data.get("next", "") if hasattr(form, "cleaned_data") else ""
    if target and _local(target):
        return redirect(target)
    report = reverse("realisasi:detail", args=[laporan.pk])
    return redirect(f"{report}#{anchor}" if anchor else report)


def _form_errors(form: Any) -> list[str]:
    return [str(error) for errors in form.errors.values() for error in errors]


def _refuse(request: HttpRequest, problems: list[str]) -> None:
    for problem in problems:
        messages.error(request, problem)


def _settled_message(laporan: Laporan) -> str:
    return _("Laporan %(nama)s %(periode)s kini berstatus %(status)s.") % {
        "nama": laporan.skp.pegawai.nama,
        "periode": laporan.periode.nama,
        "status": StatusLaporan(laporan.status).label,
    }


def _fragment(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, template, {"may_verify": True, **context}, status=status)


# --- A verdict on one item -------------------------------------------------------------------


@login_required
@require_POST
def bukti_verdict(request: HtmxHttpRequest, bukti_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    bukti = access.bukti_get_for_verify(scope, bukti_id)
    form = VerdictForm(request.POST)
    problems, done = ([] if form.is_valid() else _form_errors(form)), None
    if not problems:
        try:
            done = services.bukti_verdict(
                aktor=Aktor.of_request(request),
                bukti=bukti,
                status=form.cleaned_data["status"],
                catatan=form.cleaned_data["catatan"],
            )
        except ValidationError as error:
            problems = error.messages
    laporan = bukti.laporan
    laporan.refresh_from_db(fields=["status"])
    settled = done is not None and laporan.status != StatusLaporan.DIAJUKAN
    if request.htmx and not settled:
        return _verdict_fragment(request, scope, bukti_id, done, problems, form)
    _refuse(request, problems)
    if done is not None:
        messages.success(request, _verdict_message(done))
    if settled:
        messages.success(request, _settled_message(laporan))
    if request.htmx:
        return HttpResponseClientRefresh()
    return _back(form, laporan, f"verifikasi-{bukti.pk}")


def _verdict_message(bukti: BuktiDukung) -> str:
    return _("Bukti “%(bukti)s” ditandai %(status)s.") % {
        "bukti": bukti,
        "status": StatusBukti(bukti.status).label,
    }


def _verdict_fragment(
    request: HttpRequest,
    scope: Any,
    bukti_id: int,
    done: BuktiDukung | None,
    problems: list[str],
    form: VerdictForm,
) -> HttpResponse:
    """The item's verification fragment again, with the outcome (while the report still waits
    for other verdicts)."""
    current = access.bukti_get_for_verify(scope, bukti_id)
    context = {
        "bukti": current,
        "laporan": current.laporan,
        "hasil": _verdict_message(done) if done is not None else "",
        "galat": problems,
        "catatan": form.data.get("catatan", "") if problems else "",
    }
    return _fragment(request, "realisasi/_penilai_bukti.html", context)


# --- Accept every waiting item ---------------------------------------------------------------


@login_required
@require_POST
def accept_all(request: HtmxHttpRequest, laporan_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    laporan = access.laporan_get_for_verify(scope, laporan_id)
    form = AcceptAllForm(request.POST)
    if not form.is_valid():
        _refuse(request, _form_errors(form))
        return _back(form, laporan, "terima-semua")
    try:
        count = services.bukti_accept_all(aktor=Aktor.of_request(request), laporan=laporan)
    except ValidationError as error:
        _refuse(request, error.messages)
        return _back(form, laporan, "terima-semua")
    messages.success(
        request,
        _("%(jumlah)s bukti dukung %(nama)s diterima.")
        % {"jumlah": count, "nama": laporan.skp.pegawai.nama},
    )
    laporan.refresh_from_db(fields=["status"])
    if laporan.status != StatusLaporan.DIAJUKAN:
        messages.success(request, _settled_message(laporan))
    if request.htmx:
        return HttpResponseClientRefresh()
    return _back(form, laporan)


# --- Feedback --------------------------------------------------------------------------------


@login_required
@require_POST
def feedback_save(request: HtmxHttpRequest, laporan_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    laporan = access.laporan_get_for_verify(scope, laporan_id)
    form = FeedbackForm(request.POST, rhk_choices=rhk_of(laporan.skp))
    problems, saved, removed = [], None, False
    if form.is_valid():
        try:
            saved = services.umpan_balik_save(
                aktor=Aktor.of_request(request), laporan=laporan, **form.service_arguments()
            )
            removed = saved is None
        except ValidationError as error:
            problems = error.messages
    else:
        problems = _form_errors(form)
    result = _("Umpan balik dihapus.") if removed else _("Umpan balik disimpan.")
    if request.htmx:
        return _feedback_fragment(request, laporan, form, saved, result, problems)
    _refuse(request, problems)
    if not problems:
        messages.success(request, result)
    return _back(form, laporan, _feedback_anchor(form))


def _feedback_anchor(form: FeedbackForm) -> str:
    data = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    if data.get("rhk") is not None:
        return f"umpan-balik-rhk-{data['rhk'].pk}"
    if data.get("nilai"):
        return f"umpan-balik-{data['nilai'].strip()}"
    return ""


def _feedback_fragment(
    request: HttpRequest,
    laporan: Laporan,
    form: FeedbackForm,
    saved: Any,
    result: str,
    problems: list[str],
) -> HttpResponse:
    data = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    context = {
        "laporan": laporan,
        "rhk": data.get("rhk"),
        "nilai": (data.get("nilai") or "").strip(),
        "umpan_balik": saved,
        "isi": form.data.get("isi", ""),
        "hasil": "" if problems else result,
        "galat": problems,
    }
    return _fragment(request, "realisasi/_penilai_umpan_balik.html", context)
