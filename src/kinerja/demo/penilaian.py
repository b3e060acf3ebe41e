"""The demo's assessments, planned: organisation ratings, each employee's predikat within the
curve of their group, the RHK and BerAKHLAK ratings behind them, when each step happened, and
the decision on the demo's objection. Pure and deterministic for the seed (`random.Random`
seeded by text, no clock, no ORM); `demo.services` writes the plan through the assessment
services.

Curve groups (the units given an organisation rating each quarter): every Bagian (SET.Bi.BGj:
its head, two Ahli Muda, two Kepala Subbagian and their staff, 25 to 27 people) and the
Sekretariat itself (SET: the Sekretaris Badan, the Kepala Biro and the Ahli Madya, 11 people; a
Biro has no rating of its own, so its head and Ahli Madya fall into the Sekretariat's group).
Every group is large enough for the default rule set (at least 10) to judge its curve.

Each quarter most units are rated Baik, one Bagian Istimewa and another Butuh Perbaikan. In a
group, each member's predikat is drawn with weights that suit the organisation rating, then the
fewest draws are changed so that the group complies with its curve (`curve_target`). The
(result, behaviour) ratings are the pair nearest to "Sesuai, Sesuai" giving that predikat
(`penilaian.rules.ratings_for`); the RHK and BerAKHLAK ratings are the overall rating, one of
them sometimes a level apart when the overall rating stays the suggested one.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kinerja.aturan.enums import PREDIKAT_ORDER, Predikat, PredikatOrganisasi, Rating
from kinerja.aturan.rules import IsiAturan, curve_check, curve_target
from kinerja.aturan.rules.kurva import calibration_moves
from kinerja.penilaian.rules import overall_suggestion, ratings_for

BOBOT = {
    PredikatOrganisasi.ISTIMEWA: (50, 38, 12, 0, 0),
    PredikatOrganisasi.BAIK: (14, 68, 15, 3, 0),
    PredikatOrganisasi.BUTUH_PERBAIKAN: (5, 28, 62, 5, 0),
    PredikatOrganisasi.KURANG: (3, 10, 20, 62, 5),
    PredikatOrganisasi.SANGAT_KURANG: (0, 10, 10, 10, 70),
}
"""The weights of the draw (Sangat Baik … Sangat Kurang) per organisation rating."""
BEDA_SHARE = 0.3
"""How often one RHK or BerAKHLAK value is rated a level apart from the overall rating."""
KINI_DINILAI = 0.3
"""In a quarter still being rated: the share of each group's members rated (drafts)."""

ALASAN_ORGANISASI = {
    PredikatOrganisasi.ISTIMEWA: (
        "Seluruh target kinerja unit pada {periode} tercapai dan sebagian besar terlampaui."
    ),
    PredikatOrganisasi.BAIK: "Target kinerja utama unit pada {periode} tercapai sesuai rencana.",
    PredikatOrganisasi.BUTUH_PERBAIKAN: (
        "Sebagian target kinerja utama unit pada {periode} belum tercapai; unit menyusun "
        "langkah perbaikan."
    ),
    PredikatOrganisasi.KURANG: "Sebagian besar target kinerja unit pada {periode} tidak tercapai.",
    PredikatOrganisasi.SANGAT_KURANG: "Target kinerja unit pada {periode} tidak tercapai.",
}
CATATAN = {
    Predikat.SANGAT_BAIK: (
        "Hasil kerja melampaui target dengan perilaku kerja yang menjadi teladan; layak "
        "dipertimbangkan untuk penghargaan."
    ),
    Predikat.BAIK: "",
    Predikat.BUTUH_PERBAIKAN: (
        "Sebagian hasil kerja di bawah target; susun rencana perbaikan bersama pejabat penilai "
        "untuk triwulan berikutnya."
    ),
    Predikat.KURANG: "Perilaku kerja perlu pembinaan langsung oleh pejabat penilai.",
    Predikat.SANGAT_KURANG: "Hasil dan perilaku kerja perlu pembinaan intensif.",
}
"""The appraiser's note per predikat (none for Baik)."""

