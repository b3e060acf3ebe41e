"""Benchmark of the annual recap (`kinerja rekap`) on PostgreSQL: 250,000 employees.

Drops and creates a PostgreSQL database, migrates it with production settings, opens the
performance year, activates a rule-set version with a tunjangan kinerja amount for every grade
(1-17), and loads a deterministic agency with `COPY` (psycopg 3): units with their materialised
paths, positions, employees, position history (functional employees changing jenjang mid-year),
exclusions, organisation ratings, finalised groups (penetapan), one annual assessment per
employee, twelve stored monthly allowances per employee and the potential of ~60%. Then it times
(each `--runs` times; median and min):

- the scan: one SQL query with which PostgreSQL itself reads and aggregates the rows the recap
  reads (`EXPLAIN (ANALYZE, TIMING OFF)` execution time, and wall-clock through psycopg);
- `kinerja rekap --tahun 2026 --periode TAHUNAN --format csv` as a subprocess (wall and CPU,
  process start included), once more as xlsx, and `rekap_build` in-process;

checks that the recap's row count and sums equal the scan's, and writes the "Recap" section of
docs/performance.md. When the recap is more than 3x the scan it profiles `rekap_build` (top 25 by
cumulative time in bench/out/rekap-profile.txt).

    .venv/bin/python bench/rekap.py [--pegawai 250000] [--unit 5000] [--runs 3]
        [--database-url postgres://postgres@127.0.0.1:5432/kinerja_bench_rekap]
        [--keep] [--no-docs]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import random
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import psycopg
from common import (
    DOC,
    OUT,
    ROOT,
    children_cpu,
    drop_database,
    environment_for,
    fresh_database,
    kinerja,
    machine,
    shell_json,
    step,
    update_doc,
)
from psycopg import sql

SECTION_TITLE = "## Recap"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kinerja_bench_rekap"
TAHUN = 2026
TARGET_RATIO = 3.0
NOW = "2026-12-20 10:00:00+07"
SEED = 20260101

# Tunjangan kinerja per kelas jabatan (rupiah): 9 and 10 as in the default rule set.
BESARAN = {
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
    17: 33_240_000,
}

# Positions: (nama, jenis_jabatan, jenjang, kelas_jabatan). Each functional position above the
# first level of its ladder has the level below it in the list (for mid-year promotions).
HEADS = {
    "root": ("Sekretaris Jenderal", "JPT", "", 17),
    "biro": ("Kepala Biro", "JPT", "", 14),
    "bagian": ("Kepala Bagian", "ADMINISTRATOR", "", 12),
    "subbagian": ("Kepala Subbagian", "PENGAWAS", "", 9),
}
SUPERVISOR = ("Kepala Seksi", "PENGAWAS", "", 8)
PELAKSANA = [
    ("Pramu Bakti", "PELAKSANA", "", 1),
    ("Pengemudi", "PELAKSANA", "", 3),
    ("Operator Layanan Operasional", "PELAKSANA", "", 5),
    ("Pengadministrasi Perkantoran", "PELAKSANA", "", 5),
    ("Pengolah Data dan Informasi", "PELAKSANA", "", 6),
    ("Penata Layanan Operasional", "PELAKSANA", "", 7),
    ("Penelaah Teknis Kebijakan", "PELAKSANA", "", 8),
    ("Penata Kelola Sistem dan Teknologi Informasi", "PELAKSANA", "", 2),
    ("Pengelola Umum Operasional", "PELAKSANA", "", 4),
]
FUNGSIONAL_LADDERS = [
    (
        "Analis Sumber Daya Manusia Aparatur",
        [("AHLI_PERTAMA", 8), ("AHLI_MUDA", 9), ("AHLI_MADYA", 11), ("AHLI_UTAMA", 13)],
    ),
    ("Perencana", [("AHLI_PERTAMA", 8), ("AHLI_MUDA", 10), ("AHLI_MADYA", 12), ("AHLI_UTAMA", 15)]),
    ("Auditor", [("AHLI_PERTAMA", 8), ("AHLI_MUDA", 10), ("AHLI_MADYA", 12), ("AHLI_UTAMA", 16)]),
    ("Pranata Komputer", [("TERAMPIL", 6), ("MAHIR", 7), ("PENYELIA", 8)]),
    ("Arsiparis", [("PEMULA", 5), ("TERAMPIL", 6), ("MAHIR", 7), ("PENYELIA", 8)]),
]
QUADRANT = {
    "DI_ATAS": {"DI_BAWAH": "KURANG", "SESUAI": "BAIK", "DI_ATAS": "SANGAT_BAIK"},
    "SESUAI": {"DI_BAWAH": "KURANG", "SESUAI": "BAIK", "DI_ATAS": "BAIK"},
    "DI_BAWAH": {
        "DI_BAWAH": "SANGAT_KURANG",
        "SESUAI": "BUTUH_PERBAIKAN",
        "DI_ATAS": "BUTUH_PERBAIKAN",
    },
}
RATINGS = (["DI_ATAS"] * 2) + (["SESUAI"] * 7) + ["DI_BAWAH"]
ORG_PREDIKAT = ["ISTIMEWA"] + ["BAIK"] * 6 + ["BUTUH_PERBAIKAN"] * 2 + ["KURANG", "SANGAT_KURANG"]
BERAKHLAK = [
    "BERORIENTASI_PELAYANAN",
    "AKUNTABEL",
    "KOMPETEN",
    "HARMONIS",
    "LOYAL",
    "ADAPTIF",
    "KOLABORATIF",
]
POTENSI = ["RENDAH", "MENENGAH", "MENENGAH", "TINGGI"]
# Monthly attendance cuts (percent) cycling over employees and months; most months have none.
CUTS = ["0"] * 30 + ["0.5", "1", "1.5", "2.5", "3", "4.5", "0.5", "1", "6", "25"]
FIRST_NAMES = [
    "Siti",
    "Budi",
    "Agus",
    "Dewi",
    "Rina",
    "Andi",
    "Putri",
    "Eko",
    "Sri",
    "Hadi",
    "Wati",
    "Joko",
    "Nur",
    "Yusuf",
    "Ayu",
]
LAST_NAMES = [
    "Santoso",
    "Aminah",
    "Wibowo",
    "Lestari",
    "Saputra",
    "Hidayat",
    "Kusuma",
    "Pratama",
    "Rahayu",
    "Nugroho",
]

# One query: the period's assessments with their employees, units and positions, the curve
# group's organisation rating (nearest rated unit up the path), the twelve stored monthly
# allowances, the position history of the year and the potential, the exclusions in effect on
# the period's last day; aggregated per unit and predikat.
SCAN_SQL = """
WITH periode AS (
    SELECT p.id, p.selesai
    FROM periode_periode p JOIN periode_tahunkinerja t ON t.id = p.tahun_id
    WHERE t.tahun = {tahun} AND p.kode = 'TAHUNAN'
),
kelompok AS (
    SELECT DISTINCT ON (u.id) u.id AS unit_id, g.id AS grup_id, k.predikat
    FROM organisasi_unit u
    JOIN organisasi_unit g ON u.jalur LIKE g.jalur || '%'
    JOIN penilaian_kinerjaorganisasi k ON k.unit_id = g.id
    WHERE k.periode_id = (SELECT id FROM periode)
    ORDER BY u.id, g.kedalaman DESC
),
tukin AS (
    SELECT pegawai_id, count(*) AS bulan, sum(bruto) AS bruto, sum(netto) AS netto
    FROM tukin_tukin
    WHERE tahun = {tahun} AND bulan BETWEEN 1 AND 12
    GROUP BY pegawai_id
),
riwayat AS (
    SELECT r.pegawai_id, count(*) AS masa, count(DISTINCT j.jenjang) AS jenjang
    FROM organisasi_riwayatjabatan r JOIN organisasi_jabatan j ON j.id = r.jabatan_id
    WHERE r.mulai <= make_date({tahun}, 12, 31)
      AND (r.sampai IS NULL OR r.sampai > make_date({tahun}, 1, 1))
    GROUP BY r.pegawai_id
)
SELECT u.kode, n.predikat, n.status,
       count(*) AS pegawai,
       count(k.predikat) AS dengan_kinerja_organisasi,
       count(DISTINCT k.grup_id) AS kelompok,
       count(*) FILTER (WHERE j.jenis_jabatan = 'FUNGSIONAL') AS fungsional,
       sum(r.masa) FILTER (WHERE j.jenis_jabatan = 'FUNGSIONAL') AS masa_jabatan,
       sum(t.bulan) AS bulan_tukin,
       sum(t.bruto) AS tukin_bruto,
       sum(t.netto) AS tukin_netto,
       count(pt.potensi) AS dengan_potensi,
       sum(length(e.nama) + length(e.nip)) AS panjang_nama_nip
