"""What every fuzzed request must satisfy, the settings profile the fuzz tests share, and the
count of requests they made.

Each request must answer below 500 and show no stack trace: no ``Traceback``, no source
location (``File "/…``) and no exception class name, unless the request itself sent that text
(the search page shows the query back, for instance).
"""

import os
import re
from dataclasses import dataclass, field

from hypothesis import HealthCheck, settings

PROFILE = "portal-fuzz"
# A long run: PORTAL_FUZZ_EXAMPLES=2000 gives every fuzz test that many examples.
LONG_RUN_EXAMPLES = int(os.environ.get("PORTAL_FUZZ_EXAMPLES") or 0)

settings.register_profile(
    PROFILE,
    deadline=None,  # a first request renders templates and warms caches
    database=None,  # nothing written into the working tree; a failure prints its reproduction
    print_blob=True,
    suppress_health_check=[
        # The client and the database transaction are function-scoped on purpose: every example
        # runs in the test's transaction, rolled back at the end.
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
)

LEAK_MARKERS = (
    "Traceback",
    'File "/',
    "Exception Value",
    "django.db.utils",
    "OperationalError",
    "ProgrammingError",
    "IntegrityError",
    "DataError",
    "InterfaceError",
    "InternalError",
    "DatabaseError",
    "psycopg",
    "sqlite3",
)
# ``ValueError: …``, ``KeyError: …``: an exception as Python prints it.
EXCEPTION_LINE = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception|Warning): ")


def fuzz_settings(examples):
    """The profile with this test's number of examples, or the long run's."""
    return settings(settings.get_profile(PROFILE), max_examples=LONG_RUN_EXAMPLES or examples)


def examples_of(test):
    """The number of examples a fuzz test was given (see ``fuzz_settings``)."""
    chosen = getattr(test, "_hypothesis_internal_use_settings", None)
    return chosen.max_examples if chosen is not None else 0


@dataclass
class Tally:
    requests: int = 0
    by_status: dict = field(default_factory=dict)
    by_test: dict = field(default_factory=dict)

    def add(self, test, status):
        self.requests += 1
        self.by_status[status] = self.by_status.get(status, 0) + 1
        self.by_test[test] = self.by_test.get(test, 0) + 1


TALLY = Tally()


def leaks(body, sent=""):
    """The stack-trace markers in ``body`` that the request did not send itself."""
    found = [marker for marker in LEAK_MARKERS if marker in body and marker not in sent]
    found += [match for match in EXCEPTION_LINE.findall(body) if match not in sent]
    return found


def assert_clean(status, body, *, request_line, sent=""):
    assert status < 500, f"{status} for {request_line}\n{body[:2000]}"
    found = leaks(body, sent)
    assert not found, f"{found} in the answer to {request_line}\n{body[:2000]}"
