"""The `kinerja_organisasi` sheet: exact ratings, idempotence, updates, every kind of bad row,
history years, period states, finalised groups (reopened, split, blocked by an objection),
scope, the template and the query count of the validation."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kinerja.aturan.enums import Predikat
from kinerja.audit.models import Entri
from kinerja.audit.selectors import chain_check
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.tests.factories import UnitFactory
from kinerja.penilaian import services as penilaian_services
from kinerja.penilaian.models import KinerjaOrganisasi, Penetapan, Penilaian
from kinerja.penilaian.tests.factories import SYSTEM, aktor_for, open_period, org_rating, rate
from kinerja.periode.models import Periode, RiwayatStatusPeriode
from kinerja.periode.services import periode_transition
from kinerja.pertukaran import selectors
from kinerja.pertukaran.tests.assessment_helpers import (
    counts,
    finalised_team,
    history,
    org_row,
    refused,
    state,
)
from kinerja.pertukaran.tests.helpers import run
from kinerja.skp.tests.factories import open_year

pytestmark = pytest.mark.django_db

REASON = "Diimpor dari data dalam memori."
REOPENED = "Dibuka kembali oleh impor data dalam memori."
BAIK = {"SANGAT_BAIK": 3, "BAIK": 7, "BUTUH_PERBAIKAN": 1, "KURANG": 0, "SANGAT_KURANG": 0}
EMPTY = {"SANGAT_BAIK": 0, "BAIK": 0, "BUTUH_PERBAIKAN": 0, "KURANG": 0, "SANGAT_KURANG": 0}


def ratings() -> list[tuple[Any, ...]]:
    return list(
        KinerjaOrganisasi.objects.order_by(
            "unit__kode", "periode__tahun__tahun", "periode__urutan"
        ).values_list(
            "unit__kode",
            "periode__tahun__tahun",
            "periode__kode",
            "predikat",
            "alasan",
            "atas_nama",
            "oleh_label",
        )
    )


# --- A valid sheet ------------------------------------------------------------------------------


def test_valid_rows_create_ratings_on_the_leaders_behalf(agency):
    open_period("TW1")
    open_period("TW2")
    sheet = [
        org_row("BU-SDM", "BAIK"),
        org_row("BL", "Istimewa", periode="tw2"),
        org_row("BU", "butuh perbaikan", periode="Triwulan I"),
    ]
    result = run({"kinerja_organisasi": sheet})
    assert counts(result) == {"kinerja_organisasi": {"dibuat": 3, "diubah": 0, "tetap": 0}}
    assert ratings() == [
        ("BL", 2026, "TW2", "ISTIMEWA", REASON, True, "tes"),
        ("BU", 2026, "TW1", "BUTUH_PERBAIKAN", REASON, True, "tes"),
        ("BU-SDM", 2026, "TW1", "BAIK", REASON, True, "tes"),
    ]
    # Nobody is rated yet: the groups with members stay drafts, and the notes say why; the
    # Biro's own group has nobody (the Bagian has its own rating) and is finalised.
    assert result.extra == {"kelompok_ditetapkan": 1}
    assert list(Penetapan.objects.values_list("unit__kode", "status", "jumlah")) == [
        ("BU", "DITETAPKAN", EMPTY)
    ]
    assert result.catatan == [
        "Kelompok Bagian SDM Triwulan I 2026: tetap draf — 2 pegawai belum dinilai: "
        "Budi Santoso, Siti Aminah.",
        "Kelompok Biro Lain Triwulan II 2026: tetap draf — 1 pegawai belum dinilai: Joko Widodo.",
    ]


def test_each_rating_is_audited_with_the_import(agency):
    open_period("TW1")
    start = Entri.objects.count()
    run({"kinerja_organisasi": [org_row("BU-SDM", "BAIK")]})
    entries = list(Entri.objects.filter(urutan__gt=start).order_by("urutan"))
    assert [entry.aksi for entry in entries] == ["kinerjaorganisasi.save", "impor.run"]
    assert (entries[0].objek_label, entries[0].sebelum, entries[0].sesudah) == (
        "Bagian SDM — Triwulan I 2026",
        None,
        {"predikat": "BAIK", "alasan": REASON, "atas_nama": True},
    )
    assert entries[1].sesudah == {
        "sheet": {"kinerja_organisasi": {"dibuat": 1, "diubah": 0, "tetap": 0}},
        "berlaku_mulai": "2025-01-01",
        "catatan": [
            "Kelompok Bagian SDM Triwulan I 2026: tetap draf — 2 pegawai belum dinilai: "
            "Budi Santoso, Siti Aminah."
        ],
    }
    assert chain_check().kerusakan == []


def test_a_rated_group_is_finalised(agency):
    tw1 = open_period("TW1")
    rate(agency.pegawai, tw1, Predikat.BAIK)
    rate(agency.penilai, tw1, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    result = run({"kinerja_organisasi": [org_row("BU-SDM", "BAIK")]})
    assert (result.extra, result.catatan) == ({"kelompok_ditetapkan": 1}, [])
    penetapan = Penetapan.objects.get()
    assert (penetapan.unit, penetapan.status, penetapan.predikat_organisasi) == (
        agency.bagian,
        "DITETAPKAN",
        "BAIK",
    )
    assert history(penetapan) == [
        ("IMPOR", "", {"SANGAT_BAIK": 1, "BAIK": 1, "BUTUH_PERBAIKAN": 0, "KURANG": 0,
                       "SANGAT_KURANG": 0}),
    ]  # fmt: skip
    assert set(Penilaian.objects.values_list("status", flat=True)) == {"FINAL"}


# --- Idempotence and updates --------------------------------------------------------------------


def test_second_import_changes_nothing(agency):
    open_period("TW1")
    sheet = [org_row("BU-SDM", "BAIK"), org_row("BL", "ISTIMEWA")]
    run({"kinerja_organisasi": sheet})
    before = state()
    result = run({"kinerja_organisasi": sheet})
    assert counts(result) == {"kinerja_organisasi": {"dibuat": 0, "diubah": 0, "tetap": 2}}
    assert (result.extra, result.catatan) == ({}, [])
    assert state() == before


def test_a_changed_rating_is_updated(agency):
    tw1 = open_period("TW1")
    org_rating(agency.bagian, tw1)
    start = Entri.objects.count()
    result = run({"kinerja_organisasi": [org_row("BU-SDM", "KURANG")]})
    assert counts(result) == {"kinerja_organisasi": {"dibuat": 0, "diubah": 1, "tetap": 0}}
    assert ratings() == [("BU-SDM", 2026, "TW1", "KURANG", REASON, True, "tes")]
    entry = Entri.objects.filter(urutan__gt=start).order_by("urutan").first()
    assert entry is not None
    assert (entry.aksi, entry.sebelum, entry.sesudah) == (
        "kinerjaorganisasi.save",
        {"predikat": "BAIK", "alasan": "Target kinerja unit tercapai"},
        {"predikat": "KURANG", "alasan": REASON, "atas_nama": True},
    )


def test_dry_run_counts_without_writing(agency):
    open_period("TW1")
    before = state()
    result = run(
        {"kinerja_organisasi": [org_row("BU-SDM", "BAIK"), org_row("BU", "BAIK", tahun=2024)]},
        dry_run=True,
    )
    assert counts(result) == {"kinerja_organisasi": {"dibuat": 2, "diubah": 0, "tetap": 0}}
    assert (result.extra, result.catatan) == ({"tahun_baru": 1}, [])
    assert state() == before


def test_a_unit_of_the_unit_sheet_may_be_rated(agency):
    open_period("TW1")
    result = run(
        {
            "unit": [{"kode": "BU-KEU", "nama": "Bagian Keuangan", "induk_kode": "BU"}],
            "kinerja_organisasi": [org_row("BU-KEU", "BAIK")],
        }
    )
    assert counts(result)["kinerja_organisasi"] == {"dibuat": 1, "diubah": 0, "tetap": 0}
    assert ratings() == [("BU-KEU", 2026, "TW1", "BAIK", REASON, True, "tes")]
    # An empty group complies: it is finalised with nobody in it.
    assert (result.extra, result.catatan) == ({"kelompok_ditetapkan": 1}, [])


# --- Bad rows -----------------------------------------------------------------------------------


def test_missing_required_column_is_named(agency):
    open_period("TW1")
    sheet = [{"unit_kode": "BU", "tahun": 2026, "periode": "TW1"}]
    assert refused({"kinerja_organisasi": sheet}) == [
        ("kinerja_organisasi", 1, "predikat", "Kolom wajib 'predikat' tidak ada."),
    ]


def test_bad_rows_are_reported_and_nothing_is_written(agency):
    open_period("TW1")
    sheet = [
        org_row("ENTAH", "BAIK"),
        org_row("BU", "SANGAT_BAIK"),
        org_row("BU", None),
        org_row(None, "BAIK"),
        org_row("BU", "BAIK", periode="TW5"),
        org_row("BU", "BAIK", periode="B03"),
        org_row("BU", "BAIK", periode=None),
        org_row("BU", "BAIK", tahun=1999),
        org_row("BU", "BAIK", tahun="dua ribu"),
        org_row("BU-SDM", "BAIK"),
        org_row("BU-SDM", "KURANG"),
    ]
    assert refused({"kinerja_organisasi": sheet}) == [
        ("kinerja_organisasi", 2, "unit_kode", "Unit 'ENTAH' tidak ada, baik di sheet unit "
         "maupun di basis data."),
        ("kinerja_organisasi", 3, "predikat", "Nilai 'SANGAT_BAIK' tidak dikenal. Pilihan: "
         "ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG."),
        ("kinerja_organisasi", 4, "predikat", "Wajib diisi."),
        ("kinerja_organisasi", 5, "unit_kode", "Wajib diisi."),
        ("kinerja_organisasi", 6, "periode", "Periode 'TW5' tidak dikenal. Pilihan: TW1–TW4 "
         "(triwulan), B01–B12 (bulan) atau TAHUNAN."),
        ("kinerja_organisasi", 7, "periode", "Tahun kinerja 2026 dibagi per triwulan, sehingga "
         "tidak memiliki periode B03. Pilihan: TW1, TW2, TW3, TW4, TAHUNAN."),
        ("kinerja_organisasi", 8, "periode", "Wajib diisi."),
        ("kinerja_organisasi", 9, "tahun", "Tahun harus antara 2000 dan 2100."),
        ("kinerja_organisasi", 10, "tahun", "Harus bilangan bulat, bukan 'dua ribu'."),
        ("kinerja_organisasi", 12, "unit_kode", "Unit BU-SDM periode TW1 2026 muncul dua kali: "
         "baris 11 dan 12."),
    ]  # fmt: skip


def test_a_quarterly_code_in_a_monthly_year(agency):
    open_year(2027, jenis_periode="BULANAN")
    assert refused({"kinerja_organisasi": [org_row("BU", "BAIK", tahun=2027)]}) == [
        ("kinerja_organisasi", 2, "periode", "Tahun kinerja 2027 dibagi per bulan, sehingga "
         "tidak memiliki periode TW1. Pilihan: B01, B02, B03, B04, B05, B06, B07, B08, B09, B10, "
         "B11, B12, TAHUNAN."),
    ]  # fmt: skip


def test_period_must_be_open_or_closed_for_a_change(agency):
    tw1 = open_period("TW1")
    org_rating(agency.bagian, tw1)
    periode_transition(aktor=SYSTEM, periode=tw1, aksi="close", alasan="Selesai")
    closed = run({"kinerja_organisasi": [org_row("BU", "BAIK")]})
    assert counts(closed)["kinerja_organisasi"]["dibuat"] == 1
    periode_transition(aktor=SYSTEM, periode=tw1, aksi="lock", alasan="Arsip")
    equal = run({"kinerja_organisasi": [org_row("BU-SDM", "BAIK")]})  # equal: accepted
    assert counts(equal)["kinerja_organisasi"] == {"dibuat": 0, "diubah": 0, "tetap": 1}
    sheet = [org_row("BU-SDM", "KURANG"), org_row("BL", "BAIK", periode="TW3")]
    assert refused({"kinerja_organisasi": sheet}) == [
        ("kinerja_organisasi", 2, "periode", "Triwulan I 2026: Periode sudah dikunci; capaian "
         "kinerja organisasi tidak dapat diubah."),
        ("kinerja_organisasi", 3, "periode", "Triwulan III 2026: Periode belum dibuka."),
    ]  # fmt: skip


# --- History ------------------------------------------------------------------------------------


def test_a_history_year_is_opened_with_quarterly_periods(agency):
    result = run(
        {
            "kinerja_organisasi": [
                org_row("BU-SDM", "BAIK", tahun=2024, periode="TW2"),
                org_row("BL", "KURANG", tahun=2024, periode="TAHUNAN"),
            ]
        }
    )
    assert counts(result) == {"kinerja_organisasi": {"dibuat": 2, "diubah": 0, "tetap": 0}}
    assert result.extra == {"tahun_baru": 1}
    assert list(
        Periode.objects.filter(tahun__tahun=2024).order_by("urutan").values_list("kode", "status")
    ) == [
        ("TW1", "DRAF"),
        ("TW2", "DIBUKA"),
        ("TW3", "DRAF"),
        ("TW4", "DRAF"),
        ("TAHUNAN", "DIBUKA"),
    ]
    assert list(RiwayatStatusPeriode.objects.values_list("aksi", "oleh_label")) == [
        ("open", "tes"),
        ("open", "tes"),
    ]
    assert ratings() == [
        ("BL", 2024, "TAHUNAN", "KURANG", REASON, True, "tes"),
        ("BU-SDM", 2024, "TW2", "BAIK", REASON, True, "tes"),
    ]
    again = run({"kinerja_organisasi": [org_row("BU-SDM", "BAIK", tahun=2024, periode="TW2")]})
    assert (counts(again)["kinerja_organisasi"]["tetap"], again.extra) == (1, {})


def test_history_year_errors(agency):
    sheet = [
        org_row("BU", "BAIK", tahun=2022),
        org_row("BU", "BAIK", tahun=2024, periode="B03"),
    ]
    assert refused({"kinerja_organisasi": sheet}) == [
        ("kinerja_organisasi", 2, "periode", "Tidak ada set aturan aktif yang berlaku pada "
         "31 Maret 2022."),
        ("kinerja_organisasi", 3, "periode", "Tahun kinerja 2024 belum ada dan akan dibuka "
         "dengan periode triwulan, sehingga tidak memiliki periode B03. Pilihan: TW1, TW2, TW3, "
         "TW4, TAHUNAN."),
    ]  # fmt: skip


# --- Finalised groups ---------------------------------------------------------------------------


def test_a_change_that_breaks_the_curve_leaves_the_group_a_draft(agency):
    tw1 = open_period("TW1")
    penetapan, unit, _kepala, _members = finalised_team(tw1, agency.biro)
    result = run({"kinerja_organisasi": [org_row("TIM", "ISTIMEWA")]})
    assert counts(result)["kinerja_organisasi"] == {"dibuat": 0, "diubah": 1, "tetap": 0}
    assert result.extra == {}
    assert result.catatan == [
        "Kelompok Tim Data Triwulan I 2026: tetap draf — Distribusi predikat belum sesuai kurva: "
        "Sangat Baik kelompok terbanyak."
    ]
    penetapan.refresh_from_db()
    assert penetapan.status == "DIBUKA"
    assert history(penetapan) == [("TETAPKAN", "", BAIK), ("BUKA", REOPENED, BAIK)]
    assert set(Penilaian.objects.filter(unit=unit).values_list("status", flat=True)) == {"DRAF"}
    assert KinerjaOrganisasi.objects.get(unit=unit).predikat == "ISTIMEWA"


def test_a_new_rating_inside_a_finalised_group_splits_it(agency):
    tw1 = open_period("TW1")
    org_rating(agency.biro, tw1)
    rate(agency.pegawai, tw1, Predikat.BAIK)
    rate(agency.penilai, tw1, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    biro = penilaian_services.penetapan_finalise(aktor=SYSTEM, unit=agency.biro, periode=tw1)
    result = run({"kinerja_organisasi": [org_row("BU-SDM", "BAIK")]})
    assert counts(result)["kinerja_organisasi"] == {"dibuat": 1, "diubah": 0, "tetap": 0}
    # Both groups comply (too small to judge): the Bagian with its two people, the Biro empty.
    assert (result.extra, result.catatan) == ({"kelompok_ditetapkan": 2}, [])
    two = {**EMPTY, "SANGAT_BAIK": 1, "BAIK": 1}
    assert history(biro) == [("TETAPKAN", "", two), ("BUKA", REOPENED, two), ("IMPOR", "", EMPTY)]
    bagian = Penetapan.objects.get(unit=agency.bagian)
    assert history(bagian) == [("IMPOR", "", two)]
    assert set(Penilaian.objects.values_list("penetapan__unit__kode", "status")) == {
        ("BU-SDM", "FINAL")
    }


def test_a_rating_below_a_finalised_group_leaves_it_alone(agency):
    tw1 = open_period("TW1")
    penetapan, _unit, _kepala, _members = finalised_team(tw1, agency.biro)
    UnitFactory(kode="TIM-A", nama="Subtim A", induk=penetapan.unit)
    result = run({"kinerja_organisasi": [org_row("TIM-A", "BAIK")]})
    assert counts(result)["kinerja_organisasi"]["dibuat"] == 1
    assert history(penetapan) == [("TETAPKAN", "", BAIK)]
    assert result.extra == {"kelompok_ditetapkan": 1}  # the new, empty group


def test_an_undecided_objection_blocks_reopening(agency):
    tw1 = open_period("TW1")
    penetapan, _unit, _kepala, members = finalised_team(tw1, agency.biro)
    assessment = Penilaian.objects.get(pegawai=members[0], periode=tw1)
    penilaian_services.keberatan_file(
        aktor=aktor_for(members[0]), penilaian=assessment, alasan="Capaian saya di atas target"
    )
    assert refused({"kinerja_organisasi": [org_row("TIM", "KURANG")]}) == [
        ("kinerja_organisasi", 2, "unit_kode", "Predikat kelompok TIM – Tim Data Triwulan I "
         "2026 sudah ditetapkan: Masih ada 1 keberatan yang belum diputuskan; putuskan dahulu "
         "sebelum membuka kembali penetapan."),
    ]  # fmt: skip
    assert history(penetapan) == [("TETAPKAN", "", BAIK)]


# --- Scope --------------------------------------------------------------------------------------


def test_scope_limits_an_admin_to_their_units(agency):
    open_period("TW1")
    scope = scope_for(agency.admin)
    sheet = [org_row("BL", "BAIK"), org_row("SET", "BAIK"), org_row("BU-SDM", "BAIK")]
    assert refused({"kinerja_organisasi": sheet}, scope=scope) == [
        ("kinerja_organisasi", 2, "unit_kode", "Unit BL – Biro Lain berada di luar unit yang "
         "Anda kelola."),
        ("kinerja_organisasi", 3, "unit_kode", "Unit SET – Sekretariat Badan berada di luar "
         "unit yang Anda kelola."),
    ]  # fmt: skip
    result = run({"kinerja_organisasi": sheet[2:]}, scope=scope)
    assert counts(result)["kinerja_organisasi"]["dibuat"] == 1


# --- The template, query counts -----------------------------------------------------------------


def test_the_template_holds_the_sheet():
    workbook = load_workbook(io.BytesIO(selectors.template_workbook()))
    assert list(workbook["kinerja_organisasi"].values) == [
        ("unit_kode", "tahun", "periode", "predikat"),
        ("BU", 2026, "TW1", "BAIK"),
    ]


def queries_of(sheet: list[dict[str, object]]) -> int:
    with CaptureQueriesContext(connection) as captured:
        run({"kinerja_organisasi": sheet}, dry_run=True)
    return len(captured.captured_queries)


def test_validation_runs_the_same_queries_for_one_and_many_rows(agency):
    open_period("TW1")
    open_period("TW2")
    org_rating(agency.biro, Periode.objects.get(kode="TW1"))
    for n in range(6):
        UnitFactory(kode=f"T{n}", nama=f"Tim {n}", induk=agency.lain)
    one = [org_row("T0", "BAIK")]
    many = [org_row(f"T{n}", "KURANG", periode=kode) for n in range(6) for kode in ("TW1", "TW2")]
    many.append(org_row("BU", "KURANG"))
    assert queries_of(one) == queries_of(many)
