"""The `skp` sheet: exact rows, every kind of bad row, all-or-nothing, idempotence, deletion,
cascading across the sheet and the database, years opened, CSV and xlsx, scope, query counts."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.audit.models import Entri
from kinerja.audit.selectors import chain_check
from kinerja.audit.services import Aktor
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.periode.models import Periode, TahunKinerja
from kinerja.pertukaran import readers
from kinerja.pertukaran.services import ImportRejected, ImportResult
from kinerja.pertukaran.sheets.skp import HANDLER
from kinerja.pertukaran.tests.helpers import (
    pegawai_row,
    run,
    snapshot,
    write_csv_folder,
    write_xlsx,
)
from kinerja.skp import services
from kinerja.skp.models import Indikator, Rhk, RiwayatSkp, Skp
from kinerja.skp.tests.factories import SYSTEM, aktor_for, approved_plan, open_year, plan_with_rhk
from kinerja.skp.tests.helpers import skp_state

pytestmark = pytest.mark.django_db

TAHUN = 2026
COLUMNS = HANDLER.column_names
LAYANAN = "Meningkatnya kualitas layanan kepegawaian"
KOMPETENSI = "Tersusunnya rencana pengembangan kompetensi pegawai"
PANGKAT = "Terselesaikannya usulan kenaikan pangkat tepat waktu"
TIM = "Terlaksananya tugas sebagai anggota tim SAKIP"
NOTE = "Impor data, berlaku mulai 2025-01-01."


def row(nip: str, rhk_kode: str = "RHK-01", rhk: str = LAYANAN, **values: object) -> dict:
    """A row of the skp sheet with every column (empty unless given)."""
    cells: dict[str, object] = dict.fromkeys(COLUMNS)
    cells.update(nip=nip, tahun=TAHUN, rhk_kode=rhk_kode, rhk=rhk)
    cells.update(values)
    return cells


def workbook(agency: Any) -> dict[str, list[dict[str, object]]]:
    """The appraiser's plan (two RHKs, three indicators) and the employee's plan cascading from
    it (one indicator, and an additional RHK without an indicator yet)."""
    a, p = agency.penilai.nip, agency.pegawai.nip
    return {
        "skp": [
            row(a, iki="Persentase layanan selesai tepat waktu", target=95, satuan="persen"),
            row(a, aspek="waktu", iki="Rata-rata waktu layanan", target="3", satuan="hari"),
            row(a, "RHK-02", KOMPETENSI, iki="Dokumen rencana", target="1", satuan="dokumen"),
            row(
                p, "RHK-01", PANGKAT, rhk_atasan_kode="RHK-01", aspek="Kualitas",
                iki="Persentase usulan yang lengkap", target="97,5", satuan="persen",
            ),
            row(p, "RHK-02", TIM, jenis="tambahan", rhk_atasan_kode="RHK-02"),
        ]
    }  # fmt: skip


def counts(result: ImportResult) -> dict[str, dict[str, int]]:
    return {name: sheet.as_dict() for name, sheet in result.sheets.items()}


def everything() -> dict[str, Any]:
    return {"skp": skp_state(), "organisasi": snapshot()}


def refused(sheets: dict[str, list[dict[str, object]]], **options: Any) -> list[tuple]:
    """Run an import that must be refused; nothing at all changes; return the skp report."""
    before = everything()
    with pytest.raises(ImportRejected) as error:
        run(sheets, **options)
    assert everything() == before
    return [(e.sheet, e.row, e.column, e.reason) for e in error.value.report]


def rhk_rows() -> list[tuple]:
    return list(
        Rhk.objects.order_by("skp__pegawai__nama", "urutan").values_list(
            "skp__pegawai__nama",
            "kode",
            "jenis",
            "uraian",
            "rhk_atasan__kode",
            "rhk_atasan__skp__pegawai__nama",
            "perspektif",
            "urutan",
        )
    )


def indikator_rows() -> list[tuple]:
    return list(
        Indikator.objects.order_by("rhk__skp__pegawai__nama", "rhk__kode", "urutan").values_list(
            "rhk__skp__pegawai__nama",
            "rhk__kode",
            "aspek",
            "uraian",
            "target_nilai",
            "target_satuan",
            "target_narasi",
            "urutan",
        )
    )


@pytest.fixture
def year(agency: Any) -> TahunKinerja:
    return open_year(TAHUN)


# --- A valid workbook ---------------------------------------------------------------------------


def test_valid_workbook_creates_exact_rows(agency, year):
    result = run(workbook(agency))
    assert counts(result) == {"skp": {"dibuat": 2, "diubah": 0, "tetap": 0}}
    assert result.extra == {}
    assert list(
        Skp.objects.order_by("pegawai__nama").values_list(
            "pegawai__nama", "tahun", "pendekatan", "status", "revisi"
        )
    ) == [
        ("Budi Santoso", 2026, "KUANTITATIF", "DRAF", 1),
        ("Siti Aminah", 2026, "KUANTITATIF", "DRAF", 1),
    ]
    assert rhk_rows() == [
        ("Budi Santoso", "RHK-01", "UTAMA", LAYANAN, None, None, "", 1),
        ("Budi Santoso", "RHK-02", "UTAMA", KOMPETENSI, None, None, "", 2),
        ("Siti Aminah", "RHK-01", "UTAMA", PANGKAT, "RHK-01", "Budi Santoso", "", 1),
        ("Siti Aminah", "RHK-02", "TAMBAHAN", TIM, "RHK-02", "Budi Santoso", "", 2),
    ]
    assert indikator_rows() == [
        ("Budi Santoso", "RHK-01", "KUANTITAS", "Persentase layanan selesai tepat waktu",
         Decimal("95"), "persen", "", 1),
        ("Budi Santoso", "RHK-01", "WAKTU", "Rata-rata waktu layanan", Decimal("3"), "hari", "", 2),
        ("Budi Santoso", "RHK-02", "KUANTITAS", "Dokumen rencana", Decimal("1"), "dokumen", "", 1),
        ("Siti Aminah", "RHK-01", "KUALITAS", "Persentase usulan yang lengkap",
         Decimal("97.5"), "persen", "", 1),
    ]  # fmt: skip
    assert list(
        RiwayatSkp.objects.order_by("skp__pegawai__nama").values_list(
            "skp__pegawai__nama", "revisi", "aksi", "status", "catatan", "oleh_label"
        )
    ) == [
        ("Budi Santoso", 1, "DIIMPOR", "DRAF", "Impor data", "tes"),
        ("Siti Aminah", 1, "DIIMPOR", "DRAF", "Impor data", "tes"),
    ]


def test_valid_workbook_is_audited_once_per_plan(agency, year):
    start = Entri.objects.count()
    run(workbook(agency), aktor=Aktor(pengguna_id=None, label="Admin Tes", alamat_ip="10.0.0.2"))
    entries = list(Entri.objects.filter(urutan__gt=start).order_by("urutan"))
    assert [entry.aksi for entry in entries] == ["skp.import", "skp.import", "impor.run"]
    staf = Skp.objects.get(pegawai=agency.pegawai)
    entry = entries[1]
    assert (entry.objek_tipe, entry.objek_id, entry.objek_label, entry.keterangan) == (
        "skp.skp",
        str(staf.pk),
        "SKP 2026 Siti Aminah",
        NOTE,
    )
    assert (entry.aktor_label, entry.alamat_ip, entry.sebelum) == ("Admin Tes", "10.0.0.2", None)
    assert entry.sesudah == {
        "pegawai": agency.pegawai.nip,
        "tahun": 2026,
        "pendekatan": "KUANTITATIF",
        "rhk": {
            "RHK-01": {
                "jenis": "UTAMA",
                "uraian": PANGKAT,
                "rhk_atasan": f"RHK-01 ({agency.penilai.nip})",
                "perspektif": "",
                "urutan": 1,
                "indikator": [
                    {
                        "aspek": "KUALITAS",
                        "uraian": "Persentase usulan yang lengkap",
                        "target_nilai": "97.5",
                        "target_satuan": "persen",
                        "target_narasi": "",
                    }
                ],
            },
            "RHK-02": {
                "jenis": "TAMBAHAN",
                "uraian": TIM,
                "rhk_atasan": f"RHK-02 ({agency.penilai.nip})",
                "perspektif": "",
                "urutan": 2,
                "indikator": [],
            },
        },
    }
    assert entries[2].sesudah["sheet"] == {"skp": {"dibuat": 2, "diubah": 0, "tetap": 0}}
    assert chain_check().kerusakan == []


def test_codes_and_labels_in_any_case_and_a_qualitative_plan(agency, year):
    a = agency.penilai.nip
    sheet = [
        row(
            a, perspektif="Penerima Layanan", jenis="Utama", pendekatan="kualitatif",
            aspek="KUALITAS", iki="Kepuasan unit kerja",
            target="Unit kerja puas atas layanan yang cepat dan akurat", satuan="persen",
        ),
        row(
            a, "RHK-02", KOMPETENSI, perspektif="perspektif proses bisnis", jenis="UTAMA",
            pendekatan="Kualitatif", iki="Rencana pengembangan", target=2025,
        ),
        row(a, "RHK-03", TIM, perspektif="ANGGARAN", jenis="TAMBAHAN", pendekatan="KUALITATIF"),
    ]  # fmt: skip
    run({"skp": sheet})
    assert Skp.objects.get().pendekatan == "KUALITATIF"
    assert [(item[1], item[2], item[6]) for item in rhk_rows()] == [
        ("RHK-01", "UTAMA", "PENERIMA_LAYANAN"),
        ("RHK-02", "UTAMA", "PROSES_BISNIS"),
        ("RHK-03", "TAMBAHAN", "ANGGARAN"),
    ]  # fmt: skip
    assert indikator_rows() == [
        ("Budi Santoso", "RHK-01", "KUALITAS", "Kepuasan unit kerja", None, "",
         "Unit kerja puas atas layanan yang cepat dan akurat", 1),
        ("Budi Santoso", "RHK-02", "KUANTITAS", "Rencana pengembangan", None, "", "2025", 1),
    ]  # fmt: skip


def test_biaya_is_accepted_when_the_year_uses_it(agency):
    open_year(TAHUN, aspek_biaya=True)
    sheet = [row(agency.penilai.nip, aspek="Biaya", iki="Efisiensi", target="5", satuan="persen")]
    run({"skp": sheet})
    assert Indikator.objects.get().aspek == "BIAYA"


# --- Bad rows -----------------------------------------------------------------------------------


def test_missing_required_columns_are_named(agency, year):
    sheet = [{"nip": agency.pegawai.nip, "tahun": TAHUN, "rhk": LAYANAN}]
    assert refused({"skp": sheet}) == [
        ("skp", 1, "rhk_kode", "Kolom wajib 'rhk_kode' tidak ada."),
    ]


def test_unknown_nip_and_bad_nip_cells(agency, year):
    sheet = [
        row("199912312020121001"),
        row(199001012015031001.0),
        row(None),
    ]
    assert refused({"skp": sheet}) == [
        ("skp", 2, "nip", "Pegawai dengan NIP 199912312020121001 tidak ada, baik di sheet pegawai "
         "maupun di basis data."),
        ("skp", 3, "nip", "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; simpan "
         "kolom NIP sebagai teks (format sel Teks, atau awali dengan tanda petik ')."),
        ("skp", 4, "nip", "Wajib diisi."),
    ]  # fmt: skip


def test_bad_tahun(agency, year):
    nip = agency.pegawai.nip
    sheet = [
        row(nip, tahun=1999),
        row(nip, tahun=2101),
        row(nip, tahun="dua ribu"),
        row(nip, tahun=None),
    ]
    assert refused({"skp": sheet}) == [
        ("skp", 2, "tahun", "Tahun harus antara 2000 dan 2100."),
        ("skp", 3, "tahun", "Tahun harus antara 2000 dan 2100."),
        ("skp", 4, "tahun", "Harus bilangan bulat, bukan 'dua ribu'."),
        ("skp", 5, "tahun", "Wajib diisi."),
    ]  # fmt: skip


def test_conflicting_rhk_columns_name_the_first_row(agency, year):
    a = agency.penilai.nip
    sheet = [
        row(a, iki="Satu", target=1, satuan="dokumen"),
        row(a, rhk="Meningkatnya layanan", iki="Dua", target=2, satuan="dokumen"),
        row(a, jenis="TAMBAHAN", perspektif="ANGGARAN", iki="Tiga", target=3, satuan="dokumen"),
    ]
    assert refused({"skp": sheet}) == [
        ("skp", 3, "rhk", f"Tidak sama dengan baris 2 untuk RHK RHK-01 ('{LAYANAN}'); baris-baris "
         "satu RHK harus sama isinya."),
        ("skp", 4, "jenis", "Tidak sama dengan baris 2 untuk RHK RHK-01 ('UTAMA'); baris-baris "
         "satu RHK harus sama isinya."),
        ("skp", 4, "perspektif", "Tidak sama dengan baris 2 untuk RHK RHK-01 (''); baris-baris "
         "satu RHK harus sama isinya."),
    ]  # fmt: skip


def test_mixed_pendekatan_in_one_plan(agency, year):
    a = agency.penilai.nip
    sheet = [
        row(a, iki="Satu", target=1, satuan="dokumen"),
        row(a, "RHK-02", KOMPETENSI, pendekatan="KUALITATIF", iki="Dua", target="Tersusun baik"),
    ]
    assert refused({"skp": sheet}) == [
        ("skp", 3, "pendekatan", "SKP ini memakai pendekatan KUANTITATIF di baris 2; satu SKP "
         "hanya memakai satu pendekatan."),
    ]  # fmt: skip


def test_bad_code_and_enumerations(agency, year):
    a = agency.penilai.nip
    sheet = [
        row(a, rhk_kode="RHK 01"),
        row(a, rhk_kode="-RHK"),
        row(a, "RHK-02", jenis="POKOK"),
        row(a, "RHK-03", pendekatan="CAMPURAN"),
        row(a, "RHK-04", perspektif="Keuangan"),
        row(a, "RHK-05", aspek="MUTU", iki="Mutu", target=1, satuan="dokumen"),
        row(a, "RHK-06", rhk=None),
    ]
    assert refused({"skp": sheet}) == [
        ("skp", 2, "rhk_kode", "Kode RHK 1–30 karakter: huruf, angka, titik, garis miring, "
         "tanda hubung atau garis bawah, diawali huruf atau angka."),
        ("skp", 3, "rhk_kode", "Kode RHK 1–30 karakter: huruf, angka, titik, garis miring, "
         "tanda hubung atau garis bawah, diawali huruf atau angka."),
        ("skp", 4, "jenis", "Nilai 'POKOK' tidak dikenal. Pilihan: UTAMA, TAMBAHAN."),
        ("skp", 5, "pendekatan", "Nilai 'CAMPURAN' tidak dikenal. Pilihan: KUANTITATIF, "
         "KUALITATIF."),
        ("skp", 6, "perspektif", "Nilai 'Keuangan' tidak dikenal. Pilihan: PENERIMA_LAYANAN, "
         "PROSES_BISNIS, PENGUATAN_INTERNAL, ANGGARAN."),
        ("skp", 7, "aspek", "Nilai 'MUTU' tidak dikenal. Pilihan: KUANTITAS, KUALITAS, WAKTU, "
         "BIAYA."),
        ("skp", 8, "rhk", "Wajib diisi."),
    ]  # fmt: skip


def test_biaya_is_refused_when_the_year_does_not_use_it(agency, year):
    sheet = [row(agency.penilai.nip, aspek="BIAYA", iki="Efisiensi", target=5, satuan="persen")]
    assert refused({"skp": sheet}) == [
        ("skp", 2, "aspek", "Aspek harus salah satu dari: Kuantitas, Kualitas, Waktu."),
    ]


def test_bad_targets(agency, year):
    a = agency.penilai.nip
    sheet = [
        row(a, iki="Satu", target="dua belas", satuan="dokumen"),
        row(a, iki="Dua", target="1,23456", satuan="dokumen"),
        row(a, iki="Tiga", target="12"),
        row(a, iki="Empat", target=None, satuan="dokumen"),
        row(a, iki="Lima", target="-3", satuan="dokumen"),
        row(a, target="12", satuan="dokumen"),
        row(a, iki="Tujuh", target=12, satuan="x" * 51),
    ]
    assert refused({"skp": sheet}) == [
        ("skp", 2, "target", "Target harus berupa angka, mis. 12 atau 97,5."),
        ("skp", 3, "target", "Target paling banyak 4 angka di belakang koma."),
        ("skp", 4, "satuan", "Satuan target wajib diisi (mis. dokumen, persen, hari)."),
        ("skp", 5, "target", "Pendekatan kuantitatif: target wajib berupa angka."),
        ("skp", 6, "target", "Target tidak boleh negatif."),
        ("skp", 7, "iki", "Wajib diisi bila kolom aspek, target atau satuan diisi."),
        ("skp", 8, "satuan", "Terlalu panjang: 51 karakter, paling banyak 50."),
    ]


def test_narrative_missing_in_a_qualitative_plan(agency, year):
    sheet = [row(agency.penilai.nip, pendekatan="KUALITATIF", iki="Kepuasan", target=None)]
    assert refused({"skp": sheet}) == [
        ("skp", 2, "target", "Pendekatan kualitatif: uraikan target secara naratif."),
    ]


def test_rhk_atasan_kode_must_name_an_rhk_of_the_appraisers_plan(agency, year):
    a, p = agency.penilai.nip, agency.pegawai.nip
    sheet = [
        row(a, iki="Satu", target=1, satuan="dokumen"),
        row(p, "RHK-01", PANGKAT, rhk_atasan_kode="RHK-09", iki="Dua", target=2, satuan="dokumen"),
        row(a, "RHK-02", KOMPETENSI, rhk_atasan_kode="RHK-01"),
    ]
    assert refused({"skp": sheet}) == [
        ("skp", 3, "rhk_atasan_kode", f"RHK RHK-09 tidak ada dalam SKP 2026 pejabat penilai Budi "
         f"Santoso ({a}), baik di sheet skp maupun di basis data."),
        ("skp", 4, "rhk_atasan_kode", "Pegawai ini tidak memiliki pejabat penilai; kosongkan "
         "kolom ini."),
    ]  # fmt: skip


def test_rhk_atasan_kode_may_name_a_stored_rhk_but_not_one_the_sheet_removes(agency, year):
    a, p = agency.penilai.nip, agency.pegawai.nip
    plan_with_rhk(agency.penilai, kode="RHK-07")
    run({"skp": [row(p, "RHK-01", PANGKAT, rhk_atasan_kode="RHK-07")]})
    assert rhk_rows()[1] == ("Siti Aminah", "RHK-01", "UTAMA", PANGKAT, "RHK-07",
                             "Budi Santoso", "", 1)  # fmt: skip
    sheet = [row(a, "RHK-08", KOMPETENSI), row(p, "RHK-01", PANGKAT, rhk_atasan_kode="RHK-07")]
    assert refused({"skp": sheet}) == [
        ("skp", 3, "rhk_atasan_kode", f"RHK RHK-07 tidak ada dalam SKP 2026 pejabat penilai Budi "
         f"Santoso ({a}), baik di sheet skp maupun di basis data."),
    ]  # fmt: skip


def test_a_submitted_or_approved_plan_is_not_overwritten(agency, year):
    _leader, rhk = approved_plan(agency.penilai, kode="RHK-01")
    staf, _rhk = plan_with_rhk(agency.pegawai, rhk_atasan=rhk)
    services.skp_submit(aktor=aktor_for(agency.pegawai), skp=staf)
    sheet = [
        row(agency.penilai.nip, "RHK-01", "Uraian baru"),
        row(agency.pegawai.nip, "RHK-01", "Uraian baru", rhk_atasan_kode="RHK-01"),
    ]
    assert refused({"skp": sheet}) == [
        ("skp", 2, "nip", "SKP 2026 Budi Santoso sudah disetujui; buka revisi sebelum "
         "mengubahnya lewat impor."),
        ("skp", 3, "nip", "SKP 2026 Siti Aminah sedang diajukan kepada pejabat penilai; tarik "
         "kembali pengajuannya sebelum mengubahnya lewat impor."),
    ]  # fmt: skip


def test_an_approved_plan_equal_to_the_sheet_is_left_alone(agency, year):
    run(workbook(agency))
    leader = Skp.objects.get(pegawai=agency.penilai)
    services.skp_submit(aktor=aktor_for(agency.penilai), skp=leader)
    services.skp_approve(aktor=SYSTEM, skp=leader)
    before = everything()
    result = run(workbook(agency))
    assert counts(result) == {"skp": {"dibuat": 0, "diubah": 0, "tetap": 2}}
    assert everything() == before


def test_scope_limits_an_admin_to_the_employees_of_their_units(agency, year):
    scope = scope_for(agency.admin)
    sheet = [row(agency.outsider.nip), row(agency.pegawai.nip)]
    assert refused({"skp": sheet}, scope=scope) == [
        ("skp", 2, "nip", "Pegawai ini bekerja di unit BL – Biro Lain, di luar unit yang Anda "
         "kelola."),
    ]  # fmt: skip
    result = run({"skp": [row(agency.pegawai.nip)]}, scope=scope)
    assert counts(result) == {"skp": {"dibuat": 1, "diubah": 0, "tetap": 0}}


def test_every_bad_row_is_reported_and_nothing_is_written(agency, year):
    sheets = workbook(agency)
    sheets["skp"].append(row(agency.outsider.nip, tahun=1990))
    sheets["skp"].append(row("199912312020121001"))
    assert refused(sheets) == [
        ("skp", 7, "tahun", "Tahun harus antara 2000 dan 2100."),
        ("skp", 8, "nip", "Pegawai dengan NIP 199912312020121001 tidak ada, baik di sheet "
         "pegawai maupun di basis data."),
    ]  # fmt: skip
    assert Skp.objects.count() == 0


# --- Idempotence, updates, deletion -------------------------------------------------------------


def test_second_import_changes_nothing(agency, year):
    run(workbook(agency))
    before = everything()
    result = run(workbook(agency), berlaku_mulai=datetime.date(2025, 3, 1))
    assert counts(result) == {"skp": {"dibuat": 0, "diubah": 0, "tetap": 2}}
    assert everything() == before


def test_update_upserts_rhk_by_code_replaces_indicators_and_deletes_the_unlisted(agency, year):
    run(workbook(agency))
    leader = Skp.objects.get(pegawai=agency.penilai)
    kept_id = Rhk.objects.get(skp=leader, kode="RHK-01").pk
    services.skp_update(
        aktor=SYSTEM, skp=leader, pendekatan="KUANTITATIF", konsekuensi="Teguran tertulis"
    )
    a, p = agency.penilai.nip, agency.pegawai.nip
    start = Entri.objects.count()
    sheets = workbook(agency)
    sheets["skp"][1:3] = [
        row(a, aspek="WAKTU", iki="Rata-rata waktu layanan", target="2,5", satuan="hari"),
        row(a, "RHK-03", "Terkelolanya data kepegawaian", iki="Data mutakhir", target=100,
            satuan="persen"),
    ]  # fmt: skip
    sheets["skp"][4] = row(p, "RHK-02", TIM, jenis="tambahan", rhk_atasan_kode="RHK-03")
    result = run(sheets)
    assert counts(result) == {"skp": {"dibuat": 0, "diubah": 2, "tetap": 0}}
    assert Rhk.objects.get(skp=leader, kode="RHK-01").pk == kept_id
    assert rhk_rows() == [
        ("Budi Santoso", "RHK-01", "UTAMA", LAYANAN, None, None, "", 1),
        ("Budi Santoso", "RHK-03", "UTAMA", "Terkelolanya data kepegawaian", None, None, "", 2),
        ("Siti Aminah", "RHK-01", "UTAMA", PANGKAT, "RHK-01", "Budi Santoso", "", 1),
        ("Siti Aminah", "RHK-02", "TAMBAHAN", TIM, "RHK-03", "Budi Santoso", "", 2),
    ]
    assert indikator_rows()[:3] == [
        ("Budi Santoso", "RHK-01", "KUANTITAS", "Persentase layanan selesai tepat waktu",
         Decimal("95"), "persen", "", 1),
        ("Budi Santoso", "RHK-01", "WAKTU", "Rata-rata waktu layanan", Decimal("2.5"), "hari",
         "", 2),
        ("Budi Santoso", "RHK-03", "KUANTITAS", "Data mutakhir", Decimal("100"), "persen", "", 1),
    ]  # fmt: skip
    leader.refresh_from_db()
    assert leader.konsekuensi == "Teguran tertulis"  # not a column of the sheet: left alone
    assert list(
        RiwayatSkp.objects.filter(skp=leader).order_by("pk").values_list("aksi", "status")
    ) == [("DIIMPOR", "DRAF"), ("DIIMPOR", "DRAF")]
    entries = list(Entri.objects.filter(urutan__gt=start).order_by("urutan"))
    assert [entry.aksi for entry in entries] == ["skp.import", "skp.import", "impor.run"]
    assert entries[0].objek_label == "SKP 2026 Budi Santoso"
    assert entries[0].sebelum == {
        "rhk": {
            "RHK-01": {
                "jenis": "UTAMA",
                "uraian": LAYANAN,
                "rhk_atasan": None,
                "perspektif": "",
                "urutan": 1,
                "indikator": [
                    {"aspek": "KUANTITAS", "uraian": "Persentase layanan selesai tepat waktu",
                     "target_nilai": "95", "target_satuan": "persen", "target_narasi": ""},
                    {"aspek": "WAKTU", "uraian": "Rata-rata waktu layanan", "target_nilai": "3",
                     "target_satuan": "hari", "target_narasi": ""},
                ],
            },
            "RHK-02": {
                "jenis": "UTAMA",
                "uraian": KOMPETENSI,
                "rhk_atasan": None,
                "perspektif": "",
                "urutan": 2,
                "indikator": [
                    {"aspek": "KUANTITAS", "uraian": "Dokumen rencana", "target_nilai": "1",
                     "target_satuan": "dokumen", "target_narasi": ""},
                ],
            },
            "RHK-03": None,
        }
    }  # fmt: skip
    assert entries[0].sesudah["rhk"]["RHK-02"] is None
    assert entries[0].sesudah["rhk"]["RHK-01"]["indikator"][1]["target_nilai"] == "2.5"
    assert entries[1].sebelum == {"rhk": {"RHK-02": {
        "jenis": "TAMBAHAN", "uraian": TIM, "rhk_atasan": f"RHK-02 ({a})", "perspektif": "",
        "urutan": 2, "indikator": [],
    }}}  # fmt: skip
    assert entries[1].sesudah["rhk"]["RHK-02"]["rhk_atasan"] == f"RHK-03 ({a})"


def test_changing_the_approach_rewrites_the_targets(agency, year):
    a = agency.penilai.nip
    run({"skp": [row(a, iki="Laporan", target=4, satuan="laporan")]})
    run({"skp": [row(a, pendekatan="KUALITATIF", iki="Laporan", target="Tepat waktu dan lengkap")]})
    assert Skp.objects.get().pendekatan == "KUALITATIF"
    assert indikator_rows() == [
        ("Budi Santoso", "RHK-01", "KUANTITAS", "Laporan", None, "", "Tepat waktu dan lengkap", 1)
    ]


def test_deleting_an_rhk_supported_from_outside_the_sheet_is_refused(agency, year):
    run(workbook(agency))
    a = agency.penilai.nip
    leader_only = [
        r for r in workbook(agency)["skp"] if r["nip"] == a and r["rhk_kode"] == "RHK-01"
    ]
    assert refused({"skp": leader_only}) == [
        ("skp", 2, "rhk_kode", "RHK RHK-02 tidak tercantum lagi sehingga akan dihapus, tetapi 1 "
         "RHK bawahan mengintervensinya (Siti Aminah). Cantumkan kembali RHK ini atau pindahkan "
         "dahulu RHK bawahan tersebut."),
    ]  # fmt: skip


def test_deleting_an_rhk_supported_from_inside_the_sheet_relinks_first(agency, year):
    run(workbook(agency))
    a, p = agency.penilai.nip, agency.pegawai.nip
    sheet = [
        row(a, iki="Persentase layanan selesai tepat waktu", target=95, satuan="persen"),
        row(p, "RHK-01", PANGKAT, rhk_atasan_kode="RHK-01"),
    ]
    result = run({"skp": sheet})
    assert counts(result) == {"skp": {"dibuat": 0, "diubah": 2, "tetap": 0}}
    assert rhk_rows() == [
        ("Budi Santoso", "RHK-01", "UTAMA", LAYANAN, None, None, "", 1),
        ("Siti Aminah", "RHK-01", "UTAMA", PANGKAT, "RHK-01", "Budi Santoso", "", 1),
    ]
    assert Indikator.objects.count() == 1


# --- Years, other sheets, files -----------------------------------------------------------------


def test_an_unknown_year_is_opened_with_its_default_quarters(agency):
    sheet = [row(agency.penilai.nip, tahun=2031, iki="Satu", target=1, satuan="dokumen")]
    dry = run({"skp": sheet}, dry_run=True)
    assert (counts(dry), dry.extra) == ({"skp": {"dibuat": 1, "diubah": 0, "tetap": 0}},
                                        {"tahun_baru": 1})  # fmt: skip
    assert TahunKinerja.objects.count() == 0
    result = run({"skp": sheet})
    assert result.extra == {"tahun_baru": 1}
    year = TahunKinerja.objects.get()
    assert (year.tahun, year.jenis_periode, year.batas_pengajuan_skp, year.aspek_biaya) == (
        2031,
        "TRIWULAN",
        datetime.date(2031, 1, 31),
        False,
    )
    assert list(Periode.objects.order_by("urutan").values_list("kode", flat=True)) == [
        "TW1", "TW2", "TW3", "TW4", "TAHUNAN",
    ]  # fmt: skip
    assert list(Entri.objects.order_by("urutan").values_list("aksi", flat=True)) == [
        "tahunkinerja.open", "skp.import", "impor.run",
    ]  # fmt: skip
    assert Skp.objects.get().tahun == 2031


def test_plans_of_employees_created_by_the_same_workbook(agency, year):
    kepala, staf = "198001012005011001", "199002022015022002"
    sheets = {
        "pegawai": [
            pegawai_row(
                nip=kepala,
                nama="Budi Hartono",
                unit_kode="BU",
                jabatan="Kepala Biro Umum",
                jenis_jabatan="JPT",
                kelas_jabatan=14,
                golongan="IV/c",
            ),
            pegawai_row(
                nip=staf,
                unit_kode="BU",
                jabatan="Analis SDM Aparatur",
                jenis_jabatan="FUNGSIONAL",
                jenjang="AHLI_MUDA",
                kelas_jabatan=9,
                golongan="III/c",
                atasan_nip=kepala,
            ),
        ],
        "skp": [
            row(
                staf,
                "A-1",
                PANGKAT,
                rhk_atasan_kode="K-1",
                iki="Usulan",
                target=10,
                satuan="usulan",
            ),
            row(
                kepala,
                "K-1",
                LAYANAN,
                perspektif="PENERIMA_LAYANAN",
                iki="Indeks kepuasan",
                target="3,5",
                satuan="indeks",
            ),
        ],
    }
    result = run(sheets)
    assert counts(result)["skp"] == {"dibuat": 2, "diubah": 0, "tetap": 0}
    assert rhk_rows() == [
        ("Budi Hartono", "K-1", "UTAMA", LAYANAN, None, None, "PENERIMA_LAYANAN", 1),
        ("Rina Lestari", "A-1", "UTAMA", PANGKAT, "K-1", "Budi Hartono", "", 1),
    ]
    assert Skp.objects.get(pegawai__nip=staf).pegawai.penilai.nip == kepala


def test_the_appraiser_of_the_pegawai_sheet_decides_the_cascading(agency, year):
    p = agency.pegawai.nip
    plan_with_rhk(agency.outsider, kode="L-1")
    moved = {
        "pegawai": [
            {
                "nip": p,
                "nama": "Siti Aminah",
                "unit_kode": "BU-SDM",
                "jabatan": "Pelaksana",
                "jenis_jabatan": "PELAKSANA",
                "atasan_nip": agency.outsider.nip,
            },
        ],
        "skp": [row(p, "RHK-01", PANGKAT, rhk_atasan_kode="L-1")],
    }
    run(moved)
    assert rhk_rows()[-1] == ("Siti Aminah", "RHK-01", "UTAMA", PANGKAT, "L-1", "Joko Widodo",
                              "", 1)  # fmt: skip
    assert Pegawai.objects.get(nip=p).penilai.nip == agency.outsider.nip
    plan_with_rhk(agency.penilai, kode="RHK-01")
    assert refused({"skp": [row(p, "RHK-01", PANGKAT, rhk_atasan_kode="RHK-01")]}) == [
        ("skp", 2, "rhk_atasan_kode", "RHK RHK-01 tidak ada dalam SKP 2026 pejabat penilai Joko "
         f"Widodo ({agency.outsider.nip}), baik di sheet skp maupun di basis data."),
    ]  # fmt: skip


def csv_text(rows: list[dict[str, object]]) -> str:
    lines = [",".join(COLUMNS)]
    for cells in rows:
        lines.append(",".join(f'"{cells[c]}"' if cells[c] is not None else "" for c in COLUMNS))
    return "\n".join(lines) + "\n"


def test_csv_folder_and_xlsx_workbook_give_the_same_plans(agency, year, tmp_path):
    folder = write_csv_folder(tmp_path / "data", {"skp": csv_text(workbook(agency)["skp"])})
    with readers.open_path(folder) as source:
        result = run(source)
    assert counts(result) == {"skp": {"dibuat": 2, "diubah": 0, "tetap": 0}}
    from_csv = (rhk_rows(), indikator_rows())
    Indikator.objects.all().delete()
    Rhk.objects.update(rhk_atasan=None)
    Rhk.objects.all().delete()
    RiwayatSkp.objects.all().delete()
    Skp.objects.all().delete()
    rows = [[cells[c] for c in COLUMNS] for cells in workbook(agency)["skp"]]
    rows[3][COLUMNS.index("target")] = 97.5  # a number typed in Excel
    path = write_xlsx(tmp_path / "skp.xlsx", {"SKP": [list(COLUMNS), *rows]})
    with readers.open_path(path) as source:
        result = run(source)
    assert counts(result) == {"skp": {"dibuat": 2, "diubah": 0, "tetap": 0}}
    assert (rhk_rows(), indikator_rows()) == from_csv
    with readers.open_path(path) as source:
        again = run(source)
    assert counts(again) == {"skp": {"dibuat": 0, "diubah": 0, "tetap": 2}}


# --- Query counts -------------------------------------------------------------------------------


def subordinates(agency: Any, count: int) -> list[Pegawai]:
    return [
        PegawaiFactory(unit=agency.bagian, penilai=agency.penilai, nama=f"Staf {n:02d}")
        for n in range(count)
    ]


def plans_of(people: list[Pegawai]) -> dict[str, list[dict[str, object]]]:
    sheet = []
    for person in people:
        sheet.append(row(person.nip, "S-1", PANGKAT, rhk_atasan_kode="RHK-01", iki="Satu",
                         target=1, satuan="dokumen"))  # fmt: skip
        sheet.append(row(person.nip, "S-1", PANGKAT, rhk_atasan_kode="RHK-01", aspek="WAKTU",
                         iki="Dua", target=2, satuan="hari"))  # fmt: skip
        sheet.append(row(person.nip, "S-2", TIM, jenis="TAMBAHAN", rhk_atasan_kode="RHK-01"))
    return {"skp": sheet}


def queries_of(sheets: dict[str, list[dict[str, object]]], **options: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        run(sheets, **options)
    return len(captured.captured_queries)


def test_validation_and_import_run_the_same_queries_for_n_and_3n_plans(agency, year):
    plan_with_rhk(agency.penilai, kode="RHK-01")
    people = subordinates(agency, 12)
    small, large = people[:3], people[3:12]
    assert queries_of(plans_of(small), dry_run=True) == queries_of(plans_of(large), dry_run=True)
    first = queries_of(plans_of(small))
    second = queries_of(plans_of(large))
    assert first == second
    assert Skp.objects.count() == 13
    assert Indikator.objects.count() == 1 + 2 * 12
    assert counts(run(plans_of(people))) == {"skp": {"dibuat": 0, "diubah": 0, "tetap": 12}}
