"""Organisation pages: the unit tree, units, employees, appraisers, exclusions and roles."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.audit.selectors import entries_for_object
from kinerja.audit.services import Aktor
from kinerja.core.forms import form_submit
from kinerja.core.http import HtmxHttpRequest
from kinerja.organisasi import access, selectors, services
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.forms import (
    PegawaiFilterForm,
    PegawaiForm,
    PegawaiUpdateForm,
    PengecualianEndForm,
    PengecualianForm,
    PenilaiForm,
    PeranForm,
    UnitCreateForm,
    UnitPenilaiForm,
    UnitUpdateForm,
    apply_errors,
)
from kinerja.organisasi.models import Pegawai

AUDIT_ENTRIES_SHOWN = 50
# Pages submit forms to services; service errors go back on the fields (with their aliases).
_submit = partial(form_submit, place=apply_errors)


# --- Units ---------------------------------------------------------------------------------------


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.organisation_browse_check(scope)
    context = {
        "nav_section": "unit",
        "roots": selectors.unit_tree(scope),
        "can_create": scope.is_admin,
    }
    return render(request, "organisasi/unit_list.html", context)


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    unit = access.unit_get_for_read(scope, unit_id)
    employees = selectors.pegawai_list(scope, unit_id=unit.pk)
    page_obj = Paginator(employees, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    can_manage = scope.manages_path(unit.jalur)
    context = {
        "nav_section": "unit",
        "unit": unit,
        "breadcrumb": selectors.unit_breadcrumb(unit),
        "children": selectors.unit_children(unit),
        "counts": selectors.unit_employee_count(unit),
        "page_obj": page_obj,
        "employees": page_obj.object_list,
        "can_manage": can_manage,
        "penilai_form": UnitPenilaiForm() if can_manage else None,
    }
    if can_manage or scope.reads_agency:
        entries = entries_for_object("organisasi.unit", unit.pk)
        context["audit_entries"] = entries[:AUDIT_ENTRIES_SHOWN]
    return render(request, "organisasi/unit_detail.html", context)


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.organisation_manage_check(scope)
    form = UnitCreateForm(
        request.POST or None,
        parents=access.unit_parent_choices(scope),
        root_allowed=scope.is_superuser,
        initial={"induk": request.GET.get("induk")},
    )
    done, unit = _submit(
        request, form, lambda data: services.unit_create(aktor=Aktor.of_request(request), **data)
    )
    if done:
        messages.success(request, _("Unit %(nama)s dibuat.") % {"nama": unit.nama})
        return redirect("organisasi:unit-detail", unit.pk)
    return render(request, "organisasi/unit_form.html", {"nav_section": "unit", "form": form})


@login_required
def unit_update(request: HttpRequest, unit_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    unit = access.unit_get_for_change(scope, unit_id)
    form = UnitUpdateForm(
        request.POST or None,
        unit=unit,
        parents=access.unit_parent_choices(scope, unit),
        root_allowed=scope.is_superuser,
    )
    done, _unit = _submit(
        request,
        form,
        lambda data: services.unit_update(aktor=Aktor.of_request(request), unit=unit, **data),
    )
    if done:
        messages.success(request, _("Perubahan unit %(nama)s disimpan.") % {"nama": _unit.nama})
        return redirect("organisasi:unit-detail", unit.pk)
    context = {"nav_section": "unit", "form": form, "unit": unit}
    return render(request, "organisasi/unit_form.html", context)


@login_required
def unit_penilai(request: HttpRequest, unit_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    unit = access.unit_get_for_change(scope, unit_id)
    form = UnitPenilaiForm(request.POST or None)
    done, count = _submit(
        request,
        form,
        lambda data: services.penilai_assign_unit(
            aktor=Aktor.of_request(request), unit=unit, penilai=data.pop("penilai_nip"), **data
        ),
    )
    if done:
        messages.success(
            request, _("Pejabat penilai %(jumlah)d pegawai dialihkan.") % {"jumlah": count}
        )
        return redirect("organisasi:unit-detail", unit.pk)
    return render(
        request, "organisasi/unit_penilai.html", {"nav_section": "unit", "form": form, "unit": unit}
    )


# --- Employees -----------------------------------------------------------------------------------


@login_required
def pegawai_list(request: HtmxHttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.organisation_browse_check(scope)
    form = PegawaiFilterForm(request.GET)
    employees = selectors.pegawai_list(scope, **form.filters())
    page_obj = Paginator(employees, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page_obj, "employees": page_obj.object_list}
    if request.htmx and not request.htmx.boosted:
        return render(request, "organisasi/_pegawai_tabel.html", context)
    context |= {
        "nav_section": "pegawai",
        "units": selectors.units_for_choice(scope),
        "can_create": scope.is_admin,
    }
    return render(request, "organisasi/pegawai_list.html", context)


@login_required
def pegawai_detail(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    pegawai = selectors.pegawai_detail(access.pegawai_get_for_read(scope, pegawai_id).pk)
    chain = selectors.penilai_chain(pegawai)
    can_manage = scope.manages_path(pegawai.unit.jalur)
    context: dict[str, Any] = {
        "nav_section": "profil" if pegawai.pk == scope.pegawai_id else "pegawai",
        "pegawai": pegawai,
        "nip": selectors.nip_parts(pegawai),
        "pejabat_penilai": chain[0] if chain else None,
        "atasan_pejabat_penilai": chain[1] if len(chain) > 1 else None,
        "chain": chain,
        "openable": selectors.pegawai_readable_ids(scope, [item.pk for item in chain]),
        "riwayat_penilai": selectors.riwayat_penilai(pegawai),
        "riwayat_jabatan": selectors.riwayat_jabatan(pegawai),
        "pengecualian": selectors.pengecualian_of(pegawai),
        "bawahan": selectors.bawahan(pegawai),
        "can_manage": can_manage,
        "pengecualian_form": PengecualianForm() if can_manage else None,
        "end_form": PengecualianEndForm() if can_manage else None,
    }
    if can_manage or scope.reads_agency:
        entries = entries_for_object("organisasi.pegawai", pegawai.pk)
        context["audit_entries"] = entries[:AUDIT_ENTRIES_SHOWN]
    return render(request, "organisasi/pegawai_detail.html", context)


@login_required
def pegawai_create(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.organisation_manage_check(scope)
    units = access.unit_manageable(scope).filter(aktif=True)
    form = PegawaiForm(request.POST or None, units=units)
    done, pegawai = _submit(
        request,
        form,
        lambda data: services.pegawai_create(
            aktor=Aktor.of_request(request), **form.service_arguments()
        ),
    )
    if done:
        messages.success(request, _("Pegawai %(nama)s ditambahkan.") % {"nama": pegawai.nama})
        return redirect("organisasi:pegawai-detail", pegawai.pk)
    return render(request, "organisasi/pegawai_form.html", {"nav_section": "pegawai", "form": form})


@login_required
def pegawai_update(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    pegawai = access.pegawai_get_for_change(scope, pegawai_id)
    units = access.unit_manageable(scope).filter(aktif=True) | access.unit_manageable(scope).filter(
        pk=pegawai.unit_id
    )
    form = PegawaiUpdateForm(request.POST or None, pegawai=pegawai, units=units)
    done, _pegawai = _submit(
        request,
        form,
        lambda data: services.pegawai_update(
            aktor=Aktor.of_request(request), pegawai=pegawai, **form.service_arguments()
        ),
    )
    if done:
        messages.success(request, _("Data pegawai %(nama)s disimpan.") % {"nama": _pegawai.nama})
        return redirect("organisasi:pegawai-detail", pegawai.pk)
    context = {"nav_section": "pegawai", "form": form, "pegawai": pegawai}
    return render(request, "organisasi/pegawai_form.html", context)


@login_required
def pegawai_penilai(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    pegawai = access.pegawai_get_for_change(scope, pegawai_id)
    form = PenilaiForm(request.POST or None)
    done, _row = _submit(
        request,
        form,
        lambda data: services.penilai_assign(
            aktor=Aktor.of_request(request),
            pegawai=pegawai,
            penilai=data["penilai_nip"],
            berlaku_mulai=data["berlaku_mulai"],
            alasan=data["alasan"],
        ),
    )
    if done:
        messages.success(request, _penilai_message(pegawai))
        return redirect("organisasi:pegawai-detail", pegawai.pk)
    pegawai = selectors.pegawai_detail(pegawai.pk)
    context = {"nav_section": "pegawai", "form": form, "pegawai": pegawai}
    return render(request, "organisasi/pegawai_penilai.html", context)


def _penilai_message(pegawai: Pegawai) -> str:
    if pegawai.penilai is None:
        return _("Pejabat penilai %(pegawai)s dikosongkan.") % {"pegawai": pegawai.nama}
    return _("Pejabat penilai %(pegawai)s dialihkan ke %(penilai)s.") % {
        "pegawai": pegawai.nama,
        "penilai": pegawai.penilai.nama,
    }


@login_required
def pegawai_search(request: HttpRequest) -> HttpResponse:
    """Suggestions for an appraiser's NIP (an HTMX-filled datalist)."""
    scope = scope_for(request.user)
    access.organisation_manage_check(scope)
    text = request.GET.get("penilai_nip") or request.GET.get("q") or ""
    found = selectors.pegawai_search(access.penilai_candidates(scope), text)
    return render(request, "organisasi/_pegawai_saran.html", {"found": found})


