from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def demand_beacon(context):
    """With ``PORTAL_DEMAND_BEACON``: a 1×1 same-origin image that counts the view
    (``demand.views.seen``). The same for every reader of the page, so the page stays
    cacheable; an image rather than a script, so it needs nothing from the CSP beyond
    ``img-src 'self'``."""
    note = getattr(context.get("request"), "portal_demand", None)
    if not settings.PORTAL_DEMAND_BEACON or note is None:
        return ""
    query = urlencode({"k": note[0], "l": note[1]})
    return format_html(
        '<img class="demand-beacon" src="/api/demand/seen?{}" alt="" width="1" height="1" hidden>',
        query,
    )
