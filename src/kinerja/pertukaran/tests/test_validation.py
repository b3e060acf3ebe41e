"""Every kind of bad row is refused with its exact message, and nothing is written."""

from __future__ import annotations

import pytest

from kinerja.pertukaran.tests.helpers import (
    NIP_ANALIS,
    NIP_KEPALA,
    NIP_STAF,
    pegawai_row,
    rejected,
)

pytestmark = pytest.mark.django_db


def units(*rows: tuple[str, str, str | None]) -> list[dict[str, object]]:
    return [{"kode": kode, "nama": nama, "induk_kode": induk} for kode, nama, induk in rows]


# --- Columns --------------------------------------------------------------------------------


def test_missing_required_columns_are_named(agency):
    sheet = [{"nip": NIP_STAF, "nama": "Rina", "jabatan": "Staf"}]
    assert rejected({"pegawai": sheet}) == [
        ("pegawai", 1, "unit_kode", "Kolom wajib 'unit_kode' tidak ada."),
        ("pegawai", 1, "jenis_jabatan", "Kolom wajib 'jenis_jabatan' tidak ada."),
    ]


def test_unknown_and_repeated_columns_are_named(agency):
    sheet = [pegawai_row(tanggal_lahir="1990-02-02")]
    report = rejected({"pegawai": sheet})
    assert report == [
        (
            "pegawai",
            1,
            "tanggal_lahir",
            "Kolom 'tanggal_lahir' tidak dikenal di sheet pegawai. Kolom yang dikenal: nip, nama, "
            "unit_kode, jabatan, jenis_jabatan, jenjang, kelas_jabatan, status, golongan, "
            "atasan_nip, aktif, keterangan.",
        )
    ]
    assert rejected({"unit": [{"kode": "X", "nama": "X", " KODE ": "Y"}]}) == [
        ("unit", 1, "kode", "Kolom 'kode' muncul dua kali (kolom A dan C).")
    ]


def test_column_names_are_case_insensitive_and_trimmed(agency):
    from kinerja.pertukaran.tests.helpers import run

    result = run({" UNIT ": [{" Kode": "BARU", "NAMA ": "Unit Baru", "Induk_Kode": "SET"}]})
    assert result.sheets["unit"].created == 1


def test_unknown_sheet_is_refused_but_an_empty_one_ignored(agency):
    assert rejected({"absensi": [{"nip": NIP_STAF}], "Sheet1": []}) == [
        (
            "absensi",
            0,
            "",
            "Sheet 'absensi' tidak dikenal. Sheet yang didukung: unit, pegawai, skp, realisasi, "
            "kinerja_organisasi, penilaian, kehadiran, potensi.",
        )
    ]
    assert rejected({"Sheet1": []}) == [
        (
            "",
            0,
            "",
            "Berkas tidak berisi sheet yang dikenal. Sheet yang didukung: unit, pegawai, skp, "
            "realisasi, kinerja_organisasi, penilaian, kehadiran, potensi.",
        )
    ]


def test_formula_in_a_cell_names_the_cell(agency):
    sheet = [pegawai_row(kelas_jabatan="=4+1")]
    assert rejected({"pegawai": sheet}) == [
        (
            "pegawai",
            2,
            "kelas_jabatan",
            "Sel G2 berisi rumus (=4+1); isi nilainya saja, bukan rumus.",
        )
    ]


# --- Unit sheet -----------------------------------------------------------------------------


def test_unit_required_duplicate_and_unknown_parent(agency):
    sheet = units(
        ("", "Tanpa Kode", None),
        ("B1", "", "SET"),
        ("B2", "Biro Dua", "TIDAK-ADA"),
        ("B3", "Biro Tiga", "SET"),
        ("B3", "Biro Tiga Lagi", "SET"),
    )
    assert rejected({"unit": sheet}) == [
        ("unit", 2, "kode", "Wajib diisi."),
        ("unit", 3, "nama", "Wajib diisi."),
        (
            "unit",
            4,
            "induk_kode",
            "Unit induk 'TIDAK-ADA' tidak ada, baik di sheet unit maupun di basis data.",
        ),
        ("unit", 6, "kode", "Kode unit 'B3' muncul dua kali: baris 5 dan 6."),
    ]


def test_unit_cycle_reports_every_unit_in_it(agency):
    sheet = units(("A", "A", "C"), ("B", "B", "A"), ("C", "C", "B"), ("D", "D", "D"))
    assert rejected({"unit": sheet}) == [
        ("unit", 2, "induk_kode", "Unit membentuk siklus induk: A → C → B → A."),
        ("unit", 3, "induk_kode", "Unit membentuk siklus induk: A → C → B → A."),
        ("unit", 4, "induk_kode", "Unit membentuk siklus induk: A → C → B → A."),
        ("unit", 5, "induk_kode", "Unit tidak boleh menjadi induk dirinya sendiri."),
    ]


