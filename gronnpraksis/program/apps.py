from collections.abc import Iterator

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def partner_feeds_pass() -> Iterator[str]:
    """The worker's pass: the partner programmes' calendar feeds that are due (claimed programmes)."""
    from .management.commands.partner_feeds import run_pass

    return (line for _is_error, line in run_pass())


def proposals_pass() -> Iterator[str]:
    """The worker's pass: plan the queued "Foreslå program" proposals (claimed one at a time)."""
    from .proposals import run_due

    return run_due()


class ProgramConfig(AppConfig):
    name = "gronnpraksis.program"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from gronnpraksis.core.worker import register_pass

        register_pass("partner_feeds", partner_feeds_pass, every=60.0)
        register_pass("plan_proposals", proposals_pass, every=1.0)
