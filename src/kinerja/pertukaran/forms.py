from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas"),
        help_text=_("Workbook .xlsx, atau satu berkas unit.csv / pegawai.csv (UTF-8, koma)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    berlaku_mulai = forms.DateField(
        label=_("Berlaku mulai"),
        required=False,
        help_text=_("Tanggal mulai riwayat penilai, jabatan dan pengecualian; kosong: hari ini."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    uji_saja = forms.BooleanField(label=_("Uji saja (tanpa menyimpan)"), required=False)
