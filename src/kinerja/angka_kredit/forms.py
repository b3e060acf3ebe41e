"""Forms of the credit-point pages: the filters of the unit list (`?unit=`, `?tahun=`); a bad
value is ignored (the page falls back to every unit of the scope and the default year)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.periode import selectors as periode_selectors


class DaftarFilterForm(forms.Form):
    unit = forms.IntegerField(label=_("Unit"), required=False, min_value=1)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100, required=False)

    def chosen_year(self) -> int:
        if self.is_valid() and self.cleaned_data["tahun"]:
            return int(self.cleaned_data["tahun"])
        return periode_selectors.default_tahun(timezone.localdate())

    def chosen_unit(self) -> int | None:
        return self.cleaned_data.get("unit") if self.is_valid() else None


def year_choices(tahun: int) -> list[int]:
    """The opened years for the year switcher, newest first, with the year shown."""
    return sorted({year.tahun for year in periode_selectors.tahun_list()} | {tahun}, reverse=True)
