"""Test set-up: the demo site is loaded once per run, so every test sees real content in every
language; each test runs in a transaction that is rolled back."""

import threading

import pytest

from django.core.management import call_command
from django.test import Client

from wagtail.models import Locale

DEMO_LANGUAGES = ["en", "fr", "es", "ru", "zh-hans", "ar"]
ALL_LANGUAGES = ["en", "ar", "de", "es", "fr", "hi", "pt-br", "ru", "zh-hans"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", "--no-admin", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def client():
    return Client()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the source language, whatever a previous one left active."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache and empty per-process memos: what an earlier test
    kept came from data that its rollback has since removed."""
    from django.core.cache import cache

    from core import memo

    cache.clear()
    memo.clear_all()
    yield


@pytest.fixture
def page_cache(settings):
    """The full-page cache on (tests run with it off), empty before and after."""
    from django.core.cache import cache

    settings.PORTAL_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


class _CommittingHandler:
    """Serves each request as if it committed at its end: on SQLite in memory the server
    thread shares the test's connection, inside the test's transaction, so the on-commit work
    of a request (the search index, the purges, the mails) would otherwise never run.

    Requests are served one at a time: the server answers each in a thread of its own, and
    they all share that one connection and its list of on-commit callbacks, so that two at once
    would run (or drop) each other's callbacks and interleave their queries."""

    _serving = threading.Lock()

    def __call__(self, environ, start_response):
        from django.test import TestCase

        with self._serving, TestCase.captureOnCommitCallbacks(execute=True):
            return super().__call__(environ, start_response)


class _EdgeIncludes:
    """As ``portal/wsgi.py``: the edge's includes answered before Django when they can be."""

    def __call__(self, environ, start_response):
        from caching.includes import fast_path

        return fast_path(super().__call__)(environ, start_response)


def _server_handler(committing):
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    bases = (_EdgeIncludes, _CommittingHandler) if committing else (_EdgeIncludes,)
    return type("PortalHandler", (*bases, StaticFilesHandler), {})


@pytest.fixture(scope="session")
def portal_server(django_db_setup, django_db_blocker):
    """The portal served from a thread over the test database, for the whole run.

    pytest-django's ``live_server`` makes each test transactional, which empties the database
    after it; the demo site loaded once per run must survive, and these tests only read.
    """
    from django.db import connections
    from django.test.testcases import LiveServerThread

    with django_db_blocker.unblock():
        shared = {
            connection.alias: connection
            for connection in connections.all()
            if connection.vendor == "sqlite" and connection.is_in_memory_db()
        }
        for connection in shared.values():
            connection.inc_thread_sharing()
        handler = _server_handler(committing=bool(shared))
        thread = LiveServerThread("localhost", handler, connections_override=shared)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield f"http://localhost:{thread.port}"
        thread.terminate()
        for connection in shared.values():
            connection.dec_thread_sharing()
