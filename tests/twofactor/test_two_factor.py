"""Two-factor sign-in for the admin (twofactor/): verification after the password, enrolment
required per group, authenticator app (TOTP), recovery codes, limits on wrong codes, removal and
an administrator's reset."""

import time
from binascii import unhexlify
from io import StringIO

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.core.checks import run_checks
from django.core.management import call_command
from django.urls import reverse

from tests.helpers import soup
from twofactor import services

PASSWORD = "Correct-horse-battery-9"
ADMIN = "/admin/"
VERIFY = "/admin/two-factor/verify/"
MANAGE = "/admin/two-factor/"
TOTP_SETUP = "/admin/two-factor/app/"


@pytest.fixture(autouse=True)
def _enforced(settings):
    settings.PORTAL_2FA_ENFORCE = True


def make_user(username, *groups, superuser=False):
    User = get_user_model()
    make = User.objects.create_superuser if superuser else User.objects.create_user
    user = make(username=username, email=f"{username}@example.org", password=PASSWORD)
    user.user_permissions.add(*_admin_access())
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="access_admin")


def sign_in(client, user):
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert SESSION_KEY in client.session, "the password sign-in failed"
    return response


def code_now(device, offset=0):
    return f"{totp(unhexlify(device.key), t0=device.t0, step=device.step, drift=offset):06d}"


def add_app(user):
    return TOTPDevice.objects.create(user=user, name="App", confirmed=True)


def errors(response):
    page = soup(response)
    return " ".join(
        item.get_text(" ", strip=True) for item in page.select("li.error, .error-message")
    )


# Verification after the password ------------------------------------------------------------


@pytest.mark.django_db
def test_a_user_with_an_app_must_enter_its_code_before_any_admin_page(client):
    user = make_user("ana", "Editors")
    device = add_app(user)
    sign_in(client, user)
    for path in (ADMIN, "/admin/pages/", "/admin/users/", MANAGE, TOTP_SETUP):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY), path
    page = client.get(VERIFY)
    assert page.status_code == 200
    assert soup(page).select_one("input[name=code][autocomplete=one-time-code]") is not None

    answer = client.post(VERIFY, {"code": code_now(device), "next": "/admin/pages/"})
    assert answer.status_code == 302 and answer["Location"] == "/admin/pages/"
    assert client.get(ADMIN).status_code == 200
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


@pytest.mark.django_db
def test_without_enforcement_a_user_with_a_factor_still_verifies_it(client, settings):
    settings.PORTAL_2FA_ENFORCE = False
    user = make_user("ben")
    add_app(user)
    sign_in(client, user)
    assert client.get(ADMIN)["Location"].startswith(VERIFY)


@pytest.mark.django_db
def test_a_wrong_or_reused_code_is_refused_with_a_message(client):
    user = make_user("carla", "Editors")
    device = add_app(user)
    sign_in(client, user)
    wrong = client.post(VERIFY, {"code": "000000x"})
    assert wrong.status_code == 200
    assert "This code is not right" in errors(wrong)
    assert client.get(ADMIN).status_code == 302

    time.sleep(1.1)  # django-otp slows the device down for a second after a wrong code
    code = code_now(device)
    assert client.post(VERIFY, {"code": code})["Location"] == ADMIN
    # The same code cannot be used again, in another session.
    other = client.__class__()
    sign_in(other, user)
    again = other.post(VERIFY, {"code": code})
    assert again.status_code == 200
    assert "This code is not right" in errors(again)


@pytest.mark.django_db
def test_empty_or_overlong_input_gets_a_message_not_an_error(client):
    user = make_user("dina", "Editors")
    add_app(user)
    sign_in(client, user)
    for data in ({}, {"code": ""}, {"code": "9" * 500}):
        response = client.post(VERIFY, data)
        assert response.status_code == 200
        assert soup(response).select_one(".error-message, li.error") is not None


