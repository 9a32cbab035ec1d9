from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArenaConfig(AppConfig):
    """The day itself: check-in at the door, name badges and attendance certificates."""

    name = "gronnpraksis.arena"
    verbose_name = _("The day itself")
