"""The JSON API at /api/v1/: session authentication for the browser, personal tokens otherwise."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.security import APIKeyHeader, HttpBearer, django_auth

from kinerja.akun.selectors import token_authenticate


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class HeaderToken(APIKeyHeader):
    """`X-API-Key: <token>`, for clients that cannot send a bearer header."""

    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = token_authenticate(key or "")
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Kinerja API",
    version="1",
    description="Manajemen kinerja ASN. Autentikasi: sesi peramban atau token API pribadi.",
    auth=[BearerToken(), HeaderToken(), django_auth],
    urls_namespace="api",
)


def validation_messages(error: ValidationError) -> dict[str, list[str]]:
    """A ValidationError as {field: [messages]} ("__all__" for errors of no single field)."""
    if hasattr(error, "error_dict"):
        return {
            field: [str(m) for m in ValidationError(items).messages]
            for field, items in error.error_dict.items()
        }
    return {"__all__": [str(message) for message in error.messages]}


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """Service validation errors answer 422, naming each field and what is wrong with it."""
    errors = validation_messages(error)
    detail = [
        {"loc": ["body", field], "msg": message}
        for field, messages in errors.items()
        for message in messages
    ]
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    message = str(error) or gettext("Anda tidak berwenang melakukan tindakan ini.")
    return api.create_response(request, {"detail": message}, status=403)


api.add_router("/akun", "kinerja.akun.api.router")
api.add_router("/organisasi", "kinerja.organisasi.api.router")
api.add_router("/audit", "kinerja.audit.api.router")
api.add_router("/pekerjaan", "kinerja.jobs.api.router")
api.add_router("/impor", "kinerja.pertukaran.api.router")
api.add_router("/aturan", "kinerja.aturan.api.router")
api.add_router("/periode", "kinerja.periode.api.router")
api.add_router("/skp", "kinerja.skp.api.router")
api.add_router("/realisasi", "kinerja.realisasi.api.router")
api.add_router("/notifikasi", "kinerja.notifikasi.api.router")
api.add_router("/penilaian", "kinerja.penilaian.api.router")
api.add_router("/tukin", "kinerja.tukin.api.router")
api.add_router("/angka-kredit", "kinerja.angka_kredit.api.router")
api.add_router("/talenta", "kinerja.talenta.api.router")
api.add_router("/rekap", "kinerja.rekap.api.router")
api.add_router("/pemantauan", "kinerja.pemantauan.api.router")
