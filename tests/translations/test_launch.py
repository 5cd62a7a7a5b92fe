"""Coordinated launch: a new campaign goes live together with its French and Spanish
translations, whichever way each of them is approved, and the queue says what it waits for."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from wagtail.models import Locale, Page
from wagtail_localize.operations import TranslationCreator

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from translations import launches
from translations.models import CoordinatedLaunch, LaunchHold


def person(name, group):
    user = get_user_model().objects.create_user(name, password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def people(db):
    return {
        "editor": person("launch-editor", "Editors"),
        "moderator": person("launch-moderator", "Moderators"),
        "fr reviewer": person("launch-fr-reviewer", "French reviewers"),
        "fr translator": person("launch-fr-translator", "French translators"),
        "es reviewer": person("launch-es-reviewer", "Spanish reviewers"),
    }


@pytest.fixture
def campaign(db, people, django_capture_on_commit_callbacks):
    """A new English campaign, never published, with draft French and Spanish translations."""
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    page = CampaignPageFactory(parent=index, title="Open the archives", live=False, publish=False)
    page.save_revision(user=people["editor"])
    french, spanish = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="es")
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(people["moderator"], [french, spanish]).create_translations(page)
    return page


def translation(page, code):
    return Page.objects.get(translation_key=page.translation_key, locale__language_code=code)


def live_codes(page):
    return set(
        Page.objects.filter(translation_key=page.translation_key, live=True).values_list(
            "locale__language_code", flat=True
        )
    )


def approve(page, user):
    page = page.specific
    page.save_revision(user=user).publish(user=user)


@pytest.mark.django_db
def test_everything_goes_live_together_once_the_last_language_is_approved(campaign, people):
    launch = launches.set_launch(
        user=people["editor"],
        page=campaign,
        locales=list(Locale.objects.filter(language_code__in=["fr", "es"])),
    )
    approve(campaign, people["moderator"])
    assert live_codes(campaign) == set(), "the source waits for its translations"
    approve(translation(campaign, "fr"), people["fr reviewer"])
    assert live_codes(campaign) == set()
    states = dict(
        (locale.language_code, state)
        for locale, state in launches.readiness([launch])[campaign.translation_key]
    )
    assert states == {"en": "approved", "fr": "approved", "es": "waiting"}

    approve(translation(campaign, "es"), people["es reviewer"])

    assert live_codes(campaign) == {"en", "fr", "es"}
    launch.refresh_from_db()
    assert launch.launched_at is not None
    assert not LaunchHold.objects.filter(launch=launch).exists()
    # After the launch, publishing works as usual again.
    french = translation(campaign, "fr").specific
    french.title = "Ouvrez les archives"
    approve(french, people["fr reviewer"])
    assert translation(campaign, "fr").title == "Ouvrez les archives"


@pytest.mark.django_db
def test_a_workflow_approval_is_held_too(campaign, people):
    launches.set_launch(
        user=people["editor"], page=campaign, locales=[Locale.objects.get(language_code="fr")]
    )
    french = translation(campaign, "fr").specific
    french.save_revision(user=people["fr translator"])
    workflow_state = french.get_workflow().start(french, people["fr translator"])
    workflow_state.current_task_state.approve(user=people["fr reviewer"])

    french.refresh_from_db()
    assert not french.live
    assert LaunchHold.objects.filter(page=french).exists()
    approve(campaign, people["moderator"])
    assert live_codes(campaign) == {"en", "fr"}


@pytest.mark.django_db
def test_languages_outside_the_launch_publish_as_usual(campaign, people):
    launches.set_launch(
        user=people["editor"], page=campaign, locales=[Locale.objects.get(language_code="fr")]
    )
    approve(translation(campaign, "es"), people["es reviewer"])
    assert live_codes(campaign) == {"es"}


@pytest.mark.django_db
def test_a_translator_cannot_publish_through_a_launch(campaign, people):
    launches.set_launch(
        user=people["editor"], page=campaign, locales=[Locale.objects.get(language_code="fr")]
    )
    with pytest.raises(PermissionDenied):
        approve(translation(campaign, "fr"), people["fr translator"])
    assert not LaunchHold.objects.exists()


@pytest.mark.django_db
def test_cancelling_publishes_nothing_and_dropping_the_last_blocker_launches(campaign, people):
    french, spanish = Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="es")
    launches.set_launch(user=people["editor"], page=campaign, locales=[french, spanish])
    approve(campaign, people["moderator"])
    approve(translation(campaign, "fr"), people["fr reviewer"])

    # Spanish is late: the editor drops it, and what was approved goes out at once.
    launches.set_launch(user=people["editor"], page=campaign, locales=[french])
    assert live_codes(campaign) == {"en", "fr"}

    other = CampaignPageFactory(
        parent=CampaignIndexPage.objects.get(locale__language_code="en"), live=False, publish=False
    )
    launches.set_launch(user=people["editor"], page=other, locales=[french])
    approve(other, people["moderator"])
    assert launches.set_launch(user=people["editor"], page=other, locales=[]) is None
    other.refresh_from_db()
    assert (
        not other.live
        and not CoordinatedLaunch.objects.filter(translation_key=other.translation_key).exists()
    )


@pytest.mark.django_db
def test_launch_page_for_editors_only_and_form_errors(client, campaign, people):
    url = f"/admin/translation-queue/launch/{campaign.pk}/"
    client.force_login(people["fr translator"])
    refused = client.get(url)
    # Wagtail's admin turns a refusal into a redirect to the dashboard.
    assert refused.status_code == 403 or refused.get("Location") == "/admin/"
    french_url = f"/admin/translation-queue/launch/{translation(campaign, 'fr').pk}/"
    client.force_login(people["editor"])
    # Launches are planned on source pages only: a translation's id is not found (Django's
    # locale middleware then redirects the admin 404 to a language-prefixed URL).
    assert client.get(french_url).status_code in (302, 404)

    response = client.post(url, {"locales": ["not-a-locale"]})
    assert response.status_code == 200
    assert response.context["form"].errors["locales"]
    assert not CoordinatedLaunch.objects.exists()

    french = Locale.objects.get(language_code="fr")
    response = client.post(url, {"locales": [french.pk]}, follow=True)
    assert b"Launch planned." in response.content
    assert b'data-locale="fr" data-state="waiting"' in response.content
    assert b'data-locale="en" data-state="waiting"' in response.content


@pytest.mark.django_db
def test_the_queue_lists_the_unpublished_source_and_what_blocks_its_launch(
    client, campaign, people
):
    launches.set_launch(
        user=people["editor"],
        page=campaign,
        locales=list(Locale.objects.filter(language_code__in=["fr", "es"])),
    )
    approve(translation(campaign, "fr"), people["fr reviewer"])
    client.force_login(people["fr translator"])
    response = client.get("/admin/translation-queue/?locale=fr")
    row = next(item for item in response.context["items"] if item["row"].pk == campaign.pk)
    blocking = dict(row["launch"]["blocking"])
    assert set(blocking) == {"English", "Español"}
    assert row["launch"]["languages"] == "es, fr"
    assert "Launches with es, fr" in response.content.decode()
