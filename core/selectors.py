"""Reads that need care: showing source-language links in the reader's language, listings.

Pages link to taxonomy terms and other pages in the source language; each translation shares
those links. To show them in the reader's language, each selector fetches, in one query, the
translation in the page's locale and falls back to the source object where none exists.
"""

import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet, Value

from wagtail.models import Page, PageLogEntry

from core import lookups
from core.listings import ListingItems
from core.models.taxonomy import Method, Region, Topic


def _prefer_locale(candidates, keys, locale):
    """Pick, for each translation key in ``keys`` order, the object in ``locale`` if present."""
    by_key = {}
    for obj in candidates:
        current = by_key.get(obj.translation_key)
        if current is None or obj.locale_id == locale.pk:
            by_key[obj.translation_key] = obj
    return [by_key[key] for key in keys if key in by_key]


def _terms_in_locale(model, locale):
    """Every term of a taxonomy in ``locale`` where translated: ``{translation_key: term}``,
    and the translation key of each term's primary key. A cached lookup (``core.lookups``)."""

    def compute():
        candidates = list(
            model.objects.filter(locale_id__in={locale.pk, lookups.source_locale_id()}).order_by(
                "name"
            )
        )
        keys = list(dict.fromkeys(obj.translation_key for obj in candidates))
        by_key = {term.translation_key: term for term in _prefer_locale(candidates, keys, locale)}
        return by_key, {obj.pk: obj.translation_key for obj in candidates}

    return lookups.cached(None, f"terms:{model._meta.label}:{locale.pk}", compute)


def _sorted_terms(terms):
    return sorted(terms, key=lambda term: term.name.casefold())


def page_terms(page, locale, *relations):
    """The terms of several relations of ``page`` (``"topics"``, ``"regions"``...), each in
    ``locale`` where translated: one query for all of them."""
    queries = [
        getattr(page, name)
        .order_by()
        .values_list("translation_key", Value(name, output_field=models.CharField()))
        for name in relations
    ]
    rows = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    found = {name: [] for name in relations}
    for key, name in rows:
        by_key, _keys = _terms_in_locale(getattr(page, name).model, locale)
        if key in by_key:
            found[name].append(by_key[key])
    return {name: _sorted_terms(terms) for name, terms in found.items()}


def term_by_id(model, pk, locale):
    """The term with primary key ``pk``, in ``locale`` where translated; no query."""
    by_key, key_of_pk = _terms_in_locale(model, locale)
    return by_key.get(key_of_pk.get(pk))


def terms_for_locale(model, locale):
    """Every term of a taxonomy as ``(slug, name)``, named in ``locale`` where translated."""
    by_key, _keys = _terms_in_locale(model, locale)
    return [(term.slug, term.name) for term in _sorted_terms(by_key.values())]


def menu_entries(roots, locale, home_url):
    """The main menu of a reader of ``locale``: the pages shown in menus under the home pages
    of ``roots`` (``{locale_id: url_path}``, ``core.lookups.language_roots``), each in
    ``locale`` where translated and otherwise the source page, at the same path under the
    reader's home (``home_url``), where it is served with the untranslated notice. One query.

    Entries are plain values (kept in the cache): ``title``, ``url``, ``section`` (the path
    below the home page, which is the same in every language) and ``language`` (the language
    of a source page shown in its place, else ``None``)."""
    source = lookups.source_locale_id()
    wanted = [pk for pk in dict.fromkeys((locale.pk, source)) if pk in roots]
    if not wanted:
        return []
    paths = Q()
    for pk in wanted:
        paths |= Q(url_path__startswith=roots[pk], locale_id=pk)
    depth = roots[wanted[0]].count("/") + 1  # "/home/" is at depth 2
    candidates = list(
        Page.objects.live()
        .filter(paths, depth=depth)
        .order_by("path")
        .values_list("translation_key", "locale_id", "title", "url_path", "show_in_menus")
    )
    source_order = [key for key, locale_id, *_rest in candidates if locale_id == source]
    chosen = {}
    for key, locale_id, title, url_path, in_menu in candidates:
        if key not in chosen or locale_id == locale.pk:
            chosen[key] = (locale_id, title, url_path, in_menu)
    order = list(dict.fromkeys([*source_order, *chosen]))
    entries = []
    for key in order:
        locale_id, title, url_path, in_menu = chosen[key]
        if not in_menu:
            continue
        section = url_path[len(roots[locale_id]) :]
        entries.append(
            {
                "title": title,
                "url": f"{home_url}{section}",
                "section": section,
                "language": None
                if locale_id == locale.pk
                else lookups.locale_by_id(locale_id).language_code,
            }
        )
    return entries


