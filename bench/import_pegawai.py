"""Benchmark of `kinerja import`: 100,000 employees in ~2,000 units on a fresh SQLite database.

Generates the same data every run into bench/out/ (gitignored) as two workbooks: laid out as
Excel saves one, and as openpyxl writes one (the slowest to read). Migrates a fresh database in a
temporary KINERJA_DATA_DIR, times the import and the re-import (which must change nothing) of the
first, the import of the second, and writes the "Import" section of docs/performance.md.

    .venv/bin/python bench/import_pegawai.py [--pegawai 100000] [--unit 2000] [--no-docs]
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from common import DOC, OUT, ROOT, children_cpu, machine, update_doc

TARGET_SECONDS = 60.0
BERLAKU_MULAI = "2025-01-01"
SECTION_TITLE = "## Import"

UNIT_COLUMNS = ["kode", "nama", "induk_kode"]
PEGAWAI_COLUMNS = [
    "nip",
    "nama",
    "unit_kode",
    "jabatan",
    "jenis_jabatan",
    "jenjang",
    "kelas_jabatan",
    "status",
    "golongan",
    "atasan_nip",
    "aktif",
    "keterangan",
]
FIRST_NAMES = [
    "Siti",
    "Budi",
    "Agus",
    "Dewi",
    "Rina",
    "Andi",
    "Putri",
    "Eko",
    "Sri",
    "Hadi",
    "Wati",
    "Joko",
    "Nur",
    "Yusuf",
    "Ayu",
    "Bambang",
    "Lestari",
    "Rudi",
    "Fitri",
    "Dian",
]
LAST_NAMES = [
    "Santoso",
    "Aminah",
    "Wibowo",
    "Lestari",
    "Saputra",
    "Hidayat",
    "Kusuma",
    "Pratama",
    "Rahayu",
    "Nugroho",
    "Setiawan",
    "Wahyuni",
    "Susanto",
    "Permata",
]
FUNGSIONAL = [
    ("Analis Sumber Daya Manusia Aparatur", "AHLI_PERTAMA", 9),
    ("Analis Sumber Daya Manusia Aparatur", "AHLI_MUDA", 10),
    ("Pranata Komputer", "TERAMPIL", 7),
    ("Pranata Komputer", "AHLI_PERTAMA", 9),
    ("Arsiparis", "MAHIR", 8),
    ("Perencana", "AHLI_MADYA", 12),
]
PELAKSANA = [
    ("Pengadministrasi Perkantoran", 5),
    ("Penata Layanan Operasional", 7),
    ("Pengolah Data dan Informasi", 6),
    ("Operator Layanan Operasional", 5),
]
GOLONGAN = ["II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a"]
KETERANGAN = [
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "CUTI_BESAR",
    "TUGAS_BELAJAR",
    "PENSIUN",
    "",
    "",
    "",
]


def make_nip(index: int) -> str:
    """A valid, unique NIP per index: birth date, appointment month, gender, sequence."""
    born = datetime.date(1960, 1, 1) + datetime.timedelta(days=index % 14000)
    sequence = index // 14000
    gender = 1 + index % 2
    return f"{born:%Y%m%d}{born.year + 25}{born.month:02d}{gender}{sequence:03d}"


def unit_rows(count: int) -> list[list[str | None]]:
    """A tree: one root, ~1% biro below it, ~10% bagian below the biro, the rest subbagian."""
    rows: list[list[str | None]] = [["U0000", "Sekretariat Jenderal", None]]
    biro = max(1, count // 100)
    bagian = max(1, count // 10)
    for index in range(1, count):
        if index <= biro:
            parent, kind = 0, "Biro"
        elif index <= biro + bagian:
            parent, kind = 1 + (index - biro - 1) % biro, "Bagian"
        else:
            parent, kind = biro + 1 + (index - biro - bagian - 1) % bagian, "Subbagian"
        rows.append([f"U{index:04d}", f"{kind} {index:04d}", f"U{parent:04d}"])
    return rows


def pegawai_rows(count: int, units: list[list[str | None]]) -> list[list[object]]:
    """Employees spread over the units. In each unit the first is its head, appraised by the
    head of the parent unit; a third of the rest are appraised by a supervisor of the unit, who
    is appraised by the head: chains run from the root to every employee."""
    unit_count = len(units)
    parent_index = {row[0]: index for index, row in enumerate(units)}
    head_of: dict[int, str] = {}
    rows: list[list[object]] = []
    members: dict[int, list[int]] = {}
    for index in range(count):
        members.setdefault(index % unit_count, []).append(index)
    for unit_index in range(unit_count):
        unit = units[unit_index]
        staff = members.get(unit_index, [])
        if not staff:
            continue
        parent_kode = unit[2]
        head_atasan = head_of.get(parent_index[parent_kode]) if parent_kode else None
        supervisor = ""
        for position, index in enumerate(staff):
            nip = make_nip(index)
            name = f"{FIRST_NAMES[index % 20]} {LAST_NAMES[(index // 20) % 14]} {index}"
            golongan = GOLONGAN[index % len(GOLONGAN)]
            jenjang: str | None = None
            if position == 0:
                head_of[unit_index] = nip
                jenis, jabatan, kelas = _head_position(str(unit[1]))
                atasan = head_atasan
            elif position == 1:
                supervisor = nip
                jenis, jabatan, kelas = "PENGAWAS", f"Kepala Seksi {unit[0]}", 9
                atasan = head_of[unit_index]
            elif index % 3 == 0:
                nama_jf, jenjang, kelas = FUNGSIONAL[index % len(FUNGSIONAL)]
                jenis, jabatan = "FUNGSIONAL", nama_jf
                atasan = head_of[unit_index]
            else:
                jabatan, kelas = PELAKSANA[index % len(PELAKSANA)]
                jenis = "PELAKSANA"
                atasan = supervisor
            status = "PPPK" if index % 17 == 0 else "PNS"
            if status == "PPPK":
                golongan = ["V", "VII", "IX"][index % 3]
            rows.append(
                [
                    nip,
                    name,
                    unit[0],
                    jabatan,
                    jenis,
                    jenjang,
                    kelas,
                    status,
                    golongan,
                    atasan,
                    "TIDAK" if index % 97 == 0 else "YA",
                    KETERANGAN[index % len(KETERANGAN)] or None,
                ]
            )
    return rows


def _head_position(unit_name: str) -> tuple[str, str, int]:
    if unit_name.startswith("Sekretariat"):
        return "JPT", "Sekretaris Jenderal", 17
    if unit_name.startswith("Biro"):
        return "JPT", f"Kepala {unit_name}", 14
    if unit_name.startswith("Bagian"):
        return "ADMINISTRATOR", f"Kepala {unit_name}", 12
    return "PENGAWAS", f"Kepala {unit_name}", 9


def write_workbook(path: Path, sheets: dict[str, list[list[object]]], writer: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if writer == "openpyxl":
        _write_with_openpyxl(path, sheets)
    else:
        _write_like_excel(path, sheets)


def _write_with_openpyxl(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    """openpyxl's own output: every text as an inline string and no stored sheet size, which
    makes openpyxl's reader parse each sheet twice; the slowest input there is."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)


