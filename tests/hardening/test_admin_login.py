"""Admin sign-in: a username is paused after repeated failures (users/lockout.py), passwords
must pass the validators wherever they are set, and editors' sessions are short and rotated."""

import os
import subprocess
import sys
import time

import pytest

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.cache import cache
from django.urls import reverse

from tests.helpers import soup
from users import lockout

LOGIN_URL = "/admin/login/"
PASSWORD = "Correct-horse-battery-9"
LOCKED_TEXT = "Too many failed attempts to sign in with this username"
WRONG_TEXT = "didn't match"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        username="maria.editor", email="maria@example.org", password=PASSWORD
    )


def sign_in(client, username, password, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password}, **extra)


def errors(response):
    return [item.get_text(" ", strip=True) for item in soup(response).select("li.error")]


def signed_in(client):
    return SESSION_KEY in client.session


def fail_times(client, username, count, **extra):
    return [sign_in(client, username, "not-the-password", **extra) for _ in range(count)]


@pytest.mark.django_db
def test_wrong_passwords_reshow_the_form_then_pause_the_username(client, editor):
    limit = settings.PORTAL_LOGIN_MAX_FAILURES
    for response in fail_times(client, editor.username, limit - 1):
        assert response.status_code == 200
        assert any(WRONG_TEXT in error for error in errors(response))
        assert soup(response).select_one("input[name=username]")["value"] == editor.username

    last = sign_in(client, editor.username, "still-not-it")
    assert last.status_code == 200
    assert any(LOCKED_TEXT in error for error in errors(last))

    # While paused, even the right password is refused, with the same readable answer.
    paused = sign_in(client, editor.username, PASSWORD)
    assert paused.status_code == 200
    message = " ".join(errors(paused))
    assert LOCKED_TEXT in message and "15 minutes" in message
    assert soup(paused).select_one("form input[name=password]") is not None
    assert not signed_in(client)


@pytest.mark.django_db
def test_the_pause_ends_after_the_cooldown(client, editor, settings):
    settings.PORTAL_LOGIN_LOCKOUT_SECONDS = 1
    fail_times(client, editor.username, settings.PORTAL_LOGIN_MAX_FAILURES)
    assert lockout.is_locked(editor.username)
    assert not signed_in(client) and sign_in(client, editor.username, PASSWORD).status_code == 200
    time.sleep(1.2)
    response = sign_in(client, editor.username, PASSWORD)
    assert response.status_code == 302 and signed_in(client)


