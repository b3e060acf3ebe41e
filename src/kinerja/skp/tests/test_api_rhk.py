"""SKP API, RHKs and indicators: create, update and delete with their permission matrices,
exact bodies and 422 refusals that change nothing."""

from __future__ import annotations

import pytest

from kinerja.conftest import ROLES
from kinerja.skp import services
from kinerja.skp.models import Indikator, Rhk, SasaranOrganisasi
from kinerja.skp.tests.factories import SYSTEM, TAHUN, aktor_for, plan_with_rhk
from kinerja.skp.tests.helpers import skp_state
from kinerja.skp.tests.test_api import (
    BASE,
    READERS,
    build_chain,
    errors_of,
    pilihan,
    send,
    status_for,
    submitted,
)

pytestmark = pytest.mark.django_db
OWNER = {"pegawai"}


# --- RHK -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_rhk_create_matrix(agency, client_for, role):
    chain = build_chain(agency)
    before = skp_state()
    response = send(
        client_for(role),
        "post",
        f"{BASE}/{chain.plan.pk}/rhk",
        {"uraian": "Terkelolanya arsip kepegawaian", "rhk_atasan": chain.leader_rhk.pk},
    )
    assert response.status_code == status_for(role, OWNER, READERS, 201)
    if response.status_code != 201:
        assert skp_state() == before
        return
    rhk = Rhk.objects.get(skp=chain.plan, kode="RHK-02")
    assert response.json() == {
        "id": rhk.pk,
        "skp_id": chain.plan.pk,
        "kode": "RHK-02",
        "jenis": pilihan("UTAMA", "Utama"),
        "uraian": "Terkelolanya arsip kepegawaian",
        "urutan": 2,
        "rhk_atasan": {
            "id": chain.leader_rhk.pk,
            "kode": "RHK-A",
            "uraian": "Terwujudnya layanan SDM yang andal",
            "pemilik": "Budi Santoso",
        },
        "perspektif": None,
        "sasaran": None,
        "indikator": [],
    }


def test_rhk_create_refusals(agency, client_for):
    chain = build_chain(agency)
    _, other_rhk = plan_with_rhk(agency.outsider)
    before = skp_state()
    client = client_for("pegawai")
    response = send(
        client,
        "post",
        f"{BASE}/{chain.plan.pk}/rhk",
        {
            "uraian": " ",
            "kode": "RHK-01",
            "jenis": "POKOK",
            "perspektif": "LAINNYA",
            "rhk_atasan": other_rhk.pk,
        },
    )
    assert errors_of(response) == {
        "kode": ["Kode RHK RHK-01 sudah dipakai di SKP ini."],
        "uraian": ["Uraian rencana hasil kerja wajib diisi."],
        "jenis": ["Jenis RHK harus Utama atau Tambahan."],
        "perspektif": ["Perspektif tidak dikenal."],
        "rhk_atasan": [
            "RHK pimpinan harus salah satu RHK dalam SKP pejabat penilai Anda tahun 2026."
        ],
    }
    bad_code = send(client, "post", f"{BASE}/{chain.plan.pk}/rhk", {"uraian": "x", "kode": "#1"})
    assert errors_of(bad_code) == {
        "kode": [
            "Kode RHK 1–30 karakter: huruf, angka, titik, garis miring, tanda hubung atau "
            "garis bawah, diawali huruf atau angka."
        ]
    }
    submitted(chain)
    before = skp_state()
    late = send(client, "post", f"{BASE}/{chain.plan.pk}/rhk", {"uraian": "Hasil baru"})
    assert errors_of(late) == {
        "__all__": ["SKP sedang diajukan kepada pejabat penilai; tarik kembali untuk mengubahnya."]
    }
    assert skp_state() == before


