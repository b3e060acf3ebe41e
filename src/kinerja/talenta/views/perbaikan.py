"""Improvement plans: the list of plans the user reads (by status), a new plan for an employee
(optionally from an assessment), one plan with its notes and the forms to add a note, close or
cancel it (by permission), and the employee's own plans.

Every action goes back to the plan's page with the service's message; a refused action changes
nothing. Missing or unreadable is 404; readable but not the user's to act on is 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.audit.services import Aktor
from kinerja.core.forms import form_submit
from kinerja.organisasi.access import scope_for
from kinerja.talenta import access, selectors, services
from kinerja.talenta.enums import StatusPerbaikan
from kinerja.talenta.forms import BatalForm, CatatanForm, RencanaForm, StatusForm, TutupForm
from kinerja.talenta.models import RencanaPerbaikan

NAV_SECTION = "talenta"
NAV_SECTION_OWN = "perbaikan_saya"


@login_required
def daftar(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.rencana_list_check(scope)
    form = StatusForm(request.GET)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    plans = selectors.rencana_list(access.rencana_readable(scope), status)
    context = {"nav_section": NAV_SECTION, "form": form, "status": status, "rencana": list(plans)}
    return render(request, "talenta/perbaikan.html", context)


@login_required
def saya(request: HttpRequest) -> HttpResponse:
    me = access.own_check(scope_for(request.user))
    plans = selectors.rencana_list(RencanaPerbaikan.objects.filter(pegawai_id=me))
    context = {"nav_section": NAV_SECTION_OWN, "rencana": list(plans)}
    return render(request, "talenta/perbaikan_saya.html", context)


@login_required
def baru(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    pegawai = access.pegawai_get_for_plan(scope, pegawai_id)
    assessments = list(selectors.assessments_for_plan(pegawai.pk))
    initial = {"penilaian": request.GET.get("penilaian", "")}
    form = RencanaForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        assessments=assessments,
    )
    aktor = Aktor.of_request(request)
    done, found = form_submit(
        request,
        form,
        lambda _data: services.rencana_perbaikan_create(
            aktor=aktor, pegawai=pegawai, **form.service_arguments()
        ),
    )
    if done:
        messages.success(request, _("Rencana perbaikan kinerja dibuat."))
        return redirect("talenta:perbaikan-detail", pk=found.pk)
    context = {
        "nav_section": NAV_SECTION,
        "form": form,
        "pegawai": pegawai,
        "berjalan": selectors.running_plan_of(pegawai.pk),
    }
    return render(request, "talenta/perbaikan_baru.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    rencana = access.rencana_get_for_read(scope, pk)
    running = rencana.status == StatusPerbaikan.BERJALAN
    own = scope.pegawai_id == rencana.pegawai_id
    context = {
        "nav_section": NAV_SECTION_OWN if own else NAV_SECTION,
        "rencana": rencana,
        "catatan": list(selectors.catatan_of(rencana)),
        "boleh_catat": running and access.may_note(scope, rencana),
        "boleh_tutup": running and access.may_manage_plan_for(scope, rencana.pegawai),
        "catatan_form": CatatanForm(),
        "tutup_form": TutupForm(),
        "batal_form": BatalForm(),
    }
    return render(request, "talenta/perbaikan_detail.html", context)


def _act(
    request: HttpRequest,
    rencana: RencanaPerbaikan,
    form: forms.Form,
    call: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """Parse, call the service, say what happened; back to the plan."""
    try:
        if not form.is_valid():
            raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
        call(form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect(reverse("talenta:perbaikan-detail", args=[rencana.pk]))


@login_required
@require_POST
def catat(request: HttpRequest, pk: int) -> HttpResponse:
    rencana = access.rencana_get_for_note(scope_for(request.user), pk)
    form = CatatanForm(request.POST)
    return _act(
        request,
        rencana,
        form,
        lambda _data: services.rencana_perbaikan_note(
            aktor=Aktor.of_request(request), rencana=rencana, **form.service_arguments()
        ),
        _("Catatan ditambahkan."),
    )


@login_required
@require_POST
def tutup(request: HttpRequest, pk: int) -> HttpResponse:
    rencana = access.rencana_get_for_manage(scope_for(request.user), pk)
    return _act(
        request,
        rencana,
        TutupForm(request.POST),
        lambda data: services.rencana_perbaikan_close(
            aktor=Aktor.of_request(request), rencana=rencana, **data
        ),
        _("Rencana perbaikan ditutup."),
    )


@login_required
@require_POST
def batal(request: HttpRequest, pk: int) -> HttpResponse:
    rencana = access.rencana_get_for_manage(scope_for(request.user), pk)
    return _act(
        request,
        rencana,
        BatalForm(request.POST),
        lambda data: services.rencana_perbaikan_cancel(
            aktor=Aktor.of_request(request), rencana=rencana, alasan=data["alasan"]
        ),
        _("Rencana perbaikan dibatalkan."),
    )
