"""The judged relevance set: documents written for this project, queries with their relevant
documents, and the measures computed from a ranking.

Pure Python, no Django: ``run.py`` reads it before Django is set up and the tests read it at
collection time.

* ``documents/<language>.json``: a list of ``{"id", "kind" (campaign or story), "title",
  "summary", "paragraphs": [...]}``; each document becomes one page of its own translation
  group in that language.
* ``queries.json``: a list of ``{"id", "reader", "query", "category", "relevant": {document id:
  grade}}``. Grade 2: the page the query is aimed at, which must be on the first results page;
  grade 1: also relevant. MRR@10 and recall@10 count every judged document (grade 1 or 2).
"""

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCUMENTS_DIR = HERE / "documents"
QUERIES_FILE = HERE / "queries.json"
CUTOFF = 10
MUST_FIND = 2


@dataclass(frozen=True)
class Document:
    id: str
    language: str
    kind: str
    title: str
    summary: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Query:
    id: str
    reader: str
    text: str
    category: str
    relevant: dict = field(hash=False)

    @property
    def must_find(self):
        return sorted(doc for doc, grade in self.relevant.items() if grade >= MUST_FIND)


def load_documents(directory=DOCUMENTS_DIR):
    documents = []
    for path in sorted(Path(directory).glob("*.json")):
        language = path.stem
        for item in json.loads(path.read_text(encoding="utf-8")):
            documents.append(
                Document(
                    id=item["id"],
                    language=language,
                    kind=item["kind"],
                    title=item["title"],
                    summary=item["summary"],
                    paragraphs=tuple(item["paragraphs"]),
                )
            )
    ids = [document.id for document in documents]
    if len(ids) != len(set(ids)):
        raise ValueError("document ids must be unique")
    return documents


def load_queries(path=QUERIES_FILE, *, documents=None):
    queries = [
        Query(
            id=item["id"],
            reader=item["reader"],
            text=item["query"],
            category=item["category"],
            relevant=dict(item["relevant"]),
        )
        for item in json.loads(Path(path).read_text(encoding="utf-8"))
    ]
    known = {document.id for document in documents or load_documents()}
    for query in queries:
        unknown = set(query.relevant) - known
        if unknown:
            raise ValueError(f"{query.id}: no such documents {sorted(unknown)}")
    return queries


# -- measures -------------------------------------------------------------------------------------


def reciprocal_rank(ranking, relevant, *, cutoff=CUTOFF):
    """1/rank of the first relevant document within ``cutoff``, else 0."""
    for position, document in enumerate(ranking[:cutoff], start=1):
        if document in relevant:
            return 1 / position
    return 0.0


def recall(ranking, relevant, *, cutoff=CUTOFF):
    """The share of the relevant documents found within ``cutoff``."""
    if not relevant:
        return 1.0
    return len(set(ranking[:cutoff]) & set(relevant)) / len(relevant)


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def latency(samples_ms):
    return {
        "n": len(samples_ms),
        "p50_ms": round(percentile(samples_ms, 0.5), 1),
        "p95_ms": round(percentile(samples_ms, 0.95), 1),
        "max_ms": round(max(samples_ms), 1),
    }


def score(query, ranking, *, page_size):
    """What one ranking is worth for ``query``. ``ranking`` lists the result groups, best
    first: a judged document's id, or None for another page (the demo site's).

    MRR@10 and recall@10 are measured among the judged documents only (the other pages were
    never judged, and some are relevant too); "on the first page" is measured on the whole
    results list, as a reader sees it."""
    condensed = [document for document in ranking if document is not None]
    first_page = ranking[:page_size]

    def rank(document, ordered):
        return ordered.index(document) + 1 if document in ordered else None

    return {
        "id": query.id,
        "reader": query.reader,
        "query": query.text,
        "category": query.category,
        "rr": round(reciprocal_rank(condensed, query.relevant), 4),
        "recall": round(recall(condensed, query.relevant), 4),
        "on_first_page": all(document in first_page for document in query.must_find),
        "ranks": {
            document: [rank(document, condensed), rank(document, ranking)]
            for document in sorted(query.relevant)
        },
    }


def summarise(rows):
    """MRR@10, recall@10 and the share of queries whose aimed-at pages are on the first
    results page, per reader language and overall."""

    def block(selected):
        return {
            "queries": len(selected),
            "mrr_at_10": round(statistics.fmean(row["rr"] for row in selected), 3),
            "recall_at_10": round(statistics.fmean(row["recall"] for row in selected), 3),
            "on_first_page": sum(row["on_first_page"] for row in selected),
        }

    readers = sorted({row["reader"] for row in rows})
    return {
        "languages": {
            reader: block([r for r in rows if r["reader"] == reader]) for reader in readers
        },
        "categories": {
            category: block([r for r in rows if r["category"] == category])
            for category in sorted({row["category"] for row in rows})
        },
        "overall": block(rows),
    }
