"""Realisation services under concurrent use.

On PostgreSQL each service call runs in its own thread and database connection. Once a call has
locked the report (`services._lock`), it waits until the other call has got there too, or until
one second has passed: with the report's row lock the second call waits for the first to commit
and then sees its change; without it both would check the same old status and both act.

SQLite serialises writers at BEGIN (`transaction_mode = IMMEDIATE`), so there these tests are
skipped; run them with DATABASE_URL pointing at PostgreSQL. The stale-object tests at the end run
on every database: each service re-reads the report and the item instead of trusting the
caller's instances.
"""

from __future__ import annotations

import contextlib
import io
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
from kinerja.periode.models import Periode
from kinerja.realisasi import services
from kinerja.realisasi.models import BuktiDukung, Laporan, RiwayatBukti, RiwayatLaporan
from kinerja.realisasi.tests.factories import (
    PDF_BYTES,
    PNG_BYTES,
    docx_bytes,
    link,
    open_period,
    report_for,
    upload,
)
from kinerja.realisasi.tests.helpers import realisasi_state, stored_files
from kinerja.skp.tests.factories import aktor_for, approved_plan

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks (DATABASE_URL)"
)

NOT_WAITING = "Laporan ini tidak sedang menunggu verifikasi."
BEING_VERIFIED = "Laporan sedang diverifikasi pejabat penilai; tunggu hasil verifikasinya."
DONE = "Laporan periode ini sudah selesai diverifikasi."
ALREADY = "Bukti ini sudah diverifikasi ({})."
RETURNED = "Bukti “{}” (RHK RHK-01) dikembalikan: perbaiki atau hapus sebelum mengajukan kembali."
LABELS = {"DITERIMA": "Diterima", "PERLU_PERBAIKAN": "Perlu Perbaikan", "DITOLAK": "Ditolak"}


def run_together(
    calls: list[Callable[[], Any]],
    stagger: float = 0.0,
    at: tuple[Any, str] | None = (services, "_lock"),
) -> list[Any]:
    """Run the calls in parallel threads; each result is the return value or the exception.

    Each thread, the first time it has passed `at` (an object and the name of a function on it;
    by default `services._lock`, which locks a report), waits for the others there (at most one
    second); with `at=None` the calls meet wherever the caller arranged. `stagger` starts each
    thread that many seconds after the previous one."""
    target, name = at or (services, "_lock")
    meeting = threading.Barrier(len(calls))
    met = threading.local()
    original = getattr(target, name)

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

    with mock.patch.object(target, name, call_then_meet if at else original):
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


def verdicts_of(bukti: BuktiDukung) -> list[tuple[int, str]]:
    return list(
        RiwayatBukti.objects.filter(bukti=bukti, aksi="VERIFIKASI")
        .order_by("pk")
        .values_list("putaran", "status")
    )


def audited(aksi: str, objek_id: int) -> int:
    return Entri.objects.filter(aksi=aksi, objek_id=str(objek_id)).count()


def report_steps(laporan: Laporan) -> list[tuple[int, str, str]]:
    return list(
        RiwayatLaporan.objects.filter(laporan=laporan)
        .order_by("pk")
        .values_list("putaran", "aksi", "status")
    )


@pytest.fixture
def budi(agency):
    """Budi's report (he has no appraiser, so HR verifies it), submitted with a file and a link."""
    periode = open_period()
    laporan, _skp, rhk = report_for(agency.penilai, periode)
    first = upload(laporan, rhk)
    second = link(laporan, rhk)
    services.laporan_submit(aktor=aktor_for(agency.penilai), laporan=laporan)
    return laporan, first, second


def give(bukti: BuktiDukung, aktor: Any, status: str) -> Callable[[], BuktiDukung]:
    catatan = "" if status == "DITERIMA" else "Catatan " + status.lower()
    return lambda: services.bukti_verdict(aktor=aktor, bukti=bukti, status=status, catatan=catatan)


# --- Two verifiers on one item ---------------------------------------------------------------


