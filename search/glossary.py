"""A glossary drawn from the portal's own translation memory, to search across languages.

wagtail-localize keeps every translatable source string (``String``, in the source locale) and
each translator's translation of it (``StringTranslation``, one per locale and context). The
short ones (at most ``MAX_WORDS`` words: titles, headings, topic and region names) are a
glossary the movement wrote itself: "Net neutrality" = "Neutralité du net" = "Netzneutralität" =
"网络中立".

Method:

1. Building. Each short source string is a *concept*; its forms are the source text and every
   translation of it that has been published (the translated page is live, or the translated
   snippet saved). Each form is stored with a *key*: its words analysed the way the search
   analyses that language (``search.analysis``: stemmed, stop words dropped, Chinese as
   bigrams), so "Neutralité du net" and "neutralite du Net" share the key "neutral net".
2. Matching. The reader's query is analysed once per language, and every run of up to
   ``MAX_WORDS`` consecutive terms is looked up among that language's keys, in one query. The
   longest matches win and may not overlap: "neutralité du net" matches the concept "Net
   neutrality" rather than a concept for "net" alone.
3. Expanding. Each matched concept adds its forms in the other languages to the query, each to
   be matched only in pages of its own language (``Phrase(text, language)``). The engines weigh
   these below the reader's own words. So "neutralité du net" also finds an English-only page
   that says "net neutrality", which no stemmer could relate.

Only translations that readers can already see are used, so the glossary never reveals a draft.
One rule (``glossary_rows``) decides which strings of which pages and snippets form the
glossary. Publishing, unpublishing, changing or deleting a page of any type or a snippet
recomputes the concepts that object uses (``refresh_for``); the reindex command recomputes all
of them (``rebuild``). Either way the glossary holds the same terms.
"""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from wagtail.models import Page, TranslatableMixin
from wagtail_localize.models import StringTranslation

from .analysis import analyse
from .backends import Phrase
from .models import GlossaryTerm

MAX_WORDS = 6
MAX_CHARACTERS = 120
MAX_CONCEPTS = 5


def _key(text, language):
    return " ".join(analyse(text, language))[:255]


def _is_short(text):
    return 0 < len(text) <= MAX_CHARACTERS and len(text.split()) <= MAX_WORDS


def _forms(translations):
    """Glossary rows for ``StringTranslation`` rows (with their string and locales loaded)."""
    rows = {}
    for translation in translations:
        string = translation.translation_of
        if not (_is_short(string.data) and _is_short(translation.data)):
            continue
        for language, text in (
            (string.locale.language_code, string.data),
            (translation.locale.language_code, translation.data),
        ):
            text = " ".join(text.split())
            key = _key(text, language)
            if key:
                rows[(string.pk, language, text)] = GlossaryTerm(
                    concept_id=string.pk, language=language, text=text[:255], key=key
                )
    return list(rows.values())


def _translations():
    return StringTranslation.objects.filter(has_error=False).select_related(
        "translation_of__locale", "locale", "context"
    )


