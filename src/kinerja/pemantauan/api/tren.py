"""Trends, projection, backtest and early warnings under `/api/v1/pemantauan/`: the same access
checks and selectors as the pages. HR readers ask for a unit (`unit_id`, default the top of
their subtree); an appraiser who reads no unit gets their own team (a unit asked for is 404).
A bad filter value is 422 naming the field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from kinerja.aturan.enums import PREDIKAT_ORDER, Predikat, Tren
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.models import Unit
from kinerja.pemantauan import access
from kinerja.pemantauan.models import Pembaruan, ProfilPegawai
from kinerja.pemantauan.schemas_tren import PeringatanOut, ProyeksiOut, TrenOut, UjiBalikOut
from kinerja.pemantauan.selectors import baca
from kinerja.pemantauan.selectors import tren as selectors
from kinerja.skp.schemas import pilihan

router = Router(tags=["pemantauan"])


def _saringan(request: HttpRequest, unit_id: int | None, jenis_jabatan: str) -> selectors.Saringan:
    scope = scope_for(request.user)
    if jenis_jabatan and JenisJabatan.parse(jenis_jabatan) is None:
        raise ValidationError({"jenis_jabatan": _("Jenis jabatan tidak dikenal.")})
    wanted = JenisJabatan.parse(jenis_jabatan) if jenis_jabatan else None
    cakupan = access.cakupan_for(scope, unit_id)
    return selectors.Saringan(cakupan, wanted.value if wanted else "")


def _unit(unit: Unit | None) -> dict[str, Any] | None:
    return None if unit is None else {"id": unit.pk, "kode": unit.kode, "nama": unit.nama}


def _pegawai(profil: ProfilPegawai) -> dict[str, Any]:
    pegawai = profil.pegawai
    return {"id": pegawai.pk, "nip": pegawai.nip, "nama": pegawai.nama, "unit": _unit(profil.unit)}


def _paging(page: Page) -> dict[str, int]:
    return {
        "jumlah": page.paginator.count,
        "halaman": page.number,
        "jumlah_halaman": page.paginator.num_pages,
    }


def _when(pembaruan: Pembaruan | None) -> Any:
    return pembaruan.selesai_pada if pembaruan else None


@router.get("/tren", response=TrenOut, summary="Tren predikat pegawai")
def trends(
    request: HttpRequest,
    unit_id: int | None = None,
    jenis_jabatan: str = "",
    jenis: str = selectors.PERIODIK,
    kelas: str = "",
    halaman: int = 1,
) -> dict[str, Any]:
    """The counts per trend class (naik, stagnan, turun, belum cukup data) of the periodic or
    annual predikat series and, for the class asked for (else naik, stagnan and turun), a page
    of its employees by name with their series and the explanation (`halaman`: the page of
    each section shown)."""
    saringan = _saringan(request, unit_id, jenis_jabatan)
    if jenis not in selectors.JENIS_TREN:
        raise ValidationError({"jenis": _("Jenis rangkaian harus periodik atau tahunan.")})
    chosen = Tren.parse(kelas) if kelas else None
    if kelas and chosen is None:
        raise ValidationError({"kelas": _("Tren tidak dikenal.")})
    pembaruan = baca.latest_refresh()
    body: dict[str, Any] = {
        "unit": _unit(saringan.cakupan.unit),
        "diperbarui_pada": _when(pembaruan),
        "jenis": jenis,
        "jumlah": [],
        "bagian": [],
    }
    if pembaruan is None:
        return body
    pages = {selectors.halaman_param(k): halaman for k in selectors.KELAS}
    data = selectors.trend_lists(saringan, jenis=jenis, kelas=chosen, halaman=pages)
    body["jumlah"] = [{"tren": pilihan(Tren, k), "jumlah": n} for k, n in data.jumlah.items()]
    body["bagian"] = [
        {
            "tren": pilihan(Tren, section.kelas),
            "jumlah": section.jumlah,
            "halaman": section.halaman.number,
            "jumlah_halaman": section.halaman.paginator.num_pages,
            "baris": [
                {
                    "pegawai": _pegawai(row.profil),
                    "tren": pilihan(Tren, row.tren),
                    "seri": [
                        {"label": label, "predikat": pilihan(Predikat, p)} for label, p in row.titik
                    ],
                    "seri_teks": row.seri,
                    "lama_terakhir": row.lama if jenis == selectors.PERIODIK else None,
                    "penjelasan": row.penjelasan,
                    "langkah": row.langkah,
                }
                for row in section.baris
            ],
        }
        for section in data.bagian
    ]
    return body


@router.get("/proyeksi", response=ProyeksiOut, summary="Proyeksi predikat periode berikutnya")
def projection(
    request: HttpRequest, unit_id: int | None = None, jenis_jabatan: str = "", halaman: int = 1
) -> dict[str, Any]:
    """The projected distribution of the next period (expected count and 95% range per
    predikat) next to the actual one of the base period, whether the model or the naive
    forecast is used and why, and a page of the employees' projections with every probability
    and the reasons."""
    saringan = _saringan(request, unit_id, jenis_jabatan)
    pembaruan = baca.latest_refresh()
    body: dict[str, Any] = {
        "unit": _unit(saringan.cakupan.unit),
        "diperbarui_pada": _when(pembaruan),
        "model_dipakai": bool(pembaruan and pembaruan.uji_balik.get("dipakai")),
        "kesimpulan": selectors.model_verdict(pembaruan.uji_balik if pembaruan else {}),
        "distribusi": None,
        "jumlah": 0,
        "halaman": 1,
        "jumlah_halaman": 1,
        "pegawai": [],
    }
    if pembaruan is None:
        return body
    data = selectors.projection_list(saringan, halaman=halaman)
    found = data.distribusi
    if found is not None:
        body["distribusi"] = {
            "periode_dasar": f"{found.periode_dasar.nama} {found.periode_dasar.tahun.tahun}",
            "anggota": found.anggota,
            "tanpa_proyeksi": found.tanpa_proyeksi,
            "baris": [
                {
                    "predikat": pilihan(Predikat, row.predikat),
                    "aktual": row.aktual,
                    "harapan": row.harapan,
                    "rentang_bawah": row.rentang[0],
                    "rentang_atas": row.rentang[1],
                }
                for row in found.baris
            ],
        }
    body |= _paging(data.halaman)
    body["pegawai"] = [
        {
            "pegawai": _pegawai(row.profil),
            "dasar": row.dasar,
            "terakhir": pilihan(Predikat, row.terakhir),
            "proyeksi": pilihan(Predikat, row.proyeksi),
            "peluang": row.prediksi.peluang[row.proyeksi],
            "peluang_teks": row.peluang,
            "risiko": row.prediksi.risiko,
            "risiko_teks": row.risiko,
            "semua": [
                {"predikat": pilihan(Predikat, p), "peluang": row.prediksi.peluang[p], "teks": t}
                for p, t in row.semua
            ],
            "observasi": row.observasi,
            "alasan": row.alasan,
        }
        for row in data.baris
    ]
    return body


@router.get("/uji-balik", response=UjiBalikOut, summary="Uji balik model proyeksi")
def backtest(request: HttpRequest) -> dict[str, Any]:
    """The backtest of the last refresh (HR readers): per candidate model and past period the
    forecasts, the correct ones by the model and by the naive forecast; which candidate was
    chosen, whether it is used; the chosen model's transition tables."""
    access.hr_check(scope_for(request.user))
    pembaruan = baca.latest_refresh()
    if pembaruan is None:
        return {
            "diperbarui_pada": None,
            "terpilih": None,
            "dipakai": False,
            "minimum_uji": 0,
            "langkah": 0,
            "kesimpulan": selectors.model_verdict({}),
            "kandidat": [],
            "transisi": [],
        }
    report = selectors.backtest_report(pembaruan)

    def result(row: selectors.BarisUji) -> dict[str, Any]:
        return {
            "label": row.label,
            "jumlah": row.jumlah,
            "benar_model": row.benar_model,
            "benar_naif": row.benar_naif,
            "akurasi_model": row.akurasi_model,
            "akurasi_naif": row.akurasi_naif,
        }

    return {
        "diperbarui_pada": pembaruan.selesai_pada,
        "terpilih": report.terpilih,
        "dipakai": report.dipakai,
        "minimum_uji": report.minimum,
        "langkah": report.langkah,
        "kesimpulan": report.kesimpulan,
        "kandidat": [
            {
                "pengkondisian": item.pengkondisian,
                "label": item.label,
                "terpilih": item.terpilih,
                "total": result(item.total),
                "periode": [result(row) for row in item.periode],
            }
            for item in report.kandidat
        ],
        "transisi": [
            {
                "judul": table.judul,
                "baris": [
                    {
                        "asal": pilihan(Predikat, row.asal),
                        "jumlah": {
                            p.value: cell.jumlah
                            for p, cell in zip(PREDIKAT_ORDER, row.sel, strict=True)
                        },
                        "total": row.total,
                    }
                    for row in table.baris
                ],
            }
            for table in report.transisi
        ],
    }


