"""What the consultation page shows of its data: language labels and attributes, dates."""

from django.conf import settings
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.languages import bcp47


def direction(language_code):
    return "rtl" if language_code.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"


def labelled(comment):
    """``comment`` with its language as the reader reads it: a name in the reader's language,
    and the ``lang`` and ``dir`` of the text."""
    comment.language_label = settings.PORTAL_LANGUAGE_LABELS.get(comment.language, "")
    comment.lang = bcp47(comment.language)
    comment.dir = direction(comment.language)
    return comment


def content_attrs(consultation, in_source):
    """``lang`` and ``dir`` for the consultation's own text where it is shown in the original
    (not translated into the reader's language yet); nothing otherwise."""
    if not in_source:
        return ""
    code = consultation.locale.language_code
    return format_html(' lang="{}" dir="{}"', bcp47(code), direction(code))


def _time(day):
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), date_format(day))


def dates(consultation):
    return {
        "opens": mark_safe(_time(consultation.opens_on)),  # noqa: S308 - format_html above
        "closes": mark_safe(_time(consultation.closes_on)),  # noqa: S308 - format_html above
    }
