"""Job pages: who sees a job, the polled progress bar, the result, the list of my jobs."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.conftest import ROLES
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.jobs.progress import JobProgress
from kinerja.jobs.services import job_run
from kinerja.jobs.tests import kinds  # noqa: F401  (registers the test job kinds)

pytestmark = pytest.mark.django_db
ALLOWED = {"pegawai", "superuser"}  # the creator of the jobs below, and a superuser


def make_job(owner, jenis: str = "test.jumlah", **fields) -> Pekerjaan:
    fields.setdefault("parameter", {"angka": [1, 2, 3]})
    return Pekerjaan.objects.create(jenis=jenis, judul=f"Uji {jenis}", dibuat_oleh=owner, **fields)


def snapshot_jobs() -> list[tuple]:
    return list(Pekerjaan.objects.order_by("pk").values_list("pk", "status", "hasil", "galat"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["jobs:detail", "jobs:progress"])
def test_job_pages_permission_matrix(agency, client_for, role, page):
    job = make_job(agency.pegawai.pengguna)
    before = snapshot_jobs()

    response = client_for(role).get(reverse(page, args=[job.pk]))

    if role == "anonim":
        assert response.status_code == 302
        assert response.url.startswith(reverse("akun:login"))
    elif role in ALLOWED:
        assert response.status_code == 200
        assert response.context["job"] == job
    else:
        assert response.status_code == 404
    assert snapshot_jobs() == before


def test_a_missing_job_is_404(agency, client_for):
    url = reverse("jobs:detail", args=["00000000-0000-0000-0000-000000000000"])
    assert client_for("superuser").get(url).status_code == 404


def test_a_running_job_shows_its_live_progress_and_polls(agency, client_for):
    job = make_job(agency.pegawai.pengguna, status=StatusPekerjaan.BERJALAN)
    reporter = JobProgress(job.pk, interval_seconds=0)
    reporter.start(8, "membaca baris")
    reporter.advance(2)

    html = client_for("pegawai").get(reverse("jobs:detail", args=[job.pk])).content.decode()

    assert "<h1>Uji test.jumlah</h1>" in html
    assert 'role="progressbar"' in html
    assert 'aria-valuenow="25"' in html
    assert '<span style="width:25%"></span>' in html
    assert "membaca baris" in html
    assert "2/8" in html
    assert f'hx-get="{reverse("jobs:progress", args=[job.pk])}" hx-trigger="every 1s"' in html
    assert ">Berjalan<" in html
    assert 'data-testid="job-result"' not in html


def test_a_waiting_job_polls_too(agency, client_for):
    job = make_job(agency.pegawai.pengguna)
    html = client_for("pegawai").get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert ">Menunggu<" in html
    assert 'aria-valuenow="0"' in html


def test_the_progress_partial_stops_polling_and_shows_the_result(agency, client_for):
    job = make_job(agency.pegawai.pengguna, parameter={"angka": [1200, 34]})
    job_run(job_id=job.pk)

    response = client_for("pegawai").get(reverse("jobs:progress", args=[job.pk]))
    html = response.content.decode()

    assert [template.name for template in response.templates][:2] == [
        "jobs/_progres.html",
        "jobs/_hasil_umum.html",
    ]
    assert "<html" not in html
    assert 'hx-trigger="every 1s"' not in html
    assert "hx-get" not in html
    assert ">Selesai<" in html
    assert 'aria-valuenow="100"' in html
    assert response.context["hasil"] == {"jumlah": 1234, "baris_dibaca": 2}
    assert "<dt>Jumlah</dt><dd>1.234</dd>" in html
    assert "<dt>Baris dibaca</dt><dd>2</dd>" in html


def test_a_failed_job_shows_its_error_and_kept_result(agency, client_for):
    job = make_job(agency.pegawai.pengguna, jenis="test.ditolak")
    job_run(job_id=job.pk)
    html = client_for("superuser").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert ">Gagal<" in html
    assert "Berkas berisi 2 galat." in html
    assert "<dt>Baris</dt><dd>3, 7</dd>" in html
    assert 'hx-trigger="every 1s"' not in html


def test_a_kind_with_its_own_result_template(agency, client_for, settings):
    templates = Path(__file__).parent / "templates"
    settings.TEMPLATES = [dict(settings.TEMPLATES[0], DIRS=[templates])]
    job = make_job(agency.pegawai.pengguna, jenis="test.khusus")
    job_run(job_id=job.pk)
    html = client_for("pegawai").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert '<p class="hasil-khusus">hasil khusus untuk Uji test.khusus</p>' in html


def test_a_finished_job_of_an_unknown_kind_uses_the_generic_result(agency, client_for):
    job = make_job(
        agency.pegawai.pengguna,
        jenis="lama.dihapus",
        status=StatusPekerjaan.SELESAI,
        hasil={"ok": True},
    )
    html = client_for("pegawai").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "<dt>Ok</dt><dd>Ya</dd>" in html


def listed(response) -> list:
    return [job.pk for job, _ in response.context["rows"]]


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_own_jobs_and_all_to_a_superuser(agency, client_for, role):
    mine = make_job(agency.pegawai.pengguna)
    theirs = make_job(agency.admin)
    Pekerjaan.objects.filter(pk=theirs.pk).update(
        dibuat_pada=timezone.now() + datetime.timedelta(1)
    )
    before = snapshot_jobs()

    response = client_for(role).get(reverse("jobs:list"))

    if role == "anonim":
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        expected = {
            "pegawai": [mine.pk],
            "admin": [theirs.pk],
            "superuser": [theirs.pk, mine.pk],
        }.get(role, [])
        assert listed(response) == expected
    assert snapshot_jobs() == before


def test_list_links_and_labels(agency, client_for):
    job = make_job(agency.pegawai.pengguna)
    job_run(job_id=job.pk)
    html = client_for("superuser").get(reverse("jobs:list")).content.decode()
    assert f'href="{reverse("jobs:detail", args=[job.pk])}"' in html
    assert ">Selesai<" in html
    assert "Siti Aminah" in html  # the creator, shown to a superuser


def test_list_is_paginated_newest_first(agency, client_for):
    start = timezone.now()
    for number in range(30):
        job = make_job(agency.pegawai.pengguna)
        Pekerjaan.objects.filter(pk=job.pk).update(
            dibuat_pada=start + datetime.timedelta(minutes=number), judul=f"Pekerjaan {number}"
        )
    client = client_for("pegawai")
    first = client.get(reverse("jobs:list"))
    titles = re.findall(r">Pekerjaan (\d+)</a>", first.content.decode())
    assert titles == [str(number) for number in range(29, 4, -1)]
    assert "Halaman 1 dari 2" in first.content.decode()
    second = client.get(reverse("jobs:list"), {"page": 2})
    assert re.findall(r">Pekerjaan (\d+)</a>", second.content.decode()) == ["4", "3", "2", "1", "0"]


@pytest.mark.parametrize("count", [2, 20])
def test_list_query_count_is_flat(agency, client_for, django_assert_num_queries, count):
    for _ in range(count):
        make_job(agency.pegawai.pengguna)
    client = client_for("superuser")
    with django_assert_num_queries(6):
        response = client.get(reverse("jobs:list"))
    assert len(listed(response)) == count
