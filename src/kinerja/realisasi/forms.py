"""Forms of the employee's realisation pages. They parse input; the services validate the domain
rules (numbers written the Indonesian way, file types by content, links, what may change when)
and their errors are put back on the fields (`kinerja.core.forms.apply_errors`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kinerja.realisasi.enums import JenisBukti
from kinerja.realisasi.models import BuktiDukung, Realisasi
from kinerja.skp.enums import Pendekatan
from kinerja.skp.forms import target_input
from kinerja.skp.models import Indikator, Rhk, Skp

ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx,.odt,.ods,.odp"
"""A hint for the browser's file picker only: the type is checked by content."""


def _wajib(field: forms.Field) -> forms.Field:
    """A field the page marks as required while the service checks it (and says why)."""
    field.wajib = True  # type: ignore[attr-defined]
    return field


def _file_field(label: Any) -> forms.FileField:
    # Empty files reach the service, which refuses them with its own message.
    return forms.FileField(
        label=label,
        required=False,
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


def _link_field(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=1000,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("Alamat http:// atau https://, mis. berkas di penyimpanan daring instansi."),
    )


def _one_source(form: forms.Form, *, required: bool) -> None:
    """A file or a link, never both (and one of them when adding an item)."""
    berkas = form.cleaned_data.get("berkas")
    tautan = (form.cleaned_data.get("tautan") or "").strip()
    if berkas and tautan:
        raise ValidationError(_("Pilih salah satu: unggah berkas atau isi tautan, bukan keduanya."))
    if required and not berkas and not tautan:
        raise ValidationError(_("Unggah berkas atau isi tautan bukti dukung."))


class RhkChoiceField(forms.ModelChoiceField):
    """An RHK of the report's plan, shown with its code."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.kode} {obj.uraian}"


class RealisasiForm(forms.Form):
    """What was achieved against one indicator: a number typed the Indonesian way ("97,5") for
    a kuantitatif plan, a narrative for a kualitatif one."""

    def __init__(
        self,
        *args: Any,
        pendekatan: str,
        indikator: Indikator,
        realisasi: Realisasi | None = None,
        **kwargs: Any,
    ) -> None:
        if realisasi is not None:
            kwargs.setdefault(
                "initial",
                {"nilai": target_input(realisasi.nilai), "narasi": realisasi.narasi},
            )
        kwargs.setdefault("auto_id", f"id_realisasi{indikator.pk}_%s")
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        self.kualitatif = pendekatan == Pendekatan.KUALITATIF
        if self.kualitatif:
            self.fields["narasi"] = _wajib(
                forms.CharField(
                    label=_("Realisasi (naratif)"),
                    required=False,
                    max_length=5000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            )
        else:
            satuan = indikator.target_satuan
            self.fields["nilai"] = _wajib(
                forms.CharField(
                    label=_("Realisasi"),
                    required=False,
                    max_length=30,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
                    help_text=(
                        _("Dalam %(satuan)s; angka, mis. 12 atau 97,5.") % {"satuan": satuan}
                        if satuan
                        else _("Angka, mis. 12 atau 97,5.")
                    ),
                )
            )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"nilai": data.get("nilai") or None, "narasi": data.get("narasi", "")}


class BuktiForm(forms.Form):
    """A new evidence item for an RHK of the report's plan: a file or a link, described."""

    rhk = RhkChoiceField(
        label=_("RHK"),
        queryset=Rhk.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Pilih RHK dari SKP laporan ini.")},
    )
    uraian = _wajib(
        forms.CharField(
            label=_("Keterangan"),
            required=False,
            max_length=500,
            help_text=_("Mis. Notulen rapat koordinasi 12 Oktober."),
        )
    )
    berkas = _file_field(_("Berkas"))
    tautan = _link_field(_("Atau tautan"))

    def __init__(
        self,
        *args: Any,
        skp: Skp,
        rhk: Rhk | None = None,
        inline: bool = False,
        **kwargs: Any,
    ) -> None:
        if rhk is not None:
            kwargs.setdefault("initial", {"rhk": rhk.pk})
        kwargs.setdefault("auto_id", f"id_bukti-baru{rhk.pk if rhk else ''}_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["rhk"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Rhk.objects.filter(skp_id=skp.pk).order_by("-jenis", "urutan", "pk")
        if rhk is not None or inline:
            # On the report page each RHK has its own form (shown again in place): the RHK is
            # fixed.
            field.widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _one_source(self, required=True)
        return data


class BuktiUpdateForm(forms.Form):
    """Change an item's description and, optionally, replace its file or link."""

    uraian = _wajib(forms.CharField(label=_("Keterangan"), required=False, max_length=500))
    berkas = _file_field(_("Ganti berkas"))
    tautan = _link_field(_("Atau ganti dengan tautan"))

    def __init__(self, *args: Any, bukti: BuktiDukung, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"uraian": bukti.uraian, "tautan": bukti.tautan})
        kwargs.setdefault("auto_id", f"id_bukti{bukti.pk}_%s")
        super().__init__(*args, **kwargs)
        self.bukti = bukti
        if bukti.jenis == JenisBukti.TAUTAN:
            self.fields["tautan"].label = _("Tautan")
            self.fields["berkas"].label = _("Atau ganti dengan berkas")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _one_source(self, required=False)
        return data

    def service_arguments(self) -> dict[str, Any]:
        """The service's arguments; an unchanged link is not sent again (it would count as a
        new upload)."""
        data = self.cleaned_data
        upload = data.get("berkas")
        tautan = (data.get("tautan") or "").strip()
        return {
            "uraian": data["uraian"],
            "fileobj": upload or None,
            "nama_berkas": upload.name if upload else "",
            "tautan": "" if tautan == self.bukti.tautan else tautan,
        }
