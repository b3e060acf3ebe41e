"""Forms of the organisation pages. They parse input; the services validate the domain rules
and their errors are put back on the form fields (`apply_errors`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.core.forms import apply_errors as core_apply_errors
from kinerja.organisasi import selectors
from kinerja.organisasi.enums import (
    JenisJabatan,
    JenisPengecualian,
    JenisPeran,
    Jenjang,
    StatusKepegawaian,
)
from kinerja.organisasi.models import Pegawai, Unit

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
STATUS_CHOICES = [
    ("", _("Semua status")),
    (selectors.STATUS_AKTIF, _("Aktif")),
    (selectors.STATUS_NONAKTIF, _("Nonaktif")),
    (selectors.STATUS_DIKECUALIKAN, _("Dikecualikan")),
]
FIELD_ALIASES = {"penilai": "penilai_nip", "pengguna": "nip"}
INDENT = "\u00a0" * 3


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors on the form (`penilai` and `pengguna` under their form names)."""
    core_apply_errors(form, error, FIELD_ALIASES)


def date_field(label: Any, *, required: bool = True, initial: Any = None) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        initial=initial,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _("Tanggal tidak valid; gunakan format TTTT-BB-HH."),
            "required": _("Tanggal wajib diisi."),
        },
    )


class UnitChoiceField(forms.ModelChoiceField):
    """Units indented by depth, with their code."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{INDENT * obj.kedalaman}{obj.kode} \N{EN DASH} {obj.nama}"


def _choices(enum: Any, empty: Any = None) -> list[tuple[str, Any]]:
    choices = list(enum.choices())
    return [("", empty), *choices] if empty is not None else choices


class NipLookupMixin:
    """Resolve the `penilai_nip` field to an employee."""

    cleaned_data: dict[str, Any]

    def clean_penilai_nip(self) -> Pegawai | None:
        nip = (self.cleaned_data.get("penilai_nip") or "").strip()
        if not nip:
            return None
        found = selectors.pegawai_by_nip(nip)
        if found is None:
            raise ValidationError(_("Tidak ada pegawai dengan NIP %(nip)s."), params={"nip": nip})
        return found


# --- Lists ---------------------------------------------------------------------------------------


class PegawaiFilterForm(forms.Form):
    """The employee list's filters, shared by the page and the API."""

    q = forms.CharField(label=_("Cari NIP atau nama"), required=False, max_length=200)
    unit = forms.IntegerField(label=_("Unit"), required=False, min_value=1)
    subunit = forms.BooleanField(label=_("Termasuk sub-unit"), required=False)
    jenis_jabatan = forms.ChoiceField(
        label=_("Jenis jabatan"), required=False, choices=_choices(JenisJabatan, _("Semua jenis"))
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    status_kepegawaian = forms.ChoiceField(
        label=_("Status kepegawaian"),
        required=False,
        choices=_choices(StatusKepegawaian, _("PNS dan PPPK")),
    )

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments from the valid fields (invalid ones are ignored)."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "unit_id": data.get("unit"),
            "include_subunits": bool(data.get("subunit")),
            "jenis_jabatan": data.get("jenis_jabatan") or "",
            "status": data.get("status") or "",
            "status_kepegawaian": data.get("status_kepegawaian") or "",
        }


# --- Units ---------------------------------------------------------------------------------------


