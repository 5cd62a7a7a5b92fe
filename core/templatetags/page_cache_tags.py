from django import template
from django.utils.html import format_html

from core import holes

register = template.Library()


@register.simple_tag(takes_context=True)
def page_cache_csrf_input(context):
    """``{% csrf_token %}`` for a page the page cache may keep (``core.holes``)."""
    request = context["request"]
    token = holes.record(request, "csrf", holes.FILLERS["csrf"](request))
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


@register.simple_tag(takes_context=True)
def page_cache_hole(context, name, value):
    """``value``, filled in per reader when the page is served from the page cache."""
    return holes.record(context["request"], name, value)
