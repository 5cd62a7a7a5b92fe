"""Page routing in one query, whatever the depth of the page.

Wagtail routes a URL by walking the tree from the language's home page, two queries a level
(the child, then its specific object), after finding the site and the localised root. Every
page's ``url_path`` already spells its full path, so the page can be found at once: the page in
the reader's language or, where that language has no live translation, the source page at the
same path (what ``HomePage.route`` serves). Which page a path leads to is a cached lookup
(``home.lookups``, renewed by any publish, unpublish or move); the one query reads the page's
specific object with what every page shows (its locale, its listing image). Anything else (a
404, a custom route) goes through Wagtail's own routing.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.cache import patch_cache_control

from wagtail import views as wagtail_views
from wagtail.models import Page

from home import lookups
from home.compiled import CompiledQuery


def _route(request, path):
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
    route = lookups.cached(request, name, find, keep_none=False)
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
        request.portal_untranslated_in = locale
    # The page's own route with nothing left to route: itself, or a routable page's index.
    return page.route(request, [])


_page_queries = {}
PLACEHOLDER_PK = -7_340_021  # never a primary key


def _page_query(model):
    """The query for a live page of ``model`` by primary key, compiled once per process."""
    query = _page_queries.get(model)
    if query is None:
        query = _page_queries[model] = CompiledQuery(
            lambda pk: model.objects.select_related(*_related(model)).filter(pk=pk, live=True),
            [PLACEHOLDER_PK],
        )
    return query


def _related(model):
    names = {field.name for field in model._meta.get_fields()}
    wanted = getattr(model, "route_select_related", ("listing_image",))
    return [name for name in wanted if name in names]


def serve(request, path):
    """Wagtail's page view, with the route found by ``_route`` where it can be. A page with a
    view restriction (its password form, or the page for a reader allowed to see it) is
    private: never kept by the page cache nor by any shared cache on the way."""
    if not hasattr(request, "_wagtail_route_for_request"):
        route = _route(request, path)
        if route is not None:
            request._wagtail_route_for_request = route
    response = wagtail_views.serve(request, path)
    route = getattr(request, "_wagtail_route_for_request", None)
    if route is not None and lookups.has_view_restriction(route[0], request):
        patch_cache_control(response, private=True, no_store=True)
    return response
