"""Writing assessments: organisation ratings, an employee's ratings, finalising, reopening and
settling a curve group, imported ratings."""

from __future__ import annotations

import datetime
from typing import Any, cast

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kinerja.aturan.enums import Predikat, PredikatOrganisasi, Rating
from kinerja.audit.models import Entri
from kinerja.core.formatting import format_date
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi import services as organisasi_services
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory, pegawai_with_account
from kinerja.organisasi.tests.helpers import aktor_of
from kinerja.penilaian import selectors, services
from kinerja.penilaian.models import (
    Keberatan,
    KinerjaOrganisasi,
    Penetapan,
    Penilaian,
    RiwayatPenetapan,
)
from kinerja.penilaian.tests.factories import (
    BAIK_10,
    BAIK_10_WITHOUT_LOW,
    SYSTEM,
    aktor_for,
    finalised_group,
    open_period,
    org_rating,
    rate,
    rate_all,
    team,
)
from kinerja.periode.models import Periode
from kinerja.periode.services import periode_transition
from kinerja.realisasi import services as realisasi_services
from kinerja.realisasi.tests.factories import report_for, upload
from kinerja.skp.selectors import person_snapshot

SB, B, BP, K, SK = tuple(Predikat)
ATAS, SESUAI, BAWAH = tuple(Rating)
pytestmark = pytest.mark.django_db

ALASAN = "Target kinerja unit tercapai"
LOCKED_ORG = "Periode sudah dikunci; capaian kinerja organisasi tidak dapat diubah."
LOCKED_RATING = "Periode sudah dikunci; penilaian tidak dapat diubah."
FINAL_RATING = (
    "Predikat sudah ditetapkan; perubahan hanya melalui keberatan atau setelah penetapan "
    "dibuka kembali."
)
GROUP_FINAL = (
    "Predikat kelompok unit ini sudah ditetapkan; buka kembali penetapan sebelum mengubah "
    "capaian kinerja organisasi."
)
NO_RATING = "Capaian kinerja organisasi untuk unit ini belum ditetapkan."
ALREADY_FINAL = "Predikat kelompok ini sudah ditetapkan."
PERIOD_CLOSED = "Periode belum dibuka atau sudah dikunci."
RATING_CHOICE = "Pilih salah satu: Di Atas, Sesuai atau Di Bawah Ekspektasi."


def penilaian_state() -> dict[str, list[tuple[Any, ...]]]:
    """Every row the assessment services write, the audit log and the notifications."""
    return {
        "organisasi": list(
            KinerjaOrganisasi.objects.order_by("pk").values_list(
                "pk", "unit_id", "periode_id", "predikat", "alasan", "atas_nama", "oleh_label"
            )
        ),
        "penilaian": list(
            Penilaian.objects.order_by("pk").values_list(
                "pk",
                "pegawai_id",
                "unit_id",
                "jabatan_id",
                "penilai_id",
                "atasan_penilai_id",
                "rating_hasil",
                "rating_perilaku",
                "rating_rhk",
                "rating_nilai",
                "predikat",
                "catatan",
                "status",
                "penetapan_id",
                "identitas",
                "ditetapkan_pada",
            )
        ),
        "penetapan": list(
            Penetapan.objects.order_by("pk").values_list(
                "pk", "status", "jumlah", "ditetapkan_pada"
            )
        ),
        "riwayat": list(
            RiwayatPenetapan.objects.order_by("pk").values_list("pk", "aksi", "alasan", "jumlah")
        ),
        "keberatan": list(
            Keberatan.objects.order_by("pk").values_list(
                "pk", "status", "penjelasan", "keputusan", "predikat_baru"
            )
        ),
        "audit": list(Entri.objects.order_by("pk").values_list("pk")),
        "notifikasi": list(Notifikasi.objects.order_by("pk").values_list("pk")),
    }


def refused(call: Any) -> Any:
    """The error of a refused call, checking it changed nothing."""
    before = penilaian_state()
    with pytest.raises(ValidationError) as error:
        call()
    assert penilaian_state() == before
    return error.value


def audits(aksi: str) -> list[tuple[Any, ...]]:
    return list(
        Entri.objects.filter(aksi=aksi)
        .order_by("pk")
        .values_list("aktor_label", "objek_id", "sebelum", "sesudah", "keterangan")
    )


def locked(periode: Periode) -> Periode:
    periode = periode_transition(aktor=SYSTEM, periode=periode, aksi="close", alasan="Selesai")
    return periode_transition(aktor=SYSTEM, periode=periode, aksi="lock", alasan="Arsip")


