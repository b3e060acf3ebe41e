"""SKP selectors: the people's snapshot, the document dict (JA/JF and JPT), the appraiser's inbox,
the plan list, completion per unit, employees without a plan and the Matriks Peran Hasil, each
with exact rows and a query count that stays flat as the data grows."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import JabatanFactory, PegawaiFactory, pegawai_with_account
from kinerja.skp import selectors, services
from kinerja.skp.models import Skp
from kinerja.skp.tests.factories import SYSTEM, aktor_for, approved_plan, open_year, plan_with_rhk

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    return open_year()


def person(pegawai: Pegawai, nama: str, unit_kode: str, unit_nama: str, jenis: str) -> dict:
    return {
        "id": pegawai.pk,
        "nama": nama,
        "nip": pegawai.nip,
        "golongan": "III/a",
        "jabatan": pegawai.jabatan.nama,
        "jenis_jabatan": jenis,
        "unit_kode": unit_kode,
        "unit_nama": unit_nama,
    }


def kepala(agency) -> Pegawai:
    """Rina, a JPT heading biro, made Budi's appraiser."""
    rina = pegawai_with_account(
        nama="Rina Kusuma",
        unit=agency.biro,
        jabatan=JabatanFactory(nama="Kepala Biro Umum", jenis_jabatan="JPT"),
    )
    Pegawai.objects.filter(pk=agency.penilai.pk).update(penilai=rina)
    agency.penilai.refresh_from_db()
    return rina


def appraisee(agency, nama: str) -> Pegawai:
    return pegawai_with_account(nama=nama, unit=agency.bagian, penilai=agency.penilai)


def berakhlak(**ekspektasi: str) -> list[dict]:
    """The 7 values as shipped, each with the expectation written for it."""
    data = json.loads(selectors.BERAKHLAK_FILE.read_text(encoding="utf-8"))
    return [{**value, "ekspektasi": ekspektasi.get(value["kode"], "")} for value in data["nilai"]]


# --- People and the document -----------------------------------------------------------------


class TestIdentitas:
    def test_the_employee_the_appraiser_and_the_appraisers_superior(
        self, agency, django_assert_num_queries
    ):
        rina = kepala(agency)
        with django_assert_num_queries(3):
            found = selectors.identitas_current(agency.pegawai)
        assert found == {
            "pegawai": person(agency.pegawai, "Siti Aminah", "BU-SDM", "Bagian SDM", "PELAKSANA"),
            "penilai": person(agency.penilai, "Budi Santoso", "BU-SDM", "Bagian SDM", "PELAKSANA"),
            "atasan_penilai": person(rina, "Rina Kusuma", "BU", "Biro Umum", "JPT"),
        }

    def test_fewer_people_fewer_queries(self, agency, django_assert_num_queries):
        with django_assert_num_queries(2):
            siti = selectors.identitas_current(agency.pegawai)
        with django_assert_num_queries(1):
            budi = selectors.identitas_current(agency.penilai)
        assert (siti["penilai"]["nama"], siti["atasan_penilai"]) == ("Budi Santoso", None)
        assert (budi["penilai"], budi["atasan_penilai"]) == (None, None)


