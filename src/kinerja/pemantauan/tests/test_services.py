"""The monitoring refresh on the shared `agency`: the stored unit counts (subtree and direct
members, per jenis jabatan and "" for all), an employee who left but was assessed, the unit
outlook, the profiles; a failed refresh keeps the previous figures; a second one replaces them;
the background job; the number of queries does not grow with the number of employees."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.aturan.enums import Predikat
from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.organisasi.models import Jabatan, Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.pemantauan import services
from kinerja.pemantauan.models import (
    Pembaruan,
    ProfilPegawai,
    ProyeksiUnit,
    RingkasanUnit,
    StatusPembaruan,
)
from kinerja.pemantauan.rules.ringkasan import empty
from kinerja.pemantauan.selectors import baca
from kinerja.pemantauan.tests.factories import history, periods_open, refresh
from kinerja.penilaian.models import Penilaian
from kinerja.periode.models import Periode
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.skp.models import Rhk, Skp

pytestmark = pytest.mark.django_db

SB, B, BP, K, SK = tuple(Predikat)
TAHUN = 2025


def plan(pegawai: Pegawai, status: str = "DISETUJUI", tahun: int = TAHUN) -> Rhk:
    """The year's plan with one RHK, written directly."""
    skp = Skp.objects.create(pegawai=pegawai, tahun=tahun, status=status)
    return Rhk.objects.create(skp=skp, kode="1", uraian="Laporan kegiatan")


def report(rhk: Rhk, kode: str, status: str, *evidence: str) -> Laporan:
    """The report of a quarter with evidence items of the given statuses."""
    periode = Periode.objects.get(tahun__tahun=rhk.skp.tahun, kode=kode)
    laporan = Laporan.objects.create(skp=rhk.skp, periode=periode, status=status)
    for n, verdict in enumerate(evidence):
        BuktiDukung.objects.create(
            laporan=laporan,
            rhk=rhk,
            jenis="TAUTAN",
            uraian="Tautan",
            tautan=f"https://drive.example.go.id/{laporan.pk}/{n}",
            status=verdict,
            diunggah_pada=timezone.now(),
        )
    return laporan


def counts(**named) -> dict:
    """The counts with only the named keys set (predikat given as a dict of its own)."""
    found = empty()
    found["predikat"] |= named.pop("predikat", {})
    found.update(named)
    return found


@pytest.fixture
def scene(agency):
    """2025, every deadline passed. In Bagian SDM: the appraisee (Pelaksana, approved plan,
    Baik, Baik, Butuh Perbaikan, TW4 not assessed; reports TW1 verified with 2 accepted items,
    TW2 submitted with 1 item waiting, TW3 returned with 1 rejected and 1 to fix, none in TW4),
    the appraiser (Pengawas, plan submitted only; Sangat Baik in TW1, a draft in TW2) and an
    employee who left (Fungsional, Butuh Perbaikan in TW1). In Biro Lain: the outsider
    (Pelaksana, nothing)."""
    periods_open(TAHUN)
    Jabatan.objects.filter(pk=agency.penilai.jabatan_id).update(jenis_jabatan="PENGAWAS")
    rhk = plan(agency.pegawai)
    report(rhk, "TW1", "SELESAI", "DITERIMA", "DITERIMA")
    report(rhk, "TW2", "DIAJUKAN", "MENUNGGU")
    report(rhk, "TW3", "PERLU_PERBAIKAN", "DITOLAK", "PERLU_PERBAIKAN")
    history(agency.pegawai, TAHUN, [B, B, BP])
    plan(agency.penilai, status="DIAJUKAN")
    history(agency.penilai, TAHUN, [SB])
    draft = history(agency.penilai, TAHUN, [None, SB])[0]
    Penilaian.objects.filter(pk=draft.pk).update(status="DRAF")
    fungsional = Jabatan.objects.create(
        nama="Pranata", jenis_jabatan="FUNGSIONAL", jenjang="AHLI_PERTAMA", kelas_jabatan=7
    )
    leaver = PegawaiFactory(nama="Pegawai Keluar", unit=agency.bagian, jabatan=fungsional)
    history(leaver, TAHUN, [BP])
    Penilaian.objects.filter(pegawai=leaver).update(jabatan=fungsional)
    Pegawai.objects.filter(pk=leaver.pk).update(aktif=False)
    agency.leaver = leaver
    return agency


