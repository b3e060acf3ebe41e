"""Accounts API: who am I, my personal tokens, and the login account of an employee (HR)."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from kinerja.akun import access, selectors, services
from kinerja.akun.models import Pengguna, TokenApi
from kinerja.akun.schemas import (
    AksesOut,
    AktifIn,
    AkunOut,
    SayaOut,
    SurelIn,
    TokenBaruOut,
    TokenIn,
    TokenOut,
)
from kinerja.audit.services import Aktor
from kinerja.organisasi.access import scope_for

router = Router(tags=["akun"])
NO_STORE = "no-store"  # answers carrying a secret are never cached


def _pengguna(request: HttpRequest) -> Pengguna:
    """The logged-in user (every page and endpoint here but login requires one)."""
    return cast(Pengguna, request.user)


@router.get("/saya", response=SayaOut, summary="Pengguna yang sedang masuk")
def saya(request: HttpRequest) -> dict[str, Any]:
    user = _pengguna(request)
    scope = scope_for(user)
    return {
        "id": user.pk,
        "nip": user.nip,
        "nama": user.nama,
        "peran": scope.role_labels(),
        "pegawai_id": scope.pegawai_id,
        "wajib_ganti_sandi": user.wajib_ganti_sandi,
        "email": user.email,
    }


@router.put("/saya/surel", response=SayaOut, summary="Alamat surel notifikasi saya")
def saya_surel(request: HttpRequest, payload: SurelIn) -> dict[str, Any]:
    """The address notifications are e-mailed to (empty: in-app only)."""
    services.pengguna_email_set(
        aktor=Aktor.of_request(request), pengguna=_pengguna(request), email=payload.email
    )
    return saya(request)


@router.get("/token", response=list[TokenOut], summary="Token API saya")
def token_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_token_out(row) for row in selectors.token_rows(_pengguna(request).pk)]


@router.post(
    "/token", response={201: TokenBaruOut}, summary="Buat token API (rahasia dikirim sekali)"
)
def token_create(
    request: HttpRequest, response: HttpResponse, data: TokenIn
) -> Status[dict[str, Any]]:
    token, secret = services.token_create(
        aktor=Aktor.of_request(request),
        pengguna=_pengguna(request),
        nama=data.nama,
        berlaku_hari=data.berlaku_hari,
    )
    response["Cache-Control"] = NO_STORE
    return Status(201, _token_out(selectors.token_row(token)) | {"rahasia": secret})


@router.delete("/token/{int:token_id}", response=TokenOut, summary="Cabut token API saya")
def token_revoke(request: HttpRequest, token_id: int) -> dict[str, Any]:
    token = access.token_get_for_owner(request.user, token_id)
    services.token_revoke(aktor=Aktor.of_request(request), token=token)
    return _token_out(selectors.token_row(token))


@router.post(
    "/pegawai/{int:pegawai_id}/akses",
    response=AksesOut,
    summary="Buat akun atau atur ulang kata sandi pegawai",
)
def pegawai_akses(request: HttpRequest, response: HttpResponse, pegawai_id: int) -> dict[str, Any]:
    scope = scope_for(request.user)
    pegawai = access.pegawai_get_for_account(scope, pegawai_id)
    existed = access.account_get_for_change(scope, pegawai) is not None
    pengguna, sandi = services.pengguna_provision_for_pegawai(
        aktor=Aktor.of_request(request), pegawai=pegawai
    )
    response["Cache-Control"] = NO_STORE
    return _akun_out(pengguna) | {"dibuat": not existed, "sandi_sementara": sandi}


@router.post(
    "/pegawai/{int:pegawai_id}/aktif",
    response=AkunOut,
    summary="Aktifkan atau nonaktifkan akun pegawai",
)
def pegawai_aktif(request: HttpRequest, pegawai_id: int, data: AktifIn) -> dict[str, Any]:
    scope = scope_for(request.user)
    pegawai = access.pegawai_get_for_account(scope, pegawai_id)
    akun = access.account_get_for_activation(scope, pegawai)
    return _akun_out(
        services.pengguna_set_active(
            aktor=Aktor.of_request(request),
            pengguna=akun,
            aktif=data.aktif,
        )
    )


def _token_out(row: selectors.BarisToken) -> dict[str, Any]:
    token: TokenApi = row.token
    return {
        "id": token.pk,
        "nama": token.nama,
        "awalan": token.awalan,
        "status": row.status.value,
        "dibuat_pada": token.dibuat_pada,
        "terakhir_dipakai": token.terakhir_dipakai,
        "kedaluwarsa_pada": token.kedaluwarsa_pada,
        "dicabut_pada": token.dicabut_pada,
    }


def _akun_out(pengguna: Pengguna) -> dict[str, Any]:
    return {
        "pengguna_id": pengguna.pk,
        "nip": pengguna.nip,
        "nama": pengguna.nama,
        "aktif": pengguna.is_active,
        "wajib_ganti_sandi": pengguna.wajib_ganti_sandi,
        "terakhir_masuk": pengguna.last_login,
    }
