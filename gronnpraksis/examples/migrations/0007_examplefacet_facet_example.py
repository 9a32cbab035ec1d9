"""An index on the facet rows by (facet, example, value), with which SQLite counts a facet over many
matches a third faster; the foreign key loses its own index, as the primary key begins with it.

Changing the foreign key makes SQLite build the table anew, which it refuses while migration 0005's
triggers name the table: they are dropped first and made again at the end. Any later migration that
makes SQLite rebuild `examples_examplefacet` or `examples_example` must do the same."""

import importlib

import django.db.models.deletion
from django.db import migrations, models

triggers = importlib.import_module("gronnpraksis.examples.migrations.0005_search_index_triggers")


class Migration(migrations.Migration):
    dependencies = [("examples", "0006_search_text_facets")]

    operations = [
        migrations.RunPython(triggers.drop_triggers, triggers.create_triggers),
        migrations.AlterField(
            model_name="examplefacet",
            name="example",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="examples.example",
            ),
        ),
        migrations.AddIndex(
            model_name="examplefacet",
            index=models.Index(fields=["facet", "example", "value"], name="examplefacet_facet_example"),
        ),
        migrations.RunPython(triggers.create_triggers, triggers.drop_triggers),
    ]
