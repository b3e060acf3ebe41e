"""The "Umpan Balik" sheet of a period report (WeasyPrint, A4 portrait): the identity of the
employee and the appraiser, then per RHK the leader's RHK (JA/JF form) or the perspektif (JPT
form), each indicator with its target and this period's realisation, the evidence with its
verdict and the appraiser's continuous feedback; then the feedback on each BerAKHLAK value, and
the signature block. It reuses the layout and stylesheet of the SKP document
(`skp/templates/skp/pdf/`)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.formatting import format_date
from kinerja.realisasi import selectors
from kinerja.realisasi.enums import StatusBukti, StatusLaporan
from kinerja.realisasi.models import Laporan
from kinerja.realisasi.selectors import LaporanTampil, RhkTampil
from kinerja.skp import rules as skp_rules
from kinerja.skp.documents import DASH
from kinerja.skp.documents import _person_rows as identity_rows  # the SKP identity table
from kinerja.skp.enums import Aspek, JenisRhk, Perspektif
from kinerja.skp.selectors import identitas_of

PDF_TEMPLATE = "realisasi/pdf/umpan_balik.html"


@dataclass(frozen=True)
class BarisIndikator:
    aspek: str
    iki: str
    target: str
    realisasi: str


@dataclass(frozen=True)
class BlokRhk:
    """One RHK of the sheet: its indicator rows, then its evidence and its feedback."""

    nomor: int
    uraian: str
    kolom_kiri: str
    """The leader's RHK it supports (JA/JF form) or its perspektif (JPT form)."""
    indikator: list[BarisIndikator]
    bukti: list[str]
    umpan_balik: str

    @property
    def rowspan(self) -> int:
        """Rows of the number cell: the indicators, the evidence row and the feedback row."""
        return len(self.indikator) + 2


def _realisation_text(pendekatan: str, satuan: str, found: Any) -> str:
    """'10 laporan' (kuantitatif) or the narrative; a dash when nothing was recorded."""
    if found is None:
        return DASH
    return skp_rules.target_text(pendekatan, found.nilai, satuan, found.narasi) or DASH


def evidence_text(uraian: str, status: str, catatan: str) -> str:
    """'Daftar hadir (Perlu Perbaikan: tanda tangan kurang)'; the note only when there is one."""
    verdict = str(StatusBukti(status).label)
    note = catatan.strip()
    return f"{uraian} ({verdict}: {note})" if note else f"{uraian} ({verdict})"


def _block(number: int, shown: RhkTampil, pendekatan: str, jpt: bool) -> BlokRhk:
    rhk = shown.rhk
    if jpt:
        left = str(Perspektif(rhk.perspektif).label) if rhk.perspektif else DASH
    else:
        left = rhk.rhk_atasan.uraian if rhk.rhk_atasan else DASH
    rows = [
        BarisIndikator(
            aspek=str(Aspek(indikator.aspek).label),
            iki=indikator.uraian,
            target=indikator.target_text(pendekatan) or DASH,
            realisasi=_realisation_text(pendekatan, indikator.target_satuan, found),
        )
        for indikator, found in shown.indikator
    ]
    return BlokRhk(
        nomor=number,
        uraian=rhk.uraian,
        kolom_kiri=left,
        indikator=rows or [BarisIndikator(DASH, DASH, DASH, DASH)],
        bukti=[
            evidence_text(item.bukti.uraian, item.bukti.status, item.bukti.catatan)
            for item in shown.bukti
        ],
        umpan_balik=shown.umpan_balik.isi if shown.umpan_balik else DASH,
    )


def _blocks(items: list[RhkTampil], jenis: JenisRhk, pendekatan: str, jpt: bool) -> list[BlokRhk]:
    chosen = [item for item in items if item.rhk.jenis == jenis.value]
    return [_block(number, item, pendekatan, jpt) for number, item in enumerate(chosen, start=1)]


def signature_date(detail: LaporanTampil, today: datetime.date) -> datetime.date:
    """The day of the report's latest verdict; today while nothing has been verified."""
    verified = [
        item.bukti.diverifikasi_pada
        for rhk in detail.rhk
        for item in rhk.bukti
        if item.bukti.diverifikasi_pada is not None
    ]
    return timezone.localdate(max(verified)) if verified else today


def feedback_context(
    laporan: Laporan, detail: LaporanTampil, identitas: dict[str, Any], today: datetime.date
) -> dict[str, Any]:
    """What the sheet shows, every text already in the current language."""
    pegawai, penilai = identitas.get("pegawai"), identitas.get("penilai")
    jenis_jabatan = (pegawai or {}).get("jenis_jabatan", "")
    jpt = skp_rules.form_kind(jenis_jabatan) == skp_rules.FORM_JPT
    pendekatan = laporan.skp.pendekatan
    periode = laporan.periode
    periode_text = f"{periode.nama} {periode.tahun.tahun}"
    selesai = laporan.status == StatusLaporan.SELESAI.value
    return {
        "jpt": jpt,
        "kolom": 6 if jpt else 7,
        "instansi": settings.AGENCY_NAME,
        "periode": _("PERIODE: %(periode)s") % {"periode": periode_text},
        "catatan_status": ""
        if selesai
        else _("Verifikasi bukti dukung belum selesai (status laporan: %(status)s).")
        % {"status": StatusLaporan(laporan.status).label},
        "identitas": identity_rows(pegawai, penilai),
        "utama": _blocks(detail.rhk, JenisRhk.UTAMA, pendekatan, jpt),
        "tambahan": _blocks(detail.rhk, JenisRhk.TAMBAHAN, pendekatan, jpt),
        "perilaku": [
            {
                "nama": value.get("nama", ""),
                "panduan": value.get("panduan", []),
                "umpan_balik": value["umpan_balik"].isi if value.get("umpan_balik") else DASH,
            }
            for value in detail.perilaku
        ],
        "tempat_tanggal": f"{settings.AGENCY_CITY}, {format_date(signature_date(detail, today))}",
        "pegawai": pegawai or {},
        "penilai": penilai or {},
        "kaki": _("Umpan Balik %(periode)s · %(nama)s · NIP %(nip)s")
        % {
            "periode": periode_text,
            "nama": (pegawai or {}).get("nama", ""),
            "nip": (pegawai or {}).get("nip", ""),
        },
        "dash": DASH,
    }


def feedback_pdf(laporan: Laporan) -> bytes:
    """The Umpan Balik sheet of a report as a PDF."""
    from weasyprint import HTML  # heavy: imported when a document is made

    context = feedback_context(
        laporan,
        selectors.laporan_detail(laporan),
        identitas_of(laporan.skp),
        timezone.localdate(),
    )
    pdf = HTML(string=render_to_string(PDF_TEMPLATE, context), base_url=None).write_pdf()
    assert pdf is not None
    return pdf


def pdf_filename(laporan: Laporan) -> str:
    """'UmpanBalik-2026-TW3-<nip>.pdf'."""
    nip = re.sub(r"[^0-9A-Za-z]+", "", laporan.skp.pegawai.nip) or "pegawai"
    kode = re.sub(r"[^0-9A-Za-z]+", "", laporan.periode.kode)
    return f"UmpanBalik-{laporan.periode.tahun.tahun}-{kode}-{nip}.pdf"
