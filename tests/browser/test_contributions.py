"""The contributed-story journey in a real browser:

1. an anonymous advocate opens the Spanish story form (axe-clean, usable with the keyboard, the
   honeypot out of the tab order), sends it empty (errors, axe-clean), then sends a FAILURE
   story under a pseudonym, and gets a private status link that says "received" in Spanish;
2. the demo's moderator (``moderator``, made as ``load_demo`` makes it) approves it from the
   dashboard's "Awaiting your review" panel (the Moderators' workflow);
3. the story is listed under failures in the Spanish stories listing and found by the Spanish
   search; the status link says "published", in Spanish, with a link to the story;
4. the proposal form and the story form are axe-clean in Arabic (right to left).

As in ``test_translation_flow``, set-up and clean-up go through ``committed`` so that on
PostgreSQL the live server sees them, and what the journey made is deleted afterwards.
"""

from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from tests.browser.axe import blocking, describe, run_axe
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_translation_flow import committed, log_in, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

STORY = {
    "title": "Los mapas escolares que nunca se liberaron",
    "pseudonym": "Cartógrafa errante",
    "what_happened": "La consejería guardó los mapas escolares bajo una licencia cerrada.",
}


@dataclass
class Made:
    passwords: dict = field(default_factory=dict)
    users: list = field(default_factory=list)
    sessions: set = None
    high_water: dict = field(default_factory=dict)


def _models():
    from django.contrib.sessions.models import Session  # noqa: F401 - (test set-up)

    from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

    from contributions.models import StorySubmission

    return [StorySubmission, WorkflowState, TaskState, PageLogEntry, Revision, Page]


def set_up(made):
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session
    from django.db.models import Max

    from demo.accounts import ensure_role_accounts

    made.sessions = set(Session.objects.values_list("pk", flat=True))
    for model in _models():
        made.high_water[model] = model.objects.aggregate(top=Max("pk"))["top"] or 0
    made.passwords = ensure_role_accounts(write=lambda _line: None)
    made.users.extend(get_user_model().objects.filter(username__in=made.passwords))


def clean_up(made):
    from django.contrib.sessions.models import Session

    from wagtail.models import Page

    from contributions.models import StorySubmission

    new_pages = list(Page.objects.filter(pk__gt=made.high_water.get(Page, 0)).order_by("-depth"))
    StorySubmission.objects.filter(pk__gt=made.high_water.get(StorySubmission, 0)).delete()
    for model in _models():
        if model is not Page:
            model.objects.filter(pk__gt=made.high_water.get(model, 0)).delete()
    for page in new_pages:
        page.delete()
    for user in made.users:
        user.delete()
    if made.sessions is not None:
        Session.objects.exclude(pk__in=made.sessions).delete()


def check_axe(page, name):
    violations = blocking(run_axe(page))
    if violations:
        page.screenshot(path=ARTIFACTS / f"axe-{name}.png", full_page=True)
    assert not violations, f"{len(violations)} axe violation(s) on {page.url}:\n" + describe(
        violations
    )


def tab_order(page, start, stop, limit=60):
    """The names of the fields the keyboard reaches from ``start`` to ``stop``."""
    page.focus(start)
    names = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.name || document.activeElement.type"))
        if page.evaluate(f"document.activeElement.matches({stop!r})"):
            return names
    raise AssertionError(f"the keyboard never reached {stop}: {names}")


def send_story(page):
    page.goto("/es/contribute/story/")
    check_axe(page, "story-form-es")
    reached = tab_order(page, "#story-title", "form.contribution-form button[type=submit]")
    assert "website" not in reached  # the honeypot is out of the tab order
    assert {"outcome", "date", "author_mode", "email", "image"} <= set(reached), reached

    # Sent empty: the form comes back with its errors, still accessible.
    page.get_by_role("button", name="Enviar mi historia").click()
    expect(page.locator("[role=alert]")).to_be_visible()
    check_axe(page, "story-form-errors-es")

    page.fill("#story-title", STORY["title"])
    page.get_by_role("radio", name="Fracaso").check()
    page.fill("#story-date", "2024-10-01")
    page.fill("#story-context", "Una consejería de educación encargó mapas para las escuelas.")
    page.fill("#story-what_happened", STORY["what_happened"])
    page.get_by_role("radio", name="Con seudónimo").check()
    page.fill("#story-author_name", STORY["pseudonym"])
    page.get_by_role("button", name="Enviar mi historia").click()
    page.wait_for_url("**/es/contribute/status/**")
    expect(page.locator(".contribution-status strong")).to_have_text("Recibida")
    check_axe(page, "story-status-es")
    return page.url.split("?")[0]


def approve(page, made):
    username = "moderator"
    log_in(page, username, made.passwords[username])
    panel = page.get_by_role("region", name="Awaiting your review")
    row = panel.get_by_role("row").filter(has_text=STORY["title"])
    expect(row).to_have_count(1)
    row.get_by_role("button", name="Actions").click()
    page.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_url("**/admin/")


def find_published(page, status_url):
    page.goto("/es/stories/?outcome=failure")
    expect(page.locator(".card-grid")).to_contain_text(STORY["title"])
    page.goto("/es/search/?q=mapas+escolares")
    expect(page.locator(".search-results")).to_contain_text(STORY["title"])
    page.goto(status_url)
    expect(page.locator(".contribution-status strong")).to_have_text("Publicada")
    page.get_by_role("link", name="Lee tu historia publicada").click()
    expect(page.locator("h1")).to_have_text(STORY["title"])
    expect(page.locator("main")).to_contain_text(STORY["pseudonym"])


def test_contribute_moderate_publish_and_follow(page, browser, portal_server, settings):
    settings.PORTAL_ACTIONS_MIN_FILL_SECONDS = 0  # the browser types faster than people do
    made = Made()
    others = []
    try:
        committed(lambda: set_up(made))
        status_url = send_story(page)
        moderator = new_page(browser, portal_server)
        others.append(moderator)
        approve(moderator, made)
        find_published(page, status_url)
        page.screenshot(path=ARTIFACTS / "contribution-published-es.png", full_page=True)
    finally:
        for other in others:
            other.context.close()
        committed(lambda: clean_up(made))
    assert not page.problems, "\n".join(page.problems)


@pytest.mark.parametrize("path", ["/ar/contribute/story/", "/ar/contribute/propose/"])
def test_forms_are_accessible_right_to_left(page, path):
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    check_axe(page, "contribution-form-ar")
    page.locator("form.contribution-form button[type=submit]").click()
    expect(page.locator("[role=alert]")).to_be_visible()
    check_axe(page, "contribution-form-errors-ar")


def test_proposal_form_is_accessible_in_english(page):
    page.goto("/en/contribute/propose/")
    check_axe(page, "proposal-form-en")
    reached = tab_order(page, "#proposal-title", "form.contribution-form button[type=submit]")
    assert "website" not in reached
