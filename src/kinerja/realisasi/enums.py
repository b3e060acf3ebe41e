"""Enumerations of periodic realisation and evidence verification (pure: usable from rules)."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.enums import LabeledEnum


class StatusLaporan(LabeledEnum):
    """The state of an employee's report for one period."""

    DRAF = "DRAF", _("Draf")
    DIAJUKAN = "DIAJUKAN", _("Diajukan")
    PERLU_PERBAIKAN = "PERLU_PERBAIKAN", _("Perlu perbaikan")
    SELESAI = "SELESAI", _("Selesai diverifikasi")


class JenisBukti(LabeledEnum):
    BERKAS = "BERKAS", _("Berkas")
    TAUTAN = "TAUTAN", _("Tautan")


class StatusBukti(LabeledEnum):
    """The verdict on an evidence item (MENUNGGU: not verified yet in this round)."""

    MENUNGGU = "MENUNGGU", _("Menunggu verifikasi")
    DITERIMA = "DITERIMA", _("Diterima")
    PERLU_PERBAIKAN = "PERLU_PERBAIKAN", _("Perlu Perbaikan")
    DITOLAK = "DITOLAK", _("Ditolak")


class TipeBerkas(LabeledEnum):
    """The file types accepted as evidence, recognised by content."""

    PDF = "PDF", _("PDF")
    JPEG = "JPEG", _("Gambar JPEG")
    PNG = "PNG", _("Gambar PNG")
    DOCX = "DOCX", _("Dokumen Word (DOCX)")
    XLSX = "XLSX", _("Lembar kerja Excel (XLSX)")
    PPTX = "PPTX", _("Presentasi PowerPoint (PPTX)")
    ODT = "ODT", _("Dokumen OpenDocument (ODT)")
    ODS = "ODS", _("Lembar kerja OpenDocument (ODS)")
    ODP = "ODP", _("Presentasi OpenDocument (ODP)")


class JenisSinyal(LabeledEnum):
    """Integrity signals shown beside an evidence item."""

    BERKAS_PEGAWAI_LAIN = "BERKAS_PEGAWAI_LAIN", _("Berkas sama diajukan pegawai lain")
    BERKAS_RHK_LAIN = "BERKAS_RHK_LAIN", _("Berkas sama dipakai untuk RHK lain")
    BERKAS_PERIODE_LAIN = "BERKAS_PERIODE_LAIN", _("Berkas sama dipakai pada periode lain")
    TAUTAN_BERSAMA = "TAUTAN_BERSAMA", _("Tautan dipakai beberapa pegawai")
    TERLAMBAT = "TERLAMBAT", _("Diunggah setelah batas realisasi")
    BERKAS_KECIL = "BERKAS_KECIL", _("Berkas nyaris kosong")
