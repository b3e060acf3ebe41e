"""Writing the organisation: units, positions, employees, appraisers, exclusions and roles.

Every service runs in one transaction, validates with the pure rules, raises a
`ValidationError` with a field dict on bad input (nothing is written then), and appends the audit
log with the values before and after in the same transaction. Rows another HR user could change
at the same time are locked (`select_for_update`) before they are read for a decision.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.akun.models import Pengguna
from kinerja.audit.services import Aktor, Perubahan, audit_record, audit_record_many, changed_values
from kinerja.core.enums import LabeledEnum
from kinerja.core.formatting import format_date
from kinerja.organisasi import rules
from kinerja.organisasi.enums import (
    JenisJabatan,
    JenisPengecualian,
    JenisPeran,
    Jenjang,
    StatusKepegawaian,
)
from kinerja.organisasi.models import (
    Jabatan,
    Pegawai,
    Pengecualian,
    Peran,
    RiwayatJabatan,
    RiwayatPenilai,
    Unit,
)

PEGAWAI_TYPE = "organisasi.pegawai"
KODE_MAX_LENGTH = 50
NAMA_UNIT_MAX_LENGTH = 255
NAMA_PEGAWAI_MAX_LENGTH = 200
JABATAN_MAX_LENGTH = 255
ALASAN_MAX_LENGTH = 255
NAMES_IN_MESSAGE = 5


def _is_member(enum: type[LabeledEnum], value: str) -> bool:
    return value in {member.value for member in enum}


# --- Units ---------------------------------------------------------------------------------------


def unit_label(unit: Unit | None) -> str | None:
    return None if unit is None else str(unit)


def _unit_state(unit: Unit, parent: Unit | None) -> dict[str, Any]:
    return {
        "kode": unit.kode,
        "nama": unit.nama,
        "induk": unit_label(parent),
        "jalur": unit.jalur,
        "aktif": unit.aktif,
    }


@transaction.atomic
def unit_create(*, aktor: Aktor, kode: str, nama: str, induk: Unit | None) -> Unit:
    """A new unit under `induk` (None: a root unit), with its path and depth."""
    kode, nama = kode.strip(), " ".join(nama.split())
    errors = _unit_name_errors(nama)
    if not kode:
        errors["kode"] = _("Kode unit wajib diisi.")
    elif len(kode) > KODE_MAX_LENGTH:
        errors["kode"] = _("Kode unit paling banyak %(jumlah)d karakter.") % {
            "jumlah": KODE_MAX_LENGTH
        }
    elif Unit.objects.filter(kode__iexact=kode).exists():
        errors["kode"] = _("Kode unit %(kode)s sudah dipakai unit lain.") % {"kode": kode}
    parent = _unit_lock(induk.pk) if induk is not None else None
    if parent is not None and not parent.aktif:
        errors["induk"] = _("Unit induk %(unit)s tidak aktif.") % {"unit": parent.nama}
    if errors:
        raise ValidationError(errors)
    unit = Unit.objects.create(kode=kode, nama=nama, induk=parent, jalur="", kedalaman=0)
    unit.jalur = rules.unit_path(parent.jalur if parent else None, unit.pk)
    unit.kedalaman = rules.unit_depth(unit.jalur)
    unit.save(update_fields=["jalur", "kedalaman"])
    audit_record(aktor=aktor, aksi="unit.create", objek=unit, sesudah=_unit_state(unit, parent))
    return unit


@transaction.atomic
def unit_update(*, aktor: Aktor, unit: Unit, nama: str, induk: Unit | None, aktif: bool) -> Unit:
    """Rename, move (with its whole subtree) or (de)activate a unit.

    A move rewrites the paths and depths of the subtree in one statement; a move under the unit
    itself or one of its descendants is refused. A unit with active employees or active
    sub-units cannot be deactivated.
    """
    current = _unit_lock(unit.pk)
    old_parent = Unit.objects.filter(pk=current.induk_id).first() if current.induk_id else None
    before = _unit_state(current, old_parent)
    nama = " ".join(nama.split())
    errors = _unit_name_errors(nama)
    moving = (induk.pk if induk is not None else None) != current.induk_id
    parent = _unit_lock_with_ancestors(induk.pk) if induk is not None else None
    if moving:
        reason = rules.unit_move_error(current.jalur, parent.jalur if parent else None)
        if reason:
            errors["induk"] = reason
    if aktif and parent is not None and not parent.aktif and (moving or not current.aktif):
        errors["induk"] = _("Unit induk %(unit)s tidak aktif.") % {"unit": parent.nama}
    if current.aktif and not aktif:
        errors.update(_unit_deactivation_errors(current))
    if errors:
        raise ValidationError(errors)
    moved = _subtree_move(current, parent) if moving else 0
    current.nama, current.induk, current.aktif = nama, parent, aktif
    current.save(update_fields=["nama", "induk", "aktif"])
    current.refresh_from_db(fields=["jalur", "kedalaman"])
    sebelum, sesudah = changed_values(before, _unit_state(current, parent))
    if sesudah:
        audit_record(
            aktor=aktor,
            aksi=_unit_action(moving, before["aktif"], aktif),
            objek=current,
            sebelum=sebelum,
            sesudah=sesudah,
            keterangan=_("%(jumlah)d unit ikut dipindahkan.") % {"jumlah": moved} if moving else "",
        )
    return current


def _unit_action(moving: bool, was_active: bool, active: bool) -> str:
    if moving:
        return "unit.move"
    if was_active and not active:
        return "unit.deactivate"
    if active and not was_active:
        return "unit.activate"
    return "unit.update"


def _unit_name_errors(nama: str) -> dict[str, str]:
    if not nama:
        return {"nama": _("Nama unit wajib diisi.")}
    if len(nama) > NAMA_UNIT_MAX_LENGTH:
        return {
            "nama": _("Nama unit paling banyak %(jumlah)d karakter.")
            % {"jumlah": NAMA_UNIT_MAX_LENGTH}
        }
    return {}


def _unit_deactivation_errors(unit: Unit) -> dict[str, str]:
    subtree = Unit.objects.filter(jalur__startswith=unit.jalur)
    employees = Pegawai.objects.filter(unit__in=subtree, aktif=True).count()
    if employees:
        message = _(
            "Unit ini dan sub-unitnya masih memiliki %(jumlah)d pegawai aktif; "
            "pindahkan atau nonaktifkan mereka lebih dulu."
        )
        return {"aktif": message % {"jumlah": employees}}
    subunits = subtree.exclude(pk=unit.pk).filter(aktif=True).count()
    if subunits:
        message = _("Unit ini masih memiliki %(jumlah)d sub-unit aktif; nonaktifkan lebih dulu.")
        return {"aktif": message % {"jumlah": subunits}}
    return {}


def _unit_lock(unit_id: int) -> Unit:
    return Unit.objects.select_for_update().get(pk=unit_id)


def _unit_lock_with_ancestors(unit_id: int) -> Unit:
    """Lock a unit and every unit above it, so two moves at once cannot make a cycle."""
    unit = _unit_lock(unit_id)
    ancestors = [pk for pk in rules.unit_path_ids(unit.jalur) if pk != unit.pk]
    if ancestors:
        list(Unit.objects.select_for_update().filter(pk__in=ancestors).values_list("pk"))
        unit = _unit_lock(unit_id)
    return unit


def _subtree_move(unit: Unit, parent: Unit | None) -> int:
    """Rewrite the paths and depths of the unit's subtree; returns how many units moved."""
    old_path = unit.jalur
    new_path = rules.unit_path(parent.jalur if parent else None, unit.pk)
    shift = rules.unit_depth(new_path) - rules.unit_depth(old_path)
    return Unit.objects.filter(jalur__startswith=old_path).update(
        jalur=Concat(Value(new_path), Substr("jalur", len(old_path) + 1)),
        kedalaman=F("kedalaman") + shift,
    )


