"""Reading the trend, projection, backtest and early-warning lists from the stored monitoring
figures (`ProfilPegawai`, `ProyeksiUnit`, `RingkasanUnit`, the last `Pembaruan`).

A list is the profiles of a unit subtree (HR readers) or of an appraiser's team, optionally of
one jenis jabatan, 50 to a page: one query for the page and one count, whatever the number of
rows. The counts per trend class and the projected distribution of a unit are read from its
`ProyeksiUnit`; those of a team are counted (one grouped query) or summed from its profiles
(one bounded query).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from kinerja.aturan.enums import PREDIKAT_ORDER, Predikat, Tren
from kinerja.core.formatting import format_number
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.pemantauan.access import Cakupan
from kinerja.pemantauan.models import RISIKO_URUT, Pembaruan, ProfilPegawai, ProyeksiUnit
from kinerja.pemantauan.rules import grafik
from kinerja.pemantauan.rules import peringatan as warning_rules
from kinerja.pemantauan.rules import proyeksi as model_rules
from kinerja.pemantauan.selectors import baca
from kinerja.periode.models import Periode

PER_HALAMAN = 50
PER_HALAMAN_RINGKAS = 20
"""Rows per class when the three classes are shown together."""
TIM_MAKSIMUM = 5000
PERIODIK = "periodik"
TAHUNAN = "tahunan"
JENIS_TREN = (PERIODIK, TAHUNAN)
KELAS_UTAMA = (Tren.NAIK, Tren.STAGNAN, Tren.TURUN)
KELAS = (*KELAS_UTAMA, Tren.BELUM_CUKUP_DATA)
LEBAR_GARIS = 328
TINGGI_GARIS = 96
KOSONG = "—"


def halaman_param(kelas: Tren) -> str:
    """The query parameter of a trend section's page: `hal_naik`, `hal_stagnan`, …"""
    return f"hal_{kelas.value.lower()}"


@dataclass(frozen=True)
class Saringan:
    """Whose profiles a list shows: a unit subtree or an appraiser's team, of one jenis jabatan
    ("" = every jenis)."""

    cakupan: Cakupan
    jenis_jabatan: str = ""

    def profiles(self) -> QuerySet[ProfilPegawai]:
        found = ProfilPegawai.objects.all()
        if self.cakupan.unit is not None:
            found = found.filter(jalur__startswith=self.cakupan.unit.jalur)
        else:
            found = found.filter(penilai_id=self.cakupan.penilai_id)
        if self.jenis_jabatan:
            found = found.filter(jenis_jabatan=self.jenis_jabatan)
        return found

    def outlook(self) -> ProyeksiUnit | None:
        """The unit's stored outlook (None for a team)."""
        if self.cakupan.unit is None:
            return None
        return baca.unit_outlook(self.cakupan.unit, self.jenis_jabatan)


def _listed(found: QuerySet[ProfilPegawai]) -> QuerySet[ProfilPegawai]:
    return found.select_related("pegawai", "unit", "penilai")


def _by_name(found: QuerySet[ProfilPegawai]) -> QuerySet[ProfilPegawai]:
    return _listed(found).order_by("nama", "pegawai_id")


def _page(
    found: QuerySet[ProfilPegawai],
    number: Any,
    *,
    size: int = PER_HALAMAN,
    count: int | None = None,
) -> Page:
    """A page of the rows; `count` when already known (no COUNT query)."""
    paginator = Paginator(found, size)
    if count is not None:
        paginator.count = count  # the cached property, already known
    return paginator.get_page(number)


def percent_of(part: int, whole: int) -> str:
    """62,5% of a count; a dash when nothing was counted."""
    if not whole:
        return KOSONG
    return model_rules.percent(Decimal(part) / Decimal(whole))


# --- Trends -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GarisKecil:
    """A small predikat line (a sparkline): the chart of `rules.grafik.predikat_line` shown
    through `kotak`, a viewBox cropped to the plot (no axis labels)."""

    garis: grafik.Garis
    kotak: str
    lebar: int
    tinggi: int


