"""How each language's text is analysed, in every engine.

Every locale is analysed with its own language: Snowball stemming and stop words for English,
French, German, Spanish, Portuguese, Russian and Hindi; Snowball's Arabic stemmer, which also
normalises (diacritics, tatweel, alef and hamza forms, the article); overlapping bigrams for
Chinese, which has no spaces between words, so that a two-character word finds every text that
contains it.

The engines do this with their own built-in analysis where they have it (``LanguageProfile``):
PostgreSQL with one text search configuration per locale, Elasticsearch and OpenSearch with one
built-in language analyzer per locale. SQLite's FTS5 only knows English (Porter), so for SQLite
the portal analyses text in Python with the same Snowball algorithms (``analyse``) and FTS5
indexes the resulting terms. The Python analyser also builds the glossary's keys and finds the
words to highlight in snippets.

Neither PostgreSQL nor the Elasticsearch analyzers segment Chinese into bigrams for the ``simple``
configuration, so ``cjk_bigrams`` prepares Chinese runs of text (in any language's page) before
PostgreSQL sees them; Elasticsearch's ``cjk`` analyzer makes the same bigrams itself.

Before any of this, ``normalise`` gives every engine the same text, at index and at query time:
one apostrophe (' ’ ʼ ‘ ´ `), French and Italian elisions dropped ("l’accès" is "accès"), English
possessives dropped ("Wikimedia's" is "Wikimedia", "users'" is "users"), and typographic quotes
and dashes (« » “ ” „ — – ‑) as plain separators. A query's Chinese runs must be found as
phrases: ``word_groups`` keeps each run's bigrams together, so that the engines can ask for them
side by side.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import snowballstemmer

STOPWORDS_DIR = Path(__file__).resolve().parent / "stopwords"


@dataclass(frozen=True)
class LanguageProfile:
    """How one content language is analysed by each engine."""

    code: str
    script: str  # the writing system: latin, cyrillic, arabic, devanagari, cjk
    snowball: str | None  # Snowball algorithm for the Python analyser; None: no stemming
    stopwords: str | None  # file in search/stopwords/
    postgres_config: str  # PostgreSQL text search configuration
    elasticsearch_analyzer: str  # built-in Elasticsearch/OpenSearch analyzer


PROFILES = {
    profile.code: profile
    for profile in [
        LanguageProfile("en", "latin", "english", "english", "english", "english"),
        LanguageProfile("ar", "arabic", "arabic", "arabic", "arabic", "arabic"),
        LanguageProfile("de", "latin", "german", "german", "german", "german"),
        LanguageProfile("es", "latin", "spanish", "spanish", "spanish", "spanish"),
        LanguageProfile("fr", "latin", "french", "french", "french", "french"),
        LanguageProfile("hi", "devanagari", "hindi", "hindi", "hindi", "hindi"),
        LanguageProfile("pt-br", "latin", "portuguese", "portuguese", "portuguese", "portuguese"),
        LanguageProfile("ru", "cyrillic", "russian", "russian", "russian", "russian"),
        LanguageProfile("zh-hans", "cjk", None, None, "simple", "cjk"),
    ]
}
SIMPLE = LanguageProfile("simple", "", None, None, "simple", "standard")


def profile_for(language_code):
    return PROFILES.get(language_code, SIMPLE)


# A word: letters and digits, with the combining marks that Devanagari vowel signs and Arabic
# diacritics are made of (Python's \w leaves those out and would cut Hindi words apart).
_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u097f])+"
)
# Han ideographs, kana and hangul: scripts written without spaces, indexed as bigrams.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
_TATWEEL_AND_TASHKEEL = re.compile(r"[\u0640\u064b-\u065f\u0670]")


_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u02bc\u2018\u00b4`\uff07\u2032", "'"))
_SEPARATORS = str.maketrans(
    dict.fromkeys("\u00ab\u00bb\u201c\u201d\u201e\u201f\u2014\u2013\u2011\u2012\u2015", " ")
)
# An elided article or pronoun before a vowel or h: French l' d' qu' j' n' s' c' m' t', Italian
# dell' all' nell' sull' dall' un' quell'.
_ELISION = re.compile(
    r"\b(?:qu|dell|all|nell|sull|dall|quell|un|[ldjnsctm])'(?=[aeiouyhàâäæéèêëîïôöœùûüÿ])",
    re.IGNORECASE,
)
# An English possessive after a letter: 's, or ' alone after a plural.
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])'(?:s\b|(?![^\W_]))", re.IGNORECASE)


def normalise(text):
    """``text`` with apostrophes, elisions, possessives, quotes and dashes made uniform."""
    if not text:
        return ""
    text = text.translate(_APOSTROPHES).translate(_SEPARATORS)
    if "'" in text:
        text = _POSSESSIVE.sub("", _ELISION.sub("", text))
    return text


def cjk_grams(run):
    """Overlapping bigrams of a run of CJK characters; a single character stays a unigram."""
    if len(run) == 1:
        return [run]
    return [run[index : index + 2] for index in range(len(run) - 1)]


def word_spans(text):
    """``(start, end, kind)`` for each word of ``text``; kind is "cjk" for runs of CJK script."""
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        position = 0
        for cjk in _CJK.finditer(word):
            if cjk.start() > position:
                yield start + position, start + cjk.start(), "word"
            yield start + cjk.start(), start + cjk.end(), "cjk"
            position = cjk.end()
        if position < len(word):
            yield start + position, start + len(word), "word"


@cache
def _stopwords(name):
    if not name:
        return frozenset()
    lines = (STOPWORDS_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip())


@cache
def _stemmer(name):
    return snowballstemmer.stemmer(name) if name else None


class Analyser:
    """Turns text into the terms one language's index holds."""

    def __init__(self, language_code):
        self.profile = profile_for(language_code)
        self.stopwords = _stopwords(self.profile.stopwords)
        self.stemmer = _stemmer(self.profile.snowball)
        self._cache = {}

    def term(self, word):
        """The indexed term of one (non-CJK) word, or None for a stop word."""
        cached = self._cache.get(word)
        if cached is not None or word in self._cache:
            return cached
        folded = unicodedata.normalize("NFKC", word).casefold()
        if self.profile.code == "ar":
            folded = _TATWEEL_AND_TASHKEEL.sub("", folded)
        if folded in self.stopwords or not folded:
            term = None
        else:
            term = self.stemmer.stemWord(folded) if self.stemmer else folded
        if len(self._cache) < 50_000:
            self._cache[word] = term
        return term

    def terms(self, text):
        """Every term of ``text`` in order (stop words dropped, CJK as bigrams)."""
        return [term for group in self.groups(text) for term in group]

    def groups(self, text):
        """The terms of ``text`` in order, one tuple per word and one per run of CJK script
        (its bigrams, to be found side by side)."""
        text = normalise(text)
        result = []
        for start, end, kind in word_spans(text):
            if kind == "cjk":
                result.append(tuple(cjk_grams(text[start:end])))
            else:
                term = self.term(text[start:end])
                if term:
                    result.append((term,))
        return result


