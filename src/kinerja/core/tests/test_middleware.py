import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from kinerja.core.middleware import ClientAddressMiddleware, client_address


@pytest.mark.parametrize(
    ("forwarded", "proxies", "expected"),
    [
        ("", 0, "10.0.0.1"),
        ("203.0.113.7", 0, "10.0.0.1"),
        ("203.0.113.7", 1, "203.0.113.7"),
        ("198.51.100.9, 203.0.113.7", 1, "203.0.113.7"),
        ("198.51.100.9, 203.0.113.7", 2, "198.51.100.9"),
        ("203.0.113.7", 2, "10.0.0.1"),
    ],
)
def test_client_address_trusts_only_the_configured_hops(forwarded, proxies, expected):
    assert client_address("10.0.0.1", forwarded, proxies) == expected


def test_middleware_rewrites_remote_addr_behind_a_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    ClientAddressMiddleware(view)(request)
    assert seen["address"] == "203.0.113.7"
