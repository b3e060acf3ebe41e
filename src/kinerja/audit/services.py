"""Writing the audit log. Every service that changes data calls these in its own transaction."""

from __future__ import annotations

import datetime
import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from kinerja.audit import rules
from kinerja.audit.models import Entri, Rantai

HASHED_FIELDS = (
    "urutan",
    "waktu",
    "aktor_id",
    "aktor_label",
    "alamat_ip",
    "aksi",
    "objek_tipe",
    "objek_id",
    "objek_label",
    "sebelum",
    "sesudah",
    "keterangan",
)


@dataclass(frozen=True)
class Aktor:
    """Who acts, and from where: passed from the adapters to every service."""

    pengguna_id: int | None
    label: str
    alamat_ip: str | None = None

    @classmethod
    def system(cls, label: str = "sistem") -> Aktor:
        return cls(pengguna_id=None, label=label)

    @classmethod
    def of_request(cls, request: Any) -> Aktor:
        """The logged-in user of a request, from the client's address."""
        return cls.of_user(request.user, request.META.get("REMOTE_ADDR"))

    @classmethod
    def of_user(cls, user: Any, alamat_ip: str | None = None) -> Aktor:
        label = f"{user.nama} ({user.nip})" if getattr(user, "nama", "") else user.nip
        return cls(pengguna_id=user.pk, label=label, alamat_ip=normalise_address(alamat_ip))


def normalise_address(text: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((text or "").strip()))
    except ValueError:
        return None


@dataclass(frozen=True)
class Perubahan:
    """One change to record: what happened to which object, with values before and after."""

    aksi: str
    objek_tipe: str
    objek_id: str
    objek_label: str
    sebelum: Mapping[str, Any] | None = None
    sesudah: Mapping[str, Any] | None = None
    keterangan: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def object_type(instance: models.Model) -> str:
    return instance._meta.label_lower


def snapshot(instance: models.Model, fields: Sequence[str]) -> dict[str, Any]:
    """The JSON values of some fields of a model instance (foreign keys by their id)."""
    values: dict[str, Any] = {}
    for name in fields:
        model_field = instance._meta.get_field(name)
        attribute = model_field.attname if model_field.is_relation else name  # type: ignore[union-attr]
        values[name] = rules.to_json_value(getattr(instance, attribute))
    return values


def changed_values(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose values differ, as (before, after)."""
    keys = [key for key in after if before.get(key) != after.get(key)]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}


def audit_record(
    *,
    aktor: Aktor,
    aksi: str,
    objek: models.Model | None = None,
    objek_tipe: str = "",
    objek_id: str = "",
    objek_label: str = "",
    sebelum: Mapping[str, Any] | None = None,
    sesudah: Mapping[str, Any] | None = None,
    keterangan: str = "",
) -> Entri:
    """Append one entry; must run inside the caller's transaction."""
    if objek is not None:
        objek_tipe = objek_tipe or object_type(objek)
        objek_id = objek_id or str(objek.pk)
        objek_label = objek_label or str(objek)
    change = Perubahan(aksi, objek_tipe, objek_id, objek_label, sebelum, sesudah, keterangan)
    return audit_record_many(aktor=aktor, perubahan=[change])[0]


def audit_record_many(*, aktor: Aktor, perubahan: Iterable[Perubahan]) -> list[Entri]:
    """Append many entries in one chain segment (used by bulk imports)."""
    with transaction.atomic():
        head = _lock_head()
        now = timezone.now()
        entries = []
        for change in perubahan:
            head.urutan_terakhir += 1
            entry = Entri(
                urutan=head.urutan_terakhir,
                waktu=now,
                aktor_id=aktor.pengguna_id,
                aktor_label=aktor.label[:255],
                alamat_ip=aktor.alamat_ip,
                aksi=change.aksi,
                objek_tipe=change.objek_tipe,
                objek_id=str(change.objek_id),
                objek_label=change.objek_label[:255],
                sebelum=rules.to_json_value(change.sebelum),
                sesudah=rules.to_json_value(change.sesudah),
                keterangan=change.keterangan,
                hash_sebelumnya=head.hash_terakhir,
            )
            entry.hash = rules.entry_hash(entry_fields(entry), head.hash_terakhir)
            head.hash_terakhir = entry.hash
            entries.append(entry)
        if entries:
            Entri.objects.bulk_create(entries, batch_size=2000)
            head.save(update_fields=["urutan_terakhir", "hash_terakhir"])
        return entries


def entry_fields(entry: Entri) -> dict[str, Any]:
    values = {name: getattr(entry, name) for name in HASHED_FIELDS}
    values["waktu"] = entry.waktu.astimezone(datetime.UTC).isoformat()
    return values


def _lock_head() -> Rantai:
    head = Rantai.objects.select_for_update().filter(pk=1).first()
    if head is None:
        Rantai.objects.get_or_create(pk=1)
        head = Rantai.objects.select_for_update().get(pk=1)
    return head
