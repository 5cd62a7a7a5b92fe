"""The campaign editor's actions panel (actions/campaign_panel.py): the campaign's actions with
their languages, and adding one in a modal without leaving the campaign."""

import json

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.campaign_panel import list_context
from actions.factories import CampaignActionFactory
from actions.models import CampaignAction
from campaigns.models import CampaignIndexPage, CampaignPage

pytestmark = pytest.mark.django_db


def person(username, group):
    user = get_user_model().objects.create_user(username, password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def campaign():
    return CampaignPage.objects.get(locale__language_code="en", slug="freedom-of-panorama")


@pytest.fixture
def editor_client(client):
    client.force_login(get_user_model().objects.create_superuser("root", password="x" * 16))
    return client


def edit_page(client, page):
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def test_panel_lists_actions_with_their_languages(editor_client, campaign):
    response = edit_page(editor_client, campaign)
    assert response.status_code == 200
    html = response.content.decode()
    action = CampaignAction.objects.get(campaign=campaign, locale=campaign.locale)
    assert f'data-action="{action.public_id}"' in html
    for code in ("en", "fr", "ar", "ru"):
        assert f'data-language="{code}" data-state="translated"' in html
    assert 'data-language="de" data-state="missing"' in html
    assert "Translate into German" in html
    assert "data-campaign-action-add" in html
    assert "actions/js/campaign-actions-panel.js" in html


def test_panel_queries_do_not_grow_with_actions(editor_client, campaign, django_assert_num_queries):
    edit_page(editor_client, campaign)  # the process's lookups, kept from now on
    with CaptureQueriesContext(connection) as one:
        edit_page(editor_client, campaign)
    for number in range(3):
        CampaignActionFactory(campaign=campaign, locale=campaign.locale, title=f"More {number}")
    edit_page(editor_client, campaign)  # saving actions renewed the kept lookups
    with CaptureQueriesContext(connection) as four:
        assert "More 2" in edit_page(editor_client, campaign).content.decode()
    assert len(four) == len(one), [query["sql"] for query in four.captured_queries][-20:]
    # The panel itself: the actions, their translations and the user's language roles.
    user = get_user_model().objects.get(username="root")
    with django_assert_num_queries(2):
        context = list_context(campaign, user)
    assert len(context["rows"]) == 4


def test_new_campaign_asks_to_save_first(editor_client):
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    response = editor_client.get(
        reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", index.pk])
    )
    assert response.status_code == 200
    assert "Save the campaign first to add actions." in response.content.decode()


def test_translator_sees_start_links_for_their_language_only(campaign):
    new = CampaignActionFactory(campaign=campaign, locale=campaign.locale, title="New pledge")
    user = person("ar-t", "Arabic translators")
    context = list_context(campaign, user)
    assert context["add_url"] is None
    row = next(row for row in context["rows"] if row["action"] == new)
    starts = {chip["code"] for chip in row["chips"] if chip["start_url"]}
    edits = {chip["code"] for chip in row["chips"] if chip["edit_url"]}
    assert starts == {"ar"} and edits == set()
    demo = next(row for row in context["rows"] if row["action"] != new)
    assert {chip["code"] for chip in demo["chips"] if chip["edit_url"]} == {"ar"}


def test_modal_adds_an_action_in_place(editor_client, campaign):
    url = reverse("actions_campaign_add", args=[campaign.pk])
    first = editor_client.get(url)
    assert first.status_code == 200
    body = json.loads(first.content)
    assert body["step"] == "form" and "data-campaign-action-form" in body["html"]
    count = CampaignAction.objects.count()
    bad = editor_client.post(url, {"kind": "nonsense", "title": "", "goal": "-4"})
    assert bad.status_code == 200
    body = json.loads(bad.content)
    assert body["step"] == "form" and "error" in body["html"]
    assert CampaignAction.objects.count() == count
    good = editor_client.post(
        url,
        {
            "kind": "pledge",
            "title": "Pledge: photograph your town hall",
            "intro": "",
            "consent_text": "I agree.",
            "thank_you_text": "",
            "goal": "250",
        },
    )
    body = json.loads(good.content)
    assert body["step"] == "created"
    assert "Pledge: photograph your town hall" in body["panel_html"]
    action = CampaignAction.objects.get(title="Pledge: photograph your town hall")
    assert action.campaign_id == campaign.pk and action.locale_id == campaign.locale_id


def test_modal_from_a_translated_campaign_adds_to_the_source(editor_client, campaign):
    french = CampaignPage.objects.get(
        translation_key=campaign.translation_key, locale__language_code="fr"
    )
    url = reverse("actions_campaign_add", args=[french.pk])
    editor_client.post(
        url, {"kind": "petition", "title": "Sign for it", "consent_text": "Yes.", "goal": "10"}
    )
    action = CampaignAction.objects.get(title="Sign for it")
    assert action.campaign_id == campaign.pk and action.locale_id == campaign.locale_id


def test_modal_refuses_translators(client, campaign):
    client.force_login(person("ar-t", "Arabic translators"))
    count = CampaignAction.objects.count()
    url = reverse("actions_campaign_add", args=[campaign.pk])
    response = client.post(
        url, {"kind": "petition", "title": "X", "consent_text": "Y", "goal": "1"}
    )
    assert response.status_code in (302, 403)
    assert CampaignAction.objects.count() == count
    assert (
        client.get(reverse("actions_campaign_add", args=[999999]), follow=True).status_code == 404
    )
