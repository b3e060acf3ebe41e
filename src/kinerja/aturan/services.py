"""Writing rule sets: install the default, create, copy to a new version, edit a draft,
activate, deactivate, delete a draft, import. Every write is atomic and audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.aturan import rules
from kinerja.aturan.enums import StatusSetAturan
from kinerja.aturan.models import SetAturan
from kinerja.audit.services import Aktor, audit_record, changed_values, snapshot
from kinerja.organisasi.models import Unit

DEFAULT_KODE = "bawaan"
EXPORT_FORMAT = "kinerja-set-aturan"
EXPORT_FORMAT_VERSION = 1
METADATA_FIELDS = ("nama", "dasar_hukum", "berlaku_mulai", "unit", "catatan")
STATE_FIELDS = ("kode", "versi", *METADATA_FIELDS, "status")


def _content_errors(isi: Any) -> dict[str, list[str]]:
    """Content problems as {"isi": ["kurva.pola.BAIK[1].nilai: …", …]}."""
    problems = rules.isi_errors(isi)
    return {"isi": [str(problem) for problem in problems]} if problems else {}


def _metadata_errors(nama: str, dasar_hukum: str, kode: str | None = None) -> dict[str, str]:
    errors = {}
    if not nama.strip():
        errors["nama"] = _("Nama set aturan wajib diisi.")
    if not dasar_hukum.strip():
        errors["dasar_hukum"] = _("Dasar hukum wajib diisi.")
    if kode is not None:
        from django.core.validators import validate_slug

        try:
            validate_slug(kode)
        except ValidationError:
            errors["kode"] = _(
                "Kode hanya boleh berisi huruf, angka, tanda hubung dan garis bawah."
            )
    return errors


def _lock(set_aturan: SetAturan) -> SetAturan:
    return (
        SetAturan.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=set_aturan.pk)
    )


def _lock_with_slot(set_aturan: SetAturan) -> tuple[SetAturan, list[SetAturan]]:
    """Lock a version together with every version of the same scope and effective date, in id
    order, and return it with the active ones among the others. Two activations in one slot then
    wait for each other (no deadlock) and the second sees the first as active."""
    slot = SetAturan.objects.values("unit_id", "berlaku_mulai").get(pk=set_aturan.pk)
    rows = list(
        SetAturan.objects.select_for_update().filter(Q(pk=set_aturan.pk) | Q(**slot)).order_by("pk")
    )
    current = next((row for row in rows if row.pk == set_aturan.pk), None)
    if current is None:
        raise SetAturan.DoesNotExist
    if (current.unit_id, current.berlaku_mulai) != (slot["unit_id"], slot["berlaku_mulai"]):
        raise ValidationError(_("Set aturan ini baru saja diubah; muat ulang lalu coba lagi."))
    others = [row for row in rows if row.pk != current.pk and row.status == StatusSetAturan.AKTIF]
    return current, others


def _require_draft(current: SetAturan) -> None:
    if not current.is_editable:
        raise ValidationError(
            _(
                "%(nama)s sudah %(status)s dan tidak dapat diubah; buat versi baru "
                "dengan menyalinnya."
            )
            % {"nama": current, "status": str(current.status_enum.label).lower()}
        )


def _next_version(kode: str) -> int:
    return (SetAturan.objects.filter(kode=kode).aggregate(top=Max("versi"))["top"] or 0) + 1


# --- Install, create, copy -------------------------------------------------------------------


def rule_set_install_default(*, using: str = "default") -> SetAturan | None:
    """Install the shipped default rule set, active, unless a rule set with its code exists.

    Runs after every `migrate` (docs/decisions/0004-default-rule-set.md); like the tables it
    follows, it is not an act of a user and is not written to the audit log. Its row records
    when it was installed and that no user created it."""
    if SetAturan._meta.db_table not in connections[using].introspection.table_names():
        return None
    with transaction.atomic(using=using):
        if SetAturan.objects.using(using).filter(kode=DEFAULT_KODE).exists():
            return None
        metadata = rules.default_metadata()
        set_aturan = SetAturan.objects.using(using).create(
            kode=DEFAULT_KODE,
            versi=1,
            nama=metadata["nama"],
            dasar_hukum=metadata["dasar_hukum"],
            berlaku_mulai=datetime.date.fromisoformat(metadata["berlaku_mulai"]),
            status=StatusSetAturan.AKTIF,
            isi=rules.isi_default(),
            diaktifkan_pada=timezone.now(),
        )
    return set_aturan


@transaction.atomic
def rule_set_create(
    *,
    aktor: Aktor,
    kode: str,
    nama: str,
    dasar_hukum: str,
    berlaku_mulai: datetime.date,
    unit: Unit | None,
    isi: Any,
    catatan: str = "",
    aksi: str = "setaturan.create",
) -> SetAturan:
    """A new draft: version 1 of a new code, or the next version of an existing one."""
    kode = kode.strip()
    errors: dict[str, Any] = {
        **_metadata_errors(nama, dasar_hukum, kode),
        **_content_errors(isi),
    }
    if errors:
        raise ValidationError(errors)
    set_aturan = SetAturan.objects.create(
        kode=kode,
        versi=_next_version(kode),
        nama=nama.strip(),
        dasar_hukum=dasar_hukum.strip(),
        berlaku_mulai=berlaku_mulai,
        unit=unit,
        isi=rules.isi_dump(rules.isi_parse(isi)),
        catatan=catatan.strip(),
        dibuat_oleh_id=aktor.pengguna_id,
    )
    audit_record(
        aktor=aktor, aksi=aksi, objek=set_aturan, sesudah=snapshot(set_aturan, STATE_FIELDS)
    )
    return set_aturan


@transaction.atomic
def rule_set_copy(
    *, aktor: Aktor, sumber: SetAturan, kode: str = "", nama: str = "", catatan: str = ""
) -> SetAturan:
    """A new draft version with the content of `sumber`: the next version of its code, or
    version 1 of a new code (a separate rule set, e.g. for a unit)."""
    kode = (kode or sumber.kode).strip()
    errors = {
        **_metadata_errors(nama or sumber.nama, sumber.dasar_hukum, kode),
    }
    if errors:
        raise ValidationError(errors)
    copy = SetAturan.objects.create(
        kode=kode,
        versi=_next_version(kode),
        nama=(nama or sumber.nama).strip(),
        dasar_hukum=sumber.dasar_hukum,
        berlaku_mulai=max(sumber.berlaku_mulai, timezone.localdate()),
        unit=sumber.unit,
        isi=sumber.isi,
        catatan=catatan.strip(),
        disalin_dari=sumber,
        dibuat_oleh_id=aktor.pengguna_id,
    )
    audit_record(
        aktor=aktor,
        aksi="setaturan.copy",
        objek=copy,
        sesudah=snapshot(copy, STATE_FIELDS),
        keterangan=_("Disalin dari %(sumber)s.") % {"sumber": sumber},
    )
    return copy


# --- Edit a draft ----------------------------------------------------------------------------


@transaction.atomic
def rule_set_update(
    *,
    aktor: Aktor,
    set_aturan: SetAturan,
    nama: str,
    dasar_hukum: str,
    berlaku_mulai: datetime.date,
    unit: Unit | None,
    catatan: str,
) -> SetAturan:
    """Change a draft's name, legal basis, effective date, scope or change note."""
    current = _lock(set_aturan)
    _require_draft(current)
    errors = _metadata_errors(nama, dasar_hukum)
    if errors:
        raise ValidationError(errors)
    before = snapshot(current, METADATA_FIELDS)
    current.nama, current.dasar_hukum = nama.strip(), dasar_hukum.strip()
    current.berlaku_mulai, current.unit, current.catatan = berlaku_mulai, unit, catatan.strip()
    current.save(update_fields=list(METADATA_FIELDS))
    sebelum, sesudah = changed_values(before, snapshot(current, METADATA_FIELDS))
    if sesudah:
        audit_record(
            aktor=aktor, aksi="setaturan.update", objek=current, sebelum=sebelum, sesudah=sesudah
        )
    return current


