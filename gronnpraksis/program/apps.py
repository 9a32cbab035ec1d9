from collections.abc import Iterator

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def partner_feeds_pass() -> Iterator[str]:
    """The worker's pass: the partner programmes' calendar feeds that are due (claimed programmes)."""
    from .management.commands.partner_feeds import run_pass

    return (line for _is_error, line in run_pass())


class ProgramConfig(AppConfig):
    name = "gronnpraksis.program"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from gronnpraksis.core.worker import register_pass
        from gronnpraksis.examples.registry import register_example_panel

        from .reports import example_panel

        register_pass("partner_feeds", partner_feeds_pass, every=60.0)
        register_example_panel("session_reports", example_panel)
