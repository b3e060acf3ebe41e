"""Hash chain of the audit log (pure)."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

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
    urutan: int
    reason: str


def verify_chain(
    entries: Iterable[tuple[int, Mapping[str, Any], str, str]],
    head_sequence: int,
    head_hash: str,
) -> list[ChainBreak]:
    """Check (sequence, fields, previous_hash, hash) tuples in order against the chain head.

    Finds edited entries (hash mismatch), deleted entries (a gap or a broken link) and a
    truncated tail (the head names a later entry than the last one found).
    """
    breaks: list[ChainBreak] = []
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    for sequence, fields, previous_hash, stored_hash in entries:
        if sequence != expected_sequence:
            breaks.append(ChainBreak(sequence, f"entries {expected_sequence}–{sequence - 1} are missing"))
        elif previous_hash != expected_previous:
            breaks.append(ChainBreak(sequence, "link to the previous entry is broken"))
        if entry_hash(fields, previous_hash) != stored_hash:
            breaks.append(ChainBreak(sequence, "content does not match its hash (edited)"))
        expected_previous = stored_hash
        expected_sequence = sequence + 1
    last_sequence = expected_sequence - 1
    if last_sequence != head_sequence:
        breaks.append(ChainBreak(head_sequence, f"the chain ends at {last_sequence}, its head says {head_sequence}"))
    elif head_sequence and expected_previous != head_hash:
        breaks.append(ChainBreak(head_sequence, "the last entry does not match the chain head"))
    return breaks
