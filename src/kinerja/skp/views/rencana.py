"""The employee's own plan ("SKP saya"): the plan of a year (or creating or copying it), the
plan page read by everyone who may see it, editing the RHKs and their IKIs (inline with HTMX,
or on pages of their own without JavaScript), the approach and Lampiran, the leader's
expectations, submitting, withdrawing, opening a revision, and the approved revisions.

Only the owner edits (others who may read get 403); the appraiser may also write the leader's
expectations until approval. Every refused action shows the service's message and changes
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from kinerja.audit.services import Aktor
from kinerja.core.forms import form_submit
from kinerja.core.http import HtmxHttpRequest
from kinerja.organisasi.access import Lingkup, scope_for
from kinerja.organisasi.selectors import pegawai_detail
from kinerja.periode import selectors as periode_selectors
from kinerja.skp import access, rules, selectors, services
from kinerja.skp.enums import JenisRhk, StatusSkp
from kinerja.skp.forms import (
    AlasanRevisiForm,
    EkspektasiForm,
    IndikatorForm,
    KeputusanForm,
    PengembalianForm,
    RhkForm,
    SkpCopyForm,
    SkpCreateForm,
    SkpUpdateForm,
)
from kinerja.skp.models import Indikator, Rhk, Skp

NAV_SECTION = "skp"
RHK_SECTION = "#rhk-section"
YEAR_RANGE = range(2000, 2101)


@dataclass(frozen=True)
class BarisIndikator:
    indikator: Indikator
    target: str
    """The target as documents read it ("12 laporan", "97,5 %", or the narrative)."""


@dataclass(frozen=True)
class BarisRhk:
    """An RHK of the plan page with its indicators (and, for the owner, a new-IKI form)."""

    rhk: Rhk
    indikator: list[BarisIndikator]
    iki_form: IndikatorForm | None


# --- Building the pages ------------------------------------------------------------------------


def _requested_year(request: HttpRequest) -> int:
    """`?tahun=` when it is a sensible year, else the year pages show first."""
    text = request.GET.get("tahun", "")
    if text.isdigit() and int(text) in YEAR_RANGE:
        return int(text)
    return periode_selectors.default_tahun(timezone.localdate())


def _form_kind(skp: Skp) -> str:
    return rules.form_kind(skp.pegawai.jabatan.jenis_jabatan)


def _rhk_form(skp: Skp, data: Any = None, rhk: Rhk | None = None) -> RhkForm:
    kind = _form_kind(skp)
    jpt = kind == rules.FORM_JPT
    return RhkForm(
        data,
        form_kind=kind,
        rhk_choices=[] if jpt else selectors.penilai_rhk_choices(skp),
        sasaran_choices=selectors.sasaran_choices(skp) if jpt else [],
        rhk=rhk,
        has_penilai=skp.pegawai.penilai_id is not None,
    )


def _aspek(skp: Skp) -> tuple[Any, ...]:
    year = selectors.year_settings(skp.tahun)
    return rules.allowed_aspek(bool(year and year.aspek_biaya))


def _iki_form(
    skp: Skp,
    data: Any = None,
    *,
    aspek: tuple[Any, ...] | None = None,
    rhk: Rhk | None = None,
    indikator: Indikator | None = None,
) -> IndikatorForm:
    return IndikatorForm(
        data,
        pendekatan=skp.pendekatan,
        aspek=aspek if aspek is not None else _aspek(skp),
        rhk=rhk,
        indikator=indikator,
    )


def _rhk_section(scope: Lingkup, skp: Skp) -> dict[str, Any]:
    """The RHK tables, and for the owner of an editable plan the forms and what still blocks
    submission (the part of the page an HTMX edit refreshes)."""
    can_edit = access.is_owner(scope, skp) and skp.is_editable
    aspek = _aspek(skp) if can_edit else ()
    rows = [
        BarisRhk(
            rhk,
            [
                BarisIndikator(item, item.target_text(skp.pendekatan))
                for item in rhk.indikator.all()
            ],
            _iki_form(skp, aspek=aspek, rhk=rhk) if can_edit else None,
        )
        for rhk in selectors.rhk_of(skp)
    ]
    utama = [row for row in rows if row.rhk.jenis == JenisRhk.UTAMA]
    tambahan = [row for row in rows if row.rhk.jenis == JenisRhk.TAMBAHAN]
    return {
        "skp": skp,
        "form_kind": _form_kind(skp),
        "rhk_utama": utama,
        "rhk_tambahan": tambahan,
        "rhk_groups": [(_("RHK utama"), utama, "utama"), (_("RHK tambahan"), tambahan, "tambahan")],
        "can_edit": can_edit,
        "rhk_form": _rhk_form(skp) if can_edit else None,
        "problems": services.submission_problems(skp) if can_edit else [],
    }


def _nav_section(scope: Lingkup, skp: Skp) -> str:
    if access.is_owner(scope, skp):
        return NAV_SECTION
    if scope.pegawai_id and skp.pegawai.penilai_id == scope.pegawai_id:
        return "skp-bawahan"
    return "kelengkapan" if scope.reads_units else NAV_SECTION


def _plan_context(scope: Lingkup, skp: Skp) -> dict[str, Any]:
    owner = access.is_owner(scope, skp)
    status = StatusSkp(skp.status)
    can_decide = status == StatusSkp.DIAJUKAN and access.may_decide(scope, skp)
    return {
        **_rhk_section(scope, skp),
        "nav_section": _nav_section(scope, skp),
        "identitas": selectors.identitas_of(skp),
        "is_owner": owner,
        "can_set_expectations": access.may_set_expectations(scope, skp),
        "can_withdraw": owner and status == StatusSkp.DIAJUKAN,
        "can_revise": owner and status == StatusSkp.DISETUJUI,
        "can_decide": can_decide,
        "keputusan_form": KeputusanForm() if can_decide else None,
        "pengembalian_form": PengembalianForm() if can_decide else None,
        "revisi_form": AlasanRevisiForm() if owner and status == StatusSkp.DISETUJUI else None,
        "ekspektasi": selectors.ekspektasi_of(skp),
        "lampiran": _lampiran(
            rules.lampiran_lines(skp.dukungan_sumber_daya),
            rules.lampiran_lines(skp.skema_pertanggungjawaban),
            rules.lampiran_lines(skp.konsekuensi),
        ),
        "history": selectors.skp_history(skp),
        "revisions": selectors.skp_revisions(skp),
    }


def _lampiran(
    dukungan: list[str], skema: list[str], konsekuensi: list[str]
) -> list[tuple[str, list[str]]]:
    return [
        (_("Dukungan sumber daya"), dukungan),
        (_("Skema pertanggungjawaban"), skema),
        (_("Konsekuensi"), konsekuensi),
    ]


def _detail(skp: Skp) -> str:
    return reverse("skp:detail", args=[skp.pk])


def _back(request: HtmxHttpRequest, skp: Skp) -> HttpResponse:
    """Back to the plan page (an HTMX request reloads the whole page there)."""
    if request.htmx:
        return HttpResponseClientRedirect(_detail(skp))
    return redirect(_detail(skp))


def _frozen(request: HtmxHttpRequest, skp: Skp) -> HttpResponse | None:
    """Opening an edit form of a plan that cannot be edited now: say why, back to the plan.
    (A POST goes on to the service, which refuses with the same message on the form.)"""
    problem = rules.edit_error(skp.status)
    if problem is None or request.method == "POST":
        return None
    messages.error(request, problem)
    return _back(request, skp)


def _refused(request: HtmxHttpRequest, skp: Skp, error: ValidationError) -> HttpResponse:
    """A refused action: the service's reasons as messages, back to the plan."""
    for message in error.messages:
        messages.error(request, message)
    return _back(request, skp)


