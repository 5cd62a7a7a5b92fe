"""What a page looks like to search: its text (from the model's ``search_fields``) and facets.

Each searchable page type lists its text in ``search_fields`` as it always has in Wagtail; this
module reads the ``SearchField`` entries (and their boosts) to fill a document's title, summary
and body. Nothing else goes in: not the owner, not the author's name, not who published it.
"""

from django.apps import apps
from django.conf import settings
from django.db.models import Q

from wagtail import blocks
from wagtail.fields import StreamValue
from wagtail.models import PageViewRestriction

from core.blocks import AnchorBlock
from core.models import Region, Topic

from .models import ContentKind, SearchDocument, padded
from .passages import paragraphs, passages_by_language

SEARCHABLE_MODELS = {
    ContentKind.CAMPAIGN: "campaigns.CampaignPage",
    ContentKind.STORY: "stories.StoryPage",
    ContentKind.PARTNER: "partners.PartnerPage",
    ContentKind.EXPLAINER: "explainers.PolicyExplainerPage",
    ContentKind.EVENT: "events.EventPage",
}
# Characters of body text indexed per page. PostgreSQL refuses a tsvector over 1 MB: 500,000
# characters of prose in 200,000 distinct random words make 0.84 MB; real prose, far less. A
# longer body is cut at a paragraph or word boundary and the cut recorded (``truncated_at``),
# which the admin search report lists.
MAX_BODY_LENGTH = 500_000


def searchable_models():
    return {kind: apps.get_model(label) for kind, label in SEARCHABLE_MODELS.items()}


def kind_of(model):
    for kind, label in SEARCHABLE_MODELS.items():
        if model._meta.label == label:
            return kind
    return None


def is_searchable(instance):
    return kind_of(type(instance)) is not None


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _flatten(item)]
    return [str(value)]


def _block_text(block, value):
    """The words of a block's value, as Wagtail's ``get_searchable_content`` gives them, but
    without section anchors: a slug such as ``freedom-of-panorama`` is an address, not text,
    and would otherwise open a result's snippet."""
    if value is None or isinstance(block, AnchorBlock):
        return []
    if isinstance(block, blocks.StructBlock) and isinstance(value, blocks.StructValue):
        return [
            text
            for name, child in block.child_blocks.items()
            for text in _block_text(child, value.get(name))
        ]
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in _block_text(child.block, child.value)]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in _block_text(block.child_block, item)]
    if isinstance(block, blocks.RichTextBlock):
        # The HTML, so that its paragraphs stay apart (each may be in its own language).
        return [value.source]
    return block.get_searchable_content(value)


def _field_text(page, field):
    value = getattr(page, field.field_name, None)
    if isinstance(value, StreamValue):
        return _block_text(value.stream_block, value)
    return _flatten(field.get_value(page))


def _paragraphs(texts):
    return [paragraph for text in texts for paragraph in paragraphs(text)]


def page_paragraphs(page):
    """``(title, summary paragraphs, body paragraphs)`` of a page, from its ``SearchField``
    entries, HTML removed."""
    title, summary, body = page.title, [], []
    for field in type(page).get_searchable_search_fields():
        if field.field_name == "title":
            continue
        texts = _field_text(page, field)
        (summary if field.field_name == "summary" else body).extend(texts)
    return title, _paragraphs(summary), _paragraphs(body)


def cut_paragraphs(texts, limit=None):
    """``(kept paragraphs, characters kept or None)``: at most ``limit`` characters of the
    paragraphs joined by new lines, the last one cut at a word; None when nothing was cut."""
    limit = MAX_BODY_LENGTH if limit is None else limit
    kept, size = [], 0
    for text in texts:
        room = max(limit - size - (1 if kept else 0), 0)
        if len(text) <= room:
            kept.append(text)
            size += len(text) + (1 if len(kept) > 1 else 0)
            continue
        head = text[:room]
        if room < len(text) and not text[room].isspace() and " " in head:
            head = head.rsplit(" ", 1)[0]
        if head.strip():
            kept.append(head.rstrip())
        return kept, len("\n".join(kept))
    return kept, None


