"""What the home page gathers from the content apps, in the reader's language."""

from campaigns.models import CampaignIndexPage, CampaignPage
from core.models import Topic
from core.selectors import in_reader_language, localized_pages_by_id, terms_for_locale
from stories.models import StoryPage


def home_page_context(home):
    locale = home.locale
    # Chooser blocks read from their raw ids: their own look-ups would cost a query each.
    featured = localized_pages_by_id(
        [item.get("value") for item in home.featured_campaigns.raw_data],
        locale,
        CampaignPage,
        related=["listing_image"],
    )
    cards = [item.get("value") or {} for item in home.get_involved.raw_data]
    linked = localized_pages_by_id(
        [home.hero_cta_page_id, *(card.get("page") for card in cards)], locale
    )
    campaign_index = CampaignIndexPage.objects.live().filter(locale=locale).first()
    latest_stories = list(
        in_reader_language(StoryPage, locale).select_related("listing_image").order_by("-date")[:3]
    )
    return {
        "featured": list(featured.values()),
        "latest_stories": latest_stories,
        "topics": terms_for_locale(Topic, locale),
        "hero_target": linked.get(home.hero_cta_page_id),
        "campaign_index": campaign_index,
        "get_involved_cards": [
            {
                "title": card.get("title", ""),
                "text": card.get("text", ""),
                "url": linked[card["page"]].url
                if card.get("page") in linked
                else card.get("url") or "",
            }
            for card in cards
        ],
    }