def _edited(request: HtmxHttpRequest, scope: Lingkup, skp: Skp, message: str) -> HttpResponse:
    """After an RHK or IKI change: with HTMX, the refreshed RHK section in place of the form;
    otherwise back to the plan with a message."""
    if not request.htmx:
        messages.success(request, message)
        return redirect(_detail(skp))
    response = render(request, "skp/_rhk.html", _rhk_section(scope, skp))
    return reswap(retarget(response, RHK_SECTION), "outerHTML")


def _edit_form(request: HtmxHttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """An RHK or IKI form: the bare form for HTMX, a page of its own (posting plainly)
    otherwise."""
    if request.htmx:
        return render(request, f"skp/_{template}.html", context)
    page = context | {"nav_section": NAV_SECTION, "standalone": True}
    return render(request, f"skp/{template}.html", page)


# --- The employee's plan of a year -------------------------------------------------------------


@login_required
def skp_mine(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    pegawai_id = access.own_check(scope)
    tahun = _requested_year(request)
    skp = selectors.skp_find(pegawai_id, tahun)
    opened = [year.tahun for year in periode_selectors.tahun_list()]
    context: dict[str, Any] = {
        "nav_section": NAV_SECTION,
        "tahun": tahun,
        "years": sorted(set(opened) | set(selectors.skp_years(pegawai_id)), reverse=True),
        "opened": tahun in opened,
        "mine": True,
    }
    if skp is not None:
        skp = access.skp_get_for_read(scope, skp.pk)
        context |= _plan_context(scope, skp) | {"nav_section": NAV_SECTION}
    else:
        previous = services.previous_plan(pegawai_detail(pegawai_id), tahun)
        context |= {
            "skp": None,
            "previous": previous,
            "create_form": SkpCreateForm(initial={"tahun": tahun}, fixed_year=True),
        }
    return render(request, "skp/mine.html", context)


@login_required
def skp_create(request: HttpRequest) -> HttpResponse:
    """Create the plan of a year (`pendekatan`), or copy the latest earlier one (`salin=1`)."""
    scope = scope_for(request.user)
    pegawai = pegawai_detail(access.own_check(scope))
    aktor = Aktor.of_request(request)
    copy = request.POST.get("salin") == "1"
    form: SkpCreateForm | SkpCopyForm
    create: Callable[[dict[str, Any]], Skp]
    if copy:
        form = SkpCopyForm(request.POST)
        create = lambda data: services.skp_copy_previous(  # noqa: E731
            aktor=aktor, pegawai=pegawai, tahun=data["tahun"]
        )
    else:
        form = SkpCreateForm(request.POST or None, initial={"tahun": _requested_year(request)})
        create = lambda data: services.skp_create(aktor=aktor, pegawai=pegawai, **data)  # noqa: E731
    done, skp = form_submit(request, form, create)
    if done:
        messages.success(request, _created_message(skp, copy))
        return redirect(_detail(skp))
    context = {"nav_section": NAV_SECTION, "form": form, "salin": copy}
    return render(request, "skp/create.html", context)


def _created_message(skp: Skp, copy: bool) -> str:
    if copy:
        return _("SKP tahun %(tahun)s dibuat dari salinan SKP tahun sebelumnya.") % {
            "tahun": skp.tahun
        }
    return _("SKP tahun %(tahun)s dibuat. Tambahkan RHK beserta indikatornya.") % {
        "tahun": skp.tahun
    }


# --- The plan page -----------------------------------------------------------------------------


@login_required
def skp_detail(request: HttpRequest, skp_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    skp = access.skp_get_for_read(scope, skp_id)
    return render(request, "skp/detail.html", _plan_context(scope, skp))


@login_required
def skp_update(request: HtmxHttpRequest, skp_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    skp = access.skp_get_for_edit(scope, skp_id)
    if refused := _frozen(request, skp):
        return refused
    form = SkpUpdateForm(request.POST or None, skp=skp)
    done, _skp = form_submit(
        request,
        form,
        lambda data: services.skp_update(aktor=Aktor.of_request(request), skp=skp, **data),
    )
    if done:
        messages.success(request, _("Pendekatan dan lampiran SKP disimpan."))
        return redirect(_detail(skp))
    context = {"nav_section": NAV_SECTION, "form": form, "skp": skp}
    return render(request, "skp/update.html", context)


@login_required
def skp_expectations(request: HttpRequest, skp_id: int) -> HttpResponse:
    """The leader's expectation per BerAKHLAK value: the owner while editable, the appraiser
    until approval."""
    scope = scope_for(request.user)
    skp = access.skp_get_for_expectations(scope, skp_id)
    if not access.may_set_expectations(scope, skp):
        messages.error(request, rules.edit_error(skp.status) or "")
        return redirect(_detail(skp))
    form = EkspektasiForm(request.POST or None, nilai=selectors.ekspektasi_of(skp))
    done, _skp = form_submit(
        request,
        form,
        lambda data: services.ekspektasi_update(
            aktor=Aktor.of_request(request),
            skp=skp,
            ekspektasi=data,
            by_owner=access.is_owner(scope, skp),
        ),
    )
    if done:
        messages.success(request, _("Ekspektasi perilaku disimpan."))
        return redirect(_detail(skp))
    context = {"nav_section": _nav_section(scope, skp), "form": form, "skp": skp}
    return render(request, "skp/expectations.html", context)


# --- RHK and IKI -------------------------------------------------------------------------------


@login_required
def rhk_create(request: HtmxHttpRequest, skp_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    skp = access.skp_get_for_edit(scope, skp_id)
    if refused := _frozen(request, skp):
        return refused
    form = _rhk_form(skp, request.POST or None)
    done, rhk = form_submit(
        request,
        form,
        lambda data: services.rhk_create(
            aktor=Aktor.of_request(request), skp=skp, **form.service_arguments()
        ),
    )
    if done:
        return _edited(request, scope, skp, _("RHK %(kode)s ditambahkan.") % {"kode": rhk.kode})
    return _edit_form(request, "rhk_form", {"form": form, "skp": skp, "rhk": None})


@login_required
def rhk_update(request: HtmxHttpRequest, rhk_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    rhk = access.rhk_get_for_edit(scope, rhk_id)
    if refused := _frozen(request, rhk.skp):
        return refused
    form = _rhk_form(rhk.skp, request.POST or None, rhk=rhk)
    done, saved = form_submit(
        request,
        form,
        lambda data: services.rhk_update(
            aktor=Aktor.of_request(request), rhk=rhk, **form.service_arguments()
        ),
    )
    if done:
        message = _("RHK %(kode)s disimpan.") % {"kode": saved.kode}
        return _edited(request, scope, rhk.skp, message)
    return _edit_form(request, "rhk_form", {"form": form, "skp": rhk.skp, "rhk": rhk})


@login_required
@require_POST
def rhk_delete(request: HtmxHttpRequest, rhk_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    rhk = access.rhk_get_for_edit(scope, rhk_id)
    try:
        services.rhk_delete(aktor=Aktor.of_request(request), rhk=rhk)
    except ValidationError as error:
        return _refused(request, rhk.skp, error)
    return _edited(request, scope, rhk.skp, _("RHK %(kode)s dihapus.") % {"kode": rhk.kode})


@login_required
def indikator_create(request: HtmxHttpRequest, rhk_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    rhk = access.rhk_get_for_edit(scope, rhk_id)
    if refused := _frozen(request, rhk.skp):
        return refused
    form = _iki_form(rhk.skp, request.POST or None, rhk=rhk)
    done, _iki = form_submit(
        request,
        form,
        lambda data: services.indikator_create(
            aktor=Aktor.of_request(request), rhk=rhk, **form.service_arguments()
        ),
    )
    if done:
        message = _("IKI ditambahkan pada RHK %(kode)s.") % {"kode": rhk.kode}
        return _edited(request, scope, rhk.skp, message)
    context = {"form": form, "skp": rhk.skp, "rhk": rhk, "indikator": None}
    return _edit_form(request, "indikator_form", context)


@login_required
def indikator_update(request: HtmxHttpRequest, indikator_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    indikator = access.indikator_get_for_edit(scope, indikator_id)
    skp = indikator.rhk.skp
    if refused := _frozen(request, skp):
        return refused
    form = _iki_form(skp, request.POST or None, indikator=indikator)
    done, _iki = form_submit(
        request,
        form,
        lambda data: services.indikator_update(
            aktor=Aktor.of_request(request), indikator=indikator, **form.service_arguments()
        ),
    )
    if done:
        message = _("IKI pada RHK %(kode)s disimpan.") % {"kode": indikator.rhk.kode}
        return _edited(request, scope, skp, message)
    context = {"form": form, "skp": skp, "rhk": indikator.rhk, "indikator": indikator}
    return _edit_form(request, "indikator_form", context)


@login_required
@require_POST
def indikator_delete(request: HtmxHttpRequest, indikator_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    indikator = access.indikator_get_for_edit(scope, indikator_id)
    skp = indikator.rhk.skp
    try:
        services.indikator_delete(aktor=Aktor.of_request(request), indikator=indikator)
    except ValidationError as error:
        return _refused(request, skp, error)
    message = _("IKI pada RHK %(kode)s dihapus.") % {"kode": indikator.rhk.kode}
    return _edited(request, scope, skp, message)


# --- Workflow ----------------------------------------------------------------------------------


@login_required
@require_POST
def skp_submit(request: HtmxHttpRequest, skp_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    skp = access.skp_get_for_edit(scope, skp_id)
    try:
        services.skp_submit(aktor=Aktor.of_request(request), skp=skp)
    except ValidationError as error:
        return _refused(request, skp, error)
    messages.success(
        request, _("SKP tahun %(tahun)s diajukan kepada pejabat penilai.") % {"tahun": skp.tahun}
    )
    return redirect(_detail(skp))


@login_required
@require_POST
def skp_withdraw(request: HtmxHttpRequest, skp_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    skp = access.skp_get_for_edit(scope, skp_id)
    try:
        services.skp_withdraw(aktor=Aktor.of_request(request), skp=skp)
    except ValidationError as error:
        return _refused(request, skp, error)
    messages.success(request, _("Pengajuan SKP ditarik kembali; SKP dapat diubah lagi."))
    return redirect(_detail(skp))


@login_required
def skp_revise(request: HttpRequest, skp_id: int) -> HttpResponse:
    """Open a revision of an approved plan, with its reason (asked again on its own page when
    it was missing)."""
    scope = scope_for(request.user)
    skp = access.skp_get_for_edit(scope, skp_id)
    if problem := rules.transition_error(skp.status, rules.REVISE):
        messages.error(request, problem)
        return redirect(_detail(skp))
    form = AlasanRevisiForm(request.POST or None)
    done, revised = form_submit(
        request,
        form,
        lambda data: services.skp_revise(
            aktor=Aktor.of_request(request), skp=skp, alasan=data["alasan"]
        ),
    )
    if done:
        message = _("Revisi ke-%(nomor)s dibuka. Ubah SKP, lalu ajukan kembali.")
        messages.success(request, message % {"nomor": revised.revisi})
        return redirect(_detail(skp))
    context = {"nav_section": NAV_SECTION, "form": form, "skp": skp}
    return render(request, "skp/revise.html", context)


@login_required
def skp_revision(request: HttpRequest, skp_id: int, nomor: int) -> HttpResponse:
    """An approved revision as it was frozen at approval, read-only."""
    scope = scope_for(request.user)
    skp = access.skp_get_for_read(scope, skp_id)
    revisi = selectors.skp_revision(skp, nomor)
    if revisi is None:
        raise Http404
    dokumen = revisi.dokumen
    lampiran = dokumen.get("lampiran", {})
    context = {
        "nav_section": _nav_section(scope, skp),
        "skp": skp,
        "revisi": revisi,
        "dokumen": dokumen,
        "rhk_groups": [
            (_("RHK utama"), _frozen_rows(dokumen.get("rhk_utama", [])), "utama"),
            (_("RHK tambahan"), _frozen_rows(dokumen.get("rhk_tambahan", [])), "tambahan"),
        ],
        "lampiran": _lampiran(
            lampiran.get("dukungan_sumber_daya", []),
            lampiran.get("skema_pertanggungjawaban", []),
            lampiran.get("konsekuensi", []),
        ),
    }
    return render(request, "skp/revision.html", context)


def _frozen_rows(items: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Each frozen RHK with its IKIs (one empty row for an RHK without IKI, for the table)."""
    return [(rhk, rhk.get("indikator") or [{}]) for rhk in items]
