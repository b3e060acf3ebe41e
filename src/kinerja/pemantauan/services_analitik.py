"""The refresh's rater analytics and evidence integrity figures (`services.monitoring_refresh`
stores them with the other figures, in the same transaction).

Rater analytics, per started period: the finalised predikat counted per appraiser (or none),
the assessment's frozen unit and jenis jabatan, with the assessments whose result rating
contradicts the employee's evidence verdicts (`rules.analitik.contradiction`; for the annual
period the evidence of the whole year) and each appraiser's verification turnaround and items
waiting past the deadline. Pages sum the rows of a subtree or an appraiser and compare them.

Integrity, per performance year: the files (SHA-256) and links submitted by more than one
employee in the year, each group's row per unit subtree that used it (for the year and per
period, numbered in the order of the subtree's list), each flagged item (in such a group, or
uploaded after its period's realisation deadline) with its employee's current unit, and per
unit and period the items and flagged items."""

from __future__ import annotations

import datetime
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kinerja.aturan.enums import Predikat, Rating
from kinerja.organisasi.rules import unit_path_ancestors
from kinerja.pemantauan.models import (
    EVIDENCE_COUNTS,
    PREDIKAT_COUNTS,
    PREDIKAT_FIELDS,
    BuktiSama,
    BuktiSamaUnit,
    KasusKontradiksi,
    KecepatanVerifikasi,
    RingkasanBukti,
    RingkasanBuktiTahun,
    SebaranPenilai,
    SebaranPenilaiUnit,
    TandaBukti,
)
from kinerja.pemantauan.rules import analitik as rules
from kinerja.pemantauan.selectors import sumber_analitik as read
from kinerja.pemantauan.selectors.sumber import TAHUNAN, Sumber
from kinerja.periode.models import Periode
from kinerja.realisasi.enums import JenisSinyal

EXTREME = {Rating.DI_ATAS.value, Rating.DI_BAWAH.value}
SHARED_KEYS = (
    ("sha256", JenisSinyal.BERKAS_PEGAWAI_LAIN, "berkas_sama"),
    ("tautan_kunci", JenisSinyal.TAUTAN_BERSAMA, "tautan_sama"),
)


@dataclass
class Analitik:
    """The rows to store."""

    sebaran: list[SebaranPenilai] = field(default_factory=list)
    sebaran_unit: list[SebaranPenilaiUnit] = field(default_factory=list)
    kasus: list[KasusKontradiksi] = field(default_factory=list)
    kecepatan: list[KecepatanVerifikasi] = field(default_factory=list)
    ringkasan_bukti: list[RingkasanBukti] = field(default_factory=list)
    ringkasan_bukti_tahun: list[RingkasanBuktiTahun] = field(default_factory=list)
    kelompok: list[BuktiSama] = field(default_factory=list)
    kelompok_unit: list[BuktiSamaUnit] = field(default_factory=list)
    tanda: list[TandaBukti] = field(default_factory=list)


def _year_periods(sumber: Sumber) -> dict[int, list[Periode]]:
    """The started periods of each year (the annual period reads all of them)."""
    found: dict[int, list[Periode]] = defaultdict(list)
    for periode in sumber.periods:
        found[periode.tahun_id].append(periode)
    return found


def _evidence_reader(
    sumber: Sumber, years: dict[int, list[Periode]]
) -> Callable[[int, Periode], dict[str, int]]:
    """An employee's evidence of a period by status (of every period of the year for the
    annual period, summed once per employee and year)."""
    annual: dict[tuple[int, int], dict[str, int]] = {}

    def evidence_of(pegawai_id: int, periode: Periode) -> dict[str, int]:
        if periode.kode != TAHUNAN:
            return sumber.bukti.get((pegawai_id, periode.pk), {})
        key = (pegawai_id, periode.tahun_id)
        if key not in annual:
            counts: Counter[str] = Counter()
            for one in years[periode.tahun_id]:
                counts.update(sumber.bukti.get((pegawai_id, one.pk), {}))
            annual[key] = dict(counts)
        return annual[key]

    return evidence_of


