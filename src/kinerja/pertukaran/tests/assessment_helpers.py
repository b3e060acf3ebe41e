"""Builders shared by the tests of the `kinerja_organisasi` and `penilaian` sheets: rows, a team
with fixed names, a finalised group, and a snapshot of everything the two sheets may write."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from kinerja.aturan.enums import Predikat
from kinerja.audit.models import Entri
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory, pegawai_with_account
from kinerja.penilaian import services as penilaian_services
from kinerja.penilaian.models import (
    Keberatan,
    KinerjaOrganisasi,
    Penetapan,
    Penilaian,
    RiwayatPenetapan,
)
from kinerja.penilaian.tests.factories import BAIK_10, SYSTEM, aktor_for, org_rating, rate, rate_all
from kinerja.periode.models import Periode, TahunKinerja
from kinerja.pertukaran.services import ImportRejected, ImportResult
from kinerja.pertukaran.sheets.kinerja_organisasi import HANDLER as ORGANISASI
from kinerja.pertukaran.sheets.penilaian import HANDLER as PENILAIAN
from kinerja.pertukaran.tests.helpers import run, snapshot

TAHUN = 2026
MEMORY_NOTE = "data dalam memori"
"""The name of the source of `helpers.run` (a `MemorySource`)."""


def org_row(unit_kode: object, predikat: object, **values: object) -> dict[str, object]:
    cells: dict[str, object] = dict.fromkeys(ORGANISASI.column_names)
    cells.update(unit_kode=unit_kode, tahun=TAHUN, periode="TW1", predikat=predikat)
    cells.update(values)
    return cells


def rating_row(nip: object, hasil: object, perilaku: object, **values: object) -> dict[str, object]:
    cells: dict[str, object] = dict.fromkeys(PENILAIAN.column_names)
    cells.update(nip=nip, tahun=TAHUN, periode="TW1", rating_hasil=hasil, rating_perilaku=perilaku)
    cells.update(values)
    return cells


def sheet_rows(*rows: Sequence[object]) -> list[Sequence[object]]:
    """Rows of a workbook sheet (the header first), for `helpers.write_xlsx`."""
    return list(rows)


def counts(result: ImportResult) -> dict[str, dict[str, int]]:
    return {name: sheet.as_dict() for name, sheet in result.sheets.items()}


def state() -> dict[str, Any]:
    """Every row the assessment sheets may write (and the organisation, the audit count)."""
    return {
        "organisasi": snapshot(),
        "tahun": list(TahunKinerja.objects.order_by("pk").values_list()),
        "periode": list(Periode.objects.order_by("pk").values_list("pk", "kode", "status")),
        "kinerja_organisasi": list(KinerjaOrganisasi.objects.order_by("pk").values_list()),
        "penilaian": list(Penilaian.objects.order_by("pk").values_list()),
        "penetapan": list(Penetapan.objects.order_by("pk").values_list()),
        "riwayat": list(RiwayatPenetapan.objects.order_by("pk").values_list()),
        "keberatan": list(Keberatan.objects.order_by("pk").values_list()),
        "audit": Entri.objects.count(),
    }


def refused(sheets: dict[str, list[dict[str, object]]], **options: Any) -> list[tuple]:
    """Run an import that must be refused; nothing at all changes; return the report."""
    before = state()
    try:
        run(sheets, **options)
    except ImportRejected as error:
        assert state() == before
        return [(e.sheet, e.row, e.column, e.reason) for e in error.report]
    raise AssertionError("the import was not refused")


def team(kode: str, nama: str, induk: Unit, size: int) -> tuple[Unit, Pegawai, list[Pegawai]]:
    """A unit with fixed names: its head (with an account) and `size` members appraised by the
    head, named "<nama> 01", "<nama> 02", …"""
    unit = cast(Unit, UnitFactory(kode=kode, nama=nama, induk=induk))
    kepala = pegawai_with_account(unit=unit, nama=f"Kepala {nama}")
    members = [
        cast(Pegawai, PegawaiFactory(unit=unit, penilai=kepala, nama=f"{nama} {n:02d}"))
        for n in range(1, size + 1)
    ]
    return unit, kepala, members


def finalised_team(
    periode: Periode, induk: Unit, kode: str = "TIM", nama: str = "Tim Data"
) -> tuple[Penetapan, Unit, Pegawai, list[Pegawai]]:
    """Ten members within the curve of Baik (2 Sangat Baik, 7 Baik, 1 Butuh Perbaikan), the
    head Sangat Baik, organisation rating Baik, the group finalised by its head."""
    unit, kepala, members = team(kode, nama, induk, 10)
    org_rating(unit, periode)
    rate_all(members, periode, BAIK_10)
    rate(kepala, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    penetapan = penilaian_services.penetapan_finalise(
        aktor=aktor_for(kepala), unit=unit, periode=periode
    )
    return penetapan, unit, kepala, members


def history(penetapan: Penetapan) -> list[tuple[str, str, dict[str, int]]]:
    return list(
        RiwayatPenetapan.objects.filter(penetapan=penetapan)
        .order_by("pk")
        .values_list("aksi", "alasan", "jumlah")
    )
