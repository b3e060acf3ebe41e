"""The demo agency generator: deterministic, valid and shaped like a real Sekretariat."""

from __future__ import annotations

import datetime
import hashlib
import io
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from kinerja.demo import generator
from kinerja.demo.generator import DemoAgency, generate
from kinerja.organisasi import rules
from kinerja.organisasi.enums import JenisJabatan, JenisPengecualian, Jenjang, StatusKepegawaian
from kinerja.realisasi import rules as realisasi_rules
from kinerja.realisasi.enums import TipeBerkas

KEAHLIAN = {"AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA", "AHLI_UTAMA"}


@pytest.fixture(scope="module")
def agency() -> DemoAgency:
    return generate()


def by_nip(agency: DemoAgency) -> dict[str, dict[str, str]]:
    return {row["nip"]: row for row in agency.rows["pegawai"]}


def test_same_seed_gives_the_same_rows(agency: DemoAgency) -> None:
    assert generate(generator.DEFAULT_SEED) == agency
    assert generate(7) == generate(7)


def test_another_seed_gives_other_people(agency: DemoAgency) -> None:
    other = generate(7)
    assert other.rows["unit"] == agency.rows["unit"]
    assert [row["nip"] for row in other.rows["pegawai"]] != [
        row["nip"] for row in agency.rows["pegawai"]
    ]


def test_rows_use_exactly_the_exchange_format_columns(agency: DemoAgency) -> None:
    assert set(agency.rows) == {"unit", "pegawai"}
    assert {tuple(row) for row in agency.rows["unit"]} == {generator.UNIT_COLUMNS}
    assert {tuple(row) for row in agency.rows["pegawai"]} == {generator.PEGAWAI_COLUMNS}
    assert all(isinstance(value, str) for row in agency.rows["pegawai"] for value in row.values())


def test_unit_tree(agency: DemoAgency) -> None:
    units = agency.rows["unit"]
    assert len(units) == 38
    assert units[0] == {"kode": "SET", "nama": "Sekretariat Badan", "induk_kode": ""}
    codes = [unit["kode"] for unit in units]
    assert len(set(codes)) == len(codes)
    seen = {"SET"}
    for unit in units[1:]:
        assert unit["induk_kode"] in seen  # parents come before children
        assert unit["kode"].startswith(unit["induk_kode"] + ".")
        seen.add(unit["kode"])
        seen.add(unit["induk_kode"])
    biro = [unit for unit in units if unit["induk_kode"] == "SET"]
    assert [unit["nama"] for unit in biro] == [
        "Biro Perencanaan dan Keuangan",
        "Biro Organisasi, Kepegawaian, dan Hukum",
        "Biro Umum dan Pengadaan",
        "Biro Hubungan Masyarakat dan Kerja Sama",
    ]
    assert [unit["kode"] for unit in biro] == ["SET.B1", "SET.B2", "SET.B3", "SET.B4"]
    for unit in biro:
        bagian = [child for child in units if child["induk_kode"] == unit["kode"]]
        assert 2 <= len(bagian) <= 3
    assert units[2] == {
        "kode": "SET.B1.BG1",
        "nama": "Bagian Perencanaan dan Anggaran",
        "induk_kode": "SET.B1",
    }


def test_three_hundred_employees_with_unique_valid_nips(agency: DemoAgency) -> None:
    pegawai = agency.rows["pegawai"]
    assert len(pegawai) == 300
    assert len({row["nip"] for row in pegawai}) == 300
    assert len({row["nama"] for row in pegawai}) == 300
    assert [row["nip"] for row in pegawai if rules.nip_error(row["nip"])] == []


def test_appointment_between_twenty_and_thirty_five(agency: DemoAgency) -> None:
    for row in agency.rows["pegawai"]:
        parts = rules.nip_parse(row["nip"])
        year, month = parts.tmt_cpns
        age = year - parts.tanggal_lahir.year - ((month, 1) < (parts.tanggal_lahir.month, 1))
        assert 20 <= age <= 35, row
        assert (year, month) < (generator.REFERENCE_YEAR, 1)
        assert parts.jenis_kelamin in (1, 2)


