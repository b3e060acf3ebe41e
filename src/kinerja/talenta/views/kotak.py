"""The 9-box of a unit (or of the appraiser's team) for a year, the potential entry and the
merit lists with their XLSX export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.aturan.enums import Potensi as PotensiEnum
from kinerja.audit.services import Aktor
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.talenta import access, ekspor, selectors, services
from kinerja.talenta.forms import SaringanForm

NAV_SECTION = "talenta"


def _filters(request: HttpRequest, scope: Lingkup) -> tuple[SaringanForm, access.Cakupan, int]:
    form = SaringanForm(request.GET)
    unit_id, tahun = form.chosen()
    return form, access.cakupan_for(scope, unit_id), tahun


def _context(scope: Lingkup, form: SaringanForm, cakupan: access.Cakupan, tahun: int) -> dict:
    return {
        "nav_section": NAV_SECTION,
        "form": form,
        "cakupan": cakupan,
        "tahun": tahun,
        "units": list(access.unit_choices(scope)) if cakupan.unit else [],
        "query": f"?unit={cakupan.unit.pk}&tahun={tahun}" if cakupan.unit else f"?tahun={tahun}",
        "baca_unit": scope.reads_units,
    }


@login_required
def kotak(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form, cakupan, tahun = _filters(request, scope)
    data = selectors.talent_box(jalur=cakupan.jalur, tahun=tahun, penilai_id=cakupan.penilai_id)
    context = _context(scope, form, cakupan, tahun) | {"kotak": data}
    return render(request, "talenta/kotak.html", context)


@login_required
def merit(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form, cakupan, tahun = _filters(request, scope)
    data = selectors.merit_lists(jalur=cakupan.jalur, tahun=tahun, penilai_id=cakupan.penilai_id)
    context = _context(scope, form, cakupan, tahun) | {"merit": data}
    return render(request, "talenta/merit.html", context)


@login_required
def merit_ekspor(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    _form, cakupan, tahun = _filters(request, scope)
    data = selectors.merit_lists(jalur=cakupan.jalur, tahun=tahun, penilai_id=cakupan.penilai_id)
    response = HttpResponse(
        ekspor.merit_workbook(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    kode = cakupan.unit.kode if cakupan.unit else "tim"
    response["Content-Disposition"] = f'attachment; filename="merit-{kode}-{tahun}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def potensi(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form = SaringanForm(request.GET)
    unit_id, tahun = form.chosen()
    if request.method == "POST":
        unit = access.potensi_unit_get_for_change(scope, unit_id)
    else:
        unit = access.potensi_unit_get(scope, unit_id)
    rows = selectors.potensi_rows(jalur=unit.jalur, tahun=tahun)
    errors: list[str] = []
    if request.method == "POST":
        wanted = {
            row.pegawai: request.POST[f"potensi_{row.pegawai.pk}"]
            for row in rows
            if f"potensi_{row.pegawai.pk}" in request.POST
        }
        try:
            changed = services.potensi_save_many(
                aktor=Aktor.of_request(request), tahun=tahun, nilai=wanted
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Potensi disimpan: %(n)s perubahan.") % {"n": changed})
            return redirect(f"{reverse('talenta:potensi')}?unit={unit.pk}&tahun={tahun}")
    context = {
        "nav_section": NAV_SECTION,
        "form": form,
        "unit": unit,
        "tahun": tahun,
        "units": list(access.unit_choices(scope)),
        "rows": rows,
        "boleh_ubah": access.may_change_potensi(scope, unit),
        "pilihan": PotensiEnum.choices(),
        "errors": errors,
    }
    return render(request, "talenta/potensi.html", context, status=422 if errors else 200)
