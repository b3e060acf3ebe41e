"""The `skp` sheet: performance plans, one row per indicator (IKI) of a planned result (RHK).

Rows with the same (nip, tahun) describe one plan completely; rows with the same (nip, tahun,
rhk_kode) describe one RHK and repeat its columns (which must agree); a row without `iki` declares
an RHK with no indicator yet. The write makes every named plan hold exactly the sheet's RHKs
(upserted by code; those no longer listed are deleted) and indicators (replaced). A plan equal to
what is stored writes nothing, whatever its status; a submitted or approved plan that would change
is refused.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.audit.services import Perubahan
from kinerja.organisasi.models import Pegawai
from kinerja.periode.models import TahunKinerja
from kinerja.periode.services import tahun_ensure
from kinerja.pertukaran import bulk, rules, selectors
from kinerja.pertukaran.selectors import PegawaiRecord
from kinerja.pertukaran.sheets.base import (
    Column,
    ImportContext,
    RowCells,
    SheetCounts,
    SheetHandler,
    Table,
)
from kinerja.pertukaran.sheets.pegawai import PLAN_KEY as PEGAWAI_PLAN_KEY
from kinerja.pertukaran.sheets.pegawai import PegawaiPlan
from kinerja.pertukaran.sheets.unit import TREE_KEY, UnitTree
from kinerja.realisasi.models import Laporan
from kinerja.skp import rules as skp_rules
from kinerja.skp.enums import AksiSkp, Aspek, JenisRhk, Pendekatan, Perspektif, StatusSkp
from kinerja.skp.models import Indikator, Rhk, RiwayatSkp, Skp

PLAN_KEY = "skp_plan"
OBJECT_SKP = "skp.skp"
SATUAN_MAX_LENGTH = 50
TARGET_MAX_PLACES = 4
TAHUN_MIN, TAHUN_MAX = 2000, 2100
BATCH_SIZE = 1000
PROGRESS_STEP = 1000
RHK_COLUMNS = ("rhk", "jenis", "rhk_atasan_kode", "perspektif")
"""The columns of an RHK, repeated on each of its rows."""
INDIKATOR_COLUMN = {
    "aspek": "aspek",
    "uraian": "iki",
    "target_nilai": "target",
    "target_satuan": "satuan",
    "target_narasi": "target",
}
"""`skp.rules.indikator_errors` field -> the sheet's column."""

PlanKey = tuple[str, int]
"""(nip, tahun)."""


# --- What the sheet says -----------------------------------------------------------------------


@dataclass(frozen=True)
class IndikatorSpec:
    aspek: str
    uraian: str
    target_nilai: Decimal | None
    target_satuan: str
    target_narasi: str

    def value(self) -> dict[str, Any]:
        return {
            "aspek": self.aspek,
            "uraian": self.uraian,
            "target_nilai": _decimal_text(self.target_nilai),
            "target_satuan": self.target_satuan,
            "target_narasi": self.target_narasi,
        }


@dataclass
class SkpRow:
    """One parsed row; `bad` holds the columns already reported."""

    number: int
    nip: str
    tahun: int | None
    rhk_kode: str
    rhk: str
    jenis: str
    rhk_atasan_kode: str
    pendekatan: str
    perspektif: str
    indikator: IndikatorSpec | None
    bad: set[str]

    def rhk_cell(self, column: str) -> str:
        return {
            "rhk": self.rhk,
            "jenis": self.jenis,
            "rhk_atasan_kode": self.rhk_atasan_kode,
            "perspektif": self.perspektif,
        }[column]


@dataclass
class RhkSpec:
    number: int
    kode: str
    uraian: str
    jenis: str
    rhk_atasan_kode: str
    perspektif: str
    urutan: int
    bad: frozenset[str] = frozenset()
    """The columns of its first row already reported (not compared with the later rows)."""
    indikator: list[IndikatorSpec] = field(default_factory=list)


@dataclass
class PlanSpec:
    number: int
    nip: str
    tahun: int
    pendekatan: str
    rhk: dict[str, RhkSpec] = field(default_factory=dict)


# --- What is stored ----------------------------------------------------------------------------


class StoredSkp(NamedTuple):
    id: int
    pegawai_id: int
    tahun: int
    pendekatan: str
    status: str
    revisi: int


class StoredRhk(NamedTuple):
    id: int
    skp_id: int
    kode: str
    jenis: str
    uraian: str
    rhk_atasan_id: int | None
    perspektif: str
    urutan: int


@dataclass
class Stored:
    """The plans of the sheet's years as they are, with their RHKs and indicators."""

    plans: dict[tuple[int, int], StoredSkp]
    """By (pegawai id, tahun)."""
    rhk_of_plan: dict[int, dict[str, StoredRhk]]
    """Skp id -> RHK code -> RHK."""
    rhk_by_id: dict[int, StoredRhk]
    indikator_of_rhk: dict[int, list[IndikatorSpec]]
    owner_of_plan: dict[int, int]
    """Skp id -> pegawai id."""
    reported_plans: frozenset[int] = frozenset()
    """Skp ids with a period report (realisation already recorded against their indicators)."""


