"""Who may read and act on assessments, groups and objections: each access function against
every role of the `agency` fixture (missing and unreadable: 404; readable but not allowed to
act: 403)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinerja.akun.models import Pengguna
from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES, Agency
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.tests.factories import PenggunaFactory, give_role
from kinerja.organisasi.tests.helpers import aktor_of
from kinerja.penilaian import access, services
from kinerja.penilaian.models import Keberatan, Penilaian
from kinerja.penilaian.tests.factories import SYSTEM, aktor_for, open_period, org_rating, rate

pytestmark = pytest.mark.django_db

OK, FORBIDDEN, MISSING = "ok", 403, 404


def outcome(call: Callable[[], Any]) -> Any:
    try:
        result = call()
    except Http404:
        return MISSING
    except PermissionDenied:
        return FORBIDDEN
    return OK if result is None else result


def matrix(agency: Agency, check: Callable[[Lingkup], Any]) -> dict[str, Any]:
    def checked(role: str) -> Callable[[], Any]:
        return lambda: check(scope_for(agency.user(role)))

    return {role: outcome(checked(role)) for role in ROLES}


def expect(**outcomes: Any) -> dict[str, Any]:
    """Every role, in the order of ROLES."""
    assert set(outcomes) == set(ROLES)
    return {role: outcomes[role] for role in ROLES}


@pytest.fixture
def assessed(agency):
    """Siti (appraised by Budi) and Budi (no appraiser: HR rates him) rated in Bagian SDM, the
    group finalised; Siti's objection explained by Budi."""
    periode = open_period("TW1")
    org_rating(agency.bagian, periode)
    rate(agency.pegawai, periode, Predikat.BAIK)
    rate(agency.penilai, periode, Predikat.SANGAT_BAIK, aktor=aktor_of(agency.admin))
    services.penetapan_finalise(aktor=SYSTEM, unit=agency.bagian, periode=periode)
    siti = Penilaian.objects.get(pegawai=agency.pegawai)
    budi = Penilaian.objects.get(pegawai=agency.penilai)
    keberatan = services.keberatan_file(
        aktor=aktor_for(agency.pegawai), penilaian=siti, alasan="Tidak sesuai bukti"
    )
    keberatan = services.keberatan_explain(
        aktor=aktor_for(agency.penilai), keberatan=keberatan, penjelasan="Sudah sesuai"
    )
    return periode, siti, budi, keberatan


# --- Reading an assessment -------------------------------------------------------------------


def test_read_a_finalised_assessment(agency, assessed):
    _periode, siti, budi, _keberatan = assessed

    def read(penilaian: Penilaian) -> Callable[[Lingkup], Any]:
        return lambda scope: access.penilaian_get_for_read(scope, penilaian.pk).pk

    assert matrix(agency, read(siti)) == expect(
        anonim=MISSING,
        pegawai=siti.pk,
        penilai=siti.pk,
        outsider=MISSING,
        admin=siti.pk,
        pimpinan=siti.pk,
        auditor=siti.pk,
        superuser=siti.pk,
    )
    assert matrix(agency, read(budi)) == expect(
        anonim=MISSING,
        pegawai=MISSING,
        penilai=budi.pk,
        outsider=MISSING,
        admin=budi.pk,
        pimpinan=budi.pk,
        auditor=budi.pk,
        superuser=budi.pk,
    )
    assert matrix(agency, lambda scope: access.penilaian_get_for_read(scope, 999999)) == expect(
        **dict.fromkeys(ROLES, MISSING)
    )


def test_an_employee_does_not_read_a_draft_of_their_own(agency):
    periode = open_period("TW1")
    draft = rate(agency.pegawai, periode, Predikat.BAIK)
    assert matrix(agency, lambda scope: access.penilaian_get_for_read(scope, draft.pk).pk) == (
        expect(
            anonim=MISSING,
            pegawai=MISSING,
            penilai=draft.pk,
            outsider=MISSING,
            admin=draft.pk,
            pimpinan=draft.pk,
            auditor=draft.pk,
            superuser=draft.pk,
        )
    )
    scope = scope_for(agency.pegawai.pengguna)
    assert list(access.penilaian_readable(scope)) == []