def test_golongan_valid_and_consistent_with_status(agency: DemoAgency) -> None:
    for row in agency.rows["pegawai"]:
        assert rules.golongan_error(row["golongan"], row["status"]) is None, row
        if row["status"] == StatusKepegawaian.PNS:
            assert row["golongan"] in generator.PNS_GOLONGAN
        else:
            assert "/" not in row["golongan"]
    status = Counter(row["status"] for row in agency.rows["pegawai"])
    assert status == {"PNS": 270, "PPPK": 30}


def test_pppk_appointed_since_2019_and_never_structural(agency: DemoAgency) -> None:
    pppk = [row for row in agency.rows["pegawai"] if row["status"] == StatusKepegawaian.PPPK]
    assert all(rules.nip_parse(row["nip"]).tmt_cpns[0] >= 2019 for row in pppk)
    assert {row["jenis_jabatan"] for row in pppk} <= {"PELAKSANA", "FUNGSIONAL"}
    assert {row["golongan"] for row in pppk if row["jenjang"] == "AHLI_PERTAMA"} == {"IX"}


def test_structural_grades(agency: DemoAgency) -> None:
    pegawai = agency.rows["pegawai"]
    top = pegawai[0]
    assert (top["jabatan"], top["jenis_jabatan"], top["kelas_jabatan"], top["unit_kode"]) == (
        "Sekretaris Badan",
        "JPT",
        "14",
        "SET",
    )
    grades = {
        (row["jenis_jabatan"], row["kelas_jabatan"])
        for row in pegawai
        if row["jenis_jabatan"] != "FUNGSIONAL"
    }
    assert {kelas for jenis, kelas in grades if jenis == "JPT"} == {"14"}
    assert {kelas for jenis, kelas in grades if jenis == "ADMINISTRATOR"} == {"12"}
    assert {kelas for jenis, kelas in grades if jenis == "PENGAWAS"} == {"9"}
    assert {kelas for jenis, kelas in grades if jenis == "PELAKSANA"} <= {"5", "6", "7", "8"}
    counts = Counter(row["jenis_jabatan"] for row in pegawai)
    assert (counts["JPT"], counts["ADMINISTRATOR"], counts["PENGAWAS"]) == (5, 11, 22)


def test_every_jenis_and_jenjang_present(agency: DemoAgency) -> None:
    pegawai = agency.rows["pegawai"]
    assert {row["jenis_jabatan"] for row in pegawai} == {member.value for member in JenisJabatan}
    assert {row["jenjang"] for row in pegawai if row["jenjang"]} == {
        "AHLI_PERTAMA",
        "AHLI_MUDA",
        "AHLI_MADYA",
        "TERAMPIL",
        "MAHIR",
        "PENYELIA",
    }


def test_jenjang_only_for_fungsional_and_kelas_by_jenjang(agency: DemoAgency) -> None:
    expected_kelas = {
        "AHLI_PERTAMA": "8",
        "AHLI_MUDA": "9",
        "AHLI_MADYA": "11",
        "TERAMPIL": "6",
        "MAHIR": "7",
        "PENYELIA": "8",
    }
    for row in agency.rows["pegawai"]:
        assert (
            rules.position_errors(row["jenis_jabatan"], row["jenjang"], int(row["kelas_jabatan"]))
            == {}
        )
        if row["jenis_jabatan"] == "FUNGSIONAL":
            assert row["kelas_jabatan"] == expected_kelas[row["jenjang"]]
            assert row["jabatan"].endswith(generator.JENJANG_NAMA[Jenjang(row["jenjang"])])
        else:
            assert row["jenjang"] == ""


def test_every_non_top_employee_has_an_existing_appraiser_and_no_cycles(agency: DemoAgency) -> None:
    rows = by_nip(agency)
    without = [row["jabatan"] for row in rows.values() if not row["atasan_nip"]]
    assert without == ["Sekretaris Badan"]
    assert all(row["atasan_nip"] in rows for row in rows.values() if row["atasan_nip"])
    appraiser_of = {nip: row["atasan_nip"] or None for nip, row in rows.items()}
    assert rules.chain_cycle(appraiser_of) is None
    assert max(len(rules.appraiser_chain(appraiser_of, nip)) for nip in rows) == 4


