"""The dashboard's tables as XLSX workbooks: one table per workbook (its first sheet) and a
sheet "Keterangan" naming the unit, period, jenis jabatan and the time of the figures."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from kinerja.aturan.enums import PREDIKAT_ORDER
from kinerja.core.formatting import format_date
from kinerja.organisasi.enums import JenisJabatan
from kinerja.pemantauan.lembar import sheet_fill, workbook_bytes
from kinerja.pemantauan.selectors.ringkasan import BarisUnit, Dasbor, period_label

TABLES = {
    "kemajuan": gettext_lazy("Kemajuan siklus per sub-unit"),
    "distribusi": gettext_lazy("Distribusi per sub-unit"),
    "matriks": gettext_lazy("Matriks predikat antarperiode"),
    "terlambat": gettext_lazy("Pegawai yang terlambat"),
}
PERCENT = "0.0%"


def _share(value: Decimal) -> float:
    return float(value / 100)


def _yes(flag: bool) -> str:
    return _("Ya") if flag else ""


def _rows_of_units(dasbor: Dasbor) -> list[BarisUnit]:
    """Sub-units, the unit's direct members, then the unit as a whole."""
    rows = list(dasbor.sub_unit)
    rows += [r for r in (dasbor.langsung, dasbor.unit_baris) if r is not None]
    return rows


def _unit_cells(row: BarisUnit, dasbor: Dasbor) -> list[Any]:
    if row.langsung:
        return [row.unit.kode, _("Pegawai langsung")]
    if row.unit.pk == dasbor.unit.pk:
        return [row.unit.kode, _("Jumlah %(unit)s") % {"unit": row.unit.nama}]
    return [row.unit.kode, row.unit.nama]


def _kemajuan(dasbor: Dasbor) -> tuple[list[str], list[list[Any]], set[int]]:
    first = dasbor.unit_baris
    stages = [t.label for t in first.tahap] if first else []
    header = [_("Kode unit"), _("Unit"), _("Pegawai")]
    for label in stages:
        header += [
            label,
            _("%(tahap)s: dari") % {"tahap": label},
            _("%(tahap)s: persen") % {"tahap": label},
            _("%(tahap)s: terlambat") % {"tahap": label},
        ]
    rows = []
    for row in _rows_of_units(dasbor):
        cells = [*_unit_cells(row, dasbor), row.pegawai]
        for tahap in row.tahap:
            cells += [tahap.selesai, tahap.total, _share(tahap.persen), tahap.terlambat]
        rows.append(cells)
    return header, rows, {6 + 4 * i for i in range(len(stages))}


def _distribusi(dasbor: Dasbor) -> tuple[list[str], list[list[Any]], set[int]]:
    header = [_("Kode unit"), _("Unit"), _("Dinilai (ditetapkan)")]
    for predikat in PREDIKAT_ORDER:
        header += [str(predikat.label), _("%(predikat)s: persen") % {"predikat": predikat.label}]
    header += [_("Capaian kinerja organisasi"), _("Kesesuaian kurva")]
    rows = []
    units = _rows_of_units(dasbor)
    if dasbor.instansi is not None and dasbor.instansi.unit.pk != dasbor.unit.pk:
        units.append(dasbor.instansi)
    for row in units:
        cells = [*_unit_cells(row, dasbor), row.dinilai]
        if row is dasbor.instansi and row.unit.pk != dasbor.unit.pk:
            cells[1] = _("Instansi: %(unit)s") % {"unit": row.unit.nama}
        for cell in row.distribusi:
            cells += [cell.jumlah, _share(cell.persen)]
        kurva = row.kurva
        cells += [kurva.organisasi_label if kurva else "", kurva.label if kurva else ""]
        rows.append(cells)
    return header, rows, {5 + 2 * i for i in range(len(PREDIKAT_ORDER))}


