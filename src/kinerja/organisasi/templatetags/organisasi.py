"""Template filters of the organisation: `{% load organisasi %}`."""

from __future__ import annotations

from django import template

from kinerja.core.enums import LabeledEnum
from kinerja.organisasi.enums import (
    JenisJabatan,
    JenisPengecualian,
    JenisPeran,
    Jenjang,
    StatusKepegawaian,
)

register = template.Library()


def _label(enum: type[LabeledEnum], value: str | None) -> str:
    if not value:
        return ""
    for member in enum:
        if member.value == value:
            return str(member.label)
    return value


@register.filter
def jenis_pengecualian(value: str | None) -> str:
    """'CUTI_BESAR' -> 'Cuti besar'."""
    return _label(JenisPengecualian, value)


@register.filter
def jenis_jabatan(value: str | None) -> str:
    return _label(JenisJabatan, value)


@register.filter
def jenjang(value: str | None) -> str:
    return _label(Jenjang, value)


@register.filter
def status_kepegawaian(value: str | None) -> str:
    return _label(StatusKepegawaian, value)


@register.filter
def jenis_peran(value: str | None) -> str:
    return _label(JenisPeran, value)


@register.filter
def indent(depth: int) -> str:
    """Non-breaking spaces to indent a unit in a select box by its depth."""
    return "\u00a0\u00a0\u00a0" * int(depth or 0)
