"""Writing SKPs: create or copy a plan, edit its RHKs, indicators, expectations and Lampiran,
move it through its workflow (submit, withdraw, approve, return, revise), push an RHK to several
subordinates, link RHKs from the matrix, manage organisation goals. Every write is atomic, locks
the plan it changes and is audited, so two people acting at once cannot corrupt it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.audit.services import Aktor, audit_record, changed_values, snapshot
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.periode.models import TahunKinerja
from kinerja.skp import rules, selectors
from kinerja.skp.enums import AksiSkp, Aspek, JenisRhk, Pendekatan, Perspektif, StatusSkp
from kinerja.skp.models import (
    EkspektasiPerilaku,
    Indikator,
    IndikatorOrganisasi,
    RevisiSkp,
    Rhk,
    RiwayatSkp,
    SasaranOrganisasi,
    Skp,
)

SKP_FIELDS = ("pendekatan", "dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")
RHK_FIELDS = ("kode", "jenis", "uraian", "rhk_atasan", "perspektif", "sasaran", "urutan")
INDIKATOR_FIELDS = ("aspek", "uraian", "target_nilai", "target_satuan", "target_narasi", "urutan")


def _today() -> datetime.date:
    return timezone.localdate()


def _year(tahun: int) -> TahunKinerja:
    found = TahunKinerja.objects.filter(tahun=tahun).first()
    if found is None:
        raise ValidationError(
            _("Tahun kinerja %(tahun)s belum dibuka oleh admin kepegawaian.") % {"tahun": tahun}
        )
    return found


def _lock(skp: Skp) -> Skp:
    """The plan, locked for the rest of the transaction, with its owner."""
    return (
        Skp.objects.select_for_update(of=("self",))
        .select_related("pegawai", "pegawai__unit", "pegawai__jabatan")
        .get(pk=skp.pk)
    )


def _lock_editable(skp: Skp) -> Skp:
    current = _lock(skp)
    problem = rules.edit_error(current.status)
    if problem:
        raise ValidationError(problem)
    return current


def _history(skp: Skp, aktor: Aktor, aksi: AksiSkp, catatan: str = "") -> None:
    RiwayatSkp.objects.create(
        skp=skp,
        revisi=skp.revisi,
        aksi=aksi.value,
        status=skp.status,
        catatan=catatan,
        oleh_id=aktor.pengguna_id,
        oleh_label=aktor.label[:255],
    )


def _touch(skp: Skp) -> None:
    Skp.objects.filter(pk=skp.pk).update(diubah_pada=timezone.now())


def _parse_pendekatan(pendekatan: str) -> str:
    found = Pendekatan.parse(pendekatan)
    if found is None:
        raise ValidationError({"pendekatan": _("Pendekatan harus Kuantitatif atau Kualitatif.")})
    return found.value


# --- Create, copy, edit the plan -------------------------------------------------------------


@transaction.atomic
def skp_create(
    *, aktor: Aktor, pegawai: Pegawai, tahun: int, pendekatan: str = Pendekatan.KUANTITATIF.value
) -> Skp:
    """A new draft plan for an employee and a year (the year must be opened)."""
    _year(tahun)
    value = _parse_pendekatan(pendekatan)
    duplicate = _("SKP tahun %(tahun)s untuk pegawai ini sudah ada.") % {"tahun": tahun}
    if Skp.objects.filter(pegawai=pegawai, tahun=tahun).exists():
        raise ValidationError({"tahun": duplicate})
    try:
        # Two creations at once (two tabs, a push): the unique constraint decides.
        with transaction.atomic():
            skp = Skp.objects.create(pegawai=pegawai, tahun=tahun, pendekatan=value)
    except IntegrityError:
        raise ValidationError({"tahun": duplicate}) from None
    _history(skp, aktor, AksiSkp.DIBUAT)
    audit_record(
        aktor=aktor,
        aksi="skp.create",
        objek=skp,
        sesudah=snapshot(skp, ("pegawai", "tahun", "pendekatan")),
    )
    return skp


def previous_plan(pegawai: Pegawai, tahun: int) -> Skp | None:
    return Skp.objects.filter(pegawai=pegawai, tahun__lt=tahun).order_by("-tahun").first()


@transaction.atomic
def skp_copy_previous(*, aktor: Aktor, pegawai: Pegawai, tahun: int) -> Skp:
    """A new draft for the year copied from the employee's latest earlier plan: approach, RHKs,
    indicators, expectations and Lampiran. A cascading link is kept when the appraiser's plan for
    the new year holds an RHK with the same code as the one linked last year."""
    source = previous_plan(pegawai, tahun)
    if source is None:
        raise ValidationError(_("Tidak ada SKP tahun sebelumnya untuk disalin."))
    skp = skp_create(aktor=aktor, pegawai=pegawai, tahun=tahun, pendekatan=source.pendekatan)
    for name in ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi"):
        setattr(skp, name, getattr(source, name))
    skp.save(update_fields=["dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi"])
    leader_rhk = {rhk.kode: rhk for rhk in selectors.penilai_rhk_choices(skp)}
    # The goals of the unit and the units above (those an RHK may derive from), by unit and code.
    goals = {(goal.unit_id, goal.kode): goal for goal in selectors.sasaran_choices(skp)}
    for old in selectors.rhk_of(source):
        linked = leader_rhk.get(old.rhk_atasan.kode) if old.rhk_atasan else None
        goal = goals.get((old.sasaran.unit_id, old.sasaran.kode)) if old.sasaran else None
        new = Rhk.objects.create(
            skp=skp,
            kode=old.kode,
            jenis=old.jenis,
            uraian=old.uraian,
            rhk_atasan=linked,
            perspektif=old.perspektif,
            sasaran=goal,
            urutan=old.urutan,
        )
        Indikator.objects.bulk_create(
            Indikator(
                rhk=new,
                aspek=item.aspek,
                uraian=item.uraian,
                target_nilai=item.target_nilai,
                target_satuan=item.target_satuan,
                target_narasi=item.target_narasi,
                urutan=item.urutan,
            )
            for item in old.indikator.all()
        )
    EkspektasiPerilaku.objects.bulk_create(
        EkspektasiPerilaku(skp=skp, nilai=item.nilai, ekspektasi=item.ekspektasi)
        for item in source.ekspektasi.all()
    )
    note = _("Disalin dari SKP tahun %(tahun)s.") % {"tahun": source.tahun}
    _history(skp, aktor, AksiSkp.DISALIN, note)
    audit_record(aktor=aktor, aksi="skp.copy", objek=skp, keterangan=note)
    return skp


@transaction.atomic
def skp_update(
    *,
    aktor: Aktor,
    skp: Skp,
    pendekatan: str,
    dukungan_sumber_daya: str = "",
    skema_pertanggungjawaban: str = "",
    konsekuensi: str = "",
) -> Skp:
    """Change the approach and the Lampiran of an editable plan."""
    current = _lock_editable(skp)
    before = snapshot(current, SKP_FIELDS)
    current.pendekatan = _parse_pendekatan(pendekatan)
    current.dukungan_sumber_daya = dukungan_sumber_daya.strip()
    current.skema_pertanggungjawaban = skema_pertanggungjawaban.strip()
    current.konsekuensi = konsekuensi.strip()
    current.save(update_fields=[*SKP_FIELDS, "diubah_pada"])
    old, new = changed_values(before, snapshot(current, SKP_FIELDS))
    if new:
        audit_record(aktor=aktor, aksi="skp.update", objek=current, sebelum=old, sesudah=new)
    return current


@transaction.atomic
def ekspektasi_update(
    *, aktor: Aktor, skp: Skp, ekspektasi: Mapping[str, str], by_owner: bool
) -> Skp:
    """Write the leader's specific expectation per BerAKHLAK value (unknown values refused):
    the owner while the plan is editable, the appraiser until it is approved."""
    current = _lock(skp)
    if by_owner or current.status == StatusSkp.DISETUJUI:
        problem = rules.edit_error(current.status)
        if problem:
            raise ValidationError(problem)
    codes = selectors.berakhlak_codes()
    unknown = sorted(set(ekspektasi) - set(codes))
    if unknown:
        raise ValidationError(
            _("Nilai BerAKHLAK tidak dikenal: %(kode)s.") % {"kode": ", ".join(unknown)}
        )
    before = dict(EkspektasiPerilaku.objects.filter(skp=current).values_list("nilai", "ekspektasi"))
    for kode, text in ekspektasi.items():
        EkspektasiPerilaku.objects.update_or_create(
            skp=current, nilai=kode, defaults={"ekspektasi": text.strip()}
        )
    after = dict(EkspektasiPerilaku.objects.filter(skp=current).values_list("nilai", "ekspektasi"))
    old, new = changed_values(before, after)
    if new:
        _touch(current)
        audit_record(aktor=aktor, aksi="skp.update", objek=current, sebelum=old, sesudah=new)
    return current


# --- RHK and indicators ----------------------------------------------------------------------


def _rhk_errors(
    skp: Skp,
    *,
    kode: str,
    uraian: str,
    jenis: str,
    rhk_atasan_id: int | None,
    perspektif: str,
    sasaran_id: int | None,
    rhk_id: int | None = None,
) -> dict[str, str]:
    errors = {}
    problem = rules.kode_error(kode)
    if problem:
        errors["kode"] = problem
    elif Rhk.objects.filter(skp=skp, kode=kode).exclude(pk=rhk_id or 0).exists():
        errors["kode"] = _("Kode RHK %(kode)s sudah dipakai di SKP ini.") % {"kode": kode}
    if not uraian.strip():
        errors["uraian"] = _("Uraian rencana hasil kerja wajib diisi.")
    if JenisRhk.parse(jenis) is None:
        errors["jenis"] = _("Jenis RHK harus Utama atau Tambahan.")
    if perspektif and Perspektif.parse(perspektif) is None:
        errors["perspektif"] = _("Perspektif tidak dikenal.")
    if rhk_atasan_id is not None and rhk_atasan_id not in {
        r.pk for r in selectors.penilai_rhk_choices(skp)
    }:
        errors["rhk_atasan"] = _(
            "RHK pimpinan harus salah satu RHK dalam SKP pejabat penilai Anda tahun %(tahun)s."
        ) % {"tahun": skp.tahun}
    if sasaran_id is not None and sasaran_id not in {s.pk for s in selectors.sasaran_choices(skp)}:
        errors["sasaran"] = _("Sasaran harus salah satu sasaran organisasi unit Anda tahun ini.")
    return errors


@transaction.atomic
def rhk_create(
    *,
    aktor: Aktor,
    skp: Skp,
    uraian: str,
    jenis: str = JenisRhk.UTAMA.value,
    kode: str = "",
    rhk_atasan_id: int | None = None,
    perspektif: str = "",
    sasaran_id: int | None = None,
) -> Rhk:
    """Add an RHK to an editable plan; a code is given when none is written."""
    current = _lock_editable(skp)
    kode = kode.strip() or rules.next_kode(
        Rhk.objects.filter(skp=current).values_list("kode", flat=True)
    )
    errors = _rhk_errors(
        current,
        kode=kode,
        uraian=uraian,
        jenis=jenis,
        rhk_atasan_id=rhk_atasan_id,
        perspektif=perspektif,
        sasaran_id=sasaran_id,
    )
    if errors:
        raise ValidationError(errors)
    urutan = (Rhk.objects.filter(skp=current).aggregate(top=Max("urutan"))["top"] or 0) + 1
    rhk = Rhk.objects.create(
        skp=current,
        kode=kode,
        jenis=JenisRhk.parse(jenis).value,  # type: ignore[union-attr]
        uraian=uraian.strip(),
        rhk_atasan_id=rhk_atasan_id,
        perspektif=Perspektif.parse(perspektif).value if perspektif else "",  # type: ignore[union-attr]
        sasaran_id=sasaran_id,
        urutan=urutan,
    )
    _touch(current)
    audit_record(aktor=aktor, aksi="rhk.create", objek=rhk, sesudah=snapshot(rhk, RHK_FIELDS))
    return rhk


@transaction.atomic
def rhk_update(
    *,
    aktor: Aktor,
    rhk: Rhk,
    uraian: str,
    jenis: str,
    kode: str,
    rhk_atasan_id: int | None = None,
    perspektif: str = "",
    sasaran_id: int | None = None,
) -> Rhk:
    current = _lock_editable(rhk.skp)
    found = Rhk.objects.get(pk=rhk.pk, skp=current)
    kode = kode.strip() or found.kode
    errors = _rhk_errors(
        current,
        kode=kode,
        uraian=uraian,
        jenis=jenis,
        rhk_atasan_id=rhk_atasan_id,
        perspektif=perspektif,
        sasaran_id=sasaran_id,
        rhk_id=found.pk,
    )
    if errors:
        raise ValidationError(errors)
    before = snapshot(found, RHK_FIELDS)
    found.kode, found.uraian = kode, uraian.strip()
    found.jenis = JenisRhk.parse(jenis).value  # type: ignore[union-attr]
    found.rhk_atasan_id, found.sasaran_id = rhk_atasan_id, sasaran_id
    found.perspektif = Perspektif.parse(perspektif).value if perspektif else ""  # type: ignore[union-attr]
    found.save()
    old, new = changed_values(before, snapshot(found, RHK_FIELDS))
    if new:
        _touch(current)
        audit_record(aktor=aktor, aksi="rhk.update", objek=found, sebelum=old, sesudah=new)
    return found


@transaction.atomic
def rhk_delete(*, aktor: Aktor, rhk: Rhk) -> None:
    """Delete an RHK with its indicators; refused while subordinates' RHKs support it."""
    current = _lock_editable(rhk.skp)
    found = Rhk.objects.get(pk=rhk.pk, skp=current)
    supporters = list(
        Rhk.objects.filter(rhk_atasan=found)
        .select_related("skp__pegawai")
        .order_by("skp__pegawai__nama")
    )
    if supporters:
        names = ", ".join(sorted({item.skp.pegawai.nama for item in supporters}))
        raise ValidationError(
            _(
                "RHK %(kode)s tidak dapat dihapus: %(jumlah)s RHK bawahan mengintervensinya "
                "(%(nama)s). Pindahkan dahulu RHK bawahan tersebut."
            )
            % {"kode": found.kode, "jumlah": len(supporters), "nama": names}
        )
    if (
        found.bukti.exists()
        or Indikator.objects.filter(rhk=found, realisasi__isnull=False).exists()
    ):
        raise ValidationError(
            _(
                "RHK %(kode)s sudah memiliki realisasi atau bukti dukung periodik; tidak dapat "
                "dihapus."
            )
            % {"kode": found.kode}
        )
    before = snapshot(found, RHK_FIELDS)
    found.delete()
    _touch(current)
    audit_record(
        aktor=aktor,
        aksi="rhk.delete",
        objek_tipe="skp.rhk",
        objek_id=str(rhk.pk),
        objek_label=str(rhk),
        sebelum=before,
    )


