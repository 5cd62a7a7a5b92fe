"""A daily digest email to each translator about their languages' queues.

Run by the scheduler (``manage.py send_translation_digests``), say daily. Each active translator
with an address gets one plain-text message, in their preferred admin language (English when they
chose none the portal speaks), covering each language they translate into that has pages
waiting: how many (and how many are new since the last digest), the one waiting longest, and
the pages they have claimed. The message also gathers, under "Since your last digest", the
user's unread notices (``translations.notices``) of those languages written since the
language's previous digest, by kind: so reviewers get a digest too when translations wait for
their review. A user with nothing waiting and no new notice gets nothing. The message names no
other user.

A language's digest is sent at most once per ``PORTAL_TRANSLATION_DIGEST_HOURS`` (20): running the
command again the same day sends nothing, unless forced.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from . import notices
from .forms import STATE_LABELS
from .models import LocaleRole, TranslationDigest, TranslationNotice
from .selectors import queue

# The states in which a page waits for a translator (review is the reviewers' work).
WAITING = ["missing", "outdated", "in_progress"]


@dataclass
class LanguageQueue:
    """What one language's digest says, before it is put into a reader's language."""

    locale: Locale
    since: datetime.datetime | None  # the previous digest, if any
    rows: list  # waiting pages, oldest first
    claims: dict = field(default_factory=dict)  # username -> [row, ...]

    @property
    def waiting(self):
        return len(self.rows)

    @property
    def new(self):
        if self.since is None:
            return None
        return sum(1 for row in self.rows if (row["last_published_at"] or self.since) > self.since)


def send_digests(*, now=None, force=False):
    """Send the digests that are due. Returns the number of messages sent."""
    now = now or timezone.now()
    due = _due_locales(now, force=force)
    queues = {locale.pk: _language_queue(locale, previous) for locale, previous in due}
    news = _new_notices(due)
    sent = 0
    for user, locale_ids in _recipients(list(queues), list(news)):
        sections = [queues[pk] for pk in locale_ids if queues[pk].waiting]
        if sections or news.get(user.pk):
            _send(user, sections, news.get(user.pk, []))
            sent += 1
    for locale, _previous in due:
        TranslationDigest.objects.update_or_create(locale=locale, defaults={"sent_through": now})
    return sent


def _due_locales(now, *, force):
    hours = getattr(settings, "PORTAL_TRANSLATION_DIGEST_HOURS", 20)
    previous = dict(TranslationDigest.objects.values_list("locale_id", "sent_through"))
    due = []
    for locale in Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by(
        "language_code"
    ):
        last = previous.get(locale.pk)
        if force or last is None or now - last >= datetime.timedelta(hours=hours):
            due.append((locale, last))
    return due


def _language_queue(locale, since):
    rows = list(
        queue(locale)
        .filter(state__in=WAITING)
        .order_by(F("last_published_at").asc(nulls_last=True), "path")
        .values("title", "state", "last_published_at", "claimed_by")
    )
    language_queue = LanguageQueue(locale=locale, since=since, rows=rows)
    for row in rows:
        if row["claimed_by"]:
            language_queue.claims.setdefault(row["claimed_by"], []).append(row)
    return language_queue


def _new_notices(due):
    """``{user_id: [notice, ...]}``: unread notices of the due languages written since each
    language's previous digest, oldest first. One query."""
    if not due:
        return {}
    written = Q()
    for locale, previous in due:
        written |= Q(locale=locale, created_at__gt=previous) if previous else Q(locale=locale)
    found = {}
    for notice in (
        TranslationNotice.objects.filter(written, read_at__isnull=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("page", "locale")
        .order_by("created_at", "pk")
    ):
        found.setdefault(notice.user_id, []).append(notice)
    return found


def _recipients(locale_ids, notified_user_ids):
    """``(user, [locale_id, ...])`` for every active translator of these languages who has an
    address, and every user with new notices. Two queries, whatever the number of users."""
    User = get_user_model()
    languages = {}
    for user_pk, locale_id in (
        User.objects.filter(
            is_active=True,
            groups__locale_role__locale_id__in=locale_ids,
            groups__locale_role__role=LocaleRole.Role.TRANSLATOR,
        )
        .exclude(email="")
        .values_list("pk", "groups__locale_role__locale_id")
    ):
        languages.setdefault(user_pk, set()).add(locale_id)
    users = User.objects.filter(pk__in={*languages, *notified_user_ids}).select_related(
        "wagtail_userprofile"
    )
    return [(user, sorted(languages.get(user.pk, ()))) for user in users.order_by("pk")]


def reader_language(user):
    """The user's preferred admin language when the portal speaks it, else English."""
    profile = getattr(user, "wagtail_userprofile", None)
    preferred = (getattr(profile, "preferred_language", "") or "").lower()
    return preferred if preferred in dict(settings.LANGUAGES) else "en"


def _send(user, sections, new_notices):
    queue_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("translations:queue")
    username = user.get_username()
    with translation.override(reader_language(user)):
        context = {
            "name": user.get_short_name() or username,
            "waiting": sum(section.waiting for section in sections),
            "sections": [
                {
                    "language": str(
                        settings.PORTAL_LANGUAGE_LABELS.get(
                            section.locale.language_code, section.locale.get_display_name()
                        )
                    ),
                    "waiting": section.waiting,
                    "new": section.new,
                    "oldest": _item(section.rows[0]),
                    "claimed": [_item(row) for row in section.claims.get(username, [])],
                    "queue_url": f"{queue_url}?locale={section.locale.language_code}",
                }
                for section in sections
            ],
            "notices": _notice_groups(new_notices),
            "notice_count": len(new_notices),
        }
        subject = render_to_string("translations/email/digest_subject.txt", context)
        body = render_to_string("translations/email/digest_body.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    ).send()


def _item(row):
    return {
        "title": row["title"],
        "state": str(STATE_LABELS[row["state"]]),
        "since": row["last_published_at"],
    }


def _notice_groups(new_notices):
    """The notices by kind, in the order of ``TranslationNotice.Kind``, in the active language."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    groups = []
    for kind, label in TranslationNotice.Kind.choices:
        items = [
            {
                "title": notice.page.title,
                "text": notices.describe(notice),
                "url": base + reverse("wagtailadmin_pages:edit", args=[notice.page_id]),
            }
            for notice in new_notices
            if notice.kind == kind
        ]
        if items:
            groups.append({"label": str(label), "items": items})
    return groups
