"""Enumerations of the performance allowance (pure: usable from rules)."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.enums import LabeledEnum


class SebabPerhitungan(LabeledEnum):
    """Why an allowance recomputation was run."""

    KEHADIRAN = "KEHADIRAN", _("Data kehadiran diubah")
    IMPOR = "IMPOR", _("Impor data kehadiran")
    SET_ATURAN = "SET_ATURAN", _("Set aturan berubah")
    MANUAL = "MANUAL", _("Hitung ulang oleh admin")
