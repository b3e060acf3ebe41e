"""Writing talent data: potential per employee and year, and improvement plans (create, add a
note, close with the result and follow-up, cancel with a reason).

Every write is atomic and audited. Closing and cancelling change a plan only while it is still
running (a conditional update), so of two concurrent closes exactly one wins; the employee is
notified when a plan is created and when it ends.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import Potensi as PotensiEnum
from kinerja.aturan.selectors import rule_set_for
from kinerja.audit.services import Aktor, audit_record
from kinerja.core.formatting import format_date
from kinerja.notifikasi.services import Pesan, notify
from kinerja.organisasi.models import Pegawai
from kinerja.penilaian.models import Penilaian
from kinerja.talenta import rules
from kinerja.talenta.enums import StatusPerbaikan, TindakLanjut
from kinerja.talenta.models import CatatanPerbaikan, Potensi, RencanaPerbaikan

TAHUN_MIN, TAHUN_MAX = 2000, 2100


# --- Potential -------------------------------------------------------------------------------


def _potensi_value(potensi: str) -> str:
    parsed = PotensiEnum.parse(potensi) if potensi else None
    if potensi and parsed is None:
        raise ValidationError({"potensi": _("Potensi harus Rendah, Menengah, atau Tinggi.")})
    return parsed.value if parsed else ""


def _tahun_check(tahun: int) -> None:
    if not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise ValidationError(
            {
                "tahun": _("Tahun harus antara %(min)s dan %(max)s.")
                % {"min": TAHUN_MIN, "max": TAHUN_MAX}
            }
        )


@transaction.atomic
def potensi_save(
    *, aktor: Aktor, pegawai: Pegawai, tahun: int, potensi: str, catatan: str = ""
) -> Potensi | None:
    """Record (or change) an employee's potential for a year; an empty value removes it.
    Saving the same value again changes nothing."""
    _tahun_check(tahun)
    value = _potensi_value(potensi)
    current = Potensi.objects.select_for_update().filter(pegawai=pegawai, tahun=tahun).first()
    label = f"{pegawai.nama} {tahun}"
    if not value:
        if current is not None:
            audit_record(
                aktor=aktor,
                aksi="potensi.delete",
                objek=current,
                objek_label=label,
                sebelum={"potensi": current.potensi},
            )
            current.delete()
        return None
    before = current.potensi if current else None
    if current is not None and before == value and current.catatan == catatan.strip():
        return current
    saved, _created = Potensi.objects.update_or_create(
        pegawai=pegawai,
        tahun=tahun,
        defaults={
            "potensi": value,
            "catatan": catatan.strip()[:255],
            "dicatat_oleh_id": aktor.pengguna_id,
            "dicatat_label": aktor.label[:255],
        },
    )
    audit_record(
        aktor=aktor,
        aksi="potensi.save",
        objek=saved,
        objek_label=label,
        sebelum={"potensi": before},
        sesudah={"potensi": value},
    )
    return saved


@transaction.atomic
def potensi_save_many(*, aktor: Aktor, tahun: int, nilai: Mapping[Pegawai, str]) -> int:
    """Save every changed row of the potential entry in one transaction (one call per changed
    row); any bad value rejects all. Returns the number of rows changed."""
    _tahun_check(tahun)
    errors = {
        f"potensi_{pegawai.pk}": _("Potensi %(nama)s harus Rendah, Menengah, atau Tinggi.")
        % {"nama": pegawai.nama}
        for pegawai, value in nilai.items()
        if value and PotensiEnum.parse(value) is None
    }
    if errors:
        raise ValidationError(errors)
    recorded = dict(
        Potensi.objects.filter(pegawai__in=list(nilai), tahun=tahun).values_list(
            "pegawai_id", "potensi"
        )
    )
    changed = 0
    for pegawai, value in nilai.items():
        if _potensi_value(value) != recorded.get(pegawai.pk, ""):
            potensi_save(aktor=aktor, pegawai=pegawai, tahun=tahun, potensi=value)
            changed += 1
    return changed


# --- Improvement plans -----------------------------------------------------------------------


def _user_of(pegawai_id: int | None) -> int | None:
    if pegawai_id is None:
        return None
    return Pegawai.objects.filter(pk=pegawai_id).values_list("pengguna_id", flat=True).first()


def _tell(rencana: RencanaPerbaikan, judul: str, isi: str, step: str) -> None:
    user_id = _user_of(rencana.pegawai_id)
    if user_id is None:
        return
    notify(
        [
            Pesan(
                penerima_id=user_id,
                judul=judul,
                isi=isi,
                tautan=reverse("talenta:perbaikan-detail", args=[rencana.pk]),
                kunci=f"rencana-perbaikan-{rencana.pk}-{step}",
            )
        ]
    )


def plan_months(pegawai: Pegawai, mulai: datetime.date) -> int:
    """`merit.bulan_perbaikan` of the rule set in effect for the employee's unit on `mulai`."""
    try:
        return rule_set_for(jalur=pegawai.unit.jalur, tanggal=mulai).aturan().merit.bulan_perbaikan
    except aturan_rules.RuleError as error:
        raise ValidationError({"mulai": str(error)}) from None


