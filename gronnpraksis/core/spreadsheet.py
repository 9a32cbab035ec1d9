"""Cells of CSV files that people open in spreadsheets."""

import datetime

# A cell starting with one of these is run as a formula by common spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Typed text with a leading apostrophe when a spreadsheet would run it as a formula."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def safe_cell(value: object) -> object:
    """A value a spreadsheet takes as it is: numbers and dates stay, everything else becomes guarded text."""
    if isinstance(value, int | float | datetime.date):
        return value
    return safe_text(str(value))
