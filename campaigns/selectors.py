from home.selectors import in_reader_language, localized_pages, page_terms


def campaign_context(page):
    from stories.models import StoryPage

    locale = page.locale
    return {
        **page_terms(page, locale, "topics", "regions"),
        "partners": localized_pages(page.partners.all(), locale),
        "explainers": localized_pages(page.explainers.all(), locale),
        "stories": list(
            in_reader_language(StoryPage, locale)
            .filter(campaign__translation_key=page.translation_key)
            .order_by("-date")
        ),
    }


def milestones(page):
    return sorted(
        (block.value for block in page.milestones), key=lambda milestone: milestone["date"]
    )
