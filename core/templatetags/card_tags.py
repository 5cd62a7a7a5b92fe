"""``{% card "campaigns/includes/card.html" item heading_level %}``: a listing card, rendered
once per process and reused until something is published. ``{% related_markup %}`` does the
same for the part of a page that shows other pages and terms (its aside), and
``{% own_markup %}`` for the part that shows the page's own published fields (its body).

A card shows what the page published (title, summary, image, dates, status), the pages it
names and its URL, so it only changes when that page (or a page it names or that names it) is
published, unpublished or moved, or when an image or a term changes: the page's scope and the
lookups generation (``core.lookups``) are in the key, with the reader's language, the locale
of the page the card sits in and the heading level. Without a cache (generation unknown)
cards are rendered each time.
"""

from django import template
from django.template.loader import render_to_string

from core import lookups, sections
from core.listings import ListingItem

register = template.Library()


@register.simple_tag(takes_context=True)
def card(context, template_name, item, heading_level=3):
    """The card of ``item``: a page, or a ``ListingItem`` read only if its card is not kept."""
    request = context.get("request")
    page = context.get("page")

    def render():
        obj = item.resolve() if isinstance(item, ListingItem) else item
        if obj is None:  # unpublished between the two reads of the listing
            return ""
        card_context = {
            "item": obj,
            "page": page,
            "heading_level": heading_level,
            "section": sections.section_of(obj.url_path, request),
        }
        return render_to_string(template_name, {**card_context, "request": request})

    parts = (template_name, item.pk, heading_level, getattr(page, "locale_id", None))
    return lookups.kept_markup(request, parts, render, scopes=(lookups.page_scope(item.pk),))


class PageMarkupNode(template.Node):
    """Markup of the page in the context, kept per page, language and ``kind``. ``own``
    markup is also keyed by the page's live revision and publication time, so it is renewed
    by the publish that changes it even before the generation is."""

    def __init__(self, nodelist, kind):
        self.nodelist = nodelist
        self.kind = kind

    def render(self, context):
        page = context.get("page")
        parts = (
            self.kind,
            self.origin.name,
            self.token.lineno,
            getattr(page, "pk", None),
            getattr(page, "locale_id", None),
        )
        if self.kind == "own":
            parts += (
                getattr(page, "live_revision_id", None),
                getattr(page, "last_published_at", None),
            )
        pk = getattr(page, "pk", None)
        return lookups.kept_markup(
            context.get("request"),
            parts,
            lambda: self.nodelist.render(context),
            scopes=() if pk is None else (lookups.page_scope(pk),),
        )


@register.tag
def related_markup(parser, token):
    """``{% related_markup %}…{% endrelated_markup %}``: markup that shows only what a page
    holds of other pages and terms (``core.selectors.related_content``), kept per page and language
    until something is published. Never around the page's own fields."""
    nodelist = parser.parse(("endrelated_markup",))
    parser.delete_first_token()
    return PageMarkupNode(nodelist, "related")


@register.tag
def own_markup(parser, token):
    """``{% own_markup %}…{% endown_markup %}``: markup that shows only the published fields of
    the page in the context and the pages, images and terms they name, kept per page, language
    and live revision until something is published. Never around what changes without a
    publish (an action's count, a form's token) nor around anything that differs per reader."""
    nodelist = parser.parse(("endown_markup",))
    parser.delete_first_token()
    return PageMarkupNode(nodelist, "own")