def draft_period() -> Periode:
    open_period("TW1")  # opens the year; TW2 stays a draft
    return Periode.objects.select_related("tahun").get(tahun__tahun=2026, kode="TW2")


def history(penetapan: Penetapan) -> list[tuple[str, str, dict[str, int], str]]:
    return list(
        RiwayatPenetapan.objects.filter(penetapan=penetapan)
        .order_by("pk")
        .values_list("aksi", "alasan", "jumlah", "oleh_label")
    )


def counts(**named: int) -> dict[str, int]:
    return {p: named.get(p, 0) for p in (SB, B, BP, K, SK)}


# --- Organisation rating ---------------------------------------------------------------------


def test_organisation_rating_created_and_audited(agency):
    periode = open_period("TW1")
    aktor = aktor_of(agency.pimpinan)

    found = services.organisasi_rate(
        aktor=aktor,
        unit=agency.bagian,
        periode=periode,
        predikat="ISTIMEWA",
        alasan="  Semua sasaran tercapai  ",
        atas_nama=False,
    )

    stored = KinerjaOrganisasi.objects.get()
    assert stored.pk == found.pk
    assert (stored.unit_id, stored.periode_id, stored.predikat, stored.alasan) == (
        agency.bagian.pk,
        periode.pk,
        "ISTIMEWA",
        "Semua sasaran tercapai",
    )
    assert (stored.atas_nama, stored.oleh_id, stored.oleh_label) == (
        False,
        agency.pimpinan.pk,
        aktor.label,
    )
    assert audits("kinerjaorganisasi.save") == [
        (
            aktor.label,
            str(found.pk),
            None,
            {"predikat": "ISTIMEWA", "alasan": "Semua sasaran tercapai", "atas_nama": False},
            "",
        )
    ]
    assert Entri.objects.get(aksi="kinerjaorganisasi.save").objek_label == (
        "Bagian SDM — Triwulan I 2026"
    )


def test_organisation_rating_updated_with_before_and_after(agency):
    periode = open_period("TW1")
    first = org_rating(agency.bagian, periode)
    admin = aktor_of(agency.admin)

    changed = services.organisasi_rate(
        aktor=admin,
        unit=agency.bagian,
        periode=periode,
        predikat="Butuh Perbaikan",
        alasan="Dua sasaran tidak tercapai",
        atas_nama=True,
    )

    assert changed.pk == first.pk
    assert KinerjaOrganisasi.objects.count() == 1
    stored = KinerjaOrganisasi.objects.get()
    assert (stored.predikat, stored.alasan, stored.atas_nama, stored.oleh_id) == (
        "BUTUH_PERBAIKAN",
        "Dua sasaran tidak tercapai",
        True,
        agency.admin.pk,
    )
    assert audits("kinerjaorganisasi.save")[1] == (
        admin.label,
        str(first.pk),
        {"predikat": "BAIK", "alasan": ALASAN},
        {"predikat": "BUTUH_PERBAIKAN", "alasan": "Dua sasaran tidak tercapai", "atas_nama": True},
        "",
    )


@pytest.mark.parametrize(
    ("predikat", "alasan", "expected"),
    [
        ("", ALASAN, {"predikat": ["Pilih capaian kinerja organisasi."]}),
        ("HEBAT", ALASAN, {"predikat": ["Pilih capaian kinerja organisasi."]}),
        ("BAIK", "  ", {"alasan": ["Tuliskan alasan singkat capaian kinerja organisasi."]}),
    ],
)
def test_organisation_rating_validation(agency, predikat, alasan, expected):
    periode = open_period("TW1")
    error = refused(
        lambda: services.organisasi_rate(
            aktor=SYSTEM,
            unit=agency.bagian,
            periode=periode,
            predikat=predikat,
            alasan=alasan,
            atas_nama=False,
        )
    )
    assert error.message_dict == expected


def test_organisation_rating_refused_in_a_locked_or_draft_period(agency):
    periode = open_period("TW1")
    draft = draft_period()
    org_rating(agency.bagian, periode)
    periode = locked(periode)
    error = refused(lambda: org_rating(agency.bagian, periode, PredikatOrganisasi.ISTIMEWA))
    assert error.messages == [LOCKED_ORG]
    error = refused(lambda: org_rating(agency.biro, periode))
    assert error.messages == [LOCKED_ORG]
    error = refused(lambda: org_rating(agency.biro, draft))
    assert error.messages == ["Periode belum dibuka."]