def _indikator_values(
    skp: Skp,
    *,
    aspek: str,
    uraian: str,
    target_nilai: str | Decimal | None,
    target_satuan: str,
    target_narasi: str,
) -> dict[str, Any]:
    year = _year(skp.tahun)
    if skp.pendekatan == Pendekatan.KUALITATIF:
        target_nilai = None  # a narrative target: a stray value is not read
    try:
        value = rules.parse_target(target_nilai)
    except ValueError:
        raise ValidationError(
            {"target_nilai": _("Target harus berupa angka, mis. 12 atau 97,5.")}
        ) from None
    errors = rules.indikator_errors(
        pendekatan=skp.pendekatan,
        aspek=aspek,
        aspek_biaya=year.aspek_biaya,
        uraian=uraian,
        target_nilai=value,
        target_satuan=target_satuan,
        target_narasi=target_narasi,
    )
    if errors:
        raise ValidationError(errors)
    quantitative = skp.pendekatan == Pendekatan.KUANTITATIF
    return {
        "aspek": Aspek.parse(aspek).value,  # type: ignore[union-attr]  # checked above
        "uraian": uraian.strip(),
        # As the database keeps it (4 places), so that the audit compares like with like.
        "target_nilai": (
            value.quantize(rules.TARGET_STEP) if quantitative and value is not None else None
        ),
        "target_satuan": target_satuan.strip() if quantitative else "",
        "target_narasi": target_narasi.strip(),
    }


