"""Selectors: the unit tree, the employee list's filters, chains and histories, query counts."""

from __future__ import annotations

import datetime
import itertools

import pytest

from kinerja.organisasi import selectors, services
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, Pengecualian
from kinerja.organisasi.tests.factories import JabatanFactory, PegawaiFactory, UnitFactory
from kinerja.organisasi.tests.helpers import DAY, aktor_of

pytestmark = pytest.mark.django_db


def fresh_scope(user):
    """The scope computed before the measured block (it is cached on the user)."""
    scope = scope_for(user)
    return scope


def names(employees) -> list[str]:
    return [pegawai.nama for pegawai in employees]


class TestUnitTree:
    def test_the_whole_tree_with_counts_in_two_queries(self, agency, django_assert_num_queries):
        PegawaiFactory(nama="Kepala Biro", unit=agency.biro)
        PegawaiFactory(nama="Pensiunan", unit=agency.biro, aktif=False)
        scope = fresh_scope(agency.superuser)

        with django_assert_num_queries(2):
            roots = selectors.unit_tree(scope)

        [root] = roots
        assert (root.kode, root.jumlah_pegawai, root.jumlah_pegawai_total) == ("SET", 0, 4)
        assert [child.kode for child in root.anak] == ["BL", "BU"]
        lain, biro = root.anak
        assert (lain.jumlah_pegawai, lain.jumlah_pegawai_total, lain.anak) == (1, 1, [])
        assert (biro.jumlah_pegawai, biro.jumlah_pegawai_total) == (1, 3)
        [bagian] = biro.anak
        assert (
            bagian.nama,
            bagian.kedalaman,
            bagian.jumlah_pegawai,
            bagian.jumlah_pegawai_total,
        ) == (
            "Bagian SDM",
            2,
            2,
            2,
        )
        flat = selectors.unit_tree_flat(roots)
        assert [node.kode for node in flat] == ["SET", "BL", "BU", "BU-SDM"]

    def test_the_query_count_does_not_grow_with_the_tree(self, agency, django_assert_num_queries):
        for index in range(30):
            unit = UnitFactory(kode=f"X{index:02d}", induk=agency.bagian)
            PegawaiFactory(unit=unit)
        scope = fresh_scope(agency.superuser)
        with django_assert_num_queries(2):
            roots = selectors.unit_tree(scope)
        assert roots[0].jumlah_pegawai_total == 33

    def test_an_admin_sees_the_subtree_from_their_unit(self, agency):
        roots = selectors.unit_tree(scope_for(agency.admin))
        assert [(root.kode, root.jumlah_pegawai_total) for root in roots] == [("BU", 2)]
        assert [child.kode for child in roots[0].anak] == ["BU-SDM"]

    def test_breadcrumb_and_children(self, agency):
        assert [unit.kode for unit in selectors.unit_breadcrumb(agency.bagian)] == ["SET", "BU"]
        assert selectors.unit_breadcrumb(agency.root) == []
        children = list(selectors.unit_children(agency.root))
        assert [(unit.kode, unit.jumlah_pegawai, unit.jumlah_anak) for unit in children] == [
            ("BL", 1, 0),
            ("BU", 0, 1),
        ]
        assert selectors.unit_employee_count(agency.biro) == (0, 2)


