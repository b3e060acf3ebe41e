import pytest
from django.urls import reverse

from kinerja.core.context_processors import navigation_items
from kinerja.organisasi.access import scope_for

EVERYONE = ("sasaran", "periode")
HR_PAGES = ("unit", "pegawai", "kelengkapan", "pemantauan", "kinerja_organisasi", "kurva")
TAIL = ("notifikasi", "pekerjaan", "token")
OWN = (
    *("beranda", "profil", "skp", "realisasi", "penilaian_saya"),
    *("tukin_saya", "angka_kredit_saya", "dasbor_saya"),
)
OUTCOMES = ("tukin", "angka_kredit", "talenta", "rekap", "dasbor")

NAV_SECTIONS = {
    "pegawai": [*OWN, "keberatan", *EVERYONE, *TAIL],
    "penilai": [
        *(*OWN, "bawahan", "skp-bawahan", "matriks", "verifikasi", "penilaian", "dasbor_tim"),
        "kurva",
        *("keberatan", "talenta", *EVERYONE, *TAIL),
    ],
    "outsider": [*OWN, "keberatan", *EVERYONE, *TAIL],
    "admin": [
        "beranda",
        *HR_PAGES,
        "keberatan",
        *OUTCOMES,
        *EVERYONE,
        "impor",
        "aturan",
        "peran",
        "audit",
        *TAIL,
    ],
    "pimpinan": ["beranda", *HR_PAGES, *OUTCOMES, *EVERYONE, "aturan", *TAIL],
    "auditor": ["beranda", *HR_PAGES, *OUTCOMES, *EVERYONE, "aturan", "peran", "audit", *TAIL],
    "superuser": [
        *("beranda", *HR_PAGES, "keberatan", *OUTCOMES, *EVERYONE),
        *("impor", "aturan", "peran", "audit", *TAIL),
    ],
}


@pytest.mark.parametrize(("role", "sections"), NAV_SECTIONS.items())
def test_navigation_follows_the_role(agency, role, sections):
    scope = scope_for(agency.user(role))
    assert [item.section for item in navigation_items(scope)] == sections


@pytest.mark.parametrize("role", NAV_SECTIONS)
def test_beranda_greets_every_role(client_for, agency, role):
    response = client_for(role).get(reverse("core:beranda"))
    assert response.status_code == 200
    user = agency.user(role)
    assert f"Selamat datang, {user.nama}" in response.content.decode()


def test_beranda_needs_login(client_for):
    response = client_for("anonim").get(reverse("core:beranda"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("akun:login"))


def test_health_answers_without_login(client):
    response = client.get(reverse("core:health"))
    assert response.json() == {"status": "ok"}


def test_pages_are_in_indonesian_by_default(client_for):
    response = client_for("pegawai").get(reverse("core:beranda"))
    assert '<html lang="id">' in response.content.decode()
    assert "Keluar" in response.content.decode()
