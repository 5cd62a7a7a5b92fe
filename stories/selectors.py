from home.selectors import localized_pages, localized_terms


def story_context(page):
    from campaigns.models import CampaignPage

    locale = page.locale
    campaign = (
        localized_pages(CampaignPage.objects.filter(pk=page.campaign_id), locale)
        if page.campaign_id
        else []
    )
    return {
        "topics": localized_terms(page.topics, locale),
        "regions": localized_terms(page.regions, locale),
        "methods": localized_terms(page.methods, locale),
        "partners": localized_pages(page.partners.all(), locale),
        "campaign": campaign[0] if campaign else None,
    }
