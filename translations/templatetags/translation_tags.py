from django import template
from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import translation

from wagtail.models import Page
from wagtail_localize.models import TranslationSource

register = template.Library()


def outdated_since(page):
    """When the source of a translated page was published after the translation was last
    synchronised, the source's publication date; otherwise None. One query."""
    if page is None or not getattr(page, "pk", None):
        return None
    synced = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
    ).values("last_updated_at")[:1]
    source = (
        Page.objects.filter(translation_key=page.translation_key)
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .exclude(pk=page.pk)
        .annotate(synced_at=Subquery(synced))
        .values("last_published_at", "synced_at")
        .first()
    )
    if not source or not source["synced_at"] or not source["last_published_at"]:
        return None
    if source["last_published_at"] > source["synced_at"]:
        return source["last_published_at"]
    return None


@register.inclusion_tag("translations/reader_notice.html")
def translation_notice(page):
    return {"outdated_since": outdated_since(page)}


@register.inclusion_tag("translations/untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    """On a source page shown because the reader's language has no translation of it."""
    request = context.get("request")
    locale = getattr(request, "portal_untranslated_in", None)
    if locale is None:
        return {}
    from home.models import PortalSettings

    return {
        "language": settings.PORTAL_LANGUAGE_LABELS.get(locale.language_code, ""),
        "contact_email": PortalSettings.for_request(request).contact_email,
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
