"""The burst tests' database of its own: shared by the test process, its threads and the server it starts
(`burst_database`, in tests/conftest.py, makes it)."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.utils import CursorWrapper
from django.db.utils import load_backend

from gronnpraksis.editions.models import Capacity, Edition
from tests.factories import EditionFactory

# --- A database of its own, shared by this process, its threads and the server -------------------


@dataclass
class BurstDatabase:
    vendor: str  # "sqlite" or "postgresql"
    name: str  # DB_NAME for the server: a file path (SQLite) or a database name (PostgreSQL)


@contextmanager
def _default_database(settings_dict: dict) -> Iterator[None]:
    """Point the `default` alias at `settings_dict` in this thread and in every thread started
    meanwhile; put the suite's own connection back afterwards, untouched."""
    suite_settings = connections.settings[DEFAULT_DB_ALIAS]
    suite_connection = connections[DEFAULT_DB_ALIAS]  # a wrapper; creating it does not connect
    connections.settings[DEFAULT_DB_ALIAS] = settings_dict
    del connections[DEFAULT_DB_ALIAS]
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS].close()
        connections.settings[DEFAULT_DB_ALIAS] = suite_settings
        connections[DEFAULT_DB_ALIAS] = suite_connection


def _server_cursor(settings_dict: dict[str, Any]) -> CursorWrapper:
    """A cursor on the PostgreSQL server's maintenance database, to create and drop databases."""
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="burst_admin")
    return wrapper._nodb_cursor()


def _edition_with_quota(quota: int) -> Edition:
    """An open two-day edition whose seats are all counted in one Capacity row."""
    edition = EditionFactory()
    edition.capacity = Capacity.objects.create(edition=edition, label="Seats", limit=quota)
    edition.save(update_fields=["capacity"])
    return edition
