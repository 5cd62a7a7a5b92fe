"""Findings of the real-use review (issue #14): the take-action link, a fresh count after
confirming, actions of unpublished or private campaigns, the "my data" request, replays,
data links, links in mails and HEAD."""

import re
import time
from unittest import mock

import pytest

from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

from actions.factories import SignatureFactory
from actions.models import CampaignAction, Signature
from safeguards.started import started_value
from tests.helpers import soup

from .helpers import form_data, last_mail_to, link_in, translated

pytestmark = pytest.mark.django_db


def public_id(action):
    return action.public_id


def paths(action, language="es"):
    base = f"/{language}/actions/{public_id(action)}/"
    return {
        "detail": base,
        "check_email": base + "check-your-email/",
        "thanks": base + "thanks/",
        "count": base + "count/",
        "embed": f"/{language}/embed/actions/{public_id(action)}/",
    }


def sign_and_confirm(client, action, email, language="es", **fields):
    response = client.post(paths(action, language)["detail"], form_data(email=email, **fields))
    assert response.status_code == 302, response.content
    path = link_in(last_mail_to(email))
    assert client.get(path).status_code == 200
    return client.post(path)


# -- 1. the take-action link ---


def test_an_open_action_has_a_take_action_link_by_the_title(client, english_campaign):
    document = soup(client.get(english_campaign.url))
    link = document.select_one(".detail__header a.take-action")
    assert link is not None
    panel = document.select_one(link["href"])
    assert panel is not None and "action-panel" in panel["class"]
    assert link.get_text(strip=True) == "Take action"


@pytest.mark.parametrize("cached", [False, True])
def test_the_link_follows_an_action_closing_and_opening(
    request, client, english_campaign, cached, django_capture_on_commit_callbacks
):
    if cached:
        request.getfixturevalue("page_cache")
    url = english_campaign.url
    assert soup(client.get(url)).select_one("a.take-action")
    actions = CampaignAction.objects.filter(campaign=english_campaign)
    with django_capture_on_commit_callbacks(execute=True):
        for action in actions:
            action.is_open = False
            action.save()
    closed = soup(client.get(url))
    assert closed.select_one("a.take-action") is None
    assert closed.select_one("form.action-form") is None
    action = actions.filter(locale__language_code="en").first()
    with django_capture_on_commit_callbacks(execute=True):
        action.is_open = True
        action.save()
    opened = soup(client.get(url))
    assert opened.select_one("a.take-action")["href"] == f"#action-{public_id(action)}"


# -- 2. a fresh count after confirming ---


def test_the_page_the_embed_and_the_counter_show_a_confirmation_at_once(
    page_cache, client, panorama, django_capture_on_commit_callbacks
):
    page_url = "/es/campaigns/freedom-of-panorama/"
    reader = Client()
    reader.get(page_url)
    assert reader.get(page_url)["X-Page-Cache"] == "hit"
    for path in (paths(panorama)["embed"], paths(panorama)["count"]):
        reader.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        sign_and_confirm(client, panorama, "ana@example.org")
    label = soup(reader.get(page_url)).select_one(".action-progress__count strong").get_text()
    assert label.startswith("1 "), label
    embed = soup(reader.get(paths(panorama)["embed"])).select_one(".action-progress__count strong")
    assert embed.get_text().startswith("1 ")
    assert reader.get(paths(panorama)["count"]).json()["count"] == 1


# -- 3. unpublished and private campaigns, ids that cannot be walked ---


def all_paths_answer(client, action, language="es"):
    found = {name: client.get(path).status_code for name, path in paths(action, language).items()}
    found["sign"] = client.post(paths(action, language)["detail"], form_data()).status_code
    return found


def unpublish_everywhere(campaign):
    for page in Page.objects.filter(translation_key=campaign.translation_key).live():
        page.specific.unpublish()


def test_actions_of_an_unpublished_campaign_are_not_served(client, panorama):
    SignatureFactory(action=panorama, email="bea@example.org")
    unpublish_everywhere(panorama.campaign)
    assert set(all_paths_answer(client, panorama).values()) == {404}
    assert not Signature.objects.filter(email="ana@example.org").exists()


def test_actions_of_a_never_published_campaign_are_not_served(client, english_campaign):
    from actions.factories import CampaignActionFactory

    index = english_campaign.get_parent()
    draft = english_campaign.copy(
        to=index,
        update_attrs={"slug": "a-draft-campaign", "title": "A draft"},
        keep_live=False,
        reset_translation_key=True,
    )
    assert not draft.live
    action = CampaignActionFactory(campaign=draft)
    assert set(all_paths_answer(client, action, "en").values()) == {404}