def test_appraisers_follow_the_org_chart(agency: DemoAgency) -> None:
    rows = by_nip(agency)
    expected = {
        ("PELAKSANA", ""): {"PENGAWAS"},
        ("PENGAWAS", ""): {"ADMINISTRATOR"},
        ("ADMINISTRATOR", ""): {"JPT"},
        ("JPT", ""): {"JPT"},
        ("FUNGSIONAL", "AHLI_MADYA"): {"JPT"},
        ("FUNGSIONAL", "AHLI_MUDA"): {"ADMINISTRATOR"},
        ("FUNGSIONAL", "AHLI_PERTAMA"): {"PENGAWAS", "ADMINISTRATOR"},
        ("FUNGSIONAL", "TERAMPIL"): {"PENGAWAS", "ADMINISTRATOR"},
        ("FUNGSIONAL", "MAHIR"): {"PENGAWAS", "ADMINISTRATOR"},
        ("FUNGSIONAL", "PENYELIA"): {"PENGAWAS", "ADMINISTRATOR"},
    }
    for row in rows.values():
        if not row["atasan_nip"]:
            continue
        atasan = rows[row["atasan_nip"]]
        assert atasan["jenis_jabatan"] in expected[(row["jenis_jabatan"], row["jenjang"])], row
        # The appraiser heads the employee's unit or its parent.
        assert (
            row["unit_kode"] == atasan["unit_kode"]
            or row["unit_kode"].rsplit(".", 1)[0] == atasan["unit_kode"]
        )


def test_exclusions(agency: DemoAgency) -> None:
    pegawai = agency.rows["pegawai"]
    keterangan = Counter(row["keterangan"] for row in pegawai if row["keterangan"])
    assert keterangan == {"PENSIUN": 2, "TUGAS_BELAJAR": 1, "CUTI_BESAR": 1, "MUTASI": 1}
    assert set(keterangan) <= {member.value for member in JenisPengecualian}
    inactive = [row for row in pegawai if row["aktif"] == "TIDAK"]
    assert [row["keterangan"] for row in inactive] == ["MUTASI"]
    assert {row["aktif"] for row in pegawai} == {"YA", "TIDAK"}
    excluded = {row["nip"] for row in pegawai if row["keterangan"]}
    assert not any(row["atasan_nip"] in excluded for row in pegawai)
    for row in pegawai:
        if row["keterangan"] == "PENSIUN":
            assert rules.nip_parse(row["nip"]).tanggal_lahir.year == generator.PENSIUN_BIRTH_YEAR


def test_names_match_the_gender_digit(agency: DemoAgency) -> None:
    from kinerja.demo import nama

    for row in agency.rows["pegawai"]:
        name = row["nama"].removeprefix("Dr. ")
        first = (
            nama.NAMA_DEPAN_PEREMPUAN
            if rules.nip_parse(row["nip"]).jenis_kelamin == 2
            else nama.NAMA_DEPAN_LAKI_LAKI
        )
        assert any(name.startswith(candidate + " ") for candidate in first), row


