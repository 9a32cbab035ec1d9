"""System check: every filter of the bank's page counts a facet that exists.

Facets owned by other apps are registered from their AppConfig.ready() (`examples.registry`); a filter
whose facet nobody registered would show nothing, so `manage.py check` (and every test run) fails instead.
"""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core import checks


@checks.register()
def filters_have_facets(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    from . import search
    from .bank_forms import FILTERS

    return [
        checks.Error(
            f"The bank's filter {f.param!r} counts the facet {f.facet!r}, which no app registered.",
            hint="Register it with examples.registry.register_facet() from the owning app's AppConfig.ready().",
            id="examples.E001",
        )
        for f in FILTERS
        if f.facet not in search.FACETS
    ]
