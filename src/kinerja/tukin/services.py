"""Writing the allowance: a month's attendance of an employee, and the explicit recomputation of
a month (one employee, a unit subtree or the agency) that stores each allowance and records what
changed and why. Writes are atomic and audited; a recomputation of the same month and employees
by two people at once is serialised on the employees' rows."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.audit.services import Aktor, audit_record
from kinerja.jobs.progress import NullProgress, Progress
from kinerja.jobs.services import job_create
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.tukin import rules, selectors
from kinerja.tukin.enums import SebabPerhitungan
from kinerja.tukin.models import Kehadiran, Perhitungan, PerubahanTukin, Tukin

BATCH_SIZE = 1000


def _counts(data: Mapping[str, Any]) -> dict[str, Any]:
    counts = {name: data.get(name, 0) or 0 for name in rules.COUNT_FIELDS}
    errors: dict[str, Any] = dict(rules.count_errors(counts))
    flag = data.get("hukuman_disiplin_sedang", False)
    if not isinstance(flag, bool):
        errors["hukuman_disiplin_sedang"] = _("Harus ya atau tidak.")
    if errors:
        raise ValidationError(errors)
    return {**counts, "hukuman_disiplin_sedang": flag}


def month_validate(tahun: int, bulan: int) -> None:
    """ValidationError naming `bulan` (or `tahun`) when the month is not valid."""
    problem = rules.month_check(tahun, bulan)
    if problem:
        raise ValidationError({"tahun" if 1 <= bulan <= 12 else "bulan": problem})


def kehadiran_save(
    *, aktor: Aktor, pegawai: Pegawai, tahun: int, bulan: int, data: Mapping[str, Any]
) -> Kehadiran:
    """Record (or correct) an employee's attendance counts of a month, then recompute that
    month's allowance for the employee (the recomputation records what changed)."""
    problem = rules.month_check(tahun, bulan)
    if problem:
        raise ValidationError({"bulan": problem})
    values = _counts(data)
    with transaction.atomic():
        Pegawai.objects.select_for_update().filter(pk=pegawai.pk).first()
        existing = Kehadiran.objects.filter(pegawai=pegawai, tahun=tahun, bulan=bulan).first()
        before = {name: getattr(existing, name) for name in values} if existing else None
        kehadiran, _created = Kehadiran.objects.update_or_create(
            pegawai=pegawai,
            tahun=tahun,
            bulan=bulan,
            defaults={
                **values,
                "dicatat_oleh_id": aktor.pengguna_id,
                "dicatat_label": aktor.label[:255],
            },
        )
        if before != values:
            audit_record(
                aktor=aktor,
                aksi="kehadiran.save",
                objek=kehadiran,
                objek_label=f"{pegawai.nama} {tahun}-{bulan:02d}",
                sebelum=before or {},
                sesudah=values,
            )
            allowance_recompute(
                aktor=aktor,
                tahun=tahun,
                bulan=bulan,
                pegawai_ids=[pegawai.pk],
                unit=pegawai.unit,
                sebab=SebabPerhitungan.KEHADIRAN,
            )
    return kehadiran


def _store(item: selectors.Hitungan, perhitungan: Perhitungan) -> Tukin:
    hasil = item.hasil
    assert hasil is not None
    assert item.set_aturan is not None
    return Tukin(
        pegawai=item.pegawai,
        tahun=item.tahun,
        bulan=item.bulan,
        unit=item.unit,
        jabatan=item.jabatan,
        kelas_jabatan=hasil.kelas_jabatan,
        set_aturan=item.set_aturan,
        predikat_tahun_lalu=item.predikat_tahun_lalu.value if item.predikat_tahun_lalu else "",
        kehadiran_tercatat=item.kehadiran is not None,
        besaran=hasil.besaran,
        insentif=hasil.insentif,
        bruto=hasil.bruto,
        persen_potongan_dihitung=hasil.persen_potongan_dihitung,
        persen_potongan=hasil.persen_potongan,
        potongan_rupiah=hasil.potongan_rupiah,
        netto=hasil.netto,
        rincian=[
            {
                "kode": cut.kode,
                "label": cut.label,
                "kejadian": cut.kejadian,
                "persen_satuan": str(cut.persen_satuan),
                "persen": str(cut.persen),
            }
            for cut in hasil.potongan
        ],
        penjelasan=hasil.penjelasan.as_dict(),
        perhitungan=perhitungan,
    )


TUKIN_FIELDS = (
    "unit",
    "jabatan",
    "kelas_jabatan",
    "set_aturan",
    "predikat_tahun_lalu",
    "kehadiran_tercatat",
    "besaran",
    "insentif",
    "bruto",
    "persen_potongan_dihitung",
    "persen_potongan",
    "potongan_rupiah",
    "netto",
    "rincian",
    "penjelasan",
    "perhitungan",
)


