"""What search engines read: canonical addresses, the sitemap with its language alternates, and
robots.txt.

Every absolute address is built from the request's host, as the ``hreflang`` links already are,
so a page, its canonical link, its sitemap entry and its feed items agree on one address.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.db.models import Q
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from wagtail.models import Page, Site

from core.languages import bcp47


def absolute_page_url(request, page):
    """The page's address on the host the reader asked for; ``None`` if it is not routable."""
    url = page.get_url(request)
    return request.build_absolute_uri(url) if url else None


def canonical_url(request, page, *, listing_page=1):
    """The address search engines should index for ``page``.

    A source page served under another language's prefix (no translation yet) names its own
    address, so the copy is not indexed twice. Listing filters are dropped; the number of the
    listing page shown (``listing_page``) is kept, as each shows different items.
    """
    url = absolute_page_url(request, page)
    if url is not None and listing_page > 1:
        url = f"{url}?page={listing_page}"
    return url


def site_pages(request):
    """Live, public pages of the request's site in every language: each home page's tree."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Page.objects.none()
    homes = Page.objects.filter(translation_key=site.root_page.translation_key).only("path")
    trees = [Q(path__startswith=home.path) for home in homes]
    if not trees:
        return Page.objects.none()
    return Page.objects.live().public().filter(reduce(or_, trees))


class PageSitemap(Sitemap):
    """Every live, public page, each listing all its live translations as alternates.

    Wagtail's own sitemap lists the default site's tree only (English here) and names no
    alternates; Django's ``i18n`` mode renders one object in every language, whereas each Wagtail
    translation is a page of its own. So the alternates come from the pages' translation keys.
    """

    limit = 5000

    def __init__(self, request):
        self.request = request

    def items(self):
        return (
            site_pages(self.request)
            .select_related("locale")
            .only("id", "path", "url_path", "translation_key", "last_published_at", "locale")
            .order_by("path")
        )

    def lastmod(self, page):
        return page.last_published_at

    def location(self, page):
        return absolute_page_url(self.request, page)

    def _urls(self, page_number, protocol, domain):
        pages = list(self.paginator.page(page_number).object_list)
        translations = {}
        keys = {page.translation_key for page in pages}
        for other in self.items().filter(translation_key__in=keys):
            translations.setdefault(other.translation_key, []).append(other)
        urls = []
        for page in pages:
            location = self.location(page)
            if location is None:
                continue
            alternates = [
                {"lang_code": bcp47(other.locale.language_code), "location": url}
                for other in translations.get(page.translation_key, [page])
                if (url := self.location(other))
            ]
            default = next(
                (
                    item["location"]
                    for item in alternates
                    if item["lang_code"] == bcp47(settings.LANGUAGE_CODE)
                ),
                None,
            )
            if default:
                alternates.append({"lang_code": "x-default", "location": default})
            urls.append(
                {
                    "item": page,
                    "location": location,
                    "lastmod": page.last_published_at,
                    "changefreq": None,
                    "priority": "",
                    "alternates": alternates,
                }
            )
        dates = [page.last_published_at for page in pages]
        if dates and None not in dates:
            self.latest_lastmod = max(dates)  # the sitemap's Last-Modified header
        return urls


@require_safe
def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": PageSitemap(request)})


@require_safe
def robots_txt(request):
    """Crawl the public site; keep out of the admin, the JSON APIs and search results (an
    endless space of pages that repeat content found elsewhere)."""
    search_paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            search_paths.append(reverse("search"))
    content = render_to_string(
        "robots.txt",
        {
            "disallowed": [reverse("wagtailadmin_home"), "/api/", *search_paths],
            "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
        },
    )
    return HttpResponse(content, content_type="text/plain; charset=utf-8")
