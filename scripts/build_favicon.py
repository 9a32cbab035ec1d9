"""Draw the 32 px PNG favicon (gronnpraksis/static/img/favicon-32.png) for browsers without SVG icons.

It is the same picture as static/img/favicon.svg (a white leaf on the green accent), drawn with Pillow at
eight times the size and scaled down, so its edges are smooth. Run after changing the SVG:
    .venv/bin/python scripts/build_favicon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

TARGET = Path(__file__).resolve().parent.parent / "gronnpraksis" / "static" / "img" / "favicon-32.png"
GREEN = (13, 122, 95, 255)  # --ds-color-accent-base-default in the light scheme
WHITE = (255, 255, 255, 255)
SCALE = 8


def bezier(p0, p1, p2, p3, steps=24):  # type: ignore[no-untyped-def]
    """Points on a cubic Bézier curve, as in the SVG's C commands."""
    points = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        points.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return points


def main() -> None:
    size = 32 * SCALE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=7 * SCALE, fill=GREEN)
    # The leaf: M7 25 C7 13 14 7 26 7 C26 19 19 25 7 25 Z
    outline = bezier((7, 25), (7, 13), (14, 7), (26, 7)) + bezier((26, 7), (26, 19), (19, 25), (7, 25))
    draw.polygon([(x * SCALE, y * SCALE) for x, y in outline], fill=WHITE)
    draw.line((7 * SCALE, 25 * SCALE, 19 * SCALE, 13 * SCALE), fill=GREEN, width=2 * SCALE)
    image.resize((32, 32), Image.Resampling.LANCZOS).save(TARGET, optimize=True)
    print(f"Wrote {TARGET}")


if __name__ == "__main__":
    main()
