"""The `realisasi` sheet: what employees achieved in a period, one row per indicator (IKI), with
links as evidence.

Rows with the same (nip, tahun, periode) are one report (`Laporan`) of the employee's approved
plan; `rhk_kode` and `aspek` name the indicator, `realisasi` is its value (a number for a
kuantitatif plan, a narrative for a kualitatif one), `bukti_url` an http(s) link stored as a link
evidence item for the RHK. Several rows for the same indicator repeat its value and may name
several links.

The write creates the report (a draft) when needed, upserts the realisation per indicator and adds
the links not already there (the same link for the same RHK is never added twice). A report equal
to what is stored writes nothing, whatever its state or its period's; a report that would change
must be a draft (or returned for correction) in an open period that is not locked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.audit.services import Perubahan
from kinerja.periode import rules as periode_rules
from kinerja.periode.enums import StatusPeriode
from kinerja.periode.models import Periode
from kinerja.pertukaran import rules, selectors
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
from kinerja.pertukaran.sheets.skp import PLAN_KEY as SKP_PLAN_KEY
from kinerja.pertukaran.sheets.skp import SkpPlan
from kinerja.pertukaran.sheets.unit import TREE_KEY, UnitTree
from kinerja.realisasi import rules as realisasi_rules
from kinerja.realisasi.enums import JenisBukti, StatusBukti, StatusLaporan
from kinerja.realisasi.models import BukaKunci, BuktiDukung, Laporan, Realisasi, RiwayatBukti
from kinerja.skp import rules as skp_rules
from kinerja.skp.enums import Aspek, Pendekatan, StatusSkp
from kinerja.skp.models import Indikator, Rhk, Skp

PLAN_KEY = "realisasi_plan"
OBJECT_LAPORAN = "realisasi.laporan"
TAHUN_MIN, TAHUN_MAX = 2000, 2100
NILAI_MAX_PLACES = 4
NILAI_LIMIT = Decimal("1e12")
"""The model keeps 16 digits, 4 of them decimals."""
BATCH_SIZE = 1000
PROGRESS_STEP = 1000
PERIOD_CODES = (*(f"TW{n}" for n in range(1, 5)), *(f"B{n:02d}" for n in range(1, 13)))
MONTH_CODE = re.compile(r"^B0?([1-9]|1[0-2])$")
LINK_ACTION = "TAUTAN"
"""The history step of an added link (as `realisasi.services.bukti_add_link` writes it)."""

ReportKey = tuple[str, int, str]
"""(nip, tahun, periode code)."""


# --- What is stored ----------------------------------------------------------------------------


class PlanRecord(NamedTuple):
    id: int
    pegawai_id: int
    tahun: int
    pendekatan: str
    status: str
    approved: bool


class IndikatorRecord(NamedTuple):
    id: int
    rhk_id: int
    aspek: str
    uraian: str


class PeriodeRecord(NamedTuple):
    id: int
    tahun: int
    kode: str
    status: str
    batas_verifikasi: Any


class StoredRealisasi(NamedTuple):
    id: int
    nilai: Decimal | None
    narasi: str


@dataclass
class Stored:
    """The plans of the sheet's years with their RHKs and indicators, the sheet's periods and
    their reports, realisation, links and unlocks. A fixed number of queries."""

    years: set[int]
    periods: dict[tuple[int, str], PeriodeRecord]
    plans: dict[tuple[int, int], PlanRecord]
    """By (pegawai id, tahun)."""
    rhk_of_plan: dict[int, dict[str, int]]
    """Skp id -> RHK code -> RHK id."""
    indikator_of_rhk: dict[int, list[IndikatorRecord]]
    reports: dict[tuple[int, int], tuple[int, str]] = field(default_factory=dict)
    """(skp id, periode id) -> (laporan id, status)."""
    realised: dict[tuple[int, int], StoredRealisasi] = field(default_factory=dict)
    """(laporan id, indikator id) -> realisation."""
    links: set[tuple[int, int, str]] = field(default_factory=set)
    """(laporan id, rhk id, link key) of the stored link items."""
    unlocks: list[tuple[int, int | None, int | None, Any]] = field(default_factory=list)
    """(periode id, pegawai id, unit id, sampai)."""


def _stored_plans(years: set[int]) -> Stored:
    wanted = sorted(years)
    periods = {
        (row[1], row[2]): PeriodeRecord(*row)
        for row in Periode.objects.filter(tahun__tahun__in=wanted).values_list(
            "pk", "tahun__tahun", "kode", "status", "batas_verifikasi"
        )
    }
    plans = {
        (row[1], row[2]): PlanRecord(row[0], row[1], row[2], row[3], row[4], row[5] is not None)
        for row in Skp.objects.filter(tahun__in=wanted).values_list(
            "pk", "pegawai_id", "tahun", "pendekatan", "status", "disetujui_pada"
        )
    }
    rhk_of_plan: dict[int, dict[str, int]] = defaultdict(dict)
    for pk, skp_id, kode in Rhk.objects.filter(skp__tahun__in=wanted).values_list(
        "pk", "skp_id", "kode"
    ):
        rhk_of_plan[skp_id][kode] = pk
    indikator_of_rhk: dict[int, list[IndikatorRecord]] = defaultdict(list)
    for row in (
        Indikator.objects.filter(rhk__skp__tahun__in=wanted)
        .order_by("urutan", "pk")
        .values_list("pk", "rhk_id", "aspek", "uraian")
    ):
        indikator_of_rhk[row[1]].append(IndikatorRecord(*row))
    return Stored(
        years={tahun for tahun, _kode in periods},
        periods=periods,
        plans=plans,
        rhk_of_plan=dict(rhk_of_plan),
        indikator_of_rhk=dict(indikator_of_rhk),
    )


def _stored_reports(stored: Stored, periode_ids: set[int]) -> None:
    """The reports of the sheet's periods with their realisation, links and unlocks."""
    ids = sorted(periode_ids)
    for pk, skp_id, periode_id, status in Laporan.objects.filter(periode_id__in=ids).values_list(
        "pk", "skp_id", "periode_id", "status"
    ):
        stored.reports[(skp_id, periode_id)] = (pk, status)
    for pk, laporan_id, indikator_id, nilai, narasi in Realisasi.objects.filter(
        laporan__periode_id__in=ids
    ).values_list("pk", "laporan_id", "indikator_id", "nilai", "narasi"):
        stored.realised[(laporan_id, indikator_id)] = StoredRealisasi(pk, nilai, narasi)
    stored.links = set(
        BuktiDukung.objects.filter(
            laporan__periode_id__in=ids, jenis=JenisBukti.TAUTAN.value
        ).values_list("laporan_id", "rhk_id", "tautan_kunci")
    )
    stored.unlocks = list(
        BukaKunci.objects.filter(periode_id__in=ids).values_list(
            "periode_id", "pegawai_id", "unit_id", "sampai"
        )
    )


