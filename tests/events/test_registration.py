"""Registering for an event: email only, double opt-in by an emailed signed link, the public
form safeguards (honeypot, fill time, rate limit), one registration per address and event in
every language, deleted after the event; no IP address kept."""

import datetime

import pytest

from django.core import mail, signing
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from agenda import services, tokens
from agenda.models import Registration
from safeguards.started import started_value
from tests.helpers import soup

from .helpers import demo_event, form_data, last_mail_to, link_in, new_event, translated

pytestmark = pytest.mark.django_db

HONEYPOT = "This form could not be sent. Please leave the hidden field empty."
TOO_FAST = "That was quicker than we expected. Please check your details and send it again."
TOO_MANY = "Too many attempts from your connection. Please wait a while and try again."


@pytest.fixture
def hour():
    return demo_event("library-access-conversation-hour", "ar")


def register(client, event, data, language="ar", **extra):
    return client.post(f"/{language}/event-registration/{event.pk}/", data, **extra)


def alert_text(response):
    return soup(response).select_one("[role=alert]").get_text(" ")


def confirm_from_mail(client, address):
    path = link_in(last_mail_to(address))
    page = client.get(path)
    assert page.status_code == 200
    assert soup(page).select_one("form[method=post] button")
    return client.post(path)


def test_double_opt_in(client, hour):
    response = register(client, hour, form_data())
    assert response.status_code == 302
    assert response["Location"] == f"/ar/event-registration/{hour.pk}/check-your-email/"
    assert client.get(response["Location"]).status_code == 200
    registration = Registration.objects.get()
    assert registration.email == "ana@example.org"
    assert registration.language == "ar"
    assert not registration.is_confirmed  # nothing counts yet
    message = last_mail_to("ana@example.org")
    assert hour.title in message.subject
    # Opening the link confirms nothing (mail scanners follow links); the button does.
    path = link_in(message)
    assert path.startswith("/ar/event-registration/confirm/")
    client.get(path)
    registration.refresh_from_db()
    assert not registration.is_confirmed
    done = client.post(path)
    assert done.status_code == 200
    assert hour.title in soup(done).select_one("main").get_text()
    registration.refresh_from_db()
    assert registration.is_confirmed


def test_one_registration_per_address_in_every_language(client, hour):
    register(client, hour, form_data(email="Ana@Example.org "))
    confirm_from_mail(client, "ana@example.org")
    english = demo_event("library-access-conversation-hour", "en")
    mail.outbox.clear()
    response = register(client, english, form_data(), language="en")
    assert response.status_code == 302  # the same answer: the form tells nobody who registered
    assert Registration.objects.count() == 1
    assert "already registered" in last_mail_to("ana@example.org").subject


def test_an_unconfirmed_address_gets_a_new_link_and_stays_one_registration(client, hour):
    register(client, hour, form_data())
    register(client, hour, form_data())
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 2
    assert confirm_from_mail(client, "ana@example.org").status_code == 200


def test_a_forged_or_altered_link_is_refused(client, hour):
    register(client, hour, form_data())
    path = link_in(last_mail_to("ana@example.org"))
    assert client.post(path[:-3] + "xx/").status_code == 400
    assert client.get("/ar/event-registration/confirm/not-a-token/").status_code == 400
    other = services.register(event=hour, email="bob@example.org", language="ar").registration
    token = signing.dumps({"r": other.pk, "d": "0" * 20}, salt=tokens.CONFIRM_SALT)
    assert client.post(f"/ar/event-registration/confirm/{token}/").status_code == 400
    assert not Registration.objects.filter(confirmed_at__isnull=False).exists()


def test_a_filled_honeypot_is_refused_with_what_was_typed(client, hour):
    response = register(client, hour, form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert translated("ar", HONEYPOT) in alert_text(response)
    assert soup(response).select_one("input[name=email]")["value"] == "ana@example.org"
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_a_form_sent_too_fast_is_refused(client, hour, settings):
    settings.PORTAL_ACTIONS_MIN_FILL_SECONDS = 30
    response = register(client, hour, {**form_data(), "started": started_value()})
    assert translated("ar", TOO_FAST) in alert_text(response)
    assert not Registration.objects.exists()


def test_a_bad_address_re_renders_the_form(client, hour):
    response = register(client, hour, form_data(email="not an address"))
    assert response.status_code == 200
    document = soup(response)
    assert document.select_one("input[name=email]")["value"] == "not an address"
    assert document.select_one("input[name=email]")["aria-invalid"] == "true"
    assert not Registration.objects.exists()


def test_the_rate_limit(client, hour, settings):
    settings.PORTAL_ACTIONS_RATE_LIMIT = 2
    for number in range(2):
        assert register(client, hour, form_data(email=f"p{number}@example.org")).status_code == 302
    response = register(client, hour, form_data(email="p3@example.org"))
    assert response.status_code == 429
    assert translated("ar", TOO_MANY) in alert_text(response)
    assert Registration.objects.count() == 2


def test_no_ip_address_is_stored(client, hour):
    register(client, hour, form_data(), REMOTE_ADDR="203.0.113.77")
    fields = {field.name for field in Registration._meta.get_fields()}
    assert not {"ip", "ip_address", "address", "user_agent"} & fields
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM events_registration")
        rows = cursor.fetchall()
    assert rows and "203.0.113.77" not in repr(rows)


def test_events_without_internal_registration_take_none(client):
    meetup = demo_event("open-data-meetup-mexico-city", "es")
    assert register(client, meetup, form_data(), language="es").status_code == 404
    assert client.get(f"/es/event-registration/{meetup.pk}/").status_code == 404


def test_an_event_over_takes_no_registration(client):
    event = new_event(days=-2, registration="internal")
    response = register(client, event, form_data(), language="en")
    assert response.status_code == 410
    assert not Registration.objects.exists()


def test_the_event_page_form_is_kept_in_the_page_cache_with_holes(client, page_cache, hour):
    first = client.get(hour.url)
    second = client.get(hour.url)
    started = [soup(r).select_one("input[name=started]")["value"] for r in (first, second)]
    assert started[0] != started[1]
    assert "private" in second["Cache-Control"]


def test_purge_after_the_event(client, hour):
    event = new_event(days=1, registration="internal")
    register(client, event, form_data(email="later@example.org"), language="en")
    register(client, hour, form_data(email="kept@example.org"))
    confirm_from_mail(client, "later@example.org")
    assert services.purge_event_registrations() == 0
    after = event.end + datetime.timedelta(hours=25)
    assert services.purge_event_registrations(now=after) == 1
    assert not Registration.objects.filter(email="later@example.org").exists()
    assert Registration.objects.filter(email="kept@example.org").exists()


def test_unconfirmed_registrations_expire_with_their_link(client, hour):
    register(client, hour, form_data())
    Registration.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    call_command("purge_event_registrations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Registration.objects.exists()


def test_the_form_is_reachable_from_the_event_page(client, hour):
    document = soup(client.get(hour.url))
    form = document.select_one("form.event-form")
    assert form["action"] == f"/ar/event-registration/{hour.pk}/"
    label = form.select_one("label[for]")
    assert form.select_one(f"#{label['for']}")["type"] == "email"
    assert document.select_one("input[name=website]")["tabindex"] == "-1"
