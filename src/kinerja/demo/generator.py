"""The demo agency: a Sekretariat Badan of 300 employees, as rows of the exchange format.

Pure and deterministic: the same seed gives the same rows (`random.Random(seed)`, no clock).

    SET                         Sekretaris Badan (JPT Pratama, kelas 14)
    ├── SET.B1 … SET.B4         Kepala Biro (JPT Pratama, kelas 14)
    │   └── SET.Bi.BGj          Kepala Bagian (Administrator, kelas 12)
    │       └── SET.Bi.BGj.SBk  Kepala Subbagian (Pengawas, kelas 9), pelaksana and fungsional staff

Appraisers follow the org chart (DOMAIN.md section 1): pelaksana, Ahli Pertama and keterampilan →
Kepala Subbagian; Kepala Subbagian and Ahli Muda → Kepala Bagian; Kepala Bagian and Ahli Madya →
Kepala Biro (or the Sekretaris Badan); Kepala Biro → Sekretaris Badan, who has no appraiser here.

`skp_plans` gives the agency's performance plans of a year as rows of the `skp` sheet, with the
workflow state each plan is brought to after the import (see `demo.services`). `realisasi_plans`
gives the realisation of the approved plans in the quarters up to a day as rows of the `realisasi`
sheet (links as evidence), with the PDFs to upload, the items the appraisers return and the
feedback they write; `pdf_document` makes those small PDFs.
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
from kinerja.skp.enums import JenisRhk

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


# --- Performance plans (SKP) -------------------------------------------------------------------

SKP_COLUMNS = (
    "nip",
    "tahun",
    "rhk_kode",
    "rhk",
    "jenis",
    "rhk_atasan_kode",
    "pendekatan",
    "perspektif",
    "aspek",
    "iki",
    "target",
    "satuan",
)
TANPA_SKP_LAIN = 3
"""Besides the five excluded employees, this many others have no plan yet."""
SKP_DIAJUKAN = 24
SKP_DIKEMBALIKAN = 6
SKP_DRAF = 9
SKP_KUALITATIF = 12
TAMBAHAN_SHARE = 0.3
CATATAN_KEMBALI = (
    "Target IKI pertama belum terukur; cantumkan angka dan satuannya.",
    "RHK kedua belum selaras dengan RHK pimpinan yang diintervensi; mohon disesuaikan.",
    "Lengkapi indikator aspek waktu untuk setiap RHK utama.",
    "Uraian RHK terlalu umum; rumuskan hasil kerja yang dapat diukur.",
)
LAMPIRAN_DEMO = {
    "dukungan_sumber_daya": (
        "Anggaran kegiatan pada DIPA unit kerja\n"
        "Aplikasi kepegawaian dan data SIASN yang mutakhir\n"
        "Dukungan anggota tim kerja di lingkungan unit"
    ),
    "skema_pertanggungjawaban": (
        "Laporan capaian kinerja triwulanan kepada pejabat penilai\n"
        "Rapat evaluasi kinerja bulanan di unit kerja"
    ),
    "konsekuensi": (
        "Capaian di bawah target dibahas dalam pembinaan oleh pejabat penilai\n"
        "Capaian melampaui target menjadi dasar usulan penghargaan"
    ),
}
"""The Lampiran every demo plan carries (one item per line)."""
EKSPEKTASI_DEMO = {
    "BERORIENTASI_PELAYANAN": "Menindaklanjuti permintaan layanan paling lambat 3 hari kerja",
    "AKUNTABEL": "Menyampaikan laporan kegiatan tepat waktu dan lengkap dengan bukti dukung",
    "KOMPETEN": "Mengikuti sekurang-kurangnya 20 jam pelajaran pengembangan kompetensi",
    "HARMONIS": "Membantu rekan kerja yang menghadapi beban kerja tinggi",
    "LOYAL": "Menjaga kerahasiaan data kepegawaian yang dikelola",
    "ADAPTIF": "Mengusulkan satu perbaikan proses kerja setiap semester",
    "KOLABORATIF": "Aktif berbagi pengetahuan dalam forum tim kerja",
}
"""The leader's expectations the demo appraisers write (two or three values per plan)."""


def ekspektasi_demo(nip: str, seed: int = DEFAULT_SEED) -> dict[str, str]:
    """The leader's expectations for one demo plan, deterministic for the NIP and seed."""
    rng = random.Random(f"ekspektasi-{seed}-{nip}")
    chosen = rng.sample(sorted(EKSPEKTASI_DEMO), rng.randint(2, 3))
    return {kode: EKSPEKTASI_DEMO[kode] for kode in sorted(chosen)}


NARASI = {
    "KUANTITAS": "Hasil kerja diselesaikan sejumlah yang ditugaskan pimpinan",
    "KUALITAS": "Hasil kerja lengkap, akurat, dan diterima pimpinan tanpa perbaikan berarti",
    "WAKTU": "Hasil kerja diselesaikan sesuai jadwal yang disepakati dengan pimpinan",
}


@dataclass(frozen=True)
class IkiContoh:
    """An indicator template: its text, aspect, the targets it may get, and their unit."""

    uraian: str
    aspek: str
    target: tuple[str, ...]
    satuan: str


@dataclass(frozen=True)
class RhkContoh:
    """An RHK template ({topik}: the unit's subject) with its indicators."""

    uraian: str
    iki: tuple[IkiContoh, ...]
    perspektif: str = ""
    atasan: int | None = None
    """For the heads: which RHK of the leader this one supports (by position)."""


def _iki(uraian: str, aspek: str, target: str, satuan: str) -> IkiContoh:
    """`target` lists the possible values separated by '|' (Indonesian decimals: '97,5')."""
    return IkiContoh(uraian, aspek, tuple(target.split("|")), satuan)


IKI_TEPAT_WAKTU = _iki("Persentase hasil kerja yang diselesaikan tepat waktu", "WAKTU", "90|95|100",
                       "persen")  # fmt: skip
IKI_TANPA_REVISI = _iki("Persentase hasil kerja yang diterima tanpa revisi", "KUALITAS",
                        "85|90|95", "persen")  # fmt: skip

