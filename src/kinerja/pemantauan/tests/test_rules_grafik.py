"""Chart geometry (exact coordinates) and the SVG partials that draw it.

Default canvas 640 × 220: plot from y 16 to 180 (164 high); the line from x 120 to 592 (472
wide, room on the right for the last label); bars from x 16 to 624 (608 wide), at most 56 wide.
Predikat levels 41 apart: Sangat Baik at 16, Baik 57, Butuh Perbaikan 98, Kurang 139, Sangat
Kurang 180.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from kinerja.aturan.enums import PREDIKAT_ORDER
from kinerja.pemantauan.rules.grafik import (
    Batang,
    DiagramBatang,
    Garis,
    Titik,
    bar_chart,
    predikat_line,
)

SB, B, BP, K, SK = PREDIKAT_ORDER
AXIS = (
    (16, "Sangat Baik"),
    (57, "Baik"),
    (98, "Butuh Perbaikan"),
    (139, "Kurang/Misconduct"),
    (180, "Sangat Kurang"),
)


def test_three_points_with_a_gap():
    """TW2 not assessed: its slot stays (x 356) but there is no point and no line through it;
    two lone points are not joined."""
    garis = predikat_line([("TW1 2025", B), ("TW2 2025", None), ("TW3 2025", BP)])
    assert garis == Garis(
        lebar=640,
        tinggi=220,
        titik=(
            Titik(120, 57, "TW1 2025", "Baik"),
            Titik(592, 98, "TW3 2025", "Butuh Perbaikan"),
        ),
        ruas=(),
        sumbu_y=AXIS,
        kiri=120,
        bawah=180,
    )
    assert garis.kosong is False


def test_four_points_with_a_gap_join_the_consecutive_ones():
    garis = predikat_line([("TW1", B), ("TW2", None), ("TW3", BP), ("TW4", SB)])
    # x every 472 / 3: 120, 277, 435, 592
    assert [(t.x, t.y) for t in garis.titik] == [(120, 57), (435, 98), (592, 16)]
    assert garis.ruas == ("435,98 592,16",)


def test_a_line_split_by_a_gap():
    garis = predikat_line([("1", SK), ("2", K), ("3", None), ("4", BP), ("5", B)])
    # x every 118: 120, 238, 356, 474, 592
    assert garis.ruas == ("120,180 238,139", "474,98 592,57")
    assert [t.nilai for t in garis.titik] == [
        "Sangat Kurang",
        "Kurang/Misconduct",
        "Butuh Perbaikan",
        "Baik",
    ]


def test_one_point_sits_in_the_middle():
    garis = predikat_line([("Tahunan 2025", SB)])
    assert garis.titik == (Titik(356, 16, "Tahunan 2025", "Sangat Baik"),)
    assert garis.ruas == ()


def test_no_points():
    assert predikat_line([]).kosong is True
    only_gaps = predikat_line([("TW1", None), ("TW2", None)])
    assert (only_gaps.titik, only_gaps.ruas, only_gaps.kosong) == ((), (), True)


def test_custom_size():
    garis = predikat_line([("a", SB), ("b", SK)], width=400, height=120)
    # plot 64 high: levels 16 apart; x from 120 to 352
    assert [(t.x, t.y) for t in garis.titik] == [(120, 16), (352, 80)]
    assert garis.sumbu_y[1] == (32, "Baik")
    assert (garis.lebar, garis.tinggi, garis.bawah) == (400, 120, 80)


def test_bars_with_range_bands():
    """Three bars scaled to the largest value or range end (8): slot 608 / 3, bars 56 wide (the
    maximum; 60% of the slot would be 122), centred in their slot.
    2 -> 41 high; 6 -> 123; 0 -> 0. Band 0..3: from y 180 - 62 (3 * 164 / 8 = 61.5, rounded
    half to even) 62 high; band 4..8: from y 16, 82 high; no band for the third."""
    diagram = bar_chart(
        [("Sangat Baik", 2, "2"), ("Baik", 6, "6"), ("Butuh Perbaikan", 0, "0")],
        ranges=[(0, 3), (4, 8), None],
    )
    assert diagram == DiagramBatang(
        lebar=640,
        tinggi=220,
        batang=(
            Batang(89, 139, 56, 41, "Sangat Baik", "2", 118, 62),
            Batang(292, 57, 56, 123, "Baik", "6", 16, 82),
            Batang(495, 180, 56, 0, "Butuh Perbaikan", "0", None, None),
        ),
        dasar=180,
    )
    assert diagram.kosong is False


def test_bars_scaled_to_the_largest_value():
    diagram = bar_chart([("A", Decimal("2.5"), "2,5"), ("B", 10, "10")])
    # slot 304, bars 56 wide from 124 into the slot; 2.5 of 10 -> 41 high; 10 -> the whole plot
    assert [(b.x, b.y, b.lebar, b.tinggi) for b in diagram.batang] == [
        (140, 139, 56, 41),
        (444, 16, 56, 164),
    ]
    assert [b.nilai for b in diagram.batang] == ["2,5", "10"]
    assert all(b.batas_y is None for b in diagram.batang)


def test_bars_all_zero_and_missing_ranges():
    diagram = bar_chart([("A", 0, "0"), ("B", 0, "0")], ranges=[(0, 0)])
    assert [(b.y, b.tinggi, b.batas_y, b.batas_tinggi) for b in diagram.batang] == [
        (180, 0, None, None),
        (180, 0, None, None),
    ]


def test_narrow_bars_keep_a_minimum_width():
    diagram = bar_chart([(str(i), 1, "1") for i in range(200)])
    assert {b.lebar for b in diagram.batang} == {4}


def test_no_bars():
    diagram = bar_chart([])
    assert (diagram.batang, diagram.kosong, diagram.dasar) == ((), True, 180)


# --- The partials ----------------------------------------------------------------------------


def test_line_partial_renders_the_geometry():
    garis = predikat_line([("TW1", B), ("TW2", None), ("TW3", BP), ("TW4", SB)])
    html = render_to_string(
        "pemantauan/_grafik_garis.html",
        {"garis": garis, "nama": "predikat-pegawai", "judul": "Predikat per periode"},
    )
    assert 'role="img"' in html
    assert 'aria-label="Predikat per periode"' in html
    assert 'class="grafik" data-grafik="predikat-pegawai"' in html
    assert "<title>Predikat per periode</title>" in html
    assert '<polyline points="435,98 592,16"' in html
    assert html.count("<circle") == 3
    assert '<circle cx="120" cy="57" r="4"' in html
    assert "<title>TW3: Butuh Perbaikan</title>" in html


def test_line_partial_without_points():
    html = render_to_string(
        "pemantauan/_grafik_garis.html",
        {"garis": predikat_line([]), "nama": "x", "judul": "x"},
    )
    assert "<svg" not in html
    assert "Belum ada predikat yang ditetapkan." in html


@pytest.mark.parametrize("empty", [True, False])
def test_bar_partial(empty):
    items = [] if empty else [("Baik", 6, "6"), ("Kurang", 2, "2")]
    diagram = bar_chart(items, ranges=None if empty else [(4, 8), None])
    html = render_to_string(
        "pemantauan/_grafik_batang.html",
        {"diagram": diagram, "nama": "distribusi", "judul": "Distribusi predikat"},
    )
    if empty:
        assert "<svg" not in html
        assert "Belum ada data." in html
        return
    assert 'data-grafik="distribusi"' in html
    assert 'aria-label="Distribusi predikat"' in html
    band, bar = diagram.batang[0], diagram.batang[1]
    assert f'y="{band.batas_y}" width="{band.lebar + 8}" height="{band.batas_tinggi}"' in html
    # one band only (the second bar has no range)
    assert html.count('stroke-dasharray="3 2"') == 1
    assert f'<rect x="{bar.x}" y="{bar.y}" width="{bar.lebar}" height="{bar.tinggi}"' in html
    assert "<title>Kurang: 2</title>" in html
