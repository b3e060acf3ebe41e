"""SKP API, the appraiser: the appraisees' plans, pushing an RHK to several appraisees (all or
nothing), linking an appraisee's RHK from the matrix, and the Matriks Peran Hasil."""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.conftest import ROLES
from kinerja.skp import services
from kinerja.skp.models import Rhk, Skp
from kinerja.skp.tests.factories import TAHUN, aktor_for, open_year, plan_with_rhk
from kinerja.skp.tests.helpers import skp_state
from kinerja.skp.tests.test_api import (
    BASE,
    EMPLOYEES,
    READERS,
    Chain,
    build_chain,
    encoded,
    errors_of,
    person,
    pilihan,
    send,
    status_for,
    submitted,
    subordinate,
)

pytestmark = pytest.mark.django_db
APPRAISER = {"penilai"}


def two_column_chain(agency: Any) -> tuple[Chain, Rhk]:
    """Budi's approved plan with RHK-A and RHK-B; Siti's draft supports RHK-A."""
    open_year()
    aktor = aktor_for(agency.penilai)
    leader, leader_rhk = plan_with_rhk(
        agency.penilai, kode="RHK-A", uraian="Terwujudnya layanan SDM yang andal"
    )
    second = services.rhk_create(
        aktor=aktor, skp=leader, uraian="Terkelolanya arsip kepegawaian", kode="RHK-B"
    )
    services.indikator_create(
        aktor=aktor,
        rhk=second,
        aspek="KUANTITAS",
        uraian="Arsip",
        target_nilai="100",
        target_satuan="berkas",
    )
    services.skp_submit(aktor=aktor, skp=leader)
    services.skp_approve(aktor=aktor_for(agency.pegawai), skp=leader)
    plan, rhk = plan_with_rhk(agency.pegawai, rhk_atasan=leader_rhk)
    return Chain(Skp.objects.get(pk=leader.pk), leader_rhk, plan, rhk), second


# --- Appraisees' plans -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_subordinates_matrix(agency, client_for, role):
    chain = build_chain(agency)
    before = skp_state()
    response = client_for(role).get(f"{BASE}/bawahan", {"tahun": TAHUN})
    assert response.status_code == status_for(role, EMPLOYEES, set())
    assert skp_state() == before
    if response.status_code != 200:
        return
    if role != "penilai":
        assert response.json() == []
        return
    plan = Skp.objects.get(pk=chain.plan.pk)
    assert response.json() == [
        {
            "pegawai": person(agency.pegawai),
            "skp": {
                "id": plan.pk,
                "status": pilihan("DRAF", "Draf"),
                "revisi": 1,
                "diajukan_pada": None,
                "disetujui_pada": None,
            },
            "jumlah_rhk": 1,
        }
    ]


def test_subordinates_filter_by_status(agency, client_for):
    chain = build_chain(agency)
    rina = subordinate(agency, "Rina Marlina")
    submitted(chain)
    client = client_for("penilai")

    def names(status: str) -> list[str]:
        response = client.get(f"{BASE}/bawahan", {"tahun": TAHUN, "status": status})
        assert response.status_code == 200
        return [row["pegawai"]["nama"] for row in response.json()]

    assert names("") == ["Rina Marlina", "Siti Aminah"]
    assert names("DIAJUKAN") == ["Siti Aminah"]
    assert names("tanpa_skp") == ["Rina Marlina"]
    assert names("DRAF") == []
    unknown = client.get(f"{BASE}/bawahan", {"status": "BARU"})
    assert errors_of(unknown) == {
        "status": [
            "Status “BARU” tidak dikenal; pilih salah satu: DRAF, DIAJUKAN, DIKEMBALIKAN, "
            "DISETUJUI, TANPA_SKP."
        ]
    }
    assert rina.penilai_id == agency.penilai.pk


@pytest.mark.parametrize("extra", [0, 8])
def test_subordinates_query_count_is_flat(agency, client_for, django_assert_num_queries, extra):
    chain = build_chain(agency)
    for index in range(extra):
        plan_with_rhk(subordinate(agency, f"Bawahan {index:02d}"), rhk_atasan=chain.leader_rhk)
    client = client_for("penilai")
    # Session, user, the scope (roles, employee record, appraisees), the appraisees, their
    # plans with RHK counts.
    with django_assert_num_queries(7):
        response = client.get(f"{BASE}/bawahan", {"tahun": TAHUN})
    assert len(response.json()) == 1 + extra


