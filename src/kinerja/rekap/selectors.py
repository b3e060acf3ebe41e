"""The recap (rekap) of a period: one row per assessed employee with the exchange format's
columns, and the employees left out with their reason. See docs/recap.md.

Semantics:
- Main rows: every employee with an assessment (`Penilaian`, draft or final) for the period whose
  assessment unit (the snapshot `Penilaian.unit`) lies under the chosen unit (subtree by path;
  all when none), except employees excluded on the period's last day (an `organisasi.
  Pengecualian` with mulai <= selesai and sampai null or after selesai) or inactive. Ordered by
  unit path, then name, then NIP.
- `predikat_organisasi` and `kurva_sesuai` come from the employee's curve group: the group that
  finalised the assessment (its `Penetapan`, when finalised), else the nearest unit up the
  assessment unit's path with an organisation rating. The verdict is the curve monitor's
  (`penilaian.selectors.kurva_list`): a finalised group counts the assessments it finalised; an
  open group counts the active, not excluded, not finalised employees whose current unit falls
  in the group; `aturan.rules.curve_check` with the group unit's rule set; empty when the group
  is too small to judge.
- `angka_kredit`: only when the assessment's position is functional with a jenjang. TAHUNAN: the
  annual credit points from the months held per jenjang in the position history (as
  `angka_kredit.selectors.annual_credits`); a quarter or month: provisional, the period's months
  at the assessment position's jenjang with the period's predikat.
- Allowance: `tukin.selectors.allowance_period` over the period's months (stored months, the
  others computed now without storing); empty when no month can be computed.
- `kotak_talenta`: the 9-box from the row's predikat and the year's `talenta.Potensi`.
- Rule set per row: the version in effect on the period's last day for the assessment unit.
- Excluded section: every employee under the chosen unit (by current unit or assessment unit)
  excluded on the period's last day or inactive, with the exclusion code (TIDAK_AKTIF for an
  inactive record without one), its label, its dates and whether the employee was assessed.

Performance: a fixed number of queries whatever the number of employees (chunked IN lists for
large sets), the main rows streamed as tuples, the curve groups counted by the database, every
rule result memoised by its inputs and every rule set version parsed once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db import connection, connections
from django.db.models import Count, Q, QuerySet
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kinerja.angka_kredit import rules as kredit_rules
from kinerja.angka_kredit.selectors import jenjang_history
from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import Potensi as PotensiEnum
from kinerja.aturan.enums import Predikat, PredikatOrganisasi
from kinerja.aturan.models import SetAturan
from kinerja.core.queries import plain_rows
from kinerja.jobs.progress import NullProgress, Progress
from kinerja.organisasi.enums import JenisJabatan, JenisPengecualian, Jenjang
from kinerja.organisasi.models import Pegawai, Pengecualian, Unit
from kinerja.penilaian.enums import StatusPenetapan, StatusPenilaian
from kinerja.penilaian.models import KinerjaOrganisasi, Penetapan, Penilaian
from kinerja.penilaian.selectors import aturan_resolver
from kinerja.periode import rules as periode_rules
from kinerja.periode.models import Periode
from kinerja.rekap import rules
from kinerja.talenta.models import Potensi
from kinerja.tukin.selectors import allowance_period

CHUNK = 5000
WHOLE_TABLE = 50_000
"""Above this many employees a per-employee table is read whole (filtered in Python) rather than
through chunked IN lists."""
PROGRESS_STEP = 2000

Row = tuple[Any, ...]
Result = TypeVar("Result")
NO_ALLOWANCE = (None, None, None)


class RekapError(ValueError):
    """A recap that cannot be made: unknown period, unit or format, or no rule set."""


@dataclass
class Rekap:
    periode: Periode
    unit: Unit | None
    baris: list[Row]
    """Main rows, in `rules.COLUMNS` order."""
    dikecualikan: list[Row]
    """Excluded employees, in `rules.EXCLUDED_COLUMNS` order."""


# --- Arguments -------------------------------------------------------------------------------


def periode_find(tahun: int, kode: str) -> Periode:
    found = (
        Periode.objects.select_related("tahun")
        .filter(tahun__tahun=tahun, kode=(kode or "").upper())
        .first()
    )
    if found is None:
        raise RekapError(
            _("Periode %(kode)s %(tahun)s tidak dikenal.") % {"kode": kode, "tahun": tahun}
        )
    return found


def unit_find(kode: str) -> Unit:
    found = Unit.objects.filter(kode=kode).first()
    if found is None:
        raise RekapError(_("Unit %(kode)s tidak dikenal.") % {"kode": kode})
    return found


def period_choices() -> list[Periode]:
    """Every period that exists, newest year first, in period order."""
    return list(Periode.objects.select_related("tahun").order_by("-tahun__tahun", "urutan"))


# --- Building --------------------------------------------------------------------------------

MAIN_FIELDS = (
    "pegawai_id",
    "pegawai__nip",
    "pegawai__nama",
    "unit__kode",
    "unit__jalur",
    "rating_hasil",
    "rating_perilaku",
    "status",
    "predikat",
    "penetapan_id",
    "jabatan__jenis_jabatan",
    "jabatan__jenjang",
)


def _in_effect(periode: Periode) -> QuerySet[Pengecualian]:
    day = periode.selesai
    return Pengecualian.objects.filter(mulai__lte=day).filter(
        Q(sampai__isnull=True) | Q(sampai__gt=day)
    )


def main_rows(periode: Periode, unit: Unit | None = None) -> QuerySet[Penilaian]:
    """The assessments of the recap's main rows, in recap order (a query, not run)."""
    found = (
        Penilaian.objects.filter(periode=periode, pegawai__aktif=True)
        .exclude(pegawai_id__in=_in_effect(periode).values("pegawai_id"))
        .order_by("unit__jalur", "pegawai__nama", "pegawai__nip")
    )
    if unit is not None:
        found = found.filter(unit__jalur__startswith=unit.jalur)
    return found


