"""Translation workflow operations: locale roles, claims and plans."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import translation

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from core import lookups

from . import changes
from .changes import NEEDS_REVIEW
from .models import LocaleRole, TranslationClaim, TranslationPlan
from .roles import can_work_on, is_editorial_staff, user_locale_roles
from .signals import reader_notice_changed

ROLE_PAGE_PERMISSIONS = {
    # Translators edit their language's pages and submit them for review; they cannot publish.
    LocaleRole.Role.TRANSLATOR: ["change_page"],
    # Reviewers approve (through the language's workflow) and publish them.
    LocaleRole.Role.REVIEWER: ["change_page", "publish_page"],
}


class ClaimError(Exception):
    """A claim that cannot be made or released; the message says why."""


def language_name(locale):
    with translation.override("en"):
        return str(settings.PORTAL_LANGUAGE_LABELS.get(locale.language_code, locale.language_code))


def _page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


@transaction.atomic
def ensure_locale_roles():
    """Create, for every language but the source, its translators' and reviewers' groups,
    their page permissions on that language's home page (so on nothing else), and a review
    workflow whose approvers are the language's reviewers. Idempotent."""
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    source = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    for locale in Locale.objects.exclude(pk=getattr(source, "pk", None)):
        name = language_name(locale)
        home = Page.objects.filter(locale=locale, depth=2).first()
        groups = {}
        for role in LocaleRole.Role.values:
            group, _created = Group.objects.get_or_create(name=f"{name} {role}s")
            LocaleRole.objects.update_or_create(locale=locale, role=role, defaults={"group": group})
            group.permissions.add(access_admin)
            groups[role] = group
            if home is not None:
                for codename in ROLE_PAGE_PERMISSIONS[role]:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=home, permission=_page_permission(codename)
                    )
        if home is not None:
            _ensure_review_workflow(name, home, groups[LocaleRole.Role.REVIEWER])


