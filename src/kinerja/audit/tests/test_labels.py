"""Human labels for actions, object types and fields; display of logged values."""

from __future__ import annotations

import pytest

from kinerja.audit import labels
from kinerja.audit.templatetags.audit import nilai_audit


def test_known_actions_get_labels_and_unknown_ones_stay_raw():
    assert labels.action_label("pegawai.create") == "Pegawai dibuat"
    assert labels.action_label("token_api.revoke") == "Token API dicabut"
    assert labels.action_label("skp.entah") == "skp.entah"


def test_apps_register_their_own_action_labels(monkeypatch):
    monkeypatch.setattr(labels, "ACTION_LABELS", dict(labels.ACTION_LABELS))
    labels.register_action_labels({"skp.submit": "SKP diajukan"})
    assert labels.action_label("skp.submit") == "SKP diajukan"


def test_object_types_are_labelled_by_their_model():
    assert labels.object_type_label("organisasi.pegawai") == "Pegawai"
    assert labels.object_type_label("organisasi.unit") == "Unit organisasi"
    assert labels.object_type_label("tidak.ada") == "tidak.ada"
    assert labels.object_type_label("tanpa-titik") == "tanpa-titik"


def test_fields_are_labelled_by_their_verbose_name():
    assert labels.field_label("organisasi.pegawai", "penilai") == "Pejabat penilai"
    assert labels.field_label("organisasi.pegawai", "tidak_ada") == "tidak_ada"
    assert labels.field_label("tidak.ada", "nama") == "nama"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        ("", "—"),
        (True, "Ya"),
        (False, "Tidak"),
        (0, "0"),
        ("III/b", "III/b"),
        ([1, None, "a"], "1, —, a"),
        ([], "—"),
        ({"b": 1, "a": "x"}, '{"a": "x", "b": 1}'),
    ],
)
def test_logged_values_are_shown_for_reading(value, text):
    assert nilai_audit(value) == text
