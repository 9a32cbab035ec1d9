"""Draw the default social-preview image (OpenGraph / Twitter card): 1200×630 PNG, green, with the
name. Run again after changing it: `.venv/bin/python scripts/make_og_image.py`; the PNG is committed
as a static file (`gronnpraksis/static/img/og-default.png`)."""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
GREEN, LIGHT = (30, 98, 58), (255, 255, 255)
# Pillow's built-in font has no æ, ø or å: DejaVu Sans (in most Linux distributions) when it is there.
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
TARGET = Path(__file__).resolve().parent.parent / "gronnpraksis" / "static" / "img" / "og-default.png"


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.truetype(FONT, size) if FONT.exists() else ImageFont.load_default(size=size)


def draw() -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), GREEN)
    canvas = ImageDraw.Draw(image)
    name = font(110)
    tagline = font(40)
    canvas.text((WIDTH // 2, HEIGHT // 2 - 30), "Grønn Praksis", font=name, fill=LIGHT, anchor="mm")
    canvas.text(
        (WIDTH // 2, HEIGHT // 2 + 80),
        "Nasjonal arena for bærekraftig omstilling",
        font=tagline,
        fill=LIGHT,
        anchor="mm",
    )
    canvas.rectangle((80, HEIGHT - 90, WIDTH - 80, HEIGHT - 84), fill=LIGHT)
    return image


if __name__ == "__main__":
    draw().save(TARGET, optimize=True)
    print(TARGET)
