from django.db import migrations


def load(apps, schema_editor):
    from gronnpraksis.places.services import load_places_2024

    load_places_2024(
        county_model=apps.get_model("places", "County"),
        municipality_model=apps.get_model("places", "Municipality"),
    )


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
