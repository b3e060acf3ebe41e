"""Forms of the appraiser's verification pages and of HR's monitoring and unlock pages. They
parse input; the services validate the domain rules and their errors are shown as messages or put
back on the fields (`kinerja.core.forms.apply_errors`)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kinerja.organisasi.forms import UnitChoiceField, date_field
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.periode import selectors as periode_selectors
from kinerja.periode.enums import StatusPeriode
from kinerja.periode.models import Periode
from kinerja.realisasi.enums import StatusLaporan
from kinerja.skp.models import Rhk

UNLOCK_DAYS = 7
"""An unlock lasts a week unless HR chooses another day."""
INBOX_STATUSES = (StatusLaporan.DIAJUKAN, StatusLaporan.PERLU_PERBAIKAN, StatusLaporan.SELESAI)


def period_label(periode: Periode) -> str:
    return f"{periode.nama} {periode.tahun.tahun}"


def period_options() -> list[Periode]:
    """The periods that may hold reports (opened at least once, not the annual one), newest
    first (1 query)."""
    return list(
        Periode.objects.select_related("tahun")
        .exclude(kode="TAHUNAN")
        .exclude(status=StatusPeriode.DRAF.value)
        .order_by("-tahun__tahun", "-urutan")
    )


def _pick(options: Sequence[Any], wanted: Any) -> Any:
    """The option whose id is `wanted` (a cleaned choice), if any."""
    return next((item for item in options if str(item.pk) == str(wanted)), None)


class _PeriodChoice(forms.Form):
    """A `periode` choice among the periods that may hold reports (`?periode=<id>`)."""

    periode = forms.ChoiceField(label=pgettext_lazy("satu periode", "Periode"), required=False)
    empty_period_label: Any = _("Semua periode")

    def __init__(self, *args: Any, periods: Sequence[Periode], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = list(periods)
        field = self.fields["periode"]
        assert isinstance(field, forms.ChoiceField)
        options = [(str(item.pk), period_label(item)) for item in self.periods]
        field.choices = (
            [("", self.empty_period_label), *options] if self.empty_period_label else options
        )

    def _cleaned(self, name: str) -> Any:
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None

    def period_asked(self) -> Periode | None:
        return _pick(self.periods, self._cleaned("periode"))


class InboxFilterForm(_PeriodChoice):
    """The appraiser's inbox: a period, a unit among the appraisees' units, a report status.
    Invalid values are ignored (the whole inbox is shown)."""

    unit = forms.ChoiceField(label=_("Unit"), required=False)
    status = forms.ChoiceField(
        label=_("Status laporan"),
        required=False,
        choices=[("", _("Semua status")), *[(s.value, s.label) for s in INBOX_STATUSES]],
    )

    def __init__(
        self, *args: Any, periods: Sequence[Periode], units: Iterable[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, periods=periods, **kwargs)
        self.units = list(units)
        field = self.fields["unit"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Semua unit")), *[(str(u.pk), u.nama) for u in self.units]]

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments."""
        return {
            "periode": self.period_asked(),
            "unit": _pick(self.units, self._cleaned("unit")),
            "status": self._cleaned("status") or "",
        }

    def filtered(self) -> bool:
        return any(self.filters().values())


def appraisee_units(penilai_id: int) -> QuerySet[Unit]:
    """The units the appraiser's current appraisees work in (the inbox's unit filter)."""
    return (
        Unit.objects.filter(pegawai__penilai_id=penilai_id, pegawai__aktif=True)
        .distinct()
        .order_by("kedalaman", "kode")
    )


class MonitoringFilterForm(_PeriodChoice):
    """HR monitoring: the period (the current one by default) and the unit drilled into."""

    empty_period_label = None
    unit = forms.IntegerField(required=False, min_value=1)

    def chosen_period(self, today: datetime.date) -> Periode | None:
        """The period asked for, else today's period when it may hold reports, else the newest
        one that may."""
        asked = self.period_asked()
        if asked is not None:
            return asked
        current = periode_selectors.periode_current(today)
        return _pick(self.periods, current.pk if current else None) or next(
            iter(self.periods), None
        )

    def chosen_unit(self) -> int | None:
        return self._cleaned("unit")


# --- Verification ----------------------------------------------------------------------------


class _Back(forms.Form):
    """`next`: where to go back to (used only when it is a local address)."""

    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)


