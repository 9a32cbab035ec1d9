"""Charts as inline SVG, drawn on the server from a `stats.Table`: no script, no third-party host.

Each chart is `<svg role="img">` named by its `<title>` and described by a `<desc>` that says what it
shows in words; the same numbers are in a table beside it, which is what screen readers and keyboards
use. Colours come from classes (`audience/charts.css`), never from inline style (the CSP forbids it).
"""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gronnpraksis.places import map as places_map
from gronnpraksis.places.map import Place

from .stats import Table

WIDTH = 420
LABEL_WIDTH = 140
BAR_HEIGHT = 20
GAP = 6


def _short(label: str) -> str:
    """A label cut to fit beside its bar (the table beside the chart has it in full)."""
    return label if len(label) <= 18 else label[:17] + "…"


def _int(value: object) -> int:
    """A table cell as a whole number (counts and day offsets are ints; anything else counts as 0)."""
    return int(value) if isinstance(value, int | float) else 0


def _svg(table: Table, height: int, desc: str, body: list[str]) -> SafeString:
    ident = f"chart-{table.slug}"
    head = format_html(
        '<svg class="gp-chart" role="img" viewBox="0 0 {} {}" aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
        WIDTH,
        height,
        ident,
        ident,
        ident,
        table.title,
        ident,
        desc,
    )
    return mark_safe(head + "".join(body) + "</svg>")  # every text part is escaped above or in body


def bars(table: Table) -> SafeString:
    """Horizontal bars, one per row: the label, the bar, the number."""
    rows = [(str(row[0]), _int(row[1])) for row in table.rows]
    if not rows:
        return mark_safe("")
    top = max(n for _label, n in rows) or 1
    room = WIDTH - LABEL_WIDTH - 40
    body = []
    for index, (label, n) in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        width = round(room * n / top)
        body.append(
            f'<text class="gp-chart__label" x="{LABEL_WIDTH - 8}" y="{y + 14}" text-anchor="end">'
            f"{escape(_short(label))}</text>"
            f'<rect class="gp-chart__bar" x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}"/>'
            f'<text class="gp-chart__value" x="{LABEL_WIDTH + width + 6}" y="{y + 14}">{n}</text>'
        )
    desc = "; ".join(f"{label}: {n}" for label, n in rows)
    return _svg(table, len(rows) * (BAR_HEIGHT + GAP), desc, body)


def progress(table: Table) -> SafeString:
    """Per row a bar of the whole (third column) with the done part (second column) filled."""
    rows = [(str(row[0]), _int(row[1]), _int(row[2])) for row in table.rows]
    if not rows:
        return mark_safe("")
    top = max(total for _l, _d, total in rows) or 1
    room = WIDTH - LABEL_WIDTH - 60
    body = []
    for index, (label, done, total) in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        whole, part = round(room * total / top), round(room * done / top)
        body.append(
            f'<text class="gp-chart__label" x="{LABEL_WIDTH - 8}" y="{y + 14}" text-anchor="end">'
            f"{escape(_short(label))}</text>"
            f'<rect class="gp-chart__track" x="{LABEL_WIDTH}" y="{y}" width="{whole}" height="{BAR_HEIGHT}"/>'
            f'<rect class="gp-chart__bar" x="{LABEL_WIDTH}" y="{y}" width="{part}" height="{BAR_HEIGHT}"/>'
            f'<text class="gp-chart__value" x="{LABEL_WIDTH + whole + 6}" y="{y + 14}">{done}/{total}</text>'
        )
    desc = "; ".join(
        _("%(name)s: %(done)s of %(total)s") % {"name": n, "done": d, "total": t} for n, d, t in rows
    )
    return _svg(table, len(rows) * (BAR_HEIGHT + GAP), desc, body)


