"""The performance allowance (DOMAIN.md section 9): cuts, cap, rounding and the increment."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.aturan.enums import Predikat
from kinerja.aturan.rules import Acuan, Kehadiran, RuleError, allowance_compute
from kinerja.aturan.tests.rulesets import default_isi, isi_with

D = Decimal
GRADE_9 = 3_781_000
GRADE_10 = 4_551_000


def compute(kehadiran=None, kelas=9, predikat=None, isi=None):
    return allowance_compute(isi or default_isi(), kelas, kehadiran or Kehadiran(), predikat)


def test_no_event_no_cut():
    result = compute()
    assert (result.besaran, result.insentif, result.bruto) == (GRADE_9, 0, GRADE_9)
    assert (result.persen_potongan, result.potongan_rupiah, result.netto) == (0, 0, GRADE_9)
    assert result.penjelasan.ringkasan == "Tukin netto Rp3.781.000: bruto Rp3.781.000 dipotong 0%."


@pytest.mark.parametrize(
    ("kehadiran", "code", "percent", "cut"),
    [
        (Kehadiran(terlambat=(1, 0, 0, 0)), "tl1", D("0.5"), 18_905),
        (Kehadiran(terlambat=(0, 1, 0, 0)), "tl2", D("1"), 37_810),
        (Kehadiran(terlambat=(0, 0, 1, 0)), "tl3", D("1.25"), 47_263),  # 47.262,5 half up
        (Kehadiran(terlambat=(0, 0, 0, 1)), "tl4", D("1.5"), 56_715),
        (Kehadiran(pulang_cepat=(1, 0, 0, 0)), "psw1", D("0.5"), 18_905),
        (Kehadiran(pulang_cepat=(0, 1, 0, 0)), "psw2", D("1"), 37_810),
        (Kehadiran(pulang_cepat=(0, 0, 1, 0)), "psw3", D("1.25"), 47_263),
        (Kehadiran(pulang_cepat=(0, 0, 0, 1)), "psw4", D("1.5"), 56_715),
        (Kehadiran(terlambat=(0, 0, 0, 3)), "tl4", D("4.5"), 170_145),
        (Kehadiran(tanpa_rekaman=1), "tanpa_rekaman", D("1.5"), 56_715),
        (Kehadiran(tanpa_keterangan=1), "tanpa_keterangan", D("3"), 113_430),
        (Kehadiran(tanpa_keterangan=2), "tanpa_keterangan", D("6"), 226_860),
        (Kehadiran(hukuman_disiplin_sedang=True), "hukuman_disiplin_sedang", D("25"), 945_250),
    ],
)
def test_each_cut_for_grade_9(kehadiran, code, percent, cut):
    result = compute(kehadiran)
    (item,) = [p for p in result.potongan if p.persen]
    assert (item.kode, item.persen) == (code, percent)
    assert result.persen_potongan == percent
    assert result.potongan_rupiah == cut
    assert result.netto == GRADE_9 - cut


@pytest.mark.parametrize(
    ("code", "label", "unit"),
    [
        ("tl1", "Terlambat TL1 (1–30 menit)", D("0.5")),
        ("tl2", "Terlambat TL2 (31–60 menit)", D("1")),
        ("tl3", "Terlambat TL3 (61–90 menit)", D("1.25")),
        ("tl4", "Terlambat TL4 (lebih dari 90 menit)", D("1.5")),
        ("psw1", "Pulang sebelum waktunya PSW1 (1–30 menit)", D("0.5")),
        ("psw2", "Pulang sebelum waktunya PSW2 (31–60 menit)", D("1")),
        ("psw3", "Pulang sebelum waktunya PSW3 (61–90 menit)", D("1.25")),
        ("psw4", "Pulang sebelum waktunya PSW4 (lebih dari 90 menit)", D("1.5")),
        ("tanpa_rekaman", "Tidak ada rekaman kehadiran", D("1.5")),
        ("tanpa_keterangan", "Tidak masuk tanpa keterangan", D("3")),
        ("cuti_alasan_penting", "Cuti alasan penting melebihi 2 hari", D("2.5")),
        ("hukuman_disiplin_sedang", "Hukuman disiplin sedang", D("25")),
    ],
)
def test_every_cut_is_itemised(code, label, unit):
    items = {p.kode: p for p in compute().potongan}
    assert list(items) == [
        "tl1",
        "tl2",
        "tl3",
        "tl4",
        "psw1",
        "psw2",
        "psw3",
        "psw4",
        "tanpa_rekaman",
        "tanpa_keterangan",
        "cuti_alasan_penting",
        "hukuman_disiplin_sedang",
    ]
    assert (items[code].label, items[code].persen_satuan, items[code].kejadian) == (label, unit, 0)


@pytest.mark.parametrize(
    ("days", "counted", "percent", "cut"),
    [(0, 0, D(0), 0), (2, 0, D(0), 0), (3, 1, D("2.5"), 94_525), (5, 3, D("7.5"), 283_575)],
)
def test_cuti_alasan_penting_beyond_two_free_days(days, counted, percent, cut):
    result = compute(Kehadiran(cuti_alasan_penting=days))
    item = next(p for p in result.potongan if p.kode == "cuti_alasan_penting")
    assert (item.kejadian, item.persen) == (counted, percent)
    assert (result.persen_potongan, result.potongan_rupiah) == (percent, cut)


def test_the_cut_is_rounded_half_up_to_whole_rupiah():
    # 1,25% × Rp3.781.000 = Rp47.262,5: half up gives 47.263 (half even would give 47.262).
    result = compute(Kehadiran(terlambat=(0, 0, 1, 0)))
    assert (result.potongan_rupiah, result.netto) == (47_263, 3_733_737)
    assert result.penjelasan.langkah == (
        "Besaran kelas jabatan 9: Rp3.781.000.",
        "Tidak ada tambahan: predikat tahun lalu bukan Sangat Baik.",
        "Tukin bruto: Rp3.781.000.",
        "Terlambat TL3 (61–90 menit): 1 × 1,25% = 1,25%.",
        "Jumlah potongan: 1,25%.",
        "Potongan: 1,25% × Rp3.781.000 = Rp47.263 (dibulatkan ke rupiah terdekat).",
        "Tukin netto: Rp3.781.000 − Rp47.263 = Rp3.733.737.",
    )
    assert result.penjelasan.ringkasan == (
        "Tukin netto Rp3.733.737: bruto Rp3.781.000 dipotong 1,25%."
    )
    # Grade 10: 0,5% × Rp4.551.000 = Rp22.755; 1,25% = Rp56.887,5 -> Rp56.888.
    assert compute(Kehadiran(terlambat=(1, 0, 0, 0)), kelas=10).potongan_rupiah == 22_755
    assert compute(Kehadiran(terlambat=(0, 0, 1, 0)), kelas=10).potongan_rupiah == 56_888


def test_cuts_add_up():
    kehadiran = Kehadiran(pulang_cepat=(1, 0, 0, 2), hukuman_disiplin_sedang=True)
    result = compute(kehadiran)
    assert result.persen_potongan == D("28.5")
    assert (result.potongan_rupiah, result.netto) == (1_077_585, 2_703_415)
    assert result.penjelasan.masukan == (
        ("Kelas jabatan", "9"),
        ("Predikat tahun lalu", "—"),
        ("Pulang sebelum waktunya PSW1 (1–30 menit)", "1"),
        ("Pulang sebelum waktunya PSW4 (lebih dari 90 menit)", "2"),
        ("Hukuman disiplin sedang", "1"),
    )


def test_the_total_cut_is_capped_at_100_percent():
    result = compute(Kehadiran(tanpa_keterangan=40))
    assert result.persen_potongan_dihitung == D(120)
    assert result.persen_potongan == D(100)
    assert (result.potongan_rupiah, result.netto) == (GRADE_9, 0)
    assert "Potongan dibatasi paling banyak 100%." in result.penjelasan.langkah
    assert result.penjelasan.ringkasan == "Tukin netto Rp0: bruto Rp3.781.000 dipotong 100%."


def test_the_cap_comes_from_the_rule_set():
    isi = isi_with(lambda data: data["tukin"].__setitem__("batas_potongan", "50"))
    result = compute(Kehadiran(tanpa_keterangan=20), isi=isi)
    assert (result.persen_potongan_dihitung, result.persen_potongan) == (D(60), D(50))
    assert (result.potongan_rupiah, result.netto) == (1_890_500, 1_890_500)


def test_exactly_at_the_cap_is_not_reported_as_capped():
    result = compute(Kehadiran(tanpa_keterangan=30, pulang_cepat=(0, 10, 0, 0)))
    assert (result.persen_potongan_dihitung, result.persen_potongan, result.netto) == (
        D(100),
        D(100),
        0,
    )
    assert not any(s.startswith("Potongan dibatasi") for s in result.penjelasan.langkah)


def test_sangat_baik_last_year_adds_half_the_difference_to_the_next_grade():
    result = compute(predikat=Predikat.SANGAT_BAIK)
    assert (result.besaran, result.insentif, result.bruto, result.netto) == (
        GRADE_9,
        385_000,
        4_166_000,
        4_166_000,
    )
    assert result.penjelasan.langkah[1] == (
        "Predikat tahun lalu Sangat Baik: tambahan 50% × (Rp4.551.000 − Rp3.781.000) = Rp385.000."
    )
    assert result.penjelasan.masukan[1] == ("Predikat tahun lalu", "Sangat Baik")


def test_cuts_apply_to_the_gross_including_the_increment():
    result = compute(Kehadiran(terlambat=(1, 0, 0, 0)), predikat=Predikat.SANGAT_BAIK)
    assert (result.bruto, result.potongan_rupiah, result.netto) == (4_166_000, 20_830, 4_145_170)


@pytest.mark.parametrize("predikat", [Predikat.BAIK, Predikat.BUTUH_PERBAIKAN, None])
def test_no_increment_without_sangat_baik(predikat):
    result = compute(predikat=predikat)
    assert (result.insentif, result.bruto) == (0, GRADE_9)
    assert result.penjelasan.langkah[1] == (
        "Tidak ada tambahan: predikat tahun lalu bukan Sangat Baik."
    )


def test_no_increment_at_the_highest_grade():
    isi = isi_with(lambda data: data["tukin"]["besaran"].__setitem__("17", 33_240_000))
    result = compute(kelas=17, predikat=Predikat.SANGAT_BAIK, isi=isi)
    assert (result.besaran, result.insentif, result.bruto) == (33_240_000, 0, 33_240_000)
    assert result.penjelasan.langkah[1] == (
        "Tidak ada tambahan: kelas jabatan 17 adalah kelas tertinggi."
    )
    lowered = isi_with(lambda data: data["tukin"].__setitem__("kelas_tertinggi", 10))
    assert compute(kelas=10, predikat=Predikat.SANGAT_BAIK, isi=lowered).insentif == 0
    assert compute(kelas=9, predikat=Predikat.SANGAT_BAIK, isi=lowered).insentif == 385_000


def test_a_grade_without_amount_is_an_error_naming_the_grade():
    with pytest.raises(RuleError) as error:
        compute(kelas=8)
    assert str(error.value) == (
        "Besaran tunjangan kinerja untuk kelas jabatan 8 belum diisi pada set aturan Set aturan "
        "yang sedang disunting; isi tabel besaran tukin di halaman set aturan."
    )


def test_the_missing_amount_names_the_rule_set_version():
    acuan = Acuan("bawaan", 1, "Set aturan bawaan", datetime.date(2023, 1, 1))
    with pytest.raises(RuleError) as error:
        compute(kelas=12, isi=default_isi().with_acuan(acuan))
    assert str(error.value) == (
        "Besaran tunjangan kinerja untuk kelas jabatan 12 belum diisi pada set aturan Set aturan "
        "bawaan versi 1 (berlaku mulai 1 Januari 2023); isi tabel besaran tukin di halaman set "
        "aturan."
    )


def test_the_increment_needs_the_next_grade_amount():
    assert compute(kelas=10).netto == GRADE_10
    with pytest.raises(RuleError) as error:
        compute(kelas=10, predikat=Predikat.SANGAT_BAIK)
    assert str(error.value) == (
        "Besaran tunjangan kinerja untuk kelas jabatan 11 belum diisi pada set aturan Set aturan "
        "yang sedang disunting; isi tabel besaran tukin di halaman set aturan."
    )


@pytest.mark.parametrize(
    "kehadiran",
    [
        Kehadiran(terlambat=(0, -1, 0, 0)),
        Kehadiran(pulang_cepat=(0, 0, 0, -2)),
        Kehadiran(tanpa_rekaman=-1),
        Kehadiran(tanpa_keterangan=-1),
        Kehadiran(cuti_alasan_penting=-3),
        Kehadiran(tanpa_keterangan=True),
        Kehadiran(terlambat=(0, 0, 1.5, 0)),
    ],
)
def test_negative_or_non_integer_counts_are_errors(kehadiran):
    with pytest.raises(RuleError) as error:
        compute(kehadiran)
    assert str(error.value) == "Jumlah kejadian kehadiran harus bilangan bulat tidak negatif."


@pytest.mark.parametrize(
    ("kehadiran", "message"),
    [
        (Kehadiran(terlambat=(1, 0, 0)), "Jumlah TL harus 4 angka (satu per pita), bukan 3."),
        (
            Kehadiran(pulang_cepat=(1, 0, 0, 0, 0)),
            "Jumlah PSW harus 4 angka (satu per pita), bukan 5.",
        ),
    ],
)
def test_one_count_per_band(kehadiran, message):
    with pytest.raises(RuleError) as error:
        compute(kehadiran)
    assert str(error.value) == message


counts = st.integers(0, 40)


@given(
    terlambat=st.tuples(counts, counts, counts, counts),
    pulang_cepat=st.tuples(counts, counts, counts, counts),
    tanpa_rekaman=counts,
    tanpa_keterangan=counts,
    cuti=counts,
    hukuman=st.booleans(),
    kelas=st.sampled_from([9, 10]),
    predikat=st.one_of(st.none(), st.sampled_from(Predikat)),
)
def test_the_cut_never_exceeds_the_gross(
    terlambat, pulang_cepat, tanpa_rekaman, tanpa_keterangan, cuti, hukuman, kelas, predikat
):
    if kelas == 10 and predikat == Predikat.SANGAT_BAIK:
        predikat = None  # grade 11 has no amount in the default
    kehadiran = Kehadiran(terlambat, pulang_cepat, tanpa_rekaman, tanpa_keterangan, cuti, hukuman)
    result = compute(kehadiran, kelas=kelas, predikat=predikat)
    assert result.persen_potongan == min(result.persen_potongan_dihitung, D(100))
    assert 0 <= result.persen_potongan <= 100
    assert result.persen_potongan_dihitung == sum(p.persen for p in result.potongan)
    assert 0 <= result.netto <= result.bruto
    assert result.potongan_rupiah + result.netto == result.bruto
    assert abs(result.potongan_rupiah - result.bruto * result.persen_potongan / 100) <= D("0.5")
