"""Users who must change their password (a new or reset account) see only that page."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

EXEMPT_NAMES = ("akun:login", "akun:logout", "akun:ganti-sandi", "set_language", "core:health")
EXEMPT_PREFIXES = ("/api/",)


class WajibGantiSandiMiddleware:
    """Redirect a logged-in user with `wajib_ganti_sandi` to `akun:ganti-sandi` (with `next`),
    except on the login, logout and password pages, static files and the API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @cached_property
    def exempt_paths(self) -> frozenset[str]:
        return frozenset(reverse(name) for name in EXEMPT_NAMES)

    @cached_property
    def exempt_prefixes(self) -> tuple[str, ...]:
        return (*EXEMPT_PREFIXES, "/" + settings.STATIC_URL.lstrip("/"))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.is_exempt(request.path):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.wajib_ganti_sandi:
            return self.redirect(request)
        return self.get_response(request)

    def is_exempt(self, path: str) -> bool:
        return path in self.exempt_paths or path.startswith(self.exempt_prefixes)

    def redirect(self, request: HttpRequest) -> HttpResponse:
        target = reverse("akun:ganti-sandi")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request") == "true":
            return HttpResponseClientRedirect(target)
        return HttpResponseRedirect(target)
