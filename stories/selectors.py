from campaigns.models import CampaignPage
from core.selectors import localized_pages, localized_pages_by_id, page_terms


def story_context(page):
    locale = page.locale
    campaign = localized_pages_by_id([page.campaign_id], locale, CampaignPage)
    return {
        **page_terms(page, locale, "topics", "regions", "methods"),
        "partners": localized_pages(page.partners.all(), locale),
        "campaign": campaign.get(page.campaign_id),
    }
