"""The search index's own migrations keep what is indexed, on both databases: 0006 fills the new
columns of `examples_search_text` from the example rows and the facet rows, 0007 rebuilds the facet
table on SQLite around migration 0005's triggers, and both go back. `reindex_all` leaves the facet
rows' indexes as the model declares them."""

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gronnpraksis.examples import search
from gronnpraksis.examples.models import Example, ExampleFacet, ModerationState
from tests.bank_data import publish
from tests.factories import ensure_reference_data

BEFORE, LATEST = ("examples", "0005_search_index_triggers"), ("examples", "0007_examplefacet_facet_example")


def migrate(target: tuple[str, str]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


def text_row(example_id: int) -> tuple[Any, ...]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT created_at, facets, title FROM examples_search_text WHERE example_id = %s", [example_id]
        )
        return cursor.fetchone()


@pytest.fixture
def migratable(transactional_db):
    """Migrations run outside a test's transaction; the flush that ends the test takes the data the
    migrations loaded with it, which is then put back for the tests that follow."""
    ensure_reference_data()
    yield
    call_command("migrate", verbosity=0)


@pytest.fixture(scope="module", autouse=True)
def _restore_reference_data_after_module(django_db_setup, django_db_blocker):
    yield
    with django_db_blocker.unblock():
        ensure_reference_data()


def test_the_migrations_keep_the_index_and_its_triggers_both_ways(migratable):
    example = publish("Sykkelparkering ved skolen", themes=("transport",))
    packed = set(text_row(example.pk)[1].split())

    migrate(BEFORE)
    migrate(LATEST)

    created_at, facets, title = text_row(example.pk)
    assert set(facets.split()) == packed
    assert {"theme:transport", "county:42", "municipality:4204"} <= packed
    assert title == " sykkelparkering skol "
    assert str(created_at)[:19] == str(connection.ops.adapt_datetimefield_value(example.created_at))[:19]
    call_command("migrate", verbosity=0)  # the later migrations (not the index's), for the models' columns
    assert [e.title for e in search.search("sykler", filters={"theme": ["transport"]}).examples] == [
        "Sykkelparkering ved skolen"
    ]
    # The triggers are back: an example unpublished behind the index's back leaves it.
    Example.objects.filter(pk=example.pk).update(state=ModerationState.REJECTED)
    assert text_row(example.pk) is None
    assert not ExampleFacet.objects.filter(example_id=example.pk).exists()


@pytest.mark.django_db
def test_reindex_all_leaves_the_facet_rows_indexed_as_the_model_declares():
    publish("Sykkelparkering ved skolen", themes=("transport",))

    assert search.reindex_all(batch_size=1) == 1

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, ExampleFacet._meta.db_table)
    columns = {tuple(c["columns"]) for c in constraints.values() if c["index"]}
    assert {("facet", "value", "example_id"), ("facet", "example_id", "value")} <= columns
