"""The filters of the monitoring pages: `?unit=<id>&periode=<id>&jenis_jabatan=<code>&tahun=<year>`
(the year only narrows the period list), the page of the late list (`halaman`) and of the
sub-units (`hal_unit`). A bad value is
reported on the form and its default used."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.organisasi.enums import JenisJabatan

TAHUN_MIN, TAHUN_MAX = 2000, 2100


@dataclass(frozen=True)
class Pilihan:
    """The valid values asked for (None / "" when absent or bad)."""

    unit_id: int | None
    periode_id: int | None
    jenis_jabatan: str
    tahun: int | None
    halaman: int
    halaman_unit: int = 1


class SaringanForm(forms.Form):
    unit = forms.IntegerField(label=_("Unit"), required=False, min_value=1)
    periode = forms.IntegerField(label=_("Periode"), required=False, min_value=1)
    jenis_jabatan = forms.ChoiceField(
        label=_("Jenis jabatan"),
        required=False,
        choices=[("", _("Semua jenis jabatan")), *JenisJabatan.choices()],
    )
    tahun = forms.IntegerField(
        label=_("Tahun"), required=False, min_value=TAHUN_MIN, max_value=TAHUN_MAX
    )
    halaman = forms.IntegerField(label=_("Halaman"), required=False, min_value=1)
    hal_unit = forms.IntegerField(label=_("Halaman sub-unit"), required=False, min_value=1)

    def chosen(self) -> Pilihan:
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return Pilihan(
            unit_id=data.get("unit"),
            periode_id=data.get("periode"),
            jenis_jabatan=data.get("jenis_jabatan") or "",
            tahun=data.get("tahun"),
            halaman=data.get("halaman") or 1,
            halaman_unit=data.get("hal_unit") or 1,
        )

    def periode_unknown(self) -> None:
        """Report that the period asked for is not a started period (the default is shown)."""
        self.add_error("periode", _("Periode tidak ditemukan; periode bawaan ditampilkan."))
