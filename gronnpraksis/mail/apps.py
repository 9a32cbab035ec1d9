from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "gronnpraksis.mail"
    verbose_name = _("Mail")

    def ready(self) -> None:
        from gronnpraksis.core.worker import register_pass

        from . import passes

        register_pass("mail", passes.send_outbox, every=2.0)
        register_pass("secret_mail", passes.purge_secrets, every=float(settings.MAIL_PURGE_INTERVAL_SECONDS))
