from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "gronnpraksis.privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from gronnpraksis.core.worker import register_pass

        from .jobs import daily_jobs_pass

        # Looked at every ten minutes; each job runs once a day, however many workers run.
        register_pass("daily_jobs", daily_jobs_pass, every=10 * 60.0)
