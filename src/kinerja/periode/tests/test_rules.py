"""Pure rules of performance periods: the plan of a year, names, transitions, deadlines."""

from __future__ import annotations

import datetime

import pytest

from kinerja.periode import rules
from kinerja.periode.enums import JenisPeriode, StatusPeriode
from kinerja.periode.rules import RencanaPeriode

D = datetime.date
DRAF, DIBUKA, DITUTUP, DIKUNCI = (
    StatusPeriode.DRAF,
    StatusPeriode.DIBUKA,
    StatusPeriode.DITUTUP,
    StatusPeriode.DIKUNCI,
)


def plan(kode: str, nama: str, urutan: int, mulai: datetime.date, selesai: datetime.date):
    """A period of the plan with the default deadlines: 5, 10 and 15 days after its end."""
    return RencanaPeriode(
        kode=kode,
        nama=nama,
        urutan=urutan,
        mulai=mulai,
        selesai=selesai,
        batas_realisasi=selesai + datetime.timedelta(days=5),
        batas_verifikasi=selesai + datetime.timedelta(days=10),
        batas_penilaian=selesai + datetime.timedelta(days=15),
    )


# --- The plan of a year ----------------------------------------------------------------------


def test_quarterly_plan_of_a_year():
    assert rules.year_plan(2026, JenisPeriode.TRIWULAN) == [
        plan("TW1", "Triwulan I", 1, D(2026, 1, 1), D(2026, 3, 31)),
        plan("TW2", "Triwulan II", 2, D(2026, 4, 1), D(2026, 6, 30)),
        plan("TW3", "Triwulan III", 3, D(2026, 7, 1), D(2026, 9, 30)),
        plan("TW4", "Triwulan IV-Akhir", 4, D(2026, 10, 1), D(2026, 12, 31)),
        plan("TAHUNAN", "Tahunan", 5, D(2026, 1, 1), D(2026, 12, 31)),
    ]


def test_quarterly_deadlines_are_exact_dates():
    first, *_rest, annual = rules.year_plan(2026, JenisPeriode.TRIWULAN)
    assert (first.batas_realisasi, first.batas_verifikasi, first.batas_penilaian) == (
        D(2026, 4, 5),
        D(2026, 4, 10),
        D(2026, 4, 15),
    )
    # The annual evaluation's deadlines fall in the next year.
    assert (annual.batas_realisasi, annual.batas_verifikasi, annual.batas_penilaian) == (
        D(2027, 1, 5),
        D(2027, 1, 10),
        D(2027, 1, 15),
    )


def test_monthly_plan_of_a_leap_year():
    months = (
        ("B01", "Januari", D(2024, 1, 31)),
        ("B02", "Februari", D(2024, 2, 29)),
        ("B03", "Maret", D(2024, 3, 31)),
        ("B04", "April", D(2024, 4, 30)),
        ("B05", "Mei", D(2024, 5, 31)),
        ("B06", "Juni", D(2024, 6, 30)),
        ("B07", "Juli", D(2024, 7, 31)),
        ("B08", "Agustus", D(2024, 8, 31)),
        ("B09", "September", D(2024, 9, 30)),
        ("B10", "Oktober", D(2024, 10, 31)),
        ("B11", "November", D(2024, 11, 30)),
        ("B12", "Desember", D(2024, 12, 31)),
    )
    expected = [
        plan(kode, nama, index + 1, end.replace(day=1), end)
        for index, (kode, nama, end) in enumerate(months)
    ]
    expected.append(plan("TAHUNAN", "Tahunan", 13, D(2024, 1, 1), D(2024, 12, 31)))
    assert rules.year_plan(2024, JenisPeriode.BULANAN) == expected


@pytest.mark.parametrize(
    ("tahun", "last_day", "deadlines"),
    [
        (2024, D(2024, 2, 29), (D(2024, 3, 5), D(2024, 3, 10), D(2024, 3, 15))),
        (2026, D(2026, 2, 28), (D(2026, 3, 5), D(2026, 3, 10), D(2026, 3, 15))),
        (2100, D(2100, 2, 28), (D(2100, 3, 5), D(2100, 3, 10), D(2100, 3, 15))),
        (2000, D(2000, 2, 29), (D(2000, 3, 5), D(2000, 3, 10), D(2000, 3, 15))),
    ],
)
def test_february_ends_on_its_last_day(tahun, last_day, deadlines):
    february = rules.year_plan(tahun, JenisPeriode.BULANAN)[1]
    assert (february.kode, february.mulai, february.selesai) == ("B02", D(tahun, 2, 1), last_day)
    assert (
        february.batas_realisasi,
        february.batas_verifikasi,
        february.batas_penilaian,
    ) == deadlines


