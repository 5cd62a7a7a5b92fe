"""The judged relevance set (``benchmarks/relevance``) as tests: every judged query finds the
page it is aimed at on the first results page, for its reader language, through the JSON API,
on the database of the run (SQLite or PostgreSQL) and live on osmem-server (OpenSearch code
path). The judged pages are added once for the module, next to the demo site, in a transaction
rolled back at its end.

Cases the current search cannot pass are expected failures (strict): when one starts passing,
the test turns red and its mark must go. ``benchmarks/relevance/run.py`` measures the same set
(MRR@10, recall@10, latency) into ``benchmarks/results/``.
"""

from dataclasses import dataclass

import pytest

from django.conf import settings as django_settings
from django.db import transaction
from django.test import override_settings

from benchmarks.relevance import judged, pages
from search.backends import external_backend
from search.backends.cluster import close_clients
from search.models import SearchDocument

from .conftest import cluster_settings

DOCUMENTS = judged.load_documents()
QUERIES = judged.load_queries(documents=DOCUMENTS)
DATABASE = (
    "postgresql" if "postgresql" in django_settings.DATABASES["default"]["ENGINE"] else "sqlite"
)
ENGINES = ["database", "osmem"]
# A search through the API costs a fixed number of queries (see search.selectors): 11 or 12,
# and up to 3 more when few pages are found and the typo path runs (SQLite: the vocabulary and
# one corrected search; PostgreSQL: pg_trgm), and one for the affiliates' section roots (which
# name the affiliate on a result): read once per lookups generation, none on a warm cache, but
# each test here starts with an empty cache.
SEARCH_QUERIES = 16

# Which engines miss which cases today: {query id: ({engine, ...}, reason)}.
KNOWN_FAILURES = {}
# osmem-server has no Arabic analyzer (the tests map Arabic to ``standard``; a real cluster
# has one): Arabic inflections cannot be found there.
OSMEM_NO_ARABIC = {"ar-inflection-journal", "ar-article-censorship"}


def _engine_label(engine):
    return DATABASE if engine == "database" else engine


def _cases():
    for engine in ENGINES:
        label = _engine_label(engine)
        for query in QUERIES:
            marks = []
            engines, reason = KNOWN_FAILURES.get(query.id, (set(), ""))
            if label in engines:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            if label == "osmem" and query.id in OSMEM_NO_ARABIC:
                marks.append(pytest.mark.skip(reason="osmem has no Arabic analyzer"))
            yield pytest.param(engine, query, marks=marks, id=f"{label}-{query.id}")


@dataclass
class JudgedSite:
    keys: dict  # {translation key: document id}
    osmem_url: str


@pytest.fixture(scope="module")
def judged_site(django_db_setup, django_db_blocker, osmem_base):
    """The judged pages, indexed in the database and in a clone of the demo site's osmem."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = pages.build_pages(DOCUMENTS)
        pages.index_pages(list(built))
        clone = osmem_base.clone()
        try:
            with override_settings(**cluster_settings("opensearch", clone.url)):
                backend = external_backend()
                backend.index_documents(list(SearchDocument.objects.filter(page_id__in=built)))
                backend._refresh(backend.alias)
                close_clients()
            yield JudgedSite(keys=pages.judged_keys(built), osmem_url=clone.url)
        finally:
            clone.close()
            transaction.set_rollback(True)


@pytest.mark.parametrize(("engine", "query"), list(_cases()))
def test_the_judged_page_is_on_the_first_results_page(
    judged_site, settings, db, client, django_assert_max_num_queries, engine, query
):
    if engine == "database":
        settings.PORTAL_SEARCH_BACKEND = "database"
    else:
        for key, value in cluster_settings("opensearch", judged_site.osmem_url).items():
            setattr(settings, key, value)
    try:
        with django_assert_max_num_queries(SEARCH_QUERIES):
            response = client.get("/api/search/", {"q": query.text, "lang": query.reader})
    finally:
        close_clients()
    assert response.status_code == 200
    data = response.json()
    assert data["engine"] == ("database" if engine == "database" else "opensearch")
    assert not data["fallback"]
    shown = [judged_site.keys.get(result["translation_key"]) for result in data["results"]]
    missing = [document for document in query.must_find if document not in shown]
    assert not missing, f"{query.text!r} ({query.reader}, {query.category}): {shown}"


def test_the_measures():
    query = judged.Query("q", "en", "x", "typo", {"a": 2, "b": 1})
    row = judged.score(query, [None, "b", None, "a"], page_size=3)
    # Among judged documents "b" is first; on the whole page (3 groups) "a" is missing.
    assert row["rr"] == 1.0 and row["recall"] == 1.0 and not row["on_first_page"]
    assert row["ranks"] == {"a": [2, 4], "b": [1, 2]}
    assert judged.reciprocal_rank(["x", "y", "a"], {"a"}) == pytest.approx(1 / 3)
    assert judged.recall(["a"], {"a": 2, "b": 1}) == 0.5
