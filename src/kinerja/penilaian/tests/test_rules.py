"""The pure rules of the assessment: suggestions, what may be done when, the objection's
workflow and window, the counts and the curve chart."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.aturan.enums import Predikat, Rating
from kinerja.aturan.rules import isi_default, isi_parse
from kinerja.penilaian import rules
from kinerja.penilaian.enums import AksiKeberatan, StatusKeberatan, StatusPenilaian
from kinerja.penilaian.rules import Saran
from kinerja.periode.enums import StatusPeriode

SB, B, BP, K, SK = tuple(Predikat)
ATAS, SESUAI, BAWAH = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
D = Decimal

# --- achievement -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("realisasi", "target", "expected"),
    [
        (D(12), D(12), D("100.00")),
        (D(9), D(12), D("75.00")),
        (D(2), D(3), D("66.67")),  # 66.666… rounds up
        (D(1), D(3), D("33.33")),  # 33.333… rounds down
        (D(1), D(800), D("0.13")),  # 0.125: half rounds up, as format_number shows it
        (D(3), D(800), D("0.38")),  # 0.375
        (D("12.5"), D(10), D("125.00")),
        (D(0), D(5), D("0.00")),
        (D("99.995"), D(100), D("100.00")),
        (D("99.994"), D(100), D("99.99")),
    ],
)
def test_achievement_is_a_percentage_with_two_decimals(realisasi, target, expected):
    result = rules.achievement(realisasi, target)
    assert result == expected
    assert result is not None
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("realisasi", "target"),
    [(None, D(10)), (D(10), None), (None, None), (D(10), D(0)), (D(10), D(-5))],
)
def test_achievement_is_none_when_not_numeric(realisasi, target):
    assert rules.achievement(realisasi, target) is None


# --- rhk_suggestion --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("achievements", "verdicts", "expected"),
    [
        # All judged evidence rejected: below, whatever the numbers say.
        (
            [D("150.00")],
            {"DITOLAK": 2},
            Saran(BAWAH, "semua bukti dukung yang dinilai ditolak"),
        ),
        (
            [],
            {"DITOLAK": 1, "PERLU_PERBAIKAN": 1, "MENUNGGU": 3},
            Saran(BAWAH, "semua bukti dukung yang dinilai ditolak"),
        ),
        # A numeric indicator under target.
        (
            [D("120.00"), D("99.99")],
            {"DITERIMA": 1},
            Saran(BAWAH, "capaian di bawah target (120,00%, 99,99%)"),
        ),
        # Every numeric indicator above target, nothing rejected.
        (
            [D("100.01"), None, D("150.00")],
            {},
            Saran(ATAS, "capaian melampaui target (100,01%, 150,00%)"),
        ),
        (
            [D("110.00")],
            {"DITERIMA": 1, "PERLU_PERBAIKAN": 1},
            Saran(ATAS, "capaian melampaui target (110,00%)"),
        ),
        # Above target but some evidence rejected (and some accepted): as expected.
        (
            [D("110.00")],
            {"DITERIMA": 1, "DITOLAK": 1},
            Saran(SESUAI, "capaian sesuai target (110,00%)"),
        ),
        # Exactly on target (the lowest decides).
        (
            [D("100.00"), D("130.00")],
            {},
            Saran(SESUAI, "capaian sesuai target (100,00%, 130,00%)"),
        ),
        # Narrative only: the evidence decides.
        ([None], {"DITERIMA": 1, "DITOLAK": 2}, Saran(SESUAI, "bukti dukung diterima")),
        ([], {"DITERIMA": 3}, Saran(SESUAI, "bukti dukung diterima")),
        # Nothing to judge.
        (
            [None, None],
            {"MENUNGGU": 2, "PERLU_PERBAIKAN": 1},
            Saran(None, "belum ada realisasi atau bukti dukung yang diterima"),
        ),
        ([], {}, Saran(None, "belum ada realisasi atau bukti dukung yang diterima")),
    ],
)
def test_rhk_suggestion(achievements, verdicts, expected):
    assert rules.rhk_suggestion(achievements, verdicts) == expected


# --- overall_suggestion ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], Saran(None, "belum ada yang dapat dinilai")),
        ([(True, None), (False, None)], Saran(None, "belum ada yang dapat dinilai")),
        # Majority below (main or not).
        (
            [(False, BAWAH), (False, BAWAH), (True, ATAS)],
            Saran(BAWAH, "2 dari 3 di bawah ekspektasi (sebagian besar)"),
        ),
        # Majority above, no main result below.
        (
            [(True, ATAS), (True, ATAS), (False, BAWAH)],
            Saran(
                ATAS,
                "2 dari 3 di atas ekspektasi (sebagian besar) dan tidak ada yang utama di bawah "
                "ekspektasi",
            ),
        ),
        # Unrated parts are left out of the count.
        (
            [(True, ATAS), (True, None), (False, None)],
            Saran(
                ATAS,
                "1 dari 1 di atas ekspektasi (sebagian besar) dan tidak ada yang utama di bawah "
                "ekspektasi",
            ),
        ),
        # Majority above, but a main result below: as expected, naming the main ones below.
        (
            [(True, ATAS), (True, ATAS), (True, BAWAH)],
            Saran(
                SESUAI,
                "sebagian besar sesuai ekspektasi; 1 hasil utama di bawah ekspektasi "
                "(sebagian kecil)",
            ),
        ),
        (
            [(True, SESUAI), (True, SESUAI), (True, BAWAH), (True, BAWAH)],
            Saran(
                SESUAI,
                "sebagian besar sesuai ekspektasi; 2 hasil utama di bawah ekspektasi "
                "(sebagian kecil)",
            ),
        ),
        # Ties are not a majority.
        (
            [(True, ATAS), (True, SESUAI)],
            Saran(SESUAI, "sebagian besar atau seluruhnya sesuai ekspektasi"),
        ),
        (
            [(False, BAWAH), (True, ATAS)],
            Saran(SESUAI, "sebagian besar atau seluruhnya sesuai ekspektasi"),
        ),
        (
            [(True, ATAS), (True, ATAS), (False, BAWAH), (False, BAWAH)],
            Saran(SESUAI, "sebagian besar atau seluruhnya sesuai ekspektasi"),
        ),
        ([(True, SESUAI)], Saran(SESUAI, "sebagian besar atau seluruhnya sesuai ekspektasi")),
    ],
)
def test_overall_suggestion(items, expected):
    assert rules.overall_suggestion(items) == expected


parts = st.lists(st.tuples(st.booleans(), st.sampled_from([ATAS, SESUAI, BAWAH, None])))


@given(parts, st.randoms())
def test_overall_suggestion_invariants(items, random):
    result = rules.overall_suggestion(items)
    rated = [(main, rating) for main, rating in items if rating is not None]
    below = sum(1 for _main, rating in rated if rating == BAWAH)
    above = sum(1 for _main, rating in rated if rating == ATAS)
    main_below = any(main and rating == BAWAH for main, rating in rated)
    # Unrated parts and the order of the parts never matter.
    shuffled = list(rated)
    random.shuffle(shuffled)
    assert rules.overall_suggestion(shuffled) == result
    if not rated:
        assert result.rating is None
    elif 2 * below > len(rated):
        assert result.rating == BAWAH
    elif 2 * above > len(rated) and not main_below:
        assert result.rating == ATAS
    else:
        assert result.rating == SESUAI
    # "Di Atas" never with a main part below; "Di Bawah" never without a strict majority.
    if result.rating == ATAS:
        assert not main_below
    if result.rating == BAWAH:
        assert 2 * below > len(rated)


# --- ratings_for -----------------------------------------------------------------------------

QUADRANT = isi_parse(isi_default()).predikat


@pytest.mark.parametrize(
    ("predikat", "expected"),
    [
        (SB, (ATAS, ATAS)),
        (B, (SESUAI, SESUAI)),
        (BP, (BAWAH, SESUAI)),
        (K, (SESUAI, BAWAH)),
        (SK, (BAWAH, BAWAH)),
    ],
)
def test_ratings_for_the_default_quadrant(predikat, expected):
    pair = rules.ratings_for(QUADRANT, predikat)
    assert pair == expected
    assert QUADRANT[pair[0]][pair[1]] == predikat


def test_ratings_for_a_predikat_missing_from_the_quadrant():
    everything_baik = {hasil: dict.fromkeys(Rating, B) for hasil in Rating}
    with pytest.raises(ValueError, match="SANGAT_BAIK"):
        rules.ratings_for(everything_baik, SB)


# --- rating_edit_error -----------------------------------------------------------------------

NOT_OPEN = "Periode belum dibuka; penilaian belum dapat diisi."
LOCKED = "Periode sudah dikunci; penilaian tidak dapat diubah."
FINAL = (
    "Predikat sudah ditetapkan; perubahan hanya melalui keberatan atau setelah penetapan "
    "dibuka kembali."
)


@pytest.mark.parametrize(
    ("period", "status", "expected"),
    [
        ("DRAF", None, NOT_OPEN),
        ("DRAF", "FINAL", NOT_OPEN),
        ("DIKUNCI", "DRAF", LOCKED),
        ("DIKUNCI", "FINAL", LOCKED),
        ("DIBUKA", None, None),
        ("DIBUKA", "DRAF", None),
        ("DITUTUP", None, None),
        ("DITUTUP", StatusPenilaian.DRAF, None),
        ("DIBUKA", "FINAL", FINAL),
        (StatusPeriode.DITUTUP, StatusPenilaian.FINAL, FINAL),
    ],
)
def test_rating_edit_error(period, status, expected):
    assert rules.rating_edit_error(period, status) == expected


# --- organisation_edit_error -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "finalised", "expected"),
    [
        ("DRAF", False, "Periode belum dibuka."),
        ("DRAF", True, "Periode belum dibuka."),
        (
            "DIKUNCI",
            True,
            "Periode sudah dikunci; capaian kinerja organisasi tidak dapat diubah.",
        ),
        ("DIBUKA", False, None),
        ("DITUTUP", False, None),
        (
            "DIBUKA",
            True,
            "Predikat kelompok unit ini sudah ditetapkan; buka kembali penetapan sebelum "
            "mengubah capaian kinerja organisasi.",
        ),
        (
            "DITUTUP",
            True,
            "Predikat kelompok unit ini sudah ditetapkan; buka kembali penetapan sebelum "
            "mengubah capaian kinerja organisasi.",
        ),
    ],
)
def test_organisation_edit_error(period, finalised, expected):
    assert rules.organisation_edit_error(period, finalised) == expected


# --- finalise_errors -------------------------------------------------------------------------

PERIOD_CLOSED = "Periode belum dibuka atau sudah dikunci."
ALREADY_FINAL = "Predikat kelompok ini sudah ditetapkan."
NO_RATING = "Capaian kinerja organisasi untuk unit ini belum ditetapkan."


def finalise(**changes: Any) -> list[str]:
    values: dict[str, Any] = {
        "period_status": "DIBUKA",
        "has_organisation_rating": True,
        "already_final": False,
        "unrated": [],
        "curve_holds": True,
        "failed_constraints": [],
    }
    return rules.finalise_errors(**(values | changes))


def test_finalise_errors_none_when_everything_holds():
    assert finalise() == []
    assert finalise(period_status="DITUTUP") == []


def test_a_group_too_small_to_judge_may_be_finalised():
    assert finalise(curve_holds=None) == []


@pytest.mark.parametrize("period", ["DRAF", "DIKUNCI"])
def test_finalise_errors_period(period):
    assert finalise(period_status=period) == [PERIOD_CLOSED]


def test_finalise_errors_each_message():
    assert finalise(already_final=True) == [ALREADY_FINAL]
    assert finalise(has_organisation_rating=False, curve_holds=None) == [NO_RATING]
    assert finalise(unrated=["Ani"]) == ["1 pegawai belum dinilai: Ani."]
    assert finalise(
        curve_holds=False,
        failed_constraints=["Baik paling banyak 70%", "Butuh Perbaikan paling sedikit 1 orang"],
    ) == [
        "Distribusi predikat belum sesuai kurva: Baik paling banyak 70%; Butuh Perbaikan "
        "paling sedikit 1 orang."
    ]


def test_finalise_errors_every_reason_in_order():
    assert finalise(
        period_status="DIKUNCI",
        already_final=True,
        has_organisation_rating=False,
        unrated=["Ani", "Budi"],
        curve_holds=False,
        failed_constraints=["Baik kelompok terbanyak"],
    ) == [
        PERIOD_CLOSED,
        ALREADY_FINAL,
        NO_RATING,
        "2 pegawai belum dinilai: Ani, Budi.",
        "Distribusi predikat belum sesuai kurva: Baik kelompok terbanyak.",
    ]


def test_finalise_errors_name_at_most_ten_unrated():
    names = [f"P{index}" for index in range(1, 12)]
    assert finalise(unrated=names[:10]) == [
        "10 pegawai belum dinilai: P1, P2, P3, P4, P5, P6, P7, P8, P9, P10."
    ]
    assert finalise(unrated=names) == [
        "11 pegawai belum dinilai: P1, P2, P3, P4, P5, P6, P7, P8, P9, P10 …."
    ]


# --- reopen_error ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alasan", "open_objections", "expected"),
    [
        ("", 0, "Tuliskan alasan membuka kembali penetapan."),
        ("  \n ", 2, "Tuliskan alasan membuka kembali penetapan."),
        (
            "Salah input",
            1,
            "Masih ada 1 keberatan yang belum diputuskan; putuskan dahulu sebelum membuka "
            "kembali penetapan.",
        ),
        (
            "Salah input",
            3,
            "Masih ada 3 keberatan yang belum diputuskan; putuskan dahulu sebelum membuka "
            "kembali penetapan.",
        ),
        ("Salah input", 0, None),
    ],
)
def test_reopen_error(alasan, open_objections, expected):
    assert rules.reopen_error(alasan, open_objections) == expected


# --- Objection transitions -------------------------------------------------------------------

ALLOWED = {
    ("DIAJUKAN", "JELASKAN"): "DIJELASKAN",
    ("DIJELASKAN", "JELASKAN"): "DIJELASKAN",
    ("DIJELASKAN", "TERIMA"): "DITERIMA",
    ("DIJELASKAN", "TOLAK"): "DITOLAK",
    ("DIAJUKAN", "TARIK"): "DITARIK",
    ("DIJELASKAN", "TARIK"): "DITARIK",
}
NOT_EXPLAINED = "Keberatan diputuskan setelah pejabat penilai memberi penjelasan."
STATUS_LABELS = {
    "DIAJUKAN": "Diajukan",
    "DIJELASKAN": "Dijelaskan penilai",
    "DITERIMA": "Diterima",
    "DITOLAK": "Ditolak",
    "DITARIK": "Ditarik",
}
PAIRS = [(s.value, a.value) for s in StatusKeberatan for a in AksiKeberatan]


def test_the_table_has_every_pair():
    assert len(PAIRS) == 20
    assert {(s.value, a.value): t.value for (s, a), t in rules.TRANSITIONS.items()} == ALLOWED


@pytest.mark.parametrize(("status", "aksi"), PAIRS)
def test_objection_transition(status, aksi):
    expected = ALLOWED.get((status, aksi))
    after = rules.objection_transition(status, aksi)
    assert (after.value if after else None) == expected
    assert rules.objection_transition(StatusKeberatan(status), AksiKeberatan(aksi)) == after


@pytest.mark.parametrize(("status", "aksi"), PAIRS)
def test_objection_transition_error(status, aksi):
    error = rules.objection_transition_error(status, aksi)
    if (status, aksi) in ALLOWED:
        assert error is None
    elif status == "DIAJUKAN" and aksi in ("TERIMA", "TOLAK"):
        assert error == NOT_EXPLAINED
    else:
        assert error == (
            f"Keberatan berstatus {STATUS_LABELS[status]}; tindakan ini tidak dapat dilakukan."
        )


def test_objection_transition_error_exact_refusals():
    assert rules.objection_transition_error("DITERIMA", "TARIK") == (
        "Keberatan berstatus Diterima; tindakan ini tidak dapat dilakukan."
    )
    assert rules.objection_transition_error("DITARIK", "JELASKAN") == (
        "Keberatan berstatus Ditarik; tindakan ini tidak dapat dilakukan."
    )
    assert rules.objection_transition_error("DIAJUKAN", "TOLAK") == NOT_EXPLAINED


# --- Objection window ------------------------------------------------------------------------

FINALISED = datetime.date(2026, 4, 6)


def test_objection_deadline():
    assert rules.objection_deadline(FINALISED, 14) == datetime.date(2026, 4, 20)
    assert rules.objection_deadline(datetime.date(2026, 12, 25), 14) == datetime.date(2027, 1, 8)
    assert rules.objection_deadline(FINALISED, 0) == FINALISED


def file_error(**changes: Any) -> str | None:
    values: dict[str, Any] = {
        "status": "FINAL",
        "finalised_on": FINALISED,
        "days": 14,
        "today": FINALISED,
        "existing": False,
        "alasan": "Rating hasil kerja tidak sesuai capaian",
    }
    return rules.objection_file_error(**(values | changes))


def test_objection_may_be_filed_up_to_the_last_day():
    assert file_error() is None
    assert file_error(today=datetime.date(2026, 4, 20)) is None


def test_objection_refused_the_day_after():
    assert file_error(today=datetime.date(2026, 4, 21)) == (
        "Batas waktu keberatan (14 hari) berakhir pada 20 April 2026."
    )
    assert file_error(days=7, today=datetime.date(2026, 5, 1)) == (
        "Batas waktu keberatan (7 hari) berakhir pada 13 April 2026."
    )


def test_objection_file_error_each_message_in_order():
    only_final = "Keberatan hanya dapat diajukan atas predikat yang sudah ditetapkan."
    assert file_error(status="DRAF") == only_final
    assert file_error(finalised_on=None) == only_final
    assert file_error(status="DRAF", existing=True, alasan="") == only_final
    assert file_error(existing=True, today=datetime.date(2027, 1, 1)) == (
        "Keberatan atas penilaian ini sudah pernah diajukan."
    )
    assert file_error(alasan=" ", today=datetime.date(2026, 5, 1)) == (
        "Batas waktu keberatan (14 hari) berakhir pada 20 April 2026."
    )
    assert file_error(alasan="  ") == "Tuliskan alasan keberatan."


# --- count_predikat --------------------------------------------------------------------------


def test_count_predikat_lists_every_predikat():
    assert rules.count_predikat([]) == {
        "SANGAT_BAIK": 0,
        "BAIK": 0,
        "BUTUH_PERBAIKAN": 0,
        "KURANG": 0,
        "SANGAT_KURANG": 0,
    }
    assert rules.count_predikat([B, "BAIK", SK, Predikat.BAIK, "SANGAT_BAIK"]) == {
        "SANGAT_BAIK": 1,
        "BAIK": 3,
        "BUTUH_PERBAIKAN": 0,
        "KURANG": 0,
        "SANGAT_KURANG": 1,
    }
    assert list(rules.count_predikat([K])) == [p.value for p in Predikat]


def test_count_predikat_refuses_an_unknown_code():
    with pytest.raises(ValueError, match="CUKUP"):
        rules.count_predikat(["CUKUP"])


# --- chart_bars ------------------------------------------------------------------------------

BAIK_RANGES = [((B,), 3, 10), ((B,), 0, 7), ((BP, K), 1, 10)]
"""The ranges of organisation rating Baik for SB 2, B 7, BP 1 (largest, at most 70%, at least
one Butuh Perbaikan or Kurang: a range on two predikat draws no band)."""


def bar_values(bar):
    return (
        bar.predikat,
        bar.jumlah,
        bar.persen,
        bar.minimum,
        bar.maksimum,
        bar.x,
        bar.tinggi,
        bar.y,
        bar.batas_y,
        bar.batas_tinggi,
        bar.within,
    )


def test_chart_bars_of_a_known_distribution():
    bars = rules.chart_bars({SB: 2, B: 7, BP: 1, K: 0, SK: 0}, BAIK_RANGES)
    assert [bar_values(bar) for bar in bars] == [
        (SB, 2, D("20.0"), None, None, 24, 32, 128, None, None, True),
        (B, 7, D("70.0"), 3, 7, 104, 112, 48, 48, 64, True),
        (BP, 1, D("10.0"), None, None, 184, 16, 144, None, None, True),
        (K, 0, D("0.0"), None, None, 264, 0, 160, None, None, True),
        (SK, 0, D("0.0"), None, None, 344, 0, 160, None, None, True),
    ]
    assert [bar.label for bar in bars] == [
        "Sangat Baik",
        "Baik",
        "Butuh Perbaikan",
        "Kurang/Misconduct",
        "Sangat Kurang",
    ]


def test_chart_bars_out_of_range_and_rounding():
    # 3 people: SB at most 0 (a thin band at the bottom), BP at least 60% of 3 = 2.
    bars = rules.chart_bars({SB: 1, BP: 2}, [((SB,), 0, 0), ((BP,), 2, 3)])
    assert [bar_values(bar) for bar in bars] == [
        (SB, 1, D("33.3"), 0, 0, 24, 53, 107, 160, 2, False),
        (B, 0, D("0.0"), None, None, 104, 0, 160, None, None, True),
        (BP, 2, D("66.7"), 2, 3, 184, 107, 53, 0, 53, True),
        (K, 0, D("0.0"), None, None, 264, 0, 160, None, None, True),
        (SK, 0, D("0.0"), None, None, 344, 0, 160, None, None, True),
    ]


def test_chart_bars_without_an_allowed_count_shade_nothing():
    # At least 2 and at most 1 of 3 people: no count is allowed, no band is drawn.
    bars = rules.chart_bars({SB: 1, B: 2}, [((SB,), 2, 3), ((SB,), 0, 1)])
    assert bar_values(bars[0]) == (SB, 1, D("33.3"), None, None, 24, 53, 107, None, None, True)


def test_chart_bars_of_an_empty_group():
    bars = rules.chart_bars({}, [((B,), 0, 0)])
    assert [(bar.jumlah, bar.tinggi, bar.y, bar.persen) for bar in bars] == [
        (0, 0, 160, D("0.0"))
    ] * 5
    assert (bars[1].batas_y, bars[1].batas_tinggi, bars[1].within) == (160, 2, True)


@given(
    st.fixed_dictionaries({p: st.integers(0, 40) for p in Predikat}),
    st.lists(
        st.tuples(st.sampled_from(list(Predikat)), st.integers(0, 40), st.integers(0, 40)),
        max_size=4,
    ),
)
def test_chart_bars_invariants(counts, ranges):
    bars = rules.chart_bars(counts, [((p,), low, high) for p, low, high in ranges])
    size = sum(counts.values())
    assert [bar.predikat for bar in bars] == list(Predikat)
    assert [bar.x for bar in bars] == [24, 104, 184, 264, 344]
    for bar in bars:
        assert bar.jumlah == counts[bar.predikat]
        assert bar.y + bar.tinggi == rules.CHART_HEIGHT
        assert 0 <= bar.tinggi <= rules.CHART_HEIGHT
        if size:
            assert abs(bar.tinggi - rules.CHART_HEIGHT * bar.jumlah / size) <= 0.5
        wanted = [(low, high) for p, low, high in ranges if p == bar.predikat]
        low = max([0, *(low for low, _high in wanted)])
        high = min([size, *(high for _low, high in wanted)])
        if wanted and low <= high:
            assert (bar.minimum, bar.maksimum) == (low, high)
            assert bar.batas_y is not None
            assert bar.batas_tinggi is not None
            assert bar.batas_tinggi >= 2
            assert bar.within == (low <= bar.jumlah <= high)
        else:
            assert (bar.minimum, bar.maksimum, bar.batas_y, bar.batas_tinggi) == (None,) * 4
            assert bar.within
    if size:
        assert abs(sum((bar.persen for bar in bars), D(0)) - 100) <= D("0.25")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            [Rating.DI_ATAS] * 4 + [Rating.SESUAI] * 3,
            (
                Rating.DI_ATAS,
                "4 dari 7 nilai di atas ekspektasi (sebagian besar) dan tidak ada nilai di bawah "
                "ekspektasi",
            ),
        ),
        (
            [Rating.DI_ATAS] * 4 + [Rating.DI_BAWAH] + [Rating.SESUAI] * 2,
            (
                Rating.SESUAI,
                "sebagian besar sesuai ekspektasi; 1 nilai di bawah ekspektasi (sebagian kecil)",
            ),
        ),
    ],
)
def test_behaviour_suggestion_speaks_of_values(values, expected):
    saran = rules.overall_suggestion([(True, value) for value in values], behaviour=True)
    assert (saran.rating, saran.alasan) == expected


@pytest.mark.parametrize(
    ("predikat", "lines"),
    [
        (Predikat.SANGAT_BAIK, ["Sangat", "Baik"]),
        (Predikat.BAIK, ["Baik"]),
        (Predikat.BUTUH_PERBAIKAN, ["Butuh", "Perbaikan"]),
        (Predikat.KURANG, ["Kurang/", "Misconduct"]),
    ],
)
def test_chart_labels_fit_on_two_lines(predikat, lines):
    (bar,) = [b for b in rules.chart_bars({predikat: 1}, []) if b.predikat == predikat]
    assert bar.label_lines == lines