RHK_SEKRETARIS = (
    RhkContoh(
        "Terwujudnya perencanaan, penganggaran, dan pengelolaan keuangan Badan yang akuntabel",
        (
            _iki("Persentase realisasi anggaran Sekretariat Badan", "KUANTITAS", "95", "persen"),
            _iki("Nilai Indikator Kinerja Pelaksanaan Anggaran (IKPA)", "KUALITAS", "95", "nilai"),
        ),
        "ANGGARAN",
    ),
    RhkContoh(
        "Meningkatnya kualitas layanan dukungan manajemen bagi seluruh unit kerja",
        (
            _iki("Indeks kepuasan unit kerja atas layanan Sekretariat", "KUALITAS", "3,6",
                 "indeks"),
            _iki("Persentase layanan yang diselesaikan sesuai standar waktu", "WAKTU", "90",
                 "persen"),
        ),
        "PENERIMA_LAYANAN",
    ),
    RhkContoh(
        "Meningkatnya efektivitas tata kelola organisasi dan reformasi birokrasi",
        (
            _iki("Nilai evaluasi SAKIP Badan", "KUALITAS", "80", "nilai"),
            _iki("Indeks Reformasi Birokrasi Badan", "KUALITAS", "78,5", "nilai"),
        ),
        "PROSES_BISNIS",
    ),
    RhkContoh(
        "Meningkatnya kapasitas dan profesionalisme SDM aparatur",
        (
            _iki("Indeks Sistem Merit", "KUALITAS", "0,85", "indeks"),
            _iki("Persentase pegawai yang memenuhi standar kompetensi jabatan", "KUANTITAS",
                 "75", "persen"),
        ),
        "PENGUATAN_INTERNAL",
    ),
)  # fmt: skip
"""The Sekretaris Badan's plan (JPT: each RHK with a perspektif)."""

RHK_KEPALA_BIRO = (
    (
        RhkContoh(
            "Tersusunnya dokumen perencanaan dan anggaran Sekretariat yang berkualitas dan tepat "
            "waktu",
            (
                _iki("Persentase dokumen perencanaan yang ditetapkan tepat waktu", "WAKTU", "100",
                     "persen"),
                _iki("Nilai kualitas RKA-K/L hasil reviu", "KUALITAS", "90", "nilai"),
            ),
            "PROSES_BISNIS", 0,
        ),
        RhkContoh(
            "Meningkatnya kualitas pengelolaan dan pelaporan keuangan",
            (
                _iki("Nilai IKPA Sekretariat", "KUALITAS", "95", "nilai"),
                _iki("Persentase laporan keuangan yang disampaikan tepat waktu", "WAKTU", "100",
                     "persen"),
            ),
            "ANGGARAN", 0,
        ),
        RhkContoh(
            "Terlaksananya evaluasi dan pelaporan kinerja yang akuntabel",
            (_iki("Nilai SAKIP unit kerja", "KUALITAS", "80", "nilai"),),
            "PROSES_BISNIS", 2,
        ),
    ),
    (
        RhkContoh(
            "Terwujudnya kelembagaan dan tata laksana yang efektif dan efisien",
            (_iki("Jumlah proses bisnis dan SOP yang ditetapkan", "KUANTITAS", "12", "dokumen"),),
            "PROSES_BISNIS", 2,
        ),
        RhkContoh(
            "Meningkatnya kualitas manajemen ASN berbasis sistem merit",
            (
                _iki("Indeks Sistem Merit", "KUALITAS", "0,85", "indeks"),
                _iki("Persentase layanan kepegawaian yang selesai tepat waktu", "WAKTU", "95",
                     "persen"),
            ),
            "PENGUATAN_INTERNAL", 3,
        ),
        RhkContoh(
            "Tersedianya produk hukum dan layanan bantuan hukum yang berkualitas",
            (_iki("Jumlah rancangan peraturan yang ditetapkan", "KUANTITAS", "8", "rancangan"),),
            "PENERIMA_LAYANAN", 1,
        ),
    ),
    (
        RhkContoh(
            "Meningkatnya kualitas layanan kerumahtanggaan dan pengelolaan Barang Milik Negara",
            (
                _iki("Indeks kepuasan layanan umum", "KUALITAS", "3,5", "indeks"),
                _iki("Persentase BMN yang tercatat dan terinventarisasi", "KUANTITAS", "100",
                     "persen"),
            ),
            "PENERIMA_LAYANAN", 1,
        ),
        RhkContoh(
            "Terlaksananya pengadaan barang/jasa yang transparan dan akuntabel",
            (_iki("Persentase paket pengadaan yang selesai sesuai jadwal", "WAKTU", "95",
                  "persen"),),
            "PROSES_BISNIS", 0,
        ),
        RhkContoh(
            "Terkelolanya persuratan dan arsip secara tertib dan digital",
            (_iki("Persentase arsip aktif yang terdigitalisasi", "KUANTITAS", "80", "persen"),),
            "PENGUATAN_INTERNAL", 2,
        ),
    ),
    (
        RhkContoh(
            "Meningkatnya citra dan keterbukaan informasi publik Badan",
            (
                _iki("Persentase permohonan informasi publik yang dilayani tepat waktu", "WAKTU",
                     "100", "persen"),
                _iki("Jumlah publikasi kegiatan Badan", "KUANTITAS", "240", "publikasi"),
            ),
            "PENERIMA_LAYANAN", 1,
        ),
        RhkContoh(
            "Terjalinnya kerja sama dalam dan luar negeri yang bermanfaat",
            (_iki("Jumlah perjanjian kerja sama yang ditandatangani", "KUANTITAS", "10",
                  "dokumen"),),
            "PROSES_BISNIS", 2,
        ),
        RhkContoh(
            "Terkelolanya anggaran kehumasan dan kerja sama secara efisien",
            (_iki("Persentase realisasi anggaran Biro", "KUANTITAS", "95", "persen"),),
            "ANGGARAN", 0,
        ),
    ),
)  # fmt: skip
"""Each Kepala Biro's plan (JPT), in the order of the biro; the n-th RHK is the one the n-th
bagian of the biro supports first."""

