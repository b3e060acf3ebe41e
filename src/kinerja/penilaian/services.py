"""Writing assessments: the organisation rating of a unit, an employee's ratings (predikat by
the quadrant of the rule set), the finalisation of a curve group (only when it complies, with a
snapshot of who was who), its reopening with a reason, and objections.

Every write is atomic and audited. Concurrent actors are serialised on the row they change: the
assessment, the group's organisation rating (finalising and reopening), the objection.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.aturan import rules as aturan_rules
from kinerja.aturan.enums import Predikat, PredikatOrganisasi, Rating
from kinerja.aturan.models import SetAturan
from kinerja.audit.services import Aktor, audit_record
from kinerja.core.formatting import format_date
from kinerja.notifikasi.services import Pesan, notify
from kinerja.organisasi.models import Pegawai, Unit
from kinerja.penilaian import rules, selectors
from kinerja.penilaian.enums import (
    AksiKeberatan,
    AksiPenetapan,
    StatusKeberatan,
    StatusPenetapan,
    StatusPenilaian,
)
from kinerja.penilaian.models import (
    Keberatan,
    KinerjaOrganisasi,
    Penetapan,
    Penilaian,
    RiwayatPenetapan,
)
from kinerja.periode.models import Periode
from kinerja.skp.selectors import berakhlak_codes, person_snapshot


def _now() -> Any:
    return timezone.now()


def _period(periode: Periode) -> str:
    """ "Triwulan I 2026": the period with its year, for messages and the audit log."""
    return f"{periode.nama} {periode.tahun.tahun}"


def _rating(value: Rating | str, field: str) -> Rating:
    parsed = Rating.parse(str(value)) if value else None
    if parsed is None:
        raise ValidationError(
            {field: _("Pilih salah satu: Di Atas, Sesuai atau Di Bawah Ekspektasi.")}
        )
    return parsed


def _aturan(jalur: str, periode: Periode) -> SetAturan:
    try:
        return selectors.aturan_for(jalur, periode)
    except aturan_rules.RuleError as error:
        raise ValidationError(str(error)) from error


# --- Organisation rating ---------------------------------------------------------------------


@transaction.atomic
def organisasi_rate(
    *,
    aktor: Aktor,
    unit: Unit,
    periode: Periode,
    predikat: PredikatOrganisasi | str,
    alasan: str,
    atas_nama: bool,
) -> KinerjaOrganisasi:
    """Set (or change) the unit's organisation rating for the period, with its justification."""
    parsed = PredikatOrganisasi.parse(str(predikat)) if predikat else None
    if parsed is None:
        raise ValidationError({"predikat": _("Pilih capaian kinerja organisasi.")})
    if not alasan.strip():
        raise ValidationError({"alasan": _("Tuliskan alasan singkat capaian kinerja organisasi.")})
    found = (
        KinerjaOrganisasi.objects.select_for_update(of=("self",))
        .filter(unit=unit, periode=periode)
        .first()
    )
    finalised = Penetapan.objects.filter(
        unit=unit, periode=periode, status=StatusPenetapan.DITETAPKAN
    ).exists()
    problem = rules.organisation_edit_error(periode.status, finalised)
    if problem is None and found is None:
        problem = _inside_finalised_group(unit, periode)
    if problem:
        raise ValidationError(problem)
    before = {"predikat": found.predikat, "alasan": found.alasan} if found else None
    values = {
        "predikat": parsed.value,
        "alasan": alasan.strip(),
        "atas_nama": atas_nama,
        "oleh_id": aktor.pengguna_id,
        "oleh_label": aktor.label[:255],
    }
    if found is None:
        try:
            with transaction.atomic():
                found = KinerjaOrganisasi.objects.create(unit=unit, periode=periode, **values)
        except IntegrityError as error:
            raise ValidationError(
                _(
                    "Capaian kinerja organisasi unit ini baru saja ditetapkan orang lain; "
                    "muat ulang."
                )
            ) from error
    else:
        for name, value in values.items():
            setattr(found, name, value)
        found.save()
    audit_record(
        aktor=aktor,
        aksi="kinerjaorganisasi.save",
        objek=found,
        objek_label=f"{unit.nama} — {_period(periode)}",
        sebelum=before,
        sesudah={"predikat": parsed.value, "alasan": found.alasan, "atas_nama": atas_nama},
    )
    return found


