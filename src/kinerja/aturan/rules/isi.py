"""The content of a rule set: parsing and validation of its JSON form, and the shipped default.

A rule set's content is plain JSON (numbers that need exactness are strings: "12.5"). `isi_parse`
turns it into frozen dataclasses or raises `IsiTidakValid` naming every problem with its path
("kurva.pola.BAIK[2].nilai"); `isi_dump` writes it back. The shipped default holds the values of
the regulations summarised in DOMAIN.md.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache, partial
from importlib import resources
from itertools import pairwise
from typing import Any, TypeVar

from kinerja.aturan.enums import (
    JenisBatasan,
    Potensi,
    Predikat,
    PredikatOrganisasi,
    Rating,
    SanksiKehadiran,
)
from kinerja.aturan.rules.penjelasan import Acuan, plain
from kinerja.core.enums import LabeledEnum
from kinerja.core.i18n import gettext as _
from kinerja.organisasi.enums import Jenjang

SECTIONS = (
    "predikat",
    "kurva",
    "angka_kredit",
    "tukin",
    "talenta",
    "tren",
    "keberatan",
    "disiplin",
    "merit",
)
BAND_COUNT = 4
HUNDRED = Decimal(100)


# --- Content ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Batasan:
    """One constraint of a curve: on the number of people whose predikat is in `predikat`."""

    jenis: JenisBatasan
    predikat: tuple[Predikat, ...]
    nilai: Decimal = Decimal(0)

    def label(self) -> str:
        names = " + ".join(str(p.label) for p in self.predikat)
        if self.jenis == JenisBatasan.TERBANYAK:
            return _("%(predikat)s kelompok terbanyak") % {"predikat": names}
        if self.jenis == JenisBatasan.MAKSIMUM_PERSEN:
            return _("%(predikat)s paling banyak %(nilai)s%%") % {
                "predikat": names,
                "nilai": plain(self.nilai),
            }
        if self.jenis == JenisBatasan.MINIMUM_PERSEN:
            return _("%(predikat)s paling sedikit %(nilai)s%%") % {
                "predikat": names,
                "nilai": plain(self.nilai),
            }
        return _("%(predikat)s paling sedikit %(nilai)s orang") % {
            "predikat": names,
            "nilai": plain(self.nilai),
        }


@dataclass(frozen=True)
class Kurva:
    ukuran_minimum: int
    pola: Mapping[PredikatOrganisasi, tuple[Batasan, ...]]


@dataclass(frozen=True)
class JenjangAngkaKredit:
    koefisien: Decimal
    kenaikan_pangkat: Decimal | None
    kenaikan_jenjang: Decimal | None


@dataclass(frozen=True)
class AngkaKredit:
    persentase: Mapping[Predikat, Decimal]
    jenjang: Mapping[Jenjang, JenjangAngkaKredit]


@dataclass(frozen=True)
class Pita:
    """A band of minutes (late arrival or early leave); `sampai` None means "and more"."""

    dari: int
    sampai: int | None
    persen: Decimal


@dataclass(frozen=True)
class Tukin:
    besaran: Mapping[int, int]
    kelas_tertinggi: int
    terlambat: tuple[Pita, ...]
    pulang_cepat: tuple[Pita, ...]
    tanpa_rekaman: Decimal
    tanpa_keterangan: Decimal
    cuti_hari_bebas: int
    cuti_alasan_penting: Decimal
    hukuman_disiplin_sedang: Decimal
    batas_potongan: Decimal
    insentif_sangat_baik: Decimal


@dataclass(frozen=True)
class Talenta:
    kotak: Mapping[Potensi, Mapping[Rating, int]]
    kinerja: Mapping[Predikat, Rating]


@dataclass(frozen=True)
class Tren:
    jendela: int
    minimum_titik: int
    ambang: Decimal


@dataclass(frozen=True)
class PitaDisiplin:
    dari: int
    sampai: int | None
    sanksi: SanksiKehadiran


@dataclass(frozen=True)
class Merit:
    suksesi_predikat: Predikat
    suksesi_tahun: int
    kenaikan_pangkat_predikat: Predikat
    kenaikan_pangkat_tahun: int
    bulan_perbaikan: int


@dataclass(frozen=True)
class IsiAturan:
    """The parsed content of one rule-set version."""

    predikat: Mapping[Rating, Mapping[Rating, Predikat]]
    kurva: Kurva
    angka_kredit: AngkaKredit
    tukin: Tukin
    talenta: Talenta
    tren: Tren
    keberatan_hari: int
    disiplin: tuple[PitaDisiplin, ...]
    merit: Merit
    acuan: Acuan = field(default_factory=Acuan)

    def with_acuan(self, acuan: Acuan) -> IsiAturan:
        return replace(self, acuan=acuan)


# --- Errors ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kesalahan:
    jalur: str
    pesan: str

    def __str__(self) -> str:
        return f"{self.jalur}: {self.pesan}" if self.jalur else self.pesan

    @property
    def bagian(self) -> str:
        """The section the error belongs to ("kurva" for "kurva.pola.BAIK[0].nilai")."""
        return self.jalur.split(".")[0].split("[")[0]


class IsiTidakValid(ValueError):
    def __init__(self, kesalahan: Sequence[Kesalahan]) -> None:
        self.kesalahan = list(kesalahan)
        super().__init__("; ".join(str(item) for item in self.kesalahan))


class _Missing(Exception):
    """A value could not be read; the error is already recorded."""


Value = TypeVar("Value")
Member = TypeVar("Member", bound=LabeledEnum)


class _Reader:
    """Walks the JSON content, records every problem with its path, and keeps going."""

    def __init__(self) -> None:
        self.path: list[str] = []
        self.errors: list[Kesalahan] = []

    @contextmanager
    def at(self, key: str | int) -> Iterator[None]:
        self.path.append(f"[{key}]" if isinstance(key, int) else str(key))
        try:
            yield
        finally:
            self.path.pop()

    def where(self) -> str:
        text = ""
        for part in self.path:
            text += part if part.startswith("[") or not text else "." + part
        return text

    def fail(self, message: str) -> _Missing:
        self.errors.append(Kesalahan(self.where(), message))
        return _Missing()

    def attempt(self, read: Callable[[], Value]) -> Value | None:
        try:
            return read()
        except _Missing:
            return None

    # Reading values --------------------------------------------------------------------------

    def mapping(self, value: Any) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(_("harus berupa objek"))
        return value

    def sequence(self, value: Any) -> Sequence[Any]:
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            raise self.fail(_("harus berupa daftar"))
        return value

    def key(self, data: Mapping[str, Any], name: str) -> Any:
        if name not in data:
            raise self.fail(_("wajib diisi"))
        return data[name]

    def decimal(
        self,
        value: Any,
        *,
        minimum: Decimal | None = None,
        maximum: Decimal | None = None,
        places: int = 4,
        positive: bool = False,
    ) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise self.fail(_("harus berupa angka"))
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise self.fail(_("“%(nilai)s” bukan angka") % {"nilai": value}) from None
        if not number.is_finite():
            raise self.fail(_("harus berupa angka"))
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places:
            raise self.fail(
                _("paling banyak %(jumlah)s angka di belakang koma") % {"jumlah": places}
            )
        if positive and number <= 0:
            raise self.fail(_("harus lebih dari 0"))
        if minimum is not None and number < minimum:
            raise self.fail(_("tidak boleh kurang dari %(batas)s") % {"batas": plain(minimum)})
        if maximum is not None and number > maximum:
            raise self.fail(_("tidak boleh lebih dari %(batas)s") % {"batas": plain(maximum)})
        return number

    def integer(self, value: Any, *, minimum: int, maximum: int | None = None) -> int:
        number = self.decimal(value, places=0)
        if number < minimum:
            raise self.fail(_("tidak boleh kurang dari %(batas)s") % {"batas": minimum})
        if maximum is not None and number > maximum:
            raise self.fail(_("tidak boleh lebih dari %(batas)s") % {"batas": maximum})
        return int(number)

    def member(self, enum: type[Member], value: Any) -> Member:
        parsed = enum.parse(value) if isinstance(value, str) else None
        if parsed is None:
            allowed = ", ".join(m.value for m in enum)
            raise self.fail(
                _("“%(nilai)s” tidak dikenal; pilihan: %(pilihan)s")
                % {"nilai": value, "pilihan": allowed}
            )
        return parsed

    def table(
        self, data: Any, keys: type[Member], read: Callable[[Any], Value]
    ) -> dict[Member, Value]:
        """A mapping with every member of `keys`, each read by `read`."""
        data = self.mapping(data)
        known = {m.value for m in keys}
        for name in data:
            if name not in known:
                with self.at(str(name)):
                    self.fail(
                        _("kunci tidak dikenal; pilihan: %(pilihan)s")
                        % {"pilihan": ", ".join(sorted(known))}
                    )
        result: dict[Member, Value] = {}
        for member in keys:
            with self.at(member.value):
                if member.value not in data:
                    self.fail(_("wajib diisi"))
                    continue
                value = self.attempt(partial(read, data[member.value]))
                if value is not None:
                    result[member] = value
        if len(result) != len(keys):
            raise _Missing()
        return result


# --- Sections --------------------------------------------------------------------------------


def _read_predikat(reader: _Reader, data: Any) -> dict[Rating, Mapping[Rating, Predikat]]:
    return reader.table(
        data,
        Rating,
        lambda row: reader.table(row, Rating, lambda cell: reader.member(Predikat, cell)),
    )


def _read_batasan(reader: _Reader, data: Any) -> Batasan:
    data = reader.mapping(data)
    with reader.at("jenis"):
        jenis = reader.member(JenisBatasan, reader.key(data, "jenis"))
    with reader.at("predikat"):
        names = reader.sequence(reader.key(data, "predikat"))
        if not names:
            raise reader.fail(_("pilih paling sedikit satu predikat"))
        predikat = tuple(reader.member(Predikat, name) for name in names)
        if len(set(predikat)) != len(predikat):
            raise reader.fail(_("predikat tidak boleh berulang"))
        if jenis == JenisBatasan.TERBANYAK and len(predikat) != 1:
            raise reader.fail(_("kelompok terbanyak hanya untuk satu predikat"))
    predikat = tuple(p for p in Predikat if p in predikat)
    if jenis == JenisBatasan.TERBANYAK:
        return Batasan(jenis, predikat)
    with reader.at("nilai"):
        raw = reader.key(data, "nilai")
        if jenis == JenisBatasan.MINIMUM_ORANG:
            nilai = Decimal(reader.integer(raw, minimum=0, maximum=1000))
        else:
            nilai = reader.decimal(raw, minimum=Decimal(0), maximum=HUNDRED, places=2)
    return Batasan(jenis, predikat, nilai)


def _read_pola(reader: _Reader, data: Any) -> tuple[Batasan, ...]:
    items = reader.sequence(data)
    constraints: list[Batasan] = []
    for index, item in enumerate(items):
        with reader.at(index):
            batasan = reader.attempt(partial(_read_batasan, reader, item))
            if batasan is not None:
                constraints.append(batasan)
    if len(constraints) != len(items):
        raise _Missing()
    largest = [b for b in constraints if b.jenis == JenisBatasan.TERBANYAK]
    if len(largest) > 1:
        raise reader.fail(_("paling banyak satu batasan kelompok terbanyak"))
    groups = list(dict.fromkeys(frozenset(b.predikat) for b in constraints))
    for first in groups:
        for second in groups:
            if first & second and not (first <= second or second <= first):
                raise reader.fail(
                    _(
                        "kelompok predikat dalam satu pola harus terpisah atau bersarang "
                        "(%(a)s dan %(b)s beririsan)"
                    )
                    % {"a": _names(first), "b": _names(second)}
                )
    return tuple(constraints)


def _names(group: frozenset[Predikat]) -> str:
    return " + ".join(str(p.label) for p in Predikat if p in group)


def _read_kurva(reader: _Reader, data: Any) -> Kurva:
    data = reader.mapping(data)
    with reader.at("ukuran_minimum"):
        size = reader.attempt(
            lambda: reader.integer(reader.key(data, "ukuran_minimum"), minimum=1, maximum=1000)
        )
    with reader.at("pola"):
        pola = reader.table(
            reader.key(data, "pola"), PredikatOrganisasi, lambda item: _read_pola(reader, item)
        )
    if size is None:
        raise _Missing()
    return Kurva(size, pola)


def _infeasible_patterns(kurva: Kurva) -> list[Kesalahan]:
    """Patterns that no group of some size from the minimum up could satisfy."""
    from kinerja.aturan.rules.kurva import curve_target

    low = kurva.ukuran_minimum
    sizes = [size for size in (*range(low, low + 40), 100, 250, 1000) if size >= low]
    errors = []
    for organisasi, constraints in kurva.pola.items():
        for size in sizes:
            counts = dict.fromkeys(Predikat, 0)
            counts[Predikat.BAIK] = size
            if curve_target(constraints, counts) is None:
                message = _("pola ini tidak dapat dipenuhi oleh kelompok %(jumlah)s orang") % {
                    "jumlah": size
                }
                errors.append(Kesalahan(f"kurva.pola.{organisasi.value}", message))
                break
    return errors


def _read_angka_kredit(reader: _Reader, data: Any) -> AngkaKredit:
    data = reader.mapping(data)

    def level(item: Any) -> JenjangAngkaKredit:
        item = reader.mapping(item)
        values: dict[str, Decimal | None] = {}
        for name, optional in (
            ("koefisien", False),
            ("kenaikan_pangkat", True),
            ("kenaikan_jenjang", True),
        ):
            with reader.at(name):
                raw = item.get(name)
                if raw is None and optional:
                    values[name] = None
                else:
                    values[name] = reader.decimal(
                        reader.key(item, name), positive=True, maximum=Decimal(10000), places=3
                    )
        return JenjangAngkaKredit(**values)  # type: ignore[arg-type]

    with reader.at("persentase"):
        percentages = reader.attempt(
            lambda: reader.table(
                reader.key(data, "persentase"),
                Predikat,
                lambda v: reader.decimal(v, minimum=Decimal(0), maximum=Decimal(500), places=2),
            )
        )
    with reader.at("jenjang"):
        levels = reader.table(reader.key(data, "jenjang"), Jenjang, level)
    if percentages is None:
        raise _Missing()
    return AngkaKredit(percentages, levels)


def _read_bands(reader: _Reader, data: Any, read_item: Callable[[Any], Any]) -> tuple[Any, ...]:
    items = reader.sequence(data)
    bands: list[Any] = []
    for index, item in enumerate(items):
        with reader.at(index):
            band = reader.attempt(partial(read_item, item))
            if band is not None:
                bands.append(band)
    if len(bands) != len(items):
        raise _Missing()
    for index, band in enumerate(bands):
        with reader.at(index):
            if band.sampai is not None and band.sampai < band.dari:
                raise reader.fail(_("“sampai” tidak boleh lebih kecil dari “dari”"))
            if index and bands[index - 1].sampai is None:
                raise reader.fail(_("hanya pita terakhir yang boleh tanpa batas atas"))
            if index and band.dari <= bands[index - 1].sampai:
                raise reader.fail(_("pita ini tumpang tindih dengan pita sebelumnya"))
            if index and band.dari != bands[index - 1].sampai + 1:
                raise reader.fail(
                    _("ada celah antara pita ini dan pita sebelumnya (mulai dari %(dari)s)")
                    % {"dari": bands[index - 1].sampai + 1}
                )
    return tuple(bands)


def _read_pita(reader: _Reader, data: Any) -> Pita:
    data = reader.mapping(data)
    with reader.at("dari"):
        dari = reader.integer(reader.key(data, "dari"), minimum=1, maximum=1440)
    with reader.at("sampai"):
        raw = data.get("sampai")
        sampai = None if raw is None else reader.integer(raw, minimum=1, maximum=1440)
    with reader.at("persen"):
        persen = reader.decimal(
            reader.key(data, "persen"), minimum=Decimal(0), maximum=HUNDRED, places=2
        )
    return Pita(dari, sampai, persen)


def _read_tukin(reader: _Reader, data: Any) -> Tukin:
    data = reader.mapping(data)
    values: dict[str, Any] = {}

    def read(name: str, function: Callable[[Any], Any]) -> None:
        with reader.at(name):
            values[name] = reader.attempt(lambda: function(reader.key(data, name)))

    def percent(value: Any) -> Decimal:
        return reader.decimal(value, minimum=Decimal(0), maximum=HUNDRED, places=2)

    read("kelas_tertinggi", lambda v: reader.integer(v, minimum=1, maximum=17))
    read("besaran", lambda v: _read_amounts(reader, v, values.get("kelas_tertinggi") or 17))
    for name in ("terlambat", "pulang_cepat"):
        read(name, lambda v: _read_bands(reader, v, lambda item: _read_pita(reader, item)))
        with reader.at(name):
            if values[name] is not None and len(values[name]) != BAND_COUNT:
                reader.fail(
                    _("harus tepat %(jumlah)s pita, sesuai kolom TL1–TL4 dan PSW1–PSW4")
                    % {"jumlah": BAND_COUNT}
                )
                values[name] = None
    for name in (
        "tanpa_rekaman",
        "tanpa_keterangan",
        "hukuman_disiplin_sedang",
        "batas_potongan",
        "insentif_sangat_baik",
    ):
        read(name, percent)
    with reader.at("cuti_alasan_penting"):
        leave = reader.attempt(lambda: reader.mapping(reader.key(data, "cuti_alasan_penting")))
        if leave is not None:
            with reader.at("hari_bebas"):
                values["cuti_hari_bebas"] = reader.attempt(
                    lambda: reader.integer(reader.key(leave, "hari_bebas"), minimum=0, maximum=31)
                )
            with reader.at("persen"):
                values["cuti_alasan_penting"] = reader.attempt(
                    lambda: percent(reader.key(leave, "persen"))
                )
        else:
            values["cuti_hari_bebas"] = values["cuti_alasan_penting"] = None
    if any(value is None for value in values.values()):
        raise _Missing()
    return Tukin(**values)


def _read_amounts(reader: _Reader, data: Any, highest: int) -> dict[int, int]:
    data = reader.mapping(data)
    amounts: dict[int, int] = {}
    for key, value in data.items():
        with reader.at(str(key)):
            grade = reader.attempt(partial(reader.integer, key, minimum=1, maximum=highest))
            amount = reader.attempt(partial(reader.integer, value, minimum=1, maximum=10**10))
            if grade is not None and amount is not None:
                amounts[grade] = amount
    ordered = sorted(amounts.items())
    for (lower, lower_amount), (grade, amount) in pairwise(ordered):
        if amount <= lower_amount:
            with reader.at(str(grade)):
                reader.fail(
                    _("besaran kelas %(kelas)s harus lebih besar dari kelas %(bawah)s")
                    % {"kelas": grade, "bawah": lower}
                )
    return dict(ordered)


def _read_talenta(reader: _Reader, data: Any) -> Talenta:
    data = reader.mapping(data)
    with reader.at("kotak"):
        boxes = reader.attempt(
            lambda: reader.table(
                reader.key(data, "kotak"),
                Potensi,
                lambda row: reader.table(
                    row, Rating, lambda cell: reader.integer(cell, minimum=1, maximum=9)
                ),
            )
        )
        if boxes is not None:
            numbers = [number for row in boxes.values() for number in row.values()]
            if sorted(numbers) != list(range(1, 10)):
                reader.fail(_("kotak 1 sampai 9 masing-masing harus dipakai tepat satu kali"))
                boxes = None
    with reader.at("kinerja"):
        kinerja = reader.table(
            reader.key(data, "kinerja"), Predikat, lambda cell: reader.member(Rating, cell)
        )
    if boxes is None:
        raise _Missing()
    return Talenta(boxes, kinerja)


def _read_tren(reader: _Reader, data: Any) -> Tren:
    data = reader.mapping(data)
    with reader.at("jendela"):
        window = reader.attempt(
            lambda: reader.integer(reader.key(data, "jendela"), minimum=2, maximum=12)
        )
    with reader.at("minimum_titik"):
        minimum = reader.attempt(
            lambda: reader.integer(reader.key(data, "minimum_titik"), minimum=2, maximum=12)
        )
        if window is not None and minimum is not None and minimum > window:
            reader.fail(_("tidak boleh lebih dari jendela (%(jendela)s)") % {"jendela": window})
            minimum = None
    with reader.at("ambang"):
        threshold = reader.decimal(
            reader.key(data, "ambang"), positive=True, maximum=Decimal(4), places=2
        )
    if window is None or minimum is None:
        raise _Missing()
    return Tren(window, minimum, threshold)


def _read_disiplin(reader: _Reader, data: Any) -> tuple[PitaDisiplin, ...]:
    def item(value: Any) -> PitaDisiplin:
        value = reader.mapping(value)
        with reader.at("dari"):
            dari = reader.integer(reader.key(value, "dari"), minimum=1, maximum=366)
        with reader.at("sampai"):
            raw = value.get("sampai")
            sampai = None if raw is None else reader.integer(raw, minimum=1, maximum=366)
        with reader.at("sanksi"):
            sanksi = reader.member(SanksiKehadiran, reader.key(value, "sanksi"))
        return PitaDisiplin(dari, sampai, sanksi)

    return _read_bands(reader, data, item)


def _read_merit(reader: _Reader, data: Any) -> Merit:
    data = reader.mapping(data)
    values: dict[str, Any] = {}

    def predikat(name: str) -> Predikat:
        return reader.member(Predikat, reader.key(data, name))

    def count(name: str, maximum: int) -> int:
        return reader.integer(reader.key(data, name), minimum=1, maximum=maximum)

    for name in ("suksesi_predikat", "kenaikan_pangkat_predikat"):
        with reader.at(name):
            values[name] = reader.attempt(partial(predikat, name))
    for name, maximum in (
        ("suksesi_tahun", 5),
        ("kenaikan_pangkat_tahun", 5),
        ("bulan_perbaikan", 24),
    ):
        with reader.at(name):
            values[name] = reader.attempt(partial(count, name, maximum))
    if any(value is None for value in values.values()):
        raise _Missing()
    return Merit(**values)


def _read_keberatan(reader: _Reader, data: Any) -> int:
    data = reader.mapping(data)
    with reader.at("batas_hari"):
        return reader.integer(reader.key(data, "batas_hari"), minimum=1, maximum=90)


READERS: dict[str, Callable[[_Reader, Any], Any]] = {
    "predikat": _read_predikat,
    "kurva": _read_kurva,
    "angka_kredit": _read_angka_kredit,
    "tukin": _read_tukin,
    "talenta": _read_talenta,
    "tren": _read_tren,
    "keberatan": _read_keberatan,
    "disiplin": _read_disiplin,
    "merit": _read_merit,
}


# --- Public functions ------------------------------------------------------------------------


def isi_parse(data: Any, acuan: Acuan | None = None) -> IsiAturan:
    """The content as dataclasses, or `IsiTidakValid` naming every problem with its path."""
    reader = _Reader()
    if not isinstance(data, Mapping):
        raise IsiTidakValid([Kesalahan("", _("isi set aturan harus berupa objek JSON"))])
    for name in data:
        if name not in READERS:
            reader.errors.append(Kesalahan(str(name), _("bagian tidak dikenal")))
    sections: dict[str, Any] = {}
    for name, read in READERS.items():
        with reader.at(name):
            if name not in data:
                reader.fail(_("bagian ini wajib ada"))
                continue
            sections[name] = reader.attempt(partial(read, reader, data[name]))
    if reader.errors:
        raise IsiTidakValid(reader.errors)
    return IsiAturan(
        predikat=sections["predikat"],
        kurva=sections["kurva"],
        angka_kredit=sections["angka_kredit"],
        tukin=sections["tukin"],
        talenta=sections["talenta"],
        tren=sections["tren"],
        keberatan_hari=sections["keberatan"],
        disiplin=sections["disiplin"],
        merit=sections["merit"],
        acuan=acuan or Acuan(),
    )


def isi_parse_once(data: Any, acuan: Acuan) -> IsiAturan:
    """`isi_parse` for computing with a saved version: the same content and label are parsed
    once per process (the result is frozen), however many figures read them."""
    return _isi_parse_text(json.dumps(data, sort_keys=True), acuan)


@lru_cache(maxsize=32)
def _isi_parse_text(text: str, acuan: Acuan) -> IsiAturan:
    return isi_parse(json.loads(text), acuan)


def isi_errors(data: Any) -> list[Kesalahan]:
    """Every problem of the content (empty when it is valid), including curve patterns that no
    group could satisfy. Run before a version is saved; `isi_parse` alone is for computing."""
    try:
        isi = isi_parse(data)
    except IsiTidakValid as error:
        return error.kesalahan
    return _infeasible_patterns(isi.kurva)


def _text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    normal = value.normalize()
    return f"{normal:f}"


def isi_dump(isi: IsiAturan) -> dict[str, Any]:
    """The JSON form of parsed content (the inverse of `isi_parse`)."""

    def bands(items: Sequence[Pita]) -> list[dict[str, Any]]:
        return [{"dari": b.dari, "sampai": b.sampai, "persen": _text(b.persen)} for b in items]

    tukin = isi.tukin
    return {
        "predikat": {
            hasil.value: {perilaku.value: p.value for perilaku, p in row.items()}
            for hasil, row in isi.predikat.items()
        },
        "kurva": {
            "ukuran_minimum": isi.kurva.ukuran_minimum,
            "pola": {
                organisasi.value: [_dump_batasan(b) for b in constraints]
                for organisasi, constraints in isi.kurva.pola.items()
            },
        },
        "angka_kredit": {
            "persentase": {p.value: _text(v) for p, v in isi.angka_kredit.persentase.items()},
            "jenjang": {
                j.value: {
                    "koefisien": _text(v.koefisien),
                    "kenaikan_pangkat": _text(v.kenaikan_pangkat),
                    "kenaikan_jenjang": _text(v.kenaikan_jenjang),
                }
                for j, v in isi.angka_kredit.jenjang.items()
            },
        },
        "tukin": {
            "besaran": {str(k): v for k, v in sorted(tukin.besaran.items())},
            "kelas_tertinggi": tukin.kelas_tertinggi,
            "terlambat": bands(tukin.terlambat),
            "pulang_cepat": bands(tukin.pulang_cepat),
            "tanpa_rekaman": _text(tukin.tanpa_rekaman),
            "tanpa_keterangan": _text(tukin.tanpa_keterangan),
            "cuti_alasan_penting": {
                "hari_bebas": tukin.cuti_hari_bebas,
                "persen": _text(tukin.cuti_alasan_penting),
            },
            "hukuman_disiplin_sedang": _text(tukin.hukuman_disiplin_sedang),
            "batas_potongan": _text(tukin.batas_potongan),
            "insentif_sangat_baik": _text(tukin.insentif_sangat_baik),
        },
        "talenta": {
            "kotak": {
                potensi.value: {rating.value: box for rating, box in row.items()}
                for potensi, row in isi.talenta.kotak.items()
            },
            "kinerja": {p.value: r.value for p, r in isi.talenta.kinerja.items()},
        },
        "tren": {
            "jendela": isi.tren.jendela,
            "minimum_titik": isi.tren.minimum_titik,
            "ambang": _text(isi.tren.ambang),
        },
        "keberatan": {"batas_hari": isi.keberatan_hari},
        "disiplin": [
            {"dari": b.dari, "sampai": b.sampai, "sanksi": b.sanksi.value} for b in isi.disiplin
        ],
        "merit": {
            "suksesi_predikat": isi.merit.suksesi_predikat.value,
            "suksesi_tahun": isi.merit.suksesi_tahun,
            "kenaikan_pangkat_predikat": isi.merit.kenaikan_pangkat_predikat.value,
            "kenaikan_pangkat_tahun": isi.merit.kenaikan_pangkat_tahun,
            "bulan_perbaikan": isi.merit.bulan_perbaikan,
        },
    }


def _dump_batasan(batasan: Batasan) -> dict[str, Any]:
    item: dict[str, Any] = {
        "jenis": batasan.jenis.value,
        "predikat": [p.value for p in batasan.predikat],
    }
    if batasan.jenis == JenisBatasan.MINIMUM_ORANG:
        item["nilai"] = int(batasan.nilai)
    elif batasan.jenis != JenisBatasan.TERBANYAK:
        item["nilai"] = _text(batasan.nilai)
    return item


def isi_default() -> dict[str, Any]:
    """The shipped default content (a fresh copy): the values of DOMAIN.md."""
    return copy.deepcopy(_DEFAULT)


def _load_default() -> dict[str, Any]:
    text = resources.files("kinerja.aturan").joinpath("data/bawaan.json").read_text("utf-8")
    return json.loads(text)["isi"]


_DEFAULT = _load_default()


def default_metadata() -> dict[str, Any]:
    """Name, code, legal basis and effective date of the shipped default rule set."""
    text = resources.files("kinerja.aturan").joinpath("data/bawaan.json").read_text("utf-8")
    document = json.loads(text)
    return {key: value for key, value in document.items() if key != "isi"}
