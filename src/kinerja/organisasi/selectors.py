"""Reading the organisation: the unit tree, employee lists, appraiser chains and histories.

Lists are flat: related rows come with `select_related` and the exclusion in effect is an
annotation, so a page of employees is one query however long it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from kinerja.akun.models import Pengguna
from kinerja.organisasi import rules
from kinerja.organisasi.access import Lingkup, pegawai_readable, unit_readable
from kinerja.organisasi.models import (
    Pegawai,
    Pengecualian,
    Peran,
    RiwayatJabatan,
    RiwayatPenilai,
    Unit,
)

PAGE_SIZE = 50
CHAIN_LIMIT = 20
STATUS_AKTIF = "aktif"
STATUS_NONAKTIF = "nonaktif"
STATUS_DIKECUALIKAN = "dikecualikan"
STATUSES = (STATUS_AKTIF, STATUS_NONAKTIF, STATUS_DIKECUALIKAN)


# --- Units ---------------------------------------------------------------------------------------


@dataclass
class UnitNode:
    """One unit of the tree with its active employees: its own and its whole subtree's."""

    id: int
    kode: str
    nama: str
    induk_id: int | None
    jalur: str
    kedalaman: int
    aktif: bool
    jumlah_pegawai: int = 0
    jumlah_pegawai_total: int = 0
    anak: list[UnitNode] = field(default_factory=list)


UNIT_VALUES = ("id", "kode", "nama", "induk_id", "jalur", "kedalaman", "aktif")


def unit_tree(scope: Lingkup) -> list[UnitNode]:
    """The readable units as a tree (roots: units whose parent the scope cannot read),
    siblings by code, with employee counts. Two queries, assembled in Python."""
    units = unit_readable(scope)
    rows = list(units.order_by("jalur").values(*UNIT_VALUES))
    counts = dict(
        Pegawai.objects.filter(aktif=True, unit__in=units)
        .order_by()
        .values("unit_id")
        .annotate(jumlah=Count("pk"))
        .values_list("unit_id", "jumlah")
    )
    return unit_tree_assemble(rows, counts)


def unit_tree_assemble(rows: list[dict[str, Any]], counts: dict[int, int]) -> list[UnitNode]:
    nodes = {row["id"]: UnitNode(**row, jumlah_pegawai=counts.get(row["id"], 0)) for row in rows}
    roots: list[UnitNode] = []
    for node in nodes.values():
        parent = nodes.get(node.induk_id) if node.induk_id is not None else None
        (parent.anak if parent is not None else roots).append(node)
    for node in sorted(nodes.values(), key=lambda item: item.kedalaman, reverse=True):
        node.anak.sort(key=lambda child: child.kode)
        node.jumlah_pegawai_total = node.jumlah_pegawai + sum(
            child.jumlah_pegawai_total for child in node.anak
        )
    roots.sort(key=lambda root: root.kode)
    return roots


def unit_tree_flat(roots: list[UnitNode]) -> list[UnitNode]:
    """The nodes of a tree in display order (parents before their children)."""
    flat: list[UnitNode] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        flat.append(node)
        stack.extend(reversed(node.anak))
    return flat


def units_for_choice(scope: Lingkup) -> list[Unit]:
    """Readable units in tree order, for select boxes (indented by `kedalaman`)."""
    return list(unit_readable(scope).order_by("jalur"))


def unit_children(unit: Unit) -> QuerySet[Unit]:
    """The direct sub-units with their own active employees and their number of sub-units."""
    return (
        Unit.objects.filter(induk_id=unit.pk)
        .annotate(
            jumlah_pegawai=Count("pegawai", filter=Q(pegawai__aktif=True), distinct=True),
            jumlah_anak=Count("anak", distinct=True),
        )
        .order_by("kode")
    )


def unit_breadcrumb(unit: Unit) -> list[Unit]:
    """The units above `unit`, from the root down (not the unit itself)."""
    ancestors = [pk for pk in rules.unit_path_ids(unit.jalur) if pk != unit.pk]
    if not ancestors:
        return []
    return list(Unit.objects.filter(pk__in=ancestors).order_by("kedalaman"))


