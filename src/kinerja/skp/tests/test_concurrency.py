"""SKP services under concurrent use.

On PostgreSQL each service call runs in its own thread and database connection. Once a call has
locked the plan (`services._lock`), it waits until the other call has got there too, or until
one second has passed: with the plan's row lock the second call waits for the first to commit
and then sees its change; without it both would check the same old status and both act.

SQLite serialises writers at BEGIN (`transaction_mode = IMMEDIATE`), so there these tests are
skipped; run them with DATABASE_URL pointing at PostgreSQL. The stale-object tests at the end run
on every database: each service re-reads the plan instead of trusting the caller's instance.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from kinerja.audit.models import Entri
from kinerja.organisasi.tests.helpers import aktor_of
from kinerja.skp import selectors, services
from kinerja.skp.models import EkspektasiPerilaku, RevisiSkp, Rhk, RiwayatSkp, Skp
from kinerja.skp.tests.factories import aktor_for, approved_plan, open_year, plan_with_rhk
from kinerja.skp.tests.helpers import skp_state

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks (DATABASE_URL)"
)

APPROVE_APPROVED = "SKP berstatus disetujui tidak dapat disetujui; hanya SKP yang diajukan."
APPROVE_RETURNED = "SKP berstatus dikembalikan tidak dapat disetujui; hanya SKP yang diajukan."
APPROVE_DRAFT = "SKP berstatus draf tidak dapat disetujui; hanya SKP yang diajukan."
RETURN_APPROVED = "SKP berstatus disetujui tidak dapat dikembalikan; hanya SKP yang diajukan."
RETURN_RETURNED = "SKP berstatus dikembalikan tidak dapat dikembalikan; hanya SKP yang diajukan."
WITHDRAW_REFUSED = "Hanya SKP yang diajukan yang dapat ditarik kembali."
APPROVED = "SKP sudah disetujui; buka revisi untuk mengubahnya."
SUBMITTED = "SKP sedang diajukan kepada pejabat penilai; tarik kembali untuk mengubahnya."


def run_together(
    calls: list[Callable[[], Any]], stagger: float = 0.0, at: str = "_lock"
) -> list[Any]:
    """Run the calls in parallel threads; each result is the return value or the exception.

    Each thread, the first time it has passed `services.<at>` (by default: locked a plan), waits
    for the others there (at most one second). `stagger` starts each thread that many seconds
    after the previous one."""
    meeting = threading.Barrier(len(calls))
    met = threading.local()
    original = getattr(services, at)

    def call_then_meet(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        if not getattr(met, "done", False):
            met.done = True
            with contextlib.suppress(threading.BrokenBarrierError):
                meeting.wait(timeout=1)
        return result

    results: list[Any] = [None] * len(calls)

    def work(index: int) -> None:
        try:
            results[index] = calls[index]()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    with mock.patch.object(services, at, call_then_meet):
        threads = [threading.Thread(target=work, args=(index,)) for index in range(len(calls))]
        for thread in threads:
            thread.start()
            time.sleep(stagger)
        for thread in threads:
            thread.join(timeout=30)
    return results


def refusal(result: Any) -> list[str] | None:
    """The messages of a refused call (None for a call that succeeded)."""
    if isinstance(result, ValidationError):
        return result.messages
    assert not isinstance(result, Exception), result
    return None


def steps(skp: Skp) -> list[tuple[str, str]]:
    return list(RiwayatSkp.objects.filter(skp=skp).order_by("pk").values_list("aksi", "status"))


def decisions(skp: Skp) -> list[str]:
    return list(
        Entri.objects.filter(objek_tipe="skp.skp", objek_id=str(skp.pk))
        .exclude(aksi__in=["skp.create", "skp.submit"])
        .order_by("urutan")
        .values_list("aksi", flat=True)
    )


@pytest.fixture
def submitted(agency):
    """Siti's plan, submitted to Budi (whose own plan is approved)."""
    open_year()
    _, leader = approved_plan(agency.penilai)
    skp, _ = plan_with_rhk(agency.pegawai, rhk_atasan=leader)
    return services.skp_submit(aktor=aktor_for(agency.pegawai), skp=skp)


def approve(skp: Skp, aktor) -> Callable[[], Skp]:
    return lambda: services.skp_approve(aktor=aktor, skp=skp)


def give_back(skp: Skp, aktor) -> Callable[[], Skp]:
    return lambda: services.skp_return(aktor=aktor, skp=skp, catatan="Perbaiki target")


# --- Two decisions at once -------------------------------------------------------------------


