from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, Page, Site

from home.selectors import localized_pages

register = template.Library()


@register.filter
def bcp47(language_code):
    """HTML ``lang`` value of a language code: ``pt-br`` → ``pt-BR``, ``zh-hans`` → ``zh-Hans``."""
    language, _, variant = (language_code or "").partition("-")
    if not variant:
        return language
    return f"{language}-{variant.upper() if len(variant) == 2 else variant.title()}"


def locale_home_url(language_code):
    with translation.override(language_code):
        return reverse("wagtail_serve", args=[""])


def _request_memo(request, key, compute):
    memo = request.__dict__.setdefault("_portal_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def active_locale(request):
    return _request_memo(request, ("locale", translation.get_language()), Locale.get_active)


def page_languages(request, page):
    """Every portal language with where the switcher leads: the page's translation or that
    language's home page, with a notice, when the page is not translated."""

    def compute():
        translations = {}
        if page is not None and getattr(page, "pk", None):
            for translation_page in (
                page.get_translations(inclusive=True).live().select_related("locale")
            ):
                translations[translation_page.locale.language_code] = translation_page
        current = translation.get_language()
        languages = []
        for code, name in settings.LANGUAGES:
            translated = translations.get(code)
            if translated is not None:
                url = translated.get_url(request)
                full_url = request.build_absolute_uri(url)
            else:
                url, full_url = f"{locale_home_url(code)}?untranslated=1", None
            languages.append(
                {
                    "code": code,
                    "name": name,
                    "url": url,
                    "full_url": full_url,
                    "available": translated is not None,
                    "current": code == current,
                }
            )
        return languages

    return _request_memo(request, ("languages", getattr(page, "pk", None)), compute)


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    return {"languages": page_languages(context["request"], page)}


@register.inclusion_tag("components/hreflang.html", takes_context=True)
def hreflang_links(context, page):
    languages = [item for item in page_languages(context["request"], page) if item["available"]]
    default = next((item for item in languages if item["code"] == settings.LANGUAGE_CODE), None)
    return {"languages": languages, "default": default}


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]

    current = context.get("page")

    def compute():
        locale = active_locale(request)
        if current is not None and getattr(current, "depth", 0) >= 2:
            # The page being read lies under its language's home page.
            home_path, home_depth = current.path[: Page.steplen * 2], 2
        else:
            site = Site.find_for_request(request)
            if site is None:
                return []
            home = (
                Page.objects.filter(translation_key=site.root_page.translation_key, locale=locale)
                .only("path", "depth")
                .first()
            ) or site.root_page
            home_path, home_depth = home.path, home.depth
        # By path rather than get_children(), which trusts the cached child count.
        return list(
            Page.objects.filter(path__startswith=home_path, depth=home_depth + 1, locale=locale)
            .live()
            .in_menu()
            .order_by("path")
        )

    return {
        "settings": context.get("settings"),
        "home_url": locale_home_url(translation.get_language()),
        "items": _request_memo(request, "menu", compute),
        "current_path": getattr(current, "path", ""),
        "search_url": reverse("search"),
    }


@register.inclusion_tag("components/footer.html", takes_context=True)
def site_footer(context):
    from home.models import PortalSettings

    request = context["request"]
    portal_settings = PortalSettings.for_request(request)
    privacy = []
    if portal_settings.privacy_page_id:
        privacy = localized_pages(
            Page.objects.filter(pk=portal_settings.privacy_page_id),
            active_locale(request),
            Page,
            specific=False,
        )
    return {"portal_settings": portal_settings, "privacy_page": privacy[0] if privacy else None}


@register.filter
def startswith(value, prefix):
    return bool(prefix) and str(value).startswith(str(prefix))
