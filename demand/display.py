"""Demand in words, for the translators' queue and the page editor."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .selectors import DAYS


def language_name(code):
    return str(settings.PORTAL_LANGUAGE_LABELS.get(code, code))


def demand_phrase(*, views: int, fallback_views: int, language_code: str) -> str:
    """ "312 readers of Hindi read the English version in the last 30 days" where readers of
    ``language_code`` read the original for want of a translation; otherwise how many read the
    translation."""
    if fallback_views:
        return ngettext(
            "%(count)s reader of %(language)s read the %(source)s version in the last "
            "%(days)s days",
            "%(count)s readers of %(language)s read the %(source)s version in the last "
            "%(days)s days",
            fallback_views,
        ) % {
            "count": fallback_views,
            "language": language_name(language_code),
            "source": language_name(settings.LANGUAGE_CODE),
            "days": DAYS,
        }
    if views:
        return ngettext(
            "%(count)s reader read this translation in the last %(days)s days",
            "%(count)s readers read this translation in the last %(days)s days",
            views,
        ) % {"count": views, "days": DAYS}
    return _("No readers in the last %(days)s days") % {"days": DAYS}
