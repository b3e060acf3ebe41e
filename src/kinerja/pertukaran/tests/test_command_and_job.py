"""`kinerja import` and the `pertukaran.import` background job."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command, execute_from_command_line

from kinerja.audit.services import Aktor
from kinerja.jobs import registry
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.jobs.progress import NullProgress
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, RiwayatPenilai
from kinerja.pertukaran.selectors import IMPORT_JOB_KIND
from kinerja.pertukaran.services import import_job_handle, import_submit
from kinerja.pertukaran.tests.helpers import (
    NIP_ANALIS,
    NIP_STAF,
    PEGAWAI_HEADER,
    snapshot,
    write_xlsx,
)

pytestmark = pytest.mark.django_db

GOOD = {
    "unit": [["kode", "nama", "induk_kode"], ["BU-KEU", "Bagian Keuangan", "BU"]],
    "pegawai": [
        PEGAWAI_HEADER,
        [NIP_STAF, "Rina Lestari", "BU-KEU", "Bendahara", "PELAKSANA", None, 6, "PNS", "II/d",
         None, "YA", None],
    ],
}  # fmt: skip
BAD = {
    "pegawai": [
        PEGAWAI_HEADER,
        ["123", "Rina", "BU-SDM", "Staf", "PELAKSANA", None, 18, "PNS", None, None, None, None],
        [NIP_ANALIS, "Dewi", "ENTAH", "Staf", "PELAKSANA", None, 5, "PNS", None, None, None, None],
    ]
}
BAD_REPORT = [
    "pegawai, baris 2, kolom nip: NIP harus 18 digit angka.",
    "pegawai, baris 2, kolom kelas_jabatan: Kelas jabatan harus 1 sampai 17.",
    "pegawai, baris 3, kolom unit_kode: Unit 'ENTAH' tidak ada, baik di sheet unit maupun di "
    "basis data.",
]


def command(*args: str) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


# --- The command ----------------------------------------------------------------------------


def test_command_imports_and_prints_the_counts(tmp_path, agency):
    path = write_xlsx(tmp_path / "data.xlsx", GOOD)
    stdout, stderr = command(str(path), "--berlaku-mulai", "2025-02-01")
    assert stdout == (
        "unit: 1 dibuat, 0 diubah, 0 tetap\n"
        "pegawai: 1 dibuat, 0 diubah, 0 tetap\n"
        "jabatan baru: 1\n"
        "Impor selesai.\n"
    )
    assert "Menyimpan data" in stderr  # the progress bar, on stderr
    rina = Pegawai.objects.get(nip=NIP_STAF)
    assert RiwayatPenilai.objects.get(pegawai=rina).mulai == datetime.date(2025, 2, 1)
    again, _ = command(str(path), "--berlaku-mulai", "2025-03-01")
    assert again.splitlines()[:2] == [
        "unit: 0 dibuat, 0 diubah, 1 tetap",
        "pegawai: 0 dibuat, 0 diubah, 1 tetap",
    ]


def test_command_dry_run_writes_nothing(tmp_path, agency):
    path = write_xlsx(tmp_path / "data.xlsx", GOOD)
    before = snapshot()
    stdout, _ = command(str(path), "--dry-run")
    assert stdout.splitlines()[-1] == "Uji saja: tidak ada data yang disimpan."
    assert snapshot() == before


def test_command_prints_the_report_and_fails(tmp_path, agency):
    path = write_xlsx(tmp_path / "salah.xlsx", BAD)
    before = snapshot()
    stderr = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import", str(path), stdout=io.StringIO(), stderr=stderr)
    assert str(failure.value) == "Impor ditolak: 3 kesalahan; tidak ada data yang disimpan."
    assert failure.value.returncode == 1
    report = [line for line in stderr.getvalue().splitlines() if not line.startswith("[")]
    assert report == BAD_REPORT
    assert snapshot() == before


def test_command_exit_code_from_the_command_line(tmp_path, agency, capsys):
    path = write_xlsx(tmp_path / "salah.xlsx", BAD)
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["kinerja", "import", str(path)])
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert "CommandError: Impor ditolak: 3 kesalahan; tidak ada data yang disimpan." in captured.err


def test_command_refuses_a_bad_date(tmp_path):
    with pytest.raises(CommandError, match="tanggal harus berbentuk YYYY-MM-DD"):
        command(str(tmp_path), "--berlaku-mulai", "1/2/2025")


# --- The job --------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def upload(tmp_path, sheets, name="data.xlsx") -> SimpleUploadedFile:
    path = write_xlsx(tmp_path / "upload.xlsx", sheets)
    return SimpleUploadedFile(name, path.read_bytes())


def submit(agency, tmp_path, sheets, *, dry_run=False) -> Pekerjaan:
    berkas = upload(tmp_path, sheets, name="../../Data Pegawai (final).xlsx")
    return import_submit(
        aktor=Aktor.of_user(agency.admin, "10.1.2.3"),
        scope=scope_for(agency.admin),
        nama_berkas=berkas.name or "",
        berkas=berkas,
        berlaku_mulai=datetime.date(2025, 1, 1),
        dry_run=dry_run,
    )


def test_job_kind_is_registered_with_its_result_template():
    kind = registry.kind(IMPORT_JOB_KIND)
    assert (kind.handler, kind.result_template) == (
        import_job_handle,
        "pertukaran/_hasil_impor.html",
    )


def test_submitted_job_imports_and_deletes_the_file(
    agency, tmp_path, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(agency, tmp_path, GOOD)
    stored = job.parameter["berkas"]
    assert stored.startswith("impor/")
    assert stored.endswith("/Data_Pegawai_final.xlsx")
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.SELESAI
    assert job.judul == "Impor Data Pegawai (final).xlsx"
    assert job.dibuat_oleh_id == agency.admin.pk
    assert job.hasil == {
        "uji_saja": False,
        "berlaku_mulai": "2025-01-01",
        "sheet": {
            "unit": {"dibuat": 1, "diubah": 0, "tetap": 0},
            "pegawai": {"dibuat": 1, "diubah": 0, "tetap": 0},
        },
        "jabatan_baru": 1,
    }
    assert not default_storage.exists(stored)
    assert Pegawai.objects.get(nip=NIP_STAF).unit.kode == "BU-KEU"


def test_failed_job_keeps_the_report_and_writes_nothing(
    agency, tmp_path, media, django_capture_on_commit_callbacks
):
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(agency, tmp_path, BAD)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.GAGAL
    assert job.galat == "Impor ditolak: 3 kesalahan; tidak ada data yang disimpan."
    assert job.hasil == {
        "laporan": [
            {"sheet": "pegawai", "baris": 2, "kolom": "nip", "alasan": "NIP harus 18 digit angka."},
            {"sheet": "pegawai", "baris": 2, "kolom": "kelas_jabatan",
             "alasan": "Kelas jabatan harus 1 sampai 17."},
            {"sheet": "pegawai", "baris": 3, "kolom": "unit_kode",
             "alasan": "Unit 'ENTAH' tidak ada, baik di sheet unit maupun di basis data."},
        ],
        "jumlah_kesalahan": 3,
    }  # fmt: skip
    assert not default_storage.exists(job.parameter["berkas"])
    assert snapshot() == before


def test_handler_raises_job_failed_with_the_report(agency, tmp_path, media):
    stored = default_storage.save("impor/tes/salah.xlsx", upload(tmp_path, BAD))
    parameter = {
        "berkas": stored,
        "nama_berkas": "salah.xlsx",
        "berlaku_mulai": None,
        "uji_saja": False,
        "pengguna_id": agency.superuser.pk,
        "aktor_label": "Super Admin",
        "alamat_ip": None,
    }
    with pytest.raises(registry.JobFailed) as failure:
        import_job_handle(parameter, NullProgress())
    assert [row["alasan"] for row in failure.value.hasil["laporan"]] == [
        line.split(": ", 1)[1] for line in BAD_REPORT
    ]
    assert not default_storage.exists(stored)


def test_dry_run_job_counts_only(agency, tmp_path, media, django_capture_on_commit_callbacks):
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(agency, tmp_path, GOOD, dry_run=True)
    job.refresh_from_db()
    assert job.judul == "Uji impor Data Pegawai (final).xlsx"
    assert (job.status, job.hasil["uji_saja"], job.hasil["sheet"]["pegawai"]["dibuat"]) == (
        StatusPekerjaan.SELESAI,
        True,
        1,
    )
    assert snapshot() == before


def test_upload_refused_at_once(agency, tmp_path, media):
    from django.core.exceptions import ValidationError

    berkas = SimpleUploadedFile("data.xlsx", b"%PDF-1.4 bukan workbook")
    with pytest.raises(ValidationError) as failure:
        import_submit(
            aktor=Aktor.of_user(agency.admin), scope=scope_for(agency.admin),
            nama_berkas="data.xlsx", berkas=berkas, berlaku_mulai=None, dry_run=False,
        )  # fmt: skip
    assert failure.value.message_dict == {
        "berkas": ["Berkas ini PDF, bukan workbook .xlsx atau CSV."]
    }
    assert Pekerjaan.objects.count() == 0
    assert not (media / "impor").exists()