@login_required
def bawahan(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    pegawai = selectors.pegawai_detail(access.bawahan_check(scope))
    context = {
        "nav_section": "bawahan",
        "pegawai": pegawai,
        "employees": selectors.bawahan(pegawai),
    }
    return render(request, "organisasi/bawahan.html", context)


# --- Exclusions ----------------------------------------------------------------------------------


@login_required
def pengecualian_create(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    pegawai = access.pegawai_get_for_change(scope, pegawai_id)
    form = PengecualianForm(request.POST or None)
    done, _item = _submit(
        request,
        form,
        lambda data: services.pengecualian_add(
            aktor=Aktor.of_request(request), pegawai=pegawai, **data
        ),
    )
    if done:
        messages.success(request, _("Pengecualian %(nama)s dicatat.") % {"nama": pegawai.nama})
        return redirect("organisasi:pegawai-detail", pegawai.pk)
    context = {"nav_section": "pegawai", "form": form, "pegawai": pegawai}
    return render(request, "organisasi/pengecualian_form.html", context)


@login_required
@require_POST
def pengecualian_end(request: HttpRequest, pengecualian_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    item = access.pengecualian_get_for_change(scope, pengecualian_id)
    form = PengecualianEndForm(request.POST)
    done, _item = _submit(
        request,
        form,
        lambda data: services.pengecualian_end(
            aktor=Aktor.of_request(request), pengecualian=item, **data
        ),
    )
    if done:
        messages.success(request, _("Pengecualian diakhiri."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("organisasi:pegawai-detail", item.pegawai_id)


# --- Roles ---------------------------------------------------------------------------------------


@login_required
def peran_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    roles = list(selectors.peran_list(access.peran_readable(scope)))
    if request.method == "POST" and not scope.is_admin:
        raise PermissionDenied
    form = _peran_form(request, scope)
    done, peran = _submit(request, form, lambda data: _peran_grant(request, scope, data))
    if done:
        messages.success(request, _("Peran diberikan kepada %(akun)s.") % {"akun": peran.pengguna})
        return redirect("organisasi:peran-list")
    context = {
        "nav_section": "peran",
        "roles": roles,
        "form": form if scope.is_admin else None,
        "revocable": {p.pk for p in roles if access.peran_grant_allowed(scope, p.jenis, p.unit)},
    }
    return render(request, "organisasi/peran_list.html", context)


def _peran_form(request: HttpRequest, scope: Lingkup) -> PeranForm:
    return PeranForm(
        request.POST or None,
        units=access.peran_grantable_units(scope),
        superuser=scope.is_superuser,
    )


def _peran_grant(request: HttpRequest, scope: Lingkup, data: dict[str, Any]) -> Any:
    access.peran_grant_check(scope, data["jenis"], data["unit"])
    return services.peran_grant(
        aktor=Aktor.of_request(request),
        pengguna=data["nip"],
        jenis=data["jenis"],
        unit=data["unit"],
    )


@login_required
@require_POST
def peran_revoke(request: HttpRequest, peran_id: int) -> HttpResponseRedirect:
    scope = scope_for(request.user)
    peran = access.peran_get_for_revoke(scope, peran_id)
    services.peran_revoke(aktor=Aktor.of_request(request), peran=peran)
    messages.success(
        request, _("Peran %(peran)s dicabut.") % {"peran": services.peran_label(peran)}
    )
    return redirect("organisasi:peran-list")
