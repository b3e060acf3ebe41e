"""Forms of the appraiser's pages: the period of the list of appraisees, and the rating form
built from the form data (a select per RHK and per BerAKHLAK value, the two overall ratings, the
notes). They parse input: a choice must be a rating; the service checks what may be rated when
and which codes belong to the plan."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kinerja.aturan.enums import Rating
from kinerja.penilaian.selectors import FormPenilaian, IndikatorNilai, NilaiPerilaku, RhkNilai
from kinerja.periode import selectors as periode_selectors
from kinerja.periode.enums import StatusPeriode
from kinerja.periode.models import Periode
from kinerja.realisasi.enums import StatusBukti
from kinerja.skp.enums import Aspek

NOT_A_RATING = _("Pilih salah satu: Di Atas, Sesuai atau Di Bawah Ekspektasi.")
VERDICTS = (
    StatusBukti.DITERIMA,
    StatusBukti.PERLU_PERBAIKAN,
    StatusBukti.DITOLAK,
    StatusBukti.MENUNGGU,
)


# --- The period of the list ------------------------------------------------------------------


def period_label(periode: Periode) -> str:
    return f"{periode.nama} {periode.tahun.tahun}"


def period_options() -> list[Periode]:
    """The periods that may be rated or looked back on (every year, not draft), newest first
    (1 query)."""
    return list(
        Periode.objects.select_related("tahun")
        .exclude(status=StatusPeriode.DRAF.value)
        .order_by("-tahun__tahun", "-urutan")
    )


class PeriodeForm(forms.Form):
    """`?periode=<id>` among the periods offered; an unknown one falls back to the default."""

    periode = forms.ChoiceField(label=pgettext_lazy("satu periode", "Periode"), required=False)

    def __init__(self, *args: Any, periods: Sequence[Periode], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = list(periods)
        field = self.fields["periode"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(item.pk), period_label(item)) for item in self.periods]

    def _find(self, wanted: Any) -> Periode | None:
        return next((item for item in self.periods if str(item.pk) == str(wanted)), None)

    def chosen(self, today: datetime.date) -> Periode | None:
        """The period asked for, else the open period holding today, else the newest one."""
        asked = self._find(self.cleaned_data.get("periode")) if self.is_valid() else None
        if asked is not None:
            return asked
        current = periode_selectors.periode_current(today)
        if current is not None and current.status == StatusPeriode.DIBUKA:
            found = self._find(current.pk)
            if found is not None:
                return found
        return next(iter(self.periods), None)


# --- The rating form -------------------------------------------------------------------------


def _rating_field(label: Any, *, required: bool, missing: Any = None) -> forms.ChoiceField:
    empty = _("— pilih rating —") if required else _("— belum dinilai —")
    return forms.ChoiceField(
        label=label,
        required=required,
        choices=[("", empty), *Rating.choices()],
        error_messages={"required": missing or NOT_A_RATING, "invalid_choice": NOT_A_RATING},
    )


@dataclass(frozen=True)
class BarisRhk:
    """One RHK of the form: the form data, its select, and its indicators with the aspect's
    label and its evidence verdict counts in a fixed order."""

    item: RhkNilai
    field: BoundField
    indikator: list[tuple[IndikatorNilai, str]]
    bukti: list[tuple[str, int]]

    @property
    def jenis(self) -> str:
        return str(self.item.rhk.get_jenis_display())


@dataclass(frozen=True)
class BarisNilai:
    item: NilaiPerilaku
    field: BoundField


def _aspek(code: str) -> str:
    found = Aspek.parse(code)
    return str(found.label) if found else code


class PenilaianForm(forms.Form):
    """The ratings of one employee for one period. Fields `rhk_<kode>` (one per RHK of the
    approved plan) and `nilai_<kode>` (one per BerAKHLAK value) are optional; the two overall
    ratings are required. Initial values are the saved (or pre-filled, or suggested) ones."""

    rating_hasil = _rating_field(
        _("Rating hasil kerja"), required=True, missing=_("Pilih rating hasil kerja.")
    )
    rating_perilaku = _rating_field(
        _("Rating perilaku kerja"), required=True, missing=_("Pilih rating perilaku kerja.")
    )
    catatan = forms.CharField(
        label=_("Catatan dan rekomendasi"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, data: Any = None, *, formulir: FormPenilaian, **kwargs: Any) -> None:
        initial = {
            "rating_hasil": formulir.rating_hasil.value if formulir.rating_hasil else "",
            "rating_perilaku": formulir.rating_perilaku.value if formulir.rating_perilaku else "",
            "catatan": formulir.catatan,
        }
        for item in formulir.rhk:
            initial[f"rhk_{item.rhk.kode}"] = item.rating.value if item.rating else ""
        for value in formulir.perilaku:
            initial[f"nilai_{value.kode}"] = value.rating.value if value.rating else ""
        super().__init__(data, initial=initial, **kwargs)
        self.formulir = formulir
        for item in formulir.rhk:
            self.fields[f"rhk_{item.rhk.kode}"] = _rating_field(
                _("Rating RHK %(kode)s") % {"kode": item.rhk.kode}, required=False
            )
        for value in formulir.perilaku:
            self.fields[f"nilai_{value.kode}"] = _rating_field(
                _("Rating %(nilai)s") % {"nilai": value.nama}, required=False
            )

    # The rows the template shows, each with its select.

    def rhk_rows(self) -> list[BarisRhk]:
        return [
            BarisRhk(
                item,
                self[f"rhk_{item.rhk.kode}"],
                [(ind, _aspek(ind.aspek)) for ind in item.indikator],
                [(str(status.label), item.verdicts.get(status.value, 0)) for status in VERDICTS],
            )
            for item in self.formulir.rhk
        ]

    def nilai_rows(self) -> list[BarisNilai]:
        return [BarisNilai(value, self[f"nilai_{value.kode}"]) for value in self.formulir.perilaku]

    # What was chosen (valid choices only, also when the form as a whole is not valid).

    def _chosen(self, name: str) -> Rating | None:
        if not self.is_bound:
            return None
        self.is_valid()
        value = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None
        return Rating(value) if value else None

    def ratings(self) -> tuple[Rating | None, Rating | None]:
        """(result, behaviour) as chosen; None for a missing or invalid choice."""
        return self._chosen("rating_hasil"), self._chosen("rating_perilaku")

    def draft(self) -> dict[str, dict[str, str]]:
        """The chosen RHK and value ratings (`selectors.form_data(..., draft=...)`)."""
        rhk = {item.rhk.kode: self._chosen(f"rhk_{item.rhk.kode}") for item in self.formulir.rhk}
        nilai = {
            value.kode: self._chosen(f"nilai_{value.kode}") for value in self.formulir.perilaku
        }
        return {
            "rating_rhk": {kode: rating.value for kode, rating in rhk.items() if rating},
            "rating_nilai": {kode: rating.value for kode, rating in nilai.items() if rating},
        }

    def service_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of `services.penilaian_save` (after `is_valid()`)."""
        hasil, perilaku = self.ratings()
        return {
            "rating_hasil": hasil,
            "rating_perilaku": perilaku,
            **self.draft(),
            "catatan": self.cleaned_data["catatan"],
        }
