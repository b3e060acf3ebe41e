"""Performance-year pages: permission matrices over every role (and an admin of the root unit),
the exact rows shown, the forms and their errors, the HTMX inline deadline edit, transitions
with their reason, the state history, and pinned query counts."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.audit.services import Aktor
from kinerja.conftest import ROLES
from kinerja.core.templatetags.kinerja import waktu
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.tests.factories import PenggunaFactory, give_role
from kinerja.periode import services
from kinerja.periode.models import Periode, TahunKinerja
from kinerja.skp.tests.helpers import skp_state

pytestmark = pytest.mark.django_db

D = datetime.date
SYSTEM = Aktor.system("tes")
ALL_ROLES = (*ROLES, "root_admin")
MANAGERS = {"superuser", "root_admin"}
HTMX = {"HTTP_HX_REQUEST": "true"}
TW1_READ = [
    "TW1",
    "Triwulan I",
    "1 Januari 2026 – 31 Maret 2026",
    "5 April 2026",
    "10 April 2026",
    "15 April 2026",
    "Draf",
]


# --- Helpers ---------------------------------------------------------------------------------


@pytest.fixture
def client_as(agency, client_for):
    """client_as(role): a logged-in client for a role of the matrix, or an admin kepegawaian
    of the root unit (an agency admin) for "root_admin"."""

    def make(role: str) -> Client:
        if role != "root_admin":
            return client_for(role)
        user = PenggunaFactory(nama="Admin Sekretariat")
        give_role(user, JenisPeran.ADMIN_KEPEGAWAIAN, agency.root)
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def year(agency) -> TahunKinerja:
    """2026 by quarters, with the default SKP deadlines (31 January, 14 February)."""
    return services.tahun_open(aktor=SYSTEM, tahun=2026)


def period_of(tahun: int, kode: str) -> Periode:
    return Periode.objects.get(tahun__tahun=tahun, kode=kode)


def move(periode: Periode, *actions: str) -> Periode:
    for aksi in actions:
        periode = services.periode_transition(
            aktor=SYSTEM, periode=periode, aksi=aksi, alasan=f"Alasan {aksi}"
        )
    return periode


def assert_login_redirect(response) -> None:
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def messages_after(client: Client, response) -> list[str]:
    return [str(message) for message in client.get(response.url).context["messages"]]


class RowReader(HTMLParser):
    """The text of each cell of the table rows whose data-testid starts with a prefix."""

    def __init__(self, prefix: str) -> None:
        super().__init__(convert_charrefs=True)
        self.prefix = prefix
        self.found: list[tuple[str, list[str]]] = []
        self.inside = False
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        testid = dict(attrs).get("data-testid") or ""
        if tag == "tr" and testid.startswith(self.prefix):
            self.inside = True
            self.found.append((testid, []))
        elif tag == "td" and self.inside:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.cell is not None:
            self.found[-1][1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def row_list(response, prefix: str) -> list[tuple[str, list[str]]]:
    reader = RowReader(prefix)
    reader.feed(response.content.decode())
    return reader.found


def rows(response, prefix: str) -> dict[str, list[str]]:
    """The rows by their (unique) data-testid."""
    return dict(row_list(response, prefix))


def has_testid(response, testid: str) -> bool:
    return f'data-testid="{testid}"' in response.content.decode()


# --- Reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_list_matrix(year, client_as, role):
    move(period_of(2026, "TW1"), "open")
    before = skp_state()

    response = client_as(role).get(reverse("periode:list"))

    if role == "anonim":
        assert_login_redirect(response)
    else:
        assert response.status_code == 200
        assert response.context["nav_section"] == "periode"
        assert rows(response, "tahun-") == {
            "tahun-2026": [
                "2026",
                "Triwulan",
                "31 Januari 2026",
                "14 Februari 2026",
                "Tidak dipakai",
                "1 dari 5",
            ]
        }
        assert response.context["can_manage"] is (role in MANAGERS)
        assert has_testid(response, "buka-form") is (role in MANAGERS)
        assert 'href="/periode/" aria-current="page"' in response.content.decode()
    assert skp_state() == before


def test_the_list_without_years(agency, client_for):
    response = client_for("pegawai").get(reverse("periode:list"))
    assert "Belum ada tahun kinerja yang dibuka." in response.content.decode()
    assert response.context["years"] == []


def test_the_open_form_suggests_this_year_then_the_next_one(agency, client_for):
    client = client_for("superuser")
    this_year = timezone.localdate().year
    assert client.get(reverse("periode:list")).context["form"].initial == {"tahun": this_year}
    services.tahun_open(aktor=SYSTEM, tahun=this_year)
    services.tahun_open(aktor=SYSTEM, tahun=this_year + 2)
    suggested = client.get(reverse("periode:list")).context["form"].initial
    assert suggested == {"tahun": this_year + 3}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_detail_matrix(year, client_as, role):
    move(period_of(2026, "TW2"), "open", "close")
    before = skp_state()

    response = client_as(role).get(reverse("periode:detail", args=[2026]))

    if role == "anonim":
        assert_login_redirect(response)
        assert skp_state() == before
        return
    assert response.status_code == 200
    assert response.context["nav_section"] == "periode"
    manages = role in MANAGERS
    assert response.context["can_manage"] is manages
    table = rows(response, "periode-")
    assert list(table) == [
        "periode-TW1",
        "periode-TW2",
        "periode-TW3",
        "periode-TW4",
        "periode-TAHUNAN",
    ]
    tw2 = [
        "TW2",
        "Triwulan II",
        "1 April 2026 – 30 Juni 2026",
        "5 Juli 2026",
        "10 Juli 2026",
        "15 Juli 2026",
        "Ditutup",
    ]
    annual = [
        "TAHUNAN",
        "Tahunan",
        "1 Januari 2026 – 31 Desember 2026",
        "5 Januari 2027",
        "10 Januari 2027",
        "15 Januari 2027",
        "Draf",
    ]
    if manages:
        assert table["periode-TW1"] == [*TW1_READ, "Buka Ubah batas waktu"]
        assert table["periode-TW2"] == [
            *tw2,
            "Alasan Buka kembali Alasan Kunci Ubah batas waktu",
        ]
        assert table["periode-TAHUNAN"] == [*annual, "Buka Ubah batas waktu"]
    else:
        assert table["periode-TW1"] == TW1_READ
        assert table["periode-TW2"] == tw2
        assert table["periode-TAHUNAN"] == annual
    for testid in ("pengaturan-form", "aksi-open", "aksi-reopen", "aksi-lock"):
        assert has_testid(response, testid) is manages
    first, second = (shown_time(item.pada) for item, _label in response.context["history"])
    assert [cells for _testid, cells in row_list(response, "riwayat-baris")] == [
        [first, "Triwulan II", "Tutup", "Dibuka → Ditutup", "Alasan close", "tes"],
        [second, "Triwulan II", "Buka", "Draf → Dibuka", "Alasan open", "tes"],
    ]
    assert skp_state() == before


def shown_time(moment: datetime.datetime) -> str:
    """A moment as the pages show it ("29 November 2026 15.45")."""
    return waktu(moment)


def test_the_history_shows_every_change_newest_first(year, client_for):
    tw1 = period_of(2026, "TW1")
    user = PenggunaFactory(nama="Admin Sekretariat")
    admin = Aktor.of_user(user)
    services.periode_transition(aktor=admin, periode=tw1, aksi="open")
    services.periode_transition(
        aktor=admin, periode=tw1, aksi="close", alasan="Masa realisasi selesai"
    )
    services.periode_transition(aktor=SYSTEM, periode=period_of(2026, "TW2"), aksi="open")

    response = client_for("auditor").get(reverse("periode:detail", args=[2026]))

    who = f"Admin Sekretariat ({user.nip})"
    times = [shown_time(item.pada) for item, _label in response.context["history"]]
    assert [cells for _testid, cells in row_list(response, "riwayat-baris")] == [
        [times[0], "Triwulan II", "Buka", "Draf → Dibuka", "—", "tes"],
        [times[1], "Triwulan I", "Tutup", "Dibuka → Ditutup", "Masa realisasi selesai", who],
        [times[2], "Triwulan I", "Buka", "Draf → Dibuka", "—", who],
    ]


def test_an_empty_history(year, client_for):
    response = client_for("pegawai").get(reverse("periode:detail", args=[2026]))
    assert "Belum ada perubahan status." in response.content.decode()


def test_a_missing_year_is_404(year, client_for):
    assert client_for("pegawai").get(reverse("periode:detail", args=[2025])).status_code == 404
    assert client_for("superuser").get(reverse("periode:detail", args=[2025])).status_code == 404


# --- Opening a year --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_open_matrix(year, client_as, role):
    client = client_as(role)
    before = skp_state()
    data = {
        "tahun": "2027",
        "jenis_periode": "BULANAN",
        "batas_pengajuan_skp": "2027-02-15",
        "batas_persetujuan_skp": "",
        "aspek_biaya": "on",
    }

    page = client.get(reverse("periode:open"))
    response = client.post(reverse("periode:open"), data)

    if role == "anonim":
        assert_login_redirect(page)
        assert_login_redirect(response)
    elif role in MANAGERS:
        assert page.status_code == 200
        assert response.status_code == 302
        assert response.url == reverse("periode:detail", args=[2027])
        assert messages_after(client, response) == ["Tahun kinerja 2027 dibuka."]
        opened = TahunKinerja.objects.get(tahun=2027)
        assert (
            opened.jenis_periode,
            opened.batas_pengajuan_skp,
            opened.batas_persetujuan_skp,
            opened.aspek_biaya,
        ) == ("BULANAN", D(2027, 2, 15), D(2027, 3, 1), True)
        assert opened.periode.count() == 13
        return
    else:
        assert (page.status_code, response.status_code) == (403, 403)
    assert skp_state() == before


def test_open_with_the_default_deadlines(agency, client_for):
    response = client_for("superuser").post(
        reverse("periode:open"), {"tahun": "2027", "jenis_periode": "TRIWULAN"}
    )
    assert response.status_code == 302
    opened = TahunKinerja.objects.get()
    assert (opened.batas_pengajuan_skp, opened.batas_persetujuan_skp, opened.aspek_biaya) == (
        D(2027, 1, 31),
        D(2027, 2, 14),
        False,
    )


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"tahun": "2026", "jenis_periode": "TRIWULAN"},
            {"tahun": ["Tahun kinerja 2026 sudah dibuka."]},
        ),
        (
            {
                "tahun": "2027",
                "jenis_periode": "TRIWULAN",
                "batas_pengajuan_skp": "2027-02-01",
                "batas_persetujuan_skp": "2027-01-31",
            },
            {
                "batas_persetujuan_skp": [
                    "Batas persetujuan SKP tidak boleh sebelum batas pengajuan."
                ]
            },
        ),
        (
            {"tahun": "2027", "jenis_periode": "TRIWULAN", "batas_pengajuan_skp": "31-13-2027"},
            {"batas_pengajuan_skp": ["Tanggal tidak valid; gunakan format TTTT-BB-HH."]},
        ),
        (
            {"tahun": "1999", "jenis_periode": "SEMESTER"},
            {
                "tahun": ["Pastikan nilai ini lebih besar dari atau sama dengan 2000."],
                "jenis_periode": [
                    "Masukkan pilihan yang valid. SEMESTER bukan salah satu dari pilihan yang "
                    "tersedia."
                ],
            },
        ),
    ],
)
def test_open_errors_are_shown_on_the_form(year, client_for, data, errors):
    before = skp_state()
    response = client_for("superuser").post(reverse("periode:open"), data)
    assert response.status_code == 200
    assert next(t.name for t in response.templates) == "periode/buka.html"
    assert response.context["form"].errors == errors
    assert skp_state() == before


# --- A year's settings -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_update_matrix(year, client_as, role):
    client = client_as(role)
    before = skp_state()
    data = {"batas_pengajuan_skp": "2026-02-02", "batas_persetujuan_skp": "2026-02-20"}

    page = client.get(reverse("periode:update", args=[2026]))
    response = client.post(reverse("periode:update", args=[2026]), data)

    if role == "anonim":
        assert_login_redirect(page)
        assert_login_redirect(response)
    elif role in MANAGERS:
        assert page.status_code == 200
        assert page.context["form"].initial == {
            "batas_pengajuan_skp": D(2026, 1, 31),
            "batas_persetujuan_skp": D(2026, 2, 14),
            "aspek_biaya": False,
        }
        assert response.status_code == 302
        assert response.url == reverse("periode:detail", args=[2026])
        assert messages_after(client, response) == ["Pengaturan tahun kinerja 2026 disimpan."]
        stored = TahunKinerja.objects.get(pk=year.pk)
        assert (stored.batas_pengajuan_skp, stored.batas_persetujuan_skp, stored.aspek_biaya) == (
            D(2026, 2, 2),
            D(2026, 2, 20),
            False,
        )
        return
    else:
        assert (page.status_code, response.status_code) == (403, 403)
    assert skp_state() == before


def test_update_errors_are_shown_on_the_form(year, client_for):
    before = skp_state()
    response = client_for("superuser").post(
        reverse("periode:update", args=[2026]),
        {"batas_pengajuan_skp": "2026-03-01", "batas_persetujuan_skp": "2026-02-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "batas_persetujuan_skp": ["Batas persetujuan SKP tidak boleh sebelum batas pengajuan."]
    }
    assert skp_state() == before


def test_update_of_a_missing_year_is_404(year, client_for):
    url = reverse("periode:update", args=[2025])
    assert client_for("superuser").post(url, {}).status_code == 404
    assert client_for("pegawai").post(url, {}).status_code == 404


# --- A period's deadlines --------------------------------------------------------------------

NEW_DEADLINES = {
    "batas_realisasi": "2026-04-06",
    "batas_verifikasi": "2026-04-13",
    "batas_penilaian": "2026-04-20",
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_period_update_matrix(year, client_as, role):
    client = client_as(role)
    tw1 = period_of(2026, "TW1")
    url = reverse("periode:period-update", args=[tw1.pk])
    before = skp_state()

    page = client.get(url)
    response = client.post(url, NEW_DEADLINES)

    if role == "anonim":
        assert_login_redirect(page)
        assert_login_redirect(response)
    elif role in MANAGERS:
        assert page.status_code == 200
        assert next(t.name for t in page.templates) == "periode/periode_ubah.html"
        assert response.status_code == 302
        assert response.url == reverse("periode:detail", args=[2026])
        assert messages_after(client, response) == ["Batas waktu Triwulan I 2026 disimpan."]
        stored = Periode.objects.get(pk=tw1.pk)
        assert (stored.batas_realisasi, stored.batas_verifikasi, stored.batas_penilaian) == (
            D(2026, 4, 6),
            D(2026, 4, 13),
            D(2026, 4, 20),
        )
        return
    else:
        assert (page.status_code, response.status_code) == (403, 403)
    assert skp_state() == before


def test_period_update_errors_on_its_own_page(year, client_for):
    tw2 = period_of(2026, "TW2")
    before = skp_state()
    response = client_for("superuser").post(
        reverse("periode:period-update", args=[tw2.pk]),
        {"batas_realisasi": "2026-03-31", "batas_verifikasi": "2026-07-10", "batas_penilaian": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"batas_penilaian": ["Tanggal wajib diisi."]}
    response = client_for("superuser").post(
        reverse("periode:period-update", args=[tw2.pk]),
        {
            "batas_realisasi": "2026-03-31",
            "batas_verifikasi": "2026-07-10",
            "batas_penilaian": "2026-07-15",
        },
    )
    assert response.context["form"].errors == {
        "batas_realisasi": ["Batas realisasi tidak boleh sebelum periode dimulai."]
    }
    assert skp_state() == before


def test_a_locked_period_refuses_new_deadlines(year, client_for):
    tw1 = move(period_of(2026, "TW1"), "open", "close", "lock")
    before = skp_state()
    response = client_for("superuser").post(
        reverse("periode:period-update", args=[tw1.pk]), NEW_DEADLINES
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Periode yang dikunci tidak dapat diubah; buka kuncinya dahulu."
    ]
    assert skp_state() == before


def test_a_locked_period_has_no_deadline_edit_link(year, client_for):
    tw1 = move(period_of(2026, "TW1"), "open", "close", "lock")
    response = client_for("superuser").get(reverse("periode:detail", args=[2026]))
    assert rows(response, "periode-TW1")["periode-TW1"][-1] == "Alasan Buka kunci"
    assert reverse("periode:period-update", args=[tw1.pk]) not in response.content.decode()


def test_inline_deadline_edit_with_htmx(year, client_for):
    client = client_for("superuser")
    tw1 = period_of(2026, "TW1")
    url = reverse("periode:period-update", args=[tw1.pk])

    form_row = client.get(url, **HTMX)
    names = [t.name for t in form_row.templates]
    assert names[0] == "periode/_periode_form.html"
    assert "base.html" not in names
    html = form_row.content.decode()
    assert html.startswith('<tr id="periode-')
    assert f'hx-post="{url}"' in html
    assert f'id="id_periode{tw1.pk}_batas_realisasi"' in html
    assert 'value="2026-04-05"' in html

    saved = client.post(url, NEW_DEADLINES, **HTMX)
    assert saved.status_code == 200
    assert next(t.name for t in saved.templates) == "periode/_periode_baris.html"
    assert rows(saved, "periode-TW1") == {
        "periode-TW1": [
            "TW1",
            "Triwulan I",
            "1 Januari 2026 – 31 Maret 2026",
            "6 April 2026",
            "13 April 2026",
            "20 April 2026",
            "Draf",
            "Buka Ubah batas waktu",
        ]
    }
    # No message is left for the next page: the row itself shows the change.
    assert list(client.get(reverse("periode:list")).context["messages"]) == []


def test_inline_deadline_errors_come_back_in_the_form_row(year, client_for):
    tw1 = period_of(2026, "TW1")
    before = skp_state()
    response = client_for("superuser").post(
        reverse("periode:period-update", args=[tw1.pk]),
        {**NEW_DEADLINES, "batas_verifikasi": "2026-04-01"},
        **HTMX,
    )
    assert response.status_code == 200
    assert next(t.name for t in response.templates) == "periode/_periode_form.html"
    assert "Batas verifikasi tidak boleh sebelum batas realisasi." in response.content.decode()
    assert skp_state() == before


def test_readers_get_no_inline_form(year, client_for):
    tw1 = period_of(2026, "TW1")
    response = client_for("auditor").get(reverse("periode:period-update", args=[tw1.pk]), **HTMX)
    assert response.status_code == 403


def test_a_missing_period_is_404(year, client_for):
    missing = Periode.objects.order_by("-pk").first().pk + 1
    for role in ("superuser", "pegawai"):
        client = client_for(role)
        assert client.get(reverse("periode:period-update", args=[missing])).status_code == 404
        url = reverse("periode:period-transition", args=[missing, "open"])
        assert client.post(url).status_code == 404


# --- Transitions -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_transition_matrix(year, client_as, role):
    client = client_as(role)
    tw1 = move(period_of(2026, "TW1"), "open")
    url = reverse("periode:period-transition", args=[tw1.pk, "close"])
    before = skp_state()

    page = client.get(url)
    response = client.post(url, {"alasan": "Masa realisasi selesai"})

    if role == "anonim":
        assert_login_redirect(page)
        assert_login_redirect(response)
    elif role in MANAGERS:
        assert page.status_code == 200
        assert response.status_code == 302
        assert response.url == reverse("periode:detail", args=[2026])
        assert messages_after(client, response) == ["Triwulan I 2026 kini berstatus ditutup."]
        assert Periode.objects.get(pk=tw1.pk).status == "DITUTUP"
        assert list(tw1.riwayat_status.values_list("aksi", "alasan")) == [
            ("close", "Masa realisasi selesai"),
            ("open", "Alasan open"),
        ]
        return
    else:
        assert (page.status_code, response.status_code) == (403, 403)
    assert skp_state() == before


def test_open_needs_no_reason(year, client_for):
    client = client_for("superuser")
    tw1 = period_of(2026, "TW1")
    response = client.post(reverse("periode:period-transition", args=[tw1.pk, "open"]))
    assert response.status_code == 302
    assert messages_after(client, response) == ["Triwulan I 2026 kini berstatus dibuka."]
    assert list(tw1.riwayat_status.values_list("aksi", "dari", "ke", "alasan")) == [
        ("open", "DRAF", "DIBUKA", "")
    ]


def test_a_missing_reason_asks_again(year, client_for):
    tw1 = move(period_of(2026, "TW1"), "open", "close")
    before = skp_state()

    response = client_for("superuser").post(
        reverse("periode:period-transition", args=[tw1.pk, "lock"]), {"alasan": "  "}
    )

    assert response.status_code == 200
    assert next(t.name for t in response.templates) == "periode/transisi.html"
    assert response.context["form"].non_field_errors() == ["Alasan wajib diisi untuk tindakan ini."]
    page = response.content.decode()
    assert "<h1>Kunci: Triwulan I 2026</h1>" in page
    assert "Alasan wajib diisi; alasan dicatat dalam riwayat status periode" in page
    assert skp_state() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_transition_the_status_does_not_allow_goes_back_with_a_message(year, client_for, method):
    client = client_for("superuser")
    tw1 = period_of(2026, "TW1")
    before = skp_state()

    response = getattr(client, method)(
        reverse("periode:period-transition", args=[tw1.pk, "lock"]), {"alasan": "Uji"}
    )

    assert response.status_code == 302
    assert response.url == reverse("periode:detail", args=[2026])
    assert messages_after(client, response) == ["Periode berstatus draf tidak dapat dikunci."]
    assert skp_state() == before


def test_an_unknown_action_is_404(year, client_for):
    tw1 = period_of(2026, "TW1")
    before = skp_state()
    url = reverse("periode:period-transition", args=[tw1.pk, "hapus"])
    assert client_for("superuser").post(url, {"alasan": "Uji"}).status_code == 404
    assert skp_state() == before


# --- Query counts ----------------------------------------------------------------------------


LIST_QUERIES = 5
DETAIL_QUERIES = 7


def test_list_queries_are_pinned_and_flat(agency, client_for, django_assert_num_queries):
    client = client_for("superuser")
    services.tahun_open(aktor=SYSTEM, tahun=2026)
    client.get(reverse("periode:list"))  # the session is warm
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(reverse("periode:list")).status_code == 200
    for tahun in (2024, 2025, 2027):
        services.tahun_open(aktor=SYSTEM, tahun=tahun, jenis_periode="BULANAN")
    move(period_of(2027, "B01"), "open")
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("periode:list"))
    assert list(rows(response, "tahun-")) == [
        "tahun-2027",
        "tahun-2026",
        "tahun-2025",
        "tahun-2024",
    ]


def test_detail_queries_are_pinned_and_flat(agency, client_for, django_assert_num_queries):
    client = client_for("superuser")
    services.tahun_open(aktor=SYSTEM, tahun=2026)
    services.tahun_open(aktor=SYSTEM, tahun=2027, jenis_periode="BULANAN")
    client.get(reverse("periode:detail", args=[2026]))
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(reverse("periode:detail", args=[2026])).status_code == 200
    for kode in ("B01", "B02", "B03", "B04"):
        move(period_of(2027, kode), "open", "close", "lock", "unlock")
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(reverse("periode:detail", args=[2027]))
    assert len(rows(response, "periode-")) == 13
    assert len(response.context["history"]) == 16
