"""The `unit` sheet: organisation units by `kode`, each with its parent (`induk_kode`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.audit.services import Perubahan
from kinerja.organisasi import rules as organisasi_rules
from kinerja.organisasi.access import Lingkup
from kinerja.organisasi.models import Unit
from kinerja.pertukaran import rules, selectors
from kinerja.pertukaran.selectors import UnitRecord
from kinerja.pertukaran.sheets.base import (
    Column,
    ImportContext,
    RowCells,
    SheetCounts,
    SheetHandler,
    Table,
)

KODE_MAX_LENGTH = 50
NAMA_MAX_LENGTH = 255
BATCH_SIZE = 500
TREE_KEY = "unit_tree"
OBJECT_TYPE = "organisasi.unit"


@dataclass
class UnitRow:
    number: int
    kode: str
    nama: str
    induk_kode: str | None


@dataclass
class UnitTree:
    """The unit tree as it will be after the import, by kode; later sheets read it."""

    existing: dict[str, UnitRecord]
    original_parent_of: dict[str, str | None]
    parent_of: dict[str, str | None]
    scope: Lingkup | None
    rows: dict[str, UnitRow] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    created: list[str] = field(default_factory=list)
    changes: dict[str, tuple[dict[str, object], dict[str, object]]] = field(default_factory=dict)
    _managed: dict[str, bool] = field(default_factory=dict)

    def known(self, kode: str) -> bool:
        return kode in self.parent_of

    def managed(self, kode: str) -> bool:
        """The unit lies, after the import, inside a subtree the actor manages."""
        if self.scope is None or self.scope.is_superuser:
            return True
        if kode in self._managed:
            return self._managed[kode]
        roots = set(self.scope.admin_paths)
        walked: list[str] = []
        node: str | None = kode
        answer = False
        while node is not None and node not in walked:
            if node in self._managed:
                answer = self._managed[node]
                break
            walked.append(node)
            record = self.existing.get(node)
            if record is not None and record.jalur in roots:
                answer = True
                break
            node = self.parent_of.get(node)
        for member in walked:
            self._managed[member] = answer
        return answer

    def currently_managed(self, kode: str) -> bool:
        """An existing unit lies today inside a managed subtree (a new unit: True)."""
        record = self.existing.get(kode)
        if record is None or self.scope is None:
            return True
        return self.scope.manages_path(record.jalur)

    def employee_outside_error(self, after: str, now: str) -> str | None:
        """Why an employee's row is out of the importer's scope: the unit they will work in,
        else the unit they work in now, is not one the importer manages (None: in scope)."""
        outside = after if not self.managed(after) else None
        if outside is None and not self.currently_managed(now):
            outside = now
        if outside is None:
            return None
        return _("Pegawai ini bekerja di unit %(unit)s, di luar unit yang Anda kelola.") % {
            "unit": self.label(outside)
        }

    def label(self, kode: str) -> str:
        row = self.rows.get(kode)
        if row is not None:
            return f"{kode} \N{EN DASH} {row.nama}"
        record = self.existing.get(kode)
        return f"{kode} \N{EN DASH} {record.nama}" if record else kode


class UnitSheet(SheetHandler):
    name = "unit"
    title = gettext_lazy("Unit organisasi")
    description = gettext_lazy(
        "Satu baris per unit. Unit dicocokkan dengan kodenya: kode yang sudah ada diperbarui, "
        "kode baru dibuat. Unit yang tidak tercantum tidak diubah."
    )
    columns = (
        Column("kode", True, gettext_lazy("Kode unit, unik (paling banyak 50 karakter)."), "BU"),
        Column("nama", True, gettext_lazy("Nama unit."), "Biro Umum"),
        Column(
            "induk_kode",
            False,
            gettext_lazy(
                "Kode unit induk, dari sheet ini atau yang sudah ada; kosong untuk unit puncak. "
                "Tanpa kolom ini, induk unit yang sudah ada tidak diubah."
            ),
            "SET",
        ),
    )

    def validate(self, table: Table | None, context: ImportContext) -> None:
        existing = selectors.units_by_kode()
        parent_by_id = {record.id: record.kode for record in existing.values()}
        original = {
            kode: parent_by_id.get(record.induk_id) if record.induk_id else None
            for kode, record in existing.items()
        }
        tree = UnitTree(
            existing=existing,
            original_parent_of=original,
            parent_of=dict(original),
            scope=context.scope,
        )
        context.shared[TREE_KEY] = tree
        if table is None:
            return
        rows = self._parse_rows(table, context)
        for row in rows:
            tree.rows[row.kode] = row
            tree.parent_of[row.kode] = row.induk_kode
        self._check_parents(rows, tree, context)
        self._check_scope(rows, tree, context)
        self._plan(tree, context)
        context.progress.advance(len(table.rows))

    def _plan(self, tree: UnitTree, context: ImportContext) -> None:
        """What the import will do: new units, and the changed fields of existing ones."""
        for kode, row in tree.rows.items():
            if kode not in tree.existing:
                tree.created.append(kode)
                continue
            before: dict[str, object] = {}
            after: dict[str, object] = {}
            if tree.existing[kode].nama != row.nama:
                before["nama"], after["nama"] = tree.existing[kode].nama, row.nama
            current_parent = tree.original_parent_of.get(kode)
            if current_parent != row.induk_kode:
                before["induk_kode"], after["induk_kode"] = current_parent, row.induk_kode
            if after:
                tree.changes[kode] = (before, after)
        context.counts[self.name] = SheetCounts(
            created=len(tree.created),
            updated=len(tree.changes),
            unchanged=len(tree.rows) - len(tree.created) - len(tree.changes),
        )

    def write_count(self, context: ImportContext) -> int:
        tree: UnitTree = context.shared[TREE_KEY]
        return len(tree.created) + len(tree.changes)

    def _parse_rows(self, table: Table, context: ImportContext) -> list[UnitRow]:
        seen: dict[str, int] = {}
        rows: list[UnitRow] = []
        has_parent_column = "induk_kode" in table.present
        for row in table.rows:
            cells = RowCells(context, self.name, row)
            kode = cells.text("kode", required=True, max_length=KODE_MAX_LENGTH)
            nama = cells.text("nama", required=True, max_length=NAMA_MAX_LENGTH)
            induk = cells.text("induk_kode", max_length=KODE_MAX_LENGTH) or None
            if not kode:
                continue
            if kode in seen:
                cells.error(
                    "kode",
                    _("Kode unit '%(kode)s' muncul dua kali: baris %(first)d dan %(second)d.")
                    % {"kode": kode, "first": seen[kode], "second": row.number},
                )
                continue
            seen[kode] = row.number
            if not has_parent_column or "induk_kode" in cells.bad:
                induk = context.shared[TREE_KEY].original_parent_of.get(kode)
            rows.append(UnitRow(row.number, kode, nama, induk))
        return rows

    def _check_parents(self, rows: list[UnitRow], tree: UnitTree, context: ImportContext) -> None:
        in_cycle_of_one: set[str] = set()
        for row in rows:
            if row.induk_kode is None:
                continue
            if row.induk_kode == row.kode:
                in_cycle_of_one.add(row.kode)
                context.error(
                    self.name,
                    row.number,
                    "induk_kode",
                    _("Unit tidak boleh menjadi induk dirinya sendiri."),
                )
            elif not tree.known(row.induk_kode):
                context.error(
                    self.name,
                    row.number,
                    "induk_kode",
                    _("Unit induk '%(kode)s' tidak ada, baik di sheet unit maupun di basis data.")
                    % {"kode": row.induk_kode},
                )
        for cycle in rules.find_cycles(tree.parent_of):
            if len(cycle) == 1 and cycle[0] in in_cycle_of_one:
                continue
            text = rules.cycle_text(cycle)
            for kode in cycle:
                if kode in tree.rows:
                    context.error(
                        self.name,
                        tree.rows[kode].number,
                        "induk_kode",
                        _("Unit membentuk siklus induk: %(cycle)s.") % {"cycle": text},
                    )

    def _check_scope(self, rows: list[UnitRow], tree: UnitTree, context: ImportContext) -> None:
        if not context.restricted:
            return
        for row in rows:
            record = tree.existing.get(row.kode)
            moved = record is None or row.induk_kode != tree.original_parent_of.get(row.kode)
            parent_managed = row.induk_kode is not None and tree.managed(row.induk_kode)
            allowed = tree.currently_managed(row.kode) and tree.managed(row.kode)
            if moved and not parent_managed:
                allowed = False
            if not allowed:
                context.error(
                    self.name,
                    row.number,
                    "kode",
                    _("Unit %(unit)s berada di luar unit yang Anda kelola.")
                    % {"unit": tree.label(row.kode)},
                )

    # --- Writing ------------------------------------------------------------------------

    def write(self, context: ImportContext) -> None:
        tree: UnitTree = context.shared[TREE_KEY]
        tree.ids = {kode: record.id for kode, record in tree.existing.items()}
        if not tree.created and not tree.changes:
            return
        self._create(tree, context)
        self._update(tree, context)
        self._recompute_paths(tree)
        note = _impor_note(context)
        for kode in tree.created:
            row = tree.rows[kode]
            context.perubahan.append(
                Perubahan(
                    aksi="unit.create",
                    objek_tipe=OBJECT_TYPE,
                    objek_id=str(tree.ids[kode]),
                    objek_label=f"{kode} \N{EN DASH} {row.nama}",
                    sesudah={"kode": kode, "nama": row.nama, "induk_kode": row.induk_kode},
                    keterangan=note,
                )
            )
        for kode, (before, after) in tree.changes.items():
            context.perubahan.append(
                Perubahan(
                    aksi="unit.update",
                    objek_tipe=OBJECT_TYPE,
                    objek_id=str(tree.ids[kode]),
                    objek_label=f"{kode} \N{EN DASH} {tree.rows[kode].nama}",
                    sebelum=before,
                    sesudah=after,
                    keterangan=note,
                )
            )

    def _create(self, tree: UnitTree, context: ImportContext) -> None:
        for level in rules.depth_order(tree.parent_of, tree.created):
            units = []
            for kode in level:
                row = tree.rows[kode]
                parent_id = tree.ids[row.induk_kode] if row.induk_kode else None
                units.append(Unit(kode=kode, nama=row.nama, induk_id=parent_id, jalur=""))
            Unit.objects.bulk_create(units, batch_size=BATCH_SIZE)
            for unit in units:
                tree.ids[unit.kode] = unit.pk
            context.progress.advance(len(units))

    def _update(self, tree: UnitTree, context: ImportContext) -> None:
        units = []
        for kode in tree.changes:
            row = tree.rows[kode]
            parent_id = tree.ids[row.induk_kode] if row.induk_kode else None
            units.append(
                Unit(pk=tree.existing[kode].id, kode=kode, nama=row.nama, induk_id=parent_id)
            )
        Unit.objects.bulk_update(units, ["nama", "induk"], batch_size=BATCH_SIZE)
        context.progress.advance(len(units))

    def _recompute_paths(self, tree: UnitTree) -> None:
        """Recompute `jalur` and `kedalaman` of every unit whose place changed (and its
        subtree), parents first."""
        stored = {record.id: record.jalur for record in tree.existing.values()}
        parent_id_of = {
            tree.ids[kode]: (tree.ids[parent] if parent else None)
            for kode, parent in tree.parent_of.items()
        }
        paths: dict[int, str] = {}

        def path_of(unit_id: int) -> str:
            chain: list[int] = []
            node: int | None = unit_id
            while node is not None and node not in paths:
                chain.append(node)
                node = parent_id_of.get(node)
            parent_path = paths[node] if node is not None else None
            for member in reversed(chain):
                parent_path = organisasi_rules.unit_path(parent_path, member)
                paths[member] = parent_path
            return paths[unit_id]

        changed = []
        for unit_id in parent_id_of:
            jalur = path_of(unit_id)
            if stored.get(unit_id) != jalur:
                changed.append(
                    Unit(pk=unit_id, jalur=jalur, kedalaman=organisasi_rules.unit_depth(jalur))
                )
        Unit.objects.bulk_update(changed, ["jalur", "kedalaman"], batch_size=BATCH_SIZE)


def _impor_note(context: ImportContext) -> str:
    return _("Impor data, berlaku mulai %(date)s.") % {"date": context.berlaku_mulai.isoformat()}


HANDLER = UnitSheet()
