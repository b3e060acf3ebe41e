"""Reading assessments: who is in a curve group, the list of groups, the appraiser's list, the
rating form's evidence-based suggestions and objections waiting for someone."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.aturan.enums import Predikat, PredikatOrganisasi, Rating
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, Pengecualian, Unit
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory, pegawai_with_account
from kinerja.organisasi.tests.helpers import aktor_of
from kinerja.penilaian import selectors, services
from kinerja.penilaian.models import Penilaian
from kinerja.penilaian.rules import Saran
from kinerja.penilaian.tests.factories import (
    BAIK_10_WITHOUT_LOW,
    SYSTEM,
    aktor_for,
    open_period,
    org_rating,
    rate,
    rate_all,
    team,
)
from kinerja.periode.models import Periode
from kinerja.realisasi import services as realisasi_services
from kinerja.realisasi.models import Laporan
from kinerja.realisasi.tests.factories import PNG_BYTES, report_for, upload
from kinerja.skp import services as skp_services
from kinerja.skp.enums import Aspek
from kinerja.skp.models import Rhk, Skp
from kinerja.skp.tests.factories import TAHUN

pytestmark = pytest.mark.django_db

SB, B, BP, K, SK = tuple(Predikat)
ATAS, SESUAI, BAWAH = tuple(Rating)
ALREADY_FINAL = "Predikat kelompok ini sudah ditetapkan."


def names(group: selectors.Kelompok) -> list[str]:
    return [member.pegawai.nama for member in group.anggota]


def queries(call: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def named(unit: Unit, nama: str, penilai: Pegawai | None = None) -> Pegawai:
    return cast(Pegawai, PegawaiFactory(unit=unit, nama=nama, penilai=penilai))


# --- Curve groups: membership ----------------------------------------------------------------


@pytest.fixture
def units():
    """A unit with its head and two staff, and a section below it with two staff."""
    periode = open_period("TW1")
    unit = cast(Unit, UnitFactory(nama="Bagian Umum"))
    kepala = named(unit, "Kepala Bagian")
    ani = named(unit, "Ani", kepala)
    bayu = named(unit, "Bayu", kepala)
    seksi = cast(Unit, UnitFactory(induk=unit, nama="Seksi Arsip"))
    citra = named(seksi, "Citra", kepala)
    dodi = named(seksi, "Dodi", kepala)
    return periode, unit, seksi, (kepala, ani, bayu, citra, dodi)


def test_group_is_the_unit_subtree(units):
    periode, unit, seksi, (kepala, ani, _bayu, _citra, _dodi) = units
    org_rating(unit, periode)
    rate(ani, periode, B)

    group = selectors.kelompok_detail(unit, periode)

    assert names(group) == ["Ani", "Bayu", "Kepala Bagian", "Citra", "Dodi"]
    assert [member.penilaian is not None for member in group.anggota] == [
        True,
        False,
        False,
        False,
        False,
    ]
    assert [p.nama for p in group.unrated] == ["Bayu", "Kepala Bagian", "Citra", "Dodi"]
    assert [p.pegawai_id for p in group.rated] == [ani.pk]
    assert group.organisasi is not None
    assert group.organisasi.predikat == "BAIK"
    assert (group.penetapan, group.is_final) == (None, False)
    assert group.kepala == kepala
    assert group.set_aturan == selectors.aturan_for(unit.jalur, periode)
    assert group.hasil is not None
    assert (group.hasil.status, group.hasil.sesuai, group.hasil.jumlah_pegawai) == (
        "TERLALU_KECIL",
        None,
        1,
    )
    assert group.errors == ["4 pegawai belum dinilai: Bayu, Kepala Bagian, Citra, Dodi."]
    # The section has no rating of its own: it is no group.
    assert selectors.kelompok_detail(seksi, periode).errors[0] == (
        "Capaian kinerja organisasi untuk unit ini belum ditetapkan."
    )
    assert selectors.kelompok_detail(seksi, periode).hasil is None


def test_a_deeper_rated_unit_splits_the_group(units):
    periode, unit, seksi, (_kepala, _ani, _bayu, citra, _dodi) = units
    org_rating(unit, periode)
    org_rating(seksi, periode, PredikatOrganisasi.ISTIMEWA)

    assert names(selectors.kelompok_detail(unit, periode)) == ["Ani", "Bayu", "Kepala Bagian"]
    section = selectors.kelompok_detail(seksi, periode)
    assert names(section) == ["Citra", "Dodi"]
    assert section.kepala == citra  # appraised from outside the section: its head
    assert selectors.group_unit_for(seksi.jalur, periode) == seksi
    assert selectors.group_unit_for(unit.jalur, periode) == unit


def test_excluded_and_inactive_employees_are_left_out(units):
    periode, unit, _seksi, (_kepala, ani, bayu, citra, dodi) = units
    end = periode.selesai
    day = datetime.timedelta(days=1)
    org_rating(unit, periode)
    # In effect on the last day of the period (the end date is exclusive): left out.
    Pengecualian.objects.create(pegawai=ani, jenis="PENSIUN", mulai=end - 30 * day)
    Pengecualian.objects.create(pegawai=bayu, jenis="CUTI_BESAR", mulai=end, sampai=end + day)
    # Ended on the last day, or starting after it: still in the group.
    Pengecualian.objects.create(pegawai=citra, jenis="MUTASI", mulai=end - 60 * day, sampai=end)
    Pengecualian.objects.create(pegawai=dodi, jenis="PENSIUN", mulai=end + day)
    extra = named(unit, "Eka", None)
    Pegawai.objects.filter(pk=extra.pk).update(aktif=False)

    assert names(selectors.kelompok_detail(unit, periode)) == ["Kepala Bagian", "Citra", "Dodi"]
    assert selectors.excluded_ids(periode) == {ani.pk, bayu.pk}
    assert selectors.excluded_ids(periode, [bayu.pk, citra.pk]) == {bayu.pk}


def test_a_finalised_group_keeps_its_frozen_members(units):
    periode, unit, _seksi, people = units
    kepala, ani, _bayu, _citra, _dodi = people
    org_rating(unit, periode)
    rate_all(people, periode, [SB, B, B, B, BP])
    services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode)
    named(unit, "Anak Baru", kepala)
    Pegawai.objects.filter(pk=ani.pk).update(aktif=False)

    group = selectors.kelompok_detail(unit, periode)

    assert names(group) == ["Ani", "Bayu", "Kepala Bagian", "Citra", "Dodi"]
    assert group.is_final
    assert group.unrated == []
    assert group.errors == [ALREADY_FINAL]
    assert group.hasil is not None
    assert dict(group.hasil.jumlah) == {SB: 1, B: 3, BP: 1, K: 0, SK: 0}


def test_group_detail_takes_a_fixed_number_of_queries():
    periode = open_period("TW1")
    small, small_head, few = team(2)
    large, large_head, many = team(12)
    for unit, members in ((small, few), (large, many)):
        org_rating(unit, periode)
        rate_all(members, periode, ([SB, B, B, BP] * 4)[: len(members)])

    assert queries(lambda: selectors.kelompok_detail(small, periode)) == queries(
        lambda: selectors.kelompok_detail(large, periode)
    )
    rate(small_head, periode, B)
    rate(large_head, periode, B)
    services.penetapan_finalise(aktor=SYSTEM, unit=small, periode=periode)
    services.penetapan_finalise(aktor=SYSTEM, unit=large, periode=periode)
    assert queries(lambda: selectors.kelompok_detail(small, periode)) == queries(
        lambda: selectors.kelompok_detail(large, periode)
    )


# --- The list of groups ----------------------------------------------------------------------


def rows(scope: Any, periode: Periode) -> list[tuple[Any, ...]]:
    return [
        (
            row.unit.nama,
            row.organisasi.predikat,
            row.anggota,
            row.dinilai,
            {p.value: n for p, n in row.jumlah.items() if n},
            row.sesuai,
            row.is_final,
        )
        for row in selectors.kurva_list(scope, periode)
    ]


@pytest.fixture
def groups(agency):
    """Bagian SDM: Siti rated, Budi not. Biro Lain: Joko rated and finalised. A team of eleven
    under the root outside the curve of Baik."""
    periode = open_period("TW1")
    org_rating(agency.bagian, periode)
    rate(agency.pegawai, periode, B)
    org_rating(agency.lain, periode, PredikatOrganisasi.ISTIMEWA)
    services.penilaian_save(
        aktor=SYSTEM,
        pegawai=agency.outsider,
        periode=periode,
        rating_hasil="DI_ATAS",
        rating_perilaku="DI_ATAS",
    )
    services.penetapan_finalise(aktor=SYSTEM, unit=agency.lain, periode=periode)
    unit, kepala, members = team(10, induk=agency.root)
    Unit.objects.filter(pk=unit.pk).update(nama="Pusat Data")
    org_rating(unit, periode)
    rate_all([*members, kepala], periode, [*BAIK_10_WITHOUT_LOW, SB])
    return periode


BAGIAN = ("Bagian SDM", "BAIK", 2, 1, {"BAIK": 1}, None, False)
LAIN = ("Biro Lain", "ISTIMEWA", 1, 1, {"SANGAT_BAIK": 1}, None, True)
PUSAT = ("Pusat Data", "BAIK", 11, 11, {"SANGAT_BAIK": 4, "BAIK": 7}, False, False)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("superuser", [BAGIAN, LAIN, PUSAT]),
        ("auditor", [BAGIAN, LAIN, PUSAT]),
        ("admin", [BAGIAN]),
        ("pimpinan", [BAGIAN]),
        ("penilai", [BAGIAN]),  # appraises Siti in Bagian SDM
        ("pegawai", []),
        ("outsider", []),
        ("anonim", []),
    ],
)
def test_kurva_list_numbers_per_role(agency, groups, role, expected):
    ordered = sorted(expected, key=lambda row: Unit.objects.get(nama=row[0]).jalur)
    assert rows(scope_for(agency.user(role)), groups) == ordered


def test_kurva_list_of_a_finalised_group_counts_its_frozen_members(agency, groups):
    joko = agency.outsider
    joko.unit = agency.bagian
    joko.save(update_fields=["unit"])
    Pegawai.objects.filter(pk=agency.penilai.pk).update(aktif=False)

    found = {row[0]: row for row in rows(scope_for(agency.auditor), groups)}

    assert found["Biro Lain"] == LAIN
    assert found["Bagian SDM"][2:4] == (1, 1)  # Siti only: Budi inactive, Joko's is final


def test_kurva_list_takes_a_fixed_number_of_queries(agency):
    periode = open_period("TW1")
    org_rating(agency.bagian, periode)
    rate(agency.pegawai, periode, B)
    scope = scope_for(agency.superuser)
    one = queries(lambda: selectors.kurva_list(scope, periode))
    for _index in range(3):
        unit, kepala, members = team(3, induk=agency.root)
        org_rating(unit, periode)
        rate_all([*members, kepala], periode, [SB, B, B, BP])
        services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode)
    unit, _kepala, members = team(2, induk=agency.root)
    org_rating(unit, periode)
    rate(members[0], periode, B)

    assert len(selectors.kurva_list(scope, periode)) == 5
    assert queries(lambda: selectors.kurva_list(scope, periode)) == one
    admin = scope_for(agency.admin)
    assert queries(lambda: selectors.kurva_list(admin, periode)) == one
    penilai = scope_for(agency.penilai.pengguna)
    assert queries(lambda: selectors.kurva_list(penilai, periode)) == one + 1  # appraised paths


# --- The appraiser's list --------------------------------------------------------------------


def test_appraisee_rows(agency):
    periode = open_period("TW1")
    budi = agency.penilai
    _laporan, _skp, budi_rhk = report_for(budi, periode)
    ani = pegawai_with_account(unit=agency.bagian, nama="Ani Lestari", penilai=budi)
    laporan, skp, _rhk = report_for(ani, periode, rhk_atasan=budi_rhk)
    rate(ani, periode, SB)
    gone = named(agency.bagian, "Agus Pindah", budi)
    Pegawai.objects.filter(pk=gone.pk).update(aktif=False)
    named(agency.lain, "Bukan Bawahan")

    found = selectors.appraisee_rows(budi.pk, periode)

    assert [
        (row.pegawai.nama, row.penilaian.predikat if row.penilaian else None, row.skp_id)
        for row in found
    ] == [("Ani Lestari", "SANGAT_BAIK", skp.pk), ("Siti Aminah", None, None)]
    assert [row.laporan_status for row in found] == [laporan.status, None]
    assert laporan.status == "DRAF"
    assert selectors.appraisee_rows(agency.pegawai.pk, periode) == []


def test_appraisee_rows_take_four_queries(agency, django_assert_num_queries):
    periode = open_period("TW1")
    with django_assert_num_queries(4):
        assert len(selectors.appraisee_rows(agency.penilai.pk, periode)) == 1
    for index in range(4):
        rate(named(agency.bagian, f"Staf {index}", agency.penilai), periode, B)
    with django_assert_num_queries(4):
        assert len(selectors.appraisee_rows(agency.penilai.pk, periode)) == 5


# --- The rating form -------------------------------------------------------------------------


def plan_of_two(pegawai: Pegawai) -> tuple[Skp, Rhk, Rhk]:
    """An approved plan: a main RHK (12 laporan) and an additional one (4 kegiatan)."""
    aktor = aktor_for(pegawai)
    skp = skp_services.skp_create(aktor=aktor, pegawai=pegawai, tahun=TAHUN)
    main = skp_services.rhk_create(aktor=aktor, skp=skp, uraian="Tersusunnya laporan kinerja")
    skp_services.indikator_create(
        aktor=aktor,
        rhk=main,
        aspek=Aspek.KUANTITAS.value,
        uraian="Jumlah laporan",
        target_nilai="12",
        target_satuan="laporan",
    )
    extra = skp_services.rhk_create(
        aktor=aktor, skp=skp, uraian="Terselenggaranya sosialisasi", jenis="TAMBAHAN"
    )
    skp_services.indikator_create(
        aktor=aktor,
        rhk=extra,
        aspek=Aspek.KUANTITAS.value,
        uraian="Jumlah sosialisasi",
        target_nilai="4",
        target_satuan="kegiatan",
    )
    skp_services.skp_submit(aktor=aktor, skp=skp)
    return skp_services.skp_approve(aktor=SYSTEM, skp=skp), main, extra


def report(
    pegawai: Pegawai,
    periode: Periode,
    skp: Skp,
    main: Rhk,
    extra: Rhk,
    values: tuple[str, str],
    hr: Any,
) -> Laporan:
    """The period's report: realisation, evidence (main accepted, extra rejected), feedback."""
    aktor = aktor_for(pegawai)
    laporan = realisasi_services.laporan_open(aktor=aktor, skp=skp, periode=periode)
    for rhk, value in zip((main, extra), values, strict=True):
        realisasi_services.realisasi_save(
            aktor=aktor, laporan=laporan, indikator=rhk.indikator.get(), nilai=value
        )
    accepted = upload(laporan, main)
    rejected = upload(laporan, extra, content=PNG_BYTES, name="foto.png")
    realisasi_services.laporan_submit(aktor=aktor, laporan=laporan)
    realisasi_services.bukti_verdict(aktor=hr, bukti=accepted, status="DITERIMA")
    realisasi_services.bukti_verdict(
        aktor=hr, bukti=rejected, status="DITOLAK", catatan="Bukan bukti kegiatan"
    )
    realisasi_services.umpan_balik_save(
        aktor=hr, laporan=laporan, nilai="AKUNTABEL", isi=f"Tepat waktu {periode.kode}"
    )
    return laporan


