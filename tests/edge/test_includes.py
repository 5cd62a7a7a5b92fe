"""The edge's includes (``caching.includes``): the inputs they answer, through Django and
through the fast path that answers them before Django's middleware."""

import re

import pytest

from django.middleware.csrf import _mask_cipher_secret, _unmask_cipher_token

from caching import edge, includes
from safeguards.started import started_age

SECRET = "a" * 16 + "B" * 16
INPUTS = re.compile(
    r'<input type="hidden" name="csrfmiddlewaretoken" value="(\w{64})">'
    r'<input type="hidden" name="started" value="([^"]+)">'
)


def test_side_by_side_holes_become_one_include():
    from core import holes

    def hidden(name, field):
        marker = holes.markers.marker(name).decode()
        return f'<input type="hidden" name="{field}" value="{marker}">'

    page = f"<form>{hidden('csrf', 'csrfmiddlewaretoken')}\n    {hidden('started', 'started')}"
    page += f"<p>x</p>{hidden('started', 'other')}</form>"
    content = edge.with_includes(page.encode(), ["csrf", "started"])
    assert content == (
        b'<form><esi:include src="/_hole/csrf.started?field=csrfmiddlewaretoken.started"/>'
        b'<p>x</p><esi:include src="/_hole/started?field=other"/></form>'
    )


@pytest.mark.django_db
def test_django_answers_one_input_per_name(client):
    client.cookies["csrftoken"] = SECRET
    answer = client.get("/_hole/csrf.started", {"field": "csrfmiddlewaretoken.started"})
    assert answer.status_code == 200 and "no-store" in answer["Cache-Control"]
    token, started = INPUTS.fullmatch(answer.text).groups()
    assert _unmask_cipher_token(token) == SECRET and started_age(started) < 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "field", "reason"),
    [
        ("/_hole/csrf.nothing", "a.b", "Unknown value."),
        ("/_hole/csrf.started", "csrfmiddlewaretoken", "The field name is missing or not allowed."),
        ("/_hole/csrf", '"><script>', "The field name is missing or not allowed."),
    ],
)
def test_django_refuses_unknown_names_and_fields(client, path, field, reason):
    answer = client.get(path, {"field": field})
    assert answer.status_code == 400 and answer.content.decode() == reason


def call(application, path, query, cookie=""):
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": "GET"}
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    started = {}

    def start_response(status, headers):
        started.update(status=status, headers=dict(headers))

    body = b"".join(application(environ, start_response))
    return started, body


def django_app(environ, start_response):
    start_response("299 Django", [])
    return [b"django"]


@pytest.fixture
def fast(settings):
    settings.PORTAL_EDGE = True
    return includes.fast_path(django_app)


@pytest.mark.parametrize("cookie", [SECRET, _mask_cipher_secret(SECRET)])
def test_the_fast_path_answers_for_the_readers_cookie(fast, cookie):
    started, body = call(
        fast, "/_hole/csrf.started", "field=csrfmiddlewaretoken.started", f"x=1; csrftoken={cookie}"
    )
    assert started["status"] == "200 OK" and started["headers"]["Cache-Control"] == "no-store"
    token, value = INPUTS.fullmatch(body.decode()).groups()
    assert _unmask_cipher_token(token) == SECRET and started_age(value) < 5
    # A fresh mask each time: no two answers alike.
    assert (
        call(fast, "/_hole/csrf", "field=csrfmiddlewaretoken", f"csrftoken={cookie}")[1]
        != (call(fast, "/_hole/csrf", "field=csrfmiddlewaretoken", f"csrftoken={cookie}")[1])
    )


@pytest.mark.parametrize(
    ("path", "query", "cookie"),
    [
        ("/_hole/csrf", "field=csrfmiddlewaretoken", ""),  # no cookie: Django sets one
        ("/_hole/csrf", "field=csrfmiddlewaretoken", "csrftoken=short"),
        ("/_hole/csrf", "field=csrfmiddlewaretoken", "csrftoken=" + "é" * 32),
        ("/_hole/csrf.nothing", "field=a.b", f"csrftoken={SECRET}"),
        ("/_hole/csrf", "field=%22%3E", f"csrftoken={SECRET}"),
        ("/_hole/csrf", "field=a&field=b", f"csrftoken={SECRET}"),
        ("/en/", "field=a", f"csrftoken={SECRET}"),
    ],
)
def test_the_fast_path_leaves_anything_else_to_django(fast, path, query, cookie):
    assert call(fast, path, query, cookie) == ({"status": "299 Django", "headers": {}}, b"django")


def test_without_the_edge_there_is_no_fast_path(settings):
    application = includes.fast_path(django_app)
    settings.PORTAL_EDGE = False
    answer = call(application, "/_hole/csrf", "field=csrfmiddlewaretoken", f"csrftoken={SECRET}")
    assert answer == ({"status": "299 Django", "headers": {}}, b"django")
