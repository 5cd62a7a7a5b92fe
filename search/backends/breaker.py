"""The circuit breaker in front of the external engine.

A query goes to the configured cluster, or to the database when the cluster fails. After a
failure the cluster is left alone for ``PORTAL_SEARCH_RETRY_AFTER`` seconds (the flag is kept in
the cache, so every process sees it), so readers do not wait for a timeout on every search while
it is down. What to do with a failure beyond logging it is the caller's: ``on_failure`` is given
by the service layer (it records an incident for the admin), so this package imports nothing
from the rest of the app.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from .base import SearchBackendError
from .database import database_backend

logger = logging.getLogger(__name__)

CIRCUIT_KEY = "portal-search:engine-down:{}"

# Called as ``on_failure(backend=name, operation=operation_name, error=error)``.
FailureCallback = Callable[..., None]


@dataclass
class EngineAnswer:
    hits: list
    backend: str
    fallback: bool = False


def run_on_engine(operation, *, on_failure: FailureCallback, operation_name="search"):
    """Run ``operation(backend)`` on the configured engine, or on the database when it fails.

    A failure (down, refused, slower than PORTAL_SEARCH_TIMEOUT) is passed to ``on_failure``
    and opens the circuit.
    """
    from . import external_backend  # the package imports this module

    try:
        backend = external_backend()
    except SearchBackendError as error:
        on_failure(backend="cluster", operation=operation_name, error=error)
        backend = None
    if backend is not None:
        circuit = CIRCUIT_KEY.format(backend.name)
        if cache.get(circuit):
            return EngineAnswer(operation(database_backend()), "database", fallback=True)
        try:
            return EngineAnswer(operation(backend), backend.name)
        except Exception as error:  # any failure of the engine falls back
            if not isinstance(error, SearchBackendError):
                logger.exception("Unexpected error from the %s search engine", backend.name)
            on_failure(backend=backend.name, operation=operation_name, error=error)
            cache.set(circuit, True, settings.PORTAL_SEARCH_RETRY_AFTER)
            return EngineAnswer(operation(database_backend()), "database", fallback=True)
    return EngineAnswer(operation(database_backend()), "database")
