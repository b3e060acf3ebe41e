"""The `penilaian` sheet: ratings with the quadrant's predikat, idempotence, updates, notes, every
kind of bad row, history years, period states, scope, the settling of curve groups (finalised,
kept final, left a draft with its reasons), and the terminal and the web import."""

from __future__ import annotations

import io
from typing import Any, cast

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.aturan.enums import Predikat
from kinerja.audit.models import Entri
from kinerja.audit.selectors import chain_check
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.penilaian import services as penilaian_services
from kinerja.penilaian.models import KinerjaOrganisasi, Penetapan, Penilaian
from kinerja.penilaian.tests.factories import SYSTEM, aktor_for, open_period, org_rating, rate
from kinerja.periode.models import Periode
from kinerja.periode.services import periode_transition
from kinerja.pertukaran import selectors
from kinerja.pertukaran.tests.assessment_helpers import (
    counts,
    finalised_team,
    history,
    org_row,
    rating_row,
    refused,
    sheet_rows,
    state,
)
from kinerja.pertukaran.tests.helpers import NIP_STAF, pegawai_row, run, write_xlsx

pytestmark = pytest.mark.django_db

REOPENED = "Dibuka kembali oleh impor data dalam memori."
NOTE = "Impor data, berlaku mulai 2025-01-01."
BAIK = {"SANGAT_BAIK": 3, "BAIK": 7, "BUTUH_PERBAIKAN": 1, "KURANG": 0, "SANGAT_KURANG": 0}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def assessments() -> list[tuple[Any, ...]]:
    return list(
        Penilaian.objects.order_by(
            "pegawai__nama", "periode__tahun__tahun", "periode__urutan"
        ).values_list(
            "pegawai__nama",
            "periode__tahun__tahun",
            "periode__kode",
            "rating_hasil",
            "rating_perilaku",
            "predikat",
            "status",
            "catatan",
        )
    )


def workbook(agency: Any) -> dict[str, list[dict[str, object]]]:
    return {
        "penilaian": [
            rating_row(agency.pegawai.nip, "SESUAI", "DI_ATAS", catatan=" Pertahankan "),
            rating_row(agency.penilai.nip, "Di Atas Ekspektasi", "di_atas"),
            rating_row(agency.outsider.nip, "DI_BAWAH", "Di bawah ekspektasi"),
        ]
    }


# --- A valid sheet ------------------------------------------------------------------------------


def test_good_rows_create_ratings_with_the_quadrants_predikat(agency):
    open_period("TW1")
    result = run(workbook(agency))
    assert counts(result) == {"penilaian": {"dibuat": 3, "diubah": 0, "tetap": 0}}
    assert assessments() == [
        ("Budi Santoso", 2026, "TW1", "DI_ATAS", "DI_ATAS", "SANGAT_BAIK", "DRAF", ""),
        ("Joko Widodo", 2026, "TW1", "DI_BAWAH", "DI_BAWAH", "SANGAT_KURANG", "DRAF", ""),
        ("Siti Aminah", 2026, "TW1", "SESUAI", "DI_ATAS", "BAIK", "DRAF", "Pertahankan"),
    ]
    siti = Penilaian.objects.get(pegawai=agency.pegawai)
    assert (siti.skp, siti.unit, siti.penilai, siti.set_aturan.kode, siti.dinilai_label) == (
        None,
        agency.bagian,
        agency.penilai,
        "bawaan",
        "tes",
    )
    assert (siti.identitas["pegawai"]["nama"], siti.identitas["penilai"]["nama"]) == (
        "Siti Aminah",
        "Budi Santoso",
    )
    # No organisation rating anywhere: no curve group to settle.
    assert (result.extra, result.catatan) == ({}, [])
    assert Penetapan.objects.count() == 0


def test_each_assessment_is_audited(agency):
    open_period("TW1")
    start = Entri.objects.count()
    run(workbook(agency))
    entries = list(Entri.objects.filter(urutan__gt=start).order_by("urutan"))
    assert [entry.aksi for entry in entries] == [
        "penilaian.import",
        "penilaian.import",
        "penilaian.import",
        "impor.run",
    ]
    siti = Penilaian.objects.get(pegawai=agency.pegawai)
    entry = entries[0]
    assert (entry.objek_tipe, entry.objek_id, entry.objek_label, entry.keterangan) == (
        "penilaian.penilaian",
        str(siti.pk),
        f"Siti Aminah ({agency.pegawai.nip}) — Triwulan I 2026",
        NOTE,
    )
    assert (entry.sebelum, entry.sesudah) == (
        None,
        {
            "rating_hasil": "SESUAI",
            "rating_perilaku": "DI_ATAS",
            "predikat": "BAIK",
            "catatan": "Pertahankan",
        },
    )
    assert chain_check().kerusakan == []