@transaction.atomic
def rencana_perbaikan_create(
    *,
    aktor: Aktor,
    pegawai: Pegawai,
    sasaran: str,
    mulai: datetime.date | None = None,
    penilaian: Penilaian | None = None,
    pembimbing: Pegawai | None = None,
) -> RencanaPerbaikan:
    """Start an improvement plan: from `mulai` (today by default) for the rule set's months,
    guided by `pembimbing` (the employee's appraiser by default). One running plan per
    employee."""
    Pegawai.objects.select_for_update().filter(pk=pegawai.pk).first()
    mulai = mulai or timezone.localdate()
    if pembimbing is None and pegawai.penilai_id is not None:
        pembimbing = Pegawai.objects.get(pk=pegawai.penilai_id)
    errors = rules.create_errors(
        sasaran=sasaran,
        running=RencanaPerbaikan.objects.filter(
            pegawai=pegawai, status=StatusPerbaikan.BERJALAN
        ).exists(),
        pembimbing_is_pegawai=pembimbing is not None and pembimbing.pk == pegawai.pk,
    )
    if penilaian is not None and penilaian.pegawai_id != pegawai.pk:
        errors["penilaian"] = _("Penilaian yang dipilih bukan milik pegawai ini.")
    if errors:
        raise ValidationError(errors)
    selesai = rules.plan_end(mulai, plan_months(pegawai, mulai))
    try:
        with transaction.atomic():
            rencana = RencanaPerbaikan.objects.create(
                pegawai=pegawai,
                penilaian=penilaian,
                mulai=mulai,
                selesai=selesai,
                sasaran=sasaran.strip(),
                pembimbing=pembimbing,
                dibuat_oleh_id=aktor.pengguna_id,
                dibuat_label=aktor.label[:255],
            )
    except IntegrityError:
        raise ValidationError({"pegawai": rules.running_error()}) from None
    audit_record(
        aktor=aktor,
        aksi="rencana_perbaikan.create",
        objek=rencana,
        objek_label=pegawai.nama,
        sesudah={
            "mulai": mulai,
            "selesai": selesai,
            "sasaran": rencana.sasaran,
            "pembimbing": pembimbing.pk if pembimbing else None,
            "penilaian": penilaian.pk if penilaian else None,
        },
    )
    _tell(
        rencana,
        _("Rencana perbaikan kinerja dimulai"),
        _("Rencana perbaikan kinerja Anda berjalan %(mulai)s sampai %(selesai)s.")
        % {"mulai": format_date(mulai), "selesai": format_date(selesai)},
        "create",
    )
    return rencana


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def rencana_perbaikan_note(
    *, aktor: Aktor, rencana: RencanaPerbaikan, isi: str, tanggal: datetime.date | None = None
) -> CatatanPerbaikan:
    """A follow-up note on a running plan (dated today by default, never in the future)."""
    current = RencanaPerbaikan.objects.select_for_update().get(pk=rencana.pk)
    today = timezone.localdate()
    tanggal = tanggal or today
    _raise(
        rules.note_errors(
            current=StatusPerbaikan(current.status), isi=isi, tanggal=tanggal, today=today
        )
    )
    note = CatatanPerbaikan.objects.create(
        rencana=current,
        tanggal=tanggal,
        isi=isi.strip(),
        oleh_id=aktor.pengguna_id,
        oleh_label=aktor.label[:255],
    )
    audit_record(
        aktor=aktor,
        aksi="rencana_perbaikan.note",
        objek=current,
        sesudah={"tanggal": tanggal, "isi": note.isi},
    )
    return note


