"""Reads: who stands behind a position or a campaign, and behind what a partner stands.

A version of a position is what its public change log shows: its text (position summary, body,
key asks) and the change note it was published with. An endorsement is of the current version
while the revision it names has the same text and change note as the live one (a corrected
title or a new listing image, published under the same note, is not a new version), else of an
earlier version, dated by that revision.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Min

from wagtail.models import Page, PageLogEntry, Revision

from . import tokens
from .models import Endorsement, EndorsementRequest

# What makes a version: an endorsement stays current while these are unchanged.
POSITION_FIELDS = ("position_summary", "body", "key_asks", "change_note")


@dataclass
class Endorser:
    name: str
    partner: Page | None  # the partner's live page in the reader's language, if any
    endorsed_at: datetime
    statement: str = ""
    withdrawn_at: datetime | None = None
    version_date: datetime | None = None  # of the endorsed revision, when it is an earlier one


@dataclass
class Standing:
    """Who stands behind one position or campaign, for a reader of one language."""

    current: list = field(default_factory=list)
    earlier: list = field(default_factory=list)
    withdrawn: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.current) + len(self.earlier)

    @property
    def earlier_count(self):
        return len(self.earlier)


def source_page(page):
    """The page a translation group was written in first (the oldest of the group)."""
    first = (
        Page.objects.filter(translation_key=page.translation_key)
        .aggregate(first=Min("pk"))
        .get("first")
    )
    return page if first in (None, page.pk) else Page.objects.get(pk=first)


def _position(content):
    return tuple((content or {}).get(name) for name in POSITION_FIELDS)


def _partner_pages(partner_ids, locale):
    """Each partner page id -> (name, page): the partner's live page in the reader's language
    where there is one, else its name alone."""
    partners = list(Page.objects.filter(pk__in=partner_ids).only("pk", "translation_key", "title"))
    keys = {partner.translation_key for partner in partners}
    translated = {
        page.translation_key: page
        for page in Page.objects.live().public().filter(translation_key__in=keys, locale=locale)
    }
    found = {}
    for partner in partners:
        shown = translated.get(partner.translation_key)
        found[partner.pk] = (shown.title, shown) if shown is not None else (partner.title, None)
    return found


def _versions(source, rows):
    """``(dates, changed)``: each endorsed revision's publication date, and which of them are
    of an earlier version than the live one."""
    live = _position(
        Revision.objects.filter(pk=source.live_revision_id)
        .values_list("content", flat=True)
        .first()
    )
    endorsed = {row.revision_id for row in rows if row.revision_id}
    # Each version is dated as the change log dates it: by its publication.
    dates = dict(Revision.objects.filter(pk__in=endorsed).values_list("pk", "created_at"))
    dates.update(
        PageLogEntry.objects.filter(revision_id__in=endorsed, action="wagtail.publish")
        .order_by("timestamp")
        .values_list("revision_id", "timestamp")
    )
    changed = {
        pk
        for pk, content in Revision.objects.filter(pk__in=endorsed).values_list("pk", "content")
        if _position(content) != live
    }
    return dates, changed


def earlier_endorsements(page):
    """The standing endorsements of an earlier version of ``page``'s position."""
    source = source_page(page)
    rows = list(
        Endorsement.objects.filter(
            page=source, kind=Endorsement.Kind.ENDORSEMENT, withdrawn_at__isnull=True
        ).select_related("page", "partner")
    )
    _dates, changed = _versions(source, rows)
    return [row for row in rows if row.revision_id in changed]


def standing(page):
    """Who stands behind ``page`` (a policy explainer or a campaign, in any language): the
    endorsements of its source page, names in ``page``'s language."""
    source = source_page(page)
    rows = list(Endorsement.objects.filter(page=source).order_by("endorsed_at", "pk"))
    result = Standing()
    if not rows:
        return result
    names = _partner_pages({row.partner_id for row in rows}, page.locale)
    revisions, changed = _versions(source, rows)
    for row in rows:
        name, partner = names[row.partner_id]
        endorser = Endorser(
            name=name,
            partner=partner,
            endorsed_at=row.endorsed_at,
            statement=row.statement,
            withdrawn_at=row.withdrawn_at,
        )
        if row.withdrawn_at:
            result.withdrawn.append(endorser)
        elif row.kind == Endorsement.Kind.ENDORSEMENT and row.revision_id in changed:
            endorser.version_date = revisions[row.revision_id]
            result.earlier.append(endorser)
        else:
            result.current.append(endorser)
    return result