@transaction.atomic
def indikator_create(
    *,
    aktor: Aktor,
    rhk: Rhk,
    aspek: str,
    uraian: str,
    target_nilai: str | Decimal | None = None,
    target_satuan: str = "",
    target_narasi: str = "",
) -> Indikator:
    current = _lock_editable(rhk.skp)
    found = Rhk.objects.get(pk=rhk.pk, skp=current)
    values = _indikator_values(
        current,
        aspek=aspek,
        uraian=uraian,
        target_nilai=target_nilai,
        target_satuan=target_satuan,
        target_narasi=target_narasi,
    )
    urutan = (Indikator.objects.filter(rhk=found).aggregate(top=Max("urutan"))["top"] or 0) + 1
    indikator = Indikator.objects.create(rhk=found, urutan=urutan, **values)
    _touch(current)
    audit_record(
        aktor=aktor,
        aksi="indikator.create",
        objek=indikator,
        sesudah=snapshot(indikator, INDIKATOR_FIELDS),
    )
    return indikator


@transaction.atomic
def indikator_update(
    *,
    aktor: Aktor,
    indikator: Indikator,
    aspek: str,
    uraian: str,
    target_nilai: str | Decimal | None = None,
    target_satuan: str = "",
    target_narasi: str = "",
) -> Indikator:
    current = _lock_editable(indikator.rhk.skp)
    found = Indikator.objects.get(pk=indikator.pk, rhk__skp=current)
    values = _indikator_values(
        current,
        aspek=aspek,
        uraian=uraian,
        target_nilai=target_nilai,
        target_satuan=target_satuan,
        target_narasi=target_narasi,
    )
    before = snapshot(found, INDIKATOR_FIELDS)
    for name, value in values.items():
        setattr(found, name, value)
    found.save()
    old, new = changed_values(before, snapshot(found, INDIKATOR_FIELDS))
    if new:
        _touch(current)
        audit_record(aktor=aktor, aksi="indikator.update", objek=found, sebelum=old, sesudah=new)
    return found


