"""Reading the exchange format: an .xlsx workbook, a folder of `<sheet>.csv` files, or memory.

Files are recognised by their content, never by their name. A workbook must be a zip holding
`[Content_Types].xml` and `xl/workbook.xml`, without macros, within the size limits and without an
abnormal compression ratio (a zip bomb). Problems are raised as `ImportRejected` with a report.
"""

from __future__ import annotations

import contextlib
import csv
import io
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Self

from django.conf import settings
from django.utils.translation import gettext as _

from kinerja.jobs.progress import NullProgress, Progress
from kinerja.pertukaran.rules import NOT_A_ROW, ImportRejected, RowError, is_blank

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF"
MACRO_MARKERS = (b"macroenabled", b"vbaproject")
MAX_ZIP_MEMBERS = 10_000
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
PROGRESS_STEP = 500
CSV_FIELD_LIMIT = 1024 * 1024


@dataclass(frozen=True)
class RawRow:
    """One non-empty row: its 1-based spreadsheet row number and its cells, left to right."""

    number: int
    cells: tuple[object, ...]


@dataclass
class RawSheet:
    """A sheet as read: the header row (its number and cells) and the non-empty rows below it."""

    name: str
    header_row: int = NOT_A_ROW
    header: tuple[object, ...] = ()
    rows: list[RawRow] = field(default_factory=list)


class Source(ABC):
    """Where an import reads from. Use as a context manager, or call `close()`."""

    label: str = ""

    @property
    @abstractmethod
    def sheet_names(self) -> list[str]:
        """The sheets present, as named in the source."""

    @abstractmethod
    def _iterate(self, sheet: str) -> Iterator[tuple[int, tuple[object, ...]]]:
        """Every row of a sheet as (1-based row number, cells), empty rows included or not."""

    def estimated_rows(self, sheet: str) -> int:
        return 0

    def read(self, sheet: str, progress: Progress | None = None) -> RawSheet:
        """The sheet's header (its first non-empty row) and its non-empty rows."""
        reporter = progress or NullProgress()
        result = RawSheet(name=sheet)
        pending = 0
        for number, cells in self._iterate(sheet):
            pending += 1
            if pending >= PROGRESS_STEP:
                reporter.advance(pending)
                pending = 0
            trimmed = _trim(cells)
            if not trimmed:
                continue
            if not result.header_row:
                result.header_row, result.header = number, trimmed
            else:
                result.rows.append(RawRow(number, trimmed))
        reporter.advance(pending)
        return result

    def close(self) -> None:
        return None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _trim(cells: tuple[object, ...] | list[object]) -> tuple[object, ...]:
    """The cells without the empty ones at the end; () for an empty row."""
    end = len(cells)
    while end and is_blank(cells[end - 1]):
        end -= 1
    return tuple(cells[:end])


class MemorySource(Source):
    """Sheets given as lists of dicts (column -> value); row 1 is the header, data from row 2."""

    def __init__(self, sheets: dict[str, list[dict[str, object]]], label: str = "") -> None:
        self.sheets = sheets
        self.label = label or _("data dalam memori")

    @property
    def sheet_names(self) -> list[str]:
        return list(self.sheets)

    def estimated_rows(self, sheet: str) -> int:
        return len(self.sheets[sheet]) + 1

    def _iterate(self, sheet: str) -> Iterator[tuple[int, tuple[object, ...]]]:
        rows = self.sheets[sheet]
        header: dict[str, None] = {}
        for row in rows:
            header.update(dict.fromkeys(row))
        yield 1, tuple(header)
        for index, row in enumerate(rows, start=2):
            yield index, tuple(row.get(column) for column in header)


