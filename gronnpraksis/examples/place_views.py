"""Place pages: the map of Norway with the number of practice examples per county and municipality, a
county's examples, and a municipality's examples with those of its county and its neighbours.

Only published examples are shown and counted. An example can belong to several municipalities: it counts
once for each of them, and once for a county however many of the county's municipalities it has. Every
map's numbers are also in a table on the same page, which is the accessible form of the map.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import ngettext

from gronnpraksis.core.http import public_page
from gronnpraksis.places import map as places_map
from gronnpraksis.places.models import County, Municipality

from .models import Example

PER_PAGE = 24
NEARBY = 12  # examples shown from the county and from the neighbours
MUNICIPALITY_NUMBER = re.compile(r"[0-9]{4}")
COUNTY_NUMBER = re.compile(r"[0-9]{2}")

Membership = Example.municipalities.through


@dataclass
class Row:
    """A place in a table, with its number of published examples."""

    place: Municipality | County
    count: int
    href: str
    municipalities: list["Row"] = field(default_factory=list)


@public_page
def places(request: HttpRequest) -> HttpResponse:
    """All Norway: a map of the municipalities and one of the counties, and a table per county."""
    counties = list(County.objects.filter(valid_to__isnull=True))
    by_municipality = municipality_counts(Membership.objects.all())
    by_county = county_counts()
    href = address_formats()
    rows = {c.pk: Row(c, by_county.get(c.pk, 0), href[County].format(c.number)) for c in counties}
    for m in Municipality.objects.current().only("number", "name", "name_norwegian", "county_id"):
        if m.county_id in rows:
            row = Row(m, by_municipality.get(m.pk, 0), href[Municipality].format(m.number))
            rows[m.county_id].municipalities.append(row)
    everything = places_map.frame("municipalities")  # all Norway
    municipality_map = places_map.draw(
        map_places(r for row in rows.values() for r in row.municipalities),
        kind="municipalities",
        view_box=everything,
        county_borders=True,
    )
    county_map = places_map.draw(map_places(rows.values()), kind="counties", view_box=everything)
    context = {
        "rows": list(rows.values()),
        "municipality_map": municipality_map,
        "county_map": county_map,
        "legend": places_map.legend(),
        "total": Example.objects.published().count(),
    }
    return render(request, "examples/places.html", context)


@public_page
def county(request: HttpRequest, number: str) -> HttpResponse:
    """A county's published examples, with a map and a table of its municipalities."""
    if not COUNTY_NUMBER.fullmatch(number):
        raise Http404
    place = get_object_or_404(County, number=number)
    rows = county_rows(place)
    examples = Example.objects.published().filter(
        pk__in=Membership.objects.filter(municipality__county=place).values("example_id")
    )
    page = paginate(request, examples)
    prefetch_places(page.object_list)
    context = {
        "place": place,
        "rows": rows,
        "page": page,
        "map": area_map(rows),
        "legend": places_map.legend(),
    }
    return render(request, "examples/county.html", context)


@public_page
def municipality(request: HttpRequest, number: str) -> HttpResponse:
    """A municipality's published examples, then other examples from its county and from its neighbours."""
    if not MUNICIPALITY_NUMBER.fullmatch(number):
        raise Http404
    place = get_object_or_404(Municipality.objects.select_related("county"), number=number)
    own = Membership.objects.filter(municipality=place).values("example_id")
    page = paginate(request, Example.objects.published().filter(pk__in=own))
    neighbours = list(
        place.neighbours.annotate(
            count=Count("examples", filter=Q(examples__in=Example.objects.published()))
        ).select_related("county")
    )
    nearby = nearby_examples(place, own, neighbours)
    prefetch_places([*page.object_list, *nearby["county_examples"], *nearby["neighbour_examples"]])
    rows = county_rows(place.county)
    href = address_formats()[Municipality]
    beyond = [Row(n, n.count, href.format(n.number)) for n in neighbours if n.county_id != place.county_id]
    context = {
        "place": place,
        "page": page,
        "neighbours": neighbours,
        "rows": rows,
        "map": area_map([*rows, *beyond], current=place),
        "legend": places_map.legend(),
        **nearby,
    }
    return render(request, "examples/municipality.html", context)


