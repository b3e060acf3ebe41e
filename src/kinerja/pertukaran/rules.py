"""Pure rules of the exchange format: the report, cell values, column names, natural keys, cycles.

Plain values in, plain values out; nothing here touches the database or the request.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from kinerja.core.enums import LabeledEnum
from kinerja.core.i18n import gettext as _

Key = TypeVar("Key", bound=Hashable)
EnumType = TypeVar("EnumType", bound=LabeledEnum)

NOT_A_ROW = 0
"""The row number of an error about the whole file or a whole sheet."""

YES_WORDS = frozenset({"ya"})
NO_WORDS = frozenset({"tidak"})
GOLONGAN_PARTS = re.compile(r"^\s*([IVXivx]+)\s*(?:/\s*([A-Ea-e]))?\s*$")


@dataclass(frozen=True)
class RowError:
    """One problem of an import: the sheet, the 1-based spreadsheet row (0: not a row), the column
    and the reason, in Indonesian."""

    sheet: str
    row: int
    column: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "baris": self.row, "kolom": self.column, "alasan": self.reason}

    def as_line(self) -> str:
        where = [self.sheet or _("berkas")]
        if self.row:
            where.append(_("baris %(row)d") % {"row": self.row})
        if self.column:
            where.append(_("kolom %(column)s") % {"column": self.column})
        return f"{', '.join(where)}: {self.reason}"


class ImportRejected(Exception):
    """The import was refused; `report` names every problem found. Nothing was written."""

    def __init__(self, report: list[RowError]) -> None:
        self.report = list(report)
        first = self.report[0].as_line() if self.report else ""
        super().__init__(
            _("Impor ditolak: %(count)d kesalahan. %(first)s")
            % {"count": len(self.report), "first": first}
        )


class CellError(ValueError):
    """A cell value that cannot be used; the message is the reason shown in the report."""


# --- Cells ----------------------------------------------------------------------------------


def is_formula(value: object) -> bool:
    """A spreadsheet formula (or a text that would become one when opened in a spreadsheet)."""
    return isinstance(value, str) and value.startswith("=")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_name(column_index: int, row: int) -> str:
    return f"{column_letter(column_index)}{row}"


def normalise_column(name: object) -> str:
    """Column names are matched case-insensitively and trimmed: ' NIP ' -> 'nip'."""
    if name is None:
        return ""
    return " ".join(str(name).split()).lower()


def normalise_sheet(name: str) -> str:
    return " ".join(str(name).split()).lower()


def cell_text(value: object) -> str:
    """A cell as trimmed text. Whole numbers stored as numbers ('101' typed as 101 or 101.0) are
    accepted; dates are refused because they were not meant as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise CellError(_("Berisi nilai benar/salah, bukan teks."))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.date | datetime.time):
        raise CellError(_("Berisi tanggal atau jam, bukan teks."))
    return str(value).strip()


def cell_nip(value: object) -> str:
    """A NIP must be stored as text: a number in a spreadsheet keeps only 15 significant digits."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(
            _(
                "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; simpan kolom NIP "
                "sebagai teks (format sel Teks, atau awali dengan tanda petik ')."
            )
        )
    text = cell_text(value)
    if text.startswith("'"):
        text = text[1:]
    return "".join(text.split())


def cell_integer(value: object) -> int | None:
    """A whole number; 9.0 (as Excel stores numbers) is 9. Empty is None."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("Harus bilangan bulat."))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(_("Harus bilangan bulat, bukan %(value)s.") % {"value": value})
    text = cell_text(value)
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise CellError(_("Harus bilangan bulat, bukan '%(value)s'.") % {"value": text}) from None
    if number.is_integer():
        return int(number)
    raise CellError(_("Harus bilangan bulat, bukan '%(value)s'.") % {"value": text})


def cell_yes_no(value: object) -> bool | None:
    """YA/TIDAK in any case (or a spreadsheet TRUE/FALSE). Empty is None."""
    if isinstance(value, bool):
        return value
    if is_blank(value):
        return None
    word = cell_text(value).casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise CellError(_("Harus YA atau TIDAK, bukan '%(value)s'.") % {"value": cell_text(value)})


_ENUM_CACHE: dict[tuple[type, str], Any] = {}


def cell_enum(value: object, enum: type[EnumType]) -> EnumType | None:
    """An enumerated value as its code (`AHLI_MUDA`, any case) or label ('Ahli Muda'), via
    `LabeledEnum.parse`. Empty is None."""
    text = cell_text(value)
    if not text:
        return None
    key = (enum, text)
    if key not in _ENUM_CACHE:
        _ENUM_CACHE[key] = enum.parse(text)
    member = _ENUM_CACHE[key]
    if member is None:
        raise CellError(
            _("Nilai '%(value)s' tidak dikenal. Pilihan: %(choices)s.")
            % {"value": text, "choices": enum_choices(enum)}
        )
    return member


def enum_choices(enum: type[LabeledEnum]) -> str:
    return ", ".join(member.value for member in enum)


def normalise_golongan(text: str) -> str:
    """'iii/a' -> 'III/a', 'ix' -> 'IX'; anything else comes back trimmed for the rule."""
    match = GOLONGAN_PARTS.match(text)
    if not match:
        return text.strip()
    roman, ruang = match.group(1).upper(), match.group(2)
    return f"{roman}/{ruang.lower()}" if ruang else roman


# --- Trees -----------------------------------------------------------------


def find_cycles(parent_of: Mapping[Key, Key | None]) -> list[list[Key]]:
    """Every cycle of a graph in which each node has at most one parent, each as the list of its
    members in walking order, starting from its smallest member (deterministic)."""
    done: set[Key] = set()
    cycles: list[list[Key]] = []
    for start in sorted(parent_of, key=str):
        path: list[Key] = []
        on_path: dict[Key, int] = {}
        node: Key | None = start
        while node is not None and node not in done:
            if node in on_path:
                members = path[on_path[node] :]
                smallest = min(range(len(members)), key=lambda index: str(members[index]))
                cycles.append(members[smallest:] + members[:smallest])
                break
            on_path[node] = len(path)
            path.append(node)
            node = parent_of.get(node)
        done.update(path)
    return cycles


def cycle_text(members: Iterable[object]) -> str:
    """['A', 'B'] -> 'A → B → A'."""
    names = [str(member) for member in members]
    return " → ".join([*names, names[0]]) if names else ""


def depth_order(parent_of: Mapping[Key, Key | None], keys: Iterable[Key]) -> list[list[Key]]:
    """Group `keys` into levels so that every key comes after its parent when the parent is one of
    `keys` (parents before children). A cycle (refused earlier by validation) is cut where the
    walk finds it."""
    wanted = set(keys)
    level_of: dict[Key, int] = {}

    def assign(key: Key) -> None:
        chain: list[Key] = []
        on_chain: set[Key] = set()
        node: Key | None = key
        while node is not None and node in wanted and node not in level_of:
            if node in on_chain:
                node = None
                break
            chain.append(node)
            on_chain.add(node)
            node = parent_of.get(node)
        base = level_of[node] + 1 if node is not None and node in level_of else 0
        for offset, member in enumerate(reversed(chain)):
            level_of[member] = base + offset

    ordered = sorted(wanted, key=str)
    for key in ordered:
        assign(key)
    levels: list[list[Key]] = [[] for _ in range(max(level_of.values(), default=-1) + 1)]
    for key in ordered:
        levels[level_of[key]].append(key)
    return levels
