"""Rule-set pages: permission matrices over every role, the content in words, the section
editors (round trip, changes, errors on the right field), the life cycle, export and import, and
pinned query counts."""

from __future__ import annotations

import datetime
import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from kinerja.aturan import rules, selectors, services
from kinerja.aturan.forms import SECTION_EDITORS, KeberatanEditor, KurvaEditor
from kinerja.aturan.models import SetAturan
from kinerja.audit.models import Entri
from kinerja.conftest import ROLES
from kinerja.organisasi.enums import JenisPeran
from kinerja.organisasi.tests.factories import PenggunaFactory, give_role
from kinerja.organisasi.tests.helpers import aktor_of, database_state

pytestmark = pytest.mark.django_db

MANAGERS_OF_BIRO = {"admin", "superuser"}
CREATORS = {"admin", "superuser"}
NAV_ROLES = {"admin", "pimpinan", "auditor", "superuser"}


# --- Helpers ---------------------------------------------------------------------------------


def state() -> dict[str, Any]:
    """Everything a refused act must leave alone: the organisation, the audit log, rule sets."""
    rows = SetAturan.objects.order_by("pk").values_list(
        "pk",
        "kode",
        "versi",
        "nama",
        "dasar_hukum",
        "berlaku_mulai",
        "unit_id",
        "status",
        "isi",
        "catatan",
        "disalin_dari_id",
        "diaktifkan_pada",
    )
    return {**database_state(), "set_aturan": list(rows)}


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def follow_messages(client: Client, response) -> list[str]:
    return shown_messages(client.get(response.url))


def url(name: str, set_aturan: SetAturan, bagian: str = "keberatan") -> str:
    args: list[Any] = [set_aturan.pk, bagian] if name == "aturan:section" else [set_aturan.pk]
    return reverse(name, args=args)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


class FormReader(HTMLParser):
    """What a browser submits from the form with a given data-testid (no button pressed)."""

    def __init__(self, testid: str) -> None:
        super().__init__(convert_charrefs=True)
        self.testid, self.inside = testid, False
        self.data: dict[str, list[str]] = {}
        self.select: str | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form" and found.get("data-testid") == self.testid:
            self.inside = True
        elif not self.inside:
            return
        elif tag == "input":
            kind = found.get("type", "text")
            if kind in ("submit", "button", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in found:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.data.setdefault(found["name"], []).append(found.get("value", default))
        elif tag == "select":
            self.select, self.options = found["name"], []
        elif tag == "option" and self.select:
            self.options.append((found.get("value", ""), "selected" in found))
        elif tag == "textarea":
            self.textarea, self.text = found["name"], ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            chosen = [value for value, selected in self.options if selected]
            self.data.setdefault(self.select, []).extend(chosen or [self.options[0][0]])
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.data.setdefault(self.textarea, []).append(self.text.removeprefix("\n"))
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.text += data


def form_data(response, testid: str = "bagian-form") -> dict[str, list[str]]:
    reader = FormReader(testid)
    reader.feed(response.content.decode())
    assert reader.data, f"no form {testid!r} on the page"
    return reader.data


def with_values(data: dict[str, list[str]], **values: Any) -> dict[str, list[str]]:
    """The form data with some fields replaced ("pola-BAIK-1-nilai" as pola_BAIK_1_nilai is not
    possible, so dashed names are given through `**{"pola-BAIK-1-nilai": "60"}`)."""
    changed = dict(data)
    for name, value in values.items():
        changed[name] = value if isinstance(value, list) else [value]
    return changed


@pytest.fixture
def bawaan(db) -> SetAturan:
    return SetAturan.objects.get(kode="bawaan", versi=1)


@pytest.fixture
def draft(agency, bawaan) -> SetAturan:
    """Version 2 of the default rule set, a draft copied by the superuser."""
    return services.rule_set_copy(aktor=aktor_of(agency.superuser), sumber=bawaan)


@pytest.fixture
def biro_draft(agency) -> SetAturan:
    """A draft of a rule set scoped to Biro Umum (the admin fixture manages it)."""
    return services.rule_set_create(
        aktor=aktor_of(agency.superuser),
        kode="biro-umum",
        nama="Set aturan Biro Umum – 2025",
        dasar_hukum="Keputusan Kepala Biro Umum 1/2025",
        berlaku_mulai=datetime.date(2025, 1, 1),
        unit=agency.biro,
        isi=rules.isi_default(),
    )


def section_page(client: Client, set_aturan: SetAturan, bagian: str):
    response = client.get(url("aturan:section", set_aturan, bagian))
    assert response.status_code == 200
    return response


# --- Permission matrices of the read pages ---------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_list_matrix(agency, client_for, bawaan, role):
    before = state()
    response = client_for(role).get(reverse("aturan:list"))
    if role == "anonim":
        assert_login_redirect(response)
    else:
        assert response.status_code == 200
        assert response.context["nav_section"] == "aturan"
        assert response.context["groups"] == [("bawaan", [bawaan])]
        assert response.context["agency_id"] == bawaan.pk
        assert response.context["can_create"] is (role in CREATORS)
        page = response.content.decode()
        assert ("Impor set aturan</a>" in page) is (role in CREATORS)
        assert ('href="/aturan/"' in page) is (role in NAV_ROLES)
    assert state() == before


@pytest.mark.parametrize("role", ROLES)
def test_detail_matrix(agency, client_for, bawaan, biro_draft, role):
    before = state()
    client = client_for(role)
    for set_aturan, managers in ((bawaan, {"superuser"}), (biro_draft, MANAGERS_OF_BIRO)):
        response = client.get(url("aturan:detail", set_aturan))
        if role == "anonim":
            assert_login_redirect(response)
            continue
        assert response.status_code == 200
        assert response.context["set_aturan"] == set_aturan
        assert response.context["nav_section"] == "aturan"
        assert response.context["can_manage"] is (role in managers)
        hint = role in CREATORS and role not in managers
        assert response.context["import_hint"] is hint
    assert state() == before


@pytest.mark.parametrize("role", ROLES)
def test_export_matrix(agency, client_for, bawaan, role):
    before = state()
    response = client_for(role).get(url("aturan:export", bawaan))
    if role == "anonim":
        assert_login_redirect(response)
    else:
        assert response.status_code == 200
        assert json.loads(response.content) == selectors.rule_set_document(bawaan)
    assert state() == before


def test_missing_rule_sets_are_404(agency, client_for):
    client = client_for("superuser")
    for name in ("aturan:detail", "aturan:export", "aturan:copy", "aturan:update"):
        assert client.get(reverse(name, args=[999])).status_code == 404
    for name in ("aturan:activate", "aturan:delete"):
        assert client.post(reverse(name, args=[999])).status_code == 404
    assert client.get(reverse("aturan:section", args=[999, "kurva"])).status_code == 404


# --- Permission matrices of the changes ------------------------------------------------------

METADATA = {
    "nama": "Set aturan diubah",
    "dasar_hukum": "Dasar hukum diubah",
    "berlaku_mulai": "2027-01-01",
    "unit": "",
    "catatan": "",
}

# (view, method, data, status for the superuser, whether the superuser's request changes data)
AGENCY_DEFAULT_ACTIONS = [
    ("aturan:copy", "get", None, 200, False),
    ("aturan:copy", "post", {"kode": "", "nama": "", "catatan": "Uji"}, 302, True),
    ("aturan:update", "get", None, 302, False),
    ("aturan:update", "post", METADATA, 302, False),
    ("aturan:section", "get", None, 302, False),
    ("aturan:section", "post", {"batas_hari": "21"}, 302, False),
    ("aturan:activate", "post", {}, 302, False),
    ("aturan:deactivate", "get", None, 200, False),
    ("aturan:deactivate", "post", {"alasan": "Uji"}, 302, False),
    ("aturan:delete", "post", {}, 302, False),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "data", "status", "changes"), AGENCY_DEFAULT_ACTIONS)
