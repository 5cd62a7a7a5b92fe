"""Purge the page cache when content changes: exactly the pages that show it.

- a page published, unpublished or deleted (any language, translations included): the page in
  every language, its ancestors (listings, home page), pages linking to it, its feeds, and
  the per-language search and feed pages;
- a page moved: the same, for its old and its new place, and every page below it;
- a translation's machine-made segments marked reviewed: that translation (its notice);
- a taxonomy term, the portal settings or a site changed: everything, since the menus, footers
  and listing filters of every page show them.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from . import purge

_moving = {}


def _enabled():
    return settings.PORTAL_PAGE_CACHE or getattr(settings, "WAGTAILFRONTENDCACHE", None)


def _purge_after_commit(paths):
    # After the commit, so that no reader can cache the old version in between.
    transaction.on_commit(lambda: purge.purge_paths(paths))


def _purge_pages(pages):
    if _enabled():
        _purge_after_commit(purge.paths_for_pages(pages))


def on_publish_or_unpublish(sender, instance, **kwargs):
    _purge_pages([instance])


def on_page_delete(sender, instance, **kwargs):
    # Before deletion, while the page and its ancestors can still be looked up.
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.depth > 1:
        _purge_pages(list(instance.get_descendants(inclusive=True)))


def on_pre_move(sender, instance, **kwargs):
    if not _enabled():
        return
    pages = list(instance.get_descendants(inclusive=True))
    _moving[instance.pk] = purge.paths_for_pages(pages)


def on_post_move(sender, instance, **kwargs):
    if not _enabled():
        return
    old = _moving.pop(instance.pk, set())
    pages = list(instance.get_descendants(inclusive=True))
    _purge_after_commit(old | purge.paths_for_pages(pages))


def page_notice_changed(page):
    """What readers see above ``page`` changed without a publish (a reviewer marked its machine
    translation reviewed): that page alone, in its language."""
    if _enabled():
        path = purge.page_path(page)
        if path:
            _purge_after_commit([path])


def on_site_wide_change(sender, **kwargs):
    if _enabled():
        transaction.on_commit(purge.purge_all)


def connect():
    from wagtail.models import Page, Site

    from home.models import Method, PortalSettings, Region, Topic

    page_published.connect(on_publish_or_unpublish, dispatch_uid="page_cache_publish")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="page_cache_unpublish")
    pre_delete.connect(on_page_delete, sender=Page, dispatch_uid="page_cache_delete")
    pre_page_move.connect(on_pre_move, dispatch_uid="page_cache_pre_move")
    post_page_move.connect(on_post_move, dispatch_uid="page_cache_post_move")
    for model in (Topic, Region, Method, PortalSettings, Site):
        for signal in (post_save, post_delete):
            signal.connect(
                on_site_wide_change, sender=model, dispatch_uid=f"page_cache_{model.__name__}"
            )
