"""Fixtures shared by every app: a small agency and one user per role.

root (Sekretariat)            auditor, superuser: agency-wide
├── biro  (Biro Umum)         admin: admin kepegawaian of biro; pimpinan: pimpinan of biro
│   └── bagian (Bagian SDM)   penilai appraises pegawai; pegawai works here
└── lain  (Biro Lain)         outsider works here
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from kinerja.akun.models import Pengguna
from kinerja.browser_fixtures import *  # noqa: F403  (Playwright fixtures: browser, page, …)
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.tests.factories import (
    PenggunaFactory,
    UnitFactory,
    give_role,
    pegawai_with_account,
)


@dataclass
class Agency:
    root: Unit
    biro: Unit
    bagian: Unit
    lain: Unit
    penilai: Pegawai
    pegawai: Pegawai
    outsider: Pegawai
    admin: Pengguna
    pimpinan: Pengguna
    auditor: Pengguna
    superuser: Pengguna

    def user(self, role: str) -> Pengguna | None:
        """The user acting in a role of the permission matrix (None: anonymous)."""
        return {
            "anonim": None,
            "pegawai": self.pegawai.pengguna,
            "penilai": self.penilai.pengguna,
            "outsider": self.outsider.pengguna,
            "admin": self.admin,
            "pimpinan": self.pimpinan,
            "auditor": self.auditor,
            "superuser": self.superuser,
        }[role]


@pytest.fixture(autouse=True)
def own_media_root(settings, tmp_path_factory):
    """Each test stores uploaded files in its own folder: parallel workers share the data
    directory, and a test comparing the files in storage must see only its own."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Indonesian: a request in English leaves its language on the thread."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


ROLES = ("anonim", "pegawai", "penilai", "outsider", "admin", "pimpinan", "auditor", "superuser")


@pytest.fixture
def agency(db: None) -> Agency:
    root = UnitFactory(kode="SET", nama="Sekretariat Badan")
    biro = UnitFactory(kode="BU", nama="Biro Umum", induk=root)
    bagian = UnitFactory(kode="BU-SDM", nama="Bagian SDM", induk=biro)
    lain = UnitFactory(kode="BL", nama="Biro Lain", induk=root)
    penilai = pegawai_with_account(nama="Budi Santoso", unit=bagian)
    pegawai = pegawai_with_account(nama="Siti Aminah", unit=bagian, penilai=penilai)
    outsider = pegawai_with_account(nama="Joko Widodo", unit=lain)
    admin = PenggunaFactory(nama="Admin Biro Umum")
    give_role(admin, JenisPeran.ADMIN_KEPEGAWAIAN, biro)
    pimpinan = PenggunaFactory(nama="Kepala Biro Umum")
    give_role(pimpinan, JenisPeran.PIMPINAN, biro)
    auditor = PenggunaFactory(nama="Auditor Inspektorat")
    give_role(auditor, JenisPeran.AUDITOR)
    superuser = PenggunaFactory(nama="Super Admin", is_superuser=True)
    return Agency(
        root, biro, bagian, lain, penilai, pegawai, outsider, admin, pimpinan, auditor, superuser
    )


@pytest.fixture
def client_for(agency: Agency):
    """client_for("admin") -> a test client logged in as that role's user."""

    def make(role: str) -> Client:
        client = Client()
        user = agency.user(role)
        if user is not None:
            client.force_login(user)
        return client

    return make
