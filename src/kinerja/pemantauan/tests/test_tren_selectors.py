"""The trend, projection, backtest and early-warning selectors on histories written with
`history()` and stored by `refresh()`: exact lists, counts, texts, probabilities, chart geometry
and pinned query counts (the same for 1 and 3 rows)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.aturan.enums import Predikat, Tren
from kinerja.organisasi.tests.factories import PegawaiFactory
from kinerja.pemantauan.access import Cakupan
from kinerja.pemantauan.models import ProfilPegawai
from kinerja.pemantauan.selectors import tren as selectors
from kinerja.pemantauan.tests.factories import history, refresh

pytestmark = pytest.mark.django_db

SB, B, BP = Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN
ALL_PAGES = {selectors.halaman_param(k): 1 for k in selectors.KELAS}


@pytest.fixture
def data(agency):
    """Siti stagnant at Butuh Perbaikan for 3 periods (annual: Sangat Baik then Baik), Budi
    rising, Rina (Budi's appraisee too) falling and warned; Joko (Biro Lain) falling."""
    history(agency.pegawai, 2026, [B, BP, BP, BP], annual=B)
    history(agency.pegawai, 2025, [], annual=SB)
    history(agency.penilai, 2026, [BP, BP, B])
    agency.rina = PegawaiFactory(nama="Rina Marlina", unit=agency.bagian, penilai=agency.penilai)
    history(agency.rina, 2026, [SB, B, BP])
    history(agency.outsider, 2026, [B, B, B, BP])
    agency.run = refresh()
    return agency


@pytest.fixture
def pola(agency):
    """A history with a known structure: four employees alternate Baik and Butuh Perbaikan
    from Baik, one from Butuh Perbaikan, over 2025 and 2026 (the model learns the alternation,
    the naive forecast is always wrong)."""
    for index in range(4):
        pegawai = PegawaiFactory(nama=f"Pola {index}", unit=agency.bagian, penilai=agency.penilai)
        history(pegawai, 2025, [B, BP, B, BP])
        history(pegawai, 2026, [B, BP, B, BP])
    agency.balik = PegawaiFactory(nama="Pola Balik", unit=agency.bagian, penilai=agency.penilai)
    history(agency.balik, 2025, [BP, B, BP, B])
    history(agency.balik, 2026, [BP, B, BP, B])
    agency.run = refresh()
    return agency


def names(rows) -> list[str]:
    return [row.pegawai.nama for row in rows]


def test_trend_lists_of_a_unit(data):
    daftar = selectors.trend_lists(
        selectors.Saringan(Cakupan(data.biro, None)), jenis="periodik", kelas=None, halaman={}
    )
    assert daftar.jumlah == {
        Tren.NAIK: 1,
        Tren.STAGNAN: 1,
        Tren.TURUN: 1,
        Tren.BELUM_CUKUP_DATA: 0,
    }
    assert [(s.kelas, s.jumlah, names(s.baris)) for s in daftar.bagian] == [
        (Tren.NAIK, 1, ["Budi Santoso"]),
        (Tren.STAGNAN, 1, ["Siti Aminah"]),
        (Tren.TURUN, 1, ["Rina Marlina"]),
    ]
    rows = [s.baris[0] for s in daftar.bagian]
    assert [(r.seri, r.penjelasan, r.lama) for r in rows] == [
        ("Butuh Perbaikan → Butuh Perbaikan → Baik", "Tren naik: predikat terakhir Baik.", 1),
        (
            "Baik → Butuh Perbaikan → Butuh Perbaikan → Butuh Perbaikan",
            "Stagnan di Butuh Perbaikan selama 3 periode.",
            3,
        ),
        (
            "Sangat Baik → Baik → Butuh Perbaikan",
            "Tren turun: predikat terakhir Butuh Perbaikan.",
            1,
        ),
    ]
    assert rows[1].langkah[1] == (
        "Jendela 3 periode terakhir: Butuh Perbaikan → Butuh Perbaikan → Butuh Perbaikan."
    )
    assert rows[1].terakhir == BP


def test_sparkline_geometry(data):
    daftar = selectors.trend_lists(
        selectors.Saringan(Cakupan(data.biro, None)),
        jenis="periodik",
        kelas=Tren.STAGNAN,
        halaman={},
    )
    kecil = daftar.bagian[0].baris[0].grafik
    assert (kecil.kotak, kecil.lebar, kecil.tinggi) == ("112 8 176 56", 176, 56)
    assert [(t.x, t.y, t.label, t.nilai) for t in kecil.garis.titik] == [
        (120, 26, "TW1 2026", "Baik"),
        (173, 36, "TW2 2026", "Butuh Perbaikan"),
        (227, 36, "TW3 2026", "Butuh Perbaikan"),
        (280, 36, "TW4 2026", "Butuh Perbaikan"),
    ]
    assert kecil.garis.ruas == ("120,26 173,36 227,36 280,36",)


def test_annual_trends_and_a_chosen_class(data):
    saringan = selectors.Saringan(Cakupan(data.biro, None))
    daftar = selectors.trend_lists(saringan, jenis="tahunan", kelas=None, halaman={})
    assert daftar.jumlah == {
        Tren.NAIK: 0,
        Tren.STAGNAN: 0,
        Tren.TURUN: 1,
        Tren.BELUM_CUKUP_DATA: 2,
    }
    turun = daftar.bagian[2].baris
    assert [(r.pegawai.nama, r.seri, r.penjelasan, r.lama) for r in turun] == [
        ("Siti Aminah", "Sangat Baik → Baik", "Tren turun: predikat terakhir Baik.", None)
    ]
    assert [t.label for t in turun[0].grafik.garis.titik] == ["2025", "2026"]
    waiting = selectors.trend_lists(
        saringan, jenis="tahunan", kelas=Tren.BELUM_CUKUP_DATA, halaman={}
    )
    assert [(s.kelas, names(s.baris)) for s in waiting.bagian] == [
        (Tren.BELUM_CUKUP_DATA, ["Budi Santoso", "Rina Marlina"])
    ]
    assert waiting.bagian[0].baris[0].seri == "—"
    assert waiting.bagian[0].baris[0].penjelasan == (
        "Belum cukup data: perlu paling sedikit 2 predikat."
    )


def test_trend_lists_of_a_team_are_counted(data):
    daftar = selectors.trend_lists(
        selectors.Saringan(Cakupan(None, data.penilai.pk)),
        jenis="periodik",
        kelas=None,
        halaman={},
    )
    assert daftar.jumlah == {
        Tren.NAIK: 0,
        Tren.STAGNAN: 1,
        Tren.TURUN: 1,
        Tren.BELUM_CUKUP_DATA: 0,
    }
    assert [names(s.baris) for s in daftar.bagian] == [[], ["Siti Aminah"], ["Rina Marlina"]]


def test_trend_lists_of_an_empty_jenis_jabatan(data):
    daftar = selectors.trend_lists(
        selectors.Saringan(Cakupan(data.root, None), "JPT"),
        jenis="periodik",
        kelas=None,
        halaman={},
    )
    assert daftar.total == 0
    assert [s.baris for s in daftar.bagian] == [[], [], []]


def test_trend_export_rows(data):
    rows = selectors.trend_rows_all(
        selectors.Saringan(Cakupan(data.root, None)), jenis="periodik", kelas=None
    )
    assert [(r.tren, r.pegawai.nama) for r in rows] == [
        (Tren.NAIK, "Budi Santoso"),
        (Tren.STAGNAN, "Siti Aminah"),
        (Tren.TURUN, "Joko Widodo"),
        (Tren.TURUN, "Rina Marlina"),
    ]


def test_naive_projection_of_a_unit(data):
    daftar = selectors.projection_list(selectors.Saringan(Cakupan(data.biro, None)), halaman=1)
    d = daftar.distribusi
    assert (str(d.periode_dasar), d.anggota, d.tanpa_proyeksi, d.total_aktual) == (
        "Triwulan IV-Akhir 2026",
        3,
        0,
        1,
    )
    assert [(r.predikat, r.aktual, r.harapan_teks, r.rentang) for r in d.baris] == [
        (SB, 0, "0,00", (0, 0)),
        (B, 0, "1,00", (1, 1)),
        (BP, 1, "2,00", (2, 2)),
        (Predikat.KURANG, 0, "0,00", (0, 0)),
        (Predikat.SANGAT_KURANG, 0, "0,00", (0, 0)),
    ]
    assert [(b.x, b.y, b.tinggi, b.batas_y, b.batas_tinggi) for b in d.grafik_harapan.batang] == [
        (49, 180, 0, 180, 0),
        (170, 98, 82, 98, 0),
        (292, 16, 164, 16, 0),
        (414, 180, 0, 180, 0),
        (535, 180, 0, 180, 0),
    ]
    assert [(row.pegawai.nama, row.dasar, row.proyeksi, row.peluang) for row in daftar.baris] == [
        ("Budi Santoso", "TW3 2026", B, "100,0%"),
        ("Rina Marlina", "TW3 2026", BP, "100,0%"),
        ("Siti Aminah", "TW4 2026", BP, "100,0%"),
    ]
    rina = daftar.baris[1]
    assert (rina.risiko, rina.observasi) == ("100,0%", 0)
    assert rina.semua == [(p, "100,0%" if p == BP else "0,0%") for p in rina.prediksi.peluang]
    assert rina.alasan == [
        "Model belum terbukti lebih tepat daripada perkiraan naif "
        "pada uji balik: proyeksi = predikat "
        "terakhir (Butuh Perbaikan)."
    ]
    assert selectors.model_verdict(data.run.uji_balik) == (
        "Model tidak dipakai: uji balik baru mencakup 6 perkiraan, kurang dari 20; proyeksi "
        "memakai predikat terakhir."
    )


def test_projection_of_a_team_is_summed_from_its_profiles(data, django_assert_num_queries):
    saringan = selectors.Saringan(Cakupan(None, data.penilai.pk))
    with django_assert_num_queries(2):
        d = selectors.projected_distribution(saringan)
    assert (d.anggota, d.tanpa_proyeksi) == (2, 0)
    assert [(r.predikat, r.aktual, r.harapan, r.rentang) for r in d.baris][1:3] == [
        (B, 0, Decimal("0.00"), (0, 0)),
        (BP, 1, Decimal("2.00"), (2, 2)),
    ]


def test_projection_with_the_model(pola):
    saringan = selectors.Saringan(Cakupan(pola.biro, None))
    daftar = selectors.projection_list(saringan, halaman=1)
    assert selectors.model_verdict(pola.run.uji_balik) == (
        "Model dipakai karena lebih tepat daripada perkiraan naif: pada uji balik 25 dari 30 "
        "perkiraan model benar (83,3%), perkiraan naif 0 (0,0%)."
    )
    d = daftar.distribusi
    assert (d.anggota, d.tanpa_proyeksi) == (5, 2)
    assert [(r.predikat.value, r.aktual, r.harapan_teks, r.rentang) for r in d.baris] == [
        ("SANGAT_BAIK", 0, "0,13", (0, 1)),
        ("BAIK", 1, "3,59", (2, 5)),
        ("BUTUH_PERBAIKAN", 4, "1,02", (0, 2)),
        ("KURANG", 0, "0,13", (0, 1)),
        ("SANGAT_KURANG", 0, "0,13", (0, 1)),
    ]
    by_name = {row.pegawai.nama: row for row in daftar.baris}
    assert list(by_name) == ["Pola 0", "Pola 1", "Pola 2", "Pola 3", "Pola Balik"]
    row = by_name["Pola 0"]
    assert (row.terakhir, row.proyeksi, row.peluang, row.risiko, row.observasi) == (
        BP,
        B,
        "89,2%",
        "8,1%",
        16,
    )
    assert [text for _p, text in row.semua] == ["2,7%", "89,2%", "2,7%", "2,7%", "2,7%"]
    assert row.alasan == [
        "Dari 16 perpindahan pegawai instansi dengan predikat Butuh Perbaikan, 89,2% menjadi "
        "Baik pada periode berikutnya.",
        "Peluang Butuh Perbaikan atau lebih rendah: 8,1%.",
    ]
    balik = by_name["Pola Balik"]
    assert (balik.terakhir, balik.proyeksi, balik.peluang, balik.risiko) == (
        B,
        BP,
        "90,7%",
        "95,4%",
    )


def test_backtest_report(pola):
    report = selectors.backtest_report(pola.run)
    assert (report.terpilih, report.terpilih_label, report.dipakai, report.minimum) == (
        "TANPA",
        "Predikat saja",
        True,
        20,
    )
    assert report.langkah == 35
    assert [(k.label, k.terpilih) for k in report.kandidat] == [
        ("Predikat saja", True),
        ("Predikat dan kondisi bukti dukung", False),
    ]
    chosen = report.kandidat[0]
    assert [
        (r.label, r.jumlah, r.benar_model, r.benar_naif, r.akurasi_model, r.akurasi_naif)
        for r in [*chosen.periode, chosen.total]
    ] == [
        ("TW3 2025", 5, 0, 0, "0,0%", "0,0%"),
        ("TW4 2025", 5, 5, 0, "100,0%", "0,0%"),
        ("TW1 2026", 5, 5, 0, "100,0%", "0,0%"),
        ("TW2 2026", 5, 5, 0, "100,0%", "0,0%"),
        ("TW3 2026", 5, 5, 0, "100,0%", "0,0%"),
        ("TW4 2026", 5, 5, 0, "100,0%", "0,0%"),
        ("Jumlah", 30, 25, 0, "83,3%", "0,0%"),
    ]
    pairs = report.grafik.pasangan
    assert [(p.label, p.model.x, p.model.y, p.model.lebar, p.model.tinggi) for p in pairs] == [
        ("TW3 2025", 39, 180, 28, 0),
        ("TW4 2025", 140, 16, 28, 164),
        ("TW1 2026", 241, 16, 28, 164),
        ("TW2 2026", 343, 16, 28, 164),
        ("TW3 2026", 444, 16, 28, 164),
        ("TW4 2026", 545, 16, 28, 164),
    ]
    assert {(p.naif.x - p.model.x, p.naif.lebar, p.naif.y, p.naif.tinggi) for p in pairs} == {
        (28, 28, 180, 0)
    }
    (table,) = report.transisi
    assert table.total == 35
    assert [(r.asal.value, r.total, [c.jumlah for c in r.sel]) for r in table.baris] == [
        ("SANGAT_BAIK", 0, [0, 0, 0, 0, 0]),
        ("BAIK", 19, [0, 0, 19, 0, 0]),
        ("BUTUH_PERBAIKAN", 16, [0, 16, 0, 0, 0]),
        ("KURANG", 0, [0, 0, 0, 0, 0]),
        ("SANGAT_KURANG", 0, [0, 0, 0, 0, 0]),
    ]
    assert [c.persen for c in table.baris[1].sel] == ["0,0%", "0,0%", "100,0%", "0,0%", "0,0%"]
    assert table.baris[0].sel[0].persen == "—"


def test_verdict_when_the_model_is_not_better():
    uji = {
        "terpilih": "BUKTI",
        "dipakai": False,
        "minimum_uji": 20,
        "kandidat": [
            {"pengkondisian": "TANPA", "jumlah": 40, "benar_model": 20, "benar_naif": 20},
            {"pengkondisian": "BUKTI", "jumlah": 40, "benar_model": 25, "benar_naif": 26},
        ],
    }
    assert selectors.model_verdict(uji) == (
        "Model tidak dipakai: tidak lebih tepat daripada perkiraan naif (25 dari 40 perkiraan "
        "benar, 62,5%; perkiraan naif 26, 65,0%); proyeksi memakai predikat terakhir."
    )
    assert selectors.model_verdict({}) == (
        "Belum ada uji balik: proyeksi memakai predikat terakhir."
    )


def test_warnings_ordered_by_risk_then_name(pola):
    saringan = selectors.Saringan(Cakupan(pola.biro, None))
    daftar = selectors.warning_list(saringan, halaman=1, may_plan=lambda p: p.nama == "Pola 1")
    rows = [(r.pegawai.nama, r.risiko, r.proyeksi, r.boleh_rencana) for r in daftar.baris]
    assert rows == [
        ("Pola Balik", "95,4%", BP, False),
        ("Pola 0", "8,1%", B, False),
        ("Pola 1", "8,1%", B, True),
        ("Pola 2", "8,1%", B, False),
        ("Pola 3", "8,1%", B, False),
    ]
    balik = daftar.baris[0]
    assert balik.alasan == [
        "Peluang Butuh Perbaikan atau lebih rendah pada periode berikutnya 95,4%."
    ]
    assert (balik.terakhir, balik.terakhir_label, balik.peluang) == (B, "TW4 2026", "90,7%")
    assert daftar.baris[1].alasan == [
        "Predikat terakhir Butuh Perbaikan.",
        "Rating hasil kerja turun dari Sesuai Ekspektasi ke Di Bawah Ekspektasi.",
    ]
    ProfilPegawai.objects.filter(pegawai__nama="Pola 2").update(risiko=None)
    ProfilPegawai.objects.filter(pegawai__nama="Pola 0").update(risiko=Decimal("0.5"))
    again = selectors.warning_list(saringan, halaman=1)
    assert names(again.baris) == ["Pola Balik", "Pola 0", "Pola 1", "Pola 3", "Pola 2"]
    assert again.baris[-1].risiko == "—"


def test_warnings_of_a_team(data):
    daftar = selectors.warning_list(selectors.Saringan(Cakupan(None, data.penilai.pk)), halaman=1)
    assert [(r.pegawai.nama, r.risiko, r.profil.penilai.nama) for r in daftar.baris] == [
        ("Rina Marlina", "100,0%", "Budi Santoso"),
        ("Siti Aminah", "100,0%", "Budi Santoso"),
    ]
    assert [r.alasan for r in daftar.baris] == [
        [
            "Predikat terakhir Butuh Perbaikan.",
            "Rating hasil kerja turun dari Sesuai Ekspektasi ke Di Bawah Ekspektasi.",
        ],
        ["Predikat terakhir Butuh Perbaikan."],
    ]
    everyone = list(selectors.warning_rows_all(selectors.Saringan(Cakupan(data.root, None))))
    assert names(everyone) == ["Joko Widodo", "Rina Marlina", "Siti Aminah"]


def extra(agency, n: int) -> None:
    for index in range(n):
        pegawai = PegawaiFactory(
            nama=f"Tambahan {index}", unit=agency.bagian, penilai=agency.penilai
        )
        history(pegawai, 2026, [SB, B, BP])
    refresh()


@pytest.mark.parametrize("n", [1, 3])
def test_query_counts(agency, n, django_assert_num_queries):
    extra(agency, n)
    unit = selectors.Saringan(Cakupan(agency.biro, None))
    team = selectors.Saringan(Cakupan(None, agency.penilai.pk))
    with django_assert_num_queries(2):  # outlook, the turun page (stored counts; others empty)
        daftar = selectors.trend_lists(unit, jenis="periodik", kelas=None, halaman=ALL_PAGES)
    assert daftar.bagian[2].jumlah == n
    with django_assert_num_queries(2):  # counted, page
        selectors.trend_lists(team, jenis="periodik", kelas=Tren.TURUN, halaman={})
    with django_assert_num_queries(3):  # outlook, summary, page (the count is stored)
        assert len(selectors.projection_list(unit, halaman=1).baris) == n
    with django_assert_num_queries(3):  # base period, team, page
        assert len(selectors.projection_list(team, halaman=1).baris) == n
    with django_assert_num_queries(2):  # outlook, page (the count is stored)
        warned = selectors.warning_list(unit, halaman=1)
    assert (len(warned.baris), warned.halaman.paginator.count) == (n, n)
    with django_assert_num_queries(2):  # counted, page
        warned = selectors.warning_list(team, halaman=1)
    assert warned.halaman.paginator.count == len(warned.baris)
