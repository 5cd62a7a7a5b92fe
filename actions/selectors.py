"""Reads that need care: an action in the reader's language, its count, recent signers."""

import uuid

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.expressions import Window
from django.db.models.functions import Coalesce, RowNumber

from campaigns.models import CampaignPage
from core import lookups
from core.compiled import CompiledQuery

from .models import ActionTally, CampaignAction, Signature
from .tokens import matches


def _with_count(queryset):
    count = ActionTally.objects.filter(key=OuterRef("translation_key")).values("confirmed_count")
    return queryset.select_related("campaign", "locale").annotate(
        confirmed_count=Coalesce(Subquery(count[:1]), Value(0))
    )


# The campaign's page content, which an action panel never shows: not read for every action
# on every campaign page view (its JSON would be parsed for each action row).
_PANEL_DEFERRED = [
    f"campaign__{name}" for name in ("body", "milestones", "get_involved", "summary", "outcome")
]

_actions_for_page = CompiledQuery(
    # Each action in the page's language, or in the source language where it has no
    # translation into the page's. The page's locale is given twice (a placeholder is one
    # parameter of the SQL).
    lambda translation_key, locale_id, source_id, locale_id_again: (
        _with_count(
            CampaignAction.objects.filter(campaign__translation_key=translation_key).filter(
                Q(locale_id=locale_id)
                | Q(locale_id=source_id)
                & ~Exists(
                    CampaignAction.objects.filter(
                        translation_key=OuterRef("translation_key"), locale_id=locale_id_again
                    )
                )
            )
        )
        .defer(*_PANEL_DEFERRED)
        .order_by("pk")
    ),
    [uuid.UUID(int=7_340_021), -7_340_021, -7_340_022, -7_340_023],
)


def actions_for_page(page):
    """The actions of a campaign page, with their counts: each in the page's language, or, not
    translated yet, in the source language (shown with a notice, like an untranslated page).
    One query, compiled once per process (``core.compiled``): every campaign page view runs
    it. Kept on the page for the rest of the request (the take-action link and the panels
    both read it)."""
    found = page.__dict__.get("_portal_actions")
    if found is None:
        source_id = lookups.source_locale_id() or page.locale_id
        found = page.__dict__["_portal_actions"] = list(
            _actions_for_page.fetch(page.translation_key, page.locale_id, source_id, page.locale_id)
        )
    return found


def first_open_action(actions):
    """The action a "Take action" link leads to: the first that takes signatures."""
    return next((action for action in actions if action.accepts_signatures), None)


def get_action(public_id, language):
    """The action ``public_id`` in ``language`` where translated (else in the source language,
    else as found), with its count, or None. Only while its campaign page is live and public:
    the action of a draft, unpublished or view-restricted campaign is not served."""
    if not public_id or len(public_id) > 32:
        return None
    candidates = _with_count(CampaignAction.objects.filter(public_id=public_id))
    found = sorted(
        candidates,
        key=lambda action: (
            _language(action) != language,
            _language(action) != settings.LANGUAGE_CODE,
            action.pk,
        ),
    )
    if not found or public_campaign_page(found[0]) is None:
        return None
    return found[0]


def action_in_language(action, language):
    if _language(action) == language:
        return action
    return (
        CampaignAction.objects.filter(
            translation_key=action.translation_key, locale__language_code=language
        )
        .select_related("campaign", "locale")
        .first()
        or action
    )


def action_for_tally(tally_id, language):
    """The action a tally counts for, in ``language`` where translated; None when deleted."""
    key = ActionTally.objects.filter(pk=tally_id).values("key")
    candidates = _with_count(
        CampaignAction.objects.filter(translation_key__in=key).filter(
            Q(locale__language_code=language) | Q(locale__language_code=settings.LANGUAGE_CODE)
        )
    )
    found = sorted(candidates, key=lambda action: _language(action) != language)
    return found[0] if found else None


def _language(action):
    return action.locale.language_code