class TestDocument:
    @pytest.fixture(autouse=True)
    def agency_settings(self, settings):
        settings.AGENCY_CITY = "Surabaya"
        settings.AGENCY_NAME = "Badan Uji Coba"

    def test_a_ja_jf_plan(self, agency, year, django_assert_num_queries):
        rina = kepala(agency)
        _, leader = plan_with_rhk(agency.penilai, kode="RHK-A", uraian="Layanan SDM prima")
        skp, main = plan_with_rhk(agency.pegawai, rhk_atasan=leader, target="1.250,5")
        aktor = aktor_for(agency.pegawai)
        services.indikator_create(
            aktor=aktor,
            rhk=main,
            aspek="WAKTU",
            uraian="Laporan tepat waktu",
            target_nilai="12",
            target_satuan="bulan",
        )
        extra = services.rhk_create(
            aktor=aktor, skp=skp, uraian="Menata arsip", jenis="TAMBAHAN", kode="T-1"
        )
        services.indikator_create(
            aktor=aktor,
            rhk=extra,
            aspek="KUALITAS",
            uraian="Arsip tertata",
            target_nilai="97,5",
            target_satuan="%",
        )
        services.skp_update(
            aktor=aktor,
            skp=skp,
            pendekatan="KUANTITATIF",
            dukungan_sumber_daya="Anggaran DIPA\n\n Aplikasi arsip ",
            konsekuensi="Teguran tertulis",
        )
        services.ekspektasi_update(
            by_owner=False, aktor=aktor, skp=skp, ekspektasi={"AKUNTABEL": "Tepat waktu"}
        )
        skp = Skp.objects.select_related("pegawai").get(pk=skp.pk)

        # RHKs, indicators, the three people, the expectations.
        with django_assert_num_queries(6):
            dokumen = selectors.skp_document(skp)

        assert dokumen == {
            "tahun": 2026,
            "revisi": 1,
            "status": "DRAF",
            "pendekatan": "KUANTITATIF",
            "pendekatan_label": "Kuantitatif",
            "form": "JA_JF",
            "pegawai": person(agency.pegawai, "Siti Aminah", "BU-SDM", "Bagian SDM", "PELAKSANA"),
            "penilai": person(agency.penilai, "Budi Santoso", "BU-SDM", "Bagian SDM", "PELAKSANA"),
            "atasan_penilai": person(rina, "Rina Kusuma", "BU", "Biro Umum", "JPT"),
            "rhk_utama": [
                {
                    "kode": "RHK-01",
                    "jenis": "UTAMA",
                    "uraian": "Tersusunnya laporan kinerja",
                    "perspektif": "",
                    "perspektif_label": "",
                    "sasaran": None,
                    "rhk_atasan": {
                        "kode": "RHK-A",
                        "uraian": "Layanan SDM prima",
                        "pemilik": "Budi Santoso",
                    },
                    "indikator": [
                        {
                            "aspek": "KUANTITAS",
                            "aspek_label": "Kuantitas",
                            "uraian": "Jumlah laporan yang tersusun",
                            "target_nilai": "1250.5",
                            "target_satuan": "laporan",
                            "target_narasi": "",
                            "target": "1.250,5 laporan",
                        },
                        {
                            "aspek": "WAKTU",
                            "aspek_label": "Waktu",
                            "uraian": "Laporan tepat waktu",
                            "target_nilai": "12",
                            "target_satuan": "bulan",
                            "target_narasi": "",
                            "target": "12 bulan",
                        },
                    ],
                }
            ],
            "rhk_tambahan": [
                {
                    "kode": "T-1",
                    "jenis": "TAMBAHAN",
                    "uraian": "Menata arsip",
                    "perspektif": "",
                    "perspektif_label": "",
                    "sasaran": None,
                    "rhk_atasan": None,
                    "indikator": [
                        {
                            "aspek": "KUALITAS",
                            "aspek_label": "Kualitas",
                            "uraian": "Arsip tertata",
                            "target_nilai": "97.5",
                            "target_satuan": "%",
                            "target_narasi": "",
                            "target": "97,5 %",
                        }
                    ],
                }
            ],
            "perilaku": berakhlak(AKUNTABEL="Tepat waktu"),
            "lampiran": {
                "dukungan_sumber_daya": ["Anggaran DIPA", "Aplikasi arsip"],
                "skema_pertanggungjawaban": [],
                "konsekuensi": ["Teguran tertulis"],
            },
            "disetujui_pada": None,
            "tempat": "Surabaya",
            "instansi": "Badan Uji Coba",
        }
        assert [value["kode"] for value in dokumen["perilaku"]] == [
            "BERORIENTASI_PELAYANAN",
            "AKUNTABEL",
            "KOMPETEN",
            "HARMONIS",
            "LOYAL",
            "ADAPTIF",
            "KOLABORATIF",
        ]
        assert all(len(value["panduan"]) == 3 for value in dokumen["perilaku"])

    def test_a_jpt_plan_with_a_qualitative_approach(self, agency, year):
        head = pegawai_with_account(
            nama="Rina Kusuma",
            unit=agency.biro,
            jabatan=JabatanFactory(nama="Kepala Biro Umum", jenis_jabatan="JPT"),
        )
        goal = services.sasaran_save(
            aktor=SYSTEM, unit=agency.root, tahun=2026, kode="SS-1", uraian="Tata kelola SDM andal"
        )
        skp = services.skp_create(aktor=SYSTEM, pegawai=head, tahun=2026, pendekatan="KUALITATIF")
        rhk = services.rhk_create(
            aktor=SYSTEM,
            skp=skp,
            uraian="Meningkatnya kualitas layanan SDM",
            kode="IKU-1",
            perspektif="PROSES_BISNIS",
            sasaran_id=goal.pk,
        )
        services.indikator_create(
            aktor=SYSTEM,
            rhk=rhk,
            aspek="KUALITAS",
            uraian="Layanan sesuai standar",
            target_narasi="Seluruh layanan memenuhi standar pelayanan",
        )
        services.skp_submit(aktor=SYSTEM, skp=skp)
        services.skp_approve(aktor=SYSTEM, skp=skp)
        skp = Skp.objects.select_related("pegawai").get(pk=skp.pk)

        dokumen = selectors.skp_document(skp)

        assert dokumen["disetujui_pada"] == timezone.localdate(skp.disetujui_pada).isoformat()
        del dokumen["disetujui_pada"]
        assert dokumen == {
            "tahun": 2026,
            "revisi": 1,
            "status": "DISETUJUI",
            "pendekatan": "KUALITATIF",
            "pendekatan_label": "Kualitatif",
            "form": "JPT",
            "pegawai": person(head, "Rina Kusuma", "BU", "Biro Umum", "JPT"),
            "penilai": None,
            "atasan_penilai": None,
            "rhk_utama": [
                {
                    "kode": "IKU-1",
                    "jenis": "UTAMA",
                    "uraian": "Meningkatnya kualitas layanan SDM",
                    "perspektif": "PROSES_BISNIS",
                    "perspektif_label": "Perspektif Proses Bisnis",
                    "sasaran": {"kode": "SS-1", "uraian": "Tata kelola SDM andal"},
                    "rhk_atasan": None,
                    "indikator": [
                        {
                            "aspek": "KUALITAS",
                            "aspek_label": "Kualitas",
                            "uraian": "Layanan sesuai standar",
                            "target_nilai": None,
                            "target_satuan": "",
                            "target_narasi": "Seluruh layanan memenuhi standar pelayanan",
                            "target": "Seluruh layanan memenuhi standar pelayanan",
                        }
                    ],
                }
            ],
            "rhk_tambahan": [],
            "perilaku": berakhlak(),
            "lampiran": {
                "dukungan_sumber_daya": [],
                "skema_pertanggungjawaban": [],
                "konsekuensi": [],
            },
            "tempat": "Surabaya",
            "instansi": "Badan Uji Coba",
        }

    def test_the_query_count_does_not_grow_with_the_plan(
        self, agency, year, django_assert_num_queries
    ):
        skp, _rhk = plan_with_rhk(agency.penilai)
        with django_assert_num_queries(4):
            selectors.skp_document(skp)
        for number in range(8):
            more = services.rhk_create(aktor=SYSTEM, skp=skp, uraian=f"Hasil {number}")
            for aspek in ("KUANTITAS", "KUALITAS", "WAKTU"):
                services.indikator_create(
                    aktor=SYSTEM,
                    rhk=more,
                    aspek=aspek,
                    uraian="x",
                    target_nilai="1",
                    target_satuan="a",
                )
        services.ekspektasi_update(
            by_owner=False, aktor=SYSTEM, skp=skp, ekspektasi={"LOYAL": "x", "ADAPTIF": "y"}
        )
        with django_assert_num_queries(4):
            dokumen = selectors.skp_document(skp)
        assert len(dokumen["rhk_utama"]) == 9
        assert sum(len(item["indikator"]) for item in dokumen["rhk_utama"]) == 25


