import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and used start times live in the cache: each test starts clean."""
    cache.clear()
    yield
    cache.clear()


def _member(username, group_name):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="x-test-password-1"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def moderator(db):
    return _member("moderator-test", "Moderators")


@pytest.fixture
def editor(db):
    return _member("editor-test", "Editors")
