"""Snippets translated by their language's team, in a real browser (translations/snippet_*.py):

2. an Arabic translator starts the Arabic translation of a campaign's action from the actions
   listing, translates its segments in wagtail-localize's editor and publishes it; an anonymous
   reader then sees the action in Arabic on the Arabic campaign page;
3. a Russian translator tries every path to a French action and is refused each time (403, or
   Wagtail's redirect to the dashboard), and the action is unchanged.

Data is set up and removed as in ``test_translation_flow`` (``committed``): on PostgreSQL the
journey's writes are deleted afterwards, and the row count of every table is compared.
"""

import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_translation_flow import PASSWORD, committed, log_in, new_page, row_counts

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SOURCE = {
    "title": "Pledge to share your photos of public buildings",
    "intro": "Promise to publish one photo of a public building under an open licence.",
    "consent_text": "I make this pledge and agree that my first name is counted with it.",
    "thank_you_text": "Thank you for your pledge.",
}
ARABIC = {
    "title": "تعهّد بمشاركة صورك للمباني العامة",
    "intro": "تعهّد بنشر صورة لمبنى عام بترخيص حر.",
    "consent_text": "أقدّم هذا التعهّد وأوافق على احتساب اسمي الأول معه.",
    "thank_you_text": "شكرًا على تعهّدك.",
}
USERS = {
    "ar_translator": ("motarjim-ar-browser", "Arabic translators"),
    "ru_translator": ("perevod-ru-snippets", "Russian translators"),
}
CAMPAIGN = "freedom-of-panorama"
SNIPPETS = "/admin/snippets/actions/campaignaction"


@dataclass
class Made:
    users: list = field(default_factory=list)
    translation_key: object = None
    sessions: set = None
    high_water: dict = field(default_factory=dict)


def set_up(made):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.sessions.models import Session
    from django.db.models import Max

    from wagtail.images.models import Rendition
    from wagtail.models import ModelLogEntry
    from wagtail_localize.models import String

    from actions.factories import CampaignActionFactory
    from campaigns.models import CampaignPage

    made.sessions = set(Session.objects.values_list("pk", flat=True))
    for model in (String, Rendition, ModelLogEntry):
        made.high_water[model] = model.objects.aggregate(top=Max("pk"))["top"] or 0
    for username, group in USERS.values():
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        made.users.append(user)
        user.groups.add(Group.objects.get(name=group))
    campaign = CampaignPage.objects.get(slug=CAMPAIGN, locale__language_code="en")
    action = CampaignActionFactory(
        campaign=campaign, locale=campaign.locale, kind="pledge", share_text="", **SOURCE
    )
    made.translation_key = action.translation_key
    return action


def clean_up(made):
    from django.contrib.sessions.models import Session

    from wagtail_localize.models import TranslatableObject

    from actions.models import ActionTally, CampaignAction

    if made.translation_key:
        CampaignAction.objects.filter(translation_key=made.translation_key).delete()
        ActionTally.objects.filter(key=made.translation_key).delete()
        TranslatableObject.objects.filter(translation_key=made.translation_key).delete()
    for model, top in made.high_water.items():
        model.objects.filter(pk__gt=top).delete()
    for user in made.users:
        user.delete()
    if made.sessions is not None:
        Session.objects.exclude(pk__in=made.sessions).delete()


def translate_into_arabic(page, made):
    """Step 2a: the Arabic translator starts, translates and publishes."""
    from actions.models import CampaignAction

    log_in(page, USERS["ar_translator"][0])
    page.goto(f"{SNIPPETS}/?locale=en")
    row = page.get_by_role("row").filter(has_text=SOURCE["title"])
    row.get_by_role("button", name=re.compile("^More options")).click()
    page.screenshot(path=ARTIFACTS / "snippet-listing-ar.png", full_page=True)
    page.get_by_role("link", name="Translate into Arabic").click()
    page.get_by_role("button", name="Start translating").click()
    editor = page.locator(".js-translation-editor")
    expect(editor).to_be_visible()
    arabic = CampaignAction.objects.get(
        translation_key=made.translation_key, locale__language_code="ar"
    )
    assert page.url.endswith(f"{SNIPPETS}/edit/{arabic.pk}/"), page.url
    for key, source in SOURCE.items():
        segment = editor.locator("li.incomplete", has_text=source)
        segment.get_by_role("button", name="Translate").click()
        segment.locator("textarea").fill(ARABIC[key])
        segment.get_by_role("button", name="Save").click()
        expect(editor.locator("li.complete", has_text=ARABIC[key])).to_contain_text(
            "Translated manually", timeout=15_000
        )
    expect(editor.locator("li.incomplete")).to_have_count(0)
    page.screenshot(path=ARTIFACTS / "snippet-translation-ar.png", full_page=True)
    page.get_by_role("button", name=re.compile("^Publish in")).click()
    page.wait_for_load_state()
    arabic.refresh_from_db()
    assert arabic.title == ARABIC["title"]
    assert arabic.consent_text == ARABIC["consent_text"]