# --- The appraiser's inbox and the plan list -------------------------------------------------


@pytest.fixture
def team(agency, year):
    """Budi's appraisees: Siti (draft, 1 RHK), Agus (submitted, 2 RHKs), Dewi (none); Eko is
    inactive; Joko is not Budi's. Budi's own plan is approved."""
    _, leader = approved_plan(agency.penilai)
    plan_with_rhk(agency.pegawai, rhk_atasan=leader)
    agus = appraisee(agency, "Agus Salim")
    agus_plan, _ = plan_with_rhk(agus, rhk_atasan=leader)
    extra = services.rhk_create(
        aktor=SYSTEM, skp=agus_plan, uraian="Tambahan", jenis="TAMBAHAN", rhk_atasan_id=leader.pk
    )
    services.indikator_create(
        aktor=SYSTEM, rhk=extra, aspek="WAKTU", uraian="x", target_nilai="1", target_satuan="hari"
    )
    services.skp_submit(aktor=SYSTEM, skp=agus_plan)
    dewi = appraisee(agency, "Dewi Lestari")
    eko = appraisee(agency, "Eko Prasetyo")
    plan_with_rhk(eko, rhk_atasan=leader)
    Pegawai.objects.filter(pk=eko.pk).update(aktif=False)
    plan_with_rhk(agency.outsider)
    return agus, dewi