def test_second_import_changes_nothing(agency):
    open_period("TW1")
    run(workbook(agency))
    before = state()
    result = run(workbook(agency))
    assert counts(result) == {"penilaian": {"dibuat": 0, "diubah": 0, "tetap": 3}}
    assert (result.extra, result.catatan) == ({}, [])
    assert state() == before


def test_a_changed_rating_is_updated_and_audited(agency):
    open_period("TW1")
    run(workbook(agency))
    sheets = workbook(agency)
    sheets["penilaian"][0]["rating_perilaku"] = "DI_BAWAH"
    start = Entri.objects.count()
    result = run(sheets)
    assert counts(result) == {"penilaian": {"dibuat": 0, "diubah": 1, "tetap": 2}}
    assert assessments()[2] == (
        "Siti Aminah", 2026, "TW1", "SESUAI", "DI_BAWAH", "KURANG", "DRAF", "Pertahankan",
    )  # fmt: skip
    entry = Entri.objects.filter(urutan__gt=start).order_by("urutan").first()
    assert entry is not None
    assert (entry.aksi, entry.sebelum, entry.sesudah) == (
        "penilaian.import",
        {"rating_perilaku": "DI_ATAS", "predikat": "BAIK"},
        {"rating_perilaku": "DI_BAWAH", "predikat": "KURANG"},
    )


def test_without_the_catatan_column_the_stored_notes_stay(agency):
    open_period("TW1")
    run(workbook(agency))
    siti = agency.pegawai.nip
    without = {"nip": siti, "tahun": 2026, "periode": "TW1", "rating_hasil": "SESUAI",
               "rating_perilaku": "DI_ATAS"}  # fmt: skip
    result = run({"penilaian": [without]})
    assert counts(result) == {"penilaian": {"dibuat": 0, "diubah": 0, "tetap": 1}}
    cleared = run({"penilaian": [rating_row(siti, "SESUAI", "DI_ATAS", catatan=None)]})
    assert counts(cleared) == {"penilaian": {"dibuat": 0, "diubah": 1, "tetap": 0}}
    assert Penilaian.objects.get(pegawai=agency.pegawai).catatan == ""


def test_dry_run_counts_without_writing(agency):
    open_period("TW1")
    before = state()
    result = run(workbook(agency), dry_run=True)
    assert counts(result) == {"penilaian": {"dibuat": 3, "diubah": 0, "tetap": 0}}
    assert state() == before


def test_an_employee_of_the_pegawai_sheet_may_be_rated(agency):
    open_period("TW1")
    sheets = {
        "pegawai": [pegawai_row(atasan_nip=agency.penilai.nip)],
        "penilaian": [rating_row(NIP_STAF, "SESUAI", "SESUAI")],
    }
    result = run(sheets)
    assert counts(result)["penilaian"] == {"dibuat": 1, "diubah": 0, "tetap": 0}
    assert assessments() == [
        ("Rina Lestari", 2026, "TW1", "SESUAI", "SESUAI", "BAIK", "DRAF", ""),
    ]


# --- Bad rows -----------------------------------------------------------------------------------


def test_missing_required_column_is_named(agency):
    open_period("TW1")
    sheet = [{"nip": agency.pegawai.nip, "tahun": 2026, "periode": "TW1", "rating_hasil": "SESUAI"}]
    assert refused({"penilaian": sheet}) == [
        ("penilaian", 1, "rating_perilaku", "Kolom wajib 'rating_perilaku' tidak ada."),
    ]


