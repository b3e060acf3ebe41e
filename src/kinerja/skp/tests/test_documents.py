"""The SKP document (PDF, read back with pypdf): the JA/JF and JPT forms, the behaviour section,
the Lampiran page, the signature blocks, the draft mark; the table rows and the file names."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

import pytest
from django.utils import timezone
from pypdf import PdfReader

from kinerja.core.formatting import format_date
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import JabatanFactory, pegawai_with_account
from kinerja.skp import documents, selectors, services
from kinerja.skp.documents import BarisHasil, Sel
from kinerja.skp.enums import Aspek, JenisRhk, Pendekatan, Perspektif
from kinerja.skp.models import Rhk, Skp
from kinerja.skp.tests.factories import aktor_for, open_year, plan_with_rhk

pytestmark = pytest.mark.django_db

LEAD_RHK = "Terwujudnya layanan kepegawaian yang prima"
LEAD_RHK_2 = "Terkelolanya arsip kepegawaian secara tertib"
RHK_1 = "Tersusunnya laporan kinerja bulanan"
RHK_2 = "Terselenggaranya pelatihan pegawai"
RHK_TAMBAHAN = "Terdigitalisasinya berkas kepegawaian"
EXPECT_PELAYANAN = "Menanggapi setiap permintaan layanan dalam satu hari kerja"
EXPECT_KOLABORATIF = "Aktif dalam tim lintas bagian"
DASH = "\N{EN DASH}"


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (table cells wrap their lines)."""
    assert pdf.startswith(b"%PDF-")
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages(pdf))


def assert_in_order(text: str, *parts: str) -> None:
    """Every part is in the text, each after the one before."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"not found after position {position}: {part!r}\nin: {text!r}"
        position = found + len(part)


@dataclass
class Plans:
    lead: Skp
    lead_rhk: Rhk
    lead_rhk_2: Rhk
    own: Skp


def build_plans(agency) -> Plans:
    """The appraiser's approved plan (two RHKs) and the employee's plan cascading from it: two
    main RHKs supporting the first, an additional one supporting the second, expectations and a
    Lampiran. The employee's plan is left in draft."""
    open_year()
    lead_aktor, own_aktor = aktor_for(agency.penilai), aktor_for(agency.pegawai)
    lead, lead_rhk = plan_with_rhk(agency.penilai, uraian=LEAD_RHK, kode="RHK-1")
    lead_rhk_2 = services.rhk_create(aktor=lead_aktor, skp=lead, uraian=LEAD_RHK_2, kode="RHK-2")
    services.indikator_create(
        aktor=lead_aktor,
        rhk=lead_rhk_2,
        aspek=Aspek.KUANTITAS.value,
        uraian="Jumlah arsip yang tertata",
        target_nilai="500",
        target_satuan="berkas",
    )
    services.skp_submit(aktor=lead_aktor, skp=lead)
    lead = services.skp_approve(aktor=aktor_for(agency.penilai), skp=lead)

    own, rhk_1 = plan_with_rhk(agency.pegawai, rhk_atasan=lead_rhk, uraian=RHK_1)
    services.indikator_create(
        aktor=own_aktor,
        rhk=rhk_1,
        aspek=Aspek.KUALITAS.value,
        uraian="Persentase laporan tanpa revisi",
        target_nilai="97.5",
        target_satuan="persen",
    )
    rhk_2 = services.rhk_create(aktor=own_aktor, skp=own, uraian=RHK_2, rhk_atasan_id=lead_rhk.pk)
    services.indikator_create(
        aktor=own_aktor,
        rhk=rhk_2,
        aspek=Aspek.WAKTU.value,
        uraian="Pelatihan selesai tepat waktu",
        target_nilai="12",
        target_satuan="bulan",
    )
    tambahan = services.rhk_create(
        aktor=own_aktor,
        skp=own,
        uraian=RHK_TAMBAHAN,
        jenis=JenisRhk.TAMBAHAN.value,
        rhk_atasan_id=lead_rhk_2.pk,
    )
    services.indikator_create(
        aktor=own_aktor,
        rhk=tambahan,
        aspek=Aspek.KUANTITAS.value,
        uraian="Jumlah berkas terdigitalisasi",
        target_nilai="1250",
        target_satuan="berkas",
    )
    services.ekspektasi_update(
        by_owner=False,
        aktor=lead_aktor,
        skp=own,
        ekspektasi={
            "BERORIENTASI_PELAYANAN": EXPECT_PELAYANAN,
            "KOLABORATIF": EXPECT_KOLABORATIF,
        },
    )
    own = services.skp_update(
        aktor=own_aktor,
        skp=own,
        pendekatan=Pendekatan.KUANTITATIF.value,
        dukungan_sumber_daya="Aplikasi SIMPEG\n\nAnggaran pelatihan pegawai",
        skema_pertanggungjawaban="Laporan bulanan kepada Kepala Bagian SDM",
        konsekuensi="",
    )
    return Plans(lead, lead_rhk, lead_rhk_2, own)