# --- What the sheet says -----------------------------------------------------------------------


@dataclass
class RealisasiRow:
    """One parsed row; `bad` holds the columns already reported."""

    number: int
    nip: str
    tahun: int | None
    periode: str
    rhk_kode: str
    realisasi: object
    aspek: str
    bukti_url: str
    bad: set[str]


@dataclass
class Nilai:
    """The realisation of one indicator: the row that first gave it and the value."""

    number: int
    nilai: Decimal | None
    narasi: str
    key: str
    """How the indicator is named in the audit: 'RHK-01/KUANTITAS'."""

    def value(self) -> str:
        return _decimal_text(self.nilai) if self.nilai is not None else self.narasi


@dataclass
class ReportSpec:
    """The rows of one report: its realisation per indicator and its links per RHK."""

    number: int
    nip: str
    nama: str
    pegawai_id: int
    unit_id: int
    plan: PlanRecord
    periode: PeriodeRecord
    nilai: dict[int, Nilai] = field(default_factory=dict)
    """Indikator id -> value."""
    links: dict[int, dict[str, str]] = field(default_factory=dict)
    """RHK id -> link key -> link as written (first spelling)."""
    rhk_kode: dict[int, str] = field(default_factory=dict)

    def label(self) -> str:
        return _("Laporan %(periode)s %(tahun)s %(nama)s") % {
            "periode": periode_rules.period_name(self.periode.kode),
            "tahun": self.periode.tahun,
            "nama": self.nama,
        }


@dataclass
class RealisasiPlan:
    stored: Stored | None = None
    reports: dict[ReportKey, ReportSpec] = field(default_factory=dict)
    created: list[ReportKey] = field(default_factory=list)
    changed: list[ReportKey] = field(default_factory=list)
    new_values: dict[ReportKey, list[int]] = field(default_factory=dict)
    """Indikator ids whose realisation is created or changed."""
    new_links: dict[ReportKey, list[tuple[int, str, str]]] = field(default_factory=dict)
    """(rhk id, link key, link) of the items to add."""


@dataclass
class Employees:
    """The employees as stored, and the units they work in after the import."""

    existing: dict[str, PegawaiRecord]
    sheet: PegawaiPlan | None

    def in_sheet_only(self, nip: str) -> bool:
        return self.sheet is not None and nip in self.sheet.rows and nip not in self.existing

    def unit_kode_after(self, nip: str, kode_of_id: dict[int, str]) -> str:
        if self.sheet is not None and nip in self.sheet.rows:
            return self.sheet.rows[nip].unit_kode
        record = self.existing.get(nip)
        return kode_of_id.get(record.unit_id, "") if record else ""


