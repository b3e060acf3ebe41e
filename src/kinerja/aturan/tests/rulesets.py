"""Shared helpers of the rule tests: the parsed default content and modified copies of it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from kinerja.aturan.enums import JenisBatasan, Predikat
from kinerja.aturan.rules import Acuan, IsiAturan, isi_default, isi_parse
from kinerja.aturan.rules.isi import Batasan

PREDIKAT = tuple(Predikat)
SB, B, BP, K, SK = PREDIKAT


@cache
def default_isi() -> IsiAturan:
    """The shipped default content, parsed (shared: never mutate it)."""
    return isi_parse(isi_default())


def content(edit: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    """A fresh copy of the default JSON content changed in place by `edit`."""
    data = isi_default()
    edit(data)
    return data


def isi_with(edit: Callable[[dict[str, Any]], object], acuan: Acuan | None = None) -> IsiAturan:
    """The default content changed by `edit`, parsed."""
    return isi_parse(content(edit), acuan)


def counts_of(**named: int) -> dict[Predikat, int]:
    """counts_of(BAIK=7, SANGAT_BAIK=3) -> a count for every predikat (0 when not named)."""
    return {p: named.get(p.value, 0) for p in Predikat}


def people(counts: Mapping[Predikat, int]) -> list[Predikat]:
    """One predikat per person, as a group's list of predikat."""
    return [p for p in Predikat for _ in range(counts.get(p, 0))]


def complies(constraints: Iterable[Batasan], counts: Mapping[Predikat, int]) -> bool:
    """An independent reading of the curve constraints (the test oracle): "at most p%" means
    count × 100 ≤ p × n, "at least p%" means count × 100 ≥ p × n, "largest" means strictly more
    than every other single predikat."""
    size = sum(counts.values())
    for batasan in constraints:
        count = sum(counts[p] for p in batasan.predikat)
        if batasan.jenis == JenisBatasan.TERBANYAK:
            if any(counts[p] >= count for p in Predikat if p not in batasan.predikat):
                return False
        elif batasan.jenis == JenisBatasan.MAKSIMUM_PERSEN:
            if count * 100 > batasan.nilai * size:
                return False
        elif batasan.jenis == JenisBatasan.MINIMUM_PERSEN:
            if count * 100 < batasan.nilai * size:
                return False
        elif count < batasan.nilai:
            return False
    return True


def count_vectors(size: int, slots: int = len(PREDIKAT)) -> list[tuple[int, ...]]:
    """Every way to split `size` people over `slots` predikat."""
    if slots == 1:
        return [(size,)]
    return [
        (first, *rest)
        for first in range(size + 1)
        for rest in count_vectors(size - first, slots - 1)
    ]


def distance(first: Mapping[Predikat, int], second: Mapping[Predikat, int]) -> int:
    """Sum over predikat of |first − second| (twice the number of people changed)."""
    return sum(abs(first.get(p, 0) - second.get(p, 0)) for p in Predikat)


def brute_force_minimum(
    constraints: Iterable[Batasan], counts: Mapping[Predikat, int]
) -> int | None:
    """The smallest distance from `counts` to any compliant vector of the same size."""
    constraints = tuple(constraints)
    size = sum(counts.values())
    best = None
    for vector in count_vectors(size):
        candidate = dict(zip(PREDIKAT, vector, strict=True))
        if complies(constraints, candidate):
            cost = distance(candidate, counts)
            best = cost if best is None else min(best, cost)
    return best
