"""Helpers of the SKP tests: an opened year and plans built through the services."""

from __future__ import annotations

import datetime
from typing import Any

from kinerja.audit.services import Aktor
from kinerja.organisasi.models import Pegawai
from kinerja.periode.models import TahunKinerja
from kinerja.periode.services import tahun_open
from kinerja.skp import services
from kinerja.skp.enums import Aspek
from kinerja.skp.models import Rhk, Skp

TAHUN = 2026
SYSTEM = Aktor.system("tes")


def open_year(tahun: int = TAHUN, **settings: Any) -> TahunKinerja:
    """The year opened with deadlines far enough ahead for every test day."""
    settings.setdefault("batas_pengajuan_skp", datetime.date(2099, 1, 31))
    settings.setdefault("batas_persetujuan_skp", datetime.date(2099, 2, 28))
    return tahun_open(aktor=SYSTEM, tahun=tahun, **settings)


def aktor_for(pegawai: Pegawai) -> Aktor:
    return Aktor.of_user(pegawai.pengguna, "10.0.0.1") if pegawai.pengguna else SYSTEM


def plan_with_rhk(
    pegawai: Pegawai,
    *,
    tahun: int = TAHUN,
    rhk_atasan: Rhk | None = None,
    perspektif: str = "",
    uraian: str = "Tersusunnya laporan kinerja",
    kode: str = "",
    target: str = "12",
) -> tuple[Skp, Rhk]:
    """A draft plan with one main RHK and one Kuantitas indicator."""
    aktor = aktor_for(pegawai)
    skp = services.skp_create(aktor=aktor, pegawai=pegawai, tahun=tahun)
    rhk = services.rhk_create(
        aktor=aktor,
        skp=skp,
        uraian=uraian,
        kode=kode,
        rhk_atasan_id=rhk_atasan.pk if rhk_atasan else None,
        perspektif=perspektif,
    )
    services.indikator_create(
        aktor=aktor,
        rhk=rhk,
        aspek=Aspek.KUANTITAS.value,
        uraian="Jumlah laporan yang tersusun",
        target_nilai=target,
        target_satuan="laporan",
    )
    return skp, rhk


def approved_plan(pegawai: Pegawai, approver: Aktor = SYSTEM, **kwargs: Any) -> tuple[Skp, Rhk]:
    """A plan submitted by its owner and approved."""
    skp, rhk = plan_with_rhk(pegawai, **kwargs)
    services.skp_submit(aktor=aktor_for(pegawai), skp=skp)
    skp = services.skp_approve(aktor=approver, skp=skp)
    return skp, rhk
