"""The projection model: evidence conditions, smoothing, back-off, the backtest against the
naive forecast "same as last period", the choice of the model and whether it is used, the
explanations, the projected distribution of a group.

The backtest runs on a generated history with a known structure: 60 employees over 8 consecutive
quarters (2024 TW1 .. 2025 TW4) where an employee whose report of a quarter has weak evidence (no
report, or most of its evidence rejected) drops one level the next quarter, and one with strong
evidence rises one level up to Baik (or stays). The model must recover the structure and beat the
baseline; on a stable or structureless history it must not be used. Once as pure `Langkah`
lists, once end to end (rows written, refresh run, stored figures read).
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from kinerja.aturan.enums import PREDIKAT_ORDER, Predikat
from kinerja.aturan.tests.factories import default_version
from kinerja.organisasi.models import Jabatan
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory
from kinerja.pemantauan.models import Pembaruan, ProfilPegawai, ProyeksiUnit, StatusPembaruan
from kinerja.pemantauan.rules import peringatan
from kinerja.pemantauan.rules.proyeksi import (
    BUKTI,
    KONDISI_BAIK,
    KONDISI_LEMAH,
    TANPA,
    Akumulasi,
    Bukti,
    Langkah,
    ModelTransisi,
    Prediksi,
    backtest,
    condition_label,
    condition_of,
    distribution_expected,
    explain,
    model_choose,
    model_estimate,
    model_predict,
    percent,
    prediction_from_json,
    project,
)
from kinerja.pemantauan.tests.factories import periods_open, refresh
from kinerja.penilaian import rules as penilaian_rules
from kinerja.penilaian.models import Penilaian
from kinerja.periode.models import Periode
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.skp.models import Rhk, Skp

SB, B, BP, K, SK = PREDIKAT_ORDER
D = Decimal
LEMAH, BAIK = KONDISI_LEMAH, KONDISI_BAIK

# --- The generated history -------------------------------------------------------------------

QUARTERS = [(tahun, kode) for tahun in (2024, 2025) for kode in ("TW1", "TW2", "TW3", "TW4")]
LABELS = [f"{kode} {tahun}" for tahun, kode in QUARTERS]
NONE, REJECTED, GOOD = "tanpa laporan", "sebagian besar ditolak", "baik"
STAY, SWING = 30, 30
WEAK_AT_END = 5
"""The first 5 steady employees have no report in the last quarter (their projection drops)."""


def next_predikat(current: Predikat, weak: bool) -> Predikat:
    """The known structure: weak evidence drops one level, strong evidence rises one level up
    to Baik (Baik and Sangat Baik stay)."""
    index = PREDIKAT_ORDER.index(current)
    if weak:
        return PREDIKAT_ORDER[min(index + 1, len(PREDIKAT_ORDER) - 1)]
    return PREDIKAT_ORDER[index - 1] if current.score < B.score else current


@dataclass(frozen=True)
class Orang:
    nama: str
    bukti: tuple[str, ...]  # per quarter: NONE, REJECTED or GOOD
    predikat: tuple[Predikat, ...]


def generated() -> list[Orang]:
    """30 steady employees (always strong evidence: Baik throughout) and 30 swinging ones (weak
    evidence in even quarters, strong in odd ones: Baik, Butuh Perbaikan, Baik, ...)."""
    people = []
    for i in range(STAY + SWING):
        if i < STAY:
            evidence = [GOOD] * 8
            if i < WEAK_AT_END:
                evidence[7] = NONE
        else:
            weak = NONE if i % 2 == 0 else REJECTED
            evidence = [weak if q % 2 == 0 else GOOD for q in range(8)]
        values = [B]
        for q in range(7):
            values.append(next_predikat(values[-1], evidence[q] != GOOD))
        people.append(Orang(f"Pegawai {i:02d}", tuple(evidence), tuple(values)))
    return people


def steps_of(people: list[Orang]) -> list[Langkah]:
    return [
        Langkah(o.predikat[q - 1], LEMAH if o.bukti[q - 1] != GOOD else BAIK, o.predikat[q], q)
        for o in people
        for q in range(1, 8)
    ]


def test_the_generated_structure():
    people = generated()
    steady, swinging = people[0], people[STAY]
    assert steady.predikat == (B,) * 8
    assert swinging.predikat == (B, BP, B, BP, B, BP, B, BP)
    assert swinging.bukti[:3] == (NONE, GOOD, NONE)
    assert people[STAY + 1].bukti[:3] == (REJECTED, GOOD, REJECTED)
    steps = steps_of(people)
    assert len(steps) == 420
    assert Counter((s.asal, s.kondisi, s.tujuan) for s in steps) == {
        (B, BAIK, B): 210,
        (B, LEMAH, BP): 120,
        (BP, BAIK, B): 90,
    }


# Computed by hand (forecasts of periods 2..7 = TW3 2024 .. TW4 2025, 60 each; period 1, TW2 2024,
# has no earlier transitions to learn from):
#   BUKTI: period 2 — the 30 steady right; (Butuh Perbaikan, baik) never seen yet: naive,
#          wrong for the 30 swinging -> 30; periods 3..7: every cell seen -> 60 each.
#          330 of 360.
#   TANPA: the row Baik holds Baik more often than Butuh Perbaikan, so it forecasts Baik:
#          periods of the swinging from Baik (3, 5, 7) -> 30; period 2 -> 30 (row Butuh
#          Perbaikan unseen); periods 4 and 6 (Butuh Perbaikan -> Baik) -> 60. 240 of 360.
#   Naive: the 30 steady each period -> 180 of 360.
BACKTEST_BUKTI = [(2, 60, 30, 30), *((u, 60, 60, 30) for u in range(3, 8))]
BACKTEST_TANPA = [
    (2, 60, 30, 30),
    (3, 60, 30, 30),
    (4, 60, 60, 30),
    (5, 60, 30, 30),
    (6, 60, 60, 30),
    (7, 60, 30, 30),
]


def _rows(test):
    return [(p.urutan, p.jumlah, p.benar_model, p.benar_naif) for p in test.periode]


def test_backtest_recovers_the_structure_and_beats_the_naive_forecast():
    choice = model_choose(steps_of(generated()))
    tanpa, bukti = choice.uji
    assert (tanpa.pengkondisian, bukti.pengkondisian) == (TANPA, BUKTI)
    assert _rows(bukti) == BACKTEST_BUKTI
    assert _rows(tanpa) == BACKTEST_TANPA
    assert (bukti.jumlah, bukti.benar_model, bukti.benar_naif) == (360, 330, 180)
    assert (tanpa.jumlah, tanpa.benar_model, tanpa.benar_naif) == (360, 240, 180)
    assert (choice.terpilih, choice.dipakai) == (BUKTI, True)
    assert choice.uji_terpilih is bukti


def test_the_estimated_counts_are_the_generated_ones():
    model = model_estimate(steps_of(generated()), BUKTI)
    assert model.to_json() == {
        "pengkondisian": BUKTI,
        "baris": {"BAIK": {"BAIK": 210, "BUTUH_PERBAIKAN": 120}, "BUTUH_PERBAIKAN": {"BAIK": 90}},
        "sel": {
            "BAIK|BAIK": {"BAIK": 210},
            "BAIK|LEMAH": {"BUTUH_PERBAIKAN": 120},
            "BUTUH_PERBAIKAN|BAIK": {"BAIK": 90},
        },
    }
    back = ModelTransisi.from_json(model.to_json())
    assert (back.pengkondisian, back.baris, back.sel) == (
        model.pengkondisian,
        model.baris,
        model.sel,
    )
    assert model_estimate(steps_of(generated()), TANPA).to_json()["sel"] == {}


def _peluang(sb, b, bp, k, sk):
    return dict(zip(PREDIKAT_ORDER, (D(sb), D(b), D(bp), D(k), D(sk)), strict=True))


def test_projection_from_the_recovered_model():
    model = model_estimate(steps_of(generated()), BUKTI)
    strong = Bukti(total=1)
    # Baik with strong evidence: (210 + 0.5) / (210 + 5 * 0.5) = 0.9906; others 0.5 / 212.5.
    stays = project(model, B, strong, dipakai=True)
    assert stays.peluang == _peluang("0.0024", "0.9906", "0.0024", "0.0024", "0.0024")
    assert (stays.terpilih, stays.sumber, stays.observasi, stays.kondisi) == (B, "SEL", 210, BAIK)
    assert stays.risiko == D("0.0072")
    # Baik without a report: (120 + 0.5) / 122.5 = 0.9837 for Butuh Perbaikan.
    drops = project(model, B, None, dipakai=True)
    assert drops.peluang == _peluang("0.0041", "0.0041", "0.9837", "0.0041", "0.0041")
    assert (drops.terpilih, drops.sumber, drops.observasi, drops.kondisi) == (
        BP,
        "SEL",
        120,
        LEMAH,
    )
    assert drops.risiko == D("0.9919")
    # Butuh Perbaikan with strong evidence: (90 + 0.5) / 92.5 = 0.9784 for Baik.
    rises = project(model, BP, strong, dipakai=True)
    assert rises.peluang == _peluang("0.0054", "0.9784", "0.0054", "0.0054", "0.0054")
    assert (rises.terpilih, rises.sumber, rises.observasi) == (B, "SEL", 90)
    assert rises.risiko == D("0.0162")
    # Butuh Perbaikan with weak evidence was never seen: back off to the row (90 observations).
    unseen = project(model, BP, Bukti(total=2, ditolak=1), dipakai=True)
    assert (unseen.terpilih, unseen.sumber, unseen.observasi, unseen.kondisi) == (
        B,
        "BARIS",
        90,
        LEMAH,
    )
    assert unseen.peluang == rises.peluang
    # Kurang never seen at all: the naive forecast.
    naive = project(model, K, strong, dipakai=True)
    assert (naive.terpilih, naive.sumber, naive.observasi) == (K, "NAIF", 0)
    assert naive.peluang == _peluang(0, 0, 0, 1, 0)
    # A model that is not used: always the naive forecast.
    assert project(model, B, None, dipakai=False) == Prediksi(
        _peluang(0, 1, 0, 0, 0), B, "NAIF", 0, B, LEMAH
    )
    assert project(None, BP, strong, dipakai=True).sumber == "NAIF"


def test_explanations():
    model = model_estimate(steps_of(generated()), BUKTI)
    assert explain(project(model, B, Bukti(total=1), dipakai=True), dipakai=True) == [
        "Dari 210 perpindahan pegawai instansi dengan predikat Baik dan bukti dukung baik, "
        "99,1% menjadi Baik pada periode berikutnya.",
        "Peluang Butuh Perbaikan atau lebih rendah: 0,7%.",
    ]
    assert explain(project(model, B, None, dipakai=True), dipakai=True) == [
        "Dari 120 perpindahan pegawai instansi dengan predikat Baik dan bukti dukung lemah, "
        "98,4% menjadi Butuh Perbaikan pada periode berikutnya.",
        "Peluang Butuh Perbaikan atau lebih rendah: 99,2%.",
    ]
    assert explain(project(model, BP, None, dipakai=True), dipakai=True) == [
        "Dari 90 perpindahan pegawai instansi dengan predikat Butuh Perbaikan, 97,8% menjadi "
        "Baik pada periode berikutnya.",
        "Peluang Butuh Perbaikan atau lebih rendah: 1,6%.",
    ]
    assert explain(project(model, K, None, dipakai=True), dipakai=True) == [
        "Riwayat instansi dari Kurang/Misconduct terlalu sedikit: proyeksi = predikat terakhir."
    ]
    assert explain(project(model, B, None, dipakai=False), dipakai=False) == [
        "Model belum terbukti lebih tepat daripada perkiraan naif "
        "pada uji balik: proyeksi = predikat "
        "terakhir (Baik)."
    ]


# --- Histories where the model must not be used ----------------------------------------------


def test_a_stable_history_keeps_the_naive_forecast():
    """Everyone stays Baik whatever the evidence: the model is exactly as good as the naive
    forecast (not better), so it is not used, and the projection says so."""
    steps = [
        Langkah(B, LEMAH if (i + q) % 2 else BAIK, B, q) for i in range(30) for q in range(1, 8)
    ]
    choice = model_choose(steps)
    for test in choice.uji:
        assert (test.jumlah, test.benar_model, test.benar_naif) == (180, 180, 180)
    # a tie goes to the simpler model
    assert (choice.terpilih, choice.dipakai) == (TANPA, False)
    prediksi = project(model_estimate(steps, choice.terpilih), B, None, dipakai=choice.dipakai)
    assert (prediksi.sumber, prediksi.terpilih) == ("NAIF", B)
    assert explain(prediksi, dipakai=choice.dipakai) == [
        "Model belum terbukti lebih tepat daripada perkiraan naif "
        "pada uji balik: proyeksi = predikat "
        "terakhir (Baik)."
    ]


def _random_walk(seed: int) -> list[Langkah]:
    """A structureless history: each quarter an employee stays (60%) or moves one level up or
    down (20% each, staying at the ends), whatever the evidence (drawn independently)."""
    draw = random.Random(seed)
    steps = []
    for _i in range(60):
        current = draw.choice(PREDIKAT_ORDER)
        for q in range(1, 8):
            kondisi = draw.choice((LEMAH, BAIK))
            roll = draw.random()
            index = PREDIKAT_ORDER.index(current)
            if roll < 0.2:
                index = max(index - 1, 0)
            elif roll < 0.4:
                index = min(index + 1, len(PREDIKAT_ORDER) - 1)
            after = PREDIKAT_ORDER[index]
            steps.append(Langkah(current, kondisi, after, q))
            current = after
    return steps


@pytest.mark.parametrize(
    ("seed", "tanpa", "bukti", "naif"),
    [(1, 250, 248, 250), (2, 254, 251, 254), (3, 241, 241, 241), (8, 253, 253, 253)],
)
def test_a_random_history_keeps_the_naive_forecast(seed, tanpa, bukti, naif):
    """Staying is the likeliest move from every predikat, so the model at best forecasts what
    the naive forecast does (seeded draws: exact counts)."""
    choice = model_choose(_random_walk(seed))
    assert [(t.pengkondisian, t.jumlah, t.benar_model, t.benar_naif) for t in choice.uji] == [
        (TANPA, 360, tanpa, naif),
        (BUKTI, 360, bukti, naif),
    ]
    assert (choice.terpilih, choice.dipakai) == (TANPA, False)


def test_the_model_needs_twenty_forecasts():
    """Period 1: 5 Baik with weak evidence drop, 5 with strong evidence stay; period 2: n more
    drop. The evidence model forecasts all n, the naive none — used only from n = 20."""
    first = [Langkah(B, LEMAH, BP, 1)] * 5 + [Langkah(B, BAIK, B, 1)] * 5
    for n, used in ((19, False), (20, True)):
        choice = model_choose(first + [Langkah(B, LEMAH, BP, 2)] * n)
        tanpa, bukti = choice.uji
        assert (bukti.jumlah, bukti.benar_model, bukti.benar_naif) == (n, n, 0)
        # row Baik: 5 Baik and 5 Butuh Perbaikan, a tie: staying wins
        assert (tanpa.jumlah, tanpa.benar_model, tanpa.benar_naif) == (n, 0, 0)
        assert (choice.terpilih, choice.dipakai) == (BUKTI, used)


def test_backtest_uses_only_earlier_periods():
    steps = [Langkah(B, BAIK, BP, 1)] * 5 + [Langkah(B, BAIK, B, 2)] * 3
    steps += [Langkah(B, BAIK, B, 3)] * 2
    result = backtest(steps, TANPA)
    # period 2: learnt from period 1 only (all dropped) -> forecasts Butuh Perbaikan: 0 right
    # period 3: learnt from 1 and 2 (5 dropped, 3 stayed) -> still Butuh Perbaikan: 0 right
    assert _rows(result) == [(2, 3, 0, 3), (3, 2, 0, 2)]
    assert backtest([], BUKTI).periode == ()
    assert backtest(steps[:5], BUKTI).periode == ()


# --- Pieces ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bukti", "kondisi"),
    [
        (None, LEMAH),
        (Bukti(), LEMAH),
        (Bukti(total=2, ditolak=1), LEMAH),  # exactly half
        (Bukti(total=3, ditolak=1), BAIK),
        (Bukti(total=3, ditolak=1, perlu_perbaikan=1), LEMAH),
        (Bukti(total=4, perlu_perbaikan=2), LEMAH),
        (Bukti(total=5, dikembalikan=1), LEMAH),
        (Bukti(total=5, rhk_tanpa_bukti=1), LEMAH),
        (Bukti(total=1), BAIK),
    ],
)
def test_condition_of(bukti, kondisi):
    assert condition_of(bukti) == kondisi


def test_condition_label():
    assert (condition_label(LEMAH), condition_label(BAIK)) == ("Lemah", "Baik")


def test_back_off_thresholds():
    """A cell needs 5 observations, a row 5 (else the row, else the naive forecast)."""
    four = [Langkah(B, LEMAH, BP, 1)] * 4 + [Langkah(B, BAIK, B, 1)] * 2
    model = model_estimate(four, BUKTI)
    found = model_predict(model, B, LEMAH)
    # the cell has 4: the row (6 observations: 4 drops, 2 stays) decides
    assert (found.sumber, found.observasi, found.terpilih) == ("BARIS", 6, BP)
    # (4 + 0.5) / (6 + 2.5) = 0.5294; (2 + 0.5) / 8.5 = 0.2941; 0.5 / 8.5 = 0.0588
    assert found.peluang == _peluang("0.0588", "0.2941", "0.5294", "0.0588", "0.0588")
    model = model_estimate([*four, Langkah(B, LEMAH, BP, 1)], BUKTI)
    assert model_predict(model, B, LEMAH).sumber == "SEL"
    small = model_estimate([Langkah(BP, LEMAH, K, 1)] * 4, BUKTI)
    assert model_predict(small, BP, LEMAH).sumber == "NAIF"


def test_ties_stay_then_prefer_the_better_predikat():
    even = [Langkah(BP, BAIK, B, 1)] * 3 + [Langkah(BP, BAIK, BP, 1)] * 3
    assert model_predict(model_estimate(even, TANPA), BP, BAIK).terpilih == BP
    split = [Langkah(BP, BAIK, B, 1)] * 3 + [Langkah(BP, BAIK, K, 1)] * 3
    assert model_predict(model_estimate(split, TANPA), BP, BAIK).terpilih == B


def test_prediction_round_trip():
    model = model_estimate(steps_of(generated()), BUKTI)
    prediksi = project(model, B, None, dipakai=True)
    stored = prediksi.to_json()
    assert stored == {
        "peluang": {
            "SANGAT_BAIK": "0.0041",
            "BAIK": "0.0041",
            "BUTUH_PERBAIKAN": "0.9837",
            "KURANG": "0.0041",
            "SANGAT_KURANG": "0.0041",
        },
        "terpilih": "BUTUH_PERBAIKAN",
        "sumber": "SEL",
        "observasi": 120,
        "asal": "BAIK",
        "kondisi": "LEMAH",
    }
    assert prediction_from_json(stored | {"dipakai": True, "dasar": "TW4 2025"}) == prediksi


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (D("0.9906"), "99,1%"),
        (D("0.625"), "62,5%"),
        (D("0.62"), "62,0%"),
        (D("0.0072"), "0,7%"),
        (D("0.00049"), "0,0%"),
        (D(1), "100,0%"),
    ],
)
def test_percent(value, shown):
    assert percent(value) == shown


def test_distribution_expected():
    """Two members certain of Baik and two at 50/50 between Baik and Butuh Perbaikan: expected
    3 Baik and 1 Butuh Perbaikan; variance 2 * 0.25 = 0.5, spread 1.96 * 0.7071 = 1.386."""
    half = {B: D("0.5"), BP: D("0.5")}
    certain = {B: D(1)}
    found = distribution_expected([certain, certain, half, half])
    assert found.anggota == 4
    assert found.harapan == {SB: D("0.00"), B: D("3.00"), BP: D("1.00"), K: D(0), SK: D(0)}
    assert found.rentang == {SB: (0, 0), B: (1, 4), BP: (0, 3), K: (0, 0), SK: (0, 0)}
    sums = Akumulasi()
    for item in (certain, certain, half, half):
        sums.add(item)
    assert distribution_expected(sums) == found
    nobody = distribution_expected([])
    assert (nobody.anggota, nobody.harapan[B], nobody.rentang[B]) == (0, D(0), (0, 0))


# --- End to end: the generated history written as rows, the refresh run ----------------------


def _write_history(people: list[Orang]) -> list:
    """The employees, their plans (one RHK a year), reports and evidence, and their finalised
    assessments, written in bulk."""
    unit = UnitFactory(kode="UJI", nama="Biro Uji")
    jabatan = Jabatan.objects.create(nama="Analis", jenis_jabatan="PELAKSANA", kelas_jabatan=7)
    periods = {}
    for tahun in (2024, 2025):
        for periode in periods_open(tahun):
            periods[(tahun, periode.kode)] = periode
    employees = [PegawaiFactory(nama=o.nama, unit=unit, jabatan=jabatan) for o in people]
    skp = Skp.objects.bulk_create(
        Skp(pegawai=e, tahun=tahun, status="DISETUJUI") for e in employees for tahun in (2024, 2025)
    )
    rhk = Rhk.objects.bulk_create(Rhk(skp=s, kode="1", uraian="Laporan") for s in skp)
    plan = {(s.pegawai_id, s.tahun): (s, r) for s, r in zip(skp, rhk, strict=True)}
    reports, evidence = [], []
    for employee, orang in zip(employees, people, strict=True):
        for (tahun, kode), kind in zip(QUARTERS, orang.bukti, strict=True):
            if kind == NONE:
                continue
            s, r = plan[(employee.pk, tahun)]
            reports.append(
                (Laporan(skp=s, periode=periods[(tahun, kode)], status="SELESAI"), r, kind)
            )
    saved = Laporan.objects.bulk_create(item[0] for item in reports)
    now = timezone.now()
    for laporan, (_l, r, kind) in zip(saved, reports, strict=True):
        statuses = ["DITERIMA"] if kind == GOOD else ["DITOLAK", "PERLU_PERBAIKAN", "DITERIMA"]
        for n, status in enumerate(statuses):
            evidence.append(
                BuktiDukung(
                    laporan=laporan,
                    rhk=r,
                    jenis="TAUTAN",
                    uraian="Tautan",
                    tautan=f"https://drive.example.go.id/{laporan.pk}/{n}",
                    status=status,
                    diunggah_pada=now,
                )
            )
    BuktiDukung.objects.bulk_create(evidence)
    aturan = default_version()
    quadrant = aturan.aturan().predikat
    assessments = []
    for employee, orang in zip(employees, people, strict=True):
        for (tahun, kode), value in zip(QUARTERS, orang.predikat, strict=True):
            hasil, perilaku = penilaian_rules.ratings_for(quadrant, value)
            assessments.append(
                Penilaian(
                    pegawai=employee,
                    periode=periods[(tahun, kode)],
                    unit=unit,
                    rating_hasil=hasil,
                    rating_perilaku=perilaku,
                    predikat=value.value,
                    set_aturan=aturan,
                    status="FINAL",
                    dinilai_label="tes",
                )
            )
    Penilaian.objects.bulk_create(assessments)
    return employees


def _backtest_json(pengkondisian: str, rows: list[tuple[int, int, int, int]]) -> dict:
    return {
        "pengkondisian": pengkondisian,
        "jumlah": sum(r[1] for r in rows),
        "benar_model": sum(r[2] for r in rows),
        "benar_naif": sum(r[3] for r in rows),
        "periode": [
            {"label": LABELS[u], "jumlah": n, "benar_model": m, "benar_naif": v}
            for u, n, m, v in rows
        ],
    }


@pytest.mark.django_db
def test_refresh_recovers_the_structure_end_to_end():
    people = generated()
    employees = _write_history(people)
    run = refresh()
    assert run.status == StatusPembaruan.SELESAI, run.pesan
    assert run.jumlah_pegawai == 60
    assert run.uji_balik == {
        "terpilih": BUKTI,
        "dipakai": True,
        "minimum_uji": 20,
        "kandidat": [
            _backtest_json(TANPA, BACKTEST_TANPA),
            _backtest_json(BUKTI, BACKTEST_BUKTI),
        ],
    }
    assert run.uji_balik["kandidat"][1]["periode"][0]["label"] == "TW3 2024"
    assert run.model == {
        "pengkondisian": BUKTI,
        "baris": {"BAIK": {"BAIK": 210, "BUTUH_PERBAIKAN": 120}, "BUTUH_PERBAIKAN": {"BAIK": 90}},
        "sel": {
            "BAIK|BAIK": {"BAIK": 210},
            "BAIK|LEMAH": {"BUTUH_PERBAIKAN": 120},
            "BUTUH_PERBAIKAN|BAIK": {"BAIK": 90},
        },
        "dipakai": True,
        "langkah": 420,
    }
    profiles = {p.pegawai_id: p for p in ProfilPegawai.objects.all()}

    steady = profiles[employees[WEAK_AT_END].pk]
    assert (steady.proyeksi, steady.risiko, steady.peringatan) == (B.value, D("0.0072"), False)
    assert steady.peluang == {
        "SANGAT_BAIK": "0.0024",
        "BAIK": "0.9906",
        "BUTUH_PERBAIKAN": "0.0024",
        "KURANG": "0.0024",
        "SANGAT_KURANG": "0.0024",
    }
    assert steady.proyeksi_dasar == {
        "peluang": steady.peluang,
        "terpilih": "BAIK",
        "sumber": "SEL",
        "observasi": 210,
        "asal": "BAIK",
        "kondisi": BAIK,
        "dipakai": True,
        "dasar": "TW4 2025",
    }
    assert steady.alasan_peringatan == []

    # Baik with no report in the last quarter: projected to drop, warned by the model's risk.
    dropping = profiles[employees[0].pk]
    assert (dropping.proyeksi, dropping.risiko, dropping.peringatan) == (
        BP.value,
        D("0.9919"),
        True,
    )
    assert dropping.alasan_peringatan == [{"kode": "RISIKO", "nilai": {"peluang": "0.9919"}}]
    assert peringatan.reasons_text(dropping.alasan_peringatan) == [
        "Peluang Butuh Perbaikan atau lebih rendah pada periode berikutnya 99,2%."
    ]
    assert explain(prediction_from_json(dropping.proyeksi_dasar), dipakai=True)[0] == (
        "Dari 120 perpindahan pegawai instansi dengan predikat Baik dan bukti dukung lemah, "
        "98,4% menjadi Butuh Perbaikan pada periode berikutnya."
    )

    # Swinging, at Butuh Perbaikan with strong evidence: projected back to Baik (low risk), but
    # two signals (the latest predikat, the result rating falling Sesuai -> Di Bawah) warn.
    swinging = profiles[employees[STAY].pk]
    assert (swinging.proyeksi, swinging.risiko, swinging.peringatan) == (
        B.value,
        D("0.0162"),
        True,
    )
    assert swinging.alasan_peringatan == [
        {"kode": "PREDIKAT_RENDAH", "nilai": {"predikat": "BUTUH_PERBAIKAN"}},
        {"kode": "RATING_TURUN", "nilai": {"dari": "SESUAI", "ke": "DI_BAWAH"}},
    ]
    assert Counter(p.proyeksi for p in profiles.values()) == {"BAIK": 55, "BUTUH_PERBAIKAN": 5}
    assert sum(p.peringatan for p in profiles.values()) == 35

    # The unit's projected distribution: 25 steady (0.9906 Baik), 5 dropping (0.9837 Butuh
    # Perbaikan), 30 swinging (0.9784 Baik) — e.g. Baik 24.765 + 0.0205 + 29.352 = 54.1375.
    outlook = ProyeksiUnit.objects.get(unit=employees[0].unit, jenis_jabatan="")
    assert outlook.periode_dasar == Periode.objects.get(tahun__tahun=2025, kode="TW4")
    assert outlook.anggota == 60
    assert outlook.harapan == {
        "SANGAT_BAIK": "0.24",
        "BAIK": "54.14",
        "BUTUH_PERBAIKAN": "5.14",
        "KURANG": "0.24",
        "SANGAT_KURANG": "0.24",
    }
    assert outlook.rentang == {
        "SANGAT_BAIK": [0, 2],
        "BAIK": [52, 56],
        "BUTUH_PERBAIKAN": [4, 7],
        "KURANG": [0, 2],
        "SANGAT_KURANG": [0, 2],
    }
    assert (outlook.tren, outlook.peringatan) == ({"STAGNAN": 60}, 35)
    assert ProyeksiUnit.objects.get(unit=employees[0].unit, jenis_jabatan="PELAKSANA").harapan == (
        outlook.harapan
    )


@pytest.mark.django_db
def test_refresh_on_a_stable_history_does_not_use_the_model():
    people = [Orang(f"Pegawai {i}", (GOOD,) * 8, (B,) * 8) for i in range(4)]
    employees = _write_history(people)
    run = refresh()
    assert (run.uji_balik["terpilih"], run.uji_balik["dipakai"]) == (TANPA, False)
    for kandidat in run.uji_balik["kandidat"]:
        assert (kandidat["jumlah"], kandidat["benar_model"], kandidat["benar_naif"]) == (24, 24, 24)
    profile = ProfilPegawai.objects.get(pegawai=employees[0])
    assert profile.proyeksi_dasar == {
        "peluang": {
            "SANGAT_BAIK": "0",
            "BAIK": "1",
            "BUTUH_PERBAIKAN": "0",
            "KURANG": "0",
            "SANGAT_KURANG": "0",
        },
        "terpilih": "BAIK",
        "sumber": "NAIF",
        "observasi": 0,
        "asal": "BAIK",
        "kondisi": BAIK,
        "dipakai": False,
        "dasar": "TW4 2025",
    }
    assert (profile.proyeksi, profile.risiko, profile.peringatan) == ("BAIK", D(0), False)
    prediksi = prediction_from_json(profile.proyeksi_dasar)
    assert explain(prediksi, dipakai=profile.proyeksi_dasar["dipakai"]) == [
        "Model belum terbukti lebih tepat daripada perkiraan naif "
        "pada uji balik: proyeksi = predikat "
        "terakhir (Baik)."
    ]
    assert Pembaruan.objects.get().model["dipakai"] is False


def test_dates_of_the_generated_quarters_are_in_the_past():
    """The generated quarters have all begun (so the refresh counts them) whatever the day."""
    assert datetime.date(2025, 10, 1) < timezone.localdate()
