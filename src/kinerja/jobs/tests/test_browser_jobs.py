"""In a real browser: the job page polls its progress each second and stops once finished."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.jobs.progress import JobProgress
from kinerja.jobs.tests import kinds  # noqa: F401  (registers the test job kinds)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_the_progress_bar_follows_the_job_and_the_result_appears(page, live_server, agency):
    job = Pekerjaan.objects.create(
        jenis="test.jumlah",
        judul="Rekap tunjangan",
        dibuat_oleh=agency.pegawai.pengguna,
        status=StatusPekerjaan.BERJALAN,
    )
    reporter = JobProgress(job.pk, interval_seconds=0)
    reporter.start(8, "menghitung")
    reporter.advance(2)
    log_in(page, live_server, agency.pegawai.pengguna)
    polls: list[str] = []
    page.on(
        "request", lambda request: polls.append(request.url) if "/progres/" in request.url else None
    )

    page.goto(f"/pekerjaan/{job.pk}/")
    bar = page.get_by_role("progressbar")
    assert bar.get_attribute("aria-valuenow") == "25"
    assert page.get_by_test_id("job-status").inner_text() == "Berjalan"

    reporter.advance(4)
    page.wait_for_selector('[role="progressbar"][aria-valuenow="75"]')
    assert "6/8 · menghitung" in page.get_by_test_id("job-stage").inner_text()

    reporter.advance(2)
    Pekerjaan.objects.filter(pk=job.pk).update(
        status=StatusPekerjaan.SELESAI,
        hasil={"jumlah": 3781000},
        progres_selesai=8,
        progres_total=8,
    )
    page.get_by_test_id("job-result").wait_for()
    assert page.get_by_test_id("job-status").inner_text() == "Selesai"
    assert "Jumlah" in page.get_by_test_id("job-result").inner_text()
    assert "3.781.000" in page.get_by_test_id("job-result").inner_text()

    polls_when_finished = len(polls)
    assert polls_when_finished >= 2
    page.wait_for_timeout(2500)
    assert len(polls) == polls_when_finished  # polling stopped
