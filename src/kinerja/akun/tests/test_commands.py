"""`kinerja createsuperuser` with the NIP as the username field."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kinerja.akun.models import Pengguna
from kinerja.organisasi.access import scope_for

pytestmark = pytest.mark.django_db
NIP = "198203152008011002"
PASSWORD = "Rendang-Padang-77"


def create_superuser(**options) -> str:
    out = StringIO()
    call_command("createsuperuser", interactive=False, stdout=out, **options)
    return out.getvalue()


def test_createsuperuser_noinput_with_the_password_from_the_environment(monkeypatch, client):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    output = create_superuser(nip=NIP, nama="Admin Pusat")
    assert output == "Superuser created successfully.\n"
    user = Pengguna.objects.get()
    assert (user.nip, user.nama, user.is_superuser, user.is_active) == (
        NIP,
        "Admin Pusat",
        True,
        True,
    )
    assert user.is_staff is True
    assert user.wajib_ganti_sandi is False
    assert user.check_password(PASSWORD)
    assert scope_for(user).is_superuser is True
    response = client.post(reverse("akun:login"), {"nip": NIP, "kata_sandi": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_createsuperuser_takes_the_nama_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    monkeypatch.setenv("DJANGO_SUPERUSER_NIP", NIP)
    monkeypatch.setenv("DJANGO_SUPERUSER_NAMA", "Admin Lingkungan")
    create_superuser()
    assert list(Pengguna.objects.values_list("nip", "nama", "is_superuser")) == [
        (NIP, "Admin Lingkungan", True)
    ]


def test_createsuperuser_requires_the_nip(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match=re.escape("You must use --nip with --noinput.")):
        create_superuser(nama="Tanpa NIP")
    assert Pengguna.objects.count() == 0


def test_createsuperuser_refuses_a_taken_nip(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    create_superuser(nip=NIP, nama="Pertama")
    with pytest.raises(CommandError, match=re.escape("That NIP is already taken.")):
        create_superuser(nip=NIP, nama="Kedua")
    assert list(Pengguna.objects.values_list("nama", flat=True)) == ["Pertama"]
