"""Helpers of the allowance tests: employees with a grade that has an amount, attendance, a
finalised annual predikat of last year, another rule-set version."""

from __future__ import annotations

import datetime
from typing import Any

from kinerja.aturan.enums import Predikat
from kinerja.aturan.models import SetAturan
from kinerja.aturan.services import (
    rule_set_activate,
    rule_set_copy,
    rule_set_section_update,
    rule_set_update,
)
from kinerja.audit.services import Aktor
from kinerja.organisasi.models import Jabatan, Pegawai, Unit
from kinerja.organisasi.tests.factories import JabatanFactory, PegawaiFactory
from kinerja.penilaian.enums import StatusPenilaian
from kinerja.penilaian.models import Penilaian
from kinerja.periode.models import Periode
from kinerja.realisasi.tests.factories import open_period
from kinerja.skp.tests.factories import SYSTEM
from kinerja.tukin import services
from kinerja.tukin.enums import SebabPerhitungan
from kinerja.tukin.models import Kehadiran, Perhitungan, PerubahanTukin, Tukin

TAHUN, BULAN = 2026, 11
KELAS_9, KELAS_10 = 3_781_000, 4_551_000

__all__ = ["BULAN", "SYSTEM", "TAHUN"]


def graded(pegawai: Pegawai, kelas: int | None = 9) -> Pegawai:
    """Give the employee's position (and its history) this grade."""
    Jabatan.objects.filter(pk=pegawai.jabatan_id).update(kelas_jabatan=kelas)
    pegawai.refresh_from_db()
    pegawai.jabatan.refresh_from_db()
    return pegawai


def employee(unit: Unit, kelas: int = 9, **kwargs: Any) -> Pegawai:
    return PegawaiFactory(unit=unit, jabatan=JabatanFactory(kelas_jabatan=kelas), **kwargs)


def attend(pegawai: Pegawai, aktor: Aktor = SYSTEM, bulan: int = BULAN, **counts: Any) -> Tukin:
    """Record the attendance (which recomputes the month) and return the stored allowance."""
    services.kehadiran_save(aktor=aktor, pegawai=pegawai, tahun=TAHUN, bulan=bulan, data=counts)
    return Tukin.objects.get(pegawai=pegawai, tahun=TAHUN, bulan=bulan)


def recompute(unit: Unit | None = None, **kwargs: Any) -> Perhitungan:
    kwargs.setdefault("tahun", TAHUN)
    kwargs.setdefault("bulan", BULAN)
    return services.allowance_recompute(
        aktor=SYSTEM, sebab=SebabPerhitungan.MANUAL, unit=unit, **kwargs
    )


def last_year(pegawai: Pegawai, predikat: Predikat, *, final: bool = True) -> Penilaian:
    """An annual assessment of TAHUN − 1 with this predikat (finalised or draft)."""
    periode: Periode = open_period("TAHUNAN", tahun=TAHUN - 1)
    return Penilaian.objects.create(
        pegawai=pegawai,
        periode=periode,
        unit=pegawai.unit,
        jabatan=pegawai.jabatan,
        rating_hasil="DI_ATAS",
        rating_perilaku="DI_ATAS",
        predikat=predikat.value,
        set_aturan=SetAturan.objects.get(kode="bawaan", versi=1),
        status=(StatusPenilaian.FINAL if final else StatusPenilaian.DRAF).value,
        dinilai_label="sistem",
    )


def new_version(besaran: dict[str, int]) -> SetAturan:
    """A new active version of the default rule set with another amount table, effective from
    the same date (so it supersedes version 1)."""
    aktor = Aktor.system()
    bawaan = SetAturan.objects.get(kode="bawaan", versi=1)
    copy = rule_set_copy(aktor=aktor, sumber=bawaan)
    rule_set_update(
        aktor=aktor,
        set_aturan=copy,
        nama=copy.nama,
        dasar_hukum=copy.dasar_hukum,
        berlaku_mulai=datetime.date(2023, 1, 1),
        unit=None,
        catatan="Tabel besaran baru",
    )
    tukin = {**copy.isi["tukin"], "besaran": besaran}
    rule_set_section_update(aktor=aktor, set_aturan=copy, bagian="tukin", data=tukin)
    return rule_set_activate(aktor=aktor, set_aturan=SetAturan.objects.get(pk=copy.pk))


def state() -> list[Any]:
    """Everything the allowance writes, to show that a refused action changes nothing."""
    return [
        list(Kehadiran.objects.order_by("pk").values()),
        list(Tukin.objects.order_by("pk").values_list("pk", "netto", "dihitung_pada")),
        list(Perhitungan.objects.order_by("pk").values_list("pk", "jumlah")),
        list(PerubahanTukin.objects.order_by("pk").values_list("pk", "sebab")),
    ]
