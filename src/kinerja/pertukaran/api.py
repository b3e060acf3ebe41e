"""Import API: upload a workbook to import in the background; download the template.

A file refused at once (size, kind, archive) answers 422 through the API's ValidationError handler.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import File, Form, Router, UploadedFile
from ninja.responses import Status

from kinerja.audit.services import Aktor
from kinerja.organisasi.access import organisation_manage_check, scope_for
from kinerja.pertukaran import services
from kinerja.pertukaran.schemas import ImporOut
from kinerja.pertukaran.views import template_response

router = Router(tags=["pertukaran"])


@router.post("/", response={202: ImporOut}, summary="Impor workbook atau CSV (latar belakang)")
def impor_create(
    request: HttpRequest,
    berkas: File[UploadedFile],
    berlaku_mulai: Form[datetime.date | None] = None,
    dry_run: Form[bool] = False,
) -> Status[dict[str, Any]]:
    scope = scope_for(request.user)
    organisation_manage_check(scope)
    job = services.import_submit(
        aktor=Aktor.of_request(request),
        scope=scope,
        nama_berkas=berkas.name or "",
        berkas=berkas,
        berlaku_mulai=berlaku_mulai,
        dry_run=dry_run,
    )
    return Status(202, {"pekerjaan_id": job.pk, "url": reverse("jobs:detail", args=[job.pk])})


@router.get("/template", summary="Templat workbook impor (.xlsx)")
def impor_template(request: HttpRequest) -> HttpResponse:
    organisation_manage_check(scope_for(request.user))
    return template_response()