def rhk_rows(form: selectors.FormPenilaian) -> list[tuple[Any, ...]]:
    return [
        (
            item.rhk.kode,
            item.is_utama,
            [(i.aspek, i.uraian, i.target, i.realisasi, i.capaian) for i in item.indikator],
            item.verdicts,
            item.saran,
            item.rating,
        )
        for item in form.rhk
    ]


def behaviour(form: selectors.FormPenilaian) -> dict[str, tuple[list[str], Rating | None]]:
    return {v.kode: (v.umpan_balik, v.rating) for v in form.perilaku if v.umpan_balik or v.rating}


@pytest.fixture
def joko(agency):
    """Joko (no appraiser: HR verifies) with a plan of two RHKs and a report for TW1."""
    periode = open_period("TW1")
    skp, main, extra = plan_of_two(agency.outsider)
    report(agency.outsider, periode, skp, main, extra, ("15", "3"), aktor_of(agency.superuser))
    return agency.outsider, periode, skp, main, extra


MAIN_SARAN = Saran(ATAS, "capaian melampaui target (125,00%)")
EXTRA_SARAN = Saran(BAWAH, "semua bukti dukung yang dinilai ditolak")
TW1_ROWS = [
    (
        "RHK-01",
        True,
        [("KUANTITAS", "Jumlah laporan", "12 laporan", "15 laporan", Decimal("125.00"))],
        {"DITERIMA": 1},
        MAIN_SARAN,
        ATAS,
    ),
    (
        "RHK-02",
        False,
        [("KUANTITAS", "Jumlah sosialisasi", "4 kegiatan", "3 kegiatan", Decimal("75.00"))],
        {"DITOLAK": 1},
        EXTRA_SARAN,
        BAWAH,
    ),
]


