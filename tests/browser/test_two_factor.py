"""Two-factor sign-in in a real browser: an editor (whose group requires it) signs in with a
password, is sent to enrolment, adds a passkey on Chromium's virtual authenticator (DevTools
protocol, WebAuthn domain) or an authenticator app (TOTP), and later signs in with it.

The set-up is committed so that the server thread sees it, and deleted afterwards (see
test_translation_flow.committed)."""

import base64
import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.axe import blocking, describe, run_axe
from tests.browser.test_translation_flow import committed

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "browser-test-password-2fa"


@pytest.fixture
def two_factor_settings(settings, portal_server):
    settings.PORTAL_2FA_ENFORCE = True
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [portal_server]


@pytest.fixture
def editor(two_factor_settings):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.sessions.models import Session

    made = {}

    def set_up():
        made["sessions"] = set(Session.objects.values_list("pk", flat=True))
        group, made["group_created"] = Group.objects.get_or_create(name="Editors")
        if made["group_created"]:
            from django.contrib.auth.models import Permission

            group.permissions.add(Permission.objects.get(codename="access_admin"))
        user = get_user_model().objects.create_user("editor-2fa-browser", password=PASSWORD)
        user.groups.add(group)
        made["user"], made["group"] = user, group
        return user

    def clean_up():
        made["user"].delete()  # its passkeys, app and recovery codes go with it
        if made["group_created"]:
            made["group"].delete()
        Session.objects.exclude(pk__in=made["sessions"]).delete()

    user = committed(set_up)
    yield user
    committed(clean_up)


def password_sign_in(page, user):
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def virtual_authenticator(page):
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return session


def totp_code(secret, steps_ahead=0):
    from django_otp.oath import totp

    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{totp(key, drift=steps_ahead):06d}"


def test_enrol_a_passkey_then_sign_in_with_it(page, editor):
    virtual_authenticator(page)
    password_sign_in(page, editor)
    # The editor must enrol before anything else in the admin.
    page.wait_for_url(re.compile(r"/admin/two-factor/\?next="))
    expect(page.get_by_role("alert").filter(has_text="must use two-factor sign-in")).to_be_visible()
    page.goto("/admin/pages/")
    page.wait_for_url(re.compile(r"/admin/two-factor/\?next="))

    page.get_by_role("button", name="Add a passkey").click()
    # The page reloads with the passkey listed and the recovery codes shown once.
    expect(page.locator(".twofactor-codes code")).to_have_count(10)
    expect(page.get_by_role("button", name=re.compile("Remove passkey"))).to_be_visible()
    page.get_by_role("link", name="Continue to the admin").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()

    # A new session: the password alone is not enough, the passkey is asked for.
    page.context.clear_cookies()
    password_sign_in(page, editor)
    page.wait_for_url(re.compile(r"/admin/two-factor/verify/"))
    page.goto("/admin/pages/")
    page.wait_for_url(re.compile(r"/admin/two-factor/verify/"))
    page.get_by_role("button", name="Use a passkey").click()
    page.wait_for_url("**/admin/pages/")
    assert not page.problems, "\n".join(page.problems)


def test_enrol_an_authenticator_app_then_sign_in_with_a_code(page, editor):
    violations = []
    password_sign_in(page, editor)
    page.wait_for_url(re.compile(r"/admin/two-factor/\?next="))
    violations += blocking(run_axe(page))
    page.get_by_role("link", name="Set up an authenticator app").click()
    expect(page.locator("figure.twofactor-qr svg")).to_be_visible()
    violations += blocking(run_axe(page))
    secret = page.locator("#twofactor-secret").inner_text()
    page.get_by_label("Code from the app").fill(totp_code(secret))
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".twofactor-codes code")).to_have_count(10)
    recovery = page.locator(".twofactor-codes code").first.inner_text()
    expect(page.get_by_text("An authenticator app is set up.")).to_be_visible()

    page.context.clear_cookies()
    password_sign_in(page, editor)
    page.wait_for_url(re.compile(r"/admin/two-factor/verify/"))
    violations += blocking(run_axe(page))
    page.get_by_label("Code").fill("111111")
    page.get_by_role("button", name="Verify").click()
    expect(page.locator(".error-message")).to_contain_text("not right")
    time.sleep(1.1)  # django-otp's pause after a wrong code
    # The code of the next time step: the one used to enrol cannot be used twice.
    page.get_by_label("Code").fill(totp_code(secret, steps_ahead=1))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/admin/")

    # A recovery code works once, in place of the app.
    page.context.clear_cookies()
    password_sign_in(page, editor)
    page.wait_for_url(re.compile(r"/admin/two-factor/verify/"))
    page.get_by_label("Code").fill(recovery)
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/admin/")
    assert not page.problems, "\n".join(page.problems)
    assert not violations, describe(violations)
