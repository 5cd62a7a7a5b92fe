"""The content API's addresses are on the host the request was made to, as the sitemap's are,
not on the host of the site record (``http://localhost`` in the demo)."""

import pytest

from .support import demo_campaign

HOST = "portal.example.org"


@pytest.fixture
def public_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]


def get_json(client, url):
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def urls_in(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("detail_url", "html_url"):
                yield key, value
            else:
                yield from urls_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from urls_in(value)


@pytest.mark.django_db
def test_listing_addresses_are_on_the_requests_host(client, public_host):
    data = get_json(client, "/api/v2/pages/?locale=fr&type=campaigns.CampaignPage")
    assert data["items"]
    for item in data["items"]:
        assert item["meta"]["detail_url"] == f"http://{HOST}/api/v2/pages/{item['id']}/"
        # Under the campaigns' index, or under an affiliate's section of its own.
        assert item["meta"]["html_url"].startswith(
            (f"http://{HOST}/fr/campaigns/", f"http://{HOST}/fr/affiliates/")
        )


@pytest.mark.django_db
def test_detail_addresses_and_its_parents_are_on_the_requests_host(client, public_host):
    campaign = demo_campaign("ar")
    data = get_json(client, f"/api/v2/pages/{campaign.pk}/")
    assert data["meta"]["html_url"] == f"http://{HOST}/ar/campaigns/freedom-of-panorama/"
    assert data["meta"]["detail_url"] == f"http://{HOST}/api/v2/pages/{campaign.pk}/"
    parent = data["meta"]["parent"]
    assert parent["meta"]["html_url"] == f"http://{HOST}/ar/campaigns/"
    assert parent["meta"]["detail_url"].startswith(f"http://{HOST}/api/v2/pages/")
    found = [value for _key, value in urls_in(data)]
    assert len(found) >= 4 and all(value.startswith(f"http://{HOST}/") for value in found)
    assert "localhost" not in str(data)


@pytest.mark.django_db
def test_image_addresses_are_on_the_requests_host(client, public_host):
    data = get_json(client, "/api/v2/images/?limit=5")
    assert data["items"]
    for item in data["items"]:
        assert item["meta"]["detail_url"] == f"http://{HOST}/api/v2/images/{item['id']}/"


@pytest.mark.django_db
def test_find_redirects_on_the_requests_host(client, public_host):
    campaign = demo_campaign("fr")
    response = client.get(f"/api/v2/pages/find/?id={campaign.pk}", HTTP_HOST=HOST)
    assert response.status_code == 302
    assert response["Location"].rstrip("?") == f"http://{HOST}/api/v2/pages/{campaign.pk}/"


@pytest.mark.django_db
def test_https_requests_get_https_addresses(client, public_host):
    response = client.get("/api/v2/pages/?limit=1", HTTP_HOST=HOST, secure=True)
    item = response.json()["items"][0]
    assert item["meta"]["detail_url"].startswith(f"https://{HOST}/")
    assert item["meta"]["html_url"].startswith(f"https://{HOST}/")