def test_bad_rows_are_reported_and_nothing_is_written(agency):
    open_period("TW1")
    s = agency.pegawai.nip
    sheet = [
        rating_row("199912312020121001", "SESUAI", "SESUAI"),
        rating_row(199001012015031001.0, "SESUAI", "SESUAI"),
        rating_row(None, "SESUAI", "SESUAI"),
        rating_row(s, "BAIK", "SESUAI"),
        rating_row(s, "SESUAI", None),
        rating_row(s, "SESUAI", "SESUAI", periode="Triwulan V"),
        rating_row(s, "SESUAI", "SESUAI", periode="B01"),
        rating_row(s, "SESUAI", "SESUAI", tahun=None),
        rating_row(s, "SESUAI", "SESUAI", periode="TW2"),
        rating_row(s, "DI_ATAS", "SESUAI", periode="tw2"),
        rating_row(agency.penilai.nip, "SESUAI", "SESUAI", tahun=2022),
    ]
    assert refused({"penilaian": sheet}) == [
        ("penilaian", 2, "nip", "Pegawai dengan NIP 199912312020121001 tidak ada, baik di sheet "
         "pegawai maupun di basis data."),
        ("penilaian", 3, "nip", "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; "
         "simpan kolom NIP sebagai teks (format sel Teks, atau awali dengan tanda petik ')."),
        ("penilaian", 4, "nip", "Wajib diisi."),
        ("penilaian", 5, "rating_hasil", "Nilai 'BAIK' tidak dikenal. Pilihan: DI_ATAS, SESUAI, "
         "DI_BAWAH."),
        ("penilaian", 6, "rating_perilaku", "Wajib diisi."),
        ("penilaian", 7, "periode", "Periode 'Triwulan V' tidak dikenal. Pilihan: TW1–TW4 "
         "(triwulan), B01–B12 (bulan) atau TAHUNAN."),
        ("penilaian", 8, "periode", "Tahun kinerja 2026 dibagi per triwulan, sehingga tidak "
         "memiliki periode B01. Pilihan: TW1, TW2, TW3, TW4, TAHUNAN."),
        ("penilaian", 9, "tahun", "Wajib diisi."),
        ("penilaian", 10, "periode", "Triwulan II 2026: Periode belum dibuka; penilaian belum "
         "dapat diisi."),
        ("penilaian", 11, "nip", f"NIP {s} periode TW2 2026 muncul dua kali: baris 10 dan 11."),
        ("penilaian", 12, "periode", "Tidak ada set aturan aktif yang berlaku pada 31 Maret "
         "2022."),
    ]  # fmt: skip
    assert Penilaian.objects.count() == 0


def test_a_locked_period_refuses_a_change_but_not_an_equal_row(agency):
    tw1 = open_period("TW1")
    run(workbook(agency))
    periode_transition(aktor=SYSTEM, periode=tw1, aksi="close", alasan="Selesai")
    periode_transition(aktor=SYSTEM, periode=tw1, aksi="lock", alasan="Arsip")
    equal = run(workbook(agency))
    assert counts(equal) == {"penilaian": {"dibuat": 0, "diubah": 0, "tetap": 3}}
    sheet = [rating_row(agency.pegawai.nip, "DI_ATAS", "DI_ATAS")]
    assert refused({"penilaian": sheet}) == [
        ("penilaian", 2, "periode", "Triwulan I 2026: Periode sudah dikunci; penilaian tidak "
         "dapat diubah."),
    ]  # fmt: skip


# --- History ------------------------------------------------------------------------------------


def test_a_history_year_is_created_with_its_ratings(agency):
    sheets = {
        "kinerja_organisasi": [org_row("BU-SDM", "BAIK", tahun=2024, periode="TW3")],
        "penilaian": [
            rating_row(agency.pegawai.nip, "SESUAI", "SESUAI", tahun=2024, periode="TW3"),
            rating_row(agency.penilai.nip, "DI_ATAS", "SESUAI", tahun=2024, periode="TW3"),
        ],
    }
    result = run(sheets)
    assert counts(result) == {
        "kinerja_organisasi": {"dibuat": 1, "diubah": 0, "tetap": 0},
        "penilaian": {"dibuat": 2, "diubah": 0, "tetap": 0},
    }
    assert (result.extra, result.catatan) == ({"tahun_baru": 1, "kelompok_ditetapkan": 1}, [])
    assert list(
        Periode.objects.filter(tahun__tahun=2024).order_by("urutan").values_list("kode", "status")
    ) == [("TW1", "DRAF"), ("TW2", "DRAF"), ("TW3", "DIBUKA"), ("TW4", "DRAF"), ("TAHUNAN", "DRAF")]
    assert assessments() == [
        ("Budi Santoso", 2024, "TW3", "DI_ATAS", "SESUAI", "BAIK", "FINAL", ""),
        ("Siti Aminah", 2024, "TW3", "SESUAI", "SESUAI", "BAIK", "FINAL", ""),
    ]
    assert counts(run(sheets)) == {
        "kinerja_organisasi": {"dibuat": 0, "diubah": 0, "tetap": 1},
        "penilaian": {"dibuat": 0, "diubah": 0, "tetap": 2},
    }