def approve(agency, skp: Skp) -> Skp:
    services.skp_submit(aktor=aktor_for(agency.pegawai), skp=skp)
    return services.skp_approve(aktor=aktor_for(agency.penilai), skp=skp)


def identity_rows(pegawai: Pegawai, penilai: Pegawai | None) -> list[str]:
    def values(person: Pegawai | None) -> list[str]:
        if person is None:
            return [DASH] * 5
        return [
            person.nama,
            person.nip,
            "Penata Muda, III/a",
            person.jabatan.nama,
            person.unit.nama,
        ]

    labels = ["NAMA", "NIP", "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA"]
    return [
        f"{number} {label} {own} {number} {label} {other}"
        for number, (label, own, other) in enumerate(
            zip(labels, values(pegawai), values(penilai), strict=True), start=1
        )
    ]


def signature(tanggal: str, pegawai: Pegawai, penilai: Pegawai | None) -> str:
    name = penilai.nama if penilai else DASH
    nip = penilai.nip if penilai else DASH
    return (
        f"Jakarta, {tanggal} Pegawai yang Dinilai Pejabat Penilai Kinerja "
        f"{pegawai.nama} {name} NIP. {pegawai.nip} NIP. {nip}"
    )


# --- The JA/JF form --------------------------------------------------------------------------


def test_approved_ja_jf_document_has_every_part_of_the_official_form(agency):
    plans = build_plans(agency)
    skp = approve(agency, plans.own)
    dokumen = selectors.skp_document(skp) | {"disetujui_pada": "2026-01-15"}

    pages = pdf_pages(documents.skp_pdf(dokumen))
    text = " ".join(pages)

    header = (
        "SASARAN KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT ADMINISTRASI "
        "DAN PEJABAT FUNGSIONAL Instansi Pemerintah PERIODE: 1 JANUARI SD 31 DESEMBER 2026 "
        "NO PEGAWAI YANG DINILAI NO PEJABAT PENILAI KINERJA"
    )
    assert pages[0].startswith(header)
    assert_in_order(text, *identity_rows(agency.pegawai, agency.penilai))
    assert_in_order(
        text,
        "HASIL KERJA NO RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI RENCANA HASIL KERJA ASPEK "
        "INDIKATOR KINERJA INDIVIDU TARGET",
        f"A. Utama 1 {LEAD_RHK} {RHK_1} Kuantitas Jumlah laporan yang tersusun 12 laporan "
        f"Kualitas Persentase laporan tanpa revisi 97,5 persen "
        f"2 {RHK_2} Waktu Pelatihan selesai tepat waktu 12 bulan",
        f"B. Tambahan 1 {LEAD_RHK_2} {RHK_TAMBAHAN} Kuantitas Jumlah berkas terdigitalisasi "
        "1.250 berkas",
        "PERILAKU KERJA",
        "1 Berorientasi Pelayanan • Memahami dan memenuhi kebutuhan masyarakat • Ramah, cekatan, "
        "solutif, dan dapat diandalkan • Melakukan perbaikan tiada henti Ekspektasi Khusus "
        f"Pimpinan: {EXPECT_PELAYANAN}",
        f"2 Akuntabel • Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan "
        "berintegritas tinggi • Menggunakan kekayaan dan barang milik negara secara bertanggung "
        "jawab, efektif, dan efisien • Tidak menyalahgunakan kewenangan jabatan Ekspektasi "
        f"Khusus Pimpinan: {DASH}",
        "7 Kolaboratif • Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        f"Ekspektasi Khusus Pimpinan: {EXPECT_KOLABORATIF}",
        signature("15 Januari 2026", agency.pegawai, agency.penilai),
    )
    assert "PERSPEKTIF" not in text
    assert "DRAF" not in text
    assert "REVISI KE-" not in text
    assert "Belum disetujui" not in text


