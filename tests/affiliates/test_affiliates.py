"""Affiliates run their own sections: their editors edit only there and cannot publish, their
moderators publish there and nowhere else; their campaigns join the global listing only once
staff accept them; the directory draws the network's map on the server."""

import io
import re

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Page

from affiliates.models import AffiliateIndexPage, AffiliatePage
from affiliates.services import OfferError, decide_offer, offer_campaign
from agenda.models import EventPage
from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignPage, GlobalListingOffer
from home.models import HomePage
from stories.models import StoryPage
from tests.helpers import soup

pytestmark = pytest.mark.django_db

LEVANT = "Levant Reading Rooms"
SAHEL = "Sahel Open Libraries"


def member(name, group_name):
    user = get_user_model().objects.create_user(username=name, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def campaign(slug, language="en"):
    return CampaignPage.objects.get(slug=slug, locale__language_code=language)


@pytest.fixture
def levant_editor():
    return member("levant-editor", f"{LEVANT} editors")


@pytest.fixture
def levant_moderator():
    return member("levant-moderator", f"{LEVANT} moderators")


def test_tree_rules():
    assert AffiliateIndexPage in HomePage.allowed_subpage_models()
    assert AffiliateIndexPage.max_count_per_parent == 1
    assert AffiliateIndexPage.allowed_subpage_models() == [AffiliatePage]
    assert AffiliatePage.allowed_parent_page_models() == [AffiliateIndexPage]
    assert set(AffiliatePage.allowed_subpage_models()) == {CampaignPage, StoryPage, EventPage}
    for model in (CampaignPage, StoryPage, EventPage):
        assert AffiliatePage in model.allowed_parent_page_models()


# -- who may do what ---------------------------------------------------------------------------


def test_an_affiliate_editor_edits_its_section_only_and_cannot_publish(levant_editor):
    own = campaign("lend-e-books-across-borders")
    own_arabic = campaign("lend-e-books-across-borders", "ar")
    other = campaign("open-school-books-sahel")
    global_campaign = campaign("freedom-of-panorama")
    affiliate = AffiliatePage.objects.get(slug="levant-reading-rooms", locale__language_code="en")

    assert own.permissions_for_user(levant_editor).can_edit()
    assert own_arabic.permissions_for_user(levant_editor).can_edit()
    assert affiliate.permissions_for_user(levant_editor).can_add_subpage()
    assert not own.permissions_for_user(levant_editor).can_publish()
    assert not other.permissions_for_user(levant_editor).can_edit()
    assert not global_campaign.permissions_for_user(levant_editor).can_edit()
    assert not global_campaign.get_parent().permissions_for_user(levant_editor).can_add_subpage()


def test_the_admin_refuses_an_affiliate_editor_outside_its_section(client, levant_editor):
    client.force_login(levant_editor)
    own = campaign("lend-e-books-across-borders")
    other = campaign("open-school-books-sahel")
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk]))
    assert response.status_code in {302, 403}


def test_submitting_goes_to_the_affiliates_moderators_who_publish_there_only(
    levant_editor, levant_moderator
):
    sahel_moderator = member("sahel-moderator", f"{SAHEL} moderators")
    page = campaign("lend-e-books-across-borders")
    workflow = page.get_workflow()
    assert workflow.name == f"{LEVANT} review"
    assert campaign("lend-e-books-across-borders", "ar").get_workflow() == workflow
    assert campaign("open-school-books-sahel").get_workflow().name == f"{SAHEL} review"

    page.summary = "A regional licence for every library."
    page.save_revision(user=levant_editor)
    state = workflow.start(page, levant_editor)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert not task.get_actions(page, levant_editor)
    assert not task.get_actions(page, sahel_moderator)
    assert "approve" in [name for name, *_rest in task.get_actions(page, levant_moderator)]

    task.on_action(task_state, levant_moderator, "approve")
    page.refresh_from_db()
    assert page.live and page.summary == "A regional licence for every library."
    assert page.permissions_for_user(levant_moderator).can_publish()
    assert (
        not campaign("open-school-books-sahel").permissions_for_user(levant_moderator).can_publish()
    )
    assert not campaign("freedom-of-panorama").permissions_for_user(levant_moderator).can_publish()


