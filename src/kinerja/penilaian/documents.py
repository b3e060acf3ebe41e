"""Assessment documents (WeasyPrint, A4 portrait), in the layouts of PermenPANRB 6/2022:

- the periodic "Evaluasi Kinerja Pegawai" (a quarter or a month) and the annual "Dokumen
  Evaluasi Kinerja Pegawai": the identity of the employee, the appraiser and the appraiser's
  superior as frozen in the assessment (`Penilaian.identitas`), the organisation's rating and
  the curve of the employee's group, the result per RHK from the inputs snapshot
  (`Penilaian.masukan`), the behaviour ratings, the predikat, the notes and the objection (the
  annual document always shows the objection section), and the signature blocks;
- the group's "Format Penetapan Predikat Kinerja": every member's ratings and predikat, the
  distribution against the curve and the leader's signature;
- the ZIP of a group's documents (every evaluation plus the Format Penetapan), made by the
  background job `penilaian.dokumen` (registered in `penilaian/jobs.py`).

Drafts (an assessment or a group not finalised) carry the DRAF mark. The stylesheet and the
identity and signature partials are those of the SKP document (`skp/templates/skp/pdf/`)."""

from __future__ import annotations

import datetime
import tempfile
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.aturan.enums import Predikat, PredikatOrganisasi, Rating
from kinerja.audit.services import Aktor
from kinerja.core.formatting import MONTHS, format_date, format_number
from kinerja.jobs import registry
from kinerja.jobs.models import Pekerjaan
from kinerja.jobs.progress import Progress
from kinerja.jobs.services import job_create
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.models import Unit
from kinerja.penilaian import access, selectors
from kinerja.penilaian.enums import StatusKeberatan
from kinerja.penilaian.models import Keberatan, Penilaian
from kinerja.periode.models import Periode
from kinerja.periode.rules import QUARTER_NAMES, TAHUNAN
from kinerja.skp.documents import DASH, _safe
from kinerja.skp.documents import _person_rows as identity_rows  # the SKP identity table
from kinerja.skp.enums import Aspek, JenisRhk
from kinerja.skp.selectors import berakhlak_values, person_snapshot

JOB_KIND = "penilaian.dokumen"
RESULT_TEMPLATE = "penilaian/dokumen_hasil.html"
EVALUASI_TEMPLATE = "penilaian/pdf/evaluasi.html"
PENETAPAN_TEMPLATE = "penilaian/pdf/penetapan.html"
ARROW = "\N{RIGHTWARDS ARROW}"


# --- Shared pieces ---------------------------------------------------------------------------


def period_heading(periode: Periode) -> str:
    """'PERIODE: TRIWULAN II', 'PERIODE: TRIWULAN IV/AKHIR', 'PERIODE: BULAN JANUARI',
    'PERIODE: TAHUNAN' (from the period's code)."""
    kode = periode.kode
    if kode == TAHUNAN:
        return _("PERIODE: TAHUNAN")
    if kode.startswith("TW") and kode[2:].isdigit() and int(kode[2:]) in QUARTER_NAMES:
        number = int(kode[2:])
        if number == 4:
            return _("PERIODE: TRIWULAN IV/AKHIR")
        return _("PERIODE: TRIWULAN %(nomor)s") % {"nomor": QUARTER_NAMES[number]}
    if kode.startswith("B") and kode[1:].isdigit() and 1 <= int(kode[1:]) <= 12:
        return _("PERIODE: BULAN %(bulan)s") % {"bulan": MONTHS[int(kode[1:]) - 1].upper()}
    return _("PERIODE: %(periode)s") % {"periode": periode.nama.upper()}


def period_dates(periode: Periode) -> str:
    """'PERIODE PENILAIAN: 1 APRIL 2026 SD 30 JUNI 2026'."""
    return _("PERIODE PENILAIAN: %(mulai)s SD %(selesai)s") % {
        "mulai": format_date(periode.mulai).upper(),
        "selesai": format_date(periode.selesai).upper(),
    }


def _label(enum: Any, code: str | None) -> str:
    found = enum.parse(code) if code else None
    return str(found.label) if found is not None else DASH


def _place_date(day: datetime.date) -> str:
    return f"{settings.AGENCY_CITY}, {format_date(day)}"


def _local_day(moment: datetime.datetime | None, today: datetime.date) -> datetime.date:
    return timezone.localdate(moment) if moment is not None else today


