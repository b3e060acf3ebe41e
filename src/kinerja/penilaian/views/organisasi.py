"""Organisation ratings (capaian kinerja organisasi): the units the user reads with their rating
for a period, and the form with which the leader above a unit (or HR, on the leader's behalf)
sets it, showing what each rating implies for the curve of the unit's group."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import PredikatOrganisasi
from kinerja.audit.services import Aktor
from kinerja.core.forms import form_submit
from kinerja.organisasi.access import Lingkup, scope_for, unit_readable
from kinerja.organisasi.models import Unit
from kinerja.penilaian import access, selectors, services
from kinerja.penilaian.forms import PeriodeForm, period_options
from kinerja.penilaian.forms_kurva import OrganisasiForm, today
from kinerja.penilaian.models import KinerjaOrganisasi
from kinerja.periode.models import Periode

NAV_SECTION = "kinerja_organisasi"


@dataclass(frozen=True)
class BarisOrganisasi:
    """One unit of the list: its rating for the period (None: not set) and whether this user
    may set it."""

    unit: Unit
    organisasi: KinerjaOrganisasi | None
    boleh_tetapkan: bool


@dataclass(frozen=True)
class Pola:
    """What an organisation rating implies: the constraints of its curve."""

    predikat: PredikatOrganisasi
    batasan: list[str]


def may_rate(scope: Lingkup, unit: Unit) -> bool:
    """The leader above the unit, or its admin kepegawaian (no query)."""
    return access.leads_above(scope, unit) or scope.manages_path(unit.jalur)


@login_required
def daftar(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.organisation_list_check(scope)
    form = PeriodeForm(request.GET, periods=period_options())
    periode = form.chosen(today())
    context = {"nav_section": NAV_SECTION, "form": form, "periode": periode, "rows": []}
    if periode is not None:
        context["rows"] = _rows(scope, periode)
    return render(request, "penilaian/organisasi.html", context)


def _rows(scope: Lingkup, periode: Periode) -> list[BarisOrganisasi]:
    """The readable units in tree order (active ones, and any inactive one with a rating)."""
    ratings = {item.unit_id: item for item in selectors.organisation_ratings(scope, periode)}
    units = unit_readable(scope).filter(Q(aktif=True) | Q(pk__in=list(ratings)))
    return [
        BarisOrganisasi(unit, ratings.get(unit.pk), may_rate(scope, unit))
        for unit in units.order_by("jalur")
    ]


@login_required
def tetapkan(request: HttpRequest, unit_id: int, periode_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    unit, atas_nama = access.unit_get_for_organisation_rating(scope, unit_id)
    periode = get_object_or_404(Periode.objects.select_related("tahun"), pk=periode_id)
    current = selectors.kinerja_organisasi_of(unit, periode)
    initial = {"predikat": current.predikat, "alasan": current.alasan} if current else {}
    form = OrganisasiForm(request.POST if request.method == "POST" else None, initial=initial)
    aktor = Aktor.of_request(request)
    done, found = form_submit(
        request,
        form,
        lambda data: services.organisasi_rate(
            aktor=aktor,
            unit=unit,
            periode=periode,
            predikat=data["predikat"],
            alasan=data["alasan"],
            atas_nama=atas_nama,
        ),
    )
    if done:
        messages.success(request, _saved_message(found, periode))
        return redirect(f"{reverse('penilaian:organisasi')}?periode={periode.pk}")
    context = {
        "nav_section": NAV_SECTION,
        "form": form,
        "unit": unit,
        "periode": periode,
        "atas_nama": atas_nama,
        "organisasi": current,
    }
    return render(request, "penilaian/organisasi_tetapkan.html", context | _patterns(unit, periode))


def _patterns(unit: Unit, periode: Periode) -> dict[str, object]:
    """The curve of each organisation rating in the rule set of the unit for the period."""
    try:
        kurva = selectors.aturan_for(unit.jalur, periode).aturan().kurva
    except aturan_rules.RuleError as error:
        return {"pola": [], "pola_error": str(error)}
    pola = [
        Pola(predikat, [batasan.label() for batasan in kurva.pola.get(predikat, ())])
        for predikat in PredikatOrganisasi
    ]
    return {"pola": pola, "ukuran_minimum": kurva.ukuran_minimum}


def _saved_message(found: KinerjaOrganisasi, periode: Periode) -> str:
    return _("Capaian kinerja organisasi %(unit)s %(periode)s ditetapkan: %(predikat)s.") % {
        "unit": found.unit.nama,
        "periode": f"{periode.nama} {periode.tahun.tahun}",
        "predikat": found.predikat_enum.label,
    }
