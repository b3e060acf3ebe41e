"""The distribution curve (pola distribusi, SE MenPANRB 3/2023): check and calibration.

Rounding is conservative and explicit: "at most p%" of n people allows floor(p·n/100) people and
"at least p%" needs ceil(p·n/100) (at most 70% of 7 is 4; at least 60% of 7 is 5). "Largest group"
means strictly more people than any other single predikat (a tie is not compliant). A group smaller
than the rule set's minimum size is reported as too small to judge, never as a violation.

The calibration suggestion is the smallest number of predikat changes that makes the group comply
(exact: a minimum-cost problem over the five counts, solved on the tree of constraint groups, which
the rule set keeps nested or disjoint); among suggestions changing as few people, one moving them
the fewest predikat levels.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from kinerja.aturan.enums import JenisBatasan, Predikat, PredikatOrganisasi
from kinerja.aturan.rules.isi import Batasan, IsiAturan
from kinerja.aturan.rules.penjelasan import Penjelasan, plain
from kinerja.core.i18n import gettext as _
from kinerja.core.i18n import ngettext

Key = TypeVar("Key", bound=Hashable)


class StatusKurva:
    SESUAI = "SESUAI"
    TIDAK_SESUAI = "TIDAK_SESUAI"
    TERLALU_KECIL = "TERLALU_KECIL"


@dataclass(frozen=True)
class HasilBatasan:
    batasan: Batasan
    jumlah: int
    minimum: int
    maksimum: int
    terpenuhi: bool
    penjelasan: str

    @property
    def label(self) -> str:
        return self.batasan.label()


@dataclass(frozen=True)
class Perubahan:
    """Change the predikat of `jumlah` people from `dari` to `ke`."""

    dari: Predikat
    ke: Predikat
    jumlah: int

    def label(self) -> str:
        return ngettext(
            "Ubah %(jumlah)s pegawai dari %(dari)s menjadi %(ke)s",
            "Ubah %(jumlah)s pegawai dari %(dari)s menjadi %(ke)s",
            self.jumlah,
        ) % {"jumlah": self.jumlah, "dari": self.dari.label, "ke": self.ke.label}


@dataclass(frozen=True)
class HasilKurva:
    organisasi: PredikatOrganisasi
    jumlah_pegawai: int
    jumlah: Mapping[Predikat, int]
    status: str
    batasan: tuple[HasilBatasan, ...]
    saran: tuple[Perubahan, ...]
    penjelasan: Penjelasan

    @property
    def sesuai(self) -> bool | None:
        """True or False; None when the group is too small to judge."""
        if self.status == StatusKurva.TERLALU_KECIL:
            return None
        return self.status == StatusKurva.SESUAI


# --- Bounds ----------------------------------------------------------------------------------


def allowed_range(batasan: Batasan, counts: Mapping[Predikat, int]) -> tuple[int, int]:
    """The allowed number of people (minimum, maximum) for this constraint and group."""
    size = sum(counts.values())
    if batasan.jenis == JenisBatasan.TERBANYAK:
        (largest,) = batasan.predikat
        others = [count for predikat, count in counts.items() if predikat != largest]
        return (max(others, default=-1) + 1), size
    return _size_bounds(batasan, size)


def _size_bounds(batasan: Batasan, size: int) -> tuple[int, int]:
    """The bounds of a constraint that depends only on the group size."""
    if batasan.jenis == JenisBatasan.MAKSIMUM_PERSEN:
        return 0, math.floor(batasan.nilai * size / 100)
    if batasan.jenis == JenisBatasan.MINIMUM_PERSEN:
        return math.ceil(batasan.nilai * size / 100), size
    if batasan.jenis == JenisBatasan.MINIMUM_ORANG:
        return int(batasan.nilai), size
    return 0, size


def _explain_bound(batasan: Batasan, size: int, low: int, high: int, count: int) -> str:
    nilai = plain(batasan.nilai)
    if batasan.jenis == JenisBatasan.MAKSIMUM_PERSEN:
        rule = _(
            "%(nilai)s%% × %(n)s orang = %(hasil)s, dibulatkan ke bawah: "
            "paling banyak %(batas)s orang"
        ) % {"nilai": nilai, "n": size, "hasil": plain(batasan.nilai * size / 100), "batas": high}
    elif batasan.jenis == JenisBatasan.MINIMUM_PERSEN:
        rule = _(
            "%(nilai)s%% × %(n)s orang = %(hasil)s, dibulatkan ke atas: "
            "paling sedikit %(batas)s orang"
        ) % {"nilai": nilai, "n": size, "hasil": plain(batasan.nilai * size / 100), "batas": low}
    elif batasan.jenis == JenisBatasan.MINIMUM_ORANG:
        rule = _("paling sedikit %(batas)s orang") % {"batas": low}
    else:
        rule = _("harus lebih banyak dari setiap predikat lain: paling sedikit %(batas)s orang") % {
            "batas": low
        }
    verdict = _("terpenuhi") if low <= count <= high else _("tidak terpenuhi")
    return _("%(batasan)s: %(aturan)s; ada %(jumlah)s orang, %(hasil)s.") % {
        "batasan": batasan.label(),
        "aturan": rule,
        "jumlah": count,
        "hasil": verdict,
    }


# --- Calibration: minimum changes ------------------------------------------------------------


@dataclass(frozen=True)
class _Convex:
    """A convex function on the integers lo..hi: its value at lo and its slopes in runs."""

    lo: int
    hi: int
    start: int
    runs: tuple[tuple[int, int, int], ...]  # (slope, order, count), sorted

    def clamp(self, low: int, high: int) -> _Convex | None:
        lo, hi = max(self.lo, low), min(self.hi, high)
        if lo > hi:
            return None
        skip, start, runs = lo - self.lo, self.start, []
        keep = hi - lo
        for slope, order, count in self.runs:
            used = min(skip, count)
            skip -= used
            start += used * slope
            count -= used
            taken = min(count, keep)
            keep -= taken
            if taken:
                runs.append((slope, order, taken))
        return _Convex(lo, hi, start, tuple(runs))


def _leaf(original: int, low: int, high: int, order: int) -> _Convex | None:
    if low > high:
        return None
    down = max(0, min(original, high) - low)
    up = high - low - down
    runs = tuple(run for run in ((-1, order, down), (1, order, up)) if run[2])
    return _Convex(low, high, abs(low - original), runs)


def _combine(parts: Sequence[_Convex]) -> _Convex:
    runs = sorted(run for part in parts for run in part.runs)
    return _Convex(
        sum(p.lo for p in parts), sum(p.hi for p in parts), sum(p.start for p in parts), tuple(runs)
    )


@dataclass
class _Node:
    members: frozenset[Predikat]
    low: int
    high: int
    children: list[_Node]
    function: _Convex | None = None


def _tree(constraints: Sequence[Batasan], size: int) -> _Node:
    bounds: dict[frozenset[Predikat], tuple[int, int]] = {frozenset(Predikat): (size, size)}
    for predikat in Predikat:
        bounds.setdefault(frozenset([predikat]), (0, size))
    for batasan in constraints:
        if batasan.jenis == JenisBatasan.TERBANYAK:
            continue
        group = frozenset(batasan.predikat)
        low, high = _size_bounds(batasan, size)
        old_low, old_high = bounds.get(group, (0, size))
        bounds[group] = (max(old_low, low), min(old_high, high))
    nodes = {group: _Node(group, low, high, []) for group, (low, high) in bounds.items()}
    for group, node in nodes.items():
        if len(group) == len(Predikat):
            continue
        parent = min((g for g in nodes if group < g), key=len)
        nodes[parent].children.append(node)
    return nodes[frozenset(Predikat)]


def _solve(
    node: _Node, counts: Mapping[Predikat, int], limits: Mapping[Predikat, tuple[int, int]]
) -> _Convex | None:
    if not node.children:
        (predikat,) = node.members
        low, high = limits[predikat]
        node.function = _leaf(
            counts[predikat], max(node.low, low), min(node.high, high), _ORDER[predikat]
        )
        return node.function
    parts = []
    for child in node.children:
        part = _solve(child, counts, limits)
        if part is None:
            return None
        parts.append(part)
    node.function = _combine(parts).clamp(node.low, node.high)
    return node.function


def _distribute(node: _Node, total: int, result: dict[Predikat, int]) -> None:
    if not node.children:
        (predikat,) = node.members
        result[predikat] = total
        return
    children = sorted(node.children, key=lambda child: min(_ORDER[p] for p in child.members))
    amounts = [child.function.lo for child in children]  # type: ignore[union-attr]
    remaining = total - sum(amounts)
    runs = sorted(
        (slope, index, count)
        for index, child in enumerate(children)
        for slope, _order, count in child.function.runs  # type: ignore[union-attr]
    )
    for _slope, index, count in runs:
        if remaining <= 0:
            break
        taken = min(count, remaining)
        amounts[index] += taken
        remaining -= taken
    for child, amount in zip(children, amounts, strict=True):
        _distribute(child, amount, result)


_ORDER = {predikat: index for index, predikat in enumerate(Predikat)}


def curve_target(
    constraints: Sequence[Batasan], counts: Mapping[Predikat, int]
) -> dict[Predikat, int] | None:
    """The compliant counts nearest to `counts` (fewest people changed), None if none exists."""
    counts = {p: counts.get(p, 0) for p in Predikat}
    size = sum(counts.values())
    root = _tree(constraints, size)
    largest = next((b.predikat[0] for b in constraints if b.jenis == JenisBatasan.TERBANYAK), None)
    if largest is None:
        nearest = _nearest_target(root, counts, dict.fromkeys(Predikat, (0, size)))[1]
        return _fewest_levels(constraints, counts, nearest) if nearest is not None else None
    best: tuple[int, dict[Predikat, int] | None] = (_INFINITE, None)
    center = counts[largest]
    for top in sorted(range(size + 1), key=lambda t: (abs(t - center), t)):
        if abs(top - center) >= best[0]:
            break  # the largest group alone already costs as much as the best found
        limits = {p: (top, top) if p == largest else (0, top - 1) for p in Predikat}
        found = _nearest_target(root, counts, limits)
        if found[0] < best[0]:
            best = found
    return _fewest_levels(constraints, counts, best[1]) if best[1] is not None else None


_INFINITE = 10**12


def _complies(constraints: Sequence[Batasan], target: Mapping[Predikat, int]) -> bool:
    for batasan in constraints:
        low, high = allowed_range(batasan, target)
        if not low <= sum(target[p] for p in batasan.predikat) <= high:
            return False
    return True


def _levels(counts: Mapping[Predikat, int], target: Mapping[Predikat, int]) -> int:
    """How many predikat levels the people move in all (the distance between the two
    distributions along the ordered predikat)."""
    moved = running = 0
    for predikat in Predikat:
        running += target[predikat] - counts[predikat]
        moved += abs(running)
    return moved


def _fewest_levels(
    constraints: Sequence[Batasan], counts: Mapping[Predikat, int], target: dict[Predikat, int]
) -> dict[Predikat, int]:
    """Among the targets with as few people changed, one that moves them the fewest levels
    (each step moves one place of the target between two predikat; it ends because the levels
    strictly decrease)."""
    changed = sum(abs(target[p] - counts[p]) for p in Predikat)
    levels = _levels(counts, target)
    improved = True
    while improved:
        improved = False
        for source in Predikat:
            for destination in Predikat:
                if source == destination or target[source] == 0:
                    continue
                candidate = dict(target)
                candidate[source] -= 1
                candidate[destination] += 1
                if (
                    sum(abs(candidate[p] - counts[p]) for p in Predikat) == changed
                    and _levels(counts, candidate) < levels
                    and _complies(constraints, candidate)
                ):
                    target, levels, improved = candidate, _levels(counts, candidate), True
                    break
            if improved:
                break
    return target


def _nearest_target(
    root: _Node, counts: Mapping[Predikat, int], limits: Mapping[Predikat, tuple[int, int]]
) -> tuple[int, dict[Predikat, int] | None]:
    """(sum of |target - count|, target) within the limits, or (infinite, None)."""
    size = sum(counts.values())
    function = _solve(root, counts, limits)
    if function is None or not function.lo <= size <= function.hi:
        return _INFINITE, None
    cost = function.start + sum(
        slope * count for slope, count in _prefix(function.runs, size - function.lo)
    )
    target: dict[Predikat, int] = {}
    _distribute(root, size, target)
    return cost, target


def _prefix(runs: Sequence[tuple[int, int, int]], amount: int) -> list[tuple[int, int]]:
    taken = []
    for slope, _order, count in runs:
        if amount <= 0:
            break
        used = min(count, amount)
        taken.append((slope, used))
        amount -= used
    return taken


def calibration_moves(
    counts: Mapping[Predikat, int], target: Mapping[Predikat, int]
) -> tuple[Perubahan, ...]:
    """Pair surpluses with shortfalls, nearest predikat first (fewest levels moved)."""
    surplus = [(p, counts.get(p, 0) - target[p]) for p in Predikat if counts.get(p, 0) > target[p]]
    shortfall = [
        (p, target[p] - counts.get(p, 0)) for p in Predikat if target[p] > counts.get(p, 0)
    ]
    moves: list[Perubahan] = []
    while surplus and shortfall:
        (source, extra), (destination, needed) = surplus[0], shortfall[0]
        amount = min(extra, needed)
        moves.append(Perubahan(source, destination, amount))
        surplus[0], shortfall[0] = (source, extra - amount), (destination, needed - amount)
        if surplus[0][1] == 0:
            surplus.pop(0)
        if shortfall[0][1] == 0:
            shortfall.pop(0)
    return tuple(sorted(moves, key=lambda m: (_ORDER[m.dari], _ORDER[m.ke])))


# --- The check -------------------------------------------------------------------------------


def curve_verdict(
    isi: IsiAturan, organisasi: PredikatOrganisasi, counts: Mapping[Predikat, int]
) -> bool | None:
    """`curve_check(...).sesuai` from the counts per predikat, without the explanation and the
    calibration suggestion (for recaps over many groups): None when the group is too small."""
    full = {predikat: counts.get(predikat, 0) for predikat in Predikat}
    if sum(full.values()) < isi.kurva.ukuran_minimum:
        return None
    return all(
        low <= sum(full[p] for p in batasan.predikat) <= high
        for batasan in isi.kurva.pola[organisasi]
        for low, high in (allowed_range(batasan, full),)
    )


def curve_check(
    isi: IsiAturan, organisasi: PredikatOrganisasi, daftar: Iterable[Predikat]
) -> HasilKurva:
    """Does this group's distribution of predikat satisfy the curve of its organisation rating?"""
    counts = dict.fromkeys(Predikat, 0)
    for predikat in daftar:
        counts[predikat] += 1
    size = sum(counts.values())
    constraints = isi.kurva.pola[organisasi]
    results = []
    for batasan in constraints:
        low, high = allowed_range(batasan, counts)
        count = sum(counts[p] for p in batasan.predikat)
        results.append(
            HasilBatasan(
                batasan,
                count,
                low,
                high,
                low <= count <= high,
                _explain_bound(batasan, size, low, high, count),
            )
        )
    holds = all(result.terpenuhi for result in results)
    if size < isi.kurva.ukuran_minimum:
        status = StatusKurva.TERLALU_KECIL
    else:
        status = StatusKurva.SESUAI if holds else StatusKurva.TIDAK_SESUAI
    moves: tuple[Perubahan, ...] = ()
    if status == StatusKurva.TIDAK_SESUAI:
        target = curve_target(constraints, counts)
        moves = calibration_moves(counts, target) if target is not None else ()
    return HasilKurva(
        organisasi,
        size,
        counts,
        status,
        tuple(results),
        moves,
        _explain(isi, organisasi, counts, status, results, moves),
    )


