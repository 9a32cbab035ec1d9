from django.db import migrations


def load(apps, schema_editor):
    from gronnpraksis.places.services import load_neighbours_2024

    load_neighbours_2024(municipality_model=apps.get_model("places", "Municipality"))


def unload(apps, schema_editor):
    apps.get_model("places", "Municipality").neighbours.through.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0003_municipality_neighbours")]

    operations = [migrations.RunPython(load, unload)]
