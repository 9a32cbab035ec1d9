"""The search index never holds an example that is not published, whatever changes the example row:
database triggers remove an example's index rows when its state leaves "published" or the row is
deleted (on PostgreSQL also when the table is truncated, as a test flush does). `examples.search`
adds rows only for published examples, so the index holds exactly those (or fewer, until a reindex)."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER examples_search_unpublished AFTER UPDATE OF state ON examples_example
    WHEN NEW.state <> 'published' BEGIN
        DELETE FROM examples_search WHERE rowid = OLD.id;
        DELETE FROM examples_search_text WHERE example_id = OLD.id;
        DELETE FROM examples_examplefacet WHERE example_id = OLD.id;
    END""",
    """CREATE TRIGGER examples_search_deleted AFTER DELETE ON examples_example BEGIN
        DELETE FROM examples_search WHERE rowid = OLD.id;
        DELETE FROM examples_search_text WHERE example_id = OLD.id;
        DELETE FROM examples_examplefacet WHERE example_id = OLD.id;
    END""",
]
POSTGRESQL = [
    """CREATE FUNCTION examples_search_forget() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM examples_search WHERE example_id = OLD.id;
        DELETE FROM examples_search_text WHERE example_id = OLD.id;
        DELETE FROM examples_examplefacet WHERE example_id = OLD.id;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER examples_search_unpublished AFTER UPDATE OF state ON examples_example
    FOR EACH ROW WHEN (NEW.state <> 'published') EXECUTE FUNCTION examples_search_forget()""",
    """CREATE TRIGGER examples_search_deleted AFTER DELETE ON examples_example
    FOR EACH ROW EXECUTE FUNCTION examples_search_forget()""",
    """CREATE FUNCTION examples_search_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE examples_search, examples_search_text;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER examples_search_truncated AFTER TRUNCATE ON examples_example
    FOR EACH STATEMENT EXECUTE FUNCTION examples_search_truncate()""",
]
DROP = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS examples_search_unpublished",
        "DROP TRIGGER IF EXISTS examples_search_deleted",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS examples_search_unpublished ON examples_example",
        "DROP TRIGGER IF EXISTS examples_search_deleted ON examples_example",
        "DROP TRIGGER IF EXISTS examples_search_truncated ON examples_example",
        "DROP FUNCTION IF EXISTS examples_search_forget()",
        "DROP FUNCTION IF EXISTS examples_search_truncate()",
    ],
}


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in SQLITE if vendor == "sqlite" else POSTGRESQL:
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor):
    for statement in DROP[schema_editor.connection.vendor]:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("examples", "0004_moderators_group")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
