"""`manage.py demo_totp`: the current six-digit TOTP code for the demo organiser (see `seed_demo`).

Uses allauth's own TOTP functions, so the code is exactly the one the login form accepts.
"""

import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand, CommandError

from gronnpraksis.demo.management.commands.seed_demo import ORGANISER_EMAIL


class Command(BaseCommand):
    help = "Print the current TOTP code for the demo organiser (or another user with --email)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--email", default=ORGANISER_EMAIL, help=f"Whose code (default {ORGANISER_EMAIL})."
        )

    def handle(self, *args, email: str, **options):  # type: ignore[no-untyped-def]
        authenticator = Authenticator.objects.filter(
            user__email__iexact=email, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(f"{email} has no TOTP authenticator. Run `manage.py seed_demo` first.")
        secret = decrypt(authenticator.data["secret"])
        now = int(time.time())
        period = app_settings.TOTP_PERIOD
        code = format_hotp_value(hotp_value(secret, now // period))
        self.stdout.write(code)
        self.stderr.write(f"Valid for {period - now % period} more seconds ({email}).")