RHK_ADMINISTRATOR = (
    RhkContoh(
        "Terselenggaranya layanan {topik} yang efektif dan tepat waktu",
        (
            _iki("Persentase kegiatan {topik} yang terlaksana sesuai rencana", "KUANTITAS",
                 "90|95|100", "persen"),
            _iki("Tingkat kepuasan pengguna layanan {topik}", "KUALITAS", "80|85|90", "persen"),
            _iki("Persentase layanan {topik} yang selesai sesuai standar waktu", "WAKTU",
                 "90|95", "persen"),
        ),
    ),
    RhkContoh(
        "Tersusunnya laporan kinerja Bagian yang akuntabel",
        (
            _iki("Jumlah laporan kinerja triwulanan yang disampaikan", "KUANTITAS", "4",
                 "laporan"),
            _iki("Rata-rata waktu penyampaian laporan setelah triwulan berakhir", "WAKTU",
                 "10|14", "hari"),
        ),
    ),
    RhkContoh(
        "Meningkatnya kompetensi pegawai di lingkungan Bagian",
        (_iki("Persentase pegawai Bagian yang mengikuti pengembangan kompetensi", "KUANTITAS",
              "70|80|90", "persen"),),
    ),
    RhkContoh(
        "Terkendalinya pelaksanaan anggaran Bagian",
        (
            _iki("Persentase realisasi anggaran Bagian", "KUANTITAS", "93|95", "persen"),
            _iki("Persentase dokumen pertanggungjawaban yang lengkap", "KUALITAS", "95|100",
                 "persen"),
        ),
    ),
)  # fmt: skip
RHK_PENGAWAS = (
    RhkContoh(
        "Terlaksananya kegiatan {topik} sesuai rencana kerja",
        (
            _iki("Jumlah dokumen {topik} yang diselesaikan", "KUANTITAS", "12|18|24", "dokumen"),
            _iki("Persentase dokumen {topik} yang diterima tanpa revisi", "KUALITAS", "85|90",
                 "persen"),
            IKI_TEPAT_WAKTU,
        ),
    ),
    RhkContoh(
        "Tersusunnya laporan pelaksanaan kegiatan {topik}",
        (
            _iki("Jumlah laporan triwulanan yang disampaikan", "KUANTITAS", "4", "laporan"),
            _iki("Rata-rata waktu penyampaian laporan setelah triwulan berakhir", "WAKTU",
                 "7|10", "hari"),
        ),
    ),
    RhkContoh(
        "Terkelolanya data dan arsip {topik} secara tertib",
        (
            _iki("Persentase data {topik} yang mutakhir", "KUANTITAS", "95|100", "persen"),
            IKI_TANPA_REVISI,
        ),
    ),
    RhkContoh(
        "Terlaksananya pembagian tugas dan pembinaan staf Subbagian",
        (_iki("Jumlah rapat koordinasi Subbagian", "KUANTITAS", "12|24", "kegiatan"),),
    ),
)  # fmt: skip
RHK_PELAKSANA = {
    "Penata Layanan Operasional": (
        RhkContoh(
            "Tersusunnya bahan analisis {topik}",
            (_iki("Jumlah bahan analisis {topik} yang tersusun", "KUANTITAS", "8|12|16",
                  "dokumen"), IKI_TANPA_REVISI),
        ),
        RhkContoh(
            "Tersusunnya konsep laporan {topik}",
            (_iki("Jumlah konsep laporan yang tersusun", "KUANTITAS", "4|12", "laporan"),
             IKI_TEPAT_WAKTU),
        ),
        RhkContoh(
            "Terverifikasinya kelengkapan dokumen {topik}",
            (_iki("Persentase dokumen yang diverifikasi tepat waktu", "WAKTU", "90|95|100",
                  "persen"),),
        ),
    ),
    "Pengelola Layanan Operasional": (
        RhkContoh(
            "Terkelolanya data {topik}",
            (_iki("Jumlah data {topik} yang dimutakhirkan", "KUANTITAS", "150|200|300", "data"),
             IKI_TANPA_REVISI),
        ),
        RhkContoh(
            "Terlaksananya layanan administrasi {topik}",
            (_iki("Persentase permintaan layanan yang diselesaikan", "KUANTITAS", "90|95",
                  "persen"), IKI_TEPAT_WAKTU),
        ),
        RhkContoh(
            "Tersusunnya rekapitulasi kegiatan {topik}",
            (_iki("Jumlah rekapitulasi bulanan yang tersusun", "KUANTITAS", "12", "rekapitulasi"),),
        ),
    ),
    "Pengadministrasi Perkantoran": (
        RhkContoh(
            "Terlaksananya administrasi persuratan {topik}",
            (_iki("Jumlah surat yang diagendakan", "KUANTITAS", "300|450|600", "surat"),
             IKI_TEPAT_WAKTU),
        ),
        RhkContoh(
            "Tersusunnya arsip dokumen {topik}",
            (_iki("Jumlah berkas yang diarsipkan", "KUANTITAS", "100|150|200", "berkas"),),
        ),
        RhkContoh(
            "Terlaksananya penyiapan bahan rapat {topik}",
            (_iki("Jumlah rapat yang disiapkan bahannya", "KUANTITAS", "24|36", "rapat"),),
        ),
    ),
    "Operator Layanan Operasional": (
        RhkContoh(
            "Terlaksananya dukungan operasional kegiatan {topik}",
            (_iki("Jumlah kegiatan yang didukung", "KUANTITAS", "24|36|48", "kegiatan"),),
        ),
        RhkContoh(
            "Terinputnya data {topik} ke dalam aplikasi",
            (_iki("Jumlah data yang diinput", "KUANTITAS", "300|400|500", "data"),
             _iki("Rata-rata waktu input data sejak dokumen diterima", "WAKTU", "1|2", "hari")),
        ),
    ),
}  # fmt: skip


def _rumpun_rhk(*items: tuple[str, str, str, str]) -> tuple[RhkContoh, ...]:
    """Functional RHKs: (RHK, its main indicator, targets, unit); quality and time follow."""
    return tuple(
        RhkContoh(uraian, (_iki(iki, "KUANTITAS", target, satuan), IKI_TANPA_REVISI,
                           IKI_TEPAT_WAKTU))
        for uraian, iki, target, satuan in items
    )  # fmt: skip


