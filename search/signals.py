"""Keep the search index in step with the pages: publish, unpublish, delete, move, view
restrictions, and translations published through wagtail-localize; and the glossary in step
with every page type and translatable snippet.

Handlers only enqueue tasks, once the transaction commits (a rolled-back publish indexes
nothing, and a worker never reads a page before it is saved).
"""

from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from .documents import searchable_models
from .glossary import translatable_snippet_models
from .tasks import index_page_task, index_subtree_task, refresh_glossary_task, remove_page_task

# Saves that only record a new draft or a lock: what readers see has not changed.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "comments",
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _enqueue(task, *args):
    transaction.on_commit(partial(task.enqueue, *args))


def _draft_only(raw, update_fields):
    return raw or bool(update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS)


def page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if not _draft_only(raw, update_fields):
        _enqueue(index_page_task, instance.pk)


def glossary_object_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    """A page of any type or a translatable snippet was published, unpublished, saved or
    deleted: its concepts are recomputed by the glossary rule (``glossary.refresh_for``)."""
    if not _draft_only(raw, update_fields):
        _enqueue(refresh_glossary_task, str(instance.translation_key), instance.locale_id)


def page_unpublished_handler(sender, instance, **kwargs):
    _enqueue(index_page_task, instance.pk)


def page_deleted(sender, instance, **kwargs):
    _enqueue(remove_page_task, instance.pk, str(instance.translation_key))


def page_moved(sender, instance, **kwargs):
    _enqueue(index_subtree_task, instance.pk)


def restriction_changed(sender, instance, **kwargs):
    _enqueue(index_subtree_task, instance.page_id)


def connect():
    for model in searchable_models().values():
        post_save.connect(page_saved, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
        post_delete.connect(
            page_deleted, sender=model, dispatch_uid=f"search-delete-{model._meta.label}"
        )
    page_unpublished.connect(page_unpublished_handler, dispatch_uid="search-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="search-moved")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search-vr")
    post_delete.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="search-vr-delete"
    )
    # The glossary follows every page type (home and index page titles are glossary entries
    # as much as campaigns') and translated snippets (topics, regions, methods).
    for model in [*page_models(), *translatable_snippet_models()]:
        label = model._meta.label
        post_save.connect(
            glossary_object_changed, sender=model, dispatch_uid=f"search-glossary-{label}"
        )
        post_delete.connect(
            glossary_object_changed, sender=model, dispatch_uid=f"search-glossary-del-{label}"
        )


def page_models():
    """Every concrete page type (a page's save is sent for its own class only)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and not model._meta.abstract
    ]
