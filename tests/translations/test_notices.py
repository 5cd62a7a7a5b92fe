"""Notices to translators and reviewers (translations/notices.py), written by the real
workflow: a source published again, a review requested, changes requested, an approval."""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page, WorkflowState

from translations import notices
from translations.models import TranslationNotice

Kind = TranslationNotice.Kind


def person(username, *groups):
    user = get_user_model().objects.create_user(username, password="x" * 16)
    for group in groups:
        user.groups.add(Group.objects.get(name=group))
    return user


def page_in(code, slug="freedom-of-panorama"):
    return Page.objects.get(locale__language_code=code, slug=slug).specific


def unread(user, kind=None):
    found = TranslationNotice.objects.filter(user=user, read_at__isnull=True)
    return found.filter(kind=kind) if kind else found


def publish_source(slug="freedom-of-panorama"):
    english = page_in("en", slug)
    english.summary = "A changed summary."
    english.save_revision().publish()
    return english


@pytest.fixture
def team(db):
    return {
        "fr": person("traductrice", "French translators"),
        "fr_idle": person("traducteur-oisif", "French translators"),
        "fr_reviewer": person("relectrice", "French reviewers"),
        "fr_reviewer_2": person("relecteur", "French reviewers"),
        "ar": person("mutarjim", "Arabic translators"),
        "ar_reviewer": person("muraji", "Arabic reviewers"),
        "ru": person("perevodchik", "Russian translators"),
    }


@pytest.mark.django_db
def test_publishing_the_source_tells_the_translators_of_the_translation(team):
    french = page_in("fr")
    french.save_revision(user=team["fr"])
    # The Arabic translator's revision of the French page does not make it theirs.
    french.save_revision(user=team["ar"])
    page_in("ar").save_revision(user=team["ar"])
    publish_source()
    [notice] = unread(team["fr"])
    assert (notice.kind, notice.page_id, notice.locale.language_code) == (
        Kind.OUTDATED,
        french.pk,
        "fr",
    )
    assert "outdated" in notices.describe(notice)
    assert not unread(team["fr_idle"]).exists()
    # The Arabic translator is told about the Arabic translation only.
    [arabic] = unread(team["ar"])
    assert arabic.page_id == page_in("ar").pk
    assert not unread(team["ru"]).exists()


@pytest.mark.django_db
def test_one_unread_notice_per_user_kind_and_page(team):
    page_in("fr").save_revision(user=team["fr"])
    publish_source()
    first = unread(team["fr"]).get()
    publish_source()
    again = unread(team["fr"]).get()
    assert again.pk == first.pk and again.created_at >= first.created_at
    notices.mark_read(user=team["fr"], notice_id=first.pk)
    publish_source()
    assert unread(team["fr"]).count() == 1
    assert TranslationNotice.objects.filter(user=team["fr"]).count() == 2


@pytest.mark.django_db
def test_submission_tells_the_reviewers_of_that_language_only(team):
    french = page_in("fr")
    french.save_revision(user=team["fr"])
    french.get_workflow().start(french, team["fr"])
    for reviewer in ("fr_reviewer", "fr_reviewer_2"):
        [notice] = unread(team[reviewer])
        assert (notice.kind, notice.page_id) == (Kind.AWAITING_REVIEW, french.pk)
        assert "Waiting for your review" in notices.describe(notice)
    for other in ("fr", "fr_idle", "ar", "ar_reviewer", "ru"):
        assert not unread(team[other]).exists(), other


@pytest.mark.django_db
def test_changes_requested_reach_the_submitter_with_the_comment(client, team):
    french = page_in("fr")
    french.save_revision(user=team["fr"])
    state = french.get_workflow().start(french, team["fr"])
    client.force_login(team["fr_reviewer"])
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[french.pk, "reject", state.current_task_state.pk],
        ),
        {"comment": "Le titre n'est pas traduit."},
    )
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    [notice] = unread(team["fr"])
    assert notice.kind == Kind.SENT_BACK
    assert notice.comment == "Le titre n'est pas traduit."
    assert notices.describe(notice) == "Sent back by a reviewer: «Le titre n'est pas traduit.»"
    # Nothing waits for the reviewers any more.
    assert not unread(team["fr_reviewer_2"]).exists()
    assert not unread(team["ar"]).exists()


@pytest.mark.django_db
def test_approval_clears_the_waiting_notices_for_every_reviewer(team):
    french = page_in("fr")
    french.save_revision(user=team["fr"])
    state = french.get_workflow().start(french, team["fr"])
    assert unread(team["fr_reviewer_2"]).exists()
    state.current_task_state.approve(user=team["fr_reviewer"])
    assert not unread(team["fr_reviewer"]).exists()
    assert not unread(team["fr_reviewer_2"]).exists()


@pytest.mark.django_db
def test_opening_the_editor_reads_the_notices_of_that_page(client, team):
    page_in("fr").save_revision(user=team["fr"])
    page_in("fr", "no-upload-filters").save_revision(user=team["fr"])
    publish_source()
    publish_source("no-upload-filters")
    assert unread(team["fr"]).count() == 2
    client.force_login(team["fr"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page_in("fr").pk]))
    assert response.status_code == 200
    [left] = unread(team["fr"])
    assert left.page_id == page_in("fr", "no-upload-filters").pk


@pytest.mark.django_db
def test_mark_as_read_only_for_ones_own_notices(client, team):
    page_in("fr").save_revision(user=team["fr"])
    publish_source()
    notice = unread(team["fr"]).get()
    url = reverse("translations:notice_read", args=[notice.pk])
    client.force_login(team["fr_idle"])
    assert client.post(url).status_code == 404
    assert unread(team["fr"]).exists()
    client.force_login(team["fr"])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not unread(team["fr"]).exists()
    assert client.post(url).status_code == 404  # already read


@pytest.mark.django_db
def test_read_notices_are_purged_after_the_retention(settings, team):
    settings.PORTAL_TRANSLATION_NOTICE_DAYS = 60
    page_in("fr").save_revision(user=team["fr"])
    page_in("fr", "no-upload-filters").save_revision(user=team["fr"])
    publish_source()
    publish_source("no-upload-filters")
    old, recent = unread(team["fr"]).order_by("pk")
    now = timezone.now()
    TranslationNotice.objects.filter(pk=old.pk).update(read_at=now - datetime.timedelta(days=61))
    TranslationNotice.objects.filter(pk=recent.pk).update(read_at=now - datetime.timedelta(days=59))
    call_command("purge_translation_notices", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(TranslationNotice.objects.filter(user=team["fr"])) == [recent]


@pytest.mark.django_db
def test_russian_translator_never_sees_french_notices(client, team):
    page_in("fr").save_revision(user=team["fr"])
    page_in("fr").save_revision(user=team["ru"])
    publish_source()
    assert not unread(team["ru"]).exists()
    client.force_login(team["ru"])
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your notices" not in body
    assert Locale.objects.get(language_code="fr").pk == unread(team["fr"]).get().locale_id