class UnitCreateForm(forms.Form):
    kode = forms.CharField(label=_("Kode unit"), max_length=50)
    nama = forms.CharField(label=_("Nama unit"), max_length=255)
    induk = UnitChoiceField(label=_("Unit induk"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: Any, parents: QuerySet[Unit], root_allowed: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        induk = self.fields["induk"]
        assert isinstance(induk, forms.ModelChoiceField)
        induk.queryset = parents
        induk.required = not root_allowed
        induk.empty_label = _("(unit teratas)") if root_allowed else _("Pilih unit induk")


class UnitUpdateForm(forms.Form):
    nama = forms.CharField(label=_("Nama unit"), max_length=255)
    induk = UnitChoiceField(label=_("Unit induk"), queryset=Unit.objects.none(), required=False)
    aktif = forms.BooleanField(label=_("Aktif"), required=False)

    def __init__(
        self, *args: Any, unit: Unit, parents: QuerySet[Unit], root_allowed: bool, **kwargs: Any
    ):
        kwargs.setdefault(
            "initial", {"nama": unit.nama, "induk": unit.induk_id, "aktif": unit.aktif}
        )
        super().__init__(*args, **kwargs)
        induk = self.fields["induk"]
        assert isinstance(induk, forms.ModelChoiceField)
        induk.queryset = parents
        induk.required = not root_allowed
        induk.empty_label = _("(unit teratas)") if root_allowed else _("Pilih unit induk")


class UnitPenilaiForm(NipLookupMixin, forms.Form):
    penilai_nip = forms.CharField(label=_("NIP pejabat penilai baru"), max_length=18)
    include_subunits = forms.BooleanField(
        label=_("Termasuk pegawai di semua sub-unit"), required=False
    )
    berlaku_mulai = date_field(_("Berlaku mulai"), initial=timezone.localdate)
    alasan = forms.CharField(label=_("Alasan"), max_length=255, required=False)


# --- Employees -----------------------------------------------------------------------------------


class PegawaiForm(NipLookupMixin, forms.Form):
    nip = forms.CharField(label=_("NIP"), max_length=18)
    nama = forms.CharField(label=_("Nama"), max_length=200)
    status_kepegawaian = forms.ChoiceField(
        label=_("Status kepegawaian"), choices=_choices(StatusKepegawaian)
    )
    golongan = forms.CharField(
        label=_("Golongan"),
        max_length=8,
        required=False,
        help_text=_("PNS: I/a sampai IV/e; PPPK: I sampai XVII."),
    )
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    jabatan_nama = forms.CharField(label=_("Nama jabatan"), max_length=255)
    jenis_jabatan = forms.ChoiceField(label=_("Jenis jabatan"), choices=_choices(JenisJabatan))
    jenjang = forms.ChoiceField(
        label=_("Jenjang"),
        required=False,
        choices=_choices(Jenjang, _("(bukan jabatan fungsional)")),
    )
    kelas_jabatan = forms.IntegerField(label=_("Kelas jabatan"), required=False)
    penilai_nip = forms.CharField(label=_("NIP pejabat penilai"), max_length=18, required=False)
    aktif = forms.BooleanField(label=_("Aktif"), required=False, initial=True)
    berlaku_mulai = date_field(
        _("Berlaku mulai"),
        initial=timezone.localdate,
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = units.order_by("jalur")
        unit.empty_label = _("Pilih unit")

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["penilai"] = data.pop("penilai_nip", None)
        data["golongan"] = data.get("golongan") or ""
        data["jenjang"] = data.get("jenjang") or ""
        return data


class PegawaiUpdateForm(PegawaiForm):
    """Edit an employee; the appraiser has its own form (with a reason and a date)."""

    def __init__(self, *args: Any, pegawai: Pegawai, units: QuerySet[Unit], **kwargs: Any):
        kwargs.setdefault(
            "initial",
            {
                "nip": pegawai.nip,
                "nama": pegawai.nama,
                "status_kepegawaian": pegawai.status_kepegawaian,
                "golongan": pegawai.golongan,
                "unit": pegawai.unit_id,
                "jabatan_nama": pegawai.jabatan.nama,
                "jenis_jabatan": pegawai.jabatan.jenis_jabatan,
                "jenjang": pegawai.jabatan.jenjang,
                "kelas_jabatan": pegawai.jabatan.kelas_jabatan,
                "aktif": pegawai.aktif,
                "berlaku_mulai": timezone.localdate(),
            },
        )
        super().__init__(*args, units=units, **kwargs)
        del self.fields["penilai_nip"]
        self.fields["berlaku_mulai"].help_text = _(
            "Tanggal mulai unit atau jabatan baru (dipakai bila unit atau jabatan berubah)."
        )

    def service_arguments(self) -> dict[str, Any]:
        data = super().service_arguments()
        data.pop("penilai", None)
        return data


class PenilaiForm(NipLookupMixin, forms.Form):
    penilai_nip = forms.CharField(
        label=_("NIP pejabat penilai baru"), max_length=18, required=False
    )
    tanpa_penilai = forms.BooleanField(
        label=_("Kosongkan pejabat penilai (pegawai ini tidak memiliki pejabat penilai)"),
        required=False,
    )
    berlaku_mulai = date_field(_("Berlaku mulai"), initial=timezone.localdate)
    alasan = forms.CharField(label=_("Alasan"), max_length=255, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("tanpa_penilai") and cleaned.get("penilai_nip"):
            self.add_error(
                "penilai_nip",
                _("Kosongkan NIP bila pegawai ini tidak memiliki pejabat penilai."),
            )
        elif (
            not cleaned.get("tanpa_penilai")
            and "penilai_nip" not in self.errors
            and cleaned.get("penilai_nip") is None
        ):
            self.add_error("penilai_nip", _("Isi NIP pejabat penilai baru."))
        return cleaned


class PengecualianForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis pengecualian"), choices=_choices(JenisPengecualian))
    mulai = date_field(_("Mulai"), initial=timezone.localdate)
    sampai = date_field(
        _("Sampai (tidak termasuk; kosongkan bila belum diketahui)"), required=False
    )
    catatan = forms.CharField(label=_("Catatan"), max_length=255, required=False)


class PengecualianEndForm(forms.Form):
    sampai = date_field(_("Berakhir pada"), initial=timezone.localdate)


# --- Roles ---------------------------------------------------------------------------------------


class PeranForm(forms.Form):
    nip = forms.CharField(label=_("NIP akun"), max_length=18)
    jenis = forms.ChoiceField(label=_("Peran"), choices=_choices(JenisPeran))
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], superuser: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = units.order_by("jalur")
        unit.empty_label = _("(seluruh instansi, untuk auditor)")
        if not superuser:
            jenis = self.fields["jenis"]
            assert isinstance(jenis, forms.ChoiceField)
            jenis.choices = [
                (member.value, member.label)
                for member in JenisPeran
                if member != JenisPeran.AUDITOR
            ]

    def clean_nip(self) -> Any:
        nip = self.cleaned_data["nip"].strip()
        found = selectors.pengguna_by_nip(nip)
        if found is None:
            raise ValidationError(
                _("Belum ada akun login dengan NIP %(nip)s."), params={"nip": nip}
            )
        return found
