"""Writing a recap as CSV, XLSX or JSON (see `rules` for the value of each cell).

- CSV: UTF-8, comma, header row, empty cell for empty, true/false; the excluded section in the
  sibling file `<stem>-dikecualikan.csv`.
- JSON: a list of objects with the columns as keys (numbers as numbers, decimals keep their
  places, empty is null); the excluded section in `<stem>-dikecualikan.json`.
- XLSX: two sheets, `rekap` and `dikecualikan`, written with openpyxl's write-only mode.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook

from kinerja.rekap import rules
from kinerja.rekap.selectors import Rekap, Row


def write_csv(columns: Sequence[str], rows: Iterable[Row], out: IO[str]) -> None:
    """The csv module already writes None as an empty cell, and decimals, numbers and dates
    (ISO) as `str` gives them; only the true/false columns need converting, so the other cells
    are passed through untouched (a recap has millions of cells)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    flags = [index for index, name in enumerate(columns) if name in rules.BOOLEAN_COLUMNS]
    if not flags:
        writer.writerows(rows)
        return
    cell = rules.csv_cell

    def converted(row: Row) -> list[Any]:
        values = list(row)
        for index in flags:
            values[index] = cell(values[index])
        return values

    writer.writerows(map(converted, rows))


def write_json(columns: Sequence[str], rows: Iterable[Row], out: IO[str]) -> None:
    out.write("[")
    first = True
    for row in rows:
        out.write("\n  " if first else ",\n  ")
        out.write(rules.json_object(columns, row))
        first = False
    out.write("\n]\n" if not first else "]\n")


def write_xlsx(rekap: Rekap, out: IO[bytes] | str | Path) -> None:
    book = Workbook(write_only=True)
    for title, columns, rows in (
        (rules.SHEET_MAIN, rules.COLUMNS, rekap.baris),
        (rules.SHEET_EXCLUDED, rules.EXCLUDED_COLUMNS, rekap.dikecualikan),
    ):
        sheet = book.create_sheet(title)
        sheet.append(list(columns))
        cell = rules.xlsx_cell
        for row in rows:
            sheet.append([cell(value) for value in row])
    book.save(out)


def rekap_write(rekap: Rekap, *, fmt: str, path: Path) -> list[Path]:
    """Write the recap to `path` (and, for CSV and JSON, the excluded section next to it);
    returns the files written."""
    error = rules.format_error(fmt)
    if error:
        raise ValueError(error)
    if fmt == "xlsx":
        write_xlsx(rekap, path)
        return [path]
    write: Any = write_csv if fmt == "csv" else write_json
    sibling = Path(rules.excluded_path(path))
    with path.open("w", encoding="utf-8", newline="") as out:
        write(rules.COLUMNS, rekap.baris, out)
    with sibling.open("w", encoding="utf-8", newline="") as out:
        write(rules.EXCLUDED_COLUMNS, rekap.dikecualikan, out)
    return [path, sibling]
