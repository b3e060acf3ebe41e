"""The import page (format, template workbook, upload, recent imports) and the template."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kinerja.audit.services import Aktor
from kinerja.organisasi.access import organisation_manage_check, scope_for
from kinerja.pertukaran import selectors, services
from kinerja.pertukaran.forms import ImporForm

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_FILE_NAME = "templat-impor-kinerja.xlsx"


@login_required
def impor(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    organisation_manage_check(scope)
    form = ImporForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            job = services.import_submit(
                aktor=Aktor.of_request(request),
                scope=scope,
                nama_berkas=berkas.name,
                berkas=berkas,
                berlaku_mulai=form.cleaned_data["berlaku_mulai"],
                dry_run=form.cleaned_data["uji_saja"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("jobs:detail", job_id=job.pk)
    context = {
        "nav_section": "impor",
        "form": form,
        "sheets": selectors.sheet_formats(),
        "recent": selectors.imports_recent(scope),
        "max_upload_mb": settings.IMPORT_MAX_UPLOAD_MB,
    }
    return render(request, "pertukaran/impor.html", context)


@login_required
def template(request: HttpRequest) -> HttpResponse:
    organisation_manage_check(scope_for(request.user))
    return template_response()


def template_response() -> HttpResponse:
    response = HttpResponse(selectors.template_workbook(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILE_NAME}"'
    return response
