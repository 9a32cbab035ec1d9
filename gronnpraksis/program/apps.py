from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from gronnpraksis.registrations.models import Registration


def partner_feeds_pass() -> Iterator[str]:
    """The worker's pass: the partner programmes' calendar feeds that are due (claimed programmes)."""
    from .management.commands.partner_feeds import run_pass

    return (line for _is_error, line in run_pass())


def forget_agenda(registration: "Registration") -> None:
    """Delete the registration's starred items (the previous holder's personal agenda)."""
    from .models import AgendaStar

    AgendaStar.objects.filter(registration=registration).delete()


class ProgramConfig(AppConfig):
    name = "gronnpraksis.program"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from gronnpraksis.core.worker import register_pass
        from gronnpraksis.examples.registry import register_example_panel
        from gronnpraksis.registrations.extensions import Extension, extend

        from .reports import example_panel

        register_pass("partner_feeds", partner_feeds_pass, every=60.0)
        register_example_panel("session_reports", example_panel)
        # A registration passed on to a colleague: the previous person's personal agenda goes.
        extend("program", Extension(on_transfer=forget_agenda))
