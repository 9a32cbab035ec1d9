"""Social-preview images (OpenGraph / Twitter card) drawn on the server: a 1200×630 PNG per page that
has one (an edition, an example), with the site's leaf and name, the page's title and a line or two.

A page's image address carries the fingerprint of what is drawn (`fingerprint`): a changed title, date
or place gives a new address, so the image can be cached for a year by browsers and link previews, and
is drawn once per content and kept in the cache (`preview_response`). An address with an old
fingerprint redirects to the current one. The apps decide what is public: they never make a `Card` for
anything unpublished.

The typeface is Inter from `@fontsource/inter` (SIL Open Font License 1.1, see
node_modules/@fontsource/inter/LICENSE), the same files the pages use (`fonts/inter/`, found through
the static files finders or in STATIC_ROOT after collectstatic). Fontsource splits the font into
subsets, so text is drawn in runs: basic Latin and Latin-1 (æ, ø, å) from the `latin` file, other
letters (Sami č, đ, ŋ, š, ŧ, ž) from `latin-ext`.
"""

import functools
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from PIL import Image, ImageDraw, ImageFont

from .fonts import inter_file

WIDTH, HEIGHT = 1200, 630
# Change when the drawing changes: every image gets a new address.
DRAWING_VERSION = "1"
CACHE_SECONDS = 60 * 60 * 24 * 30
YEAR_SECONDS = 60 * 60 * 24 * 365
MARGIN = 80
# The theme's accent (light mode) and its tints: white on #0b4f3d is 9.6:1.
BACKGROUND = (11, 79, 61)
BAND = (13, 122, 95)
TEXT = (255, 255, 255)
SUBTLE = (220, 236, 232)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class Card:
    """What a preview image says: a small heading (`kicker`), the title and up to two lines below."""

    kicker: str
    title: str
    lines: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PreviewImage:
    """A page's image for its metadata: the absolute address and the card drawn (its text is the alt)."""

    url: str
    card: Card

    @property
    def alt(self) -> str:
        return " – ".join([self.card.title, *self.card.lines])


def fingerprint(card: Card) -> str:
    """A short hash of everything drawn (and the drawing's version): the image's address carries it."""
    data = json.dumps([DRAWING_VERSION, asdict(card)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def preview_response(card: Card, requested: str, address: Callable[[str], str]) -> HttpResponse:
    """The card's PNG if `requested` is its fingerprint; else a redirect to `address(fingerprint)`.

    Drawn once per fingerprint and kept in the cache; the response may be cached for a year."""
    current = fingerprint(card)
    if requested != current:
        response: HttpResponse = HttpResponseRedirect(address(current))
        response["Cache-Control"] = "public, max-age=300"
        return response
    key = f"social-preview:{current}"
    png = cache.get(key)
    if png is None:
        png = render_png(card)
        cache.set(key, png, timeout=CACHE_SECONDS)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = f"public, max-age={YEAR_SECONDS}, immutable"
    return response


@functools.cache
def _font(weight: int, subset: str, size: int) -> Font:
    path = inter_file(f"inter-{subset}-{weight}-normal.woff2")
    if path is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(str(path), size)


def _in_latin(char: str) -> bool:
    """Whether the `latin` subset has the character (the rest is looked for in `latin-ext`)."""
    code = ord(char)
    return code < 0x100 or 0x2000 <= code <= 0x206F or code in {0x0131, 0x0152, 0x0153, 0x20AC, 0x2122}


def _runs(text: str, weight: int, size: int) -> list[tuple[str, Font]]:
    """`text` cut where the subset changes, each part with the font that has its letters."""
    runs: list[tuple[str, Font]] = []
    for char in text:
        font = _font(weight, "latin" if _in_latin(char) or char.isspace() else "latin-ext", size)
        if runs and runs[-1][1] is font:
            runs[-1] = (runs[-1][0] + char, font)
        else:
            runs.append((char, font))
    return runs


def _width(text: str, weight: int, size: int) -> float:
    return sum(font.getlength(part) for part, font in _runs(text, weight, size))


def _draw_text(
    canvas: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    weight: int,
    size: int,
    fill: tuple[int, int, int],
) -> None:
    x, y = xy
    for part, font in _runs(text, weight, size):
        canvas.text((x, y), part, font=font, fill=fill, anchor="ls")
        x += font.getlength(part)


def _wrap(text: str, weight: int, size: int, width: float, max_lines: int) -> list[str] | None:
    """`text` in lines no wider than `width`, or None if it needs more than `max_lines`."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(f"{lines[-1]} {word}", weight, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines or any(_width(line, weight, size) > width for line in lines):
        return None
    return lines


def _shortened(text: str, weight: int, size: int, width: float, max_lines: int) -> list[str]:
    """The first words of `text` that fit in `max_lines`, ending with an ellipsis."""
    words = text.split()
    while words:
        words.pop()
        lines = _wrap(" ".join(words) + " …", weight, size, width, max_lines)
        if lines:
            return lines
    return ["…"]


def _title_lines(title: str, width: float) -> tuple[list[str], int]:
    """The title in at most three lines, as large as it fits (72 to 48 px), shortened if it does not."""
    for size in (76, 68, 60, 52):
        lines = _wrap(title, 700, size, width, 3)
        if lines:
            return lines, size
    return _shortened(title, 700, 48, width, 3), 48


def _leaf(canvas: ImageDraw.ImageDraw, x: int, y: int, scale: float) -> None:
    """The logo's leaf (static/img/logo.svg: two curves between opposite corners of a 32 unit square)."""

    def curve(
        a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]
    ) -> list[tuple[float, float]]:
        points = []
        for step in range(21):
            t = step / 20
            weights = ((1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3)
            corners = (a, b, c, d)
            points.append(
                (
                    sum(w * p[0] for w, p in zip(weights, corners, strict=True)),
                    sum(w * p[1] for w, p in zip(weights, corners, strict=True)),
                )
            )
        return points

    outline = curve((3, 29), (3, 13), (12, 3), (29, 3)) + curve((29, 3), (29, 19), (19, 29), (3, 29))
    canvas.polygon([(x + px * scale, y + py * scale) for px, py in outline], fill=TEXT)
    canvas.line(
        [(x + 3 * scale, y + 29 * scale), (x + 19 * scale, y + 13 * scale)],
        fill=BACKGROUND,
        width=max(2, round(2.5 * scale)),
    )


def render_png(card: Card) -> bytes:
    """The card drawn as a 1200×630 PNG."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    canvas = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    canvas.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=BAND)
    _leaf(canvas, MARGIN, 64, 1.75)
    kicker = (
        _shortened(card.kicker, 600, 34, width - 80, 1)
        if _width(card.kicker, 600, 34) > width - 80
        else [card.kicker]
    )
    _draw_text(canvas, (MARGIN + 76, 108), kicker[0], 600, 34, TEXT)

    lines, size = _title_lines(card.title, width)
    y = 180 + size
    for line in lines:
        _draw_text(canvas, (MARGIN, y), line, 700, size, TEXT)
        y += round(size * 1.18)

    y = HEIGHT - 80 - 52 * (len(card.lines[:2]) - 1)
    for line in card.lines[:2]:
        shown = line if _width(line, 400, 36) <= width else _shortened(line, 400, 36, width, 1)[0]
        _draw_text(canvas, (MARGIN, y), shown, 400, 36, SUBTLE)
        y += 52
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