def _stored(years: Iterable[int]) -> Stored:
    """Four queries, whatever the number of plans."""
    wanted = sorted(set(years))
    plans = [
        StoredSkp(*row)
        for row in Skp.objects.filter(tahun__in=wanted).values_list(
            "pk", "pegawai_id", "tahun", "pendekatan", "status", "revisi"
        )
    ]
    rhk_of_plan: dict[int, dict[str, StoredRhk]] = defaultdict(dict)
    rhk_by_id: dict[int, StoredRhk] = {}
    rows = (
        Rhk.objects.filter(skp__tahun__in=wanted)
        .order_by("urutan", "pk")
        .values_list(
            "pk", "skp_id", "kode", "jenis", "uraian", "rhk_atasan_id", "perspektif", "urutan"
        )
    )
    for row in rows:
        rhk = StoredRhk(*row)
        rhk_of_plan[rhk.skp_id][rhk.kode] = rhk
        rhk_by_id[rhk.id] = rhk
    indikator_of_rhk: dict[int, list[IndikatorSpec]] = defaultdict(list)
    indicators = (
        Indikator.objects.filter(rhk__skp__tahun__in=wanted)
        .order_by("urutan", "pk")
        .values_list("rhk_id", "aspek", "uraian", "target_nilai", "target_satuan", "target_narasi")
    )
    for rhk_id, aspek, uraian, nilai, satuan, narasi in indicators:
        indikator_of_rhk[rhk_id].append(IndikatorSpec(aspek, uraian, nilai, satuan, narasi))
    return Stored(
        plans={(plan.pegawai_id, plan.tahun): plan for plan in plans},
        rhk_of_plan=dict(rhk_of_plan),
        rhk_by_id=rhk_by_id,
        indikator_of_rhk=dict(indikator_of_rhk),
        owner_of_plan={plan.id: plan.pegawai_id for plan in plans},
        reported_plans=frozenset(
            Laporan.objects.filter(skp__tahun__in=wanted).values_list("skp_id", flat=True)
        ),
    )


# --- The plan of the write ---------------------------------------------------------------------


@dataclass
class People:
    """The employees as they will be after the import: by NIP, with their appraiser."""

    existing: dict[str, PegawaiRecord]
    sheet: PegawaiPlan | None
    nip_of_id: dict[int, str]

    def known(self, nip: str) -> bool:
        return nip in self.existing or (self.sheet is not None and nip in self.sheet.rows)

    def appraiser(self, nip: str) -> str | None:
        if self.sheet is not None and nip in self.sheet.rows:
            return self.sheet.rows[nip].atasan_nip
        record = self.existing.get(nip)
        if record is None or record.penilai_id is None:
            return None
        return self.nip_of_id.get(record.penilai_id)

    def nama(self, nip: str) -> str:
        if self.sheet is not None and nip in self.sheet.rows:
            return self.sheet.rows[nip].nama
        record = self.existing.get(nip)
        return record.nama if record else nip

    def unit_kode(self, nip: str, kode_of_id: dict[int, str]) -> str:
        if self.sheet is not None and nip in self.sheet.rows:
            return self.sheet.rows[nip].unit_kode
        record = self.existing.get(nip)
        return kode_of_id.get(record.unit_id, "") if record else ""


@dataclass
class SkpPlan:
    people: People
    stored: Stored
    plans: dict[PlanKey, PlanSpec] = field(default_factory=dict)
    new_years: list[int] = field(default_factory=list)
    created: list[PlanKey] = field(default_factory=list)
    changed: dict[PlanKey, tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=dict)