def translatable_snippet_models():
    """Models besides pages whose translations are glossary entries (topics, regions...)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, TranslatableMixin)
        and not issubclass(model, Page)
        and not model._meta.abstract
        and model._meta.managed
    ]


def _published(keys=None):
    """``(translation_key, locale_id)`` of every translation readers can see: live pages of any
    type (home and index pages too) and translatable snippets; only of ``keys`` when given."""
    pages = Page.objects.live()
    if keys is not None:
        pages = pages.filter(translation_key__in=keys)
    published = set(pages.values_list("translation_key", "locale_id"))
    for model in translatable_snippet_models():
        objects = model.objects.all()
        if keys is not None:
            objects = objects.filter(translation_key__in=keys)
        published.update(objects.values_list("translation_key", "locale_id"))
    return published


def glossary_rows(*, concepts=None):
    """The glossary rule: the one place that decides what the glossary holds.

    Each short source string that has a translation whose object is published in that
    translation's locale (``_published``) gives two forms, its source text and that translation.
    Returns unsaved ``GlossaryTerm`` rows: all of them, or those of the given ``concepts``
    (``String`` ids). The rebuild saves all of them; a publish hook replaces the rows of the
    concepts its object uses; so either path leaves the same glossary.
    """
    translations = _translations()
    if concepts is None:
        published = _published()
        translations = translations.iterator(chunk_size=2000)
    else:
        translations = list(translations.filter(translation_of_id__in=list(concepts)))
        published = _published({t.context.object_id for t in translations if t.context})
    rows = {}
    for translation in translations:
        context = translation.context
        if context is None or (context.object_id, translation.locale_id) not in published:
            continue
        for row in _forms([translation]):
            rows[(row.concept_id, row.language, row.text)] = row
    return list(rows.values())


def refresh_for(*, translation_key, locale_id=None):
    """Bring the glossary up to date after an object (page of any type, or snippet) was
    published, unpublished, changed or deleted, in any of its locales (``locale_id`` is kept
    for tasks queued before; every locale is refreshed).

    The concepts the object's strings belong to are recomputed by ``glossary_rows`` and their
    rows replaced, so a changed or withdrawn translation leaves the glossary as a rebuild would.
    Returns the number of forms those concepts now have.
    """
    concepts = set(
        StringTranslation.objects.filter(context__object_id=translation_key).values_list(
            "translation_of_id", flat=True
        )
    )
    if not concepts:
        return 0
    rows = glossary_rows(concepts=concepts)
    with transaction.atomic():
        GlossaryTerm.objects.filter(concept_id__in=concepts).delete()
        GlossaryTerm.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def rebuild():
    """Rebuild the whole glossary from the translation memory. Returns the number of forms."""
    rows = glossary_rows()
    with transaction.atomic():
        GlossaryTerm.objects.all().delete()
        GlossaryTerm.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _candidate_keys(query):
    """For each language, every run of up to MAX_WORDS consecutive query terms."""
    keys = {}
    for language, _name in settings.LANGUAGES:
        terms = analyse(query, language)
        for start in range(len(terms)):
            for end in range(start + 1, min(len(terms), start + MAX_WORDS) + 1):
                keys.setdefault(language, {})[" ".join(terms[start:end])] = (start, end)
    return keys


def expand(query, *, reader_language=None):
    """The query's glossary translations, as ``Phrase`` objects, and the concepts matched.

    One database query. Returns ``(phrases, matched)`` where ``matched`` lists the source texts
    of the concepts found, for display.
    """
    keys = _candidate_keys(query)
    if not keys:
        return [], []
    condition = Q()
    for language, spans in keys.items():
        condition |= Q(language=language, key__in=list(spans))
    matching = GlossaryTerm.objects.filter(condition).values("concept_id")
    forms = list(
        GlossaryTerm.objects.filter(concept_id__in=matching).values_list(
            "concept_id", "language", "text", "key"
        )
    )
    # Which concepts the query contains, with the span of query terms each one covers.
    spans = {}
    for concept, language, _text, key in forms:
        span = keys.get(language, {}).get(key)
        if span is not None:
            best = spans.get(concept)
            if best is None or span[1] - span[0] > best[1] - best[0]:
                spans[concept] = (span[0], span[1], language)
    # Longest first; a concept whose span overlaps a longer one (in the same language's terms)
    # is dropped.
    chosen, covered = [], {}
    for concept, (start, end, language) in sorted(
        spans.items(), key=lambda item: (item[1][0] - item[1][1], item[1][0], item[0])
    ):
        taken = covered.setdefault(language, set())
        if taken.intersection(range(start, end)):
            continue
        taken.update(range(start, end))
        chosen.append(concept)
        if len(chosen) == MAX_CONCEPTS:
            break
    query_keys = {language: set(spans_) for language, spans_ in keys.items()}
    phrases, matched = [], []
    source_language = settings.LANGUAGE_CODE
    for concept in chosen:
        concept_forms = [form for form in forms if form[0] == concept]
        label = next(
            (text for _c, language, text, _k in concept_forms if language == reader_language),
            None,
        ) or next(
            (text for _c, language, text, _k in concept_forms if language == source_language),
            concept_forms[0][2],
        )
        matched.append(label)
        for _concept, language, text, key in concept_forms:
            if key in query_keys.get(language, set()):
                continue  # the reader's own words already say this in that language
            phrase = Phrase(text=text, language=language)
            if phrase not in phrases:
                phrases.append(phrase)
    return phrases, matched