def rows(unit, kode: str) -> dict[str, tuple[dict, dict]]:
    """The unit's rows of a 2025 period: jenis jabatan -> (subtree counts, direct counts)."""
    return {
        r.jenis_jabatan: (r.jumlah, r.langsung)
        for r in RingkasanUnit.objects.filter(
            unit=unit, periode__kode=kode, periode__tahun__tahun=TAHUN
        )
    }


# What each person adds to the counts of TW1 2025.
PEGAWAI_TW1 = counts(
    pegawai=1,
    skp_disetujui=1,
    laporan_selesai=1,
    bukti=2,
    bukti_diterima=2,
    penilaian_final=1,
    predikat={"BAIK": 1},
)
PENILAI_TW1 = counts(pegawai=1, skp_diajukan=1, penilaian_final=1, predikat={"SANGAT_BAIK": 1})
LEAVER_TW1 = counts(pegawai=1, skp_belum=1, penilaian_final=1, predikat={"BUTUH_PERBAIKAN": 1})
OUTSIDER = counts(pegawai=1, skp_belum=1)
BAGIAN_TW1 = counts(
    pegawai=3,
    skp_disetujui=1,
    skp_diajukan=1,
    skp_belum=1,
    laporan_selesai=1,
    bukti=2,
    bukti_diterima=2,
    penilaian_final=3,
    predikat={"SANGAT_BAIK": 1, "BAIK": 1, "BUTUH_PERBAIKAN": 1},
)


def test_refresh_run_is_recorded(scene):
    run = refresh()
    assert (run.status, run.pesan, run.sebab, run.oleh_id, run.oleh_label) == (
        StatusPembaruan.SELESAI,
        "",
        "tes",
        None,
        "tes",
    )
    assert run.selesai_pada is not None
    assert run.selesai_pada >= run.dimulai_pada
    # three active employees (the one who left has no profile); four units
    assert (run.jumlah_pegawai, run.jumlah_unit) == (3, 4)
    assert baca.latest_refresh() == run
    assert baca.refresh_running() is None


def test_tw1_counts_per_unit(scene):
    refresh()
    assert rows(scene.bagian, "TW1") == {
        "": (BAGIAN_TW1, BAGIAN_TW1),
        "PELAKSANA": (PEGAWAI_TW1, PEGAWAI_TW1),
        "PENGAWAS": (PENILAI_TW1, PENILAI_TW1),
        "FUNGSIONAL": (LEAVER_TW1, LEAVER_TW1),
    }
    # Biro Umum has no direct members: its subtree is Bagian SDM's.
    assert rows(scene.biro, "TW1") == {
        "": (BAGIAN_TW1, empty()),
        "PELAKSANA": (PEGAWAI_TW1, empty()),
        "PENGAWAS": (PENILAI_TW1, empty()),
        "FUNGSIONAL": (LEAVER_TW1, empty()),
    }
    assert rows(scene.lain, "TW1") == {"": (OUTSIDER, OUTSIDER), "PELAKSANA": (OUTSIDER, OUTSIDER)}
    root_all = counts(
        pegawai=4,
        skp_disetujui=1,
        skp_diajukan=1,
        skp_belum=2,
        laporan_selesai=1,
        bukti=2,
        bukti_diterima=2,
        penilaian_final=3,
        predikat={"SANGAT_BAIK": 1, "BAIK": 1, "BUTUH_PERBAIKAN": 1},
    )
    root_pelaksana = counts(
        pegawai=2,
        skp_disetujui=1,
        skp_belum=1,
        laporan_selesai=1,
        bukti=2,
        bukti_diterima=2,
        penilaian_final=1,
        predikat={"BAIK": 1},
    )
    assert rows(scene.root, "TW1") == {
        "": (root_all, empty()),
        "PELAKSANA": (root_pelaksana, empty()),
        "PENGAWAS": (PENILAI_TW1, empty()),
        "FUNGSIONAL": (LEAVER_TW1, empty()),
    }