def line(table: Table) -> SafeString:
    """Cumulative registrations by days before the first day: this edition as a solid line, the
    previous one dashed, the deadlines as labelled vertical lines."""
    if not table.rows:
        return mark_safe("")
    height, left, bottom, right, top_pad = 240, 40, 24, 12, 10
    offsets = [-_int(row[0]) for row in table.rows]
    deadlines = [(label, offset) for label, offset in table.extra.get("deadlines", [])]
    low = min([*offsets, *(o for _l, o in deadlines)])
    high = max([*offsets, 0])
    series = len(table.columns) - 2
    peak = max((_int(v) for row in table.rows for v in row[2:]), default=0) or 1

    def x(offset: int) -> float:
        return round(left + (WIDTH - left - right) * (offset - low) / ((high - low) or 1), 1)

    def y(value: int) -> float:
        return round(height - bottom - (height - bottom - top_pad) * value / peak, 1)

    body = [
        f'<line class="gp-chart__axis" x1="{left}" y1="{height - bottom}" x2="{WIDTH - right}" y2="{height - bottom}"/>',
        f'<text class="gp-chart__value" x="{left - 6}" y="{y(peak) + 4}" text-anchor="end">{peak}</text>',
        f'<text class="gp-chart__value" x="{left - 6}" y="{height - bottom}" text-anchor="end">0</text>',
        f'<text class="gp-chart__value" x="{x(low)}" y="{height - 8}">{-low}</text>',
        f'<text class="gp-chart__value" x="{x(high)}" y="{height - 8}" text-anchor="end">{-high}</text>',
    ]
    for index, (label, offset) in enumerate(deadlines):
        body.append(
            f'<line class="gp-chart__deadline" x1="{x(offset)}" y1="{top_pad}" x2="{x(offset)}" '
            f'y2="{height - bottom}"/><text class="gp-chart__label" x="{x(offset) + 4}" '
            f'y="{top_pad + 14 + 16 * index}">{escape(label)}</text>'
        )
    for column in range(series):
        # A step line: the count holds until the next day with registrations, then rises there.
        steps: list[str] = []
        before = 0
        for offset, row in zip(offsets, table.rows, strict=True):
            if row[2 + column] == "":
                continue  # this edition after today
            value = _int(row[2 + column])
            steps += [f"{x(offset)},{y(before)}", f"{x(offset)},{y(value)}"]
            before = value
        points = " ".join(steps)
        kind = "gp-chart__line" if column == 0 else "gp-chart__line gp-chart__line--previous"
        body.append(f'<polyline class="{kind}" points="{points}"/>')
    latest = [max((_int(row[2 + c]) for row in table.rows), default=0) for c in range(series)]
    desc = _("Registrations, cumulative, from %(days)s days before the first day. %(series)s") % {
        "days": -low,
        "series": "; ".join(f"{table.columns[2 + c]}: {latest[c]}" for c in range(series)),
    }
    if deadlines:
        desc += " " + "; ".join(
            _("%(label)s %(days)s days before") % {"label": label, "days": -offset}
            for label, offset in deadlines
        )
    return _svg(table, height, desc, body)


def county_map(table: Table, href_prefix: str = "#") -> SafeString:
    """The map of Norway's counties from the place pages (`places.map`), shaded by registrations.

    The place pages shade by examples (1, 2, 5, 10 or more); here the shade is by share of the busiest
    county, so a big edition does not paint every county the darkest. Hidden from assistive technology
    like on the place pages: the table beside it carries the numbers.
    """
    by_number: dict[str, int] = {str(k): v for k, v in table.extra.get("by_number", {}).items() if k}
    names: dict[str, str] = table.extra.get("names", {})
    top = max(by_number.values(), default=0) or 1
    steps = places_map.LEVELS  # the lowest count of each shade, used as the stand-in count

    def shade(n: int) -> int:
        if not n:
            return 0
        return steps[min(len(steps) - 1, int(len(steps) * n / top - 1e-9))]

    places = [
        Place(
            number=number,
            href=f"{href_prefix}table-county",
            title=f"{name}: {by_number.get(number, 0)}",
            count=shade(by_number.get(number, 0)),
        )
        for number, name in names.items()
    ]
    return places_map.draw(
        places, kind="counties", view_box=places_map.frame("municipalities"), county_borders=False
    )


def chart(table: Table) -> SafeString:
    """The chart that belongs to a table (empty for tables shown as a table only)."""
    draw = {"bars": bars, "progress": progress, "line": line, "map": county_map}.get(table.chart)
    return draw(table) if draw else mark_safe("")
