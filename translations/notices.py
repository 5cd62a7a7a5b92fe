"""Notices to the people of the translation workflow, in the admin and in their digest.

- outdated: the source of a page they translated was published again after the translation
  was last synchronised (the queue's "outdated");
- sent back: a reviewer requested changes on the translation they submitted, with the
  reviewer's comment (Wagtail keeps it on the task state, ``TaskState.comment``);
- awaiting review: a translation into their language waits for its reviewers.

Wagtail already emails the same workflow events (``wagtail.admin.mail``, to reviewers on
submission and to the submitter on rejection); these notices are not emailed one by one but
shown on the dashboard and gathered in the daily digest. Written by the services below, called
from the receivers in ``translations.receivers``. A notice is read when its user opens the page's
editor, marks it read, or (awaiting review) when a reviewer has acted on the page.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wagtail.models import Page, Revision
from wagtail_localize.models import Translation, TranslationSource

from .models import LocaleRole, TranslationNotice

Kind = TranslationNotice.Kind


def _language(code):
    return str(settings.PORTAL_LANGUAGE_LABELS.get(code, code))


def _notify(*, user_ids, kind, page_id, locale_id, comment="", now=None):
    """Give each of ``user_ids`` an unread notice of ``kind`` on one page: a new one, or their
    unread one brought up to date (one unread notice per user, kind and page). Three queries
    at most, whatever the number of users. Returns how many users were told."""
    user_ids = set(user_ids)
    if not user_ids:
        return 0
    now = now or timezone.now()
    unread = TranslationNotice.objects.filter(
        user_id__in=user_ids, kind=kind, page_id=page_id, read_at__isnull=True
    )
    existing = set(unread.values_list("user_id", flat=True))
    if existing:
        unread.update(comment=comment, created_at=now)
    TranslationNotice.objects.bulk_create(
        [
            TranslationNotice(
                user_id=user_id,
                kind=kind,
                page_id=page_id,
                locale_id=locale_id,
                comment=comment,
                created_at=now,
            )
            for user_id in sorted(user_ids - existing)
        ],
        ignore_conflicts=True,  # a notice written meanwhile by another process stands
    )
    return len(user_ids)


def notify_outdated(*, source):
    """``source``, a source-language page, was just published: each translation of it that was
    synchronised before this publication is outdated, and the language's translators who made a
    revision of it are told. Four queries at most, plus three per translated page told."""
    synced_at = (
        TranslationSource.objects.filter(
            object_id=source.translation_key, locale_id=source.locale_id
        )
        .values_list("last_updated_at", flat=True)
        .first()
    )
    published = source.last_published_at
    if synced_at is None or published is None or synced_at >= published:
        return 0
    targets = dict(
        Page.objects.filter(
            translation_key=source.translation_key,
            locale_id__in=Translation.objects.filter(
                source__object_id=source.translation_key,
                source__locale_id=source.locale_id,
                enabled=True,
            ).values("target_locale_id"),
        ).values_list("pk", "locale_id")
    )
    if not targets:
        return 0
    translators = (
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk in targets],
            user__is_active=True,
            user__groups__locale_role__role=LocaleRole.Role.TRANSLATOR,
        )
        .values_list("object_id", "user_id", "user__groups__locale_role__locale_id")
        .distinct()
    )
    told = {}
    for object_id, user_id, locale_id in translators:
        if targets.get(int(object_id)) == locale_id:  # their own language's page only
            told.setdefault(int(object_id), set()).add(user_id)
    return sum(
        _notify(
            user_ids=user_ids, kind=Kind.OUTDATED, page_id=pk, locale_id=targets[pk], now=published
        )
        for pk, user_ids in told.items()
    )


def _translated_page(workflow_state):
    """The translated page a workflow state is about, or None for a source-language page."""
    if workflow_state.base_content_type_id != ContentType.objects.get_for_model(Page).pk:
        return None
    page = (
        Page.objects.filter(pk=workflow_state.object_id)
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )
    return page


def notify_submitted(*, task_state, user=None):
    """A translated page entered its review task: its language's reviewers (but the one who
    submitted it) are told it waits for them; the submitter's "sent back" notice is done."""
    page = _translated_page(task_state.workflow_state)
    if page is None:
        return 0
    submitter = user.pk if user is not None else task_state.workflow_state.requested_by_id
    resolve(page_id=page.pk, kind=Kind.SENT_BACK)
    reviewers = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__locale_role__locale_id=page.locale_id,
            groups__locale_role__role=LocaleRole.Role.REVIEWER,
        )
        .exclude(pk=submitter)
        .values_list("pk", flat=True)
    )
    return _notify(
        user_ids=reviewers, kind=Kind.AWAITING_REVIEW, page_id=page.pk, locale_id=page.locale_id
    )


def notify_sent_back(*, task_state):
    """A reviewer requested changes: whoever submitted the translation is told, with the
    reviewer's comment; the page no longer waits for its reviewers."""
    workflow_state = task_state.workflow_state
    page = _translated_page(workflow_state)
    if page is None:
        return 0
    resolve(page_id=page.pk, kind=Kind.AWAITING_REVIEW)
    if workflow_state.requested_by_id is None:
        return 0
    return _notify(
        user_ids=[workflow_state.requested_by_id],
        kind=Kind.SENT_BACK,
        page_id=page.pk,
        locale_id=page.locale_id,
        comment=task_state.comment or "",
    )


def review_finished(*, task_state):
    """A reviewer approved the translation (or the review was cancelled): nobody waits."""
    page = _translated_page(task_state.workflow_state)
    if page is not None:
        resolve(page_id=page.pk, kind=Kind.AWAITING_REVIEW)


def resolve(*, page_id, kind):
    """Mark every unread notice of ``kind`` on one page read, for everyone."""
    return TranslationNotice.objects.filter(
        page_id=page_id, kind=kind, read_at__isnull=True
    ).update(read_at=timezone.now())


def mark_read(*, user, notice_id=None, page_id=None):
    """Mark ``user``'s own unread notices read: one notice, or all of one page's. Returns how
    many were marked (0 for another user's notice)."""
    notices = TranslationNotice.objects.filter(user=user, read_at__isnull=True)
    if notice_id is not None:
        notices = notices.filter(pk=notice_id)
    if page_id is not None:
        notices = notices.filter(page_id=page_id)
    return notices.update(read_at=timezone.now())


@transaction.atomic
def purge_read_notices(*, now=None):
    """Delete the notices read ``PORTAL_TRANSLATION_NOTICE_DAYS`` ago or more. Idempotent."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.PORTAL_TRANSLATION_NOTICE_DAYS)
    deleted, _by_model = TranslationNotice.objects.filter(read_at__lt=cutoff).delete()
    return deleted


def describe(notice):
    """What happened, in words, in the active language."""
    language = _language(notice.locale.language_code)
    if notice.kind == Kind.OUTDATED:
        return _(
            "The %(source)s original changed on %(date)s; your %(language)s translation is "
            "outdated."
        ) % {
            "source": _language(settings.LANGUAGE_CODE),
            "date": formats.date_format(timezone.localtime(notice.created_at), "DATE_FORMAT"),
            "language": language,
        }
    if notice.kind == Kind.SENT_BACK:
        if notice.comment:
            return _("Sent back by a reviewer: «%(comment)s»") % {"comment": notice.comment}
        return _("Sent back by a reviewer, without a comment.")
    return _("Waiting for your review since %(date)s.") % {
        "date": formats.date_format(timezone.localtime(notice.created_at), "DATE_FORMAT")
    }
