"""Rule-set selectors: which version applies to a unit on a date, lists, documents, changes."""

from __future__ import annotations

import datetime
import json

import pytest

from kinerja.aturan import rules, selectors, services
from kinerja.aturan.models import SetAturan
from kinerja.aturan.tests.factories import (
    TEST_AKTOR,
    active_version,
    default_version,
    draft_version,
)
from kinerja.organisasi.tests.helpers import aktor_of

pytestmark = pytest.mark.django_db

DEFAULT_DATE = datetime.date(2023, 1, 1)
UNITS = ("root", "biro", "bagian", "lain")


def chosen(agency, tanggal):
    """The version applying to each unit of the agency (and to "" = agency-wide) on a date."""
    paths = {name: getattr(agency, name).jalur for name in UNITS} | {"instansi": ""}
    return {
        name: selectors.rule_set_for(jalur=path, tanggal=tanggal) for name, path in paths.items()
    }


def everywhere(version):
    return dict.fromkeys((*UNITS, "instansi"), version)


class TestRuleSetFor:
    def test_the_default_applies_everywhere(self, agency):
        default = default_version()
        assert chosen(agency, DEFAULT_DATE) == everywhere(default)
        assert chosen(agency, datetime.date(2030, 6, 1)) == everywhere(default)
        assert selectors.rule_set_agency(datetime.date(2024, 6, 1)) == default

    def test_a_unit_scoped_version_applies_to_its_subtree_from_its_date(self, agency):
        default = default_version()
        biro = active_version(
            kode="biro-umum", unit=agency.biro, berlaku_mulai=datetime.date(2024, 1, 1)
        )
        assert chosen(agency, datetime.date(2024, 1, 1)) == everywhere(default) | {
            "biro": biro,
            "bagian": biro,
        }
        assert chosen(agency, datetime.date(2023, 12, 31)) == everywhere(default)
        assert selectors.rule_set_agency(datetime.date(2024, 6, 1)) == default

    def test_the_narrowest_scope_wins(self, agency):
        biro = active_version(
            kode="biro-umum", unit=agency.biro, berlaku_mulai=datetime.date(2024, 1, 1)
        )
        bagian = active_version(
            kode="bagian-sdm", unit=agency.bagian, berlaku_mulai=datetime.date(2023, 6, 1)
        )
        later = active_version(berlaku_mulai=datetime.date(2025, 1, 1))
        assert chosen(agency, datetime.date(2025, 1, 1)) == everywhere(later) | {
            "biro": biro,
            "bagian": bagian,
        }

    def test_a_later_agency_wide_version_applies_from_its_date(self, agency):
        default = default_version()
        later = active_version(berlaku_mulai=datetime.date(2025, 1, 1))
        assert chosen(agency, datetime.date(2024, 12, 31)) == everywhere(default)
        assert chosen(agency, datetime.date(2025, 1, 1)) == everywhere(later)
        assert selectors.rule_set_agency(datetime.date(2025, 1, 1)) == later

    def test_drafts_and_retired_versions_are_ignored(self, agency):
        draft_version(berlaku_mulai=datetime.date(2024, 1, 1))
        draft_version(kode="biro-umum", unit=agency.biro, berlaku_mulai=datetime.date(2024, 1, 1))
        retired = active_version(
            kode="bagian-sdm", unit=agency.bagian, berlaku_mulai=datetime.date(2024, 1, 1)
        )
        services.rule_set_deactivate(aktor=TEST_AKTOR, set_aturan=retired, alasan="Uji")
        assert chosen(agency, datetime.date(2024, 6, 1)) == everywhere(default_version())

    def test_the_result_has_its_unit_loaded(self, agency, django_assert_num_queries):
        active_version(kode="biro-umum", unit=agency.biro)
        with django_assert_num_queries(2):
            found = selectors.rule_set_for(
                jalur=agency.bagian.jalur, tanggal=datetime.date(2024, 6, 1)
            )
            assert found.unit.kode == "BU"

    def test_before_any_effective_date(self, agency):
        with pytest.raises(rules.RuleError) as caught:
            selectors.rule_set_for(jalur=agency.bagian.jalur, tanggal=datetime.date(2022, 12, 31))
        assert str(caught.value) == "Tidak ada set aturan aktif yang berlaku pada 31 Desember 2022."
        with pytest.raises(rules.RuleError):
            selectors.rule_set_agency(datetime.date(2022, 12, 31))


