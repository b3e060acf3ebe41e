"""Pure rules of the SKP: the workflow table, targets, indicator and code checks, what blocks a
submission or an approval (and in which order), the matrix flags and the Lampiran lines."""

from __future__ import annotations

import dataclasses
import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.core.formatting import format_number
from kinerja.skp import rules
from kinerja.skp.enums import Aspek, JenisRhk, Pendekatan, StatusSkp

DRAF, DIAJUKAN, DIKEMBALIKAN, DISETUJUI = (
    StatusSkp.DRAF,
    StatusSkp.DIAJUKAN,
    StatusSkp.DIKEMBALIKAN,
    StatusSkp.DISETUJUI,
)
KUANTITATIF = Pendekatan.KUANTITATIF.value
KUALITATIF = Pendekatan.KUALITATIF.value

# --- The workflow ----------------------------------------------------------------------------

NOT_SUBMITTABLE = "SKP berstatus {} tidak dapat diajukan."
NOT_APPROVABLE = "SKP berstatus {} tidak dapat disetujui; hanya SKP yang diajukan."
NOT_RETURNABLE = "SKP berstatus {} tidak dapat dikembalikan; hanya SKP yang diajukan."
NOT_REVISABLE = "Revisi hanya dapat dibuka untuk SKP yang sudah disetujui."
NOT_WITHDRAWABLE = "Hanya SKP yang diajukan yang dapat ditarik kembali."
UNKNOWN_ACTION = "Tindakan tidak dikenal."

# (status, action) -> the refusal, or the status after the action.
WORKFLOW = {
    (DRAF, rules.SUBMIT): DIAJUKAN,
    (DRAF, rules.APPROVE): NOT_APPROVABLE.format("draf"),
    (DRAF, rules.RETURN): NOT_RETURNABLE.format("draf"),
    (DRAF, rules.REVISE): NOT_REVISABLE,
    (DRAF, rules.WITHDRAW): NOT_WITHDRAWABLE,
    (DIAJUKAN, rules.SUBMIT): NOT_SUBMITTABLE.format("diajukan"),
    (DIAJUKAN, rules.APPROVE): DISETUJUI,
    (DIAJUKAN, rules.RETURN): DIKEMBALIKAN,
    (DIAJUKAN, rules.REVISE): NOT_REVISABLE,
    (DIAJUKAN, rules.WITHDRAW): DRAF,
    (DIKEMBALIKAN, rules.SUBMIT): DIAJUKAN,
    (DIKEMBALIKAN, rules.APPROVE): NOT_APPROVABLE.format("dikembalikan"),
    (DIKEMBALIKAN, rules.RETURN): NOT_RETURNABLE.format("dikembalikan"),
    (DIKEMBALIKAN, rules.REVISE): NOT_REVISABLE,
    (DIKEMBALIKAN, rules.WITHDRAW): NOT_WITHDRAWABLE,
    (DISETUJUI, rules.SUBMIT): NOT_SUBMITTABLE.format("disetujui"),
    (DISETUJUI, rules.APPROVE): NOT_APPROVABLE.format("disetujui"),
    (DISETUJUI, rules.RETURN): NOT_RETURNABLE.format("disetujui"),
    (DISETUJUI, rules.REVISE): DRAF,
    (DISETUJUI, rules.WITHDRAW): NOT_WITHDRAWABLE,
}


@pytest.mark.parametrize(("status", "action"), list(WORKFLOW))
def test_every_transition_is_allowed_or_refused_with_its_message(status, action):
    expected = WORKFLOW[(status, action)]
    if isinstance(expected, StatusSkp):
        assert rules.transition_error(status, action) is None
        assert rules.transition_error(status.value, action) is None
        assert rules.TRANSITIONS[(status, action)] == expected
    else:
        assert rules.transition_error(status, action) == expected
        assert rules.transition_error(status.value, action) == expected
        assert (status, action) not in rules.TRANSITIONS


def test_the_transition_table_holds_exactly_the_allowed_moves():
    allowed = {key: value for key, value in WORKFLOW.items() if isinstance(value, StatusSkp)}
    assert allowed == rules.TRANSITIONS


@pytest.mark.parametrize("status", list(StatusSkp))
def test_an_unknown_action_is_refused(status):
    assert rules.transition_error(status, "hapus") == UNKNOWN_ACTION


