"""Helpers of the demo tests."""

from __future__ import annotations

import datetime

from django.utils import timezone


def demo_day() -> datetime.date:
    """The day the tests load the demo on: 29 November of the current year (TW1–TW3 past, TW4
    current), so that the counts do not depend on the day the tests run."""
    return datetime.date(timezone.localdate().year, 11, 29)
