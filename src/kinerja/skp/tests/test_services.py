"""SKP services outside the workflow: create and copy a plan, its Lampiran and expectations, RHKs
and indicators, push and link from the appraiser's side, organisation goals. Every write leaves
its audit entries (and history rows); every refusal changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Max

from kinerja.audit.models import Entri
from kinerja.organisasi.tests.factories import JabatanFactory, pegawai_with_account
from kinerja.skp import services
from kinerja.skp.models import EkspektasiPerilaku, Indikator, Rhk, RiwayatSkp, Skp
from kinerja.skp.tests.factories import (
    SYSTEM,
    aktor_for,
    approved_plan,
    open_year,
    plan_with_rhk,
)
from kinerja.skp.tests.helpers import skp_state

pytestmark = pytest.mark.django_db

KODE_MESSAGE = (
    "Kode RHK 1–30 karakter: huruf, angka, titik, garis miring, tanda hubung atau garis bawah, "
    "diawali huruf atau angka."
)
NOT_A_NUMBER = "Target harus berupa angka, mis. 12 atau 97,5."
ASPEK_WITHOUT_BIAYA = "Aspek harus salah satu dari: Kuantitas, Kualitas, Waktu."
SUBMITTED = "SKP sedang diajukan kepada pejabat penilai; tarik kembali untuk mengubahnya."
APPROVED = "SKP sudah disetujui; buka revisi untuk mengubahnya."


def refused(call, expected):
    """Run a call that must be refused with exactly these messages (a dict of field messages,
    or a list of non-field messages), writing nothing."""
    before = skp_state()
    with pytest.raises(ValidationError) as caught:
        call()
    if isinstance(expected, dict):
        assert caught.value.message_dict == expected
    else:
        assert caught.value.messages == expected
    assert skp_state() == before


def audit_mark() -> int:
    return Entri.objects.aggregate(top=Max("urutan"))["top"] or 0


def entries_since(mark: int) -> list[Entri]:
    return list(Entri.objects.filter(urutan__gt=mark).order_by("urutan"))


def actions_since(mark: int) -> list[str]:
    return [entry.aksi for entry in entries_since(mark)]


def history(skp: Skp) -> list[tuple]:
    return list(
        RiwayatSkp.objects.filter(skp=skp)
        .order_by("pk")
        .values_list("revisi", "aksi", "status", "catatan", "oleh_label")
    )


def rows_of(skp: Skp) -> list[tuple]:
    return list(
        Rhk.objects.filter(skp=skp)
        .order_by("pk")
        .values_list(
            "kode", "jenis", "uraian", "rhk_atasan_id", "perspektif", "sasaran_id", "urutan"
        )
    )


def indicators_of(rhk: Rhk) -> list[tuple]:
    return list(
        Indikator.objects.filter(rhk=rhk)
        .order_by("pk")
        .values_list("aspek", "uraian", "target_nilai", "target_satuan", "target_narasi", "urutan")
    )


def jpt(agency, nama="Rina Kusuma", unit=None):
    """A JPT heading biro, appraised by nobody in the product."""
    jabatan = JabatanFactory(nama="Kepala Biro Umum", jenis_jabatan="JPT")
    return pegawai_with_account(nama=nama, unit=unit or agency.biro, jabatan=jabatan)


def another_appraisee(agency, nama="Agus Salim"):
    return pegawai_with_account(nama=nama, unit=agency.bagian, penilai=agency.penilai)


@pytest.fixture
def year():
    return open_year()


# --- Create ----------------------------------------------------------------------------------


class TestCreate:
    def test_a_new_draft_with_its_history_and_audit(self, agency, year):
        aktor = aktor_for(agency.pegawai)
        mark = audit_mark()

        skp = services.skp_create(aktor=aktor, pegawai=agency.pegawai, tahun=2026)

        stored = Skp.objects.get(pk=skp.pk)
        assert (stored.pegawai_id, stored.tahun, stored.pendekatan, stored.status) == (
            agency.pegawai.pk,
            2026,
            "KUANTITATIF",
            "DRAF",
        )
        assert (stored.revisi, stored.identitas, stored.unit_id, stored.penilai_id) == (
            1,
            {},
            None,
            None,
        )
        assert history(skp) == [(1, "DIBUAT", "DRAF", "", aktor.label)]
        [entry] = entries_since(mark)
        assert (entry.aksi, entry.objek_tipe, entry.objek_id, entry.aktor_label) == (
            "skp.create",
            "skp.skp",
            str(skp.pk),
            aktor.label,
        )
        assert entry.sesudah == {
            "pegawai": agency.pegawai.pk,
            "tahun": 2026,
            "pendekatan": "KUANTITATIF",
        }

    def test_the_approach_by_its_label(self, agency, year):
        skp = services.skp_create(
            aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026, pendekatan="kualitatif"
        )
        assert Skp.objects.get(pk=skp.pk).pendekatan == "KUALITATIF"

    def test_a_year_not_opened_is_refused(self, agency, year):
        refused(
            lambda: services.skp_create(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2027),
            ["Tahun kinerja 2027 belum dibuka oleh admin kepegawaian."],
        )

    def test_a_second_plan_for_the_year_is_refused(self, agency, year):
        services.skp_create(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026)
        refused(
            lambda: services.skp_create(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026),
            {"tahun": ["SKP tahun 2026 untuk pegawai ini sudah ada."]},
        )

    def test_an_unknown_approach_is_refused(self, agency, year):
        refused(
            lambda: services.skp_create(
                aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026, pendekatan="campuran"
            ),
            {"pendekatan": ["Pendekatan harus Kuantitatif atau Kualitatif."]},
        )


# --- Copy last year --------------------------------------------------------------------------


class TestCopyPrevious:
    @pytest.fixture
    def last_year(self, agency, year):
        """Budi's 2025 plan (RHK-A, RHK-B) and Siti's 2025 plan cascading from both, with
        indicators, expectations and Lampiran; Budi's 2026 plan holds RHK-A only."""
        open_year(2025)
        budi, siti = agency.penilai, agency.pegawai
        _, leader_a = plan_with_rhk(budi, tahun=2025, kode="RHK-A", uraian="Layanan SDM")
        leader_b = services.rhk_create(
            aktor=SYSTEM, skp=leader_a.skp, kode="RHK-B", uraian="Arsip kepegawaian"
        )
        old, old_main = plan_with_rhk(siti, tahun=2025, rhk_atasan=leader_a, target="1.250,5")
        aktor = aktor_for(siti)
        services.indikator_create(
            aktor=aktor,
            rhk=old_main,
            aspek="WAKTU",
            uraian="Laporan selesai tepat waktu",
            target_nilai="12",
            target_satuan="bulan",
        )
        old_extra = services.rhk_create(
            aktor=aktor,
            skp=old,
            uraian="Menata arsip",
            jenis="TAMBAHAN",
            kode="T-1",
            rhk_atasan_id=leader_b.pk,
        )
        services.indikator_create(
            aktor=aktor,
            rhk=old_extra,
            aspek="KUALITAS",
            uraian="Arsip tertata",
            target_nilai="100",
            target_satuan="%",
        )
        services.skp_update(
            aktor=aktor,
            skp=old,
            pendekatan="KUANTITATIF",
            dukungan_sumber_daya="Anggaran DIPA\nAplikasi arsip",
            skema_pertanggungjawaban="Laporan bulanan",
            konsekuensi="Teguran",
        )
        services.ekspektasi_update(
            by_owner=False, aktor=aktor, skp=old, ekspektasi={"AKUNTABEL": "Tepat waktu"}
        )
        _, new_a = plan_with_rhk(budi, tahun=2026, kode="RHK-A", uraian="Layanan SDM 2026")
        return old, new_a

    def test_results_indicators_expectations_and_lampiran_are_copied(self, agency, last_year):
        old, new_a = last_year
        aktor = aktor_for(agency.pegawai)
        mark = audit_mark()

        skp = services.skp_copy_previous(aktor=aktor, pegawai=agency.pegawai, tahun=2026)

        stored = Skp.objects.get(pk=skp.pk)
        assert (stored.tahun, stored.status, stored.revisi, stored.pendekatan) == (
            2026,
            "DRAF",
            1,
            "KUANTITATIF",
        )
        assert (
            stored.dukungan_sumber_daya,
            stored.skema_pertanggungjawaban,
            stored.konsekuensi,
        ) == ("Anggaran DIPA\nAplikasi arsip", "Laporan bulanan", "Teguran")
        # RHK-01 cascades from RHK-A, which Budi's new plan holds; RHK-B is not there any more.
        assert rows_of(skp) == [
            ("RHK-01", "UTAMA", "Tersusunnya laporan kinerja", new_a.pk, "", None, 1),
            ("T-1", "TAMBAHAN", "Menata arsip", None, "", None, 2),
        ]
        main, extra = Rhk.objects.filter(skp=skp).order_by("pk")
        assert indicators_of(main) == [
            ("KUANTITAS", "Jumlah laporan yang tersusun", Decimal("1250.5"), "laporan", "", 1),
            ("WAKTU", "Laporan selesai tepat waktu", Decimal("12"), "bulan", "", 2),
        ]
        assert indicators_of(extra) == [("KUALITAS", "Arsip tertata", Decimal("100"), "%", "", 1)]
        assert list(
            EkspektasiPerilaku.objects.filter(skp=skp).values_list("nilai", "ekspektasi")
        ) == [("AKUNTABEL", "Tepat waktu")]
        note = "Disalin dari SKP tahun 2025."
        assert history(skp) == [
            (1, "DIBUAT", "DRAF", "", aktor.label),
            (1, "DISALIN", "DRAF", note, aktor.label),
        ]
        assert [(e.aksi, e.objek_id, e.keterangan) for e in entries_since(mark)] == [
            ("skp.create", str(skp.pk), ""),
            ("skp.copy", str(skp.pk), note),
        ]
        # Last year's plan is untouched.
        assert Rhk.objects.filter(skp=old).count() == 2

    def test_the_latest_earlier_plan_is_the_source(self, agency, last_year):
        open_year(2024)
        plan_with_rhk(agency.pegawai, tahun=2024, uraian="Rencana lama")
        skp = services.skp_copy_previous(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026)
        assert [row[2] for row in rows_of(skp)] == ["Tersusunnya laporan kinerja", "Menata arsip"]
        assert history(skp)[-1][3] == "Disalin dari SKP tahun 2025."

    def test_goals_are_relinked_by_code(self, agency, year):
        open_year(2025)
        head = jpt(agency)
        aktor = aktor_for(head)
        goals = {}
        for tahun in (2025, 2026):
            for unit, kode in ((agency.biro, "SS-1"), (agency.root, "SS-R")):
                goals[(tahun, kode)] = services.sasaran_save(
                    aktor=SYSTEM, unit=unit, tahun=tahun, kode=kode, uraian=f"Sasaran {kode}"
                )
        goals[(2025, "SS-2")] = services.sasaran_save(
            aktor=SYSTEM, unit=agency.biro, tahun=2025, kode="SS-2", uraian="Hanya 2025"
        )
        old = services.skp_create(aktor=aktor, pegawai=head, tahun=2025)
        for kode, goal in (("J-1", "SS-1"), ("J-2", "SS-R"), ("J-3", "SS-2")):
            services.rhk_create(
                aktor=aktor,
                skp=old,
                kode=kode,
                uraian=f"Hasil {kode}",
                perspektif="PROSES_BISNIS",
                sasaran_id=goals[(2025, goal)].pk,
            )

        skp = services.skp_copy_previous(aktor=aktor, pegawai=head, tahun=2026)

        assert rows_of(skp) == [
            ("J-1", "UTAMA", "Hasil J-1", None, "PROSES_BISNIS", goals[(2026, "SS-1")].pk, 1),
            ("J-2", "UTAMA", "Hasil J-2", None, "PROSES_BISNIS", goals[(2026, "SS-R")].pk, 2),
            ("J-3", "UTAMA", "Hasil J-3", None, "PROSES_BISNIS", None, 3),
        ]

    def test_without_a_previous_plan_nothing_is_copied(self, agency, year):
        refused(
            lambda: services.skp_copy_previous(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026),
            ["Tidak ada SKP tahun sebelumnya untuk disalin."],
        )

    def test_a_year_that_already_has_a_plan_is_refused_whole(self, agency, last_year):
        services.skp_create(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026)
        refused(
            lambda: services.skp_copy_previous(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026),
            {"tahun": ["SKP tahun 2026 untuk pegawai ini sudah ada."]},
        )


