"""Every kept layer of the portal, and all the wiring that renews them: one place to see what a
publish, an edit or a signature renews.

Each kept layer: what it keeps; its key; how long; what renews it.

- **Page cache** (``caching.middleware``): whole public pages for anonymous readers, with holes
  for per-reader values. Key: scheme, host, path, query, under a site and a path generation.
  Kept ``PORTAL_PAGE_CACHE_TTL``, or until the page next changes with the clock when that is
  sooner (``core.freshness``: a consultation opening or closing, an event ending), and not
  kept once that moment has passed. Renewed: a page published, unpublished, moved or deleted
  (its paths in every language, its ancestors, the pages referring to it, its feeds, the
  search and feed pages); a page the portal settings name (the privacy notice in every
  footer, the safety centre linked from every form) published or unpublished in any language
  (the whole site); an action edited, a count changed or a reader notice changed (that
  page alone); an endorsement changed (its position's and partner's pages and the
  endorsements' feeds); a term, the portal settings or a site changed (the whole site); a
  spokesperson saved or deleted (the directory of spokespeople, in every language).
- **Front-end cache** (a CDN, ``WAGTAILFRONTENDCACHE``): the same pages, by URL, for the CDN's
  time. Renewed by the same purges, sent as URLs.
- **Lookups** (``core.lookups``), in the shared cache. Key: a name under the lookups
  generation and, for what shows particular pages, the generations of its scopes. Kept 24
  hours at most.

  - *Site-wide*, under the lookups generation alone: site, locales, language roots, view
    restrictions, portal settings and the pages they name, menus and their markup, the
    footer, terms per language, sharing images, logos, reader notices. Renewed (a new
    generation, which renews every lookup below too): a locale, site, view restriction,
    portal settings, term, image, action, endorsement or consultation saved or deleted; a
    rendition deleted; a reader notice changed; a page at depth 3 or above (a language root,
    a home page, a page in or beside the menu) or a page the portal settings name published,
    unpublished, moved or deleted; a move out of a home page; a move or deletion of more than
    ``dependents.MOST_PAGES`` pages; a publish whose previous state cannot be read.
  - *Routes* (which page a path leads to), in the ``routes`` scope: renewed by any publish,
    unpublish, move or page deletion (a path may lead elsewhere after each).
  - *A page's* related content, translation URLs and translation status, in its scope
    (``page:<pk>``): renewed when that page, one of its translations, a page it names or a
    page that names it (as published now or before: ``caching.dependents``) is published,
    unpublished, moved or deleted.
  - *A listing's* page ids (per page type, language and filters) and the filter choices it
    offers, in the scope of its page type (``listing:<app.Model>``): renewed when a page of
    that type (or of a type inheriting from it) is published, unpublished, moved or deleted.
    The home page's related content reads the stories' listing (``related_listings``).
- **Lookups per process** (``ProcessMemo("lookups")``): the same values, read once per worker
  and generations. Key: (generations, name). Superseded by a new generation of any of them;
  every store keyed by the generations (this one, kept markup, image markup and facts, action
  panels) drops what it holds at the first key of the next site-wide generation, and is
  emptied when full (what a scope's renewal superseded stays until then).
  ``ProcessMemo("lookups generations by path")``: which generations a path read, so that the
  next request for it reads them all in one round trip (names only, never values; at most
  ``MOST_KEYS_PER_PATH`` a path).
- **Lookups per request**: the same values and the generations they are kept under, read once
  per request (all the generations a lookup needs in one round trip, a listing's cards' in
  one); dropped at its end (``request_started`` and ``request_finished``).
- **Kept markup** (``ProcessMemo("page markup")``): cards, asides, language links, a page's own
  header and body. Key: generation, the scope of the page shown (the card's page, the page
  read), page (and its live revision for its own markup), language, script prefix, site.
  Superseded by a new generation, a renewal of the page's scope or a publish of the page.
- **Image markup and facts** (``ProcessMemo("image markup")``, ``"image facts"``): ``<img>``
  and rendition sizes. Key: generation and the image's row. Superseded by an edit of the image
  (its row) or a deleted rendition (a new generation).
- **Action panels** (``ProcessMemo("action panels")``, ``"action form fields"``): a campaign's
  action panels with holes for the CSRF token and start time. Key: generation (not the
  page's scope: they show the actions, not the page), each action's
  count, state and recent signers. Superseded by an edited action (a new generation) or a
  count (in the key).
- **Consultations** (``consultations``): their pages (``/<lang>/consultations/<slug>/``, in
  the page cache with holes for the comment form) and the change log of their explainer (kept
  markup and related content). Renewed: a consultation saved or deleted (its pages in every
  language, its explainer's pages, the consultation feeds, and a new lookups generation for
  the explainer's kept change log); a comment approved or taken back
  (``consultations.signals.comments_changed``: the consultation's pages alone).
- **Holes** (``core.holes``): nothing kept; per-reader values filled in on every view.
- **Compiled SQL** (``ProcessMemo("compiled page queries")``): the SQL that reads a page by
  primary key, per page type, for the life of the process (the schema changes with a deploy).
- **Search engine facts** (``ProcessMemo("pg_trgm available")``, ``search/backends/typos.py``):
  whether PostgreSQL has the trigram extension, checked once per process and database; cleared
  with the rest, it is simply checked again.

Everything here runs after the transaction commits (``on_commit``) as well, so that no reader
keeps what was read between the change and its commit. Apps announce changes that are not
model saves with their own signals: ``actions.signals.campaign_actions_changed`` (a
signature confirmed or deleted) and ``translations.signals.reader_notice_changed``.
"""

