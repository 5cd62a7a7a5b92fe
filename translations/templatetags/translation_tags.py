from django import template
from django.conf import settings

from core import languages, lookups
from core.selectors import related_content
from translations.selectors import is_translation, translation_status

register = template.Library()


@register.inclusion_tag("translations/reader_notice.html", takes_context=True)
def translation_notice(context, page):
    """The notices above a translated page. Its status changes when the page or its source is
    published, so it is a lookup (``core.lookups``) in the page's scope, renewed by a publish
    of any of its translations."""
    if not is_translation(page):
        return {}  # nothing to tell, and nothing to keep
    return related_content(
        context.get("request"), page, lambda: translation_status(page), name="translation-status"
    )


@register.inclusion_tag("translations/untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    """On a source page shown because the reader's language has no translation of it."""
    request = context.get("request")
    locale = getattr(request, "portal_untranslated_in", None)
    if locale is None:
        return {}
    return {
        "language": settings.PORTAL_LANGUAGE_LABELS.get(locale.language_code, ""),
        "contact_email": lookups.portal_settings(request).contact_email,
    }


@register.simple_tag(takes_context=True)
def reader_url(context, item):
    """The URL of ``item`` in the reader's language (``core.languages.reader_url``)."""
    return languages.reader_url(context.get("request"), item)
