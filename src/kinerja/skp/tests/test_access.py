"""SKP access: who reads which plan, who edits, who decides, who writes the leader's expectations,
whose RHKs may be pushed or linked, who manages organisation goals; 404 for what a user may not
read, 403 for what they read but may not act on."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinerja.conftest import ROLES
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import JabatanFactory, give_role, pegawai_with_account
from kinerja.skp import access, services
from kinerja.skp.models import Indikator, Skp
from kinerja.skp.tests.factories import SYSTEM, approved_plan, open_year, plan_with_rhk

pytestmark = pytest.mark.django_db

OWNERS = ("penilai", "pegawai", "outsider")
READABLE = {
    "anonim": set(),
    "pegawai": {"pegawai", "penilai"},  # own, and the appraiser's (to cascade from)
    "penilai": {"penilai", "pegawai"},  # own, and the appraisee's
    "outsider": {"outsider"},
    "admin": {"penilai", "pegawai"},  # the subtree of biro
    "pimpinan": {"penilai", "pegawai"},
    "auditor": {"penilai", "pegawai", "outsider"},
    "superuser": {"penilai", "pegawai", "outsider"},
}
# Budi and Joko have no appraiser in the product: HR of their unit decides for them.
DECIDES = {role: set() for role in ROLES} | {
    "penilai": {"pegawai"},
    "admin": {"penilai"},
    "superuser": {"penilai", "outsider"},
}


@pytest.fixture
def plans(agency):
    """A draft plan with one RHK for each of Budi, Siti and Joko."""
    open_year()
    return {name: plan_with_rhk(getattr(agency, name)) for name in OWNERS}


def scope_of(agency, role):
    return scope_for(agency.user(role))


def outcome(call) -> str:
    """ "ok", "403" or "404" for a guarded fetch."""
    try:
        call()
    except Http404:
        return "404"
    except PermissionDenied:
        return "403"
    return "ok"


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_which_plan(agency, plans, role):
    scope = scope_of(agency, role)
    readable = {skp.pegawai.nama for skp in access.skp_readable(scope)}
    names = {"penilai": "Budi Santoso", "pegawai": "Siti Aminah", "outsider": "Joko Widodo"}
    assert readable == {names[owner] for owner in READABLE[role]}
    for owner in OWNERS:
        skp, _ = plans[owner]
        expected = "ok" if owner in READABLE[role] else "404"
        assert outcome(lambda skp=skp: access.skp_get_for_read(scope, skp.pk)) == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_the_owner_edits(agency, plans, role):
    scope = scope_of(agency, role)
    for owner in OWNERS:
        skp, rhk = plans[owner]
        indikator = Indikator.objects.get(rhk=rhk)
        if owner == role:
            expected = "ok"
        elif owner in READABLE[role]:
            expected = "403"
        else:
            expected = "404"
        assert outcome(lambda skp=skp: access.skp_get_for_edit(scope, skp.pk)) == expected
        assert outcome(lambda rhk=rhk: access.rhk_get_for_edit(scope, rhk.pk)) == expected
        assert outcome(lambda i=indikator: access.indikator_get_for_edit(scope, i.pk)) == expected


def test_guarded_fetches_of_missing_objects_are_404(agency, plans):
    scope = scope_of(agency, "superuser")
    for call in (
        access.skp_get_for_read,
        access.skp_get_for_edit,
        access.skp_get_for_decision,
        access.skp_get_for_expectations,
        access.rhk_get_for_edit,
        access.indikator_get_for_edit,
        access.own_rhk_get,
        access.subordinate_rhk_get,
        access.sasaran_get_for_manage,
    ):
        assert outcome(lambda call=call: call(scope, 987654)) == "404"


def test_the_fetched_rhk_and_indicator_carry_their_plan(agency, plans):
    skp, rhk = plans["pegawai"]
    scope = scope_of(agency, "pegawai")
    found = access.rhk_get_for_edit(scope, rhk.pk)
    assert (found, found.skp, found.skp.pegawai.nama) == (rhk, skp, "Siti Aminah")
    indikator = access.indikator_get_for_edit(scope, Indikator.objects.get(rhk=rhk).pk)
    assert (indikator.rhk, indikator.rhk.skp) == (rhk, skp)


@pytest.mark.parametrize("role", ROLES)
def test_who_approves_or_returns(agency, plans, role):
    scope = scope_of(agency, role)
    for owner in OWNERS:
        skp, _ = plans[owner]
        if owner in DECIDES[role]:
            expected = "ok"
        elif owner in READABLE[role]:
            expected = "403"
        else:
            expected = "404"
        assert outcome(lambda skp=skp: access.skp_get_for_decision(scope, skp.pk)) == expected


def test_hr_without_the_unit_does_not_decide(agency, plans):
    """The admin of biro reads nothing of lain: Joko's plan is 404 to it; the auditor reads it
    but decides nothing."""
    skp, _ = plans["outsider"]
    assert outcome(lambda: access.skp_get_for_decision(scope_of(agency, "admin"), skp.pk)) == "404"
    assert (
        outcome(lambda: access.skp_get_for_decision(scope_of(agency, "auditor"), skp.pk)) == "403"
    )


def test_nobody_decides_on_their_own_plan(agency, plans):
    """An employee without an appraiser who is also HR of their own unit (or a superuser) may not
    approve their own plan."""
    give_role(agency.penilai.pengguna, JenisPeran.ADMIN_KEPEGAWAIAN, agency.biro)
    budi_plan, _ = plans["penilai"]
    siti_plan, _ = plans["pegawai"]
    scope = scope_for(agency.penilai.pengguna)
    assert outcome(lambda: access.skp_get_for_decision(scope, budi_plan.pk)) == "403"
    assert access.skp_get_for_decision(scope, siti_plan.pk) == siti_plan
    boss = pegawai_with_account(nama="Kepala Badan", unit=agency.root)
    boss.pengguna.is_superuser = True
    boss.pengguna.save(update_fields=["is_superuser"])
    boss_plan, _ = plan_with_rhk(boss)
    assert outcome(lambda: access.skp_get_for_decision(scope_for(boss.pengguna), boss_plan.pk)) == (
        "403"
    )
    assert access.skp_get_for_decision(scope_for(agency.superuser), boss_plan.pk) == boss_plan


def test_the_appraisers_superior_and_a_former_appraiser(agency, plans):
    rina = pegawai_with_account(
        nama="Rina Kusuma", unit=agency.biro, jabatan=JabatanFactory(jenis_jabatan="JPT")
    )
    Pegawai.objects.filter(pk=agency.penilai.pk).update(penilai=rina)
    rina_plan, _ = plan_with_rhk(rina)
    rina_scope = scope_for(rina.pengguna)
    assert {skp.pegawai.nama for skp in access.skp_readable(rina_scope)} == {
        "Rina Kusuma",
        "Budi Santoso",
        "Siti Aminah",
    }
    siti_plan, _ = plans["pegawai"]
    budi_plan, _ = plans["penilai"]
    # The superior reads but does not decide for the appraisee's appraisees.
    assert outcome(lambda: access.skp_get_for_decision(rina_scope, siti_plan.pk)) == "403"
    assert access.skp_get_for_decision(rina_scope, budi_plan.pk) == budi_plan
    # Siti reads her appraiser's plan, not the one above it; Budi reads his appraiser's.
    assert (
        outcome(lambda: access.skp_get_for_read(scope_of(agency, "pegawai"), rina_plan.pk)) == "404"
    )
    assert access.skp_get_for_read(scope_for(agency.penilai.pengguna), rina_plan.pk) == rina_plan

    Pegawai.objects.filter(pk=agency.pegawai.pk).update(penilai=agency.outsider)
    budi_scope = scope_for(Pegawai.objects.get(pk=agency.penilai.pk).pengguna)
    joko_scope = scope_of(agency, "outsider")
    assert outcome(lambda: access.skp_get_for_read(budi_scope, siti_plan.pk)) == "404"
    assert access.skp_get_for_decision(joko_scope, siti_plan.pk) == siti_plan


class TestExpectations:
    def test_the_owner_while_editable_and_the_appraiser_until_approval(self, agency, plans):
        open_year(2027)
        siti_plan, _ = plans["pegawai"]
        siti, budi = scope_of(agency, "pegawai"), scope_of(agency, "penilai")
        others = [scope_of(agency, role) for role in ("admin", "pimpinan", "auditor", "superuser")]

        def allowed(skp):
            current = Skp.objects.select_related("pegawai__unit").get(pk=skp.pk)
            return (
                access.may_set_expectations(siti, current),
                access.may_set_expectations(budi, current),
                [access.may_set_expectations(scope, current) for scope in others],
            )

        assert allowed(siti_plan) == (True, True, [False] * 4)
        _, leader = approved_plan(agency.penilai, tahun=2027)
        later, _ = plan_with_rhk(agency.pegawai, tahun=2027, rhk_atasan=leader)
        services.skp_submit(aktor=SYSTEM, skp=later)
        assert allowed(later) == (False, True, [False] * 4)
        services.skp_return(aktor=SYSTEM, skp=later, catatan="Perbaiki")
        assert allowed(later) == (True, True, [False] * 4)
        services.skp_submit(aktor=SYSTEM, skp=later)
        services.skp_approve(aktor=SYSTEM, skp=later)
        assert allowed(later) == (False, False, [False] * 4)

    def test_hr_for_a_plan_without_an_appraiser(self, agency, plans):
        budi_plan, _ = plans["penilai"]
        current = Skp.objects.select_related("pegawai__unit").get(pk=budi_plan.pk)
        assert access.may_set_expectations(scope_of(agency, "admin"), current) is True
        assert access.may_set_expectations(scope_of(agency, "pimpinan"), current) is False

    @pytest.mark.parametrize("role", ROLES)
    def test_the_fetch_for_expectations(self, agency, plans, role):
        scope = scope_of(agency, role)
        for owner in OWNERS:
            skp, _ = plans[owner]
            if owner == role or owner in DECIDES[role]:
                expected = "ok"
            elif owner in READABLE[role]:
                expected = "403"
            else:
                expected = "404"
            assert (
                outcome(lambda skp=skp: access.skp_get_for_expectations(scope, skp.pk)) == expected
            )


@pytest.mark.parametrize("role", ROLES)
def test_own_and_subordinate_rhk(agency, plans, role):
    """Budi pushes his own RHKs and links Siti's; nobody else does either."""
    scope = scope_of(agency, role)
    _, budi_rhk = plans["penilai"]
    _, siti_rhk = plans["pegawai"]
    _, joko_rhk = plans["outsider"]
    own = {
        "penilai": budi_rhk,
        "pegawai": siti_rhk,
        "outsider": joko_rhk,
    }
    for rhk in (budi_rhk, siti_rhk, joko_rhk):
        expected = "ok" if own.get(role) == rhk else "404"
        assert outcome(lambda rhk=rhk: access.own_rhk_get(scope, rhk.pk)) == expected
    for owner, rhk in (("penilai", budi_rhk), ("pegawai", siti_rhk), ("outsider", joko_rhk)):
        if role == "penilai" and owner == "pegawai":
            expected = "ok"
        elif owner in READABLE[role]:
            expected = "403"
        else:
            expected = "404"
        assert outcome(lambda rhk=rhk: access.subordinate_rhk_get(scope, rhk.pk)) == expected


