"""Pure talent rules: plan end dates, the plan's transition table and what closing, cancelling
and notes need, succession and promotion with their reasons, improvement needed."""

from __future__ import annotations

import datetime

import pytest

from kinerja.aturan.enums import Predikat
from kinerja.aturan.rules.isi import Merit
from kinerja.talenta import rules
from kinerja.talenta.enums import StatusPerbaikan as S

MERIT = Merit(Predikat.SANGAT_BAIK, 2, Predikat.BAIK, 2, 6)
D = datetime.date


@pytest.mark.parametrize(
    ("mulai", "bulan", "selesai"),
    [
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),
        (D(2026, 1, 15), 6, D(2026, 7, 15)),
        (D(2026, 10, 31), 6, D(2027, 4, 30)),
        (D(2026, 7, 1), 12, D(2027, 7, 1)),
    ],
)
def test_plan_end(mulai, bulan, selesai):
    assert rules.plan_end(mulai, bulan) == selesai


def test_transition_table():
    allowed = {(a, b) for a in S for b in S if rules.transition_error(a, b) is None}
    assert allowed == {
        (S.BERJALAN, S.BERHASIL),
        (S.BERJALAN, S.TIDAK_BERHASIL),
        (S.BERJALAN, S.DIBATALKAN),
    }
    assert rules.transition_error(S.BERHASIL, S.DIBATALKAN) == (
        "Rencana perbaikan berstatus berhasil tidak dapat diubah menjadi dibatalkan."
    )


def test_close_errors():
    def close(target, hasil="Target tercapai", tl=""):
        return rules.close_errors(current=S.BERJALAN, target=target, hasil=hasil, tindak_lanjut=tl)

    assert close(S.BERHASIL) == {}
    assert close(S.TIDAK_BERHASIL, tl="UJI_KOMPETENSI") == {}
    assert close(S.TIDAK_BERHASIL) == {
        "tindak_lanjut": "Pilih tindak lanjut untuk rencana perbaikan yang tidak berhasil."
    }
    assert close(S.BERHASIL, hasil=" ", tl="PEMINDAHAN") == {
        "hasil": "Tuliskan hasil evaluasi rencana perbaikan.",
        "tindak_lanjut": "Rencana yang berhasil tidak memerlukan tindak lanjut.",
    }
    assert close(S.DIBATALKAN) == {"status": "Pilih hasil: berhasil atau tidak berhasil."}
    assert set(
        rules.close_errors(current=S.BERHASIL, target=S.BERHASIL, hasil="x", tindak_lanjut="")
    ) == {"status"}


def test_cancel_and_note_errors():
    assert rules.cancel_errors(current=S.BERJALAN, alasan="Pindah unit") == {}
    assert rules.cancel_errors(current=S.BERJALAN, alasan="") == {
        "alasan": "Tuliskan alasan pembatalan."
    }
    assert set(rules.cancel_errors(current=S.DIBATALKAN, alasan="x")) == {"status"}
    today = D(2026, 11, 29)
    assert rules.note_errors(current=S.BERJALAN, isi="Rapat", tanggal=today, today=today) == {}
    assert rules.note_errors(current=S.BERJALAN, isi="", tanggal=D(2026, 11, 30), today=today) == {
        "isi": "Tuliskan isi catatan.",
        "tanggal": "Tanggal catatan tidak boleh melewati hari ini.",
    }
    assert set(rules.note_errors(current=S.BERHASIL, isi="x", tanggal=today, today=today)) == {
        "status"
    }


def test_succession():
    sb, b = Predikat.SANGAT_BAIK, Predikat.BAIK
    assert rules.succession_check(MERIT, 2026, {2025: sb, 2026: sb}) == rules.Hasil(
        True, "Sangat Baik pada 2025 dan 2026"
    )
    assert rules.succession_check(MERIT, 2026, {2026: sb}) == rules.Hasil(
        False, "2025: belum ada predikat tahunan yang ditetapkan"
    )
    assert rules.succession_check(MERIT, 2026, {2025: b, 2026: sb}) == rules.Hasil(
        False, "2025: Baik (dibutuhkan Sangat Baik)"
    )


def test_promotion():
    sb, b, bp = Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN
    assert rules.promotion_check(MERIT, 2026, {2025: b, 2026: sb}) == rules.Hasil(
        True, "Baik pada 2025, Sangat Baik pada 2026"
    )
    assert rules.promotion_check(MERIT, 2026, {2025: bp, 2026: sb}) == rules.Hasil(
        False, "2025: Butuh Perbaikan (dibutuhkan Baik)"
    )
    assert rules.promotion_check(MERIT, 2026, {2025: b}) == rules.Hasil(
        False, "2026: belum ada predikat tahunan yang ditetapkan"
    )


def test_improvement_needed():
    assert [p for p in Predikat if rules.needs_improvement(p)] == [
        Predikat.BUTUH_PERBAIKAN,
        Predikat.KURANG,
        Predikat.SANGAT_KURANG,
    ]


def test_join_words():
    assert rules.join_words([]) == ""
    assert rules.join_words(["2026"]) == "2026"
    assert rules.join_words(["2024", "2025", "2026"]) == "2024, 2025, dan 2026"
