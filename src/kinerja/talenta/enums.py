"""Enumerations of talent management and improvement plans (pure: usable from rules)."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.enums import LabeledEnum


class StatusPerbaikan(LabeledEnum):
    """An improvement plan (PP 30/2019 Pasal 56): running for its months, then closed as met or
    not met (with the follow-up decided), or cancelled."""

    BERJALAN = "BERJALAN", _("Berjalan")
    BERHASIL = "BERHASIL", _("Berhasil")
    TIDAK_BERHASIL = "TIDAK_BERHASIL", _("Tidak berhasil")
    DIBATALKAN = "DIBATALKAN", _("Dibatalkan")


class TindakLanjut(LabeledEnum):
    """What follows an improvement plan whose targets were not met (PP 30/2019 Pasal 57–58)."""

    UJI_KOMPETENSI = "UJI_KOMPETENSI", _("Uji kompetensi")
    PEMINDAHAN = "PEMINDAHAN", _("Pemindahan ke jabatan lain yang setara")
    PENURUNAN_JABATAN = "PENURUNAN_JABATAN", _("Penurunan jabatan")
    PEMBERHENTIAN = "PEMBERHENTIAN", _("Pemberhentian dengan hormat")