def test_later_quarters_without_the_employee_who_left(scene):
    refresh()
    pegawai_tw2 = counts(
        pegawai=1,
        skp_disetujui=1,
        laporan_diajukan=1,
        bukti=1,
        bukti_menunggu=1,
        bukti_terlambat=1,  # waiting past the verification deadline
        penilaian_final=1,
        predikat={"BAIK": 1},
    )
    penilai_tw2 = counts(pegawai=1, skp_diajukan=1, penilaian_draf=1)
    bagian = rows(scene.bagian, "TW2")
    assert bagian["PELAKSANA"] == (pegawai_tw2, pegawai_tw2)
    assert bagian["PENGAWAS"] == (penilai_tw2, penilai_tw2)
    assert set(bagian) == {"", "PELAKSANA", "PENGAWAS"}
    assert bagian[""][0]["pegawai"] == 2

    pegawai_tw3 = counts(
        pegawai=1,
        skp_disetujui=1,
        laporan_perbaikan=1,
        bukti=2,
        bukti_ditolak=1,
        bukti_perbaikan=1,
        penilaian_final=1,
        predikat={"BUTUH_PERBAIKAN": 1},
    )
    assert rows(scene.bagian, "TW3")["PELAKSANA"] == (pegawai_tw3, pegawai_tw3)
    # TW4: an approved plan, no report and no assessment, both deadlines passed.
    pegawai_tw4 = counts(
        pegawai=1,
        skp_disetujui=1,
        laporan_belum=1,
        laporan_terlambat=1,
        penilaian_belum=1,
        penilaian_terlambat=1,
    )
    assert rows(scene.bagian, "TW4")["PELAKSANA"] == (pegawai_tw4, pegawai_tw4)
    assert rows(scene.bagian, "TW4")["PENGAWAS"][0] == counts(pegawai=1, skp_diajukan=1)


def test_every_unit_has_an_all_row_for_every_period(scene):
    refresh()
    assert RingkasanUnit.objects.filter(jenis_jabatan="").count() == 4 * 5
    # jenis rows: TW1 bagian, biro, root x 3 jenis + lain x 1 = 10; the other four periods 7
    assert RingkasanUnit.objects.exclude(jenis_jabatan="").count() == 10 + 4 * 7
    row = RingkasanUnit.objects.get(unit=scene.biro, periode__kode="TW1", jenis_jabatan="")
    assert row.jalur == scene.biro.jalur
    assert row.kurva == {}  # no organisation rating: no curve check


def test_annual_period_counts_no_missing_reports(scene):
    refresh()
    annual = rows(scene.bagian, "TAHUNAN")["PELAKSANA"][0]
    assert (annual["laporan_belum"], annual["laporan_terlambat"]) == (0, 0)


def test_deadline_day_is_not_late_the_day_after_is(scene):
    today = timezone.localdate()
    tw4 = Periode.objects.filter(tahun__tahun=TAHUN, kode="TW4")
    tw4.update(batas_realisasi=today, batas_verifikasi=today, batas_penilaian=today)
    tw2 = Periode.objects.filter(tahun__tahun=TAHUN, kode="TW2")
    tw2.update(batas_verifikasi=today)
    refresh()
    tw4_row = rows(scene.bagian, "TW4")["PELAKSANA"][0]
    assert (tw4_row["laporan_belum"], tw4_row["laporan_terlambat"]) == (1, 0)
    assert (tw4_row["penilaian_belum"], tw4_row["penilaian_terlambat"]) == (1, 0)
    assert rows(scene.bagian, "TW2")["PELAKSANA"][0]["bukti_terlambat"] == 0

    yesterday = today - datetime.timedelta(days=1)
    tw4.update(batas_realisasi=yesterday, batas_verifikasi=yesterday, batas_penilaian=yesterday)
    tw2.update(batas_verifikasi=yesterday)
    refresh()
    tw4_row = rows(scene.bagian, "TW4")["PELAKSANA"][0]
    assert (tw4_row["laporan_terlambat"], tw4_row["penilaian_terlambat"]) == (1, 1)
    assert rows(scene.bagian, "TW2")["PELAKSANA"][0]["bukti_terlambat"] == 1


