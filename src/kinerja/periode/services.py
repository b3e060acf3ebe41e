"""Writing performance years and periods: open a year, change its settings and deadlines, move a
period through its states (with a recorded reason). Every write is atomic and audited."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kinerja.audit.services import Aktor, audit_record, changed_values, snapshot
from kinerja.periode import rules
from kinerja.periode.enums import JenisPeriode, StatusPeriode
from kinerja.periode.models import Periode, RiwayatStatusPeriode, TahunKinerja

YEAR_FIELDS = (
    "tahun",
    "jenis_periode",
    "batas_pengajuan_skp",
    "batas_persetujuan_skp",
    "aspek_biaya",
)
DEADLINE_FIELDS = ("batas_realisasi", "batas_verifikasi", "batas_penilaian")


@transaction.atomic
def tahun_open(
    *,
    aktor: Aktor,
    tahun: int,
    jenis_periode: str = JenisPeriode.TRIWULAN.value,
    batas_pengajuan_skp: datetime.date | None = None,
    batas_persetujuan_skp: datetime.date | None = None,
    aspek_biaya: bool = False,
) -> TahunKinerja:
    """Open a performance year with its periods (quarters or months, and the annual one)."""
    jenis = JenisPeriode.parse(jenis_periode)
    if jenis is None:
        raise ValidationError({"jenis_periode": _("Jenis periode tidak dikenal.")})
    if problem := rules.year_range_error(tahun):
        # Before the default deadlines: a year such as 0 or 99999 has no dates at all.
        raise ValidationError({"tahun": problem})
    submit_by = batas_pengajuan_skp or rules.default_skp_deadline(tahun)
    approve_by = batas_persetujuan_skp or submit_by + datetime.timedelta(days=14)
    errors = rules.year_errors(tahun, submit_by, approve_by)
    already_open = _("Tahun kinerja %(tahun)s sudah dibuka.") % {"tahun": tahun}
    if TahunKinerja.objects.filter(tahun=tahun).exists():
        errors["tahun"] = already_open
    if errors:
        raise ValidationError(errors)
    try:
        # Two administrators opening the same year at once: the unique year decides.
        with transaction.atomic():
            year = TahunKinerja.objects.create(
                tahun=tahun,
                jenis_periode=jenis.value,
                batas_pengajuan_skp=submit_by,
                batas_persetujuan_skp=approve_by,
                aspek_biaya=aspek_biaya,
                dibuat_oleh_id=aktor.pengguna_id,
            )
    except IntegrityError:
        raise ValidationError({"tahun": already_open}) from None
    Periode.objects.bulk_create(
        Periode(
            tahun=year,
            kode=plan.kode,
            urutan=plan.urutan,
            mulai=plan.mulai,
            selesai=plan.selesai,
            batas_realisasi=plan.batas_realisasi,
            batas_verifikasi=plan.batas_verifikasi,
            batas_penilaian=plan.batas_penilaian,
        )
        for plan in rules.year_plan(tahun, jenis)
    )
    audit_record(
        aktor=aktor, aksi="tahunkinerja.open", objek=year, sesudah=snapshot(year, YEAR_FIELDS)
    )
    return year


def tahun_ensure(*, aktor: Aktor, tahun: int) -> TahunKinerja:
    """The year, opened with its default quarterly periods if the product does not know it yet
    (imports of history name years that were never opened)."""
    found = TahunKinerja.objects.filter(tahun=tahun).first()
    if found is not None:
        return found
    try:
        return tahun_open(aktor=aktor, tahun=tahun)
    except ValidationError:
        # Another import opened it in the meantime: use theirs; any other problem stands.
        found = TahunKinerja.objects.filter(tahun=tahun).first()
        if found is None:
            raise
        return found


@transaction.atomic
def tahun_update(
    *,
    aktor: Aktor,
    tahun: TahunKinerja,
    batas_pengajuan_skp: datetime.date,
    batas_persetujuan_skp: datetime.date,
    aspek_biaya: bool,
) -> TahunKinerja:
    year = TahunKinerja.objects.select_for_update().get(pk=tahun.pk)
    errors = rules.year_errors(year.tahun, batas_pengajuan_skp, batas_persetujuan_skp)
    if errors:
        raise ValidationError(errors)
    before = snapshot(year, YEAR_FIELDS)
    year.batas_pengajuan_skp = batas_pengajuan_skp
    year.batas_persetujuan_skp = batas_persetujuan_skp
    year.aspek_biaya = aspek_biaya
    year.save(update_fields=["batas_pengajuan_skp", "batas_persetujuan_skp", "aspek_biaya"])
    old, new = changed_values(before, snapshot(year, YEAR_FIELDS))
    if new:
        audit_record(aktor=aktor, aksi="tahunkinerja.update", objek=year, sebelum=old, sesudah=new)
    return year


@transaction.atomic
def periode_update(
    *,
    aktor: Aktor,
    periode: Periode,
    batas_realisasi: datetime.date,
    batas_verifikasi: datetime.date,
    batas_penilaian: datetime.date,
) -> Periode:
    """Change a period's deadlines (not of a locked period)."""
    current = Periode.objects.select_for_update().select_related("tahun").get(pk=periode.pk)
    if current.status == StatusPeriode.DIKUNCI:
        raise ValidationError(_("Periode yang dikunci tidak dapat diubah; buka kuncinya dahulu."))
    errors = rules.deadline_errors(
        current.mulai, current.selesai, batas_realisasi, batas_verifikasi, batas_penilaian
    )
    if errors:
        raise ValidationError(errors)
    before = snapshot(current, DEADLINE_FIELDS)
    current.batas_realisasi = batas_realisasi
    current.batas_verifikasi = batas_verifikasi
    current.batas_penilaian = batas_penilaian
    current.save(update_fields=[*DEADLINE_FIELDS, "diubah_pada"])
    old, new = changed_values(before, snapshot(current, DEADLINE_FIELDS))
    if new:
        audit_record(aktor=aktor, aksi="periode.update", objek=current, sebelum=old, sesudah=new)
    return current


@transaction.atomic
def periode_transition(*, aktor: Aktor, periode: Periode, aksi: str, alasan: str = "") -> Periode:
    """Open, close, reopen, lock or unlock a period. Closing, reopening, locking and unlocking
    need a reason; the change is kept in the period's history and the audit log. The row is
    locked, so two administrators acting at once cannot both move it."""
    current = Periode.objects.select_for_update().select_related("tahun").get(pk=periode.pk)
    status = StatusPeriode(current.status)
    problem = rules.transition_error(status, aksi) or rules.reason_error(aksi, alasan)
    if problem:
        raise ValidationError(problem)
    after = rules.TRANSITIONS[(status, aksi)]
    current.status = after.value
    current.save(update_fields=["status", "diubah_pada"])
    RiwayatStatusPeriode.objects.create(
        periode=current,
        aksi=aksi,
        dari=status.value,
        ke=after.value,
        alasan=alasan.strip(),
        oleh_id=aktor.pengguna_id,
        oleh_label=aktor.label[:255],
    )
    audit_record(
        aktor=aktor,
        aksi=f"periode.{aksi}",
        objek=current,
        sebelum={"status": status.value},
        sesudah={"status": after.value},
        keterangan=alasan.strip(),
    )
    return current