def test_setting_up_the_roles_again_changes_nothing_and_a_dry_run_makes_nothing():
    output = io.StringIO()
    call_command("setup_affiliate_roles", stdout=output)
    assert "(0 changes)" in output.getvalue()
    index = AffiliatePage.objects.get(slug="levant-reading-rooms", locale__language_code="en")
    new = AffiliatePage(title="Andes Readers", slug="andes-readers")
    index.get_parent().add_child(instance=new)
    dry = io.StringIO()
    call_command("setup_affiliate_roles", "--dry-run", stdout=dry)
    assert "Would make group Andes Readers editors" in dry.getvalue()
    assert not Group.objects.filter(name__startswith="Andes Readers").exists()
    call_command("setup_affiliate_roles", stdout=io.StringIO())
    assert Group.objects.filter(name__startswith="Andes Readers").count() == 2


# -- the global listing ------------------------------------------------------------------------


def card_titles(client, path):
    document = soup(client.get(path))
    return {
        card.select_one(".card__title").get_text(strip=True): card
        for card in document.select(".card-grid .card")
    }


def test_an_accepted_campaign_is_listed_with_its_affiliate_named(client):
    cards = card_titles(client, "/en/campaigns/")
    accepted = cards["Lend e-books across borders"]
    assert accepted.select_one(".byline").get_text(strip=True) == f"by {LEVANT}"
    assert "Open school books for the Sahel" not in cards  # offered, not decided
    others = [card for title, card in cards.items() if title != "Lend e-books across borders"]
    assert others and not any(card.select_one(".byline") for card in others)
    arabic = card_titles(client, "/ar/campaigns/")
    assert (
        "قاعات المطالعة في المشرق"
        in arabic["إعارة الكتب الإلكترونية عبر الحدود"].select_one(".byline").get_text()
    )


def test_an_affiliates_stories_are_listed_with_the_affiliate_named(client):
    cards = card_titles(client, "/en/stories/")
    assert f"by {SAHEL}" in cards["One catalogue for twelve libraries"].get_text()


def test_staff_accept_and_decline_offers_in_the_admin(client):
    staff = member("staff", "Moderators")
    client.force_login(staff)
    offer = GlobalListingOffer.objects.get(title="Open school books for the Sahel")
    url = reverse("wagtailsnippets_campaigns_globallistingoffer:edit", args=[offer.pk])

    response = client.post(url, {"status": "declined", "reason": ""})
    assert response.status_code == 200  # re-rendered: a decline says why
    offer.refresh_from_db()
    assert offer.status == "offered"

    client.post(url, {"status": "accepted", "reason": ""})
    offer.refresh_from_db()
    assert offer.status == "accepted" and offer.decided_by == staff and offer.decided_at
    assert "Open school books for the Sahel" in card_titles(client, "/en/campaigns/")

    client.post(url, {"status": "declined", "reason": "Too close to an existing campaign."})
    offer.refresh_from_db()
    assert offer.status == "declined" and offer.reason.startswith("Too close")
    assert "Open school books for the Sahel" not in card_titles(client, "/en/campaigns/")


def test_an_affiliate_editor_cannot_decide_offers(client, levant_editor):
    client.force_login(levant_editor)
    offer = GlobalListingOffer.objects.get(title="Open school books for the Sahel")
    url = reverse("wagtailsnippets_campaigns_globallistingoffer:edit", args=[offer.pk])
    client.post(url, {"status": "accepted", "reason": ""})
    offer.refresh_from_db()
    assert offer.status == "offered"


def test_publishing_an_offered_campaign_offers_it_once_and_only_from_a_section():
    affiliate = AffiliatePage.objects.get(slug="levant-reading-rooms", locale__language_code="en")
    page = CampaignPageFactory(
        parent=affiliate, title="Library cards for refugees", offer_to_global_listing=True
    )
    page.save_revision().publish()
    offer = GlobalListingOffer.objects.get(translation_key=page.translation_key)
    assert offer.status == "offered"
    decide_offer(offer=offer, status="declined", reason="Not now.", user=None)
    page.save_revision().publish()
    offer.refresh_from_db()
    assert offer.status == "declined"  # a new publish does not reopen a decision
    with pytest.raises(OfferError):
        offer_campaign(page=campaign("freedom-of-panorama"))
    with pytest.raises(OfferError):
        decide_offer(offer=offer, status="maybe", user=None)


