from django.utils.functional import SimpleLazyObject

from home import lookups


def portal(request):
    """``portal_settings``: the site's settings, from the cached lookups (``home.lookups``)."""
    return {"portal_settings": SimpleLazyObject(lambda: lookups.portal_settings(request))}
