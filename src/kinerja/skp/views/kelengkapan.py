"""HR's completion report of a year: plans per status and employees without a plan, per unit,
drilling down the unit tree, with the list of who has no plan yet in the chosen unit."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.organisasi.access import scope_for, unit_get_for_read
from kinerja.skp import access, selectors
from kinerja.skp.forms_penilai import CompletionFilterForm, year_choices

NAV_SECTION = "kelengkapan"
PAGE_SIZE = 50


@login_required
def completion_page(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.completion_check(scope)
    query = CompletionFilterForm(request.GET)
    tahun = query.chosen_year()
    unit_id = query.chosen_unit()
    unit = unit_get_for_read(scope, unit_id) if unit_id else None
    context = {
        "nav_section": NAV_SECTION,
        "tahun": tahun,
        "years": year_choices(tahun),
        "unit": unit,
        "induk_terbaca": bool(unit and unit.induk and scope.reads_path(unit.induk.jalur)),
        "rows": selectors.completion(scope, tahun=tahun, induk=unit),
    }
    if unit is not None:
        missing = selectors.employees_without_plan(scope, tahun=tahun, unit=unit)
        page_obj = Paginator(missing, PAGE_SIZE).get_page(request.GET.get("page"))
        context |= {"page_obj": page_obj, "employees": page_obj.object_list}
    return render(request, "skp/kelengkapan.html", context)
