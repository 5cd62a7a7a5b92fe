"""Reading search results: one query across every language, grouped by translation.

The engine returns matching page versions in any language. They are grouped by translation key
(one group per campaign, story, partner or explainer), and each group is shown in the reader's
language when a published version exists, otherwise in the language of its best match, labelled,
with links to the other languages it exists in. Facet counts are counted in groups.

A search costs a fixed number of database queries whatever the number of results: the glossary
look-up, the engine (for the database engine), the shown groups' versions, the shown versions'
text, and the log entry.
"""

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property

from wagtail.models import Site

from . import glossary, services
from .analysis import profile_for, script_of
from .backends import EngineQuery, SearchBackendError, database_backend, external_backend
from .highlight import snippet
from .models import ContentKind, EngineIncident, SearchDocument, SearchQueryLog

logger = logging.getLogger(__name__)

CIRCUIT_KEY = "portal-search:engine-down:{}"
FACETS = ("type", "topic", "region", "status", "outcome", "language")


def language_label(code):
    return settings.PORTAL_LANGUAGE_LABELS.get(code, code)


def is_rtl(code):
    return code.split("-")[0] in settings.LANGUAGES_BIDI


def stem_languages(query, reader_language, filter_language=None):
    """The languages whose pages the query is matched in with stemming (see ``EngineQuery``):
    the reader's, the filtered one, and the only content language written in the query's
    script when there is one (an English reader searching in Cyrillic means Russian)."""
    languages = [code for code, _name in settings.LANGUAGES]
    chosen = [code for code in (reader_language, filter_language) if code in languages]
    script = script_of(query)
    same_script = [code for code in languages if profile_for(code).script == script]
    if len(same_script) == 1:
        chosen.append(same_script[0])
    return tuple(dict.fromkeys(chosen))


# -- running a query on the engine, or on the fallback ------------------------------------------


@dataclass
class EngineAnswer:
    hits: list
    backend: str
    fallback: bool = False


def run_on_engine(operation, *, operation_name="search"):
    """Run ``operation(backend)`` on the configured engine, or on the database when it fails.

    A failure (down, refused, slower than PORTAL_SEARCH_TIMEOUT) is logged and recorded for the
    admin, and the engine is left alone for PORTAL_SEARCH_RETRY_AFTER seconds, so readers do not
    wait for a timeout on every search while it is down.
    """
    try:
        backend = external_backend()
    except SearchBackendError as error:
        services.record_incident(backend="cluster", operation=operation_name, error=error)
        backend = None
    if backend is not None:
        circuit = CIRCUIT_KEY.format(backend.name)
        if cache.get(circuit):
            return EngineAnswer(operation(database_backend()), "database", fallback=True)
        try:
            return EngineAnswer(operation(backend), backend.name)
        except Exception as error:  # any failure of the engine falls back
            if not isinstance(error, SearchBackendError):
                logger.exception("Unexpected error from the %s search engine", backend.name)
            services.record_incident(backend=backend.name, operation=operation_name, error=error)
            cache.set(circuit, True, settings.PORTAL_SEARCH_RETRY_AFTER)
            return EngineAnswer(operation(database_backend()), "database", fallback=True)
    return EngineAnswer(operation(database_backend()), "database")


# -- grouping ------------------------------------------------------------------------------------


@dataclass
class Group:
    translation_key: str
    score: float
    hits: list = field(default_factory=list)

    @property
    def first(self):
        return self.hits[0]

    @property
    def languages(self):
        return self.first.languages

    def display_language(self, reader_language, filter_language=None, query_script=""):
        """The version to show: the filtered language, the reader's, else the best match.

        Scores of different languages are not comparable (a Chinese bigram is rarer than an
        English word), so "best match" looks first among the versions written in the query's
        script (a reader who typed Latin letters reads a Latin-script language), then takes the
        source language, then any.
        """
        if filter_language and filter_language in self.languages:
            return filter_language
        if reader_language in self.languages:
            return reader_language
        same_script = [hit for hit in self.hits if profile_for(hit.language).script == query_script]
        if same_script:
            return max(same_script, key=lambda hit: hit.score).language
        if settings.LANGUAGE_CODE in self.languages:
            return settings.LANGUAGE_CODE
        return max(self.hits, key=lambda hit: hit.score).language


