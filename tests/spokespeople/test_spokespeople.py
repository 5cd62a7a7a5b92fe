"""The directory of spokespeople: people offer to speak (double opt-in, their own consent
recorded), staff list them, journalists write through the relay form (nothing kept, no address
shown), people leave through a mailed link (their data deleted), unconfirmed offers purged."""

import datetime
import re
import time

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.models.taxonomy import Topic
from demo.spokespeople import PEOPLE, load_spokespeople
from safeguards import links
from safeguards import mail as safe_mail
from safeguards.started import started_value
from spokespeople import services
from spokespeople.models import CONSENT_VERSION, Spokesperson
from tests.helpers import soup

pytestmark = pytest.mark.django_db

DEMO_ADDRESSES = [item["email"] for item in PEOPLE]


def links_in(message):
    return re.findall(r"http://testserver(/\S+)", message.body)


def offer_form(**fields):
    return {
        "public_name": "Amal Haddad",
        "name_kind": "pseudonym",
        "bio": "أتحدث عن الخصوصية وحرية التعبير.",
        "topics": ["privacy-surveillance"],
        "regions": ["middle-east-north-africa"],
        "languages": ["ar", "en"],
        "email": "Amal@Example.org",
        "consent": "on",
        "started": started_value(time.time() - 60),
        "website": "",
        **fields,
    }


def relay_form(**fields):
    return {
        "name": "Sami Reporter",
        "outlet": "The Daily Example",
        "email": "sami@news.example.net",
        "message": "Could we talk about the new surveillance law before Friday?",
        "started": started_value(time.time() - 60),
        "website": "",
        **fields,
    }


def listed(email):
    return Spokesperson.objects.get(email=email, status=Spokesperson.Status.LISTED)


def test_an_offer_counts_only_once_confirmed_and_shows_only_once_listed(
    client, django_capture_on_commit_callbacks
):
    response = client.post("/ar/network/spokespeople/offer/", offer_form())
    assert response.status_code == 302
    person = Spokesperson.objects.get(public_name="Amal Haddad")
    assert person.email == "amal@example.org"
    assert person.language == "ar" and person.language_codes == ["ar", "en"]
    assert person.status == Spokesperson.Status.UNCONFIRMED and person.consented_at is None
    assert list(person.topics.values_list("slug", "locale__language_code")) == [
        ("privacy-surveillance", "en")
    ]
    confirm, leave = links_in(mail.outbox[-1])
    assert confirm.startswith("/ar/network/spokespeople/confirm/")
    assert leave.startswith("/ar/network/spokespeople/leave/")
    # The link shows the consent text and a button; following it consents to nothing.
    page = client.get(confirm)
    assert page.status_code == 200 and "Amal Haddad" in page.content.decode()
    person.refresh_from_db()
    assert person.status == Spokesperson.Status.UNCONFIRMED
    assert client.post(confirm).status_code == 200
    person.refresh_from_db()
    assert person.status == Spokesperson.Status.CONFIRMED
    assert person.consent_version == CONSENT_VERSION and person.consented_at
    assert "Amal Haddad" not in client.get("/en/network/spokespeople/").content.decode()

    # Staff list the person in the admin; the person is told, with the link to leave.
    moderator = _staff(client, "Moderators")
    url = reverse("wagtailsnippets_spokespeople_spokesperson:edit", args=[person.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _admin_data(person, status="listed"))
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.status == Spokesperson.Status.LISTED
    assert mail.outbox[-1].to == ["amal@example.org"]
    assert "/ar/network/spokespeople/leave/" in mail.outbox[-1].body
    client.logout()
    assert moderator
    assert "Amal Haddad" in client.get("/en/network/spokespeople/").content.decode()


def _staff(client, group):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=f"staff-{group}", password="x")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def _admin_data(person, **fields):
    return {
        "public_name": person.public_name,
        "name_kind": person.name_kind,
        "bio": person.bio,
        "topics": list(person.topics.values_list("pk", flat=True)) if person.pk else [],
        "regions": list(person.regions.values_list("pk", flat=True)) if person.pk else [],
        "language_codes": person.language_codes,
        "email": person.email,
        "language": person.language,
        "status": person.status,
        **fields,
    }


