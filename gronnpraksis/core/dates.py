"""Dates and times as each language writes them.

Django's `date` filter takes a format string, and a string written for bokmål ("j. F Y") gives odd
English ("15. May 2027"); bokmål's short month is `b` ("jun"), not `M`, which Django title-cases
("Jun"). So pages name a style (`{{ value|when:"date" }}`, `format_when(value, "date")`) and the style
has a format per language. Machine formats ("Ymd", ISO) and plain times ("H:i") stay `date` filters.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import get_language

NORWEGIAN = {
    "date": "j. F Y",  # 15. mai 2027
    "datetime": "j. F Y H:i",  # 15. mai 2027 10:00
    "day": "j.",  # the first day of a span: 15.–16. mai 2027
    "weekday": "l j. F",  # tirsdag 1. juni
    "weekday_year": "l j. F Y",  # tirsdag 1. juni 2027
    "weekday_time": "l j. F H:i",  # tirsdag 1. juni 10:00
    "short_datetime": "D j. b H:i",  # tir 1. jun 10:00
    "short_date_year_time": "j. b Y H:i",  # 1. jun 2027 10:00
}
ENGLISH = {
    "date": "j F Y",  # 15 May 2027
    "datetime": "j F Y, H:i",  # 15 May 2027, 10:00
    "day": "j",  # 15–16 May 2027
    "weekday": "l j F",  # Tuesday 1 June
    "weekday_year": "l j F Y",  # Tuesday 1 June 2027
    "weekday_time": "l j F, H:i",  # Tuesday 1 June, 10:00
    "short_datetime": "D j M, H:i",  # Tue 1 Jun, 10:00
    "short_date_year_time": "j M Y, H:i",  # 1 Jun 2027, 10:00
}
FORMATS = {"nb": NORWEGIAN, "nn": NORWEGIAN, "en": ENGLISH}


def when_format(style: str) -> str:
    """The format string for `style` in the active language (bokmål's for an unknown language)."""
    formats = FORMATS.get(get_language() or "nb", NORWEGIAN)
    if style not in formats:
        raise ValueError(f"unknown date style {style!r}; one of {sorted(formats)}")
    return formats[style]


def format_when(value: datetime.date | datetime.datetime | None, style: str) -> str:
    """`value` in the active language's format for `style`; "" for None."""
    if value is None:
        return ""
    return date_format(value, when_format(style))