RHK_RUMPUN = {
    "Perencana": _rumpun_rhk(
        ("Tersusunnya dokumen rencana kerja dan anggaran", "Jumlah dokumen rencana kerja yang "
         "tersusun", "2|3|4", "dokumen"),
        ("Tersusunnya kajian perencanaan program", "Jumlah kajian perencanaan", "2|3", "kajian"),
        ("Terlaksananya pemantauan capaian program", "Jumlah laporan pemantauan", "4|12",
         "laporan"),
    ),
    "Analis Anggaran": _rumpun_rhk(
        ("Tersusunnya analisis usulan anggaran", "Jumlah analisis usulan anggaran", "4|6|8",
         "dokumen"),
        ("Tersusunnya reviu revisi anggaran", "Jumlah reviu revisi anggaran", "6|10", "dokumen"),
        ("Terlaksananya pemantauan realisasi anggaran", "Jumlah laporan pemantauan realisasi",
         "12", "laporan"),
    ),
    "Analis Keuangan Pusat dan Daerah": _rumpun_rhk(
        ("Tersusunnya analisis laporan keuangan", "Jumlah analisis laporan keuangan", "4|6",
         "dokumen"),
        ("Tersusunnya rekomendasi pengelolaan keuangan", "Jumlah rekomendasi", "4|8",
         "rekomendasi"),
        ("Terlaksananya rekonsiliasi data keuangan", "Jumlah berita acara rekonsiliasi", "12",
         "dokumen"),
    ),
    "Pranata Keuangan APBN": _rumpun_rhk(
        ("Terlaksananya verifikasi dokumen pembayaran", "Jumlah dokumen pembayaran yang "
         "diverifikasi", "300|400|500", "dokumen"),
        ("Tersusunnya laporan pertanggungjawaban bendahara", "Jumlah laporan "
         "pertanggungjawaban", "12", "laporan"),
        ("Terlaksananya pencatatan transaksi keuangan", "Jumlah transaksi yang dicatat",
         "600|800", "transaksi"),
    ),
    "Analis SDM Aparatur": _rumpun_rhk(
        ("Tersusunnya analisis kebutuhan pegawai", "Jumlah dokumen analisis kebutuhan pegawai",
         "2|4", "dokumen"),
        ("Tersusunnya analisis pengembangan kompetensi pegawai", "Jumlah rekomendasi "
         "pengembangan kompetensi", "4|6", "rekomendasi"),
        ("Terlaksananya evaluasi kinerja pegawai", "Jumlah laporan evaluasi kinerja", "4",
         "laporan"),
    ),
    "Pranata SDM Aparatur": _rumpun_rhk(
        ("Terlaksananya administrasi kenaikan pangkat dan gaji berkala", "Jumlah usulan yang "
         "diproses", "40|60|80", "usulan"),
        ("Termutakhirkannya data kepegawaian di SIASN", "Jumlah data pegawai yang "
         "dimutakhirkan", "150|300", "data"),
        ("Terlaksananya administrasi cuti pegawai", "Jumlah surat izin cuti yang diproses",
         "100|150", "surat"),
    ),
    "Analis Hukum": _rumpun_rhk(
        ("Tersusunnya analisis hukum atas rancangan kebijakan", "Jumlah analisis hukum", "6|8",
         "dokumen"),
        ("Tersusunnya telaahan atas permasalahan hukum", "Jumlah telaahan hukum", "4|6",
         "telaahan"),
        ("Terlaksananya pendampingan hukum", "Jumlah perkara yang didampingi", "2|4", "perkara"),
    ),
    "Perancang Peraturan Perundang-undangan": _rumpun_rhk(
        ("Tersusunnya rancangan peraturan", "Jumlah rancangan peraturan", "3|4|6", "rancangan"),
        ("Tersusunnya naskah akademik", "Jumlah naskah akademik", "1|2", "naskah"),
        ("Terlaksananya harmonisasi rancangan peraturan", "Jumlah rapat harmonisasi", "6|8",
         "rapat"),
    ),
    "Analis Kebijakan": _rumpun_rhk(
        ("Tersusunnya rekomendasi kebijakan", "Jumlah rekomendasi kebijakan", "3|4",
         "rekomendasi"),
        ("Tersusunnya kajian kebijakan", "Jumlah kajian kebijakan", "2|3", "kajian"),
        ("Tersusunnya ringkasan kebijakan bagi pimpinan", "Jumlah ringkasan kebijakan", "4|6",
         "dokumen"),
    ),
    "Arsiparis": _rumpun_rhk(
        ("Terkelolanya arsip dinamis aktif", "Jumlah berkas arsip yang ditata", "200|300",
         "berkas"),
        ("Tersusunnya daftar arsip", "Jumlah daftar arsip yang tersusun", "4|12", "daftar"),
        ("Terlaksananya alih media arsip", "Jumlah arsip yang dialihmediakan", "500|1000",
         "lembar"),
    ),
    "Pranata Komputer": _rumpun_rhk(
        ("Terkelolanya aplikasi layanan internal", "Jumlah aplikasi yang dipelihara", "2|3|4",
         "aplikasi"),
        ("Terpeliharanya jaringan dan perangkat TIK", "Jumlah perangkat yang dipelihara",
         "40|60", "perangkat"),
        ("Tersedianya data dan informasi dalam dasbor", "Jumlah dasbor yang diperbarui", "4|6",
         "dasbor"),
    ),
    "Pengelola Pengadaan Barang/Jasa": _rumpun_rhk(
        ("Terlaksananya pemilihan penyedia barang/jasa", "Jumlah paket pemilihan penyedia",
         "8|12", "paket"),
        ("Tersusunnya dokumen persiapan pengadaan", "Jumlah dokumen persiapan pengadaan",
         "8|12", "dokumen"),
        ("Terkelolanya kontrak pengadaan", "Jumlah kontrak yang dikelola", "6|10", "kontrak"),
    ),
    "Pranata Hubungan Masyarakat": _rumpun_rhk(
        ("Terpublikasinya informasi kegiatan Badan", "Jumlah berita yang dipublikasikan",
         "60|90|120", "berita"),
        ("Terkelolanya media sosial Badan", "Jumlah konten media sosial", "120|180", "konten"),
        ("Terlaksananya peliputan kegiatan pimpinan", "Jumlah kegiatan yang diliput", "48|72",
         "kegiatan"),
    ),
    "Penerjemah": _rumpun_rhk(
        ("Tersusunnya terjemahan dokumen kerja sama", "Jumlah halaman terjemahan", "150|200",
         "halaman"),
        ("Terlaksananya penerjemahan lisan pada pertemuan internasional", "Jumlah pertemuan "
         "yang didampingi", "6|10", "pertemuan"),
        ("Tersusunnya glosarium istilah kerja sama", "Jumlah istilah dalam glosarium", "100|200",
         "istilah"),
    ),
}  # fmt: skip
RHK_TAMBAHAN = tuple(
    RhkContoh(uraian, (_iki("Jumlah kegiatan tim yang diikuti", "KUANTITAS", "4|6|12",
                            "kegiatan"),))
    for uraian in (
        "Terlaksananya tugas sebagai anggota Tim Pembangunan Zona Integritas",
        "Terlaksananya tugas sebagai anggota Tim Penyusun Laporan Kinerja Badan",
        "Terlaksananya tugas sebagai narasumber kegiatan internal",
        "Terlaksananya tugas sebagai anggota panitia peringatan hari besar nasional",
        "Terlaksananya tugas sebagai pengelola laman unit kerja",
    )
)  # fmt: skip


@dataclass(frozen=True)
class RencanaDemo:
    """The demo plans of a year: the rows of the `skp` sheet (top-down: every appraiser before
    their appraisees) and the state each plan is brought to after the import."""

    tahun: int
    rows: list[dict[str, str]]
    status: dict[str, str]
    """NIP -> the plan's target status (StatusSkp value), in the rows' order."""
    catatan: dict[str, str]
    """NIP -> the appraiser's note of a returned plan."""

    @property
    def tanpa_skp(self) -> int:
        return TOTAL_PEGAWAI - len(self.status)