@router.get("/peringatan", response=PeringatanOut, summary="Peringatan dini")
def warnings(
    request: HttpRequest, unit_id: int | None = None, jenis_jabatan: str = "", halaman: int = 1
) -> dict[str, Any]:
    """A page of the employees likely to be at Butuh Perbaikan or below next period, the
    riskiest first, with the reasons, the latest predikat, the projection and the appraiser."""
    saringan = _saringan(request, unit_id, jenis_jabatan)
    pembaruan = baca.latest_refresh()
    body: dict[str, Any] = {
        "unit": _unit(saringan.cakupan.unit),
        "diperbarui_pada": _when(pembaruan),
        "jumlah": 0,
        "halaman": 1,
        "jumlah_halaman": 1,
        "pegawai": [],
    }
    if pembaruan is None:
        return body
    data = selectors.warning_list(saringan, halaman=halaman)
    body |= _paging(data.halaman)
    body["pegawai"] = [
        {
            "pegawai": _pegawai(row.profil),
            "alasan": row.alasan,
            "terakhir": pilihan(Predikat, row.terakhir) if row.terakhir else None,
            "periode_terakhir": row.terakhir_label,
            "proyeksi": pilihan(Predikat, row.proyeksi) if row.proyeksi else None,
            "risiko": row.profil.risiko,
            "risiko_teks": row.risiko,
            "penilai": {
                "id": row.profil.penilai.pk,
                "nip": row.profil.penilai.nip,
                "nama": row.profil.penilai.nama,
            }
            if row.profil.penilai
            else None,
        }
        for row in data.baris
    ]
    return body