def main_menu_entries(request, site, locale, roots, home_url):
    """``menu_entries``, a cached lookup renewed with the pages it shows."""
    return lookups.cached(
        request,
        f"menu:{getattr(site, 'pk', None)}:{locale.pk}:{home_url}",
        lambda: menu_entries(roots, locale, home_url),
    )


def _settings_page(request, portal_settings, locale, field):
    """The page the portal settings name in ``field``, in ``locale`` where translated, or
    ``None``: a cached lookup."""

    def compute():
        page_id = getattr(portal_settings, field)
        if not page_id:
            return None
        found = localized_pages(Page.objects.filter(pk=page_id), locale, Page, specific=False)
        return found[0] if found else None

    name = f"{field}:{portal_settings.site_id}:{locale.pk}"
    return lookups.cached(request, name, compute)


def privacy_page(request, portal_settings, locale):
    """The privacy notice the portal settings name, in ``locale`` where translated."""
    return _settings_page(request, portal_settings, locale, "privacy_page_id")


def safety_page(request, portal_settings, locale):
    """The safety centre the portal settings name, in ``locale`` where translated: every form
    that collects personal data links to it (``safeguards/form_safety.html``)."""
    return _settings_page(request, portal_settings, locale, "safety_page_id")


def change_log(page, *, limit=50):
    """The public history of a page with a change note (``ChangeNoteMixin``): one entry per
    published revision, newest first.

    Built from Wagtail's own publish log, so it cannot drift from what was really published.
    Who published is never shown.
    """
    entries = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish")
        .exclude(revision__isnull=True)
        .order_by("-timestamp")
        .values_list("timestamp", "revision__content")[:limit]
    )
    return [
        {"date": timestamp, "note": (content or {}).get("change_note", "")}
        for timestamp, content in entries
    ]


def reader_terms(context, locale):
    """``context`` (what a page shows of other pages and terms) with each taxonomy term in
    ``locale`` where translated, for a page read under another language's URL: the content is
    the page's, the site around it the reader's. Terms are kept lookups: no query."""
    terms = (Topic, Region, Method)

    def in_locale(term):
        return term_by_id(type(term), term.pk, locale) or term

    shown = {}
    for name, value in context.items():
        if isinstance(value, terms):
            value = in_locale(value)
        elif isinstance(value, list) and value and all(isinstance(item, terms) for item in value):
            value = _sorted_terms(in_locale(term) for term in value)
        shown[name] = value
    return shown


def localized_pages(pages, locale, model=None, *, specific=True, related=()):
    """Live translations in ``locale`` of the given source pages, falling back to the source.

    ``pages`` is a list of pages, whose order the result keeps, or a queryset, read in tree
    order within the same query. One query, or two for generic pages made specific.
    """
    if isinstance(pages, QuerySet):
        model = model or pages.model
        keys = None
        wanted = pages.values("translation_key")
        locale_ids = {locale.pk, lookups.source_locale_id()}
    else:
        pages = list(pages)
        if not pages:
            return []
        model = model or type(pages[0])
        keys = wanted = [page.translation_key for page in pages]
        locale_ids = {locale.pk, *(page.locale_id for page in pages)}
    candidates = model.objects.live().filter(translation_key__in=wanted, locale_id__in=locale_ids)
    if model is Page and specific:
        candidates = candidates.specific()
    if related:
        candidates = candidates.select_related(*related)
    if keys is None:
        candidates = list(candidates.order_by("path"))
        keys = list(dict.fromkeys(page.translation_key for page in candidates))
    return _prefer_locale(candidates, keys, locale)


def localized_pages_by_id(ids, locale, model=Page, *, related=()):
    """``localized_pages`` of the pages with primary keys ``ids``, as ``{pk: page}`` in the
    order of ``ids``, in one query (the source pages are not read on their own). Generic pages
    are not made specific."""
    ids = [pk for pk in ids if pk]
    if not ids:
        return {}
    candidates = list(
        model.objects.filter(
            translation_key__in=Page.objects.filter(pk__in=ids).values("translation_key"),
            locale_id__in={locale.pk, lookups.source_locale_id()},
        )
        .filter(Q(live=True) | Q(pk__in=ids))
        .select_related(*related)
    )
    key_of_pk = {page.pk: page.translation_key for page in candidates}
    keys = list(dict.fromkeys(key_of_pk[pk] for pk in ids if pk in key_of_pk))
    by_key = {
        page.translation_key: page
        for page in _prefer_locale([page for page in candidates if page.live], keys, locale)
    }
    return {pk: by_key[key_of_pk[pk]] for pk in ids if key_of_pk.get(pk) in by_key}


