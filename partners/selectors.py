from collections import Counter

from core.models import Region
from core.region_map import region_map
from core.sections import section_models
from core.selectors import in_reader_language, linking_pages, page_terms, terms_for_locale


def partner_context(page):
    locale = page.locale
    return {
        **page_terms(page, locale, "topics", "regions"),
        "languages": list(page.languages.all()),
        "campaigns": list(linking_pages(page, "campaigns", locale).order_by("-start_date")),
        "stories": list(linking_pages(page, "stories", locale).order_by("-date")),
    }


def network_directory(locale):
    """The network's own sections (affiliates) in ``locale`` where translated, and the map of
    the regions they work in. Two queries per section page type (pages, regions)."""
    sections = []
    for model in section_models():
        sections += in_reader_language(model, locale).prefetch_related("regions")
    sections.sort(key=lambda page: page.title.casefold())
    counts = Counter(region.slug for page in sections for region in page.regions.all())
    marks = region_map(
        [(slug, name, counts[slug]) for slug, name in terms_for_locale(Region, locale)]
    )
    return {
        "sections": sections,
        "region_marks": marks,
    }
