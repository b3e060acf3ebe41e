"""Benchmark of the monitoring dashboards (app `pemantauan`) on PostgreSQL: the page latency on a
250,000-employee agency against a 1,000-employee one.

For each size it drops and creates a PostgreSQL database (the URL's name with `_<employees>`
appended), migrates it with production settings, opens the performance years 2025 and 2026 and
activates the recap benchmark's rule set through the services, moves the periods (2025 and TW1-TW3
2026 locked, TW4 2026 open: the current period), loads the agency with the generator of
bench/rekap.py (`COPY`) and adds the history the dashboards read: FINAL quarterly assessments for
the seven past quarters and the annual 2025 one (predikat following a Markov chain, plus
employees rising, falling or stagnant at Butuh Perbaikan), their finalised groups and
organisation ratings, the SKPs of 2025 and 2026 (mixed statuses) with their RHK and indicators,
the reports of TW1-TW4 2026 (the current one with mixed statuses), their histories, realisation
values and evidence (files and links, some late, mixed verdicts; teams sharing a joint report
file and a folder link, at the same rate on both sizes). Then it runs
`kinerja pemantauan perbarui` (timed: a background job, not the target) and `ANALYZE`, and times
each page with Django's test client (DEBUG off) in processes of their own, logged in as an HR
admin of the root unit, an appraiser and an employee: `--runs` requests per page and database in
`--rounds` rounds alternating between the two databases (so both see the same machine load), each
round after 5 warm-ups; p50, p95, max, queries per request. It checks p95 on 250,000 at most 1.5x
that on 1,000 and under 300 ms, writes the "Dashboards" section of docs/performance.md, and keeps,
per page, one request's queries with their times and a cProfile in bench/out/pemantauan-*.txt
(with EXPLAIN ANALYZE of the slowest queries of the pages that miss in pemantauan-lambat.txt).

`--keep` keeps the databases; `--reuse` then skips the generation (refresh and timing only, or
timing only with `--no-refresh`), `--reuse-large` only the large database's; `--extra` also
times the other HR pages (not in the target).

    .venv/bin/python bench/pemantauan.py [--pegawai 250000] [--unit 5000]
        [--pegawai-kecil 1000] [--unit-kecil 20] [--runs 100] [--rounds 10]
        [--database-url postgres://postgres@127.0.0.1:5432/kinerja_bench_pemantauan]
        [--keep] [--reuse | --reuse-large] [--no-refresh] [--extra] [--no-docs]
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import hashlib
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

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
from rekap import (
    BERAKHLAK,
    BESARAN,
    NOW,
    QUADRANT,
    SEED,
    SETUP_SNIPPET,
    TAHUN,
    Agency,
    CopyWriter,
    biro_count,
)
from rekap import load as load_agency

SECTION_TITLE = "## Dashboards"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/kinerja_bench_pemantauan"
TARGET_RATIO = 1.5
TARGET_P95_MS = 300.0
WARM_UP = 5
LALU = TAHUN - 1
# The past quarters, oldest first; TW4 of TAHUN is the current (open) period.
PAST = [(LALU, "TW1"), (LALU, "TW2"), (LALU, "TW3"), (LALU, "TW4"),
        (TAHUN, "TW1"), (TAHUN, "TW2"), (TAHUN, "TW3")]  # fmt: skip
CURRENT = (TAHUN, "TW4")
PREDIKAT = ["SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"]
START = [12, 78, 8, 1.5, 0.5]
# The chain most employees follow: weights of the next predikat after each predikat.
TRANSITION = {
    "SANGAT_BAIK": [55, 40, 5, 0, 0],
    "BAIK": [8, 85, 6, 1, 0],
    "BUTUH_PERBAIKAN": [2, 40, 50, 6, 2],
    "KURANG": [0, 30, 40, 25, 5],
    "SANGAT_KURANG": [0, 20, 40, 20, 20],
}
# Employees whose id % 25 is a key follow a fixed series over the seven past quarters.
SB, B, BP, K = "SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG"
TRAJECTORIES = {
    0: [BP, BP, BP, B, B, SB, SB],  # rising
    1: [SB, SB, B, B, B, BP, BP],  # falling
    2: [BP, BP, BP, BP, BP, BP, BP],  # stagnant at Butuh Perbaikan
    3: [B, B, B, B, BP, BP, K],  # falling below Butuh Perbaikan
}
# The ratings behind each predikat (the quadrant read backwards).
RATINGS_OF = {
    predikat: [(h, p) for h in QUADRANT for p in QUADRANT[h] if QUADRANT[h][p] == predikat]
    for predikat in PREDIKAT
}
# Reports of the current period by (employee id // 7) % 20.
CURRENT_STATUS = ["DRAF"] * 6 + ["DIAJUKAN"] * 6 + ["PERLU_PERBAIKAN"] * 2 + ["SELESAI"] * 6

SETUP_MORE = """
from kinerja.periode import rules as periode_rules
from kinerja.periode.services import periode_transition
tahun_open(aktor=aktor, tahun={lalu})
steps = {{
    "DIKUNCI": [periode_rules.OPEN, periode_rules.CLOSE, periode_rules.LOCK],
    "DIBUKA": [periode_rules.OPEN],
}}
ids = {{}}
for item in Periode.objects.select_related("tahun").filter(tahun__tahun__in=[{lalu}, {tahun}]):
    key = f"{{item.tahun.tahun}}-{{item.kode}}"
    ids[key] = item.pk
    target = "DIBUKA" if key == "{current}" else "DIKUNCI" if (
        item.tahun.tahun == {lalu} or item.urutan < {current_urutan}) else None
    for aksi in steps.get(target, []):
        item = periode_transition(aktor=aktor, periode=item, aksi=aksi, alasan="Benchmark")
print(json.dumps({{"periode": periode.pk, "set_aturan": versi.pk, "bawaan": bawaan.pk,
                  "periode_ids": ids}}))
