"""The recap page: permission matrix, the job started and its file(s), refused input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.aturan.enums import Predikat
from kinerja.audit.models import Entri
from kinerja.conftest import ROLES
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.penilaian.tests.factories import SYSTEM, open_period, rate

pytestmark = pytest.mark.django_db
READERS = {"admin", "pimpinan", "auditor", "superuser"}
AGENCY = {"auditor", "superuser"}
HEADER = (
    "nip,nama,unit_kode,periode,rating_hasil,rating_perilaku,status,predikat,"
    "predikat_organisasi,kurva_sesuai,angka_kredit,tukin_bruto,potongan_persen,tukin_netto,"
    "kotak_talenta"
)
URL = "/rekap/"


def assert_login_redirect(response) -> None:
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def rated(agency):
    periode = open_period("TW1")
    rate(agency.pegawai, periode, Predikat.BAIK, aktor=SYSTEM)
    rate(agency.outsider, periode, Predikat.BAIK, aktor=SYSTEM)
    return periode


def state():
    return (Pekerjaan.objects.count(), Entri.objects.filter(aksi="rekap.start").count())


@pytest.mark.parametrize("role", ROLES)
def test_index_matrix(agency, client_for, role):
    open_period("TW1")
    response = client_for(role).get(reverse("rekap:index"))
    assert reverse("rekap:index") == URL
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS:
        assert response.status_code == 200
        page = response.content.decode()
        assert 'data-testid="rekap-form"' in page
        assert '<option value="TW1">TW1</option>' in page
        assert f'<option value="{agency.biro.pk}">BU — Biro Umum</option>' in page
        assert (f'<option value="{agency.lain.pk}">' in page) is (role in AGENCY)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_start_matrix(agency, client_for, role, django_capture_on_commit_callbacks):
    rated(agency)
    before = state()
    client = client_for(role)
    data = {"tahun": "2026", "periode": "TW1", "unit": str(agency.biro.pk), "format": "csv"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("rekap:index"), data)
    if role == "anonim":
        assert_login_redirect(response)
        assert state() == before
    elif role in READERS:
        job = Pekerjaan.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("jobs:detail", args=[job.pk])
        assert job.jenis == "rekap.build"
        assert job.status == StatusPekerjaan.SELESAI, job.galat
        assert job.hasil["jumlah"] == 1
        assert state() == (1, 1)
        page = client.get(response.url).content.decode()
        main = reverse("rekap:unduh", args=[job.pk, "rekap"])
        excluded = reverse("rekap:unduh", args=[job.pk, "dikecualikan"])
        assert f'href="{main}"' in page
        assert "Unduh rekap-2026-TW1-BU.csv" in page
        assert "Unduh rekap-2026-TW1-BU-dikecualikan.csv" in page
        download = client.get(main)
        assert download.status_code == 200
        assert download["Content-Type"] == "text/csv; charset=utf-8"
        lines = b"".join(download.streaming_content).decode().splitlines()
        assert lines[0] == HEADER
        assert [line.split(",")[1] for line in lines[1:]] == ["Siti Aminah"]
        second = client.get(excluded)
        assert b"".join(second.streaming_content).decode() == (
            "nip,nama,unit_kode,keterangan,alasan,mulai,sampai,dinilai\n"
        )
    else:
        assert response.status_code == 404
        assert state() == before


def test_xlsx_job_has_one_file(agency, client_for, django_capture_on_commit_callbacks):
    rated(agency)
    client = client_for("superuser")
    data = {"tahun": "2026", "periode": "TW1", "unit": "", "format": "xlsx"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rekap:index"), data)
    job = Pekerjaan.objects.get()
    assert job.hasil["jumlah"] == 2
    assert job.hasil["berkas_dikecualikan"] == ""
    response = client.get(reverse("rekap:unduh", args=[job.pk, "rekap"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")
    assert client.get(reverse("rekap:unduh", args=[job.pk, "dikecualikan"])).status_code == 404
    assert client.get(reverse("rekap:unduh", args=[job.pk, "lain"])).status_code == 404


def test_download_only_for_the_creator(agency, client_for, django_capture_on_commit_callbacks):
    rated(agency)
    data = {"tahun": "2026", "periode": "TW1", "unit": str(agency.biro.pk), "format": "json"}
    with django_capture_on_commit_callbacks(execute=True):
        client_for("admin").post(reverse("rekap:index"), data)
    job = Pekerjaan.objects.get()
    url = reverse("rekap:unduh", args=[job.pk, "rekap"])
    assert client_for("pimpinan").get(url).status_code == 404
    assert client_for("admin").get(url).status_code == 200


@pytest.mark.parametrize(
    ("role", "changes", "field", "message"),
    [
        ("admin", {"unit": "lain"}, "unit", "Unit tidak ada atau di luar lingkup Anda."),
        ("admin", {"unit": ""}, "unit", "Pilih unit dalam lingkup Anda."),
        ("pimpinan", {"unit": ""}, "unit", "Pilih unit dalam lingkup Anda."),
        ("superuser", {"periode": "TW2", "tahun": "2025"}, "tahun", None),
    ],
)
def test_refused_input_starts_nothing(agency, client_for, role, changes, field, message):
    rated(agency)
    data = {"tahun": "2026", "periode": "TW1", "unit": str(agency.biro.pk), "format": "csv"}
    if changes.get("unit") == "lain":
        changes = {"unit": str(agency.lain.pk)}
    data |= changes
    before = state()
    response = client_for(role).post(reverse("rekap:index"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert state() == before


def test_unknown_period_of_a_known_year(agency, client_for):
    rated(agency)
    data = {"tahun": "2026", "periode": "B05", "unit": "", "format": "csv"}
    response = client_for("superuser").post(reverse("rekap:index"), data)
    assert response.status_code == 200
    assert "periode" in response.context["form"].errors
    assert Pekerjaan.objects.count() == 0