@transaction.atomic
def indikator_delete(*, aktor: Aktor, indikator: Indikator) -> None:
    current = _lock_editable(indikator.rhk.skp)
    found = Indikator.objects.get(pk=indikator.pk, rhk__skp=current)
    if found.realisasi.exists():
        raise ValidationError(_("IKI ini sudah memiliki realisasi periodik; tidak dapat dihapus."))
    before = snapshot(found, INDIKATOR_FIELDS)
    found.delete()
    _touch(current)
    audit_record(
        aktor=aktor,
        aksi="indikator.delete",
        objek_tipe="skp.indikator",
        objek_id=str(indikator.pk),
        objek_label=str(indikator),
        sebelum=before,
    )


# --- Workflow --------------------------------------------------------------------------------


def _plan_facts(skp: Skp, year: TahunKinerja | None) -> rules.Rencana:
    leader = (
        Pegawai.objects.filter(pk=skp.pegawai.penilai_id).first()
        if skp.pegawai.penilai_id
        else None
    )
    leader_plan = selectors.skp_find(leader.pk, skp.tahun) if leader else None
    leader_rhk_ids = set(
        Rhk.objects.filter(skp=leader_plan).values_list("pk", flat=True) if leader_plan else []
    )
    rhk = [
        rules.RencanaRhk(
            kode=item.kode,
            jenis=item.jenis,
            has_rhk_atasan=item.rhk_atasan_id is not None,
            rhk_atasan_in_penilai_skp=item.rhk_atasan_id in leader_rhk_ids,
            perspektif=item.perspektif,
            indikator=tuple(
                rules.RencanaIndikator(i.aspek, i.target_nilai, i.target_satuan, i.target_narasi)
                for i in item.indikator.all()
            ),
        )
        for item in Rhk.objects.filter(skp=skp)
        .prefetch_related("indikator")
        .order_by("-jenis", "urutan", "pk")
    ]
    return rules.Rencana(
        tahun=skp.tahun,
        pendekatan=skp.pendekatan,
        jenis_jabatan=skp.pegawai.jabatan.jenis_jabatan,
        rhk=rhk,
        has_penilai=leader is not None,
        penilai_nama=leader.nama if leader else "",
        penilai_status=leader_plan.status if leader_plan else None,
        aspek_biaya=bool(year and year.aspek_biaya),
        today=_today(),
        batas_pengajuan=year.batas_pengajuan_skp if year else None,
        revisi=skp.revisi,
    )


