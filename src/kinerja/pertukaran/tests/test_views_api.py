"""The import page, the template download and the API, with their permission matrices."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.conftest import ROLES
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.jobs.services import job_create
from kinerja.pertukaran.selectors import IMPORT_JOB_KIND
from kinerja.pertukaran.tests.helpers import NIP_STAF, PEGAWAI_HEADER, snapshot, write_xlsx

pytestmark = pytest.mark.django_db

ALLOWED = {"admin", "superuser"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEETS = {
    "pegawai": [
        PEGAWAI_HEADER[:5],
        [NIP_STAF, "Rina Lestari", "BU-SDM", "Pengadministrasi", "PELAKSANA"],
    ]
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def workbook_upload(tmp_path, name: str = "pegawai.xlsx") -> SimpleUploadedFile:
    path = write_xlsx(tmp_path / "upload.xlsx", SHEETS)
    return SimpleUploadedFile(name, path.read_bytes(), content_type=XLSX)


def stored_files(media) -> list[str]:
    return sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file())


# --- The page -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_page_permission_matrix(client_for, role):
    response = client_for(role).get(reverse("pertukaran:impor"))
    if role == "anonim":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("akun:login"))
    elif role in ALLOWED:
        assert response.status_code == 200
        content = response.content.decode()
        assert 'data-testid="format-unit"' in content
        assert 'data-testid="format-pegawai"' in content
        assert "<code>atasan_nip</code>" in content
        assert reverse("pertukaran:template") in content
        assert "Uji saja (tanpa menyimpan)" in content
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_upload_permission_matrix(
    client_for, role, tmp_path, media, django_capture_on_commit_callbacks
):
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(role).post(
            reverse("pertukaran:impor"),
            {"berkas": workbook_upload(tmp_path), "berlaku_mulai": "2025-01-01"},
        )
    if role in ALLOWED:
        job = Pekerjaan.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("jobs:detail", args=[job.pk])
        assert (job.jenis, job.status) == (IMPORT_JOB_KIND, StatusPekerjaan.SELESAI)
        assert job.hasil["sheet"]["pegawai"]["dibuat"] == 1
        assert stored_files(media) == []  # deleted once the job ended
    else:
        assert response.status_code == (302 if role == "anonim" else 404)
        assert Pekerjaan.objects.count() == 0
        assert snapshot() == before
        assert stored_files(media) == []


def test_dry_run_checkbox(client_for, tmp_path, media, django_capture_on_commit_callbacks):
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        client_for("admin").post(
            reverse("pertukaran:impor"), {"berkas": workbook_upload(tmp_path), "uji_saja": "on"}
        )
    job = Pekerjaan.objects.get()
    assert (job.parameter["uji_saja"], job.hasil["uji_saja"]) == (True, True)
    assert snapshot() == before


def test_refused_upload_shows_the_reason_on_the_form(client_for, media):
    response = client_for("admin").post(
        reverse("pertukaran:impor"), {"berkas": SimpleUploadedFile("a.xlsx", b"bukan excel")}
    )
    assert response.status_code == 200
    assert "Berkas bernama a.xlsx tetapi isinya bukan workbook Excel (.xlsx)." in (
        response.content.decode()
    )
    assert Pekerjaan.objects.count() == 0


def test_recent_imports_are_flat_in_queries(agency, client_for, django_assert_num_queries):
    client = client_for("admin")

    def add_job(title: str) -> None:
        job_create(jenis=IMPORT_JOB_KIND, judul=title, parameter={}, pengguna_id=agency.admin.pk)

    add_job("Impor satu")
    client.get(reverse("pertukaran:impor"))  # warm up (session, scope)
    with django_assert_num_queries(5):
        first = client.get(reverse("pertukaran:impor"))
    for number in range(5):
        add_job(f"Impor {number}")
    job_create(jenis=IMPORT_JOB_KIND, judul="Milik orang lain", parameter={}, pengguna_id=None)
    with django_assert_num_queries(5):
        second = client.get(reverse("pertukaran:impor"))
    assert "Impor satu" in first.content.decode()
    content = second.content.decode()
    assert len(re.findall(r'href="/pekerjaan/[0-9a-f-]{36}/"', content)) == 6
    assert "Milik orang lain" not in content


def test_failed_job_page_shows_the_report(
    client_for, tmp_path, media, django_capture_on_commit_callbacks
):
    bad = write_xlsx(
        tmp_path / "salah.xlsx",
        {"pegawai": [PEGAWAI_HEADER[:5], ["123", "Rina", "BU-SDM", "Staf", "PELAKSANA"]]},
    )
    client = client_for("admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("pertukaran:impor"),
            {"berkas": SimpleUploadedFile("salah.xlsx", bad.read_bytes())},
        )
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="laporan-impor"' in page
    assert (
        '<td>pegawai</td><td class="num">2</td><td>nip</td><td>NIP harus 18 digit angka.</td>'
        in (page)
    )
    assert "Impor ditolak: 1 kesalahan; tidak ada data yang disimpan." in page


def test_finished_job_page_shows_the_counts(
    client_for, tmp_path, media, django_capture_on_commit_callbacks
):
    client = client_for("superuser")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("pertukaran:impor"),
            {"berkas": workbook_upload(tmp_path), "berlaku_mulai": "2025-01-01"},
        )
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="hasil-impor"' in page
    assert "Berlaku mulai 1 Januari 2025." in page
    assert (
        '<td>pegawai</td><td class="num">1</td><td class="num">0</td><td class="num">0</td>' in page
    )


# --- The template workbook ------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_template_permission_matrix(client_for, role):
    response = client_for(role).get(reverse("pertukaran:template"))
    if role in ALLOWED:
        assert response.status_code == 200
        assert response["Content-Type"] == XLSX
        assert 'filename="templat-impor-kinerja.xlsx"' in response["Content-Disposition"]
    else:
        assert response.status_code == (302 if role == "anonim" else 404)


def test_template_holds_headers_and_an_example_that_imports(client_for, agency):
    content = client_for("admin").get(reverse("pertukaran:template")).content
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [
        "unit",
        "pegawai",
        "skp",
        "realisasi",
        "kinerja_organisasi",
        "penilaian",
        "kehadiran",
        "potensi",
    ]
    rows = {name: list(workbook[name].values) for name in workbook.sheetnames}
    assert rows["unit"] == [("kode", "nama", "induk_kode"), ("BU", "Biro Umum", "SET")]
    assert rows["pegawai"][0] == tuple(PEGAWAI_HEADER)
    assert rows["pegawai"][1][:3] == ("199001012015031001", "Siti Aminah", "BU")
    assert isinstance(rows["pegawai"][1][0], str)


# --- The API --------------------------------------------------------------------------------


def api_client(client_for, role: str) -> Client:
    return client_for(role)


@pytest.mark.parametrize("role", ROLES)
def test_api_upload_permission_matrix(
    client_for, role, tmp_path, media, django_capture_on_commit_callbacks
):
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(role).post(
            "/api/v1/impor/",
            {"berkas": workbook_upload(tmp_path), "berlaku_mulai": "2025-01-01", "dry_run": "true"},
        )
    if role in ALLOWED:
        job = Pekerjaan.objects.get()
        assert response.status_code == 202
        assert response.json() == {
            "pekerjaan_id": str(job.pk),
            "url": reverse("jobs:detail", args=[job.pk]),
        }
        assert (job.status, job.hasil["uji_saja"]) == (StatusPekerjaan.SELESAI, True)
    else:
        assert response.status_code == (401 if role == "anonim" else 404)
        assert Pekerjaan.objects.count() == 0
    assert snapshot() == before  # a dry run, or refused
    assert stored_files(media) == []


def test_api_refused_file_is_422(client_for, media):
    response = client_for("admin").post(
        "/api/v1/impor/", {"berkas": SimpleUploadedFile("a.xlsx", b"")}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"berkas": ["Berkas kosong."]}
    assert Pekerjaan.objects.count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_api_template_permission_matrix(client_for, role):
    response = client_for(role).get("/api/v1/impor/template")
    if role in ALLOWED:
        assert response.status_code == 200
        assert response["Content-Type"] == XLSX
        assert load_workbook(io.BytesIO(response.content)).sheetnames == [
            "unit",
            "pegawai",
            "skp",
            "realisasi",
            "kinerja_organisasi",
            "penilaian",
            "kehadiran",
            "potensi",
        ]
    else:
        assert response.status_code == (401 if role == "anonim" else 404)