def test_an_unknown_status_is_not_a_status():
    with pytest.raises(ValueError, match="'ARSIP' is not a valid StatusSkp"):
        rules.transition_error("ARSIP", rules.SUBMIT)


@pytest.mark.parametrize(
    ("status", "editable", "error"),
    [
        (DRAF, True, None),
        (DIKEMBALIKAN, True, None),
        (
            DIAJUKAN,
            False,
            "SKP sedang diajukan kepada pejabat penilai; tarik kembali untuk mengubahnya.",
        ),
        (DISETUJUI, False, "SKP sudah disetujui; buka revisi untuk mengubahnya."),
    ],
)
def test_only_a_draft_or_a_returned_plan_is_edited(status, editable, error):
    assert rules.is_editable(status) is editable
    assert rules.is_editable(status.value) is editable
    assert rules.edit_error(status) == error
    assert rules.edit_error(status.value) == error


def test_the_note_of_a_return_and_the_reason_of_a_revision_are_required():
    assert rules.return_note_error(" \n ") == "Tuliskan catatan: apa yang perlu diperbaiki."
    assert rules.return_note_error("Perbaiki target") is None
    assert rules.revise_reason_error("") == (
        "Tuliskan alasan revisi (mis. mutasi, perubahan tugas)."
    )
    assert rules.revise_reason_error("Mutasi") is None


def test_the_form_and_the_aspects():
    assert rules.form_kind("JPT") == rules.FORM_JPT == "JPT"
    for jenis in ("ADMINISTRATOR", "PENGAWAS", "PELAKSANA", "FUNGSIONAL", ""):
        assert rules.form_kind(jenis) == rules.FORM_JA_JF == "JA_JF"
    assert rules.allowed_aspek(False) == (Aspek.KUANTITAS, Aspek.KUALITAS, Aspek.WAKTU)
    assert rules.allowed_aspek(True) == (Aspek.KUANTITAS, Aspek.KUALITAS, Aspek.WAKTU, Aspek.BIAYA)


# --- Targets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", Decimal("12")),
        ("97,5", Decimal("97.5")),
        ("0,5", Decimal("0.5")),
        ("1.250", Decimal("1250")),
        ("1.000.000", Decimal("1000000")),
        ("1.250,5", Decimal("1250.5")),
        ("1.250,25", Decimal("1250.25")),
        ("1250,5", Decimal("1250.5")),
        ("1250.5", Decimal("1250.5")),
        ("1.25", Decimal("1.25")),
        (" 1 250 ", Decimal("1250")),
        ("-3", Decimal("-3")),
        ("-1.250", Decimal("-1250")),
        ("-1.250,5", Decimal("-1250.5")),
        ("1e400", Decimal("1E+400")),
        ("", None),
        ("   ", None),
        (None, None),
        (Decimal("7.25"), Decimal("7.25")),
        (12, Decimal("12")),
        (0.1, Decimal("0.1")),
    ],
)
def test_a_target_is_read_the_indonesian_way_or_plainly(text, expected):
    assert rules.parse_target(text) == expected


@pytest.mark.parametrize(
    "text", ["abc", "NaN", "nan", "Infinity", "-inf", "12 dokumen", "1.2.3", "1,250.5", "12,5.0"]
)
def test_a_target_that_is_not_a_number_is_refused(text):
    with pytest.raises(ValueError, match=f"^{re.escape(text)}$") as caught:
        rules.parse_target(text)
    assert caught.value.args == (text,)


@pytest.mark.parametrize(
    ("pendekatan", "nilai", "satuan", "narasi", "expected"),
    [
        (KUANTITATIF, Decimal("12.0000"), "dokumen", "", "12 dokumen"),
        (KUANTITATIF, Decimal("1250.0000"), "laporan", "", "1.250 laporan"),
        (KUANTITATIF, Decimal("97.5000"), "%", "", "97,5 %"),
        (KUANTITATIF, Decimal("1250.2500"), "dokumen", "", "1.250,25 dokumen"),
        (KUANTITATIF, Decimal("0.1250"), "persen", "", "0,125 persen"),
        (KUANTITATIF, Decimal("1E+3"), "", "", "1.000"),
        (KUANTITATIF, Decimal("0"), "kegiatan", "", "0 kegiatan"),
        (KUANTITATIF, None, "dokumen", "Tersusun tepat waktu", "Tersusun tepat waktu"),
        (
            KUALITATIF,
            Decimal("12"),
            "dokumen",
            "Laporan diterima pimpinan",
            "Laporan diterima pimpinan",
        ),
        (KUALITATIF, None, "", "", ""),
    ],
)
def test_a_target_reads_as_in_the_document(pendekatan, nilai, satuan, narasi, expected):
    assert rules.target_text(pendekatan, nilai, satuan, narasi) == expected


