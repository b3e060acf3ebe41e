"""Period report documents: the Umpan Balik sheet as a PDF, for any reader of the report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from kinerja.organisasi.access import scope_for
from kinerja.realisasi import access, documents

PDF_CONTENT_TYPE = "application/pdf"


@login_required
@require_GET
def feedback_pdf(request: HttpRequest, laporan_id: int) -> HttpResponse:
    laporan = access.laporan_get_for_read(scope_for(request.user), laporan_id)
    response = HttpResponse(documents.feedback_pdf(laporan), content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{documents.pdf_filename(laporan)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
