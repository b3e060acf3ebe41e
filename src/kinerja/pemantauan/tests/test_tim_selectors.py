"""The appraiser's team dashboard selector on a constructed team: each member's live status
(plan, report, evidence waiting, assessment), the totals, the distribution and its chart, the
curve groups with the stored verdict, the trends with their sparklines, and a fixed number of
queries whatever the size of the team.

The team of Budi (Bagian SDM, TW3 2026):
- Siti: plan approved, report submitted 3 days ago with 2 items waiting, not rated yet;
- Andi: plan submitted (to approve), no report, rated Baik (draft);
- Dewi: plan approved, report still a draft with 1 item (nothing waits), Sangat Baik (final);
- Eko: excluded (cuti besar since 1 August 2026), nothing else.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.aturan.enums import Predikat, PredikatOrganisasi, Tren
from kinerja.organisasi.enums import JenisPengecualian
from kinerja.organisasi.models import Pegawai, Pengecualian
from kinerja.organisasi.tests.factories import pegawai_with_account
from kinerja.pemantauan.models import ProfilPegawai
from kinerja.pemantauan.rules.peringatan import reasons_text
from kinerja.pemantauan.selectors.tim import (
    StatusNilai,
    distribution_chart,
    period_chosen,
    team_dashboard,
)
from kinerja.pemantauan.tests.factories import history, refresh
from kinerja.penilaian.models import KinerjaOrganisasi
from kinerja.penilaian.tests.factories import finalised_group, org_rating
from kinerja.periode.models import Periode
from kinerja.realisasi import services as realisasi_services
from kinerja.realisasi.enums import StatusLaporan
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.realisasi.tests.factories import link, open_period, report_for, upload
from kinerja.skp import services as skp_services
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import Rhk
from kinerja.skp.tests.factories import aktor_for, plan_with_rhk
from kinerja.talenta.tests.factories import assess

pytestmark = pytest.mark.django_db
TAHUN = 2026
WAITED = datetime.timedelta(days=3, hours=2)
P = Predikat


@dataclass
class Tim:
    periode: Periode
    siti: Pegawai
    laporan: Laporan
    andi: Pegawai | None = None
    dewi: Pegawai | None = None
    eko: Pegawai | None = None


def build_team(agency, *, full: bool = True) -> Tim:
    """Budi's team for TW3 2026 (only Siti when not `full`); Bagian SDM rated Baik."""
    periode = open_period("TW3", tahun=TAHUN)
    _laporan, _skp, budi_rhk = report_for(agency.penilai, periode)
    laporan, _skp, rhk = report_for(agency.pegawai, periode, rhk_atasan=budi_rhk)
    upload(laporan, rhk)
    link(laporan, rhk)
    realisasi_services.laporan_submit(aktor=aktor_for(agency.pegawai), laporan=laporan)
    Laporan.objects.filter(pk=laporan.pk).update(diajukan_pada=timezone.now() - WAITED)
    tim = Tim(periode, agency.pegawai, laporan)
    org_rating(agency.bagian, periode)
    if not full:
        return tim
    unit, boss = agency.bagian, agency.penilai
    tim.andi = pegawai_with_account(nama="Andi Wijaya", unit=unit, penilai=boss)
    skp, _rhk = plan_with_rhk(tim.andi, rhk_atasan=budi_rhk)
    skp_services.skp_submit(aktor=aktor_for(tim.andi), skp=skp)
    assess(tim.andi, TAHUN, P.BAIK, kode="TW3", final=False)
    tim.dewi = pegawai_with_account(nama="Dewi Lestari", unit=unit, penilai=boss)
    draft, _skp, rhk = report_for(tim.dewi, periode, rhk_atasan=budi_rhk)
    upload(draft, rhk)
    assess(tim.dewi, TAHUN, P.SANGAT_BAIK, kode="TW3")
    tim.eko = pegawai_with_account(nama="Eko Prasetyo", unit=unit, penilai=boss)
    Pengecualian.objects.create(
        pegawai=tim.eko, jenis=JenisPengecualian.CUTI_BESAR, mulai=datetime.date(TAHUN, 8, 1)
    )
    return tim


