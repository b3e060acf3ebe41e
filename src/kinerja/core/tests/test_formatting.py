import datetime
from decimal import Decimal

import pytest

from kinerja.core.formatting import format_date, format_number, format_rupiah


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (3781000, 0, "3.781.000"),
        (Decimal("2.083"), 2, "2,08"),
        (Decimal("18.75"), 2, "18,75"),
        (Decimal("0.005"), 2, "0,01"),
        (-1234.5, 1, "-1.234,5"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
    ],
)
def test_format_number(value, places, expected):
    assert format_number(value, places) == expected


def test_format_rupiah_and_date():
    assert format_rupiah(3781000) == "Rp3.781.000"
    assert format_date(datetime.date(2024, 11, 21)) == "21 November 2024"