class RealisasiSheet(SheetHandler):
    name = "realisasi"
    title = gettext_lazy("Realisasi (capaian per periode dan tautan bukti dukung)")
    description = gettext_lazy(
        "Satu baris per indikator kinerja individu (IKI) dalam satu periode. Baris dengan NIP, "
        "tahun dan periode yang sama membentuk satu laporan realisasi SKP yang sudah disetujui. "
        "Tautan di kolom bukti_url disimpan sebagai bukti dukung RHK-nya; beberapa baris boleh "
        "menyebut beberapa tautan. Laporan yang sudah diajukan atau selesai diverifikasi, dan "
        "periode yang belum dibuka, ditutup atau terkunci, tidak dapat diubah lewat impor."
    )
    columns = (
        Column(
            "nip",
            True,
            gettext_lazy("NIP pegawai pemilik SKP yang sudah disetujui."),
            "199001012015031001",
            text=True,
        ),
        Column("tahun", True, gettext_lazy("Tahun kinerja SKP."), 2026),
        Column(
            "periode",
            True,
            gettext_lazy("TW1 sampai TW4 (triwulan) atau B01 sampai B12 (bulan); bukan TAHUNAN."),
            "TW1",
        ),
        Column("rhk_kode", True, gettext_lazy("Kode RHK dalam SKP pegawai."), "RHK-01"),
        Column(
            "realisasi",
            True,
            gettext_lazy(
                "SKP kuantitatif: angka (mis. 12 atau 97,5); SKP kualitatif: uraian realisasi."
            ),
            "3",
        ),
        Column(
            "aspek",
            False,
            gettext_lazy(
                "Indikator RHK yang diisi: KUANTITAS, KUALITAS, WAKTU, BIAYA (atau uraian "
                "IKI-nya); boleh kosong bila RHK hanya memiliki satu indikator."
            ),
            "KUANTITAS",
        ),
        Column(
            "bukti_url",
            False,
            gettext_lazy("Tautan http:// atau https:// ke bukti dukung RHK ini (boleh kosong)."),
            "https://drive.example.go.id/bukti/rhk-01-tw1.pdf",
        ),
    )

    # --- Validation ---------------------------------------------------------------------

    def validate(self, table: Table | None, context: ImportContext) -> None:
        if table is None:
            return
        plan = RealisasiPlan()
        context.shared[PLAN_KEY] = plan
        errors_before = len(context.errors)
        rows: list[RealisasiRow] = []
        for row in table.rows:
            rows.append(self._parse_row(RowCells(context, self.name, row)))
            if len(rows) % PROGRESS_STEP == 0:
                context.progress.advance(PROGRESS_STEP)
        context.progress.advance(len(rows) % PROGRESS_STEP)
        employees = self._employees(context)
        stored = _stored_plans({row.tahun for row in rows if row.tahun is not None})
        plan.stored = stored
        wanted_periods = {
            stored.periods[(row.tahun, row.periode)].id
            for row in rows
            if row.tahun is not None and (row.tahun, row.periode) in stored.periods
        }
        _stored_reports(stored, wanted_periods)
        self._group(rows, employees, stored, plan, context)
        self._check_scope(plan, employees, context)
        self._plan(plan, context)
        if len(context.errors) > errors_before:
            plan.created.clear()
            plan.changed.clear()

    def _employees(self, context: ImportContext) -> Employees:
        """The stored employees, read once per import (the earlier sheets already have them)."""
        sheet_people: PegawaiPlan | None = context.shared.get(PEGAWAI_PLAN_KEY)
        skp_plan: SkpPlan | None = context.shared.get(SKP_PLAN_KEY)
        if sheet_people is not None:
            existing = sheet_people.existing
        elif skp_plan is not None:
            existing = skp_plan.people.existing
        else:
            existing = selectors.pegawai_by_nip()
        return Employees(existing=existing, sheet=sheet_people)

    def _parse_row(self, cells: RowCells) -> RealisasiRow:
        nip = cells.value("nip", rules.cell_nip) or ""
        if not nip and "nip" not in cells.bad:
            cells.error("nip", _("Wajib diisi."))
        tahun = cells.value("tahun", rules.cell_integer)
        if tahun is None and "tahun" not in cells.bad:
            cells.error("tahun", _("Wajib diisi."))
        elif tahun is not None and not TAHUN_MIN <= tahun <= TAHUN_MAX:
            cells.error("tahun", _("Tahun harus antara 2000 dan 2100."))
            tahun = None
        periode = cells.value("periode", _cell_periode) or ""
        if not periode and "periode" not in cells.bad:
            cells.error("periode", _("Wajib diisi."))
        rhk_kode = cells.text("rhk_kode", required=True)
        raw = cells.row.cells.get("realisasi")
        if rules.is_blank(raw) and "realisasi" in cells.row.cells:
            cells.error("realisasi", _("Wajib diisi."))
        aspek = cells.text("aspek")
        url = cells.text("bukti_url")
        if url:
            problem = realisasi_rules.link_error(url)
            if problem:
                cells.error("bukti_url", problem)
                url = ""
        return RealisasiRow(
            number=cells.number,
            nip=nip,
            tahun=tahun,
            periode=periode,
            rhk_kode=rhk_kode,
            realisasi=raw,
            aspek=aspek,
            bukti_url=url,
            bad=cells.bad,
        )

    def _group(
        self,
        rows: list[RealisasiRow],
        employees: Employees,
        stored: Stored,
        plan: RealisasiPlan,
        context: ImportContext,
    ) -> None:
        """Resolve each row to its plan, period, RHK and indicator, and gather the reports."""
        skp_plan: SkpPlan | None = context.shared.get(SKP_PLAN_KEY)
        rewritten = set(skp_plan.changed) if skp_plan is not None else set()
        for row in rows:
            if not row.nip or row.tahun is None or not row.periode or "nip" in row.bad:
                continue
            cells = _Reporter(self.name, row, context)
            record = employees.existing.get(row.nip)
            if record is None:
                cells.error("nip", self._unknown_employee(row, employees))
                continue
            periode = self._periode(row, stored, cells)
            current = stored.plans.get((record.id, row.tahun))
            if row.tahun not in stored.years:
                continue  # reported by _periode
            if current is None or not current.approved:
                cells.error("nip", _not_approved(current, row.tahun, record.nama))
                continue
            if (row.nip, row.tahun) in rewritten:
                cells.error(
                    "nip",
                    _(
                        "SKP %(tahun)s %(nama)s diubah oleh sheet skp dalam impor ini; impor "
                        "realisasinya setelah SKP tersebut disetujui kembali."
                    )
                    % {"tahun": row.tahun, "nama": record.nama},
                )
                continue
            if periode is None or not row.rhk_kode:
                continue
            rhk_id = stored.rhk_of_plan.get(current.id, {}).get(row.rhk_kode)
            if rhk_id is None:
                cells.error(
                    "rhk_kode",
                    _("RHK %(kode)s tidak ada dalam SKP %(tahun)s %(nama)s.")
                    % {"kode": row.rhk_kode, "tahun": row.tahun, "nama": record.nama},
                )
                continue
            indikator = self._indikator(row, stored.indikator_of_rhk.get(rhk_id, []), cells)
            nilai = self._nilai(row, current.pendekatan, cells)
            if indikator is None or nilai is None:
                continue
            key = (row.nip, row.tahun, row.periode)
            report = plan.reports.get(key)
            if report is None:
                report = plan.reports[key] = ReportSpec(
                    number=row.number,
                    nip=row.nip,
                    nama=record.nama,
                    pegawai_id=record.id,
                    unit_id=record.unit_id,
                    plan=current,
                    periode=periode,
                )
            report.rhk_kode[rhk_id] = row.rhk_kode
            self._add_value(report, indikator, nilai, row, cells)
            if row.bukti_url:
                links = report.links.setdefault(rhk_id, {})
                links.setdefault(realisasi_rules.link_key(row.bukti_url), row.bukti_url)

    def _unknown_employee(self, row: RealisasiRow, employees: Employees) -> str:
        if employees.in_sheet_only(row.nip):
            return _(
                "Pegawai dengan NIP %(nip)s baru dibuat oleh sheet pegawai sehingga belum "
                "memiliki SKP %(tahun)s yang disetujui."
            ) % {"nip": row.nip, "tahun": row.tahun}
        return _(
            "Pegawai dengan NIP %(nip)s tidak ada, baik di sheet pegawai maupun di basis data."
        ) % {"nip": row.nip}

    def _periode(self, row: RealisasiRow, stored: Stored, cells: _Reporter) -> PeriodeRecord | None:
        assert row.tahun is not None
        if row.tahun not in stored.years:
            cells.error(
                "tahun",
                _(
                    "Tahun kinerja %(tahun)s belum dibuka di Kinerja, sehingga belum ada SKP yang "
                    "disetujui untuk tahun itu."
                )
                % {"tahun": row.tahun},
            )
            return None
        found = stored.periods.get((row.tahun, row.periode))
        if found is None:
            codes = sorted(
                (
                    kode
                    for tahun, kode in stored.periods
                    if tahun == row.tahun and kode != periode_rules.TAHUNAN
                ),
                key=PERIOD_CODES.index,
            )
            cells.error(
                "periode",
                _("Tahun kinerja %(tahun)s tidak memiliki periode %(kode)s. Pilihan: %(pilihan)s.")
                % {"tahun": row.tahun, "kode": row.periode, "pilihan": ", ".join(codes)},
            )
        return found

    def _indikator(
        self, row: RealisasiRow, indicators: list[IndikatorRecord], cells: _Reporter
    ) -> tuple[IndikatorRecord, str] | None:
        """The indicator the row names, and its name in the audit ('RHK-01/WAKTU')."""
        if "aspek" in row.bad:
            return None
        names = _indicator_names(row.rhk_kode, indicators)
        if not indicators:
            cells.error(
                "rhk_kode",
                _("RHK %(kode)s belum memiliki indikator; realisasi dicatat per indikator.")
                % {"kode": row.rhk_kode},
            )
            return None
        choices = ", ".join(_choice(item, indicators) for item in indicators)
        if not row.aspek:
            if len(indicators) == 1:
                return indicators[0], names[indicators[0].id]
            cells.error(
                "aspek",
                _(
                    "RHK %(kode)s memiliki %(jumlah)d indikator; isi kolom aspek dengan salah "
                    "satu: %(pilihan)s."
                )
                % {"kode": row.rhk_kode, "jumlah": len(indicators), "pilihan": choices},
            )
            return None
        aspek = Aspek.parse(row.aspek)
        if aspek is not None:
            matching = [item for item in indicators if item.aspek == aspek.value]
        else:
            wanted = _normalised(row.aspek)
            matching = [item for item in indicators if _normalised(item.uraian) == wanted]
        if len(matching) == 1:
            return matching[0], names[matching[0].id]
        if not matching:
            cells.error(
                "aspek",
                _("RHK %(kode)s tidak memiliki indikator '%(value)s'. Pilihan: %(pilihan)s.")
                % {"kode": row.rhk_kode, "value": row.aspek, "pilihan": choices},
            )
        else:
            cells.error(
                "aspek",
                _(
                    "RHK %(kode)s memiliki %(jumlah)d indikator aspek %(aspek)s; tulis uraian "
                    "IKI-nya di kolom aspek: %(pilihan)s."
                )
                % {
                    "kode": row.rhk_kode,
                    "jumlah": len(matching),
                    "aspek": row.aspek,
                    "pilihan": ", ".join(f"'{item.uraian}'" for item in matching),
                },
            )
        return None

    def _nilai(
        self, row: RealisasiRow, pendekatan: str, cells: _Reporter
    ) -> tuple[Decimal | None, str] | None:
        """The value as (number, narrative) for the plan's approach; None when refused."""
        if "realisasi" in row.bad or rules.is_blank(row.realisasi):
            return None  # reported when the row was read
        if pendekatan == Pendekatan.KUALITATIF:
            try:
                text = rules.cell_text(row.realisasi)
            except rules.CellError as error:
                cells.error("realisasi", str(error))
                return None
            return None, text
        try:
            number = _cell_nilai(row.realisasi)
        except rules.CellError as error:
            cells.error("realisasi", str(error))
            return None
        return number, ""

    def _add_value(
        self,
        report: ReportSpec,
        indikator: tuple[IndikatorRecord, str],
        nilai: tuple[Decimal | None, str],
        row: RealisasiRow,
        cells: _Reporter,
    ) -> None:
        record, key = indikator
        given = Nilai(row.number, nilai[0], nilai[1], key)
        first = report.nilai.get(record.id)
        if first is None:
            report.nilai[record.id] = given
        elif (first.nilai, first.narasi) != (given.nilai, given.narasi):
            cells.error(
                "realisasi",
                _(
                    "Tidak sama dengan baris %(row)d untuk indikator %(indikator)s ('%(value)s'); "
                    "satu indikator hanya memiliki satu realisasi per periode."
                )
                % {"row": first.number, "indikator": key, "value": first.value()},
            )

    def _check_scope(
        self, plan: RealisasiPlan, employees: Employees, context: ImportContext
    ) -> None:
        if not context.restricted:
            return
        tree: UnitTree = context.shared[TREE_KEY]
        kode_of_id = {record.id: kode for kode, record in tree.existing.items()}
        checked: set[str] = set()
        for report in plan.reports.values():
            if report.nip in checked:
                continue
            checked.add(report.nip)
            after = employees.unit_kode_after(report.nip, kode_of_id)
            now = kode_of_id.get(report.unit_id, "")
            problem = tree.employee_outside_error(after, now)
            if problem:
                context.error(self.name, report.number, "nip", problem)

    # --- Planning -----------------------------------------------------------------------

    def _plan(self, plan: RealisasiPlan, context: ImportContext) -> None:
        """Compare each report with the stored one: what to create, change, refuse."""
        stored = plan.stored
        assert stored is not None
        tree: UnitTree = context.shared[TREE_KEY]
        jalur_of_unit = {record.id: record.jalur for record in tree.existing.values()}
        today = timezone.localdate()
        unchanged = 0
        links_added = 0
        for key, report in plan.reports.items():
            found = stored.reports.get((report.plan.id, report.periode.id))
            laporan_id = found[0] if found else 0
            values = [
                indikator_id
                for indikator_id, nilai in report.nilai.items()
                if _differs(stored.realised.get((laporan_id, indikator_id)), nilai)
            ]
            links = [
                (rhk_id, link_key, url)
                for rhk_id, by_key in report.links.items()
                for link_key, url in by_key.items()
                if (laporan_id, rhk_id, link_key) not in stored.links
            ]
            if found is not None and not values and not links:
                unchanged += 1
                continue
            problem = self._write_problem(report, found, stored, jalur_of_unit, today)
            if problem:
                context.error(self.name, report.number, "periode", problem)
                continue
            (plan.changed if found else plan.created).append(key)
            plan.new_values[key] = values
            plan.new_links[key] = links
            links_added += len(links)
        context.counts[self.name] = SheetCounts(
            created=len(plan.created), updated=len(plan.changed), unchanged=unchanged
        )
        if links_added:
            context.extra["bukti_baru"] = links_added

    def _write_problem(
        self,
        report: ReportSpec,
        found: tuple[int, str] | None,
        stored: Stored,
        jalur_of_unit: dict[int, str],
        today: Any,
    ) -> str | None:
        """Why a report that would change cannot: its period's state or lock, its own state."""
        periode = report.periode
        where = {
            "periode": periode_rules.period_name(periode.kode),
            "tahun": periode.tahun,
            "nama": report.nama,
        }
        if periode.status == StatusPeriode.DRAF:
            return _("Periode %(periode)s %(tahun)s belum dibuka.") % where
        problem = realisasi_rules.lock_error(
            today=today,
            period_status=periode.status,
            batas_verifikasi=periode.batas_verifikasi,
            unlocked_until=_unlocked_until(report, stored, jalur_of_unit),
        )
        if problem:
            return _("%(periode)s %(tahun)s: %(alasan)s") % {**where, "alasan": problem}
        if found is None or found[1] in (StatusLaporan.DRAF, StatusLaporan.PERLU_PERBAIKAN):
            return None
        if found[1] == StatusLaporan.DIAJUKAN:
            return (
                _(
                    "Laporan %(periode)s %(tahun)s %(nama)s sudah diajukan kepada pejabat "
                    "penilai; realisasinya tidak dapat diubah lewat impor."
                )
                % where
            )
        return (
            _(
                "Laporan %(periode)s %(tahun)s %(nama)s sudah selesai diverifikasi; "
                "realisasinya tidak dapat diubah lewat impor."
            )
            % where
        )

    def write_count(self, context: ImportContext) -> int:
        plan: RealisasiPlan | None = context.shared.get(PLAN_KEY)
        return len(plan.created) + len(plan.changed) if plan else 0

    # --- Writing ------------------------------------------------------------------------

    def write(self, context: ImportContext) -> None:
        plan: RealisasiPlan | None = context.shared.get(PLAN_KEY)
        if plan is None or not (plan.created or plan.changed):
            return
        stored = plan.stored
        assert stored is not None
        now = timezone.now()
        laporan_ids = self._write_reports(plan, stored, now)
        before = self._write_values(plan, stored, laporan_ids, now)
        self._write_links(plan, laporan_ids, context, now)
        self._audit(plan, laporan_ids, before, context)
        context.progress.advance(len(plan.created) + len(plan.changed))

    def _write_reports(self, plan: RealisasiPlan, stored: Stored, now: Any) -> dict[ReportKey, int]:
        """Create the new reports (drafts); touch the changed ones."""
        ids: dict[ReportKey, int] = {}
        for key in plan.changed:
            report = plan.reports[key]
            ids[key] = stored.reports[(report.plan.id, report.periode.id)][0]
        created = Laporan.objects.bulk_create(
            [
                Laporan(
                    skp_id=plan.reports[key].plan.id,
                    periode_id=plan.reports[key].periode.id,
                    status=StatusLaporan.DRAF.value,
                )
                for key in plan.created
            ],
            batch_size=BATCH_SIZE,
        )
        for key, laporan in zip(plan.created, created, strict=True):
            ids[key] = laporan.pk
        changed_ids = [ids[key] for key in plan.changed]
        for start in range(0, len(changed_ids), BATCH_SIZE):
            Laporan.objects.filter(pk__in=changed_ids[start : start + BATCH_SIZE]).update(
                diubah_pada=now
            )
        return ids

    def _write_values(
        self,
        plan: RealisasiPlan,
        stored: Stored,
        laporan_ids: dict[ReportKey, int],
        now: Any,
    ) -> dict[ReportKey, dict[str, str | None]]:
        """Insert the new realisation, update the changed; returns the values before."""
        new: list[Realisasi] = []
        changed: list[Realisasi] = []
        before: dict[ReportKey, dict[str, str | None]] = {}
        for key in [*plan.created, *plan.changed]:
            report = plan.reports[key]
            laporan_id = laporan_ids[key]
            before[key] = {}
            for indikator_id in plan.new_values[key]:
                nilai = report.nilai[indikator_id]
                current = stored.realised.get((laporan_id, indikator_id))
                if current is None:
                    before[key][nilai.key] = None
                    new.append(
                        Realisasi(
                            laporan_id=laporan_id,
                            indikator_id=indikator_id,
                            nilai=nilai.nilai,
                            narasi=nilai.narasi,
                        )
                    )
                else:
                    before[key][nilai.key] = (
                        _decimal_text(current.nilai)
                        if current.nilai is not None
                        else current.narasi
                    )
                    changed.append(
                        Realisasi(
                            pk=current.id, nilai=nilai.nilai, narasi=nilai.narasi, diubah_pada=now
                        )
                    )
        Realisasi.objects.bulk_create(new, batch_size=BATCH_SIZE)
        Realisasi.objects.bulk_update(
            changed, ["nilai", "narasi", "diubah_pada"], batch_size=BATCH_SIZE
        )
        return before

    def _write_links(
        self,
        plan: RealisasiPlan,
        laporan_ids: dict[ReportKey, int],
        context: ImportContext,
        now: Any,
    ) -> None:
        """Add the new links as evidence items waiting for verification, each with its first
        history step."""
        description = _("Bukti dari impor")
        items = [
            BuktiDukung(
                laporan_id=laporan_ids[key],
                rhk_id=rhk_id,
                jenis=JenisBukti.TAUTAN.value,
                uraian=description,
                tautan=url,
                tautan_kunci=link_key,
                status=StatusBukti.MENUNGGU.value,
                diunggah_pada=now,
            )
            for key in [*plan.created, *plan.changed]
            for rhk_id, link_key, url in plan.new_links[key]
        ]
        created = BuktiDukung.objects.bulk_create(items, batch_size=BATCH_SIZE)
        RiwayatBukti.objects.bulk_create(
            [
                RiwayatBukti(
                    bukti_id=item.pk,
                    putaran=item.putaran,
                    aksi=LINK_ACTION,
                    status=item.status,
                    keterangan=item.tautan[:500],
                    oleh_id=context.aktor.pengguna_id,
                    oleh_label=context.aktor.label[:255],
                )
                for item in created
            ],
            batch_size=BATCH_SIZE,
        )

    def _audit(
        self,
        plan: RealisasiPlan,
        laporan_ids: dict[ReportKey, int],
        before: dict[ReportKey, dict[str, str | None]],
        context: ImportContext,
    ) -> None:
        """One `realisasi.update` entry per report created or changed: the values before and
        after of the indicators that changed, and the links added per RHK."""
        keterangan = _("Impor data, berlaku mulai %(date)s.") % {
            "date": context.berlaku_mulai.isoformat()
        }
        for key in [*plan.created, *plan.changed]:
            report = plan.reports[key]
            after: dict[str, Any] = {}
            if plan.new_values[key]:
                after["realisasi"] = {
                    report.nilai[indikator_id].key: report.nilai[indikator_id].value()
                    for indikator_id in plan.new_values[key]
                }
            links: dict[str, list[str]] = defaultdict(list)
            for rhk_id, _link_key, url in plan.new_links[key]:
                links[report.rhk_kode[rhk_id]].append(url)
            if links:
                after["tautan"] = dict(links)
            created = key in plan.created
            context.perubahan.append(
                Perubahan(
                    aksi="realisasi.update",
                    objek_tipe=OBJECT_LAPORAN,
                    objek_id=str(laporan_ids[key]),
                    objek_label=report.label(),
                    sebelum={"realisasi": before[key]} if before[key] and not created else None,
                    sesudah=(
                        {"pegawai": report.nip, "tahun": key[1], "periode": key[2]} | after
                        if created
                        else after
                    ),
                    keterangan=keterangan,
                )
            )


