"""No public page asks anything of another site: every public page type in English and Arabic
is loaded in a real browser, every request it makes is recorded, and any request to another
origin, any Content-Security-Policy violation and any console error fails the test. The admin
works under its own policy in the same way, and only the action widget may be framed.
"""

from urllib.parse import urlparse

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_accessibility import LANGUAGES, PUBLIC_PAGES, AxePage
from tests.browser.test_translation_flow import PASSWORD, committed, log_in, row_counts

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ACTION_CAMPAIGN = "freedom-of-panorama"

# The pages of the campaign action: its own page, the thank-you page and the widget partner
# sites frame. Their paths hold the action's id in each language, found in the demo content.
ACTION_PAGES = [
    AxePage("action", "/{language}/actions/{pk}/", ".action-panel form"),
    AxePage("thanks", "/{language}/actions/{pk}/thanks/", ".action-thanks"),
    AxePage("embed", "/{language}/embed/actions/{pk}/", ".action-embed .action-panel"),
]
PAGE_NAMES = [target.name for target in PUBLIC_PAGES + ACTION_PAGES]

# Records Content-Security-Policy violations in every document of the page. Playwright adds it
# through the DevTools protocol, so the page's own policy does not stop it.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
        `at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


# What Chromium logs for a document that answers 404.
NOT_FOUND_MESSAGE = "Failed to load resource: the server responded with a status of 404 (Not Found)"
# Chromium logs a header it cannot fully parse as a warning: unknown features, bad directives.
HEADER_NAMES = ("Permissions-Policy", "Content Security Policy", "Content-Security-Policy")


def demo_action_id(language):
    from actions.models import CampaignAction

    return CampaignAction.objects.get(
        campaign__slug=ACTION_CAMPAIGN,
        campaign__locale__language_code="en",
        locale__language_code=language,
    ).public_id


def public_pages(language):
    """Every public page type as (name, url, status, selector) in ``language``."""
    pk = demo_action_id(language)
    pages = [(t.name, t.url(language), t.status, t.expect) for t in PUBLIC_PAGES]
    pages += [
        (t.name, t.path.format(language=language, pk=pk), t.status, t.expect) for t in ACTION_PAGES
    ]
    return pages


def watch(page):
    """Record every request the page makes, and CSP violations in its documents."""
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.on(
        "console",
        lambda message: (
            message.type != "error"
            and any(name in message.text for name in HEADER_NAMES)
            and page.problems.append(f"console {message.type}: {message.text}")
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)


def third_party(page, origin):
    own = urlparse(origin)
    return [
        url
        for url in page.requests_seen
        if urlparse(url).scheme not in ("data", "blob")
        and (urlparse(url).scheme, urlparse(url).netloc) != (own.scheme, own.netloc)
    ]


def assert_clean(page, origin, what):
    violations = page.evaluate("window.cspViolations || []")
    outside = third_party(page, origin)
    if violations or outside or page.problems:
        page.screenshot(path=ARTIFACTS / f"third-party-{what}.png", full_page=True)
    assert page.requests_seen, f"{what}: no request recorded"
    assert not outside, f"{what}: requests to other origins: {outside}"
    assert not violations, f"{what}: CSP violations: {violations}"
    assert not page.problems, f"{what}:\n" + "\n".join(page.problems)


def load_everything(page):
    """Scroll to the end, so that lazy images load too, and wait for the network to settle."""
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_public_page_makes_no_third_party_request(page, portal_server, name, language):
    pages = {entry[0]: entry[1:] for entry in public_pages(language)}
    url, status, expect = pages[name]
    watch(page)
    response = page.goto(url)
    assert response.status == status, f"{url}: HTTP {response.status}"
    assert page.locator(expect).count(), f"{url}: no {expect}"
    if name == "not-found":  # the page itself answers 404, as it should
        page.problems.remove(f"HTTP 404: {portal_server}{url}")
        page.problems.remove(f"console: {NOT_FOUND_MESSAGE}")
    if name.startswith("search"):
        # The suggestions script asks the portal as the reader types.
        with page.expect_response(lambda answer: "/api/search/autocomplete/" in answer.url):
            page.locator("#search-q").fill("cop" if language == "en" else "حق")
    load_everything(page)
    assert_clean(page, portal_server, f"{name}-{language}")


def test_the_check_notices_a_third_party_request_and_a_violation(page, portal_server):
    """The checks can fail: an image from another site is refused by the policy, reported as
    a violation, and the attempt is recorded as a request to another origin."""
    watch(page)
    page.goto("/en/")
    page.evaluate(
        """() => new Promise((resolve) => {
            const image = new Image();
            image.onerror = resolve;
            image.src = "https://images.example.org/tracker.gif";
            document.body.append(image);
        })"""
    )
    page.wait_for_function("window.cspViolations.length > 0")
    assert page.evaluate("window.cspViolations")[0].startswith(
        "img-src blocked https://images.example.org/tracker.gif"
    )
    assert third_party(page, portal_server) == ["https://images.example.org/tracker.gif"]
    # Chromium also reports the refusal in the console, as an error.
    assert any(
        problem.startswith("console: ") and "images.example.org/tracker.gif" in problem
        for problem in page.problems
    ), page.problems


def test_only_the_action_widget_may_be_framed(page, portal_server):
    """A page of the portal frames the widget (frame-ancestors 'self'); any other page refuses
    to be framed, even by the portal itself (frame-ancestors 'none')."""
    pk = demo_action_id("en")
    page.goto("/en/privacy/")
    for frame_id, src in (("widget", f"/en/embed/actions/{pk}/"), ("other", "/en/campaigns/")):
        page.evaluate(
            """([id, src]) => new Promise((resolve) => {
                const frame = document.createElement("iframe");
                frame.id = id;
                frame.title = id;
                frame.src = src;
                frame.onload = resolve;
                document.body.append(frame);
            })""",
            [frame_id, src],
        )
    widget = page.frame_locator("#widget")
    assert widget.locator(".action-embed .action-panel__title").count() == 1
    # A refused frame shows the browser's error page, which the portal's document cannot read.
    assert page.evaluate("document.getElementById('other').contentDocument") is None
    assert any("frame-ancestors 'none'" in problem for problem in page.problems), page.problems


def make_editor():
    from django.contrib.auth import get_user_model

    from wagtail.models import Page

    user = get_user_model().objects.create_superuser(
        "csp-admin-browser", "csp-admin@example.org", PASSWORD
    )
    campaign = Page.objects.get(slug=ACTION_CAMPAIGN, locale__language_code="en")
    return user, campaign.pk, campaign.get_parent().pk


def existing_rows():
    """The sessions, and the highest image rendition id, before the admin is used."""
    from django.contrib.sessions.models import Session
    from django.db.models import Max

    from wagtail.images.models import Rendition

    top = Rendition.objects.aggregate(top=Max("pk"))["top"] or 0
    return set(Session.objects.values_list("pk", flat=True)), top


def remove_editor(existing):
    """The editor, their sessions and the renditions the admin's thumbnails made."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    from wagtail.images.models import Rendition

    sessions, top_rendition = existing
    get_user_model().objects.filter(username="csp-admin-browser").delete()
    Session.objects.exclude(pk__in=sessions).delete()
    Rendition.objects.filter(pk__gt=top_rendition).delete()


def test_admin_works_under_its_policy(page, portal_server, settings):
    """The dashboard, a page's edit view and the page explorer load and run their scripts with
    no CSP violation, no console error and no request to another origin; so does the editors'
    user bar on a public page, under the public pages' policy."""
    settings.WAGTAILADMIN_BASE_URL = portal_server  # the user bar's assets are absolute links
    before = committed(row_counts)
    existing = committed(existing_rows)
    try:
        _user, page_id, parent_id = committed(make_editor)
        watch(page)
        log_in(page, "csp-admin-browser")
        page.get_by_role("heading", level=1).wait_for()
        load_everything(page)
        assert_clean(page, portal_server, "admin-dashboard")

        page.goto(f"/admin/pages/{page_id}/edit/")
        # Scripts ran: the editor's tabs and the StreamField editor are drawn by them.
        page.locator("[role=tab]").first.wait_for()
        page.locator("[data-streamfield-stream-container]").first.wait_for()
        load_everything(page)
        assert_clean(page, portal_server, "admin-edit")

        page.goto(f"/admin/pages/{parent_id}/")
        page.locator("table.listing").wait_for()
        load_everything(page)
        assert_clean(page, portal_server, "admin-explorer")

        page.goto("/ar/campaigns/")
        page.locator("wagtail-userbar").locator("[data-wagtail-userbar-trigger]").click()
        page.locator("wagtail-userbar").get_by_role("menuitem").first.wait_for()
        load_everything(page)
        assert_clean(page, portal_server, "userbar")

        # Why the admin has a policy of its own: under the public one (with the nonce the
        # admin's inline scripts carry, so that scripts run), Wagtail's styles are refused.
        settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY = settings.CONTENT_SECURITY_POLICY
        page.goto(f"/admin/pages/{page_id}/edit/")
        page.wait_for_load_state("networkidle")
        refused = {item.split()[0] for item in page.evaluate("window.cspViolations")}
        assert "style-src-elem" in refused, refused
        assert "script-src-elem" not in refused, refused
    finally:
        committed(lambda: remove_editor(existing))
    after = committed(row_counts)
    changed = {label: (n, after[label]) for label, n in before.items() if n != after[label]}
    assert not changed, f"rows left behind or removed: {changed}"
