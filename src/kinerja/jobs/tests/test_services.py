"""Running jobs: success, a handler's JobFailed, an unexpected error, a second run."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.db import close_old_connections, transaction

from kinerja.jobs import registry
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.jobs.selectors import job_state
from kinerja.jobs.services import job_create, job_run
from kinerja.jobs.tests import kinds

pytestmark = pytest.mark.django_db


def make_job(jenis: str, parameter: dict | None = None) -> Pekerjaan:
    return Pekerjaan.objects.create(jenis=jenis, judul="Uji", parameter=parameter or {})


def test_a_job_runs_to_success():
    job = make_job("test.jumlah", {"angka": [1, 2, 3, 4]})
    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.SELESAI
    assert job.hasil == {"jumlah": 10, "baris_dibaca": 4}
    assert job.galat == ""
    assert (job.progres_selesai, job.progres_total, job.tahap) == (4, 4, "menjumlah")
    assert job.dimulai_pada is not None
    assert job.selesai_pada is not None
    assert job.selesai_pada >= job.dimulai_pada
    assert job_state(job).percent == 100


def test_a_handler_raising_job_failed_keeps_its_result():
    job = make_job("test.ditolak")
    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.GAGAL
    assert job.galat == "Berkas berisi 2 galat."
    assert job.hasil == {"galat": 2, "baris": [3, 7]}
    assert (job.progres_selesai, job.progres_total, job.tahap) == (2, 4, "memeriksa")
    assert job.is_finished


def test_an_unexpected_exception_fails_the_job_with_its_message():
    job = make_job("test.rusak")
    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.GAGAL
    assert job.galat == "ZeroDivisionError: division by zero"
    assert job.hasil is None


def test_an_unknown_kind_fails_the_job():
    job = make_job("test.tidak-ada")
    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.GAGAL
    assert job.galat == "LookupError: Unknown job kind 'test.tidak-ada'"


def test_a_second_run_is_a_no_op():
    job = make_job("test.jumlah", {"angka": [5]})
    assert job_run(job_id=job.pk) is not None
    job.refresh_from_db()
    finished_at = job.selesai_pada
    handler = mock.Mock(return_value={})
    with mock.patch.dict(registry._KINDS, {"test.jumlah": registry.JobKind(handler)}):
        assert job_run(job_id=job.pk) is None
    handler.assert_not_called()
    job.refresh_from_db()
    assert (job.status, job.hasil, job.selesai_pada) == (
        StatusPekerjaan.SELESAI,
        {"jumlah": 5, "baris_dibaca": 1},
        finished_at,
    )


def test_a_running_job_is_not_started_again():
    job = make_job("test.jumlah", {"angka": [5]})
    Pekerjaan.objects.filter(pk=job.pk).update(status=StatusPekerjaan.BERJALAN)
    assert job_run(job_id=job.pk) is None
    job.refresh_from_db()
    assert (job.status, job.hasil) == (StatusPekerjaan.BERJALAN, None)


def test_job_create_records_and_runs_inline_on_commit(django_capture_on_commit_callbacks, agency):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = job_create(
            jenis="test.jumlah",
            judul="Jumlah",
            parameter={"angka": [2, 3]},
            pengguna_id=agency.admin.pk,
        )
        assert Pekerjaan.objects.get(pk=job.pk).status == StatusPekerjaan.MENUNGGU
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert (job.status, job.hasil, job.dibuat_oleh_id) == (
        StatusPekerjaan.SELESAI,
        {"jumlah": 5, "baris_dibaca": 2},
        agency.admin.pk,
    )


def test_job_create_refuses_an_unknown_kind():
    with pytest.raises(LookupError):
        job_create(jenis="test.tidak-ada", judul="X", parameter={}, pengguna_id=None)
    assert Pekerjaan.objects.count() == 0


def test_a_rolled_back_job_is_never_dispatched(settings):
    settings.JOBS_BACKEND = "celery"

    @transaction.atomic
    def create_then_fail() -> None:
        job_create(jenis="test.jumlah", judul="X", parameter={"angka": [1]}, pengguna_id=None)
        raise RuntimeError

    with mock.patch("kinerja.jobs.tasks.run_job.delay") as delay, pytest.raises(RuntimeError):
        create_then_fail()
    delay.assert_not_called()
    assert Pekerjaan.objects.count() == 0


def test_celery_backend_calls_run_job_delay(settings, django_capture_on_commit_callbacks):
    settings.JOBS_BACKEND = "celery"
    with (
        mock.patch("kinerja.jobs.tasks.run_job.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        job = job_create(jenis="test.jumlah", judul="X", parameter={"angka": [1]}, pengguna_id=None)
    delay.assert_called_once_with(str(job.pk))
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.MENUNGGU


def test_the_celery_task_runs_the_job():
    from kinerja.jobs.tasks import run_job

    job = make_job("test.jumlah", {"angka": [4, 4]})
    run_job(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.hasil) == (StatusPekerjaan.SELESAI, {"jumlah": 8, "baris_dibaca": 2})


def wait_until(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_the_thread_backend_runs_in_the_background(settings):
    settings.JOBS_BACKEND = "thread"
    kinds.RELEASE.clear()
    try:
        with transaction.atomic():
            job = job_create(jenis="test.tunggu", judul="Tunggu", parameter={}, pengguna_id=None)

        # The request has returned while the job still waits in its thread.
        assert wait_until(
            lambda: Pekerjaan.objects.filter(pk=job.pk, status=StatusPekerjaan.BERJALAN).exists()
        )

        running = Pekerjaan.objects.get(pk=job.pk)
        assert wait_until(lambda: job_state(running).done == 3)
        assert (job_state(running).total, job_state(running).stage) == (10, "menunggu izin")
        assert running.hasil is None
    finally:
        kinds.RELEASE.set()
    assert wait_until(
        lambda: Pekerjaan.objects.filter(pk=job.pk, status=StatusPekerjaan.SELESAI).exists()
    )
    job.refresh_from_db()
    assert job.hasil == {"dilepas": True}
    close_old_connections()
