"""The `potensi` sheet: potentials upserted by (nip, tahun), codes and labels in any case,
notes kept without their column, idempotence, every kind of bad row, scope, history years, the
template and the query count of the validation."""

from __future__ import annotations

import io
from typing import Any, cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kinerja.audit.models import Entri
from kinerja.audit.selectors import chain_check
from kinerja.audit.services import Aktor
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.periode.models import Periode, TahunKinerja
from kinerja.periode.services import tahun_ensure
from kinerja.pertukaran import readers, selectors
from kinerja.pertukaran.services import ImportRejected, ImportResult
from kinerja.pertukaran.tests.helpers import NIP_STAF, pegawai_row, run, snapshot, write_xlsx
from kinerja.talenta.models import Potensi

pytestmark = pytest.mark.django_db

NOTE = "Impor data, berlaku mulai 2025-01-01."


def row(nip: object, potensi: object, **values: object) -> dict[str, object]:
    cells: dict[str, object] = {"nip": nip, "tahun": 2026, "potensi": potensi, "catatan": None}
    cells.update(values)
    return cells


def counts(result: ImportResult) -> dict[str, dict[str, int]]:
    return {name: sheet.as_dict() for name, sheet in result.sheets.items()}


def known_year(tahun: int = 2026) -> None:
    tahun_ensure(aktor=Aktor.system("tes"), tahun=tahun)


def stored() -> list[tuple[Any, ...]]:
    return list(
        Potensi.objects.order_by("pegawai__nama", "tahun").values_list(
            "pegawai__nama", "tahun", "potensi", "catatan", "dicatat_label"
        )
    )


def state() -> dict[str, Any]:
    return {
        "organisasi": snapshot(),
        "tahun": list(TahunKinerja.objects.order_by("pk").values_list()),
        "periode": list(Periode.objects.order_by("pk").values_list("pk", "kode", "status")),
        "potensi": list(Potensi.objects.order_by("pk").values_list()),
    }


def refused(sheets: dict[str, list[dict[str, object]]], **options: Any) -> list[tuple]:
    before = state()
    try:
        run(sheets, **options)
    except ImportRejected as error:
        assert state() == before
        return [(e.sheet, e.row, e.column, e.reason) for e in error.report]
    raise AssertionError("the import was not refused")


def workbook(agency: Any) -> dict[str, list[dict[str, object]]]:
    return {
        "potensi": [
            row(agency.pegawai.nip, "Menengah", catatan=" Perlu pelatihan "),
            row(agency.penilai.nip, "tinggi"),
            row(agency.outsider.nip, "RENDAH", tahun=2025),
        ]
    }


# --- A valid sheet ------------------------------------------------------------------------------


def test_codes_and_labels_in_any_case_are_stored(agency):
    known_year(2025)
    known_year(2026)
    result = run(workbook(agency))
    assert counts(result) == {"potensi": {"dibuat": 3, "diubah": 0, "tetap": 0}}
    assert (result.extra, result.catatan) == ({}, [])
    assert stored() == [
        ("Budi Santoso", 2026, "TINGGI", "", "tes"),
        ("Joko Widodo", 2025, "RENDAH", "", "tes"),
        ("Siti Aminah", 2026, "MENENGAH", "Perlu pelatihan", "tes"),
    ]


def test_each_potential_is_audited(agency):
    known_year(2025)
    known_year(2026)
    start = Entri.objects.count()
    run(workbook(agency))
    entries = list(Entri.objects.filter(urutan__gt=start).order_by("urutan"))
    assert [entry.aksi for entry in entries] == [*["potensi.import"] * 3, "impor.run"]
    siti = Potensi.objects.get(pegawai=agency.pegawai)
    entry = entries[0]
    assert (entry.objek_tipe, entry.objek_id, entry.objek_label, entry.keterangan) == (
        "talenta.potensi",
        str(siti.pk),
        f"Siti Aminah ({agency.pegawai.nip}) — 2026",
        NOTE,
    )
    assert (entry.sebelum, entry.sesudah) == (
        None,
        {"pegawai": agency.pegawai.nip, "tahun": 2026, "potensi": "MENENGAH",
         "catatan": "Perlu pelatihan"},
    )  # fmt: skip
    assert chain_check().kerusakan == []


def test_second_import_changes_nothing(agency):
    known_year(2025)
    known_year(2026)
    run(workbook(agency))
    before = state()
    audit = Entri.objects.count()
    result = run(workbook(agency))
    assert counts(result) == {"potensi": {"dibuat": 0, "diubah": 0, "tetap": 3}}
    assert state() == before
    assert Entri.objects.count() == audit


def test_a_changed_potential_is_updated_and_audited(agency):
    known_year(2025)
    known_year(2026)
    run(workbook(agency))
    sheets = workbook(agency)
    sheets["potensi"][0]["potensi"] = "TINGGI"
    start = Entri.objects.count()
    result = run(sheets)
    assert counts(result) == {"potensi": {"dibuat": 0, "diubah": 1, "tetap": 2}}
    assert stored()[2] == ("Siti Aminah", 2026, "TINGGI", "Perlu pelatihan", "tes")
    entry = Entri.objects.filter(urutan__gt=start, aksi="potensi.import").get()
    assert (entry.sebelum, entry.sesudah) == ({"potensi": "MENENGAH"}, {"potensi": "TINGGI"})


