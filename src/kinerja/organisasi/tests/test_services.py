"""Services: every write validated, all-or-nothing, with its history rows and audit entries."""

from __future__ import annotations

import datetime
import itertools
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from kinerja.audit.models import Entri
from kinerja.organisasi import services
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.models import (
    Jabatan,
    Pegawai,
    Pengecualian,
    Peran,
    RiwayatJabatan,
    RiwayatPenilai,
    Unit,
)
from kinerja.organisasi.tests.factories import (
    JabatanFactory,
    PegawaiFactory,
    PenggunaFactory,
    UnitFactory,
    make_nip,
)
from kinerja.organisasi.tests.helpers import DAY, aktor_of, database_state, last_entries

pytestmark = pytest.mark.django_db
START = datetime.date(2024, 1, 1)


@pytest.fixture
def boss(agency):
    return aktor_of(agency.superuser)


def refused(call, **expected_errors):
    """Run a call that must be refused with exactly these field messages, changing nothing."""
    before = database_state()
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.message_dict == {key: [value] for key, value in expected_errors.items()}
    assert database_state() == before


# --- Units ---------------------------------------------------------------------------------------


class TestUnitCreate:
    def test_path_depth_and_audit(self, agency, boss):
        unit = services.unit_create(
            aktor=boss, kode=" BU-TU ", nama=" Bagian   Tata Usaha ", induk=agency.biro
        )

        unit.refresh_from_db()
        assert (unit.kode, unit.nama, unit.induk_id) == (
            "BU-TU",
            "Bagian Tata Usaha",
            agency.biro.pk,
        )
        assert unit.jalur == f"/{agency.root.pk}/{agency.biro.pk}/{unit.pk}/"
        assert unit.kedalaman == 2
        [entry] = last_entries(1)
        assert (entry.aksi, entry.objek_tipe, entry.objek_id) == (
            "unit.create",
            "organisasi.unit",
            str(unit.pk),
        )
        assert entry.aktor_label == f"Super Admin ({agency.superuser.nip})"
        assert entry.alamat_ip == "10.1.2.3"
        assert entry.sebelum is None
        assert entry.sesudah == {
            "kode": "BU-TU",
            "nama": "Bagian Tata Usaha",
            "induk": "BU \N{EN DASH} Biro Umum",
            "jalur": unit.jalur,
            "aktif": True,
        }

    def test_a_root_unit(self, agency, boss):
        unit = services.unit_create(aktor=boss, kode="INS", nama="Inspektorat", induk=None)
        assert (unit.jalur, unit.kedalaman, unit.induk_id) == (f"/{unit.pk}/", 0, None)

    def test_refusals(self, agency, boss):
        refused(
            lambda: services.unit_create(aktor=boss, kode="bu", nama="", induk=agency.root),
            kode="Kode unit BU sudah dipakai unit lain.".replace("BU", "bu"),
            nama="Nama unit wajib diisi.",
        )
        refused(
            lambda: services.unit_create(aktor=boss, kode="", nama="X", induk=None),
            kode="Kode unit wajib diisi.",
        )
        refused(
            lambda: services.unit_create(aktor=boss, kode="K" * 51, nama="X", induk=None),
            kode="Kode unit paling banyak 50 karakter.",
        )
        Unit.objects.filter(pk=agency.lain.pk).update(aktif=False)
        refused(
            lambda: services.unit_create(aktor=boss, kode="BL-1", nama="X", induk=agency.lain),
            induk="Unit induk Biro Lain tidak aktif.",
        )