def unit_employee_count(unit: Unit) -> tuple[int, int]:
    """(active employees of the unit itself, of the unit and all its sub-units)."""
    counts = Pegawai.objects.filter(aktif=True, unit__jalur__startswith=unit.jalur).aggregate(
        sendiri=Count("pk", filter=Q(unit_id=unit.pk)), total=Count("pk")
    )
    return counts["sendiri"], counts["total"]


# --- Employees -----------------------------------------------------------------------------------


def exclusions_in_effect(day: datetime.date | None = None) -> QuerySet[Pengecualian]:
    day = day or timezone.localdate()
    return Pengecualian.objects.filter(mulai__lte=day).filter(
        Q(sampai__isnull=True) | Q(sampai__gt=day)
    )


def _exclusion_now() -> QuerySet[Pengecualian]:
    return exclusions_in_effect().filter(pegawai_id=OuterRef("pk")).order_by("mulai", "pk")


def with_exclusion(employees: QuerySet[Pegawai]) -> QuerySet[Pegawai]:
    """Annotate each employee with the exclusion in effect today (kind and end), if any."""
    current = _exclusion_now()
    return employees.annotate(
        pengecualian_jenis=Subquery(current.values("jenis")[:1]),
        pengecualian_sampai=Subquery(current.values("sampai")[:1]),
    )


def pegawai_list(
    scope: Lingkup,
    *,
    query: str = "",
    unit_id: int | None = None,
    include_subunits: bool = False,
    jenis_jabatan: str = "",
    status: str = "",
    status_kepegawaian: str = "",
) -> QuerySet[Pegawai]:
    """The readable employees matching the filters, with unit, position and appraiser joined
    and the exclusion in effect annotated (`pengecualian_jenis`, `pengecualian_sampai`).

    `query` matches part of the NIP or of the name (any case). `status`: aktif (active and not
    excluded today), nonaktif, dikecualikan (active with an exclusion in effect today).
    """
    employees = with_exclusion(pegawai_readable(scope).select_related("unit", "jabatan", "penilai"))
    text = " ".join(query.split())
    if text:
        digits = text.replace(" ", "")
        condition = Q(nama__icontains=text)
        if digits.isdigit():
            condition |= Q(nip__contains=digits)
        employees = employees.filter(condition)
    if unit_id is not None and include_subunits:
        path = Unit.objects.filter(pk=unit_id).values("jalur")[:1]
        employees = employees.filter(unit__jalur__startswith=Subquery(path))
    elif unit_id is not None:
        employees = employees.filter(unit_id=unit_id)
    if jenis_jabatan:
        employees = employees.filter(jabatan__jenis_jabatan=jenis_jabatan)
    if status_kepegawaian:
        employees = employees.filter(status_kepegawaian=status_kepegawaian)
    if status == STATUS_NONAKTIF:
        employees = employees.filter(aktif=False)
    elif status == STATUS_AKTIF:
        employees = employees.filter(~Exists(_exclusion_now()), aktif=True)
    elif status == STATUS_DIKECUALIKAN:
        employees = employees.filter(Exists(_exclusion_now()), aktif=True)
    return employees.order_by("nama", "nip")


def pegawai_by_id(pegawai_id: int) -> Pegawai | None:
    return Pegawai.objects.select_related("unit").filter(pk=pegawai_id).first()


def pegawai_by_nip(nip: str) -> Pegawai | None:
    return Pegawai.objects.select_related("unit").filter(nip=nip.strip()).first()


def pegawai_search(candidates: QuerySet[Pegawai], query: str, limit: int = 20) -> list[Pegawai]:
    """Up to `limit` employees whose NIP starts with or whose name contains `query`."""
    text = " ".join(query.split())
    if len(text) < 2:
        return []
    condition = Q(nama__icontains=text)
    if text.replace(" ", "").isdigit():
        condition |= Q(nip__startswith=text.replace(" ", ""))
    found = candidates.filter(condition).select_related("unit", "jabatan")
    return list(found.order_by("nama", "nip")[:limit])


def pegawai_detail(pegawai_id: int) -> Pegawai:
    return Pegawai.objects.select_related("unit", "jabatan", "penilai", "pengguna").get(
        pk=pegawai_id
    )


def nip_parts(pegawai: Pegawai) -> rules.NipParts | None:
    """Birth date, appointment month, gender and sequence from the NIP (None if invalid)."""
    try:
        return rules.nip_parse(pegawai.nip)
    except rules.InvalidNip:
        return None