TARGET_VALUES = st.decimals(
    min_value=Decimal("0"),
    max_value=Decimal("999999999999.9999"),
    places=4,
    allow_nan=False,
    allow_infinity=False,
)


@settings(max_examples=300, deadline=None)
@given(value=TARGET_VALUES, places=st.integers(min_value=0, max_value=4))
def test_a_formatted_number_reads_back_as_itself(value, places):
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert rules.parse_target(format_number(value, places)) == rounded
    assert rules.parse_target(format_number(-value, places)) == -rounded


@settings(max_examples=300, deadline=None)
@given(value=TARGET_VALUES)
def test_a_target_reads_back_from_its_document_text(value):
    text = rules.target_text(KUANTITATIF, value, "", "")
    assert rules.parse_target(text) == value
    assert rules.parse_target(str(value)) == value


# --- Indicators and codes --------------------------------------------------------------------


def indikator(**changes):
    values = {
        "pendekatan": KUANTITATIF,
        "aspek": "KUANTITAS",
        "aspek_biaya": False,
        "uraian": "Jumlah laporan",
        "target_nilai": Decimal("12"),
        "target_satuan": "laporan",
        "target_narasi": "",
    }
    return rules.indikator_errors(**(values | changes))


ASPEK_WITHOUT_BIAYA = "Aspek harus salah satu dari: Kuantitas, Kualitas, Waktu."
ASPEK_WITH_BIAYA = "Aspek harus salah satu dari: Kuantitas, Kualitas, Waktu, Biaya."


class TestIndikatorErrors:
    def test_a_complete_indicator_has_none(self):
        assert indikator() == {}
        assert indikator(aspek="Waktu", target_nilai=Decimal("0")) == {}
        assert indikator(target_nilai=Decimal("999999999999.9999")) == {}
        assert indikator(target_nilai=Decimal("0.123400")) == {}

    @pytest.mark.parametrize(
        ("aspek", "aspek_biaya", "expected"),
        [
            ("kualitas", False, {}),
            ("BIAYA", True, {}),
            ("Biaya", False, {"aspek": ASPEK_WITHOUT_BIAYA}),
            ("HARGA", False, {"aspek": ASPEK_WITHOUT_BIAYA}),
            ("", True, {"aspek": ASPEK_WITH_BIAYA}),
        ],
    )
    def test_the_aspect_must_be_one_of_the_year(self, aspek, aspek_biaya, expected):
        assert indikator(aspek=aspek, aspek_biaya=aspek_biaya) == expected

    def test_the_description_is_required(self):
        assert indikator(uraian=" \t") == {"uraian": "Indikator kinerja individu wajib diisi."}

    @pytest.mark.parametrize(
        ("nilai", "expected"),
        [
            (None, "Pendekatan kuantitatif: target wajib berupa angka."),
            (Decimal("-0.5"), "Target tidak boleh negatif."),
            (Decimal("1e12"), "Target terlalu besar."),
            (Decimal("1E+400"), "Target terlalu besar."),
            (Decimal("0.12345"), "Target paling banyak 4 angka di belakang koma."),
        ],
    )
    def test_a_quantitative_target_is_a_sensible_number(self, nilai, expected):
        assert indikator(target_nilai=nilai) == {"target_nilai": expected}

    def test_a_quantitative_target_has_a_unit(self):
        assert indikator(target_satuan=" ") == {
            "target_satuan": "Satuan target wajib diisi (mis. dokumen, persen, hari)."
        }

    def test_a_qualitative_target_is_a_narrative_and_nothing_else_is_asked(self):
        assert indikator(pendekatan=KUALITATIF, target_narasi="Laporan diterima") == {}
        assert indikator(
            pendekatan=KUALITATIF, target_nilai=None, target_satuan="", target_narasi=" "
        ) == {"target_narasi": "Pendekatan kualitatif: uraikan target secara naratif."}

    def test_every_field_at_once(self):
        assert indikator(aspek="X", uraian="", target_nilai=None, target_satuan="") == {
            "aspek": ASPEK_WITHOUT_BIAYA,
            "uraian": "Indikator kinerja individu wajib diisi.",
            "target_nilai": "Pendekatan kuantitatif: target wajib berupa angka.",
            "target_satuan": "Satuan target wajib diisi (mis. dokumen, persen, hari).",
        }