class SkpSheet(SheetHandler):
    name = "skp"
    title = gettext_lazy("SKP (rencana hasil kerja dan indikator)")
    description = gettext_lazy(
        "Satu baris per indikator kinerja individu (IKI). Baris dengan NIP dan tahun yang sama "
        "membentuk satu SKP secara lengkap: RHK dicocokkan dengan kodenya, RHK yang tidak "
        "tercantum lagi dihapus, dan indikator diganti. Baris dengan RHK yang sama mengulang "
        "kolom RHK-nya; baris tanpa IKI mencatat RHK yang belum berindikator. SKP yang sudah "
        "diajukan atau disetujui tidak dapat diubah lewat impor."
    )
    columns = (
        Column(
            "nip",
            True,
            gettext_lazy("NIP pegawai pemilik SKP, dari sheet pegawai atau yang sudah ada."),
            "199001012015031001",
            text=True,
        ),
        Column(
            "tahun",
            True,
            gettext_lazy(
                "Tahun kinerja, 2000 sampai 2100; tahun yang belum dibuka dibuka dengan periode "
                "triwulan bawaan."
            ),
            2026,
        ),
        Column(
            "rhk_kode",
            True,
            gettext_lazy("Kode RHK, unik dalam SKP (mis. RHK-01)."),
            "RHK-01",
        ),
        Column(
            "rhk",
            True,
            gettext_lazy("Uraian rencana hasil kerja."),
            "Tersusunnya analisis kebutuhan pegawai unit kerja",
        ),
        Column("jenis", False, gettext_lazy("UTAMA atau TAMBAHAN; kosong berarti UTAMA."), "UTAMA"),
        Column(
            "rhk_atasan_kode",
            False,
            gettext_lazy(
                "Kode RHK pejabat penilai yang diintervensi, dari SKP pejabat penilai tahun yang "
                "sama (di sheet ini atau yang sudah ada)."
            ),
            "RHK-02",
        ),
        Column(
            "pendekatan",
            False,
            gettext_lazy(
                "KUANTITATIF atau KUALITATIF, sama untuk semua baris satu SKP; kosong berarti "
                "KUANTITATIF."
            ),
            "KUANTITATIF",
        ),
        Column(
            "perspektif",
            False,
            gettext_lazy(
                "Untuk JPT: PENERIMA_LAYANAN, PROSES_BISNIS, PENGUATAN_INTERNAL atau ANGGARAN."
            ),
            "",
        ),
        Column(
            "aspek",
            False,
            gettext_lazy(
                "KUANTITAS, KUALITAS, WAKTU (BIAYA bila tahun kinerja memakainya); kosong berarti "
                "KUANTITAS."
            ),
            "KUANTITAS",
        ),
        Column(
            "iki",
            False,
            gettext_lazy("Indikator kinerja individu; kosong: RHK belum berindikator."),
            "Jumlah dokumen analisis kebutuhan pegawai yang tersusun",
        ),
        Column(
            "target",
            False,
            gettext_lazy(
                "Kuantitatif: angka (mis. 12 atau 97,5); kualitatif: uraian target naratif."
            ),
            "12",
        ),
        Column(
            "satuan",
            False,
            gettext_lazy("Satuan target kuantitatif (mis. dokumen, persen, hari)."),
            "dokumen",
        ),
    )

    # --- Validation ---------------------------------------------------------------------

    def validate(self, table: Table | None, context: ImportContext) -> None:
        if table is None:
            return
        tree: UnitTree = context.shared[TREE_KEY]
        sheet_people: PegawaiPlan | None = context.shared.get(PEGAWAI_PLAN_KEY)
        existing = sheet_people.existing if sheet_people else selectors.pegawai_by_nip()
        people = People(
            existing=existing,
            sheet=sheet_people,
            nip_of_id={record.id: nip for nip, record in existing.items()},
        )
        years = dict(TahunKinerja.objects.values_list("tahun", "aspek_biaya"))
        errors_before = len(context.errors)
        rows: list[SkpRow] = []
        for row in table.rows:
            rows.append(self._parse_row(RowCells(context, self.name, row), years))
            if len(rows) % PROGRESS_STEP == 0:
                context.progress.advance(PROGRESS_STEP)
        context.progress.advance(len(rows) % PROGRESS_STEP)
        plans = self._group(rows, people, context)
        stored = _stored({key[1] for key in plans})
        plan = SkpPlan(people=people, stored=stored, plans=plans)
        context.shared[PLAN_KEY] = plan
        self._check_scope(plan, tree, context)
        self._check_cascading(plan, context)
        self._plan(plan, years, context)
        if len(context.errors) > errors_before:
            plan.created.clear()
            plan.changed.clear()

    def _parse_row(self, cells: RowCells, years: dict[int, bool]) -> SkpRow:
        nip = cells.value("nip", rules.cell_nip) or ""
        if not nip and "nip" not in cells.bad:
            cells.error("nip", _("Wajib diisi."))
        tahun = cells.value("tahun", rules.cell_integer)
        if tahun is None and "tahun" not in cells.bad:
            cells.error("tahun", _("Wajib diisi."))
        elif tahun is not None and not TAHUN_MIN <= tahun <= TAHUN_MAX:
            cells.error("tahun", _("Tahun harus antara 2000 dan 2100."))
            tahun = None
        rhk_kode = cells.text("rhk_kode", required=True)
        if rhk_kode and "rhk_kode" not in cells.bad:
            problem = skp_rules.kode_error(rhk_kode)
            if problem:
                cells.error("rhk_kode", problem)
        uraian = cells.text("rhk", required=True)
        jenis = cells.value("jenis", lambda value: rules.cell_enum(value, JenisRhk))
        pendekatan = cells.value("pendekatan", lambda value: rules.cell_enum(value, Pendekatan))
        perspektif = cells.value("perspektif", _cell_perspektif)
        rhk_atasan_kode = cells.text("rhk_atasan_kode")
        pendekatan_value = (pendekatan or Pendekatan.KUANTITATIF).value
        indikator = self._parse_indikator(
            cells, pendekatan_value, bool(tahun and years.get(tahun, False))
        )
        return SkpRow(
            number=cells.number,
            nip=nip,
            tahun=tahun,
            rhk_kode=rhk_kode if "rhk_kode" not in cells.bad else "",
            rhk=uraian,
            jenis=(jenis or JenisRhk.UTAMA).value,
            rhk_atasan_kode=rhk_atasan_kode,
            pendekatan=pendekatan_value,
            perspektif=perspektif.value if perspektif else "",
            indikator=indikator,
            bad=cells.bad,
        )

    def _parse_indikator(
        self, cells: RowCells, pendekatan: str, aspek_biaya: bool
    ) -> IndikatorSpec | None:
        aspek = cells.value("aspek", lambda value: rules.cell_enum(value, Aspek))
        uraian = cells.text("iki")
        satuan = cells.text("satuan", max_length=SATUAN_MAX_LENGTH)
        raw_target = cells.row.cells.get("target")
        quantitative = pendekatan == Pendekatan.KUANTITATIF
        nilai: Decimal | None = None
        narasi = ""
        if quantitative:
            nilai = cells.value("target", _cell_target)
        else:
            narasi = cells.text("target")
        if not uraian:
            if "iki" not in cells.bad and (
                aspek is not None or satuan or not rules.is_blank(raw_target)
            ):
                cells.error("iki", _("Wajib diisi bila kolom aspek, target atau satuan diisi."))
            return None
        errors = skp_rules.indikator_errors(
            pendekatan=pendekatan,
            aspek=(aspek or Aspek.KUANTITAS).value,
            aspek_biaya=aspek_biaya,
            uraian=uraian,
            target_nilai=nilai,
            target_satuan=satuan,
            target_narasi=narasi,
        )
        for name, reason in errors.items():
            column = INDIKATOR_COLUMN[name]
            if column not in cells.bad:
                cells.error(column, reason)
        return IndikatorSpec(
            aspek=(aspek or Aspek.KUANTITAS).value,
            uraian=uraian,
            target_nilai=nilai if quantitative else None,
            target_satuan=satuan if quantitative else "",
            target_narasi=narasi,
        )

    def _group(
        self, rows: list[SkpRow], people: People, context: ImportContext
    ) -> dict[PlanKey, PlanSpec]:
        """Rows into plans and RHKs; each repeated column must agree with its first row."""
        plans: dict[PlanKey, PlanSpec] = {}
        for row in rows:
            if not row.nip or row.tahun is None:
                continue
            if not people.known(row.nip):
                context.error(
                    self.name,
                    row.number,
                    "nip",
                    _(
                        "Pegawai dengan NIP %(nip)s tidak ada, baik di sheet pegawai maupun di "
                        "basis data."
                    )
                    % {"nip": row.nip},
                )
                continue
            key = (row.nip, row.tahun)
            plan = plans.get(key)
            if plan is None:
                plan = plans[key] = PlanSpec(row.number, row.nip, row.tahun, row.pendekatan)
            elif "pendekatan" not in row.bad and row.pendekatan != plan.pendekatan:
                context.error(
                    self.name,
                    row.number,
                    "pendekatan",
                    _(
                        "SKP ini memakai pendekatan %(first)s di baris %(row)d; satu SKP hanya "
                        "memakai satu pendekatan."
                    )
                    % {"first": plan.pendekatan, "row": plan.number},
                )
            if not row.rhk_kode:
                continue
            rhk = plan.rhk.get(row.rhk_kode)
            if rhk is None:
                rhk = plan.rhk[row.rhk_kode] = RhkSpec(
                    number=row.number,
                    kode=row.rhk_kode,
                    uraian=row.rhk,
                    jenis=row.jenis,
                    rhk_atasan_kode=row.rhk_atasan_kode,
                    perspektif=row.perspektif,
                    urutan=len(plan.rhk) + 1,
                    bad=frozenset(row.bad),
                )
            else:
                self._check_agreement(rhk, row, context)
            if row.indikator is not None:
                rhk.indikator.append(row.indikator)
        return plans

    def _check_agreement(self, rhk: RhkSpec, row: SkpRow, context: ImportContext) -> None:
        first = {
            "rhk": rhk.uraian,
            "jenis": rhk.jenis,
            "rhk_atasan_kode": rhk.rhk_atasan_kode,
            "perspektif": rhk.perspektif,
        }
        for column in RHK_COLUMNS:
            if column in row.bad or column in rhk.bad or row.rhk_cell(column) == first[column]:
                continue
            context.error(
                self.name,
                row.number,
                column,
                _(
                    "Tidak sama dengan baris %(row)d untuk RHK %(kode)s ('%(value)s'); baris-baris "
                    "satu RHK harus sama isinya."
                )
                % {"row": rhk.number, "kode": rhk.kode, "value": first[column]},
            )

    def _check_scope(self, plan: SkpPlan, tree: UnitTree, context: ImportContext) -> None:
        if not context.restricted:
            return
        kode_of_id = {record.id: kode for kode, record in tree.existing.items()}
        for spec in plan.plans.values():
            after = plan.people.unit_kode(spec.nip, kode_of_id)
            record = plan.people.existing.get(spec.nip)
            now = kode_of_id.get(record.unit_id, "") if record else after
            problem = tree.employee_outside_error(after, now)
            if problem:
                context.error(self.name, spec.number, "nip", problem)

    def _check_cascading(self, plan: SkpPlan, context: ImportContext) -> None:
        """Every `rhk_atasan_kode` names an RHK of the appraiser's plan for the same year, as that
        plan will be after the import (the sheet's, else the stored one)."""
        people = plan.people
        for spec in plan.plans.values():
            appraiser = people.appraiser(spec.nip)
            for rhk in spec.rhk.values():
                if not rhk.rhk_atasan_kode:
                    continue
                if appraiser is None:
                    context.error(
                        self.name,
                        rhk.number,
                        "rhk_atasan_kode",
                        _("Pegawai ini tidak memiliki pejabat penilai; kosongkan kolom ini."),
                    )
                    continue
                if rhk.rhk_atasan_kode in _codes_after(plan, appraiser, spec.tahun):
                    continue
                context.error(
                    self.name,
                    rhk.number,
                    "rhk_atasan_kode",
                    _(
                        "RHK %(kode)s tidak ada dalam SKP %(tahun)s pejabat penilai %(nama)s "
                        "(%(nip)s), baik di sheet skp maupun di basis data."
                    )
                    % {
                        "kode": rhk.rhk_atasan_kode,
                        "tahun": spec.tahun,
                        "nama": people.nama(appraiser),
                        "nip": appraiser,
                    },
                )

    # --- Planning -----------------------------------------------------------------------

    def _plan(self, plan: SkpPlan, years: dict[int, bool], context: ImportContext) -> None:
        """Compare each plan with the stored one: what to create, change, refuse."""
        plan.new_years = sorted({key[1] for key in plan.plans} - set(years))
        removed_by_plan: dict[PlanKey, list[StoredRhk]] = {}
        for key, spec in plan.plans.items():
            record = plan.people.existing.get(spec.nip)
            current = plan.stored.plans.get((record.id, spec.tahun)) if record else None
            after = self._value_after(plan, spec)
            if current is None:
                plan.created.append(key)
                continue
            before = self._value_stored(plan, current)
            old, new = _changes(before, after)
            if not new:
                continue
            problem = _locked_error(current.status)
            if problem is None and current.id in plan.stored.reported_plans:
                problem = _(
                    "SKP %(tahun)s %(nama)s sudah memiliki realisasi periodik; ubah lewat halaman "
                    "SKP, bukan lewat impor."
                )
            if problem:
                context.error(
                    self.name,
                    spec.number,
                    "nip",
                    problem % {"tahun": spec.tahun, "nama": plan.people.nama(spec.nip)},
                )
                continue
            plan.changed[key] = (old, new)
            kept = set(spec.rhk)
            removed = [
                rhk
                for kode, rhk in plan.stored.rhk_of_plan.get(current.id, {}).items()
                if kode not in kept
            ]
            if removed:
                removed_by_plan[key] = removed
        self._check_removals(plan, removed_by_plan, context)
        context.counts[self.name] = SheetCounts(
            created=len(plan.created),
            updated=len(plan.changed),
            unchanged=len(plan.plans) - len(plan.created) - len(plan.changed),
        )
        if plan.new_years:
            context.extra["tahun_baru"] = len(plan.new_years)

    def _check_removals(
        self,
        plan: SkpPlan,
        removed_by_plan: dict[PlanKey, list[StoredRhk]],
        context: ImportContext,
    ) -> None:
        """An RHK no longer listed is deleted, unless the RHK of a plan outside the sheet supports
        it (plans in the sheet are relinked by the sheet itself)."""
        if not removed_by_plan:
            return
        removed_ids = {rhk.id for items in removed_by_plan.values() for rhk in items}
        sheet_plan_ids = set()
        for nip, tahun in plan.plans:
            record = plan.people.existing.get(nip)
            current = plan.stored.plans.get((record.id, tahun)) if record else None
            if current is not None:
                sheet_plan_ids.add(current.id)
        supporters: dict[int, list[str]] = defaultdict(list)
        rows = (
            Rhk.objects.filter(rhk_atasan__skp__tahun__in=sorted({key[1] for key in plan.plans}))
            .order_by("skp__pegawai__nama", "pk")
            .values_list("rhk_atasan_id", "skp_id", "skp__pegawai__nama")
        )
        for rhk_atasan_id, skp_id, nama in rows:
            if rhk_atasan_id in removed_ids and skp_id not in sheet_plan_ids:
                supporters[rhk_atasan_id].append(nama)
        for key, removed in removed_by_plan.items():
            for rhk in removed:
                names = supporters.get(rhk.id)
                if not names:
                    continue
                context.error(
                    self.name,
                    plan.plans[key].number,
                    "rhk_kode",
                    _(
                        "RHK %(kode)s tidak tercantum lagi sehingga akan dihapus, tetapi "
                        "%(jumlah)d RHK bawahan mengintervensinya (%(nama)s). Cantumkan kembali "
                        "RHK ini atau pindahkan dahulu RHK bawahan tersebut."
                    )
                    % {
                        "kode": rhk.kode,
                        "jumlah": len(names),
                        "nama": ", ".join(sorted(set(names))),
                    },
                )

    def _value_after(self, plan: SkpPlan, spec: PlanSpec) -> dict[str, Any]:
        appraiser = plan.people.appraiser(spec.nip)
        return {
            "pendekatan": spec.pendekatan,
            "rhk": {
                kode: {
                    "jenis": rhk.jenis,
                    "uraian": rhk.uraian,
                    "rhk_atasan": _reference(appraiser, rhk.rhk_atasan_kode)
                    if rhk.rhk_atasan_kode and appraiser
                    else None,
                    "perspektif": rhk.perspektif,
                    "urutan": rhk.urutan,
                    "indikator": [item.value() for item in rhk.indikator],
                }
                for kode, rhk in spec.rhk.items()
            },
        }

    def _value_stored(self, plan: SkpPlan, current: StoredSkp) -> dict[str, Any]:
        stored = plan.stored
        return {
            "pendekatan": current.pendekatan,
            "rhk": {
                kode: {
                    "jenis": rhk.jenis,
                    "uraian": rhk.uraian,
                    "rhk_atasan": self._stored_reference(plan, rhk.rhk_atasan_id),
                    "perspektif": rhk.perspektif,
                    "urutan": rhk.urutan,
                    "indikator": [item.value() for item in stored.indikator_of_rhk.get(rhk.id, [])],
                }
                for kode, rhk in stored.rhk_of_plan.get(current.id, {}).items()
            },
        }

    def _stored_reference(self, plan: SkpPlan, rhk_id: int | None) -> str | None:
        if rhk_id is None:
            return None
        target = plan.stored.rhk_by_id.get(rhk_id)
        if target is None:
            return f"#{rhk_id}"  # an RHK of another year: never what the sheet names
        owner = plan.people.nip_of_id.get(plan.stored.owner_of_plan[target.skp_id], "")
        return _reference(owner, target.kode)

    def write_count(self, context: ImportContext) -> int:
        plan: SkpPlan | None = context.shared.get(PLAN_KEY)
        return len(plan.created) + len(plan.changed) if plan else 0

    # --- Writing ------------------------------------------------------------------------

    def write(self, context: ImportContext) -> None:
        plan: SkpPlan | None = context.shared.get(PLAN_KEY)
        if plan is None or not (plan.created or plan.changed):
            return
        for tahun in plan.new_years:
            tahun_ensure(aktor=context.aktor, tahun=tahun)
        pegawai_ids = self._pegawai_ids(plan)
        skp_ids = self._write_plans(plan, pegawai_ids)
        rhk_ids = self._stored_rhk_ids(plan)
        removed, replaced = self._write_rhk(plan, skp_ids, rhk_ids)
        self._delete_rhk(removed)
        _delete_indicators(replaced)
        self._write_indicators(plan, rhk_ids, replaced)
        self._write_history(plan, skp_ids, context)
        context.progress.advance(len(plan.created) + len(plan.changed))

    def _pegawai_ids(self, plan: SkpPlan) -> dict[str, int]:
        ids = {nip: record.id for nip, record in plan.people.existing.items()}
        touched = {key[0] for key in [*plan.created, *plan.changed]}
        if touched - set(ids):
            ids.update(Pegawai.objects.values_list("nip", "pk"))
        return ids

    def _write_plans(self, plan: SkpPlan, pegawai_ids: dict[str, int]) -> dict[PlanKey, int]:
        """Create the new plans (drafts) and change the approach of the changed ones."""
        skp_ids: dict[PlanKey, int] = {}
        for key, spec in plan.plans.items():
            current = plan.stored.plans.get((pegawai_ids.get(spec.nip, 0), spec.tahun))
            if current is not None:
                skp_ids[key] = current.id
        created = Skp.objects.bulk_create(
            [
                Skp(
                    pegawai_id=pegawai_ids[nip],
                    tahun=tahun,
                    pendekatan=plan.plans[(nip, tahun)].pendekatan,
                    status=StatusSkp.DRAF.value,
                )
                for nip, tahun in plan.created
            ],
            batch_size=BATCH_SIZE,
        )
        for key, skp in zip(plan.created, created, strict=True):
            skp_ids[key] = skp.pk
        now = timezone.now()
        Skp.objects.bulk_update(
            [
                Skp(pk=skp_ids[key], pendekatan=plan.plans[key].pendekatan, diubah_pada=now)
                for key in plan.changed
            ],
            ["pendekatan", "diubah_pada"],
            batch_size=BATCH_SIZE,
        )
        return skp_ids

    def _stored_rhk_ids(self, plan: SkpPlan) -> dict[tuple[str, int, str], int]:
        """(owner NIP, tahun, kode) -> id of every stored RHK of the sheet's years."""
        ids: dict[tuple[str, int, str], int] = {}
        stored = plan.stored
        tahun_of_plan = {item.id: item.tahun for item in stored.plans.values()}
        for rhk in stored.rhk_by_id.values():
            owner = plan.people.nip_of_id.get(stored.owner_of_plan[rhk.skp_id], "")
            ids[(owner, tahun_of_plan[rhk.skp_id], rhk.kode)] = rhk.id
        return ids

    def _write_rhk(
        self,
        plan: SkpPlan,
        skp_ids: dict[PlanKey, int],
        rhk_ids: dict[tuple[str, int, str], int],
    ) -> tuple[list[int], list[int]]:
        """Create the new RHKs level by level down the appraiser chains (so that the RHK each one
        supports already has its id), then update the kept ones. Returns the ids of the RHKs to
        delete and of the kept RHKs whose indicators are replaced."""
        touched = [*plan.created, *plan.changed]
        appraiser_of: dict[PlanKey, PlanKey | None] = {}
        for nip, tahun in touched:
            appraiser = plan.people.appraiser(nip)
            parent = (appraiser, tahun) if appraiser else None
            appraiser_of[(nip, tahun)] = parent if parent in plan.plans else None
        for level in rules.depth_order(appraiser_of, touched):
            new = [
                (key, rhk)
                for key in level
                for kode, rhk in plan.plans[key].rhk.items()
                if (key[0], key[1], kode) not in rhk_ids
            ]
            created = Rhk.objects.bulk_create(
                [
                    Rhk(
                        skp_id=skp_ids[key],
                        kode=rhk.kode,
                        jenis=rhk.jenis,
                        uraian=rhk.uraian,
                        rhk_atasan_id=self._link(plan, key, rhk, rhk_ids),
                        perspektif=rhk.perspektif,
                        urutan=rhk.urutan,
                    )
                    for key, rhk in new
                ],
                batch_size=BATCH_SIZE,
            )
            for (key, rhk), item in zip(new, created, strict=True):
                rhk_ids[(key[0], key[1], rhk.kode)] = item.pk
        updated: list[Rhk] = []
        removed: list[int] = []
        replaced: list[int] = []
        for key in plan.changed:
            current = plan.stored.rhk_of_plan.get(skp_ids[key], {})
            spec = plan.plans[key]
            for kode, stored in current.items():
                wanted = spec.rhk.get(kode)
                if wanted is None:
                    removed.append(stored.id)
                    continue
                link = self._link(plan, key, wanted, rhk_ids)
                values = (wanted.jenis, wanted.uraian, link, wanted.perspektif, wanted.urutan)
                if values != (
                    stored.jenis,
                    stored.uraian,
                    stored.rhk_atasan_id,
                    stored.perspektif,
                    stored.urutan,
                ):
                    updated.append(
                        Rhk(
                            pk=stored.id,
                            jenis=wanted.jenis,
                            uraian=wanted.uraian,
                            rhk_atasan_id=link,
                            perspektif=wanted.perspektif,
                            urutan=wanted.urutan,
                        )
                    )
                if [item.value() for item in wanted.indikator] != [
                    item.value() for item in plan.stored.indikator_of_rhk.get(stored.id, [])
                ]:
                    replaced.append(stored.id)
        Rhk.objects.bulk_update(
            updated,
            ["jenis", "uraian", "rhk_atasan", "perspektif", "urutan"],
            batch_size=BATCH_SIZE,
        )
        return removed, replaced

    def _link(
        self,
        plan: SkpPlan,
        key: PlanKey,
        rhk: RhkSpec,
        rhk_ids: dict[tuple[str, int, str], int],
    ) -> int | None:
        appraiser = plan.people.appraiser(key[0])
        if not rhk.rhk_atasan_kode or not appraiser:
            return None
        return rhk_ids[(appraiser, key[1], rhk.rhk_atasan_kode)]

    def _delete_rhk(self, removed: list[int]) -> None:
        """Delete the RHKs no longer listed with their indicators (validation made sure that no
        RHK outside the sheet supports them; those inside were relinked just before)."""
        for chunk in _chunks(removed):
            Rhk.objects.filter(pk__in=chunk).update(rhk_atasan=None)
        _delete_indicators(removed)
        for chunk in _chunks(removed):
            Rhk.objects.filter(pk__in=chunk).delete()

    def _write_indicators(
        self,
        plan: SkpPlan,
        rhk_ids: dict[tuple[str, int, str], int],
        replaced: list[int],
    ) -> None:
        """Insert the indicators of the new RHKs and of the kept ones being replaced."""
        wanted = set(replaced)
        stored_ids = set(plan.stored.rhk_by_id)
        rows: list[tuple[Any, ...]] = []
        for key in [*plan.created, *plan.changed]:
            for kode, rhk in plan.plans[key].rhk.items():
                rhk_id = rhk_ids[(key[0], key[1], kode)]
                if rhk_id in stored_ids and rhk_id not in wanted:
                    continue
                rows.extend(
                    (
                        rhk_id,
                        item.aspek,
                        item.uraian,
                        item.target_nilai,
                        item.target_satuan,
                        item.target_narasi,
                        urutan,
                    )
                    for urutan, item in enumerate(rhk.indikator, start=1)
                )
        bulk.insert_rows(
            Indikator,
            (
                "rhk",
                "aspek",
                "uraian",
                "target_nilai",
                "target_satuan",
                "target_narasi",
                "urutan",
            ),
            rows,
        )

    def _write_history(
        self, plan: SkpPlan, skp_ids: dict[PlanKey, int], context: ImportContext
    ) -> None:
        """A history step `DIIMPOR` and one `skp.import` audit entry per plan written."""
        note = _("Impor data")
        state_of = {item.id: (item.status, item.revisi) for item in plan.stored.plans.values()}
        new_plan = (StatusSkp.DRAF.value, 1)
        RiwayatSkp.objects.bulk_create(
            [
                RiwayatSkp(
                    skp_id=skp_ids[key],
                    revisi=state_of.get(skp_ids[key], new_plan)[1],
                    aksi=AksiSkp.DIIMPOR.value,
                    status=state_of.get(skp_ids[key], new_plan)[0],
                    catatan=note,
                    oleh_id=context.aktor.pengguna_id,
                    oleh_label=context.aktor.label[:255],
                )
                for key in [*plan.created, *plan.changed]
            ],
            batch_size=BATCH_SIZE,
        )
        keterangan = _("Impor data, berlaku mulai %(date)s.") % {
            "date": context.berlaku_mulai.isoformat()
        }
        for key in plan.created:
            spec = plan.plans[key]
            context.perubahan.append(
                Perubahan(
                    aksi="skp.import",
                    objek_tipe=OBJECT_SKP,
                    objek_id=str(skp_ids[key]),
                    objek_label=_label(spec, plan.people),
                    sesudah={"pegawai": spec.nip, "tahun": spec.tahun}
                    | self._value_after(plan, spec),
                    keterangan=keterangan,
                )
            )
        for key, (before, after) in plan.changed.items():
            context.perubahan.append(
                Perubahan(
                    aksi="skp.import",
                    objek_tipe=OBJECT_SKP,
                    objek_id=str(skp_ids[key]),
                    objek_label=_label(plan.plans[key], plan.people),
                    sebelum=before,
                    sesudah=after,
                    keterangan=keterangan,
                )
            )