def submission_problems(skp: Skp) -> list[str]:
    """Why the plan cannot be submitted now (shown before the user tries)."""
    year = TahunKinerja.objects.filter(tahun=skp.tahun).first()
    return rules.submission_problems(_plan_facts(skp, year))


def _transition(current: Skp, action: str) -> StatusSkp:
    problem = rules.transition_error(current.status, action)
    if problem:
        raise ValidationError(problem)
    return rules.TRANSITIONS[(StatusSkp(current.status), action)]


def _record(
    current: Skp, aktor: Aktor, aksi: str, history: AksiSkp, before: str, note: str = ""
) -> None:
    _history(current, aktor, history, note)
    audit_record(
        aktor=aktor,
        aksi=f"skp.{aksi}",
        objek=current,
        sebelum={"status": before},
        sesudah={"status": current.status, "revisi": current.revisi},
        keterangan=note,
    )


@transaction.atomic
def skp_submit(*, aktor: Aktor, skp: Skp) -> Skp:
    """Submit the plan to the appraiser once everything it needs is there."""
    current = _lock(skp)
    after = _transition(current, rules.SUBMIT)
    problems = rules.submission_problems(
        _plan_facts(current, TahunKinerja.objects.filter(tahun=current.tahun).first())
    )
    if problems:
        raise ValidationError(problems)
    before = current.status
    current.status, current.diajukan_pada = after.value, timezone.now()
    current.save(update_fields=["status", "diajukan_pada", "diubah_pada"])
    _record(current, aktor, rules.SUBMIT, AksiSkp.DIAJUKAN, before)
    return current


