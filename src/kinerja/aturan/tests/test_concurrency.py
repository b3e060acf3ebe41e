"""Rule-set services under concurrent use.

On PostgreSQL each service call runs in its own thread and database connection. Once a call
has taken its locks and checks the status of its version, it waits until the other call has
got there too, or until one second has passed: without the right locks both would then check
the other versions together and each act on a stale picture; with them the second call waits
for the first to commit, then sees its change.

SQLite serialises writers at BEGIN (`transaction_mode = IMMEDIATE`), so there those tests are
skipped; run them with DATABASE_URL pointing at PostgreSQL. The stale-object tests at the end run
on every database: each service re-reads its row instead of trusting the caller's instance.
"""

from __future__ import annotations

import contextlib
import datetime
import threading
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from kinerja.aturan import rules, services
from kinerja.aturan.models import SetAturan
from kinerja.aturan.tests.factories import (
    TEST_AKTOR,
    active_version,
    default_version,
    draft_version,
    rule_set_state,
)
from kinerja.audit.models import Entri

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks (DATABASE_URL)"
)
DEFAULT_DATE = datetime.date(2023, 1, 1)
NEXT_YEAR = datetime.date(2024, 1, 1)


def run_together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in parallel threads; each result is the return value or the exception.

    Each call waits for the others where the service checks the state of its locked row
    (`_transition` for activate/deactivate, `_require_draft` for edits and deletes)."""
    meeting = threading.Barrier(len(calls))

    def meet_then(original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with contextlib.suppress(threading.BrokenBarrierError):
                meeting.wait(timeout=1)
            return original(*args, **kwargs)

        return wrapper

    results: list[Any] = [None] * len(calls)

    def work(index: int) -> None:
        try:
            results[index] = calls[index]()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    with (
        mock.patch.object(services, "_transition", meet_then(services._transition)),
        mock.patch.object(services, "_require_draft", meet_then(services._require_draft)),
    ):
        threads = [threading.Thread(target=work, args=(index,)) for index in range(len(calls))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    return results


def statuses(*versions: SetAturan) -> list[str]:
    return [SetAturan.objects.get(pk=version.pk).status for version in versions]


def updates_of(version: SetAturan) -> list[Entri]:
    return list(
        Entri.objects.filter(aksi="setaturan.update", objek_id=str(version.pk)).order_by("urutan")
    )


def activate(version: SetAturan) -> Callable[[], SetAturan]:
    return lambda: services.rule_set_activate(aktor=TEST_AKTOR, set_aturan=version)


def deactivate(version: SetAturan) -> Callable[[], SetAturan]:
    return lambda: services.rule_set_deactivate(aktor=TEST_AKTOR, set_aturan=version, alasan="Uji")


def edit(version: SetAturan, bagian: str, data: Any) -> Callable[[], SetAturan]:
    return lambda: services.rule_set_section_update(
        aktor=TEST_AKTOR, set_aturan=version, bagian=bagian, data=data
    )


@pytest.mark.parametrize(
    ("unit_name", "berlaku_mulai"),
    [(None, DEFAULT_DATE), (None, NEXT_YEAR), ("biro", NEXT_YEAR)],
)
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_activations_of_the_same_scope_and_date_leave_one_active(
    agency, unit_name, berlaku_mulai
):
    unit = getattr(agency, unit_name) if unit_name else None
    first = draft_version(kode="satu", unit=unit, berlaku_mulai=berlaku_mulai)
    second = draft_version(kode="dua", unit=unit, berlaku_mulai=berlaku_mulai)

    results = run_together([activate(first), activate(second)])

    assert all(isinstance(r, SetAturan | ValidationError) for r in results), results
    slot = SetAturan.objects.filter(unit=unit, berlaku_mulai=berlaku_mulai, status="AKTIF")
    assert slot.count() == 1, (results, list(slot))
    expected_default = "NONAKTIF" if (unit, berlaku_mulai) == (None, DEFAULT_DATE) else "AKTIF"
    assert default_version().status == expected_default


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_edits_of_the_same_section_lose_no_write():
    draft = draft_version()

    results = run_together(
        [
            edit(draft, "keberatan", {"batas_hari": 21}),
            edit(draft, "keberatan", {"batas_hari": 30}),
        ]
    )

    assert all(isinstance(r, SetAturan) for r in results), results
    final = SetAturan.objects.get(pk=draft.pk).isi["keberatan"]
    assert final in ({"batas_hari": 21}, {"batas_hari": 30})
    first, second = updates_of(draft)
    assert first.sebelum == {"keberatan": {"batas_hari": 14}}
    assert second.sebelum == first.sesudah
    assert second.sesudah == {"keberatan": final}


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_edits_of_different_sections_are_both_kept():
    draft = draft_version()

    results = run_together(
        [
            edit(draft, "keberatan", {"batas_hari": 21}),
            edit(draft, "tren", {"jendela": 4, "minimum_titik": 3, "ambang": "1.5"}),
        ]
    )

    assert all(isinstance(r, SetAturan) for r in results), results
    expected = rules.isi_default() | {
        "keberatan": {"batas_hari": 21},
        "tren": {"jendela": 4, "minimum_titik": 3, "ambang": "1.5"},
    }
    assert SetAturan.objects.get(pk=draft.pk).isi == expected
    assert len(updates_of(draft)) == 2


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_an_edit_and_an_activation_of_the_same_draft():
    draft = draft_version()

    results = run_together(
        [
            edit(draft, "keberatan", {"batas_hari": 21}),
            activate(draft),
        ]
    )

    stored = SetAturan.objects.get(pk=draft.pk)
    assert stored.status == "AKTIF"
    assert isinstance(results[1], SetAturan), results
    if isinstance(results[0], ValidationError):
        assert stored.isi == rules.isi_default()
        assert updates_of(draft) == []
    else:
        assert stored.isi["keberatan"] == {"batas_hari": 21}
        assert len(updates_of(draft)) == 1


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_deactivations_leave_an_agency_wide_version_active():
    later = active_version(berlaku_mulai=NEXT_YEAR)
    original = default_version()

    results = run_together([deactivate(original), deactivate(later)])

    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(refusals) == 1, results
    assert sorted(statuses(original, later)) == ["AKTIF", "NONAKTIF"]


# --- Stale objects (every database) ----------------------------------------------------------


@pytest.mark.django_db
def test_a_second_activation_of_a_stale_instance_is_refused():
    draft = draft_version()
    activated = services.rule_set_activate(aktor=TEST_AKTOR, set_aturan=draft)
    assert draft.status == "DRAF"
    before = rule_set_state()

    with pytest.raises(ValidationError) as caught:
        services.rule_set_activate(aktor=TEST_AKTOR, set_aturan=draft)

    assert caught.value.messages == ["Set aturan ini sudah aktif."]
    assert rule_set_state() == before
    assert SetAturan.objects.get(pk=draft.pk).diaktifkan_pada == activated.diaktifkan_pada


@pytest.mark.django_db
def test_a_stale_draft_is_not_edited_or_deleted_after_activation():
    draft = draft_version()
    services.rule_set_activate(aktor=TEST_AKTOR, set_aturan=draft)
    before = rule_set_state()
    frozen = (
        "Set aturan uji v2 sudah aktif dan tidak dapat diubah; buat versi baru dengan menyalinnya."
    )

    calls = [
        edit(draft, "keberatan", {"batas_hari": 21}),
        lambda: services.rule_set_update(
            aktor=TEST_AKTOR,
            set_aturan=draft,
            nama="Baru",
            dasar_hukum=draft.dasar_hukum,
            berlaku_mulai=draft.berlaku_mulai,
            unit=None,
            catatan="",
        ),
        lambda: services.rule_set_delete(aktor=TEST_AKTOR, set_aturan=draft),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.messages == [frozen]
    assert rule_set_state() == before


@pytest.mark.django_db
def test_a_second_deactivation_of_a_stale_instance_is_refused():
    later = active_version(berlaku_mulai=NEXT_YEAR)
    services.rule_set_deactivate(aktor=TEST_AKTOR, set_aturan=later, alasan="Uji")
    assert later.status == "AKTIF"
    before = rule_set_state()

    with pytest.raises(ValidationError) as caught:
        services.rule_set_deactivate(aktor=TEST_AKTOR, set_aturan=later, alasan="Lagi")

    assert caught.value.messages == ["Hanya set aturan yang aktif yang dapat dinonaktifkan."]
    assert rule_set_state() == before