class VerdictForm(_Back):
    """A verdict on one item. The service checks the verdict and that a note explains every
    verdict other than acceptance."""

    status = forms.CharField(label=_("Hasil verifikasi"), required=False, max_length=20)
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AcceptAllForm(_Back):
    """Accept every waiting item, once the appraiser states they reviewed them."""

    diperiksa = forms.BooleanField(
        label=_("Saya telah memeriksa semua bukti dukung yang menunggu verifikasi."),
        error_messages={
            "required": _(
                "Centang pernyataan bahwa Anda telah memeriksa semua bukti dukung yang menunggu."
            )
        },
    )


class FeedbackForm(_Back):
    """Feedback on one RHK of the report's plan (`rhk`) or on one BerAKHLAK value (`nilai`);
    empty text removes it."""

    rhk = forms.IntegerField(required=False, min_value=1)
    nilai = forms.CharField(required=False, max_length=32)
    isi = forms.CharField(
        label=_("Umpan balik"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, rhk_choices: Sequence[Rhk], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rhk_choices = list(rhk_choices)

    def clean_rhk(self) -> Rhk | None:
        wanted = self.cleaned_data.get("rhk")
        if wanted is None:
            return None
        found = _pick(self.rhk_choices, wanted)
        if found is None:
            raise ValidationError(_("RHK ini bukan bagian dari SKP laporan ini."))
        return found

    def service_arguments(self) -> dict[str, Any]:
        return {
            "rhk": self.cleaned_data["rhk"],
            "nilai": self.cleaned_data["nilai"].strip(),
            "isi": self.cleaned_data["isi"],
        }


# --- Unlocking -------------------------------------------------------------------------------


def unlock_default_until(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=UNLOCK_DAYS)


class UnlockForm(forms.Form):
    """Unlock one employee (by NIP) or one unit for a period until a day, with a reason. The
    service refuses neither or both, a missing reason and a past day."""

    periode = forms.ChoiceField(label=pgettext_lazy("satu periode", "Periode"))
    nip = forms.CharField(
        label=_("NIP pegawai"),
        required=False,
        max_length=18,
        help_text=_("Isi NIP untuk membuka kunci satu pegawai, atau pilih unit di bawah."),
    )
    unit = UnitChoiceField(
        label=_("Unit (beserta sub-unitnya)"), queryset=Unit.objects.none(), required=False
    )
    sampai = date_field(_("Berlaku sampai"))
    alasan = forms.CharField(
        label=_("Alasan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        periods: Sequence[Periode],
        employees: QuerySet[Pegawai],
        units: QuerySet[Unit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.periods = list(periods)
        self.employees = employees
        periode = self.fields["periode"]
        assert isinstance(periode, forms.ChoiceField)
        periode.choices = [(str(item.pk), period_label(item)) for item in self.periods]
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = units.filter(aktif=True).order_by("jalur")
        unit.empty_label = _("(tidak memilih unit)")

    def clean_periode(self) -> Periode:
        found = _pick(self.periods, self.cleaned_data.get("periode"))
        if found is None:
            raise ValidationError(_("Pilih periode."))
        return found

    def clean_nip(self) -> Pegawai | None:
        nip = (self.cleaned_data.get("nip") or "").strip()
        if not nip:
            return None
        found = self.employees.filter(nip=nip).select_related("unit").first()
        if found is None:
            raise ValidationError(
                _("Tidak ada pegawai dengan NIP %(nip)s dalam lingkup Anda."), params={"nip": nip}
            )
        return found

    def target_paths(self) -> list[str]:
        """The unit paths the unlock touches (each must be managed by the user)."""
        pegawai, unit = self.cleaned_data.get("nip"), self.cleaned_data.get("unit")
        return [item.jalur for item in (pegawai.unit if pegawai else None, unit) if item]

    def service_arguments(self) -> dict[str, Any]:
        return {
            "periode": self.cleaned_data["periode"],
            "pegawai": self.cleaned_data["nip"],
            "unit": self.cleaned_data["unit"],
            "sampai": self.cleaned_data["sampai"],
            "alasan": self.cleaned_data["alasan"],
        }


def unlock_initial(query: Any, today: datetime.date) -> dict[str, Any]:
    """The form's first values: the period, employee or unit named in the address (links from
    the monitoring page), and a week from today."""
    return {
        "periode": query.get("periode", ""),
        "nip": query.get("nip", ""),
        "unit": query.get("unit", ""),
        "sampai": unlock_default_until(today),
    }


def today() -> datetime.date:
    return timezone.localdate()
