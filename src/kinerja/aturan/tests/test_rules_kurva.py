"""The distribution curve (DOMAIN.md section 6): check, rounding, calibration and groups."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.aturan.enums import JenisBatasan, Predikat, PredikatOrganisasi
from kinerja.aturan.rules import (
    Perubahan,
    StatusKurva,
    curve_check,
    curve_groups,
    curve_target,
    curve_verdict,
)
from kinerja.aturan.rules.isi import Batasan
from kinerja.aturan.rules.kurva import allowed_range, calibration_moves
from kinerja.aturan.tests.rulesets import (
    BP,
    PREDIKAT,
    SB,
    SK,
    B,
    K,
    brute_force_minimum,
    complies,
    counts_of,
    default_isi,
    distance,
    isi_with,
    people,
)

ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG = tuple(PredikatOrganisasi)


def check(organisasi, counts, isi=None):
    return curve_check(isi or default_isi(), organisasi, people(counts))


def constraint_results(result):
    return [(r.jumlah, r.minimum, r.maksimum, r.terpenuhi) for r in result.batasan]


def moves(result):
    return [(m.dari, m.ke, m.jumlah) for m in result.saran]


def apply(counts, changes):
    after = {p: counts.get(p, 0) for p in Predikat}
    for change in changes:
        after[change.dari] -= change.jumlah
        after[change.ke] += change.jumlah
    return after


# --- Rounding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("organisasi", "counts", "index", "expected", "step"),
    [
        # At most 70% of 7 = 4.9 -> 4.
        (
            ISTIMEWA,
            counts_of(SANGAT_BAIK=4, BAIK=3),
            1,
            (4, 0, 4, True),
            "Sangat Baik paling banyak 70%: 70% × 7 orang = 4,9, dibulatkan ke bawah: paling "
            "banyak 4 orang; ada 4 orang, terpenuhi.",
        ),
        (
            ISTIMEWA,
            counts_of(SANGAT_BAIK=5, BAIK=2),
            1,
            (5, 0, 4, False),
            "Sangat Baik paling banyak 70%: 70% × 7 orang = 4,9, dibulatkan ke bawah: paling "
            "banyak 4 orang; ada 5 orang, tidak terpenuhi.",
        ),
        # At least 60% of 7 = 4.2 -> 5.
        (
            BUTUH_PERBAIKAN,
            counts_of(BUTUH_PERBAIKAN=5, BAIK=2),
            1,
            (5, 5, 7, True),
            "Butuh Perbaikan paling sedikit 60%: 60% × 7 orang = 4,2, dibulatkan ke atas: paling "
            "sedikit 5 orang; ada 5 orang, terpenuhi.",
        ),
        (
            BUTUH_PERBAIKAN,
            counts_of(BUTUH_PERBAIKAN=4, BAIK=3),
            1,
            (4, 5, 7, False),
            "Butuh Perbaikan paling sedikit 60%: 60% × 7 orang = 4,2, dibulatkan ke atas: paling "
            "sedikit 5 orang; ada 4 orang, tidak terpenuhi.",
        ),
        # At most 10% of 9 = 0.9 -> 0.
        (
            BUTUH_PERBAIKAN,
            counts_of(SANGAT_BAIK=1, BUTUH_PERBAIKAN=8),
            0,
            (1, 0, 0, False),
            "Sangat Baik paling banyak 10%: 10% × 9 orang = 0,9, dibulatkan ke bawah: paling "
            "banyak 0 orang; ada 1 orang, tidak terpenuhi.",
        ),
        # At least 10% of 11 = 1.1 -> 2.
        (
            KURANG,
            counts_of(BUTUH_PERBAIKAN=1, KURANG=10),
            1,
            (1, 2, 11, False),
            "Butuh Perbaikan paling sedikit 10%: 10% × 11 orang = 1,1, dibulatkan ke atas: paling "
            "sedikit 2 orang; ada 1 orang, tidak terpenuhi.",
        ),
        (
            KURANG,
            counts_of(BUTUH_PERBAIKAN=2, KURANG=9),
            1,
            (2, 2, 11, True),
            "Butuh Perbaikan paling sedikit 10%: 10% × 11 orang = 1,1, dibulatkan ke atas: paling "
            "sedikit 2 orang; ada 2 orang, terpenuhi.",
        ),
    ],
)
def test_rounding_of_percentages(organisasi, counts, index, expected, step):
    result = check(organisasi, counts)
    assert constraint_results(result)[index] == expected
    assert result.batasan[index].penjelasan == step
    assert step in result.penjelasan.langkah
    assert result.penjelasan.langkah[0] == (
        "Pembulatan: “paling banyak p%” dibulatkan ke bawah, “paling sedikit p%” ke atas."
    )


@pytest.mark.parametrize(
    ("jenis", "nilai", "size", "bounds"),
    [
        (JenisBatasan.MAKSIMUM_PERSEN, "70", 7, (0, 4)),
        (JenisBatasan.MINIMUM_PERSEN, "60", 7, (5, 7)),
        (JenisBatasan.MAKSIMUM_PERSEN, "10", 9, (0, 0)),
        (JenisBatasan.MINIMUM_PERSEN, "10", 11, (2, 11)),
        (JenisBatasan.MAKSIMUM_PERSEN, "70", 10, (0, 7)),
        (JenisBatasan.MINIMUM_PERSEN, "60", 10, (6, 10)),
        (JenisBatasan.MINIMUM_PERSEN, "0", 3, (0, 3)),
        (JenisBatasan.MAKSIMUM_PERSEN, "100", 3, (0, 3)),
        (JenisBatasan.MINIMUM_ORANG, "1", 3, (1, 3)),
    ],
)
def test_allowed_range_rounds_at_most_down_and_at_least_up(jenis, nilai, size, bounds):
    batasan = Batasan(jenis, (BP,), Decimal(nilai))
    assert allowed_range(batasan, counts_of(BUTUH_PERBAIKAN=size)) == bounds


# --- Each organisation rating: compliant and non-compliant -----------------------------------


@pytest.mark.parametrize(
    ("organisasi", "counts", "status", "expected"),
    [
        (ISTIMEWA, counts_of(SANGAT_BAIK=7, BAIK=3), "SESUAI", [(7, 4, 10, True), (7, 0, 7, True)]),
        (
            ISTIMEWA,
            counts_of(SANGAT_BAIK=10),
            "TIDAK_SESUAI",
            [(10, 1, 10, True), (10, 0, 7, False)],
        ),
        (
            ISTIMEWA,
            counts_of(SANGAT_BAIK=3, BAIK=4, BUTUH_PERBAIKAN=3),
            "TIDAK_SESUAI",
            [(3, 5, 10, False), (3, 0, 7, True)],
        ),
        (
            BAIK,
            counts_of(SANGAT_BAIK=2, BAIK=7, BUTUH_PERBAIKAN=1),
            "SESUAI",
            [(7, 3, 10, True), (7, 0, 7, True), (1, 1, 10, True)],
        ),
        (
            BAIK,
            counts_of(SANGAT_BAIK=2, BAIK=6, KURANG=1, SANGAT_KURANG=1),
            "SESUAI",
            [(6, 3, 10, True), (6, 0, 7, True), (1, 1, 10, True)],
        ),
        (
            BAIK,
            counts_of(BAIK=10),
            "TIDAK_SESUAI",
            [(10, 1, 10, True), (10, 0, 7, False), (0, 1, 10, False)],
        ),
        (
            BAIK,
            counts_of(SANGAT_BAIK=3, BAIK=6, SANGAT_KURANG=1),
            "TIDAK_SESUAI",
            [(6, 4, 10, True), (6, 0, 7, True), (0, 1, 10, False)],
        ),
        (
            BUTUH_PERBAIKAN,
            counts_of(SANGAT_BAIK=1, BAIK=3, BUTUH_PERBAIKAN=6),
            "SESUAI",
            [(1, 0, 1, True), (6, 6, 10, True)],
        ),
        (
            BUTUH_PERBAIKAN,
            counts_of(SANGAT_BAIK=2, BAIK=3, BUTUH_PERBAIKAN=5),
            "TIDAK_SESUAI",
            [(2, 0, 1, False), (5, 6, 10, False)],
        ),
        (
            KURANG,
            counts_of(SANGAT_BAIK=1, BAIK=2, BUTUH_PERBAIKAN=1, KURANG=6),
            "SESUAI",
            [(1, 0, 1, True), (1, 1, 10, True), (6, 6, 10, True)],
        ),
        (
            KURANG,
            counts_of(SANGAT_BAIK=1, BAIK=3, KURANG=6),
            "TIDAK_SESUAI",
            [(1, 0, 1, True), (0, 1, 10, False), (6, 6, 10, True)],
        ),
        (
            SANGAT_KURANG,
            counts_of(BAIK=3, KURANG=1, SANGAT_KURANG=6),
            "SESUAI",
            [(0, 0, 0, True), (1, 1, 10, True), (6, 6, 10, True)],
        ),
        (
            SANGAT_KURANG,
            counts_of(SANGAT_BAIK=1, BAIK=4, SANGAT_KURANG=5),
            "TIDAK_SESUAI",
            [(1, 0, 0, False), (0, 1, 10, False), (5, 6, 10, False)],
        ),
    ],
)
def test_each_organisation_rating(organisasi, counts, status, expected):
    result = check(organisasi, counts)
    assert result.status == status
    assert result.sesuai is (status == "SESUAI")
    assert constraint_results(result) == expected
    assert result.jumlah_pegawai == sum(counts.values())
    assert result.jumlah == counts
    assert bool(result.saran) is (status == "TIDAK_SESUAI")


@pytest.mark.parametrize(
    ("organisasi", "labels"),
    [
        (ISTIMEWA, ["Sangat Baik kelompok terbanyak", "Sangat Baik paling banyak 70%"]),
        (
            BAIK,
            [
                "Baik kelompok terbanyak",
                "Baik paling banyak 70%",
                "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang",
            ],
        ),
        (
            BUTUH_PERBAIKAN,
            ["Sangat Baik paling banyak 10%", "Butuh Perbaikan paling sedikit 60%"],
        ),
        (
            KURANG,
            [
                "Sangat Baik paling banyak 10%",
                "Butuh Perbaikan paling sedikit 10%",
                "Kurang/Misconduct paling sedikit 60%",
            ],
        ),
        (
            SANGAT_KURANG,
            [
                "Sangat Baik paling banyak 0%",
                "Butuh Perbaikan + Kurang/Misconduct paling sedikit 10%",
                "Sangat Kurang paling sedikit 60%",
            ],
        ),
    ],
)
def test_default_patterns_read_as_domain_table(organisasi, labels):
    assert [r.label for r in check(organisasi, counts_of(BAIK=10)).batasan] == labels


def test_compliant_explanation():
    result = check(BAIK, counts_of(SANGAT_BAIK=2, BAIK=7, BUTUH_PERBAIKAN=1))
    assert result.penjelasan.ringkasan == (
        "Distribusi predikat 10 pegawai sesuai dengan kurva untuk capaian kinerja organisasi Baik."
    )
    assert result.penjelasan.masukan == (
        ("Capaian kinerja organisasi", "Baik"),
        ("Jumlah pegawai", "10"),
        ("Sangat Baik", "2"),
        ("Baik", "7"),
        ("Butuh Perbaikan", "1"),
        ("Kurang/Misconduct", "0"),
        ("Sangat Kurang", "0"),
    )
    assert result.penjelasan.langkah[1:] == (
        "Baik kelompok terbanyak: harus lebih banyak dari setiap predikat lain: paling sedikit "
        "3 orang; ada 7 orang, terpenuhi.",
        "Baik paling banyak 70%: 70% × 10 orang = 7, dibulatkan ke bawah: paling banyak 7 "
        "orang; ada 7 orang, terpenuhi.",
        "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang: paling sedikit 1 orang; ada "
        "1 orang, terpenuhi.",
    )


def test_largest_group_with_a_tie_is_not_compliant():
    result = check(ISTIMEWA, counts_of(SANGAT_BAIK=5, BAIK=5))
    assert result.status == StatusKurva.TIDAK_SESUAI
    assert constraint_results(result) == [(5, 6, 10, False), (5, 0, 7, True)]
    assert result.batasan[0].penjelasan == (
        "Sangat Baik kelompok terbanyak: harus lebih banyak dari setiap predikat lain: paling "
        "sedikit 6 orang; ada 5 orang, tidak terpenuhi."
    )
    assert result.penjelasan.ringkasan == (
        "Distribusi predikat 10 pegawai tidak sesuai dengan kurva untuk capaian kinerja "
        "organisasi Istimewa: Sangat Baik kelompok terbanyak."
    )
    # One more Sangat Baik than the next group is enough.
    assert check(ISTIMEWA, counts_of(SANGAT_BAIK=5, BAIK=4, BUTUH_PERBAIKAN=1)).sesuai is True


# --- Too small to judge ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("organisasi", "counts"),
    [
        (BAIK, counts_of(BAIK=7)),
        (BAIK, counts_of(BAIK=9)),
        (ISTIMEWA, counts_of(BAIK=9)),
        (SANGAT_KURANG, counts_of(SANGAT_BAIK=9)),
        (KURANG, counts_of(BAIK=5)),
    ],
)
def test_a_group_below_the_minimum_size_is_not_judged(organisasi, counts):
    result = check(organisasi, counts)
    assert not all(r.terpenuhi for r in result.batasan)  # the constraints do fail...
    assert result.status == StatusKurva.TERLALU_KECIL  # ...but it is no violation
    assert result.sesuai is None
    assert result.saran == ()
    n = sum(counts.values())
    assert result.penjelasan.ringkasan == (
        f"Kelompok {n} orang terlalu kecil untuk dinilai terhadap kurva (paling sedikit 10 "
        "orang); tidak dianggap pelanggaran."
    )
    assert not any(
        step.startswith("Perubahan paling sedikit") for step in result.penjelasan.langkah
    )


def test_a_small_compliant_group_is_still_too_small():
    result = check(ISTIMEWA, counts_of(SANGAT_BAIK=4, BAIK=3))
    assert all(r.terpenuhi for r in result.batasan)
    assert result.status == StatusKurva.TERLALU_KECIL
    assert result.sesuai is None


def test_exactly_the_minimum_size_is_judged():
    result = check(BAIK, counts_of(BAIK=10))
    assert result.status == StatusKurva.TIDAK_SESUAI
    assert result.sesuai is False
    assert check(ISTIMEWA, counts_of(SANGAT_BAIK=7, BAIK=3)).sesuai is True


def test_the_minimum_size_comes_from_the_rule_set():
    isi = isi_with(lambda data: data["kurva"].__setitem__("ukuran_minimum", 5))
    assert check(BAIK, counts_of(BAIK=5), isi).status == StatusKurva.TIDAK_SESUAI
    assert check(BAIK, counts_of(BAIK=4), isi).status == StatusKurva.TERLALU_KECIL


# --- Calibration suggestions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("organisasi", "counts", "expected"),
    [
        # Baik must drop from 10 to 7 (3 changes at least); 2→SB keeps Baik largest and 1→BP
        # gives the required Butuh Perbaikan/Kurang: 3 changes, the minimum.
        (BAIK, counts_of(BAIK=10), [(B, SB, 2), (B, BP, 1)]),
        # SB must outnumber Baik: x moved to SB and y elsewhere need 2x + y ≥ 11, so x + y ≥ 6.
        (ISTIMEWA, counts_of(BAIK=10), [(B, SB, 5), (B, BP, 1)]),
        # SB at most 7 of 10: 3 changes; nothing else is wrong.
        (ISTIMEWA, counts_of(SANGAT_BAIK=10), [(SB, B, 3)]),
        # A tie: one Baik moved anywhere but SB breaks it.
        (ISTIMEWA, counts_of(SANGAT_BAIK=5, BAIK=5), [(B, BP, 1)]),
        # Butuh Perbaikan at least 6 of 10: 6 changes.
        (BUTUH_PERBAIKAN, counts_of(BAIK=10), [(B, BP, 6)]),
        # One change fixes both: the extra SB becomes the sixth Butuh Perbaikan.
        (BUTUH_PERBAIKAN, counts_of(SANGAT_BAIK=2, BAIK=3, BUTUH_PERBAIKAN=5), [(SB, BP, 1)]),
        # Butuh Perbaikan ≥ 1 and Kurang ≥ 6: 7 changes.
        (KURANG, counts_of(BAIK=10), [(B, BP, 1), (B, K, 6)]),
        (KURANG, counts_of(SANGAT_BAIK=1, BAIK=3, KURANG=6), [(B, BP, 1)]),
        # Every SB must change (10); the ones not needed elsewhere move one level only.
        (SANGAT_KURANG, counts_of(SANGAT_BAIK=10), [(SB, B, 3), (SB, BP, 1), (SB, SK, 6)]),
        # SB must go (1), SK needs one more (1): 2 changes, paired to the nearest predikat.
        (
            SANGAT_KURANG,
            counts_of(SANGAT_BAIK=1, BAIK=4, SANGAT_KURANG=5),
            [(SB, BP, 1), (B, SK, 1)],
        ),
        # Baik must outnumber SB and someone must be BP/K: one change cannot do both.
        (BAIK, counts_of(SANGAT_BAIK=6, BAIK=4), [(SB, B, 1), (SB, BP, 1)]),
        # One change either way (SB→BP or B→BP): the one moving a single level is suggested.
        (BAIK, counts_of(SANGAT_BAIK=3, BAIK=7), [(B, BP, 1)]),
        (BAIK, counts_of(SANGAT_BAIK=4, BAIK=7), [(B, BP, 1)]),
    ],
)
def test_suggested_moves(organisasi, counts, expected):
    result = check(organisasi, counts)
    assert result.status == StatusKurva.TIDAK_SESUAI
    assert moves(result) == expected
    fixed = apply(counts, result.saran)
    assert check(organisasi, fixed).status == StatusKurva.SESUAI
    assert sum(m.jumlah for m in result.saran) * 2 == brute_force_minimum(
        default_isi().kurva.pola[organisasi], counts
    )


def test_suggestion_in_the_explanation():
    result = check(BAIK, counts_of(BAIK=10))
    assert [m.label() for m in result.saran] == [
        "Ubah 2 pegawai dari Baik menjadi Sangat Baik",
        "Ubah 1 pegawai dari Baik menjadi Butuh Perbaikan",
    ]
    assert result.saran == (Perubahan(B, SB, 2), Perubahan(B, BP, 1))
    assert result.penjelasan.ringkasan == (
        "Distribusi predikat 10 pegawai tidak sesuai dengan kurva untuk capaian kinerja "
        "organisasi Baik: Baik paling banyak 70%; Butuh Perbaikan + Kurang/Misconduct paling "
        "sedikit 1 orang."
    )
    assert result.penjelasan.langkah[-1] == (
        "Perubahan paling sedikit agar sesuai: Ubah 2 pegawai dari Baik menjadi Sangat Baik; "
        "Ubah 1 pegawai dari Baik menjadi Butuh Perbaikan."
    )


def test_no_suggestion_when_no_distribution_complies():
    # isi_parse does not check feasibility (isi_errors does): 60% + 60% of one group.
    def edit(data):
        data["kurva"]["pola"]["KURANG"] = [
            {"jenis": "MINIMUM_PERSEN", "predikat": ["KURANG"], "nilai": "60"},
            {"jenis": "MINIMUM_PERSEN", "predikat": ["SANGAT_KURANG"], "nilai": "60"},
        ]

    isi = isi_with(edit)
    counts = counts_of(KURANG=6, SANGAT_KURANG=4)
    assert curve_target(isi.kurva.pola[KURANG], counts) is None
    result = check(KURANG, counts, isi)
    assert result.status == StatusKurva.TIDAK_SESUAI
    assert result.saran == ()
    assert result.penjelasan.langkah[-1] == (
        "Tidak ada susunan predikat yang memenuhi kurva untuk kelompok ini."
    )


def test_a_pattern_without_constraints_always_complies():
    isi = isi_with(lambda data: data["kurva"]["pola"].__setitem__("BAIK", []))
    result = check(BAIK, counts_of(SANGAT_KURANG=12), isi)
    assert result.status == StatusKurva.SESUAI
    assert result.batasan == ()
    assert result.penjelasan.langkah[-1] == "Pola untuk capaian ini tidak memuat batasan."


@pytest.mark.parametrize(
    ("counts", "target", "expected"),
    [
        (
            counts_of(BAIK=10),
            counts_of(SANGAT_BAIK=2, BAIK=7, BUTUH_PERBAIKAN=1),
            [(B, SB, 2), (B, BP, 1)],
        ),
        # Surpluses and shortfalls are paired in order: each goes to the nearest free predikat.
        (
            counts_of(SANGAT_BAIK=2, SANGAT_KURANG=2),
            counts_of(BAIK=2, KURANG=2),
            [(SB, B, 2), (SK, K, 2)],
        ),
        (counts_of(BAIK=3), counts_of(BAIK=3), []),
    ],
)
def test_calibration_moves(counts, target, expected):
    assert [(m.dari, m.ke, m.jumlah) for m in calibration_moves(counts, target)] == expected


# --- Properties ------------------------------------------------------------------------------

groups = st.lists(st.sampled_from(PREDIKAT), min_size=1, max_size=12).map(Counter)


@settings(max_examples=300, deadline=None)
@given(counter=groups, organisasi=st.sampled_from(PredikatOrganisasi))
def test_curve_target_is_a_nearest_compliant_distribution(counter, organisasi):
    counts = counts_of(**{p.value: n for p, n in counter.items()})
    constraints = default_isi().kurva.pola[organisasi]
    target = curve_target(constraints, counts)
    best = brute_force_minimum(constraints, counts)
    if best is None:
        assert target is None
        return
    assert target is not None
    assert sum(target.values()) == sum(counts.values())
    assert complies(constraints, target)
    assert distance(target, counts) == best
    changes = calibration_moves(counts, target)
    assert apply(counts, changes) == target
    assert sum(m.jumlah for m in changes) * 2 == best


@st.composite
def patterns(draw):
    """A random pattern whose groups are nested or disjoint, as the rule set requires."""
    constraints: list[Batasan] = []
    chosen: list[frozenset[Predikat]] = []
    for _ in range(draw(st.integers(0, 4))):
        group = frozenset(draw(st.sets(st.sampled_from(PREDIKAT), min_size=1, max_size=4)))
        if any(group & other and not (group <= other or other <= group) for other in chosen):
            continue
        chosen.append(group)
        jenis = draw(
            st.sampled_from(
                [
                    JenisBatasan.MAKSIMUM_PERSEN,
                    JenisBatasan.MINIMUM_PERSEN,
                    JenisBatasan.MINIMUM_ORANG,
                ]
            )
        )
        if jenis == JenisBatasan.MINIMUM_ORANG:
            nilai = Decimal(draw(st.integers(0, 3)))
        else:
            nilai = Decimal(draw(st.sampled_from(["0", "10", "25", "33.33", "50", "60", "70"])))
        members = tuple(p for p in PREDIKAT if p in group)
        constraints.append(Batasan(jenis, members, nilai))
    if draw(st.booleans()):
        constraints.append(Batasan(JenisBatasan.TERBANYAK, (draw(st.sampled_from(PREDIKAT)),)))
    return tuple(constraints)


@settings(max_examples=300, deadline=None)
@given(
    constraints=patterns(),
    counter=st.lists(st.sampled_from(PREDIKAT), max_size=9).map(Counter),
)
def test_curve_target_is_exact_for_any_nested_pattern(constraints, counter):
    counts = counts_of(**{p.value: n for p, n in counter.items()})
    target = curve_target(constraints, counts)
    best = brute_force_minimum(constraints, counts)
    if best is None:
        assert target is None
    else:
        assert target is not None
        assert complies(constraints, target)
        assert distance(target, counts) == best


@settings(max_examples=150, deadline=None)
@given(
    counter=st.lists(st.sampled_from(PREDIKAT), min_size=10, max_size=20).map(Counter),
    organisasi=st.sampled_from(PredikatOrganisasi),
)
def test_applying_the_suggestion_complies(counter, organisasi):
    counts = counts_of(**{p.value: n for p, n in counter.items()})
    result = check(organisasi, counts)
    assert result.status in {StatusKurva.SESUAI, StatusKurva.TIDAK_SESUAI}
    if result.status == StatusKurva.SESUAI:
        assert result.saran == ()
        return
    assert result.saran
    assert check(organisasi, apply(counts, result.saran)).status == StatusKurva.SESUAI


MAXIMUMS_WITH_SANGAT_BAIK = [
    (organisasi, index)
    for organisasi, constraints in default_isi().kurva.pola.items()
    for index, batasan in enumerate(constraints)
    if batasan.jenis == JenisBatasan.MAKSIMUM_PERSEN and SB in batasan.predikat
]


def test_the_default_maximums_on_sangat_baik():
    # Baik's pattern caps Baik, not Sangat Baik.
    assert MAXIMUMS_WITH_SANGAT_BAIK == [
        (ISTIMEWA, 1),
        (BUTUH_PERBAIKAN, 0),
        (KURANG, 0),
        (SANGAT_KURANG, 0),
    ]


@given(
    counter=st.lists(st.sampled_from(PREDIKAT), max_size=40).map(Counter),
    case=st.sampled_from(MAXIMUMS_WITH_SANGAT_BAIK),
)
def test_adding_a_sangat_baik_never_eases_a_default_maximum(counter, case):
    organisasi, index = case
    counts = counts_of(**{p.value: n for p, n in counter.items()})
    before = check(organisasi, counts).batasan[index]
    after = check(organisasi, {**counts, SB: counts[SB] + 1}).batasan[index]
    assert after.jumlah == before.jumlah + 1
    if not before.terpenuhi:
        assert not after.terpenuhi


@given(
    counter=st.lists(st.sampled_from(PREDIKAT), max_size=60).map(Counter),
    nilai=st.decimals(min_value=0, max_value=100, places=2),
    others=st.sets(st.sampled_from(PREDIKAT[1:]), max_size=4),
)
def test_adding_a_sangat_baik_never_eases_any_maximum(counter, nilai, others):
    members = tuple(p for p in PREDIKAT if p == SB or p in others)
    batasan = Batasan(JenisBatasan.MAKSIMUM_PERSEN, members, nilai)
    counts = counts_of(**{p.value: n for p, n in counter.items()})
    more = {**counts, SB: counts[SB] + 1}
    count = sum(counts[p] for p in members)
    low, high = allowed_range(batasan, counts)
    new_low, new_high = allowed_range(batasan, more)
    assert (low, new_low) == (0, 0)
    if count > high:
        assert count + 1 > new_high


@pytest.mark.parametrize("organisasi", list(PredikatOrganisasi))
@pytest.mark.parametrize(
    "counts",
    [
        counts_of(BAIK=5000),
        counts_of(SANGAT_BAIK=5000),
        counts_of(SANGAT_BAIK=2500, SANGAT_KURANG=2500),
        counts_of(
            SANGAT_BAIK=1000, BAIK=1000, BUTUH_PERBAIKAN=1000, KURANG=1000, SANGAT_KURANG=1000
        ),
    ],
)
def test_large_groups_get_a_compliant_target(organisasi, counts):
    constraints = default_isi().kurva.pola[organisasi]
    target = curve_target(constraints, counts)
    assert target is not None
    assert sum(target.values()) == 5000
    assert complies(constraints, target)


def test_large_group_target_exact_value():
    # Baik 5000 under Baik: Baik ≤ 3500, one Butuh Perbaikan, Baik still the largest.
    assert curve_target(default_isi().kurva.pola[BAIK], counts_of(BAIK=5000)) == counts_of(
        SANGAT_BAIK=1499, BAIK=3500, BUTUH_PERBAIKAN=1
    )


# --- Groups ----------------------------------------------------------------------------------


def test_curve_groups_nearest_rated_ancestor():
    rated = ["/1/", "/1/2/", "/7/8/"]
    members = [
        ("kepala", "/1/"),
        ("biro", "/1/2/"),
        ("bagian", "/1/2/5/"),
        ("subbagian", "/1/2/5/6/"),
        ("lain", "/1/3/"),
        ("mirip", "/1/22/"),
        ("di_luar", "/9/"),
        ("atas_bertingkat", "/7/"),
        ("bawah_bertingkat", "/7/8/4/"),
    ]
    assert curve_groups(rated, members) == {
        "/1/": ["kepala", "lain", "mirip"],
        "/1/2/": ["biro", "bagian", "subbagian"],
        None: ["di_luar", "atas_bertingkat"],
        "/7/8/": ["bawah_bertingkat"],
    }


def test_a_sub_unit_with_its_own_rating_leaves_the_parent_group():
    members = [(1, "/1/"), (2, "/1/2/"), (3, "/1/2/3/")]
    assert curve_groups(["/1/"], members) == {"/1/": [1, 2, 3]}
    assert curve_groups(["/1/", "/1/2/"], members) == {"/1/": [1], "/1/2/": [2, 3]}
    assert curve_groups(["/1/", "/1/2/", "/1/2/3/"], members) == {
        "/1/": [1],
        "/1/2/": [2],
        "/1/2/3/": [3],
    }


def test_no_rated_unit_puts_everyone_under_none():
    assert curve_groups([], [("a", "/1/"), ("b", "/1/2/")]) == {None: ["a", "b"]}
    assert curve_groups(["/1/"], []) == {}


@given(
    counter=st.lists(st.sampled_from(PREDIKAT), max_size=40).map(Counter),
    organisasi=st.sampled_from(PredikatOrganisasi),
)
def test_the_verdict_alone_agrees_with_the_full_check(counter, organisasi):
    counts = counts_of(**{p.value: n for p, n in counter.items()})
    assert curve_verdict(default_isi(), organisasi, counts) == check(organisasi, counts).sesuai


def test_the_verdict_alone_on_known_groups():
    isi = default_isi()
    inside = {Predikat.SANGAT_BAIK: 2, Predikat.BAIK: 7, Predikat.BUTUH_PERBAIKAN: 1}
    outside = {Predikat.SANGAT_BAIK: 3, Predikat.BAIK: 7}
    assert curve_verdict(isi, BAIK, inside) is True
    assert curve_verdict(isi, BAIK, outside) is False
    assert curve_verdict(isi, BAIK, {Predikat.BAIK: 9}) is None
