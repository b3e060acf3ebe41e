"""Assessment services under concurrent use.

On PostgreSQL each service call runs in its own thread and database connection. Once a call has
passed its meeting point (by default the group lock `services._lock_group`), it waits until the
other call has got there too, or until one second has passed: with the row lock the second call
waits for the first to commit and then sees its change; without it both would check the same old
state and both act.

SQLite serialises writers at BEGIN (`transaction_mode = IMMEDIATE`), so there these tests are
skipped; run them with DATABASE_URL pointing at PostgreSQL.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, cast
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from kinerja.aturan.enums import Predikat
from kinerja.audit.models import Entri
from kinerja.organisasi.models import Unit
from kinerja.organisasi.tests.factories import UnitFactory, pegawai_with_account
from kinerja.organisasi.tests.helpers import aktor_of
from kinerja.penilaian import rules, selectors, services
from kinerja.penilaian.models import Keberatan, Penetapan, Penilaian, RiwayatPenetapan
from kinerja.penilaian.tests.factories import (
    BAIK_10,
    SYSTEM,
    aktor_for,
    finalised_group,
    open_period,
    org_rating,
    rate,
    rate_all,
    team,
)

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks (DATABASE_URL)"
)

GROUP_LOCK = (services, "_lock_group")
OBJECTION_LOCK = (services, "_lock_objection")
FORM = (selectors, "form_data")  # penilaian_save reads the form once it holds the row lock
ALREADY_FINAL = "Predikat kelompok ini sudah ditetapkan."
SAVED_BY_OTHER = "Pegawai ini baru saja dinilai pada periode yang sama oleh orang lain; muat ulang."


def run_together(
    calls: list[Callable[[], Any]],
    stagger: float = 0.0,
    at: Sequence[tuple[Any, str]] = (GROUP_LOCK,),
) -> list[Any]:
    """Run the calls in parallel threads; each result is the return value or the exception.

    Each thread, the first time it has passed one of the functions `at` (an object and the name
    of a function on it), waits for the others there (at most one second). `stagger` starts each
    thread that many seconds after the previous one."""
    meeting = threading.Barrier(len(calls))
    met = threading.local()

    def meet_after(original: Callable[..., Any]) -> Callable[..., Any]:
        def call_then_meet(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            if not getattr(met, "done", False):
                met.done = True
                with contextlib.suppress(threading.BrokenBarrierError):
                    meeting.wait(timeout=1)
            return result

        return call_then_meet

    results: list[Any] = [None] * len(calls)

    def work(index: int) -> None:
        try:
            results[index] = calls[index]()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    with contextlib.ExitStack() as patches:
        for target, name in at:
            patches.enter_context(
                mock.patch.object(target, name, meet_after(getattr(target, name)))
            )
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


def audited(aksi: str) -> int:
    return Entri.objects.filter(aksi=aksi).count()


# --- Two finalisers of one group -------------------------------------------------------------


@pytest.mark.parametrize("stagger", [0.0, 0.2])
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_finalisers_of_one_group_finalise_it_once(stagger):
    periode = open_period("TW1")
    unit, kepala, members = team(10)
    org_rating(unit, periode)
    rate_all(members, periode, BAIK_10)
    rate(kepala, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    admin = aktor_for(kepala)

    results = run_together(
        [
            lambda: services.penetapan_finalise(aktor=admin, unit=unit, periode=periode),
            lambda: services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode),
        ],
        stagger=stagger,
    )

    outcomes = [refusal(result) for result in results]
    assert sorted(outcomes, key=bool) == [None, [ALREADY_FINAL]]
    penetapan = Penetapan.objects.get()
    assert penetapan.status == "DITETAPKAN"
    assert list(RiwayatPenetapan.objects.values_list("penetapan_id", "aksi")) == [
        (penetapan.pk, "TETAPKAN")
    ]
    assert audited("penetapan.finalise") == 1
    assert set(Penilaian.objects.values_list("status", "penetapan_id")) == {("FINAL", penetapan.pk)}


# --- Two saves of one assessment -------------------------------------------------------------


@pytest.mark.parametrize("stagger", [0.0, 0.2])
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_first_saves_at_once_make_one_row(agency, stagger):
    """The appraiser's form submitted twice (two tabs): both find no assessment; the unique
    constraint lets one in and the other is told to reload."""
    periode = open_period("TW1")
    aktor = aktor_for(agency.penilai)

    def save(hasil: str) -> Callable[[], Penilaian]:
        return lambda: services.penilaian_save(
            aktor=aktor,
            pegawai=agency.pegawai,
            periode=periode,
            rating_hasil=hasil,
            rating_perilaku="SESUAI",
        )

    results = run_together([save("DI_ATAS"), save("DI_BAWAH")], stagger=stagger, at=[FORM])

    outcomes = [refusal(result) for result in results]
    stored = Penilaian.objects.get()
    assert sorted(outcomes, key=bool) == [None, [SAVED_BY_OTHER]]
    winner = "DI_ATAS" if outcomes[0] is None else "DI_BAWAH"
    assert stored.rating_hasil == winner
    assert audited("penilaian.save") == 1


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_saves_of_an_existing_assessment_follow_each_other(agency):
    periode = open_period("TW1")
    first = rate(agency.pegawai, periode, Predikat.BAIK)
    aktor = aktor_for(agency.penilai)

    def save(hasil: str, catatan: str) -> Callable[[], Penilaian]:
        return lambda: services.penilaian_save(
            aktor=aktor,
            pegawai=agency.pegawai,
            periode=periode,
            rating_hasil=hasil,
            rating_perilaku="SESUAI",
            catatan=catatan,
        )

    results = run_together([save("DI_ATAS", "satu"), save("DI_BAWAH", "dua")], at=[FORM])

    assert [refusal(result) for result in results] == [None, None]
    stored = Penilaian.objects.get()
    assert stored.pk == first.pk
    # Each save saw the other's committed row: the audit log chains the two changes.
    changes = list(
        Entri.objects.filter(aksi="penilaian.save").order_by("pk").values_list("sebelum", "sesudah")
    )
    assert len(changes) == 3
    second_before, last = changes[2]
    assert second_before == changes[1][1]
    assert last is not None
    assert (stored.rating_hasil, stored.catatan) == (last["rating_hasil"], last["catatan"])


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_a_save_during_finalisation_is_counted():
    """The appraiser saves a new rating while the head finalises. The save starts first and,
    about to commit, waits for the finaliser to have read the group (at most a second): without a
    lock on the members' assessments the group would be finalised on the old predikat."""
    periode = open_period("TW1")
    unit, kepala, members = team(2)
    org_rating(unit, periode)
    rate_all([*members, kepala], periode, [Predikat.BAIK] * 3)

    results = run_together(
        [
            lambda: services.penilaian_save(
                aktor=aktor_for(kepala),
                pegawai=members[0],
                periode=periode,
                rating_hasil="DI_ATAS",
                rating_perilaku="DI_ATAS",
            ),
            lambda: services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode),
        ],
        at=[(services, "audit_record"), (selectors, "kelompok_detail")],
        stagger=0.5,  # the save starts first, even on a busy machine
    )

    assert [refusal(result) for result in results] == [None, None]
    penetapan = Penetapan.objects.get()
    assert Penilaian.objects.get(pegawai=members[0]).predikat == "SANGAT_BAIK"
    assert penetapan.jumlah == {
        "SANGAT_BAIK": 1,
        "BAIK": 2,
        "BUTUH_PERBAIKAN": 0,
        "KURANG": 0,
        "SANGAT_KURANG": 0,
    }
    assert list(RiwayatPenetapan.objects.values_list("jumlah", flat=True)) == [penetapan.jumlah]


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_an_objection_filed_while_the_group_is_reopened():
    """The employee files an objection while the head reopens the group: either the objection
    is counted (and the reopening refused) or it is refused as no longer final; never an open
    objection on a draft."""
    penetapan, _unit, kepala, members, _periode = finalised_group(3)
    penilaian = Penilaian.objects.get(pegawai=members[0])

    results = run_together(
        [
            lambda: services.keberatan_file(
                aktor=aktor_for(members[0]), penilaian=penilaian, alasan="Tidak sesuai"
            ),
            lambda: services.penetapan_reopen(
                aktor=aktor_for(kepala), penetapan=penetapan, alasan="Koreksi"
            ),
        ],
        at=[(rules, "objection_file_error"), GROUP_LOCK],
    )

    filed, reopened = (refusal(result) for result in results)
    stored = Penilaian.objects.get(pk=penilaian.pk)
    if filed is None:
        assert reopened == [
            "Masih ada 1 keberatan yang belum diputuskan; putuskan dahulu sebelum membuka "
            "kembali penetapan."
        ]
        assert (stored.status, Keberatan.objects.get().status) == ("FINAL", "DIAJUKAN")
    else:
        assert filed == ["Keberatan hanya dapat diajukan atas predikat yang sudah ditetapkan."]
        assert reopened is None
        assert (stored.status, Keberatan.objects.count()) == ("DRAF", 0)