# --- Push ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_push_matrix(agency, client_for, role):
    chain = build_chain(agency)
    before = skp_state()
    response = send(
        client_for(role),
        "post",
        f"{BASE}/rhk/{chain.leader_rhk.pk}/bagikan",
        {"pegawai": [agency.pegawai.pk]},
    )
    # Only the RHK's owner pushes it; to anyone else it is not theirs to push (404).
    assert response.status_code == status_for(role, APPRAISER, set(), 201)
    if response.status_code != 201:
        assert skp_state() == before
        return
    pushed = Rhk.objects.get(skp=chain.plan, kode="RHK-02")
    assert response.json() == [
        {
            "pegawai": person(agency.pegawai),
            "rhk": {
                "id": pushed.pk,
                "skp_id": chain.plan.pk,
                "kode": "RHK-02",
                "jenis": pilihan("UTAMA", "Utama"),
                "uraian": "Terwujudnya layanan SDM yang andal",
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
            },
        }
    ]


def test_push_creates_plans_where_there_are_none(agency, client_for):
    chain = build_chain(agency)
    rina = subordinate(agency, "Rina Marlina")
    response = send(
        client_for("penilai"),
        "post",
        f"{BASE}/rhk/{chain.leader_rhk.pk}/bagikan",
        {
            "pegawai": [agency.pegawai.pk, rina.pk],
            "uraian": "Data SDM mutakhir",
            "jenis": "TAMBAHAN",
        },
    )
    assert response.status_code == 201
    assert [
        (row["pegawai"]["nama"], row["rhk"]["kode"], row["rhk"]["jenis"]["kode"])
        for row in response.json()
    ] == [("Rina Marlina", "RHK-01", "TAMBAHAN"), ("Siti Aminah", "RHK-02", "TAMBAHAN")]
    rina_plan = Skp.objects.get(pegawai=rina, tahun=TAHUN)
    assert (rina_plan.status, list(rina_plan.rhk.values_list("uraian", "rhk_atasan_id"))) == (
        "DRAF",
        [("Data SDM mutakhir", chain.leader_rhk.pk)],
    )


def test_push_is_all_or_nothing(agency, client_for):
    chain = build_chain(agency)
    rina = subordinate(agency, "Rina Marlina")
    rina_plan, _ = plan_with_rhk(rina, rhk_atasan=chain.leader_rhk)
    services.skp_submit(aktor=aktor_for(rina), skp=rina_plan)
    client = client_for("penilai")
    url = f"{BASE}/rhk/{chain.leader_rhk.pk}/bagikan"
    before = skp_state()
    blocked = send(client, "post", url, {"pegawai": [agency.pegawai.pk, rina.pk]})
    assert errors_of(blocked) == {
        "__all__": [
            "SKP berikut sedang diajukan atau sudah disetujui, sehingga tidak dapat ditambah: "
            "Rina Marlina."
        ]
    }
    stranger = send(client, "post", url, {"pegawai": [agency.pegawai.pk, agency.outsider.pk]})
    assert errors_of(stranger) == {"pegawai": ["Hanya bawahan langsung Anda yang dapat dipilih."]}
    nobody = send(client, "post", url, {"pegawai": []})
    assert errors_of(nobody) == {"pegawai": ["Pilih sekurang-kurangnya satu bawahan."]}
    bad_kind = send(client, "post", url, {"pegawai": [agency.pegawai.pk], "jenis": "LAIN"})
    assert errors_of(bad_kind) == {"jenis": ["Jenis RHK harus Utama atau Tambahan."]}
    assert skp_state() == before
    assert Rhk.objects.filter(skp=chain.plan).count() == 1


# --- Link ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_link_matrix(agency, client_for, role):
    chain, second = two_column_chain(agency)
    before = skp_state()
    response = send(
        client_for(role), "post", f"{BASE}/rhk/{chain.rhk.pk}/tautkan", {"rhk_atasan": second.pk}
    )
    # Readers of Siti's RHK who are not her appraiser get 403; the outsider 404.
    assert response.status_code == status_for(role, APPRAISER, READERS)
    if response.status_code != 200:
        assert skp_state() == before
        return
    assert response.json()["rhk_atasan"] == {
        "id": second.pk,
        "kode": "RHK-B",
        "uraian": "Terkelolanya arsip kepegawaian",
        "pemilik": "Budi Santoso",
    }
    assert Rhk.objects.get(pk=chain.rhk.pk).rhk_atasan_id == second.pk


def test_link_unlinks_and_refuses(agency, client_for):
    chain, _ = two_column_chain(agency)
    client = client_for("penilai")
    url = f"{BASE}/rhk/{chain.rhk.pk}/tautkan"
    unlinked = send(client, "post", url, {"rhk_atasan": None})
    assert (unlinked.status_code, unlinked.json()["rhk_atasan"]) == (200, None)
    _, foreign = plan_with_rhk(agency.outsider)
    before = skp_state()
    assert errors_of(send(client, "post", url, {"rhk_atasan": foreign.pk})) == {
        "rhk_atasan": ["RHK pimpinan harus milik pejabat penilai pegawai ini."]
    }
    services.rhk_update(
        aktor=aktor_for(agency.pegawai),
        rhk=chain.rhk,
        uraian=chain.rhk.uraian,
        jenis="UTAMA",
        kode="RHK-01",
        rhk_atasan_id=chain.leader_rhk.pk,
    )
    submitted(chain)
    before = skp_state()
    assert errors_of(send(client, "post", url, {"rhk_atasan": chain.leader_rhk.pk})) == {
        "__all__": ["SKP sedang diajukan kepada pejabat penilai; tarik kembali untuk mengubahnya."]
    }
    assert skp_state() == before