def test_demo_accounts(agency: DemoAgency) -> None:
    rows = by_nip(agency)
    accounts = {account.kunci: account for account in agency.akun}
    assert list(accounts) == ["superuser", "admin", "pimpinan", "auditor", "penilai", "pegawai"]
    assert len({account.nip for account in agency.akun}) == 6
    assert all(
        len(account.nip) == 18 and rules.nip_error(account.nip) is None for account in agency.akun
    )

    assert accounts["superuser"].is_superuser
    assert accounts["superuser"].nip not in rows
    assert accounts["auditor"].jenis_peran == "AUDITOR"
    assert accounts["auditor"].nip not in rows
    assert not accounts["auditor"].punya_pegawai

    admin = rows[accounts["admin"].nip]
    assert (admin["unit_kode"], admin["jabatan"]) == ("SET.B2.BG2", "Analis SDM Aparatur Ahli Muda")
    assert (accounts["admin"].jenis_peran, accounts["admin"].unit_kode) == (
        "ADMIN_KEPEGAWAIAN",
        "SET",
    )

    pimpinan = rows[accounts["pimpinan"].nip]
    assert pimpinan["jabatan"] == "Kepala Biro Organisasi, Kepegawaian, dan Hukum"
    assert (accounts["pimpinan"].jenis_peran, accounts["pimpinan"].unit_kode) == (
        "PIMPINAN",
        "SET.B2",
    )

    penilai = rows[accounts["penilai"].nip]
    assert penilai["jabatan"] == "Kepala Bagian Kepegawaian"
    assert any(row["atasan_nip"] == penilai["nip"] for row in rows.values())

    pegawai = rows[accounts["pegawai"].nip]
    assert (
        pegawai["jenis_jabatan"],
        pegawai["unit_kode"],
        pegawai["aktif"],
        pegawai["keterangan"],
    ) == (
        "PELAKSANA",
        "SET.B2.BG2.SB1",
        "YA",
        "",
    )
    # The plain pegawai's appraiser is appraised by the demo pejabat penilai.
    assert rows[pegawai["atasan_nip"]]["atasan_nip"] == penilai["nip"]
    assert [account.nama for account in agency.akun if account.punya_pegawai] == [
        rows[account.nip]["nama"] for account in agency.akun if account.punya_pegawai
    ]


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_any_seed_gives_a_valid_agency(seed: int) -> None:
    agency = generate(seed)
    pegawai = agency.rows["pegawai"]
    assert len(pegawai) == 300
    assert len({row["nip"] for row in pegawai}) == 300
    assert all(rules.nip_error(row["nip"]) is None for row in pegawai)
    assert all(rules.golongan_error(row["golongan"], row["status"]) is None for row in pegawai)
    appraiser_of = {row["nip"]: row["atasan_nip"] or None for row in pegawai}
    assert rules.chain_cycle(appraiser_of) is None
    assert {row["jenis_jabatan"] for row in pegawai} == {member.value for member in JenisJabatan}
    assert len(agency.akun) == 6
    assert all(
        rules.nip_parse(row["nip"]).tmt_cpns < (generator.REFERENCE_YEAR, 1)
        and rules.nip_parse(row["nip"]).tanggal_lahir
        < datetime.date(generator.REFERENCE_YEAR - 20, 1, 1)
        for row in pegawai
    )
    assert not [row for row in pegawai if row["jenjang"] and row["jenis_jabatan"] != "FUNGSIONAL"]
    assert {row["jenjang"] for row in pegawai} & KEAHLIAN


def test_generator_columns_are_the_importers_columns():
    from kinerja.pertukaran.sheets import pegawai, skp, unit

    assert unit.HANDLER.column_names == generator.UNIT_COLUMNS
    assert pegawai.HANDLER.column_names == generator.PEGAWAI_COLUMNS
    assert skp.HANDLER.column_names == generator.SKP_COLUMNS


# --- Performance plans ----------------------------------------------------------------------

TAHUN = 2026


@pytest.fixture(scope="module")
def rencana(agency: DemoAgency) -> generator.RencanaDemo:
    return generator.skp_plans(agency, TAHUN)


def plans_of(rencana: generator.RencanaDemo) -> dict[str, dict[str, list[dict[str, str]]]]:
    """NIP -> RHK code -> its rows (one per indicator)."""
    plans: dict[str, dict[str, list[dict[str, str]]]] = {}
    for row in rencana.rows:
        plans.setdefault(row["nip"], {}).setdefault(row["rhk_kode"], []).append(row)
    return plans


def test_plans_are_deterministic_and_use_the_sheet_columns(
    agency: DemoAgency, rencana: generator.RencanaDemo
) -> None:
    assert generator.skp_plans(agency, TAHUN) == rencana
    assert generator.skp_plans(agency, 2027).rows != rencana.rows
    assert {tuple(row) for row in rencana.rows} == {generator.SKP_COLUMNS}
    assert all(isinstance(value, str) for row in rencana.rows for value in row.values())
    assert {row["tahun"] for row in rencana.rows} == {"2026"}
    assert len(rencana.rows) == 1398


def test_who_has_a_plan_and_in_which_state(
    agency: DemoAgency, rencana: generator.RencanaDemo
) -> None:
    rows = by_nip(agency)
    assert list(rencana.status) == list(plans_of(rencana))  # the same people, top-down
    assert len(rencana.status) == 292
    assert rencana.tanpa_skp == 8
    assert Counter(rencana.status.values()) == {
        "DISETUJUI": 253,
        "DIAJUKAN": 24,
        "DRAF": 9,
        "DIKEMBALIKAN": 6,
    }
    excluded = {nip for nip, row in rows.items() if row["keterangan"]}
    assert len(excluded) == 5
    assert not excluded & set(rencana.status)
    appraisers = {row["atasan_nip"] for row in rows.values() if row["atasan_nip"]}
    pending = {nip for nip, state in rencana.status.items() if state != "DISETUJUI"}
    assert not pending & appraisers  # every appraiser's plan gets approved
    assert set(rencana.catatan) == {n for n, s in rencana.status.items() if s == "DIKEMBALIKAN"}
    assert set(rencana.catatan.values()) == set(generator.CATATAN_KEMBALI)
    accounts = {account.kunci: account.nip for account in agency.akun}
    assert rencana.status[accounts["pegawai"]] == "DIKEMBALIKAN"
    waiting = [
        nip
        for nip, row in rows.items()
        if row["atasan_nip"] == accounts["penilai"] and rencana.status.get(nip) == "DIAJUKAN"
    ]
    assert len(waiting) == 1
    assert rows[waiting[0]]["jenis_jabatan"] == "FUNGSIONAL"
    assert waiting[0] != accounts["admin"]
    order = list(rencana.status)
    for nip in order:
        if rows[nip]["atasan_nip"]:
            assert order.index(rows[nip]["atasan_nip"]) < order.index(nip)


