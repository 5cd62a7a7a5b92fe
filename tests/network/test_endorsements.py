"""Who stands behind what: endorsements of a position by version, coalitions, withdrawals,
on the explainer, the campaign, the partner's profile and in the API."""

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import CampaignPage
from explainers.models import PolicyExplainerPage
from network import selectors, services
from network.models import Endorsement
from partners.models import PartnerPage
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def explainer(slug="copyright-reform", language="en"):
    return PolicyExplainerPage.objects.get(slug=slug, locale__language_code=language)


def partner(slug, language="en"):
    return PartnerPage.objects.get(slug=slug, locale__language_code=language)


def names(endorsers):
    return sorted(endorser.name for endorser in endorsers)


def test_the_demo_has_endorsements_of_the_current_and_an_earlier_version():
    found = selectors.standing(explainer())
    assert found.count == 5
    assert found.earlier_count == 2
    assert {endorser.version_date for endorser in found.earlier} and all(
        endorser.version_date < found.current[0].endorsed_at for endorser in found.earlier
    )


def test_the_explainer_says_who_endorsed_which_version_in_the_readers_language(client):
    page = soup(client.get("/fr/policy/copyright-reform/"))
    standing = page.select_one("section.standing")
    assert standing is not None
    text = " ".join(standing.get_text(" ").split())
    assert "5" in standing.select_one(".standing__summary").get_text()
    assert "2" in standing.select_one(".standing__summary").get_text()
    # The earlier versions link to the change log, which says what changed.
    assert standing.select('a[href="#change-log"]')
    # Partners are linked to their French profile where it exists.
    french = {page.url for page in PartnerPage.objects.live().filter(locale__language_code="fr")}
    links = {a["href"] for a in standing.select(".standing__list a:not([href^='#'])")}
    assert links and links <= french
    assert text


def test_a_new_version_of_the_position_turns_current_endorsements_into_earlier_ones():
    page = explainer()
    before = selectors.standing(page)
    page.change_note = "Added a key ask on orphan works."
    page.save_revision().publish()
    after = selectors.standing(explainer())
    assert after.count == before.count
    assert after.current == []
    assert names(after.earlier) == names(before.current + before.earlier)
    arabic = selectors.standing(explainer("copyright-reform", "ar"))
    assert (arabic.count, arabic.earlier_count) == (before.count, before.count)


def test_a_publish_that_changes_nothing_of_the_position_keeps_the_version():
    page = explainer()
    before = selectors.standing(page)
    page.title = page.title + " "  # the same note, the same text
    page.save_revision().publish()
    assert names(selectors.standing(page).current) == names(before.current)


def test_an_endorsement_is_of_the_source_page_and_its_live_version():
    arabic = explainer("net-neutrality", "ar")
    english = explainer("net-neutrality")
    endorsement = services.record(partner=partner("open-shelf-alliance"), page=arabic)
    assert endorsement.page_id == english.pk
    assert endorsement.revision_id == english.live_revision_id
    assert endorsement.kind == Endorsement.Kind.ENDORSEMENT


def test_only_positions_and_campaigns_are_endorsed():
    story_index = PartnerPage.objects.filter(locale__language_code="en").first()
    with pytest.raises(ValidationError):
        services.record(partner=partner("open-shelf-alliance"), page=story_index)


def test_a_withdrawal_shows_with_its_date(client):
    page = soup(client.get("/en/policy/net-neutrality/"))
    withdrawn = [
        item
        for item in page.select(".standing__list li")
        if item.find("time") and "withdrawn" in item.get_text()
    ]
    assert withdrawn


def test_withdrawing_takes_the_endorsement_out_of_the_count_and_renews_the_page(client):
    page = explainer("privacy-and-surveillance")
    before = selectors.standing(page).count
    client.get("/en/policy/privacy-and-surveillance/")  # kept now
    endorsement = Endorsement.objects.get(page=page, withdrawn_at__isnull=True)
    services.withdraw(endorsement=endorsement)
    assert selectors.standing(page).count == before - 1
    html = client.get("/en/policy/privacy-and-surveillance/").content.decode()
    assert "withdrawn on" in html


def test_the_campaign_shows_its_coalition(client):
    page = soup(client.get("/en/campaigns/no-upload-filters/"))
    coalition = page.select_one("section.standing")
    assert coalition is not None
    assert "coalition" in coalition.get_text()
    assert len(coalition.select(".standing__list > li")) == 3


def test_the_partner_profile_lists_what_it_stands_behind(client):
    page = soup(client.get("/es/partners/red-abierta/"))
    positions = page.select_one("section.standing")
    assert positions is not None
    titles = {a.get_text() for a in positions.select("a")}
    spanish_campaign = CampaignPage.objects.get(
        slug="no-upload-filters", locale__language_code="es"
    )
    assert spanish_campaign.title in titles


def test_the_api_gives_the_endorsements_by_version(client):
    page = explainer()
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    versions = [entry["version"] for entry in data["endorsements"]]
    assert versions.count("current") == 3 and versions.count("earlier") == 2
    earlier = [entry for entry in data["endorsements"] if entry["version"] == "earlier"]
    assert all(entry["version_date"] for entry in earlier)
    campaign = CampaignPage.objects.get(slug="no-upload-filters", locale__language_code="en")
    coalition = client.get(f"/api/v2/pages/{campaign.pk}/").json()["coalition"]
    assert len(coalition) == 3


def test_editors_record_endorsements_in_the_admin(client, django_user_model):
    editor = django_user_model.objects.create_user(username="ed-network", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    add_url = reverse("wagtailsnippets_network_endorsement:add")
    page = explainer("disinformation")
    response = client.post(
        add_url,
        {
            "partner": partner("lumen-fact-check-network").pk,
            "page": explainer("disinformation", "fr").pk,
            "statement": "",
            "endorsed_at": "2026-11-01 10:00",
            "withdrawn_at": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    endorsement = Endorsement.objects.get(page=page)
    assert endorsement.revision_id == page.live_revision_id


def test_the_explainer_page_query_count_holds_with_endorsements(
    client, django_assert_max_num_queries
):
    client.get("/en/policy/copyright-reform/")
    with django_assert_max_num_queries(12):
        assert client.get("/en/policy/copyright-reform/").status_code == 200
