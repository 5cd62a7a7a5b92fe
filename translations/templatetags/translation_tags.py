from django import template
from django.conf import settings
from django.db.models import OuterRef, Subquery

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
