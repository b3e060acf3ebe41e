"""Rule-set versions: the life cycle and which version applies to a unit on a date."""

from __future__ import annotations

import datetime

import pytest

from kinerja.aturan.enums import StatusSetAturan
from kinerja.aturan.rules import (
    ACTIVATE,
    DEACTIVATE,
    TRANSITIONS,
    Kandidat,
    is_editable,
    rule_set_choose,
    transition_error,
)

DRAF, AKTIF, NONAKTIF = StatusSetAturan.DRAF, StatusSetAturan.AKTIF, StatusSetAturan.NONAKTIF
DATE = datetime.date


def test_transition_table():
    assert TRANSITIONS == {
        (DRAF, ACTIVATE): AKTIF,
        (NONAKTIF, ACTIVATE): AKTIF,
        (AKTIF, DEACTIVATE): NONAKTIF,
    }


@pytest.mark.parametrize(
    ("status", "action", "error"),
    [
        (DRAF, ACTIVATE, None),
        (NONAKTIF, ACTIVATE, None),
        (AKTIF, DEACTIVATE, None),
        (AKTIF, ACTIVATE, "Set aturan ini sudah aktif."),
        (DRAF, DEACTIVATE, "Hanya set aturan yang aktif yang dapat dinonaktifkan."),
        (NONAKTIF, DEACTIVATE, "Hanya set aturan yang aktif yang dapat dinonaktifkan."),
        (DRAF, "hapus", "Tindakan tidak dikenal."),
        (AKTIF, "", "Tindakan tidak dikenal."),
    ],
)
def test_transition_error(status, action, error):
    assert transition_error(status, action) == error


@pytest.mark.parametrize(("status", "editable"), [(DRAF, True), (AKTIF, False), (NONAKTIF, False)])
def test_only_a_draft_is_editable(status, editable):
    assert is_editable(status) is editable


def at(hour):
    return datetime.datetime(2024, 1, 1, hour, tzinfo=datetime.UTC)


AGENCY = Kandidat(1, "", DATE(2023, 1, 1), at(8))
AGENCY_2024 = Kandidat(2, "", DATE(2024, 1, 1), at(9))
BIRO = Kandidat(3, "/1/4/", DATE(2023, 6, 1), at(10))
BAGIAN = Kandidat(4, "/1/4/9/", DATE(2025, 1, 1), at(11))


@pytest.mark.parametrize(
    ("unit", "tanggal", "chosen"),
    [
        # The whole agency; the later effective date wins once it is in effect.
        ("/1/", DATE(2023, 12, 31), AGENCY),
        ("/1/", DATE(2024, 1, 1), AGENCY_2024),
        ("/1/7/", DATE(2024, 5, 1), AGENCY_2024),
        # The narrowest scope wins, even over a later agency-wide version.
        ("/1/4/", DATE(2024, 5, 1), BIRO),
        ("/1/4/9/", DATE(2024, 5, 1), BIRO),
        ("/1/4/9/12/", DATE(2024, 5, 1), BIRO),
        # A version not yet in effect does not apply.
        ("/1/4/", DATE(2023, 5, 31), AGENCY),
        ("/1/4/9/", DATE(2025, 1, 1), BAGIAN),
        ("/1/4/9/12/", DATE(2025, 1, 1), BAGIAN),
        # "/1/40/" is not under "/1/4/".
        ("/1/40/", DATE(2025, 1, 1), AGENCY_2024),
        # Nothing in effect yet.
        ("/1/", DATE(2022, 12, 31), None),
    ],
)
def test_rule_set_choose(unit, tanggal, chosen):
    candidates = [AGENCY, AGENCY_2024, BIRO, BAGIAN]
    assert rule_set_choose(candidates, unit, tanggal) == chosen
    assert rule_set_choose(reversed(candidates), unit, tanggal) == chosen


def test_same_scope_and_date_the_latest_activation_wins():
    earlier = Kandidat(5, "/1/", DATE(2024, 1, 1), at(8))
    later = Kandidat(6, "/1/", DATE(2024, 1, 1), at(12))
    never = Kandidat(7, "/1/", DATE(2024, 1, 1), None)
    assert rule_set_choose([later, earlier, never], "/1/2/", DATE(2024, 2, 1)) == later
    assert rule_set_choose([never, earlier], "/1/2/", DATE(2024, 2, 1)) == earlier


def test_a_full_tie_goes_to_the_highest_id():
    first = Kandidat(8, "/1/", DATE(2024, 1, 1), at(8))
    second = Kandidat(9, "/1/", DATE(2024, 1, 1), at(8))
    assert rule_set_choose([second, first], "/1/", DATE(2024, 1, 1)) == second


def test_no_candidates():
    assert rule_set_choose([], "/1/", DATE(2024, 1, 1)) is None
    assert rule_set_choose([BIRO], "/2/", DATE(2024, 1, 1)) is None
