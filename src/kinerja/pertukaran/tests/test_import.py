"""Writing an import: exact rows, histories, exclusions, idempotency, updates, audit, scope."""

from __future__ import annotations

import datetime

import pytest

from kinerja.audit.models import Entri
from kinerja.audit.selectors import chain_check
from kinerja.audit.services import Aktor
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import (
    Jabatan,
    Pegawai,
    Pengecualian,
    RiwayatJabatan,
    RiwayatPenilai,
    Unit,
)
from kinerja.pertukaran.tests.helpers import (
    BERLAKU,
    NIP_ANALIS,
    NIP_KEPALA,
    NIP_STAF,
    pegawai_row,
    rejected,
    run,
    snapshot,
)

pytestmark = pytest.mark.django_db

UNITS = [
    {"kode": "SET", "nama": "Sekretariat", "induk_kode": None},
    {"kode": "BU", "nama": "Biro Umum", "induk_kode": "SET"},
    {"kode": "BU-SDM", "nama": "Bagian SDM", "induk_kode": "BU"},
]


def workbook(**changes: dict[str, object]) -> dict[str, list[dict[str, object]]]:
    """Three units and three employees: a head, an analyst appraised by the head, a clerk
    appraised by the analyst. `changes` maps a NIP to changed columns."""
    rows = [
        pegawai_row(
            nip=NIP_KEPALA, nama="Budi Santoso", unit_kode="SET", jabatan="Sekretaris",
            jenis_jabatan="JPT", kelas_jabatan=14, golongan="IV/c",
        ),
        pegawai_row(
            nip=NIP_ANALIS, nama="Dewi Kusuma", unit_kode="BU", jabatan="Analis SDM Aparatur",
            jenis_jabatan="Fungsional", jenjang="Ahli Muda", kelas_jabatan=9.0, status="pppk",
            golongan="ix", atasan_nip=NIP_KEPALA, keterangan="Cuti besar",
        ),
        pegawai_row(atasan_nip=NIP_ANALIS, aktif="tidak"),
    ]  # fmt: skip
    for row in rows:
        row.update(changes.get(str(row["nip"]), {}))
    return {"unit": [dict(unit) for unit in UNITS], "pegawai": rows}


def counts(result) -> dict[str, dict[str, int]]:
    return {name: sheet.as_dict() for name, sheet in result.sheets.items()}


def test_first_import_creates_exact_rows():
    result = run(workbook())
    assert counts(result) == {
        "unit": {"dibuat": 3, "diubah": 0, "tetap": 0},
        "pegawai": {"dibuat": 3, "diubah": 0, "tetap": 0},
    }
    assert result.extra == {"jabatan_baru": 3}
    set_, bu, sdm = (Unit.objects.get(kode=kode) for kode in ("SET", "BU", "BU-SDM"))
    assert [(u.nama, u.induk_id, u.jalur, u.kedalaman) for u in (set_, bu, sdm)] == [
        ("Sekretariat", None, f"/{set_.pk}/", 0),
        ("Biro Umum", set_.pk, f"/{set_.pk}/{bu.pk}/", 1),
        ("Bagian SDM", bu.pk, f"/{set_.pk}/{bu.pk}/{sdm.pk}/", 2),
    ]
    assert sorted(
        Jabatan.objects.values_list("nama", "jenis_jabatan", "jenjang", "kelas_jabatan")
    ) == [
        ("Analis SDM Aparatur", "FUNGSIONAL", "AHLI_MUDA", 9),
        ("Pengadministrasi Perkantoran", "PELAKSANA", "", 5),
        ("Sekretaris", "JPT", "", 14),
    ]
    kepala, analis, staf = (
        Pegawai.objects.get(nip=nip) for nip in (NIP_KEPALA, NIP_ANALIS, NIP_STAF)
    )
    fields = (
        "nama",
        "status_kepegawaian",
        "golongan",
        "unit__kode",
        "jabatan__nama",
        "penilai__nip",
        "aktif",
    )
    assert list(Pegawai.objects.order_by("nip").values_list(*fields)) == [
        ("Budi Santoso", "PNS", "IV/c", "SET", "Sekretaris", None, True),
        ("Dewi Kusuma", "PPPK", "IX", "BU", "Analis SDM Aparatur", NIP_KEPALA, True),
        ("Rina Lestari", "PNS", "II/c", "BU-SDM", "Pengadministrasi Perkantoran", NIP_ANALIS,
         False),
    ]  # fmt: skip
    assert sorted(
        RiwayatPenilai.objects.values_list("pegawai_id", "penilai_id", "mulai", "sampai", "alasan")
    ) == sorted([
        (kepala.pk, None, BERLAKU, None, "Impor data"),
        (analis.pk, kepala.pk, BERLAKU, None, "Impor data"),
        (staf.pk, analis.pk, BERLAKU, None, "Impor data"),
    ])  # fmt: skip
    assert sorted(
        RiwayatJabatan.objects.values_list("pegawai_id", "unit_id", "jabatan_id", "mulai", "sampai")
    ) == sorted([
        (kepala.pk, set_.pk, kepala.jabatan_id, BERLAKU, None),
        (analis.pk, bu.pk, analis.jabatan_id, BERLAKU, None),
        (staf.pk, sdm.pk, staf.jabatan_id, BERLAKU, None),
    ])  # fmt: skip
    assert list(Pengecualian.objects.values_list("pegawai_id", "jenis", "mulai", "sampai")) == [
        (analis.pk, "CUTI_BESAR", BERLAKU, None)
    ]


