"""Routes of the public, read-only content API (Wagtail API v2) at /api/v2/."""

import functools

from wagtail.api.v2.router import WagtailAPIRouter

from syndication.api import PortalImagesAPIViewSet, PortalPagesAPIViewSet, RequestHostRouter


class PortalAPIRouter(WagtailAPIRouter):
    """Detail addresses (``detail_url``, ``find``'s redirect) on the request's host."""

    def wrap_view(self, func):
        @functools.wraps(func)
        def wrapped(request, *args, **kwargs):
            request.wagtailapi_router = RequestHostRouter(self, request)
            return func(request, *args, **kwargs)

        return wrapped


app_name = "wagtailapi"
api_router = PortalAPIRouter(app_name)
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)

urlpatterns = api_router.get_urlpatterns()
