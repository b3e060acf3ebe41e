"""Reading credit points (angka kredit) of functional employees, PermenPANRB 1/2023.

- Points of a year: the employee's annual assessment (Penilaian of the TAHUNAN period) gives the
  predikat; the year is split by the jenjang held on each month's first day (position history
  `RiwayatJabatan`; an employee without history touching the year held the current position
  all year), and each part earns months/12 × percentage × coefficient with the rule set in
  effect on 31 December for the assessment's unit (`annual_credits`). A FINAL assessment counts;
  a draft gives provisional points ("sementara") that count nowhere; no annual assessment: no
  points for that year.
- Running total at a jenjang (`Kumulatif`): the sum of the points of finalised years earned at
  that jenjang (the parts with that jenjang), against the rule set's thresholds for the next
  rank and the next jenjang (`aturan.rules.credit_total`); moving up a jenjang also needs
  predikat at least Baik in the last year with a finalised annual assessment (checked here), a
  vacancy and a competency test (HR confirms). The highest jenjang (Ahli Utama, Penyelia) has
  no next jenjang.
- One employee (`credit_history`): every year with an annual assessment, newest first, and the
  running total at the jenjang held now. A year (`credit_year`, the PDF): the running total at
  the last jenjang held in that year, over the years up to it.
- A unit subtree and a year (`unit_credits`): every active employee who held a functional
  jenjang in the year, in a fixed number of queries whatever their number (one for the
  employees, one for their annual assessments, one for their position history, one per year
  for the rule sets).

Only functional positions (jenis jabatan FUNGSIONAL with a jenjang) earn points."""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

from django.db.models import Q, QuerySet

from kinerja.angka_kredit import rules
from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import Predikat
from kinerja.aturan.models import SetAturan
from kinerja.organisasi.enums import JenisJabatan, Jenjang
from kinerja.organisasi.models import Pegawai, RiwayatJabatan
from kinerja.penilaian.enums import StatusPenilaian
from kinerja.penilaian.models import Penilaian
from kinerja.penilaian.selectors import aturan_resolver
from kinerja.periode.rules import TAHUNAN

