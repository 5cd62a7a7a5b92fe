"""``HEAD`` answers wherever ``GET`` does (link checkers, feed readers and monitors use it):
the same status as ``GET``, and no body."""

import pytest

from actions.models import CampaignAction
from campaigns.models import CampaignPage
from explainers.models import PolicyExplainerPage
from partners.models import PartnerPage
from stories.models import StoryPage


def public_get_urls():
    """Every kind of public GET endpoint, with real demo objects."""
    urls = ["/en/", "/ar/", "/de/"]
    for model in (CampaignPage, StoryPage, PartnerPage, PolicyExplainerPage):
        page = model.objects.live().filter(locale__language_code="fr").first()
        urls += [page.get_parent().get_url(), page.get_url()]
    urls += [
        "/en/privacy/",
        "/en/campaigns/?status=live",
        "/fr/search/",
        "/fr/search/?q=copyright",
        "/api/search/?q=copyright&lang=fr",
        "/api/search/autocomplete/?q=co&lang=fr",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        "/api/v2/pages/",
        "/api/v2/pages/?type=campaigns.CampaignPage&locale=fr",
        f"/api/v2/pages/{CampaignPage.objects.live().first().pk}/",
        "/api/v2/images/",
        f"/api/v2/pages/find/?id={CampaignPage.objects.live().first().pk}",
    ]
    for kind in ("campaigns", "stories"):
        for flavour in ("rss", "atom"):
            urls.append(f"/fr/feeds/{kind}/{flavour}/")
    urls += [
        "/fr/feeds/campaigns/freedom-of-panorama/rss/",
        "/fr/feeds/campaigns/freedom-of-panorama/atom/",
    ]
    action = CampaignAction.objects.filter(locale__language_code="en").first()
    key = getattr(action, "public_id", None) or action.pk  # the address's identifier
    urls += [
        f"/en/actions/{key}/",
        f"/en/actions/{key}/count/",
        f"/en/embed/actions/{key}/",
        "/en/actions/my-data/",
        "/en/actions/my-data/sent/",
        "/es/contribute/story/",
        "/ar/contribute/propose/",
    ]
    return urls


@pytest.mark.django_db
def test_head_answers_like_get_everywhere_get_works(client):
    urls = public_get_urls()
    differing = {}
    for url in urls:
        head = client.head(url)
        get = client.get(url)
        assert get.status_code in (200, 302), (url, get.status_code)  # a real endpoint
        if head.status_code != get.status_code or head.content:
            differing[url] = (head.status_code, get.status_code, len(head.content))
    assert differing == {}, f"HEAD differs from GET (HEAD, GET, body length): {differing}"


@pytest.mark.django_db
def test_head_of_a_missing_page_is_404_without_a_body(client):
    response = client.head("/en/no-such-page/")
    assert response.status_code == 404
    assert response.content == b""
