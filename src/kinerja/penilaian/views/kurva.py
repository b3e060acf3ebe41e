"""The curve monitor (Monitoring Kurva): the curve groups of a period with their distribution and
whether it complies; one group with its chart, the constraints, the explanation, the calibration
suggestions, its members and the finalisation (finalise, who finalised, reopen with a reason,
documents, history)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import Predikat
from kinerja.audit.services import Aktor
from kinerja.core.forms import form_submit
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Unit
from kinerja.penilaian import access, selectors, services
from kinerja.penilaian.forms import PeriodeForm, period_options
from kinerja.penilaian.forms_kurva import BukaForm, today
from kinerja.penilaian.views.organisasi import may_rate
from kinerja.periode.access import periode_get_for_read
from kinerja.periode.models import Periode

NAV_SECTION = "kurva"


def _periode(request: HttpRequest, periode_id: int) -> Periode:
    return periode_get_for_read(scope_for(request.user), periode_id)


def _names(unit: Unit, periode: Periode) -> dict[str, str]:
    return {"unit": unit.nama, "periode": f"{periode.nama} {periode.tahun.tahun}"}


def _detail_url(unit: Unit, periode: Periode) -> str:
    return reverse("penilaian:kurva_detail", args=[unit.pk, periode.pk])


@login_required
def daftar(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.kurva_list_check(scope)
    form = PeriodeForm(request.GET, periods=period_options())
    periode = form.chosen(today())
    context: dict[str, Any] = {"nav_section": NAV_SECTION, "form": form, "periode": periode}
    context["rows"] = selectors.kurva_list(scope, periode) if periode is not None else []
    context["predikat"] = list(Predikat)
    return render(request, "penilaian/kurva.html", context)


@login_required
def detail(request: HttpRequest, unit_id: int, periode_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    periode = _periode(request, periode_id)
    unit = access.kurva_unit_get(scope, unit_id, periode)
    context: dict[str, Any] = {"nav_section": NAV_SECTION, "unit": unit, "periode": periode}
    try:
        group = selectors.kelompok_detail(unit, periode)
    except aturan_rules.RuleError as error:
        return render(request, "penilaian/kurva_detail.html", context | {"error": str(error)})
    context |= {
        "group": group,
        "hasil": group.hasil,
        "batang": selectors.chart_of(group.hasil) if group.hasil is not None else [],
        "boleh_tetapkan": access.may_finalise(scope, unit),
        "boleh_organisasi": may_rate(scope, unit),
        "riwayat": list(group.penetapan.riwayat.all()) if group.penetapan else [],
    }
    return render(request, "penilaian/kurva_detail.html", context)


@login_required
@require_POST
def tetapkan(request: HttpRequest, unit_id: int, periode_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    periode = _periode(request, periode_id)
    unit = access.kurva_unit_get_for_finalise(scope, unit_id, periode)
    try:
        penetapan = services.penetapan_finalise(
            aktor=Aktor.of_request(request), unit=unit, periode=periode
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        jumlah = sum(penetapan.jumlah.values())
        messages.success(
            request,
            _("Predikat kinerja %(jumlah)s pegawai kelompok %(unit)s %(periode)s ditetapkan.")
            % {"jumlah": jumlah, **_names(unit, periode)},
        )
    return redirect(_detail_url(unit, periode))


@login_required
def buka(request: HttpRequest, unit_id: int, periode_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    periode = _periode(request, periode_id)
    unit = access.kurva_unit_get_for_finalise(scope, unit_id, periode)
    penetapan = selectors.penetapan_of(unit, periode)
    if penetapan is None:
        raise Http404
    form = BukaForm(request.POST if request.method == "POST" else None)
    aktor = Aktor.of_request(request)
    done, _found = form_submit(
        request,
        form,
        lambda data: services.penetapan_reopen(
            aktor=aktor, penetapan=penetapan, alasan=data["alasan"]
        ),
    )
    if done:
        message = _("Penetapan predikat kinerja kelompok %(unit)s %(periode)s dibuka kembali.")
        messages.success(request, message % _names(unit, periode))
        return redirect(_detail_url(unit, periode))
    context = {
        "nav_section": NAV_SECTION,
        "form": form,
        "unit": unit,
        "periode": periode,
        "penetapan": penetapan,
    }
    return render(request, "penilaian/kurva_buka.html", context)