def test_every_berakhlak_value_is_printed_with_its_three_guides(agency):
    plans = build_plans(agency)
    text = pdf_text(documents.skp_pdf(selectors.skp_document(plans.own)))
    values = selectors.berakhlak_values()
    assert len(values) == 7
    assert [value["nama"] for value in values] == [
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ]
    expectations = {"BERORIENTASI_PELAYANAN": EXPECT_PELAYANAN, "KOLABORATIF": EXPECT_KOLABORATIF}
    rows = []
    for number, value in enumerate(values, start=1):
        assert len(value["panduan"]) == 3
        guides = " ".join(f"• {guide}" for guide in value["panduan"])
        expectation = expectations.get(value["kode"], DASH)
        rows.append(f"{number} {value['nama']} {guides} Ekspektasi Khusus Pimpinan: {expectation}")
    assert_in_order(text, "PERILAKU KERJA", *rows)


def test_lampiran_starts_a_new_page_with_the_identity_and_numbered_items(agency):
    plans = build_plans(agency)
    skp = approve(agency, plans.own)
    dokumen = selectors.skp_document(skp) | {"disetujui_pada": "2026-01-15"}

    pages = pdf_pages(documents.skp_pdf(dokumen))

    lampiran = [page for page in pages if "LAMPIRAN SASARAN KINERJA PEGAWAI" in page]
    assert len(lampiran) == 1
    page = lampiran[0]
    assert page.startswith(
        "LAMPIRAN SASARAN KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT "
        "ADMINISTRASI DAN PEJABAT FUNGSIONAL Instansi Pemerintah PERIODE: 1 JANUARI SD 31 "
        "DESEMBER 2026 NO PEGAWAI YANG DINILAI NO PEJABAT PENILAI KINERJA"
    )
    assert "HASIL KERJA" not in page.replace("HASIL KERJA KUANTITATIF", "")
    assert "PERILAKU KERJA" not in page
    assert_in_order(
        page,
        *identity_rows(agency.pegawai, agency.penilai),
        "DUKUNGAN SUMBER DAYA 1. Aplikasi SIMPEG 2. Anggaran pelatihan pegawai",
        "SKEMA PERTANGGUNGJAWABAN 1. Laporan bulanan kepada Kepala Bagian SDM",
        f"KONSEKUENSI {DASH}",
        signature("15 Januari 2026", agency.pegawai, agency.penilai),
    )
    # The signature block closes both the form and the Lampiran.
    text = " ".join(pages)
    assert text.count(signature("15 Januari 2026", agency.pegawai, agency.penilai)) == 2


def test_draft_carries_the_draf_mark_and_todays_date(agency):
    plans = build_plans(agency)
    text = pdf_text(documents.skp_pdf(selectors.skp_document(plans.own)))
    today = format_date(timezone.localdate())
    pages = pdf_pages(documents.skp_pdf(selectors.skp_document(plans.own)))
    assert len(pages) == 3
    assert [page.split().count("DRAF") for page in pages] == [1, 1, 1]
    assert text.startswith("SASARAN KINERJA PEGAWAI")
    assert "Belum disetujui pejabat penilai kinerja." in text
    assert text.count(signature(today, agency.pegawai, agency.penilai)) == 2


def test_revision_number_is_printed_from_the_second_revision(agency):
    plans = build_plans(agency)
    skp = approve(agency, plans.own)
    skp = services.skp_revise(aktor=aktor_for(agency.pegawai), skp=skp, alasan="Mutasi tugas")
    text = pdf_text(documents.skp_pdf(selectors.skp_document(skp)))
    assert_in_order(
        text,
        "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL REVISI KE-2 Belum disetujui",
        "LAMPIRAN SASARAN KINERJA PEGAWAI",
        "REVISI KE-2",
    )


