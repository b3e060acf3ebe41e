"""The rule engine: pure functions of a rule set's content (no ORM, no request).

Every function returns its result with a `Penjelasan`: the inputs, the rule-set version and each
step, in words an employee can read.
"""

from kinerja.aturan.rules.angka_kredit import (
    HasilAngkaKredit,
    HasilKumulatif,
    credit_points,
    credit_total,
    shown,
    stored,
)
from kinerja.aturan.rules.isi import (
    SECTIONS,
    IsiAturan,
    IsiTidakValid,
    Kesalahan,
    default_metadata,
    isi_default,
    isi_dump,
    isi_errors,
    isi_parse,
    isi_parse_once,
)
from kinerja.aturan.rules.kurva import (
    HasilKurva,
    Perubahan,
    StatusKurva,
    curve_check,
    curve_groups,
    curve_target,
    curve_verdict,
)
from kinerja.aturan.rules.penjelasan import Acuan, Penjelasan, RuleError
from kinerja.aturan.rules.predikat import HasilPredikat, predikat_compute
from kinerja.aturan.rules.talenta import (
    HasilDisiplin,
    HasilTalenta,
    discipline_sanction,
    talent_box,
)
from kinerja.aturan.rules.tren import HasilTren, trend_classify
from kinerja.aturan.rules.tukin import HasilTukin, Kehadiran, Potongan, allowance_compute
from kinerja.aturan.rules.versi import (
    ACTIVATE,
    DEACTIVATE,
    TRANSITIONS,
    Kandidat,
    is_editable,
    rule_set_choose,
    transition_error,
)

__all__ = [
    "ACTIVATE",
    "DEACTIVATE",
    "SECTIONS",
    "TRANSITIONS",
    "Acuan",
    "HasilAngkaKredit",
    "HasilDisiplin",
    "HasilKumulatif",
    "HasilKurva",
    "HasilPredikat",
    "HasilTalenta",
    "HasilTren",
    "HasilTukin",
    "IsiAturan",
    "IsiTidakValid",
    "Kandidat",
    "Kehadiran",
    "Kesalahan",
    "Penjelasan",
    "Perubahan",
    "Potongan",
    "RuleError",
    "StatusKurva",
    "allowance_compute",
    "credit_points",
    "credit_total",
    "curve_check",
    "curve_groups",
    "curve_target",
    "curve_verdict",
    "default_metadata",
    "discipline_sanction",
    "is_editable",
    "isi_default",
    "isi_dump",
    "isi_errors",
    "isi_parse",
    "isi_parse_once",
    "predikat_compute",
    "rule_set_choose",
    "shown",
    "stored",
    "talent_box",
    "transition_error",
    "trend_classify",
]
