"""The admin dashboard for communications staff: start a page where it lives, and see how the
pages one owns stand in every language."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Page

from tests.helpers import soup


def person(username, group):
    user = get_user_model().objects.create_user(username, password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.django_db
def test_editors_start_pages_and_see_their_pages_translations(client):
    editor = person("redactrice", "Editors")
    Page.objects.filter(locale__language_code="en", slug="freedom-of-panorama").update(owner=editor)
    client.force_login(editor)
    document = soup(client.get("/admin/"))

    start = document.select_one("[aria-labelledby=start-something-new-heading]")
    links = [link["href"] for link in start.select("a")]
    assert len(links) == 3
    assert any("/campaigns/campaignpage/" in link for link in links)
    for link in links:
        assert client.get(link).status_code == 200

    coverage = document.select_one("[aria-labelledby=own-coverage-heading]")
    rows = {
        row.select_one("th a")["href"].rsplit("=", 1)[1]: [
            cell.get_text(strip=True) for cell in row("td")
        ]
        for row in coverage.select("tbody tr")
    }
    assert rows["fr"] == ["1 / 1", "0"]  # the demo translated it into French
    assert rows["de"] == ["0 / 1", "1"]  # and not into German


@pytest.mark.django_db
def test_translators_get_their_queue_not_the_staff_panels(client):
    client.force_login(person("traducteur", "French translators"))
    document = soup(client.get("/admin/"))
    assert document.select_one("[aria-labelledby=start-something-new-heading]") is None
    assert document.select_one("[aria-labelledby=own-coverage-heading]") is None
    assert document.select_one("#translation-queue-heading") is not None
