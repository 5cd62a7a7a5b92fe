import pytest

from django.test import Client

from demand import counting

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def counting_on(settings):
    """Counting on (tests run with it off), flushed only when a test says so."""
    settings.PORTAL_DEMAND_COUNTING = True
    settings.PORTAL_DEMAND_FLUSH_SECONDS = 10_000
    settings.PORTAL_DEMAND_FLUSH_KEYS = 10_000
    counting.discard()
    yield
    counting.discard()


@pytest.fixture
def reader():
    return Client(HTTP_USER_AGENT=BROWSER)