@transaction.atomic
def skp_withdraw(*, aktor: Aktor, skp: Skp) -> Skp:
    """Take a submitted plan back to draft (before the appraiser decides)."""
    current = _lock(skp)
    after = _transition(current, rules.WITHDRAW)
    before = current.status
    current.status = after.value
    current.save(update_fields=["status", "diubah_pada"])
    _record(current, aktor, rules.WITHDRAW, AksiSkp.DITARIK, before)
    return current


@transaction.atomic
def skp_approve(*, aktor: Aktor, skp: Skp, catatan: str = "") -> Skp:
    """Approve a submitted plan: take the snapshot of the people and freeze the revision."""
    current = _lock(skp)
    after = _transition(current, rules.APPROVE)
    year = TahunKinerja.objects.filter(tahun=current.tahun).first()
    problems = rules.approval_problems(
        today=_today(),
        batas_persetujuan=year.batas_persetujuan_skp if year else None,
        revisi=current.revisi,
    )
    stale = rules.stale_plan_error(rules.content_problems(_plan_facts(current, year)))
    if stale:
        problems.append(stale)
    if problems:
        raise ValidationError(problems)
    before = current.status
    identitas = selectors.identitas_current(current.pegawai)
    now = timezone.now()
    current.status, current.identitas = after.value, identitas
    current.unit_id = current.pegawai.unit_id
    current.penilai_id = (identitas["penilai"] or {}).get("id")
    current.disetujui_pada, current.disetujui_oleh_id = now, aktor.pengguna_id
    current.catatan_penilai = catatan.strip()
    current.save()
    RevisiSkp.objects.create(
        skp=current,
        nomor=current.revisi,
        dokumen=selectors.skp_document(current),
        disetujui_pada=now,
        disetujui_oleh_label=aktor.label[:255],
    )
    _record(current, aktor, rules.APPROVE, AksiSkp.DISETUJUI, before, catatan.strip())
    return current


@transaction.atomic
def skp_return(*, aktor: Aktor, skp: Skp, catatan: str) -> Skp:
    """Return a submitted plan to its owner with a note of what to fix."""
    problem = rules.return_note_error(catatan)
    if problem:
        raise ValidationError({"catatan": problem})
    current = _lock(skp)
    after = _transition(current, rules.RETURN)
    before = current.status
    current.status, current.catatan_penilai = after.value, catatan.strip()
    current.save(update_fields=["status", "catatan_penilai", "diubah_pada"])
    _record(current, aktor, rules.RETURN, AksiSkp.DIKEMBALIKAN, before, catatan.strip())
    return current


