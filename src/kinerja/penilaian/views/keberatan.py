"""Objections (keberatan): the page of objections waiting for the user (to explain as the
appraiser who rated, to decide as the appraiser's superior or HR) and of the employee's own, and
the actions posted from an assessment's page: file, explain, decide, withdraw.

Every action goes back to the assessment's page with the service's message; a refused action
changes nothing. Missing or unreadable is 404; readable but not the user's to act on is 403.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.aturan.enums import Predikat
from kinerja.audit.services import Aktor
from kinerja.organisasi.access import scope_for
from kinerja.penilaian import access, selectors, services
from kinerja.penilaian.enums import StatusKeberatan
from kinerja.penilaian.forms_keberatan import (
    AjukanForm,
    JelaskanForm,
    PutuskanForm,
    form_problems,
)
from kinerja.penilaian.models import Keberatan, Penilaian

NAV_SECTION = "keberatan"


@dataclass(frozen=True)
class Menunggu:
    """An objection waiting for the user: what to do and since when."""

    keberatan: Keberatan
    putuskan: bool
    sejak: datetime.datetime
    hari: int


def _waiting(keberatan: Keberatan, today: datetime.date) -> Menunggu:
    decide = keberatan.status == StatusKeberatan.DIJELASKAN
    since = (keberatan.dijelaskan_pada if decide else None) or keberatan.diajukan_pada
    return Menunggu(keberatan, decide, since, (today - timezone.localdate(since)).days)


@login_required
def kotak(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.keberatan_list_check(scope)
    today = timezone.localdate()
    waiting = [_waiting(item, today) for item in selectors.objections_waiting(scope)]
    own: list[Penilaian] = []
    if scope.pegawai_id:
        own = [
            item
            for item in selectors.own_assessments(scope.pegawai_id)
            if getattr(item, "keberatan", None) is not None
        ]
    context = {
        "nav_section": NAV_SECTION,
        "menunggu": waiting,
        "milik": own,
        "pegawai_sendiri": bool(scope.pegawai_id),
    }
    return render(request, "penilaian/keberatan.html", context)


# --- Actions ---------------------------------------------------------------------------------


def _act(
    request: HttpRequest,
    penilaian_id: int,
    form: forms.Form,
    call: Callable[[], Any],
    done: Callable[[Any], str],
) -> HttpResponse:
    """Parse, call the service, say what happened; back to the assessment's objection."""
    try:
        if not form.is_valid():
            raise ValidationError(form_problems(form))
        result = call()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done(result))
    return redirect(reverse("penilaian:detail", args=[penilaian_id]) + "#keberatan")


@login_required
@require_POST
def ajukan(request: HttpRequest, penilaian_id: int) -> HttpResponse:
    penilaian = access.penilaian_get_for_objection(scope_for(request.user), penilaian_id)
    form = AjukanForm(request.POST)
    return _act(
        request,
        penilaian.pk,
        form,
        lambda: services.keberatan_file(
            aktor=Aktor.of_request(request), penilaian=penilaian, alasan=form.cleaned_data["alasan"]
        ),
        lambda _result: _("Keberatan diajukan; pejabat penilai akan memberi penjelasan."),
    )


@login_required
@require_POST
def jelaskan(request: HttpRequest, keberatan_id: int) -> HttpResponse:
    keberatan = access.keberatan_get_for_explain(scope_for(request.user), keberatan_id)
    form = JelaskanForm(request.POST)
    return _act(
        request,
        keberatan.penilaian_id,
        form,
        lambda: services.keberatan_explain(
            aktor=Aktor.of_request(request),
            keberatan=keberatan,
            penjelasan=form.cleaned_data["penjelasan"],
        ),
        lambda _result: _(
            "Penjelasan disimpan; keberatan menunggu keputusan atasan pejabat penilai."
        ),
    )


def _decided(keberatan: Keberatan) -> str:
    if keberatan.status == StatusKeberatan.DITERIMA:
        return _("Keberatan diterima; predikat menjadi %(predikat)s.") % {
            "predikat": Predikat(keberatan.predikat_baru).label
        }
    return _("Keberatan ditolak; predikat tetap %(predikat)s.") % {
        "predikat": Predikat(keberatan.predikat_lama).label
    }


@login_required
@require_POST
def putuskan(request: HttpRequest, keberatan_id: int) -> HttpResponse:
    keberatan = access.keberatan_get_for_decide(scope_for(request.user), keberatan_id)
    form = PutuskanForm(request.POST)
    return _act(
        request,
        keberatan.penilaian_id,
        form,
        lambda: services.keberatan_decide(
            aktor=Aktor.of_request(request), keberatan=keberatan, **form.service_arguments()
        ),
        _decided,
    )


@login_required
@require_POST
def tarik(request: HttpRequest, keberatan_id: int) -> HttpResponse:
    keberatan = access.keberatan_get_for_owner(scope_for(request.user), keberatan_id)
    return _act(
        request,
        keberatan.penilaian_id,
        forms.Form(request.POST),
        lambda: services.keberatan_withdraw(aktor=Aktor.of_request(request), keberatan=keberatan),
        lambda _result: _("Keberatan ditarik."),
    )
