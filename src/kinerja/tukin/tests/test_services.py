"""Computing and storing the allowance: each cut band, the cap, rounding, the Sangat Baik
increment, employees skipped with their reason, recomputations recording what changed and why,
the grade of a past month from the position history, bad attendance input."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kinerja.aturan.enums import Predikat
from kinerja.audit.models import Entri
from kinerja.organisasi.models import Pengecualian, RiwayatJabatan
from kinerja.organisasi.tests.factories import JabatanFactory
from kinerja.tukin import selectors, services
from kinerja.tukin.models import Kehadiran, Perhitungan, PerubahanTukin, Tukin
from kinerja.tukin.tests.helpers import (
    BULAN,
    KELAS_9,
    SYSTEM,
    TAHUN,
    attend,
    employee,
    graded,
    last_year,
    new_version,
    recompute,
    state,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def siti(agency):
    return graded(agency.pegawai, 9)


@pytest.mark.parametrize(
    ("field", "count", "persen", "potongan"),
    [
        ("tl1", 1, "0.50", 18_905),
        ("tl2", 1, "1.00", 37_810),
        ("tl3", 1, "1.25", 47_263),  # 47.262,5 rounded half up
        ("tl4", 1, "1.50", 56_715),
        ("psw1", 2, "1.00", 37_810),
        ("psw2", 1, "1.00", 37_810),
        ("psw3", 1, "1.25", 47_263),
        ("psw4", 1, "1.50", 56_715),
        ("tanpa_rekaman", 1, "1.50", 56_715),
        ("tanpa_keterangan", 1, "3.00", 113_430),
        ("cuti_alasan_penting", 2, "0.00", 0),  # the first 2 days are free
        ("cuti_alasan_penting", 3, "2.50", 94_525),
        ("hukuman_disiplin_sedang", True, "25.00", 945_250),
    ],
)
def test_each_cut(siti, field, count, persen, potongan):
    tukin = attend(siti, **{field: count})
    assert (tukin.besaran, tukin.insentif, tukin.bruto) == (KELAS_9, 0, KELAS_9)
    assert tukin.persen_potongan == Decimal(persen)
    assert tukin.persen_potongan_dihitung == Decimal(persen)
    assert tukin.potongan_rupiah == potongan
    assert tukin.netto == KELAS_9 - potongan
    assert tukin.kehadiran_tercatat is True
    assert tukin.kelas_jabatan == 9
    assert [item["kode"] for item in tukin.rincian] == [
        "tl1", "tl2", "tl3", "tl4", "psw1", "psw2", "psw3", "psw4",
        "tanpa_rekaman", "tanpa_keterangan", "cuti_alasan_penting", "hukuman_disiplin_sedang",
    ]  # fmt: skip
    assert tukin.penjelasan["langkah"][-1].startswith("Tukin netto: Rp3.781.000 − ")


def test_cuts_add_up_and_are_itemised(siti):
    tukin = attend(siti, tl1=2, psw3=1, tanpa_keterangan=1)
    assert tukin.persen_potongan == Decimal("5.25")
    assert tukin.potongan_rupiah == 198_503  # 198.502,5 half up
    assert tukin.netto == 3_582_497
    items = {item["kode"]: item for item in tukin.rincian}
    assert items["tl1"] == {
        "kode": "tl1",
        "label": "Terlambat TL1 (1–30 menit)",
        "kejadian": 2,
        "persen_satuan": "0.5",
        "persen": "1.0",
    }
    assert items["tanpa_keterangan"]["persen"] == "3"
    assert tukin.penjelasan["langkah"] == [
        "Besaran kelas jabatan 9: Rp3.781.000.",
        "Tidak ada tambahan: predikat tahun lalu bukan Sangat Baik.",
        "Tukin bruto: Rp3.781.000.",
        "Terlambat TL1 (1–30 menit): 2 × 0,5% = 1%.",
        "Pulang sebelum waktunya PSW3 (61–90 menit): 1 × 1,25% = 1,25%.",
        "Tidak masuk tanpa keterangan: 1 × 3% = 3%.",
        "Jumlah potongan: 5,25%.",
        "Potongan: 5,25% × Rp3.781.000 = Rp198.503 (dibulatkan ke rupiah terdekat).",
        "Tukin netto: Rp3.781.000 − Rp198.503 = Rp3.582.497.",
    ]


def test_the_total_cut_is_capped_at_100(siti):
    tukin = attend(siti, tl4=31, psw4=31, tanpa_keterangan=5)
    assert tukin.persen_potongan_dihitung == Decimal("108.00")
    assert tukin.persen_potongan == Decimal("100.00")
    assert (tukin.potongan_rupiah, tukin.netto) == (KELAS_9, 0)
    assert "Potongan dibatasi paling banyak 100%." in tukin.penjelasan["langkah"]


def test_no_attendance_recorded_means_no_cut(siti):
    perhitungan = recompute(pegawai_ids=[siti.pk])
    tukin = Tukin.objects.get(pegawai=siti)
    assert (tukin.netto, tukin.kehadiran_tercatat) == (KELAS_9, False)
    assert perhitungan.jumlah["dihitung"] == 1


def test_sangat_baik_increment_from_last_years_final_predikat(siti):
    last_year(siti, Predikat.SANGAT_BAIK)
    tukin = attend(siti)
    assert (tukin.besaran, tukin.insentif, tukin.bruto, tukin.netto) == (
        KELAS_9,
        385_000,
        4_166_000,
        4_166_000,
    )
    assert tukin.predikat_tahun_lalu == "SANGAT_BAIK"
    assert tukin.penjelasan["langkah"][1] == (
        "Predikat tahun lalu Sangat Baik: tambahan 50% × (Rp4.551.000 − Rp3.781.000) = Rp385.000."
    )


def test_no_increment_for_a_draft_or_another_predikat(siti, agency):
    last_year(siti, Predikat.SANGAT_BAIK, final=False)
    other = graded(agency.penilai, 9)
    last_year(other, Predikat.BAIK)
    recompute(pegawai_ids=[siti.pk, other.pk])
    for row in Tukin.objects.all():
        assert (row.insentif, row.bruto) == (0, KELAS_9)
    assert Tukin.objects.get(pegawai=other).predikat_tahun_lalu == "BAIK"


def test_no_increment_for_the_highest_grade(agency):
    new_version({"9": KELAS_9, "10": 4_551_000, "17": 29_085_000})
    top = graded(agency.pegawai, 17)
    last_year(top, Predikat.SANGAT_BAIK)
    tukin = attend(top)
    assert (tukin.besaran, tukin.insentif, tukin.bruto) == (29_085_000, 0, 29_085_000)


def test_skipped_employees_with_reasons(agency):
    graded(agency.pegawai, 9)
    no_grade = graded(agency.penilai, None)
    no_amount = employee(agency.bagian, kelas=7, nama="Tanpa Besaran")
    inactive = employee(agency.bagian, nama="Tidak Aktif", aktif=False)
    excluded = employee(agency.bagian, nama="Cuti Besar")
    Pengecualian.objects.create(
        pegawai=excluded, jenis="CUTI_BESAR", mulai=datetime.date(2026, 1, 1), catatan="cuti"
    )
    items = {
        item.pegawai.pk: item
        for item in selectors.allowance_calculate(
            tahun=TAHUN, bulan=BULAN, jalur=agency.bagian.jalur
        )
    }
    assert items[agency.pegawai.pk].hasil.netto == KELAS_9
    assert items[no_grade.pk].alasan == f"Kelas jabatan {no_grade.jabatan.nama} belum diisi."
    assert items[no_amount.pk].alasan.startswith(
        "Besaran tunjangan kinerja untuk kelas jabatan 7 belum diisi pada set aturan"
    )
    assert items[inactive.pk].alasan == "Pegawai tidak aktif."
    assert items[excluded.pk].alasan == "Dikecualikan: Cuti besar."
    perhitungan = recompute(agency.bagian)
    assert perhitungan.jumlah["dihitung"] == 1
    assert perhitungan.jumlah["dilewati"] == 4
    assert {row["nama"] for row in perhitungan.jumlah["dilewati_alasan"]} == {
        no_grade.nama,
        "Tanpa Besaran",
        "Cuti Besar",
    }
    assert list(Tukin.objects.values_list("pegawai_id", flat=True)) == [agency.pegawai.pk]


def test_a_stored_allowance_is_removed_when_the_employee_becomes_excluded(siti):
    attend(siti, tl1=1)
    Pengecualian.objects.create(
        pegawai=siti, jenis="CUTI_BESAR", mulai=datetime.date(2026, 11, 1), catatan="cuti"
    )
    perhitungan = recompute(pegawai_ids=[siti.pk])
    assert not Tukin.objects.filter(pegawai=siti).exists()
    assert perhitungan.jumlah["dihapus"] == 1
    change = PerubahanTukin.objects.get(perhitungan=perhitungan)
    assert (change.netto_lama, change.netto_baru) == (3_762_095, None)
    assert change.sebab == ["Tukin tidak lagi dihitung (pegawai dikecualikan atau tidak aktif)."]


def test_a_new_rule_set_version_is_recorded_as_the_cause(siti):
    attend(siti)
    new_version({"9": 4_000_000, "10": 4_551_000})
    perhitungan = recompute(pegawai_ids=[siti.pk])
    change = PerubahanTukin.objects.get(perhitungan=perhitungan)
    assert (change.bruto_lama, change.bruto_baru) == (KELAS_9, 4_000_000)
    assert (change.netto_lama, change.netto_baru) == (KELAS_9, 4_000_000)
    assert (change.persen_lama, change.persen_baru) == (Decimal("0.00"), Decimal("0.00"))
    assert change.sebab == ["Versi set aturan berubah."]
    assert Tukin.objects.get(pegawai=siti).set_aturan.versi == 2
    assert perhitungan.jumlah == {
        "dihitung": 1,
        "berubah": 1,
        "tetap": 0,
        "dilewati": 0,
        "dihapus": 0,
        "dilewati_alasan": [],
    }


def test_corrected_attendance_records_the_changed_codes(siti, agency):
    attend(siti, tl1=1, psw2=1)
    tukin = attend(siti, tl1=3, psw2=1, tanpa_keterangan=1)
    assert tukin.netto == KELAS_9 - 207_955  # 1,5 + 1 + 3 = 5,5%
    last = Perhitungan.objects.first()
    assert (last.sebab, last.unit) == ("KEHADIRAN", agency.bagian)
    change = PerubahanTukin.objects.get(perhitungan=last)
    assert change.sebab == ["Data kehadiran berubah: tanpa_keterangan, tl1."]
    assert (change.netto_lama, change.netto_baru) == (3_724_285, 3_573_045)
    assert (change.persen_lama, change.persen_baru) == (Decimal("1.50"), Decimal("5.50"))
    aksi = list(Entri.objects.order_by("pk").values_list("aksi", flat=True))
    assert aksi.count("kehadiran.save") == 2
    assert aksi.count("tukin.recompute") == 2


def test_saving_the_same_attendance_changes_nothing(siti):
    attend(siti, tl1=1)
    before = state()
    services.kehadiran_save(aktor=SYSTEM, pegawai=siti, tahun=TAHUN, bulan=BULAN, data={"tl1": 1})
    assert state()[1:] == before[1:]


def test_recompute_twice_changes_nothing_the_second_time(siti, agency):
    first = recompute(agency.biro)
    assert first.jumlah["berubah"] == 1
    assert PerubahanTukin.objects.get(perhitungan=first).sebab == [
        "Tukin dihitung untuk pertama kali."
    ]
    stored = list(Tukin.objects.values_list("pk", "netto"))
    second = recompute(agency.biro)
    assert second.jumlah["berubah"] == 0
    assert second.jumlah["tetap"] == 1
    assert not PerubahanTukin.objects.filter(perhitungan=second).exists()
    assert list(Tukin.objects.values_list("pk", "netto")) == stored


def test_position_history_decides_the_grade_of_a_past_month(siti):
    old = RiwayatJabatan.objects.get(pegawai=siti)
    old.sampai = datetime.date(2026, 7, 1)
    old.save()
    promoted = JabatanFactory(kelas_jabatan=10, nama="Analis Madya")
    RiwayatJabatan.objects.create(
        pegawai=siti, unit=siti.unit, jabatan=promoted, mulai=datetime.date(2026, 7, 1)
    )
    june = attend(siti, bulan=6)
    july = attend(siti, bulan=7)
    assert (june.kelas_jabatan, june.bruto, june.jabatan_id) == (9, KELAS_9, siti.jabatan_id)
    assert (july.kelas_jabatan, july.bruto, july.jabatan) == (10, 4_551_000, promoted)


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"tl1": -1}, {"tl1": ["Harus bilangan bulat tidak negatif."]}),
        ({"psw2": 32}, {"psw2": ["Paling banyak 31 dalam sebulan."]}),
        (
            {"tanpa_keterangan": "dua"},
            {"tanpa_keterangan": ["Harus bilangan bulat tidak negatif."]},
        ),
        ({"hukuman_disiplin_sedang": "ya"}, {"hukuman_disiplin_sedang": ["Harus ya atau tidak."]}),
    ],
)
def test_bad_attendance_names_the_field_and_writes_nothing(siti, data, errors):
    before = state()
    with pytest.raises(ValidationError) as raised:
        services.kehadiran_save(aktor=SYSTEM, pegawai=siti, tahun=TAHUN, bulan=BULAN, data=data)
    assert raised.value.message_dict == errors
    assert state() == before
    assert not Kehadiran.objects.exists()


def test_a_bad_month_is_refused(siti):
    with pytest.raises(ValidationError) as raised:
        services.kehadiran_save(aktor=SYSTEM, pegawai=siti, tahun=TAHUN, bulan=13, data={})
    assert raised.value.message_dict == {"bulan": ["Bulan harus 1 sampai 12, bukan 13."]}


def test_recompute_start_requires_a_reason(agency):
    with pytest.raises(ValidationError) as raised:
        services.recompute_start(
            aktor=SYSTEM, pengguna=agency.admin, unit=agency.biro, tahun=TAHUN, bulan=0, alasan=" "
        )
    assert raised.value.message_dict == {
        "bulan": ["Bulan harus 1 sampai 12, bukan 0."],
        "alasan": ["Tuliskan alasan penghitungan ulang."],
    }


def test_allowance_period_uses_stored_and_computed_months(siti):
    attend(siti, bulan=1, tanpa_keterangan=1)
    totals = selectors.allowance_period(tahun=TAHUN, months=[1, 2, 3], pegawai_ids=[siti.pk])
    assert totals[siti.pk].bruto == 3 * KELAS_9
    assert totals[siti.pk].netto == 3 * KELAS_9 - 113_430
    assert totals[siti.pk].potongan_persen == Decimal("1.00")
