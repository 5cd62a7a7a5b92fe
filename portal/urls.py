from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from campaigns.feeds import (
    CampaignsAtomFeed,
    CampaignsFeed,
    CampaignUpdatesAtomFeed,
    CampaignUpdatesFeed,
)
from home import routing, seo
from portal import health
from search import views as search_views
from stories.feeds import StoriesAtomFeed, StoriesFeed

# A lost database connection raised outside a view is a 503 page, not a 500 (portal/resilience.py).
handler500 = "portal.resilience.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/search/", search_views.api_search, name="search_api"),
    path("api/search/autocomplete/", search_views.api_autocomplete, name="search_autocomplete"),
    path("api/v2/", include("portal.api")),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
]

if settings.DEBUG or settings.PORTAL_SERVE_MEDIA:
    # Production serves media from object storage or the reverse proxy, never from Django.
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("feeds/campaigns/rss/", CampaignsFeed(), name="campaigns_feed_rss"),
    path("feeds/campaigns/atom/", CampaignsAtomFeed(), name="campaigns_feed_atom"),
    path("feeds/campaigns/<slug:slug>/rss/", CampaignUpdatesFeed(), name="campaign_updates_rss"),
    path(
        "feeds/campaigns/<slug:slug>/atom/",
        CampaignUpdatesAtomFeed(),
        name="campaign_updates_atom",
    ),
    path("feeds/stories/rss/", StoriesFeed(), name="stories_feed_rss"),
    path("feeds/stories/atom/", StoriesAtomFeed(), name="stories_feed_atom"),
    path("", include("actions.urls")),
    # Wagtail's page view with a shorter route (home/routing.py); same pattern and name as
    # Wagtail's own, which stays below for its helper views.
    re_path(serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