def _finish(
    *, aktor: Aktor, rencana: RencanaPerbaikan, target: StatusPerbaikan, values: dict[str, str]
) -> RencanaPerbaikan:
    """Only a plan still running changes (conditional update): of two concurrent actors, the
    second gets the transition error."""
    now = timezone.now()
    updated = RencanaPerbaikan.objects.filter(
        pk=rencana.pk, status=StatusPerbaikan.BERJALAN.value
    ).update(
        status=target.value,
        ditutup_oleh_id=aktor.pengguna_id,
        ditutup_label=aktor.label[:255],
        ditutup_pada=now,
        **values,
    )
    if not updated:
        status = RencanaPerbaikan.objects.filter(pk=rencana.pk).values_list("status", flat=True)
        problem = rules.transition_error(StatusPerbaikan(status.get()), target)
        raise ValidationError({"status": problem or _("Rencana perbaikan sudah berubah.")})
    current = RencanaPerbaikan.objects.select_related("pegawai").get(pk=rencana.pk)
    audit_record(
        aktor=aktor,
        aksi="rencana_perbaikan.cancel"
        if target == StatusPerbaikan.DIBATALKAN
        else "rencana_perbaikan.close",
        objek=current,
        objek_label=current.pegawai.nama,
        sebelum={"status": StatusPerbaikan.BERJALAN.value},
        sesudah={"status": target.value, **values},
    )
    return current


@transaction.atomic
def rencana_perbaikan_close(
    *,
    aktor: Aktor,
    rencana: RencanaPerbaikan,
    status: str,
    hasil: str,
    tindak_lanjut: str = "",
) -> RencanaPerbaikan:
    """Close a running plan as met (BERHASIL) or not met (TIDAK_BERHASIL, with the follow-up
    decided), with the evaluation result."""
    target = StatusPerbaikan.parse(status) if status else None
    if target is None:
        raise ValidationError({"status": _("Pilih hasil: berhasil atau tidak berhasil.")})
    _raise(
        rules.close_errors(
            current=StatusPerbaikan(rencana.status),
            target=target,
            hasil=hasil,
            tindak_lanjut=tindak_lanjut,
        )
    )
    follow_up = TindakLanjut.parse(tindak_lanjut) if tindak_lanjut else None
    current = _finish(
        aktor=aktor,
        rencana=rencana,
        target=target,
        values={"hasil": hasil.strip(), "tindak_lanjut": follow_up.value if follow_up else ""},
    )
    text = (
        _("Rencana perbaikan kinerja Anda dinyatakan berhasil.")
        if target == StatusPerbaikan.BERHASIL
        else _("Rencana perbaikan kinerja Anda dinyatakan tidak berhasil; tindak lanjut: %(tl)s.")
        % {"tl": follow_up.label if follow_up else ""}
    )
    _tell(current, _("Rencana perbaikan kinerja ditutup"), text, "close")
    return current


@transaction.atomic
def rencana_perbaikan_cancel(
    *, aktor: Aktor, rencana: RencanaPerbaikan, alasan: str
) -> RencanaPerbaikan:
    """Cancel a running plan, with the reason."""
    _raise(rules.cancel_errors(current=StatusPerbaikan(rencana.status), alasan=alasan))
    current = _finish(
        aktor=aktor,
        rencana=rencana,
        target=StatusPerbaikan.DIBATALKAN,
        values={"alasan_batal": alasan.strip()},
    )
    _tell(
        current,
        _("Rencana perbaikan kinerja dibatalkan"),
        _("Rencana perbaikan kinerja Anda dibatalkan: %(alasan)s")
        % {"alasan": current.alasan_batal},
        "cancel",
    )
    return current
