"""The public list's filters (theme, status, county, municipality) and their counts.

Filters come from the URL (`?tema=transport&fylke=42`). A value that is not well formed is ignored,
one that is well formed but unknown simply matches nothing. Each option's count is the number of
published ideas it would show together with the other filters chosen, in one query per filter.
"""

import re
from dataclasses import asdict, dataclass, replace

from django.db.models import Count, QuerySet
from django.http import QueryDict

from gronnpraksis.editions.models import Theme

from .models import Idea, IdeaStatus

PATTERNS = {
    "tema": re.compile(r"[-a-z0-9]{1,50}"),
    "fylke": re.compile(r"[0-9]{2}"),
    "kommune": re.compile(r"[0-9]{4}"),
}


@dataclass(frozen=True)
class Filters:
    tema: str = ""
    status: str = ""
    fylke: str = ""
    kommune: str = ""

    @property
    def any(self) -> bool:
        return any(asdict(self).values())


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int


def read_filters(query: QueryDict) -> Filters:
    values = {}
    for name, pattern in PATTERNS.items():
        value = query.get(name, "")
        values[name] = value if pattern.fullmatch(value) else ""
    status = query.get("status", "")
    values["status"] = status if status in IdeaStatus.values else ""
    return Filters(**values)


def apply(ideas: QuerySet[Idea], filters: Filters) -> QuerySet[Idea]:
    if filters.tema:
        ideas = ideas.filter(
            pk__in=Idea.themes.through.objects.filter(theme__slug=filters.tema).values("idea")
        )
    if filters.status:
        ideas = ideas.filter(status=filters.status)
    if filters.fylke:
        ideas = ideas.filter(municipality__county__number=filters.fylke)
    if filters.kommune:
        ideas = ideas.filter(municipality__number=filters.kommune)
    return ideas


def options(filters: Filters) -> dict[str, list[Option]]:
    """Per filter, the values that would show something (and the chosen one), with their counts."""
    published = Idea.objects.published()

    def others(name: str) -> QuerySet[Idea]:
        return apply(published, replace(filters, **{name: ""}))

    theme_counts = dict(
        Idea.themes.through.objects.filter(idea__in=others("tema"))
        .values_list("theme_id")
        .annotate(n=Count("idea_id"))
        .order_by()
    )
    themes = [
        Option(theme.slug, str(theme), theme_counts.get(theme.pk, 0))
        for theme in Theme.objects.all()
        if theme.pk in theme_counts or theme.slug == filters.tema
    ]
    status_counts = dict(others("status").values_list("status").annotate(n=Count("id")).order_by())
    statuses = [Option(value, str(label), status_counts.get(value, 0)) for value, label in IdeaStatus.choices]
    counties = [
        Option(number, name, n)
        for number, name, n in others("fylke")
        .filter(municipality__isnull=False)
        .values_list("municipality__county__number", "municipality__county__short_name")
        .annotate(n=Count("id"))
        .order_by("municipality__county__number")
    ]
    municipalities = [
        Option(number, name, n)
        for number, name, n in others("kommune")
        .filter(municipality__isnull=False)
        .values_list("municipality__number", "municipality__name")
        .annotate(n=Count("id"))
        .order_by("municipality__name")
    ]
    result = {"tema": themes, "status": statuses, "fylke": counties, "kommune": municipalities}
    for name, chosen in asdict(filters).items():
        if chosen and not any(option.value == chosen for option in result[name]):
            result[name].append(Option(chosen, chosen, 0))  # chosen, but shows nothing: still selected
    return result
