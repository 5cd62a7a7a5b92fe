"""The translator queue: every source page and its state in one language.

States, for a source page and a target language:
- missing: no page in that language yet;
- in progress: a translation exists but is not published, or has unpublished changes;
- awaiting review: the translation is in its language's review workflow, or it holds
  machine-translated segments, or previous translations kept as suggestions after the source
  changed, that no reviewer has gone over yet;
- outdated: the source was published again after the translation was last synchronised;
- done: the translation is live and up to date.

The state is computed in the database for every row (so filtering and sorting need no
per-row work); only the progress of the rows on screen is counted, in one more query. The
number of queries does not grow with the number of pages.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from campaigns.models import CampaignPage
from demand import selectors as demand_selectors

from .changes import NEEDS_REVIEW
from .models import CoordinatedLaunch, TranslationClaim, TranslationNotice, TranslationPlan
from .roles import is_editorial_staff, user_locale_roles

STATES = ["missing", "in_progress", "awaiting_review", "outdated", "done"]


def queue_queryset(locale):
    """Source pages annotated with their translation's state in ``locale``."""
    targets = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=locale)
    target_in_review = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("target_id"), CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
    )
    plans = TranslationPlan.objects.filter(translation_key=OuterRef("translation_key"))
    claims = TranslationClaim.objects.filter(
        translation_key=OuterRef("translation_key"), locale=locale
    )
    pending_launch = CoordinatedLaunch.objects.filter(
        translation_key=OuterRef("translation_key"), launched_at__isnull=True, locales=locale
    )
    return (
        Page.objects.filter(locale__language_code=settings.LANGUAGE_CODE, depth__gt=1)
        # Live pages, and pages waiting to go live with their translations.
        .filter(Q(live=True) | Exists(pending_launch))
        .annotate(
            target_id=Subquery(targets.values("pk")[:1]),
            target_live=Subquery(targets.values("live")[:1], output_field=BooleanField()),
            target_draft=Subquery(
                targets.values("has_unpublished_changes")[:1], output_field=BooleanField()
            ),
            in_review=Exists(target_in_review),
            source_id=Subquery(sources.values("pk")[:1]),
            synced_at=Subquery(sources.values("last_updated_at")[:1], output_field=DateTimeField()),
            has_translation=Exists(
                Translation.objects.filter(
                    source__object_id=OuterRef("translation_key"),
                    source__locale_id=OuterRef("locale_id"),
                    target_locale=locale,
                    enabled=True,
                )
            ),
            priority=Coalesce(Subquery(plans.values("priority")[:1]), Value(0)),
            due_date=Subquery(plans.values("due_date")[:1]),
            claimed_by=Subquery(claims.values("user__username")[:1]),
            claimed_at=Subquery(claims.values("claimed_at")[:1]),
            has_machine=Exists(
                StringTranslation.objects.filter(
                    Q(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)
                    | Q(tool_name=NEEDS_REVIEW),
                    locale=locale,
                    translation_of__segments__source__object_id=OuterRef("translation_key"),
                )
            ),
            live_campaign=Exists(CampaignPage.objects.filter(pk=OuterRef("pk"), status="live")),
        )
        .annotate(
            state=Case(
                When(target_id__isnull=True, then=Value("missing")),
                When(in_review=True, then=Value("awaiting_review")),
                When(Q(target_live=False) | Q(target_draft=True), then=Value("in_progress")),
                # Machine-filled segments count as reviewed only once a reviewer has read them.
                When(has_machine=True, then=Value("awaiting_review")),
                When(
                    has_translation=True,
                    synced_at__lt=F("last_published_at"),
                    then=Value("outdated"),
                ),
                default=Value("done"),
                output_field=CharField(),
            ),
            state_order=Case(
                *(When(state=state, then=Value(index)) for index, state in enumerate(STATES)),
                output_field=IntegerField(),
            ),
        )
        .select_related("content_type")
    )


ORDERS = ["default", "demand"]
DUE_SOON_DAYS = 14


