"""The demo agency: a Sekretariat Badan of 300 employees, as rows of the exchange format.

Pure and deterministic: the same seed gives the same rows (`random.Random(seed)`, no clock).

    SET                         Sekretaris Badan (JPT Pratama, kelas 14)
    ├── SET.B1 … SET.B4         Kepala Biro (JPT Pratama, kelas 14)
    │   └── SET.Bi.BGj          Kepala Bagian (Administrator, kelas 12)
    │       └── SET.Bi.BGj.SBk  Kepala Subbagian (Pengawas, kelas 9), pelaksana and fungsional staff

Appraisers follow the org chart (DOMAIN.md section 1): pelaksana, Ahli Pertama and keterampilan →
Kepala Subbagian; Kepala Subbagian and Ahli Muda → Kepala Bagian; Kepala Bagian and Ahli Madya →
Kepala Biro (or the Sekretaris Badan); Kepala Biro → Sekretaris Badan, who has no appraiser here.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kinerja.demo import nama as daftar_nama
from kinerja.organisasi.enums import (
    JenisJabatan,
    JenisPengecualian,
    JenisPeran,
    Jenjang,
    StatusKepegawaian,
)

DEFAULT_SEED = 2025
REFERENCE_YEAR = 2025
"""Ages and years of service are counted to January of this year (never to today)."""
TOTAL_PEGAWAI = 300
ROOT_KODE = "SET"
ROOT_NAMA = "Sekretariat Badan"
DEMO_PASSWORD = "demo12345"  # noqa: S105  (the published password of every demo account)

UNIT_COLUMNS = ("kode", "nama", "induk_kode")
PEGAWAI_COLUMNS = (
    "nip",
    "nama",
    "unit_kode",
    "jabatan",
    "jenis_jabatan",
    "jenjang",
    "kelas_jabatan",
    "status",
    "golongan",
    "atasan_nip",
    "aktif",
    "keterangan",
)

PNS_GOLONGAN = ("III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c")
YEARS_PER_GOLONGAN = 4
FIRST_PPPK_YEAR = 2019
PPPK_SHARE = 0.10

JENJANG_NAMA = {
    Jenjang.AHLI_PERTAMA: "Ahli Pertama",
    Jenjang.AHLI_MUDA: "Ahli Muda",
    Jenjang.AHLI_MADYA: "Ahli Madya",
    Jenjang.TERAMPIL: "Terampil",
    Jenjang.MAHIR: "Mahir",
    Jenjang.PENYELIA: "Penyelia",
}
KELAS_JENJANG = {
    Jenjang.AHLI_PERTAMA: 8,
    Jenjang.AHLI_MUDA: 9,
    Jenjang.AHLI_MADYA: 11,
    Jenjang.TERAMPIL: 6,
    Jenjang.MAHIR: 7,
    Jenjang.PENYELIA: 8,
}
PPPK_GOLONGAN_JENJANG = {
    Jenjang.AHLI_PERTAMA: "IX",
    Jenjang.TERAMPIL: "VII",
    Jenjang.MAHIR: "VIII",
}
PPPK_GOLONGAN_KELAS = {8: "IX", 7: "VII", 6: "V", 5: "V"}

PELAKSANA = (
    # (name, kelas jabatan, weight)
    ("Penata Layanan Operasional", 8, 35),
    ("Pengelola Layanan Operasional", 7, 30),
    ("Pengadministrasi Perkantoran", 6, 20),
    ("Operator Layanan Operasional", 5, 15),
)
STAFF_KINDS = (
    # (jenjang or None for pelaksana, weight)
    (None, 55),
    (Jenjang.AHLI_PERTAMA, 22),
    (Jenjang.TERAMPIL, 9),
    (Jenjang.MAHIR, 9),
    (Jenjang.PENYELIA, 5),
)
KETERAMPILAN = frozenset({Jenjang.TERAMPIL, Jenjang.MAHIR, Jenjang.PENYELIA})


@dataclass(frozen=True)
class Rumpun:
    """A functional position family: its levels and the degrees its holders usually have."""

    nama: str
    keahlian: bool
    keterampilan: bool
    sarjana: tuple[str, ...] = ("S.E.",)
    diploma: tuple[str, ...] = ("A.Md.",)
    magister: str = "M.Si."


RUMPUN = {
    rumpun.nama: rumpun
    for rumpun in (
        Rumpun("Perencana", True, False, ("S.E.", "S.T.", "S.P.W.K."), magister="M.P.P."),
        Rumpun("Analis Anggaran", True, False, ("S.E.", "S.Ak.")),
        Rumpun(
            "Analis Keuangan Pusat dan Daerah", True, False, ("S.E.", "S.Ak."), magister="M.Ak."
        ),
        Rumpun("Pranata Keuangan APBN", False, True, diploma=("A.Md.Ak.", "A.Md.")),
        Rumpun(
            "Analis SDM Aparatur", True, False, ("S.Psi.", "S.Sos.", "S.A.P."), magister="M.A.P."
        ),
        Rumpun("Pranata SDM Aparatur", False, True),
        Rumpun("Analis Hukum", True, False, ("S.H.",), magister="M.H."),
        Rumpun("Perancang Peraturan Perundang-undangan", True, False, ("S.H.",), magister="M.H."),
        Rumpun("Analis Kebijakan", True, False, ("S.I.P.", "S.Sos.", "S.A.P.")),
        Rumpun("Arsiparis", True, True, ("S.Hum.", "S.I.P."), ("A.Md.",)),
        Rumpun("Pranata Komputer", True, True, ("S.Kom.", "S.T."), ("A.Md.Kom.",), "M.Kom."),
        Rumpun("Pengelola Pengadaan Barang/Jasa", True, False, ("S.E.", "S.T.")),
        Rumpun("Pranata Hubungan Masyarakat", True, True, ("S.I.Kom.", "S.Sos."), ("A.Md.",)),
        Rumpun("Penerjemah", True, False, ("S.S.", "S.Hum."), magister="M.Hum."),
    )
}


@dataclass(frozen=True)
class Bagian:
    nama: str
    subbagian: tuple[str, ...]
    rumpun: tuple[str, ...]
    """The functional families working here (keahlian first: the Ahli Muda come from it)."""


@dataclass(frozen=True)
class Biro:
    nama: str
    bagian: tuple[Bagian, ...]


BIRO = (
    Biro(
        "Biro Perencanaan dan Keuangan",
        (
            Bagian(
                "Bagian Perencanaan dan Anggaran",
                ("Subbagian Penyusunan Program", "Subbagian Anggaran"),
                ("Perencana", "Analis Anggaran", "Pranata Komputer"),
            ),
            Bagian(
                "Bagian Keuangan",
                ("Subbagian Perbendaharaan", "Subbagian Akuntansi dan Pelaporan"),
                ("Analis Keuangan Pusat dan Daerah", "Pranata Keuangan APBN"),
            ),
            Bagian(
                "Bagian Evaluasi dan Pelaporan Kinerja",
                ("Subbagian Evaluasi Program", "Subbagian Pelaporan Kinerja"),
                ("Perencana", "Analis Kebijakan", "Pranata Komputer"),
            ),
        ),
    ),
    Biro(
        "Biro Organisasi, Kepegawaian, dan Hukum",
        (
            Bagian(
                "Bagian Organisasi dan Tata Laksana",
                ("Subbagian Kelembagaan dan Analisis Jabatan", "Subbagian Tata Laksana"),
                ("Analis Kebijakan", "Analis SDM Aparatur", "Arsiparis"),
            ),
            Bagian(
                "Bagian Kepegawaian",
                (
                    "Subbagian Pengadaan dan Mutasi Pegawai",
                    "Subbagian Pengembangan dan Kinerja Pegawai",
                ),
                ("Analis SDM Aparatur", "Pranata SDM Aparatur"),
            ),
            Bagian(
                "Bagian Hukum",
                ("Subbagian Peraturan Perundang-undangan", "Subbagian Bantuan Hukum"),
                ("Analis Hukum", "Perancang Peraturan Perundang-undangan", "Arsiparis"),
            ),
        ),
    ),
    Biro(
        "Biro Umum dan Pengadaan",
        (
            Bagian(
                "Bagian Rumah Tangga dan Perlengkapan",
                ("Subbagian Rumah Tangga", "Subbagian Perlengkapan dan Barang Milik Negara"),
                ("Analis Kebijakan", "Arsiparis"),
            ),
            Bagian(
                "Bagian Pengadaan Barang/Jasa",
                (
                    "Subbagian Pengelolaan Pengadaan",
                    "Subbagian Layanan Pengadaan Secara Elektronik",
                ),
                ("Pengelola Pengadaan Barang/Jasa", "Pranata Komputer"),
            ),
            Bagian(
                "Bagian Tata Usaha dan Arsip",
                ("Subbagian Persuratan", "Subbagian Kearsipan"),
                ("Arsiparis", "Pranata Komputer"),
            ),
        ),
    ),
    Biro(
        "Biro Hubungan Masyarakat dan Kerja Sama",
        (
            Bagian(
                "Bagian Hubungan Masyarakat",
                ("Subbagian Publikasi dan Media", "Subbagian Layanan Informasi"),
                ("Pranata Hubungan Masyarakat", "Pranata Komputer"),
            ),
            Bagian(
                "Bagian Kerja Sama",
                ("Subbagian Kerja Sama Dalam Negeri", "Subbagian Kerja Sama Luar Negeri"),
                ("Analis Kebijakan", "Penerjemah", "Arsiparis"),
            ),
        ),
    ),
)
SEKRETARIAT_AHLI_MADYA = ("Analis Kebijakan", "Perencana")
AHLI_MUDA_PER_BAGIAN = 2


@dataclass(frozen=True)
class Profil:
    """Who holds a kind of position: birth years, PNS golongan range, usual degrees."""

    lahir: tuple[int, int]
    golongan: tuple[str, str]
    gelar: tuple[str, ...]


GELAR_PIMPINAN = (
    "S.E., M.Si.",
    "S.H., M.H.",
    "S.Sos., M.A.P.",
    "S.T., M.T.",
    "S.I.P., M.Si.",
    "S.E., M.M.",
    "S.Psi., M.Psi.",
    "S.Kom., M.Kom.",
    "S.Ak., M.Ak.",
)
GELAR_PENGAWAS = ("S.E.", "S.H.", "S.Sos.", "S.Kom.", "S.E., M.M.", "S.A.P., M.Si.", "S.I.Kom.")
PROFIL_SEKRETARIS = Profil((1968, 1971), ("IV/c", "IV/c"), GELAR_PIMPINAN)
PROFIL_KEPALA_BIRO = Profil((1969, 1976), ("IV/b", "IV/c"), GELAR_PIMPINAN)
PROFIL_ADMINISTRATOR = Profil((1974, 1983), ("IV/a", "IV/b"), GELAR_PIMPINAN)
PROFIL_PENGAWAS = Profil((1979, 1989), ("III/c", "III/d"), GELAR_PENGAWAS)
PROFIL_JENJANG = {
    Jenjang.AHLI_MADYA: Profil((1968, 1979), ("IV/a", "IV/c"), ()),
    Jenjang.AHLI_MUDA: Profil((1977, 1989), ("III/c", "III/d"), ()),
    Jenjang.AHLI_PERTAMA: Profil((1988, 1999), ("III/a", "III/b"), ()),
    Jenjang.PENYELIA: Profil((1970, 1982), ("III/c", "III/d"), ()),
    Jenjang.MAHIR: Profil((1978, 1992), ("III/a", "III/b"), ()),
    Jenjang.TERAMPIL: Profil((1988, 2000), ("III/a", "III/a"), ()),
}
PROFIL_PELAKSANA = {
    8: Profil((1970, 2000), ("III/a", "III/d"), ("S.E.", "S.Sos.", "S.Kom.", "S.A.P.", "S.H.")),
    7: Profil((1970, 2000), ("III/a", "III/c"), ("A.Md.", "A.Md.", "S.E.", "")),
    6: Profil((1970, 2000), ("III/a", "III/b"), ("", "", "A.Md.")),
    5: Profil((1970, 2000), ("III/a", "III/b"), ("",)),
}
PPPK_BIRTH_YEARS = (1986, 1999)
PENSIUN_BIRTH_YEAR = 1966
"""Born in 1966: 58, the retirement age of pelaksana, by the reference year."""
EXCLUSIONS = (
    # (keterangan, aktif)
    (JenisPengecualian.PENSIUN, True),
    (JenisPengecualian.PENSIUN, True),
    (JenisPengecualian.TUGAS_BELAJAR, True),
    (JenisPengecualian.CUTI_BESAR, True),
    (JenisPengecualian.MUTASI, False),
)

PERAN_LABEL = {
    "superuser": _("Superuser"),
    "admin": _("Admin kepegawaian"),
    "pimpinan": _("Pimpinan unit"),
    "auditor": _("Auditor"),
    "penilai": _("Pejabat penilai"),
    "pegawai": pgettext_lazy("peran", "Pegawai"),
}
SUPERUSER_NIP = "198001012005011999"
SUPERUSER_NAMA = "Administrator Sistem"
AUDITOR_NOMOR = 998
ADMIN_UNIT = "SET.B2.BG2"
"""Bagian Kepegawaian: the admin kepegawaian and the pejabat penilai work here."""
PEGAWAI_UNIT = "SET.B2.BG2.SB1"
PIMPINAN_UNIT = "SET.B2"


@dataclass(frozen=True)
class AkunDemo:
    """A login account of the demo: its role, and the unit the role covers."""

    kunci: str
    nip: str
    nama: str
    jenis_peran: str = ""
    unit_kode: str = ""
    is_superuser: bool = False
    punya_pegawai: bool = True

    @property
    def peran(self) -> str:
        return str(PERAN_LABEL[self.kunci])


@dataclass(frozen=True)
class DemoAgency:
    rows: dict[str, list[dict[str, str]]]
    akun: tuple[AkunDemo, ...]


@dataclass
class _Slot:
    """A position to fill with a person."""

    unit: str
    jabatan: str
    jenis: JenisJabatan
    kelas: int
    profil: Profil
    atasan: int | None
    jenjang: Jenjang | None = None
    gelar: tuple[str, ...] = ()
    status: StatusKepegawaian = StatusKepegawaian.PNS
    keterangan: str = ""
    aktif: bool = True
    lahir: tuple[int, int] | None = None


@dataclass
class _Builder:
    rng: random.Random
    units: list[dict[str, str]] = field(default_factory=list)
    slots: list[_Slot] = field(default_factory=list)
    used_names: set[str] = field(default_factory=set)

    def unit(self, kode: str, nama: str, induk: str) -> None:
        self.units.append({"kode": kode, "nama": nama, "induk_kode": induk})

    def slot(self, **values: Any) -> int:
        self.slots.append(_Slot(**values))
        return len(self.slots) - 1


def generate(seed: int = DEFAULT_SEED) -> DemoAgency:
    """The demo agency's rows ({"unit": [...], "pegawai": [...]}) and its login accounts."""
    builder = _Builder(random.Random(seed))
    heads = _structure(builder)
    _functional_seniors(builder, heads)
    _staff(builder, heads)
    _assign_pppk(builder)
    _assign_exclusions(builder)
    pegawai = _people(builder)
    auditor = _auditor(builder)
    return DemoAgency(
        rows={"unit": builder.units, "pegawai": pegawai},
        akun=_accounts(builder, pegawai, auditor),
    )


