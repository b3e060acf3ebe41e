"""Forms of the SKP pages. They parse input; the services validate the domain rules and their
errors are put back on the fields (`kinerja.core.forms.apply_errors`). Choices (the appraiser's
RHKs, organisation goals, the aspects of the year) are given by the views from the selectors;
the chosen value is checked again by the service, whose message is shown."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.skp import rules
from kinerja.skp.enums import Aspek, JenisRhk, Pendekatan, Perspektif
from kinerja.skp.models import Indikator, Rhk, SasaranOrganisasi, Skp

LAMPIRAN_HELP = _("Satu butir per baris.")


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _optional_id(label: Any, choices: list[tuple[Any, str]]) -> forms.IntegerField:
    """An id picked from a list; the service checks it (an unknown id gets its message)."""
    return forms.IntegerField(
        label=label, required=False, widget=forms.Select(choices=[("", "—"), *choices])
    )


def _wajib(field: forms.Field) -> forms.Field:
    """A field the page marks as required while the service checks it (and says why)."""
    field.wajib = True  # type: ignore[attr-defined]
    return field


def target_input(value: Decimal | None) -> str:
    """A target as it is typed back into the form, the Indonesian way: 97.5 -> "97,5"."""
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")


# --- The plan ---------------------------------------------------------------------------------


class SkpCreateForm(forms.Form):
    """A new plan for a year, with its approach."""

    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    pendekatan = forms.ChoiceField(
        label=_("Pendekatan"),
        choices=Pendekatan.choices(),
        initial=Pendekatan.KUANTITATIF.value,
        help_text=_(
            "Kuantitatif: setiap IKI memiliki target berupa angka dan satuan. Kualitatif: "
            "target diuraikan secara naratif."
        ),
    )

    def __init__(self, *args: Any, fixed_year: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if fixed_year:
            self.fields["tahun"].widget = forms.HiddenInput()


class SkpCopyForm(forms.Form):
    """Copy the latest earlier plan into a year."""

    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)


class SkpUpdateForm(forms.Form):
    """The approach and the Lampiran of an editable plan."""

    pendekatan = forms.ChoiceField(label=_("Pendekatan"), choices=Pendekatan.choices())
    dukungan_sumber_daya = forms.CharField(
        label=_("Dukungan sumber daya"),
        required=False,
        widget=_textarea(4),
        help_text=LAMPIRAN_HELP,
    )
    skema_pertanggungjawaban = forms.CharField(
        label=_("Skema pertanggungjawaban"),
        required=False,
        widget=_textarea(4),
        help_text=LAMPIRAN_HELP,
    )
    konsekuensi = forms.CharField(
        label=_("Konsekuensi"), required=False, widget=_textarea(4), help_text=LAMPIRAN_HELP
    )

    def __init__(self, *args: Any, skp: Skp, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "pendekatan": skp.pendekatan,
                "dukungan_sumber_daya": skp.dukungan_sumber_daya,
                "skema_pertanggungjawaban": skp.skema_pertanggungjawaban,
                "konsekuensi": skp.konsekuensi,
            },
        )
        super().__init__(*args, **kwargs)


class EkspektasiForm(forms.Form):
    """The leader's specific expectation for each BerAKHLAK value (one field per value, named
    by its code)."""

    def __init__(
        self,
        *args: Any,
        nilai: Sequence[Mapping[str, Any]],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {item["kode"]: item["ekspektasi"] for item in nilai})
        super().__init__(*args, **kwargs)
        self.nilai = list(nilai)
        for item in self.nilai:
            self.fields[item["kode"]] = forms.CharField(
                label=item["nama"],
                required=False,
                max_length=2000,
                widget=_textarea(2),
                help_text="; ".join(item["panduan"]),
            )

    def rows(self) -> list[tuple[Mapping[str, Any], forms.BoundField]]:
        """Each value with its field, for the page's table."""
        return [(item, self[item["kode"]]) for item in self.nilai]


class AlasanRevisiForm(forms.Form):
    """Open a revision of an approved plan; the service requires the reason."""

    alasan = _wajib(
        forms.CharField(
            label=_("Alasan revisi"),
            required=False,
            max_length=2000,
            widget=_textarea(3),
            help_text=_("Mis. mutasi, perubahan tugas atau perubahan RHK pimpinan."),
        )
    )


class KeputusanForm(forms.Form):
    """The appraiser approves a submitted plan, with an optional note."""

    catatan = forms.CharField(
        label=_("Catatan (opsional)"), required=False, max_length=2000, widget=_textarea(2)
    )


class PengembalianForm(forms.Form):
    """The appraiser returns a submitted plan; the service requires the note."""

    catatan = _wajib(
        forms.CharField(
            label=_("Catatan perbaikan"), required=False, max_length=2000, widget=_textarea(3)
        )
    )


# --- RHK and IKI ------------------------------------------------------------------------------


