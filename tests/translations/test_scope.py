"""A language team works on its own language only: no POST to the translation queue reaches
another language's pages (issue #14, item 4). Editors keep every language."""

import io
import uuid

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from campaigns.models import CampaignPage
from translations.changes import NEEDS_REVIEW
from translations.models import TranslationClaim, TranslationPlan

QUEUE = "/admin/translation-queue/"


def user_in(*groups):
    user = get_user_model().objects.create_user(f"u-{uuid.uuid4().hex[:8]}", password="x" * 16)
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    return user


def revisions(english):
    """The latest revision of each translation of ``english``, by language code."""
    return {
        page.locale.language_code: page.latest_revision_id
        for page in Page.objects.filter(translation_key=english.translation_key)
        .exclude(pk=english.pk)
        .select_related("locale")
    }


def translated_into(english):
    return set(
        Translation.objects.filter(
            source__object_id=english.translation_key, enabled=True
        ).values_list("target_locale__language_code", flat=True)
    )


@pytest.fixture
def changed_campaign(db):
    english = Page.objects.get(locale__language_code="en", slug="no-upload-filters").specific
    english.summary += " Updated after the plenary vote."
    english.save_revision().publish()
    return english


@pytest.mark.django_db
def test_a_reviewer_of_one_language_cannot_sync_the_others(changed_campaign, client):
    english = changed_campaign
    assert {"fr", "ru", "ar"} <= translated_into(english)
    before = revisions(english)
    client.force_login(user_in("French reviewers"))
    response = client.post(
        f"{QUEUE}sync/",
        {"translation_key": english.translation_key, "locale": "fr", "next": "?locale=fr"},
        follow=True,
    )
    assert response.status_code == 200
    assert revisions(english) == before, "draft revisions were made on other languages' pages"
    assert not StringTranslation.objects.filter(tool_name=NEEDS_REVIEW).exists()
    text = response.content.decode()
    assert "Nothing was synchronised" in text and "Russian" in text and "Arabic" in text
    # The changes page offers no sync button it would refuse.
    page = client.get(
        f"{QUEUE}changes/", {"translation_key": english.translation_key, "locale": "fr"}
    )
    assert page.status_code == 200
    assert "Sync every translation" not in page.content.decode()


@pytest.mark.django_db
def test_a_reviewer_of_every_language_of_the_page_and_editors_may_sync(
    changed_campaign, client, django_capture_on_commit_callbacks
):
    english = changed_campaign
    languages = {"fr": "French", "es": "Spanish", "ru": "Russian", "zh-hans": "Simplified Chinese"}
    languages["ar"] = "Arabic"
    assert translated_into(english) == set(languages)
    before = revisions(english)
    client.force_login(user_in(*(f"{name} reviewers" for name in languages.values())))
    page = client.get(
        f"{QUEUE}changes/", {"translation_key": english.translation_key, "locale": "fr"}
    )
    assert "Sync every translation" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{QUEUE}sync/", {"translation_key": english.translation_key, "locale": "fr"})
    after = revisions(english)
    assert all(after[code] != before[code] for code in languages)
    assert StringTranslation.objects.filter(tool_name=NEEDS_REVIEW).count() == len(languages)


@pytest.mark.django_db
def test_editors_sync_every_language(changed_campaign, client, django_capture_on_commit_callbacks):
    english = changed_campaign
    before = revisions(english)
    client.force_login(user_in("Editors"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{QUEUE}sync/", {"translation_key": english.translation_key, "locale": "fr"})
    after = revisions(english)
    assert all(after[code] != before[code] for code in translated_into(english))


@pytest.mark.django_db
def test_bulk_submit_reaches_only_the_users_languages(client):
    """Whoever holds the submit permission outside the editorial groups (granted to a language
    team) submits into that team's languages only."""
    index = Page.objects.get(locale__language_code="en", slug="campaigns")
    team = Group.objects.get(name="German reviewers")
    team.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        )
    )
    german, hindi = Locale.objects.get(language_code="de"), Locale.objects.get(language_code="hi")
    before = {
        locale: CampaignPage.objects.filter(locale=locale).count() for locale in (german, hindi)
    }
    client.force_login(user_in("German reviewers"))
    response = client.post(
        f"{QUEUE}submit-section/",
        {"page": index.pk, "locales": [german.pk, hindi.pk], "next": "?"},
        follow=True,
    )
    assert response.status_code == 200
    after = {
        locale: CampaignPage.objects.filter(locale=locale).count() for locale in (german, hindi)
    }
    assert after == before  # all or nothing
    assert "Hindi" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["claim", "release", "mark-reviewed", "plan"])
def test_other_queue_actions_refuse_another_language(client, action):
    """Claim, release, mark reviewed and plan were already scoped: kept so."""
    english = Page.objects.get(locale__language_code="en", slug="no-upload-filters")
    russian = Locale.objects.get(language_code="ru")
    holder = user_in("Russian translators")
    TranslationClaim.objects.create(
        user=holder, translation_key=english.translation_key, locale=russian
    )
    client.force_login(user_in("French reviewers"))
    data = {"translation_key": english.translation_key, "locale": "ru", "priority": "high"}
    response = client.post(f"{QUEUE}{action}/", data)
    assert response.status_code in (302, 403)
    claim = TranslationClaim.objects.get(translation_key=english.translation_key, locale=russian)
    assert claim.user == holder
    assert not TranslationPlan.objects.exists()


@pytest.mark.django_db
def test_launch_and_po_upload_refuse_another_language(client):
    english = Page.objects.get(locale__language_code="en", slug="no-upload-filters")
    client.force_login(user_in("French reviewers"))
    launch = client.post(f"{QUEUE}launch/{english.pk}/", {"locales": []})
    assert launch.status_code in (302, 403)
    russian = Translation.objects.filter(
        source__object_id=english.translation_key, target_locale__language_code="ru"
    ).first()
    upload = io.BytesIO(str(russian.export_po()).encode())
    upload.name = "ru.po"
    as_russian = client.post(f"{QUEUE}po/import/", {"locale": "ru", "file": upload})
    assert as_russian.status_code in (302, 403)
    upload.seek(0)
    as_french = client.post(f"{QUEUE}po/import/", {"locale": "fr", "file": upload}, follow=True)
    assert "Nothing was imported" in as_french.content.decode()