def demo_rows(seed: int = DEFAULT_SEED) -> dict[str, list[dict[str, str]]]:
    return generate(seed).rows


def _structure(builder: _Builder) -> dict[str, int]:
    """Units and their heads; returns the slot of each unit's head by unit code."""
    heads = {
        ROOT_KODE: builder.slot(
            unit=ROOT_KODE,
            jabatan="Sekretaris Badan",
            jenis=JenisJabatan.JPT,
            kelas=14,
            profil=PROFIL_SEKRETARIS,
            atasan=None,
        )
    }
    builder.unit(ROOT_KODE, ROOT_NAMA, "")
    for biro_number, biro in enumerate(BIRO, 1):
        biro_kode = f"{ROOT_KODE}.B{biro_number}"
        builder.unit(biro_kode, biro.nama, ROOT_KODE)
        heads[biro_kode] = builder.slot(
            unit=biro_kode,
            jabatan=f"Kepala {biro.nama}",
            jenis=JenisJabatan.JPT,
            kelas=14,
            profil=PROFIL_KEPALA_BIRO,
            atasan=heads[ROOT_KODE],
        )
        for bagian_number, bagian in enumerate(biro.bagian, 1):
            bagian_kode = f"{biro_kode}.BG{bagian_number}"
            builder.unit(bagian_kode, bagian.nama, biro_kode)
            heads[bagian_kode] = builder.slot(
                unit=bagian_kode,
                jabatan=f"Kepala {bagian.nama}",
                jenis=JenisJabatan.ADMINISTRATOR,
                kelas=12,
                profil=PROFIL_ADMINISTRATOR,
                atasan=heads[biro_kode],
            )
            for sub_number, subbagian in enumerate(bagian.subbagian, 1):
                sub_kode = f"{bagian_kode}.SB{sub_number}"
                builder.unit(sub_kode, subbagian, bagian_kode)
                heads[sub_kode] = builder.slot(
                    unit=sub_kode,
                    jabatan=f"Kepala {subbagian}",
                    jenis=JenisJabatan.PENGAWAS,
                    kelas=9,
                    profil=PROFIL_PENGAWAS,
                    atasan=heads[bagian_kode],
                )
    return heads


