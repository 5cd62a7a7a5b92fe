"""A partner asks in French to endorse a position, confirms through the mail, staff approve it
under the partner's profile, and the endorsement shows; the position changes, and the
endorsement now shows as of the earlier version.

The server thread writes for real, so this test runs outside a test transaction and deletes
what it made at the end (the request, the endorsement, the new revision's publication)."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.db.models import Max

from wagtail.models import PageLogEntry, Revision

from demo.accounts import ensure_role_accounts
from explainers.models import PolicyExplainerPage
from network.models import Endorsement, EndorsementRequest
from partners.models import PartnerPage
from tests.browser.axe import blocking, describe, run_axe
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_translation_flow import committed, log_in
from translations.models import TranslationNotice

pytestmark = pytest.mark.browser

CONTACT = "contact@savanna.example.org"
SLUG = "disinformation"
PARTNER = "savanna-digital-rights"


def high_water(model):
    return model.objects.aggregate(top=Max("pk"))["top"] or 0


def test_a_partner_endorses_in_french_and_the_position_changes(
    page, browser, portal_server, django_db_blocker, settings
):
    settings.PORTAL_ACTIONS_MIN_FILL_SECONDS = 0  # the browser types faster than people do
    cache.clear()
    with django_db_blocker.unblock():
        english = PolicyExplainerPage.objects.get(slug=SLUG, locale__language_code="en")
        revision = english.live_revision
        marks = {model: high_water(model) for model in (PageLogEntry, Revision, TranslationNotice)}
        passwords = committed(lambda: ensure_role_accounts(write=lambda _line: None))
        try:
            staff = browser.new_context(base_url=portal_server).new_page()
            _journey(page, staff, english, passwords)
        finally:
            EndorsementRequest.objects.filter(contact_email=CONTACT).delete()
            Endorsement.objects.filter(page=english, partner__slug=PARTNER).delete()
            english.refresh_from_db()
            if english.live_revision_id != revision.pk:
                revision.publish(log_action=False)
            # What the journey published leaves no trace in the change log or the notices.
            for model, mark in marks.items():
                model.objects.filter(pk__gt=mark).delete()
            get_user_model().objects.filter(username__in=passwords).delete()


def _journey(page, staff, english, passwords):
    french = PolicyExplainerPage.objects.get(slug=SLUG, locale__language_code="fr")
    partner = PartnerPage.objects.get(slug=PARTNER, locale__language_code="en")
    french_partner = partner.get_translation_or_none(french.locale) or partner

    # The ask on the French explainer leads to the French form.
    page.goto(f"/fr/policy/{SLUG}/")
    page.locator(".standing__ask a").click()
    page.wait_for_url(f"**/fr/network/endorse/{french.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.fill("#endorse-organisation", "Savanna Digital Rights")
    page.fill("#endorse-contact_email", CONTACT)
    page.fill("#endorse-statement", "Nous soutenons cette position.")
    violations = blocking(run_axe(page))
    assert not violations, describe(violations)
    page.screenshot(path=ARTIFACTS / "endorse-form-fr.png", full_page=True)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert urlparse(page.url).path == f"/fr/network/endorse/{french.pk}/check-your-email/"

    # The confirmation mail, in French, in this same process's locmem outbox.
    sent = [message for message in mail.outbox if message.to == [CONTACT]]
    assert len(sent) == 1
    link = re.search(r"https?://\S+/fr/network/confirm/\S+", sent[0].body).group(0)
    page.goto(urlparse(link).path)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    request = EndorsementRequest.objects.get(contact_email=CONTACT)
    assert request.status == EndorsementRequest.Status.CONFIRMED

    # A Moderator approves it under the partner's profile.
    log_in(staff, "moderator", passwords["moderator"])
    staff.goto(f"/admin/snippets/network/endorsementrequest/edit/{request.pk}/")
    staff.select_option("#id_status", "approved")
    # The page chooser's hidden input (the chooser's modal itself is Wagtail's).
    staff.evaluate("id => { document.querySelector('#id_partner').value = id; }", str(partner.pk))
    staff.locator("button[type=submit]", has_text=re.compile("Save", re.I)).first.click()
    staff.wait_for_url("**/admin/snippets/network/endorsementrequest/**")
    request.refresh_from_db()
    assert request.status == EndorsementRequest.Status.APPROVED
    approved = [message for message in mail.outbox if message.to == [CONTACT]]
    assert len(approved) == 2

    # The endorsement shows on the French explainer, the partner named in French.
    page.goto(f"/fr/policy/{SLUG}/")
    current = page.locator(".standing__list").first
    expect(current).to_contain_text(french_partner.title)
    expect(page.locator(".standing__summary")).not_to_contain_text("version")

    # The position changes: the endorsement is now of the earlier version.
    english.refresh_from_db()
    english.change_note = "Nouvelle section sur la modération des plateformes."
    english.save_revision().publish()
    page.goto(f"/fr/policy/{SLUG}/")
    earlier = page.locator(".standing h3 + .standing__list")
    expect(earlier).to_contain_text(french_partner.title)
    expect(earlier.locator("a[href='#change-log']")).to_have_count(1)
    page.screenshot(path=ARTIFACTS / "endorsement-earlier-version-fr.png", full_page=True)
    # The organisation was invited to endorse the new version.
    invitations = [m for m in mail.outbox if m.to == [CONTACT] and "/network/renew/" in m.body]
    assert len(invitations) == 1
