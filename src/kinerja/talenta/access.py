"""Who may see and act on talent data. The only way to fetch a guarded improvement plan.

- The 9-box and the merit lists: HR readers (admin kepegawaian and pimpinan of a subtree,
  auditor, superuser) for the units they read; an appraiser for their direct appraisees.
- Potential: read by HR readers of the unit; changed only by its admin kepegawaian.
- Improvement plans: read by HR readers of the employee's unit, the employee's appraiser, the
  plan's pembimbing and the employee; created, closed and cancelled by the unit's admin
  kepegawaian or the employee's appraiser; notes also by the pembimbing (never by the employee).
Missing and unreadable are the same 404; readable but not allowed to act is 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.organisasi.access import Lingkup, pegawai_readable, unit_readable
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.talenta.models import RencanaPerbaikan


@dataclass(frozen=True)
class Cakupan:
    """Whose talent data a page shows: a unit subtree (`unit`), or an appraiser's team
    (`penilai_id`, when the user reads no unit)."""

    unit: Unit | None
    penilai_id: int | None

    @property
    def jalur(self) -> str | None:
        return self.unit.jalur if self.unit else None


def talenta_check(scope: Lingkup) -> None:
    """The 9-box and merit lists: HR readers and appraisers."""
    if not (scope.reads_units or scope.is_penilai):
        raise Http404


def cakupan_for(scope: Lingkup, unit_id: int | None) -> Cakupan:
    """The unit asked for (404 when not readable), the first readable unit by default, or the
    appraiser's own team for an appraiser who reads no unit."""
    talenta_check(scope)
    if scope.reads_units:
        units = unit_readable(scope)
        found = units.filter(pk=unit_id).first() if unit_id else units.order_by("jalur").first()
        if found is None:
            raise Http404
        return Cakupan(found, None)
    if unit_id:
        raise Http404
    return Cakupan(None, scope.pegawai_id)


def unit_choices(scope: Lingkup) -> QuerySet[Unit]:
    return unit_readable(scope).filter(aktif=True).order_by("jalur")


def potensi_unit_get(scope: Lingkup, unit_id: int | None) -> Unit:
    """The unit whose potential is shown: HR readers (first readable unit by default)."""
    if not scope.reads_units:
        raise Http404
    units = unit_readable(scope)
    found = units.filter(pk=unit_id).first() if unit_id else units.order_by("jalur").first()
    if found is None:
        raise Http404
    return found


def may_change_potensi(scope: Lingkup, unit: Unit) -> bool:
    return scope.manages_path(unit.jalur)


def potensi_unit_get_for_change(scope: Lingkup, unit_id: int | None) -> Unit:
    found = potensi_unit_get(scope, unit_id)
    if not may_change_potensi(scope, found):
        raise PermissionDenied
    return found


def pegawai_get_for_potensi(scope: Lingkup, pegawai_id: int) -> Pegawai:
    """An employee whose potential to set: 404 unreadable, 403 readable but not managed."""
    found = pegawai_readable(scope).select_related("unit").filter(pk=pegawai_id).first()
    if found is None:
        raise Http404
    if not scope.manages_path(found.unit.jalur):
        raise PermissionDenied
    return found


# --- Improvement plans -----------------------------------------------------------------------


def rencana_readable(scope: Lingkup) -> QuerySet[RencanaPerbaikan]:
    plans = RencanaPerbaikan.objects.all()
    if scope.reads_agency:
        return plans
    condition = Q(pk__in=[])
    for path in scope.read_paths:
        condition |= Q(pegawai__unit__jalur__startswith=path)
    if scope.pegawai_id:
        me = scope.pegawai_id
        condition |= Q(pegawai_id=me) | Q(pegawai__penilai_id=me) | Q(pembimbing_id=me)
    return plans.filter(condition)


def may_manage_plan_for(scope: Lingkup, pegawai: Pegawai) -> bool:
    """Create, close, cancel: the unit's admin kepegawaian or the employee's appraiser."""
    if scope.pegawai_id and pegawai.pk == scope.pegawai_id:
        return False
    if scope.manages_path(pegawai.unit.jalur):
        return True
    return bool(scope.pegawai_id) and pegawai.penilai_id == scope.pegawai_id


def may_note(scope: Lingkup, rencana: RencanaPerbaikan) -> bool:
    if may_manage_plan_for(scope, rencana.pegawai):
        return True
    return bool(scope.pegawai_id) and rencana.pembimbing_id == scope.pegawai_id


def rencana_get_for_read(scope: Lingkup, rencana_id: int) -> RencanaPerbaikan:
    found = (
        rencana_readable(scope)
        .select_related(
            "pegawai",
            "pegawai__unit",
            "pegawai__jabatan",
            "pembimbing",
            "penilaian",
            "penilaian__periode",
            "penilaian__periode__tahun",
        )
        .filter(pk=rencana_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def rencana_get_for_note(scope: Lingkup, rencana_id: int) -> RencanaPerbaikan:
    found = rencana_get_for_read(scope, rencana_id)
    if not may_note(scope, found):
        raise PermissionDenied
    return found


def rencana_get_for_manage(scope: Lingkup, rencana_id: int) -> RencanaPerbaikan:
    """A plan to close or cancel."""
    found = rencana_get_for_read(scope, rencana_id)
    if not may_manage_plan_for(scope, found.pegawai):
        raise PermissionDenied
    return found


def pegawai_get_for_plan(scope: Lingkup, pegawai_id: int) -> Pegawai:
    """The employee to start a plan for: 404 unreadable, 403 readable but not theirs."""
    found = (
        pegawai_readable(scope)
        .select_related("unit", "jabatan", "penilai")
        .filter(pk=pegawai_id)
        .first()
    )
    if found is None:
        raise Http404
    if not may_manage_plan_for(scope, found):
        raise PermissionDenied
    return found


def rencana_list_check(scope: Lingkup) -> None:
    """The plan list: HR readers, appraisers and pembimbing (an employee sees their own plans
    on their own page)."""
    if scope.reads_units or scope.is_penilai:
        return
    if (
        scope.pegawai_id
        and RencanaPerbaikan.objects.filter(pembimbing_id=scope.pegawai_id).exists()
    ):
        return
    raise Http404


def own_check(scope: Lingkup) -> int:
    if not scope.pegawai_id:
        raise Http404
    return scope.pegawai_id
