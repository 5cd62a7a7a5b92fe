"""Chinese queries as phrases: their bigrams side by side, on every engine.

A page that has the words in the query's order ranks above pages where its characters are
strewn about; reversed words (知识自由 for 自由知识) do not find pages lacking them.
"""

import pytest

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from search.analysis import cjk_bigrams

pytestmark = pytest.mark.django_db


def keys(data):
    return [result["translation_key"] for result in data["results"]]


@pytest.fixture
def pages(search_engine, django_capture_on_commit_callbacks):
    index = CampaignIndexPage.objects.get(locale__language_code="zh-hans")
    texts = {
        "phrase": "我们支持自由知识运动。自由知识属于每一个人，自由知识需要保护。",
        "scattered": "知识是公共的财富。我们也争取表达自由与新闻自由。",
    }
    made = {}
    for name, summary in texts.items():
        with django_capture_on_commit_callbacks(execute=True):
            made[name] = str(
                CampaignPageFactory(
                    parent=index, title=f"测试页面{name}", slug=f"cjk-{name}", summary=summary
                ).translation_key
            )
    search_engine.refresh()
    return made


def test_a_query_run_is_one_phrase_for_postgresql():
    assert cjk_bigrams("自由知识", phrases=True).strip() == '"自由 由知 知识"'
    assert cjk_bigrams('"自由知识"', phrases=True).strip() == '" 自由 由知 知识 "'


@pytest.mark.parametrize("reader", ["zh-hans", "en"])
def test_the_phrase_is_found_and_scattered_characters_are_not(pages, api, reader):
    found = keys(api("自由知识", reader))
    assert pages["phrase"] in found
    assert pages["scattered"] not in found or found.index(pages["scattered"]) > found.index(
        pages["phrase"]
    )


def test_reversed_words_do_not_find_pages_without_them(pages, api):
    found = keys(api("知识自由", "zh-hans"))
    assert pages["phrase"] not in found
    assert pages["scattered"] not in found
