"""Assessment API, the curve monitor: the groups of a period, one group with the check of each
constraint, the calibration suggestion and its explanation, finalising and reopening."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kinerja.aturan.enums import Predikat
from kinerja.conftest import ROLES
from kinerja.organisasi.models import Unit
from kinerja.organisasi.tests.factories import PegawaiFactory, UnitFactory
from kinerja.penilaian import services
from kinerja.penilaian.models import KinerjaOrganisasi, Penetapan, Penilaian
from kinerja.penilaian.tests.factories import (
    BAIK_10,
    BAIK_10_WITHOUT_LOW,
    SYSTEM,
    aktor_for,
    open_period,
    org_rating,
    rate,
    rate_all,
    team,
)
from kinerja.penilaian.tests.test_api import (
    BASE,
    NO_PREDIKAT,
    RULE_SET,
    encoded,
    finalise_bagian,
    penilaian_state,
    period_body,
    person,
    person_ref,
    pilihan,
    predikat,
    rate_siti,
    refusal,
    rule_set_ref,
    send,
    snapshot,
    status_for,
    summary_body,
    unit_ref,
    user_label,
)
from kinerja.periode.models import Periode

pytestmark = pytest.mark.django_db
# Who sees the curve of Bagian SDM: its head and appraiser Budi, HR and the leader of Biro Umum
# above it, the auditor and the superuser. Siti and the outsider do not.
CURVE_READERS = {"penilai", "admin", "pimpinan", "auditor", "superuser"}
# Who finalises and reopens it: all of them but the auditor, who only reads.
FINALISERS = {"penilai", "admin", "pimpinan", "superuser"}
TOO_SMALL = (
    "Kelompok {n} orang terlalu kecil untuk dinilai terhadap kurva (paling sedikit 10 orang); "
    "tidak dianggap pelanggaran."
)
ROUNDING = "Pembulatan: “paling banyak p%” dibulatkan ke bawah, “paling sedikit p%” ke atas."


def organisasi_body(item: KinerjaOrganisasi, may_edit: bool) -> dict[str, Any]:
    item = KinerjaOrganisasi.objects.select_related("unit").get(pk=item.pk)
    return {
        "unit": unit_ref(item.unit),
        "periode_id": item.periode_id,
        "predikat": pilihan("BAIK", "Baik"),
        "alasan": "Target kinerja unit tercapai",
        "atas_nama": False,
        "oleh": "tes",
        "diubah_pada": encoded(item.diubah_pada),
        "may_edit": may_edit,
    }


def count_inputs(n: int, counts: dict[str, int]) -> list[dict[str, str]]:
    """The inputs of a curve explanation: the organisation rating, the size and each count."""
    names = ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"]
    return [
        {"nama": "Capaian kinerja organisasi", "nilai": "Baik"},
        {"nama": "Jumlah pegawai", "nilai": str(n)},
        *(
            {"nama": name, "nilai": str(counts.get(kode, 0))}
            for name, kode in zip(names, NO_PREDIKAT, strict=True)
        ),
    ]


def constraints(n: int, terbanyak: tuple[int, int], baik: int, rendah: int) -> list[dict[str, Any]]:
    """The three constraints of the curve of Baik for a group of n: (minimum, count) of "Baik the
    largest group", the count of Baik (at most 70%), the count of Butuh Perbaikan + Kurang."""
    at_most = 7 * n // 10
    share = f"{7 * n / 10:g}".replace(".", ",")

    def verdict(ok: bool) -> str:
        return "terpenuhi" if ok else "tidak terpenuhi"

    low, count = terbanyak
    return [
        {
            "label": "Baik kelompok terbanyak",
            "jenis": "TERBANYAK",
            "predikat": ["BAIK"],
            "minimum": low,
            "maksimum": n,
            "jumlah": count,
            "terpenuhi": count >= low,
            "penjelasan": "Baik kelompok terbanyak: harus lebih banyak dari setiap predikat "
            f"lain: paling sedikit {low} orang; ada {count} orang, {verdict(count >= low)}.",
        },
        {
            "label": "Baik paling banyak 70%",
            "jenis": "MAKSIMUM_PERSEN",
            "predikat": ["BAIK"],
            "minimum": 0,
            "maksimum": at_most,
            "jumlah": baik,
            "terpenuhi": baik <= at_most,
            "penjelasan": f"Baik paling banyak 70%: 70% × {n} orang = {share}, dibulatkan ke "
            f"bawah: paling banyak {at_most} orang; ada {baik} orang, "
            f"{verdict(baik <= at_most)}.",
        },
        {
            "label": "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang",
            "jenis": "MINIMUM_ORANG",
            "predikat": ["BUTUH_PERBAIKAN", "KURANG"],
            "minimum": 1,
            "maksimum": n,
            "jumlah": rendah,
            "terpenuhi": rendah >= 1,
            "penjelasan": "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang: paling "
            f"sedikit 1 orang; ada {rendah} orang, {verdict(rendah >= 1)}.",
        },
    ]


