"""Link previews (Open Graph, Twitter cards), canonical links and feed discovery links.

The metadata costs no query beyond the page's own image, which the page's body shows anyway.
For a page without one, the site's default image (its home page's image) is a cached lookup.
Renditions come from Wagtail's rendition cache.
"""

from django import template
from django.urls import reverse
from django.utils import translation

from syndication import sharing

register = template.Library()


@register.simple_tag(takes_context=True)
def sharing_metadata(context, page):
    """What a link preview shows for ``page``, or ``None`` for a view that is not a page."""
    request = context.get("request")
    if request is None or not getattr(page, "pk", None):
        return None
    listing_page = getattr(context.get("page_obj"), "number", 1)
    return sharing.sharing_metadata(request, page, listing_page=listing_page)


FEEDS = {
    "campaigns": ("campaigns_feed_rss", "campaigns_feed_atom"),
    "stories": ("stories_feed_rss", "stories_feed_atom"),
    "campaign": ("campaign_updates_rss", "campaign_updates_atom"),
}


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def feed_links(context, kind, page=None):
    """``<link rel="alternate">`` to the RSS and Atom feeds of ``kind``, in the page's language
    (a source page shown under another language's prefix advertises its own language's feeds).
    """
    request = context["request"]
    rss, atom = FEEDS[kind]
    args = [page.slug] if kind == "campaign" else []
    with translation.override(sharing.page_language(request)):
        return {
            "kind": kind,
            "title": page.title if page is not None else "",
            "rss_url": reverse(rss, args=args),
            "atom_url": reverse(atom, args=args),
        }