# --- Two deciders of one objection -----------------------------------------------------------


@pytest.mark.parametrize("stagger", [0.0, 0.2])
@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_deciders_of_one_objection_decide_it_once(agency, stagger):
    """Budi has no appraiser, so HR of the unit and the superuser may both decide Siti's
    objection: one upholds, the other rejects; only one decision stands."""
    periode = open_period("TW1")
    org_rating(agency.bagian, periode)
    rate(agency.pegawai, periode, Predikat.BAIK)
    rate(agency.penilai, periode, Predikat.BAIK, aktor=aktor_of(agency.admin))
    services.penetapan_finalise(aktor=SYSTEM, unit=agency.bagian, periode=periode)
    keberatan = services.keberatan_file(
        aktor=aktor_for(agency.pegawai),
        penilaian=Penilaian.objects.get(pegawai=agency.pegawai),
        alasan="Capaian melampaui target",
    )
    services.keberatan_explain(
        aktor=aktor_for(agency.penilai), keberatan=keberatan, penjelasan="Sudah sesuai"
    )

    results = run_together(
        [
            lambda: services.keberatan_decide(
                aktor=aktor_of(agency.admin),
                keberatan=keberatan,
                diterima=True,
                keputusan="Diterima",
                rating_hasil="DI_ATAS",
                rating_perilaku="DI_ATAS",
            ),
            lambda: services.keberatan_decide(
                aktor=aktor_of(agency.superuser),
                keberatan=keberatan,
                diterima=False,
                keputusan="Ditolak",
            ),
        ],
        stagger=stagger,
        at=[OBJECTION_LOCK],
    )

    upheld, rejected = (refusal(result) for result in results)
    stored = Keberatan.objects.get()
    penilaian = Penilaian.objects.get(pegawai=agency.pegawai)
    history = list(RiwayatPenetapan.objects.order_by("pk").values_list("aksi", flat=True))
    if upheld is None:
        assert rejected == ["Keberatan berstatus Diterima; tindakan ini tidak dapat dilakukan."]
        assert (stored.status, stored.keputusan, penilaian.predikat) == (
            "DITERIMA",
            "Diterima",
            "SANGAT_BAIK",
        )
        assert history == ["TETAPKAN", "KEBERATAN"]
    else:
        assert (upheld, rejected) == (
            ["Keberatan berstatus Ditolak; tindakan ini tidak dapat dilakukan."],
            None,
        )
        assert (stored.status, stored.keputusan, penilaian.predikat) == (
            "DITOLAK",
            "Ditolak",
            "BAIK",
        )
        assert history == ["TETAPKAN"]
    assert audited("keberatan.decide") == 1


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_two_organisation_ratings_at_once_make_one_row(agency):
    periode = open_period("TW1")
    unit = cast(Unit, UnitFactory(induk=agency.biro))
    pegawai_with_account(unit=unit)

    results = run_together(
        [
            lambda: services.organisasi_rate(
                aktor=aktor_of(agency.pimpinan),
                unit=unit,
                periode=periode,
                predikat="ISTIMEWA",
                alasan="Sangat baik",
                atas_nama=False,
            ),
            lambda: services.organisasi_rate(
                aktor=aktor_of(agency.admin),
                unit=unit,
                periode=periode,
                predikat="KURANG",
                alasan="Kurang",
                atas_nama=True,
            ),
        ],
        at=[(services, "_inside_finalised_group")],
    )

    outcomes = [refusal(result) for result in results]
    assert sorted(outcomes, key=bool) == [
        None,
        ["Capaian kinerja organisasi unit ini baru saja ditetapkan orang lain; muat ulang."],
    ]
    assert audited("kinerjaorganisasi.save") == 1
