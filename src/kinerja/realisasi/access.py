"""Who may see and act on period reports and their evidence. The only way to fetch them.

An employee never reaches another employee's evidence. Readers of a report: its owner, the
owner's appraiser and the appraiser's superior, admin kepegawaian and pimpinan of the subtree of
the owner's unit, auditor and superuser. Acting: the owner fills and submits; the owner's current
appraiser verifies and writes feedback (HR of the unit for an employee without an appraiser).
Missing and unreadable are the same 404; readable but not allowed to act is 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.organisasi.access import Lingkup
from kinerja.periode.models import Periode
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.skp.models import Indikator

RELATED = (
    "skp",
    "skp__pegawai",
    "skp__pegawai__unit",
    "skp__pegawai__jabatan",
    "periode",
    "periode__tahun",
)


def _readable_condition(scope: Lingkup, prefix: str) -> Q:
    condition = Q(pk__in=[])
    for path in scope.read_paths:
        condition |= Q(**{f"{prefix}pegawai__unit__jalur__startswith": path})
    if scope.pegawai_id:
        me = scope.pegawai_id
        condition |= Q(**{f"{prefix}pegawai_id": me})
        condition |= Q(**{f"{prefix}pegawai__penilai_id": me})
        condition |= Q(**{f"{prefix}pegawai__penilai__penilai_id": me})
    return condition


def laporan_readable(scope: Lingkup) -> QuerySet[Laporan]:
    reports = Laporan.objects.all()
    if scope.reads_agency:
        return reports
    return reports.filter(_readable_condition(scope, "skp__"))


def laporan_get_for_read(scope: Lingkup, laporan_id: int) -> Laporan:
    found = laporan_readable(scope).select_related(*RELATED).filter(pk=laporan_id).first()
    if found is None:
        raise Http404
    return found


def is_owner(scope: Lingkup, laporan: Laporan) -> bool:
    return bool(scope.pegawai_id) and laporan.skp.pegawai_id == scope.pegawai_id


def may_verify(scope: Lingkup, laporan: Laporan) -> bool:
    """The owner's current appraiser; HR of the owner's unit when there is none. Never the
    owner."""
    owner = laporan.skp.pegawai
    if is_owner(scope, laporan):
        return False
    if owner.penilai_id is not None:
        return bool(scope.pegawai_id) and owner.penilai_id == scope.pegawai_id
    return scope.manages_path(owner.unit.jalur)


def laporan_get_for_owner(scope: Lingkup, laporan_id: int) -> Laporan:
    found = laporan_get_for_read(scope, laporan_id)
    if not is_owner(scope, found):
        raise PermissionDenied
    return found


def laporan_get_for_verify(scope: Lingkup, laporan_id: int) -> Laporan:
    found = laporan_get_for_read(scope, laporan_id)
    if not may_verify(scope, found):
        raise PermissionDenied
    return found


def bukti_get_for_read(scope: Lingkup, bukti_id: int) -> BuktiDukung:
    """An evidence item (and its file) for a reader of its report; 404 for anyone else."""
    laporan_id = (
        BuktiDukung.objects.filter(pk=bukti_id).values_list("laporan_id", flat=True).first()
    )
    if laporan_id is None:
        raise Http404
    laporan = laporan_get_for_read(scope, laporan_id)
    found = BuktiDukung.objects.select_related("rhk").get(pk=bukti_id)
    found.laporan = laporan
    return found


def bukti_get_for_owner(scope: Lingkup, bukti_id: int) -> BuktiDukung:
    found = bukti_get_for_read(scope, bukti_id)
    if not is_owner(scope, found.laporan):
        raise PermissionDenied
    return found


def bukti_get_for_verify(scope: Lingkup, bukti_id: int) -> BuktiDukung:
    found = bukti_get_for_read(scope, bukti_id)
    if not may_verify(scope, found.laporan):
        raise PermissionDenied
    return found


def indikator_of_report(laporan: Laporan, indikator_id: int) -> Indikator:
    """An indicator of the report's plan (fetched after the report itself); 404 for any other."""
    found = (
        Indikator.objects.select_related("rhk")
        .filter(pk=indikator_id, rhk__skp_id=laporan.skp_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def periode_get_for_own(scope: Lingkup, periode_id: int) -> Periode:
    """A period for an employee's own report (every employee reads the calendar); 404 for
    users without an employee record and for unknown periods."""
    own_check(scope)
    found = Periode.objects.select_related("tahun").filter(pk=periode_id).first()
    if found is None:
        raise Http404
    return found


def own_check(scope: Lingkup) -> int:
    """The employee id of a user with an employee record (their own period pages)."""
    if not scope.pegawai_id:
        raise Http404
    return scope.pegawai_id


def monitoring_check(scope: Lingkup) -> None:
    """HR monitoring: admin kepegawaian, pimpinan, auditor, superuser; others 404."""
    if not scope.reads_units:
        raise Http404


def unlock_page_check(scope: Lingkup) -> None:
    """The unlock form: admin kepegawaian and superuser; other HR readers 403, others 404."""
    monitoring_check(scope)
    if not scope.is_admin:
        raise PermissionDenied


def unlock_check(scope: Lingkup, jalur: str) -> None:
    """Unlocking a person or unit: admin kepegawaian of the subtree (403 for other readers)."""
    monitoring_check(scope)
    if not scope.manages_path(jalur):
        raise PermissionDenied