@pytest.mark.parametrize("stagger", [0.0, 0.2])
@pytest.mark.parametrize(
    ("mine", "theirs"), [("DITERIMA", "DITOLAK"), ("PERLU_PERBAIKAN", "DITERIMA")]
)
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_verifiers_on_the_same_item_one_wins(agency, budi, stagger, mine, theirs):
    """HR of the unit and a superuser give different verdicts at once; the other item keeps the
    report waiting, so the loser is told the item was verified, and by which verdict."""
    laporan, first, _second = budi
    results = run_together(
        [
            give(first, aktor_of(agency.admin), mine),
            give(first, aktor_of(agency.superuser), theirs),
        ],
        stagger=stagger,
    )

    outcomes = [refusal(result) for result in results]
    stored = BuktiDukung.objects.get(pk=first.pk)
    winner = mine if outcomes[0] is None else theirs
    loser = 1 if outcomes[0] is None else 0
    assert outcomes[1 - loser] is None
    assert outcomes[loser] == [ALREADY.format(LABELS[winner])]
    assert stored.status == winner
    assert stored.diverifikasi_oleh_id == (agency.admin.pk if loser == 1 else agency.superuser.pk)
    assert verdicts_of(first) == [(1, winner)]
    assert audited("bukti.verdict", first.pk) == 1
    assert Laporan.objects.get(pk=laporan.pk).status == "DIAJUKAN"


@pytest.mark.parametrize("stagger", [0.0, 0.2])
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_verifiers_on_the_last_item_one_wins_and_settles_the_report(agency, stagger):
    periode = open_period()
    laporan, _skp, rhk = report_for(agency.penilai, periode)
    only = upload(laporan, rhk)
    services.laporan_submit(aktor=aktor_for(agency.penilai), laporan=laporan)

    results = run_together(
        [
            give(only, aktor_of(agency.admin), "DITERIMA"),
            give(only, aktor_of(agency.superuser), "DITOLAK"),
        ],
        stagger=stagger,
    )

    accepted, rejected = (refusal(result) for result in results)
    stored = Laporan.objects.get(pk=laporan.pk)
    if accepted is None:
        assert (rejected, stored.status) == ([NOT_WAITING], "SELESAI")
        assert verdicts_of(only) == [(1, "DITERIMA")]
    else:
        assert (accepted, rejected, stored.status) == ([NOT_WAITING], None, "PERLU_PERBAIKAN")
        assert verdicts_of(only) == [(1, "DITOLAK")]
    assert report_steps(laporan) == [(1, "AJUKAN", "DIAJUKAN"), (1, "VERIFIKASI", stored.status)]
    assert audited("bukti.verdict", only.pk) == 1
    assert audited("laporan.verify", laporan.pk) == 1


# --- Accept-all and a single verdict ---------------------------------------------------------


@pytest.mark.parametrize("stagger", [0.0, 0.2])
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_accept_all_racing_a_single_verdict(agency, budi, stagger):
    laporan, first, second = budi
    hr = aktor_of(agency.admin)

    results = run_together(
        [
            give(first, aktor_of(agency.superuser), "DITOLAK"),
            lambda: services.bukti_accept_all(aktor=hr, laporan=laporan),
        ],
        stagger=stagger,
    )

    rejected, accepted = refusal(results[0]), results[1]
    stored = Laporan.objects.get(pk=laporan.pk)
    statuses = list(
        BuktiDukung.objects.filter(laporan=laporan).order_by("pk").values_list("status", flat=True)
    )
    if rejected is None:
        assert accepted == 1
        assert statuses == ["DITOLAK", "DITERIMA"]
        assert stored.status == "PERLU_PERBAIKAN"
    else:
        assert (rejected, accepted) == ([NOT_WAITING], 2)
        assert statuses == ["DITERIMA", "DITERIMA"]
        assert stored.status == "SELESAI"
    assert len(verdicts_of(first)) == 1
    assert len(verdicts_of(second)) == 1
    assert audited("bukti.verdict", first.pk) == 1
    assert [step[1] for step in report_steps(laporan)] == ["AJUKAN", "VERIFIKASI"]


# --- The owner and the appraiser at once -----------------------------------------------------


