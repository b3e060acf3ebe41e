"""The organisation rating pages: the list of a period (permission matrix, the units of each
scope in tree order with their rating, who set it and the links to set it, period choice, pinned
query count) and the form (permission matrix for GET and POST: the leader above sets it in their
own name, HR on the leader's behalf; what each rating implies for the curve; the service's
refusals as form errors with nothing changed)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from kinerja.aturan.enums import Predikat, PredikatOrganisasi
from kinerja.aturan.models import SetAturan
from kinerja.audit.services import Aktor
from kinerja.conftest import ROLES
from kinerja.organisasi.tests.factories import UnitFactory
from kinerja.penilaian import services
from kinerja.penilaian.models import KinerjaOrganisasi
from kinerja.penilaian.tests.factories import open_period, org_rating, rate
from kinerja.periode.models import Periode
from kinerja.periode.services import periode_transition
from kinerja.skp.tests.factories import SYSTEM

pytestmark = pytest.mark.django_db

READERS = {"admin", "pimpinan", "auditor", "superuser"}
SETTERS = {"admin": True, "pimpinan": False, "superuser": True}  # role: on the leader's behalf
LIST_QUERIES = 8
NBSP = "\u00a0"


def assert_login_redirect(response) -> None:
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def sent_messages(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages._queued_messages]


def ratings() -> list[tuple[Any, ...]]:
    return list(
        KinerjaOrganisasi.objects.order_by("pk").values_list(
            "unit_id", "periode_id", "predikat", "alasan", "atas_nama", "oleh_label"
        )
    )


def list_url(periode: Periode | None = None) -> str:
    url = reverse("penilaian:organisasi")
    return f"{url}?periode={periode.pk}" if periode else url


def form_url(unit, periode: Periode) -> str:
    return reverse("penilaian:organisasi_tetapkan", args=[unit.pk, periode.pk])


def rows(response) -> list[tuple[Any, ...]]:
    """Per unit: code, depth, rating (None: not set), may set it."""
    return [
        (
            row.unit.kode,
            row.unit.kedalaman,
            row.organisasi.predikat if row.organisasi else None,
            row.boleh_tetapkan,
        )
        for row in response.context["rows"]
    ]


def label(user) -> str:
    return f"{user.nama} ({user.nip})"


@pytest.fixture
def periode(agency) -> Periode:
    return open_period()


# --- The list --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_list_matrix(agency, client_for, periode, role):
    org_rating(agency.bagian, periode, aktor=Aktor.of_user(agency.pimpinan))
    before = ratings()
    response = client_for(role).get(reverse("penilaian:organisasi"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in READERS:
        assert response.status_code == 200
        assert response.context["nav_section"] == "kinerja_organisasi"
        assert response.context["periode"] == periode
        expected = {
            "admin": [("BU", 1, None, True), ("BU-SDM", 2, "BAIK", True)],
            "pimpinan": [("BU", 1, None, False), ("BU-SDM", 2, "BAIK", True)],
            "auditor": [
                ("SET", 0, None, False),
                ("BU", 1, None, False),
                ("BU-SDM", 2, "BAIK", False),
                ("BL", 1, None, False),
            ],
            "superuser": [
                ("SET", 0, None, True),
                ("BU", 1, None, True),
                ("BU-SDM", 2, "BAIK", True),
                ("BL", 1, None, True),
            ],
        }[role]
        assert sorted(rows(response), key=lambda r: r[0]) == sorted(expected, key=lambda r: r[0])
        jalur = [row.unit.jalur for row in response.context["rows"]]
        assert jalur == sorted(jalur)
        html = response.content.decode()
        assert (form_url(agency.bagian, periode) in html) is (role != "auditor")
    else:
        assert response.status_code == 404
    assert ratings() == before


def test_list_shows_each_rating_and_who_set_it(agency, client_for, periode):
    org_rating(
        agency.bagian, periode, PredikatOrganisasi.ISTIMEWA, aktor=Aktor.of_user(agency.pimpinan)
    )
    services.organisasi_rate(
        aktor=Aktor.of_user(agency.admin),
        unit=agency.biro,
        periode=periode,
        predikat=PredikatOrganisasi.BUTUH_PERBAIKAN,
        alasan="Dua IKU tidak tercapai.",
        atas_nama=True,
    )
    response = client_for("admin").get(reverse("penilaian:organisasi"))
    html = response.content.decode()
    biro = html[html.index(f'data-testid="organisasi-{agency.biro.pk}"') :]
    biro = biro[: biro.index("</tr>")]
    assert f"<td>{NBSP * 3}Biro Umum<br>" in biro
    assert '<span class="badge ok">Butuh Perbaikan</span>' in biro
    assert "<td>Dua IKU tidak tercapai.</td>" in biro
    assert f"oleh {label(agency.admin)} atas nama pimpinan" in biro
    assert f'<a href="{form_url(agency.biro, periode)}">Ubah</a>' in biro
    bagian = html[html.index(f'data-testid="organisasi-{agency.bagian.pk}"') :]
    bagian = bagian[: bagian.index("</tr>")]
    assert f"<td>{NBSP * 6}Bagian SDM<br>" in bagian
    assert '<span class="badge ok">Istimewa</span>' in bagian
    assert "<td>Target kinerja unit tercapai</td>" in bagian
    assert f"oleh {label(agency.pimpinan)}<br>" in bagian
    assert "atas nama" not in bagian

    UnitFactory(kode="BU-KEU", nama="Bagian Keuangan", induk=agency.biro)
    pimpinan = client_for("pimpinan").get(reverse("penilaian:organisasi")).content.decode()
    keuangan = pimpinan[pimpinan.index("Bagian Keuangan") :]
    keuangan = keuangan[: keuangan.index("</tr>")]
    assert '<span class="badge warn">Belum ditetapkan</span>' in keuangan
    assert ">Tetapkan</a>" in keuangan
    assert f'href="{form_url(agency.biro, periode)}"' not in pimpinan


def test_list_period_choice_and_inactive_units(agency, client_for, periode):
    tw3 = open_period("TW3")
    org_rating(agency.lain, tw3, PredikatOrganisasi.KURANG)
    agency.lain.aktif = False
    agency.lain.save(update_fields=["aktif"])
    client = client_for("auditor")
    current = client.get(reverse("penilaian:organisasi"))
    assert current.context["periode"] == periode
    assert [row[0] for row in rows(current)] == ["SET", "BU", "BU-SDM"]
    labels = [label for _value, label in current.context["form"].fields["periode"].choices]
    assert labels == ["Triwulan IV-Akhir 2026", "Triwulan III 2026"]
    past = client.get(list_url(tw3))
    assert past.context["periode"] == tw3
    assert ("BL", 1, "KURANG", False) in rows(past)
    assert '<span class="badge">nonaktif</span>' in past.content.decode()
    assert client.get(f"{list_url()}?periode=x").context["periode"] == periode


def test_list_without_any_open_period(agency, client_for):
    response = client_for("admin").get(reverse("penilaian:organisasi"))
    assert response.context["periode"] is None
    assert "Belum ada periode yang dibuka." in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_is_flat(agency, client_for, django_assert_num_queries, periode, count):
    for number in range(count):
        unit = UnitFactory(kode=f"SUB{number}", induk=agency.bagian)
        org_rating(unit, periode)
    client = client_for("admin")
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("penilaian:organisasi"))
    assert len(response.context["rows"]) == 2 + count


# --- The form --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_form_matrix(agency, client_for, periode, role):
    response = client_for(role).get(form_url(agency.bagian, periode))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in SETTERS:
        assert response.status_code == 200
        assert response.context["nav_section"] == "kinerja_organisasi"
        assert response.context["atas_nama"] is SETTERS[role]
        html = response.content.decode()
        assert ('data-testid="atas-nama"' in html) is SETTERS[role]
        assert f'action="{form_url(agency.bagian, periode)}"' in html
    else:
        assert response.status_code == (403 if role == "auditor" else 404)
    assert ratings() == []


@pytest.mark.parametrize("role", ROLES)
def test_setting_matrix(agency, client_for, periode, role):
    data = {"predikat": "ISTIMEWA", "alasan": "Semua IKU tercapai."}
    response = client_for(role).post(form_url(agency.bagian, periode), data)
    if role == "anonim":
        assert_login_redirect(response)
    elif role in SETTERS:
        assert response.status_code == 302
        assert response.url == list_url(periode)
        assert sent_messages(response) == [
            "Capaian kinerja organisasi Bagian SDM Triwulan IV-Akhir 2026 ditetapkan: Istimewa."
        ]
        user = agency.user(role)
        assert ratings() == [
            (
                agency.bagian.pk,
                periode.pk,
                "ISTIMEWA",
                "Semua IKU tercapai.",
                SETTERS[role],
                label(user),
            )
        ]
        return
    else:
        assert response.status_code == (403 if role == "auditor" else 404)
    assert ratings() == []


def test_form_explains_each_rating(agency, client_for, periode):
    response = client_for("pimpinan").get(form_url(agency.bagian, periode))
    pola = {item.predikat: item.batasan for item in response.context["pola"]}
    assert pola == {
        PredikatOrganisasi.ISTIMEWA: [
            "Sangat Baik kelompok terbanyak",
            "Sangat Baik paling banyak 70%",
        ],
        PredikatOrganisasi.BAIK: [
            "Baik kelompok terbanyak",
            "Baik paling banyak 70%",
            "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang",
        ],
        PredikatOrganisasi.BUTUH_PERBAIKAN: [
            "Sangat Baik paling banyak 10%",
            "Butuh Perbaikan paling sedikit 60%",
        ],
        PredikatOrganisasi.KURANG: [
            "Sangat Baik paling banyak 10%",
            "Butuh Perbaikan paling sedikit 10%",
            "Kurang/Misconduct paling sedikit 60%",
        ],
        PredikatOrganisasi.SANGAT_KURANG: [
            "Sangat Baik paling banyak 0%",
            "Butuh Perbaikan + Kurang/Misconduct paling sedikit 10%",
            "Sangat Kurang paling sedikit 60%",
        ],
    }
    html = response.content.decode()
    baik = html[html.index('data-testid="pola-BAIK"') :]
    baik = baik[: baik.index("</tr>")]
    assert "<li>Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang</li>" in baik
    assert "Kurva diperiksa untuk kelompok paling sedikit 10 orang" in html
    assert 'data-testid="atas-nama"' not in html


def test_form_without_an_active_rule_set(agency, client_for, periode):
    SetAturan.objects.update(status="NONAKTIF")
    response = client_for("pimpinan").get(form_url(agency.bagian, periode))
    assert response.status_code == 200
    assert response.context["pola"] == []
    html = response.content.decode()
    assert "Tidak ada set aturan aktif yang berlaku pada 31 Desember 2026." in html
    assert 'data-testid="organisasi-form"' in html


def test_changing_a_rating_starts_from_the_current_one(agency, client_for, periode):
    org_rating(agency.bagian, periode, PredikatOrganisasi.KURANG)
    client = client_for("admin")
    form = client.get(form_url(agency.bagian, periode)).context["form"]
    assert (form["predikat"].value(), form["alasan"].value()) == (
        "KURANG",
        "Target kinerja unit tercapai",
    )
    response = client.post(
        form_url(agency.bagian, periode), {"predikat": "BAIK", "alasan": "Koreksi: IKU tercapai."}
    )
    assert response.status_code == 302
    assert ratings() == [
        (
            agency.bagian.pk,
            periode.pk,
            "BAIK",
            "Koreksi: IKU tercapai.",
            True,
            label(agency.admin),
        )
    ]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"predikat": "", "alasan": "Alasan."}, "predikat", "Pilih capaian kinerja organisasi."),
        (
            {"predikat": "BAIK", "alasan": "   "},
            "alasan",
            "Tuliskan alasan singkat capaian kinerja organisasi.",
        ),
        ({"predikat": "HEBAT", "alasan": "Alasan."}, "predikat", None),
    ],
)
def test_form_refusals_change_nothing(agency, client_for, periode, data, field, message):
    response = client_for("pimpinan").post(form_url(agency.bagian, periode), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    if message is None:
        assert errors == [
            "Masukkan pilihan yang valid. HEBAT bukan salah satu dari pilihan yang tersedia."
        ]
    else:
        assert errors == [message]
    assert ratings() == []


def test_a_finalised_group_or_locked_period_refuses(agency, client_for):
    """Biro Umum's group (Budi and Siti of Bagian SDM, too small to judge) is finalised: its
    rating cannot change, and Bagian SDM cannot get a rating that would split it."""
    tw1 = open_period("TW1")
    org_rating(agency.biro, tw1)
    rate(agency.penilai, tw1, Predikat.BAIK, aktor=SYSTEM)
    rate(agency.pegawai, tw1, Predikat.BAIK)
    services.penetapan_finalise(aktor=SYSTEM, unit=agency.biro, periode=tw1)
    before = ratings()
    data = {"predikat": "ISTIMEWA", "alasan": "Ubah."}
    response = client_for("admin").post(form_url(agency.biro, tw1), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Predikat kelompok unit ini sudah ditetapkan; buka kembali penetapan sebelum mengubah "
        "capaian kinerja organisasi."
    ]
    inside = client_for("pimpinan").post(form_url(agency.bagian, tw1), data)
    assert inside.status_code == 200
    assert inside.context["form"].non_field_errors() == [
        "Pegawai unit ini sudah ditetapkan dalam kelompok Biro Umum; buka kembali penetapan "
        "itu sebelum menetapkan capaian kinerja organisasi unit ini."
    ]
    assert ratings() == before

    tw2 = open_period("TW2")
    for aksi in ("close", "lock"):
        tw2 = periode_transition(aktor=SYSTEM, periode=tw2, aksi=aksi, alasan="Tes.")
    locked = client_for("pimpinan").post(form_url(agency.bagian, tw2), data)
    assert locked.context["form"].non_field_errors() == [
        "Periode sudah dikunci; capaian kinerja organisasi tidak dapat diubah."
    ]
    assert ratings() == before


def test_unknown_unit_or_period(agency, client_for, periode):
    client = client_for("superuser")
    assert (
        client.get(reverse("penilaian:organisasi_tetapkan", args=[999999, periode.pk])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("penilaian:organisasi_tetapkan", args=[agency.bagian.pk, 999999])
        ).status_code
        == 404
    )
