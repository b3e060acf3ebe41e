"""Rule-set versions: their life cycle and which version applies to a unit on a date."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from kinerja.aturan.enums import StatusSetAturan
from kinerja.core.i18n import gettext as _

ACTIVATE = "activate"
DEACTIVATE = "deactivate"

# (status now, action) -> status after. Content can be edited only while DRAF.
TRANSITIONS: dict[tuple[StatusSetAturan, str], StatusSetAturan] = {
    (StatusSetAturan.DRAF, ACTIVATE): StatusSetAturan.AKTIF,
    (StatusSetAturan.NONAKTIF, ACTIVATE): StatusSetAturan.AKTIF,
    (StatusSetAturan.AKTIF, DEACTIVATE): StatusSetAturan.NONAKTIF,
}


def transition_error(status: StatusSetAturan, action: str) -> str | None:
    """Why a version in this status cannot take this action (None when it can)."""
    if (status, action) in TRANSITIONS:
        return None
    messages = {
        ACTIVATE: _("Set aturan ini sudah aktif."),
        DEACTIVATE: _("Hanya set aturan yang aktif yang dapat dinonaktifkan."),
    }
    return messages.get(action, _("Tindakan tidak dikenal."))


def is_editable(status: StatusSetAturan) -> bool:
    """Only a draft is edited; an active or retired version is copied into a new version."""
    return status == StatusSetAturan.DRAF


@dataclass(frozen=True)
class Kandidat:
    """An active version as the chooser sees it. `jalur` is "" for the whole agency."""

    id: int
    jalur: str
    berlaku_mulai: datetime.date
    diaktifkan: datetime.datetime | None = None


def _applies(candidate: Kandidat, unit_jalur: str, tanggal: datetime.date) -> bool:
    return candidate.berlaku_mulai <= tanggal and unit_jalur.startswith(candidate.jalur)


def rule_set_choose(
    candidates: Iterable[Kandidat], unit_jalur: str, tanggal: datetime.date
) -> Kandidat | None:
    """The version for a unit on a date: among active versions in effect by then whose scope
    holds the unit, the narrowest scope wins, then the latest effective date, then the latest
    activation."""
    minimum = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    applicable = [c for c in candidates if _applies(c, unit_jalur, tanggal)]
    if not applicable:
        return None
    return max(
        applicable,
        key=lambda c: (len(c.jalur), c.berlaku_mulai, c.diaktifkan or minimum, c.id),
    )
