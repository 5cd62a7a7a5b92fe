from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import translation

from wagtail.models import Page

from home import lookups
from home.selectors import localized_pages, menu_entries

register = template.Library()


@register.filter
def bcp47(language_code):
    """HTML ``lang`` value of a language code: ``pt-br`` → ``pt-BR``, ``zh-hans`` → ``zh-Hans``."""
    language, _, variant = (language_code or "").partition("-")
    if not variant:
        return language
    return f"{language}-{variant.upper() if len(variant) == 2 else variant.title()}"


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


def active_locale(request):
    return lookups.active_locale(request)


def _translation_urls(request, page):
    """``{language_code: url}`` of the live translations of ``page``, the page included: a
    cached lookup, renewed by any publish, unpublish or move (``home.lookups``)."""
    site = lookups.site_for_request(request)

    def compute():
        return {
            translated.locale.language_code: translated.get_url(request)
            for translated in page.get_translations(inclusive=True).live().select_related("locale")
        }

    name = f"translations:{getattr(site, 'pk', None)}:{page.translation_key}"
    return lookups.cached(request, name, compute)


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


def _language_links(request, page, template_name, make_context):
    """The markup of ``template_name`` about ``page``'s languages: it shows other pages (the
    translations), so it is kept like a card, per page, language, scheme and host."""

    def render():
        return render_to_string(template_name, make_context(page_languages(request, page)))

    parts = (template_name, getattr(page, "pk", None), request.scheme, request.get_host())
    return lookups.kept_markup(request, parts, render)


@register.simple_tag(takes_context=True)
def language_switcher(context, page=None):
    return _language_links(
        context["request"],
        page,
        "components/language_switcher.html",
        lambda languages: {"languages": languages},
    )


def _hreflang_context(languages):
    languages = [item for item in languages if item["available"]]
    default = next((item for item in languages if item["code"] == settings.LANGUAGE_CODE), None)
    return {"languages": languages, "default": default}


@register.simple_tag(takes_context=True)
def hreflang_links(context, page):
    return _language_links(context["request"], page, "components/hreflang.html", _hreflang_context)


def _cached_markup(request, name, template_name, compute_context):
    """The markup of ``template_name``, the same for every page that gives the same ``name``:
    a cached lookup (``home.lookups``), renewed with the menus, settings and pages it shows."""
    site = lookups.site_for_request(request)
    name = f"{name}:{getattr(site, 'pk', None)}:{translation.get_language()}:{get_script_prefix()}"
    return lookups.cached(
        request, name, lambda: render_to_string(template_name, compute_context(), request=request)
    )


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The site name and the reader's main menu, with the section of the page being read
    marked: the menu of the reader's language, also around a page shown in the source
    language because it is not translated yet."""
    request = context["request"]
    menu = _main_menu_context(context)
    section = next(
        (
            item["section"]
            for item in menu["items"]
            if menu["current_section"].startswith(item["section"])
        ),
        "",
    )
    name = f"menu-html:{active_locale(request).pk}:{section}"
    return _cached_markup(
        request, name, "components/main_menu.html", lambda: {**menu, "section": section}
    )


def _main_menu_context(context):
    request = context["request"]
    current = context.get("page")
    locale = active_locale(request)
    site = lookups.site_for_request(request)
    roots = lookups.language_roots(site, request) if site else {}
    home_url = locale_home_url(translation.get_language())
    # The path of the page being read below its language's home page: the same in every
    # language, since translations share their slugs.
    current_section = ""
    root = roots.get(getattr(current, "locale_id", None))
    url_path = getattr(current, "url_path", None) or ""
    if root and url_path.startswith(root):
        current_section = url_path[len(root) :]
    items = lookups.cached(
        request,
        f"menu:{getattr(site, 'pk', None)}:{locale.pk}:{home_url}",
        lambda: menu_entries(roots, locale, home_url),
    )
    return {
        "portal_settings": lookups.portal_settings(request),
        "home_url": home_url,
        "items": items,
        "current_section": current_section,
        "search_url": reverse("search"),
    }


@register.simple_tag(takes_context=True)
def site_footer(context):
    request = context["request"]
    return _cached_markup(
        request, "footer-html", "components/footer.html", lambda: _footer_context(request)
    )


def _footer_context(request):
    portal_settings = lookups.portal_settings(request)
    locale = active_locale(request)

    def compute():
        if not portal_settings.privacy_page_id:
            return None
        found = localized_pages(
            Page.objects.filter(pk=portal_settings.privacy_page_id), locale, Page, specific=False
        )
        return found[0] if found else None

    privacy = lookups.cached(request, f"privacy:{portal_settings.site_id}:{locale.pk}", compute)
    return {"portal_settings": portal_settings, "privacy_page": privacy}


@register.filter
def startswith(value, prefix):
    return bool(prefix) and str(value).startswith(str(prefix))
