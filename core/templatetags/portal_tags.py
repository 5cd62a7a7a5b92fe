"""The chrome around every page: language links, the main menu, the footer. Each is markup
kept like a card or a cached lookup (``core.lookups``); what it shows comes from
``core.languages`` and ``core.selectors``."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import translation

from core import lookups
from core.languages import bcp47, locale_home_url, page_languages
from core.selectors import main_menu_entries, privacy_page

register = template.Library()


register.filter("bcp47", bcp47)


def _language_links(request, page, template_name, make_context):
    """The markup of ``template_name`` about ``page``'s languages: it shows other pages (the
    translations), so it is kept like a card, per page, language, scheme and host."""

    def render():
        return render_to_string(template_name, make_context(page_languages(request, page)))

    pk = getattr(page, "pk", None)
    parts = (template_name, pk, request.scheme, request.get_host())
    scopes = () if pk is None else (lookups.page_scope(pk),)
    return lookups.kept_markup(request, parts, render, scopes=scopes)


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
    a cached lookup (``core.lookups``), renewed with the menus, settings and pages it shows."""
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
    name = f"menu-html:{lookups.active_locale(request).pk}:{section}"
    return _cached_markup(
        request, name, "components/main_menu.html", lambda: {**menu, "section": section}
    )


def _main_menu_context(context):
    request = context["request"]
    current = context.get("page")
    locale = lookups.active_locale(request)
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
    items = main_menu_entries(request, site, locale, roots, home_url)
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
    locale = lookups.active_locale(request)
    privacy = privacy_page(request, portal_settings, locale)
    return {"portal_settings": portal_settings, "privacy_page": privacy}


@register.filter
def startswith(value, prefix):
    return bool(prefix) and str(value).startswith(str(prefix))