@transaction.atomic
def skp_revise(*, aktor: Aktor, skp: Skp, alasan: str) -> Skp:
    """Open a new revision of an approved plan (e.g. after a transfer). The approved revision
    stays readable as it was; the new one is edited, submitted and approved again."""
    problem = rules.revise_reason_error(alasan)
    if problem:
        raise ValidationError({"alasan": problem})
    current = _lock(skp)
    after = _transition(current, rules.REVISE)
    before = current.status
    current.status, current.revisi = after.value, current.revisi + 1
    current.alasan_revisi, current.catatan_penilai = alasan.strip(), ""
    current.save(
        update_fields=["status", "revisi", "alasan_revisi", "catatan_penilai", "diubah_pada"]
    )
    _record(current, aktor, rules.REVISE, AksiSkp.DIREVISI, before, alasan.strip())
    return current


# --- From the appraiser's side: push and link ------------------------------------------------


@transaction.atomic
def rhk_push(
    *,
    aktor: Aktor,
    rhk_atasan: Rhk,
    pegawai_ids: Sequence[int],
    uraian: str = "",
    jenis: str = JenisRhk.UTAMA.value,
) -> list[Rhk]:
    """Give one of the appraiser's RHKs to several current appraisees at once: each gets an RHK
    supporting it (in a new draft plan where they have none). All or nothing: if any chosen
    plan cannot be edited now, nothing is written and the message names them."""
    owner_id = rhk_atasan.skp.pegawai_id
    chosen = list(
        Pegawai.objects.filter(pk__in=set(pegawai_ids), penilai_id=owner_id, aktif=True)
        .select_related("jabatan", "unit")
        .order_by("nama")
    )
    if not pegawai_ids:
        raise ValidationError({"pegawai": _("Pilih sekurang-kurangnya satu bawahan.")})
    if len(chosen) != len(set(pegawai_ids)):
        raise ValidationError({"pegawai": _("Hanya bawahan langsung Anda yang dapat dipilih.")})
    if JenisRhk.parse(jenis) is None:
        raise ValidationError({"jenis": _("Jenis RHK harus Utama atau Tambahan.")})
    tahun = rhk_atasan.skp.tahun
    _year(tahun)
    plans = {
        plan.pegawai_id: plan
        for plan in Skp.objects.select_for_update().filter(pegawai__in=chosen, tahun=tahun)
    }
    blocked = [p.nama for p in chosen if p.pk in plans and not plans[p.pk].is_editable]
    if blocked:
        raise ValidationError(
            _(
                "SKP berikut sedang diajukan atau sudah disetujui, sehingga tidak dapat "
                "ditambah: %(nama)s."
            )
            % {"nama": ", ".join(blocked)}
        )
    created = []
    for pegawai in chosen:
        plan = plans.get(pegawai.pk) or skp_create(aktor=aktor, pegawai=pegawai, tahun=tahun)
        kode = rules.next_kode(Rhk.objects.filter(skp=plan).values_list("kode", flat=True))
        urutan = (Rhk.objects.filter(skp=plan).aggregate(top=Max("urutan"))["top"] or 0) + 1
        rhk = Rhk.objects.create(
            skp=plan,
            kode=kode,
            jenis=JenisRhk.parse(jenis).value,  # type: ignore[union-attr]
            uraian=(uraian or rhk_atasan.uraian).strip(),
            rhk_atasan=rhk_atasan,
            urutan=urutan,
        )
        _touch(plan)
        created.append(rhk)
        audit_record(
            aktor=aktor,
            aksi="rhk.push",
            objek=rhk,
            sesudah=snapshot(rhk, RHK_FIELDS),
            keterangan=_("Dari RHK %(kode)s pejabat penilai.") % {"kode": rhk_atasan.kode},
        )
    return created


@transaction.atomic
def rhk_link(*, aktor: Aktor, rhk: Rhk, rhk_atasan: Rhk | None) -> Rhk:
    """From the matrix, the appraiser agrees which of their RHKs a subordinate's RHK supports
    (None unlinks it). The subordinate's plan must be editable."""
    current = _lock_editable(rhk.skp)
    found = Rhk.objects.get(pk=rhk.pk, skp=current)
    if rhk_atasan is not None:
        allowed = {item.pk for item in selectors.penilai_rhk_choices(current)}
        if rhk_atasan.pk not in allowed:
            raise ValidationError(
                {"rhk_atasan": _("RHK pimpinan harus milik pejabat penilai pegawai ini.")}
            )
    before = snapshot(found, ("rhk_atasan",))
    found.rhk_atasan = rhk_atasan
    if before == snapshot(found, ("rhk_atasan",)):
        return found
    found.save(update_fields=["rhk_atasan"])
    _touch(current)
    audit_record(
        aktor=aktor,
        aksi="rhk.update",
        objek=found,
        sebelum=before,
        sesudah=snapshot(found, ("rhk_atasan",)),
    )
    return found