"""


# --- Generation --------------------------------------------------------------------------------


def quarter_end(tahun: int, kode: str) -> datetime.date:
    month = 3 * int(kode[2:])
    return datetime.date(tahun, month, calendar.monthrange(tahun, month)[1])


def at(day: datetime.date, hour: int = 10) -> str:
    return f"{day.isoformat()} {hour:02d}:00:00+07"


@dataclass
class History:
    counts: Counter[str]


def series_of(pegawai_id: int, rng: random.Random) -> list[str]:
    """The predikat of the seven past quarters."""
    fixed = TRAJECTORIES.get(pegawai_id % 25)
    if fixed is not None:
        return list(fixed)
    current = rng.choices(PREDIKAT, START)[0]
    found = [current]
    for _ in range(len(PAST) - 1):
        current = rng.choices(PREDIKAT, TRANSITION[current])[0]
        found.append(current)
    return found


def skp_status(pegawai_id: int) -> str | None:
    """The 2026 SKP: 90% approved, the rest submitted, returned or drafts; 1% none."""
    bucket = pegawai_id % 100
    if bucket < 90:
        return "DISETUJUI"
    if bucket < 94:
        return "DIAJUKAN"
    if bucket < 96:
        return "DIKEMBALIKAN"
    return "DRAF" if bucket < 99 else None


def load_history(connection: psycopg.Connection, agency: Agency, ids: dict[str, Any]) -> History:
    """COPY the monitoring history on top of the recap benchmark's agency (deterministic)."""
    rng = random.Random(SEED + 8)
    counts: Counter[str] = Counter()
    pid: dict[tuple[int, str], int] = {}  # (2026, "TW1") -> the period's id
    for key, value in dict(ids["periode_ids"]).items():
        tahun, kode = key.split("-")
        pid[(int(tahun), kode)] = value
    set_lalu, set_kini = ids["bawaan"], ids["set_aturan"]
    penilai_of = {row[0]: row[3] for row in agency.people}
    connection.execute("SET session_replication_role = replica")

    # SKPs: 2025 approved for everyone; 2026 for the active employees, mixed statuses.
    skp = CopyWriter(
        connection,
        "skp_skp",
        ["id", "pegawai_id", "tahun", "pendekatan", "status", "revisi", "catatan_penilai",
         "alasan_revisi", "dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi",
         "identitas", "unit_id", "penilai_id", "diajukan_pada", "disetujui_pada", "dibuat_pada",
         "diubah_pada"],
    )  # fmt: skip
    skp_lalu: dict[int, int] = {}
    skp_kini: dict[int, tuple[int, str]] = {}
    number = 0
    for pegawai_id, unit_id, _j, penilai, _aktif, _e, _b, _m in agency.people:
        number += 1
        skp_lalu[pegawai_id] = number
        skp.add(
            number, pegawai_id, LALU, "KUANTITATIF", "DISETUJUI", 1, "", "", "", "", "", "{}",
            unit_id, penilai or None, at(datetime.date(LALU, 1, 20)),
            at(datetime.date(LALU, 1, 28)), at(datetime.date(LALU, 1, 10)),
            at(datetime.date(LALU, 1, 28)),
        )  # fmt: skip
    for pegawai_id, unit_id, _j, penilai, aktif, _e, _b, _m in agency.people:
        status = skp_status(pegawai_id)
        if not aktif or status is None:
            continue
        number += 1
        skp_kini[pegawai_id] = (number, status)
        approved = status == "DISETUJUI"
        skp.add(
            number, pegawai_id, TAHUN, "KUANTITATIF", status, 1,
            "Lengkapi indikator kualitas." if status == "DIKEMBALIKAN" else "", "", "", "", "",
            "{}", unit_id if approved else None, (penilai or None) if approved else None,
            at(datetime.date(TAHUN, 1, 20)) if status != "DRAF" else None,
            at(datetime.date(TAHUN, 1, 28)) if approved else None,
            at(datetime.date(TAHUN, 1, 10)), at(datetime.date(TAHUN, 1, 28)),
        )  # fmt: skip
    counts["skp"] = skp.close()

    # Two RHK per 2026 SKP, one indicator each (the indicator's id is its RHK's).
    rhk = CopyWriter(
        connection,
        "skp_rhk",
        ["id", "skp_id", "kode", "jenis", "uraian", "rhk_atasan_id", "perspektif", "sasaran_id",
         "urutan"],
    )  # fmt: skip
    indikator = CopyWriter(
        connection,
        "skp_indikator",
        ["id", "rhk_id", "aspek", "uraian", "target_nilai", "target_satuan", "target_narasi",
         "urutan"],
    )  # fmt: skip
    rhk_of: dict[int, int] = {}  # employee -> id of the first of their two 2026 RHK
    number = 0
    for pegawai_id, (skp_id, _status) in skp_kini.items():
        rhk_of[pegawai_id] = number + 1
        for urutan in (1, 2):
            number += 1
            rhk.add(
                number, skp_id, f"RHK-{urutan}", "UTAMA",
                f"Terselesaikannya dokumen layanan {urutan}", None, "", None, urutan,
            )  # fmt: skip
            indikator.add(
                number, number, "KUANTITAS", "Jumlah dokumen yang diselesaikan tepat waktu",
                "12.0000", "dokumen", "", 0,
            )  # fmt: skip
    counts["rhk"] = rhk.close()
    counts["indikator"] = indikator.close()

    # Reports of TW1-TW4 2026 for the approved SKPs: the past ones verified, the current one in
    # every state; histories, realisation values and evidence.
    laporan = CopyWriter(
        connection,
        "realisasi_laporan",
        ["id", "skp_id", "periode_id", "status", "putaran", "diajukan_pada", "selesai_pada",
         "dibuat_pada", "diubah_pada"],
    )  # fmt: skip
    riwayat = CopyWriter(
        connection,
        "realisasi_riwayatlaporan",
        ["id", "laporan_id", "putaran", "aksi", "status", "catatan", "oleh_id", "oleh_label",
         "pada"],
    )  # fmt: skip
    realisasi = CopyWriter(
        connection,
        "realisasi_realisasi",
        ["id", "laporan_id", "indikator_id", "nilai", "narasi", "diubah_pada"],
    )
    bukti = CopyWriter(
        connection,
        "realisasi_buktidukung",
        ["id", "laporan_id", "rhk_id", "jenis", "uraian", "berkas", "nama_berkas", "tipe_berkas",
         "ukuran", "sha256", "tautan", "tautan_kunci", "status", "catatan", "putaran",
         "diunggah_pada", "diverifikasi_pada", "diverifikasi_oleh_id"],
    )  # fmt: skip
    laporan_id = riwayat_id = realisasi_id = bukti_id = 0
    current_status: dict[int, str] = {}

    def history(laporan_id: int, steps: list[tuple[int, str, str, datetime.date]]) -> None:
        nonlocal riwayat_id
        for putaran, aksi, status, day in steps:
            riwayat_id += 1
            catatan = "Bukti belum lengkap." if status == "PERLU_PERBAIKAN" else ""
            riwayat.add(
                riwayat_id, laporan_id, putaran, aksi, status, catatan, None, "Benchmark",
                at(day),
            )  # fmt: skip

    def evidence(
        laporan_id: int, periode: int, pegawai_id: int, rhk_id: int, kode: str, status: str,
        putaran: int, uploaded: datetime.date, verified: datetime.date | None,
    ) -> None:  # fmt: skip
        nonlocal bukti_id
        bukti_id += 1
        catatan = {"PERLU_PERBAIKAN": "Lengkapi tanda tangan.", "DITOLAK": "Bukan bukti RHK."}
        verdict = (
            status, catatan.get(status, ""), putaran, at(uploaded),
            at(verified) if verified else None, None,
        )  # fmt: skip
        # Teams of the same share at both sizes: employees in blocks of 50 ids, the same
        # integrity report page (20 groups a section) on 1,000 as on 250,000.
        team = pegawai_id // 50
        if (pegawai_id + periode) % 5 == 0:
            if pegawai_id % 50 < 5:  # a team's shared folder, linked all year
                tautan = f"https://drive.example.go.id/d/tim/{team}"
            else:
                tautan = f"https://drive.example.go.id/d/{pegawai_id}/{kode}/{rhk_id}"
            bukti.add(
                bukti_id, laporan_id, rhk_id, "TAUTAN", f"Tautan dokumen {kode}", "", "", "",
                None, "", tautan, tautan, *verdict,
            )  # fmt: skip
            return
        if pegawai_id % 50 >= 47:  # a team's joint report, uploaded by its three members
            content = f"tim-{team}-{periode}"
        elif pegawai_id % 150 == 1:  # the same file in every period
            content = f"pegawai-{pegawai_id}-{rhk_id}"
        else:
            content = f"bukti-{bukti_id}"
        nama = f"laporan-kegiatan-{kode.lower()}.pdf"
        bukti.add(
            bukti_id, laporan_id, rhk_id, "BERKAS", f"Laporan kegiatan {kode}",
            f"bukti/{periode}/{laporan_id}/{bukti_id:016x}-{nama}", nama, "PDF",
            40_000 + (bukti_id * 7919) % 900_000, hashlib.sha256(content.encode()).hexdigest(),
            "", "", *verdict,
        )  # fmt: skip

    for tahun, kode in [*PAST[4:], CURRENT]:
        periode = pid[(tahun, kode)]
        end = quarter_end(tahun, kode)
        current = (tahun, kode) == CURRENT
        today = datetime.date(TAHUN, 11, 25)
        for pegawai_id, (skp_id, skp_state) in skp_kini.items():
            if skp_state != "DISETUJUI":
                continue
            first_rhk = rhk_of[pegawai_id]
            laporan_id += 1
            if current:
                status = CURRENT_STATUS[(pegawai_id // 7) % 20]
                current_status[pegawai_id] = status
                putaran = 0 if status == "DRAF" else 2 if pegawai_id % 9 == 0 else 1
                submitted = today - datetime.timedelta(days=4 + pegawai_id % 20)
                done = submitted + datetime.timedelta(days=1 + pegawai_id % 3)
            else:
                status = "SELESAI"
                putaran = 2 if pegawai_id % 11 == 0 else 1
                submitted = end + datetime.timedelta(days=2 + pegawai_id % 3)
                done = end + datetime.timedelta(days=6 + pegawai_id % 4)
            laporan.add(
                laporan_id, skp_id, periode, status, putaran,
                at(submitted) if status != "DRAF" else None,
                at(done) if status == "SELESAI" else None,
                at(end - datetime.timedelta(days=80)), at(done if status != "DRAF" else today),
            )  # fmt: skip
            steps: list[tuple[int, str, str, datetime.date]] = []
            if putaran == 2:
                steps += [(1, "AJUKAN", "DIAJUKAN", submitted - datetime.timedelta(days=3)),
                          (1, "VERIFIKASI", "PERLU_PERBAIKAN",
                           submitted - datetime.timedelta(days=2))]  # fmt: skip
            if status != "DRAF":
                steps.append((putaran, "AJUKAN", "DIAJUKAN", submitted))
            if status in ("SELESAI", "PERLU_PERBAIKAN"):
                steps.append((putaran, "VERIFIKASI", status, done))
            history(laporan_id, steps)
            if current:
                filled = 2 if status != "DRAF" else pegawai_id % 2
                for offset in range(filled):
                    realisasi_id += 1
                    realisasi.add(
                        realisasi_id, laporan_id, first_rhk + offset,
                        f"{3 + (pegawai_id + offset) % 4}.0000", "", at(submitted),
                    )  # fmt: skip
                if status == "DRAF":
                    if pegawai_id % 2 == 0:
                        evidence(laporan_id, periode, pegawai_id, first_rhk, "RHK-1", "MENUNGGU",
                                 0, today - datetime.timedelta(days=3), None)  # fmt: skip
                    continue
                for offset in (0, 1):
                    verdict = "MENUNGGU"
                    if status == "PERLU_PERBAIKAN":
                        verdict = (
                            "DITERIMA"
                            if offset
                            else "DITOLAK"
                            if pegawai_id % 3 == 0
                            else "PERLU_PERBAIKAN"
                        )
                    elif status == "SELESAI":
                        verdict = "DITOLAK" if offset and pegawai_id % 10 == 0 else "DITERIMA"
                    evidence(
                        laporan_id, periode, pegawai_id, first_rhk + offset, f"RHK-{offset + 1}",
                        verdict, putaran, submitted - datetime.timedelta(days=1),
                        done if verdict != "MENUNGGU" else None,
                    )  # fmt: skip
            else:
                late = pegawai_id % 31 == 0  # after the realisation deadline (5 days)
                evidence(
                    laporan_id, periode, pegawai_id, first_rhk, "RHK-1",
                    "DITOLAK" if pegawai_id % 17 == 0 else "DITERIMA", putaran,
                    end + datetime.timedelta(days=7 if late else 1), done,
                )  # fmt: skip
    counts["laporan"] = laporan.close()
    counts["riwayat laporan"] = riwayat.close()
    counts["realisasi"] = realisasi.close()
    counts["bukti dukung"] = bukti.close()

    # Assessments: FINAL for the seven past quarters and the annual 2025 one, each curve group
    # finalised with its organisation rating; DRAF ratings of the current period already given
    # for half of the verified reports.
    penilaian = CopyWriter(
        connection,
        "penilaian_penilaian",
        ["id", "pegawai_id", "periode_id", "skp_id", "unit_id", "jabatan_id", "penilai_id",
         "atasan_penilai_id", "rating_hasil", "rating_perilaku", "rating_rhk", "rating_nilai",
         "predikat", "set_aturan_id", "catatan", "status", "penetapan_id", "identitas", "masukan",
         "dinilai_label", "dinilai_pada", "ditetapkan_pada"],
    )  # fmt: skip
    finalised = [*[pid[p] for p in PAST], pid[(LALU, "TAHUNAN")]]
    groups = sorted(agency.rated)
    penetapan_base = agency.counts["penetapan"]
    penetapan_of = {
        (periode, group): penetapan_base + 1 + index * len(groups) + rank
        for index, periode in enumerate(finalised)
        for rank, group in enumerate(groups)
    }
    tally: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    json_memo: dict[tuple[str, str], tuple[str, str]] = {}

    def ratings_json(hasil: str, perilaku: str) -> tuple[str, str]:
        key = (hasil, perilaku)
        if key not in json_memo:
            json_memo[key] = (
                json.dumps({"RHK-1": hasil, "RHK-2": hasil}),
                json.dumps(dict.fromkeys(BERAKHLAK, perilaku)),
            )
        return json_memo[key]

    number = agency.counts["penilaian"]
    for pegawai_id, unit_id, jabatan_id, penilai, _aktif, excluded, before, month in agency.people:
        series = series_of(pegawai_id, rng)
        penilai_id = penilai or None
        atasan = (penilai_of.get(penilai) or None) if penilai else None
        group = agency.group_of[unit_id]
        items = list(zip(PAST, series, strict=True))
        lalu = [predikat for (tahun, _k), predikat in items if tahun == LALU]
        annual = max(reversed(lalu), key=Counter(lalu).__getitem__)
        items.append(((LALU, "TAHUNAN"), annual))
        for index, ((tahun, kode), predikat) in enumerate(items):
            if tahun == TAHUN and (
                skp_kini.get(pegawai_id, (0, ""))[1] != "DISETUJUI" or (excluded and kode != "TW1")
            ):
                continue  # no approved plan this year, or excluded since
            if (pegawai_id * 7 + index) % 97 == 3:  # ~1% not assessed in a period
                continue
            periode = pid[(tahun, kode)]
            end = quarter_end(tahun, kode) if kode != "TAHUNAN" else datetime.date(tahun, 12, 31)
            held = before if before and (tahun < TAHUN or end.month < month) else jabatan_id
            hasil, perilaku = RATINGS_OF[predikat][pegawai_id % len(RATINGS_OF[predikat])]
            rating_rhk, rating_nilai = ratings_json(hasil, perilaku)
            skp_id = skp_lalu[pegawai_id] if tahun == LALU else skp_kini[pegawai_id][0]
            number += 1
            tally[(periode, group)][predikat] += 1
            penilaian.add(
                number, pegawai_id, periode, skp_id, unit_id, held, penilai_id, atasan, hasil,
                perilaku, rating_rhk, rating_nilai, predikat,
                set_lalu if tahun == LALU else set_kini, "", "FINAL",
                penetapan_of[(periode, group)], "{}", "{}", "Pejabat penilai (benchmark)",
                at(end + datetime.timedelta(days=10)), at(end + datetime.timedelta(days=15)),
            )  # fmt: skip
        if current_status.get(pegawai_id) == "SELESAI" and pegawai_id % 2 == 0:
            predikat = series[-1]
            hasil, perilaku = RATINGS_OF[predikat][0]
            rating_rhk, rating_nilai = ratings_json(hasil, perilaku)
            number += 1
            penilaian.add(
                number, pegawai_id, pid[CURRENT], skp_kini[pegawai_id][0], unit_id, jabatan_id,
                penilai_id, atasan, hasil, perilaku, rating_rhk, rating_nilai, predikat, set_kini,
                "", "DRAF", None, "{}", "{}", "Pejabat penilai (benchmark)",
                at(datetime.date(TAHUN, 11, 27)), None,
            )  # fmt: skip
    counts["penilaian"] = penilaian.close()

    penetapan = CopyWriter(
        connection,
        "penilaian_penetapan",
        ["id", "unit_id", "periode_id", "status", "predikat_organisasi", "set_aturan_id",
         "jumlah", "penanda_tangan", "ditetapkan_label", "ditetapkan_pada"],
    )  # fmt: skip
    organisasi = CopyWriter(
        connection,
        "penilaian_kinerjaorganisasi",
        ["id", "unit_id", "periode_id", "predikat", "alasan", "atas_nama", "oleh_label",
         "diubah_pada"],
    )  # fmt: skip
    number = agency.counts["kinerja organisasi"]
    for (periode, group), penetapan_id in penetapan_of.items():
        tahun = LALU if periode in {pid[p] for p in PAST[:4]} | {pid[(LALU, "TAHUNAN")]} else TAHUN
        penetapan.add(
            penetapan_id, group, periode, "DITETAPKAN", agency.rated[group],
            set_lalu if tahun == LALU else set_kini,
            json.dumps(dict(sorted(tally[(periode, group)].items()))), "{}",
            "Biro SDM (benchmark)", NOW,
        )  # fmt: skip
        number += 1
        organisasi.add(
            number, group, periode, agency.rated[group], "Capaian kinerja organisasi.", "f",
            "Pimpinan (benchmark)", NOW,
        )  # fmt: skip
    counts["penetapan"] = penetapan.close()
    counts["kinerja organisasi"] = organisasi.close()

    for table in (
        "skp_skp", "skp_rhk", "skp_indikator", "realisasi_laporan", "realisasi_riwayatlaporan",
        "realisasi_realisasi", "realisasi_buktidukung", "penilaian_penilaian",
        "penilaian_penetapan", "penilaian_kinerjaorganisasi",
    ):  # fmt: skip
        connection.execute(
            sql.SQL(
                "SELECT setval(pg_get_serial_sequence({name}, 'id'), "
                "(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
            ).format(name=sql.Literal(table), table=sql.Identifier(table))
        )
    connection.execute("SET session_replication_role = origin")
    return History(counts)


# --- The pages, timed inside one Django process per database -----------------------------------

# (label, who, URL name, unit: "root", "leaf" or None, the unit as a query parameter). PAGES
# are the target's; EXTRA (with --extra) the other dashboard pages of an HR reader.
PAGES = [
    ("ringkasan (index)", "admin", "pemantauan:index", None, False),
    ("unit: root", "admin", "pemantauan:unit", "root", False),
    ("unit: leaf", "admin", "pemantauan:unit", "leaf", False),
    ("tren: root", "admin", "pemantauan:tren", None, False),
    ("tim", "penilai", "pemantauan:tim", None, False),
    ("saya", "pegawai", "pemantauan:saya", None, False),
    ("peringatan: root", "admin", "pemantauan:peringatan", None, False),
    ("penilai: root", "admin", "pemantauan:penilai", None, False),
    ("integritas: root", "admin", "pemantauan:integritas", None, False),
]
EXTRA = [
    ("tren: leaf", "admin", "pemantauan:tren", "leaf", True),
    ("proyeksi: root", "admin", "pemantauan:proyeksi", None, False),
    ("uji balik", "admin", "pemantauan:uji-balik", None, False),
    ("penilai: leaf", "admin", "pemantauan:penilai", "leaf", True),
    ("integritas: leaf", "admin", "pemantauan:integritas", "leaf", True),
]
WHO = {
    "admin": "admin kepegawaian of the root unit",
    "penilai": "appraiser (a leaf unit's supervisor)",
    "pegawai": "employee (in the leaf unit)",
}


def slug(label: str) -> str:
    """ "unit: root" -> "unit-root"."""
    return "-".join("".join(c if c.isalnum() else " " for c in label.split(" (")[0]).split())


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(options: argparse.Namespace) -> None:
    """Inside a Django process of its own (environment from the parent): request each page
    `--runs` times after the warm-up and print the times (ms) as JSON; with `--capture`, also
    one request's queries (with their times) and a cProfile per page into bench/out/."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    import cProfile
    import io
    import pstats

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from kinerja.core.startup import process_prepare

    process_prepare()  # as kinerja/wsgi.py prepares a serving process
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    users = bench_users(options.penilai)
    units = {"root": options.root, "leaf": options.leaf}
    results = []
    for label, who, name, unit, in_query in PAGES + (EXTRA if options.extra else []):
        if unit and in_query:
            url = f"{reverse(name)}?unit={units[unit]}"
        else:
            url = reverse(name, kwargs={"unit_id": units[unit]} if unit else None)
        client = Client()
        client.force_login(users[who])
        for _ in range(WARM_UP):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{label}: GET {url} answered {response.status_code}")
        times = []
        for _ in range(options.runs):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        result = {"label": label, "who": who, "url": url, "times": times}
        if options.capture:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            queries = sorted(
                ((float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries),
                reverse=True,
            )
            base = OUT / f"pemantauan-{options.size}-{slug(label)}"
            base.with_name(base.name + "-queries.txt").write_text(
                f"GET {url}: {len(queries)} queries, {sum(ms for ms, _ in queries):.1f} ms\n\n"
                + "\n\n".join(f"-- {ms:.2f} ms\n{text}" for ms, text in queries)
                + "\n"
            )
            profiler = cProfile.Profile()
            profiler.enable()
            client.get(url)
            profiler.disable()
            stream = io.StringIO()
            pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(40)
            base.with_name(base.name + "-profile.txt").write_text(stream.getvalue())
            result |= {
                "queries": len(queries),
                "sql_ms": sum(ms for ms, _ in queries),
                "top": [[ms, text] for ms, text in queries[:3]],
                "bytes": len(response.content),
            }
        results.append(result)
    print(json.dumps({"pages": results}))


def bench_users(penilai_id: int) -> dict[str, Any]:
    """The users the pages are opened as (created once): an admin kepegawaian of the root unit,
    the appraiser `penilai_id` and the first active employee they appraise."""
    from kinerja.akun.models import Pengguna
    from kinerja.organisasi.enums import JenisPeran
    from kinerja.organisasi.models import Pegawai, Peran, Unit

    admin, _created = Pengguna.objects.get_or_create(
        nip="bench-admin-sdm", defaults={"nama": "Admin Kepegawaian (benchmark)"}
    )
    root = Unit.objects.get(induk__isnull=True)
    Peran.objects.get_or_create(pengguna=admin, jenis=JenisPeran.ADMIN_KEPEGAWAIAN.value, unit=root)
    penilai = Pegawai.objects.get(pk=penilai_id)
    pegawai = Pegawai.objects.filter(penilai=penilai, aktif=True).order_by("pk").first()
    if pegawai is None:
        raise SystemExit(f"employee {penilai_id} appraises nobody")
    users = {"admin": admin}
    for who, person in (("penilai", penilai), ("pegawai", pegawai)):
        if person.pengguna_id is None:
            person.pengguna = Pengguna.objects.create_user(nip=person.nip, nama=person.nama)
            person.save(update_fields=["pengguna"])
        users[who] = person.pengguna
    return users


# --- One database: build, refresh, time ----------------------------------------------------------


@dataclass
class Size:
    pegawai: int
    unit: int
    url: str
    counts: Counter[str]
    load_seconds: float = 0.0
    db_size: str = ""
    refresh_wall: float = 0.0
    refresh_cpu: float = 0.0
    refresh_output: str = ""
    pages: list[dict[str, Any]] | None = None


def database_url(base: str, pegawai: int) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{pegawai}"))


def build(size: Size, environment: dict[str, str]) -> None:
    """A fresh database with the agency and its history."""
    step("fresh database", lambda: fresh_database(size.url))
    step("migrate", lambda: kinerja(["migrate", "-v0"], environment))
    snippet = SETUP_SNIPPET.format(
        tahun=TAHUN, besaran={str(k): v for k, v in BESARAN.items()}
    ) + SETUP_MORE.format(lalu=LALU, tahun=TAHUN, current=f"{CURRENT[0]}-{CURRENT[1]}",
                          current_urutan=int(CURRENT[1][2:]))  # fmt: skip
    ids: dict[str, Any] = step(  # type: ignore[assignment]
        "years, periods and rule set", lambda: shell_json(snippet, environment)
    )
    started = time.perf_counter()
    with psycopg.connect(size.url) as connection:
        agency = load_agency(connection, size.pegawai, size.unit, ids)
        history = load_history(connection, agency, ids)
    size.load_seconds = time.perf_counter() - started
    size.counts = Counter(
        {
            **{f"{k} (rekap)": v for k, v in agency.counts.items()},
            **history.counts,
            "pegawai": agency.counts["pegawai"],
            "unit": agency.counts["unit"],
        }
    )
    print(f"generated and loaded with COPY: {size.load_seconds:.1f} s {dict(size.counts)}")
    with psycopg.connect(size.url, autocommit=True) as connection:
        step("VACUUM ANALYZE", lambda: connection.execute("VACUUM (ANALYZE)"))


def tables_vacuum(size: Size) -> None:
    """`VACUUM (ANALYZE)` of the monitoring tables the refresh replaced, as autovacuum does;
    then the database's size."""
    with psycopg.connect(size.url, autocommit=True) as connection:
        tables = connection.execute(
            "SELECT tablename FROM pg_tables WHERE tablename LIKE 'pemantauan\\_%'"
        ).fetchall()
        for (table,) in tables:
            connection.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))
        size.db_size = connection.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database()))"
        ).fetchone()[0]


