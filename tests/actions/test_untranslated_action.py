"""An action not translated into a campaign page's language yet is shown in its own language,
marked as such and with a notice in the reader's, as an untranslated page is; never left out."""

import pytest

from wagtail.models import Page

from actions.models import CampaignAction
from tests.helpers import soup

from .helpers import demo_action

pytestmark = pytest.mark.django_db


def panel(client, language):
    page = Page.objects.get(locale__language_code=language, slug="freedom-of-panorama")
    document = soup(client.get(page.url))
    return document, document.select_one("section.action-panel")


def test_an_untranslated_action_is_shown_in_the_original_with_a_notice(client):
    english = demo_action("freedom-of-panorama", "en")
    demo_action("freedom-of-panorama", "fr").delete()

    document, shown = panel(client, "fr")
    assert shown is not None
    assert shown.select_one(".action-panel__title").get_text(strip=True) == english.title
    # The action's own words are marked as English; the portal's words around them (the
    # form's labels and button, the notices) are the reader's and carry no other language.
    assert not shown.has_attr("lang")
    for part in (
        ".action-panel__title",
        ".action-panel__intro",
        ".action-form__field--check label",
    ):
        assert shown.select_one(part)["lang"] == "en" and shown.select_one(part)["dir"] == "ltr"
    assert shown.select_one(".action-form__field--check label").get_text(strip=True) == (
        english.consent_text
    )
    for part in (".action-form__submit", ".action-panel__kind"):
        assert shown.select_one(part).find_parent(attrs={"lang": True})["lang"] == "fr"
    notice = document.select_one(".notice--untranslated")
    assert "n'a pas encore été traduite" in notice.get_text()
    assert document.select_one(f"a[href='#action-{english.public_id}']") is not None


def test_a_translated_action_has_no_notice(client):
    spanish = demo_action("freedom-of-panorama", "es")
    document, shown = panel(client, "es")
    assert shown.select_one(".action-panel__title").get_text(strip=True) == spanish.title
    assert not shown.has_attr("lang") and not shown.select("[lang]")
    assert (
        document.select_one(".action-panel ~ .notice--untranslated, .notice--untranslated") is None
    )
    assert CampaignAction.objects.filter(translation_key=spanish.translation_key).count() == 6