def with_history(tim: Tim) -> None:
    """Siti falls from Baik to Butuh Perbaikan in 2025; Andi stays at Butuh Perbaikan."""
    history(tim.siti, 2025, [P.BAIK, P.BAIK, P.BAIK, P.BUTUH_PERBAIKAN])
    if tim.andi is not None:
        history(tim.andi, 2025, [P.BUTUH_PERBAIKAN] * 4)


def status_of(row) -> tuple:
    return (
        row.pegawai.nama,
        row.pengecualian,
        row.skp_status,
        row.laporan_status,
        row.bukti_menunggu,
        row.lama_menunggu,
        row.status_nilai,
        row.predikat,
        row.perlu_dinilai,
    )


def test_team_status_is_live(agency):
    tim = build_team(agency)
    data = team_dashboard(agency.penilai.pk, tim.periode)
    assert [status_of(row) for row in data.baris] == [
        (
            "Andi Wijaya",
            None,
            StatusSkp.DIAJUKAN,
            None,
            0,
            None,
            StatusNilai.DRAF,
            P.BAIK,
            False,
        ),
        (
            "Dewi Lestari",
            None,
            StatusSkp.DISETUJUI,
            StatusLaporan.DRAF,
            0,
            None,
            StatusNilai.FINAL,
            P.SANGAT_BAIK,
            False,
        ),
        (
            "Eko Prasetyo",
            JenisPengecualian.CUTI_BESAR,
            None,
            None,
            0,
            None,
            StatusNilai.BELUM,
            None,
            False,
        ),
        (
            "Siti Aminah",
            None,
            StatusSkp.DISETUJUI,
            StatusLaporan.DIAJUKAN,
            2,
            3,
            StatusNilai.BELUM,
            None,
            True,
        ),
    ]
    siti = data.baris[3]
    assert siti.laporan_id == tim.laporan.pk
    assert siti.menunggu_sejak == Laporan.objects.get(pk=tim.laporan.pk).diajukan_pada
    total = data.total
    assert (
        total.anggota,
        total.dikecualikan,
        total.skp_menunggu,
        total.bukti_menunggu,
        total.belum_dinilai,
        total.lama_menunggu,
    ) == (4, 1, 1, 2, 1, 3)
    assert total.menunggu_sejak == siti.menunggu_sejak


def test_only_items_still_waiting_count(agency):
    tim = build_team(agency, full=False)
    first = BuktiDukung.objects.filter(laporan=tim.laporan).order_by("pk").first()
    realisasi_services.bukti_verdict(
        aktor=aktor_for(agency.penilai), bukti=first, status="DITERIMA"
    )
    row = team_dashboard(agency.penilai.pk, tim.periode).baris[0]
    assert (row.bukti_menunggu, row.lama_menunggu) == (1, 3)


def test_inactive_appraisees_and_other_teams_are_left_out(agency):
    tim = build_team(agency, full=False)
    rina = pegawai_with_account(nama="Rina Purnama", unit=agency.bagian, penilai=agency.penilai)
    Pegawai.objects.filter(pk=rina.pk).update(aktif=False)
    data = team_dashboard(agency.penilai.pk, tim.periode)
    assert [row.pegawai.nama for row in data.baris] == ["Siti Aminah"]
    assert team_dashboard(agency.outsider.pk, tim.periode).baris == []


