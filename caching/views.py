"""The per-reader values of a page kept by the edge tier (``caching.edge``), one per include."""

import re

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.html import format_html
from django.views.decorators.cache import never_cache

from core import holes

FIELD = re.compile(r"[\w-]{1,64}")


@never_cache
def hole(request, name):
    """``<input type="hidden" name="<field>" value="<this reader's value>">``."""
    filler = holes.FILLERS.get(name)
    field = request.GET.get("field", "")
    if filler is None:
        return HttpResponseBadRequest("Unknown value.", content_type="text/plain")
    if not FIELD.fullmatch(field):
        return HttpResponseBadRequest(
            "The field name is missing or not allowed.", content_type="text/plain"
        )
    markup = format_html('<input type="hidden" name="{}" value="{}">', field, filler(request))
    return HttpResponse(markup, content_type="text/html; charset=utf-8")
