"""Early warning: each signal, the thresholds (the model's risk from 0.5; two signals), the
reasons in words; and the signals the refresh reads from the current period's report."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from kinerja.aturan.enums import PREDIKAT_ORDER, Rating
from kinerja.pemantauan.models import ProfilPegawai
from kinerja.pemantauan.rules.peringatan import (
    AMBANG_RISIKO,
    BUKTI_DITOLAK,
    BUKTI_KURANG,
    LAPORAN_DIKEMBALIKAN,
    MINIMUM_SINYAL,
    PREDIKAT_RENDAH,
    RATING_TURUN,
    RISIKO,
    Alasan,
    reason_text,
    reasons_text,
    signals,
    warning_of,
)
from kinerja.pemantauan.rules.proyeksi import Bukti, Prediksi
from kinerja.pemantauan.tests.factories import history, refresh
from kinerja.periode.models import Periode
from kinerja.realisasi.models import BuktiDukung, Laporan, RiwayatLaporan
from kinerja.skp.models import Rhk, Skp

SB, B, BP, K, SK = PREDIKAT_ORDER
ATAS, SESUAI, BAWAH = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
D = Decimal


def test_thresholds():
    assert (D("0.5"), 2) == (AMBANG_RISIKO, MINIMUM_SINYAL)


def _signals(terakhir=None, rating_hasil=(), bukti=None):
    return signals(
        terakhir=terakhir, rating_hasil=list(rating_hasil), bukti=bukti, periode_bukti="TW4 2025"
    )


def _codes(found):
    return [a.kode for a in found]


@pytest.mark.parametrize(
    ("terakhir", "warned"),
    [(SB, False), (B, False), (BP, True), (K, True), (SK, True), (None, False)],
)
def test_low_latest_predikat(terakhir, warned):
    found = _signals(terakhir=terakhir)
    if warned:
        assert found == [Alasan(PREDIKAT_RENDAH, {"predikat": terakhir.value})]
    else:
        assert found == []


@pytest.mark.parametrize(
    ("ratings", "fell"),
    [
        ((SESUAI, BAWAH), True),
        ((ATAS, SESUAI), True),
        ((ATAS, BAWAH), True),
        ((BAWAH, SESUAI), False),
        ((SESUAI, SESUAI), False),
        ((BAWAH, BAWAH), False),
        ((BAWAH,), False),
        ((), False),
    ],
)
def test_result_rating_falling(ratings, fell):
    found = _signals(rating_hasil=ratings)
    if fell:
        assert found == [Alasan(RATING_TURUN, {"dari": ratings[-2].value, "ke": ratings[-1].value})]
    else:
        assert found == []


@pytest.mark.parametrize(
    ("bukti", "expected"),
    [
        (None, []),
        (Bukti(), []),
        (Bukti(total=3, ditolak=1), []),
        (Bukti(total=4, ditolak=1, perlu_perbaikan=1), [(BUKTI_DITOLAK, 2, 4)]),
        (Bukti(total=2, perlu_perbaikan=1), [(BUKTI_DITOLAK, 1, 2)]),
        (Bukti(total=5, ditolak=2), []),
        (Bukti(total=1, rhk_tanpa_bukti=2), [(BUKTI_KURANG, 2)]),
        (Bukti(total=3, dikembalikan=1), [(LAPORAN_DIKEMBALIKAN, 1)]),
    ],
)
def test_evidence_signals(bukti, expected):
    found = _signals(bukti=bukti)
    wanted = []
    for item in expected:
        if item[0] == BUKTI_DITOLAK:
            values = {"jumlah": item[1], "total": item[2], "periode": "TW4 2025"}
        else:
            values = {"jumlah": item[1], "periode": "TW4 2025"}
        wanted.append(Alasan(item[0], values))
    assert found == wanted


def test_every_signal_in_order():
    found = _signals(
        terakhir=BP,
        rating_hasil=(SESUAI, BAWAH),
        bukti=Bukti(total=2, ditolak=2, dikembalikan=3, rhk_tanpa_bukti=1),
    )
    assert _codes(found) == [
        PREDIKAT_RENDAH,
        RATING_TURUN,
        BUKTI_KURANG,
        BUKTI_DITOLAK,
        LAPORAN_DIKEMBALIKAN,
    ]
    assert [a.to_json() for a in found] == [
        {"kode": "PREDIKAT_RENDAH", "nilai": {"predikat": "BUTUH_PERBAIKAN"}},
        {"kode": "RATING_TURUN", "nilai": {"dari": "SESUAI", "ke": "DI_BAWAH"}},
        {"kode": "BUKTI_KURANG", "nilai": {"jumlah": 1, "periode": "TW4 2025"}},
        {"kode": "BUKTI_DITOLAK", "nilai": {"jumlah": 2, "total": 2, "periode": "TW4 2025"}},
        {"kode": "LAPORAN_DIKEMBALIKAN", "nilai": {"jumlah": 3, "periode": "TW4 2025"}},
    ]


def _prediksi(risiko: str, sumber: str = "SEL") -> Prediksi:
    """A projection with `risiko` on Butuh Perbaikan and the rest on Baik."""
    peluang = {p: D(0) for p in PREDIKAT_ORDER}
    peluang[BP] = D(risiko)
    peluang[B] = 1 - D(risiko)
    return Prediksi(peluang, B, sumber, 40, B, "BAIK")


def test_risk_exactly_at_the_threshold_warns():
    warning = warning_of(_prediksi("0.5000"), [], dipakai=True)
    assert warning.aktif is True
    assert warning.alasan == (Alasan(RISIKO, {"peluang": "0.5000"}),)


def test_risk_just_below_the_threshold_does_not():
    warning = warning_of(_prediksi("0.4999"), [], dipakai=True)
    assert (warning.aktif, warning.alasan) == (False, ())


def test_risk_sums_every_low_predikat():
    peluang = {SB: D("0.2"), B: D("0.3"), BP: D("0.2"), K: D("0.2"), SK: D("0.1")}
    prediksi = Prediksi(peluang, B, "BARIS", 12, B, "LEMAH")
    assert prediksi.risiko == D("0.5")
    warning = warning_of(prediksi, [], dipakai=True)
    assert warning.alasan == (Alasan(RISIKO, {"peluang": "0.5"}),)


@pytest.mark.parametrize(
    ("prediksi", "dipakai"),
    [
        (_prediksi("0.9"), False),  # the model is not used
        (_prediksi("0.9", sumber="NAIF"), True),  # too little history: the naive forecast
        (None, True),  # no assessment at all
    ],
)
def test_no_risk_warning_without_a_used_model(prediksi, dipakai):
    warning = warning_of(prediksi, [], dipakai=dipakai)
    assert (warning.aktif, warning.alasan) == (False, ())


def test_two_signals_warn_one_does_not():
    low = Alasan(PREDIKAT_RENDAH, {"predikat": "KURANG"})
    fell = Alasan(RATING_TURUN, {"dari": "SESUAI", "ke": "DI_BAWAH"})
    one = warning_of(_prediksi("0.1"), [low], dipakai=True)
    assert (one.aktif, one.alasan) == (False, (low,))
    two = warning_of(_prediksi("0.1"), [low, fell], dipakai=True)
    assert (two.aktif, two.alasan) == (True, (low, fell))
    # signals count whatever the model
    assert warning_of(None, [low, fell], dipakai=False).aktif is True
    assert warning_of(_prediksi("0.9"), [low], dipakai=False).aktif is False
    # the risk reason comes first
    both = warning_of(_prediksi("0.75"), [low], dipakai=True)
    assert (both.aktif, [a.kode for a in both.alasan]) == (True, [RISIKO, PREDIKAT_RENDAH])


def test_reasons_in_words():
    stored = [
        {"kode": "RISIKO", "nilai": {"peluang": "0.5"}},
        {"kode": "RISIKO", "nilai": {"peluang": "0.9919"}},
        {"kode": "PREDIKAT_RENDAH", "nilai": {"predikat": "BUTUH_PERBAIKAN"}},
        {"kode": "PREDIKAT_RENDAH", "nilai": {"predikat": "KURANG"}},
        {"kode": "RATING_TURUN", "nilai": {"dari": "DI_ATAS", "ke": "SESUAI"}},
        {"kode": "BUKTI_KURANG", "nilai": {"jumlah": 2, "periode": "TW4 2025"}},
        {"kode": "BUKTI_DITOLAK", "nilai": {"jumlah": 2, "total": 4, "periode": "TW4 2025"}},
        {"kode": "LAPORAN_DIKEMBALIKAN", "nilai": {"jumlah": 1, "periode": "TW4 2025"}},
        {"kode": "LAIN"},
    ]
    assert reasons_text(stored) == [
        "Peluang Butuh Perbaikan atau lebih rendah pada periode berikutnya 50,0%.",
        "Peluang Butuh Perbaikan atau lebih rendah pada periode berikutnya 99,2%.",
        "Predikat terakhir Butuh Perbaikan.",
        "Predikat terakhir Kurang/Misconduct.",
        "Rating hasil kerja turun dari Di Atas Ekspektasi ke Sesuai Ekspektasi.",
        "2 RHK belum memiliki bukti dukung pada TW4 2025.",
        "2 dari 4 bukti dukung TW4 2025 ditolak atau perlu perbaikan.",
        "Laporan realisasi TW4 2025 dikembalikan 1 kali.",
        "LAIN",
    ]
    assert reason_text(RATING_TURUN, {"dari": "SESUAI", "ke": "DI_BAWAH"}) == (
        "Rating hasil kerja turun dari Sesuai Ekspektasi ke Di Bawah Ekspektasi."
    )
    assert reasons_text([]) == []


# --- Through the refresh: the current period's report ----------------------------------------


@pytest.mark.django_db
def test_refresh_reads_the_current_report(agency):
    """The appraisee, Baik in every quarter of 2025, has a TW4 report (the current period: the
    latest that has begun) with two RHK: one with 1 rejected and 1 accepted item, one without
    evidence; the report was returned twice. Three evidence signals: warned."""
    history(agency.pegawai, 2025, [B, B, B, B])
    skp = Skp.objects.create(pegawai=agency.pegawai, tahun=2025, status="DISETUJUI")
    first = Rhk.objects.create(skp=skp, kode="1", uraian="Laporan")
    Rhk.objects.create(skp=skp, kode="2", uraian="Kegiatan")
    tw4 = Periode.objects.get(tahun__tahun=2025, kode="TW4")
    laporan = Laporan.objects.create(skp=skp, periode=tw4, status="DIAJUKAN")
    for n, status in enumerate(("DITOLAK", "DITERIMA")):
        BuktiDukung.objects.create(
            laporan=laporan,
            rhk=first,
            jenis="TAUTAN",
            uraian="Tautan",
            tautan=f"https://drive.example.go.id/{n}",
            status=status,
            diunggah_pada=timezone.now(),
        )
    for putaran in (1, 2):
        RiwayatLaporan.objects.create(
            laporan=laporan,
            putaran=putaran,
            aksi="KEMBALIKAN",
            status="PERLU_PERBAIKAN",
            oleh_label="tes",
        )
    # an older return does not count for the current period
    tw3 = Periode.objects.get(tahun__tahun=2025, kode="TW3")
    older = Laporan.objects.create(skp=skp, periode=tw3, status="SELESAI")
    RiwayatLaporan.objects.create(
        laporan=older, putaran=1, aksi="KEMBALIKAN", status="PERLU_PERBAIKAN", oleh_label="tes"
    )
    refresh()
    profile = ProfilPegawai.objects.get(pegawai=agency.pegawai)
    assert profile.peringatan is True
    assert profile.alasan_peringatan == [
        {"kode": "BUKTI_KURANG", "nilai": {"jumlah": 1, "periode": "TW4 2025"}},
        {"kode": "BUKTI_DITOLAK", "nilai": {"jumlah": 1, "total": 2, "periode": "TW4 2025"}},
        {"kode": "LAPORAN_DIKEMBALIKAN", "nilai": {"jumlah": 2, "periode": "TW4 2025"}},
    ]
    assert reasons_text(profile.alasan_peringatan) == [
        "1 RHK belum memiliki bukti dukung pada TW4 2025.",
        "1 dari 2 bukti dukung TW4 2025 ditolak atau perlu perbaikan.",
        "Laporan realisasi TW4 2025 dikembalikan 2 kali.",
    ]
    # the projection is naive (too little history) and rests on the weak TW4 evidence
    assert (profile.proyeksi_dasar["kondisi"], profile.proyeksi_dasar["sumber"]) == (
        "LEMAH",
        "NAIF",
    )


@pytest.mark.django_db
def test_the_naive_forecast_at_a_low_predikat_warns(agency):
    """Too little history for the model: the naive forecast keeps Kurang, so a single signal
    (the low predikat) is enough to warn; a Baik employee with one signal is not warned."""
    history(agency.pegawai, 2025, [B, B, B, BP])  # low latest predikat; rating Sesuai->Di Bawah
    history(agency.outsider, 2025, [B, B, B, K])  # Kurang: Sesuai -> Sesuai, one signal only
    history(agency.penilai, 2025, [SB, SB, B, B])  # no signal at all
    refresh()
    pegawai = ProfilPegawai.objects.get(pegawai=agency.pegawai)
    assert (pegawai.peringatan, [a["kode"] for a in pegawai.alasan_peringatan]) == (
        True,
        [PREDIKAT_RENDAH, RATING_TURUN],
    )
    outsider = ProfilPegawai.objects.get(pegawai=agency.outsider)
    assert (outsider.peringatan, outsider.alasan_peringatan) == (
        True,
        [{"kode": "PREDIKAT_RENDAH", "nilai": {"predikat": "KURANG"}}],
    )
    penilai = ProfilPegawai.objects.get(pegawai=agency.penilai)
    assert (penilai.peringatan, penilai.alasan_peringatan) == (False, [])
