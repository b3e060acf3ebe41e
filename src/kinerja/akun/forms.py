"""Forms of the account pages. They parse input; the services validate the domain rules and
their errors are put back on the form fields (`apply_errors`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.akun import rules
from kinerja.akun.backends import LoginLocked
from kinerja.akun.models import Pengguna
from kinerja.core.forms import apply_errors

__all__ = ["apply_errors"]


def _password_field(label: Any, required_message: Any, autocomplete: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        error_messages={"required": required_message},
    )


class MasukForm(forms.Form):
    """Login by NIP and password; the backend refuses while the NIP or address is locked."""

    nip = forms.CharField(
        label=gettext_lazy("NIP"),
        max_length=64,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": gettext_lazy("NIP wajib diisi.")},
    )
    kata_sandi = _password_field(
        gettext_lazy("Kata sandi"), gettext_lazy("Kata sandi wajib diisi."), "current-password"
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.pengguna: Pengguna | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        nip, kata_sandi = data.get("nip"), data.get("kata_sandi")
        if not nip or kata_sandi is None:
            return data
        try:
            self.pengguna = authenticate(self.request, username=nip, password=kata_sandi)
        except LoginLocked as locked:
            minutes = rules.minutes_until(locked.sampai, timezone.now())
            raise ValidationError(
                _(
                    "Masuk dikunci sementara karena terlalu banyak percobaan yang gagal. "
                    "Coba lagi dalam %(menit)d menit."
                ),
                code="locked",
                params={"menit": minutes},
            ) from None
        if self.pengguna is None:
            raise ValidationError(_("NIP atau kata sandi salah."), code="invalid_login")
        return data


class GantiSandiForm(forms.Form):
    sandi_lama = _password_field(
        gettext_lazy("Kata sandi lama"),
        gettext_lazy("Kata sandi lama wajib diisi."),
        "current-password",
    )
    sandi_baru = _password_field(
        gettext_lazy("Kata sandi baru"),
        gettext_lazy("Kata sandi baru wajib diisi."),
        "new-password",
    )
    sandi_baru_ulang = _password_field(
        gettext_lazy("Ulangi kata sandi baru"),
        gettext_lazy("Ulangi kata sandi baru."),
        "new-password",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new, again = data.get("sandi_baru"), data.get("sandi_baru_ulang")
        if new and again and new != again:
            self.add_error("sandi_baru_ulang", _("Kedua isian kata sandi baru tidak sama."))
        return data


class TokenForm(forms.Form):
    nama = forms.CharField(
        label=gettext_lazy("Nama token"),
        max_length=rules.TOKEN_NAME_MAX_LENGTH,
        help_text=gettext_lazy("Untuk apa token ini dipakai, misalnya “skrip rekap”."),
        error_messages={"required": gettext_lazy("Nama token wajib diisi.")},
    )
    berlaku_hari = forms.IntegerField(
        label=gettext_lazy("Masa berlaku (hari)"),
        required=False,
        min_value=1,
        max_value=rules.TOKEN_MAX_VALIDITY_DAYS,
        help_text=gettext_lazy("Kosongkan agar token berlaku sampai dicabut."),
        error_messages={"invalid": gettext_lazy("Masa berlaku harus berupa bilangan bulat.")},
    )


class AktifForm(forms.Form):
    aktif = forms.TypedChoiceField(
        choices=[("1", gettext_lazy("Aktifkan")), ("0", gettext_lazy("Nonaktifkan"))],
        coerce=lambda value: value == "1",
        error_messages={"required": gettext_lazy("Pilih aktifkan atau nonaktifkan.")},
    )


class SurelForm(forms.Form):
    """The address notifications are e-mailed to (the service validates it)."""

    email = forms.CharField(
        label=gettext_lazy("Alamat surel"),
        required=False,
        max_length=300,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=gettext_lazy("Kosongkan bila notifikasi cukup di aplikasi."),
    )
