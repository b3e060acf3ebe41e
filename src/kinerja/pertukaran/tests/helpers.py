"""Builders of workbooks and CSV folders, and a snapshot of everything an import may write."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.jobs.progress import NullProgress
from kinerja.organisasi.access import Lingkup
from kinerja.organisasi.models import (
    Jabatan,
    Pegawai,
    Pengecualian,
    RiwayatJabatan,
    RiwayatPenilai,
    Unit,
)
from kinerja.pertukaran.readers import MemorySource, Source
from kinerja.pertukaran.services import ImportRejected, ImportResult, import_run

BERLAKU = datetime.date(2025, 1, 1)
PEGAWAI_HEADER = [
    "nip", "nama", "unit_kode", "jabatan", "jenis_jabatan", "jenjang", "kelas_jabatan",
    "status", "golongan", "atasan_nip", "aktif", "keterangan",
]  # fmt: skip
# Valid NIPs: birth date, appointment month, gender, sequence.
NIP_KEPALA = "198001012005011001"
NIP_STAF = "199002022015022002"
NIP_ANALIS = "198505052010051003"


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """A workbook with one sheet per entry (rows as lists, the header first)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(list(row))
    workbook.save(path)
    return path


def write_csv_folder(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / f"{name}.csv").write_bytes(data)
    return folder


def pegawai_row(**values: object) -> dict[str, object]:
    """A valid pegawai row (a staff member of BU-SDM appraised by NIP_KEPALA) with changes."""
    row: dict[str, object] = {
        "nip": NIP_STAF,
        "nama": "Rina Lestari",
        "unit_kode": "BU-SDM",
        "jabatan": "Pengadministrasi Perkantoran",
        "jenis_jabatan": "PELAKSANA",
        "jenjang": None,
        "kelas_jabatan": 5,
        "status": "PNS",
        "golongan": "II/c",
        "atasan_nip": None,
        "aktif": "YA",
        "keterangan": None,
    }
    row.update(values)
    return row


def run(
    sheets: dict[str, list[dict[str, object]]] | Source,
    *,
    scope: Lingkup | None = None,
    berlaku_mulai: datetime.date | None = BERLAKU,
    dry_run: bool = False,
    aktor: Aktor | None = None,
) -> ImportResult:
    source = sheets if isinstance(sheets, Source) else MemorySource(sheets)
    return import_run(
        aktor=aktor or Aktor.system("tes"),
        source=source,
        progress=NullProgress(),
        berlaku_mulai=berlaku_mulai,
        dry_run=dry_run,
        scope=scope,
    )


def snapshot() -> dict[str, Any]:
    """Every row an import may write, to compare before and after."""
    return {
        "unit": list(Unit.objects.order_by("pk").values_list()),
        "jabatan": list(Jabatan.objects.order_by("pk").values_list()),
        "pegawai": list(Pegawai.objects.order_by("pk").values_list()),
        "riwayat_penilai": list(RiwayatPenilai.objects.order_by("pk").values_list()),
        "riwayat_jabatan": list(RiwayatJabatan.objects.order_by("pk").values_list()),
        "pengecualian": list(Pengecualian.objects.order_by("pk").values_list()),
        "audit": Entri.objects.count(),
    }


def rejected(
    sheets: dict[str, list[dict[str, object]]] | Source, **options: Any
) -> list[tuple[str, int, str, str]]:
    """Run an import that must be refused; assert nothing changed; return the report."""
    before = snapshot()
    try:
        run(sheets, **options)
    except ImportRejected as error:
        assert snapshot() == before
        return [(e.sheet, e.row, e.column, e.reason) for e in error.report]
    raise AssertionError("the import was not refused")