def partner_positions(partner):
    """What a partner (any translation of it) stands behind, in its page's language where
    translated: ``[(page, endorsement)]``, standing first, newest first."""
    partner_ids = Page.objects.filter(translation_key=partner.translation_key).values("pk")
    rows = list(
        Endorsement.objects.filter(partner_id__in=partner_ids).order_by(
            "withdrawn_at", "-endorsed_at"
        )
    )
    keys = dict(
        Page.objects.filter(pk__in={row.page_id for row in rows}).values_list(
            "pk", "translation_key"
        )
    )
    pages = Page.objects.live().public().filter(translation_key__in=set(keys.values()))
    in_language, originals = {}, {}
    for page in pages.filter(locale_id=partner.locale_id) | pages.filter(pk__in=keys):
        if page.locale_id == partner.locale_id:
            in_language[page.translation_key] = page
        if page.pk in keys:
            originals[page.pk] = page
    positions = []
    for row in rows:
        page = in_language.get(keys[row.page_id]) or originals.get(row.page_id)
        if page is not None:
            positions.append((page, row))
    return positions


def endorsable_page(page_id, language):
    """The live, public policy explainer or campaign ``page_id`` in ``language`` (or the page
    itself where it is not translated), or None."""
    page = (
        Page.objects.live()
        .public()
        .filter(
            pk=page_id,
            content_type__app_label__in=("explainers", "campaigns"),
            content_type__model__in=("policyexplainerpage", "campaignpage"),
        )
        .first()
    )
    if page is None:
        return None
    translated = (
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .first()
    )
    return (translated or page).specific


def request_for_link(request_id, digest):
    found = EndorsementRequest.objects.filter(pk=request_id).select_related("page").first()
    if found is None or not tokens.matches(found.contact_email, digest):
        return None
    return found


def endorsement_for_link(endorsement_id, digest):
    found = (
        Endorsement.objects.filter(pk=endorsement_id, withdrawn_at__isnull=True)
        .select_related("page", "partner")
        .first()
    )
    if found is None or not tokens.matches(found.contact_email, digest):
        return None
    return found


@dataclass
class Change:
    """An endorsement given or withdrawn, as the network's feed tells it."""

    partner: str
    page_title: str
    page_url: str
    kind: str
    statement: str
    at: datetime
    withdrawn: bool


def recent_changes(locale, *, limit=50):
    """The latest endorsements and withdrawals, newest first, named in ``locale``'s language
    where the partner and the page are translated (else as written). Three queries."""
    endorsements = list(
        Endorsement.objects.select_related("partner", "page").order_by("-endorsed_at")[: limit * 2]
    )
    keys = {e.partner.translation_key for e in endorsements} | {
        e.page.translation_key for e in endorsements
    }
    translated = {
        page.translation_key: page
        for page in Page.objects.live().filter(translation_key__in=keys, locale=locale)
    }
    changes = []
    for endorsement in endorsements:
        partner = translated.get(endorsement.partner.translation_key, endorsement.partner)
        page = translated.get(endorsement.page.translation_key, endorsement.page)
        moments = [(endorsement.endorsed_at, False)]
        if endorsement.withdrawn_at:
            moments.append((endorsement.withdrawn_at, True))
        for at, withdrawn in moments:
            changes.append(
                Change(
                    partner=partner.title,
                    page_title=page.title,
                    page_url=page.url or "",
                    kind=endorsement.kind,
                    statement="" if withdrawn else endorsement.statement,
                    at=at,
                    withdrawn=withdrawn,
                )
            )
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes[:limit]
