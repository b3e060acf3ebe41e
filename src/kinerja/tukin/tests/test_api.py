"""Allowance API: permission matrices of every endpoint (401 anonymous, 404 unreadable, 403
readable but not changeable), exact answers, 422 naming the field, the job started with 202."""

from __future__ import annotations

import json

import pytest

from kinerja.conftest import ROLES
from kinerja.jobs.models import Pekerjaan
from kinerja.tukin.models import Kehadiran, Perhitungan
from kinerja.tukin.tests.helpers import BULAN, KELAS_9, TAHUN, attend, graded, state

pytestmark = pytest.mark.django_db
BASE = "/api/v1/tukin"
HR_READERS = {"admin", "pimpinan", "auditor", "superuser"}
MANAGERS = {"admin", "superuser"}


def put(client, url, payload):
    return client.put(url, json.dumps(payload), content_type="application/json")


def post(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


@pytest.fixture
def siti(agency):
    return graded(agency.pegawai, 9)


@pytest.mark.parametrize("role", ROLES)
def test_own_year(client_for, siti, role):
    attend(siti, tl3=1)
    response = client_for(role).get(f"{BASE}/saya?tahun={TAHUN}")
    if role == "anonim":
        assert response.status_code == 401
        return
    if role in HR_READERS:
        assert response.status_code == 404
        return
    body = response.json()
    assert body["tahun"] == TAHUN
    assert len(body["bulan"]) == 12
    if role == "pegawai":
        assert body["bulan"][10] == {
            "bulan": 11,
            "dihitung": True,
            "bruto": KELAS_9,
            "insentif": 0,
            "persen_potongan": "1.25",
            "potongan_rupiah": 47_263,
            "netto": 3_733_737,
        }
        assert body["jumlah"] == {
            "baris": 1,
            "besaran": KELAS_9,
            "insentif": 0,
            "bruto": KELAS_9,
            "persen_potongan": "1.25",
            "potongan_rupiah": 47_263,
            "netto": 3_733_737,
        }
    else:
        assert body["bulan"][10]["dihitung"] is False


def test_own_month_detail(client_for, siti):
    attend(siti, tl1=1)
    attend(siti, tl1=1, tanpa_keterangan=1)
    body = client_for("pegawai").get(f"{BASE}/saya/{TAHUN}/{BULAN}").json()
    tukin = body["tukin"]
    assert tukin["persen_potongan"] == "3.50"
    assert tukin["persen_potongan_dihitung"] == "3.50"
    assert (tukin["bruto"], tukin["potongan_rupiah"], tukin["netto"]) == (
        KELAS_9,
        132_335,
        3_648_665,
    )
    assert tukin["potongan"][0] == {
        "kode": "tl1",
        "label": "Terlambat TL1 (1–30 menit)",
        "kejadian": 1,
        "persen_satuan": "0.50",
        "persen": "0.50",
    }
    assert (
        tukin["penjelasan"]["langkah"][-1] == "Tukin netto: Rp3.781.000 − Rp132.335 = Rp3.648.665."
    )
    assert tukin["set_aturan"]["versi"] == 1
    assert body["kehadiran"]["tl1"] == 1
    assert body["kehadiran"]["tanpa_keterangan"] == 1
    assert [item["sebab"] for item in body["perubahan"]] == [
        ["Data kehadiran berubah: tanpa_keterangan."],
        ["Tukin dihitung untuk pertama kali."],
    ]
    assert body["perubahan"][0]["persen_lama"] == "0.50"
    empty = client_for("pegawai").get(f"{BASE}/saya/{TAHUN}/2").json()
    assert (empty["tukin"], empty["kehadiran"], empty["perubahan"]) == (None, None, [])


@pytest.mark.parametrize("role", ROLES)
def test_employee_year_matrix(client_for, siti, role):
    attend(siti)
    response = client_for(role).get(f"{BASE}/pegawai/{siti.pk}?tahun={TAHUN}")
    expected = 401 if role == "anonim" else 200 if role in HR_READERS | {"pegawai"} else 404
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["jumlah"]["netto"] == KELAS_9


@pytest.mark.parametrize("role", ROLES)
def test_payroll_and_attendance_lists(agency, client_for, siti, role):
    attend(siti, psw1=1)
    query = f"tahun={TAHUN}&bulan={BULAN}&unit_id={agency.bagian.pk}"
    payroll = client_for(role).get(f"{BASE}/?{query}")
    attendance = client_for(role).get(f"{BASE}/kehadiran?{query}")
    if role == "anonim":
        assert (payroll.status_code, attendance.status_code) == (401, 401)
    elif role in HR_READERS:
        body = payroll.json()
        assert body["count"] == 1
        row = body["items"][0]
        assert row["pegawai"] == {"id": siti.pk, "nip": siti.nip, "nama": "Siti Aminah"}
        assert (row["persen_potongan"], row["netto"], row["kehadiran_tercatat"]) == (
            "0.50",
            3_762_095,
            True,
        )
        items = {i["pegawai"]["nama"]: i["kehadiran"] for i in attendance.json()["items"]}
        assert items["Budi Santoso"] is None
        assert items["Siti Aminah"]["psw1"] == 1
    else:
        assert (payroll.status_code, attendance.status_code) == (404, 404)


@pytest.mark.parametrize("role", ROLES)
def test_attendance_put_matrix(client_for, siti, role):
    before = state()
    response = put(client_for(role), f"{BASE}/kehadiran/{siti.pk}/{TAHUN}/{BULAN}", {"tl4": 2})
    if role in MANAGERS:
        assert response.status_code == 200
        assert response.json()["tl4"] == 2
        assert Kehadiran.objects.get().tl4 == 2
        return
    expected = {"anonim": 401, "pegawai": 403, "pimpinan": 403, "auditor": 403}.get(role, 404)
    assert response.status_code == expected
    assert state() == before


def test_attendance_put_refusals_name_the_field(client_for, siti):
    client = client_for("admin")
    target = f"{BASE}/kehadiran/{siti.pk}/{TAHUN}/{BULAN}"
    before = state()
    response = put(client, target, {"tl1": -1, "psw2": 32})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "tl1": ["Harus bilangan bulat tidak negatif."],
        "psw2": ["Paling banyak 31 dalam sebulan."],
    }
    text = put(client, target, {"tanpa_keterangan": "dua"})
    assert text.status_code == 422
    assert "tanpa_keterangan" in json.dumps(text.json()["detail"])
    month = put(client, f"{BASE}/kehadiran/{siti.pk}/{TAHUN}/13", {})
    assert month.status_code == 422
    assert month.json()["errors"] == {"bulan": ["Bulan harus 1 sampai 12, bukan 13."]}
    assert state() == before


