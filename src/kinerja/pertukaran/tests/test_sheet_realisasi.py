"""The `realisasi` sheet: exact rows, every kind of bad row with its message, all-or-nothing,
idempotence, updates, the period's lock and the report's state, scope, CSV and xlsx, the template,
query counts."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.audit.models import Entri
from kinerja.audit.selectors import chain_check
from kinerja.audit.services import Aktor
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.periode.models import Periode
from kinerja.periode.services import periode_transition
from kinerja.pertukaran import readers, selectors
from kinerja.pertukaran.services import ImportRejected, ImportResult
from kinerja.pertukaran.sheets.realisasi import HANDLER
from kinerja.pertukaran.tests.helpers import (
    pegawai_row,
    run,
    snapshot,
    write_csv_folder,
    write_xlsx,
)
from kinerja.realisasi import services as realisasi_services
from kinerja.realisasi.models import BukaKunci, BuktiDukung, Laporan, Realisasi, RiwayatBukti
from kinerja.realisasi.tests.factories import link, open_period
from kinerja.realisasi.tests.helpers import realisasi_state
from kinerja.skp import services as skp_services
from kinerja.skp.models import Rhk, Skp
from kinerja.skp.tests.factories import SYSTEM, TAHUN, aktor_for

pytestmark = pytest.mark.django_db

COLUMNS = HANDLER.column_names
NOTE = "Impor data, berlaku mulai 2025-01-01."
KUALITATIF_TEXT = "Laporan disusun lengkap dan diterima pimpinan tanpa perbaikan"


def row(nip: str, periode: str = "TW1", rhk_kode: str = "RHK-01", **values: object) -> dict:
    """A row of the realisasi sheet with every column (empty unless given)."""
    cells: dict[str, object] = dict.fromkeys(COLUMNS)
    cells.update(nip=nip, tahun=TAHUN, periode=periode, rhk_kode=rhk_kode)
    cells.update(values)
    return cells


def plan_of(
    pegawai: Pegawai,
    rhks: list[tuple[str, list[tuple[str, str, str]]]],
    *,
    pendekatan: str = "KUANTITATIF",
    approve: bool = True,
) -> Skp:
    """A plan built through the services: RHKs by code with (aspek, IKI, target) indicators, each
    supporting the first RHK of the appraiser's plan (which must be approved first)."""
    aktor = aktor_for(pegawai)
    skp = skp_services.skp_create(aktor=aktor, pegawai=pegawai, tahun=TAHUN, pendekatan=pendekatan)
    leader = (
        Rhk.objects.filter(skp__pegawai_id=pegawai.penilai_id, skp__tahun=TAHUN)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    for kode, indicators in rhks:
        rhk = skp_services.rhk_create(
            aktor=aktor, skp=skp, uraian=f"Hasil kerja {kode}", kode=kode, rhk_atasan_id=leader
        )
        for aspek, uraian, target in indicators:
            if pendekatan == "KUANTITATIF":
                skp_services.indikator_create(
                    aktor=aktor,
                    rhk=rhk,
                    aspek=aspek,
                    uraian=uraian,
                    target_nilai=target,
                    target_satuan="dokumen",
                )
            else:
                skp_services.indikator_create(
                    aktor=aktor, rhk=rhk, aspek=aspek, uraian=uraian, target_narasi=target
                )
    if approve:
        skp_services.skp_submit(aktor=aktor, skp=skp)
        skp = skp_services.skp_approve(aktor=SYSTEM, skp=skp)
    return skp


@pytest.fixture
def plans(agency: Any) -> dict[str, Skp]:
    """TW1 and TW2 open; Budi's quantitative plan (RHK-01: two indicators, RHK-02: one) and Siti's
    qualitative plan (one RHK, one indicator), both approved."""
    open_period("TW1")
    open_period("TW2")
    budi = plan_of(
        agency.penilai,
        [
            ("RHK-01", [("KUANTITAS", "Jumlah laporan", "12"), ("WAKTU", "Rata-rata waktu", "3")]),
            ("RHK-02", [("KUALITAS", "Persentase dokumen tanpa revisi", "95")]),
        ],
    )
    siti = plan_of(
        agency.pegawai,
        [("RHK-01", [("KUALITAS", "Kualitas laporan", "Laporan lengkap dan akurat")])],
        pendekatan="KUALITATIF",
    )
    return {"budi": budi, "siti": siti}


def workbook(agency: Any) -> dict[str, list[dict[str, object]]]:
    b, s = agency.penilai.nip, agency.pegawai.nip
    return {
        "realisasi": [
            row(b, aspek="KUANTITAS", realisasi="3", bukti_url="https://drive.example.go.id/a"),
            row(b, aspek="Kuantitas", realisasi=3, bukti_url="https://drive.example.go.id/b"),
            row(b, aspek="Waktu", realisasi="2,5", bukti_url="HTTPS://Drive.Example.go.id/a/"),
            row(b, rhk_kode="RHK-02", realisasi=97.5),
            row(s, realisasi=KUALITATIF_TEXT, bukti_url="https://drive.example.go.id/siti"),
        ]
    }


def counts(result: ImportResult) -> dict[str, dict[str, int]]:
    return {name: sheet.as_dict() for name, sheet in result.sheets.items()}


def everything() -> dict[str, Any]:
    return {"realisasi": realisasi_state(), "organisasi": snapshot()}


def refused(sheets: dict[str, list[dict[str, object]]], **options: Any) -> list[tuple]:
    """Run an import that must be refused; nothing at all changes; return the report."""
    before = everything()
    with pytest.raises(ImportRejected) as error:
        run(sheets, **options)
    assert everything() == before
    return [(e.sheet, e.row, e.column, e.reason) for e in error.value.report]


def realisasi_rows() -> list[tuple]:
    return list(
        Realisasi.objects.order_by(
            "laporan__skp__pegawai__nama", "indikator__rhk__kode", "indikator__urutan"
        ).values_list(
            "laporan__skp__pegawai__nama",
            "laporan__periode__kode",
            "indikator__rhk__kode",
            "indikator__aspek",
            "nilai",
            "narasi",
        )
    )


def bukti_rows() -> list[tuple]:
    return list(
        BuktiDukung.objects.order_by("pk").values_list(
            "laporan__skp__pegawai__nama",
            "laporan__periode__kode",
            "rhk__kode",
            "jenis",
            "uraian",
            "tautan",
            "tautan_kunci",
            "berkas",
            "status",
            "putaran",
        )
    )


# --- A valid workbook ---------------------------------------------------------------------------


def test_valid_workbook_creates_exact_rows(agency, plans):
    started = timezone.now()
    result = run(workbook(agency))
    assert counts(result) == {"realisasi": {"dibuat": 2, "diubah": 0, "tetap": 0}}
    assert result.extra == {"bukti_baru": 3}
    assert list(
        Laporan.objects.order_by("skp__pegawai__nama").values_list(
            "skp__pegawai__nama", "periode__kode", "status", "putaran", "diajukan_pada"
        )
    ) == [
        ("Budi Santoso", "TW1", "DRAF", 0, None),
        ("Siti Aminah", "TW1", "DRAF", 0, None),
    ]
    assert realisasi_rows() == [
        ("Budi Santoso", "TW1", "RHK-01", "KUANTITAS", Decimal("3"), ""),
        ("Budi Santoso", "TW1", "RHK-01", "WAKTU", Decimal("2.5"), ""),
        ("Budi Santoso", "TW1", "RHK-02", "KUALITAS", Decimal("97.5"), ""),
        ("Siti Aminah", "TW1", "RHK-01", "KUALITAS", None, KUALITATIF_TEXT),
    ]
    assert bukti_rows() == [
        ("Budi Santoso", "TW1", "RHK-01", "TAUTAN", "Bukti dari impor",
         "https://drive.example.go.id/a", "https://drive.example.go.id/a", "", "MENUNGGU", 0),
        ("Budi Santoso", "TW1", "RHK-01", "TAUTAN", "Bukti dari impor",
         "https://drive.example.go.id/b", "https://drive.example.go.id/b", "", "MENUNGGU", 0),
        ("Siti Aminah", "TW1", "RHK-01", "TAUTAN", "Bukti dari impor",
         "https://drive.example.go.id/siti", "https://drive.example.go.id/siti", "", "MENUNGGU",
         0),
    ]  # fmt: skip
    assert list(
        RiwayatBukti.objects.order_by("pk").values_list(
            "bukti__tautan", "putaran", "aksi", "status", "catatan", "keterangan", "oleh_label"
        )
    ) == [
        (url, 0, "TAUTAN", "MENUNGGU", "", url, "tes")
        for url in (
            "https://drive.example.go.id/a",
            "https://drive.example.go.id/b",
            "https://drive.example.go.id/siti",
        )
    ]
    uploaded = set(BuktiDukung.objects.values_list("diunggah_pada", flat=True))
    assert len(uploaded) == 1  # the time of the import
    assert started <= uploaded.pop() <= timezone.now()


def test_valid_workbook_is_audited_once_per_report(agency, plans):
    start = Entri.objects.count()
    run(workbook(agency), aktor=Aktor(pengguna_id=None, label="Admin Tes", alamat_ip="10.0.0.2"))
    entries = list(Entri.objects.filter(urutan__gt=start).order_by("urutan"))
    assert [entry.aksi for entry in entries] == [
        "realisasi.update",
        "realisasi.update",
        "impor.run",
    ]
    budi = Laporan.objects.get(skp=plans["budi"])
    entry = entries[0]
    assert (entry.objek_tipe, entry.objek_id, entry.objek_label, entry.keterangan) == (
        "realisasi.laporan",
        str(budi.pk),
        "Laporan Triwulan I 2026 Budi Santoso",
        NOTE,
    )
    assert (entry.aktor_label, entry.alamat_ip, entry.sebelum) == ("Admin Tes", "10.0.0.2", None)
    assert entry.sesudah == {
        "pegawai": agency.penilai.nip,
        "tahun": 2026,
        "periode": "TW1",
        "realisasi": {"RHK-01/KUANTITAS": "3", "RHK-01/WAKTU": "2.5", "RHK-02/KUALITAS": "97.5"},
        "tautan": {"RHK-01": ["https://drive.example.go.id/a", "https://drive.example.go.id/b"]},
    }
    assert entries[1].sesudah["realisasi"] == {"RHK-01/KUALITAS": KUALITATIF_TEXT}
    assert entries[2].sesudah["sheet"] == {"realisasi": {"dibuat": 2, "diubah": 0, "tetap": 0}}
    assert entries[2].sesudah["bukti_baru"] == 3
    assert chain_check().kerusakan == []


def test_period_names_and_codes_in_any_case(agency, plans):
    b = agency.penilai.nip
    sheet = [
        row(b, periode="tw1", rhk_kode="RHK-02", realisasi="90"),
        row(b, periode="Triwulan II", rhk_kode="RHK-02", realisasi="1.250,5"),
    ]
    result = run({"realisasi": sheet})
    assert counts(result) == {"realisasi": {"dibuat": 2, "diubah": 0, "tetap": 0}}
    assert realisasi_rows() == [
        ("Budi Santoso", "TW1", "RHK-02", "KUALITAS", Decimal("90"), ""),
        ("Budi Santoso", "TW2", "RHK-02", "KUALITAS", Decimal("1250.5"), ""),
    ]


def test_the_aspek_column_may_name_the_indicator_by_its_text(agency):
    open_period("TW1")
    plan_of(
        agency.penilai,
        [
            (
                "RHK-01",
                [("KUANTITAS", "Jumlah laporan", "12"), ("KUANTITAS", "Jumlah telaahan", "4")],
            )
        ],
    )
    b = agency.penilai.nip
    sheet = [
        row(b, aspek="  jumlah   TELAAHAN ", realisasi=1),
        row(b, aspek="Jumlah laporan", realisasi=3),
    ]
    run({"realisasi": sheet})
    assert list(
        Realisasi.objects.order_by("indikator__urutan").values_list("indikator__uraian", "nilai")
    ) == [("Jumlah laporan", Decimal("3")), ("Jumlah telaahan", Decimal("1"))]
    entry = Entri.objects.get(aksi="realisasi.update")
    assert entry.sesudah["realisasi"] == {"RHK-01/KUANTITAS/1": "3", "RHK-01/KUANTITAS/2": "1"}


# --- Updates and idempotence --------------------------------------------------------------------


def test_second_import_changes_nothing(agency, plans):
    run(workbook(agency))
    before = everything()
    audit = Entri.objects.count()
    result = run(workbook(agency), berlaku_mulai=datetime.date(2025, 3, 1))
    assert counts(result) == {"realisasi": {"dibuat": 0, "diubah": 0, "tetap": 2}}
    assert result.extra == {}
    assert everything() == before
    assert Entri.objects.count() == audit


def test_update_changes_values_and_adds_only_new_links(agency, plans):
    run(workbook(agency))
    b = agency.penilai.nip
    start = Entri.objects.count()
    sheets = workbook(agency)
    sheets["realisasi"][2] = row(
        b, aspek="WAKTU", realisasi="2", bukti_url="https://drive.example.go.id:443/a#bagian"
    )
    sheets["realisasi"].append(
        row(b, rhk_kode="RHK-02", realisasi="97,5", bukti_url="https://drive.example.go.id/c")
    )
    result = run(sheets)
    assert counts(result) == {"realisasi": {"dibuat": 0, "diubah": 1, "tetap": 1}}
    assert result.extra == {"bukti_baru": 1}
    assert realisasi_rows()[1] == ("Budi Santoso", "TW1", "RHK-01", "WAKTU", Decimal("2"), "")
    assert [item[2:6] for item in bukti_rows()] == [
        ("RHK-01", "TAUTAN", "Bukti dari impor", "https://drive.example.go.id/a"),
        ("RHK-01", "TAUTAN", "Bukti dari impor", "https://drive.example.go.id/b"),
        ("RHK-01", "TAUTAN", "Bukti dari impor", "https://drive.example.go.id/siti"),
        ("RHK-02", "TAUTAN", "Bukti dari impor", "https://drive.example.go.id/c"),
    ]
    entries = list(Entri.objects.filter(urutan__gt=start).order_by("urutan"))
    assert [entry.aksi for entry in entries] == ["realisasi.update", "impor.run"]
    assert (entries[0].sebelum, entries[0].sesudah) == (
        {"realisasi": {"RHK-01/WAKTU": "2.5"}},
        {
            "realisasi": {"RHK-01/WAKTU": "2"},
            "tautan": {"RHK-02": ["https://drive.example.go.id/c"]},
        },
    )


def test_a_report_returned_for_correction_may_be_updated(agency, plans):
    run(workbook(agency))
    laporan = Laporan.objects.get(skp=plans["siti"])
    realisasi_services.laporan_submit(aktor=aktor_for(agency.pegawai), laporan=laporan)
    item = BuktiDukung.objects.get(laporan=laporan)
    realisasi_services.bukti_verdict(
        aktor=aktor_for(agency.penilai), bukti=item, status="PERLU_PERBAIKAN", catatan="Buram"
    )
    s = agency.pegawai.nip
    result = run({"realisasi": [row(s, realisasi="Laporan lengkap", bukti_url=item.tautan)]})
    assert counts(result) == {"realisasi": {"dibuat": 0, "diubah": 1, "tetap": 0}}
    assert realisasi_rows()[-1][-1] == "Laporan lengkap"
    assert BuktiDukung.objects.filter(laporan=laporan).count() == 1


def test_dry_run_counts_without_writing(agency, plans):
    before = everything()
    result = run(workbook(agency), dry_run=True)
    assert counts(result) == {"realisasi": {"dibuat": 2, "diubah": 0, "tetap": 0}}
    assert result.extra == {"bukti_baru": 3}
    assert everything() == before


# --- Bad rows -----------------------------------------------------------------------------------


def test_missing_required_columns_are_named(agency, plans):
    sheet = [{"nip": agency.penilai.nip, "tahun": TAHUN, "rhk_kode": "RHK-02", "realisasi": 1}]
    assert refused({"realisasi": sheet}) == [
        ("realisasi", 1, "periode", "Kolom wajib 'periode' tidak ada."),
    ]


def test_unknown_and_bad_nips(agency, plans):
    new = "199002022015022002"
    sheets = {
        "pegawai": [pegawai_row(nip=new, unit_kode="BU-SDM", atasan_nip=agency.penilai.nip)],
        "realisasi": [
            row("199912312020121001", realisasi=1),
            row(199001012015031001.0, realisasi=1),
            row(None, realisasi=1),
            row(new, realisasi=1),
        ],
    }
    assert refused(sheets) == [
        ("realisasi", 2, "nip", "Pegawai dengan NIP 199912312020121001 tidak ada, baik di sheet "
         "pegawai maupun di basis data."),
        ("realisasi", 3, "nip", "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; "
         "simpan kolom NIP sebagai teks (format sel Teks, atau awali dengan tanda petik ')."),
        ("realisasi", 4, "nip", "Wajib diisi."),
        ("realisasi", 5, "nip", f"Pegawai dengan NIP {new} baru dibuat oleh sheet pegawai "
         "sehingga belum memiliki SKP 2026 yang disetujui."),
    ]  # fmt: skip


def test_bad_years_and_periods(agency, plans):
    b = agency.penilai.nip
    sheet = [
        row(b, tahun=2031, realisasi=1),
        row(b, tahun=1999, realisasi=1),
        row(b, tahun=None, realisasi=1),
        row(b, periode="TAHUNAN", realisasi=1),
        row(b, periode="Tahunan", realisasi=1),
        row(b, periode="TW5", realisasi=1),
        row(b, periode="B03", realisasi=1),
        row(b, periode=None, realisasi=1),
    ]
    assert refused({"realisasi": sheet}) == [
        ("realisasi", 2, "tahun", "Tahun kinerja 2031 belum dibuka di Kinerja, sehingga belum "
         "ada SKP yang disetujui untuk tahun itu."),
        ("realisasi", 3, "tahun", "Tahun harus antara 2000 dan 2100."),
        ("realisasi", 4, "tahun", "Wajib diisi."),
        ("realisasi", 5, "periode", "Realisasi diisi per triwulan atau per bulan, bukan untuk "
         "periode TAHUNAN."),
        ("realisasi", 6, "periode", "Realisasi diisi per triwulan atau per bulan, bukan untuk "
         "periode TAHUNAN."),
        ("realisasi", 7, "periode", "Periode 'TW5' tidak dikenal. Pilihan: TW1–TW4 (triwulan) "
         "atau B01–B12 (bulan)."),
        ("realisasi", 8, "periode", "Tahun kinerja 2026 tidak memiliki periode B03. Pilihan: "
         "TW1, TW2, TW3, TW4."),
        ("realisasi", 9, "periode", "Wajib diisi."),
    ]  # fmt: skip


def test_the_plan_must_exist_and_be_approved(agency, plans):
    draft = plan_of(agency.outsider, [("L-1", [("KUANTITAS", "Jumlah", "1")])], approve=False)
    admin_pegawai = PegawaiFactory(unit=agency.bagian, nama="Dewi Lestari")
    o, d = agency.outsider.nip, admin_pegawai.nip
    sheet = [row(o, rhk_kode="L-1", realisasi=1), row(d, realisasi=1)]
    expected = [
        ("realisasi", 2, "nip", "SKP 2026 Joko Widodo belum disetujui (berstatus draf). "
         "Realisasi hanya diimpor untuk SKP yang sudah disetujui di Kinerja (sheet skp "
         "mengimpor SKP sebagai draf)."),
        ("realisasi", 3, "nip", "Dewi Lestari belum memiliki SKP 2026. Realisasi hanya diimpor "
         "untuk SKP yang sudah disetujui di Kinerja (sheet skp mengimpor SKP sebagai draf)."),
    ]  # fmt: skip
    assert refused({"realisasi": sheet}) == expected
    skp_services.skp_submit(aktor=aktor_for(agency.outsider), skp=draft)
    assert refused({"realisasi": sheet})[0][3].startswith(
        "SKP 2026 Joko Widodo belum disetujui (berstatus diajukan)."
    )


def test_rhk_and_indicator_must_be_in_the_plan(agency, plans):
    b = agency.penilai.nip
    sheet = [
        row(b, rhk_kode="RHK-09", realisasi=1),
        row(b, realisasi=1),
        row(b, aspek="BIAYA", realisasi=1),
        row(b, aspek="MUTU", realisasi=1),
        row(b, rhk_kode=None, realisasi=1),
    ]
    assert refused({"realisasi": sheet}) == [
        ("realisasi", 2, "rhk_kode", "RHK RHK-09 tidak ada dalam SKP 2026 Budi Santoso."),
        ("realisasi", 3, "aspek", "RHK RHK-01 memiliki 2 indikator; isi kolom aspek dengan salah "
         "satu: KUANTITAS, WAKTU."),
        ("realisasi", 4, "aspek", "RHK RHK-01 tidak memiliki indikator 'BIAYA'. Pilihan: "
         "KUANTITAS, WAKTU."),
        ("realisasi", 5, "aspek", "RHK RHK-01 tidak memiliki indikator 'MUTU'. Pilihan: "
         "KUANTITAS, WAKTU."),
        ("realisasi", 6, "rhk_kode", "Wajib diisi."),
    ]  # fmt: skip


def test_an_aspect_held_by_two_indicators_must_be_named_by_text(agency):
    open_period("TW1")
    plan_of(
        agency.penilai,
        [("RHK-01", [("KUANTITAS", "Jumlah laporan", "12"), ("KUANTITAS", "Jumlah rapat", "4")])],
    )
    sheet = [row(agency.penilai.nip, aspek="KUANTITAS", realisasi=1)]
    assert refused({"realisasi": sheet}) == [
        ("realisasi", 2, "aspek", "RHK RHK-01 memiliki 2 indikator aspek KUANTITAS; tulis uraian "
         "IKI-nya di kolom aspek: 'Jumlah laporan', 'Jumlah rapat'."),
    ]  # fmt: skip
    sheet = [row(agency.penilai.nip, realisasi=1)]
    assert refused({"realisasi": sheet}) == [
        ("realisasi", 2, "aspek", "RHK RHK-01 memiliki 2 indikator; isi kolom aspek dengan salah "
         "satu: 'Jumlah laporan', 'Jumlah rapat'."),
    ]  # fmt: skip


def test_an_rhk_without_indicators_in_a_revised_plan(agency, plans):
    skp = skp_services.skp_revise(aktor=SYSTEM, skp=plans["budi"], alasan="Mutasi tugas")
    skp_services.rhk_create(aktor=SYSTEM, skp=skp, uraian="Tugas baru", kode="RHK-03")
    sheet = [row(agency.penilai.nip, rhk_kode="RHK-03", realisasi=1)]
    assert refused({"realisasi": sheet}) == [
        ("realisasi", 2, "rhk_kode", "RHK RHK-03 belum memiliki indikator; realisasi dicatat "
         "per indikator."),
    ]  # fmt: skip


def test_bad_values(agency, plans):
    b, s = agency.penilai.nip, agency.pegawai.nip
    sheet = [
        row(b, rhk_kode="RHK-02", realisasi="dua belas"),
        row(b, rhk_kode="RHK-02", realisasi="-3"),
        row(b, rhk_kode="RHK-02", realisasi="1,23456"),
        row(b, rhk_kode="RHK-02", realisasi="1000000000000"),
        row(b, rhk_kode="RHK-02", realisasi=None),
        row(b, rhk_kode="RHK-02", realisasi=True),
        row(s, realisasi="  "),
        row(s, realisasi=datetime.date(2026, 3, 31)),
    ]
    assert refused({"realisasi": sheet}) == [
        ("realisasi", 2, "realisasi", "Realisasi harus berupa angka, mis. 12 atau 97,5."),
        ("realisasi", 3, "realisasi", "Realisasi tidak boleh negatif."),
        ("realisasi", 4, "realisasi", "Realisasi paling banyak 4 angka di belakang koma."),
        ("realisasi", 5, "realisasi", "Realisasi terlalu besar."),
        ("realisasi", 6, "realisasi", "Wajib diisi."),
        ("realisasi", 7, "realisasi", "Realisasi harus berupa angka, mis. 12 atau 97,5."),
        ("realisasi", 8, "realisasi", "Wajib diisi."),
        ("realisasi", 9, "realisasi", "Berisi tanggal atau jam, bukan teks."),
    ]


def test_one_indicator_has_one_value_per_period(agency, plans):
    b = agency.penilai.nip
    sheet = [
        row(b, rhk_kode="RHK-02", realisasi="90", bukti_url="https://drive.example.go.id/1"),
        row(b, rhk_kode="RHK-02", realisasi="90,0", bukti_url="https://drive.example.go.id/2"),
        row(b, rhk_kode="RHK-02", realisasi="91"),
    ]
    assert refused({"realisasi": sheet}) == [
        ("realisasi", 4, "realisasi", "Tidak sama dengan baris 2 untuk indikator RHK-02/KUALITAS "
         "('90'); satu indikator hanya memiliki satu realisasi per periode."),
    ]  # fmt: skip


def test_bad_links(agency, plans):
    b = agency.penilai.nip
    sheet = [
        row(b, rhk_kode="RHK-02", realisasi=1, bukti_url="ftp://arsip.example.go.id/a.pdf"),
        row(b, rhk_kode="RHK-02", realisasi=1, bukti_url="drive.example.go.id/a"),
        row(b, rhk_kode="RHK-02", realisasi=1, bukti_url="https://x.go.id/" + "a" * 990),
    ]
    assert refused({"realisasi": sheet}) == [
        ("realisasi", 2, "bukti_url", "Tautan harus alamat http:// atau https:// yang lengkap."),
        ("realisasi", 3, "bukti_url", "Tautan harus alamat http:// atau https:// yang lengkap."),
        ("realisasi", 4, "bukti_url", "Tautan terlalu panjang (paling banyak 1.000 karakter)."),
    ]


def test_a_submitted_or_verified_report_is_not_overwritten(agency, plans):
    run(workbook(agency))
    siti = Laporan.objects.get(skp=plans["siti"])
    budi = Laporan.objects.get(skp=plans["budi"])
    realisasi_services.laporan_submit(aktor=aktor_for(agency.pegawai), laporan=siti)
    realisasi_services.laporan_submit(aktor=aktor_for(agency.penilai), laporan=budi)
    realisasi_services.bukti_accept_all(aktor=SYSTEM, laporan=budi)
    result = run(workbook(agency))  # equal: accepted whatever the state
    assert counts(result) == {"realisasi": {"dibuat": 0, "diubah": 0, "tetap": 2}}
    b, s = agency.penilai.nip, agency.pegawai.nip
    sheet = [
        row(b, rhk_kode="RHK-02", realisasi=98),
        row(s, realisasi=KUALITATIF_TEXT, bukti_url="https://drive.example.go.id/lain"),
    ]
    assert refused({"realisasi": sheet}) == [
        ("realisasi", 2, "periode", "Laporan Triwulan I 2026 Budi Santoso sudah selesai "
         "diverifikasi; realisasinya tidak dapat diubah lewat impor."),
        ("realisasi", 3, "periode", "Laporan Triwulan I 2026 Siti Aminah sudah diajukan kepada "
         "pejabat penilai; realisasinya tidak dapat diubah lewat impor."),
    ]  # fmt: skip


def test_the_period_must_be_open_and_not_locked(agency, plans):
    run(workbook(agency))
    b = agency.penilai.nip
    tw1 = Periode.objects.get(tahun__tahun=TAHUN, kode="TW1")
    periode_transition(aktor=SYSTEM, periode=tw1, aksi="close", alasan="Selesai")
    open_period(
        "TW2",
        batas_realisasi=datetime.date(2026, 7, 5),
        batas_verifikasi=datetime.date(2026, 7, 10),
    )
    equal = run({"realisasi": [row(b, rhk_kode="RHK-02", realisasi=97.5)]})
    assert counts(equal) == {"realisasi": {"dibuat": 0, "diubah": 0, "tetap": 1}}
    sheet = [
        row(b, periode="TW1", rhk_kode="RHK-02", realisasi=98),
        row(b, periode="TW2", rhk_kode="RHK-02", realisasi=98),
        row(b, periode="TW3", rhk_kode="RHK-02", realisasi=98),
    ]
    assert refused({"realisasi": sheet}) == [
        ("realisasi", 2, "periode", "Triwulan I 2026: Periode ini sudah ditutup; minta admin "
         "kepegawaian membuka kuncinya."),
        ("realisasi", 3, "periode", "Triwulan II 2026: Batas verifikasi periode ini telah lewat "
         "pada 10 Juli 2026; minta admin kepegawaian membuka kuncinya."),
        ("realisasi", 4, "periode", "Periode Triwulan III 2026 belum dibuka."),
    ]  # fmt: skip
    tw2 = Periode.objects.get(tahun__tahun=TAHUN, kode="TW2")
    BukaKunci.objects.create(
        periode=tw2,
        unit=agency.biro,
        sampai=datetime.date(2099, 1, 1),
        alasan="Migrasi data",
        oleh_label="tes",
    )
    result = run({"realisasi": [sheet[1]]})
    assert counts(result) == {"realisasi": {"dibuat": 1, "diubah": 0, "tetap": 0}}


def test_a_plan_rewritten_by_the_skp_sheet_is_refused(agency, plans):
    skp_services.skp_revise(aktor=SYSTEM, skp=plans["siti"], alasan="Mutasi tugas")
    s = agency.pegawai.nip
    skp_row = dict.fromkeys(
        ("nip", "tahun", "rhk_kode", "rhk", "pendekatan", "aspek", "iki", "target")
    )
    skp_row.update(
        nip=s, tahun=TAHUN, rhk_kode="RHK-01", rhk="Hasil kerja baru", pendekatan="KUALITATIF",
        aspek="KUALITAS", iki="Kualitas laporan", target="Laporan lengkap dan akurat",
    )  # fmt: skip
    sheets = {"skp": [skp_row], "realisasi": [row(s, realisasi=KUALITATIF_TEXT)]}
    assert refused(sheets) == [
        ("realisasi", 2, "nip", "SKP 2026 Siti Aminah diubah oleh sheet skp dalam impor ini; "
         "impor realisasinya setelah SKP tersebut disetujui kembali."),
    ]  # fmt: skip


def test_scope_limits_an_admin_to_the_employees_of_their_units(agency, plans):
    plan_of(agency.outsider, [("L-1", [("KUANTITAS", "Jumlah", "1")])])
    scope = scope_for(agency.admin)
    sheet = [
        row(agency.outsider.nip, rhk_kode="L-1", realisasi=1),
        workbook(agency)["realisasi"][4],
    ]
    assert refused({"realisasi": sheet}, scope=scope) == [
        ("realisasi", 2, "nip", "Pegawai ini bekerja di unit BL – Biro Lain, di luar unit yang "
         "Anda kelola."),
    ]  # fmt: skip
    result = run({"realisasi": sheet[1:]}, scope=scope)
    assert counts(result) == {"realisasi": {"dibuat": 1, "diubah": 0, "tetap": 0}}


def test_every_bad_row_is_reported_and_nothing_is_written(agency, plans):
    sheets = workbook(agency)
    sheets["realisasi"].append(row(agency.penilai.nip, rhk_kode="RHK-02", realisasi="x"))
    sheets["realisasi"].append(row("199912312020121001", realisasi=1))
    assert refused(sheets) == [
        ("realisasi", 7, "realisasi", "Realisasi harus berupa angka, mis. 12 atau 97,5."),
        ("realisasi", 8, "nip", "Pegawai dengan NIP 199912312020121001 tidak ada, baik di sheet "
         "pegawai maupun di basis data."),
    ]  # fmt: skip
    assert Laporan.objects.count() == 0


def test_an_existing_link_item_is_not_added_twice(agency, plans):
    laporan = realisasi_services.laporan_open(
        aktor=SYSTEM, skp=plans["budi"], periode=Periode.objects.get(kode="TW1")
    )
    rhk = plans["budi"].rhk.get(kode="RHK-02")
    link(laporan, rhk, "https://drive.example.go.id/bukti")
    sheet = [
        row(agency.penilai.nip, rhk_kode="RHK-02", realisasi=1,
            bukti_url="https://DRIVE.example.go.id/bukti/"),
    ]  # fmt: skip
    result = run({"realisasi": sheet})
    assert (counts(result), result.extra) == (
        {"realisasi": {"dibuat": 0, "diubah": 1, "tetap": 0}},
        {},
    )
    assert BuktiDukung.objects.count() == 1


# --- Files, the template ------------------------------------------------------------------------


def csv_text(rows: list[dict[str, object]]) -> str:
    lines = [",".join(COLUMNS)]
    for cells in rows:
        lines.append(",".join(f'"{cells[c]}"' if cells[c] is not None else "" for c in COLUMNS))
    return "\n".join(lines) + "\n"


def test_csv_folder_and_xlsx_workbook_give_the_same_reports(agency, plans, tmp_path):
    folder = write_csv_folder(
        tmp_path / "data", {"realisasi": csv_text(workbook(agency)["realisasi"])}
    )
    with readers.open_path(folder) as source:
        result = run(source)
    assert counts(result) == {"realisasi": {"dibuat": 2, "diubah": 0, "tetap": 0}}
    from_csv = (realisasi_rows(), [item[:7] for item in bukti_rows()])
    BuktiDukung.objects.all().delete()
    Laporan.objects.all().delete()
    rows = [[cells[c] for c in COLUMNS] for cells in workbook(agency)["realisasi"]]
    path = write_xlsx(tmp_path / "realisasi.xlsx", {"Realisasi": [list(COLUMNS), *rows]})
    with readers.open_path(path) as source:
        result = run(source)
    assert counts(result) == {"realisasi": {"dibuat": 2, "diubah": 0, "tetap": 0}}
    assert (realisasi_rows(), [item[:7] for item in bukti_rows()]) == from_csv
    with readers.open_path(path) as source:
        again = run(source)
    assert counts(again) == {"realisasi": {"dibuat": 0, "diubah": 0, "tetap": 2}}


def test_the_template_holds_the_realisasi_sheet():
    workbook_file = load_workbook(io.BytesIO(selectors.template_workbook()))
    assert list(workbook_file["realisasi"].values) == [
        ("nip", "tahun", "periode", "rhk_kode", "realisasi", "aspek", "bukti_url"),
        ("199001012015031001", 2026, "TW1", "RHK-01", "3", "KUANTITAS",
         "https://drive.example.go.id/bukti/rhk-01-tw1.pdf"),
    ]  # fmt: skip


# --- Query counts -------------------------------------------------------------------------------


def subordinates(agency: Any, count: int) -> list[Pegawai]:
    people = [
        PegawaiFactory(unit=agency.bagian, penilai=agency.penilai, nama=f"Staf {n:02d}")
        for n in range(count)
    ]
    for person in people:
        plan_of(
            person,
            [("S-1", [("KUANTITAS", "Satu", "4"), ("WAKTU", "Dua", "2")]),
             ("S-2", [("KUALITAS", "Tiga", "90")])],
        )  # fmt: skip
    return people


def reports_of(people: list[Pegawai]) -> dict[str, list[dict[str, object]]]:
    sheet = []
    for n, person in enumerate(people):
        url = f"https://drive.example.go.id/{person.nip}"
        sheet.append(row(person.nip, rhk_kode="S-1", aspek="KUANTITAS", realisasi=n,
                         bukti_url=url))  # fmt: skip
        sheet.append(row(person.nip, rhk_kode="S-1", aspek="WAKTU", realisasi=2))
        sheet.append(row(person.nip, rhk_kode="S-2", realisasi="90,5", bukti_url=url + "/2"))
    return {"realisasi": sheet}


def queries_of(sheets: dict[str, list[dict[str, object]]], **options: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        run(sheets, **options)
    return len(captured.captured_queries)


def test_validation_and_import_run_the_same_queries_for_n_and_3n_reports(agency):
    open_period("TW1")
    plan_of(agency.penilai, [("RHK-01", [("KUANTITAS", "Jumlah laporan", "12")])])
    people = subordinates(agency, 12)
    small, large = people[:3], people[3:12]
    assert queries_of(reports_of(small), dry_run=True) == queries_of(
        reports_of(large), dry_run=True
    )
    first = queries_of(reports_of(small))
    second = queries_of(reports_of(large))
    assert first == second
    assert Laporan.objects.count() == 12
    assert Realisasi.objects.count() == 3 * 12
    assert BuktiDukung.objects.count() == 2 * 12
    assert Entri.objects.filter(aksi="realisasi.update").count() == 12
    changed = reports_of(people)
    for cells in changed["realisasi"]:
        if cells["aspek"] == "WAKTU":
            cells["realisasi"] = 3
    assert queries_of({"realisasi": changed["realisasi"][:9]}) == queries_of(
        {"realisasi": changed["realisasi"][9:]}
    )
    assert counts(run(reports_of(people))) == {"realisasi": {"dibuat": 0, "diubah": 12, "tetap": 0}}


def test_the_terminal_and_the_result_page_count_the_new_links(agency, plans, tmp_path):
    from django.core.management import call_command
    from django.template.loader import render_to_string

    from kinerja.pertukaran.tests.helpers import write_xlsx

    rows = workbook(agency)["realisasi"]
    header = list(rows[0])
    path = write_xlsx(
        tmp_path / "realisasi.xlsx", {"realisasi": [header, *[list(r.values()) for r in rows]]}
    )
    output = io.StringIO()
    call_command("import", str(path), stdout=output, stderr=io.StringIO())
    assert "bukti dukung (tautan) baru: 3" in output.getvalue()
    hasil = {
        "sheet": {"realisasi": {"dibuat": 2, "diubah": 0, "tetap": 0}},
        "berlaku_mulai": "2026-01-01",
        "bukti_baru": 3,
    }
    html = render_to_string("pertukaran/_hasil_impor.html", {"hasil": hasil})
    assert "Bukti dukung (tautan) baru: 3." in html
