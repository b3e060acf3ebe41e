"""Submitting a period and verifying it: rounds, returned items that must be fixed first, verdicts
item by item and accept-all, the report's status after them, the history of every round, the
notifications and audit entries, and the appraiser's continuous feedback."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.notifikasi.models import Notifikasi
from kinerja.periode.models import Periode
from kinerja.realisasi import services
from kinerja.realisasi.models import (
    BuktiDukung,
    Laporan,
    RiwayatBukti,
    RiwayatLaporan,
    UmpanBalik,
)
from kinerja.realisasi.tests.factories import PNG_BYTES, link, open_period, report_for, upload
from kinerja.realisasi.tests.helpers import realisasi_state
from kinerja.skp.models import Rhk
from kinerja.skp.tests.factories import aktor_for

pytestmark = pytest.mark.django_db

BEING_VERIFIED = "Laporan sedang diverifikasi pejabat penilai; tunggu hasil verifikasinya."
DONE = "Laporan periode ini sudah selesai diverifikasi."
NOT_WAITING = "Laporan ini tidak sedang menunggu verifikasi."
NOTE_REQUIRED = "Tuliskan catatan: apa yang perlu diperbaiki atau mengapa bukti ditolak."
RETURNED = "Bukti “{}” (RHK RHK-01) dikembalikan: perbaiki atau hapus sebelum mengajukan kembali."
URL = "https://drive.example.go.id/berkas/1"


@dataclass
class Case:
    periode: Periode
    laporan: Laporan
    rhk: Rhk
    budi: Laporan
    owner: Aktor
    appraiser: Aktor


@pytest.fixture
def case(agency) -> Case:
    """TW4 open far ahead; Siti's report (Budi appraises her) and Budi's own."""
    periode = open_period()
    budi, _skp, budi_rhk = report_for(agency.penilai, periode)
    laporan, _skp, rhk = report_for(agency.pegawai, periode, rhk_atasan=budi_rhk)
    return Case(periode, laporan, rhk, budi, aktor_for(agency.pegawai), aktor_for(agency.penilai))


def refused(call: Any) -> list[str] | dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    return error.message_dict if hasattr(error, "error_dict") else error.messages


def submit(case: Case) -> Laporan:
    return services.laporan_submit(aktor=case.owner, laporan=case.laporan)


def verdict(case: Case, bukti: BuktiDukung, status: str, catatan: str = "") -> BuktiDukung:
    return services.bukti_verdict(aktor=case.appraiser, bukti=bukti, status=status, catatan=catatan)


def report(case: Case) -> Laporan:
    return Laporan.objects.get(pk=case.laporan.pk)


def items(case: Case) -> list[tuple[int, str, str, int]]:
    return list(
        BuktiDukung.objects.filter(laporan=case.laporan)
        .order_by("pk")
        .values_list("pk", "status", "catatan", "putaran")
    )


def steps(case: Case) -> list[tuple[int, str, str, str]]:
    return list(
        RiwayatLaporan.objects.filter(laporan=case.laporan)
        .order_by("pk")
        .values_list("putaran", "aksi", "status", "oleh_label")
    )


def item_steps(bukti: BuktiDukung) -> list[tuple[int, str, str, str]]:
    return list(
        RiwayatBukti.objects.filter(bukti=bukti)
        .order_by("pk")
        .values_list("putaran", "aksi", "status", "catatan")
    )


def notices() -> list[tuple[int, str, str, str, str]]:
    return list(
        Notifikasi.objects.order_by("pk").values_list(
            "penerima_id", "judul", "isi", "tautan", "kunci"
        )
    )


def entries(*aksi: str) -> list[tuple[str, str, str, Any, Any]]:
    return list(
        Entri.objects.filter(aksi__in=aksi)
        .order_by("urutan")
        .values_list("aksi", "objek_tipe", "objek_id", "sebelum", "sesudah")
    )


# --- Submission ------------------------------------------------------------------------------


def test_a_report_without_evidence_is_not_submitted(case):
    before = realisasi_state()
    assert refused(lambda: submit(case)) == [
        "Lampirkan sekurang-kurangnya satu bukti dukung sebelum mengajukan."
    ]
    assert realisasi_state() == before


def test_submitting_starts_the_first_round_and_tells_the_appraiser(agency, case):
    first = upload(case.laporan, case.rhk)
    second = link(case.laporan, case.rhk)

    submitted = submit(case)

    stored = report(case)
    assert (submitted.status, stored.status, stored.putaran) == ("DIAJUKAN", "DIAJUKAN", 1)
    assert stored.diajukan_pada is not None
    assert stored.selesai_pada is None
    assert items(case) == [(first.pk, "MENUNGGU", "", 1), (second.pk, "MENUNGGU", "", 1)]
    assert steps(case) == [(1, "AJUKAN", "DIAJUKAN", case.owner.label)]
    assert entries("laporan.submit") == [
        ("laporan.submit", "realisasi.laporan", str(case.laporan.pk), None, {"putaran": 1})
    ]
    assert notices() == [
        (
            agency.penilai.pengguna_id,
            "Siti Aminah mengajukan realisasi Triwulan IV-Akhir",
            "Bukti dukung menunggu verifikasi Anda.",
            f"/realisasi/{case.laporan.pk}/",
            f"laporan:{case.laporan.pk}:ajukan:1",
        )
    ]


def test_the_report_of_an_employee_without_appraiser_notifies_nobody(case):
    budi_rhk = Rhk.objects.get(skp=case.budi.skp)
    upload(case.budi, budi_rhk)
    services.laporan_submit(aktor=case.appraiser, laporan=case.budi)
    assert Laporan.objects.get(pk=case.budi.pk).status == "DIAJUKAN"
    assert notices() == []


def test_a_submitted_or_verified_report_is_not_submitted_again(case):
    bukti = upload(case.laporan, case.rhk)
    submit(case)
    before = realisasi_state()
    assert refused(lambda: submit(case)) == [BEING_VERIFIED]
    assert realisasi_state() == before
    verdict(case, bukti, "DITERIMA")
    before = realisasi_state()
    assert refused(lambda: submit(case)) == [DONE]
    assert realisasi_state() == before


def test_returned_items_must_be_fixed_or_removed_before_resubmitting(case):
    accepted = upload(case.laporan, case.rhk)
    returned = upload(case.laporan, case.rhk, content=PNG_BYTES, name="foto kegiatan.png")
    rejected = link(case.laporan, case.rhk, URL)
    submit(case)
    verdict(case, accepted, "DITERIMA")
    verdict(case, returned, "PERLU_PERBAIKAN", "Foto buram")
    verdict(case, rejected, "DITOLAK", "Tautan bukan dokumen kegiatan")
    before = realisasi_state()

    assert refused(lambda: submit(case)) == [
        RETURNED.format("foto_kegiatan.png"),
        RETURNED.format(URL),
    ]
    assert realisasi_state() == before

    services.bukti_delete(aktor=case.owner, bukti=rejected)
    assert refused(lambda: submit(case)) == [RETURNED.format("foto_kegiatan.png")]


def test_the_second_round_asks_only_for_the_corrected_items(agency, case):
    accepted = upload(case.laporan, case.rhk)
    returned = link(case.laporan, case.rhk, URL)
    submit(case)
    verdict(case, accepted, "DITERIMA")
    verdict(case, returned, "PERLU_PERBAIKAN", "Tautan tidak dapat dibuka")
    services.bukti_replace(
        aktor=case.owner, bukti=returned, uraian="Tautan baru", tautan=URL + "-baru"
    )
    added = upload(case.laporan, case.rhk, content=PNG_BYTES, name="foto.png")

    submit(case)

    stored = report(case)
    assert (stored.status, stored.putaran) == ("DIAJUKAN", 2)
    assert items(case) == [
        (accepted.pk, "DITERIMA", "", 1),
        (returned.pk, "MENUNGGU", "Tautan tidak dapat dibuka", 2),
        (added.pk, "MENUNGGU", "", 2),
    ]
    assert [row[4] for row in notices() if row[0] == agency.penilai.pengguna_id] == [
        f"laporan:{case.laporan.pk}:ajukan:1",
        f"laporan:{case.laporan.pk}:ajukan:2",
    ]


# --- Verdicts --------------------------------------------------------------------------------


def test_a_verdict_keeps_the_report_waiting_while_another_item_waits(agency, case):
    first = upload(case.laporan, case.rhk)
    second = link(case.laporan, case.rhk)
    submit(case)
    Notifikasi.objects.all().delete()

    verdict(case, first, "DITERIMA", "  ")

    stored = BuktiDukung.objects.get(pk=first.pk)
    assert (stored.status, stored.catatan, stored.diverifikasi_oleh_id) == (
        "DITERIMA",
        "",
        agency.penilai.pengguna_id,
    )
    assert stored.diverifikasi_pada is not None
    assert items(case)[1] == (second.pk, "MENUNGGU", "", 1)
    assert report(case).status == "DIAJUKAN"
    assert steps(case) == [(1, "AJUKAN", "DIAJUKAN", case.owner.label)]
    assert item_steps(first) == [(0, "UNGGAH", "MENUNGGU", ""), (1, "VERIFIKASI", "DITERIMA", "")]
    assert notices() == []


def test_the_last_verdict_returning_an_item_asks_for_correction(agency, case):
    first = upload(case.laporan, case.rhk)
    second = link(case.laporan, case.rhk)
    submit(case)
    Notifikasi.objects.all().delete()

    verdict(case, first, "DITERIMA")
    verdict(case, second, "Perlu Perbaikan", "  Tautan tidak dapat dibuka  ")

    stored = report(case)
    assert (stored.status, stored.putaran, stored.selesai_pada) == ("PERLU_PERBAIKAN", 1, None)
    assert items(case) == [
        (first.pk, "DITERIMA", "", 1),
        (second.pk, "PERLU_PERBAIKAN", "Tautan tidak dapat dibuka", 1),
    ]
    assert steps(case)[1:] == [(1, "VERIFIKASI", "PERLU_PERBAIKAN", case.appraiser.label)]
    assert item_steps(second)[1:] == [
        (1, "VERIFIKASI", "PERLU_PERBAIKAN", "Tautan tidak dapat dibuka")
    ]
    assert notices() == [
        (
            agency.pegawai.pengguna_id,
            "Bukti dukung Triwulan IV-Akhir perlu diperbaiki",
            "Pejabat penilai mengembalikan atau menolak sebagian bukti dukung Anda; baca "
            "catatannya.",
            f"/realisasi/{case.laporan.pk}/",
            f"laporan:{case.laporan.pk}:PERLU_PERBAIKAN:1",
        )
    ]
    assert entries("bukti.verdict", "laporan.verify") == [
        (
            "bukti.verdict",
            "realisasi.buktidukung",
            str(first.pk),
            {"status": "MENUNGGU"},
            {"status": "DITERIMA", "catatan": ""},
        ),
        (
            "bukti.verdict",
            "realisasi.buktidukung",
            str(second.pk),
            {"status": "MENUNGGU"},
            {"status": "PERLU_PERBAIKAN", "catatan": "Tautan tidak dapat dibuka"},
        ),
        (
            "laporan.verify",
            "realisasi.laporan",
            str(case.laporan.pk),
            None,
            {"status": "PERLU_PERBAIKAN"},
        ),
    ]


def test_a_rejected_item_also_asks_for_correction(case):
    bukti = upload(case.laporan, case.rhk)
    submit(case)
    verdict(case, bukti, "ditolak", "Dokumen periode lalu")
    assert report(case).status == "PERLU_PERBAIKAN"
    assert items(case) == [(bukti.pk, "DITOLAK", "Dokumen periode lalu", 1)]


def test_every_item_accepted_completes_the_report(agency, case):
    first = upload(case.laporan, case.rhk)
    second = link(case.laporan, case.rhk)
    submit(case)
    Notifikasi.objects.all().delete()

    verdict(case, first, "DITERIMA")
    verdict(case, second, "Diterima", "Lengkap")

    stored = report(case)
    assert stored.status == "SELESAI"
    assert stored.selesai_pada is not None
    assert items(case) == [(first.pk, "DITERIMA", "", 1), (second.pk, "DITERIMA", "Lengkap", 1)]
    assert steps(case)[1:] == [(1, "VERIFIKASI", "SELESAI", case.appraiser.label)]
    assert notices() == [
        (
            agency.pegawai.pengguna_id,
            "Bukti dukung Triwulan IV-Akhir selesai diverifikasi",
            "Semua bukti dukung Anda diterima.",
            f"/realisasi/{case.laporan.pk}/",
            f"laporan:{case.laporan.pk}:SELESAI:1",
        )
    ]


@pytest.mark.parametrize(
    ("status", "catatan", "message"),
    [
        ("PERLU_PERBAIKAN", "", NOTE_REQUIRED),
        ("DITOLAK", "  ", NOTE_REQUIRED),
        ("MENUNGGU", "", "Hasil verifikasi harus Diterima, Perlu Perbaikan, atau Ditolak."),
        ("LULUS", "ok", "Hasil verifikasi harus Diterima, Perlu Perbaikan, atau Ditolak."),
    ],
)
def test_a_refused_verdict_changes_nothing(case, status, catatan, message):
    bukti = upload(case.laporan, case.rhk)
    submit(case)
    before = realisasi_state()
    assert refused(lambda: verdict(case, bukti, status, catatan)) == [message]
    assert realisasi_state() == before


@pytest.mark.parametrize(
    ("first", "label"),
    [("DITERIMA", "Diterima"), ("PERLU_PERBAIKAN", "Perlu Perbaikan"), ("DITOLAK", "Ditolak")],
)
def test_an_item_is_verified_once_per_round(case, first, label):
    bukti = upload(case.laporan, case.rhk)
    link(case.laporan, case.rhk)  # keeps the report waiting
    submit(case)
    verdict(case, bukti, first, "Catatan")
    before = realisasi_state()
    assert refused(lambda: verdict(case, bukti, "DITOLAK", "Berubah pikiran")) == [
        f"Bukti ini sudah diverifikasi ({label})."
    ]
    assert realisasi_state() == before


def test_no_verdict_on_a_report_not_waiting_for_one(case):
    bukti = upload(case.laporan, case.rhk)
    before = realisasi_state()
    assert refused(lambda: verdict(case, bukti, "DITERIMA")) == [NOT_WAITING]
    assert realisasi_state() == before
    submit(case)
    verdict(case, bukti, "PERLU_PERBAIKAN", "Kurang tanda tangan")
    before = realisasi_state()
    assert refused(lambda: verdict(case, bukti, "DITERIMA")) == [NOT_WAITING]
    assert realisasi_state() == before


# --- Accept all ------------------------------------------------------------------------------


def test_accept_all_accepts_every_waiting_item(agency, case):
    first = upload(case.laporan, case.rhk)
    second = link(case.laporan, case.rhk)
    submit(case)
    Notifikasi.objects.all().delete()

    assert services.bukti_accept_all(aktor=case.appraiser, laporan=case.laporan) == 2

    assert report(case).status == "SELESAI"
    assert items(case) == [(first.pk, "DITERIMA", "", 1), (second.pk, "DITERIMA", "", 1)]
    assert BuktiDukung.objects.filter(diverifikasi_oleh_id=agency.penilai.pengguna_id).count() == 2
    assert item_steps(second)[1:] == [(1, "VERIFIKASI", "DITERIMA", "")]
    assert [
        (aksi, objek_id)
        for aksi, _tipe, objek_id, _b, _s in entries("bukti.verdict", "laporan.verify")
    ] == [
        ("bukti.verdict", str(first.pk)),
        ("bukti.verdict", str(second.pk)),
        ("laporan.verify", str(case.laporan.pk)),
    ]
    assert [row[1] for row in notices()] == ["Bukti dukung Triwulan IV-Akhir selesai diverifikasi"]


def test_accept_all_leaves_the_items_already_returned(case):
    returned = upload(case.laporan, case.rhk)
    waiting = link(case.laporan, case.rhk)
    submit(case)
    verdict(case, returned, "PERLU_PERBAIKAN", "Kurang tanda tangan")

    assert services.bukti_accept_all(aktor=case.appraiser, laporan=case.laporan) == 1

    assert report(case).status == "PERLU_PERBAIKAN"
    assert items(case) == [
        (returned.pk, "PERLU_PERBAIKAN", "Kurang tanda tangan", 1),
        (waiting.pk, "DITERIMA", "", 1),
    ]


def test_accept_all_needs_a_report_waiting_for_verification(case):
    upload(case.laporan, case.rhk)
    before = realisasi_state()
    assert refused(
        lambda: services.bukti_accept_all(aktor=case.appraiser, laporan=case.laporan)
    ) == [NOT_WAITING]
    assert realisasi_state() == before


# --- Every round in the history --------------------------------------------------------------


def test_every_round_is_kept_in_the_history(agency, case):
    kept = upload(case.laporan, case.rhk)
    fixed = link(case.laporan, case.rhk, URL)
    submit(case)
    verdict(case, kept, "DITERIMA")
    verdict(case, fixed, "DITOLAK", "Bukan dokumen kegiatan")
    services.bukti_replace(aktor=case.owner, bukti=fixed, uraian="Notulen", tautan=URL + "/2")
    submit(case)
    verdict(case, fixed, "PERLU_PERBAIKAN", "Belum ditandatangani")
    services.bukti_replace(aktor=case.owner, bukti=fixed, uraian="Notulen bertanda tangan")
    submit(case)
    services.bukti_accept_all(aktor=case.appraiser, laporan=case.laporan)

    owner, appraiser = case.owner.label, case.appraiser.label
    assert steps(case) == [
        (1, "AJUKAN", "DIAJUKAN", owner),
        (1, "VERIFIKASI", "PERLU_PERBAIKAN", appraiser),
        (2, "AJUKAN", "DIAJUKAN", owner),
        (2, "VERIFIKASI", "PERLU_PERBAIKAN", appraiser),
        (3, "AJUKAN", "DIAJUKAN", owner),
        (3, "VERIFIKASI", "SELESAI", appraiser),
    ]
    assert item_steps(kept) == [(0, "UNGGAH", "MENUNGGU", ""), (1, "VERIFIKASI", "DITERIMA", "")]
    assert item_steps(fixed) == [
        (0, "TAUTAN", "MENUNGGU", ""),
        (1, "VERIFIKASI", "DITOLAK", "Bukan dokumen kegiatan"),
        (1, "GANTI", "MENUNGGU", ""),
        (2, "VERIFIKASI", "PERLU_PERBAIKAN", "Belum ditandatangani"),
        (2, "GANTI", "MENUNGGU", ""),
        (3, "VERIFIKASI", "DITERIMA", ""),
    ]
    assert list(
        RiwayatBukti.objects.filter(bukti=fixed).order_by("pk").values_list("keterangan", flat=True)
    ) == [URL, URL, URL + "/2", URL + "/2", URL + "/2", URL + "/2"]
    assert items(case) == [(kept.pk, "DITERIMA", "", 1), (fixed.pk, "DITERIMA", "", 3)]
    assert [row[4] for row in notices() if row[0] == agency.pegawai.pengguna_id] == [
        f"laporan:{case.laporan.pk}:PERLU_PERBAIKAN:1",
        f"laporan:{case.laporan.pk}:PERLU_PERBAIKAN:2",
        f"laporan:{case.laporan.pk}:SELESAI:3",
    ]


# --- Continuous feedback ---------------------------------------------------------------------


def feedback(case: Case, isi: str, **target: Any) -> UmpanBalik | None:
    return services.umpan_balik_save(aktor=case.appraiser, laporan=case.laporan, isi=isi, **target)


def rows() -> list[tuple[int | None, str, str, str]]:
    return list(
        UmpanBalik.objects.order_by("pk").values_list("rhk_id", "nilai", "isi", "oleh_label")
    )


def test_feedback_on_an_rhk_is_written_changed_and_removed(case):
    label = case.appraiser.label
    first = feedback(case, "  Pertahankan ketepatan waktu.  ", rhk=case.rhk)
    assert rows() == [(case.rhk.pk, "", "Pertahankan ketepatan waktu.", label)]
    second = feedback(case, "Tingkatkan kualitas analisis.", rhk=case.rhk)
    assert second is not None
    assert first is not None
    assert second.pk == first.pk
    assert rows() == [(case.rhk.pk, "", "Tingkatkan kualitas analisis.", label)]

    assert feedback(case, "   ", rhk=case.rhk) is None

    assert rows() == []
    assert [sesudah for *_rest, sesudah in entries("umpanbalik.save")] == [
        {"rhk": case.rhk.pk, "nilai": "", "isi": "Pertahankan ketepatan waktu."},
        {"rhk": case.rhk.pk, "nilai": "", "isi": "Tingkatkan kualitas analisis."},
        {"rhk": case.rhk.pk, "nilai": "", "isi": ""},
    ]
    assert entries("umpanbalik.save")[-1][3] == {"isi": "Tingkatkan kualitas analisis."}


def test_removing_feedback_that_is_not_there_changes_nothing(case):
    before = realisasi_state()
    assert feedback(case, "", nilai="AKUNTABEL") is None
    assert realisasi_state() == before


def test_feedback_on_a_berakhlak_value(case):
    feedback(case, "Sangat membantu rekan kerja.", nilai="HARMONIS")
    feedback(case, "Laporan selalu tepat waktu.", nilai="AKUNTABEL")
    feedback(case, "Laporan tepat waktu dan lengkap.", nilai="AKUNTABEL")
    label = case.appraiser.label
    assert rows() == [
        (None, "HARMONIS", "Sangat membantu rekan kerja.", label),
        (None, "AKUNTABEL", "Laporan tepat waktu dan lengkap.", label),
    ]


def test_feedback_is_written_in_any_state_of_the_report(case):
    bukti = upload(case.laporan, case.rhk)
    feedback(case, "Draf", rhk=case.rhk)
    submit(case)
    feedback(case, "Diajukan", nilai="KOLABORATIF")
    verdict(case, bukti, "DITERIMA")
    feedback(case, "Selesai", rhk=case.rhk)
    assert [isi for _rhk, _nilai, isi, _label in rows()] == ["Selesai", "Diajukan"]


@pytest.mark.parametrize(
    ("target", "errors"),
    [
        ({}, ["Umpan balik ditulis untuk satu RHK atau satu nilai BerAKHLAK."]),
        (
            {"rhk": "own", "nilai": "AKUNTABEL"},
            ["Umpan balik ditulis untuk satu RHK atau satu nilai BerAKHLAK."],
        ),
        ({"nilai": "JUJUR"}, {"nilai": ["Nilai BerAKHLAK tidak dikenal: JUJUR."]}),
        ({"nilai": "akuntabel"}, {"nilai": ["Nilai BerAKHLAK tidak dikenal: akuntabel."]}),
        ({"rhk": "other"}, {"rhk": ["RHK ini bukan bagian dari SKP laporan ini."]}),
    ],
)
def test_refused_feedback_changes_nothing(case, target, errors):
    chosen = dict(target)
    if "rhk" in chosen:
        chosen["rhk"] = case.rhk if chosen["rhk"] == "own" else Rhk.objects.get(skp=case.budi.skp)
    before = realisasi_state()
    assert refused(lambda: feedback(case, "Umpan balik", **chosen)) == errors
    assert realisasi_state() == before


def test_resubmitting_with_only_accepted_items_left_settles_at_once(agency):
    """The employee removed the returned item and resubmits: nothing waits, so the report is
    done without another verdict (and the appraiser is not asked to verify nothing)."""
    from kinerja.notifikasi.models import Notifikasi
    from kinerja.realisasi import services as realisasi_services
    from kinerja.realisasi.tests.factories import link, open_period, report_for, upload
    from kinerja.skp.tests.factories import aktor_for as actor

    periode = open_period()
    _lead_report, _lead_plan, lead_rhk = report_for(agency.penilai, periode)
    laporan, _skp, rhk = report_for(agency.pegawai, periode, rhk_atasan=lead_rhk)
    kept = upload(laporan, rhk)
    dropped = link(laporan, rhk)
    owner, appraiser = actor(agency.pegawai), actor(agency.penilai)
    realisasi_services.laporan_submit(aktor=owner, laporan=laporan)
    realisasi_services.bukti_verdict(aktor=appraiser, bukti=kept, status="DITERIMA")
    realisasi_services.bukti_verdict(
        aktor=appraiser, bukti=dropped, status="DITOLAK", catatan="Tautan tidak dapat dibuka"
    )
    realisasi_services.bukti_delete(aktor=owner, bukti=dropped)
    asked_before = Notifikasi.objects.filter(penerima=agency.penilai.pengguna).count()
    done = realisasi_services.laporan_submit(aktor=owner, laporan=laporan)
    assert (done.status, done.putaran) == ("SELESAI", 2)
    assert Notifikasi.objects.filter(penerima=agency.penilai.pengguna).count() == asked_before


def test_an_item_removed_meanwhile_is_a_clear_refusal(agency):
    from kinerja.realisasi import services as realisasi_services
    from kinerja.realisasi.models import BuktiDukung
    from kinerja.realisasi.tests.factories import open_period, report_for, upload
    from kinerja.skp.tests.factories import aktor_for as actor

    periode = open_period()
    laporan, _skp, rhk = report_for(agency.penilai, periode)
    item = upload(laporan, rhk)
    BuktiDukung.objects.filter(pk=item.pk).delete()
    with pytest.raises(ValidationError) as refusal:
        realisasi_services.bukti_delete(aktor=actor(agency.penilai), bukti=item)
    assert refusal.value.messages == ["Bukti dukung ini sudah dihapus; muat ulang halaman."]


def test_a_planned_result_with_realisation_is_not_deleted_from_the_plan(agency):
    """Once a period report holds realisation or evidence, the RHK and its IKI stay (the plan
    is revised, not stripped of what was reported against it)."""
    from kinerja.realisasi.tests.factories import open_period, report_for, upload
    from kinerja.skp import services as skp_services
    from kinerja.skp.tests.factories import aktor_for as actor

    periode = open_period()
    laporan, skp, rhk = report_for(agency.penilai, periode)
    owner = actor(agency.penilai)
    indikator = rhk.indikator.get()
    services.realisasi_save(aktor=owner, laporan=laporan, indikator=indikator, nilai="3")
    upload(laporan, rhk)
    skp_services.skp_revise(aktor=owner, skp=skp, alasan="Perubahan tugas")
    before = realisasi_state()
    with pytest.raises(ValidationError) as refusal:
        skp_services.rhk_delete(aktor=owner, rhk=rhk)
    assert refusal.value.messages == [
        "RHK RHK-01 sudah memiliki realisasi atau bukti dukung periodik; tidak dapat dihapus."
    ]
    with pytest.raises(ValidationError) as refusal:
        skp_services.indikator_delete(aktor=owner, indikator=indikator)
    assert refusal.value.messages == [
        "IKI ini sudah memiliki realisasi periodik; tidak dapat dihapus."
    ]
    assert realisasi_state() == before
