"""No client address is kept: not in the log (portal/logging.py), not in the database, the
cache, the sessions or the mail the portal sends."""

import io
import logging
import pickle

import pytest

from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import path

from portal.logging import RedactClientAddresses, redact
from tests.actions.helpers import demo_action, form_data

CLIENT = "203.0.113.77"
FORWARDED = "198.51.100.23"
IPV6_CLIENT = "2001:db8::7"
ADDRESS_HEADERS = {
    "REMOTE_ADDR": CLIENT,
    "HTTP_X_FORWARDED_FOR": f"{FORWARDED}, {CLIENT}",
    "HTTP_X_REAL_IP": CLIENT,
    "HTTP_FORWARDED": f'for="[{IPV6_CLIENT}]"',
}
ADDRESSES = (CLIENT, FORWARDED, IPV6_CLIENT)


def failing_view(request):
    raise RuntimeError(f"the upstream at {CLIENT} refused the connection")


urlpatterns = [path("boom/", failing_view)]  # ROOT_URLCONF for the server-error test


class RevealingFormatter(logging.Formatter):
    """Shows the request's headers when a record still carries the request."""

    def format(self, record):
        request = getattr(record, "request", None)
        meta = getattr(request, "META", None)
        return super().format(record) + (f" META={meta!r}" if meta else "")


@pytest.fixture
def log_output():
    """What the portal's own log handler writes, whatever reaches it."""
    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(item, RedactClientAddresses) for item in handler.filters)
    )
    buffer = io.StringIO()
    previous_stream, previous_formatter = handler.setStream(buffer), handler.formatter
    handler.setFormatter(RevealingFormatter("%(levelname)s %(name)s %(message)s"))
    yield buffer
    handler.setStream(previous_stream)
    handler.setFormatter(previous_formatter)


def assert_no_address(text):
    for address in ADDRESSES:
        assert address not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"from {CLIENT} ok", "from [address] ok"),
        (f"Host '{CLIENT}:8000'", "Host '[address]:8000'"),
        (f"[{IPV6_CLIENT}]:443", "[[address]]:443"),
        ("::ffff:203.0.113.5 and fe80::1%eth0", "[address] and [address]"),
        ("at 12:30:45, Django 5.2.19, page 1.2.3", "at 12:30:45, Django 5.2.19, page 1.2.3"),
        ("Not Found: /en/campaigns/999.1.1.1/", "Not Found: /en/campaigns/999.1.1.1/"),
    ],
)
def test_addresses_are_masked_and_nothing_else(text, expected):
    assert redact(text) == expected


def test_the_filter_takes_the_request_off_the_record(rf):
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Seen %s", (CLIENT,), None
    )
    record.request = rf.get("/", REMOTE_ADDR=CLIENT)
    assert RedactClientAddresses().filter(record) is True
    assert not hasattr(record, "request")
    assert record.getMessage() == "Seen [address]"


@pytest.mark.django_db
def test_a_404_is_logged_without_the_address(client, log_output):
    response = client.get("/en/no-such-page/", **ADDRESS_HEADERS)
    assert response.status_code == 404
    output = log_output.getvalue()
    assert "Not Found: /en/no-such-page/" in output
    assert "META=" not in output
    assert_no_address(output)


@pytest.mark.django_db
def test_a_bad_host_header_is_logged_without_addresses(client, log_output):
    response = client.get("/en/", HTTP_HOST=f"{CLIENT}:8000", **ADDRESS_HEADERS)
    assert response.status_code == 400
    output = log_output.getvalue()
    assert "django.security.DisallowedHost" in output and "Invalid HTTP_HOST header" in output
    assert "[address]:8000" in output
    assert_no_address(output)


@pytest.mark.django_db
def test_a_csrf_failure_is_logged_without_the_address(log_output):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "x", "password": "y"}, **ADDRESS_HEADERS)
    assert response.status_code == 403
    output = log_output.getvalue()
    assert "django.security.csrf" in output and "Forbidden (CSRF" in output
    assert_no_address(output)


@pytest.mark.django_db
def test_a_server_error_is_logged_and_mailed_to_no_one_without_the_address(settings, log_output):
    settings.ROOT_URLCONF = __name__
    settings.ADMINS = [("Operations", "ops@example.org")]
    response = Client(raise_request_exception=False).get("/boom/", **ADDRESS_HEADERS)
    assert response.status_code == 500
    output = log_output.getvalue()
    assert "Internal Server Error: /boom/" in output
    assert "RuntimeError: the upstream at [address] refused the connection" in output
    assert_no_address(output)
    # Django's error mails would carry the request's headers; the portal does not send them.
    assert not mail.outbox


def stored_rows_containing(needle):
    """Tables with a row whose values hold ``needle``, sessions decoded."""
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - names from the schema
            if any(needle in repr(row) for row in cursor.fetchall()):
                found.add(table)
    for session in Session.objects.all():
        if needle in repr(session.get_decoded()):
            found.add("session data")
    return found


def cached_entries_containing(needle):
    """Keys and values of the local-memory cache (the test settings' cache) holding ``needle``."""
    encoded = needle.encode()
    return [
        key
        for key, value in cache._cache.items()
        if needle in key or encoded in value or encoded in pickle.dumps(key)
    ]


@pytest.mark.django_db
def test_a_visit_leaves_no_address_anywhere(client, django_user_model, log_output):
    cache.clear()
    editor = django_user_model.objects.create_superuser(
        "privacy.editor", "privacy@example.org", "Correct-horse-battery-9"
    )
    for password in ("wrong-one", "Correct-horse-battery-9"):
        client.post(
            "/admin/login/",
            {"username": editor.username, "password": password},
            **ADDRESS_HEADERS,
        )
    assert client.get("/admin/", **ADDRESS_HEADERS).status_code == 200
    client.post("/admin/logout/", **ADDRESS_HEADERS)
    assert client.get("/en/search/", {"q": "petition"}, **ADDRESS_HEADERS).status_code == 200
    client.get("/en/no-such-page/", **ADDRESS_HEADERS)
    action = demo_action("freedom-of-panorama", "es")
    signed = client.post(
        f"/es/actions/{action.public_id}/",
        form_data(email="visitor@example.org", name="Ana", country="ES"),
        **ADDRESS_HEADERS,
    )
    assert signed.status_code == 302
    assert mail.outbox, "the confirmation mail"

    assert "actions_signature" in stored_rows_containing("visitor@example.org")  # the scan sees
    for address in ADDRESSES:
        assert not stored_rows_containing(address), address
        assert not cached_entries_containing(address), address
        assert all(address not in message.message().as_string() for message in mail.outbox)
    assert_no_address(log_output.getvalue())
