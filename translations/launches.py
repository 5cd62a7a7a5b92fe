"""Coordinated launches: a source page goes live together with its translations.

An editor marks a source page to launch with a set of languages. From then on, publishing the
source page or one of those translations (from the page editor, the translation editor, a
workflow approval or the scheduler: every path ends in ``Page.publish``) is *held*: the
approved revision is recorded and the page stays as it was. When the source and every
language are approved, or already live and unchanged, the held revisions are published
together, source first.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.models import Locale, Page

from .models import CoordinatedLaunch, LaunchHold
from .roles import is_editorial_staff

# Set while a launch publishes its held revisions, so that those publishes are not held again.
_releasing = ContextVar("portal_launch_releasing", default=False)

STATE_LABELS = {
    "missing": _("not translated yet"),
    "waiting": _("waiting for approval"),
    "approved": _("approved, held for the launch"),
    "live": _("live and up to date"),
}
BLOCKING = {"missing", "waiting"}


class LaunchError(Exception):
    """A launch that cannot be set; the message says why."""


def _is_source(page):
    return page.locale.language_code == settings.LANGUAGE_CODE


def pending_launch(page):
    """The pending launch that ``page`` (a source page or a translation) takes part in."""
    launch = CoordinatedLaunch.objects.filter(
        translation_key=page.translation_key, launched_at__isnull=True
    ).first()
    if launch is None:
        return None
    if _is_source(page) or launch.locales.filter(pk=page.locale_id).exists():
        return launch
    return None


def hold(page, revision, *, user=None, skip_permission_checks=False):
    """Hold the publishing of ``revision`` if ``page`` waits for a launch. Returns True when
    held (the launch may then have gone out at once, if this was the last approval)."""
    if _releasing.get():
        return False
    launch = pending_launch(page)
    if launch is None:
        return False
    if user and not skip_permission_checks and not page.permissions_for_user(user).can_publish():
        raise PublishPagePermissionError("You do not have permission to publish this page.")
    LaunchHold.objects.update_or_create(
        launch=launch, page_id=page.pk, defaults={"revision": revision, "approved_by": user}
    )
    if not blocking(readiness([launch])[launch.translation_key]):
        release(launch)
    return True


@transaction.atomic
def release(launch):
    """Publish every held revision of ``launch``, source first, and close the launch."""
    token = _releasing.set(True)
    try:
        holds = sorted(
            launch.holds.select_related("revision", "page__locale", "approved_by"),
            key=lambda held: (not _is_source(held.page), held.page.path),
        )
        for held in holds:
            held.revision.publish(user=held.approved_by, skip_permission_checks=True)
        launch.holds.all().delete()
        launch.launched_at = timezone.now()
        launch.save(update_fields=["launched_at"])
    finally:
        _releasing.reset(token)
    return len(holds)


def readiness(launches):
    """``{translation_key: [(locale, state)]}`` for the source and each language of every
    launch, states as in STATE_LABELS. A fixed number of queries for any number of launches."""
    launches = list(launches)
    if not launches:
        return {}
    keys = [launch.translation_key for launch in launches]
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    pages = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys).only(
            "translation_key", "locale_id", "live", "has_unpublished_changes"
        )
    }
    held = set(LaunchHold.objects.filter(launch__in=launches).values_list("page_id", flat=True))
    result = {}
    for launch in launches:
        locales = sorted(launch.locales.all(), key=lambda locale: locale.language_code)
        states = []
        for locale in [source, *locales]:
            page = pages.get((launch.translation_key, locale.pk))
            if page is None:
                state = "missing"
            elif page.pk in held:
                state = "approved"
            elif page.live and not page.has_unpublished_changes:
                state = "live"
            else:
                state = "waiting"
            states.append((locale, state))
        result[launch.translation_key] = states
    return result


def blocking(states):
    return [(locale, state) for locale, state in states if state in BLOCKING]


def pending_launches(keys):
    """The pending launches among ``keys``, with their languages, in two queries."""
    return list(
        CoordinatedLaunch.objects.filter(
            translation_key__in=keys, launched_at__isnull=True
        ).prefetch_related("locales")
    )


@transaction.atomic
def set_launch(*, user, page, locales):
    """Mark source ``page`` to launch with ``locales``; no locales cancels a pending launch.

    Cancelling publishes nothing: the held revisions stay drafts that anyone allowed may
    publish. Returns the launch, or None when cancelled.
    """
    if not is_editorial_staff(user):
        raise LaunchError(_("Only editors and moderators can plan a launch."))
    if not _is_source(page):
        raise LaunchError(_("A launch is planned on the source-language page."))
    if not locales:
        CoordinatedLaunch.objects.filter(
            translation_key=page.translation_key, launched_at__isnull=True
        ).delete()
        return None
    launch, _created = CoordinatedLaunch.objects.update_or_create(
        translation_key=page.translation_key,
        defaults={"launched_at": None, "created_by": user},
    )
    launch.locales.set(locales)
    launch.holds.exclude(page__locale__in=[page.locale, *locales]).delete()
    # Dropping the language that held the launch back lets it go out now.
    if launch.holds.exists() and not blocking(readiness([launch])[launch.translation_key]):
        release(launch)
    return launch
