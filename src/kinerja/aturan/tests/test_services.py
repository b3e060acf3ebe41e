"""Rule-set services: numbering, the draft-only edits, the life cycle, import; every refusal
changes nothing and every change is audited. Also the model's parsed content and constraints."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kinerja.aturan import rules, selectors, services
from kinerja.aturan.models import SetAturan
from kinerja.aturan.tests.factories import (
    TEST_AKTOR,
    active_version,
    default_version,
    draft_version,
    rule_set_state,
)
from kinerja.audit.models import Entri
from kinerja.organisasi.tests.helpers import aktor_of, last_entries

pytestmark = pytest.mark.django_db

DEFAULT_DATE = datetime.date(2023, 1, 1)
NEXT_YEAR = datetime.date(2024, 1, 1)
REFUSED_ACTIVE = (
    "Set aturan bawaan v1 sudah aktif dan tidak dapat diubah; buat versi baru dengan menyalinnya."
)
KODE_MESSAGE = "Kode hanya boleh berisi huruf, angka, tanda hubung dan garis bawah."
NAMA_MESSAGE = "Nama set aturan wajib diisi."
DASAR_MESSAGE = "Dasar hukum wajib diisi."
ALREADY_ACTIVE = "Set aturan ini sudah aktif."
NOT_ACTIVE = "Hanya set aturan yang aktif yang dapat dinonaktifkan."
LAST_AGENCY_WIDE = (
    "Set aturan ini satu-satunya yang aktif untuk seluruh instansi; aktifkan set aturan lain "
    "lebih dahulu."
)


@pytest.fixture
def boss(agency):
    return aktor_of(agency.superuser)


def refused(call, expected):
    """Run a call that must be refused with exactly these messages (a dict of field messages,
    or a list of non-field messages), writing nothing."""
    before = rule_set_state()
    with pytest.raises(ValidationError) as caught:
        call()
    if isinstance(expected, dict):
        assert caught.value.message_dict == expected
    else:
        assert caught.value.messages == expected
    assert rule_set_state() == before


def content_with(**sections):
    """The default content with some sections replaced."""
    return {**rules.isi_default(), **sections}


def retired_version():
    """A NONAKTIF agency-wide version (bawaan v2, effective 2024-01-01)."""
    version = active_version(berlaku_mulai=NEXT_YEAR)
    return services.rule_set_deactivate(aktor=TEST_AKTOR, set_aturan=version, alasan="Uji")


def reload(set_aturan):
    return SetAturan.objects.get(pk=set_aturan.pk)


# --- The default -----------------------------------------------------------------------------


class TestDefault:
    def test_installed_by_migrate(self):
        (only,) = SetAturan.objects.all()
        metadata = rules.default_metadata()
        assert (
            only.kode,
            only.versi,
            only.nama,
            only.dasar_hukum,
            only.status,
            only.berlaku_mulai,
            only.unit_id,
            only.dibuat_oleh_id,
            only.disalin_dari_id,
            only.isi,
        ) == (
            "bawaan",
            1,
            "Set aturan bawaan",
            metadata["dasar_hukum"],
            "AKTIF",
            DEFAULT_DATE,
            None,
            None,
            None,
            rules.isi_default(),
        )
        assert only.diaktifkan_pada is not None
        assert metadata["dasar_hukum"].startswith("PermenPANRB 6/2022;")

    def test_installing_again_creates_nothing(self):
        before = rule_set_state()
        assert services.rule_set_install_default() is None
        assert rule_set_state() == before

    def test_installed_again_when_missing_without_an_audit_entry(self):
        SetAturan.objects.all().delete()
        installed = services.rule_set_install_default()
        assert installed is not None
        assert (installed.kode, installed.versi, installed.status) == ("bawaan", 1, "AKTIF")
        assert list(SetAturan.objects.values_list("pk", flat=True)) == [installed.pk]
        assert not Entri.objects.exists()


# --- Create and copy -------------------------------------------------------------------------


class TestCreate:
    def test_version_numbers_per_code(self, agency, boss):
        second = draft_version(aktor=boss)
        third = draft_version(aktor=boss, berlaku_mulai=datetime.date(2025, 1, 1))
        other = draft_version(aktor=boss, kode="biro-umum", unit=agency.biro)
        assert [(s.kode, s.versi) for s in (second, third, other)] == [
            ("bawaan", 2),
            ("bawaan", 3),
            ("biro-umum", 1),
        ]
        assert (other.status, other.unit, other.dibuat_oleh) == (
            "DRAF",
            agency.biro,
            agency.superuser,
        )
        assert other.diaktifkan_pada is None

    def test_stripped_normalised_and_audited(self, agency, boss):
        isi = content_with(
            keberatan={"batas_hari": "21"},
            tren={"jendela": "4", "minimum_titik": 3, "ambang": "1.50"},
        )
        created = services.rule_set_create(
            aktor=boss,
            kode=" biro-umum ",
            nama="  Set aturan Biro Umum ",
            dasar_hukum=" Keputusan Kepala Biro 1/2024 ",
            berlaku_mulai=NEXT_YEAR,
            unit=agency.biro,
            isi=isi,
            catatan=" Batas keberatan 21 hari ",
        )
        created = reload(created)
        assert (created.kode, created.nama, created.dasar_hukum, created.catatan) == (
            "biro-umum",
            "Set aturan Biro Umum",
            "Keputusan Kepala Biro 1/2024",
            "Batas keberatan 21 hari",
        )
        assert created.isi["keberatan"] == {"batas_hari": 21}
        assert created.isi["tren"] == {"jendela": 4, "minimum_titik": 3, "ambang": "1.5"}
        assert {k: v for k, v in created.isi.items() if k not in ("keberatan", "tren")} == {
            k: v for k, v in rules.isi_default().items() if k not in ("keberatan", "tren")
        }
        (entry,) = last_entries(1)
        assert (entry.aksi, entry.objek_id, entry.aktor_id, entry.sebelum) == (
            "setaturan.create",
            str(created.pk),
            agency.superuser.pk,
            None,
        )
        assert entry.sesudah == {
            "kode": "biro-umum",
            "versi": 1,
            "nama": "Set aturan Biro Umum",
            "dasar_hukum": "Keputusan Kepala Biro 1/2024",
            "berlaku_mulai": "2024-01-01",
            "unit": agency.biro.pk,
            "catatan": "Batas keberatan 21 hari",
            "status": "DRAF",
        }

    def test_invalid_metadata_names_each_field(self, boss):
        refused(
            lambda: services.rule_set_create(
                aktor=boss,
                kode="bukan kode!",
                nama="  ",
                dasar_hukum="",
                berlaku_mulai=NEXT_YEAR,
                unit=None,
                isi=rules.isi_default(),
            ),
            {"kode": [KODE_MESSAGE], "nama": [NAMA_MESSAGE], "dasar_hukum": [DASAR_MESSAGE]},
        )

    @pytest.mark.parametrize(
        ("isi", "messages"),
        [
            (
                content_with(tren={"jendela": 1, "minimum_titik": 2, "ambang": "1"}),
                ["tren.jendela: tidak boleh kurang dari 2"],
            ),
            (
                content_with(keberatan={"batas_hari": 0}, bonus={}),
                ["bonus: bagian tidak dikenal", "keberatan.batas_hari: tidak boleh kurang dari 1"],
            ),
            ([], ["isi set aturan harus berupa objek JSON"]),
        ],
    )
    def test_invalid_content_names_the_path(self, boss, isi, messages):
        refused(
            lambda: services.rule_set_create(
                aktor=boss,
                kode="bawaan",
                nama="Set aturan uji",
                dasar_hukum="Peraturan uji",
                berlaku_mulai=NEXT_YEAR,
                unit=None,
                isi=isi,
            ),
            {"isi": messages},
        )


class TestCopy:
    def test_copy_is_the_next_draft_version(self, agency, boss):
        source = default_version()
        copy = services.rule_set_copy(aktor=boss, sumber=source, catatan=" Revisi 2025 ")
        copy = reload(copy)
        assert (copy.kode, copy.versi, copy.status, copy.disalin_dari, copy.unit) == (
            "bawaan",
            2,
            "DRAF",
            source,
            None,
        )
        assert (copy.nama, copy.dasar_hukum, copy.catatan) == (
            source.nama,
            source.dasar_hukum,
            "Revisi 2025",
        )
        assert copy.isi == source.isi == rules.isi_default()
        assert copy.berlaku_mulai == max(DEFAULT_DATE, timezone.localdate())
        assert copy.berlaku_mulai == timezone.localdate()
        assert (copy.dibuat_oleh, copy.diaktifkan_pada) == (agency.superuser, None)
        (entry,) = last_entries(1)
        assert (entry.aksi, entry.objek_id, entry.keterangan) == (
            "setaturan.copy",
            str(copy.pk),
            "Disalin dari Set aturan bawaan v1.",
        )
        assert entry.sesudah["versi"] == 2
        assert entry.sesudah["berlaku_mulai"] == timezone.localdate().isoformat()

    def test_copy_under_a_new_code_starts_at_version_one(self, agency, boss):
        source = active_version(kode="biro-umum", unit=agency.biro)
        first = services.rule_set_copy(
            aktor=boss, sumber=default_version(), kode="unit-khusus", nama="Set aturan khusus"
        )
        second = services.rule_set_copy(aktor=boss, sumber=first)
        biro_copy = services.rule_set_copy(aktor=boss, sumber=source)
        assert [(c.kode, c.versi, c.nama, c.unit) for c in (first, second, biro_copy)] == [
            ("unit-khusus", 1, "Set aturan khusus", None),
            ("unit-khusus", 2, "Set aturan khusus", None),
            ("biro-umum", 2, "Set aturan uji", agency.biro),
        ]
        assert second.disalin_dari == first

    def test_a_future_effective_date_is_kept(self, boss):
        source = draft_version(berlaku_mulai=datetime.date(2099, 7, 1))
        copy = services.rule_set_copy(aktor=boss, sumber=source)
        assert (copy.versi, copy.berlaku_mulai) == (3, datetime.date(2099, 7, 1))

    def test_invalid_code_or_name(self, boss):
        refused(
            lambda: services.rule_set_copy(aktor=boss, sumber=default_version(), kode="a b"),
            {"kode": [KODE_MESSAGE]},
        )
        refused(
            lambda: services.rule_set_copy(aktor=boss, sumber=default_version(), nama="   "),
            {"nama": [NAMA_MESSAGE]},
        )


# --- Edit a draft ----------------------------------------------------------------------------


def update_metadata(set_aturan, aktor, **changes):
    fields = {
        "nama": set_aturan.nama,
        "dasar_hukum": set_aturan.dasar_hukum,
        "berlaku_mulai": set_aturan.berlaku_mulai,
        "unit": set_aturan.unit,
        "catatan": set_aturan.catatan,
    }
    return services.rule_set_update(aktor=aktor, set_aturan=set_aturan, **(fields | changes))


class TestUpdate:
    def test_changes_a_draft_and_audits_only_the_changes(self, agency, boss):
        draft = draft_version()
        updated = update_metadata(
            draft,
            boss,
            nama=" Set aturan Biro Umum ",
            berlaku_mulai=datetime.date(2025, 1, 1),
            unit=agency.biro,
            catatan=" Lingkup biro ",
        )
        stored = reload(updated)
        assert (
            stored.nama,
            stored.dasar_hukum,
            stored.berlaku_mulai,
            stored.unit,
            stored.catatan,
            stored.status,
        ) == (
            "Set aturan Biro Umum",
            "Peraturan uji 1/2024",
            datetime.date(2025, 1, 1),
            agency.biro,
            "Lingkup biro",
            "DRAF",
        )
        (entry,) = last_entries(1)
        assert (entry.aksi, entry.objek_id, entry.aktor_id) == (
            "setaturan.update",
            str(draft.pk),
            agency.superuser.pk,
        )
        assert entry.sebelum == {
            "nama": "Set aturan uji",
            "berlaku_mulai": "2024-01-01",
            "unit": None,
            "catatan": "",
        }
        assert entry.sesudah == {
            "nama": "Set aturan Biro Umum",
            "berlaku_mulai": "2025-01-01",
            "unit": agency.biro.pk,
            "catatan": "Lingkup biro",
        }

    def test_no_change_writes_no_entry(self, boss):
        draft = draft_version()
        before = rule_set_state()
        update_metadata(draft, boss, nama=" Set aturan uji ")
        assert rule_set_state() == before

    def test_empty_name_and_legal_basis(self, boss):
        draft = draft_version()
        refused(
            lambda: update_metadata(draft, boss, nama="", dasar_hukum=" "),
            {"nama": [NAMA_MESSAGE], "dasar_hukum": [DASAR_MESSAGE]},
        )

    def test_active_and_retired_versions_are_frozen(self, boss):
        refused(lambda: update_metadata(default_version(), boss, nama="Baru"), [REFUSED_ACTIVE])
        retired = retired_version()
        refused(
            lambda: update_metadata(retired, boss, nama="Baru"),
            [
                "Set aturan uji v2 sudah nonaktif dan tidak dapat diubah; buat versi "
                "baru dengan menyalinnya."
            ],
        )


class TestSectionUpdate:
    def test_replaces_one_section_and_audits_it(self, agency, boss):
        draft = draft_version()
        services.rule_set_section_update(
            aktor=boss, set_aturan=draft, bagian="keberatan", data={"batas_hari": "21"}
        )
        stored = reload(draft)
        assert stored.isi == content_with(keberatan={"batas_hari": 21})
        (entry,) = last_entries(1)
        assert (entry.aksi, entry.objek_id, entry.aktor_id) == (
            "setaturan.update",
            str(draft.pk),
            agency.superuser.pk,
        )
        assert entry.sebelum == {"keberatan": {"batas_hari": 14}}
        assert entry.sesudah == {"keberatan": {"batas_hari": 21}}

    def test_the_stored_section_is_normalised(self, boss):
        draft = draft_version()
        services.rule_set_section_update(
            aktor=boss,
            set_aturan=draft,
            bagian="tren",
            data={"jendela": "4", "minimum_titik": 3, "ambang": "1.50"},
        )
        assert reload(draft).isi["tren"] == {"jendela": 4, "minimum_titik": 3, "ambang": "1.5"}
        assert last_entries(1)[0].sesudah == {
            "tren": {"jendela": 4, "minimum_titik": 3, "ambang": "1.5"}
        }

    @pytest.mark.parametrize("data", [{"batas_hari": 14}, {"batas_hari": "14"}])
    def test_an_unchanged_section_writes_nothing(self, boss, data):
        draft = draft_version()
        before = rule_set_state()
        services.rule_set_section_update(
            aktor=boss, set_aturan=draft, bagian="keberatan", data=data
        )
        assert rule_set_state() == before

    def test_unknown_section(self, boss):
        draft = draft_version()
        refused(
            lambda: services.rule_set_section_update(
                aktor=boss, set_aturan=draft, bagian="bonus", data={}
            ),
            {"bagian": ["Bagian “bonus” tidak dikenal."]},
        )

    @pytest.mark.parametrize(
        ("bagian", "data", "message"),
        [
            ("keberatan", {"batas_hari": 91}, "keberatan.batas_hari: tidak boleh lebih dari 90"),
            ("keberatan", {}, "keberatan.batas_hari: wajib diisi"),
            ("tren", [], "tren: harus berupa objek"),
            (
                "kurva",
                {
                    "ukuran_minimum": 10,
                    "pola": {
                        **rules.isi_default()["kurva"]["pola"],
                        "BAIK": [
                            {"jenis": "TERBANYAK", "predikat": ["BAIK"]},
                            {"jenis": "MAKSIMUM_PERSEN", "predikat": ["BAIK"], "nilai": "5"},
                        ],
                    },
                },
                "kurva.pola.BAIK: pola ini tidak dapat dipenuhi oleh kelompok 10 orang",
            ),
        ],
    )
    def test_invalid_data_names_the_path_and_keeps_the_content(self, boss, bagian, data, message):
        draft = draft_version()
        refused(
            lambda: services.rule_set_section_update(
                aktor=boss, set_aturan=draft, bagian=bagian, data=data
            ),
            {"isi": [message]},
        )
        assert reload(draft).isi == rules.isi_default()

    def test_active_and_retired_versions_are_frozen(self, boss):
        def edit(set_aturan):
            return lambda: services.rule_set_section_update(
                aktor=boss, set_aturan=set_aturan, bagian="keberatan", data={"batas_hari": 21}
            )

        refused(edit(default_version()), [REFUSED_ACTIVE])
        refused(
            edit(retired_version()),
            [
                "Set aturan uji v2 sudah nonaktif dan tidak dapat diubah; buat versi "
                "baru dengan menyalinnya."
            ],
        )
        assert default_version().isi == rules.isi_default()


# --- Life cycle ------------------------------------------------------------------------------


class TestActivate:
    def test_a_draft_becomes_active(self, agency, boss):
        draft = draft_version(berlaku_mulai=NEXT_YEAR)
        started = timezone.now()
        services.rule_set_activate(aktor=boss, set_aturan=draft)
        stored = reload(draft)
        assert stored.status == "AKTIF"
        assert started <= stored.diaktifkan_pada <= timezone.now()
        assert default_version().status == "AKTIF"
        (entry,) = last_entries(1)
        assert (entry.aksi, entry.objek_id, entry.aktor_id, entry.sebelum, entry.sesudah) == (
            "setaturan.activate",
            str(draft.pk),
            agency.superuser.pk,
            {"status": "DRAF"},
            {"status": "AKTIF"},
        )

    def test_supersedes_only_the_same_scope_and_date(self, agency, boss):
        later = active_version(berlaku_mulai=NEXT_YEAR)
        biro = active_version(kode="biro-umum", unit=agency.biro, berlaku_mulai=DEFAULT_DATE)
        bagian = active_version(kode="bagian-sdm", unit=agency.bagian, berlaku_mulai=DEFAULT_DATE)
        replacement = draft_version(nama="Set aturan pengganti", berlaku_mulai=DEFAULT_DATE)

        services.rule_set_activate(aktor=boss, set_aturan=replacement)

        statuses = dict(SetAturan.objects.values_list("pk", "status"))
        assert statuses == {
            default_version().pk: "NONAKTIF",
            later.pk: "AKTIF",
            biro.pk: "AKTIF",
            bagian.pk: "AKTIF",
            replacement.pk: "AKTIF",
        }
        superseded, activated = last_entries(2)
        assert (superseded.aksi, superseded.objek_id, superseded.keterangan) == (
            "setaturan.deactivate",
            str(default_version().pk),
            "Digantikan oleh Set aturan pengganti v3.",
        )
        assert (superseded.sebelum, superseded.sesudah) == (
            {"status": "AKTIF"},
            {"status": "NONAKTIF"},
        )
        assert (activated.aksi, activated.objek_id) == ("setaturan.activate", str(replacement.pk))
        assert default_version().diaktifkan_pada is not None

    def test_a_unit_scoped_version_supersedes_its_own_scope_only(self, agency, boss):
        first = active_version(kode="biro-umum", unit=agency.biro)
        other_unit = active_version(kode="biro-lain", unit=agency.lain)
        second = draft_version(kode="biro-umum", unit=agency.biro)
        services.rule_set_activate(aktor=boss, set_aturan=second)
        assert [reload(s).status for s in (first, other_unit, second)] == [
            "NONAKTIF",
            "AKTIF",
            "AKTIF",
        ]
        assert default_version().status == "AKTIF"

    def test_an_active_version_cannot_be_activated_again(self, boss):
        refused(
            lambda: services.rule_set_activate(aktor=boss, set_aturan=default_version()),
            [ALREADY_ACTIVE],
        )

    def test_a_retired_version_can_be_activated_again(self, boss):
        replacement = active_version(berlaku_mulai=DEFAULT_DATE)
        original = default_version()
        assert original.status == "NONAKTIF"
        first_activation = original.diaktifkan_pada

        services.rule_set_activate(aktor=boss, set_aturan=original)

        original = default_version()
        assert original.status == "AKTIF"
        assert original.diaktifkan_pada > first_activation
        assert reload(replacement).status == "NONAKTIF"
        superseded, activated = last_entries(2)
        assert (superseded.aksi, superseded.objek_id) == (
            "setaturan.deactivate",
            str(replacement.pk),
        )
        assert (activated.aksi, activated.sebelum, activated.sesudah) == (
            "setaturan.activate",
            {"status": "NONAKTIF"},
            {"status": "AKTIF"},
        )

    def test_invalid_stored_content_is_not_activated(self, boss):
        draft = draft_version()
        broken = content_with(keberatan={"batas_hari": 0})
        SetAturan.objects.filter(pk=draft.pk).update(isi=broken)
        refused(
            lambda: services.rule_set_activate(aktor=boss, set_aturan=draft),
            {"isi": ["keberatan.batas_hari: tidak boleh kurang dari 1"]},
        )


class TestDeactivate:
    def test_needs_a_reason(self, boss):
        active_version()
        refused(
            lambda: services.rule_set_deactivate(
                aktor=boss, set_aturan=default_version(), alasan="  "
            ),
            {"alasan": ["Alasan penonaktifan wajib diisi."]},
        )

    def test_the_last_active_agency_wide_version_stays(self, agency, boss):
        draft_version(berlaku_mulai=NEXT_YEAR)
        active_version(kode="biro-umum", unit=agency.biro)
        retired_version()
        refused(
            lambda: services.rule_set_deactivate(
                aktor=boss, set_aturan=default_version(), alasan="Diganti"
            ),
            [LAST_AGENCY_WIDE],
        )

    def test_allowed_when_another_agency_wide_version_is_active(self, agency, boss):
        later = active_version(berlaku_mulai=NEXT_YEAR)
        services.rule_set_deactivate(
            aktor=boss, set_aturan=default_version(), alasan=" Diganti versi 2024 "
        )
        assert (default_version().status, reload(later).status) == ("NONAKTIF", "AKTIF")
        (entry,) = last_entries(1)
        assert (
            entry.aksi,
            entry.objek_id,
            entry.aktor_id,
            entry.sebelum,
            entry.sesudah,
            entry.keterangan,
        ) == (
            "setaturan.deactivate",
            str(default_version().pk),
            agency.superuser.pk,
            {"status": "AKTIF"},
            {"status": "NONAKTIF"},
            "Diganti versi 2024",
        )

    def test_a_unit_scoped_version_can_always_be_deactivated(self, agency, boss):
        biro = active_version(kode="biro-umum", unit=agency.biro)
        services.rule_set_deactivate(aktor=boss, set_aturan=biro, alasan="Tidak dipakai")
        assert reload(biro).status == "NONAKTIF"
        assert default_version().status == "AKTIF"

    def test_only_active_versions(self, boss):
        draft = draft_version()
        refused(
            lambda: services.rule_set_deactivate(aktor=boss, set_aturan=draft, alasan="Uji"),
            [NOT_ACTIVE],
        )
        retired = retired_version()
        refused(
            lambda: services.rule_set_deactivate(aktor=boss, set_aturan=retired, alasan="Uji"),
            [NOT_ACTIVE],
        )


class TestDelete:
    def test_a_draft_is_deleted_and_audited(self, agency, boss):
        draft = draft_version(unit=agency.biro)
        pk = draft.pk
        services.rule_set_delete(aktor=boss, set_aturan=draft)
        assert not SetAturan.objects.filter(pk=pk).exists()
        (entry,) = last_entries(1)
        assert (entry.aksi, entry.objek_id, entry.objek_label, entry.sesudah) == (
            "setaturan.delete",
            str(pk),
            "Set aturan uji v2",
            None,
        )
        assert entry.sebelum == {
            "kode": "bawaan",
            "versi": 2,
            "nama": "Set aturan uji",
            "dasar_hukum": "Peraturan uji 1/2024",
            "berlaku_mulai": "2024-01-01",
            "unit": agency.biro.pk,
            "catatan": "",
            "status": "DRAF",
        }

    def test_active_and_retired_versions_are_kept(self, boss):
        refused(
            lambda: services.rule_set_delete(aktor=boss, set_aturan=default_version()),
            [REFUSED_ACTIVE],
        )
        retired = retired_version()
        refused(
            lambda: services.rule_set_delete(aktor=boss, set_aturan=retired),
            [
                "Set aturan uji v2 sudah nonaktif dan tidak dapat diubah; buat versi "
                "baru dengan menyalinnya."
            ],
        )


# --- Import ----------------------------------------------------------------------------------


def document(**changes):
    """The export document of bawaan v1, with some keys changed (None removes a key)."""
    data = selectors.rule_set_document(default_version())
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


class TestImport:
    def test_round_trip_into_the_next_version(self, agency, boss):
        source = default_version()
        imported = reload(services.rule_set_import(aktor=boss, dokumen=document()))
        assert (
            imported.kode,
            imported.versi,
            imported.status,
            imported.nama,
            imported.dasar_hukum,
            imported.berlaku_mulai,
            imported.unit,
            imported.catatan,
            imported.disalin_dari,
            imported.dibuat_oleh,
        ) == (
            "bawaan",
            2,
            "DRAF",
            source.nama,
            source.dasar_hukum,
            DEFAULT_DATE,
            None,
            "",
            None,
            agency.superuser,
        )
        assert imported.isi == source.isi
        assert selectors.rule_set_document(imported) == document(versi=2)
        (entry,) = last_entries(1)
        assert (entry.aksi, entry.objek_id, entry.sesudah["versi"], entry.sesudah["kode"]) == (
            "setaturan.import",
            str(imported.pk),
            2,
            "bawaan",
        )

    def test_a_new_code_with_a_unit_and_a_note(self, agency, boss):
        imported = services.rule_set_import(
            aktor=boss,
            dokumen=document(kode="biro-umum", catatan="Dari instansi lain"),
            unit=agency.biro,
        )
        assert (imported.kode, imported.versi, imported.unit, imported.catatan) == (
            "biro-umum",
            1,
            agency.biro,
            "Dari instansi lain",
        )

    @pytest.mark.parametrize(
        ("changes", "errors"),
        [
            (
                {"format": "lain"},
                {
                    "dokumen": [
                        "Bukan berkas set aturan Kinerja (format “kinerja-set-aturan” diharapkan)."
                    ]
                },
            ),
            (
                {"format": None},
                {
                    "dokumen": [
                        "Bukan berkas set aturan Kinerja (format “kinerja-set-aturan” diharapkan)."
                    ]
                },
            ),
            ({"versi_format": 2}, {"dokumen": ["Versi format 2 tidak didukung."]}),
            ({"versi_format": None}, {"dokumen": ["Versi format None tidak didukung."]}),
            ({"versi_format": True}, {"dokumen": ["Versi format True tidak didukung."]}),
            ({"nama": None, "isi": None}, {"dokumen": ["Kolom wajib tidak ada: nama, isi."]}),
            (
                {"berlaku_mulai": "1 Januari 2024"},
                {"berlaku_mulai": ["Tanggal “1 Januari 2024” tidak valid (format TTTT-BB-HH)."]},
            ),
            (
                {"berlaku_mulai": "2024-02-30"},
                {"berlaku_mulai": ["Tanggal “2024-02-30” tidak valid (format TTTT-BB-HH)."]},
            ),
            (
                {"isi": content_with(keberatan={"batas_hari": 0})},
                {"isi": ["keberatan.batas_hari: tidak boleh kurang dari 1"]},
            ),
            (
                {"kode": "kode salah", "nama": " "},
                {"kode": [KODE_MESSAGE], "nama": [NAMA_MESSAGE]},
            ),
        ],
    )
    def test_refused_documents_write_nothing(self, boss, changes, errors):
        dokumen = document(**changes)
        refused(lambda: services.rule_set_import(aktor=boss, dokumen=dokumen), errors)

    @pytest.mark.parametrize("dokumen", [[], "bawaan", None])
    def test_not_an_object(self, boss, dokumen):
        refused(
            lambda: services.rule_set_import(aktor=boss, dokumen=dokumen),
            {"dokumen": ["Berkas set aturan harus berupa objek JSON."]},
        )


# --- Model -----------------------------------------------------------------------------------


class TestModel:
    def test_parsed_content_carries_its_version(self):
        version = default_version()
        parsed = version.aturan()
        assert parsed.acuan.label() == "Set aturan bawaan versi 1 (berlaku mulai 1 Januari 2023)"
        assert parsed.acuan == rules.Acuan("bawaan", 1, "Set aturan bawaan", DEFAULT_DATE)
        assert parsed.keberatan_hari == 14
        assert parsed == rules.isi_parse(rules.isi_default(), parsed.acuan)
        assert version.aturan() is parsed

    def test_a_draft_is_labelled_too(self):
        draft = draft_version(
            nama="Set aturan 2024", isi=content_with(keberatan={"batas_hari": 21})
        )
        assert draft.aturan().acuan.label() == (
            "Set aturan 2024 versi 2 (berlaku mulai 1 Januari 2024)"
        )
        assert draft.aturan().keberatan_hari == 21

    def test_str_and_editability(self):
        assert str(default_version()) == "Set aturan bawaan v1"
        assert (default_version().is_editable, draft_version().is_editable) == (False, True)
        assert retired_version().is_editable is False

    @pytest.mark.parametrize("status", ["AKTIF", "NONAKTIF"])
    def test_activated_versions_need_an_activation_time(self, status):
        version = default_version()
        with pytest.raises(IntegrityError), transaction.atomic():
            SetAturan.objects.filter(pk=version.pk).update(status=status, diaktifkan_pada=None)
        assert default_version().diaktifkan_pada == version.diaktifkan_pada

    def test_a_draft_needs_no_activation_time(self):
        draft = draft_version()
        assert draft.diaktifkan_pada is None
        assert reload(draft).status == "DRAF"

    def test_unknown_status_and_duplicate_version_are_refused(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            SetAturan.objects.filter(pk=default_version().pk).update(status="HAPUS")
        with pytest.raises(IntegrityError), transaction.atomic():
            SetAturan.objects.create(
                kode="bawaan",
                versi=1,
                nama="Ganda",
                dasar_hukum="-",
                berlaku_mulai=DEFAULT_DATE,
                isi=rules.isi_default(),
            )
        assert SetAturan.objects.count() == 1