def sparkline(points: list[tuple[str, Predikat | None]]) -> GarisKecil:
    garis = grafik.predikat_line(points, width=LEBAR_GARIS, height=TINGGI_GARIS)
    left, top = garis.kiri - 8, grafik.ATAS - 8
    width = LEBAR_GARIS - grafik.KANAN_GARIS + 8 - left
    height = garis.bawah + 8 - top
    return GarisKecil(garis, f"{left} {top} {width} {height}", width, height)


def _points(seri: list[Mapping[str, Any]], jenis: str) -> list[tuple[str, Predikat]]:
    def label(text: str) -> str:
        return text.removeprefix("TAHUNAN ") if jenis == TAHUNAN else text

    return [(label(str(p["label"])), Predikat(p["predikat"])) for p in seri]


def series_text(points: list[tuple[str, Predikat]]) -> str:
    """ "Baik → Baik → Butuh Perbaikan" (a dash for no predikat)."""
    return " → ".join(str(p.label) for _l, p in points) or KOSONG


@dataclass(frozen=True)
class BarisTren:
    profil: ProfilPegawai
    jenis: str
    tren: Tren
    titik: list[tuple[str, Predikat]]
    seri: str
    penjelasan: str
    langkah: list[str]
    grafik: GarisKecil | None

    @property
    def pegawai(self) -> Pegawai:
        return self.profil.pegawai

    @property
    def terakhir(self) -> Predikat | None:
        return self.titik[-1][1] if self.titik else None

    @property
    def lama(self) -> int | None:
        """How many periods the latest periodic predikat has held (periodic trends only)."""
        return self.profil.lama_periodik if self.jenis == PERIODIK and self.titik else None


def trend_row(profil: ProfilPegawai, jenis: str, *, chart: bool = True) -> BarisTren:
    seri = profil.seri_tahunan if jenis == TAHUNAN else profil.seri_periodik
    points = _points(seri, jenis)
    explained = (profil.penjelasan_tren or {}).get(jenis) or {}
    return BarisTren(
        profil=profil,
        jenis=jenis,
        tren=Tren(profil.tren_tahunan if jenis == TAHUNAN else profil.tren_periodik),
        titik=points,
        seri=series_text(points),
        penjelasan=str(explained.get("ringkasan", "")),
        langkah=[str(step) for step in explained.get("langkah", [])],
        grafik=sparkline(list(points)) if chart else None,
    )


def _trend_field(jenis: str) -> str:
    return "tren_tahunan" if jenis == TAHUNAN else "tren_periodik"


def trend_counts(saringan: Saringan, jenis: str, outlook: ProyeksiUnit | None) -> dict[Tren, int]:
    """How many are in each class: the unit's stored counts, else counted (one query)."""
    if outlook is not None:
        stored = outlook.tren_tahunan if jenis == TAHUNAN else outlook.tren
    else:
        name = _trend_field(jenis)
        counted = saringan.profiles().values(name).annotate(n=Count("pk")).order_by()
        stored = {row[name]: row["n"] for row in counted}
    return {kelas: int(stored.get(kelas.value, 0)) for kelas in KELAS}


@dataclass
class BagianTren:
    kelas: Tren
    jumlah: int
    halaman: Page
    baris: list[BarisTren]
    param: str


@dataclass
class DaftarTren:
    jenis: str
    kelas: Tren | None
    jumlah: dict[Tren, int]
    bagian: list[BagianTren]

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())


def trend_lists(
    saringan: Saringan, *, jenis: str, kelas: Tren | None, halaman: Mapping[str, Any]
) -> DaftarTren:
    """The counts per class and, for the chosen class (50 a page; else naik, stagnan and turun,
    20 a page each), a page of its employees by name (`halaman`: page number per section
    parameter). The counts are the unit's stored ones, so no COUNT per section."""
    counts = trend_counts(saringan, jenis, saringan.outlook())
    sections = []
    size = PER_HALAMAN if kelas else PER_HALAMAN_RINGKAS
    for chosen in (kelas,) if kelas else KELAS_UTAMA:
        found = saringan.profiles().filter(**{_trend_field(jenis): chosen.value})
        param = halaman_param(chosen)
        page = _page(_by_name(found), halaman.get(param), size=size, count=counts[chosen])
        rows = [trend_row(p, jenis) for p in page.object_list]
        sections.append(BagianTren(chosen, page.paginator.count, page, rows, param))
    return DaftarTren(jenis, kelas, counts, sections)


