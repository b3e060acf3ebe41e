"""Performance-year pages: the years, one year with its periods and their state history, opening
a year, its settings, a period's deadlines (inline with HTMX, or on its own page) and the
transitions of a period's state (open, close, reopen, lock, unlock) with their reason.

Every signed-in user reads; only an agency admin (`access.is_agency_admin`) sees and uses the
forms. A reader who posts gets 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.audit.services import Aktor
from kinerja.core.forms import form_submit
from kinerja.core.http import HtmxHttpRequest
from kinerja.organisasi.access import scope_for
from kinerja.periode import access, rules, selectors, services
from kinerja.periode.enums import StatusPeriode
from kinerja.periode.forms import (
    PeriodeUpdateForm,
    TahunOpenForm,
    TahunUpdateForm,
    TransisiForm,
)
from kinerja.periode.models import Periode, TahunKinerja

NAV_SECTION = "periode"


@dataclass(frozen=True)
class Tindakan:
    """One action a period in its state may take, as a small form on the detail page."""

    aksi: str
    label: str
    perlu_alasan: bool


@dataclass(frozen=True)
class BarisPeriode:
    periode: Periode
    tindakan: list[Tindakan]
    dapat_diubah: bool


def _tindakan(aksi: str) -> Tindakan:
    return Tindakan(aksi, rules.action_label(aksi), aksi in rules.REASON_REQUIRED)


def _row(periode: Periode) -> BarisPeriode:
    status = StatusPeriode(periode.status)
    actions = [_tindakan(aksi) for aksi in rules.actions_allowed(status)]
    return BarisPeriode(periode, actions, status != StatusPeriode.DIKUNCI)


def _posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data of a POST, even an empty one (opening a period sends no field)."""
    return request.POST if request.method == "POST" else None


def _suggested_year(years: list[TahunKinerja]) -> int:
    """This year if it is not opened yet, else the year after the latest one."""
    this_year = timezone.localdate().year
    opened = {year.tahun for year in years}
    return this_year if this_year not in opened else max(opened) + 1


# --- Years -----------------------------------------------------------------------------------


@login_required
def year_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.calendar_read_check(scope)
    years = list(selectors.tahun_overview())
    can_manage = access.is_agency_admin(scope)
    context = {
        "nav_section": NAV_SECTION,
        "years": years,
        "can_manage": can_manage,
        "form": TahunOpenForm(initial={"tahun": _suggested_year(years)}) if can_manage else None,
    }
    return render(request, "periode/list.html", context)


@login_required
def year_open(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.calendar_manage_check(scope)
    form = TahunOpenForm(_posted(request))
    done, year = form_submit(
        request, form, lambda data: services.tahun_open(aktor=Aktor.of_request(request), **data)
    )
    if done:
        messages.success(request, _("Tahun kinerja %(tahun)s dibuka.") % {"tahun": year.tahun})
        return redirect("periode:detail", year.tahun)
    return render(request, "periode/buka.html", {"nav_section": NAV_SECTION, "form": form})


@login_required
def year_detail(request: HttpRequest, tahun: int) -> HttpResponse:
    scope = scope_for(request.user)
    year = access.tahun_get_for_read(scope, tahun)
    can_manage = access.is_agency_admin(scope)
    context = {
        "nav_section": NAV_SECTION,
        "tahun": year,
        "rows": [_row(periode) for periode in selectors.periode_list(year)],
        "history": [
            (item, rules.action_label(item.aksi)) for item in selectors.periode_history(year)
        ],
        "can_manage": can_manage,
        "form": TahunUpdateForm(tahun=year) if can_manage else None,
    }
    return render(request, "periode/detail.html", context)


@login_required
def year_update(request: HttpRequest, tahun: int) -> HttpResponse:
    scope = scope_for(request.user)
    year = access.tahun_get_for_manage(scope, tahun)
    form = TahunUpdateForm(_posted(request), tahun=year)
    done, _year = form_submit(
        request,
        form,
        lambda data: services.tahun_update(aktor=Aktor.of_request(request), tahun=year, **data),
    )
    if done:
        messages.success(
            request, _("Pengaturan tahun kinerja %(tahun)s disimpan.") % {"tahun": year.tahun}
        )
        return redirect("periode:detail", year.tahun)
    context = {"nav_section": NAV_SECTION, "form": form, "tahun": year}
    return render(request, "periode/ubah.html", context)


# --- Periods ---------------------------------------------------------------------------------


@login_required
def period_update(request: HtmxHttpRequest, periode_id: int) -> HttpResponse:
    """A period's deadlines: inline in the detail page's table with HTMX (the form row, then
    the updated row), or on a page of its own without JavaScript."""
    scope = scope_for(request.user)
    periode = access.periode_get_for_manage(scope, periode_id)
    form = PeriodeUpdateForm(_posted(request), periode=periode)
    done, changed = form_submit(
        request,
        form,
        lambda data: services.periode_update(
            aktor=Aktor.of_request(request), periode=periode, **data
        ),
    )
    if done and request.htmx:
        context = {"row": _row(changed), "can_manage": True}
        return render(request, "periode/_periode_baris.html", context)
    if done:
        messages.success(request, _deadlines_message(changed))
        return redirect("periode:detail", changed.tahun.tahun)
    context = {"form": form, "periode": periode}
    if request.htmx:
        return render(request, "periode/_periode_form.html", context)
    return render(request, "periode/periode_ubah.html", context | {"nav_section": NAV_SECTION})


def _deadlines_message(periode: Periode) -> str:
    return _("Batas waktu %(periode)s %(tahun)s disimpan.") % {
        "periode": periode.nama,
        "tahun": periode.tahun.tahun,
    }


@login_required
def period_transition(request: HttpRequest, periode_id: int, aksi: str) -> HttpResponse:
    """Open, close, reopen, lock or unlock a period. The detail page posts here directly; this
    page asks for the reason again when it was missing."""
    if aksi not in rules.ACTIONS:
        raise Http404
    scope = scope_for(request.user)
    periode = access.periode_get_for_manage(scope, periode_id)
    refusal = rules.transition_error(StatusPeriode(periode.status), aksi)
    if refusal:
        messages.error(request, refusal)
        return redirect("periode:detail", periode.tahun.tahun)
    form = TransisiForm(_posted(request))
    done, moved = form_submit(
        request,
        form,
        lambda data: services.periode_transition(
            aktor=Aktor.of_request(request), periode=periode, aksi=aksi, alasan=data["alasan"]
        ),
    )
    if done:
        messages.success(request, _transition_message(moved))
        return redirect("periode:detail", moved.tahun.tahun)
    context = {
        "nav_section": NAV_SECTION,
        "form": form,
        "periode": periode,
        "tindakan": _tindakan(aksi),
    }
    return render(request, "periode/transisi.html", context)


def _transition_message(periode: Periode) -> str:
    return _("%(periode)s %(tahun)s kini berstatus %(status)s.") % {
        "periode": periode.nama,
        "tahun": periode.tahun.tahun,
        "status": str(periode.status_enum.label).lower(),
    }
