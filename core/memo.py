"""Values kept in the worker process, for what is the same for every reader.

A key must hold everything the value depends on: an entry is never invalidated, only superseded
by a new key (most keys hold the lookups generation, which ``caching.invalidation`` renews). A
store is emptied when it reaches its size, which bounds memory however many keys readers cause.

Every store registers itself here by name, so that the table of kept layers
(``caching/invalidation.py``) can name them and tests can empty them all at once
(``clear_all``).
"""

_stores = {}


def _site_wide(generations):
    """The lookups generation of a key's first part: the generation itself, or the first of
    the generations a lookup is kept under (the site-wide one, then its scopes')."""
    return generations[0] if isinstance(generations, tuple) else generations


class ProcessMemo:
    """``by_generation``: every key is a tuple that starts with the lookups generation (or
    with the generations a lookup is kept under, the site-wide one first); the first key of a
    newer site-wide generation empties the store, so that what a publish superseded is
    not kept until the store fills (with a publish every few seconds, that held hundreds of
    megabytes of dead markup per worker: benchmarks/soak.py)."""

    def __init__(self, name, max_entries, *, by_generation=False):
        if name in _stores:
            raise ValueError(f"A process memo named {name!r} exists already.")
        self.name = name
        self.max_entries = max_entries
        self.by_generation = by_generation
        self._generation = None
        self._values = {}
        _stores[name] = self

    def get(self, key):
        return self._values.get(key)

    def get_or_set(self, key, compute):
        value = self._values.get(key)
        if value is None:
            value = compute()
            generation = _site_wide(key[0]) if self.by_generation else None
            if self.by_generation and generation != self._generation:
                self._values.clear()
                self._generation = generation
            elif len(self._values) >= self.max_entries:
                self._values.clear()
            self._values[key] = value
        return value

    def set(self, key, value):
        if len(self._values) >= self.max_entries:
            self._values.clear()
        self._values[key] = value

    def clear(self):
        self._values.clear()


def stores():
    """Every process memo, by name."""
    return dict(_stores)


def clear_all():
    """Empty every process memo (tests, and a worker told that its memory is stale)."""
    for store in _stores.values():
        store.clear()