def trend_rows_all(saringan: Saringan, *, jenis: str, kelas: Tren | None) -> Iterator[BarisTren]:
    """Every employee of the class (else naik, stagnan and turun), class by class, for the
    export (one streamed query)."""
    chosen = [kelas] if kelas else list(KELAS_UTAMA)
    found = saringan.profiles().filter(**{f"{_trend_field(jenis)}__in": [k.value for k in chosen]})
    rows = [trend_row(p, jenis, chart=False) for p in _by_name(found).iterator(chunk_size=2000)]
    order = {k: i for i, k in enumerate(chosen)}
    yield from sorted(rows, key=lambda row: order[row.tren])


# --- Which forecast is used ------------------------------------------------------------------


def candidate_label(pengkondisian: str) -> str:
    if pengkondisian == model_rules.BUKTI:
        return _("Predikat dan kondisi bukti dukung")
    return _("Predikat saja")


def model_verdict(uji_balik: Mapping[str, Any]) -> str:
    """Whether the projections use the model or the naive forecast, and why."""
    if not uji_balik:
        return _("Belum ada uji balik: proyeksi memakai predikat terakhir.")
    chosen = next(
        (k for k in uji_balik.get("kandidat", []) if k["pengkondisian"] == uji_balik["terpilih"]),
        {"jumlah": 0, "benar_model": 0, "benar_naif": 0},
    )
    values = {
        "jumlah": chosen["jumlah"],
        "model": chosen["benar_model"],
        "naif": chosen["benar_naif"],
        "akurasi_model": percent_of(chosen["benar_model"], chosen["jumlah"]),
        "akurasi_naif": percent_of(chosen["benar_naif"], chosen["jumlah"]),
        "minimum": uji_balik.get("minimum_uji", model_rules.MINIMUM_UJI),
    }
    if uji_balik.get("dipakai"):
        return (
            _(
                "Model dipakai karena lebih tepat daripada perkiraan naif: pada uji balik "
                "%(model)s dari %(jumlah)s perkiraan model benar (%(akurasi_model)s), perkiraan "
                "naif %(naif)s (%(akurasi_naif)s)."
            )
            % values
        )
    if values["jumlah"] < values["minimum"]:
        return (
            _(
                "Model tidak dipakai: uji balik baru mencakup %(jumlah)s perkiraan, kurang dari "
                "%(minimum)s; proyeksi memakai predikat terakhir."
            )
            % values
        )
    return (
        _(
            "Model tidak dipakai: tidak lebih tepat daripada perkiraan naif (%(model)s dari "
            "%(jumlah)s perkiraan benar, %(akurasi_model)s; perkiraan naif %(naif)s, "
            "%(akurasi_naif)s); proyeksi memakai predikat terakhir."
        )
        % values
    )


# --- Projection -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisDistribusi:
    predikat: Predikat
    aktual: int
    harapan: Decimal
    rentang: tuple[int, int]

    @property
    def harapan_teks(self) -> str:
        return format_number(self.harapan, 2)


@dataclass
class DistribusiProyeksi:
    """A unit's (or team's) projected distribution for the period after `periode_dasar`, next
    to its actual distribution in that period."""

    periode_dasar: Periode
    anggota: int
    tanpa_proyeksi: int
    baris: list[BarisDistribusi]
    grafik_harapan: grafik.DiagramBatang
    grafik_aktual: grafik.DiagramBatang

    @property
    def total_aktual(self) -> int:
        return sum(row.aktual for row in self.baris)


def _distribution(
    periode: Periode,
    expected: model_rules.DistribusiHarapan,
    actual: Mapping[str, int],
    members: int,
) -> DistribusiProyeksi:
    rows = []
    for p in PREDIKAT_ORDER:
        low, high = expected.rentang[p]
        rows.append(
            BarisDistribusi(p, int(actual.get(p.value, 0)), expected.harapan[p], (low, high))
        )
    expected_chart = grafik.bar_chart(
        [(str(r.predikat.label), r.harapan, r.harapan_teks) for r in rows],
        ranges=[r.rentang for r in rows],
    )
    actual_chart = grafik.bar_chart(
        [(str(r.predikat.label), r.aktual, str(r.aktual)) for r in rows]
    )
    return DistribusiProyeksi(
        periode, expected.anggota, members - expected.anggota, rows, expected_chart, actual_chart
    )