def inbox(rows) -> list[tuple]:
    return [(row.pegawai.nama, row.skp and row.skp.status, row.jumlah_rhk) for row in rows]


class TestSubordinatePlans:
    @pytest.mark.parametrize(
        ("status", "expected"),
        [
            (
                "",
                [
                    ("Agus Salim", "DIAJUKAN", 2),
                    ("Dewi Lestari", None, 0),
                    ("Siti Aminah", "DRAF", 1),
                ],
            ),
            ("TANPA_SKP", [("Dewi Lestari", None, 0)]),
            ("DRAF", [("Siti Aminah", "DRAF", 1)]),
            ("DIAJUKAN", [("Agus Salim", "DIAJUKAN", 2)]),
            ("DISETUJUI", []),
        ],
    )
    def test_filters(self, agency, team, status, expected, django_assert_num_queries):
        with django_assert_num_queries(2):
            rows = selectors.subordinate_plans(agency.penilai.pk, 2026, status)
        assert inbox(rows) == expected

    def test_another_year_has_no_plans(self, agency, team):
        assert inbox(selectors.subordinate_plans(agency.penilai.pk, 2025)) == [
            ("Agus Salim", None, 0),
            ("Dewi Lestari", None, 0),
            ("Siti Aminah", None, 0),
        ]

    def test_the_query_count_stays_flat(self, agency, team, django_assert_num_queries):
        for number in range(10):
            plan_with_rhk(appraisee(agency, f"Tambahan {number:02d}"))
        with django_assert_num_queries(2):
            rows = selectors.subordinate_plans(agency.penilai.pk, 2026)
        assert len(rows) == 13


def plan_list(scope, **filters) -> list[tuple]:
    return [
        (skp.pegawai.nama, skp.status) for skp in selectors.skp_list(scope, tahun=2026, **filters)
    ]


