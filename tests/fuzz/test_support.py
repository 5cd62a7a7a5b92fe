"""The checks every fuzzed answer goes through catch what they should, and only that."""

import pytest

from .support import assert_clean, leaks

TRACE = """Traceback (most recent call last):
  File "/srv/portal/home/api.py", line 12, in view
ValueError: invalid literal for int() with base 10: 'abc'"""


def test_a_trace_is_caught():
    assert leaks(f"<pre>{TRACE}</pre>") == ["Traceback", 'File "/', "ValueError: "]


@pytest.mark.parametrize(
    "body",
    ["django.db.utils.OperationalError", "psycopg.DataError", "KeyError: 'To'"],
)
def test_database_and_exception_names_are_caught(body):
    assert leaks(body)


def test_what_the_request_sent_back_is_not_a_leak():
    """The search page shows the query: searching for "ValueError: x" is not a trace."""
    assert leaks('{"query": "ValueError: x"}', sent="q ValueError: x") == []


def test_a_server_error_fails_whatever_the_body():
    with pytest.raises(AssertionError, match="503 for GET /"):
        assert_clean(503, "Service unavailable", request_line="GET /")
    assert_clean(404, "<h1>Page not found</h1>", request_line="GET /x/")