def allowance_recompute(
    *,
    aktor: Aktor,
    tahun: int,
    bulan: int,
    sebab: SebabPerhitungan,
    unit: Unit | None = None,
    pegawai_ids: Collection[int] | None = None,
    alasan: str = "",
    progress: Progress | None = None,
) -> Perhitungan:
    """Recompute and store a month's allowance of the employees given (or under `unit`, or of
    the agency). Each stored allowance is replaced by the one computed now; an allowance that
    can no longer be computed (the employee is excluded, inactive, has no grade) is removed.
    The run is recorded with its counts, and every changed employee with the figures before and
    after and the causes (`rules.change_causes`)."""
    problem = rules.month_check(tahun, bulan)
    if problem:
        raise ValidationError({"bulan": problem})
    progress = progress or NullProgress()
    with transaction.atomic():
        items = selectors.allowance_calculate(
            tahun=tahun, bulan=bulan, pegawai_ids=pegawai_ids, jalur=unit.jalur if unit else None
        )
        ids = [item.pegawai.pk for item in items]
        for chunk in selectors._chunks(ids):
            list(Pegawai.objects.select_for_update().filter(pk__in=chunk).values_list("pk"))
        stored = {
            row.pegawai_id: row
            for chunk in selectors._chunks(ids)
            for row in Tukin.objects.filter(tahun=tahun, bulan=bulan, pegawai_id__in=chunk)
        }
        perhitungan = Perhitungan.objects.create(
            tahun=tahun,
            bulan=bulan,
            unit=unit,
            sebab=sebab.value,
            alasan=alasan,
            oleh_id=aktor.pengguna_id,
            oleh_label=aktor.label[:255],
        )
        progress.start(len(items), _("Menghitung tukin"))
        created, updated, removed, skipped = [], [], [], []
        changes = []
        unchanged = 0
        for item in items:
            old = stored.get(item.pegawai.pk)
            old_angka = selectors.stored_angka(old) if old else None
            new_angka = item.angka
            causes = rules.change_causes(old_angka, new_angka)
            if item.hasil is None:
                skipped.append(item)
                if old is not None:
                    removed.append(old.pk)
            elif old is None:
                created.append(_store(item, perhitungan))
            else:
                row = _store(item, perhitungan)
                row.pk = old.pk
                updated.append(row)
            if causes:
                changes.append(
                    PerubahanTukin(
                        perhitungan=perhitungan,
                        pegawai=item.pegawai,
                        bruto_lama=old_angka.bruto if old_angka else None,
                        bruto_baru=new_angka.bruto if new_angka else None,
                        persen_lama=old_angka.persen_potongan if old_angka else None,
                        persen_baru=new_angka.persen_potongan if new_angka else None,
                        netto_lama=old_angka.netto if old_angka else None,
                        netto_baru=new_angka.netto if new_angka else None,
                        sebab=causes,
                    )
                )
            elif item.hasil is not None:
                unchanged += 1
            progress.advance()
        Tukin.objects.filter(pk__in=removed).delete()
        Tukin.objects.bulk_create(created, batch_size=BATCH_SIZE)
        Tukin.objects.bulk_update(updated, TUKIN_FIELDS, batch_size=BATCH_SIZE)
        PerubahanTukin.objects.bulk_create(changes, batch_size=BATCH_SIZE)
        perhitungan.jumlah = {
            "dihitung": len(created) + len(updated),
            "berubah": len(changes),
            "tetap": unchanged,
            "dilewati": len(skipped),
            "dihapus": len(removed),
            "dilewati_alasan": [
                {"nip": item.pegawai.nip, "nama": item.pegawai.nama, "alasan": item.alasan}
                for item in skipped
                if item.pegawai.aktif
            ][:200],
        }
        perhitungan.save(update_fields=["jumlah"])
        audit_record(
            aktor=aktor,
            aksi="tukin.recompute",
            objek=perhitungan,
            objek_label=f"{tahun}-{bulan:02d}" + (f" {unit.kode}" if unit else ""),
            sesudah={
                key: value for key, value in perhitungan.jumlah.items() if key != "dilewati_alasan"
            },
            keterangan=alasan or str(sebab.label),
        )
    return perhitungan


JOB_KIND = "tukin.hitung_ulang"


def recompute_start(
    *, aktor: Aktor, pengguna: Any, unit: Unit, tahun: int, bulan: int, alasan: str
) -> Any:
    """Start the background job that recomputes a unit subtree's allowance of a month (the
    caller has checked that the user manages the unit; the job checks it again). A reason is
    required. Returns the job (`kinerja.jobs.models.Pekerjaan`)."""
    errors = {}
    problem = rules.month_check(tahun, bulan)
    if problem:
        errors["bulan"] = problem
    alasan = (alasan or "").strip()
    if not alasan:
        errors["alasan"] = _("Tuliskan alasan penghitungan ulang.")
    if errors:
        raise ValidationError(errors)
    return job_create(
        jenis=JOB_KIND,
        judul=_("Hitung ulang tukin %(unit)s %(bulan)s")
        % {"unit": unit.nama, "bulan": rules.month_label(tahun, bulan)},
        parameter={
            "unit_id": unit.pk,
            "tahun": tahun,
            "bulan": bulan,
            "alasan": alasan,
            "pengguna_id": pengguna.pk,
        },
        pengguna_id=aktor.pengguna_id,
    )
