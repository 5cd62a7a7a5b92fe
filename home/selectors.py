"""Reads that need care: showing source-language links in the reader's language, listings.

Pages link to taxonomy terms and other pages in the source language; each translation shares
those links. To show them in the reader's language, each selector fetches, in one query, the
translation in the page's locale and falls back to the source object where none exists.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q

from wagtail.models import Page

from home.models import Topic


def _prefer_locale(candidates, keys, locale):
    """Pick, for each translation key in ``keys`` order, the object in ``locale`` if present."""
    by_key = {}
    for obj in candidates:
        current = by_key.get(obj.translation_key)
        if current is None or obj.locale_id == locale.pk:
            by_key[obj.translation_key] = obj
    return [by_key[key] for key in keys if key in by_key]


def localized_terms(related, locale):
    """The terms of a relation (e.g. ``page.topics``), in ``locale`` where translated. One query."""
    model = related.model
    source = related.all()
    candidates = list(
        model.objects.filter(translation_key__in=source.values("translation_key"))
        .filter(Q(locale=locale) | Q(locale__language_code=settings.LANGUAGE_CODE))
        .order_by("name")
    )
    keys = list(dict.fromkeys(obj.translation_key for obj in candidates))
    return _prefer_locale(candidates, keys, locale)


def terms_for_locale(model, locale):
    """Every term of a taxonomy as ``(slug, name)``, named in ``locale`` where translated."""
    candidates = list(
        model.objects.filter(
            Q(locale=locale) | Q(locale__language_code=settings.LANGUAGE_CODE)
        ).only("slug", "name", "translation_key", "locale_id")
    )
    keys = list(dict.fromkeys(obj.translation_key for obj in candidates))
    terms = _prefer_locale(candidates, keys, locale)
    return sorted(((term.slug, term.name) for term in terms), key=lambda item: item[1].casefold())


def localized_pages(pages, locale, model=None, *, specific=True, related=()):
    """Live translations in ``locale`` of the given source pages, falling back to the source.

    ``pages`` is a queryset or a list of pages; the result keeps its order. One query, or
    two for generic pages made specific.
    """
    pages = list(pages)
    if not pages:
        return []
    model = model or type(pages[0])
    keys = [page.translation_key for page in pages]
    candidates = model.objects.live().filter(
        translation_key__in=keys, locale_id__in={locale.pk, *(page.locale_id for page in pages)}
    )
    if model is Page and specific:
        candidates = candidates.specific()
    if related:
        candidates = candidates.select_related(*related)
    return _prefer_locale(candidates, keys, locale)


def in_reader_language(model, locale):
    """Live pages of ``model`` for a listing in ``locale``.

    Pages translated into ``locale`` are shown in it; pages that exist only in the source
    language are shown in the source language (the template labels them), so a reader of a
    language with few translations still finds every campaign.
    """
    live = model.objects.live().public()
    if locale.language_code == settings.LANGUAGE_CODE:
        return live.filter(locale=locale)
    translated = model.objects.live().filter(locale=locale).values("translation_key")
    return live.filter(
        Q(locale=locale)
        | Q(locale__language_code=settings.LANGUAGE_CODE) & ~Q(translation_key__in=translated)
    )


def listing_context(*, index_page, model, form_class, request):
    locale = index_page.locale
    form = form_class(request.GET, locale=locale)
    queryset = form.apply(in_reader_language(model, locale))
    queryset = queryset.select_related("listing_image").order_by(*model.listing_order)
    paginator = Paginator(queryset, settings.PORTAL_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "filter_form": form,
        "ignored_filters": form.ignored_filters(),
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "querystring": form.querystring(),
    }


def home_page_context(home):
    from campaigns.models import CampaignIndexPage, CampaignPage
    from stories.models import StoryPage

    locale = home.locale
    featured_sources = [block.value for block in home.featured_campaigns if block.value]
    featured = localized_pages(featured_sources, locale, CampaignPage, related=["listing_image"])
    hero_target = (
        localized_pages(Page.objects.filter(pk=home.hero_cta_page_id), locale, Page, specific=False)
        if home.hero_cta_page_id
        else []
    )
    campaign_index = CampaignIndexPage.objects.live().filter(locale=locale).first()
    latest_stories = list(
        in_reader_language(StoryPage, locale).select_related("listing_image").order_by("-date")[:3]
    )
    return {
        "featured": featured,
        "latest_stories": latest_stories,
        "topics": terms_for_locale(Topic, locale),
        "hero_target": hero_target[0] if hero_target else None,
        "campaign_index": campaign_index,
        "get_involved_cards": localized_cards(home.get_involved, locale),
    }


def localized_cards(stream, locale):
    """Card blocks with their page links resolved in ``locale``; one query for all of them."""
    cards = [block.value for block in stream]
    pages = [card["page"] for card in cards if card.get("page")]
    localized = {page.translation_key: page for page in localized_pages(pages, locale, Page)}
    return [
        {
            "title": card["title"],
            "text": card["text"],
            "url": localized[card["page"].translation_key].url
            if card.get("page") and card["page"].translation_key in localized
            else card.get("url") or "",
        }
        for card in cards
    ]
