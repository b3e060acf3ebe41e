"""The audit filter, shared by the audit page and the API (one parser, one set of messages)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.audit.selectors import AuditFilter

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class AuditFilterForm(forms.Form):
    aksi = forms.CharField(label=_("Aksi"), required=False, max_length=64)
    objek_tipe = forms.CharField(label=_("Jenis objek"), required=False, max_length=64)
    objek_id = forms.CharField(label=_("ID objek"), required=False, max_length=64)
    aktor = forms.CharField(label=_("Pelaku (NIP atau nama)"), required=False, max_length=255)
    dari = forms.DateField(
        label=_("Dari tanggal"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Tanggal 'dari' tidak valid; gunakan format TTTT-BB-HH.")},
    )
    sampai = forms.DateField(
        label=_("Sampai tanggal"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Tanggal 'sampai' tidak valid; gunakan format TTTT-BB-HH.")},
    )
    q = forms.CharField(
        label=_("Cari objek"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        dari, sampai = cleaned.get("dari"), cleaned.get("sampai")
        if dari and sampai and dari > sampai:
            self.add_error("sampai", _("Tanggal 'sampai' tidak boleh sebelum tanggal 'dari'."))
        return cleaned

    def audit_filter(self) -> AuditFilter:
        """The valid part of the filter (invalid fields are left out and shown as errors)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        data = self.cleaned_data
        return AuditFilter(
            aksi=data.get("aksi") or "",
            objek_tipe=data.get("objek_tipe") or "",
            objek_id=data.get("objek_id") or "",
            aktor=(data.get("aktor") or "").strip(),
            dari=data.get("dari"),
            sampai=data.get("sampai"),
            teks=(data.get("q") or "").strip(),
        )