def skp_plans(agency: DemoAgency, tahun: int, seed: int = DEFAULT_SEED) -> RencanaDemo:
    """The demo agency's plans for a year, deterministic for a seed (no clock).

    JPT plans carry a perspektif; every other plan cascades each RHK from its appraiser's RHKs
    (the Kepala Biro's too). 2–4 RHK utama and sometimes one tambahan, 1–3 indicators each; a
    few pelaksana plans are kualitatif. The five excluded employees and a few others have no
    plan; the others are approved, except a few plans of employees without appraisees, which
    stay submitted, draft or returned.
    """
    rng = random.Random(f"skp-{seed}-{tahun}")
    people = {row["nip"]: row for row in agency.rows["pegawai"]}
    units = {row["kode"]: row["nama"] for row in agency.rows["unit"]}
    appraisees: dict[str, list[str]] = {nip: [] for nip in people}
    for row in agency.rows["pegawai"]:
        if row["atasan_nip"]:
            appraisees[row["atasan_nip"]].append(row["nip"])
    accounts = {account.kunci: account.nip for account in agency.akun}
    fixed = _fixed_states(people, appraisees, accounts)
    leaves = [
        nip
        for nip, row in people.items()
        if not appraisees[nip] and not row["keterangan"] and nip not in accounts.values()
    ]
    without = set(rng.sample(leaves, TANPA_SKP_LAIN))
    planned = [
        nip for nip in _top_down(people) if not people[nip]["keterangan"] and nip not in without
    ]
    kualitatif = set(
        rng.sample(
            [nip for nip in leaves if nip not in without and people[nip]["jenis_jabatan"]
             == JenisJabatan.PELAKSANA],
            SKP_KUALITATIF,
        )
    )  # fmt: skip
    codes: dict[str, list[str]] = {}
    rows: list[dict[str, str]] = []
    for nip in planned:
        row = people[nip]
        position = appraisees[row["atasan_nip"]].index(nip) if row["atasan_nip"] else 0
        rows.extend(
            _plan_rows(
                rng, row, tahun, units, _templates(rng, row, units), codes, position,
                nip in kualitatif,
            )
        )  # fmt: skip
    status = _states(rng, planned, leaves, without, fixed)
    returned = [nip for nip in planned if status[nip] == "DIKEMBALIKAN"]
    catatan = {nip: CATATAN_KEMBALI[index % len(CATATAN_KEMBALI)] for index, nip in
               enumerate(returned)}  # fmt: skip
    return RencanaDemo(tahun=tahun, rows=rows, status=status, catatan=catatan)


def _top_down(people: dict[str, dict[str, str]]) -> list[str]:
    """The NIPs ordered by depth in the appraiser chains (stable within a depth)."""

    def depth(nip: str) -> int:
        steps = 0
        while people[nip]["atasan_nip"]:
            nip = people[nip]["atasan_nip"]
            steps += 1
        return steps

    return sorted(people, key=depth)


def _fixed_states(
    people: dict[str, dict[str, str]], appraisees: dict[str, list[str]], accounts: dict[str, str]
) -> dict[str, str]:
    """The demo accounts meet the workflow: the pegawai's plan was returned to them, and the
    penilai has a functional appraisee's plan waiting (not the admin's)."""
    waiting = next(
        nip
        for nip in appraisees[accounts["penilai"]]
        if people[nip]["jenis_jabatan"] == JenisJabatan.FUNGSIONAL and nip != accounts["admin"]
    )
    return {accounts["pegawai"]: "DIKEMBALIKAN", waiting: "DIAJUKAN"}


def _states(
    rng: random.Random,
    planned: list[str],
    leaves: list[str],
    without: set[str],
    fixed: dict[str, str],
) -> dict[str, str]:
    """Most plans approved; some submitted, a few draft or returned (only plans nobody cascades
    from, so that every appraisee's appraiser is approved first)."""
    candidates = [nip for nip in leaves if nip not in without and nip not in fixed]
    wanted = {"DIAJUKAN": SKP_DIAJUKAN, "DIKEMBALIKAN": SKP_DIKEMBALIKAN, "DRAF": SKP_DRAF}
    chosen = rng.sample(candidates, sum(wanted.values()) - len(fixed))
    pending: dict[str, str] = dict(fixed)
    for state, count in wanted.items():
        missing = count - sum(1 for value in pending.values() if value == state)
        for nip in chosen[:missing]:
            pending[nip] = state
        chosen = chosen[missing:]
    return {nip: pending.get(nip, "DISETUJUI") for nip in planned}


def _topik(nama: str) -> str:
    """ "Subbagian Penyusunan Program" -> "penyusunan program"."""
    for prefix in ("Subbagian ", "Bagian ", "Biro "):
        if nama.startswith(prefix):
            return nama.removeprefix(prefix).lower()
    return nama.lower()


def _templates(
    rng: random.Random, row: dict[str, str], units: dict[str, str]
) -> tuple[RhkContoh, ...]:
    """The RHK templates fitting the employee's position (utama, in the order to use)."""
    jenis = row["jenis_jabatan"]
    if jenis == JenisJabatan.JPT:
        if row["unit_kode"] == ROOT_KODE:
            return RHK_SEKRETARIS
        return RHK_KEPALA_BIRO[int(row["unit_kode"].split(".")[1][1:]) - 1]
    if jenis == JenisJabatan.ADMINISTRATOR:
        return RHK_ADMINISTRATOR
    if jenis == JenisJabatan.PENGAWAS:
        return RHK_PENGAWAS
    if jenis == JenisJabatan.PELAKSANA:
        return RHK_PELAKSANA[row["jabatan"]]
    rumpun = row["jabatan"].removesuffix(" " + JENJANG_NAMA[Jenjang(row["jenjang"])])
    templates = list(RHK_RUMPUN[rumpun])
    rng.shuffle(templates)
    return tuple(templates)


def _plan_rows(
    rng: random.Random,
    row: dict[str, str],
    tahun: int,
    units: dict[str, str],
    templates: tuple[RhkContoh, ...],
    codes: dict[str, list[str]],
    position: int,
    kualitatif: bool,
) -> list[dict[str, str]]:
    """The rows of one plan: one per indicator."""
    nip, atasan = row["nip"], row["atasan_nip"]
    jpt = row["jenis_jabatan"] == JenisJabatan.JPT
    kepala_bagian = row["jenis_jabatan"] == JenisJabatan.ADMINISTRATOR
    utama = templates if jpt else templates[: min(len(templates), rng.randint(2, 4))]
    chosen = [(JenisRhk.UTAMA, item) for item in utama]
    if not jpt and rng.random() < TAMBAHAN_SHARE:
        chosen.append((JenisRhk.TAMBAHAN, rng.choice(RHK_TAMBAHAN)))
    leader = codes.get(atasan, []) if atasan else []
    topik = _topik(units[row["unit_kode"]])
    codes[nip] = []
    rows = []
    for number, (jenis, template) in enumerate(chosen, 1):
        kode = f"RHK-{number:02d}"
        codes[nip].append(kode)
        link = ""
        if leader:
            if template.atasan is not None:
                link = leader[template.atasan]
            elif kepala_bagian and number == 1:
                link = leader[int(row["unit_kode"].rsplit(".BG", 1)[1]) - 1]
            else:
                link = leader[(position + number - 1) % len(leader)]
        count = len(template.iki) if jpt else rng.randint(1, min(3, len(template.iki)))
        for iki in template.iki[:count]:
            target = rng.choice(iki.target)
            rows.append(
                {
                    "nip": nip,
                    "tahun": str(tahun),
                    "rhk_kode": kode,
                    "rhk": template.uraian.format(topik=topik),
                    "jenis": jenis.value,
                    "rhk_atasan_kode": link,
                    "pendekatan": "KUALITATIF" if kualitatif else "KUANTITATIF",
                    "perspektif": template.perspektif,
                    "aspek": iki.aspek,
                    "iki": iki.uraian.format(topik=topik),
                    "target": NARASI[iki.aspek] if kualitatif else target,
                    "satuan": "" if kualitatif else iki.satuan,
                }
            )
    return rows


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


