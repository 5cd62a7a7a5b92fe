"""Translators submit a translated page to their language's review workflow.

wagtail-localize's translation editor saves each segment as a string translation; the page
itself changes only when someone presses "Publish in <language>", which translators may not do,
and its footer offers no workflow action. This adds the missing step: the translations are
written into a new draft revision of the translated page, and that revision is submitted to the
page's workflow (for French pages "French review", approved by the French reviewers, whose
approval publishes it). The button sits in the translation editor (see the template
``wagtail_localize/admin/edit_translation.html`` in this app).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation

from .admin_access import forbidden


class SubmissionError(Exception):
    """A translation that cannot be submitted for review; the message says why."""


def _translation_of(page):
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()


@transaction.atomic
def submit_for_review(*, user, page):
    """Save ``page``'s translations as a draft revision and submit it to the page's workflow.

    ``page`` is a page translated with wagtail-localize. Raises SubmissionError when the user may
    not edit it, it has no workflow, it is already awaiting review, or segments are untranslated.
    Returns the workflow state.
    """
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit():
        raise SubmissionError(_("You may not edit this page."))
    translation = _translation_of(page)
    if translation is None:
        raise SubmissionError(_("This page is not a synced translation."))
    if not permissions.can_submit_for_moderation():
        raise SubmissionError(_("This page has no review workflow, or is already in review."))
    missing = (
        translation.source.stringsegment_set.annotate_translation(translation.target_locale)
        .filter(translation__isnull=True)
        .count()
    )
    if missing:
        raise SubmissionError(
            ngettext(
                "%(count)d segment is not translated yet.",
                "%(count)d segments are not translated yet.",
                missing,
            )
            % {"count": missing}
        )
    try:
        translation.save_target(user=user, publish=False)
    except ValidationError as error:
        raise SubmissionError(" ".join(error.messages)) from None
    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    return page.get_workflow().start(page, user)


@require_POST
def submit_for_review_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        return forbidden(request)
    try:
        state = submit_for_review(user=request.user, page=page)
    except SubmissionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Submitted for review: %(workflow)s.") % {"workflow": state.workflow.name},
        )
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@hooks.register("register_admin_urls")
def register_submission_url():
    return [
        path(
            "translation-review/<int:page_id>/submit/",
            submit_for_review_view,
            name="translations_submit_for_review",
        )
    ]
