"""Each format's exact output (CSV text, JSON, XLSX cells of both sheets) and the command."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from kinerja.rekap.selectors import Rekap
from kinerja.rekap.tests.helpers import build, nip
from kinerja.rekap.writers import rekap_write

HEADER = (
    "nip,nama,unit_kode,periode,rating_hasil,rating_perilaku,status,predikat,"
    "predikat_organisasi,kurva_sesuai,angka_kredit,tukin_bruto,potongan_persen,tukin_netto,"
    "kotak_talenta"
)
ROWS = [
    (
        "198001012005010010", "Ani, S.E.", "U1", "TW1", "DI_ATAS", "DI_ATAS", "DRAFT",
        "SANGAT_BAIK", "BAIK", False, Decimal("9.375"), 11343000, Decimal("0.33"), 11305190, 9,
    ),
    (
        "198001012005010050", "Dodi", "U4", "TW1", "DI_BAWAH", "SESUAI", "FINAL",
        "BUTUH_PERBAIKAN", None, None, None, None, None, None, None,
    ),
]  # fmt: skip
EXCLUDED = [
    ("198001012005010011", "Bayu", "U1", "PENSIUN", "Pensiun",
     datetime.date(2026, 3, 1), None, True),
    ("198001012005010012", "Cici", "U1", "TIDAK_AKTIF", "Tidak aktif", None, None, False),
]  # fmt: skip


def rekap() -> Rekap:
    return Rekap(periode=None, unit=None, baris=ROWS, dikecualikan=EXCLUDED)  # type: ignore[arg-type]


def test_csv(tmp_path: Path) -> None:
    written = rekap_write(rekap(), fmt="csv", path=tmp_path / "r.csv")
    assert written == [tmp_path / "r.csv", tmp_path / "r-dikecualikan.csv"]
    assert (tmp_path / "r.csv").read_text(encoding="utf-8") == (
        HEADER + "\n"
        '198001012005010010,"Ani, S.E.",U1,TW1,DI_ATAS,DI_ATAS,DRAFT,SANGAT_BAIK,BAIK,false,'
        "9.375,11343000,0.33,11305190,9\n"
        "198001012005010050,Dodi,U4,TW1,DI_BAWAH,SESUAI,FINAL,BUTUH_PERBAIKAN,,,,,,,\n"
    )
    assert (tmp_path / "r-dikecualikan.csv").read_text(encoding="utf-8") == (
        "nip,nama,unit_kode,keterangan,alasan,mulai,sampai,dinilai\n"
        "198001012005010011,Bayu,U1,PENSIUN,Pensiun,2026-03-01,,true\n"
        "198001012005010012,Cici,U1,TIDAK_AKTIF,Tidak aktif,,,false\n"
    )


def test_json(tmp_path: Path) -> None:
    rekap_write(rekap(), fmt="json", path=tmp_path / "r.json")
    text = (tmp_path / "r.json").read_text(encoding="utf-8")
    assert '"angka_kredit": 9.375' in text
    assert '"potongan_persen": 0.33' in text
    data = json.loads(text, parse_float=Decimal)
    assert data == [
        {
            "nip": "198001012005010010", "nama": "Ani, S.E.", "unit_kode": "U1",
            "periode": "TW1", "rating_hasil": "DI_ATAS", "rating_perilaku": "DI_ATAS",
            "status": "DRAFT", "predikat": "SANGAT_BAIK", "predikat_organisasi": "BAIK",
            "kurva_sesuai": False, "angka_kredit": Decimal("9.375"), "tukin_bruto": 11343000,
            "potongan_persen": Decimal("0.33"), "tukin_netto": 11305190, "kotak_talenta": 9,
        },
        {
            "nip": "198001012005010050", "nama": "Dodi", "unit_kode": "U4", "periode": "TW1",
            "rating_hasil": "DI_BAWAH", "rating_perilaku": "SESUAI", "status": "FINAL",
            "predikat": "BUTUH_PERBAIKAN", "predikat_organisasi": None, "kurva_sesuai": None,
            "angka_kredit": None, "tukin_bruto": None, "potongan_persen": None,
            "tukin_netto": None, "kotak_talenta": None,
        },
    ]  # fmt: skip
    assert list(data[0]) == HEADER.split(",")
    excluded = json.loads((tmp_path / "r-dikecualikan.json").read_text(encoding="utf-8"))
    assert excluded == [
        {
            "nip": "198001012005010011", "nama": "Bayu", "unit_kode": "U1",
            "keterangan": "PENSIUN", "alasan": "Pensiun", "mulai": "2026-03-01",
            "sampai": None, "dinilai": True,
        },
        {
            "nip": "198001012005010012", "nama": "Cici", "unit_kode": "U1",
            "keterangan": "TIDAK_AKTIF", "alasan": "Tidak aktif", "mulai": None,
            "sampai": None, "dinilai": False,
        },
    ]  # fmt: skip


def test_json_empty(tmp_path: Path) -> None:
    empty = Rekap(periode=None, unit=None, baris=[], dikecualikan=[])  # type: ignore[arg-type]
    rekap_write(empty, fmt="json", path=tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text()) == []


def cells(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    return list(load_workbook(path)[sheet].iter_rows(values_only=True))


def test_xlsx(tmp_path: Path) -> None:
    assert rekap_write(rekap(), fmt="xlsx", path=tmp_path / "r.xlsx") == [tmp_path / "r.xlsx"]
    assert load_workbook(tmp_path / "r.xlsx").sheetnames == ["rekap", "dikecualikan"]
    assert cells(tmp_path / "r.xlsx", "rekap") == [
        tuple(HEADER.split(",")),
        (
            "198001012005010010", "Ani, S.E.", "U1", "TW1", "DI_ATAS", "DI_ATAS", "DRAFT",
            "SANGAT_BAIK", "BAIK", False, 9.375, 11343000, 0.33, 11305190, 9,
        ),
        (
            "198001012005010050", "Dodi", "U4", "TW1", "DI_BAWAH", "SESUAI", "FINAL",
            "BUTUH_PERBAIKAN", None, None, None, None, None, None, None,
        ),
    ]  # fmt: skip
    assert cells(tmp_path / "r.xlsx", "dikecualikan") == [
        ("nip", "nama", "unit_kode", "keterangan", "alasan", "mulai", "sampai", "dinilai"),
        ("198001012005010011", "Bayu", "U1", "PENSIUN", "Pensiun", "2026-03-01", None, True),
        ("198001012005010012", "Cici", "U1", "TIDAK_AKTIF", "Tidak aktif", None, None, False),
    ]


# --- The command -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_writes_csv_and_the_excluded_file(tmp_path: Path) -> None:
    build()
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "rekap", "--tahun", "2026", "--periode", "TW1", "--unit", "U4", "--format", "csv",
        "--out", str(tmp_path / "rekap.csv"), stdout=out, stderr=err,
    )  # fmt: skip
    assert (tmp_path / "rekap.csv").read_text().splitlines() == [
        HEADER,
        f"{nip(50)},Dodi,U4,TW1,DI_BAWAH,SESUAI,DRAFT,BUTUH_PERBAIKAN,,,,,,,",
    ]
    assert (tmp_path / "rekap-dikecualikan.csv").read_text().splitlines()[1:] == [
        f"{nip(51)},Eko,U4,MUTASI,Mutasi,2026-01-15,,false"
    ]
    assert out.getvalue().splitlines() == [
        "Rekap TW1 2026: 1 pegawai, 1 dikecualikan.",
        f"Ditulis: {tmp_path / 'rekap.csv'}",
        f"Ditulis: {tmp_path / 'rekap-dikecualikan.csv'}",
    ]
    assert "100%" in err.getvalue()


@pytest.mark.django_db
def test_command_xlsx(tmp_path: Path) -> None:
    build()
    call_command(
        "rekap", "--tahun", "2026", "--periode", "tw1", "--format", "xlsx",
        "--out", str(tmp_path / "r.xlsx"), stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    assert len(cells(tmp_path / "r.xlsx", "rekap")) == 14
    assert len(cells(tmp_path / "r.xlsx", "dikecualikan")) == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--periode", "TW5"], "Periode TW5 2026 tidak dikenal."),
        (["--periode", "TW1", "--unit", "XX"], "Unit XX tidak dikenal."),
        (
            ["--periode", "TW1", "--format", "pdf"],
            "Format pdf tidak dikenal; pilih salah satu: csv, xlsx, json.",
        ),
    ],
)
def test_command_errors(tmp_path: Path, args: list[str], message: str) -> None:
    build(rate_tw1=False)
    out = tmp_path / "r.csv"
    with pytest.raises(CommandError) as error:
        call_command("rekap", "--tahun", "2026", *args, "--out", str(out), stdout=io.StringIO())
    assert str(error.value) == message
    assert error.value.returncode == 2
    assert not out.exists()
