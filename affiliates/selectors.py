from core.selectors import localized_pages_by_id, page_terms
from partners.selectors import network_directory

SECTION_KINDS = (
    ("campaigns", "campaigns.campaignpage"),
    ("stories", "stories.storypage"),
    ("events", "events.eventpage"),
)


def directory_context(locale):
    return network_directory(locale)


def affiliate_context(page):
    """What an affiliate's page shows: its languages, terms, partner page, and its own live
    campaigns, stories and events in the page's language (its section is one language's
    subtree). A fixed number of queries, whatever the number of pages."""
    locale = page.locale
    children = list(page.get_children().live().public().specific().order_by("-first_published_at"))
    by_kind = {kind: [] for kind, _label in SECTION_KINDS}
    for child in children:
        for kind, label in SECTION_KINDS:
            if child._meta.label_lower == label:
                by_kind[kind].append(child)
    partner = localized_pages_by_id([page.partner_id], locale).get(page.partner_id)
    return {
        **page_terms(page, locale, "regions"),
        "languages": list(page.languages.all()),
        "partner": partner,
        **by_kind,
    }
