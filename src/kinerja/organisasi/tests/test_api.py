"""Organisation API: permission matrices, payloads, 422 bodies naming fields, pagination."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kinerja.audit.models import Entri
from kinerja.conftest import ROLES
from kinerja.organisasi.models import Pegawai, Pengecualian, Peran, RiwayatPenilai, Unit
from kinerja.organisasi.tests.factories import PegawaiFactory, PenggunaFactory
from kinerja.organisasi.tests.helpers import DAY, database_state

pytestmark = pytest.mark.django_db
BASE = "/api/v1/organisasi"
BROWSERS = {"admin", "pimpinan", "auditor", "superuser"}
MANAGERS = {"admin", "superuser"}
READERS_OF_SITI = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}


def send(client: Client, method: str, url: str, payload: dict | None = None):
    return getattr(client, method)(url, json.dumps(payload or {}), content_type="application/json")


def change_status(role: str, readers: set[str], success: int = 200) -> int:
    if role == "anonim":
        return 401
    if role in MANAGERS:
        return success
    return 403 if role in readers else 404


# --- Units ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_unit_list_matrix(agency, client_for, role):
    before = database_state()
    response = client_for(role).get(f"{BASE}/units")
    if role == "anonim":
        assert response.status_code == 401
    elif role in BROWSERS:
        assert response.status_code == 200
        expected = (
            ["BU", "BU-SDM"] if role in {"admin", "pimpinan"} else ["SET", "BU", "BU-SDM", "BL"]
        )
        assert sorted(item["kode"] for item in response.json()) == sorted(expected)
    else:
        assert response.status_code == 404
    assert database_state() == before


def test_unit_list_flat_and_tree(agency, client_for):
    client = client_for("superuser")
    flat = client.get(f"{BASE}/units").json()
    biro = next(item for item in flat if item["kode"] == "BU")
    assert biro == {
        "id": agency.biro.pk,
        "kode": "BU",
        "nama": "Biro Umum",
        "induk_id": agency.root.pk,
        "jalur": agency.biro.jalur,
        "kedalaman": 1,
        "aktif": True,
    }
    [root] = client.get(f"{BASE}/units", {"tree": 1}).json()
    assert (root["kode"], root["jumlah_pegawai"], root["jumlah_pegawai_total"]) == ("SET", 0, 3)
    assert [child["kode"] for child in root["anak"]] == ["BL", "BU"]
    bagian = root["anak"][1]["anak"][0]
    assert (bagian["kode"], bagian["jumlah_pegawai"], bagian["anak"]) == ("BU-SDM", 2, [])


@pytest.mark.parametrize("role", ROLES)
def test_unit_detail_matrix(agency, client_for, role):
    visible = {"admin": {"biro", "bagian"}, "pimpinan": {"biro", "bagian"}}.get(
        role, {"root", "biro", "bagian", "lain"} if role in {"auditor", "superuser"} else set()
    )
    client = client_for(role)
    for name in ("root", "biro", "bagian", "lain"):
        response = client.get(f"{BASE}/units/{getattr(agency, name).pk}")
        if role == "anonim":
            assert response.status_code == 401
        elif name in visible:
            assert response.status_code == 200
            assert response.json()["kode"] == getattr(agency, name).kode
        else:
            assert response.status_code == 404


def test_unit_detail_payload(agency, client_for):
    body = client_for("admin").get(f"{BASE}/units/{agency.biro.pk}").json()
    assert body["induk"] == {"id": agency.root.pk, "kode": "SET", "nama": "Sekretariat Badan"}
    assert body["leluhur"] == [{"id": agency.root.pk, "kode": "SET", "nama": "Sekretariat Badan"}]
    assert body["anak"] == [
        {
            "id": agency.bagian.pk,
            "kode": "BU-SDM",
            "nama": "Bagian SDM",
            "aktif": True,
            "jumlah_pegawai": 2,
            "jumlah_anak": 0,
        }
    ]
    assert (body["jumlah_pegawai"], body["jumlah_pegawai_total"]) == (0, 2)


@pytest.mark.parametrize("role", ROLES)
def test_unit_create_matrix(agency, client_for, role):
    before = database_state()
    response = send(
        client_for(role),
        "post",
        f"{BASE}/units",
        {"kode": "BU-TU", "nama": "Tata Usaha", "induk_id": agency.biro.pk},
    )
    if role in MANAGERS:
        assert response.status_code == 201
        unit = Unit.objects.get(kode="BU-TU")
        assert response.json()["jalur"] == f"{agency.biro.jalur}{unit.pk}/"
        return
    assert response.status_code == (401 if role == "anonim" else 404)
    assert database_state() == before


def test_unit_create_refusals(agency, client_for):
    before = database_state()
    client = client_for("admin")
    duplicate = send(
        client, "post", f"{BASE}/units", {"kode": "BU", "nama": "", "induk_id": agency.biro.pk}
    )
    assert duplicate.status_code == 422
    assert duplicate.json()["errors"] == {
        "kode": ["Kode unit BU sudah dipakai unit lain."],
        "nama": ["Nama unit wajib diisi."],
    }
    assert {
        "loc": ["body", "kode"],
        "msg": "Kode unit BU sudah dipakai unit lain.",
    } in duplicate.json()["detail"]
    top = send(client, "post", f"{BASE}/units", {"kode": "X", "nama": "X"})
    assert top.status_code == 422
    assert top.json()["errors"] == {
        "induk_id": ["Pilih unit induk; hanya superuser yang membuat unit teratas."]
    }
    outside = send(
        client, "post", f"{BASE}/units", {"kode": "X", "nama": "X", "induk_id": agency.lain.pk}
    )
    assert outside.status_code == 404
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_unit_patch_matrix(agency, client_for, role):
    before = database_state()
    response = send(
        client_for(role),
        "patch",
        f"{BASE}/units/{agency.bagian.pk}",
        {"nama": "Bagian Kepegawaian"},
    )
    assert response.status_code == change_status(role, {"pimpinan", "auditor"})
    if response.status_code == 200:
        assert response.json()["nama"] == "Bagian Kepegawaian"
        return
    assert database_state() == before


def test_unit_patch_moves_and_refuses_a_cycle(agency, client_for):
    client = client_for("superuser")
    moved = send(client, "patch", f"{BASE}/units/{agency.biro.pk}", {"induk_id": agency.lain.pk})
    assert moved.status_code == 200
    agency.bagian.refresh_from_db()
    assert (
        agency.bagian.jalur
        == f"/{agency.root.pk}/{agency.lain.pk}/{agency.biro.pk}/{agency.bagian.pk}/"
    )
    before = database_state()
    cycle = send(client, "patch", f"{BASE}/units/{agency.lain.pk}", {"induk_id": agency.bagian.pk})
    assert cycle.status_code == 422
    assert cycle.json()["errors"] == {
        "induk_id": [
            "Unit tidak dapat dipindahkan ke bawah dirinya sendiri atau sub-unitnya (siklus)."
        ]
    }
    assert database_state() == before
    to_top = send(client, "patch", f"{BASE}/units/{agency.biro.pk}", {"induk_id": None})
    assert (to_top.status_code, to_top.json()["induk_id"], to_top.json()["kedalaman"]) == (
        200,
        None,
        0,
    )


def test_an_admin_cannot_move_a_unit_outside_the_subtree(agency, client_for):
    before = database_state()
    response = send(
        client_for("admin"),
        "patch",
        f"{BASE}/units/{agency.bagian.pk}",
        {"induk_id": agency.lain.pk},
    )
    assert response.status_code == 404
    response = send(
        client_for("admin"), "patch", f"{BASE}/units/{agency.bagian.pk}", {"induk_id": None}
    )
    assert response.status_code == 422
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_unit_penilai_matrix(agency, client_for, role):
    before = database_state()
    response = send(
        client_for(role),
        "post",
        f"{BASE}/units/{agency.bagian.pk}/penilai",
        {
            "penilai_nip": agency.outsider.nip,
            "berlaku_mulai": "2025-07-01",
            "alasan": "Reorganisasi",
        },
    )
    assert response.status_code == change_status(role, {"pimpinan", "auditor"})
    if response.status_code == 200:
        assert response.json() == {"jumlah": 2}
        assert Entri.objects.filter(aksi="pegawai.penilai").count() == 2
        return
    assert database_state() == before


def test_unit_penilai_needs_an_appraiser(agency, client_for):
    response = send(client_for("admin"), "post", f"{BASE}/units/{agency.bagian.pk}/penilai", {})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "penilai": ["Pilih pejabat penilai (penilai_id atau penilai_nip)."]
    }


# --- Employees ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_pegawai_list_matrix(agency, client_for, role):
    before = database_state()
    response = client_for(role).get(f"{BASE}/pegawai")
    if role == "anonim":
        assert response.status_code == 401
    elif role in BROWSERS:
        assert response.status_code == 200
        expected = ["Budi Santoso", "Siti Aminah"]
        if role in {"auditor", "superuser"}:
            expected = ["Budi Santoso", "Joko Widodo", "Siti Aminah"]
        body = response.json()
        assert [item["nama"] for item in body["items"]] == expected
        assert body["count"] == len(expected)
    else:
        assert response.status_code == 404
    assert database_state() == before


def test_pegawai_list_items_filters_and_pages(agency, client_for):
    Pengecualian.objects.create(pegawai=agency.pegawai, jenis="CUTI_BESAR", mulai=DAY)
    client = client_for("superuser")
    [siti] = client.get(f"{BASE}/pegawai", {"q": "aminah"}).json()["items"]
    assert siti == {
        "id": agency.pegawai.pk,
        "nip": agency.pegawai.nip,
        "nama": "Siti Aminah",
        "status_kepegawaian": "PNS",
        "golongan": "III/a",
        "aktif": True,
        "unit": {"id": agency.bagian.pk, "kode": "BU-SDM", "nama": "Bagian SDM"},
        "jabatan": {
            "id": agency.pegawai.jabatan_id,
            "nama": agency.pegawai.jabatan.nama,
            "jenis_jabatan": "PELAKSANA",
            "jenjang": "",
            "kelas_jabatan": 7,
        },
        "penilai": {"id": agency.penilai.pk, "nip": agency.penilai.nip, "nama": "Budi Santoso"},
        "pengecualian": "CUTI_BESAR",
    }
    assert [
        item["nama"]
        for item in client.get(f"{BASE}/pegawai", {"status": "dikecualikan"}).json()["items"]
    ] == ["Siti Aminah"]
    assert (
        client.get(f"{BASE}/pegawai", {"unit": agency.biro.pk, "subunit": "true"}).json()["count"]
        == 2
    )
    invalid = client.get(f"{BASE}/pegawai", {"status": "entah"})
    assert invalid.status_code == 422
    assert list(invalid.json()["errors"]) == ["status"]
    for index in range(55):
        PegawaiFactory(nama=f"Zaenal {index:02d}", unit=agency.bagian)
    second = client.get(f"{BASE}/pegawai", {"q": "zaenal", "page": 2}).json()
    assert second["count"] == 55
    assert [item["nama"] for item in second["items"]] == [
        f"Zaenal {index:02d}" for index in range(50, 55)
    ]


def test_pegawai_list_query_count_is_flat(agency, django_assert_num_queries):
    for index in range(30):
        PegawaiFactory(unit=agency.bagian, penilai=agency.penilai, nama=f"Tambahan {index}")
    client = Client()
    client.force_login(agency.superuser)
    # Session, user, the scope (roles + employee record), the page (count, rows).
    with django_assert_num_queries(6):
        response = client.get(f"{BASE}/pegawai")
    assert response.json()["count"] == 33


@pytest.mark.parametrize("role", ROLES)
def test_pegawai_detail_matrix(agency, client_for, role):
    readable = {
        "pegawai": {"pegawai"},
        "penilai": {"penilai", "pegawai"},
        "outsider": {"outsider"},
        "admin": {"penilai", "pegawai"},
        "pimpinan": {"penilai", "pegawai"},
        "auditor": {"penilai", "pegawai", "outsider"},
        "superuser": {"penilai", "pegawai", "outsider"},
    }.get(role, set())
    client = client_for(role)
    for name in ("penilai", "pegawai", "outsider"):
        response = client.get(f"{BASE}/pegawai/{getattr(agency, name).pk}")
        if role == "anonim":
            assert response.status_code == 401
        elif name in readable:
            assert response.status_code == 200
            assert response.json()["nip"] == getattr(agency, name).nip
        else:
            assert response.status_code == 404


def test_pegawai_detail_payload(agency, client_for):
    top = PegawaiFactory(nama="Kepala Biro", unit=agency.biro)
    Pegawai.objects.filter(pk=agency.penilai.pk).update(penilai=top)
    body = client_for("admin").get(f"{BASE}/pegawai/{agency.pegawai.pk}").json()
    nip = agency.pegawai.nip
    assert body["nip_keterangan"] == {
        "tanggal_lahir": f"{nip[:4]}-{nip[4:6]}-{nip[6:8]}",
        "jenis_kelamin": "Laki-laki",
        "bulan_pengangkatan": f"{nip[8:12]}-{nip[12:14]}",
    }
    assert body["pejabat_penilai"]["nama"] == "Budi Santoso"
    assert body["atasan_pejabat_penilai"] == {
        "id": top.pk,
        "nip": top.nip,
        "nama": "Kepala Biro",
        "jabatan": top.jabatan.nama,
        "unit": "Biro Umum",
    }
    assert [item["nama"] for item in body["rantai_penilai"]] == ["Budi Santoso", "Kepala Biro"]
    assert body["riwayat_penilai"] == [
        {
            "penilai": {"id": agency.penilai.pk, "nip": agency.penilai.nip, "nama": "Budi Santoso"},
            "mulai": "2024-01-01",
            "sampai": None,
            "alasan": "",
        }
    ]
    assert [
        (row["unit"]["kode"], row["mulai"], row["sampai"]) for row in body["riwayat_jabatan"]
    ] == [("BU-SDM", "2024-01-01", None)]
    assert body["daftar_pengecualian"] == []


def pegawai_payload(agency, **changes):
    return {
        "nip": "199001012015031001",
        "nama": "Rina Marlina",
        "status_kepegawaian": "PNS",
        "golongan": "III/b",
        "unit_id": agency.bagian.pk,
        "jabatan_nama": "Analis SDM Aparatur",
        "jenis_jabatan": "FUNGSIONAL",
        "jenjang": "AHLI_PERTAMA",
        "kelas_jabatan": 8,
        "penilai_nip": agency.penilai.nip,
        "berlaku_mulai": "2025-07-01",
    } | changes


@pytest.mark.parametrize("role", ROLES)
def test_pegawai_create_matrix(agency, client_for, role):
    before = database_state()
    response = send(client_for(role), "post", f"{BASE}/pegawai", pegawai_payload(agency))
    if role in MANAGERS:
        assert response.status_code == 201
        body = response.json()
        assert (body["nama"], body["penilai"]["nama"], body["jabatan"]["jenjang"]) == (
            "Rina Marlina",
            "Budi Santoso",
            "AHLI_PERTAMA",
        )
        assert body["riwayat_penilai"][0]["mulai"] == "2025-07-01"
        return
    assert response.status_code == (401 if role == "anonim" else 404)
    assert database_state() == before


def test_pegawai_create_422_names_the_fields(agency, client_for):
    before = database_state()
    client = client_for("admin")
    response = send(
        client,
        "post",
        f"{BASE}/pegawai",
        pegawai_payload(agency, nip="12345", golongan="V/a", jenjang=""),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "nip": ["NIP harus 18 digit angka."],
        "golongan": ["Golongan PNS harus berbentuk I/a sampai IV/e (mis. III/a)."],
        "jenjang": ["Jenjang wajib diisi untuk jabatan fungsional."],
    }
    unknown = send(
        client, "post", f"{BASE}/pegawai", pegawai_payload(agency, penilai_nip="199001012015031999")
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == {
        "penilai": ["Tidak ada pegawai dengan NIP 199001012015031999."]
    }
    outside = send(
        client, "post", f"{BASE}/pegawai", pegawai_payload(agency, unit_id=agency.lain.pk)
    )
    assert outside.status_code == 404
    missing = send(client, "post", f"{BASE}/pegawai", {"nama": "Tanpa NIP"})
    assert missing.status_code == 422
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_pegawai_patch_matrix(agency, client_for, role):
    before = database_state()
    response = send(
        client_for(role), "patch", f"{BASE}/pegawai/{agency.pegawai.pk}", {"golongan": "III/b"}
    )
    assert response.status_code == change_status(role, READERS_OF_SITI)
    if response.status_code == 200:
        assert response.json()["golongan"] == "III/b"
        assert Entri.objects.get(aksi="pegawai.update").sesudah == {"golongan": "III/b"}
        return
    assert database_state() == before


def test_pegawai_patch_moves_with_history(agency, client_for):
    response = send(
        client_for("admin"),
        "patch",
        f"{BASE}/pegawai/{agency.pegawai.pk}",
        {"unit_id": agency.biro.pk, "berlaku_mulai": "2025-07-01"},
    )
    assert response.status_code == 200
    rows = [
        (row["unit"]["kode"], row["mulai"], row["sampai"])
        for row in response.json()["riwayat_jabatan"]
    ]
    assert rows == [("BU", "2025-07-01", None), ("BU-SDM", "2024-01-01", "2025-07-01")]
    before = database_state()
    outside = send(
        client_for("admin"),
        "patch",
        f"{BASE}/pegawai/{agency.pegawai.pk}",
        {"unit_id": agency.lain.pk},
    )
    assert outside.status_code == 404
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_pegawai_penilai_matrix(agency, client_for, role):
    before = database_state()
    response = send(
        client_for(role),
        "put",
        f"{BASE}/pegawai/{agency.pegawai.pk}/penilai",
        {"penilai_id": agency.outsider.pk, "berlaku_mulai": "2025-07-01", "alasan": "Mutasi"},
    )
    assert response.status_code == change_status(role, READERS_OF_SITI)
    if response.status_code == 200:
        assert response.json() == {
            "pegawai": {"id": agency.pegawai.pk, "nip": agency.pegawai.nip, "nama": "Siti Aminah"},
            "penilai": {
                "id": agency.outsider.pk,
                "nip": agency.outsider.nip,
                "nama": "Joko Widodo",
            },
            "mulai": "2025-07-01",
        }
        assert RiwayatPenilai.objects.filter(pegawai=agency.pegawai).count() == 2
        return
    assert database_state() == before


def test_pegawai_penilai_refusals(agency, client_for):
    client = client_for("admin")
    before = database_state()
    cycle = send(
        client,
        "put",
        f"{BASE}/pegawai/{agency.penilai.pk}/penilai",
        {"penilai_id": agency.pegawai.pk, "berlaku_mulai": "2025-07-01"},
    )
    assert cycle.status_code == 422
    assert cycle.json()["errors"] == {
        "penilai": [
            "Pengalihan ini membuat siklus pejabat penilai: "
            "Budi Santoso → Siti Aminah → Budi Santoso."
        ]
    }
    own = send(
        client,
        "put",
        f"{BASE}/pegawai/{agency.pegawai.pk}/penilai",
        {"penilai_id": agency.pegawai.pk},
    )
    assert own.json()["errors"] == {
        "penilai": ["Pegawai tidak dapat menjadi pejabat penilai dirinya sendiri."]
    }
    unknown = send(
        client, "put", f"{BASE}/pegawai/{agency.pegawai.pk}/penilai", {"penilai_id": 99999}
    )
    assert unknown.json()["errors"] == {"penilai": ["Tidak ada pegawai dengan ID 99999."]}
    assert database_state() == before
    removed = send(
        client,
        "put",
        f"{BASE}/pegawai/{agency.pegawai.pk}/penilai",
        {"berlaku_mulai": "2025-07-01"},
    )
    assert (removed.status_code, removed.json()["penilai"]) == (200, None)


@pytest.mark.parametrize("role", ROLES)
def test_pengecualian_matrix(agency, client_for, role):
    before = database_state()
    client = client_for(role)
    response = send(
        client,
        "post",
        f"{BASE}/pegawai/{agency.pegawai.pk}/pengecualian",
        {"jenis": "TUGAS_BELAJAR", "mulai": "2025-07-01"},
    )
    assert response.status_code == change_status(role, READERS_OF_SITI, success=201)
    if response.status_code != 201:
        assert database_state() == before
        return
    item = response.json()
    assert (item["jenis"], item["mulai"], item["sampai"], item["berlaku"]) == (
        "TUGAS_BELAJAR",
        "2025-07-01",
        None,
        True,
    )
    ended = send(
        client, "post", f"{BASE}/pengecualian/{item['id']}/akhiri", {"sampai": "2025-09-01"}
    )
    assert (ended.status_code, ended.json()["sampai"], ended.json()["berlaku"]) == (
        200,
        "2025-09-01",
        False,
    )


# --- Roles ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_roles_matrix(agency, client_for, role):
    before = database_state()
    response = client_for(role).get(f"{BASE}/roles")
    if role == "anonim":
        assert response.status_code == 401
    elif role in {"admin", "auditor", "superuser"}:
        assert response.status_code == 200
        kinds = sorted(item["jenis"] for item in response.json())
        assert kinds == (
            ["ADMIN_KEPEGAWAIAN", "PIMPINAN"]
            if role == "admin"
            else ["ADMIN_KEPEGAWAIAN", "AUDITOR", "PIMPINAN"]
        )
    else:
        assert response.status_code == 404
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_grant_matrix(agency, client_for, role):
    target = PenggunaFactory(nama="Calon Admin")
    before = database_state()
    response = send(
        client_for(role),
        "post",
        f"{BASE}/roles",
        {"pengguna_nip": target.nip, "jenis": "ADMIN_KEPEGAWAIAN", "unit_id": agency.bagian.pk},
    )
    if role in MANAGERS:
        assert response.status_code == 201
        body = response.json()
        assert (body["pengguna"]["nip"], body["jenis"], body["unit"]["kode"]) == (
            target.nip,
            "ADMIN_KEPEGAWAIAN",
            "BU-SDM",
        )
        return
    assert response.status_code == {"anonim": 401, "auditor": 403}.get(role, 404)
    assert database_state() == before


def test_grant_refusals(agency, client_for):
    target = PenggunaFactory(nama="Calon")
    before = database_state()
    client = client_for("admin")
    auditor = send(
        client, "post", f"{BASE}/roles", {"pengguna_nip": target.nip, "jenis": "AUDITOR"}
    )
    assert auditor.status_code == 403
    assert auditor.json() == {"detail": "Anda tidak berwenang melakukan tindakan ini."}
    outside = send(
        client,
        "post",
        f"{BASE}/roles",
        {"pengguna_nip": target.nip, "jenis": "PIMPINAN", "unit_id": agency.lain.pk},
    )
    assert outside.status_code == 404
    unknown = send(
        client,
        "post",
        f"{BASE}/roles",
        {"pengguna_nip": "123", "jenis": "PIMPINAN", "unit_id": agency.biro.pk},
    )
    assert (unknown.status_code, unknown.json()["errors"]) == (
        422,
        {"pengguna_nip": ["Belum ada akun login dengan NIP 123."]},
    )
    duplicate = send(
        client,
        "post",
        f"{BASE}/roles",
        {"pengguna_nip": agency.admin.nip, "jenis": "ADMIN_KEPEGAWAIAN", "unit_id": agency.biro.pk},
    )
    assert duplicate.status_code == 422
    assert duplicate.json()["errors"] == {
        "__all__": [f"Admin Biro Umum ({agency.admin.nip}) sudah memiliki peran ini."]
    }
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_revoke_matrix(agency, client_for, role):
    pimpinan_role = Peran.objects.get(jenis="PIMPINAN")
    before = database_state()
    response = client_for(role).delete(f"{BASE}/roles/{pimpinan_role.pk}")
    if role in MANAGERS:
        assert response.status_code == 204
        assert not Peran.objects.filter(pk=pimpinan_role.pk).exists()
        assert Entri.objects.filter(aksi="peran.revoke").count() == 1
        return
    assert response.status_code == {"anonim": 401, "auditor": 403}.get(role, 404)
    assert database_state() == before
