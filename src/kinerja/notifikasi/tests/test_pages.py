"""Notification pages: my notifications (paginated, unread marked, each with its link), marking
one or all read (plain POST and HTMX), the unread-count fragment and its lazy load in the base
layout; every role sees only their own notices, another's id is a 404 and nothing changes."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.conftest import ROLES
from kinerja.notifikasi.models import Notifikasi

pytestmark = pytest.mark.django_db

LIST = reverse("notifikasi:list")
MARK = reverse("notifikasi:mark-read")
BADGE = reverse("notifikasi:badge")
SIGNED_IN = [role for role in ROLES if role != "anonim"]


def make(
    user,
    judul: str,
    *,
    kunci: str = "",
    tautan: str = "/skp/",
    read: bool = False,
    age_minutes: int = 0,
) -> Notifikasi:
    notice = Notifikasi.objects.create(
        penerima=user,
        judul=judul,
        isi=f"Isi {judul}",
        tautan=tautan,
        kunci=kunci or judul,
        dibaca_pada=timezone.now() if read else None,
    )
    if age_minutes:
        Notifikasi.objects.filter(pk=notice.pk).update(
            dibuat_pada=timezone.now() - datetime.timedelta(minutes=age_minutes)
        )
        notice.refresh_from_db()
    return notice


def everyones_notices(agency) -> dict[str, Notifikasi]:
    """One unread notice for every signed-in role's user, titled after the role."""
    return {role: make(agency.user(role), f"Untuk {role}") for role in SIGNED_IN}


def state() -> list[tuple]:
    return list(Notifikasi.objects.order_by("pk").values_list("pk", "penerima_id", "dibaca_pada"))


def listed(response) -> list[str]:
    return [notice.judul for notice in response.context["page_obj"].object_list]


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response.url.startswith(reverse("akun:login"))


# --- Permission matrices ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_list_matrix_everyone_sees_only_their_own(agency, client_for, role):
    everyones_notices(agency)
    before = state()
    response = client_for(role).get(LIST)
    if role == "anonim":
        assert_login_redirect(response)
    else:
        assert response.status_code == 200
        assert response.context["nav_section"] == "notifikasi"
        assert listed(response) == [f"Untuk {role}"]
        html = response.content.decode()
        assert html.count('data-testid="notification"') == 1
        others = [other for other in SIGNED_IN if other != role]
        assert all(f"Untuk {other}<" not in html for other in others)
    assert state() == before


@pytest.mark.parametrize("role", ROLES)
def test_badge_matrix_counts_only_ones_own_unread(agency, client_for, role):
    everyones_notices(agency)
    if role != "anonim":
        make(agency.user(role), "Kedua")
        make(agency.user(role), "Sudah dibaca", read=True)
    before = state()
    response = client_for(role).get(BADGE)
    if role == "anonim":
        assert_login_redirect(response)
    else:
        assert response.status_code == 200
        assert response.content.decode().strip() == (
            f'<a href="{LIST}" data-testid="notification-badge">Notifikasi '
            '<span class="badge bad">2</span><span class="sr-only"> belum dibaca</span></a>'
        )
    assert state() == before


@pytest.mark.parametrize("role", ROLES)
def test_mark_read_matrix_only_ones_own_notice(agency, client_for, role):
    notices = everyones_notices(agency)
    target = notices["pegawai"]
    before = state()
    response = client_for(role).post(MARK, {"id": target.pk})
    target.refresh_from_db()
    if role == "anonim":
        assert_login_redirect(response)
        assert state() == before
    elif role == "pegawai":
        assert response.status_code == 302
        assert response.url == LIST
        assert target.dibaca_pada is not None
        assert [pk for pk, _user, read in state() if read] == [target.pk]
    else:
        assert response.status_code == 404
        assert state() == before


# --- The list --------------------------------------------------------------------------------


def test_list_marks_unread_and_links_each_notice(agency, client_for):
    siti = agency.pegawai.pengguna
    unread = make(siti, "Bukti dikembalikan", tautan="/realisasi/7/", age_minutes=1)
    read = make(siti, "SKP disetujui", tautan="/skp/3/", read=True, age_minutes=2)
    plain = make(siti, "Pengumuman", tautan="", age_minutes=3)

    response = client_for("pegawai").get(LIST)
    html = response.content.decode()

    assert listed(response) == ["Bukti dikembalikan", "SKP disetujui", "Pengumuman"]
    assert response.context["unread"] == 2
    assert "2 notifikasi belum dibaca." in html
    assert html.count(">Baru</span>") == 2
    # Unread with a link: following it marks the notice read (a POST, then the link).
    assert re.search(
        rf'<input type="hidden" name="id" value="{unread.pk}">\s*'
        r'<button type="submit" name="buka" value="1" class="link">'
        r"<strong>Bukti dikembalikan</strong></button>",
        html,
    )
    # Read: a plain link, with when it was read.
    assert '<a href="/skp/3/">SKP disetujui</a>' in html
    assert f"Dibaca {_waktu(read.dibaca_pada)}" in html
    # Without a link: the title only.
    assert "<strong>Pengumuman</strong>" in html
    assert f'name="id" value="{plain.pk}"' in html  # its "mark read" button
    assert html.count(">Tandai dibaca</button>") == 2
    assert ">Tandai semua dibaca</button>" in html
    assert f'hx-post="{MARK}" hx-target="#notifikasi-{unread.pk}" hx-swap="outerHTML"' in html
    assert "Isi Bukti dikembalikan" in html


def _waktu(value: datetime.datetime) -> str:
    from kinerja.core.templatetags.kinerja import waktu

    return waktu(value)


