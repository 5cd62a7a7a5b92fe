from django.utils.functional import SimpleLazyObject

from core import lookups


def portal(request):
    """``portal_settings``: the site's settings, from the cached lookups (``core.lookups``)."""
    return {"portal_settings": SimpleLazyObject(lambda: lookups.portal_settings(request))}