class TestSkpList:
    def test_filters(self, agency, team):
        scope = scope_for(agency.superuser)
        assert plan_list(scope) == [
            ("Agus Salim", "DIAJUKAN"),
            ("Budi Santoso", "DISETUJUI"),
            ("Eko Prasetyo", "DRAF"),
            ("Joko Widodo", "DRAF"),
            ("Siti Aminah", "DRAF"),
        ]
        assert plan_list(scope, unit=agency.lain) == [("Joko Widodo", "DRAF")]
        assert plan_list(scope, unit=agency.biro, status="DRAF") == [
            ("Eko Prasetyo", "DRAF"),
            ("Siti Aminah", "DRAF"),
        ]
        assert plan_list(scope, cari=" siti ") == [("Siti Aminah", "DRAF")]
        assert plan_list(scope, cari=agency.outsider.nip[:10]) == [("Joko Widodo", "DRAF")]
        assert plan_list(scope, cari="Tidak Ada") == []
        assert list(selectors.skp_list(scope, tahun=2025)) == []

    def test_by_scope(self, agency, team):
        assert plan_list(scope_for(agency.pegawai.pengguna)) == [
            ("Budi Santoso", "DISETUJUI"),
            ("Siti Aminah", "DRAF"),
        ]
        assert plan_list(scope_for(agency.outsider.pengguna)) == [("Joko Widodo", "DRAF")]
        assert [name for name, _ in plan_list(scope_for(agency.admin))] == [
            "Agus Salim",
            "Budi Santoso",
            "Eko Prasetyo",
            "Siti Aminah",
        ]
        assert plan_list(scope_for(None)) == []

    def test_the_query_count_stays_flat(self, agency, team, django_assert_num_queries):
        superuser, siti = scope_for(agency.superuser), scope_for(agency.pegawai.pengguna)
        with django_assert_num_queries(1):
            plan_list(superuser)
        with django_assert_num_queries(2):  # the appraiser's id, then the list
            plan_list(siti)
        for number in range(10):
            plan_with_rhk(appraisee(agency, f"Tambahan {number:02d}"))
        with django_assert_num_queries(1):
            assert len(plan_list(superuser)) == 15
        with django_assert_num_queries(2):
            assert len(plan_list(siti)) == 2


# --- Completion ------------------------------------------------------------------------------


@pytest.fixture
def completion_data(agency, year):
    """bagian: Budi approved, Siti draft, Agus submitted, Dewi none (a 2025 plan only);
    biro: Rina approved; lain: Joko draft; an inactive employee's plan is left out."""
    open_year(2025)
    rina = pegawai_with_account(
        nama="Rina Kusuma", unit=agency.biro, jabatan=JabatanFactory(jenis_jabatan="JPT")
    )
    approved_plan(rina, perspektif="ANGGARAN")
    _, leader = approved_plan(agency.penilai)
    plan_with_rhk(agency.pegawai, rhk_atasan=leader)
    agus = appraisee(agency, "Agus Salim")
    agus_plan, _ = plan_with_rhk(agus, rhk_atasan=leader)
    services.skp_submit(aktor=SYSTEM, skp=agus_plan)
    dewi = appraisee(agency, "Dewi Lestari")
    plan_with_rhk(dewi, tahun=2025)
    plan_with_rhk(agency.outsider)
    gone = PegawaiFactory(nama="Pensiunan", unit=agency.bagian)
    plan_with_rhk(gone)
    Pegawai.objects.filter(pk=gone.pk).update(aktif=False)
    return rina, dewi


def completion_rows(rows) -> list[tuple]:
    return [
        (
            row.unit.kode,
            row.langsung,
            row.jumlah_pegawai,
            dict(sorted(row.per_status.items())),
            row.tanpa_skp,
            row.persen_disetujui,
        )
        for row in rows
    ]