def group_hits(hits):
    groups = {}
    for hit in hits:
        group = groups.get(hit.translation_key)
        if group is None:
            group = groups[hit.translation_key] = Group(hit.translation_key, hit.score)
        group.hits.append(hit)
        group.score = max(group.score, hit.score)
    return sorted(groups.values(), key=lambda group: -group.score)


def count_facets(groups):
    counts = {name: {} for name in FACETS}

    def add(name, value):
        if value:
            counts[name][value] = counts[name].get(value, 0) + 1

    for group in groups:
        hit = group.first
        add("type", hit.kind)
        add("status", hit.status)
        add("outcome", hit.outcome)
        for topic in hit.topics:
            add("topic", topic)
        for region in hit.regions:
            add("region", region)
        for language in hit.languages:
            add("language", language)
    return counts


# -- what the page and the API show --------------------------------------------------------------


@dataclass
class Version:
    language: str
    label: str
    url: str
    title: str

    @property
    def rtl(self):
        return is_rtl(self.language)


@dataclass
class Result:
    translation_key: str
    kind: str
    kind_label: str
    title: str
    url: str
    language: str
    language_label: str
    in_reader_language: bool
    summary: str
    snippet: str
    also_available: list
    status: str = ""
    outcome: str = ""

    @property
    def rtl(self):
        return is_rtl(self.language)

    def as_dict(self):
        return {
            "translation_key": self.translation_key,
            "type": self.kind,
            "type_label": str(self.kind_label),
            "title": self.title,
            "url": self.url,
            "language": self.language,
            "language_label": str(self.language_label),
            "in_reader_language": self.in_reader_language,
            "summary": self.summary,
            "snippet": str(self.snippet),
            "status": self.status,
            "outcome": self.outcome,
            "also_available": [
                {"language": v.language, "label": str(v.label), "url": v.url, "title": v.title}
                for v in self.also_available
            ],
        }


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    query: str
    language: str
    groups: list
    page_obj: object
    results: list
    facets: dict
    backend: str
    fallback: bool
    took_ms: int
    expansions: list
    capped: bool

    @cached_property
    def count(self):
        return len(self.groups)


class PageUrls:
    """Public URLs of pages from their ``url_path``, as ``Page.get_url(request)`` makes them.

    ``Page.get_url`` reverses the URL pattern once per page; a results page links to up to nine
    versions of twelve pages, so the language prefix is reversed once per language instead.
    ``tests/search`` checks that both agree.
    """

    def __init__(self, request=None):
        self.root_paths = Site.get_site_root_paths()
        self.single_site = len({root.site_id for root in self.root_paths}) == 1
        site = Site.find_for_request(request) if request is not None else None
        self.current_site_id = site.pk if site else None
        self.prefixes = {}

    def __call__(self, url_path):
        roots = [root for root in self.root_paths if url_path.startswith(root.root_path)]
        if not roots:
            return ""
        root = next((r for r in roots if r.site_id == self.current_site_id), roots[0])
        if root.language_code not in self.prefixes:
            with translation.override(root.language_code):
                self.prefixes[root.language_code] = reverse("wagtail_serve", args=("",))
        path = self.prefixes[root.language_code] + url_path[len(root.root_path) :]
        if self.single_site or root.site_id == self.current_site_id:
            return path
        return root.root_url + path


VERSION_FIELDS = ("page_id", "translation_key", "language", "title", "page__url_path")
SHOWN_FIELDS = ("page_id", "kind", "summary", "body", "status", "outcome")