def test_form_suggests_from_realisation_and_evidence(joko):
    pegawai, periode, skp, _main, _extra = joko

    form = selectors.form_data(pegawai, periode)

    assert (form.skp, form.penilaian, form.prefilled_from, form.catatan) == (skp, None, None, "")
    assert rhk_rows(form) == TW1_ROWS
    assert form.saran_hasil == Saran(SESUAI, "sebagian besar atau seluruhnya sesuai ekspektasi")
    assert form.saran_perilaku == Saran(None, "belum ada yang dapat dinilai")
    assert (form.rating_hasil, form.rating_perilaku) == (SESUAI, None)
    assert [v.kode for v in form.perilaku] == [
        "BERORIENTASI_PELAYANAN",
        "AKUNTABEL",
        "KOMPETEN",
        "HARMONIS",
        "LOYAL",
        "ADAPTIF",
        "KOLABORATIF",
    ]
    assert behaviour(form) == {"AKUNTABEL": (["Tepat waktu TW1"], None)}


def test_form_shows_the_saved_ratings(joko):
    pegawai, periode, _skp, _main, _extra = joko
    saved = services.penilaian_save(
        aktor=SYSTEM,
        pegawai=pegawai,
        periode=periode,
        rating_hasil="DI_BAWAH",
        rating_perilaku="SESUAI",
        rating_rhk={"RHK-01": "SESUAI"},
        rating_nilai={"LOYAL": "DI_ATAS"},
        catatan="Tingkatkan bukti",
    )

    form = selectors.form_data(pegawai, periode)

    assert form.penilaian == saved
    # Saved: no suggestion fills an RHK left unrated.
    assert [(row[0], row[4], row[5]) for row in rhk_rows(form)] == [
        ("RHK-01", MAIN_SARAN, SESUAI),
        ("RHK-02", EXTRA_SARAN, None),
    ]
    assert (form.rating_hasil, form.rating_perilaku, form.catatan) == (
        BAWAH,
        SESUAI,
        "Tingkatkan bukti",
    )
    assert behaviour(form) == {
        "AKUNTABEL": (["Tepat waktu TW1"], None),
        "LOYAL": ([], ATAS),
    }