def test_period_codes():
    assert rules.period_codes(JenisPeriode.TRIWULAN) == ["TW1", "TW2", "TW3", "TW4"]
    assert rules.period_codes(JenisPeriode.BULANAN) == [
        "B01",
        "B02",
        "B03",
        "B04",
        "B05",
        "B06",
        "B07",
        "B08",
        "B09",
        "B10",
        "B11",
        "B12",
    ]


@pytest.mark.parametrize(
    ("kode", "nama"),
    [
        ("TW1", "Triwulan I"),
        ("TW2", "Triwulan II"),
        ("TW3", "Triwulan III"),
        ("TW4", "Triwulan IV-Akhir"),
        ("B01", "Januari"),
        ("B02", "Februari"),
        ("B03", "Maret"),
        ("B04", "April"),
        ("B05", "Mei"),
        ("B06", "Juni"),
        ("B07", "Juli"),
        ("B08", "Agustus"),
        ("B09", "September"),
        ("B10", "Oktober"),
        ("B11", "November"),
        ("B12", "Desember"),
        ("TAHUNAN", "Tahunan"),
        # Unknown codes are shown as they are.
        ("TW0", "TW0"),
        ("TW5", "TW5"),
        ("TWX", "TWX"),
        ("B00", "B00"),
        ("B13", "B13"),
        ("BXX", "BXX"),
        ("X", "X"),
    ],
)
def test_period_name(kode, nama):
    assert rules.period_name(kode) == nama


def test_default_skp_deadline_is_the_end_of_january():
    assert rules.default_skp_deadline(2027) == D(2027, 1, 31)


# --- Transitions -----------------------------------------------------------------------------

ALLOWED = {
    (DRAF, "open"): DIBUKA,
    (DIBUKA, "close"): DITUTUP,
    (DITUTUP, "reopen"): DIBUKA,
    (DITUTUP, "lock"): DIKUNCI,
    (DIKUNCI, "unlock"): DITUTUP,
}
REFUSED = {
    (DRAF, "close"): "Periode berstatus draf tidak dapat ditutup.",
    (DRAF, "reopen"): "Periode berstatus draf tidak dapat dibuka kembali.",
    (DRAF, "lock"): "Periode berstatus draf tidak dapat dikunci.",
    (DRAF, "unlock"): "Periode berstatus draf tidak dapat dibuka kuncinya.",
    (DIBUKA, "open"): "Periode berstatus dibuka tidak dapat dibuka.",
    (DIBUKA, "reopen"): "Periode berstatus dibuka tidak dapat dibuka kembali.",
    (DIBUKA, "lock"): "Periode berstatus dibuka tidak dapat dikunci.",
    (DIBUKA, "unlock"): "Periode berstatus dibuka tidak dapat dibuka kuncinya.",
    (DITUTUP, "open"): "Periode berstatus ditutup tidak dapat dibuka.",
    (DITUTUP, "close"): "Periode berstatus ditutup tidak dapat ditutup.",
    (DITUTUP, "unlock"): "Periode berstatus ditutup tidak dapat dibuka kuncinya.",
    (DIKUNCI, "open"): "Periode berstatus dikunci tidak dapat dibuka.",
    (DIKUNCI, "close"): "Periode berstatus dikunci tidak dapat ditutup.",
    (DIKUNCI, "reopen"): "Periode berstatus dikunci tidak dapat dibuka kembali.",
    (DIKUNCI, "lock"): "Periode berstatus dikunci tidak dapat dikunci.",
}


def test_every_status_and_action_is_either_allowed_or_refused():
    pairs = {(status, action) for status in StatusPeriode for action in rules.ACTIONS}
    assert set(ALLOWED) | set(REFUSED) == pairs
    assert not set(ALLOWED) & set(REFUSED)
    assert rules.TRANSITIONS == ALLOWED


@pytest.mark.parametrize(("status", "action"), sorted(ALLOWED))
def test_allowed_transition(status, action):
    assert rules.transition_error(status, action) is None
    assert action in rules.actions_allowed(status)


@pytest.mark.parametrize(("status", "action"), sorted(REFUSED))
def test_refused_transition(status, action):
    assert rules.transition_error(status, action) == REFUSED[(status, action)]
    assert action not in rules.actions_allowed(status)


@pytest.mark.parametrize("status", list(StatusPeriode))
def test_an_unknown_action_is_refused(status):
    assert rules.transition_error(status, "hapus") == "Tindakan tidak dikenal."
    assert rules.transition_error(status, "") == "Tindakan tidak dikenal."


def test_actions_allowed_per_status():
    assert {status: rules.actions_allowed(status) for status in StatusPeriode} == {
        DRAF: ["open"],
        DIBUKA: ["close"],
        DITUTUP: ["reopen", "lock"],
        DIKUNCI: ["unlock"],
    }


def test_action_labels():
    assert [rules.action_label(action) for action in rules.ACTIONS] == [
        "Buka",
        "Tutup",
        "Buka kembali",
        "Kunci",
        "Buka kunci",
    ]


