"""The translation journey in a real browser, through the admin a translator and a reviewer use:

1. the demo's French translator (``translator-fr``, made as ``load_demo`` makes it) logs in,
   opens the translation queue, starts a campaign that has no French page yet, translates its
   segments in wagtail-localize's editor and submits the translation to the "French review"
   workflow, with the submit button clear of the editor's footer;
2. the demo's French reviewer (``reviewer-fr``) approves it from the dashboard's "Awaiting your
   review" panel;
3. the French page is live for anonymous readers, with the translated text;
4. a Russian translator who opens the French page's editor gets 403 Forbidden.

On SQLite the server thread shares the test's in-memory connection, and so its transaction,
which is rolled back. On PostgreSQL the server thread has connections of its own that commit:
there the set-up is committed from a thread of its own (see ``committed``) so that the server
sees it, and everything the journey made is deleted afterwards. On both, the clean-up runs and
the row count of every table is compared before and after.
"""

import threading
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "browser-test-password-1"
SOURCE = {
    "title": "Open catalogues for every public library",
    "summary": "Public libraries publish their catalogues under an open licence.",
}
FRENCH = {
    "title": "Des catalogues ouverts pour chaque bibliothèque publique",
    "summary": "Les bibliothèques publiques publient leurs catalogues sous licence libre.",
}
# The demo's accounts (demo/accounts.py), and a Russian translator made for the test.
USERS = {
    "fr_translator": ("translator-fr", "French translators"),
    "fr_reviewer": ("reviewer-fr", "French reviewers"),
    "ru_translator": ("perevod-ru-browser", "Russian translators"),
}


@dataclass
class Made:
    """What the test created, for the clean-up."""

    users: list = field(default_factory=list)
    passwords: dict = field(default_factory=dict)
    page_ids: list = field(default_factory=list)
    translation_key: object = None
    sessions: set = None  # the session keys that existed before
    # The highest ids of shared tables before the journey: strings (wagtail-localize stores
    # each source text once) and image renditions (made when the public page is rendered).
    high_water: dict = field(default_factory=dict)


