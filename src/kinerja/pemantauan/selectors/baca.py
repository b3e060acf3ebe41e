"""Reads shared by the dashboards: the stored figures of the last refresh, period choices."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from kinerja.organisasi.access import Lingkup
from kinerja.organisasi.models import Unit
from kinerja.organisasi.rules import unit_path_ids
from kinerja.pemantauan.models import (
    Pembaruan,
    ProfilPegawai,
    ProyeksiUnit,
    RingkasanUnit,
    StatusPembaruan,
)
from kinerja.pemantauan.selectors.sumber import TAHUNAN, periods_counted
from kinerja.periode.models import Periode


def latest_refresh() -> Pembaruan | None:
    """The last completed refresh (its time, model and backtest)."""
    return (
        Pembaruan.objects.filter(status=StatusPembaruan.SELESAI).order_by("-selesai_pada").first()
    )


def refresh_running() -> Pembaruan | None:
    return Pembaruan.objects.filter(status=StatusPembaruan.BERJALAN).order_by("-pk").first()


def period_choices() -> list[Periode]:
    """Started periods, newest first."""
    return list(reversed(periods_counted()))


def default_period(choices: list[Periode]) -> Periode | None:
    """The latest periodic period that has begun, else the newest choice."""
    today = timezone.localdate()
    for periode in choices:
        if periode.kode != TAHUNAN and periode.mulai <= today:
            return periode
    return choices[0] if choices else None


def unit_summary(unit: Unit, periode: Periode, jenis_jabatan: str = "") -> RingkasanUnit | None:
    return RingkasanUnit.objects.filter(
        unit=unit, periode=periode, jenis_jabatan=jenis_jabatan
    ).first()


def child_summaries(unit: Unit, periode: Periode, jenis_jabatan: str = "") -> list[RingkasanUnit]:
    """The summaries of the unit's direct sub-units (with their unit), by unit name."""
    return list(
        RingkasanUnit.objects.filter(unit__induk=unit, periode=periode, jenis_jabatan=jenis_jabatan)
        .select_related("unit")
        .order_by("unit__nama", "unit_id")
    )


def summaries_over_time(unit: Unit, jenis_jabatan: str = "") -> list[RingkasanUnit]:
    """The unit's summaries of every counted period, oldest first (the predikat matrix)."""
    rows = RingkasanUnit.objects.filter(unit=unit, jenis_jabatan=jenis_jabatan).select_related(
        "periode__tahun"
    )
    return sorted(
        rows, key=lambda r: (r.periode.tahun.tahun, r.periode.kode == TAHUNAN, r.periode.urutan)
    )


def unit_outlook(unit: Unit, jenis_jabatan: str = "") -> ProyeksiUnit | None:
    return (
        ProyeksiUnit.objects.filter(unit=unit, jenis_jabatan=jenis_jabatan)
        .select_related("periode_dasar__tahun")
        .first()
    )


def profiles_in(jalur: str, jenis_jabatan: str = "") -> QuerySet[ProfilPegawai]:
    """Profiles of the employees of a unit subtree (with employee, unit, position)."""
    found = ProfilPegawai.objects.filter(jalur__startswith=jalur)
    if jenis_jabatan:
        found = found.filter(jenis_jabatan=jenis_jabatan)
    return found.select_related("pegawai__jabatan", "unit").order_by("nama", "pegawai_id")


def team_profiles(penilai_id: int) -> QuerySet[ProfilPegawai]:
    return (
        ProfilPegawai.objects.filter(penilai_id=penilai_id)
        .select_related("pegawai__jabatan", "unit")
        .order_by("nama", "pegawai_id")
    )


def profile_of(pegawai_id: int) -> ProfilPegawai | None:
    return ProfilPegawai.objects.filter(pegawai_id=pegawai_id).first()


def unit_choices_near(scope: Lingkup, unit: Unit) -> list[Unit]:
    """The units a filter offers around `unit`: the readable units above it, the unit and its
    active sub-units (one query; bounded by the tree's depth and the unit's breadth, not by the
    agency's size, unlike listing every readable unit)."""
    ancestors = unit_path_ids(unit.jalur)
    found = Unit.objects.filter(Q(pk__in=ancestors) | Q(induk=unit, aktif=True))
    by_id = {u.pk: u for u in found.order_by("nama", "pk")}
    trail = [by_id[pk] for pk in ancestors if pk in by_id and scope.reads_path(by_id[pk].jalur)]
    return trail + [u for u in by_id.values() if u.induk_id == unit.pk and u not in trail]
