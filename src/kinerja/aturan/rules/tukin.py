"""The performance allowance (tunjangan kinerja, "tukin") of one employee for one month.

gross = the amount of the position's grade (kelas jabatan), plus, when last year's predikat was
Sangat Baik, the increment: a percentage of the difference to the next grade's amount. Every cut
is a percentage of the gross; their sum is capped (100% by default); the cut in rupiah is rounded
half up to whole rupiah and the net is gross minus that cut. A grade without an amount in the rule
set is an error that says where to fill it in, never a zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from kinerja.aturan.enums import Predikat
from kinerja.aturan.rules.isi import IsiAturan, Pita
from kinerja.aturan.rules.penjelasan import Penjelasan, RuleError, percent
from kinerja.core.formatting import format_rupiah
from kinerja.core.i18n import gettext as _

ZERO = Decimal(0)


@dataclass(frozen=True)
class Kehadiran:
    """One month's attendance counts, as in the `kehadiran` sheet of the exchange format."""

    terlambat: Sequence[int] = (0, 0, 0, 0)
    pulang_cepat: Sequence[int] = (0, 0, 0, 0)
    tanpa_rekaman: int = 0
    tanpa_keterangan: int = 0
    cuti_alasan_penting: int = 0
    hukuman_disiplin_sedang: bool = False


@dataclass(frozen=True)
class Potongan:
    kode: str
    label: str
    kejadian: int
    persen_satuan: Decimal
    persen: Decimal


@dataclass(frozen=True)
class HasilTukin:
    kelas_jabatan: int
    besaran: int
    insentif: int
    bruto: int
    potongan: tuple[Potongan, ...]
    persen_potongan_dihitung: Decimal
    persen_potongan: Decimal
    potongan_rupiah: int
    netto: int
    penjelasan: Penjelasan = field(compare=False)


def _amount(isi: IsiAturan, grade: int) -> int:
    amount = isi.tukin.besaran.get(grade)
    if amount is None:
        raise RuleError(
            _(
                "Besaran tunjangan kinerja untuk kelas jabatan %(kelas)s belum diisi pada set "
                "aturan %(aturan)s; isi tabel besaran tukin di halaman set aturan."
            )
            % {"kelas": grade, "aturan": isi.acuan.label()}
        )
    return amount