def _functional(builder: _Builder, unit: str, rumpun: Rumpun, jenjang: Jenjang, atasan: int) -> int:
    return builder.slot(
        unit=unit,
        jabatan=f"{rumpun.nama} {JENJANG_NAMA[jenjang]}",
        jenis=JenisJabatan.FUNGSIONAL,
        jenjang=jenjang,
        kelas=KELAS_JENJANG[jenjang],
        profil=PROFIL_JENJANG[jenjang],
        atasan=atasan,
        gelar=_functional_degrees(rumpun, jenjang),
    )


def _functional_degrees(rumpun: Rumpun, jenjang: Jenjang) -> tuple[str, ...]:
    if jenjang in KETERAMPILAN:
        return rumpun.diploma
    if jenjang == Jenjang.AHLI_MADYA:
        return tuple(f"{sarjana}, {rumpun.magister}" for sarjana in rumpun.sarjana)
    return rumpun.sarjana


def _functional_seniors(builder: _Builder, heads: dict[str, int]) -> None:
    """Ahli Madya under a JPT (Sekretariat and each biro); Ahli Muda under each Kepala Bagian."""
    for name in SEKRETARIAT_AHLI_MADYA:
        _functional(builder, ROOT_KODE, RUMPUN[name], Jenjang.AHLI_MADYA, heads[ROOT_KODE])
    for biro_number, biro in enumerate(BIRO, 1):
        biro_kode = f"{ROOT_KODE}.B{biro_number}"
        rumpun = _keahlian(biro.bagian[0].rumpun)[0]
        _functional(builder, biro_kode, rumpun, Jenjang.AHLI_MADYA, heads[biro_kode])
    for bagian_kode, bagian in _all_bagian():
        families = _keahlian(bagian.rumpun)
        for index in range(AHLI_MUDA_PER_BAGIAN):
            rumpun = families[index % len(families)]
            _functional(builder, bagian_kode, rumpun, Jenjang.AHLI_MUDA, heads[bagian_kode])


