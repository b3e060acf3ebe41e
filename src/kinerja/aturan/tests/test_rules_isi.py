"""The content of a rule set: validation with exact paths and messages, parsing and dumping."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest

from kinerja.aturan.enums import JenisBatasan, Predikat, Rating
from kinerja.aturan.rules import (
    SECTIONS,
    Acuan,
    IsiTidakValid,
    Kesalahan,
    isi_default,
    isi_dump,
    isi_errors,
    isi_parse,
    isi_parse_once,
)
from kinerja.aturan.tests.rulesets import content, default_isi


def set_at(path, value):
    def edit(data):
        *parents, last = path
        for key in parents:
            data = data[key]
        data[last] = value

    return edit


def drop(path):
    def edit(data):
        *parents, last = path
        for key in parents:
            data = data[key]
        del data[last]

    return edit


def errors(edit):
    return [(k.jalur, k.pesan) for k in isi_errors(content(edit))]


PREDIKAT_CHOICES = "SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG"


def test_the_default_is_valid():
    assert isi_errors(isi_default()) == []
    assert list(isi_default()) == list(SECTIONS)


def test_the_default_round_trips():
    assert isi_dump(isi_parse(isi_default())) == isi_default()


def test_parsed_once_per_content_and_label():
    acuan = Acuan("kinerja", 3)
    first = isi_parse_once(isi_default(), acuan)
    assert isi_parse_once(isi_default(), Acuan("kinerja", 3)) is first
    assert first == isi_parse(isi_default(), acuan)
    assert isi_parse_once(isi_default(), Acuan("kinerja", 4)).acuan == Acuan("kinerja", 4)
    changed = isi_parse_once(content(set_at(("keberatan", "batas_hari"), 21)), acuan)
    assert (changed.keberatan_hari, first.keberatan_hari) == (21, 14)


def test_invalid_content_is_refused_every_time():
    broken = content(drop(("kurva",)))
    for _attempt in range(2):
        with pytest.raises(IsiTidakValid, match="kurva: bagian ini wajib ada"):
            isi_parse_once(broken, Acuan())


def test_isi_default_is_a_fresh_copy():
    data = isi_default()
    data["tren"]["jendela"] = 5
    assert isi_default()["tren"]["jendela"] == 3


def test_numbers_given_as_floats_ints_or_with_a_comma_are_normalised_to_strings():
    def edit(data):
        data["tukin"]["tanpa_rekaman"] = 1.5
        data["tukin"]["terlambat"][0]["persen"] = 0.5
        data["tukin"]["besaran"]["9"] = "3781000"
        data["kurva"]["pola"]["BAIK"][1]["nilai"] = 70
        data["kurva"]["pola"]["BAIK"][2]["nilai"] = "1"
        data["angka_kredit"]["jenjang"]["AHLI_PERTAMA"]["koefisien"] = "12,50"
        data["angka_kredit"]["jenjang"]["AHLI_MUDA"]["koefisien"] = 25
        data["angka_kredit"]["persentase"]["SANGAT_BAIK"] = "150.00"
        data["tren"]["ambang"] = 1
        data["tren"]["jendela"] = "3"

    dumped = isi_dump(isi_parse(content(edit)))
    assert dumped == isi_default()
    assert dumped["tukin"]["tanpa_rekaman"] == "1.5"
    assert dumped["kurva"]["pola"]["BAIK"][1]["nilai"] == "70"
    assert dumped["kurva"]["pola"]["BAIK"][2]["nilai"] == 1
    assert dumped["angka_kredit"]["jenjang"]["AHLI_PERTAMA"]["koefisien"] == "12.5"
    assert dumped["tren"] == {"jendela": 3, "minimum_titik": 2, "ambang": "1"}


def test_labels_and_aliases_are_read_as_codes():
    def edit(data):
        data["predikat"]["DI_BAWAH"]["SESUAI"] = "Cukup"
        data["predikat"]["SESUAI"]["SESUAI"] = "baik"
        data["talenta"]["kinerja"]["BAIK"] = "Sesuai Ekspektasi"
        data["kurva"]["pola"]["BAIK"][0]["jenis"] = "terbanyak"

    isi = isi_parse(content(edit))
    assert isi.predikat[Rating.DI_BAWAH][Rating.SESUAI] == Predikat.BUTUH_PERBAIKAN
    assert isi.kurva.pola["BAIK"][0].jenis == JenisBatasan.TERBANYAK
    assert isi_dump(isi) == isi_default()


def test_parsed_values():
    isi = default_isi()
    assert isi.kurva.ukuran_minimum == 10
    assert isi.tukin.besaran == {9: 3_781_000, 10: 4_551_000}
    assert (isi.tukin.cuti_hari_bebas, isi.tukin.cuti_alasan_penting) == (2, Decimal("2.5"))
    assert isi.keberatan_hari == 14
    assert isi.angka_kredit.jenjang["AHLI_UTAMA"].kenaikan_jenjang is None
    assert [(b.dari, b.sampai) for b in isi.tukin.terlambat] == [
        (1, 30),
        (31, 60),
        (61, 90),
        (91, None),
    ]


def swap_pola(organisasi, pola):
    return set_at(("kurva", "pola", organisasi), pola)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(
            drop(("predikat", "SESUAI", "DI_BAWAH")),
            [("predikat.SESUAI.DI_BAWAH", "wajib diisi")],
            id="missing-quadrant-cell",
        ),
        pytest.param(
            set_at(("predikat", "SESUAI", "DI_BAWAH"), "JELEK"),
            [("predikat.SESUAI.DI_BAWAH", f"“JELEK” tidak dikenal; pilihan: {PREDIKAT_CHOICES}")],
            id="unknown-predikat",
        ),
        pytest.param(
            set_at(("predikat", "DI_ATAS", "LUAR_BIASA"), "BAIK"),
            [
                (
                    "predikat.DI_ATAS.LUAR_BIASA",
                    "kunci tidak dikenal; pilihan: DI_ATAS, DI_BAWAH, SESUAI",
                )
            ],
            id="unknown-quadrant-column",
        ),
        pytest.param(
            set_at(("predikat",), []),
            [("predikat", "harus berupa objek")],
            id="section-not-an-object",
        ),
        pytest.param(
            set_at(("kurva", "pola", "BAIK", 1, "nilai"), "101"),
            [("kurva.pola.BAIK[1].nilai", "tidak boleh lebih dari 100")],
            id="percent-over-100",
        ),
        pytest.param(
            set_at(("kurva", "pola", "BAIK", 1, "nilai"), "-1"),
            [("kurva.pola.BAIK[1].nilai", "tidak boleh kurang dari 0")],
            id="negative-percent",
        ),
        pytest.param(
            set_at(("kurva", "pola", "BAIK", 1, "nilai"), "70.125"),
            [("kurva.pola.BAIK[1].nilai", "paling banyak 2 angka di belakang koma")],
            id="percent-with-three-decimals",
        ),
        pytest.param(
            set_at(("kurva", "pola", "BAIK", 2, "nilai"), "1.5"),
            [("kurva.pola.BAIK[2].nilai", "paling banyak 0 angka di belakang koma")],
            id="fractional-people",
        ),
        pytest.param(
            set_at(("kurva", "pola", "BAIK", 1, "jenis"), "SEBAGIAN"),
            [
                (
                    "kurva.pola.BAIK[1].jenis",
                    "“SEBAGIAN” tidak dikenal; pilihan: TERBANYAK, MAKSIMUM_PERSEN, "
                    "MINIMUM_PERSEN, MINIMUM_ORANG",
                )
            ],
            id="unknown-constraint-kind",
        ),
        pytest.param(
            lambda data: data["kurva"]["pola"]["BAIK"].append(
                {"jenis": "TERBANYAK", "predikat": ["SANGAT_BAIK"]}
            ),
            [("kurva.pola.BAIK", "paling banyak satu batasan kelompok terbanyak")],
            id="two-largest-groups",
        ),
        pytest.param(
            set_at(("kurva", "pola", "BAIK", 0, "predikat"), ["BAIK", "SANGAT_BAIK"]),
            [("kurva.pola.BAIK[0].predikat", "kelompok terbanyak hanya untuk satu predikat")],
            id="largest-of-two-predikat",
        ),
        pytest.param(
            set_at(("kurva", "pola", "BAIK", 0, "predikat"), []),
            [("kurva.pola.BAIK[0].predikat", "pilih paling sedikit satu predikat")],
            id="no-predikat",
        ),
        pytest.param(
            set_at(("kurva", "pola", "BAIK", 1, "predikat"), ["BAIK", "Baik"]),
            [("kurva.pola.BAIK[1].predikat", "predikat tidak boleh berulang")],
            id="repeated-predikat",
        ),
        pytest.param(
            swap_pola(
                "KURANG",
                [
                    {"jenis": "MINIMUM_PERSEN", "predikat": ["KURANG"], "nilai": "60"},
                    {"jenis": "MINIMUM_PERSEN", "predikat": ["SANGAT_KURANG"], "nilai": "60"},
                ],
            ),
            [("kurva.pola.KURANG", "pola ini tidak dapat dipenuhi oleh kelompok 10 orang")],
            id="infeasible-pattern",
        ),
        pytest.param(
            swap_pola(
                "BAIK",
                [
                    {"jenis": "MINIMUM_PERSEN", "predikat": ["SANGAT_KURANG"], "nilai": "50"},
                    {"jenis": "MAKSIMUM_PERSEN", "predikat": ["SANGAT_KURANG"], "nilai": "54"},
                ],
            ),
            # 10 people: exactly 5 fits; 11 people: at least 6 (5.5) but at most 5 (5.94).
            [("kurva.pola.BAIK", "pola ini tidak dapat dipenuhi oleh kelompok 11 orang")],
            id="infeasible-from-11-people",
        ),
        pytest.param(
            set_at(("kurva", "ukuran_minimum"), 0),
            [("kurva.ukuran_minimum", "tidak boleh kurang dari 1")],
            id="minimum-size-zero",
        ),
        pytest.param(
            set_at(("tukin", "terlambat", 1, "dari"), 30),
            [("tukin.terlambat[1]", "pita ini tumpang tindih dengan pita sebelumnya")],
            id="overlapping-bands",
        ),
        pytest.param(
            set_at(("tukin", "pulang_cepat", 1, "dari"), 32),
            [
                (
                    "tukin.pulang_cepat[1]",
                    "ada celah antara pita ini dan pita sebelumnya (mulai dari 31)",
                )
            ],
            id="gap-between-bands",
        ),
        pytest.param(
            set_at(("tukin", "terlambat", 1, "sampai"), None),
            [("tukin.terlambat[2]", "hanya pita terakhir yang boleh tanpa batas atas")],
            id="open-band-not-last",
        ),
        pytest.param(
            set_at(("tukin", "terlambat", 0, "sampai"), 0),
            [("tukin.terlambat[0].sampai", "tidak boleh kurang dari 1")],
            id="band-end-zero",
        ),
        pytest.param(
            lambda data: data["tukin"]["terlambat"].pop(),
            [("tukin.terlambat", "harus tepat 4 pita, sesuai kolom TL1–TL4 dan PSW1–PSW4")],
            id="three-bands",
        ),
        pytest.param(
            set_at(("tukin", "besaran", "10"), 3_781_000),
            [("tukin.besaran.10", "besaran kelas 10 harus lebih besar dari kelas 9")],
            id="amounts-not-increasing",
        ),
        pytest.param(
            set_at(("tukin", "besaran", "18"), 40_000_000),
            [("tukin.besaran.18", "tidak boleh lebih dari 17")],
            id="grade-above-highest",
        ),
        pytest.param(
            set_at(("tukin", "tanpa_rekaman"), True),
            [("tukin.tanpa_rekaman", "harus berupa angka")],
            id="boolean-is-no-number",
        ),
        pytest.param(
            set_at(("tukin", "tanpa_rekaman"), "abc"),
            [("tukin.tanpa_rekaman", "“abc” bukan angka")],
            id="text-is-no-number",
        ),
        pytest.param(
            set_at(("tukin", "tanpa_keterangan"), "NaN"),
            [("tukin.tanpa_keterangan", "harus berupa angka")],
            id="nan-is-no-number",
        ),
        pytest.param(
            set_at(("talenta", "kotak", "TINGGI", "DI_ATAS"), 8),
            [("talenta.kotak", "kotak 1 sampai 9 masing-masing harus dipakai tepat satu kali")],
            id="boxes-not-a-permutation",
        ),
        pytest.param(
            set_at(("talenta", "kotak", "TINGGI", "DI_ATAS"), 10),
            [("talenta.kotak.TINGGI.DI_ATAS", "tidak boleh lebih dari 9")],
            id="box-ten",
        ),
        pytest.param(
            set_at(("tren", "minimum_titik"), 4),
            [("tren.minimum_titik", "tidak boleh lebih dari jendela (3)")],
            id="minimum-points-over-window",
        ),
        pytest.param(
            set_at(("tren", "ambang"), "0"),
            [("tren.ambang", "harus lebih dari 0")],
            id="zero-threshold",
        ),
        pytest.param(
            set_at(("disiplin", 1, "dari"), 5),
            [("disiplin[1]", "ada celah antara pita ini dan pita sebelumnya (mulai dari 4)")],
            id="gap-in-discipline-bands",
        ),
        pytest.param(
            set_at(("disiplin", 0, "sampai"), 2),
            [("disiplin[0]", "“sampai” tidak boleh lebih kecil dari “dari”")],
            id="band-ending-before-it-starts",
        ),
        pytest.param(
            set_at(("angka_kredit", "jenjang", "AHLI_MUDA", "koefisien"), None),
            [("angka_kredit.jenjang.AHLI_MUDA.koefisien", "harus berupa angka")],
            id="coefficient-required",
        ),
        pytest.param(
            set_at(("angka_kredit", "jenjang", "AHLI_MUDA", "koefisien"), "0"),
            [("angka_kredit.jenjang.AHLI_MUDA.koefisien", "harus lebih dari 0")],
            id="coefficient-zero",
        ),
        pytest.param(
            set_at(("merit", "suksesi_tahun"), 6),
            [("merit.suksesi_tahun", "tidak boleh lebih dari 5")],
            id="merit-years",
        ),
        pytest.param(
            set_at(("lain",), {}),
            [("lain", "bagian tidak dikenal")],
            id="unknown-section",
        ),
        pytest.param(
            drop(("merit",)),
            [("merit", "bagian ini wajib ada")],
            id="missing-section",
        ),
    ],
)
def test_content_errors(edit, expected):
    assert errors(edit) == expected
    if expected[0][1].startswith("pola ini tidak dapat dipenuhi"):
        isi_parse(content(edit))  # computing accepts it; only saving refuses it
    else:
        with pytest.raises(IsiTidakValid) as error:
            isi_parse(content(edit))
        assert [(k.jalur, k.pesan) for k in error.value.kesalahan] == expected


def test_every_problem_is_reported_at_once():
    def edit(data):
        data["predikat"]["DI_ATAS"]["X"] = "BAIK"
        data["tukin"]["tanpa_rekaman"] = "-1"
        data["tren"]["jendela"] = 13
        data["zzz"] = 1

    assert errors(edit) == [
        ("zzz", "bagian tidak dikenal"),
        ("predikat.DI_ATAS.X", "kunci tidak dikenal; pilihan: DI_ATAS, DI_BAWAH, SESUAI"),
        ("tukin.tanpa_rekaman", "tidak boleh kurang dari 0"),
        ("tren.jendela", "tidak boleh lebih dari 12"),
    ]
    with pytest.raises(IsiTidakValid) as error:
        isi_parse(content(edit))
    assert str(error.value) == (
        "zzz: bagian tidak dikenal; predikat.DI_ATAS.X: kunci tidak dikenal; pilihan: DI_ATAS, "
        "DI_BAWAH, SESUAI; tukin.tanpa_rekaman: tidak boleh kurang dari 0; tren.jendela: tidak "
        "boleh lebih dari 12"
    )


@pytest.mark.parametrize("data", [[1], "isi", None, 3])
def test_non_object_content(data):
    assert isi_errors(data) == [Kesalahan("", "isi set aturan harus berupa objek JSON")]
    with pytest.raises(IsiTidakValid) as error:
        isi_parse(data)
    assert str(error.value) == "isi set aturan harus berupa objek JSON"


def test_empty_content_names_every_section():
    assert isi_errors({}) == [Kesalahan(name, "bagian ini wajib ada") for name in SECTIONS]


def test_kesalahan_text_and_section():
    error = Kesalahan("kurva.pola.BAIK[1].nilai", "tidak boleh lebih dari 100")
    assert str(error) == "kurva.pola.BAIK[1].nilai: tidak boleh lebih dari 100"
    assert error.bagian == "kurva"
    assert Kesalahan("disiplin[1]", "x").bagian == "disiplin"
    assert str(Kesalahan("", "isi set aturan harus berupa objek JSON")) == (
        "isi set aturan harus berupa objek JSON"
    )


# --- Groups in one pattern -------------------------------------------------------------------

OVERLAP = [
    {"jenis": "MINIMUM_PERSEN", "predikat": ["SANGAT_BAIK", "BAIK"], "nilai": "1"},
    {"jenis": "MINIMUM_PERSEN", "predikat": ["BAIK", "BUTUH_PERBAIKAN"], "nilai": "1"},
]
OVERLAP_MESSAGE = (
    "kelompok predikat dalam satu pola harus terpisah atau bersarang ({} dan {} beririsan)"
)


def add_overlap(data):
    data["kurva"]["pola"]["BUTUH_PERBAIKAN"] += OVERLAP


def test_overlapping_groups_in_one_pattern():
    ((path, message),) = errors(add_overlap)
    assert path == "kurva.pola.BUTUH_PERBAIKAN"
    # Which pair comes first depends on the hash seed (see the next test).
    assert message in {
        OVERLAP_MESSAGE.format("Sangat Baik + Baik", "Baik + Butuh Perbaikan"),
        OVERLAP_MESSAGE.format("Baik + Butuh Perbaikan", "Sangat Baik + Baik"),
    }


OVERLAP_SCRIPT = f"""
from django.conf import settings
settings.configure(USE_I18N=False)
from kinerja.aturan.rules import isi_default, isi_errors
data = isi_default()
data["kurva"]["pola"]["BUTUH_PERBAIKAN"] += {OVERLAP!r}
print(isi_errors(data)[0].pesan)
"""


def test_the_overlap_message_names_the_groups_in_pattern_order():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    messages = {
        subprocess.run(
            [sys.executable, "-c", OVERLAP_SCRIPT],
            env={**env, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert messages == {OVERLAP_MESSAGE.format("Sangat Baik + Baik", "Baik + Butuh Perbaikan")}


def test_nested_or_disjoint_groups_are_allowed():
    def edit(data):
        data["kurva"]["pola"]["SANGAT_KURANG"] += [
            {"jenis": "MINIMUM_PERSEN", "predikat": ["KURANG"], "nilai": "5"},
            {"jenis": "MAKSIMUM_PERSEN", "predikat": ["SANGAT_BAIK", "BAIK"], "nilai": "30"},
        ]

    assert errors(edit) == []


# --- Paths of missing keys and feasibility from the minimum size -----------------------------


@pytest.mark.parametrize(
    ("path", "jalur"),
    [
        (("kurva", "pola", "BAIK", 1, "nilai"), "kurva.pola.BAIK[1].nilai"),
        (("kurva", "pola", "BAIK", 1, "jenis"), "kurva.pola.BAIK[1].jenis"),
        (("kurva", "ukuran_minimum"), "kurva.ukuran_minimum"),
        (("tukin", "cuti_alasan_penting"), "tukin.cuti_alasan_penting"),
        (("tukin", "terlambat", 0, "persen"), "tukin.terlambat[0].persen"),
        (
            ("angka_kredit", "jenjang", "AHLI_MUDA", "koefisien"),
            "angka_kredit.jenjang.AHLI_MUDA.koefisien",
        ),
        (("tren", "ambang"), "tren.ambang"),
        (("keberatan", "batas_hari"), "keberatan.batas_hari"),
        (("disiplin", 0, "sanksi"), "disiplin[0].sanksi"),
        (("merit", "suksesi_tahun"), "merit.suksesi_tahun"),
    ],
)
def test_a_missing_key_is_named_once(path, jalur):
    assert errors(drop(path)) == [(jalur, "wajib diisi")]


def test_feasibility_is_judged_only_from_the_minimum_size():
    # 300 people or more: at least 180 Butuh Perbaikan and 100 Kurang fit; 100 people never
    # reach the curve (too small), so they must not make the pattern invalid.
    def edit(data):
        data["kurva"]["ukuran_minimum"] = 300
        data["kurva"]["pola"]["BUTUH_PERBAIKAN"].append(
            {"jenis": "MINIMUM_ORANG", "predikat": ["KURANG"], "nilai": 100}
        )

    assert errors(edit) == []
