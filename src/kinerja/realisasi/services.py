"""Writing period reports: open a report for an approved SKP and a period, fill realisation,
add, replace and remove evidence (files through Django's storage API, links), submit, verify
item by item (or accept all), write feedback, unlock after the deadline, remind before it.

Every write is atomic, locks the report it changes and is audited. A file is stored before its
row is written and deleted again when the write fails, so no row ever points at a missing file;
a removed or replaced file is deleted only after the transaction commits.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.audit.services import Aktor, audit_record
from kinerja.core.formatting import format_date
from kinerja.notifikasi.services import Pesan, notify
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.periode.models import Periode
from kinerja.realisasi import berkas, rules
from kinerja.realisasi.enums import JenisBukti, StatusBukti, StatusLaporan
from kinerja.realisasi.models import (
    BukaKunci,
    BuktiDukung,
    Laporan,
    Realisasi,
    RiwayatBukti,
    RiwayatLaporan,
    UmpanBalik,
    evidence_path,
)
from kinerja.skp import rules as skp_rules
from kinerja.skp.enums import Pendekatan
from kinerja.skp.models import Indikator, Rhk, Skp
from kinerja.skp.selectors import berakhlak_codes


def _today() -> datetime.date:
    return timezone.localdate()


def _lock(laporan: Laporan) -> Laporan:
    return (
        Laporan.objects.select_for_update(of=("self",))
        .select_related("skp", "skp__pegawai", "skp__pegawai__unit", "periode", "periode__tahun")
        .get(pk=laporan.pk)
    )


def unlocked_until(laporan: Laporan) -> datetime.date | None:
    """The latest day HR unlocked this person, or a unit above them, for the period."""
    jalur = laporan.skp.pegawai.unit.jalur
    unit_ids = [int(part) for part in jalur.strip("/").split("/") if part]
    found = BukaKunci.objects.filter(
        Q(pegawai_id=laporan.skp.pegawai_id) | Q(unit_id__in=unit_ids), periode=laporan.periode
    ).aggregate(latest=Max("sampai"))
    return found["latest"]


def lock_problem(laporan: Laporan) -> str | None:
    """Why nobody may act on the report now (the period's deadline or state), if so."""
    periode = laporan.periode
    return rules.lock_error(
        today=_today(),
        period_status=periode.status,
        batas_verifikasi=periode.batas_verifikasi,
        unlocked_until=unlocked_until(laporan),
    )


def _require_open(laporan: Laporan) -> None:
    problem = lock_problem(laporan)
    if problem:
        raise ValidationError(problem)


def _lock_editable(laporan: Laporan) -> Laporan:
    current = _lock(laporan)
    _require_open(current)
    problem = rules.report_edit_error(current.status)
    if problem:
        raise ValidationError(problem)
    return current


def _history(laporan: Laporan, aktor: Aktor, aksi: str, catatan: str = "") -> None:
    RiwayatLaporan.objects.create(
        laporan=laporan,
        putaran=laporan.putaran,
        aksi=aksi,
        status=laporan.status,
        catatan=catatan,
        oleh_id=aktor.pengguna_id,
        oleh_label=aktor.label[:255],
    )


def _item_history(bukti: BuktiDukung, aktor: Aktor, aksi: str, catatan: str = "") -> None:
    RiwayatBukti.objects.create(
        bukti=bukti,
        putaran=bukti.putaran,
        aksi=aksi,
        status=bukti.status,
        catatan=catatan,
        keterangan=str(bukti)[:500],
        oleh_id=aktor.pengguna_id,
        oleh_label=aktor.label[:255],
    )


def _report_url(laporan: Laporan) -> str:
    return reverse("realisasi:detail", args=[laporan.pk])


# --- Opening a report and filling it ---------------------------------------------------------


def laporan_open(*, aktor: Aktor, skp: Skp, periode: Periode) -> Laporan:
    """The report of an approved plan for a period of its year (created on first use)."""
    found = Laporan.objects.filter(skp=skp, periode=periode).first()
    if found is not None:
        return found
    if skp.disetujui_pada is None:
        raise ValidationError(
            _("SKP tahun ini belum disetujui; realisasi diisi setelah SKP disetujui.")
        )
    if periode.tahun.tahun != skp.tahun or periode.is_annual:
        raise ValidationError(_("Periode harus salah satu periode tahun SKP (bukan tahunan)."))
    if periode.status == "DRAF":
        raise ValidationError(_("Periode ini belum dibuka."))
    try:
        with transaction.atomic():
            laporan = Laporan.objects.create(skp=skp, periode=periode)
            audit_record(aktor=aktor, aksi="laporan.create", objek=laporan)
    except IntegrityError:
        return Laporan.objects.get(skp=skp, periode=periode)
    return laporan


@transaction.atomic
def realisasi_save(
    *,
    aktor: Aktor,
    laporan: Laporan,
    indikator: Indikator,
    nilai: str | Decimal | None = None,
    narasi: str = "",
) -> Realisasi:
    """Record what was achieved against one indicator of the plan."""
    current = _lock_editable(laporan)
    if indikator.rhk.skp_id != current.skp_id:
        raise ValidationError({"indikator": _("Indikator ini bukan bagian dari SKP laporan ini.")})
    quantitative = current.skp.pendekatan == Pendekatan.KUANTITATIF
    try:
        value = skp_rules.parse_target(nilai) if quantitative else None
    except ValueError:
        raise ValidationError(
            {"nilai": _("Realisasi harus berupa angka, mis. 12 atau 97,5.")}
        ) from None
    if quantitative and value is None:
        raise ValidationError({"nilai": _("Isi realisasi berupa angka.")})
    if not quantitative and not narasi.strip():
        raise ValidationError({"narasi": _("Uraikan realisasi secara naratif.")})
    if value is not None and value >= Decimal("1e12"):
        raise ValidationError({"nilai": _("Realisasi terlalu besar.")})
    if value is not None and (value < 0 or value != value.quantize(Decimal("0.0001"))):
        raise ValidationError(
            {"nilai": _("Realisasi tidak boleh negatif, paling banyak 4 angka di belakang koma.")}
        )
    found, _created = Realisasi.objects.update_or_create(
        laporan=current, indikator=indikator, defaults={"nilai": value, "narasi": narasi.strip()}
    )
    audit_record(
        aktor=aktor,
        aksi="realisasi.update",
        objek=found,
        sesudah={"indikator": indikator.pk, "nilai": value, "narasi": narasi.strip()},
    )
    return found


def _check_rhk(laporan: Laporan, rhk: Rhk) -> None:
    if rhk.skp_id != laporan.skp_id:
        raise ValidationError({"rhk": _("RHK ini bukan bagian dari SKP laporan ini.")})


def _description(uraian: str) -> str:
    text = uraian.strip()
    if not text:
        raise ValidationError({"uraian": _("Tuliskan keterangan singkat bukti dukung.")})
    return text[:500]


def _store(laporan: Laporan, fileobj: IO[bytes], original_name: str) -> tuple[str, berkas.Inspeksi]:
    inspected = berkas.inspect_upload(fileobj, original_name)
    holder = BuktiDukung(laporan=laporan)
    name = default_storage.save(evidence_path(holder, inspected.nama), File(fileobj))
    return name, inspected


def bukti_add_file(
    *, aktor: Aktor, laporan: Laporan, rhk: Rhk, fileobj: IO[bytes], nama_berkas: str, uraian: str
) -> BuktiDukung:
    """Add an uploaded file as evidence for an RHK (checked by content, hashed)."""
    text = _description(uraian)
    _check_rhk(laporan, rhk)
    with transaction.atomic():
        _lock_editable(laporan)
    stored, inspected = _store(laporan, fileobj, nama_berkas)
    try:
        with transaction.atomic():
            current = _lock_editable(laporan)
            bukti = BuktiDukung.objects.create(
                laporan=current,
                rhk=rhk,
                jenis=JenisBukti.BERKAS.value,
                uraian=text,
                berkas=stored,
                nama_berkas=inspected.nama,
                tipe_berkas=inspected.tipe.value,
                ukuran=inspected.ukuran,
                sha256=inspected.sha256,
                diunggah_pada=timezone.now(),
            )
            _item_history(bukti, aktor, "UNGGAH")
            audit_record(
                aktor=aktor,
                aksi="bukti.create",
                objek=bukti,
                sesudah={"rhk": rhk.pk, "berkas": inspected.nama, "sha256": inspected.sha256},
            )
    except BaseException:
        default_storage.delete(stored)
        raise
    return bukti


@transaction.atomic
def bukti_add_link(
    *, aktor: Aktor, laporan: Laporan, rhk: Rhk, tautan: str, uraian: str
) -> BuktiDukung:
    """Add an http(s) link as evidence for an RHK."""
    text = _description(uraian)
    _check_rhk(laporan, rhk)
    problem = rules.link_error(tautan)
    if problem:
        raise ValidationError({"tautan": problem})
    current = _lock_editable(laporan)
    bukti = BuktiDukung.objects.create(
        laporan=current,
        rhk=rhk,
        jenis=JenisBukti.TAUTAN.value,
        uraian=text,
        tautan=tautan.strip(),
        tautan_kunci=rules.link_key(tautan),
        diunggah_pada=timezone.now(),
    )
    _item_history(bukti, aktor, "TAUTAN")
    audit_record(
        aktor=aktor,
        aksi="bukti.create",
        objek=bukti,
        sesudah={"rhk": rhk.pk, "tautan": tautan.strip()},
    )
    return bukti


def _locked_item(laporan: Laporan, bukti: BuktiDukung) -> BuktiDukung:
    """The item, locked; removed meanwhile (another tab, another request) is a clear refusal."""
    item = BuktiDukung.objects.select_for_update().filter(pk=bukti.pk, laporan=laporan).first()
    if item is None:
        raise ValidationError(_("Bukti dukung ini sudah dihapus; muat ulang halaman."))
    return item


def _lock_item(bukti: BuktiDukung) -> tuple[Laporan, BuktiDukung]:
    current = _lock(bukti.laporan)
    _require_open(current)
    item = _locked_item(current, bukti)
    problem = rules.item_edit_error(current.status, item.status)
    if problem:
        raise ValidationError(problem)
    return current, item


def bukti_replace(
    *,
    aktor: Aktor,
    bukti: BuktiDukung,
    uraian: str,
    fileobj: IO[bytes] | None = None,
    nama_berkas: str = "",
    tautan: str = "",
) -> BuktiDukung:
    """Change an item's description and, optionally, its file or link. A returned item waits
    for verification again in the next round."""
    text = _description(uraian)
    with transaction.atomic():
        _lock_item(bukti)
    if tautan and not fileobj and rules.link_error(tautan):
        raise ValidationError({"tautan": rules.link_error(tautan)})
    stored, inspected = _store(bukti.laporan, fileobj, nama_berkas) if fileobj else ("", None)
    try:
        with transaction.atomic():
            _current, item = _lock_item(bukti)
            old_file = item.berkas.name if inspected and item.berkas else ""
            before = {"uraian": item.uraian, "berkas": item.nama_berkas, "tautan": item.tautan}
            item.uraian = text
            if inspected is not None:
                item.jenis, item.berkas, item.tautan, item.tautan_kunci = (
                    JenisBukti.BERKAS.value,
                    stored,
                    "",
                    "",
                )
                item.nama_berkas, item.tipe_berkas = inspected.nama, inspected.tipe.value
                item.ukuran, item.sha256 = inspected.ukuran, inspected.sha256
                item.diunggah_pada = timezone.now()
            elif tautan:
                item.jenis, item.tautan, item.tautan_kunci = (
                    JenisBukti.TAUTAN.value,
                    tautan.strip(),
                    rules.link_key(tautan),
                )
                old_file = item.berkas.name if item.berkas else ""
                item.berkas, item.nama_berkas, item.tipe_berkas, item.ukuran, item.sha256 = (
                    "",
                    "",
                    "",
                    None,
                    "",
                )
                item.diunggah_pada = timezone.now()
            if item.status in rules.RETURNED:
                item.status = StatusBukti.MENUNGGU.value
            item.save()
            _item_history(item, aktor, "GANTI")
            audit_record(
                aktor=aktor,
                aksi="bukti.replace",
                objek=item,
                sebelum=before,
                sesudah={"uraian": item.uraian, "berkas": item.nama_berkas, "tautan": item.tautan},
            )
            if old_file:
                transaction.on_commit(lambda: default_storage.delete(old_file))
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    return item


@transaction.atomic
def bukti_delete(*, aktor: Aktor, bukti: BuktiDukung) -> None:
    """Remove an item (a draft's, or a returned one); its file goes once the removal commits."""
    _current, item = _lock_item(bukti)
    stored = item.berkas.name if item.berkas else ""
    audit_record(
        aktor=aktor,
        aksi="bukti.delete",
        objek=item,
        sebelum={"rhk": item.rhk_id, "berkas": item.nama_berkas, "tautan": item.tautan},
    )
    item.delete()
    if stored:
        transaction.on_commit(lambda: default_storage.delete(stored))


# --- Submission and verification -------------------------------------------------------------


@transaction.atomic
def laporan_submit(*, aktor: Aktor, laporan: Laporan) -> Laporan:
    """Submit the period to the appraiser: every new or corrected item waits for a verdict in
    a new round. Items still returned must be corrected or removed first."""
    current = _lock(laporan)
    _require_open(current)
    items = list(
        BuktiDukung.objects.select_for_update().filter(laporan=current).select_related("rhk")
    )
    problem = rules.submit_error(current.status, 0, len(items))
    if problem:
        raise ValidationError(problem)
    still_returned = [item for item in items if item.status in rules.RETURNED]
    if still_returned:
        raise ValidationError(
            [
                _(
                    "Bukti “%(bukti)s” (RHK %(kode)s) dikembalikan: perbaiki atau hapus "
                    "sebelum mengajukan kembali."
                )
                % {"bukti": item, "kode": item.rhk.kode}
                for item in still_returned
            ]
        )
    current.putaran += 1
    current.status = StatusLaporan.DIAJUKAN.value
    current.diajukan_pada = timezone.now()
    current.save(update_fields=["putaran", "status", "diajukan_pada", "diubah_pada"])
    BuktiDukung.objects.filter(laporan=current, status=StatusBukti.MENUNGGU).update(
        putaran=current.putaran
    )
    _history(current, aktor, "AJUKAN")
    audit_record(
        aktor=aktor, aksi="laporan.submit", objek=current, sesudah={"putaran": current.putaran}
    )
    if not BuktiDukung.objects.filter(laporan=current, status=StatusBukti.MENUNGGU).exists():
        _settle(current, aktor)  # only accepted items remain: nothing to verify again
        return current
    _notify_appraiser(current)
    return current


def _notify_appraiser(laporan: Laporan) -> None:
    owner = laporan.skp.pegawai
    if owner.penilai_id is None:
        return
    appraiser = (
        Pegawai.objects.filter(pk=owner.penilai_id).values_list("pengguna_id", flat=True).first()
    )
    if not appraiser:
        return
    notify(
        [
            Pesan(
                penerima_id=appraiser,
                judul=_("%(nama)s mengajukan realisasi %(periode)s")
                % {"nama": owner.nama, "periode": laporan.periode.nama},
                isi=_("Bukti dukung menunggu verifikasi Anda."),
                tautan=_report_url(laporan),
                kunci=f"laporan:{laporan.pk}:ajukan:{laporan.putaran}",
            )
        ]
    )


def _settle(current: Laporan, aktor: Aktor) -> None:
    """After a verdict: once no item waits, the report needs correction or is done."""
    statuses = BuktiDukung.objects.filter(laporan=current).values_list("status", flat=True)
    after = rules.status_after_verdicts(statuses)
    if after.value == current.status:
        return
    current.status = after.value
    current.selesai_pada = timezone.now() if after == StatusLaporan.SELESAI else None
    current.save(update_fields=["status", "selesai_pada", "diubah_pada"])
    _history(current, aktor, "VERIFIKASI")
    audit_record(
        aktor=aktor, aksi="laporan.verify", objek=current, sesudah={"status": current.status}
    )
    _notify_owner(current)


def _notify_owner(laporan: Laporan) -> None:
    owner = laporan.skp.pegawai
    if not owner.pengguna_id:
        return
    if laporan.status == StatusLaporan.PERLU_PERBAIKAN:
        judul = _("Bukti dukung %(periode)s perlu diperbaiki") % {"periode": laporan.periode.nama}
        isi = _(
            "Pejabat penilai mengembalikan atau menolak sebagian bukti dukung Anda; "
            "baca catatannya."
        )
    else:
        judul = _("Bukti dukung %(periode)s selesai diverifikasi") % {
            "periode": laporan.periode.nama
        }
        isi = _("Semua bukti dukung Anda diterima.")
    notify(
        [
            Pesan(
                penerima_id=owner.pengguna_id,
                judul=judul,
                isi=isi,
                tautan=_report_url(laporan),
                kunci=f"laporan:{laporan.pk}:{laporan.status}:{laporan.putaran}",
            )
        ]
    )


@transaction.atomic
def bukti_verdict(
    *, aktor: Aktor, bukti: BuktiDukung, status: str, catatan: str = ""
) -> BuktiDukung:
    """The appraiser's verdict on one item. The report is locked, and the item changes only
    while it waits for this round's verdict, so of two verifiers acting at once one wins and
    the other is told what happened."""
    current = _lock(bukti.laporan)
    _require_open(current)
    if current.status != StatusLaporan.DIAJUKAN:
        raise ValidationError(_("Laporan ini tidak sedang menunggu verifikasi."))
    item = _locked_item(current, bukti)
    problem = rules.verdict_error(item.status, status, catatan)
    if problem:
        raise ValidationError(problem)
    verdict = StatusBukti.parse(status)
    assert verdict is not None
    item.status, item.catatan = verdict.value, catatan.strip()
    item.diverifikasi_pada, item.diverifikasi_oleh_id = timezone.now(), aktor.pengguna_id
    item.save(update_fields=["status", "catatan", "diverifikasi_pada", "diverifikasi_oleh"])
    _item_history(item, aktor, "VERIFIKASI", catatan.strip())
    audit_record(
        aktor=aktor,
        aksi="bukti.verdict",
        objek=item,
        sebelum={"status": StatusBukti.MENUNGGU.value},
        sesudah={"status": item.status, "catatan": item.catatan},
    )
    _settle(current, aktor)
    return item


@transaction.atomic
def bukti_accept_all(*, aktor: Aktor, laporan: Laporan) -> int:
    """Accept every item still waiting in the report (after reviewing them)."""
    current = _lock(laporan)
    _require_open(current)
    if current.status != StatusLaporan.DIAJUKAN:
        raise ValidationError(_("Laporan ini tidak sedang menunggu verifikasi."))
    waiting = list(
        BuktiDukung.objects.select_for_update().filter(laporan=current, status=StatusBukti.MENUNGGU)
    )
    now = timezone.now()
    for item in waiting:
        item.status, item.catatan = StatusBukti.DITERIMA.value, ""
        item.diverifikasi_pada, item.diverifikasi_oleh_id = now, aktor.pengguna_id
        item.save(update_fields=["status", "catatan", "diverifikasi_pada", "diverifikasi_oleh"])
        _item_history(item, aktor, "VERIFIKASI")
        audit_record(aktor=aktor, aksi="bukti.verdict", objek=item, sesudah={"status": item.status})
    _settle(current, aktor)
    return len(waiting)


# --- Feedback --------------------------------------------------------------------------------


@transaction.atomic
def umpan_balik_save(
    *, aktor: Aktor, laporan: Laporan, isi: str, rhk: Rhk | None = None, nilai: str = ""
) -> UmpanBalik | None:
    """The appraiser's feedback on one RHK or one BerAKHLAK value (empty text removes it)."""
    current = _lock(laporan)
    _require_open(current)
    if (rhk is None) == (not nilai):
        raise ValidationError(_("Umpan balik ditulis untuk satu RHK atau satu nilai BerAKHLAK."))
    if rhk is not None:
        _check_rhk(current, rhk)
    if nilai and nilai not in berakhlak_codes():
        raise ValidationError(
            {"nilai": _("Nilai BerAKHLAK tidak dikenal: %(kode)s.") % {"kode": nilai}}
        )
    target: dict[str, Any] = {"laporan": current, "rhk": rhk, "nilai": nilai}
    text = isi.strip()
    if not text:
        old = UmpanBalik.objects.filter(**target).first()
        if old is not None:
            audit_record(
                aktor=aktor,
                aksi="umpanbalik.save",
                objek=old,
                sebelum={"isi": old.isi},
                sesudah={"rhk": rhk.pk if rhk else None, "nilai": nilai, "isi": ""},
            )
            old.delete()
        return None
    found, _created = UmpanBalik.objects.update_or_create(
        **target,
        defaults={"isi": text, "oleh_id": aktor.pengguna_id, "oleh_label": aktor.label[:255]},
    )
    audit_record(
        aktor=aktor,
        aksi="umpanbalik.save",
        objek=found,
        sesudah={"rhk": rhk.pk if rhk else None, "nilai": nilai, "isi": text},
    )
    return found


# --- Unlocking and reminders -----------------------------------------------------------------


@transaction.atomic
def buka_kunci_create(
    *,
    aktor: Aktor,
    periode: Periode,
    sampai: datetime.date,
    alasan: str,
    pegawai: Pegawai | None = None,
    unit: Unit | None = None,
) -> BukaKunci:
    """Let one person, or a unit subtree, act on a period after its lock until a day."""
    if (pegawai is None) == (unit is None):
        raise ValidationError(_("Pilih satu pegawai atau satu unit."))
    errors = rules.unlock_errors(alasan, sampai, _today())
    if errors:
        raise ValidationError(errors)
    found = BukaKunci.objects.create(
        periode=periode,
        pegawai=pegawai,
        unit=unit,
        sampai=sampai,
        alasan=alasan.strip(),
        oleh_id=aktor.pengguna_id,
        oleh_label=aktor.label[:255],
    )
    audit_record(
        aktor=aktor,
        aksi="bukakunci.create",
        objek=found,
        sesudah={
            "periode": periode.pk,
            "pegawai": getattr(pegawai, "pk", None),
            "unit": getattr(unit, "pk", None),
            "sampai": sampai,
        },
        keterangan=alasan.strip(),
    )
    return found


def deadline_reminders(*, today: datetime.date | None = None, hari: int = 3) -> int:
    """Remind, once per deadline: employees with an approved plan who have not submitted the
    period whose realisation deadline is within `hari` days, and appraisers with items waiting
    when the verification deadline is that close. Returns how many notices were new."""
    today = today or _today()
    horizon = today + datetime.timedelta(days=hari)
    sent: list[Any] = []
    for periode in (
        Periode.objects.select_related("tahun").filter(status="DIBUKA").exclude(kode="TAHUNAN")
    ):
        if today <= periode.batas_realisasi <= horizon:
            sent += notify(_submission_reminders(periode))
        if today <= periode.batas_verifikasi <= horizon:
            sent += notify(_verification_reminders(periode))
    return len(sent)


def _submission_reminders(periode: Periode) -> Iterable[Pesan]:
    submitted = (
        Laporan.objects.filter(periode=periode).exclude(status=StatusLaporan.DRAF).values("skp_id")
    )
    plans = (
        Skp.objects.filter(
            tahun=periode.tahun.tahun, disetujui_pada__isnull=False, pegawai__aktif=True
        )
        .exclude(pk__in=submitted)
        .exclude(pegawai__pengguna__isnull=True)
        .values_list("pegawai__pengguna_id", flat=True)
    )
    for pengguna_id in plans:
        yield Pesan(
            penerima_id=pengguna_id,
            judul=_("Batas realisasi %(periode)s: %(tanggal)s")
            % {"periode": periode.nama, "tanggal": format_date(periode.batas_realisasi)},
            isi=_("Isi realisasi dan unggah bukti dukung, lalu ajukan kepada pejabat penilai."),
            tautan=reverse("realisasi:mine"),
            kunci=f"ingat:realisasi:{periode.pk}:{periode.batas_realisasi.isoformat()}",
        )


def _verification_reminders(periode: Periode) -> Iterable[Pesan]:
    waiting = (
        Laporan.objects.filter(periode=periode, status=StatusLaporan.DIAJUKAN)
        .exclude(skp__pegawai__penilai__pengguna__isnull=True)
        .values_list("skp__pegawai__penilai__pengguna_id", flat=True)
        .distinct()
    )
    for pengguna_id in waiting:
        yield Pesan(
            penerima_id=pengguna_id,
            judul=_("Batas verifikasi %(periode)s: %(tanggal)s")
            % {"periode": periode.nama, "tanggal": format_date(periode.batas_verifikasi)},
            isi=_("Masih ada bukti dukung bawahan yang menunggu verifikasi Anda."),
            tautan=reverse("realisasi:inbox"),
            kunci=f"ingat:verifikasi:{periode.pk}:{periode.batas_verifikasi.isoformat()}",
        )
