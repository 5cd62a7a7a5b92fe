"""Typo tolerance for the database engine, when a query finds few or no pages.

The database engines match words and their inflections: "petiton" finds nothing. When a query
finds pages of fewer than ``FEW`` translation groups, near matches are added, ranked below every
real match (their scores are lower than the lowest real score), and filtered like them:

* PostgreSQL: ``pg_trgm``. Documents whose title and summary are similar to the query
  (``strict_word_similarity``, at least ``THRESHOLD``: the query's trigrams found in whole
  words of the text) are added, most similar first. Migration 0003 creates the extension and a GIN
  trigram index on ``title || ' ' || summary``; where the database user may not create
  extensions (see deploy/README.md), the engine finds that the extension is missing (asked
  once per process and database) and goes without.
* SQLite: no trigram module ships with it, so each query word that is not an indexed word is
  corrected to the closest indexed word (the ``fts5vocab`` table over the exact words of titles,
  summaries and bodies): same first letter, at most one edit for words of 5 to 7 letters, two
  from 8 (Damerau-Levenshtein: a swap of neighbours is one edit), the most frequent on a tie;
  words of 4 letters or fewer are left alone. The corrected query is searched again. Letters
  are counted without their combining marks (Hindi vowel signs, Arabic short vowels), and a word
  that differs from an indexed word in its marks only is corrected whatever its length, from
  2 letters: "निजत" (a vowel sign missing) finds "निजता", as a trigram match does on PostgreSQL.

Elasticsearch and OpenSearch have their own fuzzy matching (``cluster.py``).
"""

import dataclasses
import functools
import re
import unicodedata

from django.db import connection

from core.memo import ProcessMemo

from ..analysis import simple_words
from .base import HIT_FIELDS, EngineQuery, hit_from_row

FEW = 3  # translation groups
# Strict word similarity (the query against whole words of the text), at least pg_trgm's own
# default for it, 0.5, which ``<<%`` (served by the trigram index) uses: one wrong letter in a
# word of n letters scores (n - 2) / (n + 4), so it is admitted from 8 letters ("privasidad" for
# "privacidad": 0.57), as the SQLite correction admits two edits from 8. Plain word similarity
# (``<%``, default 0.6) let no single wrong letter through in a word of any length.
THRESHOLD = 0.5
MAX_NEAR = 20
TABLE = "search_searchdocument"
VOCABULARY = "search_searchdocument_fts_vocab"

_trigrams = ProcessMemo("pg_trgm available", max_entries=16)


def tolerant(search):
    """``search`` (an engine's bound ``search``) with near matches added to few results."""

    @functools.wraps(search)
    def tolerant_search(query: EngineQuery):
        hits = search(query)
        if not query.fuzzy or len({hit.translation_key for hit in hits}) >= FEW:
            return hits
        near = near_matches(search, query)
        found = {hit.page_id for hit in hits}
        floor = min((hit.score for hit in hits), default=1.0)
        extra = []
        for rank, hit in enumerate(hit for hit in near if hit.page_id not in found):
            found.add(hit.page_id)
            # Below every real match, in the near matches' own order.
            extra.append(dataclasses.replace(hit, score=floor - 1 - rank / (len(near) + 1)))
        return hits + extra

    return tolerant_search


def near_matches(search, query):
    if connection.vendor == "postgresql":
        return _trigram_matches(query) if trigrams_available() else []
    if connection.vendor == "sqlite":
        corrected = corrected_text(query.text)
        if corrected is None:
            return []
        return search(dataclasses.replace(query, text=corrected, fuzzy=False))
    return []


# -- PostgreSQL: pg_trgm ---------------------------------------------------------------------


def trigrams_available():
    """Whether pg_trgm is installed in this database (asked once per process and database)."""
    key = (connection.alias, connection.settings_dict.get("NAME"))

    def ask():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            return cursor.fetchone() is not None

    return _trigrams.get_or_set(key, ask)


