"""Who may see and change SKPs. The only way to fetch a guarded SKP, RHK or indicator.

Missing and forbidden are the same 404; an object the user may read but not change is 403.
- Read: the owner; their appraiser and the appraiser's superior; the subordinates of the owner
  (who must see the RHKs they cascade from); admin kepegawaian and pimpinan of the subtree of the
  owner's unit; auditor and superuser (whole agency).
- Edit a draft or returned plan: only its owner.
- Approve or return: the owner's current appraiser; for an employee without an appraiser in the
  product (the agency's head), the admin kepegawaian of their unit on the appraiser's behalf.
- Leader's expectations: the owner while editable, the appraiser until approval.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.organisasi.access import Lingkup
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import Indikator, Rhk, SasaranOrganisasi, Skp


def _own_penilai_id(scope: Lingkup) -> int | None:
    if not scope.pegawai_id:
        return None
    return Pegawai.objects.filter(pk=scope.pegawai_id).values_list("penilai_id", flat=True).first()


def skp_readable(scope: Lingkup) -> QuerySet[Skp]:
    plans = Skp.objects.all()
    if scope.reads_agency:
        return plans
    condition = Q(pk__in=[])
    for path in scope.read_paths:
        condition |= Q(pegawai__unit__jalur__startswith=path)
    if scope.pegawai_id:
        me = scope.pegawai_id
        condition |= (
            Q(pegawai_id=me) | Q(pegawai__penilai_id=me) | Q(pegawai__penilai__penilai_id=me)
        )
        penilai_id = _own_penilai_id(scope)
        if penilai_id:
            condition |= Q(pegawai_id=penilai_id)
    return plans.filter(condition)


def skp_get_for_read(scope: Lingkup, skp_id: int) -> Skp:
    found = (
        skp_readable(scope)
        .select_related("pegawai", "pegawai__unit", "pegawai__jabatan", "pegawai__penilai")
        .filter(pk=skp_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def is_owner(scope: Lingkup, skp: Skp) -> bool:
    return bool(scope.pegawai_id) and skp.pegawai_id == scope.pegawai_id


def may_decide(scope: Lingkup, skp: Skp) -> bool:
    """The owner's current appraiser (or HR for an employee without one); never the owner."""
    if is_owner(scope, skp):
        return False
    penilai_id = skp.pegawai.penilai_id
    if penilai_id is not None:
        return bool(scope.pegawai_id) and penilai_id == scope.pegawai_id
    return scope.manages_path(skp.pegawai.unit.jalur)


def may_set_expectations(scope: Lingkup, skp: Skp) -> bool:
    if is_owner(scope, skp):
        return skp.is_editable
    return skp.status != StatusSkp.DISETUJUI and may_decide(scope, skp)


def skp_get_for_edit(scope: Lingkup, skp_id: int) -> Skp:
    """An SKP to edit: 404 unreadable, 403 readable but not the user's own."""
    found = skp_get_for_read(scope, skp_id)
    if not is_owner(scope, found):
        raise PermissionDenied
    return found


def skp_get_for_decision(scope: Lingkup, skp_id: int) -> Skp:
    """An SKP to approve or return: 404 unreadable, 403 readable but not the appraiser."""
    found = skp_get_for_read(scope, skp_id)
    if not may_decide(scope, found):
        raise PermissionDenied
    return found


def skp_get_for_expectations(scope: Lingkup, skp_id: int) -> Skp:
    """The leader's expectations: the owner or the appraiser (404 unreadable, 403 others); the
    service refuses what the plan's status does not allow (`ekspektasi_update`)."""
    found = skp_get_for_read(scope, skp_id)
    if not (is_owner(scope, found) or may_decide(scope, found)):
        raise PermissionDenied
    return found


def rhk_get_for_edit(scope: Lingkup, rhk_id: int) -> Rhk:
    skp_id = Rhk.objects.filter(pk=rhk_id).values_list("skp_id", flat=True).first()
    if skp_id is None:
        raise Http404
    skp = skp_get_for_edit(scope, skp_id)
    rhk = Rhk.objects.select_related("skp").get(pk=rhk_id)
    rhk.skp = skp
    return rhk


