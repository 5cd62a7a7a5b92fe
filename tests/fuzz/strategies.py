"""Hostile input: text from every Unicode category, NUL characters, very long values, numbers
beyond any column's range, unknown and repeated parameters, and bytes that are not UTF-8.

Lone surrogates (category Cs) have no UTF-8 form, so no client can put them in a URL or a form:
``characters`` leaves them out, and ``raw_query`` sends what a broken client would instead
(the CESU-8 bytes of a surrogate, ``%ED%A0%80``, and bytes that are no UTF-8 at all).
"""

import functools
from urllib.parse import quote_from_bytes

from hypothesis import strategies as st

from django.conf import settings

characters = st.characters(codec="utf-8")

NASTY = (
    "\x00",
    "a\x00b",
    "%00",
    "\x00" * 50,
    "\u202e\u2066evil",
    "\ufeff",
    "\u200d",
    "\ufffd",
    "\U0001f600",
    "\U0010ffff",
    "' OR 1=1 --",
    '"',
    '""',
    '"unclosed',
    "\\",
    "*",
    "%",
    "_",
    "(",
    ")",
    "NEAR(a b)",
    "a AND NOT b",
    "<script>alert(1)</script>",
    "{{ request }}",
    "{% debug %}",
    "../../etc/passwd",
    " ",
    "\t\r\n",
    "\u3000",
    "ſ",
    "İ",
    "ﬀ",
    "Ａ",
    "null",
    "None",
    "undefined",
    "NaN",
    "[]",
    "{}",
)
REAL_WORDS = (
    "water",
    "copyright",
    "panorama",
    "privacy",
    "libertad",
    "liberté",
    "свобода",
    "版权",
    "حرية",
    "स्वतंत्रता",
)
NUMBERS = (
    "0",
    "1",
    "2",
    "-1",
    "-0",
    "+1",
    " 1",
    "1 ",
    "1.0",
    "1.5",
    "1e3",
    "1e400",
    "0x10",
    "1_000",
    "inf",
    "-inf",
    "nan",
    "١٢",
    "²",
    "１",
    "00000000000000000000001",
    str(2**31),
    str(2**63 - 1),
    str(2**63),
    str(2**64),
    "9" * 30,
    "9" * 5000,
    "",
)


def long_text(min_size=500, max_size=6000):
    """A short run of characters repeated to a length no form field or column expects."""
    return st.builds(
        lambda unit, length: (unit * (length // len(unit) + 1))[:length],
        st.text(characters, min_size=1, max_size=3),
        st.integers(min_size, max_size),
    )


def hostile_text(max_size=60):
    return st.one_of(
        st.text(characters, max_size=max_size),
        st.sampled_from(NASTY),
        st.tuples(st.text(characters, max_size=8), st.text(characters, max_size=8)).map(
            "\x00".join
        ),
        long_text(),
    )


def numbers():
    return st.one_of(
        st.sampled_from(NUMBERS),
        st.integers(-(2**80), 2**80).map(str),
        st.floats().map(str),
    )


def any_value():
    return st.one_of(hostile_text(), numbers())


def value_of(*valid):
    """A valid value a third of the time, else anything."""
    return st.one_of(st.one_of(*valid), hostile_text(), numbers())


def choices(*values):
    return st.sampled_from(values)


@st.composite
def query_pairs(draw, spec, *, unknown=True):
    """Some of the parameters in ``spec`` (name → strategy), in any order, some repeated,
    and a few parameters nobody declared."""
    names = draw(st.lists(st.sampled_from(sorted(spec)), unique=True)) if spec else []
    pairs = [(name, draw(spec[name])) for name in names]
    if names:
        repeated = draw(st.lists(st.sampled_from(names), max_size=3))
        pairs += [(name, draw(spec[name])) for name in repeated]
    if unknown:
        pairs += draw(st.lists(st.tuples(hostile_text(20), any_value()), max_size=2))
    return draw(st.permutations(pairs))


def raw_query():
    """Query strings as bytes: broken escapes, bytes that are not UTF-8, surrogates' bytes."""
    bad_bytes = st.sampled_from(
        [b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xff", b"\xfe\xff", b"\xc0\xaf", b"\x80", b"\x00"]
    )
    chunk = st.one_of(st.binary(max_size=40), bad_bytes)
    encoded_pair = st.tuples(chunk, chunk).map(
        lambda pair: f"{quote_from_bytes(pair[0])}={quote_from_bytes(pair[1])}"
    )
    broken = st.text(st.sampled_from("%=&;+?#/ab09zZ"), max_size=40)
    return st.one_of(st.lists(encoded_pair, max_size=6).map("&".join), broken)


def language_codes():
    """The portal's languages, a few it does not have, and anything."""
    known = [code for code, _name in settings.LANGUAGES]
    return st.one_of(
        st.sampled_from([*known, "EN", "zh-Hans", "pt-BR", "pt", "zh", "xx", "en-us", "*"]),
        hostile_text(12),
    )


@functools.cache
def vocabulary():
    """The demo's taxonomy slugs and partner languages (read once, when first drawn)."""
    from core.models import Method, Region, Topic
    from partners.models import PartnerLanguage

    def slugs(model):
        return sorted(set(model.objects.values_list("slug", flat=True))) or ["none"]

    return {
        "topic": slugs(Topic),
        "region": slugs(Region),
        "method": slugs(Method),
        "partner_language": sorted(
            set(PartnerLanguage.objects.values_list("code", flat=True)) or ["en"]
        ),
    }


def vocabulary_term(name):
    return st.deferred(lambda: st.sampled_from(vocabulary()[name]))