def _write_like_excel(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    """A workbook laid out as Excel and LibreOffice save it: texts in the shared string table,
    the sheet size (`dimension`) before the data."""
    from xml.sax.saxutils import escape

    strings: dict[str, int] = {}
    parts: dict[str, str] = {}
    for number, rows in enumerate(sheets.values(), start=1):
        width = max(len(row) for row in rows)
        lines = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
            f'<worksheet xmlns="{MAIN_NS}"><dimension ref="A1:{_letter(width - 1)}{len(rows)}"/>'
            "<sheetData>",
        ]
        for row_number, row in enumerate(rows, start=1):
            cells = []
            for column, value in enumerate(row):
                reference = f"{_letter(column)}{row_number}"
                if value is None or value == "":
                    continue
                if isinstance(value, int | float):
                    cells.append(f'<c r="{reference}"><v>{value}</v></c>')
                else:
                    index = strings.setdefault(str(value), len(strings))
                    cells.append(f'<c r="{reference}" t="s"><v>{index}</v></c>')
            lines.append(f'<row r="{row_number}">{"".join(cells)}</row>')
        lines.append("</sheetData></worksheet>")
        parts[f"xl/worksheets/sheet{number}.xml"] = "".join(lines)
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN_NS}" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>'
    )
    names = list(sheets)
    parts["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MAIN_NS}" '
        f'xmlns:r="{REL_NS}"><sheets>'
        + "".join(
            f'<sheet name="{escape(name)}" sheetId="{index}" r:id="rId{index}"/>'
            for index, name in enumerate(names, start=1)
        )
        + "</sheets></workbook>"
    )
    relations = [
        (f"rId{index}", "worksheet", f"worksheets/sheet{index}.xml")
        for index in range(1, len(names) + 1)
    ]
    relations += [("rIdS", "sharedStrings", "sharedStrings.xml"), ("rIdT", "styles", "styles.xml")]
    parts["xl/_rels/workbook.xml.rels"] = _relationships(relations)
    parts["_rels/.rels"] = _relationships([("rId1", "officeDocument", "xl/workbook.xml")])
    parts["xl/styles.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{MAIN_NS}">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        '</cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
        'xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
        'builtinId="0"/></cellStyles></styleSheet>'
    )
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = [("/xl/workbook.xml", f"{content_type}.sheet.main+xml")]
    overrides += [
        (f"/xl/worksheets/sheet{index}.xml", f"{content_type}.worksheet+xml")
        for index in range(1, len(names) + 1)
    ]
    overrides += [
        ("/xl/sharedStrings.xml", f"{content_type}.sharedStrings+xml"),
        ("/xl/styles.xml", f"{content_type}.styles+xml"),
    ]
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.'
        'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
        '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
        + "</Types>"
    )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _relationships(items: list[tuple[str, str, str]]) -> str:
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="{rid}" Type="{base}/{kind}" Target="{target}"/>'
            for rid, kind, target in items
        )
        + "</Relationships>"
    )