def test_organisation_rating_of_a_finalised_group_refused():
    _penetapan, unit, _kepala, _members, periode = finalised_group(3)
    error = refused(lambda: org_rating(unit, periode, PredikatOrganisasi.ISTIMEWA))
    assert error.messages == [GROUP_FINAL]


def test_new_rating_inside_a_finalised_parent_group_refused():
    periode = open_period("TW1")
    unit, kepala, members = team(2)
    seksi = cast(Unit, UnitFactory(induk=unit, nama="Seksi Arsip"))
    inside = cast(Pegawai, PegawaiFactory(unit=seksi, penilai=kepala))
    empty = cast(Unit, UnitFactory(induk=unit, nama="Seksi Kosong"))
    org_rating(unit, periode)
    rate_all([*members, inside, kepala], periode, [B, B, B, SB])
    services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode)

    error = refused(lambda: org_rating(seksi, periode))
    assert error.messages == [
        f"Pegawai unit ini sudah ditetapkan dalam kelompok {unit.nama}; buka kembali "
        "penetapan itu sebelum menetapkan capaian kinerja organisasi unit ini."
    ]
    # A unit nobody of the finalised group works in does not split it.
    assert org_rating(empty, periode).unit_id == empty.pk


def test_new_rating_above_a_finalised_group_leaves_it_whole():
    """A rating of the parent unit does not split a finalised group below it: rated units
    deeper down keep their own group."""
    parent = cast(Unit, UnitFactory(nama="Direktorat"))
    _penetapan, unit, _kepala, members, periode = finalised_group(3, induk=parent)

    assert org_rating(parent, periode).unit_id == parent.pk
    assert selectors.kelompok_detail(parent, periode).anggota == []
    group = selectors.kelompok_detail(unit, periode)
    assert group.is_final
    assert len(group.rated) == 4
    assert {item.pegawai_id for item in group.rated} >= {p.pk for p in members}


# --- Rating an employee ----------------------------------------------------------------------

QUADRANT = [
    ("DI_ATAS", "DI_ATAS", SB),
    ("DI_ATAS", "SESUAI", B),
    ("DI_ATAS", "DI_BAWAH", K),
    ("SESUAI", "DI_ATAS", B),
    ("SESUAI", "SESUAI", B),
    ("SESUAI", "DI_BAWAH", K),
    ("DI_BAWAH", "DI_ATAS", BP),
    ("DI_BAWAH", "SESUAI", BP),
    ("DI_BAWAH", "DI_BAWAH", SK),
]


@pytest.mark.parametrize(("hasil", "perilaku", "predikat"), QUADRANT)
def test_predikat_from_the_quadrant(agency, hasil, perilaku, predikat):
    periode = open_period("TW1")
    aktor = aktor_for(agency.penilai)

    saved = services.penilaian_save(
        aktor=aktor,
        pegawai=agency.pegawai,
        periode=periode,
        rating_hasil=hasil,
        rating_perilaku=perilaku,
        catatan="  Pertahankan  ",
    )

    stored = Penilaian.objects.get()
    assert stored.pk == saved.pk
    assert (stored.rating_hasil, stored.rating_perilaku, stored.predikat) == (
        hasil,
        perilaku,
        predikat,
    )
    assert stored.set_aturan_id == selectors.aturan_for(agency.bagian.jalur, periode).pk
    assert (stored.status, stored.penetapan_id, stored.ditetapkan_pada) == ("DRAF", None, None)
    assert (stored.catatan, stored.dinilai_oleh_id, stored.dinilai_label) == (
        "Pertahankan",
        agency.penilai.pengguna_id,
        aktor.label,
    )
    assert (stored.rating_rhk, stored.rating_nilai, stored.skp_id) == ({}, {}, None)
    assert audits("penilaian.save") == [
        (
            aktor.label,
            str(stored.pk),
            None,
            {
                "rating_hasil": hasil,
                "rating_perilaku": perilaku,
                "predikat": predikat,
                "status": "DRAF",
                "catatan": "Pertahankan",
            },
            "",
        )
    ]


