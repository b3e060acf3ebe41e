"""Talent services: potential (one row, a whole unit in one transaction, bad input writes
nothing), and the improvement plan's lifecycle: creation (end date by the rule set, default
pembimbing, one running plan), notes, closing and cancelling with every transition allowed or
refused, notifications, audit, and concurrent closes (only one wins)."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from kinerja.aturan.enums import Predikat
from kinerja.audit.models import Entri
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.talenta import services
from kinerja.talenta.enums import StatusPerbaikan as S
from kinerja.talenta.models import CatatanPerbaikan, Potensi, RencanaPerbaikan
from kinerja.talenta.tests.factories import SYSTEM, aktor_for, assess, plan

pytestmark = pytest.mark.django_db
D = datetime.date


def audited(aksi: str) -> list[tuple[str, str]]:
    return list(
        Entri.objects.filter(aksi=aksi).order_by("urutan").values_list("objek_id", "aktor_label")
    )


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


# --- Potential -------------------------------------------------------------------------------


def test_potensi_save_and_remove(agency):
    pegawai = agency.pegawai
    saved = services.potensi_save(aktor=SYSTEM, pegawai=pegawai, tahun=2026, potensi="Tinggi")
    assert (saved.potensi, saved.dicatat_label) == ("TINGGI", "tes")
    services.potensi_save(aktor=SYSTEM, pegawai=pegawai, tahun=2026, potensi="TINGGI")
    assert len(audited("potensi.save")) == 1  # the same value again changes nothing
    services.potensi_save(aktor=SYSTEM, pegawai=pegawai, tahun=2026, potensi="RENDAH")
    entry = Entri.objects.filter(aksi="potensi.save").order_by("-urutan").first()
    assert (entry.sebelum, entry.sesudah) == ({"potensi": "TINGGI"}, {"potensi": "RENDAH"})
    assert services.potensi_save(aktor=SYSTEM, pegawai=pegawai, tahun=2026, potensi="") is None
    assert not Potensi.objects.exists()
    assert len(audited("potensi.delete")) == 1


def test_potensi_bad_input(agency):
    assert errors_of(
        lambda: services.potensi_save(
            aktor=SYSTEM, pegawai=agency.pegawai, tahun=2026, potensi="Sedang"
        )
    ) == {"potensi": ["Potensi harus Rendah, Menengah, atau Tinggi."]}
    assert errors_of(
        lambda: services.potensi_save(
            aktor=SYSTEM, pegawai=agency.pegawai, tahun=1999, potensi="TINGGI"
        )
    ) == {"tahun": ["Tahun harus antara 2000 dan 2100."]}
    assert not Potensi.objects.exists()


def test_potensi_save_many_all_or_nothing(agency):
    services.potensi_save(aktor=SYSTEM, pegawai=agency.penilai, tahun=2026, potensi="RENDAH")
    errors = errors_of(
        lambda: services.potensi_save_many(
            aktor=SYSTEM,
            tahun=2026,
            nilai={agency.pegawai: "TINGGI", agency.penilai: "x", agency.outsider: ""},
        )
    )
    assert errors == {
        f"potensi_{agency.penilai.pk}": [
            "Potensi Budi Santoso harus Rendah, Menengah, atau Tinggi."
        ]
    }
    assert list(Potensi.objects.values_list("pegawai__nama", "potensi")) == [
        ("Budi Santoso", "RENDAH")
    ]
    changed = services.potensi_save_many(
        aktor=SYSTEM,
        tahun=2026,
        nilai={agency.pegawai: "TINGGI", agency.penilai: "RENDAH", agency.outsider: ""},
    )
    assert changed == 1
    assert sorted(Potensi.objects.values_list("pegawai__nama", "potensi")) == [
        ("Budi Santoso", "RENDAH"),
        ("Siti Aminah", "TINGGI"),
    ]


# --- Improvement plans -----------------------------------------------------------------------


def test_create_with_defaults(agency):
    penilaian = assess(agency.pegawai, 2026, Predikat.BUTUH_PERBAIKAN, kode="TW2")
    rencana = services.rencana_perbaikan_create(
        aktor=aktor_for(agency.penilai),
        pegawai=agency.pegawai,
        sasaran="Menyelesaikan 12 laporan tepat waktu",
        mulai=D(2026, 8, 31),
        penilaian=penilaian,
    )
    assert (rencana.mulai, rencana.selesai, rencana.status) == (
        D(2026, 8, 31),
        D(2027, 2, 28),
        "BERJALAN",
    )
    assert rencana.pembimbing_id == agency.penilai.pk
    assert rencana.dibuat_label == f"Budi Santoso ({agency.penilai.nip})"
    entry = Entri.objects.get(aksi="rencana_perbaikan.create")
    assert entry.sesudah == {
        "mulai": "2026-08-31",
        "selesai": "2027-02-28",
        "sasaran": "Menyelesaikan 12 laporan tepat waktu",
        "pembimbing": agency.penilai.pk,
        "penilaian": penilaian.pk,
    }
    notice = Notifikasi.objects.get(penerima=agency.pegawai.pengguna)
    assert (notice.judul, notice.isi) == (
        "Rencana perbaikan kinerja dimulai",
        "Rencana perbaikan kinerja Anda berjalan 31 Agustus 2026 sampai 28 Februari 2027.",
    )


def test_create_defaults_to_today(agency):
    rencana = plan(agency.pegawai)
    assert rencana.mulai == timezone.localdate()


def test_create_refusals(agency):
    other = PegawaiFactory(unit=agency.bagian)
    errors = errors_of(
        lambda: services.rencana_perbaikan_create(
            aktor=SYSTEM,
            pegawai=agency.pegawai,
            sasaran=" ",
            pembimbing=agency.pegawai,
            penilaian=assess(other, 2026, Predikat.KURANG),
        )
    )
    assert errors == {
        "sasaran": ["Tuliskan sasaran perbaikan kinerja."],
        "pembimbing": ["Pembimbing tidak boleh pegawai itu sendiri."],
        "penilaian": ["Penilaian yang dipilih bukan milik pegawai ini."],
    }
    plan(agency.pegawai)
    assert errors_of(lambda: plan(agency.pegawai)) == {
        "pegawai": [
            "Pegawai ini masih memiliki rencana perbaikan yang berjalan; tutup atau batalkan "
            "rencana itu lebih dulu."
        ]
    }
    assert RencanaPerbaikan.objects.count() == 1
    assert len(audited("rencana_perbaikan.create")) == 1


def test_notes(agency):
    rencana = plan(agency.pegawai, mulai=D(2026, 6, 1))
    note = services.rencana_perbaikan_note(
        aktor=aktor_for(agency.penilai),
        rencana=rencana,
        isi="Rapat pemantauan I",
        tanggal=D(2026, 7, 1),
    )
    assert (note.tanggal, note.isi, note.oleh_label) == (
        D(2026, 7, 1),
        "Rapat pemantauan I",
        f"Budi Santoso ({agency.penilai.nip})",
    )
    assert errors_of(
        lambda: services.rencana_perbaikan_note(aktor=SYSTEM, rencana=rencana, isi="")
    ) == {"isi": ["Tuliskan isi catatan."]}
    services.rencana_perbaikan_cancel(aktor=SYSTEM, rencana=rencana, alasan="Mutasi")
    assert errors_of(
        lambda: services.rencana_perbaikan_note(aktor=SYSTEM, rencana=rencana, isi="Lagi")
    ) == {"status": ["Catatan hanya dapat ditambahkan selama rencana perbaikan berjalan."]}
    assert CatatanPerbaikan.objects.count() == 1
    assert len(audited("rencana_perbaikan.note")) == 1


def finish(rencana, target):
    if target == S.DIBATALKAN:
        return services.rencana_perbaikan_cancel(aktor=SYSTEM, rencana=rencana, alasan="Mutasi")
    return services.rencana_perbaikan_close(
        aktor=SYSTEM,
        rencana=rencana,
        status=target.value,
        hasil="Dievaluasi",
        tindak_lanjut="UJI_KOMPETENSI" if target == S.TIDAK_BERHASIL else "",
    )


@pytest.mark.parametrize("first", [S.BERHASIL, S.TIDAK_BERHASIL, S.DIBATALKAN])
@pytest.mark.parametrize("second", [S.BERHASIL, S.TIDAK_BERHASIL, S.DIBATALKAN])
def test_every_transition(agency, first, second):
    rencana = plan(agency.pegawai)
    done = finish(rencana, first)
    assert done.status == first
    stale = RencanaPerbaikan.objects.get(pk=rencana.pk)
    errors = errors_of(lambda: finish(stale, second))
    assert list(errors) == ["status"]
    assert RencanaPerbaikan.objects.get(pk=rencana.pk).status == first
    assert (
        Entri.objects.filter(
            aksi__in=["rencana_perbaikan.close", "rencana_perbaikan.cancel"]
        ).count()
        == 1
    )


def test_close_not_met_and_notify(agency):
    rencana = plan(agency.pegawai)
    assert errors_of(
        lambda: services.rencana_perbaikan_close(
            aktor=SYSTEM, rencana=rencana, status="TIDAK_BERHASIL", hasil=""
        )
    ) == {
        "hasil": ["Tuliskan hasil evaluasi rencana perbaikan."],
        "tindak_lanjut": ["Pilih tindak lanjut untuk rencana perbaikan yang tidak berhasil."],
    }
    assert RencanaPerbaikan.objects.get().status == "BERJALAN"
    done = services.rencana_perbaikan_close(
        aktor=SYSTEM,
        rencana=rencana,
        status="TIDAK_BERHASIL",
        hasil="Target tidak tercapai",
        tindak_lanjut="PEMINDAHAN",
    )
    assert (done.status, done.hasil, done.tindak_lanjut, done.ditutup_label) == (
        "TIDAK_BERHASIL",
        "Target tidak tercapai",
        "PEMINDAHAN",
        "tes",
    )
    assert list(
        Notifikasi.objects.filter(penerima=agency.pegawai.pengguna)
        .order_by("pk")
        .values_list("judul", "isi")
    )[-1] == (
        "Rencana perbaikan kinerja ditutup",
        "Rencana perbaikan kinerja Anda dinyatakan tidak berhasil; tindak lanjut: "
        "Pemindahan ke jabatan lain yang setara.",
    )
    entry = Entri.objects.get(aksi="rencana_perbaikan.close")
    assert entry.sesudah == {
        "status": "TIDAK_BERHASIL",
        "hasil": "Target tidak tercapai",
        "tindak_lanjut": "PEMINDAHAN",
    }
    # A new plan may start once the previous one ended.
    assert plan(agency.pegawai).status == "BERJALAN"


def test_cancel_needs_reason(agency):
    rencana = plan(agency.pegawai)
    assert errors_of(
        lambda: services.rencana_perbaikan_cancel(aktor=SYSTEM, rencana=rencana, alasan="")
    ) == {"alasan": ["Tuliskan alasan pembatalan."]}
    done = services.rencana_perbaikan_cancel(aktor=SYSTEM, rencana=rencana, alasan="Pensiun")
    assert (done.status, done.alasan_batal) == ("DIBATALKAN", "Pensiun")


def test_stale_double_close_only_one_wins(agency):
    """The conditional update: two actors holding the same running plan; the second close is
    refused and nothing of it is written."""
    rencana = plan(agency.pegawai)
    first, second = (RencanaPerbaikan.objects.get(pk=rencana.pk) for _ in range(2))
    finish(first, S.BERHASIL)
    assert errors_of(lambda: finish(second, S.TIDAK_BERHASIL)) == {
        "status": [
            "Rencana perbaikan berstatus berhasil tidak dapat diubah menjadi tidak berhasil."
        ]
    }
    assert RencanaPerbaikan.objects.get().tindak_lanjut == ""
    assert len(audited("rencana_perbaikan.close")) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)")
@pytest.mark.django_db(transaction=True)
def test_concurrent_close_postgresql(agency):
    rencana = plan(agency.pegawai)
    barrier = threading.Barrier(2)
    results: list[object] = [None, None]

    def work(index: int, target: S) -> None:
        try:
            barrier.wait(timeout=5)
            results[index] = finish(RencanaPerbaikan.objects.get(pk=rencana.pk), target)
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=work, args=(0, S.BERHASIL)),
        threading.Thread(target=work, args=(1, S.DIBATALKAN)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    refused = [item for item in results if isinstance(item, ValidationError)]
    assert len(refused) == 1
    assert (
        Entri.objects.filter(
            aksi__in=["rencana_perbaikan.close", "rencana_perbaikan.cancel"]
        ).count()
        == 1
    )