def test_kualitatif_plan_prints_its_approach_and_narrative_targets(agency):
    open_year()
    aktor = aktor_for(agency.penilai)
    skp = services.skp_create(
        aktor=aktor, pegawai=agency.penilai, tahun=2026, pendekatan=Pendekatan.KUALITATIF.value
    )
    rhk = services.rhk_create(aktor=aktor, skp=skp, uraian="Terbinanya budaya kerja")
    services.indikator_create(
        aktor=aktor,
        rhk=rhk,
        aspek=Aspek.KUALITAS.value,
        uraian="Budaya kerja BerAKHLAK diterapkan",
        target_narasi="Seluruh pegawai menerapkan nilai BerAKHLAK",
    )
    text = pdf_text(documents.skp_pdf(selectors.skp_document(skp)))
    assert "PENDEKATAN HASIL KERJA KUALITATIF" in text
    assert (
        f"A. Utama 1 {DASH} Terbinanya budaya kerja Kualitas Budaya kerja BerAKHLAK diterapkan "
        f"Seluruh pegawai menerapkan nilai BerAKHLAK B. Tambahan {DASH} PERILAKU KERJA"
    ) in text
    # Without an appraiser in the product, the appraiser's side stays empty.
    assert_in_order(text, *identity_rows(agency.penilai, None))


# --- The JPT form ----------------------------------------------------------------------------


def test_jpt_document_has_perspektif_column_and_no_leader_rhk(agency):
    open_year()
    kepala = pegawai_with_account(
        nama="Rahmat Hidayat",
        unit=agency.biro,
        jabatan=JabatanFactory(nama="Kepala Biro Umum", jenis_jabatan=JenisJabatan.JPT.value),
    )
    skp, rhk = plan_with_rhk(
        kepala,
        uraian="Meningkatnya kepuasan layanan umum",
        perspektif=Perspektif.PENERIMA_LAYANAN.value,
    )
    services.indikator_create(
        aktor=aktor_for(kepala),
        rhk=rhk,
        aspek=Aspek.KUALITAS.value,
        uraian="Indeks kepuasan layanan",
        target_nilai="3.5",
        target_satuan="indeks",
    )
    second = services.rhk_create(
        aktor=aktor_for(kepala),
        skp=skp,
        uraian="Terlaksananya anggaran biro",
        perspektif=Perspektif.ANGGARAN.value,
    )
    services.indikator_create(
        aktor=aktor_for(kepala),
        rhk=second,
        aspek=Aspek.KUANTITAS.value,
        uraian="Persentase realisasi anggaran",
        target_nilai="95",
        target_satuan="persen",
    )

    text = pdf_text(documents.skp_pdf(selectors.skp_document(skp)))

    assert_in_order(
        text,
        "SASARAN KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT PIMPINAN "
        "TINGGI DAN PIMPINAN UNIT KERJA MANDIRI Belum disetujui pejabat penilai kinerja. "
        "Instansi Pemerintah PERIODE: 1 JANUARI SD 31 DESEMBER 2026",
        f"1 NAMA Rahmat Hidayat 1 NAMA {DASH}",
        f"4 JABATAN Kepala Biro Umum 4 JABATAN {DASH}",
        f"5 UNIT KERJA Biro Umum 5 UNIT KERJA {DASH}",
        "HASIL KERJA NO RENCANA HASIL KERJA INDIKATOR KINERJA INDIVIDU TARGET PERSPEKTIF "
        "A. Utama 1 Meningkatnya kepuasan layanan umum Jumlah laporan yang tersusun 12 laporan "
        "Perspektif Penerima Layanan Indeks kepuasan layanan 3,5 indeks "
        "2 Terlaksananya anggaran biro Persentase realisasi anggaran 95 persen "
        f"Perspektif Anggaran B. Tambahan {DASH} PERILAKU KERJA",
        signature(format_date(timezone.localdate()), kepala, None),
        "LAMPIRAN SASARAN KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT "
        "PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI",
        f"DUKUNGAN SUMBER DAYA {DASH} SKEMA PERTANGGUNGJAWABAN {DASH} KONSEKUENSI {DASH}",
    )
    assert "DIINTERVENSI" not in text
    assert "ASPEK" not in text


# --- Table rows, labels, names ---------------------------------------------------------------


