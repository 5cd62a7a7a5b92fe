"""Signing with double opt-in: the form on the campaign page, the mail, the confirmation, the
thank-you step, and one signature per address."""

import pytest

from django.core import mail
from django.core.cache import cache

from actions.models import ActionTally, Signature
from tests.helpers import soup

from .helpers import form_data, last_mail_to, link_in, translated

pytestmark = pytest.mark.django_db


def count_of(action):
    tally = ActionTally.objects.filter(key=action.translation_key).first()
    return tally.confirmed_count if tally else 0


def sign(client, action, **data):
    return client.post(f"/es/actions/{action.public_id}/", form_data(**data))


def confirm_from_mail(client, address):
    path = link_in(last_mail_to(address))
    page = client.get(path)
    assert page.status_code == 200
    return client.post(path)


def test_campaign_page_shows_the_form_with_labelled_fields(client, panorama):
    document = soup(client.get("/es/campaigns/freedom-of-panorama/"))
    panel = document.select_one(f"#action-{panorama.public_id}")
    assert panel.select_one(".action-panel__title").get_text() == panorama.title
    form = panel.select_one("form.action-form")
    assert form["action"] == f"/es/actions/{panorama.public_id}/"
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    for name in ("email", "name", "country", "comment", "consent"):
        field = form.select_one(f"[name={name}]")
        assert form.select_one(f"label[for={field['id']}]").get_text().strip(), name
    consent_label = form.select_one(f"label[for=action-{panorama.public_id}-consent]")
    assert consent_label.get_text() == panorama.consent_text
    # The country list is named in the reader's language.
    assert form.select_one("option[value=ES]").get_text() == "España"
    assert "0" in panel.select_one(".action-progress__count").get_text()
    assert panel.select_one("progress")["max"] == str(panorama.goal)
    assert panel.select_one(".action-panel__privacy a")["href"] == "/es/actions/my-data/"


def test_signing_takes_a_confirmation_before_it_counts(client, panorama):
    response = sign(client, panorama, name="Ana María", country="ES", comment="¡Sí!")
    assert response.status_code == 302
    assert response["Location"] == f"/es/actions/{panorama.public_id}/check-your-email/"
    assert client.get(response["Location"]).status_code == 200
    signature = Signature.objects.get(email="ana@example.org")
    assert (signature.language, signature.name, signature.country) == ("es", "Ana María", "ES")
    assert signature.confirmed_at is None
    assert count_of(panorama) == 0

    message = last_mail_to("ana@example.org")
    assert panorama.title in message.subject  # the action's Spanish title
    assert link_in(message).startswith("/es/actions/confirm/")
    before = count_of(panorama)
    response = confirm_from_mail(client, "ana@example.org")
    assert response.status_code == 302
    assert response["Location"] == f"/es/actions/{panorama.public_id}/thanks/"
    assert count_of(panorama) == before + 1
    signature.refresh_from_db()
    assert signature.confirmed_at is not None


def test_confirmation_page_needs_a_click_so_link_scanners_confirm_nothing(client, panorama):
    sign(client, panorama)
    path = link_in(last_mail_to("ana@example.org"))
    document = soup(client.get(path))
    assert document.select_one(f"form[method=post][action='{path}'] button")
    assert count_of(panorama) == 0


def test_thank_you_step_has_plain_share_links_and_the_new_count(client, panorama):
    sign(client, panorama, name="Ana María", country="ES")
    thanks = client.get(confirm_from_mail(client, "ana@example.org")["Location"])
    document = soup(thanks)
    assert document.select_one(".action-progress__count").get_text().strip().startswith("1 ")
    links = [a["href"] for a in document.select(".action-share a")]
    assert links[0].startswith("mailto:?subject=")
    assert "freedom-of-panorama" in links[0]
    tweet = next(link for link in links if link.startswith("https://twitter.com/intent/tweet?"))
    assert "libertad+de+panorama" in tweet  # the Spanish share text
    assert all(link.startswith(("mailto:", "https://")) for link in links)
    for link in document.select(".action-share a"):
        assert link["rel"] == ["noopener", "noreferrer"]
    # No third-party script or stylesheet: share links are plain links.
    for tag in document.select("script[src], link[href], img[src]"):
        assert (tag.get("src") or tag.get("href")).startswith("/"), tag
    # Recent signers: first name and country only.
    assert [li.get_text() for li in document.select(".action-signers li")] == ["Ana (España)"]


def test_campaign_page_lists_recent_signers_by_first_name_and_country(client, panorama):
    sign(client, panorama, email="b@example.org", name="Bruno Díaz Pérez", country="MX")
    confirm_from_mail(client, "b@example.org")
    document = soup(client.get("/es/campaigns/freedom-of-panorama/"))
    signers = [li.get_text() for li in document.select(".action-signers li")]
    assert signers == ["Bruno (México)"]
    assert "Díaz" not in document.get_text()
    assert "b@example.org" not in document.get_text()