@cache
def analyser(language_code):
    return Analyser(language_code)


def analyse(text, language_code):
    return analyser(language_code).terms(text)


def word_groups(text, language_code):
    """``Analyser.groups`` of a query: stemmed in ``language_code``; exact words when None."""
    if language_code is None:
        return simple_groups(text)
    return analyser(language_code).groups(text)


def cjk_bigrams(text, *, phrases=False):
    """``text`` normalised, with every run of CJK characters replaced by its bigrams.

    What PostgreSQL's parser and SQLite's tokenizer need to index Chinese by bigrams. With
    ``phrases`` (a query for ``websearch_to_tsquery``), each run's bigrams are quoted, so that
    they must be found side by side; unless the reader already used quotes.
    """
    text = normalise(text)
    quote = '"' if phrases and '"' not in text else ""
    return _CJK.sub(
        lambda match: f" {quote}{' '.join(cjk_grams(match.group()))}{quote} ", text or ""
    )


def simple_groups(text):
    """Lower-cased words, one tuple each, and one tuple of bigrams per CJK run."""
    text = normalise(text)
    return [
        tuple(cjk_grams(text[start:end])) if kind == "cjk" else (text[start:end].casefold(),)
        for start, end, kind in word_spans(text)
    ]


def simple_words(text):
    """Lower-cased words, CJK as bigrams: what autocomplete matches prefixes against."""
    return [word for group in simple_groups(text) for word in group]


_SCRIPTS = (
    ("cjk", _CJK),
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
    ("devanagari", re.compile(r"[\u0900-\u097f]")),
    ("latin", re.compile(r"[A-Za-z\u00c0-\u024f]")),
)


def scripts_of(text):
    """Every writing system ``text`` has letters of, most letters first."""
    counts = {name: len(pattern.findall(text or "")) for name, pattern in _SCRIPTS}
    return [name for name, count in sorted(counts.items(), key=lambda item: -item[1]) if count]


def script_of(text):
    """The writing system most of ``text``'s letters belong to, or "" when it has none."""
    counts = {name: len(pattern.findall(text or "")) for name, pattern in _SCRIPTS}
    name, count = max(counts.items(), key=lambda item: item[1])
    return name if count else ""