class TestPegawaiList:
    @pytest.fixture
    def people(self, agency):
        fungsional = JabatanFactory(
            nama="Analis SDM", jenis_jabatan="FUNGSIONAL", jenjang="AHLI_MUDA"
        )
        return {
            "analis": PegawaiFactory(
                nama="Ahmad Fauzi",
                unit=agency.bagian,
                jabatan=fungsional,
                status_kepegawaian="PPPK",
                golongan="IX",
            ),
            "kepala": PegawaiFactory(nama="Dewi Lestari", unit=agency.biro),
            "nonaktif": PegawaiFactory(nama="Bambang Nonaktif", unit=agency.bagian, aktif=False),
            "cuti": PegawaiFactory(nama="Citra Cuti", unit=agency.bagian),
        }

    @pytest.fixture
    def scope(self, agency, people):
        Pengecualian.objects.create(pegawai=people["cuti"], jenis="CUTI_BESAR", mulai=DAY)
        Pengecualian.objects.create(
            pegawai=people["kepala"],
            jenis="CUTI_BESAR",
            mulai=DAY,
            sampai=datetime.date(2025, 8, 1),
        )
        return scope_for(agency.superuser)

    def test_everything_sorted_by_name(self, agency, scope):
        assert names(selectors.pegawai_list(scope)) == [
            "Ahmad Fauzi",
            "Bambang Nonaktif",
            "Budi Santoso",
            "Citra Cuti",
            "Dewi Lestari",
            "Joko Widodo",
            "Siti Aminah",
        ]

    @pytest.mark.parametrize(
        ("filters", "expected"),
        [
            ({"query": "siti"}, ["Siti Aminah"]),
            ({"query": "  AMINAH "}, ["Siti Aminah"]),
            ({"query": "tidak ada"}, []),
            ({"jenis_jabatan": "FUNGSIONAL"}, ["Ahmad Fauzi"]),
            ({"status_kepegawaian": "PPPK"}, ["Ahmad Fauzi"]),
            ({"status": "nonaktif"}, ["Bambang Nonaktif"]),
            ({"status": "dikecualikan"}, ["Citra Cuti"]),
            (
                {"status": "aktif"},
                ["Ahmad Fauzi", "Budi Santoso", "Dewi Lestari", "Joko Widodo", "Siti Aminah"],
            ),
        ],
    )
    def test_filters(self, scope, filters, expected):
        assert names(selectors.pegawai_list(scope, **filters)) == expected

    def test_by_part_of_the_nip(self, agency, scope):
        nip = agency.outsider.nip
        assert names(selectors.pegawai_list(scope, query=nip)) == ["Joko Widodo"]
        assert names(selectors.pegawai_list(scope, query=f"{nip[:8]} {nip[8:14]}")) == [
            "Joko Widodo"
        ]

    def test_by_unit_with_and_without_subunits(self, agency, scope):
        assert names(selectors.pegawai_list(scope, unit_id=agency.biro.pk)) == ["Dewi Lestari"]
        assert names(
            selectors.pegawai_list(scope, unit_id=agency.biro.pk, include_subunits=True)
        ) == [
            "Ahmad Fauzi",
            "Bambang Nonaktif",
            "Budi Santoso",
            "Citra Cuti",
            "Dewi Lestari",
            "Siti Aminah",
        ]
        assert names(selectors.pegawai_list(scope, unit_id=99999, include_subunits=True)) == []

    def test_the_list_is_scoped(self, agency, people):
        admin_scope = scope_for(agency.admin)
        assert "Joko Widodo" not in names(selectors.pegawai_list(admin_scope))
        assert names(selectors.pegawai_list(admin_scope, unit_id=agency.lain.pk)) == []
        assert names(selectors.pegawai_list(scope_for(agency.penilai.pengguna))) == [
            "Budi Santoso",
            "Siti Aminah",
        ]

    def test_one_query_for_a_page_with_related_rows_and_exclusions(
        self, agency, scope, django_assert_num_queries
    ):
        for index in range(20):
            PegawaiFactory(unit=agency.bagian, penilai=agency.penilai, nama=f"Tambahan {index}")
        with django_assert_num_queries(1):
            rows = [
                (
                    pegawai.unit.nama,
                    pegawai.jabatan.nama,
                    pegawai.penilai and pegawai.penilai.nama,
                    pegawai.pengecualian_jenis,
                )
                for pegawai in selectors.pegawai_list(scope)
            ]
        assert len(rows) == 27
        assert ("Bagian SDM", rows[3][1], None, "CUTI_BESAR") == rows[3]

    def test_the_exclusion_in_effect_today_is_annotated(self, scope, people):
        found = {
            pegawai.nama: (pegawai.pengecualian_jenis, pegawai.pengecualian_sampai)
            for pegawai in selectors.pegawai_list(scope)
        }
        assert found["Citra Cuti"] == ("CUTI_BESAR", None)
        assert found["Dewi Lestari"] == (None, None)


