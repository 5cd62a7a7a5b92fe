"""Change-aware re-translation.

When a source page is published again, its translations become outdated. ``pending_changes``
compares, segment by segment, the source as last synchronised with the live source page.
``sync_with_source`` brings every language's translation up to date with the live source: for
each changed segment the previous translation is kept as a suggestion marked "needs review"
(nothing already translated is lost), and each translation is saved as a draft for its
language's translators and reviewers.
"""

from collections import Counter

from django.conf import settings
from django.db import transaction

from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

NEEDS_REVIEW = "needs review: previous translation"


def _positioned(pairs):
    seen, keyed = Counter(), {}
    for path, value in pairs:
        keyed[(path, seen[path])] = value
        seen[path] += 1
    return keyed


def source_for(translation_key):
    return TranslationSource.objects.filter(
        object_id=translation_key, locale__language_code=settings.LANGUAGE_CODE
    ).first()


def _stored_segments(source):
    segments = (
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    return _positioned((segment.context.path, segment) for segment in segments)


def pending_changes(source, locale):
    """Segments of the live source that differ from the last synchronised source.

    Each change: ``path``, ``old`` and ``new`` source text (None when added or removed) and
    the ``previous`` translation into ``locale`` of the old text.
    """
    stored = _stored_segments(source)
    live = _positioned(
        (segment.path, segment.string.data)
        for segment in extract_segments(source.get_source_instance())
        if isinstance(segment, StringSegmentValue)
    )
    previous = {
        (row["context__path"], row["translation_of__data"]): row["data"]
        for row in StringTranslation.objects.filter(
            locale=locale, context__object_id=source.object_id
        ).values("context__path", "translation_of__data", "data")
    }
    changes = []
    for key in [*stored, *(key for key in live if key not in stored)]:
        old = stored[key].string.data if key in stored else None
        new = live.get(key)
        if old == new:
            continue
        changes.append(
            {"path": key[0], "old": old, "new": new, "previous": previous.get((key[0], old))}
        )
    return changes


@transaction.atomic
def sync_with_source(*, user, translation_key):
    """Synchronise every translation of a source page with its live version.

    Returns ``{language code: suggestions kept}``.
    """
    source = source_for(translation_key)
    if source is None:
        return {}
    before = _stored_segments(source)
    source.update_from_db()
    after = _stored_segments(source)
    kept = {}
    for translation in Translation.objects.filter(source=source, enabled=True).select_related(
        "target_locale"
    ):
        locale = translation.target_locale
        existing = set(
            StringTranslation.objects.filter(
                locale=locale, context__object_id=source.object_id
            ).values_list("translation_of_id", "context_id")
        )
        previous = {
            (row.translation_of_id, row.context_id): row
            for row in StringTranslation.objects.filter(
                locale=locale, context__object_id=source.object_id
            )
        }
        count = 0
        for key, segment in after.items():
            if (segment.string_id, segment.context_id) in existing or key not in before:
                continue
            old = before[key]
            suggestion = previous.get((old.string_id, old.context_id))
            if suggestion is None:
                continue
            StringTranslation.objects.create(
                translation_of=segment.string,
                context=segment.context,
                locale=locale,
                data=suggestion.data,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                tool_name=NEEDS_REVIEW,
                last_translated_by=suggestion.last_translated_by,
            )
            count += 1
        translation.save_target(user=user, publish=False)
        kept[locale.language_code] = count
    return kept