@pytest.mark.parametrize("stagger", [0.0, 0.2])
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_hr_approving_and_a_superuser_returning_an_appraiser_less_plan(agency, stagger):
    open_year()
    skp, _ = plan_with_rhk(agency.penilai)
    services.skp_submit(aktor=aktor_for(agency.penilai), skp=skp)

    results = run_together(
        [approve(skp, aktor_of(agency.admin)), give_back(skp, aktor_of(agency.superuser))],
        stagger=stagger,
    )

    stored = Skp.objects.get(pk=skp.pk)
    approved, returned = refusal(results[0]), refusal(results[1])
    if approved is None:
        assert (returned, stored.status) == ([RETURN_APPROVED], "DISETUJUI")
        assert RevisiSkp.objects.filter(skp=skp).count() == 1
        assert steps(skp)[-1] == ("DISETUJUI", "DISETUJUI")
        assert decisions(skp) == ["skp.approve"]
    else:
        assert (approved, returned, stored.status) == ([APPROVE_RETURNED], None, "DIKEMBALIKAN")
        assert RevisiSkp.objects.filter(skp=skp).count() == 0
        assert steps(skp)[-1] == ("DIKEMBALIKAN", "DIKEMBALIKAN")
        assert decisions(skp) == ["skp.return"]
    assert steps(skp)[:-1] == [("DIBUAT", "DRAF"), ("DIAJUKAN", "DIAJUKAN")]


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_approvals_of_the_same_plan(agency, submitted):
    appraiser = aktor_for(agency.penilai)

    results = run_together([approve(submitted, appraiser), approve(submitted, appraiser)])

    outcomes = sorted([refusal(result) or [] for result in results])
    assert outcomes == [[], [APPROVE_APPROVED]]
    [revision] = RevisiSkp.objects.filter(skp=submitted)
    assert revision.nomor == 1
    assert steps(submitted).count(("DISETUJUI", "DISETUJUI")) == 1
    assert decisions(submitted) == ["skp.approve"]


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_returns_of_the_same_plan(agency, submitted):
    appraiser = aktor_for(agency.penilai)

    results = run_together([give_back(submitted, appraiser), give_back(submitted, appraiser)])

    assert sorted([refusal(result) or [] for result in results]) == [[], [RETURN_RETURNED]]
    assert Skp.objects.get(pk=submitted.pk).status == "DIKEMBALIKAN"
    assert steps(submitted).count(("DIKEMBALIKAN", "DIKEMBALIKAN")) == 1
    assert decisions(submitted) == ["skp.return"]


@pytest.mark.parametrize("stagger", [0.0, 0.2])
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_the_appraiser_approving_and_returning_at_once(agency, submitted, stagger):
    appraiser = aktor_for(agency.penilai)

    results = run_together(
        [give_back(submitted, appraiser), approve(submitted, appraiser)], stagger=stagger
    )

    returned, approved = refusal(results[0]), refusal(results[1])
    assert [returned, approved] in ([None, [APPROVE_RETURNED]], [[RETURN_APPROVED], None])
    revisions = RevisiSkp.objects.filter(skp=submitted).count()
    assert revisions == (1 if approved is None else 0)
    assert len(decisions(submitted)) == 1


# --- An edit and an approval at once ---------------------------------------------------------


@pytest.mark.parametrize("stagger", [0.0, 0.2])
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_the_appraisers_expectation_lands_before_the_approval_or_is_refused(
    agency, submitted, stagger
):
    """While a plan is submitted its appraiser still writes the leader's expectations: one
    written at the moment of approval is either in the frozen revision or refused."""
    appraiser = aktor_for(agency.penilai)

    def expect() -> Skp:
        return services.ekspektasi_update(
            by_owner=False,
            aktor=appraiser,
            skp=submitted,
            ekspektasi={"AKUNTABEL": "Laporan tepat waktu"},
        )

    results = run_together([expect, approve(submitted, appraiser)], stagger=stagger)

    assert refusal(results[1]) is None
    stored = Skp.objects.get(pk=submitted.pk)
    frozen = RevisiSkp.objects.get(skp=submitted, nomor=1).dokumen
    assert frozen == selectors.skp_document(stored)
    akuntabel = next(v for v in frozen["perilaku"] if v["kode"] == "AKUNTABEL")
    if refusal(results[0]) is None:
        assert akuntabel["ekspektasi"] == "Laporan tepat waktu"
    else:
        assert refusal(results[0]) == [APPROVED]
        assert akuntabel["ekspektasi"] == ""
        assert not EkspektasiPerilaku.objects.filter(skp=submitted).exists()


