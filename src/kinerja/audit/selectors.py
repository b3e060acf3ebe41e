"""Reading the audit log."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.audit import labels, rules
from kinerja.audit.models import Entri, Rantai
from kinerja.audit.services import entry_fields
from kinerja.jobs.progress import NullProgress, Progress

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    """What to look for in the log; empty values do not filter."""

    aksi: str = ""
    objek_tipe: str = ""
    objek_id: str = ""
    aktor: str = ""
    dari: datetime.date | None = None
    sampai: datetime.date | None = None
    teks: str = ""


def entries_for_object(objek_tipe: str, objek_id: str | int) -> QuerySet[Entri]:
    return Entri.objects.filter(objek_tipe=objek_tipe, objek_id=str(objek_id)).order_by("-urutan")


def entries_filter(entries: QuerySet[Entri], filters: AuditFilter) -> QuerySet[Entri]:
    """Entries matching the filter, newest first. Dates are whole local days."""
    if filters.aksi:
        entries = entries.filter(aksi=filters.aksi)
    if filters.objek_tipe:
        entries = entries.filter(objek_tipe=filters.objek_tipe)
    if filters.objek_id:
        entries = entries.filter(objek_id=filters.objek_id)
    if filters.aktor:
        entries = entries.filter(aktor_label__icontains=filters.aktor)
    if filters.dari:
        entries = entries.filter(waktu__gte=_start_of_day(filters.dari))
    if filters.sampai:
        entries = entries.filter(
            waktu__lt=_start_of_day(filters.sampai + datetime.timedelta(days=1))
        )
    if filters.teks:
        entries = entries.filter(objek_label__icontains=filters.teks)
    return entries.order_by("-urutan")


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def action_choices(entries: QuerySet[Entri]) -> list[tuple[str, str]]:
    """The actions present among the entries, with their labels, sorted by label."""
    actions = entries.order_by().values_list("aksi", flat=True).distinct()
    return sorted(((aksi, labels.action_label(aksi)) for aksi in actions), key=lambda c: c[1])


def object_type_choices(entries: QuerySet[Entri]) -> list[tuple[str, str]]:
    """The object types present among the entries, with their labels, sorted by label."""
    types = entries.order_by().values_list("objek_tipe", flat=True).distinct()
    return sorted(((tipe, labels.object_type_label(tipe)) for tipe in types), key=lambda c: c[1])


@dataclass(frozen=True)
class FieldRow:
    """One row of the before/after table of an entry."""

    name: str
    label: str
    before: Any
    after: Any

    @property
    def changed(self) -> bool:
        return self.before != self.after


def entry_changes(entry: Entri) -> list[FieldRow]:
    return [
        FieldRow(
            change.name,
            labels.field_label(entry.objek_tipe, change.name),
            change.before,
            change.after,
        )
        for change in rules.field_changes(entry.sebelum, entry.sesudah)
    ]


def entry_hash_matches(entry: Entri) -> bool:
    """Whether the entry's content still matches its own stored hash."""
    return rules.entry_hash(entry_fields(entry), entry.hash_sebelumnya) == entry.hash


def chain_length() -> int:
    return Entri.objects.count()


@dataclass(frozen=True)
class ChainReport:
    """The result of recomputing the chain: how many entries were read and the breaks found."""

    diperiksa: int
    kerusakan: list[rules.ChainBreak]

    @property
    def utuh(self) -> bool:
        return not self.kerusakan


def chain_check(batch_size: int = 5000, progress: Progress | None = None) -> ChainReport:
    """Recompute the whole chain, counting the entries read.

    `progress` (optional) is started with the number of entries and advanced per batch.
    """
    reporter = progress or NullProgress()
    head = Rantai.objects.filter(pk=1).first()
    head_sequence = head.urutan_terakhir if head else 0
    head_hash = head.hash_terakhir if head else rules.GENESIS_HASH
    if progress is not None:
        reporter.start(chain_length(), str(_("memeriksa rantai audit")))
    counter = _Counter()
    entries = counter.count(_stored_entries(batch_size, reporter))
    breaks = rules.verify_chain(entries, head_sequence, head_hash)
    return ChainReport(counter.total, breaks)


class _Counter:
    def __init__(self) -> None:
        self.total = 0

    def count(self, items: Iterator[Any]) -> Iterator[Any]:
        for item in items:
            self.total += 1
            yield item


def _stored_entries(
    batch_size: int, progress: Progress
) -> Iterator[tuple[int, dict[str, Any], str, str]]:
    last = 0
    while True:
        batch = list(Entri.objects.filter(urutan__gt=last).order_by("urutan")[:batch_size])
        if not batch:
            return
        for entry in batch:
            yield entry.urutan, entry_fields(entry), entry.hash_sebelumnya, entry.hash
        progress.advance(len(batch))
        last = batch[-1].urutan
