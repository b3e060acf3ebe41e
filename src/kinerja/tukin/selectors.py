"""Reading the allowance: the inputs of a month's computation gathered in a fixed number of
queries, the computation itself (without storing), stored allowances, attendance, the history of
recomputations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import Predikat
from kinerja.aturan.models import SetAturan
from kinerja.organisasi.models import Jabatan, Pegawai, Pengecualian, RiwayatJabatan, Unit
from kinerja.penilaian.enums import StatusPenilaian
from kinerja.penilaian.models import Penilaian
from kinerja.penilaian.selectors import aturan_resolver
from kinerja.periode import rules as periode_rules
from kinerja.tukin import rules
from kinerja.tukin.models import Kehadiran, Perhitungan, PerubahanTukin, Tukin

CHUNK = 5000


def _chunks(ids: Collection[int]) -> Iterator[list[int]]:
    items = sorted(ids)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def kehadiran_counts(kehadiran: Kehadiran | None) -> aturan_rules.Kehadiran:
    """The rule engine's attendance of a stored month (all zero when none was recorded)."""
    if kehadiran is None:
        return aturan_rules.Kehadiran()
    return aturan_rules.Kehadiran(
        terlambat=(kehadiran.tl1, kehadiran.tl2, kehadiran.tl3, kehadiran.tl4),
        pulang_cepat=(kehadiran.psw1, kehadiran.psw2, kehadiran.psw3, kehadiran.psw4),
        tanpa_rekaman=kehadiran.tanpa_rekaman,
        tanpa_keterangan=kehadiran.tanpa_keterangan,
        cuti_alasan_penting=kehadiran.cuti_alasan_penting,
        hukuman_disiplin_sedang=kehadiran.hukuman_disiplin_sedang,
    )


@dataclass
class Hitungan:
    """One employee's allowance for a month as it would be computed now. `hasil` is None when
    it cannot be computed, with the reason in `alasan` (no grade, no amount in the rule set,
    excluded, inactive)."""

    pegawai: Pegawai
    tahun: int
    bulan: int
    unit: Unit
    jabatan: Jabatan
    set_aturan: SetAturan | None
    predikat_tahun_lalu: Predikat | None
    kehadiran: Kehadiran | None
    hasil: aturan_rules.HasilTukin | None
    alasan: str = ""

    @property
    def angka(self) -> rules.Angka | None:
        if self.hasil is None or self.set_aturan is None:
            return None
        return rules.Angka(
            kelas_jabatan=self.hasil.kelas_jabatan,
            set_aturan_id=self.set_aturan.pk,
            predikat_tahun_lalu=self.predikat_tahun_lalu.value if self.predikat_tahun_lalu else "",
            bruto=self.hasil.bruto,
            persen_potongan=self.hasil.persen_potongan,
            netto=self.hasil.netto,
            potongan={c.kode: c.kejadian for c in self.hasil.potongan if c.kejadian},
        )


def stored_angka(tukin: Tukin) -> rules.Angka:
    return rules.Angka(
        kelas_jabatan=tukin.kelas_jabatan,
        set_aturan_id=tukin.set_aturan_id,
        predikat_tahun_lalu=tukin.predikat_tahun_lalu,
        bruto=tukin.bruto,
        persen_potongan=Decimal(tukin.persen_potongan),
        netto=tukin.netto,
        potongan={item["kode"]: item["kejadian"] for item in tukin.rincian if item["kejadian"]},
    )


def _employees(pegawai_ids: Collection[int] | None, jalur: str | None) -> QuerySet[Pegawai]:
    employees = Pegawai.objects.select_related("unit", "jabatan")
    if jalur:
        employees = employees.filter(unit__jalur__startswith=jalur)
    if pegawai_ids is not None:
        employees = employees.filter(pk__in=list(pegawai_ids))
    return employees.order_by("pk")


def _excluded(ids: Collection[int], day: Any) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk in _chunks(ids):
        for pegawai_id, jenis in (
            Pengecualian.objects.filter(pegawai_id__in=chunk, mulai__lte=day)
            .filter(Q(sampai__isnull=True) | Q(sampai__gt=day))
            .values_list("pegawai_id", "jenis")
        ):
            found[pegawai_id] = jenis
    return found


