"""Organisations ask to endorse through the public form, confirm by email, staff decide; a new
version of the position invites the endorsers of the earlier one to renew."""

import datetime
import time

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from explainers.models import PolicyExplainerPage
from network import selectors, services, tokens
from network.models import Endorsement, EndorsementRequest
from partners.models import PartnerPage
from safeguards.started import started_value
from stories.models import StoryPage
from tests.actions.helpers import link_in
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def explainer(slug="disinformation", language="en"):
    return PolicyExplainerPage.objects.get(slug=slug, locale__language_code=language)


def form(**fields):
    return {
        "organisation": "Biblioteca Libre",
        "organisation_website": "https://biblioteca.example.org",
        "contact_email": "Contacto@Biblioteca.example.org",
        "statement": "Nos sumamos.",
        "started": started_value(time.time() - 60),
        "website": "",
        **fields,
    }


def endorse_url(page, language):
    return f"/{language}/network/endorse/{page.pk}/"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_form_is_in_the_readers_language(client, language):
    page = explainer(language=language)
    response = client.get(endorse_url(page, language))
    assert response.status_code == 200
    document = soup(response)
    assert document.html["lang"] == language
    assert page.title in document.h1.get_text()
    assert document.select_one("input[name=organisation]")


def test_a_request_counts_only_once_confirmed_and_shows_only_once_approved(client):
    page = explainer(language="es")
    before = selectors.standing(page).count
    response = client.post(endorse_url(page, "es"), form())
    assert response.status_code == 302
    request = EndorsementRequest.objects.get()
    assert request.status == EndorsementRequest.Status.UNCONFIRMED
    assert request.page_id == explainer().pk  # the source page
    assert request.contact_email == "contacto@biblioteca.example.org"
    assert request.language == "es"
    link = link_in(mail.outbox[-1])
    assert link.startswith("/es/network/confirm/")
    # The link shows a button; following it confirms nothing (mail scanners).
    assert client.get(link).status_code == 200
    request.refresh_from_db()
    assert request.status == EndorsementRequest.Status.UNCONFIRMED
    assert client.post(link).status_code == 200
    request.refresh_from_db()
    assert request.status == EndorsementRequest.Status.CONFIRMED
    assert selectors.standing(page).count == before


def test_staff_approve_under_a_partner_profile_and_the_organisation_is_told(
    client, django_capture_on_commit_callbacks
):
    page = explainer()
    client.post(endorse_url(page, "fr"), form(contact_email="contact@lumen.example.org"))
    request = EndorsementRequest.objects.get()
    request.status = EndorsementRequest.Status.APPROVED
    request.partner = PartnerPage.objects.get(
        slug="lumen-fact-check-network", locale__language_code="en"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(request=request)
    endorsement = Endorsement.objects.get(page=page, partner=request.partner)
    assert endorsement.revision_id == page.live_revision_id
    assert endorsement.contact_email == "contact@lumen.example.org"
    assert endorsement.language == "fr"
    assert mail.outbox[-1].to == ["contact@lumen.example.org"]
    assert selectors.standing(explainer(language="fr")).count >= 1


def test_declining_needs_a_reason_in_the_admin(
    client, django_user_model, django_capture_on_commit_callbacks
):
    page = explainer()
    request = EndorsementRequest.objects.create(
        page=page,
        organisation="Example",
        contact_email="x@example.org",
        language="en",
        status=EndorsementRequest.Status.CONFIRMED,
    )
    editor = django_user_model.objects.create_user(username="ed-requests", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    url = reverse("wagtailsnippets_network_endorsementrequest:edit", args=[request.pk])
    response = client.post(url, {"status": "declined", "partner": "", "reason": ""})
    assert response.status_code == 200
    assert "Say why" in response.content.decode()
    request.refresh_from_db()
    assert request.status == EndorsementRequest.Status.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"status": "declined", "partner": "", "reason": "Not an organisation."}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == EndorsementRequest.Status.DECLINED and request.decided_at
    assert "Not an organisation." in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"website": "http://spam.example"}, "hidden field"),
        ({"started": "now"}, "quicker than we expected"),
        ({"started": "forged"}, "open for too long"),
        ({"contact_email": "not an address"}, "valid email"),
        ({"organisation": ""}, "required"),
    ],
)
def test_bad_input_comes_back_with_what_was_typed(client, fields, message):
    if fields.get("started") == "now":
        fields = {"started": started_value(time.time())}
    response = client.post(endorse_url(explainer(), "en"), form(**fields))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Nos sumamos." in html
    assert not EndorsementRequest.objects.exists()


