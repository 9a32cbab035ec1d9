from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content (`manage.py seed_demo`): the top layer, it may use every app's services."""

    name = "gronnpraksis.demo"
    verbose_name = _("Demo")
