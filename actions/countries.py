"""Countries for the signature form, named in the reader's language (CLDR data from Babel)."""

import unicodedata
from functools import cache

from babel import Locale as BabelLocale
from babel import UnknownLocaleError

from django.utils.translation import get_language
from django.utils.translation import gettext as _

# CLDR territory codes that are not ISO 3166-1 countries: groupings, pseudo-locales and the
# "exceptional reservations" (Canary Islands, Ceuta and Melilla, Diego Garcia…).
NOT_COUNTRIES = {"AC", "CP", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}
_ENGLISH = BabelLocale("en").territories
CODES = sorted(
    code for code in _ENGLISH if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
)


@cache
def _names(language):
    try:
        return BabelLocale.parse(language, sep="-").territories
    except (ValueError, UnknownLocaleError):
        return _ENGLISH


def country_name(code, language=None):
    return _names(language or get_language() or "en").get(code, code)


def country_choices(language=None):
    return list(_sorted_choices(language or get_language() or "en"))


def country_choices_with_blank():
    return [("", _("Choose a country")), *country_choices()]


@cache
def _sorted_choices(language):
    named = [(code, country_name(code, language)) for code in CODES]
    return tuple(sorted(named, key=lambda item: _sort_key(item[1])))


def _sort_key(name):
    """Accents do not move a name: “Bélgica” sorts with “Belice”, not after “Bután”."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
