from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from gronnpraksis.registrations.models import Registration


def new_ticket_code(registration: "Registration") -> None:
    """A registration passed on to a colleague: the previous person's ticket stops opening the door."""
    from .services import rotate_pass

    rotate_pass(registration=registration)


class ArenaConfig(AppConfig):
    """The day itself: check-in at the door, name badges and attendance certificates."""

    name = "gronnpraksis.arena"
    verbose_name = _("The day itself")

    def ready(self) -> None:
        from gronnpraksis.registrations.extensions import Extension, extend

        extend("arena", Extension(on_transfer=new_ticket_code))