def test_a_second_save_updates_the_same_row(agency):
    periode = open_period("TW1")
    first = rate(agency.pegawai, periode, B)

    second = services.penilaian_save(
        aktor=aktor_for(agency.penilai),
        pegawai=agency.pegawai,
        periode=periode,
        rating_hasil="Di Bawah Ekspektasi",
        rating_perilaku="DI_BAWAH",
    )

    assert second.pk == first.pk
    assert Penilaian.objects.get().predikat == SK
    assert [(before, after) for _l, _o, before, after, _k in audits("penilaian.save")][1] == (
        {
            "rating_hasil": "SESUAI",
            "rating_perilaku": "SESUAI",
            "predikat": B,
            "status": "DRAF",
            "catatan": "",
        },
        {
            "rating_hasil": "DI_BAWAH",
            "rating_perilaku": "DI_BAWAH",
            "predikat": SK,
            "status": "DRAF",
            "catatan": "",
        },
    )


def save(pegawai: Pegawai, periode: Periode, **changes: Any) -> Penilaian:
    values: dict[str, Any] = {"rating_hasil": "SESUAI", "rating_perilaku": "SESUAI"} | changes
    return services.penilaian_save(aktor=SYSTEM, pegawai=pegawai, periode=periode, **values)


def test_ratings_validated(agency):
    periode = open_period("TW1")
    _laporan, _skp, rhk = report_for(agency.outsider, periode)
    joko = agency.outsider
    assert rhk.kode == "RHK-01"

    cases = [
        ({"rating_hasil": ""}, {"rating_hasil": [RATING_CHOICE]}),
        ({"rating_perilaku": "BAGUS"}, {"rating_perilaku": [RATING_CHOICE]}),
        ({"rating_rhk": {"RHK-99": "SESUAI"}}, {"rating_rhk": ["Kode tidak dikenal: RHK-99."]}),
        ({"rating_rhk": {rhk.kode: "TINGGI"}}, {"rating_rhk": [RATING_CHOICE]}),
        ({"rating_nilai": {"JUJUR": "SESUAI"}}, {"rating_nilai": ["Kode tidak dikenal: JUJUR."]}),
        ({"rating_nilai": {"LOYAL": "X"}}, {"rating_nilai": [RATING_CHOICE]}),
    ]
    for changes, expected in cases:
        error = refused(lambda changes=changes: save(joko, periode, **changes))
        assert error.message_dict == expected, changes


def test_empty_part_ratings_are_left_out(agency):
    periode = open_period("TW1")
    _laporan, skp, rhk = report_for(agency.outsider, periode)

    stored = save(
        agency.outsider,
        periode,
        rating_rhk={rhk.kode: "Di Atas Ekspektasi"},
        rating_nilai={"LOYAL": "SESUAI", "ADAPTIF": "", "KOMPETEN": None},
    )

    assert (stored.rating_rhk, stored.rating_nilai, stored.skp_id) == (
        {"RHK-01": "DI_ATAS"},
        {"LOYAL": "SESUAI"},
        skp.pk,
    )


def test_rating_refused_in_a_draft_or_locked_period(agency):
    periode = open_period("TW1")
    draft = draft_period()
    error = refused(lambda: save(agency.pegawai, draft))
    assert error.messages == ["Periode belum dibuka; penilaian belum dapat diisi."]
    rate(agency.pegawai, periode, B)
    periode = locked(periode)
    error = refused(lambda: save(agency.pegawai, periode, rating_hasil="DI_ATAS"))
    assert error.messages == [LOCKED_RATING]


def test_a_closed_period_may_still_be_rated(agency):
    periode = open_period("TW1")
    periode = periode_transition(aktor=SYSTEM, periode=periode, aksi="close", alasan="Selesai")
    assert save(agency.pegawai, periode).predikat == B


def test_a_finalised_assessment_is_not_rated_again():
    _penetapan, _unit, _kepala, members, periode = finalised_group(3)
    error = refused(lambda: save(members[0], periode, rating_hasil="DI_BAWAH"))
    assert error.messages == [FINAL_RATING]


