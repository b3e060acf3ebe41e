"""The `kinerja_organisasi` sheet: a unit's organisation rating (capaian kinerja organisasi) for a
period, and what it shares with the `penilaian` sheet.

Both assessment sheets name periods by year and code. A year the product does not know is opened
with its default quarterly periods (history needs no plan), and the periods of such a year that
rows write into are opened; a period of a known year must be open or closed (not a draft, not
locked) for a row that would change something.

A row that would change something inside a finalised curve group reopens that group first (with
a recorded reason; refused while an objection of the group waits for a decision, or when the
group lies outside the importer's units). Once both sheets are written, every curve group touched
is settled (`penilaian.services.penetapan_settle`): finalised again when it complies, otherwise
left as a draft with its reasons in the import's notes (see `penilaian.py`).
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import PredikatOrganisasi, StatusSetAturan
from kinerja.aturan.models import SetAturan
from kinerja.aturan.selectors import rule_set_for
from kinerja.organisasi.models import Unit
from kinerja.penilaian import rules as penilaian_rules
from kinerja.penilaian import selectors as penilaian_selectors
from kinerja.penilaian import services as penilaian_services
from kinerja.penilaian.enums import StatusKeberatan, StatusPenetapan, StatusPenilaian
from kinerja.penilaian.models import Keberatan, KinerjaOrganisasi, Penetapan, Penilaian
from kinerja.periode import rules as periode_rules
from kinerja.periode.enums import JenisPeriode, StatusPeriode
from kinerja.periode.models import Periode, TahunKinerja
from kinerja.periode.services import periode_transition, tahun_ensure
from kinerja.pertukaran import rules
from kinerja.pertukaran.rules import ImportRejected, RowError
from kinerja.pertukaran.sheets.base import (
    Column,
    ImportContext,
    RowCells,
    SheetCounts,
    SheetHandler,
    Table,
)
from kinerja.pertukaran.sheets.skp import PLAN_KEY as SKP_PLAN_KEY
from kinerja.pertukaran.sheets.skp import SkpPlan
from kinerja.pertukaran.sheets.unit import TREE_KEY, UnitTree

PLAN_KEY = "kinerja_organisasi_plan"
SHARED_KEY = "penilaian_bersama"
TAHUN_MIN, TAHUN_MAX = 2000, 2100
PROGRESS_STEP = 1000
BATCH_SIZE = 1000
PERIOD_CODES = (
    *(f"TW{n}" for n in range(1, 5)),
    *(f"B{n:02d}" for n in range(1, 13)),
    periode_rules.TAHUNAN,
)
MONTH_CODE = re.compile(r"^B0?([1-9]|1[0-2])$")
OPEN_OBJECTION = (StatusKeberatan.DIAJUKAN.value, StatusKeberatan.DIJELASKAN.value)

GroupKey = tuple[int, int]
"""(unit id, periode id) of a curve group."""


# --- Periods -------------------------------------------------------------------------------------


class PeriodeRecord(NamedTuple):
    """A period as the sheets see it; `id` None for a period of a year the import opens."""

    id: int | None
    tahun: int
    kode: str
    status: str
    selesai: datetime.date

    @property
    def key(self) -> tuple[int, str]:
        return (self.tahun, self.kode)

    def label(self) -> str:
        return f"{periode_rules.period_name(self.kode)} {self.tahun}"


def _kind_word(jenis: str) -> str:
    return _("bulan") if jenis == JenisPeriode.BULANAN else _("triwulan")


def _codes(jenis: JenisPeriode) -> list[str]:
    return [*periode_rules.period_codes(jenis), periode_rules.TAHUNAN]


@dataclass
class Periods:
    """The years and periods the assessment sheets name: stored ones, and the years to open."""

    kind_of_year: dict[int, str] = field(default_factory=dict)
    """Stored year -> its kind of periods (TRIWULAN, BULANAN)."""
    stored: dict[tuple[int, str], PeriodeRecord] = field(default_factory=dict)
    loaded: set[int] = field(default_factory=set)
    new_years: set[int] = field(default_factory=set)
    to_open: set[tuple[int, str]] = field(default_factory=set)
    """Periods of the years the import opens that rows write into."""
    written: set[tuple[int, str]] = field(default_factory=set)
    """Every period rows write into."""
    ids: dict[tuple[int, str], Periode] = field(default_factory=dict)
    """The periods rows write into, once the years are opened (write)."""

    def load(self, years: Iterable[int]) -> None:
        """Read the years not read yet (two queries)."""
        wanted = sorted(set(years) - self.loaded)
        if not wanted:
            return
        self.loaded.update(wanted)
        self.kind_of_year.update(
            TahunKinerja.objects.filter(tahun__in=wanted).values_list("tahun", "jenis_periode")
        )
        for pk, tahun, kode, status, selesai in Periode.objects.filter(
            tahun__tahun__in=wanted
        ).values_list("pk", "tahun__tahun", "kode", "status", "selesai"):
            self.stored[(tahun, kode)] = PeriodeRecord(pk, tahun, kode, status, selesai)

    def find(self, tahun: int, kode: str, report: Callable[[str], None]) -> PeriodeRecord | None:
        """The period named by a row; reports a code the year does not have."""
        jenis = self.kind_of_year.get(tahun)
        if jenis is not None:
            found = self.stored.get((tahun, kode))
            if found is None:
                choices = [
                    code for code in _codes(JenisPeriode(jenis)) if (tahun, code) in self.stored
                ]
                report(
                    _(
                        "Tahun kinerja %(tahun)s dibagi per %(jenis)s, sehingga tidak memiliki "
                        "periode %(kode)s. Pilihan: %(pilihan)s."
                    )
                    % {
                        "tahun": tahun,
                        "jenis": _kind_word(jenis),
                        "kode": kode,
                        "pilihan": ", ".join(choices),
                    }
                )
            return found
        plan = {item.kode: item for item in periode_rules.year_plan(tahun, JenisPeriode.TRIWULAN)}
        if kode not in plan:
            report(
                _(
                    "Tahun kinerja %(tahun)s belum ada dan akan dibuka dengan periode %(jenis)s, "
                    "sehingga tidak memiliki periode %(kode)s. Pilihan: %(pilihan)s."
                )
                % {
                    "tahun": tahun,
                    "jenis": _kind_word(JenisPeriode.TRIWULAN.value),
                    "kode": kode,
                    "pilihan": ", ".join(plan),
                }
            )
            return None
        return PeriodeRecord(None, tahun, kode, StatusPeriode.DRAF.value, plan[kode].selesai)

    def write_error(
        self, record: PeriodeRecord, problem_of: Callable[[str], str | None]
    ) -> str | None:
        """Why a row cannot write into the period (its state); a period of a year the import
        opens is opened for it."""
        self.written.add(record.key)
        if record.id is None:
            self.new_years.add(record.tahun)
            self.to_open.add(record.key)
            return None
        problem = problem_of(record.status)
        if problem:
            return _("%(periode)s: %(alasan)s") % {"periode": record.label(), "alasan": problem}
        return None

    def prepare(self, context: ImportContext) -> None:
        """Open the new years and the periods rows write into; find those periods."""
        if not self.written:
            return
        for tahun in sorted(self.new_years):
            tahun_ensure(aktor=context.aktor, tahun=tahun)
        wanted = self.written
        years = sorted({tahun for tahun, _kode in wanted})
        found = {
            (periode.tahun.tahun, periode.kode): periode
            for periode in Periode.objects.filter(tahun__tahun__in=years).select_related("tahun")
        }
        for key in sorted(self.to_open):
            if found[key].status == StatusPeriode.DRAF:
                found[key] = periode_transition(
                    aktor=context.aktor, periode=found[key], aksi="open"
                )
        self.ids = {key: found[key] for key in wanted}


def cell_periode(value: object) -> str:
    """A period code (TW1–TW4, B01–B12, TAHUNAN, in any case; B1 is B01) or its name
    ("Triwulan II", "Maret", "Tahunan")."""
    text = rules.cell_text(value)
    if not text:
        return ""
    code = "".join(text.split()).upper()
    month = MONTH_CODE.match(code)
    if month:
        code = f"B{int(month.group(1)):02d}"
    if code not in PERIOD_CODES:
        names = {_normalised(periode_rules.period_name(kode)): kode for kode in PERIOD_CODES}
        code = names.get(_normalised(text), code)
    if code not in PERIOD_CODES:
        raise rules.CellError(
            _(
                "Periode '%(value)s' tidak dikenal. Pilihan: TW1–TW4 (triwulan), B01–B12 "
                "(bulan) atau TAHUNAN."
            )
            % {"value": text}
        )
    return code


def cell_tahun(cells: RowCells) -> int | None:
    tahun = cells.value("tahun", rules.cell_integer)
    if tahun is None and "tahun" not in cells.bad:
        cells.error("tahun", _("Wajib diisi."))
    elif tahun is not None and not TAHUN_MIN <= tahun <= TAHUN_MAX:
        cells.error("tahun", _("Tahun harus antara 2000 dan 2100."))
        return None
    return tahun


def cell_required(cells: RowCells, column: str, parse: Callable[[object], str]) -> str:
    value = cells.value(column, parse) or ""
    if not value and column not in cells.bad:
        cells.error(column, _("Wajib diisi."))
    return value


def _normalised(text: str) -> str:
    return " ".join(str(text).split()).casefold()


# --- What both sheets share ----------------------------------------------------------------------


@dataclass
class Bersama:
    """The state shared by the `kinerja_organisasi` and `penilaian` sheets of one import: the
    periods, the stored organisation ratings and finalised groups of those periods, the rule
    sets, and (when writing) the groups touched."""

    tree: UnitTree
    periods: Periods = field(default_factory=Periods)
    ratings: dict[GroupKey, str] = field(default_factory=dict)
    """(unit id, periode id) -> stored organisation rating."""
    final: dict[GroupKey, int] = field(default_factory=dict)
    """(unit id, periode id) -> id of the finalised penetapan."""
    unit_of_penetapan: dict[int, int] = field(default_factory=dict)
    """Id of a finalised penetapan -> its unit id."""
    objections: dict[int, int] = field(default_factory=dict)
    """Penetapan id -> undecided objections of its assessments."""
    loaded_periods: set[int] = field(default_factory=set)
    sheet_ratings: dict[tuple[int, str], set[str]] = field(default_factory=dict)
    """(tahun, periode code) -> units rated by the `kinerja_organisasi` sheet."""
    _candidates: list[tuple[int, str | None, datetime.date, datetime.datetime | None]] | None = None
    _paths: dict[str, str] = field(default_factory=dict)
    _placeholders: dict[str, str] = field(default_factory=dict)
    _rule_errors: dict[tuple[str, datetime.date], str | None] = field(default_factory=dict)
    _kode_of: dict[int, str] | None = None
    _rated: dict[tuple[int, str], set[str]] = field(default_factory=dict)
    touched: set[GroupKey] = field(default_factory=set)
    reopened: set[int] = field(default_factory=set)
    prepared: bool = False

    @classmethod
    def of(cls, context: ImportContext) -> Bersama:
        found: Bersama | None = context.shared.get(SHARED_KEY)
        if found is None:
            found = context.shared[SHARED_KEY] = cls(tree=context.shared[TREE_KEY])
        return found

    # --- Reading -----------------------------------------------------------------------------

    def load(self, periode_ids: Iterable[int]) -> None:
        """The organisation ratings, finalised groups and undecided objections of the periods not
        read yet (three queries)."""
        wanted = sorted(set(periode_ids) - self.loaded_periods)
        if not wanted:
            return
        self.loaded_periods.update(wanted)
        self._rated.clear()
        for unit_id, periode_id, predikat in KinerjaOrganisasi.objects.filter(
            periode_id__in=wanted
        ).values_list("unit_id", "periode_id", "predikat"):
            self.ratings[(unit_id, periode_id)] = predikat
        for pk, unit_id, periode_id in Penetapan.objects.filter(
            periode_id__in=wanted, status=StatusPenetapan.DITETAPKAN
        ).values_list("pk", "unit_id", "periode_id"):
            self.final[(unit_id, periode_id)] = pk
            self.unit_of_penetapan[pk] = unit_id
        for penetapan_id in Keberatan.objects.filter(
            penilaian__periode_id__in=wanted,
            penilaian__penetapan__isnull=False,
            status__in=OPEN_OBJECTION,
        ).values_list("penilaian__penetapan_id", flat=True):
            self.objections[penetapan_id] = self.objections.get(penetapan_id, 0) + 1

    def unit_id(self, kode: str) -> int | None:
        record = self.tree.existing.get(kode)
        return record.id if record else None

    def kode_of_id(self) -> dict[int, str]:
        """Stored unit id -> kode (the stored units do not change while validating)."""
        if self._kode_of is None:
            self._kode_of = {record.id: kode for kode, record in self.tree.existing.items()}
        return self._kode_of

    def rate_in_sheet(self, record: PeriodeRecord, kode: str) -> None:
        self.sheet_ratings.setdefault(record.key, set()).add(kode)
        self._rated.clear()

    def path_after(self, kode: str) -> str:
        """The unit's path after the import, for choosing rule sets and groups: ids of stored
        units, a placeholder for the units the `unit` sheet creates."""
        if kode in self._paths:
            return self._paths[kode]
        chain: list[str] = []
        node: str | None = kode
        while node is not None and node not in chain:
            chain.append(node)
            node = self.tree.parent_of.get(node)
        parts = []
        for member in reversed(chain):
            record = self.tree.existing.get(member)
            if record is None:
                placeholder = self._placeholders.setdefault(member, f"+{len(self._placeholders)}")
            parts.append(str(record.id) if record else placeholder)
        self._paths[kode] = "/" + "/".join(parts) + "/"
        return self._paths[kode]

    def rule_error(self, kode: str, tanggal: datetime.date) -> str | None:
        """Why no rule set applies to the unit (as it will be placed) on the date; None when
        one does (one query for all rows, one more per refused unit and date)."""
        jalur = self.path_after(kode)
        key = (jalur, tanggal)
        if key in self._rule_errors:
            return self._rule_errors[key]
        if self._candidates is None:
            self._candidates = list(
                SetAturan.objects.filter(status=StatusSetAturan.AKTIF).values_list(
                    "pk", "unit__kode", "berlaku_mulai", "diaktifkan_pada"
                )
            )
        candidates = [
            aturan_rules.Kandidat(pk, self.path_after(unit) if unit else "", mulai, aktif)
            for pk, unit, mulai, aktif in self._candidates
        ]
        problem = None
        if aturan_rules.rule_set_choose(candidates, jalur, tanggal) is None:
            try:
                rule_set_for(jalur=jalur, tanggal=tanggal)
            except aturan_rules.RuleError as error:
                problem = str(error)
        self._rule_errors[key] = problem
        return problem

    def group_after(self, kode: str, record: PeriodeRecord) -> str | None:
        """The unit (by code) of the curve group of an employee working in `kode` after the
        import: the nearest unit up the path, itself included, with an organisation rating
        stored or given by the sheet."""
        rated = self._rated_units(record)
        seen: set[str] = set()
        node: str | None = kode
        while node is not None and node not in seen:
            if node in rated:
                return node
            seen.add(node)
            node = self.tree.parent_of.get(node)
        return None

    def _rated_units(self, record: PeriodeRecord) -> set[str]:
        found = self._rated.get(record.key)
        if found is None:
            found = set(self.sheet_ratings.get(record.key, set()))
            if record.id is not None:
                kode_of = self.kode_of_id()
                found |= {
                    kode_of[unit_id]
                    for (unit_id, periode_id) in self.ratings
                    if periode_id == record.id and unit_id in kode_of
                }
            self._rated[record.key] = found
        return found

    def penetapan_kode(self, penetapan_id: int) -> str:
        """The kode of the unit of a finalised group."""
        return self.kode_of_id().get(self.unit_of_penetapan.get(penetapan_id, 0), "")

    def reopen_error(self, penetapan_id: int, kode: str, record: PeriodeRecord) -> str | None:
        """Why a finalised group cannot be reopened by this import (None: it can)."""
        where = {"unit": self.tree.label(kode), "periode": record.label()}
        if not (self.tree.managed(kode) and self.tree.currently_managed(kode)):
            return (
                _(
                    "Predikat kelompok %(unit)s %(periode)s sudah ditetapkan dan kelompok itu di "
                    "luar unit yang Anda kelola; impor ini tidak dapat membukanya kembali."
                )
                % where
            )
        problem = penilaian_rules.reopen_error("-", self.objections.get(penetapan_id, 0))
        if problem:
            return _("Predikat kelompok %(unit)s %(periode)s sudah ditetapkan: %(alasan)s") % {
                **where,
                "alasan": problem,
            }
        return None

    # --- Writing -----------------------------------------------------------------------------

    def prepare(self, context: ImportContext) -> None:
        if not self.prepared:
            self.periods.prepare(context)
            self.prepared = True

    def reopen(self, context: ImportContext, penetapan: Penetapan) -> None:
        """Reopen a finalised group before changing it (and settle it afterwards)."""
        if penetapan.pk in self.reopened or not penetapan.is_final:
            return
        penilaian_services.penetapan_reopen(
            aktor=context.aktor, penetapan=penetapan, alasan=reopen_reason(context)
        )
        self.reopened.add(penetapan.pk)
        self.touched.add((penetapan.unit_id, penetapan.periode_id))


def file_name(context: ImportContext) -> str:
    return Path(context.label.replace("\\", "/")).name or context.label or _("impor")


def reopen_reason(context: ImportContext) -> str:
    return _("Dibuka kembali oleh impor %(berkas)s.") % {"berkas": file_name(context)}


def rejected_by(sheet: str, number: int, column: str, error: ValidationError) -> ImportRejected:
    """A write refused by a service after validation (the state changed meanwhile): the whole
    import is rolled back and the row is reported."""
    return ImportRejected([RowError(sheet, number, column, " ".join(error.messages))])


def count_new_years(context: ImportContext, periods: Periods) -> None:
    """`tahun_baru`: the years opened by the `skp` sheet and the assessment sheets together."""
    skp_plan: SkpPlan | None = context.shared.get(SKP_PLAN_KEY)
    years = set(skp_plan.new_years if skp_plan else []) | periods.new_years
    if years:
        context.extra["tahun_baru"] = len(years)


def finalised_inside(unit: Unit, periode: Periode) -> list[Penetapan]:
    """The finalised groups a new rating of `unit` would split: groups of units above it that
    hold finalised assessments of its subtree (as `organisasi_rate` checks)."""
    ids = (
        Penilaian.objects.filter(
            periode=periode,
            status=StatusPenilaian.FINAL,
            unit__jalur__startswith=unit.jalur,
            penetapan__unit__jalur__in=_paths_above(unit.jalur),
        )
        .values_list("penetapan_id", flat=True)
        .distinct()
    )
    return list(Penetapan.objects.filter(pk__in=list(ids)).order_by("pk"))


def _paths_above(jalur: str) -> list[str]:
    """'/1/4/9/' -> ['/1/', '/1/4/']."""
    return [jalur[: index + 1] for index in range(1, len(jalur) - 1) if jalur[index] == "/"]


# --- The sheet -----------------------------------------------------------------------------------


@dataclass
class OrganisasiRow:
    number: int
    unit_kode: str
    tahun: int | None
    periode: str
    predikat: PredikatOrganisasi | None
    bad: set[str]


@dataclass
class OrganisasiSpec:
    number: int
    unit_kode: str
    periode: PeriodeRecord
    predikat: PredikatOrganisasi


@dataclass
class OrganisasiPlan:
    rows: dict[tuple[str, int, str], OrganisasiSpec] = field(default_factory=dict)
    created: list[tuple[str, int, str]] = field(default_factory=list)
    changed: list[tuple[str, int, str]] = field(default_factory=list)
    reopen: dict[tuple[str, int, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    """The finalised groups (penetapan ids) a row's change reopens."""


