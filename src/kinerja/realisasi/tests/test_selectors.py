"""Reading period reports: an employee's periods, one report with everything its page shows, the
integrity signals, the appraiser's inbox, HR monitoring per unit and who is late. Lists run a
fixed number of queries whatever their size."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.tests.factories import UnitFactory, pegawai_with_account
from kinerja.organisasi.tests.helpers import aktor_of
from kinerja.periode.models import Periode
from kinerja.periode.services import periode_update
from kinerja.realisasi import access, selectors, services
from kinerja.realisasi.enums import JenisSinyal
from kinerja.realisasi.models import BuktiDukung, Laporan
from kinerja.realisasi.tests.factories import (
    FAR,
    PDF_BYTES,
    PNG_BYTES,
    docx_bytes,
    link,
    open_period,
    report_for,
    upload,
)
from kinerja.skp import services as skp_services
from kinerja.skp.enums import Aspek
from kinerja.skp.models import Rhk, Skp
from kinerja.skp.tests.factories import SYSTEM, aktor_for, approved_plan, plan_with_rhk

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def at(*parts: int) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=UTC)


def submit(laporan: Laporan) -> Laporan:
    return services.laporan_submit(aktor=aktor_for(laporan.skp.pegawai), laporan=laporan)


def verdict(bukti: BuktiDukung, status: str, catatan: str = "") -> BuktiDukung:
    appraiser = Pegawai.objects.get(pk=bukti.laporan.skp.pegawai.penilai_id)
    return services.bukti_verdict(
        aktor=aktor_for(appraiser), bukti=bukti, status=status, catatan=catatan
    )


def fresh(laporan: Laporan) -> Laporan:
    return Laporan.objects.select_related("skp", "skp__pegawai", "periode", "periode__tahun").get(
        pk=laporan.pk
    )


# --- The employee's periods ------------------------------------------------------------------


def test_own_periods_list_the_quarters_of_the_plans_year_with_their_reports(agency):
    periode = open_period()
    open_period("TW4", tahun=2027)
    laporan, skp, _rhk = report_for(agency.outsider, periode)
    report_for(agency.penilai, periode)  # someone else's report of the same period
    rows = selectors.own_periods(skp)
    assert [(row.periode.kode, row.periode.tahun.tahun, row.laporan) for row in rows] == [
        ("TW1", 2026, None),
        ("TW2", 2026, None),
        ("TW3", 2026, None),
        ("TW4", 2026, laporan),
    ]
    assert selectors.laporan_find(skp, periode) == laporan
    assert selectors.laporan_find(skp, Periode.objects.get(tahun__tahun=2026, kode="TW1")) is None


# --- One report ------------------------------------------------------------------------------


def plan_of_two(pegawai: Pegawai, **first: Any) -> tuple[Skp, Rhk, Rhk]:
    """An approved plan: RHK-01 (main, two indicators) and RHK-02 (additional, one)."""
    aktor = aktor_for(pegawai)
    skp, main = plan_with_rhk(pegawai, **first)
    skp_services.indikator_create(
        aktor=aktor,
        rhk=main,
        aspek=Aspek.WAKTU.value,
        uraian="Ketepatan waktu penyampaian",
        target_nilai="12",
        target_satuan="bulan",
    )
    extra = skp_services.rhk_create(
        aktor=aktor,
        skp=skp,
        uraian="Terselenggaranya sosialisasi",
        jenis="TAMBAHAN",
        rhk_atasan_id=first["rhk_atasan"].pk if first.get("rhk_atasan") else None,
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


def test_the_report_page_holds_every_rhk_its_realisation_evidence_feedback_and_history(agency):
    periode = open_period()
    skp, main, extra = plan_of_two(agency.outsider)
    aktor = aktor_for(agency.outsider)
    laporan = services.laporan_open(aktor=aktor, skp=skp, periode=periode)
    first, second = main.indikator.order_by("urutan")
    services.realisasi_save(aktor=aktor, laporan=laporan, indikator=first, nilai="10")
    pdf = upload(laporan, main)
    url = link(laporan, main)
    png = upload(laporan, extra, content=PNG_BYTES, name="foto.png")
    submit(laporan)
    superuser = scope_for(agency.superuser)
    reviewer = aktor_of(agency.superuser)  # Joko has no appraiser: HR verifies
    services.bukti_verdict(aktor=reviewer, bukti=pdf, status="DITERIMA")
    services.umpan_balik_save(aktor=reviewer, laporan=laporan, rhk=extra, isi="Perbanyak peserta.")
    services.umpan_balik_save(aktor=reviewer, laporan=laporan, nilai="LOYAL", isi="Teladan.")

    detail = selectors.laporan_detail(access.laporan_get_for_read(superuser, laporan.pk))

    assert detail.laporan.pk == laporan.pk
    assert [
        (
            shown.rhk.kode,
            [
                (indikator.uraian, real.nilai if real else None)
                for indikator, real in shown.indikator
            ],
            [
                (item.bukti.pk, [(step.aksi, step.status) for step in item.riwayat], item.sinyal)
                for item in shown.bukti
            ],
            shown.umpan_balik.isi if shown.umpan_balik else None,
        )
        for shown in detail.rhk
    ] == [
        (
            "RHK-01",
            [
                ("Jumlah laporan yang tersusun", Decimal("10.0000")),
                ("Ketepatan waktu penyampaian", None),
            ],
            [
                (pdf.pk, [("UNGGAH", "MENUNGGU"), ("VERIFIKASI", "DITERIMA")], []),
                (url.pk, [("TAUTAN", "MENUNGGU")], []),
            ],
            None,
        ),
        (
            "RHK-02",
            [("Jumlah sosialisasi", None)],
            [(png.pk, [("UNGGAH", "MENUNGGU")], [])],
            "Perbanyak peserta.",
        ),
    ]
    assert second.uraian == "Ketepatan waktu penyampaian"
    assert [
        (value["kode"], value["umpan_balik"].isi if value["umpan_balik"] else None)
        for value in detail.perilaku
    ] == [
        ("BERORIENTASI_PELAYANAN", None),
        ("AKUNTABEL", None),
        ("KOMPETEN", None),
        ("HARMONIS", None),
        ("LOYAL", "Teladan."),
        ("ADAPTIF", None),
        ("KOLABORATIF", None),
    ]
    assert all(len(value["panduan"]) == 3 for value in detail.perilaku)
    assert [(step.putaran, step.aksi, step.status) for step in detail.riwayat] == [
        (1, "AJUKAN", "DIAJUKAN")
    ]
    assert detail.jumlah == {"MENUNGGU": 2, "DITERIMA": 1, "PERLU_PERBAIKAN": 0, "DITOLAK": 0}


def test_an_empty_report_shows_its_rhks_without_evidence(agency):
    periode = open_period()
    laporan, _skp, rhk = report_for(agency.outsider, periode)
    detail = selectors.laporan_detail(fresh(laporan))
    assert [(shown.rhk.pk, shown.bukti, shown.umpan_balik) for shown in detail.rhk] == [
        (rhk.pk, [], None)
    ]
    assert detail.riwayat == []
    assert detail.jumlah == {"MENUNGGU": 0, "DITERIMA": 0, "PERLU_PERBAIKAN": 0, "DITOLAK": 0}


def test_the_report_page_runs_a_fixed_number_of_queries(agency, django_assert_num_queries):
    periode = open_period()
    skp, main, extra = plan_of_two(agency.outsider)
    aktor = aktor_for(agency.outsider)
    laporan = services.laporan_open(aktor=aktor, skp=skp, periode=periode)
    upload(laporan, main)
    link(laporan, extra)
    scope = scope_for(agency.superuser)

    fetched = access.laporan_get_for_read(scope, laporan.pk)
    # RHK, indicators, realisation, items, their history, same hashes, same links, feedback,
    # the report's history (the report itself is fetched before).
    with django_assert_num_queries(9):
        small = selectors.laporan_detail(fetched)

    for number in range(6):
        upload(laporan, main, content=PDF_BYTES + bytes([number]), name=f"l{number}.pdf")
        link(laporan, extra, f"https://drive.example.go.id/berkas/{number}")
    for indikator in main.indikator.all():
        services.realisasi_save(aktor=aktor, laporan=laporan, indikator=indikator, nilai="3")
    services.umpan_balik_save(aktor=aktor, laporan=laporan, rhk=main, isi="Bagus")
    submit(laporan)

    fetched = access.laporan_get_for_read(scope, laporan.pk)
    with django_assert_num_queries(9):
        large = selectors.laporan_detail(fetched)
    assert sum(len(shown.bukti) for shown in small.rhk) == 2
    assert sum(len(shown.bukti) for shown in large.rhk) == 14


# --- Integrity signals -----------------------------------------------------------------------


@dataclass
class Setting:
    periode: Periode
    siti: Laporan
    rhk: Rhk
    rhk_2: Rhk
    joko: Laporan
    joko_rhk: Rhk


@pytest.fixture
def setting(agency) -> Setting:
    """TW4 open; Siti with two RHKs (supporting Budi's), Joko with one."""
    periode = open_period()
    _budi, _skp, budi_rhk = report_for(agency.penilai, periode)
    skp, rhk, rhk_2 = plan_of_two(agency.pegawai, rhk_atasan=budi_rhk)
    siti = services.laporan_open(aktor=aktor_for(agency.pegawai), skp=skp, periode=periode)
    joko, _skp, joko_rhk = report_for(agency.outsider, periode)
    return Setting(periode, siti, rhk, rhk_2, joko, joko_rhk)


def signals_of(laporan: Laporan) -> dict[int, list[tuple[JenisSinyal, str]]]:
    items = list(BuktiDukung.objects.filter(laporan=laporan).order_by("pk"))
    found = selectors.signals_for(items, fresh(laporan))
    return {
        pk: [(signal.jenis, signal.pesan) for signal in signals] for pk, signals in found.items()
    }


BY_ONE_OTHER = (
    JenisSinyal.BERKAS_PEGAWAI_LAIN,
    "Berkas yang sama juga diajukan oleh 1 pegawai lain.",
)
OTHER_RHK = (JenisSinyal.BERKAS_RHK_LAIN, "Berkas yang sama dipakai untuk RHK lain.")
OTHER_PERIOD = (
    JenisSinyal.BERKAS_PERIODE_LAIN,
    "Berkas yang sama sudah dipakai pada periode lain.",
)


def test_an_ordinary_item_has_no_signal(setting):
    mine = upload(setting.siti, setting.rhk)
    upload(setting.joko, setting.joko_rhk, content=docx_bytes(), name="lain.docx")
    assert signals_of(setting.siti) == {mine.pk: []}


def test_the_same_file_submitted_by_another_employee(agency, setting):
    mine = upload(setting.siti, setting.rhk)
    theirs = upload(setting.joko, setting.joko_rhk, name="salinan.pdf")
    assert signals_of(setting.siti) == {mine.pk: [BY_ONE_OTHER]}
    assert signals_of(setting.joko) == {theirs.pk: [BY_ONE_OTHER]}
    _laporan, _skp, budi_rhk = report_for(agency.penilai, setting.periode)
    upload(Laporan.objects.get(skp__pegawai=agency.penilai), budi_rhk)
    assert signals_of(setting.siti) == {
        mine.pk: [
            (
                JenisSinyal.BERKAS_PEGAWAI_LAIN,
                "Berkas yang sama juga diajukan oleh 2 pegawai lain.",
            )
        ]
    }


def test_the_same_file_for_another_rhk_of_the_period(setting):
    first = upload(setting.siti, setting.rhk)
    second = upload(setting.siti, setting.rhk_2, name="sama.pdf")
    other = upload(setting.siti, setting.rhk, content=docx_bytes(), name="lain.docx")
    assert signals_of(setting.siti) == {
        first.pk: [OTHER_RHK],
        second.pk: [OTHER_RHK],
        other.pk: [],
    }


def test_the_same_file_twice_for_one_rhk_is_no_signal(setting):
    first = upload(setting.siti, setting.rhk)
    second = upload(setting.siti, setting.rhk, name="lagi.pdf")
    assert signals_of(setting.siti) == {first.pk: [], second.pk: []}


def test_the_same_file_in_another_period(agency, setting):
    tw3 = open_period("TW3")
    earlier = services.laporan_open(
        aktor=aktor_for(agency.pegawai), skp=setting.siti.skp, periode=tw3
    )
    old = upload(earlier, setting.rhk)
    new = upload(setting.siti, setting.rhk_2)
    assert signals_of(setting.siti) == {new.pk: [OTHER_PERIOD]}
    assert signals_of(earlier) == {old.pk: [OTHER_PERIOD]}


def test_a_link_used_by_another_employee(setting):
    mine = link(setting.siti, setting.rhk, "https://drive.example.go.id/berkas/1")
    other = link(setting.siti, setting.rhk_2, "https://drive.example.go.id/berkas/2")
    link(setting.joko, setting.joko_rhk, "HTTPS://Drive.Example.GO.ID/berkas/1/#hal-3")
    assert signals_of(setting.siti) == {
        mine.pk: [
            (JenisSinyal.TAUTAN_BERSAMA, "Tautan yang sama juga dipakai oleh 1 pegawai lain.")
        ],
        other.pk: [],
    }


def test_an_own_link_used_again_is_no_signal(setting):
    first = link(setting.siti, setting.rhk)
    second = link(setting.siti, setting.rhk_2)
    assert signals_of(setting.siti) == {first.pk: [], second.pk: []}


def test_an_upload_after_the_realisation_deadline_in_local_time(setting):
    periode_update(
        aktor=SYSTEM,
        periode=setting.periode,
        batas_realisasi=datetime.date(2026, 10, 5),
        batas_verifikasi=FAR,
        batas_penilaian=FAR,
    )
    on_time = upload(setting.siti, setting.rhk)
    just_late = upload(setting.siti, setting.rhk, content=docx_bytes(), name="a.docx")
    late = link(setting.siti, setting.rhk)
    # 23:30 in Jakarta on the deadline is on time; 01:00 the next day is late.
    BuktiDukung.objects.filter(pk=on_time.pk).update(diunggah_pada=at(2026, 10, 5, 16, 30))
    BuktiDukung.objects.filter(pk=just_late.pk).update(diunggah_pada=at(2026, 10, 5, 18, 0))
    BuktiDukung.objects.filter(pk=late.pk).update(diunggah_pada=at(2026, 10, 7, 3, 0))
    assert signals_of(setting.siti) == {
        on_time.pk: [],
        just_late.pk: [
            (
                JenisSinyal.TERLAMBAT,
                "Diunggah 6 Oktober 2026, setelah batas realisasi 5 Oktober 2026.",
            )
        ],
        late.pk: [
            (
                JenisSinyal.TERLAMBAT,
                "Diunggah 7 Oktober 2026, setelah batas realisasi 5 Oktober 2026.",
            )
        ],
    }


def test_a_nearly_empty_file(setting):
    tiny = upload(setting.siti, setting.rhk, content=b"%PDF-1.4\n" + b"x" * 291, name="a.pdf")
    enough = upload(setting.siti, setting.rhk, content=b"%PDF-1.4\n" + b"x" * 1015, name="b.pdf")
    assert (tiny.ukuran, enough.ukuran) == (300, 1024)
    assert signals_of(setting.siti) == {
        tiny.pk: [(JenisSinyal.BERKAS_KECIL, "Berkas hanya 300 bita; periksa isinya.")],
        enough.pk: [],
    }


def test_signals_together_and_in_two_queries(agency, setting, django_assert_num_queries):
    tw3 = open_period("TW3")
    earlier = services.laporan_open(
        aktor=aktor_for(agency.pegawai), skp=setting.siti.skp, periode=tw3
    )
    small = b"%PDF-1.4\n" + b"x" * 91
    upload(earlier, setting.rhk, content=small, name="kecil.pdf")
    upload(setting.joko, setting.joko_rhk, content=small, name="kecil.pdf")
    link(setting.joko, setting.joko_rhk, "https://drive.example.go.id/bersama")
    a = upload(setting.siti, setting.rhk, content=small, name="kecil.pdf")
    b = upload(setting.siti, setting.rhk_2, content=small, name="kecil.pdf")
    c = link(setting.siti, setting.rhk, "https://drive.example.go.id/bersama/")
    items = list(BuktiDukung.objects.filter(laporan=setting.siti).order_by("pk"))
    laporan = fresh(setting.siti)

    with django_assert_num_queries(2):
        found = selectors.signals_for(items, laporan)

    small_signal = (JenisSinyal.BERKAS_KECIL, "Berkas hanya 100 bita; periksa isinya.")
    assert {pk: [(s.jenis, s.pesan) for s in signals] for pk, signals in found.items()} == {
        a.pk: [BY_ONE_OTHER, OTHER_RHK, OTHER_PERIOD, small_signal],
        b.pk: [BY_ONE_OTHER, OTHER_RHK, OTHER_PERIOD, small_signal],
        c.pk: [(JenisSinyal.TAUTAN_BERSAMA, "Tautan yang sama juga dipakai oleh 1 pegawai lain.")],
    }


# --- The appraiser's inbox -------------------------------------------------------------------


@dataclass
class Inbox:
    periode: Periode
    budi_rhk: Rhk
    siti: Laporan
    andi: Laporan
    rina: Laporan
    dewi: Laporan


def appraisee(agency: Any, periode: Periode, budi_rhk: Rhk, nama: str, unit: Unit) -> Laporan:
    person = pegawai_with_account(nama=nama, unit=unit, penilai=agency.penilai)
    laporan, _skp, _rhk = report_for(person, periode, rhk_atasan=budi_rhk)
    return laporan


@pytest.fixture
def inbox_case(agency) -> Inbox:
    """Budi appraises Siti and Andi (submitted, waiting), Rina in another unit (returned) and
    Dewi (draft). Joko's submitted report is not his to verify."""
    periode = open_period()
    _budi, _skp, budi_rhk = report_for(agency.penilai, periode)
    siti, _skp, rhk = report_for(agency.pegawai, periode, rhk_atasan=budi_rhk)
    andi = appraisee(agency, periode, budi_rhk, "Andi Wijaya", agency.bagian)
    rina = appraisee(agency, periode, budi_rhk, "Rina Marlina", agency.lain)
    dewi = appraisee(agency, periode, budi_rhk, "Dewi Lestari", agency.bagian)

    upload(siti, rhk)
    link(siti, rhk)
    submit(siti)
    andi_rhk = Rhk.objects.get(skp=andi.skp)
    accepted = upload(andi, andi_rhk)
    link(andi, andi_rhk)
    submit(andi)
    verdict(accepted, "DITERIMA")
    rina_rhk = Rhk.objects.get(skp=rina.skp)
    kept = upload(rina, rina_rhk)
    returned = link(rina, rina_rhk)
    submit(rina)
    verdict(kept, "DITERIMA")
    verdict(returned, "DITOLAK", "Bukan kegiatan triwulan ini")
    upload(dewi, Rhk.objects.get(skp=dewi.skp))
    joko, _skp, joko_rhk = report_for(agency.outsider, periode)
    upload(joko, joko_rhk)
    submit(joko)

    Laporan.objects.filter(pk=siti.pk).update(diajukan_pada=at(2026, 10, 3, 2, 0))
    Laporan.objects.filter(pk=andi.pk).update(diajukan_pada=at(2026, 10, 2, 2, 0))
    Laporan.objects.filter(pk=rina.pk).update(diajukan_pada=at(2026, 10, 1, 2, 0))
    return Inbox(periode, budi_rhk, siti, andi, rina, dewi)


def inbox_rows(penilai_id: int, **filters: Any) -> list[tuple[str, str, int, int, int]]:
    return [
        (
            row.laporan.skp.pegawai.nama,
            row.laporan.status,
            row.menunggu,
            row.diterima,
            row.dikembalikan,
        )
        for row in selectors.inbox(penilai_id, **filters)
    ]


SITI = ("Siti Aminah", "DIAJUKAN", 2, 0, 0)
ANDI = ("Andi Wijaya", "DIAJUKAN", 1, 1, 0)
RINA = ("Rina Marlina", "PERLU_PERBAIKAN", 0, 1, 1)


def test_the_inbox_lists_waiting_reports_first_oldest_first(agency, inbox_case):
    assert inbox_rows(agency.penilai.pk) == [ANDI, SITI, RINA]


def test_the_inbox_filters_by_period_unit_and_status(agency, inbox_case):
    tw3 = open_period("TW3")
    budi = agency.penilai.pk
    assert inbox_rows(budi, periode=inbox_case.periode) == [ANDI, SITI, RINA]
    assert inbox_rows(budi, periode=tw3) == []
    assert inbox_rows(budi, unit=agency.bagian) == [ANDI, SITI]
    assert inbox_rows(budi, unit=agency.root) == [ANDI, SITI, RINA]
    assert inbox_rows(budi, unit=agency.lain) == [RINA]
    assert inbox_rows(budi, status="PERLU_PERBAIKAN") == [RINA]
    assert inbox_rows(budi, status="SELESAI") == []
    assert inbox_rows(budi, unit=agency.bagian, status="DIAJUKAN") == [ANDI, SITI]
    assert inbox_rows(agency.pegawai.pk) == []
    assert inbox_rows(agency.outsider.pk) == []


def test_the_inbox_forgets_former_and_inactive_appraisees(agency, inbox_case):
    Pegawai.objects.filter(nama="Andi Wijaya").update(aktif=False)
    Pegawai.objects.filter(nama="Rina Marlina").update(penilai=agency.outsider)
    assert inbox_rows(agency.penilai.pk) == [SITI]
    assert inbox_rows(agency.outsider.pk) == [RINA]


def test_the_oldest_waiting_submission(agency, inbox_case):
    assert selectors.oldest_waiting(agency.penilai.pk) == at(2026, 10, 2, 2, 0)
    assert selectors.oldest_waiting(agency.outsider.pk) is None


def test_the_inbox_runs_one_query_however_many_rows(agency, inbox_case, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len(selectors.inbox(agency.penilai.pk)) == 3
    for number in range(4):
        laporan = appraisee(
            agency, inbox_case.periode, inbox_case.budi_rhk, f"Staf {number}", agency.bagian
        )
        upload(laporan, Rhk.objects.get(skp=laporan.skp))
        submit(laporan)
    with django_assert_num_queries(1):
        rows = selectors.inbox(agency.penilai.pk)
        assert [row.laporan.skp.pegawai.nama for row in rows][-1] == "Rina Marlina"
    assert len(rows) == 7


# --- HR monitoring ---------------------------------------------------------------------------


@pytest.fixture
def monitored(agency) -> Periode:
    """TW4: Budi (bagian) a draft; Siti (bagian) submitted, one item accepted and one waiting;
    Joko (lain) done; the head of biro with an approved plan and no report; an inactive employee
    with a submitted report; an employee whose plan is still a draft."""
    periode = open_period()
    _budi, _skp, budi_rhk = report_for(agency.penilai, periode)
    siti, _skp, rhk = report_for(agency.pegawai, periode, rhk_atasan=budi_rhk)
    accepted = upload(siti, rhk)
    link(siti, rhk)
    submit(siti)
    verdict(accepted, "DITERIMA")
    joko, _skp, joko_rhk = report_for(agency.outsider, periode)
    item = upload(joko, joko_rhk)
    submit(joko)
    services.bukti_verdict(
        aktor=aktor_of(agency.superuser),
        bukti=item,
        status="DITERIMA",
    )
    head = pegawai_with_account(nama="Kepala Biro Umum", unit=agency.biro)
    approved_plan(head)
    gone = pegawai_with_account(nama="Sudah Mutasi", unit=agency.bagian)
    gone_report, _skp, gone_rhk = report_for(gone, periode)
    upload(gone_report, gone_rhk)
    submit(gone_report)
    Pegawai.objects.filter(pk=gone.pk).update(aktif=False)
    drafting = pegawai_with_account(nama="Masih Draf", unit=agency.bagian)
    plan_with_rhk(drafting)
    return periode


def numbers(rows: list[selectors.BarisPemantauan]) -> list[tuple[Any, ...]]:
    return [
        (
            row.unit.kode,
            row.langsung,
            row.pegawai,
            row.diajukan,
            row.selesai,
            row.belum_mengajukan,
            row.bukti,
        )
        for row in rows
    ]


def bukti(menunggu: int = 0, diterima: int = 0, kembali: int = 0, tolak: int = 0) -> dict:
    return {
        "MENUNGGU": menunggu,
        "DITERIMA": diterima,
        "PERLU_PERBAIKAN": kembali,
        "DITOLAK": tolak,
    }


def test_monitoring_of_the_whole_agency_and_its_drill_down(agency, monitored):
    scope = scope_for(agency.superuser)
    assert numbers(selectors.monitoring(scope, periode=monitored)) == [
        ("SET", False, 4, 2, 1, 2, bukti(menunggu=1, diterima=2)),
    ]
    assert numbers(selectors.monitoring(scope, periode=monitored, induk=agency.root)) == [
        ("SET", True, 0, 0, 0, 0, bukti()),
        ("BL", False, 1, 1, 1, 0, bukti(diterima=1)),
        ("BU", False, 3, 1, 0, 2, bukti(menunggu=1, diterima=1)),
    ]
    assert numbers(selectors.monitoring(scope, periode=monitored, induk=agency.biro)) == [
        ("BU", True, 1, 0, 0, 1, bukti()),
        ("BU-SDM", False, 2, 1, 0, 1, bukti(menunggu=1, diterima=1)),
    ]


@pytest.mark.parametrize("role", ["admin", "pimpinan"])
def test_monitoring_of_a_subtree(agency, monitored, role):
    scope = scope_for(agency.user(role))
    assert numbers(selectors.monitoring(scope, periode=monitored)) == [
        ("BU", False, 3, 1, 0, 2, bukti(menunggu=1, diterima=1)),
    ]
    assert numbers(selectors.monitoring(scope, periode=monitored, induk=agency.bagian)) == [
        ("BU-SDM", True, 2, 1, 0, 1, bukti(menunggu=1, diterima=1)),
    ]


def test_monitoring_of_another_period_is_empty(agency, monitored):
    tw3 = open_period("TW3")
    assert numbers(selectors.monitoring(scope_for(agency.auditor), periode=tw3)) == [
        ("SET", False, 4, 0, 0, 4, bukti()),
    ]


def test_monitoring_runs_four_queries_however_many_units(
    agency, monitored, django_assert_num_queries
):
    scope = scope_for(agency.superuser)
    with django_assert_num_queries(4):
        selectors.monitoring(scope, periode=monitored, induk=agency.root)
    for number in range(3):
        unit = UnitFactory(kode=f"BX{number}", nama=f"Biro X{number}", induk=agency.root)
        person = pegawai_with_account(nama=f"Staf X{number}", unit=unit)
        laporan, _skp, rhk = report_for(person, monitored)
        upload(laporan, rhk)
        submit(laporan)
    with django_assert_num_queries(4):
        rows = selectors.monitoring(scope, periode=monitored, induk=agency.root)
    assert [row.unit.kode for row in rows] == ["SET", "BL", "BU", "BX0", "BX1", "BX2"]
    assert numbers(rows)[3] == ("BX0", False, 1, 1, 0, 0, bukti(menunggu=1))


def test_late_employees_are_those_with_a_plan_who_have_not_submitted(agency, monitored):
    def late(role: str, unit: Unit) -> list[str]:
        found = selectors.late_employees(scope_for(agency.user(role)), periode=monitored, unit=unit)
        return [person.nama for person in found]

    assert late("superuser", agency.root) == ["Kepala Biro Umum", "Budi Santoso"]
    assert late("admin", agency.biro) == ["Kepala Biro Umum", "Budi Santoso"]
    assert late("admin", agency.bagian) == ["Budi Santoso"]
    assert late("pimpinan", agency.root) == ["Kepala Biro Umum", "Budi Santoso"]
    assert late("admin", agency.lain) == []
    assert late("superuser", agency.lain) == []
    assert late("auditor", agency.root) == ["Kepala Biro Umum", "Budi Santoso"]


def test_late_employees_of_a_period_nobody_submitted(agency, monitored):
    tw3 = open_period("TW3")
    found = selectors.late_employees(scope_for(agency.superuser), periode=tw3, unit=agency.root)
    # By unit depth, then unit code (BL before BU), then name.
    assert [person.nama for person in found] == [
        "Joko Widodo",
        "Kepala Biro Umum",
        "Budi Santoso",
        "Siti Aminah",
    ]