def test_masukan_snapshot_of_the_inputs(agency):
    """The snapshot holds the plan, each RHK with its indicators, realisation, achievement,
    evidence verdicts, suggestion and rating, each value's rating and the overall
    suggestions."""
    periode = open_period("TW1")
    joko = agency.outsider
    laporan, skp, rhk = report_for(joko, periode)
    indikator = rhk.indikator.get()
    realisasi_services.realisasi_save(
        aktor=aktor_for(joko), laporan=laporan, indikator=indikator, nilai="15"
    )
    bukti = upload(laporan, rhk)
    realisasi_services.laporan_submit(aktor=aktor_for(joko), laporan=laporan)
    realisasi_services.bukti_verdict(
        aktor=aktor_of(agency.superuser), bukti=bukti, status="DITERIMA"
    )

    stored = save(
        joko,
        periode,
        rating_hasil="DI_ATAS",
        rating_perilaku="SESUAI",
        rating_rhk={"RHK-01": "DI_ATAS"},
        rating_nilai={"AKUNTABEL": "DI_ATAS", "LOYAL": "SESUAI"},
    )

    assert stored.predikat == B
    assert stored.masukan == {
        "skp_id": skp.pk,
        "rhk": [
            {
                "kode": "RHK-01",
                "uraian": "Tersusunnya laporan kinerja",
                "jenis": "UTAMA",
                "indikator": [
                    {
                        "aspek": "KUANTITAS",
                        "uraian": "Jumlah laporan yang tersusun",
                        "target": "12 laporan",
                        "realisasi": "15 laporan",
                        "capaian": "125.00",
                    }
                ],
                "bukti": {"DITERIMA": 1},
                "saran": "DI_ATAS",
                "saran_alasan": "capaian melampaui target (125,00%)",
                "rating": "DI_ATAS",
            }
        ],
        "perilaku": [
            {"kode": "BERORIENTASI_PELAYANAN", "nama": "Berorientasi Pelayanan", "rating": None},
            {"kode": "AKUNTABEL", "nama": "Akuntabel", "rating": "DI_ATAS"},
            {"kode": "KOMPETEN", "nama": "Kompeten", "rating": None},
            {"kode": "HARMONIS", "nama": "Harmonis", "rating": None},
            {"kode": "LOYAL", "nama": "Loyal", "rating": "SESUAI"},
            {"kode": "ADAPTIF", "nama": "Adaptif", "rating": None},
            {"kode": "KOLABORATIF", "nama": "Kolaboratif", "rating": None},
        ],
        "saran_hasil": "DI_ATAS",
        "saran_hasil_alasan": (
            "1 dari 1 di atas ekspektasi (sebagian besar) dan tidak ada yang utama di bawah "
            "ekspektasi"
        ),
        "saran_perilaku": "SESUAI",
        "saran_perilaku_alasan": "sebagian besar atau seluruhnya sesuai ekspektasi",
    }


def transfer(pegawai: Pegawai, unit: Unit, jabatan: str, day: datetime.date) -> Pegawai:
    return organisasi_services.pegawai_update(
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
        kelas_jabatan=7,
        aktif=True,
        berlaku_mulai=day,
    )


def test_identity_follows_the_employee_while_draft(agency):
    periode = open_period("TW1")
    rate(agency.pegawai, periode, B)
    first = Penilaian.objects.get()
    assert (first.unit_id, first.penilai_id, first.atasan_penilai_id) == (
        agency.bagian.pk,
        agency.penilai.pk,
        None,
    )
    assert first.identitas == {
        "pegawai": person_snapshot(agency.pegawai),
        "penilai": person_snapshot(agency.penilai),
        "atasan_penilai": None,
    }

    kepala_biro = pegawai_with_account(unit=agency.biro, nama="Kepala Biro")
    baru = pegawai_with_account(unit=agency.biro, nama="Rina Penilai Baru", penilai=kepala_biro)
    siti = transfer(agency.pegawai, agency.biro, "Analis Kepegawaian", datetime.date(2025, 7, 1))
    organisasi_services.penilai_assign(
        aktor=SYSTEM,
        pegawai=siti,
        penilai=baru,
        berlaku_mulai=datetime.date(2025, 7, 1),
        alasan="Mutasi",
    )
    siti = Pegawai.objects.select_related("unit", "jabatan").get(pk=siti.pk)
    save(siti, periode, rating_hasil="DI_ATAS", rating_perilaku="DI_ATAS")

    again = Penilaian.objects.get()
    assert (again.unit_id, again.jabatan_id, again.penilai_id, again.atasan_penilai_id) == (
        agency.biro.pk,
        siti.jabatan_id,
        baru.pk,
        kepala_biro.pk,
    )
    assert again.identitas == {
        "pegawai": person_snapshot(siti),
        "penilai": person_snapshot(baru),
        "atasan_penilai": person_snapshot(kepala_biro),
    }
    assert again.identitas["pegawai"]["jabatan"] == "Analis Kepegawaian"
    assert again.identitas["pegawai"]["unit_nama"] == "Biro Umum"


# --- Finalising ------------------------------------------------------------------------------


