"""The embedded engine: full-text search in the portal's own database.

Both flavours index ``SearchDocument`` rows in place, twice: in the document's own language
(stemmed, stop words dropped) and as exact words. A query is matched as exact words in every
document, and with stemming in the documents of the languages ``EngineQuery.stem_languages``
names, each with that language's analysis:

* PostgreSQL: ``tsvector`` columns weighted title A, summary B, body C, with GIN indexes: one
  built with the text search configuration of the document's locale (``english``, ``french``,
  ``russian``, ``arabic``, ``hindi``..., ``simple`` over bigrams for Chinese), one with
  ``simple``. The query is parsed per configuration with ``websearch_to_tsquery`` (quotes and
  ``or`` work).
* SQLite: an FTS5 table of terms analysed in Python with the same Snowball stemmers
  (``search.analysis``), with a ``language`` column to scope each language's terms, ranked by
  BM25.

Glossary expansions are only matched in their own language's documents, and exact-word matches
and expansions weigh half as much as stemmed matches. Each hit says whether the page has the
query's exact words (``Hit.exact``), the first tier of the results' order (``results.group_key``).
A Chinese run of the query must be found as a phrase: its bigrams side by side (PostgreSQL:
``<->``; FTS5: ``"a" + "b"``). Neither flavour is typo-tolerant.
"""

from django.conf import settings
from django.db import connection

from ..analysis import analyse, cjk_bigrams, profile_for, simple_words, word_groups
from . import typos
from .base import HIT_FIELDS, EngineQuery, Hit, SearchBackend, hit_from_row

TABLE = "search_searchdocument"
FTS_TABLE = "search_searchdocument_fts"
COLUMNS = ", ".join(f"d.{name}" for name in HIT_FIELDS)
COLUMN_NAMES = [name.strip()[2:] for name in COLUMNS.split(",")]
BATCH = 200


def content_languages():
    return [code for code, _name in settings.LANGUAGES]


def _like(value):
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {escaped} %"


def filter_sql(filters):
    """SQL conditions on the document table (alias ``d``) for validated filters."""
    clauses, params = [], []
    for name, column in (("kind", "kind"), ("status", "status"), ("outcome", "outcome")):
        if filters.get(name):
            clauses.append(f"d.{column} = %s")
            params.append(filters[name])
    for name, column in (("topic", "topics"), ("region", "regions"), ("language", "languages")):
        if filters.get(name):
            clauses.append(f"d.{column} LIKE %s ESCAPE '\\'")
            params.append(_like(filters[name]))
    return "".join(f" AND {clause}" for clause in clauses), params


def _rows(cursor, extra=("score",)):
    return [dict(zip(COLUMN_NAMES + list(extra), row, strict=True)) for row in cursor.fetchall()]


class DatabaseBackend(SearchBackend):
    name = "database"

    def __init__(self):
        self.search = typos.tolerant(self.search)  # near matches when few found: typos.py

    def index_documents(self, documents):
        for start in range(0, len(documents), BATCH):
            self._index_batch(documents[start : start + BATCH])

    def delete_documents(self, page_ids):
        """Deleting a ``SearchDocument`` row deletes its text index too."""

    def rebuild(self, batches, *, total, progress=None):
        done = 0
        for batch in batches():
            self.index_documents(batch)
            done += len(batch)
            if progress:
                progress(done, total)
        return done

    def _index_batch(self, documents):
        raise NotImplementedError

    def optimise(self):
        """After a full rebuild: refresh the planner's statistics of the index."""


