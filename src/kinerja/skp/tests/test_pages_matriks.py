"""The Matriks Peran Hasil: permission matrices of the page, the push and the link; the table
and the exact texts of its four kinds of flags; pushing to several appraisees (all or nothing);
linking and unlinking; the appraiser without a plan; a pinned query count."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from kinerja.conftest import ROLES
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.skp import services
from kinerja.skp.models import Rhk, Skp
from kinerja.skp.tests.factories import SYSTEM, TAHUN, aktor_for, open_year, plan_with_rhk
from kinerja.skp.tests.helpers import skp_state

pytestmark = pytest.mark.django_db

MATRIX_QUERIES = 12


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def sent_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def matrix_url(tahun: int = TAHUN) -> str:
    return f"{reverse('skp:matrix')}?tahun={tahun}"


def add_rhk(skp: Skp, kode: str, uraian: str, rhk_atasan: Rhk | None = None) -> Rhk:
    aktor = aktor_for(skp.pegawai)
    rhk = services.rhk_create(
        aktor=aktor,
        skp=skp,
        kode=kode,
        uraian=uraian,
        rhk_atasan_id=rhk_atasan.pk if rhk_atasan else None,
    )
    services.indikator_create(
        aktor=aktor,
        rhk=rhk,
        aspek="KUANTITAS",
        uraian="Jumlah kegiatan",
        target_nilai="4",
        target_satuan="kegiatan",
    )
    return rhk


def appraisee(agency, nama: str) -> Pegawai:
    return PegawaiFactory(nama=nama, unit=agency.bagian, penilai=agency.penilai)


@pytest.fixture
def leader(agency) -> tuple[Rhk, Rhk]:
    """The year opened and the appraiser's plan approved, with RHKs A-1 and A-2."""
    open_year()
    skp, first = plan_with_rhk(agency.penilai, kode="A-1", uraian="Terkelolanya kepegawaian biro")
    second = add_rhk(skp, "A-2", "Terlaksananya pembinaan pegawai")
    services.skp_submit(aktor=aktor_for(agency.penilai), skp=skp)
    services.skp_approve(aktor=SYSTEM, skp=skp)
    return first, second


@pytest.fixture
def team(agency, leader) -> dict[str, object]:
    """Siti: a draft with RHK-01 supporting A-1 and RHK-02 supporting nothing; Agus: a
    submitted plan supporting A-1; Andi: no plan; Dewi: a returned plan supporting A-1."""
    first, second = leader
    siti, siti_first = plan_with_rhk(
        agency.pegawai, rhk_atasan=first, uraian="Tersusunnya laporan kinerja"
    )
    siti_loose = add_rhk(siti, "RHK-02", "Terarsipnya surat masuk")
    agus = appraisee(agency, "Agus Salim")
    agus_plan, agus_rhk = plan_with_rhk(agus, rhk_atasan=first, uraian="Terdatanya pegawai")
    services.skp_submit(aktor=SYSTEM, skp=agus_plan)
    andi = appraisee(agency, "Andi Wijaya")
    dewi = appraisee(agency, "Dewi Sartika")
    dewi_plan, dewi_rhk = plan_with_rhk(dewi, rhk_atasan=first, uraian="Terlaksananya mutasi")
    services.skp_submit(aktor=SYSTEM, skp=dewi_plan)
    services.skp_return(aktor=aktor_for(agency.penilai), skp=dewi_plan, catatan="Perbaiki.")
    return {
        "first": first,
        "second": second,
        "siti": siti,
        "siti_first": siti_first,
        "siti_loose": siti_loose,
        "agus": agus,
        "agus_plan": agus_plan,
        "agus_rhk": agus_rhk,
        "andi": andi,
        "dewi": dewi,
        "dewi_rhk": dewi_rhk,
    }