# --- The matrix ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_matrix_matrix(agency, client_for, role):
    build_chain(agency)
    before = skp_state()
    response = client_for(role).get(f"{BASE}/matriks", {"tahun": TAHUN})
    assert response.status_code == status_for(role, EMPLOYEES, set())
    assert skp_state() == before
    if response.status_code == 200:
        body = response.json()
        # The columns are the caller's own RHKs; the rows their appraisees.
        columns = {"penilai": ["RHK-A"], "pegawai": ["RHK-01"]}.get(role, [])
        rows = ["Siti Aminah"] if role == "penilai" else []
        assert [column["kode"] for column in body["kolom"]] == columns
        assert [row["pegawai"]["nama"] for row in body["baris"]] == rows


def test_matrix_body(agency, client_for):
    chain, second = two_column_chain(agency)
    loose = services.rhk_create(
        aktor=aktor_for(agency.pegawai), skp=chain.plan, uraian="Tugas lain", kode="L-1"
    )
    rina = subordinate(agency, "Rina Marlina")
    body = client_for("penilai").get(f"{BASE}/matriks", {"tahun": TAHUN}).json()
    leader = chain.leader

    def column(rhk: Rhk) -> dict[str, Any]:
        return {
            "id": rhk.pk,
            "kode": rhk.kode,
            "jenis": pilihan("UTAMA", "Utama"),
            "uraian": rhk.uraian,
        }

    assert body == {
        "tahun": TAHUN,
        "skp": {
            "id": leader.pk,
            "status": pilihan("DISETUJUI", "Disetujui"),
            "revisi": 1,
            "diajukan_pada": encoded(leader.diajukan_pada),
            "disetujui_pada": encoded(leader.disetujui_pada),
        },
        "kolom": [column(chain.leader_rhk), column(second)],
        "baris": [
            {
                "pegawai": person(rina),
                "skp": None,
                "jumlah_rhk": 0,
                "sel": [
                    {"rhk_atasan_id": chain.leader_rhk.pk, "rhk": []},
                    {"rhk_atasan_id": second.pk, "rhk": []},
                ],
                "lepas": [],
            },
            {
                "pegawai": person(agency.pegawai),
                "skp": {
                    "id": chain.plan.pk,
                    "status": pilihan("DRAF", "Draf"),
                    "revisi": 1,
                    "diajukan_pada": None,
                    "disetujui_pada": None,
                },
                "jumlah_rhk": 2,
                "sel": [
                    {"rhk_atasan_id": chain.leader_rhk.pk, "rhk": [column(chain.rhk)]},
                    {"rhk_atasan_id": second.pk, "rhk": []},
                ],
                "lepas": [column(loose)],
            },
        ],
        "bendera": [
            {
                "jenis": "rhk_tanpa_intervensi",
                "pesan": "RHK RHK-B “Terkelolanya arsip kepegawaian” belum diintervensi bawahan.",
            },
            {
                "jenis": "rhk_tidak_mendukung",
                "pesan": "RHK L-1 milik Siti Aminah “Tugas lain” tidak mendukung RHK Anda.",
            },
            {"jenis": "tanpa_skp", "pesan": "Rina Marlina belum memiliki SKP."},
            {"jenis": "skp_draf", "pesan": "SKP Siti Aminah masih berstatus draf."},
        ],
    }


@pytest.mark.parametrize("extra", [0, 5])
def test_matrix_query_count_is_flat(agency, client_for, django_assert_num_queries, extra):
    chain = build_chain(agency)
    for index in range(extra):
        plan, _ = plan_with_rhk(
            subordinate(agency, f"Bawahan {index:02d}"), rhk_atasan=chain.leader_rhk
        )
        services.rhk_create(aktor=aktor_for(plan.pegawai), skp=plan, uraian="Tugas lain")
    client = client_for("penilai")
    # Session, user, the scope (roles, employee record, appraisees), the appraiser's plan, its
    # RHKs, the appraisees, their plans, their RHKs.
    with django_assert_num_queries(10):
        response = client.get(f"{BASE}/matriks", {"tahun": TAHUN})
    body = response.json()
    assert len(body["baris"]) == 1 + extra
    assert len(body["bendera"]) == 1 + 2 * extra
