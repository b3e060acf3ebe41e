"""Two administrators acting on the same period, or opening the same year, at once (PostgreSQL).

Each service call runs in its own thread and database connection. Once a transition has read
the period's status, it waits until the other call has got there too, or until one second has
passed: without the row lock both would read the same status and both move the period; with it
the second call waits for the first to commit, then sees the new status and is refused. Two
openings of one year both pass the "already opened?" check together; the unique year lets one
insert win and the other is refused with the same message as a late opening.

SQLite serialises writers at BEGIN (`transaction_mode = IMMEDIATE`), so there these tests are
skipped; run them with DATABASE_URL pointing at PostgreSQL.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.tests.factories import PenggunaFactory, give_role
from kinerja.periode import rules, services
from kinerja.periode.models import Periode, RiwayatStatusPeriode, TahunKinerja

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (DATABASE_URL)"
    ),
]


def run_together(calls: list[Callable[[], Any]], checkpoint: str) -> list[Any]:
    """Run the calls in parallel threads; each result is the return value or the exception.
    Each call waits for the others at `rules.<checkpoint>` (a check made under the lock)."""
    meeting = threading.Barrier(len(calls))
    original = getattr(rules, checkpoint)

    def slow_check(*args: Any, **kwargs: Any) -> Any:
        with contextlib.suppress(threading.BrokenBarrierError):
            meeting.wait(timeout=1)
        return original(*args, **kwargs)

    results: list[Any] = [None] * len(calls)

    def work(index: int) -> None:
        try:
            results[index] = calls[index]()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    with mock.patch.object(rules, checkpoint, side_effect=slow_check):
        threads = [threading.Thread(target=work, args=(index,)) for index in range(len(calls))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    return results


@pytest.fixture
def admins(agency) -> tuple[Aktor, Aktor]:
    """The superuser and an admin kepegawaian of the root unit, from two addresses."""
    other = PenggunaFactory(nama="Admin Sekretariat")
    give_role(other, JenisPeran.ADMIN_KEPEGAWAIAN, agency.root)
    return Aktor.of_user(agency.superuser, "10.0.0.1"), Aktor.of_user(other, "10.0.0.2")


def tw1_in(*actions: str) -> Periode:
    year = services.tahun_open(aktor=Aktor.system("tes"), tahun=2026)
    periode = Periode.objects.get(tahun=year, kode="TW1")
    for aksi in actions:
        periode = services.periode_transition(
            aktor=Aktor.system("tes"), periode=periode, aksi=aksi, alasan="Persiapan"
        )
    return periode


def transition(aktor: Aktor, periode: Periode, aksi: str) -> Callable[[], Periode]:
    return lambda: services.periode_transition(
        aktor=aktor, periode=periode, aksi=aksi, alasan=f"{aksi} oleh {aktor.alamat_ip}"
    )


# (action that won, action that lost) -> the loser's refusal, read in the winner's status.
REFUSALS = {
    ("close", "close"): "Periode berstatus ditutup tidak dapat ditutup.",
    ("lock", "lock"): "Periode berstatus dikunci tidak dapat dikunci.",
    ("reopen", "lock"): "Periode berstatus dibuka tidak dapat dikunci.",
    ("lock", "reopen"): "Periode berstatus dikunci tidak dapat dibuka kembali.",
}
STATUS_AFTER = {"close": "DITUTUP", "lock": "DIKUNCI", "reopen": "DIBUKA"}


@pytest.mark.parametrize(
    ("prepared", "actions"),
    [
        (["open"], ("close", "close")),
        (["open", "close"], ("lock", "lock")),
        (["open", "close"], ("reopen", "lock")),
    ],
)
def test_two_administrators_moving_the_same_period_one_wins(admins, prepared, actions):
    periode = tw1_in(*prepared)
    history_before = RiwayatStatusPeriode.objects.count()
    entries_before = Entri.objects.count()

    results = run_together(
        [transition(admin, periode, aksi) for admin, aksi in zip(admins, actions, strict=True)],
        "transition_error",
    )

    assert sorted(type(r).__name__ for r in results) == ["Periode", "ValidationError"], results
    won = 0 if isinstance(results[0], Periode) else 1
    won_action, lost_action = actions[won], actions[1 - won]
    winner_ip = admins[won].alamat_ip
    assert results[1 - won].messages == [REFUSALS[(won_action, lost_action)]]
    assert Periode.objects.get(pk=periode.pk).status == STATUS_AFTER[won_action]
    assert results[won].status == STATUS_AFTER[won_action]
    # Exactly one change is recorded, in the history and in the audit log.
    history = RiwayatStatusPeriode.objects.order_by("pk").values_list("aksi", "alasan")
    assert list(history[history_before:]) == [(won_action, f"{won_action} oleh {winner_ip}")]
    entries = Entri.objects.order_by("urutan").values_list("aksi", "alamat_ip")
    assert list(entries[entries_before:]) == [(f"periode.{won_action}", winner_ip)]


def test_two_administrators_opening_the_same_year_one_wins(admins):
    results = run_together(
        [
            lambda: services.tahun_open(aktor=admins[0], tahun=2027),
            lambda: services.tahun_open(aktor=admins[1], tahun=2027, jenis_periode="BULANAN"),
        ],
        "year_errors",
    )

    winners = [r for r in results if isinstance(r, TahunKinerja)]
    losers = [r for r in results if isinstance(r, ValidationError)]
    assert (len(winners), len(losers)) == (1, 1), results
    assert losers[0].message_dict == {"tahun": ["Tahun kinerja 2027 sudah dibuka."]}
    stored = TahunKinerja.objects.get(tahun=2027)
    assert stored.pk == winners[0].pk
    expected_periods = 5 if stored.jenis_periode == "TRIWULAN" else 13
    assert Periode.objects.filter(tahun=stored).count() == expected_periods
    assert Periode.objects.count() == expected_periods
    assert Entri.objects.filter(aksi="tahunkinerja.open").count() == 1