# --- The plan's own fields -------------------------------------------------------------------


class TestUpdate:
    def test_approach_and_lampiran_with_the_changed_values_audited(self, agency, year):
        skp, _ = plan_with_rhk(agency.pegawai)
        aktor = aktor_for(agency.pegawai)
        mark = audit_mark()

        services.skp_update(
            aktor=aktor,
            skp=skp,
            pendekatan="Kualitatif",
            dukungan_sumber_daya="  Anggaran DIPA\nTim kerja \n",
            skema_pertanggungjawaban="Laporan triwulan",
        )

        stored = Skp.objects.get(pk=skp.pk)
        assert (
            stored.pendekatan,
            stored.dukungan_sumber_daya,
            stored.skema_pertanggungjawaban,
            stored.konsekuensi,
        ) == ("KUALITATIF", "Anggaran DIPA\nTim kerja", "Laporan triwulan", "")
        [entry] = entries_since(mark)
        assert (entry.aksi, entry.sebelum, entry.sesudah) == (
            "skp.update",
            {
                "pendekatan": "KUANTITATIF",
                "dukungan_sumber_daya": "",
                "skema_pertanggungjawaban": "",
            },
            {
                "pendekatan": "KUALITATIF",
                "dukungan_sumber_daya": "Anggaran DIPA\nTim kerja",
                "skema_pertanggungjawaban": "Laporan triwulan",
            },
        )

    def test_saving_the_same_values_audits_nothing(self, agency, year):
        skp, _ = plan_with_rhk(agency.pegawai)
        mark = audit_mark()
        services.skp_update(aktor=SYSTEM, skp=skp, pendekatan="KUANTITATIF")
        assert entries_since(mark) == []

    def test_an_unknown_approach_is_refused(self, agency, year):
        skp, _ = plan_with_rhk(agency.pegawai)
        refused(
            lambda: services.skp_update(aktor=SYSTEM, skp=skp, pendekatan="X", konsekuensi="Baru"),
            {"pendekatan": ["Pendekatan harus Kuantitatif atau Kualitatif."]},
        )