def test_profiles(scene):
    refresh()
    profiles = {p.pegawai_id: p for p in ProfilPegawai.objects.all()}
    assert set(profiles) == {scene.pegawai.pk, scene.penilai.pk, scene.outsider.pk}
    pegawai = profiles[scene.pegawai.pk]
    assert (pegawai.unit_id, pegawai.jalur, pegawai.jenis_jabatan, pegawai.penilai_id) == (
        scene.bagian.pk,
        scene.bagian.jalur,
        "PELAKSANA",
        scene.penilai.pk,
    )
    assert [p["predikat"] for p in pegawai.seri_periodik] == ["BAIK", "BAIK", "BUTUH_PERBAIKAN"]
    assert (pegawai.tren_periodik, pegawai.lama_periodik) == ("TURUN", 1)
    # 2 transitions only: the model is not used, the projection is the last predikat
    assert (pegawai.proyeksi, pegawai.risiko, pegawai.peringatan) == ("BUTUH_PERBAIKAN", 1, True)
    assert pegawai.proyeksi_dasar["sumber"] == "NAIF"
    assert pegawai.proyeksi_dasar["dasar"] == "TW3 2025"
    assert pegawai.proyeksi_dasar["dipakai"] is False
    # no report in the current period (TW4 2025): no evidence signals
    assert pegawai.alasan_peringatan == [
        {"kode": "PREDIKAT_RENDAH", "nilai": {"predikat": "BUTUH_PERBAIKAN"}},
        {"kode": "RATING_TURUN", "nilai": {"dari": "SESUAI", "ke": "DI_BAWAH"}},
    ]
    penilai = profiles[scene.penilai.pk]
    assert (penilai.jenis_jabatan, penilai.penilai_id, penilai.tren_periodik) == (
        "PENGAWAS",
        None,
        "BELUM_CUKUP_DATA",
    )
    # the draft of TW2 is not part of the series
    assert [p["label"] for p in penilai.seri_periodik] == ["TW1 2025"]
    assert (penilai.proyeksi, penilai.risiko, penilai.peringatan) == ("SANGAT_BAIK", 0, False)
    outsider = profiles[scene.outsider.pk]
    assert (outsider.seri_periodik, outsider.proyeksi, outsider.peringatan) == ([], "", False)
    assert outsider.risiko is None
    assert baca.profile_of(scene.pegawai.pk) == pegawai
    assert list(baca.team_profiles(scene.penilai.pk)) == [pegawai]
    assert [p.pegawai_id for p in baca.profiles_in(scene.root.jalur)] == [
        scene.penilai.pk,  # Budi Santoso
        scene.outsider.pk,  # Joko Widodo
        scene.pegawai.pk,  # Siti Aminah
    ]
    assert [p.pegawai_id for p in baca.profiles_in(scene.root.jalur, "PENGAWAS")] == [
        scene.penilai.pk
    ]


def test_unit_outlook(scene):
    refresh()
    outlooks = {(o.unit_id, o.jenis_jabatan): o for o in ProyeksiUnit.objects.all()}
    units = (scene.root, scene.biro, scene.bagian)
    assert set(outlooks) == {(u.pk, j) for u in units for j in ("", "PELAKSANA", "PENGAWAS")} | {
        (scene.lain.pk, ""),
        (scene.lain.pk, "PELAKSANA"),
    }
    tw3 = Periode.objects.get(tahun__tahun=TAHUN, kode="TW3")
    root = outlooks[(scene.root.pk, "")]
    assert root.periode_dasar == tw3
    assert (root.anggota, root.peringatan) == (2, 1)
    assert root.tren == {"TURUN": 1, "BELUM_CUKUP_DATA": 2}
    assert root.tren_tahunan == {"BELUM_CUKUP_DATA": 3}
    # naive projections: Sangat Baik (the appraiser) and Butuh Perbaikan (the appraisee)
    assert root.harapan == {
        "SANGAT_BAIK": "1.00",
        "BAIK": "0.00",
        "BUTUH_PERBAIKAN": "1.00",
        "KURANG": "0.00",
        "SANGAT_KURANG": "0.00",
    }
    assert root.rentang == {
        "SANGAT_BAIK": [1, 1],
        "BAIK": [0, 0],
        "BUTUH_PERBAIKAN": [1, 1],
        "KURANG": [0, 0],
        "SANGAT_KURANG": [0, 0],
    }
    bagian = outlooks[(scene.bagian.pk, "PELAKSANA")]
    assert (bagian.anggota, bagian.tren, bagian.peringatan) == (1, {"TURUN": 1}, 1)
    assert bagian.harapan["BUTUH_PERBAIKAN"] == "1.00"
    lain = outlooks[(scene.lain.pk, "")]
    assert (lain.anggota, lain.tren, lain.peringatan) == (0, {"BELUM_CUKUP_DATA": 1}, 0)
    assert set(lain.harapan.values()) == {"0.00"}
    assert baca.unit_outlook(scene.root) == root
    assert baca.unit_outlook(scene.bagian, "PENGAWAS").tren == {"BELUM_CUKUP_DATA": 1}