class RhkForm(forms.Form):
    """An RHK. A JA/JF plan names the leader's RHK it supports (unless its owner has no
    appraiser in the product: the top of the chain); a JPT plan names a perspektif and the
    organisation goal it derives from (`rules.form_kind`)."""

    kode = forms.CharField(
        label=_("Kode RHK"),
        required=False,
        help_text=_("Kosongkan untuk kode otomatis (RHK-01, RHK-02, …)."),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis"), choices=JenisRhk.choices(), initial=JenisRhk.UTAMA.value
    )
    uraian = _wajib(
        forms.CharField(
            label=_("Rencana hasil kerja"), required=False, max_length=2000, widget=_textarea(2)
        )
    )

    def __init__(
        self,
        *args: Any,
        form_kind: str,
        rhk_choices: Iterable[Rhk] = (),
        sasaran_choices: Iterable[SasaranOrganisasi] = (),
        rhk: Rhk | None = None,
        has_penilai: bool = True,
        **kwargs: Any,
    ) -> None:
        if rhk is not None:
            kwargs.setdefault(
                "initial",
                {
                    "kode": rhk.kode,
                    "jenis": rhk.jenis,
                    "uraian": rhk.uraian,
                    "rhk_atasan": rhk.rhk_atasan_id,
                    "perspektif": rhk.perspektif,
                    "sasaran": rhk.sasaran_id,
                },
            )
        prefix = f"rhk{rhk.pk}" if rhk is not None else "rhk-baru"
        kwargs.setdefault("auto_id", f"id_{prefix}_%s")
        super().__init__(*args, **kwargs)
        self.form_kind = form_kind
        if form_kind == rules.FORM_JPT:
            self.fields["perspektif"] = _wajib(
                forms.ChoiceField(
                    label=_("Perspektif"),
                    required=False,
                    choices=[("", "—"), *Perspektif.choices()],
                )
            )
            goals = [(item.pk, f"{item.kode} {item.uraian}") for item in sasaran_choices]
            self.fields["sasaran"] = _optional_id(_("Sasaran organisasi"), goals)
            if not goals:
                self.fields["sasaran"].help_text = _(
                    "Unit Anda belum memiliki sasaran organisasi (Perjanjian Kinerja) tahun ini."
                )
        elif has_penilai:
            leader = [(item.pk, f"{item.kode} {item.uraian}") for item in rhk_choices]
            self.fields["rhk_atasan"] = _wajib(
                _optional_id(_("RHK pimpinan yang diintervensi"), leader)
            )
            if not leader:
                self.fields["rhk_atasan"].help_text = _(
                    "SKP pejabat penilai Anda tahun ini belum memiliki RHK."
                )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kode": data["kode"],
            "jenis": data["jenis"],
            "uraian": data["uraian"],
            "rhk_atasan_id": data.get("rhk_atasan"),
            "perspektif": data.get("perspektif", ""),
            "sasaran_id": data.get("sasaran"),
        }


class IndikatorForm(forms.Form):
    """An IKI with its target: value and unit (kuantitatif) or a narrative (kualitatif). The
    value is typed the Indonesian way ("97,5") and parsed by the service."""

    aspek = _wajib(forms.CharField(label=_("Aspek"), required=False))
    uraian = _wajib(
        forms.CharField(
            label=_("Indikator kinerja individu"),
            required=False,
            max_length=2000,
            widget=_textarea(2),
        )
    )

    def __init__(
        self,
        *args: Any,
        pendekatan: str,
        aspek: Sequence[Aspek],
        indikator: Indikator | None = None,
        rhk: Rhk | None = None,
        **kwargs: Any,
    ) -> None:
        if indikator is not None:
            kwargs.setdefault(
                "initial",
                {
                    "aspek": indikator.aspek,
                    "uraian": indikator.uraian,
                    "target_nilai": target_input(indikator.target_nilai),
                    "target_satuan": indikator.target_satuan,
                    "target_narasi": indikator.target_narasi,
                },
            )
        prefix = (
            f"iki{indikator.pk}" if indikator is not None else f"iki-baru{rhk.pk if rhk else ''}"
        )
        kwargs.setdefault("auto_id", f"id_{prefix}_%s")
        super().__init__(*args, **kwargs)
        self.fields["aspek"].widget = forms.Select(
            choices=[(item.value, item.label) for item in aspek]
        )
        self.kualitatif = pendekatan == Pendekatan.KUALITATIF
        if self.kualitatif:
            self.fields["target_narasi"] = _wajib(
                forms.CharField(
                    label=_("Target (naratif)"),
                    required=False,
                    max_length=2000,
                    widget=_textarea(2),
                )
            )
        else:
            self.fields["target_nilai"] = _wajib(
                forms.CharField(
                    label=_("Target"),
                    required=False,
                    max_length=30,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
                    help_text=_("Angka, mis. 12 atau 97,5."),
                )
            )
            self.fields["target_satuan"] = _wajib(
                forms.CharField(
                    label=_("Satuan"),
                    required=False,
                    max_length=50,
                    help_text=_("Mis. dokumen, persen, hari."),
                )
            )

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "aspek": data["aspek"],
            "uraian": data["uraian"],
            "target_nilai": data.get("target_nilai") or None,
            "target_satuan": data.get("target_satuan", ""),
            "target_narasi": data.get("target_narasi", ""),
        }
