"""The trend, projection and early-warning lists as XLSX workbooks (every row, not a page)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.aturan.enums import PREDIKAT_ORDER
from kinerja.pemantauan.selectors.tren import (
    TAHUNAN,
    BarisPeringatan,
    BarisProyeksi,
    BarisTren,
    DistribusiProyeksi,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(workbook: Workbook, title: str, header: list[str]) -> Worksheet:
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 30
    sheet.freeze_panes = "A2"
    return sheet


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _new() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def _who() -> list[str]:
    return [_("NIP"), _("Nama"), _("Unit")]


def trend_workbook(rows: Iterable[BarisTren], jenis: str) -> bytes:
    workbook = _new()
    title = _("Tren tahunan") if jenis == TAHUNAN else _("Tren periodik")
    sheet = _sheet(
        workbook,
        title,
        [*_who(), _("Tren"), _("Rangkaian predikat"), _("Predikat terakhir"), _("Penjelasan")],
    )
    for row in rows:
        sheet.append(
            [
                row.pegawai.nip,
                row.pegawai.nama,
                row.profil.unit.nama,
                str(row.tren.label),
                row.seri,
                str(row.terakhir.label) if row.terakhir else "",
                row.penjelasan,
            ]
        )
    return _save(workbook)


def projection_workbook(
    distribution: DistribusiProyeksi | None, rows: Iterable[BarisProyeksi]
) -> bytes:
    workbook = _new()
    sheet = _sheet(
        workbook,
        _("Distribusi"),
        [
            _("Predikat"),
            _("Aktual"),
            _("Proyeksi (harapan)"),
            _("Rentang bawah"),
            _("Rentang atas"),
        ],
    )
    if distribution is not None:
        for item in distribution.baris:
            sheet.append(
                [
                    str(item.predikat.label),
                    item.aktual,
                    float(item.harapan),
                    item.rentang[0],
                    item.rentang[1],
                ]
            )
    probabilities = [_("Peluang %(predikat)s") % {"predikat": p.label} for p in PREDIKAT_ORDER]
    people = _sheet(
        workbook,
        _("Pegawai"),
        [
            *_who(),
            _("Dasar"),
            _("Predikat terakhir"),
            _("Proyeksi"),
            _("Peluang proyeksi"),
            _("Risiko Butuh Perbaikan atau lebih rendah"),
            *probabilities,
            _("Observasi"),
            _("Alasan"),
        ],
    )
    for row in rows:
        values: list[Any] = [
            row.pegawai.nip,
            row.pegawai.nama,
            row.profil.unit.nama,
            row.dasar,
            str(row.terakhir.label),
            str(row.proyeksi.label),
            row.peluang,
            row.risiko,
            *[text for _p, text in row.semua],
            row.observasi,
            " ".join(row.alasan),
        ]
        people.append(values)
    return _save(workbook)


def warning_workbook(rows: Iterable[BarisPeringatan]) -> bytes:
    workbook = _new()
    sheet = _sheet(
        workbook,
        _("Peringatan dini"),
        [
            *_who(),
            _("Predikat terakhir"),
            _("Periode"),
            _("Proyeksi"),
            _("Risiko Butuh Perbaikan atau lebih rendah"),
            _("Pejabat penilai"),
            _("Alasan"),
        ],
    )
    for row in rows:
        penilai = row.profil.penilai
        sheet.append(
            [
                row.pegawai.nip,
                row.pegawai.nama,
                row.profil.unit.nama,
                str(row.terakhir.label) if row.terakhir else "",
                row.terakhir_label,
                str(row.proyeksi.label) if row.proyeksi else "",
                row.risiko,
                penilai.nama if penilai else "",
                " ".join(row.alasan),
            ]
        )
    return _save(workbook)
