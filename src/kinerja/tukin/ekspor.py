"""The payroll list of a unit subtree for a month as an XLSX workbook for the finance unit
(written row by row with openpyxl's write-only mode, so large units stay light)."""

from __future__ import annotations

import io
import re

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kinerja.organisasi.models import Unit
from kinerja.tukin import rules, selectors

RUPIAH_FORMAT = '"Rp"#,##0'
PERCENT_FORMAT = "0.00"
HEADER_ROW = 5
WIDTHS = (6, 22, 32, 30, 30, 8, 15, 15, 15, 11, 15, 15, 16)


def payroll_filename(unit: Unit, tahun: int, bulan: int) -> str:
    code = re.sub(r"[^A-Za-z0-9_-]+", "-", unit.kode).strip("-").lower() or str(unit.pk)
    return f"tukin-{code}-{tahun}-{bulan:02d}.xlsx"


def payroll_xlsx(*, unit: Unit, tahun: int, bulan: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Tukin"))
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    bold = Font(bold=True)

    def text(value: str, *, strong: bool = False) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        if strong:
            cell.font = bold
        return cell

    def number(value: object, fmt: str, *, strong: bool = False) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = fmt
        if strong:
            cell.font = bold
        return cell

    sheet.append([text(settings.AGENCY_NAME, strong=True)])
    sheet.append(
        [
            text(
                _("Daftar tunjangan kinerja %(unit)s (%(kode)s)")
                % {"unit": unit.nama, "kode": unit.kode},
                strong=True,
            )
        ]
    )
    sheet.append([text(_("Bulan %(bulan)s") % {"bulan": rules.month_label(tahun, bulan)})])
    sheet.append([])
    sheet.append(
        [
            text(str(label), strong=True)
            for label in (
                pgettext("nomor urut", "No"),
                _("NIP"),
                _("Nama"),
                _("Unit"),
                _("Jabatan"),
                _("Kelas"),
                _("Besaran"),
                _("Tambahan Sangat Baik"),
                _("Bruto"),
                _("Potongan (%)"),
                _("Potongan (Rp)"),
                _("Netto"),
                _("Kehadiran"),
            )
        ]
    )
    rows = selectors.tukin_list(tahun=tahun, bulan=bulan, jalur=unit.jalur)
    recorded, missing = _("Tercatat"), _("Belum diisi")
    for number_in_list, row in enumerate(rows.iterator(chunk_size=2000), start=1):
        sheet.append(
            [
                number_in_list,
                text(row.pegawai.nip),
                row.pegawai.nama,
                row.unit.nama,
                row.jabatan.nama,
                row.kelas_jabatan,
                number(row.besaran, RUPIAH_FORMAT),
                number(row.insentif, RUPIAH_FORMAT),
                number(row.bruto, RUPIAH_FORMAT),
                number(row.persen_potongan, PERCENT_FORMAT),
                number(row.potongan_rupiah, RUPIAH_FORMAT),
                number(row.netto, RUPIAH_FORMAT),
                recorded if row.kehadiran_tercatat else missing,
            ]
        )
    total = selectors.payroll_totals(tahun=tahun, bulan=bulan, jalur=unit.jalur)
    sheet.append(
        [
            text(_("Jumlah"), strong=True),
            text(_("%(jumlah)s pegawai") % {"jumlah": total.baris}, strong=True),
            None,
            None,
            None,
            None,
            number(total.besaran, RUPIAH_FORMAT, strong=True),
            number(total.insentif, RUPIAH_FORMAT, strong=True),
            number(total.bruto, RUPIAH_FORMAT, strong=True),
            number(total.persen_potongan, PERCENT_FORMAT, strong=True),
            number(total.potongan_rupiah, RUPIAH_FORMAT, strong=True),
            number(total.netto, RUPIAH_FORMAT, strong=True),
        ]
    )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