# -- pages, map, search ------------------------------------------------------------------------


def test_the_directory_draws_the_network_by_region_without_outside_references(client):
    response = client.get("/en/partners/")
    document = soup(response)
    section = document.select_one(".network-directory")
    assert {a.get_text(strip=True) for a in section.select(".network-directory__list a")} >= {
        LEVANT,
        SAHEL,
    }
    svg = section.select_one("svg")
    assert svg["role"] == "img" and svg.select_one("title") and svg.select_one("desc")
    regions = {g["data-region"]: g for g in svg.select("[data-region]")}
    assert {"africa", "middle-east-north-africa", "europe"} <= set(regions)
    assert regions["middle-east-north-africa"].select_one(".region-map__count").text == "1"
    markup = str(svg)
    assert "href" not in markup and "<script" not in markup and "url(" not in markup
    assert re.findall(r"https?://[^\"' ]+", markup) == ["http://www.w3.org/2000/svg"]
    listed = section.select_one(".region-map__list").get_text()
    assert "Middle East and North Africa: 1 organisation" in listed


def test_the_affiliate_page_shows_its_own_content_contacts_and_languages(client):
    document = soup(client.get("/ar/affiliates/levant-reading-rooms/"))
    assert document.select_one("html")["dir"] == "rtl"
    section = document.select_one(".affiliate-section").get_text()
    assert "إعارة الكتب الإلكترونية عبر الحدود" in section
    assert "قاعة مطالعة في حافلة" in section
    assert "أمسية مفتوحة لقاعات المطالعة" in section
    assert "mailto:info@levant-reading-rooms.example.org" in str(document)
    assert "open-school-books" not in section


def test_search_names_the_affiliate(client):
    document = soup(client.get("/en/search/", {"q": "e-books across borders"}))
    results = {
        r.select_one("h2 a").get_text(strip=True): r for r in document.select(".search-result")
    }
    assert f"by {LEVANT}" in results["Lend e-books across borders"].get_text()


@pytest.mark.parametrize(
    "path",
    ["/{lang}/affiliates/", "/{lang}/affiliates/levant-reading-rooms/", "/{lang}/partners/"],
)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_query_budget(client, django_assert_max_num_queries, path, lang):
    url = path.format(lang=lang)
    client.get(url)  # warm-up, as a running server has it
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_a_partial_demo_load_again_creates_nothing():
    before = (Page.objects.count(), GlobalListingOffer.objects.count(), Group.objects.count())
    output = io.StringIO()
    call_command("load_demo", "--no-admin", "--limit", "1", "--languages", "fr,ar", stdout=output)
    assert "affiliate levant-reading-rooms" in output.getvalue()
    assert "affiliate sahel-open-libraries" not in output.getvalue()  # --limit 1
    assert "0 created, 0 translated" in output.getvalue()
    after = (Page.objects.count(), GlobalListingOffer.objects.count(), Group.objects.count())
    assert after == before


def test_a_decision_renews_the_cached_global_listing_and_feed(
    client, page_cache, django_capture_on_commit_callbacks
):
    """Readers served from the page cache see an accepted campaign at once, and no longer see
    a declined one: the decision purges the global listing and feed in every language."""
    title = "Open school books for the Sahel"
    offer = GlobalListingOffer.objects.get(title=title)
    staff = member("staff", "Moderators")
    assert title not in card_titles(client, "/en/campaigns/")  # kept in the page cache now
    assert title not in client.get("/fr/feeds/campaigns/rss/").content.decode()
    assert client.get("/en/campaigns/")["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        decide_offer(offer=offer, status="accepted", user=staff)
    assert title in card_titles(client, "/en/campaigns/")
    feed = client.get("/en/feeds/campaigns/rss/").content.decode()
    assert title in feed and f"<category>{SAHEL}</category>" in feed

    with django_capture_on_commit_callbacks(execute=True):
        decide_offer(offer=offer, status="declined", user=staff, reason="Not this year.")
    assert title not in card_titles(client, "/en/campaigns/")
    assert title not in client.get("/en/feeds/campaigns/rss/").content.decode()
