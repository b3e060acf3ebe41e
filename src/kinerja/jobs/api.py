"""Jobs API: one job with its live progress, and the jobs the user may see."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import ValidationError

from kinerja.jobs import access, selectors
from kinerja.jobs.models import Pekerjaan
from kinerja.jobs.schemas import PekerjaanOut, PekerjaanPage

router = Router(tags=["jobs"])
PAGE_SIZE = 25


@router.get("/", response=PekerjaanPage, summary="Daftar pekerjaan saya")
def job_list(request: HttpRequest, page: int = 1) -> dict[str, Any]:
    paginator = Paginator(access.jobs_readable(request.user), PAGE_SIZE)
    try:
        found = paginator.page(page)
    except EmptyPage:
        message = _("Nomor halaman di luar jangkauan.")
        raise ValidationError(
            [{"loc": ["query", "page"], "msg": message, "type": "value_error"}]
        ) from None
    jobs = list(found.object_list)
    states = selectors.job_states(jobs)
    items = [_job_out(job, states[job.pk]) for job in jobs]
    return {
        "count": paginator.count,
        "page": found.number,
        "pages": paginator.num_pages,
        "items": items,
    }


@router.get("/{uuid:job_id}", response=PekerjaanOut, summary="Satu pekerjaan dan kemajuannya")
def job_detail(request: HttpRequest, job_id: UUID) -> dict[str, Any]:
    job = access.job_get_for_user(request.user, job_id)
    return _job_out(job, selectors.job_state(job))


def _job_out(job: Pekerjaan, state: selectors.JobState) -> dict[str, Any]:
    return {
        "id": job.pk,
        "jenis": job.jenis,
        "judul": job.judul,
        "status": job.status,
        "persen": state.percent,
        "selesai": state.done,
        "total": state.total,
        "tahap": state.stage,
        "hasil": job.hasil,
        "galat": job.galat,
        "dibuat_pada": job.dibuat_pada,
        "selesai_pada": job.selesai_pada,
    }
