from core.selectors import linking_pages, localized_pages, page_terms


def campaign_context(page):
    locale = page.locale
    return {
        **page_terms(page, locale, "topics", "regions"),
        "partners": localized_pages(page.partners.all(), locale),
        "explainers": localized_pages(page.explainers.all(), locale),
        "stories": list(linking_pages(page, "stories", locale).order_by("-date")),
    }


def milestones(page):
    return sorted(
        (block.value for block in page.milestones), key=lambda milestone: milestone["date"]
    )
