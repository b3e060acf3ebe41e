from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils.translation import gettext_lazy as _


class PenggunaManager(BaseUserManager["Pengguna"]):
    use_in_migrations = True

    def create_user(self, nip: str, password: str | None = None, **fields: Any) -> Pengguna:
        if not nip:
            raise ValueError("NIP is required")
        user = self.model(nip=nip, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, nip: str, password: str | None = None, **fields: Any) -> Pengguna:
        fields.setdefault("is_superuser", True)
        return self.create_user(nip, password, **fields)


class Pengguna(AbstractBaseUser, PermissionsMixin):
    """A login account. Employees log in with their NIP; the employee record links to it."""

    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    nama = models.CharField(_("nama"), max_length=200, blank=True)
    email = models.EmailField(_("surel"), blank=True, help_text=_("Untuk notifikasi lewat surel."))
    is_active = models.BooleanField(_("aktif"), default=True)
    wajib_ganti_sandi = models.BooleanField(_("wajib ganti kata sandi"), default=False)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    objects = PenggunaManager()

    USERNAME_FIELD = "nip"
    REQUIRED_FIELDS = ["nama"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return f"{self.nama} ({self.nip})" if self.nama else self.nip

    @property
    def is_staff(self) -> bool:
        return self.is_superuser


class TokenApi(models.Model):
    """A personal API token. Only its SHA-256 hash is stored; the secret is shown once."""

    pengguna = models.ForeignKey(Pengguna, on_delete=models.CASCADE, related_name="token_api")
    nama = models.CharField(_("nama"), max_length=100)
    awalan = models.CharField(_("awalan"), max_length=12, db_index=True)
    hash = models.CharField(max_length=64, unique=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    terakhir_dipakai = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    kedaluwarsa_pada = models.DateTimeField(_("kedaluwarsa pada"), null=True, blank=True)
    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-dibuat_pada"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.awalan}…)"


class PercobaanMasuk(models.Model):
    """One login attempt, kept to throttle guessing by NIP and by address.

    An attempt refused while locked (`terkunci`) checked no password, so it does not count as a
    failure: retrying during the lock does not extend it.
    """

    nip = models.CharField(max_length=64, db_index=True)
    alamat_ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    berhasil = models.BooleanField(default=False)
    terkunci = models.BooleanField(
        default=False,
        help_text=_("Ditolak karena masuk sedang dikunci; kata sandi tidak diperiksa."),
    )
    waktu = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("percobaan masuk")
        verbose_name_plural = _("percobaan masuk")

    def __str__(self) -> str:
        outcome = "berhasil" if self.berhasil else "terkunci" if self.terkunci else "gagal"
        return f"{self.nip} {outcome} {self.waktu:%Y-%m-%d %H:%M:%S}"