@transaction.atomic
def rule_set_section_update(
    *, aktor: Aktor, set_aturan: SetAturan, bagian: str, data: Any
) -> SetAturan:
    """Replace one section of a draft's content ("kurva", "tukin", …) after validating the
    whole content; the errors name each wrong value by its path."""
    if bagian not in rules.SECTIONS:
        raise ValidationError(
            {"bagian": _("Bagian “%(bagian)s” tidak dikenal.") % {"bagian": bagian}}
        )
    current = _lock(set_aturan)
    _require_draft(current)
    content = {**current.isi, bagian: data}
    errors = _content_errors(content)
    if errors:
        raise ValidationError(errors)
    normalised = rules.isi_dump(rules.isi_parse(content))
    before = current.isi.get(bagian)
    if normalised[bagian] == before:
        return current
    current.isi = normalised
    current.save(update_fields=["isi"])
    audit_record(
        aktor=aktor,
        aksi="setaturan.update",
        objek=current,
        sebelum={bagian: before},
        sesudah={bagian: normalised[bagian]},
    )
    return current


# --- Life cycle ------------------------------------------------------------------------------


def _transition(current: SetAturan, action: str) -> StatusSetAturan:
    reason = rules.transition_error(current.status_enum, action)
    if reason:
        raise ValidationError(reason)
    return rules.TRANSITIONS[(current.status_enum, action)]


