"""Forms of the organisation rating pages and of the curve monitor: the period shown, the
organisation rating with its reason, the reason to reopen a finalised group. They parse input;
the services validate the domain rules and their errors go back on the fields
(`kinerja.core.forms.apply_errors`)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.aturan.enums import PredikatOrganisasi


def today() -> datetime.date:
    return timezone.localdate()


def _wajib(field: forms.Field) -> forms.Field:
    """A field the page marks as required while the service checks it (and says why)."""
    field.wajib = True  # type: ignore[attr-defined]
    return field


class OrganisasiForm(forms.Form):
    """The organisation rating of a unit for a period with a short reason; the service requires
    both and checks the period and the group's finalisation."""

    predikat = _wajib(
        forms.ChoiceField(
            label=_("Capaian kinerja organisasi"),
            required=False,
            choices=[("", "—"), *PredikatOrganisasi.choices()],
        )
    )
    alasan = _wajib(
        forms.CharField(
            label=_("Alasan"),
            required=False,
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Mis. capaian indikator kinerja utama unit pada periode ini."),
        )
    )


class BukaForm(forms.Form):
    """Reopen a finalised group; the service requires the reason (it is kept in the history)."""

    alasan = _wajib(
        forms.CharField(
            label=_("Alasan membuka kembali"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    )
