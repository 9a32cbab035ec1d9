"""The search index's row per example (`examples_search_text`) also holds what a search reads besides
the terms: when the example was created (the order of "newest") and its filter values, packed in one
text ("theme:energi county:42 …") that is counted in Python for the matches of a search. Searches then
read one row per match. On SQLite the new columns come before the title and body terms, so they are read
without the pages a long body spills onto. The rows are filled from what the index already holds."""

from django.db import migrations

# An example's filter values, from the facet rows (string aggregation is named apart on each database).
PACKED = (
    "(SELECT COALESCE({aggregate}(f.facet || ':' || f.value, ' '), '') "
    "FROM examples_examplefacet f WHERE f.example_id = t.example_id)"
)
SQLITE_COLUMNS = (
    "example_id integer PRIMARY KEY, created_at datetime NOT NULL, facets text NOT NULL, "
    "title text NOT NULL, body text NOT NULL"
)
FORWARD = {
    # SQLite cannot add a column before another: the table is made anew under the same name (a rename
    # would rewrite the triggers of migration 0005 to the old name).
    "sqlite": [
        f"CREATE TABLE examples_search_next ({SQLITE_COLUMNS})",
        "INSERT INTO examples_search_next (example_id, created_at, facets, title, body) "
        f"SELECT t.example_id, e.created_at, {PACKED.format(aggregate='group_concat')}, t.title, t.body "
        "FROM examples_search_text t JOIN examples_example e ON e.id = t.example_id",
        "DROP TABLE examples_search_text",
        f"CREATE TABLE examples_search_text ({SQLITE_COLUMNS})",
        "INSERT INTO examples_search_text SELECT * FROM examples_search_next",
        "DROP TABLE examples_search_next",
    ],
    "postgresql": [
        "ALTER TABLE examples_search_text "
        "ADD COLUMN created_at timestamptz, ADD COLUMN facets text NOT NULL DEFAULT ''",
        f"UPDATE examples_search_text t SET created_at = e.created_at, facets = {PACKED.format(aggregate='string_agg')} "
        "FROM examples_example e WHERE e.id = t.example_id",
        "ALTER TABLE examples_search_text ALTER COLUMN created_at SET NOT NULL, ALTER COLUMN facets DROP DEFAULT",
    ],
}
BACKWARD = {
    "sqlite": [
        "CREATE TABLE examples_search_next (example_id integer PRIMARY KEY, title text NOT NULL, body text NOT NULL)",
        "INSERT INTO examples_search_next SELECT example_id, title, body FROM examples_search_text",
        "DROP TABLE examples_search_text",
        "CREATE TABLE examples_search_text (example_id integer PRIMARY KEY, title text NOT NULL, body text NOT NULL)",
        "INSERT INTO examples_search_text SELECT * FROM examples_search_next",
        "DROP TABLE examples_search_next",
    ],
    "postgresql": ["ALTER TABLE examples_search_text DROP COLUMN created_at, DROP COLUMN facets"],
}


def forward(apps, schema_editor):
    for statement in FORWARD[schema_editor.connection.vendor]:
        schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    for statement in BACKWARD[schema_editor.connection.vendor]:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("examples", "0005_search_index_triggers")]

    operations = [migrations.RunPython(forward, backward)]