def _staff(builder: _Builder, heads: dict[str, int]) -> None:
    """Fill every subbagian with pelaksana and junior functional staff, up to the total."""
    subbagian = [
        (f"{bagian_kode}.SB{number}", bagian)
        for bagian_kode, bagian in _all_bagian()
        for number in range(1, len(bagian.subbagian) + 1)
    ]
    remaining = TOTAL_PEGAWAI - len(builder.slots)
    base, extra = divmod(remaining, len(subbagian))
    larger = set(builder.rng.sample(range(len(subbagian)), extra))
    kinds = [kind for kind, _weight in STAFF_KINDS]
    kind_weights = [weight for _kind, weight in STAFF_KINDS]
    for index, (kode, bagian) in enumerate(subbagian):
        for _person in range(base + (index in larger)):
            jenjang = builder.rng.choices(kinds, kind_weights)[0]
            if jenjang is None:
                _pelaksana(builder, kode, heads[kode])
                continue
            families = [
                RUMPUN[name]
                for name in bagian.rumpun
                if (RUMPUN[name].keterampilan if jenjang in KETERAMPILAN else RUMPUN[name].keahlian)
            ] or [RUMPUN["Arsiparis"]]
            _functional(builder, kode, builder.rng.choice(families), jenjang, heads[kode])


