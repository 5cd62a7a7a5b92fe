"""The beacon, search counters, and demand in the translators' queue."""

import datetime

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Page

from demand import counting
from demand.display import demand_phrase
from demand.models import PageDemand
from translations.models import TranslationPlan
from translations.selectors import queue

from .conftest import BROWSER


def key_of(slug):
    return Page.objects.get(locale__language_code="en", slug=slug).translation_key


@pytest.mark.django_db
def test_the_beacon_counts_and_the_page_does_not_count_twice(reader, counting_on, settings):
    settings.PORTAL_DEMAND_BEACON = True
    key = key_of("freedom-of-panorama")
    page = reader.get("/de/campaigns/freedom-of-panorama/")
    assert f'src="/api/demand/seen?k={key}&amp;l=de"' in page.content.decode()
    assert counting.pending() == 0  # the page itself counts nothing with the beacon on
    response = reader.get("/api/demand/seen", {"k": str(key), "l": "de"})
    assert response.status_code == 204 and "no-store" in response["Cache-Control"]
    reader.get("/api/demand/seen", {"k": str(key), "l": "fr"})
    assert {(k, language): v for (k, language, _day), v in counting._pages.items()} == {
        (str(key), "de"): [0, 1],
        (str(key), "fr"): [1, 0],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [{}, {"k": "junk", "l": "fr"}, {"k": "0" * 32, "l": "fr"}, {"l": "xx"}, {"k": "\x00", "l": ""}],
)
def test_the_beacon_refuses_junk(reader, counting_on, query):
    if query.get("l") == "xx":
        query["k"] = str(key_of("freedom-of-panorama"))
    response = reader.get("/api/demand/seen", query)
    assert response.status_code == 400 and response.content
    assert counting.pending() == 0


@pytest.mark.django_db
def test_the_beacon_is_absent_by_default(reader):
    assert "demand-beacon" not in reader.get("/de/campaigns/freedom-of-panorama/").content.decode()


@pytest.mark.django_db
def test_searches_found_elsewhere_or_nothing_are_counted(reader, counting_on):
    reader.get("/en/search/", {"q": "panorama"})  # found in English: not counted
    reader.get("/de/search/", {"q": "marathon"})  # the story is not in German
    reader.get("/de/search/", {"q": "qwxzyqwxzy"})
    reader.get("/fr/search/", {"q": "qwxzyqwxzy"})
    searches = {language: v for (language, _day), v in counting._searches.items()}
    assert searches == {"de": [1, 1], "fr": [0, 1]}


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_user("editrice", password="x" * 16)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_demand_orders_the_queue_at_equal_priority(locales, staff_client):
    hindi = locales["hi"]
    PageDemand.objects.filter(locale=hindi).delete()  # the demo's counters
    rows = [row for row in queue(hindi, state="missing") if not row.live_campaign]
    wanted, other = rows[-1], rows[0]  # the last by the other tie-breakers
    PageDemand.objects.create(
        translation_key=wanted.translation_key,
        locale=hindi,
        day=timezone.localdate(),
        fallback_views=312,
    )
    rows = [row for row in queue(hindi, state="missing") if not row.live_campaign]
    assert rows[0].translation_key == wanted.translation_key and rows[0].demand == 312
    assert rows[1].demand == 0
    # The editors' priority still comes first, then a due date within two weeks.
    TranslationPlan.objects.create(translation_key=other.translation_key, priority=1)
    assert list(queue(hindi, state="missing"))[0].translation_key == other.translation_key
    assert list(queue(hindi, state="missing", order="demand"))[0].demand == 312
    due = rows[2]
    TranslationPlan.objects.create(
        translation_key=due.translation_key, due_date=timezone.localdate() + datetime.timedelta(3)
    )
    order = [row.translation_key for row in queue(hindi, state="missing")]
    assert order[:2] == [other.translation_key, due.translation_key]
    assert order.index(wanted.translation_key) < order.index(rows[3].translation_key)

    page = staff_client.get("/admin/translation-queue/", {"locale": "hi", "state": "missing"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "312 readers of Hindi read the English version in the last 30 days" in html
    assert 'id="demand-heading"' in html and "Readers' demand and coverage by language" in html


def test_the_phrase_in_words_and_plural_forms():
    assert demand_phrase(views=0, fallback_views=1, language_code="pt-br") == (
        "1 reader of Brazilian Portuguese read the English version in the last 30 days"
    )
    assert demand_phrase(views=5, fallback_views=0, language_code="fr") == (
        "5 readers read this translation in the last 30 days"
    )
    assert "No readers" in demand_phrase(views=0, fallback_views=0, language_code="fr")


def test_user_agent_is_only_read(rf):
    request = rf.get("/fr/", HTTP_USER_AGENT=BROWSER)
    assert counting.countable(request)
    assert not counting.countable(rf.get("/fr/", HTTP_USER_AGENT="curl/8.5"))
