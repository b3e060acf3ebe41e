from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats, timezone, translation

from kinerja.core import formatting

register = template.Library()


@register.filter
def rupiah(value: int | Decimal | None) -> str:
    return "" if value is None else formatting.format_rupiah(value)


@register.filter
def angka(value: int | Decimal | float | None, places: int = 0) -> str:
    return "" if value is None else formatting.format_number(value, int(places))


@register.filter
def tanggal(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return _date_text(value)


@register.filter
def waktu(value: datetime.datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{_date_text(local.date())} {local:%H.%M}"


def _date_text(value: datetime.date) -> str:
    """'21 November 2024' in Indonesian; the active language's own date format otherwise."""
    if translation.get_language() in (None, "id"):
        return formatting.format_date(value)
    return formats.date_format(value, "DATE_FORMAT")


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters changed (for pagination and filters)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
