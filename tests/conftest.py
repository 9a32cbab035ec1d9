"""Fixtures for the tests outside the apps (burst, stack, browser)."""

import copy
import os
from collections.abc import Iterator

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from pytest_django import DjangoDbBlocker

from tests.burst import harness
from tests.burst.database import BurstDatabase, _default_database, _server_cursor


@pytest.fixture(scope="module")
def burst_database(
    django_db_blocker: DjangoDbBlocker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BurstDatabase]:
    """A database of its own for a burst test module (a file for SQLite, a database for PostgreSQL),
    migrated, the `default` alias pointed at it; dropped afterwards."""
    suite_settings = connections.settings[DEFAULT_DB_ALIAS]
    settings_dict = copy.deepcopy(suite_settings)
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    with django_db_blocker.unblock():
        if vendor == "sqlite":
            name = str(tmp_path_factory.mktemp("burst") / "burst.sqlite3")
        elif vendor == "postgresql":
            name = f"gp_burst_{os.getpid()}"
            with _server_cursor(settings_dict) as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cursor.execute(f'CREATE DATABASE "{name}"')
        else:
            pytest.skip(f"no burst setup for {vendor}")
        settings_dict["NAME"] = name
        try:
            harness.migrate(name)
            with _default_database(settings_dict):
                yield BurstDatabase(vendor=vendor, name=name)
        finally:
            if vendor == "postgresql":
                with _server_cursor(settings_dict) as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
