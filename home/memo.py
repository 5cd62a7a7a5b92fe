"""Markup kept in the worker process, for fragments that are the same for every reader.

A key must hold everything the markup depends on: a fragment is never invalidated, only
superseded by a new key. The store is emptied when it reaches its size, which bounds memory
however many keys readers cause.
"""


class ProcessMemo:
    def __init__(self, max_entries):
        self.max_entries = max_entries
        self._values = {}

    def get_or_set(self, key, compute):
        value = self._values.get(key)
        if value is None:
            value = compute()
            if len(self._values) >= self.max_entries:
                self._values.clear()
            self._values[key] = value
        return value

    def clear(self):
        self._values.clear()