def test_form_draft_replaces_the_saved_ratings(joko):
    pegawai, periode, _skp, _main, _extra = joko
    services.penilaian_save(
        aktor=SYSTEM,
        pegawai=pegawai,
        periode=periode,
        rating_hasil="DI_BAWAH",
        rating_perilaku="SESUAI",
        rating_rhk={"RHK-01": "SESUAI"},
    )

    form = selectors.form_data(
        pegawai,
        periode,
        draft={"rating_rhk": {"RHK-02": "DI_ATAS"}, "rating_nilai": {"LOYAL": "DI_ATAS"}},
    )

    assert [row[5] for row in rhk_rows(form)] == [None, ATAS]
    assert form.saran_hasil == Saran(
        ATAS,
        "1 dari 1 di atas ekspektasi (sebagian besar) dan tidak ada yang utama di bawah ekspektasi",
    )
    assert form.saran_perilaku == Saran(
        ATAS,
        "1 dari 1 nilai di atas ekspektasi (sebagian besar) dan tidak ada nilai di bawah "
        "ekspektasi",
    )
    assert (form.rating_hasil, form.rating_perilaku) == (BAWAH, SESUAI)


def test_annual_form_prefilled_from_the_latest_periodic_assessment(agency, joko):
    pegawai, tw1, skp, main, extra = joko
    tw2 = open_period("TW2")
    report(pegawai, tw2, skp, main, extra, ("9", "5"), aktor_of(agency.superuser))
    for periode, hasil, rhk in ((tw1, "DI_ATAS", "DI_ATAS"), (tw2, "DI_BAWAH", "DI_BAWAH")):
        services.penilaian_save(
            aktor=SYSTEM,
            pegawai=pegawai,
            periode=periode,
            rating_hasil=hasil,
            rating_perilaku="SESUAI",
            rating_rhk={"RHK-01": rhk},
            catatan=f"Catatan {periode.kode}",
        )
    tahunan = open_period("TAHUNAN")

    form = selectors.form_data(pegawai, tahunan)

    assert form.prefilled_from == tw2
    assert (form.penilaian, form.catatan) == (None, "")
    assert (form.rating_hasil, form.rating_perilaku) == (BAWAH, SESUAI)
    # Every report of the year: the latest realisation, the verdicts of both periods.
    assert rhk_rows(form) == [
        (
            "RHK-01",
            True,
            [("KUANTITAS", "Jumlah laporan", "12 laporan", "9 laporan", Decimal("75.00"))],
            {"DITERIMA": 2},
            Saran(BAWAH, "capaian di bawah target (75,00%)"),
            BAWAH,
        ),
        (
            "RHK-02",
            False,
            [("KUANTITAS", "Jumlah sosialisasi", "4 kegiatan", "5 kegiatan", Decimal("125.00"))],
            {"DITOLAK": 2},
            EXTRA_SARAN,
            None,
        ),
    ]
    assert behaviour(form) == {"AKUNTABEL": (["Tepat waktu TW1", "Tepat waktu TW2"], None)}

    # Once the annual assessment is saved, it is shown instead.
    services.penilaian_save(
        aktor=SYSTEM,
        pegawai=pegawai,
        periode=tahunan,
        rating_hasil="SESUAI",
        rating_perilaku="DI_ATAS",
    )
    form = selectors.form_data(pegawai, tahunan)
    assert (form.prefilled_from, form.rating_hasil, form.rating_perilaku) == (None, SESUAI, ATAS)


