"""SKP documents: the PDF of a plan (WeasyPrint, A4 portrait) in the official layouts of
PermenPANRB 6/2022 (the JPT form and the JA/JF form, the behaviour section, the Lampiran page,
the signature blocks), and the bulk ZIP of a unit's approved plans, made by a background job
(`skp.dokumen`, registered in `skp/jobs.py`).

The PDF is rendered from the document dict of `selectors.skp_document` (also the frozen
`RevisiSkp.dokumen`); labels of codes are looked up again in the current language, so a
revision frozen in one language prints in another."""

from __future__ import annotations

import datetime
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.audit.services import Aktor
from kinerja.core.formatting import MONTHS, format_date
from kinerja.jobs import registry
from kinerja.jobs.models import Pekerjaan
from kinerja.jobs.progress import Progress
from kinerja.jobs.services import job_create
from kinerja.organisasi.access import Lingkup, pegawai_readable, scope_for, unit_readable
from kinerja.organisasi.models import Unit
from kinerja.skp import rules, selectors
from kinerja.skp.access import skp_readable
from kinerja.skp.enums import Aspek, Pendekatan, Perspektif, StatusSkp
from kinerja.skp.models import RevisiSkp, Skp

JOB_KIND = "skp.dokumen"
RESULT_TEMPLATE = "skp/dokumen_hasil.html"
PDF_TEMPLATE = "skp/pdf/skp.html"
DASH = "\N{EN DASH}"
NAME_LENGTH = 60

# Rank names of the PNS golongan (PP 99/2000); a PPPK golongan (I–XVII) has no rank name.
PANGKAT = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}


# --- The document ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sel:
    """A table cell that spans `rowspan` rows (only the first row of the span carries it)."""

    text: str
    rowspan: int = 1


@dataclass(frozen=True)
class BarisHasil:
    """One row of the HASIL KERJA table: one indicator (or an RHK without one)."""

    no: Sel | None
    rhk_atasan: Sel | None
    rhk: Sel | None
    perspektif: Sel | None
    aspek: str
    iki: str
    target: str


def pangkat_text(golongan: str) -> str:
    """'III/a' -> 'Penata Muda, III/a'; a PPPK golongan as it is; none: a dash."""
    if not golongan:
        return DASH
    name = PANGKAT.get(golongan)
    return f"{name}, {golongan}" if name else golongan


def _label(enum: Any, code: str, stored: str) -> str:
    found = enum.parse(code) if code else None
    return str(found.label) if found is not None else stored


