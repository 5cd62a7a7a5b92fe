"""A translator starts a missing page in their own language from the queue: one click makes
the draft translation (through wagtail-localize) and opens its editor. Scoped by the portal's
language roles: never another language, never a page someone else holds."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Page

from translations.models import TranslationClaim

START = reverse("translations:start")


def person(username, group):
    user = get_user_model().objects.create_user(username, password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def source(db):
    # German has only the home page, the indexes and the privacy notice (tests/translations).
    return Page.objects.get(locale__language_code="en", slug="freedom-of-panorama")


def start(client, source, language):
    return client.post(
        START, {"translation_key": source.translation_key, "locale": language, "next": "?"}
    )


@pytest.mark.django_db
def test_a_translator_starts_a_missing_page_and_lands_in_its_editor(client, source):
    translator = person("uebersetzerin", "German translators")
    client.force_login(translator)
    queue = client.get(reverse("translations:queue"), {"locale": "de", "state": "missing"})
    assert f'action="{START}"' in queue.content.decode()

    response = start(client, source, "de")
    german = Page.objects.get(translation_key=source.translation_key, locale__language_code="de")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[german.pk])
    assert not german.live  # a draft until the German reviewers approve it
    assert (
        TranslationClaim.objects.get(
            translation_key=source.translation_key, locale=german.locale
        ).user
        == translator
    )
    assert client.get(response["Location"]).status_code == 200
    # Again: the same translation, nothing made twice.
    assert start(client, source, "de")["Location"] == response["Location"]
    assert (
        Page.objects.filter(
            translation_key=source.translation_key, locale__language_code="de"
        ).count()
        == 1
    )


@pytest.mark.django_db
def test_no_one_starts_a_page_in_a_language_they_do_not_work_on(client, source):
    client.force_login(person("perevodchik", "Russian translators"))
    response = start(client, source, "de")
    # Refused: Wagtail's admin turns the 403 into its dashboard with "no permission".
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not Page.objects.filter(
        translation_key=source.translation_key, locale__language_code="de"
    ).exists()


@pytest.mark.django_db
def test_a_page_someone_else_holds_is_not_started_again(client, source):
    client.force_login(person("erste", "German translators"))
    start(client, source, "de")
    made = Page.objects.filter(translation_key=source.translation_key).count()
    client.force_login(person("zweite", "German translators"))
    response = start(client, source, "de")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("translations:queue"))
    assert "Already claimed by erste" in client.get(response["Location"]).content.decode()
    assert Page.objects.filter(translation_key=source.translation_key).count() == made