def test_form_without_a_plan(agency):
    periode = open_period("TW1")
    form = selectors.form_data(agency.pegawai, periode)
    assert (form.skp, form.rhk) == (None, [])
    assert form.saran_hasil == Saran(None, "belum ada yang dapat dinilai")
    assert (form.rating_hasil, form.rating_perilaku) == (None, None)


# --- Objections waiting ----------------------------------------------------------------------


def waiting(agency: Any, role: str) -> list[int]:
    return list(
        selectors.objections_waiting(scope_for(agency.user(role))).values_list(
            "penilaian__pegawai_id", flat=True
        )
    )


ROLES = ("pegawai", "penilai", "outsider", "admin", "pimpinan", "auditor", "superuser", "anonim")


def test_objections_waiting_per_role(agency):
    """Siti's appraiser Budi explains; Budi has no appraiser, so HR of the unit (and the
    superuser, who manages every unit) decides Siti's objection and both explains and decides
    Budi's own."""
    periode = open_period("TW1")
    org_rating(agency.bagian, periode)
    rate(agency.pegawai, periode, B)
    rate(agency.penilai, periode, SB, aktor=aktor_of(agency.admin))
    services.penetapan_finalise(aktor=SYSTEM, unit=agency.bagian, periode=periode)
    siti, budi = agency.pegawai, agency.penilai

    keberatan = services.keberatan_file(
        aktor=aktor_for(siti), penilaian=Penilaian.objects.get(pegawai=siti), alasan="Tidak adil"
    )
    services.keberatan_file(
        aktor=aktor_for(budi), penilaian=Penilaian.objects.get(pegawai=budi), alasan="Kurang"
    )
    assert {role: waiting(agency, role) for role in ROLES} == {
        "pegawai": [],
        "penilai": [siti.pk],
        "outsider": [],
        "admin": [budi.pk],
        "pimpinan": [],
        "auditor": [],
        "superuser": [budi.pk],
        "anonim": [],
    }

    services.keberatan_explain(aktor=aktor_for(budi), keberatan=keberatan, penjelasan="Sesuai")
    assert {role: waiting(agency, role) for role in ROLES} == {
        "pegawai": [],
        "penilai": [],
        "outsider": [],
        "admin": [siti.pk, budi.pk],
        "pimpinan": [],
        "auditor": [],
        "superuser": [siti.pk, budi.pk],
        "anonim": [],
    }

    services.keberatan_decide(
        aktor=aktor_of(agency.admin), keberatan=keberatan, diterima=False, keputusan="Tetap"
    )
    assert waiting(agency, "admin") == [budi.pk]
