"""A job dispatched through a real Celery worker and a real Redis broker.

Runs where KINERJA_TEST_REDIS_URL names a Redis database (CI sets it); skipped elsewhere.
"""

from __future__ import annotations

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker

from kinerja.celery import app as celery_app
from kinerja.jobs import registry
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.jobs.services import job_create

REDIS_URL = os.environ.get("KINERJA_TEST_REDIS_URL")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="KINERJA_TEST_REDIS_URL is not set")


@registry.register("test.celery-sum")
def _sum_job(parameter: dict, progress) -> dict:
    numbers = parameter["angka"]
    progress.start(len(numbers), "menjumlah")
    for _ in numbers:
        progress.advance()
    return {"jumlah": sum(numbers)}


@pytest.mark.django_db(transaction=True)
def test_job_runs_in_a_celery_worker_through_redis(settings):
    settings.JOBS_BACKEND = "celery"
    celery_app.conf.update(broker_url=REDIS_URL, task_always_eager=False, result_backend=None)
    with start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        job = job_create(
            jenis="test.celery-sum",
            judul="Jumlah",
            parameter={"angka": [1, 2, 3]},
            pengguna_id=None,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.is_finished:
                break
            time.sleep(0.2)
    assert job.status == StatusPekerjaan.SELESAI
    assert job.hasil == {"jumlah": 6}
    assert (job.progres_selesai, job.progres_total) == (3, 3)
    assert Pekerjaan.objects.filter(pk=job.pk, status=StatusPekerjaan.SELESAI).count() == 1