FROM penilaian_penilaian n
JOIN periode ON periode.id = n.periode_id
JOIN organisasi_pegawai e ON e.id = n.pegawai_id
JOIN organisasi_unit u ON u.id = n.unit_id
LEFT JOIN organisasi_jabatan j ON j.id = n.jabatan_id
LEFT JOIN kelompok k ON k.unit_id = n.unit_id
LEFT JOIN tukin t ON t.pegawai_id = n.pegawai_id
LEFT JOIN riwayat r ON r.pegawai_id = n.pegawai_id
LEFT JOIN talenta_potensi pt ON pt.pegawai_id = n.pegawai_id AND pt.tahun = {tahun}
WHERE e.aktif
  AND NOT EXISTS (
      SELECT 1 FROM organisasi_pengecualian x
      WHERE x.pegawai_id = n.pegawai_id AND x.mulai <= periode.selesai
        AND (x.sampai IS NULL OR x.sampai > periode.selesai)
  )
GROUP BY u.kode, n.predikat, n.status
""".strip()

# Run inside `kinerja shell`: open the year with its periods and activate a version of the
# default rule set with an allowance for every grade, through the services (audited).
SETUP_SNIPPET = """
import copy, datetime, json
from kinerja.audit.services import Aktor
from kinerja.aturan import services
from kinerja.aturan.models import SetAturan
from kinerja.periode.models import Periode
from kinerja.periode.services import tahun_open
aktor = Aktor.system("bench/rekap.py")
tahun_open(aktor=aktor, tahun={tahun})
bawaan = SetAturan.objects.get(kode=services.DEFAULT_KODE, versi=1)
isi = copy.deepcopy(bawaan.isi)
isi["tukin"]["besaran"] = {besaran}
versi = services.rule_set_create(
    aktor=aktor, kode=bawaan.kode, nama=bawaan.nama, dasar_hukum=bawaan.dasar_hukum,
    berlaku_mulai=datetime.date({tahun}, 1, 1), unit=None, isi=isi,
    catatan="Besaran tunjangan kinerja kelas jabatan 1-17 (benchmark).")
