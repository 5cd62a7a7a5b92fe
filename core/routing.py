"""Page routing in one query, whatever the depth of the page.

Wagtail routes a URL by walking the tree from the language's home page, two queries a level
(the child, then its specific object), after finding the site and the localised root. Every
page's ``url_path`` already spells its full path, so the page can be found at once: the page in
the reader's language or, where that language has no live translation, the source page at the
same path (``serve_source_instead``, the rule ``HomePage.route`` follows too). Which page a
path leads to is a cached lookup (``core.lookups``, under the routes scope, renewed by any
publish, unpublish, move or deletion); the one query reads the page's
specific object with what every page shows (its locale, its listing image). Anything else (a
404, a custom route) goes through Wagtail's own routing.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404

from wagtail.models import Page

from core import lookups
from core.compiled import CompiledQuery
from core.memo import ProcessMemo


def serve_source_instead(request, reader_locale):
    """The one rule for a page not translated into the reader's language: the source page is
    served at the same path (slugs are shared by every translation), and the request says
    which language it was asked in, so that the notice, the menu and the terms around the
    page are the reader's."""
    request.portal_untranslated_in = reader_locale


def route_to_source(language_home, request, path_components):
    """Where ``language_home`` (a language's home page) has no live page at
    ``path_components``: the source language's page at the same path, served under the
    reader's URL (``serve_source_instead``). ``Http404`` where there is none either."""
    if not path_components or language_home.locale.language_code == settings.LANGUAGE_CODE:
        raise Http404
    source_home = (
        type(language_home)
        .objects.filter(
            translation_key=language_home.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        )
        .live()
        .first()
    )
    if source_home is None:
        raise Http404
    result = source_home.route(request, path_components)
    serve_source_instead(request, language_home.locale)
    return result


def find_route(request, path):
    site = lookups.site_for_request(request)
    if site is None:
        return None
    locale = lookups.active_locale(request)
    roots = lookups.language_roots(site, request)
    source = lookups.source_locale_id(request)
    wanted = [pk for pk in (locale.pk, source) if pk in roots]
    if not wanted:
        return None
    suffix = "".join(f"{part}/" for part in path.split("/") if part)

    def find():
        candidates = {
            locale_id: (pk, content_type_id)
            for pk, locale_id, content_type_id in Page.objects.live()
            .filter(url_path__in=[roots[locale_id] + suffix for locale_id in wanted])
            .values_list("pk", "locale_id", "content_type_id")
        }
        found = next((locale_id for locale_id in wanted if locale_id in candidates), None)
        return None if found is None else (*candidates[found], found)

    # Only routes that exist are kept, so that made-up URLs cannot fill the cache.
    name = f"route:{site.pk}:{locale.pk}:{suffix}"
    route = lookups.cached(request, name, find, keep_none=False, scopes=(lookups.ROUTES,))
    if route is None:
        return None
    pk, content_type_id, found = route
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    found_pages = _page_query(model).fetch(pk)
    if not found_pages:
        return None
    page = found_pages[0]
    page._state.fields_cache["locale"] = lookups.locale_by_id(page.locale_id, request)
    if found != locale.pk and suffix:
        serve_source_instead(request, locale)
    # The page's own route with nothing left to route: itself, or a routable page's index.
    return page.route(request, [])


_page_queries = ProcessMemo("compiled page queries", max_entries=256)
PLACEHOLDER_PK = -7_340_021  # never a primary key


def _page_query(model):
    """The query for a live page of ``model`` by primary key, compiled once per process."""
    return _page_queries.get_or_set(
        model,
        lambda: CompiledQuery(
            lambda pk: model.objects.select_related(*_related(model)).filter(pk=pk, live=True),
            [PLACEHOLDER_PK],
        ),
    )


def _related(model):
    names = {field.name for field in model._meta.get_fields()}
    wanted = getattr(model, "route_select_related", ("listing_image",))
    return [name for name in wanted if name in names]
