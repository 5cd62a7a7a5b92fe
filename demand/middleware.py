"""Counts page views, served or from the page cache, in memory (``demand.counting``).

It sits just outside ``caching.middleware.PageCacheMiddleware``: the page view notes what to
count on the request (``core.views.note_demand``), and a cache hit puts the same note back from
the cache entry, so every 200 answer to a reader's GET is counted with no query. With
``PORTAL_DEMAND_BEACON`` the page's beacon counts instead, and this counts nothing.
"""

from django.conf import settings

from . import counting


class DemandMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        seen = request.__dict__.get("portal_demand")
        if (
            seen is not None
            and response.status_code == 200
            and settings.PORTAL_DEMAND_COUNTING
            and not settings.PORTAL_DEMAND_BEACON
            and counting.countable(request)
        ):
            key, language, fallback = seen
            counting.record_page_view(translation_key=key, language=language, fallback=fallback)
        return response
