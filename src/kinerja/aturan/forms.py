"""Forms of the rule-set pages.

The metadata, copy, deactivation and import forms parse input for the services. Each content
section has a `SectionEditor`: a form (and formsets for lists of any length) pre-filled from the
parsed content, which turns its cleaned data into the section's JSON and puts the service's path
errors ("kurva.pola.BAIK[1].nilai: …") back on the matching field.
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.forms import BoundField
from django.forms.formsets import BaseFormSet, formset_factory
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kinerja.aturan.enums import (
    JenisBatasan,
    Potensi,
    Predikat,
    PredikatOrganisasi,
    Rating,
    SanksiKehadiran,
)
from kinerja.aturan.models import SetAturan
from kinerja.aturan.rules import IsiAturan
from kinerja.aturan.rules.isi import BAND_COUNT, Batasan
from kinerja.core.formatting import format_number
from kinerja.organisasi.enums import Jenjang
from kinerja.organisasi.forms import UnitChoiceField, date_field
from kinerja.organisasi.models import Unit

MAX_IMPORT_BYTES = 1024 * 1024
HIGHEST_GRADE = 17
HASIL_ROWS = (Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH)
RATING_COLUMNS = (Rating.DI_BAWAH, Rating.SESUAI, Rating.DI_ATAS)
POTENSI_ROWS = (Potensi.TINGGI, Potensi.MENENGAH, Potensi.RENDAH)
BANDS = (("terlambat", "TL"), ("pulang_cepat", "PSW"))
SECTION_TITLES: dict[str, Any] = {
    "predikat": _("Kuadran predikat"),
    "kurva": _("Kurva distribusi predikat"),
    "angka_kredit": _("Angka kredit"),
    "tukin": _("Tunjangan kinerja"),
    "talenta": _("Manajemen talenta"),
    "tren": _("Tren kinerja"),
    "keberatan": _("Keberatan"),
    "disiplin": _("Disiplin kehadiran"),
    "merit": _("Merit"),
}
PATH_ERROR = re.compile(r"(?P<jalur>[\w.\[\]]+): (?P<pesan>.+)", re.DOTALL)


# --- Numbers ---------------------------------------------------------------------------------


def decimal_text(value: Decimal) -> str:
    """The value of a number input, Indonesian style: Decimal('12.5') -> '12,5'."""
    return f"{value.normalize():f}".replace(".", ",")


def json_decimal(value: Decimal | None) -> str | None:
    """A number as the content's JSON keeps it: Decimal('12.50') -> '12.5'."""
    return None if value is None else f"{value.normalize():f}"


class AngkaField(forms.DecimalField):
    """A decimal number typed the Indonesian way ("12,5", "1.234,5") or with a point ("12.5")."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 7}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        return decimal_text(value) if isinstance(value, Decimal) else value


class RupiahField(forms.IntegerField):
    """A whole amount of rupiah: "3781000", "3.781.000" or "Rp3.781.000"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "size": 12}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = re.sub(r"^rp\.?", "", value.strip(), flags=re.IGNORECASE)
            value = re.sub(r",0*$", "", value.replace(".", "").replace(" ", ""))
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        return format_number(value) if isinstance(value, int) else value


def _choices(enum: Any, empty: Any = None) -> list[tuple[str, Any]]:
    choices = list(enum.choices())
    return [("", empty), *choices] if empty is not None else choices


def _count(label: Any, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, widget=forms.NumberInput(attrs={"class": "angka-kecil"}), **kwargs
    )


# --- Metadata, copy, deactivation, import ----------------------------------------------------


def _unit_field(form: forms.Form, units: QuerySet[Unit], agency: bool) -> None:
    """Scope choices: the user's managed units; "whole agency" only for agency managers."""
    unit = form.fields["unit"]
    assert isinstance(unit, forms.ModelChoiceField)
    unit.queryset = units.order_by("jalur")
    unit.required = not agency
    unit.empty_label = gettext("Seluruh instansi") if agency else gettext("Pilih unit")


