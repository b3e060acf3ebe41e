"""The demo's outcomes, planned: the monthly attendance of the current year, the annual
assessments of the two previous years (with their organisation ratings), each employee's
potential for last year and this year, and the improvement plans of those who needed one. Pure
and deterministic for the seed (`random.Random` seeded by text, no clock, no ORM); the rows are
those of the exchange format's `kehadiran`, `kinerja_organisasi`, `penilaian` and `potensi`
sheets, which `demo.services` imports.

History (years Y−2 and Y−1 before the demo's year Y): every curve group (`demo.penilaian`) gets
an annual organisation rating (Baik, one Bagian Istimewa and another Butuh Perbaikan), and every
active employee an annual (TAHUNAN) rating that complies with the curve of their group, so that
the import finalises every group. Whoever was Sangat Baik in Y−2 is likely to stay so in Y−1
(the succession pool); most are Baik both years (promotion); the employees of the improvement
plans are Butuh Perbaikan the year before their plan.

The history's quarters (TW1–TW4 of Y−2 and Y−1) follow: each group has an organisation rating
per quarter (TW4's is the year's), and each employee's quarterly series moves toward their
annual predikat, which their TW4 equals (`quarter_plan`: mostly the previous quarter's predikat,
else a step toward the year's, sometimes a step away; then the fewest changed so that each group
complies with the curve of the quarter, preferably those it takes toward the level they tend
to). An annual Butuh Perbaikan comes late in the year, so that most recover from it the next
quarter. The quarters of Y continue the series the same way toward each employee's home level
(`home_levels`: Sangat Baik for whoever was Sangat Baik both years, Butuh Perbaikan for whoever
was Butuh Perbaikan or lower both years, else Baik): most stay at Baik, a few keep a streak of
Sangat Baik or stagnate at Butuh Perbaikan, and the organisation ratings of the quarters move
some up or down. The monitoring (`pemantauan`) reads these series for its trends and learns its
projection from their quarter-to-quarter transitions.

Attendance: one row per active employee and month of year Y before the demo's day. Most months
are clean; the others have a few late arrivals or early leaves (mostly in the short bands),
sometimes a day without a record or "cuti alasan penting" beyond the two free days. Three
employees are absent without reason 3, 5 and 12 days over the year (the discipline thresholds
of a spoken warning, a written warning and a six-month allowance cut), one serves a moderate
discipline sentence (hukuman disiplin sedang) for six months.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from kinerja.aturan.enums import PREDIKAT_ORDER, Potensi, Predikat, PredikatOrganisasi, Rating
from kinerja.aturan.rules import Acuan, IsiAturan, curve_target, isi_default, isi_parse
from kinerja.aturan.rules.kurva import Perubahan, calibration_moves
from kinerja.demo import generator
from kinerja.demo import penilaian as rencana_penilaian
from kinerja.penilaian.rules import ratings_for
from kinerja.tukin.rules import COUNT_FIELDS

TAHUNAN = "TAHUNAN"
TRIWULAN = ("TW1", "TW2", "TW3", "TW4")
KEHADIRAN_COLUMNS = ("nip", "tahun", "bulan", *COUNT_FIELDS, "hukuman_disiplin_sedang")
"""The columns of the `kehadiran` sheet the demo writes (the counts in the allowance's order)."""
BERSIH = 0.55
"""The share of an employee's months without any late arrival, early leave or missing day."""
TL_BOBOT = (60, 25, 10, 5)
"""How late arrivals (and early leaves) spread over the four bands of minutes."""
TANPA_REKAMAN = 0.12
"""The share of months with a day without an attendance record."""
CUTI_PENTING = 0.03
"""The share of months with "cuti alasan penting" beyond the two free days."""
MANGKIR = (3, 5, 12)
"""The unexcused absences over the year of three employees (spoken warning, written warning,
six-month allowance cut)."""
HUKUMAN_BULAN = (2, 7)
"""The months (first, last) of the moderate discipline sentence of one employee."""

SUKSESI_BOBOT = (50, 50, 0, 0, 0)
"""The draw (Sangat Baik … Sangat Kurang) of Y−1 for whoever was Sangat Baik in Y−2."""
TETAP = {
    Predikat.SANGAT_BAIK: 0.7,
    Predikat.BAIK: 0.9,
    Predikat.BUTUH_PERBAIKAN: 0.8,
    Predikat.KURANG: 0.3,
    Predikat.SANGAT_KURANG: 0.3,
}
"""The chance that a quarter keeps the previous quarter's predikat when it is the level the
employee moves toward (their home level, or in the history the year's predikat)."""
NAIK_DARI_RUMAH = 0.75
"""Leaving the home level (below Baik): the chance of the step up rather than down."""
PULIH = (0.7, 0.4)
"""The chance of a step toward that level when the previous quarter's predikat is away from it:
up (recovering), down (declining)."""
AWAL_SAMA = 0.7
"""The share whose predikat before Y−2's TW1 is their Y−2 annual one (the others a level apart)."""
POTENSI_BOBOT = {
    Rating.DI_ATAS: (10, 40, 50),
    Rating.SESUAI: (25, 50, 25),
    Rating.DI_BAWAH: (45, 40, 15),
}
"""The potential (Rendah, Menengah, Tinggi) by last year's performance (the 9-box's axis)."""
POTENSI_TANPA = 0.08
"""The share of employees without an assessed potential."""
POTENSI_BERUBAH = 0.15
"""The share whose potential this year is a level apart from last year's."""

CATATAN_POTENSI = {
    Potensi.TINGGI: (
        "Hasil asesmen potensi: siap dikembangkan untuk jabatan setingkat lebih tinggi."
    ),
    Potensi.MENENGAH: "Hasil asesmen potensi: perlu pengembangan kompetensi teknis.",
    Potensi.RENDAH: "Hasil asesmen potensi: perlu pembinaan dan pendampingan.",
}
CATATAN_TAHUNAN = {
    Predikat.SANGAT_BAIK: "Kinerja tahunan melampaui ekspektasi; layak diusulkan dalam kelompok "
    "rencana suksesi.",
    Predikat.BAIK: "",
    Predikat.BUTUH_PERBAIKAN: "Sebagian target tahunan belum tercapai; perlu rencana perbaikan "
    "kinerja.",
    Predikat.KURANG: "Hasil dan perilaku kerja tahunan perlu pembinaan langsung.",
    Predikat.SANGAT_KURANG: "Hasil dan perilaku kerja tahunan perlu pembinaan intensif.",
}

LOW = (Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG)
KINI_PEGAWAI = {
    "TW1": Predikat.BAIK,
    "TW2": Predikat.BAIK,
    "TW3": Predikat.BUTUH_PERBAIKAN,
}
"""The demo pegawai's quarters of the demo's year (`current_fixed`)."""

SASARAN_PERBAIKAN = (
    "Menyelesaikan seluruh hasil kerja utama tepat waktu sesuai target SKP, dengan laporan "
    "kemajuan setiap bulan kepada pejabat penilai dan pembimbing.",
    "Meningkatkan kualitas hasil kerja sehingga tidak lebih dari satu dokumen per bulan "
    "dikembalikan untuk revisi, serta mengikuti pelatihan teknis yang ditetapkan.",
    "Menyusun dan melaksanakan jadwal kerja mingguan; seluruh penugasan diselesaikan sesuai "
    "tenggat dan dilaporkan dalam rapat pemantauan bulanan.",
)
CATATAN_PERBAIKAN = (
    "Rapat pemantauan pertama: rencana kerja bulanan disepakati; dua dari tiga penugasan bulan "
    "ini selesai tepat waktu.",
    "Rapat pemantauan kedua: seluruh penugasan bulan ini selesai tepat waktu; kualitas laporan "
    "meningkat, satu dokumen masih perlu revisi kecil.",
)
HASIL_BERHASIL = (
    "Sasaran perbaikan tercapai: seluruh hasil kerja utama selesai tepat waktu selama enam "
    "bulan terakhir dan kualitasnya sesuai ekspektasi."
)
MULAI_PERBAIKAN = (2, 1)
"""Improvement plans start on 1 February (month, day) of the year after the assessment."""
CATATAN_HARI = (35, 75)
"""The follow-up notes of a plan, this many days after its start."""


@dataclass(frozen=True)
class PerbaikanDemo:
    """An improvement plan: for whom, after which year's assessment, who creates it (the
    appraiser's NIP, or "" for HR), its target, its notes, and whether it was closed (met)."""

    nip: str
    tahun_penilaian: int
    pembuat_nip: str
    sasaran: str
    mulai: datetime.date
    catatan: tuple[tuple[datetime.date, str], ...]
    selesai: bool = False


@dataclass(frozen=True)
class RiwayatDemo:
    """The history: rows of `kinerja_organisasi`, `penilaian` and `potensi`, the planned annual
    predikat by (NIP, year), and the improvement plans; the organisation ratings by (group,
    year) and by (group, year, quarter), the quarterly predikat by (NIP, year, quarter), and
    each employee's home level for the quarters of the demo's year (`home_levels`)."""

    tahun: int
    rows: dict[str, list[dict[str, str]]]
    predikat: dict[tuple[str, int], Predikat]
    perbaikan: tuple[PerbaikanDemo, ...]
    organisasi: dict[tuple[str, int], PredikatOrganisasi] = field(default_factory=dict)
    organisasi_triwulan: dict[tuple[str, int, str], PredikatOrganisasi] = field(
        default_factory=dict
    )
    triwulan: dict[tuple[str, int, str], Predikat] = field(default_factory=dict)
    rumah: dict[str, Predikat] = field(default_factory=dict)

    @property
    def years(self) -> tuple[int, int]:
        return (self.tahun - 2, self.tahun - 1)


def default_isi() -> IsiAturan:
    return isi_parse(isi_default(), Acuan())


def _active(agency: generator.DemoAgency) -> list[dict[str, str]]:
    return [row for row in agency.rows["pegawai"] if row["aktif"] == "YA"]


def _members(agency: generator.DemoAgency) -> dict[str, list[str]]:
    """The active employees (NIPs, in sheet order) of each curve group."""
    codes = rencana_penilaian.group_codes(
        (row["kode"] for row in agency.rows["unit"]), generator.ROOT_KODE
    )
    members: dict[str, list[str]] = {kode: [] for kode in codes}
    for row in _active(agency):
        group = rencana_penilaian.group_of(row["unit_kode"], codes)
        if group is not None:
            members[group].append(row["nip"])
    return members


# --- History: annual assessments -----------------------------------------------------------------


def history_plans(
    agency: generator.DemoAgency,
    tahun: int,
    seed: int = generator.DEFAULT_SEED,
    isi: IsiAturan | None = None,
) -> RiwayatDemo:
    """The annual and quarterly assessments of the two years before `tahun`, the potential of
    the last year and of `tahun`, and the improvement plans (see the module)."""
    isi = isi or default_isi()
    members = _members(agency)
    groups = list(members)
    accounts = {item.nip for item in agency.akun}
    people = {row["nip"]: row for row in agency.rows["pegawai"]}
    chosen = _plan_people(agency, members, accounts, seed)
    before, last = tahun - 2, tahun - 1
    fixed = {
        before: {chosen.selesai: Predikat.BUTUH_PERBAIKAN},
        last: {
            chosen.selesai: Predikat.BAIK,
            chosen.penilai: Predikat.BUTUH_PERBAIKAN,
            chosen.hr: Predikat.BUTUH_PERBAIKAN,
        },
    }
    predikat: dict[tuple[str, int], Predikat] = {}
    organisasi: dict[tuple[str, int], PredikatOrganisasi] = {}
    rows: dict[str, list[dict[str, str]]] = {"kinerja_organisasi": [], "penilaian": []}
    for year in (before, last):
        ratings = rencana_penilaian.organisation_ratings(
            groups, generator.ROOT_KODE, f"{TAHUNAN}-{year}", seed
        )
        for kode in groups:
            organisasi[(kode, year)] = ratings[kode]
            rows["kinerja_organisasi"].append(
                {
                    "unit_kode": kode,
                    "tahun": str(year),
                    "periode": TAHUNAN,
                    "predikat": ratings[kode],
                }
            )
            rng = random.Random(f"riwayat-{seed}-{year}-{kode}")
            succession = {
                nip
                for nip in members[kode]
                if predikat.get((nip, year - 1)) == Predikat.SANGAT_BAIK
            }
            plan = annual_plan(
                members[kode], ratings[kode], isi, rng, fixed=fixed[year], favoured=succession
            )
            for nip in members[kode]:
                predikat[(nip, year)] = plan[nip]
    quarters = _quarters(members, predikat, organisasi, (before, last), isi, seed)
    for (kode, year, triwulan), rating in quarters.organisasi.items():
        rows["kinerja_organisasi"].append(
            {"unit_kode": kode, "tahun": str(year), "periode": triwulan, "predikat": rating}
        )
    for year in (before, last):
        for row in _active(agency):
            nip = row["nip"]
            rows["penilaian"].append(
                _penilaian_row(nip, year, TAHUNAN, predikat[(nip, year)], isi, CATATAN_TAHUNAN)
            )
        for triwulan in TRIWULAN:
            for row in _active(agency):
                nip = row["nip"]
                rows["penilaian"].append(
                    _penilaian_row(
                        nip,
                        year,
                        triwulan,
                        quarters.predikat[(nip, year, triwulan)],
                        isi,
                        rencana_penilaian.CATATAN,
                    )
                )
    rows["potensi"] = potential_rows(agency, tahun, predikat, isi, seed)
    perbaikan = (
        _perbaikan(chosen.selesai, before, "", 0, selesai=True),
        _perbaikan(chosen.penilai, last, people[chosen.penilai]["atasan_nip"], 1),
        _perbaikan(chosen.hr, last, "", 2),
    )
    return RiwayatDemo(
        tahun,
        rows,
        predikat,
        perbaikan,
        organisasi,
        quarters.organisasi,
        quarters.predikat,
        home_levels(predikat, (before, last)),
    )


def _penilaian_row(
    nip: str,
    year: int,
    periode: str,
    predikat: Predikat,
    isi: IsiAturan,
    catatan: Mapping[Predikat, str],
) -> dict[str, str]:
    hasil, perilaku = ratings_for(isi.predikat, predikat)
    return {
        "nip": nip,
        "tahun": str(year),
        "periode": periode,
        "rating_hasil": hasil.value,
        "rating_perilaku": perilaku.value,
        "catatan": catatan[predikat],
    }


@dataclass(frozen=True)
class _Dipilih:
    """The employees of the improvement plans: one closed (plan after Y−2), one created by the
    demo penilai for an appraisee, one created by HR (plans after Y−1)."""

    selesai: str
    penilai: str
    hr: str


def _plan_people(
    agency: generator.DemoAgency,
    members: Mapping[str, Sequence[str]],
    accounts: set[str],
    seed: int,
) -> _Dipilih:
    """Three staff members without an account, none the head of a group: an appraisee of the
    demo penilai, and two from other groups (distinct groups, so that each group keeps room in
    its curve)."""
    rng = random.Random(f"riwayat-{seed}-perbaikan")
    penilai = next(item.nip for item in agency.akun if item.kunci == "penilai")
    appraisers = {row["atasan_nip"] for row in agency.rows["pegawai"]}
    plain = [
        row
        for row in _active(agency)
        if row["nip"] not in accounts and row["nip"] not in appraisers and row["atasan_nip"]
    ]
    own = sorted(row["nip"] for row in plain if row["atasan_nip"] == penilai)
    if not own:
        own = sorted(row["nip"] for row in _active(agency) if row["atasan_nip"] == penilai)
    chosen_penilai = rng.choice(own)
    group_of = {nip: kode for kode, nips in members.items() for nip in nips}
    taken = {group_of[chosen_penilai]}
    others = []
    for row in rng.sample(plain, len(plain)):
        if group_of[row["nip"]] not in taken:
            others.append(row["nip"])
            taken.add(group_of[row["nip"]])
        if len(others) == 2:
            break
    return _Dipilih(selesai=others[0], penilai=chosen_penilai, hr=others[1])


def _perbaikan(
    nip: str, tahun_penilaian: int, pembuat: str, index: int, *, selesai: bool = False
) -> PerbaikanDemo:
    mulai = datetime.date(tahun_penilaian + 1, *MULAI_PERBAIKAN)
    return PerbaikanDemo(
        nip=nip,
        tahun_penilaian=tahun_penilaian,
        pembuat_nip=pembuat,
        sasaran=SASARAN_PERBAIKAN[index % len(SASARAN_PERBAIKAN)],
        mulai=mulai,
        catatan=tuple(
            (mulai + datetime.timedelta(days=days), isi)
            for days, isi in zip(CATATAN_HARI, CATATAN_PERBAIKAN, strict=True)
        ),
        selesai=selesai,
    )


def annual_plan(
    members: Sequence[str],
    organisasi: PredikatOrganisasi,
    isi: IsiAturan,
    rng: random.Random,
    *,
    fixed: Mapping[str, Predikat] | None = None,
    favoured: set[str] | None = None,
) -> dict[str, Predikat]:
    """Each member's annual predikat: a weighted draw (`demo.penilaian.BOBOT`, the favoured ones
    likely Sangat Baik), the fixed ones as given, then the fewest draws changed (never a fixed
    one, a favoured one last) so that the group complies with its curve."""
    fixed = fixed or {}
    favoured = favoured or set()
    weights = rencana_penilaian.BOBOT[organisasi]
    plan = {
        member: fixed.get(member)
        or rng.choices(PREDIKAT_ORDER, SUKSESI_BOBOT if member in favoured else weights)[0]
        for member in members
    }

    def tiers(holders: list[str], _move: Perubahan) -> list[list[str]]:
        return [
            [m for m in holders if m not in fixed and m not in favoured],
            [m for m in holders if m not in fixed and m in favoured],
            [m for m in holders if m in fixed],
        ]

    return _calibrate(plan, members, organisasi, isi, rng, tiers)


def _calibrate(
    plan: dict[str, Predikat],
    members: Sequence[str],
    organisasi: PredikatOrganisasi,
    isi: IsiAturan,
    rng: random.Random,
    tiers: Callable[[list[str], Perubahan], list[list[str]]],
) -> dict[str, Predikat]:
    """Change the fewest members' predikat so that the group complies with the curve of its
    organisation rating: for each move, the holders are picked tier by tier (at random within a
    tier)."""
    counts = dict.fromkeys(Predikat, 0)
    for predikat in plan.values():
        counts[predikat] += 1
    target = curve_target(isi.kurva.pola[organisasi], counts)
    if target is None:
        return plan
    for move in calibration_moves(counts, target):
        holders = [m for m in members if plan[m] == move.dari]
        picked: list[str] = []
        for tier in tiers(holders, move):
            picked += rng.sample(tier, min(move.jumlah - len(picked), len(tier)))
        for member in picked:
            plan[member] = move.ke
    return plan


# --- Quarterly series ----------------------------------------------------------------------------


def home_levels(
    predikat: Mapping[tuple[str, int], Predikat], years: tuple[int, int]
) -> dict[str, Predikat]:
    """The level each employee's quarters tend to (`quarter_plan`) after the history: Sangat Baik
    when they were Sangat Baik both years, Butuh Perbaikan when they were Butuh Perbaikan or lower
    both years, otherwise Baik."""
    found = {}
    for nip in sorted({nip for nip, _year in predikat}):
        both = [predikat[(nip, year)] for year in years]
        if both == [Predikat.SANGAT_BAIK] * 2:
            found[nip] = Predikat.SANGAT_BAIK
        elif all(value in LOW for value in both):
            found[nip] = Predikat.BUTUH_PERBAIKAN
        else:
            found[nip] = Predikat.BAIK
    return found


def quarter_step(previous: Predikat, home: Predikat, rng: random.Random) -> Predikat:
    """One quarter after `previous`: at the home level it stays there (`TETAP`), else leaves it
    by a level (Sangat Baik down, Baik up or down alike, Butuh Perbaikan mostly up, lower ones
    up); away from it, it moves a level toward it (`PULIH`: recovering more readily than
    declining), else stays."""
    index, goal = PREDIKAT_ORDER.index(previous), PREDIKAT_ORDER.index(home)
    lowest = PREDIKAT_ORDER.index(Predikat.KURANG)
    if index == goal:
        if rng.random() < TETAP[previous]:
            return previous
        if index == 0:
            return PREDIKAT_ORDER[1]
        if previous == Predikat.BAIK or index >= lowest:
            up = 0.5 if previous == Predikat.BAIK else 1.0
        else:
            up = NAIK_DARI_RUMAH
        return PREDIKAT_ORDER[index - 1 if rng.random() < up else index + 1]
    up = goal < index
    if rng.random() < PULIH[0 if up else 1]:
        return PREDIKAT_ORDER[index - 1 if up else index + 1]
    return previous


def quarter_plan(
    members: Sequence[str],
    organisasi: PredikatOrganisasi,
    isi: IsiAturan,
    rng: random.Random,
    *,
    previous: Mapping[str, Predikat],
    home: Mapping[str, Predikat],
    fixed: Mapping[str, Predikat] | None = None,
) -> dict[str, Predikat]:
    """Each member's predikat of a quarter (by key, in the given order): a step from their
    previous quarter's (`quarter_step`; from the home level without one), the fixed ones as
    given, then the fewest changed so that the group complies with the curve of its
    organisation rating: first those the change takes to their home level, then (moving up)
    those it takes back to their previous predikat, then the others, a fixed one only when
    nothing else can."""
    fixed = fixed or {}
    plan = {}
    for member in members:
        goal = home.get(member, Predikat.BAIK)
        step = quarter_step(previous.get(member, goal), goal, rng)
        plan[member] = fixed.get(member, step)

    def tiers(holders: list[str], move: Perubahan) -> list[list[str]]:
        free = [m for m in holders if m not in fixed]
        toward = [m for m in free if home.get(m, Predikat.BAIK) == move.ke]
        up = PREDIKAT_ORDER.index(move.ke) < PREDIKAT_ORDER.index(move.dari)
        back = [m for m in free if up and m not in toward and previous.get(m) == move.ke]
        rest = [m for m in free if m not in toward and m not in back]
        return [toward, back, rest, [m for m in holders if m in fixed]]

    return _calibrate(plan, members, organisasi, isi, rng, tiers)


def current_fixed(agency: generator.DemoAgency) -> dict[str, dict[str, Predikat]]:
    """The predikat planned, whatever the draw, in the quarters of the demo's year (by quarter,
    then NIP): the demo pegawai is Baik in TW1 and TW2, then Butuh Perbaikan in TW3 (a falling
    trend and an early warning on her own page, and the objection she files)."""
    nip = next(item.nip for item in agency.akun if item.kunci == "pegawai")
    return {kode: {nip: predikat} for kode, predikat in KINI_PEGAWAI.items()}


@dataclass(frozen=True)
class _Triwulan:
    organisasi: dict[tuple[str, int, str], PredikatOrganisasi]
    predikat: dict[tuple[str, int, str], Predikat]


def _quarters(
    members: Mapping[str, Sequence[str]],
    predikat: Mapping[tuple[str, int], Predikat],
    organisasi: Mapping[tuple[str, int], PredikatOrganisasi],
    years: tuple[int, int],
    isi: IsiAturan,
    seed: int,
) -> _Triwulan:
    """The history's quarters: each group's organisation rating per quarter (TW4's the year's),
    and each member's quarterly series moving toward the year's annual predikat (TW4 equals
    it). An annual Butuh Perbaikan or lower comes late: the series moves toward Baik until a
    quarter drawn from TW2–TW4 (TW4: only the last quarter is that low), unless the employee was
    that low both years. The series starts before Y−2 at the Y−2 annual predikat (`AWAL_SAMA`)
    or a level apart."""
    groups = list(members)
    ratings: dict[tuple[str, int, str], PredikatOrganisasi] = {}
    found: dict[tuple[str, int, str], Predikat] = {}
    previous: dict[str, Predikat] = {}
    stuck = {nip for nip, level in home_levels(predikat, years).items() if level in LOW}
    falls: dict[tuple[str, int], int] = {}
    for year in years:
        rng = random.Random(f"riwayat-{seed}-{year}-turun")
        for kode in groups:
            for nip in members[kode]:
                if predikat[(nip, year)] in LOW and nip not in stuck:
                    falls[(nip, year)] = rng.randint(1, len(TRIWULAN) - 1)
    for kode in groups:
        rng = random.Random(f"riwayat-{seed}-awal-{kode}")
        for nip in members[kode]:
            index = PREDIKAT_ORDER.index(predikat[(nip, years[0])])
            if rng.random() >= AWAL_SAMA:
                index = min(max(index + rng.choice((-1, 1)), 0), len(PREDIKAT_ORDER) - 2)
            previous[nip] = PREDIKAT_ORDER[index]
    for year in years:
        for index, triwulan in enumerate(TRIWULAN[:-1]):
            quarter = rencana_penilaian.organisation_ratings(
                groups, generator.ROOT_KODE, f"{triwulan}-{year}", seed
            )
            for kode in groups:
                ratings[(kode, year, triwulan)] = quarter[kode]
                rng = random.Random(f"riwayat-{seed}-{year}-{triwulan}-{kode}")
                goal = {
                    nip: predikat[(nip, year)]
                    if falls.get((nip, year), 0) <= index
                    else Predikat.BAIK
                    for nip in members[kode]
                }
                plan = quarter_plan(
                    members[kode], quarter[kode], isi, rng, previous=previous, home=goal
                )
                for nip, value in plan.items():
                    found[(nip, year, triwulan)] = value
                previous.update(plan)
        for kode in groups:
            ratings[(kode, year, TRIWULAN[-1])] = organisasi[(kode, year)]
            for nip in members[kode]:
                found[(nip, year, TRIWULAN[-1])] = previous[nip] = predikat[(nip, year)]
    return _Triwulan(ratings, found)


# --- Potential -----------------------------------------------------------------------------------


def potential_rows(
    agency: generator.DemoAgency,
    tahun: int,
    predikat: Mapping[tuple[str, int], Predikat],
    isi: IsiAturan,
    seed: int,
) -> list[dict[str, str]]:
    """The potential of most active employees for last year (drawn by last year's performance,
    every box of the 9-box filled) and for `tahun` (mostly the same, some a level apart)."""
    last = tahun - 1
    rng = random.Random(f"potensi-{seed}")
    levels = tuple(Potensi)
    assessed: dict[str, Potensi] = {}
    by_box: dict[tuple[Rating, Potensi], list[str]] = {}
    for row in _active(agency):
        nip = row["nip"]
        kinerja = isi.talenta.kinerja[predikat[(nip, last)]]
        potensi = rng.choices(levels, POTENSI_BOBOT[kinerja])[0]
        if rng.random() < POTENSI_TANPA:
            continue
        assessed[nip] = potensi
        by_box.setdefault((kinerja, potensi), []).append(nip)
    for kinerja in Rating:
        for potensi in levels:
            if (kinerja, potensi) in by_box:
                continue
            donors = [
                nips
                for (other, level), nips in sorted(by_box.items())
                if other == kinerja and len(nips) > 1
            ]
            if donors:
                nip = donors[0].pop()
                assessed[nip] = potensi
                by_box[(kinerja, potensi)] = [nip]
    rows = []
    for year in (last, tahun):
        for row in _active(agency):
            nip = row["nip"]
            if nip not in assessed:
                continue
            potensi = assessed[nip]
            if year == tahun and rng.random() < POTENSI_BERUBAH:
                index = levels.index(potensi) + rng.choice((-1, 1))
                potensi = levels[min(max(index, 0), len(levels) - 1)]
            rows.append(
                {
                    "nip": nip,
                    "tahun": str(year),
                    "potensi": potensi.value,
                    "catatan": CATATAN_POTENSI[potensi],
                }
            )
    return rows


# --- Attendance ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KehadiranDemo:
    """The attendance rows, with the employees of the discipline cases."""

    tahun: int
    bulan: tuple[int, ...]
    rows: list[dict[str, str]]
    mangkir: dict[str, int]
    """Unexcused absences over the year by NIP (the discipline cases)."""
    hukuman: str
    """The NIP of the employee under a moderate discipline sentence."""


def attendance_rows(
    agency: generator.DemoAgency, today: datetime.date, seed: int = generator.DEFAULT_SEED
) -> KehadiranDemo:
    """One row per active employee and month of `today`'s year before `today`'s month."""
    tahun = today.year
    months = tuple(range(1, today.month))
    accounts = {item.nip for item in agency.akun}
    active = _active(agency)
    rng = random.Random(f"kehadiran-{seed}-kasus")
    candidates = sorted(row["nip"] for row in active if row["nip"] not in accounts)
    cases = rng.sample(candidates, len(MANGKIR) + 1)
    mangkir = dict(zip(cases, MANGKIR, strict=False))
    hukuman = cases[-1]
    absences = {nip: _spread(total, months, rng) for nip, total in mangkir.items()}
    rows = []
    for bulan in months:
        for row in active:
            nip = row["nip"]
            values = _month(random.Random(f"kehadiran-{seed}-{nip}-{bulan}"))
            values["tanpa_keterangan"] = absences.get(nip, {}).get(bulan, 0)
            sentenced = nip == hukuman and HUKUMAN_BULAN[0] <= bulan <= HUKUMAN_BULAN[1]
            rows.append(
                {
                    "nip": nip,
                    "tahun": str(tahun),
                    "bulan": str(bulan),
                    **{name: str(value) for name, value in values.items()},
                    "hukuman_disiplin_sedang": "YA" if sentenced else "TIDAK",
                }
            )
    return KehadiranDemo(tahun, months, rows, mangkir if months else {}, hukuman)


def _spread(total: int, months: Sequence[int], rng: random.Random) -> dict[int, int]:
    """`total` days over a few of the months (at most three days a month where there is room)."""
    if not months:
        return {}
    found: dict[int, int] = {}
    left = total
    while left:
        bulan = rng.choice(months)
        if found.get(bulan, 0) < 3 or all(found.get(m, 0) >= 3 for m in months):
            found[bulan] = found.get(bulan, 0) + 1
            left -= 1
    return found


def _month(rng: random.Random) -> dict[str, int]:
    values = dict.fromkeys(COUNT_FIELDS, 0)
    if rng.random() < BERSIH:
        return values
    for prefix, most in (("tl", 5), ("psw", 3)):
        for _ in range(rng.randint(0, most)):
            band = rng.choices((1, 2, 3, 4), TL_BOBOT)[0]
            values[f"{prefix}{band}"] += 1
    if rng.random() < TANPA_REKAMAN:
        values["tanpa_rekaman"] = rng.randint(1, 2)
    if rng.random() < CUTI_PENTING:
        values["cuti_alasan_penting"] = rng.randint(3, 5)
    return values