def _inside_finalised_group(unit: Unit, periode: Periode) -> str | None:
    """A new rating would split a finalised group: refuse until that group is reopened. Only a
    group of a unit above this one can be split (a deeper rated unit keeps its own group)."""
    above = [unit.jalur[: i + 1] for i in range(1, len(unit.jalur) - 1) if unit.jalur[i] == "/"]
    found = (
        Penilaian.objects.filter(
            periode=periode, status=StatusPenilaian.FINAL, unit__jalur__startswith=unit.jalur
        )
        .filter(penetapan__unit__jalur__in=above)
        .select_related("penetapan__unit")
        .first()
    )
    if found is None or found.penetapan is None:
        return None
    return _(
        "Pegawai unit ini sudah ditetapkan dalam kelompok %(unit)s; buka kembali penetapan itu "
        "sebelum menetapkan capaian kinerja organisasi unit ini."
    ) % {"unit": found.penetapan.unit.nama}


# --- Rating an employee ----------------------------------------------------------------------


def _clean_parts(
    values: Mapping[str, Any] | None, allowed: Iterable[str], field: str
) -> dict[str, str]:
    allowed = set(allowed)
    cleaned: dict[str, str] = {}
    for key, value in (values or {}).items():
        if not value:
            continue
        if key not in allowed:
            raise ValidationError({field: _("Kode tidak dikenal: %(kode)s.") % {"kode": key}})
        cleaned[key] = _rating(value, field).value
    return cleaned


SNAPSHOT_RELATED = (
    "unit",
    "jabatan",
    "penilai__unit",
    "penilai__jabatan",
    "penilai__penilai__unit",
    "penilai__penilai__jabatan",
)
"""What `_apply_identity` reads of an employee (one query with `select_related`)."""


def _apply_identity(penilaian: Penilaian, pegawai: Pegawai) -> None:
    """Record who the employee, their appraiser and the appraiser's superior are now; the
    employee must come with SNAPSHOT_RELATED."""
    penilai = pegawai.penilai
    atasan = penilai.penilai if penilai is not None else None
    penilaian.unit_id, penilaian.jabatan_id = pegawai.unit_id, pegawai.jabatan_id
    penilaian.penilai_id = pegawai.penilai_id
    penilaian.atasan_penilai_id = atasan.pk if atasan else None
    penilaian.identitas = {
        "pegawai": person_snapshot(pegawai),
        "penilai": person_snapshot(penilai),
        "atasan_penilai": person_snapshot(atasan),
    }


@transaction.atomic
def penilaian_save(
    *,
    aktor: Aktor,
    pegawai: Pegawai,
    periode: Periode,
    rating_hasil: Rating | str,
    rating_perilaku: Rating | str,
    rating_rhk: Mapping[str, Any] | None = None,
    rating_nilai: Mapping[str, Any] | None = None,
    catatan: str = "",
) -> Penilaian:
    """Rate an employee for a period (a draft until the group is finalised); the predikat
    follows from the quadrant of the rule set in effect for the employee's unit."""
    found = (
        Penilaian.objects.select_for_update(of=("self",))
        .filter(pegawai=pegawai, periode=periode)
        .first()
    )
    problem = rules.rating_edit_error(periode.status, found.status if found else None)
    if problem:
        raise ValidationError(problem)
    hasil = _rating(rating_hasil, "rating_hasil")
    perilaku = _rating(rating_perilaku, "rating_perilaku")
    parts = _clean_parts(rating_rhk, selectors.rhk_codes(pegawai, periode), "rating_rhk")
    values = _clean_parts(rating_nilai, berakhlak_codes(), "rating_nilai")
    form = selectors.form_data(
        pegawai, periode, draft={"rating_rhk": parts, "rating_nilai": values}
    )
    before = _state(found)
    penilaian = found or Penilaian(pegawai=pegawai, periode=periode)
    _write(penilaian, aktor, pegawai, hasil, perilaku, catatan)
    penilaian.skp = form.skp
    penilaian.rating_rhk = parts
    penilaian.rating_nilai = values
    penilaian.masukan = form.masukan()
    try:
        with transaction.atomic():
            penilaian.save()
    except IntegrityError as error:
        raise ValidationError(
            _("Pegawai ini baru saja dinilai pada periode yang sama oleh orang lain; muat ulang.")
        ) from error
    audit_record(
        aktor=aktor,
        aksi="penilaian.save",
        objek=penilaian,
        objek_label=f"{pegawai.nama} ({pegawai.nip}) — {_period(periode)}",
        sebelum=before,
        sesudah=_state(penilaian),
    )
    return penilaian


