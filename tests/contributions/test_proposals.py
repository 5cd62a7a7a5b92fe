"""Proposing advocacy: the form, the private status link, and the staff's triage in the admin
(accept makes a linked draft campaign in the proposal's language; decline gives a reason)."""

import pytest

from django.utils import translation
from django.utils.translation import gettext

from campaigns.models import CampaignIndexPage, CampaignPage
from contributions import services
from contributions.models import Proposal, StatusContact, StorySubmission
from tests.helpers import soup

from .helpers import proposal_data, story_data

pytestmark = pytest.mark.django_db


def translated(language, text):
    with translation.override(language):
        return gettext(text)


def propose(client, language="es", **fields):
    response = client.post(f"/{language}/contribute/propose/", proposal_data(**fields))
    assert response.status_code == 302, soup(response).select_one(".action-form__errors")
    return response["Location"].split("?")[0], Proposal.objects.latest("pk")


def test_the_form_is_shown_in_the_readers_language(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get("/ar/contribute/propose/")
    assert response.status_code == 200
    document = soup(response)
    assert document.select_one("html")["dir"] == "rtl"
    assert document.select_one("h1").get_text() == translated("ar", "Propose advocacy")
    for name in ("title", "country", "why_now", "links", "name", "email"):
        field = document.select_one(f"[name={name}]")
        assert document.select_one(f"label[for={field['id']}]").get_text().strip(), name


def test_a_proposal_is_received_with_a_private_status_link(client):
    location, proposal = propose(client, email="ciudadana@example.org")
    assert (proposal.language, proposal.kind, proposal.country) == ("es", "threat", "ES")
    assert StatusContact.objects.get(proposal=proposal).confirmed_at is None
    document = soup(client.get(location))
    assert document.select_one(".contribution-status strong").get_text() == translated(
        "es", "Received"
    )


def test_bad_input_comes_back_with_errors_and_what_was_typed(client):
    data = proposal_data(country="XX", links="not a link", title="Algo")
    before = Proposal.objects.count()
    response = client.post("/es/contribute/propose/", data)
    assert response.status_code == 200
    document = soup(response)
    assert document.select_one("[role=alert]")
    assert document.select_one("input[name=title]")["value"] == "Algo"
    assert Proposal.objects.count() == before


def test_accepting_makes_a_draft_campaign_in_the_proposals_language(client, moderator):
    location, proposal = propose(client)
    campaign = services.accept_proposal(proposal=proposal, user=moderator, reason="¡Adelante!")
    assert isinstance(campaign, CampaignPage)
    assert not campaign.live
    assert campaign.locale.language_code == "es"
    assert campaign.get_parent().specific_class is CampaignIndexPage
    assert campaign.title == proposal.title
    proposal.refresh_from_db()
    assert proposal.campaign_id == campaign.pk
    assert list(campaign.proposals.all()) == [proposal]
    document = soup(client.get(location))
    assert document.select_one(".contribution-status strong").get_text() == translated(
        "es", "Accepted"
    )
    with pytest.raises(services.AlreadyDecided):
        services.accept_proposal(proposal=proposal, user=moderator)


def test_declining_shows_the_reason(client, moderator):
    location, proposal = propose(client)
    services.decline_proposal(proposal=proposal, reason="Ya existe una campaña.", user=moderator)
    document = soup(client.get(location))
    assert document.select_one(".contribution-reason").get_text() == "Ya existe una campaña."


def test_only_staff_with_the_permission_triage(client, moderator, editor):
    _location, proposal = propose(client)
    decide = f"/admin/contributions/proposals/edit/{proposal.pk}/"
    # Not signed in: the admin's sign-in page.
    assert client.get(decide).status_code == 302
    client.force_login(editor)
    assert client.get("/admin/contributions/proposals/").status_code == 200
    assert client.get(decide).status_code in (302, 403)
    assert client.post(decide, {"accept": "1"}).status_code in (302, 403)
    proposal.refresh_from_db()
    assert proposal.status == "received"
    client.force_login(moderator)
    response = client.get(decide)
    assert response.status_code == 200
    assert proposal.why_now in response.content.decode()
    response = client.post(decide, {"accept": "1", "reason": ""})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert response["Location"] == f"/admin/pages/{proposal.campaign_id}/edit/"


def test_the_story_triage_shows_the_contributor_only_as_they_chose(client, moderator):
    client.post("/en/contribute/story/", story_data(author_mode="anonymous", email="x@example.org"))
    client.post("/en/contribute/story/", story_data(title="Second", author_name="Pen Name"))
    client.force_login(moderator)
    listing = client.get("/admin/contributions/stories/").content.decode()
    assert "Pen Name" in listing
    assert "Anonymous" in listing
    assert "x@example.org" not in listing
    submission = StorySubmission.objects.get(page__title="Second")
    decide = f"/admin/contributions/stories/edit/{submission.pk}/"
    response = client.post(decide, {"reason": "Off topic for the knowledge base."})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.decline_reason == "Off topic for the knowledge base."


def test_a_moderator_without_a_reason_cannot_decline(client, moderator):
    client.post("/en/contribute/story/", story_data())
    submission = StorySubmission.objects.latest("pk")
    client.force_login(moderator)
    response = client.post(f"/admin/contributions/stories/edit/{submission.pk}/", {"reason": ""})
    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.declined_at is None
