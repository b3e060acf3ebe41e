"""Rule-set access: every signed-in user reads; managing needs the admin role over the scope
(the whole agency: superuser or an admin of a root unit). Missing is 404, read-only is 403."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinerja.aturan import access
from kinerja.aturan.models import SetAturan
from kinerja.aturan.tests.factories import default_version, draft_version
from kinerja.conftest import ROLES
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.models import Unit
from kinerja.organisasi.tests.factories import PenggunaFactory, give_role

pytestmark = pytest.mark.django_db

UNITS = ("root", "biro", "bagian", "lain")
# The scopes each role manages: None is the whole agency, names are units of the agency fixture.
MANAGES = {role: set() for role in ROLES} | {
    "admin": {"biro", "bagian"},
    "superuser": {None, "root", "biro", "bagian", "lain"},
}
UNIT_CHOICES = {role: set() for role in ROLES} | {
    "admin": {"biro", "bagian"},
    "superuser": set(UNITS),
}


def scope_of(agency, role):
    return scope_for(agency.user(role))


@pytest.fixture
def root_admin(agency):
    """An admin kepegawaian of the root unit: manages the whole agency."""
    user = PenggunaFactory(nama="Admin Sekretariat")
    give_role(user, JenisPeran.ADMIN_KEPEGAWAIAN, agency.root)
    return scope_for(user)


def versions(agency):
    """A version for each scope: None (the default, agency-wide) and each unit."""
    return {None: default_version()} | {
        name: draft_version(kode=f"lingkup-{name}", unit=getattr(agency, name)) for name in UNITS
    }


@pytest.mark.parametrize("role", ROLES)
def test_reading(agency, role):
    scope = scope_of(agency, role)
    for version in versions(agency).values():
        if role == "anonim":
            with pytest.raises(Http404):
                access.rule_set_get_for_read(scope, version.pk)
        else:
            assert access.rule_set_get_for_read(scope, version.pk) == version
    if role == "anonim":
        with pytest.raises(Http404):
            access.rule_set_read_check(scope)
    else:
        access.rule_set_read_check(scope)


@pytest.mark.parametrize("role", ROLES)
def test_managing_each_scope(agency, role):
    scope = scope_of(agency, role)
    for name, version in versions(agency).items():
        unit = None if name is None else getattr(agency, name)
        if role == "anonim":
            with pytest.raises(Http404):
                access.rule_set_get_for_manage(scope, version.pk)
            with pytest.raises(Http404):
                access.rule_set_manage_check(scope, unit)
        elif name in MANAGES[role]:
            assert access.rule_set_get_for_manage(scope, version.pk) == version
            access.rule_set_manage_check(scope, unit)
        else:
            with pytest.raises(PermissionDenied):
                access.rule_set_get_for_manage(scope, version.pk)
            with pytest.raises(PermissionDenied):
                access.rule_set_manage_check(scope, unit)
    assert access.manages_agency(scope) is (None in MANAGES[role])
    assert access.rule_set_creates(scope) is bool(MANAGES[role])


def test_an_admin_of_the_root_manages_everything(agency, root_admin):
    assert access.manages_agency(root_admin) is True
    assert access.rule_set_creates(root_admin) is True
    for name, version in versions(agency).items():
        assert access.rule_set_get_for_manage(root_admin, version.pk) == version, name
        access.rule_set_manage_check(root_admin, None if name is None else getattr(agency, name))
    assert set(access.rule_set_unit_choices(root_admin)) == {getattr(agency, n) for n in UNITS}


def test_an_admin_of_a_lower_unit_does_not_manage_the_agency(agency):
    user = PenggunaFactory()
    give_role(user, JenisPeran.ADMIN_KEPEGAWAIAN, agency.bagian)
    scope = scope_for(user)
    assert access.manages_agency(scope) is False
    assert access.rule_set_creates(scope) is True
    with pytest.raises(PermissionDenied):
        access.rule_set_get_for_manage(scope, default_version().pk)
    biro = draft_version(kode="biro-umum", unit=agency.biro)
    with pytest.raises(PermissionDenied):
        access.rule_set_get_for_manage(scope, biro.pk)
    bagian = draft_version(kode="bagian-sdm", unit=agency.bagian)
    assert access.rule_set_get_for_manage(scope, bagian.pk) == bagian
    assert list(access.rule_set_unit_choices(scope)) == [agency.bagian]


@pytest.mark.parametrize("role", ROLES)
def test_a_missing_rule_set_is_not_found(agency, role):
    scope = scope_of(agency, role)
    missing = SetAturan.objects.order_by("-pk").values_list("pk", flat=True).first() + 1
    with pytest.raises(Http404):
        access.rule_set_get_for_read(scope, missing)
    with pytest.raises(Http404):
        access.rule_set_get_for_manage(scope, missing)


@pytest.mark.parametrize("role", ROLES)
def test_unit_choices(agency, role):
    choices = access.rule_set_unit_choices(scope_of(agency, role))
    assert set(choices) == {getattr(agency, name) for name in UNIT_CHOICES[role]}


def test_inactive_units_are_not_offered(agency, root_admin):
    Unit.objects.filter(pk=agency.lain.pk).update(aktif=False)
    expected = {agency.root, agency.biro, agency.bagian}
    assert set(access.rule_set_unit_choices(scope_of(agency, "superuser"))) == expected
    assert set(access.rule_set_unit_choices(root_admin)) == expected