def _matriks(dasbor: Dasbor) -> tuple[list[str], list[list[Any]], set[int]]:
    header = [_("Periode"), _("Dinilai (ditetapkan)")]
    for predikat in PREDIKAT_ORDER:
        header += [str(predikat.label), _("%(predikat)s: persen") % {"predikat": predikat.label}]
    rows: list[list[Any]] = []
    for row in dasbor.matriks:
        cells: list[Any] = [row.label, row.dinilai]
        for cell in row.distribusi:
            cells += [cell.jumlah, _share(cell.persen)]
        rows.append(cells)
    proyeksi = dasbor.proyeksi
    if proyeksi is not None:
        cells = [
            _("Proyeksi periode setelah %(periode)s") % {"periode": proyeksi.dasar_label},
            proyeksi.anggota,
        ]
        for harapan in proyeksi.harapan:
            cells += [float(harapan.jumlah), f"{harapan.rendah}\N{EN DASH}{harapan.tinggi}"]
        rows.append(cells)
    return header, rows, {4 + 2 * i for i in range(len(PREDIKAT_ORDER))}


def _terlambat(dasbor: Dasbor) -> tuple[list[str], list[list[Any]], set[int]]:
    header = [
        _("NIP"),
        _("Nama"),
        _("Jabatan"),
        _("Pejabat penilai"),
        _("Laporan realisasi belum diajukan"),
        _("Bukti dukung menunggu verifikasi"),
        _("Penilaian belum ditetapkan"),
    ]
    rows = [
        [
            item.pegawai.nip,
            item.pegawai.nama,
            item.pegawai.jabatan.nama,
            item.pegawai.penilai.nama if item.pegawai.penilai else "",
            _yes(item.laporan),
            item.bukti or "",
            _yes(item.penilaian),
        ]
        for item in dasbor.terlambat.items
    ]
    return header, rows, set()


BUILDERS: dict[str, Callable[[Dasbor], tuple[list[str], list[list[Any]], set[int]]]] = {
    "kemajuan": _kemajuan,
    "distribusi": _distribusi,
    "matriks": _matriks,
    "terlambat": _terlambat,
}


def workbook(tabel: str, dasbor: Dasbor) -> bytes:
    """The table `tabel` (a key of TABLES) of the dashboard, shares as Excel percentages."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(TABLES[tabel])[:31]
    header, rows, percent_columns = BUILDERS[tabel](dasbor) if dasbor.periode else ([], [], set())
    sheet_fill(sheet, header, rows)
    for column in percent_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = PERCENT
    about = book.create_sheet(_("Keterangan"))
    jenis = JenisJabatan.parse(dasbor.jenis_jabatan) if dasbor.jenis_jabatan else None
    pembaruan = dasbor.pembaruan
    sheet_fill(
        about,
        [_("Keterangan"), _("Isi")],
        [
            [_("Tabel"), str(TABLES[tabel])],
            [_("Unit"), f"{dasbor.unit.nama} ({dasbor.unit.kode})"],
            [_("Periode"), period_label(dasbor.periode) if dasbor.periode else ""],
            [_("Jenis jabatan"), str(jenis.label) if jenis else _("Semua jenis jabatan")],
            [
                _("Data pemantauan per"),
                _waktu(pembaruan.selesai_pada) if pembaruan and pembaruan.selesai_pada else "",
            ],
            [_("Diunduh"), format_date(timezone.localdate())],
        ],
    )
    return workbook_bytes(book)


def _waktu(moment: Any) -> str:
    local = timezone.localtime(moment)
    return f"{format_date(local.date())} {local:%H.%M}"


def filename(tabel: str, dasbor: Dasbor) -> str:
    periode = dasbor.periode
    suffix = f"-{periode.tahun.tahun}-{periode.kode}" if periode else ""
    jenis = f"-{dasbor.jenis_jabatan.lower()}" if dasbor.jenis_jabatan else ""
    return f"dasbor-{tabel}-{dasbor.unit.kode}{suffix}{jenis}.xlsx"
