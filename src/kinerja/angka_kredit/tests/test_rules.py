"""Pure rules of credit points: months per jenjang, the jenjang at the end of a year, the
stretches of a year, the predikat minimum and the conditions of moving up a jenjang."""

from __future__ import annotations

import datetime
from decimal import Decimal

from kinerja.angka_kredit import rules
from kinerja.angka_kredit.enums import StatusSyarat
from kinerja.angka_kredit.rules import Masa
from kinerja.aturan.enums import Predikat
from kinerja.aturan.rules.angka_kredit import Ambang
from kinerja.organisasi.enums import Jenjang

AP, AM = Jenjang.AHLI_PERTAMA, Jenjang.AHLI_MUDA
D = datetime.date


def test_months_held_full_year():
    assert rules.months_held([Masa(D(2020, 1, 1), None, AP)], 2026) == {AP: 12}


def test_months_held_start_mid_month_counts_from_the_next_month():
    assert rules.months_held([Masa(D(2026, 3, 15), None, AP)], 2026) == {AP: 9}
    assert rules.months_held([Masa(D(2026, 3, 1), None, AP)], 2026) == {AP: 10}
    assert rules.months_held([Masa(D(2026, 12, 2), None, AP)], 2026) == {}


def test_months_held_end_is_exclusive():
    held = [Masa(D(2026, 3, 1), D(2026, 5, 1), AP)]
    assert rules.months_held(held, 2026) == {AP: 2}
    # Ending on the 2nd keeps the month whose first day was held.
    assert rules.months_held([Masa(D(2026, 3, 1), D(2026, 5, 2), AP)], 2026) == {AP: 3}


def test_months_held_joined_1_august_and_a_change_of_jenjang():
    joined = [Masa(D(2024, 1, 1), D(2026, 8, 1), None), Masa(D(2026, 8, 1), None, AP)]
    assert rules.months_held(joined, 2026) == {AP: 5}
    change = [Masa(D(2024, 1, 1), D(2026, 7, 1), AP), Masa(D(2026, 7, 1), None, AM)]
    assert rules.months_held(change, 2026) == {AP: 6, AM: 6}


def test_jenjang_at_and_last_jenjang():
    change = [Masa(D(2024, 1, 1), D(2026, 7, 1), AP), Masa(D(2026, 7, 1), None, AM)]
    assert rules.jenjang_at(change, D(2026, 6, 30)) == AP
    assert rules.jenjang_at(change, D(2026, 7, 1)) == AM
    assert rules.jenjang_at(change, D(2023, 12, 31)) is None
    assert rules.last_jenjang(change, 2026) == AM
    left = [Masa(D(2024, 1, 1), D(2026, 10, 1), AP), Masa(D(2026, 10, 1), None, None)]
    assert rules.last_jenjang(left, 2026) == AP
    assert rules.last_jenjang([Masa(D(2024, 1, 1), None, None)], 2026) is None


def test_stretches_of_year_fall_back_to_the_current_position():
    later = [Masa(D(2027, 1, 1), None, AM)]
    assert rules.stretches_of_year(later, AM, 2026) == [Masa(D(2026, 1, 1), None, AM)]
    touching = [Masa(D(2025, 1, 1), D(2026, 2, 1), AP), Masa(D(2026, 2, 1), None, AM)]
    assert rules.stretches_of_year(touching, AM, 2026) == touching
    assert rules.stretches_of_year(touching, AM, 2025) == touching[:1]


def test_predikat_enough():
    assert rules.predikat_enough(Predikat.SANGAT_BAIK)
    assert rules.predikat_enough(Predikat.BAIK)
    assert not rules.predikat_enough(Predikat.BUTUH_PERBAIKAN)
    assert not rules.predikat_enough(Predikat.SANGAT_KURANG)
    assert not rules.predikat_enough(None)


def test_next_jenjang_conditions():
    reached = Ambang(Decimal(100), Decimal("0.000"), True)
    conditions = rules.next_jenjang_conditions(AP, reached, 2026, Predikat.BUTUH_PERBAIKAN)
    assert [(c.uraian, c.status, c.keterangan) for c in conditions] == [
        (
            "Angka kredit kumulatif untuk kenaikan jenjang dari Ahli Pertama",
            StatusSyarat.TERPENUHI,
            "Angka kredit kumulatif 100,00 tercapai.",
        ),
        (
            "Predikat kinerja tahun terakhir paling rendah Baik",
            StatusSyarat.BELUM,
            "Predikat tahun 2026: Butuh Perbaikan.",
        ),
        (
            "Tersedia formasi (lowongan) pada jenjang berikutnya",
            StatusSyarat.KONFIRMASI,
            "Tidak tercatat di Kinerja; dikonfirmasi oleh pengelola kepegawaian.",
        ),
        (
            "Lulus uji kompetensi",
            StatusSyarat.KONFIRMASI,
            "Tidak tercatat di Kinerja; dikonfirmasi oleh pengelola kepegawaian.",
        ),
    ]
    missing = Ambang(Decimal(100), Decimal("81.250"), False)
    first, second, *_ = rules.next_jenjang_conditions(AP, missing, None, None)
    assert (first.status, first.keterangan) == (
        StatusSyarat.BELUM,
        "Angka kredit kumulatif 100,00: kurang 81,25.",
    )
    assert (second.status, second.keterangan) == (
        StatusSyarat.BELUM,
        "Belum ada penilaian tahunan yang ditetapkan.",
    )
    assert (
        rules.next_jenjang_conditions(
            Jenjang.AHLI_UTAMA, Ambang(None, None, False), 2026, Predikat.BAIK
        )
        == []
    )


def test_year_key_is_the_same_for_histories_that_hold_the_same_months():
    before = rules.Masa(datetime.date(2019, 3, 1), None, Jenjang.AHLI_MUDA)
    earlier = rules.Masa(datetime.date(2015, 7, 1), datetime.date(2030, 1, 1), Jenjang.AHLI_MUDA)
    assert rules.year_key([before], 2026) == rules.year_key([earlier], 2026)
    assert rules.year_key([before], 2026) == ((datetime.date(2026, 1, 1), None, Jenjang.AHLI_MUDA),)


def test_year_key_keeps_a_change_within_the_year():
    first = rules.Masa(datetime.date(2020, 1, 1), datetime.date(2026, 7, 1), Jenjang.AHLI_PERTAMA)
    second = rules.Masa(datetime.date(2026, 7, 1), None, Jenjang.AHLI_MUDA)
    key = rules.year_key([second, first], 2026)
    assert key == (
        (datetime.date(2026, 1, 1), datetime.date(2026, 7, 1), Jenjang.AHLI_PERTAMA),
        (datetime.date(2026, 7, 1), None, Jenjang.AHLI_MUDA),
    )
    clipped = [rules.Masa(*item) for item in key]
    assert rules.months_held(clipped, 2026) == rules.months_held([first, second], 2026)
