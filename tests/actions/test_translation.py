"""Actions translate through wagtail-localize, and every translation is the same action: one
count, one address signs once, whatever the language."""

import pytest

from django.core import mail

from wagtail_localize.models import Translation

from actions.models import ActionTally, CampaignAction, Signature
from demo.translation import translate

from .helpers import demo_action, form_data

pytestmark = pytest.mark.django_db

DEMO_LANGUAGES = {"fr", "es", "ru", "zh-hans", "ar"}


def test_demo_actions_exist_in_every_language_of_their_campaign():
    english = CampaignAction.objects.filter(locale__language_code="en")
    assert english.count() >= 3
    assert english.filter(advocate_safety=True).count() == 1
    for action in english:
        languages = set(
            CampaignAction.objects.filter(translation_key=action.translation_key).values_list(
                "locale__language_code", flat=True
            )
        )
        assert languages == DEMO_LANGUAGES | {"en"}, action
        translations = Translation.objects.filter(source__object_id=action.translation_key)
        assert {t.target_locale.language_code for t in translations} == DEMO_LANGUAGES
        for translation in translations:
            total, done = translation.get_progress()
            assert total == 5 and done == total  # title, intro, consent, thanks, share text


def test_translated_text_differs_and_settings_are_the_same():
    english = demo_action("freedom-of-panorama", "en")
    for language in DEMO_LANGUAGES:
        translated = demo_action("freedom-of-panorama", language)
        assert translated.title != english.title
        assert translated.consent_text != english.consent_text
        for name in ("kind", "goal", "collect_comment", "advocate_safety", "campaign_id"):
            assert getattr(translated, name) == getattr(english, name), (language, name)


def test_a_changed_goal_reaches_the_translations_on_sync(
    locales, django_capture_on_commit_callbacks
):
    english = demo_action("freedom-of-panorama", "en")
    english.goal = 12_345
    english.save()
    french = demo_action("freedom-of-panorama", "fr")
    ephemeral = CampaignAction.objects.get(pk=english.pk)
    ephemeral.title = french.title
    with django_capture_on_commit_callbacks(execute=True):
        translate(english, locales["fr"], ephemeral)
    french.refresh_from_db()
    assert french.goal == 12_345
    assert french.title != english.title


def test_signatures_in_two_languages_share_one_count_and_one_address_signs_once(client):
    spanish = demo_action("freedom-of-panorama", "es")
    arabic = demo_action("freedom-of-panorama", "ar")
    client.post(f"/es/actions/{spanish.public_id}/", form_data(email="ana@example.org"))
    client.post(f"/ar/actions/{arabic.public_id}/", form_data(email="ANA@example.org"))
    client.post(f"/ar/actions/{arabic.public_id}/", form_data(email="omar@example.org"))
    tally = ActionTally.objects.get(key=spanish.translation_key)
    assert tally.signatures.count() == 2
    assert Signature.objects.get(email="omar@example.org").language == "ar"
    omar_mail = [message for message in mail.outbox if message.to == ["omar@example.org"]][0]
    assert arabic.title in omar_mail.subject
    assert "/ar/actions/confirm/" in omar_mail.body


def test_an_action_page_in_another_language_shows_that_translation(client):
    spanish = demo_action("freedom-of-panorama", "es")
    russian = demo_action("freedom-of-panorama", "ru")
    response = client.get(f"/ru/actions/{spanish.public_id}/")
    assert response.status_code == 200
    assert russian.title in response.content.decode()