def committed(function):
    """Run ``function`` so that the server thread sees its writes.

    With a shared in-memory SQLite connection it runs here, inside the test's transaction (its
    on-commit callbacks run at once, as a commit would). Otherwise it runs in a thread of its own,
    whose connection is in autocommit mode: its writes are committed, and the test's own
    transaction (read committed) sees them too.
    """
    from django.db import connection, connections
    from django.test import TestCase

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        with TestCase.captureOnCommitCallbacks(execute=True):
            return function()
    outcome = {}

    def run():
        try:
            outcome["value"] = function()
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error
        finally:
            connections.close_all()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def row_counts():
    from django.apps import apps

    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def set_up(made):
    """The demo's role accounts, a Russian translator, and a new English campaign with no
    French page (queue: missing)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.sessions.models import Session
    from django.db.models import Max

    from wagtail.images.models import Rendition
    from wagtail_localize.models import String

    from campaigns.factories import CampaignPageFactory
    from campaigns.models import CampaignIndexPage
    from demo.accounts import ensure_role_accounts

    made.sessions = set(Session.objects.values_list("pk", flat=True))
    for model in (String, Rendition):
        made.high_water[model] = model.objects.aggregate(top=Max("pk"))["top"] or 0
    made.passwords = ensure_role_accounts(write=lambda _line: None)
    made.users.extend(get_user_model().objects.filter(username__in=made.passwords))
    username, group = USERS["ru_translator"]
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    made.users.append(user)
    made.passwords[username] = PASSWORD
    user.groups.add(Group.objects.get(name=group))
    english = CampaignPageFactory(
        parent=CampaignIndexPage.objects.get(locale__language_code="en"), **SOURCE
    )
    made.page_ids.append(english.pk)
    made.translation_key = english.translation_key
    return english


def french_page(made):
    from wagtail.models import Page

    french = Page.objects.get(translation_key=made.translation_key, locale__language_code="fr")
    made.page_ids.append(french.pk)
    return french


def clean_up(made):
    """Delete everything the journey made, in an order the foreign keys allow."""
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sessions.models import Session

    from wagtail.models import Page, PageLogEntry, Revision, WorkflowState
    from wagtail_localize.models import TranslatableObject

    from translations.models import TranslationClaim

    page_type = ContentType.objects.get_for_model(Page)
    if made.translation_key:
        made.page_ids = sorted(
            set(made.page_ids)
            | set(
                Page.objects.filter(translation_key=made.translation_key).values_list(
                    "pk", flat=True
                )
            )
        )
    object_ids = [str(pk) for pk in made.page_ids]
    WorkflowState.objects.filter(base_content_type=page_type, object_id__in=object_ids).delete()
    for page in Page.objects.filter(pk__in=made.page_ids).order_by("-depth"):
        page.delete()
    Revision.objects.filter(base_content_type=page_type, object_id__in=object_ids).delete()
    PageLogEntry.objects.filter(page_id__in=made.page_ids).delete()
    if made.translation_key:
        TranslationClaim.objects.filter(translation_key=made.translation_key).delete()
        TranslatableObject.objects.filter(translation_key=made.translation_key).delete()
    for model, top in made.high_water.items():
        model.objects.filter(pk__gt=top).delete()
    for user in made.users:
        user.delete()
    if made.sessions is not None:
        Session.objects.exclude(pk__in=made.sessions).delete()


def log_in(context_page, username, password=PASSWORD):
    context_page.goto("/admin/login/")
    context_page.fill("#id_username", username)
    context_page.fill("#id_password", password)
    context_page.get_by_role("button", name="Sign in").click()
    context_page.wait_for_url("**/admin/")


def new_page(browser, portal_server):
    context = browser.new_context(base_url=portal_server, viewport={"width": 1280, "height": 900})
    return context.new_page()


def translate_and_submit(page, made):
    """Step 1: the French translator's part."""
    from wagtail.models import WorkflowState
    from wagtail_localize.models import StringSegment, StringTranslation

    log_in(page, USERS["fr_translator"][0], made.passwords[USERS["fr_translator"][0]])
    page.get_by_role("link", name="Translation queue").click()
    page.wait_for_url("**/admin/translation-queue/**")
    # Translators see their own language only.
    expect(page.locator("#queue caption")).to_contain_text("Français")
    expect(page.locator("#id_locale option")).to_have_count(1)
    page.select_option("#id_state", "missing")
    page.get_by_role("button", name="Filter").click()
    row = page.locator(f'#queue tr[data-key="{made.translation_key}"]')
    expect(row).to_have_attribute("data-state", "missing")
    expect(row.locator("td").nth(4)).to_have_text("—")
    page.screenshot(path=ARTIFACTS / "translation-queue-missing.png", full_page=True)

    # One click makes the French draft through wagtail-localize and opens its editor.
    row.get_by_role("button", name="Start translation").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    french = committed(lambda: french_page(made))
    assert page.url.endswith(f"/admin/pages/{french.pk}/edit/"), page.url
    assert not french.live
    editor = page.locator(".js-translation-editor")
    for key, source in SOURCE.items():
        segment = editor.locator("li.incomplete", has_text=source)
        segment.get_by_role("button", name="Translate").click()
        segment.locator("textarea").fill(FRENCH[key])
        segment.get_by_role("button", name="Save").click()
        # The editor shows the value at once ("Saving..."), then the server's answer.
        expect(editor.locator("li.complete", has_text=FRENCH[key])).to_contain_text(
            "Translated manually", timeout=15_000
        )
    expect(editor.locator("li.incomplete")).to_have_count(0)
    saved = dict(
        StringTranslation.objects.filter(
            locale=french.locale, context__object_id=made.translation_key
        ).values_list("translation_of__data", "data")
    )
    assert saved == {SOURCE[key]: FRENCH[key] for key in SOURCE}, saved
    segments = StringSegment.objects.filter(source__object_id=made.translation_key)
    assert segments.count() == len(SOURCE), list(segments.values_list("string__data", flat=True))
    page.screenshot(path=ARTIFACTS / "translation-editor-translated.png", full_page=True)

    # Translators cannot publish: the editor offers no "Publish in French"; they submit.
    expect(page.get_by_role("button", name="Publish in Français")).to_have_count(0)
    # Scrolled to the end, the submit button is the element under its own centre: the
    # editor's sticky footer does not cover it.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    submit = page.get_by_role("button", name="Submit for review")
    assert submit.evaluate(
        """button => {
            const box = button.getBoundingClientRect();
            const found = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return found === button || button.contains(found);
        }"""
    ), "the editor's footer covers the submit button"
    page.locator(".translation-review").screenshot(path=ARTIFACTS / "translation-submit-form.png")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(f"**/admin/pages/{french.pk}/edit/")
    expect(page.get_by_text("Submitted for review: French review.")).to_be_visible()
    expect(page.locator(".translation-review")).to_contain_text("Awaiting review: French review.")
    state = WorkflowState.objects.get(object_id=str(french.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "French review"
    assert state.current_task_state.revision.as_object().title == FRENCH["title"]
    page.screenshot(path=ARTIFACTS / "translation-submitted.png", full_page=True)

    page.goto("/admin/translation-queue/?locale=fr&state=awaiting_review")
    row = page.locator(f'#queue tr[data-key="{made.translation_key}"]')
    expect(row).to_have_attribute("data-state", "awaiting_review")
    expect(row.locator("td").nth(4)).to_contain_text(USERS["fr_translator"][0])
    return french, state


def approve(page, made, french, state):
    """Step 2: the French reviewer approves from the dashboard."""
    from wagtail.models import WorkflowState

    log_in(page, USERS["fr_reviewer"][0], made.passwords[USERS["fr_reviewer"][0]])
    panel = page.get_by_role("region", name="Awaiting your review")
    row = panel.get_by_role("row").filter(has_text=FRENCH["title"])
    expect(row).to_contain_text(USERS["fr_translator"][0])
    page.screenshot(path=ARTIFACTS / "review-dashboard.png", full_page=True)
    row.get_by_role("button", name="Actions").click()
    # The open dropdown's "Approve" (the other choices are "Approve with comment" and
    # "Request changes"); hidden dropdowns' buttons have no role to find.
    page.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_role("row").filter(has_text=FRENCH["title"])).to_have_count(0)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    french.refresh_from_db()
    assert french.live and not french.has_unpublished_changes
    assert french.title == FRENCH["title"]


def read_live_page(page, french):
    """Step 3: anyone reads the French page."""
    response = page.goto(french.url)
    assert response.status == 200, response.status
    assert french.url.startswith("/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text(FRENCH["title"])
    expect(page.locator("main")).to_contain_text(FRENCH["summary"])
    page.screenshot(path=ARTIFACTS / "translation-live-fr.png", full_page=True)


def refuse_russian(page, made, french):
    """Step 4: a Russian translator may not open the French page's editor."""
    log_in(page, USERS["ru_translator"][0], made.passwords[USERS["ru_translator"][0]])
    response = page.goto(f"/admin/pages/{french.pk}/edit/")
    assert response.status == 403, response.status
    assert response.request.redirected_from is None
    assert page.url.endswith(f"/admin/pages/{french.pk}/edit/")
    expect(page.locator("h1")).to_have_text("Error 403")
    expect(page.locator(".js-translation-editor")).to_have_count(0)
    assert FRENCH["title"] not in page.content()
    page.screenshot(path=ARTIFACTS / "translation-refused-ru.png", full_page=True)


def test_translate_review_publish_and_refuse_other_language(page, browser, portal_server):
    made = Made()
    before = committed(row_counts)
    others = []
    try:
        committed(lambda: set_up(made))
        french, state = translate_and_submit(page, made)
        for step in (
            lambda other: approve(other, made, french, state),
            lambda other: read_live_page(other, french),
            lambda other: refuse_russian(other, made, french),
        ):
            other = new_page(browser, portal_server)
            others.append(other)
            step(other)
    finally:
        for other in others:
            other.context.close()
        committed(lambda: clean_up(made))
    after = committed(row_counts)
    changed = {
        label: (count, after[label]) for label, count in before.items() if count != after[label]
    }
    assert not changed, f"rows left behind or removed: {changed}"
    # The translator's browser saw no console error, script error or failed request.
    assert not page.problems, "\n".join(page.problems)
