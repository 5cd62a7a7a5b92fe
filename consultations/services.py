"""Writing: a reader's comment, a moderator's decision, the purge of comments not needed."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .models import CommentState, Consultation, ConsultationComment
from .selectors import moderation_languages
from .signals import comments_changed


class ConsultationClosed(Exception):
    """The consultation is not open for comment (not yet, or no longer)."""


class UnknownSection(Exception):
    """The comment names a section the proposal does not have."""


def retention_days() -> int:
    return getattr(settings, "PORTAL_CONSULTATION_COMMENT_RETENTION_DAYS", 30)


def submit_comment(
    *,
    consultation: Consultation,
    section_anchor: str,
    body: str,
    display_name: str,
    language: str,
) -> ConsultationComment:
    """A reader's comment on one section, pending until a moderator approves it."""
    if not consultation.is_open:
        raise ConsultationClosed
    if section_anchor not in consultation.section_anchors():
        raise UnknownSection
    return ConsultationComment.objects.create(
        consultation=consultation,
        section_anchor=section_anchor,
        body=body.strip(),
        display_name=display_name.strip(),
        language=language,
    )


def can_moderate(user, language: str | None = None) -> bool:
    """Whether ``user`` may moderate comments in ``language`` (None: in any language at
    all): the Moderators every language, a language's reviewers their own."""
    languages = moderation_languages(user)
    if languages is None:
        return True
    return language in languages if language is not None else bool(languages)


def moderate(*, comment: ConsultationComment, state: str, user) -> ConsultationComment:
    """Approve or reject ``comment``; only the Moderators, or the reviewers of the comment's
    language, may."""
    if not can_moderate(user, comment.language):
        raise PermissionDenied
    if state not in (CommentState.APPROVED, CommentState.REJECTED):
        raise ValueError(state)
    was_public = comment.state == CommentState.APPROVED
    with transaction.atomic():
        comment.state = state
        comment.moderated_at = timezone.now()
        comment.save(update_fields=["state", "moderated_at"])
        if was_public or state == CommentState.APPROVED:
            comments_changed.send(sender=ConsultationComment, consultation=comment.consultation)
    return comment


def purge_comments(*, today: datetime.date | None = None) -> int:
    """Delete what is no longer needed: rejected comments moderated more than
    ``retention_days()`` ago, and comments never moderated on consultations closed that
    long ago. Published comments stay with their consultation."""
    today = today or timezone.localdate()
    cutoff_day = today - datetime.timedelta(days=retention_days())
    cutoff = timezone.make_aware(
        datetime.datetime.combine(cutoff_day, datetime.time.min), datetime.UTC
    )
    rejected = ConsultationComment.objects.filter(
        state=CommentState.REJECTED, moderated_at__lt=cutoff
    )
    stale = ConsultationComment.objects.filter(
        state=CommentState.PENDING, consultation__closes_on__lt=cutoff_day
    )
    deleted = rejected.delete()[0] + stale.delete()[0]
    return deleted