@pytest.mark.django_db
def test_wrong_codes_pause_verification_like_the_password_lockout(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # only the portal's own limit in this test
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    user = make_user("emil", "Editors")
    device = add_app(user)
    sign_in(client, user)
    for _ in range(settings.PORTAL_LOGIN_MAX_FAILURES - 1):
        assert "This code is not right" in errors(client.post(VERIFY, {"code": "123456"}))
    last = client.post(VERIFY, {"code": "123456"})
    assert "Too many wrong codes" in errors(last)
    # Even the right code is not checked while paused.
    paused = client.post(VERIFY, {"code": code_now(device)})
    assert "Too many wrong codes" in errors(paused)
    assert client.get(ADMIN).status_code == 302


# Enrolment required per group ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("groups", "superuser", "required"),
    [
        (["Editors"], False, True),
        (["Moderators"], False, True),
        (["French reviewers"], False, True),
        (["French translators"], False, False),
        ([], False, False),
        ([], True, True),
    ],
)
def test_enrolment_is_required_per_group(client, groups, superuser, required):
    user = make_user("fede", *groups, superuser=superuser)
    sign_in(client, user)
    response = client.get(ADMIN)
    if required:
        assert response.status_code == 302
        assert response["Location"].startswith(MANAGE)
        page = client.get(MANAGE)
        assert page.status_code == 200
        assert "Your account must use two-factor sign-in" in page.content.decode()
    else:
        assert response.status_code == 200


@pytest.mark.django_db
def test_the_required_groups_come_from_the_settings(client, settings):
    settings.PORTAL_2FA_REQUIRED_GROUPS = ["Partners*"]
    user = make_user("gil", "Editors")
    sign_in(client, user)
    assert client.get(ADMIN).status_code == 200
    user.groups.add(Group.objects.get_or_create(name="Partners (Berlin)")[0])
    assert client.get(ADMIN)["Location"].startswith(MANAGE)