def _write(
    penilaian: Penilaian,
    aktor: Aktor,
    pegawai: Pegawai,
    hasil: Rating,
    perilaku: Rating,
    catatan: str,
) -> None:
    set_aturan = _aturan(pegawai.unit.jalur, penilaian.periode)
    penilaian.rating_hasil = hasil.value
    penilaian.rating_perilaku = perilaku.value
    penilaian.predikat = aturan_rules.predikat_compute(
        set_aturan.aturan(), hasil, perilaku
    ).predikat.value
    penilaian.set_aturan = set_aturan
    penilaian.catatan = catatan.strip()
    penilaian.dinilai_oleh_id = aktor.pengguna_id
    penilaian.dinilai_label = aktor.label[:255]
    _apply_identity(penilaian, Pegawai.objects.select_related(*SNAPSHOT_RELATED).get(pk=pegawai.pk))


def _state(penilaian: Penilaian | None) -> dict[str, Any] | None:
    if penilaian is None:
        return None
    return {
        "rating_hasil": penilaian.rating_hasil,
        "rating_perilaku": penilaian.rating_perilaku,
        "predikat": penilaian.predikat,
        "status": penilaian.status,
        "catatan": penilaian.catatan,
    }


def penilaian_import(
    *,
    aktor: Aktor,
    pegawai: Pegawai,
    periode: Periode,
    rating_hasil: Rating,
    rating_perilaku: Rating,
    catatan: str,
) -> tuple[Penilaian, bool]:
    """Write an imported rating (history needs no plan); (assessment, changed). The caller
    reopens a finalised group before and settles it after (`penetapan_settle`)."""
    found = Penilaian.objects.filter(pegawai=pegawai, periode=periode).first()
    if (
        found is not None
        and found.rating_hasil == rating_hasil.value
        and found.rating_perilaku == rating_perilaku.value
        and found.catatan == catatan.strip()
    ):
        return found, False
    penilaian = found or Penilaian(pegawai=pegawai, periode=periode)
    _write(penilaian, aktor, pegawai, rating_hasil, rating_perilaku, catatan)
    penilaian.status = StatusPenilaian.DRAF.value
    penilaian.penetapan = None
    penilaian.ditetapkan_pada = None
    penilaian.save()
    return penilaian, True


# --- Finalising a group ----------------------------------------------------------------------


def _lock_group(unit: Unit, periode: Periode) -> KinerjaOrganisasi | None:
    """Finalising, reopening and objections on one group are serialised on its rating row."""
    return (
        KinerjaOrganisasi.objects.select_for_update(of=("self",))
        .filter(unit=unit, periode=periode)
        .first()
    )


def _lock_assessments(*conditions: Q, **filters: Any) -> None:
    """Wait for the group's assessments being written now (a rating saved, an objection filed):
    the group is then read after they commit, and they see the group's new state."""
    list(
        Penilaian.objects.select_for_update(of=("self",))
        .filter(*conditions, **filters)
        .values_list("pk", flat=True)
    )


def _signatory(group: selectors.Kelompok) -> dict[str, Any]:
    return person_snapshot(group.kepala) or {}


def _history(penetapan: Penetapan, aktor: Aktor, aksi: AksiPenetapan, alasan: str = "") -> None:
    RiwayatPenetapan.objects.create(
        penetapan=penetapan,
        aksi=aksi.value,
        alasan=alasan,
        jumlah=penetapan.jumlah,
        oleh_id=aktor.pengguna_id,
        oleh_label=aktor.label[:255],
    )


