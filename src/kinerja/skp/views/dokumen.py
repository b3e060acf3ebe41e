"""SKP documents: the PDF of a plan and of a frozen revision, the bulk ZIP of a unit's approved
plans (started here, made by the `skp.dokumen` background job) and its download."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.audit.services import Aktor
from kinerja.core.forms import form_submit
from kinerja.jobs.views import result_file
from kinerja.organisasi.access import Lingkup, organisation_browse_check, scope_for, unit_readable
from kinerja.organisasi.forms import UnitChoiceField
from kinerja.periode import selectors as periode_selectors
from kinerja.skp import access, documents, selectors

PDF_CONTENT_TYPE = "application/pdf"
ZIP_CONTENT_TYPE = "application/zip"


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def skp_pdf(request: HttpRequest, skp_id: int) -> HttpResponse:
    skp = access.skp_get_for_read(scope_for(request.user), skp_id)
    dokumen = selectors.skp_document(skp)
    return _pdf_response(documents.skp_pdf(dokumen), documents.pdf_filename(dokumen))


@login_required
def revision_pdf(request: HttpRequest, skp_id: int, nomor: int) -> HttpResponse:
    skp = access.skp_get_for_read(scope_for(request.user), skp_id)
    revisi = selectors.skp_revision(skp, nomor)
    if revisi is None:
        raise Http404
    pdf = documents.skp_pdf(revisi.dokumen)
    return _pdf_response(pdf, documents.pdf_filename(revisi.dokumen, nomor=revisi.nomor))


# --- Bulk documents --------------------------------------------------------------------------


class BulkForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=None, empty_label=None)
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int)

    def __init__(self, *args: Any, scope: Lingkup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.queryset = unit_readable(scope).filter(aktif=True).order_by("jalur")
        unit_field.help_text = _("Dokumen dibuat untuk unit ini beserta semua sub-unitnya.")
        tahun_field = self.fields["tahun"]
        assert isinstance(tahun_field, forms.TypedChoiceField)
        tahun_field.choices = [(year.tahun, year.tahun) for year in periode_selectors.tahun_list()]
        tahun_field.initial = periode_selectors.default_tahun(timezone.localdate())


@login_required
def bulk_create(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    organisation_browse_check(scope)
    form = BulkForm(request.POST or None, scope=scope)
    done, job = form_submit(
        request,
        form,
        lambda data: documents.bulk_documents_submit(
            aktor=Aktor.of_request(request), scope=scope, unit=data["unit"], tahun=data["tahun"]
        ),
    )
    if done:
        return redirect("jobs:detail", job_id=job.pk)
    context = {"nav_section": "kelengkapan", "form": form}
    return render(request, "skp/dokumen_massal.html", context)


@login_required
def bulk_download(request: HttpRequest, job_id: UUID) -> FileResponse:
    return result_file(
        request,
        job_id,
        jenis=documents.JOB_KIND,
        nama="dokumen-skp.zip",
        content_type=ZIP_CONTENT_TYPE,
    )