def rater_rows(
    sumber: Sumber, today: datetime.date, now: datetime.datetime, analitik: Analitik
) -> None:
    """The distributions, contradiction cases and turnaround of every appraiser and period."""
    by_id = {p.pk: p for p in sumber.periods}
    years = _year_periods(sumber)
    evidence_of = _evidence_reader(sumber, years)
    counts: dict[tuple[int, int | None, int, str], Counter[str]] = defaultdict(Counter)
    for (pegawai_id, periode_id), nilai in sumber.penilaian.items():
        periode = by_id.get(periode_id)
        if nilai.status != "FINAL" or periode is None or nilai.unit_id not in sumber.units:
            continue
        key = (periode_id, nilai.penilai_id, nilai.unit_id, nilai.jenis_jabatan)
        counts[key][nilai.predikat] += 1
        if nilai.penilai_id is None or nilai.rating_hasil not in EXTREME:
            continue
        evidence = evidence_of(pegawai_id, periode)
        if not rules.contradicts(nilai.rating_hasil, evidence):
            continue
        bukti = rules.JumlahBukti.of(evidence)
        counts[key]["kontradiksi"] += 1
        analitik.kasus.append(
            KasusKontradiksi(
                periode_id=periode_id,
                penilai_id=nilai.penilai_id,
                pegawai_id=pegawai_id,
                jalur=sumber.units[nilai.unit_id],
                jenis_jabatan=nilai.jenis_jabatan,
                rating_hasil=nilai.rating_hasil,
                menunggu=bukti.menunggu,
                diterima=bukti.diterima,
                perlu_perbaikan=bukti.perlu_perbaikan,
                ditolak=bukti.ditolak,
                diperbarui_pada=now,
            )
        )
    names = read.appraiser_names(sumber.periods)
    for (periode_id, penilai_id, unit_id, jenis), tally in counts.items():
        predikat = {PREDIKAT_FIELDS[p]: tally[p.value] for p in Predikat}
        analitik.sebaran.append(
            SebaranPenilai(
                periode_id=periode_id,
                penilai_id=penilai_id,
                penilai_nama=names.get(penilai_id, "") if penilai_id else "",
                unit_id=unit_id,
                jalur=sumber.units[unit_id],
                jenis_jabatan=jenis,
                kontradiksi=tally["kontradiksi"],
                diperbarui_pada=now,
                **predikat,
            )
        )
    analitik.sebaran_unit.extend(_subtree_sums(analitik.sebaran, now))
    analitik.kecepatan.extend(_turnaround_rows(sumber, today, now, years))


def _subtree_sums(rows: list[SebaranPenilai], now: datetime.datetime) -> list[SebaranPenilaiUnit]:
    """Each appraiser's rows summed over every subtree they fall in (and the agency, ""), for
    their jenis jabatan and for every jenis (""), with the subtree's total (`penilai` None:
    every assessment, with an appraiser or without), in the order the pages read them: a
    subtree's rows are written together, so reading them touches few table pages."""
    sums: dict[tuple[int, str, str, int | None], list[int]] = {}
    names: dict[int | None, str] = {None: ""}
    for row in rows:
        values = [getattr(row, name) for name in PREDIKAT_COUNTS]
        if row.penilai_id is not None:
            names[row.penilai_id] = row.penilai_nama
        for jalur in ("", *unit_path_ancestors(row.jalur)):
            for jenis in {row.jenis_jabatan, ""}:
                for penilai_id in {row.penilai_id, None}:
                    total = sums.setdefault(
                        (row.periode_id, jalur, jenis, penilai_id), [0] * len(values)
                    )
                    for index, value in enumerate(values):
                        total[index] += value
    return [
        SebaranPenilaiUnit(
            periode_id=periode_id,
            jalur=jalur,
            jenis_jabatan=jenis,
            penilai_id=penilai_id,
            penilai_nama=names[penilai_id],
            diperbarui_pada=now,
            **dict(zip(PREDIKAT_COUNTS, total, strict=True)),
        )
        for (periode_id, jalur, jenis, penilai_id), total in sorted(
            sums.items(), key=lambda pair: (*pair[0][:3], names[pair[0][3]], pair[0][3] or 0)
        )
    ]