def refresh(size: Size, environment: dict[str, str]) -> None:
    """`kinerja pemantauan perbarui` as a process, then what autovacuum does after its writes."""
    cpu = children_cpu()
    started = time.perf_counter()
    completed = kinerja(["pemantauan", "perbarui", "--sebab", "bench/pemantauan.py"], environment)
    size.refresh_wall = time.perf_counter() - started
    size.refresh_cpu = children_cpu() - cpu
    size.refresh_output = completed.stdout.strip().splitlines()[-1] if completed.stdout else ""
    print(f"kinerja pemantauan perbarui: {size.refresh_wall:.1f} s (CPU {size.refresh_cpu:.1f} s)"
          f" {size.refresh_output}", flush=True)  # fmt: skip
    tables_vacuum(size)


def time_round(
    size: Size, environment: dict[str, str], runs: int, capture: bool, extra: bool
) -> None:
    """One round of requests on one database, in a process of its own; the times are added to
    the page's (rounds alternate between the databases, so both see the same machine load)."""
    # The unit tree of bench/rekap.py: unit i's head is employee i and its supervisor employee
    # units + i; the last unit is a leaf (a subbagian).
    leaf = size.unit
    completed = subprocess.run(
        [sys.executable, __file__, "--measure", "--size", str(size.pegawai), "--runs", str(runs),
         "--root", "1", "--leaf", str(leaf), "--penilai", str(size.unit + leaf),
         *(["--capture"] if capture else []), *(["--extra"] if extra else [])],
        env={**environment, "KINERJA_ALLOWED_HOSTS": "testserver"},
        stdout=subprocess.PIPE, text=True, check=False,
    )  # fmt: skip
    if completed.returncode != 0:
        raise SystemExit(f"timing the pages on {size.pegawai} failed ({completed.returncode})")
    found = json.loads(completed.stdout.strip().splitlines()[-1])["pages"]
    if size.pages is None:
        size.pages = [{**page, "times": []} for page in found]
    for page, more in zip(size.pages, found, strict=True):
        page["times"] += more.pop("times")
        page |= more