from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from actions.models import CampaignAction
from actions.signals import campaign_actions_changed
from campaigns.models import CampaignIndexPage, GlobalListingOffer
from consultations.models import Consultation
from consultations.selectors import public_paths
from consultations.signals import comments_changed
from core import lookups
from core.models import Method, PortalSettings, Region, Topic
from network.models import Endorsement
from spokespeople.models import Spokesperson
from translations.signals import reader_notice_changed

from . import dependents, purge

# What every page shows (menus, footers, listing filters, link previews).
SITE_WIDE_MODELS = (Topic, Region, Method, PortalSettings, Site)
# What the lookups read beyond pages.
LOOKUP_MODELS = (Locale, Site, PageViewRestriction, PortalSettings, Topic, Region, Method)

_moving = {}


# The lookups of pages: only what shows the pages changed (``caching.dependents``).


def renew_on_publish(sender, instance, revision=None, **kwargs):
    """A page published: what shows it, what it names now and what it named before."""
    dependents.renew_pages([instance], revision=revision, published=True)


def renew_on_unpublish(sender, instance, **kwargs):
    dependents.renew_pages([instance])


def renew_on_move(sender, instance, parent_page_before=None, **kwargs):
    """A page moved: it and its descendants have new paths (their routes, cards and links);
    the menu too where it left a home page."""
    if parent_page_before is not None and parent_page_before.depth < dependents.SITE_WIDE_DEPTH:
        lookups.bump()
        return
    dependents.renew_pages(list(instance.get_descendants(inclusive=True).specific()))


def renew_on_delete(sender, instance, **kwargs):
    """A page about to be deleted (read while it and what names it still can be); each of its
    descendants is deleted with it and sends its own signal."""
    if instance.depth > 1:
        dependents.renew_pages([instance])


# The page cache and the CDN.


def _purge_after_commit(paths):
    # After the commit, so that no reader can cache the old version in between.
    transaction.on_commit(lambda: purge.purge_paths(paths))


def _purge_pages(pages):
    if purge.enabled():
        _purge_after_commit(purge.paths_for_pages(pages))


def _purge_pages_alone(page_ids):
    """Pages whose own view changed without a publish, in every language, once committed."""
    if not purge.enabled():
        return
    pages = list(Page.objects.filter(pk__in=list(page_ids)))
    if pages:
        transaction.on_commit(lambda: purge.purge_pages_alone(pages))