class TestEkspektasi:
    def test_written_then_changed_with_the_changes_audited(self, agency, year):
        skp, _ = plan_with_rhk(agency.pegawai)
        aktor = aktor_for(agency.penilai)
        mark = audit_mark()

        services.ekspektasi_update(
            by_owner=False,
            aktor=aktor,
            skp=skp,
            ekspektasi={"AKUNTABEL": " Laporan tepat waktu ", "KOMPETEN": "Ikut pelatihan"},
        )
        services.ekspektasi_update(
            by_owner=False,
            aktor=aktor,
            skp=skp,
            ekspektasi={"KOMPETEN": "Ikut dua pelatihan", "LOYAL": ""},
        )

        assert dict(
            EkspektasiPerilaku.objects.filter(skp=skp).values_list("nilai", "ekspektasi")
        ) == {
            "AKUNTABEL": "Laporan tepat waktu",
            "KOMPETEN": "Ikut dua pelatihan",
            "LOYAL": "",
        }
        first, second = entries_since(mark)
        assert (first.aksi, first.sebelum, first.sesudah) == (
            "skp.update",
            {"AKUNTABEL": None, "KOMPETEN": None},
            {"AKUNTABEL": "Laporan tepat waktu", "KOMPETEN": "Ikut pelatihan"},
        )
        assert (second.sebelum, second.sesudah) == (
            {"KOMPETEN": "Ikut pelatihan", "LOYAL": None},
            {"KOMPETEN": "Ikut dua pelatihan", "LOYAL": ""},
        )

    def test_unknown_values_are_refused(self, agency, year):
        skp, _ = plan_with_rhk(agency.pegawai)
        refused(
            lambda: services.ekspektasi_update(
                by_owner=False,
                aktor=SYSTEM,
                skp=skp,
                ekspektasi={"JUJUR": "x", "AKUNTABEL": "y", "BERANI": "z"},
            ),
            ["Nilai BerAKHLAK tidak dikenal: BERANI, JUJUR."],
        )

    def test_an_approved_plan_is_refused(self, agency, year):
        skp, _ = approved_plan(agency.penilai)
        refused(
            lambda: services.ekspektasi_update(
                by_owner=False, aktor=SYSTEM, skp=skp, ekspektasi={"AKUNTABEL": "Baru"}
            ),
            [APPROVED],
        )


