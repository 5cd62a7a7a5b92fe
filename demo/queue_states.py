"""The demo's French and Arabic translation queues, with a page in every state.

Everything goes through Wagtail's and the portal's own operations, so the states (and the
notices they give the demo accounts) are real: a translation deleted (missing), a draft saved
by the language's translator (in progress), one submitted to the language's review (awaiting
review, a notice to its reviewer), one sent back by the reviewer with a comment (a notice to the
translator), and one whose English source was published again after the translator's revision
was published (outdated, a notice to the translator). The other pages stay done. Safe to run
again: a page already in its state is left as it is.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test.utils import override_settings

from wagtail.models import Page, WorkflowState
from wagtail_localize.models import TranslationSource

# state: the story shown in that state in each language
STORIES = {
    "missing": "term-extension-late-alarm",
    "in_progress": "public-domain-day-festival",
    "awaiting_review": "reader-privacy-audit",
    "sent_back": "fact-check-radio-partnership",
    "outdated": "lift-block-litigation",
}
LANGUAGES = ["fr", "ar"]
# What the loader leaves untranslated, so that loading again does not translate it anew.
LEFT_UNTRANSLATED = {(STORIES["missing"], code) for code in LANGUAGES}
COMMENTS = {
    "fr": "Le titre et le premier paragraphe ne sont pas encore traduits.",
    "ar": "العنوان والفقرة الأولى لم يُترجما بعد.",
}


# Wagtail mails the workflow's people on each submission and send-back; the demo's accounts have
# made-up addresses, and ./bin/demo's console would fill with those messages.
@override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
def prepare_queue_states(*, write):
    write("Translation queues in every state (French and Arabic)")
    source = Page.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE, slug=STORIES["outdated"]
    ).first()
    outdated = []
    for code in LANGUAGES:
        translator, reviewer = _account(f"translator-{code}"), _account(f"reviewer-{code}")
        pages = _pages(code)
        if (page := pages.get("missing")) is not None:
            page.delete()
        if (page := pages.get("in_progress")) is not None and not page.has_unpublished_changes:
            page.save_revision(user=translator)
        if (page := pages.get("awaiting_review")) is not None and not _in_workflow(page):
            page.save_revision(user=translator)
            page.get_workflow().start(page, translator)
        if (page := pages.get("sent_back")) is not None and not _in_workflow(page):
            page.save_revision(user=translator)
            state = page.get_workflow().start(page, translator)
            state.current_task_state.specific.reject(user=reviewer, comment=COMMENTS[code])
        if (
            (page := pages.get("outdated")) is not None
            and source is not None
            and not _outdated(source)
        ):
            page.save_revision(user=translator).publish(user=reviewer)
            outdated.append(page)
    if outdated:
        # The English story changes after its translations were synchronised.
        source.specific.save_revision().publish()


def _account(username):
    return get_user_model().objects.filter(username=username).first()


def _pages(code):
    english = dict(
        Page.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, slug__in=STORIES.values()
        ).values_list("slug", "translation_key")
    )
    found = {
        page.translation_key: page
        for page in Page.objects.filter(
            locale__language_code=code, translation_key__in=english.values()
        ).specific()
    }
    return {
        state: found[english[slug]] for state, slug in STORIES.items() if english.get(slug) in found
    }


def _in_workflow(page):
    return WorkflowState.objects.filter(
        object_id=str(page.pk),
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
    ).exists()


def _outdated(source):
    synced = TranslationSource.objects.filter(
        object_id=source.translation_key, locale_id=source.locale_id
    ).values_list("last_updated_at", flat=True)
    return any(source.last_published_at and at < source.last_published_at for at in synced)