def rekap_build(
    *, periode: Periode, unit: Unit | None = None, progress: Progress | None = None
) -> Rekap:
    """The whole recap of a period (under a unit): main rows and the excluded section."""
    progress = progress or NullProgress()
    with Reads() as reads:
        excluded = reads.submit(excluded_rows, periode, unit)
        rows = plain_rows(main_rows(periode, unit).values_list(*MAIN_FIELDS))
        progress.start(len(rows), _("Menyusun rekap"))
        baris = _assemble(periode, rows, progress, reads)
        return Rekap(periode, unit, baris, excluded())


class Reads:
    """Runs independent reads at once when that helps and is safe: on PostgreSQL outside a
    transaction, each read in its own thread and database connection (closed when it ends, in
    the caller's language), so that one read's wait for the database overlaps another's.
    Elsewhere (SQLite, inside a transaction such as a test's) each read runs at once, in order.
    `submit` returns a function giving the read's result."""

    WORKERS = 4

    def __init__(self) -> None:
        parallel = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.pool = ThreadPoolExecutor(self.WORKERS) if parallel else None

    def __enter__(self) -> Reads:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown()

    def submit(self, read: Callable[..., Result], *args: Any) -> Callable[[], Result]:
        if self.pool is None:
            value = read(*args)
            return lambda: value
        return self.pool.submit(_read_apart, get_language(), read, *args).result


def _read_apart(language: str | None, read: Callable[..., Result], *args: Any) -> Result:
    try:
        with translation.override(language):
            return read(*args)
    finally:
        connections.close_all()


def rekap_page(
    *, periode: Periode, unit: Unit | None = None, limit: int = 100, offset: int = 0
) -> tuple[int, list[Row]]:
    """A page of the main rows and their total count (the same values as the whole recap)."""
    found = main_rows(periode, unit)
    total = found.count()
    rows = list(found.values_list(*MAIN_FIELDS)[offset : offset + limit])
    return total, _assemble(periode, rows, NullProgress())


