"""Where notices reach people: the "Your notices" dashboard panel, the menu count, and the
daily digest (which now reaches reviewers with translations waiting for them)."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page
from wagtail.users.models import UserProfile

from translations.digests import send_digests
from translations.models import TranslationNotice

SLUGS = [
    "freedom-of-panorama",
    "no-upload-filters",
    "privacy-for-readers",
    "open-textbooks-for-all",
]


def person(username, *groups, language=""):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password="x" * 16
    )
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    if language:
        UserProfile.objects.create(user=user, preferred_language=language)
    return user


def page_in(code, slug):
    return Page.objects.get(locale__language_code=code, slug=slug).specific


def make_outdated(translator, slugs):
    for slug in slugs:
        page_in("fr", slug).save_revision(user=translator)
        english = page_in("en", slug)
        english.summary = "Changed."
        english.save_revision().publish()


def dashboard_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.django_db
def test_the_panel_lists_unread_notices_in_constant_queries(client):
    translator = person("traductrice", "French translators")
    client.force_login(translator)
    body, none = dashboard_queries(client)
    assert "Your notices" not in body
    make_outdated(translator, SLUGS[:1])
    body, one = dashboard_queries(client)
    assert "Your notices" in body
    assert "your French translation is outdated" in body
    assert "Translation queue (1 unread notice)" in body
    assert 'name="csrfmiddlewaretoken"' in body
    make_outdated(translator, SLUGS[1:])
    body, four = dashboard_queries(client)
    assert body.count("Mark as read") == 4
    assert "Translation queue (4 unread notices)" in body
    assert four == one
    assert one <= none + 2  # the notices and their count


@pytest.mark.django_db
def test_the_panel_speaks_the_users_admin_language(client):
    translator = person("traductrice", "French translators", language="fr")
    make_outdated(translator, SLUGS[:1])
    client.force_login(translator)
    body, _count = dashboard_queries(client)
    assert "Vos avis" in body
    assert "Marquer comme lu" in body


@pytest.mark.django_db
def test_the_digest_gathers_notices_and_reaches_reviewers():
    translator = person("traductrice", "French translators")
    person("relectrice", "French reviewers")
    bystander = person("relecteur-ar", "Arabic reviewers")
    make_outdated(translator, SLUGS[:1])
    french = page_in("fr", SLUGS[1])
    french.save_revision(user=translator)
    french.get_workflow().start(french, translator)

    send_digests()
    by_recipient = {message.to[0].split("@")[0]: message for message in mail.outbox}
    assert "relecteur-ar" not in by_recipient  # nothing for them
    assert bystander.pk not in TranslationNotice.objects.values_list("user_id", flat=True)
    body = by_recipient["relectrice"].body
    assert by_recipient["relectrice"].subject == "1 new notice about translations"
    assert "== Since your last digest ==" in body
    assert "Awaiting review:" in body and french.title in body
    assert f"/admin/pages/{french.pk}/edit/" in body
    assert "something in the translation workflow concerns you" in body
    body = by_recipient["traductrice"].body
    assert "Outdated:" in body and "your French translation is outdated" in body

    # The next day, the same notices are not told again.
    mail.outbox.clear()
    assert send_digests(force=True) >= 0
    assert "relectrice" not in {message.to[0].split("@")[0] for message in mail.outbox}


@pytest.mark.django_db
def test_digest_queries_do_not_grow_with_notified_users():
    french = page_in("fr", SLUGS[0])
    french.save_revision(user=person("traductrice", "French translators"))
    person("relectrice-0", "French reviewers")
    french.get_workflow().start(french, None)
    with CaptureQueriesContext(connection) as few:
        sent_few = send_digests()
    for number in range(1, 8):
        person(f"relectrice-{number}", "French reviewers")
    other = page_in("fr", SLUGS[1])
    other.save_revision()
    other.get_workflow().start(other, None)
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as many:
        sent_many = send_digests(force=True)
    assert sent_many == sent_few + 7
    assert len(many) <= len(few) + 1  # +1: the digests now exist and are updated