@transaction.atomic
def penetapan_finalise(
    *, aktor: Aktor, unit: Unit, periode: Periode, aksi: AksiPenetapan = AksiPenetapan.TETAPKAN
) -> Penetapan:
    """Finalise the predikat of the group: only with an organisation rating, every member
    rated and the distribution within the curve (or the group too small to judge). Freezes each
    member's unit, position, appraiser and appraiser's superior."""
    _lock_group(unit, periode)
    _lock_assessments(
        Q(unit__jalur__startswith=unit.jalur) | Q(pegawai__unit__jalur__startswith=unit.jalur),
        periode=periode,
    )
    group = selectors.kelompok_detail(unit, periode)
    if group.errors:
        raise ValidationError(group.errors)
    assert group.organisasi is not None
    assert group.hasil is not None
    now = _now()
    values = {
        "status": StatusPenetapan.DITETAPKAN.value,
        "predikat_organisasi": group.organisasi.predikat,
        "set_aturan": group.set_aturan,
        "jumlah": rules.count_predikat(p.predikat for p in group.rated),
        "penanda_tangan": _signatory(group),
        "ditetapkan_oleh_id": aktor.pengguna_id,
        "ditetapkan_label": aktor.label[:255],
        "ditetapkan_pada": now,
    }
    penetapan, _created = Penetapan.objects.update_or_create(
        unit=unit, periode=periode, defaults=values
    )
    _freeze(group.rated, penetapan, now)
    _history(penetapan, aktor, aksi)
    audit_record(
        aktor=aktor,
        aksi="penetapan.finalise",
        objek=penetapan,
        objek_label=f"{unit.nama} — {_period(periode)}",
        sesudah={"jumlah": penetapan.jumlah, "predikat_organisasi": penetapan.predikat_organisasi},
    )
    _notify_finalised(group.rated, periode, group.set_aturan, now)
    return penetapan


def _freeze(assessments: list[Penilaian], penetapan: Penetapan, now: Any) -> None:
    employees = Pegawai.objects.select_related(*SNAPSHOT_RELATED).in_bulk(
        [a.pegawai_id for a in assessments]
    )
    for item in assessments:
        _apply_identity(item, employees[item.pegawai_id])
        item.status = StatusPenilaian.FINAL.value
        item.penetapan = penetapan
        item.ditetapkan_pada = now
    Penilaian.objects.bulk_update(
        assessments,
        [
            "unit",
            "jabatan",
            "penilai",
            "atasan_penilai",
            "identitas",
            "status",
            "penetapan",
            "ditetapkan_pada",
        ],
        batch_size=500,
    )


def _notify_finalised(
    assessments: list[Penilaian], periode: Periode, set_aturan: SetAturan, now: Any
) -> None:
    deadline = rules.objection_deadline(timezone.localdate(now), set_aturan.aturan().keberatan_hari)
    users = dict(
        Pegawai.objects.filter(
            pk__in=[a.pegawai_id for a in assessments], pengguna__isnull=False
        ).values_list("pk", "pengguna_id")
    )
    notify(
        Pesan(
            penerima_id=users[item.pegawai_id],
            judul=_("Predikat kinerja %(periode)s ditetapkan") % {"periode": _period(periode)},
            isi=_(
                "Predikat kinerja Anda: %(predikat)s. Keberatan dapat diajukan sampai %(tanggal)s."
            )
            % {"predikat": item.predikat_enum.label, "tanggal": format_date(deadline)},
            tautan=reverse("penilaian:detail", args=[item.pk]),
            kunci=f"penilaian-final-{item.pk}-{now.timestamp():.0f}",
        )
        for item in assessments
        if item.pegawai_id in users
    )


@transaction.atomic
def penetapan_reopen(*, aktor: Aktor, penetapan: Penetapan, alasan: str) -> Penetapan:
    """Reopen a finalised group with a recorded reason: its assessments become drafts again."""
    _lock_group(penetapan.unit, penetapan.periode)
    current = Penetapan.objects.select_for_update().get(pk=penetapan.pk)
    _lock_assessments(penetapan=current)  # an objection being filed is counted below
    if not current.is_final:
        raise ValidationError(
            _("Penetapan ini sedang dibuka; tidak ada yang perlu dibuka kembali.")
        )
    problem = rules.reopen_error(alasan, selectors.open_objections(current))
    if problem:
        raise ValidationError(problem)
    current.status = StatusPenetapan.DIBUKA.value
    current.save(update_fields=["status"])
    _unfreeze(current)
    _history(current, aktor, AksiPenetapan.BUKA, alasan.strip())
    audit_record(
        aktor=aktor,
        aksi="penetapan.reopen",
        objek=current,
        objek_label=f"{current.unit.nama} — {_period(current.periode)}",
        keterangan=alasan.strip(),
    )
    return current


def _unfreeze(penetapan: Penetapan) -> None:
    Penilaian.objects.filter(penetapan=penetapan).update(
        status=StatusPenilaian.DRAF.value, penetapan=None, ditetapkan_pada=None
    )