class _Context:
    """What every row looks up, read once: rule sets per unit path, curve groups and their
    verdicts, memoised rule results."""

    def __init__(self, periode: Periode) -> None:
        self.periode = periode
        self.resolve = aturan_resolver(periode.selesai)
        self.sets: dict[str, SetAturan] = {}
        self.months = kredit_rules.period_months(periode.kode)
        self.credit_memo: dict[tuple[int, str, str, int], Decimal] = {}
        self.box_memo: dict[tuple[int, str, str], int] = {}
        self.annual_memo: dict[tuple[Any, ...], Decimal | None] = {}
        self.groups = _curve_groups(periode, self.rule_set)
        self.rated_paths = set(self.groups.by_path)
        self.nearest: dict[str, tuple[str | None, bool | None]] = {}

    def rule_set(self, jalur: str) -> SetAturan:
        found = self.sets.get(jalur)
        if found is None:
            try:
                found = self.sets[jalur] = self.resolve(jalur)
            except aturan_rules.RuleError as error:
                raise RekapError(str(error)) from None
        return found

    def group_of(self, jalur: str, penetapan_id: int | None) -> tuple[str | None, bool | None]:
        if penetapan_id is not None:
            final = self.groups.by_penetapan.get(penetapan_id)
            if final is not None:
                return final
        found = self.nearest.get(jalur)
        if found is None:
            path = aturan_rules.curve_groups(self.rated_paths, [(jalur, jalur)])
            group = next(iter(path))
            found = self.nearest[jalur] = (
                self.groups.by_path[group] if group is not None else (None, None)
            )
        return found

    def credit(self, set_aturan: SetAturan, jenjang: str, predikat: str, months: int) -> Decimal:
        key = (set_aturan.id, jenjang, predikat, months)
        found = self.credit_memo.get(key)
        if found is None:
            found = self.credit_memo[key] = aturan_rules.credit_points(
                set_aturan.aturan(), Jenjang(jenjang), Predikat(predikat), months
            ).nilai
        return found

    def box(self, set_aturan: SetAturan, predikat: str, potensi: str) -> int:
        key = (set_aturan.pk, predikat, potensi)
        found = self.box_memo.get(key)
        if found is None:
            found = self.box_memo[key] = aturan_rules.talent_box(
                set_aturan.aturan(), Predikat(predikat), PotensiEnum(potensi)
            ).kotak
        return found


@dataclass
class _Groups:
    by_path: dict[str, tuple[str | None, bool | None]]
    """Rated unit path -> (organisation rating, verdict)."""
    by_penetapan: dict[int, tuple[str | None, bool | None]]
    """Finalised group's penetapan id -> (organisation rating, verdict)."""


def curve_verdicts(periode: Periode) -> dict[str, tuple[str | None, bool | None]]:
    """Every rated unit path's organisation rating and curve verdict for a period, as the
    curve monitor counts them (also read by the monitoring refresh)."""
    return _Context(periode).groups.by_path


