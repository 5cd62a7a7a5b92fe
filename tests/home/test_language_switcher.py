import pytest

from tests.helpers import soup


def switcher_links(response):
    return {link["lang"]: link for link in soup(response).select(".language-switcher a[lang]")}


@pytest.mark.django_db
def test_switcher_offers_all_nine_languages_and_marks_current(client):
    links = switcher_links(client.get("/es/campaigns/freedom-of-panorama/"))
    assert set(links) == {"en", "ar", "de", "es", "fr", "hi", "pt-BR", "ru", "zh-Hans"}
    assert links["es"].get("aria-current") == "true"
    assert [lang for lang, link in links.items() if link.get("aria-current")] == ["es"]


@pytest.mark.django_db
def test_switcher_goes_to_the_translation_of_the_page(client):
    links = switcher_links(client.get("/en/stories/panorama-photo-marathon/"))
    assert links["ru"]["href"] == "/ru/stories/panorama-photo-marathon/"
    assert client.get(links["ru"]["href"]).status_code == 200


@pytest.mark.django_db
def test_switcher_falls_back_to_locale_home_with_notice(client):
    links = switcher_links(client.get("/en/stories/panorama-photo-marathon/"))
    assert links["de"]["href"] == "/de/?untranslated=1"
    response = client.get(links["de"]["href"])
    assert response.status_code == 200
    notice = soup(response).select_one("main .notice")
    assert notice is not None and notice.get("role") == "status"


@pytest.mark.django_db
def test_no_notice_without_the_flag(client):
    assert soup(client.get("/de/")).select_one("main .notice") is None
