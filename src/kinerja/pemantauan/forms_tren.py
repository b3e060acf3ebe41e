"""Filters of the trend, projection and early-warning pages. They only parse input: a bad value
is reported on the form and its default used; which unit may be read is `access`'s business."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.aturan.enums import Tren
from kinerja.organisasi.enums import JenisJabatan
from kinerja.pemantauan.selectors.tren import PERIODIK, TAHUNAN


class SaringanForm(forms.Form):
    """`?unit=<id>&jenis_jabatan=<code>`."""

    unit = forms.IntegerField(label=_("Unit"), required=False, min_value=1)
    jenis_jabatan = forms.ChoiceField(
        label=_("Jenis jabatan"),
        required=False,
        choices=[("", _("Semua jenis jabatan")), *JenisJabatan.choices()],
    )

    def chosen(self) -> dict[str, Any]:
        """The valid values; a bad one is left out (and reported on the form)."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}

    def query(self, unit_id: int | None) -> str:
        """The filters to carry to the other pages (tabs, export)."""
        chosen = self.chosen()
        values = {"unit": unit_id, "jenis_jabatan": chosen.get("jenis_jabatan")}
        return _query(values)


class TrenForm(SaringanForm):
    """Also `&jenis=periodik|tahunan&kelas=NAIK|STAGNAN|TURUN|BELUM_CUKUP_DATA`."""

    jenis = forms.ChoiceField(
        label=_("Rangkaian"),
        required=False,
        choices=[(PERIODIK, _("Periodik")), (TAHUNAN, _("Tahunan"))],
    )
    kelas = forms.ChoiceField(
        label=_("Tren"),
        required=False,
        choices=[("", _("Naik, stagnan, dan turun")), *Tren.choices()],
    )

    def trend(self) -> tuple[str, Tren | None]:
        chosen = self.chosen()
        kelas = chosen.get("kelas")
        return chosen.get("jenis") or PERIODIK, Tren(kelas) if kelas else None

    def query_tren(self, unit_id: int | None) -> str:
        """Also the trend's kind and class (the export)."""
        jenis, kelas = self.trend()
        chosen = self.chosen()
        values = {
            "unit": unit_id,
            "jenis_jabatan": chosen.get("jenis_jabatan"),
            "jenis": jenis if jenis != PERIODIK else None,
            "kelas": kelas.value if kelas else None,
        }
        return _query(values)


def _query(values: dict[str, Any]) -> str:
    shown = "&".join(f"{k}={v}" for k, v in values.items() if v not in (None, ""))
    return f"?{shown}" if shown else ""
