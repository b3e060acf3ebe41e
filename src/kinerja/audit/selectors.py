"""Reading the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from kinerja.audit import rules
from kinerja.audit.models import Entri, Rantai
from kinerja.audit.services import entry_fields


def entries_for_object(objek_tipe: str, objek_id: str | int) -> QuerySet[Entri]:
    return Entri.objects.filter(objek_tipe=objek_tipe, objek_id=str(objek_id)).order_by("-urutan")


def chain_verify(batch_size: int = 5000) -> list[rules.ChainBreak]:
    """Recompute the whole chain; an empty list means no entry was edited or deleted."""
    head = Rantai.objects.filter(pk=1).first()
    head_sequence = head.urutan_terakhir if head else 0
    head_hash = head.hash_terakhir if head else rules.GENESIS_HASH
    return rules.verify_chain(_stored_entries(batch_size), head_sequence, head_hash)


def _stored_entries(batch_size: int) -> Iterator[tuple[int, dict[str, Any], str, str]]:
    last = 0
    while True:
        batch = list(Entri.objects.filter(urutan__gt=last).order_by("urutan")[:batch_size])
        if not batch:
            return
        for entry in batch:
            yield entry.urutan, entry_fields(entry), entry.hash_sebelumnya, entry.hash
        last = batch[-1].urutan