def test_requests_are_rate_limited_without_keeping_the_address(client, settings):
    settings.PORTAL_ACTIONS_RATE_LIMIT = 2
    url = endorse_url(explainer(), "en")
    statuses = [
        client.post(url, form(contact_email=f"c{n}@example.org")).status_code for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert not any(
        field.name in ("ip", "ip_address", "address")
        for field in EndorsementRequest._meta.get_fields()
    )


def test_only_positions_and_campaigns_take_requests(client):
    story = StoryPage.objects.live().filter(locale__language_code="en").first()
    assert client.get(f"/en/network/endorse/{story.pk}/").status_code == 404
    assert client.get("/en/network/endorse/999999/").status_code == 404


def test_a_tampered_link_is_refused_with_a_reason(client):
    response = client.get("/en/network/confirm/forged-token/")
    assert response.status_code == 400
    request = EndorsementRequest.objects.create(
        page=explainer(), organisation="X", contact_email="a@example.org", language="en"
    )
    other = tokens.make(tokens.CONFIRM_SALT, request.pk, "b@example.org")
    assert client.get(f"/en/network/confirm/{other}/").status_code == 400
    renew_for_confirm = tokens.make(tokens.RENEW_SALT, request.pk, "a@example.org")
    assert client.get(f"/en/network/confirm/{renew_for_confirm}/").status_code == 400


def test_a_new_version_invites_the_earlier_endorsers_to_renew(
    client, django_capture_on_commit_callbacks
):
    page = explainer("free-expression")
    partner = PartnerPage.objects.get(slug="red-abierta", locale__language_code="en")
    endorsement = services.record(
        partner=partner, page=page, contact_email="hola@red-abierta.example.org"
    )
    Endorsement.objects.filter(pk=endorsement.pk).update(language="es")
    mail.outbox.clear()
    page.change_note = "A new section on platform liability."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    invitations = [message for message in mail.outbox if "hola@red-abierta" in message.to[0]]
    assert len(invitations) == 1
    link = link_in(invitations[0])
    assert link.startswith("/es/network/renew/")
    assert [e.name for e in selectors.standing(page).earlier] == [partner.title]
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 200
    assert [e.name for e in selectors.standing(page).current] == [partner.title]
    # Published again under the same version: no new invitation.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    assert not mail.outbox
    # A link for a replaced version says so.
    page.change_note = "Another change."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    assert client.get(link).status_code == 410


def test_withdrawing_forgets_the_contact_address():
    endorsement = services.record(
        partner=PartnerPage.objects.get(slug="red-abierta", locale__language_code="en"),
        page=explainer("access-to-knowledge"),
        contact_email="hola@red-abierta.example.org",
    )
    services.withdraw(endorsement=endorsement)
    endorsement.refresh_from_db()
    assert endorsement.contact_email == "" and endorsement.withdrawn_at


def test_the_purge_deletes_stale_requests_and_forgets_decided_addresses(settings):
    old = timezone.now() - datetime.timedelta(days=60)
    stale = EndorsementRequest.objects.create(
        page=explainer(), organisation="A", contact_email="a@example.org", language="en"
    )
    EndorsementRequest.objects.filter(pk=stale.pk).update(created_at=old)
    fresh = EndorsementRequest.objects.create(
        page=explainer(), organisation="B", contact_email="b@example.org", language="en"
    )
    decided = EndorsementRequest.objects.create(
        page=explainer(),
        organisation="C",
        contact_email="c@example.org",
        language="en",
        status=EndorsementRequest.Status.DECLINED,
        decided_at=old,
    )
    call_command("purge_endorsement_requests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not EndorsementRequest.objects.filter(pk=stale.pk).exists()
    assert EndorsementRequest.objects.get(pk=fresh.pk).contact_email == "b@example.org"
    assert EndorsementRequest.objects.get(pk=decided.pk).contact_email == ""
