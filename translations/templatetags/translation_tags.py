from django import template
from django.conf import settings
from django.db.models import Exists, OuterRef, Subquery
from django.utils import translation

from wagtail.models import Page
from wagtail_localize.models import StringTranslation, TranslationSource

register = template.Library()


def is_source(page):
    # page.locale is already loaded by the page's own context.
    return page.locale.language_code == settings.LANGUAGE_CODE


def is_translation(page):
    return page is not None and bool(getattr(page, "pk", None)) and not is_source(page)


def translation_status(page):
    """What readers of a translated page should know, in one query.

    ``outdated_since``: the source's publication date when it was published after this
    translation was last synchronised; ``machine_made``: whether machine-translated segments
    remain that no reviewer has gone over.
    """
    status = {"outdated_since": None, "machine_made": False}
    if not is_translation(page):
        return status
    synced = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
    ).values("last_updated_at")[:1]
    machine = StringTranslation.objects.filter(
        locale_id=page.locale_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        translation_of__segments__source__object_id=page.translation_key,
    )
    source = (
        Page.objects.filter(translation_key=page.translation_key)
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .annotate(synced_at=Subquery(synced), machine_made=Exists(machine))
        .values("last_published_at", "synced_at", "machine_made")
        .first()
    )
    if source:
        status["machine_made"] = source["machine_made"]
        published, synced_at = source["last_published_at"], source["synced_at"]
        if published and synced_at and published > synced_at:
            status["outdated_since"] = published
    return status


@register.inclusion_tag("translations/reader_notice.html", takes_context=True)
def translation_notice(context, page):
    """The notices above a translated page. Its status changes when the page or its source is
    published, so it is a lookup (``home.lookups``) renewed by any publish."""
    from home import lookups

    if not is_translation(page):
        return {}  # nothing to tell, and nothing to keep
    return lookups.related(
        context.get("request"), page, lambda: translation_status(page), name="translation-status"
    )


@register.inclusion_tag("translations/untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    """On a source page shown because the reader's language has no translation of it."""
    request = context.get("request")
    locale = getattr(request, "portal_untranslated_in", None)
    if locale is None:
        return {}
    from home import lookups

    return {
        "language": settings.PORTAL_LANGUAGE_LABELS.get(locale.language_code, ""),
        "contact_email": lookups.portal_settings(request).contact_email,
    }


@register.simple_tag(takes_context=True)
def reader_url(context, item):
    """The URL of ``item`` in the reader's language: its own translation's URL, or, for a page
    not translated yet, the same path under the reader's language (served as the source with a
    notice, see ``HomePage.route``)."""
    from home.templatetags.portal_tags import active_locale

    request = context.get("request")
    url = item.get_url(request)
    if url and request is not None and item.locale_id != active_locale(request).pk:
        # Listings fall back to source-language pages only; same path, reader's prefix.
        source_prefix = f"/{settings.LANGUAGE_CODE}/"
        if url.startswith(source_prefix):
            return f"/{translation.get_language()}/{url[len(source_prefix) :]}"
    return url