# --- Positions -----------------------------------------------------------------------------------


def jabatan_label(jabatan: Jabatan | None) -> str | None:
    if jabatan is None:
        return None
    parts = [str(JenisJabatan(jabatan.jenis_jabatan).label)]
    if jabatan.jenjang:
        parts.append(str(Jenjang(jabatan.jenjang).label))
    if jabatan.kelas_jabatan is not None:
        parts.append(_("kelas %(kelas)d") % {"kelas": jabatan.kelas_jabatan})
    return f"{jabatan.nama} ({', '.join(parts)})"


def jabatan_errors(
    nama: str, jenis_jabatan: str, jenjang: str, kelas_jabatan: int | None
) -> dict[str, str]:
    """What is wrong with a position; keys are the fields of the employee forms."""
    errors: dict[str, str] = {}
    nama = rules.jabatan_name(nama)
    if not nama:
        errors["jabatan_nama"] = _("Nama jabatan wajib diisi.")
    elif len(nama) > JABATAN_MAX_LENGTH:
        errors["jabatan_nama"] = _("Nama jabatan paling banyak %(jumlah)d karakter.") % {
            "jumlah": JABATAN_MAX_LENGTH
        }
    if not _is_member(JenisJabatan, jenis_jabatan):
        errors["jenis_jabatan"] = _(
            "Pilih jenis jabatan: JPT, Administrator, Pengawas, Pelaksana atau Fungsional."
        )
        return errors
    if jenjang and not _is_member(Jenjang, jenjang):
        errors["jenjang"] = _("Jenjang %(jenjang)s tidak dikenal.") % {"jenjang": jenjang}
        return errors
    errors.update(rules.position_errors(jenis_jabatan, jenjang, kelas_jabatan))
    return errors