@pytest.mark.django_db
def test_enrolling_an_app_shows_recovery_codes_once_and_opens_the_admin(client):
    user = make_user("hana", "Moderators")
    sign_in(client, user)
    assert client.get(ADMIN)["Location"].startswith(MANAGE)
    setup = client.get(TOTP_SETUP)
    assert setup.status_code == 200
    assert soup(setup).select_one("figure svg") is not None  # the QR code, drawn on the server
    key = client.session["twofactor_totp_key"]
    wrong = client.post(TOTP_SETUP, {"code": "000000"})
    assert wrong.status_code == 200 and "This code is not right" in errors(wrong)
    assert not TOTPDevice.objects.filter(user=user).exists()

    code = f"{totp(unhexlify(key)):06d}"
    done = client.post(TOTP_SETUP, {"code": code})
    assert done["Location"] == MANAGE
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get(ADMIN).status_code == 200  # the enrolling session counts as verified

    first = client.get(MANAGE)
    shown = [item.get_text(strip=True) for item in soup(first).select(".twofactor-codes code")]
    assert len(shown) == 10
    assert sorted(shown) == sorted(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    assert not soup(client.get(MANAGE)).select(".twofactor-codes code")  # shown once


@pytest.mark.django_db
def test_a_recovery_code_signs_in_once(client):
    user = make_user("ivo", "Editors")
    add_app(user)
    codes = services.issue_recovery_codes(user=user)
    sign_in(client, user)
    assert client.post(VERIFY, {"code": codes[0].upper()})["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9

    other = client.__class__()
    sign_in(other, user)
    time.sleep(1.1)
    reused = other.post(VERIFY, {"code": codes[0]})
    assert reused.status_code == 200
    assert other.get(ADMIN).status_code == 302


@pytest.mark.django_db
def test_new_recovery_codes_replace_the_old_ones(client):
    user = make_user("jon", "Editors")
    device = add_app(user)
    old = services.issue_recovery_codes(user=user)
    sign_in(client, user)
    client.post(VERIFY, {"code": code_now(device)})
    page = client.post(reverse("twofactor_recovery_codes"))
    new = [item.get_text(strip=True) for item in soup(page).select(".twofactor-codes code")]
    assert len(new) == 10 and not set(new) & set(old)
    assert StaticDevice.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_removing_the_last_factor_sends_a_required_user_back_to_enrolment(client):
    user = make_user("kai", "Editors")
    device = add_app(user)
    services.issue_recovery_codes(user=user)
    sign_in(client, user)
    client.post(VERIFY, {"code": code_now(device)})
    removed = client.post(reverse("twofactor_remove", args=["app", device.pk]))
    assert removed["Location"] == MANAGE
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()  # codes go with the last factor
    assert client.get(ADMIN)["Location"].startswith(MANAGE)
    # Someone else's factor cannot be removed.
    other = add_app(make_user("lou"))
    client.post(reverse("twofactor_remove", args=["app", other.pk]))
    assert TOTPDevice.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_the_account_page_links_to_two_factor_settings(client):
    user = make_user("mia")
    client.force_login(user)
    account = client.get("/admin/account/")
    assert MANAGE in account.content.decode()


# Passkeys: registration is open while enrolling, verification while signing in ---------------


@pytest.mark.django_db
def test_passkey_registration_is_open_to_an_enrolling_user_only(client):
    user = make_user("noa", "Editors")
    sign_in(client, user)
    begin = client.post(reverse("otp_webauthn:credential-registration-begin"))
    assert begin.status_code == 200
    assert begin.json()["rp"]["id"] == "localhost"

    # Someone who has a factor but has not verified it cannot add a passkey.
    add_app(user)
    blocked = client.post(reverse("otp_webauthn:credential-registration-begin"))
    assert blocked.status_code == 302 and blocked["Location"].startswith(VERIFY)
    begin_auth = client.post(reverse("otp_webauthn:credential-authentication-begin"))
    assert begin_auth.status_code == 200


@pytest.mark.django_db
def test_the_verify_page_offers_a_passkey_from_static_files_only(client):
    user = make_user("ola", "Editors")
    add_app(user)
    WebAuthnCredential.objects.create(
        user=user, name="Laptop", confirmed=True, credential_id=b"x", public_key=b"y"
    )
    sign_in(client, user)
    page = soup(client.get(VERIFY))
    assert page.select_one("template#passkey-verification-available-template") is not None
    scripts = page.select("script")
    executable = [s for s in scripts if s.get("type") not in ("application/json",)]
    assert all(s.get("src") for s in executable), "inline script on the verify page"
    sources = [s["src"] for s in executable]
    assert any("otp_webauthn_auth.js" in src for src in sources)


# Reset by an administrator -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_superuser_resets_a_users_factors(client):
    admin = make_user("root", superuser=True)
    admin_device = add_app(admin)
    user = make_user("pia", "Editors")
    add_app(user)
    services.issue_recovery_codes(user=user)
    sign_in(client, admin)
    client.post(VERIFY, {"code": code_now(admin_device)})

    listing = client.get("/admin/users/")
    assert reverse("twofactor_reset", args=[user.pk]) in listing.content.decode()
    confirm = client.get(reverse("twofactor_reset", args=[user.pk]))
    assert confirm.status_code == 200
    done = client.post(reverse("twofactor_reset", args=[user.pk]))
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()

    # The user signs in with the password and is sent to enrolment.
    other = client.__class__()
    sign_in(other, user)
    assert other.get(ADMIN)["Location"].startswith(MANAGE)


@pytest.mark.django_db
def test_only_superusers_may_reset(client):
    editor = make_user("quim", "Editors")
    device = add_app(editor)
    victim = make_user("rui", "Editors")
    victim_device = add_app(victim)
    sign_in(client, editor)
    client.post(VERIFY, {"code": code_now(device)})
    refused = client.post(reverse("twofactor_reset", args=[victim.pk]))
    assert refused.status_code in (302, 403)  # Wagtail sends "permission denied" home
    assert refused.get("Location", "") != "/admin/users/"
    assert TOTPDevice.objects.filter(pk=victim_device.pk).exists()


@pytest.mark.django_db
def test_the_reset_command(client):
    user = make_user("sam", "Editors")
    add_app(user)
    out = StringIO()
    call_command("reset_two_factor", "sam", stdout=out)
    assert "Removed 1 factor" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=user).exists()
    with pytest.raises(Exception, match="No user"):
        call_command("reset_two_factor", "nobody")


# Public pages and settings -------------------------------------------------------------------


@pytest.mark.django_db
def test_public_pages_are_not_gated(client):
    user = make_user("tom", "Editors")
    sign_in(client, user)
    assert client.get("/en/").status_code == 200


def test_relaxing_enforcement_is_announced_and_fails_the_deploy_check(settings):
    settings.PORTAL_2FA_ENFORCE = False
    settings.SILENCED_SYSTEM_CHECKS = []
    ids = {message.id for message in run_checks()}
    assert "twofactor.W001" in ids
    deploy = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "twofactor.E001" in deploy
    settings.PORTAL_2FA_ENFORCE = True
    assert "twofactor.W001" not in {message.id for message in run_checks()}


@pytest.mark.django_db
def test_a_script_request_is_refused_not_redirected(client):
    user = make_user("uma", "Editors")
    sign_in(client, user)
    response = client.get("/admin/pages/", headers={"Sec-Fetch-Mode": "cors"})
    assert response.status_code == 403
    assert "Verify your second factor first" in response.content.decode()


@pytest.mark.django_db
def test_the_admins_icons_and_script_translations_load_before_verification(client):
    user = make_user("vera", "Editors")
    add_app(user)
    sign_in(client, user)
    for name in ("wagtailadmin_sprite", "wagtailadmin_javascript_catalog"):
        assert client.get(reverse(name)).status_code == 200, name