def _pelaksana(builder: _Builder, unit: str, atasan: int) -> int:
    nama, kelas, _weight = builder.rng.choices(PELAKSANA, [weight for *_rest, weight in PELAKSANA])[
        0
    ]
    profil = PROFIL_PELAKSANA[kelas]
    return builder.slot(
        unit=unit,
        jabatan=nama,
        jenis=JenisJabatan.PELAKSANA,
        kelas=kelas,
        profil=profil,
        atasan=atasan,
        gelar=profil.gelar,
    )


def _assign_pppk(builder: _Builder) -> None:
    """About a tenth are PPPK: pelaksana and junior functional staff appointed since 2019."""
    eligible = [
        index
        for index, slot in enumerate(builder.slots)
        if slot.jenis == JenisJabatan.PELAKSANA
        or slot.jenjang in (Jenjang.AHLI_PERTAMA, Jenjang.TERAMPIL, Jenjang.MAHIR)
    ]
    for index in builder.rng.sample(eligible, round(TOTAL_PEGAWAI * PPPK_SHARE)):
        builder.slots[index].status = StatusKepegawaian.PPPK


def _assign_exclusions(builder: _Builder) -> None:
    """Two retired, one on study leave, one on long leave, one transferred out (inactive).

    Only PNS pelaksana outside the demo accounts' subbagian, so no appraiser is excluded.
    """
    eligible = [
        index
        for index, slot in enumerate(builder.slots)
        if slot.jenis == JenisJabatan.PELAKSANA
        and slot.status == StatusKepegawaian.PNS
        and slot.unit != PEGAWAI_UNIT
    ]
    chosen = builder.rng.sample(eligible, len(EXCLUSIONS))
    for index, (keterangan, aktif) in zip(chosen, EXCLUSIONS, strict=True):
        slot = builder.slots[index]
        slot.keterangan, slot.aktif = keterangan.value, aktif
        if keterangan == JenisPengecualian.PENSIUN:
            slot.lahir = (PENSIUN_BIRTH_YEAR, PENSIUN_BIRTH_YEAR)


