"""A signer sees and deletes their data through a link sent by email; the request page does not
reveal whether an address has signed."""

import datetime

import pytest

from django.core import mail, signing
from django.utils import timezone

from actions.factories import SignatureFactory
from actions.models import ActionTally, Signature
from actions.tokens import DATA_SALT, data_token, email_digest
from tests.helpers import soup

from .helpers import form_data, last_mail_to, link_in, translated

pytestmark = pytest.mark.django_db


def count_of(action):
    return ActionTally.objects.get(key=action.translation_key).confirmed_count


def request_link(client, email):
    response = client.post("/es/actions/my-data/", form_data(email=email))
    return response, client.get(response["Location"])


def test_the_answer_is_the_same_whether_or_not_the_address_signed(client, panorama):
    SignatureFactory(action=panorama, email="ana@example.org", confirmed_at=timezone.now())
    signed, signed_page = request_link(client, "ana@example.org")
    unknown, unknown_page = request_link(client, "nobody@example.org")
    assert signed.status_code == unknown.status_code == 302
    assert signed["Location"] == unknown["Location"] == "/es/actions/my-data/sent/"
    assert signed_page.content == unknown_page.content
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]


def test_the_link_shows_the_data_and_deletion_takes_it_off_the_count(client, panorama, safety):
    confirmed = SignatureFactory(
        action=panorama,
        email="ana@example.org",
        name="Ana",
        country="ES",
        comment="Adelante",
        confirmed_at=timezone.now(),
    )
    pending = SignatureFactory(action=safety, email="ana@example.org", language="es")
    SignatureFactory(action=panorama, email="other@example.org", confirmed_at=timezone.now())
    assert count_of(panorama) == 2
    request_link(client, "  Ana@Example.org")
    path = link_in(last_mail_to("ana@example.org"))
    assert path.startswith("/es/actions/my-data/")

    document = soup(client.get(path))
    text = document.get_text(" ")
    for shown in ("ana@example.org", "Ana", "España", "Adelante", panorama.title):
        assert shown in text
    assert "other@example.org" not in text
    assert len(document.select(".action-data")) == 2

    response = client.post(path)
    assert response.status_code == 200
    assert not Signature.objects.filter(pk__in=[confirmed.pk, pending.pk]).exists()
    assert Signature.objects.filter(email="other@example.org").exists()
    assert count_of(panorama) == 1  # the confirmed one came off; the pending one never counted
    # The link now shows that nothing is held.
    assert not soup(client.get(path)).select(".action-data")


def test_deleting_twice_takes_one_off_once(client, panorama):
    signature = SignatureFactory(action=panorama, confirmed_at=timezone.now())
    path = f"/es/actions/my-data/{data_token([signature])}/"
    client.post(path)
    client.post(path)
    assert count_of(panorama) == 0


def test_bad_or_expired_links_get_a_clear_page(client, panorama, settings):
    signature = SignatureFactory(action=panorama)
    assert client.get("/es/actions/my-data/garbage/").status_code == 400
    settings.PORTAL_ACTIONS_DATA_LINK_HOURS = 0
    response = client.get(f"/es/actions/my-data/{data_token([signature])}/")
    assert response.status_code == 400
    assert soup(response).select_one("a[href='/es/actions/my-data/']")
    assert client.post(f"/es/actions/my-data/{data_token([signature])}/").status_code == 400
    assert Signature.objects.filter(pk=signature.pk).exists()


def test_a_link_is_tied_to_its_address(client, panorama):
    """Even a valid link cannot be bent to show someone else's signature."""
    ana = SignatureFactory(action=panorama, email="ana@example.org")
    bea = SignatureFactory(action=panorama, email="bea@example.org")
    forged = signing.dumps({"s": [bea.pk], "d": email_digest(ana.email)}, salt=DATA_SALT)
    assert "bea@example.org" not in client.get(f"/es/actions/my-data/{forged}/").content.decode()
    client.post(f"/es/actions/my-data/{forged}/")
    assert Signature.objects.filter(pk=bea.pk).exists()


def test_request_form_errors_keep_the_input(client):
    response = client.post("/es/actions/my-data/", form_data(email="ana at example"))
    assert response.status_code == 200
    field = soup(response).select_one("input[name=email]")
    assert field["value"] == "ana at example"
    assert field["aria-invalid"] == "true"
    assert not mail.outbox


def test_signed_date_and_pending_state_are_shown(client, panorama):
    moment = timezone.now() - datetime.timedelta(days=3)
    signature = SignatureFactory(action=panorama, created_at=moment)
    document = soup(client.get(f"/es/actions/my-data/{data_token([signature])}/"))
    assert [time["datetime"] for time in document.select("time")] == [moment.isoformat()]
    pending = "Not yet: it does not count until you confirm."
    assert translated("es", pending) in document.get_text()