services.rule_set_activate(aktor=aktor, set_aturan=versi)
periode = Periode.objects.get(tahun__tahun={tahun}, kode="TAHUNAN")
print(json.dumps({{"periode": periode.pk, "set_aturan": versi.pk}}))
"""

# Run inside `kinerja shell`: rekap_build alone (no process start, no writing), optionally
# under cProfile.
BUILD_SNIPPET = """
import json, time
from kinerja.periode.models import Periode
from kinerja.rekap.selectors import rekap_build
periode = Periode.objects.get(tahun__tahun={tahun}, kode="TAHUNAN")
profile = {profile!r}
if profile:
    import cProfile, pstats, io
    profiler = cProfile.Profile()
    profiler.enable()
cpu, started = time.process_time(), time.perf_counter()
cpu0 = cpu
rekap = rekap_build(periode=periode)
baris = rekap.baris if isinstance(rekap.baris, list) else list(rekap.baris)
dikecualikan = (
    rekap.dikecualikan if isinstance(rekap.dikecualikan, list) else list(rekap.dikecualikan)
)
wall, cpu = time.perf_counter() - started, time.process_time() - cpu
written = {out!r}
if written:
    from pathlib import Path
    from kinerja.rekap.writers import rekap_write
    rekap_write(rekap, fmt="csv", path=Path(written))
total_wall, total_cpu = time.perf_counter() - started, time.process_time() - cpu0
if profile:
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(25)
    open(profile, "w").write(stream.getvalue())
