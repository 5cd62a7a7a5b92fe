"""The cluster's index: its fields, and the analysis of the exact-word fields.

Text and queries are normalised in Python before they are sent (``search.analysis.normalise``),
the same way as for the database engines. A custom analyzer with ``cjk_bigram`` (and a mapping
character filter, ``elision``, ``possessive_english``) was tried for the exact-word fields:
osmem-server, the tests' stand-in, ignores the character and elision filters and does not apply
the custom bigrams to queries, so a tested setup would not be possible; the built-in ``cjk``
analyzer makes the same bigrams on every engine.
"""

from .base import HIT_FIELDS

FACET_FIELDS = list(HIT_FIELDS)
KEYWORD = {"type": "keyword"}
FIELD_WEIGHTS = (("title", 3), ("summary", 2), ("body", 1))
EXACT_FIELDS = ["exact.title^3", "exact.summary^2", "exact.body"]
# Exact words: the built-in ``cjk`` analyzer (standard tokenizer, lower case, CJK as bigrams;
# English stop words dropped). The text arrives normalised (apostrophes, elisions, possessives).
EXACT_ANALYZER = "cjk"


def index_body(analyzers):
    """Settings and mappings of a new index; ``analyzers``: each language's analyzer."""
    properties = {name: KEYWORD for name in FACET_FIELDS}
    properties["page_id"] = {"type": "long"}
    for field, _weight in FIELD_WEIGHTS:
        properties[field] = {
            "properties": {
                language: {"type": "text", "analyzer": analyzer}
                for language, analyzer in analyzers.items()
            }
        }
    properties["exact"] = {
        "properties": {
            field: {"type": "text", "analyzer": EXACT_ANALYZER} for field, _w in FIELD_WEIGHTS
        }
    }
    properties["title_words"] = {"type": "text", "analyzer": "simple"}
    properties["indexed_at"] = {"type": "date"}
    return {
        "settings": {"number_of_shards": 1},
        "mappings": {"dynamic": "strict", "properties": properties},
    }
