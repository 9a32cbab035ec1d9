from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudienceConfig(AppConfig):
    """The organisers' picture of an edition (the dashboard) and mail to groups of participants."""

    name = "gronnpraksis.audience"
    verbose_name = _("Audience")
