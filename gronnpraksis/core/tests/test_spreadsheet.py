import datetime

import pytest

from gronnpraksis.core.spreadsheet import safe_cell, safe_text


@pytest.mark.parametrize("typed", ["=SUM(A1)", "+47", "-1", "@cmd", "\tx", "\rx"])
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(typed: str) -> None:
    assert safe_text(typed) == "'" + typed


def test_plain_text_numbers_and_dates_stay_as_they_are() -> None:
    day = datetime.date(2022, 9, 14)
    assert safe_text("Kristiansand kommune") == "Kristiansand kommune"
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5 and safe_cell(day) == day
    assert safe_cell("-3") == "'-3"
