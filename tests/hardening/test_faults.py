"""Pages under failure: Redis down (the cache is bypassed), the search cluster slow (search
answers from the database), the database gone for a while (a 503 page in the reader's language,
then service again without a restart), and unexpected errors (a plain 500 page).

The search engine's own fallback is tested in tests/search/test_engines.py (a cluster down, a
cluster that never answers, publishing while it is down); what is added here is a slow cluster
while the cache, which holds search's circuit breaker, is down as well.
"""

import re
import time
import uuid
from unittest import mock

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.db import OperationalError, ProgrammingError
from django.test import Client
from django.utils import translation

from wagtail.models import Page

from actions.models import Signature
from campaigns.models import CampaignPage
from portal.resilience import is_database_outage
from tests.actions.helpers import demo_action, form_data
from tests.helpers import soup

from .outages import (
    SECRET_DETAIL,
    LineToDatabase,
    base_settings,
    database_down,
    fetch,
    free_port,
    portal_process,
    silent_server,
)

pytestmark = pytest.mark.django_db

HEADING = "We will be back shortly"
SERVER_ERROR = "Something went wrong"
LEAKS = ("db-7", "10.9.8.7", "5432", "Traceback", "OperationalError", "psycopg", "sqlite")


def translated(language, text):
    with translation.override(language):
        return translation.gettext(text)


def redis_at(url):
    """The cache settings base.py derives from CACHE_URL: django-redis, errors ignored."""
    return base_settings(CACHE_URL=url)["CACHES"]


@pytest.fixture
def redis_down(settings, page_cache):
    settings.CACHES = redis_at(f"rediscache://127.0.0.1:{free_port()}/0")


@pytest.fixture
def real_redis(settings, page_cache):
    """The local Redis, under a key prefix of this test's own: the positive control."""
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    caches = redis_at("rediscache://127.0.0.1:6379/0")
    caches["default"]["KEY_PREFIX"] = f"portal-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = caches
    yield
    cache.delete_pattern("*")


def campaign_urls():
    """A campaign with an action form (never page-cached) and one without."""
    from actions.models import CampaignAction

    with_form = CampaignAction.objects.values_list("campaign__translation_key", flat=True)
    english = CampaignPage.objects.filter(locale__language_code="en", live=True)
    return [
        english.filter(translation_key__in=with_form).first().url,
        english.exclude(translation_key__in=with_form).first().url,
    ]


def public_urls():
    return ["/en/", "/ar/", *campaign_urls(), "/en/search/?q=petition", "/fr/search/?q=pétition"]


def get_twice(client, url):
    """Two readers in a row; returns the page-cache verdicts."""
    verdicts = []
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        verdicts.append(response.get("X-Page-Cache"))
    return verdicts


def sign(client, action, email):
    return client.post(f"/es/actions/{action.public_id}/", form_data(email=email))


# -- Redis down --------------------------------------------------------------------------------


def test_the_redis_settings_ignore_errors_and_bound_every_call():
    options = redis_at("rediscache://cache.internal:6379/0")["default"]["OPTIONS"]
    assert options["IGNORE_EXCEPTIONS"] is True
    assert 0 < options["SOCKET_CONNECT_TIMEOUT"] <= 1 and 0 < options["SOCKET_TIMEOUT"] <= 1
    # Sessions are in the database: a cache outage signs nobody out.
    assert base_settings().get("SESSION_ENGINE", "django.contrib.sessions.backends.db") == (
        "django.contrib.sessions.backends.db"
    )


@pytest.mark.usefixtures("redis_down")
def test_with_redis_down_pages_render_without_the_cache(client):
    for url in public_urls():
        assert get_twice(client, url) != ["miss", "hit"], url


@pytest.mark.usefixtures("real_redis")
def test_with_redis_up_pages_are_cached_there(client):
    verdicts = {url: get_twice(client, url) for url in public_urls()}
    assert verdicts["/en/"] == verdicts["/ar/"] == ["miss", "hit"]
    assert verdicts[campaign_urls()[1]] == ["miss", "hit"]


@pytest.mark.usefixtures("redis_down")
def test_with_redis_down_signing_works_and_the_rate_limit_fails_open(client, settings):
    """The limit is counted in the cache; without it, submissions are accepted (the honeypot,
    the fill time and the confirmation mail still stand) rather than refused for everyone."""
    settings.PORTAL_ACTIONS_RATE_LIMIT = 2
    panorama = demo_action("freedom-of-panorama", "es")
    before = Signature.objects.count()
    for number in range(4):
        response = sign(client, panorama, f"signer{number}@example.org")
        assert response.status_code == 302, response.content[:300]
    assert Signature.objects.count() == before + 4
    # Each signer gets the confirmation mail: the resend guard is in the cache too.
    assert {message.to[0] for message in mail.outbox} >= {
        f"signer{number}@example.org" for number in range(4)
    }


