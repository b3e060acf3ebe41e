"""Loading the demo agency: exact counts, accounts and roles, the plans of the current year and
their workflow, and a second load changes nothing."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

import pytest
from django.db.models import F
from django.utils import timezone

from kinerja.akun.models import Pengguna
from kinerja.aturan import selectors
from kinerja.aturan.models import SetAturan
from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.demo import generator
from kinerja.demo.services import HasilDemo, demo_load
from kinerja.jobs.progress import NullProgress
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Jabatan, Pegawai, Pengecualian, Peran, Unit
from kinerja.periode.models import TahunKinerja
from kinerja.periode.services import tahun_open
from kinerja.skp import selectors as skp_selectors
from kinerja.skp.models import Indikator, RevisiSkp, Rhk, RiwayatSkp, Skp

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def agency() -> generator.DemoAgency:
    return generator.generate()


@pytest.fixture
def loaded(db: None) -> HasilDemo:
    return demo_load(progress=NullProgress())


@pytest.fixture
def rencana(agency: generator.DemoAgency, loaded: HasilDemo) -> generator.RencanaDemo:
    return generator.skp_plans(agency, loaded.tahun)


def database_state() -> dict[str, Any]:
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
        "audit": Entri.objects.count(),
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
    workflow = ("skp.update", "skp.submit", "skp.approve", "skp.return")
    entries = Entri.objects.exclude(aksi__in=workflow)
    assert entries.count() > 0
    assert set(entries.values_list("aktor_label", flat=True)) == {"demo"}
    assert set(entries.values_list("aktor_id", flat=True)) == {None}
    actions = Counter(Entri.objects.values_list("aksi", flat=True))
    assert actions["pengguna.create"] == 6
    assert actions["peran.grant"] == 3
    linked = Entri.objects.filter(aksi="pegawai.update", keterangan="Akun demo dihubungkan")
    assert linked.count() == 4
    assert (actions["tahunkinerja.open"], actions["skp.import"]) == (1, 292)
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
    again = demo_load(progress=NullProgress())
    assert database_state() == before
    assert again.akun_dibuat == 0
    assert all(item.sandi_demo for item in again.akun)


def test_second_load_keeps_a_password_changed_by_its_user(
    loaded: HasilDemo, agency: generator.DemoAgency
) -> None:
    nip = agency.akun[5].nip
    pengguna = Pengguna.objects.get(nip=nip)
    pengguna.set_password("sandi-baru-saya-2025")
    pengguna.save()
    again = demo_load(progress=NullProgress())
    pengguna.refresh_from_db()
    assert pengguna.check_password("sandi-baru-saya-2025")
    assert [item.sandi_demo for item in again.akun] == [True, True, True, True, True, False]


def test_load_reports_progress(db: None) -> None:
    class Recorder:
        def __init__(self) -> None:
            self.started: list[tuple[int, str]] = []
            self.advanced = 0

        def start(self, total: int, stage: str = "") -> None:
            self.started.append((total, stage))

        def advance(self, amount: int = 1) -> None:
            self.advanced += amount

    recorder = Recorder()
    demo_load(progress=recorder)
    assert recorder.started
    assert all(total >= 0 for total, _stage in recorder.started)
    assert recorder.advanced >= 300


# --- Plans of the current year ------------------------------------------------------------------


def test_load_opens_the_year_and_imports_every_plan_of_the_sheet(
    loaded: HasilDemo, rencana: generator.RencanaDemo
) -> None:
    tahun = timezone.localdate().year
    assert loaded.tahun == tahun
    year = TahunKinerja.objects.get()
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


def test_load_extends_the_passed_deadlines_of_a_year_opened_before(db: None) -> None:
    tahun = timezone.localdate().year
    passed = timezone.localdate() - datetime.timedelta(days=1)
    tahun_open(
        aktor=Aktor.system("admin"),
        tahun=tahun,
        batas_pengajuan_skp=passed,
        batas_persetujuan_skp=passed,
    )
    demo_load(progress=NullProgress())
    year = TahunKinerja.objects.get()
    assert (year.batas_pengajuan_skp, year.batas_persetujuan_skp) == (
        datetime.date(tahun, 12, 31),
        datetime.date(tahun, 12, 31),
    )
    update = Entri.objects.get(aksi="tahunkinerja.update")
    assert (update.aktor_label, update.sesudah) == (
        "demo",
        {
            "batas_pengajuan_skp": f"{tahun}-12-31",
            "batas_persetujuan_skp": f"{tahun}-12-31",
        },
    )
    assert Skp.objects.filter(status="DISETUJUI").count() == 253