ALASAN_KEBERATAN = (
    "Rating hasil kerja saya belum memperhitungkan penyusunan laporan kepegawaian yang saya "
    "selesaikan pada triwulan ini atas penugasan langsung pimpinan."
)
PENJELASAN_KEBERATAN = (
    "Penugasan tersebut belum tercantum dalam SKP sehingga belum menjadi dasar rating hasil "
    "kerja. Bukti penugasan dan laporannya sudah saya terima dan saya teruskan kepada atasan."
)
KEPUTUSAN_DITERIMA = (
    "Keberatan diterima. Laporan atas penugasan pimpinan terbukti diselesaikan tepat waktu dan "
    "berkualitas; rating diubah dengan tetap memenuhi kurva kelompok."
)
KEPUTUSAN_DITOLAK = (
    "Keberatan ditolak. Penugasan tersebut sudah diperhitungkan dan rating sudah sesuai dengan "
    "capaian serta bukti dukung triwulan ini."
)
ALASAN_MENUNGGU = (
    "Rating perilaku kerja saya tidak sesuai dengan umpan balik yang saya terima selama "
    "triwulan ini; mohon ditinjau kembali."
)

RATING_HARI = 3
"""Members are rated on the three days before their group is finalised."""
ORGANISASI_HARI = 9
"""The organisation ratings are set this many days before the rating deadline."""
KEBERATAN_HARI = (3, 6, 10)
"""Days after finalisation: the objection filed, explained, decided."""
MENUNGGU_HARI = 8
"""Days after finalisation: the objection still waiting for its explanation was filed."""


def group_codes(unit_codes: Iterable[str], root: str) -> list[str]:
    """The units given an organisation rating: the root and every unit two levels below it."""
    return sorted(
        kode
        for kode in unit_codes
        if kode == root or (kode.startswith(root + ".") and kode.count(".") == 2)
    )


def group_of(unit_kode: str, groups: Iterable[str]) -> str | None:
    """The group of an employee of this unit: the nearest group unit up its code."""
    wanted = set(groups)
    parts = unit_kode.split(".")
    for depth in range(len(parts), 0, -1):
        candidate = ".".join(parts[:depth])
        if candidate in wanted:
            return candidate
    return None


def organisation_ratings(
    groups: Sequence[str], root: str, kode: str, seed: int
) -> dict[str, PredikatOrganisasi]:
    """Each group unit's organisation rating for a quarter: Baik, but one unit below the root
    Istimewa and another Butuh Perbaikan. The same every year (like every draw of the demo's
    assessments: seeded by the seed and the quarter, never by the year)."""
    rng = random.Random(f"penilaian-{seed}-{kode}-organisasi")
    ratings = dict.fromkeys(groups, PredikatOrganisasi.BAIK)
    below = sorted(kode_unit for kode_unit in groups if kode_unit != root)
    if len(below) >= 2:
        istimewa, butuh = rng.sample(below, 2)
        ratings[istimewa] = PredikatOrganisasi.ISTIMEWA
        ratings[butuh] = PredikatOrganisasi.BUTUH_PERBAIKAN
    return ratings


def organisation_reason(predikat: PredikatOrganisasi, periode: str) -> str:
    return ALASAN_ORGANISASI[predikat].format(periode=periode)


def predikat_plan(
    members: Sequence[str],
    organisasi: PredikatOrganisasi,
    isi: IsiAturan,
    rng: random.Random,
) -> dict[str, Predikat]:
    """Each member's predikat (by key, in the given order): a weighted draw, then the fewest
    draws changed so that the group complies with the curve of its organisation rating."""
    weights = BOBOT[organisasi]
    plan = {member: rng.choices(PREDIKAT_ORDER, weights)[0] for member in members}
    counts = dict.fromkeys(Predikat, 0)
    for predikat in plan.values():
        counts[predikat] += 1
    target = curve_target(isi.kurva.pola[organisasi], counts)
    if target is None:
        return plan
    for move in calibration_moves(counts, target):
        holders = [member for member in members if plan[member] == move.dari]
        for member in rng.sample(holders, move.jumlah):
            plan[member] = move.ke
    return plan


def rated_now(members: Sequence[str], rng: random.Random) -> set[str]:
    """The members already rated in a quarter still being rated."""
    return set(rng.sample(list(members), round(len(members) * KINI_DINILAI)))


def ratings_of(isi: IsiAturan, predikat: Predikat) -> tuple[Rating, Rating]:
    return ratings_for(isi.predikat, predikat)


NEIGHBOURS = {
    Rating.DI_ATAS: (Rating.SESUAI,),
    Rating.SESUAI: (Rating.DI_ATAS, Rating.DI_BAWAH),
    Rating.DI_BAWAH: (Rating.SESUAI,),
}


