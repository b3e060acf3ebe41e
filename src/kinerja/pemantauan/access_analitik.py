"""Who may see the rater analytics and the evidence integrity report, and of which units.

- Rater analytics: HR readers (admin kepegawaian and pimpinan of a subtree, auditor,
  superuser) for any unit subtree they read (the first readable unit by default); an appraiser
  who reads no unit sees only their own row, compared with their own unit's subtree and the
  agency. Anyone else: 404.
- Evidence integrity report: HR readers only, for the units they read.
Missing and unreadable are the same 404. Unknown filter values (a period, a year, a jenis
jabatan) are refused with a `ValidationError` naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.organisasi.access import Lingkup
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.pemantauan.access import unit_for_read
from kinerja.periode.models import Periode, TahunKinerja
from kinerja.periode.selectors import default_tahun


@dataclass(frozen=True)
class CakupanPenilai:
    """Whose ratings the rater analytics show: every appraiser of the unit subtree's finalised
    assessments, or (`penilai` set) only that appraiser, compared with `unit`'s subtree."""

    unit: Unit
    penilai: Pegawai | None

    @property
    def jalur(self) -> str:
        return self.unit.jalur

    @property
    def penilai_id(self) -> int | None:
        return self.penilai.pk if self.penilai else None


def penilai_cakupan(scope: Lingkup, unit_id: int | None) -> CakupanPenilai:
    """The unit asked for (404 when not readable) or the first readable one for HR readers;
    the appraiser's own row and unit for an appraiser who reads no unit."""
    if scope.reads_units:
        return CakupanPenilai(unit_for_read(scope, unit_id), None)
    if not scope.is_penilai or not scope.pegawai_id or unit_id:
        raise Http404
    me = Pegawai.objects.select_related("unit").filter(pk=scope.pegawai_id).first()
    if me is None:
        raise Http404
    return CakupanPenilai(me.unit, me)


def integritas_unit(scope: Lingkup, unit_id: int | None) -> Unit:
    """The evidence integrity report: HR readers, a unit they read (the first by default)."""
    return unit_for_read(scope, unit_id)


# --- Filter values ----------------------------------------------------------------------------


def periode_resolve(periode_id: int) -> Periode:
    found = Periode.objects.select_related("tahun").filter(pk=periode_id).first()
    if found is None:
        raise ValidationError({"periode": _("Periode tidak ditemukan.")})
    return found


def jenis_jabatan_resolve(value: str) -> str:
    """ "" (every jenis) or the code of a jenis jabatan (the code or the label accepted)."""
    if not value:
        return ""
    found = JenisJabatan.parse(value)
    if found is None:
        raise ValidationError({"jenis_jabatan": _("Jenis jabatan tidak dikenal.")})
    return found.value


def tahun_periode_resolve(
    tahun: int | None, periode_id: int | None
) -> tuple[TahunKinerja | None, Periode | None]:
    """The year and optional period of the integrity report: the period's year when only the
    period is given, the default year (`periode.selectors.default_tahun`) when neither; None
    when no performance year exists at all."""
    periode = periode_resolve(periode_id) if periode_id else None
    if tahun is None:
        if periode is not None:
            return periode.tahun, periode
        tahun = default_tahun(timezone.localdate())
        return TahunKinerja.objects.filter(tahun=tahun).first(), None
    found = TahunKinerja.objects.filter(tahun=tahun).first()
    if found is None:
        raise ValidationError(
            {"tahun": _("Tahun kinerja %(tahun)s belum dibuka.") % {"tahun": tahun}}
        )
    if periode is not None and periode.tahun_id != found.pk:
        raise ValidationError(
            {"periode": _("Periode ini bukan periode tahun %(tahun)s.") % {"tahun": tahun}}
        )
    return found, periode
