"""Reading search results: one query across every language, grouped by translation.

The engine returns matching page versions in any language. They are grouped by translation key
(one group per campaign, story, partner or explainer), and each group is shown in the reader's
language when a published version exists, otherwise in the language of its best match, labelled,
with links to the other languages it exists in. Facet counts are counted in groups.

A search costs a fixed number of database queries whatever the number of results: the glossary
look-up, the engine (for the database engine), the shown groups' versions and the shown versions'
text; ``services.run_search`` adds the log entry. Selectors only read: what a search writes (the
log, an incident when the cluster fails) is the services' to do.
"""

import time

from django.conf import settings
from django.core.paginator import Paginator

from core.sections import section_of

from . import glossary
from .analysis import profile_for, script_of, scripts_of
from .backends import EngineQuery, run_on_engine
from .facets import FACETS, FILTER_OF_FACET
from .highlight import snippet
from .models import ContentKind, SearchDocument
from .results import (
    FacetValue,
    PageUrls,
    Result,
    SearchResults,
    Version,
    count_facets,
    group_hits,
    language_label,
)


def stem_languages(query, reader_language, filter_language=None):
    """The languages whose pages the query is matched in with stemming (see ``EngineQuery``):
    the reader's, the filtered one, and every content language written in one of the query's
    scripts (Latin letters: English, French, German, Spanish and Portuguese), so that an
    English "blackout" finds "blackouts" for a French or an Arabic reader too."""
    languages = [code for code, _name in settings.LANGUAGES]
    chosen = [code for code in (reader_language, filter_language) if code in languages]
    for script in scripts_of(query):
        chosen += [code for code in languages if profile_for(code).script == script]
    return tuple(dict.fromkeys(chosen))


# -- grouping ------------------------------------------------------------------------------------


VERSION_FIELDS = ("page_id", "translation_key", "language", "title", "page__url_path")
SHOWN_FIELDS = (
    "page_id",
    "kind",
    "summary",
    "body",
    "status",
    "outcome",
    "starts_at",
    "time_zone",
    "place",
)


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
                when=text["starts_at"],
                zone=text["time_zone"],
                place=text["place"],
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
                section=(section_of(version["page__url_path"], request) or {}).get("title", ""),
            )
        )
    return results


def search(
    *,
    query,
    reader_language,
    filters,
    filter_labels,
    on_engine_failure,
    page_number=1,
    page_size=None,
    request=None,
):
    """Search every language for ``query`` and group the results for a reader.

    ``filters`` are validated engine filters (``SearchFilterForm.engine_filters``);
    ``filter_labels`` maps each facet to ``{value: label}`` in the reader's language;
    ``on_engine_failure`` is told of a failing cluster (see ``run_on_engine``). Nothing is
    written here: ``services.run_search`` logs the search.
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
    answer = run_on_engine(
        lambda backend: backend.search(engine_query), on_failure=on_engine_failure
    )
    groups = group_hits(
        answer.hits, reader_language=reader_language, query_scripts=scripts_of(query)
    )
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


def suggestions(*, prefix, reader_language, on_engine_failure, request=None, limit=8):
    """Titles that start with what the reader typed, one per translation group, in the
    reader's language when the group has it. ``on_engine_failure`` as for ``search``."""
    answer = run_on_engine(
        lambda backend: backend.autocomplete(prefix, limit=limit * 4),
        on_failure=on_engine_failure,
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