class TestUnitUpdate:
    def test_rename_audits_only_what_changed(self, agency, boss):
        services.unit_update(
            aktor=boss,
            unit=agency.biro,
            nama="Biro Umum dan Keuangan",
            induk=agency.root,
            aktif=True,
        )

        [entry] = last_entries(1)
        assert entry.aksi == "unit.update"
        assert entry.sebelum == {"nama": "Biro Umum"}
        assert entry.sesudah == {"nama": "Biro Umum dan Keuangan"}
        assert entry.keterangan == ""

    def test_nothing_changed_writes_nothing(self, agency, boss):
        before = database_state()
        services.unit_update(
            aktor=boss, unit=agency.biro, nama="Biro Umum", induk=agency.root, aktif=True
        )
        assert database_state() == before

    def test_a_move_rewrites_the_paths_of_the_whole_subtree(self, agency, boss):
        deeper = UnitFactory(kode="BU-SDM-1", induk=agency.bagian)
        root, lain, biro, bagian = agency.root.pk, agency.lain.pk, agency.biro.pk, agency.bagian.pk

        moved = services.unit_update(
            aktor=boss, unit=agency.biro, nama="Biro Umum", induk=agency.lain, aktif=True
        )

        assert moved.jalur == f"/{root}/{lain}/{biro}/"
        paths = dict(Unit.objects.values_list("pk", "jalur"))
        depths = dict(Unit.objects.values_list("pk", "kedalaman"))
        assert paths == {
            root: f"/{root}/",
            lain: f"/{root}/{lain}/",
            biro: f"/{root}/{lain}/{biro}/",
            bagian: f"/{root}/{lain}/{biro}/{bagian}/",
            deeper.pk: f"/{root}/{lain}/{biro}/{bagian}/{deeper.pk}/",
        }
        assert depths == {root: 0, lain: 1, biro: 2, bagian: 3, deeper.pk: 4}
        [entry] = last_entries(1)
        assert entry.aksi == "unit.move"
        assert entry.sebelum == {
            "induk": "SET \N{EN DASH} Sekretariat Badan",
            "jalur": f"/{root}/{biro}/",
        }
        assert entry.sesudah == {
            "induk": "BL \N{EN DASH} Biro Lain",
            "jalur": f"/{root}/{lain}/{biro}/",
        }
        assert entry.keterangan == "3 unit ikut dipindahkan."

    def test_a_move_to_the_top(self, agency, boss):
        bagian = services.unit_update(
            aktor=boss, unit=agency.bagian, nama="Bagian SDM", induk=None, aktif=True
        )
        assert (bagian.jalur, bagian.kedalaman, bagian.induk_id) == (
            f"/{agency.bagian.pk}/",
            0,
            None,
        )

    @pytest.mark.parametrize("target", ["biro", "bagian"])
    def test_a_move_under_itself_or_a_descendant_is_refused(self, agency, boss, target):
        refused(
            lambda: services.unit_update(
                aktor=boss,
                unit=agency.biro,
                nama="Biro Umum",
                induk=getattr(agency, target),
                aktif=True,
            ),
            induk="Unit tidak dapat dipindahkan ke bawah dirinya sendiri atau sub-unitnya "
            "(siklus).",
        )

    def test_a_unit_with_active_employees_stays_active(self, agency, boss):
        refused(
            lambda: services.unit_update(
                aktor=boss, unit=agency.biro, nama="Biro Umum", induk=agency.root, aktif=False
            ),
            aktif="Unit ini dan sub-unitnya masih memiliki 2 pegawai aktif; pindahkan atau "
            "nonaktifkan mereka lebih dulu.",
        )

    def test_a_unit_with_active_subunits_stays_active(self, agency, boss):
        empty = UnitFactory(kode="E", induk=agency.root)
        UnitFactory(kode="E-1", induk=empty)
        refused(
            lambda: services.unit_update(
                aktor=boss, unit=empty, nama=empty.nama, induk=agency.root, aktif=False
            ),
            aktif="Unit ini masih memiliki 1 sub-unit aktif; nonaktifkan lebih dulu.",
        )

    def test_deactivating_and_activating_an_empty_unit(self, agency, boss):
        empty = UnitFactory(kode="E", nama="Kosong", induk=agency.root)
        services.unit_update(aktor=boss, unit=empty, nama="Kosong", induk=agency.root, aktif=False)
        services.unit_update(aktor=boss, unit=empty, nama="Kosong", induk=agency.root, aktif=True)
        first, second = last_entries(2)
        assert (first.aksi, first.sebelum, first.sesudah) == (
            "unit.deactivate",
            {"aktif": True},
            {"aktif": False},
        )
        assert (second.aksi, second.sebelum, second.sesudah) == (
            "unit.activate",
            {"aktif": False},
            {"aktif": True},
        )


# --- Positions -----------------------------------------------------------------------------------


class TestJabatan:
    def test_found_by_natural_key_ignoring_case_and_spaces(self, agency):
        existing = JabatanFactory(
            nama="Analis SDM Aparatur",
            jenis_jabatan="FUNGSIONAL",
            jenjang="AHLI_MUDA",
            kelas_jabatan=9,
        )
        before = database_state()
        found = services.jabatan_find_or_create(
            nama="  analis sdm   APARATUR",
            jenis_jabatan="FUNGSIONAL",
            jenjang="AHLI_MUDA",
            kelas_jabatan=9,
        )
        assert found.pk == existing.pk
        assert database_state() == before

    def test_a_different_grade_is_another_position(self, agency, boss):
        existing = JabatanFactory(nama="Pengadministrasi", kelas_jabatan=5)
        created = services.jabatan_find_or_create(
            aktor=boss,
            nama="Pengadministrasi",
            jenis_jabatan="PELAKSANA",
            jenjang="",
            kelas_jabatan=6,
        )
        assert created.pk != existing.pk
        assert (created.nama, created.kelas_jabatan) == ("Pengadministrasi", 6)
        [entry] = last_entries(1)
        assert (entry.aksi, entry.objek_tipe) == ("jabatan.create", "organisasi.jabatan")
        assert entry.sesudah == {
            "nama": "Pengadministrasi",
            "jenis_jabatan": "PELAKSANA",
            "jenjang": "",
            "kelas_jabatan": 6,
        }

    def test_invalid_positions(self, agency):
        refused(
            lambda: services.jabatan_find_or_create(
                nama="Analis", jenis_jabatan="FUNGSIONAL", jenjang="", kelas_jabatan=20
            ),
            jenjang="Jenjang wajib diisi untuk jabatan fungsional.",
            kelas_jabatan="Kelas jabatan harus 1 sampai 17.",
        )
        refused(
            lambda: services.jabatan_find_or_create(
                nama=" ", jenis_jabatan="MENTERI", jenjang="", kelas_jabatan=None
            ),
            jabatan_nama="Nama jabatan wajib diisi.",
            jenis_jabatan="Pilih jenis jabatan: JPT, Administrator, Pengawas, Pelaksana atau "
            "Fungsional.",
        )


