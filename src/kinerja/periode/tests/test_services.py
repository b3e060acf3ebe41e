"""Writing performance years and periods: the rows written with their exact dates, the refusals
(nothing changes), the state history and the audit entries."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.periode import services
from kinerja.periode.enums import StatusPeriode
from kinerja.periode.models import Periode, RiwayatStatusPeriode, TahunKinerja
from kinerja.skp.tests.helpers import skp_state

pytestmark = pytest.mark.django_db
D = datetime.date
SYSTEM = Aktor.system("tes")
REASON_REQUIRED = "Alasan wajib diisi untuk tindakan ini."
LOCKED = "Periode yang dikunci tidak dapat diubah; buka kuncinya dahulu."
PERIOD_COLUMNS = (
    "kode",
    "urutan",
    "mulai",
    "selesai",
    "batas_realisasi",
    "batas_verifikasi",
    "batas_penilaian",
    "status",
)


@pytest.fixture
def admin(agency) -> Aktor:
    return Aktor.of_user(agency.superuser, "10.0.0.7")


def periods(year: TahunKinerja) -> list[tuple]:
    return list(Periode.objects.filter(tahun=year).order_by("urutan").values_list(*PERIOD_COLUMNS))


def entries(aksi: str | None = None) -> list[Entri]:
    found = Entri.objects.order_by("urutan")
    return list(found.filter(aksi=aksi) if aksi else found)


def period_of(year: TahunKinerja, kode: str) -> Periode:
    return Periode.objects.get(tahun=year, kode=kode)


def refused(call, expected) -> None:
    """The call raises exactly these errors and changes nothing."""
    before = skp_state()
    with pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    assert (error.message_dict if hasattr(error, "error_dict") else error.messages) == expected
    assert skp_state() == before


def moved(periode: Periode, aksi: str, alasan: str = "", aktor: Aktor = SYSTEM) -> Periode:
    return services.periode_transition(aktor=aktor, periode=periode, aksi=aksi, alasan=alasan)


# --- Opening a year --------------------------------------------------------------------------


def test_open_a_quarterly_year_with_the_default_deadlines(agency, admin):
    year = services.tahun_open(aktor=admin, tahun=2027)

    stored = TahunKinerja.objects.get()
    assert stored == year
    assert (
        stored.tahun,
        stored.jenis_periode,
        stored.batas_pengajuan_skp,
        stored.batas_persetujuan_skp,
        stored.aspek_biaya,
        stored.dibuat_oleh,
    ) == (2027, "TRIWULAN", D(2027, 1, 31), D(2027, 2, 14), False, agency.superuser)
    rows = periods(year)
    assert [row[:4] for row in rows] == [
        ("TW1", 1, D(2027, 1, 1), D(2027, 3, 31)),
        ("TW2", 2, D(2027, 4, 1), D(2027, 6, 30)),
        ("TW3", 3, D(2027, 7, 1), D(2027, 9, 30)),
        ("TW4", 4, D(2027, 10, 1), D(2027, 12, 31)),
        ("TAHUNAN", 5, D(2027, 1, 1), D(2027, 12, 31)),
    ]
    assert [row[4:] for row in rows] == [
        (D(2027, 4, 5), D(2027, 4, 10), D(2027, 4, 15), "DRAF"),
        (D(2027, 7, 5), D(2027, 7, 10), D(2027, 7, 15), "DRAF"),
        (D(2027, 10, 5), D(2027, 10, 10), D(2027, 10, 15), "DRAF"),
        (D(2028, 1, 5), D(2028, 1, 10), D(2028, 1, 15), "DRAF"),
        (D(2028, 1, 5), D(2028, 1, 10), D(2028, 1, 15), "DRAF"),
    ]
    assert RiwayatStatusPeriode.objects.count() == 0
    [entry] = entries()
    assert (
        entry.aksi,
        entry.objek_tipe,
        entry.objek_id,
        entry.objek_label,
        entry.aktor_id,
        entry.aktor_label,
        entry.alamat_ip,
        entry.sebelum,
        entry.sesudah,
    ) == (
        "tahunkinerja.open",
        "periode.tahunkinerja",
        str(year.pk),
        "2027",
        agency.superuser.pk,
        f"Super Admin ({agency.superuser.nip})",
        "10.0.0.7",
        None,
        {
            "tahun": 2027,
            "jenis_periode": "TRIWULAN",
            "batas_pengajuan_skp": "2027-01-31",
            "batas_persetujuan_skp": "2027-02-14",
            "aspek_biaya": False,
        },
    )


def test_open_a_monthly_year_in_a_leap_year_with_its_own_settings(agency, admin):
    year = services.tahun_open(
        aktor=admin,
        tahun=2028,
        jenis_periode="Bulanan",  # the label is accepted as well as the code
        batas_pengajuan_skp=D(2028, 2, 15),
        batas_persetujuan_skp=D(2028, 3, 1),
        aspek_biaya=True,
    )

    assert (
        year.jenis_periode,
        year.batas_pengajuan_skp,
        year.batas_persetujuan_skp,
        year.aspek_biaya,
    ) == ("BULANAN", D(2028, 2, 15), D(2028, 3, 1), True)
    rows = periods(year)
    assert [row[0] for row in rows] == [f"B{m:02d}" for m in range(1, 13)] + ["TAHUNAN"]
    assert rows[1] == (
        "B02",
        2,
        D(2028, 2, 1),
        D(2028, 2, 29),
        D(2028, 3, 5),
        D(2028, 3, 10),
        D(2028, 3, 15),
        "DRAF",
    )
    assert rows[12] == (
        "TAHUNAN",
        13,
        D(2028, 1, 1),
        D(2028, 12, 31),
        D(2029, 1, 5),
        D(2029, 1, 10),
        D(2029, 1, 15),
        "DRAF",
    )
    [entry] = entries("tahunkinerja.open")
    assert entry.sesudah == {
        "tahun": 2028,
        "jenis_periode": "BULANAN",
        "batas_pengajuan_skp": "2028-02-15",
        "batas_persetujuan_skp": "2028-03-01",
        "aspek_biaya": True,
    }


def test_the_approval_deadline_defaults_to_two_weeks_after_submission(agency, admin):
    year = services.tahun_open(aktor=admin, tahun=2027, batas_pengajuan_skp=D(2027, 2, 20))
    assert (year.batas_pengajuan_skp, year.batas_persetujuan_skp) == (
        D(2027, 2, 20),
        D(2027, 3, 6),
    )


def test_a_year_cannot_be_opened_twice(agency, admin):
    services.tahun_open(aktor=admin, tahun=2027)
    refused(
        lambda: services.tahun_open(aktor=admin, tahun=2027, jenis_periode="BULANAN"),
        {"tahun": ["Tahun kinerja 2027 sudah dibuka."]},
    )
    assert TahunKinerja.objects.count() == 1
    assert Periode.objects.count() == 5


@pytest.mark.parametrize("tahun", [-5, 0, 1999, 2101, 99999])
def test_a_year_out_of_range_is_refused(agency, admin, tahun):
    refused(
        lambda: services.tahun_open(aktor=admin, tahun=tahun),
        {"tahun": ["Tahun harus antara 2000 dan 2100."]},
    )


def test_an_unknown_division_is_refused(agency, admin):
    refused(
        lambda: services.tahun_open(aktor=admin, tahun=2027, jenis_periode="SEMESTER"),
        {"jenis_periode": ["Jenis periode tidak dikenal."]},
    )


def test_the_approval_deadline_cannot_precede_submission(agency, admin):
    refused(
        lambda: services.tahun_open(
            aktor=admin,
            tahun=2027,
            batas_pengajuan_skp=D(2027, 1, 31),
            batas_persetujuan_skp=D(2027, 1, 30),
        ),
        {"batas_persetujuan_skp": ["Batas persetujuan SKP tidak boleh sebelum batas pengajuan."]},
    )


def test_tahun_ensure_opens_a_missing_year_once(agency):
    first = services.tahun_ensure(aktor=SYSTEM, tahun=2019)
    second = services.tahun_ensure(aktor=SYSTEM, tahun=2019)

    assert first == second
    assert (first.tahun, first.jenis_periode, first.dibuat_oleh_id) == (2019, "TRIWULAN", None)
    assert [row[0] for row in periods(first)] == ["TW1", "TW2", "TW3", "TW4", "TAHUNAN"]
    assert TahunKinerja.objects.count() == 1
    assert Periode.objects.count() == 5
    assert [(e.aksi, e.aktor_label) for e in entries()] == [("tahunkinerja.open", "tes")]


def test_tahun_ensure_keeps_an_opened_year_as_it_is(agency, admin):
    opened = services.tahun_open(aktor=admin, tahun=2027, jenis_periode="BULANAN")
    before = skp_state()

    assert services.tahun_ensure(aktor=SYSTEM, tahun=2027) == opened
    assert skp_state() == before


# --- A year's settings -----------------------------------------------------------------------


def test_update_a_years_settings(agency, admin):
    year = services.tahun_open(aktor=SYSTEM, tahun=2027)

    changed = services.tahun_update(
        aktor=admin,
        tahun=year,
        batas_pengajuan_skp=D(2027, 1, 31),
        batas_persetujuan_skp=D(2027, 3, 15),
        aspek_biaya=True,
    )

    stored = TahunKinerja.objects.get(pk=year.pk)
    assert (stored.batas_pengajuan_skp, stored.batas_persetujuan_skp, stored.aspek_biaya) == (
        D(2027, 1, 31),
        D(2027, 3, 15),
        True,
    )
    assert changed == stored
    [entry] = entries("tahunkinerja.update")
    assert (entry.objek_id, entry.aktor_id, entry.sebelum, entry.sesudah) == (
        str(year.pk),
        agency.superuser.pk,
        {"batas_persetujuan_skp": "2027-02-14", "aspek_biaya": False},
        {"batas_persetujuan_skp": "2027-03-15", "aspek_biaya": True},
    )


def test_an_update_that_changes_nothing_writes_no_audit_entry(agency, admin):
    year = services.tahun_open(aktor=SYSTEM, tahun=2027)
    before = skp_state()

    services.tahun_update(
        aktor=admin,
        tahun=year,
        batas_pengajuan_skp=D(2027, 1, 31),
        batas_persetujuan_skp=D(2027, 2, 14),
        aspek_biaya=False,
    )

    assert skp_state() == before


def test_an_invalid_update_is_refused(agency, admin):
    year = services.tahun_open(aktor=SYSTEM, tahun=2027)
    refused(
        lambda: services.tahun_update(
            aktor=admin,
            tahun=year,
            batas_pengajuan_skp=D(2027, 3, 1),
            batas_persetujuan_skp=D(2027, 2, 1),
            aspek_biaya=True,
        ),
        {"batas_persetujuan_skp": ["Batas persetujuan SKP tidak boleh sebelum batas pengajuan."]},
    )


# --- A period's deadlines --------------------------------------------------------------------


def test_update_a_periods_deadlines(agency, admin):
    year = services.tahun_open(aktor=SYSTEM, tahun=2027)
    tw1 = period_of(year, "TW1")

    changed = services.periode_update(
        aktor=admin,
        periode=tw1,
        batas_realisasi=D(2027, 4, 5),
        batas_verifikasi=D(2027, 4, 20),
        batas_penilaian=D(2027, 4, 30),
    )

    assert periods(year)[0] == (
        "TW1",
        1,
        D(2027, 1, 1),
        D(2027, 3, 31),
        D(2027, 4, 5),
        D(2027, 4, 20),
        D(2027, 4, 30),
        "DRAF",
    )
    assert changed.batas_penilaian == D(2027, 4, 30)
    [entry] = entries("periode.update")
    assert (entry.objek_tipe, entry.objek_id, entry.objek_label) == (
        "periode.periode",
        str(tw1.pk),
        "Triwulan I 2027",
    )
    assert (entry.sebelum, entry.sesudah) == (
        {"batas_verifikasi": "2027-04-10", "batas_penilaian": "2027-04-15"},
        {"batas_verifikasi": "2027-04-20", "batas_penilaian": "2027-04-30"},
    )


def test_deadlines_in_the_wrong_order_are_refused(agency, admin):
    year = services.tahun_open(aktor=SYSTEM, tahun=2027)
    refused(
        lambda: services.periode_update(
            aktor=admin,
            periode=period_of(year, "TW2"),
            batas_realisasi=D(2027, 3, 31),
            batas_verifikasi=D(2027, 7, 10),
            batas_penilaian=D(2027, 7, 9),
        ),
        {
            "batas_realisasi": ["Batas realisasi tidak boleh sebelum periode dimulai."],
            "batas_penilaian": ["Batas penilaian tidak boleh sebelum batas verifikasi."],
        },
    )


def test_same_deadlines_write_no_audit_entry(agency, admin):
    year = services.tahun_open(aktor=SYSTEM, tahun=2027)
    tw1 = period_of(year, "TW1")
    before = skp_state()
    services.periode_update(
        aktor=admin,
        periode=tw1,
        batas_realisasi=tw1.batas_realisasi,
        batas_verifikasi=tw1.batas_verifikasi,
        batas_penilaian=tw1.batas_penilaian,
    )
    assert skp_state() == before


def test_a_locked_period_cannot_change_its_deadlines(agency, admin):
    year = services.tahun_open(aktor=SYSTEM, tahun=2027)
    tw1 = period_of(year, "TW1")
    for aksi in ("open", "close", "lock"):
        tw1 = moved(tw1, aksi, "Uji")
    refused(
        lambda: services.periode_update(
            aktor=admin,
            periode=tw1,
            batas_realisasi=D(2027, 4, 6),
            batas_verifikasi=D(2027, 4, 11),
            batas_penilaian=D(2027, 4, 16),
        ),
        [LOCKED],
    )
    # Unlocked (closed), it may change again.
    tw1 = moved(tw1, "unlock", "Koreksi batas")
    services.periode_update(
        aktor=admin,
        periode=tw1,
        batas_realisasi=D(2027, 4, 6),
        batas_verifikasi=D(2027, 4, 11),
        batas_penilaian=D(2027, 4, 16),
    )
    assert periods(year)[0][4:] == (D(2027, 4, 6), D(2027, 4, 11), D(2027, 4, 16), "DITUTUP")


def test_a_stale_instance_of_a_locked_period_cannot_change_its_deadlines(agency, admin):
    year = services.tahun_open(aktor=SYSTEM, tahun=2027)
    stale = period_of(year, "TW1")
    current = stale
    for aksi in ("open", "close", "lock"):
        current = moved(current, aksi, "Uji")
    assert stale.status == "DRAF"
    refused(
        lambda: services.periode_update(
            aktor=admin,
            periode=stale,
            batas_realisasi=D(2027, 4, 6),
            batas_verifikasi=D(2027, 4, 11),
            batas_penilaian=D(2027, 4, 16),
        ),
        [LOCKED],
    )


# --- Transitions -----------------------------------------------------------------------------


def test_open_a_period_without_a_reason(agency, admin):
    year = services.tahun_open(aktor=SYSTEM, tahun=2027)
    tw1 = period_of(year, "TW1")

    opened = moved(tw1, "open", aktor=admin)

    assert opened.status == "DIBUKA"
    assert Periode.objects.get(pk=tw1.pk).status == "DIBUKA"
    [row] = RiwayatStatusPeriode.objects.all()
    assert (row.periode_id, row.aksi, row.dari, row.ke, row.alasan, row.oleh_id) == (
        tw1.pk,
        "open",
        "DRAF",
        "DIBUKA",
        "",
        agency.superuser.pk,
    )
    assert row.oleh_label == f"Super Admin ({agency.superuser.nip})"
    [entry] = entries("periode.open")
    assert (
        entry.objek_tipe,
        entry.objek_id,
        entry.objek_label,
        entry.sebelum,
        entry.sesudah,
        entry.keterangan,
        entry.alamat_ip,
    ) == (
        "periode.periode",
        str(tw1.pk),
        "Triwulan I 2027",
        {"status": "DRAF"},
        {"status": "DIBUKA"},
        "",
        "10.0.0.7",
    )
    # The other periods stay in draft.
    assert [row[-1] for row in periods(year)] == ["DIBUKA", "DRAF", "DRAF", "DRAF", "DRAF"]


@pytest.mark.parametrize(
    ("path", "aksi"),
    [
        (["open"], "close"),
        (["open", "close"], "reopen"),
        (["open", "close"], "lock"),
        (["open", "close", "lock"], "unlock"),
    ],
)
@pytest.mark.parametrize("alasan", ["", "   "])
def test_a_transition_needing_a_reason_is_refused_without_one(agency, path, aksi, alasan):
    year = services.tahun_open(aktor=SYSTEM, tahun=2027)
    periode = period_of(year, "TW1")
    for step in path:
        periode = moved(periode, step, "Langkah sebelumnya")
    refused(lambda: moved(periode, aksi, alasan), [REASON_REQUIRED])


def test_a_refused_transition_names_the_status(agency):
    year = services.tahun_open(aktor=SYSTEM, tahun=2027)
    periode = period_of(year, "TW3")
    refused(
        lambda: moved(periode, "lock", "Terlalu cepat"),
        ["Periode berstatus draf tidak dapat dikunci."],
    )
    refused(lambda: moved(periode, "tutup", "Uji"), ["Tindakan tidak dikenal."])
    periode = moved(periode, "open")
    refused(lambda: moved(periode, "open"), ["Periode berstatus dibuka tidak dapat dibuka."])


def test_the_whole_life_of_a_period_is_kept_in_its_history(agency, admin):
    year = services.tahun_open(aktor=SYSTEM, tahun=2027)
    tw2 = period_of(year, "TW2")
    steps = [
        ("open", ""),
        ("close", "  Masa realisasi selesai  "),
        ("reopen", "Realisasi unit lain tertinggal"),
        ("close", "Realisasi lengkap"),
        ("lock", "Penilaian ditetapkan"),
        ("unlock", "Koreksi predikat"),
        ("lock", "Koreksi selesai"),
    ]
    for aksi, alasan in steps:
        tw2 = moved(tw2, aksi, alasan, aktor=admin)

    assert Periode.objects.get(pk=tw2.pk).status == "DIKUNCI"
    history = RiwayatStatusPeriode.objects.filter(periode=tw2).order_by("pk")
    assert list(history.values_list("aksi", "dari", "ke", "alasan")) == [
        ("open", "DRAF", "DIBUKA", ""),
        ("close", "DIBUKA", "DITUTUP", "Masa realisasi selesai"),
        ("reopen", "DITUTUP", "DIBUKA", "Realisasi unit lain tertinggal"),
        ("close", "DIBUKA", "DITUTUP", "Realisasi lengkap"),
        ("lock", "DITUTUP", "DIKUNCI", "Penilaian ditetapkan"),
        ("unlock", "DIKUNCI", "DITUTUP", "Koreksi predikat"),
        ("lock", "DITUTUP", "DIKUNCI", "Koreksi selesai"),
    ]
    transitions = [e for e in entries() if e.aksi != "tahunkinerja.open"]
    assert [(e.aksi, e.sebelum, e.sesudah, e.keterangan) for e in transitions] == [
        ("periode.open", {"status": "DRAF"}, {"status": "DIBUKA"}, ""),
        ("periode.close", {"status": "DIBUKA"}, {"status": "DITUTUP"}, "Masa realisasi selesai"),
        (
            "periode.reopen",
            {"status": "DITUTUP"},
            {"status": "DIBUKA"},
            "Realisasi unit lain tertinggal",
        ),
        ("periode.close", {"status": "DIBUKA"}, {"status": "DITUTUP"}, "Realisasi lengkap"),
        ("periode.lock", {"status": "DITUTUP"}, {"status": "DIKUNCI"}, "Penilaian ditetapkan"),
        ("periode.unlock", {"status": "DIKUNCI"}, {"status": "DITUTUP"}, "Koreksi predikat"),
        ("periode.lock", {"status": "DITUTUP"}, {"status": "DIKUNCI"}, "Koreksi selesai"),
    ]
    assert {e.objek_id for e in transitions} == {str(tw2.pk)}


def test_a_stale_instance_cannot_take_the_same_transition_twice(agency, admin):
    year = services.tahun_open(aktor=SYSTEM, tahun=2027)
    stale = period_of(year, "TW1")
    moved(stale, "open", aktor=admin)
    assert stale.status == "DRAF"

    refused(
        lambda: moved(stale, "open", aktor=admin),
        ["Periode berstatus dibuka tidak dapat dibuka."],
    )
    assert RiwayatStatusPeriode.objects.count() == 1
    assert StatusPeriode(Periode.objects.get(pk=stale.pk).status) == StatusPeriode.DIBUKA
