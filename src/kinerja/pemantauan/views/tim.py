"""The appraiser's team dashboard (`?periode=<id>`, the latest started period by default): the
team's status for the period, its distribution against the curve, each member's trend; and its
XLSX export. Who appraises nobody gets 404 (`access.team_check`)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.organisasi.access import scope_for
from kinerja.pemantauan import access, ekspor_tim
from kinerja.pemantauan.lembar import XLSX
from kinerja.pemantauan.selectors import tim as selectors
from kinerja.periode.models import Periode

NAV_SECTION = "dasbor_tim"


class TimForm(forms.Form):
    periode = forms.IntegerField(label=gettext_lazy("Periode"), required=False, min_value=1)


@dataclass(frozen=True)
class Pilihan:
    form: TimForm
    periode_pilihan: list[Periode]
    dasbor: selectors.DasborTim | None


def _dashboard(request: HttpRequest) -> Pilihan:
    """The appraiser's dashboard for the period asked for; a bad or unknown period is
    reported on the form and the default shown."""
    penilai_id = access.team_check(scope_for(request.user))
    form = TimForm(request.GET)
    wanted = form.cleaned_data.get("periode") if form.is_valid() else None
    choices, periode, unknown = selectors.period_chosen(wanted)
    if unknown:
        form.add_error("periode", _("Periode tidak ditemukan; ditampilkan periode bawaan."))
    dasbor = selectors.team_dashboard(penilai_id, periode) if periode else None
    return Pilihan(form, choices, dasbor)


@login_required
def tim(request: HttpRequest) -> HttpResponse:
    found = _dashboard(request)
    context = {
        "nav_section": NAV_SECTION,
        "form": found.form,
        "periode_pilihan": found.periode_pilihan,
        "dasbor": found.dasbor,
        "periode": found.dasbor.periode if found.dasbor else None,
    }
    return render(request, "pemantauan/tim.html", context)


@login_required
def tim_ekspor(request: HttpRequest) -> HttpResponse:
    dasbor = _dashboard(request).dasbor
    if dasbor is None:
        raise Http404
    response = HttpResponse(ekspor_tim.team_workbook(dasbor), content_type=XLSX)
    name = f"tim-{dasbor.periode.kode}-{dasbor.periode.tahun.tahun}.xlsx".lower()
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
