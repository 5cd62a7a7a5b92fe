import io

import pytest

from django.core.management import CommandError, call_command

from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from campaigns.models import CampaignPage
from core.models import Method, Region, Topic
from explainers.models import PolicyExplainerPage
from partners.models import PartnerPage
from stories.models import StoryPage


def snapshot():
    return {
        "pages": Page.objects.count(),
        "terms": Topic.objects.count() + Region.objects.count() + Method.objects.count(),
        "images": get_image_model().objects.count(),
        "translations": Translation.objects.count(),
        "strings": StringTranslation.objects.count(),
    }


@pytest.mark.django_db
def test_demo_has_the_promised_content():
    english = {"locale__language_code": "en"}
    assert CampaignPage.objects.live().filter(**english).count() >= 8
    assert StoryPage.objects.live().filter(**english).count() >= 16
    assert StoryPage.objects.live().filter(outcome="failure", **english).count() >= 5
    assert PartnerPage.objects.live().filter(**english).count() >= 8
    assert PolicyExplainerPage.objects.live().filter(**english).count() >= 6
    for language in ["fr", "es", "ru", "zh-hans", "ar"]:
        for model in (CampaignPage, StoryPage, PartnerPage, PolicyExplainerPage):
            assert model.objects.live().filter(locale__language_code=language).count() == (
                model.objects.live().filter(**english).count()
            ), (model, language)


@pytest.mark.django_db
def test_translations_were_made_through_wagtail_localize():
    campaign = CampaignPage.objects.get(locale__language_code="en", slug="freedom-of-panorama")
    translations = Translation.objects.filter(source__object_id=campaign.translation_key)
    assert {t.target_locale.language_code for t in translations} == {
        "fr",
        "es",
        "ru",
        "zh-hans",
        "ar",
    }
    for translation in translations:
        total, done = translation.get_progress()
        assert total > 0 and done == total
    assert StringTranslation.objects.filter(translation_type="manual").exists()


@pytest.mark.django_db
def test_loading_twice_creates_no_duplicates():
    before = snapshot()
    output = io.StringIO()
    call_command("load_demo", "--no-admin", stdout=output)
    assert snapshot() == before
    assert "0 created, 0 translated" in output.getvalue()


@pytest.mark.django_db
def test_demo_creates_admin_once():
    first, second = io.StringIO(), io.StringIO()
    call_command("load_demo", "--limit", "1", stdout=first)
    call_command("load_demo", "--limit", "1", stdout=second)
    assert "Admin login: admin / " in first.getvalue()
    assert "already exists" in second.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["--languages", "xx"], "Unknown language code"), (["--limit", "0"], "positive")],
)
def test_bad_arguments_fail_with_a_clear_message(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("load_demo", *arguments, stdout=io.StringIO())