class TestCompletion:
    def test_the_top_units_a_scope_reads(self, agency, completion_data, django_assert_num_queries):
        superuser = scope_for(agency.superuser)
        with django_assert_num_queries(3):
            rows = selectors.completion(superuser, tahun=2026)
        assert completion_rows(rows) == [
            ("SET", False, 6, {"DIAJUKAN": 1, "DISETUJUI": 2, "DRAF": 2}, 1, 33),
        ]
        biro = [("BU", False, 5, {"DIAJUKAN": 1, "DISETUJUI": 2, "DRAF": 1}, 1, 40)]
        assert completion_rows(selectors.completion(scope_for(agency.admin), tahun=2026)) == biro
        assert completion_rows(selectors.completion(scope_for(agency.pimpinan), tahun=2026)) == biro

    def test_a_drill_down_shows_the_units_own_employees_then_each_child(
        self, agency, completion_data, django_assert_num_queries
    ):
        superuser = scope_for(agency.superuser)
        with django_assert_num_queries(3):
            rows = selectors.completion(superuser, tahun=2026, induk=agency.root)
        # The parent's own row, then the children by code.
        assert completion_rows(rows) == [
            ("SET", True, 0, {}, 0, 0),
            ("BL", False, 1, {"DRAF": 1}, 0, 0),
            ("BU", False, 5, {"DIAJUKAN": 1, "DISETUJUI": 2, "DRAF": 1}, 1, 40),
        ]
        assert completion_rows(
            selectors.completion(scope_for(agency.admin), tahun=2026, induk=agency.biro)
        ) == [
            ("BU", True, 1, {"DISETUJUI": 1}, 0, 100),
            ("BU-SDM", False, 4, {"DIAJUKAN": 1, "DISETUJUI": 1, "DRAF": 1}, 1, 25),
        ]

    def test_another_year(self, agency, completion_data):
        rows = selectors.completion(scope_for(agency.superuser), tahun=2025)
        assert completion_rows(rows) == [("SET", False, 6, {"DRAF": 1}, 5, 0)]

    def test_the_query_count_stays_flat(self, agency, completion_data, django_assert_num_queries):
        from kinerja.organisasi.tests.factories import UnitFactory

        units = []
        for number in range(5):
            unit = UnitFactory(kode=f"X{number}", nama=f"Unit {number}", induk=agency.lain)
            units.append(unit)
            for _ in range(3):
                plan_with_rhk(PegawaiFactory(unit=unit))
        superuser = scope_for(agency.superuser)
        with django_assert_num_queries(3):
            rows = selectors.completion(superuser, tahun=2026)
        assert completion_rows(rows) == [
            ("SET", False, 21, {"DIAJUKAN": 1, "DISETUJUI": 2, "DRAF": 17}, 1, 10),
        ]
        with django_assert_num_queries(3):
            rows = selectors.completion(superuser, tahun=2026, induk=agency.lain)
        assert [row.unit.kode for row in rows] == [
            "BL",
            *(unit.kode for unit in sorted(units, key=lambda unit: unit.kode)),
        ]
        assert [row.jumlah_pegawai for row in rows] == [1, 3, 3, 3, 3, 3]


class TestEmployeesWithoutPlan:
    def test_by_unit_and_scope(self, agency, completion_data, django_assert_num_queries):
        _, dewi = completion_data
        lina = PegawaiFactory(nama="Lina Marlina", unit=agency.lain)
        PegawaiFactory(nama="Tidak Aktif", unit=agency.lain, aktif=False)
        superuser = scope_for(agency.superuser)
        with django_assert_num_queries(1):
            found = list(selectors.employees_without_plan(superuser, tahun=2026, unit=agency.root))
        assert found == [lina, dewi]  # higher units first, then by code
        assert list(
            selectors.employees_without_plan(superuser, tahun=2026, unit=agency.bagian)
        ) == [dewi]
        admin = scope_for(agency.admin)
        assert list(selectors.employees_without_plan(admin, tahun=2026, unit=agency.root)) == [dewi]
        assert [
            p.nama
            for p in selectors.employees_without_plan(superuser, tahun=2025, unit=agency.biro)
        ] == [
            "Rina Kusuma",
            "Agus Salim",
            "Budi Santoso",
            "Siti Aminah",
        ]


