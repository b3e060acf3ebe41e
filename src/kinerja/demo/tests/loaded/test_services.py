"""Loading the demo agency: exact counts, accounts and roles, the plans of the current year and
their workflow, the realisation and evidence of its quarters, and a second load changes nothing.

The demo is loaded once for the module (`loaded`, see conftest.py) on 29 November."""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter
from decimal import Decimal, InvalidOperation
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.db.models import Count, F, Min, Q
from django.urls import reverse
from django.utils import timezone

from kinerja.akun.models import Pengguna
from kinerja.aturan import selectors
from kinerja.aturan.models import SetAturan
from kinerja.audit.models import Entri
from kinerja.demo import generator
from kinerja.demo.services import HasilDemo, demo_load
from kinerja.demo.tests.helpers import demo_day
from kinerja.jobs.progress import NullProgress
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Jabatan, Pegawai, Pengecualian, Peran, Unit
from kinerja.periode import rules as periode_rules
from kinerja.periode.enums import JenisPeriode
from kinerja.periode.models import Periode, RiwayatStatusPeriode, TahunKinerja
from kinerja.realisasi import selectors as realisasi_selectors
from kinerja.realisasi.models import (
    BuktiDukung,
    Laporan,
    Realisasi,
    RiwayatBukti,
    RiwayatLaporan,
    UmpanBalik,
)
from kinerja.realisasi.tests.helpers import realisasi_state, stored_files
from kinerja.skp import selectors as skp_selectors
from kinerja.skp.models import Indikator, RevisiSkp, Rhk, RiwayatSkp, Skp

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def agency() -> generator.DemoAgency:
    return generator.generate()


@pytest.fixture
def rencana(agency: generator.DemoAgency, loaded: HasilDemo) -> generator.RencanaDemo:
    return generator.skp_plans(agency, loaded.tahun)


def database_state() -> dict[str, Any]:
    """The loaded agency, without the monitoring figures (refreshed by every load)."""
    audit = list(
        Entri.objects.exclude(aksi="pemantauan.refresh")
        .order_by("urutan")
        .values_list("urutan", "hash")
    )
    return {
        "unit": list(
            Unit.objects.order_by("kode").values_list("kode", "nama", "induk__kode", "aktif")
        ),
        "pegawai": list(
            Pegawai.objects.order_by("nip").values_list(
                "nip",
                "nama",
                "unit__kode",
                "jabatan__nama",
                "jabatan__jenis_jabatan",
                "jabatan__jenjang",
                "jabatan__kelas_jabatan",
                "status_kepegawaian",
                "golongan",
                "penilai__nip",
                "aktif",
                "pengguna__nip",
                "diubah_pada",
            )
        ),
        "jabatan": Jabatan.objects.count(),
        "pengecualian": list(
            Pengecualian.objects.order_by("pegawai__nip").values_list("pegawai__nip", "jenis")
        ),
        "pengguna": list(
            Pengguna.objects.order_by("nip").values_list(
                "nip", "nama", "password", "is_superuser", "is_active"
            )
        ),
        "peran": list(
            Peran.objects.order_by("pk").values_list("pengguna__nip", "jenis", "unit__kode")
        ),
        "set_aturan": list(
            SetAturan.objects.order_by("pk").values_list("kode", "versi", "status", "isi")
        ),
        "tahun": list(TahunKinerja.objects.values_list("tahun", "batas_pengajuan_skp")),
        "skp": list(
            Skp.objects.order_by("pk").values_list(
                "pk", "pegawai__nip", "pendekatan", "status", "revisi", "catatan_penilai",
                "identitas", "diubah_pada",
            )
        ),
        "rhk": list(Rhk.objects.order_by("pk").values_list()),
        "indikator": list(Indikator.objects.order_by("pk").values_list()),
        "riwayat_skp": RiwayatSkp.objects.count(),
        "revisi_skp": RevisiSkp.objects.count(),
        "periode": list(Periode.objects.order_by("pk").values_list()),
        "realisasi": {**realisasi_state(), "audit": audit},
        "audit": len(audit),
    }  # fmt: skip


