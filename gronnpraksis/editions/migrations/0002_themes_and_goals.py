from django.db import migrations

THEMES = [
    ("bygg", "Bygg og eiendom", "Buildings and property"),
    ("transport", "Transport og mobilitet", "Transport and mobility"),
    ("mat", "Mat", "Food"),
    ("energi", "Energi", "Energy"),
    ("sirkularokonomi", "Sirkulærøkonomi", "Circular economy"),
    ("areal-og-natur", "Areal og natur", "Land use and nature"),
    ("landbruk", "Landbruk", "Agriculture"),
    ("klimatilpasning", "Klimatilpasning", "Climate adaptation"),
    ("innkjop", "Innkjøp", "Procurement"),
    ("medvirkning", "Medvirkning", "Participation"),
    ("naeringsutvikling", "Næringsutvikling", "Business development"),
    ("klimaledelse", "Klimaledelse og styring", "Climate governance"),
]


def load(apps, schema_editor):
    Theme = apps.get_model("editions", "Theme")
    Goal = apps.get_model("editions", "Goal")
    for position, (slug, name, name_en) in enumerate(THEMES):
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "position": position})
    for number in range(1, 18):
        Goal.objects.get_or_create(number=number)


class Migration(migrations.Migration):
    dependencies = [("editions", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