class TestLists:
    def test_order_and_filters(self, agency):
        default = default_version()
        second = active_version(berlaku_mulai=datetime.date(2024, 1, 1))
        draft = draft_version()
        biro = draft_version(kode="biro-umum", unit=agency.biro)
        assert list(selectors.rule_set_list()) == [draft, second, default, biro]
        assert list(selectors.rule_set_list(kode="bawaan")) == [draft, second, default]
        assert list(selectors.rule_set_list(status="AKTIF")) == [second, default]
        assert list(selectors.rule_set_list(kode="biro-umum", status="DRAF")) == [biro]
        assert list(selectors.rule_set_list(kode="tidak-ada")) == []
        assert list(selectors.rule_set_versions(second)) == [draft, second, default]
        assert list(selectors.rule_set_versions(biro)) == [biro]

    @pytest.mark.parametrize("total", [3, 10])
    def test_query_count_does_not_grow(self, agency, django_assert_num_queries, total):
        aktor = aktor_of(agency.superuser)
        for number in range(total - 1):
            unit = agency.biro if number % 2 else None
            draft_version(kode=f"set-{number % 3}", unit=unit, aktor=aktor)
        assert SetAturan.objects.count() == total
        with django_assert_num_queries(1):
            rows = [
                (
                    s.kode,
                    s.versi,
                    s.unit.kode if s.unit else "",
                    s.dibuat_oleh.nama if s.dibuat_oleh else "",
                )
                for s in selectors.rule_set_list()
            ]
        assert len(rows) == total
        assert rows[0] == ("bawaan", 1, "", "")
        assert ("set-1", 1, "BU", "Super Admin") in rows


class TestDocument:
    def test_the_default_as_a_document(self):
        document = selectors.rule_set_document(default_version())
        assert document == {
            "format": "kinerja-set-aturan",
            "versi_format": 1,
            "kode": "bawaan",
            "versi": 1,
            "nama": "Set aturan bawaan",
            "dasar_hukum": rules.default_metadata()["dasar_hukum"],
            "berlaku_mulai": "2023-01-01",
            "catatan": "",
            "isi": rules.isi_default(),
        }
        assert json.loads(json.dumps(document)) == document

    def test_the_shipped_file_is_a_document_of_the_default(self):
        document = selectors.rule_set_document(default_version())
        shipped = rules.default_metadata() | {"isi": rules.isi_default()}
        assert {key: document[key] for key in shipped} == shipped


def changed(**sections):
    return {**rules.isi_default(), **sections}


class TestChanges:
    def test_identical_content_has_no_changes(self):
        assert selectors.rule_set_changes(rules.isi_default(), rules.isi_default()) == []

    def test_each_changed_value_with_its_path(self):
        old = rules.isi_default()
        new = changed(
            keberatan={"batas_hari": 21},
            tren={**old["tren"], "ambang": "1.5"},
            disiplin=[*old["disiplin"][:-1], {**old["disiplin"][-1], "dari": 29}],
        )
        new["kurva"]["pola"]["BAIK"][1]["nilai"] = "60"
        new["predikat"]["SESUAI"]["DI_ATAS"] = "SANGAT_BAIK"
        assert selectors.rule_set_changes(old, new) == [
            ("disiplin[8].dari", 28, 29),
            ("keberatan.batas_hari", 14, 21),
            ("kurva.pola.BAIK[1].nilai", "70", "60"),
            ("predikat.SESUAI.DI_ATAS", "BAIK", "SANGAT_BAIK"),
            ("tren.ambang", "1", "1.5"),
        ]
        assert selectors.rule_set_changes(new, old)[1] == ("keberatan.batas_hari", 21, 14)

    def test_added_and_removed_values(self):
        old = rules.isi_default()
        new = rules.isi_default()
        del new["tukin"]["besaran"]["10"]
        new["tukin"]["besaran"]["18"] = 40_000_000
        del new["merit"]
        assert selectors.rule_set_changes(old, new) == [
            ("merit.bulan_perbaikan", 6, None),
            ("merit.kenaikan_pangkat_predikat", "BAIK", None),
            ("merit.kenaikan_pangkat_tahun", 2, None),
            ("merit.suksesi_predikat", "SANGAT_BAIK", None),
            ("merit.suksesi_tahun", 2, None),
            ("tukin.besaran.10", 4_551_000, None),
            ("tukin.besaran.18", None, 40_000_000),
        ]

    def test_empty_lists_are_values(self):
        assert selectors.rule_set_changes({"a": []}, {"a": [1]}) == [
            ("a", [], None),
            ("a[0]", None, 1),
        ]

    def test_a_removed_null_value_is_a_change(self):
        old = rules.isi_default()
        new = changed(disiplin=old["disiplin"][:-1])
        assert [path for path, *_ in selectors.rule_set_changes(old, new)] == [
            "disiplin[8].dari",
            "disiplin[8].sampai",
            "disiplin[8].sanksi",
        ]
