"""Routes of the public, read-only content API (Wagtail API v2) at /api/v2/."""

from wagtail.api.v2.router import WagtailAPIRouter

from home.api import PortalImagesAPIViewSet, PortalPagesAPIViewSet

app_name = "wagtailapi"
api_router = WagtailAPIRouter(app_name)
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)

urlpatterns = api_router.get_urlpatterns()