# --- RHK -------------------------------------------------------------------------------------


class TestRhk:
    def test_codes_are_given_in_order_and_audited(self, agency, year):
        skp = services.skp_create(aktor=SYSTEM, pegawai=agency.penilai, tahun=2026)
        aktor = aktor_for(agency.penilai)
        mark = audit_mark()

        first = services.rhk_create(aktor=aktor, skp=skp, uraian=" Layanan SDM ")
        second = services.rhk_create(aktor=aktor, skp=skp, uraian="Arsip", jenis="tambahan")
        own = services.rhk_create(aktor=aktor, skp=skp, uraian="Rapat", kode=" R/3 ")

        assert rows_of(skp) == [
            ("RHK-01", "UTAMA", "Layanan SDM", None, "", None, 1),
            ("RHK-02", "TAMBAHAN", "Arsip", None, "", None, 2),
            ("R/3", "UTAMA", "Rapat", None, "", None, 3),
        ]
        entries = entries_since(mark)
        assert [(e.aksi, e.objek_id) for e in entries] == [
            ("rhk.create", str(first.pk)),
            ("rhk.create", str(second.pk)),
            ("rhk.create", str(own.pk)),
        ]
        assert entries[0].sesudah == {
            "kode": "RHK-01",
            "jenis": "UTAMA",
            "uraian": "Layanan SDM",
            "rhk_atasan": None,
            "perspektif": "",
            "sasaran": None,
            "urutan": 1,
        }

    def test_a_freed_code_is_given_again(self, agency, year):
        skp = services.skp_create(aktor=SYSTEM, pegawai=agency.penilai, tahun=2026)
        first = services.rhk_create(aktor=SYSTEM, skp=skp, uraian="Satu")
        services.rhk_create(aktor=SYSTEM, skp=skp, uraian="Dua")
        services.rhk_delete(aktor=SYSTEM, rhk=first)
        again = services.rhk_create(aktor=SYSTEM, skp=skp, uraian="Tiga")
        assert (again.kode, again.urutan) == ("RHK-01", 3)

    def test_a_result_cascading_from_the_appraisers_result(self, agency, year):
        _, leader = plan_with_rhk(agency.penilai, kode="RHK-A")
        skp = services.skp_create(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026)
        rhk = services.rhk_create(
            aktor=SYSTEM, skp=skp, uraian="Data pegawai mutakhir", rhk_atasan_id=leader.pk
        )
        assert Rhk.objects.get(pk=rhk.pk).rhk_atasan_id == leader.pk

    def test_a_code_already_used_is_refused(self, agency, year):
        skp, _ = plan_with_rhk(agency.penilai)
        refused(
            lambda: services.rhk_create(aktor=SYSTEM, skp=skp, uraian="Lagi", kode="RHK-01"),
            {"kode": ["Kode RHK RHK-01 sudah dipakai di SKP ini."]},
        )

    def test_every_field_is_checked_at_once(self, agency, year):
        skp, _ = plan_with_rhk(agency.penilai)
        refused(
            lambda: services.rhk_create(
                aktor=SYSTEM, skp=skp, uraian=" ", jenis="pokok", kode="#1", perspektif="Harga"
            ),
            {
                "kode": [KODE_MESSAGE],
                "uraian": ["Uraian rencana hasil kerja wajib diisi."],
                "jenis": ["Jenis RHK harus Utama atau Tambahan."],
                "perspektif": ["Perspektif tidak dikenal."],
            },
        )

    def test_a_leaders_result_that_is_not_the_appraisers_is_refused(self, agency, year):
        open_year(2025)
        _, other = plan_with_rhk(agency.outsider, kode="RHK-X")
        _, last_year = plan_with_rhk(agency.penilai, tahun=2025)
        skp = services.skp_create(aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026)
        for foreign in (other, last_year):
            refused(
                lambda foreign=foreign: services.rhk_create(
                    aktor=SYSTEM, skp=skp, uraian="Hasil", rhk_atasan_id=foreign.pk
                ),
                {
                    "rhk_atasan": [
                        "RHK pimpinan harus salah satu RHK dalam SKP pejabat penilai Anda "
                        "tahun 2026."
                    ]
                },
            )

    def test_goals_of_the_unit_and_the_units_above_only(self, agency, year):
        head = jpt(agency)
        own = services.sasaran_save(
            aktor=SYSTEM, unit=agency.biro, tahun=2026, kode="SS-1", uraian="A"
        )
        above = services.sasaran_save(
            aktor=SYSTEM, unit=agency.root, tahun=2026, kode="SS-1", uraian="B"
        )
        other = services.sasaran_save(
            aktor=SYSTEM, unit=agency.lain, tahun=2026, kode="SS-1", uraian="C"
        )
        below = services.sasaran_save(
            aktor=SYSTEM, unit=agency.bagian, tahun=2026, kode="SS-1", uraian="D"
        )
        skp = services.skp_create(aktor=SYSTEM, pegawai=head, tahun=2026)
        for goal in (own, above):
            rhk = services.rhk_create(
                aktor=SYSTEM, skp=skp, uraian="Hasil", perspektif="ANGGARAN", sasaran_id=goal.pk
            )
            assert (rhk.sasaran_id, rhk.perspektif) == (goal.pk, "ANGGARAN")
        for goal in (other, below):
            refused(
                lambda goal=goal: services.rhk_create(
                    aktor=SYSTEM, skp=skp, uraian="Hasil", sasaran_id=goal.pk
                ),
                {"sasaran": ["Sasaran harus salah satu sasaran organisasi unit Anda tahun ini."]},
            )

    def test_an_update_audits_the_changed_fields(self, agency, year):
        _, leader = plan_with_rhk(agency.penilai, kode="RHK-A")
        skp, rhk = plan_with_rhk(agency.pegawai, rhk_atasan=leader)
        mark = audit_mark()

        services.rhk_update(
            aktor=SYSTEM, rhk=rhk, uraian="Laporan kinerja terbit", jenis="UTAMA", kode=""
        )

        assert rows_of(skp) == [("RHK-01", "UTAMA", "Laporan kinerja terbit", None, "", None, 1)]
        [entry] = entries_since(mark)
        assert (entry.aksi, entry.objek_id, entry.sebelum, entry.sesudah) == (
            "rhk.update",
            str(rhk.pk),
            {"uraian": "Tersusunnya laporan kinerja", "rhk_atasan": leader.pk},
            {"uraian": "Laporan kinerja terbit", "rhk_atasan": None},
        )

    def test_an_update_keeps_its_own_code_and_refuses_anothers(self, agency, year):
        skp, rhk = plan_with_rhk(agency.penilai)
        services.rhk_create(aktor=SYSTEM, skp=skp, uraian="Dua")
        mark = audit_mark()
        services.rhk_update(
            aktor=SYSTEM,
            rhk=rhk,
            uraian="Tersusunnya laporan kinerja",
            jenis="UTAMA",
            kode="RHK-01",
        )
        assert entries_since(mark) == []
        refused(
            lambda: services.rhk_update(
                aktor=SYSTEM, rhk=rhk, uraian="Satu", jenis="UTAMA", kode="RHK-02"
            ),
            {"kode": ["Kode RHK RHK-02 sudah dipakai di SKP ini."]},
        )

    def test_a_delete_takes_the_indicators_and_is_audited(self, agency, year):
        skp, rhk = plan_with_rhk(agency.penilai)
        mark = audit_mark()

        services.rhk_delete(aktor=SYSTEM, rhk=rhk)

        assert Rhk.objects.filter(skp=skp).count() == 0
        assert Indikator.objects.filter(rhk__skp=skp).count() == 0
        [entry] = entries_since(mark)
        assert (entry.aksi, entry.objek_tipe, entry.objek_id, entry.objek_label) == (
            "rhk.delete",
            "skp.rhk",
            str(rhk.pk),
            "RHK-01 Tersusunnya laporan kinerja",
        )
        assert entry.sebelum == {
            "kode": "RHK-01",
            "jenis": "UTAMA",
            "uraian": "Tersusunnya laporan kinerja",
            "rhk_atasan": None,
            "perspektif": "",
            "sasaran": None,
            "urutan": 1,
        }

    def test_a_result_supported_by_subordinates_is_not_deleted(self, agency, year):
        _, leader = plan_with_rhk(agency.penilai)
        plan_with_rhk(agency.pegawai, rhk_atasan=leader)
        plan_with_rhk(another_appraisee(agency), rhk_atasan=leader)
        refused(
            lambda: services.rhk_delete(aktor=SYSTEM, rhk=leader),
            [
                "RHK RHK-01 tidak dapat dihapus: 2 RHK bawahan mengintervensinya (Agus Salim, "
                "Siti Aminah). Pindahkan dahulu RHK bawahan tersebut."
            ],
        )