@pytest.mark.parametrize("stagger", [0.0, 0.2])
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_the_owner_withdrawing_to_edit_while_the_appraiser_approves(agency, submitted, stagger):
    """Either the withdrawal wins (approval refused, the edit lands in the draft) or the
    approval wins (withdrawal and edit refused, the frozen revision is the plan as it stays)."""
    owner, appraiser = aktor_for(agency.pegawai), aktor_for(agency.penilai)
    rhk = Rhk.objects.get(skp=submitted)

    def withdraw_then_edit() -> list[Any]:
        outcomes: list[Any] = []
        for call in (
            lambda: services.skp_withdraw(aktor=owner, skp=submitted),
            lambda: services.rhk_update(
                aktor=owner,
                rhk=rhk,
                uraian="Laporan kinerja triwulanan",
                jenis="UTAMA",
                kode="RHK-01",
                rhk_atasan_id=rhk.rhk_atasan_id,
            ),
        ):
            try:
                outcomes.append(call())
            except ValidationError as error:
                outcomes.append(error)
        return outcomes

    results = run_together([withdraw_then_edit, approve(submitted, appraiser)], stagger=stagger)

    withdrawn, edited = (refusal(result) for result in results[0])
    approved = refusal(results[1])
    stored = Skp.objects.get(pk=submitted.pk)
    uraian = Rhk.objects.get(pk=rhk.pk).uraian
    if approved is None:
        assert (withdrawn, edited) == ([WITHDRAW_REFUSED], [APPROVED])
        assert (stored.status, uraian) == ("DISETUJUI", "Tersusunnya laporan kinerja")
        frozen = RevisiSkp.objects.get(skp=submitted).dokumen
        assert frozen == selectors.skp_document(stored)
    else:
        assert (withdrawn, edited, approved) == (None, None, [APPROVE_DRAFT])
        assert (stored.status, uraian) == ("DRAF", "Laporan kinerja triwulanan")
        assert not RevisiSkp.objects.filter(skp=submitted).exists()


@pytest.mark.parametrize("stagger", [0.0, 0.2])
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_an_edit_from_a_stale_page_never_slips_past_the_freeze(agency, submitted, stagger):
    """The owner's page still showed the plan as editable: the edit is refused whether it comes
    before or after the approval, and the frozen revision equals the plan."""
    owner, appraiser = aktor_for(agency.pegawai), aktor_for(agency.penilai)
    stale = Skp.objects.get(pk=submitted.pk)
    stale.status = "DRAF"

    def edit() -> Rhk:
        return services.rhk_create(aktor=owner, skp=stale, uraian="Hasil tambahan")

    results = run_together([edit, approve(submitted, appraiser)], stagger=stagger)

    assert refusal(results[0]) in ([SUBMITTED], [APPROVED])
    assert refusal(results[1]) is None
    stored = Skp.objects.get(pk=submitted.pk)
    assert Rhk.objects.filter(skp=submitted).count() == 1
    assert RevisiSkp.objects.get(skp=submitted).dokumen == selectors.skp_document(stored)


# --- Two creations at once ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_creations_of_the_same_plan(agency):
    """Two tabs creating the employee's plan at once: both find none, the unique constraint
    decides, and the loser gets the same message as a later attempt (not a database error)."""
    open_year()
    aktor = aktor_for(agency.pegawai)

    def create() -> Skp:
        return services.skp_create(aktor=aktor, pegawai=agency.pegawai, tahun=2026)

    results = run_together([create, create], at="_parse_pendekatan")

    outcomes = sorted(
        [result.message_dict if isinstance(result, ValidationError) else {} for result in results],
        key=len,
    )
    assert outcomes == [{}, {"tahun": ["SKP tahun 2026 untuk pegawai ini sudah ada."]}], results
    [skp] = Skp.objects.filter(pegawai=agency.pegawai, tahun=2026)
    assert steps(skp) == [("DIBUAT", "DRAF")]
    assert Entri.objects.filter(aksi="skp.create").count() == 1


# --- Stale objects (every database) ----------------------------------------------------------


@pytest.mark.django_db
def test_a_second_decision_on_a_stale_instance_is_refused(agency, submitted):
    stale = Skp.objects.get(pk=submitted.pk)
    services.skp_approve(aktor=aktor_for(agency.penilai), skp=submitted)
    assert stale.status == "DIAJUKAN"
    before = skp_state()

    for call, expected in (
        (approve(stale, aktor_for(agency.penilai)), APPROVE_APPROVED),
        (give_back(stale, aktor_for(agency.penilai)), RETURN_APPROVED),
        (
            lambda: services.skp_withdraw(aktor=aktor_for(agency.pegawai), skp=stale),
            WITHDRAW_REFUSED,
        ),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.messages == [expected]
    assert skp_state() == before
    assert RevisiSkp.objects.filter(skp=submitted).count() == 1


@pytest.mark.django_db
def test_an_approval_after_a_return_on_a_stale_instance_is_refused(agency, submitted):
    stale = Skp.objects.get(pk=submitted.pk)
    services.skp_return(aktor=aktor_for(agency.penilai), skp=submitted, catatan="Perbaiki")
    before = skp_state()
    with pytest.raises(ValidationError) as caught:
        services.skp_approve(aktor=aktor_for(agency.penilai), skp=stale)
    assert caught.value.messages == [APPROVE_RETURNED]
    assert skp_state() == before