def test_load_creates_every_unit_and_employee(
    loaded: HasilDemo, agency: generator.DemoAgency
) -> None:
    assert Unit.objects.count() == 38
    assert Pegawai.objects.count() == 300
    rows = {row["nip"]: row for row in agency.rows["pegawai"]}
    stored = {
        pegawai.nip: pegawai
        for pegawai in Pegawai.objects.select_related("unit", "jabatan", "penilai")
    }
    assert set(stored) == set(rows)
    for nip, row in rows.items():
        pegawai = stored[nip]
        assert (
            pegawai.nama,
            pegawai.unit.kode,
            pegawai.jabatan.nama,
            pegawai.jabatan.jenis_jabatan,
            pegawai.jabatan.jenjang,
            str(pegawai.jabatan.kelas_jabatan),
            pegawai.status_kepegawaian,
            pegawai.golongan,
            pegawai.penilai.nip if pegawai.penilai else "",
            pegawai.aktif,
        ) == (
            row["nama"],
            row["unit_kode"],
            row["jabatan"],
            row["jenis_jabatan"],
            row["jenjang"],
            row["kelas_jabatan"],
            row["status"],
            row["golongan"],
            row["atasan_nip"],
            row["aktif"] == "YA",
        )
    distinct_positions = {
        (row["jabatan"], row["jenis_jabatan"], row["jenjang"], row["kelas_jabatan"])
        for row in agency.rows["pegawai"]
    }
    assert Jabatan.objects.count() == len(distinct_positions)
    assert Counter(Pengecualian.objects.values_list("jenis", flat=True)) == {
        "PENSIUN": 2,
        "TUGAS_BELAJAR": 1,
        "CUTI_BESAR": 1,
        "MUTASI": 1,
    }
    assert Pegawai.objects.filter(penilai__isnull=True).get().jabatan.nama == "Sekretaris Badan"
    assert Unit.objects.get(kode="SET.B2.BG2").induk.kode == "SET.B2"


def test_load_creates_the_demo_accounts_and_roles(
    loaded: HasilDemo, agency: generator.DemoAgency
) -> None:
    accounts = {account.kunci: account for account in agency.akun}
    assert Pengguna.objects.count() == 6
    for account in agency.akun:
        pengguna = Pengguna.objects.get(nip=account.nip)
        assert pengguna.nama == account.nama
        assert pengguna.check_password("demo12345")
        assert pengguna.wajib_ganti_sandi is False
        assert pengguna.is_active is True
        assert pengguna.is_superuser is (account.kunci == "superuser")
        linked = Pegawai.objects.filter(pengguna=pengguna).values_list("nip", flat=True).first()
        assert linked == (account.nip if account.punya_pegawai else None)
    assert sorted(Peran.objects.values_list("pengguna__nip", "jenis", "unit__kode")) == sorted(
        [
            (accounts["admin"].nip, "ADMIN_KEPEGAWAIAN", "SET"),
            (accounts["pimpinan"].nip, "PIMPINAN", "SET.B2"),
            (accounts["auditor"].nip, "AUDITOR", None),
        ]
    )
    penilai = Pegawai.objects.get(nip=accounts["penilai"].nip)
    assert penilai.dinilai.count() == 4  # two Kepala Subbagian and two Ahli Muda
    plain = Pegawai.objects.select_related("penilai__penilai").get(nip=accounts["pegawai"].nip)
    assert plain.penilai.penilai == penilai
    assert [(item.akun.kunci, item.dibuat, item.sandi_demo) for item in loaded.akun] == [
        (key, True, True)
        for key in ("superuser", "admin", "pimpinan", "auditor", "penilai", "pegawai")
    ]
    assert loaded.akun_dibuat == 6


