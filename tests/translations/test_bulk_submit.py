"""Editors submit a whole section of the site for translation into several languages in one
action; translators cannot."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Locale, Page

from campaigns.models import CampaignPage


def user_in(group, name):
    user = get_user_model().objects.create_user(name, password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.django_db
def test_editor_submits_a_subtree_into_two_languages(client, django_capture_on_commit_callbacks):
    index = Page.objects.get(locale__language_code="en", slug="campaigns")
    german, hindi = Locale.objects.get(language_code="de"), Locale.objects.get(language_code="hi")
    client.force_login(user_in("Editors", "editor-bulk"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/translation-queue/submit-section/",
            {"page": index.pk, "locales": [german.pk, hindi.pk], "next": "?"},
        )
    assert response.status_code == 302
    english_campaigns = CampaignPage.objects.child_of(index).count()  # not an affiliate's
    for locale in (german, hindi):
        translated = CampaignPage.objects.filter(locale=locale)
        assert translated.count() == english_campaigns
        assert not translated.filter(live=True).exists()  # drafts until reviewed


@pytest.mark.django_db
def test_translators_cannot_submit_new_translations(client):
    index = Page.objects.get(locale__language_code="en", slug="campaigns")
    client.force_login(user_in("German translators", "translator-bulk"))
    response = client.post(
        "/admin/translation-queue/submit-section/",
        {"page": index.pk, "locales": [Locale.objects.get(language_code="de").pk]},
    )
    assert response.status_code in (302, 403)
    assert not CampaignPage.objects.filter(locale__language_code="de").exists()


@pytest.mark.django_db
def test_already_translated_pages_are_left_alone(client, django_capture_on_commit_callbacks):
    index = Page.objects.get(locale__language_code="en", slug="campaigns")
    french = Locale.objects.get(language_code="fr")
    before = {
        page.pk: page.latest_revision_id for page in CampaignPage.objects.filter(locale=french)
    }
    client.force_login(user_in("Editors", "editor-again"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/translation-queue/submit-section/", {"page": index.pk, "locales": [french.pk]}
        )
    after = {
        page.pk: page.latest_revision_id for page in CampaignPage.objects.filter(locale=french)
    }
    # Pages already in French keep their revisions (a new English page, such as the draft an
    # accepted proposal starts, gets its French draft).
    assert {pk: after[pk] for pk in before} == before
