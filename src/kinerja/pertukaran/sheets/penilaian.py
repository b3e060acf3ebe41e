"""The `penilaian` sheet: employees' ratings for a period (history needs no plan), and the
settling of every curve group the two assessment sheets touched.

One row per employee and period: the result and the behaviour rating; the predikat follows from
the quadrant of the rule set in effect for the employee's unit (a row for which none applies is
refused). A row equal to the stored assessment writes nothing; a row that changes it writes
through `penilaian.services.penilaian_import`, after reopening the finalised group it changes.

Once the rows are written, every curve group touched (the groups of the changed assessments,
of the units whose organisation rating changed, and the groups reopened) is settled with
`penilaian.services.penetapan_settle`: finalised when it complies (organisation rating present,
every member rated, within the curve), otherwise left as a draft and named with its reasons in
the import's notes. Groups outside the importer's units are left as they are, with a note.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import Rating
from kinerja.audit.services import Perubahan, changed_values
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.penilaian import rules as penilaian_rules
from kinerja.penilaian import services as penilaian_services
from kinerja.penilaian.enums import StatusPenetapan
from kinerja.penilaian.models import KinerjaOrganisasi, Penetapan, Penilaian
from kinerja.periode.models import Periode
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
    GroupKey,
    PeriodeRecord,
    cell_periode,
    cell_required,
    cell_tahun,
    count_new_years,
    rejected_by,
    reopen_reason,
)
from kinerja.pertukaran.sheets.pegawai import PLAN_KEY as PEGAWAI_PLAN_KEY
from kinerja.pertukaran.sheets.pegawai import PegawaiPlan
from kinerja.pertukaran.sheets.realisasi import Employees
from kinerja.pertukaran.sheets.skp import PLAN_KEY as SKP_PLAN_KEY
from kinerja.pertukaran.sheets.skp import SkpPlan

PLAN_KEY = "penilaian_plan"
OBJECT_TYPE = "penilaian.penilaian"
PROGRESS_STEP = 1000
BATCH_SIZE = 1000

Key = tuple[str, int, str]
"""(nip, tahun, periode code)."""


class StoredPenilaian(NamedTuple):
    rating_hasil: str
    rating_perilaku: str
    catatan: str
    penetapan_id: int | None
    """The finalisation that holds it (None: a draft)."""


@dataclass
class PenilaianRow:
    number: int
    nip: str
    tahun: int | None
    periode: str
    hasil: Rating | None
    perilaku: Rating | None
    catatan: str | None
    """None when the sheet has no `catatan` column (the stored notes are kept)."""


@dataclass
class PenilaianSpec:
    number: int
    nip: str
    periode: PeriodeRecord
    hasil: Rating
    perilaku: Rating
    catatan: str | None
    unit_kode: str
    """The employee's unit after the import."""


@dataclass
class PenilaianPlan:
    rows: dict[Key, PenilaianSpec] = field(default_factory=dict)
    created: list[Key] = field(default_factory=list)
    changed: list[Key] = field(default_factory=list)