def page_text(page):
    """``(title, summary, body)`` of a page, the body cut at ``MAX_BODY_LENGTH``."""
    title, summary, body = page_paragraphs(page)
    return title, "\n".join(summary), "\n".join(cut_paragraphs(body)[0])


class TermNames:
    """Topic and region names in every language, loaded once for a batch of documents."""

    def __init__(self):
        self.names = {}
        self.source_keys = {}
        for model in (Topic, Region):
            for term in model.objects.select_related("locale").only(
                "slug", "name", "translation_key", "locale__language_code"
            ):
                self.names[(term.translation_key, term.locale.language_code)] = term.name
                if term.locale.language_code == settings.LANGUAGE_CODE:
                    self.source_keys[(model, term.slug)] = term.translation_key

    def name(self, term, language):
        return self.names.get((term.translation_key, language)) or term.name


def facets(page):
    """Topic and region slugs, campaign status, story outcome: shared by every translation."""
    topics, regions = [], []
    if hasattr(page, "topics") and hasattr(page, "regions"):
        topics = list(page.topics.all())
        regions = list(page.regions.all())
    elif getattr(page, "topic_id", None):
        topics = [page.topic]
    return {
        "topics": topics,
        "regions": regions,
        "status": getattr(page, "status", "") if kind_of(type(page)) == "campaign" else "",
        "outcome": getattr(page, "outcome", "") if kind_of(type(page)) == "story" else "",
    }


def build_document(page, *, languages, term_names):
    """An unsaved ``SearchDocument`` for a live, public, specific page.

    Its passages in other languages than the page's are kept apart as well (``passages``), so
    each engine analyses them in their own language; the body still holds all the text."""
    title, summary, body = page_paragraphs(page)
    body, truncated_at = cut_paragraphs(body)
    language = page.locale.language_code
    passages = passages_by_language([title, *summary, *body], language=language)
    page_facets = facets(page)
    terms = [*page_facets["topics"], *page_facets["regions"]]
    # Topic and region names, in the page's language, are searchable words of the page too.
    keywords = " · ".join(term_names.name(term, language) for term in terms)
    return SearchDocument(
        page_id=page.pk,
        translation_key=page.translation_key,
        language=language,
        kind=kind_of(type(page)),
        title=title[:255],
        summary="\n".join(summary),
        body="\n".join(part for part in ["\n".join(body), keywords] if part),
        passages=passages,
        text_languages=padded([language, *passages]),
        truncated_at=truncated_at,
        topics=padded(sorted(term.slug for term in page_facets["topics"])),
        regions=padded(sorted(term.slug for term in page_facets["regions"])),
        status=page_facets["status"] or "",
        outcome=page_facets["outcome"] or "",
        languages=padded(languages),
        **event_facts(page),
    )


def event_facts(page):
    """An event's start, time zone and place, which its result shows; nothing for others."""
    if kind_of(type(page)) != ContentKind.EVENT:
        return {}
    return {"starts_at": page.start, "time_zone": page.time_zone, "place": page.location[:255]}


def public_pages(model):
    """Live pages of ``model`` that anyone may read (no view restriction on them or above)."""
    restricted_paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    queryset = model.objects.live()
    if restricted_paths:
        condition = Q()
        for path in restricted_paths:
            condition |= Q(path__startswith=path)
        queryset = queryset.exclude(condition)
    return queryset


def indexable_queryset(model):
    """Pages of ``model`` to index, with what building their documents needs, in few queries."""
    queryset = public_pages(model).select_related("locale")
    if hasattr(model, "topics") and hasattr(model, "regions"):
        queryset = queryset.prefetch_related("topics", "regions")
    elif hasattr(model, "topic"):
        queryset = queryset.select_related("topic")
    return queryset


def languages_by_key(model, keys):
    """The languages each translation key of ``model`` is published (and public) in."""
    result = {key: set() for key in keys}
    for key, language in (
        public_pages(model)
        .filter(translation_key__in=keys)
        .values_list("translation_key", "locale__language_code")
    ):
        result[key].add(language)
    return {key: ordered_languages(codes) for key, codes in result.items()}


def ordered_languages(codes):
    order = [code for code, _name in settings.LANGUAGES]
    return sorted(
        codes, key=lambda code: (order.index(code) if code in order else len(order), code)
    )