# --- The page --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_matrix_page_matrix(agency, client_for, team, role):
    before = skp_state()
    response = client_for(role).get(reverse("skp:matrix"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"pegawai", "penilai", "outsider"}:
        assert response.status_code == 200
        assert response.context["nav_section"] == "matriks"
        rows = [row.baris.pegawai.nama for row in response.context["baris"]]
        if role == "penilai":
            assert rows == ["Agus Salim", "Andi Wijaya", "Dewi Sartika", "Siti Aminah"]
            assert [k.rhk.kode for k in response.context["kolom"]] == ["A-1", "A-2"]
        else:
            assert rows == []
            # The columns are the user's own RHKs (Siti's draft; the outsider has no plan).
            own = ["RHK-01", "RHK-02"] if role == "pegawai" else []
            assert [k.rhk.kode for k in response.context["kolom"]] == own
            assert "Saat ini tidak ada pegawai yang Anda nilai." in response.content.decode()
    else:
        assert response.status_code == 404
    assert skp_state() == before


def test_matrix_table_and_the_four_kinds_of_flags(agency, client_for, team):
    response = client_for("penilai").get(matrix_url())
    assert response.status_code == 200
    assert [(flag.jenis, flag.pesan) for flag in response.context["bendera"]] == [
        (
            "rhk_tanpa_intervensi",
            "RHK A-2 \u201cTerlaksananya pembinaan pegawai\u201d belum diintervensi bawahan.",
        ),
        (
            "rhk_tidak_mendukung",
            "RHK RHK-02 milik Siti Aminah \u201cTerarsipnya surat masuk\u201d "
            "tidak mendukung RHK Anda.",
        ),
        ("tanpa_skp", "Andi Wijaya belum memiliki SKP."),
        ("skp_draf", "SKP Dewi Sartika masih berstatus dikembalikan."),
        ("skp_draf", "SKP Siti Aminah masih berstatus draf."),
    ]
    assert [(k.rhk.kode, k.didukung) for k in response.context["kolom"]] == [
        ("A-1", True),
        ("A-2", False),
    ]
    table = [
        (
            row.baris.pegawai.nama,
            [[rhk.kode for rhk in cell.rhk] for cell in row.sel],
            [rhk.kode for rhk in row.lepas],
            row.tanpa_skp,
            row.masih_draf,
        )
        for row in response.context["baris"]
    ]
    assert table == [
        ("Agus Salim", [["RHK-01"], []], [], False, False),
        ("Andi Wijaya", [[], []], [], True, False),
        ("Dewi Sartika", [["RHK-01"], []], [], False, True),
        ("Siti Aminah", [["RHK-01"], []], ["RHK-02"], False, True),
    ]
    page = response.content.decode()
    assert page.count('data-testid="bendera-') == 5
    assert (
        '<li data-testid="bendera-tanpa_skp"><span class="badge warn">Belum ada SKP</span> '
        "Andi Wijaya belum memiliki SKP.</li>"
    ) in page
    assert (
        '<li data-testid="bendera-rhk_tanpa_intervensi"><span class="badge warn">RHK belum '
        "diintervensi</span> RHK A-2 \u201cTerlaksananya pembinaan pegawai\u201d belum "
        "diintervensi bawahan.</li>"
    ) in page
    # Flags are marked in the table: the unsupported column, the loose RHK, the flagged rows.
    assert page.count('<span class="badge warn">Belum diintervensi</span>') == 1
    assert page.count('<span class="badge warn">Tidak mendukung</span>') == 1
    for pegawai, flagged in (
        (team["agus"], False),
        (team["andi"], True),
        (team["dewi"], True),
        (agency.pegawai, True),
    ):
        row = f'<tr data-testid="baris-{pegawai.pk}" class="kosong">'
        assert (row in page) is flagged
    # "Tambah" in every cell of a changeable plan (Andi, Dewi, Siti: 3 rows × 2 columns),
    # "Lepas tautan" under their linked RHKs, "Tautkan" for the loose one; none for Agus.
    assert page.count(">Tambah</button>") == 6
    assert page.count(">Lepas tautan</button>") == 2
    assert page.count(">Tautkan</button>") == 1
    assert f'action="{reverse("skp:rhk-link", args=[team["agus_rhk"].pk])}"' not in page
    # The form to push each RHK to several appraisees at once.
    assert page.count('name="pegawai" value=') == 2 * 4 + 6


def test_matrix_without_the_appraisers_own_plan(agency, client_for, team):
    open_year(2027)
    response = client_for("penilai").get(matrix_url(2027))
    assert response.context["matriks"].skp is None
    assert response.context["kolom"] == []
    page = response.content.decode()
    assert "Anda belum memiliki SKP tahun 2027, sehingga matriks belum memiliki kolom." in page
    assert f'<a href="{reverse("skp:mine")}?tahun=2027">Susun SKP Anda</a>' in page
    assert [flag.pesan for flag in response.context["bendera"]] == [
        "Agus Salim belum memiliki SKP.",
        "Andi Wijaya belum memiliki SKP.",
        "Dewi Sartika belum memiliki SKP.",
        "Siti Aminah belum memiliki SKP.",
    ]
    assert 'data-testid="bagikan"' not in page


def test_matrix_with_plan_but_no_appraisees(agency, client_for, leader):
    Pegawai.objects.filter(pk=agency.pegawai.pk).update(penilai=None)
    response = client_for("penilai").get(matrix_url())
    assert response.context["baris"] == []
    assert [flag.pesan for flag in response.context["bendera"]] == [
        "RHK A-1 \u201cTerkelolanya kepegawaian biro\u201d belum diintervensi bawahan.",
        "RHK A-2 \u201cTerlaksananya pembinaan pegawai\u201d belum diintervensi bawahan.",
    ]
    assert "Saat ini tidak ada pegawai yang Anda nilai." in response.content.decode()


def populate(agency, first: Rhk, count: int) -> None:
    for number in range(count):
        skp, _rhk = plan_with_rhk(appraisee(agency, f"Bawahan {number:03d}"), rhk_atasan=first)
        add_rhk(skp, "RHK-02", "Tugas tambahan")


@pytest.mark.parametrize("count", [3, 12])
def test_matrix_query_count_is_flat(agency, leader, django_assert_num_queries, count):
    populate(agency, leader[0], count)
    client = Client()
    client.force_login(agency.penilai.pengguna)
    with django_assert_num_queries(MATRIX_QUERIES):
        response = client.get(reverse("skp:matrix"))
    assert response.status_code == 200
    assert len(response.context["baris"]) == count + 1
    assert len(response.context["bendera"]) == 1 + count + 1 + count


# --- Push ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_push_matrix(agency, client_for, team, role):
    url = reverse("skp:rhk-push", args=[team["first"].pk])
    before = skp_state()
    response = client_for(role).post(url, {"pegawai": [agency.pegawai.pk]})
    if role == "penilai":
        assert response.status_code == 302
        assert response.url == matrix_url()
        assert list(
            Rhk.objects.filter(skp=team["siti"]).values_list("kode", "uraian", "rhk_atasan_id")
        ) == [
            ("RHK-01", "Tersusunnya laporan kinerja", team["first"].pk),
            ("RHK-02", "Terarsipnya surat masuk", None),
            ("RHK-03", "Terkelolanya kepegawaian biro", team["first"].pk),
        ]
        return
    if role == "anonim":
        assert_login_redirect(response)
    else:
        # Only the owner of the RHK pushes it: everybody else does not find it.
        assert response.status_code == 404
    assert skp_state() == before


def test_push_and_link_are_post_only(agency, client_for, team):
    before = skp_state()
    client = client_for("penilai")
    assert client.get(reverse("skp:rhk-push", args=[team["first"].pk])).status_code == 405
    assert client.get(reverse("skp:rhk-link", args=[team["siti_loose"].pk])).status_code == 405
    assert skp_state() == before


def test_push_to_several_appraisees(agency, client_for, team):
    response = client_for("penilai").post(
        reverse("skp:rhk-push", args=[team["second"].pk]),
        {
            "pegawai": [agency.pegawai.pk, team["andi"].pk],
            "uraian": "Terlaksananya pembinaan staf bagian",
            "jenis": "TAMBAHAN",
        },
    )
    assert response.url == matrix_url()
    assert sent_messages(response) == [
        "RHK A-2 dibagikan kepada 2 bawahan: Andi Wijaya, Siti Aminah."
    ]
    andi_plan = Skp.objects.get(pegawai=team["andi"], tahun=TAHUN)
    assert andi_plan.status == "DRAF"
    pushed = [("RHK-01", "TAMBAHAN", "Terlaksananya pembinaan staf bagian", team["second"].pk)]
    fields = ("kode", "jenis", "uraian", "rhk_atasan_id")
    assert list(Rhk.objects.filter(skp=andi_plan).values_list(*fields)) == pushed
    assert list(Rhk.objects.filter(skp=team["siti"], kode="RHK-03").values_list(*fields)) == [
        ("RHK-03", "TAMBAHAN", "Terlaksananya pembinaan staf bagian", team["second"].pk)
    ]
    page = client_for("penilai").get(matrix_url())
    assert [k.didukung for k in page.context["kolom"]] == [True, True]
    assert "tanpa_skp" not in [flag.jenis for flag in page.context["bendera"]]


def test_push_is_all_or_nothing_and_names_the_blocked(agency, client_for, team):
    before = skp_state()
    response = client_for("penilai").post(
        reverse("skp:rhk-push", args=[team["second"].pk]),
        {"pegawai": [agency.pegawai.pk, team["andi"].pk, team["agus"].pk]},
    )
    assert response.url == matrix_url()
    assert sent_messages(response) == [
        "SKP berikut sedang diajukan atau sudah disetujui, sehingga tidak dapat ditambah: "
        "Agus Salim."
    ]
    assert skp_state() == before


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        ([], "Pilih sekurang-kurangnya satu bawahan."),
        ("outsider", "Hanya bawahan langsung Anda yang dapat dipilih."),
        (["abc"], "Pilihan tidak sah."),
    ],
)
def test_push_refusals_change_nothing(agency, client_for, team, chosen, message):
    if chosen == "outsider":
        chosen = [agency.pegawai.pk, agency.outsider.pk]
    before = skp_state()
    response = client_for("penilai").post(
        reverse("skp:rhk-push", args=[team["first"].pk]), {"pegawai": chosen}
    )
    assert response.status_code == 302
    assert sent_messages(response) == [message]
    assert skp_state() == before