# --- Matriks Peran Hasil ---------------------------------------------------------------------


@pytest.fixture
def matrix_data(agency, year):
    """Budi's plan: RHK-A, RHK-B (main) and RHK-C (additional). Siti's RHK-01 and RHK-02 support
    RHK-A, her RHK-03 supports nothing; Agus's RHK-01 supports RHK-B; Dewi has no plan."""
    budi_plan, rhk_a = plan_with_rhk(agency.penilai, kode="RHK-A", uraian="Layanan SDM")
    rhk_b = services.rhk_create(aktor=SYSTEM, skp=budi_plan, kode="RHK-B", uraian="Data SDM")
    rhk_c = services.rhk_create(
        aktor=SYSTEM, skp=budi_plan, kode="RHK-C", uraian="Rapat koordinasi", jenis="TAMBAHAN"
    )
    siti_plan, siti_1 = plan_with_rhk(agency.pegawai, rhk_atasan=rhk_a)
    siti_2 = services.rhk_create(
        aktor=SYSTEM, skp=siti_plan, uraian="Usulan", rhk_atasan_id=rhk_a.pk
    )
    siti_3 = services.rhk_create(aktor=SYSTEM, skp=siti_plan, uraian="Piket kantor")
    agus = appraisee(agency, "Agus Salim")
    _, agus_1 = plan_with_rhk(agus, rhk_atasan=rhk_b)
    dewi = appraisee(agency, "Dewi Lestari")
    return {
        "columns": (rhk_a, rhk_b, rhk_c),
        "siti": (siti_1, siti_2, siti_3),
        "agus": (agus, agus_1),
        "dewi": dewi,
        "plan": budi_plan,
    }


class TestMatrix:
    def test_cells_loose_results_and_flags(self, agency, matrix_data, django_assert_num_queries):
        rhk_a, rhk_b, rhk_c = matrix_data["columns"]
        siti_1, siti_2, siti_3 = matrix_data["siti"]
        agus, agus_1 = matrix_data["agus"]
        siti = agency.pegawai

        with django_assert_num_queries(5):
            found = selectors.matrix(agency.penilai.pk, 2026)

        assert (found.tahun, found.skp) == (2026, matrix_data["plan"])
        assert found.kolom == [rhk_a, rhk_b, rhk_c]
        assert inbox(found.baris) == [
            ("Agus Salim", "DRAF", 1),
            ("Dewi Lestari", None, 0),
            ("Siti Aminah", "DRAF", 3),
        ]
        assert found.sel == {(siti.pk, rhk_a.pk): [siti_1, siti_2], (agus.pk, rhk_b.pk): [agus_1]}
        assert found.lepas == {siti.pk: [siti_3]}
        assert [(flag.jenis, flag.pesan) for flag in found.bendera] == [
            (
                "rhk_tanpa_intervensi",
                "RHK RHK-C \u201cRapat koordinasi\u201d belum diintervensi bawahan.",
            ),
            (
                "rhk_tidak_mendukung",
                "RHK RHK-03 milik Siti Aminah \u201cPiket kantor\u201d tidak mendukung RHK Anda.",
            ),
            ("skp_draf", "SKP Agus Salim masih berstatus draf."),
            ("tanpa_skp", "Dewi Lestari belum memiliki SKP."),
            ("skp_draf", "SKP Siti Aminah masih berstatus draf."),
        ]

    def test_without_the_appraisers_plan_every_result_is_loose(
        self, agency, year, django_assert_num_queries
    ):
        _, rhk = plan_with_rhk(agency.pegawai)
        with django_assert_num_queries(4):
            found = selectors.matrix(agency.penilai.pk, 2026)
        assert (found.skp, found.kolom, found.sel) == (None, [], {})
        assert found.lepas == {agency.pegawai.pk: [rhk]}
        assert [flag.jenis for flag in found.bendera] == ["rhk_tidak_mendukung", "skp_draf"]

    def test_the_query_count_stays_flat(self, agency, matrix_data, django_assert_num_queries):
        rhk_a = matrix_data["columns"][0]
        for number in range(8):
            skp, _ = plan_with_rhk(appraisee(agency, f"Tambahan {number:02d}"), rhk_atasan=rhk_a)
            services.rhk_create(aktor=SYSTEM, skp=skp, uraian="Lain")
        services.rhk_create(aktor=SYSTEM, skp=matrix_data["plan"], uraian="RHK baru")
        with django_assert_num_queries(5):
            found = selectors.matrix(agency.penilai.pk, 2026)
        assert (len(found.kolom), len(found.baris)) == (4, 11)
        assert len(found.sel[(agency.pegawai.pk, rhk_a.pk)]) == 2
        # RHK-C and the new RHK unsupported; 9 loose RHKs; 10 plans in draft; Dewi without one.
        assert [flag.jenis for flag in found.bendera].count("rhk_tanpa_intervensi") == 2
        assert [flag.jenis for flag in found.bendera].count("rhk_tidak_mendukung") == 9
        assert [flag.jenis for flag in found.bendera].count("skp_draf") == 10
        assert [flag.jenis for flag in found.bendera].count("tanpa_skp") == 1
        assert len(found.bendera) == 22