def nearby_examples(place: Municipality, own: QuerySet, neighbours: Sequence[Municipality]) -> dict:
    """Up to NEARBY published examples from the rest of the county and from the neighbours, and how many
    there are. Neither repeats the place's own examples, and the neighbours' leave out those the county's
    already show (a neighbour is often in the same county)."""
    published = Example.objects.published()
    from_county = published.filter(
        pk__in=Membership.objects.filter(municipality__county=place.county_id).values("example_id")
    ).exclude(pk__in=own)
    county_shown = list(from_county[:NEARBY])
    from_neighbours = (
        published.filter(pk__in=Membership.objects.filter(municipality__in=neighbours).values("example_id"))
        .exclude(pk__in=own)
        .exclude(pk__in=[e.pk for e in county_shown])
    )
    neighbours_shown = list(from_neighbours[:NEARBY])
    return {
        "county_examples": county_shown,
        "county_total": from_county.count(),
        "neighbour_examples": neighbours_shown,
        "neighbour_total": from_neighbours.count(),
    }


def municipality_counts(memberships: QuerySet) -> dict[int, int]:
    """Published examples per municipality id, among `memberships` (rows of example × municipality)."""
    rows = (
        memberships.filter(example__in=Example.objects.published())
        .values("municipality_id")
        .annotate(n=Count("example_id"))
        .order_by()
    )
    return {row["municipality_id"]: row["n"] for row in rows}


def county_counts() -> dict[int, int]:
    """Distinct published examples per county id."""
    rows = (
        Membership.objects.filter(example__in=Example.objects.published())
        .values("municipality__county_id")
        .annotate(n=Count("example_id", distinct=True))
        .order_by()
    )
    return {row["municipality__county_id"]: row["n"] for row in rows}


def county_rows(place: County) -> list[Row]:
    """The county's current municipalities (by name) with their numbers of published examples."""
    municipalities = Municipality.objects.current().filter(county=place)
    counts = municipality_counts(Membership.objects.filter(municipality__county=place))
    href = address_formats()[Municipality]
    return [
        Row(m, counts.get(m.pk, 0), href.format(m.number))
        for m in municipalities.only("number", "name", "name_norwegian")
    ]


def area_map(rows: list[Row], current: Municipality | None = None) -> str:
    """A map of these municipalities in detail, framed around them."""
    return places_map.draw(
        map_places(rows, current=current),
        kind="municipalities",
        view_box=places_map.frame("municipalities", [row.place.number for row in rows]),
        detail=True,
    )


def address_formats() -> dict[type, str]:
    """The address of a county's and a municipality's page, to be filled in with its number: made once
    per request, as `reverse` for each of 357 places would cost more than drawing the map."""
    return {
        County: reverse("examples:county", kwargs={"number": "00"}).replace("/00/", "/{}/"),
        Municipality: reverse("examples:municipality", kwargs={"number": "0000"}).replace("/0000/", "/{}/"),
    }


def map_places(rows: Iterable[Row], current: Municipality | None = None) -> list[places_map.Place]:
    """Rows as places on a map, each named with its number of examples."""
    return [
        places_map.Place(
            number=row.place.number,
            href=row.href,
            title=count_label(row.place.name, row.count),
            count=row.count,
            current=current is not None and row.place.pk == current.pk,
        )
        for row in rows
    ]


def count_label(name: str, count: int) -> str:
    return ngettext(
        "%(place)s: %(count)d practice example", "%(place)s: %(count)d practice examples", count
    ) % {"place": name, "count": count}


def paginate(request: HttpRequest, examples: QuerySet[Example]) -> Page:
    """The page `?side=` asks for; anything that is not a page number gives the first or the last page."""
    return Paginator(examples.order_by("-created_at", "-pk"), PER_PAGE).get_page(request.GET.get("side"))


def prefetch_places(examples: Iterable[Example]) -> None:
    """Load the municipalities the example cards name, for all the page's cards in one query."""
    prefetch_related_objects(list(examples), "municipalities")
