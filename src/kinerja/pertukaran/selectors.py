"""Reads for the importer: the current state by natural key (one query per table, no per-row
queries), recent imports, and the template workbook."""

from __future__ import annotations

import datetime
import io
from collections import defaultdict
from typing import Any, NamedTuple

from django.db.models import QuerySet

from kinerja.jobs.models import Pekerjaan
from kinerja.organisasi import rules as organisasi_rules
from kinerja.organisasi.access import Lingkup
from kinerja.organisasi.models import (
    Jabatan,
    Pegawai,
    Pengecualian,
    RiwayatJabatan,
    RiwayatPenilai,
    Unit,
)
from kinerja.pertukaran import rules

IMPORT_JOB_KIND = "pertukaran.import"


class UnitRecord(NamedTuple):
    id: int
    kode: str
    nama: str
    induk_id: int | None
    jalur: str
    kedalaman: int


class JabatanRecord(NamedTuple):
    id: int
    nama: str
    jenis_jabatan: str
    jenjang: str
    kelas_jabatan: int | None


class PegawaiRecord(NamedTuple):
    id: int
    nip: str
    nama: str
    status_kepegawaian: str
    golongan: str
    unit_id: int
    jabatan_id: int
    penilai_id: int | None
    aktif: bool


class OpenHistory(NamedTuple):
    """An open effective-dated row (riwayat or pengecualian): its id, start and kind or value."""

    id: int
    mulai: datetime.date
    value: str


def units_by_kode() -> dict[str, UnitRecord]:
    rows = Unit.objects.order_by("pk").values_list(
        "pk", "kode", "nama", "induk_id", "jalur", "kedalaman"
    )
    return {row[1]: UnitRecord(*row) for row in rows}


def jabatan_by_key() -> dict[tuple[str, str, str, int | None], JabatanRecord]:
    """Positions by natural key; the oldest one wins when the database holds duplicates."""
    found: dict[tuple[str, str, str, int | None], JabatanRecord] = {}
    rows = Jabatan.objects.order_by("-pk").values_list(
        "pk", "nama", "jenis_jabatan", "jenjang", "kelas_jabatan"
    )
    for row in rows:
        record = JabatanRecord(*row)
        found[
            organisasi_rules.jabatan_key(
                record.nama, record.jenis_jabatan, record.jenjang, record.kelas_jabatan
            )
        ] = record
    return found


def jabatan_by_id() -> dict[int, JabatanRecord]:
    rows = Jabatan.objects.values_list("pk", "nama", "jenis_jabatan", "jenjang", "kelas_jabatan")
    return {row[0]: JabatanRecord(*row) for row in rows}


def pegawai_by_nip() -> dict[str, PegawaiRecord]:
    rows = Pegawai.objects.values_list(
        "pk",
        "nip",
        "nama",
        "status_kepegawaian",
        "golongan",
        "unit_id",
        "jabatan_id",
        "penilai_id",
        "aktif",
    )
    return {row[1]: PegawaiRecord(*row) for row in rows}


def open_penilai_history() -> dict[int, OpenHistory]:
    """The open appraiser history row of each employee (by employee id)."""
    rows = RiwayatPenilai.objects.filter(sampai__isnull=True).values_list(
        "pegawai_id", "pk", "mulai", "penilai_id"
    )
    return {
        pegawai_id: OpenHistory(pk, mulai, str(penilai_id))
        for pegawai_id, pk, mulai, penilai_id in rows
    }


def open_jabatan_history() -> dict[int, OpenHistory]:
    """The open position history row of each employee (by employee id)."""
    rows = RiwayatJabatan.objects.filter(sampai__isnull=True).values_list(
        "pegawai_id", "pk", "mulai", "unit_id", "jabatan_id"
    )
    return {
        pegawai_id: OpenHistory(pk, mulai, f"{unit_id}:{jabatan_id}")
        for pegawai_id, pk, mulai, unit_id, jabatan_id in rows
    }


def open_exclusions() -> dict[int, list[OpenHistory]]:
    """The open exclusions (pengecualian without an end) of each employee, oldest first."""
    found: dict[int, list[OpenHistory]] = defaultdict(list)
    rows = (
        Pengecualian.objects.filter(sampai__isnull=True)
        .order_by("mulai", "pk")
        .values_list("pegawai_id", "pk", "mulai", "jenis")
    )
    for pegawai_id, pk, mulai, jenis in rows:
        found[pegawai_id].append(OpenHistory(pk, mulai, jenis))
    return dict(found)


def imports_recent(scope: Lingkup, limit: int = 10) -> QuerySet[Pekerjaan]:
    """The latest imports this scope may follow: a superuser sees all, others their own."""
    jobs = (
        Pekerjaan.objects.filter(jenis=IMPORT_JOB_KIND)
        .select_related("dibuat_oleh")
        .order_by("-dibuat_pada", "-pk")
    )
    if not scope.is_superuser:
        jobs = jobs.filter(dibuat_oleh_id=scope.pengguna_id)
    return jobs[:limit]


def template_workbook() -> bytes:
    """An .xlsx with one sheet per supported sheet: the header and one example row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from kinerja.pertukaran.sheets import REGISTRY

    workbook = Workbook()
    workbook.remove(workbook.active)
    for handler in REGISTRY.handlers:
        worksheet = workbook.create_sheet(handler.name)
        worksheet.append([column.name for column in handler.columns])
        worksheet.append([column.example for column in handler.columns])
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        for index, column in enumerate(handler.columns, start=1):
            letter = rules.column_letter(index - 1)
            worksheet.column_dimensions[letter].width = max(14, len(str(column.example)) + 4)
            if column.text:
                worksheet.column_dimensions[letter].number_format = "@"
                worksheet.cell(row=2, column=index).number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_formats() -> tuple[Any, ...]:
    """The sheet handlers in import order, with their columns (for the page that explains the
    format)."""
    from kinerja.pertukaran.sheets import REGISTRY

    return REGISTRY.handlers