# --- Employees -----------------------------------------------------------------------------------


def create_arguments(agency, **changes):
    arguments = {
        "nip": "199001012015031001",
        "nama": "Rina  Marlina",
        "status_kepegawaian": "PNS",
        "golongan": "III/b",
        "unit": agency.bagian,
        "jabatan_nama": "Analis SDM Aparatur",
        "jenis_jabatan": "FUNGSIONAL",
        "jenjang": "AHLI_PERTAMA",
        "kelas_jabatan": 8,
        "penilai": agency.penilai,
        "aktif": True,
        "berlaku_mulai": DAY,
    }
    return arguments | changes


class TestPegawaiCreate:
    def test_employee_with_histories_and_audit(self, agency, boss):
        pegawai = services.pegawai_create(aktor=boss, **create_arguments(agency))

        pegawai.refresh_from_db()
        assert (pegawai.nama, pegawai.unit_id, pegawai.penilai_id) == (
            "Rina Marlina",
            agency.bagian.pk,
            agency.penilai.pk,
        )
        assert (pegawai.jabatan.nama, pegawai.jabatan.jenjang) == (
            "Analis SDM Aparatur",
            "AHLI_PERTAMA",
        )
        assert list(
            RiwayatJabatan.objects.filter(pegawai=pegawai).values_list(
                "unit_id", "jabatan_id", "mulai", "sampai"
            )
        ) == [(agency.bagian.pk, pegawai.jabatan_id, DAY, None)]
        assert list(
            RiwayatPenilai.objects.filter(pegawai=pegawai).values_list(
                "penilai_id", "mulai", "sampai", "alasan"
            )
        ) == [(agency.penilai.pk, DAY, None, "Data awal pegawai")]
        jabatan_entry, entry = last_entries(2)
        assert jabatan_entry.aksi == "jabatan.create"
        assert (entry.aksi, entry.objek_id, entry.objek_label) == (
            "pegawai.create",
            str(pegawai.pk),
            "Rina Marlina (199001012015031001)",
        )
        assert entry.sesudah == {
            "nip": "199001012015031001",
            "nama": "Rina Marlina",
            "status_kepegawaian": "PNS",
            "golongan": "III/b",
            "unit": "BU-SDM \N{EN DASH} Bagian SDM",
            "jabatan": "Analis SDM Aparatur (Fungsional, Ahli Pertama, kelas 8)",
            "penilai": f"Budi Santoso ({agency.penilai.nip})",
            "aktif": True,
            "berlaku_mulai": "2025-07-01",
        }

    @pytest.mark.parametrize(
        ("changes", "errors"),
        [
            ({"nip": "19900101201503100"}, {"nip": "NIP harus 18 digit angka."}),
            (
                {"nip": "199013012015031001"},
                {"nip": "8 digit pertama NIP bukan tanggal lahir yang sah."},
            ),
            (
                {"nip": "199001012015033001"},
                {"nip": "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2."},
            ),
            (
                {"golongan": "III/f"},
                {"golongan": "Golongan PNS harus berbentuk I/a sampai IV/e (mis. III/a)."},
            ),
            (
                {"status_kepegawaian": "PPPK", "golongan": "III/a"},
                {"golongan": "Golongan PPPK harus I sampai XVII."},
            ),
            (
                {"status_kepegawaian": "HONORER"},
                {"status_kepegawaian": "Status kepegawaian harus PNS atau PPPK."},
            ),
            ({"nama": "  "}, {"nama": "Nama pegawai wajib diisi."}),
            ({"jenjang": ""}, {"jenjang": "Jenjang wajib diisi untuk jabatan fungsional."}),
            ({"berlaku_mulai": None}, {"berlaku_mulai": "Tanggal berlaku wajib diisi."}),
        ],
    )
    def test_refusals(self, agency, boss, changes, errors):
        refused(
            lambda: services.pegawai_create(aktor=boss, **create_arguments(agency, **changes)),
            **errors,
        )

    def test_a_taken_nip_an_inactive_unit_or_appraiser_and_a_future_date(self, agency, boss):
        Unit.objects.filter(pk=agency.bagian.pk).update(aktif=False)
        Pegawai.objects.filter(pk=agency.penilai.pk).update(aktif=False)
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        refused(
            lambda: services.pegawai_create(
                aktor=boss,
                **create_arguments(agency, nip=agency.outsider.nip, berlaku_mulai=tomorrow),
            ),
            nip=f"NIP {agency.outsider.nip} sudah dipakai oleh Joko Widodo.",
            unit="Unit Bagian SDM tidak aktif.",
            penilai="Budi Santoso tidak aktif dan tidak dapat menjadi pejabat penilai.",
            berlaku_mulai="Tanggal berlaku tidak boleh di masa depan.",
        )


