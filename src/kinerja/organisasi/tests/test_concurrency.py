"""Two HR users reassigning appraisers at the same moment cannot create a cycle (PostgreSQL).

Each service call runs in its own thread and database connection. The cycle check is slowed
down until both calls have reached it, or until one second has passed: without row locks both
would pass the check together and commit a cycle; with them the second call waits for the
first to commit, then sees its change and is refused.

SQLite serialises writers at BEGIN (`transaction_mode = IMMEDIATE`), so there the test is
skipped; run it with DATABASE_URL pointing at PostgreSQL.
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

from kinerja.organisasi import rules, services
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.organisasi.tests.helpers import DAY, aktor_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (DATABASE_URL)"
    ),
]


def run_together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in parallel threads; each result is the return value or the exception."""
    meeting = threading.Barrier(len(calls))
    original = rules.chain_cycle

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

    with mock.patch.object(rules, "chain_cycle", side_effect=slow_check):
        threads = [threading.Thread(target=work, args=(index,)) for index in range(len(calls))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    return results


def graph() -> dict[int, int | None]:
    return dict(Pegawai.objects.values_list("pk", "penilai_id"))


def test_two_people_cannot_be_made_each_others_appraiser(agency):
    boss = aktor_of(agency.superuser)
    first, second = agency.outsider, PegawaiFactory(nama="Dewi", unit=agency.lain)

    results = run_together(
        [
            lambda: services.penilai_assign(
                aktor=boss, pegawai=first, penilai=second, berlaku_mulai=DAY
            ),
            lambda: services.penilai_assign(
                aktor=boss, pegawai=second, penilai=first, berlaku_mulai=DAY
            ),
        ]
    )

    refusals = [result for result in results if isinstance(result, ValidationError)]
    assert len(refusals) == 1, results
    assert "siklus" in refusals[0].message_dict["penilai"][0]
    assert rules.chain_cycle(graph()) is None


def test_a_three_person_cycle_through_an_existing_link(agency):
    boss = aktor_of(agency.superuser)
    lain = Unit.objects.get(pk=agency.lain.pk)
    a, b, c = (PegawaiFactory(nama=name, unit=lain) for name in ("A", "B", "C"))
    Pegawai.objects.filter(pk=b.pk).update(penilai=c)

    results = run_together(
        [
            lambda: services.penilai_assign(aktor=boss, pegawai=c, penilai=a, berlaku_mulai=DAY),
            lambda: services.penilai_assign(aktor=boss, pegawai=a, penilai=b, berlaku_mulai=DAY),
        ]
    )

    assert sum(isinstance(result, ValidationError) for result in results) == 1, results
    assert rules.chain_cycle(graph()) is None


def test_a_unit_reassignment_and_a_single_one_cannot_close_a_cycle(agency):
    boss = aktor_of(agency.superuser)

    results = run_together(
        [
            lambda: services.penilai_assign_unit(
                aktor=boss,
                unit=agency.bagian,
                penilai=agency.outsider,
                include_subunits=False,
                berlaku_mulai=DAY,
            ),
            lambda: services.penilai_assign(
                aktor=boss, pegawai=agency.outsider, penilai=agency.pegawai, berlaku_mulai=DAY
            ),
        ]
    )

    assert sum(isinstance(result, ValidationError) for result in results) == 1, results
    assert rules.chain_cycle(graph()) is None
