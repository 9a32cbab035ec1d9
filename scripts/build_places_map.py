"""Build the map data of the place pages from the 2024 municipality and county GeoJSON.

    .venv/bin/python scripts/build_places_map.py /path/to/data

reads `kommuner_2024_S.geojson` and `fylker_2024_S.geojson` (Kartverket's administrative units 2024 as
simplified and clipped to the coastline in robhop/fylker-og-kommuner, CC BY 4.0; see
gronnpraksis/places/data/README.md) from that folder and writes, in gronnpraksis/places/data/:

- `kart_2024.json`: SVG path data per municipality and county, ready to be drawn by
  `gronnpraksis.places.map`. The lon/lat points are projected to UTM zone 33 (ETRS89/GRS80, the projection
  Kartverket uses for maps of all Norway) in SVG units of 100 m, and simplified twice: "detail" (100 m,
  for county maps) and "overview" (1.5 km, islets under 9 km² left out, for the map of Norway), plus the
  borders between counties (without the coast) in overview, to draw over the municipalities. Each
  border shared by two places is simplified once (rings are cut into arcs where three lines meet), so
  neighbours still meet without gaps or overlaps; every place keeps at least its largest ring. Points are
  whole units, written as relative path commands.
- `naboer_2024.csv`: pairs of municipalities that share a border, i.e. at least one edge of their polygons
  (touching in a single point does not count). Borders at sea are not in the data (it is clipped to the
  coastline), so island municipalities such as Røst have no neighbours.

Only the standard library is used. Re-run it when the source data changes and commit both outputs.
"""

import argparse
import csv
import itertools
import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent / "gronnpraksis" / "places" / "data"
UNIT_M = 100  # one SVG unit is 100 m; points are rounded to whole units
# Per level of detail: the Douglas–Peucker tolerance (SVG units) and the smallest islet kept (square units).
DETAIL_TOLERANCE, DETAIL_MIN_AREA = 1, 0  # 100 m, every islet: county maps
OVERVIEW_TOLERANCE, OVERVIEW_MIN_AREA = 15, 900  # 1.5 km, islets from 9 km²: the map of Norway

Ring = list[tuple[float, float]]
Point = tuple[int, int]


def utm33(lon: float, lat: float) -> tuple[float, float]:
    """ETRS89 / UTM zone 33N easting and northing in metres (Krüger series, GRS80)."""
    a, f, k0 = 6378137.0, 1 / 298.257222101, 0.9996
    n = f / (2 - f)
    big_a = a / (1 + n) * (1 + n**2 / 4 + n**4 / 64)
    alpha = (n / 2 - 2 * n**2 / 3 + 5 * n**3 / 16, 13 * n**2 / 48 - 3 * n**3 / 5, 61 * n**3 / 240)
    phi, lam = math.radians(lat), math.radians(lon - 15)
    c = 2 * math.sqrt(n) / (1 + n)
    t = math.sinh(math.atanh(math.sin(phi)) - c * math.atanh(c * math.sin(phi)))
    xi = math.atan2(t, math.cos(lam))
    eta = math.atanh(math.sin(lam) / math.sqrt(1 + t * t))
    e = eta + sum(al * math.cos(2 * j * xi) * math.sinh(2 * j * eta) for j, al in enumerate(alpha, 1))
    nn = xi + sum(al * math.sin(2 * j * xi) * math.cosh(2 * j * eta) for j, al in enumerate(alpha, 1))
    return 500000 + k0 * big_a * e, k0 * big_a * nn