def test_changes_to_the_agency_default_need_agency_rights(
    agency, client_for, bawaan, role, name, method, data, status, changes
):
    client = client_for(role)
    before = state()
    target = url(name, bawaan)
    response = client.get(target) if method == "get" else client.post(target, data)
    if role == "anonim":
        assert_login_redirect(response)
    elif role == "superuser":
        assert response.status_code == status
        assert (state() != before) is changes
        return
    else:
        # The admin of Biro Umum reads the agency-wide default but may not change it.
        assert response.status_code == 403
    assert state() == before


BIRO_ACTIONS = [
    ("aturan:copy", "get", None, 200),
    ("aturan:copy", "post", {"kode": "", "nama": "", "catatan": "Uji"}, 302),
    ("aturan:update", "get", None, 200),
    ("aturan:update", "post", "biro-metadata", 302),
    ("aturan:section", "get", None, 200),
    ("aturan:section", "post", {"batas_hari": "21"}, 302),
    ("aturan:activate", "post", {}, 302),
    ("aturan:deactivate", "get", None, 302),
    ("aturan:delete", "post", {}, 302),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "data", "status"), BIRO_ACTIONS)
def test_changes_to_a_biro_version_need_rights_over_biro(
    agency, client_for, biro_draft, role, name, method, data, status
):
    if data == "biro-metadata":
        data = {**METADATA, "unit": agency.biro.pk}
    client = client_for(role)
    before = state()
    target = url(name, biro_draft)
    response = client.get(target) if method == "get" else client.post(target, data)
    if role == "anonim":
        assert_login_redirect(response)
    elif role in MANAGERS_OF_BIRO:
        assert response.status_code == status
        assert (state() != before) is (method == "post")
        return
    else:
        assert response.status_code == 403
    assert state() == before


@pytest.mark.parametrize("role", ROLES)
def test_import_matrix(agency, client_for, bawaan, role):
    client = client_for(role)
    before = state()
    get = client.get(reverse("aturan:import"))
    document = json.dumps(selectors.rule_set_document(bawaan)).encode()
    post = client.post(
        reverse("aturan:import"),
        {"berkas": SimpleUploadedFile("bawaan.json", document), "unit": agency.biro.pk},
    )
    if role == "anonim":
        assert_login_redirect(get)
        assert_login_redirect(post)
    elif role in CREATORS:
        assert get.status_code == 200
        assert get.context["nav_section"] == "aturan"
        assert post.status_code == 302
        assert SetAturan.objects.get(versi=2).unit == agency.biro
        return
    else:
        assert get.status_code == 404
        assert post.status_code == 404
    assert state() == before


def test_an_admin_of_the_root_manages_agency_wide_rule_sets(agency, bawaan):
    root_admin = PenggunaFactory(nama="Admin Sekretariat")
    give_role(root_admin, JenisPeran.ADMIN_KEPEGAWAIAN, agency.root)
    client = Client()
    client.force_login(root_admin)
    assert client.get(url("aturan:detail", bawaan)).context["can_manage"] is True
    response = client.post(url("aturan:copy", bawaan), {"kode": "", "nama": "", "catatan": ""})
    copy = SetAturan.objects.get(versi=2)
    assert response.url == url("aturan:update", copy)
    form = client.get(response.url).context["form"]
    assert form.fields["unit"].required is False
    assert form.fields["unit"].empty_label == "Seluruh instansi"
    assert [unit.kode for unit in form.fields["unit"].queryset] == ["SET", "BU", "BU-SDM", "BL"]


def test_navigation_shows_rule_sets_to_admins_leaders_and_auditors(agency, client_for):
    for role in ("pegawai", "penilai", "outsider", "admin", "pimpinan", "auditor", "superuser"):
        page = client_for(role).get(reverse("core:beranda")).content.decode()
        assert ('<a href="/aturan/">Set aturan</a>' in page) is (role in NAV_ROLES), role
    page = client_for("pimpinan").get(reverse("aturan:list")).content.decode()
    assert '<a href="/aturan/" aria-current="page">Set aturan</a>' in page


# --- The list and the detail page ------------------------------------------------------------