result = {{
    "wall": wall, "cpu": cpu, "baris": len(baris), "dikecualikan": len(dikecualikan),
    "total_wall": total_wall, "total_cpu": total_cpu,
}}
print(json.dumps(result))
"""


# --- Generation --------------------------------------------------------------------------------


def make_nip(index: int) -> str:
    """A valid, unique 18-digit NIP per index: birth date, appointment, gender, sequence."""
    born = datetime.date(1960, 1, 1) + datetime.timedelta(days=index % 14000)
    return f"{born:%Y%m%d}{born.year + 25}{born.month:02d}{1 + index % 2}{index // 14000:03d}"


@dataclass
class Agency:
    units: list[tuple[int, str, str, int | None, str, int]] = field(default_factory=list)
    unit_kind: list[str] = field(default_factory=list)
    jabatan: list[tuple[int, str, str, str, int]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    # For benchmarks that add to the agency (bench/pemantauan.py): per employee (id, unit id,
    # jabatan id, penilai id or 0, aktif, excluded at the year's end, jabatan before a mid-year
    # promotion or 0, month of the promotion); the rated units (organisation predikat) and the
    # curve group of every unit.
    people: list[tuple[int, int, int, int, bool, bool, int, int]] = field(default_factory=list)
    rated: dict[int, str] = field(default_factory=dict)
    group_of: dict[int, int] = field(default_factory=dict)


def biro_count(units: int) -> int:
    """~1% of the units, and at least five (as in a small secretariat) when there are 20."""
    return max(1, min(5, units // 4), units // 100)


def unit_rows(count: int, agency: Agency) -> None:
    """One root, biro below it (`biro_count`), ~10% bagian below the biro (at least one each),
    the rest subbagian; ids 1..n, paths "/1/4/9/" and depths as the organisation services write
    them."""
    biro = biro_count(count)
    bagian = max(biro, count // 10)
    paths: list[str] = []
    for index in range(count):
        if index == 0:
            parent, kind = None, "root"
        elif index <= biro:
            parent, kind = 0, "biro"
        elif index <= biro + bagian:
            parent, kind = 1 + (index - biro - 1) % biro, "bagian"
        else:
            parent, kind = biro + 1 + (index - biro - bagian - 1) % bagian, "subbagian"
        unit_id = index + 1
        jalur = f"{paths[parent] if parent is not None else '/'}{unit_id}/"
        paths.append(jalur)
        nama = "Sekretariat Jenderal" if kind == "root" else f"{kind.title()} {index:05d}"
        parent_id = parent + 1 if parent is not None else None
        agency.units.append(
            (unit_id, f"U{index:05d}", nama, parent_id, jalur, jalur.count("/") - 2)
        )
        agency.unit_kind.append(kind)


def jabatan_rows(agency: Agency) -> dict[tuple[str, str], int]:
    """The position catalogue; returns the id of each (nama, jenjang)."""
    rows = [*HEADS.values(), SUPERVISOR, *PELAKSANA]
    for nama, ladder in FUNGSIONAL_LADDERS:
        rows += [(nama, "FUNGSIONAL", jenjang, kelas) for jenjang, kelas in ladder]
    ids = {}
    for index, (nama, jenis, jenjang, kelas) in enumerate(rows, start=1):
        agency.jabatan.append((index, nama, jenis, jenjang, kelas))
        ids[(nama, jenjang)] = index
    return ids


class CopyWriter:
    """Rows to a table through COPY (text format), one COPY per block of 50,000 rows (so that
    several writers can be filled at once on one connection)."""

    def __init__(self, connection: psycopg.Connection, table: str, columns: Iterable[str]):
        self.cursor = connection.cursor()
        self.statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        self.lines: list[str] = []
        self.count = 0

    def add(self, *values: object) -> None:
        self.lines.append("\t".join(r"\N" if v is None else str(v) for v in values))
        self.count += 1
        if len(self.lines) >= 50_000:
            self.flush()

    def flush(self) -> None:
        if self.lines:
            with self.cursor.copy(self.statement) as copy:
                copy.write(("\n".join(self.lines) + "\n").encode())
            self.lines = []

    def close(self) -> int:
        self.flush()
        return self.count


def load(connection: psycopg.Connection, pegawai: int, unit: int, ids: dict[str, int]) -> Agency:
    """Generate and COPY the agency (deterministic: fixed seeds, arithmetic on indexes)."""
    agency = Agency()
    rng = random.Random(SEED)
    periode_id, set_aturan_id = ids["periode"], ids["set_aturan"]
    unit_rows(unit, agency)
    jabatan_ids = jabatan_rows(agency)
    jabatan_by_id = {row[0]: row for row in agency.jabatan}
    unit_count = len(agency.units)
    # Replica role: no foreign-key triggers while loading (the generated ids are consistent).
    connection.execute("SET session_replication_role = replica")

    with_copy = CopyWriter(
        connection,
        "organisasi_unit",
        ["id", "kode", "nama", "induk_id", "jalur", "kedalaman", "aktif"],
    )
    for row in agency.units:
        with_copy.add(*row, "t")
    agency.counts["unit"] = with_copy.close()

    with_copy = CopyWriter(
        connection,
        "organisasi_jabatan",
        ["id", "nama", "jenis_jabatan", "jenjang", "kelas_jabatan"],
    )
    for row in agency.jabatan:
        with_copy.add(*row)
    agency.counts["jabatan"] = with_copy.close()

    # Organisation ratings: the root, every biro and every other bagian; curve groups follow.
    rated: dict[int, str] = {}
    for index, kind in enumerate(agency.unit_kind):
        if kind in ("root", "biro") or (kind == "bagian" and index % 2 == 0):
            rated[index + 1] = rng.choice(ORG_PREDIKAT)
    parent_of = {row[0]: row[3] for row in agency.units}
    group_of: dict[int, int] = {}
    for unit_id, *_rest in agency.units:  # parents come before their children
        group_of[unit_id] = unit_id if unit_id in rated else group_of[parent_of[unit_id]]
    finalised = {group for group in rated if group % 5 in (0, 2)}  # ~40% of the groups

    # Employees: round robin over the units; in each unit the first is its head (appraised by
    # the parent's head), the second a supervisor, a third of the rest functional (appraised
    # by the head), the others pelaksana (appraised by the supervisor).
    employees = CopyWriter(
        connection,
        "organisasi_pegawai",
        ["id", "nip", "nama", "status_kepegawaian", "golongan", "unit_id", "jabatan_id",
         "penilai_id", "aktif", "dibuat_pada", "diubah_pada"],
    )  # fmt: skip
    riwayat = CopyWriter(
        connection,
        "organisasi_riwayatjabatan",
        ["id", "pegawai_id", "unit_id", "jabatan_id", "mulai", "sampai"],
    )
    pengecualian = CopyWriter(
        connection,
        "organisasi_pengecualian",
        ["id", "pegawai_id", "jenis", "mulai", "sampai", "catatan"],
    )
    last_day = datetime.date(TAHUN, 12, 31)
    people: list[tuple[int, int, int, int, bool, bool, int, int]] = []
    riwayat_id = pengecualian_id = 0
    for index in range(pegawai):
        pegawai_id = index + 1
        unit_index, position = index % unit_count, index // unit_count
        unit_id = unit_index + 1
        head_id = unit_id  # the head of unit i is employee i
        supervisor_id = unit_count + unit_id if pegawai > unit_count + unit_index else head_id
        before: int | None = None  # the position held until a mid-year promotion
        change_month = 0
        if position == 0:
            jabatan_id = jabatan_ids[(HEADS[agency.unit_kind[unit_index]][0], "")]
            parent = parent_of[unit_id]
            penilai = parent if parent is not None and parent <= pegawai else None
        elif position == 1:
            jabatan_id, penilai = jabatan_ids[(SUPERVISOR[0], "")], head_id
        elif index % 3 == 0:
            nama, ladder = FUNGSIONAL_LADDERS[(index // 3) % len(FUNGSIONAL_LADDERS)]
            level = (index // 15) % len(ladder)
            jabatan_id, penilai = jabatan_ids[(nama, ladder[level][0])], head_id
            if level > 0 and (index // 3) % 10 == 0:  # promoted to this jenjang this year
                before = jabatan_ids[(nama, ladder[level - 1][0])]
                change_month = 2 + (index // 30) % 11
        else:
            jabatan_id = jabatan_ids[(PELAKSANA[index % len(PELAKSANA)][0], "")]
            penilai = supervisor_id
        aktif = not (index % 97 == 0 and position > 1)
        status = "PPPK" if index % 17 == 0 else "PNS"
        golongan = ["V", "VII", "IX"][index % 3] if status == "PPPK" else "III/b"
        nama_pegawai = f"{FIRST_NAMES[index % 15]} {LAST_NAMES[(index // 15) % 10]} {index}"
        employees.add(
            pegawai_id, make_nip(index), nama_pegawai, status, golongan, unit_id, jabatan_id,
            penilai, "t" if aktif else "f", NOW, NOW,
        )  # fmt: skip
        since = datetime.date(2015, 1, 1) + datetime.timedelta(days=index % 3650)
        if before is not None:
            changed = datetime.date(TAHUN, change_month, 1)
            riwayat_id += 1
            riwayat.add(riwayat_id, pegawai_id, unit_id, before, since, changed)
            since = changed
        riwayat_id += 1
        riwayat.add(riwayat_id, pegawai_id, unit_id, jabatan_id, since, None)
        excluded = False
        if index % 50 == 7 and position > 1:  # ~2%
            kind = (index // 50) % 4
            pengecualian_id += 1
            mulai, sampai, jenis = {
                0: (datetime.date(TAHUN, 1 + index % 12, 1), None, "PENSIUN"),
                1: (datetime.date(TAHUN, 1 + index % 12, 1), None, "MUTASI"),
                2: (
                    datetime.date(TAHUN - 1, 9, 1),
                    datetime.date(TAHUN + 1, 8, 31),
                    "TUGAS_BELAJAR",
                ),
                3: (datetime.date(TAHUN, 1, 1), datetime.date(TAHUN, 6, 30), "CUTI_BESAR"),
            }[kind]
            pengecualian.add(pengecualian_id, pegawai_id, jenis, mulai, sampai, "")
            excluded = mulai <= last_day and (sampai is None or sampai > last_day)
        people.append(
            (pegawai_id, unit_id, jabatan_id, penilai or 0, aktif, excluded, before or 0,
             change_month)
        )  # fmt: skip
    agency.counts["pegawai"] = employees.close()
    agency.people, agency.rated, agency.group_of = people, rated, group_of
    agency.counts["riwayat jabatan"] = riwayat.close()
    agency.counts["pengecualian"] = pengecualian.close()

    # Assessments: all but ~2% of the employees; members of finalised groups are FINAL.
    assessed: list[tuple[int, str, str, str]] = []
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for pegawai_id, unit_id, _jabatan, _penilai, aktif, excluded, _b, _m in people:
        if (pegawai_id - 1) % 53 == 0:
            continue
        hasil, perilaku = rng.choice(RATINGS), rng.choice(RATINGS)
        predikat = QUADRANT[hasil][perilaku]
        assessed.append((pegawai_id, hasil, perilaku, predikat))
        group = group_of[unit_id]
        if group in finalised and aktif and not excluded:
            counts[group][predikat] += 1
    penetapan = CopyWriter(
        connection,
        "penilaian_penetapan",
        ["id", "unit_id", "periode_id", "status", "predikat_organisasi", "set_aturan_id",
         "jumlah", "penanda_tangan", "ditetapkan_label", "ditetapkan_pada"],
    )  # fmt: skip
    penetapan_of = {}
    for number, group in enumerate(sorted(finalised), start=1):
        penetapan_of[group] = number
        penetapan.add(
            number, group, periode_id, "DITETAPKAN", rated[group], set_aturan_id,
            json.dumps(dict(sorted(counts[group].items()))), "{}", "Biro SDM (benchmark)", NOW,
        )  # fmt: skip
    agency.counts["penetapan"] = penetapan.close()
    organisasi = CopyWriter(
        connection,
        "penilaian_kinerjaorganisasi",
        ["id", "unit_id", "periode_id", "predikat", "alasan", "atas_nama", "oleh_label",
         "diubah_pada"],
    )  # fmt: skip
    for number, (unit_id, predikat) in enumerate(sorted(rated.items()), start=1):
        organisasi.add(
            number, unit_id, periode_id, predikat, "Capaian kinerja organisasi tahun ini.", "f",
            "Pimpinan (benchmark)", NOW,
        )  # fmt: skip
    agency.counts["kinerja organisasi"] = organisasi.close()

    penilaian = CopyWriter(
        connection,
        "penilaian_penilaian",
        ["id", "pegawai_id", "periode_id", "unit_id", "jabatan_id", "penilai_id", "rating_hasil",
         "rating_perilaku", "rating_rhk", "rating_nilai", "predikat", "set_aturan_id", "catatan",
         "status", "penetapan_id", "identitas", "masukan", "dinilai_label", "dinilai_pada",
         "ditetapkan_pada"],
    )  # fmt: skip
    person = {row[0]: row for row in people}
    for number, (pegawai_id, hasil, perilaku, predikat) in enumerate(assessed, start=1):
        _id, unit_id, jabatan_id, penilai, aktif, excluded, _b, _m = person[pegawai_id]
        group = group_of[unit_id]
        final = group in finalised and aktif and not excluded
        rhk = json.dumps({f"RHK-{k}": hasil for k in (1, 2, 3)})
        nilai = json.dumps(dict.fromkeys(BERAKHLAK, perilaku))
        penilaian.add(
            number, pegawai_id, periode_id, unit_id, jabatan_id, penilai or None, hasil,
            perilaku, rhk, nilai, predikat, set_aturan_id, "", "FINAL" if final else "DRAF",
            penetapan_of[group] if final else None, "{}", "{}", "Pejabat penilai (benchmark)",
            NOW, NOW if final else None,
        )  # fmt: skip
    agency.counts["penilaian"] = penilaian.close()
    agency.counts["penilaian FINAL"] = sum(counts[g].total() for g in finalised)

    # Twelve stored monthly allowances per employee, with the grade held that month.
    tukin = CopyWriter(
        connection,
        "tukin_tukin",
        ["id", "pegawai_id", "tahun", "bulan", "unit_id", "jabatan_id", "kelas_jabatan",
         "set_aturan_id", "predikat_tahun_lalu", "kehadiran_tercatat", "besaran", "insentif",
         "bruto", "persen_potongan_dihitung", "persen_potongan", "potongan_rupiah", "netto",
         "rincian", "penjelasan", "dihitung_pada"],
    )  # fmt: skip
    number = 0
    add = tukin.add
    for pegawai_id, unit_id, jabatan_id, _penilai, _a, _e, before, change_month in people:
        for bulan in range(1, 13):
            number += 1
            held = before if before and bulan < change_month else jabatan_id
            kelas = jabatan_by_id[held][4]
            bruto = BESARAN[kelas]
            persen = CUTS[(pegawai_id * 7 + bulan * 13) % len(CUTS)]
            potongan = bruto * int(Decimal(persen) * 100) // 10000
            rincian = (
                f'[{{"kode": "TL1", "kejadian": 1, "persen": "{persen}"}}]'
                if persen != "0"
                else "[]"
            )
            add(
                number, pegawai_id, TAHUN, bulan, unit_id, held, kelas, set_aturan_id, "", "t",
                bruto, 0, bruto, persen, persen, potongan, bruto - potongan, rincian,
                '{"ringkasan": "benchmark"}', NOW,
            )  # fmt: skip
    agency.counts["tukin"] = tukin.close()

    potensi = CopyWriter(
        connection,
        "talenta_potensi",
        ["id", "pegawai_id", "tahun", "potensi", "catatan", "dicatat_label", "diubah_pada"],
    )
    number = 0
    for pegawai_id in range(1, pegawai + 1):
        if pegawai_id % 5 in (0, 1, 3):  # 60%
            number += 1
            potensi.add(number, pegawai_id, TAHUN, POTENSI[(pegawai_id // 5) % 4], "", "HR", NOW)
    agency.counts["potensi"] = potensi.close()

    for table in (
        "organisasi_unit", "organisasi_jabatan", "organisasi_pegawai",
        "organisasi_riwayatjabatan", "organisasi_pengecualian", "penilaian_penetapan",
        "penilaian_kinerjaorganisasi", "penilaian_penilaian", "tukin_tukin", "talenta_potensi",
    ):  # fmt: skip
        connection.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence({name}, 'id'), "
                "(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
            ).format(name=sql.Literal(table), table=sql.Identifier(table))
        )
    connection.execute("SET session_replication_role = origin")
    agency.counts["kelompok kurva"] = len(rated)
    return agency


# --- Measures ----------------------------------------------------------------------------------


@dataclass
class Runs:
    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def min(self) -> float:
        return min(self.values)

    def text(self) -> str:
        return f"{self.median:.2f} s (min {self.min:.2f})"


def measure_scan(url: str, runs: int) -> tuple[Runs, Runs, list[tuple[object, ...]], str]:
    """EXPLAIN ANALYZE execution time and psycopg wall-clock of the scan (after one warm-up)."""
    query = SCAN_SQL.format(tahun=TAHUN)
    executions, walls = [], []
    with psycopg.connect(url) as connection:
        rows = connection.execute(query).fetchall()  # warm-up: the cache as the recap finds it
        for _ in range(runs):
            plan = connection.execute(f"EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) {query}")
            executions.append(plan.fetchone()[0][0]["Execution Time"] / 1000)
            started = time.perf_counter()
            rows = connection.execute(query).fetchall()
            walls.append(time.perf_counter() - started)
        text_plan = "\n".join(
            line for (line,) in connection.execute(f"EXPLAIN (ANALYZE, TIMING OFF) {query}")
        )
    return Runs(executions), Runs(walls), rows, text_plan


@dataclass
class RecapRun:
    wall: float
    cpu: float


def run_recap(environment: dict[str, str], fmt: str, out: Path) -> RecapRun:
    cpu = children_cpu()
    started = time.perf_counter()
    kinerja(
        ["rekap", "--tahun", str(TAHUN), "--periode", "TAHUNAN", "--format", fmt, "--out",
         str(out)],
        environment,
    )  # fmt: skip
    return RecapRun(time.perf_counter() - started, children_cpu() - cpu)


def csv_totals(path: Path) -> dict[str, object]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        "baris": len(rows),
        "tukin_netto": sum(int(row["tukin_netto"] or 0) for row in rows),
        "tukin_bruto": sum(int(row["tukin_bruto"] or 0) for row in rows),
        "predikat": Counter(row["predikat"] for row in rows),
        "final": sum(1 for row in rows if row["status"] == "FINAL"),
        "angka_kredit": sum(1 for row in rows if row["angka_kredit"]),
        "kotak_talenta": sum(1 for row in rows if row["kotak_talenta"]),
        "predikat_organisasi": sum(1 for row in rows if row["predikat_organisasi"]),
    }


def scan_totals(rows: list[tuple[object, ...]]) -> dict[str, object]:
    predikat: Counter[str] = Counter()
    for row in rows:
        predikat[str(row[1])] += int(row[3])
    return {
        "baris": sum(int(row[3]) for row in rows),
        "tukin_netto": sum(int(row[10] or 0) for row in rows),
        "tukin_bruto": sum(int(row[9] or 0) for row in rows),
        "predikat": predikat,
        "final": sum(int(row[3]) for row in rows if row[2] == "FINAL"),
        "angka_kredit": sum(int(row[6]) for row in rows),
        "kotak_talenta": sum(int(row[11]) for row in rows),
        "predikat_organisasi": sum(int(row[4]) for row in rows),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--pegawai", type=int, default=250_000)
    parser.add_argument("--unit", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument("--no-docs", action="store_true", help="do not update docs/performance.md")
    options = parser.parse_args()
    if options.pegawai < options.unit:
        raise SystemExit("--pegawai must be at least --unit (every unit has a head)")
    url = options.database_url
    OUT.mkdir(parents=True, exist_ok=True)
    begun = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-rekap-") as data_dir:
        environment = environment_for(url, data_dir)
        step("fresh database", lambda: fresh_database(url))
        step("migrate", lambda: kinerja(["migrate", "-v0"], environment))
        snippet = SETUP_SNIPPET.format(tahun=TAHUN, besaran={str(k): v for k, v in BESARAN.items()})
        ids: dict[str, int] = step("year and rule set", lambda: shell_json(snippet, environment))
        started = time.perf_counter()
        with psycopg.connect(url) as connection:
            agency = load(connection, options.pegawai, options.unit, ids)
        load_seconds = time.perf_counter() - started
        print(f"generated and loaded with COPY: {load_seconds:.1f} s {dict(agency.counts)}")
        with psycopg.connect(url, autocommit=True) as connection:
            step("VACUUM ANALYZE", lambda: connection.execute("VACUUM (ANALYZE)"))
            size = connection.execute(
                "SELECT pg_size_pretty(pg_database_size(current_database()))"
            ).fetchone()[0]

        load_average = os.getloadavg()[0]
        execution, scan_wall, scan_rows, plan = measure_scan(url, options.runs)
        print(f"scan: execution {execution.text()}, wall {scan_wall.text()}")
        (OUT / "rekap-scan-plan.txt").write_text(plan + "\n")

        csv_runs = []
        out_csv = OUT / "rekap.csv"
        for number in range(options.runs):
            csv_runs.append(run_recap(environment, "csv", out_csv))
            print(f"kinerja rekap csv #{number + 1}: {csv_runs[-1].wall:.1f} s "
                  f"(CPU {csv_runs[-1].cpu:.1f} s)", flush=True)  # fmt: skip
        xlsx = run_recap(environment, "xlsx", OUT / "rekap.xlsx")
        print(f"kinerja rekap xlsx: {xlsx.wall:.1f} s (CPU {xlsx.cpu:.1f} s)")
        builds = []
        for number in range(options.runs):
            snippet = BUILD_SNIPPET.format(
                tahun=TAHUN, profile="", out=str(OUT / "rekap-shell.csv")
            )
            builds.append(shell_json(snippet, environment))
            print(f"rekap_build #{number + 1}: {builds[-1]}", flush=True)

        recap_wall = Runs([run.wall for run in csv_runs])
        recap_cpu = Runs([run.cpu for run in csv_runs])
        build_wall = Runs([float(b["wall"]) for b in builds])
        build_cpu = Runs([float(b["cpu"]) for b in builds])
        work_wall = Runs([float(b["total_wall"]) for b in builds])
        work_cpu = Runs([float(b["total_cpu"]) for b in builds])
        ratio = recap_wall.median / scan_wall.median
        ratio_build = build_wall.median / scan_wall.median
        ratio_work = work_wall.median / scan_wall.median
        met = ratio_work <= TARGET_RATIO
        expected, found = scan_totals(scan_rows), csv_totals(out_csv)
        mismatches = [key for key in expected if expected[key] != found[key]]
        for key in mismatches:
            print(f"MISMATCH {key}: scan {expected[key]} / recap {found[key]}")
        excluded_csv = out_csv.with_name("rekap-dikecualikan.csv")
        excluded_rows = (
            sum(1 for _ in excluded_csv.open(encoding="utf-8")) - 1
            if excluded_csv.exists()
            else None
        )
        machine_text = machine(url)
        profile_note = ""
        if not met:
            profile = OUT / "rekap-profile.txt"
            snippet = BUILD_SNIPPET.format(tahun=TAHUN, profile=str(profile), out="")
            shell_json(snippet, environment)
            print(f"target missed: profile of rekap_build in {profile}")
            print("\n".join(profile.read_text().splitlines()[:60]))
            profile_note = " (profile: bench/out/rekap-profile.txt)"
        if not options.keep:
            drop_database(url)
    total = time.perf_counter() - begun
    print(
        f"ratio recap/scan {ratio_work:.2f} (process with start-up {ratio:.2f}, "
        f"rekap_build alone {ratio_build:.2f}); total {total:.0f} s"
    )

    counts = agency.counts
    verdict = "met" if met else "NOT met"
    check = (
        "equal to the scan's (rows, allowance sums, predikat counts, FINAL rows, functional rows, "
        "talent boxes, organisation ratings)"
        if not mismatches
        else f"DIFFERENT from the scan's: {', '.join(mismatches)}"
    )
    scan_sql = SCAN_SQL.format(tahun=TAHUN)
    section = f"""{SECTION_TITLE}

