"""The content API (/api/v2/) under hostile parameters: limit, offset, order, fields, locale,
type, search, the tree filters, field filters, unknown and repeated parameters. Every answer
is JSON below 500; a refusal is a 400 or 404 with a message saying why."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from wagtail.images import get_image_model
from wagtail.models import Page

from campaigns.models import CampaignStatus
from stories.models import StoryOutcome

from .strategies import (
    choices,
    hostile_text,
    language_codes,
    numbers,
    query_pairs,
    raw_query,
    value_of,
)
from .support import fuzz_settings

# ``?first_published_at=2024-01-01`` is a date without a time zone: Django warns, and answers.
pytestmark = pytest.mark.filterwarnings("ignore:DateTimeField .* naive datetime:RuntimeWarning")

PAGE_TYPES = [
    "campaigns.CampaignPage",
    "stories.StoryPage",
    "partners.PartnerPage",
    "explainers.PolicyExplainerPage",
    "home.HomePage",
    "wagtailcore.Page",
    "campaigns.CampaignPage,stories.StoryPage",
    "users.User",
    "actions.Signature",
    "wagtailcore.page",
    "Page",
    "..",
    "a.b.c",
]
FIELD_NAMES = [
    *("*", "_", "id", "title", "slug", "body", "status", "summary", "listing_image", "rendition"),
    *("topics", "partners", "campaign", "owner", "latest_revision", "email", "tags", "meta"),
    *("detail_url", "html_url", "locale", "parent", "download_url", "file", "description"),
]
ORDERINGS = [
    *("title", "-title", "id", "-id", "random", "slug", "first_published_at", "status"),
    *("start_date", "date", "width", "-", "", "owner", "?", "pk", "-random"),
]
field_item = st.builds(
    lambda negated, name, nested: ("-" if negated else "") + name + nested,
    st.booleans(),
    st.sampled_from(FIELD_NAMES),
    st.one_of(st.just(""), st.sampled_from(FIELD_NAMES).map("({})".format)),
)
fields = st.one_of(
    st.lists(field_item, max_size=5).map(",".join),
    st.text(st.sampled_from("(),-*_ab"), max_size=40),
    st.integers(0, 3000).map(lambda depth: "title(" * depth + ")" * depth),
    hostile_text(),
)
orders = value_of(st.lists(st.sampled_from(ORDERINGS), min_size=1, max_size=4).map(",".join))
page_ids = st.deferred(
    lambda: st.sampled_from(sorted(Page.objects.live().values_list("pk", flat=True)[:100]))
)
image_ids = st.deferred(
    lambda: st.sampled_from(sorted(get_image_model().objects.values_list("pk", flat=True)[:50]))
)
tree_ids = value_of(page_ids.map(str), st.just("root"))
COMMON = {
    "limit": value_of(st.integers(0, 60).map(str)),
    "offset": value_of(st.integers(0, 400).map(str)),
    "fields": fields,
    "order": orders,
    "search": value_of(st.sampled_from(["water", "copyright", "liberté", "版权", '"a" OR'])),
    "search_operator": value_of(choices("and", "or", "AND", "Or")),
    "format": value_of(choices("json", "api", "html", "xml")),
    "_": hostile_text(),
    "id": value_of(page_ids.map(str)),
    "title": hostile_text(),
}
PAGE_PARAMS = {
    **COMMON,
    "type": value_of(st.sampled_from(PAGE_TYPES)),
    "locale": language_codes(),
    "child_of": tree_ids,
    "descendant_of": tree_ids,
    "ancestor_of": tree_ids,
    "translation_of": tree_ids,
    "html_path": value_of(st.sampled_from(["/", "/en/", "/fr/campaigns/", "/en/search/"])),
    "slug": hostile_text(),
    "show_in_menus": value_of(choices("true", "false", "1", "0")),
    "seo_title": hostile_text(),
    "first_published_at": value_of(choices("2024-01-01", "2024-01-01T00:00:00Z")),
    "status": value_of(choices(*CampaignStatus.values)),
    "outcome": value_of(choices(*StoryOutcome.values)),
    "start_date": value_of(choices("2024-01-01", "2024-02-30", "0000-00-00")),
    "listing_image": value_of(image_ids.map(str)),
    "rich_text_format": value_of(choices("html", "markdown", "db_html", "db_markdown")),
}
IMAGE_PARAMS = {**COMMON, "width": numbers(), "height": numbers(), "tags": hostile_text()}


def endpoints(name, ids):
    """The listing, the find view and a detail view (of an object that exists, or not)."""
    return st.one_of(
        st.sampled_from([f"/api/v2/{name}/", f"/api/v2/{name}/find/"]),
        st.one_of(ids, st.integers(0, 10**30)).map(f"/api/v2/{name}/{{}}/".format),
    )


def check_api_answer(response):
    assert response.status_code in (200, 302, 400, 404), response.status_code
    if response.status_code != 302:
        assert response["Content-Type"] == "application/json"
    if response.status_code in (400, 404):
        assert response.json()["message"]


@fuzz_settings(350)
@given(path=endpoints("pages", page_ids), pairs=query_pairs(PAGE_PARAMS))
@example(path="/api/v2/pages/find/", pairs=[("id", "abc")])
@example(path="/api/v2/pages/find/", pairs=[("id", "3"), ("_", "x" * 20000)])
@example(path="/api/v2/pages/", pairs=[("offset", "9" * 23)])
@example(path="/api/v2/pages/", pairs=[("search", "x"), ("search_operator", "\x00")])
@example(path="/api/v2/pages/", pairs=[("search", "\x00")])
@example(path="/api/v2/pages/", pairs=[("search", '"')])
@example(path="/api/v2/pages/", pairs=[("search", " ")])
@example(path="/api/v2/pages/", pairs=[("search", "a " * 2000)])
@example(path="/api/v2/pages/", pairs=[("fields", "title(" * 3000)])
def test_pages_api(fuzz, path, pairs):
    check_api_answer(fuzz.get(path, pairs))


def one_parameter(spec):
    """One parameter at a time, so each reaches its own filter rather than stopping at the
    first bad one; a hostile value two times in three."""
    return st.sampled_from(sorted(spec)).flatmap(
        lambda name: st.tuples(st.just(name), st.one_of(spec[name], hostile_text(), numbers()))
    )


@fuzz_settings(250)
@given(
    path=st.sampled_from(["/api/v2/pages/", "/api/v2/pages/find/", "/api/v2/pages/3/"]),
    page_type=st.sampled_from([None, "campaigns.CampaignPage", "stories.StoryPage"]),
    pair=one_parameter(PAGE_PARAMS),
)
@example(path="/api/v2/pages/", page_type=None, pair=("locale", "\x00"))
@example(path="/api/v2/pages/find/", page_type=None, pair=("html_path", "/en/\x00/"))
@example(path="/api/v2/pages/find/", page_type=None, pair=("html_path", "\x00"))
@example(path="/api/v2/pages/", page_type="campaigns.CampaignPage", pair=("status", "\x00"))
@example(path="/api/v2/pages/find/", page_type="stories.StoryPage", pair=("id", "3"))
def test_each_pages_parameter(fuzz, path, page_type, pair):
    pairs = [pair] if page_type is None else [("type", page_type), pair]
    check_api_answer(fuzz.get(path, pairs))


@fuzz_settings(200)
@given(path=endpoints("images", image_ids), pairs=query_pairs(IMAGE_PARAMS))
@example(path="/api/v2/images/find/", pairs=[("id", "1.5")])
@example(path="/api/v2/images/", pairs=[("search", '"')])
def test_images_api(fuzz, path, pairs):
    check_api_answer(fuzz.get(path, pairs))


@fuzz_settings(100)
@given(
    path=st.sampled_from(["/api/v2/images/", "/api/v2/images/find/"]),
    pair=one_parameter(IMAGE_PARAMS),
)
def test_each_images_parameter(fuzz, path, pair):
    check_api_answer(fuzz.get(path, [pair]))


@fuzz_settings(100)
@given(
    path=st.sampled_from(["/api/v2/pages/", "/api/v2/images/", "/api/v2/pages/find/"]),
    query=raw_query(),
)
def test_api_takes_any_bytes(fuzz, path, query):
    check_api_answer(fuzz.get(path, raw_query=query))