class PenilaianSheet(SheetHandler):
    name = "penilaian"
    title = gettext_lazy("Penilaian kinerja pegawai (rating hasil dan perilaku per periode)")
    description = gettext_lazy(
        "Satu baris per pegawai dan periode. Predikat dihitung dari kuadran set aturan yang "
        "berlaku; tidak memerlukan SKP (riwayat). Baris yang sama dengan yang tersimpan tidak "
        "mengubah apa pun. Setelah impor, setiap kelompok kurva yang berubah ditetapkan bila "
        "distribusinya sesuai kurva; bila tidak, kelompok tetap draf dan hasil impor menyebut "
        "alasannya."
    )
    columns = (
        Column(
            "nip",
            True,
            gettext_lazy("NIP pegawai, disimpan sebagai teks."),
            "199001012015031001",
            text=True,
        ),
        Column("tahun", True, gettext_lazy("Tahun kinerja, 2000 sampai 2100."), 2026),
        Column(
            "periode",
            True,
            gettext_lazy("TW1 sampai TW4, B01 sampai B12, atau TAHUNAN (sesuai pembagian tahun)."),
            "TW1",
        ),
        Column(
            "rating_hasil",
            True,
            gettext_lazy("Rating hasil kerja: DI_ATAS, SESUAI atau DI_BAWAH."),
            "SESUAI",
        ),
        Column(
            "rating_perilaku",
            True,
            gettext_lazy("Rating perilaku kerja: DI_ATAS, SESUAI atau DI_BAWAH."),
            "DI_ATAS",
        ),
        Column(
            "catatan",
            False,
            gettext_lazy(
                "Catatan dan rekomendasi (boleh kosong). Tanpa kolom ini, catatan yang tersimpan "
                "tidak diubah."
            ),
            "",
        ),
    )

    # --- Validation ---------------------------------------------------------------------

    def validate(self, table: Table | None, context: ImportContext) -> None:
        if table is None:
            return
        shared = Bersama.of(context)
        plan = PenilaianPlan()
        context.shared[PLAN_KEY] = plan
        errors_before = len(context.errors)
        has_notes = "catatan" in table.present
        rows: list[PenilaianRow] = []
        for row in table.rows:
            rows.append(self._parse_row(RowCells(context, self.name, row), has_notes))
            if len(rows) % PROGRESS_STEP == 0:
                context.progress.advance(PROGRESS_STEP)
        context.progress.advance(len(rows) % PROGRESS_STEP)
        employees = self._employees(context)
        shared.periods.load(row.tahun for row in rows if row.tahun is not None)
        self._collect(rows, employees, shared, plan, context)
        periode_ids = {spec.periode.id for spec in plan.rows.values() if spec.periode.id}
        shared.load(periode_ids)
        stored = _stored(periode_ids)
        self._plan(plan, employees, stored, shared, context)
        count_new_years(context, shared.periods)
        if len(context.errors) > errors_before:
            plan.created.clear()
            plan.changed.clear()

    def _employees(self, context: ImportContext) -> Employees:
        sheet_people: PegawaiPlan | None = context.shared.get(PEGAWAI_PLAN_KEY)
        skp_plan: SkpPlan | None = context.shared.get(SKP_PLAN_KEY)
        if sheet_people is not None:
            existing = sheet_people.existing
        elif skp_plan is not None:
            existing = skp_plan.people.existing
        else:
            existing = selectors.pegawai_by_nip()
        return Employees(existing=existing, sheet=sheet_people)

    def _parse_row(self, cells: RowCells, has_notes: bool) -> PenilaianRow:
        nip = cell_required(cells, "nip", rules.cell_nip)
        tahun = cell_tahun(cells)
        periode = cell_required(cells, "periode", cell_periode)
        ratings = []
        for column in ("rating_hasil", "rating_perilaku"):
            value = cells.value(column, lambda cell: rules.cell_enum(cell, Rating))
            if value is None and column not in cells.bad:
                cells.error(column, _("Wajib diisi."))
            ratings.append(value)
        catatan = cells.text("catatan") if has_notes else None
        return PenilaianRow(cells.number, nip, tahun, periode, ratings[0], ratings[1], catatan)

    def _collect(
        self,
        rows: list[PenilaianRow],
        employees: Employees,
        shared: Bersama,
        plan: PenilaianPlan,
        context: ImportContext,
    ) -> None:
        """Resolve each row's employee and period; refuse repeated rows, unknown employees and
        employees outside the importer's units."""
        tree = shared.tree
        kode_of = shared.kode_of_id()
        for row in rows:
            if not row.nip or row.tahun is None or not row.periode:
                continue
            if row.hasil is None or row.perilaku is None:
                continue

            def report(column: str, reason: str, number: int = row.number) -> None:
                context.error(self.name, number, column, reason)

            key = (row.nip, row.tahun, row.periode)
            first = plan.rows.get(key)
            if first is not None:
                report(
                    "nip",
                    _(
                        "NIP %(nip)s periode %(periode)s %(tahun)s muncul dua kali: baris "
                        "%(first)d dan %(second)d."
                    )
                    % {
                        "nip": row.nip,
                        "periode": row.periode,
                        "tahun": row.tahun,
                        "first": first.number,
                        "second": row.number,
                    },
                )
                continue
            record = employees.existing.get(row.nip)
            in_sheet = employees.sheet is not None and row.nip in employees.sheet.rows
            if record is None and not in_sheet:
                report(
                    "nip",
                    _(
                        "Pegawai dengan NIP %(nip)s tidak ada, baik di sheet pegawai maupun di "
                        "basis data."
                    )
                    % {"nip": row.nip},
                )
                continue
            after = employees.unit_kode_after(row.nip, kode_of)
            if context.restricted:
                now = kode_of.get(record.unit_id, "") if record else ""
                problem = tree.employee_outside_error(after, now)
                if problem:
                    report("nip", problem)
                    continue
            found = shared.periods.find(
                row.tahun, row.periode, lambda reason: report("periode", reason)
            )
            if found is None:
                continue
            plan.rows[key] = PenilaianSpec(
                row.number, row.nip, found, row.hasil, row.perilaku, row.catatan, after
            )

    def _plan(
        self,
        plan: PenilaianPlan,
        employees: Employees,
        stored: dict[tuple[int, int], StoredPenilaian],
        shared: Bersama,
        context: ImportContext,
    ) -> None:
        """Compare each row with the stored assessment; check what a change needs."""
        unchanged = 0
        for key, spec in plan.rows.items():
            record = employees.existing.get(spec.nip)
            current = (
                stored.get((record.id, spec.periode.id)) if record and spec.periode.id else None
            )
            catatan = _notes(spec.catatan, current)
            if current is not None and (
                current.rating_hasil,
                current.rating_perilaku,
                current.catatan,
            ) == (spec.hasil.value, spec.perilaku.value, catatan):
                unchanged += 1
                continue
            problem = shared.periods.write_error(
                spec.periode, lambda status: penilaian_rules.rating_edit_error(status, None)
            ) or shared.rule_error(spec.unit_kode, spec.periode.selesai)
            if problem:
                context.error(self.name, spec.number, "periode", problem)
                continue
            for penetapan_id, unit_kode in self._groups_to_reopen(spec, current, shared):
                problem = shared.reopen_error(penetapan_id, unit_kode, spec.periode)
                if problem:
                    context.error(self.name, spec.number, "nip", problem)
            (plan.changed if current is not None else plan.created).append(key)
        context.counts[self.name] = SheetCounts(
            created=len(plan.created), updated=len(plan.changed), unchanged=unchanged
        )

    def _groups_to_reopen(
        self, spec: PenilaianSpec, current: StoredPenilaian | None, shared: Bersama
    ) -> list[tuple[int, str]]:
        """The finalised groups the change reopens: the one that finalised the assessment, and
        the employee's group after the import."""
        periode_id = spec.periode.id
        if periode_id is None:
            return []
        found: dict[int, str] = {}
        if current is not None and current.penetapan_id in shared.unit_of_penetapan:
            found[current.penetapan_id] = shared.penetapan_kode(current.penetapan_id)
        group = shared.group_after(spec.unit_kode, spec.periode)
        group_id = shared.unit_id(group) if group else None
        penetapan_id = shared.final.get((group_id, periode_id)) if group_id else None
        if group and penetapan_id is not None:
            found[penetapan_id] = group
        return sorted(found.items())

    def write_count(self, context: ImportContext) -> int:
        plan: PenilaianPlan | None = context.shared.get(PLAN_KEY)
        return len(plan.created) + len(plan.changed) if plan else 0

    # --- Writing ------------------------------------------------------------------------

    def write(self, context: ImportContext) -> None:
        """Write the changed assessments, then settle every group touched by both sheets."""
        shared: Bersama | None = context.shared.get(SHARED_KEY)
        if shared is None:
            return
        shared.prepare(context)
        plan: PenilaianPlan | None = context.shared.get(PLAN_KEY)
        keys = [*plan.created, *plan.changed] if plan else []
        if plan is not None and keys:
            self._write_rows(plan, keys, shared, context)
        settle(context, shared)

    def _write_rows(
        self, plan: PenilaianPlan, keys: list[Key], shared: Bersama, context: ImportContext
    ) -> None:
        people = _employees_by_nip(plan.rows[key].nip for key in keys)
        periods = [shared.periods.ids[plan.rows[key].periode.key] for key in keys]
        groups = _Groups.read({periode.pk for periode in periods})
        note = _("Impor data, berlaku mulai %(date)s.") % {
            "date": context.berlaku_mulai.isoformat()
        }
        for key, periode in zip(keys, periods, strict=True):
            spec = plan.rows[key]
            pegawai = people[spec.nip]
            try:
                change = self._write_one(context, shared, groups, pegawai, periode, spec)
            except ValidationError as error:
                raise rejected_by(self.name, spec.number, "nip", error) from None
            if change is not None:
                assessment, before = change
                after = _state(assessment)
                old, new = changed_values(before, after) if before else (None, after)
                context.perubahan.append(
                    Perubahan(
                        aksi="penilaian.import",
                        objek_tipe=OBJECT_TYPE,
                        objek_id=str(assessment.pk),
                        objek_label=(
                            f"{pegawai.nama} ({pegawai.nip}) \N{EM DASH} {spec.periode.label()}"
                        ),
                        sebelum=old,
                        sesudah=new,
                        keterangan=note,
                    )
                )
            context.progress.advance(1)

    def _write_one(
        self,
        context: ImportContext,
        shared: Bersama,
        groups: _Groups,
        pegawai: Pegawai,
        periode: Periode,
        spec: PenilaianSpec,
    ) -> tuple[Penilaian, dict[str, str] | None] | None:
        current = (
            Penilaian.objects.filter(pegawai=pegawai, periode=periode)
            .select_related("penetapan")
            .first()
        )
        if current is not None and current.penetapan is not None:
            shared.reopen(context, current.penetapan)
        group = groups.group_of(pegawai.unit.jalur, periode.pk)
        if group is not None:
            penetapan = groups.final.get(group)
            if penetapan is not None:
                shared.reopen(context, penetapan)
        assessment, changed = penilaian_services.penilaian_import(
            aktor=context.aktor,
            pegawai=pegawai,
            periode=periode,
            rating_hasil=spec.hasil,
            rating_perilaku=spec.perilaku,
            catatan=spec.catatan
            if spec.catatan is not None
            else (current.catatan if current else ""),
        )
        if not changed:
            return None
        if group is not None:
            shared.touched.add(group)
        return assessment, _state(current) if current is not None else None


