"""Inserts many published pages into Wagtail's tree in a handful of queries per batch.

Adding pages one by one (``parent.add_child`` then ``save_revision().publish()``) costs some
twenty queries and the publish signals per page: too slow for 10,000 pages. Here treebeard's
materialised paths are computed in Python from each parent's last child, the ``wagtailcore_page``
rows are inserted with ``bulk_create``, the specific tables (multi-table inheritance, which
``bulk_create`` refuses) through the same insert query Django's ``bulk_create`` uses per table,
then the many-to-many rows, the child objects (e.g. a partner's languages), one revision and
one publish log entry per page. Nothing is indexed here: the builder rebuilds the search index
once at the end.

The result is the tree Wagtail would have made (``Page.find_problems()`` finds nothing): paths,
depth, ``numchild`` and ``url_path`` are consistent, and each page is live with a live revision.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Case, F, Value, When

from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page, PageLogEntry, Revision

BATCH_SIZE = 500


class TreeCursor:
    """The next free treebeard step under each parent, read once per parent."""

    def __init__(self):
        self._next_step = {}

    def next_path(self, parent):
        step = self._next_step.get(parent.pk)
        if step is None:
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        self._next_step[parent.pk] = step + 1
        return Page._get_path(parent.path, parent.depth + 1, step)


def insert_pages(items, *, cursor, published_at):
    """Insert ``items``, a list of ``(parent, page)`` with ``page`` an unsaved specific page
    whose fields, many-to-many values and child objects are set in memory, as live pages.

    ``published_at(page)`` gives each page's publication time. Returns the pages, saved.
    """
    if not items:
        return []
    page_type = ContentType.objects.get_for_model(Page)
    children_per_parent = defaultdict(int)
    pages = []
    for parent, page in items:
        moment = published_at(page)
        page.depth = parent.depth + 1
        page.path = cursor.next_path(parent)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = ContentType.objects.get_for_model(type(page))
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = moment
        page.latest_revision_created_at = moment
        children_per_parent[parent.pk] += 1
        _hold_relations_in_memory(page)
        pages.append(page)

    with transaction.atomic():
        _insert_base_rows(pages)
        _insert_specific_rows(pages)
        _insert_relations(pages)
        _insert_revisions(pages, page_type)
        for parent_pk, count in children_per_parent.items():
            Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + count)
    return pages


def _hold_relations_in_memory(page):
    """Give every many-to-many and child relation an in-memory value (empty if unset), so that
    reading them once the page has a primary key (here and in ``serializable_data``) does not
    query the database for each page."""
    held = getattr(page, "_cluster_related_objects", {})
    for field in get_all_child_m2m_relations(type(page)):
        if field.name not in held:
            getattr(page, field.name).set([])
    for relation in get_all_child_relations(type(page)):
        name = relation.get_accessor_name()
        if name not in getattr(page, "_cluster_related_objects", {}):
            setattr(page, name, [])


def _insert_base_rows(pages):
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = [
        Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
        for page in pages
    ]
    Page.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk


def _insert_specific_rows(pages):
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, objs in by_model.items():
        # ``bulk_create`` rejects multi-table inheritance; this is the insert it runs per table.
        fields = list(model._meta.local_concrete_fields)
        for start in range(0, len(objs), BATCH_SIZE):
            model._base_manager._insert(objs[start : start + BATCH_SIZE], fields=fields)


def _insert_relations(pages):
    through_rows = defaultdict(list)
    child_rows = defaultdict(list)
    for page in pages:
        model = type(page)
        for field in get_all_child_m2m_relations(model):
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            for related in getattr(page, field.name).all():
                through_rows[through].append(through(**{source: page.pk, target: related.pk}))
        for relation in get_all_child_relations(model):
            for order, child in enumerate(getattr(page, relation.get_accessor_name()).all()):
                setattr(child, relation.field.attname, page.pk)
                if hasattr(child, "sort_order"):
                    child.sort_order = order
                child_rows[relation.related_model].append(child)
    for model, rows in [*through_rows.items(), *child_rows.items()]:
        model.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def _insert_revisions(pages, page_type):
    revisions = [
        Revision(
            content_type_id=page.content_type_id,
            base_content_type_id=page_type.pk,
            object_id=str(page.pk),
            created_at=page.last_published_at,
            object_str=page.title,
            content=page.serializable_data(),
        )
        for page in pages
    ]
    Revision.objects.bulk_create(revisions, batch_size=BATCH_SIZE)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision_id = page.live_revision_id = revision.pk
    _set_revision_pointers(pages)
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                content_type_id=page.content_type_id,
                label=page.title,
                action="wagtail.publish",
                timestamp=page.last_published_at,
                page_id=page.pk,
                revision_id=page.live_revision_id,
                content_changed=True,
            )
            for page in pages
        ],
        batch_size=BATCH_SIZE,
    )


def _set_revision_pointers(pages):
    """Both revision columns in one UPDATE per batch."""
    for start in range(0, len(pages), BATCH_SIZE):
        batch = pages[start : start + BATCH_SIZE]
        revision = Case(*(When(pk=page.pk, then=Value(page.latest_revision_id)) for page in batch))
        Page.objects.filter(pk__in=[page.pk for page in batch]).update(
            latest_revision_id=revision, live_revision_id=revision
        )