def part_ratings(
    rating: Rating, parts: Sequence[tuple[str, bool]], rng: random.Random
) -> dict[str, Rating]:
    """The ratings of the parts (RHK codes or BerAKHLAK values, with whether each is main)
    behind an overall rating: all at that rating, one sometimes a level apart when the overall
    rating suggested from the parts (`overall_suggestion`) stays the same."""
    chosen = {code: rating for code, _main in parts}
    if not parts or rng.random() >= BEDA_SHARE:
        return chosen
    code, _main = rng.choice(list(parts))
    for other in NEIGHBOURS[rating]:
        trial = {**chosen, code: other}
        if overall_suggestion([(main, trial[c]) for c, main in parts]).rating == rating:
            return trial
    return chosen


@dataclass(frozen=True)
class Jadwal:
    """When a group's steps of a past quarter happened (local times, naive)."""

    organisasi: datetime.datetime
    ditetapkan: datetime.datetime

    def dinilai(self, index: int) -> datetime.datetime:
        """When the member at this position was rated: three, two or one day before the group
        was finalised (by position, in turn)."""
        turn = index % RATING_HARI
        day = self.ditetapkan.date() - datetime.timedelta(days=RATING_HARI - turn)
        return datetime.datetime.combine(day, datetime.time(9 + 2 * turn, 15))

    def dibaca(self) -> datetime.datetime:
        """When the members read the notice of the finalisation: the next morning."""
        day = self.ditetapkan.date() + datetime.timedelta(days=1)
        return datetime.datetime.combine(day, datetime.time(8, 30))

    def keberatan(self) -> tuple[datetime.datetime, datetime.datetime, datetime.datetime]:
        """When the decided objection was filed, explained and decided."""
        filed, explained, decided = (
            self.ditetapkan.date() + datetime.timedelta(days=days) for days in KEBERATAN_HARI
        )
        return (
            datetime.datetime.combine(filed, datetime.time(9, 15)),
            datetime.datetime.combine(explained, datetime.time(10, 30)),
            datetime.datetime.combine(decided, datetime.time(14, 0)),
        )

    def menunggu(self) -> datetime.datetime:
        """When the objection still waiting for its explanation was filed."""
        day = self.ditetapkan.date() + datetime.timedelta(days=MENUNGGU_HARI)
        return datetime.datetime.combine(day, datetime.time(13, 0))


def jadwal(batas_penilaian: datetime.date, group_index: int) -> Jadwal:
    """The organisation ratings are set nine days before the rating deadline; the groups are
    finalised on the deadline or one or two days before (by their position)."""
    organisasi = batas_penilaian - datetime.timedelta(days=ORGANISASI_HARI)
    finalised = batas_penilaian - datetime.timedelta(days=group_index % 3)
    return Jadwal(
        organisasi=datetime.datetime.combine(organisasi, datetime.time(9, 0)),
        ditetapkan=datetime.datetime.combine(finalised, datetime.time(15, 0)),
    )


def objection_quarter(
    quarters: Sequence[tuple[str, datetime.date]], group_index: int, today: datetime.date
) -> str | None:
    """The quarter of the demo's objection: the latest finalised one (code, rating deadline)
    whose objection was decided before today."""
    for kode, batas in reversed(quarters):
        if jadwal(batas, group_index).keberatan()[2].date() < today:
            return kode
    return None


def waiting_objector(candidates: Iterable[tuple[str, Predikat]]) -> str | None:
    """Who files the objection still waiting: the candidate (NIP, predikat) with the lowest
    predikat, the first NIP among equals; nobody when all are Sangat Baik."""
    ranked = sorted(
        (-PREDIKAT_ORDER.index(predikat), nip)
        for nip, predikat in candidates
        if predikat != Predikat.SANGAT_BAIK
    )
    return ranked[0][1] if ranked else None


@dataclass(frozen=True)
class Keputusan:
    """The superior's decision: upheld with new ratings, or rejected."""

    diterima: bool
    rating_hasil: Rating | None
    rating_perilaku: Rating | None
    keputusan: str


def objection_decision(
    isi: IsiAturan,
    organisasi: PredikatOrganisasi,
    others: Sequence[Predikat],
    predikat: Predikat,
) -> Keputusan:
    """Upheld with the ratings of the next better predikat when the group still complies with
    its curve (the others' predikat unchanged), else rejected."""
    index = PREDIKAT_ORDER.index(predikat)
    if index > 0:
        better = PREDIKAT_ORDER[index - 1]
        if curve_check(isi, organisasi, [*others, better]).sesuai is not False:
            hasil, perilaku = ratings_of(isi, better)
            return Keputusan(True, hasil, perilaku, KEPUTUSAN_DITERIMA)
    return Keputusan(False, None, None, KEPUTUSAN_DITOLAK)
