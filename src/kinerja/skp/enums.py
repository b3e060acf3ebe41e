"""Enumerations of the performance plan (pure: usable from rules)."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.enums import LabeledEnum


class Pendekatan(LabeledEnum):
    KUANTITATIF = "KUANTITATIF", _("Kuantitatif")
    KUALITATIF = "KUALITATIF", _("Kualitatif")


class JenisRhk(LabeledEnum):
    UTAMA = "UTAMA", _("Utama")
    TAMBAHAN = "TAMBAHAN", _("Tambahan")


class Aspek(LabeledEnum):
    KUANTITAS = "KUANTITAS", _("Kuantitas")
    KUALITAS = "KUALITAS", _("Kualitas")
    WAKTU = "WAKTU", _("Waktu")
    BIAYA = "BIAYA", _("Biaya")


class Perspektif(LabeledEnum):
    PENERIMA_LAYANAN = "PENERIMA_LAYANAN", _("Perspektif Penerima Layanan")
    PROSES_BISNIS = "PROSES_BISNIS", _("Perspektif Proses Bisnis")
    PENGUATAN_INTERNAL = "PENGUATAN_INTERNAL", _("Perspektif Penguatan Internal")
    ANGGARAN = "ANGGARAN", _("Perspektif Anggaran")


class StatusSkp(LabeledEnum):
    DRAF = "DRAF", _("Draf")
    DIAJUKAN = "DIAJUKAN", _("Diajukan")
    DIKEMBALIKAN = "DIKEMBALIKAN", _("Dikembalikan")
    DISETUJUI = "DISETUJUI", _("Disetujui")


class AksiSkp(LabeledEnum):
    """What happened to an SKP (its workflow history)."""

    DIBUAT = "DIBUAT", _("Dibuat")
    DISALIN = "DISALIN", _("Disalin dari tahun sebelumnya")
    DIAJUKAN = "DIAJUKAN", _("Diajukan")
    DITARIK = "DITARIK", _("Pengajuan ditarik")
    DIKEMBALIKAN = "DIKEMBALIKAN", _("Dikembalikan")
    DISETUJUI = "DISETUJUI", _("Disetujui")
    DIREVISI = "DIREVISI", _("Revisi dibuka")
    DIIMPOR = "DIIMPOR", _("Diimpor")
