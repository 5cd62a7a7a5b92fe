from core.models import Topic
from core.selectors import change_log, linking_pages, term_by_id


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
