"""/healthz: one word per dependency, 200 unless the database is down, never cached, no cookie,
nothing about the internals, and bounded when a dependency does not answer."""

import json
import time

import pytest

from django.core.cache import cache
from django.urls import reverse

from search.backends import CIRCUIT_KEY
from tests.search.conftest import osmem_base, search_engine  # noqa: F401 - fixtures

from .outages import (
    SECRET_DETAIL,
    base_settings,
    database_down,
    free_port,
    silent_cluster,
    silent_server,
)

pytestmark = pytest.mark.django_db

KEYS = {"status", "checks"}
CHECKS = {"database", "cache", "search"}


def health(client, **extra):
    response = client.get("/healthz", **extra)
    body = json.loads(response.content)
    assert set(body) == KEYS and set(body["checks"]) == CHECKS, body
    return response, body


def timed_health(client):
    """``health()``'s response and body, and the seconds it took."""
    started = time.monotonic()
    response, body = health(client)
    return response, body, time.monotonic() - started


def assert_not_cached_and_cookieless(response):
    from django.contrib.sessions.models import Session

    assert "no-store" in response["Cache-Control"]
    assert not response.cookies and not Session.objects.exists()
    assert "X-Page-Cache" not in response and "ETag" not in response


@pytest.fixture
def redis_down(settings):
    """The cache settings production gets for a Redis URL, pointed at a closed port."""
    settings.CACHES = base_settings(CACHE_URL=f"rediscache://127.0.0.1:{free_port()}/0")["CACHES"]


def test_everything_up(client, page_cache):
    assert reverse("healthz") == "/healthz"
    response, body = health(client)
    assert response.status_code == 200
    assert body == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "search": "ok"}}
    assert response["Content-Type"] == "application/json"
    assert_not_cached_and_cookieless(response)


def test_head_is_answered_and_writes_are_refused(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_the_answer_follows_the_state_even_with_the_page_cache_on(client, page_cache, settings):
    assert health(client)[1]["status"] == "ok"
    settings.CACHES = base_settings(CACHE_URL=f"rediscache://127.0.0.1:{free_port()}/0")["CACHES"]
    assert health(client)[1]["status"] == "degraded"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert health(client)[1]["status"] == "ok"


@pytest.mark.usefixtures("redis_down", "page_cache")
def test_cache_down_is_degraded_and_keeps_the_node(client):
    response, body = health(client)
    assert response.status_code == 200
    assert body == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "down", "search": "ok"},
    }
    assert_not_cached_and_cookieless(response)


def test_database_down_is_503_without_details(client):
    with database_down():
        response, body = health(client)
    assert response.status_code == 503
    assert body == {
        "status": "down",
        "checks": {"database": "down", "cache": "ok", "search": "down"},
    }
    assert_not_cached_and_cookieless(response)
    text = response.content.decode()
    for detail in ("db-7", "10.9.8.7", "5432", "OperationalError"):
        assert detail not in text
    assert health(client)[0].status_code == 200  # back without a restart


@pytest.mark.parametrize("search_engine", ["opensearch"], indirect=True)
def test_a_cluster_that_answers_is_ok(client, search_engine):  # noqa: F811
    response, body = health(client)
    assert response.status_code == 200 and body["checks"]["search"] == "ok", body
    assert "127.0.0.1" not in response.content.decode()


def test_a_cluster_that_is_down_is_degraded(client, settings):
    settings.PORTAL_SEARCH_BACKEND = "elasticsearch"
    settings.PORTAL_SEARCH_URLS = [f"http://127.0.0.1:{free_port()}"]
    cache.clear()
    response, body = health(client)
    assert response.status_code == 200
    assert body == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "ok", "search": "degraded"},
    }
    assert "elasticsearch" not in response.content.decode()


def test_a_cluster_that_never_answers_is_degraded_within_the_search_timeout(client, settings):
    cache.clear()
    with silent_cluster(settings, timeout=0.5):
        response, body, took = timed_health(client)
    assert response.status_code == 200 and body["checks"]["search"] == "degraded"
    assert took < 2.5, took


def test_while_readers_are_sent_to_the_database_the_cluster_is_not_probed(client, settings):
    """Search's circuit breaker is open: degraded at once, without waiting for the cluster."""
    with silent_cluster(settings, timeout=5):
        cache.set(CIRCUIT_KEY.format("opensearch"), True, 60)
        _response, body, took = timed_health(client)
    cache.clear()
    assert body["checks"]["search"] == "degraded" and took < 1, took


def test_a_silent_cache_server_costs_bounded_time(client, settings):
    """Redis accepting connections and never answering: the base settings' socket timeouts
    bound the check."""
    with silent_server() as port:
        settings.CACHES = base_settings(CACHE_URL=f"rediscache://127.0.0.1:{port}/0")["CACHES"]
        response, body, took = timed_health(client)
    assert response.status_code == 200 and body["checks"]["cache"] == "down"
    assert took < 5, took


def test_no_https_redirect_for_load_balancer_probes(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/en/").status_code == 301
    assert health(client)[0].status_code == 200


def test_the_secret_detail_of_the_outage_is_a_real_driver_message():
    """The leak tests above are meaningful: the simulated error carries the details."""
    from django.db import OperationalError, connection

    with database_down(), pytest.raises(OperationalError, match="db-7"):
        connection.cursor().execute("SELECT 1")
    assert "10.9.8.7" in SECRET_DETAIL
