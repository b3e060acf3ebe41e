"""The JSON API at /api/v1/: session authentication for the browser, personal tokens otherwise."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
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

api.add_router("/akun", "kinerja.akun.api.router")
api.add_router("/organisasi", "kinerja.organisasi.api.router")
api.add_router("/audit", "kinerja.audit.api.router")
api.add_router("/pekerjaan", "kinerja.jobs.api.router")
api.add_router("/impor", "kinerja.pertukaran.api.router")