def update_arguments(pegawai, **changes):
    arguments = {
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "status_kepegawaian": pegawai.status_kepegawaian,
        "golongan": pegawai.golongan,
        "unit": pegawai.unit,
        "jabatan_nama": pegawai.jabatan.nama,
        "jenis_jabatan": pegawai.jabatan.jenis_jabatan,
        "jenjang": pegawai.jabatan.jenjang,
        "kelas_jabatan": pegawai.jabatan.kelas_jabatan,
        "aktif": pegawai.aktif,
        "berlaku_mulai": DAY,
    }
    return arguments | changes


class TestPegawaiUpdate:
    def test_a_new_unit_closes_the_position_history_and_opens_a_new_row(self, agency, boss):
        pegawai = agency.pegawai
        old_jabatan = pegawai.jabatan_id

        services.pegawai_update(
            aktor=boss, pegawai=pegawai, **update_arguments(pegawai, unit=agency.biro)
        )

        rows = list(
            RiwayatJabatan.objects.filter(pegawai=pegawai)
            .order_by("mulai")
            .values_list("unit_id", "jabatan_id", "mulai", "sampai")
        )
        assert rows == [
            (agency.bagian.pk, old_jabatan, START, DAY),
            (agency.biro.pk, old_jabatan, DAY, None),
        ]
        [entry] = last_entries(1)
        assert entry.aksi == "pegawai.move"
        assert entry.sebelum == {"unit": "BU-SDM \N{EN DASH} Bagian SDM"}
        assert entry.sesudah == {"unit": "BU \N{EN DASH} Biro Umum", "berlaku_mulai": "2025-07-01"}

    def test_a_new_position_on_the_day_the_open_row_started_corrects_it(self, agency, boss):
        pegawai = agency.pegawai
        services.pegawai_update(
            aktor=boss,
            pegawai=pegawai,
            **update_arguments(
                pegawai,
                jabatan_nama="Kepala Subbagian",
                jenis_jabatan="PENGAWAS",
                kelas_jabatan=9,
                berlaku_mulai=START,
            ),
        )
        rows = list(
            RiwayatJabatan.objects.filter(pegawai=pegawai).values_list(
                "jabatan__nama", "mulai", "sampai"
            )
        )
        assert rows == [("Kepala Subbagian", START, None)]
        assert last_entries(1)[0].aksi == "pegawai.jabatan"

    def test_a_date_before_the_open_row_is_refused(self, agency, boss):
        refused(
            lambda: services.pegawai_update(
                aktor=boss,
                pegawai=agency.pegawai,
                **update_arguments(
                    agency.pegawai, unit=agency.biro, berlaku_mulai=datetime.date(2023, 12, 31)
                ),
            ),
            berlaku_mulai="Tanggal berlaku tidak boleh sebelum 1 Januari 2024, awal data yang "
            "berlaku sekarang.",
        )

    def test_facts_change_without_touching_the_histories(self, agency, boss):
        pegawai = agency.pegawai
        histories = (
            list(RiwayatJabatan.objects.values_list()),
            list(RiwayatPenilai.objects.values_list()),
        )

        services.pegawai_update(
            aktor=boss,
            pegawai=pegawai,
            **update_arguments(pegawai, nama="Siti Aminah, S.E.", golongan="III/b"),
        )

        assert (
            list(RiwayatJabatan.objects.values_list()),
            list(RiwayatPenilai.objects.values_list()),
        ) == histories
        [entry] = last_entries(1)
        assert entry.aksi == "pegawai.update"
        assert entry.sebelum == {"nama": "Siti Aminah", "golongan": "III/a"}
        assert entry.sesudah == {"nama": "Siti Aminah, S.E.", "golongan": "III/b"}

    def test_nothing_changed_writes_nothing(self, agency, boss):
        before = database_state()
        services.pegawai_update(
            aktor=boss, pegawai=agency.pegawai, **update_arguments(agency.pegawai)
        )
        assert database_state() == before

    def test_an_appraiser_of_active_employees_cannot_be_deactivated(self, agency, boss):
        refused(
            lambda: services.pegawai_update(
                aktor=boss, pegawai=agency.penilai, **update_arguments(agency.penilai, aktif=False)
            ),
            aktif="Pegawai ini masih menjadi pejabat penilai bagi 1 pegawai aktif; alihkan pejabat "
            "penilai mereka lebih dulu.",
        )

    def test_deactivation(self, agency, boss):
        services.pegawai_update(
            aktor=boss, pegawai=agency.pegawai, **update_arguments(agency.pegawai, aktif=False)
        )
        [entry] = last_entries(1)
        assert (entry.aksi, entry.sebelum, entry.sesudah) == (
            "pegawai.deactivate",
            {"aktif": True},
            {"aktif": False},
        )

    def test_the_nip_of_an_employee_with_an_account_stays(self, agency, boss):
        refused(
            lambda: services.pegawai_update(
                aktor=boss,
                pegawai=agency.pegawai,
                **update_arguments(agency.pegawai, nip=make_nip(500)),
            ),
            nip="NIP pegawai yang sudah memiliki akun login tidak dapat diubah di sini.",
        )

    def test_the_nip_of_an_employee_without_an_account_is_corrected(self, agency, boss):
        pegawai = PegawaiFactory(unit=agency.bagian)
        services.pegawai_update(
            aktor=boss, pegawai=pegawai, **update_arguments(pegawai, nip="198001012005011001")
        )
        pegawai.refresh_from_db()
        assert pegawai.nip == "198001012005011001"


