"""Audit API: the permission matrix, filters, one entry and the chain check."""

from __future__ import annotations

import pytest

from kinerja.audit.models import Entri
from kinerja.audit.tests.factories import make_entries, visible_to
from kinerja.conftest import ROLES

pytestmark = pytest.mark.django_db
BASE = "/api/v1/audit/"


def snapshot_log() -> list[tuple]:
    return list(Entri.objects.order_by("urutan").values_list("urutan", "hash"))


@pytest.mark.parametrize("role", ROLES)
def test_list_permission_matrix(agency, client_for, role):
    entries = make_entries(agency)
    before = snapshot_log()

    response = client_for(role).get(BASE)

    expected = sorted((entry.urutan for entry in visible_to(role, entries)), reverse=True)
    if role == "anonim":
        assert response.status_code == 401
    elif expected:
        assert response.status_code == 200
        body = response.json()
        assert [item["urutan"] for item in body["items"]] == expected
        assert (body["count"], body["page"], body["pages"]) == (len(expected), 1, 1)
    else:
        assert response.status_code == 404
    assert snapshot_log() == before


@pytest.mark.parametrize("role", ROLES)
def test_detail_permission_matrix(agency, client_for, role):
    entries = make_entries(agency)
    before = snapshot_log()
    visible = {entry.urutan for entry in visible_to(role, entries)}
    for entry in entries.all():
        response = client_for(role).get(f"{BASE}{entry.urutan}")
        if role == "anonim":
            assert response.status_code == 401
        elif entry.urutan in visible:
            assert response.status_code == 200
            assert response.json()["urutan"] == entry.urutan
        else:
            assert response.status_code == 404
    assert snapshot_log() == before


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonim", 401),
        ("pegawai", 404),
        ("penilai", 404),
        ("outsider", 404),
        ("admin", 403),
        ("pimpinan", 404),
        ("auditor", 200),
        ("superuser", 200),
    ],
)
def test_verify_permission_matrix(agency, client_for, role, status):
    make_entries(agency)
    before = snapshot_log()
    response = client_for(role).get(f"{BASE}verify")
    assert response.status_code == status
    if status == 200:
        assert response.json() == {"utuh": True, "diperiksa": 6, "kerusakan": []}
    if status == 403:
        assert response.json() == {
            "detail": "Hanya superuser dan auditor yang boleh memeriksa rantai."
        }
    assert snapshot_log() == before


def test_verify_reports_the_breaks(agency, client_for):
    entries = make_entries(agency)
    Entri.objects.filter(urutan=entries.biro.urutan).update(aktor_label="Orang lain")
    Entri.objects.filter(urutan=entries.by_pimpinan.urutan).delete()
    response = client_for("auditor").get(f"{BASE}verify")
    assert response.json() == {
        "utuh": False,
        "diperiksa": 5,
        "kerusakan": [
            {"urutan": 3, "alasan": "isi tidak cocok dengan hash-nya (diubah)"},
            {"urutan": 6, "alasan": "entri 6 hilang (dihapus)"},
        ],
    }


def test_detail_returns_every_field(agency, client_for):
    entries = make_entries(agency)
    body = client_for("admin").get(f"{BASE}{entries.pegawai.urutan}").json()
    assert body["aksi"] == "pegawai.update"
    assert body["aksi_label"] == "Pegawai diubah"
    assert (body["objek_tipe"], body["objek_id"]) == ("organisasi.pegawai", str(agency.pegawai.pk))
    assert body["objek_label"] == str(agency.pegawai)
    assert (body["sebelum"], body["sesudah"]) == ({"golongan": "III/a"}, {"golongan": "III/b"})
    assert (body["aktor_id"], body["alamat_ip"]) == (agency.superuser.pk, "10.0.0.1")
    assert body["hash"] == entries.pegawai.hash
    assert body["hash_sebelumnya"] == entries.pegawai.hash_sebelumnya
    assert body["keterangan"] == ""
    assert body["waktu"].startswith(str(entries.pegawai.waktu.year))


def test_list_filters_like_the_page(agency, client_for):
    entries = make_entries(agency)
    client = client_for("superuser")
    by_action = client.get(BASE, {"aksi": "unit.update"}).json()
    assert [item["urutan"] for item in by_action["items"]] == [
        entries.lain.urutan,
        entries.biro.urutan,
    ]
    by_actor = client.get(BASE, {"aktor": "kepala", "q": "token"}).json()
    assert [item["urutan"] for item in by_actor["items"]] == [entries.by_pimpinan.urutan]


def test_bad_filters_get_422_with_indonesian_messages(agency, client_for):
    client = client_for("auditor")
    response = client.get(BASE, {"dari": "2024-13-45"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["query", "dari"],
                "msg": "Tanggal 'dari' tidak valid; gunakan format TTTT-BB-HH.",
                "type": "value_error",
            }
        ]
    }
    reversed_range = client.get(BASE, {"dari": "2024-12-01", "sampai": "2024-11-01"}).json()
    assert reversed_range["detail"][0]["msg"] == (
        "Tanggal 'sampai' tidak boleh sebelum tanggal 'dari'."
    )
    out_of_range = client.get(BASE, {"page": 9})
    assert out_of_range.status_code == 422
    assert out_of_range.json()["detail"][0]["msg"] == "Nomor halaman di luar jangkauan."


@pytest.mark.parametrize("extra", [0, 40])
def test_list_query_count_is_flat(agency, client_for, django_assert_num_queries, extra):
    make_entries(agency)
    for _ in range(extra // 10):
        make_entries(agency)
    client = client_for("admin")
    with django_assert_num_queries(6):
        response = client.get(BASE)
    assert response.status_code == 200