def _stored_expected(outlook: ProyeksiUnit) -> model_rules.DistribusiHarapan:
    ranges = {}
    for p in PREDIKAT_ORDER:
        low, high = outlook.rentang.get(p.value, (0, 0))
        ranges[p] = (int(low), int(high))
    expected = {p: Decimal(outlook.harapan.get(p.value, "0")) for p in PREDIKAT_ORDER}
    return model_rules.DistribusiHarapan(outlook.anggota, expected, ranges)


def _peluang(stored: Mapping[str, str]) -> dict[Predikat, Decimal]:
    return {Predikat(k): Decimal(v) for k, v in stored.items()}


def _unit_distribution(saringan: Saringan, unit: Unit) -> DistribusiProyeksi | None:
    outlook = saringan.outlook()
    if outlook is None:
        return None
    summary = baca.unit_summary(unit, outlook.periode_dasar, saringan.jenis_jabatan)
    actual = (summary.jumlah if summary else {}).get("predikat", {})
    members = sum(outlook.tren.values())
    return _distribution(outlook.periode_dasar, _stored_expected(outlook), actual, members)


def _team_distribution(saringan: Saringan) -> DistribusiProyeksi | None:
    base = ProyeksiUnit.objects.select_related("periode_dasar__tahun").order_by("pk").first()
    if base is None:
        return None
    periode = base.periode_dasar
    team = saringan.profiles().order_by("pk").values_list("peluang", "seri_periodik")
    rows = list(team[:TIM_MAKSIMUM])
    expected = model_rules.distribution_expected(_peluang(p) for p, _s in rows if p)
    actual: dict[str, int] = {}
    for _p, seri in rows:
        for point in seri:
            if point["periode_id"] == periode.pk:
                actual[point["predikat"]] = actual.get(point["predikat"], 0) + 1
    return _distribution(periode, expected, actual, len(rows))


def projected_distribution(saringan: Saringan) -> DistribusiProyeksi | None:
    """The unit's stored projection next to its summary of the base period (2 queries); for a
    team, its members' probabilities summed (`rules.proyeksi.distribution_expected`, at most
    TIM_MAKSIMUM members) next to their predikat in the agency's base period (2 queries). None
    before any periodic predikat."""
    if saringan.cakupan.unit is not None:
        return _unit_distribution(saringan, saringan.cakupan.unit)
    return _team_distribution(saringan)


@dataclass(frozen=True)
class BarisProyeksi:
    profil: ProfilPegawai
    terakhir: Predikat
    dasar: str
    proyeksi: Predikat
    peluang: str
    risiko: str
    semua: list[tuple[Predikat, str]]
    observasi: int
    alasan: list[str]
    prediksi: model_rules.Prediksi

    @property
    def pegawai(self) -> Pegawai:
        return self.profil.pegawai


def projection_row(profil: ProfilPegawai) -> BarisProyeksi:
    stored = profil.proyeksi_dasar
    prediksi = model_rules.prediction_from_json(stored)
    return BarisProyeksi(
        profil=profil,
        terakhir=prediksi.asal,
        dasar=str(stored.get("dasar", "")),
        proyeksi=prediksi.terpilih,
        peluang=model_rules.percent(prediksi.peluang[prediksi.terpilih]),
        risiko=model_rules.percent(prediksi.risiko),
        semua=[(p, model_rules.percent(prediksi.peluang[p])) for p in PREDIKAT_ORDER],
        observasi=prediksi.observasi,
        alasan=model_rules.explain(prediksi, dipakai=bool(stored.get("dipakai"))),
        prediksi=prediksi,
    )


def _projected(saringan: Saringan) -> QuerySet[ProfilPegawai]:
    return saringan.profiles().exclude(proyeksi="")


@dataclass
class DaftarProyeksi:
    distribusi: DistribusiProyeksi | None
    halaman: Page
    baris: list[BarisProyeksi]


def projection_list(saringan: Saringan, *, halaman: Any) -> DaftarProyeksi:
    """The projected distribution and a page of the projected employees by name."""
    distribution = projected_distribution(saringan)
    known = distribution.anggota if distribution is not None else None
    page = _page(_by_name(_projected(saringan)), halaman, count=known)
    return DaftarProyeksi(distribution, page, [projection_row(p) for p in page.object_list])


