"""Action panels kept between requests (``campaign_actions``) without the page cache: every
reader gets a CSRF token and a start time of their own, and the panel follows a new count, an
edited action and a closed action at once."""

import re

from django.test import Client

from actions.models import ActionTally, CampaignAction
from safeguards.started import started_age
from tests.helpers import soup

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED = re.compile(rb'name="started" value="([^"]+)"')


def test_each_reader_gets_their_own_token_and_start_time(english_campaign):
    first, second = Client(), Client()
    one = first.get(english_campaign.url)
    two = second.get(english_campaign.url)  # the panel now comes from the process
    assert b"hole-" not in one.content and b"hole-" not in two.content
    assert TOKEN.findall(one.content) != TOKEN.findall(two.content)
    for response, client in ((one, first), (two, second)):
        token = TOKEN.search(response.content).group(1).decode()
        assert len(token) == 64 and client.cookies["csrftoken"].value
        assert started_age(STARTED.search(response.content).group(1).decode()) < 60
    # The rest of the panel is the same markup.
    assert TOKEN.sub(b"", STARTED.sub(b"", one.content)) == TOKEN.sub(
        b"", STARTED.sub(b"", two.content)
    )


def test_a_new_count_an_edit_and_a_closing_show_at_once(client, english_campaign):
    url = english_campaign.url
    page = soup(client.get(url))
    panel = page.select_one(".action-panel")
    public_id = panel["id"].removeprefix("action-")
    action = CampaignAction.objects.get(public_id=public_id, locale__language_code="en")
    tally, _ = ActionTally.objects.get_or_create(key=action.translation_key)
    ActionTally.objects.filter(pk=tally.pk).update(confirmed_count=12345)
    assert "12,345" in soup(client.get(url)).select_one(".action-panel").get_text()
    action.title = "A title edited in the snippet editor"
    action.save()
    assert "A title edited" in soup(client.get(url)).select_one(".action-panel").get_text()
    action.is_open = False
    action.save()
    closed = soup(client.get(url)).select_one(".action-panel")
    assert closed.select_one("form.action-form") is None


def test_the_panels_never_read_the_campaigns_content(english_campaign, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(english_campaign.url)
    with CaptureQueriesContext(connection) as ctx:
        assert b"action-form" in client.get(english_campaign.url).content
    # The page's own row holds its body; the actions query does not read it again, and no
    # deferred field is loaded afterwards.
    reading_body = [
        q for q in ctx.captured_queries if '"campaigns_campaignpage"."body"' in q["sql"]
    ]
    assert len(reading_body) == 1
