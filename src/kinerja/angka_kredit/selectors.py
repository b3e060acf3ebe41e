"""Reading credit points: the points of a year per employee from the annual predikat and the
months held in each jenjang (position history), computed in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from kinerja.angka_kredit import rules
from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import Predikat
from kinerja.aturan.models import SetAturan
from kinerja.organisasi.enums import JenisJabatan, Jenjang
from kinerja.organisasi.models import Pegawai, RiwayatJabatan
from kinerja.penilaian.selectors import aturan_resolver

CHUNK = 5000


@dataclass(frozen=True)
class Bagian:
    """The points earned at one jenjang in the year."""

    jenjang: Jenjang
    bulan: int
    hasil: aturan_rules.HasilAngkaKredit


@dataclass
class KreditTahunan:
    """An employee's credit points of a year: one part per jenjang held, and their sum."""

    pegawai_id: int
    tahun: int
    predikat: Predikat
    set_aturan: SetAturan
    bagian: list[Bagian] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return aturan_rules.stored(sum((part.hasil.nilai for part in self.bagian), Decimal(0)))


def jenjang_history(pegawai_ids: Collection[int], tahun: int) -> dict[int, list[rules.Masa]]:
    """The position history of each employee touching the year, as jenjang stretches; an
    employee without history is taken to have held the current position all year."""
    first, last = datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    history: dict[int, list[rules.Masa]] = defaultdict(list)
    ids = sorted(pegawai_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for pegawai_id, mulai, sampai, jenis, jenjang in (
            RiwayatJabatan.objects.filter(pegawai_id__in=chunk, mulai__lte=last)
            .filter(Q(sampai__isnull=True) | Q(sampai__gt=first))
            .values_list(
                "pegawai_id", "mulai", "sampai", "jabatan__jenis_jabatan", "jabatan__jenjang"
            )
        ):
            history[pegawai_id].append(rules.Masa(mulai, sampai, _jenjang(jenis, jenjang)))
        missing = [pk for pk in chunk if pk not in history]
        for pegawai_id, jenis, jenjang in Pegawai.objects.filter(pk__in=missing).values_list(
            "pk", "jabatan__jenis_jabatan", "jabatan__jenjang"
        ):
            history[pegawai_id].append(rules.Masa(first, None, _jenjang(jenis, jenjang)))
    return history


def _jenjang(jenis: str, jenjang: str) -> Jenjang | None:
    if jenis != JenisJabatan.FUNGSIONAL or not jenjang:
        return None
    return Jenjang(jenjang)


def annual_credits(
    *, tahun: int, predikat: Mapping[int, Predikat], jalur: Mapping[int, str]
) -> dict[int, KreditTahunan]:
    """The credit points of `tahun` of each employee given with their annual predikat (and
    their unit path, for the rule set in effect on 31 December). Employees who held no
    functional jenjang in the year are left out."""
    history = jenjang_history(predikat.keys(), tahun)
    resolve = aturan_resolver(datetime.date(tahun, 12, 31))
    credits = {}
    for pegawai_id, value in predikat.items():
        held = rules.months_held(history.get(pegawai_id, []), tahun)
        if not held:
            continue
        set_aturan = resolve(jalur[pegawai_id])
        isi = set_aturan.aturan()
        credits[pegawai_id] = KreditTahunan(
            pegawai_id,
            tahun,
            value,
            set_aturan,
            [
                Bagian(jenjang, months, aturan_rules.credit_points(isi, jenjang, value, months))
                for jenjang, months in held.items()
            ],
        )
    return credits