def superuser_client(agency: Any) -> Client:
    client = Client()
    client.force_login(agency.superuser)
    return client


# --- The groups of a period ------------------------------------------------------------------


def row_body(
    unit: Unit, rating: KinerjaOrganisasi, anggota: int, counts: dict[str, int], **extra: Any
) -> dict[str, Any]:
    return {
        "unit": unit_ref(unit),
        "organisasi": {
            "predikat": pilihan("BAIK", "Baik"),
            "alasan": rating.alasan,
            "atas_nama": False,
            "oleh": "tes",
        },
        "anggota": anggota,
        "dinilai": sum(counts.values()),
        "jumlah": {**NO_PREDIKAT, **counts},
        "status": "TERLALU_KECIL",
        "sesuai": None,
        "is_final": False,
        "penetapan": None,
        **extra,
    }


@pytest.mark.parametrize("role", ROLES)
def test_list_matrix(agency, client_for, role):
    periode = open_period("TW1")
    bagian = org_rating(agency.bagian, periode)
    lain = org_rating(agency.lain, periode)
    rate_siti(agency, periode)
    before = penilaian_state()
    response = client_for(role).get(f"{BASE}/kurva", {"periode_id": periode.pk})
    assert penilaian_state() == before
    # HR readers and appraisers list groups; Siti and the outsider (no appraisees) do not.
    assert response.status_code == status_for(role, CURVE_READERS, set())
    if response.status_code != 200:
        return
    rows = {
        "bagian": row_body(agency.bagian, bagian, 2, {"BAIK": 1}),
        "lain": row_body(agency.lain, lain, 1, {}),
    }
    order = sorted(["bagian", "lain"], key=lambda key: getattr(agency, key).jalur)
    expected = {
        "penilai": ["bagian"],
        "admin": ["bagian"],
        "pimpinan": ["bagian"],
        "auditor": order,
        "superuser": order,
    }[role]
    assert response.json() == [rows[key] for key in expected]