def test_finalise_refused_without_an_organisation_rating():
    periode = open_period("TW1")
    unit, kepala, members = team(2)
    rate_all([*members, kepala], periode, [B, B, B])
    error = refused(lambda: services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode))
    assert error.messages == [NO_RATING]


def test_finalise_refused_with_unrated_members():
    periode = open_period("TW1")
    unit, kepala, members = team(3)
    for index, member in enumerate(members):
        Pegawai.objects.filter(pk=member.pk).update(nama=f"Anggota {index}")
    org_rating(unit, periode)
    rate(members[1], periode, B)
    error = refused(lambda: services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode))
    assert error.messages == [f"3 pegawai belum dinilai: Anggota 0, Anggota 2, {kepala.nama}."]


def test_finalise_refused_outside_the_curve():
    periode = open_period("TW1")
    unit, kepala, members = team(10)
    org_rating(unit, periode)
    rate_all(members, periode, BAIK_10_WITHOUT_LOW)
    rate(kepala, periode, SB, aktor=SYSTEM)
    error = refused(lambda: services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode))
    assert error.messages == [
        "Distribusi predikat belum sesuai kurva: Butuh Perbaikan + Kurang/Misconduct paling "
        "sedikit 1 orang."
    ]


def test_finalise_refused_with_every_reason_at_once():
    periode = open_period("TW1")
    unit, kepala, members = team(11)
    org_rating(unit, periode, PredikatOrganisasi.ISTIMEWA)
    rate_all(members[:10], periode, BAIK_10)
    error = refused(lambda: services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode))
    assert kepala.nama < members[10].nama
    assert error.messages == [
        f"2 pegawai belum dinilai: {kepala.nama}, {members[10].nama}.",
        "Distribusi predikat belum sesuai kurva: Sangat Baik kelompok terbanyak.",
    ]


def test_a_group_too_small_to_judge_is_finalised():
    periode = open_period("TW1")
    unit, kepala, members = team(2)
    org_rating(unit, periode)
    rate_all([*members, kepala], periode, [SB] * 3)  # no Baik, nobody low: 3 people

    penetapan = services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode)

    assert penetapan.jumlah == counts(SANGAT_BAIK=3)
    assert set(Penilaian.objects.values_list("status", flat=True)) == {"FINAL"}


def test_finalise_freezes_the_group():
    periode = open_period("TW1")
    unit, kepala, members = team(10)
    org_rating(unit, periode)
    rate_all(members, periode, BAIK_10)
    rate(kepala, periode, SB, aktor=SYSTEM)
    aktor = aktor_for(kepala)
    before = timezone.now()

    penetapan = services.penetapan_finalise(aktor=aktor, unit=unit, periode=periode)

    stored = Penetapan.objects.get()
    assert stored.pk == penetapan.pk
    assert (stored.unit_id, stored.periode_id, stored.status, stored.predikat_organisasi) == (
        unit.pk,
        periode.pk,
        "DITETAPKAN",
        "BAIK",
    )
    assert stored.set_aturan_id == selectors.aturan_for(unit.jalur, periode).pk
    assert stored.jumlah == counts(SANGAT_BAIK=3, BAIK=7, BUTUH_PERBAIKAN=1)
    assert stored.penanda_tangan == person_snapshot(kepala)
    assert (stored.ditetapkan_oleh_id, stored.ditetapkan_label) == (
        kepala.pengguna_id,
        aktor.label,
    )
    assert before <= stored.ditetapkan_pada <= timezone.now()
    assert history(stored) == [("TETAPKAN", "", stored.jumlah, aktor.label)]
    assert audits("penetapan.finalise") == [
        (
            aktor.label,
            str(stored.pk),
            None,
            {"jumlah": stored.jumlah, "predikat_organisasi": "BAIK"},
            "",
        )
    ]
    for item in Penilaian.objects.select_related("pegawai__unit", "pegawai__jabatan"):
        pegawai = item.pegawai
        penilai = kepala if pegawai.pk != kepala.pk else None
        assert (item.status, item.penetapan_id, item.ditetapkan_pada) == (
            "FINAL",
            stored.pk,
            stored.ditetapkan_pada,
        )
        assert (item.unit_id, item.jabatan_id, item.penilai_id, item.atasan_penilai_id) == (
            unit.pk,
            pegawai.jabatan_id,
            penilai.pk if penilai else None,
            None,
        )
        assert item.identitas == {
            "pegawai": person_snapshot(pegawai),
            "penilai": person_snapshot(penilai),
            "atasan_penilai": None,
        }