class TestChainsAndHistories:
    def test_the_appraiser_chain(self, agency, django_assert_max_num_queries):
        top = PegawaiFactory(nama="Kepala Badan", unit=agency.root)
        middle = PegawaiFactory(nama="Kepala Biro", unit=agency.biro, penilai=top)
        Pegawai.objects.filter(pk=agency.penilai.pk).update(penilai=middle)
        with django_assert_max_num_queries(3):
            chain = selectors.penilai_chain(agency.pegawai)
        assert names(chain) == ["Budi Santoso", "Kepala Biro", "Kepala Badan"]
        assert names(selectors.penilai_chain(top)) == []

    def test_a_long_chain_is_cut_at_the_limit(self, agency):
        people = [PegawaiFactory(nama=f"P{index:02d}", unit=agency.root) for index in range(30)]
        for lower, upper in itertools.pairwise(people):
            Pegawai.objects.filter(pk=lower.pk).update(penilai=upper)
        assert names(selectors.penilai_chain(people[0], limit=5)) == [
            "P01",
            "P02",
            "P03",
            "P04",
            "P05",
        ]
        assert len(selectors.penilai_chain(people[0])) == 20

    def test_a_corrupt_cycle_does_not_loop(self, agency):
        Pegawai.objects.filter(pk=agency.penilai.pk).update(penilai=agency.pegawai)
        assert names(selectors.penilai_chain(agency.pegawai)) == ["Budi Santoso"]

    def test_appraiser_on_a_day_from_the_history(self, agency):
        services.penilai_assign(
            aktor=aktor_of(agency.superuser),
            pegawai=agency.pegawai,
            penilai=agency.outsider,
            berlaku_mulai=DAY,
        )
        assert selectors.penilai_on(agency.pegawai, datetime.date(2023, 12, 31)) is None
        assert selectors.penilai_on(agency.pegawai, datetime.date(2024, 1, 1)) == agency.penilai
        assert (
            selectors.penilai_on(agency.pegawai, DAY - datetime.timedelta(days=1)) == agency.penilai
        )
        assert selectors.penilai_on(agency.pegawai, DAY) == agency.outsider
        rows = list(selectors.riwayat_penilai(agency.pegawai))
        assert [(row.penilai, row.mulai) for row in rows] == [
            (agency.outsider, DAY),
            (agency.penilai, datetime.date(2024, 1, 1)),
        ]

    def test_position_history_newest_first(self, agency):
        services.pegawai_update(
            aktor=aktor_of(agency.superuser),
            pegawai=agency.pegawai,
            nip=agency.pegawai.nip,
            nama="Siti Aminah",
            status_kepegawaian="PNS",
            golongan="III/a",
            unit=agency.biro,
            jabatan_nama="Kepala Subbagian",
            jenis_jabatan="PENGAWAS",
            jenjang="",
            kelas_jabatan=9,
            aktif=True,
            berlaku_mulai=DAY,
        )
        rows = [
            (row.unit.kode, row.jabatan.nama, row.mulai, row.sampai)
            for row in selectors.riwayat_jabatan(agency.pegawai)
        ]
        assert rows == [
            ("BU", "Kepala Subbagian", DAY, None),
            ("BU-SDM", agency.pegawai.jabatan.nama, datetime.date(2024, 1, 1), DAY),
        ]

    def test_bawahan_are_the_active_appraisees(self, agency):
        PegawaiFactory(nama="Mantan", unit=agency.bagian, penilai=agency.penilai, aktif=False)
        assert names(selectors.bawahan(agency.penilai)) == ["Siti Aminah"]
        assert names(selectors.bawahan(agency.pegawai)) == []

    def test_exclusions_with_their_state_today(self, agency):
        Pengecualian.objects.create(
            pegawai=agency.pegawai,
            jenis="CUTI_BESAR",
            mulai=datetime.date(2024, 2, 1),
            sampai=datetime.date(2024, 3, 1),
        )
        Pengecualian.objects.create(pegawai=agency.pegawai, jenis="TUGAS_BELAJAR", mulai=DAY)
        assert [
            (item.jenis, item.berlaku) for item in selectors.pengecualian_of(agency.pegawai)
        ] == [
            ("TUGAS_BELAJAR", True),
            ("CUTI_BESAR", False),
        ]

    def test_nip_parts(self, agency):
        parts = selectors.nip_parts(agency.pegawai)
        assert parts is not None
        assert parts.jenis_kelamin == 1
        Pegawai.objects.filter(pk=agency.pegawai.pk).update(nip="123")
        agency.pegawai.refresh_from_db()
        assert selectors.nip_parts(agency.pegawai) is None
