"""Progress: to the cache for the browser, to a terminal or a pipe for commands."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache

from kinerja.jobs import progress as progress_module
from kinerja.jobs.models import Pekerjaan, StatusPekerjaan
from kinerja.jobs.progress import JobProgress, TerminalProgress, progress_cache_key
from kinerja.jobs.selectors import job_state, job_states


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(progress_module.time, "monotonic", fake)
    return fake


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_job_progress_goes_to_the_cache_and_job_state_reads_it(clock):
    job = Pekerjaan.objects.create(
        jenis="test.jumlah", judul="Uji", status=StatusPekerjaan.BERJALAN
    )
    reporter = JobProgress(job.pk)

    reporter.start(8, "membaca baris")
    assert cache.get(progress_cache_key(job.pk)) == {
        "done": 0,
        "total": 8,
        "stage": "membaca baris",
    }

    reporter.advance(2)  # within the write interval: not written yet
    assert job_state(job).done == 0
    clock.now += 0.5
    reporter.advance(1)
    state = job_state(job)
    assert (state.status, state.done, state.total, state.stage, state.percent) == (
        StatusPekerjaan.BERJALAN,
        3,
        8,
        "membaca baris",
        37,
    )
    reporter.advance(99)  # the end is always written, and never passes the total
    assert job_state(job).done == 8
    assert job_state(job).percent == 100


@pytest.mark.django_db
def test_job_state_falls_back_to_the_job_row():
    job = Pekerjaan.objects.create(
        jenis="test.jumlah",
        judul="Uji",
        status=StatusPekerjaan.GAGAL,
        progres_selesai=2,
        progres_total=5,
        tahap="memeriksa",
    )
    state = job_state(job)
    assert (state.done, state.total, state.stage, state.percent) == (2, 5, "memeriksa", 40)


@pytest.mark.django_db
def test_job_states_reads_many_jobs_at_once():
    first = Pekerjaan.objects.create(jenis="a", judul="A", progres_total=4, progres_selesai=4)
    second = Pekerjaan.objects.create(jenis="b", judul="B", status=StatusPekerjaan.BERJALAN)
    JobProgress(second.pk).start(10, "tahap dua")
    states = job_states([first, second])
    assert (states[first.pk].done, states[first.pk].total) == (4, 4)
    assert (states[second.pk].done, states[second.pk].total, states[second.pk].stage) == (
        0,
        10,
        "tahap dua",
    )
    assert job_states([]) == {}


def test_a_selesai_state_is_always_100_percent():
    job = Pekerjaan(jenis="a", judul="A", status=StatusPekerjaan.SELESAI)
    assert job_state(job).percent == 100


def bar(filled: int) -> str:
    return "[" + "█" * filled + "·" * (30 - filled) + "]"


def test_terminal_progress_on_a_pipe_writes_a_line_each_tenth():
    stream = io.StringIO()
    reporter = TerminalProgress(stream)
    reporter.start(200, "mengimpor")
    for _ in range(200):
        reporter.advance()
    reporter.finish()

    lines = stream.getvalue().splitlines()
    assert lines == [
        f"{bar(tenth * 3)} {tenth * 10:3d}% {tenth * 20}/200 mengimpor" for tenth in range(11)
    ]
    assert "\r" not in stream.getvalue()


def test_terminal_progress_with_nothing_to_do_writes_one_line():
    stream = io.StringIO()
    TerminalProgress(stream).start(0)
    assert stream.getvalue() == f"{bar(30)} 100% 0/0\n"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_progress_on_a_tty_redraws_one_line(clock):
    stream = FakeTerminal()
    reporter = TerminalProgress(stream)
    reporter.start(10, "memeriksa")
    reporter.advance(1)  # too soon after the last draw: skipped
    clock.now += 0.2
    reporter.advance(4)
    reporter.advance(5)  # the end is always drawn
    reporter.finish()

    assert stream.getvalue() == (
        f"\r{bar(0)}   0% 0/10 memeriksa"
        f"\r{bar(15)}  50% 5/10 memeriksa"
        f"\r{bar(30)} 100% 10/10 memeriksa"
        "\n"
    )


def test_terminal_progress_on_a_tty_starts_a_new_line_for_a_new_stage(clock):
    stream = FakeTerminal()
    reporter = TerminalProgress(stream)
    reporter.start(2, "satu")
    reporter.advance(2)
    reporter.start(1, "dua")
    assert stream.getvalue() == (
        f"\r{bar(0)}   0% 0/2 satu\r{bar(30)} 100% 2/2 satu\n\r{bar(0)}   0% 0/1 dua"
    )


def test_terminal_progress_writes_under_a_commands_output_wrapper(clock):
    from django.core.management.base import OutputWrapper

    stream = FakeTerminal()
    reporter = TerminalProgress(OutputWrapper(stream))
    reporter.start(1, "satu")
    reporter.advance()
    assert stream.getvalue() == f"\r{bar(0)}   0% 0/1 satu\r{bar(30)} 100% 1/1 satu"
