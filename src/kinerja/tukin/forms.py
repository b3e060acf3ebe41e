"""Forms of the allowance pages: the year, the unit and month filters, the attendance counts and
the recomputation reason. Values are checked again by the services."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.core.formatting import MONTHS as MONTH_NAMES
from kinerja.organisasi.models import Unit
from kinerja.tukin import rules

MONTH_CHOICES = [(str(number), name) for number, name in enumerate(MONTH_NAMES, start=1)]


def today() -> datetime.date:
    return timezone.localdate()


class TahunForm(forms.Form):
    """`?tahun=`; anything else falls back to the current year."""

    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)

    def chosen(self) -> int:
        value = self.cleaned_data.get("tahun") if self.is_valid() else None
        return value or today().year


class BulanForm(forms.Form):
    """`?unit=&tahun=&bulan=` among the units offered; bad or missing values fall back to the
    first unit and the current month."""

    unit = forms.ChoiceField(label=_("Unit"), required=False)
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    bulan = forms.TypedChoiceField(
        label=_("Bulan"), required=False, choices=MONTH_CHOICES, coerce=int
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = list(units)
        field = self.fields["unit"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (str(unit.pk), "\u00a0\u00a0" * unit.kedalaman + unit.nama) for unit in self.units
        ]

    def chosen(self) -> tuple[Unit | None, int, int]:
        data = self.cleaned_data if self.is_valid() else {}
        wanted = data.get("unit")
        unit = next((u for u in self.units if str(u.pk) == str(wanted)), None)
        if unit is None:
            unit = next(iter(self.units), None)
        now = today()
        return unit, data.get("tahun") or now.year, data.get("bulan") or now.month


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=rules.MAXIMUM_COUNT,
        initial=0,
        required=False,
        error_messages={
            "invalid": _("Harus bilangan bulat."),
            "min_value": _("Tidak boleh negatif."),
            "max_value": _("Paling banyak 31 dalam sebulan."),
        },
        widget=forms.NumberInput(attrs={"min": 0, "max": rules.MAXIMUM_COUNT}),
    )


class KehadiranForm(forms.Form):
    tl1 = _count(_("TL1: terlambat 1–30 menit (kali)"))
    tl2 = _count(_("TL2: terlambat 31–60 menit (kali)"))
    tl3 = _count(_("TL3: terlambat 61–90 menit (kali)"))
    tl4 = _count(_("TL4: terlambat lebih dari 90 menit (kali)"))
    psw1 = _count(_("PSW1: pulang 1–30 menit lebih cepat (kali)"))
    psw2 = _count(_("PSW2: pulang 31–60 menit lebih cepat (kali)"))
    psw3 = _count(_("PSW3: pulang 61–90 menit lebih cepat (kali)"))
    psw4 = _count(_("PSW4: pulang lebih dari 90 menit lebih cepat (kali)"))
    tanpa_rekaman = _count(_("Tidak ada rekaman kehadiran (hari)"))
    tanpa_keterangan = _count(_("Tidak masuk tanpa keterangan (hari)"))
    cuti_alasan_penting = _count(_("Cuti alasan penting (hari)"))
    hukuman_disiplin_sedang = forms.BooleanField(
        label=_("Sedang menjalani hukuman disiplin sedang"), required=False
    )

    def clean(self) -> dict[str, Any]:
        """An empty count is 0 (as in the `kehadiran` sheet)."""
        data = super().clean() or {}
        for name in rules.COUNT_FIELDS:
            if name in data and data[name] is None:
                data[name] = 0
        return data


class HitungUlangForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    tahun = forms.IntegerField(widget=forms.HiddenInput)
    bulan = forms.IntegerField(widget=forms.HiddenInput)
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan alasan penghitungan ulang.")},
    )