# --- Smaller reads ---------------------------------------------------------------------------


class TestSmallerReads:
    def test_choices_for_cascading_and_goals(self, agency, year):
        open_year(2025)
        budi_plan, first = plan_with_rhk(agency.penilai, kode="RHK-A")
        extra = services.rhk_create(aktor=SYSTEM, skp=budi_plan, uraian="x", jenis="TAMBAHAN")
        second = services.rhk_create(aktor=SYSTEM, skp=budi_plan, uraian="y")
        plan_with_rhk(agency.penilai, tahun=2025)
        skp = services.skp_create(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026)
        assert selectors.penilai_rhk_choices(skp) == [first, second, extra]
        assert selectors.penilai_skp(skp) == budi_plan
        # Budi has no appraiser: nothing to cascade from.
        assert (selectors.penilai_rhk_choices(budi_plan), selectors.penilai_skp(budi_plan)) == (
            [],
            None,
        )
        goals = [
            services.sasaran_save(aktor=SYSTEM, unit=unit, tahun=2026, kode=kode, uraian=kode)
            for unit, kode in (
                (agency.root, "R-1"),
                (agency.bagian, "G-1"),
                (agency.biro, "B-1"),
                (agency.lain, "L-1"),
                (agency.bagian, "G-2"),
            )
        ]
        services.sasaran_save(aktor=SYSTEM, unit=agency.bagian, tahun=2025, kode="OLD", uraian="x")
        assert [g.kode for g in selectors.sasaran_choices(skp)] == ["G-1", "G-2", "B-1", "R-1"]
        assert selectors.sasaran_list(unit=agency.bagian, tahun=2026) == [goals[1], goals[4]]

    def test_years_history_and_revisions(self, agency, year):
        open_year(2025)
        plan_with_rhk(agency.penilai, tahun=2025)
        skp, _ = approved_plan(agency.penilai)
        assert selectors.skp_years(agency.penilai.pk) == [2026, 2025]
        assert selectors.skp_find(agency.penilai.pk, 2026) == skp
        assert selectors.skp_find(agency.pegawai.pk, 2026) is None
        assert [(r.aksi, r.status) for r in selectors.skp_history(skp)] == [
            ("DISETUJUI", "DISETUJUI"),
            ("DIAJUKAN", "DIAJUKAN"),
            ("DIBUAT", "DRAF"),
        ]
        assert [r.nomor for r in selectors.skp_revisions(skp)] == [1]
        assert selectors.skp_revision(skp, 2) is None
        assert selectors.year_settings(2026) == year
        assert selectors.year_settings(2030) is None
