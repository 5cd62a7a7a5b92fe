import pytest

from wagtail.models import Page

from tests.helpers import soup


@pytest.mark.django_db
def test_outdated_translation_tells_the_reader(client):
    english = Page.objects.get(locale__language_code="en", slug="zero-rating-fair-access").specific
    assert (
        soup(client.get("/es/campaigns/zero-rating-fair-access/")).select_one(".notice--outdated")
        is None
    )
    english.summary = "Updated summary."
    english.save_revision().publish()
    notice = soup(client.get("/es/campaigns/zero-rating-fair-access/")).select_one(
        ".notice--outdated"
    )
    assert notice is not None and notice["role"] == "status"
    # The source itself is never "outdated".
    assert (
        soup(client.get("/en/campaigns/zero-rating-fair-access/")).select_one(".notice--outdated")
        is None
    )