# --- Helpers -----------------------------------------------------------------------------------


def _notes(catatan: str | None, current: StoredPenilaian | None) -> str:
    """The notes after the import: the sheet's, or the stored ones without the column."""
    if catatan is not None:
        return catatan.strip()
    return current.catatan if current is not None else ""


def _stored(periode_ids: set[int]) -> dict[tuple[int, int], StoredPenilaian]:
    """The stored assessments of the sheet's periods, by (pegawai id, periode id) (one query)."""
    rows = Penilaian.objects.filter(periode_id__in=sorted(periode_ids)).values_list(
        "pegawai_id",
        "periode_id",
        "rating_hasil",
        "rating_perilaku",
        "catatan",
        "penetapan_id",
    )
    return {
        (pegawai_id, periode_id): StoredPenilaian(hasil, perilaku, catatan, penetapan_id)
        for pegawai_id, periode_id, hasil, perilaku, catatan, penetapan_id in rows
    }


def _state(penilaian: Penilaian) -> dict[str, str]:
    return {
        "rating_hasil": penilaian.rating_hasil,
        "rating_perilaku": penilaian.rating_perilaku,
        "predikat": penilaian.predikat,
        "catatan": penilaian.catatan,
    }


def _employees_by_nip(nips: Iterable[str]) -> dict[str, Pegawai]:
    wanted = sorted(set(nips))
    found: dict[str, Pegawai] = {}
    for start in range(0, len(wanted), BATCH_SIZE):
        for pegawai in Pegawai.objects.filter(
            nip__in=wanted[start : start + BATCH_SIZE]
        ).select_related("unit"):
            found[pegawai.nip] = pegawai
    return found


