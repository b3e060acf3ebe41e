"""The appraiser's pages: the inbox of the appraisees' plans for a year, and the decisions on a
submitted plan (approve with an optional note, return with a required one)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.audit.services import Aktor
from kinerja.organisasi.access import scope_for
from kinerja.skp import access, selectors, services
from kinerja.skp.enums import StatusSkp
from kinerja.skp.forms_penilai import TANPA_SKP, DecisionForm, InboxFilterForm, year_choices
from kinerja.skp.models import Skp
from kinerja.skp.selectors import BarisBawahan

NAV_SECTION = "skp-bawahan"
# The order of the counts at the top of the inbox: what needs the appraiser first.
COUNT_ORDER = (
    StatusSkp.DIAJUKAN.value,
    StatusSkp.DIKEMBALIKAN.value,
    StatusSkp.DRAF.value,
    StatusSkp.DISETUJUI.value,
    TANPA_SKP,
)


@dataclass(frozen=True)
class Hitungan:
    """One count at the top of the inbox, a link that filters the list by it."""

    kode: str
    label: str
    jumlah: int


def _counts(rows: Sequence[BarisBawahan]) -> list[Hitungan]:
    found = Counter(row.skp.status if row.skp else TANPA_SKP for row in rows)
    labels = {**{s.value: str(s.label) for s in StatusSkp}, TANPA_SKP: _("Belum ada SKP")}
    return [Hitungan(kode, labels[kode], found[kode]) for kode in COUNT_ORDER]


def _inbox(rows: Sequence[BarisBawahan], status: str) -> list[BarisBawahan]:
    """The rows with the status asked for: submitted plans first, the oldest submission first,
    then the others in the selector's order (by name)."""
    chosen = [
        row for row in rows if not status or (row.skp.status if row.skp else TANPA_SKP) == status
    ]
    waiting = [row for row in chosen if row.skp and row.skp.status == StatusSkp.DIAJUKAN]
    others = [row for row in chosen if not (row.skp and row.skp.status == StatusSkp.DIAJUKAN)]
    return sorted(waiting, key=_submitted_at) + others


def _submitted_at(row: BarisBawahan) -> tuple[bool, datetime.datetime | None]:
    submitted = row.skp.diajukan_pada if row.skp else None
    return (submitted is None, submitted)


@login_required
def subordinate_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    penilai_id = access.appraiser_check(scope)
    form = InboxFilterForm(request.GET)
    tahun, status = form.chosen_year(), form.chosen_status()
    rows = selectors.subordinate_plans(penilai_id, tahun)
    context = {
        "nav_section": NAV_SECTION,
        "form": form,
        "tahun": tahun,
        "status": status,
        "years": year_choices(tahun),
        "counts": _counts(rows),
        "jumlah_semua": len(rows),
        "rows": _inbox(rows, status),
    }
    return render(request, "skp/penilai_bawahan.html", context)


# --- Decisions -------------------------------------------------------------------------------


def _back(skp: Skp, form: DecisionForm) -> HttpResponse:
    """To `next` when it is a local address of this site, else to the plan."""
    target = form.cleaned_data.get("next", "") if hasattr(form, "cleaned_data") else ""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    ):
        return redirect(target)
    return redirect(reverse("skp:detail", args=[skp.pk]))


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_refused(request: HttpRequest, form: DecisionForm) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


def _decide(
    request: HttpRequest, skp_id: int, decide: Callable[..., Skp], success: str
) -> HttpResponse:
    """Approve or return: the appraiser only; the service's refusal or `success` as a message."""
    scope = scope_for(request.user)
    skp = access.skp_get_for_decision(scope, skp_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        _form_refused(request, form)
        return _back(skp, form)
    try:
        decide(aktor=Aktor.of_request(request), skp=skp, catatan=form.cleaned_data["catatan"])
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, success % {"tahun": skp.tahun, "nama": skp.pegawai.nama})
    return _back(skp, form)


@login_required
@require_POST
def skp_approve(request: HttpRequest, skp_id: int) -> HttpResponse:
    return _decide(request, skp_id, services.skp_approve, _("SKP %(tahun)s %(nama)s disetujui."))


@login_required
@require_POST
def skp_return(request: HttpRequest, skp_id: int) -> HttpResponse:
    message = _("SKP %(tahun)s %(nama)s dikembalikan dengan catatan untuk diperbaiki.")
    return _decide(request, skp_id, services.skp_return, message)
