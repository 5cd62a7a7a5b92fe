"""Elasticsearch 8/9 and OpenSearch 2/3: one index behind an alias, one field per language.

Each document's text goes into the fields of its own language (``title.fr``, ``summary.fr``,
``body.fr``), analysed with the engine's built-in analyzer for that language (``english``,
``french``, ``russian``, ``arabic``, ``cjk`` bigrams for Chinese...; ``PORTAL_SEARCH_ANALYZERS``
overrides one), and into ``exact.*`` fields analysed as plain words (``cjk``: the standard
tokenizer, lower case, CJK as bigrams, on text normalised in Python, ``mapping.py``). A
query is matched as exact words in every document, and as a ``cross_fields`` match over the
stemmed fields of the languages to stem (``EngineQuery.stem_languages``), each with its own
analysis; all the words must be found. A phrase match with a little slop ranks the query's
words side by side above scattered ones (a Chinese phrase above its characters strewn over the
page); for a query with Chinese, that phrase is what makes a hit exact (``Hit.exact``), as on
the database engines. Glossary expansions are matched in their own language's fields only, at
half weight. A fuzzy match on the exact title and summary adds typo tolerance.

A full rebuild writes a new index (``<alias>-<time>``), then moves the alias to it in one atomic
request and deletes the old index: searches keep hitting the complete old index until the swap.

The two client libraries differ only in how they are called; ``ElasticsearchBackend`` and
``OpenSearchBackend`` hold those differences. No client exists until the first request, and then
one per configuration is kept for the process.
"""

import logging
import secrets
import threading

from django.conf import settings
from django.utils import timezone

from ..analysis import normalise, profile_for, scripts_of
from .base import EngineQuery, Hit, SearchBackend, SearchBackendError, hit_from_row
from .database import content_languages
from .mapping import EXACT_FIELDS, FACET_FIELDS, FIELD_WEIGHTS, index_body

logger = logging.getLogger(__name__)

_clients = {}
_clients_lock = threading.Lock()


