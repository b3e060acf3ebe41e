"""Creating and running background jobs.

Backends (settings.JOBS_BACKEND): `celery` when a broker is configured; `thread`, a small pool of
threads inside the web process (the embedded default: the request returns at once); `inline`,
run at once in the caller (the terminal and the tests).
"""

from __future__ import annotations

import logging
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from kinerja.jobs import registry
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.jobs.progress import JobProgress, Progress

logger = logging.getLogger(__name__)
_executor: ThreadPoolExecutor | None = None


def job_create(
    *, jenis: str, judul: str, parameter: dict[str, Any], pengguna_id: int | None
) -> Pekerjaan:
    """Record a job and hand it to the configured backend once the transaction commits."""
    registry.kind(jenis)
    job = Pekerjaan.objects.create(
        jenis=jenis, judul=judul[:255], parameter=parameter, dibuat_oleh_id=pengguna_id
    )
    transaction.on_commit(lambda: job_dispatch(job.pk))
    return job


def job_dispatch(job_id: UUID) -> None:
    backend = settings.JOBS_BACKEND
    if backend == "celery":
        from kinerja.jobs.tasks import run_job

        run_job.delay(str(job_id))
    elif backend == "thread":
        _thread_pool().submit(_run_in_thread, job_id)
    else:
        job_run(job_id=job_id)


def job_run(*, job_id: UUID | str, progress: Progress | None = None) -> Pekerjaan | None:
    """Run a waiting job once: the conditional update makes a second runner a no-op."""
    started = Pekerjaan.objects.filter(pk=job_id, status=StatusPekerjaan.MENUNGGU).update(
        status=StatusPekerjaan.BERJALAN, dimulai_pada=timezone.now()
    )
    if not started:
        return None
    job = Pekerjaan.objects.get(pk=job_id)
    reporter = progress or JobProgress(job.pk)
    try:
        hasil = registry.kind(job.jenis).handler(job.parameter, reporter)
    except registry.JobFailed as failure:
        _finish(job, reporter, StatusPekerjaan.GAGAL, hasil=failure.hasil, galat=str(failure))
    except Exception as error:
        logger.exception("Job %s (%s) failed", job.pk, job.jenis)
        detail = "".join(traceback.format_exception_only(error)).strip()
        _finish(job, reporter, StatusPekerjaan.GAGAL, hasil=None, galat=detail)
    else:
        _finish(job, reporter, StatusPekerjaan.SELESAI, hasil=hasil, galat="")
    return job


def _finish(
    job: Pekerjaan, reporter: Progress, status: str, *, hasil: dict[str, Any] | None, galat: str
) -> None:
    job.status, job.hasil, job.galat = status, hasil, galat
    job.selesai_pada = timezone.now()
    job.progres_selesai = getattr(reporter, "done", job.progres_selesai)
    job.progres_total = getattr(reporter, "total", job.progres_total)
    job.tahap = getattr(reporter, "stage", job.tahap)[:255]
    job.save(
        update_fields=[
            "status",
            "hasil",
            "galat",
            "selesai_pada",
            "progres_selesai",
            "progres_total",
            "tahap",
        ]
    )


def _thread_pool() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(
            max_workers=settings.JOBS_THREAD_WORKERS, thread_name_prefix="kinerja-job"
        )
    return _executor


def _run_in_thread(job_id: UUID) -> None:
    close_old_connections()
    try:
        job_run(job_id=job_id)
    finally:
        connection.close()
