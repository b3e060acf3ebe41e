"""Enumerations usable from pure rules (no ORM): a `StrEnum` whose members carry a label."""

from __future__ import annotations

import enum
from typing import Any, Self


class LabeledEnum(enum.StrEnum):
    """A string enum with an Indonesian label; `choices()` feeds model and form fields.

    Members are declared as `CODE = "CODE", _("Label")`.
    """

    label: str

    def __new__(cls, value: str, label: Any = None) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label if label is not None else value.replace("_", " ").title()
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, Any]]:
        return [(member.value, member.label) for member in cls]

    @classmethod
    def parse(cls, text: str) -> Self | None:
        """Accept the code (`DI_ATAS`, any case) or the Indonesian label in any case."""
        wanted = " ".join(str(text).replace("_", " ").split()).casefold()
        for member in cls:
            if wanted in {member.value.replace("_", " ").casefold(), str(member.label).casefold()}:
                return member
        return None
