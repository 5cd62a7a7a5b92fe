import pytest

from partners.models import PartnerLanguage, PartnerPage
from tests.helpers import soup


def card_titles(response):
    return {link.get_text(strip=True) for link in soup(response).select(".card__title a")}


@pytest.mark.django_db
def test_directory_filters_by_language(client):
    expected = set(
        PartnerPage.objects.live()
        .filter(locale__language_code="en", languages__code="sw")
        .values_list("title", flat=True)
    )
    assert expected
    assert card_titles(client.get("/en/partners/", {"language": "sw"})) == expected


@pytest.mark.django_db
def test_directory_filters_by_region_and_topic(client):
    expected = set(
        PartnerPage.objects.live()
        .filter(
            locale__language_code="zh-hans", regions__slug="global", topics__slug="disinformation"
        )
        .values_list("title", flat=True)
    )
    assert expected
    response = client.get("/zh-hans/partners/", {"region": "global", "topic": "disinformation"})
    assert card_titles(response) == expected


@pytest.mark.django_db
def test_language_filter_offers_only_languages_in_use(client):
    options = [o["value"] for o in soup(client.get("/en/partners/")).select("#id_language option")]
    assert options[0] == ""
    assert set(options[1:]) == set(
        PartnerPage.objects.values_list("languages__code", flat=True).exclude(languages__code=None)
    )


@pytest.mark.django_db
def test_a_published_working_language_joins_the_filter(client, django_capture_on_commit_callbacks):
    def offered():
        return {o["value"] for o in soup(client.get("/en/partners/")).select("#id_language option")}

    in_use = set(PartnerPage.objects.values_list("languages__code", flat=True))
    new = next(
        code
        for code, _name in PartnerLanguage._meta.get_field("code").choices
        if code not in in_use
    )
    assert new not in offered()
    partner = PartnerPage.objects.live().filter(locale__language_code="en").first()
    partner.languages.add(PartnerLanguage(code=new))
    with django_capture_on_commit_callbacks(execute=True):
        partner.save_revision().publish()
    assert new in offered()


@pytest.mark.django_db
def test_partner_page_shows_logo_languages_and_campaigns(client):
    page = PartnerPage.objects.get(locale__language_code="ar", slug="open-shelf-alliance")
    document = soup(client.get(page.url))
    assert document.select_one("img.partner-logo")["alt"]
    assert document.select(".terms a[href^='../?language=']")
    campaigns = [a["href"] for a in document.select(".related a")]
    assert campaigns and all(href.startswith("/ar/") for href in campaigns)