@pytest.mark.parametrize(
    "again", ["ana@example.org", "  ANA@Example.org ", "ａｎａ＠ｅｘａｍｐｌｅ．ｏｒｇ"]
)
def test_the_same_address_signs_once_and_is_welcomed_back(client, panorama, again):
    sign(client, panorama)
    first_link = link_in(last_mail_to("ana@example.org"))
    client.post(first_link)
    mail.outbox.clear()
    cache.clear()  # the one-minute resend throttle
    response = sign(client, panorama, email=again)
    # The same answer as a first signature: the page does not tell who has signed.
    assert response["Location"] == f"/es/actions/{panorama.public_id}/check-your-email/"
    assert Signature.objects.filter(tally__key=panorama.translation_key).count() == 1
    assert count_of(panorama) == 1
    message = last_mail_to("ana@example.org")
    welcome = translated("es", "You have already signed: %(title)s") % {"title": panorama.title}
    assert message.subject == welcome
    assert link_in(message) == "/es/actions/my-data/"
    # Following the old confirmation link again does not count twice either.
    assert client.post(first_link)["Location"].endswith("?already=1")
    assert count_of(panorama) == 1


def test_a_repeat_before_confirming_resends_the_link_once_a_minute(client, panorama):
    sign(client, panorama)
    sign(client, panorama, email="ANA@example.org")
    assert len(mail.outbox) == 1  # throttled: a minute has not passed
    cache.clear()
    sign(client, panorama, email="ANA@example.org", name="Ana")
    assert len(mail.outbox) == 2
    # The new details stand only once confirmed through their own link (issue #14: anyone who
    # knows an address could otherwise rewrite what its owner signed).
    assert Signature.objects.get(email="ana@example.org").name == ""
    confirm_from_mail(client, "ana@example.org")
    assert Signature.objects.get(email="ana@example.org").name == "Ana"
    # Once confirmed, the link leads to the thank-you step and counts nothing more.
    path = link_in(last_mail_to("ana@example.org"))
    assert client.get(path)["Location"] == f"/es/actions/{panorama.public_id}/thanks/?already=1"
    client.post(path)
    assert count_of(panorama) == 1


def test_confirming_twice_counts_once_and_says_so(client, panorama):
    sign(client, panorama)
    path = link_in(last_mail_to("ana@example.org"))
    client.post(path)
    again = client.post(path)
    assert again["Location"] == f"/es/actions/{panorama.public_id}/thanks/?already=1"
    assert count_of(panorama) == 1
    heading = soup(client.get(again["Location"])).select_one("h1").get_text()
    assert heading == translated("es", "You had already signed — thank you!")


@pytest.mark.parametrize("token", ["nonsense", "eyJzIjoxfQ:1abc:xyz", "a" * 300])
def test_bad_confirmation_links_get_a_clear_page_not_an_error(client, token):
    response = client.get(f"/es/actions/confirm/{token}/")
    assert response.status_code == 400
    assert soup(response).select_one("h1").get_text()


def test_expired_confirmation_link(client, panorama, settings):
    sign(client, panorama)
    path = link_in(last_mail_to("ana@example.org"))
    settings.PORTAL_ACTIONS_CONFIRMATION_DAYS = 0
    assert client.post(path).status_code == 400
    assert count_of(panorama) == 0


def test_errors_are_tied_to_their_fields_and_input_is_kept(client, panorama):
    response = client.post(
        f"/es/actions/{panorama.public_id}/",
        {**form_data(email="not an address", name="Ana"), "consent": ""},
    )
    assert response.status_code == 200
    document = soup(response)
    email = document.select_one("input[name=email]")
    assert email["value"] == "not an address"
    assert email["aria-invalid"] == "true"
    for described in email["aria-describedby"].split():
        assert document.select_one(f"#{described}"), described
    assert document.select_one(f"#{email['id']}_error").get_text().strip()
    consent = document.select_one("input[name=consent]")
    assert document.select_one(f"#{consent['id']}_error")
    assert f"{consent['id']}_error" in consent["aria-describedby"]
    assert document.select_one("input[name=name]")["value"] == "Ana"
    assert document.select_one("[role=alert]")
    assert not Signature.objects.exists()
    assert not mail.outbox


def test_no_ip_address_is_stored_anywhere(client, panorama):
    address = "203.0.113.77"
    client.post(f"/es/actions/{panorama.public_id}/", form_data(), REMOTE_ADDR=address)
    signature = Signature.objects.get()
    stored = " ".join(str(getattr(signature, field.attname)) for field in Signature._meta.fields)
    assert address not in stored
    assert cache._cache, "the rate limit counted this submission"
    assert not any(address in key for key in cache._cache)
    assert not any(address.encode() in value for value in cache._cache.values())


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "x" * 10_000 + "@example.org", "consent": "on"},
        {"email": "nul\x00@example.org", "consent": "on", "started": "1"},
        {"email": "a@example.org", "country": "NOWHERE", "consent": "on"},
        {"email": ["a@example.org", "b@example.org"], "consent": "maybe", "comment": "x" * 5000},
    ],
)
def test_odd_submissions_get_the_form_back_never_an_error(client, panorama, data):
    response = client.post(f"/es/actions/{panorama.public_id}/", data)
    assert response.status_code == 200
    assert soup(response).select_one("form.action-form")
    assert not Signature.objects.exists()


def test_unknown_action_is_a_404(client):
    assert client.get("/es/actions/999999/").status_code == 404
    assert client.post("/es/actions/999999/", form_data()).status_code == 404
