"""Writes of accounts: login bookkeeping, tokens, passwords, accounts provisioned by HR."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import password_validation
from django.contrib.auth.password_validation import UserAttributeSimilarityValidator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.akun import rules
from kinerja.akun.models import Pengguna, PercobaanMasuk, TokenApi
from kinerja.audit.services import Aktor, audit_record, changed_values
from kinerja.organisasi.models import Pegawai


def login_attempt_record(
    *, nip: str, alamat_ip: str | None, berhasil: bool, terkunci: bool = False
) -> None:
    """Remember one login attempt (refused while locked: `terkunci`, never counted)."""
    PercobaanMasuk.objects.create(
        nip=nip[:64], alamat_ip=alamat_ip, berhasil=berhasil, terkunci=terkunci
    )
    if berhasil:
        # A success clears the NIP's earlier failures so the user is not locked by old mistakes.
        PercobaanMasuk.objects.filter(nip=nip[:64], berhasil=False).delete()


@transaction.atomic
def pengguna_login_record(*, aktor: Aktor, pengguna: Pengguna) -> None:
    """Log a successful login (who, when, from which address)."""
    audit_record(aktor=aktor, aksi="akun.login", objek=pengguna)


@transaction.atomic
def pengguna_logout_record(*, aktor: Aktor, pengguna: Pengguna) -> None:
    audit_record(aktor=aktor, aksi="akun.logout", objek=pengguna)


# --- Personal API tokens -------------------------------------------------------------------------


@transaction.atomic
def token_create(
    *, aktor: Aktor, pengguna: Pengguna, nama: str, berlaku_hari: int | None = None
) -> tuple[TokenApi, str]:
    """Create a personal token; returns the record and the secret, which is never stored."""
    errors = rules.token_errors(nama, berlaku_hari)
    if errors:
        raise ValidationError(errors)
    secret = rules.token_generate()
    expires = timezone.now() + datetime.timedelta(days=berlaku_hari) if berlaku_hari else None
    token = TokenApi.objects.create(
        pengguna=pengguna,
        nama=nama.strip(),
        awalan=rules.token_visible_part(secret),
        hash=rules.token_hash(secret),
        kedaluwarsa_pada=expires,
    )
    audit_record(
        aktor=aktor,
        aksi="token_api.create",
        objek=token,
        sesudah={"nama": token.nama, "awalan": token.awalan, "kedaluwarsa_pada": expires},
    )
    return token, secret


@transaction.atomic
def token_revoke(*, aktor: Aktor, token: TokenApi) -> bool:
    """Revoke a token once; a second revoke changes nothing and returns False."""
    now = timezone.now()
    revoked = TokenApi.objects.filter(pk=token.pk, dicabut_pada__isnull=True).update(
        dicabut_pada=now
    )
    if revoked:
        token.dicabut_pada = now
        audit_record(
            aktor=aktor,
            aksi="token_api.revoke",
            objek=token,
            sebelum={"dicabut_pada": None},
            sesudah={"dicabut_pada": now},
        )
    else:
        token.refresh_from_db(fields=["dicabut_pada"])
    return bool(revoked)


# --- Passwords -----------------------------------------------------------------------------------

ACCOUNT_ATTRIBUTES = ("nip", "nama")


def password_validators() -> list[Any]:
    """The configured validators; the similarity check compares with the NIP and the name
    (Django's default attributes — username, first and last name, email — do not exist here)."""
    validators: list[Any] = []
    for validator in password_validation.get_default_password_validators():
        if isinstance(validator, UserAttributeSimilarityValidator) and not set(
            validator.user_attributes
        ) & set(ACCOUNT_ATTRIBUTES):
            validator = UserAttributeSimilarityValidator(
                user_attributes=ACCOUNT_ATTRIBUTES, max_similarity=validator.max_similarity
            )
        validators.append(validator)
    return validators


@transaction.atomic
def pengguna_password_change(
    *, aktor: Aktor, pengguna: Pengguna, sandi_lama: str, sandi_baru: str
) -> Pengguna:
    """The user changes their own password; clears the forced change. The caller's object is
    updated too (the view keeps the session with it)."""
    current = Pengguna.objects.select_for_update().get(pk=pengguna.pk)
    errors: dict[str, list[str]] = {}
    if not current.check_password(sandi_lama):
        errors["sandi_lama"] = [_("Kata sandi lama salah.")]
    elif sandi_baru == sandi_lama:
        errors["sandi_baru"] = [_("Kata sandi baru harus berbeda dari kata sandi lama.")]
    if "sandi_baru" not in errors:
        try:
            password_validation.validate_password(
                sandi_baru, user=current, password_validators=password_validators()
            )
        except ValidationError as error:
            errors["sandi_baru"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    before = {"wajib_ganti_sandi": current.wajib_ganti_sandi}
    current.set_password(sandi_baru)
    current.wajib_ganti_sandi = False
    current.save(update_fields=["password", "wajib_ganti_sandi"])
    audit_record(
        aktor=aktor,
        aksi="pengguna.password_change",
        objek=current,
        sebelum=before,
        sesudah={"wajib_ganti_sandi": False},
    )
    pengguna.password, pengguna.wajib_ganti_sandi = current.password, False
    return current


@transaction.atomic
def pengguna_email_set(*, aktor: Aktor, pengguna: Pengguna, email: str) -> Pengguna:
    """The user sets the address notifications are e-mailed to (empty: in-app only)."""
    from django.core.validators import validate_email

    address = email.strip()
    if address:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError({"email": _("Alamat surel tidak valid.")}) from None
    if len(address) > 254:
        raise ValidationError({"email": _("Alamat surel terlalu panjang.")})
    current = Pengguna.objects.select_for_update().get(pk=pengguna.pk)
    if current.email == address:
        return current
    before = {"email": current.email}
    current.email = address
    current.save(update_fields=["email"])
    audit_record(
        aktor=aktor,
        aksi="pengguna.email",
        objek=current,
        sebelum=before,
        sesudah={"email": address},
    )
    pengguna.email = address
    return current


# --- Accounts provisioned by HR ------------------------------------------------------------------


def _account_state(pengguna: Pengguna) -> dict[str, Any]:
    return {
        "nip": pengguna.nip,
        "nama": pengguna.nama,
        "is_active": pengguna.is_active,
        "wajib_ganti_sandi": pengguna.wajib_ganti_sandi,
    }


def _account_to_reset(pegawai: Pegawai) -> Pengguna | None:
    """The locked account to reset: the linked one, else one with the NIP (None: create)."""
    if pegawai.pengguna_id:
        return Pengguna.objects.select_for_update().get(pk=pegawai.pengguna_id)
    found = Pengguna.objects.select_for_update().filter(nip=pegawai.nip).first()
    if found is not None and Pegawai.objects.filter(pengguna=found).exists():
        raise ValidationError(
            {
                "pegawai": _(
                    "Akun dengan NIP %(nip)s sudah terhubung ke pegawai lain; periksa data "
                    "pegawai terlebih dahulu."
                )
                % {"nip": pegawai.nip}
            }
        )
    return found


@transaction.atomic
def pengguna_provision_for_pegawai(*, aktor: Aktor, pegawai: Pegawai) -> tuple[Pengguna, str]:
    """Create the employee's login account (NIP and name from the employee, linked to it) or
    reset the password of the existing one. Either way the account gets a random temporary
    password, returned to be shown once, and must change it at the next login."""
    current = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    if not current.aktif:
        raise ValidationError(
            {
                "pegawai": _(
                    "Pegawai %(nama)s nonaktif; akunnya tidak dapat dibuat atau diatur ulang."
                )
                % {"nama": current.nama}
            }
        )
    temporary = rules.temporary_password_generate()
    pengguna = _account_to_reset(current)
    if pengguna is None:
        pengguna = Pengguna(nip=current.nip, nama=current.nama, wajib_ganti_sandi=True)
        pengguna.set_password(temporary)
        pengguna.save()
        audit_record(
            aktor=aktor, aksi="pengguna.create", objek=pengguna, sesudah=_account_state(pengguna)
        )
    else:
        before = _account_state(pengguna)
        pengguna.nama = current.nama
        pengguna.wajib_ganti_sandi = True
        pengguna.set_password(temporary)
        pengguna.save(update_fields=["nama", "wajib_ganti_sandi", "password"])
        sebelum, sesudah = changed_values(before, _account_state(pengguna))
        audit_record(
            aktor=aktor,
            aksi="pengguna.password_reset",
            objek=pengguna,
            sebelum=sebelum,
            sesudah=sesudah,
            keterangan=_("Kata sandi sementara dibuat oleh admin kepegawaian."),
        )
    if current.pengguna_id != pengguna.pk:
        current.pengguna = pengguna
        current.save(update_fields=["pengguna", "diubah_pada"])
        audit_record(
            aktor=aktor,
            aksi="pegawai.update",
            objek=current,
            sebelum={"pengguna": None},
            sesudah={"pengguna": pengguna.pk},
            keterangan=_("Akun login dihubungkan."),
        )
    pegawai.pengguna = pengguna
    return pengguna, temporary


@transaction.atomic
def pengguna_set_active(*, aktor: Aktor, pengguna: Pengguna, aktif: bool) -> Pengguna:
    """Deactivate or reactivate an account. An inactive account cannot log in, its sessions
    end at their next request and its tokens stop working (all check `is_active`)."""
    current = Pengguna.objects.select_for_update().get(pk=pengguna.pk)
    if not aktif and current.pk == aktor.pengguna_id:
        raise ValidationError({"aktif": _("Anda tidak dapat menonaktifkan akun Anda sendiri.")})
    if current.is_active != aktif:
        before = current.is_active
        current.is_active = aktif
        current.save(update_fields=["is_active"])
        audit_record(
            aktor=aktor,
            aksi="pengguna.activate" if aktif else "pengguna.deactivate",
            objek=current,
            sebelum={"is_active": before},
            sesudah={"is_active": aktif},
        )
    pengguna.is_active = current.is_active
    return current
