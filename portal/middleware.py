"""Django's LocaleMiddleware, except that the JSON APIs' and the admin's 404s stay 404s.

On a 404 outside the language-prefixed URLs, Django's middleware redirects to the same path with
a language prefix when that path resolves. Wagtail's catch-all page route makes every path
resolve, so ``/api/v2/pages/999/`` would answer 302 to ``/en/api/v2/pages/999/``, an HTML 404
page, instead of the API's JSON answer with its reason; and an admin 404 (say, marking read a
notice that is not one's own) would answer 302 to a public page that does not exist.
"""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"
UNPREFIXED_404 = (API_PREFIX, "/admin/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED_404):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