def _curve_groups(periode: Periode, rule_set: Callable[[str], SetAturan]) -> _Groups:
    """Every curve group's organisation rating and verdict, counted as the curve monitor does
    (4 queries, the counts aggregated by the database)."""
    ratings = list(
        KinerjaOrganisasi.objects.filter(periode=periode).values_list(
            "unit_id", "unit__jalur", "predikat"
        )
    )
    final_of_unit = {
        unit_id: pk
        for pk, unit_id in Penetapan.objects.filter(
            periode=periode, status=StatusPenetapan.DITETAPKAN
        ).values_list("pk", "unit_id")
    }
    open_counts = (
        Penilaian.objects.filter(periode=periode, pegawai__aktif=True)
        .exclude(status=StatusPenilaian.FINAL)
        .exclude(pegawai_id__in=_in_effect(periode).values("pegawai_id"))
        .values_list("pegawai__unit__jalur", "predikat")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_member_path: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for jalur, predikat, n in open_counts:
        by_member_path[jalur].append((predikat, n))
    final_counts: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for penetapan_id, predikat, n in (
        Penilaian.objects.filter(periode=periode, status=StatusPenilaian.FINAL)
        .values_list("penetapan_id", "predikat")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        final_counts[penetapan_id].append((predikat, n))
    members = aturan_rules.curve_groups(
        [jalur for _unit, jalur, _p in ratings], [(p, p) for p in by_member_path]
    )
    groups = _Groups({}, {})
    for unit_id, jalur, organisasi in ratings:
        final = final_of_unit.get(unit_id)
        if final is not None:
            counts = final_counts.get(final, [])
        else:
            counts = [item for path in members.get(jalur, []) for item in by_member_path[path]]
        tally: dict[Predikat, int] = defaultdict(int)
        for predikat, n in counts:
            tally[Predikat(predikat)] += n
        sesuai = aturan_rules.curve_verdict(
            rule_set(jalur).aturan(), PredikatOrganisasi(organisasi), tally
        )
        groups.by_path[jalur] = (organisasi, sesuai)
        if final is not None:
            groups.by_penetapan[final] = (organisasi, sesuai)
    return groups


def _assemble(
    periode: Periode, rows: Sequence[Row], progress: Progress, reads: Reads | None = None
) -> list[Row]:
    reads = reads or Reads()
    ids = [row[0] for row in rows]
    tahun = periode.tahun.tahun
    annual = periode.kode == periode_rules.TAHUNAN
    functional = JenisJabatan.FUNGSIONAL.value
    tukin_read = reads.submit(
        _allowance, tahun, kredit_rules.period_month_numbers(periode.kode), ids
    )
    potensi_read = reads.submit(_potensi, ids, tahun)
    functional_ids = [r[0] for r in rows if r[10] == functional and r[11]]
    held_read = reads.submit(jenjang_history, functional_ids, tahun) if annual else None
    context = _Context(periode)
    tukin, potensi = tukin_read(), potensi_read()
    held = held_read() if held_read is not None else {}
    kode = periode.kode
    months = context.months
    status_codes = rules.STATUS_CODES
    rule_sets: dict[str, SetAturan] = {}
    groups: dict[tuple[str, int | None], tuple[str | None, bool | None]] = {}
    boxes: dict[tuple[int, str, str], int] = {}
    result: list[Row] = []
    append = result.append
    for count, row in enumerate(rows, 1):
        pid, nip, nama, unit_kode, jalur, hasil, perilaku, status, predikat, pen, jenis, jj = row
        set_aturan = rule_sets.get(jalur)
        if set_aturan is None:
            set_aturan = rule_sets[jalur] = context.rule_set(jalur)
        group = groups.get((jalur, pen))
        if group is None:
            group = groups[jalur, pen] = context.group_of(jalur, pen)
        kredit = None
        if jenis == functional and jj:
            if annual:
                kredit = _annual_credit(context, set_aturan, held.get(pid, []), tahun, predikat)
            else:
                kredit = rules.credit_value(context.credit(set_aturan, jj, predikat, months))
        allowance = tukin.get(pid)
        found = potensi.get(pid)
        box = None
        if found:
            key = (set_aturan.id, predikat, found)
            box = boxes.get(key)
            if box is None:
                box = boxes[key] = context.box(set_aturan, predikat, found)
        append(
            (
                nip,
                nama,
                unit_kode,
                kode,
                hasil,
                perilaku,
                status_codes.get(status, status),
                predikat,
                *group,
                kredit,
                *(allowance[:3] if allowance is not None else NO_ALLOWANCE),
                box,
            )
        )
        if count % PROGRESS_STEP == 0:
            progress.advance(PROGRESS_STEP)
    progress.advance(len(rows) % PROGRESS_STEP)
    return result


def _annual_credit(
    context: _Context,
    set_aturan: SetAturan,
    history: list[kredit_rules.Masa],
    tahun: int,
    predikat: str,
) -> Decimal | None:
    """The year's credit points over the jenjang held (None when none was held), memoised by
    the rule set, the predikat and the history clipped to the year."""
    key = (set_aturan.id, predikat, kredit_rules.year_key(history, tahun))
    if key in context.annual_memo:
        return context.annual_memo[key]
    held = kredit_rules.months_held(history, tahun)
    found = None
    if held:
        total = sum(
            (context.credit(set_aturan, j.value, predikat, n) for j, n in held.items()),
            Decimal(0),
        )
        found = rules.credit_value(aturan_rules.stored(total))
    context.annual_memo[key] = found
    return found


def _allowance(tahun: int, months: Sequence[int], ids: list[int]) -> dict[int, Any]:
    return allowance_period(tahun=tahun, months=months, pegawai_ids=ids)


def _chunks(ids: Collection[int]) -> Iterator[list[int]]:
    items = sorted(ids)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _potensi(ids: Collection[int], tahun: int) -> dict[int, str]:
    found: dict[int, str] = {}
    year = Potensi.objects.filter(tahun=tahun).order_by()
    if len(ids) > WHOLE_TABLE:
        wanted = set(ids)
        for pegawai_id, value in plain_rows(year.values_list("pegawai_id", "potensi")):
            if pegawai_id in wanted:
                found[pegawai_id] = value
        return found
    for chunk in _chunks(ids):
        found.update(
            plain_rows(year.filter(pegawai_id__in=chunk).values_list("pegawai_id", "potensi"))
        )
    return found


# --- The excluded section --------------------------------------------------------------------


def excluded_rows(periode: Periode, unit: Unit | None = None) -> list[Row]:
    """Every employee under the unit (by current or assessment unit) excluded on the period's
    last day or inactive, in unit path, name, NIP order (3 queries plus chunks)."""
    in_effect = _in_effect(periode)
    left_out = Q(pegawai__aktif=False) | Q(pegawai_id__in=in_effect.values("pegawai_id"))
    rated = Penilaian.objects.filter(left_out, periode=periode).order_by()  # sorted below
    unrated = (
        Pegawai.objects.filter(Q(aktif=False) | Q(pk__in=in_effect.values("pegawai_id")))
        .exclude(pk__in=Penilaian.objects.filter(periode=periode).values("pegawai_id"))
        .order_by()
    )
    if unit is not None:
        rated = rated.filter(
            Q(unit__jalur__startswith=unit.jalur) | Q(pegawai__unit__jalur__startswith=unit.jalur)
        )
        unrated = unrated.filter(unit__jalur__startswith=unit.jalur)
    people: dict[int, tuple[str, str, str, str, bool]] = {}
    for pid, nip, nama, kode, jalur in rated.values_list(
        "pegawai_id", "pegawai__nip", "pegawai__nama", "unit__kode", "unit__jalur"
    ):
        people[pid] = (jalur, nama, nip, kode, True)
    for pid, nip, nama, kode, jalur in unrated.values_list(
        "pk", "nip", "nama", "unit__kode", "unit__jalur"
    ):
        people[pid] = (jalur, nama, nip, kode, False)
    reasons: dict[int, tuple[str, datetime.date | None, datetime.date | None]] = {}
    for chunk in _chunks(people):
        for pid, code, start, end in (
            in_effect.filter(pegawai_id__in=chunk)
            .order_by("pegawai_id", "mulai", "pk")
            .values_list("pegawai_id", "jenis", "mulai", "sampai")
        ):
            reasons[pid] = (code, start, end)  # the latest started wins
    labels = _labels()
    result: list[Row] = []
    none: tuple[str, datetime.date | None, datetime.date | None] = (rules.TIDAK_AKTIF, None, None)
    for pid, (_jalur, nama, nip, kode, dinilai) in sorted(
        people.items(), key=lambda item: item[1][:3]
    ):
        jenis, mulai, sampai = reasons.get(pid, none)
        result.append((nip, nama, kode, jenis, labels.get(jenis, jenis), mulai, sampai, dinilai))
    return result


def _labels() -> dict[str, str]:
    labels = {str(item.value): str(item.label) for item in JenisPengecualian}
    labels[rules.TIDAK_AKTIF] = _("Tidak aktif")
    return labels