def test_ja_jf_rows_group_by_the_leaders_rhk_with_row_spans(agency):
    plans = build_plans(agency)
    context = documents.document_context(
        selectors.skp_document(plans.own), datetime.date(2026, 3, 1)
    )
    assert context["utama"] == [
        BarisHasil(
            no=Sel("1", 2),
            rhk_atasan=Sel(LEAD_RHK, 3),
            rhk=Sel(RHK_1, 2),
            perspektif=None,
            aspek="Kuantitas",
            iki="Jumlah laporan yang tersusun",
            target="12 laporan",
        ),
        BarisHasil(
            None, None, None, None, "Kualitas", "Persentase laporan tanpa revisi", "97,5 persen"
        ),
        BarisHasil(
            no=Sel("2", 1),
            rhk_atasan=None,
            rhk=Sel(RHK_2, 1),
            perspektif=None,
            aspek="Waktu",
            iki="Pelatihan selesai tepat waktu",
            target="12 bulan",
        ),
    ]
    assert context["tambahan"] == [
        BarisHasil(
            no=Sel("1", 1),
            rhk_atasan=Sel(LEAD_RHK_2, 1),
            rhk=Sel(RHK_TAMBAHAN, 1),
            perspektif=None,
            aspek="Kuantitas",
            iki="Jumlah berkas terdigitalisasi",
            target="1.250 berkas",
        )
    ]
    assert context["tempat_tanggal"] == "Jakarta, 1 Maret 2026"
    assert context["draf"] is True


def test_rhk_without_indicator_gets_one_row_of_dashes():
    rows = documents._jpt_rows(
        [{"uraian": "Tersusunnya kebijakan", "perspektif": "PROSES_BISNIS", "indikator": []}]
    )
    assert rows == [
        BarisHasil(
            no=Sel("1", 1),
            rhk_atasan=None,
            rhk=Sel("Tersusunnya kebijakan", 1),
            perspektif=Sel("Perspektif Proses Bisnis", 1),
            aspek=DASH,
            iki=DASH,
            target=DASH,
        )
    ]


def test_labels_are_looked_up_again_from_the_codes():
    """A revision frozen in English prints in Indonesian: the codes decide the labels."""
    rows = documents._ja_jf_rows(
        [
            {
                "uraian": "Tersusunnya laporan",
                "rhk_atasan": None,
                "indikator": [
                    {
                        "aspek": "WAKTU",
                        "aspek_label": "Time",
                        "uraian": "Tepat waktu",
                        "target": "12 bulan",
                    },
                    {"aspek": "LAIN", "aspek_label": "Lainnya", "uraian": "Lain", "target": "1"},
                ],
            }
        ]
    )
    assert [(row.aspek, row.rhk_atasan) for row in rows] == [
        ("Waktu", Sel(DASH, 2)),
        ("Lainnya", None),
    ]


@pytest.mark.parametrize(
    ("golongan", "expected"),
    [
        ("III/a", "Penata Muda, III/a"),
        ("IV/e", "Pembina Utama, IV/e"),
        ("II/d", "Pengatur Tingkat I, II/d"),
        ("IX", "IX"),
        ("", DASH),
    ],
)
def test_pangkat_text(golongan, expected):
    assert documents.pangkat_text(golongan) == expected


@pytest.mark.parametrize(
    ("nama", "expected"),
    [
        ("Siti Aminah", "SKP-2026-199001012015011001-Siti_Aminah.pdf"),
        (
            "Dr. H. Ahmad Dahlan, S.H., M.Si.",
            "SKP-2026-199001012015011001-Dr_H_Ahmad_Dahlan_S_H_M_Si.pdf",
        ),
        (
            "Ni Luh Putu Ayu Sútan/..\\rahasia",
            "SKP-2026-199001012015011001-Ni_Luh_Putu_Ayu_Sutan_rahasia.pdf",
        ),
        ("???", "SKP-2026-199001012015011001.pdf"),
    ],
)
def test_member_name_is_sanitised(nama, expected):
    assert documents.member_name(2026, "199001012015011001", nama) == expected


def test_pdf_filename():
    dokumen = {"tahun": 2026, "pegawai": {"nip": "199001012015011001"}}
    assert documents.pdf_filename(dokumen) == "SKP-2026-199001012015011001.pdf"
    assert documents.pdf_filename(dokumen, nomor=2) == "SKP-2026-199001012015011001-revisi-2.pdf"
