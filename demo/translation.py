"""Translating demo content through wagtail-localize, as a translator would.

For each item this creates the translation source and the translation record, fills in a
manual string translation for every segment (what a translator does in the editor), then
publishes the translation with ``Translation.save_target``.
"""

from collections import Counter

from django.db import transaction

from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


def _positioned(pairs):
    """Key each (path, value) pair by its path and its position among segments of that path."""
    seen = Counter()
    keyed = {}
    for path, value in pairs:
        keyed[(path, seen[path])] = value
        seen[path] += 1
    return keyed


def translated_strings(translated_instance):
    """The translated text of each segment of an in-memory instance holding a translation."""
    return _positioned(
        (segment.path, segment.string.data)
        for segment in extract_segments(translated_instance)
        if isinstance(segment, StringSegmentValue)
    )


def translate(instance, locale, translated_instance, *, publish=True):
    """Translate ``instance`` into ``locale`` with the text held by ``translated_instance``.

    Returns the translated object. Segments whose text is missing fall back to the source.
    Each translation commits on its own: wagtail-localize publishes on commit, and a publish
    deferred past later changes to the tree would write a stale page back.
    """
    with transaction.atomic():
        _translate(instance, locale, translated_instance, publish=publish)
    return instance.get_translation(locale)


def _translate(instance, locale, translated_instance, *, publish):
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    wanted = translated_strings(translated_instance)
    segments = (
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    keyed_segments = _positioned((segment.context.path, segment) for segment in segments)
    for key, segment in keyed_segments.items():
        data = wanted.get(key)
        if data is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": data, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    translation.save_target(publish=publish)
