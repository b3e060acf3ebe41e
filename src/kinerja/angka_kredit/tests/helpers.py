"""Helpers of the credit-point tests: functional positions with a position history, and annual
assessments (rated through the assessment service; finalised as the group's finalisation
leaves them, or through the real finalisation for the agency's Bagian SDM)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils import timezone

from kinerja.aturan.enums import Predikat
from kinerja.organisasi.enums import JenisJabatan, Jenjang
from kinerja.organisasi.models import Jabatan, Pegawai, RiwayatJabatan
from kinerja.penilaian.enums import StatusPenilaian
from kinerja.penilaian.models import Penilaian
from kinerja.penilaian.tests.factories import SYSTEM, open_period, rate
from kinerja.periode.models import Periode

TAHUN = 2026


def jabatan(jenjang: Jenjang | None) -> Jabatan:
    """A functional position at a jenjang (None: a Pelaksana position), grade 9."""
    if jenjang is None:
        return Jabatan.objects.create(
            nama="Pengadministrasi Umum",
            jenis_jabatan=JenisJabatan.PELAKSANA.value,
            kelas_jabatan=9,
        )
    return Jabatan.objects.create(
        nama=f"Analis Kebijakan {jenjang.label}",
        jenis_jabatan=JenisJabatan.FUNGSIONAL.value,
        jenjang=jenjang.value,
        kelas_jabatan=9,
    )


def history(pegawai: Pegawai, stretches: Sequence[tuple[datetime.date, Jenjang | None]]) -> Pegawai:
    """Replace the employee's position history by consecutive stretches (each until the next
    one starts, the last open); the current position is the last one."""
    RiwayatJabatan.objects.filter(pegawai=pegawai).delete()
    position = None
    for index, (mulai, jenjang) in enumerate(stretches):
        sampai = stretches[index + 1][0] if index + 1 < len(stretches) else None
        position = jabatan(jenjang)
        RiwayatJabatan.objects.create(
            pegawai=pegawai, unit=pegawai.unit, jabatan=position, mulai=mulai, sampai=sampai
        )
    assert position is not None
    pegawai.jabatan = position
    pegawai.save(update_fields=["jabatan"])
    return pegawai


def functional(pegawai: Pegawai, jenjang: Jenjang = Jenjang.AHLI_PERTAMA) -> Pegawai:
    """The employee at this jenjang since 1 January 2020."""
    return history(pegawai, [(datetime.date(2020, 1, 1), jenjang)])


def annual_period(tahun: int = TAHUN) -> Periode:
    return open_period("TAHUNAN", tahun=tahun)


def annual(
    pegawai: Pegawai, predikat: Predikat, tahun: int = TAHUN, *, final: bool = True
) -> Penilaian:
    """The employee's annual assessment of `tahun` with this predikat (a draft unless final)."""
    penilaian = rate(pegawai, annual_period(tahun), predikat, aktor=SYSTEM)
    if final:
        Penilaian.objects.filter(pk=penilaian.pk).update(
            status=StatusPenilaian.FINAL.value, ditetapkan_pada=timezone.now()
        )
        penilaian.refresh_from_db()
    return penilaian