def _turnaround_rows(
    sumber: Sumber, today: datetime.date, now: datetime.datetime, years: dict[int, list[Periode]]
) -> list[KecepatanVerifikasi]:
    seconds: dict[tuple[int, int], list[int]] = defaultdict(list)
    for penilai_id, periode_id, duration in read.verification_seconds(sumber.periods):
        seconds[(penilai_id, periode_id)].append(duration)
    waiting: Counter[tuple[int, int]] = Counter()
    for penilai_id, periode_id, n in read.waiting_after_deadline(sumber.periods, today):
        waiting[(penilai_id, periode_id)] += n
    appraisers = {penilai_id for penilai_id, _periode in (*seconds, *waiting)}
    rows = []
    for periode in sumber.periods:
        periods = years[periode.tahun_id] if periode.kode == TAHUNAN else [periode]
        for penilai_id in appraisers:
            mine = [s for one in periods for s in seconds.get((penilai_id, one.pk), ())]
            late = sum(waiting[(penilai_id, one.pk)] for one in periods)
            if not mine and not late:
                continue
            waktu = rules.turnaround_seconds(mine, late)
            rows.append(
                KecepatanVerifikasi(
                    periode_id=periode.pk,
                    penilai_id=penilai_id,
                    jumlah=waktu.jumlah,
                    median_hari=waktu.median_hari,
                    rata_rata_hari=waktu.rata_rata_hari,
                    menunggu_lewat_batas=late,
                    diperbarui_pada=now,
                )
            )
    return rows


# --- Evidence integrity -----------------------------------------------------------------------


def integrity_rows(sumber: Sumber, now: datetime.datetime, analitik: Analitik) -> None:
    """The groups of shared files and links, the flagged items and the counts per unit (per
    period and per year, written in the order the report reads them: by unit path)."""
    periods = sumber.periods
    per_unit: dict[tuple[int, int], dict[str, Any]] = {}
    for unit_id, periode_id, bukti, terlambat in read.evidence_per_unit(periods):
        if unit_id in sumber.units:
            per_unit[(unit_id, periode_id)] = {"bukti": bukti, "terlambat": terlambat}
    flagged: Counter[tuple[int, int, str]] = Counter()
    flags: list[tuple[tuple[Any, ...], TandaBukti]] = []
    for key, jenis, column in SHARED_KEYS:
        uses: dict[tuple[int, str], list[Any]] = defaultdict(list)
        for value, *use in read.uses_of_shared(periods, key):
            uses[(use[5], value)].append(use)
        for (tahun_id, value), items in uses.items():
            employees = {use[1] for use in items}
            if len(employees) < 2:  # shared in another year only
                continue
            group = BuktiSama(
                tahun_id=tahun_id,
                jenis=jenis.value,
                kunci=value,
                jumlah_pegawai=len(employees),
                diperbarui_pada=now,
            )
            analitik.kelompok.append(group)
            inside = [use for use in items if use[2] in sumber.units]
            for use in inside:
                flags.append(_flag(use, jenis, now, group))
                flagged[(use[2], use[4], column)] += 1
            analitik.kelompok_unit.extend(_group_per_subtree(group, inside, now))
    _groups_ranked(analitik.kelompok_unit)
    for late in read.late_items(periods):
        if late[2] in sumber.units:
            flags.append(_flag(late, JenisSinyal.TERLAMBAT, now))
    analitik.tanda.extend(_numbered(flags))
    year_of = {periode.pk: periode.tahun_id for periode in periods}
    per_year: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)

    def in_path_order(pair: tuple[tuple[int, int], Any]) -> tuple[int, str]:
        """(unit, period or year) keys by period or year, then unit path."""
        (unit_id, when), _counts = pair
        return when, sumber.units[unit_id]

    for (unit_id, periode_id), counts in sorted(per_unit.items(), key=in_path_order):
        found = {
            "bukti": counts["bukti"],
            "berkas_sama": flagged[(unit_id, periode_id, "berkas_sama")],
            "tautan_sama": flagged[(unit_id, periode_id, "tautan_sama")],
            "terlambat": counts["terlambat"],
        }
        per_year[(unit_id, year_of[periode_id])].update(found)
        analitik.ringkasan_bukti.append(
            RingkasanBukti(
                unit_id=unit_id,
                periode_id=periode_id,
                jalur=sumber.units[unit_id],
                diperbarui_pada=now,
                **found,
            )
        )
    analitik.ringkasan_bukti_tahun.extend(
        RingkasanBuktiTahun(
            unit_id=unit_id,
            tahun_id=tahun_id,
            jalur=sumber.units[unit_id],
            diperbarui_pada=now,
            **{name: totals[name] for name in EVIDENCE_COUNTS},
        )
        for (unit_id, tahun_id), totals in sorted(per_year.items(), key=in_path_order)
    )


