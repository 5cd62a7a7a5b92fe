"""A contributed story published through the Moderators' workflow is found by search in its
language, also when the search page was kept in the page cache before it was published."""

import pytest

from contributions.models import StorySubmission
from tests.helpers import soup

from .helpers import story_data

pytestmark = pytest.mark.django_db

TITLE = "Los mapas escolares que nunca se liberaron"


def found(client, query):
    document = soup(client.get("/es/search/", {"q": query}))
    return [link.get_text() for link in document.select(".search-results h2 a")]


def test_a_story_published_through_the_workflow_is_found_by_search(
    client, moderator, page_cache, django_capture_on_commit_callbacks
):
    assert TITLE not in found(client, "mapas escolares")  # now kept in the page cache
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/es/contribute/story/",
            story_data(
                title=TITLE,
                what_happened="La consejería guardó los mapas escolares bajo una licencia cerrada.",
            ),
        )
    assert response.status_code == 302
    page = StorySubmission.objects.latest("pk").page
    assert TITLE not in found(client, "mapas escolares")  # a draft is not searchable

    with django_capture_on_commit_callbacks(execute=True):  # as the approval's commit does
        page.current_workflow_state.current_task_state.approve(user=moderator)
    page.refresh_from_db()
    assert page.live
    assert TITLE in found(client, "mapas escolares")
