"""A language's reviewers moderate the comments written in their language, and no others."""

import pytest

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from consultations import services
from consultations.models import CommentState, ConsultationComment

from .conftest import person
from .test_moderation import pending, queue_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_reviewer(db):
    return person("fr-rev", "French reviewers")


def test_a_french_reviewer_moderates_french_comments_only(
    client, french_reviewer, open_consultation
):
    english = pending(open_consultation)
    french = ConsultationComment.objects.create(
        consultation=open_consultation,
        section_anchor=english.section_anchor,
        body="Merci de préciser les délais de traitement.",
        language="fr",
    )
    client.force_login(french_reviewer)
    assert client.get(reverse("consultations_moderation")).status_code == 200
    html = client.get(queue_url(open_consultation)).content.decode()
    assert "Merci de préciser les délais" in html
    assert "Who would maintain the measurement software" not in html
    # Asking for another language's comments shows none of them either.
    html = client.get(queue_url(open_consultation, state="all", language="ar")).content.decode()
    assert "نرجو أن يُنشر" not in html

    response = client.post(
        reverse("consultations_moderate", args=[english.pk]), {"state": "approved"}
    )
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] == "/admin/"
    english.refresh_from_db()
    assert english.state == CommentState.PENDING
    with pytest.raises(PermissionDenied):
        services.moderate(comment=english, state="approved", user=french_reviewer)

    response = client.post(
        reverse("consultations_moderate", args=[french.pk]), {"state": "approved"}
    )
    assert response.status_code == 302 and response["Location"] != "/admin/"
    french.refresh_from_db()
    assert french.state == CommentState.APPROVED


def test_roles_of_each_kind(french_reviewer, moderator, editor):
    assert services.can_moderate(french_reviewer, "fr")
    assert not services.can_moderate(french_reviewer, "ar")
    assert services.can_moderate(moderator, "ar") and services.can_moderate(moderator)
    assert not services.can_moderate(editor) and not services.can_moderate(editor, "fr")
    translator = person("fr-tr", "French translators")
    assert not services.can_moderate(translator, "fr")
