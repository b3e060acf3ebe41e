"""Reading rule sets: lists, the version that applies to a unit on a date, documents, changes."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kinerja.aturan import rules
from kinerja.aturan.enums import StatusSetAturan
from kinerja.aturan.models import SetAturan
from kinerja.aturan.services import EXPORT_FORMAT, EXPORT_FORMAT_VERSION
from kinerja.core.formatting import format_date


def rule_set_list(*, kode: str = "", status: str = "") -> QuerySet[SetAturan]:
    """Every version (newest version of each code first), optionally of one code or status."""
    queryset = SetAturan.objects.select_related("unit", "dibuat_oleh").order_by("kode", "-versi")
    if kode:
        queryset = queryset.filter(kode=kode)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def rule_set_versions(set_aturan: SetAturan) -> QuerySet[SetAturan]:
    """The versions sharing this one's code, newest first."""
    return rule_set_list(kode=set_aturan.kode)


def rule_set_for(*, jalur: str, tanggal: datetime.date) -> SetAturan:
    """The active version that applies to the unit with this path on this date (the narrowest
    scope, then the latest effective date). `rules.RuleError` when none applies."""
    candidates = [
        rules.Kandidat(pk, unit_jalur or "", berlaku_mulai, diaktifkan_pada)
        for pk, unit_jalur, berlaku_mulai, diaktifkan_pada in SetAturan.objects.filter(
            status=StatusSetAturan.AKTIF, berlaku_mulai__lte=tanggal
        ).values_list("pk", "unit__jalur", "berlaku_mulai", "diaktifkan_pada")
    ]
    chosen = rules.rule_set_choose(candidates, jalur, tanggal)
    if chosen is None:
        raise rules.RuleError(
            _("Tidak ada set aturan aktif yang berlaku pada %(tanggal)s.")
            % {"tanggal": format_date(tanggal)}
        )
    return SetAturan.objects.select_related("unit").get(pk=chosen.id)


def rule_set_agency(tanggal: datetime.date) -> SetAturan:
    """The agency-wide version in effect on a date (for calculators without a unit)."""
    return rule_set_for(jalur="", tanggal=tanggal)


def rule_set_document(set_aturan: SetAturan) -> dict[str, Any]:
    """The shareable JSON document of a version (read back by `services.rule_set_import`)."""
    return {
        "format": EXPORT_FORMAT,
        "versi_format": EXPORT_FORMAT_VERSION,
        "kode": set_aturan.kode,
        "versi": set_aturan.versi,
        "nama": set_aturan.nama,
        "dasar_hukum": set_aturan.dasar_hukum,
        "berlaku_mulai": set_aturan.berlaku_mulai.isoformat(),
        "catatan": set_aturan.catatan,
        "isi": set_aturan.isi,
    }


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(value, list):
        flat = {}
        for index, item in enumerate(value):
            flat.update(_flatten(item, f"{prefix}[{index}]"))
        return flat or {prefix: []}
    return {prefix: value}


def rule_set_changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """The content values that differ, as (path, old value, new value), in path order."""
    before, after = _flatten(old), _flatten(new)
    return [
        (path, before.get(path), after.get(path))
        for path in sorted(set(before) | set(after))
        if path not in before or path not in after or before[path] != after[path]
    ]
