"""Who sees which monitoring figures. The only way to fetch a guarded unit or employee here.

- Agency / unit dashboards, trend, projection and warning lists of a unit, the backtest, the
  integrity report: HR readers (admin kepegawaian and pimpinan of a subtree, auditor,
  superuser) for the units they read.
- The team dashboard and the team's trends: an appraiser for their direct appraisees.
- A person's dashboard: the person, their current appraiser, HR readers of their unit.
Missing and unreadable are the same 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.organisasi.access import Lingkup, unit_readable
from kinerja.organisasi.models import Pegawai, Unit


@dataclass(frozen=True)
class Cakupan:
    """Whose figures a list shows: a unit subtree (`unit`) or an appraiser's team
    (`penilai_id`, for an appraiser who reads no unit)."""

    unit: Unit | None
    penilai_id: int | None

    @property
    def jalur(self) -> str | None:
        return self.unit.jalur if self.unit else None


def hr_check(scope: Lingkup) -> None:
    if not scope.reads_units:
        raise Http404


def team_check(scope: Lingkup) -> int:
    """The appraiser's own employee id; 404 for who appraises nobody."""
    if not (scope.is_penilai and scope.pegawai_id):
        raise Http404
    return scope.pegawai_id


def unit_choices(scope: Lingkup) -> QuerySet[Unit]:
    return unit_readable(scope).filter(aktif=True).order_by("jalur")


def unit_for_read(scope: Lingkup, unit_id: int | None) -> Unit:
    """The unit asked for (404 when not readable) or the first readable unit (the top of the
    user's subtree) by default."""
    hr_check(scope)
    units = unit_readable(scope)
    found = units.filter(pk=unit_id).first() if unit_id else units.order_by("jalur").first()
    if found is None:
        raise Http404
    return found


def cakupan_for(scope: Lingkup, unit_id: int | None) -> Cakupan:
    """A readable unit for HR readers; the appraiser's team for an appraiser who reads no
    unit (a unit asked for is then a 404); 404 for everyone else."""
    if scope.reads_units:
        return Cakupan(unit_for_read(scope, unit_id), None)
    if unit_id:
        raise Http404
    return Cakupan(None, team_check(scope))


def pegawai_visible(scope: Lingkup) -> QuerySet[Pegawai]:
    """The employees whose dashboard this user may open."""
    employees = Pegawai.objects.all()
    if scope.reads_agency:
        return employees
    condition = Q(pk__in=[])
    for path in scope.read_paths:
        condition |= Q(unit__jalur__startswith=path)
    if scope.pegawai_id:
        condition |= Q(pk=scope.pegawai_id) | Q(penilai_id=scope.pegawai_id)
    return employees.filter(condition)


def pegawai_for_read(scope: Lingkup, pegawai_id: int) -> Pegawai:
    found = (
        pegawai_visible(scope)
        .select_related("unit", "jabatan", "penilai")
        .filter(pk=pegawai_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def own_pegawai(scope: Lingkup) -> Pegawai:
    """The user's own employee record; 404 for an account without one."""
    if not scope.pegawai_id:
        raise Http404
    return pegawai_for_read(scope, scope.pegawai_id)
