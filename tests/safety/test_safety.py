"""The safety centre: its tree rules, its guides in the demo's languages, the quick-exit
control on its pages and on the forms that collect personal data, the notice linking every such
form to the safety centre in the reader's language, and Onion-Location."""

import pytest

from django.test import Client

from wagtail.models import Site

from core.models import PortalSettings
from home.models import HomePage
from involvement.models import DecisionsPage, GetInvolvedPage
from safety.models import SafetyGuidePage, SafetyIndexPage
from tests.helpers import soup

pytestmark = pytest.mark.django_db

GUIDES = {"devices-and-accounts", "legal-risks", "if-you-are-threatened"}
TITLES = {
    "en": "Safety centre",
    "es": "Centro de seguridad",
    "fr": "Centre de sécurité",
    "ar": "مركز السلامة",
}
PANORAMA = "/{}/campaigns/freedom-of-panorama/"


def test_tree_rules():
    assert SafetyIndexPage.parent_page_types == ["home.HomePage"]
    assert SafetyIndexPage.subpage_types == ["safety.SafetyGuidePage"]
    assert SafetyGuidePage.parent_page_types == ["safety.SafetyIndexPage"]
    assert SafetyGuidePage.subpage_types == []
    assert SafetyIndexPage.can_create_at(HomePage()) is True
    assert SafetyGuidePage.can_create_at(HomePage()) is False
    for model in (SafetyIndexPage, GetInvolvedPage, DecisionsPage):
        assert model in HomePage.allowed_subpage_models()
    # One safety centre per language: the demo's already stands under each home page.
    home = HomePage.objects.get(locale__language_code="en")
    assert not SafetyIndexPage.can_create_at(home)


@pytest.mark.parametrize("language", ["en", "es", "fr", "ar"])
def test_the_demo_guides_are_written_in_four_languages(client, language):
    guides = SafetyGuidePage.objects.live().filter(locale__language_code=language)
    assert set(guides.values_list("slug", flat=True)) == GUIDES
    response = client.get(f"/{language}/safety/")
    assert response.status_code == 200
    document = soup(response)
    assert document.select_one("main h1").get_text(strip=True) == TITLES[language]
    titles = {a.get_text(strip=True) for a in document.select(".card__title a")}
    assert titles == {guide.title for guide in guides}


def test_the_index_filters_by_category(client):
    document = soup(client.get("/en/safety/?category=legal"))
    assert [a.get_text(strip=True) for a in document.select(".card__title a")] == [
        "Know your legal risks"
    ]
    document = soup(client.get("/en/safety/?category=%00nonsense"))
    assert len(document.select(".card__title a")) == 3
    assert document.select_one(".notice")  # the unknown value is ignored and said so


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Lock what you carry"), ("ar", "اقفل ما تحمله معك")],
)
def test_a_guide_renders_in_english_and_arabic(client, django_assert_max_num_queries, language,
                                               heading):  # fmt: skip
    url = f"/{language}/safety/devices-and-accounts/"
    client.get(url)  # warm the lookups, as a running server has them
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    document = soup(response)
    assert heading in [h.get_text(strip=True) for h in document.select("main h2")]
    assert document.select_one("html")["dir"] == ("rtl" if language == "ar" else "ltr")


def test_an_untranslated_guide_falls_back_to_the_original(client):
    response = client.get("/de/safety/legal-risks/")
    assert response.status_code == 200
    document = soup(response)
    assert document.select_one("main h1").get_text(strip=True) == "Know your legal risks"
    assert document.select_one(".notice--untranslated, .notice")


