from core.models import Topic
from core.selectors import change_log as published_log
from core.selectors import linking_pages, term_by_id

# Entries that apps above this one add to an explainer's change log (a consultation and its
# summary): ``source(page)`` gives dicts with "date", "note" and optionally "url", "link_text"
# and "lang". Registered once, from the app's ``ready``.
CHANGE_LOG_SOURCES = []


def register_change_log_source(source):
    if source not in CHANGE_LOG_SOURCES:
        CHANGE_LOG_SOURCES.append(source)


def change_log(page, *, limit=50):
    """The public history of a position: one entry per published revision (core's change log),
    with the entries the registered sources add (a consultation and its summary), newest
    first."""
    log = published_log(page, limit=limit)
    for source in CHANGE_LOG_SOURCES:
        log.extend(source(page))
    log.sort(key=lambda entry: entry["date"], reverse=True)
    return log[:limit]


def explainer_context(page):
    locale = page.locale
    topic = term_by_id(Topic, page.topic_id, locale) if page.topic_id else None
    return {
        "topic": topic,
        "change_log": change_log(page),
        "campaigns": list(linking_pages(page, "campaigns", locale).order_by("-start_date")),
    }


def sections(page):
    return [block.value for block in page.body if block.block_type == "section"]