# --- Appraisers ----------------------------------------------------------------------------------


class TestPenilaiAssign:
    def test_history_current_appraiser_and_audit(self, agency, boss):
        row = services.penilai_assign(
            aktor=boss,
            pegawai=agency.pegawai,
            penilai=agency.outsider,
            berlaku_mulai=DAY,
            alasan=" Mutasi atasan ",
        )

        agency.pegawai.refresh_from_db()
        assert agency.pegawai.penilai_id == agency.outsider.pk
        rows = list(
            RiwayatPenilai.objects.filter(pegawai=agency.pegawai)
            .order_by("mulai")
            .values_list("penilai_id", "mulai", "sampai", "alasan", "dicatat_oleh_id")
        )
        assert rows == [
            (agency.penilai.pk, START, DAY, "", None),
            (agency.outsider.pk, DAY, None, "Mutasi atasan", agency.superuser.pk),
        ]
        assert row.pk == RiwayatPenilai.objects.get(pegawai=agency.pegawai, sampai__isnull=True).pk
        [entry] = last_entries(1)
        assert (entry.aksi, entry.objek_tipe, entry.objek_id) == (
            "pegawai.penilai",
            "organisasi.pegawai",
            str(agency.pegawai.pk),
        )
        assert entry.sebelum == {"penilai": f"Budi Santoso ({agency.penilai.nip})"}
        assert entry.sesudah == {
            "penilai": f"Joko Widodo ({agency.outsider.nip})",
            "berlaku_mulai": "2025-07-01",
        }
        assert entry.keterangan == "Mutasi atasan"

    def test_removing_the_appraiser(self, agency, boss):
        services.penilai_assign(aktor=boss, pegawai=agency.pegawai, penilai=None, berlaku_mulai=DAY)
        agency.pegawai.refresh_from_db()
        assert agency.pegawai.penilai_id is None
        assert last_entries(1)[0].sesudah == {"penilai": None, "berlaku_mulai": "2025-07-01"}

    def test_the_same_day_as_the_open_row_corrects_it(self, agency, boss):
        services.penilai_assign(
            aktor=boss,
            pegawai=agency.pegawai,
            penilai=agency.outsider,
            berlaku_mulai=START,
            alasan="Salah input",
        )
        rows = list(
            RiwayatPenilai.objects.filter(pegawai=agency.pegawai).values_list(
                "penilai_id", "mulai", "sampai", "alasan"
            )
        )
        assert rows == [(agency.outsider.pk, START, None, "Salah input")]

    def test_self_is_refused(self, agency, boss):
        refused(
            lambda: services.penilai_assign(
                aktor=boss, pegawai=agency.pegawai, penilai=agency.pegawai, berlaku_mulai=DAY
            ),
            penilai="Pegawai tidak dapat menjadi pejabat penilai dirinya sendiri.",
        )

    def test_a_cycle_is_refused_and_nothing_written(self, agency, boss):
        refused(
            lambda: services.penilai_assign(
                aktor=boss, pegawai=agency.penilai, penilai=agency.pegawai, berlaku_mulai=DAY
            ),
            penilai="Pengalihan ini membuat siklus pejabat penilai: Budi Santoso → Siti Aminah → "
            "Budi Santoso.",
        )

    def test_a_long_cycle_is_refused(self, agency, boss):
        people = [PegawaiFactory(nama=f"P{index}", unit=agency.bagian) for index in range(6)]
        for lower, upper in itertools.pairwise(people):
            Pegawai.objects.filter(pk=lower.pk).update(penilai=upper)
        names = " → ".join(f"P{index}" for index in [5, 0, 1, 2, 3, 4, 5])
        refused(
            lambda: services.penilai_assign(
                aktor=boss, pegawai=people[5], penilai=people[0], berlaku_mulai=DAY
            ),
            penilai=f"Pengalihan ini membuat siklus pejabat penilai: {names}.",
        )

    def test_a_stale_object_cannot_sneak_a_cycle_in(self, agency, boss):
        """Two HR users opened the form before either saved: the second sees the first's change."""
        stale_penilai = Pegawai.objects.get(pk=agency.penilai.pk)
        stale_outsider = Pegawai.objects.get(pk=agency.outsider.pk)
        services.penilai_assign(
            aktor=boss, pegawai=stale_outsider, penilai=stale_penilai, berlaku_mulai=DAY
        )
        refused(
            lambda: services.penilai_assign(
                aktor=boss, pegawai=stale_penilai, penilai=stale_outsider, berlaku_mulai=DAY
            ),
            penilai="Pengalihan ini membuat siklus pejabat penilai: Budi Santoso → Joko Widodo → "
            "Budi Santoso.",
        )

    def test_the_chain_is_locked_before_it_is_read(self, agency, boss):
        top = PegawaiFactory(nama="Kepala Badan", unit=agency.root)
        Pegawai.objects.filter(pk=agency.outsider.pk).update(penilai=top)
        locked: list[set[int]] = []
        original = QuerySet.select_for_update

        def spy(queryset, *args, **kwargs):
            result = original(queryset, *args, **kwargs)
            if queryset.model is Pegawai:
                locked.append(queryset)
            return result

        with mock.patch.object(QuerySet, "select_for_update", autospec=True, side_effect=spy):
            services.penilai_assign(
                aktor=boss, pegawai=agency.pegawai, penilai=agency.outsider, berlaku_mulai=DAY
            )

        locked_ids = set()
        for queryset in locked:
            locked_ids |= set(queryset.values_list("pk", flat=True))
        assert {agency.pegawai.pk, agency.outsider.pk, top.pk} <= locked_ids

    def test_an_inactive_appraiser_is_refused(self, agency, boss):
        Pegawai.objects.filter(pk=agency.outsider.pk).update(aktif=False)
        refused(
            lambda: services.penilai_assign(
                aktor=boss, pegawai=agency.pegawai, penilai=agency.outsider, berlaku_mulai=DAY
            ),
            penilai="Joko Widodo tidak aktif dan tidak dapat menjadi pejabat penilai.",
        )

    def test_the_same_appraiser_is_refused(self, agency, boss):
        refused(
            lambda: services.penilai_assign(
                aktor=boss, pegawai=agency.pegawai, penilai=agency.penilai, berlaku_mulai=DAY
            ),
            penilai="Budi Santoso sudah menjadi pejabat penilai pegawai ini.",
        )
        refused(
            lambda: services.penilai_assign(
                aktor=boss, pegawai=agency.penilai, penilai=None, berlaku_mulai=DAY
            ),
            penilai="Pegawai ini memang belum memiliki pejabat penilai.",
        )

    def test_a_date_before_the_current_appraiser_started_is_refused(self, agency, boss):
        refused(
            lambda: services.penilai_assign(
                aktor=boss,
                pegawai=agency.pegawai,
                penilai=agency.outsider,
                berlaku_mulai=datetime.date(2023, 6, 1),
            ),
            berlaku_mulai="Tanggal berlaku tidak boleh sebelum 1 Januari 2024, awal data yang "
            "berlaku sekarang.",
        )

    def test_a_future_date_and_a_long_reason_are_refused(self, agency, boss):
        refused(
            lambda: services.penilai_assign(
                aktor=boss,
                pegawai=agency.pegawai,
                penilai=agency.outsider,
                berlaku_mulai=timezone.localdate() + datetime.timedelta(days=1),
                alasan="x" * 256,
            ),
            berlaku_mulai="Tanggal berlaku tidak boleh di masa depan.",
            alasan="Alasan paling banyak 255 karakter.",
        )