def test_list_shows_compliance_and_finalisation(agency, client_for):
    periode, _siti, _budi = finalise_bagian(agency)
    unit, kepala, members = team(10, induk=agency.biro)
    rating = org_rating(unit, periode)
    rate_all(members, periode, BAIK_10_WITHOUT_LOW)
    rate(kepala, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    body = client_for("admin").get(f"{BASE}/kurva", {"periode_id": periode.pk}).json()
    by_unit = {row["unit"]["id"]: row for row in body}
    assert by_unit[agency.bagian.pk] == row_body(
        agency.bagian,
        KinerjaOrganisasi.objects.get(unit=agency.bagian),
        2,
        {"SANGAT_BAIK": 1, "BAIK": 1},
        is_final=True,
        penetapan=pilihan("DITETAPKAN", "Ditetapkan"),
    )
    assert by_unit[unit.pk] == row_body(
        unit,
        rating,
        11,
        {"SANGAT_BAIK": 4, "BAIK": 7},
        status="TIDAK_SESUAI",
        sesuai=False,
    )


@pytest.mark.parametrize("groups", [1, 3])
def test_list_query_count_is_flat(agency, client_for, django_assert_num_queries, groups):
    periode = open_period("TW1")
    org_rating(agency.bagian, periode)
    rate_siti(agency, periode)
    for _index in range(groups - 1):
        unit = UnitFactory(induk=agency.biro)
        org_rating(unit, periode)
        PegawaiFactory(unit=unit)
    client = client_for("admin")
    # Session, user, the scope (roles, employee record), the period; ratings, members,
    # exclusions, predikat, finalisations, final counts, rule sets.
    with django_assert_num_queries(12):
        response = client.get(f"{BASE}/kurva", {"periode_id": periode.pk})
    assert len(response.json()) == groups


# --- One group -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_detail_matrix(agency, client_for, role):
    periode = open_period("TW1")
    rating = org_rating(agency.bagian, periode)
    siti = rate_siti(agency, periode)
    before = penilaian_state()
    response = client_for(role).get(f"{BASE}/kurva/{agency.bagian.pk}/{periode.pk}")
    assert penilaian_state() == before
    assert response.status_code == status_for(role, CURVE_READERS, set())
    if response.status_code != 200:
        return
    counts = {**NO_PREDIKAT, "BAIK": 1}
    budi = agency.penilai
    # Members in unit then name order: Budi (not rated yet) then Siti.
    assert response.json() == {
        "unit": unit_ref(agency.bagian),
        "periode": period_body(periode),
        "organisasi": organisasi_body(rating, role in {"admin", "pimpinan", "superuser"}),
        "set_aturan": rule_set_ref(),
        "kepala": person(budi),
        "jumlah_anggota": 2,
        "jumlah_dinilai": 1,
        "jumlah": counts,
        "status": "TERLALU_KECIL",
        "sesuai": None,
        "batasan": constraints(1, (1, 1), 1, 0),
        "saran": [],
        "penjelasan": {
            "ringkasan": TOO_SMALL.format(n=1),
            "set_aturan": RULE_SET,
            "set_aturan_kode": "bawaan",
            "set_aturan_versi": 1,
            "masukan": count_inputs(1, counts),
            "langkah": [ROUNDING, *(item["penjelasan"] for item in constraints(1, (1, 1), 1, 0))],
        },
        "anggota": [
            {"pegawai": person(budi), "penilaian": None},
            {"pegawai": person(agency.pegawai), "penilaian": summary_body(siti)},
        ],
        "belum_dinilai": [person_ref(budi)],
        "errors": ["1 pegawai belum dinilai: Budi Santoso."],
        "is_final": False,
        # The auditor reads the curve but finalises nothing.
        "may_finalise": role in FINALISERS,
        "penetapan": None,
    }


def test_detail_without_organisation_rating(agency, client_for):
    periode = open_period("TW1")
    siti = rate_siti(agency, periode)
    body = client_for("admin").get(f"{BASE}/kurva/{agency.bagian.pk}/{periode.pk}").json()
    assert (body["organisasi"], body["status"], body["sesuai"], body["penjelasan"]) == (
        None,
        None,
        None,
        None,
    )
    assert (body["batasan"], body["saran"], body["jumlah"]) == (
        [],
        [],
        {**NO_PREDIKAT, "BAIK": 1},
    )
    assert body["anggota"][1] == {
        "pegawai": person(agency.pegawai),
        "penilaian": summary_body(siti),
    }
    assert body["errors"] == [
        "Capaian kinerja organisasi untuk unit ini belum ditetapkan.",
        "1 pegawai belum dinilai: Budi Santoso.",
    ]


def test_detail_unknown_unit_or_period_is_404(agency, client_for):
    periode = open_period("TW1")
    client = client_for("superuser")
    assert client.get(f"{BASE}/kurva/999999/{periode.pk}").status_code == 404
    assert client.get(f"{BASE}/kurva/{agency.bagian.pk}/999999").status_code == 404


def test_detail_baik_10_within_the_curve(agency, client_for):
    """Ten people rated 2 Sangat Baik, 7 Baik, 1 Butuh Perbaikan fit the curve of Baik; the
    unit's head is not rated yet, so the group cannot be finalised."""
    periode = open_period("TW1")
    unit, kepala, members = team(10)
    org_rating(unit, periode)
    rate_all(members, periode, BAIK_10)
    client = superuser_client(agency)

    body = client.get(f"{BASE}/kurva/{unit.pk}/{periode.pk}").json()

    counts = {**NO_PREDIKAT, "SANGAT_BAIK": 2, "BAIK": 7, "BUTUH_PERBAIKAN": 1}
    checks = constraints(10, (3, 7), 7, 1)
    assert (body["jumlah_anggota"], body["jumlah_dinilai"], body["jumlah"]) == (11, 10, counts)
    assert (body["status"], body["sesuai"], body["saran"]) == ("SESUAI", True, [])
    assert body["batasan"] == checks
    assert body["penjelasan"] == {
        "ringkasan": "Distribusi predikat 10 pegawai sesuai dengan kurva untuk capaian kinerja "
        "organisasi Baik.",
        "set_aturan": RULE_SET,
        "set_aturan_kode": "bawaan",
        "set_aturan_versi": 1,
        "masukan": count_inputs(10, counts),
        "langkah": [ROUNDING, *(item["penjelasan"] for item in checks)],
    }
    assert body["kepala"] == person(kepala)
    assert body["belum_dinilai"] == [person_ref(kepala)]
    assert body["errors"] == [f"1 pegawai belum dinilai: {kepala.nama}."]
    ordered = sorted([kepala, *members], key=lambda p: p.nama)
    assert [row["pegawai"]["id"] for row in body["anggota"]] == [p.pk for p in ordered]

    # With the head rated Sangat Baik: 11 people, still within; finalised through the API.
    rate(kepala, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    body = client.get(f"{BASE}/kurva/{unit.pk}/{periode.pk}").json()
    assert body["batasan"] == constraints(11, (4, 7), 7, 1)
    assert (body["status"], body["errors"], body["is_final"]) == ("SESUAI", [], False)
    finalised = client.post(f"{BASE}/kurva/{unit.pk}/{periode.pk}/tetapkan")
    assert finalised.status_code == 200
    assert finalised.json()["is_final"] is True
    assert finalised.json()["penetapan"]["jumlah"] == {
        **NO_PREDIKAT,
        "SANGAT_BAIK": 3,
        "BAIK": 7,
        "BUTUH_PERBAIKAN": 1,
    }
    assert Penilaian.objects.filter(periode=periode, status="FINAL").count() == 11


def test_detail_baik_10_without_low_violates_with_a_suggestion(agency, client_for):
    """3 Sangat Baik and 7 Baik (and the head Sangat Baik) break "at least one Butuh Perbaikan
    or Kurang": the fewest change moving the fewest levels is one Baik to Butuh Perbaikan;
    finalising is refused with the failed constraint."""
    periode = open_period("TW1")
    unit, kepala, members = team(10)
    org_rating(unit, periode)
    rate_all(members, periode, BAIK_10_WITHOUT_LOW)
    rate(kepala, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    client = superuser_client(agency)

    body = client.get(f"{BASE}/kurva/{unit.pk}/{periode.pk}").json()

    counts = {**NO_PREDIKAT, "SANGAT_BAIK": 4, "BAIK": 7}
    checks = constraints(11, (5, 7), 7, 0)
    failed = "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang"
    suggestion = "Ubah 1 pegawai dari Baik menjadi Butuh Perbaikan"
    assert (body["jumlah_anggota"], body["jumlah_dinilai"], body["jumlah"]) == (11, 11, counts)
    assert (body["status"], body["sesuai"]) == ("TIDAK_SESUAI", False)
    assert body["batasan"] == checks
    assert [row["terpenuhi"] for row in body["batasan"]] == [True, True, False]
    assert body["saran"] == [
        {
            "dari": predikat("BAIK"),
            "ke": predikat("BUTUH_PERBAIKAN"),
            "jumlah": 1,
            "label": suggestion,
        }
    ]
    assert body["penjelasan"] == {
        "ringkasan": "Distribusi predikat 11 pegawai tidak sesuai dengan kurva untuk capaian "
        f"kinerja organisasi Baik: {failed}.",
        "set_aturan": RULE_SET,
        "set_aturan_kode": "bawaan",
        "set_aturan_versi": 1,
        "masukan": count_inputs(11, counts),
        "langkah": [
            ROUNDING,
            *(item["penjelasan"] for item in checks),
            f"Perubahan paling sedikit agar sesuai: {suggestion}.",
        ],
    }
    error = f"Distribusi predikat belum sesuai kurva: {failed}."
    assert (body["belum_dinilai"], body["errors"]) == ([], [error])

    before = penilaian_state()
    response = client.post(f"{BASE}/kurva/{unit.pk}/{periode.pk}/tetapkan")
    assert response.json() == refusal("__all__", error)
    assert penilaian_state() == before


@pytest.mark.parametrize("size", [10, 20])
def test_detail_query_count_is_flat(agency, client_for, django_assert_num_queries, size):
    periode = open_period("TW1")
    unit, kepala, members = team(size, induk=agency.biro)
    org_rating(unit, periode)
    rate_all(members, periode, (BAIK_10 * 2)[:size])
    client = client_for("admin")
    # Session, user, the scope (roles, employee record); the unit, the period; the rating, the
    # finalisation, rated paths, members, exclusions, assessments, rule set (candidates and
    # version), the head (id and record).
    with django_assert_num_queries(16):
        response = client.get(f"{BASE}/kurva/{unit.pk}/{periode.pk}")
    assert response.json()["jumlah_anggota"] == size + 1
    assert kepala.pk in [row["id"] for row in response.json()["belum_dinilai"]]


# --- Finalising ------------------------------------------------------------------------------


def _rated_bagian(agency: Any) -> Periode:
    periode = open_period("TW1")
    org_rating(agency.bagian, periode)
    rate_siti(agency, periode)
    rate(agency.penilai, periode, Predikat.SANGAT_BAIK, aktor=SYSTEM)
    return periode


@pytest.mark.parametrize("role", ROLES)
def test_finalise_matrix(agency, client_for, role):
    periode = _rated_bagian(agency)
    before = penilaian_state()
    response = client_for(role).post(f"{BASE}/kurva/{agency.bagian.pk}/{periode.pk}/tetapkan")
    assert response.status_code == status_for(role, FINALISERS, {"auditor"})
    if response.status_code != 200:
        assert penilaian_state() == before
        return
    penetapan = Penetapan.objects.get()
    jumlah = {**NO_PREDIKAT, "SANGAT_BAIK": 1, "BAIK": 1}
    actor = (
        f"{agency.penilai.nama} ({agency.penilai.nip})"
        if role == "penilai"
        else user_label(agency.user(role))
    )
    body = response.json()
    assert (body["is_final"], body["errors"]) == (True, ["Predikat kelompok ini sudah ditetapkan."])
    assert body["penetapan"] == {
        "id": penetapan.pk,
        "status": pilihan("DITETAPKAN", "Ditetapkan"),
        "predikat_organisasi": pilihan("BAIK", "Baik"),
        "jumlah": jumlah,
        "penanda_tangan": snapshot(agency.penilai),
        "ditetapkan_oleh": actor,
        "ditetapkan_pada": encoded(penetapan.ditetapkan_pada),
        "riwayat": [
            {
                "aksi": pilihan("TETAPKAN", "Ditetapkan"),
                "alasan": "",
                "jumlah": jumlah,
                "oleh": actor,
                "pada": encoded(penetapan.riwayat.get().pada),
            }
        ],
    }
    assert [row["penilaian"]["status"]["kode"] for row in body["anggota"]] == ["FINAL", "FINAL"]


def test_finalise_refusals_list_every_reason(agency, client_for):
    periode = open_period("TW1")
    rate_siti(agency, periode)
    client = client_for("admin")
    url = f"{BASE}/kurva/{agency.bagian.pk}/{periode.pk}/tetapkan"
    before = penilaian_state()
    assert client.post(url).json() == refusal(
        "__all__",
        "Capaian kinerja organisasi untuk unit ini belum ditetapkan.",
        "1 pegawai belum dinilai: Budi Santoso.",
    )
    assert client.post(f"{BASE}/kurva/{agency.bagian.pk}/999999/tetapkan").status_code == 404
    assert penilaian_state() == before
    # Finalised once: a second time is refused.
    org_rating(agency.bagian, periode)
    rate(agency.penilai, periode, Predikat.BAIK, aktor=SYSTEM)
    assert client.post(url).status_code == 200
    before = penilaian_state()
    assert client.post(url).json() == refusal("__all__", "Predikat kelompok ini sudah ditetapkan.")
    assert penilaian_state() == before


# --- Reopening -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_reopen_matrix(agency, client_for, role):
    periode, siti, _budi = finalise_bagian(agency)
    before = penilaian_state()
    response = send(
        client_for(role),
        "post",
        f"{BASE}/kurva/{agency.bagian.pk}/{periode.pk}/buka",
        {"alasan": "Salah input rating"},
    )
    assert response.status_code == status_for(role, FINALISERS, {"auditor"})
    if response.status_code != 200:
        assert penilaian_state() == before
        return
    body = response.json()
    assert (body["is_final"], body["errors"]) == (False, [])
    assert body["penetapan"]["status"] == pilihan("DIBUKA", "Dibuka kembali")
    assert [(step["aksi"]["kode"], step["alasan"]) for step in body["penetapan"]["riwayat"]] == [
        ("TETAPKAN", ""),
        ("BUKA", "Salah input rating"),
    ]
    assert Penilaian.objects.get(pk=siti.pk).status == "DRAF"
    assert body["anggota"][1]["penilaian"]["status"] == pilihan("DRAF", "Draf")


def test_reopen_refusals(agency, client_for):
    client = client_for("admin")
    periode = _rated_bagian(agency)
    url = f"{BASE}/kurva/{agency.bagian.pk}/{periode.pk}/buka"
    # Never finalised: nothing to reopen.
    assert send(client, "post", url, {"alasan": "x"}).status_code == 404
    services.penetapan_finalise(aktor=SYSTEM, unit=agency.bagian, periode=periode)
    before = penilaian_state()
    assert send(client, "post", url, {"alasan": "  "}).json() == refusal(
        "__all__", "Tuliskan alasan membuka kembali penetapan."
    )
    assert send(client, "post", url, {}).status_code == 422
    # An objection not decided yet holds the finalisation.
    siti = Penilaian.objects.get(pegawai=agency.pegawai)
    services.keberatan_file(aktor=aktor_for(agency.pegawai), penilaian=siti, alasan="Tidak adil")
    before = penilaian_state()
    assert send(client, "post", url, {"alasan": "Koreksi"}).json() == refusal(
        "__all__",
        "Masih ada 1 keberatan yang belum diputuskan; putuskan dahulu sebelum membuka kembali "
        "penetapan.",
    )
    assert penilaian_state() == before
    # Withdrawn: reopened once; a second time there is nothing to reopen.
    services.keberatan_withdraw(aktor=aktor_for(agency.pegawai), keberatan=siti.keberatan)
    assert send(client, "post", url, {"alasan": "Koreksi"}).status_code == 200
    before = penilaian_state()
    assert send(client, "post", url, {"alasan": "Lagi"}).json() == refusal(
        "__all__", "Penetapan ini sedang dibuka; tidak ada yang perlu dibuka kembali."
    )
    assert penilaian_state() == before


def test_reopened_group_is_finalised_again_with_history(agency, client_for):
    periode, _siti, _budi = finalise_bagian(agency)
    client = client_for("pimpinan")
    base = f"{BASE}/kurva/{agency.bagian.pk}/{periode.pk}"
    send(client, "post", f"{base}/buka", {"alasan": "Koreksi rating Siti"})
    rated = send(
        client_for("penilai"),
        "put",
        f"{BASE}/pegawai/{agency.pegawai.pk}/periode/{periode.pk}",
        {"rating_hasil": "DI_ATAS", "rating_perilaku": "DI_ATAS"},
    )
    assert rated.json()["predikat"] == predikat("SANGAT_BAIK")
    body = client.post(f"{base}/tetapkan").json()
    assert body["penetapan"]["jumlah"] == {**NO_PREDIKAT, "SANGAT_BAIK": 2}
    assert [step["aksi"]["kode"] for step in body["penetapan"]["riwayat"]] == [
        "TETAPKAN",
        "BUKA",
        "TETAPKAN",
    ]
    assert body["penetapan"]["ditetapkan_oleh"] == user_label(agency.pimpinan)