# --- Indicators ------------------------------------------------------------------------------


class TestIndikator:
    def test_a_quantitative_target_written_the_indonesian_way(self, agency, year):
        _, rhk = plan_with_rhk(agency.penilai)
        mark = audit_mark()

        found = services.indikator_create(
            aktor=SYSTEM,
            rhk=rhk,
            aspek=" waktu ",
            uraian=" Dokumen terbit ",
            target_nilai="1.250,5",
            target_satuan=" dokumen ",
            target_narasi="",
        )

        stored = Indikator.objects.get(pk=found.pk)
        assert indicators_of(rhk)[1] == (
            "WAKTU",
            "Dokumen terbit",
            Decimal("1250.5"),
            "dokumen",
            "",
            2,
        )
        assert stored.target_text("KUANTITATIF") == "1.250,5 dokumen"
        [entry] = entries_since(mark)
        assert (entry.aksi, entry.objek_id, entry.sesudah) == (
            "indikator.create",
            str(found.pk),
            {
                "aspek": "WAKTU",
                "uraian": "Dokumen terbit",
                "target_nilai": "1250.5000",
                "target_satuan": "dokumen",
                "target_narasi": "",
                "urutan": 2,
            },
        )

    def test_a_qualitative_target_keeps_the_narrative_only(self, agency, year):
        skp = services.skp_create(
            aktor=SYSTEM, pegawai=agency.penilai, tahun=2026, pendekatan="KUALITATIF"
        )
        rhk = services.rhk_create(aktor=SYSTEM, skp=skp, uraian="Layanan")
        services.indikator_create(
            aktor=SYSTEM,
            rhk=rhk,
            aspek="KUALITAS",
            uraian="Kepuasan pengguna",
            target_nilai="90",
            target_satuan="%",
            target_narasi=" Pengguna puas dengan layanan ",
        )
        assert indicators_of(rhk) == [
            ("KUALITAS", "Kepuasan pengguna", None, "", "Pengguna puas dengan layanan", 1)
        ]

    def test_biaya_only_when_the_year_allows_it(self, agency, year):
        _, rhk = plan_with_rhk(agency.penilai)
        refused(
            lambda: services.indikator_create(
                aktor=SYSTEM,
                rhk=rhk,
                aspek="BIAYA",
                uraian="Serapan",
                target_nilai="95",
                target_satuan="%",
            ),
            {"aspek": [ASPEK_WITHOUT_BIAYA]},
        )
        open_year(2027, aspek_biaya=True)
        _, later = plan_with_rhk(agency.penilai, tahun=2027)
        services.indikator_create(
            aktor=SYSTEM,
            rhk=later,
            aspek="Biaya",
            uraian="Serapan",
            target_nilai="95",
            target_satuan="%",
        )
        assert [row[0] for row in indicators_of(later)] == ["KUANTITAS", "BIAYA"]

    @pytest.mark.parametrize(
        ("target", "expected"),
        [
            ("dua belas", {"target_nilai": [NOT_A_NUMBER]}),
            ("NaN", {"target_nilai": [NOT_A_NUMBER]}),
            ("1,250.5", {"target_nilai": [NOT_A_NUMBER]}),
            ("", {"target_nilai": ["Pendekatan kuantitatif: target wajib berupa angka."]}),
            ("-1", {"target_nilai": ["Target tidak boleh negatif."]}),
            ("1e400", {"target_nilai": ["Target terlalu besar."]}),
            ("1.000.000.000.000", {"target_nilai": ["Target terlalu besar."]}),
            ("0,12345", {"target_nilai": ["Target paling banyak 4 angka di belakang koma."]}),
        ],
    )
    def test_a_bad_target_is_refused(self, agency, year, target, expected):
        _, rhk = plan_with_rhk(agency.penilai)
        refused(
            lambda: services.indikator_create(
                aktor=SYSTEM,
                rhk=rhk,
                aspek="KUANTITAS",
                uraian="Jumlah",
                target_nilai=target,
                target_satuan="dokumen",
            ),
            expected,
        )

    def test_update_and_delete_are_audited(self, agency, year):
        _, rhk = plan_with_rhk(agency.penilai)
        [indikator] = Indikator.objects.filter(rhk=rhk)
        mark = audit_mark()

        services.indikator_update(
            aktor=SYSTEM,
            indikator=indikator,
            aspek="KUANTITAS",
            uraian="Jumlah laporan yang tersusun",
            target_nilai="12",
            target_satuan="laporan",
        )
        assert entries_since(mark) == []  # nothing changed
        services.indikator_update(
            aktor=SYSTEM,
            indikator=indikator,
            aspek="KUANTITAS",
            uraian="Jumlah laporan yang tersusun",
            target_nilai="97,5",
            target_satuan="laporan",
        )
        services.indikator_delete(aktor=SYSTEM, indikator=indikator)

        assert indicators_of(rhk) == []
        update, delete = entries_since(mark)
        assert (update.aksi, update.sebelum, update.sesudah) == (
            "indikator.update",
            {"target_nilai": "12.0000"},
            {"target_nilai": "97.5000"},
        )
        assert (delete.aksi, delete.objek_tipe, delete.objek_id, delete.sebelum) == (
            "indikator.delete",
            "skp.indikator",
            str(indikator.pk),
            {
                "aspek": "KUANTITAS",
                "uraian": "Jumlah laporan yang tersusun",
                "target_nilai": "97.5000",
                "target_satuan": "laporan",
                "target_narasi": "",
                "urutan": 1,
            },
        )