def _positions(ids: Collection[int], day: Any) -> dict[int, RiwayatJabatan]:
    found: dict[int, RiwayatJabatan] = {}
    for chunk in _chunks(ids):
        for item in (
            RiwayatJabatan.objects.filter(pegawai_id__in=chunk, mulai__lte=day)
            .filter(Q(sampai__isnull=True) | Q(sampai__gt=day))
            .select_related("unit", "jabatan")
            .order_by("mulai", "pk")
        ):
            found[item.pegawai_id] = item
    return found


def last_year_predikat(ids: Collection[int], tahun: int) -> dict[int, Predikat]:
    """The finalised annual predikat of `tahun` − 1 of each employee that has one."""
    found: dict[int, Predikat] = {}
    for chunk in _chunks(ids):
        for pegawai_id, predikat in Penilaian.objects.filter(
            pegawai_id__in=chunk,
            periode__tahun__tahun=tahun - 1,
            periode__kode=periode_rules.TAHUNAN,
            status=StatusPenilaian.FINAL,
        ).values_list("pegawai_id", "predikat"):
            found[pegawai_id] = Predikat(predikat)
    return found


def _attendance(ids: Collection[int], tahun: int, bulan: int) -> dict[int, Kehadiran]:
    found: dict[int, Kehadiran] = {}
    for chunk in _chunks(ids):
        for item in Kehadiran.objects.filter(pegawai_id__in=chunk, tahun=tahun, bulan=bulan):
            found[item.pegawai_id] = item
    return found


def allowance_calculate(
    *,
    tahun: int,
    bulan: int,
    pegawai_ids: Collection[int] | None = None,
    jalur: str | None = None,
) -> list[Hitungan]:
    """The allowance of each employee (of `pegawai_ids`, or under the unit path `jalur`, or all)
    for a month, computed now with the rule set in effect on the month's last day, the position
    held that day (from the position history; the current one when the history has none), last
    year's finalised annual predikat and the recorded attendance. Excluded and inactive
    employees are returned without a result and with the reason. A fixed number of queries."""
    day = rules.month_last_day(tahun, bulan)
    employees = list(_employees(pegawai_ids, jalur))
    ids = [employee.pk for employee in employees]
    excluded = _excluded(ids, day)
    positions = _positions(ids, day)
    previous = last_year_predikat(ids, tahun)
    attendance = _attendance(ids, tahun, bulan)
    resolve = aturan_resolver(day)
    labels = dict(Pengecualian._meta.get_field("jenis").flatchoices)
    result = []
    for employee in employees:
        held = positions.get(employee.pk)
        unit = held.unit if held else employee.unit
        jabatan = held.jabatan if held else employee.jabatan
        item = Hitungan(
            employee,
            tahun,
            bulan,
            unit,
            jabatan,
            None,
            previous.get(employee.pk),
            attendance.get(employee.pk),
            None,
        )
        result.append(item)
        if employee.pk in excluded:
            item.alasan = _("Dikecualikan: %(jenis)s.") % {
                "jenis": labels.get(excluded[employee.pk], excluded[employee.pk])
            }
        elif not employee.aktif:
            item.alasan = _("Pegawai tidak aktif.")
        elif jabatan.kelas_jabatan is None:
            item.alasan = _("Kelas jabatan %(jabatan)s belum diisi.") % {"jabatan": jabatan.nama}
        else:
            _compute(item, resolve, unit)
    return result


def _compute(item: Hitungan, resolve: Any, unit: Unit) -> None:
    try:
        item.set_aturan = resolve(unit.jalur)
        assert item.set_aturan is not None
        item.hasil = aturan_rules.allowance_compute(
            item.set_aturan.aturan(),
            item.jabatan.kelas_jabatan or 0,
            kehadiran_counts(item.kehadiran),
            item.predikat_tahun_lalu,
        )
    except aturan_rules.RuleError as error:
        item.alasan = str(error)