def test_distribution_final_and_draft_apart(agency):
    tim = build_team(agency)
    data = team_dashboard(agency.penilai.pk, tim.periode)
    assert [(s.predikat, s.final, s.draf, s.jumlah) for s in data.sebaran] == [
        (P.SANGAT_BAIK, 1, 0, 1),
        (P.BAIK, 0, 1, 1),
        (P.BUTUH_PERBAIKAN, 0, 0, 0),
        (P.KURANG, 0, 0, 0),
        (P.SANGAT_KURANG, 0, 0, 0),
    ]
    assert (data.sebaran_final, data.sebaran_draf) == (1, 1)
    bars = [(b.label, b.y, b.tinggi, b.nilai) for b in data.grafik.batang]
    assert bars == [
        ("Sangat Baik", 16, 164, "1"),
        ("Baik", 16, 164, "1"),
        ("Butuh Perbaikan", 180, 0, "0"),
        ("Kurang/Misconduct", 180, 0, "0"),
        ("Sangat Kurang", 180, 0, "0"),
    ]
    assert data.grafik.dasar == 180
    assert data.grafik == distribution_chart(data.sebaran)


def test_curve_group_before_and_after_the_refresh(agency):
    tim = build_team(agency)
    before = team_dashboard(agency.penilai.pk, tim.periode).kelompok
    assert [
        (g.unit, g.predikat_organisasi, g.anggota_tim, g.ditetapkan, g.kesesuaian_kode)
        for g in before
    ] == [(agency.bagian, PredikatOrganisasi.BAIK, 3, False, "BELUM_DIPERBARUI")]
    assert before[0].kesesuaian == "Belum diperbarui"

    run = refresh()
    (group,) = team_dashboard(agency.penilai.pk, tim.periode).kelompok
    assert (group.sesuai, group.kesesuaian_kode, group.kesesuaian) == (
        None,
        "TERLALU_KECIL",
        "Terlalu kecil untuk dinilai",
    )
    assert group.diperbarui_pada is not None
    assert run.dimulai_pada <= group.diperbarui_pada <= run.selesai_pada

    # The organisation rating changed since the refresh: the stored verdict is not shown.
    KinerjaOrganisasi.objects.filter(unit=agency.bagian).update(
        predikat=PredikatOrganisasi.ISTIMEWA
    )
    (group,) = team_dashboard(agency.penilai.pk, tim.periode).kelompok
    assert (group.predikat_organisasi, group.kesesuaian_kode, group.diperbarui_pada) == (
        PredikatOrganisasi.ISTIMEWA,
        "BELUM_DIPERBARUI",
        None,
    )


def test_finalised_group_complying_with_its_curve(agency):
    _penetapan, unit, kepala, members, periode = finalised_group(10, kode="TW3")
    refresh()
    data = team_dashboard(kepala.pk, periode)
    assert [
        (g.unit, g.anggota_tim, g.ditetapkan, g.sesuai, g.kesesuaian) for g in data.kelompok
    ] == [(unit, 10, True, True, "Sesuai")]
    assert [(s.predikat, s.final, s.draf) for s in data.sebaran][:3] == [
        (P.SANGAT_BAIK, 2, 0),
        (P.BAIK, 7, 0),
        (P.BUTUH_PERBAIKAN, 1, 0),
    ]
    assert data.total.belum_dinilai == 0
    assert len(members) == 10


def test_members_in_no_rated_unit(agency):
    tim = build_team(agency)
    KinerjaOrganisasi.objects.all().delete()
    data = team_dashboard(agency.penilai.pk, tim.periode)
    assert (data.kelompok, data.tanpa_kelompok) == ([], 3)


def test_no_refresh_yet_no_trends(agency):
    tim = build_team(agency)
    with_history(tim)
    data = team_dashboard(agency.penilai.pk, tim.periode)
    assert (data.pembaruan, data.tren) == (None, [])


