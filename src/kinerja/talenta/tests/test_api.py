"""The talent API under /api/v1/talenta/: permission matrices for every endpoint (401
anonymous, 404 unreadable, 403 readable but not allowed), exact bodies, 422 naming the field
with nothing written, pinned query counts."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.talenta.models import CatatanPerbaikan, Potensi, RencanaPerbaikan
from kinerja.talenta.tests.factories import absent, assess, plan, potensi

pytestmark = pytest.mark.django_db
API = "/api/v1/talenta"
HR_READERS = {"admin", "pimpinan", "auditor", "superuser"}
MANAGERS = {"admin", "superuser", "penilai"}


def send(client, method: str, url: str, payload: dict | None = None) -> Any:
    return getattr(client, method)(url, json.dumps(payload or {}), content_type="application/json")


def status_for(role: str, allowed: set[str], readers: set[str], success: int = 200) -> int:
    if role == "anonim":
        return 401
    if role in allowed:
        return success
    return 403 if role in readers else 404


def refusal(field: str, *messages: str) -> dict[str, Any]:
    return {
        "detail": [{"loc": ["body", field], "msg": message} for message in messages],
        "errors": {field: list(messages)},
    }


def ref(pegawai) -> dict[str, Any]:
    unit = pegawai.unit
    return {
        "id": pegawai.pk,
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "unit": {"id": unit.pk, "kode": unit.kode, "nama": unit.nama},
    }


@pytest.fixture
def data(agency):
    assess(agency.pegawai, 2025, Predikat.SANGAT_BAIK)
    assess(agency.pegawai, 2026, Predikat.SANGAT_BAIK)
    potensi(agency.pegawai, 2026, "TINGGI")
    assess(agency.penilai, 2026, Predikat.BUTUH_PERBAIKAN)
    absent(agency.pegawai, 2026, 3)
    return agency


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/kotak", "/merit"])
def test_box_and_merit_matrix(data, client_for, role, path):
    response = client_for(role).get(f"{API}{path}?tahun=2026")
    assert response.status_code == status_for(role, HR_READERS | {"penilai"}, set())
    unit = client_for(role).get(f"{API}{path}?tahun=2026&unit_id={data.biro.pk}")
    assert unit.status_code == status_for(role, HR_READERS, set())


def test_box_body(data, client_for):
    body = client_for("admin").get(f"{API}/kotak?tahun=2026").json()
    assert body["unit"] == {"id": data.biro.pk, "kode": "BU", "nama": "Biro Umum"}
    assert [cell["kotak"] for cell in body["kotak"]] == [6, 8, 9, 3, 5, 7, 1, 2, 4]
    nine = body["kotak"][2]
    assert (nine["potensi"], nine["kinerja"], nine["jumlah"]) == (
        {"kode": "TINGGI", "label": "Tinggi"},
        {"kode": "DI_ATAS", "label": "Di Atas Ekspektasi"},
        1,
    )
    member = nine["anggota"][0]
    assert member["pegawai"] == ref(data.pegawai)
    assert member["sementara"] is False
    assert member["penjelasan"]["ringkasan"] == (
        "Kotak talenta 9: kinerja di atas ekspektasi, potensi tinggi."
    )
    assert body["belum_lengkap"] == [{"pegawai": ref(data.penilai), "kurang": ["potensi 2026"]}]


def test_merit_body(data, client_for):
    body = client_for("penilai").get(f"{API}/merit?tahun=2026").json()
    assert body["unit"] is None
    assert body["suksesi"] == [
        {"pegawai": ref(data.pegawai), "alasan": "Sangat Baik pada 2025 dan 2026"}
    ]
    assert body["perbaikan"] == []  # the appraiser's team: only Siti
    assert [(r["hari"], r["sanksi"]["kode"]) for r in body["disiplin"]] == [(3, "TEGURAN_LISAN")]
    admin = client_for("admin").get(f"{API}/merit?tahun=2026").json()
    assert [(r["pegawai"]["nama"], r["alasan"], r["rencana"]) for r in admin["perbaikan"]] == [
        ("Budi Santoso", "Predikat Butuh Perbaikan pada Tahunan 2026, di bawah Baik.", None)
    ]


def test_bad_year_is_422(data, client_for):
    response = client_for("admin").get(f"{API}/kotak?tahun=1900")
    assert response.status_code == 422


@pytest.mark.parametrize("role", ROLES)
def test_potensi_list_matrix(data, client_for, role):
    response = client_for(role).get(f"{API}/potensi?tahun=2026&unit_id={data.bagian.pk}")
    assert response.status_code == status_for(role, HR_READERS, set())
    if response.status_code == 200:
        assert [(r["pegawai"]["nama"], r["potensi"]) for r in response.json()] == [
            ("Budi Santoso", None),
            ("Siti Aminah", {"kode": "TINGGI", "label": "Tinggi"}),
        ]


@pytest.mark.parametrize("role", ROLES)
def test_potensi_put_matrix(data, client_for, role):
    url = f"{API}/potensi/{data.penilai.pk}/2026"
    response = send(client_for(role), "put", url, {"potensi": "Menengah"})
    readers = HR_READERS | {"penilai"}  # Budi reads himself
    assert response.status_code == status_for(role, {"admin", "superuser"}, readers)
    saved = list(Potensi.objects.filter(pegawai=data.penilai).values_list("potensi", flat=True))
    assert saved == (["MENENGAH"] if role in {"admin", "superuser"} else [])


def test_potensi_put_bad_value(data, client_for):
    response = send(
        client_for("admin"), "put", f"{API}/potensi/{data.penilai.pk}/2026", {"potensi": "Sedang"}
    )
    assert response.status_code == 422
    assert response.json() == refusal("potensi", "Potensi harus Rendah, Menengah, atau Tinggi.")
    assert not Potensi.objects.filter(pegawai=data.penilai).exists()


@pytest.mark.parametrize("role", ROLES)
def test_plan_create_matrix(data, client_for, role):
    response = send(
        client_for(role),
        "post",
        f"{API}/perbaikan",
        {"pegawai_id": data.pegawai.pk, "sasaran": "Perbaiki", "mulai": "2026-08-31"},
    )
    assert response.status_code == status_for(role, MANAGERS, HR_READERS | {"pegawai"}, 201)
    if role in MANAGERS:
        body = response.json()
        assert (
            body["mulai"],
            body["selesai"],
            body["status"]["kode"],
            body["pembimbing"]["id"],
        ) == (
            "2026-08-31",
            "2027-02-28",
            "BERJALAN",
            data.penilai.pk,
        )
        assert (body["boleh_catat"], body["boleh_tutup"]) == (True, True)
    assert RencanaPerbaikan.objects.count() == (1 if role in MANAGERS else 0)


def test_plan_create_refusals(data, client_for):
    client = client_for("admin")
    response = send(
        client, "post", f"{API}/perbaikan", {"pegawai_id": data.pegawai.pk, "sasaran": ""}
    )
    assert response.status_code == 422
    assert response.json() == refusal("sasaran", "Tuliskan sasaran perbaikan kinerja.")
    plan(data.pegawai)
    again = send(
        client, "post", f"{API}/perbaikan", {"pegawai_id": data.pegawai.pk, "sasaran": "x"}
    )
    assert again.status_code == 422
    assert again.json()["errors"] == {
        "pegawai": [
            "Pegawai ini masih memiliki rencana perbaikan yang berjalan; tutup atau batalkan "
            "rencana itu lebih dulu."
        ]
    }
    assert RencanaPerbaikan.objects.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_plan_read_matrix(data, client_for, role):
    rencana = plan(data.pegawai)
    readers = HR_READERS | {"pegawai", "penilai"}
    response = client_for(role).get(f"{API}/perbaikan/{rencana.pk}")
    assert response.status_code == status_for(role, readers, set())
    listed = client_for(role).get(f"{API}/perbaikan")
    assert listed.status_code == (401 if role == "anonim" else 200)
    if role != "anonim":
        assert [item["id"] for item in listed.json()] == ([rencana.pk] if role in readers else [])


@pytest.mark.parametrize("role", ROLES)
def test_plan_actions_matrix(data, client_for, role):
    rencana = plan(data.pegawai)
    readers = HR_READERS | {"pegawai", "penilai"}
    client = client_for(role)
    note = send(client, "post", f"{API}/perbaikan/{rencana.pk}/catatan", {"isi": "Rapat"})
    assert note.status_code == status_for(role, MANAGERS, readers, 201)
    assert CatatanPerbaikan.objects.count() == (1 if role in MANAGERS else 0)
    closed = send(
        client,
        "post",
        f"{API}/perbaikan/{rencana.pk}/tutup",
        {"status": "TIDAK_BERHASIL", "hasil": "Tidak tercapai", "tindak_lanjut": "UJI_KOMPETENSI"},
    )
    assert closed.status_code == status_for(role, MANAGERS, readers)
    if role in MANAGERS:
        body = closed.json()
        assert (body["status"]["kode"], body["tindak_lanjut"]["kode"], body["boleh_tutup"]) == (
            "TIDAK_BERHASIL",
            "UJI_KOMPETENSI",
            False,
        )
        again = send(client, "post", f"{API}/perbaikan/{rencana.pk}/batal", {"alasan": "x"})
        assert again.status_code == 422
        assert RencanaPerbaikan.objects.get().status == "TIDAK_BERHASIL"
    else:
        assert RencanaPerbaikan.objects.get().status == "BERJALAN"


@pytest.mark.parametrize("role", ROLES)
def test_plan_cancel_matrix(data, client_for, role):
    rencana = plan(data.pegawai)
    readers = HR_READERS | {"pegawai", "penilai"}
    response = send(
        client_for(role), "post", f"{API}/perbaikan/{rencana.pk}/batal", {"alasan": "Mutasi"}
    )
    assert response.status_code == status_for(role, MANAGERS, readers)
    assert RencanaPerbaikan.objects.get().status == (
        "DIBATALKAN" if role in MANAGERS else "BERJALAN"
    )


def test_close_needs_follow_up(data, client_for):
    rencana = plan(data.pegawai)
    response = send(
        client_for("admin"),
        "post",
        f"{API}/perbaikan/{rencana.pk}/tutup",
        {"status": "TIDAK_BERHASIL", "hasil": "x"},
    )
    assert response.status_code == 422
    assert response.json() == refusal(
        "tindak_lanjut", "Pilih tindak lanjut untuk rencana perbaikan yang tidak berhasil."
    )


API_QUERIES = {"/kotak": 9, "/merit": 10, "/perbaikan": 5}


@pytest.mark.parametrize("path", list(API_QUERIES))
def test_pinned_query_counts(agency, client_for, path):
    client = client_for("admin")
    counts = []
    for size in (1, 3):
        while RencanaPerbaikan.objects.count() < size:
            employee = PegawaiFactory(unit=agency.bagian, penilai=agency.penilai)
            assess(employee, 2026, Predikat.KURANG)
            potensi(employee, 2026, "MENENGAH")
            absent(employee, 2026, 7)
            plan(employee)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{API}{path}?tahun=2026").status_code == 200
        counts.append(len(queries))
    assert counts == [API_QUERIES[path]] * 2