def test_load_writes_the_audit_log_as_the_demo_actor(loaded: HasilDemo) -> None:
    workflow = (
        *("skp.update", "skp.submit", "skp.approve", "skp.return"),
        *("laporan.submit", "laporan.verify", "bukti.create", "bukti.verdict", "bukti.replace"),
        "umpanbalik.save",
        *("kinerjaorganisasi.save", "penilaian.save", "penetapan.finalise"),
        *("keberatan.file", "keberatan.explain", "keberatan.decide"),
        *("rencana_perbaikan.create", "rencana_perbaikan.note", "rencana_perbaikan.close"),
    )
    entries = Entri.objects.exclude(aksi__in=workflow)
    assert entries.count() > 0
    assert set(entries.values_list("aktor_label", flat=True)) == {"demo"}
    assert set(entries.values_list("aktor_id", flat=True)) == {None}
    actions = Counter(Entri.objects.values_list("aksi", flat=True))
    assert actions["pengguna.create"] == 6
    assert actions["peran.grant"] == 3
    linked = Entri.objects.filter(aksi="pegawai.update", keterangan="Akun demo dihubungkan")
    assert linked.count() == 4
    # The year of the plans, and the two years of the history the import opens.
    assert (actions["tahunkinerja.open"], actions["skp.import"]) == (3, 292)
    assert (actions["skp.submit"], actions["skp.approve"], actions["skp.return"]) == (283, 253, 6)
    # Before submitting: the owner writes the Lampiran, the appraiser the expectations.
    assert actions["skp.update"] == 2 * 283


def test_load_activates_a_rule_set_version_with_the_full_allowance_table(
    loaded: HasilDemo,
) -> None:
    versions = list(
        SetAturan.objects.filter(kode="bawaan").order_by("versi").values_list("versi", "status")
    )
    assert versions == [(1, "NONAKTIF"), (2, "AKTIF")]
    current = selectors.rule_set_agency(datetime.date(2024, 6, 1))
    assert current.versi == 2
    assert current.aturan().tukin.besaran == generator.TUKIN_CONTOH
    assert current.aturan().tukin.besaran[9] == 3_781_000
    actions = list(
        Entri.objects.filter(objek_tipe="aturan.setaturan")
        .order_by("urutan")
        .values_list("aksi", flat=True)
    )
    assert actions == [
        "setaturan.copy",
        "setaturan.update",
        "setaturan.update",
        "setaturan.deactivate",
        "setaturan.activate",
    ]


def test_second_load_changes_nothing(loaded: HasilDemo) -> None:
    before = database_state()
    again = demo_load(progress=NullProgress(), today=demo_day())
    assert database_state() == before
    # Only the monitoring figures are refreshed again (recorded in the audit log).
    assert loaded.pembaruan is not None
    assert again.pembaruan is not None
    refreshed = Entri.objects.filter(aksi="pemantauan.refresh").order_by("urutan")
    assert list(refreshed.values_list("objek_id", flat=True)) == [
        str(loaded.pembaruan.pk),
        str(again.pembaruan.pk),
    ]
    assert again.realisasi is None
    assert again.akun_dibuat == 0
    assert all(item.sandi_demo for item in again.akun)


def test_second_load_keeps_a_password_changed_by_its_user(
    loaded: HasilDemo, agency: generator.DemoAgency
) -> None:
    nip = agency.akun[5].nip
    pengguna = Pengguna.objects.get(nip=nip)
    pengguna.set_password("sandi-baru-saya-2025")
    pengguna.save()
    again = demo_load(progress=NullProgress(), today=demo_day())
    pengguna.refresh_from_db()
    assert pengguna.check_password("sandi-baru-saya-2025")
    assert [item.sandi_demo for item in again.akun] == [True, True, True, True, True, False]


# --- Plans of the current year ------------------------------------------------------------------


