"""The `kehadiran` sheet: an employee's attendance counts of a month, and the allowance (tukin)
recomputed for every month the sheet changes.

One row per employee and month (`nip`, `tahun`, `bulan`): late arrivals and early leaves per band
of minutes (`tl1`…`tl4`, `psw1`…`psw4`), days without an attendance record (`tanpa_rekaman`, an
extra column of Kinerja), days absent without reason, days of "cuti alasan penting" (whole
numbers 0–31; an empty cell is 0) and whether a moderate discipline sentence runs that month
(`hukuman_disiplin_sedang`, YA/TIDAK; empty is TIDAK). A column left out of the sheet keeps the
stored value (0 or TIDAK for a new month).

Rows are upserted by (nip, tahun, bulan); a row equal to the stored month writes nothing. Once
the rows are written, the allowance of each month with created or changed rows is recomputed for
those employees (`tukin.services.allowance_recompute`, cause IMPOR), in the import's transaction.
A year the product does not know is opened with its default quarterly periods (history).

The helpers shared with the `potensi` sheet (the employees a row may name, the years to open)
live here too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.audit.services import Perubahan, changed_values
from kinerja.organisasi.models import Pegawai
from kinerja.periode import rules as periode_rules
from kinerja.periode.models import TahunKinerja
from kinerja.periode.services import tahun_ensure
from kinerja.pertukaran import rules, selectors
from kinerja.pertukaran.sheets.base import (
    Column,
    ImportContext,
    RowCells,
    SheetCounts,
    SheetHandler,
    Table,
)
from kinerja.pertukaran.sheets.kinerja_organisasi import (
    SHARED_KEY,
    Bersama,
    cell_required,
    cell_tahun,
    file_name,
)
from kinerja.pertukaran.sheets.pegawai import PLAN_KEY as PEGAWAI_PLAN_KEY
from kinerja.pertukaran.sheets.pegawai import PegawaiPlan
from kinerja.pertukaran.sheets.realisasi import Employees
from kinerja.pertukaran.sheets.skp import PLAN_KEY as SKP_PLAN_KEY
from kinerja.pertukaran.sheets.skp import SkpPlan
from kinerja.pertukaran.sheets.unit import TREE_KEY, UnitTree
from kinerja.tukin import rules as tukin_rules
from kinerja.tukin.enums import SebabPerhitungan
from kinerja.tukin.models import Kehadiran
from kinerja.tukin.services import allowance_recompute

PLAN_KEY = "kehadiran_plan"
EMPLOYEES_KEY = "riwayat_pegawai"
YEARS_KEY = "riwayat_tahun_baru"
OBJECT_TYPE = "tukin.kehadiran"
PROGRESS_STEP = 1000
BATCH_SIZE = 1000
COUNT_COLUMNS = tukin_rules.COUNT_FIELDS
FLAG_COLUMN = "hukuman_disiplin_sedang"
VALUE_FIELDS = (*COUNT_COLUMNS, FLAG_COLUMN)
DEFAULTS: tuple[int | bool, ...] = (*(0 for _name in COUNT_COLUMNS), False)

Key = tuple[str, int, int]
"""(nip, tahun, bulan)."""
Values = tuple[int | bool, ...]
"""The values of VALUE_FIELDS, in that order."""


# --- Shared with the `potensi` sheet -------------------------------------------------------------


def employees_of(context: ImportContext) -> Employees:
    """The employees a history row may name: stored ones, and those of the `pegawai` sheet
    (read once per import)."""
    found: Employees | None = context.shared.get(EMPLOYEES_KEY)
    if found is None:
        sheet_people: PegawaiPlan | None = context.shared.get(PEGAWAI_PLAN_KEY)
        skp_plan: SkpPlan | None = context.shared.get(SKP_PLAN_KEY)
        if sheet_people is not None:
            existing = sheet_people.existing
        elif skp_plan is not None:
            existing = skp_plan.people.existing
        else:
            existing = selectors.pegawai_by_nip()
        found = context.shared[EMPLOYEES_KEY] = Employees(existing=existing, sheet=sheet_people)
    return found


def employee_error(context: ImportContext, employees: Employees, nip: str) -> str | None:
    """Why a row cannot name the employee: unknown, or outside the importer's units."""
    record = employees.existing.get(nip)
    in_sheet = employees.sheet is not None and nip in employees.sheet.rows
    if record is None and not in_sheet:
        return _(
            "Pegawai dengan NIP %(nip)s tidak ada, baik di sheet pegawai maupun di basis data."
        ) % {"nip": nip}
    if context.restricted:
        tree: UnitTree = context.shared[TREE_KEY]
        kode_of = _kode_of_id(context, tree)
        after = employees.unit_kode_after(nip, kode_of)
        now = kode_of.get(record.unit_id, "") if record else ""
        return tree.employee_outside_error(after, now)
    return None


