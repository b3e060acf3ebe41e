"""The curve monitor: the list of curve groups of a period (permission matrix, exact numbers per
group, compliance and finalisation badges, period choice, pinned query count), one group's page
(permission matrix, the organisation rating or its absence, the chart's exact numbers, the
constraints, the calibration suggestion, members and unrated, the finalise area by role, pinned
query count for 10 and 20 members), finalising through the page (refused with every reason and
nothing changed, or finalised) and reopening with a reason (history row)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.aturan.enums import Predikat, PredikatOrganisasi
from kinerja.aturan.models import SetAturan
from kinerja.audit.services import Aktor
from kinerja.conftest import ROLES
from kinerja.core.templatetags.kinerja import waktu
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.penilaian import services
from kinerja.penilaian.models import KinerjaOrganisasi, Penetapan, Penilaian, RiwayatPenetapan
from kinerja.penilaian.tests.factories import (
    BAIK_10,
    BAIK_10_WITHOUT_LOW,
    SYSTEM,
    finalised_group,
    open_period,
    org_rating,
    rate,
    rate_all,
    team,
)
from kinerja.periode.models import Periode

pytestmark = pytest.mark.django_db

LIST_READERS = {"penilai", "admin", "pimpinan", "auditor", "superuser"}
FINALISERS = {"penilai", "admin", "pimpinan", "superuser"}
LIST_QUERIES = 13
DETAIL_QUERIES = 16
DETAIL_FINAL_QUERIES = 14
OUTSIDE_CURVE = (
    "Distribusi predikat belum sesuai kurva: Baik paling banyak 70%; Butuh Perbaikan + "
    "Kurang/Misconduct paling sedikit 1 orang."
)


def assert_login_redirect(response) -> None:
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


def sent_messages(response) -> list[str]:
    """The messages this request added."""
    return [str(message) for message in response.wsgi_request._messages._queued_messages]


def state() -> tuple[list[Any], ...]:
    """Everything the pages may change."""
    return (
        list(
            KinerjaOrganisasi.objects.order_by("pk").values_list(
                "unit_id", "predikat", "alasan", "atas_nama", "oleh_label"
            )
        ),
        list(Penetapan.objects.order_by("pk").values_list("unit_id", "status", "jumlah")),
        list(
            Penilaian.objects.order_by("pk").values_list(
                "pegawai_id", "status", "penetapan_id", "predikat"
            )
        ),
        list(RiwayatPenetapan.objects.order_by("pk").values_list("penetapan_id", "aksi", "alasan")),
    )


def detail_url(unit: Unit, periode: Periode, name: str = "penilaian:kurva_detail") -> str:
    return reverse(name, args=[unit.pk, periode.pk])


def login(pegawai_or_user: Any) -> Client:
    client = Client()
    client.force_login(getattr(pegawai_or_user, "pengguna", None) or pegawai_or_user)
    return client


def rows(response) -> dict[str, tuple[Any, ...]]:
    """Per group (unit code): organisation rating, members, rated, counts per predikat (best
    first), compliance, finalised."""
    return {
        row.unit.kode: (
            row.organisasi.predikat,
            row.anggota,
            row.dinilai,
            [row.jumlah[p] for p in Predikat],
            row.sesuai,
            row.is_final,
        )
        for row in response.context["rows"]
    }


def constraints(response) -> list[tuple[Any, ...]]:
    return [
        (item.label, item.minimum, item.maksimum, item.jumlah, item.terpenuhi)
        for item in response.context["hasil"].batasan
    ]


@pytest.fixture
def periode(agency) -> Periode:
    return open_period()


@pytest.fixture
def bagian_group(agency, periode) -> Periode:
    """Bagian SDM rated Baik by the leader above it; Budi (its head) Sangat Baik, Siti Baik: a
    group of 2, too small to judge, which may be finalised."""
    org_rating(agency.bagian, periode, aktor=Aktor.of_user(agency.pimpinan))
    rate(agency.penilai, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    rate(agency.pegawai, periode, Predikat.BAIK)
    return periode


def outside_curve(agency, periode: Periode) -> tuple[Unit, Pegawai, list[Pegawai]]:
    """A team of 10 under Biro Umum rated BAIK_10_WITHOUT_LOW, its head rated Baik: 3 Sangat
    Baik and 8 Baik out of 11 under organisation rating Baik."""
    unit, kepala, members = team(10, induk=agency.biro, kode="TIM-A")
    org_rating(unit, periode)
    rate_all(members, periode, BAIK_10_WITHOUT_LOW)
    rate(kepala, periode, Predikat.BAIK, aktor=SYSTEM)
    return unit, kepala, members


def within_curve(agency, periode: Periode, induk: Unit | None = None, kode: str = "TIM-B"):
    """A team of 10 rated BAIK_10, its head Sangat Baik: 3 / 7 / 1 out of 11, within Baik."""
    unit, kepala, members = team(10, induk=induk or agency.biro, kode=kode)
    org_rating(unit, periode)
    rate_all(members, periode, BAIK_10)
    rate(kepala, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    return unit, kepala, members


# --- The list --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_list_matrix(agency, client_for, bagian_group, role):
    before = state()
    response = client_for(role).get(reverse("penilaian:kurva"))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in LIST_READERS:
        assert response.status_code == 200
        assert response.context["nav_section"] == "kurva"
        assert response.context["periode"] == bagian_group
        assert rows(response) == {"BU-SDM": ("BAIK", 2, 2, [1, 1, 0, 0, 0], None, False)}
        assert detail_url(agency.bagian, bagian_group) in response.content.decode()
    else:
        assert response.status_code == 404
    assert state() == before


def test_list_numbers_and_badges(agency, client_for, bagian_group):
    periode = bagian_group
    outside, _kepala, _members = outside_curve(agency, periode)
    within, kepala, _members = within_curve(agency, periode)
    services.penetapan_finalise(aktor=SYSTEM, unit=within, periode=periode)
    unrated, _kepala, members = team(10, induk=agency.lain, kode="TIM-C")
    org_rating(unrated, periode, PredikatOrganisasi.ISTIMEWA)
    rate_all(members, periode, [Predikat.SANGAT_BAIK] * 6 + [Predikat.BAIK] * 4)

    auditor = client_for("auditor").get(reverse("penilaian:kurva"))
    assert rows(auditor) == {
        "BU-SDM": ("BAIK", 2, 2, [1, 1, 0, 0, 0], None, False),
        "TIM-A": ("BAIK", 11, 11, [3, 8, 0, 0, 0], False, False),
        "TIM-B": ("BAIK", 11, 11, [3, 7, 1, 0, 0], True, True),
        "TIM-C": ("ISTIMEWA", 11, 10, [6, 4, 0, 0, 0], True, False),
    }
    jalur = [row.unit.jalur for row in auditor.context["rows"]]
    assert jalur == sorted(jalur)
    html = auditor.content.decode()
    assert html.count('<span class="badge">Terlalu kecil untuk dinilai</span>') == 1
    assert html.count('<span class="badge bad">Tidak sesuai</span>') == 1
    assert html.count('<span class="badge ok">Sesuai</span>') == 2
    assert html.count('<span class="badge ok">Ditetapkan</span>') == 1
    assert html.count('<span class="badge warn">Belum ditetapkan</span>') == 3
    row_a = html[html.index(f'data-testid="kurva-{outside.pk}"') :]
    row_a = row_a[: row_a.index("</tr>")]
    cells = [
        '<td class="num">11</td>',
        '<td class="num">11</td>',
        '<td class="num">3</td>',
        '<td class="num">8</td>',
        '<td class="num">0</td>',
    ]
    position = 0
    for cell in cells:
        position = row_a.index(cell, position) + len(cell)
    assert f'<a href="{detail_url(outside, periode)}">Rincian</a>' in row_a

    admin = client_for("admin").get(reverse("penilaian:kurva"))
    assert list(rows(admin)) == ["BU-SDM", "TIM-A", "TIM-B"]
    penilai = client_for("penilai").get(reverse("penilaian:kurva"))
    assert list(rows(penilai)) == ["BU-SDM"]
    head = login(kepala).get(reverse("penilaian:kurva"))
    assert list(rows(head)) == ["TIM-B"]


def test_list_period_choice(agency, client_for, bagian_group):
    tw3 = open_period("TW3")
    org_rating(agency.bagian, tw3, PredikatOrganisasi.KURANG)
    client = client_for("superuser")
    default = client.get(reverse("penilaian:kurva"))
    assert default.context["periode"] == bagian_group
    labels = [label for _value, label in default.context["form"].fields["periode"].choices]
    assert labels == ["Triwulan IV-Akhir 2026", "Triwulan III 2026"]
    chosen = client.get(f"{reverse('penilaian:kurva')}?periode={tw3.pk}")
    assert chosen.context["periode"] == tw3
    assert rows(chosen) == {"BU-SDM": ("KURANG", 2, 0, [0, 0, 0, 0, 0], None, False)}
    assert f'<option value="{tw3.pk}" selected>Triwulan III 2026</option>' in (
        chosen.content.decode()
    )
    wrong = client.get(f"{reverse('penilaian:kurva')}?periode=abc")
    assert wrong.context["periode"] == bagian_group


def test_list_without_groups_or_periods(agency, client_for):
    nothing = client_for("auditor").get(reverse("penilaian:kurva"))
    assert nothing.context["periode"] is None
    assert "Belum ada periode yang dibuka." in nothing.content.decode()
    open_period()
    empty = client_for("auditor").get(reverse("penilaian:kurva"))
    assert empty.context["rows"] == []
    assert "Belum ada unit dengan capaian kinerja organisasi pada periode ini" in (
        empty.content.decode()
    )


def groups(agency, periode: Periode, count: int) -> None:
    for number in range(count):
        unit, kepala, members = team(2, induk=agency.biro, kode=f"G{number}")
        org_rating(unit, periode)
        rate_all(members, periode, [Predikat.BAIK, Predikat.BUTUH_PERBAIKAN])
        rate(kepala, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode)


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_is_flat(agency, client_for, django_assert_num_queries, periode, count):
    groups(agency, periode, count)
    for role in ("superuser", "admin"):
        client = client_for(role)
        with django_assert_num_queries(LIST_QUERIES):
            response = client.get(reverse("penilaian:kurva"))
        assert len(response.context["rows"]) == count


# --- One group -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_detail_matrix(agency, client_for, bagian_group, role):
    before = state()
    response = client_for(role).get(detail_url(agency.bagian, bagian_group))
    if role == "anonim":
        assert_login_redirect(response)
    elif role in LIST_READERS:
        assert response.status_code == 200
        assert response.context["nav_section"] == "kurva"
        group = response.context["group"]
        assert [m.pegawai.nama for m in group.anggota] == ["Budi Santoso", "Siti Aminah"]
        assert group.errors == []
        html = response.content.decode()
        assert ('data-testid="tetapkan-form"' in html) is (role in FINALISERS)
        finalise = f'action="{detail_url(agency.bagian, bagian_group, "penilaian:tetapkan")}"'
        assert (finalise in html) is (role in FINALISERS)
        assert "Kelompok 2 orang terlalu kecil untuk dinilai terhadap kurva" in html
        assert '<span class="badge">Terlalu kecil untuk dinilai</span>' in html
    else:
        assert response.status_code == 404
    assert state() == before


def test_detail_of_a_group_outside_the_curve(agency, client_for, periode):
    unit, kepala, members = outside_curve(agency, periode)
    before = state()
    response = client_for("admin").get(detail_url(unit, periode))
    assert response.status_code == 200
    assert response.context["hasil"].sesuai is False
    assert constraints(response) == [
        ("Baik kelompok terbanyak", 4, 11, 8, True),
        ("Baik paling banyak 70%", 0, 7, 8, False),
        ("Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang", 1, 11, 0, False),
    ]
    assert [move.label() for move in response.context["hasil"].saran] == [
        "Ubah 1 pegawai dari Baik menjadi Butuh Perbaikan"
    ]
    assert response.context["group"].errors == [OUTSIDE_CURVE]
    html = response.content.decode()
    assert "<td>Baik paling banyak 70%</td>\n      <td>0–7 orang</td>" in html
    assert '<span class="badge bad">Tidak terpenuhi</span>' in html
    suggestion = html[html.index('data-testid="saran"') :]
    assert "<li>Ubah 1 pegawai dari Baik menjadi Butuh Perbaikan</li>" in suggestion
    errors = html[html.index('data-testid="penetapan-errors"') :]
    assert f"<li>{OUTSIDE_CURVE}</li>" in errors
    assert 'data-testid="tetapkan-form"' not in html
    assert "Distribusi predikat 11 pegawai tidak sesuai dengan kurva" in html
    # The chart: 3 Sangat Baik (27,3%), 8 Baik (72,7%) above the allowed 4–7 (red bar).
    assert (
        '<rect x="24" y="116" width="56" height="44" fill="#2563eb">'
        "<title>Sangat Baik: 3</title></rect>"
    ) in html
    assert '<text x="52" y="112" text-anchor="middle" font-size="11">3 (27,3%)</text>' in html
    assert (
        '<rect x="98" y="58" width="68" height="44" fill="#dbeafe" stroke="#93c5fd" '
        'stroke-dasharray="3 2"><title>Baik: boleh 4–7 orang</title></rect>'
    ) in html
    assert (
        '<rect x="104" y="44" width="56" height="116" fill="#dc2626"><title>Baik: 8</title></rect>'
    ) in html
    assert '<text x="132" y="40" text-anchor="middle" font-size="11">8 (72,7%)</text>' in html
    assert (
        '<rect x="184" y="160" width="56" height="0" fill="#2563eb">'
        "<title>Butuh Perbaikan: 0</title></rect>"
    ) in html
    assert html.count('fill="#dbeafe"') == 1
    # Members, each with a link to the rating form of the period.
    group = response.context["group"]
    assert len(group.anggota) == 11
    siti = members[0]
    row = html[html.index(f'data-testid="anggota-{siti.pk}"') :]
    row = row[: row.index("</tr>")]
    for cell in (
        siti.nip,
        f"<td>{siti.jabatan.nama}</td><td>{unit.nama}</td><td>{kepala.nama}</td>",
        "<td>Di Atas Ekspektasi</td><td>Di Atas Ekspektasi</td>",
        '<span class="badge">Sangat Baik</span>',
        f'<a href="{reverse("penilaian:nilai", args=[siti.pk, periode.pk])}">Penilaian</a>',
    ):
        assert cell in row

    refused = client_for("admin").post(detail_url(unit, periode, "penilaian:tetapkan"))
    assert refused.status_code == 302
    assert refused.url == detail_url(unit, periode)
    assert sent_messages(refused) == [OUTSIDE_CURVE]
    assert state() == before


def test_finalise_and_reopen_through_the_pages(agency, client_for, periode):
    unit, _kepala, _members = within_curve(agency, periode)
    client = client_for("admin")
    page = client.get(detail_url(unit, periode)).content.decode()
    assert "<li>Ubah" not in page
    assert 'data-testid="saran"' not in page
    assert '<span class="badge ok">Sesuai</span>' in page

    response = client.post(detail_url(unit, periode, "penilaian:tetapkan"))
    assert response.url == detail_url(unit, periode)
    assert sent_messages(response) == [
        f"Predikat kinerja 11 pegawai kelompok {unit.nama} Triwulan IV-Akhir 2026 ditetapkan."
    ]
    penetapan = Penetapan.objects.get(unit=unit, periode=periode)
    assert penetapan.is_final
    assert penetapan.jumlah == {
        "SANGAT_BAIK": 3,
        "BAIK": 7,
        "BUTUH_PERBAIKAN": 1,
        "KURANG": 0,
        "SANGAT_KURANG": 0,
    }
    assert set(
        Penilaian.objects.filter(unit__jalur__startswith=unit.jalur).values_list(
            "status", flat=True
        )
    ) == {"FINAL"}

    admin_label = f"Admin Biro Umum ({agency.admin.nip})"
    final = client.get(detail_url(unit, periode))
    html = final.content.decode()
    when = waktu(penetapan.ditetapkan_pada)
    assert f"oleh {admin_label} pada {when}" in html
    reopen = detail_url(unit, periode, "penilaian:buka")
    assert f'<a class="button secondary" href="{reopen}">Buka kembali</a>' in html
    assert f'href="{detail_url(unit, periode, "penilaian:penetapan_pdf")}"' in html
    massal = detail_url(unit, periode, "penilaian:dokumen_massal")
    assert f'<form method="post" action="{massal}">' in html
    assert "Unduh semua dokumen evaluasi (ZIP)" in html
    assert [(r.aksi, r.alasan, r.oleh_label) for r in final.context["riwayat"]] == [
        ("TETAPKAN", "", admin_label)
    ]
    assert "<td>Ditetapkan</td><td>—</td>" in html

    form = client.get(reopen)
    assert form.status_code == 200
    assert 'data-testid="buka-form"' in form.content.decode()
    before = state()
    empty = client.post(reopen, {"alasan": "  "})
    assert empty.status_code == 200
    assert empty.context["form"].non_field_errors() == [
        "Tuliskan alasan membuka kembali penetapan."
    ]
    assert state() == before

    done = client.post(reopen, {"alasan": "Rating Pegawai salah input."})
    assert done.url == detail_url(unit, periode)
    assert sent_messages(done) == [
        f"Penetapan predikat kinerja kelompok {unit.nama} Triwulan IV-Akhir 2026 dibuka kembali."
    ]
    penetapan.refresh_from_db()
    assert penetapan.status == "DIBUKA"
    assert list(penetapan.riwayat.values_list("aksi", "alasan", "oleh_label")) == [
        ("TETAPKAN", "", admin_label),
        ("BUKA", "Rating Pegawai salah input.", admin_label),
    ]
    assert set(
        Penilaian.objects.filter(unit__jalur__startswith=unit.jalur).values_list(
            "status", flat=True
        )
    ) == {"DRAF"}
    reopened = client.get(detail_url(unit, periode)).content.decode()
    assert "<td>Dibuka kembali</td><td>Rating Pegawai salah input.</td>" in reopened
    assert '<span class="badge warn">Dibuka kembali</span>' in reopened
    assert 'data-testid="tetapkan-form"' in reopened
    again = client.get(reopen).content.decode()
    assert "Penetapan ini sedang dibuka; tidak ada yang perlu dibuka kembali." in again
    assert 'data-testid="buka-form"' not in again


def test_detail_without_organisation_rating(agency, client_for, periode):
    rate(agency.pegawai, periode, Predikat.BAIK)
    admin = client_for("admin").get(detail_url(agency.bagian, periode))
    assert admin.context["hasil"] is None
    html = admin.content.decode()
    assert "Capaian kinerja organisasi unit ini untuk periode ini belum ditetapkan" in html
    set_it = detail_url(agency.bagian, periode, "penilaian:organisasi_tetapkan")
    assert f'<a class="button" href="{set_it}">Tetapkan capaian kinerja organisasi</a>' in html
    assert "<svg" not in html
    assert 'data-testid="batasan-table"' not in html
    errors = html[html.index('data-testid="penetapan-errors"') :]
    assert "<li>Capaian kinerja organisasi untuk unit ini belum ditetapkan.</li>" in errors
    assert "<li>1 pegawai belum dinilai: Budi Santoso.</li>" in errors

    penilai = client_for("penilai").get(detail_url(agency.bagian, periode)).content.decode()
    assert set_it not in penilai
    assert "Minta pimpinan di atas unit ini" in penilai
    assert "<li>1 pegawai belum dinilai: Budi Santoso.</li>" in penilai


def test_finalise_refused_lists_every_reason(agency, client_for, periode):
    unit, kepala, members = team(10, induk=agency.biro)
    org_rating(unit, periode)
    rate_all(members, periode, BAIK_10_WITHOUT_LOW)
    before = state()
    response = client_for("pimpinan").post(detail_url(unit, periode, "penilaian:tetapkan"))
    assert response.url == detail_url(unit, periode)
    assert sent_messages(response) == [
        f"1 pegawai belum dinilai: {kepala.nama}.",
        "Distribusi predikat belum sesuai kurva: Butuh Perbaikan + Kurang/Misconduct paling "
        "sedikit 1 orang.",
    ]
    assert state() == before


def test_without_an_active_rule_set(agency, client_for, bagian_group):
    SetAturan.objects.update(status="NONAKTIF")
    response = client_for("admin").get(detail_url(agency.bagian, bagian_group))
    assert response.status_code == 200
    assert "group" not in response.context
    html = response.content.decode()
    assert "Tidak ada set aturan aktif yang berlaku pada 31 Desember 2026." in html
    assert 'data-testid="anggota-table"' not in html


def test_detail_lists_the_unrated(agency, client_for, periode):
    unit, kepala, members = team(10, induk=agency.biro)
    org_rating(unit, periode)
    rate_all(members[:9], periode, BAIK_10[:9])
    response = client_for("auditor").get(detail_url(unit, periode))
    unrated = sorted([kepala, members[9]], key=lambda p: p.nama)
    assert response.context["group"].unrated == unrated
    html = response.content.decode()
    listed = html[html.index('data-testid="belum-dinilai"') :]
    assert f"<li>{unrated[0].nama} <small" in listed
    assert f"penilai: {kepala.nama}" in listed
    assert "penilai: —" in listed
    row = html[html.index(f'data-testid="anggota-{members[9].pk}"') :]
    assert '<td colspan="3"><span class="badge warn">Belum dinilai</span></td>' in row
    # A reader who may not finalise sees neither the button nor the reasons.
    assert 'data-testid="penetapan-errors"' not in html
    assert "Penetapan dilakukan oleh kepala unit, pimpinan unit, atau admin kepegawaian." in html


def test_a_reader_of_a_final_group(agency, client_for):
    _penetapan, unit, _kepala, _members, periode = finalised_group(induk=agency.biro)
    html = client_for("auditor").get(detail_url(unit, periode)).content.decode()
    assert "Buka kembali" not in html
    assert f'href="{detail_url(unit, periode, "penilaian:penetapan_pdf")}"' in html
    assert "Unduh semua dokumen evaluasi (ZIP)" in html
    assert "Ubah capaian kinerja organisasi" not in html
    assert client_for("auditor").get(detail_url(unit, periode, "penilaian:buka")).status_code == 403


def test_unknown_period_or_unit(agency, client_for, bagian_group):
    client = client_for("superuser")
    assert (
        client.get(reverse("penilaian:kurva_detail", args=[agency.bagian.pk, 999999])).status_code
        == 404
    )
    assert (
        client.get(reverse("penilaian:kurva_detail", args=[999999, bagian_group.pk])).status_code
        == 404
    )
    assert client.get(detail_url(agency.bagian, bagian_group, "penilaian:buka")).status_code == 404


@pytest.mark.parametrize("size", [10, 20])
def test_detail_query_count_is_flat(agency, client_for, django_assert_num_queries, size):
    periode = open_period()
    unit, kepala, members = team(size, induk=agency.biro)
    org_rating(unit, periode)
    rate_all(members, periode, (BAIK_10 * 2)[:size])
    rate(kepala, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    client = client_for("admin")
    with django_assert_num_queries(DETAIL_QUERIES):
        draft = client.get(detail_url(unit, periode))
    assert len(draft.context["group"].anggota) == size + 1
    services.penetapan_finalise(aktor=SYSTEM, unit=unit, periode=periode)
    with django_assert_num_queries(DETAIL_FINAL_QUERIES):
        final = client.get(detail_url(unit, periode))
    assert final.context["group"].is_final
    assert len(final.context["group"].anggota) == size + 1


# --- Finalise and reopen: permission matrices -------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_finalise_matrix(agency, client_for, bagian_group, role):
    before = state()
    url = detail_url(agency.bagian, bagian_group, "penilaian:tetapkan")
    response = client_for(role).post(url)
    if role == "anonim":
        assert_login_redirect(response)
    elif role in FINALISERS:
        assert response.status_code == 302
        assert response.url == detail_url(agency.bagian, bagian_group)
        assert sent_messages(response) == [
            "Predikat kinerja 2 pegawai kelompok Bagian SDM Triwulan IV-Akhir 2026 ditetapkan."
        ]
        assert Penetapan.objects.get(unit=agency.bagian, periode=bagian_group).is_final
        return
    else:
        assert response.status_code == (403 if role == "auditor" else 404)
    assert state() == before


def test_finalise_needs_post(agency, client_for, bagian_group):
    url = detail_url(agency.bagian, bagian_group, "penilaian:tetapkan")
    assert client_for("admin").get(url).status_code == 405
    assert not Penetapan.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_reopen_matrix(agency, client_for, bagian_group, role):
    services.penetapan_finalise(aktor=SYSTEM, unit=agency.bagian, periode=bagian_group)
    url = detail_url(agency.bagian, bagian_group, "penilaian:buka")
    before = state()
    client = client_for(role)
    page = client.get(url)
    response = client.post(url, {"alasan": "Koreksi rating."})
    if role == "anonim":
        assert_login_redirect(page)
        assert_login_redirect(response)
    elif role in FINALISERS:
        assert page.status_code == 200
        assert page.context["nav_section"] == "kurva"
        assert response.status_code == 302
        penetapan = Penetapan.objects.get(unit=agency.bagian, periode=bagian_group)
        assert penetapan.status == "DIBUKA"
        assert list(penetapan.riwayat.values_list("aksi", "alasan")) == [
            ("TETAPKAN", ""),
            ("BUKA", "Koreksi rating."),
        ]
        return
    else:
        status = 403 if role == "auditor" else 404
        assert (page.status_code, response.status_code) == (status, status)
    assert state() == before
