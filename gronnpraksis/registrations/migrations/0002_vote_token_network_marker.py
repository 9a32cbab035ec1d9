"""The vote link gets its own token (the manage token no longer opens the vote), and registrations keep
a network marker for the vote's checks. Existing registrations each get a fresh vote token."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

import gronnpraksis.registrations.models


def give_vote_tokens(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Registration = apps.get_model("registrations", "Registration")
    batch = []
    for registration in Registration.objects.filter(vote_token__isnull=True).only("pk").iterator():
        registration.vote_token = gronnpraksis.registrations.models.new_vote_token()
        batch.append(registration)
        if len(batch) >= 1000:
            Registration.objects.bulk_update(batch, ["vote_token"])
            batch = []
    Registration.objects.bulk_update(batch, ["vote_token"])


class Migration(migrations.Migration):
    dependencies = [("registrations", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="vote_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(give_vote_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="vote_token",
            field=models.CharField(
                default=gronnpraksis.registrations.models.new_vote_token,
                editable=False,
                max_length=64,
                unique=True,
            ),
        ),
        migrations.AddField(
            model_name="registration",
            name="network_marker",
            field=models.CharField(blank=True, editable=False, max_length=16),
        ),
    ]