def test_plans_have_the_shape_of_real_ones(
    agency: DemoAgency, rencana: generator.RencanaDemo
) -> None:
    rows = by_nip(agency)
    plans = plans_of(rencana)
    for nip, plan in plans.items():
        person = rows[nip]
        jenis = Counter(items[0]["jenis"] for items in plan.values())
        assert 2 <= jenis["UTAMA"] <= 4, nip
        assert jenis["TAMBAHAN"] <= 1, nip
        assert list(plan) == [f"RHK-{n:02d}" for n in range(1, len(plan) + 1)]
        assert len({row["pendekatan"] for items in plan.values() for row in items}) == 1
        leader = plans.get(person["atasan_nip"], {})
        for kode, items in plan.items():
            assert 1 <= len(items) <= 3
            assert len({(r["rhk"], r["jenis"], r["rhk_atasan_kode"], r["perspektif"])
                        for r in items}) == 1  # fmt: skip
            first = items[0]
            if person["jenis_jabatan"] == "JPT":
                assert first["perspektif"] in {
                    "PENERIMA_LAYANAN", "PROSES_BISNIS", "PENGUATAN_INTERNAL", "ANGGARAN",
                }  # fmt: skip
            else:
                assert first["perspektif"] == ""
            if person["atasan_nip"]:
                assert first["rhk_atasan_kode"] in leader, (nip, kode)
            else:
                assert first["rhk_atasan_kode"] == ""
            for row in items:
                assert row["aspek"] in {"KUANTITAS", "KUALITAS", "WAKTU"}
                assert row["iki"]
                assert "{" not in row["iki"] + row["rhk"]
                if row["pendekatan"] == "KUANTITATIF":
                    assert row["target"].replace(",", "").isdigit(), row
                    assert row["satuan"], row
                else:
                    assert row["target"] == generator.NARASI[row["aspek"]]
                    assert row["satuan"] == ""
    kualitatif = {nip for nip, plan in plans.items()
                  if next(iter(plan.values()))[0]["pendekatan"] == "KUALITATIF"}  # fmt: skip
    assert len(kualitatif) == 12
    assert {rows[nip]["jenis_jabatan"] for nip in kualitatif} == {"PELAKSANA"}
    tambahan = sum(1 for plan in plans.values() if any(i[0]["jenis"] == "TAMBAHAN"
                                                       for i in plan.values()))  # fmt: skip
    assert tambahan == 79
    head = next(nip for nip, row in rows.items() if not row["atasan_nip"])
    assert [items[0]["rhk"] for items in plans[head].values()] == [
        rhk.uraian for rhk in generator.RHK_SEKRETARIS
    ]


def test_leaders_results_are_supported_by_their_appraisees(
    agency: DemoAgency, rencana: generator.RencanaDemo
) -> None:
    """Cascading spreads over the leader's RHKs: the Sekretaris's, each Kepala Biro's and each
    Kepala Bagian's RHKs are all supported by some appraisee."""
    rows = by_nip(agency)
    plans = plans_of(rencana)
    supported: dict[str, set[str]] = {}
    for nip, plan in plans.items():
        for items in plan.values():
            if items[0]["rhk_atasan_kode"]:
                supported.setdefault(rows[nip]["atasan_nip"], set()).add(
                    items[0]["rhk_atasan_kode"]
                )
    for nip, row in rows.items():
        if row["jenis_jabatan"] in ("JPT", "ADMINISTRATOR"):
            assert supported[nip] == set(plans[nip]), row["jabatan"]
    sub = next(nip for nip, row in rows.items() if row["jabatan"] == "Kepala Subbagian Anggaran")
    assert next(iter(plans[sub].values()))[0]["rhk"] == (
        "Terlaksananya kegiatan anggaran sesuai rencana kerja"
    )


