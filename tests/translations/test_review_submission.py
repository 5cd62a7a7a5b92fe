"""A translator submits a translated page to the language's review workflow
(translations/review_submission.py); a reviewer's approval publishes it."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from translations.review_submission import SubmissionError, submit_for_review
from translations.selectors import queue


def person(username, group):
    user = get_user_model().objects.create_user(username, password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def french(db):
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def draft(french, django_capture_on_commit_callbacks):
    """A new English campaign and its draft French translation, nothing translated yet."""
    english = CampaignPageFactory(
        parent=CampaignIndexPage.objects.get(locale__language_code="en"),
        title="Open data for every library",
        summary="Public libraries publish their catalogues openly.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(None, [french]).create_translations(english)
    page = Page.objects.get(translation_key=english.translation_key, locale=french).specific
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=french
    )
    return page, translation


def translate_everything(client, translation):
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    for segment in segments:
        response = client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            data=f"value=FR {segment.string.data}",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201)
    return len(segments)


def states(locale):
    return {row.translation_key: row.state for row in queue(locale)}


@pytest.mark.django_db
def test_untranslated_segments_block_the_submission(draft):
    page, _translation = draft
    translator = person("traducteur", "French translators")
    with pytest.raises(SubmissionError, match="not translated"):
        submit_for_review(user=translator, page=page)
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()


@pytest.mark.django_db
def test_submit_then_approve_publishes_the_translation(
    client, draft, french, django_capture_on_commit_callbacks
):
    page, translation = draft
    translator = person("traducteur", "French translators")
    client.force_login(translator)
    assert translate_everything(client, translation) >= 2
    assert states(french)[page.translation_key] == "in_progress"

    response = client.post(f"/admin/translation-review/{page.pk}/submit/")
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "French review"
    assert state.requested_by == translator
    revision = state.current_task_state.revision
    assert revision.as_object().title == "FR Open data for every library"
    assert states(french)[page.translation_key] == "awaiting_review"
    page.refresh_from_db()
    assert not page.live
    # A second submission while in review is refused, with a message.
    response = client.post(f"/admin/translation-review/{page.pk}/submit/", follow=True)
    assert "already in review" in response.content.decode()
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 1

    reviewer = person("relecteur", "French reviewers")
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[page.pk, "approve", state.current_task_state.pk],
            )
        )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page.refresh_from_db()
    assert page.live and page.title == "FR Open data for every library"
    public = client.get(page.url)
    assert public.status_code == 200
    assert "FR Public libraries publish their catalogues openly." in public.content.decode()


@pytest.mark.django_db
def test_only_people_who_may_edit_the_page_can_submit(client, draft):
    page, _translation = draft
    client.force_login(person("ru-translator", "Russian translators"))
    assert client.post(f"/admin/translation-review/{page.pk}/submit/").status_code == 403
    assert client.get(f"/admin/translation-review/{page.pk}/submit/").status_code == 405
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()
    with pytest.raises(SubmissionError):
        submit_for_review(user=person("other", "Russian translators"), page=page)


@pytest.mark.django_db
def test_a_page_that_is_not_a_translation_cannot_be_submitted(draft):
    page, _translation = draft
    editor = person("ed", "Editors")
    english = Page.objects.get(translation_key=page.translation_key, locale__language_code="en")
    with pytest.raises(SubmissionError, match="not a synced translation"):
        submit_for_review(user=editor, page=english.specific)


@pytest.mark.django_db
def test_string_translations_are_kept_per_locale(client, draft, french):
    page, translation = draft
    client.force_login(person("traducteur", "French translators"))
    count = translate_everything(client, translation)
    assert (
        StringTranslation.objects.filter(
            locale=french, context__object=translation.source.object
        ).count()
        == count
    )