# --- Push and link from the appraiser's side -------------------------------------------------


class TestPush:
    def test_each_chosen_appraisee_gets_a_supporting_result(self, agency, year):
        _, leader = plan_with_rhk(agency.penilai, uraian="Layanan SDM prima")
        agus = another_appraisee(agency)
        agus_plan, _ = plan_with_rhk(agus)
        aktor = aktor_for(agency.penilai)
        mark = audit_mark()

        created = services.rhk_push(
            aktor=aktor, rhk_atasan=leader, pegawai_ids=[agency.pegawai.pk, agus.pk, agus.pk]
        )

        assert [(rhk.skp.pegawai_id, rhk.kode) for rhk in created] == [
            (agus.pk, "RHK-02"),
            (agency.pegawai.pk, "RHK-01"),
        ]
        assert rows_of(agus_plan)[1] == (
            "RHK-02",
            "UTAMA",
            "Layanan SDM prima",
            leader.pk,
            "",
            None,
            2,
        )
        siti_plan = Skp.objects.get(pegawai=agency.pegawai, tahun=2026)
        assert (siti_plan.status, siti_plan.revisi) == ("DRAF", 1)
        assert rows_of(siti_plan) == [
            ("RHK-01", "UTAMA", "Layanan SDM prima", leader.pk, "", None, 1)
        ]
        assert history(siti_plan) == [(1, "DIBUAT", "DRAF", "", aktor.label)]
        assert [(e.aksi, e.objek_id, e.keterangan) for e in entries_since(mark)] == [
            ("rhk.push", str(created[0].pk), "Dari RHK RHK-01 pejabat penilai."),
            ("skp.create", str(siti_plan.pk), ""),
            ("rhk.push", str(created[1].pk), "Dari RHK RHK-01 pejabat penilai."),
        ]

    def test_with_its_own_description_and_kind(self, agency, year):
        _, leader = plan_with_rhk(agency.penilai)
        [rhk] = services.rhk_push(
            aktor=SYSTEM,
            rhk_atasan=leader,
            pegawai_ids=[agency.pegawai.pk],
            uraian=" Data SDM mutakhir ",
            jenis="Tambahan",
        )
        assert (rhk.kode, rhk.jenis, rhk.uraian) == ("RHK-01", "TAMBAHAN", "Data SDM mutakhir")

    def test_all_or_nothing_naming_the_blocked_appraisees(self, agency, year):
        _, leader = approved_plan(agency.penilai)
        agus = another_appraisee(agency)
        agus_plan, _ = plan_with_rhk(agus, rhk_atasan=leader)
        services.skp_submit(aktor=aktor_for(agus), skp=agus_plan)
        refused(
            lambda: services.rhk_push(
                aktor=SYSTEM, rhk_atasan=leader, pegawai_ids=[agency.pegawai.pk, agus.pk]
            ),
            [
                "SKP berikut sedang diajukan atau sudah disetujui, sehingga tidak dapat "
                "ditambah: Agus Salim."
            ],
        )
        assert not Skp.objects.filter(pegawai=agency.pegawai).exists()

    def test_only_current_active_appraisees(self, agency, year):
        _, leader = plan_with_rhk(agency.penilai)
        former = another_appraisee(agency, nama="Dewi Lestari")
        former.aktif = False
        former.save(update_fields=["aktif"])
        for ids in ([agency.pegawai.pk, agency.outsider.pk], [former.pk], [agency.penilai.pk]):
            refused(
                lambda ids=ids: services.rhk_push(aktor=SYSTEM, rhk_atasan=leader, pegawai_ids=ids),
                {"pegawai": ["Hanya bawahan langsung Anda yang dapat dipilih."]},
            )

    def test_nobody_chosen_or_an_unknown_kind(self, agency, year):
        _, leader = plan_with_rhk(agency.penilai)
        refused(
            lambda: services.rhk_push(aktor=SYSTEM, rhk_atasan=leader, pegawai_ids=[]),
            {"pegawai": ["Pilih sekurang-kurangnya satu bawahan."]},
        )
        refused(
            lambda: services.rhk_push(
                aktor=SYSTEM, rhk_atasan=leader, pegawai_ids=[agency.pegawai.pk], jenis="Lain"
            ),
            {"jenis": ["Jenis RHK harus Utama atau Tambahan."]},
        )


