"""Chart geometry for the server-rendered SVG charts (pages and the PDF report): a line of
predikat over periods and bars of numbers (optionally with an allowed range per bar)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from kinerja.aturan.enums import PREDIKAT_ORDER, Predikat

LEBAR = 640
TINGGI = 220
KIRI = 120
ATAS = 16
BAWAH = 40
KANAN = 16
KANAN_GARIS = 48  # room for the centred label of the last point
BATANG_MAKSIMUM = 56


@dataclass(frozen=True)
class Titik:
    x: int
    y: int
    label: str
    nilai: str


@dataclass(frozen=True)
class Garis:
    """A line chart of predikat: one point per period (None = not assessed: a gap)."""

    lebar: int
    tinggi: int
    titik: tuple[Titik, ...]
    ruas: tuple[str, ...]
    sumbu_y: tuple[tuple[int, str], ...]
    kiri: int
    bawah: int

    @property
    def kosong(self) -> bool:
        return not self.titik


def _x(index: int, count: int, width: int) -> int:
    span = width - KIRI - KANAN_GARIS
    if count <= 1:
        return KIRI + span // 2
    return KIRI + round(index * span / (count - 1))


def predikat_line(
    points: Sequence[tuple[str, Predikat | None]], *, width: int = LEBAR, height: int = TINGGI
) -> Garis:
    """Predikat over periods, Sangat Baik at the top; consecutive assessed periods are joined."""
    plot = height - ATAS - BAWAH
    levels = len(PREDIKAT_ORDER)

    def y_of(predikat: Predikat) -> int:
        return ATAS + round((levels - predikat.score) * plot / (levels - 1))

    dots: list[Titik] = []
    segments: list[str] = []
    current: list[str] = []
    for index, (label, predikat) in enumerate(points):
        if predikat is None:
            if len(current) > 1:
                segments.append(" ".join(current))
            current = []
            continue
        x, y = _x(index, len(points), width), y_of(predikat)
        dots.append(Titik(x, y, label, str(predikat.label)))
        current.append(f"{x},{y}")
    if len(current) > 1:
        segments.append(" ".join(current))
    axis = tuple((y_of(p), str(p.label)) for p in PREDIKAT_ORDER)
    return Garis(width, height, tuple(dots), tuple(segments), axis, KIRI, height - BAWAH)


@dataclass(frozen=True)
class Batang:
    x: int
    y: int
    lebar: int
    tinggi: int
    label: str
    nilai: str
    batas_y: int | None = None
    batas_tinggi: int | None = None


@dataclass(frozen=True)
class DiagramBatang:
    lebar: int
    tinggi: int
    batang: tuple[Batang, ...]
    dasar: int

    @property
    def kosong(self) -> bool:
        return not self.batang


def bar_chart(
    items: Sequence[tuple[str, Decimal | int, str]],
    *,
    ranges: Sequence[tuple[int, int] | None] | None = None,
    width: int = LEBAR,
    height: int = TINGGI,
) -> DiagramBatang:
    """Vertical bars (label, value, value as shown), scaled to the largest value (or range end);
    `ranges` optionally draws each bar's allowed range as a band."""
    left = 16
    plot = height - ATAS - BAWAH
    limits = [r[1] for r in ranges or () if r is not None]
    top = max([Decimal(v) for _l, v, _s in items] + [Decimal(x) for x in limits] + [Decimal(0)])
    slot = (width - left - KANAN) / max(len(items), 1)
    bar_width = min(BATANG_MAKSIMUM, max(4, round(slot * 0.6)))
    bars = []
    for index, (label, value, shown) in enumerate(items):
        size = 0 if top == 0 else round(Decimal(value) * plot / top)
        x = left + round(index * slot + (slot - bar_width) / 2)
        band_y = band_height = None
        chosen = ranges[index] if ranges and index < len(ranges) else None
        if chosen is not None and top:
            low, high = chosen
            band_y = ATAS + plot - round(Decimal(high) * plot / top)
            band_height = round(Decimal(high - low) * plot / top)
        bars.append(
            Batang(x, ATAS + plot - size, bar_width, size, label, shown, band_y, band_height)
        )
    return DiagramBatang(width, height, tuple(bars), ATAS + plot)
