"""The search facets and the engines' filter each one sets.

The filter form's fields, the facet counts and the filters sent to the engines are all named
from this one map, so adding or renaming a facet here changes all three together.
"""

# Facet (the form field and the page's query parameter) → the engines' filter name
# (``EngineQuery.filters``), in the order the page shows the facets.
FILTER_OF_FACET = {
    "type": "kind",
    "topic": "topic",
    "region": "region",
    "status": "status",
    "outcome": "outcome",
    "language": "language",
}

FACETS = tuple(FILTER_OF_FACET)
