"""Access: scopes per role, reads and changes, 404 for the unreadable and 403 for the read-only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinerja.conftest import ROLES
from kinerja.organisasi import access
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pengecualian, Peran
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.organisasi.tests.helpers import DAY

pytestmark = pytest.mark.django_db

READABLE_PEGAWAI = {
    "anonim": set(),
    "pegawai": {"pegawai"},
    "penilai": {"penilai", "pegawai"},
    "outsider": {"outsider"},
    "admin": {"penilai", "pegawai"},
    "pimpinan": {"penilai", "pegawai"},
    "auditor": {"penilai", "pegawai", "outsider"},
    "superuser": {"penilai", "pegawai", "outsider"},
}
MANAGEABLE_PEGAWAI = {role: set() for role in ROLES} | {
    "admin": {"penilai", "pegawai"},
    "superuser": {"penilai", "pegawai", "outsider"},
}
READABLE_UNITS = {role: set() for role in ROLES} | {
    "admin": {"biro", "bagian"},
    "pimpinan": {"biro", "bagian"},
    "auditor": {"root", "biro", "bagian", "lain"},
    "superuser": {"root", "biro", "bagian", "lain"},
}


def scope_of(agency, role):
    return scope_for(agency.user(role))


@pytest.mark.parametrize("role", ROLES)
def test_employee_reads_and_changes(agency, role):
    scope = scope_of(agency, role)
    for name in ("penilai", "pegawai", "outsider"):
        pegawai = getattr(agency, name)
        if name in MANAGEABLE_PEGAWAI[role]:
            assert access.pegawai_get_for_change(scope, pegawai.pk) == pegawai
        elif name in READABLE_PEGAWAI[role]:
            assert access.pegawai_get_for_read(scope, pegawai.pk) == pegawai
            with pytest.raises(PermissionDenied):
                access.pegawai_get_for_change(scope, pegawai.pk)
        else:
            with pytest.raises(Http404):
                access.pegawai_get_for_read(scope, pegawai.pk)
            with pytest.raises(Http404):
                access.pegawai_get_for_change(scope, pegawai.pk)


@pytest.mark.parametrize("role", ROLES)
def test_unit_reads(agency, role):
    scope = scope_of(agency, role)
    readable = {
        name
        for name in ("root", "biro", "bagian", "lain")
        if access.unit_readable(scope).filter(pk=getattr(agency, name).pk).exists()
    }
    assert readable == READABLE_UNITS[role]
    if READABLE_UNITS[role]:
        access.organisation_browse_check(scope)
    else:
        with pytest.raises(Http404):
            access.organisation_browse_check(scope)


def test_unit_changes(agency):
    admin = scope_of(agency, "admin")
    assert access.unit_get_for_change(admin, agency.bagian.pk) == agency.bagian
    with pytest.raises(Http404):
        access.unit_get_for_change(admin, agency.lain.pk)
    with pytest.raises(PermissionDenied):
        access.unit_get_for_change(scope_of(agency, "pimpinan"), agency.bagian.pk)
    with pytest.raises(PermissionDenied):
        access.unit_get_for_change(scope_of(agency, "auditor"), agency.root.pk)


def test_unit_parents(agency):
    admin, superuser = scope_of(agency, "admin"), scope_of(agency, "superuser")
    assert access.unit_parent_allowed(admin, agency.bagian) is True
    assert access.unit_parent_allowed(admin, agency.root) is False
    assert access.unit_parent_allowed(admin, None) is False
    assert access.unit_parent_allowed(superuser, None) is True


def test_a_penilai_reads_the_appraisees_of_appraisees(agency):
    below = PegawaiFactory(nama="Staf", unit=agency.lain, penilai=agency.pegawai)
    scope = scope_of(agency, "penilai")
    assert access.pegawai_get_for_read(scope, below.pk) == below
    with pytest.raises(Http404):
        access.pegawai_get_for_read(scope_of(agency, "outsider"), below.pk)


def test_exclusions_through_their_employee(agency):
    item = Pengecualian.objects.create(pegawai=agency.pegawai, jenis="MUTASI", mulai=DAY)
    assert access.pengecualian_get_for_change(scope_of(agency, "admin"), item.pk) == item
    with pytest.raises(PermissionDenied):
        access.pengecualian_get_for_change(scope_of(agency, "pegawai"), item.pk)
    with pytest.raises(Http404):
        access.pengecualian_get_for_change(scope_of(agency, "outsider"), item.pk)
    with pytest.raises(Http404):
        access.pengecualian_get_for_change(scope_of(agency, "superuser"), 999)


def test_bawahan_needs_an_employee_record(agency):
    assert access.bawahan_check(scope_of(agency, "pegawai")) == agency.pegawai.pk
    with pytest.raises(Http404):
        access.bawahan_check(scope_of(agency, "admin"))


def test_appraiser_candidates_only_for_admins(agency):
    assert set(access.penilai_candidates(scope_of(agency, "admin"))) == {
        agency.penilai,
        agency.pegawai,
        agency.outsider,
    }
    assert list(access.penilai_candidates(scope_of(agency, "pimpinan"))) == []


class TestRoles:
    def test_who_sees_which_roles(self, agency):
        everything = set(Peran.objects.values_list("pk", flat=True))
        in_biro = set(Peran.objects.filter(unit=agency.biro).values_list("pk", flat=True))
        assert (
            set(access.peran_readable(scope_of(agency, "superuser")).values_list("pk", flat=True))
            == everything
        )
        assert (
            set(access.peran_readable(scope_of(agency, "auditor")).values_list("pk", flat=True))
            == everything
        )
        assert (
            set(access.peran_readable(scope_of(agency, "admin")).values_list("pk", flat=True))
            == in_biro
        )
        for role in ("pimpinan", "pegawai", "penilai", "outsider", "anonim"):
            with pytest.raises(Http404):
                access.peran_readable(scope_of(agency, role))

    def test_who_grants_what(self, agency):
        admin = scope_of(agency, "admin")
        assert access.peran_grant_allowed(admin, "PIMPINAN", agency.bagian) is True
        assert access.peran_grant_allowed(admin, "ADMIN_KEPEGAWAIAN", agency.biro) is True
        assert access.peran_grant_allowed(admin, "ADMIN_KEPEGAWAIAN", agency.root) is False
        assert access.peran_grant_allowed(admin, "AUDITOR", None) is False
        assert access.peran_grant_allowed(scope_of(agency, "superuser"), "AUDITOR", None) is True
        with pytest.raises(PermissionDenied):
            access.peran_grant_check(scope_of(agency, "auditor"), "PIMPINAN", agency.biro)
        with pytest.raises(Http404):
            access.peran_grant_check(scope_of(agency, "pimpinan"), "PIMPINAN", agency.biro)

    def test_who_revokes_what(self, agency):
        auditor_role = Peran.objects.get(jenis="AUDITOR")
        pimpinan_role = Peran.objects.get(jenis="PIMPINAN")
        assert (
            access.peran_get_for_revoke(scope_of(agency, "admin"), pimpinan_role.pk)
            == pimpinan_role
        )
        with pytest.raises(Http404):
            access.peran_get_for_revoke(scope_of(agency, "admin"), auditor_role.pk)
        with pytest.raises(PermissionDenied):
            access.peran_get_for_revoke(scope_of(agency, "auditor"), pimpinan_role.pk)
        assert (
            access.peran_get_for_revoke(scope_of(agency, "superuser"), auditor_role.pk)
            == auditor_role
        )
