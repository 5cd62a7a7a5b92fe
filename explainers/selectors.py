from wagtail.models import PageLogEntry

from home.selectors import in_reader_language, localized_terms


def change_log(page, *, limit=50):
    """The public history of a position: one entry per published revision, newest first.

    Built from Wagtail's own publish log, so it cannot drift from what was really published.
    Who published is never shown.
    """
    entries = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish")
        .exclude(revision__isnull=True)
        .order_by("-timestamp")
        .values_list("timestamp", "revision__content")[:limit]
    )
    return [
        {"date": timestamp, "note": (content or {}).get("change_note", "")}
        for timestamp, content in entries
    ]


def explainer_context(page):
    from campaigns.models import CampaignPage
    from home.models import Topic

    locale = page.locale
    topic = localized_terms(Topic.objects.filter(pk=page.topic_id), locale) if page.topic_id else []
    return {
        "topic": topic[0] if topic else None,
        "sections": [block.value for block in page.body if block.block_type == "section"],
        "change_log": change_log(page),
        "campaigns": list(
            in_reader_language(CampaignPage, locale)
            .filter(explainers__translation_key=page.translation_key)
            .order_by("-start_date")
        ),
    }