KODE_MESSAGE = (
    "Kode RHK 1–30 karakter: huruf, angka, titik, garis miring, tanda hubung atau garis bawah, "
    "diawali huruf atau angka."
)


@pytest.mark.parametrize("kode", ["RHK-01", "1", "A.1/2_b-c", "x" * 30, "9RHK"])
def test_a_valid_code(kode):
    assert rules.kode_error(kode) is None


@pytest.mark.parametrize(
    "kode", ["", "-RHK", ".1", "RHK 01", "RHK#1", "x" * 31, "RHKé", "RHK-01\n", " RHK"]
)
def test_an_invalid_code(kode):
    assert rules.kode_error(kode) == KODE_MESSAGE


@pytest.mark.parametrize(
    ("existing", "prefix", "expected"),
    [
        ([], "RHK", "RHK-01"),
        (["RHK-01", "RHK-02"], "RHK", "RHK-03"),
        (["RHK-01", "RHK-03"], "RHK", "RHK-02"),
        (["RHK-02", "LAIN"], "RHK", "RHK-01"),
        ([f"RHK-{n:02d}" for n in range(1, 100)], "RHK", "RHK-100"),
        (["RHK-01"], "SS", "SS-01"),
    ],
)
def test_the_next_free_code(existing, prefix, expected):
    assert rules.next_kode(iter(existing), prefix) == expected


# --- Submission ------------------------------------------------------------------------------

TODAY = datetime.date(2026, 1, 20)
DEADLINE = datetime.date(2026, 1, 31)
KUANTITAS = rules.RencanaIndikator("KUANTITAS", Decimal("12"), "laporan", "")


def rhk(kode="RHK-01", **changes):
    values = {
        "kode": kode,
        "jenis": JenisRhk.UTAMA.value,
        "has_rhk_atasan": True,
        "rhk_atasan_in_penilai_skp": True,
        "perspektif": "",
        "indikator": (KUANTITAS,),
    }
    return rules.RencanaRhk(**(values | changes))


def rencana(**changes):
    """A JA/JF plan ready to be submitted; `changes` break one thing at a time."""
    values = {
        "tahun": 2026,
        "pendekatan": KUANTITATIF,
        "jenis_jabatan": "PELAKSANA",
        "rhk": (rhk(),),
        "has_penilai": True,
        "penilai_nama": "Budi Santoso",
        "penilai_status": DISETUJUI.value,
        "aspek_biaya": False,
        "today": TODAY,
        "batas_pengajuan": DEADLINE,
        "revisi": 1,
    }
    return rules.Rencana(**(values | changes))


NOT_OPENED = "Tahun kinerja 2026 belum dibuka oleh admin kepegawaian."
DEADLINE_PASSED = (
    "Batas pengajuan SKP tahun 2026 telah lewat pada 31 Januari 2026; minta admin kepegawaian "
    "memperpanjang batas pengajuan."
)
APPRAISER_NOT_APPROVED = (
    "SKP pejabat penilai Anda (Budi Santoso) untuk tahun 2026 belum disetujui; SKP Anda dapat "
    "diajukan setelah itu."
)
NO_MAIN = "SKP harus memuat sekurang-kurangnya satu RHK utama."


