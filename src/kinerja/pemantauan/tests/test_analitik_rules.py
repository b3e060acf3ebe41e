"""Pure rules of the rater analytics: distributions, the leniency index and its classes at the
thresholds, contradictions with the evidence verdicts, verification turnaround, the comparison
chart's geometry, and lateness agreeing with the realisation's TERLAMBAT signal."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.aturan.enums import Predikat, Rating
from kinerja.pemantauan.rules import analitik as rules
from kinerja.pemantauan.rules.analitik import (
    AmbangAnalitik,
    Distribusi,
    JumlahBukti,
    KelasKelonggaran,
)
from kinerja.realisasi import rules as realisasi_rules
from kinerja.realisasi.enums import JenisSinyal

SB, B, BP, K, SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
)


def dist(**counts: int) -> Distribusi:
    return Distribusi.of({Predikat[name].value: n for name, n in counts.items()})


def test_default_thresholds_are_named_product_settings():
    ambang = rules.AMBANG
    assert ambang == AmbangAnalitik(
        lunak=Decimal("0.5"),
        keras=Decimal("-0.5"),
        minimum_penilaian=3,
        porsi_dikembalikan=Decimal("0.5"),
    )
    assert (ambang.lunak_teks, ambang.keras_teks) == ("+0,50", "\N{MINUS SIGN}0,50")
    with pytest.raises(AttributeError):
        ambang.lunak = Decimal(1)  # type: ignore[misc]


def test_percentages_in_indonesian():
    assert rules.percent(4, 5) == Decimal("80.0")
    assert rules.percent(1, 3) == Decimal("33.3")
    assert rules.percent(2, 3) == Decimal("66.7")
    assert rules.percent(0, 0) == Decimal("0.0")
    assert rules.percent_text(Decimal("62.5")) == "62,5%"
    assert rules.percent_text(Decimal("62.0")) == "62%"
    assert rules.signed_text(Decimal("0.9")) == "+0,90"
    assert rules.signed_text(Decimal(0)) == "0,00"


def test_distribution_counts_shares_and_mean():
    mine = dist(SANGAT_BAIK=4, BAIK=1)
    assert mine.total == 5
    assert [(c.predikat, c.jumlah, c.persen) for c in mine.sel] == [
        (SB, 4, Decimal("80.0")),
        (B, 1, Decimal("20.0")),
        (BP, 0, Decimal("0.0")),
        (K, 0, Decimal("0.0")),
        (SK, 0, Decimal("0.0")),
    ]
    assert mine.rata_rata == Decimal("4.80")
    assert Distribusi.of([("BAIK", 2), ("BAIK", 1)]).jumlah[B] == 3
    assert Distribusi.of({}).rata_rata is None


def test_four_of_five_sangat_baik_against_the_unit_is_lenient():
    # The unit: the appraiser's 4 Sangat Baik + 1 Baik and another's 5 Butuh Perbaikan.
    mine = dist(SANGAT_BAIK=4, BAIK=1)
    unit = dist(SANGAT_BAIK=4, BAIK=1, BUTUH_PERBAIKAN=5)
    result = rules.leniency(mine, unit)
    assert result.rata_rata_penilai == Decimal("4.80")
    assert result.rata_rata_unit == Decimal("3.90")
    assert result.indeks == Decimal("0.90")
    assert result.kelas == KelasKelonggaran.LUNAK
    assert result.indeks_teks == "+0,90"
    assert result.penjelasan == (
        "Rata-rata skor penilai 4,80 − rata-rata unit 3,90 = +0,90 (≥ +0,50: lunak)."
    )
    severe = rules.leniency(dist(BUTUH_PERBAIKAN=5), unit)
    assert (severe.indeks, severe.kelas) == (Decimal("-0.90"), KelasKelonggaran.KERAS)
    assert severe.penjelasan == (
        "Rata-rata skor penilai 3,00 − rata-rata unit 3,90 = −0,90 (≤ −0,50: keras)."
    )


def test_thresholds_are_inclusive_and_exact():
    unit = dist(BAIK=4)  # mean 4
    at_plus = rules.leniency(dist(SANGAT_BAIK=2, BAIK=2), unit)  # 4.5
    assert (at_plus.indeks, at_plus.kelas) == (Decimal("0.50"), KelasKelonggaran.LUNAK)
    at_minus = rules.leniency(dist(BAIK=2, BUTUH_PERBAIKAN=2), unit)  # 3.5
    assert (at_minus.indeks, at_minus.kelas) == (Decimal("-0.50"), KelasKelonggaran.KERAS)
    # 13/3 - 23/6 = 1/2 exactly (no rounding of repeating decimals decides the class).
    thirds = rules.leniency(
        dist(SANGAT_BAIK=1, BAIK=2), dist(SANGAT_BAIK=1, BAIK=3, BUTUH_PERBAIKAN=2)
    )
    assert thirds.kelas == KelasKelonggaran.LUNAK
    within = rules.leniency(dist(SANGAT_BAIK=1, BAIK=3), unit)  # 4.25
    assert (within.indeks, within.kelas) == (Decimal("0.25"), KelasKelonggaran.WAJAR)
    assert within.penjelasan.endswith("(antara −0,50 dan +0,50: wajar).")


def test_too_few_ratings_and_custom_thresholds():
    unit = dist(BAIK=10)
    few = rules.leniency(dist(SANGAT_BAIK=2), unit)
    assert few.indeks == Decimal("1.00")
    assert few.kelas == KelasKelonggaran.SEDIKIT_DATA
    assert few.kelas.label == "Terlalu sedikit data"
    assert few.penjelasan == (
        "Rata-rata skor penilai 5,00 − rata-rata unit 4,00 = +1,00 "
        "(baru 2 penilaian, kurang dari 3: terlalu sedikit data)."
    )
    none = rules.leniency(dist(), unit)
    assert (none.indeks, none.kelas) == (None, KelasKelonggaran.SEDIKIT_DATA)
    strict = AmbangAnalitik(lunak=Decimal("1.5"), minimum_penilaian=2)
    assert rules.leniency(dist(SANGAT_BAIK=2), unit, strict).kelas == KelasKelonggaran.WAJAR


def test_contradictions_with_the_evidence_verdicts():
    mostly_returned = JumlahBukti(diterima=1, ditolak=2, perlu_perbaikan=1)
    assert rules.contradiction(Rating.DI_ATAS, mostly_returned) == (
        "Di Atas Ekspektasi, padahal 3 dari 4 bukti ditolak atau perlu perbaikan."
    )
    half = JumlahBukti(diterima=2, ditolak=1, perlu_perbaikan=1)
    assert rules.contradiction(Rating.DI_ATAS, half) is None  # exactly half is not "more"
    assert rules.contradiction("DI_ATAS", JumlahBukti()) is None
    all_accepted = JumlahBukti(diterima=2)
    assert rules.contradiction(Rating.DI_BAWAH, all_accepted) == (
        "Di Bawah Ekspektasi, padahal semua 2 bukti diterima."
    )
    assert rules.contradiction(Rating.DI_BAWAH, JumlahBukti(diterima=2, menunggu=1)) is None
    assert rules.contradiction(Rating.DI_BAWAH, JumlahBukti()) is None
    assert rules.contradiction(Rating.SESUAI, mostly_returned) is None
    assert rules.contradiction(Rating.SESUAI, all_accepted) is None
    assert JumlahBukti.of({"DITOLAK": 2, "MENUNGGU": 1}).as_dict() == {
        "MENUNGGU": 1,
        "DITERIMA": 0,
        "PERLU_PERBAIKAN": 0,
        "DITOLAK": 2,
    }


def test_the_refresh_check_on_counts():
    returned = {"DITERIMA": 1, "DITOLAK": 2, "PERLU_PERBAIKAN": 1}
    assert rules.contradicts("DI_ATAS", returned)
    assert not rules.contradicts("DI_ATAS", {"DITERIMA": 2, "DITOLAK": 2})  # exactly half
    assert rules.contradicts(
        "DI_ATAS", {"DITERIMA": 2, "DITOLAK": 2}, AmbangAnalitik(porsi_dikembalikan=Decimal("0.4"))
    )
    assert rules.contradicts("DI_BAWAH", {"DITERIMA": 3})
    assert not rules.contradicts("DI_BAWAH", {"DITERIMA": 3, "MENUNGGU": 1})
    assert not rules.contradicts("DI_BAWAH", {})
    assert not rules.contradicts("SESUAI", returned)


STATUSES = ("MENUNGGU", "DITERIMA", "PERLU_PERBAIKAN", "DITOLAK")


@given(
    rating=st.sampled_from([r.value for r in Rating]),
    numbers=st.tuples(*[st.integers(0, 6) for _ in STATUSES]),
    share=st.sampled_from(["0.25", "0.5", "0.6", "1"]),
)
def test_the_refresh_check_agrees_with_the_worded_rule(rating, numbers, share):
    counts = {status: n for status, n in zip(STATUSES, numbers, strict=True) if n}
    ambang = AmbangAnalitik(porsi_dikembalikan=Decimal(share))
    worded = rules.contradiction(rating, JumlahBukti.of(counts), ambang)
    assert rules.contradicts(rating, counts, ambang) == (worded is not None)


def test_turnaround_median_and_mean_days():
    day = datetime.timedelta(days=1)
    result = rules.turnaround([day, 4 * day, 2 * day], menunggu_lewat_batas=2)
    assert result == rules.WaktuVerifikasi(3, Decimal("2.0"), Decimal("2.3"), 2)
    even = rules.turnaround([datetime.timedelta(hours=12), 2 * day])
    assert (even.median_hari, even.rata_rata_hari) == (Decimal("1.3"), Decimal("1.3"))
    assert rules.turnaround([]) == rules.WaktuVerifikasi(0, None, None, 0)


def test_comparison_chart_geometry():
    chart = rules.comparison_chart(
        dist(SANGAT_BAIK=4, BAIK=1), dist(SANGAT_BAIK=1, BAIK=1), dist(BAIK=1)
    )
    assert (chart.lebar, chart.tinggi, chart.dasar, chart.lebar_batang) == (145, 64, 52, 7)
    first = chart.batang[:3]
    assert [(b.seri, b.x, b.y, b.tinggi, b.persen) for b in first] == [
        ("penilai", 4, 14, 38, Decimal("80.0")),
        ("unit", 11, 28, 24, Decimal("50.0")),
        ("instansi", 18, 52, 0, Decimal("0.0")),
    ]
    assert first[0].judul == "Penilai, Sangat Baik: 80%"
    assert len(chart.batang) == 15
    assert [text for _x, text in chart.label] == ["SB", "B", "BP", "K", "SK"]
    assert chart.label[1][0] == 4 + 29 + 10


def test_lateness_is_the_realisation_rule():
    batas = datetime.date(2026, 4, 5)
    assert rules.first_late_day(batas) == datetime.date(2026, 4, 6)
    assert rules.late_signal(batas, batas) is None
    message = rules.late_signal(datetime.date(2026, 4, 6), batas)
    assert message == "Diunggah 6 April 2026, setelah batas realisasi 5 April 2026."
    signals = realisasi_rules.integrity_signals(
        pegawai_id=1,
        rhk_id=1,
        periode_id=1,
        ukuran=None,
        diunggah=rules.first_late_day(batas),
        batas_realisasi=batas,
        is_file=False,
    )
    assert [(s.jenis, s.pesan) for s in signals] == [(JenisSinyal.TERLAMBAT, message)]
