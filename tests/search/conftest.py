"""Engines for the search tests.

``search_engine`` runs a test once per engine: the database (SQLite or PostgreSQL, whichever the
run uses), Elasticsearch through the ``elasticsearch`` client and OpenSearch through
``opensearch-py``. The two cluster engines run live against osmem-server, an in-memory
OpenSearch-compatible server started once per run and seeded with the demo site's documents;
each test gets its own copy-on-write clone. With ``ELASTICSEARCH_URL`` or ``OPENSEARCH_URL`` set,
that engine runs against the real cluster instead, in an index of its own per test.
"""

import os
import uuid
from dataclasses import dataclass

import pytest

from django.core.cache import cache
from django.test import override_settings

from search import services
from search.backends import external_backend
from search.backends.cluster import close_clients

from .osmem import OSMEM_ANALYZERS, PlainJsonNode

ENGINES = ["database", "elasticsearch", "opensearch"]
REAL_CLUSTER_ENV = {"elasticsearch": "ELASTICSEARCH_URL", "opensearch": "OPENSEARCH_URL"}


def cluster_settings(name, url, *, real=False, index="portal-search"):
    options = {}
    if name == "elasticsearch" and not real:
        options = {"node_class": PlainJsonNode}
    return {
        "PORTAL_SEARCH_BACKEND": name,
        "PORTAL_SEARCH_URLS": [url],
        "PORTAL_SEARCH_INDEX": index,
        "PORTAL_SEARCH_OPTIONS": options,
        "PORTAL_SEARCH_ANALYZERS": {} if real else OSMEM_ANALYZERS,
        "PORTAL_SEARCH_TIMEOUT": 10.0,
    }


@dataclass
class Engine:
    name: str
    osmem: bool = False

    @property
    def is_cluster(self):
        return self.name != "database"

    def refresh(self):
        """Make what was just indexed searchable (clusters refresh about once a second)."""
        backend = external_backend()
        if backend is not None:
            backend._refresh(backend.alias)


@pytest.fixture(scope="session")
def osmem_base(django_db_setup, django_db_blocker):
    """osmem-server with the demo site indexed, frozen: the base every test's clone copies."""
    from osmem_server import OsmemServer

    server = OsmemServer.start(japanese=False)
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(**cluster_settings("elasticsearch", server.url)),
        ):
            services.rebuild_cluster()
        server.freeze()
        yield server
    finally:
        close_clients()
        server.close()


def _use(settings, values):
    for key, value in values.items():
        setattr(settings, key, value)


@pytest.fixture(params=ENGINES)
def search_engine(request, settings, db):
    cache.clear()
    name = request.param
    if name == "database":
        settings.PORTAL_SEARCH_BACKEND = "database"
        yield Engine(name)
        return
    real_url = os.environ.get(REAL_CLUSTER_ENV[name])
    if real_url:
        _use(
            settings,
            cluster_settings(
                name, real_url, real=True, index=f"portal-search-test-{uuid.uuid4().hex[:10]}"
            ),
        )
        services.rebuild_cluster()
        yield Engine(name)
        backend = external_backend()
        for index in backend.indices():
            backend._delete_index(index)
        close_clients()
        return
    clone = request.getfixturevalue("osmem_base").clone()
    _use(settings, cluster_settings(name, clone.url))
    yield Engine(name, osmem=True)
    close_clients()
    clone.close()


@pytest.fixture
def api(client):
    def search(q, lang="en", **params):
        response = client.get("/api/search/", {"q": q, "lang": lang, **params})
        assert response.status_code == 200, response.content
        return response.json()

    return search


@pytest.fixture
def empty_search_log(db):
    """No logged searches before the test. On PostgreSQL the browser tests' searches, made
    through the live server thread, are committed and outlive their tests."""
    from search.models import SearchQueryLog

    SearchQueryLog.objects.all().delete()
