"""The allowance pages: an employee's own year and month (and the same pages for HR readers of
the employee), the payroll list of a unit with its XLSX export and the recomputation job, the
attendance of a unit and its form, and the history of recomputations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.audit.services import Aktor
from kinerja.core.formatting import format_rupiah
from kinerja.core.forms import form_submit
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.tukin import access, ekspor, rules, selectors, services
from kinerja.tukin.forms import BulanForm, HitungUlangForm, KehadiranForm, TahunForm
from kinerja.tukin.models import Tukin

NAV_OWN = "tukin_saya"
NAV_HR = "tukin"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _month_or_404(tahun: int, bulan: int) -> None:
    if rules.month_check(tahun, bulan):
        raise Http404


def _filters(unit: Unit | int, tahun: int, bulan: int) -> str:
    unit_id = unit if isinstance(unit, int) else unit.pk
    return urlencode({"unit": unit_id, "tahun": tahun, "bulan": bulan})


def _own(scope: Lingkup) -> Pegawai:
    pegawai_id = access.own_check(scope)
    return Pegawai.objects.select_related("unit", "jabatan").get(pk=pegawai_id)


# --- One employee: a year and a month ---------------------------------------------------------


def _year(request: HttpRequest, pegawai: Pegawai, tahun: int, sendiri: bool) -> HttpResponse:
    context = {
        "nav_section": NAV_OWN if sendiri else NAV_HR,
        "pegawai": pegawai,
        "sendiri": sendiri,
        "tahun": tahun,
        "data": selectors.tukin_year(pegawai, tahun),
    }
    return render(request, "tukin/tahun.html", context)


def _month(
    request: HttpRequest, pegawai: Pegawai, tahun: int, bulan: int, sendiri: bool
) -> HttpResponse:
    _month_or_404(tahun, bulan)
    context = {
        "nav_section": NAV_OWN if sendiri else NAV_HR,
        "pegawai": pegawai,
        "sendiri": sendiri,
        "tahun": tahun,
        "bulan": bulan,
        "bulan_label": rules.month_label(tahun, bulan),
        "data": selectors.tukin_month(pegawai, tahun, bulan),
    }
    return render(request, "tukin/bulan.html", context)


@login_required
def saya(request: HttpRequest) -> HttpResponse:
    pegawai = _own(scope_for(request.user))
    form = TahunForm(request.GET)
    return _year(request, pegawai, form.chosen(), sendiri=True)


@login_required
def saya_bulan(request: HttpRequest, tahun: int, bulan: int) -> HttpResponse:
    return _month(request, _own(scope_for(request.user)), tahun, bulan, sendiri=True)


@login_required
def pegawai(request: HttpRequest, pegawai_id: int, tahun: int) -> HttpResponse:
    scope = scope_for(request.user)
    found = access.pegawai_get_for_read(scope, pegawai_id)
    if rules.month_check(tahun, 1):
        raise Http404
    return _year(request, found, tahun, sendiri=found.pk == scope.pegawai_id)


@login_required
def pegawai_bulan(request: HttpRequest, pegawai_id: int, tahun: int, bulan: int) -> HttpResponse:
    scope = scope_for(request.user)
    found = access.pegawai_get_for_read(scope, pegawai_id)
    return _month(request, found, tahun, bulan, sendiri=found.pk == scope.pegawai_id)


# --- The payroll list, its export and the recomputation ---------------------------------------


def _chosen(request: HttpRequest, scope: Lingkup) -> tuple[BulanForm, Unit | None, int, int]:
    access.payroll_check(scope)
    form = BulanForm(request.GET, units=access.payroll_units(scope))
    unit, tahun, bulan = form.chosen()
    asked = request.GET.get("unit", "")
    if asked and (unit is None or asked != str(unit.pk)):
        raise Http404  # a unit outside the user's scope, or no unit at all
    return form, unit, tahun, bulan


@login_required
def daftar(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form, unit, tahun, bulan = _chosen(request, scope)
    context: dict[str, Any] = {"nav_section": NAV_HR, "form": form, "unit": unit}
    context |= {"tahun": tahun, "bulan": bulan, "bulan_label": rules.month_label(tahun, bulan)}
    if unit is not None:
        data = selectors.payroll(tahun=tahun, bulan=bulan, jalur=unit.jalur)
        page_obj = Paginator(data.baris, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
        context |= {"data": data, "page_obj": page_obj, "rows": page_obj.object_list}
        context["filters"] = _filters(unit, tahun, bulan)
        if scope.manages_path(unit.jalur):
            initial = {"unit": unit.pk, "tahun": tahun, "bulan": bulan}
            context["hitung_form"] = HitungUlangForm(initial=initial)
    return render(request, "tukin/daftar.html", context)


@login_required
def ekspor_xlsx(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    _form, unit, tahun, bulan = _chosen(request, scope)
    if unit is None:
        raise Http404
    content = ekspor.payroll_xlsx(unit=unit, tahun=tahun, bulan=bulan)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    filename = ekspor.payroll_filename(unit, tahun, bulan)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def hitung_ulang(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.payroll_check(scope)
    form = HitungUlangForm(request.POST)
    try:
        unit_id = int(request.POST.get("unit", ""))
    except ValueError:
        raise Http404 from None
    unit = access.unit_get_for_recompute(scope, unit_id)
    back = reverse("tukin:daftar")
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
        return redirect(back)
    data = form.cleaned_data
    try:
        job = services.recompute_start(
            aktor=Aktor.of_request(request),
            pengguna=request.user,
            unit=unit,
            tahun=data["tahun"],
            bulan=data["bulan"],
            alasan=data["alasan"],
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect(f"{back}?{_filters(unit, data['tahun'], data['bulan'])}")
    return redirect("jobs:detail", job_id=job.pk)


# --- Attendance -------------------------------------------------------------------------------


@login_required
def kehadiran(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form, unit, tahun, bulan = _chosen(request, scope)
    context: dict[str, Any] = {"nav_section": NAV_HR, "form": form, "unit": unit}
    context |= {"tahun": tahun, "bulan": bulan, "bulan_label": rules.month_label(tahun, bulan)}
    if unit is not None:
        employees = selectors.attendance_employees(jalur=unit.jalur, tahun=tahun, bulan=bulan)
        page_obj = Paginator(employees, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
        found = selectors.kehadiran_for([p.pk for p in page_obj.object_list], tahun, bulan)
        context |= {
            "page_obj": page_obj,
            "rows": [(p, found.get(p.pk)) for p in page_obj.object_list],
            "boleh_ubah": scope.manages_path(unit.jalur),
            "filters": _filters(unit, tahun, bulan),
        }
    return render(request, "tukin/kehadiran.html", context)


def _saved_message(pegawai: Pegawai, tahun: int, bulan: int) -> str:
    names = {"nama": pegawai.nama, "bulan": rules.month_label(tahun, bulan)}
    tukin = Tukin.objects.filter(pegawai=pegawai, tahun=tahun, bulan=bulan).first()
    if tukin is None:
        return _("Data kehadiran %(nama)s bulan %(bulan)s disimpan; tukin tidak dihitung.") % names
    return _(
        "Data kehadiran %(nama)s bulan %(bulan)s disimpan. Tukin netto sekarang %(netto)s."
    ) % {**names, "netto": format_rupiah(tukin.netto)}


@login_required
def kehadiran_ubah(request: HttpRequest, pegawai_id: int, tahun: int, bulan: int) -> HttpResponse:
    scope = scope_for(request.user)
    _month_or_404(tahun, bulan)
    found = access.pegawai_get_for_attendance(scope, pegawai_id)
    current = selectors.kehadiran_for([found.pk], tahun, bulan).get(found.pk)
    initial = (
        {name: getattr(current, name) for name in KehadiranForm.base_fields} if current else {}
    )
    form = KehadiranForm(request.POST if request.method == "POST" else None, initial=initial)
    aktor = Aktor.of_request(request)
    done, _saved = form_submit(
        request,
        form,
        lambda data: services.kehadiran_save(
            aktor=aktor, pegawai=found, tahun=tahun, bulan=bulan, data=data
        ),
    )
    unit_id = request.GET.get("unit", "")
    back_unit = int(unit_id) if unit_id.isdigit() else found.unit_id
    back = f"{reverse('tukin:kehadiran')}?{_filters(back_unit, tahun, bulan)}"
    if done:
        messages.success(request, _saved_message(found, tahun, bulan))
        return redirect(back)
    context = {
        "nav_section": NAV_HR,
        "form": form,
        "pegawai": found,
        "tahun": tahun,
        "bulan": bulan,
        "bulan_label": rules.month_label(tahun, bulan),
        "kehadiran": current,
        "kembali": back,
    }
    return render(request, "tukin/kehadiran_ubah.html", context)


# --- Recomputations ---------------------------------------------------------------------------


@login_required
def perhitungan(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.payroll_check(scope)
    runs = access.perhitungan_readable(scope)
    page_obj = Paginator(runs, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"nav_section": NAV_HR, "page_obj": page_obj, "rows": page_obj.object_list}
    return render(request, "tukin/perhitungan.html", context)


@login_required
def perhitungan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = access.perhitungan_get_for_read(scope_for(request.user), pk)
    context = {
        "nav_section": NAV_HR,
        "run": run,
        "bulan_label": rules.month_label(run.tahun, run.bulan),
        "perubahan": list(selectors.perubahan_of(run)),
    }
    return render(request, "tukin/perhitungan_detail.html", context)
