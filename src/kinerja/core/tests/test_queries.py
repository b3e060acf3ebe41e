import pytest

from kinerja.core.queries import plain_rows
from kinerja.organisasi.models import Pegawai

pytestmark = pytest.mark.django_db


def test_plain_rows_returns_what_values_list_returns(agency):
    queryset = Pegawai.objects.order_by("nip").values_list("pk", "nip", "nama", "penilai_id")
    assert plain_rows(queryset) == list(queryset)
    assert len(plain_rows(queryset)) == 3


def test_plain_rows_of_an_empty_queryset(agency):
    assert plain_rows(Pegawai.objects.filter(nip="0").values_list("pk")) == []
