import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from consultations.models import Consultation

OPEN = "net-neutrality-enforcement"
CLOSED = "upload-filters-review"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and used start times live in the cache: each test starts clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_consultation(db):
    """The demo's open consultation on net neutrality, in English (also in French, Arabic)."""
    return Consultation.objects.get(slug=OPEN, locale__language_code="en")


@pytest.fixture
def closed_consultation(db):
    return Consultation.objects.get(slug=CLOSED, locale__language_code="en")


def person(username, *groups, superuser=False):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="x", is_staff=True
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def moderator(db):
    return person("mod", "Moderators")


@pytest.fixture
def editor(db):
    return person("ed", "Editors")