def test_push_from_a_cell_shows_its_message_on_the_matrix(agency, client_for, team):
    client = client_for("penilai")
    response = client.post(
        reverse("skp:rhk-push", args=[team["first"].pk]), {"pegawai": [team["andi"].pk]}
    )
    page = client.get(response.url)
    assert [str(m) for m in page.context["messages"]] == [
        "RHK A-1 dibagikan kepada 1 bawahan: Andi Wijaya."
    ]
    rows = {row.baris.pegawai.nama: row for row in page.context["baris"]}
    assert [[rhk.uraian for rhk in cell.rhk] for cell in rows["Andi Wijaya"].sel] == [
        ["Terkelolanya kepegawaian biro"],
        [],
    ]


# --- Link ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_link_matrix(agency, client_for, team, role):
    url = reverse("skp:rhk-link", args=[team["siti_loose"].pk])
    before = skp_state()
    response = client_for(role).post(url, {"rhk_atasan": team["second"].pk})
    team["siti_loose"].refresh_from_db()
    if role == "penilai":
        assert response.status_code == 302
        assert response.url == matrix_url()
        assert team["siti_loose"].rhk_atasan_id == team["second"].pk
        return
    if role == "anonim":
        assert_login_redirect(response)
    elif role == "outsider":
        assert response.status_code == 404
    else:
        # The owner, HR, the leader and the auditor read the RHK but only the appraiser links.
        assert response.status_code == 403
    assert team["siti_loose"].rhk_atasan_id is None
    assert skp_state() == before


