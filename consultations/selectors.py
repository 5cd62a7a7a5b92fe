"""Reading consultations: the one a reader asked for, the comparison with the current text,
the published comments, the change log entries and the feeds."""

import datetime

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation

from explainers.models import PolicyExplainerPage

from . import display
from .diff import compare_sections
from .models import CommentState, Consultation, ConsultationComment


def for_reader(slug, locale):
    """``(consultation, shown_in_source)``: the consultation at ``slug`` in the reader's
    locale, or its source-language version where it is not translated (core's rule for
    untranslated pages); ``(None, False)`` when none has opened."""
    today = timezone.localdate()
    found = list(
        Consultation.objects.select_related("locale")
        .filter(slug=slug, opens_on__lte=today)
        .filter(Q(locale=locale) | Q(locale__language_code=settings.LANGUAGE_CODE))
    )
    own = next((item for item in found if item.locale_id == locale.pk), None)
    if own is not None:
        return own, False
    return (found[0], True) if found else (None, False)


def explainer_for(consultation):
    """The live explainer in the consultation's language, else the one it was opened on."""
    explainer = consultation.explainer
    if explainer.locale_id == consultation.locale_id and explainer.live:
        return explainer
    translated = (
        PolicyExplainerPage.objects.live()
        .filter(translation_key=explainer.translation_key, locale_id=consultation.locale_id)
        .first()
    )
    return translated or explainer


def approved_comments(consultation):
    """The published comments on every version of the consultation, oldest first."""
    return list(
        ConsultationComment.objects.filter(
            consultation__translation_key=consultation.translation_key,
            state=CommentState.APPROVED,
        ).order_by("created_at", "pk")
    )


def comparison(consultation, explainer):
    """The sections of the proposal beside the explainer's, each with its comments."""
    current = [block.value for block in explainer.body if block.block_type == "section"]
    proposed = [block.value for block in consultation.proposed_body]
    diffs = compare_sections(current, proposed)
    by_anchor = {diff.anchor: diff for diff in diffs}
    for comment in approved_comments(consultation):
        diff = by_anchor.get(comment.section_anchor)
        if diff is not None:
            diff.comments.append(display.labelled(comment))
    return diffs


def public_url(consultation, language_code):
    with translation.override(language_code):
        return reverse("consultations:detail", kwargs={"slug": consultation.slug})


def public_paths(consultations):
    """Every address showing one of ``consultations``: each in every language (a language
    without a translation shows the source), with its queries."""
    return {
        public_url(consultation, code)
        for consultation in consultations
        for code, _name in settings.LANGUAGES
    }


def open_consultations(locale, *, today=None, limit=20):
    """Consultations open for comment in ``locale``, the newest first (the feeds)."""
    today = today or timezone.localdate()
    return list(
        Consultation.objects.select_related("locale")
        .filter(locale=locale, opens_on__lte=today, closes_on__gte=today)
        .order_by("-opens_on", "-pk")[:limit]
    )


def change_log_entries(page):
    """For the explainer's change log (``explainers.selectors.change_log``): its closed
    consultations with a published summary, in the page's language where translated."""
    today = timezone.localdate()
    found = (
        Consultation.objects.filter(
            explainer__translation_key=page.translation_key, closes_on__lt=today
        )
        .exclude(summary="")
        .filter(Q(locale_id=page.locale_id) | Q(locale__language_code=settings.LANGUAGE_CODE))
        .select_related("locale")
    )
    chosen = {}
    for consultation in found:
        key = consultation.translation_key
        if key not in chosen or consultation.locale_id == page.locale_id:
            chosen[key] = consultation
    language = page.locale.language_code
    return [
        {
            "date": timezone.make_aware(
                datetime.datetime.combine(consultation.closes_on, datetime.time.min), datetime.UTC
            ),
            "note": consultation.summary,
            "url": public_url(consultation, language),
            "link_text": consultation.title,
            "lang": consultation.locale.language_code,
        }
        for consultation in chosen.values()
    ]


MODERATE_PERMISSION = "consultations.moderate_comments"


def moderation_languages(user):
    """The languages of the comments ``user`` may moderate: None for every language (the
    Moderators, who hold the permission, and superusers); else those of the "<Language>
    reviewers" groups they are in (``translations.LocaleRole``, read through the app registry:
    the translation workflow sits above consultations), which may be none."""
    if user is None or not user.is_active:
        return frozenset()
    if user.has_perm(MODERATE_PERMISSION):
        return None
    locale_role = apps.get_model("translations", "LocaleRole")
    return frozenset(
        locale_role.objects.filter(group__user=user, role="reviewer").values_list(
            "locale__language_code", flat=True
        )
    )


def queue(translation_key, *, state="", language="", languages=None):
    """A consultation's comments for moderators, the oldest pending first; only those in
    ``languages`` when given (a language's reviewers)."""
    comments = ConsultationComment.objects.filter(
        consultation__translation_key=translation_key
    ).select_related("consultation")
    if languages is not None:
        comments = comments.filter(language__in=languages)
    if state:
        comments = comments.filter(state=state)
    if language:
        comments = comments.filter(language=language)
    return comments.order_by("created_at", "pk")


def consultations_for_moderation(languages=None):
    """One row per consultation (its source-language version where it has one) with its
    count of pending comments (in ``languages`` only, when given)."""
    waiting = ConsultationComment.objects.filter(state=CommentState.PENDING)
    if languages is not None:
        waiting = waiting.filter(language__in=languages)
    pending = dict(
        waiting.values("consultation__translation_key")
        .annotate(count=Count("pk"))
        .values_list("consultation__translation_key", "count")
    )
    rows = {}
    for consultation in Consultation.objects.select_related("locale").order_by("-opens_on", "pk"):
        key = consultation.translation_key
        if key not in rows or consultation.locale.language_code == settings.LANGUAGE_CODE:
            rows[key] = consultation
    return [(consultation, pending.get(key, 0)) for key, consultation in rows.items()]