@pytest.mark.parametrize("role", ROLES)
def test_recompute_matrix(agency, client_for, siti, role, django_capture_on_commit_callbacks):
    before = state()
    payload = {"tahun": TAHUN, "bulan": BULAN, "unit_id": agency.biro.pk, "alasan": "Koreksi"}
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client_for(role), f"{BASE}/hitung-ulang", payload)
    if role in MANAGERS:
        job = Pekerjaan.objects.get()
        assert response.status_code == 202
        assert response.json() == {"id": str(job.pk), "url": f"/api/v1/pekerjaan/{job.pk}"}
        assert Perhitungan.objects.get().alasan == "Koreksi"
        return
    expected = 401 if role == "anonim" else 403 if role in HR_READERS else 404
    assert response.status_code == expected
    assert not Pekerjaan.objects.exists()
    assert state() == before


def test_recompute_requires_a_reason(agency, client_for):
    payload = {"tahun": TAHUN, "bulan": BULAN, "unit_id": agency.biro.pk, "alasan": ""}
    response = post(client_for("admin"), f"{BASE}/hitung-ulang", payload)
    assert response.status_code == 422
    assert response.json()["errors"] == {"alasan": ["Tuliskan alasan penghitungan ulang."]}
    assert not Pekerjaan.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_runs(agency, client_for, siti, role):
    run = attend(siti).perhitungan
    listing = client_for(role).get(f"{BASE}/perhitungan")
    detail = client_for(role).get(f"{BASE}/perhitungan/{run.pk}")
    if role == "anonim":
        assert (listing.status_code, detail.status_code) == (401, 401)
    elif role in HR_READERS:
        assert listing.json()["count"] == 1
        item = listing.json()["items"][0]
        assert item["sebab"] == {"kode": "KEHADIRAN", "label": "Data kehadiran diubah"}
        assert (item["dihitung"], item["berubah"]) == (1, 1)
        body = detail.json()
        assert body["perhitungan"]["unit"]["kode"] == "BU-SDM"
        assert body["perubahan"][0]["netto_baru"] == KELAS_9
        assert body["perubahan"][0]["sebab"] == ["Tukin dihitung untuk pertama kali."]
    else:
        assert (listing.status_code, detail.status_code) == (404, 404)