def test_first_import_is_audited():
    run(workbook(), aktor=Aktor(pengguna_id=None, label="Admin Tes", alamat_ip="10.0.0.1"))
    entries = list(Entri.objects.order_by("urutan"))
    assert [entry.aksi for entry in entries] == [
        "unit.create", "unit.create", "unit.create",
        "jabatan.create", "jabatan.create", "jabatan.create",
        "pegawai.create", "pegawai.create", "pegawai.create",
        "pengecualian.create", "impor.run",
    ]  # fmt: skip
    staf = Pegawai.objects.get(nip=NIP_STAF)
    [created] = [e for e in entries if e.aksi == "pegawai.create" and e.objek_id == str(staf.pk)]
    assert (created.objek_tipe, created.objek_label, created.aktor_label, created.alamat_ip) == (
        "organisasi.pegawai",
        f"Rina Lestari ({NIP_STAF})",
        "Admin Tes",
        "10.0.0.1",
    )
    assert created.sesudah == {
        "nip": NIP_STAF,
        "nama": "Rina Lestari",
        "status_kepegawaian": "PNS",
        "golongan": "II/c",
        "unit": "BU-SDM",
        "jabatan": "Pengadministrasi Perkantoran (PELAKSANA, kelas 5)",
        "penilai": NIP_ANALIS,
        "aktif": False,
    }
    assert entries[-1].sesudah == {
        "sheet": {
            "unit": {"dibuat": 3, "diubah": 0, "tetap": 0},
            "pegawai": {"dibuat": 3, "diubah": 0, "tetap": 0},
        },
        "berlaku_mulai": "2025-01-01",
        "jabatan_baru": 3,
    }
    assert chain_check().kerusakan == []


def test_second_import_changes_nothing():
    run(workbook())
    before = snapshot()
    result = run(workbook(), berlaku_mulai=datetime.date(2025, 3, 1))
    assert counts(result) == {
        "unit": {"dibuat": 0, "diubah": 0, "tetap": 3},
        "pegawai": {"dibuat": 0, "diubah": 0, "tetap": 3},
    }
    assert result.extra == {}
    assert snapshot() == before


def test_update_changes_exactly_what_changed():
    run(workbook())
    later = datetime.date(2025, 7, 1)
    changed = workbook(
        **{NIP_STAF: {"nama": "Rina L.", "unit_kode": "BU", "atasan_nip": NIP_KEPALA}}
    )
    audit_before = Entri.objects.count()
    result = run(changed, berlaku_mulai=later)
    assert counts(result)["pegawai"] == {"dibuat": 0, "diubah": 1, "tetap": 2}
    staf = Pegawai.objects.get(nip=NIP_STAF)
    kepala, analis = Pegawai.objects.get(nip=NIP_KEPALA), Pegawai.objects.get(nip=NIP_ANALIS)
    assert (staf.nama, staf.unit.kode, staf.penilai_id) == ("Rina L.", "BU", kepala.pk)
    assert list(
        RiwayatPenilai.objects.filter(pegawai=staf)
        .order_by("mulai")
        .values_list("penilai_id", "mulai", "sampai")
    ) == [(analis.pk, BERLAKU, later), (kepala.pk, later, None)]
    bu, sdm = Unit.objects.get(kode="BU"), Unit.objects.get(kode="BU-SDM")
    assert list(
        RiwayatJabatan.objects.filter(pegawai=staf)
        .order_by("mulai")
        .values_list("unit_id", "jabatan_id", "mulai", "sampai")
    ) == [(sdm.pk, staf.jabatan_id, BERLAKU, later), (bu.pk, staf.jabatan_id, later, None)]
    new_entries = list(Entri.objects.filter(urutan__gt=audit_before).order_by("urutan"))
    assert [entry.aksi for entry in new_entries] == ["pegawai.update", "impor.run"]
    assert (new_entries[0].sebelum, new_entries[0].sesudah) == (
        {"nama": "Rina Lestari", "unit": "BU-SDM", "penilai": NIP_ANALIS},
        {"nama": "Rina L.", "unit": "BU", "penilai": NIP_KEPALA},
    )
    # The other employees' histories are untouched.
    assert (
        RiwayatPenilai.objects.filter(pegawai__in=[kepala, analis], sampai__isnull=False).count()
        == 0
    )


