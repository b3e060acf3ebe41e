"""An employee's dashboard in the API: `GET /saya` (the caller's) and `GET /pegawai/{id}` (for
the person, their appraiser and HR readers of their unit; 404 otherwise). The same access
functions and selector as the pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router

from kinerja.aturan.enums import Predikat
from kinerja.aturan.rules import shown, stored
from kinerja.core.formatting import format_rupiah
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.enums import Jenjang
from kinerja.organisasi.models import Pegawai
from kinerja.pemantauan import access
from kinerja.pemantauan.schemas_pegawai import DasborPegawaiOut
from kinerja.pemantauan.selectors import pegawai as selectors
from kinerja.penilaian.enums import StatusPenilaian
from kinerja.periode.enums import StatusPeriode
from kinerja.realisasi.enums import StatusLaporan
from kinerja.skp.enums import StatusSkp
from kinerja.skp.schemas import pilihan

router = Router(tags=["pemantauan"])


def _pegawai(pegawai: Pegawai) -> dict[str, Any]:
    unit = pegawai.unit
    return {
        "id": pegawai.pk,
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "jabatan": pegawai.jabatan.nama,
        "unit": {"id": unit.pk, "kode": unit.kode, "nama": unit.nama},
    }


def _predikat(value: Predikat | None) -> dict[str, str] | None:
    return pilihan(Predikat, value.value) if value is not None else None


def _seri(seri: selectors.Seri) -> dict[str, Any]:
    return {
        "titik": [{"label": t.label, "predikat": _predikat(t.predikat)} for t in seri.titik],
        "tren": {"kode": seri.tren.value, "label": str(seri.tren.label)},
        "ringkasan": seri.ringkasan,
        "langkah": list(seri.langkah),
        "selisih": seri.selisih,
    }


def _proyeksi(proyeksi: selectors.Proyeksi | None) -> dict[str, Any] | None:
    if proyeksi is None:
        return None
    return {
        "dasar": proyeksi.dasar,
        "terpilih": _predikat(proyeksi.terpilih),
        "peluang": [
            {"predikat": _predikat(p.predikat), "nilai": format(p.nilai, "f"), "persen": p.persen}
            for p in proyeksi.peluang
        ],
        "observasi": proyeksi.observasi,
        "sumber": proyeksi.sumber,
        "dipakai": proyeksi.dipakai,
        "kondisi": {"kode": proyeksi.kondisi, "label": proyeksi.kondisi_label},
        "risiko": proyeksi.risiko,
        "alasan": list(proyeksi.alasan),
    }


def _profil(profil: selectors.Profil | None) -> dict[str, Any] | None:
    if profil is None:
        return None
    return {
        "diperbarui_pada": profil.diperbarui_pada,
        "periodik": _seri(profil.periodik),
        "tahunan": _seri(profil.tahunan),
        "lama_periodik": profil.lama_periodik,
        "proyeksi": _proyeksi(profil.proyeksi),
        "peringatan": profil.peringatan,
        "alasan_peringatan": list(profil.alasan_peringatan),
    }


def _baris(row: selectors.BarisKemajuan) -> dict[str, Any]:
    laporan, nilai, bukti = row.laporan, row.penilaian, row.bukti
    return {
        "id": row.periode.pk,
        "kode": row.periode.kode,
        "nama": row.nama,
        "status": pilihan(StatusPeriode, row.periode.status),
        "laporan": None
        if laporan is None
        else {"id": laporan.pk, "status": pilihan(StatusLaporan, laporan.status)},
        "bukti": {
            "diterima": bukti.diterima,
            "perlu_perbaikan": bukti.perlu_perbaikan,
            "ditolak": bukti.ditolak,
            "menunggu": bukti.menunggu,
            "total": bukti.total,
        },
        "penilaian": None
        if nilai is None
        else {
            "id": nilai.pk,
            "status": pilihan(StatusPenilaian, nilai.status),
            "predikat": _predikat(row.predikat),
        },
    }


def _kemajuan(kemajuan: selectors.Kemajuan) -> dict[str, Any]:
    skp = kemajuan.skp
    return {
        "tahun": kemajuan.tahun,
        "skp": None if skp is None else {"id": skp.pk, "status": pilihan(StatusSkp, skp.status)},
        "periode": [_baris(row) for row in kemajuan.periode],
    }


def _tukin(riwayat: selectors.RiwayatTukin | None) -> list[dict[str, Any]] | None:
    if riwayat is None:
        return None
    return [
        {
            "tahun": year.tahun,
            "bulan": [
                {"bulan": index + 1, "netto": netto, "netto_tampil": format_rupiah(netto)}
                for index, netto in enumerate(year.netto)
                if netto is not None
            ],
            "jumlah_netto": year.jumlah_netto,
            "jumlah_netto_tampil": format_rupiah(year.jumlah_netto),
        }
        for year in riwayat.tahun
    ]


def _angka_kredit(data: selectors.RiwayatAngkaKredit | None) -> dict[str, Any] | None:
    if data is None:
        return None
    riwayat = data.riwayat
    return {
        "jenjang": pilihan(Jenjang, riwayat.jenjang.value) if riwayat.jenjang else None,
        "kumulatif": shown(riwayat.kumulatif.total) if riwayat.kumulatif else None,
        "tahun": [
            {
                "tahun": year.tahun,
                "final": year.final,
                "predikat": _predikat(year.predikat),
                "angka_kredit": format(stored(year.total or Decimal(0)), "f"),
                "angka_kredit_tampil": shown(stored(year.total or Decimal(0))),
            }
            for year in data.tahun
        ],
    }


def _dasbor(data: selectors.Dasbor) -> dict[str, Any]:
    pembaruan = data.pembaruan
    return {
        "pegawai": _pegawai(data.pegawai),
        "pembaruan": None
        if pembaruan is None
        else {"id": pembaruan.pk, "selesai_pada": pembaruan.selesai_pada},
        "profil": _profil(data.profil),
        "kemajuan": _kemajuan(data.kemajuan),
        "tindakan": [{"kode": t.kode, "teks": t.teks, "url": t.url} for t in data.tindakan],
        "tukin": _tukin(data.tukin),
        "angka_kredit": _angka_kredit(data.angka_kredit),
    }


@router.get("/saya", response=DasborPegawaiOut, summary="Dasbor saya")
def saya(request: HttpRequest) -> dict[str, Any]:
    """The caller's dashboard (404 for an account without an employee record)."""
    scope = scope_for(request.user)
    return _dasbor(selectors.dashboard(access.own_pegawai(scope), scope))


@router.get("/pegawai/{pegawai_id}", response=DasborPegawaiOut, summary="Dasbor pegawai")
def pegawai(request: HttpRequest, pegawai_id: int) -> dict[str, Any]:
    """One employee's dashboard: for the employee, their appraiser and HR readers of their
    unit; 404 otherwise."""
    scope = scope_for(request.user)
    return _dasbor(selectors.dashboard(access.pegawai_for_read(scope, pegawai_id), scope))
