"""Template filters of background jobs: `{% load jobs %}`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import gettext as _

from kinerja.core import formatting

register = template.Library()


@register.filter
def hasil_baris(hasil: Any) -> list[tuple[str, str]]:
    """A job's result as (label, text) rows for a definition list: {"baris_dibaca": 1200}
    -> [("Baris dibaca", "1.200")]."""
    if not hasil:
        return []
    if not isinstance(hasil, dict):
        return [(_("Hasil"), nilai_hasil(hasil))]
    return [
        (str(key).replace("_", " ").capitalize(), nilai_hasil(value))
        for key, value in hasil.items()
    ]


@register.filter
def nilai_hasil(value: Any) -> str:
    """One result value as text: numbers the Indonesian way, booleans as Ya/Tidak."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, int):
        return formatting.format_number(value)
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = min(-exponent, 2) if isinstance(exponent, int) and exponent < 0 else 0
        return formatting.format_number(value, places)
    if isinstance(value, float):
        return formatting.format_number(value, 0 if value.is_integer() else 2)
    if isinstance(value, list | tuple):
        return ", ".join(nilai_hasil(item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {nilai_hasil(item)}" for key, item in value.items()) or "—"
    return str(value)


@register.filter
def status_kelas(status: str) -> str:
    """The badge class of a job status."""
    return {"SELESAI": "ok", "GAGAL": "bad", "BERJALAN": "warn"}.get(status, "")
