"""Job pages: my jobs, one job with its live progress bar and, once finished, its result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.jobs import access, registry, selectors
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan

PAGE_SIZE = 25


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = access.jobs_readable(request.user).select_related("dibuat_oleh")
    page_obj = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
    states = selectors.job_states(page_obj.object_list)
    rows = [(job, states[job.pk]) for job in page_obj.object_list]
    context = {"nav_section": "pekerjaan", "page_obj": page_obj, "rows": rows}
    return render(request, "jobs/list.html", context)


@login_required
def job_detail(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = access.job_get_for_user(request.user, job_id)
    return render(
        request, "jobs/detail.html", _progress_context(job) | {"nav_section": "pekerjaan"}
    )


@login_required
def job_progress(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = access.job_get_for_user(request.user, job_id)
    return render(request, "jobs/_progres.html", _progress_context(job))


def _progress_context(job: Pekerjaan) -> dict[str, Any]:
    context: dict[str, Any] = {"job": job, "state": selectors.job_state(job)}
    if job.is_finished:
        context |= {
            "hasil": job.hasil or {},
            "result_template": registry.result_template(job.jenis),
        }
    return context


def result_file(
    request: HttpRequest,
    job_id: UUID,
    *,
    jenis: str,
    nama: str,
    content_type: str | Callable[[dict[str, Any]], str],
    berkas_key: str = "berkas",
    nama_key: str = "nama_berkas",
) -> FileResponse:
    """The file a finished job of this kind stored under `dokumen/<job id>/` (`hasil[berkas_key]`,
    named `hasil[nama_key]`), for its creator, as a private attachment; 404 for anything else.
    `content_type` may be a function of the job's result (a job writing several formats)."""
    job = access.job_get_for_user(request.user, job_id)
    hasil = job.hasil or {}
    stored = str(hasil.get(berkas_key) or "")
    if (
        job.jenis != jenis
        or job.status != StatusPekerjaan.SELESAI
        or not stored.startswith(f"dokumen/{job.pk}/")
        or not default_storage.exists(stored)
    ):
        raise Http404
    response = FileResponse(
        default_storage.open(stored, "rb"),
        as_attachment=True,
        filename=str(hasil.get(nama_key) or nama),
        content_type=content_type if isinstance(content_type, str) else content_type(hasil),
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