def projection_rows_all(saringan: Saringan) -> Iterator[BarisProyeksi]:
    for profil in _by_name(_projected(saringan)).iterator(chunk_size=2000):
        yield projection_row(profil)


# --- Backtest ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisUji:
    label: str
    jumlah: int
    benar_model: int
    benar_naif: int

    @property
    def akurasi_model(self) -> str:
        return percent_of(self.benar_model, self.jumlah)

    @property
    def akurasi_naif(self) -> str:
        return percent_of(self.benar_naif, self.jumlah)


@dataclass(frozen=True)
class Kandidat:
    pengkondisian: str
    label: str
    terpilih: bool
    periode: list[BarisUji]
    total: BarisUji


@dataclass(frozen=True)
class PasanganBatang:
    """One period of the accuracy chart: the model's bar and the naive forecast's side by
    side."""

    label: str
    model: grafik.Batang
    naif: grafik.Batang
    label_x: int


@dataclass(frozen=True)
class DiagramAkurasi:
    lebar: int
    tinggi: int
    dasar: int
    pasangan: tuple[PasanganBatang, ...]

    @property
    def kosong(self) -> bool:
        return not self.pasangan


def _accuracy(part: int, whole: int) -> Decimal:
    return Decimal(0) if not whole else Decimal(part) * 100 / Decimal(whole)


def accuracy_chart(rows: list[BarisUji]) -> DiagramAkurasi:
    """Accuracy per period, model and naive forecast side by side, on a 0–100% scale: each
    period's bar of `rules.grafik.bar_chart` split in two."""
    full = [(0, 100)] * len(rows)
    model = grafik.bar_chart(
        [(r.label, _accuracy(r.benar_model, r.jumlah), r.akurasi_model) for r in rows],
        ranges=full,
    )
    naive = grafik.bar_chart(
        [(r.label, _accuracy(r.benar_naif, r.jumlah), r.akurasi_naif) for r in rows],
        ranges=full,
    )
    pairs = []
    for row, left, right in zip(rows, model.batang, naive.batang, strict=True):
        half = left.lebar // 2
        pairs.append(
            PasanganBatang(
                row.label,
                grafik.Batang(left.x, left.y, half, left.tinggi, left.label, left.nilai),
                grafik.Batang(
                    left.x + half,
                    right.y,
                    left.lebar - half,
                    right.tinggi,
                    right.label,
                    right.nilai,
                ),
                left.x,
            )
        )
    return DiagramAkurasi(model.lebar, model.tinggi, model.dasar, tuple(pairs))


@dataclass(frozen=True)
class SelTransisi:
    jumlah: int
    persen: str


@dataclass(frozen=True)
class BarisTransisi:
    asal: Predikat
    sel: list[SelTransisi]
    total: int


@dataclass(frozen=True)
class TabelTransisi:
    """Observed transitions: from-predikat rows × to-predikat columns, counts and row
    percentages."""

    judul: str
    baris: list[BarisTransisi]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.baris)


def transition_table(judul: str, counts: Mapping[str, Mapping[str, int]]) -> TabelTransisi:
    rows = []
    for asal in PREDIKAT_ORDER:
        found = counts.get(asal.value, {})
        total = sum(int(n) for n in found.values())
        cells = [
            SelTransisi(int(found.get(p.value, 0)), percent_of(int(found.get(p.value, 0)), total))
            for p in PREDIKAT_ORDER
        ]
        rows.append(BarisTransisi(asal, cells, total))
    return TabelTransisi(judul, rows)


@dataclass
class UjiBalikModel:
    pembaruan: Pembaruan
    kandidat: list[Kandidat]
    terpilih: str
    dipakai: bool
    minimum: int
    kesimpulan: str
    grafik: DiagramAkurasi
    transisi: list[TabelTransisi] = field(default_factory=list)
    langkah: int = 0

    @property
    def terpilih_label(self) -> str:
        return candidate_label(self.terpilih)


