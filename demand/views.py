"""The beacon (``/api/demand/seen``): with ``PORTAL_DEMAND_BEACON`` on, each page asks for it as
a 1×1 image, so that views served by a CDN, which the origin never sees, are counted too. It
takes the page's translation key and the reader's language, nothing else; it is under
``/api/``, which the page cache never keeps, and answers ``no-store``."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from wagtail.models import Page

from . import counting

LANGUAGES_TTL = 300  # seconds the languages of a page are kept for the beacon


def _languages(translation_key):
    """The languages a page is live in (``None`` for no such page), kept a few minutes."""
    name = f"demand:languages:{translation_key.hex}"
    found = cache.get(name)
    if found is None:
        found = tuple(
            Page.objects.live()
            .filter(translation_key=translation_key)
            .values_list("locale__language_code", flat=True)
        )
        cache.set(name, found, LANGUAGES_TTL)
    return found or None


def _no_store(response):
    patch_cache_control(response, no_store=True, private=True)
    return response


@require_GET
def seen(request):
    """Count one view of page ``k`` by a reader of language ``l``: 204, or 400 with a reason."""
    try:
        key = uuid.UUID(request.GET.get("k", ""))
    except ValueError:
        return _no_store(HttpResponseBadRequest("k: a page's translation key"))
    language = request.GET.get("l", "")
    if language not in {code for code, _name in settings.LANGUAGES}:
        return _no_store(HttpResponseBadRequest("l: one of the portal's languages"))
    languages = _languages(key)
    if languages is None:
        return _no_store(HttpResponseBadRequest("k: no such page"))
    if settings.PORTAL_DEMAND_COUNTING and counting.countable(request):
        counting.record_page_view(
            translation_key=str(key), language=language, fallback=language not in languages
        )
    return _no_store(HttpResponse(status=204))