@pytest.mark.parametrize(
    ("action", "alasan", "error"),
    [
        ("open", "", None),
        ("open", "Dimulai", None),
        ("close", "", "Alasan wajib diisi untuk tindakan ini."),
        ("close", "  \n ", "Alasan wajib diisi untuk tindakan ini."),
        ("close", "Masa realisasi selesai", None),
        ("reopen", "", "Alasan wajib diisi untuk tindakan ini."),
        ("reopen", "Ada realisasi tertinggal", None),
        ("lock", "", "Alasan wajib diisi untuk tindakan ini."),
        ("lock", "Penilaian selesai", None),
        ("unlock", "", "Alasan wajib diisi untuk tindakan ini."),
        ("unlock", "Koreksi predikat", None),
    ],
)
def test_reason(action, alasan, error):
    assert rules.reason_error(action, alasan) == error


def test_the_reason_is_required_for_all_but_opening():
    assert sorted(rules.REASON_REQUIRED) == ["close", "lock", "reopen", "unlock"]


# --- Deadlines and years ---------------------------------------------------------------------

START, END = D(2026, 1, 1), D(2026, 3, 31)


@pytest.mark.parametrize(
    ("mulai", "selesai", "realisasi", "verifikasi", "penilaian", "errors"),
    [
        (START, END, D(2026, 4, 5), D(2026, 4, 10), D(2026, 4, 15), {}),
        # Equal deadlines and a realisation deadline inside the period are allowed.
        (START, END, START, START, START, {}),
        (START, START, START, START, START, {}),
        (
            START,
            D(2025, 12, 31),
            START,
            START,
            START,
            {"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."},
        ),
        (
            START,
            END,
            D(2025, 12, 31),
            D(2026, 4, 10),
            D(2026, 4, 15),
            {"batas_realisasi": "Batas realisasi tidak boleh sebelum periode dimulai."},
        ),
        (
            START,
            END,
            D(2026, 4, 5),
            D(2026, 4, 4),
            D(2026, 4, 15),
            {"batas_verifikasi": "Batas verifikasi tidak boleh sebelum batas realisasi."},
        ),
        (
            START,
            END,
            D(2026, 4, 5),
            D(2026, 4, 10),
            D(2026, 4, 9),
            {"batas_penilaian": "Batas penilaian tidak boleh sebelum batas verifikasi."},
        ),
        (
            START,
            D(2025, 6, 30),
            D(2025, 12, 31),
            D(2025, 12, 30),
            D(2025, 12, 29),
            {
                "selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai.",
                "batas_realisasi": "Batas realisasi tidak boleh sebelum periode dimulai.",
                "batas_verifikasi": "Batas verifikasi tidak boleh sebelum batas realisasi.",
                "batas_penilaian": "Batas penilaian tidak boleh sebelum batas verifikasi.",
            },
        ),
    ],
)
def test_deadline_errors(mulai, selesai, realisasi, verifikasi, penilaian, errors):
    assert rules.deadline_errors(mulai, selesai, realisasi, verifikasi, penilaian) == errors


RANGE = "Tahun harus antara 2000 dan 2100."
ORDER = "Batas persetujuan SKP tidak boleh sebelum batas pengajuan."


@pytest.mark.parametrize(
    ("tahun", "pengajuan", "persetujuan", "errors"),
    [
        (2026, D(2026, 1, 31), D(2026, 2, 14), {}),
        (2026, D(2026, 1, 31), D(2026, 1, 31), {}),
        (2000, D(2000, 1, 31), D(2000, 2, 14), {}),
        (2100, D(2100, 1, 31), D(2100, 2, 14), {}),
        (1999, D(2026, 1, 31), D(2026, 2, 14), {"tahun": RANGE}),
        (2101, D(2026, 1, 31), D(2026, 2, 14), {"tahun": RANGE}),
        (2026, D(2026, 1, 31), D(2026, 1, 30), {"batas_persetujuan_skp": ORDER}),
        (0, D(2026, 1, 31), D(2026, 1, 30), {"tahun": RANGE, "batas_persetujuan_skp": ORDER}),
    ],
)
def test_year_errors(tahun, pengajuan, persetujuan, errors):
    assert rules.year_errors(tahun, pengajuan, persetujuan) == errors


@pytest.mark.parametrize(
    ("tahun", "error"),
    [(-1, RANGE), (0, RANGE), (1999, RANGE), (2000, None), (2100, None), (2101, RANGE)],
)
def test_year_range(tahun, error):
    assert rules.year_range_error(tahun) == error


def test_period_names_are_translated():
    from django.utils import translation

    with translation.override("en"):
        names = [rules.period_name(kode) for kode in ("TW2", "TW4", "TAHUNAN")]
    assert names == ["Quarter II", "Quarter IV (final)", "Annual"]
