"""Forms of the objection (keberatan) pages: filing, the appraiser's explanation, the superior's
decision. They only parse input; the services validate the workflow (the window, empty texts,
the ratings an upheld objection needs, the curve) and their errors are shown as messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.aturan.enums import Rating

TEXT_MAX = 5000
DITERIMA = "DITERIMA"
DITOLAK = "DITOLAK"


def _text(label: Any) -> forms.CharField:
    """A long text left optional here: the service says what is missing."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX}),
    )


def _rating(label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", _("— pilih rating —")), *Rating.choices()],
    )


def form_problems(form: forms.Form) -> list[str]:
    """A refused form's errors as messages ("Label: error" for a field's)."""
    problems = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        for error in errors:
            problems.append(f"{field.label}: {error}" if field is not None else str(error))
    return problems


class AjukanForm(forms.Form):
    alasan = _text(_("Alasan keberatan"))


class JelaskanForm(forms.Form):
    penjelasan = _text(_("Penjelasan pejabat penilai"))


class PutuskanForm(forms.Form):
    """Uphold (with the new ratings) or reject the objection, with the reasons."""

    putusan = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[(DITERIMA, _("Terima keberatan")), (DITOLAK, _("Tolak keberatan"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih terima atau tolak keberatan.")},
    )
    keputusan = _text(_("Pertimbangan keputusan"))
    rating_hasil = _rating(_("Rating hasil kerja baru"))
    rating_perilaku = _rating(_("Rating perilaku kerja baru"))

    def service_arguments(self) -> dict[str, Any]:
        diterima = self.cleaned_data["putusan"] == DITERIMA
        return {
            "diterima": diterima,
            "keputusan": self.cleaned_data["keputusan"],
            "rating_hasil": (self.cleaned_data["rating_hasil"] or None) if diterima else None,
            "rating_perilaku": (
                (self.cleaned_data["rating_perilaku"] or None) if diterima else None
            ),
        }
