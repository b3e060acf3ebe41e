"""Realisation access: who reads which report and its evidence, who acts as its owner, who
verifies (never the owner; HR for an employee without appraiser), who sees monitoring and who
unlocks; 404 for what a user may not read, 403 for what they read but may not act on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinerja.conftest import ROLES
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import give_role, pegawai_with_account
from kinerja.realisasi import access
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.realisasi.tests.factories import open_period, report_for, upload

pytestmark = pytest.mark.django_db

OWNERS = ("penilai", "pegawai", "outsider")
"""Budi (appraises Siti, has no appraiser), Siti, Joko (in another bureau, no appraiser)."""

READABLE = {
    "anonim": set(),
    "pegawai": {"pegawai"},  # her own only, not her appraiser's
    "penilai": {"penilai", "pegawai"},  # his own and his appraisee's
    "outsider": {"outsider"},
    "admin": {"penilai", "pegawai"},  # the subtree of biro
    "pimpinan": {"penilai", "pegawai"},
    "auditor": {"penilai", "pegawai", "outsider"},
    "superuser": {"penilai", "pegawai", "outsider"},
}
OWNS = {role: {role} & set(OWNERS) for role in ROLES}
VERIFIES = {role: set() for role in ROLES} | {
    "penilai": {"pegawai"},  # the appraiser
    "admin": {"penilai"},  # HR of the unit, for an employee without appraiser
    "superuser": {"penilai", "outsider"},
}


@dataclass
class Reports:
    laporan: dict[str, Laporan]
    bukti: dict[str, BuktiDukung]


@pytest.fixture
def reports(agency) -> Reports:
    periode = open_period()
    laporan: dict[str, Laporan] = {}
    bukti: dict[str, BuktiDukung] = {}
    budi, _skp, budi_rhk = report_for(agency.penilai, periode)
    siti, _skp, siti_rhk = report_for(agency.pegawai, periode, rhk_atasan=budi_rhk)
    joko, _skp, joko_rhk = report_for(agency.outsider, periode)
    for owner, found, rhk in (
        ("penilai", budi, budi_rhk),
        ("pegawai", siti, siti_rhk),
        ("outsider", joko, joko_rhk),
    ):
        laporan[owner] = found
        bukti[owner] = upload(found, rhk)
    return Reports(laporan, bukti)


def scope_of(agency: Any, role: str):
    return scope_for(agency.user(role))


def outcome(call: Any) -> str:
    """ "ok", "403" or "404" for a guarded fetch or check."""
    try:
        call()
    except Http404:
        return "404"
    except PermissionDenied:
        return "403"
    return "ok"


def expected(role: str, owner: str, allowed: dict[str, set[str]]) -> str:
    if owner not in READABLE[role]:
        return "404"
    return "ok" if owner in allowed[role] else "403"


def owners_of(reports: Reports, found: Any) -> set[str]:
    ids = {item.pk for item in found}
    return {owner for owner, laporan in reports.laporan.items() if laporan.pk in ids}


# --- Reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_which_report(agency, reports, role):
    scope = scope_of(agency, role)
    assert owners_of(reports, access.laporan_readable(scope)) == READABLE[role]
    for owner in OWNERS:
        assert outcome(
            lambda owner=owner: access.laporan_get_for_read(scope, reports.laporan[owner].pk)
        ) == ("ok" if owner in READABLE[role] else "404")
        assert outcome(
            lambda owner=owner: access.bukti_get_for_read(scope, reports.bukti[owner].pk)
        ) == ("ok" if owner in READABLE[role] else "404")


@pytest.mark.parametrize("role", ROLES)
def test_a_missing_report_or_item_is_the_same_404(agency, reports, role):
    scope = scope_of(agency, role)
    for call in (
        access.laporan_get_for_read,
        access.laporan_get_for_owner,
        access.laporan_get_for_verify,
        access.bukti_get_for_read,
        access.bukti_get_for_owner,
        access.bukti_get_for_verify,
    ):
        assert outcome(lambda call=call: call(scope, 999_999)) == "404"


def test_a_fetched_item_carries_its_report_with_owner_and_period(
    agency, reports, django_assert_num_queries
):
    scope = scope_of(agency, "penilai")
    with django_assert_num_queries(3):
        found = access.bukti_get_for_read(scope, reports.bukti["pegawai"].pk)
        assert (found.laporan.skp.pegawai.nama, found.laporan.periode.kode, found.rhk.kode) == (
            "Siti Aminah",
            "TW4",
            "RHK-01",
        )
        assert found.laporan.skp.pegawai.unit.kode == "BU-SDM"
        assert found.laporan.periode.tahun.tahun == 2026


# --- Acting as the owner ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_the_owner_acts_as_owner(agency, reports, role):
    scope = scope_of(agency, role)
    for owner in OWNERS:
        want = expected(role, owner, OWNS)
        laporan, bukti = reports.laporan[owner], reports.bukti[owner]
        assert outcome(lambda pk=laporan.pk: access.laporan_get_for_owner(scope, pk)) == want
        assert outcome(lambda pk=bukti.pk: access.bukti_get_for_owner(scope, pk)) == want
        assert access.is_owner(scope, laporan) == (owner in OWNS[role])


# --- Verifying -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_verifies_which_report(agency, reports, role):
    scope = scope_of(agency, role)
    for owner in OWNERS:
        want = expected(role, owner, VERIFIES)
        laporan, bukti = reports.laporan[owner], reports.bukti[owner]
        assert outcome(lambda pk=laporan.pk: access.laporan_get_for_verify(scope, pk)) == want
        assert outcome(lambda pk=bukti.pk: access.bukti_get_for_verify(scope, pk)) == want
        assert access.may_verify(scope, laporan) == (owner in VERIFIES[role])


def test_the_owner_never_verifies_even_as_hr_or_superuser(agency, reports):
    give_role(agency.penilai.pengguna, JenisPeran.ADMIN_KEPEGAWAIAN, agency.bagian)
    joko = agency.outsider.pengguna
    joko.is_superuser = True
    joko.save(update_fields=["is_superuser"])

    budi = scope_for(agency.penilai.pengguna)
    assert budi.manages_path(agency.bagian.jalur)
    assert access.may_verify(budi, reports.laporan["penilai"]) is False
    assert (
        outcome(lambda: access.laporan_get_for_verify(budi, reports.laporan["penilai"].pk)) == "403"
    )
    assert access.may_verify(budi, reports.laporan["pegawai"]) is True

    superuser = scope_for(joko)
    assert superuser.is_superuser
    assert access.may_verify(superuser, reports.laporan["outsider"]) is False
    assert (
        outcome(lambda: access.bukti_get_for_verify(superuser, reports.bukti["outsider"].pk))
        == "403"
    )
    assert access.may_verify(superuser, reports.laporan["penilai"]) is True


def test_hr_verifies_only_while_the_employee_has_no_appraiser(agency, reports):
    admin = scope_of(agency, "admin")
    laporan = reports.laporan["penilai"]
    assert access.may_verify(admin, laporan) is True
    head = pegawai_with_account(nama="Kepala Biro Umum", unit=agency.biro)
    Pegawai.objects.filter(pk=agency.penilai.pk).update(penilai=head)
    fresh = Laporan.objects.select_related("skp__pegawai__unit").get(pk=laporan.pk)
    assert access.may_verify(admin, fresh) is False
    assert outcome(lambda: access.laporan_get_for_verify(admin, laporan.pk)) == "403"
    assert (
        outcome(lambda: access.laporan_get_for_verify(scope_for(head.pengguna), laporan.pk)) == "ok"
    )


# --- The appraiser's superior and the owner's subordinates -----------------------------------


@pytest.fixture
def chain(agency, reports):
    """The head of biro appraises Budi; Siti appraises a new staff member, Rudi, whose report
    exists too."""
    head = pegawai_with_account(nama="Kepala Biro Umum", unit=agency.biro)
    Pegawai.objects.filter(pk=agency.penilai.pk).update(penilai=head)
    rudi = pegawai_with_account(nama="Rudi Hartono", unit=agency.bagian, penilai=agency.pegawai)
    periode = reports.laporan["pegawai"].periode
    siti_rhk = reports.bukti["pegawai"].rhk
    rudi_report, _skp, rudi_rhk = report_for(rudi, periode, rhk_atasan=siti_rhk)
    reports.laporan["rudi"] = rudi_report
    reports.bukti["rudi"] = upload(rudi_report, rudi_rhk)
    return head, rudi


def test_the_appraisers_superior_reads_but_does_not_verify(agency, reports, chain):
    head, _rudi = chain
    scope = scope_for(head.pengguna)
    assert owners_of(reports, access.laporan_readable(scope)) == {"penilai", "pegawai"}
    assert (
        outcome(lambda: access.laporan_get_for_verify(scope, reports.laporan["pegawai"].pk))
        == "403"
    )
    assert (
        outcome(lambda: access.laporan_get_for_verify(scope, reports.laporan["penilai"].pk)) == "ok"
    )
    assert outcome(lambda: access.bukti_get_for_read(scope, reports.bukti["rudi"].pk)) == "404"


def test_a_subordinate_of_the_owner_never_reads_the_owners_report(agency, reports, chain):
    _head, rudi = chain
    scope = scope_for(rudi.pengguna)
    assert owners_of(reports, access.laporan_readable(scope)) == {"rudi"}
    for owner in ("pegawai", "penilai", "outsider"):
        assert (
            outcome(
                lambda owner=owner: access.laporan_get_for_read(scope, reports.laporan[owner].pk)
            )
            == "404"
        )
        assert (
            outcome(lambda owner=owner: access.bukti_get_for_read(scope, reports.bukti[owner].pk))
            == "404"
        )
    # Upwards the chain reads down: Siti (his appraiser), Budi (hers) read Rudi's report.
    siti, budi = scope_of(agency, "pegawai"), scope_of(agency, "penilai")
    assert owners_of(reports, access.laporan_readable(siti)) == {"pegawai", "rudi"}
    assert owners_of(reports, access.laporan_readable(budi)) == {"penilai", "pegawai", "rudi"}
    assert access.may_verify(siti, reports.laporan["rudi"]) is True
    assert access.may_verify(budi, reports.laporan["rudi"]) is False


def test_a_colleague_in_the_same_unit_reads_nothing_of_others(agency, reports):
    colleague = pegawai_with_account(
        nama="Teman Sekantor", unit=agency.bagian, penilai=agency.penilai
    )
    scope = scope_for(colleague.pengguna)
    assert owners_of(reports, access.laporan_readable(scope)) == set()
    assert outcome(lambda: access.bukti_get_for_read(scope, reports.bukti["pegawai"].pk)) == "404"


# --- Pages without an object -----------------------------------------------------------------

HAS_EMPLOYEE = {"pegawai", "penilai", "outsider"}
MONITORS = {"admin", "pimpinan", "auditor", "superuser"}


@pytest.mark.parametrize("role", ROLES)
def test_own_pages_need_an_employee_record(agency, role):
    scope = scope_of(agency, role)
    if role in HAS_EMPLOYEE:
        assert access.own_check(scope) == getattr(agency, role).pk
    else:
        assert outcome(lambda: access.own_check(scope)) == "404"


@pytest.mark.parametrize("role", ROLES)
def test_monitoring_is_for_hr_leaders_auditors(agency, role):
    scope = scope_of(agency, role)
    assert outcome(lambda: access.monitoring_check(scope)) == ("ok" if role in MONITORS else "404")


UNLOCK = {
    # role: (bagian, lain, root)
    "anonim": ("404", "404", "404"),
    "pegawai": ("404", "404", "404"),
    "penilai": ("404", "404", "404"),
    "outsider": ("404", "404", "404"),
    "admin": ("ok", "403", "403"),
    "pimpinan": ("403", "403", "403"),
    "auditor": ("403", "403", "403"),
    "superuser": ("ok", "ok", "ok"),
}


@pytest.mark.parametrize("role", ROLES)
def test_unlocking_is_for_hr_of_the_subtree(agency, role):
    scope = scope_of(agency, role)
    assert (
        tuple(
            outcome(lambda unit=unit: access.unlock_check(scope, unit.jalur))
            for unit in (agency.bagian, agency.lain, agency.root)
        )
        == UNLOCK[role]
    )
    assert outcome(lambda: access.unlock_check(scope, agency.biro.jalur)) == UNLOCK[role][0]