def read_arabic_campaign(page):
    """Step 2b: anyone reads the Arabic campaign page, with the action in Arabic."""
    from campaigns.models import CampaignPage

    arabic_page = CampaignPage.objects.get(slug=CAMPAIGN, locale__language_code="ar")
    response = page.goto(arabic_page.url)
    assert response.status == 200, response.status
    expect(page.locator("main")).to_contain_text(ARABIC["title"])
    expect(page.locator("main")).to_contain_text(ARABIC["intro"])
    assert SOURCE["title"] not in page.content()
    page.screenshot(path=ARTIFACTS / "snippet-translation-ar-live.png", full_page=True)


def test_arabic_translator_translates_an_action_shown_on_the_arabic_page(
    page, browser, portal_server
):
    made = Made()
    before = committed(row_counts)
    reader = None
    try:
        committed(lambda: set_up(made))
        translate_into_arabic(page, made)
        reader = new_page(browser, portal_server)
        read_arabic_campaign(reader)
    finally:
        if reader is not None:
            reader.context.close()
        committed(lambda: clean_up(made))
    after = committed(row_counts)
    changed = {
        label: (count, after[label]) for label, count in before.items() if count != after[label]
    }
    assert not changed, f"rows left behind or removed: {changed}"
    assert not page.problems, "\n".join(page.problems)


def french_action_state():
    from actions.models import CampaignAction

    return list(CampaignAction.objects.filter(locale__language_code="fr").order_by("pk").values())


def test_russian_translator_is_refused_every_french_path(page, browser, portal_server):
    from wagtail_localize.models import Translation

    from actions.models import CampaignAction

    made = Made()
    before = committed(row_counts)
    french_before = committed(french_action_state)
    try:
        committed(lambda: set_up(made))
        french = CampaignAction.objects.filter(locale__language_code="fr").order_by("pk").first()
        english = french.get_translation(french.get_default_locale())
        translation = Translation.objects.get(
            source__object_id=french.translation_key, target_locale=french.locale
        )
        log_in(page, USERS["ru_translator"][0])
        page.goto(f"{SNIPPETS}/?locale=fr")
        expect(page.get_by_role("link", name="Translate into French")).to_have_count(0)
        page.screenshot(path=ARTIFACTS / "snippet-listing-ru.png", full_page=True)
        refusals = [
            f"{SNIPPETS}/edit/{french.pk}/",
            f"/admin/translation-queue/snippet/actions/campaignaction/{english.pk}/translate/fr/",
        ]
        for url in refusals:
            response = page.goto(url)
            assert response.status == 403, (url, response.status)
            expect(page.locator("h1")).to_have_text("Error 403")
            expect(page.locator(".js-translation-editor")).to_have_count(0)
        page.screenshot(path=ARTIFACTS / "snippet-refused-ru.png", full_page=True)
        # Wagtail's own checks: a redirect to the dashboard, nothing done.
        for url in (
            f"{SNIPPETS}/delete/{french.pk}/",
            f"{SNIPPETS}/add/?locale=fr",
            f"/admin/localize/submit/snippet/actions/campaignaction/{english.pk}/",
            f"/admin/localize/translate/{translation.pk}/pofile/download/",
        ):
            page.goto(url)
            assert page.url.rstrip("/").endswith("/admin"), (url, page.url)
            expect(page.get_by_text("Sorry, you do not have permission")).to_be_visible()
        page.problems.clear()  # the 403s above were the point
    finally:
        committed(lambda: clean_up(made))
    assert committed(french_action_state) == french_before
    after = committed(row_counts)
    changed = {
        label: (count, after[label]) for label, count in before.items() if count != after[label]
    }
    assert not changed, f"rows left behind or removed: {changed}"