@pytest.mark.parametrize("path", ["/{}/safety/", "/{}/safety/if-you-are-threatened/"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_quick_exit_on_the_safety_pages(client, settings, path, language):
    settings.PORTAL_QUICK_EXIT_URL = "https://weather.example.com/"
    document = soup(client.get(path.format(language)))
    link = document.select_one("main a.quick-exit[data-quick-exit]")
    assert link["href"] == "https://weather.example.com/"
    assert "noreferrer" in link["rel"]
    scripts = [s["src"] for s in document.select("script[src]")]
    assert any(src.endswith(".js") and "quick_exit" in src for src in scripts)
    assert not document.select("script:not([src])")  # CSP: no inline script
    if language == "ar":
        assert link.get_text(strip=True) == "مغادرة هذا الموقع بسرعة"


@pytest.mark.parametrize(
    ("language", "safety_url", "link_text"),
    [
        ("en", "/en/safety/", "Read our safety guides"),
        ("es", "/es/safety/", "Lee nuestras guías de seguridad"),
        ("fr", "/fr/safety/", "Lire nos guides de sécurité"),
        ("ar", "/ar/safety/", "اقرأ أدلة السلامة"),
    ],
)
def test_the_signing_form_links_to_the_safety_centre_in_the_readers_language(
    client, language, safety_url, link_text
):
    document = soup(client.get(PANORAMA.format(language)))
    form = document.select_one("form.action-form")
    assert form is not None
    notice = form.select_one(".form-safety")
    link = notice.select_one(".form-safety__notice a")
    assert link["href"] == safety_url
    assert link.get_text(strip=True) == link_text
    assert notice.select_one("a.quick-exit[data-quick-exit]")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_data_request_form_has_the_safety_notice(client, language):
    document = soup(client.get(f"/{language}/actions/my-data/"))
    form = document.select_one("form.action-form")
    assert form.select_one(".form-safety__notice a")["href"] == f"/{language}/safety/"
    assert form.select_one("a.quick-exit")


def test_without_a_safety_centre_in_the_settings_the_notice_has_no_link(client):
    """The notice is kept (a cached lookup); a change to the settings renews it."""
    assert soup(client.get("/en/actions/my-data/")).select_one(".form-safety__notice a")
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.safety_page = None
    settings.save()
    form = soup(client.get("/en/actions/my-data/")).select_one("form.action-form")
    assert form.select_one(".form-safety__notice")
    assert not form.select(".form-safety__notice a")
    assert form.select_one("a.quick-exit")  # leaving quickly works all the same


def test_a_reader_of_a_language_without_the_guides_stays_in_their_language(client):
    """German has no safety centre yet: the link keeps the German address, which shows the
    original with the "not translated yet" notice, in the German site around it."""
    link = soup(client.get("/de/actions/my-data/")).select_one(".form-safety__notice a")
    assert link["href"] == "/de/safety/"
    assert link.get_text(strip=True) == "Unsere Sicherheitsleitfäden lesen"
    document = soup(client.get(link["href"]))
    assert document.select_one("main h1").get_text(strip=True) == "Safety centre"
    assert document.select_one(".notice--untranslated")


class TestOnionLocation:
    URLS = ["/en/", "/ar/safety/?category=legal", "/en/campaigns/freedom-of-panorama/"]

    @pytest.mark.parametrize("url", URLS)
    def test_sent_with_the_path_and_query_when_configured(self, settings, url):
        settings.PORTAL_ONION_ADDRESS = "http://portalexample1234.onion/"
        response = Client().get(url)
        assert response.status_code == 200
        assert response["Onion-Location"] == f"http://portalexample1234.onion{url}"

    @pytest.mark.parametrize("url", URLS)
    def test_absent_when_not_configured(self, settings, url):
        settings.PORTAL_ONION_ADDRESS = ""
        response = Client().get(url)
        assert response.status_code == 200
        assert "Onion-Location" not in response

    def test_not_on_the_admin_json_or_redirects(self, settings):
        settings.PORTAL_ONION_ADDRESS = "http://portalexample1234.onion"
        client = Client()
        assert "Onion-Location" not in client.get("/admin/login/")
        assert "Onion-Location" not in client.get("/api/search/?q=copyright&lang=en")
        assert "Onion-Location" not in client.get("/safety/")
