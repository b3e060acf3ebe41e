"""Enumerations of credit points (pure: usable from rules)."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.enums import LabeledEnum


class StatusSyarat(LabeledEnum):
    """A condition of moving up: met, not met (both from the data), or for HR to confirm (a
    fact Kinerja does not hold, such as a vacancy or a competency test)."""

    TERPENUHI = "TERPENUHI", _("Terpenuhi")
    BELUM = "BELUM", _("Belum terpenuhi")
    KONFIRMASI = "KONFIRMASI", _("Perlu dikonfirmasi SDM")
