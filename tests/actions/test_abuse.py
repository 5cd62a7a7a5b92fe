"""Abuse without third parties: a honeypot, a minimum fill time and a rate limit keyed on a
daily-salted hash of the client address. Each refusal says why, in the form, which keeps what
was typed."""

import datetime
import time

import pytest

from django.core import mail
from django.core.cache import cache

from actions.models import Signature
from safeguards import ratelimit
from safeguards.started import started_age, started_value
from tests.helpers import soup

from .helpers import form_data, translated

pytestmark = pytest.mark.django_db

HONEYPOT = "This form could not be sent. Please leave the hidden field empty."
TOO_FAST = "That was quicker than we expected. Please check your details and send it again."
STALE = "This form was open for too long. Please check your details and send it again."
TOO_MANY = "Too many attempts from your connection. Please wait a while and try again."


def post(client, action, data, **extra):
    return client.post(f"/es/actions/{action.public_id}/", data, **extra)


def alert_text(response):
    return soup(response).select_one("[role=alert]").get_text(" ")


def test_a_filled_honeypot_is_refused(client, panorama):
    response = post(client, panorama, form_data(name="Ana", website="http://spam.example"))
    assert response.status_code == 200
    assert translated("es", HONEYPOT) in alert_text(response)
    assert soup(response).select_one("input[name=name]")["value"] == "Ana"
    assert not Signature.objects.exists()
    assert not mail.outbox


def test_the_honeypot_is_hidden_from_people(client, panorama):
    document = soup(client.get(f"/es/actions/{panorama.public_id}/"))
    trap = document.select_one("input[name=website]")
    assert trap["tabindex"] == "-1"
    assert trap.find_parent(class_="action-hp")["aria-hidden"] == "true"


def test_a_form_sent_too_fast_is_refused_and_can_be_sent_again(client, panorama, settings):
    settings.PORTAL_ACTIONS_MIN_FILL_SECONDS = 30
    response = post(client, panorama, {**form_data(name="Ana"), "started": started_value()})
    assert translated("es", TOO_FAST) in alert_text(response)
    document = soup(response)
    assert document.select_one("input[name=email]")["value"] == "ana@example.org"
    assert document.select_one("input[name=consent]").has_attr("checked")
    assert not Signature.objects.exists()
    # The form keeps its original start time, so sending it again later goes through.
    kept = document.select_one("input[name=started]")["value"]
    assert started_age(kept) < 30
    settings.PORTAL_ACTIONS_MIN_FILL_SECONDS = 0
    assert post(client, panorama, {**form_data(), "started": kept}).status_code == 302


@pytest.mark.parametrize("started", ["", "12345", "12345:forged", None])
def test_a_missing_or_forged_start_time_is_refused_with_a_fresh_one(client, panorama, started):
    data = form_data()
    if started is None:
        del data["started"]
    else:
        data["started"] = started
    response = post(client, panorama, data)
    assert response.status_code == 200
    assert translated("es", STALE) in alert_text(response)
    fresh = soup(response).select_one("input[name=started]")["value"]
    assert started_age(fresh) is not None and started_age(fresh) < 5
    assert not Signature.objects.exists()


def test_a_form_replayed_days_later_is_refused(client, panorama):
    old = started_value(time.time() - 3 * 86400)
    response = post(client, panorama, {**form_data(), "started": old})
    assert translated("es", STALE) in alert_text(response)


def test_rate_limit_per_client_with_a_clear_message(client, panorama, settings):
    settings.PORTAL_ACTIONS_RATE_LIMIT = 2
    for number in range(2):
        response = post(client, panorama, form_data(email=f"p{number}@example.org"))
        assert response.status_code == 302
    response = post(client, panorama, form_data(email="third@example.org", name="Tercera"))
    assert response.status_code == 429
    assert translated("es", TOO_MANY) in alert_text(response)
    assert soup(response).select_one("input[name=name]")["value"] == "Tercera"
    assert not Signature.objects.filter(email="third@example.org").exists()
    # Another client is not held back.
    other = post(client, panorama, form_data(email="third@example.org"), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 302


def test_the_data_request_form_is_rate_limited_too(client, settings):
    settings.PORTAL_ACTIONS_RATE_LIMIT = 1
    assert client.post("/es/actions/my-data/", form_data()).status_code == 302
    response = client.post("/es/actions/my-data/", form_data())
    assert response.status_code == 429
    assert translated("es", TOO_MANY) in alert_text(response)


def test_rate_limit_keys_are_salted_hashes_that_change_every_day(rf, monkeypatch):
    request = rf.post("/", REMOTE_ADDR="198.51.100.4")
    today = ratelimit.client_digest(request)
    assert "198.51.100.4" not in today and len(today) == 40
    assert ratelimit.client_digest(rf.post("/", REMOTE_ADDR="198.51.100.5")) != today
    tomorrow = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    monkeypatch.setattr(ratelimit.timezone, "now", lambda: tomorrow)
    assert ratelimit.client_digest(request) != today


def test_behind_the_portal_proxy_the_last_forwarded_address_counts(rf, settings):
    settings.PORTAL_ACTIONS_CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    spoofed = rf.post("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.4")
    plain = rf.post("/", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert ratelimit.client_digest(spoofed) == ratelimit.client_digest(plain)


def test_counters_expire_with_the_window(rf, settings):
    settings.PORTAL_ACTIONS_RATE_LIMIT = 1
    settings.PORTAL_ACTIONS_RATE_WINDOW = 60
    request = rf.post("/", REMOTE_ADDR="198.51.100.4")
    assert ratelimit.hit(request, "sign")
    assert not ratelimit.hit(request, "sign")
    cache.clear()  # what the window's end does
    assert ratelimit.hit(request, "sign")
