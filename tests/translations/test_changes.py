import uuid

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation

from translations import services
from translations.changes import NEEDS_REVIEW, pending_changes, source_for, sync_with_source
from translations.selectors import queue


def user_in(group):
    user = get_user_model().objects.create_user(f"u-{uuid.uuid4().hex[:8]}", password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    return user


def states(locale):
    return {row.translation_key: row.state for row in queue(locale)}


@pytest.fixture
def changed_campaign(db):
    english = Page.objects.get(locale__language_code="en", slug="no-upload-filters").specific
    old_summary = english.summary
    english.summary = old_summary + " Updated after the plenary vote."
    english.save_revision().publish()
    return english, old_summary


@pytest.mark.django_db
def test_pending_changes_show_old_and_new_source_with_previous_translation(changed_campaign):
    english, old_summary = changed_campaign
    french = Locale.objects.get(language_code="fr")
    changes = pending_changes(source_for(english.translation_key), french)
    assert [change["path"] for change in changes] == ["summary"]
    (change,) = changes
    assert change["old"] == old_summary
    assert change["new"].endswith("Updated after the plenary vote.")
    french_page = english.get_translation(french).specific
    assert change["previous"] == french_page.summary


@pytest.mark.django_db
def test_sync_keeps_previous_translations_as_suggestions(
    changed_campaign, django_capture_on_commit_callbacks, client
):
    english, _old = changed_campaign
    french = Locale.objects.get(language_code="fr")
    french_summary = english.get_translation(french).specific.summary
    assert states(french)[english.translation_key] == "outdated"
    with django_capture_on_commit_callbacks(execute=True):
        kept = sync_with_source(user=None, translation_key=english.translation_key)
    assert kept == {code: 1 for code in ["fr", "es", "ru", "zh-hans", "ar"]}
    suggestion = StringTranslation.objects.get(locale=french, tool_name=NEEDS_REVIEW)
    assert suggestion.data == french_summary  # nothing already translated is lost
    # A draft for the French team; the live French page is unchanged until review.
    assert states(french)[english.translation_key] == "in_progress"
    reviewer = user_in("French reviewers")
    assert (
        services.mark_machine_segments_reviewed(
            user=reviewer, translation_key=english.translation_key, locale=french
        )
        == 1
    )
    assert not StringTranslation.objects.filter(locale=french, tool_name=NEEDS_REVIEW).exists()


@pytest.mark.django_db
def test_changes_page_and_sync_permissions(changed_campaign, client):
    english, _old = changed_campaign
    translator = user_in("French translators")
    client.force_login(translator)
    page = client.get(
        "/admin/translation-queue/changes/",
        {"translation_key": english.translation_key, "locale": "fr"},
    )
    assert page.status_code == 200
    assert "Updated after the plenary vote." in page.content.decode()
    assert "Sync every translation" not in page.content.decode()
    refused = client.post(
        "/admin/translation-queue/sync/",
        {"translation_key": english.translation_key, "locale": "fr"},
    )
    assert refused.status_code in (302, 403)
    assert not StringTranslation.objects.filter(tool_name=NEEDS_REVIEW).exists()
    client.force_login(user_in("Russian translators"))
    other = client.get(
        "/admin/translation-queue/changes/",
        {"translation_key": english.translation_key, "locale": "fr"},
    )
    assert other.status_code in (302, 403)