def _versions_for(groups):
    """Every published version of the given groups: language, title, URL path. One query."""
    keys = [group.translation_key for group in groups]
    if not keys:
        return {}
    return {
        (str(row["translation_key"]), row["language"]): row
        for row in SearchDocument.objects.filter(translation_key__in=keys, page__live=True).values(
            *VERSION_FIELDS
        )
    }


def _build_results(groups, *, request, reader_language, filter_language, phrases, query_script):
    """Two queries whatever the number of results: the versions, and the shown ones' text."""
    versions = _versions_for(groups)
    chosen = []
    for group in groups:
        language = group.display_language(reader_language, filter_language, query_script)
        if (group.translation_key, language) not in versions:
            # The chosen version went away since it was indexed; show another one if any.
            language = next(
                (h.language for h in group.hits if (group.translation_key, h.language) in versions),
                None,
            )
            if language is None:
                continue
        chosen.append((group, versions[(group.translation_key, language)]))
    texts = {
        row["page_id"]: row
        for row in SearchDocument.objects.filter(
            page_id__in=[version["page_id"] for _group, version in chosen]
        ).values(*SHOWN_FIELDS)
    }
    kind_labels = dict(ContentKind.choices)
    order = [code for code, _name in settings.LANGUAGES]
    url = PageUrls(request)
    results = []
    for group, version in chosen:
        text = texts.get(version["page_id"])
        if text is None:
            continue
        language = version["language"]
        others = [
            versions[(group.translation_key, code)]
            for code in order
            if code != language and (group.translation_key, code) in versions
        ]
        results.append(
            Result(
                translation_key=group.translation_key,
                kind=text["kind"],
                kind_label=kind_labels.get(text["kind"], text["kind"]),
                title=version["title"],
                url=url(version["page__url_path"]),
                language=language,
                language_label=language_label(language),
                in_reader_language=language == reader_language,
                summary=text["summary"],
                snippet=snippet(
                    [text["summary"], text["body"]], phrases=phrases, language=language
                ),
                also_available=[
                    Version(
                        language=other["language"],
                        label=language_label(other["language"]),
                        url=url(other["page__url_path"]),
                        title=other["title"],
                    )
                    for other in others
                ],
                status=text["status"],
                outcome=text["outcome"],
            )
        )
    return results


def search(
    *,
    query,
    reader_language,
    filters,
    filter_labels,
    page_number=1,
    page_size=None,
    request=None,
    source="page",
    log=True,
):
    """Search every language for ``query`` and group the results for a reader.

    ``filters`` are validated engine filters (``SearchFilterForm.engine_filters``);
    ``filter_labels`` maps each facet to ``{value: label}`` in the reader's language.
    """
    started = time.perf_counter()
    phrases, matched = glossary.expand(query, reader_language=reader_language)
    engine_query = EngineQuery(
        text=query,
        stem_languages=stem_languages(query, reader_language, filters.get("language")),
        expansions=tuple(phrases),
        filters=filters,
        limit=settings.PORTAL_SEARCH_MAX_MATCHES,
    )
    answer = run_on_engine(lambda backend: backend.search(engine_query))
    groups = group_hits(answer.hits)
    paginator = Paginator(groups, page_size or settings.PORTAL_PAGE_SIZE)
    page_obj = paginator.get_page(page_number)
    highlight_phrases = [(query, None), *((phrase.text, phrase.language) for phrase in phrases)]
    results = _build_results(
        page_obj.object_list,
        request=request,
        reader_language=reader_language,
        filter_language=filters.get("language"),
        phrases=highlight_phrases,
        query_script=script_of(query),
    )
    facets = _facets(groups, filters, filter_labels)
    took_ms = round((time.perf_counter() - started) * 1000)
    if log and _first_page_requested(page_number):
        services.log_search(
            query=query,
            language=reader_language,
            result_count=len(groups),
            took_ms=took_ms,
            backend=answer.backend,
            fallback=answer.fallback,
            source=source,
        )
    return SearchResults(
        query=query,
        language=reader_language,
        groups=groups,
        page_obj=page_obj,
        results=results,
        facets=facets,
        backend=answer.backend,
        fallback=answer.fallback,
        took_ms=took_ms,
        expansions=matched,
        capped=len(answer.hits) >= settings.PORTAL_SEARCH_MAX_MATCHES,
    )