# --- Helpers -----------------------------------------------------------------------------------


def _cell_target(value: object) -> Decimal | None:
    """A numeric target: a number, or text written the Indonesian way ("97,5") or plainly."""
    if rules.is_blank(value):
        return None
    if isinstance(value, bool):
        raise rules.CellError(_("Target harus berupa angka, mis. 12 atau 97,5."))
    try:
        number = skp_rules.parse_target(
            value if isinstance(value, int | float) else rules.cell_text(value)
        )
    except (ValueError, ArithmeticError):
        raise rules.CellError(_("Target harus berupa angka, mis. 12 atau 97,5.")) from None
    if number is not None and not number.is_finite():
        raise rules.CellError(_("Target harus berupa angka, mis. 12 atau 97,5."))
    if number is not None and -number.normalize().as_tuple().exponent > TARGET_MAX_PLACES:  # type: ignore[operator]
        raise rules.CellError(_("Target paling banyak 4 angka di belakang koma."))
    return number


def _cell_perspektif(value: object) -> Perspektif | None:
    """A perspektif as its code, its label, or its label without the word "Perspektif"."""
    text = rules.cell_text(value)
    if not text:
        return None
    found = Perspektif.parse(text) or Perspektif.parse(f"Perspektif {text}")
    if found is None:
        raise rules.CellError(
            _("Nilai '%(value)s' tidak dikenal. Pilihan: %(choices)s.")
            % {"value": text, "choices": rules.enum_choices(Perspektif)}
        )
    return found


