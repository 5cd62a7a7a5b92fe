"""The search page (``/<lang>/search/``), the JSON API (``/api/search/``) and autocomplete
(``/api/search/autocomplete/``). Whatever the query or filters, readers get an answer and a
message, never an error page."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from wagtail.models import Locale

from core.lookups import active_locale

from . import services
from .facets import FACETS
from .forms import QueryMessage, SearchFilterForm, clean_query

logger = logging.getLogger(__name__)

UNAVAILABLE = "unavailable"
MESSAGES = {
    QueryMessage.EMPTY: _("Type a word or two to search."),
    QueryMessage.TOO_LONG: _("Your search was too long and has been shortened."),
    QueryMessage.NO_WORDS: _("Your search has no words to look for: use letters or numbers."),
    QueryMessage.IGNORED_FILTERS: _(
        "Some filter values were not recognised and have been ignored."
    ),
    QueryMessage.UNKNOWN_LANGUAGE: _("Unknown language: results are shown for English readers."),
    UNAVAILABLE: _("Search is not available right now. Please try again in a moment."),
}
AUTOCOMPLETE_MIN_LENGTH = 2


def _run_search(request, *, query, messages, form, reader_language, source):
    """The grouped results, or None with a message added when there is nothing to run."""
    if not query or QueryMessage.NO_WORDS in messages:
        return None
    try:
        return services.run_search(
            query=query,
            reader_language=reader_language,
            filters=form.engine_filters(),
            filter_labels={name: form.labels(name) for name in FACETS},
            page_number=request.GET.get("page") or 1,
            request=request,
            source=source,
        )
    except DatabaseError:
        logger.exception("Search failed in the database")
        messages.append(UNAVAILABLE)
        return None


def _prepare(request, locale):
    query, messages = clean_query(request.GET.get("q"))
    form = SearchFilterForm(request.GET, locale=locale)
    if form.ignored_filters():
        messages.append(QueryMessage.IGNORED_FILTERS)
    return query, messages, form


def _facet_groups(results, form, query):
    """Each facet with its values as links that add or remove that filter."""
    current = {name: value for name, value in form.cleaned_data.items() if value}
    groups = []
    for name in FACETS:
        values = []
        for value in results.facets.get(name, []):
            params = {"q": query, **current}
            if value.selected:
                params.pop(name, None)
            else:
                params[name] = value.value
            values.append({"value": value, "url": "?" + urlencode(params)})
        if values:
            groups.append({"name": name, "label": form.fields[name].label, "values": values})
    return groups


@require_safe
def search(request):
    """Search every language from a reader's language site."""
    reader_language = translation.get_language()
    query, messages, form = _prepare(request, active_locale(request))
    results = _run_search(
        request,
        query=query,
        messages=messages,
        form=form,
        reader_language=reader_language,
        source="page",
    )
    filters_query = form.querystring()
    querystring = urlencode({"q": query}) + (f"&{filters_query}" if filters_query else "")
    context = {
        "query": query,
        "form": form,
        "results": results,
        "page_obj": results.page_obj if results else None,
        "facet_groups": _facet_groups(results, form, query) if results else [],
        "search_messages": [MESSAGES[code] for code in messages],
        "querystring": querystring,
        "reader_language": reader_language,
        "max_length": settings.PORTAL_SEARCH_MAX_QUERY_LENGTH,
    }
    status = 503 if UNAVAILABLE in messages else 200
    return TemplateResponse(request, "search/search.html", context, status=status)


def _api_language(request, messages):
    codes = [code for code, _name in settings.LANGUAGES]
    language = request.GET.get("lang") or settings.LANGUAGE_CODE
    if language not in codes:
        messages.append(QueryMessage.UNKNOWN_LANGUAGE)
        language = settings.LANGUAGE_CODE
    return language


def _locale(language):
    try:
        return Locale.objects.get_for_language(language)
    except (Locale.DoesNotExist, LookupError):
        return Locale.get_default()


@require_safe
def api_search(request):
    """JSON: ``?q=…&lang=…`` plus the page's filters (type, topic, region, status, outcome,
    language) and ``page``."""
    language_messages = []
    language = _api_language(request, language_messages)
    with translation.override(language):
        query, messages, form = _prepare(request, _locale(language))
        messages = language_messages + messages
        results = _run_search(
            request,
            query=query,
            messages=messages,
            form=form,
            reader_language=language,
            source="api",
        )
        payload = {
            "query": query,
            "language": language,
            "filters": {name: value for name, value in form.cleaned_data.items() if value},
            "messages": [{"code": code, "message": str(MESSAGES[code])} for code in messages],
            "count": results.count if results else 0,
            "count_is_capped": results.capped if results else False,
            "page": results.page_obj.number if results else 1,
            "num_pages": results.page_obj.paginator.num_pages if results else 0,
            "engine": results.backend if results else None,
            "fallback": results.fallback if results else False,
            "expansions": results.expansions if results else [],
            "results": [result.as_dict() for result in results.results] if results else [],
            "facets": {
                name: [
                    {
                        "value": value.value,
                        "label": str(value.label),
                        "count": value.count,
                        "selected": value.selected,
                    }
                    for value in values
                ]
                for name, values in (results.facets.items() if results else [])
            },
        }
    status = 503 if UNAVAILABLE in messages else 200
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


@require_safe
def api_autocomplete(request):
    """JSON: titles starting with ``q`` in any language, shown in ``lang`` where translated."""
    messages = []
    language = _api_language(request, messages)
    query, query_messages = clean_query(request.GET.get("q"))
    suggestions = []
    if len(query) >= AUTOCOMPLETE_MIN_LENGTH or (query and not query.isascii()):
        with translation.override(language):
            try:
                suggestions, _answer = services.suggest(
                    prefix=query, reader_language=language, request=request
                )
            except DatabaseError:
                logger.exception("Autocomplete failed in the database")
                messages.append(UNAVAILABLE)
    with translation.override(language):
        payload = {
            "query": query,
            "language": language,
            "suggestions": suggestions,
            "messages": [
                {"code": code, "message": str(MESSAGES[code])}
                for code in [*messages, *query_messages]
                if code != QueryMessage.EMPTY
            ],
        }
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