def test_the_leaders_expectations_are_two_or_three_values_fixed_by_the_nip() -> None:
    first = generator.ekspektasi_demo("197502081997041016")
    assert first == generator.ekspektasi_demo("197502081997041016")
    assert 2 <= len(first) <= 3
    assert set(first) <= set(generator.EKSPEKTASI_DEMO)
    assert all(first[kode] == generator.EKSPEKTASI_DEMO[kode] for kode in first)
    chosen = {tuple(generator.ekspektasi_demo(f"19750208199704{n:04d}")) for n in range(40)}
    assert len(chosen) > 5


# --- Realisation and evidence -------------------------------------------------------------------

DAY = datetime.date(2026, 11, 29)


@pytest.fixture(scope="module")
def realisasi(agency: DemoAgency, rencana: generator.RencanaDemo) -> generator.RealisasiDemo:
    return generator.realisasi_plans(agency, rencana, DAY)


def test_realisation_is_deterministic_and_a_quarter_does_not_depend_on_the_day(
    agency: DemoAgency, rencana: generator.RencanaDemo, realisasi: generator.RealisasiDemo
) -> None:
    assert generator.realisasi_plans(agency, rencana, DAY) == realisasi
    assert generator.realisasi_plans(agency, rencana, datetime.date(2026, 10, 1)) == realisasi
    assert (realisasi.tahun, realisasi.lalu, realisasi.kini) == (2026, ("TW1", "TW2", "TW3"), "TW4")
    august = generator.realisasi_plans(agency, rencana, datetime.date(2026, 8, 1))
    assert (august.lalu, august.kini) == (("TW1", "TW2"), "TW3")
    assert [row for row in august.rows if row["periode"] in august.lalu] == [
        row for row in realisasi.rows if row["periode"] in august.lalu
    ]
    february = generator.realisasi_plans(agency, rencana, datetime.date(2026, 2, 10))
    assert (february.lalu, february.kini) == ((), "TW1")
    assert {item.periode for item in february.laporan} == {"TW1"}
    assert {item.status for item in february.laporan} == {"DIAJUKAN", "DRAF"}
    assert generator.realisasi_plans(agency, rencana, DAY, seed=7).rows != realisasi.rows


def test_realisation_rows_use_the_sheet_columns(realisasi: generator.RealisasiDemo) -> None:
    from kinerja.pertukaran.sheets import realisasi as sheet

    assert sheet.HANDLER.column_names == generator.REALISASI_COLUMNS
    assert {tuple(row) for row in realisasi.rows} == {generator.REALISASI_COLUMNS}
    assert all(isinstance(value, str) for row in realisasi.rows for value in row.values())
    assert {row["tahun"] for row in realisasi.rows} == {"2026"}
    assert Counter(row["periode"] for row in realisasi.rows) == {
        "TW1": 1294,
        "TW2": 1294,
        "TW3": 1292,
        "TW4": 629,
    }
    links = [row["bukti_url"] for row in realisasi.rows if row["bukti_url"]]
    assert len(links) == 2791
    assert len(set(links)) == 2789  # the minutes three employees share in TW4
    assert all(link.startswith("https://drive.setbadan.example/") for link in links)


def test_values_are_numbers_near_the_targets_or_narratives(
    rencana: generator.RencanaDemo, realisasi: generator.RealisasiDemo
) -> None:
    plans = plans_of(rencana)
    qualitative = {row["nip"] for row in rencana.rows if row["pendekatan"] == "KUALITATIF"}
    below = levels = 0
    for row in realisasi.rows:
        indicators = plans[row["nip"]][row["rhk_kode"]]
        assert (row["aspek"] == "") == (len(indicators) == 1)
        if row["nip"] in qualitative:
            assert row["realisasi"].startswith(f"Triwulan {QUARTERS[row['periode']]}: ")
            continue
        named = [item for item in indicators if row["aspek"] in ("", item["aspek"], item["iki"])]
        assert len(named) == 1
        value = float(row["realisasi"].replace(",", "."))
        goal = float(named[0]["target"].replace(",", "."))
        if named[0]["satuan"] not in ("persen", "nilai", "indeks", "hari"):
            goal = goal * int(row["periode"][2:]) / 4  # counts grow through the year
        assert 0.5 * goal - 1 <= value <= 1.6 * goal + 1  # counts are whole numbers
        if named[0]["satuan"] in ("persen", "nilai", "indeks"):
            levels += 1
            below += value < 0.95 * goal  # a level: 97–104% of the target, or 80–90% below it
    assert (below, levels) == (169, 1918)


