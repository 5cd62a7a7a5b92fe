"""Security headers on every kind of response: public pages (fresh and from the page cache),
the JSON APIs, the admin, error pages, the action widget and, with production settings, HSTS
over https. Public pages hold no inline script, style or event handler that the policy blocks."""

import importlib
import sys
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from django.core.cache import cache
from django.test import Client

from wagtail.models import Locale, Page

from tests.browser.test_third_party import demo_action_id, public_pages

PARTNER = "https://partner.example.org"
DENIED = ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")
PRODUCTION_SECURITY = (
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
)


def policy(response, header="Content-Security-Policy"):
    """The policy as {directive: [sources]}; a header sent twice would show as a comma."""
    value = response[header]
    assert "," not in value, value
    parts = [part.split() for part in value.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def assert_common_headers(response):
    """The headers every response carries, whatever its policy."""
    permissions = {
        item.split("=")[0].strip(): item.split("=")[1]
        for item in response["Permissions-Policy"].split(",")
    }
    assert {feature: permissions.get(feature) for feature in DENIED} == dict.fromkeys(DENIED, "()")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def assert_public_headers(response):
    assert_common_headers(response)
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]  # no 'unsafe-inline', no nonce, no host
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    if response.status_code // 100 != 3:  # a redirect has no document to frame
        assert response["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response  # plain http


def get(client, url, status=200, **extra):
    response = client.get(quote(url, safe="/?=&+%"), **extra)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return response


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "content_type"),
    [
        ("/en/", 200, "text/html"),
        ("/ar/campaigns/?topic=copyright&status=lost", 200, "text/html"),
        ("/ar/search/?q=حق+المؤلف", 200, "text/html"),
        ("/en/no-such-page/", 404, "text/html"),
        ("/api/v2/pages/?locale=ar", 200, "application/json"),
        ("/api/v2/pages/999999/", 404, "application/json"),
        ("/api/search/?q=copyright", 200, "application/json"),
        ("/robots.txt", 200, "text/plain"),
        ("/en/feeds/campaigns/rss/", 200, "application/rss+xml"),
        ("/", 302, ""),  # to the reader's language
    ],
)
def test_public_responses_send_every_header(client, url, status, content_type):
    response = get(client, url, status)
    assert response.get("Content-Type", "").startswith(content_type)
    assert_public_headers(response)


