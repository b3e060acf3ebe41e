"""Template filters of the audit log: `{% load audit %}`."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.utils.translation import gettext as _

from kinerja.audit import labels, selectors
from kinerja.audit.models import Entri

register = template.Library()


@register.filter
def aksi_label(aksi: str) -> str:
    """'pegawai.create' -> 'Pegawai dibuat'; unknown actions raw."""
    return labels.action_label(aksi)


@register.filter
def objek_tipe_label(objek_tipe: str) -> str:
    return labels.object_type_label(objek_tipe)


@register.filter
def perubahan(entry: Entri) -> list[selectors.FieldRow]:
    """The before/after rows of an entry (no query: it reads the entry's own JSON)."""
    return selectors.entry_changes(entry)


@register.filter
def nilai_audit(value: Any) -> str:
    """A logged JSON value for reading: none as a dash, booleans as Ya/Tidak, lists joined."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, list):
        return ", ".join(nilai_audit(item) for item in value) or "—"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