@pytest.mark.usefixtures("real_redis")
def test_with_redis_up_the_rate_limit_holds(client, settings):
    settings.PORTAL_ACTIONS_RATE_LIMIT = 2
    panorama = demo_action("freedom-of-panorama", "es")
    statuses = [sign(client, panorama, f"signer{n}@example.org").status_code for n in range(3)]
    assert statuses == [302, 302, 429]


@pytest.mark.usefixtures("redis_down")
def test_with_redis_down_editors_sign_in(client):
    password = "Correct-horse-battery-9"
    get_user_model().objects.create_superuser("ed", "ed@example.org", password)
    assert client.get("/admin/login/").status_code == 200
    wrong = client.post("/admin/login/", {"username": "ed", "password": "nope-nope-nope"})
    assert wrong.status_code == 200
    response = client.post("/admin/login/", {"username": "ed", "password": password})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200  # the session lives in the database


def test_with_redis_silent_a_page_costs_one_timeout(client, settings, page_cache):
    """Redis accepting connections and never answering: the first call waits its socket
    timeout, then the server is skipped (a page makes dozens of cache calls)."""
    with silent_server() as port:
        settings.CACHES = redis_at(f"rediscache://127.0.0.1:{port}/0")
        timeout = settings.CACHES["default"]["OPTIONS"]["SOCKET_TIMEOUT"]
        started = time.monotonic()
        assert client.get("/en/").status_code == 200
        took = time.monotonic() - started
    assert took < timeout + 3, took


def test_a_silent_redis_is_tried_again_after_a_pause(settings, monkeypatch):
    from portal import resilience

    monkeypatch.setattr(resilience, "CACHE_BREAK_SECONDS", 1)
    with silent_server() as port:
        settings.CACHES = redis_at(f"rediscache://127.0.0.1:{port}/0")
        timings = []
        for pause in (0, 0, 1.1):
            time.sleep(pause)
            started = time.monotonic()
            assert cache.get("anything", "default") == "default"
            timings.append(time.monotonic() - started)
    first, skipped, retried = timings
    assert first >= 0.4 and skipped < 0.1 and retried >= 0.4, timings


def test_a_slow_cluster_with_redis_down_falls_back_on_every_search(client, settings, redis_down):
    """Search's circuit breaker lives in the cache; without it each search waits for the
    timeout, then answers from the database, every time."""
    with silent_server() as port:
        settings.PORTAL_SEARCH_BACKEND = "opensearch"
        settings.PORTAL_SEARCH_URLS = [f"http://127.0.0.1:{port}"]
        settings.PORTAL_SEARCH_TIMEOUT = 0.5
        for url in ("/en/search/?q=petition", "/fr/search/?q=pétition"):
            started = time.monotonic()
            response = client.get(url)
            took = time.monotonic() - started
            assert response.status_code == 200 and b"search-fallback" in response.content
            assert soup(response).select("li.search-result")
            assert took < 4, took


# -- the database gone for a while -------------------------------------------------------------


def assert_unavailable_page(response, language, direction):
    assert response.status_code == 503
    assert response["Retry-After"].isdigit() and int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    document = soup(response)
    html = document.find("html")
    assert (html["lang"], html["dir"]) == (language, direction)
    assert document.find("h1").get_text(strip=True) == translated(language, HEADING)
    text = response.content.decode()
    for leak in LEAKS:
        assert leak.lower() not in text.lower(), leak


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_database_down_is_a_503_in_the_readers_language_then_recovers(client, language, direction):
    url = Page.objects.get(locale__language_code=language, slug="freedom-of-panorama").url
    with database_down():
        assert_unavailable_page(client.get(url), language, direction)
        assert_unavailable_page(client.get(f"/{language}/search/?q=x"), language, direction)
    assert client.get(url).status_code == 200  # the same process, no restart


def test_without_a_prefix_the_language_comes_from_accept_language():
    """The root path has no view: its 404 goes to Wagtail's redirects middleware, which asks
    the database, outside any view. handler500 turns that into the 503 page too."""
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    assert_unavailable_page(response, "ar", "rtl")


def test_an_outage_in_a_middleware_is_a_503(client):
    client = Client(raise_request_exception=False)
    with mock.patch(
        "django.contrib.sessions.middleware.SessionMiddleware.process_response",
        side_effect=OperationalError(SECRET_DETAIL),
    ):
        response = client.get("/en/")
    assert_unavailable_page(response, "en", "ltr")


def test_pages_in_the_page_cache_are_still_served(client, page_cache):
    assert get_twice(client, "/en/") == ["miss", "hit"]
    with database_down():
        assert client.get("/en/")["X-Page-Cache"] == "hit"
        assert client.get("/fr/").status_code == 503


