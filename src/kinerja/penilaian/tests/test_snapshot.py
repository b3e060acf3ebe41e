"""A finalised assessment keeps who was who: the employee's unit, position, appraiser and the
appraiser's superior at finalisation, whatever happens to the employee afterwards; the group
keeps its frozen members."""

from __future__ import annotations

import datetime
from typing import Any, cast

import pytest

from kinerja.akun.models import Pengguna
from kinerja.aturan.enums import Predikat
from kinerja.organisasi import services as organisasi_services
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.tests.factories import PenggunaFactory, UnitFactory, pegawai_with_account
from kinerja.penilaian import selectors, services
from kinerja.penilaian.models import Penetapan, Penilaian
from kinerja.penilaian.tests.factories import (
    SYSTEM,
    finalised_group,
    open_period,
    org_rating,
    rate,
    rate_all,
    team,
)
from kinerja.skp.selectors import person_snapshot

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 7, 1)


def transfer(pegawai: Pegawai, unit: Unit, jabatan: str, penilai: Pegawai | None) -> Pegawai:
    """Move the employee to another unit and position and give them another appraiser."""
    organisasi_services.pegawai_update(
        aktor=SYSTEM,
        pegawai=pegawai,
        nip=pegawai.nip,
        nama=pegawai.nama,
        status_kepegawaian=pegawai.status_kepegawaian,
        golongan=pegawai.golongan,
        unit=unit,
        jabatan_nama=jabatan,
        jenis_jabatan="PELAKSANA",
        jenjang="",
        kelas_jabatan=8,
        aktif=True,
        berlaku_mulai=DAY,
    )
    organisasi_services.penilai_assign(
        aktor=SYSTEM, pegawai=pegawai, penilai=penilai, berlaku_mulai=DAY, alasan="Mutasi"
    )
    return Pegawai.objects.select_related("unit", "jabatan").get(pk=pegawai.pk)


def frozen(penilaian: Penilaian) -> tuple[Any, ...]:
    stored = Penilaian.objects.get(pk=penilaian.pk)
    return (
        stored.unit_id,
        stored.jabatan_id,
        stored.penilai_id,
        stored.atasan_penilai_id,
        stored.identitas,
        stored.status,
        stored.penetapan_id,
        stored.predikat,
        stored.ditetapkan_pada,
    )


def members_of(unit: Unit, periode: Any) -> list[tuple[int, str]]:
    group = selectors.kelompok_detail(unit, periode)
    return [(m.pegawai.pk, m.penilaian.predikat if m.penilaian else "") for m in group.anggota]


def test_a_transfer_after_finalisation_changes_nothing_frozen():
    penetapan, unit, kepala, members, periode = finalised_group(3)
    moved = members[0]
    penilaian = Penilaian.objects.get(pegawai=moved)
    before = frozen(penilaian)
    group_before = members_of(unit, periode)
    assert before[:4] == (unit.pk, moved.jabatan_id, kepala.pk, None)
    assert before[4] == {
        "pegawai": person_snapshot(moved),
        "penilai": person_snapshot(kepala),
        "atasan_penilai": None,
    }

    elsewhere = cast(Unit, UnitFactory(nama="Biro Keuangan"))
    atasan = pegawai_with_account(unit=cast(Unit, UnitFactory()), nama="Sekretaris")
    new_head = pegawai_with_account(unit=elsewhere, nama="Kepala Keuangan", penilai=atasan)
    moved = transfer(moved, elsewhere, "Analis Keuangan", new_head)
    assert (moved.unit_id, moved.penilai_id) == (elsewhere.pk, new_head.pk)

    assert frozen(penilaian) == before
    assert Penetapan.objects.get().jumlah == penetapan.jumlah
    assert members_of(unit, periode) == group_before
    assert moved.pk in [pk for pk, _predikat in group_before]
    # The list of groups counts the frozen members too.
    rows = selectors.kurva_list(
        scope_for(cast(Pengguna, PenggunaFactory(is_superuser=True))), periode
    )
    assert [(row.unit, row.anggota, row.dinilai, row.is_final) for row in rows] == [
        (unit, 4, 4, True)
    ]
    assert {p.value: n for p, n in rows[0].jumlah.items()} == penetapan.jumlah


def test_transferred_into_a_draft_group_is_not_taken_from_the_finalised_one():
    """Finalised in group A, then moved into group B (still a draft): B neither counts nor
    finalises the assessment again; it stays in A's frozen members."""
    penetapan, unit, _kepala, members, periode = finalised_group(3)
    other, other_head, others = team(2)
    org_rating(other, periode)
    rate_all([*others, other_head], periode, [Predikat.BAIK] * 3)
    moved = transfer(members[0], other, "Pranata Komputer", other_head)
    penilaian = Penilaian.objects.get(pegawai=moved)
    before = frozen(penilaian)

    group = selectors.kelompok_detail(other, periode)
    assert moved.pk not in [m.pegawai.pk for m in group.anggota]
    assert group.errors == []
    services.penetapan_finalise(aktor=SYSTEM, unit=other, periode=periode)

    assert frozen(penilaian) == before
    assert before[6] == penetapan.pk
    assert moved.pk in [pk for pk, _predikat in members_of(unit, periode)]
    assert {m.pegawai.pk for m in selectors.kelompok_detail(other, periode).anggota} == {
        p.pk for p in [*others, other_head]
    }
    rows = selectors.kurva_list(
        scope_for(cast(Pengguna, PenggunaFactory(is_superuser=True))), periode
    )
    assert {row.unit.pk: (row.anggota, row.dinilai) for row in rows} == {
        unit.pk: (4, 4),
        other.pk: (3, 3),
    }


def test_finalisation_freezes_the_identity_of_that_moment():
    """A draft saved before a move inside the group: finalising freezes the new unit, position
    and appraiser, not those of the save."""
    periode = open_period("TW1")
    unit, kepala, members = team(2)
    seksi = cast(Unit, UnitFactory(induk=unit, nama="Seksi Data"))
    koordinator = pegawai_with_account(unit=seksi, nama="Koordinator", penilai=kepala)
    org_rating(unit, periode)
    rate_all([*members, kepala], periode, [Predikat.BAIK] * 3)
    rate(koordinator, periode, Predikat.BAIK)
    saved = Penilaian.objects.get(pegawai=members[0])
    assert (saved.unit_id, saved.penilai_id) == (unit.pk, kepala.pk)

    moved = transfer(members[0], seksi, "Analis Data", koordinator)
    services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode)

    stored = Penilaian.objects.get(pk=saved.pk)
    assert (stored.unit_id, stored.jabatan_id, stored.penilai_id, stored.atasan_penilai_id) == (
        seksi.pk,
        moved.jabatan_id,
        koordinator.pk,
        kepala.pk,
    )
    assert stored.identitas == {
        "pegawai": person_snapshot(moved),
        "penilai": person_snapshot(koordinator),
        "atasan_penilai": person_snapshot(kepala),
    }
    assert stored.identitas["pegawai"]["jabatan"] == "Analis Data"