def test_finalise_notifies_members_with_accounts_with_the_deadline():
    _penetapan, _unit, kepala, members, periode = finalised_group(10)
    deadline = format_date(timezone.localdate() + datetime.timedelta(days=14))

    notices = {
        n.penerima_id: (n.judul, n.isi, n.tautan)
        for n in Notifikasi.objects.filter(kunci__startswith="penilaian-final-")
    }

    def expected(pegawai: Pegawai, predikat: str) -> tuple[str, str, str]:
        item = Penilaian.objects.get(pegawai=pegawai)
        return (
            "Predikat kinerja Triwulan I 2026 ditetapkan",
            f"Predikat kinerja Anda: {predikat}. Keberatan dapat diajukan sampai {deadline}.",
            reverse("penilaian:detail", args=[item.pk]),
        )

    # Only the first two members and the head have accounts.
    assert notices == {
        members[0].pengguna_id: expected(members[0], "Sangat Baik"),
        members[1].pengguna_id: expected(members[1], "Sangat Baik"),
        kepala.pengguna_id: expected(kepala, "Sangat Baik"),
    }
    assert periode.nama == "Triwulan I"


def test_finalise_refused_when_already_final_or_period_locked():
    penetapan, unit, _kepala, _members, periode = finalised_group(3)
    error = refused(lambda: services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode))
    assert error.messages == [ALREADY_FINAL]
    services.penetapan_reopen(aktor=SYSTEM, penetapan=penetapan, alasan="Koreksi")
    periode = locked(periode)
    error = refused(lambda: services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode))
    assert error.messages == [PERIOD_CLOSED]


# --- Reopening -------------------------------------------------------------------------------


def test_reopen_needs_a_reason():
    penetapan, *_rest = finalised_group(3)
    error = refused(
        lambda: services.penetapan_reopen(aktor=SYSTEM, penetapan=penetapan, alasan=" ")
    )
    assert error.messages == ["Tuliskan alasan membuka kembali penetapan."]


def test_reopen_blocked_by_an_open_objection():
    penetapan, _unit, _kepala, members, _periode = finalised_group(3)
    services.keberatan_file(
        aktor=aktor_for(members[0]),
        penilaian=Penilaian.objects.get(pegawai=members[0]),
        alasan="Rating tidak sesuai",
    )
    error = refused(
        lambda: services.penetapan_reopen(aktor=SYSTEM, penetapan=penetapan, alasan="Koreksi")
    )
    assert error.messages == [
        "Masih ada 1 keberatan yang belum diputuskan; putuskan dahulu sebelum membuka kembali "
        "penetapan."
    ]


def test_reopen_makes_drafts_again_with_history():
    penetapan, unit, kepala, members, periode = finalised_group(3)
    admin = aktor_for(kepala)

    reopened = services.penetapan_reopen(
        aktor=admin, penetapan=penetapan, alasan="  Salah input rating  "
    )

    assert reopened.pk == penetapan.pk
    assert Penetapan.objects.get().status == "DIBUKA"
    assert set(Penilaian.objects.values_list("status", "penetapan_id", "ditetapkan_pada")) == {
        ("DRAF", None, None)
    }
    jumlah = counts(SANGAT_BAIK=3, BAIK=1)
    assert history(penetapan) == [
        ("TETAPKAN", "", jumlah, admin.label),
        ("BUKA", "Salah input rating", jumlah, admin.label),
    ]
    assert audits("penetapan.reopen") == [
        (admin.label, str(penetapan.pk), None, None, "Salah input rating")
    ]
    error = refused(
        lambda: services.penetapan_reopen(aktor=SYSTEM, penetapan=penetapan, alasan="Lagi")
    )
    assert error.messages == ["Penetapan ini sedang dibuka; tidak ada yang perlu dibuka kembali."]

    # The ratings may change again, and finalising again reuses the row.
    rate(members[0], periode, BP)
    again = services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode)
    assert (again.pk, again.status) == (penetapan.pk, "DITETAPKAN")
    assert again.jumlah == counts(SANGAT_BAIK=2, BAIK=1, BUTUH_PERBAIKAN=1)
    assert [row[0] for row in history(penetapan)] == ["TETAPKAN", "BUKA", "TETAPKAN"]


# --- Settling after an import ----------------------------------------------------------------