# --- Realisation and evidence of the current year (realisasi) ----------------------------------

REALISASI_COLUMNS = ("nip", "tahun", "periode", "rhk_kode", "realisasi", "aspek", "bukti_url")
TAUTAN_DASAR = "https://drive.setbadan.example/bukti"
"""Where the demo's evidence links point (a reserved `.example` domain: never a real site)."""
TAUTAN_BERSAMA = "https://drive.setbadan.example/bersama/{tahun}/notulen-rapat-koordinasi-{periode}"
"""The minutes several employees attach in the current quarter (the shared-link signal)."""
BUKTI_KEDUA_SHARE = 0.15
"""The share of RHKs with a second evidence item."""
BERKAS_SHARE = 0.25
"""The share of reports with one uploaded PDF instead of a link."""
KEMBALI_SHARE = 0.06
"""The share of past reports with an item returned in the first round, then fixed."""
DI_BAWAH_SHARE = 0.08
"""The share of values below what the target expects."""
UMPAN_BALIK_SHARE = 0.2
PERILAKU_SHARE = 0.1
KINI_DIAJUKAN = 0.35
KINI_DRAF = 0.3
"""In the current quarter: the share of reports submitted, and of drafts (the rest not started)."""
LEVEL_UNITS = frozenset({"persen", "nilai", "indeks"})
"""Targets read as a level reached (not a count that grows through the year)."""
CATATAN_TAUTAN = (
    "Tautan belum dapat dibuka; atur izin berbagi agar pejabat penilai dapat mengaksesnya."
)
CATATAN_BERKAS = {
    "PERLU_PERBAIKAN": (
        "Berkas belum ditandatangani pejabat yang berwenang; unggah versi yang sudah "
        "ditandatangani."
    ),
    "DITOLAK": "Berkas bukan bukti untuk RHK ini; unggah laporan kegiatan yang sesuai.",
}
UMPAN_BALIK_BAIK = (
    "Capaian sudah sesuai target; pertahankan ketepatan waktu penyampaian laporan.",
    "Bukti dukung lengkap dan runtut. Ke depan, lampirkan juga rekapitulasi capaian bulanan.",
    "Kualitas hasil kerja baik; perhatikan konsistensi format sesuai pedoman tata naskah dinas.",
)
UMPAN_BALIK_KURANG = (
    "Capaian masih di bawah target; susun langkah tindak lanjut bersama tim pada triwulan "
    "berikutnya."
)
UMPAN_BALIK_PERILAKU = {
    "BERORIENTASI_PELAYANAN": "Tanggap terhadap permintaan layanan unit kerja; pertahankan.",
    "KOLABORATIF": "Aktif membantu rekan dalam penyusunan laporan bersama.",
    "ADAPTIF": "Cepat menyesuaikan diri dengan aplikasi kepegawaian yang baru.",
    "AKUNTABEL": "Laporan kegiatan disampaikan tepat waktu dan lengkap; pertahankan.",
}
NARASI_REALISASI = {
    "KUANTITAS": "{periode}: hasil kerja diselesaikan sejumlah yang ditugaskan pimpinan.",
    "KUALITAS": "{periode}: hasil kerja lengkap dan diterima pimpinan tanpa perbaikan berarti.",
    "WAKTU": "{periode}: hasil kerja diselesaikan sesuai jadwal yang disepakati.",
}
NARASI_DI_BAWAH = (
    "{periode}: sebagian hasil kerja belum selesai dan dilanjutkan pada periode berikutnya."
)


@dataclass(frozen=True)
class BerkasDemo:
    """A PDF uploaded as evidence for an RHK (generated, a few lines of text)."""

    nip: str
    periode: str
    rhk_kode: str
    nama: str
    uraian: str
    isi: bytes


@dataclass(frozen=True)
class KembaliDemo:
    """An item the appraiser returns in the first round, and how its owner fixes it: a link is
    kept with a new description (its access was opened), a file is replaced."""

    rhk_kode: str
    tautan: str
    """The returned link ("" when a file)."""
    berkas: BerkasDemo | None
    """The returned file (None when a link)."""
    status: str
    catatan: str
    uraian: str
    """The owner's new description."""
    perbaikan: BerkasDemo | None
    """The file replacing the returned one."""


@dataclass(frozen=True)
class LaporanDemo:
    """One report of the demo: where the demo brings it after importing its rows."""

    nip: str
    periode: str
    status: str
    """SELESAI (past quarters), DIAJUKAN or DRAF (the current one)."""
    berkas: tuple[BerkasDemo, ...] = ()
    kembali: KembaliDemo | None = None
    umpan_balik: tuple[tuple[str, str], ...] = ()
    """(RHK code, the appraiser's feedback)."""
    perilaku: tuple[tuple[str, str], ...] = ()
    """(BerAKHLAK value, the appraiser's feedback)."""


@dataclass(frozen=True)
class RealisasiDemo:
    """The realisation of the demo plans in a year: the rows of the `realisasi` sheet and, per
    report, the files, verdicts and feedback that follow them."""

    tahun: int
    lalu: tuple[str, ...]
    """The quarters that ended before today: submitted and verified."""
    kini: str
    """The current quarter: some reports submitted, some drafts, some not started."""
    rows: list[dict[str, str]]
    laporan: tuple[LaporanDemo, ...]
    """In the order the demo acts: period by period, plans top-down."""


@dataclass(frozen=True)
class _RhkDemo:
    kode: str
    uraian: str
    iki: tuple[tuple[str, str, str, str], ...]
    """(aspek, IKI, target, satuan)."""


def realisasi_plans(
    agency: DemoAgency,
    rencana: RencanaDemo,
    today: datetime.date,
    seed: int = DEFAULT_SEED,
) -> RealisasiDemo:
    """The realisation of the approved demo plans, deterministic for a seed and a day (no clock):
    every quarter of `rencana.tahun` that ended before `today` is filled, submitted and verified;
    the quarter holding `today` is partly submitted (the demo penilai's inbox included), partly
    draft, partly not started. A quarter's content does not depend on `today`."""
    tahun = rencana.tahun
    current = (today.month - 1) // 3 + 1 if today.year == tahun else 4
    lalu = tuple(f"TW{quarter}" for quarter in range(1, current))
    kini = f"TW{current}"
    people = {row["nip"]: row for row in agency.rows["pegawai"]}
    plans = _approved_plans(rencana)
    rows: list[dict[str, str]] = []
    laporan: list[LaporanDemo] = []
    for kode in lalu:
        rng = random.Random(f"realisasi-{seed}-{tahun}-{kode}")
        for nip, rhk_list in plans.items():
            made_rows, report = _past_report(rng, tahun, kode, people[nip], rhk_list)
            rows += made_rows
            laporan.append(report)
    kini_rows, kini_laporan = _current_reports(agency, rencana, plans, people, kini, seed)
    return RealisasiDemo(tahun, lalu, kini, rows + kini_rows, tuple(laporan + kini_laporan))


