"""A campaign goes through wagtail-localize into French and comes out on the French site."""

import pytest

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage, CampaignPage
from tests.helpers import soup


@pytest.mark.django_db
def test_translate_change_a_segment_publish_and_read(client, django_capture_on_commit_callbacks):
    english_index = CampaignIndexPage.objects.get(locale__language_code="en")
    campaign = CampaignPageFactory(
        parent=english_index,
        title="Open the archives",
        slug="open-the-archives",
        summary="Public archives should be open to every reader.",
    )
    french = Locale.objects.get(language_code="fr")

    # The editor submits the page for translation (the admin's "Translate" action).
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(campaign, [french])
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(campaign), target_locale=french
    )

    # The translator fills in two segments in the editor.
    for source_text, french_text in [
        ("Open the archives", "Ouvrir les archives"),
        (
            "Public archives should be open to every reader.",
            "Les archives publiques doivent être ouvertes à tous.",
        ),
    ]:
        segment = StringSegment.objects.get(source=translation.source, string__data=source_text)
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=french,
            context=segment.context,
            defaults={"data": french_text, "translation_type": "manual"},
        )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    french_page = CampaignPage.objects.get(translation_key=campaign.translation_key, locale=french)
    assert french_page.live and french_page.slug == "open-the-archives"
    assert french_page.status == campaign.status
    document = soup(client.get("/fr/campaigns/open-the-archives/"))
    assert document.find("h1").get_text(strip=True) == "Ouvrir les archives"
    assert "Les archives publiques doivent être ouvertes à tous." in document.get_text()

    # The translator changes a segment; publishing again updates the French page.
    segment = StringSegment.objects.get(source=translation.source, string__data="Open the archives")
    StringTranslation.objects.filter(translation_of=segment.string, locale=french).update(
        data="Ouvrons les archives"
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    document = soup(client.get("/fr/campaigns/open-the-archives/"))
    assert document.find("h1").get_text(strip=True) == "Ouvrons les archives"
    assert "fr" in {
        link["hreflang"] for link in soup(client.get(campaign.url)).select("link[hreflang]")
    }


@pytest.mark.django_db
def test_synchronised_fields_follow_the_source(client, django_capture_on_commit_callbacks):
    english = CampaignPage.objects.get(locale__language_code="en", slug="privacy-for-readers")
    french = Locale.objects.get(language_code="fr")
    english.status = "won"
    english.save_revision().publish()
    source, _ = TranslationSource.update_or_create_from_instance(english)
    with django_capture_on_commit_callbacks(execute=True):
        Translation.objects.get(source=source, target_locale=french).save_target(publish=True)
    assert english.get_translation(french).specific.status == "won"