# --- Helpers -----------------------------------------------------------------------------------


class _Reporter:
    """Reports the problems of one row (as `RowCells` does) once the cells are parsed."""

    def __init__(self, sheet: str, row: RealisasiRow, context: ImportContext) -> None:
        self.sheet = sheet
        self.row = row
        self.context = context

    def error(self, column: str, reason: str) -> None:
        self.row.bad.add(column)
        self.context.error(self.sheet, self.row.number, column, reason)


def _cell_periode(value: object) -> str:
    """A period code (TW1–TW4, B01–B12, in any case; B1 is B01) or its name ("Triwulan II",
    "Maret"). TAHUNAN is refused: realisation is recorded per quarter or month."""
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
    if code == periode_rules.TAHUNAN or _normalised(text) == _normalised(
        periode_rules.period_name(periode_rules.TAHUNAN)
    ):
        raise rules.CellError(
            _("Realisasi diisi per triwulan atau per bulan, bukan untuk periode TAHUNAN.")
        )
    if code not in PERIOD_CODES:
        raise rules.CellError(
            _(
                "Periode '%(value)s' tidak dikenal. Pilihan: TW1–TW4 (triwulan) atau B01–B12 "
                "(bulan)."
            )
            % {"value": text}
        )
    return code


def _cell_nilai(value: object) -> Decimal:
    """A numeric realisation: a number, or text written the Indonesian way ("97,5") or plainly."""
    message = _("Realisasi harus berupa angka, mis. 12 atau 97,5.")
    if isinstance(value, bool):
        raise rules.CellError(message)
    try:
        number = skp_rules.parse_target(
            value if isinstance(value, int | float) else rules.cell_text(value)
        )
    except (ValueError, ArithmeticError):
        raise rules.CellError(message) from None
    if number is None or not number.is_finite():
        raise rules.CellError(message)
    if number < 0:
        raise rules.CellError(_("Realisasi tidak boleh negatif."))
    if number >= NILAI_LIMIT:
        raise rules.CellError(_("Realisasi terlalu besar."))
    if -number.normalize().as_tuple().exponent > NILAI_MAX_PLACES:  # type: ignore[operator]
        raise rules.CellError(_("Realisasi paling banyak 4 angka di belakang koma."))
    return number


