"""Credit-point API: permission matrices, exact answers (decimals as "2.083" with "2,08"), the
unit list and the PDF."""

from __future__ import annotations

import datetime

import pytest

from kinerja.angka_kredit.tests.helpers import TAHUN, annual, functional, history
from kinerja.angka_kredit.tests.test_pages import state, text_of
from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES
from kinerja.organisasi.enums import Jenjang

pytestmark = pytest.mark.django_db
BASE = "/api/v1/angka-kredit"
D = datetime.date
READERS_OF_SITI = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}
WITH_EMPLOYEE_RECORD = {"pegawai", "penilai", "outsider"}
LIST_READERS = {"admin", "pimpinan", "auditor", "superuser"}


def expected(role: str, allowed: set[str]) -> int:
    if role == "anonim":
        return 401
    return 200 if role in allowed else 404


def angka(nilai: str, tampil: str) -> dict[str, str]:
    return {"nilai": nilai, "tampil": tampil}


@pytest.fixture
def siti(agency):
    """Siti: Ahli Pertama Nov–Dec 2026 (Pelaksana before), Baik in 2026: 2,08."""
    history(agency.pegawai, [(D(2024, 1, 1), None), (D(2026, 11, 1), Jenjang.AHLI_PERTAMA)])
    annual(agency.pegawai, Predikat.BAIK)
    return agency.pegawai


@pytest.mark.parametrize("role", ROLES)
def test_saya_matrix(agency, client_for, siti, role):
    before = state()
    response = client_for(role).get(f"{BASE}/saya")
    assert state() == before
    assert response.status_code == expected(role, WITH_EMPLOYEE_RECORD)


@pytest.mark.parametrize("role", ROLES)
def test_pegawai_matrix(agency, client_for, siti, role):
    before = state()
    response = client_for(role).get(f"{BASE}/pegawai/{siti.pk}")
    assert state() == before
    assert response.status_code == expected(role, READERS_OF_SITI)


def test_pegawai_answer(agency, client_for, siti):
    body = client_for("admin").get(f"{BASE}/pegawai/{siti.pk}").json()
    assert body["pegawai"]["nip"] == siti.nip
    assert (body["fungsional"], body["jenjang"], body["keterangan"]) == (
        True,
        {"kode": "AHLI_PERTAMA", "label": "Ahli Pertama"},
        None,
    )
    (year,) = body["tahun"]
    assert {k: year[k] for k in ("tahun", "status", "sementara", "predikat", "jumlah")} == {
        "tahun": 2026,
        "status": {"kode": "FINAL", "label": "Ditetapkan"},
        "sementara": False,
        "predikat": {"kode": "BAIK", "label": "Baik"},
        "jumlah": angka("2.083", "2,08"),
    }
    (part,) = year["bagian"]
    assert (part["jenjang"]["kode"], part["bulan"], part["angka_kredit"]) == (
        "AHLI_PERTAMA",
        2,
        angka("2.083", "2,08"),
    )
    assert part["penjelasan"]["langkah"][2] == "2/12 × 100% × 12,5 = 2,0833"
    kumulatif = body["kumulatif"]
    assert kumulatif["jumlah"] == angka("2.083", "2,08")
    assert kumulatif["rincian"] == [{"tahun": 2026, "angka_kredit": angka("2.083", "2,08")}]
    assert kumulatif["kenaikan_pangkat"] == {
        "batas": angka("50.000", "50,00"),
        "kurang": angka("47.917", "47,92"),
        "tercapai": False,
    }
    assert kumulatif["kenaikan_jenjang"] == {
        "batas": angka("100.000", "100,00"),
        "kurang": angka("97.917", "97,92"),
        "tercapai": False,
    }
    assert (kumulatif["jenjang_tertinggi"], kumulatif["tahun_predikat"]) == (False, 2026)
    assert (kumulatif["layak_kenaikan_pangkat"], kumulatif["layak_kenaikan_jenjang"]) == (
        False,
        False,
    )
    assert [s["status"]["kode"] for s in kumulatif["syarat_kenaikan_jenjang"]] == [
        "BELUM",
        "TERPENUHI",
        "KONFIRMASI",
        "KONFIRMASI",
    ]


