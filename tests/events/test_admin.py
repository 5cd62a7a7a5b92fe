"""The organisers' list of registrations: listed, inspected and deleted in the admin, never
added or edited there."""

import pytest

from django.contrib.auth import get_user_model

from agenda.models import Registration

from .helpers import demo_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration():
    event = demo_event("library-access-conversation-hour")
    return Registration.objects.create(
        event=event, event_key=event.translation_key, email="zz@example.org", language="en"
    )


@pytest.fixture
def admin(client):
    user = get_user_model().objects.create_superuser("events-admin", "a@example.org", "x" * 20)
    client.force_login(user)
    return client


def test_registrations_are_listed_and_inspected(admin, registration):
    listing = admin.get("/admin/event-registrations/")
    assert listing.status_code == 200
    assert b"zz@example.org" in listing.content
    inspect = admin.get(f"/admin/event-registrations/inspect/{registration.pk}/")
    assert inspect.status_code == 200
    assert b"zz@example.org" in inspect.content


def test_registrations_are_never_added_or_edited_in_the_admin(admin, registration):
    assert admin.get("/admin/event-registrations/new/").status_code == 302
    assert admin.get(f"/admin/event-registrations/edit/{registration.pk}/").status_code == 302
    assert admin.post(f"/admin/event-registrations/delete/{registration.pk}/").status_code == 302
    assert not Registration.objects.filter(pk=registration.pk).exists()
