"""Projection of the next periodic predikat from the agency's own history.

The model is a table of transition probabilities between predikat estimated from every pair of
consecutive periodic predikat of the same employee (`Langkah`: from, to, and the state of the
evidence in the earlier period). Two candidate models are estimated:

- `TANPA` — P(next | current predikat);
- `BUKTI` — P(next | current predikat, evidence condition of the current period), the condition
  being `LEMAH` (no evidence, at least half of it rejected or returned, or the report returned)
  or `BAIK`; a cell with fewer than `MINIMUM_SEL` observations backs off to the `TANPA` row.

Probabilities are smoothed (add `ALFA` per predikat). Each candidate is backtested: for every past
period, the model estimated only from transitions that ended before it predicts that period from
the one before, next to the naive forecast "same as last period". The candidate with the most
correct forecasts is chosen, and it is *used* only when it beats the naive forecast over at least
`MINIMUM_UJI` forecasts; otherwise projections are the naive forecast and say so.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kinerja.aturan.enums import PREDIKAT_ORDER, Predikat
from kinerja.core.formatting import format_number
from kinerja.core.i18n import gettext as _

ALFA = Decimal("0.5")
MINIMUM_SEL = 5
MINIMUM_BARIS = 5
MINIMUM_UJI = 20
KONDISI_BAIK = "BAIK"
KONDISI_LEMAH = "LEMAH"
TANPA = "TANPA"
BUKTI = "BUKTI"
CANDIDATES = (TANPA, BUKTI)
LOW = (Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG)


@dataclass(frozen=True)
class Bukti:
    """The evidence of one employee's report in one period."""

    total: int = 0
    ditolak: int = 0
    perlu_perbaikan: int = 0
    dikembalikan: int = 0
    rhk_tanpa_bukti: int = 0


def condition_of(bukti: Bukti | None) -> str:
    """LEMAH: no evidence, at least half of it rejected or to be fixed, the report returned, or a
    result without evidence; BAIK otherwise."""
    if bukti is None or bukti.total == 0:
        return KONDISI_LEMAH
    weak = bukti.ditolak + bukti.perlu_perbaikan
    if weak * 2 >= bukti.total or bukti.dikembalikan > 0 or bukti.rhk_tanpa_bukti > 0:
        return KONDISI_LEMAH
    return KONDISI_BAIK


@dataclass(frozen=True)
class Langkah:
    """One transition: `asal` in the period of order `urutan - 1` (with its evidence condition),
    `tujuan` in the period of order `urutan`."""

    asal: Predikat
    kondisi: str
    tujuan: Predikat
    urutan: int


@dataclass
class ModelTransisi:
    pengkondisian: str
    baris: dict[str, Counter[str]] = field(default_factory=dict)
    sel: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "pengkondisian": self.pengkondisian,
            "baris": {k: dict(v) for k, v in self.baris.items()},
            "sel": {f"{a}|{k}": dict(v) for (a, k), v in self.sel.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> ModelTransisi:
        model = cls(str(data.get("pengkondisian", TANPA)))
        baris = data.get("baris", {})
        sel = data.get("sel", {})
        assert isinstance(baris, dict)
        assert isinstance(sel, dict)
        model.baris = {k: Counter(v) for k, v in baris.items()}
        model.sel = {tuple(k.split("|", 1)): Counter(v) for k, v in sel.items()}
        return model


def model_estimate(steps: Iterable[Langkah], pengkondisian: str) -> ModelTransisi:
    model = ModelTransisi(pengkondisian)
    for step in steps:
        model.baris.setdefault(step.asal.value, Counter())[step.tujuan.value] += 1
        if pengkondisian == BUKTI:
            key = (step.asal.value, step.kondisi)
            model.sel.setdefault(key, Counter())[step.tujuan.value] += 1
    return model


@dataclass(frozen=True)
class Prediksi:
    """A projection: the probability of each predikat, the most likely one, and how it was
    derived (`sumber`: SEL, BARIS or NAIF; the observations it rests on)."""

    peluang: dict[Predikat, Decimal]
    terpilih: Predikat
    sumber: str
    observasi: int
    asal: Predikat
    kondisi: str

    @property
    def risiko(self) -> Decimal:
        """The probability of Butuh Perbaikan or lower."""
        return sum((self.peluang[p] for p in LOW), Decimal(0))

    def to_json(self) -> dict[str, object]:
        return {
            "peluang": {p.value: str(v) for p, v in self.peluang.items()},
            "terpilih": self.terpilih.value,
            "sumber": self.sumber,
            "observasi": self.observasi,
            "asal": self.asal.value,
            "kondisi": self.kondisi,
        }


def prediction_from_json(data: Mapping[str, Any]) -> Prediksi:
    """A stored projection (`ProfilPegawai.proyeksi_dasar`) back as a `Prediksi`."""
    stored = dict(data["peluang"])  # PostgreSQL's jsonb does not keep the keys' order
    peluang = {p: Decimal(stored[p.value]) for p in PREDIKAT_ORDER if p.value in stored}
    return Prediksi(
        peluang,
        Predikat(data["terpilih"]),
        str(data["sumber"]),
        int(data["observasi"]),
        Predikat(data["asal"]),
        str(data["kondisi"]),
    )


def _smoothed(counts: Counter[str]) -> dict[Predikat, Decimal]:
    total = Decimal(sum(counts.values())) + ALFA * len(PREDIKAT_ORDER)
    return {
        p: ((Decimal(counts.get(p.value, 0)) + ALFA) / total).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        )
        for p in PREDIKAT_ORDER
    }


