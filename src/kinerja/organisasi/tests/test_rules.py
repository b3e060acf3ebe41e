"""Pure rules: NIP, golongan, positions, the appraiser chain, unit paths, periods."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.organisasi import rules
from kinerja.organisasi.tests.factories import make_nip

VALID_NIP = "198503152010011002"


def test_a_valid_nip_is_split_into_its_parts():
    parts = rules.nip_parse(VALID_NIP)
    assert parts == rules.NipParts(datetime.date(1985, 3, 15), (2010, 1), 1, "002")
    assert parts.jenis_kelamin_label == "Laki-laki"
    assert rules.nip_error(VALID_NIP) is None


def test_a_female_nip():
    parts = rules.nip_parse("199012312015032001")
    assert (parts.tanggal_lahir, parts.tmt_cpns, parts.jenis_kelamin) == (
        datetime.date(1990, 12, 31),
        (2015, 3),
        2,
    )
    assert parts.jenis_kelamin_label == "Perempuan"


def test_surrounding_spaces_are_ignored():
    assert rules.nip_error(f"  {VALID_NIP} ") is None


@pytest.mark.parametrize(
    ("nip", "reason"),
    [
        ("19850315201001100", "NIP harus 18 digit angka."),
        ("1985031520100110021", "NIP harus 18 digit angka."),
        ("", "NIP harus 18 digit angka."),
        ("19850315201001100A", "NIP harus 18 digit angka."),
        ("1985-315201001100", "NIP harus 18 digit angka."),
        ("".join(chr(0xFF10 + int(d)) for d in VALID_NIP), "NIP harus 18 digit angka."),
        ("198502302010011002", "8 digit pertama NIP bukan tanggal lahir yang sah."),
        ("198513152010011002", "8 digit pertama NIP bukan tanggal lahir yang sah."),
        ("198503152010131002", "Digit 9\N{EN DASH}14 NIP bukan bulan pengangkatan yang sah."),
        ("198503152010001002", "Digit 9\N{EN DASH}14 NIP bukan bulan pengangkatan yang sah."),
        ("198503151980011002", "Bulan pengangkatan pada NIP harus sesudah tanggal lahir."),
        ("198503151985031002", "Bulan pengangkatan pada NIP harus sesudah tanggal lahir."),
        ("198503152010013002", "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2."),
        ("198503152010010002", "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2."),
    ],
)
def test_invalid_nips_name_the_reason(nip, reason):
    assert rules.nip_error(nip) == reason
    with pytest.raises(rules.InvalidNip, match=reason.split(" ")[0]):
        rules.nip_parse(nip)


@given(
    born=st.dates(datetime.date(1950, 1, 1), datetime.date(2000, 12, 31)),
    gender=st.sampled_from([1, 2]),
    number=st.integers(0, 999),
)
def test_every_factory_nip_is_valid_and_round_trips(born, gender, number):
    nip = make_nip(number, born=born, gender=gender)
    parts = rules.nip_parse(nip)
    assert parts.tanggal_lahir == born
    assert parts.jenis_kelamin == gender
    assert parts.nomor_urut == f"{number:03d}"


@pytest.mark.parametrize(
    ("golongan", "status", "expected"),
    [
        ("", "PNS", None),
        ("III/a", "PNS", None),
        ("IV/e", "PNS", None),
        ("I/d", "PNS", None),
        ("III/e", "PNS", "Golongan PNS harus berbentuk I/a sampai IV/e (mis. III/a)."),
        ("V/a", "PNS", "Golongan PNS harus berbentuk I/a sampai IV/e (mis. III/a)."),
        ("iii/a", "PNS", "Golongan PNS harus berbentuk I/a sampai IV/e (mis. III/a)."),
        ("IX", "PNS", "Golongan PNS harus berbentuk I/a sampai IV/e (mis. III/a)."),
        ("IX", "PPPK", None),
        ("XVII", "PPPK", None),
        ("XVIII", "PPPK", "Golongan PPPK harus I sampai XVII."),
        ("III/a", "PPPK", "Golongan PPPK harus I sampai XVII."),
    ],
)
def test_golongan(golongan, status, expected):
    assert rules.golongan_error(golongan, status) == expected


@pytest.mark.parametrize(
    ("jenis", "jenjang", "kelas", "expected"),
    [
        ("PELAKSANA", "", 7, {}),
        ("FUNGSIONAL", "AHLI_MUDA", 9, {}),
        ("FUNGSIONAL", "", 9, {"jenjang": "Jenjang wajib diisi untuk jabatan fungsional."}),
        ("PENGAWAS", "AHLI_MUDA", 9, {"jenjang": "Jenjang hanya untuk jabatan fungsional."}),
        ("JPT", "", 18, {"kelas_jabatan": "Kelas jabatan harus 1 sampai 17."}),
        ("JPT", "", 0, {"kelas_jabatan": "Kelas jabatan harus 1 sampai 17."}),
        ("JPT", "", None, {}),
    ],
)
def test_position_errors(jenis, jenjang, kelas, expected):
    assert rules.position_errors(jenis, jenjang, kelas) == expected


def test_jabatan_key_ignores_case_and_whitespace_but_not_kind_level_or_grade():
    key = rules.jabatan_key("  Analis   SDM  Aparatur ", "FUNGSIONAL", "AHLI_MUDA", 9)
    assert key == ("analis sdm aparatur", "FUNGSIONAL", "AHLI_MUDA", 9)
    assert key == rules.jabatan_key("ANALIS SDM APARATUR", "FUNGSIONAL", "AHLI_MUDA", 9)
    assert key != rules.jabatan_key("Analis SDM Aparatur", "FUNGSIONAL", "AHLI_MADYA", 9)
    assert key != rules.jabatan_key("Analis SDM Aparatur", "FUNGSIONAL", "AHLI_MUDA", 10)
    assert rules.jabatan_key("Kepala", "JPT", None, None) == ("kepala", "JPT", "", None)
    assert rules.jabatan_name("  Kepala   Biro ") == "Kepala Biro"


class TestChainCycle:
    def test_no_cycle(self):
        assert rules.chain_cycle({1: 2, 2: 3, 3: None}) is None

    def test_self_is_a_cycle(self):
        assert rules.chain_cycle({1: 1}) == [1, 1]
        assert rules.chain_cycle({1: None}, {1: 1}) == [1, 1]

    def test_two_people_appraising_each_other(self):
        assert rules.chain_cycle({"a": None, "b": "a"}, {"a": "b"}) == ["a", "b", "a"]

    def test_a_change_that_closes_a_long_chain(self):
        chain = {index: index + 1 for index in range(1000)}
        chain[1000] = None
        assert rules.chain_cycle(chain) is None
        cycle = rules.chain_cycle(chain, {1000: 0})
        assert cycle == [1000, *range(1001)]

    def test_a_cycle_above_a_change_is_reported_from_where_it_starts(self):
        graph = {1: 2, 2: 3, 3: 2}
        assert rules.chain_cycle(graph, {0: 1}) == [2, 3, 2]

    def test_a_change_elsewhere_does_not_walk_an_unrelated_cycle(self):
        graph = {1: 2, 2: 1, 5: None}
        assert rules.chain_cycle(graph, {6: 5}) is None
        assert rules.chain_cycle(graph) == [1, 2, 1]

    def test_reassigning_away_breaks_a_cycle(self):
        assert rules.chain_cycle({1: 2, 2: 1}, {2: None}) is None

    def test_many_changes_at_once(self):
        graph = {"kepala": None, "a": "kepala", "b": "kepala"}
        assert rules.chain_cycle(graph, {"a": "b", "b": "c", "c": None}) is None
        assert rules.chain_cycle(graph, {"a": "b", "b": "a"}) == ["a", "b", "a"]

    @given(st.lists(st.integers(0, 30), min_size=1, max_size=30))
    def test_a_tree_built_upwards_never_has_a_cycle(self, parents):
        # Node i may only point to a node with a smaller number: always a forest.
        graph: dict[int, int | None] = {0: None}
        for index, parent in enumerate(parents, start=1):
            graph[index] = parent % index
        assert rules.chain_cycle(graph) is None


class TestAppraiserChain:
    def test_the_chain_from_the_nearest_up(self):
        graph = {"staf": "kasubbag", "kasubbag": "kabag", "kabag": "karo", "karo": None}
        assert rules.appraiser_chain(graph, "staf") == ["kasubbag", "kabag", "karo"]
        assert rules.appraiser_chain(graph, "karo") == []
        assert rules.appraiser_chain(graph, "unknown") == []

    def test_the_chain_stops_at_a_repeat(self):
        assert rules.appraiser_chain({1: 2, 2: 3, 3: 2}, 1) == [2, 3]
        assert rules.appraiser_chain({1: 2, 2: 1}, 1) == [2]

    def test_the_chain_is_limited(self):
        graph = {index: index + 1 for index in range(100)}
        assert rules.appraiser_chain(graph, 0, limit=3) == [1, 2, 3]


def test_unit_paths_and_depths():
    assert rules.unit_path(None, 1) == "/1/"
    assert rules.unit_path("/1/4/", 9) == "/1/4/9/"
    assert [rules.unit_depth(path) for path in ("/1/", "/1/4/", "/1/4/9/")] == [0, 1, 2]
    assert rules.unit_path_ids("/1/4/9/") == [1, 4, 9]


def test_unit_path_ancestors_from_the_root_down():
    assert rules.unit_path_ancestors("/1/4/9/") == ["/1/", "/1/4/", "/1/4/9/"]
    assert rules.unit_path_ancestors("/12/") == ["/12/"]


def test_a_unit_cannot_move_under_itself_or_a_descendant():
    message = "Unit tidak dapat dipindahkan ke bawah dirinya sendiri atau sub-unitnya (siklus)."
    assert rules.unit_move_error("/1/4/", "/1/4/") == message
    assert rules.unit_move_error("/1/4/", "/1/4/9/") == message
    assert rules.unit_move_error("/1/4/", "/1/44/") is None
    assert rules.unit_move_error("/1/4/", "/1/") is None
    assert rules.unit_move_error("/1/4/", None) is None


def test_moved_paths_replace_the_old_prefix():
    assert rules.unit_moved_path("/1/4/9/", "/1/4/", "/2/4/") == "/2/4/9/"
    with pytest.raises(ValueError, match="is not below"):
        rules.unit_moved_path("/1/5/", "/1/4/", "/2/4/")


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        ((1, 5), (5, 9), False),
        ((1, 5), (4, 9), True),
        ((1, None), (30, None), True),
        ((10, None), (1, 10), False),
        ((10, None), (1, 11), True),
        ((1, 2), (3, None), False),
    ],
)
def test_period_overlaps(first, second, overlap):
    def day(number):
        return None if number is None else datetime.date(2025, 1, number)

    assert (
        rules.period_overlaps(day(first[0]), day(first[1]), day(second[0]), day(second[1]))
        is overlap
    )
    assert (
        rules.period_overlaps(day(second[0]), day(second[1]), day(first[0]), day(first[1]))
        is overlap
    )


def test_in_effect_is_inclusive_of_the_start_and_exclusive_of_the_end():
    start, end = datetime.date(2025, 1, 1), datetime.date(2025, 2, 1)
    assert rules.in_effect(start, end, start) is True
    assert rules.in_effect(start, end, datetime.date(2025, 1, 31)) is True
    assert rules.in_effect(start, end, end) is False
    assert rules.in_effect(start, None, datetime.date(2040, 1, 1)) is True
    assert rules.in_effect(start, None, datetime.date(2024, 12, 31)) is False


def test_cycle_label():
    assert rules.cycle_label([1, 2, 1], {1: "Budi", 2: "Siti"}) == "Budi → Siti → Budi"


def test_pppk_nip_carries_the_marker_21_instead_of_a_month():
    parts = rules.nip_parse("199005122022212001")
    assert parts == rules.NipParts(datetime.date(1990, 5, 12), (2022, None), 2, "001", pppk=True)
    assert parts.pengangkatan == "2022 (PPPK)"
    assert rules.nip_parse("198503152010011002").pengangkatan == "Januari 2010"


@pytest.mark.parametrize("nip", ["199005121990212001", "199005122022132001", "199005122022222001"])
def test_pppk_marker_does_not_open_other_months(nip):
    assert rules.nip_error(nip) is not None
