"""The bank's filters: what each reads from the examples, how its values are labelled, and the values a
filter may ask for."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet, Value
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gronnpraksis.editions.goals import GOALS, goal_label
from gronnpraksis.editions.models import Theme
from gronnpraksis.organisations.models import Sector
from gronnpraksis.places.models import County, Municipality

from ..models import YEAR_VALIDATORS, Example, MeasureType, Stage

MAX_FILTER_VALUES = 20
LABELS_SECONDS = 300  # a renamed theme shows its new name in the facets within five minutes
FILTER_VALUE = re.compile(r"[A-Za-z0-9_-]{1,50}")  # what a filter can ask for


def _theme_labels() -> dict[str, str]:
    english = get_language() == "en"
    themes = Theme.objects.values_list("slug", "name", "name_en")
    return {slug: name_en if english and name_en else name for slug, name, name_en in themes}


@dataclass(frozen=True)
class Facet:
    """A filter with counts. `pairs` gives (example id, value) for a queryset of examples; a value is
    what a filter can ask for (letters, digits, - and _). `labels` names every value in the order they
    are shown, in the active language (one query at most; cached for LABELS_SECONDS)."""

    pairs: Callable[[QuerySet[Example]], Iterable[tuple[int, Any]]]
    labels: Callable[[], dict[str, str]]


THEMES = Example.themes.through._default_manager
PLACES = Example.municipalities.through._default_manager
GOAL_LINKS = Example.goals.through._default_manager
YES = "ja"
FIRST_YEAR, LAST_YEAR = (validator.limit_value for validator in YEAR_VALIDATORS)


def _choices(choices: Any) -> Callable[[], dict[str, str]]:
    return lambda: {choice.value: str(choice.label) for choice in choices}


# The bank's own facets. A new facet is one entry here (its name in lower-case letters only: the index
# splits tokens at anything else), one line in `bank_forms.FILTERS` and one field in
# `api.ExampleFilters`, then `reindex_all()` (`manage.py reindex_examples`). Whatever changes what a
# facet reads must reindex the examples concerned (`examples.services.index_examples`). A facet whose
# values another app owns (`edition`: contributions, `award`: awards) is added to this dict by that app
# through `examples.registry.register_facet`, from its AppConfig.ready().
FACETS: dict[str, Facet] = {
    "theme": Facet(
        lambda examples: THEMES.filter(example__in=examples).values_list("example_id", "theme__slug"),
        _theme_labels,
    ),
    "goal": Facet(
        lambda examples: GOAL_LINKS.filter(example__in=examples).values_list("example_id", "goal__number"),
        lambda: {str(number): goal_label(number) for number in GOALS},
    ),
    "county": Facet(
        lambda examples: (
            PLACES.filter(example__in=examples)
            .values_list("example_id", "municipality__county__number")
            .distinct()
        ),
        lambda: dict(County.objects.values_list("number", "short_name")),
    ),
    "municipality": Facet(
        lambda examples: PLACES.filter(example__in=examples).values_list(
            "example_id", "municipality__number"
        ),
        lambda: dict(Municipality.objects.values_list("number", "name")),
    ),
    "actor": Facet(
        lambda examples: examples.exclude(actor_type="").values_list("pk", "actor_type"),
        _choices(Sector),
    ),
    "stage": Facet(
        lambda examples: examples.exclude(stage="").values_list("pk", "stage"),
        _choices(Stage),
    ),
    "measure": Facet(
        lambda examples: examples.exclude(measure_type="").values_list("pk", "measure_type"),
        _choices(MeasureType),
    ),
    "year": Facet(
        lambda examples: examples.filter(start_year__isnull=False).values_list("pk", "start_year"),
        lambda: {str(year): str(year) for year in range(LAST_YEAR, FIRST_YEAR - 1, -1)},
    ),
    "figures": Facet(
        lambda examples: examples.filter(key_figures__isnull=False).values_list("pk", Value(YES)).distinct(),
        lambda: {YES: _("Has key figures")},
    ),
}


def _labels_key(name: str, language: str | None) -> str:
    return f"examples.search.labels.{name}.{language}"


def forget_labels(name: str) -> None:
    """Drop a facet's cached labels in every language (its values changed: e.g. an edition made public
    is a new value of `edition` at once, not after LABELS_SECONDS)."""
    cache.delete_many([_labels_key(name, code) for code, _name in settings.LANGUAGES])


class FacetValue(NamedTuple):
    value: str
    label: str
    count: int  # type: ignore[assignment]  # a field, hiding tuple.count


def facet_values(
    counts: dict[str, dict[str, int]], chosen: dict[str, list[str]]
) -> dict[str, list[FacetValue]]:
    """Values with matches, and chosen values even without, labelled and in the facet's order."""
    facets = {}
    for name, facet in FACETS.items():
        shown = counts[name].keys() | set(chosen.get(name, []))
        key = _labels_key(name, get_language())
        labels: dict[str, str] = cache.get_or_set(key, facet.labels, LABELS_SECONDS) or {}
        facets[name] = [
            FacetValue(v, label, counts[name].get(v, 0)) for v, label in labels.items() if v in shown
        ]
    return facets


def clean_filters(filters: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    chosen = {}
    for name, values in filters.items():
        if name in FACETS and values:
            listed = [values] if isinstance(values, str) else list(values)[:MAX_FILTER_VALUES]
            clean = [v for v in dict.fromkeys(listed) if isinstance(v, str) and FILTER_VALUE.fullmatch(v)]
            if clean:
                chosen[name] = clean
    return chosen
