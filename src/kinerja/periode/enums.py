"""Enumerations of the performance periods (pure: usable from rules)."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.enums import LabeledEnum


class JenisPeriode(LabeledEnum):
    """How a performance year is divided."""

    TRIWULAN = "TRIWULAN", _("Triwulan")
    BULANAN = "BULANAN", _("Bulanan")


class StatusPeriode(LabeledEnum):
    DRAF = "DRAF", _("Draf")
    DIBUKA = "DIBUKA", _("Dibuka")
    DITUTUP = "DITUTUP", _("Ditutup")
    DIKUNCI = "DIKUNCI", _("Dikunci")
