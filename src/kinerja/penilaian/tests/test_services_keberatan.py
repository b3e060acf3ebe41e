"""Objections: filed by the employee within the window, explained by the appraiser, decided by
the appraiser's superior (upheld within the curve, or rejected), or withdrawn."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import cast

import pytest
from django.utils import timezone

from kinerja.akun.models import Pengguna
from kinerja.aturan.enums import Predikat
from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.core.formatting import format_date
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.tests.factories import PenggunaFactory, UnitFactory, pegawai_with_account
from kinerja.penilaian import services
from kinerja.penilaian.models import Keberatan, Penetapan, Penilaian, RiwayatPenetapan
from kinerja.penilaian.tests.factories import (
    BAIK_10,
    SYSTEM,
    aktor_for,
    finalised_group,
    open_period,
    org_rating,
    rate_all,
    team,
)
from kinerja.penilaian.tests.test_services import refused

pytestmark = pytest.mark.django_db

SB, B, BP, K, SK = tuple(Predikat)
ALASAN = "Capaian saya melampaui target"
NOT_EXPLAINED = "Keberatan diputuskan setelah pejabat penilai memberi penjelasan."


@dataclass
class Kelompok:
    """Ten employees rated within the curve of Baik (SB 2, B 7, BP 1) by their head, whose own
    appraiser (`atasan`) decides their objections; the group finalised."""

    unit: Unit
    kepala: Pegawai
    atasan: Pegawai
    members: list[Pegawai]
    penetapan: Penetapan

    def penilaian(self, index: int) -> Penilaian:
        return Penilaian.objects.get(pegawai=self.members[index])


@pytest.fixture
def kelompok() -> Kelompok:
    periode = open_period("TW1")
    biro = cast(Unit, UnitFactory(nama="Biro Perencanaan"))
    atasan = pegawai_with_account(unit=cast(Unit, UnitFactory()), nama="Atasan Kepala")
    kepala = pegawai_with_account(unit=biro, nama="Kepala Biro", penilai=atasan)
    unit, _kepala, members = team(10, induk=biro, kepala=kepala)
    org_rating(unit, periode)
    rate_all(members, periode, BAIK_10)
    penetapan = services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode)
    return Kelompok(unit, kepala, atasan, members, penetapan)


def file(kelompok: Kelompok, index: int, alasan: str = ALASAN) -> Keberatan:
    member = kelompok.members[index]
    return services.keberatan_file(
        aktor=aktor_for(member), penilaian=kelompok.penilaian(index), alasan=alasan
    )


def explain(kelompok: Kelompok, keberatan: Keberatan, text: str = "Sesuai bukti") -> Keberatan:
    return services.keberatan_explain(
        aktor=aktor_for(kelompok.kepala), keberatan=keberatan, penjelasan=text
    )


def decide(
    aktor: Aktor,
    keberatan: Keberatan,
    diterima: bool,
    keputusan: str = "Dipertimbangkan ulang",
    hasil: str | None = None,
    perilaku: str | None = None,
) -> Keberatan:
    return services.keberatan_decide(
        aktor=aktor,
        keberatan=keberatan,
        diterima=diterima,
        keputusan=keputusan,
        rating_hasil=hasil,
        rating_perilaku=perilaku,
    )


def notices(kunci: str) -> list[tuple[int, str, str, str]]:
    return list(
        Notifikasi.objects.filter(kunci=kunci).values_list("penerima_id", "judul", "isi", "tautan")
    )


def jumlah(**named: int) -> dict[str, int]:
    return {p.value: named.get(p.value, 0) for p in Predikat}


# --- Filing ----------------------------------------------------------------------------------


def test_file_within_the_window(kelompok):
    member = kelompok.members[2]
    keberatan = file(kelompok, 2, alasan="  " + ALASAN + "  ")

    stored = Keberatan.objects.get()
    assert stored.pk == keberatan.pk
    assert (stored.penilaian_id, stored.status, stored.alasan) == (
        kelompok.penilaian(2).pk,
        "DIAJUKAN",
        ALASAN,
    )
    assert (stored.atasan_id, stored.predikat_lama, stored.predikat_baru) == (
        kelompok.atasan.pk,
        "BAIK",
        "",
    )
    assert list(
        Entri.objects.filter(aksi="keberatan.file").values_list(
            "aktor_label", "objek_id", "objek_label"
        )
    ) == [(aktor_for(member).label, str(stored.pk), "Triwulan I 2026")]
    assert notices(f"keberatan-{stored.pk}-file") == [
        (
            kelompok.kepala.pengguna_id,
            "Keberatan atas penilaian Triwulan I 2026",
            "Pegawai yang Anda nilai mengajukan keberatan; berikan penjelasan.",
            f"/penilaian/{stored.penilaian_id}/",
        )
    ]


def finalised_days_ago(penilaian: Penilaian, days: int) -> None:
    Penilaian.objects.filter(pk=penilaian.pk).update(
        ditetapkan_pada=timezone.now() - datetime.timedelta(days=days)
    )


def test_the_last_day_of_the_window_is_allowed(kelompok):
    finalised_days_ago(kelompok.penilaian(0), 14)
    assert file(kelompok, 0).status == "DIAJUKAN"


def test_the_day_after_the_window_is_refused(kelompok):
    finalised_days_ago(kelompok.penilaian(0), 15)
    deadline = timezone.localdate() - datetime.timedelta(days=1)
    error = refused(lambda: file(kelompok, 0))
    assert error.messages == [
        f"Batas waktu keberatan (14 hari) berakhir pada {format_date(deadline)}."
    ]


def test_file_refused_for_a_draft_twice_or_without_reason(kelompok):
    error = refused(lambda: file(kelompok, 0, alasan="  "))
    assert error.messages == ["Tuliskan alasan keberatan."]
    keberatan = file(kelompok, 0)
    services.keberatan_withdraw(aktor=aktor_for(kelompok.members[0]), keberatan=keberatan)
    error = refused(lambda: file(kelompok, 0))
    assert error.messages == ["Keberatan atas penilaian ini sudah pernah diajukan."]

    services.penetapan_reopen(aktor=SYSTEM, penetapan=kelompok.penetapan, alasan="Koreksi")
    error = refused(lambda: file(kelompok, 1))
    assert error.messages == ["Keberatan hanya dapat diajukan atas predikat yang sudah ditetapkan."]


# --- Explaining ------------------------------------------------------------------------------


def test_explain_then_rewrite(kelompok):
    keberatan = file(kelompok, 2)
    aktor = aktor_for(kelompok.kepala)
    before = timezone.now()

    explain(kelompok, keberatan, "  Realisasi belum didukung bukti  ")

    stored = Keberatan.objects.get()
    assert (stored.status, stored.penjelasan, stored.dijelaskan_label) == (
        "DIJELASKAN",
        "Realisasi belum didukung bukti",
        aktor.label,
    )
    assert stored.dijelaskan_pada is not None
    assert stored.dijelaskan_pada >= before
    assert notices(f"keberatan-{stored.pk}-explain") == [
        (
            kelompok.atasan.pengguna_id,
            "Keberatan menunggu keputusan Anda",
            "Pejabat penilai sudah memberi penjelasan; putuskan keberatan pegawai.",
            f"/penilaian/{stored.penilaian_id}/",
        )
    ]

    explain(kelompok, keberatan, "Penjelasan yang diperbaiki")
    assert Keberatan.objects.get().penjelasan == "Penjelasan yang diperbaiki"
    assert Entri.objects.filter(aksi="keberatan.explain").count() == 2


def test_explain_needs_text(kelompok):
    keberatan = file(kelompok, 2)
    error = refused(lambda: explain(kelompok, keberatan, " "))
    assert error.message_dict == {"penjelasan": ["Tuliskan penjelasan atas keberatan."]}


# --- Deciding --------------------------------------------------------------------------------


def test_decide_refused_before_the_explanation(kelompok):
    keberatan = file(kelompok, 2)
    atasan = aktor_for(kelompok.atasan)
    error = refused(lambda: decide(atasan, keberatan, False))
    assert error.messages == [NOT_EXPLAINED]
    error = refused(lambda: decide(atasan, keberatan, True, hasil="DI_ATAS", perilaku="DI_ATAS"))
    assert error.messages == [NOT_EXPLAINED]


def test_decide_validation(kelompok):
    keberatan = explain(kelompok, file(kelompok, 2))
    atasan = aktor_for(kelompok.atasan)

    error = refused(lambda: decide(atasan, keberatan, False, keputusan="  "))
    assert error.message_dict == {"keputusan": ["Tuliskan keputusan dan pertimbangannya."]}
    error = refused(lambda: decide(atasan, keberatan, True, hasil=None, perilaku="DI_ATAS"))
    assert error.message_dict == {
        "rating_hasil": ["Pilih salah satu: Di Atas, Sesuai atau Di Bawah Ekspektasi."]
    }
    error = refused(lambda: decide(atasan, keberatan, True, hasil="SESUAI", perilaku="SESUAI"))
    assert error.messages == [
        "Keberatan yang diterima mengubah rating; jika rating tetap, tolak keberatan."
    ]


def test_upheld_change_that_breaks_the_curve_is_refused(kelompok):
    """The one Butuh Perbaikan raised to Baik: Baik becomes 8 of 10 (at most 7) and nobody is
    left at Butuh Perbaikan or Kurang."""
    keberatan = explain(kelompok, file(kelompok, 9))
    assert kelompok.penilaian(9).predikat == BP

    error = refused(
        lambda: decide(
            aktor_for(kelompok.atasan), keberatan, True, hasil="SESUAI", perilaku="SESUAI"
        )
    )

    assert error.messages == [
        f"Dengan rating ini distribusi predikat kelompok {kelompok.unit.nama} keluar dari kurva "
        "(Baik paling banyak 70%; Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang). "
        "Pilih rating lain atau minta penetapan kelompok dibuka kembali."
    ]
    assert Keberatan.objects.get().status == "DIJELASKAN"


def test_upheld_change_within_the_curve(kelompok):
    """A Baik raised to Sangat Baik: SB 3, B 6, BP 1 still fits the curve of Baik."""
    member = kelompok.members[2]
    member.pengguna = cast(Pengguna, PenggunaFactory(nip=member.nip, nama=member.nama))
    member.save(update_fields=["pengguna"])
    keberatan = explain(kelompok, file(kelompok, 2))
    atasan = aktor_for(kelompok.atasan)
    before = timezone.now()

    decided = decide(
        atasan,
        keberatan,
        True,
        keputusan=" Bukti kinerja cukup ",
        hasil="DI_ATAS",
        perilaku="Di Atas Ekspektasi",
    )

    stored = Keberatan.objects.get()
    assert stored.pk == decided.pk
    assert (stored.status, stored.keputusan, stored.predikat_lama) == (
        "DITERIMA",
        "Bukti kinerja cukup",
        "BAIK",
    )
    assert (stored.rating_hasil_baru, stored.rating_perilaku_baru, stored.predikat_baru) == (
        "DI_ATAS",
        "DI_ATAS",
        "SANGAT_BAIK",
    )
    assert (stored.diputuskan_oleh_id, stored.diputuskan_label) == (
        kelompok.atasan.pengguna_id,
        atasan.label,
    )
    assert stored.diputuskan_pada is not None
    assert stored.diputuskan_pada >= before
    penilaian = kelompok.penilaian(2)
    assert (
        penilaian.rating_hasil,
        penilaian.rating_perilaku,
        penilaian.predikat,
        penilaian.status,
    ) == ("DI_ATAS", "DI_ATAS", "SANGAT_BAIK", "FINAL")
    penetapan = Penetapan.objects.get()
    assert penetapan.jumlah == jumlah(SANGAT_BAIK=3, BAIK=6, BUTUH_PERBAIKAN=1)
    assert list(
        RiwayatPenetapan.objects.order_by("pk").values_list("aksi", "alasan", "jumlah")
    ) == [
        ("TETAPKAN", "", jumlah(SANGAT_BAIK=2, BAIK=7, BUTUH_PERBAIKAN=1)),
        ("KEBERATAN", "Bukti kinerja cukup", penetapan.jumlah),
    ]
    assert list(
        Entri.objects.filter(aksi="keberatan.decide").values_list("objek_id", "sesudah")
    ) == [(str(stored.pk), {"status": "DITERIMA", "predikat": "SANGAT_BAIK"})]
    assert notices(f"keberatan-{stored.pk}-decide") == [
        (
            member.pengguna.pk,
            "Keberatan Anda sudah diputuskan",
            "Keputusan: Diterima. Predikat: Sangat Baik.",
            f"/penilaian/{penilaian.pk}/",
        )
    ]
    # Decided: nothing more can happen to it.
    error = refused(lambda: services.keberatan_withdraw(aktor=SYSTEM, keberatan=stored))
    assert error.messages == ["Keberatan berstatus Diterima; tindakan ini tidak dapat dilakukan."]
    error = refused(lambda: explain(kelompok, stored))
    assert error.messages == ["Keberatan berstatus Diterima; tindakan ini tidak dapat dilakukan."]


def test_upheld_in_a_group_too_small_to_judge():
    _penetapan, _unit, kepala, members, _periode = finalised_group(3)
    keberatan = services.keberatan_file(
        aktor=aktor_for(members[0]),
        penilaian=Penilaian.objects.get(pegawai=members[0]),
        alasan=ALASAN,
    )
    services.keberatan_explain(aktor=aktor_for(kepala), keberatan=keberatan, penjelasan="Ok")

    decide(SYSTEM, keberatan, True, hasil="DI_BAWAH", perilaku="DI_BAWAH")

    assert Penilaian.objects.get(pegawai=members[0]).predikat == SK
    assert Penetapan.objects.get().jumlah == jumlah(SANGAT_BAIK=2, BAIK=1, SANGAT_KURANG=1)


def test_rejected(kelompok):
    keberatan = explain(kelompok, file(kelompok, 1))
    atasan = aktor_for(kelompok.atasan)

    decide(atasan, keberatan, False, keputusan="Penilaian sudah sesuai bukti")

    stored = Keberatan.objects.get()
    assert (stored.status, stored.keputusan, stored.predikat_baru) == (
        "DITOLAK",
        "Penilaian sudah sesuai bukti",
        "",
    )
    assert (stored.rating_hasil_baru, stored.rating_perilaku_baru) == ("", "")
    assert kelompok.penilaian(1).predikat == SB
    assert Penetapan.objects.get().jumlah == jumlah(SANGAT_BAIK=2, BAIK=7, BUTUH_PERBAIKAN=1)
    assert list(RiwayatPenetapan.objects.values_list("aksi", flat=True)) == ["TETAPKAN"]
    assert notices(f"keberatan-{stored.pk}-decide") == [
        (
            kelompok.members[1].pengguna_id,
            "Keberatan Anda sudah diputuskan",
            "Keputusan: Ditolak. Predikat: Sangat Baik.",
            f"/penilaian/{stored.penilaian_id}/",
        )
    ]


# --- Withdrawing -----------------------------------------------------------------------------


@pytest.mark.parametrize("explained", [False, True])
def test_withdrawn(kelompok, explained):
    keberatan = file(kelompok, 2)
    if explained:
        explain(kelompok, keberatan)
    owner = aktor_for(kelompok.members[2])

    services.keberatan_withdraw(aktor=owner, keberatan=keberatan)

    assert Keberatan.objects.get().status == "DITARIK"
    assert list(
        Entri.objects.filter(aksi="keberatan.withdraw").values_list("aktor_label", "objek_id")
    ) == [(owner.label, str(keberatan.pk))]
    error = refused(lambda: services.keberatan_withdraw(aktor=owner, keberatan=keberatan))
    assert error.messages == ["Keberatan berstatus Ditarik; tindakan ini tidak dapat dilakukan."]
    error = refused(lambda: decide(SYSTEM, keberatan, False))
    assert error.messages == ["Keberatan berstatus Ditarik; tindakan ini tidak dapat dilakukan."]
    # No objection is open any more: the group may be reopened.
    services.penetapan_reopen(aktor=SYSTEM, penetapan=kelompok.penetapan, alasan="Koreksi")
    assert Penetapan.objects.get().status == "DIBUKA"