def test_load_opens_the_year_and_imports_every_plan_of_the_sheet(
    loaded: HasilDemo, rencana: generator.RencanaDemo
) -> None:
    tahun = timezone.localdate().year
    assert loaded.tahun == tahun
    year = TahunKinerja.objects.get(tahun=tahun)
    assert (year.tahun, year.jenis_periode, year.aspek_biaya) == (tahun, "TRIWULAN", False)
    assert (year.batas_pengajuan_skp, year.batas_persetujuan_skp) == (
        datetime.date(tahun, 12, 31),
        datetime.date(tahun, 12, 31),
    )
    assert year.periode.count() == 5
    assert loaded.laporan.sheets["skp"].as_dict() == {"dibuat": 292, "diubah": 0, "tetap": 0}
    assert Skp.objects.count() == 292
    assert set(Skp.objects.values_list("pegawai__nip", flat=True)) == set(rencana.status)
    assert Rhk.objects.count() == len({(r["nip"], r["rhk_kode"]) for r in rencana.rows}) == 853
    assert Indikator.objects.count() == len(rencana.rows) == 1398
    assert Skp.objects.filter(pendekatan="KUALITATIF").count() == 12
    assert Rhk.objects.filter(jenis="TAMBAHAN").count() == 79
    jpt = Rhk.objects.filter(skp__pegawai__jabatan__jenis_jabatan="JPT")
    assert jpt.count() == 16
    assert not jpt.filter(perspektif="").exists()
    cascading = Rhk.objects.exclude(skp__pegawai__penilai__isnull=True)
    assert cascading.count() == 849
    assert cascading.filter(rhk_atasan__skp__pegawai=F("skp__pegawai__penilai")).count() == 849


def test_load_brings_each_plan_to_its_state_top_down(
    loaded: HasilDemo, rencana: generator.RencanaDemo, agency: generator.DemoAgency
) -> None:
    assert dict(Counter(Skp.objects.values_list("status", flat=True))) == {
        "DISETUJUI": 253,
        "DIAJUKAN": 24,
        "DRAF": 9,
        "DIKEMBALIKAN": 6,
    }
    stored = dict(Skp.objects.values_list("pegawai__nip", "status"))
    assert stored == rencana.status
    assert (
        dict(
            Skp.objects.filter(status="DIKEMBALIKAN").values_list("pegawai__nip", "catatan_penilai")
        )
        == rencana.catatan
    )
    assert RevisiSkp.objects.count() == 253
    history = Counter(
        tuple(RiwayatSkp.objects.filter(skp=skp).order_by("pk").values_list("aksi", flat=True))
        for skp in Skp.objects.all()
    )
    assert history == {
        ("DIIMPOR", "DIAJUKAN", "DISETUJUI"): 253,
        ("DIIMPOR", "DIAJUKAN"): 24,
        ("DIIMPOR",): 9,
        ("DIIMPOR", "DIAJUKAN", "DIKEMBALIKAN"): 6,
    }
    head = Skp.objects.get(pegawai__penilai__isnull=True)
    assert head.status == "DISETUJUI"
    assert list(
        Entri.objects.filter(objek_tipe="skp.skp", objek_id=str(head.pk))
        .order_by("urutan")
        .values_list("aksi", "aktor_label")
    ) == [
        ("skp.import", "demo"),
        ("skp.update", f"{head.pegawai.nama} ({head.pegawai.nip})"),
        ("skp.update", "demo"),
        ("skp.submit", f"{head.pegawai.nama} ({head.pegawai.nip})"),
        ("skp.approve", "demo"),
    ]
    assert head.konsekuensi == generator.LAMPIRAN_DEMO["konsekuensi"]
    assert dict(head.ekspektasi.values_list("nilai", "ekspektasi")) == generator.ekspektasi_demo(
        head.pegawai.nip
    )
    accounts = {account.kunci: account for account in agency.akun}
    plain = Skp.objects.select_related("pegawai__penilai").get(pegawai__nip=accounts["pegawai"].nip)
    assert plain.status == "DIKEMBALIKAN"
    decided = Entri.objects.get(aksi="skp.return", objek_id=str(plain.pk))
    assert decided.aktor_label == f"{plain.pegawai.penilai.nama} ({plain.pegawai.penilai.nip})"
    penilai = Pegawai.objects.get(nip=accounts["penilai"].nip)
    waiting = skp_selectors.subordinate_plans(penilai.pk, loaded.tahun, "DIAJUKAN")
    assert len(waiting) == 1
    approved_by_penilai = Entri.objects.filter(aksi="skp.approve", aktor_id=penilai.pengguna_id)
    assert approved_by_penilai.count() == 3