@pytest.fixture
def siti(agency):
    """Siti's report in its first round: one item accepted, one still waiting."""
    periode = open_period()
    _budi, _skp, budi_rhk = report_for(agency.penilai, periode)
    laporan, _skp, rhk = report_for(agency.pegawai, periode, rhk_atasan=budi_rhk)
    accepted = upload(laporan, rhk)
    waiting = upload(laporan, rhk, content=PNG_BYTES, name="foto.png")
    services.laporan_submit(aktor=aktor_for(agency.pegawai), laporan=laporan)
    services.bukti_verdict(
        aktor=aktor_for(agency.penilai), bukti=accepted, status="DITERIMA", catatan=""
    )
    return laporan, accepted, waiting


@pytest.mark.parametrize("stagger", [0.0, 0.2])
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_a_submission_while_the_last_verdict_is_given_never_opens_a_second_round(
    agency, siti, stagger
):
    """The owner's page still offered to submit: whether the submission comes before or after
    the appraiser's last verdict, it is refused and the round stays the first."""
    laporan, _accepted, waiting = siti
    owner = aktor_for(agency.pegawai)

    results = run_together(
        [
            lambda: services.laporan_submit(aktor=owner, laporan=laporan),
            give(waiting, aktor_for(agency.penilai), "DITERIMA"),
        ],
        stagger=stagger,
    )

    assert refusal(results[0]) in ([BEING_VERIFIED], [DONE])
    assert refusal(results[1]) is None
    stored = Laporan.objects.get(pk=laporan.pk)
    assert (stored.status, stored.putaran) == ("SELESAI", 1)
    assert report_steps(laporan) == [(1, "AJUKAN", "DIAJUKAN"), (1, "VERIFIKASI", "SELESAI")]


@pytest.mark.parametrize("stagger", [0.0, 0.2])
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_the_owner_fixing_and_resubmitting_while_the_appraiser_returns_the_item(
    agency, siti, stagger
):
    """Either the return comes first (the owner's fix and resubmission land: a second round) or
    the owner's acts come first (refused while the report is verified) and the report waits
    for correction; never a round with the item still returned."""
    laporan, accepted, waiting = siti
    owner = aktor_for(agency.pegawai)

    def fix_then_submit() -> list[Any]:
        outcomes: list[Any] = []
        for call in (
            lambda: services.bukti_replace(
                aktor=owner,
                bukti=waiting,
                uraian="Foto yang jelas",
                fileobj=io.BytesIO(docx_bytes()),
                nama_berkas="foto.docx",
            ),
            lambda: services.laporan_submit(aktor=owner, laporan=laporan),
        ):
            try:
                outcomes.append(call())
            except ValidationError as error:
                outcomes.append(error)
        return outcomes

    results = run_together(
        [fix_then_submit, give(waiting, aktor_for(agency.penilai), "PERLU_PERBAIKAN")],
        stagger=stagger,
    )

    fixed, submitted = (refusal(result) for result in results[0])
    assert refusal(results[1]) is None
    stored = Laporan.objects.get(pk=laporan.pk)
    item = BuktiDukung.objects.get(pk=waiting.pk)
    assert (fixed, submitted) in (
        (None, None),  # the return came first
        ([BEING_VERIFIED], [RETURNED.format("foto.png")]),  # the return came in between
        ([BEING_VERIFIED], [BEING_VERIFIED]),  # the return came last
    )
    if submitted is None:
        assert (stored.status, stored.putaran) == ("DIAJUKAN", 2)
        assert (item.status, item.putaran, item.nama_berkas) == ("MENUNGGU", 2, "foto.docx")
        assert [step[:2] for step in report_steps(laporan)] == [
            (1, "AJUKAN"),
            (1, "VERIFIKASI"),
            (2, "AJUKAN"),
        ]
    else:
        assert (stored.status, stored.putaran) == ("PERLU_PERBAIKAN", 1)
        assert (item.status, item.putaran, item.nama_berkas) == ("PERLU_PERBAIKAN", 1, "foto.png")
        assert [step[:2] for step in report_steps(laporan)] == [(1, "AJUKAN"), (1, "VERIFIKASI")]
    assert sorted(name.rsplit("-", 1)[1] for name in stored_files()) == sorted(
        ["laporan.pdf", item.nama_berkas]
    )
    assert BuktiDukung.objects.get(pk=accepted.pk).status == "DITERIMA"
    assert verdicts_of(waiting) == [(1, "PERLU_PERBAIKAN")]