def _kode_of_id(context: ImportContext, tree: UnitTree) -> dict[int, str]:
    key = "riwayat_kode_unit"
    if key not in context.shared:
        context.shared[key] = {record.id: kode for kode, record in tree.existing.items()}
    found: dict[int, str] = context.shared[key]
    return found


def known_years(years: Iterable[int]) -> set[int]:
    """The years of `years` the product knows (one query)."""
    wanted = sorted(set(years))
    if not wanted:
        return set()
    return set(TahunKinerja.objects.filter(tahun__in=wanted).values_list("tahun", flat=True))


def count_years(context: ImportContext, years: Iterable[int]) -> None:
    """Add the years a history sheet opens to `tahun_baru` (together with those the `skp` sheet
    and the assessment sheets open)."""
    mine: set[int] = context.shared.setdefault(YEARS_KEY, set())
    mine.update(years)
    skp_plan: SkpPlan | None = context.shared.get(SKP_PLAN_KEY)
    shared: Bersama | None = context.shared.get(SHARED_KEY)
    every = set(mine) | set(skp_plan.new_years if skp_plan else [])
    every |= shared.periods.new_years if shared else set()
    if every:
        context.extra["tahun_baru"] = len(every)


def open_years(context: ImportContext, years: Iterable[int]) -> None:
    """Open the years the product does not know yet, with their default quarterly periods."""
    for tahun in sorted(set(years)):
        tahun_ensure(aktor=context.aktor, tahun=tahun)


def pegawai_of(nips: Iterable[str]) -> dict[str, tuple[int, str]]:
    """NIP -> (id, name) of stored employees (after the `pegawai` sheet is written)."""
    wanted = sorted(set(nips))
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(wanted), BATCH_SIZE):
        for pk, nip, nama in Pegawai.objects.filter(
            nip__in=wanted[start : start + BATCH_SIZE]
        ).values_list("pk", "nip", "nama"):
            found[nip] = (pk, nama)
    return found


def batches(items: list[Any], size: int = BATCH_SIZE) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def duplicate_error(what: str, first: int, second: int) -> str:
    return _("%(what)s muncul dua kali: baris %(first)d dan %(second)d.") % {
        "what": what,
        "first": first,
        "second": second,
    }


# --- Cells ---------------------------------------------------------------------------------------


def cell_count(value: object) -> int:
    """A count of a month: a whole number from 0 to 31; empty is 0."""
    number = rules.cell_integer(value)
    if number is None:
        return 0
    if number < 0:
        raise rules.CellError(_("Tidak boleh negatif, bukan %(value)d.") % {"value": number})
    if number > tukin_rules.MAXIMUM_COUNT:
        raise rules.CellError(
            _("Paling banyak %(limit)d dalam sebulan, bukan %(value)d.")
            % {"limit": tukin_rules.MAXIMUM_COUNT, "value": number}
        )
    return number


def cell_bulan(value: object) -> int | None:
    """A month number 1–12 (empty is None)."""
    number = rules.cell_integer(value)
    if number is None:
        return None
    if not 1 <= number <= 12:
        raise rules.CellError(_("Bulan harus 1 sampai 12, bukan %(value)d.") % {"value": number})
    return number