@pytest.mark.django_db
def test_cached_page_sends_every_header(client, settings):
    settings.PORTAL_PAGE_CACHE = True
    cache.clear()
    try:
        fresh = get(client, "/en/campaigns/")
        cached = get(Client(), "/en/campaigns/")
    finally:
        cache.clear()
    assert (fresh["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit")
    assert cached.content == fresh.content
    for response in (fresh, cached):
        assert_public_headers(response)
    assert cached["Content-Security-Policy"] == fresh["Content-Security-Policy"]


@pytest.mark.django_db
def test_action_widget_keeps_its_own_frame_ancestors(client, settings):
    settings.PORTAL_EMBED_ALLOWED_ORIGINS = [PARTNER]
    response = get(client, f"/en/embed/actions/{demo_action_id('en')}/")
    assert_common_headers(response)
    directives = policy(response)
    assert directives["frame-ancestors"] == ["'self'", PARTNER]
    assert directives["default-src"] == ["'none'"]
    assert "X-Frame-Options" not in response  # frame-ancestors decides alone
    # Any other page refuses every frame, the partner's included.
    other = get(client, "/en/campaigns/")
    assert policy(other)["frame-ancestors"] == ["'none'"]
    assert other["X-Frame-Options"] == "DENY"


@pytest.fixture
def admin_client(django_user_model):
    user = django_user_model.objects.create_superuser("csp-admin", "csp@example.org", "x" * 16)
    client = Client()
    client.force_login(user)
    return client


def assert_admin_headers(response):
    assert_common_headers(response)
    directives = policy(response)
    # Scripts from the site only, inline ones with the request's nonce (issue #14, item 10;
    # tests/browser/test_admin_csp.py loads the admin's views under it); inline styles run.
    assert directives["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert all(source.startswith("'nonce-") for source in directives["script-src"][1:])
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "Content-Security-Policy-Report-Only" not in response
    assert directives["img-src"] == ["'self'", "data:", "blob:"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'self'"]  # previews are framed by the admin
    assert "connect-src" not in directives  # 'self', from default-src


@pytest.mark.django_db
def test_admin_sends_its_own_policy(admin_client):
    campaign = Page.objects.get(slug="freedom-of-panorama", locale__language_code="en")
    for url in ("/admin/", f"/admin/pages/{campaign.pk}/edit/", "/admin/pages/"):
        assert_admin_headers(get(admin_client, url))
    anonymous = Client()
    assert_admin_headers(get(anonymous, "/admin/", 302))  # to the login form
    assert_admin_headers(get(anonymous, "/admin/login/"))


@pytest.fixture
def production_security(settings, monkeypatch):
    """The https settings of portal.settings.production, applied to this test."""
    monkeypatch.setenv("SECRET_KEY", "production-like-test-key")
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    sys.modules.pop("portal.settings.production", None)
    try:
        production = importlib.import_module("portal.settings.production")
    finally:
        sys.modules.pop("portal.settings.production", None)
    for name in PRODUCTION_SECURITY:
        setattr(settings, name, getattr(production, name))
    return production


@pytest.mark.django_db
def test_hsts_is_sent_over_https_with_production_settings(production_security):
    production = production_security
    assert production.SECURE_HSTS_SECONDS >= 31_536_000  # a year, as preload lists ask
    expected = f"max-age={production.SECURE_HSTS_SECONDS}; includeSubDomains"
    if production.SECURE_HSTS_PRELOAD:
        expected += "; preload"
    client = Client()  # its middleware is built with the settings above
    over_https = get(client, "/en/", HTTP_X_FORWARDED_PROTO="https")
    assert over_https["Strict-Transport-Security"] == expected
    assert_common_headers(over_https)
    assert policy(over_https)["frame-ancestors"] == ["'none'"]
    api = get(client, "/api/v2/pages/", HTTP_X_FORWARDED_PROTO="https")
    assert api["Strict-Transport-Security"] == expected

    # Plain http is sent to https first, that answer carrying every header but HSTS.
    redirect = get(client, "/en/campaigns/", 301)
    assert redirect["Location"] == "https://testserver/en/campaigns/"
    assert "Strict-Transport-Security" not in redirect
    assert_common_headers(redirect)
    assert policy(redirect)["frame-ancestors"] == ["'none'"]


INLINE_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


def inline_code(html):
    """What a policy without 'unsafe-inline' blocks: inline scripts, <style> elements, style
    attributes, event handler attributes and javascript: links."""
    document = BeautifulSoup(html, "html.parser")
    found = [
        f"<script> {script.get_text()[:60]!r}"
        for script in document.find_all("script")
        if not script.get("src") and script.get("type", "").lower() in INLINE_SCRIPT_TYPES
    ]
    found += [f"<style> {style.get_text()[:60]!r}" for style in document.find_all("style")]
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            script_link = name in ("href", "src", "action") and str(value).lower().startswith(
                "javascript:"
            )
            if name == "style" or name.startswith("on") or script_link:
                found.append(f"<{element.name} {name}={value!r}>")
    return found


def public_pages_by_name(language):
    return {name: (name, url, status) for name, url, status, _expect in public_pages(language)}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_public_pages_hold_no_inline_script_or_style(client, language):
    checked = 0
    for name, url, status in public_pages_by_name(language).values():
        response = get(client, url, status)
        assert response["Content-Type"].startswith("text/html"), name
        assert not inline_code(response.content.decode()), f"{name} ({url})"
        assert "nonce" not in response.content.decode(), f"{name} ({url})"
        checked += 1
    assert checked >= 19


def test_inline_code_finds_what_the_policy_blocks():
    html = """<html><head><style>p{}</style><script>alert(1)</script>
        <script type="application/ld+json">{}</script><script src="/static/a.js"></script>
        </head><body><p style="color:red" onclick="go()">x</p>
        <a href="javascript:go()">y</a></body></html>"""
    found = inline_code(html)
    assert found == [
        "<script> 'alert(1)'",
        "<style> 'p{}'",
        "<p style='color:red'>",
        "<p onclick='go()'>",
        "<a href='javascript:go()'>",
    ]


@pytest.mark.django_db
def test_admin_inline_scripts_carry_the_nonce_of_the_header(admin_client):
    """The inline scripts Wagtail and wagtail-localize write in the page editor (date pickers,
    choosers, inline panels, the translation editor's set-up) carry the request's nonce, the
    only inline code the admin's script-src allows."""
    campaign = Page.objects.get(slug="freedom-of-panorama", locale__language_code="en")
    french = campaign.get_translation(Locale.objects.get(language_code="fr"))
    partner = Page.objects.filter(depth__gt=2, content_type__model="partnerpage").first()
    urls = [f"/admin/pages/{campaign.pk}/edit/", f"/admin/pages/{french.pk}/edit/"]
    urls += [f"/admin/pages/{partner.pk}/edit/"] if partner else []
    for url in urls:
        response = get(admin_client, url)
        sources = policy(response)["script-src"]
        document = BeautifulSoup(response.content.decode(), "html.parser")
        inline = [
            script
            for script in document.find_all("script")
            if not script.get("src") and script.get("type", "").lower() in INLINE_SCRIPT_TYPES
        ]
        assert inline, f"{url}: no inline script left to check"
        nonces = {script.get("nonce") for script in inline}
        unstamped = [str(script)[:120] for script in inline if not script.get("nonce")]
        assert len(nonces) == 1 and not unstamped, f"{url}: {unstamped}"
        assert sources == ["'self'", f"'nonce-{nonces.pop()}'"], url
    # No nonce where no template asks for one (the dashboard).
    assert policy(get(admin_client, "/admin/"))["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_image_editor_keeps_inline_scripts_and_reports_the_strict_policy(admin_client):
    from wagtail.images.models import Image

    response = get(admin_client, f"/admin/images/{Image.objects.first().pk}/")
    assert policy(response)["script-src"] == ["'self'", "'unsafe-inline'"]  # no nonce with it
    strict = policy(response, "Content-Security-Policy-Report-Only")["script-src"]
    assert strict[0] == "'self'" and "'unsafe-inline'" not in strict