def _explain(
    isi: IsiAturan,
    organisasi: PredikatOrganisasi,
    counts: Mapping[Predikat, int],
    status: str,
    results: Sequence[HasilBatasan],
    moves: Sequence[Perubahan],
) -> Penjelasan:
    size = sum(counts.values())
    values = {"organisasi": organisasi.label, "n": size}
    if status == StatusKurva.TERLALU_KECIL:
        summary = _(
            "Kelompok %(n)s orang terlalu kecil untuk dinilai terhadap kurva (paling sedikit "
            "%(minimum)s orang); tidak dianggap pelanggaran."
        ) % {**values, "minimum": isi.kurva.ukuran_minimum}
    elif status == StatusKurva.SESUAI:
        summary = (
            _(
                "Distribusi predikat %(n)s pegawai sesuai dengan kurva untuk capaian kinerja "
                "organisasi %(organisasi)s."
            )
            % values
        )
    else:
        failed = "; ".join(r.label for r in results if not r.terpenuhi)
        summary = _(
            "Distribusi predikat %(n)s pegawai tidak sesuai dengan kurva untuk capaian kinerja "
            "organisasi %(organisasi)s: %(gagal)s."
        ) % {**values, "gagal": failed}
    steps = [
        _("Pembulatan: “paling banyak p%” dibulatkan ke bawah, “paling sedikit p%” ke atas."),
        *(r.penjelasan for r in results),
    ]
    if not results:
        steps.append(_("Pola untuk capaian ini tidak memuat batasan."))
    if moves:
        steps.append(
            _("Perubahan paling sedikit agar sesuai: %(saran)s.")
            % {"saran": "; ".join(move.label() for move in moves)}
        )
    elif status == StatusKurva.TIDAK_SESUAI:
        steps.append(_("Tidak ada susunan predikat yang memenuhi kurva untuk kelompok ini."))
    return Penjelasan(
        ringkasan=summary,
        acuan=isi.acuan,
        masukan=(
            (_("Capaian kinerja organisasi"), str(organisasi.label)),
            (_("Jumlah pegawai"), str(size)),
            *((str(p.label), str(counts[p])) for p in Predikat),
        ),
        langkah=tuple(steps),
    )


# --- Groups ----------------------------------------------------------------------------------


def curve_groups(
    rated_paths: Iterable[str], members: Iterable[tuple[Key, str]]
) -> dict[str | None, list[Key]]:
    """Which curve group each member belongs to: the nearest unit up its path (itself included)
    that has an organisation rating. Units are materialised paths ("/1/4/9/"); members under no
    rated unit are grouped under None."""
    rated = set(rated_paths)
    groups: dict[str | None, list[Key]] = {}
    for key, path in members:
        group = _nearest(path, rated)
        groups.setdefault(group, []).append(key)
    return groups


def _nearest(path: str, rated: set[str]) -> str | None:
    parts = [part for part in path.split("/") if part]
    for depth in range(len(parts), 0, -1):
        candidate = "/" + "/".join(parts[:depth]) + "/"
        if candidate in rated:
            return candidate
    return None
