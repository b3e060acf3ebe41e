"""Jobs API: one job with live progress, and the jobs the user may see."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kinerja.conftest import ROLES
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.jobs.progress import JobProgress
from kinerja.jobs.services import job_run
from kinerja.jobs.tests import kinds  # noqa: F401  (registers the test job kinds)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/pekerjaan/"


def make_job(owner, jenis: str = "test.jumlah", **fields) -> Pekerjaan:
    fields.setdefault("parameter", {"angka": [1, 2, 3]})
    return Pekerjaan.objects.create(jenis=jenis, judul="Rekap", dibuat_oleh=owner, **fields)


def snapshot_jobs() -> list[tuple]:
    return list(Pekerjaan.objects.order_by("pk").values_list("pk", "status", "hasil", "galat"))


@pytest.mark.parametrize("role", ROLES)
def test_detail_permission_matrix(agency, client_for, role):
    job = make_job(agency.pegawai.pengguna)
    before = snapshot_jobs()
    response = client_for(role).get(f"{BASE}{job.pk}")
    expected = {"anonim": 401, "pegawai": 200, "superuser": 200}.get(role, 404)
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["id"] == str(job.pk)
    assert snapshot_jobs() == before


def test_detail_of_a_finished_job(agency, client_for):
    job = make_job(agency.pegawai.pengguna)
    job_run(job_id=job.pk)
    job.refresh_from_db()
    body = client_for("pegawai").get(f"{BASE}{job.pk}").json()
    assert set(body) == {
        "id",
        "jenis",
        "judul",
        "status",
        "persen",
        "selesai",
        "total",
        "tahap",
        "hasil",
        "galat",
        "dibuat_pada",
        "selesai_pada",
    }
    assert {key: body[key] for key in body if key not in ("dibuat_pada", "selesai_pada")} == {
        "id": str(job.pk),
        "jenis": "test.jumlah",
        "judul": "Rekap",
        "status": "SELESAI",
        "persen": 100,
        "selesai": 3,
        "total": 3,
        "tahap": "menjumlah",
        "hasil": {"jumlah": 6, "baris_dibaca": 3},
        "galat": "",
    }
    assert datetime.datetime.fromisoformat(body["selesai_pada"]) == to_milliseconds(
        job.selesai_pada
    )
    assert datetime.datetime.fromisoformat(body["dibuat_pada"]) == to_milliseconds(job.dibuat_pada)


def to_milliseconds(moment: datetime.datetime) -> datetime.datetime:
    """The JSON encoder writes times to the millisecond."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def test_detail_of_a_running_job_reads_live_progress(agency, client_for):
    job = make_job(agency.pegawai.pengguna, status=StatusPekerjaan.BERJALAN)
    reporter = JobProgress(job.pk, interval_seconds=0)
    reporter.start(40, "menulis dokumen")
    reporter.advance(10)
    body = client_for("superuser").get(f"{BASE}{job.pk}").json()
    assert (body["status"], body["persen"], body["selesai"], body["total"], body["tahap"]) == (
        "BERJALAN",
        25,
        10,
        40,
        "menulis dokumen",
    )
    assert (body["hasil"], body["selesai_pada"]) == (None, None)


def test_detail_of_a_failed_job(agency, client_for):
    job = make_job(agency.pegawai.pengguna, jenis="test.rusak")
    job_run(job_id=job.pk)
    body = client_for("pegawai").get(f"{BASE}{job.pk}").json()
    assert (body["status"], body["galat"], body["hasil"]) == (
        "GAGAL",
        "ZeroDivisionError: division by zero",
        None,
    )


def test_a_malformed_id_is_not_found(agency, client_for):
    assert client_for("superuser").get(f"{BASE}bukan-uuid").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_list_permission_matrix(agency, client_for, role):
    mine = make_job(agency.pegawai.pengguna)
    theirs = make_job(agency.admin)
    Pekerjaan.objects.filter(pk=theirs.pk).update(
        dibuat_pada=timezone.now() + datetime.timedelta(1)
    )
    before = snapshot_jobs()

    response = client_for(role).get(BASE)

    if role == "anonim":
        assert response.status_code == 401
    else:
        expected = {
            "pegawai": [mine.pk],
            "admin": [theirs.pk],
            "superuser": [theirs.pk, mine.pk],
        }.get(role, [])
        body = response.json()
        assert [item["id"] for item in body["items"]] == [str(pk) for pk in expected]
        assert (body["count"], body["page"]) == (len(expected), 1)
    assert snapshot_jobs() == before


def test_list_pages_and_refuses_a_page_out_of_range(agency, client_for):
    for _ in range(27):
        make_job(agency.pegawai.pengguna)
    client = client_for("pegawai")
    second = client.get(BASE, {"page": 2}).json()
    assert (second["count"], second["page"], second["pages"], len(second["items"])) == (27, 2, 2, 2)
    response = client.get(BASE, {"page": 3})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Nomor halaman di luar jangkauan."


@pytest.mark.parametrize("count", [2, 20])
def test_list_query_count_is_flat(agency, client_for, django_assert_num_queries, count):
    for _ in range(count):
        make_job(agency.pegawai.pengguna)
    client = client_for("pegawai")
    with django_assert_num_queries(4):
        response = client.get(BASE)
    assert len(response.json()["items"]) == count
