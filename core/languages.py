"""Language codes as the web spells them, and where each language leads from a page."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import translation

from core import lookups


def bcp47(language_code):
    """HTML ``lang`` value of a language code: ``pt-br`` → ``pt-BR``, ``zh-hans`` → ``zh-Hans``."""
    language, _, variant = (language_code or "").partition("-")
    if not variant:
        return language
    return f"{language}-{variant.upper() if len(variant) == 2 else variant.title()}"


def reader_url(request, item):
    """The URL of ``item`` in the reader's language: its own translation's URL, or, for a page
    not translated yet, the same path under the reader's language (served as the source with a
    notice, see ``HomePage.route``)."""
    url = item.get_url(request)
    if url and request is not None and item.locale_id != lookups.active_locale(request).pk:
        # Listings fall back to source-language pages only; same path, reader's prefix.
        source_prefix = f"/{settings.LANGUAGE_CODE}/"
        if url.startswith(source_prefix):
            return f"/{translation.get_language()}/{url[len(source_prefix) :]}"
    return url


def locale_home_url(language_code):
    return _locale_home_url(language_code, get_script_prefix())


@lru_cache(maxsize=64)
def _locale_home_url(language_code, script_prefix):
    with translation.override(language_code):
        return reverse("wagtail_serve", args=[""])


def _request_memo(request, key, compute):
    memo = request.__dict__.setdefault("_portal_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _translation_urls(request, page):
    """``{language_code: url}`` of the live translations of ``page``, the page included: a
    cached lookup in the page's scope, renewed by a publish, unpublish or move of any of its
    translations (``core.lookups``)."""
    site = lookups.site_for_request(request)

    def compute():
        return {
            translated.locale.language_code: translated.get_url(request)
            for translated in page.get_translations(inclusive=True).live().select_related("locale")
        }

    name = f"translations:{getattr(site, 'pk', None)}:{page.translation_key}"
    return lookups.cached(request, name, compute, scopes=(lookups.page_scope(page.pk),))


def page_languages(request, page):
    """Every portal language with where the switcher leads: the page's translation or that
    language's home page, with a notice, when the page is not translated."""

    def compute():
        translations = {}
        if page is not None and getattr(page, "pk", None):
            translations = _translation_urls(request, page)
        current = translation.get_language()
        languages = []
        for code, name in settings.LANGUAGES:
            url = translations.get(code)
            if url is not None:
                full_url = request.build_absolute_uri(url)
            else:
                url, full_url = f"{locale_home_url(code)}?untranslated=1", None
            languages.append(
                {
                    "code": code,
                    "name": name,
                    "url": url,
                    "full_url": full_url,
                    "available": code in translations,
                    "current": code == current,
                }
            )
        return languages

    return _request_memo(request, ("languages", getattr(page, "pk", None)), compute)


def translated_languages(request, page):
    """The language codes of the live translations of ``page``, the page's own included."""
    return set(_translation_urls(request, page))
