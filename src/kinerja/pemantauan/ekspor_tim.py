"""The appraiser's team dashboard as an XLSX workbook: the team's status (one row per member
with every column of the page and the totals), the distribution with the curve groups, and the
members' trends."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl.styles import Font

from kinerja.pemantauan.lembar import sheet_add, workbook_bytes, workbook_empty
from kinerja.pemantauan.selectors.tim import BarisTim, DasborTim, TrenAnggota


def _day(value: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(value).date() if value is not None else None


def _member(row: BarisTim) -> list[Any]:
    pegawai = row.pegawai
    return [
        pegawai.nip,
        pegawai.nama,
        pegawai.jabatan.nama,
        pegawai.unit.nama,
        str(row.pengecualian.label) if row.pengecualian else "",
        str(row.skp_status.label) if row.skp_status else _("Belum ada SKP"),
        str(row.laporan_status.label) if row.laporan_status else _("Belum ada laporan"),
        row.bukti_menunggu,
        _day(row.menunggu_sejak),
        row.lama_menunggu,
        _("Tidak dinilai")
        if row.dikecualikan and not row.penilaian_id
        else str(row.status_nilai.label),
        str(row.predikat.label) if row.predikat else "",
    ]


def _trend(item: TrenAnggota) -> list[Any]:
    return [
        item.pegawai.nip,
        item.pegawai.nama,
        ", ".join(f"{label}: {predikat.label}" for label, predikat in item.seri),
        str(item.tren.label),
        item.penjelasan,
        str(item.tren_tahunan.label),
        str(item.proyeksi.label) if item.proyeksi else "",
        item.peluang,
        item.risiko,
        " ".join(item.penjelasan_proyeksi),
        _("Ya") if item.peringatan else _("Tidak"),
        " ".join(item.alasan),
    ]


def team_workbook(data: DasborTim) -> bytes:
    workbook = workbook_empty()
    total = data.total
    status = sheet_add(
        workbook,
        _("Status tim"),
        [
            _("NIP"),
            _("Nama"),
            _("Jabatan"),
            _("Unit"),
            _("Dikecualikan"),
            _("SKP %(tahun)s") % {"tahun": data.periode.tahun.tahun},
            _("Laporan realisasi"),
            _("Bukti menunggu verifikasi"),
            _("Menunggu sejak"),
            _("Lama menunggu (hari)"),
            _("Penilaian"),
            _("Predikat"),
        ],
        [_member(row) for row in data.baris],
    )
    status.append(
        [
            _("Jumlah"),
            ngettext("%(n)s anggota", "%(n)s anggota", total.anggota) % {"n": total.anggota},
            "",
            "",
            total.dikecualikan,
            _("%(n)s menunggu persetujuan") % {"n": total.skp_menunggu},
            "",
            total.bukti_menunggu,
            _day(total.menunggu_sejak),
            total.lama_menunggu,
            _("%(n)s belum dinilai") % {"n": total.belum_dinilai},
            "",
        ]
    )
    for cell in status[status.max_row]:
        cell.font = Font(bold=True)
    for cell in status["I"][1:]:
        cell.number_format = "DD/MM/YYYY"

    sebaran = sheet_add(
        workbook,
        _("Sebaran predikat"),
        [_("Predikat"), _("Ditetapkan"), _("Draf"), _("Jumlah")],
        [[str(s.predikat.label), s.final, s.draf, s.jumlah] for s in data.sebaran],
    )
    sebaran.append([])
    sebaran.append(
        [
            str(item)
            for item in (
                _("Kelompok kurva"),
                _("Kode unit"),
                _("Capaian kinerja organisasi"),
                _("Anggota tim"),
                _("Penetapan"),
                _("Kesesuaian kurva"),
            )
        ]
    )
    for cell in sebaran[sebaran.max_row]:
        cell.font = Font(bold=True)
    for group in data.kelompok:
        sebaran.append(
            [
                group.unit.nama,
                group.unit.kode,
                str(group.predikat_organisasi.label),
                group.anggota_tim,
                _("Ditetapkan") if group.ditetapkan else _("Belum ditetapkan"),
                group.kesesuaian,
            ]
        )
    if data.tanpa_kelompok:
        sebaran.append([_("Tanpa kelompok kurva"), "", "", data.tanpa_kelompok, "", ""])

    sheet_add(
        workbook,
        _("Tren"),
        [
            _("NIP"),
            _("Nama"),
            _("Predikat periodik"),
            _("Tren periodik"),
            _("Penjelasan tren"),
            _("Tren tahunan"),
            _("Proyeksi periode berikutnya"),
            _("Peluang proyeksi"),
            _("Peluang Butuh Perbaikan atau lebih rendah"),
            _("Dasar proyeksi"),
            _("Peringatan dini"),
            _("Alasan peringatan"),
        ],
        [_trend(item) for item in data.tren],
    )
    return workbook_bytes(workbook)