# --- Organisation goals (Perjanjian Kinerja) -------------------------------------------------


def _clean_indikator(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    cleaned = []
    for number, row in enumerate(rows, start=1):
        uraian = str(row.get("uraian", "")).strip()
        target = str(row.get("target", "")).strip()
        if not uraian and not target:
            continue
        if not uraian or not target:
            raise ValidationError(
                {
                    "indikator": _("Indikator ke-%(nomor)s: uraian dan target wajib diisi.")
                    % {"nomor": number}
                }
            )
        cleaned.append(
            {
                "uraian": uraian,
                "target": target[:100],
                "satuan": str(row.get("satuan", "")).strip()[:50],
            }
        )
    return cleaned


@transaction.atomic
def sasaran_save(
    *,
    aktor: Aktor,
    unit: Unit,
    tahun: int,
    kode: str,
    uraian: str,
    indikator: Iterable[Mapping[str, Any]] = (),
    sasaran: SasaranOrganisasi | None = None,
) -> SasaranOrganisasi:
    """Create or change an organisation goal with its indicators (the list replaces the old).
    A goal keeps its unit and year: when changing one, `unit` and `tahun` are its own."""
    if sasaran is not None:
        unit, tahun = sasaran.unit, sasaran.tahun
    _year(tahun)
    kode = kode.strip()
    errors = {}
    if rules.kode_error(kode):
        errors["kode"] = rules.kode_error(kode)
    elif (
        SasaranOrganisasi.objects.filter(unit=unit, tahun=tahun, kode=kode)
        .exclude(pk=sasaran.pk if sasaran else 0)
        .exists()
    ):
        errors["kode"] = _("Kode sasaran %(kode)s sudah dipakai.") % {"kode": kode}
    if not uraian.strip():
        errors["uraian"] = _("Uraian sasaran wajib diisi.")
    if errors:
        raise ValidationError(errors)
    rows = _clean_indikator(indikator)
    if sasaran is None:
        urutan = (
            SasaranOrganisasi.objects.filter(unit=unit, tahun=tahun).aggregate(top=Max("urutan"))[
                "top"
            ]
            or 0
        ) + 1
        found = SasaranOrganisasi.objects.create(
            unit=unit, tahun=tahun, kode=kode, uraian=uraian.strip(), urutan=urutan
        )
        aksi, before = "sasaran.create", None
    else:
        found = SasaranOrganisasi.objects.select_for_update().get(pk=sasaran.pk)
        before = {
            "kode": found.kode,
            "uraian": found.uraian,
            "indikator": list(found.indikator.values("uraian", "target", "satuan")),
        }
        found.kode, found.uraian = kode, uraian.strip()
        found.save(update_fields=["kode", "uraian"])
        found.indikator.all().delete()
        aksi = "sasaran.update"
    IndikatorOrganisasi.objects.bulk_create(
        IndikatorOrganisasi(sasaran=found, urutan=index, **row)
        for index, row in enumerate(rows, start=1)
    )
    after = {"kode": found.kode, "uraian": found.uraian, "indikator": rows}
    audit_record(aktor=aktor, aksi=aksi, objek=found, sebelum=before, sesudah=after)
    return found


@transaction.atomic
def sasaran_delete(*, aktor: Aktor, sasaran: SasaranOrganisasi) -> None:
    found = SasaranOrganisasi.objects.select_for_update().get(pk=sasaran.pk)
    used = Rhk.objects.filter(sasaran=found).count()
    if used:
        raise ValidationError(
            _("Sasaran %(kode)s dipakai oleh %(jumlah)s RHK dan tidak dapat dihapus.")
            % {"kode": found.kode, "jumlah": used}
        )
    audit_record(
        aktor=aktor,
        aksi="sasaran.delete",
        objek=found,
        sebelum={"kode": found.kode, "uraian": found.uraian},
    )
    found.delete()