def on_publish_or_unpublish(sender, instance, **kwargs):
    _purge_pages([instance])


def on_page_delete(sender, instance, **kwargs):
    # Before deletion, while the page and its ancestors can still be looked up.
    if isinstance(instance, Page) and instance.depth > 1:
        _purge_pages(list(instance.get_descendants(inclusive=True)))


def on_pre_move(sender, instance, **kwargs):
    if purge.enabled():
        _moving[instance.pk] = purge.paths_for_pages(list(instance.get_descendants(inclusive=True)))


def on_post_move(sender, instance, **kwargs):
    if not purge.enabled():
        return
    old = _moving.pop(instance.pk, set())
    pages = list(instance.get_descendants(inclusive=True))
    _purge_after_commit(old | purge.paths_for_pages(pages))


def on_settings_page_change(sender, instance, **kwargs):
    """A translation of a page the portal settings name published or unpublished: every footer
    links to the privacy notice, every form that collects personal data to the safety centre,
    each in the reader's language where translated."""
    if not purge.enabled():
        return
    key = instance.translation_key
    named = PortalSettings.objects.filter(
        Q(privacy_page__translation_key=key) | Q(safety_page__translation_key=key)
    )
    if named.exists():
        transaction.on_commit(purge.purge_all)


def on_site_wide_change(sender, **kwargs):
    if purge.enabled():
        transaction.on_commit(purge.purge_all)


def on_action_change(sender, instance, **kwargs):
    """An action saved or deleted: the lookups (its kept panels) and its campaign's pages."""
    lookups.bump()
    _purge_pages_alone([instance.campaign_id])


def on_endorsement_change(sender, instance, **kwargs):
    """An endorsement recorded, changed or withdrawn: the kept related markup that lists it
    (the lookups) and the pages that show it, the position's and the partner's."""
    lookups.bump()
    _purge_pages_alone([instance.page_id, instance.partner_id])
    _purge_after_commit(purge.endorsement_feed_paths())


def on_offer_change(sender, instance, **kwargs):
    """An affiliate's campaign offered to the global listing, accepted, declined or withdrawn:
    the kept listing ids (the lookups), and the global campaigns listing and feeds in every
    language with the campaign's own pages (whose cards and "by" line follow the decision)."""
    lookups.bump()
    if not purge.enabled():
        return
    indexes = list(CampaignIndexPage.objects.all())
    campaigns = list(Page.objects.filter(translation_key=instance.translation_key))
    _purge_pages([*indexes, *campaigns])


def on_spokesperson_change(sender, instance, **kwargs):
    """A spokesperson listed, edited or gone: the directory, in every language."""
    if purge.enabled():
        _purge_after_commit(purge.spokespeople_paths())


def on_campaign_actions_changed(sender, campaign_ids, **kwargs):
    """A count changed: pages served from the page cache show it from the next view on."""
    _purge_pages_alone(campaign_ids)


def on_reader_notice_changed(sender, page, **kwargs):
    """A translation no longer says it was made by machine: its kept notice and that page."""
    lookups.bump()
    if page is not None and purge.enabled():
        path = purge.page_path(page)
        if path:
            _purge_after_commit([path])


def _consultation_paths(consultation):
    """Every language's page of ``consultation`` (a translation shares its slug)."""
    versions = list(Consultation.objects.filter(translation_key=consultation.translation_key))
    return public_paths([*versions, consultation])


def on_consultation_change(sender, instance, **kwargs):
    """A consultation saved or deleted: its pages, its explainer (whose change log links it),
    and the consultation feeds; the explainer's kept change log is renewed by a new
    generation of the lookups."""
    lookups.bump()
    if not purge.enabled():
        return
    paths = _consultation_paths(instance) | set(purge.consultation_feed_paths())
    explainer = Page.objects.filter(pk=instance.explainer_id).first()
    if explainer is not None:
        paths |= {
            path
            for path in map(purge.page_path, explainer.get_translations(inclusive=True))
            if path
        }
    _purge_after_commit(paths)