def summarise(page: dict[str, Any]) -> None:
    times = page["times"]
    page |= {"p50": percentile(times, 0.5), "p95": percentile(times, 0.95), "max": max(times)}


def explain(url: str, queries: list[list[Any]]) -> str:
    """EXPLAIN ANALYZE of captured queries (already with their parameters)."""
    parts = []
    with psycopg.connect(url) as connection:
        for ms, text in queries:
            try:
                plan = connection.execute(f"EXPLAIN (ANALYZE, BUFFERS) {text}").fetchall()
                body = "\n".join(line for (line,) in plan)
            except psycopg.Error as error:
                connection.rollback()
                body = f"(no plan: {error})"
            parts.append(f"-- {ms:.2f} ms in the page\n{text}\n\n{body}")
    return "\n\n".join(parts)


# --- Main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--pegawai", type=int, default=250_000)
    parser.add_argument("--unit", type=int, default=5_000)
    parser.add_argument("--pegawai-kecil", type=int, default=1_000, help="the small agency")
    parser.add_argument("--unit-kecil", type=int, default=20)
    parser.add_argument("--runs", type=int, default=100, help="timed requests per page")
    parser.add_argument(
        "--rounds",
        type=int,
        default=10,
        help="the requests are made in this many rounds alternating between the databases",
    )
    parser.add_argument(
        "--database-url",
        default=DEFAULT_URL,
        help="the databases are this one's name with _<pegawai> appended",
    )
    parser.add_argument("--keep", action="store_true", help="keep the databases at the end")
    parser.add_argument(
        "--reuse", action="store_true", help="use the databases a --keep run left (no generation)"
    )
    parser.add_argument(
        "--reuse-large",
        action="store_true",
        help="as --reuse for the large database only (the small one is generated again)",
    )
    parser.add_argument(
        "--no-refresh",
        action="store_true",
        help="with --reuse (--reuse-large): keep the (large database's) stored figures, analysed"
        " again, only time the pages",
    )
    parser.add_argument(
        "--extra",
        action="store_true",
        help="time the other HR pages too (trend of a leaf unit, projection, backtest, warnings,"
        " raters, evidence integrity; not in the target)",
    )
    parser.add_argument("--no-docs", action="store_true", help="do not update docs/performance.md")
    for hidden in ("--size", "--root", "--leaf", "--penilai"):  # the timing process's own
        parser.add_argument(hidden, type=str if hidden == "--size" else int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--capture", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        measure(options)
        return
    for pegawai, unit in (
        (options.pegawai, options.unit),
        (options.pegawai_kecil, options.unit_kecil),
    ):
        if pegawai < 2 * unit + 1:
            raise SystemExit("every unit needs a head and a supervisor: --pegawai > 2 x --unit")
    OUT.mkdir(parents=True, exist_ok=True)
    begun = time.perf_counter()
    load_average = os.getloadavg()[0]
    sizes = [
        Size(n, u, database_url(options.database_url, n), Counter())
        for n, u in ((options.pegawai_kecil, options.unit_kecil), (options.pegawai, options.unit))
    ]
    rounds = max(1, min(options.rounds, options.runs))
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-pemantauan-") as data_dir:
        environments = []
        for size in sizes:
            print(f"--- {size.pegawai} employees, {size.unit} units: {size.url}", flush=True)
            saved = OUT / f"{urlsplit(size.url).path.strip('/')}.json"  # for --reuse
            Path(data_dir, str(size.pegawai)).mkdir()
            environment = environment_for(size.url, str(Path(data_dir, str(size.pegawai))))
            environments.append(environment)
            reused = options.reuse or (options.reuse_large and size is sizes[-1])
            if reused:
                facts = json.loads(saved.read_text())
                size.counts, size.load_seconds = Counter(facts["counts"]), facts["load_seconds"]
                # The code may have changed since: its tables first.
                step("migrate", lambda e=environment: kinerja(["migrate", "-v0"], e))
            else:
                build(size, environment)
                saved.write_text(
                    json.dumps({"counts": size.counts, "load_seconds": size.load_seconds})
                )
            if not (reused and options.no_refresh):
                refresh(size, environment)
            else:
                tables_vacuum(size)
        load_timing = os.getloadavg()[0]
        for number in range(rounds):
            runs = options.runs // rounds + (number < options.runs % rounds)
            order = list(zip(sizes, environments, strict=True))
            for size, environment in order if number % 2 == 0 else order[::-1]:
                step(
                    f"round {number + 1}/{rounds}: {runs} requests per page on {size.pegawai}",
                    lambda s=size, e=environment, r=runs, n=number: time_round(
                        s, e, r, capture=n == rounds - 1, extra=options.extra
                    ),
                )
    load_end = os.getloadavg()[0]
    for size in sizes:
        for page in size.pages or []:
            summarise(page)
            print(f"  {size.pegawai} {page['label']}: p50 {page['p50']:.1f} ms, "
                  f"p95 {page['p95']:.1f} ms, max {page['max']:.1f} ms, "
                  f"{page['queries']} queries")  # fmt: skip
    small, big = sizes
    machine_text = machine(big.url)
    rows, extra_rows, missed = [], [], []
    in_target = {page[0] for page in PAGES}
    for one, many in zip(small.pages or [], big.pages or [], strict=True):
        ratio = many["p95"] / one["p95"]
        met = ratio <= TARGET_RATIO and max(one["p95"], many["p95"]) < TARGET_P95_MS
        (rows if one["label"] in in_target else extra_rows).append((one, many, ratio, met))
        if not met and one["label"] in in_target:
            missed.append(many)
        print(f"{one['label']}: p95 {one['p95']:.1f} -> {many['p95']:.1f} ms, "
              f"ratio {ratio:.2f}, {'met' if met else 'NOT met'}")  # fmt: skip
    slow_note = ""
    if missed:
        report = OUT / "pemantauan-lambat.txt"
        report.write_text(
            "\n\n".join(
                f"=== {page['label']} ({page['url']}): p95 {page['p95']:.1f} ms, "
                f"{page['queries']} queries, SQL {page['sql_ms']:.1f} ms in one request\n\n"
                + explain(big.url, page["top"])
                for page in missed
            )
            + "\n"
        )
        for page in missed:
            print(f"{page['label']}: {page['queries']} queries, SQL {page['sql_ms']:.1f} ms of "
                  f"one request; the slowest:")  # fmt: skip
            for ms, text in page["top"]:
                print(f"  {ms:.1f} ms  {text[:300]}")
        print(f"their plans: {report.relative_to(ROOT)}; profiles: bench/out/pemantauan-*")
        slow_note = (
            " (the slowest queries with their plans: bench/out/pemantauan-lambat.txt; profiles:"
            " bench/out/pemantauan-250000-*-profile.txt)"
        ).replace("250000", str(big.pegawai))
    if not options.keep:
        for size in sizes:
            drop_database(size.url)
    total = time.perf_counter() - begun
    print(f"total {total / 60:.1f} min")
    all_met = not missed
    section = doc_section(
        sizes,
        rows,
        extra_rows,
        options.runs,
        rounds,
        machine_text,
        (load_average, load_timing, load_end),
        total,
        "databases of an earlier run reused: no generation"
        if options.reuse
        else "the large database of an earlier run reused"
        if options.reuse_large
        else "",
    )
    section = section.replace("{slow_note}", slow_note if not all_met else "")
    if not options.no_docs:
        update_doc(SECTION_TITLE, section)
        print(f"updated {DOC.relative_to(ROOT)}")
    if not all_met:
        raise SystemExit("target not met: " + ", ".join(page["label"] for page in missed))


def refreshed(big: Size, small: Size) -> str:
    """The refresh's time, or why there is none (`--reuse --no-refresh`)."""
    if not big.refresh_wall:
        return "not run in this measurement (`--reuse --no-refresh`: an earlier run's figures)"
    return (
        f"{big.refresh_wall:.1f} s (CPU {big.refresh_cpu:.1f} s) on {big.pegawai} employees; "
        f"{small.refresh_wall:.1f} s (CPU {small.refresh_cpu:.1f} s) on {small.pegawai}; "
        "process start included"
    )


def doc_section(
    sizes: list[Size],
    rows: list[tuple[dict[str, Any], dict[str, Any], float, bool]],
    extra_rows: list[tuple[dict[str, Any], dict[str, Any], float, bool]],
    runs: int,
    rounds: int,
    machine_text: str,
    loads: tuple[float, float, float],
    total: float,
    reused: str,
) -> str:
    small, big = sizes
    c = big.counts

    def cell(page: dict[str, Any]) -> str:
        return f"{page['p50']:.1f} / {page['p95']:.1f} / {page['max']:.1f}"

    def lines(items: list[tuple[dict[str, Any], dict[str, Any], float, bool]]) -> str:
        return "\n".join(
            f"| {one['label']} | {WHO[one['who']]} | {cell(one)} | {one['queries']} | "
            f"{cell(many)} | {many['queries']} | {ratio:.2f}× | **{'met' if met else 'NOT met'}** |"
            for one, many, ratio, met in items
        )

    table = lines(rows)
    header = (
        f"| page | as | {small.pegawai}: p50 / p95 / max | queries | {big.pegawai}: p50 / p95 / "
        "max | queries | ratio p95 | target |\n|---|---|---|---|---|---|---|---|"
    )
    others = (
        f"\n\nThe other pages of an HR reader (`--extra`; not part of the target):\n\n{header}\n"
        f"{lines(extra_rows)}"
        if extra_rows
        else ""
    )
    verdict = "met" if all(met for *_rest, met in rows) else "NOT met"
    biro = (biro_count(small.unit), biro_count(big.unit))
    return f"""{SECTION_TITLE}

`make bench-pemantauan` (`bench/pemantauan.py`) builds two PostgreSQL databases as
`bench/rekap.py` does (`kinerja migrate` with production settings, the performance years {LALU}
and {TAHUN} and the rule set through the services, the agency generated by the recap benchmark and
loaded with `COPY`): {small.pegawai} employees in {small.unit} units ({biro[0]} biro below the
root unit) and {big.pegawai} employees in {big.unit} units ({biro[1]} biro). {LALU} and TW1–TW3
{TAHUN} are locked, TW4 {TAHUN} is the open, current period. On top of the recap's data it loads
the history the dashboards read (figures for {big.pegawai} employees): {c["penilaian"]} FINAL
assessments of the seven past quarters and of {LALU} (predikat following a Markov chain, with
employees rising, falling or stagnant at Butuh Perbaikan), {c["penetapan"]} finalised groups and
{c["kinerja organisasi"]} organisation ratings, {c["skp"]} SKPs ({LALU} approved; {TAHUN} 90%
approved, the rest submitted, returned or drafts) with {c["rhk"]} RHK and their indicators,
{c["laporan"]} reports (TW1–TW3 verified; TW4 draft, submitted, returned or verified) with
{c["riwayat laporan"]} history rows, {c["realisasi"]} realisation values and {c["bukti dukung"]}
evidence items (files and links, some late; accepted, returned, rejected or awaiting; 6% of the
employees upload their team's joint report and 10% link their team's folder, teams of the same
size at both sizes, so that the integrity report's sections are as full on {small.pegawai} as on
{big.pegawai}).
Database size {big.db_size}; generation and load {big.load_seconds:.0f} s.

Then `kinerja pemantauan perbarui` recomputes the monitoring figures (a background job, not the
target) and its tables get `VACUUM (ANALYZE)`, as autovacuum does after such writes. Each page is
requested with Django's test client in a process of its own (production settings:
`KINERJA_DEBUG=0`; middleware, session and login included; the process prepared as
`kinerja/wsgi.py` prepares a server's, `core.startup.process_prepare`), logged in as the user
named:
{runs} timed requests per page and database, in {rounds} rounds alternating between the two
databases so that both see the same machine load, each round after {WARM_UP} warm-up requests.
Milliseconds, p50 / p95 / max; queries per request (the session and the user included); ratio =
p95 on {big.pegawai} / p95 on {small.pegawai}.

| measure | value |
|---|---|
| date | {datetime.date.today().isoformat()} |
| machine | {machine_text}; load average {loads[0]:.1f} at the start, {loads[1]:.1f} when the timing began, {loads[2]:.1f} at its end |
| `kinerja pemantauan perbarui` | {refreshed(big, small)} |
| target | p95 on {big.pegawai} at most {TARGET_RATIO}× that on {small.pegawai} and under {TARGET_P95_MS:.0f} ms: **{verdict}**{{slow_note}} |
| the whole run | {total / 60:.0f} min{f" ({reused})" if reused else ""} |

{header}
{table}{others}

The pages read the figures the refresh stored (`RingkasanUnit`, `ProfilPegawai`,
`ProyeksiUnit`; the rater analytics from each appraiser's sums per subtree, `SebaranPenilaiUnit`;
the integrity report from one row per unit and period or year, `RingkasanBukti` and
`RingkasanBuktiTahun`, the groups of shared files and links as each subtree lists them,
`BuktiSamaUnit`, and the flagged items, `TandaBukti`), so a page reads a few rows through
an index whatever the size of the subtree, and its query count does not grow with the agency.
Each page's queries with their times, and a profile of one request, are in
`bench/out/pemantauan-<size>-<page>-*.txt`.
"""  # noqa: E501


if __name__ == "__main__":
    main()
