"""Helpers of the assessment tests: a team under one appraiser, an organisation rating, an
employee rated to a given predikat, a finalised group.

The default rule set judges groups of at least 10 people (smaller ones are "too small to
judge" and may always be finalised); `team(10)` builds a group large enough to be checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from kinerja.aturan.enums import Predikat, PredikatOrganisasi
from kinerja.audit.services import Aktor
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory, pegawai_with_account
from kinerja.penilaian import rules, services
from kinerja.penilaian.models import KinerjaOrganisasi, Penetapan, Penilaian
from kinerja.penilaian.selectors import aturan_for
from kinerja.periode.models import Periode
from kinerja.realisasi.tests.factories import open_period
from kinerja.skp.tests.factories import SYSTEM, aktor_for

__all__ = ["SYSTEM", "aktor_for", "open_period"]

BAIK_10 = [Predikat.SANGAT_BAIK] * 2 + [Predikat.BAIK] * 7 + [Predikat.BUTUH_PERBAIKAN]
"""Ten predikat within the curve of organisation rating Baik (Baik largest, at most 70%, at
least one Butuh Perbaikan or Kurang)."""

BAIK_10_WITHOUT_LOW = [Predikat.SANGAT_BAIK] * 3 + [Predikat.BAIK] * 7
"""Ten predikat outside the curve of Baik: nobody at Butuh Perbaikan or Kurang."""


def team(
    size: int, *, induk: Unit | None = None, kepala: Pegawai | None = None, kode: str = ""
) -> tuple[Unit, Pegawai, list[Pegawai]]:
    """A unit with its head (an account, appraiser of everyone) and `size` appraisees (the first
    two with accounts)."""
    unit = cast(Unit, UnitFactory(induk=induk, **({"kode": kode} if kode else {})))
    kepala = kepala or pegawai_with_account(unit=unit, nama=f"Kepala {unit.nama}")
    members: list[Pegawai] = [
        pegawai_with_account(unit=unit, penilai=kepala)
        if index < 2
        else cast(Pegawai, PegawaiFactory(unit=unit, penilai=kepala))
        for index in range(size)
    ]
    return unit, kepala, members


def org_rating(
    unit: Unit,
    periode: Periode,
    predikat: PredikatOrganisasi = PredikatOrganisasi.BAIK,
    aktor: Aktor = SYSTEM,
) -> KinerjaOrganisasi:
    return services.organisasi_rate(
        aktor=aktor,
        unit=unit,
        periode=periode,
        predikat=predikat,
        alasan="Target kinerja unit tercapai",
        atas_nama=False,
    )


def rate(
    pegawai: Pegawai, periode: Periode, predikat: Predikat, aktor: Aktor | None = None
) -> Penilaian:
    """Rate the employee with the (result, behaviour) pair that gives this predikat."""
    quadrant = aturan_for(pegawai.unit.jalur, periode).aturan().predikat
    hasil, perilaku = rules.ratings_for(quadrant, predikat)
    return services.penilaian_save(
        aktor=aktor or (aktor_for(pegawai.penilai) if pegawai.penilai else SYSTEM),
        pegawai=pegawai,
        periode=periode,
        rating_hasil=hasil,
        rating_perilaku=perilaku,
    )


def rate_all(
    members: Sequence[Pegawai], periode: Periode, predikat: Sequence[Predikat]
) -> list[Penilaian]:
    return [rate(p, periode, value) for p, value in zip(members, predikat, strict=True)]


def finalised_group(
    size: int = 10, *, kode: str = "TW1", induk: Unit | None = None
) -> tuple[Penetapan, Unit, Pegawai, list[Pegawai], Periode]:
    """A team of `size` rated within the curve of Baik, its head (in the same group, rated by
    the system) Sangat Baik, and the group finalised by the head."""
    periode = open_period(kode)
    unit, kepala, members = team(size, induk=induk)
    org_rating(unit, periode)
    predikat = (BAIK_10 * (size // 10 + 1))[:size]
    rate_all(members, periode, predikat)
    rate(kepala, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    penetapan = services.penetapan_finalise(aktor=aktor_for(kepala), unit=unit, periode=periode)
    return penetapan, unit, kepala, members, periode
