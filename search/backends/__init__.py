"""Search engine adapters, chosen by ``PORTAL_SEARCH_BACKEND``.

``database`` (the default) is always there: it is the embedded engine, and the fallback that
answers when an external engine is down or slow. Every document is indexed in the database
whatever the setting; ``elasticsearch`` and ``opensearch`` index it in a cluster as well.
Queries reach a cluster through the circuit breaker (``run_on_engine``, in ``breaker``).
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import EngineQuery, Hit, Phrase, SearchBackend, SearchBackendError
from .breaker import CIRCUIT_KEY, EngineAnswer, run_on_engine
from .database import database_backend

EXTERNAL_BACKENDS = ("elasticsearch", "opensearch")

__all__ = [
    "CIRCUIT_KEY",
    "EngineAnswer",
    "EngineQuery",
    "Hit",
    "Phrase",
    "SearchBackend",
    "SearchBackendError",
    "database_backend",
    "external_backend",
    "get_backend",
    "run_on_engine",
]


def external_backend():
    """The configured cluster's adapter, or None when the database is the engine."""
    name = settings.PORTAL_SEARCH_BACKEND
    if name == "database":
        return None
    if name not in EXTERNAL_BACKENDS:
        raise ImproperlyConfigured(
            f"PORTAL_SEARCH_BACKEND must be database, elasticsearch or opensearch, not {name!r}."
        )
    from .cluster import from_settings  # only for an engine in use

    return from_settings(name)


def get_backend():
    """The engine that answers queries."""
    return external_backend() or database_backend()
