"""The dashboard API under /api/v1/pemantauan/: permission matrices (401 anonymous, 404 for who
reads no unit or asks for a unit outside their subtree, 403 for readers starting the refresh),
exact bodies for the scene of test_ringkasan_selectors, 422 naming the field, pinned query
counts (the same for 1 and 3 sub-units and for 1 and 3 late employees)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.conftest import ROLES
from kinerja.jobs.models import Pekerjaan
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory
from kinerja.pemantauan.models import Pembaruan
from kinerja.pemantauan.tests.factories import refresh
from kinerja.pemantauan.tests.test_ringkasan_selectors import build_scene, plan

pytestmark = pytest.mark.django_db
API = "/api/v1/pemantauan"
HR_READERS = {"admin", "pimpinan", "auditor", "superuser"}


def status_for(role: str, allowed: set[str], readers: set[str], success: int = 200) -> int:
    if role == "anonim":
        return 401
    if role in allowed:
        return success
    return 403 if role in readers else 404


@pytest.fixture
def scene(agency):
    found = build_scene(agency)
    refresh()
    return found


def unit_ref(unit) -> dict[str, Any]:
    return {"id": unit.pk, "kode": unit.kode, "nama": unit.nama}


def predikat(kode: str) -> dict[str, str]:
    labels = {
        "SANGAT_BAIK": "Sangat Baik",
        "BAIK": "Baik",
        "BUTUH_PERBAIKAN": "Butuh Perbaikan",
        "KURANG": "Kurang/Misconduct",
        "SANGAT_KURANG": "Sangat Kurang",
    }
    return {"kode": kode, "label": labels[kode]}


def cells(*counts: tuple[int, str]) -> list[dict[str, Any]]:
    codes = ["SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"]
    return [
        {"predikat": predikat(code), "jumlah": n, "persen": persen}
        for code, (n, persen) in zip(codes, counts, strict=True)
    ]


def stages(*rows: tuple[int, int, int, str]) -> list[dict[str, Any]]:
    labels = ["SKP disetujui", "Laporan realisasi diajukan", "Bukti dukung diverifikasi"]
    labels.append("Penilaian ditetapkan")
    return [
        {"label": label, "selesai": s, "total": t, "terlambat": late, "persen": persen}
        for label, (s, t, late, persen) in zip(labels, rows, strict=True)
    ]


# --- Permissions -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/ringkasan", "/ringkasan/matriks"])
def test_read_matrix(scene, client_for, role, path):
    response = client_for(role).get(f"{API}{path}")
    assert response.status_code == status_for(role, HR_READERS, HR_READERS), role


@pytest.mark.parametrize("role", ["admin", "pimpinan"])
@pytest.mark.parametrize("path", ["/ringkasan", "/ringkasan/matriks"])
def test_a_unit_outside_the_subtree_is_404(scene, agency, client_for, role, path):
    client = client_for(role)
    for unit in (agency.lain.pk, agency.root.pk, 999999):
        assert client.get(f"{API}{path}", {"unit": unit}).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_refresh_matrix(agency, client_for, role):
    response = client_for(role).post(f"{API}/perbarui")
    assert response.status_code == status_for(role, {"admin", "superuser"}, HR_READERS, 202)
    if response.status_code == 202:
        job = Pekerjaan.objects.get()
        assert response.json() == {"id": str(job.pk), "url": f"/api/v1/pekerjaan/{job.pk}"}
        assert job.jenis == "pemantauan.refresh"
    else:
        assert not Pekerjaan.objects.exists()


def test_bad_period_and_jenis_are_422(scene, client_for):
    client = client_for("admin")
    response = client.get(f"{API}/ringkasan", {"periode": 999999})
    assert response.status_code == 422
    assert response.json()["errors"] == {"periode": ["Periode tidak ditemukan."]}
    for path in ("/ringkasan", "/ringkasan/matriks"):
        response = client.get(f"{API}{path}", {"jenis_jabatan": "BUKAN"})
        assert response.status_code == 422
        assert response.json()["errors"] == {"jenis_jabatan": ["Jenis jabatan tidak dikenal."]}


# --- Bodies ----------------------------------------------------------------------------------


def test_summary_body(scene, agency, client_for):
    response = client_for("admin").get(f"{API}/ringkasan", {"periode": scene.tw1.pk})
    body = response.json()
    run = Pembaruan.objects.get()
    assert body["unit"] == unit_ref(agency.biro)
    assert body["jejak"] == [unit_ref(agency.biro)]
    assert body["periode"] == {
        "id": scene.tw1.pk,
        "kode": "TW1",
        "nama": "Triwulan I",
        "tahun": 2025,
    }
    assert body["jenis_jabatan"] == ""
    assert body["pembaruan"]["id"] == run.pk
    assert body["berjalan"] is False
    assert body["ringkasan"] == {
        "unit": unit_ref(agency.biro),
        "langsung": False,
        "pegawai": 3,
        "kemajuan": stages(
            (3, 3, 0, "100.0"), (1, 3, 2, "33.3"), (1, 3, 2, "33.3"), (1, 3, 2, "33.3")
        ),
        "distribusi": cells((0, "0.0"), (1, "100.0"), (0, "0.0"), (0, "0.0"), (0, "0.0")),
        "dinilai": 1,
        "kurva": {"predikat_organisasi": None, "status": "BELUM", "label": "Belum ada"},
    }
    assert body["langsung"]["pegawai"] == 1
    assert body["langsung"]["kurva"] is None
    assert [row["unit"] for row in body["sub_unit"]] == [unit_ref(agency.bagian)]
    assert body["sub_unit"][0]["kurva"] == {
        "predikat_organisasi": {"kode": "BAIK", "label": "Baik"},
        "status": "KECIL",
        "label": "Terlalu kecil untuk dinilai",
    }
    assert body["instansi"]["unit"] == unit_ref(agency.root)
    assert (
        body["instansi"]["distribusi"][:2]
        == cells((1, "50.0"), (1, "50.0"), (0, "0.0"), (0, "0.0"), (0, "0.0"))[:2]
    )
    ahmad = scene.ahmad
    assert body["terlambat"] == {
        "jumlah": 1,
        "halaman": 1,
        "halaman_total": 1,
        "items": [
            {
                "pegawai": {"id": ahmad.pk, "nip": ahmad.nip, "nama": "Ahmad Fauzi"},
                "jabatan": ahmad.jabatan.nama,
                "penilai": {
                    "id": agency.penilai.pk,
                    "nip": agency.penilai.nip,
                    "nama": "Budi Santoso",
                },
                "laporan": True,
                "bukti": 0,
                "penilaian": True,
            }
        ],
    }


def test_summary_of_a_sub_unit_and_a_jenis(scene, agency, client_for):
    response = client_for("auditor").get(
        f"{API}/ringkasan",
        {"unit": agency.bagian.pk, "periode": scene.tw1.pk, "jenis_jabatan": "pelaksana"},
    )
    body = response.json()
    assert body["jejak"] == [unit_ref(agency.root), unit_ref(agency.biro), unit_ref(agency.bagian)]
    assert body["jenis_jabatan"] == "PELAKSANA"
    assert body["ringkasan"]["kurva"] is None
    assert [
        (i["pegawai"]["nama"], i["laporan"], i["bukti"], i["penilaian"])
        for i in body["terlambat"]["items"]
    ] == [
        ("Budi Santoso", True, 0, True),
        ("Siti Aminah", False, 2, False),
    ]


def test_matrix_body(scene, agency, client_for):
    response = client_for("pimpinan").get(f"{API}/ringkasan/matriks")
    body = response.json()
    assert body["unit"] == unit_ref(agency.biro)
    assert [(row["periode"]["kode"], row["dinilai"]) for row in body["baris"]] == [
        ("TW1", 1),
        ("TW2", 2),
        ("TW3", 2),
        ("TW4", 2),
        ("TAHUNAN", 0),
    ]
    assert body["baris"][1]["distribusi"] == cells(
        (1, "50.0"), (1, "50.0"), (0, "0.0"), (0, "0.0"), (0, "0.0")
    )
    outlook = body["proyeksi"]
    assert outlook["periode_dasar"]["kode"] == "TW4"
    assert (outlook["anggota"], outlook["peringatan"]) == (2, 1)
    assert [
        (h["predikat"]["kode"], h["jumlah"], h["rendah"], h["tinggi"]) for h in outlook["harapan"]
    ] == [
        ("SANGAT_BAIK", "0.00", 0, 0),
        ("BAIK", "1.00", 1, 1),
        ("BUTUH_PERBAIKAN", "1.00", 1, 1),
        ("KURANG", "0.00", 0, 0),
        ("SANGAT_KURANG", "0.00", 0, 0),
    ]
    assert [(t["tren"]["kode"], t["jumlah"]) for t in outlook["tren"]] == [
        ("NAIK", 0),
        ("STAGNAN", 1),
        ("TURUN", 1),
        ("BELUM_CUKUP_DATA", 1),
    ]


def test_before_any_refresh(agency, client_for):
    build_scene(agency)
    body = client_for("admin").get(f"{API}/ringkasan").json()
    assert body["pembaruan"] is None
    assert body["periode"]["kode"] == "TW4"
    assert body["ringkasan"]["pegawai"] == 0
    matrix = client_for("admin").get(f"{API}/ringkasan/matriks").json()
    assert matrix["baris"] == []
    assert matrix["proyeksi"] is None


# --- Query counts ----------------------------------------------------------------------------

API_QUERIES = {"/ringkasan": 15, "/ringkasan/matriks": 7}


@pytest.mark.parametrize("path", list(API_QUERIES))
def test_pinned_query_counts(scene, agency, client_for, path):
    client = client_for("admin")
    counts = []
    for size in (1, 3):
        while agency.biro.anak.count() < size:
            plan(PegawaiFactory(unit=UnitFactory(induk=agency.biro)))
        while late_count(client, scene) < size:
            plan(PegawaiFactory(unit=agency.biro))
        refresh()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{API}{path}", {"periode": scene.tw1.pk})
            assert response.status_code == 200
        counts.append(len(queries))
    assert counts == [API_QUERIES[path]] * 2


def late_count(client, scene) -> int:
    body = client.get(f"{API}/ringkasan", {"periode": scene.tw1.pk}).json()
    return body["terlambat"]["jumlah"]