def _not_approved(current: PlanRecord | None, tahun: int, nama: str) -> str:
    reason = _(
        "Realisasi hanya diimpor untuk SKP yang sudah disetujui di Kinerja (sheet skp mengimpor "
        "SKP sebagai draf)."
    )
    if current is None:
        return _("%(nama)s belum memiliki SKP %(tahun)s.") % {
            "nama": nama,
            "tahun": tahun,
        } + (" " + reason)
    return _("SKP %(tahun)s %(nama)s belum disetujui (berstatus %(status)s).") % {
        "tahun": tahun,
        "nama": nama,
        "status": str(StatusSkp(current.status).label).lower(),
    } + (" " + reason)


def _indicator_names(kode: str, indicators: list[IndikatorRecord]) -> dict[int, str]:
    """'RHK-01/KUANTITAS'; 'RHK-01/KUANTITAS/2' for the second of two with the same aspect."""
    seen: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for item in indicators:
        total[item.aspek] += 1
    names = {}
    for item in indicators:
        seen[item.aspek] += 1
        suffix = f"/{seen[item.aspek]}" if total[item.aspek] > 1 else ""
        names[item.id] = f"{kode}/{item.aspek}{suffix}"
    return names


def _choice(item: IndikatorRecord, indicators: list[IndikatorRecord]) -> str:
    """How an indicator can be named in the `aspek` column: its aspect, or its text when the
    RHK has several indicators of that aspect."""
    if sum(1 for other in indicators if other.aspek == item.aspek) > 1:
        return f"'{item.uraian}'"
    return item.aspek


def _normalised(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _differs(current: StoredRealisasi | None, wanted: Nilai) -> bool:
    if current is None:
        return True
    return (current.nilai, current.narasi) != (wanted.nilai, wanted.narasi)


def _unlocked_until(report: ReportSpec, stored: Stored, jalur_of_unit: dict[int, str]) -> Any:
    """The latest day HR unlocked the employee, or a unit above them, for the period."""
    jalur = jalur_of_unit.get(report.unit_id, "")
    units = {int(part) for part in jalur.strip("/").split("/") if part}
    days = [
        sampai
        for periode_id, pegawai_id, unit_id, sampai in stored.unlocks
        if periode_id == report.periode.id
        and (pegawai_id == report.pegawai_id or (unit_id is not None and unit_id in units))
    ]
    return max(days, default=None)


def _decimal_text(value: Decimal | None) -> str:
    """A value as plain text without trailing zeros: Decimal('12.5000') -> '12.5'."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


HANDLER = RealisasiSheet()