class SetAturanForm(forms.Form):
    """A draft's metadata."""

    nama = forms.CharField(
        label=_("Nama"),
        max_length=200,
        error_messages={"required": _("Nama set aturan wajib diisi.")},
    )
    dasar_hukum = forms.CharField(
        label=_("Dasar hukum"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Dasar hukum wajib diisi.")},
    )
    berlaku_mulai = date_field(_("Berlaku mulai"))
    unit = UnitChoiceField(label=_("Lingkup unit"), queryset=Unit.objects.none(), required=False)
    catatan = forms.CharField(
        label=_("Catatan perubahan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(
        self,
        *args: Any,
        set_aturan: SetAturan,
        units: QuerySet[Unit],
        agency: bool,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault(
            "initial",
            {
                "nama": set_aturan.nama,
                "dasar_hukum": set_aturan.dasar_hukum,
                "berlaku_mulai": set_aturan.berlaku_mulai,
                "unit": set_aturan.unit_id,
                "catatan": set_aturan.catatan,
            },
        )
        super().__init__(*args, **kwargs)
        _unit_field(self, units, agency)


class SalinForm(forms.Form):
    """Copy a version: the next version of its code, or version 1 of a new code."""

    kode = forms.CharField(label=_("Kode baru"), max_length=50, required=False)
    nama = forms.CharField(label=_("Nama"), max_length=200, required=False)
    catatan = forms.CharField(
        label=_("Catatan perubahan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, sumber: SetAturan, baru: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kode = self.fields["kode"]
        kode.required = baru
        kode.error_messages["required"] = gettext("Isi kode set aturan yang baru.")
        kode.help_text = gettext(
            "Kosongkan untuk membuat versi berikutnya dari kode %(kode)s; isi dengan kode lain "
            "untuk membuat set aturan baru (huruf kecil, angka, tanda hubung)."
        ) % {"kode": sumber.kode}
        self.fields["nama"].help_text = gettext("Kosongkan untuk memakai nama “%(nama)s”.") % {
            "nama": sumber.nama
        }


class NonaktifForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan penonaktifan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )


class ImporForm(forms.Form):
    """A rule-set file (as exported) and the scope of the new draft."""

    berkas = forms.FileField(
        label=_("Berkas set aturan (JSON)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    unit = UnitChoiceField(label=_("Lingkup unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], agency: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _unit_field(self, units, agency)
        self.fields["berkas"].help_text = gettext(
            "Berkas hasil “Unduh JSON” dari halaman set aturan, paling besar 1 MB. Berkas "
            "diimpor sebagai draf versi berikutnya dari kodenya."
        )

    def clean_berkas(self) -> Any:
        """The parsed JSON document of the uploaded file."""
        upload = self.cleaned_data["berkas"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("Berkas terlalu besar; paling besar 1 MB."))
        try:
            document = json.loads(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ValidationError(_("Berkas bukan teks UTF-8.")) from None
        except json.JSONDecodeError as error:
            raise ValidationError(
                _("Berkas bukan JSON yang sah (baris %(baris)s, kolom %(kolom)s)."),
                params={"baris": error.lineno, "kolom": error.colno},
            ) from None
        if not isinstance(document, dict):
            raise ValidationError(_("Berkas set aturan harus berupa objek JSON."))
        return document

    def add_service_error(self, error: ValidationError) -> None:
        """Every problem of the document belongs to the file; the scope's to the scope."""
        items = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        for key, texts in items.items():
            for text in texts:
                if key == "unit":
                    self.add_error("unit", text)
                elif key in ("", "dokumen", "isi", NON_FIELD_ERRORS):
                    self.add_error("berkas", text)
                else:
                    self.add_error("berkas", f"{key}: {text}")


# --- Section editors: layout -----------------------------------------------------------------


@dataclass
class Row:
    """One row of an editor's table: a label and one input per column."""

    label: str
    cells: list[BoundField]
    errors: list[str] = field(default_factory=list)


@dataclass
class Group:
    """A fieldset of an editor: plain fields, or a table (a grid of inputs or a formset)."""

    title: str
    fields: list[BoundField] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    rows: list[Row] = field(default_factory=list)
    corner: str = ""
    help: str = ""
    formset: BaseFormSet[Any] | None = None
    errors: list[str] = field(default_factory=list)


class RowForm(forms.Form):
    """A row of a list (a curve constraint, a discipline band); blank rows are left out."""

    data_fields: ClassVar[tuple[str, ...]] = ()

    def filled(self) -> bool:
        data = getattr(self, "cleaned_data", None) or {}
        return not data.get("DELETE") and any(
            data.get(name) not in (None, "", []) for name in self.data_fields
        )


class RowFormSet(BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Hapus")

    def kept(self) -> list[RowForm]:
        """The rows to save, in order (deleted and blank rows left out)."""
        return [form for form in self.forms if form.filled()]


class BandFormSet(RowFormSet):
    """Rows of bands, saved in the order of their first day wherever they were typed."""

    def kept(self) -> list[RowForm]:
        return sorted(super().kept(), key=lambda form: form.cleaned_data.get("dari") or 0)


def _row_formset(
    form: type[RowForm],
    data: Any,
    *,
    prefix: str,
    initial: list[dict[str, Any]],
    formset: type[RowFormSet] = RowFormSet,
) -> RowFormSet:
    """A formset of rows with two blank rows to add to and a "Hapus" box on each row."""
    factory = formset_factory(form, formset=formset, extra=2, can_delete=True)
    return cast(RowFormSet, factory(data, prefix=prefix, initial=initial))


class BatasanForm(RowForm):
    data_fields = ("jenis", "predikat", "nilai")

    jenis = forms.ChoiceField(
        label=_("Jenis batasan"), choices=_choices(JenisBatasan, "—"), required=False
    )
    predikat = forms.MultipleChoiceField(
        label=_("Predikat"),
        choices=_choices(Predikat),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    nilai = AngkaField(label=_("Nilai"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.filled() and not data.get("jenis"):
            self.add_error("jenis", gettext("Pilih jenis batasan."))
        needs_value = data.get("jenis") not in (None, "", JenisBatasan.TERBANYAK)
        if (
            self.filled()
            and needs_value
            and data.get("nilai") is None
            and "nilai" not in self.errors
        ):
            self.add_error("nilai", gettext("Isi nilai batasan ini."))
        return data


class PitaDisiplinForm(RowForm):
    data_fields = ("dari", "sampai", "sanksi")

    dari = _count(_("Dari hari ke-"), required=False)
    sampai = _count(_("Sampai hari ke-"), required=False)
    sanksi = forms.ChoiceField(
        label=_("Sanksi"), choices=_choices(SanksiKehadiran, "—"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.filled() and data.get("dari") is None and "dari" not in self.errors:
            self.add_error("dari", gettext("Isi hari pertama pita ini."))
        if self.filled() and not data.get("sanksi"):
            self.add_error("sanksi", gettext("Pilih sanksi."))
        return data


class SectionForm(forms.Form):
    """The fixed fields of a section (named by their path: "terlambat__0__dari")."""

    def __init__(
        self, data: Any, *, fields: Mapping[str, forms.Field], initial: Mapping[str, Any]
    ) -> None:
        super().__init__(data, initial=dict(initial))
        self.fields.update(fields)


# --- Section editors: behaviour --------------------------------------------------------------


class SectionEditor(ABC):
    """The editor of one section of a draft's content.

    Subclasses give the fixed fields with their initial values, the formsets, the JSON of the
    section from the cleaned data and the layout. `group_keys` are the paths (relative to the
    section) whose errors are shown above a group rather than on one field; `row_field` takes
    the errors about a whole row of a table ("terlambat[1]": the band overlaps the one before).
    """

    bagian: ClassVar[str]
    group_keys: ClassVar[tuple[str, ...]] = ("",)
    row_field: ClassVar[str] = "dari"

    def __init__(self, isi: IsiAturan, data: Any = None) -> None:
        self.form = SectionForm(data, fields=self.fields(), initial=self.initial(isi))
        self.formsets: dict[str, RowFormSet] = self.make_formsets(isi, data)
        self.group_errors: dict[str, list[str]] = {}

    @property
    def title(self) -> str:
        return str(SECTION_TITLES[self.bagian])

    # Each section implements -----------------------------------------------------------------

    @abstractmethod
    def fields(self) -> dict[str, forms.Field]:
        """Implemented by each section."""

    @abstractmethod
    def initial(self, isi: IsiAturan) -> dict[str, Any]:
        """Implemented by each section."""

    def make_formsets(self, isi: IsiAturan, data: Any) -> dict[str, RowFormSet]:
        return {}

    @abstractmethod
    def section_data(self) -> Any:
        """The section's JSON (after `is_valid()`)."""

    @abstractmethod
    def groups(self) -> list[Group]:
        """Implemented by each section."""

    # Shared -------------------------------------------------------------------------------

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for formset in self.formsets.values():
            valid = formset.is_valid() and valid
        return valid

    @property
    def cleaned(self) -> dict[str, Any]:
        return self.form.cleaned_data

    def add_service_error(self, error: ValidationError) -> None:
        """Put the service's errors on the fields they name; the rest above the form."""
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.form.add_error(None, message)
            return
        for key, messages in error.message_dict.items():
            for message in messages:
                if key == "isi":
                    self._place(message)
                else:
                    self.form.add_error(None, message)

    def _place(self, message: str) -> None:
        match = PATH_ERROR.fullmatch(message)
        jalur = match["jalur"] if match else ""
        if not match or not re.match(rf"{self.bagian}(?:$|[.\[])", jalur):
            self.form.add_error(None, message)
            return
        relative, pesan = jalur[len(self.bagian) :].removeprefix("."), match["pesan"]
        if not (
            self._place_in_formset(relative, pesan)
            or self._place_in_form(relative, pesan)
            or self._place_in_group(relative, pesan, message)
        ):
            self.form.add_error(None, message)

    def _place_in_formset(self, relative: str, pesan: str) -> bool:
        for key, formset in self.formsets.items():
            match = re.fullmatch(rf"{re.escape(key)}\[(\d+)\](?:\.(\w+)\S*)?", relative)
            kept = formset.kept()
            if match and int(match[1]) < len(kept):
                row = kept[int(match[1])]
                name = match[2] if match[2] in row.fields else self.row_field
                row.add_error(name if name in row.fields else None, pesan)
                return True
        return False

    def _place_in_form(self, relative: str, pesan: str) -> bool:
        """On the field the path names, or on its row's `row_field`; the longest match wins
        (a path may name more than the field: "batas_hari.batas_hari")."""
        parts = re.sub(r"\[(\d+)\]", r".\1", relative).split(".")
        for end in range(len(parts), 0, -1):
            stem = "__".join(parts[:end])
            for candidate in (stem, f"{stem}__{self.row_field}"):
                if stem and candidate in self.form.fields:
                    self.form.add_error(candidate, pesan)
                    return True
        return False

    def _place_in_group(self, relative: str, pesan: str, message: str) -> bool:
        """Above the group the path names; with the path when it goes deeper than the group."""
        keys = [
            key
            for key in self.group_keys
            if relative == key or relative.startswith((f"{key}.", f"{key}["))
        ]
        if not keys:
            return False
        key = max(keys, key=len)
        self.group_errors.setdefault(key, []).append(pesan if relative == key else message)
        return True

    def errors_of(self, *keys: str) -> list[str]:
        return [message for key in keys for message in self.group_errors.get(key, [])]

    def bound(self, names: Iterable[str]) -> list[BoundField]:
        return [self.form[name] for name in names]

    def formset_group(
        self, key: str, title: str, columns: tuple[str, ...], names: tuple[str, ...]
    ) -> Group:
        formset = self.formsets[key]
        rows = [
            Row(str(index), [form[name] for name in (*names, "DELETE")], form.non_field_errors())
            for index, form in enumerate(formset.forms, start=1)
        ]
        return Group(
            title,
            columns=(*columns, gettext("Hapus")),
            rows=rows,
            corner="#",
            formset=formset,
            errors=self.errors_of(key),
            help=gettext("Baris kosong diabaikan; centang “Hapus” untuk membuang satu baris."),
        )


class PredikatEditor(SectionEditor):
    bagian = "predikat"

    def fields(self) -> dict[str, forms.Field]:
        return {
            f"{hasil}__{perilaku}": forms.ChoiceField(
                label=gettext("Hasil kerja %(hasil)s, perilaku kerja %(perilaku)s")
                % {"hasil": hasil.label, "perilaku": perilaku.label},
                choices=_choices(Predikat),
            )
            for hasil in HASIL_ROWS
            for perilaku in RATING_COLUMNS
        }

    def initial(self, isi: IsiAturan) -> dict[str, Any]:
        return {
            f"{hasil}__{perilaku}": isi.predikat[hasil][perilaku].value
            for hasil in HASIL_ROWS
            for perilaku in RATING_COLUMNS
        }

    def section_data(self) -> Any:
        return {
            hasil.value: {
                perilaku.value: self.cleaned[f"{hasil}__{perilaku}"] for perilaku in RATING_COLUMNS
            }
            for hasil in HASIL_ROWS
        }

    def groups(self) -> list[Group]:
        rows = [
            Row(str(hasil.label), self.bound(f"{hasil}__{p}" for p in RATING_COLUMNS))
            for hasil in HASIL_ROWS
        ]
        return [
            Group(
                gettext("Predikat menurut rating hasil kerja (baris) dan perilaku kerja (kolom)"),
                columns=tuple(str(p.label) for p in RATING_COLUMNS),
                rows=rows,
                corner=gettext("Hasil kerja \\ perilaku kerja"),
                errors=self.errors_of(""),
            )
        ]


def _batasan_initial(batasan: Batasan) -> dict[str, Any]:
    return {
        "jenis": batasan.jenis.value,
        "predikat": [p.value for p in batasan.predikat],
        "nilai": None if batasan.jenis == JenisBatasan.TERBANYAK else batasan.nilai,
    }


def _batasan_json(data: Mapping[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {"jenis": data["jenis"], "predikat": list(data["predikat"])}
    if data["jenis"] != JenisBatasan.TERBANYAK and data.get("nilai") is not None:
        item["nilai"] = json_decimal(data["nilai"])
    return item


class KurvaEditor(SectionEditor):
    bagian = "kurva"
    group_keys = ("", "pola", *(f"pola.{o}" for o in PredikatOrganisasi))
    row_field = "jenis"

    def fields(self) -> dict[str, forms.Field]:
        return {
            "ukuran_minimum": _count(
                _("Ukuran kelompok minimum"),
                help_text=_("Kelompok yang lebih kecil tidak dinilai terhadap kurva."),
            )
        }

    def initial(self, isi: IsiAturan) -> dict[str, Any]:
        return {"ukuran_minimum": isi.kurva.ukuran_minimum}

    def make_formsets(self, isi: IsiAturan, data: Any) -> dict[str, RowFormSet]:
        return {
            f"pola.{organisasi}": _row_formset(
                BatasanForm,
                data,
                prefix=f"pola-{organisasi}",
                initial=[_batasan_initial(b) for b in isi.kurva.pola[organisasi]],
            )
            for organisasi in PredikatOrganisasi
        }

    def section_data(self) -> Any:
        return {
            "ukuran_minimum": self.cleaned["ukuran_minimum"],
            "pola": {
                organisasi.value: [
                    _batasan_json(row.cleaned_data)
                    for row in self.formsets[f"pola.{organisasi}"].kept()
                ]
                for organisasi in PredikatOrganisasi
            },
        }

    def groups(self) -> list[Group]:
        columns = (gettext("Jenis batasan"), gettext("Predikat"), gettext("Nilai"))
        groups = [
            Group(
                gettext("Ukuran kelompok"),
                fields=self.bound(["ukuran_minimum"]),
                errors=self.errors_of("", "pola"),
            )
        ]
        for organisasi in PredikatOrganisasi:
            title = gettext("Capaian kinerja organisasi %(capaian)s") % {
                "capaian": organisasi.label
            }
            group = self.formset_group(
                f"pola.{organisasi}", title, columns, ("jenis", "predikat", "nilai")
            )
            group.help = gettext(
                "Nilai: persen untuk “paling banyak/paling sedikit (persen)”, jumlah orang untuk "
                "“paling sedikit (orang)”, kosong untuk kelompok terbanyak. Baris kosong "
                "diabaikan; centang “Hapus” untuk membuang satu baris."
            )
            groups.append(group)
        return groups


class AngkaKreditEditor(SectionEditor):
    bagian = "angka_kredit"
    group_keys = ("", "persentase", "jenjang")
    row_field = "koefisien"
    LEVEL_FIELDS = ("koefisien", "kenaikan_pangkat", "kenaikan_jenjang")

    def fields(self) -> dict[str, forms.Field]:
        fields: dict[str, forms.Field] = {
            f"persentase__{p}": AngkaField(label=p.label) for p in Predikat
        }
        for jenjang in Jenjang:
            fields[f"jenjang__{jenjang}__koefisien"] = AngkaField(
                label=gettext("Koefisien %(jenjang)s") % {"jenjang": jenjang.label}
            )
            for name, label in (
                ("kenaikan_pangkat", gettext("Angka kredit kenaikan pangkat %(jenjang)s")),
                ("kenaikan_jenjang", gettext("Angka kredit kenaikan jenjang %(jenjang)s")),
            ):
                fields[f"jenjang__{jenjang}__{name}"] = AngkaField(
                    label=label % {"jenjang": jenjang.label}, required=False
                )
        return fields

    def initial(self, isi: IsiAturan) -> dict[str, Any]:
        values: dict[str, Any] = {
            f"persentase__{p}": v for p, v in isi.angka_kredit.persentase.items()
        }
        for jenjang, level in isi.angka_kredit.jenjang.items():
            for name in self.LEVEL_FIELDS:
                values[f"jenjang__{jenjang}__{name}"] = getattr(level, name)
        return values

    def section_data(self) -> Any:
        return {
            "persentase": {
                p.value: json_decimal(self.cleaned[f"persentase__{p}"]) for p in Predikat
            },
            "jenjang": {
                j.value: {
                    name: json_decimal(self.cleaned[f"jenjang__{j}__{name}"])
                    for name in self.LEVEL_FIELDS
                }
                for j in Jenjang
            },
        }

    def groups(self) -> list[Group]:
        return [
            Group(
                gettext("Persentase angka kredit per predikat"),
                columns=(gettext("Persentase (%)"),),
                rows=[Row(str(p.label), self.bound([f"persentase__{p}"])) for p in Predikat],
                corner=gettext("Predikat"),
                errors=self.errors_of("", "persentase"),
            ),
            Group(
                gettext("Koefisien dan angka kredit kumulatif per jenjang"),
                columns=(
                    gettext("Koefisien per tahun"),
                    gettext("Kenaikan pangkat"),
                    gettext("Kenaikan jenjang"),
                ),
                rows=[
                    Row(str(j.label), self.bound(f"jenjang__{j}__{n}" for n in self.LEVEL_FIELDS))
                    for j in Jenjang
                ],
                corner=gettext("Jenjang"),
                help=gettext("Kosongkan angka kredit kenaikan bila tidak ada (jenjang tertinggi)."),
                errors=self.errors_of("jenjang"),
            ),
        ]


class TukinEditor(SectionEditor):
    bagian = "tukin"
    group_keys = ("", "kelas_tertinggi", "besaran", "terlambat", "pulang_cepat")
    BAND_FIELDS = ("dari", "sampai", "persen")
    OTHER_CUTS = (
        ("tanpa_rekaman", _("Tidak ada rekaman kehadiran, per hari (%)")),
        ("tanpa_keterangan", _("Tidak masuk tanpa keterangan, per hari (%)")),
        ("cuti_alasan_penting__hari_bebas", _("Cuti alasan penting: hari bebas potongan")),
        ("cuti_alasan_penting__persen", _("Cuti alasan penting setelah hari bebas, per hari (%)")),
        ("hukuman_disiplin_sedang", _("Hukuman disiplin sedang (%)")),
    )
    LIMITS = (
        ("batas_potongan", _("Batas potongan per bulan (%)")),
        (
            "insentif_sangat_baik",
            _("Tambahan predikat Sangat Baik (% dari selisih dengan kelas berikutnya)"),
        ),
    )

    def fields(self) -> dict[str, forms.Field]:
        fields: dict[str, forms.Field] = {
            "kelas_tertinggi": _count(_("Kelas jabatan tertinggi")),
        }
        for grade in range(1, HIGHEST_GRADE + 1):
            fields[f"besaran__{grade}"] = RupiahField(
                label=gettext("Besaran kelas %(kelas)s") % {"kelas": grade}, required=False
            )
        for name, code in BANDS:
            for index in range(BAND_COUNT):
                band = {"pita": f"{code}{index + 1}"}
                fields[f"{name}__{index}__dari"] = _count(gettext("%(pita)s dari menit ke-") % band)
                fields[f"{name}__{index}__sampai"] = _count(
                    gettext("%(pita)s sampai menit ke-") % band, required=False
                )
                fields[f"{name}__{index}__persen"] = AngkaField(
                    label=gettext("%(pita)s potongan (%%)") % band
                )
        for name, text in self.OTHER_CUTS:
            fields[name] = _count(text) if name.endswith("hari_bebas") else AngkaField(label=text)
        for name, text in self.LIMITS:
            fields[name] = AngkaField(label=text)
        return fields

    def initial(self, isi: IsiAturan) -> dict[str, Any]:
        tukin = isi.tukin
        values: dict[str, Any] = {
            "kelas_tertinggi": tukin.kelas_tertinggi,
            "tanpa_rekaman": tukin.tanpa_rekaman,
            "tanpa_keterangan": tukin.tanpa_keterangan,
            "cuti_alasan_penting__hari_bebas": tukin.cuti_hari_bebas,
            "cuti_alasan_penting__persen": tukin.cuti_alasan_penting,
            "hukuman_disiplin_sedang": tukin.hukuman_disiplin_sedang,
            "batas_potongan": tukin.batas_potongan,
            "insentif_sangat_baik": tukin.insentif_sangat_baik,
        }
        values.update({f"besaran__{grade}": amount for grade, amount in tukin.besaran.items()})
        for name, _code in BANDS:
            for index, band in enumerate(getattr(tukin, name)):
                for part in self.BAND_FIELDS:
                    values[f"{name}__{index}__{part}"] = getattr(band, part)
        return values

    def section_data(self) -> Any:
        data = self.cleaned
        amounts = {
            str(grade): data[f"besaran__{grade}"]
            for grade in range(1, HIGHEST_GRADE + 1)
            if data[f"besaran__{grade}"] is not None
        }
        content: dict[str, Any] = {"besaran": amounts, "kelas_tertinggi": data["kelas_tertinggi"]}
        for name, _code in BANDS:
            content[name] = [
                {
                    "dari": data[f"{name}__{index}__dari"],
                    "sampai": data[f"{name}__{index}__sampai"],
                    "persen": json_decimal(data[f"{name}__{index}__persen"]),
                }
                for index in range(BAND_COUNT)
            ]
        for name in ("tanpa_rekaman", "tanpa_keterangan", "hukuman_disiplin_sedang"):
            content[name] = json_decimal(data[name])
        for name, _label in self.LIMITS:
            content[name] = json_decimal(data[name])
        content["cuti_alasan_penting"] = {
            "hari_bebas": data["cuti_alasan_penting__hari_bebas"],
            "persen": json_decimal(data["cuti_alasan_penting__persen"]),
        }
        return content

    def groups(self) -> list[Group]:
        band_columns = (gettext("Dari menit ke-"), gettext("Sampai menit ke-"), gettext("%"))
        groups = [
            Group(
                gettext("Kelas jabatan"),
                fields=self.bound(["kelas_tertinggi"]),
                errors=self.errors_of("", "kelas_tertinggi"),
            ),
            Group(
                gettext("Besaran tunjangan per kelas jabatan"),
                columns=(gettext("Besaran per bulan (Rp)"),),
                rows=[
                    Row(str(grade), self.bound([f"besaran__{grade}"]))
                    for grade in range(1, HIGHEST_GRADE + 1)
                ],
                corner=gettext("Kelas"),
                help=gettext(
                    "Kosongkan kelas yang belum diketahui besarannya; perhitungan untuk kelas "
                    "itu akan menyebut bahwa besarannya belum diisi."
                ),
                errors=self.errors_of("besaran"),
            ),
        ]
        for name, code in BANDS:
            title = (
                gettext("Terlambat masuk (TL)")
                if name == "terlambat"
                else gettext("Pulang sebelum waktunya (PSW)")
            )
            rows = [
                Row(
                    f"{code}{index + 1}",
                    self.bound(f"{name}__{index}__{part}" for part in self.BAND_FIELDS),
                )
                for index in range(BAND_COUNT)
            ]
            groups.append(
                Group(
                    title,
                    columns=band_columns,
                    rows=rows,
                    corner=gettext("Pita"),
                    help=gettext("Kosongkan “sampai” pada pita terakhir: tanpa batas atas."),
                    errors=self.errors_of(name),
                )
            )
        groups.append(
            Group(
                gettext("Potongan lain"),
                fields=self.bound(name for name, _label in self.OTHER_CUTS),
                errors=self.errors_of("cuti_alasan_penting"),
            )
        )
        groups.append(
            Group(gettext("Batas dan tambahan"), fields=self.bound(n for n, _l in self.LIMITS))
        )
        return groups


class TalentaEditor(SectionEditor):
    bagian = "talenta"
    group_keys = ("", "kotak", "kinerja")

    def fields(self) -> dict[str, forms.Field]:
        fields: dict[str, forms.Field] = {
            f"kotak__{potensi}__{rating}": _count(
                gettext("Kotak untuk potensi %(potensi)s, kinerja %(kinerja)s")
                % {"potensi": potensi.label, "kinerja": rating.label}
            )
            for potensi in POTENSI_ROWS
            for rating in RATING_COLUMNS
        }
        for predikat in Predikat:
            fields[f"kinerja__{predikat}"] = forms.ChoiceField(
                label=gettext("Kinerja untuk predikat %(predikat)s") % {"predikat": predikat.label},
                choices=_choices(Rating),
            )
        return fields

    def initial(self, isi: IsiAturan) -> dict[str, Any]:
        values: dict[str, Any] = {
            f"kotak__{potensi}__{rating}": box
            for potensi, row in isi.talenta.kotak.items()
            for rating, box in row.items()
        }
        values.update({f"kinerja__{p}": r.value for p, r in isi.talenta.kinerja.items()})
        return values

    def section_data(self) -> Any:
        return {
            "kotak": {
                potensi.value: {
                    rating.value: self.cleaned[f"kotak__{potensi}__{rating}"]
                    for rating in RATING_COLUMNS
                }
                for potensi in POTENSI_ROWS
            },
            "kinerja": {p.value: self.cleaned[f"kinerja__{p}"] for p in Predikat},
        }

    def groups(self) -> list[Group]:
        return [
            Group(
                gettext("Tabel 9 kotak"),
                columns=tuple(str(r.label) for r in RATING_COLUMNS),
                rows=[
                    Row(str(p.label), self.bound(f"kotak__{p}__{r}" for r in RATING_COLUMNS))
                    for p in POTENSI_ROWS
                ],
                corner=gettext("Potensi \\ kinerja"),
                help=gettext("Nomor kotak 1 sampai 9, masing-masing tepat satu kali."),
                errors=self.errors_of("", "kotak"),
            ),
            Group(
                gettext("Predikat dibaca sebagai kinerja"),
                columns=(gettext("Kinerja"),),
                rows=[Row(str(p.label), self.bound([f"kinerja__{p}"])) for p in Predikat],
                corner=gettext("Predikat"),
                errors=self.errors_of("kinerja"),
            ),
        ]


class FlatEditor(SectionEditor):
    """A section of a few plain values; the JSON keys are the field names."""

    def groups(self) -> list[Group]:
        return [Group(self.title, fields=list(self.form), errors=self.errors_of(""))]


class TrenEditor(FlatEditor):
    bagian = "tren"

    def fields(self) -> dict[str, forms.Field]:
        return {
            "jendela": _count(
                _("Jendela (jumlah periode terakhir yang dibandingkan)"),
            ),
            "minimum_titik": _count(_("Jumlah predikat paling sedikit untuk menilai tren")),
            "ambang": AngkaField(
                label=_("Ambang selisih skor"),
                help_text=_(
                    "Skor predikat: Sangat Baik 5 sampai Sangat Kurang 1. Selisih skor terakhir "
                    "dengan rata-rata sebelumnya sebesar ambang ini atau lebih berarti naik atau "
                    "turun."
                ),
            ),
        }

    def initial(self, isi: IsiAturan) -> dict[str, Any]:
        tren = isi.tren
        return {"jendela": tren.jendela, "minimum_titik": tren.minimum_titik, "ambang": tren.ambang}

    def section_data(self) -> Any:
        return {
            "jendela": self.cleaned["jendela"],
            "minimum_titik": self.cleaned["minimum_titik"],
            "ambang": json_decimal(self.cleaned["ambang"]),
        }


class KeberatanEditor(FlatEditor):
    bagian = "keberatan"

    def fields(self) -> dict[str, forms.Field]:
        return {"batas_hari": _count(_("Batas pengajuan keberatan (hari)"))}

    def initial(self, isi: IsiAturan) -> dict[str, Any]:
        return {"batas_hari": isi.keberatan_hari}

    def section_data(self) -> Any:
        return {"batas_hari": self.cleaned["batas_hari"]}


class MeritEditor(FlatEditor):
    bagian = "merit"
    NAMES = (
        "suksesi_predikat",
        "suksesi_tahun",
        "kenaikan_pangkat_predikat",
        "kenaikan_pangkat_tahun",
        "bulan_perbaikan",
    )

    def fields(self) -> dict[str, forms.Field]:
        return {
            "suksesi_predikat": forms.ChoiceField(
                label=_("Predikat untuk prioritas kelompok suksesi"), choices=_choices(Predikat)
            ),
            "suksesi_tahun": _count(_("Berturut-turut selama (tahun)")),
            "kenaikan_pangkat_predikat": forms.ChoiceField(
                label=_("Predikat paling rendah untuk kenaikan pangkat"),
                choices=_choices(Predikat),
            ),
            "kenaikan_pangkat_tahun": _count(_("Pada setiap tahun terakhir (tahun)")),
            "bulan_perbaikan": _count(_("Masa perbaikan kinerja (bulan)")),
        }

    def initial(self, isi: IsiAturan) -> dict[str, Any]:
        values = {name: getattr(isi.merit, name) for name in self.NAMES}
        return {k: v.value if isinstance(v, Predikat) else v for k, v in values.items()}

    def section_data(self) -> Any:
        return {name: self.cleaned[name] for name in self.NAMES}


class DisiplinEditor(SectionEditor):
    bagian = "disiplin"

    def fields(self) -> dict[str, forms.Field]:
        return {}

    def initial(self, isi: IsiAturan) -> dict[str, Any]:
        return {}

    def make_formsets(self, isi: IsiAturan, data: Any) -> dict[str, RowFormSet]:
        initial = [
            {"dari": b.dari, "sampai": b.sampai, "sanksi": b.sanksi.value} for b in isi.disiplin
        ]
        return {
            "": _row_formset(
                PitaDisiplinForm, data, prefix="disiplin", initial=initial, formset=BandFormSet
            )
        }

    def section_data(self) -> Any:
        return [
            {
                "dari": row.cleaned_data["dari"],
                "sampai": row.cleaned_data["sampai"],
                "sanksi": row.cleaned_data["sanksi"],
            }
            for row in self.formsets[""].kept()
        ]

    def groups(self) -> list[Group]:
        columns = (gettext("Dari hari ke-"), gettext("Sampai hari ke-"), gettext("Sanksi"))
        group = self.formset_group(
            "",
            gettext("Hari tidak masuk tanpa keterangan dalam setahun"),
            columns,
            ("dari", "sampai", "sanksi"),
        )
        group.help = gettext(
            "Pita diurutkan menurut hari pertamanya; kosongkan “sampai” pada pita terakhir: "
            "tanpa batas atas. Baris kosong diabaikan."
        )
        return [group]


SECTION_EDITORS: dict[str, type[SectionEditor]] = {
    editor.bagian: editor
    for editor in (
        PredikatEditor,
        KurvaEditor,
        AngkaKreditEditor,
        TukinEditor,
        TalentaEditor,
        TrenEditor,
        KeberatanEditor,
        DisiplinEditor,
        MeritEditor,
    )
}
