"""Pure rules of the organisation domain: NIP, golongan, positions, the appraiser chain."""

from __future__ import annotations

import datetime
import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from kinerja.core.formatting import MONTHS
from kinerja.core.i18n import gettext as _
from kinerja.organisasi.enums import JenisJabatan, StatusKepegawaian

NIP_LENGTH = 18
PNS_GOLONGAN = re.compile(r"^(I|II|III|IV)/([a-e])$")
PPPK_GOLONGAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI|XVII)$")
HIGHEST_RUANG = {"I": "d", "II": "d", "III": "d", "IV": "e"}

Key = TypeVar("Key", bound=Hashable)
JabatanKey = tuple[str, str, str, int | None]


PPPK_MARKER = 21


@dataclass(frozen=True)
class NipParts:
    """The parts of a NIP. A PPPK NIP has the marker 21 where a PNS NIP has the month."""

    tanggal_lahir: datetime.date
    tmt_cpns: tuple[int, int | None]
    jenis_kelamin: int
    nomor_urut: str
    pppk: bool = False

    @property
    def pengangkatan(self) -> str:
        """'Januari 2010' for a PNS NIP, '2022 (PPPK)' for a PPPK NIP."""
        year, month = self.tmt_cpns
        if month is None:
            return f"{year} (PPPK)"
        return f"{MONTHS[month - 1]} {year}"

    @property
    def jenis_kelamin_label(self) -> str:
        return _("Laki-laki") if self.jenis_kelamin == 1 else _("Perempuan")


class InvalidNip(ValueError):
    pass


def nip_parse(nip: str) -> NipParts:
    """Split an 18-digit NIP into its parts, raising InvalidNip with the reason.

    Layout: birth date YYYYMMDD, appointment month YYYYMM (after the birth date),
    gender digit 1 (male) or 2 (female), 3-digit sequence. A PPPK NIP carries the appointment
    year followed by the marker 21 instead of a month (YYYY21).
    """
    text = str(nip).strip()
    if len(text) != NIP_LENGTH or not text.isascii() or not text.isdigit():
        raise InvalidNip(_("NIP harus 18 digit angka."))
    try:
        birth = datetime.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise InvalidNip(_("8 digit pertama NIP bukan tanggal lahir yang sah.")) from None
    year, month = int(text[8:12]), int(text[12:14])
    pppk = month == PPPK_MARKER
    if not pppk and not 1 <= month <= 12:
        raise InvalidNip(_("Digit 9–14 NIP bukan bulan pengangkatan yang sah."))
    if (year, 0 if pppk else month) <= (birth.year, birth.month):
        raise InvalidNip(_("Bulan pengangkatan pada NIP harus sesudah tanggal lahir."))
    gender = int(text[14])
    if gender not in (1, 2):
        raise InvalidNip(_("Digit ke-15 NIP (jenis kelamin) harus 1 atau 2."))
    return NipParts(birth, (year, None if pppk else month), gender, text[15:18], pppk)


def nip_error(nip: str) -> str | None:
    """The reason a NIP is invalid, or None."""
    try:
        nip_parse(nip)
    except InvalidNip as error:
        return str(error)
    return None


def golongan_error(golongan: str, status: str) -> str | None:
    """PNS: I/a … IV/e; PPPK: I … XVII. Empty is allowed."""
    if not golongan:
        return None
    if status == StatusKepegawaian.PPPK:
        if PPPK_GOLONGAN.match(golongan):
            return None
        return _("Golongan PPPK harus I sampai XVII.")
    match = PNS_GOLONGAN.match(golongan)
    if match and match.group(2) <= HIGHEST_RUANG[match.group(1)]:
        return None
    return _("Golongan PNS harus berbentuk I/a sampai IV/e (mis. III/a).")


def position_errors(jenis_jabatan: str, jenjang: str, kelas_jabatan: int | None) -> dict[str, str]:
    """Consistency of a position: jenjang only for functional ones (and required there)."""
    errors: dict[str, str] = {}
    if jenis_jabatan == JenisJabatan.FUNGSIONAL and not jenjang:
        errors["jenjang"] = _("Jenjang wajib diisi untuk jabatan fungsional.")
    if jenis_jabatan != JenisJabatan.FUNGSIONAL and jenjang:
        errors["jenjang"] = _("Jenjang hanya untuk jabatan fungsional.")
    if kelas_jabatan is not None and not 1 <= kelas_jabatan <= 17:
        errors["kelas_jabatan"] = _("Kelas jabatan harus 1 sampai 17.")
    return errors


