"""What every XLSX export of the dashboards shares: the content type, a sheet with a bold,
frozen header row, the workbook as bytes."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_fill(
    sheet: Worksheet, header: Sequence[Any], rows: Iterable[Sequence[Any]] = ()
) -> Worksheet:
    """The header (bold, frozen) then the rows; the first two columns made readable."""
    sheet.append([str(item) for item in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 30
    sheet.freeze_panes = "A2"
    return sheet


def sheet_add(
    workbook: Workbook, title: Any, header: Sequence[Any], rows: Iterable[Sequence[Any]] = ()
) -> Worksheet:
    """A new sheet (its title cut to Excel's 31 characters) filled by `sheet_fill`."""
    return sheet_fill(workbook.create_sheet(str(title)[:31]), header, rows)


def workbook_empty() -> Workbook:
    """A workbook without its default sheet."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
