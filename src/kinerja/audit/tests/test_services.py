"""Writing the audit log: entries chain, roll back with their transaction, refuse changes."""

from __future__ import annotations

import pytest
from django.db import transaction

from kinerja.audit import rules
from kinerja.audit.models import AppendOnlyError, Entri, Rantai
from kinerja.audit.selectors import chain_check, entries_for_object
from kinerja.audit.services import (
    Aktor,
    Perubahan,
    audit_record,
    audit_record_many,
    changed_values,
    entry_fields,
    snapshot,
)

pytestmark = pytest.mark.django_db


class Abort(Exception):
    pass


def test_audit_record_appends_a_chained_entry(agency):
    aktor = Aktor.of_user(agency.admin, " 192.168.1.5 ")
    first = audit_record(
        aktor=aktor,
        aksi="pegawai.update",
        objek=agency.pegawai,
        sebelum={"golongan": "III/a"},
        sesudah={"golongan": "III/b"},
        keterangan="Kenaikan pangkat",
    )
    second = audit_record(aktor=Aktor.system(), aksi="unit.update", objek=agency.biro)

    stored = Entri.objects.get(urutan=1)
    assert (stored.aksi, stored.objek_tipe, stored.objek_id) == (
        "pegawai.update",
        "organisasi.pegawai",
        str(agency.pegawai.pk),
    )
    assert stored.objek_label == str(agency.pegawai)
    assert stored.aktor_id == agency.admin.pk
    assert stored.aktor_label == f"Admin Biro Umum ({agency.admin.nip})"
    assert stored.alamat_ip == "192.168.1.5"
    assert (stored.sebelum, stored.sesudah) == ({"golongan": "III/a"}, {"golongan": "III/b"})
    assert stored.keterangan == "Kenaikan pangkat"
    assert stored.hash_sebelumnya == rules.GENESIS_HASH
    assert stored.hash == rules.entry_hash(entry_fields(stored), rules.GENESIS_HASH) == first.hash
    assert Entri.objects.get(urutan=2).hash_sebelumnya == first.hash
    assert (second.aktor_id, second.aktor_label, second.alamat_ip) == (None, "sistem", None)
    head = Rantai.objects.get(pk=1)
    assert (head.urutan_terakhir, head.hash_terakhir) == (2, second.hash)
    assert chain_check().kerusakan == []


def test_an_invalid_address_is_left_out(agency):
    entry = audit_record(aktor=Aktor.of_user(agency.admin, "bukan-ip"), aksi="x", objek=agency.biro)
    assert entry.alamat_ip is None


def test_a_rolled_back_transaction_leaves_no_entry_and_the_head_unchanged(agency):
    audit_record(aktor=Aktor.system(), aksi="unit.create", objek=agency.root)
    head_before = Rantai.objects.values_list("urutan_terakhir", "hash_terakhir").get(pk=1)

    written_inside = []

    @transaction.atomic
    def write_then_fail() -> None:
        audit_record(aktor=Aktor.system(), aksi="unit.update", objek=agency.biro)
        audit_record(aktor=Aktor.system(), aksi="unit.update", objek=agency.lain)
        written_inside.append(Entri.objects.count())
        raise Abort

    with pytest.raises(Abort):
        write_then_fail()

    assert written_inside == [3]

    assert list(Entri.objects.values_list("urutan", flat=True)) == [1]
    assert Rantai.objects.values_list("urutan_terakhir", "hash_terakhir").get(pk=1) == head_before
    after = audit_record(aktor=Aktor.system(), aksi="unit.update", objek=agency.biro)
    assert after.urutan == 2
    assert chain_check().kerusakan == []


def test_audit_record_many_appends_one_segment(agency):
    changes = [
        Perubahan(
            "pegawai.import",
            "organisasi.pegawai",
            str(number),
            f"Pegawai {number}",
            sesudah={"nomor": number},
        )
        for number in range(1, 6)
    ]
    entries = audit_record_many(aktor=Aktor.system("impor"), perubahan=changes)

    assert [entry.urutan for entry in entries] == [1, 2, 3, 4, 5]
    stored = list(Entri.objects.order_by("urutan"))
    assert [entry.objek_id for entry in stored] == ["1", "2", "3", "4", "5"]
    assert {entry.aktor_label for entry in stored} == {"impor"}
    assert len({entry.waktu for entry in stored}) == 1
    assert [entry.hash_sebelumnya for entry in stored[1:]] == [entry.hash for entry in stored[:-1]]
    assert Rantai.objects.get(pk=1).urutan_terakhir == 5
    assert chain_check().kerusakan == []


def test_audit_record_many_with_nothing_writes_nothing(agency):
    assert audit_record_many(aktor=Aktor.system(), perubahan=[]) == []
    assert Entri.objects.count() == 0
    assert Rantai.objects.filter(pk=1, urutan_terakhir=0).count() == 1


def test_saving_an_existing_entry_is_refused(agency):
    entry = audit_record(aktor=Aktor.system(), aksi="unit.update", objek=agency.biro)
    stored = Entri.objects.get(pk=entry.pk)
    stored.aksi = "unit.delete"
    with pytest.raises(AppendOnlyError):
        stored.save()
    with pytest.raises(AppendOnlyError):
        entry.save()
    assert Entri.objects.get(pk=entry.pk).aksi == "unit.update"


def test_deleting_an_entry_is_refused(agency):
    entry = audit_record(aktor=Aktor.system(), aksi="unit.update", objek=agency.biro)
    with pytest.raises(AppendOnlyError):
        Entri.objects.get(pk=entry.pk).delete()
    assert Entri.objects.filter(pk=entry.pk).count() == 1


def test_snapshot_and_changed_values(agency):
    values = snapshot(agency.pegawai, ["nama", "unit", "aktif"])
    assert values == {"nama": "Siti Aminah", "unit": agency.bagian.pk, "aktif": True}
    before, after = changed_values(values, dict(values, nama="Siti A."))
    assert (before, after) == ({"nama": "Siti Aminah"}, {"nama": "Siti A."})


def test_entries_for_object_lists_the_objects_history_newest_first(agency):
    first = audit_record(aktor=Aktor.system(), aksi="pegawai.create", objek=agency.pegawai)
    audit_record(aktor=Aktor.system(), aksi="pegawai.create", objek=agency.outsider)
    third = audit_record(aktor=Aktor.system(), aksi="pegawai.update", objek=agency.pegawai)
    found = entries_for_object("organisasi.pegawai", agency.pegawai.pk)
    assert [entry.urutan for entry in found] == [third.urutan, first.urutan]