def test_the_editors_sign_in_page_says_so_too(client):
    with database_down():
        response = client.post("/admin/login/", {"username": "ed", "password": "x" * 12})
    assert_unavailable_page(response, "en", "ltr")


def test_only_connection_errors_count_as_an_outage():
    assert is_database_outage(OperationalError("gone"))
    try:
        try:
            raise OperationalError("gone")
        except OperationalError as error:
            raise ValueError("while reading") from error
    except ValueError as wrapped:
        assert is_database_outage(wrapped)
    assert not is_database_outage(ProgrammingError('relation "x" does not exist'))
    assert not is_database_outage(RuntimeError("x"))


# -- unexpected errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "error", [RuntimeError("secret-marker"), ProgrammingError('relation "secret-marker"')]
)
def test_an_unexpected_error_is_a_plain_500_page(error):
    client = Client(raise_request_exception=False)
    with mock.patch("home.models.HomePage.serve", side_effect=error):
        response = client.get("/ar/")
    assert response.status_code == 500
    text = response.content.decode()
    assert SERVER_ERROR in text
    assert not re.search(r"Traceback|secret-marker|RuntimeError|ProgrammingError|File \"", text)


# -- the same, in a server process of its own (real connections, real request cycle) -----------


def assert_served_unavailable(url, language, direction, **headers):
    status, response_headers, text = fetch(url, headers=headers)
    assert status == 503 and response_headers["Retry-After"].isdigit(), (url, status)
    assert f'lang="{language}" dir="{direction}"' in text
    assert translated(language, HEADING) in text
    for leak in (*LEAKS, "127.0.0.1"):
        assert leak.lower() not in text.lower(), leak


def test_a_server_whose_database_refuses_connections(tmp_path):
    database = f"postgres://portal@127.0.0.1:{free_port()}/portal"
    with portal_process(tmp_path / "server.log", DATABASE_URL=database) as url:
        assert_served_unavailable(f"{url}/en/", "en", "ltr")
        assert_served_unavailable(f"{url}/ar/", "ar", "rtl")
        assert_served_unavailable(f"{url}/", "ar", "rtl", **{"Accept-Language": "ar"})
        status, headers, text = fetch(f"{url}/healthz")
        assert (
            status == 503
            and '"database": "down"' in text
            and "no-store" in headers["Cache-Control"]
        )


@pytest.fixture
def postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("runs against the PostgreSQL test database")
    return connection


def database_url(connection, port, application_name):
    conf = connection.settings_dict
    return (
        f"postgres://{conf['USER']}@127.0.0.1:{port}/{conf['NAME']}"
        f"?application_name={application_name}"
    )


def backend_pids(connection, application_name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # fresh figures inside a transaction
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s", [application_name]
        )
        return {row[0] for row in cursor.fetchall()}


def test_the_line_to_the_database_cut_then_restored(tmp_path, postgresql):
    line = LineToDatabase("127.0.0.1", int(postgresql.settings_dict["PORT"] or 5432))
    name = f"portal-cut-{uuid.uuid4().hex[:8]}"
    environment = {"DATABASE_URL": database_url(postgresql, line.port, name), "CONN_MAX_AGE": "60"}
    try:
        with portal_process(tmp_path / "server.log", **environment) as url:
            assert fetch(f"{url}/en/")[0] == 200
            line.cut()
            assert_served_unavailable(f"{url}/en/", "en", "ltr")
            assert_served_unavailable(f"{url}/ar/", "ar", "rtl")
            assert fetch(f"{url}/healthz")[0] == 503
            line.restore()
            assert fetch(f"{url}/en/")[0] == 200
            assert fetch(f"{url}/healthz")[0] == 200
        assert (tmp_path / "server.log").read_text().count("Booting worker") == 1
    finally:
        line.close()


@pytest.mark.parametrize(("health_checks", "statuses"), [("1", [200]), ("0", [503, 200])])
def test_a_terminated_connection_is_replaced(tmp_path, postgresql, health_checks, statuses):
    """A persistent connection killed on the server (a restart, a failover, an idle timeout):
    with CONN_HEALTH_CHECKS (the default) the next request reconnects; without, that request
    gets the 503 page and the one after it is served."""
    port = int(postgresql.settings_dict["PORT"] or 5432)
    name = f"portal-kill-{uuid.uuid4().hex[:8]}"
    environment = {
        "DATABASE_URL": database_url(postgresql, port, name),
        "CONN_MAX_AGE": "60",
        "CONN_HEALTH_CHECKS": health_checks,
    }
    with portal_process(tmp_path / "server.log", **environment) as url:
        assert fetch(f"{url}/en/")[0] == 200
        (killed,) = backend_pids(postgresql, name)
        with postgresql.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [killed])
        assert [fetch(f"{url}/en/")[0] for _ in statuses] == statuses
        assert killed not in backend_pids(postgresql, name)
        assert len(backend_pids(postgresql, name)) == 1
