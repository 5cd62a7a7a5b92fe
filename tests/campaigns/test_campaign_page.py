import datetime

import pytest

from django.core.exceptions import ValidationError

from campaigns.models import CampaignPage
from tests.helpers import soup


@pytest.mark.django_db
def test_campaign_page_renders_every_field(client):
    page = CampaignPage.objects.get(locale__language_code="en", slug="freedom-of-panorama")
    document = soup(client.get(page.url))
    text = document.get_text(" ")
    assert page.title in text
    assert page.summary in text
    assert page.get_status_display() in text
    milestones = document.select(".timeline__item")
    assert len(milestones) == len(page.milestones)
    dates = [item.find("time")["datetime"] for item in milestones]
    assert dates == sorted(dates)
    assert len(document.select(".card--action")) == len(page.get_involved)
    assert document.select(".terms a[href^='../?topic=']")
    assert document.select(".terms a[href^='../?region=']")
    partner_links = [a.get_text() for a in document.select(".related a")]
    for partner in page.partners.all():
        assert partner.title in partner_links
    assert document.select_one(".detail__image")["alt"]


@pytest.mark.django_db
def test_related_content_is_shown_in_reader_language(client):
    document = soup(client.get("/fr/campaigns/freedom-of-panorama/"))
    related = [a["href"] for a in document.select(".related a")]
    assert related and all(href.startswith("/fr/") for href in related)
    topics = [a.get_text() for a in document.select(".terms a[href^='../?topic=']")]
    from core.models import Topic

    french_names = set(
        Topic.objects.filter(locale__language_code="fr").values_list("name", flat=True)
    )
    assert topics and set(topics) <= french_names


@pytest.mark.django_db
def test_outcome_shown_for_finished_campaign(client):
    page = CampaignPage.objects.filter(locale__language_code="en", status="won").first()
    document = soup(client.get(page.url))
    assert document.select_one("#outcome-heading") is not None


@pytest.mark.django_db
def test_end_date_before_start_is_rejected():
    page = CampaignPage.objects.filter(locale__language_code="en").first()
    page.start_date = datetime.date(2025, 5, 1)
    page.end_date = datetime.date(2025, 4, 1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "end_date" in error.value.message_dict


@pytest.mark.django_db
def test_a_way_to_get_involved_links_to_its_page_in_the_readers_language(client):
    from wagtail.models import Page

    source = CampaignPage.objects.get(locale__language_code="en", slug="freedom-of-panorama")
    target = Page.objects.get(locale__language_code="en", slug="privacy")
    source.get_involved = [("action", {"title": "Read how we keep data", "page": target})]
    source.save_revision().publish()
    french = CampaignPage.objects.get(
        translation_key=source.translation_key, locale__language_code="fr"
    )
    french.get_involved = source.get_involved
    french.save_revision().publish()
    response = client.get("/fr/campaigns/freedom-of-panorama/")
    link = soup(response).find("a", string="Read how we keep data")
    assert link is not None
    assert link["href"] == "/fr/privacy/"
