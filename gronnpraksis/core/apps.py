from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gronnpraksis.core"
    verbose_name = "Core"