def test_staff_add_someone_who_must_consent_before_being_listed(
    client, django_capture_on_commit_callbacks
):
    _staff(client, "Editors")
    person = Spokesperson(
        public_name="Chen Wei", bio="Open data.", email="chen@example.org", language="zh-hans"
    )
    person.language_codes = ["zh"]
    url = reverse("wagtailsnippets_spokespeople_spokesperson:add")
    # Listing someone who has not consented is refused, and the form keeps what was typed.
    response = client.post(url, _admin_data(person, status="listed"))
    assert response.status_code == 200
    assert "Only people who have confirmed" in response.content.decode()
    assert not Spokesperson.objects.filter(email="chen@example.org").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _admin_data(person, status="unconfirmed"))
    assert response.status_code == 302
    added = Spokesperson.objects.get(email="chen@example.org")
    assert added.status == Spokesperson.Status.UNCONFIRMED and added.consented_at is None
    confirm = links_in(mail.outbox[-1])[0]
    assert confirm.startswith("/zh-hans/network/spokespeople/confirm/")
    client.logout()
    client.post(confirm)
    added.refresh_from_db()
    assert added.status == Spokesperson.Status.CONFIRMED and added.consented_at


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"website": "http://spam.example"}, "hidden field"),
        ({"started": "now"}, "quicker than we expected"),
        ({"started": "forged"}, "open for too long"),
        ({"email": "not an address"}, "valid email"),
        ({"consent": ""}, "required"),
        ({"languages": ["xx"]}, "valid choice"),
    ],
)
def test_bad_offers_come_back_with_what_was_typed(client, fields, message):
    if fields.get("started") == "now":
        fields = {"started": started_value(time.time())}
    response = client.post("/en/network/spokespeople/offer/", offer_form(**fields))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "أتحدث عن الخصوصية وحرية التعبير." in html
    assert not Spokesperson.objects.filter(public_name="Amal Haddad").exists()