def indikator_get_for_edit(scope: Lingkup, indikator_id: int) -> Indikator:
    rhk_id = Indikator.objects.filter(pk=indikator_id).values_list("rhk_id", flat=True).first()
    if rhk_id is None:
        raise Http404
    rhk = rhk_get_for_edit(scope, rhk_id)
    indikator = Indikator.objects.get(pk=indikator_id)
    indikator.rhk = rhk
    return indikator


def own_rhk_get(scope: Lingkup, rhk_id: int) -> Rhk:
    """One of the user's own RHKs (to push to subordinates): 404 otherwise."""
    found = (
        Rhk.objects.select_related("skp", "skp__pegawai")
        .filter(pk=rhk_id, skp__pegawai_id=scope.pegawai_id or 0)
        .first()
    )
    if found is None:
        raise Http404
    return found


def subordinate_rhk_get(scope: Lingkup, rhk_id: int) -> Rhk:
    """An RHK of one of the user's current appraisees (to link it from the matrix): 404 when not
    readable, 403 when readable but not an appraisee's."""
    found = (
        Rhk.objects.select_related("skp", "skp__pegawai")
        .filter(pk=rhk_id, skp__in=skp_readable(scope))
        .first()
    )
    if found is None:
        raise Http404
    if not scope.pegawai_id or found.skp.pegawai.penilai_id != scope.pegawai_id:
        raise PermissionDenied
    return found


def appraiser_check(scope: Lingkup) -> int:
    """The employee id of a user who may have appraisees (the matrix, the inbox)."""
    if not scope.pegawai_id:
        raise Http404
    return scope.pegawai_id


def own_check(scope: Lingkup) -> int:
    """The employee id of a user with an employee record ("SKP saya")."""
    if not scope.pegawai_id:
        raise Http404
    return scope.pegawai_id


def completion_check(scope: Lingkup) -> None:
    """The completion report: admin kepegawaian, pimpinan, auditor, superuser."""
    if not scope.reads_units:
        raise Http404


def sasaran_readable(scope: Lingkup) -> QuerySet[SasaranOrganisasi]:
    """Organisation goals are the agency's published Perjanjian Kinerja: every signed-in user."""
    if scope.pengguna_id is None:
        raise Http404
    return SasaranOrganisasi.objects.all()


def goal_units(scope: Lingkup) -> QuerySet[Unit]:
    """The units whose goals a signed-in user may browse: every active unit, in tree order."""
    sasaran_readable(scope)
    return Unit.objects.filter(aktif=True).order_by("jalur")


def goal_unit_get(scope: Lingkup, unit_id: int | None) -> Unit:
    """The unit whose goals are shown: the one asked for (404 when missing); without one, the
    user's own unit, else the first root unit (404 when the agency has no unit)."""
    sasaran_readable(scope)
    if unit_id is not None:
        found = Unit.objects.filter(pk=unit_id).first()
    else:
        own_unit_id = (
            Pegawai.objects.filter(pk=scope.pegawai_id).values_list("unit_id", flat=True).first()
            if scope.pegawai_id
            else None
        )
        units = Unit.objects.filter(pk=own_unit_id) if own_unit_id else Unit.objects.all()
        found = units.order_by("kedalaman", "jalur").first()
    if found is None:
        raise Http404
    return found


def may_manage_goals(scope: Lingkup, unit: Unit) -> bool:
    """HR of the unit's subtree, or a JPT holding a position in that unit."""
    if scope.manages_path(unit.jalur):
        return True
    if not scope.pegawai_id:
        return False
    return Pegawai.objects.filter(
        pk=scope.pegawai_id, unit_id=unit.pk, jabatan__jenis_jabatan="JPT", aktif=True
    ).exists()


def goals_unit_check(scope: Lingkup, unit: Any) -> None:
    sasaran_readable(scope)
    if not may_manage_goals(scope, unit):
        raise PermissionDenied


def sasaran_get_for_manage(scope: Lingkup, sasaran_id: int) -> SasaranOrganisasi:
    found = sasaran_readable(scope).select_related("unit").filter(pk=sasaran_id).first()
    if found is None:
        raise Http404
    goals_unit_check(scope, found.unit)
    return found