def _increment(isi: IsiAturan, grade: int, last_year: Predikat | None) -> tuple[int, str]:
    if last_year != Predikat.SANGAT_BAIK:
        return 0, _("Tidak ada tambahan: predikat tahun lalu bukan Sangat Baik.")
    if grade >= isi.tukin.kelas_tertinggi:
        return 0, _("Tidak ada tambahan: kelas jabatan %(kelas)s adalah kelas tertinggi.") % {
            "kelas": grade
        }
    current, upper = _amount(isi, grade), _amount(isi, grade + 1)
    share = isi.tukin.insentif_sangat_baik
    value = int(((upper - current) * share / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return value, _(
        "Predikat tahun lalu Sangat Baik: tambahan %(persen)s × (%(atas)s − %(besaran)s) = "
        "%(tambahan)s."
    ) % {
        "persen": percent(share),
        "atas": format_rupiah(upper),
        "besaran": format_rupiah(current),
        "tambahan": format_rupiah(value),
    }


def _band_label(kind: str, index: int, band: Pita) -> str:
    if band.sampai is None:
        minutes = _("lebih dari %(dari)s menit") % {"dari": band.dari - 1}
    else:
        minutes = _("%(dari)s–%(sampai)s menit") % {"dari": band.dari, "sampai": band.sampai}
    names = {"TL": _("Terlambat"), "PSW": _("Pulang sebelum waktunya")}
    return f"{names[kind]} {kind}{index} ({minutes})"


def _cuts(isi: IsiAturan, kehadiran: Kehadiran) -> list[Potongan]:
    rules = isi.tukin
    cuts: list[Potongan] = []
    for kind, counts, bands in (
        ("TL", kehadiran.terlambat, rules.terlambat),
        ("PSW", kehadiran.pulang_cepat, rules.pulang_cepat),
    ):
        if len(counts) != len(bands):
            raise RuleError(
                _("Jumlah %(jenis)s harus %(pita)s angka (satu per pita), bukan %(jumlah)s.")
                % {"jenis": kind, "pita": len(bands), "jumlah": len(counts)}
            )
        for index, (count, band) in enumerate(zip(counts, bands, strict=True), start=1):
            cuts.append(
                Potongan(
                    f"{kind.lower()}{index}",
                    _band_label(kind, index, band),
                    count,
                    band.persen,
                    band.persen * count,
                )
            )
    excess_leave = max(0, kehadiran.cuti_alasan_penting - rules.cuti_hari_bebas)
    cuts += [
        Potongan(
            "tanpa_rekaman",
            _("Tidak ada rekaman kehadiran"),
            kehadiran.tanpa_rekaman,
            rules.tanpa_rekaman,
            rules.tanpa_rekaman * kehadiran.tanpa_rekaman,
        ),
        Potongan(
            "tanpa_keterangan",
            _("Tidak masuk tanpa keterangan"),
            kehadiran.tanpa_keterangan,
            rules.tanpa_keterangan,
            rules.tanpa_keterangan * kehadiran.tanpa_keterangan,
        ),
        Potongan(
            "cuti_alasan_penting",
            _("Cuti alasan penting melebihi %(hari)s hari") % {"hari": rules.cuti_hari_bebas},
            excess_leave,
            rules.cuti_alasan_penting,
            rules.cuti_alasan_penting * excess_leave,
        ),
        Potongan(
            "hukuman_disiplin_sedang",
            _("Hukuman disiplin sedang"),
            int(kehadiran.hukuman_disiplin_sedang),
            rules.hukuman_disiplin_sedang,
            rules.hukuman_disiplin_sedang * int(kehadiran.hukuman_disiplin_sedang),
        ),
    ]
    return cuts


def _check(kehadiran: Kehadiran) -> None:
    counts = [
        *kehadiran.terlambat,
        *kehadiran.pulang_cepat,
        kehadiran.tanpa_rekaman,
        kehadiran.tanpa_keterangan,
        kehadiran.cuti_alasan_penting,
    ]
    if any(isinstance(c, bool) or not isinstance(c, int) or c < 0 for c in counts):
        raise RuleError(_("Jumlah kejadian kehadiran harus bilangan bulat tidak negatif."))


def allowance_compute(
    isi: IsiAturan,
    kelas_jabatan: int,
    kehadiran: Kehadiran,
    predikat_tahun_lalu: Predikat | None = None,
) -> HasilTukin:
    """The allowance of one month, every cut itemised, with its explanation."""
    _check(kehadiran)
    base = _amount(isi, kelas_jabatan)
    increment, increment_step = _increment(isi, kelas_jabatan, predikat_tahun_lalu)
    gross = base + increment
    cuts = _cuts(isi, kehadiran)
    counted = sum((cut.persen for cut in cuts), ZERO)
    capped = min(counted, isi.tukin.batas_potongan)
    cut_rupiah = int((gross * capped / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    net = gross - cut_rupiah
    steps = [
        _("Besaran kelas jabatan %(kelas)s: %(besaran)s.")
        % {"kelas": kelas_jabatan, "besaran": format_rupiah(base)},
        increment_step,
        _("Tukin bruto: %(bruto)s.") % {"bruto": format_rupiah(gross)},
        *(
            _("%(label)s: %(kejadian)s × %(satuan)s = %(persen)s.")
            % {
                "label": c.label,
                "kejadian": c.kejadian,
                "satuan": percent(c.persen_satuan),
                "persen": percent(c.persen),
            }
            for c in cuts
            if c.kejadian
        ),
        _("Jumlah potongan: %(persen)s.") % {"persen": percent(counted)},
    ]
    if capped < counted:
        steps.append(_("Potongan dibatasi paling banyak %(batas)s.") % {"batas": percent(capped)})
    steps += [
        _("Potongan: %(persen)s × %(bruto)s = %(potongan)s (dibulatkan ke rupiah terdekat).")
        % {
            "persen": percent(capped),
            "bruto": format_rupiah(gross),
            "potongan": format_rupiah(cut_rupiah),
        },
        _("Tukin netto: %(bruto)s − %(potongan)s = %(netto)s.")
        % {
            "bruto": format_rupiah(gross),
            "potongan": format_rupiah(cut_rupiah),
            "netto": format_rupiah(net),
        },
    ]
    summary = _("Tukin netto %(netto)s: bruto %(bruto)s dipotong %(persen)s.") % {
        "netto": format_rupiah(net),
        "bruto": format_rupiah(gross),
        "persen": percent(capped),
    }
    return HasilTukin(
        kelas_jabatan,
        base,
        increment,
        gross,
        tuple(cuts),
        counted,
        capped,
        cut_rupiah,
        net,
        Penjelasan(
            ringkasan=summary,
            acuan=isi.acuan,
            masukan=(
                (_("Kelas jabatan"), str(kelas_jabatan)),
                (
                    _("Predikat tahun lalu"),
                    str(predikat_tahun_lalu.label) if predikat_tahun_lalu else "—",
                ),
                *((c.label, str(c.kejadian)) for c in cuts if c.kejadian),
            ),
            langkah=tuple(steps),
        ),
    )