def _group_per_subtree(
    group: BuktiSama, uses: list[list[Any]], now: datetime.datetime
) -> list[BuktiSamaUnit]:
    """The group's row for each unit subtree with a use, for the year and for each period of a
    use: the subtree's employees who used it in the year and their uses."""
    employees: dict[str, set[int]] = defaultdict(set)
    counted: Counter[tuple[str, int | None]] = Counter()
    for _bukti_id, pegawai_id, _unit_id, jalur, periode_id, *_rest in uses:
        for subtree in unit_path_ancestors(jalur):
            employees[subtree].add(pegawai_id)
            counted[(subtree, None)] += 1
            counted[(subtree, periode_id)] += 1
    return [
        BuktiSamaUnit(
            kelompok=group,
            tahun_id=group.tahun_id,
            jenis=group.jenis,
            periode_id=periode_id,
            jalur=subtree,
            pegawai=len(employees[subtree]),
            pemakaian=count,
            diperbarui_pada=now,
        )
        for (subtree, periode_id), count in counted.items()
    ]


def _groups_ranked(rows: list[BuktiSamaUnit]) -> None:
    """Number each subtree's list (the year's, or a period's, groups of a jenis) in the report's
    order, the most employees first, then by key: 1 to the list's length, so that a page is an
    index range and the last number the list's count. The rows end in that order."""

    def listed(row: BuktiSamaUnit) -> tuple[str, int, str, int]:
        return row.jalur, row.tahun_id, row.jenis, row.periode_id or 0

    rows.sort(key=lambda row: (*listed(row), -row.kelompok.jumlah_pegawai, row.kelompok.kunci))
    for _list, members in itertools.groupby(rows, key=listed):
        for number, row in enumerate(members, start=1):
            row.urutan = number


def _flag(
    use: list[Any] | tuple[Any, ...],
    jenis: JenisSinyal,
    now: datetime.datetime,
    group: BuktiSama | None = None,
) -> tuple[tuple[Any, ...], TandaBukti]:
    """The flag with its sort key (unit path, employee name, NIP, upload time, item)."""
    bukti_id, pegawai_id, _unit_id, jalur, periode_id, tahun_id, nama, nip, diunggah = use
    flag = TandaBukti(
        bukti_id=bukti_id,
        jenis=jenis.value,
        kelompok=group,
        tahun_id=tahun_id,
        periode_id=periode_id,
        pegawai_id=pegawai_id,
        jalur=jalur,
        diperbarui_pada=now,
    )
    return (jalur, nama, nip, diunggah, bukti_id), flag


def _numbered(flags: list[tuple[tuple[Any, ...], TandaBukti]]) -> list[TandaBukti]:
    """The flags in the report's order, each with its place (`urutan`)."""
    flags.sort(key=lambda pair: pair[0])
    for number, (_key, flag) in enumerate(flags, start=1):
        flag.urutan = number
    return [flag for _key, flag in flags]