def queue(locale, *, state=None, content_type_id=None, order="default"):
    """The queue for ``locale``, each row annotated with its readers' demand in that language
    over the last 30 days (``demand_views``: views of the translation; ``demand_fallback``:
    views of the original for want of one; ``demand``: both).

    The default order, in one query: the editors' priority (highest first); then items due
    within ``DUE_SOON_DAYS`` days or overdue; then live campaigns; then demand (most readers
    first); then the due date (soonest first, none last), the state and the tree.
    ``order="demand"`` puts demand first."""
    rows = queue_queryset(locale).annotate(
        demand_views=demand_selectors.demand_subquery(locale, "views"),
        demand_fallback=demand_selectors.demand_subquery(locale, "fallback_views"),
    )
    rows = rows.annotate(
        demand=F("demand_views") + F("demand_fallback"),
        due_soon=Case(
            When(due_date__lte=timezone.localdate() + timedelta(days=DUE_SOON_DAYS), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )
    if state in STATES:
        rows = rows.filter(state=state)
    if content_type_id:
        rows = rows.filter(content_type_id=content_type_id)
    ordering = [
        "-priority",
        "-due_soon",
        "-live_campaign",
        "-demand",
        F("due_date").asc(nulls_last=True),
        "state_order",
        "path",
    ]
    if order == "demand":
        ordering.insert(0, "-demand")
    return rows.order_by(*ordering)


def state_counts(locale):
    """``{state: count}`` for one language, in one query."""
    counts = dict.fromkeys(STATES, 0)
    for row in queue_queryset(locale).values("state").annotate(total=Count("pk")).order_by():
        counts[row["state"]] = row["total"]
    return counts


def progress(rows, locale):
    """``{translation_key: (translated, total, machine)}`` for the rows on screen. One query."""
    keys = [row.translation_key for row in rows]
    if not keys:
        return {}
    translated = StringTranslation.objects.filter(
        translation_of=OuterRef("string"), context=OuterRef("context"), locale=locale
    )
    figures = (
        StringSegment.objects.filter(
            source__object_id__in=keys, source__locale__language_code=settings.LANGUAGE_CODE
        )
        .annotate(
            done=Exists(translated),
            machine=Exists(
                translated.filter(Q(translation_type="machine") | Q(tool_name=NEEDS_REVIEW))
            ),
        )
        .values("source__object_id")
        .annotate(
            total=Count("pk"),
            translated=Count("pk", filter=Q(done=True)),
            by_machine=Count("pk", filter=Q(machine=True)),
        )
        .order_by()
    )
    return {
        row["source__object_id"]: (row["translated"], row["total"], row["by_machine"])
        for row in figures
    }


def visible_locales(user):
    """The languages whose queue ``user`` may see: their own, or all for editorial staff."""
    others = Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("language_code")
    if is_editorial_staff(user):
        return list(others)
    return list(others.filter(pk__in=user_locale_roles(user)))


def is_source(page):
    # page.locale is already loaded by the page's own context.
    return page.locale.language_code == settings.LANGUAGE_CODE


def is_translation(page):
    return page is not None and bool(getattr(page, "pk", None)) and not is_source(page)


def translation_status(page):
    """What readers of a translated page should know, in one query.

    ``outdated_since``: the source's publication date when it was published after this
    translation was last synchronised; ``machine_made``: whether machine-translated segments
    remain that no reviewer has gone over.
    """
    status = {"outdated_since": None, "machine_made": False}
    if not is_translation(page):
        return status
    synced = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
    ).values("last_updated_at")[:1]
    machine = StringTranslation.objects.filter(
        locale_id=page.locale_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        translation_of__segments__source__object_id=page.translation_key,
    )
    source = (
        Page.objects.filter(translation_key=page.translation_key)
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .annotate(synced_at=Subquery(synced), machine_made=Exists(machine))
        .values("last_published_at", "synced_at", "machine_made")
        .first()
    )
    if source:
        status["machine_made"] = source["machine_made"]
        published, synced_at = source["last_published_at"], source["synced_at"]
        if published and synced_at and published > synced_at:
            status["outdated_since"] = published
    return status


def own_pages_coverage(user):
    """For the source pages ``user`` owns: how many, and per other language how many are
    live there and how many have no translation at all. Two queries."""
    keys = list(
        Page.objects.filter(
            owner=user, locale__language_code=settings.LANGUAGE_CODE, depth__gt=2
        ).values_list("translation_key", flat=True)
    )
    rows = []
    if not keys:
        return {"total": 0, "rows": rows}
    found = {}
    for locale_id, live in (
        Page.objects.filter(translation_key__in=keys)
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .values_list("locale_id", "live")
    ):
        counts = found.setdefault(locale_id, [0, 0])
        counts[0] += 1
        counts[1] += int(live)
    for locale in Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by(
        "language_code"
    ):
        made, live = found.get(locale.pk, (0, 0))
        rows.append({"locale": locale, "live": live, "missing": len(keys) - made})
    return {"total": len(keys), "rows": rows}


def page_translation_states(page):
    """How ``page``'s translations stand, one row per language other than the source's:
    ``{"locale", "state", "percent", "target_id", "target_live", "outdated_since"}``, in the
    queue's terms (see the module docstring). Five queries, whatever the number of languages:
    the source page, the languages, the queue's per-language state for this one source page
    joined in a single UNION, and the translated segments of every language at once."""
    source = (
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .only("pk", "translation_key")
        .first()
    )
    locales = list(
        Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("language_code")
    )
    if source is None or not locales:
        return []
    fields = ["state", "target_id", "target_live", "synced_at", "last_published_at"]
    parts = [
        queue_queryset(locale)
        .filter(pk=source.pk)
        .annotate(for_locale=Value(locale.pk, output_field=IntegerField()))
        .values("for_locale", *fields)
        .order_by()
        for locale in locales
    ]
    found = {row["for_locale"]: row for row in parts[0].union(*parts[1:], all=True)}
    translated, total = _translated_segments(source.translation_key)
    rows = []
    for locale in locales:
        row = found.get(locale.pk)
        if row is None:  # the source is not live yet: nothing to translate from
            continue
        done = translated.get(locale.pk, 0)
        rows.append(
            {
                "locale": locale,
                "state": row["state"],
                "target_id": row["target_id"],
                "target_live": bool(row["target_live"]),
                "percent": round(100 * min(done, total) / total)
                if total and row["target_id"]
                else 0,
                "outdated_since": row["last_published_at"] if row["state"] == "outdated" else None,
            }
        )
    return rows


def _translated_segments(translation_key):
    """``({locale_id: translated segments}, segments in the source)``. Two queries."""
    segments = StringSegment.objects.filter(
        source__object_id=translation_key, source__locale__language_code=settings.LANGUAGE_CODE
    )
    counts = dict(
        StringTranslation.objects.filter(
            Exists(segments.filter(string=OuterRef("translation_of"), context=OuterRef("context")))
        )
        .values("locale_id")
        .annotate(done=Count("pk"))
        .values_list("locale_id", "done")
    )
    return counts, segments.count()


def unread_notices(user, *, limit=20):
    """``user``'s unread notices, newest first, with their page and language. One query."""
    return list(
        TranslationNotice.objects.filter(user=user, read_at__isnull=True)
        .select_related("page", "locale")
        .order_by("-created_at", "-pk")[:limit]
    )


def unread_notice_count(user):
    """How many unread notices ``user`` has. One query on an indexed column."""
    return TranslationNotice.objects.filter(user=user, read_at__isnull=True).count()