class PostgresBackend(DatabaseBackend):
    def optimise(self):
        # VACUUM also refreshes the GIN index's own statistics; without them the planner
        # prices the index too high and reads the whole table instead.
        statement = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(f"{statement} {TABLE}")

    def _index_batch(self, documents):
        if not documents:
            return
        values, params = [], []
        for document in documents:
            values.append("(%s::integer, %s, %s, %s, %s, %s)")
            params += [
                document.page_id,
                profile_for(document.language).postgres_config,
                cjk_bigrams(document.title),
                cjk_bigrams(document.summary),
                cjk_bigrams(document.body),
                " ".join(simple_words(document.title)),
            ]
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                UPDATE {TABLE} AS d SET
                    search_vector =
                        setweight(to_tsvector(v.config::regconfig, v.title), 'A')
                        || setweight(to_tsvector(v.config::regconfig, v.summary), 'B')
                        || setweight(to_tsvector(v.config::regconfig, v.body), 'C'),
                    words_vector =
                        setweight(to_tsvector('simple', v.title), 'A')
                        || setweight(to_tsvector('simple', v.summary), 'B')
                        || setweight(to_tsvector('simple', v.body), 'C'),
                    title_vector = to_tsvector('simple', v.title_words)
                FROM (VALUES {", ".join(values)})
                    AS v(page_id, config, title, summary, body, title_words)
                WHERE d.page_id = v.page_id
                """,  # noqa: S608 - only placeholders are interpolated
                params,
            )
            # Passages in other languages, each with its own language's configuration, at the
            # body's weight: one round per passage language a document has (one, usually).
            rounds = {}
            for document in documents:
                for position, (language, text) in enumerate(sorted(document.passages.items())):
                    rounds.setdefault(position, []).append(
                        (document.page_id, profile_for(language).postgres_config, text)
                    )
            for rows in rounds.values():
                cursor.execute(
                    f"""
                    UPDATE {TABLE} AS d SET search_vector = d.search_vector
                        || setweight(to_tsvector(v.config::regconfig, v.body), 'C')
                    FROM (VALUES {", ".join(["(%s::integer, %s, %s)"] * len(rows))})
                        AS v(page_id, config, body)
                    WHERE d.page_id = v.page_id
                    """,  # noqa: S608 - only placeholders are interpolated
                    [
                        value
                        for page_id, config, text in rows
                        for value in (page_id, config, cjk_bigrams(text))
                    ],
                )

    def search(self, query: EngineQuery) -> list[Hit]:
        """The matching pages are gathered first, one GIN index scan per condition (a union of
        page ids), then ranked. As one ``WHERE a OR b OR ...`` over the table, PostgreSQL
        estimated a query in five languages' stems to match enough rows to read the whole table,
        testing every row's (compressed, out-of-line) text vectors: a word in a tenth of
        10,000 pages took 49 ms instead of 19, and the benchmark's p95 was 26-38 ms instead of
        18-19 (``benchmarks/search_benchmark.py``)."""
        prepared = cjk_bigrams(query.text, phrases=True)
        conditions, condition_params, ranks, rank_params = [], [], [], []
        for language in content_languages():
            config = profile_for(language).postgres_config
            main = (
                [f"websearch_to_tsquery('{config}', %s)"]
                if language in query.stem_languages
                else []
            )
            alternatives = [
                cjk_bigrams(phrase.text, phrases=True)
                for phrase in query.expansions
                if phrase.language in (None, language)
            ]
            alt = [f"websearch_to_tsquery('{config}', %s)"] * len(alternatives)
            if not main and not alt:
                continue
            values = [prepared] * len(main) + alternatives
            conditions.append(
                f"text_languages LIKE %s AND search_vector @@ ({' || '.join(main + alt)})"
            )
            condition_params += [_like(language), *values]
            rank = [f"ts_rank(d.search_vector, {main[0]}, 1)"] if main else []
            if alt:
                rank.append(f"0.5 * ts_rank(d.search_vector, {' || '.join(alt)}, 1)")
            ranks.append(f"WHEN d.text_languages LIKE %s THEN {' + '.join(rank)}")
            rank_params += [_like(language), *values]
        exact = "websearch_to_tsquery('simple', %s)"
        conditions.append(f"words_vector @@ {exact}")
        condition_params.append(prepared)
        stemmed = f"CASE {' '.join(ranks)} ELSE 0 END" if ranks else "0"
        where, filter_params = filter_sql(query.filters)
        matched = " UNION ".join(
            f"SELECT page_id FROM {TABLE} WHERE {condition}"  # noqa: S608 - as below
            for condition in conditions
        )
        sql = f"""
            SELECT {COLUMNS},
                {stemmed} + 0.5 * ts_rank(d.words_vector, {exact}, 1) AS score,
                d.words_vector @@ {exact} AS exact
            FROM {TABLE} d
            WHERE d.page_id = ANY(ARRAY({matched})) {where}
            ORDER BY score DESC, d.page_id
            LIMIT %s
        """  # noqa: S608 - configurations come from LanguageProfile, values are placeholders
        params = [
            *rank_params,
            prepared,
            prepared,
            *condition_params,
            *filter_params,
            query.limit,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [
                hit_from_row(row, row["score"], exact=row["exact"])
                for row in _rows(cursor, ("score", "exact"))
            ]

    def autocomplete(self, prefix, *, limit):
        words = simple_words(prefix)
        if not words:
            return []
        *complete, last = words
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT {COLUMNS}, 1.0 / (1 + length(d.title)) AS score
                FROM {TABLE} d
                WHERE d.title_vector @@ (
                    plainto_tsquery('simple', %s)
                    && to_tsquery('simple', quote_literal(%s) || ':*')
                )
                ORDER BY length(d.title), d.page_id
                LIMIT %s
                """,  # noqa: S608
                [" ".join(complete), last, limit],
            )
            return [hit_from_row(row, row["score"]) for row in _rows(cursor)]