def test_the_appraisers_superior_reads(agency):
    """An appraiser's own appraiser reads the assessments of the appraisees below."""
    periode = open_period("TW1")
    draft = rate(agency.pegawai, periode, Predikat.BAIK)
    agency.penilai.penilai = agency.outsider
    agency.penilai.save(update_fields=["penilai"])
    joko = scope_for(agency.outsider.pengguna)
    assert access.penilaian_get_for_read(joko, draft.pk) == draft


# --- Rating ----------------------------------------------------------------------------------


def test_rate_an_employee_with_an_appraiser(agency):
    siti = agency.pegawai.pk
    assert matrix(agency, lambda scope: access.pegawai_get_for_rating(scope, siti).pk) == expect(
        anonim=MISSING,
        pegawai=FORBIDDEN,  # herself
        penilai=siti,
        outsider=MISSING,
        admin=FORBIDDEN,
        pimpinan=FORBIDDEN,
        auditor=FORBIDDEN,
        superuser=FORBIDDEN,
    )


def test_rate_an_employee_without_an_appraiser(agency):
    budi = agency.penilai.pk
    assert matrix(agency, lambda scope: access.pegawai_get_for_rating(scope, budi).pk) == expect(
        anonim=MISSING,
        pegawai=MISSING,
        penilai=FORBIDDEN,  # himself
        outsider=MISSING,
        admin=budi,  # HR of his unit
        pimpinan=FORBIDDEN,
        auditor=FORBIDDEN,
        superuser=budi,
    )


def test_rating_form_shown_to_readers(agency):
    siti = agency.pegawai.pk
    assert matrix(
        agency, lambda scope: access.pegawai_get_for_rating_view(scope, siti).pk
    ) == expect(
        anonim=MISSING,
        pegawai=MISSING,  # never her own form
        penilai=siti,
        outsider=MISSING,
        admin=siti,
        pimpinan=siti,
        auditor=siti,
        superuser=siti,
    )


def test_rater_check(agency):
    assert matrix(agency, access.rater_check) == expect(
        anonim=MISSING,
        pegawai=agency.pegawai.pk,
        penilai=agency.penilai.pk,
        outsider=agency.outsider.pk,
        admin=MISSING,
        pimpinan=MISSING,
        auditor=MISSING,
        superuser=MISSING,
    )


# --- Organisation rating ---------------------------------------------------------------------


def organisation(unit_id: int) -> Callable[[Lingkup], Any]:
    def check(scope: Lingkup) -> Any:
        unit, atas_nama = access.unit_get_for_organisation_rating(scope, unit_id)
        return unit.kode, atas_nama

    return check


def test_organisation_rating_of_bagian(agency):
    assert matrix(agency, organisation(agency.bagian.pk)) == expect(
        anonim=MISSING,
        pegawai=MISSING,
        penilai=MISSING,
        outsider=MISSING,
        admin=("BU-SDM", True),  # on the leader's behalf
        pimpinan=("BU-SDM", False),  # the leader above Bagian SDM
        auditor=FORBIDDEN,
        superuser=("BU-SDM", True),
    )


def test_organisation_rating_of_biro_and_root(agency):
    assert matrix(agency, organisation(agency.biro.pk)) == expect(
        anonim=MISSING,
        pegawai=MISSING,
        penilai=MISSING,
        outsider=MISSING,
        admin=("BU", True),
        pimpinan=FORBIDDEN,  # leads Biro Umum itself, not a unit above it
        auditor=FORBIDDEN,
        superuser=("BU", True),
    )
    assert matrix(agency, organisation(agency.root.pk)) == expect(
        anonim=MISSING,
        pegawai=MISSING,
        penilai=MISSING,
        outsider=MISSING,
        admin=MISSING,
        pimpinan=MISSING,
        auditor=FORBIDDEN,
        superuser=("SET", True),
    )
    assert matrix(agency, organisation(999999)) == expect(**dict.fromkeys(ROLES, MISSING))


def test_the_pimpinan_of_a_root_unit_rates_it(agency):
    kepala = cast(Pengguna, PenggunaFactory())
    give_role(kepala, JenisPeran.PIMPINAN, agency.root)
    scope = scope_for(kepala)
    assert access.unit_get_for_organisation_rating(scope, agency.root.pk) == (agency.root, False)
    assert access.unit_get_for_organisation_rating(scope, agency.bagian.pk) == (
        agency.bagian,
        False,
    )


