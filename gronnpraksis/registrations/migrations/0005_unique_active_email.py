import django.db.models.functions.text
from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone


def cancel_duplicates(apps, schema_editor):
    """Before the unique index: of several active registrations of one address for one edition,
    keep the earliest and cancel the others, giving their seats back."""
    Registration = apps.get_model("registrations", "Registration")
    Capacity = apps.get_model("editions", "Capacity")
    Seat = apps.get_model("registrations", "Seat")
    seen: set[tuple[int, str]] = set()
    active = Registration.objects.exclude(status="cancelled").exclude(email="").annotate(address=Lower("email"))
    for registration in active.order_by("created_at", "id"):
        key = (registration.edition_id, registration.address)
        if key not in seen:
            seen.add(key)
            continue
        for seat in Seat.objects.filter(registration=registration):
            Capacity.objects.filter(pk=seat.capacity_id, taken__gt=0).update(taken=F("taken") - 1)
            seat.delete()
        Registration.objects.filter(pk=registration.pk).update(
            status="cancelled", cancelled_at=timezone.now(), waitlisted_at=None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("editions", "0004_team_juror"),
        ("registrations", "0004_alter_registration_edition"),
    ]

    operations = [
        migrations.RunPython(cancel_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.UniqueConstraint(
                models.F("edition"),
                django.db.models.functions.text.Lower("email"),
                condition=models.Q(
                    models.Q(("status", "cancelled"), _negated=True), models.Q(("email", ""), _negated=True)
                ),
                name="registration_unique_active_email",
            ),
        ),
    ]
