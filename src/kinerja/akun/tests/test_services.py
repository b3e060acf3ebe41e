"""Writes: tokens, password change, provisioning by HR, (de)activation, and their audit entries."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kinerja.akun import rules, selectors, services
from kinerja.akun.models import Pengguna, PercobaanMasuk, TokenApi
from kinerja.akun.tests.helpers import PASSWORD, accounts_state, audit_actions
from kinerja.audit.models import Entri
from kinerja.audit.services import Aktor
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.tests.factories import PegawaiFactory, PenggunaFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Kopi-Tubruk-2025"


def aktor_of(user: Pengguna) -> Aktor:
    return Aktor.of_user(user, "10.1.2.3")


def last_entry() -> Entri:
    return Entri.objects.order_by("-urutan").first()


# --- Login bookkeeping ---------------------------------------------------------------------------


def test_a_success_clears_the_nips_failures_only():
    PercobaanMasuk.objects.create(nip="111", alamat_ip="10.0.0.1", berhasil=False)
    PercobaanMasuk.objects.create(nip="222", alamat_ip="10.0.0.1", berhasil=False)
    services.login_attempt_record(nip="111", alamat_ip="10.0.0.1", berhasil=True)
    assert list(PercobaanMasuk.objects.order_by("pk").values_list("nip", "berhasil")) == [
        ("222", False),
        ("111", True),
    ]


def test_login_and_logout_are_audited(agency):
    user = agency.pegawai.pengguna
    services.pengguna_login_record(aktor=aktor_of(user), pengguna=user)
    services.pengguna_logout_record(aktor=aktor_of(user), pengguna=user)
    entries = list(Entri.objects.order_by("urutan"))
    assert [(e.aksi, e.objek_tipe, e.objek_id, e.alamat_ip) for e in entries] == [
        ("akun.login", "akun.pengguna", str(user.pk), "10.1.2.3"),
        ("akun.logout", "akun.pengguna", str(user.pk), "10.1.2.3"),
    ]


# --- Tokens --------------------------------------------------------------------------------------


def test_token_create_stores_only_the_hash_and_audits(agency):
    owner = agency.pegawai.pengguna
    token, secret = services.token_create(
        aktor=aktor_of(owner), pengguna=owner, nama="  skrip rekap  ", berlaku_hari=30
    )
    stored = TokenApi.objects.get()
    assert stored.hash == rules.token_hash(secret)
    assert stored.awalan == secret[:12]
    assert stored.nama == "skrip rekap"
    assert secret not in {stored.nama, stored.awalan, stored.hash}
    expected_expiry = timezone.now() + datetime.timedelta(days=30)
    assert abs(stored.kedaluwarsa_pada - expected_expiry) < datetime.timedelta(seconds=5)
    entry = last_entry()
    assert (entry.aksi, entry.objek_id, entry.aktor_id) == (
        "token_api.create",
        str(token.pk),
        owner.pk,
    )
    assert entry.sesudah == {
        "nama": "skrip rekap",
        "awalan": secret[:12],
        "kedaluwarsa_pada": stored.kedaluwarsa_pada.isoformat(),
    }
    assert secret not in str(entry.sesudah)


def test_token_create_without_validity_never_expires(agency):
    owner = agency.pegawai.pengguna
    token, _secret = services.token_create(aktor=aktor_of(owner), pengguna=owner, nama="ci")
    assert token.kedaluwarsa_pada is None


def test_token_create_rejects_bad_input_and_writes_nothing(agency):
    owner = agency.pegawai.pengguna
    before = accounts_state()
    with pytest.raises(ValidationError) as caught:
        services.token_create(aktor=aktor_of(owner), pengguna=owner, nama=" ", berlaku_hari=0)
    assert caught.value.message_dict == {
        "nama": ["Nama token wajib diisi."],
        "berlaku_hari": ["Masa berlaku harus antara 1 dan 3650 hari, atau dikosongkan."],
    }
    assert accounts_state() == before


def test_token_revoke_once_then_nothing(agency):
    owner = agency.pegawai.pengguna
    token, secret = services.token_create(aktor=aktor_of(owner), pengguna=owner, nama="ci")
    assert services.token_revoke(aktor=aktor_of(owner), token=token) is True
    revoked_at = TokenApi.objects.get().dicabut_pada
    assert revoked_at is not None
    assert token.dicabut_pada == revoked_at
    assert selectors.token_authenticate(secret) is None
    count = Entri.objects.count()
    assert services.token_revoke(aktor=aktor_of(owner), token=token) is False
    assert TokenApi.objects.get().dicabut_pada == revoked_at
    assert Entri.objects.count() == count
    assert audit_actions() == ["token_api.create", "token_api.revoke"]
    assert last_entry().sebelum == {"dicabut_pada": None}


# --- Password change -----------------------------------------------------------------------------


def test_password_change_sets_the_password_clears_the_flag_and_audits_no_values(agency):
    user = agency.pegawai.pengguna
    Pengguna.objects.filter(pk=user.pk).update(wajib_ganti_sandi=True)
    user.refresh_from_db()
    services.pengguna_password_change(
        aktor=aktor_of(user), pengguna=user, sandi_lama=PASSWORD, sandi_baru=NEW_PASSWORD
    )
    stored = Pengguna.objects.get(pk=user.pk)
    assert stored.check_password(NEW_PASSWORD)
    assert not stored.check_password(PASSWORD)
    assert stored.wajib_ganti_sandi is False
    assert (user.password, user.wajib_ganti_sandi) == (stored.password, False)
    entry = last_entry()
    assert (entry.aksi, entry.objek_id) == ("pengguna.password_change", str(user.pk))
    assert (entry.sebelum, entry.sesudah) == (
        {"wajib_ganti_sandi": True},
        {"wajib_ganti_sandi": False},
    )
    logged = f"{entry.sebelum}{entry.sesudah}{entry.keterangan}{entry.objek_label}"
    assert PASSWORD not in logged
    assert NEW_PASSWORD not in logged
    assert stored.password not in logged


@pytest.mark.parametrize(
    ("lama", "baru", "expected"),
    [
        ("salah-sekali", NEW_PASSWORD, {"sandi_lama": ["Kata sandi lama salah."]}),
        (
            PASSWORD,
            PASSWORD,
            {"sandi_baru": ["Kata sandi baru harus berbeda dari kata sandi lama."]},
        ),
        (
            PASSWORD,
            "12345678",
            {
                "sandi_baru": [
                    "Kata sandi ini terlalu umum.",
                    "Kata sandi ini seluruhnya terdiri dari angka.",
                ]
            },
        ),
        (
            "salah-sekali",
            "abc",
            {
                "sandi_lama": ["Kata sandi lama salah."],
                "sandi_baru": [
                    "Kata sandi terlalu pendek. Harus mengandung setidaknya 8 karakter.",
                    "Kata sandi ini terlalu umum.",
                ],
            },
        ),
    ],
)
def test_password_change_rejects_bad_input_and_writes_nothing(agency, lama, baru, expected):
    user = agency.pegawai.pengguna
    before = accounts_state()
    with pytest.raises(ValidationError) as caught:
        services.pengguna_password_change(
            aktor=aktor_of(user), pengguna=user, sandi_lama=lama, sandi_baru=baru
        )
    assert caught.value.message_dict == expected
    assert accounts_state() == before


@pytest.mark.parametrize(("baru", "mirip"), [("SitiAminah", "nama"), ("{nip}x", "NIP")])
def test_password_change_refuses_a_password_like_the_name_or_nip(agency, baru, mirip):
    user = agency.pegawai.pengguna
    with pytest.raises(ValidationError) as caught:
        services.pengguna_password_change(
            aktor=aktor_of(user),
            pengguna=user,
            sandi_lama=PASSWORD,
            sandi_baru=baru.format(nip=user.nip),
        )
    assert caught.value.message_dict == {
        "sandi_baru": [f"Kata sandi terlalu mirip dengan {mirip}."]
    }


# --- Provisioning by HR ---------------------------------------------------------------------------


def test_provision_creates_the_account_links_it_and_audits(agency):
    pegawai = PegawaiFactory(nama="Rina Marlina", unit=agency.bagian)
    pengguna, temporary = services.pengguna_provision_for_pegawai(
        aktor=aktor_of(agency.admin), pegawai=pegawai
    )
    stored = Pengguna.objects.get(nip=pegawai.nip)
    assert stored == pengguna
    assert (stored.nama, stored.is_active, stored.wajib_ganti_sandi) == ("Rina Marlina", True, True)
    assert stored.check_password(temporary)
    assert len(temporary) == 14
    assert Pegawai.objects.get(pk=pegawai.pk).pengguna_id == stored.pk
    assert pegawai.pengguna_id == stored.pk
    entries = list(Entri.objects.order_by("urutan"))
    assert [(e.aksi, e.objek_tipe, e.objek_id) for e in entries] == [
        ("pengguna.create", "akun.pengguna", str(stored.pk)),
        ("pegawai.update", "organisasi.pegawai", str(pegawai.pk)),
    ]
    assert entries[0].sesudah == {
        "nip": pegawai.nip,
        "nama": "Rina Marlina",
        "is_active": True,
        "wajib_ganti_sandi": True,
    }
    assert (entries[1].sebelum, entries[1].sesudah) == ({"pengguna": None}, {"pengguna": stored.pk})
    assert all(e.aktor_id == agency.admin.pk for e in entries)
    assert temporary not in str([(e.sebelum, e.sesudah, e.keterangan) for e in entries])


def test_provision_resets_the_existing_account(agency):
    user = agency.pegawai.pengguna
    Pegawai.objects.filter(pk=agency.pegawai.pk).update(nama="Siti Aminah Lubis")
    agency.pegawai.refresh_from_db()
    pengguna, temporary = services.pengguna_provision_for_pegawai(
        aktor=aktor_of(agency.admin), pegawai=agency.pegawai
    )
    stored = Pengguna.objects.get(pk=user.pk)
    assert pengguna == stored
    assert Pengguna.objects.count() == 7
    assert stored.check_password(temporary)
    assert not stored.check_password(PASSWORD)
    assert (stored.nama, stored.wajib_ganti_sandi) == ("Siti Aminah Lubis", True)
    entry = last_entry()
    assert audit_actions() == ["pengguna.password_reset"]
    assert (entry.objek_id, entry.sebelum, entry.sesudah) == (
        str(user.pk),
        {"nama": "Siti Aminah", "wajib_ganti_sandi": False},
        {"nama": "Siti Aminah Lubis", "wajib_ganti_sandi": True},
    )
    assert entry.keterangan == "Kata sandi sementara dibuat oleh admin kepegawaian."


def test_provision_twice_gives_a_new_temporary_password(agency):
    aktor = aktor_of(agency.admin)
    _user, first = services.pengguna_provision_for_pegawai(aktor=aktor, pegawai=agency.pegawai)
    _user, second = services.pengguna_provision_for_pegawai(aktor=aktor, pegawai=agency.pegawai)
    stored = Pengguna.objects.get(pk=agency.pegawai.pengguna_id)
    assert first != second
    assert stored.check_password(second)
    assert not stored.check_password(first)


def test_provision_links_an_unlinked_account_with_the_nip(agency):
    pegawai = PegawaiFactory(unit=agency.bagian)
    existing = PenggunaFactory(nip=pegawai.nip, nama="Nama Lama")
    pengguna, temporary = services.pengguna_provision_for_pegawai(
        aktor=aktor_of(agency.admin), pegawai=pegawai
    )
    assert pengguna.pk == existing.pk
    assert Pegawai.objects.get(pk=pegawai.pk).pengguna_id == existing.pk
    assert Pengguna.objects.get(pk=existing.pk).check_password(temporary)
    assert audit_actions() == ["pengguna.password_reset", "pegawai.update"]


def test_provision_refuses_an_inactive_employee(agency):
    Pegawai.objects.filter(pk=agency.pegawai.pk).update(aktif=False)
    before = accounts_state()
    with pytest.raises(ValidationError) as caught:
        services.pengguna_provision_for_pegawai(
            aktor=aktor_of(agency.admin), pegawai=agency.pegawai
        )
    assert caught.value.message_dict == {
        "pegawai": ["Pegawai Siti Aminah nonaktif; akunnya tidak dapat dibuat atau diatur ulang."]
    }
    assert accounts_state() == before


def test_provision_refuses_a_nip_account_linked_to_another_employee(agency):
    pegawai = PegawaiFactory(unit=agency.bagian)
    other = PegawaiFactory(unit=agency.bagian)
    taken = PenggunaFactory(nip=pegawai.nip)
    Pegawai.objects.filter(pk=other.pk).update(pengguna=taken)
    before = accounts_state()
    with pytest.raises(ValidationError) as caught:
        services.pengguna_provision_for_pegawai(aktor=aktor_of(agency.admin), pegawai=pegawai)
    assert caught.value.message_dict == {
        "pegawai": [
            f"Akun dengan NIP {pegawai.nip} sudah terhubung ke pegawai lain; periksa data "
            "pegawai terlebih dahulu."
        ]
    }
    assert accounts_state() == before


# --- Activation ----------------------------------------------------------------------------------


def test_set_active_deactivates_and_reactivates_with_audit(agency):
    user = agency.pegawai.pengguna
    aktor = aktor_of(agency.admin)
    services.pengguna_set_active(aktor=aktor, pengguna=user, aktif=False)
    assert Pengguna.objects.get(pk=user.pk).is_active is False
    assert user.is_active is False
    services.pengguna_set_active(aktor=aktor, pengguna=user, aktif=True)
    assert Pengguna.objects.get(pk=user.pk).is_active is True
    entries = list(Entri.objects.order_by("urutan"))
    assert [(e.aksi, e.sebelum, e.sesudah) for e in entries] == [
        ("pengguna.deactivate", {"is_active": True}, {"is_active": False}),
        ("pengguna.activate", {"is_active": False}, {"is_active": True}),
    ]


def test_set_active_to_the_current_state_changes_nothing(agency):
    before = accounts_state()
    services.pengguna_set_active(
        aktor=aktor_of(agency.admin), pengguna=agency.pegawai.pengguna, aktif=True
    )
    assert accounts_state() == before


def test_nobody_deactivates_their_own_account(agency):
    before = accounts_state()
    with pytest.raises(ValidationError) as caught:
        services.pengguna_set_active(
            aktor=aktor_of(agency.superuser), pengguna=agency.superuser, aktif=False
        )
    assert caught.value.message_dict == {
        "aktif": ["Anda tidak dapat menonaktifkan akun Anda sendiri."]
    }
    assert accounts_state() == before


def test_deactivation_ends_sessions_and_tokens(agency, client):
    user = agency.pegawai.pengguna
    _token, secret = services.token_create(aktor=aktor_of(user), pengguna=user, nama="ci")
    client.force_login(user)
    assert client.get("/").status_code == 200
    services.pengguna_set_active(aktor=aktor_of(agency.admin), pengguna=user, aktif=False)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/akun/masuk/")
    assert selectors.token_authenticate(secret) is None