class TestPenilaiAssignUnit:
    def test_every_active_employee_of_the_unit_gets_the_appraiser(self, agency, boss):
        inactive = PegawaiFactory(nama="Nonaktif", unit=agency.bagian, aktif=False)

        count = services.penilai_assign_unit(
            aktor=boss,
            unit=agency.bagian,
            penilai=agency.outsider,
            include_subunits=False,
            berlaku_mulai=DAY,
            alasan="Reorganisasi",
        )

        assert count == 2
        current = dict(Pegawai.objects.values_list("pk", "penilai_id"))
        assert current[agency.penilai.pk] == agency.outsider.pk
        assert current[agency.pegawai.pk] == agency.outsider.pk
        assert current[inactive.pk] is None
        open_rows = dict(
            RiwayatPenilai.objects.filter(sampai__isnull=True, mulai=DAY).values_list(
                "pegawai_id", "penilai_id"
            )
        )
        assert open_rows == {
            agency.penilai.pk: agency.outsider.pk,
            agency.pegawai.pk: agency.outsider.pk,
        }
        closed = set(RiwayatPenilai.objects.filter(sampai=DAY).values_list("pegawai_id", flat=True))
        assert closed == {agency.penilai.pk, agency.pegawai.pk}
        entries = last_entries(2)
        assert [(entry.aksi, entry.objek_label) for entry in entries] == [
            ("pegawai.penilai", str(agency.penilai)),
            ("pegawai.penilai", str(agency.pegawai)),
        ]
        assert entries[0].sebelum == {"penilai": None}
        assert entries[1].sebelum == {"penilai": f"Budi Santoso ({agency.penilai.nip})"}
        assert {tuple(entry.sesudah.items()) for entry in entries} == {
            (("penilai", f"Joko Widodo ({agency.outsider.nip})"), ("berlaku_mulai", "2025-07-01"))
        }
        assert (
            entries[0].keterangan
            == "Pengalihan pejabat penilai seluruh unit Bagian SDM. Reorganisasi"
        )

    def test_the_new_appraiser_and_those_who_already_have_him_are_left_out(self, agency, boss):
        count = services.penilai_assign_unit(
            aktor=boss,
            unit=agency.bagian,
            penilai=agency.penilai,
            include_subunits=False,
            berlaku_mulai=DAY,
        )
        assert count == 0
        assert Entri.objects.filter(aksi="pegawai.penilai").count() == 0

    def test_sub_units_only_when_asked(self, agency, boss):
        head = PegawaiFactory(nama="Kepala Biro", unit=agency.biro)
        assert (
            services.penilai_assign_unit(
                aktor=boss,
                unit=agency.biro,
                penilai=agency.outsider,
                include_subunits=False,
                berlaku_mulai=DAY,
            )
            == 1
        )
        assert (
            services.penilai_assign_unit(
                aktor=boss, unit=agency.biro, penilai=head, include_subunits=True, berlaku_mulai=DAY
            )
            == 2
        )
        current = dict(Pegawai.objects.values_list("pk", "penilai_id"))
        assert (current[head.pk], current[agency.penilai.pk], current[agency.pegawai.pk]) == (
            agency.outsider.pk,
            head.pk,
            head.pk,
        )

    def test_a_cycle_refuses_the_whole_unit(self, agency, boss):
        Pegawai.objects.filter(pk=agency.outsider.pk).update(penilai=agency.pegawai)
        refused(
            lambda: services.penilai_assign_unit(
                aktor=boss,
                unit=agency.bagian,
                penilai=agency.outsider,
                include_subunits=False,
                berlaku_mulai=DAY,
            ),
            penilai="Pengalihan ini membuat siklus pejabat penilai: Joko Widodo → Siti Aminah → "
            "Joko Widodo.",
        )

    def test_a_date_before_someones_current_appraiser_refuses_the_whole_unit(self, agency, boss):
        RiwayatPenilai.objects.filter(pegawai=agency.pegawai).update(
            mulai=datetime.date(2025, 8, 1)
        )
        refused(
            lambda: services.penilai_assign_unit(
                aktor=boss,
                unit=agency.bagian,
                penilai=agency.outsider,
                include_subunits=False,
                berlaku_mulai=DAY,
            ),
            berlaku_mulai="Tanggal berlaku tidak boleh sebelum awal pejabat penilai yang "
            "sekarang: Siti Aminah (1 Agustus 2025).",
        )

    def test_an_inactive_appraiser_is_refused(self, agency, boss):
        Pegawai.objects.filter(pk=agency.outsider.pk).update(aktif=False)
        refused(
            lambda: services.penilai_assign_unit(
                aktor=boss,
                unit=agency.bagian,
                penilai=agency.outsider,
                include_subunits=False,
                berlaku_mulai=DAY,
            ),
            penilai="Joko Widodo tidak aktif dan tidak dapat menjadi pejabat penilai.",
        )