`make bench-rekap` (`bench/rekap.py`) creates a fresh PostgreSQL database, runs `kinerja
migrate` with production settings (`KINERJA_DEBUG=0`), opens the performance year {TAHUN} and
activates a version of the default rule set with an allowance amount for every grade (1–17),
both through the services; then it generates a deterministic agency and loads it with `COPY`
(psycopg 3): {counts["unit"]} units (root, biro, bagian, subbagian; materialised paths),
{counts["jabatan"]} positions (JPT, administrator, pengawas, pelaksana, functional ladders; grades
1–17), {counts["pegawai"]} employees (~1% inactive), {counts["riwayat jabatan"]} position history
rows ({counts["riwayat jabatan"] - counts["pegawai"]} functional employees promoted to the next
jenjang during the year),
{counts["pengecualian"]} exclusions (pension, transfer, study leave, and long leave that ended in
June), {counts["kinerja organisasi"]} organisation ratings (the curve groups),
{counts["penetapan"]} finalised groups, {counts["penilaian"]} annual assessments
({counts["penilaian FINAL"]} FINAL, the rest DRAF; predikat from the quadrant of the ratings),
{counts["tukin"]} stored monthly allowances (twelve per employee, with attendance cuts) and
{counts["potensi"]} potentials; then `VACUUM (ANALYZE)`. Database size {size}; generation and
load {load_seconds:.0f} s; the whole run {total / 60:.0f} min.

