"""Maps of Norway, a county or a municipality's surroundings as inline SVG, drawn on the server.

The shapes come from `data/kart_2024.json`, derived from Kartverket's 2024 boundaries by
`scripts/build_places_map.py` (UTM zone 33, SVG units of 100 m; a "detail" path per municipality for
county maps, an "overview" path per municipality and county for the map of Norway, and the borders
between counties), and are read once per process. No tiles, fonts or scripts: the SVG is a part of the page.

Each place is a link around a path; its class `gp-map__level-0` … `gp-map__level-4` shades it by its
number of examples (the colours are in site.css) and its `<title>` names it and its number on hover. The
svg is hidden from assistive technology and its links are out of the tab order: every page that shows a
map shows the same places, numbers and links in a table, which is what screen readers and keyboards use.
"""

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .services import DATA_DIR

# The lowest number of examples of the levels 1 to 4; a place without examples is level 0.
LEVELS = (1, 2, 5, 10)
MARGIN = 0.03  # around a county map, as a share of its width and height


def level(count: int) -> int:
    """The shading level of a place with `count` examples: 0, 1, 2–4, 5–9, 10 or more."""
    return sum(count >= lowest for lowest in LEVELS)


def legend() -> list[tuple[int, int, int | None]]:
    """(level, lowest count, highest count or None) for each level, for the map's key."""
    bounds = (0, *LEVELS)
    return [
        (index, lowest, bounds[index + 1] - 1 if index + 1 < len(bounds) else None)
        for index, lowest in enumerate(bounds)
    ]


@dataclass(frozen=True)
class Place:
    """A place on a map: its number (the key in the geometry), where it links to and what it is called."""

    number: str
    href: str
    title: str
    count: int
    current: bool = False


@functools.cache
def geometry() -> dict[str, Any]:
    with open(DATA_DIR / "kart_2024.json", encoding="utf-8") as f:
        return json.load(f)


def frame(
    kind: Literal["municipalities", "counties"], numbers: Iterable[str] | None = None
) -> tuple[int, ...]:
    """The view box around the places with these numbers, with a small margin; all Norway for None."""
    if numbers is None:
        return tuple(geometry()["bbox"])
    boxes = [geometry()[kind][n]["bbox"] for n in numbers if n in geometry()[kind]]
    if not boxes:
        return tuple(geometry()["bbox"])
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    width = max(b[0] + b[2] for b in boxes) - left
    height = max(b[1] + b[3] for b in boxes) - top
    dx, dy = round(width * MARGIN) + 5, round(height * MARGIN) + 5
    return (left - dx, top - dy, width + 2 * dx, height + 2 * dy)


def draw(
    places: Iterable[Place],
    *,
    kind: Literal["municipalities", "counties"],
    view_box: tuple[int, ...],
    detail: bool = False,
    county_borders: bool = False,
) -> SafeString:
    """An `<svg>` with `places` (those without a shape are left out), shaded by their counts.

    `detail` chooses the finer paths (for a county); `county_borders` draws the borders between the
    counties on top. The current place is drawn last, so its border is on top of its neighbours'.
    """
    shapes = geometry()[kind]
    key = "detail" if detail else "overview"
    parts = [
        '<svg class="gp-map__svg" viewBox="{}" aria-hidden="true" focusable="false">'.format(
            " ".join(map(str, view_box))
        )
    ]
    for place in sorted(places, key=lambda p: p.current):
        shape = shapes.get(place.number)
        if shape is None:
            continue
        classes = f"gp-map__level-{level(place.count)}" + (" gp-map__place--current" if place.current else "")
        parts.append(
            f'<a href="{escape(place.href)}" tabindex="-1"><title>{escape(place.title)}</title>'
            f'<path class="{classes}" d="{shape[key]}"/></a>'
        )
    if county_borders:
        parts.append(f'<path class="gp-map__borders" d="{geometry()["county_borders"]}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # paths come from our own file; hrefs and titles are escaped