def on_comments_changed(sender, consultation, **kwargs):
    """A comment approved or taken back: the consultation's pages, in every language."""
    if purge.enabled():
        _purge_after_commit(_consultation_paths(consultation))


def connect():
    """Connect every receiver above (``caching.apps``); each once, whatever calls it."""
    image = get_image_model()
    # The lookups: what they read changed.
    for model in (*LOOKUP_MODELS, image):
        post_save.connect(lookups.bump, sender=model, dispatch_uid=f"lookups_save_{model.__name__}")
        post_delete.connect(
            lookups.bump, sender=model, dispatch_uid=f"lookups_delete_{model.__name__}"
        )
    # Kept image markup names rendition files (core/images.py).
    post_delete.connect(
        lookups.bump, sender=image.get_rendition_model(), dispatch_uid="lookups_delete_rendition"
    )
    # Routes, related content, cards and listings follow the pages they show; menus and
    # language roots (the lookups generation) follow the pages near the root.
    page_published.connect(renew_on_publish, dispatch_uid="lookups_publish")
    page_unpublished.connect(renew_on_unpublish, dispatch_uid="lookups_unpublish")
    post_page_move.connect(renew_on_move, dispatch_uid="lookups_move")
    pre_delete.connect(renew_on_delete, sender=Page, dispatch_uid="lookups_page_delete")
    # The per-request memo of the lookups.
    request_started.connect(lookups.start_request, dispatch_uid="lookups_request_started")
    request_finished.connect(lookups.end_request, dispatch_uid="lookups_request_finished")

    # The page cache.
    page_published.connect(on_publish_or_unpublish, dispatch_uid="page_cache_publish")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="page_cache_unpublish")
    page_published.connect(on_settings_page_change, dispatch_uid="page_cache_settings_publish")
    page_unpublished.connect(on_settings_page_change, dispatch_uid="page_cache_settings_unpub")
    pre_delete.connect(on_page_delete, sender=Page, dispatch_uid="page_cache_delete")
    pre_page_move.connect(on_pre_move, dispatch_uid="page_cache_pre_move")
    post_page_move.connect(on_post_move, dispatch_uid="page_cache_post_move")
    for model in SITE_WIDE_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(
                on_site_wide_change, sender=model, dispatch_uid=f"page_cache_{model.__name__}"
            )

    # Actions: an edited action, a changed count.
    post_save.connect(on_action_change, sender=CampaignAction, dispatch_uid="kept_action")
    post_delete.connect(on_action_change, sender=CampaignAction, dispatch_uid="kept_action_del")
    campaign_actions_changed.connect(on_campaign_actions_changed, dispatch_uid="kept_counts")

    # The network: who stands behind a position or a campaign.
    post_save.connect(on_endorsement_change, sender=Endorsement, dispatch_uid="kept_endorsement")
    post_delete.connect(
        on_endorsement_change, sender=Endorsement, dispatch_uid="kept_endorsement_del"
    )

    # Spokespeople: the directory.
    post_save.connect(on_offer_change, sender=GlobalListingOffer, dispatch_uid="global_offer")
    post_delete.connect(on_offer_change, sender=GlobalListingOffer, dispatch_uid="global_offer_del")
    post_save.connect(on_spokesperson_change, sender=Spokesperson, dispatch_uid="spokespeople")
    post_delete.connect(
        on_spokesperson_change, sender=Spokesperson, dispatch_uid="spokespeople_delete"
    )

    # Consultations: a consultation edited, a comment approved or taken back.
    post_save.connect(on_consultation_change, sender=Consultation, dispatch_uid="consultation")
    post_delete.connect(
        on_consultation_change, sender=Consultation, dispatch_uid="consultation_delete"
    )
    comments_changed.connect(on_comments_changed, dispatch_uid="consultation_comments")

    # Translations: a reader notice.
    reader_notice_changed.connect(on_reader_notice_changed, dispatch_uid="kept_reader_notice")
