import os
import subprocess
import sys


def run_kinerja(*arguments: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("KINERJA_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-m", "kinerja", *arguments],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_a_bad_setting_stops_the_command_with_its_name(tmp_path):
    result = run_kinerja("check", KINERJA_DEBUG="maybe", KINERJA_DATA_DIR=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == (
        "kinerja: configuration error: Environment variable KINERJA_DEBUG='maybe' is invalid: "
        "expected one of 1/0, true/false, yes/no, on/off.\n"
    )


def test_production_needs_a_secret_key(tmp_path):
    result = run_kinerja("check", KINERJA_DATA_DIR=str(tmp_path))
    assert result.returncode == 2
    assert "KINERJA_SECRET_KEY is required but not set (see .env.example)" in result.stderr


def test_development_runs_every_management_command(tmp_path):
    result = run_kinerja("check", KINERJA_DEBUG="1", KINERJA_DATA_DIR=str(tmp_path))
    assert result.returncode == 0
    assert "System check identified no issues" in result.stdout


def test_evidence_goes_to_object_storage_when_a_bucket_is_configured(tmp_path):
    code = (
        "from django.conf import settings; from django.core.files.storage import storages;"
        "s = storages['default'];"
        "print(settings.STORAGES['default']['BACKEND'], type(s).__name__, s.bucket_name,"
        " s.endpoint_url)"
    )
    result = run_kinerja(
        "shell",
        "-c",
        code,
        KINERJA_DEBUG="1",
        KINERJA_DATA_DIR=str(tmp_path),
        KINERJA_S3_BUCKET="bukti-kinerja",
        KINERJA_S3_ENDPOINT_URL="http://minio.local:9000",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "storages.backends.s3.S3Storage S3Storage bukti-kinerja http://minio.local:9000"
    )


def test_evidence_stays_on_local_disk_by_default(tmp_path):
    code = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    result = run_kinerja("shell", "-c", code, KINERJA_DEBUG="1", KINERJA_DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "django.core.files.storage.FileSystemStorage"