@transaction.atomic
def jabatan_find_or_create(
    *,
    nama: str,
    jenis_jabatan: str,
    jenjang: str,
    kelas_jabatan: int | None,
    aktor: Aktor | None = None,
) -> Jabatan:
    """The position with this natural key (`rules.jabatan_key`), created when missing.

    Errors use the employee form's field names (`jabatan_nama`, `jenis_jabatan`, `jenjang`,
    `kelas_jabatan`). A creation is audited (by `aktor`, or by the system).
    """
    jenjang = jenjang or ""
    errors = jabatan_errors(nama, jenis_jabatan, jenjang, kelas_jabatan)
    if errors:
        raise ValidationError(errors)
    nama = rules.jabatan_name(nama)
    wanted = rules.jabatan_key(nama, jenis_jabatan, jenjang, kelas_jabatan)
    candidates = Jabatan.objects.filter(nama__iexact=nama, jenis_jabatan=jenis_jabatan).order_by(
        "pk"
    )
    for candidate in candidates:
        found = rules.jabatan_key(
            candidate.nama, candidate.jenis_jabatan, candidate.jenjang, candidate.kelas_jabatan
        )
        if found == wanted:
            return candidate
    jabatan = Jabatan.objects.create(
        nama=nama, jenis_jabatan=jenis_jabatan, jenjang=jenjang, kelas_jabatan=kelas_jabatan
    )
    audit_record(
        aktor=aktor or Aktor.system(),
        aksi="jabatan.create",
        objek=jabatan,
        sesudah={
            "nama": nama,
            "jenis_jabatan": jenis_jabatan,
            "jenjang": jenjang,
            "kelas_jabatan": kelas_jabatan,
        },
    )
    return jabatan


# --- Employees -----------------------------------------------------------------------------------


def pegawai_label(pegawai: Pegawai | None) -> str | None:
    return None if pegawai is None else f"{pegawai.nama} ({pegawai.nip})"


def _pegawai_state(pegawai: Pegawai) -> dict[str, Any]:
    return {
        "nip": pegawai.nip,
        "nama": pegawai.nama,
        "status_kepegawaian": pegawai.status_kepegawaian,
        "golongan": pegawai.golongan,
        "unit": unit_label(pegawai.unit),
        "jabatan": jabatan_label(pegawai.jabatan),
        "penilai": pegawai_label(pegawai.penilai),
        "aktif": pegawai.aktif,
    }


def _today() -> datetime.date:
    return timezone.localdate()


def _date_errors(field: str, day: datetime.date | None) -> dict[str, str]:
    if day is None:
        return {field: _("Tanggal berlaku wajib diisi.")}
    if day > _today():
        return {field: _("Tanggal berlaku tidak boleh di masa depan.")}
    return {}