@transaction.atomic
def penetapan_settle(*, aktor: Aktor, unit: Unit, periode: Periode, alasan: str) -> list[str]:
    """After an import: reopen the group if it was finalised, then finalise it again when it
    can be. Returns why it stays a draft (empty: finalised)."""
    _lock_group(unit, periode)
    current = (
        Penetapan.objects.select_for_update(of=("self",)).filter(unit=unit, periode=periode).first()
    )
    if current is not None and current.is_final:
        waiting = selectors.open_objections(current)
        if waiting:
            return [rules.reopen_error(alasan or "-", waiting) or ""]
        current.status = StatusPenetapan.DIBUKA.value
        current.save(update_fields=["status"])
        _unfreeze(current)
        _history(current, aktor, AksiPenetapan.IMPOR, alasan)
    group = selectors.kelompok_detail(unit, periode)
    if group.errors:
        return group.errors
    penetapan_finalise(aktor=aktor, unit=unit, periode=periode, aksi=AksiPenetapan.IMPOR)
    return []


# --- Objection -------------------------------------------------------------------------------


def _user_of(pegawai_id: int | None) -> int | None:
    if pegawai_id is None:
        return None
    return Pegawai.objects.filter(pk=pegawai_id).values_list("pengguna_id", flat=True).first()


def _tell(pegawai_id: int | None, judul: str, isi: str, keberatan: Keberatan, step: str) -> None:
    user_id = _user_of(pegawai_id)
    if user_id is None:
        return
    notify(
        [
            Pesan(
                penerima_id=user_id,
                judul=judul,
                isi=isi,
                tautan=reverse("penilaian:detail", args=[keberatan.penilaian_id]),
                kunci=f"keberatan-{keberatan.pk}-{step}",
            )
        ]
    )


def _lock_objection(keberatan: Keberatan, aksi: AksiKeberatan) -> Keberatan:
    current = (
        Keberatan.objects.select_for_update(of=("self",))
        .select_related(
            "penilaian", "penilaian__pegawai", "penilaian__periode", "penilaian__penetapan"
        )
        .get(pk=keberatan.pk)
    )
    problem = rules.objection_transition_error(current.status, aksi)
    if problem:
        raise ValidationError(problem)
    return current


@transaction.atomic
def keberatan_file(*, aktor: Aktor, penilaian: Penilaian, alasan: str) -> Keberatan:
    """The employee objects to a finalised assessment within the rule set's window."""
    current = (
        Penilaian.objects.select_for_update(of=("self",))
        .select_related("set_aturan", "periode")
        .get(pk=penilaian.pk)
    )
    problem = rules.objection_file_error(
        status=current.status,
        finalised_on=timezone.localdate(current.ditetapkan_pada)
        if current.ditetapkan_pada
        else None,
        days=current.set_aturan.aturan().keberatan_hari,
        today=timezone.localdate(),
        existing=Keberatan.objects.filter(penilaian=current).exists(),
        alasan=alasan,
    )
    if problem:
        raise ValidationError(problem)
    keberatan = Keberatan.objects.create(
        penilaian=current,
        alasan=alasan.strip(),
        atasan_id=current.atasan_penilai_id,
        predikat_lama=current.predikat,
    )
    audit_record(
        aktor=aktor, aksi="keberatan.file", objek=keberatan, objek_label=_period(current.periode)
    )
    _tell(
        current.penilai_id,
        _("Keberatan atas penilaian %(periode)s") % {"periode": _period(current.periode)},
        _("Pegawai yang Anda nilai mengajukan keberatan; berikan penjelasan."),
        keberatan,
        "file",
    )
    return keberatan


@transaction.atomic
def keberatan_explain(*, aktor: Aktor, keberatan: Keberatan, penjelasan: str) -> Keberatan:
    """The appraiser's explanation (may be rewritten until the superior decides)."""
    current = _lock_objection(keberatan, AksiKeberatan.JELASKAN)
    if not penjelasan.strip():
        raise ValidationError({"penjelasan": _("Tuliskan penjelasan atas keberatan.")})
    current.status = StatusKeberatan.DIJELASKAN.value
    current.penjelasan = penjelasan.strip()
    current.dijelaskan_label = aktor.label[:255]
    current.dijelaskan_pada = _now()
    current.save()
    audit_record(aktor=aktor, aksi="keberatan.explain", objek=current)
    _tell(
        current.atasan_id,
        _("Keberatan menunggu keputusan Anda"),
        _("Pejabat penilai sudah memberi penjelasan; putuskan keberatan pegawai."),
        current,
        "explain",
    )
    return current