def _quote(term):
    return '"' + term.replace('"', '""') + '"'


def _all_of(groups):
    """FTS5: every word, and each CJK run's bigrams as one phrase (``"a" + "b"``)."""
    unique = dict.fromkeys(" + ".join(_quote(term) for term in group) for group in groups)
    return " AND ".join(unique)


def _language_token(language):
    """How a language is written in the FTS ``language`` column (one token, no punctuation)."""
    return "x" + "".join(character for character in language if character.isalnum())


def _body_terms(document):
    """The body's terms in the page's language, then each passage's in its own."""
    terms = analyse(document.body, document.language)
    for language, text in sorted(document.passages.items()):
        terms += analyse(text, language)
    return terms


class SqliteBackend(DatabaseBackend):
    def optimise(self):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608

    def _index_batch(self, documents):
        if not documents:
            return
        rows = [
            (
                document.page_id,
                # Every language of its text, so each one's stemmed terms find it.
                " ".join(_language_token(code) for code in document.text_language_list),
                " ".join(analyse(document.title, document.language)),
                " ".join(analyse(document.summary, document.language)),
                " ".join(_body_terms(document)),
                " ".join(simple_words(f"{document.title}\n{document.summary}\n{document.body}")),
                " ".join(simple_words(document.title)),
            )
            for document in documents
        ]
        placeholders = ", ".join(["%s"] * len(documents))
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})",  # noqa: S608
                [document.page_id for document in documents],
            )
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE}"  # noqa: S608
                "(rowid, language, title, summary, body, words, title_words) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                rows,
            )

    @staticmethod
    def match_expression(query: EngineQuery):
        """One FTS5 expression: the exact words in any document, and each stemmed language's
        terms (and glossary expansions) scoped to that language's documents."""
        by_expression = {}
        for language in content_languages():
            texts = [query.text] if language in query.stem_languages else []
            texts += [
                phrase.text for phrase in query.expansions if phrase.language in (None, language)
            ]
            alternatives = []
            for text in texts:
                terms = _all_of(word_groups(text, language))
                if terms:
                    alternatives.append(f"({terms})")
            if alternatives:
                expression = " OR ".join(dict.fromkeys(alternatives))
                by_expression.setdefault(expression, []).append(_quote(_language_token(language)))
        clauses = [
            f"(language : ({' OR '.join(tokens)}) AND {{title summary body}} : ({expression}))"
            for expression, tokens in by_expression.items()
        ]
        exact = SqliteBackend.exact_expression(query)
        if exact:
            clauses.append(exact)
        return " OR ".join(clauses)

    @staticmethod
    def exact_expression(query: EngineQuery):
        """The query's exact words (CJK runs as phrases) in the ``words`` column."""
        exact = _all_of(word_groups(query.text, None))
        return f"(words : ({exact}))" if exact else ""

    def search(self, query: EngineQuery) -> list[Hit]:
        expression = self.match_expression(query)
        if not expression:
            return []
        # An impossible expression when there are no exact words: a language token as a word.
        exact = self.exact_expression(query) or 'words : "xnone"'
        where, filter_params = filter_sql(query.filters)
        sql = f"""
            SELECT {COLUMNS}, -bm25({FTS_TABLE}, 0.0, 8.0, 3.0, 1.0, 0.5, 0.0) AS score,
                {FTS_TABLE}.rowid IN (
                    SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s
                ) AS exact
            FROM {FTS_TABLE} JOIN {TABLE} d ON d.page_id = {FTS_TABLE}.rowid
            WHERE {FTS_TABLE} MATCH %s {where}
            ORDER BY score DESC, d.page_id
            LIMIT %s
        """  # noqa: S608 - only placeholders are interpolated
        with connection.cursor() as cursor:
            cursor.execute(sql, [exact, expression, *filter_params, query.limit])
            return [
                hit_from_row(row, row["score"], exact=row["exact"])
                for row in _rows(cursor, ("score", "exact"))
            ]

    def autocomplete(self, prefix, *, limit):
        words = simple_words(prefix)
        if not words:
            return []
        *complete, last = words
        expression = " AND ".join([*(_quote(word) for word in complete), _quote(last) + "*"])
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT {COLUMNS}, 1.0 / (1 + length(d.title)) AS score
                FROM {FTS_TABLE} JOIN {TABLE} d ON d.page_id = {FTS_TABLE}.rowid
                WHERE {FTS_TABLE} MATCH %s
                ORDER BY length(d.title), d.page_id
                LIMIT %s
                """,  # noqa: S608
                [f"title_words : ({expression})", limit],
            )
            return [hit_from_row(row, row["score"]) for row in _rows(cursor)]


def database_backend():
    """The database engine for the default connection's vendor."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"No full-text search for {connection.vendor}.")