def test_correction_on_the_same_day_replaces_the_open_history():
    run(workbook())
    run(workbook(**{NIP_STAF: {"atasan_nip": NIP_KEPALA}}))
    staf, kepala = Pegawai.objects.get(nip=NIP_STAF), Pegawai.objects.get(nip=NIP_KEPALA)
    assert list(
        RiwayatPenilai.objects.filter(pegawai=staf).values_list("penilai_id", "mulai", "sampai")
    ) == [(kepala.pk, BERLAKU, None)]


def test_position_change_updates_jabatan_and_unit_moves_recompute_paths():
    run(workbook())
    later = datetime.date(2025, 4, 1)
    changed = workbook(**{NIP_STAF: {"jabatan": "Penata Layanan", "kelas_jabatan": 7}})
    changed["unit"][2]["induk_kode"] = "SET"  # BU-SDM moves from BU to SET
    result = run(changed, berlaku_mulai=later)
    assert counts(result) == {
        "unit": {"dibuat": 0, "diubah": 1, "tetap": 2},
        "pegawai": {"dibuat": 0, "diubah": 1, "tetap": 2},
    }
    set_, sdm = Unit.objects.get(kode="SET"), Unit.objects.get(kode="BU-SDM")
    assert (sdm.induk_id, sdm.jalur, sdm.kedalaman) == (set_.pk, f"/{set_.pk}/{sdm.pk}/", 1)
    staf = Pegawai.objects.get(nip=NIP_STAF)
    assert (staf.jabatan.nama, staf.jabatan.kelas_jabatan) == ("Penata Layanan", 7)
    assert RiwayatJabatan.objects.filter(pegawai=staf).count() == 2
    unit_entry = Entri.objects.get(aksi="unit.update")
    assert (unit_entry.sebelum, unit_entry.sesudah) == ({"induk_kode": "BU"}, {"induk_kode": "SET"})
    pegawai_entry = Entri.objects.get(aksi="pegawai.update")
    assert (pegawai_entry.sebelum, pegawai_entry.sesudah) == (
        {"jabatan": "Pengadministrasi Perkantoran (PELAKSANA, kelas 5)"},
        {"jabatan": "Penata Layanan (PELAKSANA, kelas 7)"},
    )


def test_exclusions_open_close_and_switch():
    run(workbook())
    analis = Pegawai.objects.get(nip=NIP_ANALIS)
    switch = datetime.date(2025, 5, 1)
    run(workbook(**{NIP_ANALIS: {"keterangan": "PENSIUN"}}), berlaku_mulai=switch)
    assert list(
        Pengecualian.objects.filter(pegawai=analis)
        .order_by("mulai")
        .values_list("jenis", "mulai", "sampai")
    ) == [("CUTI_BESAR", BERLAKU, switch), ("PENSIUN", switch, None)]
    end = datetime.date(2025, 9, 1)
    result = run(workbook(**{NIP_ANALIS: {"keterangan": None}}), berlaku_mulai=end)
    assert counts(result)["pegawai"] == {"dibuat": 0, "diubah": 1, "tetap": 2}
    assert list(
        Pengecualian.objects.filter(pegawai=analis).order_by("mulai").values_list("jenis", "sampai")
    ) == [("CUTI_BESAR", switch), ("PENSIUN", end)]
    closed = Entri.objects.filter(aksi="pengecualian.update").order_by("urutan").last()
    assert (closed.sebelum, closed.sesudah) == ({"sampai": None}, {"sampai": "2025-09-01"})


def test_absent_optional_columns_keep_stored_values():
    run(workbook())
    required_only = [
        {key: row[key] for key in ("nip", "nama", "unit_kode", "jabatan", "jenis_jabatan")}
        for row in workbook()["pegawai"]
    ]
    before = snapshot()
    result = run({"pegawai": required_only}, berlaku_mulai=datetime.date(2025, 6, 1))
    assert counts(result) == {"pegawai": {"dibuat": 0, "diubah": 0, "tetap": 3}}
    assert snapshot() == before