def jabatan_key(
    nama: str, jenis_jabatan: str, jenjang: str | None, kelas_jabatan: int | None
) -> JabatanKey:
    """The natural key of a position: its name (whitespace and case ignored), kind, level, grade.

    Two positions with the same key are the same position (used by the form, the API and the
    importer, so every way in finds the same row).
    """
    return (
        " ".join(str(nama).split()).casefold(),
        str(jenis_jabatan),
        str(jenjang or ""),
        kelas_jabatan,
    )


def jabatan_name(nama: str) -> str:
    """The stored form of a position name: surrounding and repeated whitespace removed."""
    return " ".join(str(nama).split())


def chain_cycle(
    appraiser_of: Mapping[Key, Key | None], changes: Mapping[Key, Key | None] | None = None
) -> list[Key] | None:
    """Find a cycle in the appraiser chain after applying `changes`.

    `appraiser_of` maps each employee key to their appraiser's key (or None). Returns the keys
    of one cycle in order (e.g. [a, b, a]) or None. Only chains that start at a changed key are
    walked when `changes` is given, so checking one reassignment costs the length of one chain.
    """
    merged: dict[Key, Key | None] = dict(appraiser_of)
    if changes:
        merged.update(changes)
    starts: Iterable[Key] = changes.keys() if changes else merged.keys()
    finished: set[Key] = set()
    for start in starts:
        path: list[Key] = []
        on_path: set[Key] = set()
        node: Key | None = start
        while node is not None and node not in finished:
            if node in on_path:
                return [*path[path.index(node) :], node]
            path.append(node)
            on_path.add(node)
            node = merged.get(node)
        finished.update(path)
    return None


def appraiser_chain(
    appraiser_of: Mapping[Key, Key | None], start: Key, limit: int = 50
) -> list[Key]:
    """The chain of appraisers above `start` (nearest first), stopping at a repeat."""
    chain: list[Key] = []
    node = appraiser_of.get(start)
    while node is not None and node not in chain and node != start and len(chain) < limit:
        chain.append(node)
        node = appraiser_of.get(node)
    return chain


def unit_path(parent_path: str | None, unit_id: int) -> str:
    return f"{parent_path or '/'}{unit_id}/"


def unit_depth(jalur: str) -> int:
    """The depth of a unit from its path: "/1/" is 0, "/1/4/" is 1."""
    return jalur.strip("/").count("/")


def unit_path_ids(jalur: str) -> list[int]:
    """The ids of a path from the root down: "/1/4/9/" -> [1, 4, 9]."""
    return [int(part) for part in jalur.strip("/").split("/") if part]


def unit_path_ancestors(jalur: str) -> list[str]:
    """The paths of a unit's subtrees from the root down, its own last:
    "/1/4/9/" -> ["/1/", "/1/4/", "/1/4/9/"]."""
    ids = unit_path_ids(jalur)
    return ["/" + "".join(f"{pk}/" for pk in ids[: depth + 1]) for depth in range(len(ids))]


def unit_move_error(unit_path_now: str, new_parent_path: str | None) -> str | None:
    """Why a unit cannot move under a parent: under itself or one of its descendants (a cycle)."""
    if new_parent_path is not None and new_parent_path.startswith(unit_path_now):
        return _("Unit tidak dapat dipindahkan ke bawah dirinya sendiri atau sub-unitnya (siklus).")
    return None


def unit_moved_path(jalur: str, old_prefix: str, new_prefix: str) -> str:
    """The path of a unit of a moved subtree: the old prefix replaced by the new one."""
    if not jalur.startswith(old_prefix):
        raise ValueError(f"{jalur!r} is not below {old_prefix!r}")
    return new_prefix + jalur[len(old_prefix) :]


def period_overlaps(
    first_start: datetime.date,
    first_end: datetime.date | None,
    second_start: datetime.date,
    second_end: datetime.date | None,
) -> bool:
    """Whether two periods [start, end) overlap; an end of None is open (no end yet)."""
    first_before_second_ends = second_end is None or first_start < second_end
    second_before_first_ends = first_end is None or second_start < first_end
    return first_before_second_ends and second_before_first_ends


def in_effect(mulai: datetime.date, sampai: datetime.date | None, day: datetime.date) -> bool:
    """Whether a period [mulai, sampai) covers a day; `sampai` None is still open."""
    return mulai <= day and (sampai is None or day < sampai)


def cycle_label(cycle: Iterable[Key], name_of: Mapping[Key, str]) -> str:
    """A readable cycle: "Budi → Siti → Budi" (unknown keys shown as they are)."""
    return " → ".join(name_of.get(key, str(key)) for key in cycle)
