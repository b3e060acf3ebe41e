"""The allowance pages: permission matrices over every role, what each page shows, pinned query
counts for the lists, the attendance form, the recomputation job and the XLSX export.

In the `agency` fixture Siti (`pegawai`) works in Bagian SDM under Biro Umum, appraised by Budi
(`penilai`); the admin and the pimpinan hold Biro Umum; the outsider works in Biro Lain."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.conftest import ROLES
from kinerja.jobs.models import Pekerjaan
from kinerja.tukin.models import Kehadiran, Perhitungan, Tukin
from kinerja.tukin.tests.helpers import (
    BULAN,
    KELAS_9,
    TAHUN,
    attend,
    employee,
    graded,
    new_version,
    recompute,
    state,
)

pytestmark = pytest.mark.django_db

HR_READERS = {"admin", "pimpinan", "auditor", "superuser"}
MANAGERS = {"admin", "superuser"}
FILTERS = f"?unit={{unit}}&tahun={TAHUN}&bulan={BULAN}"


def assert_login_redirect(response) -> None:
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def sent_messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages._queued_messages]


@pytest.fixture
def siti(agency):
    return graded(agency.pegawai, 9)


def url(name: str, *args, unit=None) -> str:
    base = reverse(f"tukin:{name}", args=args)
    return base + (FILTERS.format(unit=unit.pk) if unit is not None else "")


# --- Own allowance ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_own_year_matrix(agency, client_for, siti, role):
    attend(siti, tl1=1)
    response = client_for(role).get(url("saya") + f"?tahun={TAHUN}")
    if role == "anonim":
        assert_login_redirect(response)
    elif role in {"pegawai", "penilai", "outsider"}:
        assert response.status_code == 200
        assert response.context["nav_section"] == "tukin_saya"
        assert response.context["pegawai"] == agency.user(role).pegawai
        months = {b: row for b, _label, row in response.context["data"].bulan}
        assert len(months) == 12
        assert (months[BULAN].netto if months[BULAN] else None) == (
            3_762_095 if role == "pegawai" else None
        )
    else:
        assert response.status_code == 404


def test_own_year_shows_months_and_total(client_for, siti):
    attend(siti, tl1=1)
    attend(siti, bulan=10)
    html = client_for("pegawai").get(url("saya") + f"?tahun={TAHUN}").content.decode()
    november = html[html.index('data-testid="bulan-11"') :]
    november = november[: november.index("</tr>")]
    assert "Rp3.781.000" in november
    assert "0,50%" in november
    assert "Rp18.905" in november
    assert "Rp3.762.095" in november
    assert reverse("tukin:saya-bulan", args=[TAHUN, 11]) in november
    assert "Belum dihitung" in html[html.index('data-testid="bulan-1"') :]
    total = html[html.index('data-testid="jumlah-tahun"') :]
    assert "Jumlah (2 bulan)" in total
    assert "Rp7.562.000" in total
    assert "Rp7.543.095" in total


@pytest.mark.parametrize("months", [1, 3])
def test_own_year_query_count_is_flat(client_for, django_assert_num_queries, siti, months):
    for bulan in range(1, months + 1):
        attend(siti, bulan=bulan)
    client = client_for("pegawai")
    with django_assert_num_queries(7):
        response = client.get(url("saya"))
    assert response.context["data"].jumlah.baris == months


def test_own_month_shows_cuts_explanation_attendance_and_history(client_for, siti):
    attend(siti, tl1=1)
    attend(siti, tl1=1, tanpa_keterangan=1)
    response = client_for("pegawai").get(url("saya-bulan", TAHUN, BULAN))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<strong data-testid="netto">Rp3.648.665</strong>' in html
    row = html[html.index('data-testid="potongan-tanpa_keterangan"') :]
    row = row[: row.index("</tr>")]
    assert "<td>Tidak masuk tanpa keterangan</td>" in row
    assert "3,00%" in row
    assert "Tidak masuk tanpa keterangan: 1 × 3% = 3%." in html
    assert "Tukin netto: Rp3.781.000 − Rp132.335 = Rp3.648.665." in html
    history = html[html.index('data-testid="riwayat"') :]
    assert "Data kehadiran berubah: tanpa_keterangan." in history
    assert "Tukin dihitung untuk pertama kali." in history
    assert "Rp3.762.095 → Rp3.648.665" in history


def test_own_month_not_computed(client_for, siti):
    response = client_for("pegawai").get(url("saya-bulan", TAHUN, 3))
    html = response.content.decode()
    assert 'data-testid="belum-dihitung"' in html
    assert 'data-testid="kehadiran-kosong"' in html
    assert client_for("pegawai").get(url("saya-bulan", TAHUN, 13)).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_employee_pages_matrix(agency, client_for, siti, role):
    attend(siti)
    for name, args in (("pegawai", (siti.pk, TAHUN)), ("pegawai-bulan", (siti.pk, TAHUN, BULAN))):
        response = client_for(role).get(url(name, *args))
        if role == "anonim":
            assert_login_redirect(response)
        elif role in HR_READERS | {"pegawai"}:
            assert response.status_code == 200
            assert response.context["pegawai"] == siti
        else:  # the appraiser and the outsider have no payroll access
            assert response.status_code == 404


# --- Payroll list ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_payroll_matrix(agency, client_for, siti, role):
    attend(siti)
    graded(agency.outsider, 10)
    recompute(agency.lain)
    response = client_for(role).get(url("daftar") + f"?tahun={TAHUN}&bulan={BULAN}")
    if role == "anonim":
        assert_login_redirect(response)
    elif role in HR_READERS:
        assert response.status_code == 200
        unit = response.context["unit"]
        assert unit == (agency.root if role in {"auditor", "superuser"} else agency.biro)
        rows = [(row.pegawai.nama, row.netto) for row in response.context["rows"]]
        expected = [("Siti Aminah", KELAS_9)]
        if role in {"auditor", "superuser"}:
            expected.append(("Joko Widodo", 4_551_000))
        assert sorted(rows) == sorted(expected)
        assert ("hitung_form" in response.context) is (role in MANAGERS)
        outside = client_for(role).get(url("daftar", unit=agency.lain))
        assert outside.status_code == (200 if role in {"auditor", "superuser"} else 404)
    else:
        assert response.status_code == 404


def test_payroll_shows_rows_totals_badge_and_missing(agency, client_for, siti):
    attend(siti, tl1=1)
    other = employee(agency.bagian, kelas=10, nama="Andi")
    recompute(pegawai_ids=[other.pk])
    no_grade = employee(agency.bagian, kelas=7, nama="Rina")
    graded(agency.penilai, 9)
    response = client_for("admin").get(url("daftar", unit=agency.biro))
    html = response.content.decode()
    andi = html[html.index(f'data-testid="tukin-{other.pk}"') :]
    andi = andi[: andi.index("</tr>")]
    assert 'data-testid="kehadiran-belum"' in andi
    assert "Rp4.551.000" in andi
    assert (
        'data-testid="kehadiran-belum"'
        not in html[html.index(f'data-testid="tukin-{siti.pk}"') :][:2000].split("</tr>")[0]
    )
    total = html[html.index('data-testid="jumlah"') :]
    assert "Jumlah (2 pegawai)" in total
    assert "Rp8.332.000" in total
    assert "Rp8.313.095" in total
    assert "0,23%" in total  # 18.905 / 8.332.000
    missing = {item.pegawai.nama: item for item in response.context["data"].tidak_dihitung}
    assert set(missing) == {"Budi Santoso", "Rina"}
    assert missing["Budi Santoso"].alasan == "Belum dihitung."
    assert missing["Budi Santoso"].netto_sekarang == KELAS_9
    assert missing["Rina"].alasan.startswith("Besaran tunjangan kinerja untuk kelas jabatan 7")
    assert no_grade.pk
    assert url("ekspor", unit=agency.biro).replace("&", "&amp;") in html
    assert reverse("tukin:kehadiran") in html
    assert reverse("tukin:perhitungan") in html


@pytest.mark.parametrize("count", [1, 3])
def test_payroll_query_count_is_flat(agency, client_for, django_assert_num_queries, count):
    for index in range(count):
        employee(agency.bagian, nama=f"Pegawai {index}")
        employee(agency.bagian, kelas=7, nama=f"Tanpa {index}")
    recompute(agency.bagian)
    client = client_for("admin")
    with django_assert_num_queries(17):
        response = client.get(url("daftar", unit=agency.biro))
    assert len(response.context["rows"]) == count
    assert len(response.context["data"].tidak_dihitung) == count + 2  # Budi, Siti: grade 7


def test_payroll_names_allowances_computed_with_a_version_no_longer_in_effect(
    agency, client_for, siti
):
    attend(siti)
    andi = employee(agency.bagian, kelas=10, nama="Andi")
    recompute(pegawai_ids=[andi.pk])
    client = client_for("admin")
    assert client.get(url("daftar", unit=agency.biro)).context["data"].versi_lama == 0
    new_version({"9": 4_000_000, "10": 4_551_000})
    response = client.get(url("daftar", unit=agency.biro))
    assert response.context["data"].versi_lama == 2
    assert (
        "2 tunjangan bulan ini dihitung dengan versi set aturan yang kini tidak berlaku lagi"
        in response.content.decode()
    )
    recompute(agency.biro)
    assert client.get(url("daftar", unit=agency.biro)).context["data"].versi_lama == 0


def test_export_xlsx(agency, client_for, siti, settings):
    settings.AGENCY_NAME = "Badan Contoh"
    attend(siti, tl1=1)
    other = employee(agency.bagian, kelas=10, nama="Andi")
    recompute(pegawai_ids=[other.pk])
    response = client_for("pimpinan").get(url("ekspor", unit=agency.biro))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="tukin-bu-2026-11.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A6"
    assert sheet["A1"].value == "Badan Contoh"
    assert sheet["A2"].value == "Daftar tunjangan kinerja Biro Umum (BU)"
    assert sheet["A3"].value == "Bulan November 2026"
    assert [c.value for c in sheet[5]] == [
        "No", "NIP", "Nama", "Unit", "Jabatan", "Kelas", "Besaran", "Tambahan Sangat Baik",
        "Bruto", "Potongan (%)", "Potongan (Rp)", "Netto", "Kehadiran",
    ]  # fmt: skip
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=6)]
    assert rows[0][:3] == [1, other.nip, "Andi"]
    assert rows[0][5:] == [10, 4_551_000, 0, 4_551_000, 0, 0, 4_551_000, "Belum diisi"]
    assert rows[1][:3] == [2, siti.nip, "Siti Aminah"]
    assert rows[1][5:] == [9, KELAS_9, 0, KELAS_9, 0.5, 18_905, 3_762_095, "Tercatat"]
    assert rows[2][:2] == ["Jumlah", "2 pegawai"]
    assert rows[2][6:12] == [8_332_000, 0, 8_332_000, 0.23, 18_905, 8_313_095]
    assert sheet["G6"].number_format == '"Rp"#,##0'
    assert sheet["J6"].number_format == "0.00"
    assert client_for("penilai").get(url("ekspor", unit=agency.biro)).status_code == 404
    assert client_for("admin").get(url("ekspor", unit=agency.lain)).status_code == 404


# --- Recomputation job -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_recompute_matrix(agency, client_for, siti, role, django_capture_on_commit_callbacks):
    before = state()
    data = {"unit": agency.biro.pk, "tahun": TAHUN, "bulan": BULAN, "alasan": "Koreksi data"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(role).post(reverse("tukin:hitung-ulang"), data)
    if role == "anonim":
        assert_login_redirect(response)
    elif role in MANAGERS:
        job = Pekerjaan.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("jobs:detail", args=[job.pk])
        assert job.jenis == "tukin.hitung_ulang"
        assert job.status == "SELESAI", job.galat
        run = Perhitungan.objects.get()
        assert (run.unit, run.sebab, run.alasan) == (agency.biro, "MANUAL", "Koreksi data")
        assert job.hasil["perhitungan_id"] == run.pk
        assert job.hasil["dihitung"] == 1
        assert Tukin.objects.get().netto == KELAS_9
        page = client_for(role).get(reverse("jobs:detail", args=[job.pk])).content.decode()
        assert reverse("tukin:perhitungan-detail", args=[run.pk]) in page
    else:
        assert response.status_code == (403 if role in HR_READERS else 404)
        assert not Pekerjaan.objects.exists()
        assert state() == before


def test_recompute_without_reason_starts_nothing(agency, client_for):
    data = {"unit": agency.biro.pk, "tahun": TAHUN, "bulan": BULAN, "alasan": ""}
    response = client_for("admin").post(reverse("tukin:hitung-ulang"), data)
    assert response.status_code == 302
    assert sent_messages(response) == ["Tuliskan alasan penghitungan ulang."]
    assert not Pekerjaan.objects.exists()
    outside = {**data, "unit": agency.lain.pk, "alasan": "x"}
    assert client_for("admin").post(reverse("tukin:hitung-ulang"), outside).status_code == 404


# --- Attendance ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_attendance_list_matrix(agency, client_for, siti, role):
    attend(siti, tl2=2)
    response = client_for(role).get(url("kehadiran", unit=agency.bagian))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in HR_READERS:
        assert response.status_code == 200
        rows = {p.nama: (k.tl2 if k else None) for p, k in response.context["rows"]}
        assert rows == {"Siti Aminah": 2, "Budi Santoso": None}
        assert response.context["boleh_ubah"] is (role in MANAGERS)
        edit = reverse("tukin:kehadiran-ubah", args=[siti.pk, TAHUN, BULAN])
        assert (edit in response.content.decode()) is (role in MANAGERS)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_attendance_list_query_count_is_flat(agency, client_for, django_assert_num_queries, count):
    for index in range(count):
        pegawai = employee(agency.bagian, nama=f"Pegawai {index}")
        Kehadiran.objects.create(pegawai=pegawai, tahun=TAHUN, bulan=BULAN, tl1=index)
    client = client_for("admin")
    with django_assert_num_queries(8):
        response = client.get(url("kehadiran", unit=agency.biro))
    assert len(response.context["rows"]) == count + 2


@pytest.mark.parametrize("role", ROLES)
def test_attendance_form_matrix(agency, client_for, siti, role):
    before = state()
    target = url("kehadiran-ubah", siti.pk, TAHUN, BULAN)
    get = client_for(role).get(target)
    post = client_for(role).post(target + f"?unit={agency.biro.pk}", {"tl1": 2, "psw1": 0})
    if role == "anonim":
        assert_login_redirect(get)
        assert_login_redirect(post)
    elif role in MANAGERS:
        assert get.status_code == 200
        assert post.status_code == 302
        assert post.url == url("kehadiran", unit=agency.biro)
        assert sent_messages(post) == [
            "Data kehadiran Siti Aminah bulan November 2026 disimpan. "
            "Tukin netto sekarang Rp3.743.190."
        ]
        assert Kehadiran.objects.get().tl1 == 2
        return
    else:
        expected = 403 if role in HR_READERS | {"pegawai"} else 404
        assert (get.status_code, post.status_code) == (expected, expected)
    assert state() == before


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"tl1": -1}, "tl1", "Tidak boleh negatif."),
        ({"tl1": 32}, "tl1", "Paling banyak 31 dalam sebulan."),
        ({"tl1": "dua"}, "tl1", "Harus bilangan bulat."),
        ({"psw3": "1,5"}, "psw3", "Harus bilangan bulat."),
    ],
)
def test_attendance_form_errors_write_nothing(client_for, siti, data, field, message):
    counts = dict.fromkeys(("tl1", "tl2", "tl3", "tl4", "psw1", "psw2", "psw3", "psw4"), 0)
    counts |= {"tanpa_rekaman": 0, "tanpa_keterangan": 0, "cuti_alasan_penting": 0}
    before = state()
    response = client_for("admin").post(url("kehadiran-ubah", siti.pk, TAHUN, BULAN), counts | data)
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert state() == before


# --- Recomputation history -------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_runs_matrix(agency, client_for, siti, role):
    graded(agency.outsider, 9)
    mine = attend(siti).perhitungan
    elsewhere = recompute(agency.lain)
    agency_wide = recompute()
    listing = client_for(role).get(reverse("tukin:perhitungan"))
    detail = client_for(role).get(reverse("tukin:perhitungan-detail", args=[mine.pk]))
    other = client_for(role).get(reverse("tukin:perhitungan-detail", args=[elsewhere.pk]))
    if role == "anonim":
        assert_login_redirect(listing)
        assert_login_redirect(detail)
    elif role in HR_READERS:
        shown = {run.pk for run in listing.context["rows"]}
        if role in {"auditor", "superuser"}:
            assert shown == {mine.pk, elsewhere.pk, agency_wide.pk}
            assert other.status_code == 200
        else:
            assert shown == {mine.pk}
            assert other.status_code == 404
        assert detail.status_code == 200
        html = detail.content.decode()
        assert "Tukin dihitung untuk pertama kali." in html
        assert "— → Rp3.781.000" in html
    else:
        assert (listing.status_code, detail.status_code, other.status_code) == (404, 404, 404)
