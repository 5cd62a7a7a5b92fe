from home.selectors import in_reader_language, localized_terms


def partner_context(page):
    from campaigns.models import CampaignPage
    from stories.models import StoryPage

    locale = page.locale
    return {
        "topics": localized_terms(page.topics, locale),
        "regions": localized_terms(page.regions, locale),
        "languages": list(page.languages.all()),
        "campaigns": list(
            in_reader_language(CampaignPage, locale)
            .filter(partners__translation_key=page.translation_key)
            .order_by("-start_date")
        ),
        "stories": list(
            in_reader_language(StoryPage, locale)
            .filter(partners__translation_key=page.translation_key)
            .order_by("-date")
        ),
    }
