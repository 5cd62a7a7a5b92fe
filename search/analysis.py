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
        result = []
        for start, end, kind in word_spans(text or ""):
            if kind == "cjk":
                result.extend(cjk_grams(text[start:end]))
            else:
                term = self.term(text[start:end])
                if term:
                    result.append(term)
        return result


@cache
def analyser(language_code):
    return Analyser(language_code)


def analyse(text, language_code):
    return analyser(language_code).terms(text)


def cjk_bigrams(text):
    """``text`` with every run of CJK characters replaced by its bigrams, space-separated.

    What PostgreSQL's parser and SQLite's tokenizer need to index Chinese by bigrams.
    """
    return _CJK.sub(lambda match: " " + " ".join(cjk_grams(match.group())) + " ", text or "")


def simple_words(text):
    """Lower-cased words, CJK as bigrams: what autocomplete matches prefixes against."""
    result = []
    for start, end, kind in word_spans(text or ""):
        word = text[start:end]
        result.extend(cjk_grams(word) if kind == "cjk" else [word.casefold()])
    return result


_SCRIPTS = (
    ("cjk", _CJK),
    ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
    ("devanagari", re.compile(r"[\u0900-\u097f]")),
    ("latin", re.compile(r"[A-Za-z\u00c0-\u024f]")),
)


def script_of(text):
    """The writing system most of ``text``'s letters belong to, or "" when it has none."""
    counts = {name: len(pattern.findall(text or "")) for name, pattern in _SCRIPTS}
    name, count = max(counts.items(), key=lambda item: item[1])
    return name if count else ""
