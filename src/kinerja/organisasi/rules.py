"""Pure rules of the organisation domain: NIP, golongan, positions, the appraiser chain."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kinerja.core.i18n import gettext as _

from kinerja.organisasi.enums import JenisJabatan, Jenjang, StatusKepegawaian

NIP_LENGTH = 18
PNS_GOLONGAN = re.compile(r"^(I|II|III|IV)/([a-e])$")
PPPK_GOLONGAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI|XVII)$")
HIGHEST_RUANG = {"I": "d", "II": "d", "III": "d", "IV": "e"}
KEAHLIAN = frozenset({Jenjang.AHLI_PERTAMA, Jenjang.AHLI_MUDA, Jenjang.AHLI_MADYA, Jenjang.AHLI_UTAMA})


@dataclass(frozen=True)
class NipParts:
    tanggal_lahir: datetime.date
    tmt_cpns: tuple[int, int]
    jenis_kelamin: int
    nomor_urut: str

    @property
    def jenis_kelamin_label(self) -> str:
        return _("Laki-laki") if self.jenis_kelamin == 1 else _("Perempuan")


class InvalidNip(ValueError):
    pass


def nip_parse(nip: str) -> NipParts:
    """Split an 18-digit NIP into its parts, raising InvalidNip with the reason.

    Layout: birth date YYYYMMDD, appointment month YYYYMM (after the birth date),
    gender digit 1 (male) or 2 (female), 3-digit sequence.
    """
    text = str(nip).strip()
    if len(text) != NIP_LENGTH or not text.isascii() or not text.isdigit():
        raise InvalidNip(_("NIP harus 18 digit angka."))
    try:
        birth = datetime.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise InvalidNip(_("8 digit pertama NIP bukan tanggal lahir yang sah.")) from None
    year, month = int(text[8:12]), int(text[12:14])
    if not 1 <= month <= 12:
        raise InvalidNip(_("Digit 9–14 NIP bukan bulan pengangkatan yang sah."))
    if (year, month) <= (birth.year, birth.month):
        raise InvalidNip(_("Bulan pengangkatan pada NIP harus sesudah tanggal lahir."))
    gender = int(text[14])
    if gender not in (1, 2):
        raise InvalidNip(_("Digit ke-15 NIP (jenis kelamin) harus 1 atau 2."))
    return NipParts(birth, (year, month), gender, text[15:18])


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


def chain_cycle(
    appraiser_of: Mapping[str, str | None], changes: Mapping[str, str | None] | None = None
) -> list[str] | None:
    """Find a cycle in the appraiser chain after applying `changes`.

    `appraiser_of` maps each employee key to their appraiser's key (or None). Returns the keys
    of one cycle in order (e.g. [a, b, a]) or None. Only chains that start at a changed key are
    walked when `changes` is given, so checking one reassignment costs the length of one chain.
    """
    merged: dict[str, str | None] = dict(appraiser_of)
    if changes:
        merged.update(changes)
    starts: Iterable[str] = changes.keys() if changes else merged.keys()
    finished: set[str] = set()
    for start in starts:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in finished:
            if node in on_path:
                return [*path[path.index(node):], node]
            path.append(node)
            on_path.add(node)
            node = merged.get(node)
        finished.update(path)
    return None


def appraiser_chain(appraiser_of: Mapping[str, str | None], start: str, limit: int = 50) -> list[str]:
    """The chain of appraisers above `start` (nearest first), stopping at a repeat."""
    chain: list[str] = []
    node = appraiser_of.get(start)
    while node is not None and node not in chain and node != start and len(chain) < limit:
        chain.append(node)
        node = appraiser_of.get(node)
    return chain


def unit_path(parent_path: str | None, unit_id: int) -> str:
    return f"{parent_path or '/'}{unit_id}/"