def test_list_groups_versions_and_marks_the_one_in_force_today(agency, client_for, bawaan):
    draft = services.rule_set_copy(aktor=aktor_of(agency.superuser), sumber=bawaan)
    services.rule_set_activate(aktor=aktor_of(agency.superuser), set_aturan=draft)
    biro = services.rule_set_create(
        aktor=aktor_of(agency.superuser),
        kode="biro-umum",
        nama="Set aturan Biro Umum",
        dasar_hukum="SK 1/2025",
        berlaku_mulai=datetime.date(2025, 1, 1),
        unit=agency.biro,
        isi=rules.isi_default(),
    )
    response = client_for("pegawai").get(reverse("aturan:list"))
    assert response.context["groups"] == [("bawaan", [draft, bawaan]), ("biro-umum", [biro])]
    assert response.context["agency_id"] == draft.pk
    page = response.content.decode()
    assert page.count('data-testid="berlaku-hari-ini"') == 1
    assert "<td>1 Januari 2023</td>" in page
    assert "<td>1 Januari 2025</td>" in page
    assert "<td>Biro Umum</td>" in page
    assert "<td>Seluruh instansi</td>" in page
    assert '<span class="badge warn" data-testid="status">Draf</span>' in page
    assert page.count('<span class="badge ok" data-testid="status">Aktif</span>') == 2


def test_detail_shows_the_content_in_words(agency, client_for, bawaan):
    response = client_for("pegawai").get(url("aturan:detail", bawaan))
    isi = response.context["isi"]
    assert isi["predikat"] == {
        "columns": ["Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Di Atas Ekspektasi"],
        "rows": [
            (
                "Di Atas Ekspektasi",
                [("Kurang/Misconduct", "bad"), ("Baik", "ok"), ("Sangat Baik", "ok")],
            ),
            ("Sesuai Ekspektasi", [("Kurang/Misconduct", "bad"), ("Baik", "ok"), ("Baik", "ok")]),
            (
                "Di Bawah Ekspektasi",
                [
                    ("Sangat Kurang", "bad"),
                    ("Butuh Perbaikan", "warn"),
                    ("Butuh Perbaikan", "warn"),
                ],
            ),
        ],
    }
    assert isi["kurva"] == {
        "ukuran_minimum": 10,
        "pola": [
            ("Istimewa", ["Sangat Baik kelompok terbanyak", "Sangat Baik paling banyak 70%"]),
            (
                "Baik",
                [
                    "Baik kelompok terbanyak",
                    "Baik paling banyak 70%",
                    "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang",
                ],
            ),
            (
                "Butuh Perbaikan",
                ["Sangat Baik paling banyak 10%", "Butuh Perbaikan paling sedikit 60%"],
            ),
            (
                "Kurang",
                [
                    "Sangat Baik paling banyak 10%",
                    "Butuh Perbaikan paling sedikit 10%",
                    "Kurang/Misconduct paling sedikit 60%",
                ],
            ),
            (
                "Sangat Kurang",
                [
                    "Sangat Baik paling banyak 0%",
                    "Butuh Perbaikan + Kurang/Misconduct paling sedikit 10%",
                    "Sangat Kurang paling sedikit 60%",
                ],
            ),
        ],
    }
    assert isi["angka_kredit"]["persentase"] == [
        ("Sangat Baik", "150%"),
        ("Baik", "100%"),
        ("Butuh Perbaikan", "75%"),
        ("Kurang/Misconduct", "50%"),
        ("Sangat Kurang", "25%"),
    ]
    assert isi["angka_kredit"]["jenjang"] == [
        ("Ahli Pertama", "12,5", "50", "100"),
        ("Ahli Muda", "25", "100", "200"),
        ("Ahli Madya", "37,5", "150", "450"),
        ("Ahli Utama", "50", "200", "–"),
        ("Pemula", "3,75", "15", "15"),
        ("Terampil", "5", "20", "60"),
        ("Mahir", "12,5", "50", "100"),
        ("Penyelia", "25", "100", "–"),
    ]
    tukin = isi["tukin"]
    assert tukin["besaran"] == [(grade, None) for grade in range(1, 9)] + [
        (9, 3781000),
        (10, 4551000),
    ] + [(grade, None) for grade in range(11, 18)]
    assert tukin["belum_diisi"] == 15
    assert tukin["terlambat"] == [
        ("TL1", "1–30 menit", "0,5%"),
        ("TL2", "31–60 menit", "1%"),
        ("TL3", "61–90 menit", "1,25%"),
        ("TL4", "91 menit atau lebih", "1,5%"),
    ]
    assert [row[0] for row in tukin["pulang_cepat"]] == ["PSW1", "PSW2", "PSW3", "PSW4"]
    assert tukin["lain"] == [
        ("Tidak ada rekaman kehadiran, per hari", "1,5%"),
        ("Tidak masuk tanpa keterangan, per hari", "3%"),
        ("Cuti alasan penting melebihi 2 hari, per hari", "2,5%"),
        ("Hukuman disiplin sedang", "25%"),
        ("Batas potongan per bulan", "100%"),
        (
            "Tambahan bila predikat tahun lalu Sangat Baik",
            "50% dari selisih dengan besaran kelas berikutnya",
        ),
    ]
    assert isi["talenta"]["rows"] == [
        ("Tinggi", [6, 8, 9]),
        ("Menengah", [3, 5, 7]),
        ("Rendah", [1, 2, 4]),
    ]
    assert isi["talenta"]["kinerja"][0] == ("Sangat Baik", "Di Atas Ekspektasi")
    assert isi["tren"] == {"jendela": 3, "minimum_titik": 2, "ambang": "1"}
    assert isi["keberatan_hari"] == 14
    assert isi["disiplin"][0] == ("3 hari", "Teguran lisan")
    assert isi["disiplin"][3] == ("11–13 hari", "Pemotongan tukin 25% selama 6 bulan")
    assert isi["disiplin"][-1] == (
        "28 hari atau lebih",
        "Pemberhentian dengan hormat tidak atas permintaan sendiri",
    )
    assert isi["merit"] == [
        ("Prioritas kelompok suksesi", "predikat Sangat Baik 2 tahun berturut-turut"),
        (
            "Syarat kenaikan pangkat",
            "predikat paling rendah Baik pada setiap 2 tahun terakhir",
        ),
        ("Masa perbaikan bila target kinerja tidak tercapai", "6 bulan"),
    ]
    page = response.content.decode()
    for text in (
        '<td class="num">Rp3.781.000</td>',
        '<td class="num">Rp4.551.000</td>',
        '<span class="badge warn">belum diisi</span>',
        "15 kelas jabatan belum diisi besarannya",
        '<td class="num">12,5</td>',
        '<td class="num">3,75</td>',
        '<span class="badge ok">Sangat Baik</span>',
        "<li>Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang</li>",
        "Pembulatan: “paling banyak p%” dibulatkan ke bawah, “paling sedikit p%” ke atas.",
        "Kurva diperiksa untuk kelompok paling sedikit 10 pegawai",
        "Keberatan atas penilaian diajukan paling lambat 14 hari.",
        "<dd>1 Januari 2023</dd>",
        "<dd>Seluruh instansi</dd>",
        "PermenPANRB 6/2022; SE MenPANRB 3/2023",
    ):
        assert text in page, text
    assert page.count('<span class="badge warn">belum diisi</span>') == 15
    assert response.context["changes"] is None
    assert list(response.context["versions"]) == [bawaan]


