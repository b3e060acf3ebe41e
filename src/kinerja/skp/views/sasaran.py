"""Organisation goals (Perjanjian Kinerja) per unit and year: every signed-in user reads them;
HR of the unit's subtree and the unit's JPT create, change and delete them (with their
indicators as rows)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.audit.services import Aktor
from kinerja.core.forms import form_submit
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Unit
from kinerja.skp import access, selectors, services
from kinerja.skp.forms_penilai import GoalFilterForm, GoalForm, year_choices

NAV_SECTION = "sasaran"


def _list_url(unit: Unit, tahun: int) -> str:
    return f"{reverse('skp:goal-list')}?unit={unit.pk}&tahun={tahun}"


@login_required
def goal_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    query = GoalFilterForm(request.GET)
    unit = access.goal_unit_get(scope, query.chosen_unit())
    tahun = query.chosen_year()
    context = {
        "nav_section": NAV_SECTION,
        "unit": unit,
        "tahun": tahun,
        "units": access.goal_units(scope),
        "years": year_choices(tahun),
        "goals": selectors.sasaran_list(unit=unit, tahun=tahun),
        "tahun_dibuka": selectors.year_settings(tahun) is not None,
        "can_manage": access.may_manage_goals(scope, unit),
    }
    return render(request, "skp/sasaran_list.html", context)


@login_required
def goal_create(request: HttpRequest) -> HttpResponse:
    """A new goal for the unit and year of the query (`?unit=`, `?tahun=`)."""
    scope = scope_for(request.user)
    query = GoalFilterForm(request.GET)
    if query.chosen_unit() is None:
        raise Http404
    unit = access.goal_unit_get(scope, query.chosen_unit())
    access.goals_unit_check(scope, unit)
    tahun = query.chosen_year()
    form = GoalForm(request.POST or None)
    done, goal = form_submit(
        request,
        form,
        lambda data: services.sasaran_save(
            aktor=Aktor.of_request(request), unit=unit, tahun=tahun, **form.service_arguments()
        ),
    )
    if done:
        messages.success(request, _("Sasaran %(kode)s ditambahkan.") % {"kode": goal.kode})
        return redirect(_list_url(unit, tahun))
    context = {"nav_section": NAV_SECTION, "form": form, "unit": unit, "tahun": tahun}
    return render(request, "skp/sasaran_form.html", context)


@login_required
def goal_update(request: HttpRequest, sasaran_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    sasaran = access.sasaran_get_for_manage(scope, sasaran_id)
    form = GoalForm(request.POST or None, sasaran=sasaran)
    done, goal = form_submit(
        request,
        form,
        lambda data: services.sasaran_save(
            aktor=Aktor.of_request(request),
            unit=sasaran.unit,
            tahun=sasaran.tahun,
            sasaran=sasaran,
            **form.service_arguments(),
        ),
    )
    if done:
        messages.success(request, _("Perubahan sasaran %(kode)s disimpan.") % {"kode": goal.kode})
        return redirect(_list_url(sasaran.unit, sasaran.tahun))
    context = {
        "nav_section": NAV_SECTION,
        "form": form,
        "sasaran": sasaran,
        "unit": sasaran.unit,
        "tahun": sasaran.tahun,
    }
    return render(request, "skp/sasaran_form.html", context)


@login_required
@require_POST
def goal_delete(request: HttpRequest, sasaran_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    sasaran = access.sasaran_get_for_manage(scope, sasaran_id)
    try:
        services.sasaran_delete(aktor=Aktor.of_request(request), sasaran=sasaran)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Sasaran %(kode)s dihapus.") % {"kode": sasaran.kode})
    return redirect(_list_url(sasaran.unit, sasaran.tahun))