def test_actions_of_a_private_campaign_are_not_served(client, english_campaign):
    action = CampaignAction.objects.filter(
        campaign=english_campaign, locale__language_code="en"
    ).first()
    PageViewRestriction.objects.create(
        page=english_campaign, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    answers = all_paths_answer(client, action, "en")
    assert set(answers.values()) == {404}, answers


def test_a_confirmation_link_of_an_unpublished_campaign_is_not_served(client, panorama):
    client.post(paths(panorama)["detail"], form_data())
    path = link_in(last_mail_to("ana@example.org"))
    unpublish_everywhere(panorama.campaign)
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    assert not Signature.objects.filter(confirmed_at__isnull=False).exists()


def test_public_urls_name_no_internal_id(client, panorama):
    assert len(public_id(panorama)) >= 16
    assert not public_id(panorama).isdigit()
    for path in (f"/es/actions/{panorama.pk}/", f"/es/embed/actions/{panorama.pk}/"):
        assert client.get(path).status_code == 404
    page = client.get("/es/campaigns/freedom-of-panorama/").content.decode()
    assert f"/actions/{public_id(panorama)}/" in page
    assert f"action-{panorama.pk}" not in page
    others = CampaignAction.objects.exclude(translation_key=panorama.translation_key)
    assert public_id(panorama) not in {public_id(other) for other in others}
    # Every translation of an action shares its public id: the link is the same in each.
    spanish, english = (
        CampaignAction.objects.get(
            translation_key=panorama.translation_key, locale__language_code=code
        )
        for code in ("es", "en")
    )
    assert public_id(spanish) == public_id(english)


# -- 4. the "my data" request ---


def test_the_data_request_does_the_same_work_whether_or_not_the_address_signed(client, panorama):
    SignatureFactory(action=panorama, email="ana@example.org", confirmed_at=time_now())
    work = {}
    for email in ("ana@example.org", "nobody@example.org"):
        with (
            mock.patch("actions.data_views.send_data_link_task") as task,
            CaptureQueriesContext(connection) as queries,
        ):
            response = client.post("/es/actions/my-data/", form_data(email=email))
        assert response.status_code == 302
        (call,) = task.enqueue.call_args_list
        work[email] = (len(queries), sorted(call.kwargs), len(mail.outbox))
    assert work["ana@example.org"] == work["nobody@example.org"]
    assert work["ana@example.org"][2] == 0  # mailed by the task, not by the request


def test_data_requests_are_limited_per_address(client, panorama):
    answers = [
        client.post(
            "/es/actions/my-data/",
            form_data(email="ana@example.org"),
            REMOTE_ADDR=f"192.0.2.{number}",
        )
        for number in range(8)
    ]
    codes = [answer.status_code for answer in answers]
    assert 429 in codes and 500 not in codes
    refused = answers[codes.index(429)]
    message = "Too many requests for this address. Please wait a while and try again."
    assert translated("es", message) in refused.content.decode()
    # Another address is not held back by Ana's.
    other = client.post("/es/actions/my-data/", form_data(email="bea@example.org"))
    assert other.status_code == 302


def time_now():
    from django.utils import timezone

    return timezone.now()


# -- 5. replays and the details of unconfirmed signatures ---


def test_a_start_time_is_accepted_once(client, panorama):
    started = started_value(time.time() - 60)
    first = client.post(paths(panorama)["detail"], {**form_data(), "started": started})
    assert first.status_code == 302
    replay = client.post(
        paths(panorama)["detail"], {**form_data(email="bea@example.org"), "started": started}
    )
    assert replay.status_code == 200
    assert not Signature.objects.filter(email="bea@example.org").exists()
    message = "This form was already sent. Please check your details and send it again."
    assert translated("es", message) in replay.content.decode()


def test_a_form_with_an_error_keeps_its_start_time_usable(client, panorama):
    started = started_value(time.time() - 60)
    bad = client.post(
        paths(panorama)["detail"], {**form_data(email="not an address"), "started": started}
    )
    assert bad.status_code == 200
    again = client.post(paths(panorama)["detail"], {**form_data(), "started": started})
    assert again.status_code == 302


def test_cached_pages_give_every_reader_a_start_time_of_their_own(page_cache, panorama):
    url = "/es/campaigns/freedom-of-panorama/"
    found = []
    for _reader in range(3):
        response = Client().get(url)
        found.append(re.search(rb'name="started" value="([^"]+)"', response.content).group(1))
    assert response["X-Page-Cache"] == "hit"
    assert len(set(found)) == 3
    posted = [
        Client().post(
            paths(panorama)["detail"],
            {**form_data(email=f"s{number}@example.org"), "started": value.decode()},
        )
        for number, value in enumerate(found)
    ]
    # Served just now: too quick, but each is ours (not "open too long").
    assert all(answer.status_code == 200 for answer in posted)
    assert "más rápido" in posted[0].content.decode()


def test_others_cannot_overwrite_the_details_of_an_unconfirmed_signature(client, panorama):
    client.post(paths(panorama)["detail"], form_data(name="Ana", country="ES", comment="Sí"))
    ana_link = link_in(last_mail_to("ana@example.org"))
    mail.outbox.clear()
    from django.core.cache import cache

    cache.clear()  # past the resend interval and the rate limit
    client.post(paths(panorama)["detail"], form_data(name="Mallory", country="RU", comment="spam"))
    signature = Signature.objects.get(email="ana@example.org")
    assert (signature.name, signature.country, signature.comment) == ("Ana", "ES", "Sí")
    # The second link went to Ana, shows what it would confirm, and confirming her own link
    # keeps her own details.
    mallory_link = link_in(last_mail_to("ana@example.org"))
    assert "Mallory" in client.get(mallory_link).content.decode()
    client.post(ana_link)
    signature.refresh_from_db()
    assert signature.is_confirmed
    assert (signature.name, signature.country, signature.comment) == ("Ana", "ES", "Sí")


def test_a_signer_can_correct_details_through_the_newer_link(client, panorama):
    client.post(paths(panorama)["detail"], form_data(name="Anna"))
    from django.core.cache import cache

    cache.clear()
    client.post(paths(panorama)["detail"], form_data(name="Ana"))
    client.post(link_in(last_mail_to("ana@example.org")))
    assert Signature.objects.get(email="ana@example.org").name == "Ana"


# -- 6. data links ---


def data_link(client, email="ana@example.org"):
    mail.outbox.clear()
    assert client.post("/es/actions/my-data/", form_data(email=email)).status_code == 302
    return link_in(last_mail_to(email))


def test_a_newer_data_link_replaces_the_older_one(client, panorama, settings):
    SignatureFactory(action=panorama, email="ana@example.org")
    older = data_link(client)
    newer = data_link(client)
    assert client.get(older).status_code == 400
    assert client.get(newer).status_code == 200
    assert client.get(newer).status_code == 200  # seeing one's data again is fine
    assert settings.PORTAL_ACTIONS_DATA_LINK_HOURS == 1


def test_a_data_link_deletes_once(client, panorama):
    SignatureFactory(action=panorama, email="ana@example.org")
    link = data_link(client)
    assert client.post(link).status_code == 200
    assert not Signature.objects.filter(email="ana@example.org").exists()
    assert client.get(link).status_code == 400
    assert client.post(link).status_code == 400


def test_an_expired_data_link_is_refused(client, panorama, settings):
    SignatureFactory(action=panorama, email="ana@example.org")
    link = data_link(client)
    later = time.time() + settings.PORTAL_ACTIONS_DATA_LINK_HOURS * 3600 + 5
    with mock.patch("time.time", return_value=later):
        assert client.get(link).status_code == 400


# -- 7. links in mails ---


def test_mail_links_use_the_configured_address_not_the_host_header(client, panorama, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.PORTAL_BASE_URL = "https://portal.example"
    SignatureFactory(action=panorama, email="bea@example.org")
    forged = {"HTTP_HOST": "evil.example"}
    client.post(paths(panorama)["detail"], form_data(), **forged)
    client.post("/es/actions/my-data/", form_data(email="bea@example.org"), **forged)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "evil.example" not in message.body
        assert re.search(r"https://portal\.example/es/actions/\S+", message.body)


# -- 8. HEAD ---


def test_every_get_view_answers_head_like_get(client, panorama):
    SignatureFactory(action=panorama, email="bea@example.org")
    client.post(paths(panorama)["detail"], form_data())
    confirm = link_in(last_mail_to("ana@example.org"))
    data = data_link(Client(), "bea@example.org")
    urls = [
        *paths(panorama).values(),
        confirm,
        "/es/actions/my-data/",
        "/es/actions/my-data/sent/",
        data,
    ]
    for url in urls:
        get = client.get(url)
        head = client.head(url)
        assert head.status_code == get.status_code == 200, url
        assert head.content == b""
