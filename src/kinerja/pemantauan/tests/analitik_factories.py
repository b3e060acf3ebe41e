"""Constructed data of the rater analytics and integrity tests: finalised assessments with their
frozen appraiser, reports and evidence items written directly (statuses, upload and verification
times chosen by the test)."""

from __future__ import annotations

import datetime
import itertools
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from kinerja.aturan.enums import Predikat, Rating
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory, pegawai_with_account
from kinerja.penilaian.models import Penilaian
from kinerja.periode.models import Periode
from kinerja.realisasi import rules as realisasi_rules
from kinerja.realisasi.enums import JenisBukti, StatusBukti, StatusLaporan
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.realisasi.tests.factories import open_period
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import Rhk, Skp
from kinerja.talenta.tests.factories import assess

JAKARTA = ZoneInfo("Asia/Jakarta")
TW1_REALISASI = datetime.date(2026, 4, 5)
TW1_VERIFIKASI = datetime.date(2026, 4, 10)
_digits = itertools.count(1)


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A moment of a day in Jakarta."""
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=JAKARTA)


def tw1(tahun: int = 2026) -> Periode:
    """TW1 open, realisation due 5 April, verification due 10 April."""
    return open_period(
        "TW1",
        tahun=tahun,
        batas_realisasi=TW1_REALISASI.replace(year=tahun),
        batas_verifikasi=TW1_VERIFIKASI.replace(year=tahun),
    )


def rated(
    pegawai: Pegawai,
    periode: Periode,
    predikat: Predikat,
    penilai: Pegawai | None,
    *,
    hasil: Rating | None = None,
    final: bool = True,
) -> Penilaian:
    """A finalised assessment of the period by this appraiser (frozen on the assessment)."""
    item = assess(pegawai, periode.tahun.tahun, predikat, kode=periode.kode, final=final)
    item.penilai = penilai
    item.jabatan = pegawai.jabatan
    if hasil is not None:
        item.rating_hasil = hasil.value
    item.save()
    return item


def report(
    pegawai: Pegawai, periode: Periode, status: StatusLaporan = StatusLaporan.DIAJUKAN
) -> tuple[Laporan, Rhk]:
    """The employee's report of the period under an approved plan (written directly)."""
    skp, _created = Skp.objects.get_or_create(
        pegawai=pegawai,
        tahun=periode.tahun.tahun,
        defaults={"status": StatusSkp.DISETUJUI.value, "disetujui_pada": timezone.now()},
    )
    rhk = skp.rhk.first() or Rhk.objects.create(skp=skp, kode="1", uraian="Laporan kinerja")
    laporan = Laporan.objects.create(skp=skp, periode=periode, status=status.value, putaran=1)
    return laporan, rhk


def item(
    laporan: Laporan,
    rhk: Rhk,
    *,
    status: StatusBukti = StatusBukti.MENUNGGU,
    sha256: str = "",
    tautan: str = "",
    diunggah: datetime.datetime | None = None,
    diverifikasi: datetime.datetime | None = None,
    oleh: Pegawai | None = None,
) -> BuktiDukung:
    """An evidence item: a link when `tautan`, else a file (a unique hash unless given)."""
    fields: dict[str, Any]
    if tautan:
        fields = {
            "jenis": JenisBukti.TAUTAN.value,
            "tautan": tautan,
            "tautan_kunci": realisasi_rules.link_key(tautan),
        }
    else:
        number = next(_digits)
        fields = {
            "jenis": JenisBukti.BERKAS.value,
            "berkas": f"bukti/tes-{number}.pdf",
            "nama_berkas": f"tes-{number}.pdf",
            "tipe_berkas": "PDF",
            "ukuran": 4096,
            "sha256": sha256 or f"{number:064x}",
        }
    if diverifikasi is None and status != StatusBukti.MENUNGGU:
        diverifikasi = diunggah
    return BuktiDukung.objects.create(
        laporan=laporan,
        rhk=rhk,
        uraian="Bukti kegiatan",
        status=status.value,
        putaran=1,
        diunggah_pada=diunggah or at(datetime.date(2026, 3, 20)),
        diverifikasi_pada=diverifikasi,
        diverifikasi_oleh=oleh.pengguna if oleh else None,
        **fields,
    )


def add_appraiser(agency: Any, periode: Periode, number: int) -> None:
    """An appraiser with two appraisees rated Di Bawah, each with an accepted item verified by
    the appraiser (a contradiction), a shared file and a late upload."""
    head = pegawai_with_account(unit=agency.bagian)
    for _ in range(2):
        member = PegawaiFactory(unit=agency.bagian, penilai=head)
        rated(member, periode, Predikat.BUTUH_PERBAIKAN, head, hasil=Rating.DI_BAWAH)
        laporan, rhk = report(member, periode)
        item(laporan, rhk, status=StatusBukti.DITERIMA, oleh=head, sha256=f"{number:064x}")
        item(laporan, rhk, diunggah=at(datetime.date(2026, 5, 1)))
