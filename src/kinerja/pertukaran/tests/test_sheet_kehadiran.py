"""The `kehadiran` sheet: attendance counts upserted by (nip, tahun, bulan), the allowance
recomputed for the months written (exact figures), idempotence, corrections with their cause,
columns left out, every kind of bad row, scope, history years, a CSV folder through the terminal,
the template and the query count of the validation."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any, cast

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kinerja.audit.models import Entri
from kinerja.audit.selectors import chain_check
from kinerja.audit.services import Aktor
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Jabatan, Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.periode.models import Periode, TahunKinerja
from kinerja.periode.services import tahun_ensure
from kinerja.pertukaran import readers, selectors
from kinerja.pertukaran.services import ImportRejected, ImportResult
from kinerja.pertukaran.sheets.kehadiran import HANDLER
from kinerja.pertukaran.tests.helpers import (
    NIP_STAF,
    pegawai_row,
    run,
    snapshot,
    write_csv_folder,
)
from kinerja.tukin.models import Kehadiran, Perhitungan, PerubahanTukin, Tukin

pytestmark = pytest.mark.django_db

MEMORY = "Diimpor dari data dalam memori."
NOTE = "Impor data, berlaku mulai 2025-01-01."
COUNTS = ("tl1", "tl2", "tl3", "tl4", "psw1", "psw2", "psw3", "psw4", "tanpa_rekaman",
          "tanpa_keterangan", "cuti_alasan_penting", "hukuman_disiplin_sedang")  # fmt: skip
ZERO = dict.fromkeys(COUNTS[:-1], 0) | {"hukuman_disiplin_sedang": False}


def row(nip: object, bulan: object = 1, **values: object) -> dict[str, object]:
    cells: dict[str, object] = dict.fromkeys(HANDLER.column_names)
    cells.update(nip=nip, tahun=2026, bulan=bulan)
    cells.update(values)
    return cells


def counts(result: ImportResult) -> dict[str, dict[str, int]]:
    return {name: sheet.as_dict() for name, sheet in result.sheets.items()}


def grade(pegawai: Pegawai, kelas: int = 9) -> None:
    Jabatan.objects.filter(pk=pegawai.jabatan_id).update(kelas_jabatan=kelas)


def known_year(tahun: int = 2026) -> None:
    tahun_ensure(aktor=Aktor.system("tes"), tahun=tahun)


def stored() -> list[tuple[Any, ...]]:
    return list(
        Kehadiran.objects.order_by("pegawai__nama", "tahun", "bulan").values_list(
            "pegawai__nama", "tahun", "bulan", *COUNTS, "dicatat_label"
        )
    )


def allowances() -> list[tuple[Any, ...]]:
    return list(
        Tukin.objects.order_by("pegawai__nama", "tahun", "bulan").values_list(
            "pegawai__nama", "tahun", "bulan", "kelas_jabatan", "bruto", "persen_potongan",
            "netto", "kehadiran_tercatat",
        )
    )  # fmt: skip


def state() -> dict[str, Any]:
    return {
        "organisasi": snapshot(),
        "tahun": list(TahunKinerja.objects.order_by("pk").values_list()),
        "periode": list(Periode.objects.order_by("pk").values_list("pk", "kode", "status")),
        "kehadiran": list(Kehadiran.objects.order_by("pk").values_list()),
        "tukin": list(Tukin.objects.order_by("pk").values_list()),
        "perhitungan": list(Perhitungan.objects.order_by("pk").values_list()),
        "perubahan": list(PerubahanTukin.objects.order_by("pk").values_list()),
    }


def refused(sheets: dict[str, list[dict[str, object]]], **options: Any) -> list[tuple]:
    before = state()
    try:
        run(sheets, **options)
    except ImportRejected as error:
        assert state() == before
        return [(e.sheet, e.row, e.column, e.reason) for e in error.report]
    raise AssertionError("the import was not refused")


# --- A valid sheet ------------------------------------------------------------------------------


def test_pegawai_and_kehadiran_store_counts_and_the_allowance(agency):
    known_year()
    sheets = {
        "pegawai": [pegawai_row(kelas_jabatan=9)],
        "kehadiran": [
            row(NIP_STAF, 1, tl1=2, tanpa_keterangan="1"),
            row(NIP_STAF, 2, psw3=1, tanpa_rekaman=2, cuti_alasan_penting=3,
                hukuman_disiplin_sedang="ya"),
        ],
    }  # fmt: skip
    result = run(sheets)
    assert counts(result) == {
        "pegawai": {"dibuat": 1, "diubah": 0, "tetap": 0},
        "kehadiran": {"dibuat": 2, "diubah": 0, "tetap": 0},
    }
    assert stored() == [
        ("Rina Lestari", 2026, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, "tes"),
        ("Rina Lestari", 2026, 2, 0, 0, 0, 0, 0, 0, 1, 0, 2, 0, 3, True, "tes"),
    ]
    # February: PSW3 1.25% + 2 days without a record as TL4 3% + cuti beyond 2 days 2.5% +
    # hukuman disiplin sedang 25% = 31.75%.
    assert allowances() == [
        ("Rina Lestari", 2026, 1, 9, 3781000, Decimal("4.00"), 3629760, True),
        ("Rina Lestari", 2026, 2, 9, 3781000, Decimal("31.75"), 2580532, True),
    ]
    assert result.extra == {"jabatan_baru": 1, "tukin_dihitung": 2}
    assert result.catatan == [
        "Tukin Januari 2026 dihitung ulang untuk 1 pegawai: 1 dihitung, 1 berubah, 0 dilewati.",
        "Tukin Februari 2026 dihitung ulang untuk 1 pegawai: 1 dihitung, 1 berubah, 0 dilewati.",
    ]
    assert list(
        Perhitungan.objects.order_by("pk").values_list("tahun", "bulan", "sebab", "alasan")
    ) == [(2026, 1, "IMPOR", MEMORY), (2026, 2, "IMPOR", MEMORY)]
    assert list(
        PerubahanTukin.objects.order_by("pk").values_list("netto_lama", "netto_baru", "sebab")
    ) == [
        (None, 3629760, ["Tukin dihitung untuk pertama kali."]),
        (None, 2580532, ["Tukin dihitung untuk pertama kali."]),
    ]


def test_each_month_is_audited(agency):
    known_year()
    grade(agency.pegawai)
    start = Entri.objects.count()
    run({"kehadiran": [row(agency.pegawai.nip, 3, tl1=2, tanpa_keterangan=1)]})
    entries = list(Entri.objects.filter(urutan__gt=start).order_by("urutan"))
    assert [entry.aksi for entry in entries] == ["tukin.recompute", "kehadiran.import", "impor.run"]
    entry = entries[1]
    kehadiran = Kehadiran.objects.get()
    assert (entry.objek_tipe, entry.objek_id, entry.objek_label, entry.keterangan) == (
        "tukin.kehadiran",
        str(kehadiran.pk),
        f"Siti Aminah ({agency.pegawai.nip}) — Maret 2026",
        NOTE,
    )
    assert (entry.sebelum, entry.sesudah) == (
        None,
        {"pegawai": agency.pegawai.nip, "tahun": 2026, "bulan": 3, **ZERO, "tl1": 2,
         "tanpa_keterangan": 1},
    )  # fmt: skip
    assert entries[2].sesudah["tukin_dihitung"] == 1
    assert chain_check().kerusakan == []


def test_second_import_changes_nothing(agency):
    known_year()
    grade(agency.pegawai)
    sheets = {"kehadiran": [row(agency.pegawai.nip, 1, tl1=2), row(agency.penilai.nip, 1)]}
    first = run(sheets)
    assert counts(first) == {"kehadiran": {"dibuat": 2, "diubah": 0, "tetap": 0}}
    # Budi Santoso has kelas jabatan 7, which has no amount in the default rule set: skipped.
    assert first.catatan == [
        "Tukin Januari 2026 dihitung ulang untuk 2 pegawai: 1 dihitung, 1 berubah, 1 dilewati."
    ]
    before = state()
    audit = Entri.objects.count()
    again = run(sheets)
    assert counts(again) == {"kehadiran": {"dibuat": 0, "diubah": 0, "tetap": 2}}
    assert (again.extra, again.catatan) == ({}, [])
    assert state() == before  # no new Perhitungan, no allowance touched
    assert Entri.objects.count() == audit


def test_a_corrected_count_recomputes_and_records_the_cause(agency):
    known_year()
    grade(agency.pegawai)
    nip = agency.pegawai.nip
    run({"kehadiran": [row(nip, 1, tl1=2, tanpa_keterangan=1), row(nip, 2)]})
    start = Entri.objects.count()
    result = run({"kehadiran": [row(nip, 1, tl1=4, tanpa_keterangan=1), row(nip, 2)]})
    assert counts(result) == {"kehadiran": {"dibuat": 0, "diubah": 1, "tetap": 1}}
    assert result.catatan == [
        "Tukin Januari 2026 dihitung ulang untuk 1 pegawai: 1 dihitung, 1 berubah, 0 dilewati."
    ]
    assert allowances() == [
        ("Siti Aminah", 2026, 1, 9, 3781000, Decimal("5.00"), 3591950, True),
        ("Siti Aminah", 2026, 2, 9, 3781000, Decimal("0.00"), 3781000, True),
    ]
    latest = Perhitungan.objects.order_by("-pk").first()
    assert latest is not None
    assert (latest.bulan, latest.sebab, latest.alasan) == (1, "IMPOR", MEMORY)
    assert list(
        PerubahanTukin.objects.filter(perhitungan=latest).values_list(
            "persen_lama", "persen_baru", "netto_lama", "netto_baru", "sebab"
        )
    ) == [(Decimal("4.00"), Decimal("5.00"), 3629760, 3591950, ["Data kehadiran berubah: tl1."])]
    entry = Entri.objects.filter(urutan__gt=start, aksi="kehadiran.import").get()
    assert (entry.sebelum, entry.sesudah) == ({"tl1": 2}, {"tl1": 4})


def test_columns_left_out_keep_the_stored_values(agency):
    known_year()
    nip = agency.pegawai.nip
    run({"kehadiran": [row(nip, 5, tanpa_rekaman=3, hukuman_disiplin_sedang="YA", tl2=1)]})
    short = [{"nip": nip, "tahun": 2026, "bulan": 5, "tl2": 1}]
    assert counts(run({"kehadiran": short})) == {
        "kehadiran": {"dibuat": 0, "diubah": 0, "tetap": 1}
    }
    emptied = [{"nip": nip, "tahun": 2026, "bulan": 5, "tl2": 1, "tanpa_rekaman": None}]
    assert counts(run({"kehadiran": emptied}))["kehadiran"]["diubah"] == 1
    assert stored() == [
        ("Siti Aminah", 2026, 5, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, True, "tes"),
    ]


def test_dry_run_counts_without_writing(agency):
    known_year()
    before = state()
    result = run({"kehadiran": [row(agency.pegawai.nip, 1, tl1=2)]}, dry_run=True)
    assert counts(result) == {"kehadiran": {"dibuat": 1, "diubah": 0, "tetap": 0}}
    assert state() == before


# --- Bad rows -----------------------------------------------------------------------------------


def test_missing_required_column_is_named(agency):
    sheet = [{"nip": agency.pegawai.nip, "tahun": 2026, "tl1": 1}]
    assert refused({"kehadiran": sheet}) == [
        ("kehadiran", 1, "bulan", "Kolom wajib 'bulan' tidak ada."),
    ]


def test_bad_rows_are_reported_and_nothing_is_written(agency):
    known_year()
    s = agency.pegawai.nip
    sheet = [
        row("199912312020121001"),
        row(199001012015031001.0),
        row(s, 13),
        row(s, None),
        row(s, 1, tl1=-1),
        row(s, 1, psw2="dua"),
        row(s, 1, tl3=1.5),
        row(s, 1, tanpa_keterangan=32),
        row(s, 1, hukuman_disiplin_sedang="mungkin"),
        row(s, 1, tahun=None),
        row(s, 2),
        row(s, "2", tl1=1),
        row(s, 3, cuti_alasan_penting="1,5", tl4="x"),
    ]
    assert refused({"kehadiran": sheet}) == [
        ("kehadiran", 2, "nip", "Pegawai dengan NIP 199912312020121001 tidak ada, baik di sheet "
         "pegawai maupun di basis data."),
        ("kehadiran", 3, "nip", "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; "
         "simpan kolom NIP sebagai teks (format sel Teks, atau awali dengan tanda petik ')."),
        ("kehadiran", 4, "bulan", "Bulan harus 1 sampai 12, bukan 13."),
        ("kehadiran", 5, "bulan", "Wajib diisi."),
        ("kehadiran", 6, "tl1", "Tidak boleh negatif, bukan -1."),
        ("kehadiran", 7, "psw2", "Harus bilangan bulat, bukan 'dua'."),
        ("kehadiran", 8, "tl3", "Harus bilangan bulat, bukan 1.5."),
        ("kehadiran", 9, "tanpa_keterangan", "Paling banyak 31 dalam sebulan, bukan 32."),
        ("kehadiran", 10, "hukuman_disiplin_sedang", "Harus YA atau TIDAK, bukan 'mungkin'."),
        ("kehadiran", 11, "tahun", "Wajib diisi."),
        ("kehadiran", 13, "nip", f"NIP {s} bulan 2 tahun 2026 muncul dua kali: baris 12 dan 13."),
        ("kehadiran", 14, "tl4", "Harus bilangan bulat, bukan 'x'."),
        ("kehadiran", 14, "cuti_alasan_penting", "Harus bilangan bulat, bukan '1,5'."),
    ]  # fmt: skip
    assert Kehadiran.objects.count() == 0


def test_an_employee_outside_the_admins_units_is_refused(agency):
    known_year()
    scope = scope_for(agency.admin)
    sheet = [row(agency.pegawai.nip, 1), row(agency.outsider.nip, 1), row(agency.penilai.nip, 1)]
    assert refused({"kehadiran": sheet}, scope=scope) == [
        ("kehadiran", 3, "nip", "Pegawai ini bekerja di unit BL – Biro Lain, di luar unit yang "
         "Anda kelola."),
    ]  # fmt: skip
    result = run({"kehadiran": [sheet[0], sheet[2]]}, scope=scope)
    assert counts(result)["kehadiran"]["dibuat"] == 2


# --- History years ------------------------------------------------------------------------------


def test_an_unknown_year_is_opened(agency):
    grade(agency.pegawai)
    result = run({"kehadiran": [row(agency.pegawai.nip, 7, tahun=2024, tl1=2, tanpa_keterangan=1)]})
    assert counts(result) == {"kehadiran": {"dibuat": 1, "diubah": 0, "tetap": 0}}
    assert result.extra == {"tahun_baru": 1, "tukin_dihitung": 1}
    assert list(
        Periode.objects.filter(tahun__tahun=2024).order_by("urutan").values_list("kode", "status")
    ) == [("TW1", "DRAF"), ("TW2", "DRAF"), ("TW3", "DRAF"), ("TW4", "DRAF"), ("TAHUNAN", "DRAF")]
    assert allowances() == [("Siti Aminah", 2024, 7, 9, 3781000, Decimal("4.00"), 3629760, True)]
    again = run({"kehadiran": [row(agency.pegawai.nip, 7, tahun=2024, tl1=2, tanpa_keterangan=1)]})
    assert (counts(again)["kehadiran"]["tetap"], again.extra) == (1, {})


# --- The terminal with a CSV folder, the template, query counts ---------------------------------


def test_a_csv_folder_of_both_sheets_through_the_terminal(agency, tmp_path):
    known_year()
    grade(agency.pegawai)
    nip = agency.pegawai.nip
    folder = write_csv_folder(
        tmp_path / "riwayat",
        {
            "kehadiran": "nip,tahun,bulan,tl1,tl2,tl3,tl4,psw1,psw2,psw3,psw4,tanpa_keterangan,"
            f"cuti_alasan_penting,hukuman_disiplin_sedang\n{nip},2026,1,2,,,,,,,,1,,TIDAK\n",
            "potensi": f"nip,tahun,potensi\n{nip},2026,Menengah\n",
        },
    )
    stdout = io.StringIO()
    call_command("import", str(folder), stdout=stdout, stderr=io.StringIO())
    assert stdout.getvalue() == (
        "kehadiran: 1 dibuat, 0 diubah, 0 tetap\n"
        "potensi: 1 dibuat, 0 diubah, 0 tetap\n"
        "Tukin Januari 2026 dihitung ulang untuk 1 pegawai: 1 dihitung, 1 berubah, 0 dilewati.\n"
        "Impor selesai.\n"
    )
    assert allowances() == [("Siti Aminah", 2026, 1, 9, 3781000, Decimal("4.00"), 3629760, True)]
    assert Perhitungan.objects.get().alasan == "Diimpor dari riwayat."
    with readers.open_path(folder) as source:
        again = run(source)
    assert counts(again) == {
        "kehadiran": {"dibuat": 0, "diubah": 0, "tetap": 1},
        "potensi": {"dibuat": 0, "diubah": 0, "tetap": 1},
    }


def test_the_template_holds_the_sheet():
    workbook = load_workbook(io.BytesIO(selectors.template_workbook()))
    assert list(workbook["kehadiran"].values) == [
        ("nip", "tahun", "bulan", *COUNTS),
        ("199001012015031001", 2026, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, "TIDAK"),
    ]


def queries_of(sheets: dict[str, list[dict[str, object]]]) -> int:
    with CaptureQueriesContext(connection) as captured:
        run(sheets, dry_run=True)
    return len(captured.captured_queries)


def test_validation_runs_the_same_queries_for_n_and_3n_employees(agency):
    known_year()
    people = [cast(Pegawai, PegawaiFactory(unit=agency.bagian)) for _ in range(9)]
    run({"kehadiran": [row(people[0].nip, 1, tl1=1)]})

    def sheets(group: list[Pegawai]) -> dict[str, list[dict[str, object]]]:
        return {"kehadiran": [row(person.nip, bulan) for person in group for bulan in (1, 2)]}

    assert queries_of(sheets(people[:3])) == queries_of(sheets(people))