def _naive(asal: Predikat, kondisi: str) -> Prediksi:
    peluang = {p: Decimal(1) if p == asal else Decimal(0) for p in PREDIKAT_ORDER}
    return Prediksi(peluang, asal, "NAIF", 0, asal, kondisi)


def _most_likely(peluang: Mapping[Predikat, Decimal], asal: Predikat) -> Predikat:
    """The most probable predikat; ties go to staying, then to the better predikat."""
    best = max(peluang.values())
    if peluang[asal] == best:
        return asal
    return next(p for p in PREDIKAT_ORDER if peluang[p] == best)


def model_predict(model: ModelTransisi, asal: Predikat, kondisi: str) -> Prediksi:
    """The next predikat after `asal` (with the evidence `kondisi`); the cell, else the row
    (too few observations in the cell), else the naive forecast (too few in the row)."""
    if model.pengkondisian == BUKTI:
        cell = model.sel.get((asal.value, kondisi), Counter())
        if sum(cell.values()) >= MINIMUM_SEL:
            peluang = _smoothed(cell)
            terpilih = _most_likely(peluang, asal)
            return Prediksi(peluang, terpilih, "SEL", sum(cell.values()), asal, kondisi)
    row = model.baris.get(asal.value, Counter())
    if sum(row.values()) >= MINIMUM_BARIS:
        peluang = _smoothed(row)
        return Prediksi(
            peluang, _most_likely(peluang, asal), "BARIS", sum(row.values()), asal, kondisi
        )
    return _naive(asal, kondisi)


@dataclass(frozen=True)
class HasilPeriode:
    urutan: int
    jumlah: int
    benar_model: int
    benar_naif: int


@dataclass(frozen=True)
class UjiBalik:
    pengkondisian: str
    periode: tuple[HasilPeriode, ...]

    @property
    def jumlah(self) -> int:
        return sum(p.jumlah for p in self.periode)

    @property
    def benar_model(self) -> int:
        return sum(p.benar_model for p in self.periode)

    @property
    def benar_naif(self) -> int:
        return sum(p.benar_naif for p in self.periode)


def backtest(steps: Sequence[Langkah], pengkondisian: str) -> UjiBalik:
    """For every period order that has transitions and some earlier ones: estimate on the
    transitions that ended before it, forecast its transitions, count the correct forecasts of
    the model and of the naive "same as last period"."""
    by_order: dict[int, list[Langkah]] = defaultdict(list)
    for step in steps:
        by_order[step.urutan].append(step)
    results = []
    earlier: list[Langkah] = []
    for urutan in sorted(by_order):
        tested = by_order[urutan]
        if earlier:
            model = model_estimate(earlier, pengkondisian)
            right = sum(
                model_predict(model, s.asal, s.kondisi).terpilih == s.tujuan for s in tested
            )
            naive = sum(s.asal == s.tujuan for s in tested)
            results.append(HasilPeriode(urutan, len(tested), right, naive))
        earlier.extend(tested)
    return UjiBalik(pengkondisian, tuple(results))


@dataclass(frozen=True)
class PilihanModel:
    """The candidates' backtests, the chosen conditioning, and whether the model is used (it
    beats the naive forecast over at least MINIMUM_UJI forecasts)."""

    uji: tuple[UjiBalik, ...]
    terpilih: str
    dipakai: bool

    @property
    def uji_terpilih(self) -> UjiBalik:
        return next(u for u in self.uji if u.pengkondisian == self.terpilih)