def _ensure_review_workflow(name, home, reviewers):
    workflow, _created = Workflow.objects.get_or_create(name=f"{name} review")
    task = GroupApprovalTask.objects.filter(name=f"{name} reviewers' approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"{name} reviewers' approval")
    task.groups.set([reviewers])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def claim(*, user, translation_key, locale):
    """Claim an item for ``user``. Raises ClaimError when someone else holds it."""
    if not can_work_on(user, locale):
        raise ClaimError("You do not translate into this language.")
    try:
        with transaction.atomic():
            return TranslationClaim.objects.create(
                user=user, translation_key=translation_key, locale=locale
            )
    except IntegrityError:
        existing = TranslationClaim.objects.select_related("user").get(
            translation_key=translation_key, locale=locale
        )
        if existing.user_id == user.pk:
            return existing
        raise ClaimError(f"Already claimed by {existing.user.get_username()}.") from None


def start_translation(*, user, translation_key, locale):
    """Start translating the source page ``translation_key`` into ``locale`` for ``user``: the
    draft translation wagtail-localize makes (as its "Translate this page" does), claimed for
    the user. Scoped by the portal's roles, not by wagtail-localize's global submit permission:
    a language's translators and reviewers start pages in their language only. Returns the
    translation (an existing one as it is). Raises ClaimError when the user does not work on
    the language, someone else holds the page, or there is no live source page."""
    claim(user=user, translation_key=translation_key, locale=locale)
    existing = Page.objects.filter(translation_key=translation_key, locale=locale).first()
    if existing is not None:
        return existing
    source = (
        Page.objects.filter(
            translation_key=translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .live()
        .first()
    )
    if source is None:
        raise ClaimError("There is no published source page to translate.")
    with transaction.atomic():
        TranslationCreator(user, [locale]).create_translations(
            source.specific, include_related_objects=False
        )
    return Page.objects.get(translation_key=translation_key, locale=locale)


def start_snippet_translation(*, user, instance, locale):
    """Start translating the source-language snippet ``instance`` into ``locale`` for ``user``:
    the translation wagtail-localize makes (as its "Translate" does), with the source text to
    translate in its editor. Scoped like pages (``start_translation``): a language's translators
    and reviewers start their language only, editorial staff any. Returns the translated
    instance (an existing one as it is). Raises ClaimError when the user does not work on the
    language, the language is the source, or ``instance`` is not in the source language."""
    source_id = lookups.source_locale_id()
    if not can_work_on(user, locale) or locale.pk == source_id:
        raise ClaimError("You do not translate into this language.")
    if instance.locale_id != source_id:
        raise ClaimError("Only the source-language version is translated.")
    existing = instance.get_translation_or_none(locale)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            TranslationCreator(user, [locale]).create_translations(
                instance, include_related_objects=False
            )
    except IntegrityError:
        pass  # started by someone else at the same moment: theirs is the one to open
    return instance.get_translation(locale)


def release(*, user, translation_key, locale):
    """Release a claim: its holder, a reviewer of the language or editorial staff may."""
    existing = TranslationClaim.objects.filter(
        translation_key=translation_key, locale=locale
    ).first()
    if existing is None:
        return
    roles = user_locale_roles(user).get(locale.pk, set())
    if existing.user_id != user.pk and "reviewer" not in roles and not is_editorial_staff(user):
        raise ClaimError("Only the translator who claimed it or a reviewer can release it.")
    existing.delete()


def set_plan(*, translation_key, priority, due_date=None):
    plan, _created = TranslationPlan.objects.update_or_create(
        translation_key=translation_key, defaults={"priority": priority, "due_date": due_date}
    )
    return plan


def mark_machine_segments_reviewed(*, user, translation_key, locale):
    """A reviewer has read the flagged segments of one translation (machine-made, or a previous
    translation kept as a suggestion): they count as reviewed.

    Returns how many segments were marked. Only the language's reviewers and editorial staff
    may do this.
    """
    roles = user_locale_roles(user).get(locale.pk, set())
    if "reviewer" not in roles and not is_editorial_staff(user):
        raise ClaimError("Only a reviewer of this language can mark machine translations reviewed.")
    flagged = StringTranslation.objects.filter(
        Q(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE) | Q(tool_name=NEEDS_REVIEW),
        locale=locale,
        translation_of__segments__source__object_id=translation_key,
    )
    marked = StringTranslation.objects.filter(
        pk__in=list(flagged.values_list("pk", flat=True))
    ).update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        tool_name="",
        last_translated_by=user,
    )
    if marked:
        _reader_notice_changed(translation_key, locale)
    return marked


def _reader_notice_changed(translation_key, locale):
    """The page no longer says it was made by machine: what keeps its notice renews it."""
    page = Page.objects.filter(translation_key=translation_key, locale=locale).first()
    reader_notice_changed.send(sender=Page, page=page)


def _reviewed_locale_ids(user):
    return {
        locale_id for locale_id, roles in user_locale_roles(user).items() if "reviewer" in roles
    }


def _translated_locales(translation_key):
    """The languages a source page is translated into (its enabled translations)."""
    return Locale.objects.filter(
        pk__in=Translation.objects.filter(
            source__object_id=translation_key,
            source__locale__language_code=settings.LANGUAGE_CODE,
            enabled=True,
        ).values("target_locale_id")
    ).order_by("language_code")


def sync_refusal(user, translation_key):
    """Why ``user`` may not synchronise the translations of a source page, or None if they may.

    Synchronising updates the source every language shares and saves a draft of each
    translation, so it is all or nothing: editorial staff may, and reviewers of every language
    the page is translated into. Syncing some languages only would update the shared source
    without carrying the other languages' previous translations over as suggestions.
    """
    if is_editorial_staff(user):
        return None
    reviewed = _reviewed_locale_ids(user)
    if not reviewed:
        return "Only reviewers and editors can synchronise translations."
    others = [
        locale for locale in _translated_locales(translation_key) if locale.pk not in reviewed
    ]
    if others:
        names = ", ".join(language_name(locale) for locale in others)
        return (
            f"Nothing was synchronised: this page is also translated into {names}, which you "
            "do not review. An editor can synchronise every language."
        )
    return None


def can_sync(user, *, translation_key=None):
    """Whether ``user`` may synchronise translations: of one source page when
    ``translation_key`` is given (see ``sync_refusal``), of some page otherwise."""
    if translation_key is not None:
        return sync_refusal(user, translation_key) is None
    return is_editorial_staff(user) or bool(_reviewed_locale_ids(user))


def sync_with_source(*, user, translation_key):
    """Synchronise every translation of a source page with its live version, if ``user`` holds
    every language it is translated into (editors hold all). Raises ClaimError otherwise.

    Returns ``{language code: suggestions kept}``.
    """
    with transaction.atomic():
        refusal = sync_refusal(user, translation_key)
        if refusal:
            raise ClaimError(refusal)
        return changes.sync_with_source(user=user, translation_key=translation_key)


def submit_subtree(*, user, page, locales):
    """Submit ``page`` and every page below it for translation into ``locales``, in one action.

    Pages already translated into a language are left alone (re-submitting would turn a
    reviewed translation back into a draft); the others get a draft translation each, parents
    before children. Returns ``{language code: pages submitted}``. Raises ClaimError if the user
    may not submit, or (outside editorial staff) not into one of ``locales``.
    """
    if not user.has_perm("wagtail_localize.submit_translation"):
        raise ClaimError("You may not submit pages for translation.")
    if not is_editorial_staff(user):
        # The permission granted to a language team reaches that team's languages only.
        held = user_locale_roles(user)
        if others := [locale for locale in locales if locale.pk not in held]:
            names = ", ".join(language_name(locale) for locale in others)
            raise ClaimError(f"Nothing was submitted: you do not work on {names}.")
    pages = list(Page.objects.filter(path__startswith=page.path).order_by("path").specific())
    existing = set(
        Page.objects.filter(
            translation_key__in=[item.translation_key for item in pages], locale__in=locales
        ).values_list("translation_key", "locale_id")
    )
    submitted = {}
    with transaction.atomic():
        for locale in locales:
            creator = TranslationCreator(user, [locale])
            count = 0
            for item in pages:
                if (item.translation_key, locale.pk) not in existing:
                    creator.create_translations(item, include_related_objects=False)
                    count += 1
            submitted[locale.language_code] = count
    return submitted
