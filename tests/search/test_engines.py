"""The cluster engines: rebuilding behind an alias, and falling back to the database when the
cluster is down or slow."""

import socket
import threading
import time

import pytest

from django.core.management import call_command

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from search import services
from search.backends import external_backend
from search.models import EngineIncident, SearchDocument, SearchQueryLog

from .conftest import cluster_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster(search_engine):
    if not search_engine.is_cluster:
        pytest.skip("a cluster engine test")
    return search_engine


@pytest.mark.parametrize("search_engine", ["elasticsearch", "opensearch"], indirect=True)
def test_reindex_swaps_the_alias_and_search_never_goes_empty(cluster, api, capsys):
    backend = external_backend()
    before = backend.indices()
    seen_during_rebuild = []

    def progress(stage, done, total):
        if stage == "cluster":
            seen_during_rebuild.append(api("petition", "en")["count"])

    name = services.rebuild_cluster(batch_size=50, progress=progress)
    assert backend.indices() == [name] and name not in before
    assert seen_during_rebuild and min(seen_during_rebuild) > 0
    backend._refresh(backend.alias)
    assert backend.count() == SearchDocument.objects.count()
    for old in before:
        assert not backend._index_exists(old)
    call_command("reindex_search", "--skip-documents")
    output = capsys.readouterr().out
    assert f"alias {backend.alias} now points to" in output and "cluster: " in output
    assert api("petition", "en")["engine"] == cluster.name


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def dead_cluster(settings):
    for key, value in cluster_settings("elasticsearch", f"http://127.0.0.1:{_free_port()}").items():
        setattr(settings, key, value)
    settings.PORTAL_SEARCH_TIMEOUT = 0.5


@pytest.fixture
def silent_cluster(settings):
    """A server that accepts connections and never answers: a cluster slower than the timeout."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}"
    for key, value in cluster_settings("opensearch", url).items():
        setattr(settings, key, value)
    settings.PORTAL_SEARCH_TIMEOUT = 0.3
    yield
    stop.set()
    thread.join(2)
    for connection in accepted:
        connection.close()
    server.close()


@pytest.mark.usefixtures("dead_cluster", "empty_search_log")
def test_a_cluster_that_is_down_falls_back_to_the_database(client, api):
    from django.core.cache import cache

    cache.clear()
    data = api("petition", "fr")
    assert data["engine"] == "database" and data["fallback"] and data["count"] > 0
    assert EngineIncident.objects.filter(operation="search").count() == 1
    assert SearchQueryLog.objects.get().fallback
    # The engine is left alone for a while: no second wait, no second incident.
    api("petition", "en")
    assert EngineIncident.objects.filter(operation="search").count() == 1
    page = client.get("/fr/search/", {"q": "pétition"})
    assert page.status_code == 200 and b"search-fallback" in page.content


@pytest.mark.usefixtures("silent_cluster")
def test_a_slow_cluster_falls_back_within_the_timeout(api):
    from django.core.cache import cache

    cache.clear()
    started = time.monotonic()
    data = api("petition", "en")
    assert time.monotonic() - started < 5
    assert data["engine"] == "database" and data["fallback"] and data["count"] > 0
    assert "Timeout" in EngineIncident.objects.get().error


@pytest.mark.usefixtures("dead_cluster")
def test_publishing_while_the_cluster_is_down_still_indexes_the_database(
    api, django_capture_on_commit_callbacks
):
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        page = CampaignPageFactory(parent=index, title="Numbat fund", slug="numbat-fund")
    assert SearchDocument.objects.filter(page_id=page.pk).exists()
    assert EngineIncident.objects.filter(operation="index").exists()
    assert api("numbat", "en")["results"][0]["title"] == "Numbat fund"


def test_a_cluster_without_servers_is_a_configuration_error(settings):
    from django.core.checks import run_checks

    settings.PORTAL_SEARCH_BACKEND = "opensearch"
    settings.PORTAL_SEARCH_URLS = []
    assert "search.E002" in [message.id for message in run_checks()]
