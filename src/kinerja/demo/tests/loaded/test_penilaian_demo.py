"""The demo's assessment: organisation ratings for every quarter, TW1–TW3 rated by the appraisers
and finalised within the curve, one objection decided and one waiting for the demo penilai, TW4
being rated, dates before the rating deadlines, a second load that rates nothing again; then the
plan itself (`demo.penilaian`, pure).

The demo is loaded once for the module (`loaded`, see conftest.py) on 29 November."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from typing import Any

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from kinerja.akun.models import Pengguna
from kinerja.aturan.enums import Predikat, PredikatOrganisasi, Rating
from kinerja.aturan.rules import (
    Acuan,
    IsiAturan,
    curve_check,
    curve_target,
    isi_default,
    isi_parse,
)
from kinerja.audit.models import Entri
from kinerja.demo import generator
from kinerja.demo import penilaian as plan
from kinerja.demo.services import HasilDemo, demo_load
from kinerja.demo.tests.helpers import demo_day
from kinerja.jobs.progress import NullProgress
from kinerja.notifikasi.models import Notifikasi
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai
from kinerja.penilaian import documents, rules, selectors
from kinerja.penilaian.models import (
    Keberatan,
    KinerjaOrganisasi,
    Penetapan,
    Penilaian,
    RiwayatPenetapan,
)
from kinerja.periode.models import Periode
from kinerja.skp.models import Rhk
from kinerja.skp.selectors import berakhlak_codes

pytestmark = pytest.mark.django_db

PAST = ("TW1", "TW2", "TW3")
GROUPS = [
    "SET",
    *(f"SET.B1.BG{n}" for n in (1, 2, 3)),
    *(f"SET.B2.BG{n}" for n in (1, 2, 3)),
    *(f"SET.B3.BG{n}" for n in (1, 2, 3)),
    *(f"SET.B4.BG{n}" for n in (1, 2)),
]
DAY = datetime.timedelta(days=1)


@pytest.fixture(scope="module")
def accounts() -> dict[str, str]:
    return {account.kunci: account.nip for account in generator.generate().akun}


def local(moment: datetime.datetime | None) -> datetime.date:
    assert moment is not None
    return timezone.localdate(moment)


def label_of(pegawai: Pegawai) -> str:
    """How the demo labels an employee acting: their account, else their name and NIP."""
    person = pegawai.pengguna or pegawai
    return f"{person.nama} ({person.nip})"


def the_objection() -> Keberatan:
    return Keberatan.objects.select_related(
        "penilaian__pegawai", "penilaian__periode", "penilaian__penetapan__unit", "atasan"
    ).get(status__in=["DITERIMA", "DITOLAK"])


# --- Organisation ratings -----------------------------------------------------------------------


def test_every_quarter_rates_the_twelve_groups_by_their_leader(
    loaded: HasilDemo, accounts: dict[str, str]
) -> None:
    assert loaded.penilaian == 3 * 299 + 91
    rows = list(
        KinerjaOrganisasi.objects.filter(periode__tahun__tahun=loaded.tahun).values_list(
            "periode__kode", "unit__kode", "predikat", "atas_nama", "oleh__nip", "alasan"
        )
    )
    assert sorted((kode, unit) for kode, unit, *_rest in rows) == sorted(
        (kode, unit) for kode in (*PAST, "TW4") for unit in GROUPS
    )
    varied = [(kode, unit, predikat) for kode, unit, predikat, *_ in rows if predikat != "BAIK"]
    assert sorted(varied) == [
        ("TW1", "SET.B2.BG1", "ISTIMEWA"),
        ("TW1", "SET.B3.BG3", "BUTUH_PERBAIKAN"),
        ("TW2", "SET.B1.BG2", "ISTIMEWA"),
        ("TW2", "SET.B2.BG3", "BUTUH_PERBAIKAN"),
        ("TW3", "SET.B1.BG2", "BUTUH_PERBAIKAN"),
        ("TW3", "SET.B2.BG1", "ISTIMEWA"),
        ("TW4", "SET.B2.BG3", "BUTUH_PERBAIKAN"),
        ("TW4", "SET.B3.BG3", "ISTIMEWA"),
    ]  # fmt: skip
    for kode, unit, predikat, atas_nama, oleh, alasan in rows:
        # The demo pimpinan leads Biro SET.B2: it rates its Bagian; HR rates the others for
        # their leader (the Sekretariat's own rating included: nobody above it has an account).
        expected = (False, accounts["pimpinan"]) if unit.startswith("SET.B2.") else (
            True, accounts["admin"])  # fmt: skip
        assert (atas_nama, oleh) == expected
        periode = Periode.objects.get(tahun__tahun=loaded.tahun, kode=kode).nama
        name = f"{periode} {loaded.tahun}"
        assert alasan == plan.organisation_reason(PredikatOrganisasi(predikat), name)
    assert rows[0][5] == "Target kinerja utama unit pada Triwulan I " + str(loaded.tahun) + (
        " tercapai sesuai rencana."
    )


# --- Past quarters: rated, finalised, within the curve ------------------------------------------


def test_past_quarters_are_finalised_by_every_group_within_its_curve(loaded: HasilDemo) -> None:
    current = Penilaian.objects.filter(periode__tahun__tahun=loaded.tahun)
    assert Counter(current.values_list("periode__kode", "status")) == {
        ("TW1", "FINAL"): 299,
        ("TW2", "FINAL"): 299,
        ("TW3", "FINAL"): 299,
        ("TW4", "DRAF"): 91,
    }
    assert Counter(current.values_list("periode__kode", "predikat")) == {
        ("TW1", "SANGAT_BAIK"): 73, ("TW1", "BAIK"): 184, ("TW1", "BUTUH_PERBAIKAN"): 40,
        ("TW1", "KURANG"): 2,
        ("TW2", "SANGAT_BAIK"): 67, ("TW2", "BAIK"): 181, ("TW2", "BUTUH_PERBAIKAN"): 51,
        ("TW3", "SANGAT_BAIK"): 72, ("TW3", "BAIK"): 182, ("TW3", "BUTUH_PERBAIKAN"): 44,
        ("TW3", "KURANG"): 1,
        ("TW4", "SANGAT_BAIK"): 27, ("TW4", "BAIK"): 53, ("TW4", "BUTUH_PERBAIKAN"): 11,
    }  # fmt: skip
    for kode in PAST:
        periode = Periode.objects.get(tahun__tahun=loaded.tahun, kode=kode)
        groups = Penetapan.objects.filter(periode=periode).select_related("unit")
        assert groups.count() == KinerjaOrganisasi.objects.filter(periode=periode).count() == 12
        sizes = []
        for penetapan in groups:
            group = selectors.kelompok_detail(penetapan.unit, periode)
            assert penetapan.status == "DITETAPKAN"
            assert group.hasil is not None
            assert group.hasil.sesuai is True  # every group is large enough to be judged
            assert penetapan.predikat_organisasi == group.organisasi.predikat  # type: ignore[union-attr]
            assert penetapan.jumlah == rules.count_predikat(p.predikat for p in group.rated)
            # Finalised by the unit's head (by name when the head has no account).
            assert group.kepala is not None
            assert penetapan.ditetapkan_label == label_of(group.kepala)
            assert penetapan.penanda_tangan["nip"] == group.kepala.nip
            sizes.append(len(group.rated))
        # Everyone active was rated: the four excluded since the demo's day still count here.
        assert sum(sizes) == 299
    # The demo penilai heads Bagian Kepegawaian (SET.B2.BG2): he finalised its group.
    penilai = Pegawai.objects.get(nip=generator.generate().akun[4].nip)
    assert set(
        Penetapan.objects.filter(ditetapkan_oleh=penilai.pengguna).values_list(
            "periode__kode", "unit__kode"
        )
    ) == {(kode, "SET.B2.BG2") for kode in PAST}


def test_each_member_is_rated_by_the_appraiser_with_the_parts_behind_the_ratings(
    loaded: HasilDemo, accounts: dict[str, str]
) -> None:
    objection = the_objection()
    admin = Pengguna.objects.get(nip=accounts["admin"])
    parts: dict[int, dict[str, bool]] = {}
    for pegawai_id, kode, jenis in Rhk.objects.filter(skp__status="DISETUJUI").values_list(
        "skp__pegawai_id", "kode", "jenis"
    ):
        parts.setdefault(pegawai_id, {})[kode] = jenis == "UTAMA"
    assessments = (
        Penilaian.objects.filter(periode__tahun__tahun=loaded.tahun)
        .select_related("pegawai__penilai__pengguna", "set_aturan")
        .exclude(pk=objection.penilaian_id)
    )
    with_plan = apart = 0
    for item in assessments:
        isi = item.set_aturan.aturan()
        pegawai = item.pegawai
        expected = label_of(pegawai.penilai) if pegawai.penilai else f"{admin.nama} ({admin.nip})"
        assert item.dinilai_label == expected
        predikat = Predikat(item.predikat)
        assert (item.rating_hasil, item.rating_perilaku) == rules.ratings_for(
            isi.predikat, predikat
        )
        assert item.catatan == plan.CATATAN[predikat]
        rhk = parts.get(pegawai.pk, {})
        assert set(item.rating_rhk) == set(rhk)
        assert set(item.rating_nilai) == set(berakhlak_codes())
        if rhk:
            with_plan += 1
            suggested = rules.overall_suggestion(
                [(main, Rating(item.rating_rhk[kode])) for kode, main in rhk.items()]
            )
            assert suggested.rating == Rating(item.rating_hasil)
        behaviour = rules.overall_suggestion(
            [(True, Rating(value)) for value in item.rating_nilai.values()]
        )
        assert behaviour.rating == Rating(item.rating_perilaku)
        differs = {*item.rating_rhk.values(), *item.rating_nilai.values()} != {
            item.rating_hasil, item.rating_perilaku}  # fmt: skip
        apart += differs
    assert (with_plan, apart) == (3 * 253 + 78, 437)
    # The agency head, without an appraiser, is rated by HR (not yet in the current quarter).
    head = Penilaian.objects.filter(
        pegawai__penilai__isnull=True, periode__tahun__tahun=loaded.tahun
    )
    assert sorted(head.values_list("periode__kode", "dinilai_oleh__nip")) == [
        (kode, accounts["admin"]) for kode in PAST
    ]


# --- The objections -----------------------------------------------------------------------------


def test_one_objection_on_tw3_is_explained_and_decided_by_the_appraisers_superior(
    loaded: HasilDemo, accounts: dict[str, str]
) -> None:
    objection = the_objection()
    penilaian = objection.penilaian
    appraiser = Pegawai.objects.get(dinilai__nip=accounts["pegawai"])
    assert (
        penilaian.pegawai.nip,
        penilaian.periode.kode,
        objection.status,
        objection.predikat_lama,
        objection.predikat_baru,
        penilaian.predikat,
        penilaian.status,
    ) == (accounts["pegawai"], "TW3", "DITOLAK", "BUTUH_PERBAIKAN", "", "BUTUH_PERBAIKAN", "FINAL")
    assert (objection.alasan, objection.penjelasan, objection.keputusan) == (
        plan.ALASAN_KEBERATAN,
        plan.PENJELASAN_KEBERATAN,
        plan.KEPUTUSAN_DITOLAK,
    )
    # Explained by her appraiser (a Kepala Subbagian without an account), decided by his
    # superior: the demo penilai.
    assert objection.dijelaskan_label == label_of(appraiser)
    assert objection.atasan is not None
    assert objection.atasan.nip == accounts["penilai"]
    assert objection.diputuskan_oleh.nip == accounts["penilai"]  # type: ignore[union-attr]
    # Rejected because upholding it (Butuh Perbaikan → Baik) would take the group out of its
    # curve: Baik already at its 70% (18 of 26).
    penetapan = penilaian.penetapan
    assert penetapan is not None
    group = selectors.kelompok_detail(penetapan.unit, penilaian.periode)
    assert (penetapan.unit.kode, penetapan.predikat_organisasi, len(group.rated)) == (
        "SET.B2.BG2", "BAIK", 26)  # fmt: skip
    assert group.hasil is not None
    assert group.hasil.jumlah[Predikat.BAIK] == 18
    others = [p.predikat_enum for p in group.rated if p.pk != penilaian.pk]
    isi = penilaian.set_aturan.aturan()
    upheld = curve_check(isi, PredikatOrganisasi.BAIK, [*others, Predikat.BAIK])
    assert upheld.sesuai is False
    # Within the window, after the finalisation, before the demo's day.
    finalised = local(penilaian.ditetapkan_pada)
    tahun = loaded.tahun
    assert finalised == datetime.date(tahun, 10, 13)
    assert [local(objection.diajukan_pada), local(objection.dijelaskan_pada),
            local(objection.diputuskan_pada)] == [
        datetime.date(tahun, 10, 16), datetime.date(tahun, 10, 19), datetime.date(tahun, 10, 23)
    ]  # fmt: skip
    assert local(objection.diajukan_pada) <= rules.objection_deadline(finalised, 14)
    assert local(penilaian.dinilai_pada) < finalised  # rejected: the rating is unchanged
    # Its part of the Dokumen Evaluasi Kinerja Pegawai.
    assert documents.objection_context(objection) == {
        "status": "Ditolak",
        "alasan": plan.ALASAN_KEBERATAN,
        "diajukan_pada": f"16 Oktober {tahun}",
        "penjelasan": plan.PENJELASAN_KEBERATAN,
        "dijelaskan_pada": f"19 Oktober {tahun}",
        "putusan": "Keberatan ditolak. Predikat tetap: Butuh Perbaikan.",
        "keputusan": plan.KEPUTUSAN_DITOLAK,
        "diputuskan_pada": f"23 Oktober {tahun}",
    }
    assert list(
        RiwayatPenetapan.objects.filter(penetapan=penetapan).values_list("aksi", flat=True)
    ) == ["TETAPKAN"]
    # Each step notified the next person; the notices were read two hours later.
    notices = Notifikasi.objects.filter(kunci__startswith=f"keberatan-{objection.pk}-")
    assert sorted(notices.values_list("kunci", "penerima__nip")) == [
        (f"keberatan-{objection.pk}-decide", accounts["pegawai"]),
        (f"keberatan-{objection.pk}-explain", accounts["penilai"]),
    ]
    for notice in notices:
        assert notice.dibaca_pada == notice.dibuat_pada + datetime.timedelta(hours=2)
    assert {local(moment) for moment in notices.values_list("dibuat_pada", flat=True)} == {
        datetime.date(tahun, 10, 19), datetime.date(tahun, 10, 23)}  # fmt: skip


def test_an_objection_waits_for_the_demo_penilai_to_explain(
    loaded: HasilDemo, accounts: dict[str, str]
) -> None:
    waiting = Keberatan.objects.select_related("penilaian__pegawai", "penilaian__penilai").get(
        status="DIAJUKAN"
    )
    assert Keberatan.objects.count() == 2
    penilaian = waiting.penilaian
    assert penilaian.penilai is not None
    assert (penilaian.penilai.nip, penilaian.periode.kode, waiting.predikat_lama) == (
        accounts["penilai"], "TW3", "BAIK")  # fmt: skip
    assert penilaian.pegawai.pengguna_id is None
    assert waiting.alasan == plan.ALASAN_MENUNGGU
    tahun = loaded.tahun
    assert local(waiting.diajukan_pada) == datetime.date(tahun, 10, 21)
    assert local(waiting.diajukan_pada) <= rules.objection_deadline(
        local(penilaian.ditetapkan_pada), 14
    )
    users = {kunci: Pengguna.objects.get(nip=nip) for kunci, nip in accounts.items()}
    assert list(selectors.objections_waiting(scope_for(users["penilai"]))) == [waiting]
    for kunci in ("admin", "pimpinan", "pegawai"):
        assert not selectors.objections_waiting(scope_for(users[kunci])).exists()
    notice = Notifikasi.objects.get(kunci=f"keberatan-{waiting.pk}-file")
    assert notice.penerima_id == users["penilai"].pk
    assert notice.judul == f"Keberatan atas penilaian Triwulan III {tahun}"


# --- The current quarter, the dates of the past ones ---------------------------------------------


def test_the_current_quarter_is_being_rated_nothing_finalised(loaded: HasilDemo) -> None:
    tw4 = Periode.objects.get(tahun__tahun=loaded.tahun, kode="TW4")
    assert KinerjaOrganisasi.objects.filter(periode=tw4).count() == 12
    assert not Penetapan.objects.filter(periode=tw4).exists()
    drafts = Penilaian.objects.filter(periode=tw4)
    assert set(drafts.values_list("status", flat=True)) == {"DRAF"}
    assert drafts.count() == 91
    assert not drafts.filter(ditetapkan_pada__isnull=False).exists()
    # The four excluded since the demo's day are no longer members, so never rated.
    assert not drafts.filter(pegawai__pengecualian__isnull=False).exists()
    superuser = Pengguna.objects.get(nip=generator.SUPERUSER_NIP)
    rows = selectors.kurva_list(scope_for(superuser), tw4)
    assert sorted(row.unit.kode for row in rows) == GROUPS
    assert not any(row.is_final for row in rows)
    assert (sum(row.dinilai for row in rows), sum(row.anggota for row in rows)) == (91, 295)


def test_past_quarters_are_dated_before_their_rating_deadline_and_their_windows_closed(
    loaded: HasilDemo, accounts: dict[str, str]
) -> None:
    objection = the_objection()
    for kode in PAST:
        periode = Periode.objects.get(tahun__tahun=loaded.tahun, kode=kode)
        deadline = periode.batas_penilaian
        assert deadline == periode.selesai + 15 * DAY
        ratings = KinerjaOrganisasi.objects.filter(periode=periode)
        assert {local(moment) for moment in ratings.values_list("diubah_pada", flat=True)} == {
            deadline - 9 * DAY
        }
        finalised = {}
        for penetapan in Penetapan.objects.filter(periode=periode):
            moment = penetapan.ditetapkan_pada
            finalised[penetapan.pk] = moment
            history = RiwayatPenetapan.objects.filter(penetapan=penetapan, aksi="TETAPKAN")
            assert list(history.values_list("pada", flat=True)) == [moment]
        assert {local(moment) for moment in finalised.values()} == {
            deadline - 2 * DAY, deadline - DAY, deadline}  # fmt: skip
        assessments = Penilaian.objects.filter(periode=periode).exclude(pk=objection.penilaian_id)
        for penetapan_id, ditetapkan, dinilai in assessments.values_list(
            "penetapan_id", "ditetapkan_pada", "dinilai_pada"
        ):
            assert ditetapkan == finalised[penetapan_id]
            assert local(ditetapkan) - 3 * DAY <= local(dinilai) <= local(ditetapkan) - DAY
        # The window to object is behind the demo's day.
        assert rules.objection_deadline(local(max(finalised.values())), 14) < demo_day()
    # The finalisation notices: read the next morning, naming the backdated deadline.
    notices = Notifikasi.objects.filter(kunci__startswith="penilaian-final-")
    # The four demo accounts with an employee, per quarter and per period of the history years
    # (four quarters and the year, twice).
    assert notices.count() == (3 + 2 * 5) * 4
    assert not notices.filter(dibaca_pada=None).exists()
    own = Penilaian.objects.get(
        pegawai__nip=accounts["pegawai"], periode__tahun__tahun=loaded.tahun, periode__kode="TW3"
    )
    notice = notices.get(tautan=reverse("penilaian:detail", args=[own.pk]))
    assert notice.isi == (
        f"Predikat kinerja Anda: Butuh Perbaikan. Keberatan dapat diajukan sampai "
        f"27 Oktober {loaded.tahun}."
    )
    assert local(notice.dibaca_pada) == datetime.date(loaded.tahun, 10, 14)
    # The demo penilai's unread notices are still only the two current reports to verify.
    penilai = Pengguna.objects.get(nip=accounts["penilai"])
    unread = Notifikasi.objects.filter(penerima=penilai, dibaca_pada=None)
    assert not unread.filter(Q(kunci__startswith="penilaian-") | Q(kunci__startswith="keberatan-"))


def test_the_assessment_is_recorded_in_the_audit_log_by_those_who_acted(
    loaded: HasilDemo, accounts: dict[str, str]
) -> None:
    actions = Counter(Entri.objects.values_list("aksi", flat=True))
    # The history of the two previous years is imported (12 groups per quarter and per year,
    # rated by the demo).
    assert (actions["kinerjaorganisasi.save"], actions["penilaian.save"]) == (48 + 2 * 5 * 12, 988)
    assert (actions["penetapan.finalise"], actions["keberatan.file"]) == (36 + 2 * 5 * 12, 2)
    assert (actions["keberatan.explain"], actions["keberatan.decide"]) == (1, 1)
    assert actions["penilaian.import"] == 2 * 5 * 299
    assert not (
        Entri.objects.filter(aksi__startswith="penilaian.", aktor_label="demo")
        .exclude(aksi="penilaian.import")
        .exists()
    )


def test_second_load_rates_nothing_again(loaded: HasilDemo) -> None:
    def state() -> dict[str, Any]:
        return {
            "organisasi": list(KinerjaOrganisasi.objects.order_by("pk").values_list()),
            "penilaian": list(Penilaian.objects.order_by("pk").values_list()),
            "penetapan": list(Penetapan.objects.order_by("pk").values_list()),
            "riwayat": list(RiwayatPenetapan.objects.order_by("pk").values_list()),
            "keberatan": list(Keberatan.objects.order_by("pk").values_list()),
            "notifikasi": list(Notifikasi.objects.order_by("pk").values_list()),
            "audit": Entri.objects.exclude(aksi="pemantauan.refresh").count(),
        }

    before = state()
    again = demo_load(progress=NullProgress(), today=demo_day())
    assert again.penilaian == 0
    assert state() == before
    # Only the monitoring figures are refreshed again.
    assert Entri.objects.filter(aksi="pemantauan.refresh").count() == 2


# --- The plan (pure) ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def isi() -> IsiAturan:
    return isi_parse(isi_default(), Acuan())


def test_groups_are_the_root_and_the_units_two_levels_below() -> None:
    codes = [row["kode"] for row in generator.generate().rows["unit"]]
    assert plan.group_codes(codes, "SET") == GROUPS
    assert plan.group_of("SET.B2.BG2.SB1", GROUPS) == "SET.B2.BG2"
    assert plan.group_of("SET.B2.BG2", GROUPS) == "SET.B2.BG2"
    assert plan.group_of("SET.B2", GROUPS) == "SET"
    assert plan.group_of("LAIN.X", GROUPS) is None


def test_organisation_ratings_are_mostly_baik_with_one_istimewa_and_one_butuh_perbaikan() -> None:
    ratings = plan.organisation_ratings(GROUPS, "SET", "TW3", generator.DEFAULT_SEED)
    assert {kode: value for kode, value in ratings.items() if value != "BAIK"} == {
        "SET.B1.BG2": PredikatOrganisasi.BUTUH_PERBAIKAN,
        "SET.B2.BG1": PredikatOrganisasi.ISTIMEWA,
    }
    assert ratings == plan.organisation_ratings(GROUPS, "SET", "TW3", generator.DEFAULT_SEED)
    assert plan.organisation_ratings(["SET", "SET.B1.BG1"], "SET", "TW1", 1) == {
        "SET": PredikatOrganisasi.BAIK,
        "SET.B1.BG1": PredikatOrganisasi.BAIK,
    }


@pytest.mark.parametrize("organisasi", list(PredikatOrganisasi))
def test_the_planned_predikat_always_comply_with_the_curve(
    isi: IsiAturan, organisasi: PredikatOrganisasi
) -> None:
    for size in range(10, 31):
        for seed in range(15):
            members = [f"p{index}" for index in range(size)]
            planned = plan.predikat_plan(members, organisasi, isi, random.Random(seed))
            assert list(planned) == members
            assert curve_check(isi, organisasi, planned.values()).sesuai is True
    again = plan.predikat_plan(["a", "b", "c"], organisasi, isi, random.Random(7))
    assert again == plan.predikat_plan(["a", "b", "c"], organisasi, isi, random.Random(7))


@pytest.mark.parametrize("seed", range(10))
def test_the_planned_draw_is_changed_as_little_as_needed(isi: IsiAturan, seed: int) -> None:
    members = [f"p{index}" for index in range(12)]
    rng = random.Random(seed)
    weights = plan.BOBOT[PredikatOrganisasi.BAIK]
    draw = {member: rng.choices(list(Predikat), weights)[0] for member in members}
    counts = Counter(draw.values())
    target = curve_target(isi.kurva.pola[PredikatOrganisasi.BAIK], counts)
    assert target is not None
    planned = plan.predikat_plan(members, PredikatOrganisasi.BAIK, isi, random.Random(seed))
    assert Counter(planned.values()) == Counter({p: n for p, n in target.items() if n})
    changed = [member for member in members if planned[member] != draw[member]]
    assert len(changed) == sum(max(0, counts[p] - target[p]) for p in Predikat)


@pytest.mark.parametrize("rating", list(Rating))
def test_part_ratings_give_back_the_overall_rating(rating: Rating) -> None:
    seen_apart = False
    for size in range(1, 8):
        parts = [(f"R{index}", index % 3 != 2) for index in range(size)]
        for seed in range(40):
            chosen = plan.part_ratings(rating, parts, random.Random(seed))
            assert list(chosen) == [kode for kode, _main in parts]
            suggested = rules.overall_suggestion([(main, chosen[kode]) for kode, main in parts])
            assert suggested.rating == rating
            seen_apart |= set(chosen.values()) != {rating}
    assert seen_apart
    assert plan.part_ratings(rating, [], random.Random(0)) == {}


def test_the_objection_is_upheld_only_when_the_group_still_complies(isi: IsiAturan) -> None:
    baik_10 = [Predikat.SANGAT_BAIK] * 2 + [Predikat.BAIK] * 6 + [Predikat.BUTUH_PERBAIKAN] * 2
    upheld = plan.objection_decision(
        isi, PredikatOrganisasi.BAIK, baik_10[1:], Predikat.SANGAT_BAIK
    )
    assert upheld == plan.Keputusan(False, None, None, plan.KEPUTUSAN_DITOLAK)
    # One of two Butuh Perbaikan objects: Baik (7 of 10) stays within 70%, one low remains.
    others = [p for index, p in enumerate(baik_10) if index != 9]
    assert plan.objection_decision(
        isi, PredikatOrganisasi.BAIK, others, Predikat.BUTUH_PERBAIKAN
    ) == plan.Keputusan(True, Rating.SESUAI, Rating.SESUAI, plan.KEPUTUSAN_DITERIMA)
    # The only one left at Butuh Perbaikan: upholding it leaves nobody low, so it is rejected.
    alone = [p for p in others if p != Predikat.BUTUH_PERBAIKAN] + [Predikat.SANGAT_BAIK]
    assert plan.objection_decision(
        isi, PredikatOrganisasi.BAIK, alone, Predikat.BUTUH_PERBAIKAN
    ) == plan.Keputusan(False, None, None, plan.KEPUTUSAN_DITOLAK)
    # Baik to Sangat Baik: the better predikat's ratings.
    assert plan.objection_decision(
        isi, PredikatOrganisasi.BAIK, others, Predikat.BAIK
    ) == plan.Keputusan(True, Rating.DI_ATAS, Rating.DI_ATAS, plan.KEPUTUSAN_DITERIMA)


def test_the_waiting_objector_has_the_lowest_predikat() -> None:
    assert plan.waiting_objector([("3", Predikat.BAIK), ("2", Predikat.BAIK),
                                  ("1", Predikat.SANGAT_BAIK)]) == "2"  # fmt: skip
    assert plan.waiting_objector([("3", Predikat.KURANG), ("2", Predikat.BAIK)]) == "3"
    assert plan.waiting_objector([("1", Predikat.SANGAT_BAIK)]) is None


def test_the_schedule_of_a_quarter() -> None:
    tw3 = datetime.date(2026, 10, 15)
    jadwal = plan.jadwal(tw3, 5)
    assert (jadwal.organisasi, jadwal.ditetapkan) == (
        datetime.datetime(2026, 10, 6, 9, 0),
        datetime.datetime(2026, 10, 13, 15, 0),
    )
    assert [jadwal.dinilai(index) for index in range(4)] == [
        datetime.datetime(2026, 10, 10, 9, 15),
        datetime.datetime(2026, 10, 11, 11, 15),
        datetime.datetime(2026, 10, 12, 13, 15),
        datetime.datetime(2026, 10, 10, 9, 15),
    ]
    assert jadwal.dibaca() == datetime.datetime(2026, 10, 14, 8, 30)
    assert jadwal.keberatan() == (
        datetime.datetime(2026, 10, 16, 9, 15),
        datetime.datetime(2026, 10, 19, 10, 30),
        datetime.datetime(2026, 10, 23, 14, 0),
    )
    assert jadwal.menunggu() == datetime.datetime(2026, 10, 21, 13, 0)
    assert plan.jadwal(tw3, 6).ditetapkan == datetime.datetime(2026, 10, 15, 15, 0)
    quarters = [
        ("TW1", datetime.date(2026, 4, 15)),
        ("TW2", datetime.date(2026, 7, 15)),
        ("TW3", tw3),
    ]
    assert plan.objection_quarter(quarters, 5, datetime.date(2026, 11, 29)) == "TW3"
    assert plan.objection_quarter(quarters, 5, datetime.date(2026, 10, 23)) == "TW2"
    assert plan.objection_quarter(quarters, 5, datetime.date(2026, 10, 24)) == "TW3"
    assert plan.objection_quarter(quarters[:1], 5, datetime.date(2026, 4, 20)) is None
