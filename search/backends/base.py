"""What every search engine adapter offers, and what it is asked and answers."""

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field


class SearchBackendError(Exception):
    """The engine could not answer: down, too slow, or refused the request."""


@dataclass(frozen=True)
class Phrase:
    """Words to find together; ``language``: only in pages of that language (None: in any)."""

    text: str
    language: str | None = None


@dataclass(frozen=True)
class EngineQuery:
    """What to look for.

    ``text`` is matched in every language's pages as exact words (lower-cased, unstemmed), so a
    name, an acronym or a shared term finds the page whatever its language; and, in the pages
    of each of ``stem_languages``, with that language's stemming and stop words: every language
    written in the query's scripts (Latin: English, French, German, Spanish, Portuguese), the
    reader's and the filtered one, see ``search.selectors.stem_languages``. A stemmed match in
    a language counts only in that language's pages, and an exact match ranks above a stemmed
    one whatever the scores (``Hit.exact``, ``search.results.group_key``): French Snowball
    reduces both "petition" and "petits" to "petit", but a page with "petition" comes first.
    """

    text: str
    stem_languages: tuple[str, ...] = ()
    # Glossary translations of the query, each matched in its own language's pages only.
    expansions: tuple[Phrase, ...] = ()
    # Validated filters: kind, topic, region, status, outcome, language (a group's languages).
    filters: dict = field(default_factory=dict)
    limit: int = 500
    fuzzy: bool = True


@dataclass(frozen=True)
class Hit:
    """One matching page version, with what grouping and facets need and nothing to display."""

    page_id: int
    translation_key: str
    language: str
    score: float
    kind: str = ""
    topics: tuple = ()
    regions: tuple = ()
    status: str = ""
    outcome: str = ""
    languages: tuple = ()
    exact: bool = False  # the page has the query's exact words (CJK: as a phrase)


Progress = Callable[[int, int], None]


class SearchBackend:
    """An engine: indexes ``SearchDocument`` rows and answers queries with ``Hit`` lists."""

    name = ""
    supports_fuzzy = False
    is_external = False

    def search(self, query: EngineQuery) -> list[Hit]:
        raise NotImplementedError

    def autocomplete(self, prefix: str, *, limit: int) -> list[Hit]:
        raise NotImplementedError

    def index_documents(self, documents: Sequence) -> None:
        raise NotImplementedError

    def delete_documents(self, page_ids: Iterable[int]) -> None:
        raise NotImplementedError

    def rebuild(self, batches: Callable[[], Iterable[Sequence]], *, total: int, progress=None):
        """Index every document from scratch; readers keep getting answers meanwhile."""
        raise NotImplementedError


# What every engine returns of a matching document: the fields a ``Hit`` is made of.
HIT_FIELDS = (
    "page_id",
    "translation_key",
    "language",
    "kind",
    "topics",
    "regions",
    "status",
    "outcome",
    "languages",
)


def hit_from_row(row, score, *, exact=False):
    """A ``Hit`` from a mapping with the document's facet columns."""
    return Hit(
        page_id=int(row["page_id"]),
        translation_key=_uuid_text(row["translation_key"]),
        language=row["language"],
        score=float(score),
        kind=row.get("kind") or "",
        topics=tuple(_split(row.get("topics"))),
        regions=tuple(_split(row.get("regions"))),
        status=row.get("status") or "",
        outcome=row.get("outcome") or "",
        languages=tuple(_split(row.get("languages"))),
        exact=bool(exact),
    )


def _uuid_text(value):
    """A translation key as text with dashes, whether the engine gave a UUID or its hex."""
    if isinstance(value, uuid.UUID):
        return str(value)
    value = str(value)
    return value if len(value) == 36 else str(uuid.UUID(value))


def _split(value):
    if not value:
        return []
    if isinstance(value, str):
        return value.split()
    return list(value)
