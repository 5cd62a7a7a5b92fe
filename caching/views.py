"""The per-reader values of a page kept by the edge tier (``caching.edge``): its includes,
when the fast path (``caching.includes``) leaves them to Django."""

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.cache import never_cache

from . import includes


@never_cache
def hole(request, names):
    """``<input type="hidden" name="<field>" value="<this reader's value>">``, one per name."""
    pairs, reason = includes.parse(names, request.GET.get("field", ""))
    if pairs is None:
        return HttpResponseBadRequest(reason, content_type="text/plain")
    return HttpResponse(includes.inputs(request, pairs), content_type="text/html; charset=utf-8")