def _people(builder: _Builder) -> list[dict[str, str]]:
    nips: list[str] = []
    rows: list[dict[str, str]] = []
    for number, slot in enumerate(builder.slots, 1):
        nip, golongan = _nip_and_golongan(builder.rng, slot, number)
        nips.append(nip)
        rows.append(
            {
                "nip": nip,
                "nama": _name(builder, int(nip[14]), slot),
                "unit_kode": slot.unit,
                "jabatan": slot.jabatan,
                "jenis_jabatan": slot.jenis.value,
                "jenjang": slot.jenjang.value if slot.jenjang else "",
                "kelas_jabatan": str(slot.kelas),
                "status": slot.status.value,
                "golongan": golongan,
                "atasan_nip": nips[slot.atasan] if slot.atasan is not None else "",
                "aktif": "YA" if slot.aktif else "TIDAK",
                "keterangan": slot.keterangan,
            }
        )
    return rows


def _nip_and_golongan(rng: random.Random, slot: _Slot, number: int) -> tuple[str, str]:
    """A valid NIP (birth date, appointed aged 20 to 35, gender, sequence) and its golongan."""
    low, high = slot.lahir or slot.profil.lahir
    if slot.status == StatusKepegawaian.PPPK:
        low, high = max(low, PPPK_BIRTH_YEARS[0]), min(high, PPPK_BIRTH_YEARS[1])
    born = datetime.date(rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))
    if slot.status == StatusKepegawaian.PPPK:
        appointed = rng.randint(
            max(FIRST_PPPK_YEAR, born.year + 21), min(REFERENCE_YEAR - 1, born.year + 34)
        )
    else:
        appointed = born.year + rng.randint(22, min(30, REFERENCE_YEAR - 1 - born.year))
    gender = 1 if rng.random() < 0.55 else 2
    nip = f"{born:%Y%m%d}{appointed}{rng.randint(1, 12):02d}{gender}{number:03d}"
    return nip, _golongan(slot, REFERENCE_YEAR - appointed)


