"""Who reads and manages performance years: every signed-in user reads; only a superuser or an
admin kepegawaian of a root unit manages (others get 403); missing is 404; anonymous is 404."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinerja.audit.services import Aktor
from kinerja.conftest import ROLES
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.tests.factories import PenggunaFactory, give_role
from kinerja.periode import access, services
from kinerja.periode.models import Periode

pytestmark = pytest.mark.django_db

ALL_ROLES = (*ROLES, "root_admin", "root_pimpinan")
MANAGERS = {"superuser", "root_admin"}


def scope_of(agency, role):
    """The scope of a role of the matrix, plus an admin and a pimpinan of the root unit."""
    if role in ("root_admin", "root_pimpinan"):
        user = PenggunaFactory(nama=f"Pengguna {role}")
        jenis = JenisPeran.ADMIN_KEPEGAWAIAN if role == "root_admin" else JenisPeran.PIMPINAN
        give_role(user, jenis, agency.root)
        return scope_for(user)
    return scope_for(agency.user(role))


@pytest.fixture
def year(agency):
    return services.tahun_open(aktor=Aktor.system("tes"), tahun=2026)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_agency_admin(agency, role):
    assert access.is_agency_admin(scope_of(agency, role)) is (role in MANAGERS)


def test_an_admin_of_a_root_unit_and_of_a_sub_unit(agency):
    user = PenggunaFactory(nama="Admin ganda")
    give_role(user, JenisPeran.ADMIN_KEPEGAWAIAN, agency.bagian)
    assert access.is_agency_admin(scope_for(user)) is False
    give_role(user, JenisPeran.ADMIN_KEPEGAWAIAN, agency.root)
    user = type(user).objects.get(pk=user.pk)  # a fresh scope
    assert access.is_agency_admin(scope_for(user)) is True


@pytest.mark.parametrize("role", ALL_ROLES)
def test_reading(agency, year, role):
    scope = scope_of(agency, role)
    if role == "anonim":
        with pytest.raises(Http404):
            access.calendar_read_check(scope)
        with pytest.raises(Http404):
            access.tahun_get_for_read(scope, 2026)
        return
    access.calendar_read_check(scope)
    assert access.tahun_get_for_read(scope, 2026) == year
    with pytest.raises(Http404):
        access.tahun_get_for_read(scope, 2025)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_managing(agency, year, role):
    scope = scope_of(agency, role)
    tw1 = Periode.objects.get(tahun=year, kode="TW1")
    checks = [
        lambda: access.calendar_manage_check(scope),
        lambda: access.tahun_get_for_manage(scope, 2026),
        lambda: access.periode_get_for_manage(scope, tw1.pk),
    ]
    if role == "anonim":
        for check in checks:
            with pytest.raises(Http404):
                check()
    elif role in MANAGERS:
        assert checks[0]() is None
        assert checks[1]() == year
        found = checks[2]()
        assert (found, found.tahun.tahun) == (tw1, 2026)
    else:
        for check in checks:
            with pytest.raises(PermissionDenied):
                check()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_missing_is_404_for_everyone(agency, year, role):
    """A year or period that does not exist is 404 before any question of rights."""
    scope = scope_of(agency, role)
    missing_period = Periode.objects.order_by("-pk").first().pk + 1
    with pytest.raises(Http404):
        access.tahun_get_for_manage(scope, 2025)
    with pytest.raises(Http404):
        access.periode_get_for_manage(scope, missing_period)
