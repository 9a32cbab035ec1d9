"""Dates as each language writes them (issue 18, item 11: "tir 1. Jun", "15. May 2027")."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from gronnpraksis.core.dates import FORMATS, format_when

DAY = datetime.date(2027, 6, 1)  # a Tuesday
MOMENT = datetime.datetime(2027, 6, 1, 10, 5)


@pytest.mark.parametrize(
    ("language", "style", "value", "expected"),
    [
        ("nb", "date", DAY, "1. juni 2027"),
        ("nn", "date", DAY, "1. juni 2027"),
        ("en", "date", DAY, "1 June 2027"),
        ("nb", "short_datetime", MOMENT, "tir 1. jun 10:05"),
        ("en", "short_datetime", MOMENT, "Tue 1 Jun, 10:05"),
        ("nb", "weekday", DAY, "tirsdag 1. juni"),
        ("nn", "weekday", DAY, "tysdag 1. juni"),
        ("en", "weekday", DAY, "Tuesday 1 June"),
        ("en", "datetime", MOMENT, "1 June 2027, 10:05"),
        ("nb", "datetime", MOMENT, "1. juni 2027 10:05"),
    ],
)
def test_each_language_writes_dates_its_own_way(language, style, value, expected):
    with translation.override(language):
        assert format_when(value, style) == expected
        assert (
            Template("{% load gp %}{{ value|when:style }}").render(Context({"value": value, "style": style}))
            == expected
        )


def test_every_style_exists_in_every_language():
    assert all(set(formats) == set(FORMATS["nb"]) for formats in FORMATS.values())


def test_an_unknown_style_is_a_programming_error():
    with pytest.raises(ValueError):
        format_when(DAY, "dato")