def polygons(geometry: dict) -> list[list[Ring]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def rings(geometry: dict) -> Iterable[Ring]:
    for polygon in polygons(geometry):
        yield from polygon


def dp(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: the points of the line that matter at `tolerance` (both ends are kept)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        best, index = 0.0, 0
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                distance = math.hypot(px - ax, py - ay)
            if distance > best:
                best, index = distance, i
        if best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


class Simplifier:
    """Simplifies rings so that a border shared by two places is simplified once, the same for both.

    Rings are cut into arcs at nodes (points where three or more lines meet, e.g. where a border reaches
    the coast), each arc is simplified with Douglas–Peucker and kept on the 100 m grid.
    """

    def __init__(self, all_rings: Iterable[Ring], tolerance: float) -> None:
        self.tolerance = tolerance
        self.arcs: dict[tuple, list[Point]] = {}
        self.owners: dict[tuple, set[str]] = defaultdict(set)  # who each arc belongs to
        adjacent: dict[tuple[float, float], set] = defaultdict(set)
        for ring in all_rings:
            points = open_ring(ring)
            for a, b in zip(points, points[1:] + points[:1], strict=True):
                adjacent[a].add(b)
                adjacent[b].add(a)
        self.nodes = {p for p, others in adjacent.items() if len(others) != 2}

    def arc(self, points: list[tuple[float, float]], owner: str) -> list[Point]:
        forward = points[0] < points[-1] or (points[0] == points[-1] and points[1] <= points[-2])
        key = tuple(points if forward else points[::-1])
        self.owners[key].add(owner)
        if key not in self.arcs:
            self.arcs[key] = [(round(x), round(y)) for x, y in dp(list(key), self.tolerance)]
        return self.arcs[key] if forward else self.arcs[key][::-1]

    def ring(self, ring: Ring, owner: str) -> list[Point]:
        points = open_ring(ring)
        cuts = [i for i, p in enumerate(points) if p in self.nodes] or [points.index(min(points))]
        points = points[cuts[0] :] + points[: cuts[0]]
        cuts = [c - cuts[0] for c in cuts] + [len(points)]
        points.append(points[0])
        result: list[Point] = []
        for start, end in itertools.pairwise(cuts):
            for p in self.arc(points[start : end + 1], owner)[:-1]:
                if not result or p != result[-1]:
                    result.append(p)
        while len(result) > 1 and result[0] == result[-1]:
            result.pop()
        return result if len(result) >= 3 and area(result) != 0 else []


def open_ring(ring: Ring) -> Ring:
    points = [(x, y) for x, y in ring]  # GeoJSON gives lists; tuples can be keys
    return points[:-1] if points[0] == points[-1] else points


def area(ring: Ring | list[Point]) -> float:
    """The signed area of a closed ring (the closing point may be left out)."""
    pairs = zip(ring, list(ring[1:]) + list(ring[:1]), strict=True)
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs) / 2


def path(shape: list[Ring], owner: str, simplifier: Simplifier, min_area: float) -> str:
    """SVG path data: one absolute move per ring, then relative lines (`l` repeated implicitly).

    Rings smaller than `min_area` (islets) or collapsed by the simplification are left out, but a place
    always keeps its largest ring."""
    largest = max(shape, key=lambda r: abs(area(r)))
    rings = [simplifier.ring(r, owner) for r in shape if r is largest or abs(area(r)) >= min_area]
    rings = [r for r in rings if r] or [[(round(x), round(y)) for x, y in open_ring(largest)]]
    return "".join(line(points) + "z" for points in rings)


def line(points: list[Point]) -> str:
    (x, y), numbers = points[0], []
    for px, py in points[1:]:
        numbers += [px - x, py - y]
        x, y = px, py
    return f"M{points[0][0]} {points[0][1]}l" + " ".join(map(str, numbers)).replace(" -", "-")


def county_borders(simplifier: Simplifier) -> str:
    """Path data of the borders between counties (not the coast): the arcs of municipalities in two
    counties. A municipality's county is the first two digits of its number."""
    arcs = {
        tuple(simplifier.arcs[key])
        for key, owners in simplifier.owners.items()
        if len({owner[:2] for owner in owners if len(owner) == 4}) > 1
    }
    return "".join(line(list(points)) for points in sorted(arcs) if len(set(points)) > 1)


def bbox(projected: list[Ring]) -> list[int]:
    xs = [x for r in projected for x, _ in r]
    ys = [y for r in projected for _, y in r]
    x0, y0 = math.floor(min(xs)), math.floor(min(ys))
    return [x0, y0, math.ceil(max(xs)) - x0, math.ceil(max(ys)) - y0]


def neighbour_pairs(features: list[dict]) -> list[tuple[str, str]]:
    """Pairs of municipalities whose polygons share at least one edge (the same two points)."""
    owners: dict[frozenset, set[str]] = defaultdict(set)
    for feature in features:
        number = feature["properties"]["kommunenummer"]
        for ring in rings(feature["geometry"]):
            points = [(round(x, 7), round(y, 7)) for x, y in ring]
            for a, b in itertools.pairwise(points):
                if a != b:
                    owners[frozenset((a, b))].add(number)
    pairs: set[tuple[str, str]] = set()
    for numbers in owners.values():
        ordered = sorted(numbers)
        pairs.update((p, q) for i, p in enumerate(ordered) for q in ordered[i + 1 :])
    return sorted(pairs)


def features(source: Path, name: str) -> list[dict]:
    return json.loads((source / name).read_text(encoding="utf-8"))["features"]


def build(municipalities: list[dict], counties: list[dict]) -> dict:
    """The content of kart_2024.json."""
    projected: dict[tuple[str, str], list[list[tuple[float, float]]]] = {}
    for kind, field, places in (("m", "kommunenummer", municipalities), ("c", "fylkesnummer", counties)):
        for feature in places:
            projected[kind, feature["properties"][field]] = [
                [utm33(lon, lat) for lon, lat in ring] for ring in rings(feature["geometry"])
            ]
    min_e = min(x for shape in projected.values() for ring in shape for x, _ in ring)
    max_n = max(y for shape in projected.values() for ring in shape for _, y in ring)
    # SVG units of 100 m, x to the east and y to the south, from the north-west corner of Norway.
    for key, shape in projected.items():
        projected[key] = [[((x - min_e) / UNIT_M, (max_n - y) / UNIT_M) for x, y in ring] for ring in shape]
    everything = [ring for shape in projected.values() for ring in shape]

    detail = Simplifier(everything, DETAIL_TOLERANCE)
    overview = Simplifier(everything, OVERVIEW_TOLERANCE)
    data: dict = {
        "about": "Derived by scripts/build_places_map.py from kommuner_2024_S.geojson and "
        "fylker_2024_S.geojson (© Kartverket, CC BY 4.0, via robhop/fylker-og-kommuner): UTM zone 33 in "
        "SVG units of 100 m; detail simplified at 100 m, overview at 1.5 km without islets under 9 km².",
        "bbox": bbox(everything),
        "municipalities": {},
        "counties": {},
    }
    for (kind, number), shape in sorted(projected.items()):
        if kind == "m":  # a county map shows its municipalities in detail; Norway shows them all in overview
            data["municipalities"][number] = {
                "bbox": bbox(shape),
                "detail": path(shape, number, detail, DETAIL_MIN_AREA),
                "overview": path(shape, number, overview, OVERVIEW_MIN_AREA),
            }
        else:  # counties are only drawn as a whole on the map of Norway
            data["counties"][number] = {
                "bbox": bbox(shape),
                "overview": path(shape, number, overview, OVERVIEW_MIN_AREA),
            }
    data["county_borders"] = county_borders(overview)
    return data


def check_neighbours(pairs: list[tuple[str, str]]) -> None:
    known = {("4204", "4223"), ("0301", "3201"), ("0301", "3207"), ("1508", "1580")}
    missing = known - set(pairs)
    if missing:
        sys.exit(f"known neighbours missing: {sorted(missing)}")
    islands = {p for pair in pairs for p in pair} & {"1856", "1857", "1151"}  # Røst, Værøy, Utsira
    if islands:
        sys.exit(f"island municipalities with neighbours: {sorted(islands)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "source", type=Path, help="folder with kommuner_2024_S.geojson and fylker_2024_S.geojson"
    )
    args = parser.parse_args()
    municipalities = features(args.source, "kommuner_2024_S.geojson")
    data = build(municipalities, features(args.source, "fylker_2024_S.geojson"))
    pairs = neighbour_pairs(municipalities)
    check_neighbours(pairs)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    (OUT_DIR / "kart_2024.json").write_text(text + "\n", encoding="utf-8")
    with open(OUT_DIR / "naboer_2024.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["kommunenummer", "nabo_kommunenummer"])
        writer.writerows(pairs)
    print(f"kart_2024.json: {len(text.encode()) / 1000:.0f} kB; naboer_2024.csv: {len(pairs)} pairs")


if __name__ == "__main__":
    main()
