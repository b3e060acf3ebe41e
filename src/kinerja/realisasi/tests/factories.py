"""Helpers of the realisation tests: an opened period, an approved plan, a report, evidence."""

from __future__ import annotations

import datetime
import io
import zipfile

from kinerja.organisasi.models import Pegawai
from kinerja.periode.models import Periode
from kinerja.periode.services import periode_transition, periode_update
from kinerja.realisasi import services
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.skp.models import Rhk, Skp
from kinerja.skp.tests.factories import SYSTEM, TAHUN, aktor_for, approved_plan, open_year

FAR = datetime.date(2099, 12, 31)

PDF_BYTES = b"%PDF-1.4\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 60 + b"%%EOF\n"
"""A small file that is a PDF by content (over the 1 KB 'nearly empty' threshold)."""
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000


def docx_bytes() -> bytes:
    """A minimal OOXML word package (recognised as DOCX by its content)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>" + " " * 2000)
    return buffer.getvalue()


def open_period(
    kode: str = "TW4",
    *,
    tahun: int = TAHUN,
    batas_realisasi: datetime.date = FAR,
    batas_verifikasi: datetime.date = FAR,
) -> Periode:
    """The year opened (if needed) and one period open with deadlines far ahead by default."""
    from kinerja.periode.models import TahunKinerja

    if not TahunKinerja.objects.filter(tahun=tahun).exists():
        open_year(tahun)
    periode = Periode.objects.select_related("tahun").get(tahun__tahun=tahun, kode=kode)
    periode = periode_update(
        aktor=SYSTEM,
        periode=periode,
        batas_realisasi=batas_realisasi,
        batas_verifikasi=max(batas_verifikasi, batas_realisasi),
        batas_penilaian=FAR,
    )
    if periode.status == "DRAF":
        periode = periode_transition(aktor=SYSTEM, periode=periode, aksi="open")
    return periode


def report_for(pegawai: Pegawai, periode: Periode, **plan: object) -> tuple[Laporan, Skp, Rhk]:
    """An approved plan (one RHK, one IKI) for the employee and its report for the period."""
    skp = Skp.objects.filter(pegawai=pegawai, tahun=periode.tahun.tahun).first()
    if skp is None or skp.disetujui_pada is None:
        skp, rhk = approved_plan(pegawai, **plan)  # type: ignore[arg-type]
    else:
        rhk = skp.rhk.order_by("pk").first()  # type: ignore[assignment]
    laporan = services.laporan_open(aktor=aktor_for(pegawai), skp=skp, periode=periode)
    return laporan, skp, rhk


def upload(
    laporan: Laporan,
    rhk: Rhk,
    content: bytes = PDF_BYTES,
    name: str = "laporan.pdf",
    uraian: str = "Laporan kegiatan",
) -> BuktiDukung:
    return services.bukti_add_file(
        aktor=aktor_for(laporan.skp.pegawai),
        laporan=laporan,
        rhk=rhk,
        fileobj=io.BytesIO(content),
        nama_berkas=name,
        uraian=uraian,
    )


def link(
    laporan: Laporan, rhk: Rhk, url: str = "https://drive.example.go.id/berkas/1"
) -> BuktiDukung:
    return services.bukti_add_link(
        aktor=aktor_for(laporan.skp.pegawai), laporan=laporan, rhk=rhk, tautan=url, uraian="Tautan"
    )