def _golongan(slot: _Slot, years_of_service: int) -> str:
    if slot.status == StatusKepegawaian.PPPK:
        if slot.jenjang is not None:
            return PPPK_GOLONGAN_JENJANG[slot.jenjang]
        return PPPK_GOLONGAN_KELAS[slot.kelas]
    low, high = (PNS_GOLONGAN.index(golongan) for golongan in slot.profil.golongan)
    return PNS_GOLONGAN[min(low + years_of_service // YEARS_PER_GOLONGAN, high)]


def _name(builder: _Builder, gender: int, slot: _Slot) -> str:
    rng = builder.rng
    first_names = (
        daftar_nama.NAMA_DEPAN_LAKI_LAKI if gender == 1 else daftar_nama.NAMA_DEPAN_PEREMPUAN
    )
    family_names = daftar_nama.NAMA_KELUARGA + (
        daftar_nama.NAMA_KELUARGA_PEREMPUAN if gender == 2 else ()
    )
    while True:
        parts = [rng.choice(first_names)]
        if rng.random() < 0.25:
            parts.append(rng.choice(daftar_nama.NAMA_TENGAH))
        parts.append(rng.choice(family_names))
        base = " ".join(parts)
        if base not in builder.used_names and len(set(parts)) == len(parts):
            builder.used_names.add(base)
            break
    degrees = rng.choice(slot.gelar or slot.profil.gelar or ("",))
    title = "Dr. " if slot.jenis == JenisJabatan.JPT and rng.random() < 0.4 else ""
    return f"{title}{base}, {degrees}" if degrees else f"{title}{base}"


def _auditor(builder: _Builder) -> AkunDemo:
    """An inspectorate auditor: an account without an employee record in this Sekretariat."""
    slot = _Slot(
        unit="",
        jabatan="Auditor Ahli Muda",
        jenis=JenisJabatan.FUNGSIONAL,
        kelas=9,
        profil=PROFIL_JENJANG[Jenjang.AHLI_MUDA],
        atasan=None,
        jenjang=Jenjang.AHLI_MUDA,
        gelar=("S.E., Ak.", "S.Ak., CA"),
    )
    nip, _golongan_auditor = _nip_and_golongan(builder.rng, slot, AUDITOR_NOMOR)
    return AkunDemo(
        "auditor",
        nip,
        _name(builder, int(nip[14]), slot),
        jenis_peran=JenisPeran.AUDITOR.value,
        punya_pegawai=False,
    )


def _accounts(
    builder: _Builder, pegawai: list[dict[str, str]], auditor: AkunDemo
) -> tuple[AkunDemo, ...]:
    def holder(jabatan: str) -> dict[str, str]:
        return next(row for row in pegawai if row["jabatan"] == jabatan)

    biro = BIRO[1]
    kepala_biro = holder(f"Kepala {biro.nama}")
    kepala_bagian = holder(f"Kepala {biro.bagian[1].nama}")
    admin = next(
        row
        for row in pegawai
        if row["unit_kode"] == ADMIN_UNIT and row["jabatan"].startswith("Analis SDM Aparatur")
    )
    plain = min(
        (row for row in pegawai if row["unit_kode"] == PEGAWAI_UNIT and row["atasan_nip"]),
        # Prefer a PNS pelaksana; some seeds staff the unit only with PPPK or functional staff.
        key=lambda row: (
            row["jenis_jabatan"] != JenisJabatan.PELAKSANA,
            row["status"] != StatusKepegawaian.PNS,
        ),
    )
    return (
        AkunDemo(
            "superuser", SUPERUSER_NIP, SUPERUSER_NAMA, is_superuser=True, punya_pegawai=False
        ),
        AkunDemo(
            "admin", admin["nip"], admin["nama"], JenisPeran.ADMIN_KEPEGAWAIAN.value, ROOT_KODE
        ),
        AkunDemo(
            "pimpinan",
            kepala_biro["nip"],
            kepala_biro["nama"],
            JenisPeran.PIMPINAN.value,
            PIMPINAN_UNIT,
        ),
        auditor,
        AkunDemo("penilai", kepala_bagian["nip"], kepala_bagian["nama"]),
        AkunDemo("pegawai", plain["nip"], plain["nama"]),
    )


def _all_bagian() -> Iterable[tuple[str, Bagian]]:
    for biro_number, biro in enumerate(BIRO, 1):
        for bagian_number, bagian in enumerate(biro.bagian, 1):
            yield f"{ROOT_KODE}.B{biro_number}.BG{bagian_number}", bagian


def _keahlian(names: Iterable[str]) -> list[Rumpun]:
    return [RUMPUN[name] for name in names if RUMPUN[name].keahlian]


# Example allowance amounts per kelas jabatan for the demo agency: the table of the Ministry of
# Religious Affairs (Perpres 154/2015; grades 9 and 10 are the ones DOMAIN.md confirms). A real
# agency enters its own table in a new version of its rule set.
TUKIN_CONTOH: dict[int, int] = {
    1: 1_968_000,
    2: 2_089_000,
    3: 2_216_000,
    4: 2_350_000,
    5: 2_493_000,
    6: 2_702_000,
    7: 2_928_000,
    8: 3_319_000,
    9: 3_781_000,
    10: 4_551_000,
    11: 5_183_000,
    12: 7_271_000,
    13: 8_562_000,
    14: 11_670_000,
    15: 14_721_000,
    16: 20_695_000,
    17: 29_085_000,
}
