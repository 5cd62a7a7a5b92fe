"""Search operations: keep the index in step with the pages, rebuild it, run readers' searches
and log them.

The database always holds the documents and their full-text index: it is the embedded engine
and the fallback. When a cluster is configured, every change is sent there too; if the cluster
cannot take it, the change is logged as an incident and the next reindex puts it right.

Readers' searches are read by ``selectors``; what they write (the query log, an incident when
the cluster fails) is done here, so the selectors stay free of side effects.
"""

import logging
import re
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, transaction
from django.utils import timezone

from wagtail.models import Page

from demand import counting

from . import glossary, selectors
from .backends import SearchBackendError, database_backend, external_backend
from .documents import (
    TermNames,
    build_document,
    indexable_queryset,
    kind_of,
    languages_by_key,
    ordered_languages,
    public_pages,
    searchable_models,
)
from .models import EngineIncident, SearchDocument, SearchQueryLog, padded

logger = logging.getLogger(__name__)

DOCUMENT_FIELDS = [
    "translation_key",
    "language",
    "kind",
    "title",
    "summary",
    "body",
    "passages",
    "text_languages",
    "truncated_at",
    "topics",
    "regions",
    "status",
    "outcome",
    "starts_at",
    "time_zone",
    "place",
    "languages",
    "indexed_at",
]
ProgressCallback = Callable[[str, int, int], None] | None


def record_incident(*, backend: str, operation: str, error: Exception | str) -> None:
    """Remember that the cluster failed, for the admin report. Never raises."""
    logger.warning("Search engine %s failed during %s: %s", backend, operation, error)
    try:
        EngineIncident.objects.create(
            backend=backend[:20], operation=operation[:20], error=str(error)[:300]
        )
    except DatabaseError:
        logger.exception("Could not record a search engine incident")


def _send_to_cluster(operation, function, *args):
    backend = None
    try:
        backend = external_backend()
        if backend is not None:
            function(backend, *args)
    except SearchBackendError as error:
        record_incident(
            backend=getattr(backend, "name", "cluster"), operation=operation, error=error
        )


def _save(documents):
    """Write documents and their database full-text index together."""
    now = timezone.now()
    for document in documents:
        document.indexed_at = now
    with transaction.atomic():
        SearchDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=DOCUMENT_FIELDS,
        )
        database_backend().index_documents(documents)


def index_page(*, page_id: int) -> bool:
    """Index one page after it was saved, published, unpublished or restricted.

    Returns whether the page is now in the index. Its translations' documents are updated when
    the languages of the group changed, so each one's "also available in" stays right.
    """
    page = Page.objects.filter(pk=page_id).select_related("content_type").first()
    if page is None or kind_of(page.specific_class) is None:
        return False
    model = page.specific_class
    key = page.translation_key
    languages = languages_by_key(model, [key])[key]
    document = None
    specific = indexable_queryset(model).filter(pk=page_id).first()
    if specific is not None:
        document = build_document(specific, languages=languages, term_names=TermNames())
        _save([document])
        _send_to_cluster("index", lambda backend: backend.index_documents([document]))
    else:
        _remove([page_id])
    _sync_group_languages(key, languages)
    return document is not None


def remove_page(*, page_id: int, translation_key: str) -> None:
    """Take a deleted page out of the index, and out of its translations' languages."""
    _remove([page_id])
    documents = SearchDocument.objects.filter(translation_key=translation_key)
    languages = ordered_languages({document.language for document in documents})
    _sync_group_languages(translation_key, languages)


def _remove(page_ids):
    SearchDocument.objects.filter(page_id__in=page_ids).delete()
    database_backend().delete_documents(page_ids)
    _send_to_cluster("delete", lambda backend: backend.delete_documents(page_ids))


def _sync_group_languages(translation_key, languages):
    stale = list(
        SearchDocument.objects.filter(translation_key=translation_key).exclude(
            languages=padded(languages)
        )
    )
    if not stale:
        return
    for document in stale:
        document.languages = padded(languages)
        document.indexed_at = timezone.now()
    SearchDocument.objects.bulk_update(stale, ["languages", "indexed_at"])
    _send_to_cluster("index", lambda backend: backend.index_documents(stale))


def index_subtree(*, page_id: int) -> int:
    """Re-index every searchable page under (and including) a moved or restricted page."""
    root = Page.objects.filter(pk=page_id).first()
    if root is None:
        return 0
    ids = list(
        Page.objects.filter(path__startswith=root.path)
        .filter(content_type__in=_searchable_content_types())
        .values_list("pk", flat=True)
    )
    for descendant_id in ids:
        index_page(page_id=descendant_id)
    return len(ids)


def _searchable_content_types():
    return [ContentType.objects.get_for_model(model) for model in searchable_models().values()]


def refresh_glossary(*, translation_key: str, locale_id: int) -> int:
    return glossary.refresh_for(translation_key=translation_key, locale_id=locale_id)


# -- full rebuild ------------------------------------------------------------------------------


