"""Fixtures for the fuzz tests: a client that checks every answer, and the run's count.

The number of requests made is printed at the end of the run, and each test must have made
at least half as many as it was given examples (hypothesis stops early only when a strategy
has nothing new to try, which none of these should).
"""

import time
from urllib.parse import quote, unquote_plus, urlencode

import pytest
import schemathesis.generation.hypothesis.builder  # noqa: F401 - patches Hypothesis, once
from hypothesis import core as hypothesis_core
from hypothesis.vendor import pretty

from django.core.cache import cache
from django.test import Client

from .support import TALLY, assert_clean, examples_of

STARTED = time.monotonic()

# Schemathesis swaps Hypothesis' printer for one that prints nothing, to save time in its own
# runs: a failing example would show no values. Its pytest plugin, which did that in every run, is
# off (``-p no:schemathesis`` in pyproject.toml), but the library does it too, the first time it
# builds a strategy (test_openapi.py, at collection). It does it only once: done here on import
# of the module above, it is undone at once.
hypothesis_core.RepresentationPrinter = pretty.RepresentationPrinter


class FuzzClient:
    """Sends requests through Django's test client and checks every answer (see support.py)."""

    def __init__(self, test, client):
        self.test = test
        self.client = client

    def get(self, path, pairs=(), *, raw_query=None):
        """GET with ``pairs`` (name, value) as the query, or ``raw_query`` as it is."""
        query = raw_query if raw_query is not None else urlencode(list(pairs))
        url = f"{path}?{query}" if query else path
        sent = unquote_plus(raw_query) if raw_query is not None else pairs
        return self.check("GET", url, self.client.get(url), sent=sent)

    def post(self, path, data=None, *, body=None, content_type=None):
        """POST ``data`` as a form, or ``body`` as it is, whatever charset the type names."""
        if body is not None:
            response = self.client.generic("POST", path, body, content_type=content_type)
            return self.check("POST", path, response, sent=body.decode("utf-8", "replace"))
        return self.check("POST", path, self.client.post(path, data or {}), sent=data or {})

    def check(self, method, url, response, *, sent):
        TALLY.add(self.test, response.status_code)
        assert_clean(
            response.status_code,
            response.content.decode("utf-8", "replace"),
            request_line=f"{method} {url[:500]}",
            sent=sent_text(sent),
        )
        return response


def sent_text(sent):
    if isinstance(sent, str):
        return sent
    if isinstance(sent, dict):
        sent = sent.items()
    return " ".join(f"{key} {value}" for key, value in sent)


def path_segment(value):
    return quote(value, safe="")


@pytest.fixture(autouse=True)
def _enough_requests(request):
    """Each fuzz test sends at least one request for every other example it was given."""
    yield
    given = examples_of(request.function)
    sent = TALLY.by_test.get(request.node.nodeid, 0)
    assert sent >= given // 2, f"{sent} requests for {given} examples"


@pytest.fixture
def fuzz(request, db):
    """A checking client; cached counters (rate limits, mail throttles) start empty."""
    cache.clear()
    yield FuzzClient(request.node.nodeid, Client())
    cache.clear()


def pytest_terminal_summary(terminalreporter):
    if not TALLY.requests:
        return
    statuses = ", ".join(f"{status}: {count}" for status, count in sorted(TALLY.by_status.items()))
    terminalreporter.write_sep("-", "fuzz")
    terminalreporter.write_line(
        f"{TALLY.requests} fuzzed requests in {len(TALLY.by_test)} tests, "
        f"{time.monotonic() - STARTED:.0f}s since collection (the demo's loading included)"
    )
    terminalreporter.write_line(f"answers by status: {statuses}")
    for test, count in sorted(TALLY.by_test.items()):
        terminalreporter.write_line(f"  {count:6d}  {test}")