def test_without_the_catatan_column_the_stored_notes_stay(agency):
    known_year()
    nip = agency.pegawai.nip
    run({"potensi": [row(nip, "MENENGAH", catatan="Siap promosi")]})
    without = [{"nip": nip, "tahun": 2026, "potensi": "menengah"}]
    assert counts(run({"potensi": without})) == {"potensi": {"dibuat": 0, "diubah": 0, "tetap": 1}}
    cleared = run({"potensi": [row(nip, "MENENGAH", catatan=None)]})
    assert counts(cleared) == {"potensi": {"dibuat": 0, "diubah": 1, "tetap": 0}}
    assert stored() == [("Siti Aminah", 2026, "MENENGAH", "", "tes")]


def test_an_employee_of_the_pegawai_sheet_and_an_unknown_year(agency, tmp_path):
    path = write_xlsx(
        tmp_path / "talenta.xlsx",
        {
            "pegawai": [list(pegawai_row()), list(pegawai_row().values())],
            "potensi": [["nip", "tahun", "potensi"], [NIP_STAF, 2023, "Tinggi"]],
        },
    )
    with readers.open_path(path) as source:
        result = run(source)
    assert counts(result) == {
        "pegawai": {"dibuat": 1, "diubah": 0, "tetap": 0},
        "potensi": {"dibuat": 1, "diubah": 0, "tetap": 0},
    }
    assert result.extra == {"jabatan_baru": 1, "tahun_baru": 1}
    assert stored() == [("Rina Lestari", 2023, "TINGGI", "", "tes")]
    assert list(
        Periode.objects.filter(tahun__tahun=2023).order_by("urutan").values_list("kode", "status")
    ) == [("TW1", "DRAF"), ("TW2", "DRAF"), ("TW3", "DRAF"), ("TW4", "DRAF"), ("TAHUNAN", "DRAF")]


def test_dry_run_counts_without_writing(agency):
    before = state()
    result = run(workbook(agency), dry_run=True)
    assert counts(result) == {"potensi": {"dibuat": 3, "diubah": 0, "tetap": 0}}
    assert result.extra == {"tahun_baru": 2}
    assert state() == before


# --- Bad rows -----------------------------------------------------------------------------------


def test_missing_required_column_is_named(agency):
    assert refused({"potensi": [{"nip": agency.pegawai.nip, "tahun": 2026}]}) == [
        ("potensi", 1, "potensi", "Kolom wajib 'potensi' tidak ada."),
    ]


def test_bad_rows_are_reported_and_nothing_is_written(agency):
    known_year()
    s = agency.pegawai.nip
    sheet = [
        row("199912312020121001", "TINGGI"),
        row(199001012015031001.0, "TINGGI"),
        row(None, "TINGGI"),
        row(s, "SEDANG"),
        row(s, None),
        row(s, "RENDAH", tahun=1999),
        row(s, "RENDAH", tahun="dua ribu"),
        row(s, "RENDAH", catatan="x" * 256),
        row(s, "RENDAH"),
        row(s, "Tinggi"),
    ]
    assert refused({"potensi": sheet}) == [
        ("potensi", 2, "nip", "Pegawai dengan NIP 199912312020121001 tidak ada, baik di sheet "
         "pegawai maupun di basis data."),
        ("potensi", 3, "nip", "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; "
         "simpan kolom NIP sebagai teks (format sel Teks, atau awali dengan tanda petik ')."),
        ("potensi", 4, "nip", "Wajib diisi."),
        ("potensi", 5, "potensi", "Nilai 'SEDANG' tidak dikenal. Pilihan: RENDAH, MENENGAH, "
         "TINGGI."),
        ("potensi", 6, "potensi", "Wajib diisi."),
        ("potensi", 7, "tahun", "Tahun harus antara 2000 dan 2100."),
        ("potensi", 8, "tahun", "Harus bilangan bulat, bukan 'dua ribu'."),
        ("potensi", 9, "catatan", "Terlalu panjang: 256 karakter, paling banyak 255."),
        ("potensi", 11, "nip", f"NIP {s} tahun 2026 muncul dua kali: baris 10 dan 11."),
    ]  # fmt: skip
    assert Potensi.objects.count() == 0


def test_an_employee_outside_the_admins_units_is_refused(agency):
    known_year(2025)
    known_year(2026)
    scope = scope_for(agency.admin)
    sheet = workbook(agency)["potensi"]
    assert refused({"potensi": sheet}, scope=scope) == [
        ("potensi", 4, "nip", "Pegawai ini bekerja di unit BL – Biro Lain, di luar unit yang "
         "Anda kelola."),
    ]  # fmt: skip
    assert counts(run({"potensi": sheet[:2]}, scope=scope))["potensi"]["dibuat"] == 2


# --- The template, query counts -----------------------------------------------------------------


def test_the_template_holds_the_sheet():
    workbook_file = load_workbook(io.BytesIO(selectors.template_workbook()))
    assert list(workbook_file["potensi"].values) == [
        ("nip", "tahun", "potensi", "catatan"),
        ("199001012015031001", 2026, "MENENGAH", None),
    ]


def queries_of(sheets: dict[str, list[dict[str, object]]]) -> int:
    with CaptureQueriesContext(connection) as captured:
        run(sheets, dry_run=True)
    return len(captured.captured_queries)


def test_validation_runs_the_same_queries_for_n_and_3n_employees(agency):
    known_year()
    people = [cast(Pegawai, PegawaiFactory(unit=agency.bagian)) for _ in range(9)]
    run({"potensi": [row(people[0].nip, "TINGGI")]})

    def sheets(group: list[Pegawai]) -> dict[str, list[dict[str, object]]]:
        return {"potensi": [row(person.nip, "MENENGAH", tahun=tahun) for person in group
                            for tahun in (2025, 2026)]}  # fmt: skip

    assert queries_of(sheets(people[:3])) == queries_of(sheets(people))