def _person_errors(*, nama: str, status_kepegawaian: str, golongan: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not nama:
        errors["nama"] = _("Nama pegawai wajib diisi.")
    elif len(nama) > NAMA_PEGAWAI_MAX_LENGTH:
        errors["nama"] = _("Nama pegawai paling banyak %(jumlah)d karakter.") % {
            "jumlah": NAMA_PEGAWAI_MAX_LENGTH
        }
    if not _is_member(StatusKepegawaian, status_kepegawaian):
        errors["status_kepegawaian"] = _("Status kepegawaian harus PNS atau PPPK.")
        return errors
    reason = rules.golongan_error(golongan, status_kepegawaian)
    if reason:
        errors["golongan"] = reason
    return errors


def _nip_errors(nip: str, *, other_than: int | None = None) -> dict[str, str]:
    reason = rules.nip_error(nip)
    if reason:
        return {"nip": reason}
    taken = Pegawai.objects.filter(nip=nip)
    if other_than is not None:
        taken = taken.exclude(pk=other_than)
    found = taken.first()
    if found is not None:
        return {
            "nip": _("NIP %(nip)s sudah dipakai oleh %(nama)s.") % {"nip": nip, "nama": found.nama}
        }
    return {}


def _unit_active_errors(unit: Unit) -> dict[str, str]:
    if not Unit.objects.filter(pk=unit.pk, aktif=True).exists():
        return {"unit": _("Unit %(unit)s tidak aktif.") % {"unit": unit.nama}}
    return {}


@transaction.atomic
def pegawai_create(
    *,
    aktor: Aktor,
    nip: str,
    nama: str,
    status_kepegawaian: str,
    golongan: str,
    unit: Unit,
    jabatan_nama: str,
    jenis_jabatan: str,
    jenjang: str,
    kelas_jabatan: int | None,
    penilai: Pegawai | None,
    aktif: bool = True,
    berlaku_mulai: datetime.date,
) -> Pegawai:
    """A new employee with the first rows of the position and appraiser histories."""
    nip, nama, golongan = nip.strip(), " ".join(nama.split()), golongan.strip()
    errors = _nip_errors(nip)
    errors |= _person_errors(nama=nama, status_kepegawaian=status_kepegawaian, golongan=golongan)
    errors |= _unit_active_errors(unit)
    errors |= jabatan_errors(jabatan_nama, jenis_jabatan, jenjang, kelas_jabatan)
    errors |= _date_errors("berlaku_mulai", berlaku_mulai)
    appraiser = _pegawai_lock(penilai.pk) if penilai is not None else None
    if appraiser is not None and not appraiser.aktif:
        errors["penilai"] = _inactive_appraiser_message(appraiser)
    if errors:
        raise ValidationError(errors)
    jabatan = jabatan_find_or_create(
        aktor=aktor,
        nama=jabatan_nama,
        jenis_jabatan=jenis_jabatan,
        jenjang=jenjang,
        kelas_jabatan=kelas_jabatan,
    )
    pegawai = Pegawai.objects.create(
        nip=nip,
        nama=nama,
        status_kepegawaian=status_kepegawaian,
        golongan=golongan,
        unit=unit,
        jabatan=jabatan,
        penilai=appraiser,
        aktif=aktif,
    )
    RiwayatJabatan.objects.create(pegawai=pegawai, unit=unit, jabatan=jabatan, mulai=berlaku_mulai)
    RiwayatPenilai.objects.create(
        pegawai=pegawai,
        penilai=appraiser,
        mulai=berlaku_mulai,
        alasan=_("Data awal pegawai"),
        dicatat_oleh_id=aktor.pengguna_id,
    )
    audit_record(
        aktor=aktor,
        aksi="pegawai.create",
        objek=pegawai,
        sesudah=_pegawai_state(pegawai) | {"berlaku_mulai": berlaku_mulai},
    )
    return pegawai


@transaction.atomic
def pegawai_update(
    *,
    aktor: Aktor,
    pegawai: Pegawai,
    nip: str,
    nama: str,
    status_kepegawaian: str,
    golongan: str,
    unit: Unit,
    jabatan_nama: str,
    jenis_jabatan: str,
    jenjang: str,
    kelas_jabatan: int | None,
    aktif: bool,
    berlaku_mulai: datetime.date,
) -> Pegawai:
    """Change an employee's facts. A new unit or position closes the open position history row
    on `berlaku_mulai` and opens a new one (the same day: the open row is corrected).

    The appraiser is changed with `penilai_assign` (it keeps its own history and reason).
    """
    current = _pegawai_lock(pegawai.pk)
    before = _pegawai_state(current)
    nip, nama, golongan = nip.strip(), " ".join(nama.split()), golongan.strip()
    errors: dict[str, str] = {}
    if nip != current.nip:
        errors |= _nip_errors(nip, other_than=current.pk)
        if current.pengguna_id and not errors:
            errors["nip"] = _(
                "NIP pegawai yang sudah memiliki akun login tidak dapat diubah di sini."
            )
    errors |= _person_errors(nama=nama, status_kepegawaian=status_kepegawaian, golongan=golongan)
    if unit.pk != current.unit_id:
        errors |= _unit_active_errors(unit)
    errors |= jabatan_errors(jabatan_nama, jenis_jabatan, jenjang, kelas_jabatan)
    if current.aktif and not aktif:
        errors |= _deactivation_errors(current)
    wanted = rules.jabatan_key(jabatan_nama, jenis_jabatan, jenjang, kelas_jabatan)
    position_changes = unit.pk != current.unit_id or wanted != _jabatan_key_of(current.jabatan)
    open_row = _open_position_row(current.pk) if position_changes else None
    if position_changes:
        errors |= _position_date_errors(open_row, berlaku_mulai)
    if errors:
        raise ValidationError(errors)
    jabatan = jabatan_find_or_create(
        aktor=aktor,
        nama=jabatan_nama,
        jenis_jabatan=jenis_jabatan,
        jenjang=jenjang,
        kelas_jabatan=kelas_jabatan,
    )
    if unit.pk != current.unit_id or jabatan.pk != current.jabatan_id:
        _position_history_change(current, open_row, unit, jabatan, berlaku_mulai)
    current.nip, current.nama, current.golongan = nip, nama, golongan
    current.status_kepegawaian, current.unit, current.jabatan = status_kepegawaian, unit, jabatan
    current.aktif = aktif
    sebelum, sesudah = changed_values(before, _pegawai_state(current))
    if not sesudah:
        return current
    current.save()
    aksi = _pegawai_action(before["aktif"], aktif, sesudah)
    if "unit" in sesudah or "jabatan" in sesudah:
        sesudah["berlaku_mulai"] = berlaku_mulai
    audit_record(
        aktor=aktor,
        aksi=aksi,
        objek=current,
        sebelum=sebelum,
        sesudah=sesudah,
    )
    return current


def _pegawai_action(was_active: bool, active: bool, sesudah: Mapping[str, Any]) -> str:
    if was_active and not active:
        return "pegawai.deactivate"
    if active and not was_active:
        return "pegawai.activate"
    if "unit" in sesudah:
        return "pegawai.move"
    if set(sesudah) == {"jabatan"}:
        return "pegawai.jabatan"
    return "pegawai.update"


def _deactivation_errors(pegawai: Pegawai) -> dict[str, str]:
    appraisees = Pegawai.objects.filter(penilai_id=pegawai.pk, aktif=True).count()
    if not appraisees:
        return {}
    message = _(
        "Pegawai ini masih menjadi pejabat penilai bagi %(jumlah)d pegawai aktif; alihkan "
        "pejabat penilai mereka lebih dulu."
    )
    return {"aktif": message % {"jumlah": appraisees}}


def _jabatan_key_of(jabatan: Jabatan) -> rules.JabatanKey:
    return rules.jabatan_key(
        jabatan.nama, jabatan.jenis_jabatan, jabatan.jenjang, jabatan.kelas_jabatan
    )


def _open_position_row(pegawai_id: int) -> RiwayatJabatan | None:
    return (
        RiwayatJabatan.objects.select_for_update()
        .filter(pegawai_id=pegawai_id, sampai__isnull=True)
        .first()
    )


def _position_date_errors(
    open_row: RiwayatJabatan | None, berlaku_mulai: datetime.date | None
) -> dict[str, str]:
    errors = _date_errors("berlaku_mulai", berlaku_mulai)
    if errors or open_row is None or berlaku_mulai is None:
        return errors
    if berlaku_mulai < open_row.mulai:
        errors["berlaku_mulai"] = _not_before_message(open_row.mulai)
    return errors


def _position_history_change(
    pegawai: Pegawai,
    open_row: RiwayatJabatan | None,
    unit: Unit,
    jabatan: Jabatan,
    berlaku_mulai: datetime.date,
) -> None:
    if open_row is not None and open_row.mulai == berlaku_mulai:
        open_row.unit, open_row.jabatan = unit, jabatan
        open_row.save(update_fields=["unit", "jabatan"])
        return
    if open_row is not None:
        open_row.sampai = berlaku_mulai
        open_row.save(update_fields=["sampai"])
    RiwayatJabatan.objects.create(pegawai=pegawai, unit=unit, jabatan=jabatan, mulai=berlaku_mulai)


def _not_before_message(day: datetime.date) -> str:
    return _(
        "Tanggal berlaku tidak boleh sebelum %(tanggal)s, awal data yang berlaku sekarang."
    ) % {"tanggal": format_date(day)}


def _inactive_appraiser_message(appraiser: Pegawai) -> str:
    return _("%(nama)s tidak aktif dan tidak dapat menjadi pejabat penilai.") % {
        "nama": appraiser.nama
    }


def _pegawai_lock(pegawai_id: int) -> Pegawai:
    return (
        Pegawai.objects.select_for_update(of=("self",))
        .select_related("unit", "jabatan", "penilai")
        .get(pk=pegawai_id)
    )


# --- Appraisers ----------------------------------------------------------------------------------


def _chain_lock(start_ids: Iterable[int]) -> dict[int, int | None]:
    """Lock the employees `start_ids` and every appraiser above them; return who appraises whom.

    The chain is first read without locks, then all its rows are locked in one statement in
    primary-key order, so two reassignments lock shared rows in the same order and cannot
    deadlock. If the chain grew meanwhile (another transaction committed a change), the new
    rows are locked too and the check repeats: a change committed later must wait for us.
    """
    wanted = set(start_ids)
    while True:
        wanted |= _chain_closure(wanted)
        rows = (
            Pegawai.objects.select_for_update()
            .filter(pk__in=wanted)
            .order_by("pk")
            .values_list("pk", "penilai_id")
        )
        appraiser_of: dict[int, int | None] = dict(rows)
        missing = {pk for pk in appraiser_of.values() if pk is not None and pk not in appraiser_of}
        if not missing:
            return appraiser_of
        wanted |= missing


def _chain_closure(start_ids: set[int]) -> set[int]:
    """The employees `start_ids` and every appraiser above them (read without locks)."""
    found: set[int] = set()
    pending = set(start_ids)
    while pending:
        found |= pending
        above = Pegawai.objects.filter(pk__in=pending, penilai__isnull=False)
        pending = set(above.values_list("penilai_id", flat=True)) - found
    return found


def _cycle_errors(cycle: list[int] | None) -> dict[str, str]:
    if cycle is None:
        return {}
    names = dict(Pegawai.objects.filter(pk__in=cycle).values_list("pk", "nama"))
    message = _("Pengalihan ini membuat siklus pejabat penilai: %(siklus)s.")
    return {"penilai": message % {"siklus": rules.cycle_label(cycle, names)}}


def _alasan_errors(alasan: str) -> dict[str, str]:
    if len(alasan) > ALASAN_MAX_LENGTH:
        return {
            "alasan": _("Alasan paling banyak %(jumlah)d karakter.") % {"jumlah": ALASAN_MAX_LENGTH}
        }
    return {}


@transaction.atomic
def penilai_assign(
    *,
    aktor: Aktor,
    pegawai: Pegawai,
    penilai: Pegawai | None,
    berlaku_mulai: datetime.date,
    alasan: str = "",
) -> RiwayatPenilai:
    """Give an employee a new appraiser (None: no appraiser) from `berlaku_mulai`.

    Refuses the employee himself, an inactive appraiser and a cycle in the chain. The open
    history row is closed on `berlaku_mulai` and a new one opened (the same day: corrected).
    """
    alasan = alasan.strip()
    new_id = penilai.pk if penilai is not None else None
    if new_id == pegawai.pk:
        raise ValidationError(
            {"penilai": _("Pegawai tidak dapat menjadi pejabat penilai dirinya sendiri.")}
        )
    appraiser_of = _chain_lock([pegawai.pk] + ([new_id] if new_id is not None else []))
    current = _pegawai_lock(pegawai.pk)
    appraiser = Pegawai.objects.get(pk=new_id) if new_id is not None else None
    errors = _date_errors("berlaku_mulai", berlaku_mulai) | _alasan_errors(alasan)
    if appraiser is not None and not appraiser.aktif:
        errors["penilai"] = _inactive_appraiser_message(appraiser)
    elif current.penilai_id == new_id and appraiser is None:
        errors["penilai"] = _("Pegawai ini memang belum memiliki pejabat penilai.")
    elif current.penilai_id == new_id and appraiser is not None:
        errors["penilai"] = _("%(nama)s sudah menjadi pejabat penilai pegawai ini.") % {
            "nama": appraiser.nama
        }
    else:
        errors |= _cycle_errors(rules.chain_cycle(appraiser_of, {current.pk: new_id}))
    open_row = _open_appraiser_rows([current.pk]).get(current.pk)
    if open_row is not None and "berlaku_mulai" not in errors and berlaku_mulai < open_row.mulai:
        errors["berlaku_mulai"] = _not_before_message(open_row.mulai)
    if errors:
        raise ValidationError(errors)
    row = _appraiser_history_write(
        {current.pk: open_row}, [current.pk], new_id, berlaku_mulai, alasan, aktor
    )[0]
    Pegawai.objects.filter(pk=current.pk).update(penilai_id=new_id, diubah_pada=timezone.now())
    audit_record(
        aktor=aktor,
        aksi="pegawai.penilai",
        objek=current,
        sebelum={"penilai": pegawai_label(current.penilai)},
        sesudah={"penilai": pegawai_label(appraiser), "berlaku_mulai": berlaku_mulai},
        keterangan=alasan,
    )
    pegawai.penilai = appraiser
    return row


@transaction.atomic
def penilai_assign_unit(
    *,
    aktor: Aktor,
    unit: Unit,
    penilai: Pegawai,
    include_subunits: bool,
    berlaku_mulai: datetime.date,
    alasan: str = "",
) -> int:
    """Give every active employee of a unit (and of its sub-units) the same appraiser.

    The appraiser himself is left out, and so is whoever already has him. All or nothing: a
    cycle or a date before someone's current appraiser refuses the whole reassignment. One
    audit entry per employee. Returns how many employees were reassigned.
    """
    alasan = alasan.strip()
    if penilai is None:
        raise ValidationError({"penilai": _("Pilih pejabat penilai.")})
    unit = Unit.objects.get(pk=unit.pk)
    members = Pegawai.objects.filter(aktif=True).exclude(pk=penilai.pk)
    if include_subunits:
        members = members.filter(unit__jalur__startswith=unit.jalur)
    else:
        members = members.filter(unit_id=unit.pk)
    member_ids = list(members.values_list("pk", flat=True))
    appraiser_of = _chain_lock([*member_ids, penilai.pk])
    appraiser = Pegawai.objects.get(pk=penilai.pk)
    changing = [pk for pk in member_ids if appraiser_of.get(pk) != appraiser.pk]
    errors = _date_errors("berlaku_mulai", berlaku_mulai) | _alasan_errors(alasan)
    if not appraiser.aktif:
        errors["penilai"] = _inactive_appraiser_message(appraiser)
    else:
        changes: dict[int, int | None] = dict.fromkeys(changing, appraiser.pk)
        errors |= _cycle_errors(rules.chain_cycle(appraiser_of, changes))
    open_rows = _open_appraiser_rows(changing)
    too_early = [pk for pk, row in open_rows.items() if berlaku_mulai < row.mulai]
    if too_early and "berlaku_mulai" not in errors:
        errors["berlaku_mulai"] = _too_early_message(too_early, open_rows)
    if errors:
        raise ValidationError(errors)
    if not changing:
        return 0
    employees = list(
        Pegawai.objects.filter(pk__in=changing).select_related("penilai").order_by("nama", "nip")
    )
    _appraiser_history_write(open_rows, changing, appraiser.pk, berlaku_mulai, alasan, aktor)
    Pegawai.objects.filter(pk__in=changing).update(
        penilai_id=appraiser.pk, diubah_pada=timezone.now()
    )
    note = _("Pengalihan pejabat penilai seluruh unit %(unit)s.") % {"unit": unit.nama}
    audit_record_many(
        aktor=aktor,
        perubahan=[
            Perubahan(
                aksi="pegawai.penilai",
                objek_tipe=PEGAWAI_TYPE,
                objek_id=str(employee.pk),
                objek_label=str(employee),
                sebelum={"penilai": pegawai_label(employee.penilai)},
                sesudah={"penilai": pegawai_label(appraiser), "berlaku_mulai": berlaku_mulai},
                keterangan=f"{note} {alasan}".strip(),
            )
            for employee in employees
        ],
    )
    return len(changing)


def _too_early_message(pegawai_ids: list[int], open_rows: Mapping[int, RiwayatPenilai]) -> str:
    names = dict(Pegawai.objects.filter(pk__in=pegawai_ids).values_list("pk", "nama"))
    shown = sorted(pegawai_ids, key=lambda pk: names.get(pk, ""))[:NAMES_IN_MESSAGE]
    listed = ", ".join(f"{names.get(pk, pk)} ({format_date(open_rows[pk].mulai)})" for pk in shown)
    if len(pegawai_ids) > NAMES_IN_MESSAGE:
        listed += _(" dan %(jumlah)d lainnya") % {"jumlah": len(pegawai_ids) - NAMES_IN_MESSAGE}
    return _(
        "Tanggal berlaku tidak boleh sebelum awal pejabat penilai yang sekarang: %(daftar)s."
    ) % {"daftar": listed}


def _open_appraiser_rows(pegawai_ids: Iterable[int]) -> dict[int, RiwayatPenilai]:
    rows = RiwayatPenilai.objects.select_for_update().filter(
        pegawai_id__in=list(pegawai_ids), sampai__isnull=True
    )
    return {row.pegawai_id: row for row in rows}


def _appraiser_history_write(
    open_rows: Mapping[int, RiwayatPenilai | None],
    pegawai_ids: list[int],
    penilai_id: int | None,
    berlaku_mulai: datetime.date,
    alasan: str,
    aktor: Aktor,
) -> list[RiwayatPenilai]:
    """Close the open rows on `berlaku_mulai` and open new ones; a row opened the same day is
    corrected instead. Returns the open row of each employee, in the order of `pegawai_ids`."""
    corrected, closed, opened = [], [], []
    result: dict[int, RiwayatPenilai] = {}
    for pk in pegawai_ids:
        row = open_rows.get(pk)
        if row is not None and row.mulai == berlaku_mulai:
            row.penilai_id, row.alasan, row.dicatat_oleh_id = penilai_id, alasan, aktor.pengguna_id
            corrected.append(row)
            result[pk] = row
            continue
        if row is not None:
            row.sampai = berlaku_mulai
            closed.append(row)
        new_row = RiwayatPenilai(
            pegawai_id=pk,
            penilai_id=penilai_id,
            mulai=berlaku_mulai,
            alasan=alasan,
            dicatat_oleh_id=aktor.pengguna_id,
        )
        opened.append(new_row)
        result[pk] = new_row
    RiwayatPenilai.objects.bulk_update(corrected, ["penilai", "alasan", "dicatat_oleh"])
    RiwayatPenilai.objects.bulk_update(closed, ["sampai"])
    RiwayatPenilai.objects.bulk_create(opened)
    return [result[pk] for pk in pegawai_ids]


# --- Exclusions ----------------------------------------------------------------------------------


def _pengecualian_state(item: Pengecualian) -> dict[str, Any]:
    return {
        "pengecualian": str(JenisPengecualian(item.jenis).label),
        "mulai": item.mulai,
        "sampai": item.sampai,
        "catatan": item.catatan,
    }


def _overlap_errors(
    pegawai_id: int,
    jenis: str,
    mulai: datetime.date,
    sampai: datetime.date | None,
    other_than: int | None = None,
) -> dict[str, str]:
    others = Pengecualian.objects.filter(pegawai_id=pegawai_id, jenis=jenis).order_by("mulai")
    if other_than is not None:
        others = others.exclude(pk=other_than)
    for other in others:
        if rules.period_overlaps(mulai, sampai, other.mulai, other.sampai):
            message = _(
                "Sudah ada pengecualian %(jenis)s yang berlaku sejak %(mulai)s pada periode ini."
            )
            return {
                "mulai": message
                % {"jenis": JenisPengecualian(jenis).label, "mulai": format_date(other.mulai)}
            }
    return {}


@transaction.atomic
def pengecualian_add(
    *,
    aktor: Aktor,
    pegawai: Pegawai,
    jenis: str,
    mulai: datetime.date,
    sampai: datetime.date | None = None,
    catatan: str = "",
) -> Pengecualian:
    """Exclude an employee from `mulai` until `sampai` (exclusive; None: until ended)."""
    current = _pegawai_lock(pegawai.pk)
    catatan = catatan.strip()
    errors: dict[str, str] = {}
    if not _is_member(JenisPengecualian, jenis):
        errors["jenis"] = _("Pilih jenis pengecualian yang tersedia.")
    if mulai is None:
        errors["mulai"] = _("Tanggal mulai wajib diisi.")
    elif sampai is not None and sampai <= mulai:
        errors["sampai"] = _("Tanggal selesai harus sesudah tanggal mulai.")
    if len(catatan) > ALASAN_MAX_LENGTH:
        errors["catatan"] = _("Catatan paling banyak %(jumlah)d karakter.") % {
            "jumlah": ALASAN_MAX_LENGTH
        }
    if not errors:
        errors = _overlap_errors(current.pk, jenis, mulai, sampai)
    if errors:
        raise ValidationError(errors)
    item = Pengecualian.objects.create(
        pegawai=current, jenis=jenis, mulai=mulai, sampai=sampai, catatan=catatan
    )
    audit_record(
        aktor=aktor,
        aksi="pegawai.pengecualian",
        objek=current,
        sesudah=_pengecualian_state(item),
        keterangan=catatan,
    )
    return item


@transaction.atomic
def pengecualian_end(
    *, aktor: Aktor, pengecualian: Pengecualian, sampai: datetime.date
) -> Pengecualian:
    """End an exclusion on `sampai` (exclusive: the employee counts again from that day)."""
    item = (
        Pengecualian.objects.select_for_update().select_related("pegawai").get(pk=pengecualian.pk)
    )
    before = _pengecualian_state(item)
    errors: dict[str, str] = {}
    if item.sampai is not None and item.sampai <= _today():
        errors[NON_FIELD_ERRORS] = _("Pengecualian ini sudah berakhir pada %(tanggal)s.") % {
            "tanggal": format_date(item.sampai)
        }
    elif sampai is None:
        errors["sampai"] = _("Tanggal selesai wajib diisi.")
    elif sampai <= item.mulai:
        errors["sampai"] = _("Tanggal selesai harus sesudah tanggal mulai %(tanggal)s.") % {
            "tanggal": format_date(item.mulai)
        }
    else:
        overlap = _overlap_errors(item.pegawai_id, item.jenis, item.mulai, sampai, item.pk)
        if overlap:
            errors["sampai"] = overlap["mulai"]
    if errors:
        raise ValidationError(errors)
    item.sampai = sampai
    item.save(update_fields=["sampai"])
    sebelum, sesudah = changed_values(before, _pengecualian_state(item))
    audit_record(
        aktor=aktor,
        aksi="pegawai.pengecualian_end",
        objek=item.pegawai,
        sebelum=sebelum | {"pengecualian": before["pengecualian"]},
        sesudah=sesudah | {"pengecualian": before["pengecualian"]},
    )
    return item


# --- Roles ---------------------------------------------------------------------------------------


def peran_label(peran: Peran) -> str:
    label = str(JenisPeran(peran.jenis).label)
    if peran.unit_id is not None:
        label = f"{label} {unit_label(peran.unit)}"
    return f"{label} — {peran.pengguna}"


def _peran_state(peran: Peran) -> dict[str, Any]:
    return {
        "pengguna": str(peran.pengguna),
        "peran": str(JenisPeran(peran.jenis).label),
        "unit": unit_label(peran.unit),
    }


@transaction.atomic
def peran_grant(*, aktor: Aktor, pengguna: Pengguna, jenis: str, unit: Unit | None) -> Peran:
    """Give a user a role: admin kepegawaian or pimpinan of a unit subtree, or auditor."""
    errors: dict[str, str] = {}
    if not _is_member(JenisPeran, jenis):
        errors["jenis"] = _("Pilih peran: admin kepegawaian, pimpinan unit atau auditor.")
    elif jenis == JenisPeran.AUDITOR and unit is not None:
        errors["unit"] = _("Peran auditor berlaku untuk seluruh instansi; kosongkan unit.")
    elif jenis != JenisPeran.AUDITOR and unit is None:
        errors["unit"] = _("Pilih unit untuk peran ini.")
    if not pengguna.is_active:
        errors["pengguna"] = _("Akun %(akun)s tidak aktif.") % {"akun": pengguna}
    if not errors:
        taken = Peran.objects.filter(pengguna=pengguna, jenis=jenis, unit=unit).exists()
        if taken:
            errors[NON_FIELD_ERRORS] = _("%(akun)s sudah memiliki peran ini.") % {"akun": pengguna}
    if errors:
        raise ValidationError(errors)
    peran = Peran.objects.create(pengguna=pengguna, jenis=jenis, unit=unit)
    audit_record(
        aktor=aktor,
        aksi="peran.grant",
        objek=peran,
        objek_label=peran_label(peran),
        sesudah=_peran_state(peran),
    )
    return peran


@transaction.atomic
def peran_revoke(*, aktor: Aktor, peran: Peran) -> bool:
    """Take a role away; revoking a role that is already gone changes nothing (False)."""
    found = Peran.objects.select_for_update().filter(pk=peran.pk).first()
    if found is None:
        return False
    found = Peran.objects.select_related("pengguna", "unit").get(pk=found.pk)
    audit_record(
        aktor=aktor,
        aksi="peran.revoke",
        objek=found,
        objek_label=peran_label(found),
        sebelum=_peran_state(found),
    )
    found.delete()
    return True