def actions_of(response) -> list[str]:
    html = response.content.decode()
    block = html[html.index('data-testid="aksi"') : html.index("</div>", html.index("aksi"))]
    return re.findall(r">([^<>]+)</(?:a|button)>", block)


def test_detail_actions_follow_the_status_and_the_rights(agency, client_for, bawaan, draft):
    superuser = client_for("superuser")
    assert actions_of(superuser.get(url("aturan:detail", bawaan))) == [
        "Nonaktifkan",
        "Salin menjadi versi baru",
        "Salin sebagai set aturan baru",
        "Unduh JSON",
    ]
    assert actions_of(superuser.get(url("aturan:detail", draft))) == [
        "Ubah",
        "Aktifkan",
        "Salin menjadi versi baru",
        "Salin sebagai set aturan baru",
        "Hapus draf",
        "Unduh JSON",
    ]
    for role in ("pegawai", "pimpinan", "auditor", "admin"):
        assert actions_of(client_for(role).get(url("aturan:detail", draft))) == ["Unduh JSON"]
    admin_page = client_for("admin").get(url("aturan:detail", draft)).content.decode()
    assert "unduh JSON-nya, ubah kodenya, lalu impor dengan lingkup unit Anda" in admin_page


def test_detail_lists_changes_versions_and_history(agency, client_for, bawaan, draft):
    client = client_for("superuser")
    data = form_data(section_page(client, draft, "kurva"))
    client.post(
        url("aturan:section", draft, "kurva"), with_values(data, **{"pola-BAIK-1-nilai": "60"})
    )
    response = client.get(url("aturan:detail", draft))
    assert response.context["changes"] == [("kurva.pola.BAIK[1].nilai", "70", "60")]
    assert list(response.context["versions"]) == [draft, bawaan]
    assert [entry.aksi for entry in response.context["audit_entries"]] == [
        "setaturan.update",
        "setaturan.copy",
    ]
    page = response.content.decode()
    assert "<td><code>kurva.pola.BAIK[1].nilai</code></td><td>70</td><td>60</td>" in page
    assert f'<a href="{url("aturan:detail", bawaan)}">Set aturan bawaan v1</a>' in page
    assert "Versi set aturan dibuat" in page
    assert "Disalin dari Set aturan bawaan v1." in page


def test_detail_reports_invalid_stored_content(agency, client_for):
    broken = SetAturan.objects.create(
        kode="rusak",
        versi=1,
        nama="Rusak",
        dasar_hukum="-",
        berlaku_mulai=datetime.date(2025, 1, 1),
        isi={**rules.isi_default(), "keberatan": {"batas_hari": 0}, "lain": 1},
    )
    response = client_for("pegawai").get(url("aturan:detail", broken))
    assert response.status_code == 200
    assert response.context["isi"] == {
        "kesalahan": [
            "lain: bagian tidak dikenal",
            "keberatan.batas_hari: tidak boleh kurang dari 1",
        ]
    }
    assert "Isi set aturan ini tidak valid" in response.content.decode()


# --- Copy ------------------------------------------------------------------------------------


def test_copy_creates_the_next_version_as_a_draft(agency, client_for, bawaan):
    client = client_for("superuser")
    form = client.get(url("aturan:copy", bawaan)).context["form"]
    assert form.fields["kode"].required is False
    response = client.post(
        url("aturan:copy", bawaan), {"kode": "", "nama": "", "catatan": "Kurva 2026"}
    )
    copy = SetAturan.objects.get(kode="bawaan", versi=2)
    assert response.status_code == 302
    assert response.url == url("aturan:update", copy)
    assert (copy.status, copy.disalin_dari, copy.unit, copy.catatan) == (
        "DRAF",
        bawaan,
        None,
        "Kurva 2026",
    )
    assert copy.isi == bawaan.isi
    assert copy.berlaku_mulai == timezone.localdate()
    assert follow_messages(client, response) == [
        "Versi 2 set aturan bawaan dibuat sebagai draf. Ubah isinya, lalu aktifkan."
    ]
    assert Entri.objects.filter(aksi="setaturan.copy", objek_id=str(copy.pk)).count() == 1