@pytest.mark.django_db
def test_a_successful_sign_in_clears_the_count(client, editor):
    limit = settings.PORTAL_LOGIN_MAX_FAILURES
    fail_times(client, editor.username, limit - 1)
    assert sign_in(client, editor.username, PASSWORD).status_code == 302
    assert lockout.failures(editor.username) == 0
    client.logout()
    fail_times(client, editor.username, limit - 1)
    assert sign_in(client, editor.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_pause_follows_the_username_not_the_address(client, editor):
    other = get_user_model().objects.create_superuser(
        username="sam.editor", email="sam@example.org", password=PASSWORD
    )
    limit = settings.PORTAL_LOGIN_MAX_FAILURES
    for index in range(limit):  # every failure from another address
        sign_in(client, editor.username, "wrong", REMOTE_ADDR=f"198.51.100.{index + 1}")
    # The same username, typed differently, from a fresh address, is paused...
    response = sign_in(client, " MARIA.Editor", PASSWORD, REMOTE_ADDR="203.0.113.50")
    assert any(LOCKED_TEXT in error for error in errors(response))
    # ... and another username from the addresses used is not.
    assert sign_in(client, other.username, PASSWORD, REMOTE_ADDR="198.51.100.1").status_code == 302


@pytest.mark.django_db
def test_unknown_usernames_are_paused_alike(client):
    """The answer does not tell which usernames exist."""
    responses = fail_times(client, "nobody-here", settings.PORTAL_LOGIN_MAX_FAILURES + 1)
    assert any(WRONG_TEXT in error for error in errors(responses[0]))
    assert any(LOCKED_TEXT in error for error in errors(responses[-1]))


@pytest.mark.django_db
def test_the_count_keeps_neither_username_nor_address(client, editor):
    fail_times(client, editor.username, 2, REMOTE_ADDR="203.0.113.77")
    stored = repr(dict(cache._cache)).casefold()  # the local-memory cache's own store
    assert lockout.cache_key(editor.username) in repr(list(cache._cache))
    assert "maria" not in stored and "203.0.113.77" not in stored


@pytest.mark.django_db
def test_the_session_key_changes_at_sign_in(client, editor):
    client.get(LOGIN_URL)
    session = client.session
    session["planted"] = "by someone else"
    session.save()
    planted_key = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = planted_key

    assert sign_in(client, editor.username, PASSWORD).status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != planted_key
    assert signed_in(client)


@pytest.mark.django_db
def test_session_cookie_is_httponly_lax_and_ends_with_the_browser(client, editor):
    response = sign_in(client, editor.username, PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]  # a browser-session cookie
    assert client.session.get_expiry_age() <= 8 * 3600


@pytest.mark.django_db
def test_remember_me_keeps_the_session_for_a_working_day_at_most(client, editor):
    response = client.post(
        LOGIN_URL, {"username": editor.username, "password": PASSWORD, "remember": "on"}
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert 0 < int(cookie["max-age"]) <= 8 * 3600


def test_production_sends_the_session_cookie_over_https_only():
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "portal.example.org",
    }
    result = subprocess.run(  # noqa: S603 - a fixed command
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["True", "True", "True", "Lax", "True"]


# -- passwords -------------------------------------------------------------------------------


def form_data(response, form_selector="form#w-editor-form"):
    """What a browser would send for the page's form as it stands."""
    form = soup(response).select_one(form_selector)
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "select":
            chosen = field.select("option[selected]")
            data[name] = [option.get("value", "") for option in chosen]
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", "") if field.name == "input" else field.get_text()
    return data


WEAK_PASSWORDS = {
    "too short": "Xq7#pL2",
    "common": "password1234",
    "numeric": "804712396512",
    "like the username": "ada.lovelace1",
}


@pytest.fixture
def admin(client, db):
    user = get_user_model().objects.create_superuser(
        username="admin.person",
        email="admin@example.org",
        first_name="Admin",
        last_name="Person",
        password=PASSWORD,
    )
    client.force_login(user)
    return user


def new_user_data(password):
    return {
        "username": "ada.lovelace",
        "email": "ada@example.org",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "password1": password,
        "password2": password,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("password", WEAK_PASSWORDS.values(), ids=WEAK_PASSWORDS.keys())
def test_creating_a_user_refuses_a_weak_password(client, admin, password):
    response = client.post(reverse("wagtailusers_users:add"), new_user_data(password))
    assert response.status_code == 200
    assert soup(response).select(".error-message, .w-field__errors")
    assert not get_user_model().objects.filter(username="ada.lovelace").exists()


@pytest.mark.django_db
def test_creating_a_user_accepts_a_strong_password(client, admin):
    response = client.post(reverse("wagtailusers_users:add"), new_user_data("Grace-and-Ada-2026!"))
    assert response.status_code == 302
    assert (
        get_user_model().objects.get(username="ada.lovelace").check_password("Grace-and-Ada-2026!")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("password", WEAK_PASSWORDS.values(), ids=WEAK_PASSWORDS.keys())
def test_editing_a_user_refuses_a_weak_password(client, admin, password):
    user = get_user_model().objects.create_user(
        username="ada.lovelace",
        email="ada@example.org",
        first_name="Ada",
        last_name="Lovelace",
        password=PASSWORD,
    )
    url = reverse("wagtailusers_users:edit", args=[user.pk])
    data = form_data(client.get(url))
    data.update(password1=password, password2=password)
    response = client.post(url, data)
    assert response.status_code == 200
    assert soup(response).select(".error-message, .w-field__errors")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    data.update(password1="Grace-and-Ada-2026!", password2="Grace-and-Ada-2026!")
    assert client.post(url, data).status_code == 302
    user.refresh_from_db()
    assert user.check_password("Grace-and-Ada-2026!")


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["Xq7#pL2", "password1234", "admin.person99"])
def test_changing_ones_own_password_refuses_a_weak_one(client, admin, password):
    data = form_data(client.get("/admin/account/"))
    data.update(
        {
            "password-old_password": PASSWORD,
            "password-new_password1": password,
            "password-new_password2": password,
        }
    )
    response = client.post("/admin/account/", data)
    assert response.status_code == 200
    assert soup(response).select(".error-message, .w-field__errors")
    admin.refresh_from_db()
    assert admin.check_password(PASSWORD)

    data.update({"password-new_password1": "Grace-and-Ada-2026!"})
    data.update({"password-new_password2": "Grace-and-Ada-2026!"})
    assert client.post("/admin/account/", data).status_code == 302
    admin.refresh_from_db()
    assert admin.check_password("Grace-and-Ada-2026!")
