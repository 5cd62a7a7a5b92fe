"""The action block on the campaign page: its query cost, advocate safety, closed actions."""

from pathlib import Path

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actions.factories import CampaignActionFactory, SignatureFactory
from actions.models import CampaignAction, Signature
from tests.helpers import soup

from .helpers import form_data, translated

pytestmark = pytest.mark.django_db

PANORAMA = "/{}/campaigns/freedom-of-panorama/"


def queries(client, url):
    client.get(url)  # warm the site root cache, as a running server has it
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_action_block_costs_at_most_three_queries(client, language):
    action = CampaignAction.objects.get(
        campaign__slug="freedom-of-panorama",
        campaign__locale__language_code="en",
        locale__language_code=language,
    )
    for number in range(12):  # more than the recent signers shown
        SignatureFactory(
            action=action, name=f"Person {number}", country="FR", confirmed_at=timezone.now()
        )
    url = PANORAMA.format(language)
    with_action = queries(client, url)
    assert len(soup(client.get(url)).select(".action-signers li")) == 8
    CampaignAction.objects.filter(translation_key=action.translation_key).delete()
    without = queries(client, url)
    assert with_action - without <= 3, (with_action, without)


def test_queries_do_not_grow_with_signers_or_actions(client, english_campaign):
    url = PANORAMA.format("en")
    first = queries(client, url)
    action = CampaignActionFactory(campaign=english_campaign, show_recent_signers=True)
    for _number in range(5):
        SignatureFactory(action=action, name="Ana", confirmed_at=timezone.now())
    more = queries(client, url)
    assert more - first <= 1  # the recent signers of every action come in one query


def test_advocate_safety_shows_no_names_and_says_what_is_kept(client, safety):
    SignatureFactory(action=safety, name="Secret", country="IR", confirmed_at=timezone.now())
    document = soup(client.get(safety.campaign.url))
    panel = document.select_one(f"#action-{safety.public_id}")
    assert "action-panel--safety" in panel["class"]
    names = {field["name"] for field in panel.select("form [name]")}
    assert names == {"csrfmiddlewaretoken", "started", "email", "consent", "website"}
    assert not panel.select(".action-signers")
    assert "Secret" not in document.get_text()
    notice = panel.select_one(".action-panel__privacy").get_text(" ")
    assert "Advocate-safety mode" in notice
    assert "30 days after the campaign ends" in notice
    assert "IP address" in notice


def test_advocate_safety_ignores_names_even_if_posted(client, safety):
    client.post(
        f"/en/actions/{safety.public_id}/", form_data(name="Secret", country="IR", comment="x")
    )
    signature = Signature.objects.get()
    assert (signature.name, signature.country, signature.comment) == ("", "", "")


def test_a_closed_action_shows_its_count_and_no_form(client, english_campaign):
    CampaignAction.objects.filter(campaign=english_campaign).update(is_open=False)
    document = soup(client.get(PANORAMA.format("es")))
    panel = document.select_one(".action-panel")
    assert panel.select_one(".action-progress")
    assert not panel.select("form")
    assert panel.select_one(".notice")


def test_posting_to_a_closed_action_is_refused_with_a_message(client, panorama):
    CampaignAction.objects.filter(translation_key=panorama.translation_key).update(is_open=False)
    response = client.post(f"/es/actions/{panorama.public_id}/", form_data())
    assert response.status_code == 200
    closed = "This action has closed. Thank you to everyone who took part."
    assert soup(response).select_one(".notice").get_text() == translated("es", closed)
    assert not soup(response).select("form.action-form")
    assert not Signature.objects.exists()


def test_a_campaign_without_an_action_has_no_block(client):
    document = soup(client.get("/en/campaigns/open-textbooks-for-all/"))
    assert not document.select(".action-panel")
    assert 'href="/static/actions/actions.css"' not in str(document)


def test_keyboard_users_see_where_focus_is():
    css = (Path(__file__).resolve().parents[2] / "actions/static/actions/actions.css").read_text()
    assert ":focus-visible" in css
    for physical in ("margin-left", "margin-right", "padding-left", "padding-right", "left:"):
        assert physical not in css, physical  # logical properties only: right-to-left safe