@dataclass
class _Groups:
    """The curve groups of the periods written (after the organisation ratings are written):
    the rated units' paths and the finalised groups."""

    rated: dict[int, dict[str, int]]
    """Periode id -> rated unit path -> unit id."""
    final: dict[GroupKey, Penetapan]

    @classmethod
    def read(cls, periode_ids: set[int]) -> _Groups:
        rated: dict[int, dict[str, int]] = {}
        for periode_id, unit_id, jalur in KinerjaOrganisasi.objects.filter(
            periode_id__in=sorted(periode_ids)
        ).values_list("periode_id", "unit_id", "unit__jalur"):
            rated.setdefault(periode_id, {})[jalur] = unit_id
        final = {
            (item.unit_id, item.periode_id): item
            for item in Penetapan.objects.filter(
                periode_id__in=sorted(periode_ids), status=StatusPenetapan.DITETAPKAN
            )
        }
        return cls(rated, final)

    def group_of(self, jalur: str, periode_id: int) -> GroupKey | None:
        paths = self.rated.get(periode_id, {})
        found = aturan_rules.curve_groups(paths, [(0, jalur)])
        path = next(iter(found))
        return (paths[path], periode_id) if path is not None else None


def settle(context: ImportContext, shared: Bersama) -> None:
    """Settle every group touched and not finalised now: finalise it when it complies; name the
    groups left as drafts, and why, in the import's notes."""
    if not shared.touched:
        return
    units = Unit.objects.in_bulk(sorted({unit_id for unit_id, _periode in shared.touched}))
    periods = Periode.objects.select_related("tahun").in_bulk(
        sorted({periode_id for _unit, periode_id in shared.touched})
    )
    final_now = set(
        Penetapan.objects.filter(
            unit_id__in=list(units), periode_id__in=list(periods), status=StatusPenetapan.DITETAPKAN
        ).values_list("unit_id", "periode_id")
    )
    order = sorted(
        shared.touched,
        key=lambda key: (periods[key[1]].tahun.tahun, periods[key[1]].urutan, units[key[0]].jalur),
    )
    finalised = 0
    for unit_id, periode_id in order:
        if (unit_id, periode_id) in final_now:
            continue  # untouched by this import's changes
        unit, periode = units[unit_id], periods[periode_id]
        where = {"unit": unit.nama, "periode": f"{periode.nama} {periode.tahun.tahun}"}
        if context.scope is not None and not context.scope.manages_path(unit.jalur):
            reasons = [
                _(
                    "Kelompok ini di luar unit yang Anda kelola; penetapannya dilakukan oleh "
                    "pengelola unit tersebut."
                )
            ]
        else:
            try:
                reasons = penilaian_services.penetapan_settle(
                    aktor=context.aktor, unit=unit, periode=periode, alasan=reopen_reason(context)
                )
            except aturan_rules.RuleError as error:
                reasons = [str(error)]
            except ValidationError as error:
                reasons = list(error.messages)
        if reasons:
            context.catatan.append(
                _("Kelompok %(unit)s %(periode)s: tetap draf — %(alasan)s")
                % {**where, "alasan": " ".join(reasons)}
            )
        else:
            finalised += 1
    if finalised:
        context.extra["kelompok_ditetapkan"] = finalised


HANDLER = PenilaianSheet()