class TestLink:
    def test_link_then_unlink_audited(self, agency, year):
        leader_plan, first = plan_with_rhk(agency.penilai)
        second = services.rhk_create(aktor=SYSTEM, skp=leader_plan, uraian="Arsip")
        _, rhk = plan_with_rhk(agency.pegawai, rhk_atasan=first)
        aktor = aktor_for(agency.penilai)
        mark = audit_mark()

        services.rhk_link(aktor=aktor, rhk=rhk, rhk_atasan=second)
        assert Rhk.objects.get(pk=rhk.pk).rhk_atasan_id == second.pk
        services.rhk_link(aktor=aktor, rhk=rhk, rhk_atasan=None)
        assert Rhk.objects.get(pk=rhk.pk).rhk_atasan_id is None

        assert [(e.aksi, e.objek_id, e.sebelum, e.sesudah) for e in entries_since(mark)] == [
            ("rhk.update", str(rhk.pk), {"rhk_atasan": first.pk}, {"rhk_atasan": second.pk}),
            ("rhk.update", str(rhk.pk), {"rhk_atasan": second.pk}, {"rhk_atasan": None}),
        ]

    def test_a_result_of_someone_else_is_refused(self, agency, year):
        _, foreign = plan_with_rhk(agency.outsider)
        _, rhk = plan_with_rhk(agency.pegawai)
        refused(
            lambda: services.rhk_link(aktor=SYSTEM, rhk=rhk, rhk_atasan=foreign),
            {"rhk_atasan": ["RHK pimpinan harus milik pejabat penilai pegawai ini."]},
        )

    def test_a_submitted_plan_is_not_relinked(self, agency, year):
        _, leader = approved_plan(agency.penilai)
        skp, rhk = plan_with_rhk(agency.pegawai, rhk_atasan=leader)
        services.skp_submit(aktor=aktor_for(agency.pegawai), skp=skp)
        refused(lambda: services.rhk_link(aktor=SYSTEM, rhk=rhk, rhk_atasan=None), [SUBMITTED])