def test_unit_cycle_through_the_database(agency):
    # SET is the root; putting it under BU-SDM (its own grandchild) closes a loop.
    assert rejected({"unit": units(("SET", "Sekretariat Badan", "BU-SDM"))}) == [
        ("unit", 2, "induk_kode", "Unit membentuk siklus induk: BU → SET → BU-SDM → BU."),
    ]


def test_unit_kode_too_long(agency):
    assert rejected({"unit": units(("K" * 51, "Panjang", None))}) == [
        ("unit", 2, "kode", "Terlalu panjang: 51 karakter, paling banyak 50."),
    ]


# --- Pegawai sheet ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nip", "reason"),
    [
        ("12345", "NIP harus 18 digit angka."),
        ("19900202201502200A", "NIP harus 18 digit angka."),
        ("199002302015022002", "8 digit pertama NIP bukan tanggal lahir yang sah."),
        ("199002022015132002", "Digit 9\N{EN DASH}14 NIP bukan bulan pengangkatan yang sah."),
        ("199002021989022002", "Bulan pengangkatan pada NIP harus sesudah tanggal lahir."),
        ("199002022015023002", "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2."),
        ("", "Wajib diisi."),
    ],
)
def test_malformed_nip_gives_the_reason(agency, nip, reason):
    assert rejected({"pegawai": [pegawai_row(nip=nip)]}) == [("pegawai", 2, "nip", reason)]


def test_nip_stored_as_a_number_is_refused(agency):
    message = (
        "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; simpan kolom NIP sebagai "
        "teks (format sel Teks, atau awali dengan tanda petik ')."
    )
    sheet = [pegawai_row(nip=1.99002022015022e17), pegawai_row(nip=NIP_ANALIS, atasan_nip=19800101)]
    assert rejected({"pegawai": sheet}) == [
        ("pegawai", 2, "nip", message),
        ("pegawai", 3, "atasan_nip", message),
    ]


def test_duplicate_nip_names_both_rows(agency):
    sheet = [pegawai_row(), pegawai_row(nama="Rina Kedua")]
    assert rejected({"pegawai": sheet}) == [
        ("pegawai", 3, "nip", f"NIP {NIP_STAF} muncul dua kali: baris 2 dan 3."),
    ]


def test_required_cells_and_unknown_unit(agency):
    sheet = [pegawai_row(nama=" ", unit_kode="ENTAH", jabatan=None, jenis_jabatan=None)]
    assert rejected({"pegawai": sheet}) == [
        ("pegawai", 2, "nama", "Wajib diisi."),
        ("pegawai", 2, "jabatan", "Wajib diisi."),
        ("pegawai", 2, "jenis_jabatan", "Wajib diisi."),
        (
            "pegawai",
            2,
            "unit_kode",
            "Unit 'ENTAH' tidak ada, baik di sheet unit maupun di basis data.",
        ),
    ]


def test_unit_from_the_unit_sheet_is_known(agency):
    from kinerja.pertukaran.tests.helpers import run

    result = run(
        {
            "unit": units(("BARU", "Unit Baru", "BU")),
            "pegawai": [pegawai_row(unit_kode="BARU")],
        }
    )
    assert result.sheets["pegawai"].created == 1


def test_bad_enums_and_kelas(agency):
    sheet = [
        pegawai_row(
            jenis_jabatan="Fungsional Umum",
            kelas_jabatan=18,
            status="HONORER",
            aktif="mungkin",
            keterangan="LIBURAN",
        ),
        pegawai_row(
            nip=NIP_ANALIS, jenis_jabatan="fungsional", jenjang="AHLI_SUPER", kelas_jabatan=9.5
        ),
    ]
    assert rejected({"pegawai": sheet}) == [
        (
            "pegawai",
            2,
            "jenis_jabatan",
            "Nilai 'Fungsional Umum' tidak dikenal. Pilihan: JPT, ADMINISTRATOR, PENGAWAS, "
            "PELAKSANA, FUNGSIONAL.",
        ),
        ("pegawai", 2, "status", "Nilai 'HONORER' tidak dikenal. Pilihan: PNS, PPPK."),
        ("pegawai", 2, "aktif", "Harus YA atau TIDAK, bukan 'mungkin'."),
        (
            "pegawai",
            2,
            "keterangan",
            "Nilai 'LIBURAN' tidak dikenal. Pilihan: PENSIUN, MUTASI, CUTI_BESAR, "
            "CUTI_DI_LUAR_TANGGUNGAN_NEGARA, HUKUMAN_DISIPLIN, TUGAS_BELAJAR, "
            "DIBERHENTIKAN_SEMENTARA, MENINGGAL_DUNIA, BERHENTI.",
        ),
        (
            "pegawai",
            3,
            "jenjang",
            "Nilai 'AHLI_SUPER' tidak dikenal. Pilihan: AHLI_PERTAMA, AHLI_MUDA, AHLI_MADYA, "
            "AHLI_UTAMA, PEMULA, TERAMPIL, MAHIR, PENYELIA.",
        ),
        ("pegawai", 3, "kelas_jabatan", "Harus bilangan bulat, bukan 9.5."),
    ]


