import pytest

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from core.factories import ImageFactory, RegionFactory, TopicFactory
from explainers.factories import PolicyExplainerPageFactory
from explainers.models import PolicyExplainerIndexPage
from partners.factories import PartnerPageFactory
from partners.models import PartnerIndexPage
from stories.factories import StoryPageFactory
from stories.models import StoryIndexPage


@pytest.mark.django_db
def test_factories_build_valid_published_pages_with_relations(client):
    topic, region = TopicFactory(name="Open archives"), RegionFactory(name="Oceania")
    assert topic.slug == "open-archives" and topic.locale.language_code == "en"
    partner = PartnerPageFactory(
        parent=PartnerIndexPage.objects.get(locale__language_code="en"),
        topics=[topic],
        regions=[region],
        language_codes=["en", "mi"],
    )
    campaign = CampaignPageFactory(
        parent=CampaignIndexPage.objects.get(locale__language_code="en"),
        topics=[topic],
        partners=[partner],
        listing_image=ImageFactory(),
    )
    story = StoryPageFactory(
        parent=StoryIndexPage.objects.get(locale__language_code="en"), campaign=campaign
    )
    explainer = PolicyExplainerPageFactory(
        parent=PolicyExplainerIndexPage.objects.get(locale__language_code="en"), topic=topic
    )
    for page in (partner, campaign, story, explainer):
        page.full_clean()
        assert page.live and page.latest_revision is not None
        assert client.get(page.url).status_code == 200
    assert list(campaign.topics.all()) == [topic]
    assert [language.code for language in partner.languages.all()] == ["en", "mi"]
    assert campaign.listing_image.description


@pytest.mark.django_db
def test_unpublished_factory_page_is_not_served(client):
    page = CampaignPageFactory(
        parent=CampaignIndexPage.objects.get(locale__language_code="en"), publish=False, live=False
    )
    assert client.get(page.url).status_code == 404