class TestSubmissionProblems:
    def test_a_complete_plan_has_none(self):
        assert rules.submission_problems(rencana()) == []

    def test_a_plan_without_a_main_result(self):
        tambahan = rhk(jenis=JenisRhk.TAMBAHAN.value)
        assert rules.submission_problems(rencana(rhk=(tambahan,))) == [NO_MAIN]
        assert rules.submission_problems(rencana(rhk=())) == [NO_MAIN]

    def test_a_result_without_indicators(self):
        plan = rencana(rhk=(rhk(), rhk("RHK-02", indikator=())))
        assert rules.submission_problems(plan) == [
            "RHK RHK-02 belum memiliki indikator kinerja individu."
        ]

    def test_a_ja_jf_result_must_name_the_leaders_result(self):
        plan = rencana(rhk=(rhk(has_rhk_atasan=False, rhk_atasan_in_penilai_skp=False),))
        assert rules.submission_problems(plan) == [
            "RHK RHK-01 belum menyebutkan RHK pimpinan yang diintervensi."
        ]

    def test_a_leaders_result_of_a_former_appraiser(self):
        plan = rencana(rhk=(rhk(rhk_atasan_in_penilai_skp=False),))
        assert rules.submission_problems(plan) == [
            "RHK RHK-01 mengintervensi RHK yang bukan milik pejabat penilai Anda saat ini; "
            "pilih ulang RHK pimpinan."
        ]

    def test_without_an_appraiser_nothing_is_cascaded(self):
        loose = rhk(has_rhk_atasan=False, rhk_atasan_in_penilai_skp=False)
        plan = rencana(rhk=(loose,), has_penilai=False, penilai_nama="", penilai_status=None)
        assert rules.submission_problems(plan) == []

    def test_a_jpt_result_needs_a_perspektif_and_no_leaders_result(self):
        loose = rhk(has_rhk_atasan=False, rhk_atasan_in_penilai_skp=False)
        assert rules.submission_problems(rencana(jenis_jabatan="JPT", rhk=(loose,))) == [
            "RHK RHK-01 belum memiliki perspektif."
        ]
        with_perspektif = dataclasses.replace(loose, perspektif="PROSES_BISNIS")
        plan = rencana(jenis_jabatan="JPT", rhk=(with_perspektif,))
        assert rules.submission_problems(plan) == []

    def test_an_aspect_the_year_does_not_allow(self):
        biaya = rules.RencanaIndikator("BIAYA", Decimal("100"), "juta rupiah", "")
        plan = rencana(rhk=(rhk(indikator=(KUANTITAS, biaya)),))
        assert rules.submission_problems(plan) == [
            "RHK RHK-01 memakai aspek Biaya yang tidak berlaku tahun ini."
        ]
        assert rules.submission_problems(dataclasses.replace(plan, aspek_biaya=True)) == []

    def test_targets_must_fit_the_approach_after_it_changed(self):
        narrative = rules.RencanaIndikator("KUALITAS", None, "", "Laporan diterima tanpa revisi")
        numeric_only = rencana(pendekatan="KUALITATIF", rhk=(rhk(indikator=(KUANTITAS,)),))
        assert rules.submission_problems(numeric_only) == [
            "RHK RHK-01: IKI ke-1 belum memiliki target naratif."
        ]
        narrative_only = rencana(rhk=(rhk(indikator=(KUANTITAS, narrative)),))
        assert rules.submission_problems(narrative_only) == [
            "RHK RHK-01: IKI ke-2 belum memiliki target angka dan satuan."
        ]
        assert rules.submission_problems(
            dataclasses.replace(narrative_only, pendekatan="KUALITATIF")
        ) == ["RHK RHK-01: IKI ke-1 belum memiliki target naratif."]

    @pytest.mark.parametrize("status", [None, "DRAF", "DIAJUKAN", "DIKEMBALIKAN"])
    def test_the_appraisers_plan_must_be_approved_first(self, status):
        assert rules.submission_problems(rencana(penilai_status=status)) == [APPRAISER_NOT_APPROVED]

    def test_the_year_must_be_opened(self):
        assert rules.submission_problems(rencana(batas_pengajuan=None)) == [NOT_OPENED]

    def test_the_deadline_binds_the_first_revision_only(self):
        late = datetime.date(2026, 2, 1)
        assert rules.submission_problems(rencana(today=DEADLINE)) == []
        assert rules.submission_problems(rencana(today=late)) == [DEADLINE_PASSED]
        assert rules.submission_problems(rencana(today=late, revisi=2)) == []

    def test_the_problems_come_in_the_order_a_user_fixes_them(self):
        biaya = rules.RencanaIndikator("BIAYA", Decimal("100"), "juta rupiah", "")
        plan = rencana(
            batas_pengajuan=None,
            penilai_status=None,
            rhk=(
                rhk(
                    jenis=JenisRhk.TAMBAHAN.value,
                    indikator=(),
                    has_rhk_atasan=False,
                    rhk_atasan_in_penilai_skp=False,
                ),
                rhk(
                    "RHK-02",
                    jenis=JenisRhk.TAMBAHAN.value,
                    indikator=(biaya,),
                    rhk_atasan_in_penilai_skp=False,
                ),
            ),
        )
        assert rules.submission_problems(plan) == [
            NOT_OPENED,
            APPRAISER_NOT_APPROVED,
            NO_MAIN,
            "RHK RHK-01 belum memiliki indikator kinerja individu.",
            "RHK RHK-01 belum menyebutkan RHK pimpinan yang diintervensi.",
            "RHK RHK-02 mengintervensi RHK yang bukan milik pejabat penilai Anda saat ini; "
            "pilih ulang RHK pimpinan.",
            "RHK RHK-02 memakai aspek Biaya yang tidak berlaku tahun ini.",
        ]
        late = dataclasses.replace(plan, batas_pengajuan=DEADLINE, today=datetime.date(2026, 3, 1))
        assert rules.submission_problems(late)[:2] == [DEADLINE_PASSED, APPRAISER_NOT_APPROVED]


