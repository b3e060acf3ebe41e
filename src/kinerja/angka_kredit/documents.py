"""Credit-point documents: the "Penetapan Angka Kredit" PDF of an employee's finalised year
(WeasyPrint, A4 portrait, in the page frame of the assessment PDFs) and the XLSX export of a
unit's list.

The PDF shows the agency, the title, a number line left blank for HR ("Nomor: ……"), the
period (1 January – 31 December), the employee as frozen in the annual assessment (name, NIP,
pangkat/golongan, position, unit) with the jenjang at the end of the year, the points per
jenjang part (predikat, percentage, coefficient, months, points), the year's total, the running
total at that jenjang with the thresholds for the next rank and jenjang and what is missing, the
conditions of moving up, the rule-set version, place and date, and the signature block: the
appraiser's superior frozen in the assessment, else the head of the assessed unit, else
"Pejabat yang berwenang" with a blank name."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from kinerja.angka_kredit.selectors import BarisKredit, KreditDokumen
from kinerja.aturan.rules import shown
from kinerja.aturan.rules.penjelasan import percent, plain
from kinerja.core.formatting import format_date
from kinerja.organisasi.models import Unit
from kinerja.penilaian.documents import _render
from kinerja.penilaian.selectors import kepala_unit
from kinerja.skp.documents import DASH, _safe, pangkat_text
from kinerja.skp.selectors import person_snapshot

PENETAPAN_TEMPLATE = "angka_kredit/pdf/penetapan.html"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _signer(dokumen: KreditDokumen) -> tuple[str, dict[str, Any]]:
    """(the signatory's role, their snapshot): the appraiser's superior frozen in the
    assessment, else the head of the assessed unit, else the competent official unnamed."""
    atasan = (dokumen.penilaian.identitas or {}).get("atasan_penilai")
    if atasan:
        return _("Atasan Pejabat Penilai Kinerja"), atasan
    head = kepala_unit(dokumen.penilaian.unit)
    if head is not None and head.pk != dokumen.pegawai.pk:
        return _("Kepala Unit Kerja"), person_snapshot(head) or {}
    return _("Pejabat yang Berwenang"), {}


def _threshold(ambang: Any, highest_text: str) -> dict[str, str]:
    if ambang.batas is None:
        return {"batas": DASH, "kurang": DASH, "keterangan": highest_text}
    return {
        "batas": shown(ambang.batas),
        "kurang": shown(ambang.kurang),
        "keterangan": _("Tercapai") if ambang.tercapai else _("Belum tercapai"),
    }


def penetapan_context(dokumen: KreditDokumen, today: datetime.date) -> dict[str, Any]:
    """What the Penetapan Angka Kredit shows, every text already in the current language."""
    tahun = dokumen.tahun
    kredit = tahun.kredit
    assert kredit is not None
    assert tahun.predikat is not None
    assert tahun.jenjang_akhir is not None
    isi = kredit.set_aturan.aturan()
    person = (dokumen.penilaian.identitas or {}).get("pegawai") or person_snapshot(dokumen.pegawai)
    person = person or {}
    kumulatif = dokumen.kumulatif
    role, signer = _signer(dokumen)
    persen = percent(isi.angka_kredit.persentase[tahun.predikat])
    return {
        "draf": False,
        "instansi": settings.AGENCY_NAME,
        "periode": _("Periode: %(mulai)s – %(selesai)s")
        % {
            "mulai": format_date(datetime.date(tahun.tahun, 1, 1)),
            "selesai": format_date(datetime.date(tahun.tahun, 12, 31)),
        },
        "identitas": [
            (1, _("NAMA"), person.get("nama") or DASH),
            (2, _("NIP"), person.get("nip") or DASH),
            (3, _("PANGKAT/GOL. RUANG"), pangkat_text(person.get("golongan", ""))),
            (4, _("JABATAN"), person.get("jabatan") or DASH),
            (5, _("JENJANG"), str(tahun.jenjang_akhir.label)),
            (6, _("UNIT KERJA"), person.get("unit_nama") or DASH),
        ],
        "predikat": str(tahun.predikat.label),
        "bagian": [
            {
                "jenjang": str(part.jenjang.label),
                "predikat": str(tahun.predikat.label),
                "persen": persen,
                "koefisien": plain(isi.angka_kredit.jenjang[part.jenjang].koefisien),
                "bulan": part.bulan,
                "nilai": shown(part.hasil.nilai),
            }
            for part in kredit.bagian
        ],
        "jumlah_tahun": shown(kredit.total),
        "jenjang_kumulatif": str(kumulatif.jenjang.label),
        "rincian": [(year, shown(value)) for year, value in kumulatif.rincian],
        "kumulatif": shown(kumulatif.total),
        "pangkat": _threshold(kumulatif.hasil.kenaikan_pangkat, DASH),
        "jenjang": _threshold(
            kumulatif.hasil.kenaikan_jenjang, _("Jenjang tertinggi: tidak ada kenaikan jenjang")
        ),
        "syarat": [
            (item.uraian, str(item.status.label), item.keterangan)
            for item in kumulatif.syarat_jenjang
        ],
        "set_aturan": kredit.set_aturan.acuan().label(),
        "tempat_tanggal": f"{settings.AGENCY_CITY}, {format_date(today)}",
        "penanda_tangan_peran": role,
        "penanda_tangan": signer,
        "kaki": _("Penetapan Angka Kredit %(tahun)s · %(nama)s · NIP %(nip)s")
        % {"tahun": tahun.tahun, "nama": person.get("nama", ""), "nip": person.get("nip", "")},
        "dash": DASH,
    }


def penetapan_pdf(dokumen: KreditDokumen, today: datetime.date) -> bytes:
    return _render(PENETAPAN_TEMPLATE, penetapan_context(dokumen, today))


def penetapan_filename(dokumen: KreditDokumen) -> str:
    """'PenetapanAngkaKredit-2026-<nip>.pdf'."""
    nip = _safe(dokumen.pegawai.nip) or "pegawai"
    return f"PenetapanAngkaKredit-{dokumen.tahun.tahun}-{nip}.pdf"


# --- The XLSX export of a unit's list --------------------------------------------------------


def _status_text(row: BarisKredit) -> str:
    if row.tahun is None:
        return _("Belum ada penilaian tahunan")
    return _("Ditetapkan") if row.tahun.final else _("Sementara")


def _missing(ambang: Any) -> Any:
    return ambang.kurang if ambang.batas is not None else None


def _flag(value: bool) -> str:
    return _("Ya") if value else _("Tidak")


def daftar_xlsx(rows: list[BarisKredit], *, tahun: int, unit: Unit | None) -> bytes:
    """The unit list as a workbook: one row per functional employee, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Angka kredit")
    scope_text = f"{unit.kode} {DASH} {unit.nama}" if unit is not None else _("Semua unit")
    sheet.append(
        [_("Angka kredit tahun %(tahun)s: %(unit)s") % {"tahun": tahun, "unit": scope_text}]
    )
    sheet["A1"].font = Font(bold=True)
    header = [
        _("NIP"),
        _("Nama"),
        _("Unit"),
        _("Jenjang"),
        _("Status penilaian tahunan"),
        _("Predikat"),
        _("Jumlah bulan"),
        _("Angka kredit tahun ini"),
        _("Angka kredit kumulatif"),
        _("Kurang untuk kenaikan pangkat"),
        _("Kurang untuk kenaikan jenjang"),
        _("Memenuhi angka kredit kenaikan pangkat"),
        _("Predikat paling rendah Baik"),
        _("Memenuhi syarat kenaikan jenjang (selain formasi dan uji kompetensi)"),
    ]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        year = row.tahun
        kumulatif = row.kumulatif
        sheet.append(
            [
                row.pegawai.nip,
                row.pegawai.nama,
                row.pegawai.unit.nama,
                str(row.jenjang.label),
                _status_text(row),
                str(year.predikat.label) if year is not None and year.predikat else "",
                row.bulan,
                year.total if year is not None else None,
                kumulatif.total,
                _missing(kumulatif.hasil.kenaikan_pangkat),
                _missing(kumulatif.hasil.kenaikan_jenjang),
                _flag(kumulatif.layak_pangkat),
                _flag(kumulatif.predikat_cukup),
                _("Jenjang tertinggi") if kumulatif.tertinggi else _flag(kumulatif.layak_jenjang),
            ]
        )
    for column in ("H", "I", "J", "K"):
        for cell in sheet[column][2:]:
            cell.number_format = "0.000"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def daftar_filename(tahun: int, unit: Unit | None) -> str:
    """'AngkaKredit-2026-<unit code>.xlsx' ('…-semua.xlsx' without a unit)."""
    code = (_safe(unit.kode) or str(unit.pk)) if unit is not None else "semua"
    return f"AngkaKredit-{tahun}-{code}.xlsx"
