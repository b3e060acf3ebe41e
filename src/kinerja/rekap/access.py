"""Who may make the recap: admin kepegawaian and pimpinan (of their subtrees), auditor and
superuser (the agency). Anyone else gets 404. A unit outside the user's subtrees is refused (a
form error, 422 in the API); the whole agency (no unit) only for agency-wide readers."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.organisasi.access import Lingkup
from kinerja.organisasi.models import Unit


def may_recap(scope: Lingkup) -> bool:
    return scope.reads_agency or bool(scope.read_paths)


def rekap_check(scope: Lingkup) -> None:
    """404 unless the user may make recaps."""
    if not may_recap(scope):
        raise Http404


def unit_allowed(scope: Lingkup, unit: Unit | None) -> bool:
    """The whole agency for agency-wide readers; a unit the user reads otherwise."""
    if unit is None:
        return scope.reads_agency
    return scope.reads_path(unit.jalur)


def units_readable(scope: Lingkup) -> QuerySet[Unit]:
    """The units a user may recap, in tree order."""
    units = Unit.objects.order_by("jalur")
    if scope.reads_agency:
        return units
    condition = Q(pk__in=[])
    for path in scope.read_paths:
        condition |= Q(jalur__startswith=path)
    return units.filter(condition)