def _trigram_matches(query):
    text = " ".join(simple_words(query.text))
    if len(text) < 4:
        return []
    columns = ", ".join(f"d.{name}" for name in HIT_FIELDS)
    document = "(d.title || ' ' || d.summary)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT {columns}, strict_word_similarity(%s, {document}) AS score
            FROM {TABLE} d
            WHERE %s <<%% {document} AND strict_word_similarity(%s, {document}) >= %s
            ORDER BY score DESC, d.page_id
            LIMIT %s
            """,  # noqa: S608 - only placeholders are interpolated
            [text, text, text, THRESHOLD, MAX_NEAR * 5],
        )
        rows = [dict(zip([*HIT_FIELDS, "score"], row, strict=True)) for row in cursor.fetchall()]
    hits = [hit_from_row(row, row["score"]) for row in rows]
    return [hit for hit in hits if passes(hit, query.filters)][:MAX_NEAR]


def passes(hit, filters):
    """Whether a hit meets the validated filters (as ``database.filter_sql`` asks in SQL)."""
    for name in ("kind", "status", "outcome"):
        if filters.get(name) and getattr(hit, name) != filters[name]:
            return False
    for name, values in (
        ("topic", hit.topics),
        ("region", hit.regions),
        ("language", hit.languages),
    ):
        if filters.get(name) and filters[name] not in values:
            return False
    return True


# -- SQLite: corrected words -----------------------------------------------------------------


def letters(word):
    """``word`` without its combining marks: what a word's length and its typos are counted in."""
    return "".join(char for char in word if not unicodedata.category(char).startswith("M"))


def allowed_edits(word):
    count = len(letters(word))
    if count <= 4:
        return 0
    return 1 if count <= 7 else 2


def _length_range(word):
    """The lengths, in characters, an indexed word within reach of ``word`` can have."""
    edits, base = allowed_edits(word), letters(word)
    if base == word:
        return len(word) - edits, len(word) + edits
    # A marked script: each letter may carry a mark or two more, or fewer, than the query's.
    return len(base) - edits, (len(base) + edits) * 3


def _eligible(word):
    if not word[0].isalpha():
        return False
    marked = _MARKED.search(word) is not None
    return bool(allowed_edits(word)) or (marked and len(letters(word)) >= 2)


# Scripts whose words are written with combining marks, often left out or mistyped.
_MARKED = re.compile(r"[\u0600-\u06ff\u0900-\u097f]")


def corrected_text(text):
    """The query with each unknown word replaced by the closest indexed word, or None when
    nothing was corrected. Two queries whatever the number of words: the vocabulary table, and
    the candidates of every word at once."""
    words = simple_words(text)
    eligible = [word for word in dict.fromkeys(words) if _eligible(word)]
    if not eligible:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{VOCABULARY} "
            "USING fts5vocab(main, search_searchdocument_fts, 'col')"
        )
        ranges, params = [], []
        for word in eligible:
            ranges.append("(term >= %s AND term < %s AND length(term) BETWEEN %s AND %s)")
            params += [word[0], chr(ord(word[0]) + 1), *_length_range(word)]
        cursor.execute(
            f"SELECT term, doc FROM temp.{VOCABULARY} "  # noqa: S608 - constant SQL, placeholders
            f"WHERE col = 'words' AND ({' OR '.join(ranges)})",
            params,
        )
        candidates = cursor.fetchall()
    replacements = {word: _closest(word, candidates) for word in eligible}
    corrected = [replacements.get(word) or word for word in words]
    return " ".join(corrected) if any(replacements.values()) else None


def _closest(word, candidates):
    """The indexed word nearest ``word`` in its letters, then in its marks, then the most
    frequent; None when ``word`` is indexed itself or nothing is near enough."""
    edits, base = allowed_edits(word), letters(word)
    best = None
    for term, documents in candidates:
        if term == word:
            return None  # an indexed word: nothing to correct
        term_base = letters(term)
        if term[:1] != word[0] or abs(len(term_base) - len(base)) > edits:
            continue
        distance = edit_distance(base, term_base, limit=edits)
        if distance > edits:
            continue
        marks = edit_distance(word, term, limit=len(word) + len(term))
        if best is None or (distance, marks, -documents) < best[:3]:
            best = (distance, marks, -documents, term)
    return best[3] if best else None


def edit_distance(first, second, *, limit):
    """Damerau-Levenshtein distance (optimal string alignment), or ``limit + 1`` beyond it."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