def test_trends_of_each_member(agency):
    tim = build_team(agency)
    with_history(tim)
    run = refresh()
    data = team_dashboard(agency.penilai.pk, tim.periode)
    assert data.pembaruan == run
    assert [(t.pegawai.nama, t.tren, t.penjelasan) for t in data.tren] == [
        ("Andi Wijaya", Tren.STAGNAN, "Stagnan di Butuh Perbaikan selama 4 periode."),
        (
            "Dewi Lestari",
            Tren.BELUM_CUKUP_DATA,
            "Belum cukup data: perlu paling sedikit 2 predikat.",
        ),
        ("Siti Aminah", Tren.TURUN, "Tren turun: predikat terakhir Butuh Perbaikan."),
    ]
    # The warning is the refresh's (rules.peringatan): shown as stored, its reasons only when
    # warned.
    stored = {p.pegawai_id: p for p in ProfilPegawai.objects.all()}
    for item in data.tren:
        profile = stored[item.pegawai.pk]
        assert item.peringatan == profile.peringatan
        assert item.alasan == (
            reasons_text(profile.alasan_peringatan) if profile.peringatan else []
        )
    assert [t.peringatan for t in data.tren][1:] == [False, True]
    siti = data.tren[2]
    assert siti.seri == [
        ("TW1 2025", P.BAIK),
        ("TW2 2025", P.BAIK),
        ("TW3 2025", P.BAIK),
        ("TW4 2025", P.BUTUH_PERBAIKAN),
    ]
    mini = siti.garis
    assert (mini.x, mini.y, mini.lebar, mini.tinggi) == (114, 10, 172, 60)
    assert [(t.x, t.y, t.label, t.nilai) for t in mini.garis.titik] == [
        (120, 28, "TW1 2025", "Baik"),
        (173, 28, "TW2 2025", "Baik"),
        (227, 28, "TW3 2025", "Baik"),
        (280, 40, "TW4 2025", "Butuh Perbaikan"),
    ]
    assert mini.garis.ruas == ("120,28 173,28 227,28 280,40",)
    assert siti.langkah[1] == "Jendela 3 periode terakhir: Baik → Baik → Butuh Perbaikan."
    assert (siti.proyeksi, siti.peluang, siti.risiko, siti.tren_tahunan) == (
        P.BUTUH_PERBAIKAN,
        "100,0%",
        "100,0%",
        Tren.BELUM_CUKUP_DATA,
    )
    assert siti.penjelasan_proyeksi == [
        "Model belum terbukti lebih tepat daripada perkiraan naif "
        "pada uji balik: proyeksi = predikat "
        "terakhir (Butuh Perbaikan)."
    ]
    assert siti.alasan == [
        "Predikat terakhir Butuh Perbaikan.",
        "Rating hasil kerja turun dari Sesuai Ekspektasi ke Di Bawah Ekspektasi.",
    ]
    dewi = data.tren[1]
    assert [(t.x, t.y) for t in dewi.garis.garis.titik] == [(200, 16)]
    assert dewi.garis.garis.ruas == ()