# --- Two uploads, two openings ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_uploads_to_the_same_report_at_once_both_land(agency):
    periode = open_period()
    laporan, _skp, rhk = report_for(agency.outsider, periode)

    results = run_together(
        [
            lambda: upload(laporan, rhk, content=PDF_BYTES, name="laporan.pdf"),
            lambda: upload(laporan, rhk, content=docx_bytes(), name="notulen.docx"),
        ]
    )

    assert [refusal(result) for result in results] == [None, None]
    rows = list(
        BuktiDukung.objects.filter(laporan=laporan)
        .order_by("nama_berkas")
        .values_list("nama_berkas", "berkas", "status")
    )
    assert [(name, status) for name, _berkas, status in rows] == [
        ("laporan.pdf", "MENUNGGU"),
        ("notulen.docx", "MENUNGGU"),
    ]
    assert stored_files() == sorted(berkas for _name, berkas, _status in rows)
    assert RiwayatBukti.objects.filter(bukti__laporan=laporan, aksi="UNGGAH").count() == 2
    assert Entri.objects.filter(aksi="bukti.create").count() == 2


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_openings_of_the_same_report_make_one(agency):
    """Two tabs open the period at once: both find no report, both insert, the unique
    constraint decides and the loser returns the winner's report."""
    periode = open_period()
    skp, _rhk = approved_plan(agency.outsider)
    aktor = aktor_for(agency.outsider)
    original = Periode.is_annual

    def open_report() -> Laporan:
        return services.laporan_open(aktor=aktor, skp=skp, periode=periode)

    meeting = threading.Barrier(2)
    arrived: list[int] = []

    def is_annual(self: Periode) -> bool:  # checked after the lookup, before the insert
        arrived.append(threading.get_ident())
        with contextlib.suppress(threading.BrokenBarrierError):
            meeting.wait(timeout=5)
        return original.fget(self)  # type: ignore[attr-defined]

    with mock.patch.object(Periode, "is_annual", property(is_annual)):
        results = run_together([open_report, open_report], at=None)

    # Both looked for the report and found none before either inserted it.
    assert (len(set(arrived)), meeting.broken) == (2, False)
    assert [refusal(result) for result in results] == [None, None]
    assert results[0].pk == results[1].pk
    assert Laporan.objects.filter(skp=skp).count() == 1
    assert Entri.objects.filter(aksi="laporan.create").count() == 1


# --- Stale instances (every database) --------------------------------------------------------


@pytest.mark.django_db
def test_a_verdict_on_a_stale_item_is_refused(agency, budi):
    _laporan, first, _second = budi
    stale = BuktiDukung.objects.get(pk=first.pk)
    services.bukti_verdict(aktor=aktor_of(agency.admin), bukti=first, status="DITERIMA")
    assert stale.status == "MENUNGGU"
    before = realisasi_state()
    with pytest.raises(ValidationError) as caught:
        services.bukti_verdict(
            aktor=aktor_of(agency.superuser), bukti=stale, status="DITOLAK", catatan="Palsu"
        )
    assert caught.value.messages == [ALREADY.format("Diterima")]
    assert realisasi_state() == before


@pytest.mark.django_db
def test_an_edit_through_a_stale_draft_report_is_refused(agency, budi):
    laporan, first, _second = budi
    stale = Laporan.objects.select_related("periode", "skp").get(pk=laporan.pk)
    stale.status = "DRAF"
    before = realisasi_state()
    for call in (
        lambda: upload(stale, first.rhk),
        lambda: services.laporan_submit(aktor=aktor_for(agency.penilai), laporan=stale),
        lambda: services.bukti_delete(aktor=aktor_for(agency.penilai), bukti=first),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.messages == [BEING_VERIFIED]
    assert realisasi_state() == before
