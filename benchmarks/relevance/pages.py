"""The judged documents as real pages, and judged queries run through the public search.

Needs Django set up (``run.py`` does it; the tests have it). Pages are built with the apps'
factories, as the benchmark site builder does (``demo/benchmark/builder.py``), under each
language's campaign or story index of the demo skeleton.
"""

import datetime

from django.conf import settings
from django.utils.html import escape

from wagtail.models import Locale

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from search import selectors, services
from search.models import SearchDocument
from stories.factories import StoryPageFactory
from stories.models import StoryIndexPage

SLUG_PREFIX = "judged-"
KINDS = {
    "campaign": (CampaignPageFactory, CampaignIndexPage),
    "story": (StoryPageFactory, StoryIndexPage),
}


def _html(paragraphs):
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def build_pages(documents):
    """One published page per document, each its own translation group. Returns
    ``{page id: document id}``."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    pages = {}
    for document in documents:
        factory, index_model = KINDS[document.kind]
        parent = index_model.objects.get(locale=locales[document.language])
        fields = {
            "parent": parent,
            "locale": locales[document.language],
            "title": document.title,
            "slug": SLUG_PREFIX + document.id,
            "summary": document.summary,
        }
        if document.kind == "campaign":
            fields["body"] = [("paragraph", _html([text])) for text in document.paragraphs]
        else:
            fields.update(what_happened=_html(document.paragraphs), date=datetime.date(2025, 3, 1))
        page = factory(**fields)
        pages[page.pk] = document.id
    return pages


def index_pages(page_ids):
    """Index the pages one by one, as publishing does (``services.index_page``)."""
    for page_id in page_ids:
        services.index_page(page_id=page_id)


def judged_keys(pages):
    """``{translation key: document id}`` of the judged pages."""
    return {
        str(key): pages[page_id]
        for page_id, key in SearchDocument.objects.filter(page_id__in=list(pages)).values_list(
            "page_id", "translation_key"
        )
    }


class EngineFailed(Exception):
    """The cluster did not answer and the database did: the figures would be the database's."""


def ranking(query, keys):
    """The judged documents among the groups found for ``query`` (a ``judged.Query``), best
    first, through ``selectors.search`` for its reader language; other pages (the demo site's)
    keep their places as ``None``. Returns ``(ranking, results)``."""

    def failed(*, backend, operation, error):
        raise EngineFailed(f"{backend} failed during {operation}: {error}")

    results = selectors.search(
        query=query.text,
        reader_language=query.reader,
        filters={},
        filter_labels={},
        on_engine_failure=failed,
        page_size=settings.PORTAL_PAGE_SIZE,
    )
    return [keys.get(group.translation_key) for group in results.groups], results