# --- Curve groups -------------------------------------------------------------------------------


def test_a_group_rated_by_the_workbook_is_finalised(agency):
    open_period("TW1")
    sheets = {"kinerja_organisasi": [org_row("BU-SDM", "BAIK")], **workbook(agency)}
    result = run(sheets)
    assert (result.extra, result.catatan) == ({"kelompok_ditetapkan": 1}, [])
    penetapan = Penetapan.objects.get()
    assert (penetapan.unit, penetapan.status, penetapan.ditetapkan_label) == (
        agency.bagian,
        "DITETAPKAN",
        "tes",
    )
    assert history(penetapan) == [
        ("IMPOR", "", {"SANGAT_BAIK": 1, "BAIK": 1, "BUTUH_PERBAIKAN": 0, "KURANG": 0,
                       "SANGAT_KURANG": 0}),
    ]  # fmt: skip
    assert [row[6] for row in assessments()] == ["FINAL", "DRAF", "FINAL"]  # Joko: no group
    again = run(sheets)
    assert (again.extra, again.catatan) == ({}, [])
    assert history(penetapan) == history(Penetapan.objects.get())


def test_a_finalised_group_stays_final_after_a_compliant_change(agency):
    tw1 = open_period("TW1")
    penetapan, unit, _kepala, members = finalised_team(tw1, agency.biro)
    baik_member = members[2]  # rated Baik; Butuh Perbaikan keeps the curve of Baik
    result = run({"penilaian": [rating_row(baik_member.nip, "DI_BAWAH", "SESUAI")]})
    assert counts(result) == {"penilaian": {"dibuat": 0, "diubah": 1, "tetap": 0}}
    assert (result.extra, result.catatan) == ({"kelompok_ditetapkan": 1}, [])
    penetapan.refresh_from_db()
    after = {**BAIK, "BAIK": 6, "BUTUH_PERBAIKAN": 2}
    assert (penetapan.status, penetapan.jumlah) == ("DITETAPKAN", after)
    assert history(penetapan) == [
        ("TETAPKAN", "", BAIK),
        ("BUKA", REOPENED, BAIK),
        ("IMPOR", "", after),
    ]
    assert set(Penilaian.objects.filter(unit=unit).values_list("status", flat=True)) == {"FINAL"}
    assert Penilaian.objects.get(pegawai=baik_member).predikat == "BUTUH_PERBAIKAN"


def test_a_change_out_of_the_curve_leaves_the_group_a_draft(agency):
    tw1 = open_period("TW1")
    penetapan, unit, _kepala, members = finalised_team(tw1, agency.biro)
    lowest = members[9]  # the only Butuh Perbaikan
    result = run({"penilaian": [rating_row(lowest.nip, "SESUAI", "SESUAI")]})
    assert counts(result) == {"penilaian": {"dibuat": 0, "diubah": 1, "tetap": 0}}
    assert result.extra == {}
    assert result.catatan == [
        "Kelompok Tim Data Triwulan I 2026: tetap draf — Distribusi predikat belum sesuai kurva: "
        "Baik paling banyak 70%; Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang."
    ]
    penetapan.refresh_from_db()
    assert penetapan.status == "DIBUKA"
    assert history(penetapan) == [("TETAPKAN", "", BAIK), ("BUKA", REOPENED, BAIK)]
    assert set(Penilaian.objects.filter(unit=unit).values_list("status", flat=True)) == {"DRAF"}
    # Importing the same sheet again changes nothing, and settles nothing.
    before = state()
    again = run({"penilaian": [rating_row(lowest.nip, "SESUAI", "SESUAI")]})
    assert (counts(again)["penilaian"]["tetap"], again.catatan) == (1, [])
    assert state() == before


def test_a_new_member_of_a_finalised_group_reopens_it(agency):
    tw1 = open_period("TW1")
    penetapan, unit, kepala, _members = finalised_team(tw1, agency.biro)
    newcomer = PegawaiFactory(unit=unit, penilai=kepala, nama="Anggota Baru")
    result = run({"penilaian": [rating_row(newcomer.nip, "SESUAI", "SESUAI")]})
    assert counts(result) == {"penilaian": {"dibuat": 1, "diubah": 0, "tetap": 0}}
    assert result.extra == {"kelompok_ditetapkan": 1}
    assert history(penetapan)[1:] == [
        ("BUKA", REOPENED, BAIK),
        ("IMPOR", "", {**BAIK, "BAIK": 8}),
    ]


