"""The public page view: Wagtail's, with the short route of ``core.routing``."""

from django.utils.cache import patch_cache_control

from wagtail import views as wagtail_views

from core import lookups
from core.routing import find_route


def serve(request, path):
    """Wagtail's page view, with the route found by ``core.routing.find_route`` where it can
    be. A page with a view restriction (its password form, or the page for a reader allowed to
    see it) is private: never kept by the page cache nor by any shared cache on the way."""
    if not hasattr(request, "_wagtail_route_for_request"):
        route = find_route(request, path)
        if route is not None:
            request._wagtail_route_for_request = route
    response = wagtail_views.serve(request, path)
    route = getattr(request, "_wagtail_route_for_request", None)
    if route is not None:
        if lookups.has_view_restriction(route[0], request):
            patch_cache_control(response, private=True, no_store=True)
        elif request.method == "GET":
            note_demand(request, route[0])
    return response


def note_demand(request, page):
    """What readers' demand counts of this view (``demand.middleware``, which keeps the rule of
    what is counted): the page, the reader's language (the URL's) and whether the original is
    shown because the page has no translation in it. The page cache keeps it with the page, so
    that a cached view is counted too."""
    untranslated = getattr(request, "portal_untranslated_in", None)
    language = untranslated or lookups.active_locale(request)
    request.portal_demand = (str(page.translation_key), language.language_code, bool(untranslated))
