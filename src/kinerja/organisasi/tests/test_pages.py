"""Organisation pages: permission matrices over every role, forms, HTMX, pinned query counts."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.audit.models import Entri
from kinerja.conftest import ROLES
from kinerja.organisasi.models import Pegawai, Pengecualian, Peran, RiwayatPenilai, Unit
from kinerja.organisasi.tests.factories import PegawaiFactory, PenggunaFactory, UnitFactory
from kinerja.organisasi.tests.helpers import DAY, database_state

pytestmark = pytest.mark.django_db

BROWSERS = {"admin", "pimpinan", "auditor", "superuser"}
MANAGERS = {"admin", "superuser"}
READERS_OF_SITI = {"pegawai", "penilai", "admin", "pimpinan", "auditor", "superuser"}


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def names(response, key="employees"):
    return [pegawai.nama for pegawai in response.context[key]]


# --- Permission matrices of the read pages --------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_unit_list_matrix(agency, client_for, role):
    before = database_state()
    response = client_for(role).get(reverse("organisasi:unit-list"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in BROWSERS:
        assert response.status_code == 200
        expected = ["BU"] if role in {"admin", "pimpinan"} else ["SET"]
        assert [root.kode for root in response.context["roots"]] == expected
        assert response.context["nav_section"] == "unit"
        assert response.context["can_create"] is (role in MANAGERS)
    else:
        assert response.status_code == 404
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_unit_detail_matrix(agency, client_for, role):
    visible = {
        "admin": {"biro", "bagian"},
        "pimpinan": {"biro", "bagian"},
        "auditor": {"root", "biro", "bagian", "lain"},
        "superuser": {"root", "biro", "bagian", "lain"},
    }.get(role, set())
    before = database_state()
    client = client_for(role)
    for name in ("root", "biro", "bagian", "lain"):
        unit = getattr(agency, name)
        response = client.get(reverse("organisasi:unit-detail", args=[unit.pk]))
        if role == "anonim":
            assert_login_redirect(response)
        elif name in visible:
            assert response.status_code == 200
            assert response.context["unit"] == unit
            assert response.context["can_manage"] is (role in MANAGERS)
        else:
            assert response.status_code == 404, (role, name)
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_pegawai_list_matrix(agency, client_for, role):
    before = database_state()
    response = client_for(role).get(reverse("organisasi:pegawai-list"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in BROWSERS:
        assert response.status_code == 200
        expected = ["Budi Santoso", "Siti Aminah"]
        if role in {"auditor", "superuser"}:
            expected = ["Budi Santoso", "Joko Widodo", "Siti Aminah"]
        assert names(response) == expected
        assert response.context["nav_section"] == "pegawai"
    else:
        assert response.status_code == 404
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_pegawai_detail_matrix(agency, client_for, role):
    readable = {
        "pegawai": {"pegawai"},
        "penilai": {"penilai", "pegawai"},
        "outsider": {"outsider"},
        "admin": {"penilai", "pegawai"},
        "pimpinan": {"penilai", "pegawai"},
        "auditor": {"penilai", "pegawai", "outsider"},
        "superuser": {"penilai", "pegawai", "outsider"},
    }.get(role, set())
    before = database_state()
    client = client_for(role)
    for name in ("penilai", "pegawai", "outsider"):
        pegawai = getattr(agency, name)
        response = client.get(reverse("organisasi:pegawai-detail", args=[pegawai.pk]))
        if role == "anonim":
            assert_login_redirect(response)
        elif name in readable:
            assert response.status_code == 200
            assert response.context["pegawai"] == pegawai
            assert response.context["can_manage"] is (role in MANAGERS)
            own = role == name
            assert response.context["nav_section"] == ("profil" if own else "pegawai")
            shows_audit = role in {"admin", "auditor", "superuser"}
            assert ("audit_entries" in response.context) is shows_audit
        else:
            assert response.status_code == 404, (role, name)
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_bawahan_matrix(agency, client_for, role):
    before = database_state()
    response = client_for(role).get(reverse("organisasi:bawahan"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"pegawai", "penilai", "outsider"}:
        assert response.status_code == 200
        assert names(response) == (["Siti Aminah"] if role == "penilai" else [])
        assert response.context["nav_section"] == "bawahan"
    else:
        assert response.status_code == 404
    assert database_state() == before


# --- Permission matrices of the write pages -------------------------------------------------------


def expected_change_status(role: str, readers: set[str]) -> int:
    if role in MANAGERS:
        return 200
    if role in readers:
        return 403
    return 404


WRITE_PAGES_ON_SITI = [
    ("organisasi:pegawai-update", {"nama": "Siti Diubah"}),
    ("organisasi:pegawai-penilai", {"tanpa_penilai": "on", "berlaku_mulai": "2025-07-01"}),
    ("organisasi:pengecualian-create", {"jenis": "MUTASI", "mulai": "2025-07-01"}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "data"), WRITE_PAGES_ON_SITI)
def test_employee_write_pages_matrix(agency, client_for, role, name, data):
    url = reverse(name, args=[agency.pegawai.pk])
    client = client_for(role)
    before = database_state()
    get = client.get(url)
    if role == "anonim":
        assert_login_redirect(get)
    else:
        assert get.status_code == expected_change_status(role, READERS_OF_SITI)
    if role in MANAGERS:
        return
    post = client.post(url, data)
    if role == "anonim":
        assert_login_redirect(post)
    else:
        assert post.status_code == expected_change_status(role, READERS_OF_SITI)
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("organisasi:unit-update", {"nama": "Bagian Baru", "induk": "", "aktif": "on"}),
        ("organisasi:unit-penilai", {"penilai_nip": "", "berlaku_mulai": "2025-07-01"}),
    ],
)
def test_unit_write_pages_matrix(agency, client_for, role, name, data):
    url = reverse(name, args=[agency.bagian.pk])
    client = client_for(role)
    before = database_state()
    if role in MANAGERS:
        assert client.get(url).status_code == 200
        return
    for response in (client.get(url), client.post(url, data)):
        if role == "anonim":
            assert_login_redirect(response)
        else:
            assert response.status_code == (403 if role in {"pimpinan", "auditor"} else 404)
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["organisasi:unit-create", "organisasi:pegawai-create"])
def test_create_pages_matrix(agency, client_for, role, name):
    client = client_for(role)
    before = database_state()
    if role in MANAGERS:
        assert client.get(reverse(name)).status_code == 200
        return
    for response in (
        client.get(reverse(name)),
        client.post(reverse(name), {"kode": "X", "nama": "X"}),
    ):
        if role == "anonim":
            assert_login_redirect(response)
        else:
            assert response.status_code == 404
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_pengecualian_end_matrix(agency, client_for, role):
    item = Pengecualian.objects.create(pegawai=agency.pegawai, jenis="CUTI_BESAR", mulai=DAY)
    url = reverse("organisasi:pengecualian-end", args=[item.pk])
    before = database_state()
    response = client_for(role).post(url, {"sampai": "2025-09-01"})
    if role == "anonim":
        assert_login_redirect(response)
    elif role in MANAGERS:
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.sampai == datetime.date(2025, 9, 1)
        return
    else:
        assert response.status_code == expected_change_status(role, READERS_OF_SITI)
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_peran_list_matrix(agency, client_for, role):
    before = database_state()
    response = client_for(role).get(reverse("organisasi:peran-list"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"admin", "auditor", "superuser"}:
        assert response.status_code == 200
        shown = {(peran.pengguna.nama, peran.jenis) for peran in response.context["roles"]}
        in_biro = {("Admin Biro Umum", "ADMIN_KEPEGAWAIAN"), ("Kepala Biro Umum", "PIMPINAN")}
        assert shown == (
            in_biro if role == "admin" else in_biro | {("Auditor Inspektorat", "AUDITOR")}
        )
        assert (response.context["form"] is not None) is (role in MANAGERS)
        revocable = {peran.pk for peran in response.context["roles"]} if role in MANAGERS else set()
        assert response.context["revocable"] == revocable
    else:
        assert response.status_code == 404
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_peran_grant_matrix(agency, client_for, role):
    target = PenggunaFactory(nama="Calon Pimpinan")
    before = database_state()
    response = client_for(role).post(
        reverse("organisasi:peran-list"),
        {"nip": target.nip, "jenis": "PIMPINAN", "unit": agency.bagian.pk},
    )
    if role == "anonim":
        assert_login_redirect(response)
    elif role in MANAGERS:
        assert response.status_code == 302
        assert (
            Peran.objects.filter(pengguna=target, jenis="PIMPINAN", unit=agency.bagian).count() == 1
        )
        assert Entri.objects.filter(aksi="peran.grant").count() == 1
        return
    else:
        assert response.status_code == (403 if role == "auditor" else 404)
    assert database_state() == before


@pytest.mark.parametrize("role", ROLES)
def test_peran_revoke_matrix(agency, client_for, role):
    pimpinan_role = Peran.objects.get(jenis="PIMPINAN")
    before = database_state()
    response = client_for(role).post(reverse("organisasi:peran-revoke", args=[pimpinan_role.pk]))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in MANAGERS:
        assert response.status_code == 302
        assert not Peran.objects.filter(pk=pimpinan_role.pk).exists()
        return
    else:
        assert response.status_code == (403 if role == "auditor" else 404)
    assert database_state() == before


def test_an_admin_cannot_grant_outside_the_subtree_or_the_auditor_role(agency, client_for):
    client = client_for("admin")
    target = PenggunaFactory(nama="Calon")
    before = database_state()
    outside = client.post(
        reverse("organisasi:peran-list"),
        {"nip": target.nip, "jenis": "PIMPINAN", "unit": agency.lain.pk},
    )
    assert outside.status_code == 200
    assert outside.context["form"].errors == {
        "unit": [
            "Masukkan pilihan yang valid. "
            "Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
        ]
    }
    auditor = client.post(
        reverse("organisasi:peran-list"), {"nip": target.nip, "jenis": "AUDITOR", "unit": ""}
    )
    assert auditor.status_code == 200
    assert list(auditor.context["form"].errors) == ["jenis"]
    unknown = client.post(
        reverse("organisasi:peran-list"),
        {"nip": "199001012015031999", "jenis": "PIMPINAN", "unit": agency.biro.pk},
    )
    assert unknown.context["form"].errors == {
        "nip": ["Belum ada akun login dengan NIP 199001012015031999."]
    }
    assert database_state() == before


def test_an_admin_cannot_revoke_the_auditor_role(agency, client_for):
    auditor_role = Peran.objects.get(jenis="AUDITOR")
    before = database_state()
    assert (
        client_for("admin")
        .post(reverse("organisasi:peran-revoke", args=[auditor_role.pk]))
        .status_code
        == 404
    )
    assert database_state() == before


# --- Unit pages -----------------------------------------------------------------------------------


def test_create_a_sub_unit(agency, client_for):
    client = client_for("admin")
    form = client.get(reverse("organisasi:unit-create") + f"?induk={agency.bagian.pk}")
    assert form.context["form"]["induk"].value() == str(agency.bagian.pk)
    assert [unit.kode for unit in form.context["form"].fields["induk"].queryset] == ["BU", "BU-SDM"]

    response = client.post(
        reverse("organisasi:unit-create"),
        {"kode": "BU-SDM-1", "nama": "Subbagian Mutasi", "induk": agency.bagian.pk},
    )

    unit = Unit.objects.get(kode="BU-SDM-1")
    assert response.status_code == 302
    assert response.url == reverse("organisasi:unit-detail", args=[unit.pk])
    assert unit.jalur == f"{agency.bagian.jalur}{unit.pk}/"
    page = client.get(response.url)
    assert [str(message) for message in page.context["messages"]] == [
        "Unit Subbagian Mutasi dibuat."
    ]


def test_an_admin_must_choose_a_parent_and_errors_are_shown(agency, client_for):
    before = database_state()
    response = client_for("admin").post(
        reverse("organisasi:unit-create"), {"kode": "bu", "nama": "Dobel", "induk": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"induk": ["Bidang ini tidak boleh kosong."]}
    response = client_for("admin").post(
        reverse("organisasi:unit-create"), {"kode": "bu", "nama": "Dobel", "induk": agency.biro.pk}
    )
    assert response.context["form"].errors == {"kode": ["Kode unit bu sudah dipakai unit lain."]}
    assert "Kode unit bu sudah dipakai unit lain." in response.content.decode()
    assert database_state() == before


def test_move_a_unit_from_its_edit_page(agency, client_for):
    client = client_for("superuser")
    response = client.post(
        reverse("organisasi:unit-update", args=[agency.biro.pk]),
        {"nama": "Biro Umum", "induk": agency.lain.pk, "aktif": "on"},
    )
    assert response.status_code == 302
    agency.bagian.refresh_from_db()
    assert (
        agency.bagian.jalur
        == f"/{agency.root.pk}/{agency.lain.pk}/{agency.biro.pk}/{agency.bagian.pk}/"
    )
    # The unit itself and its descendants are not offered as a new parent.
    form = client.get(reverse("organisasi:unit-update", args=[agency.biro.pk])).context["form"]
    assert [unit.kode for unit in form.fields["induk"].queryset] == ["SET", "BL"]


def test_an_admin_renames_their_top_unit_and_keeps_its_parent(agency, client_for):
    client = client_for("admin")
    url = reverse("organisasi:unit-update", args=[agency.biro.pk])
    form = client.get(url).context["form"]
    assert [unit.kode for unit in form.fields["induk"].queryset] == ["SET"]
    response = client.post(
        url, {"nama": "Biro Umum dan Keuangan", "induk": agency.root.pk, "aktif": "on"}
    )
    assert response.status_code == 302
    agency.biro.refresh_from_db()
    assert (agency.biro.nama, agency.biro.induk_id) == ("Biro Umum dan Keuangan", agency.root.pk)
    before = database_state()
    moved = client.post(
        reverse("organisasi:unit-update", args=[agency.bagian.pk]),
        {"nama": "Bagian SDM", "induk": agency.root.pk, "aktif": "on"},
    )
    assert list(moved.context["form"].errors) == ["induk"]
    assert database_state() == before


def test_reassign_a_whole_unit(agency, client_for):
    response = client_for("admin").post(
        reverse("organisasi:unit-penilai", args=[agency.bagian.pk]),
        {
            "penilai_nip": agency.outsider.nip,
            "berlaku_mulai": "2025-07-01",
            "alasan": "Reorganisasi",
        },
    )
    assert response.status_code == 302
    assert set(Pegawai.objects.filter(unit=agency.bagian).values_list("penilai_id", flat=True)) == {
        agency.outsider.pk
    }
    assert Entri.objects.filter(aksi="pegawai.penilai").count() == 2


def test_unit_detail_shows_breadcrumb_children_employees_and_actions(agency, client_for):
    response = client_for("admin").get(reverse("organisasi:unit-detail", args=[agency.biro.pk]))
    content = response.content.decode()
    assert [unit.kode for unit in response.context["breadcrumb"]] == ["SET"]
    assert [(unit.kode, unit.jumlah_pegawai) for unit in response.context["children"]] == [
        ("BU-SDM", 2)
    ]
    assert response.context["counts"] == (0, 2)
    assert reverse("organisasi:unit-penilai", args=[agency.biro.pk]) in content
    assert "Alihkan pejabat penilai" in content
    reader = client_for("pimpinan").get(reverse("organisasi:unit-detail", args=[agency.biro.pk]))
    assert reverse("organisasi:unit-penilai", args=[agency.biro.pk]) not in reader.content.decode()


# --- Employee pages -------------------------------------------------------------------------------


def test_create_an_employee(agency, client_for):
    response = client_for("admin").post(
        reverse("organisasi:pegawai-create"),
        {
            "nip": "199001012015031001",
            "nama": "Rina Marlina",
            "status_kepegawaian": "PNS",
            "golongan": "III/b",
            "unit": agency.bagian.pk,
            "jabatan_nama": "Analis SDM Aparatur",
            "jenis_jabatan": "FUNGSIONAL",
            "jenjang": "AHLI_PERTAMA",
            "kelas_jabatan": "8",
            "penilai_nip": agency.penilai.nip,
            "aktif": "on",
            "berlaku_mulai": "2025-07-01",
        },
    )
    pegawai = Pegawai.objects.get(nip="199001012015031001")
    assert response.status_code == 302
    assert response.url == reverse("organisasi:pegawai-detail", args=[pegawai.pk])
    assert (pegawai.penilai_id, pegawai.unit_id, pegawai.jabatan.jenjang) == (
        agency.penilai.pk,
        agency.bagian.pk,
        "AHLI_PERTAMA",
    )


def test_employee_form_errors_name_the_field(agency, client_for):
    before = database_state()
    response = client_for("admin").post(
        reverse("organisasi:pegawai-create"),
        {
            "nip": "199013012015031001",
            "nama": "Rina",
            "status_kepegawaian": "PNS",
            "golongan": "III/f",
            "unit": agency.bagian.pk,
            "jabatan_nama": "Analis",
            "jenis_jabatan": "FUNGSIONAL",
            "jenjang": "",
            "penilai_nip": "123",
            "berlaku_mulai": "2025-07-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"penilai_nip": ["Tidak ada pegawai dengan NIP 123."]}
    response = client_for("admin").post(
        reverse("organisasi:pegawai-create"),
        {
            "nip": "199013012015031001",
            "nama": "Rina",
            "status_kepegawaian": "PNS",
            "golongan": "III/f",
            "unit": agency.bagian.pk,
            "jabatan_nama": "Analis",
            "jenis_jabatan": "FUNGSIONAL",
            "jenjang": "",
            "berlaku_mulai": "2025-07-01",
        },
    )
    assert response.context["form"].errors == {
        "nip": ["8 digit pertama NIP bukan tanggal lahir yang sah."],
        "golongan": ["Golongan PNS harus berbentuk I/a sampai IV/e (mis. III/a)."],
        "jenjang": ["Jenjang wajib diisi untuk jabatan fungsional."],
    }
    assert database_state() == before


def test_an_admin_cannot_create_an_employee_outside_the_subtree(agency, client_for):
    before = database_state()
    response = client_for("admin").post(
        reverse("organisasi:pegawai-create"),
        {
            "nip": "199001012015031001",
            "nama": "Rina",
            "status_kepegawaian": "PNS",
            "unit": agency.lain.pk,
            "jabatan_nama": "Analis",
            "jenis_jabatan": "PELAKSANA",
            "berlaku_mulai": "2025-07-01",
        },
    )
    assert list(response.context["form"].errors) == ["unit"]
    assert database_state() == before


def test_edit_an_employee_moves_them_with_history(agency, client_for):
    client = client_for("admin")
    form = client.get(reverse("organisasi:pegawai-update", args=[agency.pegawai.pk])).context[
        "form"
    ]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {"unit": agency.biro.pk, "aktif": "on", "berlaku_mulai": "2025-07-01"}
    response = client.post(reverse("organisasi:pegawai-update", args=[agency.pegawai.pk]), data)
    assert response.status_code == 302
    agency.pegawai.refresh_from_db()
    assert agency.pegawai.unit_id == agency.biro.pk
    assert Entri.objects.get(aksi="pegawai.move").sesudah["unit"] == "BU \N{EN DASH} Biro Umum"


def test_reassign_the_appraiser(agency, client_for):
    url = reverse("organisasi:pegawai-penilai", args=[agency.pegawai.pk])
    client = client_for("admin")
    page = client.get(url)
    assert "Budi Santoso" in page.content.decode()
    response = client.post(
        url, {"penilai_nip": agency.outsider.nip, "berlaku_mulai": "2025-07-01", "alasan": "Mutasi"}
    )
    assert response.status_code == 302
    agency.pegawai.refresh_from_db()
    assert agency.pegawai.penilai_id == agency.outsider.pk
    detail = client.get(response.url)
    assert [str(message) for message in detail.context["messages"]] == [
        "Pejabat penilai Siti Aminah dialihkan ke Joko Widodo."
    ]


def test_reassignment_errors(agency, client_for):
    url = reverse("organisasi:pegawai-penilai", args=[agency.penilai.pk])
    client = client_for("admin")
    before = database_state()
    cycle = client.post(url, {"penilai_nip": agency.pegawai.nip, "berlaku_mulai": "2025-07-01"})
    assert cycle.context["form"].errors == {
        "penilai_nip": [
            "Pengalihan ini membuat siklus pejabat penilai: "
            "Budi Santoso → Siti Aminah → Budi Santoso."
        ]
    }
    empty = client.post(url, {"penilai_nip": "", "berlaku_mulai": "2025-07-01"})
    assert empty.context["form"].errors == {"penilai_nip": ["Isi NIP pejabat penilai baru."]}
    both = client.post(
        url,
        {"penilai_nip": agency.outsider.nip, "tanpa_penilai": "on", "berlaku_mulai": "2025-07-01"},
    )
    assert both.context["form"].errors == {
        "penilai_nip": ["Kosongkan NIP bila pegawai ini tidak memiliki pejabat penilai."]
    }
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    later = client.post(url, {"penilai_nip": agency.outsider.nip, "berlaku_mulai": future})
    assert later.context["form"].errors == {
        "berlaku_mulai": ["Tanggal berlaku tidak boleh di masa depan."]
    }
    assert database_state() == before


def test_pegawai_detail_shows_the_chain_histories_and_audit(agency, client_for):
    top = PegawaiFactory(nama="Kepala Biro", unit=agency.biro)
    Pegawai.objects.filter(pk=agency.penilai.pk).update(penilai=top)
    RiwayatPenilai.objects.filter(pegawai=agency.penilai).update(penilai=top)
    Pengecualian.objects.create(pegawai=agency.pegawai, jenis="CUTI_BESAR", mulai=DAY)
    client_for("admin").post(
        reverse("organisasi:pegawai-update", args=[agency.pegawai.pk]),
        {
            "nip": agency.pegawai.nip,
            "nama": "Siti Aminah",
            "status_kepegawaian": "PNS",
            "golongan": "III/c",
            "unit": agency.bagian.pk,
            "jabatan_nama": agency.pegawai.jabatan.nama,
            "jenis_jabatan": "PELAKSANA",
            "kelas_jabatan": "7",
            "aktif": "on",
            "berlaku_mulai": "2025-07-01",
        },
    )

    response = client_for("admin").get(
        reverse("organisasi:pegawai-detail", args=[agency.pegawai.pk])
    )

    context = response.context
    assert (context["pejabat_penilai"], context["atasan_pejabat_penilai"]) == (agency.penilai, top)
    assert (
        context["nip"].tanggal_lahir.isoformat()
        == f"{agency.pegawai.nip[:4]}-{agency.pegawai.nip[4:6]}-{agency.pegawai.nip[6:8]}"
    )
    assert [(item.jenis, item.berlaku) for item in context["pengecualian"]] == [
        ("CUTI_BESAR", True)
    ]
    assert [entry.aksi for entry in context["audit_entries"]] == ["pegawai.update"]
    content = response.content.decode()
    for text in (
        "Pejabat Penilai",
        "Atasan Pejabat Penilai",
        "Kepala Biro",
        "Riwayat pejabat penilai",
        "Riwayat jabatan",
        "Cuti besar",
        "Laki-laki",
        'data-testid="audit-riwayat"',
        "III/a → III/c",
    ):
        assert text in content, text
    assert reverse("akun:pegawai-akses", args=[agency.pegawai.pk]) in content


def test_an_employee_sees_their_profile_without_admin_actions(agency, client_for):
    response = client_for("pegawai").get(
        reverse("organisasi:pegawai-detail", args=[agency.pegawai.pk])
    )
    content = response.content.decode()
    assert reverse("organisasi:pegawai-update", args=[agency.pegawai.pk]) not in content
    assert reverse("organisasi:pegawai-penilai", args=[agency.pegawai.pk]) not in content
    assert reverse("akun:pegawai-akses", args=[agency.pegawai.pk]) not in content
    assert 'data-testid="audit-riwayat"' not in content
    # The appraiser's name is shown, and links to his profile only for who may open it.
    assert response.context["openable"] == set()
    assert "Budi Santoso" in content


def test_add_and_end_an_exclusion(agency, client_for):
    client = client_for("admin")
    url = reverse("organisasi:pengecualian-create", args=[agency.pegawai.pk])
    response = client.post(url, {"jenis": "CUTI_BESAR", "mulai": "2025-07-01", "catatan": "SK 1"})
    assert response.status_code == 302
    item = Pengecualian.objects.get(pegawai=agency.pegawai)
    overlap = client.post(url, {"jenis": "CUTI_BESAR", "mulai": "2025-08-01"})
    assert overlap.context["form"].errors == {
        "mulai": [
            "Sudah ada pengecualian Cuti besar yang berlaku sejak 1 Juli 2025 pada periode ini."
        ]
    }
    bad_end = client.post(
        reverse("organisasi:pengecualian-end", args=[item.pk]),
        {"sampai": "2025-06-01"},
        follow=True,
    )
    assert [str(message) for message in bad_end.context["messages"]] == [
        "Tanggal selesai harus sesudah tanggal mulai 1 Juli 2025."
    ]
    client.post(reverse("organisasi:pengecualian-end", args=[item.pk]), {"sampai": "2025-09-01"})
    item.refresh_from_db()
    assert item.sampai == datetime.date(2025, 9, 1)


# --- The employee list: search, filters, HTMX, pagination, query counts ---------------------------


def test_search_and_filters(agency, client_for):
    PegawaiFactory(nama="Ahmad Nonaktif", unit=agency.bagian, aktif=False)
    client = client_for("superuser")
    url = reverse("organisasi:pegawai-list")
    assert names(client.get(url, {"q": "SITI"})) == ["Siti Aminah"]
    assert names(client.get(url, {"q": agency.outsider.nip[:10]})) == ["Joko Widodo"]
    assert names(client.get(url, {"unit": agency.biro.pk})) == []
    assert names(client.get(url, {"unit": agency.biro.pk, "subunit": "1"})) == [
        "Ahmad Nonaktif",
        "Budi Santoso",
        "Siti Aminah",
    ]
    assert names(client.get(url, {"status": "nonaktif"})) == ["Ahmad Nonaktif"]
    assert names(client.get(url, {"jenis_jabatan": "JPT"})) == []
    # An invalid filter value is ignored, not an error page.
    assert names(client.get(url, {"status": "entah", "unit": "abc"})) == [
        "Ahmad Nonaktif",
        "Budi Santoso",
        "Joko Widodo",
        "Siti Aminah",
    ]


def test_the_filter_form_updates_the_table_with_htmx(agency, client_for):
    client = client_for("superuser")
    page = client.get(reverse("organisasi:pegawai-list"))
    content = page.content.decode()
    assert 'hx-get="/organisasi/pegawai/"' in content
    assert 'hx-target="#pegawai-hasil"' in content
    assert page.templates[0].name == "organisasi/pegawai_list.html"

    partial = client.get(reverse("organisasi:pegawai-list"), {"q": "siti"}, HTTP_HX_REQUEST="true")

    assert partial.status_code == 200
    assert partial.templates[0].name == "organisasi/_pegawai_tabel.html"
    body = partial.content.decode()
    assert "<html" not in body
    assert names(partial) == ["Siti Aminah"]
    assert "Siti Aminah" in body
    assert "Joko Widodo" not in body


def test_fifty_per_page(agency, client_for):
    for index in range(60):
        PegawaiFactory(nama=f"Zaenal {index:02d}", unit=agency.bagian)
    client = client_for("admin")
    first = client.get(reverse("organisasi:pegawai-list"), {"q": "zaenal"})
    assert len(first.context["employees"]) == 50
    assert first.context["page_obj"].paginator.count == 60
    assert "?q=zaenal&amp;page=2" in first.content.decode()
    second = client.get(reverse("organisasi:pegawai-list"), {"q": "zaenal", "page": 2})
    assert names(second) == [f"Zaenal {index:02d}" for index in range(50, 60)]


def populate(agency, count: int) -> None:
    units = [
        UnitFactory(kode=f"Q{count}-{index}", induk=agency.bagian) for index in range(count // 5)
    ]
    for index in range(count):
        pegawai = PegawaiFactory(unit=units[index % len(units)], penilai=agency.penilai)
        if index % 3 == 0:
            Pengecualian.objects.create(pegawai=pegawai, jenis="CUTI_BESAR", mulai=DAY)


# Session, user, the scope (roles + employee record), the page (count, rows), the unit choices.
PEGAWAI_LIST_QUERIES = 7
# Session, user, the scope (roles + employee record), the tree (units, counts).
UNIT_LIST_QUERIES = 6


@pytest.mark.parametrize("count", [10, 40])
def test_pegawai_list_query_count_is_flat(agency, django_assert_num_queries, count):
    populate(agency, count)
    client = Client()
    client.force_login(agency.admin)
    with django_assert_num_queries(PEGAWAI_LIST_QUERIES):
        response = client.get(reverse("organisasi:pegawai-list"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == count + 2


@pytest.mark.parametrize("count", [10, 40])
def test_unit_list_query_count_is_flat(agency, django_assert_num_queries, count):
    populate(agency, count)
    client = Client()
    client.force_login(agency.admin)
    with django_assert_num_queries(UNIT_LIST_QUERIES):
        response = client.get(reverse("organisasi:unit-list"))
    assert response.status_code == 200
    assert response.context["roots"][0].jumlah_pegawai_total == count + 2


def test_appraiser_suggestions_for_admins_only(agency, client_for):
    response = client_for("admin").get(reverse("organisasi:pegawai-cari"), {"penilai_nip": "joko"})
    assert response.status_code == 200
    assert f'<option value="{agency.outsider.nip}">Joko Widodo' in response.content.decode()
    assert (
        client_for("admin")
        .get(reverse("organisasi:pegawai-cari"), {"q": "j"})
        .content.decode()
        .strip()
        == ""
    )
    for role in ("pegawai", "penilai", "pimpinan", "auditor"):
        assert (
            client_for(role).get(reverse("organisasi:pegawai-cari"), {"q": "joko"}).status_code
            == 404
        )


def test_unit_detail_shows_its_own_history_to_admins_and_auditors(agency, client_for):
    from kinerja.audit.services import Aktor
    from kinerja.organisasi import services

    services.unit_update(
        aktor=Aktor.of_user(agency.admin),
        unit=agency.biro,
        nama="Biro Umum dan Kepegawaian",
        induk=agency.root,
        aktif=True,
    )
    url = reverse("organisasi:unit-detail", args=[agency.biro.pk])
    for role in ("admin", "auditor", "superuser"):
        response = client_for(role).get(url)
        assert [entry.aksi for entry in response.context["audit_entries"]] == ["unit.update"]
        assert "Biro Umum dan Kepegawaian" in response.content.decode()
    reader = client_for("pimpinan").get(url)
    assert "audit_entries" not in reader.context