# --- Exclusions ----------------------------------------------------------------------------------


class TestPengecualian:
    def test_add_and_end(self, agency, boss):
        item = services.pengecualian_add(
            aktor=boss,
            pegawai=agency.pegawai,
            jenis="CUTI_BESAR",
            mulai=DAY,
            catatan=" SK 12/2025 ",
        )
        assert (item.jenis, item.mulai, item.sampai, item.catatan) == (
            "CUTI_BESAR",
            DAY,
            None,
            "SK 12/2025",
        )
        added = last_entries(1)[0]
        assert (added.aksi, added.objek_tipe, added.objek_id) == (
            "pegawai.pengecualian",
            "organisasi.pegawai",
            str(agency.pegawai.pk),
        )
        assert added.sesudah == {
            "pengecualian": "Cuti besar",
            "mulai": "2025-07-01",
            "sampai": None,
            "catatan": "SK 12/2025",
        }

        end = datetime.date(2025, 10, 1)
        services.pengecualian_end(aktor=boss, pengecualian=item, sampai=end)

        item.refresh_from_db()
        assert item.sampai == end
        ended = last_entries(1)[0]
        assert ended.aksi == "pegawai.pengecualian_end"
        assert ended.sebelum == {"sampai": None, "pengecualian": "Cuti besar"}
        assert ended.sesudah == {"sampai": "2025-10-01", "pengecualian": "Cuti besar"}

    def test_no_overlap_with_an_exclusion_of_the_same_kind(self, agency, boss):
        services.pengecualian_add(aktor=boss, pegawai=agency.pegawai, jenis="CUTI_BESAR", mulai=DAY)
        refused(
            lambda: services.pengecualian_add(
                aktor=boss,
                pegawai=agency.pegawai,
                jenis="CUTI_BESAR",
                mulai=datetime.date(2025, 9, 1),
            ),
            mulai="Sudah ada pengecualian Cuti besar yang berlaku sejak 1 Juli 2025 pada periode "
            "ini.",
        )
        services.pengecualian_add(
            aktor=boss,
            pegawai=agency.pegawai,
            jenis="HUKUMAN_DISIPLIN",
            mulai=datetime.date(2025, 9, 1),
        )
        assert Pengecualian.objects.filter(pegawai=agency.pegawai).count() == 2

    def test_after_the_end_the_same_kind_may_start_again(self, agency, boss):
        item = services.pengecualian_add(
            aktor=boss,
            pegawai=agency.pegawai,
            jenis="CUTI_BESAR",
            mulai=DAY,
            sampai=datetime.date(2025, 8, 1),
        )
        services.pengecualian_add(
            aktor=boss, pegawai=agency.pegawai, jenis="CUTI_BESAR", mulai=datetime.date(2025, 8, 1)
        )
        assert list(Pengecualian.objects.order_by("mulai").values_list("mulai", "sampai")) == [
            (item.mulai, datetime.date(2025, 8, 1)),
            (datetime.date(2025, 8, 1), None),
        ]

    def test_refusals(self, agency, boss):
        refused(
            lambda: services.pengecualian_add(
                aktor=boss, pegawai=agency.pegawai, jenis="LIBUR", mulai=DAY, sampai=DAY
            ),
            jenis="Pilih jenis pengecualian yang tersedia.",
            sampai="Tanggal selesai harus sesudah tanggal mulai.",
        )
        item = services.pengecualian_add(
            aktor=boss, pegawai=agency.pegawai, jenis="MUTASI", mulai=DAY
        )
        refused(
            lambda: services.pengecualian_end(aktor=boss, pengecualian=item, sampai=DAY),
            sampai="Tanggal selesai harus sesudah tanggal mulai 1 Juli 2025.",
        )
        services.pengecualian_end(aktor=boss, pengecualian=item, sampai=datetime.date(2025, 7, 2))
        refused(
            lambda: services.pengecualian_end(
                aktor=boss, pengecualian=item, sampai=datetime.date(2025, 8, 2)
            ),
            __all__="Pengecualian ini sudah berakhir pada 2 Juli 2025.",
        )


