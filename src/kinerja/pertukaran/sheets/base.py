"""What every sheet handler shares: column specs, the parsed table, the import context.

A handler validates its whole table (collecting every error in the context) and, once every sheet
is valid, writes its plan. Handlers run in registry order, so a later sheet sees what earlier
sheets will create (the `pegawai` sheet sees the units of the `unit` sheet).
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils.translation import gettext as _

from kinerja.audit.services import Aktor, Perubahan
from kinerja.jobs.progress import Progress
from kinerja.organisasi.access import Lingkup
from kinerja.pertukaran import rules
from kinerja.pertukaran.readers import RawSheet
from kinerja.pertukaran.rules import NOT_A_ROW, CellError, RowError

Value = TypeVar("Value")


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its lower-case name, whether it is required, what it holds."""

    name: str
    required: bool
    description: Any
    example: object = ""
    text: bool = False
    """Kept as text in the template workbook (NIPs: a number would lose digits)."""


@dataclass
class Row:
    """One data row: its spreadsheet row number and its cells by column name (present columns
    only; cells whose error was already reported, such as formulas, are left out)."""

    number: int
    cells: dict[str, object]


@dataclass
class Table:
    sheet: str
    header_row: int
    present: frozenset[str]
    rows: list[Row]


@dataclass
class SheetCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"dibuat": self.created, "diubah": self.updated, "tetap": self.unchanged}


@dataclass
class ImportContext:
    """State shared by the handlers of one import."""

    aktor: Aktor
    scope: Lingkup | None
    berlaku_mulai: datetime.date
    progress: Progress
    errors: list[RowError] = field(default_factory=list)
    perubahan: list[Perubahan] = field(default_factory=list)
    counts: dict[str, SheetCounts] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)
    label: str = ""
    """The source's name (the uploaded file's name), for reasons recorded by the writes."""
    catatan: list[str] = field(default_factory=list)
    """Notes on what the write did besides the counts (e.g. curve groups left as drafts)."""

    @property
    def restricted(self) -> bool:
        """True when the actor may only touch the units of their subtrees (admin kepegawaian)."""
        return self.scope is not None and not self.scope.is_superuser

    def error(self, sheet: str, row: int, column: str, reason: str) -> None:
        self.errors.append(RowError(sheet, row, column, reason))


class RowCells:
    """Typed access to the cells of one row; a bad cell is reported once and reads as missing."""

    def __init__(self, context: ImportContext, sheet: str, row: Row) -> None:
        self.context = context
        self.sheet = sheet
        self.row = row
        self.bad: set[str] = set()

    @property
    def number(self) -> int:
        return self.row.number

    def error(self, column: str, reason: str) -> None:
        self.bad.add(column)
        self.context.error(self.sheet, self.row.number, column, reason)

    def value(self, column: str, parse: Callable[[object], Value]) -> Value | None:
        """The parsed cell, or None when absent or refused (the reason is reported)."""
        if column not in self.row.cells:
            return None
        try:
            return parse(self.row.cells[column])
        except CellError as error:
            self.error(column, str(error))
            return None

    def text(self, column: str, *, required: bool = False, max_length: int = 0) -> str:
        text = self.value(column, rules.cell_text) or ""
        if column in self.bad:
            return ""
        if required and not text and column in self.row.cells:
            self.error(column, _("Wajib diisi."))
        elif max_length and len(text) > max_length:
            self.error(
                column,
                _("Terlalu panjang: %(length)d karakter, paling banyak %(limit)d.")
                % {"length": len(text), "limit": max_length},
            )
            return ""
        return text


class SheetHandler(ABC):
    """Validates and writes one sheet of the exchange format."""

    name: str
    title: Any
    description: Any
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.required)

    @abstractmethod
    def validate(self, table: Table | None, context: ImportContext) -> None:
        """Check the table (None when the sheet is absent) against the database and the earlier
        sheets; report every problem with `context.error`, and keep the plan for `write`."""

    def write_count(self, context: ImportContext) -> int:
        """How many objects `write` will create or change (for the progress bar)."""
        return 0

    @abstractmethod
    def write(self, context: ImportContext) -> None:
        """Write the plan (only called when no sheet had an error). Records counts and audit
        changes in the context."""


def build_table(raw: RawSheet, handler: SheetHandler, context: ImportContext) -> Table | None:
    """Match the header to the handler's columns and collect the rows; header problems (missing,
    unknown or repeated columns) are reported and give None."""
    sheet = handler.name
    errors_before = len(context.errors)
    if not raw.header_row:
        context.error(sheet, NOT_A_ROW, "", _("Sheet kosong: tidak ada baris judul kolom."))
        return None
    known = set(handler.column_names)
    position_of: dict[str, int] = {}
    for index, cell in enumerate(raw.header):
        name = rules.normalise_column(cell)
        if rules.is_formula(cell):
            context.error(
                sheet,
                raw.header_row,
                rules.column_letter(index),
                _("Sel %(cell)s berisi rumus; judul kolom harus teks.")
                % {"cell": rules.cell_name(index, raw.header_row)},
            )
        elif not name:
            if any(
                index < len(row.cells) and not rules.is_blank(row.cells[index]) for row in raw.rows
            ):
                context.error(
                    sheet,
                    raw.header_row,
                    rules.column_letter(index),
                    _("Kolom %(letter)s berisi data tetapi tidak bernama.")
                    % {"letter": rules.column_letter(index)},
                )
        elif name not in known:
            context.error(
                sheet,
                raw.header_row,
                name,
                _(
                    "Kolom '%(column)s' tidak dikenal di sheet %(sheet)s. Kolom yang dikenal: "
                    "%(known)s."
                )
                % {"column": name, "sheet": sheet, "known": ", ".join(handler.column_names)},
            )
        elif name in position_of:
            context.error(
                sheet,
                raw.header_row,
                name,
                _("Kolom '%(column)s' muncul dua kali (kolom %(first)s dan %(second)s).")
                % {
                    "column": name,
                    "first": rules.column_letter(position_of[name]),
                    "second": rules.column_letter(index),
                },
            )
        else:
            position_of[name] = index
    for name in handler.required_columns:
        if name not in position_of:
            context.error(
                sheet,
                raw.header_row,
                name,
                _("Kolom wajib '%(column)s' tidak ada.") % {"column": name},
            )
    if len(context.errors) > errors_before:
        return None
    rows: list[Row] = []
    for raw_row in raw.rows:
        cells: dict[str, object] = {}
        for name, index in position_of.items():
            value = raw_row.cells[index] if index < len(raw_row.cells) else None
            if rules.is_formula(value):
                context.error(
                    sheet,
                    raw_row.number,
                    name,
                    _("Sel %(cell)s berisi rumus (%(formula)s); isi nilainya saja, bukan rumus.")
                    % {"cell": rules.cell_name(index, raw_row.number), "formula": str(value)[:50]},
                )
                continue
            cells[name] = value
        beyond = [
            index
            for index in range(len(raw.header), len(raw_row.cells))
            if not rules.is_blank(raw_row.cells[index])
        ]
        if beyond:
            context.error(
                sheet,
                raw_row.number,
                rules.column_letter(beyond[0]),
                _("Sel %(cell)s berisi data di bawah kolom yang tidak bernama.")
                % {"cell": rules.cell_name(beyond[0], raw_row.number)},
            )
        rows.append(Row(raw_row.number, cells))
    return Table(sheet, raw.header_row, frozenset(position_of), rows)
