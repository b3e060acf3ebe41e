"""The rater analytics and the evidence integrity report as XLSX workbooks (one sheet per
table or section)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from kinerja.aturan.enums import Predikat
from kinerja.pemantauan.lembar import sheet_add, workbook_bytes, workbook_empty
from kinerja.pemantauan.rules.analitik import Distribusi
from kinerja.pemantauan.selectors.analitik import AnalitikPenilai, LaporanIntegritas, PemakaianBukti
from kinerja.realisasi.enums import JenisSinyal, StatusBukti


def _distribution_header() -> list[str]:
    header = []
    for predikat in Predikat:
        header += [str(predikat.label), f"{predikat.label} (%)"]
    return header


def _distribution(data: Distribusi) -> list[Any]:
    cells: list[Any] = []
    for cell in data.sel:
        cells += [cell.jumlah, cell.persen]
    return cells


def empty_workbook() -> bytes:
    """Nothing to export yet (no performance period or year exists)."""
    workbook = Workbook()
    workbook.active.title = str(_("Kosong"))
    return workbook_bytes(workbook)


def penilai_workbook(data: AnalitikPenilai) -> bytes:
    """Sheets: the appraisers, the unit and agency distributions, the contradicting cases."""
    workbook = workbook_empty()
    sheet_add(
        workbook,
        _("Penilai"),
        [
            _("NIP"),
            _("Nama"),
            _("Unit"),
            _("Jumlah dinilai"),
            *_distribution_header(),
            _("Rata-rata skor penilai"),
            _("Rata-rata skor unit"),
            _("Indeks kelonggaran"),
            _("Kelas"),
            _("Kontradiksi"),
            _("Kontradiksi (%)"),
            _("Bukti diverifikasi"),
            _("Median hari verifikasi"),
            _("Rata-rata hari verifikasi"),
            _("Menunggu lewat batas verifikasi"),
        ],
        [
            [
                row.nip,
                row.nama,
                row.unit_nama,
                row.distribusi.total,
                *_distribution(row.distribusi),
                row.kelonggaran.rata_rata_penilai,
                row.kelonggaran.rata_rata_unit,
                row.kelonggaran.indeks,
                str(row.kelonggaran.kelas.label),
                row.kontradiksi,
                row.rasio_kontradiksi,
                row.waktu.jumlah,
                row.waktu.median_hari,
                row.waktu.rata_rata_hari,
                row.waktu.menunggu_lewat_batas,
            ]
            for row in data.baris
        ],
    )
    sheet_add(
        workbook,
        _("Pembanding"),
        [_("Kelompok"), _("Jumlah dinilai"), *_distribution_header(), _("Rata-rata skor")],
        [
            [label, dist.total, *_distribution(dist), dist.rata_rata]
            for label, dist in ((_("Unit"), data.unit), (_("Instansi"), data.instansi))
        ],
    )
    sheet_add(
        workbook,
        _("Kontradiksi"),
        [
            _("NIP penilai"),
            _("Nama penilai"),
            _("NIP pegawai"),
            _("Nama pegawai"),
            _("Rating hasil kerja"),
            *[str(status.label) for status in StatusBukti],
            _("Alasan"),
        ],
        [
            [
                row.nip,
                row.nama,
                case.nip,
                case.nama,
                str(case.rating_hasil.label),
                *[case.bukti.as_dict()[status.value] for status in StatusBukti],
                case.alasan,
            ]
            for row in data.baris
            for case in row.kasus
        ],
    )
    return workbook_bytes(workbook)


def _local(value: datetime.datetime) -> datetime.datetime:
    """Excel keeps no time zone: the local time of Asia/Jakarta (the configured zone)."""
    return timezone.localtime(value).replace(tzinfo=None)


def _use(item: PemakaianBukti) -> list[Any]:
    return [
        item.nip,
        item.nama,
        item.unit_nama,
        item.periode,
        item.uraian,
        item.nama_berkas or item.tautan,
        str(item.status.label),
        _local(item.diunggah_pada),
    ]


def _use_header() -> list[str]:
    return [
        _("NIP"),
        _("Nama"),
        _("Unit"),
        _("Periode"),
        _("Keterangan"),
        _("Berkas atau tautan"),
        _("Status"),
        _("Diunggah pada"),
    ]


def integritas_workbook(data: LaporanIntegritas) -> bytes:
    """Sheets: the summary per unit, reused files, shared links, late uploads (whole lists)."""
    workbook = workbook_empty()
    sheet_add(
        workbook,
        _("Ringkasan per unit"),
        [
            _("Kode unit"),
            _("Unit"),
            _("Bukti dukung"),
            JenisSinyal.BERKAS_PEGAWAI_LAIN.label,
            JenisSinyal.TAUTAN_BERSAMA.label,
            JenisSinyal.TERLAMBAT.label,
        ],
        [
            [row.kode, row.nama, row.bukti, row.berkas_sama, row.tautan_sama, row.terlambat]
            for row in data.ringkasan.isi
        ],
    )
    for title, key_label, section in (
        (JenisSinyal.BERKAS_PEGAWAI_LAIN.label, _("SHA-256"), data.berkas_sama),
        (JenisSinyal.TAUTAN_BERSAMA.label, _("Tautan"), data.tautan_sama),
    ):
        sheet_add(
            workbook,
            title,
            [key_label, _("Jumlah pegawai"), _("Pegawai di luar unit"), *_use_header()],
            [
                [group.kunci, group.jumlah_pegawai, group.pegawai_di_luar, *_use(item)]
                for group in section.isi
                for item in group.pemakaian
            ],
        )
    sheet_add(
        workbook,
        JenisSinyal.TERLAMBAT.label,
        [*_use_header(), _("Batas realisasi"), _("Sinyal")],
        [[*_use(item), item.batas_realisasi, item.pesan] for item in data.terlambat.isi],
    )
    return workbook_bytes(workbook)
