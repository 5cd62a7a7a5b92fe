import io

import pytest

from django.core.management import CommandError, call_command

from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from campaigns.models import CampaignPage
from core.models import Method, Region, Topic
from core.sections import outside_sections
from demo.queue_states import LANGUAGES as QUEUE_LANGUAGES
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
            # The French and Arabic queues show one story as missing (demo/queue_states.py).
            untranslated = int(model is StoryPage and language in QUEUE_LANGUAGES)
            # The global site's pages; an affiliate's section is in the languages it works in.
            live = model.objects.live().filter(outside_sections())
            if model is StoryPage:  # contributed stories are written in one language
                live = live.filter(submission__isnull=True)
            assert live.filter(locale__language_code=language).count() == (
                live.filter(**english).count() - untranslated
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


@pytest.mark.django_db
def test_demo_has_an_account_for_each_role_once(client):
    """An Editor, a Moderator, and French and Arabic translators and reviewers, each in its
    group only, with a password said once; a second load makes none."""
    import re

    from django.contrib.auth import authenticate

    from demo.accounts import ROLE_ACCOUNTS
    from translations.roles import user_locale_roles

    first, second = io.StringIO(), io.StringIO()
    call_command("load_demo", "--limit", "1", stdout=first)
    call_command("load_demo", "--limit", "1", stdout=second)
    said = dict(re.findall(r"^  ([a-z-]+) / (\S+)  \(", first.getvalue(), re.M))
    assert set(said) == set(ROLE_ACCOUNTS)
    assert not re.findall(r"^  ([a-z-]+) / (\S+)  \(", second.getvalue(), re.M)
    for username, (group_name, _role) in ROLE_ACCOUNTS.items():
        user = authenticate(username=username, password=said[username])
        assert user is not None and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group_name]
    french = authenticate(username="translator-fr", password=said["translator-fr"])
    roles = {locale_id: set(found) for locale_id, found in user_locale_roles(french).items()}
    assert [set(found) for found in roles.values()] == [{"translator"}]
    client.force_login(french)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_partial_load_leaves_out_the_endorsements_of_pages_it_did_not_load():
    """``--limit 1`` loads one explainer (the first by name), which no demo partner endorses;
    the network step must skip the others' endorsements, not fail on them (it did, which
    stopped the backup drill's partial load on an empty database)."""
    from network.models import Endorsement

    Endorsement.objects.all().delete()
    call_command(
        "load_demo", "--no-admin", "--limit", "1", "--languages", "fr,ar", stdout=io.StringIO()
    )
    assert not Endorsement.objects.exists()
