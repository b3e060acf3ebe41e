"""A small constructed agency for the recap tests (year 2026).

U1 "Bidang Satu" (organisation rating BAIK for TW1): 12 rated employees, SB 3 / B 9; one of them
  (Bayu) retired since 1 March (excluded), one (Cici) inactive: the 10 left are SB 2 / B 8, no
  Butuh Perbaikan, so the curve of BAIK is not met (kurva_sesuai false).
  Ani: functional, Ahli Pertama until 30 April, Ahli Muda from 1 May (kelas 9 both), potential
  TINGGI, attendance: January 2 late arrivals (TL1), July 2 days absent without reason.
U3 "Bidang Tiga" (organisation rating ISTIMEWA): 2 rated employees, too small to judge.
U4 "Bidang Empat" (no organisation rating): Dodi rated, Eko transferred away (MUTASI, open)
  and not rated.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import cast

from kinerja.aturan.enums import Potensi as PotensiEnum
from kinerja.aturan.enums import Predikat, PredikatOrganisasi
from kinerja.organisasi.enums import JenisJabatan, JenisPengecualian, Jenjang
from kinerja.organisasi.models import Jabatan, Pegawai, Pengecualian, RiwayatJabatan, Unit
from kinerja.organisasi.tests.factories import JabatanFactory, PegawaiFactory, UnitFactory
from kinerja.penilaian.tests.factories import SYSTEM, open_period, org_rating, rate
from kinerja.periode.models import Periode
from kinerja.talenta.models import Potensi
from kinerja.tukin.models import Kehadiran

TAHUN = 2026
SB, B, BP, K, SK = tuple(Predikat)


@dataclass
class Dinas:
    root: Unit
    u1: Unit
    u3: Unit
    u4: Unit
    kepala: Pegawai
    ani: Pegawai
    bayu: Pegawai
    cici: Pegawai
    dodi: Pegawai
    eko: Pegawai
    u1_members: list[Pegawai]
    u3_members: list[Pegawai]
    tw1: Periode


def person(unit: Unit, nama: str, nip: str, jabatan: Jabatan | None = None) -> Pegawai:
    return cast(
        Pegawai,
        PegawaiFactory(
            unit=unit,
            nama=nama,
            nip=nip,
            jabatan=jabatan or JabatanFactory(kelas_jabatan=7),
        ),
    )


def nip(n: int) -> str:
    return f"19800101200501{n:04d}"


def build(*, rate_tw1: bool = True) -> Dinas:
    tw1 = open_period("TW1", tahun=TAHUN)
    root = cast(Unit, UnitFactory(kode="DNS", nama="Dinas"))
    u1 = cast(Unit, UnitFactory(kode="U1", nama="Bidang Satu", induk=root))
    u3 = cast(Unit, UnitFactory(kode="U3", nama="Bidang Tiga", induk=root))
    u4 = cast(Unit, UnitFactory(kode="U4", nama="Bidang Empat", induk=root))
    kepala = person(root, "Kepala Dinas", nip(1))
    pertama = cast(
        Jabatan,
        JabatanFactory(
            nama="Analis Ahli Pertama",
            jenis_jabatan=JenisJabatan.FUNGSIONAL.value,
            jenjang=Jenjang.AHLI_PERTAMA.value,
            kelas_jabatan=9,
        ),
    )
    muda = cast(
        Jabatan,
        JabatanFactory(
            nama="Analis Ahli Muda",
            jenis_jabatan=JenisJabatan.FUNGSIONAL.value,
            jenjang=Jenjang.AHLI_MUDA.value,
            kelas_jabatan=9,
        ),
    )
    ani = person(u1, "Ani", nip(10), muda)
    RiwayatJabatan.objects.filter(pegawai=ani).update(
        jabatan=pertama, sampai=datetime.date(2026, 5, 1)
    )
    RiwayatJabatan.objects.create(
        pegawai=ani, unit=u1, jabatan=muda, mulai=datetime.date(2026, 5, 1)
    )
    bayu = person(u1, "Bayu", nip(11))
    cici = person(u1, "Cici", nip(12))
    others = [person(u1, f"Pegawai U1 {n:02d}", nip(20 + n)) for n in range(9)]
    u1_members = [ani, bayu, cici, *others]
    u3_members = [person(u3, f"Pegawai U3 {n}", nip(40 + n)) for n in range(2)]
    dodi = person(u4, "Dodi", nip(50))
    eko = person(u4, "Eko", nip(51))
    Potensi.objects.create(pegawai=ani, tahun=TAHUN, potensi=PotensiEnum.TINGGI.value)
    Kehadiran.objects.create(pegawai=ani, tahun=TAHUN, bulan=1, tl1=2)
    Kehadiran.objects.create(pegawai=ani, tahun=TAHUN, bulan=7, tanpa_keterangan=2)
    if rate_tw1:
        org_rating(u1, tw1, PredikatOrganisasi.BAIK)
        org_rating(u3, tw1, PredikatOrganisasi.ISTIMEWA)
        for member, value in zip(u1_members, [SB, SB, B, SB] + [B] * 8, strict=True):
            rate(member, tw1, value, aktor=SYSTEM)
        for member in u3_members:
            rate(member, tw1, B, aktor=SYSTEM)
        rate(dodi, tw1, BP, aktor=SYSTEM)
    Pengecualian.objects.create(
        pegawai=bayu,
        jenis=JenisPengecualian.PENSIUN.value,
        mulai=datetime.date(2026, 3, 1),
    )
    Pengecualian.objects.create(
        pegawai=eko,
        jenis=JenisPengecualian.MUTASI.value,
        mulai=datetime.date(2026, 1, 15),
    )
    Pegawai.objects.filter(pk=cici.pk).update(aktif=False)
    return Dinas(root, u1, u3, u4, kepala, ani, bayu, cici, dodi, eko, u1_members, u3_members, tw1)
