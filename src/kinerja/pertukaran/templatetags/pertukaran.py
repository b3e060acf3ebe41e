"""Template filters of the import pages: `{% load pertukaran %}`."""

from __future__ import annotations

import datetime

from django import template

from kinerja.core import formatting

register = template.Library()


@register.filter
def tanggal_iso(value: object) -> str:
    """'2025-01-01' (as stored in a job's result) -> '1 Januari 2025'; anything else unchanged."""
    try:
        return formatting.format_date(datetime.date.fromisoformat(str(value)))
    except ValueError:
        return "" if value is None else str(value)
