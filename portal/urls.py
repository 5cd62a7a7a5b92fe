import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from caching import views as hole_views
from core import views as page_views
from demand import views as demand_views
from portal import health
from search import views as search_views
from syndication import seo
from syndication.feeds.campaigns import (
    CampaignsAtomFeed,
    CampaignsFeed,
    CampaignUpdatesAtomFeed,
    CampaignUpdatesFeed,
)
from syndication.feeds.consultations import ConsultationsAtomFeed, ConsultationsFeed
from syndication.feeds.network import EndorsementsAtomFeed, EndorsementsFeed
from syndication.feeds.stories import StoriesAtomFeed, StoriesFeed

# A lost database connection raised outside a view is a 503 page, not a 500 (portal/resilience.py).
handler500 = "portal.resilience.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # A reader's own values in a page the edge tier keeps (caching/edge.py): never kept.
    path("_hole/<str:names>", hole_views.hole, name="page_hole"),
    # Admin addresses from before the taxonomies and the portal settings moved from the home app
    # to core (bookmarks, links in old mails): the same page under its new address.
    re_path(
        r"^admin/(?P<kind>snippets|settings)/home/(?P<model>topic|region|method|portalsettings)/"
        r"(?P<rest>.*)$",
        RedirectView.as_view(
            url="/admin/%(kind)s/core/%(model)s/%(rest)s", permanent=True, query_string=True
        ),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/search/", search_views.api_search, name="search_api"),
    path("api/search/autocomplete/", search_views.api_autocomplete, name="search_autocomplete"),
    path("api/demand/seen", demand_views.seen, name="demand_seen"),
    path("api/v2/", include("portal.api")),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
]

if (settings.DEBUG or settings.PORTAL_SERVE_MEDIA) and settings.MEDIA_URL.startswith("/"):
    # Production serves media from object storage or the reverse proxy, never from Django.
    # Not ``static()``, which serves nothing without DEBUG (the demo and the tests run so).
    from django.views.static import serve as serve_media

    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

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
    path("feeds/consultations/rss/", ConsultationsFeed(), name="consultations_feed_rss"),
    path("feeds/consultations/atom/", ConsultationsAtomFeed(), name="consultations_feed_atom"),
    path("feeds/endorsements/rss/", EndorsementsFeed(), name="endorsements_feed_rss"),
    path("feeds/endorsements/atom/", EndorsementsAtomFeed(), name="endorsements_feed_atom"),
    path("", include("actions.urls")),
    path("", include("network.urls")),
    path("", include("spokespeople.urls")),
    path("", include("consultations.urls")),
    path("", include("agenda.urls")),
    path("", include("contributions.urls")),
    # Wagtail's helper views for protected pages (the password form, sign-in), which the page
    # view's pattern below would otherwise take for page paths.
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    # Wagtail's page view with a shorter route (core/routing.py); same pattern and name as
    # Wagtail's own.
    re_path(serve_pattern, page_views.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
