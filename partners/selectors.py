from home.selectors import in_reader_language, page_terms


def partner_context(page):
    from campaigns.models import CampaignPage
    from stories.models import StoryPage

    locale = page.locale
    return {
        **page_terms(page, locale, "topics", "regions"),
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
