import pytest

from django.db.models import Q

from affiliates.models import AffiliatePage
from campaigns.models import CampaignPage, GlobalListingOffer
from tests.helpers import soup


def in_sections():
    """Affiliates' campaigns: listed by their own rule (tests/affiliates), left out here."""
    condition = Q(pk__in=[])
    for path in AffiliatePage.objects.values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


def all_card_titles(response):
    return [link.get_text(strip=True) for link in soup(response).select(".card__title a")]


def card_titles(response):
    section_titles = set(CampaignPage.objects.filter(in_sections()).values_list("title", flat=True))
    return [
        title
        for link in soup(response).select(".card__title a")
        if (title := link.get_text(strip=True)) not in section_titles
    ]


@pytest.mark.django_db
def test_index_lists_live_campaigns_in_reader_language(client):
    response = client.get("/fr/campaigns/")
    assert response.status_code == 200
    french_titles = set(
        CampaignPage.objects.live()
        .filter(locale__language_code="fr")
        .exclude(in_sections())
        .values_list("title", flat=True)
    )
    assert set(card_titles(response)) == french_titles
    assert (
        len(french_titles)
        == CampaignPage.objects.live()
        .filter(locale__language_code="en")
        .exclude(in_sections())
        .count()
    )


@pytest.mark.django_db
def test_untranslated_language_lists_source_pages_labelled(client):
    response = client.get("/de/campaigns/")
    assert response.status_code == 200
    document = soup(response)
    english = CampaignPage.objects.live().filter(locale__language_code="en")
    # The global campaigns, and the affiliates' campaigns that staff accepted.
    accepted = GlobalListingOffer.objects.filter(status=GlobalListingOffer.Status.ACCEPTED)
    english_count = english.exclude(in_sections()).count() + accepted.count()
    assert len(document.select(".card")) == english_count
    assert len(document.select(".card .badge--language")) == english_count


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["live", "won", "lost", "stalled", "planned", "archived"])
def test_status_filter(client, status):
    response = client.get("/en/campaigns/", {"status": status})
    expected = set(
        CampaignPage.objects.live()
        .filter(locale__language_code="en", status=status)
        .exclude(in_sections())
        .values_list("title", flat=True)
    )
    assert set(card_titles(response)) == expected


@pytest.mark.django_db
def test_topic_and_region_filters_combine(client):
    response = client.get("/en/campaigns/", {"topic": "copyright", "region": "europe"})
    titles = set(card_titles(response))
    expected = set(
        CampaignPage.objects.live()
        .filter(locale__language_code="en", topics__slug="copyright")
        .filter(regions__slug="europe")
        .values_list("title", flat=True)
    )
    assert titles == expected and titles
    assert len(titles) < CampaignPage.objects.live().filter(locale__language_code="en").count()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"status": "bogus"},
        {"topic": "no-such-topic"},
        {"region": "'; DROP TABLE x; --"},
        {"status": ["live", "won"]},
        {"topic": "\x00"},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
    ],
)
def test_bad_filter_values_are_ignored_not_500(client, query):
    response = client.get("/en/campaigns/", query)
    assert response.status_code == 200
    assert card_titles(response)


@pytest.mark.django_db
def test_unknown_filter_value_shows_notice_and_keeps_valid_filters(client):
    response = client.get("/en/campaigns/", {"status": "won", "topic": "no-such-topic"})
    document = soup(response)
    assert document.select_one("main .notice") is not None
    titles = set(card_titles(response))
    assert titles == set(
        CampaignPage.objects.live()
        .filter(locale__language_code="en", status="won")
        .values_list("title", flat=True)
    )


@pytest.mark.django_db
def test_pagination(client, settings):
    settings.PORTAL_PAGE_SIZE = 2
    first = client.get("/en/campaigns/")
    second = client.get("/en/campaigns/", {"page": 2})
    assert len(all_card_titles(first)) == 2
    assert set(all_card_titles(first)).isdisjoint(all_card_titles(second))
    assert soup(first).select_one('.pagination a[rel="next"]')["href"] == "?page=2"
    filtered = client.get("/en/campaigns/", {"status": "live"})
    nav = soup(filtered).select_one(".pagination")
    if nav is not None:
        assert "status=live" in nav.select_one("a")["href"]