# --- Organisation goals ----------------------------------------------------------------------


class TestGoals:
    def test_create_then_replace_the_indicators(self, agency, year):
        mark = audit_mark()
        goal = services.sasaran_save(
            aktor=SYSTEM,
            unit=agency.biro,
            tahun=2026,
            kode=" SS-1 ",
            uraian=" Layanan prima ",
            indikator=[
                {"uraian": "Indeks kepuasan", "target": "3,5", "satuan": "skala 4"},
                {"uraian": " ", "target": ""},
                {"uraian": "Keluhan selesai", "target": "100", "satuan": "%"},
            ],
        )
        second = services.sasaran_save(
            aktor=SYSTEM, unit=agency.biro, tahun=2026, kode="SS-2", uraian="Arsip"
        )
        assert [(g.kode, g.urutan) for g in (goal, second)] == [("SS-1", 1), ("SS-2", 2)]
        assert list(
            goal.indikator.order_by("urutan").values_list("uraian", "target", "satuan", "urutan")
        ) == [
            ("Indeks kepuasan", "3,5", "skala 4", 1),
            ("Keluhan selesai", "100", "%", 2),
        ]

        services.sasaran_save(
            aktor=SYSTEM,
            unit=agency.biro,
            tahun=2026,
            kode="SS-1",
            uraian="Layanan prima",
            indikator=[{"uraian": "Indeks kepuasan", "target": "3,6", "satuan": "skala 4"}],
            sasaran=goal,
        )

        assert list(goal.indikator.values_list("uraian", "target", "satuan", "urutan")) == [
            ("Indeks kepuasan", "3,6", "skala 4", 1)
        ]
        created, _, updated = entries_since(mark)
        assert (created.aksi, created.sebelum, created.sesudah) == (
            "sasaran.create",
            None,
            {
                "kode": "SS-1",
                "uraian": "Layanan prima",
                "indikator": [
                    {"uraian": "Indeks kepuasan", "target": "3,5", "satuan": "skala 4"},
                    {"uraian": "Keluhan selesai", "target": "100", "satuan": "%"},
                ],
            },
        )
        assert (updated.aksi, updated.objek_id) == ("sasaran.update", str(goal.pk))
        assert updated.sebelum["indikator"] == created.sesudah["indikator"]
        assert updated.sesudah["indikator"] == [
            {"uraian": "Indeks kepuasan", "target": "3,6", "satuan": "skala 4"}
        ]

    def test_refusals(self, agency, year):
        services.sasaran_save(aktor=SYSTEM, unit=agency.biro, tahun=2026, kode="SS-1", uraian="A")
        cases = [
            (
                {"kode": "SS 1", "uraian": ""},
                {"kode": [KODE_MESSAGE], "uraian": ["Uraian sasaran wajib diisi."]},
            ),
            ({"kode": "SS-1", "uraian": "B"}, {"kode": ["Kode sasaran SS-1 sudah dipakai."]}),
            (
                {
                    "kode": "SS-2",
                    "uraian": "B",
                    "indikator": [{"uraian": "x", "target": "1"}, {"uraian": "y"}],
                },
                {"indikator": ["Indikator ke-2: uraian dan target wajib diisi."]},
            ),
            (
                {"kode": "SS-2", "uraian": "B", "tahun": 2030},
                ["Tahun kinerja 2030 belum dibuka oleh admin kepegawaian."],
            ),
        ]
        for changes, expected in cases:
            values = {"unit": agency.biro, "tahun": 2026} | changes
            refused(lambda values=values: services.sasaran_save(aktor=SYSTEM, **values), expected)

    def test_delete_unless_a_result_derives_from_it(self, agency, year):
        used = services.sasaran_save(
            aktor=SYSTEM, unit=agency.biro, tahun=2026, kode="SS-1", uraian="A"
        )
        spare = services.sasaran_save(
            aktor=SYSTEM, unit=agency.biro, tahun=2026, kode="SS-2", uraian="B"
        )
        skp = services.skp_create(aktor=SYSTEM, pegawai=jpt(agency), tahun=2026)
        services.rhk_create(aktor=SYSTEM, skp=skp, uraian="Hasil", sasaran_id=used.pk)
        refused(
            lambda: services.sasaran_delete(aktor=SYSTEM, sasaran=used),
            ["Sasaran SS-1 dipakai oleh 1 RHK dan tidak dapat dihapus."],
        )
        mark = audit_mark()
        services.sasaran_delete(aktor=SYSTEM, sasaran=spare)
        [entry] = entries_since(mark)
        assert (entry.aksi, entry.objek_id, entry.sebelum) == (
            "sasaran.delete",
            str(spare.pk),
            {"kode": "SS-2", "uraian": "B"},
        )
        assert not type(spare).objects.filter(pk=spare.pk).exists()