def bawahan(pegawai: Pegawai) -> QuerySet[Pegawai]:
    """The active employees this employee appraises now."""
    employees = Pegawai.objects.filter(penilai_id=pegawai.pk, aktif=True)
    return with_exclusion(employees.select_related("unit", "jabatan")).order_by("nama", "nip")


# --- Appraiser chain and histories ---------------------------------------------------------------


def _appraiser_map(start_id: int, limit: int) -> dict[int, int | None]:
    """Who appraises whom along the chain above `start_id`, three levels per query."""
    appraiser_of: dict[int, int | None] = {}
    node: int | None = start_id
    levels = ("penilai_id", "penilai__penilai_id", "penilai__penilai__penilai_id")
    while node is not None and node not in appraiser_of and len(appraiser_of) < limit:
        row = Pegawai.objects.filter(pk=node).values_list(*levels).first()
        if row is None:
            break
        for value in row:
            if node is None or node in appraiser_of:
                break
            appraiser_of[node] = value
            node = value
    return appraiser_of


def penilai_chain(pegawai: Pegawai, limit: int = CHAIN_LIMIT) -> list[Pegawai]:
    """The appraiser, the appraiser's appraiser (atasan pejabat penilai), and so on up."""
    chain_ids = rules.appraiser_chain(_appraiser_map(pegawai.pk, limit + 1), pegawai.pk, limit)
    if not chain_ids:
        return []
    found = Pegawai.objects.select_related("unit", "jabatan").in_bulk(chain_ids)
    return [found[pk] for pk in chain_ids if pk in found]


def penilai_on(pegawai: Pegawai, day: datetime.date) -> Pegawai | None:
    """The appraiser of an employee on a day, from the history."""
    row = (
        RiwayatPenilai.objects.select_related("penilai")
        .filter(pegawai_id=pegawai.pk, mulai__lte=day)
        .filter(Q(sampai__isnull=True) | Q(sampai__gt=day))
        .order_by("-mulai", "-pk")
        .first()
    )
    return row.penilai if row is not None else None


def riwayat_penilai(pegawai: Pegawai) -> QuerySet[RiwayatPenilai]:
    return (
        RiwayatPenilai.objects.filter(pegawai_id=pegawai.pk)
        .select_related("penilai", "dicatat_oleh")
        .order_by("-mulai", "-pk")
    )


def riwayat_jabatan(pegawai: Pegawai) -> QuerySet[RiwayatJabatan]:
    return (
        RiwayatJabatan.objects.filter(pegawai_id=pegawai.pk)
        .select_related("unit", "jabatan")
        .order_by("-mulai", "-pk")
    )


def _with_in_effect(exclusions: QuerySet[Pengecualian]) -> QuerySet[Pengecualian]:
    today = timezone.localdate()
    in_effect = Q(mulai__lte=today) & (Q(sampai__isnull=True) | Q(sampai__gt=today))
    return exclusions.annotate(berlaku=ExpressionWrapper(in_effect, output_field=BooleanField()))


def pengecualian_of(pegawai: Pegawai) -> QuerySet[Pengecualian]:
    """The employee's exclusions, newest first, each with `berlaku` (in effect today)."""
    exclusions = Pengecualian.objects.filter(pegawai_id=pegawai.pk)
    return _with_in_effect(exclusions).order_by("-mulai", "-pk")


def pengecualian_get(pengecualian_id: int) -> Pengecualian:
    """One exclusion with `berlaku`."""
    return _with_in_effect(Pengecualian.objects.all()).get(pk=pengecualian_id)


def pegawai_readable_ids(scope: Lingkup, pegawai_ids: list[int]) -> set[int]:
    """Which of these employees the scope may open (for links)."""
    return set(pegawai_readable(scope).filter(pk__in=pegawai_ids).values_list("pk", flat=True))


# --- Roles ---------------------------------------------------------------------------------------


def peran_list(roles: QuerySet[Peran]) -> QuerySet[Peran]:
    return roles.select_related("pengguna", "unit").order_by(
        "unit__jalur", "jenis", "pengguna__nama"
    )


def pengguna_by_nip(nip: str) -> Pengguna | None:
    return Pengguna.objects.filter(nip=nip.strip()).first()
