from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    name = "gronnpraksis.program"
    verbose_name = _("Programme")
