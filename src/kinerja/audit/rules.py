"""Hash chain of the audit log (pure)."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kinerja.core.i18n import gettext

GENESIS_HASH = "0" * 64


def to_json_value(value: Any) -> Any:
    """Turn a Python value into the JSON value stored in the log."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): to_json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_json_value(item) for item in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return str(value)


def entry_hash(fields: Mapping[str, Any], previous_hash: str) -> str:
    """SHA-256 over the previous hash and the entry's fields as canonical JSON."""
    canonical = json.dumps(
        to_json_value(fields), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(f"{previous_hash}\n{canonical}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """One place where the chain is broken: the entry number and why (Indonesian)."""

    urutan: int
    reason: str


def verify_chain(
    entries: Iterable[tuple[int, Mapping[str, Any], str, str]],
    head_sequence: int,
    head_hash: str,
) -> list[ChainBreak]:
    """Check (sequence, fields, previous_hash, hash) tuples in order against the chain head.

    Finds edited entries (hash mismatch), deleted entries (a gap, reported at the first missing
    number, or a broken link), reordered entries (broken links) and a truncated tail (the head
    names a later entry than the last one found).
    """
    breaks: list[ChainBreak] = []
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    for sequence, fields, previous_hash, stored_hash in entries:
        if sequence != expected_sequence:
            breaks.append(
                ChainBreak(expected_sequence, _missing_reason(expected_sequence, sequence - 1))
            )
        elif previous_hash != expected_previous:
            breaks.append(ChainBreak(sequence, gettext("tautan ke entri sebelumnya putus")))
        if entry_hash(fields, previous_hash) != stored_hash:
            breaks.append(ChainBreak(sequence, gettext("isi tidak cocok dengan hash-nya (diubah)")))
        expected_previous = stored_hash
        expected_sequence = sequence + 1
    last_sequence = expected_sequence - 1
    if last_sequence < head_sequence:
        breaks.append(
            ChainBreak(last_sequence + 1, _missing_reason(last_sequence + 1, head_sequence))
        )
    elif last_sequence > head_sequence:
        breaks.append(
            ChainBreak(
                head_sequence + 1,
                gettext(
                    "entri setelah nomor %(head)s tidak tercatat di kepala rantai "
                    "(rantai berakhir di %(last)s)"
                )
                % {"head": head_sequence, "last": last_sequence},
            )
        )
    elif head_sequence and expected_previous != head_hash:
        breaks.append(
            ChainBreak(head_sequence, gettext("entri terakhir tidak cocok dengan kepala rantai"))
        )
    return breaks


def _missing_reason(first: int, last: int) -> str:
    if first == last:
        return gettext("entri %(nomor)s hilang (dihapus)") % {"nomor": first}
    message = gettext("entri %(awal)s sampai %(akhir)s hilang (dihapus)")
    return message % {"awal": first, "akhir": last}


@dataclass(frozen=True)
class FieldChange:
    """One field of an entry: its value before and after (None when absent)."""

    name: str
    before: Any
    after: Any


def field_changes(before: Any, after: Any) -> list[FieldChange]:
    """The fields named by an entry, in the order recorded (after's keys first).

    A value that is not an object (a bare list or number) shows as the field "nilai".
    """
    before, after = _as_mapping(before), _as_mapping(after)
    names = list(after) + [name for name in before if name not in after]
    return [FieldChange(name, before.get(name), after.get(name)) for name in names]


def _as_mapping(value: Any) -> Mapping[str, Any]:
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return value
    return {"nilai": value}
