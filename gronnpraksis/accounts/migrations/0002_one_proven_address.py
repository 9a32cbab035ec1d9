"""One address per account, proven only by a code or link (issue 11, §1).

Before this, anyone logged in by code could add any address on /accounts/email/ and make it the
account's address without proof. What this migration decides for the data already there:

- An account keeps one allauth `EmailAddress` row: the one for `User.email` (made primary). Rows for
  other addresses are removed; so are rows of other accounts for that address.
- Nothing is marked proven here. Only a row that allauth already verified (a link or code was
  used) counts. Code logins never marked addresses verified, and an address changed without
  proof looks the same as one that was not, so no heuristic (last login, only one row) is safe.
- Staff are not proven by their password and authenticator: those prove who holds the account,
  not that the address reaches them. Their back-office role does not depend on the address.
- Accounts without a password whose address is not proven are logged out everywhere: their
  unusable password is renewed, which ends every session (Django checks a hash of it). The next
  login by code proves the address, so an account that had taken another person's address can
  only be used again by that person.
"""

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user in User.objects.all().iterator():
        address = (user.email or "").strip().lower()
        EmailAddress.objects.filter(user=user).exclude(email__iexact=address).delete()
        EmailAddress.objects.filter(email__iexact=address).exclude(user=user).delete()
        rows = list(EmailAddress.objects.filter(user=user, email__iexact=address).order_by("-verified", "pk"))
        for extra in rows[1:]:
            extra.delete()
        proven = bool(rows) and rows[0].verified
        if rows and not rows[0].primary:
            rows[0].primary = True
            rows[0].save(update_fields=["primary"])
        if not proven and (not user.password or user.password.startswith(UNUSABLE_PASSWORD_PREFIX)):
            user.password = make_password(None)
            user.save(update_fields=["password"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