def month_label(tahun: int, bulan: int) -> str:
    return f"{periode_rules.period_name(f'B{bulan:02d}')} {tahun}"


# --- The sheet -----------------------------------------------------------------------------------


@dataclass
class KehadiranRow:
    number: int
    nip: str
    tahun: int
    bulan: int
    values: dict[str, int | bool]
    """The values of the columns present in the sheet."""


@dataclass
class KehadiranPlan:
    rows: dict[Key, KehadiranRow] = field(default_factory=dict)
    after: dict[Key, Values] = field(default_factory=dict)
    created: list[Key] = field(default_factory=list)
    changed: dict[Key, tuple[int, Values]] = field(default_factory=dict)
    """Key -> (id of the stored month, its values before)."""
    new_years: set[int] = field(default_factory=set)


class KehadiranSheet(SheetHandler):
    name = "kehadiran"
    title = gettext_lazy("Kehadiran bulanan (dasar potongan tunjangan kinerja)")
    description = gettext_lazy(
        "Satu baris per pegawai dan bulan: jumlah kejadian terlambat (TL) dan pulang sebelum "
        "waktunya (PSW) per rentang menit, hari tanpa rekaman kehadiran, hari tidak masuk tanpa "
        "keterangan, hari cuti alasan penting (bilangan bulat 0 sampai 31; kosong berarti 0) "
        "dan hukuman disiplin sedang (YA/TIDAK). Kolom yang tidak disertakan tidak mengubah data "
        "yang tersimpan. Baris yang sama dengan yang tersimpan tidak mengubah apa pun; untuk "
        "bulan yang berubah, tunjangan kinerja pegawai itu dihitung ulang. Tahun yang belum ada "
        "dibuka dengan periode triwulan."
    )
    columns = (
        Column(
            "nip",
            True,
            gettext_lazy("NIP pegawai (dari sheet pegawai atau yang ada), disimpan sebagai teks."),
            "199001012015031001",
            text=True,
        ),
        Column("tahun", True, gettext_lazy("Tahun, 2000 sampai 2100."), 2026),
        Column("bulan", True, gettext_lazy("Bulan, 1 sampai 12."), 1),
        Column("tl1", False, gettext_lazy("Terlambat masuk 1–30 menit (kali)."), 2),
        Column("tl2", False, gettext_lazy("Terlambat masuk 31–60 menit (kali)."), 0),
        Column("tl3", False, gettext_lazy("Terlambat masuk 61–90 menit (kali)."), 0),
        Column("tl4", False, gettext_lazy("Terlambat masuk lebih dari 90 menit (kali)."), 0),
        Column("psw1", False, gettext_lazy("Pulang sebelum waktunya 1–30 menit (kali)."), 0),
        Column("psw2", False, gettext_lazy("Pulang sebelum waktunya 31–60 menit (kali)."), 0),
        Column("psw3", False, gettext_lazy("Pulang sebelum waktunya 61–90 menit (kali)."), 0),
        Column(
            "psw4", False, gettext_lazy("Pulang sebelum waktunya lebih dari 90 menit (kali)."), 0
        ),
        Column(
            "tanpa_rekaman",
            False,
            gettext_lazy("Hari tanpa rekaman kehadiran (dihitung seperti TL4)."),
            0,
        ),
        Column("tanpa_keterangan", False, gettext_lazy("Hari tidak masuk tanpa keterangan."), 1),
        Column("cuti_alasan_penting", False, gettext_lazy("Hari cuti alasan penting."), 0),
        Column(
            FLAG_COLUMN,
            False,
            gettext_lazy("YA bila hukuman disiplin sedang berjalan pada bulan itu; kosong: TIDAK."),
            "TIDAK",
        ),
    )

    # --- Validation ---------------------------------------------------------------------

    def validate(self, table: Table | None, context: ImportContext) -> None:
        if table is None:
            return
        plan = KehadiranPlan()
        context.shared[PLAN_KEY] = plan
        errors_before = len(context.errors)
        present = [name for name in VALUE_FIELDS if name in table.present]
        parsed: list[KehadiranRow] = []
        for index, row in enumerate(table.rows, start=1):
            found = self._parse_row(RowCells(context, self.name, row), present)
            if found is not None:
                parsed.append(found)
            if index % PROGRESS_STEP == 0:
                context.progress.advance(PROGRESS_STEP)
        context.progress.advance(len(table.rows) % PROGRESS_STEP)
        employees = employees_of(context)
        for item in parsed:
            key = (item.nip, item.tahun, item.bulan)
            first = plan.rows.get(key)
            if first is not None:
                what = _("NIP %(nip)s bulan %(bulan)d tahun %(tahun)d") % {
                    "nip": item.nip,
                    "bulan": item.bulan,
                    "tahun": item.tahun,
                }
                context.error(
                    self.name, item.number, "nip", duplicate_error(what, first.number, item.number)
                )
                continue
            problem = employee_error(context, employees, item.nip)
            if problem:
                context.error(self.name, item.number, "nip", problem)
                continue
            plan.rows[key] = item
        self._plan(plan, employees, context)
        if len(context.errors) > errors_before:
            plan.created.clear()
            plan.changed.clear()

    def _parse_row(self, cells: RowCells, present: list[str]) -> KehadiranRow | None:
        nip = cell_required(cells, "nip", rules.cell_nip)
        tahun = cell_tahun(cells)
        bulan = cells.value("bulan", cell_bulan)
        if bulan is None and "bulan" not in cells.bad:
            cells.error("bulan", _("Wajib diisi."))
        values: dict[str, int | bool] = {}
        for name in present:
            if name == FLAG_COLUMN:
                flag = cells.value(name, rules.cell_yes_no)
                values[name] = bool(flag)
            else:
                values[name] = cells.value(name, cell_count) or 0
        if cells.bad or not nip or tahun is None or bulan is None:
            return None
        return KehadiranRow(cells.number, nip, tahun, bulan, values)

    def _plan(self, plan: KehadiranPlan, employees: Employees, context: ImportContext) -> None:
        """Compare each row with the stored month (one query per batch of employees)."""
        stored = _stored(plan.rows, employees)
        unchanged = 0
        years: set[int] = set()
        for key, row in plan.rows.items():
            record = employees.existing.get(row.nip)
            current = stored.get((record.id, row.tahun, row.bulan)) if record else None
            before = current[1] if current else DEFAULTS
            after = tuple(
                row.values.get(name, old) for name, old in zip(VALUE_FIELDS, before, strict=True)
            )
            plan.after[key] = after
            if current is None:
                plan.created.append(key)
            elif after != current[1]:
                plan.changed[key] = current
            else:
                unchanged += 1
                continue
            years.add(row.tahun)
        plan.new_years = years - known_years(years)
        count_years(context, plan.new_years)
        context.counts[self.name] = SheetCounts(
            created=len(plan.created), updated=len(plan.changed), unchanged=unchanged
        )

    def write_count(self, context: ImportContext) -> int:
        plan: KehadiranPlan | None = context.shared.get(PLAN_KEY)
        return len(plan.created) + len(plan.changed) if plan else 0

    # --- Writing ------------------------------------------------------------------------

    def write(self, context: ImportContext) -> None:
        plan: KehadiranPlan | None = context.shared.get(PLAN_KEY)
        if plan is None or not (plan.created or plan.changed):
            return
        open_years(context, plan.new_years)
        people = pegawai_of(key[0] for key in [*plan.created, *plan.changed])
        note = _("Impor data, berlaku mulai %(date)s.") % {
            "date": context.berlaku_mulai.isoformat()
        }
        recorder = {
            "dicatat_oleh_id": context.aktor.pengguna_id,
            "dicatat_label": context.aktor.label[:255],
        }
        months: dict[tuple[int, int], set[int]] = defaultdict(set)

        def label(key: Key) -> str:
            return f"{people[key[0]][1]} ({key[0]}) \N{EM DASH} {month_label(key[1], key[2])}"

        def audit(key: Key, pk: int, before: Values | None) -> None:
            after = dict(zip(VALUE_FIELDS, plan.after[key], strict=True))
            old, new = (
                changed_values(dict(zip(VALUE_FIELDS, before, strict=True)), after)
                if before is not None
                else (None, {"pegawai": key[0], "tahun": key[1], "bulan": key[2], **after})
            )
            context.perubahan.append(
                Perubahan(
                    aksi="kehadiran.import",
                    objek_tipe=OBJECT_TYPE,
                    objek_id=str(pk),
                    objek_label=label(key),
                    sebelum=old,
                    sesudah=new,
                    keterangan=note,
                )
            )
            months[(key[1], key[2])].add(people[key[0]][0])

        for keys in batches(plan.created):
            made = Kehadiran.objects.bulk_create(
                [
                    Kehadiran(
                        pegawai_id=people[key[0]][0],
                        tahun=key[1],
                        bulan=key[2],
                        **dict(zip(VALUE_FIELDS, plan.after[key], strict=True)),
                        **recorder,
                    )
                    for key in keys
                ]
            )
            for key, item in zip(keys, made, strict=True):
                audit(key, item.pk, None)
            context.progress.advance(len(keys))
        now = timezone.now()
        for keys in batches(list(plan.changed)):
            Kehadiran.objects.bulk_update(
                [
                    Kehadiran(
                        pk=plan.changed[key][0],
                        **dict(zip(VALUE_FIELDS, plan.after[key], strict=True)),
                        **recorder,
                        diubah_pada=now,
                    )
                    for key in keys
                ],
                [*VALUE_FIELDS, "dicatat_oleh", "dicatat_label", "diubah_pada"],
            )
            for key in keys:
                audit(key, plan.changed[key][0], plan.changed[key][1])
            context.progress.advance(len(keys))
        _recompute(context, months)


