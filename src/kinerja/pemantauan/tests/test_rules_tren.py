"""Exact trend classification (naik / turun / stagnan / belum cukup data) with the default rule
set (jendela 3, minimum_titik 2, ambang 1): through `aturan.rules.trend_classify` and through the
profiles the monitoring refresh stores (periodic and annual series, gaps, unit rule sets)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.aturan.enums import Predikat, Tren
from kinerja.aturan.rules import trend_classify
from kinerja.aturan.tests.factories import active_version
from kinerja.aturan.tests.rulesets import BP, SB, SK, B, K, content, default_isi
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.pemantauan.models import ProfilPegawai
from kinerja.pemantauan.tests.factories import history, refresh
from kinerja.periode.models import Periode

D = Decimal
SCORES = "Skor predikat: Sangat Baik 5, Baik 4, Butuh Perbaikan 3, Kurang 2, Sangat Kurang 1."


def test_default_parameters():
    tren = default_isi().tren
    assert (tren.jendela, tren.minimum_titik, tren.ambang) == (3, 2, D(1))


@pytest.mark.parametrize(
    ("series", "trend", "difference", "run", "summary"),
    [
        # naik: Butuh Perbaikan -> Baik -> Sangat Baik: 5 - (3 + 4) / 2 = 1.5
        ([BP, B, SB], Tren.NAIK, D("1.5"), 1, "Tren naik: predikat terakhir Sangat Baik."),
        # exactly the threshold is already naik / turun
        ([BP, B], Tren.NAIK, D(1), 1, "Tren naik: predikat terakhir Baik."),
        ([B, B, SB], Tren.NAIK, D(1), 1, "Tren naik: predikat terakhir Sangat Baik."),
        ([SB, B, BP], Tren.TURUN, D("-1.5"), 1, "Tren turun: predikat terakhir Butuh Perbaikan."),
        ([B, BP], Tren.TURUN, D(-1), 1, "Tren turun: predikat terakhir Butuh Perbaikan."),
        ([BP, BP, K], Tren.TURUN, D(-1), 1, "Tren turun: predikat terakhir Kurang/Misconduct."),
        # below the threshold: stagnan, with how long the latest predikat has held
        ([SB, B, SB], Tren.STAGNAN, D("0.5"), 1, "Stagnan di Sangat Baik selama 1 periode."),
        ([B, BP, BP], Tren.STAGNAN, D("-0.5"), 2, "Stagnan di Butuh Perbaikan selama 2 periode."),
        (
            [B, BP, BP, BP],
            Tren.STAGNAN,
            D(0),
            3,
            "Stagnan di Butuh Perbaikan selama 3 periode.",
        ),
        # only the window of 3 counts for the class; the run counts the whole series
        ([SK, SK, SK, B, B], Tren.NAIK, D("1.5"), 2, "Tren naik: predikat terakhir Baik."),
        ([BP] * 6, Tren.STAGNAN, D(0), 6, "Stagnan di Butuh Perbaikan selama 6 periode."),
    ],
)
def test_classification(series, trend, difference, run, summary):
    result = trend_classify(default_isi(), series)
    assert result.tren == trend
    assert result.selisih == difference
    assert result.terakhir == series[-1]
    assert result.lama_terakhir == run
    assert result.penjelasan.ringkasan == summary


def test_naik_explained_step_by_step():
    result = trend_classify(default_isi(), [BP, B, SB])
    assert result.penjelasan.masukan == (
        ("Rangkaian predikat", "Butuh Perbaikan → Baik → Sangat Baik"),
    )
    assert result.penjelasan.langkah == (
        SCORES,
        "Jendela 3 periode terakhir: Butuh Perbaikan → Baik → Sangat Baik.",
        "Skor terakhir 5 dibandingkan rata-rata sebelumnya 3,50: selisih 1,50.",
        "Ambang naik/turun ±1,00: tren naik.",
    )


@pytest.mark.parametrize(
    ("series", "last", "run"),
    [([B], B, 1), ([], None, 0)],
)
def test_not_enough_data(series, last, run):
    result = trend_classify(default_isi(), series)
    assert (result.tren, result.selisih, result.terakhir, result.lama_terakhir) == (
        Tren.BELUM_CUKUP_DATA,
        None,
        last,
        run,
    )
    summary = "Belum cukup data: perlu paling sedikit 2 predikat."
    assert result.penjelasan.ringkasan == summary
    assert result.penjelasan.langkah == (summary,)


# --- Through the refresh's stored profiles ---------------------------------------------------


def _profile(pegawai) -> ProfilPegawai:
    return ProfilPegawai.objects.get(pegawai=pegawai)


@pytest.mark.django_db
def test_profiles_of_each_class(agency):
    naik, turun, stagnan, single = (
        agency.pegawai,
        agency.penilai,
        agency.outsider,
        PegawaiFactory(unit=agency.bagian),
    )
    history(naik, 2025, [BP, B, SB])
    history(turun, 2025, [SB, B, BP])
    history(stagnan, 2025, [B, BP, BP, BP])
    history(single, 2025, [None, None, None, B])
    refresh()

    profile = _profile(naik)
    periods = {p.kode: p.pk for p in Periode.objects.filter(tahun__tahun=2025)}
    assert profile.seri_periodik == [
        {"periode_id": periods["TW1"], "label": "TW1 2025", "predikat": "BUTUH_PERBAIKAN"},
        {"periode_id": periods["TW2"], "label": "TW2 2025", "predikat": "BAIK"},
        {"periode_id": periods["TW3"], "label": "TW3 2025", "predikat": "SANGAT_BAIK"},
    ]
    assert (profile.tren_periodik, profile.lama_periodik) == (Tren.NAIK.value, 1)
    assert profile.penjelasan_tren["periodik"] == {
        "ringkasan": "Tren naik: predikat terakhir Sangat Baik.",
        "langkah": [
            SCORES,
            "Jendela 3 periode terakhir: Butuh Perbaikan → Baik → Sangat Baik.",
            "Skor terakhir 5 dibandingkan rata-rata sebelumnya 3,50: selisih 1,50.",
            "Ambang naik/turun ±1,00: tren naik.",
        ],
        "selisih": "1.5",
    }

    profile = _profile(turun)
    assert (profile.tren_periodik, profile.lama_periodik) == (Tren.TURUN.value, 1)
    assert profile.penjelasan_tren["periodik"]["ringkasan"] == (
        "Tren turun: predikat terakhir Butuh Perbaikan."
    )
    assert profile.penjelasan_tren["periodik"]["selisih"] == "-1.5"

    profile = _profile(stagnan)
    assert (profile.tren_periodik, profile.lama_periodik) == (Tren.STAGNAN.value, 3)
    assert profile.penjelasan_tren["periodik"]["ringkasan"] == (
        "Stagnan di Butuh Perbaikan selama 3 periode."
    )
    assert profile.penjelasan_tren["periodik"]["selisih"] == "0"
    assert [p["label"] for p in profile.seri_periodik] == [
        "TW1 2025",
        "TW2 2025",
        "TW3 2025",
        "TW4 2025",
    ]

    profile = _profile(single)
    assert (profile.tren_periodik, profile.lama_periodik) == (Tren.BELUM_CUKUP_DATA.value, 1)
    assert profile.penjelasan_tren["periodik"] == {
        "ringkasan": "Belum cukup data: perlu paling sedikit 2 predikat.",
        "langkah": ["Belum cukup data: perlu paling sedikit 2 predikat."],
        "selisih": None,
    }
    assert profile.seri_periodik == [
        {"periode_id": periods["TW4"], "label": "TW4 2025", "predikat": "BAIK"}
    ]
    # No annual assessment anywhere: the annual trend has not enough data either.
    for pegawai in (naik, turun, stagnan, single):
        profile = _profile(pegawai)
        assert (profile.seri_tahunan, profile.tren_tahunan) == ([], Tren.BELUM_CUKUP_DATA.value)
        assert profile.penjelasan_tren["tahunan"]["ringkasan"] == (
            "Belum cukup data: perlu paling sedikit 2 predikat."
        )


@pytest.mark.django_db
def test_employee_without_any_assessment(agency):
    history(agency.pegawai, 2025, [B])
    refresh()
    profile = _profile(agency.outsider)
    assert (profile.seri_periodik, profile.tren_periodik, profile.lama_periodik) == (
        [],
        Tren.BELUM_CUKUP_DATA.value,
        0,
    )
    assert profile.penjelasan_tren["periodik"]["langkah"] == [
        "Belum cukup data: perlu paling sedikit 2 predikat."
    ]
    assert (profile.proyeksi, profile.peluang, profile.proyeksi_dasar, profile.risiko) == (
        "",
        {},
        {},
        None,
    )


@pytest.mark.django_db
def test_a_gap_is_skipped_and_the_series_spans_years(agency):
    """Quarters without an assessment are left out of the series (not a point): TW2 and TW3 2025
    missing, the series Butuh Perbaikan (TW1 2025) → Baik (TW4 2025) → Sangat Baik (TW1 2026)."""
    history(agency.pegawai, 2025, [BP, None, None, B])
    history(agency.pegawai, 2026, [SB])
    refresh()
    profile = _profile(agency.pegawai)
    assert [(p["label"], p["predikat"]) for p in profile.seri_periodik] == [
        ("TW1 2025", "BUTUH_PERBAIKAN"),
        ("TW4 2025", "BAIK"),
        ("TW1 2026", "SANGAT_BAIK"),
    ]
    assert (profile.tren_periodik, profile.lama_periodik) == (Tren.NAIK.value, 1)
    assert profile.penjelasan_tren["periodik"]["langkah"][1] == (
        "Jendela 3 periode terakhir: Butuh Perbaikan → Baik → Sangat Baik."
    )


@pytest.mark.django_db
def test_a_gap_inside_a_stagnant_run(agency):
    """The run counts assessed periods: Butuh Perbaikan in TW1, TW3 and TW4 (TW2 not assessed)
    is "3 periode"."""
    history(agency.pegawai, 2025, [BP, None, BP, BP])
    refresh()
    profile = _profile(agency.pegawai)
    assert (profile.tren_periodik, profile.lama_periodik) == (Tren.STAGNAN.value, 3)
    assert profile.penjelasan_tren["periodik"]["ringkasan"] == (
        "Stagnan di Butuh Perbaikan selama 3 periode."
    )


@pytest.mark.django_db
def test_annual_series_is_classified_separately(agency):
    """Quarters rising while the years fall: each series has its own trend."""
    history(agency.pegawai, 2023, [], annual=SB)
    history(agency.pegawai, 2024, [], annual=B)
    history(agency.pegawai, 2025, [BP, B, SB], annual=BP)
    refresh()
    profile = _profile(agency.pegawai)
    assert [(p["label"], p["predikat"]) for p in profile.seri_tahunan] == [
        ("TAHUNAN 2023", "SANGAT_BAIK"),
        ("TAHUNAN 2024", "BAIK"),
        ("TAHUNAN 2025", "BUTUH_PERBAIKAN"),
    ]
    assert [p["label"] for p in profile.seri_periodik] == ["TW1 2025", "TW2 2025", "TW3 2025"]
    assert (profile.tren_periodik, profile.tren_tahunan) == (Tren.NAIK.value, Tren.TURUN.value)
    # lama_periodik is the periodic run only
    assert profile.lama_periodik == 1
    assert profile.penjelasan_tren["tahunan"] == {
        "ringkasan": "Tren turun: predikat terakhir Butuh Perbaikan.",
        "langkah": [
            SCORES,
            "Jendela 3 periode terakhir: Sangat Baik → Baik → Butuh Perbaikan.",
            "Skor terakhir 3 dibandingkan rata-rata sebelumnya 4,50: selisih -1,50.",
            "Ambang naik/turun ±1,00: tren turun.",
        ],
        "selisih": "-1.5",
    }


@pytest.mark.django_db
def test_annual_stagnant_run(agency):
    history(agency.pegawai, 2024, [], annual=BP)
    history(agency.pegawai, 2025, [], annual=BP)
    refresh()
    profile = _profile(agency.pegawai)
    assert profile.tren_tahunan == Tren.STAGNAN.value
    assert profile.penjelasan_tren["tahunan"]["ringkasan"] == (
        "Stagnan di Butuh Perbaikan selama 2 periode."
    )
    assert profile.tren_periodik == Tren.BELUM_CUKUP_DATA.value
    assert profile.lama_periodik == 0


@pytest.mark.django_db
def test_each_unit_uses_its_own_rule_set(agency):
    """A rule set of Biro Lain with ambang 2: the same series Baik → Sangat Baik is naik in
    Bagian SDM (default ambang 1) but stagnan in Biro Lain."""

    def wider(data):
        data["tren"]["ambang"] = "2"

    active_version(unit=agency.lain, isi=content(wider))
    history(agency.pegawai, 2025, [B, SB])
    history(agency.outsider, 2025, [B, SB])
    refresh()
    assert _profile(agency.pegawai).tren_periodik == Tren.NAIK.value
    outsider = _profile(agency.outsider)
    assert outsider.tren_periodik == Tren.STAGNAN.value
    assert outsider.penjelasan_tren["periodik"]["langkah"][3] == (
        "Ambang naik/turun ±2,00: tren stagnan."
    )


def test_predikat_enum_order():
    assert [p.score for p in (SB, B, BP, K, SK)] == [5, 4, 3, 2, 1]
    assert Predikat.BAIK is B
