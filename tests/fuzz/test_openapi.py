"""The API as portal/openapi.yaml describes it, checked by schemathesis.

Requests go through the portal's WSGI application in-process (in the test's database
transaction, so they see the demo site). Valid requests must get a documented status, content
type and body shape; requests the description calls invalid must be refused with a 4xx; none
may answer 5xx or show a trace.
"""

from functools import cache
from pathlib import Path

import schemathesis
from hypothesis import given
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from .support import TALLY, assert_clean, fuzz_settings

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "portal" / "openapi.yaml"
schema = schemathesis.openapi.from_path(SCHEMA_FILE)
CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@cache
def portal_app():
    """The portal's WSGI application, keeping the test's database connection open (as Django's
    test client does: a finished request would otherwise close it mid-transaction)."""
    handler = WSGIHandler()

    def app(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = handler(environ, start_response)
            body = b"".join(response)
            response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return [body]

    return app


def call_and_check(request, case, checks):
    # Uncompressed: the test client does not undo the portal's gzip, and traces must be readable.
    response = case.call(app=portal_app(), headers={"Accept-Encoding": "identity"})
    TALLY.add(request.node.nodeid, response.status_code)
    assert_clean(
        response.status_code,
        response.content.decode("utf-8", "replace"),
        request_line=f"{case.method} {case.formatted_path} {case.query}",
        sent=str(case.query) + str(case.path_parameters),
    )
    case.validate_response(response, checks=checks)


@fuzz_settings(250)
@given(case=schema.as_strategy(generation_mode=GenerationMode.POSITIVE))
def test_valid_requests_conform(request, db, case):
    call_and_check(request, case, CONFORMANCE)


@fuzz_settings(250)
@given(case=schema.as_strategy(generation_mode=GenerationMode.NEGATIVE))
def test_invalid_requests_are_refused(request, db, case):
    call_and_check(request, case, [*CONFORMANCE, negative_data_rejection])
