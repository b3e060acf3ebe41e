"""Forms of the appraiser's pages, the matrix, the organisation goals and the completion report.
They parse input; the services validate the domain rules and their errors are shown as messages
or put back on the fields (`kinerja.core.forms.apply_errors`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.periode import selectors as periode_selectors
from kinerja.skp.enums import JenisRhk, StatusSkp
from kinerja.skp.models import SasaranOrganisasi

TANPA_SKP = "TANPA_SKP"
INDIKATOR_PREFIX = "indikator"
BLANK_INDIKATOR_ROWS = 3


class IdListField(forms.Field):
    """A list of record ids (repeated form values such as checked boxes)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("Pilihan tidak sah.")}

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        try:
            return [int(item) for item in value]
        except (TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class YearForm(forms.Form):
    """`?tahun=`: the year a page shows (this year if opened, else the latest opened one)."""

    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100, required=False)

    def chosen_year(self) -> int:
        if self.is_valid() and self.cleaned_data["tahun"]:
            return int(self.cleaned_data["tahun"])
        return periode_selectors.default_tahun(timezone.localdate())


def year_choices(tahun: int) -> list[int]:
    """The opened years for a year switcher, newest first, with the year shown."""
    return sorted({year.tahun for year in periode_selectors.tahun_list()} | {tahun}, reverse=True)


class InboxFilterForm(YearForm):
    """The appraiser's inbox: the year and a status (or "no plan yet")."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua")), *StatusSkp.choices(), (TANPA_SKP, _("Belum ada SKP"))],
    )

    def chosen_status(self) -> str:
        return str(self.cleaned_data.get("status") or "") if self.is_valid() else ""


class CompletionFilterForm(YearForm):
    """The completion report: the year and the unit drilled into (`?unit=`)."""

    unit = forms.IntegerField(required=False, min_value=1)

    def chosen_unit(self) -> int | None:
        return self.cleaned_data.get("unit") if self.is_valid() else None


class GoalFilterForm(CompletionFilterForm):
    """The organisation goals: the unit (`?unit=`) and the year."""


class DecisionForm(forms.Form):
    """Approve or return a submitted plan. The note is optional to approve and required to
    return (the service says so); `next` is where to go back to."""

    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class PushForm(forms.Form):
    """Push one of the appraiser's RHKs to several appraisees at once."""

    pegawai = IdListField(label=_("Bawahan"), required=False)
    uraian = forms.CharField(
        label=_("Uraian RHK bawahan"),
        required=False,
        max_length=2000,
        help_text=_("Kosongkan untuk memakai uraian RHK Anda."),
    )
    jenis = forms.ChoiceField(label=_("Jenis"), choices=JenisRhk.choices(), required=False)

    def service_arguments(self) -> dict[str, Any]:
        return {
            "pegawai_ids": self.cleaned_data["pegawai"],
            "uraian": self.cleaned_data["uraian"],
            "jenis": self.cleaned_data["jenis"] or JenisRhk.UTAMA.value,
        }


class LinkForm(forms.Form):
    """Link a subordinate's RHK to one of the appraiser's RHKs (empty: unlink it)."""

    rhk_atasan = forms.IntegerField(label=_("RHK Anda"), required=False, min_value=1)


class GoalIndicatorForm(forms.Form):
    """One indicator row of an organisation goal; a blank row is skipped."""

    uraian = forms.CharField(
        label=_("Indikator kinerja"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    target = forms.CharField(label=_("Target"), required=False, max_length=100)
    satuan = forms.CharField(label=_("Satuan"), required=False, max_length=50)


GoalIndicatorFormSet = forms.formset_factory(
    GoalIndicatorForm, extra=BLANK_INDIKATOR_ROWS, max_num=50, validate_max=True
)


class GoalForm(forms.Form):
    """An organisation goal with its indicators as rows (a formset under `indikator-`)."""

    kode = forms.CharField(label=_("Kode"), max_length=30)
    uraian = forms.CharField(
        label=_("Sasaran strategis"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, data: Any = None, *, sasaran: SasaranOrganisasi | None = None, **kwargs: Any
    ) -> None:
        rows: Sequence[dict[str, Any]] = []
        if sasaran is not None:
            kwargs.setdefault("initial", {"kode": sasaran.kode, "uraian": sasaran.uraian})
            rows = [
                {"uraian": item.uraian, "target": item.target, "satuan": item.satuan}
                for item in sasaran.indikator.all()
            ]
        super().__init__(data, **kwargs)
        self.indikator = GoalIndicatorFormSet(data, prefix=INDIKATOR_PREFIX, initial=rows)

    def is_valid(self) -> bool:
        own = super().is_valid()
        return self.indikator.is_valid() and own

    def service_arguments(self) -> dict[str, Any]:
        return {
            "kode": self.cleaned_data["kode"],
            "uraian": self.cleaned_data["uraian"],
            "indikator": [row for row in self.indikator.cleaned_data if row],
        }