class CsvSource(Source):
    """One or more CSV files (UTF-8 with or without BOM, comma, header row), one per sheet."""

    def __init__(self, files: dict[str, bytes], label: str = "") -> None:
        self.files = files
        self.label = label

    @property
    def sheet_names(self) -> list[str]:
        return list(self.files)

    def estimated_rows(self, sheet: str) -> int:
        return self.files[sheet].count(b"\n") + 1

    def _iterate(self, sheet: str) -> Iterator[tuple[int, tuple[object, ...]]]:
        data = self.files[sheet]
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise _rejected(
                _(
                    "Berkas %(file)s bukan teks UTF-8 (byte tidak sah di baris %(line)d). "
                    "Simpan ulang sebagai 'CSV UTF-8 (dipisahkan koma)'."
                )
                % {"file": f"{sheet}.csv", "line": line},
                sheet=sheet,
            ) from None
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=",", strict=False)
        previous_limit = csv.field_size_limit(CSV_FIELD_LIMIT)
        try:
            number = 0
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    raise _rejected(
                        _("Berkas CSV tidak dapat dibaca di baris %(row)d: %(error)s")
                        % {"row": number + 1, "error": error},
                        sheet=sheet,
                    ) from None
                number += 1
                yield number, tuple(cell if cell.strip() else None for cell in cells)
        finally:
            csv.field_size_limit(previous_limit)

    def read(self, sheet: str, progress: Progress | None = None) -> RawSheet:
        result = super().read(sheet, progress)
        if len(result.header) == 1 and ";" in str(result.header[0]):
            raise _rejected(_("Pemisah kolom harus koma (,), bukan titik koma (;)."), sheet=sheet)
        return result


class XlsxSource(Source):
    """An .xlsx workbook read with openpyxl in read-only mode, keeping formulas as formulas."""

    def __init__(self, fileobj: IO[bytes], label: str = "") -> None:
        import openpyxl

        self.fileobj = fileobj
        self.label = label
        try:
            self.workbook = openpyxl.load_workbook(
                fileobj, read_only=True, data_only=False, keep_links=False
            )
        except Exception:
            raise _rejected(_corrupt_message()) from None

    @property
    def sheet_names(self) -> list[str]:
        return list(self.workbook.sheetnames)

    def estimated_rows(self, sheet: str) -> int:
        return int(getattr(self.workbook[sheet], "max_row", 0) or 0)

    def _iterate(self, sheet: str) -> Iterator[tuple[int, tuple[object, ...]]]:
        from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

        worksheet = self.workbook[sheet]
        if hasattr(worksheet, "reset_dimensions"):
            worksheet.reset_dimensions()  # the stored size may be wrong: read every row
        rows = worksheet.iter_rows(min_row=1, values_only=True)
        number = 0
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception:
                raise _rejected(_corrupt_message(), sheet=sheet) from None
            number += 1
            cells: tuple[object, ...] = tuple(values)
            if any(isinstance(cell, ArrayFormula | DataTableFormula) for cell in cells):
                cells = tuple(_formula_text(cell) for cell in cells)
            yield number, cells

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.workbook.close()
        with contextlib.suppress(Exception):
            self.fileobj.close()


def _formula_text(cell: object) -> object:
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    if isinstance(cell, ArrayFormula):
        text = str(cell.text or "")
        return text if text.startswith("=") else f"={text}"
    if isinstance(cell, DataTableFormula):
        return "=TABLE()"
    return cell


# --- Opening ------------------------------------------------------------------------------


def open_path(path: str | Path) -> Source:
    """An .xlsx workbook file or a folder of `<sheet>.csv` files."""
    location = Path(path)
    if location.is_dir():
        return _open_folder(location)
    if not location.is_file():
        raise _rejected(_("Berkas atau folder %(path)s tidak ada.") % {"path": location})
    handle = location.open("rb")
    try:
        return open_upload(location.name, handle)
    except BaseException:
        handle.close()
        raise


def open_upload(name: str, fileobj: IO[bytes]) -> Source:
    """An uploaded file: an .xlsx workbook (recognised by content) or one `<sheet>.csv` file.

    The source keeps `fileobj` open and closes it when closed.
    """
    if _classify(name, fileobj) == "xlsx":
        return XlsxSource(fileobj, label=name)
    data = fileobj.read()
    fileobj.close()
    return CsvSource({Path(name).stem: data}, label=name)


def check_upload(name: str, fileobj: IO[bytes]) -> None:
    """The checks of `open_upload` that need no parsing (size, kind, archive), for a quick answer
    when a file is uploaded. Leaves `fileobj` open at its start."""
    _classify(name, fileobj)
    fileobj.seek(0)