def test_offers_are_rate_limited_and_a_mail_failure_keeps_nothing(client, settings, monkeypatch):
    settings.PORTAL_ACTIONS_RATE_LIMIT = 2
    url = "/en/network/spokespeople/offer/"
    statuses = [
        client.post(url, offer_form(email=f"p{n}@example.org")).status_code for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    settings.PORTAL_ACTIONS_RATE_LIMIT = 100

    def refuse(**kwargs):
        raise safe_mail.MailError

    monkeypatch.setattr(safe_mail, "send", refuse)
    response = client.post(url, offer_form(email="late@example.org"))
    assert response.status_code == 200 and "could not send" in response.content.decode()
    assert not Spokesperson.objects.filter(email="late@example.org").exists()


def test_the_directory_filters_and_shows_no_address(client, django_assert_max_num_queries):
    Spokesperson.objects.create(
        public_name="Not Yet",
        bio="Waiting.",
        email="wait@example.org",
        language="en",
        languages=",en,",
        status=Spokesperson.Status.CONFIRMED,
    )
    client.get("/ar/network/spokespeople/")  # warm the cached lookups (terms, locales)
    with django_assert_max_num_queries(6):
        response = client.get("/ar/network/spokespeople/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nour al-Sahil" in html and "Lucía Ferreyra" in html
    assert "Not Yet" not in html
    assert "@" not in soup(response).main.get_text()
    for address in [*DEMO_ADDRESSES, "wait@example.org"]:
        assert address not in html
    # Arabic names of the linked terms, from their translations.
    assert soup(response).html["lang"] == "ar"

    def names(query):
        document = soup(client.get(f"/en/network/spokespeople/?{query}"))
        return [h.get_text(strip=True) for h in document.select(".spokesperson__name")]

    assert names("language=ar") == ["Nour al-Sahil"]
    assert names("topic=open-education") == ["Lucía Ferreyra"]
    assert names("region=middle-east-north-africa&language=fr") == ["Nour al-Sahil"]
    assert names("region=latin-america&language=ar") == []
    # An unknown value is ignored and said so, never an error.
    response = client.get("/en/network/spokespeople/?topic=%00nope&language=zz")
    assert response.status_code == 200 and "ignored" in response.content.decode()


def test_no_address_in_search_or_the_api(client):
    from wagtail.search import index

    # Not in the search index at all; searching a name or an address shows neither.
    assert not issubclass(Spokesperson, index.Indexed)
    for query in ("Nour al-Sahil", "nour.relay", "example.org"):
        html = client.get("/en/search/", {"q": query}).content.decode()
        assert not any(address in html for address in DEMO_ADDRESSES)
        assert "/network/spokespeople/" not in html.split("<main", 1)[-1]
    for path in (
        "/api/v2/pages/?limit=100",
        "/api/search/?q=Nour+al-Sahil",
        "/api/search/?q=nour.relay",
    ):
        response = client.get(path)
        assert response.status_code < 500
        assert not any(address in response.content.decode() for address in DEMO_ADDRESSES)


def test_the_relay_mails_the_spokesperson_and_keeps_nothing(client, settings):
    from django.apps import apps

    person = listed("nour.relay@example.org")
    url = f"/ar/network/spokespeople/{person.pk}/write/"
    page = client.get(url)
    assert page.status_code == 200 and "Nour al-Sahil" in page.content.decode()
    counts = {model: model.objects.count() for model in apps.get_models()}
    response = client.post(url, relay_form())
    assert response.status_code == 302
    sent = client.get(response["Location"])
    assert sent.status_code == 200
    assert person.email not in sent.content.decode()
    message = mail.outbox[-1]
    assert message.to == ["nour.relay@example.org"]
    assert message.reply_to == ["sami@news.example.net"]
    assert "Could we talk about the new surveillance law before Friday?" in message.body
    assert "The Daily Example" in message.subject
    assert "/ar/network/spokespeople/leave/" in message.body
    # Nothing written anywhere: every table has as many rows as before.
    assert {model: model.objects.count() for model in apps.get_models()} == counts

    # The signing form's limits: per connection.
    settings.PORTAL_ACTIONS_RATE_LIMIT = 1
    assert client.post(url, relay_form()).status_code == 429
    # And one person's inbox, whoever writes: from another connection, another address.
    settings.PORTAL_ACTIONS_RATE_LIMIT = 100
    settings.PORTAL_SPOKESPEOPLE_INBOX_LIMIT = 1
    other = client.post(url, relay_form(email="b@news.example.net"), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 429
    assert len(mail.outbox) == 1


def test_the_relay_form_comes_back_with_errors_and_only_for_listed_people(client):
    person = listed("lucia.ferreyra@example.org")
    response = client.post(
        f"/en/network/spokespeople/{person.pk}/write/", relay_form(email="nope", message="Hola")
    )
    assert response.status_code == 200
    assert "valid email" in response.content.decode() and "Hola" in response.content.decode()
    assert not mail.outbox
    waiting = Spokesperson.objects.create(
        public_name="W",
        bio="b",
        email="w@example.org",
        language="en",
        languages=",en,",
        status=Spokesperson.Status.CONFIRMED,
    )
    assert client.get(f"/en/network/spokespeople/{waiting.pk}/write/").status_code == 404
    assert client.get("/en/network/spokespeople/99999999/write/").status_code == 404


def test_leaving_deletes_the_person_and_everything_tied_to_them(client):
    person = listed("lucia.ferreyra@example.org")
    through = [Spokesperson.topics.through, Spokesperson.regions.through]
    assert all(model.objects.filter(spokesperson_id=person.pk).exists() for model in through)
    link = services.leave_link(person).removeprefix("http://testserver")
    assert client.get(link).status_code == 200
    assert Spokesperson.objects.filter(pk=person.pk).exists()  # a GET deletes nothing
    response = client.post(link)
    assert response.status_code == 200
    assert not Spokesperson.objects.filter(pk=person.pk).exists()
    assert not any(model.objects.filter(spokesperson_id=person.pk).exists() for model in through)
    assert "Lucía Ferreyra" not in client.get("/en/network/spokespeople/").content.decode()
    # The link does not work twice, nor does one mailed to another address or a forged one.
    assert client.post(link).status_code == 400
    other = listed("nour.relay@example.org")
    wrong = links.make(services.LEAVE_SALT, other.pk, "someone@example.org")
    assert client.post(f"/en/network/spokespeople/leave/{wrong}/").status_code == 400
    confirm_as_leave = links.make(services.CONFIRM_SALT, other.pk, other.email)
    assert client.post(f"/en/network/spokespeople/leave/{confirm_as_leave}/").status_code == 400
    assert client.get("/en/network/spokespeople/leave/forged/").status_code == 400
    assert Spokesperson.objects.filter(pk=other.pk).exists()


def test_an_expired_confirmation_link_is_refused(client, settings):
    person = Spokesperson.objects.create(
        public_name="Late", bio="b", email="late@example.org", language="en", languages=",en,"
    )
    token = links.make(services.CONFIRM_SALT, person.pk, person.email)
    settings.PORTAL_SPOKESPEOPLE_LINK_DAYS = 0
    time.sleep(1)
    assert client.post(f"/en/network/spokespeople/confirm/{token}/").status_code == 400
    person.refresh_from_db()
    assert person.status == Spokesperson.Status.UNCONFIRMED


def test_the_purge_deletes_unconfirmed_offers_after_seven_days():
    def make(email, status, days):
        person = Spokesperson.objects.create(
            public_name=email,
            bio="b",
            email=email,
            language="en",
            languages=",en,",
            status=status,
        )
        Spokesperson.objects.filter(pk=person.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days)
        )
        person.topics.set(Topic.objects.filter(slug="copyright")[:1])
        return person

    old = make("old@example.org", Spokesperson.Status.UNCONFIRMED, 8)
    recent = make("recent@example.org", Spokesperson.Status.UNCONFIRMED, 6)
    confirmed = make("confirmed@example.org", Spokesperson.Status.CONFIRMED, 30)
    out = __import__("io").StringIO()
    call_command("purge_spokespeople", stdout=out)
    assert "Deleted 1 unconfirmed offer(s)" in out.getvalue()
    assert not Spokesperson.objects.filter(pk=old.pk).exists()
    assert not Spokesperson.topics.through.objects.filter(spokesperson_id=old.pk).exists()
    assert Spokesperson.objects.filter(pk__in=[recent.pk, confirmed.pk]).count() == 2
    assert listed("nour.relay@example.org")  # demo entries untouched


def test_the_demo_is_idempotent_and_skips_terms_not_loaded(monkeypatch):
    assert load_spokespeople() == 0
    assert Spokesperson.objects.filter(email__in=DEMO_ADDRESSES).count() == 2
    Spokesperson.objects.all().delete()
    # As after a partial load: terms that are not there are left out, nothing fails.
    monkeypatch.setattr(Topic.objects, "filter", lambda **kw: Topic.objects.none())
    assert load_spokespeople() == 2
    assert load_spokespeople() == 0
    nour = listed("nour.relay@example.org")
    assert nour.is_pseudonym and nour.language_codes == ["ar", "fr", "en"]
    assert not nour.topics.exists() and nour.regions.exists()


def test_get_involved_links_to_the_directory(client):
    html = client.get("/ar/get-involved/").content.decode()
    assert 'href="/ar/network/spokespeople/"' in html
    assert 'href="/ar/network/spokespeople/offer/"' in html


def test_the_kept_directory_is_renewed_when_someone_leaves_or_is_listed(
    client, page_cache, django_capture_on_commit_callbacks
):
    person = listed("lucia.ferreyra@example.org")
    url = "/en/network/spokespeople/"
    assert "Lucía Ferreyra" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.leave(person=person)
    assert "Lucía Ferreyra" not in client.get(url).content.decode()
    waiting = Spokesperson.objects.create(
        public_name="Newly Listed",
        bio="b",
        email="new@example.org",
        language="en",
        languages=",en,",
        status=Spokesperson.Status.CONFIRMED,
    )
    assert "Newly Listed" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        waiting.status = Spokesperson.Status.LISTED
        waiting.save()
    assert "Newly Listed" in client.get(url).content.decode()