def campaign_page_for(action):
    """The live campaign page in the action's language, falling back to the linked page."""
    return public_campaign_page(action, public_only=False) or action.campaign


def public_campaign_page(action, *, public_only=True):
    """The page the action is shown on: the live campaign page in the action's language, else
    the live linked page; None when neither is live, or (``public_only``) when that page is
    view-restricted (a password or a group). Kept on the action for the request."""
    if "_portal_campaign_page" not in action.__dict__:
        campaign = action.campaign
        page = (
            CampaignPage.objects.live()
            .filter(translation_key=campaign.translation_key, locale_id=action.locale_id)
            .first()
        )
        if page is None and campaign.live:
            page = campaign
        action.__dict__["_portal_campaign_page"] = page
    page = action.__dict__["_portal_campaign_page"]
    if page is not None and public_only and lookups.is_restricted(page):
        return None
    return page


def recent_signers(actions):
    """``{action.pk: [signature, …]}``: the latest confirmed signers of the actions that show
    them (first name and country only). One query for all the actions, none when none do."""
    showing = {action.translation_key: action for action in actions if action.shows_recent_signers}
    if not showing:
        return {}
    limit = settings.PORTAL_ACTIONS_RECENT_SIGNERS
    ranked = (
        Signature.objects.filter(tally__key__in=showing, confirmed_at__isnull=False)
        .exclude(name="", country="")
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("tally_id")], order_by=F("confirmed_at").desc()
            ),
            action_key=F("tally__key"),
        )
        .filter(rank__lte=limit)
        .only("name", "country", "confirmed_at", "tally_id")
        .order_by("tally_id", "rank")
    )
    by_action = {}
    for signature in ranked:
        action = showing[signature.action_key]
        if not action.collects_name:
            signature.name = ""
        if not action.collects_country:
            signature.country = ""
        by_action.setdefault(action.pk, []).append(signature)
    return by_action


def signatures_for_link(signature_ids, digest):
    """The signatures a data link names that still exist and belong to its address."""
    found = Signature.objects.filter(pk__in=signature_ids).select_related("tally").order_by("pk")
    return [signature for signature in found if matches(signature, digest)]


def export_actions():
    """One row per action (in the source language where it exists), with counts."""
    actions = _with_count(CampaignAction.objects.all()).order_by("pk")
    by_key = {}
    for action in actions:
        current = by_key.get(action.translation_key)
        if current is None or action.locale.language_code == settings.LANGUAGE_CODE:
            by_key[action.translation_key] = action
    tallies = dict(ActionTally.objects.filter(key__in=by_key).values_list("key", "pk"))
    for key, action in by_key.items():
        action.tally_id = tallies.get(key)
    return list(by_key.values())


def export_signatures(tally_id):
    return (
        Signature.objects.filter(tally_id=tally_id, confirmed_at__isnull=False)
        .order_by("confirmed_at", "pk")
        .iterator(chunk_size=2000)
    )


def campaign_actions_by_language(page):
    """For a campaign's editor: the source-language actions of the campaign ``page`` (in any
    of its languages), each with ``{locale_id: action}`` of its translations. Two queries."""
    source_id = lookups.source_locale_id() or page.locale_id
    actions = list(
        CampaignAction.objects.filter(
            campaign__translation_key=page.translation_key, locale_id=source_id
        ).order_by("pk")
    )
    translations = {}
    for action in CampaignAction.objects.filter(
        translation_key__in=[action.translation_key for action in actions]
    ).exclude(locale_id=source_id):
        translations.setdefault(action.translation_key, {})[action.locale_id] = action
    return [(action, translations.get(action.translation_key, {})) for action in actions]


def source_campaign(page):
    """The source-language version of a campaign page (the page itself when it is)."""
    source_id = lookups.source_locale_id() or page.locale_id
    if page.locale_id == source_id:
        return page
    return CampaignPage.objects.filter(
        translation_key=page.translation_key, locale_id=source_id
    ).first()
