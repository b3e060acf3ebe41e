"""Who may see and manage performance years and periods.

Every signed-in user reads the calendar (it is the agency's public schedule). Years and periods
are agency-wide settings: they are managed by a superuser or an admin kepegawaian of a root unit
(whose subtree is the whole agency). A reader who may not manage gets 403; anonymous users 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinerja.organisasi.access import Lingkup
from kinerja.periode.models import Periode, TahunKinerja


def is_agency_admin(scope: Lingkup) -> bool:
    """A superuser, or an admin kepegawaian of a root unit ("/N/")."""
    return scope.is_superuser or any(path.count("/") == 2 for path in scope.admin_paths)


def calendar_read_check(scope: Lingkup) -> None:
    if scope.pengguna_id is None:
        raise Http404


def calendar_manage_check(scope: Lingkup) -> None:
    calendar_read_check(scope)
    if not is_agency_admin(scope):
        raise PermissionDenied


def tahun_get_for_read(scope: Lingkup, tahun: int) -> TahunKinerja:
    calendar_read_check(scope)
    found = TahunKinerja.objects.filter(tahun=tahun).first()
    if found is None:
        raise Http404
    return found


def tahun_get_for_manage(scope: Lingkup, tahun: int) -> TahunKinerja:
    found = tahun_get_for_read(scope, tahun)
    calendar_manage_check(scope)
    return found


def periode_get_for_read(scope: Lingkup, periode_id: int) -> Periode:
    """A period (with its year): the calendar is public to every signed-in user."""
    calendar_read_check(scope)
    found = Periode.objects.select_related("tahun").filter(pk=periode_id).first()
    if found is None:
        raise Http404
    return found


def periode_get_for_manage(scope: Lingkup, periode_id: int) -> Periode:
    calendar_read_check(scope)
    found = Periode.objects.select_related("tahun").filter(pk=periode_id).first()
    if found is None:
        raise Http404
    calendar_manage_check(scope)
    return found