def test_rhk_of_a_jpt_with_perspektif_and_goal(agency, client_for):
    chain = build_chain(agency)
    goal = services.sasaran_save(
        aktor=SYSTEM,
        unit=agency.biro,
        tahun=TAHUN,
        kode="SS-1",
        uraian="Meningkatnya kualitas layanan kepegawaian",
    )
    response = send(
        client_for("pegawai"),
        "post",
        f"{BASE}/{chain.plan.pk}/rhk",
        {
            "uraian": "Meningkatnya indeks kepuasan layanan",
            "kode": "JPT-1",
            "perspektif": "Perspektif Penerima Layanan",
            "sasaran": goal.pk,
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["perspektif"], body["sasaran"]) == (
        pilihan("PENERIMA_LAYANAN", "Perspektif Penerima Layanan"),
        {"id": goal.pk, "kode": "SS-1", "uraian": "Meningkatnya kualitas layanan kepegawaian"},
    )
    foreign = SasaranOrganisasi.objects.create(
        unit=agency.lain, tahun=TAHUN, kode="SS-9", uraian="Sasaran unit lain"
    )
    before = skp_state()
    refused = send(
        client_for("pegawai"),
        "post",
        f"{BASE}/{chain.plan.pk}/rhk",
        {"uraian": "x", "sasaran": foreign.pk},
    )
    assert errors_of(refused) == {
        "sasaran": ["Sasaran harus salah satu sasaran organisasi unit Anda tahun ini."]
    }
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_rhk_update_matrix(agency, client_for, role):
    chain = build_chain(agency)
    before = skp_state()
    response = send(
        client_for(role),
        "patch",
        f"{BASE}/rhk/{chain.rhk.pk}",
        {"uraian": "Tersusunnya laporan kinerja triwulanan", "jenis": "TAMBAHAN"},
    )
    assert response.status_code == status_for(role, OWNER, READERS)
    if response.status_code != 200:
        assert skp_state() == before
        return
    body = response.json()
    assert (body["uraian"], body["jenis"], body["kode"]) == (
        "Tersusunnya laporan kinerja triwulanan",
        pilihan("TAMBAHAN", "Tambahan"),
        "RHK-01",
    )
    # What is not sent stays: the leader's RHK and the indicator.
    assert body["rhk_atasan"]["id"] == chain.leader_rhk.pk
    assert [item["target"] for item in body["indikator"]] == ["12 laporan"]


def test_rhk_update_clears_the_leaders_rhk_and_refuses_bad_values(agency, client_for):
    chain = build_chain(agency)
    client = client_for("pegawai")
    url = f"{BASE}/rhk/{chain.rhk.pk}"
    cleared = send(client, "patch", url, {"rhk_atasan": None, "kode": "R/1"})
    assert cleared.status_code == 200
    assert (cleared.json()["rhk_atasan"], cleared.json()["kode"]) == (None, "R/1")
    rhk = Rhk.objects.get(pk=chain.rhk.pk)
    assert (rhk.rhk_atasan_id, rhk.kode) == (None, "R/1")
    before = skp_state()
    refused = send(client, "patch", url, {"uraian": "", "rhk_atasan": chain.rhk.pk})
    assert errors_of(refused) == {
        "uraian": ["Uraian rencana hasil kerja wajib diisi."],
        "rhk_atasan": [
            "RHK pimpinan harus salah satu RHK dalam SKP pejabat penilai Anda tahun 2026."
        ],
    }
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_rhk_delete_matrix(agency, client_for, role):
    chain = build_chain(agency)
    before = skp_state()
    response = client_for(role).delete(f"{BASE}/rhk/{chain.rhk.pk}")
    assert response.status_code == status_for(role, OWNER, READERS, 204)
    if response.status_code == 204:
        assert response.content == b""
        assert not Rhk.objects.filter(pk=chain.rhk.pk).exists()
        assert not Indikator.objects.filter(rhk_id=chain.rhk.pk).exists()
        return
    assert skp_state() == before


def test_rhk_delete_refused_while_supported(agency, client_for):
    chain = build_chain(agency)
    services.skp_revise(aktor=aktor_for(agency.penilai), skp=chain.leader, alasan="Mutasi")
    before = skp_state()
    response = client_for("penilai").delete(f"{BASE}/rhk/{chain.leader_rhk.pk}")
    assert errors_of(response) == {
        "__all__": [
            "RHK RHK-A tidak dapat dihapus: 1 RHK bawahan mengintervensinya (Siti Aminah). "
            "Pindahkan dahulu RHK bawahan tersebut."
        ]
    }
    assert skp_state() == before


def test_unknown_rhk_and_indicator_are_not_found(agency, client_for):
    build_chain(agency)
    client = client_for("superuser")
    assert send(client, "patch", f"{BASE}/rhk/99999", {"uraian": "x"}).status_code == 404
    assert client.delete(f"{BASE}/rhk/99999").status_code == 404
    iki = {"aspek": "KUANTITAS", "uraian": "x"}
    assert send(client, "post", f"{BASE}/rhk/99999/iki", iki).status_code == 404
    assert send(client, "patch", f"{BASE}/iki/99999", {}).status_code == 404
    assert client.delete(f"{BASE}/iki/99999").status_code == 404
    assert send(client, "post", f"{BASE}/99999/rhk", {"uraian": "x"}).status_code == 404


# --- Indicators ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_indikator_create_matrix(agency, client_for, role):
    chain = build_chain(agency)
    before = skp_state()
    response = send(
        client_for(role),
        "post",
        f"{BASE}/rhk/{chain.rhk.pk}/iki",
        {
            "aspek": "Waktu",
            "uraian": "Ketepatan waktu penyampaian",
            "target_nilai": "1.250,5",
            "target_satuan": "jam",
        },
    )
    assert response.status_code == status_for(role, OWNER, READERS, 201)
    if response.status_code != 201:
        assert skp_state() == before
        return
    indikator = Indikator.objects.get(rhk=chain.rhk, aspek="WAKTU")
    assert response.json() == {
        "id": indikator.pk,
        "aspek": pilihan("WAKTU", "Waktu"),
        "uraian": "Ketepatan waktu penyampaian",
        "target_nilai": "1250.5",
        "target_satuan": "jam",
        "target_narasi": "",
        "target": "1.250,5 jam",
        "urutan": 2,
    }


def test_indikator_create_refusals(agency, client_for):
    chain = build_chain(agency)
    before = skp_state()
    client = client_for("pegawai")
    url = f"{BASE}/rhk/{chain.rhk.pk}/iki"
    not_a_number = send(
        client, "post", url, {"aspek": "KUANTITAS", "uraian": "x", "target_nilai": "dua belas"}
    )
    assert errors_of(not_a_number) == {
        "target_nilai": ["Target harus berupa angka, mis. 12 atau 97,5."]
    }
    empty = send(client, "post", url, {"aspek": "BIAYA", "uraian": ""})
    assert errors_of(empty) == {
        "aspek": ["Aspek harus salah satu dari: Kuantitas, Kualitas, Waktu."],
        "uraian": ["Indikator kinerja individu wajib diisi."],
        "target_nilai": ["Pendekatan kuantitatif: target wajib berupa angka."],
        "target_satuan": ["Satuan target wajib diisi (mis. dokumen, persen, hari)."],
    }
    assert skp_state() == before


def test_indikator_of_a_kualitatif_plan(agency, client_for):
    chain = build_chain(agency)
    client = client_for("pegawai")
    send(client, "patch", f"{BASE}/{chain.plan.pk}", {"pendekatan": "KUALITATIF"})
    response = send(
        client,
        "post",
        f"{BASE}/rhk/{chain.rhk.pk}/iki",
        {
            "aspek": "KUALITAS",
            "uraian": "Kualitas laporan",
            "target_nilai": "5",
            "target_narasi": "Laporan diterima pimpinan tanpa perbaikan",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["target_nilai"], body["target_satuan"], body["target"]) == (
        None,
        "",
        "Laporan diterima pimpinan tanpa perbaikan",
    )
    before = skp_state()
    refused = send(
        client, "post", f"{BASE}/rhk/{chain.rhk.pk}/iki", {"aspek": "KUALITAS", "uraian": "x"}
    )
    assert errors_of(refused) == {
        "target_narasi": ["Pendekatan kualitatif: uraikan target secara naratif."]
    }
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_indikator_update_matrix(agency, client_for, role):
    chain = build_chain(agency)
    indikator = chain.indikator
    before = skp_state()
    response = send(client_for(role), "patch", f"{BASE}/iki/{indikator.pk}", {"target_nilai": "24"})
    assert response.status_code == status_for(role, OWNER, READERS)
    if response.status_code != 200:
        assert skp_state() == before
        return
    assert response.json() == {
        "id": indikator.pk,
        "aspek": pilihan("KUANTITAS", "Kuantitas"),
        "uraian": "Jumlah laporan yang tersusun",
        "target_nilai": "24",
        "target_satuan": "laporan",
        "target_narasi": "",
        "target": "24 laporan",
        "urutan": 1,
    }


def test_indikator_update_refusal(agency, client_for):
    chain = build_chain(agency)
    before = skp_state()
    response = send(
        client_for("pegawai"),
        "patch",
        f"{BASE}/iki/{chain.indikator.pk}",
        {"target_nilai": "-3", "target_satuan": ""},
    )
    assert errors_of(response) == {
        "target_nilai": ["Target tidak boleh negatif."],
        "target_satuan": ["Satuan target wajib diisi (mis. dokumen, persen, hari)."],
    }
    assert skp_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_indikator_delete_matrix(agency, client_for, role):
    chain = build_chain(agency)
    indikator = chain.indikator
    before = skp_state()
    response = client_for(role).delete(f"{BASE}/iki/{indikator.pk}")
    assert response.status_code == status_for(role, OWNER, READERS, 204)
    if response.status_code == 204:
        assert not Indikator.objects.filter(pk=indikator.pk).exists()
        assert Rhk.objects.filter(pk=chain.rhk.pk).exists()
        return
    assert skp_state() == before


def test_indikator_delete_refused_once_approved(agency, client_for):
    chain = build_chain(agency)
    submitted(chain)
    services.skp_approve(aktor=aktor_for(agency.penilai), skp=chain.plan)
    before = skp_state()
    response = client_for("pegawai").delete(f"{BASE}/iki/{chain.indikator.pk}")
    assert errors_of(response) == {
        "__all__": ["SKP sudah disetujui; buka revisi untuk mengubahnya."]
    }
    assert skp_state() == before
