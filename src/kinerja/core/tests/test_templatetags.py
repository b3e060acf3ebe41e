import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.test import RequestFactory


def render(source: str, **context) -> str:
    return Template("{% load kinerja %}" + source).render(Context(context))


def test_filters_format_the_indonesian_way():
    assert render("{{ v|rupiah }}", v=3781000) == "Rp3.781.000"
    assert render("{{ v|angka:2 }}", v=Decimal("2.083")) == "2,08"
    assert render("{{ v|tanggal }}", v=datetime.date(2024, 11, 21)) == "21 November 2024"
    moment = datetime.datetime(2024, 11, 21, 1, 30, tzinfo=ZoneInfo("UTC"))
    assert render("{{ v|waktu }}", v=moment) == "21 November 2024 08.30"
    assert render("{{ v|tanggal }}{{ v|rupiah }}", v=None) == ""


def test_query_with_keeps_other_parameters():
    request = RequestFactory().get("/organisasi/pegawai/", {"q": "siti", "page": "2"})
    html = Template("{% load kinerja %}{% query_with page=3 %}").render(
        Context({"request": request})
    )
    assert html == "?q=siti&amp;page=3"


def test_dates_follow_the_active_language():
    from django.utils import translation

    with translation.override("en"):
        assert render("{{ v|tanggal }}", v=datetime.date(2024, 8, 21)) == "Aug. 21, 2024"
    assert render("{{ v|tanggal }}", v=datetime.date(2024, 8, 21)) == "21 Agustus 2024"
