"""The appraiser's team dashboard: `GET /tim?periode=<id>` (the latest started period by
default), the same selector and access check as the page: 404 for who appraises nobody, 422
naming `periode` for an unknown period."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router

from kinerja.aturan.enums import Predikat, PredikatOrganisasi, Tren
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.enums import JenisPengecualian
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.pemantauan import access
from kinerja.pemantauan.schemas_tim import TimOut
from kinerja.pemantauan.selectors import tim as selectors
from kinerja.realisasi.enums import StatusLaporan
from kinerja.skp.enums import StatusSkp
from kinerja.skp.schemas import pilihan

router = Router()


def _unit(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "kode": unit.kode, "nama": unit.nama}


def _pegawai(pegawai: Pegawai) -> dict[str, Any]:
    return {
        "id": pegawai.pk,
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "jabatan": pegawai.jabatan.nama,
        "unit": _unit(pegawai.unit),
    }


def _actions(row: selectors.BarisTim, periode_id: int) -> list[dict[str, str]]:
    found = []
    if row.skp_menunggu and row.skp_id:
        found.append(("PERIKSA_SKP", _("Periksa SKP"), reverse("skp:detail", args=[row.skp_id])))
    if row.bukti_menunggu and row.laporan_id:
        url = reverse("realisasi:detail", args=[row.laporan_id])
        found.append(("VERIFIKASI_BUKTI", _("Verifikasi bukti dukung"), url))
    if not row.dikecualikan:
        label = {
            selectors.StatusNilai.BELUM: _("Beri penilaian"),
            selectors.StatusNilai.DRAF: _("Ubah draf penilaian"),
            selectors.StatusNilai.FINAL: _("Lihat penilaian"),
        }[row.status_nilai]
        url = reverse("penilaian:nilai", args=[row.pegawai.pk, periode_id])
        found.append(("PENILAIAN", label, url))
    return [{"kode": kode, "label": str(label), "url": url} for kode, label, url in found]


def _member(row: selectors.BarisTim, periode_id: int) -> dict[str, Any]:
    return {
        "pegawai": _pegawai(row.pegawai),
        "dikecualikan": pilihan(JenisPengecualian, row.pengecualian or ""),
        "skp": (
            {"id": row.skp_id, "status": pilihan(StatusSkp, row.skp_status)}
            if row.skp_id and row.skp_status
            else None
        ),
        "laporan": (
            {"id": row.laporan_id, "status": pilihan(StatusLaporan, row.laporan_status)}
            if row.laporan_id and row.laporan_status
            else None
        ),
        "bukti_menunggu": row.bukti_menunggu,
        "menunggu_sejak": row.menunggu_sejak,
        "lama_menunggu_hari": row.lama_menunggu,
        "penilaian": {
            "id": row.penilaian_id,
            "status": pilihan(selectors.StatusNilai, row.status_nilai),
            "predikat": pilihan(Predikat, row.predikat or ""),
        },
        "tindakan": _actions(row, periode_id),
    }


def _trend(item: selectors.TrenAnggota) -> dict[str, Any]:
    return {
        "pegawai": _pegawai(item.pegawai),
        "seri": [{"label": label, "predikat": pilihan(Predikat, p)} for label, p in item.seri],
        "tren": pilihan(Tren, item.tren),
        "tren_tahunan": pilihan(Tren, item.tren_tahunan),
        "penjelasan": item.penjelasan,
        "langkah": item.langkah,
        "proyeksi": pilihan(Predikat, item.proyeksi or ""),
        "peluang": item.peluang,
        "risiko": item.risiko,
        "dasar_proyeksi": item.penjelasan_proyeksi,
        "peringatan": item.peringatan,
        "alasan": item.alasan,
    }


def _body(data: selectors.DasborTim) -> dict[str, Any]:
    periode, total = data.periode, data.total
    return {
        "periode": {
            "id": periode.pk,
            "tahun": periode.tahun.tahun,
            "kode": periode.kode,
            "nama": periode.nama,
        },
        "pembaruan": data.pembaruan.selesai_pada if data.pembaruan else None,
        "anggota": [_member(row, periode.pk) for row in data.baris],
        "total": {
            "anggota": total.anggota,
            "dikecualikan": total.dikecualikan,
            "skp_menunggu": total.skp_menunggu,
            "bukti_menunggu": total.bukti_menunggu,
            "belum_dinilai": total.belum_dinilai,
            "menunggu_sejak": total.menunggu_sejak,
            "lama_menunggu_hari": total.lama_menunggu,
        },
        "sebaran": [
            {
                "predikat": pilihan(Predikat, item.predikat),
                "final": item.final,
                "draf": item.draf,
                "jumlah": item.jumlah,
            }
            for item in data.sebaran
        ],
        "kelompok": [
            {
                "unit": _unit(group.unit),
                "predikat_organisasi": pilihan(PredikatOrganisasi, group.predikat_organisasi),
                "anggota_tim": group.anggota_tim,
                "ditetapkan": group.ditetapkan,
                "kesesuaian": {"kode": group.kesesuaian_kode, "label": group.kesesuaian},
                "diperbarui_pada": group.diperbarui_pada,
            }
            for group in data.kelompok
        ],
        "tanpa_kelompok": data.tanpa_kelompok,
        "tren": [_trend(item) for item in data.tren],
    }


@router.get("/tim", response=TimOut, summary="Dasbor tim pejabat penilai")
def team(request: HttpRequest, periode: int | None = None) -> dict[str, Any]:
    """The caller's current appraisees for the period: each member's plan, report, evidence
    waiting for verification and assessment (live) with the totals, the team's distribution
    of predikat and its curve groups, and each member's trend and projection from the last
    monitoring refresh."""
    penilai_id = access.team_check(scope_for(request.user))
    _choices, chosen, unknown = selectors.period_chosen(periode)
    if unknown:
        raise ValidationError({"periode": [_("Periode tidak ditemukan.")]})
    if chosen is None:
        return {
            "periode": None,
            "pembaruan": None,
            "anggota": [],
            "total": None,
            "sebaran": [],
            "kelompok": [],
            "tanpa_kelompok": 0,
            "tren": [],
        }
    return _body(selectors.team_dashboard(penilai_id, chosen))
