"""Languages people work or speak in: every ISO 639-1 language, named in the reader's language.

Django names only the languages it is translated into; partners and events work in many more (Hausa,
Quechua, Fijian…). Babel's CLDR data names every one of them in each interface language.
"""

from functools import cache

from babel import Locale as BabelLocale
from babel import UnknownLocaleError

from django.utils.translation import get_language

_ENGLISH = BabelLocale("en").languages
CODES = sorted(code for code in _ENGLISH if len(code) == 2)
MODEL_CHOICES = [(code, _ENGLISH[code]) for code in CODES]


@cache
def _names(ui_language):
    try:
        return BabelLocale.parse(ui_language, sep="-").languages
    except (ValueError, UnknownLocaleError):
        return _ENGLISH


def language_name(code, ui_language=None):
    """The name of ``code`` in ``ui_language`` (default: the active language)."""
    return _names(ui_language or get_language() or "en").get(code, code)


def language_choices(codes=CODES, ui_language=None):
    """``(code, name)`` pairs, named and sorted in the interface language."""
    named = [(code, language_name(code, ui_language)) for code in codes]
    return sorted(named, key=lambda item: item[1].casefold())
