"""Text helpers shared by the apps: one way to turn a title or a name into a URL slug."""

import unicodedata

from django.utils.text import slugify as django_slugify

# Letters with no decomposition to ASCII, which Django's slugify would drop ("Grønne tak" became
# "grnne-tak"): Norwegian, Sami and a few more from names in other Nordic and European languages.
# Letters with a combining accent (á, č, š, ž, é, ü …) decompose by themselves.
TRANSLITERATION = str.maketrans(
    {
        "æ": "ae",
        "Æ": "Ae",
        "ø": "o",
        "Ø": "O",
        "å": "a",
        "Å": "A",
        "đ": "d",
        "Đ": "D",
        "ŋ": "n",
        "Ŋ": "N",
        "ŧ": "t",
        "Ŧ": "T",
        "ʒ": "z",
        "Ʒ": "Z",
        "ǯ": "z",
        "Ǯ": "Z",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "œ": "oe",
        "Œ": "Oe",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
    }
)


def transliterate(value: str) -> str:
    """`value` in ASCII letters as far as they go: ø → o, æ → ae, å → a, đ → d, č → c, é → e …"""
    value = unicodedata.normalize("NFKC", value).translate(TRANSLITERATION)
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(value: str, *, max_length: int | None = None, fallback: str = "") -> str:
    """The URL slug of a title or name, readable in Norwegian and Sami: "Grønne tak på Øvre Åsen"
    → "gronne-tak-pa-ovre-asen", "Čáhcegáddi" → "cahcegaddi". Cut at `max_length` without a
    trailing dash; `fallback` when nothing is left (a title of only emoji)."""
    slug = django_slugify(transliterate(value))
    if max_length is not None:
        slug = slug[:max_length].strip("-_")
    return slug or fallback