def test_own_draft_and_non_functional(agency, client_for):
    body = client_for("pegawai").get(f"{BASE}/saya").json()
    assert (body["fungsional"], body["kumulatif"], body["tahun"]) == (False, None, [])
    assert body["keterangan"] == "Pegawai ini tidak menduduki jabatan fungsional."
    functional(agency.pegawai, Jenjang.AHLI_PERTAMA)
    annual(agency.pegawai, Predikat.SANGAT_BAIK, final=False)
    (own,) = client_for("pegawai").get(f"{BASE}/saya").json()["tahun"]
    assert (own["sementara"], own["predikat"], own["jumlah"], own["bagian"]) == (
        True,
        None,
        None,
        [],
    )
    (seen,) = client_for("penilai").get(f"{BASE}/pegawai/{agency.pegawai.pk}").json()["tahun"]
    assert (seen["sementara"], seen["predikat"]["kode"], seen["jumlah"]) == (
        True,
        "SANGAT_BAIK",
        angka("18.750", "18,75"),
    )


@pytest.mark.parametrize("role", ROLES)
def test_list_matrix(agency, client_for, siti, role):
    before = state()
    response = client_for(role).get(BASE, {"tahun": TAHUN})
    assert state() == before
    assert response.status_code == expected(role, LIST_READERS)
    if response.status_code == 200:
        body = response.json()
        assert (body["tahun"], body["unit"], body["jumlah"]) == (TAHUN, None, 1)
        (row,) = body["baris"]
        assert (row["pegawai"]["id"], row["jenjang"]["kode"], row["bulan"]) == (
            siti.pk,
            "AHLI_PERTAMA",
            2,
        )
        assert row["penilaian"]["jumlah"] == angka("2.083", "2,08")
        assert row["kumulatif"]["kenaikan_jenjang"]["kurang"] == angka("97.917", "97,92")


def test_list_unit_filter(agency, client_for, siti):
    client = client_for("admin")
    body = client.get(BASE, {"unit_id": agency.bagian.pk, "tahun": TAHUN}).json()
    assert body["unit"] == {"id": agency.bagian.pk, "kode": "BU-SDM", "nama": "Bagian SDM"}
    assert body["jumlah"] == 1
    assert client.get(BASE, {"unit_id": agency.lain.pk}).status_code == 404
    assert client.get(BASE, {"tahun": 2025}).json()["baris"] == []  # Pelaksana all 2025
    assert client.get(BASE, {"tahun": "abc"}).status_code == 422


@pytest.mark.parametrize("role", ROLES)
def test_pdf_matrix(agency, client_for, siti, role):
    before = state()
    response = client_for(role).get(f"{BASE}/pegawai/{siti.pk}/{TAHUN}/pdf")
    assert state() == before
    assert response.status_code == expected(role, READERS_OF_SITI)
    if response.status_code != 200:
        return
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="PenetapanAngkaKredit-2026-{siti.nip}.pdf"'
    )
    text = text_of(response.content)
    assert "Siti Aminah" in text
    assert siti.nip in text
    assert "2,08" in text


def test_pdf_of_a_full_year_and_refusals(agency, client_for):
    functional(agency.pegawai, Jenjang.AHLI_PERTAMA)
    annual(agency.pegawai, Predikat.SANGAT_BAIK)
    client = client_for("admin")
    response = client.get(f"{BASE}/pegawai/{agency.pegawai.pk}/{TAHUN}/pdf")
    text = text_of(response.content)
    assert ("Siti Aminah" in text, agency.pegawai.nip in text, "18,75" in text) == (
        True,
        True,
        True,
    )
    assert client.get(f"{BASE}/pegawai/{agency.pegawai.pk}/2025/pdf").status_code == 404
    assert client.get(f"{BASE}/pegawai/999999/{TAHUN}/pdf").status_code == 404