class TestApprovalProblems:
    BY = datetime.date(2026, 2, 14)

    def test_within_the_deadline(self):
        assert rules.approval_problems(today=self.BY, batas_persetujuan=self.BY, revisi=1) == []

    def test_after_the_deadline_on_the_first_revision(self):
        late = datetime.date(2026, 2, 15)
        assert rules.approval_problems(today=late, batas_persetujuan=self.BY, revisi=1) == [
            "Batas persetujuan SKP telah lewat pada 14 Februari 2026; minta admin kepegawaian "
            "memperpanjang batas persetujuan."
        ]

    def test_later_revisions_and_unopened_years_have_no_deadline(self):
        late = datetime.date(2026, 12, 1)
        assert rules.approval_problems(today=late, batas_persetujuan=self.BY, revisi=2) == []
        assert rules.approval_problems(today=late, batas_persetujuan=None, revisi=1) == []


# --- Matriks Peran Hasil ---------------------------------------------------------------------


def test_the_matrix_flags_every_kind_with_its_text():
    flags = rules.matrix_flags(
        atasan_rhk=[(1, "RHK-01", "Layanan prima"), (2, "RHK-02", "Arsip tertib")],
        supported_ids={1},
        bawahan=[
            ("Ani", None),
            ("Bima", "DRAF"),
            ("Citra", "DIKEMBALIKAN"),
            ("Dodi", "DIAJUKAN"),
            ("Eka", "DISETUJUI"),
        ],
        orphan_rhk=[("Bima", "RHK-03", "Rapat rutin")],
    )
    assert [(flag.jenis, flag.pesan) for flag in flags] == [
        ("rhk_tanpa_intervensi", "RHK RHK-02 \u201cArsip tertib\u201d belum diintervensi bawahan."),
        (
            "rhk_tidak_mendukung",
            "RHK RHK-03 milik Bima \u201cRapat rutin\u201d tidak mendukung RHK Anda.",
        ),
        ("tanpa_skp", "Ani belum memiliki SKP."),
        ("skp_draf", "SKP Bima masih berstatus draf."),
        ("skp_draf", "SKP Citra masih berstatus dikembalikan."),
    ]
    assert (rules.UNSUPPORTED, rules.ORPHAN, rules.NO_SKP, rules.DRAFT_SKP) == (
        "rhk_tanpa_intervensi",
        "rhk_tidak_mendukung",
        "tanpa_skp",
        "skp_draf",
    )


def test_a_matrix_in_order_has_no_flags():
    flags = rules.matrix_flags(
        atasan_rhk=[(1, "RHK-01", "Layanan prima")],
        supported_ids={1},
        bawahan=[("Ani", "DIAJUKAN"), ("Bima", "DISETUJUI")],
        orphan_rhk=[],
    )
    assert flags == []
    assert rules.matrix_flags(atasan_rhk=[], supported_ids=set(), bawahan=[], orphan_rhk=[]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("  \n\n", []),
        ("Anggaran DIPA", ["Anggaran DIPA"]),
        (
            " Anggaran DIPA \r\n\r\n  Tim kerja  \nAplikasi\n",
            ["Anggaran DIPA", "Tim kerja", "Aplikasi"],
        ),
    ],
)
def test_lampiran_lines(text, expected):
    assert rules.lampiran_lines(text) == expected


def test_a_plan_without_content_problems_is_not_stale():
    assert rules.stale_plan_error([]) is None
    assert rules.content_problems(rencana(batas_pengajuan=None, penilai_status="DRAF")) == []
    assert rules.stale_plan_error(["A.", "B."]) == (
        "SKP ini tidak dapat disetujui dan perlu dikembalikan untuk diperbaiki: A. B."
    )
