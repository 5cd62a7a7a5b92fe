import datetime

import pytest

from django.core.exceptions import ValidationError

from explainers.models import PolicyExplainerPage
from explainers.selectors import change_log
from tests.helpers import soup

POSITIONS = [
    "access-to-knowledge",
    "free-expression",
    "privacy-and-surveillance",
    "copyright-reform",
    "net-neutrality",
    "disinformation",
]


@pytest.mark.django_db
def test_demo_has_the_six_positions():
    slugs = set(
        PolicyExplainerPage.objects.live()
        .filter(locale__language_code="en")
        .values_list("slug", flat=True)
    )
    assert slugs == set(POSITIONS)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_sections_have_the_same_anchors_in_every_language(client, language):
    document = soup(client.get(f"/{language}/policy/copyright-reform/"))
    english = PolicyExplainerPage.objects.get(locale__language_code="en", slug="copyright-reform")
    anchors = [block.value["anchor"] for block in english.body]
    assert [section["id"] for section in document.select("section.explainer-section")] == anchors
    toc = [a["href"] for a in document.select(".toc a")]
    assert toc[: len(anchors)] == [f"#{anchor}" for anchor in anchors]


@pytest.mark.django_db
def test_change_log_is_built_from_published_revisions(client):
    page = PolicyExplainerPage.objects.get(locale__language_code="en", slug="net-neutrality")
    before = change_log(page)
    assert len(before) >= 2
    assert [entry["date"] for entry in before] == sorted((e["date"] for e in before), reverse=True)
    page.change_note = "Added a key ask on traffic management transparency."
    page.save_revision().publish()
    after = change_log(page)
    assert len(after) == len(before) + 1
    assert after[0]["note"] == "Added a key ask on traffic management transparency."
    document = soup(client.get(page.url))
    entries = document.select(".change-log li")
    assert "traffic management transparency" in entries[0].get_text()
    assert len(entries) == len(after)


@pytest.mark.django_db
def test_change_log_is_translated(client):
    english = PolicyExplainerPage.objects.get(locale__language_code="en", slug="copyright-reform")
    french = english.get_translation(english.locale.__class__.objects.get(language_code="fr"))
    english_notes = [entry["note"] for entry in change_log(english)]
    french_notes = [entry["note"] for entry in change_log(french)]
    assert len(french_notes) == len(english_notes)
    assert french_notes != english_notes
    assert [e["date"].date() for e in change_log(french)] == [
        e["date"].date() for e in change_log(english)
    ]


@pytest.mark.django_db
def test_change_log_never_names_who_published(client):
    page = PolicyExplainerPage.objects.get(locale__language_code="en", slug="copyright-reform")
    entries = soup(client.get(page.url)).select(".change-log li")
    assert entries
    for entry in entries:
        assert "admin" not in entry.get_text().lower()


@pytest.mark.django_db
def test_duplicate_anchor_and_review_dates_are_rejected():
    page = PolicyExplainerPage.objects.get(locale__language_code="en", slug="copyright-reform")
    first = page.body[0].value
    page.body.append(
        ("section", {"anchor": first["anchor"], "heading": "Again", "content": first["content"]})
    )
    page.next_review = page.last_reviewed - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert {"body", "next_review"} <= set(error.value.message_dict)


@pytest.mark.django_db
def test_the_change_log_counts_the_oldest_entry_as_one(client):
    """Newest first, as a change log reads; ``reversed`` numbers it so the oldest is 1 wherever
    numbers show (the portal's style shows dates, not numbers)."""
    document = soup(client.get("/en/policy/copyright-reform/"))
    log = document.select_one("#change-log ol.change-log")
    assert log is not None and log.has_attr("reversed"), log
    dates = [time["datetime"] for time in log.select("li time")]
    assert len(dates) >= 2 and dates == sorted(dates, reverse=True), dates