def backtest_report(pembaruan: Pembaruan) -> UjiBalikModel:
    """The backtest of the last refresh per candidate and period, the verdict, the accuracy
    chart of the chosen candidate and the chosen model's transition tables (no query)."""
    data = pembaruan.uji_balik or {}
    chosen = str(data.get("terpilih", model_rules.TANPA))
    candidates = []
    for item in data.get("kandidat", []):
        periods = [
            BarisUji(str(p["label"]), p["jumlah"], p["benar_model"], p["benar_naif"])
            for p in item.get("periode", [])
        ]
        total = BarisUji(_("Jumlah"), item["jumlah"], item["benar_model"], item["benar_naif"])
        candidates.append(
            Kandidat(
                item["pengkondisian"],
                candidate_label(item["pengkondisian"]),
                item["pengkondisian"] == chosen,
                periods,
                total,
            )
        )
    best = next((k for k in candidates if k.terpilih), None)
    model = pembaruan.model or {}
    tables = [transition_table(_("Semua perpindahan"), model.get("baris", {}))]
    if model.get("pengkondisian") == model_rules.BUKTI:
        for kondisi in (model_rules.KONDISI_BAIK, model_rules.KONDISI_LEMAH):
            cells = {
                key.split("|", 1)[0]: value
                for key, value in model.get("sel", {}).items()
                if key.endswith(f"|{kondisi}")
            }
            title = _("Bukti dukung %(kondisi)s") % {
                "kondisi": model_rules.condition_label(kondisi).lower()
            }
            tables.append(transition_table(title, cells))
    return UjiBalikModel(
        pembaruan=pembaruan,
        kandidat=candidates,
        terpilih=chosen,
        dipakai=bool(data.get("dipakai")),
        minimum=int(data.get("minimum_uji", model_rules.MINIMUM_UJI)),
        kesimpulan=model_verdict(data),
        grafik=accuracy_chart(best.periode if best else []),
        transisi=tables,
        langkah=int(model.get("langkah", 0)),
    )


# --- Early warning ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BarisPeringatan:
    profil: ProfilPegawai
    alasan: list[str]
    terakhir: Predikat | None
    terakhir_label: str
    proyeksi: Predikat | None
    peluang: str
    risiko: str
    boleh_rencana: bool

    @property
    def pegawai(self) -> Pegawai:
        return self.profil.pegawai


def warning_row(
    profil: ProfilPegawai, may_plan: Callable[[Pegawai], bool] | None = None
) -> BarisPeringatan:
    last = profil.seri_periodik[-1] if profil.seri_periodik else None
    proyeksi = Predikat(profil.proyeksi) if profil.proyeksi else None
    chance = profil.peluang.get(profil.proyeksi) if proyeksi else None
    return BarisPeringatan(
        profil=profil,
        alasan=warning_rules.reasons_text(profil.alasan_peringatan),
        terakhir=Predikat(last["predikat"]) if last else None,
        terakhir_label=str(last["label"]) if last else "",
        proyeksi=proyeksi,
        peluang=model_rules.percent(Decimal(chance)) if chance is not None else KOSONG,
        risiko=model_rules.percent(profil.risiko) if profil.risiko is not None else KOSONG,
        boleh_rencana=bool(may_plan and may_plan(profil.pegawai)),
    )


def _warned(saringan: Saringan) -> QuerySet[ProfilPegawai]:
    return (
        saringan.profiles()
        .filter(peringatan=True)
        .select_related("pegawai__unit", "unit", "penilai")
        .order_by(RISIKO_URUT.desc(), "nama", "pegawai_id")
    )


@dataclass
class DaftarPeringatan:
    halaman: Page
    baris: list[BarisPeringatan]


def warning_list(
    saringan: Saringan, *, halaman: Any, may_plan: Callable[[Pegawai], bool] | None = None
) -> DaftarPeringatan:
    """A page of the warned employees, the riskiest first, then by name; `may_plan` tells
    whether the user may start an improvement plan for an employee. A unit's count is its
    stored one (no COUNT over the subtree)."""
    outlook = saringan.outlook()
    known = outlook.peringatan if outlook is not None else None
    page = _page(_warned(saringan), halaman, count=known)
    return DaftarPeringatan(page, [warning_row(p, may_plan) for p in page.object_list])


def warning_rows_all(saringan: Saringan) -> Iterator[BarisPeringatan]:
    for profil in _warned(saringan).iterator(chunk_size=2000):
        yield warning_row(profil)