def test_the_fetched_subordinate_rhk(agency, plans):
    _, siti_rhk = plans["pegawai"]
    found = access.subordinate_rhk_get(scope_of(agency, "penilai"), siti_rhk.pk)
    assert (found, found.skp.pegawai.nama) == (siti_rhk, "Siti Aminah")
    own = access.own_rhk_get(scope_of(agency, "penilai"), plans["penilai"][1].pk)
    assert (own.kode, own.skp.pegawai.nama) == ("RHK-01", "Budi Santoso")


class TestGoals:
    def test_who_manages_a_units_goals(self, agency):
        rina = pegawai_with_account(
            nama="Rina Kusuma", unit=agency.biro, jabatan=JabatanFactory(jenis_jabatan="JPT")
        )
        retired = pegawai_with_account(
            nama="Pensiunan", unit=agency.biro, jabatan=JabatanFactory(jenis_jabatan="JPT")
        )
        Pegawai.objects.filter(pk=retired.pk).update(aktif=False)
        expected = {
            # (role or person): (root, biro, bagian, lain)
            "anonim": (False, False, False, False),
            "pegawai": (False, False, False, False),
            "penilai": (False, False, False, False),
            "outsider": (False, False, False, False),
            "admin": (False, True, True, False),
            "pimpinan": (False, False, False, False),
            "auditor": (False, False, False, False),
            "superuser": (True, True, True, True),
        }
        units = (agency.root, agency.biro, agency.bagian, agency.lain)
        for role, answers in expected.items():
            scope = scope_of(agency, role)
            assert tuple(access.may_manage_goals(scope, unit) for unit in units) == answers, role
        # A JPT manages the goals of their own unit only; an inactive one none.
        assert tuple(access.may_manage_goals(scope_for(rina.pengguna), u) for u in units) == (
            False,
            True,
            False,
            False,
        )
        assert not any(access.may_manage_goals(scope_for(retired.pengguna), u) for u in units)

    @pytest.mark.parametrize("role", ROLES)
    def test_reading_and_fetching_a_goal_to_manage(self, agency, role):
        open_year()
        goal = services.sasaran_save(
            aktor=SYSTEM, unit=agency.biro, tahun=2026, kode="SS-1", uraian="Layanan"
        )
        scope = scope_of(agency, role)
        if role == "anonim":
            assert outcome(lambda: access.sasaran_readable(scope)) == "404"
            expected = "404"
        else:
            assert list(access.sasaran_readable(scope)) == [goal]
            expected = "ok" if role in ("admin", "superuser") else "403"
        assert outcome(lambda: access.sasaran_get_for_manage(scope, goal.pk)) == expected
        assert outcome(lambda: access.goals_unit_check(scope, agency.biro)) == expected


@pytest.mark.parametrize("role", ROLES)
def test_page_checks(agency, role):
    scope = scope_of(agency, role)
    employee = {"pegawai": agency.pegawai, "penilai": agency.penilai, "outsider": agency.outsider}
    if role in employee:
        assert access.appraiser_check(scope) == employee[role].pk
        assert access.own_check(scope) == employee[role].pk
    else:
        assert outcome(lambda: access.appraiser_check(scope)) == "404"
        assert outcome(lambda: access.own_check(scope)) == "404"
    reads_units = role in ("admin", "pimpinan", "auditor", "superuser")
    assert outcome(lambda: access.completion_check(scope)) == ("ok" if reads_units else "404")