def test_organisation_list_check(agency):
    assert matrix(agency, access.organisation_list_check) == expect(
        anonim=MISSING,
        pegawai=MISSING,
        penilai=MISSING,
        outsider=MISSING,
        admin=OK,
        pimpinan=OK,
        auditor=OK,
        superuser=OK,
    )


# --- Curve groups ----------------------------------------------------------------------------


def test_curve_monitor_of_bagian(agency):
    bagian = agency.bagian.pk
    assert matrix(agency, lambda scope: access.kurva_unit_get(scope, bagian).pk) == expect(
        anonim=MISSING,
        pegawai=MISSING,
        penilai=bagian,  # appraises Siti there
        outsider=MISSING,
        admin=bagian,
        pimpinan=bagian,
        auditor=bagian,
        superuser=bagian,
    )


def test_an_appraiser_reads_the_curve_of_the_group_of_an_appraisee_in_that_period(agency):
    """Budi appraises Siti (Bagian SDM). With only Biro Umum rated in TW1, Siti belongs to Biro
    Umum's group then: Budi reads that curve for TW1, not for another period, not without a
    period, and never the curve of a unit no appraisee of his belongs to."""
    tw1, tw2 = open_period("TW1"), open_period("TW2")
    org_rating(agency.biro, tw1)
    org_rating(agency.root, tw2)
    scope = scope_for(agency.penilai.pengguna)
    assert access.kurva_unit_get(scope, agency.biro.pk, tw1) == agency.biro
    assert access.kurva_unit_get(scope, agency.root.pk, tw2) == agency.root
    for unit, periode in ((agency.biro, tw2), (agency.root, tw1), (agency.biro, None)):
        with pytest.raises(Http404):
            access.kurva_unit_get(scope, unit.pk, periode)


def test_curve_monitor_of_biro_lain(agency):
    lain = agency.lain.pk
    assert matrix(agency, lambda scope: access.kurva_unit_get(scope, lain).pk) == expect(
        anonim=MISSING,
        pegawai=MISSING,
        penilai=MISSING,
        outsider=lain,  # heads Biro Lain (he has no appraiser)
        admin=MISSING,
        pimpinan=MISSING,
        auditor=lain,
        superuser=lain,
    )
    assert matrix(agency, lambda scope: access.kurva_unit_get(scope, 999999)) == expect(
        **dict.fromkeys(ROLES, MISSING)
    )


def test_finalise_bagian(agency):
    bagian = agency.bagian.pk
    assert matrix(
        agency, lambda scope: access.kurva_unit_get_for_finalise(scope, bagian).pk
    ) == expect(
        anonim=MISSING,
        pegawai=MISSING,
        penilai=bagian,  # the head of Bagian SDM
        outsider=MISSING,
        admin=bagian,
        pimpinan=bagian,
        auditor=FORBIDDEN,
        superuser=bagian,
    )
    assert matrix(agency, lambda scope: access.may_finalise(scope, agency.bagian)) == expect(
        anonim=False,
        pegawai=False,
        penilai=True,
        outsider=False,
        admin=True,
        pimpinan=True,
        auditor=False,
        superuser=True,
    )


def test_finalise_biro(agency):
    """Budi heads Bagian SDM, not Biro Umum (his unit is below it)."""
    assert matrix(agency, lambda scope: access.may_finalise(scope, agency.biro)) == expect(
        anonim=False,
        pegawai=False,
        penilai=False,
        outsider=False,
        admin=True,
        pimpinan=True,
        auditor=False,
        superuser=True,
    )
    biro = agency.biro.pk
    assert matrix(
        agency, lambda scope: access.kurva_unit_get_for_finalise(scope, biro).pk
    ) == expect(
        anonim=MISSING,
        pegawai=MISSING,
        penilai=MISSING,  # Siti is below, but in Biro Umum's group only in a rated period
        outsider=MISSING,
        admin=biro,
        pimpinan=biro,
        auditor=FORBIDDEN,
        superuser=biro,
    )


