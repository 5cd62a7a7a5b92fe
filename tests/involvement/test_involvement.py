"""The "Get involved" and "How decisions are made" pages: tree rules, rendering in English and
Arabic, contacts by region with role addresses, and the decisions' public change log, built
from published revisions like the policy explainers'."""

import pytest

from wagtail.models import Page

from core.selectors import change_log
from home.models import HomePage
from involvement.models import DecisionsPage, GetInvolvedPage
from tests.helpers import soup

pytestmark = pytest.mark.django_db


def test_tree_rules():
    for model in (GetInvolvedPage, DecisionsPage):
        assert model.parent_page_types == ["home.HomePage"]
        assert model.subpage_types == []
        assert model.max_count_per_parent == 1
        assert model in HomePage.allowed_subpage_models()
    for language in ("en", "ar", "de"):
        home = HomePage.objects.get(locale__language_code=language)
        # One per language: the English and Arabic home pages already have theirs.
        assert GetInvolvedPage.can_create_at(home) is (language == "de")
        assert DecisionsPage.can_create_at(home) is (language == "de")


@pytest.mark.parametrize(
    ("language", "title", "way"),
    [("en", "Get involved", "Act on a campaign"), ("ar", "شارك معنا", "تحرّك في حملة")],
)
def test_get_involved_renders_ways_and_contacts(
    client, django_assert_max_num_queries, language, title, way
):
    url = f"/{language}/get-involved/"
    client.get(url)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    document = soup(response)
    assert document.select_one("main h1").get_text(strip=True) == title
    ways = document.select(".ways > li")
    assert len(ways) == 6
    assert ways[0].select_one("h3").get_text(strip=True) == way
    # A way that links to a page leads to that page in the reader's language.
    assert ways[0].select_one("a")["href"] == f"/{language}/campaigns/"
    assert ways[4].select_one("a")["href"] == f"/{language}/how-decisions-are-made/"
    contacts = document.select(".contacts .contact")
    assert len(contacts) == 3
    emails = [a["href"] for a in document.select(".contacts a[href^='mailto:']")]
    assert emails == [
        "mailto:africa@example.org",
        "mailto:mena@example.org",
        "mailto:latam@example.org",
    ]


@pytest.mark.parametrize(
    ("language", "first_note"),
    [
        ("en", "Proposals are now answered within two council meetings instead of three."),
        ("ar", "صار الرد على المقترحات خلال اجتماعين للمجلس بدلًا من ثلاثة."),
    ],
)
def test_decisions_page_renders_its_sections_and_change_log(
    client, django_assert_max_num_queries, language, first_note
):
    url = f"/{language}/how-decisions-are-made/"
    client.get(url)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    document = soup(response)
    toc = [a["href"] for a in document.select(".toc a")]
    assert toc == ["#who-decides", "#how-to-propose", "#how-positions-are-reviewed", "#change-log"]
    entries = document.select(".change-log li")
    assert len(entries) == 2
    assert first_note in entries[0].get_text()
    assert entries[1].select_one("time")["datetime"].startswith("2026-06-01")


def test_the_change_log_grows_with_each_publish_and_names_no_one(client, admin_user):
    page = DecisionsPage.objects.get(locale__language_code="en")
    before = change_log(page)
    page.change_note = "Council elections now every two years."
    page.save_revision(user=admin_user).publish(user=admin_user)
    after = change_log(page)
    assert len(after) == len(before) + 1
    assert after[0]["note"] == "Council elections now every two years."
    body = client.get(page.url).content.decode()
    assert "Council elections now every two years." in body
    assert admin_user.username not in body


def test_the_explainers_still_build_their_log_from_core(client):
    from explainers.models import PolicyExplainerPage  # (the explainers' own log, from core)

    page = PolicyExplainerPage.objects.get(locale__language_code="en", slug="net-neutrality")
    entries = soup(client.get(page.url)).select(".change-log li")
    assert len(entries) == len(change_log(page)) >= 2


def test_the_proposal_link_shows_only_when_a_page_is_chosen(client):
    page = DecisionsPage.objects.get(locale__language_code="en")
    assert not soup(client.get(page.url)).select(".decisions__propose a")
    target = Page.objects.get(locale__language_code="en", slug="stories")
    page.proposal_page = target
    page.save_revision().publish()
    link = soup(client.get(page.url)).select_one(".decisions__propose a")
    assert link["href"] == "/en/stories/"