def test_dry_run_counts_without_writing():
    before = snapshot()
    result = run(workbook(), dry_run=True)
    assert result.dry_run is True
    assert counts(result)["pegawai"] == {"dibuat": 3, "diubah": 0, "tetap": 0}
    assert snapshot() == before


def test_existing_jabatan_is_reused_by_natural_key():
    run(workbook())
    other = pegawai_row(nip="197707072002071004", nama="Agus", jabatan="  sekretaris ",
                        jenis_jabatan="JPT", kelas_jabatan=14, unit_kode="BU")  # fmt: skip
    result = run({"pegawai": [other]})
    assert result.extra == {}
    assert Pegawai.objects.get(nip="197707072002071004").jabatan.nama == "Sekretaris"


# --- Scope ----------------------------------------------------------------------------------


def test_admin_may_import_inside_their_subtree(agency):
    scope = scope_for(agency.admin)
    sheet = {
        "unit": [{"kode": "BU-KEU", "nama": "Bagian Keuangan", "induk_kode": "BU"}],
        "pegawai": [pegawai_row(unit_kode="BU-KEU", atasan_nip=agency.penilai.nip)],
    }
    result = run(sheet, scope=scope, aktor=Aktor.of_user(agency.admin))
    assert counts(result)["pegawai"] == {"dibuat": 1, "diubah": 0, "tetap": 0}
    assert Entri.objects.filter(aksi="impor.run", aktor_id=agency.admin.pk).count() == 1


def test_admin_may_not_import_outside_their_subtree(agency):
    scope = scope_for(agency.admin)
    outsider = agency.outsider
    sheet = {
        "unit": [
            {"kode": "BL-X", "nama": "Bagian X", "induk_kode": "BL"},
            {"kode": "BU", "nama": "Biro Umum", "induk_kode": "BL"},
            {"kode": "PUNCAK", "nama": "Unit Puncak", "induk_kode": None},
        ],
        "pegawai": [
            pegawai_row(unit_kode="BL"),
            pegawai_row(nip=outsider.nip, nama=outsider.nama, unit_kode="BU-SDM",
                        jabatan=outsider.jabatan.nama),
        ],
    }  # fmt: skip
    assert rejected(sheet, scope=scope) == [
        ("unit", 2, "kode", "Unit BL-X \N{EN DASH} Bagian X berada di luar unit yang Anda kelola."),
        ("unit", 3, "kode", "Unit BU \N{EN DASH} Biro Umum berada di luar unit yang Anda kelola."),
        (
            "unit",
            4,
            "kode",
            "Unit PUNCAK \N{EN DASH} Unit Puncak berada di luar unit yang Anda kelola.",
        ),
        (
            "pegawai",
            2,
            "unit_kode",
            "Unit BL \N{EN DASH} Biro Lain berada di luar unit yang Anda kelola.",
        ),
        (
            "pegawai",
            3,
            "nip",
            "Pegawai ini sekarang bekerja di unit BL \N{EN DASH} Biro Lain, di luar unit yang "
            "Anda kelola.",
        ),
    ]


def test_superuser_may_import_anywhere(agency):
    sheet = {"pegawai": [pegawai_row(unit_kode="BL")]}
    result = run(sheet, scope=scope_for(agency.superuser))
    assert counts(result)["pegawai"]["dibuat"] == 1


def test_nip_written_with_spaces_or_an_apostrophe_is_accepted():
    sheet = {
        "unit": [dict(unit) for unit in UNITS],
        "pegawai": [pegawai_row(nip="'19900202 201502 2 002")],
    }
    result = run(sheet)
    assert counts(result)["pegawai"]["dibuat"] == 1
    assert Pegawai.objects.get().nip == NIP_STAF


class RecordingProgress:
    def __init__(self) -> None:
        self.stages: list[list[object]] = []

    def start(self, total: int, stage: str = "") -> None:
        self.stages.append([stage, total, 0])

    def advance(self, amount: int = 1) -> None:
        self.stages[-1][2] += amount  # type: ignore[operator]


def test_progress_runs_through_reading_validating_and_writing():
    from kinerja.pertukaran.readers import MemorySource
    from kinerja.pertukaran.services import import_run

    progress = RecordingProgress()
    import_run(
        aktor=Aktor.system("tes"), source=MemorySource(workbook()), progress=progress,
        berlaku_mulai=BERLAKU,
    )  # fmt: skip
    # Reading: 4 + 4 rows with headers; validating: 6 data rows; writing: 3 units, 3 employees
    # and 1 exclusion.
    assert progress.stages == [
        ["Membaca berkas", 8, 8],
        ["Memeriksa data", 6, 6],
        ["Menyimpan data", 7, 7],
    ]