@transaction.atomic
def keberatan_decide(
    *,
    aktor: Aktor,
    keberatan: Keberatan,
    diterima: bool,
    keputusan: str,
    rating_hasil: Rating | str | None = None,
    rating_perilaku: Rating | str | None = None,
) -> Keberatan:
    """The superior upholds the objection with changed ratings (the group must still comply
    with its curve) or rejects it."""
    aksi = AksiKeberatan.TERIMA if diterima else AksiKeberatan.TOLAK
    current = _lock_objection(keberatan, aksi)
    if not keputusan.strip():
        raise ValidationError({"keputusan": _("Tuliskan keputusan dan pertimbangannya.")})
    penilaian = current.penilaian
    current.keputusan = keputusan.strip()  # before _uphold: the group's history records it
    if diterima:
        _uphold(aktor, current, penilaian, rating_hasil, rating_perilaku)
    current.status = (StatusKeberatan.DITERIMA if diterima else StatusKeberatan.DITOLAK).value
    current.diputuskan_oleh_id = aktor.pengguna_id
    current.diputuskan_label = aktor.label[:255]
    current.diputuskan_pada = _now()
    current.save()
    audit_record(
        aktor=aktor,
        aksi="keberatan.decide",
        objek=current,
        sesudah={"status": current.status, "predikat": penilaian.predikat},
    )
    _tell(
        penilaian.pegawai_id,
        _("Keberatan Anda sudah diputuskan"),
        _("Keputusan: %(status)s. Predikat: %(predikat)s.")
        % {
            "status": StatusKeberatan(current.status).label,
            "predikat": Predikat(penilaian.predikat).label,
        },
        current,
        "decide",
    )
    return current


def _uphold(
    aktor: Aktor,
    keberatan: Keberatan,
    penilaian: Penilaian,
    rating_hasil: Rating | str | None,
    rating_perilaku: Rating | str | None,
) -> None:
    hasil = _rating(rating_hasil or "", "rating_hasil")
    perilaku = _rating(rating_perilaku or "", "rating_perilaku")
    if (hasil.value, perilaku.value) == (penilaian.rating_hasil, penilaian.rating_perilaku):
        raise ValidationError(
            _("Keberatan yang diterima mengubah rating; jika rating tetap, tolak keberatan.")
        )
    penetapan = penilaian.penetapan
    if penetapan is None or not penetapan.is_final:
        raise ValidationError(
            _("Penetapan kelompok pegawai ini sedang dibuka kembali; tetapkan dahulu kelompoknya.")
        )
    _lock_group(penetapan.unit, penilaian.periode)
    predikat = aturan_rules.predikat_compute(
        penilaian.set_aturan.aturan(), hasil, perilaku
    ).predikat
    others = Penilaian.objects.filter(penetapan=penetapan).exclude(pk=penilaian.pk)
    values = [Predikat(v) for v in others.values_list("predikat", flat=True)] + [predikat]
    check = aturan_rules.curve_check(
        penetapan.set_aturan.aturan(), PredikatOrganisasi(penetapan.predikat_organisasi), values
    )
    if check.sesuai is False:
        failed = "; ".join(r.label for r in check.batasan if not r.terpenuhi)
        raise ValidationError(
            _(
                "Dengan rating ini distribusi predikat kelompok %(unit)s keluar dari kurva "
                "(%(batasan)s). Pilih rating lain atau minta penetapan kelompok dibuka kembali."
            )
            % {"unit": penetapan.unit.nama, "batasan": failed}
        )
    penilaian.rating_hasil, penilaian.rating_perilaku = hasil.value, perilaku.value
    penilaian.predikat = predikat.value
    penilaian.save(update_fields=["rating_hasil", "rating_perilaku", "predikat", "dinilai_pada"])
    keberatan.rating_hasil_baru, keberatan.rating_perilaku_baru = hasil.value, perilaku.value
    keberatan.predikat_baru = predikat.value
    penetapan.jumlah = rules.count_predikat(values)
    penetapan.save(update_fields=["jumlah"])
    _history(penetapan, aktor, AksiPenetapan.KEBERATAN, keberatan.keputusan or "")


@transaction.atomic
def keberatan_withdraw(*, aktor: Aktor, keberatan: Keberatan) -> Keberatan:
    current = _lock_objection(keberatan, AksiKeberatan.TARIK)
    current.status = StatusKeberatan.DITARIK.value
    current.save(update_fields=["status"])
    audit_record(aktor=aktor, aksi="keberatan.withdraw", objek=current)
    return current
