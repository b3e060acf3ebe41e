"""Pure rules of the recap (rekap): its columns (exactly those of the exchange format, in order),
the columns of the excluded section, the status code, the names of the files written and how
each value is written in CSV, JSON and XLSX.

A recap row is a tuple in `COLUMNS` order holding plain values: `str`, `int` (rupiah, box),
`Decimal` (credit points with 3 decimals, cut percent with 2), `bool` (curve verdict) or `None`
(empty). An excluded row is a tuple in `EXCLUDED_COLUMNS` order (dates as `datetime.date`).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import PurePath
from typing import Any

from kinerja.core.i18n import gettext as _

COLUMNS = (
    "nip",
    "nama",
    "unit_kode",
    "periode",
    "rating_hasil",
    "rating_perilaku",
    "status",
    "predikat",
    "predikat_organisasi",
    "kurva_sesuai",
    "angka_kredit",
    "tukin_bruto",
    "potongan_persen",
    "tukin_netto",
    "kotak_talenta",
)
"""The recap's columns, exactly as the exchange format names and orders them."""

EXCLUDED_COLUMNS = (
    "nip",
    "nama",
    "unit_kode",
    "keterangan",
    "alasan",
    "mulai",
    "sampai",
    "dinilai",
)
"""The columns of the excluded section (sheet `dikecualikan`, or the sibling file)."""

FORMATS = ("csv", "xlsx", "json")
SHEET_MAIN = "rekap"
SHEET_EXCLUDED = "dikecualikan"
TIDAK_AKTIF = "TIDAK_AKTIF"
"""The `keterangan` of an employee left out because the record is inactive (no exclusion)."""

STATUS_CODES = {"DRAF": "DRAFT", "FINAL": "FINAL"}
CREDIT_PLACES = Decimal("0.001")
PERCENT_PLACES = Decimal("0.01")


def status_code(status: str) -> str:
    """The recap's status of an assessment: DRAFT for a draft, FINAL once finalised."""
    return STATUS_CODES.get(status, status)


def credit_value(value: Decimal) -> Decimal:
    """Credit points with exactly 3 decimals ("2.083")."""
    return value.quantize(CREDIT_PLACES, rounding=ROUND_HALF_UP)


def percent_value(value: Decimal) -> Decimal:
    """The cut percent with exactly 2 decimals ("1.33")."""
    return value.quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


def format_error(fmt: str) -> str:
    """'' when the output format is known, otherwise what is wrong."""
    if fmt in FORMATS:
        return ""
    return _("Format %(format)s tidak dikenal; pilih salah satu: %(pilihan)s.") % {
        "format": fmt,
        "pilihan": ", ".join(FORMATS),
    }


def limit_error(maximum: int) -> str:
    return _("Batas harus 1 sampai %(maksimum)s.") % {"maksimum": maximum}


def offset_error() -> str:
    return _("Offset tidak boleh negatif.")


def excluded_path(path: PurePath) -> PurePath:
    """Where the excluded section of a CSV or JSON recap goes: `<stem>-dikecualikan.<ext>` next
    to the main file."""
    return path.with_name(f"{path.stem}-{SHEET_EXCLUDED}{path.suffix}")


def file_name(tahun: int, kode: str, unit_kode: str | None, fmt: str) -> str:
    """The recap's file name: rekap-2026-TW1.csv, rekap-2026-TAHUNAN-BU.xlsx."""
    parts = ["rekap", str(tahun), kode] + ([_safe(unit_kode)] if unit_kode else [])
    return "-".join(parts) + "." + fmt


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text) or "unit"


# --- Values per format -----------------------------------------------------------------------


BOOLEAN_COLUMNS = frozenset({"kurva_sesuai", "dinilai"})
"""The columns holding true/false (or empty)."""


def csv_cell(value: Any) -> str:
    """A CSV cell: empty for None, true/false, decimals as written ("2.083"), ISO dates."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def json_text(value: Any) -> str:
    """A JSON value: null for None, numbers as numbers (decimals keep their places), ISO dates
    as strings."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, datetime.date):
        return json.dumps(value.isoformat())
    return json.dumps(value, ensure_ascii=False)


def json_object(columns: Sequence[str], row: Sequence[Any]) -> str:
    """One row as a JSON object with the columns as keys, in column order."""
    keys = _json_keys(tuple(columns))
    return "{" + ", ".join(k + json_text(v) for k, v in zip(keys, row, strict=True)) + "}"


_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _json_keys(columns: tuple[str, ...]) -> tuple[str, ...]:
    found = _KEYS.get(columns)
    if found is None:
        found = _KEYS[columns] = tuple(json.dumps(c) + ": " for c in columns)
    return found


def xlsx_cell(value: Any) -> Any:
    """An XLSX cell: numbers stay numbers (decimals as numbers), booleans as booleans, dates as
    ISO text, None empty."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def as_dict(columns: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    """A row as a JSON-ready dict (the API): decimals as floats, dates as ISO text."""
    return {
        key: (
            float(value)
            if isinstance(value, Decimal)
            else value.isoformat()
            if isinstance(value, datetime.date)
            else value
        )
        for key, value in zip(columns, row, strict=True)
    }


def rows_as_dicts(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    return [as_dict(columns, row) for row in rows]
