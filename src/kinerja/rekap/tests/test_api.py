"""Recap API: start the job (202), a page of rows, the excluded section; permission matrices and
refused input (422 naming the field, nothing started)."""

from __future__ import annotations

import datetime

import pytest

from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.organisasi.enums import JenisPengecualian
from kinerja.organisasi.models import Pengecualian
from kinerja.penilaian.tests.factories import SYSTEM, open_period, rate

pytestmark = pytest.mark.django_db
BASE = "/api/v1/rekap"
READERS = {"admin", "pimpinan", "auditor", "superuser"}


def expected_status(role: str, success: int = 200) -> int:
    if role == "anonim":
        return 401
    return success if role in READERS else 404


def rated(agency):
    periode = open_period("TW1")
    rate(agency.pegawai, periode, Predikat.BAIK, aktor=SYSTEM)
    rate(agency.penilai, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    Pengecualian.objects.create(
        pegawai=agency.penilai,
        jenis=JenisPengecualian.TUGAS_BELAJAR.value,
        mulai=datetime.date(2026, 2, 1),
        sampai=datetime.date(2027, 2, 1),
    )
    return periode


def siti(agency) -> dict:
    return {
        "nip": agency.pegawai.nip,
        "nama": "Siti Aminah",
        "unit_kode": "BU-SDM",
        "periode": "TW1",
        "rating_hasil": "SESUAI",
        "rating_perilaku": "SESUAI",
        "status": "DRAFT",
        "predikat": "BAIK",
        "predikat_organisasi": None,
        "kurva_sesuai": None,
        "angka_kredit": None,
        "tukin_bruto": None,
        "potongan_persen": None,
        "tukin_netto": None,
        "kotak_talenta": None,
    }


@pytest.mark.parametrize("role", ROLES)
def test_rows_matrix(agency, client_for, role):
    rated(agency)
    response = client_for(role).get(
        f"{BASE}/baris", {"tahun": 2026, "periode": "TW1", "unit_id": agency.biro.pk}
    )
    assert response.status_code == expected_status(role)
    if response.status_code == 200:
        assert response.json() == {"count": 1, "items": [siti(agency)]}


@pytest.mark.parametrize("role", ROLES)
def test_excluded_matrix(agency, client_for, role):
    rated(agency)
    response = client_for(role).get(
        f"{BASE}/dikecualikan", {"tahun": 2026, "periode": "TW1", "unit_id": agency.biro.pk}
    )
    assert response.status_code == expected_status(role)
    if response.status_code == 200:
        assert response.json() == {
            "count": 1,
            "items": [
                {
                    "nip": agency.penilai.nip,
                    "nama": "Budi Santoso",
                    "unit_kode": "BU-SDM",
                    "keterangan": "TUGAS_BELAJAR",
                    "alasan": "Tugas belajar",
                    "mulai": "2026-02-01",
                    "sampai": "2027-02-01",
                    "dinilai": True,
                }
            ],
        }


@pytest.mark.parametrize("role", ROLES)
def test_start_matrix(agency, client_for, role, django_capture_on_commit_callbacks):
    rated(agency)
    body = {"tahun": 2026, "periode": "TW1", "unit_id": agency.biro.pk, "format": "json"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(role).post(f"{BASE}/", body, content_type="application/json")
    assert response.status_code == expected_status(role, 202)
    if response.status_code == 202:
        job = Pekerjaan.objects.get()
        assert response.json() == {"id": str(job.pk), "url": f"/api/v1/pekerjaan/{job.pk}"}
        assert job.status == StatusPekerjaan.SELESAI, job.galat
        assert job.hasil["jumlah"] == 1
        assert job.hasil["dikecualikan"] == 1
    else:
        assert Pekerjaan.objects.count() == 0


def test_agency_wide_rows_for_the_auditor(agency, client_for):
    rated(agency)
    rate(agency.outsider, open_period("TW1"), Predikat.BAIK, aktor=SYSTEM)
    response = client_for("auditor").get(
        f"{BASE}/baris", {"tahun": 2026, "periode": "TW1", "limit": 1, "offset": 1}
    )
    assert response.json()["count"] == 2
    # Unit path order: Bagian SDM (under Biro Umum) before Biro Lain.
    assert [item["nama"] for item in response.json()["items"]] == ["Joko Widodo"]


@pytest.mark.parametrize(
    ("role", "body", "field", "message"),
    [
        ("admin", {"unit_id": None}, "unit_id", "Pilih unit dalam lingkup Anda."),
        ("admin", {"unit_id": "lain"}, "unit_id", "Unit tidak ada atau di luar lingkup Anda."),
        ("superuser", {"unit_id": 999999}, "unit_id", "Unit tidak ada atau di luar lingkup Anda."),
        ("superuser", {"periode": "TW5"}, "periode", "Periode TW5 2026 tidak dikenal."),
        (
            "superuser",
            {"format": "pdf"},
            "format",
            "Format pdf tidak dikenal; pilih salah satu: csv, xlsx, json.",
        ),
    ],
)
def test_refused_start(agency, client_for, role, body, field, message):
    rated(agency)
    data = {"tahun": 2026, "periode": "TW1", "unit_id": agency.biro.pk, "format": "csv"}
    if body.get("unit_id") == "lain":
        body = {"unit_id": agency.lain.pk}
    data |= body
    response = client_for(role).post(f"{BASE}/", data, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == {field: [message]}
    assert Pekerjaan.objects.count() == 0


def test_refused_page(agency, client_for):
    rated(agency)
    response = client_for("superuser").get(
        f"{BASE}/baris", {"tahun": 2026, "periode": "TW1", "limit": 0, "offset": -1}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "limit": ["Batas harus 1 sampai 1000."],
        "offset": ["Offset tidak boleh negatif."],
    }
