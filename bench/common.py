"""What the benchmarks share: the machine's description, the production-like environment on a
benchmark database, a fresh (or dropped) PostgreSQL database, `kinerja` run as a subprocess, a
timed step, and writing one section of docs/performance.md."""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import secrets
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DOC = ROOT / "docs" / "performance.md"
KINERJA = Path(sys.executable).with_name("kinerja")


def machine(url: str | None = None) -> str:
    """CPUs, memory, CPU model and Python; with a database URL, PostgreSQL's version and the
    settings that matter for the scans, otherwise the operating system."""
    memory = cpu = ""
    if Path("/proc/meminfo").exists():
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    parts = [f"{os.cpu_count()} CPU (nproc)", memory, cpu, f"Python {platform.python_version()}"]
    if url is None:
        parts.append(platform.system())
    else:
        import psycopg

        with psycopg.connect(url) as connection:
            version = connection.execute("SHOW server_version").fetchone()[0]
            settings = ", ".join(
                f"{name} {connection.execute(f'SHOW {name}').fetchone()[0]}"
                for name in ("shared_buffers", "work_mem", "max_parallel_workers_per_gather")
            )
        parts.append(f"PostgreSQL {version.split()[0]} ({settings}) on the same machine")
    return ", ".join(part for part in parts if part)


def environment_for(url: str, data_dir: str) -> dict[str, str]:
    """Production settings (DEBUG off) on the benchmark database."""
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "KINERJA_DATA_DIR": data_dir,
        "KINERJA_DEBUG": "0",
        "KINERJA_SECRET_KEY": secrets.token_urlsafe(60),
        "KINERJA_LOG_LEVEL": "WARNING",
        "KINERJA_JOBS_BACKEND": "inline",
    }
    environment.pop("CELERY_BROKER_URL", None)
    return environment


def _database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise SystemExit(f"database name {name!r}: use lower-case letters, digits and _")
    return name


def _maintenance_url(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def fresh_database(url: str) -> None:
    """Drop the URL's database if it exists and create it empty."""
    import psycopg

    name = _database_name(url)
    with psycopg.connect(_maintenance_url(url), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")


def drop_database(url: str) -> None:
    import psycopg

    with psycopg.connect(_maintenance_url(url), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {_database_name(url)} WITH (FORCE)")


def kinerja(args: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run `kinerja <args>` in its own process; stop the benchmark when it fails."""
    completed = subprocess.run(
        [str(KINERJA), *args], env=environment, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-5000:])
        raise SystemExit(f"kinerja {args[0]} failed with exit code {completed.returncode}")
    return completed


def shell_json(snippet: str, environment: dict[str, str]) -> dict[str, object]:
    """Run a snippet inside `kinerja shell`; its last printed line is JSON."""
    output = kinerja(["shell", "-c", snippet], environment).stdout
    return json.loads(output.strip().splitlines()[-1])


def children_cpu() -> float:
    """CPU time (user + system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def step(label: str, action: Callable[[], object]) -> object:
    """Run `action`, print how long it took, return its result."""
    started = time.perf_counter()
    result = action()
    print(f"{label}: {time.perf_counter() - started:.1f} s", flush=True)
    return result


def update_doc(title: str, section: str) -> None:
    """Replace the section `title` ("## …", up to the next "## ") of docs/performance.md with
    `section`, or append it; the other sections stay as they are."""
    text = DOC.read_text() if DOC.exists() else "# Performance\n"
    pattern = re.compile(rf"^{re.escape(title)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: section, text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    DOC.write_text(text.rstrip("\n") + "\n")