class ClusterBackend(SearchBackend):
    is_external = True
    supports_fuzzy = True

    def __init__(self, *, name, urls, index, timeout, indexing_timeout, options, analyzers):
        if not urls:
            raise SearchBackendError(f"PORTAL_SEARCH_URLS is empty: {name} has no server.")
        self.name = name
        self.urls = list(urls)
        self.alias = index
        self.timeout = timeout
        self.indexing_timeout = indexing_timeout
        self.options = dict(options)
        self.analyzers = dict(analyzers)

    # -- what Elasticsearch and OpenSearch share ---------------------------------------------

    def analyzer(self, language):
        return self.analyzers.get(language) or profile_for(language).elasticsearch_analyzer

    def index_body(self):
        return index_body({language: self.analyzer(language) for language in content_languages()})

    @staticmethod
    def source(document):
        language = document.language
        title, summary = normalise(document.title), normalise(document.summary)
        body = normalise(document.body)
        return {
            "page_id": document.page_id,
            "translation_key": str(document.translation_key),
            "language": language,
            "kind": document.kind,
            "topics": document.topic_list,
            "regions": document.region_list,
            "status": document.status,
            "outcome": document.outcome,
            "languages": document.language_list,
            "title": {language: title},
            "summary": {language: summary},
            # Passages in other languages go to those languages' fields, each analysed as such.
            "body": {
                **{
                    code: normalise(text)
                    for code, text in document.passages.items()
                    if code in content_languages() and code != language
                },
                language: body,
            },
            "exact": {"title": title, "summary": summary, "body": body},
            "title_words": title,
            "indexed_at": document.indexed_at.isoformat(),
        }

    @staticmethod
    def text_fields(languages):
        return [
            f"{field}.{language}^{weight}" if weight > 1 else f"{field}.{language}"
            for language in languages
            for field, weight in FIELD_WEIGHTS
        ]

    def query_body(self, query: EngineQuery):
        languages = content_languages()
        text = normalise(query.text)
        should = [
            {
                "multi_match": {
                    "query": text,
                    "type": "cross_fields",
                    "operator": "and",
                    "fields": EXACT_FIELDS,
                    "boost": 0.5,
                    "_name": "exact",
                }
            },
            {
                "multi_match": {
                    "query": text,
                    "type": "phrase",
                    "slop": 2,
                    "fields": EXACT_FIELDS,
                    "boost": 0.5,
                    "_name": "phrase",
                }
            },
        ]
        stemmed = [language for language in query.stem_languages if language in languages]
        # One clause per language: all the words, stemmed the language's way, in its fields.
        should += [
            {
                "multi_match": {
                    "query": text,
                    "type": "cross_fields",
                    "operator": "and",
                    "fields": self.text_fields([language]),
                }
            }
            for language in stemmed
        ]
        if query.fuzzy:
            should.append(
                {
                    "multi_match": {
                        "query": text,
                        "fields": ["exact.title", "exact.summary"],
                        "fuzziness": "AUTO",
                        "prefix_length": 1,
                        "operator": "and",
                        "boost": 0.3,
                    }
                }
            )
        for phrase in query.expansions:
            should.append(
                {
                    "multi_match": {
                        "query": normalise(phrase.text),
                        "type": "cross_fields",
                        "operator": "and",
                        "fields": self.text_fields(
                            [phrase.language] if phrase.language in languages else languages
                        ),
                        "boost": 0.5,
                    }
                }
            )
        filters = []
        for name, field in (
            ("kind", "kind"),
            ("topic", "topics"),
            ("region", "regions"),
            ("status", "status"),
            ("outcome", "outcome"),
            ("language", "languages"),
        ):
            if query.filters.get(name):
                filters.append({"term": {field: query.filters[name]}})
        return {
            "size": query.limit,
            "_source": FACET_FIELDS,
            "sort": [{"_score": "desc"}, {"page_id": "asc"}],
            "track_total_hits": False,
            "query": {"bool": {"should": should, "minimum_should_match": 1, "filter": filters}},
        }

    def search(self, query: EngineQuery) -> list[Hit]:
        response = self._call(self._search, self.query_body(query), self.timeout)
        # Exact: all the words; with Chinese in the query, its words as a phrase.
        exact = "phrase" if "cjk" in scripts_of(query.text) else "exact"
        return [
            hit_from_row(
                hit["_source"],
                hit.get("_score") or 0.0,
                exact=exact in (hit.get("matched_queries") or ()),
            )
            for hit in response["hits"]["hits"]
        ]

    def autocomplete(self, prefix, *, limit):
        body = {
            "size": limit,
            "_source": FACET_FIELDS,
            "query": {"match_bool_prefix": {"title_words": {"query": prefix, "operator": "and"}}},
        }
        response = self._call(self._search, body, self.timeout)
        return [
            hit_from_row(hit["_source"], hit.get("_score") or 0.0)
            for hit in response["hits"]["hits"]
        ]

    def index_documents(self, documents):
        if not documents:
            return
        self._call(self._ensure_alias)
        self._call(
            self._bulk,
            [
                {
                    "_op_type": "index",
                    "_index": self.alias,
                    "_id": str(document.page_id),
                    "_source": self.source(document),
                }
                for document in documents
            ],
        )

    def delete_documents(self, page_ids):
        page_ids = list(page_ids)
        if not page_ids:
            return
        self._call(self._ensure_alias)
        self._call(
            self._bulk,
            [
                {"_op_type": "delete", "_index": self.alias, "_id": str(page_id)}
                for page_id in page_ids
            ],
        )

    def rebuild(self, batches, *, total, progress=None):
        """Fill a new index, then swap the alias to it; returns the new index's name."""
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S}-{secrets.token_hex(3)}"
        self._call(self._create_index, name, self.index_body())
        try:
            done = 0
            for batch in batches():
                self._call(
                    self._bulk,
                    [
                        {
                            "_op_type": "index",
                            "_index": name,
                            "_id": str(document.page_id),
                            "_source": self.source(document),
                        }
                        for document in batch
                    ],
                )
                done += len(batch)
                if progress:
                    progress(done, total)
            self._call(self._refresh, name)
            old = self._call(self._alias_indices)
            if not old and self._call(self._index_exists, self.alias):
                # A plain index holds the alias's name (created by hand or by an older version).
                self._call(self._delete_index, self.alias)
            actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
            actions.append({"add": {"index": name, "alias": self.alias}})
            self._call(self._update_aliases, actions)
        except Exception:
            self._delete_index_quietly(name)
            raise
        for index in old:
            self._delete_index_quietly(index)
        _state(self)["ensured"] = True
        return name

    def _delete_index_quietly(self, name):
        try:
            self._call(self._delete_index, name)
        except SearchBackendError:
            logger.warning("Could not delete the search index %s", name, exc_info=True)

    def _ensure_alias(self):
        """Before the first write, make sure the alias exists, so the engine never creates an
        index with guessed mappings."""
        state = _state(self)
        if state.get("ensured"):
            return
        if not self._alias_indices():
            name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S}-{secrets.token_hex(3)}"
            self._create_index(name, self.index_body())
            self._update_aliases([{"add": {"index": name, "alias": self.alias}}])
        state["ensured"] = True

    def indices(self):
        """The indexes the alias points to (for checks and tests)."""
        return self._call(self._alias_indices)

    def count(self):
        return self._call(self._count)

    def client(self):
        state = _state(self)
        if "client" not in state:
            state["client"] = self._make_client()
        return state["client"]

    def _call(self, function, *args):
        try:
            return function(*args)
        except SearchBackendError:
            raise
        except self.errors() as error:
            raise SearchBackendError(f"{self.name}: {type(error).__name__}: {error}") from error

    # -- what the client libraries do differently --------------------------------------------

    def errors(self):
        raise NotImplementedError

    def _make_client(self):
        raise NotImplementedError

    def _search(self, body, timeout):
        raise NotImplementedError

    def _bulk(self, actions):
        raise NotImplementedError

    def _create_index(self, name, body):
        raise NotImplementedError

    def _delete_index(self, name):
        raise NotImplementedError

    def _index_exists(self, name):
        raise NotImplementedError

    def _alias_indices(self):
        raise NotImplementedError

    def _update_aliases(self, actions):
        raise NotImplementedError

    def _refresh(self, name):
        raise NotImplementedError

    def _count(self):
        raise NotImplementedError


def _state(backend):
    key = (
        type(backend).__name__,
        tuple(backend.urls),
        backend.alias,
        repr(sorted(backend.options.items())),
    )
    with _clients_lock:
        return _clients.setdefault(key, {})


def from_settings(name):
    from .clients import ElasticsearchBackend, OpenSearchBackend  # only for an engine in use

    cls = {"elasticsearch": ElasticsearchBackend, "opensearch": OpenSearchBackend}[name]
    return cls(
        name=name,
        urls=settings.PORTAL_SEARCH_URLS,
        index=settings.PORTAL_SEARCH_INDEX,
        timeout=settings.PORTAL_SEARCH_TIMEOUT,
        indexing_timeout=settings.PORTAL_SEARCH_INDEXING_TIMEOUT,
        options=settings.PORTAL_SEARCH_OPTIONS,
        analyzers=settings.PORTAL_SEARCH_ANALYZERS,
    )


def close_clients():
    """Close every client this process opened (tests pointing at short-lived servers)."""
    with _clients_lock:
        states = list(_clients.values())
        _clients.clear()
    for state in states:
        client = state.get("client")
        if client is not None:
            client.close()
