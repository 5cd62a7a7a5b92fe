import pytest

from django.core.cache import cache

from campaigns.models import CampaignPage

from .helpers import demo_action


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and mail throttles live in the cache: each test starts clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def panorama(db):
    """The demo's petition on Freedom of Panorama, in Spanish (name, country, comment)."""
    return demo_action("freedom-of-panorama", "es")


@pytest.fixture
def safety(db):
    """The demo's advocate-safety petition on Privacy for Readers, in English."""
    return demo_action("privacy-for-readers", "en")


@pytest.fixture
def english_campaign(db):
    return CampaignPage.objects.get(locale__language_code="en", slug="freedom-of-panorama")
