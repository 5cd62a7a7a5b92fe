"""The page tree rules: what may live where."""

import pytest

from wagtail.models import Page

from affiliates.models import AffiliateIndexPage, AffiliatePage
from agenda.models import EventIndexPage, EventPage
from campaigns.models import CampaignIndexPage, CampaignPage
from explainers.models import PolicyExplainerIndexPage, PolicyExplainerPage
from home.models import HomePage, StandardPage
from involvement.models import DecisionsPage, GetInvolvedPage
from partners.models import PartnerIndexPage, PartnerPage
from safety.models import SafetyGuidePage, SafetyIndexPage
from stories.models import StoryIndexPage, StoryPage

INDEX_AND_DETAIL = [
    (CampaignIndexPage, CampaignPage),
    (StoryIndexPage, StoryPage),
    (PartnerIndexPage, PartnerPage),
    (PolicyExplainerIndexPage, PolicyExplainerPage),
    (EventIndexPage, EventPage),
    (SafetyIndexPage, SafetyGuidePage),
]
# Pages of their own under each home page, one per language.
SINGLE_PAGES = {GetInvolvedPage, DecisionsPage}
# An affiliate's section holds campaigns, stories and events of its own
# (``tests/affiliates`` has the section's own rules).
IN_SECTIONS = {CampaignPage, StoryPage, EventPage}


def test_home_page_sits_at_the_root_and_holds_indexes():
    assert HomePage.allowed_parent_page_models() == [Page]
    allowed = set(HomePage.allowed_subpage_models())
    assert allowed == {index for index, _detail in INDEX_AND_DETAIL} | SINGLE_PAGES | {
        StandardPage,
        AffiliateIndexPage,
    }


@pytest.mark.parametrize(("index", "detail"), INDEX_AND_DETAIL)
def test_index_and_detail_rules(index, detail):
    assert index.allowed_parent_page_models() == [HomePage]
    assert index.allowed_subpage_models() == [detail]
    assert index.max_count_per_parent == 1
    sections = [AffiliatePage] if detail in IN_SECTIONS else []
    assert detail.allowed_parent_page_models() == [index, *sections]
    assert detail.allowed_subpage_models() == []


@pytest.mark.django_db
@pytest.mark.parametrize(("index", "detail"), INDEX_AND_DETAIL)
def test_one_index_per_home_page(index, detail):
    home = HomePage.objects.get(locale__language_code="en")
    assert not index.can_create_at(home)
    assert detail.can_create_at(index.objects.get(locale__language_code="en"))
    assert not detail.can_create_at(home)


@pytest.mark.django_db
def test_every_language_has_one_home_page():
    counts = {}
    for home in HomePage.objects.select_related("locale"):
        counts[home.locale.language_code] = counts.get(home.locale.language_code, 0) + 1
    assert counts == {
        code: 1 for code in ["en", "ar", "de", "es", "fr", "hi", "pt-br", "ru", "zh-hans"]
    }