def _stored(
    rows: dict[Key, KehadiranRow], employees: Employees
) -> dict[tuple[int, int, int], tuple[int, Values]]:
    """The stored months of the sheet's stored employees and years, by (pegawai id, tahun,
    bulan): (id, values)."""
    ids = sorted(
        {employees.existing[nip].id for nip, _tahun, _bulan in rows if nip in employees.existing}
    )
    years = sorted({tahun for _nip, tahun, _bulan in rows})
    found: dict[tuple[int, int, int], tuple[int, Values]] = {}
    for chunk in batches(ids, 5 * BATCH_SIZE):
        for pk, pegawai_id, tahun, bulan, *values in Kehadiran.objects.filter(
            pegawai_id__in=chunk, tahun__in=years
        ).values_list("pk", "pegawai_id", "tahun", "bulan", *VALUE_FIELDS):
            found[(pegawai_id, tahun, bulan)] = (pk, tuple(values))
    return found


def _recompute(context: ImportContext, months: dict[tuple[int, int], set[int]]) -> None:
    """Recompute the allowance of each month written, for the employees written."""
    computed = 0
    alasan = _("Diimpor dari %(berkas)s.") % {"berkas": file_name(context)}
    for (tahun, bulan), ids in sorted(months.items()):
        perhitungan = allowance_recompute(
            aktor=context.aktor,
            tahun=tahun,
            bulan=bulan,
            pegawai_ids=sorted(ids),
            sebab=SebabPerhitungan.IMPOR,
            alasan=alasan,
        )
        jumlah = perhitungan.jumlah
        computed += jumlah["dihitung"]
        context.catatan.append(
            _(
                "Tukin %(bulan)s dihitung ulang untuk %(pegawai)d pegawai: %(dihitung)d dihitung, "
                "%(berubah)d berubah, %(dilewati)d dilewati."
            )
            % {
                "bulan": month_label(tahun, bulan),
                "pegawai": len(ids),
                "dihitung": jumlah["dihitung"],
                "berubah": jumlah["berubah"],
                "dilewati": jumlah["dilewati"],
            }
        )
    context.extra["tukin_dihitung"] = context.extra.get("tukin_dihitung", 0) + computed


HANDLER = KehadiranSheet()