def _first_page_requested(page_number):
    """Whether this is the search itself rather than a further page of it (logged once)."""
    try:
        return int(page_number) <= 1
    except (TypeError, ValueError):
        return True


FILTER_OF_FACET = {
    "type": "kind",
    "topic": "topic",
    "region": "region",
    "status": "status",
    "outcome": "outcome",
    "language": "language",
}


def _facets(groups, filters, filter_labels):
    counts = count_facets(groups)
    facets = {}
    for name in FACETS:
        labels = filter_labels.get(name, {})
        selected = filters.get(FILTER_OF_FACET[name])
        values = [
            FacetValue(value, labels.get(value, value), count, value == selected)
            for value, count in counts[name].items()
            if value in labels
        ]
        if selected and not any(value.selected for value in values):
            values.append(FacetValue(selected, labels.get(selected, selected), 0, True))
        order = list(labels)
        facets[name] = sorted(
            values,
            key=lambda value: order.index(value.value) if value.value in order else len(order),
        )
    return facets


def suggestions(*, prefix, reader_language, request=None, limit=8):
    """Titles that start with what the reader typed, one per translation group, in the
    reader's language when the group has it."""
    answer = run_on_engine(
        lambda backend: backend.autocomplete(prefix, limit=limit * 4),
        operation_name="autocomplete",
    )
    groups = group_hits(answer.hits)[:limit]
    for position, group in enumerate(groups):
        group.score = -position  # keep the engine's order
    versions = _versions_for(groups)
    url = PageUrls(request)
    items = []
    for group in groups:
        language = group.display_language(reader_language, query_script=script_of(prefix))
        version = versions.get((group.translation_key, language)) or versions.get(
            (group.translation_key, group.first.language)
        )
        if version is None:
            continue
        items.append(
            {
                "title": version["title"],
                "url": url(version["page__url_path"]),
                "language": version["language"],
                "type": group.first.kind,
            }
        )
    return items, answer


# -- the admin report ----------------------------------------------------------------------------


def search_report(*, days, language=None, limit=20):
    """Top and zero-result queries per language, and the engine's health, for ``days`` days."""
    since = timezone.localdate() - timedelta(days=days)
    log = SearchQueryLog.objects.filter(day__gt=since)
    if language:
        log = log.filter(language=language)
    per_language = {
        row["language"]: row
        for row in log.values("language").annotate(
            searches=Count("id"),
            zero=Count("id", filter=Q(result_count=0)),
            fallbacks=Count("id", filter=Q(fallback=True)),
            average_ms=Avg("took_ms"),
        )
    }
    top = _top(log, limit)
    zero = _top(log.filter(result_count=0), limit)
    order = [code for code, _name in settings.LANGUAGES]
    languages = sorted(
        per_language, key=lambda code: order.index(code) if code in order else len(order)
    )
    incidents = EngineIncident.objects.filter(created_at__date__gt=since)
    return {
        "days": days,
        "languages": [
            {
                "code": code,
                "label": language_label(code),
                "totals": per_language[code],
                "top": top.get(code, []),
                "zero": zero.get(code, []),
            }
            for code in languages
        ],
        "incident_count": incidents.count(),
        "incidents": list(incidents[:10]),
        "backend": settings.PORTAL_SEARCH_BACKEND,
    }


def _top(log, limit):
    rows = (
        log.values("language", "query")
        .annotate(searches=Count("id"), average_results=Avg("result_count"))
        .order_by("language", "-searches", "query")
    )
    by_language = {}
    for row in rows[:5000]:
        entries = by_language.setdefault(row["language"], [])
        if len(entries) < limit:
            entries.append(row)
    return by_language