def rebuild_documents(*, batch_size: int = 250, progress: ProgressCallback = None) -> int:
    """Rebuild every document from the pages, and the database's full-text index with them.

    Documents of pages that are gone, unpublished or restricted are removed. Returns the number
    of documents.
    """
    models = searchable_models()
    keys = {}
    for model in models.values():
        for key, language in public_pages(model).values_list(
            "translation_key", "locale__language_code"
        ):
            keys.setdefault(key, set()).add(language)
    languages = {key: ordered_languages(codes) for key, codes in keys.items()}
    total = sum(len(codes) for codes in languages.values())
    term_names = TermNames()
    kept, done = set(), 0
    for model in models.values():
        batch = []
        for page in indexable_queryset(model).order_by("pk").iterator(chunk_size=batch_size):
            batch.append(
                build_document(
                    page, languages=languages[page.translation_key], term_names=term_names
                )
            )
            if len(batch) == batch_size:
                done += _save_batch(batch, kept)
                if progress:
                    progress("documents", done, total)
                batch = []
        if batch:
            done += _save_batch(batch, kept)
            if progress:
                progress("documents", done, total)
    stale = list(SearchDocument.objects.exclude(page_id__in=kept).values_list("pk", flat=True))
    if stale:
        SearchDocument.objects.filter(pk__in=stale).delete()
    database_backend().optimise()
    return done


def _save_batch(batch, kept):
    _save(batch)
    kept.update(document.page_id for document in batch)
    return len(batch)


def rebuild_cluster(*, batch_size: int = 500, progress: ProgressCallback = None) -> str | None:
    """Rebuild the cluster's index from the documents into a new index, then swap the alias.

    Documents changed or deleted while the new index was being filled are put right after the
    swap. Returns the new index's name, or None when no cluster is configured.
    """
    backend = external_backend()
    if backend is None:
        return None
    started = timezone.now()
    total = SearchDocument.objects.count()
    sent = set()

    def batches():
        batch = []
        for document in SearchDocument.objects.order_by("pk").iterator(chunk_size=batch_size):
            batch.append(document)
            if len(batch) == batch_size:
                sent.update(item.page_id for item in batch)
                yield batch
                batch = []
        if batch:
            sent.update(item.page_id for item in batch)
            yield batch

    name = backend.rebuild(
        batches,
        total=total,
        progress=(lambda done, count: progress("cluster", done, count)) if progress else None,
    )
    changed = list(SearchDocument.objects.filter(indexed_at__gte=started))
    if changed:
        backend.index_documents(changed)
    existing = set(SearchDocument.objects.filter(pk__in=sent).values_list("pk", flat=True))
    if sent - existing:
        backend.delete_documents(sorted(sent - existing))
    return name


def rebuild_glossary() -> int:
    return glossary.rebuild()


# -- readers' searches and the query log --------------------------------------------------------


def run_search(*, source: str, **criteria):
    """A reader's search (``selectors.search`` with ``criteria``: query, reader_language,
    filters, filter_labels, page_number, request), logged once: further pages of the same
    search are not counted again. A failing cluster is recorded as an incident."""
    results = selectors.search(**criteria, on_engine_failure=record_incident)
    if _first_page_requested(criteria.get("page_number", 1)):
        log_search(results=results, source=source)
        count_demand(results=results)
    return results


def count_demand(*, results) -> None:
    """Readers' demand (``demand.counting``, in memory): a search that found pages, none of
    them in the reader's language (nor translated into it), or that found nothing at all."""
    if not settings.PORTAL_DEMAND_COUNTING:
        return
    language = results.language
    found_here = any(language in group.languages for group in results.groups)
    counting.record_search(
        language=language,
        found_elsewhere=bool(results.groups) and not found_here,
        found_nothing=not results.groups,
    )


def suggest(*, prefix: str, reader_language: str, request=None):
    """Autocomplete (``selectors.suggestions``). Not logged: every keystroke would count as a
    search. A failing cluster is recorded as an incident."""
    return selectors.suggestions(
        prefix=prefix,
        reader_language=reader_language,
        request=request,
        on_engine_failure=record_incident,
    )


def _first_page_requested(page_number):
    """Whether this is the search itself rather than a further page of it (logged once)."""
    try:
        return int(page_number) <= 1
    except (TypeError, ValueError):
        return True


_EMAIL = re.compile(r"\S+@\S+")
_LONG_NUMBER = re.compile(r"\+?\d[\d\s().-]{5,}\d")


def redact(query):
    """A query as it may be kept: e-mail addresses and long numbers (phone numbers, IDs)
    removed, case and spacing normalised."""
    query = _EMAIL.sub("[email]", query)
    query = _LONG_NUMBER.sub("[number]", query)
    return " ".join(query.casefold().split())[:200]


def log_search(*, results, source: str) -> None:
    """Keep an anonymous record of a search (``results``, a ``SearchResults``): what, in which
    language, how many results, how long. No IP address, user, session or time of day. Never
    raises."""
    try:
        SearchQueryLog.objects.create(
            query=redact(results.query),
            language=results.language[:16],
            result_count=results.count,
            took_ms=max(0, int(results.took_ms)),
            backend=results.backend[:20],
            fallback=results.fallback,
            source=source,
        )
    except DatabaseError:
        logger.exception("Could not log a search")


def purge_search_log(*, older_than_days: int) -> int:
    cutoff = timezone.localdate() - timedelta(days=older_than_days)
    deleted, _by_model = SearchQueryLog.objects.filter(day__lt=cutoff).delete()
    EngineIncident.objects.filter(created_at__date__lt=cutoff).delete()
    return deleted