def test_kelas_18_is_refused(agency):
    assert rejected({"pegawai": [pegawai_row(kelas_jabatan=18)]}) == [
        ("pegawai", 2, "kelas_jabatan", "Kelas jabatan harus 1 sampai 17."),
    ]


def test_jenjang_required_for_fungsional_and_only_for_it(agency):
    sheet = [
        pegawai_row(jenis_jabatan="FUNGSIONAL", jenjang=None),
        pegawai_row(nip=NIP_ANALIS, jenis_jabatan="PELAKSANA", jenjang="AHLI_MUDA"),
    ]
    assert rejected({"pegawai": sheet}) == [
        ("pegawai", 2, "jenjang", "Jenjang wajib diisi untuk jabatan fungsional."),
        ("pegawai", 3, "jenjang", "Jenjang hanya untuk jabatan fungsional."),
    ]


def test_golongan_must_match_status(agency):
    sheet = [
        pegawai_row(status="PPPK", golongan="III/a"),
        pegawai_row(nip=NIP_ANALIS, status="PNS", golongan="IX"),
    ]
    assert rejected({"pegawai": sheet}) == [
        ("pegawai", 2, "golongan", "Golongan PPPK harus I sampai XVII."),
        ("pegawai", 3, "golongan", "Golongan PNS harus berbentuk I/a sampai IV/e (mis. III/a)."),
    ]


def test_appraiser_must_exist_and_not_be_the_employee(agency):
    sheet = [
        pegawai_row(atasan_nip=NIP_KEPALA),
        pegawai_row(nip=NIP_ANALIS, atasan_nip=NIP_ANALIS),
    ]
    assert rejected({"pegawai": sheet}) == [
        (
            "pegawai",
            2,
            "atasan_nip",
            f"Pejabat penilai dengan NIP {NIP_KEPALA} tidak ada, baik di sheet pegawai maupun di "
            "basis data.",
        ),
        (
            "pegawai",
            3,
            "atasan_nip",
            "Pegawai tidak boleh menjadi pejabat penilai dirinya sendiri.",
        ),
    ]


def test_appraiser_cycle_within_the_sheet(agency):
    sheet = [
        pegawai_row(nip=NIP_KEPALA, atasan_nip=NIP_ANALIS),
        pegawai_row(nip=NIP_STAF, atasan_nip=NIP_KEPALA),
        pegawai_row(nip=NIP_ANALIS, atasan_nip=NIP_STAF),
    ]
    cycle = f"{NIP_KEPALA} → {NIP_ANALIS} → {NIP_STAF} → {NIP_KEPALA}"
    message = f"Rantai pejabat penilai membentuk siklus: {cycle}."
    assert rejected({"pegawai": sheet}) == [
        ("pegawai", 2, "atasan_nip", message),
        ("pegawai", 3, "atasan_nip", message),
        ("pegawai", 4, "atasan_nip", message),
    ]


def test_appraiser_cycle_between_the_sheet_and_the_database(agency):
    # In the database Siti is appraised by Budi; the sheet makes Budi appraised by Siti.
    budi, siti = agency.penilai, agency.pegawai
    sheet = [
        pegawai_row(
            nip=budi.nip,
            nama=budi.nama,
            unit_kode="BU-SDM",
            jabatan=budi.jabatan.nama,
            atasan_nip=siti.nip,
        )
    ]
    first, second = sorted([budi.nip, siti.nip])
    assert rejected({"pegawai": sheet}) == [
        (
            "pegawai",
            2,
            "atasan_nip",
            f"Rantai pejabat penilai membentuk siklus: {first} → {second} → {first}.",
        )
    ]


def test_every_bad_row_is_reported_at_once(agency):
    sheet = [
        pegawai_row(nip="123"),
        pegawai_row(nip=NIP_ANALIS, unit_kode="ENTAH"),
        pegawai_row(nip=NIP_KEPALA, kelas_jabatan=0),
    ]
    report = rejected({"unit": units(("X", "", None)), "pegawai": sheet})
    assert [(sheet_name, row, column) for sheet_name, row, column, _ in report] == [
        ("unit", 2, "nama"),
        ("pegawai", 2, "nip"),
        ("pegawai", 3, "unit_kode"),
        ("pegawai", 4, "kelas_jabatan"),
    ]


def test_berlaku_mulai_before_the_open_history_is_refused(agency):
    import datetime

    siti, budi = agency.pegawai, agency.penilai
    row = pegawai_row(
        nip=siti.nip, nama=siti.nama, unit_kode="BU-SDM", jabatan=siti.jabatan.nama,
        atasan_nip=None, kelas_jabatan=siti.jabatan.kelas_jabatan, golongan=siti.golongan,
    )  # fmt: skip
    # The factory opened Siti's history on 2024-01-01.
    assert rejected({"pegawai": [row]}, berlaku_mulai=datetime.date(2023, 6, 1)) == [
        (
            "pegawai",
            2,
            "atasan_nip",
            "Riwayat pejabat penilai yang berlaku dimulai 2024-01-01, sesudah tanggal berlaku "
            "impor 2023-06-01.",
        )
    ]
    assert budi.pk
