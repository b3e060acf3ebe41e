"""SKP API, HR and the organisation: completion per unit, employees without a plan, the
organisation goals (Perjanjian Kinerja) and the bulk documents job."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kinerja.conftest import ROLES
from kinerja.jobs.models import Pekerjaan
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.tests.factories import JabatanFactory, pegawai_with_account
from kinerja.skp import services
from kinerja.skp.models import SasaranOrganisasi
from kinerja.skp.tests.factories import SYSTEM, TAHUN, aktor_for, open_year
from kinerja.skp.tests.helpers import skp_state
from kinerja.skp.tests.test_api import (
    BASE,
    build_chain,
    errors_of,
    person,
    send,
    status_for,
    subordinate,
)

pytestmark = pytest.mark.django_db
HR = {"admin", "pimpinan", "auditor", "superuser"}
GOAL_MANAGERS = {"admin", "superuser"}
SIGNED_IN = set(ROLES) - {"anonim"}


def unit_ref(unit: Any) -> dict[str, Any]:
    return {"id": unit.pk, "kode": unit.kode, "nama": unit.nama}


def completion_row(unit: Any, pegawai: int, draf: int, disetujui: int, **extra: Any) -> dict:
    return {
        "unit": unit_ref(unit),
        "langsung": extra.get("langsung", False),
        "jumlah_pegawai": pegawai,
        "jumlah": {"DRAF": draf, "DIAJUKAN": 0, "DIKEMBALIKAN": 0, "DISETUJUI": disetujui},
        "tanpa_skp": pegawai - draf - disetujui,
        "persen_disetujui": extra["persen"],
    }


# --- Completion ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_completion_matrix(agency, client_for, role):
    build_chain(agency)
    before = skp_state()
    response = client_for(role).get(f"{BASE}/kelengkapan", {"tahun": TAHUN})
    assert response.status_code == status_for(role, HR, set())
    assert skp_state() == before
    if response.status_code != 200:
        return
    if role in {"admin", "pimpinan"}:
        expected = [completion_row(agency.biro, 2, 1, 1, persen=50)]
    else:
        expected = [completion_row(agency.root, 3, 1, 1, persen=33)]
    assert response.json() == expected


def test_completion_drills_down(agency, client_for):
    build_chain(agency)
    client = client_for("superuser")
    body = client.get(f"{BASE}/kelengkapan", {"tahun": TAHUN, "induk": agency.root.pk}).json()
    assert body == [
        completion_row(agency.root, 0, 0, 0, langsung=True, persen=0),
        completion_row(agency.lain, 1, 0, 0, persen=0),
        completion_row(agency.biro, 2, 1, 1, persen=50),
    ]
    assert client_for("admin").get(
        f"{BASE}/kelengkapan", {"induk": agency.lain.pk}
    ).status_code == (404)


@pytest.mark.parametrize("role", ROLES)
def test_without_plan_matrix(agency, client_for, role):
    build_chain(agency)
    rina = subordinate(agency, "Rina Marlina")
    before = skp_state()
    response = client_for(role).get(
        f"{BASE}/kelengkapan/tanpa-skp", {"tahun": TAHUN, "unit": agency.biro.pk}
    )
    assert response.status_code == status_for(role, HR, set())
    assert skp_state() == before
    if response.status_code == 200:
        assert response.json() == {
            "count": 1,
            "items": [person(rina) | {"penilai": "Budi Santoso"}],
        }


def test_without_plan_scope(agency, client_for):
    build_chain(agency)
    auditor = client_for("auditor")
    body = auditor.get(f"{BASE}/kelengkapan/tanpa-skp", {"tahun": TAHUN, "unit": agency.root.pk})
    assert [item["nama"] for item in body.json()["items"]] == ["Joko Widodo"]
    assert body.json()["items"][0]["penilai"] is None
    other_year = auditor.get(
        f"{BASE}/kelengkapan/tanpa-skp", {"tahun": TAHUN + 1, "unit": agency.root.pk}
    )
    assert other_year.json()["count"] == 3
    outside = client_for("admin").get(
        f"{BASE}/kelengkapan/tanpa-skp", {"tahun": TAHUN, "unit": agency.lain.pk}
    )
    assert outside.status_code == 404


# --- Organisation goals ----------------------------------------------------------------------


def goal(agency: Any, **changes: Any) -> SasaranOrganisasi:
    values = {
        "unit": agency.bagian,
        "tahun": TAHUN,
        "kode": "SS-1",
        "uraian": "Meningkatnya kualitas layanan kepegawaian",
        "indikator": [{"uraian": "Indeks kepuasan layanan", "target": "85", "satuan": "poin"}],
    }
    return services.sasaran_save(aktor=SYSTEM, **(values | changes))


def goal_body(found: SasaranOrganisasi) -> dict[str, Any]:
    return {
        "id": found.pk,
        "unit": unit_ref(found.unit),
        "tahun": found.tahun,
        "kode": found.kode,
        "uraian": found.uraian,
        "urutan": found.urutan,
        "indikator": [
            {"id": item.pk, "uraian": item.uraian, "target": item.target, "satuan": item.satuan}
            for item in found.indikator.order_by("urutan")
        ],
    }


@pytest.mark.parametrize("role", ROLES)
def test_goal_list_matrix(agency, client_for, role):
    open_year()
    first = goal(agency)
    second = goal(agency, kode="SS-2", uraian="Terkelolanya arsip", indikator=[])
    goal(agency, unit=agency.lain, kode="SS-1")
    before = skp_state()
    response = client_for(role).get(f"{BASE}/sasaran", {"unit": agency.bagian.pk, "tahun": TAHUN})
    assert response.status_code == status_for(role, SIGNED_IN, set())
    assert skp_state() == before
    if response.status_code == 200:
        assert response.json() == [goal_body(first), goal_body(second)]


def test_goal_list_of_an_unknown_unit(agency, client_for):
    open_year()
    assert client_for("pegawai").get(f"{BASE}/sasaran", {"unit": 99999}).status_code == 404
    assert client_for("pegawai").get(f"{BASE}/sasaran", {"unit": agency.lain.pk}).json() == []


@pytest.mark.parametrize("role", ROLES)
def test_goal_create_matrix(agency, client_for, role):
    open_year()
    before = skp_state()
    response = send(
        client_for(role),
        "post",
        f"{BASE}/sasaran",
        {
            "unit": agency.bagian.pk,
            "tahun": TAHUN,
            "kode": "SS-7",
            "uraian": "Terwujudnya ASN profesional",
            "indikator": [
                {"uraian": "Persentase ASN terlatih", "target": "80", "satuan": "%"},
                {"uraian": "", "target": ""},
            ],
        },
    )
    assert response.status_code == status_for(role, GOAL_MANAGERS, SIGNED_IN, 201)
    if response.status_code != 201:
        assert skp_state() == before
        return
    created = SasaranOrganisasi.objects.get(kode="SS-7")
    assert response.json() == goal_body(created)
    assert [item["uraian"] for item in response.json()["indikator"]] == ["Persentase ASN terlatih"]


def test_a_jpt_manages_the_goals_of_their_unit(agency, client_for):
    open_year()
    head = pegawai_with_account(
        nama="Kepala Biro",
        unit=agency.biro,
        jabatan=JabatanFactory(nama="Kepala Biro Umum", jenis_jabatan=JenisJabatan.JPT.value),
    )
    client = Client()
    client.force_login(head.pengguna)
    payload = {"tahun": TAHUN, "kode": "SS-1", "uraian": "Tata kelola yang baik"}
    assert (
        send(client, "post", f"{BASE}/sasaran", payload | {"unit": agency.biro.pk}).status_code
        == 201
    )
    before = skp_state()
    other = send(client, "post", f"{BASE}/sasaran", payload | {"unit": agency.bagian.pk})
    assert other.status_code == 403
    assert skp_state() == before


def test_goal_create_refusals(agency, client_for):
    open_year()
    goal(agency)
    before = skp_state()
    client = client_for("admin")
    duplicate = send(
        client,
        "post",
        f"{BASE}/sasaran",
        {"unit": agency.bagian.pk, "tahun": TAHUN, "kode": "SS-1", "uraian": " "},
    )
    assert errors_of(duplicate) == {
        "kode": ["Kode sasaran SS-1 sudah dipakai."],
        "uraian": ["Uraian sasaran wajib diisi."],
    }
    half = send(
        client,
        "post",
        f"{BASE}/sasaran",
        {
            "unit": agency.bagian.pk,
            "tahun": TAHUN,
            "kode": "SS-2",
            "uraian": "Sasaran",
            "indikator": [{"uraian": "Indikator tanpa target", "target": ""}],
        },
    )
    assert errors_of(half) == {"indikator": ["Indikator ke-1: uraian dan target wajib diisi."]}
    unopened = send(
        client,
        "post",
        f"{BASE}/sasaran",
        {"unit": agency.bagian.pk, "tahun": 2031, "kode": "SS-2", "uraian": "Sasaran"},
    )
    assert errors_of(unopened) == {
        "__all__": ["Tahun kinerja 2031 belum dibuka oleh admin kepegawaian."]
    }
    missing = send(
        client,
        "post",
        f"{BASE}/sasaran",
        {"unit": 99999, "tahun": TAHUN, "kode": "SS-2", "uraian": "Sasaran"},
    )
    assert missing.status_code == 404
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_goal_update_matrix(agency, client_for, role):
    open_year()
    found = goal(agency)
    before = skp_state()
    response = send(
        client_for(role),
        "put",
        f"{BASE}/sasaran/{found.pk}",
        {
            "kode": "SS-1A",
            "uraian": "Meningkatnya layanan",
            "indikator": [{"uraian": "Waktu layanan", "target": "3", "satuan": "hari"}],
        },
    )
    assert response.status_code == status_for(role, GOAL_MANAGERS, SIGNED_IN)
    if response.status_code != 200:
        assert skp_state() == before
        return
    found.refresh_from_db()
    assert (found.kode, found.uraian) == ("SS-1A", "Meningkatnya layanan")
    assert response.json() == goal_body(found)
    assert [(i["uraian"], i["target"], i["satuan"]) for i in response.json()["indikator"]] == [
        ("Waktu layanan", "3", "hari")
    ]


@pytest.mark.parametrize("role", ROLES)
def test_goal_delete_matrix(agency, client_for, role):
    open_year()
    found = goal(agency)
    before = skp_state()
    response = client_for(role).delete(f"{BASE}/sasaran/{found.pk}")
    assert response.status_code == status_for(role, GOAL_MANAGERS, SIGNED_IN, 204)
    if response.status_code == 204:
        assert not SasaranOrganisasi.objects.filter(pk=found.pk).exists()
        return
    assert skp_state() == before


def test_goal_delete_refused_while_used(agency, client_for):
    chain = build_chain(agency)
    found = goal(agency)
    services.rhk_update(
        aktor=aktor_for(agency.pegawai),
        rhk=chain.rhk,
        uraian=chain.rhk.uraian,
        jenis="UTAMA",
        kode="RHK-01",
        rhk_atasan_id=chain.leader_rhk.pk,
        sasaran_id=found.pk,
    )
    before = skp_state()
    response = client_for("admin").delete(f"{BASE}/sasaran/{found.pk}")
    assert errors_of(response) == {
        "__all__": ["Sasaran SS-1 dipakai oleh 1 RHK dan tidak dapat dihapus."]
    }
    assert skp_state() == before
    assert client_for("admin").delete(f"{BASE}/sasaran/99999").status_code == 404


# --- Bulk documents --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_bulk_documents_matrix(agency, client_for, role):
    build_chain(agency)
    before = skp_state()
    response = send(
        client_for(role), "post", f"{BASE}/dokumen-massal", {"unit": agency.biro.pk, "tahun": TAHUN}
    )
    assert response.status_code == status_for(role, HR, set(), 202)
    if response.status_code != 202:
        assert (skp_state(), Pekerjaan.objects.count()) == (before, 0)
        return
    job = Pekerjaan.objects.get()
    assert response.json() == {"id": str(job.pk), "url": f"/api/v1/pekerjaan/{job.pk}"}
    assert (job.jenis, job.judul, job.dibuat_oleh) == (
        "skp.dokumen",
        "Dokumen SKP Biro Umum tahun 2026",
        agency.user(role),
    )


def test_bulk_documents_job_runs_and_is_followed_at_its_url(
    agency, client_for, django_capture_on_commit_callbacks
):
    build_chain(agency)
    client = client_for("admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = send(
            client, "post", f"{BASE}/dokumen-massal", {"unit": agency.biro.pk, "tahun": TAHUN}
        )
    assert response.status_code == 202
    job = client.get(response.json()["url"])
    assert job.status_code == 200
    body = job.json()
    assert (body["status"], body["hasil"]["jumlah"], body["hasil"]["nama_berkas"]) == (
        "SELESAI",
        1,
        "SKP-BU-2026.zip",
    )


def test_bulk_documents_refusals(agency, client_for):
    build_chain(agency)
    before = skp_state()
    client = client_for("admin")
    nothing = send(
        client, "post", f"{BASE}/dokumen-massal", {"unit": agency.biro.pk, "tahun": TAHUN + 1}
    )
    assert errors_of(nothing) == {
        "__all__": [
            "Belum ada SKP tahun 2027 yang disetujui di Biro Umum dan sub-unitnya; tidak ada "
            "dokumen untuk dibuat."
        ]
    }
    outside = send(
        client, "post", f"{BASE}/dokumen-massal", {"unit": agency.lain.pk, "tahun": TAHUN}
    )
    assert outside.status_code == 404
    assert (skp_state(), Pekerjaan.objects.count()) == (before, 0)