def _letter(index: int) -> str:
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass
class Timing:
    wall: float
    cpu: float
    output: str


def run_import(kinerja: Path, workbook: Path, environment: dict[str, str]) -> Timing:
    """Run `kinerja import` in its own process: wall time, and CPU time of the process."""
    cpu_before = children_cpu()
    started = time.perf_counter()
    completed = subprocess.run(
        [str(kinerja), "import", str(workbook), "--berlaku-mulai", BERLAKU_MULAI],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr[-5000:])
        raise SystemExit(f"kinerja import failed with exit code {completed.returncode}")
    return Timing(elapsed, children_cpu() - cpu_before, completed.stdout)


def fresh_environment(data_dir: str) -> dict[str, str]:
    """Production settings (DEBUG off: with DEBUG on, Django logs and times every query) and an
    empty SQLite database in `data_dir`."""
    environment = {
        **os.environ,
        "KINERJA_DATA_DIR": data_dir,
        "KINERJA_DEBUG": "0",
        "KINERJA_SECRET_KEY": secrets.token_urlsafe(60),
        "KINERJA_LOG_LEVEL": "WARNING",
    }
    environment.pop("DATABASE_URL", None)
    kinerja = Path(sys.executable).with_name("kinerja")
    subprocess.run([str(kinerja), "migrate", "-v0"], env=environment, check=True)
    return environment


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--pegawai", type=int, default=100_000)
    parser.add_argument("--unit", type=int, default=2_000)
    parser.add_argument("--no-docs", action="store_true", help="do not update docs/performance.md")
    options = parser.parse_args()

    started = time.perf_counter()
    units = unit_rows(options.unit)
    pegawai = pegawai_rows(options.pegawai, units)
    sheets = {"unit": [UNIT_COLUMNS, *units], "pegawai": [PEGAWAI_COLUMNS, *pegawai]}
    workbooks = {
        writer: OUT / f"impor-{options.pegawai}-pegawai-{writer}.xlsx"
        for writer in ("excel", "openpyxl")
    }
    for writer, path in workbooks.items():
        write_workbook(path, sheets, writer)
    print(f"workbooks generated in {time.perf_counter() - started:.1f} s")

    kinerja = Path(sys.executable).with_name("kinerja")
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as data_dir:
        environment = fresh_environment(data_dir)
        first = run_import(kinerja, workbooks["excel"], environment)
        print(f"import: {first.wall:.1f} s (CPU {first.cpu:.1f} s)\n{first.output}")
        second = run_import(kinerja, workbooks["excel"], environment)
        print(f"re-import: {second.wall:.1f} s (CPU {second.cpu:.1f} s)\n{second.output}")
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as data_dir:
        environment = fresh_environment(data_dir)
        worst = run_import(kinerja, workbooks["openpyxl"], environment)
        print(
            f"import of the openpyxl-written workbook: {worst.wall:.1f} s (CPU {worst.cpu:.1f} s)"
        )
    if "unit: 0 dibuat, 0 diubah" not in second.output or (
        "pegawai: 0 dibuat, 0 diubah" not in second.output
    ):
        raise SystemExit("the re-import changed something: it must change nothing")
    met = max(first.wall, second.wall, worst.wall) <= TARGET_SECONDS
    verdict = "met" if met else "NOT met"
    size = {writer: path.stat().st_size / 1024 / 1024 for writer, path in workbooks.items()}
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    sizes = f"{size['excel']:.1f} MB (Excel layout), {size['openpyxl']:.1f} MB (openpyxl)"
    section = f"""{SECTION_TITLE}

`make bench` (`bench/import_pegawai.py`) generates a deterministic workbook of
{len(pegawai)} employees in {len(units)} units (appraiser chains from the root unit's head down to
every employee, functional and administrative positions, PNS and PPPK, some exclusions), migrates
a fresh SQLite database in a temporary `KINERJA_DATA_DIR` and times `kinerja import` end to end
with production settings (`KINERJA_DEBUG=0`): process start, reading, validation, writing and the
audit log. Then it times the re-import of the same workbook, which must change nothing. CPU is the
CPU time of the import process; when the machine is busy with other work, wall time exceeds it.

The workbook is written as Excel and LibreOffice save one (texts in the shared string table, the
sheet size stored). The same data written by openpyxl (every text inline, no stored size: openpyxl's
reader then parses each sheet twice) is the slowest input there is and is timed too.

| measure | value |
|---|---|
| date | {datetime.date.today().isoformat()} |
| machine | {machine()}; load average {load:.1f} at the start |
| workbook | {len(units)} units, {len(pegawai)} employees; {sizes} |
| import, every row created | {first.wall:.1f} s (CPU {first.cpu:.1f} s) |
| re-import, nothing changes | {second.wall:.1f} s (CPU {second.cpu:.1f} s) |
| import of the openpyxl-written workbook | {worst.wall:.1f} s (CPU {worst.cpu:.1f} s) |
| peak memory of an import process | {peak_mb:.0f} MB |
| target | at most {TARGET_SECONDS:.0f} s on SQLite on a 2-core machine: **{verdict}** |

How it stays fast: one query per table loads the current state into dictionaries keyed by natural
key (no query per row); validation is plain Python; units, positions and updates use
`bulk_create`/`bulk_update` in batches; new employees, their history rows and exclusions are
inserted with one `executemany` per 5,000 rows (`pertukaran/bulk.py`: `bulk_create` spent most of
its time compiling each value into SQL), level by level down the appraiser chains so that each
appraiser's id is known; all audit entries go through one `audit_record_many`; unchanged rows
write nothing.
"""
    if not options.no_docs:
        update_doc(SECTION_TITLE, section)
        print(f"updated {DOC.relative_to(ROOT)}")
    if not met:
        raise SystemExit(f"target of {TARGET_SECONDS:.0f} s not met")


if __name__ == "__main__":
    main()