def test_copy_under_a_new_kode(agency, client_for, bawaan):
    client = client_for("superuser")
    target = url("aturan:copy", bawaan) + "?baru=1"
    before = state()
    response = client.post(target, {"kode": "", "nama": "", "catatan": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"kode": ["Isi kode set aturan yang baru."]}
    response = client.post(target, {"kode": "kode baru!", "nama": "", "catatan": ""})
    assert response.context["form"].errors == {
        "kode": ["Kode hanya boleh berisi huruf, angka, tanda hubung dan garis bawah."]
    }
    assert state() == before
    response = client.post(target, {"kode": "khusus", "nama": "Set aturan khusus", "catatan": ""})
    copy = SetAturan.objects.get(kode="khusus")
    assert (copy.versi, copy.nama, copy.disalin_dari) == (1, "Set aturan khusus", bawaan)
    assert response.url == url("aturan:update", copy)


def test_an_admin_copies_a_version_of_their_unit(agency, client_for, biro_draft):
    response = client_for("admin").post(
        url("aturan:copy", biro_draft), {"kode": "", "nama": "", "catatan": ""}
    )
    copy = SetAturan.objects.get(kode="biro-umum", versi=2)
    assert response.url == url("aturan:update", copy)
    assert copy.unit == agency.biro


# --- Metadata --------------------------------------------------------------------------------


def test_update_the_metadata_of_a_draft(agency, client_for, draft):
    client = client_for("superuser")
    page = client.get(url("aturan:update", draft))
    assert page.context["form"].fields["unit"].empty_label == "Seluruh instansi"
    links = [f'href="{url("aturan:section", draft, bagian)}"' for bagian in SECTION_EDITORS]
    assert all(link in page.content.decode() for link in links)
    response = client.post(
        url("aturan:update", draft),
        {
            "nama": "Set aturan 2027",
            "dasar_hukum": "PermenPANRB 6/2022",
            "berlaku_mulai": "2027-01-01",
            "unit": agency.biro.pk,
            "catatan": "Lingkup Biro Umum",
        },
    )
    assert response.url == url("aturan:detail", draft)
    draft.refresh_from_db()
    assert (draft.nama, draft.berlaku_mulai, draft.unit, draft.catatan) == (
        "Set aturan 2027",
        datetime.date(2027, 1, 1),
        agency.biro,
        "Lingkup Biro Umum",
    )
    assert follow_messages(client, response) == ["Perubahan Set aturan 2027 v2 disimpan."]
    assert Entri.objects.filter(aksi="setaturan.update", objek_id=str(draft.pk)).count() == 1


def test_an_admin_scopes_a_draft_only_to_their_units(agency, client_for, biro_draft):
    client = client_for("admin")
    form = client.get(url("aturan:update", biro_draft)).context["form"]
    assert form.fields["unit"].required is True
    assert [unit.kode for unit in form.fields["unit"].queryset] == ["BU", "BU-SDM"]
    before = state()
    data = {**METADATA, "unit": ""}
    response = client.post(url("aturan:update", biro_draft), data)
    assert response.context["form"].errors == {"unit": ["Bidang ini tidak boleh kosong."]}
    response = client.post(url("aturan:update", biro_draft), {**METADATA, "unit": agency.lain.pk})
    assert list(response.context["form"].errors) == ["unit"]
    response = client.post(
        url("aturan:update", biro_draft), {**METADATA, "nama": " ", "unit": agency.bagian.pk}
    )
    assert response.context["form"].errors == {"nama": ["Nama set aturan wajib diisi."]}
    assert state() == before


@pytest.mark.parametrize("bagian", ["", "kurva"])
def test_editing_an_active_version_is_refused(agency, client_for, bawaan, bagian):
    client = client_for("superuser")
    target = url("aturan:section", bawaan, bagian) if bagian else url("aturan:update", bawaan)
    before = state()
    for method in ("get", "post"):
        response = getattr(client, method)(target, {**METADATA, "ukuran_minimum": 3})
        assert response.status_code == 302
        assert response.url == url("aturan:detail", bawaan)
        assert follow_messages(client, response) == [
            "Set aturan bawaan v1 berstatus aktif dan tidak dapat diubah; salin menjadi versi "
            "baru untuk mengubahnya."
        ]
    assert state() == before


# --- Section editors -------------------------------------------------------------------------


@pytest.mark.parametrize("bagian", list(SECTION_EDITORS))
def test_each_section_form_round_trips_the_content_unchanged(agency, client_for, draft, bagian):
    client = client_for("superuser")
    page = section_page(client, draft, bagian)
    assert page.context["nav_section"] == "aturan"
    before = state()
    response = client.post(url("aturan:section", draft, bagian), form_data(page))
    assert response.status_code == 302, response.context["editor"].form.errors
    assert response.url == url("aturan:update", draft)
    assert state() == before
    title = str(SECTION_EDITORS[bagian](draft.aturan()).title)
    assert follow_messages(client, response) == [f"Tidak ada perubahan pada bagian {title}."]


def test_unknown_section_is_404(agency, client_for, draft):
    for role in ("superuser", "pegawai"):
        response = client_for(role).get(url("aturan:section", draft, "gaji"))
        assert response.status_code == 404


def save_section(client, set_aturan, bagian, **values):
    data = form_data(section_page(client, set_aturan, bagian))
    return client.post(url("aturan:section", set_aturan, bagian), with_values(data, **values))


def test_change_a_curve_limit(agency, client_for, draft):
    client = client_for("superuser")
    response = save_section(client, draft, "kurva", **{"pola-BAIK-1-nilai": "60"})
    assert response.url == url("aturan:update", draft)
    draft.refresh_from_db()
    assert draft.isi["kurva"]["pola"]["BAIK"][1] == {
        "jenis": "MAKSIMUM_PERSEN",
        "predikat": ["BAIK"],
        "nilai": "60",
    }
    entry = Entri.objects.get(aksi="setaturan.update", objek_id=str(draft.pk))
    assert entry.sebelum["kurva"]["pola"]["BAIK"][1]["nilai"] == "70"
    assert entry.sesudah["kurva"]["pola"]["BAIK"][1]["nilai"] == "60"
    assert follow_messages(client, response) == ["Bagian Kurva distribusi predikat disimpan."]


def test_add_and_remove_curve_constraints(agency, client_for, draft):
    client = client_for("superuser")
    save_section(
        client,
        draft,
        "kurva",
        **{
            "pola-ISTIMEWA-2-jenis": "MINIMUM_ORANG",
            "pola-ISTIMEWA-2-predikat": ["BAIK"],
            "pola-ISTIMEWA-2-nilai": "1",
            "pola-BAIK-2-DELETE": "on",
            "pola-BUTUH_PERBAIKAN-0-jenis": "",
            "pola-BUTUH_PERBAIKAN-0-predikat": [],
            "pola-BUTUH_PERBAIKAN-0-nilai": "",
        },
    )
    draft.refresh_from_db()
    pola = draft.isi["kurva"]["pola"]
    assert pola["ISTIMEWA"][2] == {"jenis": "MINIMUM_ORANG", "predikat": ["BAIK"], "nilai": 1}
    assert [item["jenis"] for item in pola["BAIK"]] == ["TERBANYAK", "MAKSIMUM_PERSEN"]
    assert pola["BUTUH_PERBAIKAN"] == [
        {"jenis": "MINIMUM_PERSEN", "predikat": ["BUTUH_PERBAIKAN"], "nilai": "60"}
    ]


def test_add_a_grade_amount_with_indonesian_numbers(agency, client_for, draft):
    client = client_for("superuser")
    save_section(
        client,
        draft,
        "tukin",
        besaran__7="Rp3.100.000",
        tanpa_rekaman="1,75",
        terlambat__0__persen="0,75",
    )
    draft.refresh_from_db()
    tukin = draft.isi["tukin"]
    assert tukin["besaran"] == {"7": 3100000, "9": 3781000, "10": 4551000}
    assert tukin["tanpa_rekaman"] == "1.75"
    assert tukin["terlambat"][0] == {"dari": 1, "sampai": 30, "persen": "0.75"}
    page = client.get(url("aturan:detail", draft)).content.decode()
    assert '<td class="num">Rp3.100.000</td>' in page
    assert "<dd>1,75%</dd>" in page
    assert '<td class="num">0,75%</td>' in page
    form_page = section_page(client, draft, "tukin").content.decode()
    assert 'name="besaran__7" value="3.100.000"' in form_page
    assert 'name="tanpa_rekaman" value="1,75"' in form_page


def test_change_the_predikat_quadrant(agency, client_for, draft):
    client = client_for("superuser")
    save_section(client, draft, "predikat", DI_ATAS__DI_BAWAH="BUTUH_PERBAIKAN")
    draft.refresh_from_db()
    assert draft.isi["predikat"]["DI_ATAS"] == {
        "DI_BAWAH": "BUTUH_PERBAIKAN",
        "SESUAI": "BAIK",
        "DI_ATAS": "SANGAT_BAIK",
    }
    assert draft.aturan().predikat["DI_ATAS"]["DI_BAWAH"].label == "Butuh Perbaikan"


def test_discipline_bands_are_saved_in_order(agency, client_for, draft):
    client = client_for("superuser")
    save_section(
        client,
        draft,
        "disiplin",
        **{
            "disiplin-8-sampai": "30",
            "disiplin-9-dari": "31",
            "disiplin-9-sanksi": "PEMBERHENTIAN",
            "disiplin-0-dari": "1",
        },
    )
    draft.refresh_from_db()
    assert draft.isi["disiplin"][0] == {"dari": 1, "sampai": 3, "sanksi": "TEGURAN_LISAN"}
    assert draft.isi["disiplin"][-2:] == [
        {"dari": 28, "sampai": 30, "sanksi": "PEMBERHENTIAN"},
        {"dari": 31, "sampai": None, "sanksi": "PEMBERHENTIAN"},
    ]


INVALID_VALUES = [
    (
        "tukin",
        {"terlambat__1__persen": "120"},
        {"terlambat__1__persen": ["tidak boleh lebih dari 100"]},
    ),
    (
        "tukin",
        {"pulang_cepat__2__dari": "45"},
        {"pulang_cepat__2__dari": ["pita ini tumpang tindih dengan pita sebelumnya"]},
    ),
    (
        "tukin",
        {"besaran__11": "4.000.000"},
        {"besaran__11": ["besaran kelas 11 harus lebih besar dari kelas 10"]},
    ),
    ("tukin", {"tanpa_rekaman": "1,5,5"}, {"tanpa_rekaman": ["Masukkan sebuah bilangan."]}),
    (
        "tren",
        {"minimum_titik": "4"},
        {"minimum_titik": ["tidak boleh lebih dari jendela (3)"]},
    ),
    ("keberatan", {"batas_hari": "0"}, {"batas_hari": ["tidak boleh kurang dari 1"]}),
    (
        "angka_kredit",
        {"jenjang__AHLI_MUDA__koefisien": "0"},
        {"jenjang__AHLI_MUDA__koefisien": ["harus lebih dari 0"]},
    ),
    (
        "merit",
        {"bulan_perbaikan": "25"},
        {"bulan_perbaikan": ["tidak boleh lebih dari 24"]},
    ),
]


@pytest.mark.parametrize(("bagian", "values", "errors"), INVALID_VALUES)
def test_an_invalid_value_is_shown_on_its_field(agency, client_for, draft, bagian, values, errors):
    client = client_for("superuser")
    before = state()
    response = save_section(client, draft, bagian, **values)
    assert response.status_code == 200
    assert response.context["editor"].form.errors == errors
    assert response.context["editor"].group_errors == {}
    page = response.content.decode()
    for field, messages in errors.items():
        assert f'<ul class="errorlist" id="id_{field}_errors"><li>{messages[0]}</li></ul>' in page
    assert state() == before


def test_talent_box_duplicates_are_shown_on_the_grid(agency, client_for, draft):
    client = client_for("superuser")
    before = state()
    response = save_section(client, draft, "talenta", kotak__TINGGI__DI_ATAS="8")
    editor = response.context["editor"]
    assert editor.form.errors == {}
    assert editor.group_errors == {
        "kotak": ["kotak 1 sampai 9 masing-masing harus dipakai tepat satu kali"]
    }
    assert [group.errors for group in editor.groups()] == [
        ["kotak 1 sampai 9 masing-masing harus dipakai tepat satu kali"],
        [],
    ]
    assert (
        '<ul class="errorlist" role="alert" data-testid="group-errors"><li>kotak 1 sampai 9 '
        "masing-masing harus dipakai tepat satu kali</li></ul>"
    ) in response.content.decode()
    assert state() == before


def test_curve_errors_are_shown_on_their_row(agency, client_for, draft):
    client = client_for("superuser")
    before = state()
    response = save_section(
        client,
        draft,
        "kurva",
        **{
            "pola-BAIK-1-nilai": "170",
            "pola-ISTIMEWA-0-predikat": ["SANGAT_BAIK", "BAIK"],
            "pola-KURANG-2-jenis": "",
            "pola-SANGAT_KURANG-3-predikat": ["BAIK"],
            "pola-BUTUH_PERBAIKAN-1-nilai": "",
        },
    )
    formsets = response.context["editor"].formsets
    # Rows that do not parse stop the form before the service is asked.
    assert formsets["pola.BAIK"].forms[1].errors == {}
    assert formsets["pola.KURANG"].forms[2].errors == {"jenis": ["Pilih jenis batasan."]}
    assert formsets["pola.SANGAT_KURANG"].forms[3].errors == {"jenis": ["Pilih jenis batasan."]}
    assert formsets["pola.BUTUH_PERBAIKAN"].forms[1].errors == {"nilai": ["Isi nilai batasan ini."]}
    assert state() == before
    # Once the rows parse, the service names the rest by path.
    response = save_section(
        client,
        draft,
        "kurva",
        **{"pola-BAIK-1-nilai": "170", "pola-ISTIMEWA-0-predikat": ["SANGAT_BAIK", "BAIK"]},
    )
    formsets = response.context["editor"].formsets
    assert formsets["pola.BAIK"].forms[1].errors == {"nilai": ["tidak boleh lebih dari 100"]}
    assert formsets["pola.ISTIMEWA"].forms[0].errors == {
        "predikat": ["kelompok terbanyak hanya untuk satu predikat"]
    }
    assert state() == before


def test_an_infeasible_curve_is_shown_on_its_pattern(agency, client_for, draft):
    client = client_for("superuser")
    before = state()
    response = save_section(client, draft, "kurva", **{"pola-ISTIMEWA-1-nilai": "5"})
    editor = response.context["editor"]
    assert editor.group_errors == {
        "pola.ISTIMEWA": ["pola ini tidak dapat dipenuhi oleh kelompok 10 orang"]
    }
    titles = {group.title: group.errors for group in editor.groups()}
    assert titles["Capaian kinerja organisasi Istimewa"] == [
        "pola ini tidak dapat dipenuhi oleh kelompok 10 orang"
    ]
    assert state() == before


def test_service_errors_go_to_their_field_else_above_the_group_or_the_form(draft):
    page = section_page(logged_in(draft.dibuat_oleh), draft, "kurva")
    editor = KurvaEditor(draft.aturan(), MultiValueDict(form_data(page)))
    assert editor.is_valid()
    editor.add_service_error(
        ValidationError(
            {
                "isi": [
                    "kurva.ukuran_minimum.ukuran_minimum: wajib diisi",
                    "kurva.pola.BAIK[1].nilai.nilai: wajib diisi",
                    "kurva.pola.BAIK[7].nilai: tidak boleh lebih dari 100",
                    "kurva: harus berupa objek",
                    "tukin.besaran.7: harus berupa angka",
                    "tanpa jalur",
                ]
            }
        )
    )
    assert editor.formsets["pola.BAIK"].forms[1].errors == {"nilai": ["wajib diisi"]}
    assert editor.form.errors == {
        "ukuran_minimum": ["wajib diisi"],
        "__all__": ["tukin.besaran.7: harus berupa angka", "tanpa jalur"],
    }
    assert editor.group_errors == {
        "": ["harus berupa objek"],
        "pola.BAIK": ["kurva.pola.BAIK[7].nilai: tidak boleh lebih dari 100"],
    }
    refused = KeberatanEditor(draft.aturan(), {"batas_hari": "14"})
    assert refused.is_valid()
    assert refused.section_data() == {"batas_hari": 14}
    refused.add_service_error(ValidationError("Set aturan ini sudah aktif."))
    assert refused.form.errors == {"__all__": ["Set aturan ini sudah aktif."]}


# --- Life cycle ------------------------------------------------------------------------------


def test_activate_a_draft(agency, client_for, bawaan, draft):
    client = client_for("superuser")
    assert client.get(url("aturan:activate", draft)).status_code == 405
    response = client.post(url("aturan:activate", draft))
    assert response.url == url("aturan:detail", draft)
    draft.refresh_from_db()
    bawaan.refresh_from_db()
    assert (draft.status, bawaan.status) == ("AKTIF", "AKTIF")
    assert draft.diaktifkan_pada is not None
    assert follow_messages(client, response) == ["Set aturan bawaan v2 diaktifkan."]
    assert client.get(reverse("aturan:list")).context["agency_id"] == draft.pk
    before = state()
    again = client.post(url("aturan:activate", draft))
    assert follow_messages(client, again) == ["Set aturan ini sudah aktif."]
    assert state() == before


def test_deactivate_needs_a_reason(agency, client_for, bawaan, draft):
    services.rule_set_activate(aktor=aktor_of(agency.superuser), set_aturan=draft)
    client = client_for("superuser")
    before = state()
    response = client.post(url("aturan:deactivate", draft), {"alasan": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors == {"alasan": ["Alasan penonaktifan wajib diisi."]}
    assert state() == before
    response = client.post(url("aturan:deactivate", draft), {"alasan": "Salah tanggal berlaku"})
    assert response.url == url("aturan:detail", draft)
    draft.refresh_from_db()
    assert draft.status == "NONAKTIF"
    entry = Entri.objects.filter(aksi="setaturan.deactivate").get()
    assert entry.keterangan == "Salah tanggal berlaku"
    assert follow_messages(client, response) == ["Set aturan bawaan v2 dinonaktifkan."]
    # A retired version is activated again from its page.
    assert actions_of(client.get(url("aturan:detail", draft)))[0] == "Aktifkan"
    retired = client.get(url("aturan:deactivate", draft))
    assert follow_messages(client, retired) == [
        "Hanya set aturan yang aktif yang dapat dinonaktifkan."
    ]


def test_the_last_agency_wide_version_cannot_be_deactivated(agency, client_for, bawaan):
    client = client_for("superuser")
    before = state()
    response = client.post(url("aturan:deactivate", bawaan), {"alasan": "Uji"})
    assert response.url == url("aturan:detail", bawaan)
    assert follow_messages(client, response) == [
        "Set aturan ini satu-satunya yang aktif untuk seluruh instansi; aktifkan set aturan lain "
        "lebih dahulu."
    ]
    assert state() == before


def test_delete_a_draft(agency, client_for, bawaan, draft):
    client = client_for("superuser")
    response = client.post(url("aturan:delete", draft))
    assert response.url == reverse("aturan:list")
    assert not SetAturan.objects.filter(pk=draft.pk).exists()
    assert follow_messages(client, response) == ["Draf Set aturan bawaan v2 dihapus."]
    assert Entri.objects.filter(aksi="setaturan.delete").count() == 1
    before = state()
    refused = client.post(url("aturan:delete", bawaan))
    assert refused.url == url("aturan:detail", bawaan)
    assert follow_messages(client, refused) == [
        "Set aturan bawaan v1 sudah aktif dan tidak dapat diubah; buat versi baru "
        "dengan menyalinnya."
    ]
    assert state() == before


# --- Export and import -----------------------------------------------------------------------


def test_export_is_the_document_as_an_attachment(agency, client_for, biro_draft):
    response = client_for("pegawai").get(url("aturan:export", biro_draft))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="set-aturan-biro-umum-v1.json"'
    assert json.loads(response.content) == selectors.rule_set_document(biro_draft)
    assert "Set aturan Biro Umum – 2025".encode() in response.content
    assert response.content.decode().startswith('{\n  "format": "kinerja-set-aturan",\n')


def upload(content: bytes, name: str = "set-aturan.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/json")


def test_import_round_trip(agency, client_for, bawaan):
    client = client_for("superuser")
    exported = client.get(url("aturan:export", bawaan)).content
    form = client.get(reverse("aturan:import")).context["form"]
    assert form.fields["unit"].empty_label == "Seluruh instansi"
    response = client.post(reverse("aturan:import"), {"berkas": upload(exported), "unit": ""})
    imported = SetAturan.objects.get(versi=2)
    assert response.url == url("aturan:detail", imported)
    assert (imported.kode, imported.status, imported.unit, imported.isi) == (
        "bawaan",
        "DRAF",
        None,
        bawaan.isi,
    )
    assert follow_messages(client, response) == [
        "Berkas diimpor sebagai draf Set aturan bawaan v2."
    ]
    assert Entri.objects.filter(aksi="setaturan.import").count() == 1


def test_an_admin_imports_for_their_unit_only(agency, client_for, bawaan):
    client = client_for("admin")
    form = client.get(reverse("aturan:import")).context["form"]
    assert form.fields["unit"].required is True
    assert [unit.kode for unit in form.fields["unit"].queryset] == ["BU", "BU-SDM"]
    document = selectors.rule_set_document(bawaan) | {"kode": "biro-umum"}
    before = state()
    response = client.post(
        reverse("aturan:import"), {"berkas": upload(json.dumps(document).encode()), "unit": ""}
    )
    assert response.context["form"].errors == {"unit": ["Bidang ini tidak boleh kosong."]}
    assert state() == before
    client.post(
        reverse("aturan:import"),
        {"berkas": upload(json.dumps(document).encode()), "unit": agency.bagian.pk},
    )
    imported = SetAturan.objects.get(kode="biro-umum")
    assert (imported.versi, imported.unit) == (1, agency.bagian)


def broken_document(bawaan: SetAturan) -> bytes:
    document = selectors.rule_set_document(bawaan)
    document["isi"]["tukin"]["terlambat"][0]["persen"] = "120"
    document["isi"]["keberatan"]["batas_hari"] = 0
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("content", "errors"),
    [
        (b"{bukan json", ["Berkas bukan JSON yang sah (baris 1, kolom 2)."]),
        (b"[1, 2]", ["Berkas set aturan harus berupa objek JSON."]),
        (b"\xff\xfe\x00", ["Berkas bukan teks UTF-8."]),
        (
            b'{"format": "lain"}',
            ["Bukan berkas set aturan Kinerja (format “kinerja-set-aturan” diharapkan)."],
        ),
        (
            "broken",
            [
                "tukin.terlambat[0].persen: tidak boleh lebih dari 100",
                "keberatan.batas_hari: tidak boleh kurang dari 1",
            ],
        ),
        ("bad-kode", ["kode: Kode hanya boleh berisi huruf, angka, tanda hubung dan garis bawah."]),
        (b" " * (1024 * 1024 + 1), ["Berkas terlalu besar; paling besar 1 MB."]),
    ],
)
def test_import_of_a_broken_file_shows_the_problem(agency, client_for, bawaan, content, errors):
    if content == "broken":
        content = broken_document(bawaan)
    elif content == "bad-kode":
        content = json.dumps(selectors.rule_set_document(bawaan) | {"kode": "kode baru!"}).encode()
    client = client_for("superuser")
    before = state()
    response = client.post(reverse("aturan:import"), {"berkas": upload(content), "unit": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"berkas": errors}
    assert errors[0] in response.content.decode().replace("&quot;", '"')
    assert state() == before


# --- Query counts ----------------------------------------------------------------------------

LIST_QUERIES = 7
DETAIL_QUERIES = 7


def add_versions(agency, bawaan, count: int) -> SetAturan:
    """`count` more versions of the default, each copied from the one before and edited."""
    latest = bawaan
    for number in range(count):
        latest = services.rule_set_copy(
            aktor=aktor_of(agency.superuser), sumber=latest, catatan=f"Versi {number}"
        )
        isi = rules.isi_default()
        isi["keberatan"]["batas_hari"] = 15 + number
        services.rule_set_section_update(
            aktor=aktor_of(agency.superuser),
            set_aturan=latest,
            bagian="keberatan",
            data=isi["keberatan"],
        )
    return latest


@pytest.mark.parametrize("count", [2, 9])
def test_list_query_count_is_flat(agency, bawaan, django_assert_num_queries, count):
    add_versions(agency, bawaan, count)
    client = Client()
    client.force_login(agency.admin)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("aturan:list"))
    assert len(response.context["groups"][0][1]) == count + 1


@pytest.mark.parametrize("count", [2, 9])
def test_detail_query_count_is_flat(agency, bawaan, django_assert_num_queries, count):
    latest = add_versions(agency, bawaan, count)
    client = Client()
    client.force_login(agency.admin)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(url("aturan:detail", latest))
    assert len(response.context["versions"]) == count + 1
    assert response.context["changes"] == [("keberatan.batas_hari", 13 + count, 14 + count)]
    assert len(response.context["audit_entries"]) == 2