def _classify(name: str, fileobj: IO[bytes]) -> str:
    """'xlsx' or 'csv' from the content (and, for text, the name); raises ImportRejected."""
    size = _size_of(fileobj)
    _check_size(size)
    if size == 0:
        raise _rejected(_("Berkas kosong."))
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(OLE_MAGIC):
        raise _rejected(
            _(
                "Berkas ini format Excel lama (.xls) atau workbook terenkripsi. Simpan sebagai "
                "'Excel Workbook (.xlsx)' tanpa kata sandi, lalu unggah lagi."
            )
        )
    if head.startswith(PDF_MAGIC):
        raise _rejected(_("Berkas ini PDF, bukan workbook .xlsx atau CSV."))
    if head.startswith(ZIP_MAGIC):
        check_workbook_archive(fileobj)
        fileobj.seek(0)
        return "xlsx"
    lowered = name.lower()
    if lowered.endswith(".csv"):
        return "csv"
    if lowered.endswith((".xlsx", ".xlsm", ".xls")):
        raise _rejected(
            _("Berkas bernama %(name)s tetapi isinya bukan workbook Excel (.xlsx).")
            % {"name": Path(name).name}
        )
    raise _rejected(_("Jenis berkas tidak dikenal: unggah workbook .xlsx atau berkas <sheet>.csv."))


def check_workbook_archive(fileobj: IO[bytes]) -> None:
    """Refuse a zip that is not a clean .xlsx workbook: not a workbook, macros, encryption,
    too many members, too large once uncompressed, or compressed beyond a normal ratio."""
    fileobj.seek(0)
    try:
        archive = zipfile.ZipFile(fileobj)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _rejected(_corrupt_message()) from None
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _rejected(
            _("Berkas ini arsip zip, tetapi bukan workbook Excel (.xlsx): isinya tidak dikenal.")
        )
    if len(members) > MAX_ZIP_MEMBERS:
        raise _rejected(_bomb_message())
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise _rejected(_("Workbook terenkripsi; simpan tanpa kata sandi, lalu unggah lagi."))
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= RATIO_CHECKED_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise _rejected(_bomb_message())
    if total > max_uncompressed_bytes():
        raise _rejected(_bomb_message())
    content_types = next(m for m in members if m.filename == "[Content_Types].xml")
    if content_types.file_size > MAX_CONTENT_TYPES_BYTES:
        raise _rejected(_corrupt_message())
    try:
        declared = archive.read(content_types).lower()
    except Exception:
        raise _rejected(_corrupt_message()) from None
    lowered_names = {name.lower() for name in names}
    if any(marker in declared for marker in MACRO_MARKERS) or "xl/vbaproject.bin" in lowered_names:
        raise _rejected(
            _(
                "Workbook berisi makro (.xlsm) dan ditolak demi keamanan. Simpan sebagai "
                "'Excel Workbook (.xlsx)' tanpa makro."
            )
        )


def max_upload_bytes() -> int:
    return int(settings.IMPORT_MAX_UPLOAD_MB) * 1024 * 1024


def max_uncompressed_bytes() -> int:
    return int(settings.IMPORT_MAX_UNCOMPRESSED_MB) * 1024 * 1024


def _open_folder(folder: Path) -> CsvSource:
    files = sorted(
        path for path in folder.iterdir() if path.is_file() and path.suffix.lower() == ".csv"
    )
    if not files:
        raise _rejected(_("Folder %(path)s tidak berisi berkas <sheet>.csv.") % {"path": folder})
    _check_size(sum(path.stat().st_size for path in files))
    contents: dict[str, bytes] = {}
    for path in files:
        data = path.read_bytes()
        if data.startswith((ZIP_MAGIC, OLE_MAGIC, PDF_MAGIC)):
            raise _rejected(
                _("Berkas %(name)s bukan CSV (isinya berkas biner).") % {"name": path.name},
                sheet=path.stem,
            )
        contents[path.stem] = data
    return CsvSource(contents, label=str(folder))


def _size_of(fileobj: IO[bytes]) -> int:
    size = getattr(fileobj, "size", None)
    if isinstance(size, int):
        return size
    fileobj.seek(0, io.SEEK_END)
    end = fileobj.tell()
    fileobj.seek(0)
    return end


def _check_size(size: int) -> None:
    if size > max_upload_bytes():
        raise _rejected(
            _("Berkas terlalu besar: %(size)s MB, batasnya %(limit)d MB.")
            % {
                "size": f"{size / 1024 / 1024:.1f}".replace(".", ","),
                "limit": settings.IMPORT_MAX_UPLOAD_MB,
            }
        )


def _corrupt_message() -> str:
    return _(
        "Berkas .xlsx rusak dan tidak dapat dibaca. Simpan ulang dari Excel, lalu unggah lagi."
    )


def _bomb_message() -> str:
    return _("Isi workbook terlalu besar setelah dibuka (kemungkinan 'zip bomb'); berkas ditolak.")


def _rejected(reason: str, sheet: str = "") -> ImportRejected:
    return ImportRejected([RowError(sheet, NOT_A_ROW, "", reason)])