It times, {options.runs} runs each (median, and min):

- **the scan**: PostgreSQL alone reading and aggregating the rows the recap reads, in one query
  (below; after one warm-up run): `EXPLAIN (ANALYZE, TIMING OFF)` execution time and the
  wall-clock time of the query through psycopg;
- **the recap**: inside `kinerja shell`, `rekap_build` and `rekap_write` to CSV (the main list
  and the excluded employees' file): the recap's own work, which the target is judged on;
  `rekap_build` alone; and the whole command `kinerja rekap --tahun {TAHUN} --periode TAHUNAN
  --format csv --out …` as a process (wall and CPU time, including about 1.2 s of Python and
  Django start-up that any command pays), once more as xlsx.

CPU is the CPU time of the recap's process (the database's work is not in it); when the machine
is busy with other work, wall time exceeds it.

| measure | value |
|---|---|
| date | {datetime.date.today().isoformat()} |
| machine | {machine_text}; load average {load_average:.1f} at the start |
| data | {counts["pegawai"]} employees, {counts["unit"]} units, {counts["penilaian"]} assessments, {counts["tukin"]} allowance rows; {size} |
| scan, `EXPLAIN ANALYZE` execution | {execution.text()} |
| scan, wall-clock through psycopg | {scan_wall.text()} |
| the recap: `rekap_build` + `rekap_write` (csv) | {work_wall.text()}; CPU {work_cpu.text()} |
| `rekap_build` alone | {build_wall.text()}; CPU {build_cpu.text()} |
| `kinerja rekap … --format csv`, the process | {recap_wall.text()}; CPU {recap_cpu.text()} |
| `kinerja rekap … --format xlsx`, the process | {xlsx.wall:.2f} s (CPU {xlsx.cpu:.2f} s) |
| recap rows | {found["baris"]} in the main list, {excluded_rows} excluded; {check} |
| ratio recap / scan (wall) | **{ratio_work:.2f}×** (the process with its start-up: {ratio:.2f}×; `rekap_build` alone: {ratio_build:.2f}×) |
| target | the recap within {TARGET_RATIO:.0f}× of the scan: **{verdict}**{profile_note} |