def _approved_plans(rencana: RencanaDemo) -> dict[str, list[_RhkDemo]]:
    """The RHKs and indicators of each approved plan, in the plans' order."""
    found: dict[str, dict[str, list[dict[str, str]]]] = {}
    for row in rencana.rows:
        if rencana.status[row["nip"]] == "DISETUJUI":
            found.setdefault(row["nip"], {}).setdefault(row["rhk_kode"], []).append(row)
    return {
        nip: [
            _RhkDemo(
                kode,
                items[0]["rhk"],
                tuple(
                    (item["aspek"], item["iki"], item["target"], item["satuan"]) for item in items
                ),
            )
            for kode, items in by_code.items()
        ]
        for nip, by_code in found.items()
    }


@dataclass
class _Isi:
    """What one report holds: its rows, its links as (RHK code, link), the codes of RHKs with a
    value below target, its uploaded file (at most one) and the values per RHK code."""

    rows: list[dict[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    below: list[str] = field(default_factory=list)
    files: list[BerkasDemo] = field(default_factory=list)
    values: dict[str, list[str]] = field(default_factory=dict)


def _past_report(
    rng: random.Random, tahun: int, kode: str, person: dict[str, str], rhk_list: list[_RhkDemo]
) -> tuple[list[dict[str, str]], LaporanDemo]:
    """A past quarter's report: every indicator, 1–2 items per RHK, verified (a few returned)."""
    isi = _report_rows(rng, tahun, kode, person, rhk_list, full=True)
    kembali = None
    if rng.random() < KEMBALI_SHARE:
        kembali = _returned(rng, tahun, kode, person, rhk_list, isi)
    umpan_balik: tuple[tuple[str, str], ...] = ()
    if rng.random() < UMPAN_BALIK_SHARE:
        if isi.below:
            umpan_balik = ((isi.below[0], UMPAN_BALIK_KURANG),)
        else:
            umpan_balik = ((rng.choice(rhk_list).kode, rng.choice(UMPAN_BALIK_BAIK)),)
    perilaku: tuple[tuple[str, str], ...] = ()
    if rng.random() < PERILAKU_SHARE:
        value = rng.choice(sorted(UMPAN_BALIK_PERILAKU))
        perilaku = ((value, UMPAN_BALIK_PERILAKU[value]),)
    report = LaporanDemo(
        person["nip"], kode, "SELESAI", tuple(isi.files), kembali, umpan_balik, perilaku
    )
    return isi.rows, report


def _report_rows(
    rng: random.Random,
    tahun: int,
    kode: str,
    person: dict[str, str],
    rhk_list: list[_RhkDemo],
    *,
    full: bool,
) -> _Isi:
    """The rows of one report: every RHK, or only the first one for a draft. The `aspek` column
    names the indicator when its RHK has several (by its text when two share an aspect)."""
    nip = person["nip"]
    quarter = int(kode[2:])
    chosen = rhk_list if full else rhk_list[:1]
    file_rhk = rng.choice(chosen).kode if rng.random() < BERKAS_SHARE else ""
    isi = _Isi()
    for rhk in chosen:
        values = []
        for aspek, _iki, target, satuan in rhk.iki:
            under = rng.random() < DI_BAWAH_SHARE
            if under and rhk.kode not in isi.below:
                isi.below.append(rhk.kode)
            values.append(_value(rng, aspek, target, satuan, quarter, under))
        isi.values[rhk.kode] = values
        count = 2 if rng.random() < BUKTI_KEDUA_SHARE else 1
        urls = [
            f"{TAUTAN_DASAR}/{tahun}/{kode.lower()}/{nip}/{rhk.kode.lower()}-{number}"
            for number in range(1, count + 1)
        ]
        if rhk.kode == file_rhk:
            urls = urls[1:]
            isi.files.append(_berkas(tahun, kode, person, rhk, values))
        isi.links += [(rhk.kode, url) for url in urls]
        for index in range(max(len(rhk.iki), len(urls))):
            position = min(index, len(rhk.iki) - 1)
            isi.rows.append(
                {
                    "nip": nip,
                    "tahun": str(tahun),
                    "periode": kode,
                    "rhk_kode": rhk.kode,
                    "realisasi": values[position],
                    "aspek": _aspek_cell(rhk, position),
                    "bukti_url": urls[index] if index < len(urls) else "",
                }
            )
    return isi


def _aspek_cell(rhk: _RhkDemo, position: int) -> str:
    """Empty for an RHK with one indicator; else its aspect, or its text when two share it."""
    if len(rhk.iki) == 1:
        return ""
    aspek, iki, _target, _satuan = rhk.iki[position]
    return aspek if [item[0] for item in rhk.iki].count(aspek) == 1 else iki


def _value(
    rng: random.Random, aspek: str, target: str, satuan: str, quarter: int, under: bool
) -> str:
    """A realisation near what the target expects by the end of the quarter (a level for
    percentages, scores and indexes; fewer days is better; counts grow through the year), or a
    narrative for a kualitatif plan (no satuan). Written the Indonesian way ("92,5")."""
    periode = _quarter_name(quarter)
    if not satuan:
        return (NARASI_DI_BAWAH if under else NARASI_REALISASI[aspek]).format(periode=periode)
    goal = float(target.replace(",", "."))
    if satuan in LEVEL_UNITS:
        value = goal * (rng.uniform(0.8, 0.9) if under else rng.uniform(0.97, 1.04))
        if satuan == "persen":
            value = min(value, 100.0)
        places = 2 if goal < 10 else 1
    elif satuan == "hari":
        value = goal * (rng.uniform(1.2, 1.5) if under else rng.uniform(0.8, 1.0))
        places = 1
    else:
        share = rng.uniform(0.6, 0.85) if under else rng.uniform(0.95, 1.15)
        value = goal * quarter / 4 * share
        places = 0
    text = f"{round(value, places):.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _quarter_name(quarter: int) -> str:
    return f"Triwulan {('I', 'II', 'III', 'IV')[quarter - 1]}"


def _berkas(
    tahun: int,
    kode: str,
    person: dict[str, str],
    rhk: _RhkDemo,
    values: list[str],
    *,
    signed: bool = False,
) -> BerkasDemo:
    """The activity report of an RHK for a quarter, as a small PDF (unique to its owner, RHK and
    quarter, so that no two employees share it by accident)."""
    periode = f"{_quarter_name(int(kode[2:]))} {tahun}"
    lines = [
        ROOT_NAMA.upper(),
        f"Laporan Kegiatan {periode}",
        "",
        f"Nama: {person['nama']}",
        f"NIP: {person['nip']}",
        f"Jabatan: {person['jabatan']}",
        f"RHK {rhk.kode}: {rhk.uraian}",
        "",
        "Capaian indikator:",
        *(
            f"- {iki}: {value} {satuan}".rstrip()
            for (_aspek, iki, _target, satuan), value in zip(rhk.iki, values, strict=True)
        ),
        "",
        "Kegiatan dilaksanakan sesuai rencana kerja dan didokumentasikan dalam lampiran.",
        "Dokumen ditandatangani secara elektronik." if signed else "Konsep untuk diperiksa.",
    ]
    suffix = "-ttd" if signed else ""
    return BerkasDemo(
        nip=person["nip"],
        periode=kode,
        rhk_kode=rhk.kode,
        nama=f"laporan-kegiatan-{rhk.kode.lower()}-{kode.lower()}{suffix}.pdf",
        uraian=f"Laporan kegiatan {periode}" + (" (bertanda tangan)" if signed else ""),
        isi=pdf_document(lines),
    )


def _returned(
    rng: random.Random,
    tahun: int,
    kode: str,
    person: dict[str, str],
    rhk_list: list[_RhkDemo],
    isi: _Isi,
) -> KembaliDemo:
    """The item returned in the first round: a link whose access was closed, or a file that was
    unsigned (PERLU_PERBAIKAN) or was not evidence for the RHK (DITOLAK)."""
    candidates: list[tuple[str, str, BerkasDemo | None]] = [
        (rhk_kode, url, None) for rhk_kode, url in isi.links
    ] + [(item.rhk_kode, "", item) for item in isi.files]
    rhk_kode, url, berkas = rng.choice(candidates)
    if berkas is None:
        return KembaliDemo(
            rhk_kode=rhk_kode,
            tautan=url,
            berkas=None,
            status="PERLU_PERBAIKAN",
            catatan=CATATAN_TAUTAN,
            uraian="Bukti dari impor; izin akses tautan sudah dibuka untuk pejabat penilai",
            perbaikan=None,
        )
    status = rng.choice(sorted(CATATAN_BERKAS))
    rhk = next(item for item in rhk_list if item.kode == rhk_kode)
    fixed = _berkas(tahun, kode, person, rhk, isi.values[rhk_kode], signed=True)
    return KembaliDemo(
        rhk_kode=rhk_kode,
        tautan="",
        berkas=berkas,
        status=status,
        catatan=CATATAN_BERKAS[status],
        uraian=fixed.uraian,
        perbaikan=fixed,
    )


def _current_reports(
    agency: DemoAgency,
    rencana: RencanaDemo,
    plans: dict[str, list[_RhkDemo]],
    people: dict[str, dict[str, str]],
    kode: str,
    seed: int,
) -> tuple[list[dict[str, str]], list[LaporanDemo]]:
    """The current quarter: submitted reports (two of them in the demo penilai's inbox), drafts
    (the penilai's and the admin's own among them) and reports not started. Two submitted
    reports carry the same PDF, three the same link (integrity signals)."""
    tahun = rencana.tahun
    rng = random.Random(f"realisasi-{seed}-{tahun}-{kode}-kini")
    accounts = {account.kunci: account.nip for account in agency.akun}
    inbox = [
        nip
        for nip in plans
        if people[nip]["atasan_nip"] == accounts["penilai"] and nip != accounts["admin"]
    ]
    fixed = {accounts["penilai"]: "DRAF", accounts["admin"]: "DRAF"} | dict.fromkeys(
        inbox, "DIAJUKAN"
    )
    states = {nip: fixed.get(nip, _current_state(rng.random())) for nip in plans}
    submitted = [nip for nip in plans if states[nip] == "DIAJUKAN" and nip not in inbox]
    same_file = set(inbox[:1] + submitted[:1])
    same_link = set(inbox[1:2] + submitted[1:3])
    shared_pdf = pdf_document(
        [
            ROOT_NAMA.upper(),
            f"Notulen Rapat Koordinasi Kepegawaian {_quarter_name(int(kode[2:]))} {tahun}",
            "",
            "Peserta: Kepala Bagian, Kepala Subbagian, dan pengelola kepegawaian.",
            "1. Evaluasi capaian kinerja triwulan berjalan.",
            "2. Tindak lanjut usulan kenaikan pangkat dan pengembangan kompetensi.",
            "3. Penyusunan jadwal verifikasi bukti dukung.",
        ]
    )
    rows: list[dict[str, str]] = []
    laporan: list[LaporanDemo] = []
    for nip, rhk_list in plans.items():
        state = states[nip]
        if not state:
            continue
        isi = _report_rows(rng, tahun, kode, people[nip], rhk_list, full=state == "DIAJUKAN")
        made, files = isi.rows, isi.files
        first = rhk_list[0]
        if nip in same_link:
            shared = dict(made[0])
            shared["bukti_url"] = TAUTAN_BERSAMA.format(tahun=tahun, periode=kode.lower())
            made.append(shared)
        if nip in same_file:
            files.append(
                BerkasDemo(
                    nip, kode, first.kode, f"notulen-rapat-koordinasi-{kode.lower()}.pdf",
                    "Notulen rapat koordinasi kepegawaian", shared_pdf,
                )
            )  # fmt: skip
        rows += made
        laporan.append(LaporanDemo(nip, kode, state, tuple(files)))
    return rows, laporan


def _current_state(draw: float) -> str:
    if draw < KINI_DIAJUKAN:
        return "DIAJUKAN"
    return "DRAF" if draw < KINI_DIAJUKAN + KINI_DRAF else ""


# --- Small PDF documents -----------------------------------------------------------------------

PDF_MIN_BYTES = 1400
"""Padding keeps a generated PDF above the 'nearly empty file' signal (1 KB)."""
PDF_FOOTER = "Dokumen contoh instansi demo Kinerja."


def pdf_document(lines: list[str]) -> bytes:
    """A valid one-page PDF (A4, Helvetica) holding `lines` of text, at least PDF_MIN_BYTES long
    (a footer line is repeated as needed). Deterministic: the same lines give the same bytes."""
    body = list(lines)
    while True:
        data = _pdf_bytes(body)
        if len(data) >= PDF_MIN_BYTES:
            return data
        body.append(PDF_FOOTER)


def _pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _pdf_bytes(lines: list[str]) -> bytes:
    stream = ["BT", "/F1 11 Tf", "14 TL", "56 790 Td"]
    for line in lines:
        stream.append(f"({_pdf_text(line)}) Tj T*")
    stream.append("ET")
    content = "\n".join(stream).encode("cp1252", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
