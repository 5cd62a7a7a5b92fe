"""The embeddable widget: only it may be framed, and only by the allowed partner origins."""

import pytest

from django.core.checks import run_checks
from django.utils import timezone

from actions.factories import SignatureFactory
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    (directive,) = [part.strip() for part in policy.split(";") if "frame-ancestors" in part]
    return directive.split()[1:]


def test_widget_may_be_framed_by_the_allowed_origins_only(client, panorama, settings):
    settings.PORTAL_EMBED_ALLOWED_ORIGINS = ["https://partner.example", "https://*.allies.example"]
    response = client.get(f"/es/embed/actions/{panorama.public_id}/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert frame_ancestors(response) == [
        "'self'",
        "https://partner.example",
        "https://*.allies.example",
    ]
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_without_partners_only_the_portal_may_frame_it(client, panorama, settings):
    settings.PORTAL_EMBED_ALLOWED_ORIGINS = []
    assert frame_ancestors(client.get(f"/es/embed/actions/{panorama.public_id}/")) == ["'self'"]


def test_every_other_page_stays_deny(client, panorama, settings):
    settings.PORTAL_EMBED_ALLOWED_ORIGINS = ["https://partner.example"]
    for path in (
        "/es/campaigns/freedom-of-panorama/",
        f"/es/actions/{panorama.public_id}/",
        f"/es/actions/{panorama.public_id}/thanks/",
        "/es/actions/my-data/",
        "/es/",
    ):
        response = client.get(path)
        assert response["X-Frame-Options"] == "DENY", path
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "partner.example" not in policy, path


def test_malformed_origins_never_reach_the_header_and_fail_the_checks(client, panorama, settings):
    settings.PORTAL_EMBED_ALLOWED_ORIGINS = [
        "https://ok.example",
        "https://x.example; script-src *",
    ]
    assert frame_ancestors(client.get(f"/es/embed/actions/{panorama.public_id}/")) == [
        "'self'",
        "https://ok.example",
    ]
    assert "actions.E001" in {message.id for message in run_checks()}


def test_widget_is_localized_and_links_to_sign_on_the_portal(client, panorama):
    SignatureFactory(action=panorama, confirmed_at=timezone.now())
    document = soup(client.get(f"/es/embed/actions/{panorama.public_id}/"))
    assert document.html["lang"] == "es"
    assert document.select_one("h1").get_text() == panorama.title
    assert document.select_one(".action-progress__count").get_text().strip().startswith("1 ")
    sign = document.select_one("a.button")
    assert sign["href"] == (
        f"http://testserver/es/campaigns/freedom-of-panorama/#action-{panorama.public_id}"
    )
    assert sign["target"] == "_blank"
    assert not document.select("script")
    assert not document.select("form")  # signing happens on the portal, where CSRF holds


def test_widget_in_arabic_is_right_to_left(client):
    from .helpers import demo_action

    action = demo_action("freedom-of-panorama", "ar")
    document = soup(client.get(f"/ar/embed/actions/{action.public_id}/"))
    assert (document.html["lang"], document.html["dir"]) == ("ar", "rtl")
    assert document.select_one("h1").get_text() == action.title


def test_widget_for_an_unknown_action_is_a_404(client):
    assert client.get("/es/embed/actions/999999/").status_code == 404


def test_count_endpoint_gives_the_worded_count(client, panorama):
    SignatureFactory(action=panorama, confirmed_at=timezone.now())
    SignatureFactory(action=panorama)
    data = client.get(f"/es/actions/{panorama.public_id}/count/").json()
    assert data["count"] == 1
    assert data["goal"] == panorama.goal
    assert data["label"].startswith("1 ")
    assert "@" not in str(data)
