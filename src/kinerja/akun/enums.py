"""Enumerations of accounts (pure: usable from rules)."""

from django.utils.translation import gettext_lazy as _

from kinerja.core.enums import LabeledEnum


class StatusToken(LabeledEnum):
    AKTIF = "AKTIF", _("Aktif")
    KEDALUWARSA = "KEDALUWARSA", _("Kedaluwarsa")
    DICABUT = "DICABUT", _("Dicabut")