def test_trend_of_a_stored_profile(agency):
    """A profile as the refresh stores it, with a projection of the model (not the naive
    forecast) and a warning: every figure worded as shown."""
    build_team(agency, full=False)
    refresh()
    profile = ProfilPegawai.objects.get(pegawai=agency.pegawai)
    profile.seri_periodik = [
        {"periode_id": 1, "label": "TW1 2025", "predikat": "SANGAT_BAIK"},
        {"periode_id": 2, "label": "TW2 2025", "predikat": "BAIK"},
        {"periode_id": 4, "label": "TW4 2025", "predikat": "KURANG"},
    ]
    profile.tren_periodik, profile.tren_tahunan = Tren.TURUN, Tren.NAIK
    profile.penjelasan_tren = {
        "periodik": {"ringkasan": "Tren turun: predikat terakhir Kurang.", "langkah": ["a", "b"]}
    }
    profile.proyeksi = P.BUTUH_PERBAIKAN
    profile.peluang = {"SANGAT_BAIK": "0.05", "BAIK": "0.2", "BUTUH_PERBAIKAN": "0.625"}
    profile.risiko = Decimal("0.75")
    profile.proyeksi_dasar = {
        "peluang": {
            "SANGAT_BAIK": "0.05",
            "BAIK": "0.2",
            "BUTUH_PERBAIKAN": "0.625",
            "KURANG": "0.1",
            "SANGAT_KURANG": "0.025",
        },
        "terpilih": "BUTUH_PERBAIKAN",
        "sumber": "SEL",
        "observasi": 16,
        "asal": "KURANG",
        "kondisi": "LEMAH",
        "dipakai": True,
        "dasar": "TW4 2025",
    }
    profile.peringatan = True
    profile.alasan_peringatan = [
        {"kode": "RISIKO", "nilai": {"peluang": "0.75"}},
        {"kode": "BUKTI_DITOLAK", "nilai": {"jumlah": 2, "total": 3, "periode": "TW3 2026"}},
    ]
    profile.save()
    (item,) = team_dashboard(agency.penilai.pk, build_period()).tren
    assert (item.tren, item.tren_tahunan, item.penjelasan, item.langkah) == (
        Tren.TURUN,
        Tren.NAIK,
        "Tren turun: predikat terakhir Kurang.",
        ["a", "b"],
    )
    assert [(t.x, t.y) for t in item.garis.garis.titik] == [(120, 16), (200, 28), (280, 52)]
    assert item.garis.garis.ruas == ("120,16 200,28 280,52",)
    assert (item.proyeksi, item.peluang, item.risiko) == (P.BUTUH_PERBAIKAN, "62,5%", "75,0%")
    assert item.penjelasan_proyeksi == [
        "Dari 16 perpindahan pegawai instansi dengan predikat Kurang/Misconduct dan bukti dukung "
        "lemah, 62,5% menjadi Butuh Perbaikan pada periode berikutnya.",
        "Peluang Butuh Perbaikan atau lebih rendah: 75,0%.",
    ]
    assert item.alasan == [
        "Peluang Butuh Perbaikan atau lebih rendah pada periode berikutnya 75,0%.",
        "2 dari 3 bukti dukung TW3 2026 ditolak atau perlu perbaikan.",
    ]


def build_period() -> Periode:
    return Periode.objects.get(tahun__tahun=TAHUN, kode="TW3")


def test_period_choice(agency):
    tim = build_team(agency, full=False)
    history(tim.siti, 2025, [P.BAIK])
    tw4 = Periode.objects.get(tahun__tahun=2025, kode="TW4")
    choices, chosen, unknown = period_chosen(None)
    assert (chosen, unknown) == (tim.periode, False)
    assert [f"{p.kode} {p.tahun.tahun}" for p in choices] == [
        "TW3 2026",
        "TAHUNAN 2025",
        "TW4 2025",
        "TW3 2025",
        "TW2 2025",
        "TW1 2025",
    ]
    assert period_chosen(tw4.pk)[1:] == (tw4, False)
    draft = Periode.objects.get(tahun__tahun=TAHUN, kode="TW4")
    assert period_chosen(draft.pk)[1:] == (tim.periode, True)
    assert period_chosen(999_999)[1:] == (tim.periode, True)


def test_no_period_started(agency):
    assert period_chosen(None) == ([], None, False)


def queries_for(penilai_id: int, periode: Periode) -> int:
    with CaptureQueriesContext(connection) as captured:
        team_dashboard(penilai_id, periode)
    return len(captured.captured_queries)


def test_query_count_is_fixed(agency):
    tim = build_team(agency, full=False)
    with_history(tim)
    refresh()
    one = queries_for(agency.penilai.pk, tim.periode)
    assert len(team_dashboard(agency.penilai.pk, tim.periode).baris) == 1

    budi_rhk = Rhk.objects.filter(skp__pegawai=agency.penilai).get()
    for nama in ("Andi Wijaya", "Dewi Lestari", "Eko Prasetyo"):
        other = pegawai_with_account(nama=nama, unit=agency.bagian, penilai=agency.penilai)
        report_for(other, tim.periode, rhk_atasan=budi_rhk)
        assess(other, TAHUN, P.BAIK, kode="TW3", final=False)
    refresh()
    assert len(team_dashboard(agency.penilai.pk, tim.periode).baris) == 4
    assert queries_for(agency.penilai.pk, tim.periode) == one == 10