def _indikator_cells(rhk: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(aspek, IKI, target) per indicator; one empty row for an RHK without indicators."""
    cells = [
        (
            _label(Aspek, item.get("aspek", ""), item.get("aspek_label", "")),
            item.get("uraian", ""),
            item.get("target", ""),
        )
        for item in rhk.get("indikator", [])
    ]
    return cells or [(DASH, DASH, DASH)]


def _jpt_rows(items: list[dict[str, Any]]) -> list[BarisHasil]:
    rows = []
    for number, rhk in enumerate(items, start=1):
        cells = _indikator_cells(rhk)
        span = len(cells)
        perspektif = _label(Perspektif, rhk.get("perspektif", ""), rhk.get("perspektif_label", ""))
        for index, (aspek, iki, target) in enumerate(cells):
            first = index == 0
            rows.append(
                BarisHasil(
                    no=Sel(str(number), span) if first else None,
                    rhk_atasan=None,
                    rhk=Sel(rhk["uraian"], span) if first else None,
                    perspektif=Sel(perspektif or DASH, span) if first else None,
                    aspek=aspek,
                    iki=iki,
                    target=target,
                )
            )
    return rows


def _leader_key(rhk: dict[str, Any]) -> tuple[str, str, str] | None:
    atasan = rhk.get("rhk_atasan")
    if not atasan:
        return None
    return (atasan.get("pemilik", ""), atasan.get("kode", ""), atasan.get("uraian", ""))


def _ja_jf_rows(items: list[dict[str, Any]]) -> list[BarisHasil]:
    """Rows grouped by the leader's RHK they support (in order of first appearance), the
    leader's RHK spanning all its rows, each RHK spanning its indicators."""
    groups: dict[tuple[str, str, str] | None, list[dict[str, Any]]] = {}
    for rhk in items:
        groups.setdefault(_leader_key(rhk), []).append(rhk)
    rows = []
    number = 0
    for key, members in groups.items():
        group_span = sum(len(_indikator_cells(rhk)) for rhk in members)
        for position, rhk in enumerate(members):
            number += 1
            cells = _indikator_cells(rhk)
            for index, (aspek, iki, target) in enumerate(cells):
                first = index == 0
                rows.append(
                    BarisHasil(
                        no=Sel(str(number), len(cells)) if first else None,
                        rhk_atasan=(
                            Sel(key[2] if key else DASH, group_span)
                            if first and position == 0
                            else None
                        ),
                        rhk=Sel(rhk["uraian"], len(cells)) if first else None,
                        perspektif=None,
                        aspek=aspek,
                        iki=iki,
                        target=target,
                    )
                )
    return rows


def _person_rows(
    pegawai: dict[str, Any] | None, penilai: dict[str, Any] | None
) -> list[tuple[int, str, str, str]]:
    """The identity table: (number, label, the employee's value, the appraiser's value)."""

    def values(person: dict[str, Any] | None) -> list[str]:
        if not person:
            return [DASH] * 5
        return [
            person.get("nama") or DASH,
            person.get("nip") or DASH,
            pangkat_text(person.get("golongan", "")),
            person.get("jabatan") or DASH,
            person.get("unit_nama") or DASH,
        ]

    labels = [_("NAMA"), _("NIP"), _("PANGKAT/GOL. RUANG"), _("JABATAN"), _("UNIT KERJA")]
    rows = zip(labels, values(pegawai), values(penilai), strict=True)
    return [(number, *row) for number, row in enumerate(rows, start=1)]


def is_draft(dokumen: dict[str, Any]) -> bool:
    return dokumen.get("status") != StatusSkp.DISETUJUI.value


def signature_date(dokumen: dict[str, Any], today: datetime.date) -> datetime.date:
    """The approval date of an approved plan; today for a plan not (yet) approved."""
    approved = dokumen.get("disetujui_pada")
    if is_draft(dokumen) or not approved:
        return today
    return datetime.date.fromisoformat(approved)


def document_context(dokumen: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    """What the PDF template shows, every text already in the current language."""
    tahun = int(dokumen["tahun"])
    jpt = dokumen.get("form") == rules.FORM_JPT
    pendekatan = _label(
        Pendekatan, dokumen.get("pendekatan", ""), dokumen.get("pendekatan_label", "")
    )
    pegawai, penilai = dokumen.get("pegawai"), dokumen.get("penilai")
    lampiran = dokumen.get("lampiran", {})
    rows = _jpt_rows if jpt else _ja_jf_rows
    return {
        "jpt": jpt,
        "draf": is_draft(dokumen),
        "instansi": dokumen.get("instansi", ""),
        "pendekatan": _("PENDEKATAN HASIL KERJA %(pendekatan)s")
        % {"pendekatan": pendekatan.upper()},
        "bagi": (
            _("BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI")
            if jpt
            else _("BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL")
        ),
        "periode": _("PERIODE: %(mulai)s SD %(selesai)s")
        % {
            "mulai": f"1 {MONTHS[0]}".upper(),
            "selesai": format_date(datetime.date(tahun, 12, 31)).upper(),
        },
        "revisi": int(dokumen.get("revisi") or 1),
        "identitas": _person_rows(pegawai, penilai),
        "utama": rows(dokumen.get("rhk_utama", [])),
        "tambahan": rows(dokumen.get("rhk_tambahan", [])),
        "kolom_hasil": 5 if jpt else 6,
        "perilaku": [
            {
                "nama": value.get("nama", ""),
                "panduan": value.get("panduan", []),
                "ekspektasi": value.get("ekspektasi", "").strip() or DASH,
            }
            for value in dokumen.get("perilaku", [])
        ],
        "lampiran": [
            (_("DUKUNGAN SUMBER DAYA"), lampiran.get("dukungan_sumber_daya", [])),
            (_("SKEMA PERTANGGUNGJAWABAN"), lampiran.get("skema_pertanggungjawaban", [])),
            (_("KONSEKUENSI"), lampiran.get("konsekuensi", [])),
        ],
        "tempat_tanggal": f"{dokumen.get('tempat', '')}, "
        f"{format_date(signature_date(dokumen, today))}",
        "pegawai": pegawai or {},
        "penilai": penilai or {},
        "kaki": _("SKP %(tahun)s · %(nama)s · NIP %(nip)s")
        % {
            "tahun": tahun,
            "nama": (pegawai or {}).get("nama", ""),
            "nip": (pegawai or {}).get("nip", ""),
        },
        "dash": DASH,
    }


def skp_pdf(dokumen: dict[str, Any]) -> bytes:
    """The SKP document (and its Lampiran page) as a PDF."""
    from weasyprint import HTML  # heavy: imported when a document is made

    html = render_to_string(PDF_TEMPLATE, document_context(dokumen, timezone.localdate()))
    pdf = HTML(string=html, base_url=None).write_pdf()
    assert pdf is not None
    return pdf


def pdf_filename(dokumen: dict[str, Any], nomor: int | None = None) -> str:
    """'SKP-2026-<nip>.pdf'; with a revision number 'SKP-2026-<nip>-revisi-2.pdf'."""
    nip = _safe((dokumen.get("pegawai") or {}).get("nip", "")) or "pegawai"
    suffix = f"-revisi-{nomor}" if nomor is not None else ""
    return f"SKP-{int(dokumen['tahun'])}-{nip}{suffix}.pdf"


# --- Bulk documents --------------------------------------------------------------------------


def _safe(text: str, length: int = NAME_LENGTH) -> str:
    """Letters, digits and hyphens in ASCII; other runs become one underscore."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9-]+", "_", ascii_text).strip("_-")[:length].strip("_-")


def member_name(tahun: int, nip: str, nama: str) -> str:
    """The file name of one plan in the ZIP: 'SKP-2026-<nip>-Siti_Aminah.pdf'."""
    name = _safe(nama)
    return f"SKP-{tahun}-{_safe(nip)}{'-' + name if name else ''}.pdf"


def archive_name(unit: Unit, tahun: int) -> str:
    return f"SKP-{_safe(unit.kode) or unit.pk}-{tahun}.zip"


def approved_plans(scope: Lingkup, unit: Unit, tahun: int) -> QuerySet[Skp]:
    """The approved plans of the year in the unit's subtree that the scope reads."""
    return (
        skp_readable(scope)
        .filter(
            tahun=tahun,
            status=StatusSkp.DISETUJUI.value,
            pegawai__unit__jalur__startswith=unit.jalur,
        )
        .select_related("pegawai", "pegawai__unit", "pegawai__jabatan")
        .order_by("pegawai__unit__jalur", "pegawai__nama", "pegawai__nip")
    )


def skipped_employees(scope: Lingkup, unit: Unit, tahun: int) -> list[dict[str, str]]:
    """Active employees of the subtree (that the scope reads) without an approved plan, with
    the reason (2 queries)."""
    employees = list(
        pegawai_readable(scope)
        .filter(aktif=True, unit__jalur__startswith=unit.jalur)
        .order_by("unit__kedalaman", "unit__kode", "nama", "nip")
        .values_list("pk", "nip", "nama")
    )
    statuses = dict(
        Skp.objects.filter(
            pegawai_id__in=[pk for pk, _nip, _nama in employees], tahun=tahun
        ).values_list("pegawai_id", "status")
    )
    skipped = []
    for pk, nip, nama in employees:
        status = statuses.get(pk)
        if status == StatusSkp.DISETUJUI.value:
            continue
        if status is None:
            reason = _("Belum ada SKP tahun %(tahun)s.") % {"tahun": tahun}
        else:
            reason = _("SKP berstatus %(status)s, belum disetujui.") % {
                "status": str(StatusSkp(status).label).lower()
            }
        skipped.append({"nip": nip, "nama": nama, "alasan": reason})
    return skipped


def bulk_documents_submit(*, aktor: Aktor, scope: Lingkup, unit: Unit, tahun: int) -> Pekerjaan:
    """Start the job that makes the PDFs of the unit subtree's approved plans of the year into
    one ZIP. Refused when the scope does not read the unit or nothing is approved yet."""
    if not unit_readable(scope).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("Unit ini di luar lingkup Anda.")})
    if not approved_plans(scope, unit, tahun).exists():
        raise ValidationError(
            _(
                "Belum ada SKP tahun %(tahun)s yang disetujui di %(unit)s dan sub-unitnya; "
                "tidak ada dokumen untuk dibuat."
            )
            % {"tahun": tahun, "unit": unit.nama}
        )
    with transaction.atomic():
        job = job_create(
            jenis=JOB_KIND,
            judul=_("Dokumen SKP %(unit)s tahun %(tahun)s") % {"unit": unit.nama, "tahun": tahun},
            parameter={"unit_id": unit.pk, "tahun": tahun, "pengguna_id": aktor.pengguna_id},
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


def bulk_documents_build(parameter: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """The `skp.dokumen` job: one PDF per approved plan (its approved revision as frozen at
    approval), all in one ZIP in the default storage; returns the file, the count and the
    employees skipped with their reason. Access is checked again for the job's creator."""
    scope = _job_scope(parameter)
    tahun = int(parameter["tahun"])
    unit = unit_readable(scope).filter(pk=int(parameter["unit_id"])).first()
    if unit is None:
        raise registry.JobFailed(_("Unit tidak ada atau di luar lingkup Anda."))
    plans = list(approved_plans(scope, unit, tahun))
    if not plans:
        raise registry.JobFailed(
            _("Belum ada SKP tahun %(tahun)s yang disetujui di %(unit)s dan sub-unitnya.")
            % {"tahun": tahun, "unit": unit.nama}
        )
    frozen = dict(
        RevisiSkp.objects.filter(skp__in=plans, nomor=F("skp__revisi")).values_list(
            "skp_id", "dokumen"
        )
    )
    name = archive_name(unit, tahun)
    progress.start(len(plans), _("Membuat dokumen SKP"))
    with tempfile.TemporaryFile() as buffer:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for plan in plans:
                dokumen = frozen.get(plan.pk) or selectors.skp_document(plan)
                archive.writestr(
                    member_name(tahun, plan.pegawai.nip, plan.pegawai.nama), skp_pdf(dokumen)
                )
                progress.advance()
        buffer.seek(0)
        folder = _safe(str(parameter.get("pekerjaan_id", ""))) or "tanpa-id"
        stored = default_storage.save(f"dokumen/{folder}/{name}", File(buffer, name=name))
    return {
        "berkas": stored,
        "nama_berkas": name,
        "unit": f"{unit.kode} {DASH} {unit.nama}",
        "tahun": tahun,
        "jumlah": len(plans),
        "dilewati": skipped_employees(scope, unit, tahun),
    }
