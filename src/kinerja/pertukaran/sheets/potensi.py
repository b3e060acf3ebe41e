"""The `potensi` sheet: an employee's assessed potential (Rendah, Menengah, Tinggi) for a year,
the other axis of the talent 9-box.

One row per employee and year, upserted by (nip, tahun); a row equal to the stored potential
writes nothing. `catatan` (an extra column of Kinerja) holds notes; without the column the stored
notes are kept. A year the product does not know is opened with its default quarterly periods
(history), as the other history sheets do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.aturan.enums import Potensi as PotensiEnum
from kinerja.audit.services import Perubahan, changed_values
from kinerja.pertukaran import rules
from kinerja.pertukaran.sheets.base import (
    Column,
    ImportContext,
    RowCells,
    SheetCounts,
    SheetHandler,
    Table,
)
from kinerja.pertukaran.sheets.kehadiran import (
    BATCH_SIZE,
    PROGRESS_STEP,
    batches,
    count_years,
    duplicate_error,
    employee_error,
    employees_of,
    known_years,
    open_years,
    pegawai_of,
)
from kinerja.pertukaran.sheets.kinerja_organisasi import cell_required, cell_tahun
from kinerja.pertukaran.sheets.realisasi import Employees
from kinerja.talenta.models import Potensi

PLAN_KEY = "potensi_plan"
OBJECT_TYPE = "talenta.potensi"
CATATAN_MAX_LENGTH = 255

Key = tuple[str, int]
"""(nip, tahun)."""
Values = tuple[str, str]
"""(potensi, catatan)."""


@dataclass
class PotensiRow:
    number: int
    nip: str
    tahun: int
    potensi: PotensiEnum
    catatan: str | None
    """None when the sheet has no `catatan` column (the stored notes are kept)."""


@dataclass
class PotensiPlan:
    rows: dict[Key, PotensiRow] = field(default_factory=dict)
    after: dict[Key, Values] = field(default_factory=dict)
    created: list[Key] = field(default_factory=list)
    changed: dict[Key, tuple[int, Values]] = field(default_factory=dict)
    """Key -> (id of the stored potential, its values before)."""
    new_years: set[int] = field(default_factory=set)


class PotensiSheet(SheetHandler):
    name = "potensi"
    title = gettext_lazy("Potensi pegawai per tahun (sumbu potensi kotak talenta)")
    description = gettext_lazy(
        "Satu baris per pegawai dan tahun: potensi RENDAH, MENENGAH atau TINGGI, dengan "
        "catatan bila perlu. Baris yang sama dengan yang tersimpan tidak mengubah apa pun. Tahun "
        "yang belum ada dibuka dengan periode triwulan."
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
        Column(
            "potensi",
            True,
            gettext_lazy("RENDAH, MENENGAH atau TINGGI (atau labelnya, huruf apa pun)."),
            "MENENGAH",
        ),
        Column(
            "catatan",
            False,
            gettext_lazy(
                "Catatan (paling banyak 255 karakter, boleh kosong). Tanpa kolom ini, catatan "
                "yang tersimpan tidak diubah."
            ),
            "",
        ),
    )

    # --- Validation ---------------------------------------------------------------------

    def validate(self, table: Table | None, context: ImportContext) -> None:
        if table is None:
            return
        plan = PotensiPlan()
        context.shared[PLAN_KEY] = plan
        errors_before = len(context.errors)
        has_notes = "catatan" in table.present
        parsed: list[PotensiRow] = []
        for index, row in enumerate(table.rows, start=1):
            found = self._parse_row(RowCells(context, self.name, row), has_notes)
            if found is not None:
                parsed.append(found)
            if index % PROGRESS_STEP == 0:
                context.progress.advance(PROGRESS_STEP)
        context.progress.advance(len(table.rows) % PROGRESS_STEP)
        employees = employees_of(context)
        for item in parsed:
            key = (item.nip, item.tahun)
            first = plan.rows.get(key)
            if first is not None:
                what = _("NIP %(nip)s tahun %(tahun)d") % {"nip": item.nip, "tahun": item.tahun}
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

    def _parse_row(self, cells: RowCells, has_notes: bool) -> PotensiRow | None:
        nip = cell_required(cells, "nip", rules.cell_nip)
        tahun = cell_tahun(cells)
        potensi = cells.value("potensi", lambda value: rules.cell_enum(value, PotensiEnum))
        if potensi is None and "potensi" not in cells.bad:
            cells.error("potensi", _("Wajib diisi."))
        catatan = cells.text("catatan", max_length=CATATAN_MAX_LENGTH) if has_notes else None
        if cells.bad or not nip or tahun is None or potensi is None:
            return None
        return PotensiRow(cells.number, nip, tahun, potensi, catatan)

    def _plan(self, plan: PotensiPlan, employees: Employees, context: ImportContext) -> None:
        """Compare each row with the stored potential (one query per batch of employees)."""
        stored = _stored(plan.rows, employees)
        unchanged = 0
        years: set[int] = set()
        for key, row in plan.rows.items():
            record = employees.existing.get(row.nip)
            current = stored.get((record.id, row.tahun)) if record else None
            notes = row.catatan if row.catatan is not None else (current[1][1] if current else "")
            after = (row.potensi.value, notes)
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
        plan: PotensiPlan | None = context.shared.get(PLAN_KEY)
        return len(plan.created) + len(plan.changed) if plan else 0

    # --- Writing ------------------------------------------------------------------------

    def write(self, context: ImportContext) -> None:
        plan: PotensiPlan | None = context.shared.get(PLAN_KEY)
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

        def audit(key: Key, pk: int, before: Values | None) -> None:
            after = _state(plan.after[key])
            old, new = (
                changed_values(_state(before), after)
                if before is not None
                else (None, {"pegawai": key[0], "tahun": key[1], **after})
            )
            context.perubahan.append(
                Perubahan(
                    aksi="potensi.import",
                    objek_tipe=OBJECT_TYPE,
                    objek_id=str(pk),
                    objek_label=f"{people[key[0]][1]} ({key[0]}) \N{EM DASH} {key[1]}",
                    sebelum=old,
                    sesudah=new,
                    keterangan=note,
                )
            )

        for keys in batches(plan.created):
            made = Potensi.objects.bulk_create(
                [
                    Potensi(
                        pegawai_id=people[key[0]][0],
                        tahun=key[1],
                        potensi=plan.after[key][0],
                        catatan=plan.after[key][1],
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
            Potensi.objects.bulk_update(
                [
                    Potensi(
                        pk=plan.changed[key][0],
                        potensi=plan.after[key][0],
                        catatan=plan.after[key][1],
                        diubah_pada=now,
                        **recorder,
                    )
                    for key in keys
                ],
                ["potensi", "catatan", "dicatat_oleh", "dicatat_label", "diubah_pada"],
            )
            for key in keys:
                audit(key, plan.changed[key][0], plan.changed[key][1])
            context.progress.advance(len(keys))


def _state(values: Values) -> dict[str, str]:
    return {"potensi": values[0], "catatan": values[1]}


def _stored(
    rows: dict[Key, PotensiRow], employees: Employees
) -> dict[tuple[int, int], tuple[int, Values]]:
    """The stored potentials of the sheet's stored employees and years, by (pegawai id, tahun):
    (id, (potensi, catatan))."""
    ids = sorted({employees.existing[nip].id for nip, _tahun in rows if nip in employees.existing})
    years = sorted({tahun for _nip, tahun in rows})
    found: dict[tuple[int, int], tuple[int, Values]] = {}
    for chunk in batches(ids, 5 * BATCH_SIZE):
        for pk, pegawai_id, tahun, potensi, catatan in Potensi.objects.filter(
            pegawai_id__in=chunk, tahun__in=years
        ).values_list("pk", "pegawai_id", "tahun", "potensi", "catatan"):
            found[(pegawai_id, tahun)] = (pk, (potensi, catatan))
    return found


HANDLER = PotensiSheet()