def in_reader_language(model, locale):
    """Live pages of ``model`` for a listing in ``locale``.

    Pages translated into ``locale`` are shown in it; pages that exist only in the source
    language are shown in the source language (the template labels them), so a reader of a
    language with few translations still finds every campaign.
    """

    live = lookups.public(model.objects.live())
    if locale.language_code == settings.LANGUAGE_CODE:
        return live.filter(locale=locale)
    # NOT EXISTS rather than NOT IN: PostgreSQL plans it as an anti-join on the translation
    # key, where NOT IN compares each source page with the whole list of translated keys.
    translated = model.objects.live().filter(
        locale=locale, translation_key=OuterRef("translation_key")
    )
    return live.filter(
        Q(locale=locale) | Q(locale_id=lookups.source_locale_id()) & ~Exists(translated)
    )


def linking_pages(page, relation, locale):
    """The live pages, each in ``locale`` where translated, that link to ``page`` or to any of
    its translations through the relation named ``relation`` on ``page``'s side (a campaign's
    ``stories``, a partner's ``campaigns``). The page types that link to others sit above them
    and are reached through Django's reverse relation, never imported by the page linked to."""
    relation = page._meta.get_field(relation)
    return in_reader_language(relation.related_model, locale).filter(
        **{f"{relation.field.name}__translation_key": page.translation_key}
    )


def listing_ids(request, model, locale, form, querystring):
    """The primary keys of a listing's pages, in order, for the valid filters of ``form``.

    Kept under the lookups generation and the listing's scope (``core.lookups``), for every
    page of the listing: after the first reader, paging through a listing reads no rows and
    counts none, however large the site. Read again once a page of ``model`` is published,
    unpublished, moved or deleted, or a term changes. ``querystring`` is the form's valid
    filters (``form.querystring()``)."""
    filters = hashlib.sha256(querystring.encode()).hexdigest()[:16]

    def compute():
        queryset = in_reader_language(model, locale)
        # A page type whose sections' pages join the global listing only when accepted.
        global_listing = getattr(model, "global_listing", None)
        if global_listing is not None:
            queryset = global_listing(queryset, request)
        queryset = form.apply(queryset).order_by(*model.listing_order)
        return list(queryset.values_list("pk", flat=True))

    return lookups.cached(
        request,
        f"listing:{model._meta.label}:{locale.pk}:{filters}",
        compute,
        scopes=(lookups.listing_scope(model),),
    )


def listing_context(*, index_page, model, form_class, request):
    locale = index_page.locale
    form = form_class(request.GET, locale=locale)
    querystring = form.querystring()
    paginator = Paginator(
        listing_ids(request, model, locale, form, querystring), settings.PORTAL_PAGE_SIZE
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    # The generations of the cards' pages, in one round trip rather than one a card.
    lookups.prefetch(request, [lookups.page_scope(pk) for pk in page_obj.object_list])
    return {
        "filter_form": form,
        "ignored_filters": form.ignored_filters(),
        "page_obj": page_obj,
        # The cards are mostly kept (card_tags); the pages of the others are read in one query.
        "items": ListingItems(page_obj.object_list, model.objects.select_related("listing_image")),
        "querystring": querystring,
    }


def related_content(request, page, compute, name="related"):
    """What a page shows of other pages and terms (related pages, its topics, how its
    translation stands), which changes only when the page, one of its translations or a page
    it names or that names it is published, unpublished or moved, a listing it reads changes
    (its ``related_listings``), or a term changes: ``compute()`` cached as ``name`` under the
    lookups generation and those scopes. Not for the page's own body, which is read with the
    page, nor for a preview, which shows a draft's relations."""
    if getattr(request, "is_preview", False):
        return compute()
    scopes = (
        lookups.page_scope(page.pk),
        *(lookups.listing_scope(model) for model in getattr(page, "related_listings", ())),
    )
    value = lookups.cached(request, f"{name}:{page.pk}", compute, scopes=scopes)
    reader = getattr(request, "portal_untranslated_in", None)
    if reader is not None and reader.pk != page.locale_id:
        # A page read under another language's URL (not translated yet): its terms are named
        # in the reader's language, like the rest of the site around it.
        value = lookups.cached(
            request,
            f"{name}:{page.pk}:reader:{reader.pk}",
            lambda: reader_terms(value, reader),
            scopes=scopes,
        )
    return value
