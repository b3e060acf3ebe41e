"""Assessment documents: the evaluation PDF of one assessment, a group's Format Penetapan PDF,
the ZIP of a group's documents (started here, made by the `penilaian.dokumen` background job)
and its download."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from kinerja.audit.services import Aktor
from kinerja.jobs.views import result_file
from kinerja.organisasi.access import scope_for
from kinerja.penilaian import access, documents, selectors
from kinerja.periode.access import periode_get_for_read
from kinerja.periode.models import Periode

PDF_CONTENT_TYPE = "application/pdf"
ZIP_CONTENT_TYPE = "application/zip"


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _periode(request: HttpRequest, periode_id: int) -> Periode:
    return periode_get_for_read(scope_for(request.user), periode_id)


@login_required
def evaluasi_pdf(request: HttpRequest, penilaian_id: int) -> HttpResponse:
    penilaian = access.penilaian_get_for_read(scope_for(request.user), penilaian_id)
    pdf = documents.evaluasi_pdf(penilaian)
    return _pdf_response(pdf, documents.evaluasi_filename(penilaian))


@login_required
def penetapan_pdf(request: HttpRequest, unit_id: int, periode_id: int) -> HttpResponse:
    periode = _periode(request, periode_id)
    unit = access.kurva_unit_get(scope_for(request.user), unit_id, periode)
    group = selectors.kelompok_detail(unit, periode)
    if group.organisasi is None:
        raise Http404
    return _pdf_response(documents.penetapan_pdf(group), documents.penetapan_filename(group))


@login_required
@require_POST
def massal(request: HttpRequest, unit_id: int, periode_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    periode = _periode(request, periode_id)
    unit = access.kurva_unit_get(scope, unit_id, periode)
    if not documents.may_bulk(scope, unit):
        raise PermissionDenied
    try:
        job = documents.bulk_start(
            aktor=Aktor.of_request(request), pengguna=request.user, unit=unit, periode=periode
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect("penilaian:kurva_detail", unit_id=unit.pk, periode_id=periode.pk)
    return redirect("jobs:detail", job_id=job.pk)


@login_required
def unduh(request: HttpRequest, job_id: UUID) -> FileResponse:
    return result_file(
        request,
        job_id,
        jenis=documents.JOB_KIND,
        nama="dokumen-evaluasi.zip",
        content_type=ZIP_CONTENT_TYPE,
    )