def test_read_selectors_over_the_stored_rows(scene):
    refresh()
    tw1 = Periode.objects.get(tahun__tahun=TAHUN, kode="TW1")
    assert baca.unit_summary(scene.bagian, tw1).jumlah == BAGIAN_TW1
    assert baca.unit_summary(scene.bagian, tw1, "PENGAWAS").jumlah == PENILAI_TW1
    assert baca.unit_summary(scene.lain, tw1, "PENGAWAS") is None
    assert [r.unit for r in baca.child_summaries(scene.root, tw1)] == [scene.lain, scene.biro]
    over_time = baca.summaries_over_time(scene.bagian)
    assert [(r.periode.kode, r.jumlah["pegawai"]) for r in over_time] == [
        ("TW1", 3),
        ("TW2", 2),
        ("TW3", 2),
        ("TW4", 2),
        ("TAHUNAN", 2),
    ]


def _stored() -> dict[str, list]:
    return {
        "ringkasan": sorted(
            RingkasanUnit.objects.values_list("unit_id", "periode_id", "jenis_jabatan", "jumlah")
        ),
        "profil": sorted(
            ProfilPegawai.objects.values_list(
                "pegawai_id", "tren_periodik", "proyeksi", "peringatan"
            )
        ),
        "proyeksi": sorted(
            ProyeksiUnit.objects.values_list("unit_id", "jenis_jabatan", "harapan", "tren")
        ),
    }


def test_a_second_refresh_replaces_the_rows(scene):
    first = refresh()
    before = _stored()
    old_ids = set(RingkasanUnit.objects.values_list("pk", flat=True))
    history(scene.outsider, TAHUN, [K])
    second = refresh()
    after = _stored()
    assert len(after["ringkasan"]) == len(before["ringkasan"])
    assert len(after["profil"]) == len(before["profil"]) == 3
    assert len(after["proyeksi"]) == len(before["proyeksi"])
    assert not old_ids & set(RingkasanUnit.objects.values_list("pk", flat=True))
    assert rows(scene.lain, "TW1")[""][0]["predikat"]["KURANG"] == 1
    assert ProfilPegawai.objects.get(pegawai=scene.outsider).proyeksi == "KURANG"
    assert baca.latest_refresh() == second
    assert list(Pembaruan.objects.values_list("pk", flat=True)) == [second.pk, first.pk]


def test_a_failed_refresh_is_recorded_and_keeps_the_previous_figures(scene, monkeypatch):
    done = refresh()
    before = _stored()
    history(scene.outsider, TAHUN, [K])

    def broken(**kwargs):
        raise RuntimeError("aturan rusak")

    monkeypatch.setattr(services.warning_rules, "signals", broken)
    with pytest.raises(RuntimeError, match="aturan rusak"):
        refresh()
    failed = Pembaruan.objects.get(status=StatusPembaruan.GAGAL)
    assert (failed.pesan, failed.jumlah_pegawai, failed.model) == ("aturan rusak", 0, {})
    assert failed.selesai_pada is not None
    assert _stored() == before
    assert baca.latest_refresh() == done


def test_a_failure_while_writing_rolls_the_rows_back(scene, monkeypatch):
    refresh()
    before = _stored()
    history(scene.outsider, TAHUN, [K])

    def broken(*args, **kwargs):
        raise RuntimeError("disk penuh")

    # RingkasanUnit rows are already deleted and rewritten when this fails
    monkeypatch.setattr(ProyeksiUnit.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError, match="disk penuh"):
        refresh()
    assert Pembaruan.objects.get(status=StatusPembaruan.GAGAL).pesan == "disk penuh"
    assert _stored() == before


def test_refresh_without_any_period(agency):
    run = refresh()
    assert (run.status, run.jumlah_pegawai, run.jumlah_unit) == (StatusPembaruan.SELESAI, 3, 4)
    assert RingkasanUnit.objects.count() == 0
    assert ProyeksiUnit.objects.count() == 0
    assert run.uji_balik == {
        "terpilih": "TANPA",
        "dipakai": False,
        "minimum_uji": 20,
        "kandidat": [
            {
                "pengkondisian": "TANPA",
                "jumlah": 0,
                "benar_model": 0,
                "benar_naif": 0,
                "periode": [],
            },
            {
                "pengkondisian": "BUKTI",
                "jumlah": 0,
                "benar_model": 0,
                "benar_naif": 0,
                "periode": [],
            },
        ],
    }


# --- The background job ----------------------------------------------------------------------


