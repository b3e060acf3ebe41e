"""The trend, projection and early-warning lists as XLSX workbooks (every row, not a page)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from kinerja.aturan.enums import PREDIKAT_ORDER
from kinerja.pemantauan.lembar import sheet_add, workbook_bytes, workbook_empty
from kinerja.pemantauan.selectors.tren import (
    TAHUNAN,
    BarisPeringatan,
    BarisProyeksi,
    BarisTren,
    DistribusiProyeksi,
)


def _who() -> list[str]:
    return [_("NIP"), _("Nama"), _("Unit")]


def trend_workbook(rows: Iterable[BarisTren], jenis: str) -> bytes:
    workbook = workbook_empty()
    title = _("Tren tahunan") if jenis == TAHUNAN else _("Tren periodik")
    sheet = sheet_add(
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
    return workbook_bytes(workbook)


def projection_workbook(
    distribution: DistribusiProyeksi | None, rows: Iterable[BarisProyeksi]
) -> bytes:
    workbook = workbook_empty()
    sheet = sheet_add(
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
    people = sheet_add(
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
    return workbook_bytes(workbook)


def warning_workbook(rows: Iterable[BarisPeringatan]) -> bytes:
    workbook = workbook_empty()
    sheet = sheet_add(
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
    return workbook_bytes(workbook)
