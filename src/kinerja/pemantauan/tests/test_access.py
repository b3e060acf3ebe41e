"""Who sees which monitoring figures (`pemantauan.access`), over every role of the shared
agency: a person's dashboard (the person, their current appraiser, HR readers of their unit),
the unit dashboards (HR readers of their subtree, the top of it by default), the appraiser's
team; missing and forbidden are the same 404."""

from __future__ import annotations

import pytest
from django.http import Http404

from kinerja.conftest import ROLES
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory
from kinerja.pemantauan import access

pytestmark = pytest.mark.django_db

HR = ("admin", "pimpinan", "auditor", "superuser")
AGENCY_WIDE = ("auditor", "superuser")
MISSING = 987654


def scope(agency, role):
    return scope_for(agency.user(role))


# Who may open whose dashboard.
VISIBLE = {
    "pegawai": {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"},
    "penilai": {"penilai", "admin", "pimpinan", "auditor", "superuser"},
    "outsider": {"outsider", "auditor", "superuser"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", sorted(VISIBLE))
def test_pegawai_for_read(agency, role, target):
    employee = getattr(agency, target)
    if role in VISIBLE[target]:
        found = access.pegawai_for_read(scope(agency, role), employee.pk)
        assert found == employee
        # with what the dashboard shows, fetched at once
        assert found._state.fields_cache.keys() >= {"unit", "jabatan", "penilai"}
    else:
        with pytest.raises(Http404):
            access.pegawai_for_read(scope(agency, role), employee.pk)


@pytest.mark.parametrize("role", ROLES)
def test_missing_employee_is_the_same_404(agency, role):
    with pytest.raises(Http404):
        access.pegawai_for_read(scope(agency, role), MISSING)


@pytest.mark.parametrize("role", ROLES)
def test_pegawai_visible(agency, role):
    expected = {target for target, roles in VISIBLE.items() if role in roles}
    found = set(access.pegawai_visible(scope(agency, role)).values_list("pk", flat=True))
    assert found == {getattr(agency, t).pk for t in expected}


def test_a_former_appraiser_no_longer_sees(agency):
    """Only the current appraiser: after the appraisee moves to another appraiser, 404."""
    Pegawai.objects.filter(pk=agency.pegawai.pk).update(penilai=agency.outsider)
    with pytest.raises(Http404):
        access.pegawai_for_read(scope(agency, "penilai"), agency.pegawai.pk)
    assert access.pegawai_for_read(scope(agency, "outsider"), agency.pegawai.pk) == (agency.pegawai)


def test_hr_sees_new_members_of_the_subtree(agency):
    newcomer = PegawaiFactory(unit=UnitFactory(induk=agency.bagian))
    assert access.pegawai_for_read(scope(agency, "admin"), newcomer.pk) == newcomer
    with pytest.raises(Http404):
        access.pegawai_for_read(scope(agency, "penilai"), newcomer.pk)


@pytest.mark.parametrize("role", ROLES)
def test_own_pegawai(agency, role):
    if role in ("pegawai", "penilai", "outsider"):
        assert access.own_pegawai(scope(agency, role)) == getattr(agency, role)
    else:
        # anonymous, and HR accounts without an employee record
        with pytest.raises(Http404):
            access.own_pegawai(scope(agency, role))


# --- Units -----------------------------------------------------------------------------------

DEFAULT_UNIT = {"admin": "biro", "pimpinan": "biro", "auditor": "root", "superuser": "root"}


@pytest.mark.parametrize("role", ROLES)
def test_unit_for_read_default_is_the_top_of_the_subtree(agency, role):
    if role in HR:
        assert access.unit_for_read(scope(agency, role), None) == getattr(
            agency, DEFAULT_UNIT[role]
        )
    else:
        with pytest.raises(Http404):
            access.unit_for_read(scope(agency, role), None)


READABLE = {
    "root": AGENCY_WIDE,
    "biro": HR,
    "bagian": HR,
    "lain": AGENCY_WIDE,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("unit", sorted(READABLE))
def test_unit_for_read(agency, role, unit):
    asked = getattr(agency, unit)
    if role in READABLE[unit]:
        assert access.unit_for_read(scope(agency, role), asked.pk) == asked
    else:
        with pytest.raises(Http404):
            access.unit_for_read(scope(agency, role), asked.pk)


@pytest.mark.parametrize("role", ROLES)
def test_missing_unit_is_the_same_404(agency, role):
    with pytest.raises(Http404):
        access.unit_for_read(scope(agency, role), MISSING)


@pytest.mark.parametrize("role", ROLES)
def test_cakupan_for(agency, role):
    found_scope = scope(agency, role)
    if role in HR:
        cakupan = access.cakupan_for(found_scope, None)
        unit = getattr(agency, DEFAULT_UNIT[role])
        assert cakupan == access.Cakupan(unit, None)
        assert cakupan.jalur == unit.jalur
        assert access.cakupan_for(found_scope, agency.bagian.pk) == access.Cakupan(
            agency.bagian, None
        )
    elif role == "penilai":
        cakupan = access.cakupan_for(found_scope, None)
        assert cakupan == access.Cakupan(None, agency.penilai.pk)
        assert cakupan.jalur is None
        # an appraiser who reads no unit cannot ask for one
        with pytest.raises(Http404):
            access.cakupan_for(found_scope, agency.bagian.pk)
    else:
        for unit_id in (None, agency.bagian.pk):
            with pytest.raises(Http404):
                access.cakupan_for(found_scope, unit_id)


@pytest.mark.parametrize("role", ["admin", "pimpinan"])
def test_cakupan_outside_the_subtree_is_404(agency, role):
    with pytest.raises(Http404):
        access.cakupan_for(scope(agency, role), agency.lain.pk)


@pytest.mark.parametrize("role", ROLES)
def test_team_check(agency, role):
    if role == "penilai":
        assert access.team_check(scope(agency, role)) == agency.penilai.pk
    else:
        with pytest.raises(Http404):
            access.team_check(scope(agency, role))


@pytest.mark.parametrize("role", ROLES)
def test_hr_check(agency, role):
    if role in HR:
        access.hr_check(scope(agency, role))
    else:
        with pytest.raises(Http404):
            access.hr_check(scope(agency, role))


def test_unit_choices(agency):
    Unit.objects.filter(pk=agency.lain.pk).update(aktif=False)
    assert list(access.unit_choices(scope(agency, "admin"))) == [agency.biro, agency.bagian]
    assert list(access.unit_choices(scope(agency, "auditor"))) == [
        agency.root,
        agency.biro,
        agency.bagian,
    ]
    assert list(access.unit_choices(scope(agency, "pegawai"))) == []