def test_an_undecided_objection_blocks_the_change(agency):
    tw1 = open_period("TW1")
    penetapan, _unit, _kepala, members = finalised_team(tw1, agency.biro)
    assessment = Penilaian.objects.get(pegawai=members[0], periode=tw1)
    penilaian_services.keberatan_file(
        aktor=aktor_for(members[0]), penilaian=assessment, alasan="Capaian saya di atas target"
    )
    sheet = [rating_row(members[3].nip, "DI_BAWAH", "SESUAI")]
    assert refused({"penilaian": sheet}) == [
        ("penilaian", 2, "nip", "Predikat kelompok TIM – Tim Data Triwulan I 2026 sudah "
         "ditetapkan: Masih ada 1 keberatan yang belum diputuskan; putuskan dahulu sebelum "
         "membuka kembali penetapan."),
    ]  # fmt: skip
    assert history(penetapan) == [("TETAPKAN", "", BAIK)]


# --- Scope --------------------------------------------------------------------------------------


def test_an_employee_outside_the_admins_units_is_refused(agency):
    open_period("TW1")
    scope = scope_for(agency.admin)
    sheet = workbook(agency)["penilaian"]
    assert refused({"penilaian": sheet}, scope=scope) == [
        ("penilaian", 4, "nip", "Pegawai ini bekerja di unit BL – Biro Lain, di luar unit yang "
         "Anda kelola."),
    ]  # fmt: skip
    result = run({"penilaian": sheet[:2]}, scope=scope)
    assert counts(result)["penilaian"]["dibuat"] == 2