def allowance_period(
    *,
    tahun: int,
    months: Iterable[int],
    pegawai_ids: Collection[int],
    jalur: str | None = None,
) -> dict[int, rules.TukinPeriode]:
    """The allowance of each employee over the months of a period: the stored allowance of each
    month, or, for a month not computed yet, the allowance computed now (not stored). Employees
    with no month that can be computed are left out. `jalur` narrows the stored rows read (all
    of `pegawai_ids` should lie under it)."""
    wanted = set(pegawai_ids)
    month_list = sorted(set(months))
    per_employee: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    stored = Tukin.objects.filter(tahun=tahun, bulan__in=month_list)
    if jalur:
        stored = stored.filter(pegawai__unit__jalur__startswith=jalur)
    for pegawai_id, bulan, bruto, netto in stored.values_list(
        "pegawai_id", "bulan", "bruto", "netto"
    ).iterator(chunk_size=20000):
        if pegawai_id in wanted:
            per_employee[pegawai_id][bulan] = (bruto, netto)
    for bulan in month_list:
        missing = [pk for pk in wanted if bulan not in per_employee.get(pk, {})]
        if not missing:
            continue
        for item in allowance_calculate(tahun=tahun, bulan=bulan, pegawai_ids=missing):
            if item.hasil is not None:
                per_employee[item.pegawai.pk][bulan] = (item.hasil.bruto, item.hasil.netto)
    totals = {}
    for pegawai_id, by_month in per_employee.items():
        total = rules.period_total(by_month.values())
        if total is not None:
            totals[pegawai_id] = total
    return totals


def tukin_list(*, tahun: int, bulan: int, jalur: str | None = None) -> QuerySet[Tukin]:
    """The stored allowances of a month (under a unit path), by unit then name."""
    rows = Tukin.objects.filter(tahun=tahun, bulan=bulan).select_related(
        "pegawai", "unit", "jabatan", "set_aturan"
    )
    if jalur:
        rows = rows.filter(unit__jalur__startswith=jalur)
    return rows.order_by("unit__jalur", "pegawai__nama", "pegawai__nip")


def tukin_of(pegawai: Pegawai, tahun: int) -> QuerySet[Tukin]:
    """An employee's stored allowances of a year, by month."""
    return (
        Tukin.objects.filter(pegawai=pegawai, tahun=tahun)
        .select_related("unit", "jabatan", "set_aturan")
        .order_by("bulan")
    )


def kehadiran_of(pegawai: Pegawai, tahun: int) -> dict[int, Kehadiran]:
    """An employee's recorded attendance of a year, by month."""
    return {item.bulan: item for item in Kehadiran.objects.filter(pegawai=pegawai, tahun=tahun)}


def kehadiran_list(*, tahun: int, bulan: int, jalur: str | None = None) -> QuerySet[Kehadiran]:
    rows = Kehadiran.objects.filter(tahun=tahun, bulan=bulan).select_related(
        "pegawai", "pegawai__unit"
    )
    if jalur:
        rows = rows.filter(pegawai__unit__jalur__startswith=jalur)
    return rows.order_by("pegawai__unit__jalur", "pegawai__nama")


def absences_in_year(
    *, tahun: int, pegawai_ids: Collection[int] | None = None, jalur: str | None = None
) -> dict[int, int]:
    """Days absent without reason (tanpa keterangan) in a year, per employee with any."""
    rows = Kehadiran.objects.filter(tahun=tahun, tanpa_keterangan__gt=0)
    if jalur:
        rows = rows.filter(pegawai__unit__jalur__startswith=jalur)
    if pegawai_ids is not None:
        rows = rows.filter(pegawai_id__in=list(pegawai_ids))
    totals = rows.values("pegawai_id").annotate(total=Sum("tanpa_keterangan"))
    return dict(totals.values_list("pegawai_id", "total"))


def perhitungan_list(*, jalur: str | None = None) -> QuerySet[Perhitungan]:
    """Recomputations, newest first (those of the agency and of units under `jalur`)."""
    runs = Perhitungan.objects.select_related("unit")
    if jalur:
        runs = runs.filter(Q(unit__jalur__startswith=jalur))
    return runs


def perubahan_of(perhitungan: Perhitungan) -> QuerySet[PerubahanTukin]:
    return perhitungan.perubahan.select_related("pegawai").order_by("pegawai__nama")
