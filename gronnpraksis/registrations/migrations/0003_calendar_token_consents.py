import secrets

from django.db import migrations, models

import gronnpraksis.registrations.models


def fill_calendar_tokens(apps, schema_editor):
    """Every existing registration gets its own calendar token (until now its feed used the manage token)."""
    Registration = apps.get_model("registrations", "Registration")
    for pk in Registration.objects.values_list("pk", flat=True).iterator():
        Registration.objects.filter(pk=pk).update(calendar_token=secrets.token_urlsafe(32))


def fill_news_consent_time(apps, schema_editor):
    """A registration that asked for news consented when it was made."""
    Registration = apps.get_model("registrations", "Registration")
    Registration.objects.filter(news_opt_in=True, news_consent_at__isnull=True).update(
        news_consent_at=models.F("privacy_accepted_at")
    )


class Migration(migrations.Migration):
    dependencies = [("registrations", "0002_vote_token_network_marker")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="calendar_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(fill_calendar_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="calendar_token",
            field=models.CharField(
                default=gronnpraksis.registrations.models.new_calendar_token,
                editable=False,
                max_length=64,
                unique=True,
            ),
        ),
        migrations.AddField(
            model_name="registration",
            name="consent_version",
            field=models.CharField(blank=True, max_length=20, verbose_name="version of the consent texts"),
        ),
        migrations.AddField(
            model_name="registration",
            name="news_consent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="news consent given"),
        ),
        migrations.AddField(
            model_name="registration",
            name="news_withdrawn_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="news consent withdrawn"),
        ),
        migrations.AddField(
            model_name="registration",
            name="anonymised_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="anonymised"),
        ),
        migrations.RunPython(fill_news_consent_time, migrations.RunPython.noop),
    ]
