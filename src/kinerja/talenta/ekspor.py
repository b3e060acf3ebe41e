"""The merit lists as an XLSX workbook: one sheet per list, with the reasons."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from kinerja.organisasi.models import Pegawai
from kinerja.talenta.selectors import DaftarMerit


def _who(pegawai: Pegawai) -> list[str]:
    return [pegawai.nip, pegawai.nama, pegawai.unit.nama]


def merit_workbook(data: DaftarMerit) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    who = [_("NIP"), _("Nama"), _("Unit")]
    sheets: list[tuple[str, list[str], list[list[Any]]]] = [
        (_("Suksesi"), [*who, _("Alasan")], [[*_who(r.pegawai), r.alasan] for r in data.suksesi]),
        (
            _("Kenaikan pangkat"),
            [*who, _("Alasan")],
            [[*_who(r.pegawai), r.alasan] for r in data.kenaikan_pangkat],
        ),
        (
            _("Belum memenuhi"),
            [*who, _("Alasan")],
            [[*_who(r.pegawai), r.alasan] for r in data.belum_memenuhi],
        ),
        (
            _("Perlu perbaikan"),
            [*who, _("Predikat"), _("Periode"), _("Alasan"), _("Rencana perbaikan")],
            [
                [
                    *_who(r.pegawai),
                    str(r.predikat.label),
                    r.periode,
                    r.alasan,
                    r.rencana.get_status_display() if r.rencana else _("Belum ada"),
                ]
                for r in data.perbaikan
            ],
        ),
        (
            _("Disiplin"),
            [*who, _("Hari tanpa keterangan"), _("Sanksi"), _("Penjelasan")],
            [
                [*_who(r.pegawai), r.hari, str(r.sanksi.label), r.penjelasan.ringkasan]
                for r in data.disiplin
            ],
        ),
    ]
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(str(title)[:31])
        sheet.append([str(item) for item in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.column_dimensions["A"].width = 22
        sheet.column_dimensions["B"].width = 30
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
