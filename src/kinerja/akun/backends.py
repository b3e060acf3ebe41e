"""Login by NIP and password, refused while the NIP or the address is locked out."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from kinerja.akun.selectors import login_locked_until
from kinerja.akun.services import login_attempt_record
from kinerja.audit.services import normalise_address


class LoginLocked(Exception):
    """Too many recent failures for the NIP or the address; `sampai` is when the lock ends."""

    def __init__(self, sampai: datetime.datetime) -> None:
        super().__init__(sampai)
        self.sampai = sampai


class ThrottledNipBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        nip = (username or kwargs.get("nip") or "").strip()
        if not nip or password is None:
            return None
        address = normalise_address(request.META.get("REMOTE_ADDR")) if request else None
        locked_until = login_locked_until(nip=nip, alamat_ip=address)
        if locked_until is not None:
            login_attempt_record(nip=nip, alamat_ip=address, berhasil=False, terkunci=True)
            raise LoginLocked(locked_until)
        user = super().authenticate(request, username=nip, password=password)
        login_attempt_record(nip=nip, alamat_ip=address, berhasil=user is not None)
        return user