def _decimal_text(value: Decimal | None) -> str | None:
    """A target as plain text without trailing zeros: Decimal('12.5000') -> '12.5'."""
    if value is None:
        return None
    return format(value.normalize(), "f")


def _reference(nip: str, kode: str) -> str:
    """How a supported RHK is named in the comparison and the audit: its code and owner."""
    return f"{kode} ({nip})"


def _changes(
    before: dict[str, Any], after: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only what differs: the approach, and per RHK code its old and new value (None: absent)."""
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    if before["pendekatan"] != after["pendekatan"]:
        old["pendekatan"], new["pendekatan"] = before["pendekatan"], after["pendekatan"]
    codes = list(before["rhk"]) + [kode for kode in after["rhk"] if kode not in before["rhk"]]
    changed = [kode for kode in codes if before["rhk"].get(kode) != after["rhk"].get(kode)]
    if changed:
        old["rhk"] = {kode: before["rhk"].get(kode) for kode in changed}
        new["rhk"] = {kode: after["rhk"].get(kode) for kode in changed}
    return old, new


def _locked_error(status: str) -> str | None:
    """The message for a plan that cannot be overwritten (with %(tahun)s and %(nama)s)."""
    if skp_rules.is_editable(status):
        return None
    if status == StatusSkp.DISETUJUI:
        return _(
            "SKP %(tahun)s %(nama)s sudah disetujui; buka revisi sebelum mengubahnya lewat impor."
        )
    return _(
        "SKP %(tahun)s %(nama)s sedang diajukan kepada pejabat penilai; tarik kembali pengajuannya "
        "sebelum mengubahnya lewat impor."
    )


def _codes_after(plan: SkpPlan, nip: str, tahun: int) -> set[str]:
    """The RHK codes of an employee's plan for the year after the import."""
    spec = plan.plans.get((nip, tahun))
    if spec is not None:
        return set(spec.rhk)
    record = plan.people.existing.get(nip)
    current = plan.stored.plans.get((record.id, tahun)) if record else None
    return set(plan.stored.rhk_of_plan.get(current.id, {})) if current else set()


def _delete_indicators(rhk_ids: list[int]) -> None:
    for chunk in _chunks(rhk_ids):
        Indikator.objects.filter(rhk_id__in=chunk).delete()


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), BATCH_SIZE):
        yield ids[start : start + BATCH_SIZE]


def _label(spec: PlanSpec, people: People) -> str:
    return f"SKP {spec.tahun} {people.nama(spec.nip)}"


HANDLER = SkpSheet()
