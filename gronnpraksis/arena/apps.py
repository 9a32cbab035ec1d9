from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArenaConfig(AppConfig):
    """The day itself: check-in at the door, name badges and attendance certificates."""

    name = "gronnpraksis.arena"
    verbose_name = _("The day itself")

    def ready(self) -> None:
        from gronnpraksis.registrations.extensions import Extension, extend

        from .services import rotate_pass

        # A registration passed on to a colleague: the previous person's ticket stops opening the door.
        extend("arena", Extension(on_transfer=lambda registration: rotate_pass(registration=registration)))