def test_completion_report_shows_the_mix(loaded: HasilDemo, agency: generator.DemoAgency) -> None:
    superuser = Pengguna.objects.get(nip=generator.SUPERUSER_NIP)
    [root] = skp_selectors.completion(scope_for(superuser), tahun=loaded.tahun)
    assert (root.unit.kode, root.jumlah_pegawai, root.tanpa_skp, root.persen_disetujui) == (
        "SET",
        299,
        7,
        85,
    )
    assert root.per_status == {"DISETUJUI": 253, "DIAJUKAN": 24, "DRAF": 9, "DIKEMBALIKAN": 6}
    unit = Unit.objects.get(kode="SET")
    without = skp_selectors.employees_without_plan(
        scope_for(superuser), tahun=loaded.tahun, unit=unit
    )
    assert without.count() == 7
    excluded = set(Pengecualian.objects.values_list("pegawai__nip", flat=True))
    assert len(excluded & set(without.values_list("nip", flat=True))) == 4


# --- Realisation and evidence of the year's quarters --------------------------------------------


@pytest.fixture
def realisasi(
    agency: generator.DemoAgency, rencana: generator.RencanaDemo
) -> generator.RealisasiDemo:
    return generator.realisasi_plans(agency, rencana, demo_day())


def sha256_of_stored(name: str) -> str:
    with default_storage.open(name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def value_of(text: str) -> Decimal | str:
    """A sheet value as stored: a number ("92,5" -> 92.5), else the narrative."""
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return text


def test_load_imports_the_realisation_of_every_approved_plan(
    loaded: HasilDemo, realisasi: generator.RealisasiDemo
) -> None:
    assert loaded.realisasi is not None
    assert loaded.realisasi.as_dict()["sheet"] == {
        "realisasi": {"dibuat": 933, "diubah": 0, "tetap": 0}
    }
    assert loaded.realisasi.extra == {"bukti_baru": 2791}
    expected = {
        ("TW1", "SELESAI"): 253,
        ("TW2", "SELESAI"): 253,
        ("TW3", "SELESAI"): 253,
        ("TW4", "DIAJUKAN"): 91,
        ("TW4", "DRAF"): 83,
    }
    assert Counter(Laporan.objects.values_list("periode__kode", "status")) == expected
    assert Counter((item.periode, item.status) for item in realisasi.laporan) == expected
    approved = Skp.objects.filter(status="DISETUJUI")
    assert set(Laporan.objects.values_list("skp_id", flat=True)) == set(
        approved.values_list("pk", flat=True)
    )
    stored = {
        (nip, kode, rhk, nilai if nilai is not None else narasi)
        for nip, kode, rhk, nilai, narasi in Realisasi.objects.values_list(
            "laporan__skp__pegawai__nip",
            "laporan__periode__kode",
            "indikator__rhk__kode",
            "nilai",
            "narasi",
        )
    }
    assert stored == {
        (row["nip"], row["periode"], row["rhk_kode"], value_of(row["realisasi"]))
        for row in realisasi.rows
    }
    assert Counter(Realisasi.objects.values_list("laporan__periode__kode", flat=True)) == {
        "TW1": 1228,
        "TW2": 1228,
        "TW3": 1228,
        "TW4": 601,
    }
    links = BuktiDukung.objects.filter(jenis="TAUTAN")
    assert links.count() == 2791
    assert set(links.values_list("tautan", flat=True)) == {
        row["bukti_url"] for row in realisasi.rows if row["bukti_url"]
    }
    imported = Entri.objects.filter(aksi="realisasi.update")
    assert imported.count() == 933
    assert set(imported.values_list("aktor_label", flat=True)) == {"demo"}


def test_evidence_files_are_stored_pdfs_checked_by_content(
    loaded: HasilDemo, realisasi: generator.RealisasiDemo
) -> None:
    files = BuktiDukung.objects.filter(jenis="BERKAS").order_by("pk")
    assert Counter(files.values_list("laporan__periode__kode", flat=True)) == {
        "TW1": 72,
        "TW2": 54,
        "TW3": 60,
        "TW4": 52,
    }
    generated = [berkas for item in realisasi.laporan for berkas in item.berkas]
    fixes = [item.kembali.perbaikan for item in realisasi.laporan if item.kembali]
    replaced = {hashlib.sha256(item.kembali.berkas.isi).hexdigest() for item in
                realisasi.laporan if item.kembali and item.kembali.berkas}  # fmt: skip
    assert files.count() == len(generated) == 238
    expected = {hashlib.sha256(berkas.isi).hexdigest() for berkas in generated} - replaced
    expected |= {hashlib.sha256(fix.isi).hexdigest() for fix in fixes if fix is not None}
    assert set(files.values_list("sha256", flat=True)) == expected
    for item in files:
        assert sha256_of_stored(item.berkas.name) == item.sha256
        assert (item.tipe_berkas, item.ukuran) == ("PDF", default_storage.size(item.berkas.name))
        assert item.nama_berkas.endswith(".pdf")
    # The five replaced files are deleted once the load commits (never here: the module's load
    # is rolled back), the others are exactly the items' files.
    extra = set(stored_files()) - set(files.values_list("berkas", flat=True))
    assert (len(stored_files()), len(extra)) == (243, 5)
    assert {sha256_of_stored(name) for name in extra} == replaced


def test_past_quarters_are_submitted_and_verified_with_a_few_items_returned_and_fixed(
    loaded: HasilDemo, realisasi: generator.RealisasiDemo, agency: generator.DemoAgency
) -> None:
    assert Counter(BuktiDukung.objects.values_list("laporan__periode__kode", "status")) == {
        ("TW1", "DITERIMA"): 876,
        ("TW2", "DITERIMA"): 873,
        ("TW3", "DITERIMA"): 866,
        ("TW4", "MENUNGGU"): 414,
    }
    assert Counter(RiwayatLaporan.objects.values_list("aksi", "status", "putaran")) == {
        ("AJUKAN", "DIAJUKAN", 1): 850,
        ("VERIFIKASI", "SELESAI", 1): 722,
        ("VERIFIKASI", "PERLU_PERBAIKAN", 1): 37,
        ("AJUKAN", "DIAJUKAN", 2): 37,
        ("VERIFIKASI", "SELESAI", 2): 37,
    }
    assert Counter(RiwayatBukti.objects.values_list("aksi", "status", "putaran")) == {
        ("TAUTAN", "MENUNGGU", 0): 2791,
        ("UNGGAH", "MENUNGGU", 0): 238,
        ("VERIFIKASI", "DITERIMA", 1): 2578,
        ("VERIFIKASI", "PERLU_PERBAIKAN", 1): 36,
        ("VERIFIKASI", "DITOLAK", 1): 1,
        ("GANTI", "MENUNGGU", 1): 37,
        ("VERIFIKASI", "DITERIMA", 2): 37,
    }
    returned = [item for item in realisasi.laporan if item.kembali]
    assert len(returned) == 37
    fixed = BuktiDukung.objects.filter(riwayat__aksi="GANTI")
    assert Counter(fixed.values_list("jenis", flat=True)) == {"TAUTAN": 32, "BERKAS": 5}
    assert set(fixed.filter(jenis="TAUTAN").values_list("uraian", flat=True)) == {
        "Bukti dari impor; izin akses tautan sudah dibuka untuk pejabat penilai"
    }
    assert all(name.endswith("-ttd.pdf") for name in fixed.filter(jenis="BERKAS").values_list(
        "nama_berkas", flat=True))  # fmt: skip
    notes = set(
        RiwayatBukti.objects.filter(aksi="VERIFIKASI")
        .exclude(status="DITERIMA")
        .values_list("catatan", flat=True)
    )
    assert notes == {generator.CATATAN_TAUTAN, *generator.CATATAN_BERKAS.values()}
    assert Counter(
        "rhk" if rhk else "nilai" for rhk in UmpanBalik.objects.values_list("rhk_id", flat=True)
    ) == {"rhk": 159, "nilai": 84}
    assert UmpanBalik.objects.count() == sum(
        len(item.umpan_balik) + len(item.perilaku) for item in realisasi.laporan
    )
    # The appraiser verifies: the demo penilai verified the admin's reports.
    accounts = {account.kunci: account.nip for account in agency.akun}
    penilai = Pegawai.objects.get(nip=accounts["penilai"])
    verifiers = set(
        BuktiDukung.objects.filter(laporan__skp__pegawai__nip=accounts["admin"])
        .exclude(diverifikasi_oleh=None)
        .values_list("diverifikasi_oleh_id", flat=True)
    )
    assert verifiers == {penilai.pengguna_id}
    actions = Counter(Entri.objects.values_list("aksi", flat=True))
    assert (actions["laporan.submit"], actions["laporan.verify"]) == (887, 796)
    assert (actions["bukti.create"], actions["bukti.verdict"], actions["bukti.replace"]) == (
        238,
        2652,
        37,
    )
    assert actions["umpanbalik.save"] == 243


def test_past_quarters_keep_their_deadlines_their_dates_and_are_closed_but_the_latest(
    loaded: HasilDemo,
) -> None:
    tahun = loaded.tahun
    defaults = {
        plan.kode: (plan.batas_realisasi, plan.batas_verifikasi, plan.batas_penilaian)
        for plan in periode_rules.year_plan(tahun, JenisPeriode.TRIWULAN)
    }
    periods = list(
        Periode.objects.filter(tahun__tahun=tahun)
        .order_by("urutan")
        .values_list("kode", "status", "batas_realisasi", "batas_verifikasi", "batas_penilaian")
    )
    assert periods == [(kode, status, *defaults[kode]) for kode, status in (
        ("TW1", "DITUTUP"), ("TW2", "DITUTUP"), ("TW3", "DIBUKA"), ("TW4", "DIBUKA"),
        ("TAHUNAN", "DRAF"),
    )]  # fmt: skip
    reason = "Verifikasi bukti dukung dan penilaian triwulan ini telah selesai."
    assert sorted(
        RiwayatStatusPeriode.objects.filter(periode__tahun__tahun=tahun).values_list(
            "periode__kode", "aksi", "ke", "alasan"
        )
    ) == [
        ("TW1", "close", "DITUTUP", reason),
        ("TW1", "open", "DIBUKA", ""),
        ("TW2", "close", "DITUTUP", reason),
        ("TW2", "open", "DIBUKA", ""),
        ("TW3", "open", "DIBUKA", ""),
        ("TW4", "open", "DIBUKA", ""),
    ]
    current = [
        str(pk) for pk in Periode.objects.filter(tahun__tahun=tahun).values_list("pk", flat=True)
    ]
    actions = Counter(
        Entri.objects.filter(objek_tipe="periode.periode", objek_id__in=current).values_list(
            "aksi", flat=True
        )
    )
    assert actions == {"periode.open": 4, "periode.update": 6, "periode.close": 2}
    for periode in Periode.objects.filter(tahun__tahun=tahun, kode__in=["TW1", "TW2", "TW3"]):
        reports = Laporan.objects.filter(periode=periode)
        items = BuktiDukung.objects.filter(laporan__periode=periode)
        window = (periode.selesai - datetime.timedelta(days=6), periode.batas_realisasi)
        uploaded = {timezone.localdate(moment) for moment in items.values_list(
            "diunggah_pada", flat=True)}  # fmt: skip
        submitted = {timezone.localdate(moment) for moment in reports.values_list(
            "diajukan_pada", flat=True)}  # fmt: skip
        verified = {timezone.localdate(moment) for moment in reports.values_list(
            "selesai_pada", flat=True)}  # fmt: skip
        assert (window[0], window[1]) == (min(window[0], min(uploaded)), max(window[1], *uploaded))
        assert periode.selesai < min(submitted)
        assert max(submitted) <= periode.batas_realisasi
        assert max(submitted) < min(verified)
        assert max(verified) <= periode.batas_verifikasi
        history = RiwayatLaporan.objects.filter(laporan__periode=periode)
        assert {timezone.localdate(moment) for moment in history.values_list(
            "pada", flat=True)} <= submitted | verified | {periode.selesai + datetime.timedelta(
                days=3)}  # fmt: skip
    assert not Notifikasi.objects.filter(
        tautan__in=[
            reverse("realisasi:detail", args=[pk])
            for pk in Laporan.objects.exclude(periode__kode="TW4").values_list("pk", flat=True)
        ],
        dibaca_pada=None,
    ).exists()


def test_the_current_quarter_shows_two_integrity_signals(loaded: HasilDemo) -> None:
    shared_files = (
        BuktiDukung.objects.exclude(sha256="")
        .values("sha256")
        .annotate(owners=Count("laporan__skp__pegawai", distinct=True))
        .filter(owners__gt=1)
    )
    assert [item["owners"] for item in shared_files] == [2]
    shared_links = (
        BuktiDukung.objects.exclude(tautan_kunci="")
        .values("tautan_kunci")
        .annotate(owners=Count("laporan__skp__pegawai", distinct=True))
        .filter(owners__gt=1)
    )
    link = f"https://drive.setbadan.example/bersama/{loaded.tahun}/notulen-rapat-koordinasi-tw4"
    assert [(item["tautan_kunci"], item["owners"]) for item in shared_links] == [(link, 3)]
    assert (
        BuktiDukung.objects.filter(jenis="BERKAS").aggregate(Min("ukuran"))["ukuran__min"] >= 1024
    )  # no nearly empty file
    involved = Laporan.objects.filter(
        Q(bukti__sha256=shared_files[0]["sha256"]) | Q(bukti__tautan_kunci=link)
    ).distinct().select_related("skp", "periode")  # fmt: skip
    found = Counter()
    for laporan in involved:
        items = list(BuktiDukung.objects.filter(laporan=laporan))
        for signals in realisasi_selectors.signals_for(items, laporan).values():
            found.update((laporan.periode.kode, signal.pesan) for signal in signals)
    assert found == {
        ("TW4", "Berkas yang sama juga diajukan oleh 1 pegawai lain."): 2,
        ("TW4", "Tautan yang sama juga dipakai oleh 2 pegawai lain."): 3,
    }


def test_the_demo_accounts_meet_the_current_quarter(
    loaded: HasilDemo, agency: generator.DemoAgency
) -> None:
    accounts = {account.kunci: account.nip for account in agency.akun}
    penilai = Pegawai.objects.get(nip=accounts["penilai"])
    rows = realisasi_selectors.inbox(penilai.pk)
    assert [(row.laporan.periode.kode, row.laporan.status) for row in rows] == [
        ("TW4", "DIAJUKAN"),
        ("TW4", "DIAJUKAN"),
        *[(kode, "SELESAI") for kode in ("TW1",) * 3 + ("TW2",) * 3 + ("TW3",) * 3],
    ]
    assert all(row.menunggu > 0 and row.diterima == 0 for row in rows[:2])
    assert {row.laporan.skp.pegawai.jabatan.jenis_jabatan for row in rows[:2]} == {"PENGAWAS"}
    unread = Notifikasi.objects.filter(penerima=penilai.pengguna, dibaca_pada=None)
    assert sorted(unread.values_list("judul", flat=True)) == sorted(
        f"{row.laporan.skp.pegawai.nama} mengajukan realisasi Triwulan IV-Akhir" for row in rows[:2]
    )
    own = dict(
        Laporan.objects.filter(
            skp__pegawai__nip__in=[accounts["penilai"], accounts["admin"]], periode__kode="TW4"
        ).values_list("skp__pegawai__nip", "status")
    )
    assert own == {accounts["penilai"]: "DRAF", accounts["admin"]: "DRAF"}
    # The pegawai account's plan was returned for revision: no realisation yet.
    assert not Laporan.objects.filter(skp__pegawai__nip=accounts["pegawai"]).exists()