@transaction.atomic
def rule_set_activate(*, aktor: Aktor, set_aturan: SetAturan) -> SetAturan:
    """Make a version apply from its effective date. An active version with the same scope and
    effective date is superseded (deactivated); the content is frozen from now on."""
    current, superseded = _lock_with_slot(set_aturan)
    status = _transition(current, rules.ACTIVATE)
    errors = _content_errors(current.isi)
    if errors:
        raise ValidationError(errors)
    for old in superseded:
        old.status = StatusSetAturan.NONAKTIF
        old.save(update_fields=["status"])
        audit_record(
            aktor=aktor,
            aksi="setaturan.deactivate",
            objek=old,
            sebelum={"status": StatusSetAturan.AKTIF.value},
            sesudah={"status": StatusSetAturan.NONAKTIF.value},
            keterangan=_("Digantikan oleh %(baru)s.") % {"baru": current},
        )
    before = current.status
    current.status, current.diaktifkan_pada = status, timezone.now()
    current.save(update_fields=["status", "diaktifkan_pada"])
    audit_record(
        aktor=aktor,
        aksi="setaturan.activate",
        objek=current,
        sebelum={"status": before},
        sesudah={"status": current.status},
    )
    return current


@transaction.atomic
def rule_set_deactivate(*, aktor: Aktor, set_aturan: SetAturan, alasan: str) -> SetAturan:
    """Stop a version from applying. The last active agency-wide version cannot be deactivated:
    every unit must always have a rule set."""
    # Lock every active agency-wide version first, in id order: two deactivations then cannot
    # each count the other as the one that stays active.
    agency_wide = list(
        SetAturan.objects.select_for_update()
        .filter(status=StatusSetAturan.AKTIF, unit__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    current = _lock(set_aturan)
    status = _transition(current, rules.DEACTIVATE)
    if not alasan.strip():
        raise ValidationError({"alasan": _("Alasan penonaktifan wajib diisi.")})
    if current.unit_id is None and not [pk for pk in agency_wide if pk != current.pk]:
        raise ValidationError(
            _(
                "Set aturan ini satu-satunya yang aktif untuk seluruh instansi; aktifkan set "
                "aturan lain lebih dahulu."
            )
        )
    current.status = status
    current.save(update_fields=["status"])
    audit_record(
        aktor=aktor,
        aksi="setaturan.deactivate",
        objek=current,
        sebelum={"status": StatusSetAturan.AKTIF.value},
        sesudah={"status": current.status},
        keterangan=alasan.strip(),
    )
    return current


@transaction.atomic
def rule_set_delete(*, aktor: Aktor, set_aturan: SetAturan) -> None:
    """Delete a draft (an activated version is kept forever: results refer to it)."""
    current = _lock(set_aturan)
    _require_draft(current)
    audit_record(
        aktor=aktor, aksi="setaturan.delete", objek=current, sebelum=snapshot(current, STATE_FIELDS)
    )
    current.delete()


# --- Exchange --------------------------------------------------------------------------------


def _document_errors(dokumen: Any) -> dict[str, str]:
    if not isinstance(dokumen, dict):
        return {"dokumen": _("Berkas set aturan harus berupa objek JSON.")}
    if dokumen.get("format") != EXPORT_FORMAT:
        return {
            "dokumen": _("Bukan berkas set aturan Kinerja (format “%(format)s” diharapkan).")
            % {"format": EXPORT_FORMAT}
        }
    version = dokumen.get("versi_format")
    if type(version) is not int or version != EXPORT_FORMAT_VERSION:
        return {
            "dokumen": _("Versi format %(versi)s tidak didukung.")
            % {"versi": dokumen.get("versi_format")}
        }
    missing = [
        k for k in ("kode", "nama", "dasar_hukum", "berlaku_mulai", "isi") if k not in dokumen
    ]
    if missing:
        return {"dokumen": _("Kolom wajib tidak ada: %(kolom)s.") % {"kolom": ", ".join(missing)}}
    return {}


def rule_set_import(*, aktor: Aktor, dokumen: Any, unit: Unit | None = None) -> SetAturan:
    """A shared rule-set file (from `rule_set_document`) as a new draft version of its code."""
    errors = _document_errors(dokumen)
    if errors:
        raise ValidationError(errors)
    try:
        berlaku_mulai = datetime.date.fromisoformat(str(dokumen["berlaku_mulai"]))
    except ValueError:
        raise ValidationError(
            {
                "berlaku_mulai": _("Tanggal “%(nilai)s” tidak valid (format TTTT-BB-HH).")
                % {"nilai": dokumen["berlaku_mulai"]}
            }
        ) from None
    return rule_set_create(
        aktor=aktor,
        kode=str(dokumen["kode"]),
        nama=str(dokumen["nama"]),
        dasar_hukum=str(dokumen["dasar_hukum"]),
        berlaku_mulai=berlaku_mulai,
        unit=unit,
        isi=dokumen["isi"],
        catatan=str(dokumen.get("catatan", "")),
        aksi="setaturan.import",
    )