def test_refresh_job_runs_and_is_audited(scene, django_capture_on_commit_callbacks):
    aktor = Aktor.of_user(scene.admin, "10.0.0.9")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.refresh_start(aktor=aktor, sebab="Rapat pimpinan")
    job.refresh_from_db()
    run = Pembaruan.objects.get()
    assert (job.jenis, job.status, job.galat) == ("pemantauan.refresh", StatusPekerjaan.SELESAI, "")
    assert job.hasil == {"pembaruan": run.pk, "pegawai": 3, "unit": 4}
    assert (job.parameter, job.dibuat_oleh_id, job.judul) == (
        {"sebab": "Rapat pimpinan", "pengguna_id": scene.admin.pk, "oleh": aktor.label},
        scene.admin.pk,
        "Pembaruan data pemantauan",
    )
    assert (run.status, run.sebab, run.oleh_id, run.oleh_label) == (
        StatusPembaruan.SELESAI,
        "Rapat pimpinan",
        scene.admin.pk,
        aktor.label,
    )
    started = Entri.objects.get(aksi="pemantauan.start")
    assert (started.aktor_id, started.alamat_ip, started.objek_id, started.keterangan) == (
        scene.admin.pk,
        "10.0.0.9",
        str(job.pk),
        "Rapat pimpinan",
    )
    done = Entri.objects.get(aksi="pemantauan.refresh")
    assert (done.aktor_id, done.objek_id, done.sesudah) == (
        scene.admin.pk,
        str(run.pk),
        {"pegawai": 3, "unit": 4},
    )
    assert RingkasanUnit.objects.count() == 58


def test_a_second_refresh_is_refused_while_one_runs(scene):
    aktor = Aktor.of_user(scene.admin, "10.0.0.9")
    Pembaruan.objects.create(oleh_label="lain")
    with pytest.raises(ValidationError) as refused:
        services.refresh_start(aktor=aktor, sebab="")
    assert refused.value.messages == [
        "Pembaruan data pemantauan sedang berjalan; tunggu hingga selesai."
    ]
    assert not Pekerjaan.objects.exists()
    Pembaruan.objects.update(dimulai_pada=timezone.now() - datetime.timedelta(hours=3))
    assert services.refresh_start(aktor=aktor, sebab="").jenis == "pemantauan.refresh"


def test_a_failing_job_is_recorded(scene, monkeypatch, django_capture_on_commit_callbacks):
    def broken(**kwargs):
        raise RuntimeError("aturan rusak")

    monkeypatch.setattr(services.warning_rules, "signals", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.refresh_start(aktor=Aktor.system("tes"), sebab="")
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.GAGAL
    assert "aturan rusak" in job.galat
    assert Pembaruan.objects.get().status == StatusPembaruan.GAGAL


def test_refresh_job_is_dispatched_once(agency, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.refresh_start(aktor=Aktor.system("tes"), sebab="")
    assert len(callbacks) == 1
    assert Pekerjaan.objects.count() == 1


# --- Queries ---------------------------------------------------------------------------------


def _employees_with_history(agency, n: int) -> None:
    """n more employees in Bagian SDM with a plan, reports with evidence and assessments."""
    for i in range(n):
        employee = PegawaiFactory(nama=f"Tambahan {i}", unit=agency.bagian, penilai=agency.penilai)
        rhk = plan(employee)
        report(rhk, "TW1", "SELESAI", "DITERIMA", "DITOLAK")
        report(rhk, "TW2", "DIAJUKAN", "MENUNGGU")
        history(employee, TAHUN, [B, BP if i % 2 else B, B])


def _queries_of_refresh() -> int:
    with CaptureQueriesContext(connection) as captured:
        run = refresh()
    assert run.status == StatusPembaruan.SELESAI
    return len(captured)


@pytest.fixture
def baseline(agency):
    periods_open(TAHUN)
    _employees_with_history(agency, 1)
    history(agency.pegawai, TAHUN, [B, B])
    return agency


def test_queries_do_not_grow_with_employees(baseline):
    few = _queries_of_refresh()
    assert ProfilPegawai.objects.count() == 4
    _employees_with_history(baseline, 9)
    many = _queries_of_refresh()
    assert ProfilPegawai.objects.count() == 13
    assert many == few


def test_values_are_decimal_free_json(scene):
    """The stored JSON holds strings for probabilities (exact decimals survive the round trip)."""
    refresh()
    profile = ProfilPegawai.objects.get(pegawai=scene.pegawai)
    assert all(isinstance(v, str) for v in profile.peluang.values())
    assert Decimal(profile.peluang["BUTUH_PERBAIKAN"]) == 1