QUARTERS = {"TW1": "I", "TW2": "II", "TW3": "III", "TW4": "IV"}


def test_past_reports_are_verified_and_the_current_quarter_is_mixed(
    agency: DemoAgency, rencana: generator.RencanaDemo, realisasi: generator.RealisasiDemo
) -> None:
    approved = [nip for nip, state in rencana.status.items() if state == "DISETUJUI"]
    assert Counter((item.periode, item.status) for item in realisasi.laporan) == {
        ("TW1", "SELESAI"): 253,
        ("TW2", "SELESAI"): 253,
        ("TW3", "SELESAI"): 253,
        ("TW4", "DIAJUKAN"): 91,
        ("TW4", "DRAF"): 83,
    }
    assert [item.nip for item in realisasi.laporan if item.periode == "TW1"] == approved
    returned = [item.kembali for item in realisasi.laporan if item.kembali]
    assert Counter((item.status, item.berkas is None) for item in returned) == {
        ("PERLU_PERBAIKAN", True): 32,
        ("PERLU_PERBAIKAN", False): 4,
        ("DITOLAK", False): 1,
    }
    assert all(item.perbaikan is not None for item in returned if item.berkas is not None)
    assert sum(len(item.umpan_balik) for item in realisasi.laporan) == 159
    assert sum(len(item.perilaku) for item in realisasi.laporan) == 84
    assert not [item for item in realisasi.laporan if item.periode == "TW4" and (
        item.kembali or item.umpan_balik or item.perilaku)]  # fmt: skip
    accounts = {account.kunci: account.nip for account in agency.akun}
    current = {item.nip: item.status for item in realisasi.laporan if item.periode == "TW4"}
    assert (current[accounts["penilai"]], current[accounts["admin"]]) == ("DRAF", "DRAF")
    people = {row["nip"]: row for row in agency.rows["pegawai"]}
    waiting = [nip for nip, state in current.items() if state == "DIAJUKAN"
               and people[nip]["atasan_nip"] == accounts["penilai"]]  # fmt: skip
    assert len(waiting) == 2
    assert accounts["pegawai"] not in current  # the pegawai's plan was returned


def test_generated_pdfs_are_valid_unique_and_not_nearly_empty(
    realisasi: generator.RealisasiDemo,
) -> None:
    files = [berkas for item in realisasi.laporan for berkas in item.berkas]
    files += [item.kembali.perbaikan for item in realisasi.laporan if item.kembali and
              item.kembali.perbaikan]  # fmt: skip
    assert len(files) == 243
    digests = Counter(hashlib.sha256(berkas.isi).hexdigest() for berkas in files)
    assert sorted(digests.values())[-2:] == [1, 2]  # only the shared minutes twice
    for berkas in files:
        assert len(berkas.isi) >= 1024
        assert realisasi_rules.detect_type(berkas.isi[:8]) == TipeBerkas.PDF
        text = PdfReader(io.BytesIO(berkas.isi)).pages[0].extract_text()
        assert text.startswith("SEKRETARIAT BADAN\n")
        assert berkas.nip in text or "Notulen Rapat Koordinasi" in text


def test_pdf_document_escapes_text_and_pads_to_a_kilobyte() -> None:
    data = generator.pdf_document(["Judul (uji) \\ garis", "Baris kedua"])
    assert data == generator.pdf_document(["Judul (uji) \\ garis", "Baris kedua"])
    assert len(data) >= generator.PDF_MIN_BYTES
    assert data.startswith(b"%PDF-1.4\n")
    assert data.endswith(b"%%EOF\n")
    reader = PdfReader(io.BytesIO(data))
    lines = reader.pages[0].extract_text().splitlines()
    assert lines[:2] == ["Judul (uji) \\ garis", "Baris kedua"]
    assert set(lines[2:]) == {generator.PDF_FOOTER}