def model_choose(steps: Sequence[Langkah]) -> PilihanModel:
    tests = tuple(backtest(steps, candidate) for candidate in CANDIDATES)
    best = max(tests, key=lambda u: (u.benar_model, u.pengkondisian == TANPA))
    used = best.jumlah >= MINIMUM_UJI and best.benar_model > best.benar_naif
    return PilihanModel(tests, best.pengkondisian, used)


def project(
    model: ModelTransisi | None, asal: Predikat, bukti: Bukti | None, *, dipakai: bool
) -> Prediksi:
    """The projection of one employee: the model's when it is used, else the naive forecast."""
    kondisi = condition_of(bukti)
    if model is None or not dipakai:
        return _naive(asal, kondisi)
    return model_predict(model, asal, kondisi)


def percent(value: Decimal) -> str:
    return format_number((value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), 1) + "%"


def explain(prediksi: Prediksi, *, dipakai: bool) -> list[str]:
    """Why: which history the projection rests on, in words."""
    values = {
        "asal": prediksi.asal.label,
        "terpilih": prediksi.terpilih.label,
        "peluang": percent(prediksi.peluang[prediksi.terpilih]),
        "n": prediksi.observasi,
        "kondisi": condition_label(prediksi.kondisi).lower(),
    }
    if prediksi.sumber == "NAIF":
        if dipakai:
            lines = [
                _("Riwayat instansi dari %(asal)s terlalu sedikit: proyeksi = predikat terakhir.")
                % values
            ]
        else:
            lines = [
                _(
                    "Model belum terbukti lebih tepat daripada perkiraan naif pada uji balik: "
                    "proyeksi = predikat terakhir (%(asal)s)."
                )
                % values
            ]
        return lines
    if prediksi.sumber == "SEL":
        lines = [
            _(
                "Dari %(n)s perpindahan pegawai instansi dengan predikat %(asal)s dan bukti "
                "dukung %(kondisi)s, %(peluang)s menjadi %(terpilih)s pada periode berikutnya."
            )
            % values
        ]
    else:
        lines = [
            _(
                "Dari %(n)s perpindahan pegawai instansi dengan predikat %(asal)s, %(peluang)s "
                "menjadi %(terpilih)s pada periode berikutnya."
            )
            % values
        ]
    lines.append(
        _("Peluang Butuh Perbaikan atau lebih rendah: %(risiko)s.")
        % {"risiko": percent(prediksi.risiko)}
    )
    return lines


def condition_label(kondisi: str) -> str:
    return _("Lemah") if kondisi == KONDISI_LEMAH else _("Baik")


@dataclass(frozen=True)
class DistribusiHarapan:
    """A group's projected distribution: expected count per predikat and a 95% range."""

    anggota: int
    harapan: dict[Predikat, Decimal]
    rentang: dict[Predikat, tuple[int, int]]


class Akumulasi:
    """Running sums of members' probabilities (and of their Bernoulli variances)."""

    def __init__(self) -> None:
        self.anggota = 0
        self.total: dict[Predikat, Decimal] = {p: Decimal(0) for p in PREDIKAT_ORDER}
        self.varians: dict[Predikat, Decimal] = {p: Decimal(0) for p in PREDIKAT_ORDER}

    def add(self, peluang: Mapping[Predikat, Decimal]) -> None:
        self.anggota += 1
        for p in PREDIKAT_ORDER:
            value = peluang.get(p, Decimal(0))
            self.total[p] += value
            self.varians[p] += value * (1 - value)


def distribution_expected(
    projections: Iterable[Mapping[Predikat, Decimal]] | Akumulasi,
) -> DistribusiHarapan:
    """Sum of the members' probabilities; the range is ±1.96 standard deviations of the sum of
    independent Bernoulli draws, rounded outwards and kept within 0..members."""
    if isinstance(projections, Akumulasi):
        sums = projections
    else:
        sums = Akumulasi()
        for peluang in projections:
            sums.add(peluang)
    expected = {
        p: v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for p, v in sums.total.items()
    }
    ranges = {}
    for p in PREDIKAT_ORDER:
        spread = Decimal("1.96") * sums.varians[p].sqrt()
        low = max(0, math.floor(sums.total[p] - spread))
        high = min(sums.anggota, math.ceil(sums.total[p] + spread))
        ranges[p] = (low, high)
    return DistribusiHarapan(sums.anggota, expected, ranges)
