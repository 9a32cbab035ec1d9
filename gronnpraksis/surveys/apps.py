from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """The evaluation survey after an edition: composed in the back office, mailed to those who checked
    in, answered without logging in, and its results beside last year's."""

    name = "gronnpraksis.surveys"
    verbose_name = _("Evaluation surveys")
