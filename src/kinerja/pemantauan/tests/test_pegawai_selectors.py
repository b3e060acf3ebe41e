"""An employee's dashboard (`selectors.pegawai`) on constructed data, with exact values: the
stored profile of a 4-quarter history (chart points, trends, projection, warning reasons), the
live SKP progress and pending actions, the allowance history in rupiah and the credit points.

The scenario builders here are shared by the page, API and browser tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kinerja.angka_kredit.tests.helpers import functional
from kinerja.aturan.enums import Predikat as P
from kinerja.aturan.enums import Tren
from kinerja.conftest import Agency
from kinerja.core.formatting import format_date
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.pemantauan.models import ProfilPegawai
from kinerja.pemantauan.rules.grafik import Titik
from kinerja.pemantauan.selectors import pegawai as selectors
from kinerja.pemantauan.tests.factories import history, refresh
from kinerja.penilaian.models import Keberatan, Penilaian
from kinerja.periode.models import Periode
from kinerja.realisasi import services as realisasi_services
from kinerja.realisasi.models import Laporan
from kinerja.realisasi.tests.factories import PNG_BYTES, docx_bytes, link, open_period, upload
from kinerja.realisasi.tests.factories import report_for as report_of
from kinerja.skp import services as skp_services
from kinerja.skp.tests.factories import SYSTEM, aktor_for, approved_plan, plan_with_rhk
from kinerja.talenta.tests.factories import assess
from kinerja.tukin import services as tukin_services
from kinerja.tukin.tests.helpers import graded

pytestmark = pytest.mark.django_db

QUARTERS = [P.SANGAT_BAIK, P.BAIK, P.BAIK, P.BUTUH_PERBAIKAN]
LIVE = 2026


# --- Scenarios (shared with the page, API and browser tests) ----------------------------------


def quarters(agency: Agency) -> None:
    """Siti: 2025 quarters Sangat Baik, Baik, Baik, Butuh Perbaikan, annual Baik; refreshed."""
    history(agency.pegawai, 2025, QUARTERS, annual=P.BAIK)
    refresh()


def live_year(agency: Agency) -> Laporan:
    """2026 with TW1 and TW2 open; Siti's SKP approved (after Budi's); her TW1 report returned
    for correction with one item each accepted, to fix, rejected and (added since) waiting; her
    TW1 assessment finalised today (Baik), her TW2 one a draft (Sangat Baik)."""
    siti, budi = agency.pegawai, agency.penilai
    tw1 = open_period("TW1", tahun=LIVE)
    open_period("TW2", tahun=LIVE)
    _skp, leader = approved_plan(budi, kode="P-01")
    laporan, _skp, rhk = report_of(siti, tw1, rhk_atasan=leader)
    items = [upload(laporan, rhk), upload(laporan, rhk, PNG_BYTES, "foto.png"), link(laporan, rhk)]
    realisasi_services.laporan_submit(aktor=aktor_for(siti), laporan=laporan)
    for item, status in zip(items, ("DITERIMA", "PERLU_PERBAIKAN", "DITOLAK"), strict=True):
        item.refresh_from_db()
        realisasi_services.bukti_verdict(
            aktor=aktor_for(budi), bukti=item, status=status, catatan="Periksa lagi"
        )
    laporan.refresh_from_db()
    upload(laporan, rhk, docx_bytes(), "notulen.docx")
    nilai = assess(siti, LIVE, P.BAIK, kode="TW1")
    Penilaian.objects.filter(pk=nilai.pk).update(ditetapkan_pada=timezone.now())
    assess(siti, LIVE, P.SANGAT_BAIK, kode="TW2", final=False)
    laporan.refresh_from_db()
    return laporan


def allowance(pegawai: Pegawai, months: int = 2) -> None:
    """Grade 9 (Rp3.781.000): January 2026 without cuts, February 2026 two late arrivals of
    up to 30 minutes (1%), March 2026 none (when `months` is 3); December 2025 one day absent
    without reason (3%)."""
    graded(pegawai, 9)
    months_of = [(LIVE, bulan, data) for bulan, data in enumerate([{}, {"tl1": 2}, {}], start=1)]
    for tahun, bulan, data in [*months_of[:months], (LIVE - 1, 12, {"tanpa_keterangan": 1})]:
        tukin_services.kehadiran_save(
            aktor=SYSTEM, pegawai=pegawai, tahun=tahun, bulan=bulan, data=data
        )


def dashboard(agency: Agency, role: str = "pegawai") -> selectors.Dasbor:
    siti = Pegawai.objects.select_related("unit", "jabatan", "penilai").get(pk=agency.pegawai.pk)
    return selectors.dashboard(siti, scope_for(agency.user(role)))


# --- The stored profile ------------------------------------------------------------------------


def test_four_quarters_chart_trend_projection_and_warning(agency):
    quarters(agency)
    profil = dashboard(agency).profil
    assert profil is not None
    periodik, tahunan = profil.periodik, profil.tahunan
    # Width 640: x from 120 to 592 in three steps of 157,3 (rounded); Sangat Baik at y 16,
    # each predikat lower 41 further down (plot height 164 over 4 steps).
    assert periodik.garis.titik == (
        Titik(120, 16, "TW1 2025", "Sangat Baik"),
        Titik(277, 57, "TW2 2025", "Baik"),
        Titik(435, 57, "TW3 2025", "Baik"),
        Titik(592, 98, "TW4 2025", "Butuh Perbaikan"),
    )
    assert periodik.garis.ruas == ("120,16 277,57 435,57 592,98",)
    assert [(t.label, t.predikat) for t in periodik.titik] == [
        ("TW1 2025", P.SANGAT_BAIK),
        ("TW2 2025", P.BAIK),
        ("TW3 2025", P.BAIK),
        ("TW4 2025", P.BUTUH_PERBAIKAN),
    ]
    assert (periodik.tren, periodik.ringkasan, periodik.selisih) == (
        Tren.TURUN,
        "Tren turun: predikat terakhir Butuh Perbaikan.",
        "-1",
    )
    assert periodik.langkah == (
        "Skor predikat: Sangat Baik 5, Baik 4, Butuh Perbaikan 3, Kurang 2, Sangat Kurang 1.",
        "Jendela 3 periode terakhir: Baik → Baik → Butuh Perbaikan.",
        "Skor terakhir 3 dibandingkan rata-rata sebelumnya 4,00: selisih -1,00.",
        "Ambang naik/turun ±1,00: tren turun.",
    )
    assert profil.lama_periodik == 1
    # One annual point, in the middle.
    assert tahunan.garis.titik == (Titik(356, 57, "2025", "Baik"),)
    assert tahunan.garis.ruas == ()
    assert (tahunan.tren, tahunan.ringkasan) == (
        Tren.BELUM_CUKUP_DATA,
        "Belum cukup data: perlu paling sedikit 2 predikat.",
    )
    # Too little history for the model: the naive forecast, and the page says so.
    proyeksi = profil.proyeksi
    assert proyeksi is not None
    assert (proyeksi.dasar, proyeksi.terpilih, proyeksi.sumber, proyeksi.dipakai) == (
        "TW4 2025",
        P.BUTUH_PERBAIKAN,
        "NAIF",
        False,
    )
    assert [(p.predikat, p.persen) for p in proyeksi.peluang] == [
        (P.SANGAT_BAIK, "0,0%"),
        (P.BAIK, "0,0%"),
        (P.BUTUH_PERBAIKAN, "100,0%"),
        (P.KURANG, "0,0%"),
        (P.SANGAT_KURANG, "0,0%"),
    ]
    assert (proyeksi.observasi, proyeksi.kondisi_label, proyeksi.risiko) == (0, "Lemah", "100,0%")
    assert proyeksi.alasan == (
        "Model belum terbukti lebih tepat daripada perkiraan naif "
        "pada uji balik: proyeksi = predikat "
        "terakhir (Butuh Perbaikan).",
    )
    # Two signals: warned.
    assert profil.peringatan is True
    assert profil.alasan_peringatan == (
        "Predikat terakhir Butuh Perbaikan.",
        "Rating hasil kerja turun dari Sesuai Ekspektasi ke Di Bawah Ekspektasi.",
    )


def test_a_rising_series_without_warning(agency):
    history(agency.pegawai, 2025, [P.BUTUH_PERBAIKAN, P.BUTUH_PERBAIKAN, P.SANGAT_BAIK])
    refresh()
    profil = dashboard(agency).profil
    assert profil is not None
    assert [(t.x, t.y) for t in profil.periodik.garis.titik] == [(120, 98), (356, 98), (592, 16)]
    assert (profil.periodik.tren, profil.periodik.ringkasan) == (
        Tren.NAIK,
        "Tren naik: predikat terakhir Sangat Baik.",
    )
    assert (profil.peringatan, profil.alasan_peringatan) == (False, ())
    assert profil.tahunan.titik == ()
    assert profil.tahunan.garis.kosong


def test_a_projection_of_the_model_is_explained_with_its_uncertainty():
    """A stored profile whose projection comes from the model's row for Baik (12 transitions)
    and whose warning comes from the risk: worded from the stored JSON, no query."""
    stored = ProfilPegawai(
        seri_periodik=[{"periode_id": 1, "label": "TW3 2026", "predikat": "BAIK"}],
        tren_periodik="BELUM_CUKUP_DATA",
        penjelasan_tren={},
        proyeksi_dasar={
            "peluang": {
                "SANGAT_BAIK": "0.1000",
                "BAIK": "0.4000",
                "BUTUH_PERBAIKAN": "0.3500",
                "KURANG": "0.1000",
                "SANGAT_KURANG": "0.0500",
            },
            "terpilih": "BAIK",
            "sumber": "BARIS",
            "observasi": 12,
            "asal": "BAIK",
            "kondisi": "BAIK",
            "dipakai": True,
            "dasar": "TW3 2026",
        },
        peringatan=True,
        alasan_peringatan=[
            {"kode": "RISIKO", "nilai": {"peluang": "0.5000"}},
            {"kode": "BUKTI_KURANG", "nilai": {"jumlah": 2, "periode": "TW3 2026"}},
        ],
        diperbarui_pada=timezone.now(),
    )
    profil = selectors.profile_shown(stored)
    proyeksi = profil.proyeksi
    assert proyeksi is not None
    assert [p.persen for p in proyeksi.peluang] == ["10,0%", "40,0%", "35,0%", "10,0%", "5,0%"]
    assert [p.nilai for p in proyeksi.peluang][1] == Decimal("0.4000")
    assert (proyeksi.naif, proyeksi.observasi, proyeksi.risiko, proyeksi.kondisi_label) == (
        False,
        12,
        "50,0%",
        "Baik",
    )
    assert proyeksi.alasan == (
        "Dari 12 perpindahan pegawai instansi dengan predikat Baik, 40,0% menjadi Baik pada "
        "periode berikutnya.",
        "Peluang Butuh Perbaikan atau lebih rendah: 50,0%.",
    )
    assert profil.alasan_peringatan == (
        "Peluang Butuh Perbaikan atau lebih rendah pada periode berikutnya 50,0%.",
        "2 RHK belum memiliki bukti dukung pada TW3 2026.",
    )
    assert profil.periodik.ringkasan == ""
    assert profil.periodik.garis.titik == (Titik(356, 57, "TW3 2026", "Baik"),)


def test_no_refresh_and_no_profile(agency):
    history(agency.pegawai, 2025, QUARTERS)
    data = dashboard(agency)
    assert (data.pembaruan, data.profil) == (None, None)
    assert [row.predikat for row in data.kemajuan.periode] == [*QUARTERS, None]
    run = refresh()
    newcomer = PegawaiFactory(unit=agency.bagian, penilai=agency.penilai)
    found = selectors.dashboard(newcomer, scope_for(agency.admin))
    assert (found.pembaruan, found.profil) == (run, None)


# --- SKP progress and pending actions ---------------------------------------------------------


def test_progress_of_the_year_and_pending_actions_of_the_employee(agency):
    laporan = live_year(agency)
    data = dashboard(agency)
    kemajuan = data.kemajuan
    assert kemajuan.tahun == LIVE
    assert kemajuan.skp is not None
    assert kemajuan.skp.status == "DISETUJUI"
    rows = [
        (
            row.nama,
            row.periode.status,
            row.laporan.status if row.laporan else None,
            (row.bukti.diterima, row.bukti.perlu_perbaikan, row.bukti.ditolak, row.bukti.menunggu),
            row.penilaian.status if row.penilaian else None,
            row.predikat,
        )
        for row in kemajuan.periode
    ]
    assert rows == [
        ("Triwulan I 2026", "DIBUKA", "PERLU_PERBAIKAN", (1, 1, 1, 1), "FINAL", P.BAIK),
        ("Triwulan II 2026", "DIBUKA", None, (0, 0, 0, 0), "DRAF", None),
        ("Triwulan III 2026", "DRAF", None, (0, 0, 0, 0), None, None),
        ("Triwulan IV-Akhir 2026", "DRAF", None, (0, 0, 0, 0), None, None),
        ("Tahunan 2026", "DRAF", None, (0, 0, 0, 0), None, None),
    ]
    nilai = Penilaian.objects.get(pegawai=agency.pegawai, periode__kode="TW1")
    batas = format_date(timezone.localdate() + datetime.timedelta(days=14))
    assert [(t.kode, t.teks, t.url) for t in data.tindakan] == [
        (
            "laporan_perbaikan",
            "Laporan realisasi Triwulan I 2026 perlu perbaikan; ajukan kembali.",
            f"/realisasi/{laporan.pk}/",
        ),
        (
            "bukti_perbaikan",
            "2 bukti dukung Triwulan I 2026 dikembalikan atau ditolak: perbaiki atau ganti.",
            f"/realisasi/{laporan.pk}/",
        ),
        (
            "laporan_belum",
            "Laporan realisasi Triwulan II 2026 belum diajukan (batas realisasi 31 Desember 2099).",
            "/realisasi/?tahun=2026",
        ),
        (
            "keberatan",
            f"Predikat Triwulan I 2026 (Baik) telah ditetapkan; keberatan dapat diajukan sampai "
            f"{batas}.",
            f"/penilaian/{nilai.pk}/",
        ),
    ]


def test_the_appraiser_sees_draft_predikat_and_links_to_pages_they_read(agency):
    laporan = live_year(agency)
    data = dashboard(agency, "penilai")
    assert [row.predikat for row in data.kemajuan.periode] == [
        P.BAIK,
        P.SANGAT_BAIK,
        None,
        None,
        None,
    ]
    assert [(t.kode, t.url) for t in data.tindakan] == [
        ("laporan_perbaikan", f"/realisasi/{laporan.pk}/"),
        ("bukti_perbaikan", f"/realisasi/{laporan.pk}/"),
        ("laporan_belum", ""),
        ("keberatan", f"/penilaian/{Penilaian.objects.get(periode__kode='TW1').pk}/"),
    ]


def test_objection_window_closed_or_used(agency):
    live_year(agency)
    nilai = Penilaian.objects.get(pegawai=agency.pegawai, periode__kode="TW1")
    Penilaian.objects.filter(pk=nilai.pk).update(
        ditetapkan_pada=timezone.now() - datetime.timedelta(days=15)
    )
    assert "keberatan" not in [t.kode for t in dashboard(agency).tindakan]
    Penilaian.objects.filter(pk=nilai.pk).update(ditetapkan_pada=timezone.now())
    Keberatan.objects.create(penilaian=nilai, alasan="Tidak sesuai bukti")
    assert "keberatan" not in [t.kode for t in dashboard(agency).tindakan]


def test_an_objection_window_of_last_year_still_open(agency):
    """A finalised assessment of an earlier year is listed while its window is open."""
    open_period("TW1", tahun=LIVE)
    nilai = assess(agency.pegawai, LIVE - 1, P.KURANG, kode="TW4")
    Penilaian.objects.filter(pk=nilai.pk).update(
        ditetapkan_pada=timezone.now() - datetime.timedelta(days=3)
    )
    batas = format_date(timezone.localdate() + datetime.timedelta(days=11))
    assert [(t.kode, t.teks) for t in dashboard(agency).tindakan] == [
        ("skp_belum", "SKP tahun 2026 belum dibuat."),
        (
            "keberatan",
            f"Predikat Triwulan IV-Akhir 2025 (Kurang/Misconduct) telah ditetapkan; keberatan "
            f"dapat diajukan sampai {batas}.",
        ),
    ]


def test_plan_actions(agency):
    siti = agency.pegawai
    assert dashboard(agency).tindakan == ()  # no period anywhere: nothing to ask yet
    open_period("TW1", tahun=LIVE)
    assert [(t.kode, t.teks, t.url) for t in dashboard(agency).tindakan] == [
        ("skp_belum", "SKP tahun 2026 belum dibuat.", "/skp/?tahun=2026")
    ]
    assert [(t.kode, t.url) for t in dashboard(agency, "admin").tindakan] == [("skp_belum", "")]
    _skp, leader = approved_plan(agency.penilai, kode="P-01")
    skp, _rhk = plan_with_rhk(siti, rhk_atasan=leader)
    assert [(t.kode, t.teks, t.url) for t in dashboard(agency).tindakan] == [
        ("skp_draf", "SKP tahun 2026 belum diajukan kepada pejabat penilai.", "/skp/?tahun=2026")
    ]
    skp_services.skp_submit(aktor=aktor_for(siti), skp=skp)
    assert dashboard(agency).tindakan == ()
    skp_services.skp_return(aktor=aktor_for(agency.penilai), skp=skp, catatan="Lengkapi target")
    assert [(t.kode, t.teks, t.url) for t in dashboard(agency, "penilai").tindakan] == [
        (
            "skp_dikembalikan",
            "SKP tahun 2026 dikembalikan pejabat penilai untuk diperbaiki.",
            f"/skp/{skp.pk}/",
        )
    ]


def test_the_current_year_is_the_default_period_s(agency):
    assert selectors.current_year() == timezone.localdate().year
    history(agency.pegawai, 2024, [P.BAIK])
    assert selectors.current_year() == 2024
    Periode.objects.filter(tahun__tahun=2024).update(status="DRAF")
    assert selectors.current_year() == timezone.localdate().year


# --- Allowance and credit points --------------------------------------------------------------


def test_allowance_history_in_rupiah(agency):
    open_period("TW1", tahun=LIVE)
    allowance(agency.pegawai)
    tukin = dashboard(agency).tukin
    assert tukin is not None
    current, previous = tukin.tahun
    assert (current.tahun, current.jumlah_netto, current.bulan_dihitung) == (LIVE, 7_524_190, 2)
    assert [(b.label, b.nilai, b.x, b.y, b.tinggi) for b in current.diagram.batang] == [
        ("Jan", "Rp3.781.000", 180, 16, 164),
        ("Feb", "Rp3.743.190", 564, 18, 162),
    ]
    assert [(b.label, b.nilai) for b in previous.diagram.batang] == [("Des", "Rp3.667.570")]
    assert (previous.tahun, previous.jumlah_netto) == (LIVE - 1, 3_667_570)
    assert tukin.baris[0] == ("Januari", [3_781_000, None])
    assert tukin.baris[1] == ("Februari", [3_743_190, None])
    assert tukin.baris[11] == ("Desember", [None, 3_667_570])
    assert current.judul == "Tunjangan kinerja netto 2026"


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("pegawai", True),
        ("penilai", False),
        ("admin", True),
        ("pimpinan", True),
        ("auditor", True),
        ("superuser", True),
    ],
)
def test_allowance_only_for_the_employee_and_hr(agency, role, shown):
    open_period("TW1", tahun=LIVE)
    allowance(agency.pegawai)
    assert (dashboard(agency, role).tukin is not None) is shown


def test_credit_points_of_a_functional_employee(agency):
    assert dashboard(agency).angka_kredit is None  # Pelaksana without points
    functional(agency.pegawai)
    assess(agency.pegawai, 2024, P.SANGAT_BAIK)
    assess(agency.pegawai, 2025, P.BAIK)
    assess(agency.pegawai, LIVE, P.BAIK, final=False)
    own = dashboard(agency).angka_kredit
    assert own is not None
    assert [(y.tahun, y.predikat, y.total) for y in own.tahun] == [
        (2024, P.SANGAT_BAIK, Decimal("18.750")),
        (2025, P.BAIK, Decimal("12.500")),
    ]
    assert [(b.label, b.nilai) for b in own.diagram.batang] == [
        ("2024", "18,75"),
        ("2025", "12,50"),
    ]
    assert own.riwayat.kumulatif is not None
    assert own.riwayat.kumulatif.total == Decimal("31.250")
    # The appraiser sees the draft year's provisional points too.
    theirs = dashboard(agency, "penilai").angka_kredit
    assert theirs is not None
    assert [(y.tahun, y.sementara, y.total) for y in theirs.tahun][-1] == (
        LIVE,
        True,
        Decimal("12.500"),
    )