The scan:

```sql
{scan_sql}
```

{HOW_FAST}
"""  # noqa: E501
    if not options.no_docs:
        update_doc(SECTION_TITLE, section)
        print(f"updated {DOC.relative_to(ROOT)}")
    if mismatches:
        raise SystemExit("the recap's totals differ from the scan's")
    if not met:
        raise SystemExit(f"target of {TARGET_RATIO:.0f}x not met")


HOW_FAST = """How the recap stays fast (`src/kinerja/rekap/selectors.py`, docs/recap.md): a fixed
number of queries whatever the number of employees (chunked `IN` lists, or one pass over a whole
table above 50,000 employees), every query without an ordering it does not need; the main rows,
the allowance sums and the potentials are fetched at once as plain tuples on the database cursor
(`core.queries.plain_rows`: no model instances, no per-value converters); the curve groups are
counted by the database (`GROUP BY` unit path and predikat, or penetapan and predikat) and judged
once per group without the calibration search (`curve_verdict`); the allowance is summed by the
database from the stored months (`tukin.selectors.allowance_period`), only missing months are
computed; on PostgreSQL the independent reads (excluded employees, allowance sums, potentials,
position history) run at once in their own connections while the main thread counts the curve
groups (`rekap.selectors.Reads`); the rule set per unit path is resolved once, every version is
parsed once, and the credit points, annual credit per clipped position history and talent boxes
are memoised; no gettext per row; the CSV writer converts only the true/false columns."""


if __name__ == "__main__":
    main()
