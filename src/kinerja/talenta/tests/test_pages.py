"""The talent pages: permission matrices (GET and POST), what each page shows, refused input
changing nothing, and pinned query counts (the same for 1 and 3 rows)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.talenta.models import CatatanPerbaikan, Potensi, RencanaPerbaikan
from kinerja.talenta.tests.factories import absent, assess, plan, potensi

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HR_READERS = {"admin", "pimpinan", "auditor", "superuser"}
MANAGERS = {"admin", "superuser", "penilai"}  # of agency.pegawai's plan


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("akun:login"))


def expect(response, role, allowed, refused=404):
    if role == "anonim":
        assert is_login_redirect(response)
    elif role in allowed:
        assert response.status_code in (200, 302), (role, response.status_code)
    else:
        assert response.status_code == (refused(role) if callable(refused) else refused), role


@pytest.fixture
def data(agency):
    assess(agency.pegawai, 2025, Predikat.SANGAT_BAIK)
    assess(agency.pegawai, 2026, Predikat.SANGAT_BAIK)
    potensi(agency.pegawai, 2026, "TINGGI")
    assess(agency.penilai, 2026, Predikat.BUTUH_PERBAIKAN)
    absent(agency.pegawai, 2026, 2, 2)
    return agency


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["talenta:kotak", "talenta:merit", "talenta:merit-ekspor"])
def test_box_and_merit_matrix(data, client_for, role, name):
    response = client_for(role).get(reverse(name), {"tahun": 2026})
    expect(response, role, HR_READERS | {"penilai"})
    if response.status_code == 200 and name == "talenta:merit-ekspor":
        assert response["Content-Type"] == XLSX


@pytest.mark.parametrize("role", ROLES)
def test_box_of_a_unit_is_for_hr_readers(data, client_for, role):
    response = client_for(role).get(reverse("talenta:kotak"), {"tahun": 2026, "unit": data.biro.pk})
    expect(response, role, HR_READERS)


def test_box_content(data, client_for):
    response = client_for("admin").get(reverse("talenta:kotak"), {"tahun": 2026})
    box = response.context["kotak"]
    assert [item.pegawai.nama for item in box.sel[9].anggota] == ["Siti Aminah"]
    assert [(i.pegawai.nama, i.kurang) for i in box.belum_lengkap] == [
        ("Budi Santoso", ("potensi 2026",))
    ]
    assert response.context["cakupan"].unit == data.biro
    team = client_for("penilai").get(reverse("talenta:kotak"), {"tahun": 2026})
    assert team.context["cakupan"].unit is None
    assert [item.pegawai.nama for item in team.context["kotak"].sel[9].anggota] == ["Siti Aminah"]
    assert team.context["kotak"].belum_lengkap == []


def test_merit_content(data, client_for):
    response = client_for("pimpinan").get(reverse("talenta:merit"), {"tahun": 2026})
    merit = response.context["merit"]
    assert [(r.pegawai.nama, r.alasan) for r in merit.suksesi] == [
        ("Siti Aminah", "Sangat Baik pada 2025 dan 2026")
    ]
    assert [r.pegawai.nama for r in merit.perbaikan] == ["Budi Santoso"]
    assert [(r.pegawai.nama, r.hari, r.sanksi.value) for r in merit.disiplin] == [
        ("Siti Aminah", 4, "TEGURAN_TERTULIS")
    ]
    assert "Buat rencana perbaikan" in response.content.decode()


def test_bad_year_is_reported(data, client_for):
    response = client_for("admin").get(reverse("talenta:kotak"), {"tahun": "abc"})
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize("role", ROLES)
def test_potensi_matrix(data, client_for, role):
    url = reverse("talenta:potensi") + f"?unit={data.biro.pk}&tahun=2026"
    expect(client_for(role).get(url), role, HR_READERS)
    field = f"potensi_{data.penilai.pk}"
    response = client_for(role).post(url, {field: "MENENGAH"})
    changed = Potensi.objects.filter(pegawai=data.penilai, tahun=2026).exists()
    expect(response, role, {"admin", "superuser"}, lambda r: 403 if r in HR_READERS else 404)
    assert changed == (role in {"admin", "superuser"})


def test_potensi_bad_value_writes_nothing(data, client_for):
    url = reverse("talenta:potensi") + f"?unit={data.biro.pk}&tahun=2026"
    response = client_for("admin").post(
        url, {f"potensi_{data.penilai.pk}": "MENENGAH", f"potensi_{data.pegawai.pk}": "Sedang"}
    )
    assert response.status_code == 422
    assert response.context["errors"] == [
        "Potensi Siti Aminah harus Rendah, Menengah, atau Tinggi."
    ]
    assert list(Potensi.objects.values_list("pegawai__nama", "potensi")) == [
        ("Siti Aminah", "TINGGI")
    ]


@pytest.mark.parametrize("role", ROLES)
def test_plan_list_matrix(data, client_for, role):
    plan(data.pegawai)
    expect(client_for(role).get(reverse("talenta:perbaikan")), role, HR_READERS | {"penilai"})


@pytest.mark.parametrize("role", ROLES)
def test_own_plans_matrix(data, client_for, role):
    plan(data.pegawai)
    response = client_for(role).get(reverse("talenta:perbaikan-saya"))
    expect(response, role, {"pegawai", "penilai", "outsider"})
    if role == "pegawai":
        assert [item.pegawai_id for item in response.context["rencana"]] == [data.pegawai.pk]
    if role == "penilai":
        assert response.context["rencana"] == []


@pytest.mark.parametrize("role", ROLES)
def test_new_plan_matrix(data, client_for, role):
    url = reverse("talenta:perbaikan-baru", args=[data.pegawai.pk])
    refused = lambda r: 403 if r in HR_READERS | {"pegawai"} else 404  # noqa: E731
    expect(client_for(role).get(url), role, MANAGERS, refused)
    response = client_for(role).post(
        url, {"sasaran": "Menyelesaikan laporan", "mulai": "2026-08-31"}
    )
    expect(response, role, MANAGERS, refused)
    created = list(RencanaPerbaikan.objects.values_list("pegawai_id", "selesai", "pembimbing_id"))
    if role in MANAGERS:
        assert created == [(data.pegawai.pk, datetime.date(2027, 2, 28), data.penilai.pk)]
        assert response.url == reverse(
            "talenta:perbaikan-detail", args=[created[0][0] and RencanaPerbaikan.objects.get().pk]
        )
    else:
        assert created == []


def test_new_plan_refusals_on_the_form(data, client_for):
    plan(data.pegawai)
    url = reverse("talenta:perbaikan-baru", args=[data.pegawai.pk])
    response = client_for("admin").post(url, {"sasaran": "", "pembimbing": "000"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "pembimbing": ["Tidak ada pegawai aktif dengan NIP ini."],
    }
    response = client_for("admin").post(url, {"sasaran": ""})
    assert response.context["form"].errors == {
        "sasaran": ["Tuliskan sasaran perbaikan kinerja."],
        "__all__": [
            "Pegawai ini masih memiliki rencana perbaikan yang berjalan; tutup atau batalkan "
            "rencana itu lebih dulu."
        ],
    }
    assert RencanaPerbaikan.objects.count() == 1


def test_new_plan_from_an_assessment(data, client_for):
    penilaian = assess(data.pegawai, 2026, Predikat.KURANG, kode="TW3")
    url = reverse("talenta:perbaikan-baru", args=[data.pegawai.pk]) + f"?penilaian={penilaian.pk}"
    response = client_for("penilai").get(url)
    assert response.context["form"].initial["penilaian"] == str(penilaian.pk)
    client_for("penilai").post(url, {"sasaran": "Perbaiki", "penilaian": penilaian.pk})
    assert RencanaPerbaikan.objects.get().penilaian_id == penilaian.pk


@pytest.mark.parametrize("role", ROLES)
def test_plan_detail_and_actions_matrix(data, client_for, role):
    rencana = plan(data.pegawai)
    readers = HR_READERS | {"pegawai", "penilai"}
    expect(
        client_for(role).get(reverse("talenta:perbaikan-detail", args=[rencana.pk])), role, readers
    )
    refused = lambda r: 403 if r in readers else 404  # noqa: E731
    client = client_for(role)
    note = client.post(reverse("talenta:perbaikan-catatan", args=[rencana.pk]), {"isi": "Rapat"})
    expect(note, role, MANAGERS, refused)
    assert CatatanPerbaikan.objects.count() == (1 if role in MANAGERS else 0)
    closed = client.post(
        reverse("talenta:perbaikan-tutup", args=[rencana.pk]),
        {"status": "BERHASIL", "hasil": "Tercapai"},
    )
    expect(closed, role, MANAGERS, refused)
    assert RencanaPerbaikan.objects.get().status == ("BERHASIL" if role in MANAGERS else "BERJALAN")


@pytest.mark.parametrize("role", ROLES)
def test_cancel_matrix(data, client_for, role):
    rencana = plan(data.pegawai)
    readers = HR_READERS | {"pegawai", "penilai"}
    refused = lambda r: 403 if r in readers else 404  # noqa: E731
    response = client_for(role).post(
        reverse("talenta:perbaikan-batal", args=[rencana.pk]), {"alasan": "Mutasi"}
    )
    expect(response, role, MANAGERS, refused)
    assert RencanaPerbaikan.objects.get().status == (
        "DIBATALKAN" if role in MANAGERS else "BERJALAN"
    )


def test_pembimbing_may_note_but_not_close(data, client_for):
    rencana = plan(
        data.outsider,
    )
    RencanaPerbaikan.objects.filter(pk=rencana.pk).update(pembimbing=data.pegawai)
    client = client_for("pegawai")
    assert client.get(reverse("talenta:perbaikan")).status_code == 200
    assert (
        client.post(
            reverse("talenta:perbaikan-catatan", args=[rencana.pk]), {"isi": "Bimbingan"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("talenta:perbaikan-tutup", args=[rencana.pk]),
            {"status": "BERHASIL", "hasil": "x"},
        ).status_code
        == 403
    )
    assert CatatanPerbaikan.objects.count() == 1


def test_refused_close_shows_the_reason(data, client_for):
    rencana = plan(data.pegawai)
    response = client_for("admin").post(
        reverse("talenta:perbaikan-tutup", args=[rencana.pk]),
        {"status": "TIDAK_BERHASIL", "hasil": "x"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Pilih tindak lanjut untuk rencana perbaikan yang tidak berhasil."
    ]
    assert RencanaPerbaikan.objects.get().status == "BERJALAN"


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


PAGE_QUERIES = {"talenta:kotak": 10, "talenta:merit": 11, "talenta:perbaikan": 5}


@pytest.mark.parametrize("name", list(PAGE_QUERIES))
def test_pinned_query_counts(agency, client_for, name):
    client = client_for("admin")
    client.get(reverse(name))  # warm the session
    counts = []
    for size in (1, 3):
        while PegawaiFactory._meta.model.objects.filter(unit=agency.bagian).count() < size + 2:
            PegawaiFactory(unit=agency.bagian, penilai=agency.penilai)
        for employee in PegawaiFactory._meta.model.objects.filter(
            unit=agency.bagian, penilai=agency.penilai
        ):
            if not RencanaPerbaikan.objects.filter(pegawai=employee).exists():
                assess(employee, 2026, Predikat.BUTUH_PERBAIKAN)
                potensi(employee, 2026, "RENDAH")
                absent(employee, 2026, 5)
                plan(employee)
        counts.append(count_queries(client, reverse(name), {"tahun": 2026}))
    assert counts == [PAGE_QUERIES[name]] * 2