def test_kurva_list_check(agency):
    assert matrix(agency, access.kurva_list_check) == expect(
        anonim=MISSING,
        pegawai=MISSING,
        penilai=OK,
        outsider=MISSING,
        admin=OK,
        pimpinan=OK,
        auditor=OK,
        superuser=OK,
    )


# --- Objections ------------------------------------------------------------------------------


def test_objection_to_an_own_assessment(agency, assessed):
    _periode, siti, _budi, _keberatan = assessed
    assert matrix(
        agency, lambda scope: access.penilaian_get_for_objection(scope, siti.pk).pk
    ) == expect(
        anonim=MISSING,
        pegawai=siti.pk,
        penilai=FORBIDDEN,
        outsider=MISSING,
        admin=FORBIDDEN,
        pimpinan=FORBIDDEN,
        auditor=FORBIDDEN,
        superuser=FORBIDDEN,
    )


def test_may_explain(agency, assessed):
    _periode, siti, budi, _keberatan = assessed
    assert matrix(agency, lambda scope: access.may_explain(scope, siti)) == expect(
        anonim=False,
        pegawai=False,
        penilai=True,  # rated her
        outsider=False,
        admin=False,
        pimpinan=False,
        auditor=False,
        superuser=False,
    )
    assert matrix(agency, lambda scope: access.may_explain(scope, budi)) == expect(
        anonim=False,
        pegawai=False,
        penilai=False,  # his own
        outsider=False,
        admin=True,  # no appraiser: HR
        pimpinan=False,
        auditor=False,
        superuser=True,
    )


def test_objection_pages(agency, assessed):
    _periode, _siti, _budi, keberatan = assessed
    pk = keberatan.pk

    def get(function: Callable[[Lingkup, int], Keberatan]) -> dict[str, Any]:
        return matrix(agency, lambda scope: function(scope, pk).pk)

    readers = {
        "anonim": MISSING,
        "pegawai": pk,
        "penilai": pk,
        "outsider": MISSING,
        "admin": pk,
        "pimpinan": pk,
        "auditor": pk,
        "superuser": pk,
    }
    assert get(access.keberatan_get_for_read) == expect(**readers)
    refused = dict.fromkeys(("pegawai", "admin", "pimpinan", "auditor", "superuser"), FORBIDDEN)
    assert get(access.keberatan_get_for_explain) == expect(**(readers | refused))
    # Budi has no appraiser: HR of the unit decides Siti's objection.
    refused = dict.fromkeys(("pegawai", "penilai", "pimpinan", "auditor"), FORBIDDEN)
    assert get(access.keberatan_get_for_decide) == expect(**(readers | refused))
    refused = dict.fromkeys(("penilai", "admin", "pimpinan", "auditor", "superuser"), FORBIDDEN)
    assert get(access.keberatan_get_for_owner) == expect(**(readers | refused))
    assert matrix(agency, lambda scope: access.keberatan_get_for_read(scope, 999999)) == expect(
        **dict.fromkeys(ROLES, MISSING)
    )


def test_the_appraisers_superior_decides(agency):
    """When the appraiser has an appraiser, only that superior decides (not HR)."""
    agency.penilai.penilai = agency.outsider
    agency.penilai.save(update_fields=["penilai"])
    periode = open_period("TW1")
    org_rating(agency.bagian, periode)
    rate(agency.pegawai, periode, Predikat.BAIK)
    rate(agency.penilai, periode, Predikat.BAIK, aktor=aktor_for(agency.outsider))
    services.penetapan_finalise(aktor=SYSTEM, unit=agency.bagian, periode=periode)
    keberatan = services.keberatan_file(
        aktor=aktor_for(agency.pegawai),
        penilaian=Penilaian.objects.get(pegawai=agency.pegawai),
        alasan="Tidak sesuai",
    )
    assert keberatan.atasan_id == agency.outsider.pk
    keberatan = Keberatan.objects.select_related("penilaian__unit").get(pk=keberatan.pk)

    assert matrix(agency, lambda scope: access.may_decide(scope, keberatan)) == expect(
        anonim=False,
        pegawai=False,
        penilai=False,
        outsider=True,
        admin=False,
        pimpinan=False,
        auditor=False,
        superuser=False,
    )