def test_an_empty_list_says_so(agency, client_for):
    html = client_for("pegawai").get(LIST).content.decode()
    assert "Belum ada notifikasi." in html
    assert "0 notifikasi belum dibaca." in html
    assert "Tandai semua dibaca" not in html


def test_list_is_paginated_newest_first(agency, client_for):
    siti = agency.pegawai.pengguna
    for number in range(30):
        make(siti, f"Notifikasi {number:02d}", age_minutes=100 - number)
    client = client_for("pegawai")

    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert listed(first) == [f"Notifikasi {number:02d}" for number in range(29, 4, -1)]
    assert listed(second) == [f"Notifikasi {number:02d}" for number in range(4, -1, -1)]
    assert "Halaman 1 dari 2" in first.content.decode()
    assert first.context["unread"] == 30


@pytest.mark.parametrize("count", [2, 20])
def test_list_query_count_is_flat(agency, client_for, django_assert_num_queries, count):
    for number in range(count):
        make(agency.pegawai.pengguna, f"N{number}", read=number % 2 == 0)
    client = client_for("pegawai")
    with django_assert_num_queries(8):
        response = client.get(LIST)
    assert len(listed(response)) == count


# --- Marking read ----------------------------------------------------------------------------


def test_mark_all_read_leaves_other_users_alone(agency, client_for):
    siti, budi = agency.pegawai.pengguna, agency.penilai.pengguna
    make(siti, "Satu")
    make(siti, "Dua")
    earlier = make(siti, "Sudah", read=True)
    budis = make(budi, "Milik Budi")

    response = client_for("pegawai").post(MARK, follow=True)

    assert response.redirect_chain == [(LIST, 302)]
    assert "2 notifikasi ditandai dibaca." in response.content.decode()
    assert Notifikasi.objects.filter(penerima=siti, dibaca_pada__isnull=True).count() == 0
    assert Notifikasi.objects.get(pk=earlier.pk).dibaca_pada == earlier.dibaca_pada
    assert Notifikasi.objects.get(pk=budis.pk).dibaca_pada is None


def test_opening_a_notice_marks_it_read_and_follows_its_link(agency, client_for):
    notice = make(agency.pegawai.pengguna, "Bukti dikembalikan", tautan="/realisasi/7/")
    response = client_for("pegawai").post(MARK, {"id": notice.pk, "buka": "1"})
    assert response.status_code == 302
    assert response.url == "/realisasi/7/"
    notice.refresh_from_db()
    assert notice.dibaca_pada is not None


@pytest.mark.parametrize("tautan", ["", "https://contoh.example/x", "//contoh.example/x"])
def test_opening_a_notice_never_leaves_the_site(agency, client_for, tautan):
    notice = make(agency.pegawai.pengguna, "Aneh", tautan=tautan)
    response = client_for("pegawai").post(MARK, {"id": notice.pk, "buka": "1"})
    assert response.status_code == 302
    assert response.url == LIST
    notice.refresh_from_db()
    assert notice.dibaca_pada is not None


def test_marking_with_htmx_returns_the_refreshed_row_and_reloads_the_badge(agency, client_for):
    notice = make(agency.pegawai.pengguna, "Bukti dikembalikan", tautan="/realisasi/7/")
    response = client_for("pegawai").post(MARK, {"id": notice.pk}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifikasi-dibaca"
    assert [template.name for template in response.templates] == ["notifikasi/_baris.html"]
    assert html.startswith(f'<tr id="notifikasi-{notice.pk}" data-testid="notification">')
    assert '<a href="/realisasi/7/">Bukti dikembalikan</a>' in html
    assert "Dibaca " in html
    assert "Tandai dibaca" not in html
    assert ">Baru<" not in html


@pytest.mark.parametrize("value", ["abc", "", "-1", "999999"])
def test_marking_a_bad_or_missing_id_is_404(agency, client_for, value):
    make(agency.pegawai.pengguna, "Satu")
    before = state()
    assert client_for("pegawai").post(MARK, {"id": value}).status_code == 404
    assert state() == before


def test_mark_read_is_post_only(agency, client_for):
    make(agency.pegawai.pengguna, "Satu")
    before = state()
    assert client_for("pegawai").get(MARK).status_code == 405
    assert state() == before


# --- The badge -------------------------------------------------------------------------------


def test_badge_without_unread_is_only_the_link(agency, client_for):
    make(agency.pegawai.pengguna, "Sudah", read=True)
    response = client_for("pegawai").get(BADGE)
    assert response.content.decode().strip() == (
        f'<a href="{LIST}" data-testid="notification-badge">Notifikasi</a>'
    )


def test_badge_formats_large_counts(agency, client_for):
    Notifikasi.objects.bulk_create(
        Notifikasi(penerima=agency.pegawai.pengguna, judul="x", kunci=f"k{number}")
        for number in range(1234)
    )
    html = client_for("pegawai").get(BADGE).content.decode()
    assert '<span class="badge bad">1.234</span>' in html


def test_base_layout_loads_the_badge_lazily_for_signed_in_users(agency, client_for):
    page = client_for("pegawai").get(reverse("core:beranda")).content.decode()
    assert (
        f'<span hx-get="{BADGE}" hx-trigger="load, notifikasi-dibaca from:body" '
        'hx-swap="innerHTML" data-testid="notification-badge-slot"></span>'
    ) in page
    login = client_for("anonim").get(reverse("akun:login")).content.decode()
    assert BADGE not in login


def test_no_badge_while_the_password_must_be_changed(agency, client_for):
    user = agency.pegawai.pengguna
    user.wajib_ganti_sandi = True
    user.save(update_fields=["wajib_ganti_sandi"])
    page = client_for("pegawai").get(reverse("akun:ganti-sandi")).content.decode()
    assert 'data-testid="current-user"' in page
    assert BADGE not in page
