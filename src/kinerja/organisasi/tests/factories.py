"""Factories shared by every app's tests (valid NIPs, units with correct paths)."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import factory

from kinerja.akun.models import Pengguna
from kinerja.organisasi import rules
from kinerja.organisasi.enums import JenisJabatan, JenisPeran
from kinerja.organisasi.models import Jabatan, Pegawai, Peran, RiwayatJabatan, RiwayatPenilai, Unit

_sequence = itertools.count(1)


def make_nip(
    number: int | None = None, *, born: datetime.date | None = None, gender: int = 1
) -> str:
    """A valid NIP: birth date, appointment month 25 years later, gender, sequence."""
    number = next(_sequence) if number is None else number
    born = born or datetime.date(1970 + number % 30, 1 + number % 12, 1 + number % 28)
    appointed = f"{born.year + 25}{born.month:02d}"
    return f"{born:%Y%m%d}{appointed}{gender}{number % 1000:03d}"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        skip_postgeneration_save = True

    kode = factory.Sequence(lambda n: f"U{n:04d}")
    nama = factory.Sequence(lambda n: f"Unit {n}")
    induk = None

    @classmethod
    def _create(cls, model_class: type[Unit], *args: Any, **kwargs: Any) -> Unit:
        unit = model_class(*args, **kwargs)
        unit.jalur = "pending"
        unit.save()
        parent_path = unit.induk.jalur if unit.induk else None
        unit.jalur = rules.unit_path(parent_path, unit.pk)
        unit.kedalaman = unit.jalur.count("/") - 2
        unit.save(update_fields=["jalur", "kedalaman"])
        return unit


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    nama = factory.Sequence(lambda n: f"Analis {n}")
    jenis_jabatan = JenisJabatan.PELAKSANA.value
    jenjang = ""
    kelas_jabatan = 7


class PenggunaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pengguna
        skip_postgeneration_save = True

    nip = factory.LazyFunction(make_nip)
    nama = factory.Sequence(lambda n: f"Pengguna {n}")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-123")

    @classmethod
    def _after_postgeneration(cls, instance: Pengguna, create: bool, results: Any = None) -> None:
        if create:
            instance.save()


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai
        skip_postgeneration_save = True

    nip = factory.LazyFunction(make_nip)
    nama = factory.Sequence(lambda n: f"Pegawai {n}")
    golongan = "III/a"
    unit = factory.SubFactory(UnitFactory)
    jabatan = factory.SubFactory(JabatanFactory)
    penilai = None

    @factory.post_generation
    def riwayat(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        start = datetime.date(2024, 1, 1)
        RiwayatJabatan.objects.create(
            pegawai=self, unit=self.unit, jabatan=self.jabatan, mulai=start
        )
        RiwayatPenilai.objects.create(pegawai=self, penilai=self.penilai, mulai=start)


def pegawai_with_account(**kwargs: Any) -> Pegawai:
    """An employee who can log in with their NIP (password 'rahasia-123')."""
    pegawai = PegawaiFactory(**kwargs)
    pegawai.pengguna = PenggunaFactory(nip=pegawai.nip, nama=pegawai.nama)
    pegawai.save(update_fields=["pengguna"])
    return pegawai


def give_role(pengguna: Pengguna, jenis: JenisPeran, unit: Unit | None = None) -> Peran:
    return Peran.objects.create(pengguna=pengguna, jenis=jenis.value, unit=unit)
