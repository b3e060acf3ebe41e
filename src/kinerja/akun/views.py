"""Account pages: login and logout, password change, personal API tokens, and the login
account of an employee (created, reset and (de)activated by HR)."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from kinerja.akun import access, selectors, services
from kinerja.akun.forms import (
    AktifForm,
    GantiSandiForm,
    MasukForm,
    SurelForm,
    TokenForm,
    apply_errors,
)
from kinerja.akun.models import Pengguna
from kinerja.audit.services import Aktor
from kinerja.core.http import HtmxHttpRequest
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.models import Pegawai

REDIRECT_FIELD = "next"


def _pengguna(request: HttpRequest) -> Pengguna:
    """The logged-in user (every page and endpoint here but login requires one)."""
    return cast(Pengguna, request.user)


def safe_next(request: HttpRequest) -> str:
    """The `next` address asked for, when it stays on this site (else empty)."""
    wanted = request.POST.get(REDIRECT_FIELD) or request.GET.get(REDIRECT_FIELD, "")
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else ""


def redirect_target(request: HttpRequest) -> str:
    return safe_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL)


# --- Login, logout, password ---------------------------------------------------------------------


@sensitive_post_parameters("kata_sandi")
@never_cache
def masuk(request: HttpRequest) -> HttpResponse:
    target = redirect_target(request)
    if request.user.is_authenticated and request.method != "POST":
        return redirect(target)
    form = MasukForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid() and form.pengguna is not None:
        login(request, form.pengguna)
        services.pengguna_login_record(aktor=Aktor.of_request(request), pengguna=form.pengguna)
        return redirect(target)
    context = {"form": form, "next": safe_next(request)}
    return render(request, "akun/masuk.html", context)


@require_POST
def keluar(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.pengguna_logout_record(
            aktor=Aktor.of_request(request),
            pengguna=_pengguna(request),
        )
    logout(request)
    messages.info(request, _("Anda telah keluar."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@sensitive_post_parameters("sandi_lama", "sandi_baru", "sandi_baru_ulang")
@never_cache
@login_required
def ganti_sandi(request: HttpRequest) -> HttpResponse:
    form = GantiSandiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pengguna_password_change(
                aktor=Aktor.of_request(request),
                pengguna=_pengguna(request),
                sandi_lama=form.cleaned_data["sandi_lama"],
                sandi_baru=form.cleaned_data["sandi_baru"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            update_session_auth_hash(request, _pengguna(request))
            messages.success(request, _("Kata sandi Anda telah diganti."))
            return redirect(redirect_target(request))
    context = {
        "form": form,
        "wajib": _pengguna(request).wajib_ganti_sandi,
        "next": safe_next(request),
    }
    return render(request, "akun/ganti_sandi.html", context)


@login_required
def surel(request: HttpRequest) -> HttpResponse:
    """The user's own e-mail address for notifications."""
    pengguna = _pengguna(request)
    form = SurelForm(request.POST or None, initial={"email": pengguna.email})
    if request.method == "POST" and form.is_valid():
        try:
            services.pengguna_email_set(
                aktor=Aktor.of_request(request), pengguna=pengguna, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Alamat surel untuk notifikasi disimpan."))
            return redirect("akun:surel")
    return render(request, "akun/surel.html", {"form": form})


# --- Personal API tokens -------------------------------------------------------------------------


@never_cache
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    created: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(
                aktor=Aktor.of_request(request), pengguna=_pengguna(request), **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            created, form = {"token": token, "rahasia": secret}, TokenForm()
    context = {
        "nav_section": "token",
        "rows": selectors.token_rows(_pengguna(request).pk),
        "form": form,
        "baru": created,
    }
    return render(request, "akun/token_list.html", context)


@require_POST
@login_required
def token_revoke(request: HtmxHttpRequest, token_id: int) -> HttpResponse:
    token = access.token_get_for_owner(request.user, token_id)
    services.token_revoke(aktor=Aktor.of_request(request), token=token)
    if request.htmx:
        return render(request, "akun/_token_baris.html", {"row": selectors.token_row(token)})
    messages.success(request, _("Token %(nama)s dicabut.") % {"nama": token.nama})
    return redirect("akun:token-list")


# --- An employee's login account (HR) ------------------------------------------------------------


def _akses_context(scope: Lingkup, pegawai: Pegawai, **extra: Any) -> dict[str, Any]:
    return {
        "nav_section": "pegawai",
        "pegawai": pegawai,
        "akun": selectors.account_of_pegawai(pegawai),
        "can_change": access.account_change_allowed(scope, pegawai),
        **extra,
    }


@login_required
def pegawai_akses(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    pegawai = access.pegawai_get_for_account(scope, pegawai_id)
    return render(request, "akun/pegawai_akses.html", _akses_context(scope, pegawai))


@never_cache
@require_POST
@login_required
def pegawai_akses_sandi(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    pegawai = access.pegawai_get_for_account(scope, pegawai_id)
    existed = access.account_get_for_change(scope, pegawai) is not None
    try:
        _account, sandi = services.pengguna_provision_for_pegawai(
            aktor=Aktor.of_request(request), pegawai=pegawai
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("akun:pegawai-akses", pegawai.pk)
    context = _akses_context(scope, pegawai, sandi_sementara=sandi, akun_baru=not existed)
    return render(request, "akun/pegawai_akses.html", context)


@require_POST
@login_required
def pegawai_akses_aktif(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    pegawai = access.pegawai_get_for_account(scope, pegawai_id)
    form = AktifForm(request.POST)
    try:
        akun = access.account_get_for_activation(scope, pegawai)
        aktif = form.cleaned_data["aktif"] if form.is_valid() else None
        if aktif is None:
            raise ValidationError(list(form.errors["aktif"]))
        services.pengguna_set_active(aktor=Aktor.of_request(request), pengguna=akun, aktif=aktif)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Akun diaktifkan.") if aktif else _("Akun dinonaktifkan."))
    return redirect("akun:pegawai-akses", pegawai.pk)
