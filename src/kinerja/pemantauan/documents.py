"""The monthly report for leaders (WeasyPrint, A4 portrait): the dashboard of a unit for a
period and a jenis jabatan with every table and every chart as the same inline SVG as the page
(the cycle's progress per sub-unit, who is late, the distribution against the curves, the
predikat matrix over time and the outlook). Made in the request: its size is bounded by the
number of sub-units, periods and one page of the late list."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.formatting import format_date
from kinerja.organisasi.enums import JenisJabatan
from kinerja.pemantauan.selectors.ringkasan import Dasbor, period_label

TEMPLATE = "pemantauan/laporan_pdf.html"


def _render(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # heavy: imported when a document is made

    pdf = HTML(string=render_to_string(template, context), base_url=None).write_pdf()
    assert pdf is not None
    return pdf


def laporan_context(dasbor: Dasbor) -> dict[str, Any]:
    jenis = JenisJabatan.parse(dasbor.jenis_jabatan) if dasbor.jenis_jabatan else None
    today = timezone.localdate()
    return {
        "dasbor": dasbor,
        "pdf": True,
        "nama_instansi": settings.AGENCY_NAME,
        "periode_label": period_label(dasbor.periode) if dasbor.periode else "",
        "jenis_label": str(jenis.label) if jenis else _("Semua jenis jabatan"),
        "tanggal": format_date(today),
        "tempat_tanggal": f"{settings.AGENCY_CITY}, {format_date(today)}",
    }


def laporan_pdf(dasbor: Dasbor) -> bytes:
    return _render(TEMPLATE, laporan_context(dasbor))


def laporan_filename(dasbor: Dasbor) -> str:
    periode = dasbor.periode
    suffix = f"-{periode.tahun.tahun}-{periode.kode}" if periode else ""
    jenis = f"-{dasbor.jenis_jabatan.lower()}" if dasbor.jenis_jabatan else ""
    return f"laporan-kinerja-{dasbor.unit.kode}{suffix}{jenis}.pdf"
