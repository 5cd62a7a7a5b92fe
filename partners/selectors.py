from core.selectors import linking_pages, page_terms


def partner_context(page):
    locale = page.locale
    return {
        **page_terms(page, locale, "topics", "regions"),
        "languages": list(page.languages.all()),
        "campaigns": list(linking_pages(page, "campaigns", locale).order_by("-start_date")),
        "stories": list(linking_pages(page, "stories", locale).order_by("-date")),
    }
