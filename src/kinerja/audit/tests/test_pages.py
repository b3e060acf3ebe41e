"""Audit pages: who sees which entries, filters, the entry page, the history partial."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from kinerja.audit.models import Entri
from kinerja.audit.selectors import entries_for_object
from kinerja.audit.services import Aktor, Perubahan, audit_record, audit_record_many
from kinerja.audit.tests.factories import make_entries, visible_to
from kinerja.conftest import ROLES

pytestmark = pytest.mark.django_db
LIST = reverse("audit:list")


def shown_numbers(response) -> list[int]:
    return [entry.urutan for entry in response.context["entries"]]


def snapshot_log() -> list[tuple]:
    return list(Entri.objects.order_by("urutan").values_list("urutan", "hash"))


@pytest.mark.parametrize("role", ROLES)
def test_list_permission_matrix(agency, client_for, role):
    entries = make_entries(agency)
    before = snapshot_log()

    response = client_for(role).get(LIST)

    expected = sorted((entry.urutan for entry in visible_to(role, entries)), reverse=True)
    if role == "anonim":
        assert response.status_code == 302
        assert response.url.startswith(reverse("akun:login"))
    elif expected:
        assert response.status_code == 200
        assert shown_numbers(response) == expected
        assert response.context["nav_section"] == "audit"
    else:
        assert response.status_code == 404
    assert snapshot_log() == before


@pytest.mark.parametrize("role", ROLES)
def test_detail_permission_matrix(agency, client_for, role):
    entries = make_entries(agency)
    before = snapshot_log()
    visible = {entry.urutan for entry in visible_to(role, entries)}

    for entry in entries.all():
        response = client_for(role).get(reverse("audit:detail", args=[entry.urutan]))
        if role == "anonim":
            assert response.status_code == 302
        elif entry.urutan in visible:
            assert response.status_code == 200
            assert response.context["entry"].urutan == entry.urutan
        else:
            assert response.status_code == 404, (role, entry.aksi, entry.objek_label)
    assert snapshot_log() == before


def test_a_missing_entry_is_404(agency, client_for):
    assert client_for("superuser").get(reverse("audit:detail", args=[999])).status_code == 404


def test_admin_sees_entries_about_employees_of_subunits_and_units_below(agency, client_for):
    make_entries(agency)
    boss = Aktor.of_user(agency.superuser)
    about_bagian = audit_record(aktor=boss, aksi="unit.update", objek=agency.bagian)
    about_root = audit_record(aktor=boss, aksi="unit.update", objek=agency.root)
    about_penilai = audit_record(aktor=boss, aksi="pegawai.update", objek=agency.penilai)
    # Another object type with the same id as a visible employee stays hidden.
    other_type = audit_record(
        aktor=boss,
        aksi="jabatan.update",
        objek_tipe="organisasi.jabatan",
        objek_id=str(agency.pegawai.pk),
        objek_label="Jabatan",
    )

    shown = set(shown_numbers(client_for("admin").get(LIST)))

    assert {about_bagian.urutan, about_penilai.urutan} <= shown
    assert about_root.urutan not in shown
    assert other_type.urutan not in shown


def test_list_shows_labels_and_links(agency, client_for):
    entries = make_entries(agency)
    html = client_for("auditor").get(LIST).content.decode()
    assert "Jejak audit" in html
    assert "Pegawai diubah" in html
    assert "Unit diubah" in html
    assert ">token_api.create<" not in html  # labelled "Token API dibuat"
    assert "Token API dibuat" in html
    assert f'href="{reverse("audit:detail", args=[entries.pegawai.urutan])}"' in html
    assert "Super Admin" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"aksi": "unit.update"}, ["lain", "biro"]),
        ({"objek_tipe": "organisasi.pegawai"}, ["outsider", "pegawai"]),
        ({"aktor": "kepala biro"}, ["by_pimpinan"]),
        ({"q": "joko"}, ["outsider"]),
        ({"aksi": "pegawai.update", "q": "siti"}, ["pegawai"]),
    ],
)
def test_list_filters(agency, client_for, query, expected):
    entries = make_entries(agency)
    response = client_for("superuser").get(LIST, query)
    assert shown_numbers(response) == [getattr(entries, name).urutan for name in expected]


def test_list_filters_by_actor_nip_and_object_id(agency, client_for):
    entries = make_entries(agency)
    client = client_for("superuser")
    by_nip = client.get(LIST, {"aktor": agency.admin.nip})
    assert shown_numbers(by_nip) == [entries.by_admin.urutan]
    by_object = client.get(LIST, {"objek_tipe": "organisasi.unit", "objek_id": agency.biro.pk})
    assert shown_numbers(by_object) == [entries.biro.urutan]


def test_list_filters_by_local_date_range(agency, client_for):
    entries = make_entries(agency)
    jakarta_midnight = timezone.make_aware(datetime.datetime(2024, 11, 21, 0, 30))
    Entri.objects.filter(urutan=entries.pegawai.urutan).update(waktu=jakarta_midnight)
    Entri.objects.filter(urutan=entries.outsider.urutan).update(
        waktu=jakarta_midnight - datetime.timedelta(hours=1)
    )
    client = client_for("superuser")

    one_day = client.get(LIST, {"dari": "2024-11-21", "sampai": "2024-11-21"})
    assert shown_numbers(one_day) == [entries.pegawai.urutan]
    until = client.get(LIST, {"sampai": "2024-11-20"})
    assert shown_numbers(until) == [entries.outsider.urutan]
    since = client.get(LIST, {"dari": "2024-11-21"})
    assert entries.outsider.urutan not in shown_numbers(since)
    assert len(shown_numbers(since)) == 5


def test_invalid_filters_are_explained_and_left_out(agency, client_for):
    make_entries(agency)
    client = client_for("superuser")
    response = client.get(LIST, {"dari": "kemarin"})
    assert response.status_code == 200
    assert (
        "Tanggal &#x27;dari&#x27; tidak valid; gunakan format TTTT-BB-HH."
        in response.content.decode()
    )
    assert len(shown_numbers(response)) == 6

    reversed_range = client.get(LIST, {"dari": "2024-12-01", "sampai": "2024-11-01"})
    assert "tidak boleh sebelum tanggal" in reversed_range.content.decode()


def test_htmx_filter_returns_only_the_results(agency, client_for):
    entries = make_entries(agency)
    response = client_for("superuser").get(LIST, {"aksi": "unit.update"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert response.templates[0].name == "audit/_daftar.html"
    assert "<html" not in html
    assert shown_numbers(response) == [entries.lain.urutan, entries.biro.urutan]
    assert "HX-Request" in response["Vary"]


def test_an_htmx_history_restore_gets_the_whole_page(agency, client_for):
    make_entries(agency)
    response = client_for("superuser").get(
        LIST, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert response.templates[0].name == "audit/list.html"


def test_the_page_has_an_htmx_filter_form(agency, client_for):
    make_entries(agency)
    html = client_for("superuser").get(LIST).content.decode()
    assert 'hx-get="/audit/"' in html
    assert 'hx-target="#audit-hasil"' in html
    assert 'id="audit-hasil"' in html


def test_the_list_pages_by_50(agency, client_for):
    changes = [
        Perubahan("unit.update", "organisasi.unit", str(number), f"Unit {number}")
        for number in range(120)
    ]
    audit_record_many(aktor=Aktor.system(), perubahan=changes)
    client = client_for("superuser")
    first = client.get(LIST)
    assert shown_numbers(first) == list(range(120, 70, -1))
    assert "Halaman 1 dari 3" in first.content.decode()
    assert 'href="?page=2"' in first.content.decode()
    last = client.get(LIST, {"page": 3, "aksi": "unit.update"})
    assert shown_numbers(last) == list(range(20, 0, -1))
    assert 'href="?page=2&amp;aksi=unit.update"' in last.content.decode()


def add_entries(agency, count: int) -> None:
    changes = [
        Perubahan(
            "pegawai.update",
            "organisasi.pegawai",
            str(agency.pegawai.pk),
            str(agency.pegawai),
            sebelum={"golongan": "III/a"},
            sesudah={"golongan": "III/b"},
        )
        for _ in range(count)
    ]
    audit_record_many(aktor=Aktor.of_user(agency.admin), perubahan=changes)


@pytest.mark.parametrize(("role", "queries"), [("superuser", 8), ("auditor", 8), ("admin", 8)])
@pytest.mark.parametrize("count", [3, 60])
def test_list_query_count_is_flat(
    agency, client_for, django_assert_num_queries, role, queries, count
):
    make_entries(agency)
    add_entries(agency, count)
    client = client_for(role)
    with django_assert_num_queries(queries):
        response = client.get(LIST)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 60])
def test_htmx_list_query_count_is_flat(agency, client_for, django_assert_num_queries, count):
    make_entries(agency)
    add_entries(agency, count)
    client = client_for("admin")
    with django_assert_num_queries(6):
        response = client.get(LIST, {"q": "siti"}, HTTP_HX_REQUEST="true")
    assert len(shown_numbers(response)) == min(count + 1, 50)


def test_detail_shows_before_after_and_hashes(agency, client_for):
    entries = make_entries(agency)
    response = client_for("superuser").get(reverse("audit:detail", args=[entries.pegawai.urutan]))
    html = response.content.decode()
    assert response.context["hash_matches"] is True
    assert [
        (row.name, row.label, row.before, row.after) for row in response.context["changes"]
    ] == [("golongan", "Golongan", "III/a", "III/b")]
    assert "<th>Sebelum</th><th>Sesudah</th>" in html
    assert entries.pegawai.hash in html
    assert entries.pegawai.hash_sebelumnya in html
    assert "10.0.0.1" in html
    assert "Isi cocok dengan hash-nya" in html


def test_detail_flags_an_edited_entry(agency, client_for):
    entries = make_entries(agency)
    Entri.objects.filter(urutan=entries.biro.urutan).update(sesudah={"nama": "Dipalsukan"})
    response = client_for("auditor").get(reverse("audit:detail", args=[entries.biro.urutan]))
    assert response.context["hash_matches"] is False
    assert "Isi tidak cocok dengan hash-nya (diubah)" in response.content.decode()


def test_history_partial_shows_an_objects_own_history(agency):
    aktor = Aktor.of_user(agency.admin)
    audit_record(aktor=aktor, aksi="pegawai.create", objek=agency.pegawai, sesudah={"nama": "Siti"})
    audit_record(
        aktor=aktor,
        aksi="pegawai.update",
        objek=agency.pegawai,
        sebelum={"nama": "Siti", "aktif": True},
        sesudah={"nama": "Siti Aminah", "aktif": False},
    )
    audit_record(aktor=aktor, aksi="pegawai.update", objek=agency.outsider, sesudah={"nama": "X"})
    audit_record(aktor=aktor, aksi="skp.entah", objek=agency.pegawai)
    request = RequestFactory().get("/")

    html = render_to_string(
        "audit/_riwayat.html",
        {"entries": entries_for_object("organisasi.pegawai", agency.pegawai.pk)},
        request=request,
    )

    assert html.count("<tr>") == 4  # header and three entries
    assert "Pegawai dibuat" in html
    assert "Pegawai diubah" in html
    assert "skp.entah" in html  # an unknown action is shown raw
    assert "<strong>Nama</strong>: Siti → Siti Aminah" in html
    assert "<strong>Aktif</strong>: Ya → Tidak" in html
    assert "<strong>Nama</strong>: — → Siti" in html
    assert "Admin Biro Umum" in html
    assert " X" not in html


def test_history_partial_when_empty():
    html = render_to_string("audit/_riwayat.html", {"entries": []})
    assert "Belum ada riwayat perubahan." in html
