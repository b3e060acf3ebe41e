"""HR's pages: monitoring of a period per unit (employees with an approved plan, reports
submitted and done, items per verdict), drilling down the unit tree, with who has not submitted
in the chosen unit and the period's unlocks; and unlocking a person or a unit after the lock."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.audit.services import Aktor
from kinerja.core.formatting import format_date
from kinerja.core.forms import form_submit
from kinerja.organisasi.access import (
    pegawai_readable,
    scope_for,
    unit_get_for_read,
    unit_manageable,
)
from kinerja.realisasi import access, selectors, services
from kinerja.realisasi.forms_penilai import (
    MonitoringFilterForm,
    UnlockForm,
    period_options,
    today,
    unlock_initial,
)
from kinerja.realisasi.models import BukaKunci

NAV_SECTION = "pemantauan"
PAGE_SIZE = 50


@login_required
def monitoring_page(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.monitoring_check(scope)
    query = MonitoringFilterForm(request.GET, periods=period_options())
    periode = query.chosen_period(today())
    unit_id = query.chosen_unit()
    unit = unit_get_for_read(scope, unit_id) if unit_id else None
    context = {"nav_section": NAV_SECTION, "form": query, "periode": periode, "unit": unit}
    if periode is None:
        return render(request, "realisasi/pemantauan.html", context)
    context |= {
        "induk_terbaca": bool(unit and unit.induk and scope.reads_path(unit.induk.jalur)),
        "rows": selectors.monitoring(scope, periode=periode, induk=unit),
        "terlambat": today() > periode.batas_realisasi,
        "boleh_buka_kunci": scope.is_admin,
        "buka_kunci": selectors.buka_kunci_list(scope, periode=periode),
    }
    if unit is not None:
        late = selectors.late_employees(scope, periode=periode, unit=unit)
        page_obj = Paginator(late, PAGE_SIZE).get_page(request.GET.get("page"))
        context |= {"page_obj": page_obj, "employees": page_obj.object_list}
    return render(request, "realisasi/pemantauan.html", context)


@login_required
def unlock(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.unlock_page_check(scope)
    form = UnlockForm(
        request.POST if request.method == "POST" else None,
        initial=unlock_initial(request.GET, today()),
        periods=period_options(),
        employees=pegawai_readable(scope),
        units=unit_manageable(scope),
    )
    if request.method == "POST" and form.is_valid():
        for jalur in form.target_paths():
            access.unlock_check(scope, jalur)
    aktor = Aktor.of_request(request)
    done, found = form_submit(
        request,
        form,
        lambda _data: services.buka_kunci_create(aktor=aktor, **form.service_arguments()),
    )
    if done:
        messages.success(request, _unlocked_message(found))
        return redirect(_monitoring_of(found))
    context = {"nav_section": NAV_SECTION, "form": form}
    return render(request, "realisasi/pemantauan_buka_kunci.html", context)


def _unlocked_message(found: BukaKunci) -> str:
    target = found.pegawai.nama if found.pegawai else found.unit.nama  # type: ignore[union-attr]
    return _("Kunci %(periode)s dibuka untuk %(sasaran)s sampai %(tanggal)s.") % {
        "periode": found.periode.nama,
        "sasaran": target,
        "tanggal": format_date(found.sampai),
    }


def _monitoring_of(found: BukaKunci) -> str:
    """The monitoring page of the period, at the unit unlocked or the person's unit."""
    unit_id = found.unit_id or found.pegawai.unit_id  # type: ignore[union-attr]
    query = urlencode({"periode": found.periode_id, "unit": unit_id})
    return f"{reverse('realisasi:monitoring')}?{query}"
