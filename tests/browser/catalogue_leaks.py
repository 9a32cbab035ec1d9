"""Text from the wrong language on a page: what the language walk in `test_languages_on_every_page`
looks for.

- Catalogue text: a fragment (three words or more, between placeholders and tags) of an English
  message id that has a different bokmål or nynorsk translation must not be on a Norwegian page, and
  a fragment of a Norwegian translation must not be on an English page. The catalogues are the
  project's and those of Django (core, admin, auth) and django-allauth.
- Dates: Norwegian month and day names in a date on an English page, English ones on a Norwegian
  page, and the bokmål order "15. May 2027" in English.
- Known single words the admin showed untranslated ("Run", "Show counts"), which are too short for
  the fragment rule.
"""

import gettext
import re
from functools import cache
from pathlib import Path

import allauth
import django
from django.conf import settings

DJANGO = Path(django.__file__).parent
CATALOGUES = [
    Path(settings.BASE_DIR) / "gronnpraksis" / "locale",
    DJANGO / "conf" / "locale",
    DJANGO / "contrib" / "admin" / "locale",
    DJANGO / "contrib" / "auth" / "locale",
    Path(allauth.__file__).parent / "locale",
]
SPLIT = re.compile(r"%\([^)]*\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]|%[sdr]|\{[^{}]*\}|<[^>]*>|\n|[“”«»\"]")
MIN_WORDS = 3

MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTHS_NO = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
DAYS_EN = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
DAYS_NO = "mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|måndag|tysdag|laurdag|sundag|man|tir|ons|tor|fre|lør|søn"
SHORT_MONTHS_EN = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"

DATE_PATTERNS = {
    # English words in a Norwegian date: "15. May 2027", "tir 1. Jun", "Tuesday 1. juni"
    "no": [
        re.compile(rf"\b\d{{1,2}}\.\s+(?:{MONTHS_EN}|{SHORT_MONTHS_EN})\b"),
        re.compile(rf"\b(?:{DAYS_EN})\s+\d{{1,2}}\."),
    ],
    # Norwegian words or order in an English date: "1. juni", "tirsdag 1", "15. May 2027"
    "en": [
        re.compile(rf"\b\d{{1,2}}\.?\s+(?:{MONTHS_NO})\b"),
        re.compile(rf"\b(?:{DAYS_NO})\s+\d{{1,2}}\b"),
        re.compile(rf"\b\d{{1,2}}\.\s+(?:{MONTHS_EN}|{SHORT_MONTHS_EN})\b"),
    ],
}
UNTRANSLATED_WORDS_NO = re.compile(
    r"\b(?:Run|Show counts|Hide counts|Select an option|Start typing to filter)\b"
)


def _catalogue(language: str) -> dict[str, str]:
    """Message id → translation for `language`, from every catalogue that has one (first wins)."""
    merged: dict[str, str] = {}
    for folder in CATALOGUES:
        for mo in (folder / language / "LC_MESSAGES").glob("django.mo"):
            with mo.open("rb") as handle:
                # The parsed catalogue is private to GNUTranslations and not in the standard library's stubs.
                catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
            for key, text in catalog.items():
                msgid = key[0] if isinstance(key, tuple) else key
                if msgid and "\x04" not in msgid and text:
                    merged.setdefault(msgid, text)
    return merged


def fragments(text: str) -> set[str]:
    parts = (" ".join(part.split()) for part in SPLIT.split(text))
    return {part.strip(" .,:;!?–-()") for part in parts if len(part.split()) >= MIN_WORDS}


@cache
def forbidden(language: str) -> frozenset[str]:
    """Fragments of the other language's catalogue text that a page in `language` must not show."""
    found: set[str] = set()
    if language == "en":
        for norwegian in ("nb", "nn"):
            for msgid, text in _catalogue(norwegian).items():
                if text != msgid:
                    found |= {f for f in fragments(text) if f not in msgid}
    else:
        translated = {**_catalogue("nb"), **_catalogue(language)}
        for msgid, text in translated.items():
            if text != msgid:
                found |= {f for f in fragments(msgid) if f not in text}
    return frozenset(f for f in found if len(f) >= 12)


def wrong_language(text: str, language: str) -> list[str]:
    """What in `text` (a page's visible text in `language`) comes from another language."""
    flat = " ".join(text.split())
    problems = [f"catalogue text: {f!r}" for f in forbidden(language) if f in flat]
    for pattern in DATE_PATTERNS["en" if language == "en" else "no"]:
        problems += [f"date: {m.group(0)!r}" for m in pattern.finditer(flat)]
    if language != "en":
        problems += [f"untranslated: {m.group(0)!r}" for m in UNTRANSLATED_WORDS_NO.finditer(flat)]
    return problems
