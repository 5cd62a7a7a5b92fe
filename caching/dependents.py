"""Which kept lookups a change to some pages renews: the scopes of ``core.lookups``.

A page shows itself, its translations' links, the pages it names (a story's campaign, a
campaign's partners, the home page's featured campaigns) and the pages that name it (a
campaign lists the stories that name it). So a publish, an unpublish, a move or a deletion of
a page renews the scope of every translation of:

- the page itself;
- every page it names, as published now and as published before (a link taken away renews
  the page it led to): its foreign keys, many-to-many relations, rich text and stream fields
  and inline panels;
- every page that names it or one of its translations: foreign keys and many-to-many
  relations read from the tables at once, rich text and stream fields from Wagtail's
  reference index;

and the listing scope of its page type (and of each page type it inherits from), and the
routes. What every page shows (the menu, the language roots, the footer's pages, the home
page's sharing image) is kept under the lookups generation instead: ``site_wide`` says when a
change to some pages renews it.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import ForeignKey, ManyToManyField, Q

from wagtail.models import Page, PageLogEntry, ReferenceIndex

from core import lookups
from core.models import PortalSettings
from core.sections import SectionRoot

# Pages at this depth or above show in every page: the root and the language home pages
# (language roots, sharing image), and their children (the main menu, the listing indexes the
# home page links to).
SITE_WIDE_DEPTH = 3
# A change to more pages than this (a large subtree moved or deleted) renews everything:
# working out each page's dependents would cost more than renewing all.
MOST_PAGES = 200


def _is_page_model(model):
    return isinstance(model, type) and issubclass(model, Page)


def _page_content_type_id():
    return ContentType.objects.get_for_model(Page).pk


def named_pages(page):
    """Primary keys of the pages ``page`` names (as it stands in memory: a revision's object
    too): foreign keys, many-to-many relations, rich text, stream fields, inline panels."""
    page_type = _page_content_type_id()
    found = set()
    # Wagtail's own reading of an object's references (the one its reference index stores).
    for content_type, object_id, *_path in ReferenceIndex._extract_references_from_object(page):
        if content_type == page_type and str(object_id).isdigit():
            found.add(int(object_id))
    for field in page._meta.get_fields():
        if isinstance(field, ManyToManyField) and _is_page_model(field.related_model):
            found.update(item.pk for item in getattr(page, field.name).all())
    return found


def _previously_published(page, revision):
    """The page as its previous publish left it; ``None`` on its first publish; ``False``
    where that cannot be told (published before without a publish logged)."""
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action__startswith="wagtail.publish")
        .exclude(revision__isnull=True)
        .exclude(revision_id=getattr(revision, "pk", None))
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None:
        # A first publish sets both times at once.
        first_publish = page.first_published_at == page.last_published_at
        return None if first_publish else False
    try:
        return entry.revision.as_object()
    except Exception:  # noqa: BLE001 - an unreadable old revision: the caller renews all
        return False


def _page_fields():
    """``(model, field)`` of every foreign key and many-to-many relation to pages declared by
    a page type."""
    fields = []
    for model in apps.get_models():
        if not _is_page_model(model):
            continue
        for field in [*model._meta.local_fields, *model._meta.local_many_to_many]:
            if isinstance(field, ForeignKey | ManyToManyField) and _is_page_model(
                field.related_model
            ):
                fields.append((model, field))
    return fields


def naming_pages(page_ids):
    """Primary keys of the pages that name any of ``page_ids``."""
    page_ids = list(page_ids)
    if not page_ids:
        return set()
    page_type = _page_content_type_id()
    found = set(
        int(pk)
        for pk in ReferenceIndex.objects.filter(
            base_content_type_id=page_type,
            to_content_type_id=page_type,
            to_object_id__in=[str(pk) for pk in page_ids],
        ).values_list("object_id", flat=True)
        if str(pk).isdigit()
    )
    for model, field in _page_fields():
        found.update(
            model.objects.filter(**{f"{field.name}__in": page_ids}).values_list("pk", flat=True)
        )
    return found


def _with_translations(page_ids):
    page_ids = set(page_ids)
    if not page_ids:
        return set()
    keys = Page.objects.filter(pk__in=page_ids).values("translation_key")
    translations = Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
    return page_ids | set(translations)


def site_wide(pages):
    """Whether a change to ``pages`` renews what every page shows: a language root, a home
    page or one of its children (the menu, the listing indexes), or a page the portal
    settings name (the privacy notice in every footer, the safety centre by every form), or a
    section's root (an affiliate's page, named on every card and result of its section)."""
    if any(page.depth <= SITE_WIDE_DEPTH or isinstance(page, SectionRoot) for page in pages):
        return True
    keys = {page.translation_key for page in pages}
    return PortalSettings.objects.filter(
        Q(privacy_page__translation_key__in=keys) | Q(safety_page__translation_key__in=keys)
    ).exists()


def scopes(pages, *, previous=()):
    """The scopes of ``core.lookups`` a change to ``pages`` renews; ``previous`` holds the
    same pages as they were last published (what they named then)."""
    own = _with_translations(page.pk for page in pages)
    named = set()
    for page in [*pages, *previous]:
        named |= named_pages(page)
    dependents = _with_translations(own | named | naming_pages(own))
    found = {lookups.ROUTES, *(lookups.page_scope(pk) for pk in dependents)}
    for page in pages:
        for model in type(page).__mro__:
            if _is_page_model(model) and not model._meta.abstract:
                found.add(lookups.listing_scope(model))
    return found


def renew_pages(pages, *, revision=None, published=False):
    """Renew what shows ``pages``: their scopes, or the lookups generation where the change
    reaches every page (``site_wide``) or too many pages to follow one by one.

    ``published``: the pages were just published (``revision``), so what they named in their
    previous publish is renewed too."""
    pages = [page.specific_deferred if type(page) is Page else page for page in pages]
    if not pages:
        return
    if len(pages) > MOST_PAGES or site_wide(pages):
        lookups.bump()
        return
    previous = []
    if published:
        for page in pages:
            before = _previously_published(page, revision)
            if before is False:
                lookups.bump()
                return
            if before is not None:
                previous.append(before)
    lookups.renew(scopes(pages, previous=previous))