class KinerjaOrganisasiSheet(SheetHandler):
    name = "kinerja_organisasi"
    title = gettext_lazy("Capaian kinerja organisasi (per unit dan periode)")
    description = gettext_lazy(
        "Satu baris per unit dan periode: capaian kinerja organisasi yang menentukan kurva "
        "distribusi predikat pegawai unit itu. Disimpan atas nama pimpinan dengan alasan "
        "“Diimpor dari <berkas>”; baris yang sama dengan yang tersimpan tidak mengubah "
        "apa pun. Tahun yang belum ada dibuka dengan periode triwulan. Kelompok yang sudah "
        "ditetapkan dibuka kembali, lalu ditetapkan lagi bila distribusinya sesuai kurva."
    )
    columns = (
        Column("unit_kode", True, gettext_lazy("Kode unit (dari sheet unit atau yang ada)."), "BU"),
        Column("tahun", True, gettext_lazy("Tahun kinerja, 2000 sampai 2100."), 2026),
        Column(
            "periode",
            True,
            gettext_lazy("TW1 sampai TW4, B01 sampai B12, atau TAHUNAN (sesuai pembagian tahun)."),
            "TW1",
        ),
        Column(
            "predikat",
            True,
            gettext_lazy("ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG atau SANGAT_KURANG."),
            "BAIK",
        ),
    )

    # --- Validation ---------------------------------------------------------------------

    def validate(self, table: Table | None, context: ImportContext) -> None:
        if table is None:
            return
        shared = Bersama.of(context)
        plan = OrganisasiPlan()
        context.shared[PLAN_KEY] = plan
        errors_before = len(context.errors)
        rows: list[OrganisasiRow] = []
        for row in table.rows:
            rows.append(self._parse_row(RowCells(context, self.name, row)))
            if len(rows) % PROGRESS_STEP == 0:
                context.progress.advance(PROGRESS_STEP)
        context.progress.advance(len(rows) % PROGRESS_STEP)
        shared.periods.load(row.tahun for row in rows if row.tahun is not None)
        self._collect(rows, shared, plan, context)
        shared.load(spec.periode.id for spec in plan.rows.values() if spec.periode.id)
        self._plan(shared, plan, context)
        count_new_years(context, shared.periods)
        if len(context.errors) > errors_before:
            plan.created.clear()
            plan.changed.clear()

    def _parse_row(self, cells: RowCells) -> OrganisasiRow:
        unit_kode = cells.text("unit_kode", required=True)
        tahun = cell_tahun(cells)
        periode = cell_required(cells, "periode", cell_periode)
        predikat = cells.value("predikat", lambda value: rules.cell_enum(value, PredikatOrganisasi))
        if predikat is None and "predikat" not in cells.bad:
            cells.error("predikat", _("Wajib diisi."))
        return OrganisasiRow(cells.number, unit_kode, tahun, periode, predikat, cells.bad)

    def _collect(
        self,
        rows: list[OrganisasiRow],
        shared: Bersama,
        plan: OrganisasiPlan,
        context: ImportContext,
    ) -> None:
        """Resolve each row's unit and period; refuse repeated rows and units out of scope."""
        tree = shared.tree
        for row in rows:
            if not row.unit_kode or row.tahun is None or not row.periode or row.predikat is None:
                continue

            def report(column: str, reason: str, number: int = row.number) -> None:
                context.error(self.name, number, column, reason)

            key = (row.unit_kode, row.tahun, row.periode)
            first = plan.rows.get(key)
            if first is not None:
                report(
                    "unit_kode",
                    _(
                        "Unit %(kode)s periode %(periode)s %(tahun)s muncul dua kali: baris "
                        "%(first)d dan %(second)d."
                    )
                    % {
                        "kode": row.unit_kode,
                        "periode": row.periode,
                        "tahun": row.tahun,
                        "first": first.number,
                        "second": row.number,
                    },
                )
                continue
            if not tree.known(row.unit_kode):
                report(
                    "unit_kode",
                    _("Unit '%(kode)s' tidak ada, baik di sheet unit maupun di basis data.")
                    % {"kode": row.unit_kode},
                )
                continue
            if context.restricted and not (
                tree.managed(row.unit_kode) and tree.currently_managed(row.unit_kode)
            ):
                report(
                    "unit_kode",
                    _("Unit %(unit)s berada di luar unit yang Anda kelola.")
                    % {"unit": tree.label(row.unit_kode)},
                )
                continue
            record = shared.periods.find(
                row.tahun, row.periode, lambda reason: report("periode", reason)
            )
            if record is None:
                continue
            plan.rows[key] = OrganisasiSpec(row.number, row.unit_kode, record, row.predikat)
            shared.rate_in_sheet(record, row.unit_kode)

    def _plan(self, shared: Bersama, plan: OrganisasiPlan, context: ImportContext) -> None:
        """Compare each rating with the stored one; check what a change needs."""
        unchanged = 0
        splitting: list[tuple[tuple[str, int, str], OrganisasiSpec]] = []
        for key, spec in plan.rows.items():
            unit_id = shared.unit_id(spec.unit_kode)
            periode_id = spec.periode.id
            stored = shared.ratings.get((unit_id, periode_id)) if unit_id and periode_id else None
            if stored == spec.predikat.value:
                unchanged += 1
                continue
            problem = shared.periods.write_error(
                spec.periode, lambda status: penilaian_rules.organisation_edit_error(status, False)
            ) or shared.rule_error(spec.unit_kode, spec.periode.selesai)
            if problem:
                context.error(self.name, spec.number, "periode", problem)
                continue
            if stored is not None:
                assert unit_id is not None
                assert periode_id is not None
                penetapan_id = shared.final.get((unit_id, periode_id))
                if penetapan_id is not None:
                    plan.reopen[key].add(penetapan_id)
                plan.changed.append(key)
            else:
                plan.created.append(key)
                if unit_id and periode_id:
                    splitting.append((key, spec))
        self._splits(splitting, shared, plan)
        for key, penetapan_ids in plan.reopen.items():
            spec = plan.rows[key]
            for penetapan_id in sorted(penetapan_ids):
                kode = shared.penetapan_kode(penetapan_id)
                problem = shared.reopen_error(penetapan_id, kode, spec.periode)
                if problem:
                    context.error(self.name, spec.number, "unit_kode", problem)
        context.counts[self.name] = SheetCounts(
            created=len(plan.created), updated=len(plan.changed), unchanged=unchanged
        )

    def _splits(
        self,
        splitting: list[tuple[tuple[str, int, str], OrganisasiSpec]],
        shared: Bersama,
        plan: OrganisasiPlan,
    ) -> None:
        """A new rating inside a finalised group of a unit above splits it: that group must be
        reopened (one query for all the new ratings)."""
        if not splitting:
            return
        periode_ids = sorted({spec.periode.id for _key, spec in splitting if spec.periode.id})
        finalised = list(
            Penilaian.objects.filter(
                periode_id__in=periode_ids, status=StatusPenilaian.FINAL, penetapan__isnull=False
            )
            .values_list("periode_id", "unit__jalur", "penetapan_id", "penetapan__unit__jalur")
            .distinct()
        )
        for key, spec in splitting:
            record = shared.tree.existing[spec.unit_kode]
            above = set(_paths_above(record.jalur))
            for periode_id, jalur, penetapan_id, group_jalur in finalised:
                if (
                    periode_id == spec.periode.id
                    and jalur.startswith(record.jalur)
                    and group_jalur in above
                ):
                    plan.reopen[key].add(penetapan_id)

    def write_count(self, context: ImportContext) -> int:
        plan: OrganisasiPlan | None = context.shared.get(PLAN_KEY)
        return len(plan.created) + len(plan.changed) if plan else 0

    # --- Writing ------------------------------------------------------------------------

    def write(self, context: ImportContext) -> None:
        """Open the years and periods both sheets need, then write the ratings that change
        (reopening the finalised groups they change first)."""
        shared: Bersama | None = context.shared.get(SHARED_KEY)
        if shared is None:
            return
        shared.prepare(context)
        plan: OrganisasiPlan | None = context.shared.get(PLAN_KEY)
        keys = [*plan.created, *plan.changed] if plan else []
        if plan is None or not keys:
            return
        alasan = _("Diimpor dari %(berkas)s.") % {"berkas": file_name(context)}
        units = {
            unit.kode: unit
            for unit in Unit.objects.filter(
                pk__in=[shared.tree.ids[plan.rows[key].unit_kode] for key in keys]
            )
        }
        created = set(plan.created)
        for key in keys:
            spec = plan.rows[key]
            unit = units[spec.unit_kode]
            periode = shared.periods.ids[spec.periode.key]
            try:
                self._write_one(context, shared, unit, periode, spec, alasan, key in created)
            except ValidationError as error:
                raise rejected_by(self.name, spec.number, "unit_kode", error) from None
            context.progress.advance(1)

    def _write_one(
        self,
        context: ImportContext,
        shared: Bersama,
        unit: Unit,
        periode: Periode,
        spec: OrganisasiSpec,
        alasan: str,
        created: bool,
    ) -> None:
        own = Penetapan.objects.filter(unit=unit, periode=periode).first()
        if own is not None:
            shared.reopen(context, own)
        if created:
            for penetapan in finalised_inside(unit, periode):
                shared.reopen(context, penetapan)
        penilaian_services.organisasi_rate(
            aktor=context.aktor,
            unit=unit,
            periode=periode,
            predikat=spec.predikat,
            alasan=alasan,
            atas_nama=True,
        )
        shared.touched.add((unit.pk, periode.pk))
        if created:
            parent = unit.jalur[: unit.jalur.rstrip("/").rfind("/") + 1]
            group = penilaian_selectors.group_unit_for(parent, periode) if parent else None
            if group is not None:
                shared.touched.add((group.pk, periode.pk))


HANDLER = KinerjaOrganisasiSheet()