def test_settle_refinalises_a_finalised_group():
    penetapan, unit, _kepala, members, periode = finalised_group(3)
    services.penilaian_import(
        aktor=SYSTEM,
        pegawai=members[2],
        periode=periode,
        rating_hasil=BAWAH,
        rating_perilaku=SESUAI,
        catatan="Impor",
    )

    problems = services.penetapan_settle(aktor=SYSTEM, unit=unit, periode=periode, alasan="Impor")

    assert problems == []
    stored = Penetapan.objects.get()
    assert (stored.pk, stored.status) == (penetapan.pk, "DITETAPKAN")
    assert stored.jumlah == counts(SANGAT_BAIK=3, BUTUH_PERBAIKAN=1)
    assert [(aksi, alasan) for aksi, alasan, _j, _o in history(stored)] == [
        ("TETAPKAN", ""),
        ("IMPOR", "Impor"),
        ("IMPOR", ""),
    ]
    assert set(Penilaian.objects.values_list("status", "penetapan_id")) == {("FINAL", stored.pk)}


def test_settle_keeps_a_group_with_an_undecided_objection_final():
    penetapan, unit, _kepala, members, periode = finalised_group(3)
    member = Penilaian.objects.get(pegawai=members[0], periode=periode)
    services.keberatan_file(aktor=aktor_for(members[0]), penilaian=member, alasan="Tidak adil")

    problems = services.penetapan_settle(aktor=SYSTEM, unit=unit, periode=periode, alasan="Impor")

    assert problems == [
        "Masih ada 1 keberatan yang belum diputuskan; putuskan dahulu sebelum membuka kembali "
        "penetapan."
    ]
    stored = Penetapan.objects.get()
    assert (stored.pk, stored.status) == (penetapan.pk, "DITETAPKAN")
    assert [aksi for aksi, _a, _j, _o in history(stored)] == ["TETAPKAN"]
    assert set(Penilaian.objects.values_list("status", flat=True)) == {"FINAL"}


def test_settle_leaves_a_group_that_cannot_be_finalised_open():
    penetapan, unit, _kepala, _members, periode = finalised_group(3)
    cast(Pegawai, PegawaiFactory(unit=unit, nama="Pegawai Baru"))

    problems = services.penetapan_settle(aktor=SYSTEM, unit=unit, periode=periode, alasan="Impor")

    assert problems == ["1 pegawai belum dinilai: Pegawai Baru."]
    assert Penetapan.objects.get().status == "DIBUKA"
    assert [row[0] for row in history(penetapan)] == ["TETAPKAN", "IMPOR"]
    assert set(Penilaian.objects.values_list("status", flat=True)) == {"DRAF"}


def test_settle_finalises_a_group_never_finalised():
    periode = open_period("TW1")
    unit, kepala, members = team(1)
    org_rating(unit, periode)
    rate_all([*members, kepala], periode, [B, B])

    assert services.penetapan_settle(aktor=SYSTEM, unit=unit, periode=periode, alasan="x") == []
    assert [row[0] for row in history(Penetapan.objects.get())] == ["IMPOR"]


# --- Imported ratings ------------------------------------------------------------------------


def test_import_writes_then_reports_unchanged(agency):
    periode = open_period("TW1")

    created, changed = services.penilaian_import(
        aktor=SYSTEM,
        pegawai=agency.pegawai,
        periode=periode,
        rating_hasil=ATAS,
        rating_perilaku=ATAS,
        catatan=" Dari aplikasi lama ",
    )
    assert changed is True
    assert (created.predikat, created.status, created.catatan, created.skp_id) == (
        SB,
        "DRAF",
        "Dari aplikasi lama",
        None,
    )
    assert created.identitas["penilai"] == person_snapshot(agency.penilai)
    before = penilaian_state()

    same, changed = services.penilaian_import(
        aktor=SYSTEM,
        pegawai=agency.pegawai,
        periode=periode,
        rating_hasil=ATAS,
        rating_perilaku=ATAS,
        catatan="Dari aplikasi lama",
    )

    assert (same.pk, changed) == (created.pk, False)
    assert penilaian_state() == before


def test_import_of_a_changed_rating_makes_a_draft():
    _penetapan, _unit, _kepala, members, periode = finalised_group(3)

    item, changed = services.penilaian_import(
        aktor=SYSTEM,
        pegawai=members[0],
        periode=periode,
        rating_hasil=SESUAI,
        rating_perilaku=SESUAI,
        catatan="",
    )

    stored = Penilaian.objects.get(pk=item.pk)
    assert changed is True
    assert (stored.predikat, stored.status, stored.penetapan_id, stored.ditetapkan_pada) == (
        B,
        "DRAF",
        None,
        None,
    )
