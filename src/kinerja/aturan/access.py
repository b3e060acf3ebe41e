"""Who may see and change rule sets. The only way to fetch a guarded rule set.

Rule sets are open to read for every signed-in user (every figure must be explainable to the
employee it concerns). Changing one needs the admin role over its scope: an agency-wide rule set
needs a superuser or an admin kepegawaian of a root unit; a unit-scoped one, an admin of that
unit's subtree. Missing is 404; readable but not changeable is 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.aturan.models import SetAturan
from kinerja.organisasi.access import Lingkup
from kinerja.organisasi.models import Unit
from kinerja.organisasi.rules import unit_depth


def rule_set_read_check(scope: Lingkup) -> None:
    if not scope.pengguna_id:
        raise Http404


def manages_agency(scope: Lingkup) -> bool:
    """A superuser, or an admin kepegawaian of a root unit (the whole agency)."""
    return scope.is_superuser or any(unit_depth(path) == 0 for path in scope.admin_paths)


def rule_set_manages(scope: Lingkup, unit: Unit | None) -> bool:
    if unit is None:
        return manages_agency(scope)
    return scope.manages_path(unit.jalur)


def rule_set_manage_check(scope: Lingkup, unit: Unit | None) -> None:
    rule_set_read_check(scope)
    if not rule_set_manages(scope, unit):
        raise PermissionDenied


def rule_set_creates(scope: Lingkup) -> bool:
    """May create rule sets for some scope (copy under a new code, import)."""
    return manages_agency(scope) or bool(scope.admin_paths)


def rule_set_get_for_read(scope: Lingkup, set_aturan_id: int) -> SetAturan:
    rule_set_read_check(scope)
    found = SetAturan.objects.select_related("unit", "disalin_dari", "dibuat_oleh").filter(
        pk=set_aturan_id
    )
    set_aturan = found.first()
    if set_aturan is None:
        raise Http404
    return set_aturan


def rule_set_get_for_manage(scope: Lingkup, set_aturan_id: int) -> SetAturan:
    set_aturan = rule_set_get_for_read(scope, set_aturan_id)
    if not rule_set_manages(scope, set_aturan.unit):
        raise PermissionDenied
    return set_aturan


def rule_set_unit_choices(scope: Lingkup) -> QuerySet[Unit]:
    """The units a user may scope a rule set to (their managed subtrees)."""
    if scope.is_superuser:
        return Unit.objects.filter(aktif=True)
    condition = Q(pk__in=[])
    for path in scope.admin_paths:
        condition |= Q(jalur__startswith=path)
    return Unit.objects.filter(condition, aktif=True)