CHUNK = 5000
WHOLE_TABLE = 50_000
"""Above this many employees the year's position history is read whole."""


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
    employee without history is taken to have held the current position all year. For many
    employees the year's history is read in one pass (filtered in Python) instead of through
    chunked IN lists."""
    first, last = datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    history: dict[int, list[rules.Masa]] = defaultdict(list)
    ids = sorted(pegawai_ids)
    in_year = (
        RiwayatJabatan.objects.filter(mulai__lte=last)
        .filter(Q(sampai__isnull=True) | Q(sampai__gt=first))
        .order_by()  # `months_held` orders the stretches; sorting by employee name costs
    )
    fields = ("pegawai_id", "mulai", "sampai", "jabatan__jenis_jabatan", "jabatan__jenjang")
    if len(ids) > WHOLE_TABLE:
        wanted = set(ids)
        for pegawai_id, mulai, sampai, jenis, jenjang in in_year.values_list(*fields):
            if pegawai_id in wanted:
                history[pegawai_id].append(rules.Masa(mulai, sampai, _jenjang(jenis, jenjang)))
    else:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            for pegawai_id, mulai, sampai, jenis, jenjang in in_year.filter(
                pegawai_id__in=chunk
            ).values_list(*fields):
                history[pegawai_id].append(rules.Masa(mulai, sampai, _jenjang(jenis, jenjang)))
    missing = [pk for pk in ids if pk not in history]
    for start in range(0, len(missing), CHUNK):
        for pegawai_id, jenis, jenjang in Pegawai.objects.filter(
            pk__in=missing[start : start + CHUNK]
        ).values_list("pk", "jabatan__jenis_jabatan", "jabatan__jenjang"):
            history[pegawai_id].append(rules.Masa(first, None, _jenjang(jenis, jenjang)))
    return history


@functools.cache
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
        found = _year_credit(
            pegawai_id,
            tahun,
            value,
            history.get(pegawai_id, []),
            partial(resolve, jalur[pegawai_id]),
        )
        if found is not None:
            credits[pegawai_id] = found
    return credits


def _year_credit(
    pegawai_id: int,
    tahun: int,
    predikat: Predikat,
    history: Iterable[rules.Masa],
    set_aturan_of: Callable[[], SetAturan],
) -> KreditTahunan | None:
    """The points of one year from the stretches touching it (None: no functional month)."""
    held = rules.months_held(history, tahun)
    if not held:
        return None
    set_aturan = set_aturan_of()
    isi = set_aturan.aturan()
    return KreditTahunan(
        pegawai_id,
        tahun,
        predikat,
        set_aturan,
        [
            Bagian(jenjang, months, aturan_rules.credit_points(isi, jenjang, predikat, months))
            for jenjang, months in held.items()
        ],
    )


# --- Years, running totals -------------------------------------------------------------------


@dataclass(frozen=True)
class TahunKredit:
    """A year with an annual assessment: its predikat and points. A draft's points are
    provisional (`sementara`) and count in no total; `tersembunyi` is a draft whose predikat the
    reader may not see yet (the employee's own draft): no predikat, no points."""

    tahun: int
    penilaian_id: int
    final: bool
    predikat: Predikat | None
    kredit: KreditTahunan | None
    """None: no functional jenjang held in the year (or hidden)."""
    jenjang_akhir: Jenjang | None
    tersembunyi: bool = False

    @property
    def sementara(self) -> bool:
        return not self.final

    @property
    def total(self) -> Decimal | None:
        return self.kredit.total if self.kredit is not None else None

    @property
    def bulan(self) -> int:
        return sum(part.bulan for part in self.kredit.bagian) if self.kredit is not None else 0

    def at(self, jenjang: Jenjang) -> Decimal:
        """The points earned at one jenjang in this year."""
        if self.kredit is None:
            return Decimal(0)
        return aturan_rules.stored(
            sum((p.hasil.nilai for p in self.kredit.bagian if p.jenjang == jenjang), Decimal(0))
        )


@dataclass(frozen=True)
class Kumulatif:
    """The running total at a jenjang up to a year (None: all years), its thresholds and the
    conditions of moving up."""

    jenjang: Jenjang
    sampai_tahun: int | None
    rincian: tuple[tuple[int, Decimal], ...]
    """(year, points earned at the jenjang) of every finalised year counted."""
    hasil: aturan_rules.HasilKumulatif
    set_aturan: SetAturan
    tahun_predikat: int | None
    predikat_terakhir: Predikat | None

    @property
    def total(self) -> Decimal:
        return self.hasil.total

    @property
    def tertinggi(self) -> bool:
        """The highest jenjang: no next jenjang."""
        return self.hasil.kenaikan_jenjang.batas is None

    @property
    def predikat_cukup(self) -> bool:
        return rules.predikat_enough(self.predikat_terakhir)

    @property
    def layak_pangkat(self) -> bool:
        """Enough points for the next rank."""
        return self.hasil.kenaikan_pangkat.tercapai

    @property
    def layak_jenjang(self) -> bool:
        """Enough points and predikat at least Baik: eligible for the next jenjang, subject to
        the vacancy and the competency test HR confirms."""
        return not self.tertinggi and self.hasil.kenaikan_jenjang.tercapai and self.predikat_cukup

    @property
    def syarat_jenjang(self) -> list[rules.Syarat]:
        return rules.next_jenjang_conditions(
            self.jenjang, self.hasil.kenaikan_jenjang, self.tahun_predikat, self.predikat_terakhir
        )


class _RuleSets:
    """The rule set of a unit on a date: one query per date (not per employee)."""

    def __init__(self) -> None:
        self._by_date: dict[datetime.date, Callable[[str], SetAturan]] = {}

    def __call__(self, jalur: str, tanggal: datetime.date) -> SetAturan:
        if tanggal not in self._by_date:
            self._by_date[tanggal] = aturan_resolver(tanggal)
        return self._by_date[tanggal](jalur)


@dataclass(frozen=True)
class _Annual:
    penilaian_id: int
    tahun: int
    final: bool
    predikat: Predikat
    jalur: str


def _annual_assessments(pegawai: Any, sampai_tahun: int | None = None) -> dict[int, list[_Annual]]:
    """The annual assessments of the employees (ids or a subquery), per employee, oldest first."""
    found = Penilaian.objects.filter(pegawai_id__in=pegawai, periode__kode=TAHUNAN)
    if sampai_tahun is not None:
        found = found.filter(periode__tahun__tahun__lte=sampai_tahun)
    result: dict[int, list[_Annual]] = defaultdict(list)
    for pk, pegawai_id, tahun, status, predikat, jalur in found.order_by(
        "periode__tahun__tahun"
    ).values_list("pk", "pegawai_id", "periode__tahun__tahun", "status", "predikat", "unit__jalur"):
        result[pegawai_id].append(
            _Annual(pk, tahun, status == StatusPenilaian.FINAL, Predikat(predikat), jalur)
        )
    return result


def _histories(pegawai: Any, sampai_tahun: int | None = None) -> dict[int, list[rules.Masa]]:
    """The whole position history of the employees (ids or a subquery) as jenjang stretches."""
    found = RiwayatJabatan.objects.filter(pegawai_id__in=pegawai)
    if sampai_tahun is not None:
        found = found.filter(mulai__lte=datetime.date(sampai_tahun, 12, 31))
    history: dict[int, list[rules.Masa]] = defaultdict(list)
    for pegawai_id, mulai, sampai, jenis, jenjang in found.values_list(
        "pegawai_id", "mulai", "sampai", "jabatan__jenis_jabatan", "jabatan__jenjang"
    ):
        history[pegawai_id].append(rules.Masa(mulai, sampai, _jenjang(jenis, jenjang)))
    return history


def current_jenjang(pegawai: Pegawai) -> Jenjang | None:
    """The jenjang of the employee's current position (None: not a functional position)."""
    return _jenjang(pegawai.jabatan.jenis_jabatan, pegawai.jabatan.jenjang)


def _years(
    pegawai: Pegawai,
    annual: list[_Annual],
    history: list[rules.Masa],
    rule_sets: _RuleSets,
    *,
    drafts: bool,
) -> list[TahunKredit]:
    current = current_jenjang(pegawai)
    years = []
    for item in annual:
        stretches = rules.stretches_of_year(history, current, item.tahun)
        last = rules.last_jenjang(stretches, item.tahun)
        if not item.final and not drafts:
            years.append(TahunKredit(item.tahun, item.penilaian_id, False, None, None, last, True))
            continue
        kredit = _year_credit(
            pegawai.pk,
            item.tahun,
            item.predikat,
            stretches,
            partial(rule_sets, item.jalur, datetime.date(item.tahun, 12, 31)),
        )
        years.append(
            TahunKredit(item.tahun, item.penilaian_id, item.final, item.predikat, kredit, last)
        )
    return years


def _kumulatif(
    years: list[TahunKredit], jenjang: Jenjang, sampai_tahun: int | None, set_aturan: SetAturan
) -> Kumulatif:
    counted = [
        year
        for year in sorted(years, key=lambda y: y.tahun)
        if year.final and (sampai_tahun is None or year.tahun <= sampai_tahun)
    ]
    rincian = tuple(
        (year.tahun, year.at(jenjang))
        for year in counted
        if year.kredit is not None and any(p.jenjang == jenjang for p in year.kredit.bagian)
    )
    hasil = aturan_rules.credit_total(set_aturan.aturan(), jenjang, [v for _, v in rincian])
    last = counted[-1] if counted else None
    return Kumulatif(
        jenjang,
        sampai_tahun,
        rincian,
        hasil,
        set_aturan,
        last.tahun if last else None,
        last.predikat if last else None,
    )


@dataclass(frozen=True)
class RiwayatKredit:
    """One employee's credit points: every year with an annual assessment (newest first) and
    the running total at the jenjang held now (None when the position is not functional)."""

    pegawai: Pegawai
    jenjang: Jenjang | None
    tahun: list[TahunKredit]
    kumulatif: Kumulatif | None

    @property
    def fungsional(self) -> bool:
        return self.jenjang is not None


def credit_history(pegawai: Pegawai, *, drafts: bool, today: datetime.date) -> RiwayatKredit:
    """The employee's credit points (with unit and position loaded). `drafts`: whether the
    reader sees a draft annual assessment's predikat (not the employee: their own draft is
    shown as not finalised yet, without predikat or points)."""
    rule_sets = _RuleSets()
    annual = _annual_assessments([pegawai.pk]).get(pegawai.pk, [])
    history = _histories([pegawai.pk]).get(pegawai.pk, [])
    years = _years(pegawai, annual, history, rule_sets, drafts=drafts)
    jenjang = current_jenjang(pegawai)
    kumulatif = None
    if jenjang is not None:
        kumulatif = _kumulatif(years, jenjang, None, rule_sets(pegawai.unit.jalur, today))
    return RiwayatKredit(pegawai, jenjang, sorted(years, key=lambda y: -y.tahun), kumulatif)


@dataclass(frozen=True)
class KreditDokumen:
    """What the Penetapan Angka Kredit of a finalised year is about."""

    pegawai: Pegawai
    penilaian: Penilaian
    tahun: TahunKredit
    kumulatif: Kumulatif


def credit_year(pegawai: Pegawai, tahun: int) -> KreditDokumen | None:
    """The employee's finalised year with its running total at the last jenjang held in it;
    None without a finalised annual assessment or a functional month in the year."""
    penilaian = (
        Penilaian.objects.select_related("unit", "jabatan", "set_aturan")
        .filter(
            pegawai=pegawai,
            periode__kode=TAHUNAN,
            periode__tahun__tahun=tahun,
            status=StatusPenilaian.FINAL,
        )
        .first()
    )
    if penilaian is None:
        return None
    rule_sets = _RuleSets()
    annual = _annual_assessments([pegawai.pk], tahun).get(pegawai.pk, [])
    history = _histories([pegawai.pk], tahun).get(pegawai.pk, [])
    years = _years(pegawai, annual, history, rule_sets, drafts=False)
    year = next((item for item in years if item.tahun == tahun), None)
    if year is None or year.kredit is None or year.jenjang_akhir is None:
        return None
    kumulatif = _kumulatif(years, year.jenjang_akhir, tahun, year.kredit.set_aturan)
    return KreditDokumen(pegawai, penilaian, year, kumulatif)


# --- A unit subtree and a year ---------------------------------------------------------------


@dataclass(frozen=True)
class BarisKredit:
    """One functional employee of the unit list: the year's assessment and points (None: no
    annual assessment), the months held at a functional jenjang, the running total at the last
    jenjang of the year."""

    pegawai: Pegawai
    jenjang: Jenjang
    bulan: int
    tahun: TahunKredit | None
    kumulatif: Kumulatif


def unit_credits(employees: QuerySet[Pegawai], *, tahun: int) -> list[BarisKredit]:
    """Every active employee of `employees` (already limited to what the reader may see) who
    held a functional jenjang in `tahun`, by name; a fixed number of queries."""
    chosen = employees.filter(aktif=True)
    ids = chosen.order_by().values("pk")
    annual = _annual_assessments(ids, tahun)
    histories = _histories(ids, tahun)
    rule_sets = _RuleSets()
    end = datetime.date(tahun, 12, 31)
    rows = []
    for pegawai in chosen.select_related("unit", "jabatan").order_by("nama", "nip"):
        history = histories.get(pegawai.pk, [])
        stretches = rules.stretches_of_year(history, current_jenjang(pegawai), tahun)
        jenjang = rules.last_jenjang(stretches, tahun)
        if jenjang is None:
            continue
        years = _years(pegawai, annual.get(pegawai.pk, []), history, rule_sets, drafts=True)
        year = next((item for item in years if item.tahun == tahun), None)
        jalur = next(
            (item.jalur for item in annual.get(pegawai.pk, []) if item.tahun == tahun),
            pegawai.unit.jalur,
        )
        rows.append(
            BarisKredit(
                pegawai,
                jenjang,
                sum(rules.months_held(stretches, tahun).values()),
                year,
                _kumulatif(years, jenjang, tahun, rule_sets(jalur, end)),
            )
        )
    return rows