def test_a_group_outside_the_admins_units(agency):
    tw1 = open_period("TW1")
    scope = scope_for(agency.admin)
    org_rating(agency.root, tw1)
    sheet = [rating_row(agency.pegawai.nip, "SESUAI", "SESUAI")]
    result = run({"penilaian": sheet}, scope=scope)  # a draft group: rated, left to its managers
    assert counts(result)["penilaian"]["dibuat"] == 1
    assert result.catatan == [
        "Kelompok Sekretariat Badan Triwulan I 2026: tetap draf — Kelompok ini di luar unit yang "
        "Anda kelola; penetapannya dilakukan oleh pengelola unit tersebut."
    ]
    rate(agency.penilai, tw1, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    rate(agency.outsider, tw1, Predikat.BAIK, aktor=SYSTEM)
    penilaian_services.penetapan_finalise(aktor=SYSTEM, unit=agency.root, periode=tw1)
    changed = [rating_row(agency.pegawai.nip, "DI_ATAS", "SESUAI")]
    assert refused({"penilaian": changed}, scope=scope) == [
        ("penilaian", 2, "nip", "Predikat kelompok SET – Sekretariat Badan Triwulan I 2026 sudah "
         "ditetapkan dan kelompok itu di luar unit yang Anda kelola; impor ini tidak dapat "
         "membukanya kembali."),
    ]  # fmt: skip


# --- The template, the terminal, the web import, query counts -----------------------------------


def test_the_template_holds_the_sheet():
    workbook_file = load_workbook(io.BytesIO(selectors.template_workbook()))
    assert list(workbook_file["penilaian"].values) == [
        ("nip", "tahun", "periode", "rating_hasil", "rating_perilaku", "catatan"),
        ("199001012015031001", 2026, "TW1", "SESUAI", "DI_ATAS", None),
    ]


def xlsx_of(agency: Any, path: Any) -> Any:
    organisasi = sheet_rows(
        ["unit_kode", "tahun", "periode", "predikat"], ["BU-SDM", 2026, "TW1", "Baik"]
    )
    penilaian = sheet_rows(
        ["nip", "tahun", "periode", "rating_hasil", "rating_perilaku", "catatan"],
        [agency.pegawai.nip, 2026, "TW1", "SESUAI", "DI_ATAS", "Pertahankan"],
        [agency.penilai.nip, 2026, "TW1", "DI_ATAS", "DI_ATAS", None],
    )
    return write_xlsx(path, {"kinerja_organisasi": organisasi, "penilaian": penilaian})


def test_the_terminal_imports_both_sheets(agency, tmp_path):
    open_period("TW1")
    path = xlsx_of(agency, tmp_path / "riwayat.xlsx")
    stdout = io.StringIO()
    call_command("import", str(path), stdout=stdout, stderr=io.StringIO())
    assert stdout.getvalue() == (
        "kinerja_organisasi: 1 dibuat, 0 diubah, 0 tetap\n"
        "penilaian: 2 dibuat, 0 diubah, 0 tetap\n"
        "kelompok kurva ditetapkan: 1\n"
        "Impor selesai.\n"
    )
    assert KinerjaOrganisasi.objects.get().alasan == "Diimpor dari riwayat.xlsx."
    assert [row[5:7] for row in assessments()] == [("SANGAT_BAIK", "FINAL"), ("BAIK", "FINAL")]


def test_the_terminal_prints_the_groups_left_as_drafts(agency, tmp_path):
    open_period("TW1")
    path = write_xlsx(
        tmp_path / "organisasi.xlsx",
        {"kinerja_organisasi": [["unit_kode", "tahun", "periode", "predikat"],
                                ["BL", 2026, "TW1", "BAIK"]]},
    )  # fmt: skip
    stdout = io.StringIO()
    call_command("import", str(path), stdout=stdout, stderr=io.StringIO())
    assert stdout.getvalue() == (
        "kinerja_organisasi: 1 dibuat, 0 diubah, 0 tetap\n"
        "Kelompok Biro Lain Triwulan I 2026: tetap draf — 1 pegawai belum dinilai: Joko Widodo.\n"
        "Impor selesai.\n"
    )


def test_the_web_import_accepts_both_sheets(
    agency, client_for, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    open_period("TW1")
    upload = SimpleUploadedFile(
        "penilaian.xlsx", xlsx_of(agency, tmp_path / "upload.xlsx").read_bytes(), XLSX
    )
    client = client_for("admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pertukaran:impor"), {"berkas": upload})
    job = Pekerjaan.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    hasil = job.hasil or {}
    assert job.status == StatusPekerjaan.SELESAI
    assert (hasil["sheet"], hasil["kelompok_ditetapkan"]) == (
        {
            "kinerja_organisasi": {"dibuat": 1, "diubah": 0, "tetap": 0},
            "penilaian": {"dibuat": 2, "diubah": 0, "tetap": 0},
        },
        1,
    )
    rating = KinerjaOrganisasi.objects.get()
    assert (rating.alasan, rating.atas_nama, rating.oleh_id) == (
        "Diimpor dari penilaian.xlsx.",
        True,
        agency.admin.pk,
    )
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Kelompok kurva ditetapkan: 1." in page


def test_the_result_page_lists_the_groups_left_as_drafts():
    hasil = {
        "sheet": {"penilaian": {"dibuat": 0, "diubah": 1, "tetap": 0}},
        "berlaku_mulai": "2026-01-01",
        "kelompok_ditetapkan": 2,
        "catatan": ["Kelompok Tim Data Triwulan I 2026: tetap draf — Distribusi predikat belum "
                    "sesuai kurva: Sangat Baik kelompok terbanyak."],
    }  # fmt: skip
    html = render_to_string("pertukaran/_hasil_impor.html", {"hasil": hasil})
    assert "Kelompok kurva ditetapkan: 2." in html
    assert (
        '<ul class="message warning" data-testid="catatan-impor"><li>Kelompok Tim Data Triwulan '
        "I 2026: tetap draf — Distribusi predikat belum sesuai kurva: Sangat Baik kelompok "
        "terbanyak.</li></ul>"
    ) in html


def queries_of(sheets: dict[str, list[dict[str, object]]]) -> int:
    with CaptureQueriesContext(connection) as captured:
        run(sheets, dry_run=True)
    return len(captured.captured_queries)


def test_validation_runs_the_same_queries_for_n_and_3n_employees(agency):
    tw1 = open_period("TW1")
    open_period("TW2")
    people = [
        cast(Pegawai, PegawaiFactory(unit=agency.bagian, penilai=agency.penilai)) for _ in range(9)
    ]
    org_rating(agency.bagian, tw1)
    rate(people[0], tw1, Predikat.BAIK)

    def sheets(group: list[Any]) -> dict[str, list[dict[str, object]]]:
        return {
            "kinerja_organisasi": [org_row("BU", "BAIK", periode=kode) for kode in ("TW1", "TW2")],
            "penilaian": [
                rating_row(person.nip, "SESUAI", "DI_ATAS", periode=kode)
                for person in group
                for kode in ("TW1", "TW2")
            ],
        }

    assert queries_of(sheets(people[:3])) == queries_of(sheets(people))
