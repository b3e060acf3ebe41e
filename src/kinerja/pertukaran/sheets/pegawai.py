"""The `pegawai` sheet: employees by NIP with unit, position, status, rank, appraiser, exclusion.

A column left out of the sheet keeps the stored value of existing employees (and the default for
new ones); a column that is present is the truth, an empty cell included.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.audit.services import Perubahan
from kinerja.organisasi import rules as organisasi_rules
from kinerja.organisasi.enums import JenisJabatan, JenisPengecualian, Jenjang, StatusKepegawaian
from kinerja.organisasi.models import Jabatan, Pegawai, Pengecualian, RiwayatJabatan, RiwayatPenilai
from kinerja.organisasi.rules import JabatanKey
from kinerja.pertukaran import bulk, rules, selectors
from kinerja.pertukaran.selectors import JabatanRecord, OpenHistory, PegawaiRecord
from kinerja.pertukaran.sheets.base import (
    Column,
    ImportContext,
    RowCells,
    SheetCounts,
    SheetHandler,
    Table,
)
from kinerja.pertukaran.sheets.unit import TREE_KEY, UnitTree

NAMA_MAX_LENGTH = 200
JABATAN_MAX_LENGTH = 255
BATCH_SIZE = 1000
PROGRESS_STEP = 1000
PLAN_KEY = "pegawai_plan"
OBJECT_PEGAWAI = "organisasi.pegawai"
OBJECT_JABATAN = "organisasi.jabatan"
OBJECT_PENGECUALIAN = "organisasi.pengecualian"
KEEP = object()
"""`keterangan` when its column is absent: the open exclusions are left as they are."""


@dataclass
class JabatanSpec:
    nama: str
    jenis_jabatan: str
    jenjang: str
    kelas_jabatan: int | None

    @property
    def key(self) -> JabatanKey:
        return organisasi_rules.jabatan_key(
            self.nama, self.jenis_jabatan, self.jenjang, self.kelas_jabatan
        )

    def label(self) -> str:
        parts = [self.jenis_jabatan]
        if self.jenjang:
            parts.append(self.jenjang)
        if self.kelas_jabatan is not None:
            parts.append(_("kelas %(kelas)d") % {"kelas": self.kelas_jabatan})
        return f"{self.nama} ({', '.join(parts)})"


@dataclass
class PegawaiRow:
    """The state an employee will have after the import (sheet values over stored ones)."""

    number: int
    nip: str
    nama: str
    unit_kode: str
    jabatan: JabatanSpec
    status: str
    golongan: str
    atasan_nip: str | None
    aktif: bool
    keterangan: Any
    nip_valid: bool = True


@dataclass
class PegawaiPlan:
    existing: dict[str, PegawaiRecord]
    rows: dict[str, PegawaiRow] = field(default_factory=dict)
    created: list[str] = field(default_factory=list)
    changes: dict[str, tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=dict)
    exclusions_closed: dict[str, list[OpenHistory]] = field(default_factory=dict)
    exclusions_opened: dict[str, str] = field(default_factory=dict)
    new_jabatan: dict[JabatanKey, JabatanSpec] = field(default_factory=dict)
    jabatan_ids: dict[JabatanKey, int] = field(default_factory=dict)
    penilai_history: dict[int, OpenHistory] = field(default_factory=dict)
    jabatan_history: dict[int, OpenHistory] = field(default_factory=dict)


class PegawaiSheet(SheetHandler):
    name = "pegawai"
    title = gettext_lazy("Pegawai")
    description = gettext_lazy(
        "Satu baris per pegawai. Pegawai dicocokkan dengan NIP: NIP yang sudah ada diperbarui, "
        "NIP baru dibuat. Kolom yang tidak disertakan tidak mengubah data pegawai yang sudah ada."
    )
    columns = (
        Column(
            "nip",
            True,
            gettext_lazy("NIP 18 digit, disimpan sebagai teks."),
            "199001012015031001",
            text=True,
        ),
        Column(
            "nama", True, gettext_lazy("Nama lengkap (paling banyak 200 karakter)."), "Siti Aminah"
        ),
        Column(
            "unit_kode", True, gettext_lazy("Kode unit, dari sheet unit atau yang sudah ada."), "BU"
        ),
        Column("jabatan", True, gettext_lazy("Nama jabatan."), "Analis Sumber Daya Manusia"),
        Column(
            "jenis_jabatan",
            True,
            gettext_lazy("JPT, ADMINISTRATOR, PENGAWAS, PELAKSANA atau FUNGSIONAL."),
            "FUNGSIONAL",
        ),
        Column(
            "jenjang",
            False,
            gettext_lazy(
                "Wajib untuk FUNGSIONAL dan hanya untuk itu: AHLI_PERTAMA, AHLI_MUDA, "
                "AHLI_MADYA, AHLI_UTAMA, PEMULA, TERAMPIL, MAHIR, PENYELIA."
            ),
            "AHLI_PERTAMA",
        ),
        Column("kelas_jabatan", False, gettext_lazy("Kelas jabatan, 1 sampai 17."), 9),
        Column("status", False, gettext_lazy("PNS atau PPPK; kosong berarti PNS."), "PNS"),
        Column(
            "golongan",
            False,
            gettext_lazy("PNS: I/a sampai IV/e; PPPK: I sampai XVII. Boleh kosong."),
            "III/a",
        ),
        Column(
            "atasan_nip",
            False,
            gettext_lazy(
                "NIP pejabat penilai (dari sheet ini atau yang sudah ada); kosong "
                "berarti tanpa penilai."
            ),
            "198501012010011002",
            text=True,
        ),
        Column("aktif", False, gettext_lazy("YA atau TIDAK; kosong berarti YA."), "YA"),
        Column(
            "keterangan",
            False,
            gettext_lazy(
                "Pengecualian yang sedang berlaku: PENSIUN, MUTASI, CUTI_BESAR, "
                "CUTI_DI_LUAR_TANGGUNGAN_NEGARA, HUKUMAN_DISIPLIN, TUGAS_BELAJAR, "
                "DIBERHENTIKAN_SEMENTARA, MENINGGAL_DUNIA, BERHENTI; kosong berarti "
                "tidak ada (pengecualian yang terbuka ditutup)."
            ),
            "",
        ),
    )

    # --- Validation ---------------------------------------------------------------------

    def validate(self, table: Table | None, context: ImportContext) -> None:
        if table is None:
            return
        tree: UnitTree = context.shared[TREE_KEY]
        plan = PegawaiPlan(existing=selectors.pegawai_by_nip())
        context.shared[PLAN_KEY] = plan
        jabatan_of_id = selectors.jabatan_by_id()
        unit_kode_of_id = {record.id: kode for kode, record in tree.existing.items()}
        nip_of_id = {record.id: nip for nip, record in plan.existing.items()}
        errors_before = len(context.errors)
        parsed_rows: list[PegawaiRow] = []
        for row in table.rows:
            parsed = self._parse_row(
                RowCells(context, self.name, row), table, plan, jabatan_of_id, nip_of_id
            )
            parsed_rows.append(parsed)
            if len(parsed_rows) % PROGRESS_STEP == 0:
                context.progress.advance(PROGRESS_STEP)
            if not parsed.nip_valid:
                continue
            first = plan.rows.get(parsed.nip)
            if first is not None:
                context.error(
                    self.name,
                    row.number,
                    "nip",
                    _("NIP %(nip)s muncul dua kali: baris %(first)d dan %(second)d.")
                    % {"nip": parsed.nip, "first": first.number, "second": row.number},
                )
                continue
            plan.rows[parsed.nip] = parsed
        self._check_references(parsed_rows, plan, tree, context)
        self._check_scope(parsed_rows, plan, tree, unit_kode_of_id, context)
        self._check_cycles(plan, nip_of_id, context)
        context.progress.advance(len(table.rows) % PROGRESS_STEP)
        if len(context.errors) == errors_before:
            self._plan(plan, tree, jabatan_of_id, unit_kode_of_id, nip_of_id, context)

    def _parse_row(
        self,
        cells: RowCells,
        table: Table,
        plan: PegawaiPlan,
        jabatan_of_id: dict[int, JabatanRecord],
        nip_of_id: dict[int, str],
    ) -> PegawaiRow:
        present = table.present
        nip = cells.value("nip", rules.cell_nip) or ""
        if "nip" not in cells.bad:
            if not nip:
                cells.error("nip", _("Wajib diisi."))
            else:
                reason = organisasi_rules.nip_error(nip)
                if reason:
                    cells.error("nip", reason)
        nama = cells.text("nama", required=True, max_length=NAMA_MAX_LENGTH)
        unit_kode = cells.text("unit_kode", required=True, max_length=50)
        jabatan_nama = organisasi_rules.jabatan_name(
            cells.text("jabatan", required=True, max_length=JABATAN_MAX_LENGTH)
        )
        existing = plan.existing.get(nip)
        stored_jabatan = jabatan_of_id.get(existing.jabatan_id) if existing else None

        jenis = cells.value("jenis_jabatan", lambda value: rules.cell_enum(value, JenisJabatan))
        if jenis is None and "jenis_jabatan" not in cells.bad:
            cells.error("jenis_jabatan", _("Wajib diisi."))
        if "jenjang" in present:
            jenjang_member = cells.value("jenjang", lambda value: rules.cell_enum(value, Jenjang))
            jenjang = jenjang_member.value if jenjang_member else ""
        else:
            jenjang = stored_jabatan.jenjang if stored_jabatan else ""
        if "kelas_jabatan" in present:
            kelas = cells.value("kelas_jabatan", rules.cell_integer)
        else:
            kelas = stored_jabatan.kelas_jabatan if stored_jabatan else None
        if jenis is not None:
            for column, reason in organisasi_rules.position_errors(
                jenis.value, jenjang, kelas
            ).items():
                if column not in cells.bad:
                    cells.error(column, reason)

        if "status" in present:
            member = cells.value("status", lambda value: rules.cell_enum(value, StatusKepegawaian))
            status = member.value if member else StatusKepegawaian.PNS.value
        else:
            status = existing.status_kepegawaian if existing else StatusKepegawaian.PNS.value
        if "golongan" in present:
            golongan = rules.normalise_golongan(cells.text("golongan"))
        else:
            golongan = existing.golongan if existing else ""
        if "golongan" not in cells.bad and "status" not in cells.bad:
            reason = organisasi_rules.golongan_error(golongan, status)
            if reason:
                cells.error("golongan", reason)

        if "atasan_nip" in present:
            atasan_nip = cells.value("atasan_nip", rules.cell_nip) or None
        else:
            atasan_nip = (
                nip_of_id.get(existing.penilai_id) if existing and existing.penilai_id else None
            )
        if atasan_nip and atasan_nip == nip:
            cells.error(
                "atasan_nip", _("Pegawai tidak boleh menjadi pejabat penilai dirinya sendiri.")
            )

        if "aktif" in present:
            aktif = cells.value("aktif", rules.cell_yes_no)
            aktif = True if aktif is None else aktif
        else:
            aktif = existing.aktif if existing else True
        keterangan: Any = KEEP
        if "keterangan" in present:
            exclusion = cells.value(
                "keterangan", lambda value: rules.cell_enum(value, JenisPengecualian)
            )
            keterangan = exclusion.value if exclusion else None
        return PegawaiRow(
            number=cells.number,
            nip=nip,
            nama=nama,
            unit_kode=unit_kode,
            jabatan=JabatanSpec(jabatan_nama, jenis.value if jenis else "", jenjang, kelas),
            status=status,
            golongan=golongan,
            atasan_nip=atasan_nip,
            aktif=aktif,
            keterangan=keterangan,
            nip_valid=bool(nip) and "nip" not in cells.bad,
        )

    def _check_references(
        self, rows: list[PegawaiRow], plan: PegawaiPlan, tree: UnitTree, context: ImportContext
    ) -> None:
        for row in rows:
            if row.unit_kode and not tree.known(row.unit_kode):
                context.error(
                    self.name,
                    row.number,
                    "unit_kode",
                    _("Unit '%(kode)s' tidak ada, baik di sheet unit maupun di basis data.")
                    % {"kode": row.unit_kode},
                )
            if (
                row.atasan_nip
                and row.atasan_nip != row.nip
                and not (row.atasan_nip in plan.rows or row.atasan_nip in plan.existing)
            ):
                context.error(
                    self.name,
                    row.number,
                    "atasan_nip",
                    _(
                        "Pejabat penilai dengan NIP %(nip)s tidak ada, baik di sheet pegawai "
                        "maupun di basis data."
                    )
                    % {"nip": row.atasan_nip},
                )

    def _check_scope(
        self,
        rows: list[PegawaiRow],
        plan: PegawaiPlan,
        tree: UnitTree,
        unit_kode_of_id: dict[int, str],
        context: ImportContext,
    ) -> None:
        if not context.restricted:
            return
        for row in rows:
            if row.unit_kode and tree.known(row.unit_kode) and not tree.managed(row.unit_kode):
                context.error(
                    self.name,
                    row.number,
                    "unit_kode",
                    _("Unit %(unit)s berada di luar unit yang Anda kelola.")
                    % {"unit": tree.label(row.unit_kode)},
                )
                continue
            existing = plan.existing.get(row.nip)
            if existing is None:
                continue
            current = unit_kode_of_id.get(existing.unit_id, "")
            if not tree.currently_managed(current):
                context.error(
                    self.name,
                    row.number,
                    "nip",
                    _(
                        "Pegawai ini sekarang bekerja di unit %(unit)s, di luar unit yang Anda "
                        "kelola."
                    )
                    % {"unit": tree.label(current)},
                )

    def _check_cycles(
        self, plan: PegawaiPlan, nip_of_id: dict[int, str], context: ImportContext
    ) -> None:
        appraiser_of: dict[str, str | None] = {
            nip: nip_of_id.get(record.penilai_id) if record.penilai_id else None
            for nip, record in plan.existing.items()
        }
        changes: dict[str, str | None] = {
            nip: None if row.atasan_nip == nip else row.atasan_nip for nip, row in plan.rows.items()
        }
        if organisasi_rules.chain_cycle(appraiser_of, changes) is None:
            return
        appraiser_of.update(changes)
        for cycle in rules.find_cycles(appraiser_of):
            text = rules.cycle_text(cycle)
            for nip in cycle:
                row = plan.rows.get(nip)
                if row is not None:
                    context.error(
                        self.name,
                        row.number,
                        "atasan_nip",
                        _("Rantai pejabat penilai membentuk siklus: %(cycle)s.") % {"cycle": text},
                    )

    # --- Planning -----------------------------------------------------------------------

    def _plan(
        self,
        plan: PegawaiPlan,
        tree: UnitTree,
        jabatan_of_id: dict[int, JabatanRecord],
        unit_kode_of_id: dict[int, str],
        nip_of_id: dict[int, str],
        context: ImportContext,
    ) -> None:
        """Compare each row with the stored employee: what to create, change, close and open."""
        jabatan_by_key = selectors.jabatan_by_key()
        plan.jabatan_ids = {key: record.id for key, record in jabatan_by_key.items()}
        stored_key_of = {
            record.id: organisasi_rules.jabatan_key(
                record.nama, record.jenis_jabatan, record.jenjang, record.kelas_jabatan
            )
            for record in jabatan_of_id.values()
        }
        exclusions: dict[int, list[OpenHistory]] | None = None
        for nip, row in plan.rows.items():
            key = row.jabatan.key
            if key not in plan.jabatan_ids and key not in plan.new_jabatan:
                plan.new_jabatan[key] = row.jabatan
            record = plan.existing.get(nip)
            if record is None:
                plan.created.append(nip)
                if row.keterangan not in (None, KEEP):
                    plan.exclusions_opened[nip] = row.keterangan
                continue
            before, after = _changed_fields(
                record, row, stored_key_of, jabatan_of_id, unit_kode_of_id, nip_of_id
            )
            if after:
                plan.changes[nip] = (before, after)
            if row.keterangan is not KEEP:
                if exclusions is None:
                    exclusions = selectors.open_exclusions()
                self._plan_exclusions(plan, row, exclusions.get(record.id, []), context)
        self._check_history_dates(plan, context)
        updated = (
            set(plan.changes)
            | set(plan.exclusions_closed)
            | {nip for nip in plan.exclusions_opened if nip in plan.existing}
        )
        context.counts[self.name] = SheetCounts(
            created=len(plan.created),
            updated=len(updated),
            unchanged=len(plan.rows) - len(plan.created) - len(updated),
        )
        if plan.new_jabatan:
            context.extra["jabatan_baru"] = len(plan.new_jabatan)

    def _plan_exclusions(
        self,
        plan: PegawaiPlan,
        row: PegawaiRow,
        open_rows: list[OpenHistory],
        context: ImportContext,
    ) -> None:
        wanted = row.keterangan
        closing = [item for item in open_rows if item.value != wanted]
        if closing:
            plan.exclusions_closed[row.nip] = closing
        if wanted is not None and all(item.value != wanted for item in open_rows):
            plan.exclusions_opened[row.nip] = wanted
        for item in closing:
            if item.mulai > context.berlaku_mulai:
                context.error(
                    self.name,
                    row.number,
                    "keterangan",
                    _(
                        "Pengecualian %(jenis)s berlaku sejak %(mulai)s, sesudah tanggal berlaku "
                        "impor %(tanggal)s; tidak dapat ditutup."
                    )
                    % {
                        "jenis": item.value,
                        "mulai": item.mulai.isoformat(),
                        "tanggal": context.berlaku_mulai.isoformat(),
                    },
                )

    def _check_history_dates(self, plan: PegawaiPlan, context: ImportContext) -> None:
        """A change closes the open history row at `berlaku_mulai`, which must not be before it
        started."""
        penilai_changed = [nip for nip, (_b, after) in plan.changes.items() if "penilai" in after]
        jabatan_changed = [
            nip
            for nip, (_b, after) in plan.changes.items()
            if "unit" in after or "jabatan" in after
        ]
        if penilai_changed:
            plan.penilai_history = selectors.open_penilai_history()
        if jabatan_changed:
            plan.jabatan_history = selectors.open_jabatan_history()
        checks = (
            (
                penilai_changed,
                plan.penilai_history,
                "atasan_nip",
                _(
                    "Riwayat pejabat penilai yang berlaku dimulai %(mulai)s, sesudah tanggal "
                    "berlaku impor %(tanggal)s."
                ),
            ),
            (
                jabatan_changed,
                plan.jabatan_history,
                "jabatan",
                _(
                    "Riwayat jabatan yang berlaku dimulai %(mulai)s, sesudah tanggal berlaku impor "
                    "%(tanggal)s."
                ),
            ),
        )
        for nips, history, column, message in checks:
            for nip in nips:
                open_row = history.get(plan.existing[nip].id)
                if open_row is not None and open_row.mulai > context.berlaku_mulai:
                    context.error(
                        self.name,
                        plan.rows[nip].number,
                        column,
                        message
                        % {
                            "mulai": open_row.mulai.isoformat(),
                            "tanggal": context.berlaku_mulai.isoformat(),
                        },
                    )

    def write_count(self, context: ImportContext) -> int:
        plan: PegawaiPlan | None = context.shared.get(PLAN_KEY)
        if plan is None:
            return 0
        return (
            len(plan.created)
            + len(plan.changes)
            + len(plan.exclusions_closed)
            + len(plan.exclusions_opened)
        )

    # --- Writing ------------------------------------------------------------------------

    def write(self, context: ImportContext) -> None:
        plan: PegawaiPlan | None = context.shared.get(PLAN_KEY)
        if plan is None:
            return
        tree: UnitTree = context.shared[TREE_KEY]
        self._create_jabatan(plan, context)
        ids = {nip: record.id for nip, record in plan.existing.items()}
        self._create_pegawai(plan, tree, ids, context)
        self._update_pegawai(plan, tree, ids, context)
        self._write_exclusions(plan, ids, context)

    def _create_jabatan(self, plan: PegawaiPlan, context: ImportContext) -> None:
        if not plan.new_jabatan:
            return
        created = Jabatan.objects.bulk_create(
            [
                Jabatan(
                    nama=spec.nama,
                    jenis_jabatan=spec.jenis_jabatan,
                    jenjang=spec.jenjang,
                    kelas_jabatan=spec.kelas_jabatan,
                )
                for spec in plan.new_jabatan.values()
            ],
            batch_size=BATCH_SIZE,
        )
        note = _impor_note(context)
        for key, jabatan in zip(plan.new_jabatan, created, strict=True):
            plan.jabatan_ids[key] = jabatan.pk
            spec = plan.new_jabatan[key]
            context.perubahan.append(
                Perubahan(
                    aksi="jabatan.create",
                    objek_tipe=OBJECT_JABATAN,
                    objek_id=str(jabatan.pk),
                    objek_label=spec.nama,
                    sesudah={
                        "nama": spec.nama,
                        "jenis_jabatan": spec.jenis_jabatan,
                        "jenjang": spec.jenjang,
                        "kelas_jabatan": spec.kelas_jabatan,
                    },
                    keterangan=note,
                )
            )

    def _create_pegawai(
        self, plan: PegawaiPlan, tree: UnitTree, ids: dict[str, int], context: ImportContext
    ) -> None:
        """Create the new employees level by level down the appraiser chains (so that each
        appraiser's id is known), each with an open appraiser and position history row."""
        if not plan.created:
            return
        now = bulk.datetime_value(timezone.now())
        start = bulk.date_value(context.berlaku_mulai)
        appraiser_of = {nip: plan.rows[nip].atasan_nip for nip in plan.created}
        floor = bulk.last_id(Pegawai)
        for level in rules.depth_order(appraiser_of, plan.created):
            bulk.insert_rows(
                Pegawai,
                PEGAWAI_COLUMNS,
                (
                    (*self._pegawai_values(plan.rows[nip], plan, tree, ids), now, now)
                    for nip in level
                ),
                on_batch=context.progress.advance,
            )
            created = bulk.ids_since(Pegawai, floor, "nip")
            ids.update(created)
            floor = max(created.values(), default=floor)
        reason = _("Impor data")
        recorder = context.aktor.pengguna_id
        bulk.insert_rows(
            RiwayatPenilai,
            ("pegawai", "penilai", "mulai", "sampai", "alasan", "dicatat_oleh", "dicatat_pada"),
            (
                (ids[nip], _penilai_id(plan.rows[nip], ids), start, None, reason, recorder, now)
                for nip in plan.created
            ),
        )
        bulk.insert_rows(
            RiwayatJabatan,
            ("pegawai", "unit", "jabatan", "mulai", "sampai"),
            (
                (
                    ids[nip],
                    tree.ids[plan.rows[nip].unit_kode],
                    plan.jabatan_ids[plan.rows[nip].jabatan.key],
                    start,
                    None,
                )
                for nip in plan.created
            ),
        )
        note = _impor_note(context)
        context.perubahan.extend(
            Perubahan(
                aksi="pegawai.create",
                objek_tipe=OBJECT_PEGAWAI,
                objek_id=str(ids[nip]),
                objek_label=f"{plan.rows[nip].nama} ({nip})",
                sesudah=_row_values(plan.rows[nip]),
                keterangan=note,
            )
            for nip in plan.created
        )

    def _pegawai_values(
        self, row: PegawaiRow, plan: PegawaiPlan, tree: UnitTree, ids: dict[str, int]
    ) -> tuple[Any, ...]:
        """The values of PEGAWAI_COLUMNS but the timestamps, for a new employee."""
        return (
            row.nip,
            row.nama,
            row.status,
            row.golongan,
            tree.ids[row.unit_kode],
            plan.jabatan_ids[row.jabatan.key],
            _penilai_id(row, ids),
            row.aktif,
        )

    def _new_pegawai(
        self, row: PegawaiRow, plan: PegawaiPlan, tree: UnitTree, ids: dict[str, int]
    ) -> Pegawai:
        return Pegawai(
            nip=row.nip,
            nama=row.nama,
            status_kepegawaian=row.status,
            golongan=row.golongan,
            unit_id=tree.ids[row.unit_kode],
            jabatan_id=plan.jabatan_ids[row.jabatan.key],
            penilai_id=ids[row.atasan_nip] if row.atasan_nip else None,
            aktif=row.aktif,
        )

    def _update_pegawai(
        self, plan: PegawaiPlan, tree: UnitTree, ids: dict[str, int], context: ImportContext
    ) -> None:
        if not plan.changes:
            return
        now = timezone.now()
        start = context.berlaku_mulai
        by_fields: dict[tuple[str, ...], list[Pegawai]] = defaultdict(list)
        penilai_moves: list[tuple[int, int | None]] = []
        jabatan_moves: list[tuple[int, int, int]] = []
        note = _impor_note(context)
        for nip, (before, after) in plan.changes.items():
            row = plan.rows[nip]
            employee = self._new_pegawai(row, plan, tree, ids)
            employee.pk = ids[nip]
            employee.diubah_pada = now
            fields = tuple(sorted(MODEL_FIELD[name] for name in after))
            by_fields[(*fields, "diubah_pada")].append(employee)
            if "penilai" in after:
                penilai_moves.append((employee.pk, employee.penilai_id))
            if "unit" in after or "jabatan" in after:
                jabatan_moves.append((employee.pk, employee.unit_id, employee.jabatan_id))
            context.perubahan.append(
                Perubahan(
                    aksi="pegawai.update",
                    objek_tipe=OBJECT_PEGAWAI,
                    objek_id=str(employee.pk),
                    objek_label=f"{row.nama} ({row.nip})",
                    sebelum=before,
                    sesudah=after,
                    keterangan=note,
                )
            )
        for fields, employees in by_fields.items():
            Pegawai.objects.bulk_update(employees, list(fields), batch_size=BATCH_SIZE)
        self._move_penilai_history(plan, penilai_moves, start, context)
        self._move_jabatan_history(plan, jabatan_moves, start)
        context.progress.advance(len(plan.changes))

    def _move_penilai_history(
        self,
        plan: PegawaiPlan,
        moves: list[tuple[int, int | None]],
        start: datetime.date,
        context: ImportContext,
    ) -> None:
        reason = _("Impor data")
        closed, corrected, opened = [], [], []
        for pegawai_id, penilai_id in moves:
            current = plan.penilai_history.get(pegawai_id)
            if current is not None and current.mulai == start:
                corrected.append(
                    RiwayatPenilai(pk=current.id, penilai_id=penilai_id, alasan=reason)
                )
                continue
            if current is not None:
                closed.append(RiwayatPenilai(pk=current.id, sampai=start))
            opened.append(
                RiwayatPenilai(
                    pegawai_id=pegawai_id,
                    penilai_id=penilai_id,
                    mulai=start,
                    alasan=reason,
                    dicatat_oleh_id=context.aktor.pengguna_id,
                )
            )
        RiwayatPenilai.objects.bulk_update(closed, ["sampai"], batch_size=BATCH_SIZE)
        RiwayatPenilai.objects.bulk_update(corrected, ["penilai", "alasan"], batch_size=BATCH_SIZE)
        RiwayatPenilai.objects.bulk_create(opened, batch_size=BATCH_SIZE)

    def _move_jabatan_history(
        self, plan: PegawaiPlan, moves: list[tuple[int, int, int]], start: datetime.date
    ) -> None:
        closed, corrected, opened = [], [], []
        for pegawai_id, unit_id, jabatan_id in moves:
            current = plan.jabatan_history.get(pegawai_id)
            if current is not None and current.mulai == start:
                corrected.append(
                    RiwayatJabatan(pk=current.id, unit_id=unit_id, jabatan_id=jabatan_id)
                )
                continue
            if current is not None:
                closed.append(RiwayatJabatan(pk=current.id, sampai=start))
            opened.append(
                RiwayatJabatan(
                    pegawai_id=pegawai_id, unit_id=unit_id, jabatan_id=jabatan_id, mulai=start
                )
            )
        RiwayatJabatan.objects.bulk_update(closed, ["sampai"], batch_size=BATCH_SIZE)
        RiwayatJabatan.objects.bulk_update(corrected, ["unit", "jabatan"], batch_size=BATCH_SIZE)
        RiwayatJabatan.objects.bulk_create(opened, batch_size=BATCH_SIZE)

    def _write_exclusions(
        self, plan: PegawaiPlan, ids: dict[str, int], context: ImportContext
    ) -> None:
        start = context.berlaku_mulai
        note = _impor_note(context)
        closed = [(nip, item) for nip, items in plan.exclusions_closed.items() for item in items]
        Pengecualian.objects.bulk_update(
            [Pengecualian(pk=item.id, sampai=start) for _nip, item in closed],
            ["sampai"],
            batch_size=BATCH_SIZE,
        )
        for nip, item in closed:
            row = plan.rows[nip]
            context.perubahan.append(
                Perubahan(
                    aksi="pengecualian.update",
                    objek_tipe=OBJECT_PENGECUALIAN,
                    objek_id=str(item.id),
                    objek_label=f"{item.value} \N{EN DASH} {row.nama} ({nip})",
                    sebelum={"sampai": None},
                    sesudah={"sampai": start.isoformat()},
                    keterangan=note,
                )
            )
        floor = bulk.last_id(Pengecualian)
        opened = bulk.insert_rows(
            Pengecualian,
            ("pegawai", "jenis", "mulai", "sampai", "catatan"),
            (
                (ids[nip], jenis, bulk.date_value(start), None, _("Impor data"))
                for nip, jenis in plan.exclusions_opened.items()
            ),
        )
        exclusion_ids = bulk.ids_since(Pengecualian, floor, "pegawai_id")
        for nip, jenis in plan.exclusions_opened.items():
            row = plan.rows[nip]
            context.perubahan.append(
                Perubahan(
                    aksi="pengecualian.create",
                    objek_tipe=OBJECT_PENGECUALIAN,
                    objek_id=str(exclusion_ids[ids[nip]]),
                    objek_label=f"{jenis} \N{EN DASH} {row.nama} ({nip})",
                    sesudah={
                        "pegawai": nip,
                        "jenis": jenis,
                        "mulai": start.isoformat(),
                        "sampai": None,
                    },
                    keterangan=note,
                )
            )
        context.progress.advance(len(closed) + opened)


PEGAWAI_COLUMNS = (
    "nip",
    "nama",
    "status_kepegawaian",
    "golongan",
    "unit",
    "jabatan",
    "penilai",
    "aktif",
    "dibuat_pada",
    "diubah_pada",
)
MODEL_FIELD = {
    "nama": "nama",
    "status_kepegawaian": "status_kepegawaian",
    "golongan": "golongan",
    "unit": "unit",
    "jabatan": "jabatan",
    "penilai": "penilai",
    "aktif": "aktif",
}


def _penilai_id(row: PegawaiRow, ids: dict[str, int]) -> int | None:
    return ids[row.atasan_nip] if row.atasan_nip else None


def _row_values(row: PegawaiRow) -> dict[str, Any]:
    """The audited values of an employee, by natural keys (unit kode, jabatan, appraiser NIP)."""
    return {
        "nip": row.nip,
        "nama": row.nama,
        "status_kepegawaian": row.status,
        "golongan": row.golongan,
        "unit": row.unit_kode,
        "jabatan": row.jabatan.label(),
        "penilai": row.atasan_nip,
        "aktif": row.aktif,
    }


def _changed_fields(
    record: PegawaiRecord,
    row: PegawaiRow,
    stored_key_of: dict[int, JabatanKey],
    jabatan_of_id: dict[int, JabatanRecord],
    unit_kode_of_id: dict[int, str],
    nip_of_id: dict[int, str],
) -> tuple[dict[str, Any], dict[str, Any]]:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    if record.nama != row.nama:
        before["nama"], after["nama"] = record.nama, row.nama
    if record.status_kepegawaian != row.status:
        before["status_kepegawaian"], after["status_kepegawaian"] = (
            record.status_kepegawaian,
            row.status,
        )
    if record.golongan != row.golongan:
        before["golongan"], after["golongan"] = record.golongan, row.golongan
    stored_unit = unit_kode_of_id.get(record.unit_id)
    if stored_unit != row.unit_kode:
        before["unit"], after["unit"] = stored_unit, row.unit_kode
    if stored_key_of.get(record.jabatan_id) != row.jabatan.key:
        stored = jabatan_of_id[record.jabatan_id]
        before["jabatan"] = JabatanSpec(
            stored.nama, stored.jenis_jabatan, stored.jenjang, stored.kelas_jabatan
        ).label()
        after["jabatan"] = row.jabatan.label()
    stored_penilai = nip_of_id.get(record.penilai_id) if record.penilai_id else None
    if stored_penilai != row.atasan_nip:
        before["penilai"], after["penilai"] = stored_penilai, row.atasan_nip
    if record.aktif != row.aktif:
        before["aktif"], after["aktif"] = record.aktif, row.aktif
    return before, after


def _impor_note(context: ImportContext) -> str:
    return _("Impor data, berlaku mulai %(date)s.") % {"date": context.berlaku_mulai.isoformat()}


HANDLER = PegawaiSheet()
