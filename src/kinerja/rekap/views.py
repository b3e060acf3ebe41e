"""The recap page: choose year, period, unit and format; the recap is made by a background job
(`rekap.build`) whose page shows the progress and then offers the file(s) to download."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kinerja.audit.services import Aktor
from kinerja.core.forms import form_submit
from kinerja.jobs.views import result_file
from kinerja.organisasi.access import scope_for
from kinerja.rekap import access, selectors, services
from kinerja.rekap.forms import RekapForm

NAV_SECTION = "rekap"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PARTS = {
    "rekap": ("berkas", "nama_berkas"),
    "dikecualikan": ("berkas_dikecualikan", "nama_berkas_dikecualikan"),
}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    access.rekap_check(scope)
    form = RekapForm(
        request.POST or None,
        periods=selectors.period_choices(),
        units=list(access.units_readable(scope)),
        agency=scope.reads_agency,
    )
    started, job = form_submit(
        request,
        form,
        lambda data: services.rekap_start(
            aktor=Aktor.of_request(request),
            pengguna=request.user,
            periode=data["periode_obj"],
            unit=data["unit_obj"],
            fmt=data["format"],
        ),
    )
    if started:
        return redirect("jobs:detail", job_id=job.pk)
    return render(request, "rekap/index.html", {"nav_section": NAV_SECTION, "form": form})


@login_required
def unduh(request: HttpRequest, job_id: UUID, bagian: str) -> FileResponse:
    """A file of a finished recap job, for its creator (404 for anything else)."""
    if bagian not in PARTS:
        raise Http404
    berkas_key, nama_key = PARTS[bagian]
    return result_file(
        request,
        job_id,
        jenis=services.JOB_KIND,
        nama=f"{bagian}.bin",
        content_type=lambda hasil: CONTENT_TYPES.get(
            str(hasil.get("format")), "application/octet-stream"
        ),
        berkas_key=berkas_key,
        nama_key=nama_key,
    )
