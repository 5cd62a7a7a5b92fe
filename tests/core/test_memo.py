"""Process memos (``core.memo``): bounded by their size, and, for those keyed by the lookups
generation, emptied of what a publish superseded."""

import pytest

from actions.templatetags import action_tags
from core import memo
from core.images import _facts as image_facts
from core.images import _markup as image_markup
from core.lookups import _markup as page_markup
from core.lookups import _process as lookups_memo


@pytest.fixture
def stores():
    made = []

    def make(name, **kwargs):
        store = memo.ProcessMemo(f"test {name}", **kwargs)
        made.append(store.name)
        return store

    yield make
    for name in made:
        memo._stores.pop(name)


def test_a_store_is_emptied_when_full(stores):
    store = stores("full", max_entries=3)
    for n in range(3):
        store.get_or_set(("g1", n), lambda n=n: n)
    store.get_or_set(("g1", 3), lambda: 3)
    assert store.get(("g1", 0)) is None and store.get(("g1", 3)) == 3


def test_a_new_generation_drops_what_it_superseded_at_once(stores):
    store = stores("by generation", max_entries=1000, by_generation=True)
    for n in range(5):
        store.get_or_set(("g1", n), lambda n=n: f"old {n}")
    assert store.get_or_set(("g1", 4), lambda: "recomputed") == "old 4"
    store.get_or_set(("g2", 0), lambda: "new 0")
    assert [store.get(("g1", n)) for n in range(5)] == [None] * 5
    assert store.get(("g2", 0)) == "new 0"
    store.get_or_set(("g2", 1), lambda: "new 1")
    assert store.get(("g2", 0)) == "new 0"  # the same generation keeps what it has


def test_a_store_without_generations_keeps_every_key(stores):
    store = stores("plain", max_entries=1000)
    store.get_or_set(("g1", 0), lambda: "a")
    store.get_or_set(("g2", 0), lambda: "b")
    assert store.get(("g1", 0)) == "a"


def test_the_stores_keyed_by_the_generation_drop_superseded_entries():
    assert lookups_memo.by_generation and page_markup.by_generation
    assert image_markup.by_generation and image_facts.by_generation
    assert action_tags._panels.by_generation
    assert not action_tags._field_markup.by_generation  # keyed by the action alone


def test_scoped_keys_share_the_store_until_the_site_wide_generation_changes(stores):
    """Lookups kept under scopes (``core.lookups``: the site-wide generation, then each
    scope's) do not empty the store for one another; a new site-wide generation does."""
    store = stores("scoped", max_entries=1000, by_generation=True)
    store.get_or_set((("g1", "routes-1"), "route"), lambda: "a")
    store.get_or_set((("g1", "page-7"), "related"), lambda: "b")
    store.get_or_set((("g1", "page-8"), "related"), lambda: "c")
    assert store.get((("g1", "routes-1"), "route")) == "a"
    assert store.get((("g1", "page-7"), "related")) == "b"
    store.get_or_set((("g2", "page-7"), "related"), lambda: "d")
    assert store.get((("g1", "page-8"), "related")) is None