def test_link_then_unlink(agency, client_for, team):
    client = client_for("penilai")
    linked = client.post(
        reverse("skp:rhk-link", args=[team["siti_loose"].pk]), {"rhk_atasan": team["second"].pk}
    )
    page = client.get(linked.url)
    assert [str(m) for m in page.context["messages"]] == [
        "RHK RHK-02 milik Siti Aminah ditautkan ke RHK A-2."
    ]
    rows = {row.baris.pegawai.nama: row for row in page.context["baris"]}
    assert [[rhk.kode for rhk in cell.rhk] for cell in rows["Siti Aminah"].sel] == [
        ["RHK-01"],
        ["RHK-02"],
    ]
    assert rows["Siti Aminah"].lepas == []
    assert [flag.jenis for flag in page.context["bendera"]] == [
        "tanpa_skp",
        "skp_draf",
        "skp_draf",
    ]

    unlinked = client.post(
        reverse("skp:rhk-link", args=[team["siti_first"].pk]), {"rhk_atasan": ""}
    )
    page = client.get(unlinked.url)
    assert [str(m) for m in page.context["messages"]] == [
        "RHK RHK-01 milik Siti Aminah tidak lagi ditautkan ke RHK Anda."
    ]
    team["siti_first"].refresh_from_db()
    assert team["siti_first"].rhk_atasan_id is None
    rows = {row.baris.pegawai.nama: row for row in page.context["baris"]}
    assert [rhk.kode for rhk in rows["Siti Aminah"].lepas] == ["RHK-01"]


def test_link_to_an_rhk_that_is_not_the_appraisers_is_404(agency, client_for, team):
    _outsider_plan, outsider_rhk = plan_with_rhk(agency.outsider)
    before = skp_state()
    client = client_for("penilai")
    for target in (team["siti_first"], outsider_rhk, team["agus_rhk"]):
        response = client.post(
            reverse("skp:rhk-link", args=[team["siti_loose"].pk]), {"rhk_atasan": target.pk}
        )
        assert response.status_code == 404
    assert skp_state() == before


def test_link_refusals_show_the_reason_and_change_nothing(agency, client_for, team):
    open_year(2027)
    _other_year_plan, other_year_rhk = plan_with_rhk(agency.penilai, tahun=2027, kode="B-1")
    before = skp_state()
    client = client_for("penilai")
    wrong_year = client.post(
        reverse("skp:rhk-link", args=[team["siti_loose"].pk]), {"rhk_atasan": other_year_rhk.pk}
    )
    assert sent_messages(wrong_year) == ["RHK pimpinan harus milik pejabat penilai pegawai ini."]
    submitted = client_for("penilai").post(
        reverse("skp:rhk-link", args=[team["agus_rhk"].pk]), {"rhk_atasan": team["second"].pk}
    )
    assert sent_messages(submitted) == [
        "SKP sedang diajukan kepada pejabat penilai; tarik kembali untuk mengubahnya."
    ]
    bad = client_for("penilai").post(
        reverse("skp:rhk-link", args=[team["siti_loose"].pk]), {"rhk_atasan": "satu"}
    )
    assert sent_messages(bad) == ["Masukkan keseluruhan angka bilangan."]
    assert skp_state() == before
