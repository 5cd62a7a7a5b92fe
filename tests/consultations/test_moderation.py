"""Moderation: the queue, approving and rejecting, who may, the purge, the page cache."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import CommentState, ConsultationComment

from .conftest import OPEN
from .helpers import url

pytestmark = pytest.mark.django_db


def pending(consultation):
    return ConsultationComment.objects.get(
        consultation__translation_key=consultation.translation_key, state=CommentState.PENDING
    )


def queue_url(consultation, **query):
    base = reverse("consultations_queue", args=[consultation.translation_key])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_moderator_approves_from_the_queue(client, moderator, open_consultation):
    comment = pending(open_consultation)
    client.force_login(moderator)
    html = client.get(queue_url(open_consultation)).content.decode()
    assert "Who would maintain the measurement software" in html
    response = client.post(
        reverse("consultations_moderate", args=[comment.pk]), {"state": "approved"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.state == CommentState.APPROVED and comment.moderated_at is not None
    client.logout()
    assert (
        "Who would maintain the measurement software"
        in client.get(url("en", OPEN)).content.decode()
    )


def test_queue_filters_by_state_and_language(client, moderator, open_consultation):
    client.force_login(moderator)
    html = client.get(
        queue_url(open_consultation, state="approved", language="ar")
    ).content.decode()
    assert "نرجو أن يُنشر" in html
    assert "how long each complaint" not in html and "Camille" not in html
    html = client.get(queue_url(open_consultation, state="all", language="fr")).content.decode()
    assert "Camille L." in html
    html = client.get(queue_url(open_consultation, state="rejected")).content.decode()
    assert "No comments match." in html


def test_a_non_moderator_cannot_approve(client, editor, open_consultation):
    comment = pending(open_consultation)
    client.force_login(editor)
    # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
    for response in (
        client.get(queue_url(open_consultation)),
        client.get(reverse("consultations_moderation")),
        client.post(reverse("consultations_moderate", args=[comment.pk]), {"state": "approved"}),
    ):
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"] == "/admin/"
    comment.refresh_from_db()
    assert comment.state == CommentState.PENDING
    with pytest.raises(PermissionDenied):
        services.moderate(comment=comment, state="approved", user=editor)


def test_rejected_comment_is_not_shown(moderator, open_consultation, client):
    approved = ConsultationComment.objects.get(display_name="Ines")
    services.moderate(comment=approved, state=CommentState.REJECTED, user=moderator)
    assert "how long each complaint" not in client.get(url("en", OPEN)).content.decode()


def test_approval_renews_the_cached_page(
    client, moderator, open_consultation, page_cache, django_capture_on_commit_callbacks
):
    comment = pending(open_consultation)
    first = client.get(url("ar", OPEN))
    assert first["X-Page-Cache"] == "miss"
    assert client.get(url("ar", OPEN))["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.moderate(comment=comment, state=CommentState.APPROVED, user=moderator)
    response = client.get(url("ar", OPEN))
    assert response["X-Page-Cache"] == "miss"
    assert "Who would maintain the measurement software" in response.content.decode()


def test_consultation_edit_renews_its_pages(
    client, open_consultation, page_cache, django_capture_on_commit_callbacks
):
    client.get(url("en", OPEN))
    with django_capture_on_commit_callbacks(execute=True):
        open_consultation.title = "A new title for the consultation"
        open_consultation.save()
    assert "A new title for the consultation" in client.get(url("en", OPEN)).content.decode()


def test_purge_deletes_rejected_and_stale_comments(moderator, open_consultation):
    comment = pending(open_consultation)
    services.moderate(comment=comment, state=CommentState.REJECTED, user=moderator)
    kept = ConsultationComment.objects.count()
    today = timezone.localdate()
    assert services.purge_comments(today=today) == 0
    later = today + datetime.timedelta(days=31)
    with open("/dev/null", "w") as null:
        call_command("purge_consultation_comments", "--today", later.isoformat(), stdout=null)
    assert ConsultationComment.objects.count() == kept - 1
    assert ConsultationComment.objects.filter(state=CommentState.APPROVED).exists()
