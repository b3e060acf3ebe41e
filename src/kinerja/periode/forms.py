"""Forms of the period pages. They parse input; the services validate the domain rules and their
errors are put back on the fields (`kinerja.core.forms.apply_errors`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.organisasi.forms import date_field
from kinerja.periode.enums import JenisPeriode
from kinerja.periode.models import Periode, TahunKinerja

ASPEK_BIAYA_HELP = _("Selain Kuantitas, Kualitas dan Waktu, IKI dapat memakai aspek Biaya.")


def _aspek_biaya_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Gunakan aspek Biaya"), required=False, help_text=ASPEK_BIAYA_HELP
    )


class TahunOpenForm(forms.Form):
    """Open a performance year; empty SKP deadlines take the service's defaults."""

    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    jenis_periode = forms.ChoiceField(
        label=_("Jenis periode"),
        choices=JenisPeriode.choices(),
        initial=JenisPeriode.TRIWULAN.value,
        help_text=_("Triwulan: TW1–TW4; bulanan: Januari–Desember. Periode tahunan selalu ada."),
    )
    batas_pengajuan_skp = date_field(_("Batas pengajuan SKP"), required=False)
    batas_persetujuan_skp = date_field(_("Batas persetujuan SKP"), required=False)
    aspek_biaya = _aspek_biaya_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["batas_pengajuan_skp"].help_text = _("Kosongkan untuk 31 Januari tahun itu.")
        self.fields["batas_persetujuan_skp"].help_text = _(
            "Kosongkan untuk 14 hari setelah batas pengajuan."
        )


class TahunUpdateForm(forms.Form):
    """A year's settings (how it is divided cannot change once its periods exist)."""

    batas_pengajuan_skp = date_field(_("Batas pengajuan SKP"))
    batas_persetujuan_skp = date_field(_("Batas persetujuan SKP"))
    aspek_biaya = _aspek_biaya_field()

    def __init__(self, *args: Any, tahun: TahunKinerja, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "batas_pengajuan_skp": tahun.batas_pengajuan_skp,
                "batas_persetujuan_skp": tahun.batas_persetujuan_skp,
                "aspek_biaya": tahun.aspek_biaya,
            },
        )
        super().__init__(*args, **kwargs)


class PeriodeUpdateForm(forms.Form):
    """A period's deadlines. Field ids carry the period's id: the detail page holds one form
    per period."""

    batas_realisasi = date_field(_("Batas realisasi"))
    batas_verifikasi = date_field(_("Batas verifikasi"))
    batas_penilaian = date_field(_("Batas penilaian"))

    def __init__(self, *args: Any, periode: Periode, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "batas_realisasi": periode.batas_realisasi,
                "batas_verifikasi": periode.batas_verifikasi,
                "batas_penilaian": periode.batas_penilaian,
            },
        )
        kwargs.setdefault("auto_id", f"id_periode{periode.pk}_%s")
        super().__init__(*args, **kwargs)


class TransisiForm(forms.Form):
    """The reason of a change of a period's state (the service says when it is required)."""

    alasan = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
