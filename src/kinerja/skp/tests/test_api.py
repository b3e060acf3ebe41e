"""SKP API, the plan itself: list, mine, detail (exact body), create or copy, update, the
leader's expectations; the OpenAPI schema. The helpers here are shared by the other
test_api_*.py modules."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client

from kinerja.conftest import ROLES
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import pegawai_with_account
from kinerja.skp import selectors, services
from kinerja.skp.models import Indikator, Rhk, Skp
from kinerja.skp.tests.factories import (
    TAHUN,
    aktor_for,
    approved_plan,
    open_year,
    plan_with_rhk,
)
from kinerja.skp.tests.helpers import skp_state

pytestmark = pytest.mark.django_db
BASE = "/api/v1/skp"
# Who reads Siti's plan (the agency's `pegawai`): herself, her appraiser, HR and the leader of
# the biro above her unit, the auditor and the superuser. The outsider does not.
READERS = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}
EMPLOYEES = {"pegawai", "penilai", "outsider"}


# --- Shared helpers --------------------------------------------------------------------------


def send(client: Client, method: str, url: str, payload: dict | None = None) -> Any:
    return getattr(client, method)(url, json.dumps(payload or {}), content_type="application/json")


def status_for(role: str, allowed: set[str], readers: set[str], success: int = 200) -> int:
    """What a role gets: 401 anonymous, `success` allowed, 403 readable, 404 otherwise."""
    if role == "anonim":
        return 401
    if role in allowed:
        return success
    return 403 if role in readers else 404


def encoded(value: datetime.datetime | None) -> str | None:
    return None if value is None else DjangoJSONEncoder().default(value)


def errors_of(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 422, response.content
    return response.json()["errors"]


def pilihan(kode: str, label: str) -> dict[str, str]:
    return {"kode": kode, "label": label}


def person(pegawai: Pegawai) -> dict[str, Any]:
    """An employee as the API answers it (`pegawai` of a plan, a row of the inbox)."""
    return {
        "id": pegawai.pk,
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "unit": {"id": pegawai.unit.pk, "kode": pegawai.unit.kode, "nama": pegawai.unit.nama},
        "jabatan": pegawai.jabatan.nama,
        "jenis_jabatan": pilihan("PELAKSANA", "Pelaksana"),
    }


def identity(pegawai: Pegawai | None) -> dict[str, Any] | None:
    """An employee as the identity snapshot holds them."""
    if pegawai is None:
        return None
    return {
        "id": pegawai.pk,
        "nama": pegawai.nama,
        "nip": pegawai.nip,
        "golongan": "III/a",
        "jabatan": pegawai.jabatan.nama,
        "jenis_jabatan": "PELAKSANA",
        "unit_kode": pegawai.unit.kode,
        "unit_nama": pegawai.unit.nama,
    }


@dataclass
class Chain:
    """The appraiser's approved plan and Siti's draft cascading from it."""

    leader: Skp
    leader_rhk: Rhk
    plan: Skp
    rhk: Rhk

    @property
    def indikator(self) -> Indikator:
        return self.rhk.indikator.get()


def build_chain(agency: Any) -> Chain:
    open_year()
    leader, leader_rhk = approved_plan(
        agency.penilai, kode="RHK-A", uraian="Terwujudnya layanan SDM yang andal"
    )
    plan, rhk = plan_with_rhk(agency.pegawai, rhk_atasan=leader_rhk)
    return Chain(leader, leader_rhk, plan, rhk)


def submitted(chain: Chain) -> Skp:
    return services.skp_submit(aktor=aktor_for(chain.plan.pegawai), skp=chain.plan)


def approved(chain: Chain) -> Skp:
    submitted(chain)
    return services.skp_approve(aktor=aktor_for(chain.leader.pegawai), skp=chain.plan)


def subordinate(agency: Any, nama: str) -> Pegawai:
    return pegawai_with_account(nama=nama, unit=agency.bagian, penilai=agency.penilai)


# --- List ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_list_matrix(agency, client_for, role):
    build_chain(agency)
    plan_with_rhk(agency.outsider)
    before = skp_state()
    response = client_for(role).get(f"{BASE}/", {"tahun": TAHUN})
    assert skp_state() == before
    if role == "anonim":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    visible = {
        "outsider": ["Joko Widodo"],
        "auditor": ["Budi Santoso", "Joko Widodo", "Siti Aminah"],
        "superuser": ["Budi Santoso", "Joko Widodo", "Siti Aminah"],
    }.get(role, ["Budi Santoso", "Siti Aminah"])
    body = response.json()
    assert [item["pegawai"]["nama"] for item in body["items"]] == visible
    assert body["count"] == len(visible)


def test_list_item_body(agency, client_for):
    chain = build_chain(agency)
    body = client_for("admin").get(f"{BASE}/", {"tahun": TAHUN, "cari": "siti"}).json()
    plan = Skp.objects.get(pk=chain.plan.pk)
    assert body == {
        "count": 1,
        "items": [
            {
                "id": plan.pk,
                "tahun": TAHUN,
                "pegawai": person(agency.pegawai),
                "pendekatan": pilihan("KUANTITATIF", "Kuantitatif"),
                "status": pilihan("DRAF", "Draf"),
                "revisi": 1,
                "diajukan_pada": None,
                "disetujui_pada": None,
                "diubah_pada": encoded(plan.diubah_pada),
            }
        ],
    }


def test_list_filters(agency, client_for):
    build_chain(agency)
    plan_with_rhk(agency.outsider)
    client = client_for("superuser")

    def names(**query: Any) -> list[str]:
        response = client.get(f"{BASE}/", {"tahun": TAHUN, **query})
        assert response.status_code == 200
        return [item["pegawai"]["nama"] for item in response.json()["items"]]

    assert names(status="DISETUJUI") == ["Budi Santoso"]
    assert names(status="Draf") == ["Joko Widodo", "Siti Aminah"]
    assert names(unit=agency.lain.pk) == ["Joko Widodo"]
    assert names(unit=agency.biro.pk) == ["Budi Santoso", "Siti Aminah"]
    assert names(cari="ami") == ["Siti Aminah"]
    assert names(cari=agency.penilai.nip[:10]) == ["Budi Santoso"]
    assert names(tahun=TAHUN + 1) == []
    unknown = client.get(f"{BASE}/", {"status": "SELESAI"})
    assert errors_of(unknown) == {
        "status": [
            "Status “SELESAI” tidak dikenal; pilih salah satu: DRAF, DIAJUKAN, DIKEMBALIKAN, "
            "DISETUJUI."
        ]
    }
    # A unit the caller may not browse is not found.
    assert client_for("admin").get(f"{BASE}/", {"unit": agency.lain.pk}).status_code == 404


def test_list_pages(agency, client_for):
    open_year()
    for index in range(52):
        plan_with_rhk(subordinate(agency, f"Pegawai Bagian {index:02d}"))
    client = client_for("admin")
    first = client.get(f"{BASE}/", {"tahun": TAHUN}).json()
    second = client.get(f"{BASE}/", {"tahun": TAHUN, "page": 2}).json()
    assert (first["count"], len(first["items"]), len(second["items"])) == (52, 50, 2)
    assert [item["pegawai"]["nama"] for item in second["items"]] == [
        "Pegawai Bagian 50",
        "Pegawai Bagian 51",
    ]


@pytest.mark.parametrize("extra", [0, 12])
def test_list_query_count_is_flat(agency, client_for, django_assert_num_queries, extra):
    build_chain(agency)
    for index in range(extra):
        plan_with_rhk(subordinate(agency, f"Pegawai {index:02d}"))
    client = client_for("penilai")
    # Session, user, the scope (roles, employee record, appraisees), the caller's own
    # appraiser, the page (count, rows).
    with django_assert_num_queries(8):
        response = client.get(f"{BASE}/", {"tahun": TAHUN})
    assert response.json()["count"] == 2 + extra


# --- Mine ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_mine_matrix(agency, client_for, role):
    chain = build_chain(agency)
    before = skp_state()
    response = client_for(role).get(f"{BASE}/saya", {"tahun": TAHUN})
    assert response.status_code == status_for(role, EMPLOYEES, set())
    assert skp_state() == before
    if response.status_code != 200:
        return
    body = response.json()
    own = {"pegawai": chain.plan.pk, "penilai": chain.leader.pk, "outsider": None}[role]
    assert (body["tahun"], body["skp"] and body["skp"]["id"]) == (TAHUN, own)
    assert body["daftar_tahun"] == ([] if own is None else [TAHUN])
    assert body["salin_dari"] is None


def test_mine_names_the_year_to_copy_from(agency, client_for):
    build_chain(agency)
    open_year(TAHUN + 1)
    body = client_for("pegawai").get(f"{BASE}/saya", {"tahun": TAHUN + 1}).json()
    assert body == {"tahun": TAHUN + 1, "skp": None, "daftar_tahun": [TAHUN], "salin_dari": TAHUN}


def test_mine_defaults_to_the_current_year(agency, client_for):
    chain = build_chain(agency)
    body = client_for("pegawai").get(f"{BASE}/saya").json()
    assert (body["tahun"], body["skp"]["id"]) == (TAHUN, chain.plan.pk)


# --- Detail ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_detail_matrix(agency, client_for, role):
    chain = build_chain(agency)
    before = skp_state()
    response = client_for(role).get(f"{BASE}/{chain.plan.pk}")
    assert response.status_code == status_for(role, READERS, set())
    assert skp_state() == before
    if response.status_code == 200:
        body = response.json()
        assert body["id"] == chain.plan.pk
        # Only the owner edits; only the appraiser decides (once it is submitted); the owner
        # and the appraiser write the expectations; the owner sees what blocks submission.
        assert (body["may_edit"], body["may_decide"], body["may_set_expectations"]) == (
            role == "pegawai",
            False,
            role in {"pegawai", "penilai"},
        )
        assert body["masalah_pengajuan"] == ([] if role == "pegawai" else None)


def rich_plan(agency: Any) -> Chain:
    """Siti's plan with a main and an additional RHK, three indicators, one expectation and a
    Lampiran."""
    chain = build_chain(agency)
    aktor = aktor_for(agency.pegawai)
    services.skp_update(
        aktor=aktor,
        skp=chain.plan,
        pendekatan="KUANTITATIF",
        dukungan_sumber_daya="Anggaran DIPA\nAplikasi SIASN",
        skema_pertanggungjawaban="Laporan bulanan kepada Kepala Bagian",
        konsekuensi="",
    )
    services.indikator_create(
        aktor=aktor,
        rhk=chain.rhk,
        aspek="KUALITAS",
        uraian="Persentase laporan tanpa revisi",
        target_nilai="97,5",
        target_satuan="%",
    )
    extra = services.rhk_create(
        aktor=aktor,
        skp=chain.plan,
        uraian="Terlaksananya pelatihan internal",
        jenis="TAMBAHAN",
        kode="T-01",
    )
    services.indikator_create(
        aktor=aktor,
        rhk=extra,
        aspek="WAKTU",
        uraian="Jumlah peserta pelatihan",
        target_nilai="1.000",
        target_satuan="peserta",
    )
    services.ekspektasi_update(
        by_owner=False,
        aktor=aktor_for(agency.penilai),
        skp=chain.plan,
        ekspektasi={"KOMPETEN": "Mengikuti pelatihan analisis data"},
    )
    return chain


def expected_rhk(chain: Chain) -> list[dict[str, Any]]:
    main = chain.rhk
    [first, second] = main.indikator.order_by("urutan")
    extra = Rhk.objects.get(skp=chain.plan, kode="T-01")
    third = extra.indikator.get()
    return [
        {
            "id": main.pk,
            "skp_id": chain.plan.pk,
            "kode": "RHK-01",
            "jenis": pilihan("UTAMA", "Utama"),
            "uraian": "Tersusunnya laporan kinerja",
            "urutan": 1,
            "rhk_atasan": {
                "id": chain.leader_rhk.pk,
                "kode": "RHK-A",
                "uraian": "Terwujudnya layanan SDM yang andal",
                "pemilik": "Budi Santoso",
            },
            "perspektif": None,
            "sasaran": None,
            "indikator": [
                {
                    "id": first.pk,
                    "aspek": pilihan("KUANTITAS", "Kuantitas"),
                    "uraian": "Jumlah laporan yang tersusun",
                    "target_nilai": "12",
                    "target_satuan": "laporan",
                    "target_narasi": "",
                    "target": "12 laporan",
                    "urutan": 1,
                },
                {
                    "id": second.pk,
                    "aspek": pilihan("KUALITAS", "Kualitas"),
                    "uraian": "Persentase laporan tanpa revisi",
                    "target_nilai": "97.5",
                    "target_satuan": "%",
                    "target_narasi": "",
                    "target": "97,5 %",
                    "urutan": 2,
                },
            ],
        },
        {
            "id": extra.pk,
            "skp_id": chain.plan.pk,
            "kode": "T-01",
            "jenis": pilihan("TAMBAHAN", "Tambahan"),
            "uraian": "Terlaksananya pelatihan internal",
            "urutan": 2,
            "rhk_atasan": None,
            "perspektif": None,
            "sasaran": None,
            "indikator": [
                {
                    "id": third.pk,
                    "aspek": pilihan("WAKTU", "Waktu"),
                    "uraian": "Jumlah peserta pelatihan",
                    "target_nilai": "1000",
                    "target_satuan": "peserta",
                    "target_narasi": "",
                    "target": "1.000 peserta",
                    "urutan": 1,
                }
            ],
        },
    ]


def test_detail_body(agency, client_for):
    chain = rich_plan(agency)
    body = client_for("pegawai").get(f"{BASE}/{chain.plan.pk}").json()
    plan = Skp.objects.get(pk=chain.plan.pk)
    expectations = body.pop("ekspektasi")
    assert body == {
        "id": plan.pk,
        "tahun": TAHUN,
        "pegawai": person(agency.pegawai),
        "pendekatan": pilihan("KUANTITATIF", "Kuantitatif"),
        "status": pilihan("DRAF", "Draf"),
        "revisi": 1,
        "diajukan_pada": None,
        "disetujui_pada": None,
        "diubah_pada": encoded(plan.diubah_pada),
        "form": "JA_JF",
        "catatan_penilai": "",
        "alasan_revisi": "",
        "identitas": {
            "pegawai": identity(agency.pegawai),
            "penilai": identity(agency.penilai),
            "atasan_penilai": None,
        },
        "rhk": expected_rhk(chain),
        "lampiran": {
            "dukungan_sumber_daya": "Anggaran DIPA\nAplikasi SIASN",
            "skema_pertanggungjawaban": "Laporan bulanan kepada Kepala Bagian",
            "konsekuensi": "",
        },
        "may_edit": True,
        "may_decide": False,
        "may_set_expectations": True,
        "masalah_pengajuan": ["RHK T-01 belum menyebutkan RHK pimpinan yang diintervensi."],
    }
    assert [item["kode"] for item in expectations] == [
        "BERORIENTASI_PELAYANAN",
        "AKUNTABEL",
        "KOMPETEN",
        "HARMONIS",
        "LOYAL",
        "ADAPTIF",
        "KOLABORATIF",
    ]
    assert expectations[2] == {
        "kode": "KOMPETEN",
        "nama": "Kompeten",
        "makna": "Terus belajar dan mengembangkan kapabilitas",
        "panduan": [
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ],
        "ekspektasi": "Mengikuti pelatihan analisis data",
    }
    assert [item["ekspektasi"] for item in expectations].count("") == 6


def test_detail_for_the_appraiser_of_a_submitted_plan(agency, client_for):
    chain = build_chain(agency)
    submitted(chain)
    body = client_for("penilai").get(f"{BASE}/{chain.plan.pk}").json()
    assert (body["status"], body["may_edit"], body["may_decide"]) == (
        pilihan("DIAJUKAN", "Diajukan"),
        False,
        True,
    )
    assert (body["may_set_expectations"], body["masalah_pengajuan"]) == (True, None)
    owner = client_for("pegawai").get(f"{BASE}/{chain.plan.pk}").json()
    assert (owner["may_edit"], owner["may_set_expectations"], owner["masalah_pengajuan"]) == (
        False,
        False,
        None,
    )


@pytest.mark.parametrize("extra", [0, 6])
def test_detail_query_count_is_flat(agency, client_for, django_assert_num_queries, extra):
    chain = build_chain(agency)
    aktor = aktor_for(agency.pegawai)
    for index in range(extra):
        rhk = services.rhk_create(
            aktor=aktor, skp=chain.plan, uraian=f"Hasil {index}", rhk_atasan_id=chain.leader_rhk.pk
        )
        for aspek in ("KUANTITAS", "KUALITAS"):
            services.indikator_create(
                aktor=aktor,
                rhk=rhk,
                aspek=aspek,
                uraian=f"Indikator {aspek}",
                target_nilai="5",
                target_satuan="dokumen",
            )
    client = client_for("pegawai")
    # Session, user, scope (3), own appraiser, the plan; RHKs with indicators (2), expectations,
    # identities (2); what blocks submission: year, appraiser, appraiser's plan, its RHKs,
    # RHKs with indicators (2).
    with django_assert_num_queries(18):
        response = client.get(f"{BASE}/{chain.plan.pk}")
    assert len(response.json()["rhk"]) == 1 + extra


# --- Create or copy --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_create_matrix(agency, client_for, role):
    open_year()
    before = skp_state()
    response = send(client_for(role), "post", f"{BASE}/", {"tahun": TAHUN})
    assert response.status_code == status_for(role, EMPLOYEES, set(), 201)
    if response.status_code != 201:
        assert skp_state() == before
        return
    plan = Skp.objects.get()
    user = agency.user(role)
    assert (plan.pegawai.pengguna, plan.tahun, plan.status) == (user, TAHUN, "DRAF")
    assert response.json()["id"] == plan.pk
    assert response.json()["rhk"] == []


def test_create_kualitatif_and_refusals(agency, client_for):
    open_year()
    client = client_for("pegawai")
    created = send(client, "post", f"{BASE}/", {"tahun": TAHUN, "pendekatan": "Kualitatif"})
    assert created.status_code == 201
    assert created.json()["pendekatan"] == pilihan("KUALITATIF", "Kualitatif")
    before = skp_state()
    again = send(client, "post", f"{BASE}/", {"tahun": TAHUN})
    assert errors_of(again) == {"tahun": ["SKP tahun 2026 untuk pegawai ini sudah ada."]}
    unopened = send(client, "post", f"{BASE}/", {"tahun": 2031})
    assert errors_of(unopened) == {
        "__all__": ["Tahun kinerja 2031 belum dibuka oleh admin kepegawaian."]
    }
    no_copy = send(client_for("penilai"), "post", f"{BASE}/", {"tahun": TAHUN, "salin": True})
    assert errors_of(no_copy) == {"__all__": ["Tidak ada SKP tahun sebelumnya untuk disalin."]}
    bad = send(client_for("penilai"), "post", f"{BASE}/", {"tahun": TAHUN, "pendekatan": "X"})
    assert errors_of(bad) == {"pendekatan": ["Pendekatan harus Kuantitatif atau Kualitatif."]}
    assert skp_state() == before


def test_create_copies_last_year(agency, client_for):
    chain = rich_plan(agency)
    open_year(TAHUN + 1)
    leader_next, leader_rhk_next = approved_plan(
        agency.penilai, tahun=TAHUN + 1, kode="RHK-A", uraian="Layanan SDM tahun depan"
    )
    response = send(client_for("pegawai"), "post", f"{BASE}/", {"tahun": TAHUN + 1, "salin": True})
    assert response.status_code == 201
    body = response.json()
    copy = Skp.objects.get(pegawai=agency.pegawai, tahun=TAHUN + 1)
    assert (body["id"], body["tahun"], body["status"]["kode"]) == (copy.pk, TAHUN + 1, "DRAF")
    assert [
        (item["kode"], item["rhk_atasan"] and item["rhk_atasan"]["id"]) for item in body["rhk"]
    ] == [
        ("RHK-01", leader_rhk_next.pk),
        ("T-01", None),
    ]
    assert [[i["target"] for i in item["indikator"]] for item in body["rhk"]] == [
        ["12 laporan", "97,5 %"],
        ["1.000 peserta"],
    ]
    assert body["lampiran"]["dukungan_sumber_daya"] == "Anggaran DIPA\nAplikasi SIASN"
    assert [e["ekspektasi"] for e in body["ekspektasi"] if e["ekspektasi"]] == [
        "Mengikuti pelatihan analisis data"
    ]
    history = client_for("pegawai").get(f"{BASE}/{copy.pk}/riwayat").json()
    assert [(item["aksi"]["kode"], item["catatan"]) for item in history] == [
        ("DISALIN", "Disalin dari SKP tahun 2026."),
        ("DIBUAT", ""),
    ]
    assert Skp.objects.get(pk=chain.plan.pk).tahun == TAHUN
    assert leader_next.tahun == TAHUN + 1


# --- Update ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_update_matrix(agency, client_for, role):
    chain = build_chain(agency)
    before = skp_state()
    response = send(
        client_for(role),
        "patch",
        f"{BASE}/{chain.plan.pk}",
        {"lampiran": {"konsekuensi": "Teguran tertulis"}},
    )
    assert response.status_code == status_for(role, {"pegawai"}, READERS)
    if response.status_code == 200:
        assert response.json()["lampiran"] == {
            "dukungan_sumber_daya": "",
            "skema_pertanggungjawaban": "",
            "konsekuensi": "Teguran tertulis",
        }
        return
    assert skp_state() == before


def test_update_changes_only_what_is_sent(agency, client_for):
    chain = rich_plan(agency)
    client = client_for("pegawai")
    response = send(client, "patch", f"{BASE}/{chain.plan.pk}", {"pendekatan": "KUALITATIF"})
    assert response.status_code == 200
    body = response.json()
    assert body["pendekatan"] == pilihan("KUALITATIF", "Kualitatif")
    assert body["lampiran"]["skema_pertanggungjawaban"] == "Laporan bulanan kepada Kepala Bagian"
    plan = Skp.objects.get(pk=chain.plan.pk)
    assert (plan.pendekatan, plan.dukungan_sumber_daya) == (
        "KUALITATIF",
        "Anggaran DIPA\nAplikasi SIASN",
    )


def test_update_refused_once_submitted(agency, client_for):
    chain = build_chain(agency)
    submitted(chain)
    before = skp_state()
    response = send(client_for("pegawai"), "patch", f"{BASE}/{chain.plan.pk}", {"pendekatan": "X"})
    assert errors_of(response) == {
        "__all__": ["SKP sedang diajukan kepada pejabat penilai; tarik kembali untuk mengubahnya."]
    }
    assert skp_state() == before


# --- The leader's expectations ---------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_expectations_matrix(agency, client_for, role):
    chain = build_chain(agency)
    before = skp_state()
    response = send(
        client_for(role),
        "put",
        f"{BASE}/{chain.plan.pk}/ekspektasi",
        {"ekspektasi": {"ADAPTIF": "Menguasai aplikasi baru"}},
    )
    assert response.status_code == status_for(role, {"pegawai", "penilai"}, READERS)
    if response.status_code == 200:
        adaptif = [item for item in response.json()["ekspektasi"] if item["kode"] == "ADAPTIF"]
        assert adaptif[0]["ekspektasi"] == "Menguasai aplikasi baru"
        assert selectors.ekspektasi_of(chain.plan)[5]["ekspektasi"] == "Menguasai aplikasi baru"
        return
    assert skp_state() == before


def test_expectations_refusals(agency, client_for):
    chain = build_chain(agency)
    before = skp_state()
    url = f"{BASE}/{chain.plan.pk}/ekspektasi"
    unknown = send(client_for("penilai"), "put", url, {"ekspektasi": {"JUJUR": "x", "LOYAL": ""}})
    assert errors_of(unknown) == {"__all__": ["Nilai BerAKHLAK tidak dikenal: JUJUR."]}
    submitted(chain)
    before = skp_state()
    # Once submitted the owner waits; the appraiser may still write until approval.
    owner = send(client_for("pegawai"), "put", url, {"ekspektasi": {"LOYAL": "x"}})
    assert errors_of(owner) == {
        "__all__": ["SKP sedang diajukan kepada pejabat penilai; tarik kembali untuk mengubahnya."]
    }
    assert skp_state() == before
    appraiser = send(client_for("penilai"), "put", url, {"ekspektasi": {"LOYAL": "Menjaga nama"}})
    assert appraiser.status_code == 200
    services.skp_approve(aktor=aktor_for(agency.penilai), skp=chain.plan)
    before = skp_state()
    late = send(client_for("penilai"), "put", url, {"ekspektasi": {"LOYAL": "x"}})
    assert errors_of(late) == {"__all__": ["SKP sudah disetujui; buka revisi untuk mengubahnya."]}
    assert skp_state() == before


# --- OpenAPI ---------------------------------------------------------------------------------


def test_openapi_lists_every_skp_path(agency, client_for):
    response = client_for("pegawai").get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    ours = {path: sorted(paths[path]) for path in paths if path.startswith(f"{BASE}/")}
    assert ours == {
        f"{BASE}/": ["get", "post"],
        f"{BASE}/saya": ["get"],
        f"{BASE}/{{skp_id}}": ["get", "patch"],
        f"{BASE}/{{skp_id}}/ekspektasi": ["put"],
        f"{BASE}/{{skp_id}}/rhk": ["post"],
        f"{BASE}/rhk/{{rhk_id}}": ["delete", "patch"],
        f"{BASE}/rhk/{{rhk_id}}/iki": ["post"],
        f"{BASE}/iki/{{indikator_id}}": ["delete", "patch"],
        f"{BASE}/{{skp_id}}/ajukan": ["post"],
        f"{BASE}/{{skp_id}}/tarik": ["post"],
        f"{BASE}/{{skp_id}}/setujui": ["post"],
        f"{BASE}/{{skp_id}}/kembalikan": ["post"],
        f"{BASE}/{{skp_id}}/revisi": ["get", "post"],
        f"{BASE}/{{skp_id}}/riwayat": ["get"],
        f"{BASE}/{{skp_id}}/revisi/{{nomor}}": ["get"],
        f"{BASE}/{{skp_id}}/dokumen.pdf": ["get"],
        f"{BASE}/{{skp_id}}/revisi/{{nomor}}/dokumen.pdf": ["get"],
        f"{BASE}/dokumen-massal": ["post"],
        f"{BASE}/bawahan": ["get"],
        f"{BASE}/rhk/{{rhk_id}}/bagikan": ["post"],
        f"{BASE}/rhk/{{rhk_id}}/tautkan": ["post"],
        f"{BASE}/matriks": ["get"],
        f"{BASE}/kelengkapan": ["get"],
        f"{BASE}/kelengkapan/tanpa-skp": ["get"],
        f"{BASE}/sasaran": ["get", "post"],
        f"{BASE}/sasaran/{{sasaran_id}}": ["delete", "put"],
    }
    pdf = paths[f"{BASE}/{{skp_id}}/dokumen.pdf"]["get"]["responses"]["200"]["content"]
    assert list(pdf) == ["application/pdf"]
    detail = response.json()["components"]["schemas"]["SkpDetailOut"]["properties"]
    assert {"may_edit", "may_decide", "masalah_pengajuan", "identitas"} <= set(detail)