# --- Roles ---------------------------------------------------------------------------------------


class TestPeran:
    def test_grant_and_revoke(self, agency, boss):
        user = PenggunaFactory(nama="Dewi")
        peran = services.peran_grant(
            aktor=boss, pengguna=user, jenis="PIMPINAN", unit=agency.bagian
        )
        assert (peran.pengguna_id, peran.jenis, peran.unit_id) == (
            user.pk,
            "PIMPINAN",
            agency.bagian.pk,
        )
        granted = last_entries(1)[0]
        assert (granted.aksi, granted.objek_tipe) == ("peran.grant", "organisasi.peran")
        assert (
            granted.objek_label
            == f"Pimpinan unit BU-SDM \N{EN DASH} Bagian SDM — Dewi ({user.nip})"
        )
        assert granted.sesudah == {
            "pengguna": f"Dewi ({user.nip})",
            "peran": "Pimpinan unit",
            "unit": "BU-SDM \N{EN DASH} Bagian SDM",
        }

        assert services.peran_revoke(aktor=boss, peran=peran) is True
        assert not Peran.objects.filter(pk=peran.pk).exists()
        revoked = last_entries(1)[0]
        assert (revoked.aksi, revoked.sebelum, revoked.sesudah) == (
            "peran.revoke",
            granted.sesudah,
            None,
        )
        assert services.peran_revoke(aktor=boss, peran=peran) is False

    def test_refusals(self, agency, boss):
        refused(
            lambda: services.peran_grant(
                aktor=boss, pengguna=agency.admin, jenis="ADMIN_KEPEGAWAIAN", unit=agency.biro
            ),
            __all__=f"Admin Biro Umum ({agency.admin.nip}) sudah memiliki peran ini.",
        )
        refused(
            lambda: services.peran_grant(
                aktor=boss, pengguna=agency.admin, jenis="AUDITOR", unit=agency.biro
            ),
            unit="Peran auditor berlaku untuk seluruh instansi; kosongkan unit.",
        )
        refused(
            lambda: services.peran_grant(
                aktor=boss, pengguna=agency.admin, jenis="PIMPINAN", unit=None
            ),
            unit="Pilih unit untuk peran ini.",
        )
        refused(
            lambda: services.peran_grant(
                aktor=boss, pengguna=agency.admin, jenis="RAJA", unit=None
            ),
            jenis="Pilih peran: admin kepegawaian, pimpinan unit atau auditor.",
        )
        inactive = PenggunaFactory(nama="Lama", is_active=False)
        refused(
            lambda: services.peran_grant(
                aktor=boss, pengguna=inactive, jenis=JenisPeran.AUDITOR.value, unit=None
            ),
            pengguna=f"Akun Lama ({inactive.nip}) tidak aktif.",
        )


def test_jabatan_rows_are_not_duplicated_by_employee_changes(agency, boss):
    before = Jabatan.objects.count()
    services.pegawai_update(
        aktor=boss, pegawai=agency.pegawai, **update_arguments(agency.pegawai, golongan="III/c")
    )
    assert Jabatan.objects.count() == before