def _render(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # heavy: imported when a document is made

    pdf = HTML(string=render_to_string(template, context), base_url=None).write_pdf()
    assert pdf is not None
    return pdf


# --- The evaluation document -----------------------------------------------------------------


@dataclass(frozen=True)
class BarisIndikator:
    aspek: str
    iki: str
    target: str
    realisasi: str
    capaian: str


@dataclass(frozen=True)
class BlokRhk:
    """One RHK of the result table: its indicator rows, its rating spanning them."""

    nomor: int
    uraian: str
    indikator: list[BarisIndikator]
    rating: str

    @property
    def rowspan(self) -> int:
        return len(self.indikator)


def _capaian_text(value: str | None) -> str:
    if not value:
        return DASH
    try:
        return f"{format_number(Decimal(value), 2)}%"
    except InvalidOperation:
        return DASH


def _rhk_blocks(penilaian: Penilaian, jenis: JenisRhk) -> list[BlokRhk]:
    """The RHKs of one kind from the inputs snapshot, each with the rating given (the explicit
    one of `rating_rhk`, else the one the form showed)."""
    items = [
        item for item in (penilaian.masukan or {}).get("rhk", []) if item.get("jenis") == jenis
    ]
    blocks = []
    for number, item in enumerate(items, start=1):
        rows = [
            BarisIndikator(
                aspek=_label(Aspek, ind.get("aspek")),
                iki=ind.get("uraian") or DASH,
                target=ind.get("target") or DASH,
                realisasi=ind.get("realisasi") or DASH,
                capaian=_capaian_text(ind.get("capaian")),
            )
            for ind in item.get("indikator", [])
        ]
        rating = (penilaian.rating_rhk or {}).get(item.get("kode", "")) or item.get("rating")
        blocks.append(
            BlokRhk(
                nomor=number,
                uraian=item.get("uraian") or DASH,
                indikator=rows or [BarisIndikator(DASH, DASH, DASH, DASH, DASH)],
                rating=_label(Rating, rating),
            )
        )
    return blocks


def _behaviour_rows(penilaian: Penilaian) -> list[tuple[str, str]]:
    """The 7 BerAKHLAK values with their rating (explicit, else as the form showed)."""
    shown = {
        item.get("kode"): item.get("rating")
        for item in (penilaian.masukan or {}).get("perilaku", [])
    }
    given = penilaian.rating_nilai or {}
    return [
        (value["nama"], _label(Rating, given.get(value["kode"]) or shown.get(value["kode"])))
        for value in berakhlak_values()
    ]


def _organisation_text(kelompok: selectors.Kelompok | None) -> str:
    """'Baik (Bagian SDM)': the rating frozen at finalisation, else the current one."""
    if kelompok is None:
        return DASH
    if kelompok.is_final and kelompok.penetapan is not None:
        code = kelompok.penetapan.predikat_organisasi
    elif kelompok.organisasi is not None:
        code = kelompok.organisasi.predikat
    else:
        return DASH
    return f"{_label(PredikatOrganisasi, code)} ({kelompok.unit.nama})"


def _date_of(moment: datetime.datetime | None) -> str:
    return format_date(timezone.localdate(moment)) if moment is not None else DASH


def objection_context(keberatan: Keberatan | None) -> dict[str, Any] | None:
    """The objection's three parts (the employee's reasons, the appraiser's explanation, the
    superior's decision with the old and new predikat); None when there is none."""
    if keberatan is None:
        return None
    status = StatusKeberatan(keberatan.status)
    lama = _label(Predikat, keberatan.predikat_lama)
    if status == StatusKeberatan.DITERIMA:
        putusan = _("Keberatan diterima. Predikat: %(lama)s %(panah)s %(baru)s.") % {
            "lama": lama,
            "panah": ARROW,
            "baru": _label(Predikat, keberatan.predikat_baru),
        }
    elif status == StatusKeberatan.DITOLAK:
        putusan = _("Keberatan ditolak. Predikat tetap: %(lama)s.") % {"lama": lama}
    elif status == StatusKeberatan.DITARIK:
        putusan = _("Keberatan ditarik oleh pegawai.")
    else:
        putusan = _("Belum diputuskan.")
    return {
        "status": str(status.label),
        "alasan": keberatan.alasan,
        "diajukan_pada": _date_of(keberatan.diajukan_pada),
        "penjelasan": keberatan.penjelasan or DASH,
        "dijelaskan_pada": _date_of(keberatan.dijelaskan_pada),
        "putusan": putusan,
        "keputusan": keberatan.keputusan or DASH,
        "diputuskan_pada": _date_of(keberatan.diputuskan_pada),
    }


def evaluation_context(
    penilaian: Penilaian,
    kelompok: selectors.Kelompok | None,
    keberatan: Keberatan | None,
    today: datetime.date,
) -> dict[str, Any]:
    """What the evaluation document shows, every text already in the current language."""
    periode = penilaian.periode
    tahunan = periode.is_annual
    identitas = penilaian.identitas or {}
    pegawai = identitas.get("pegawai") or {}
    penilai = identitas.get("penilai") or {}
    atasan = identitas.get("atasan_penilai") or {}
    hasil = kelompok.hasil if kelompok is not None else None
    catatan = penilaian.catatan.strip()
    judul = _("DOKUMEN EVALUASI KINERJA PEGAWAI") if tahunan else _("EVALUASI KINERJA PEGAWAI")
    return {
        "judul": judul,
        "tahunan": tahunan,
        "draf": not penilaian.is_final,
        "instansi": settings.AGENCY_NAME,
        "periode": period_heading(periode),
        "periode_tanggal": period_dates(periode),
        "identitas": identity_rows(pegawai or None, penilai or None),
        "identitas_atasan": [
            (number, label, value)
            for number, label, value, _other in identity_rows(atasan or None, None)
        ],
        "organisasi": _organisation_text(kelompok),
        "batang": selectors.chart_of(hasil) if hasil is not None else None,
        "kurva_ringkasan": hasil.penjelasan.ringkasan if hasil is not None else "",
        "utama": _rhk_blocks(penilaian, JenisRhk.UTAMA),
        "tambahan": _rhk_blocks(penilaian, JenisRhk.TAMBAHAN),
        "rating_hasil": _label(Rating, penilaian.rating_hasil),
        "perilaku": _behaviour_rows(penilaian),
        "rating_perilaku": _label(Rating, penilaian.rating_perilaku),
        "predikat": _label(Predikat, penilaian.predikat),
        "tampil_catatan": tahunan or bool(catatan),
        "catatan": catatan or DASH,
        "tampil_keberatan": tahunan or keberatan is not None,
        "keberatan": objection_context(keberatan),
        "tempat_tanggal": _place_date(
            _local_day(penilaian.ditetapkan_pada if penilaian.is_final else None, today)
        ),
        "pegawai": pegawai,
        "penilai": penilai,
        "atasan": atasan,
        "kaki": _("Evaluasi Kinerja %(periode)s %(tahun)s · %(nama)s · NIP %(nip)s")
        % {
            "periode": periode.nama,
            "tahun": periode.tahun.tahun,
            "nama": pegawai.get("nama", ""),
            "nip": pegawai.get("nip", ""),
        },
        "dash": DASH,
    }


def _evaluation_pdf(
    penilaian: Penilaian, kelompok: selectors.Kelompok | None, keberatan: Keberatan | None
) -> bytes:
    context = evaluation_context(penilaian, kelompok, keberatan, timezone.localdate())
    return _render(EVALUASI_TEMPLATE, context)


def evaluasi_pdf(penilaian: Penilaian) -> bytes:
    """The assessment's evaluation document (periodic or annual) as a PDF."""
    return _evaluation_pdf(
        penilaian,
        selectors.group_of_penilaian(penilaian),
        Keberatan.objects.filter(penilaian=penilaian).first(),
    )


def evaluasi_filename(penilaian: Penilaian) -> str:
    """'EvaluasiKinerja-2026-TW2-<nip>.pdf'."""
    periode = penilaian.periode
    nip = _safe(penilaian.pegawai.nip) or "pegawai"
    return f"EvaluasiKinerja-{periode.tahun.tahun}-{_safe(periode.kode)}-{nip}.pdf"


# --- The Format Penetapan --------------------------------------------------------------------


@dataclass(frozen=True)
class BarisAnggota:
    nomor: int
    nama: str
    nip: str
    jabatan: str
    rating_hasil: str
    rating_perilaku: str
    predikat: str


def _member_rows(kelompok: selectors.Kelompok) -> list[BarisAnggota]:
    """Every rated member as recorded in the assessment (frozen when finalised)."""
    rows = []
    for number, item in enumerate(kelompok.rated, start=1):
        person = (item.identitas or {}).get("pegawai") or person_snapshot(item.pegawai) or {}
        rows.append(
            BarisAnggota(
                nomor=number,
                nama=person.get("nama") or DASH,
                nip=person.get("nip") or DASH,
                jabatan=person.get("jabatan") or DASH,
                rating_hasil=_label(Rating, item.rating_hasil),
                rating_perilaku=_label(Rating, item.rating_perilaku),
                predikat=_label(Predikat, item.predikat),
            )
        )
    return rows


def _range_text(minimum: int | None, maksimum: int | None) -> str:
    if minimum is None or maksimum is None:
        return DASH
    return _("%(minimum)s–%(maksimum)s orang") % {"minimum": minimum, "maksimum": maksimum}


def _compliance_text(kelompok: selectors.Kelompok) -> str:
    hasil = kelompok.hasil
    assert hasil is not None
    if hasil.sesuai is None:
        verdict = _("Terlalu kecil untuk dinilai terhadap kurva")
    elif hasil.sesuai:
        verdict = _("Sesuai kurva")
    else:
        verdict = _("Tidak sesuai kurva")
    return f"{verdict}. {hasil.penjelasan.ringkasan}"


def penetapan_context(kelompok: selectors.Kelompok, today: datetime.date) -> dict[str, Any]:
    """What the Format Penetapan shows; the group must have an organisation rating."""
    hasil = kelompok.hasil
    if kelompok.organisasi is None or hasil is None:
        raise ValueError("A group without an organisation rating has no Format Penetapan.")
    periode = kelompok.periode
    final = kelompok.is_final and kelompok.penetapan is not None
    penetapan = kelompok.penetapan
    if final and penetapan is not None:
        signer = penetapan.penanda_tangan or {}
        day = _local_day(penetapan.ditetapkan_pada, today)
    else:
        signer = person_snapshot(kelompok.kepala) or {}
        day = today
    bars = selectors.chart_of(hasil)
    return {
        "draf": not final,
        "instansi": settings.AGENCY_NAME,
        "periode": period_heading(periode),
        "periode_tanggal": period_dates(periode),
        "unit": f"{kelompok.unit.kode} {DASH} {kelompok.unit.nama}",
        "organisasi": _organisation_text(kelompok),
        "jumlah_pegawai": len(kelompok.rated),
        "anggota": _member_rows(kelompok),
        "batang": bars,
        "distribusi": [
            (
                bar.label,
                bar.jumlah,
                f"{format_number(bar.persen, 1)}%",
                _range_text(bar.minimum, bar.maksimum),
            )
            for bar in bars
        ],
        "batasan": [
            (
                item.label,
                _range_text(item.minimum, item.maksimum),
                item.jumlah,
                _("Terpenuhi") if item.terpenuhi else _("Tidak terpenuhi"),
            )
            for item in hasil.batasan
        ],
        "kesesuaian": _compliance_text(kelompok),
        "tempat_tanggal": _place_date(day),
        "penanda_tangan": signer,
        "kaki": _("Penetapan Predikat Kinerja %(periode)s %(tahun)s · %(unit)s")
        % {"periode": periode.nama, "tahun": periode.tahun.tahun, "unit": kelompok.unit.nama},
        "dash": DASH,
    }


def penetapan_pdf(group: selectors.Kelompok) -> bytes:
    """The group's Format Penetapan Predikat Kinerja as a PDF."""
    return _render(PENETAPAN_TEMPLATE, penetapan_context(group, timezone.localdate()))


def penetapan_filename(group: selectors.Kelompok) -> str:
    """'PenetapanPredikat-2026-TW1-<unit code>.pdf'."""
    periode = group.periode
    unit = _safe(group.unit.kode) or str(group.unit.pk)
    return f"PenetapanPredikat-{periode.tahun.tahun}-{_safe(periode.kode)}-{unit}.pdf"


# --- The ZIP of a group's documents ----------------------------------------------------------


def may_bulk(scope: Lingkup, unit: Unit) -> bool:
    """Every member's evaluation goes to those who finalise the group or read the unit."""
    return access.may_finalise(scope, unit) or scope.reads_path(unit.jalur)


def member_name(penilaian: Penilaian, periode: Periode) -> str:
    """'EvaluasiKinerja-2026-TW1-<nip>-Siti_Aminah.pdf'."""
    name = _safe(penilaian.pegawai.nama)
    nip = _safe(penilaian.pegawai.nip) or str(penilaian.pk)
    suffix = f"-{name}" if name else ""
    return f"EvaluasiKinerja-{periode.tahun.tahun}-{_safe(periode.kode)}-{nip}{suffix}.pdf"


def archive_name(unit: Unit, periode: Periode) -> str:
    unit_code = _safe(unit.kode) or str(unit.pk)
    return f"EvaluasiKinerja-{unit_code}-{periode.tahun.tahun}-{_safe(periode.kode)}.zip"


def _group_problem(kelompok: selectors.Kelompok) -> str | None:
    if kelompok.organisasi is None:
        return _(
            "Capaian kinerja organisasi %(unit)s untuk %(periode)s belum ditetapkan; belum ada "
            "kelompok penilaian."
        ) % {"unit": kelompok.unit.nama, "periode": kelompok.periode.nama}
    if not kelompok.rated:
        return _("Belum ada pegawai yang dinilai di kelompok %(unit)s; tidak ada dokumen.") % {
            "unit": kelompok.unit.nama
        }
    return None


def bulk_start(*, aktor: Aktor, pengguna: Any, unit: Unit, periode: Periode) -> Pekerjaan:
    """Start the job that makes one ZIP of the group's documents: the evaluation of every
    rated member and the Format Penetapan. PermissionDenied unless the user finalises the group
    or reads the unit; ValidationError when the unit has no group or nobody is rated."""
    if not may_bulk(scope_for(pengguna), unit):
        raise PermissionDenied
    problem = _group_problem(selectors.kelompok_detail(unit, periode))
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        job = job_create(
            jenis=JOB_KIND,
            judul=_("Dokumen evaluasi kinerja %(unit)s %(periode)s %(tahun)s")
            % {"unit": unit.nama, "periode": periode.nama, "tahun": periode.tahun.tahun},
            parameter={"unit_id": unit.pk, "periode_id": periode.pk, "pengguna_id": pengguna.pk},
            pengguna_id=aktor.pengguna_id,
        )
        # The archive is stored under the job's id; the job runs after this commits.
        job.parameter["pekerjaan_id"] = str(job.pk)
        job.save(update_fields=["parameter"])
    return job


def _job_scope(parameter: dict[str, Any]) -> Lingkup:
    user = (
        get_user_model()
        .objects.filter(pk=int(parameter.get("pengguna_id") or 0), is_active=True)
        .first()
    )
    if user is None:
        raise registry.JobFailed(_("Pengguna yang memulai pekerjaan ini tidak ada atau nonaktif."))
    return scope_for(user)


def _job_group(parameter: dict[str, Any]) -> selectors.Kelompok:
    """The group of the job, access checked again for the job's creator."""
    scope = _job_scope(parameter)
    unit = Unit.objects.filter(pk=int(parameter["unit_id"])).first()
    if unit is None or not may_bulk(scope, unit):
        raise registry.JobFailed(_("Unit tidak ada atau di luar lingkup Anda."))
    periode = (
        Periode.objects.select_related("tahun").filter(pk=int(parameter["periode_id"])).first()
    )
    if periode is None:
        raise registry.JobFailed(_("Periode tidak ada."))
    kelompok = selectors.kelompok_detail(unit, periode)
    problem = _group_problem(kelompok)
    if problem:
        raise registry.JobFailed(problem)
    return kelompok


def bulk_build(parameter: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """The `penilaian.dokumen` job: one PDF per rated member and the Format Penetapan, in one
    ZIP in the default storage; returns the file, the counts and the members not rated."""
    kelompok = _job_group(parameter)
    unit, periode = kelompok.unit, kelompok.periode
    rated = kelompok.rated
    objections = {item.penilaian_id: item for item in Keberatan.objects.filter(penilaian__in=rated)}
    name = archive_name(unit, periode)
    progress.start(len(rated) + 1, _("Membuat dokumen evaluasi kinerja"))
    with tempfile.TemporaryFile() as buffer:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for item in rated:
                item.periode = periode  # the group's period: no query per member
                archive.writestr(
                    member_name(item, periode),
                    _evaluation_pdf(item, kelompok, objections.get(item.pk)),
                )
                progress.advance()
            archive.writestr(penetapan_filename(kelompok), penetapan_pdf(kelompok))
            progress.advance()
        buffer.seek(0)
        folder = _safe(str(parameter.get("pekerjaan_id", ""))) or "tanpa-id"
        stored = default_storage.save(f"dokumen/{folder}/{name}", File(buffer, name=name))
    return {
        "berkas": stored,
        "nama_berkas": name,
        "unit": f"{unit.kode} {DASH} {unit.nama}",
        "periode": f"{periode.nama} {periode.tahun.tahun}",
        "ditetapkan": kelompok.is_final,
        "jumlah": len(rated) + 1,
        "belum_dinilai": [{"nip": p.nip, "nama": p.nama} for p in kelompok.unrated],
    }
