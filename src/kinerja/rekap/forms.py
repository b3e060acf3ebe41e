"""The recap form: year, period (those that exist), unit (those the user reads), format."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from kinerja.organisasi.models import Unit
from kinerja.periode.models import Periode


class RekapForm(forms.Form):
    tahun = forms.TypedChoiceField(label=gettext_lazy("Tahun"), coerce=int)
    periode = forms.ChoiceField(label=pgettext_lazy("satu periode", "Periode"))
    unit = forms.CharField(label=gettext_lazy("Unit"), required=False, widget=forms.Select)
    """Any unit id is accepted here; the service refuses one outside the user's scope."""
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("xlsx", "XLSX (Excel)"), ("csv", "CSV"), ("json", "JSON")],
    )

    def __init__(
        self, *args: Any, periods: list[Periode], units: list[Unit], agency: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.periods = periods
        self.units = {str(unit.pk): unit for unit in units}
        years = sorted({p.tahun.tahun for p in periods}, reverse=True)
        codes: list[str] = []
        for item in periods:
            if item.kode not in codes:
                codes.append(item.kode)
        self.fields["tahun"].choices = [(str(y), str(y)) for y in years]  # type: ignore[attr-defined]
        self.fields["periode"].choices = [(c, c) for c in codes]  # type: ignore[attr-defined]
        everything = [("", _("Seluruh instansi"))] if agency else [("", _("— pilih unit —"))]
        self.fields["unit"].widget.choices = everything + [
            (str(unit.pk), f"{unit.kode} — {unit.nama}") for unit in units
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        tahun, kode = data.get("tahun"), data.get("periode")
        if tahun is not None and kode:
            found = next(
                (p for p in self.periods if p.tahun.tahun == tahun and p.kode == kode), None
            )
            if found is None:
                self.add_error(
                    "periode",
                    _("Periode %(kode)s %(tahun)s tidak dikenal.") % {"kode": kode, "tahun": tahun},
                )
            data["periode_obj"] = found
        wanted = str(data.get("unit") or "")
        data["unit_obj"] = None
        if wanted:
            unit = self.units.get(wanted)
            if unit is None and wanted.isdigit():
                unit = Unit.objects.filter(pk=int(wanted)).first()
            if unit is None:
                self.add_error("unit", _("Unit tidak ada atau di luar lingkup Anda."))
            data["unit_obj"] = unit
        return data
