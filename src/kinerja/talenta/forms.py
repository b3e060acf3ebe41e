"""Forms of the talent pages. They only parse input; the services validate (what a plan needs,
one running plan, what closing and cancelling need) and their errors go back on the form."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.organisasi.models import Pegawai
from kinerja.penilaian.models import Penilaian
from kinerja.talenta.enums import StatusPerbaikan, TindakLanjut
from kinerja.talenta.selectors import default_year

TEXT_MAX = 5000
TAHUN_MIN, TAHUN_MAX = 2000, 2100


class SaringanForm(forms.Form):
    """`?unit=<id>&tahun=<year>`; a bad year is reported and the default year used."""

    unit = forms.IntegerField(label=_("Unit"), required=False, min_value=1)
    tahun = forms.IntegerField(
        label=_("Tahun"), required=False, min_value=TAHUN_MIN, max_value=TAHUN_MAX
    )

    def chosen(self) -> tuple[int | None, int]:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("unit"), data.get("tahun") or default_year()


def _text(label: Any, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX}),
    )


class RencanaForm(forms.Form):
    """A new improvement plan; the service checks the rest (one running plan, sasaran)."""

    penilaian = forms.TypedChoiceField(
        label=_("Berdasarkan penilaian"), required=False, coerce=int, empty_value=None
    )
    sasaran = _text(_("Sasaran perbaikan"))
    mulai = forms.DateField(
        label=_("Mulai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Kosongkan untuk hari ini. Selesai dihitung dari set aturan."),
    )
    pembimbing = forms.CharField(
        label=_("NIP pembimbing"),
        required=False,
        max_length=18,
        help_text=_("Kosongkan untuk pejabat penilai pegawai."),
    )

    def __init__(self, *args: Any, assessments: list[Penilaian], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.assessments = {item.pk: item for item in assessments}
        field = self.fields["penilaian"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            ("", _("— tanpa penilaian —")),
            *[
                (
                    str(item.pk),
                    f"{item.periode.nama} {item.periode.tahun.tahun}: "
                    f"{item.get_predikat_display()} ({item.get_status_display()})",
                )
                for item in assessments
            ],
        ]

    def clean_pembimbing(self) -> Pegawai | None:
        nip = self.cleaned_data.get("pembimbing", "").strip()
        if not nip:
            return None
        found = Pegawai.objects.filter(nip=nip, aktif=True).first()
        if found is None:
            raise forms.ValidationError(_("Tidak ada pegawai aktif dengan NIP ini."))
        return found

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "sasaran": data["sasaran"],
            "mulai": data.get("mulai"),
            "penilaian": self.assessments.get(data.get("penilaian") or 0),
            "pembimbing": data.get("pembimbing"),
        }


class CatatanForm(forms.Form):
    tanggal = forms.DateField(
        label=_("Tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    isi = _text(_("Catatan"))

    def service_arguments(self) -> dict[str, Any]:
        tanggal: datetime.date | None = self.cleaned_data.get("tanggal")
        return {"isi": self.cleaned_data["isi"], "tanggal": tanggal}


class TutupForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Hasil"),
        required=False,
        choices=[
            ("", _("— pilih hasil —")),
            (StatusPerbaikan.BERHASIL.value, StatusPerbaikan.BERHASIL.label),
            (StatusPerbaikan.TIDAK_BERHASIL.value, StatusPerbaikan.TIDAK_BERHASIL.label),
        ],
    )
    hasil = _text(_("Hasil evaluasi"))
    tindak_lanjut = forms.ChoiceField(
        label=_("Tindak lanjut (bila tidak berhasil)"),
        required=False,
        choices=[("", _("— tidak ada —")), *TindakLanjut.choices()],
    )


class BatalForm(forms.Form):
    alasan = _text(_("Alasan pembatalan"))


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *StatusPerbaikan.choices()],
    )
