"""Every price rule, to the øre."""

import datetime
from decimal import Decimal as D

from gronnpraksis.billing.pricing import (
    EARLY_BIRD,
    EXEMPT,
    FREE,
    ORDINARY,
    STANDARD,
    STUDENT,
    Discount,
    Line,
    PriceTerms,
    quote,
    tier_for,
    to_ore,
    totals,
)

DAY = datetime.date(2026, 5, 1)
TERMS = PriceTerms(
    ordinary=D("2500"), early_bird=D("1900"), early_bird_until=DAY, student=D("500"), exempt=True
)


def test_rounding_is_half_up_to_ore() -> None:
    assert to_ore(D("0.005")) == D("0.01")
    assert to_ore(D("0.0049")) == D("0.00")
    assert to_ore(D("2.675")) == D("2.68")  # a float would give 2.67
    assert to_ore(D("-0.005")) == D("-0.01")


def test_ordinary_price_after_the_early_bird_date() -> None:
    assert tier_for(TERMS, on=DAY + datetime.timedelta(days=1)) == ORDINARY
    assert quote(TERMS, on=DAY + datetime.timedelta(days=1)).unit_net == D("2500.00")


def test_early_bird_until_and_including_its_last_day() -> None:
    assert tier_for(TERMS, on=DAY) == EARLY_BIRD
    assert quote(TERMS, on=DAY).unit_net == D("1900.00")


def test_no_early_bird_without_a_date() -> None:
    terms = PriceTerms(ordinary=D("2500"), early_bird=D("1900"))
    assert tier_for(terms, on=DAY) == ORDINARY


def test_student_price_is_the_lowest_tier_that_applies() -> None:
    assert quote(TERMS, on=DAY, student=True).tier == STUDENT
    assert quote(TERMS, on=DAY, student=True).unit_net == D("500.00")
    # A student price higher than the early bird does not make a student pay more.
    terms = PriceTerms(ordinary=D("2500"), early_bird=D("900"), early_bird_until=DAY, student=D("1000"))
    assert quote(terms, on=DAY, student=True).tier == EARLY_BIRD


def test_student_without_a_student_price_pays_the_ordinary_price() -> None:
    assert quote(PriceTerms(ordinary=D("800")), on=DAY, student=True).unit_net == D("800.00")


def test_free_by_role_beats_every_tier_and_discount() -> None:
    result = quote(TERMS, on=DAY, student=True, free=True, discount=Discount(amount=D("100")))
    assert (result.tier, result.unit_net, result.discount_net) == (FREE, D("0.00"), D("0.00"))


def test_exempt_ticket_has_category_e_and_rate_zero() -> None:
    result = quote(TERMS, on=DAY)
    assert (result.category, result.vat_rate) == (EXEMPT, D("0.00"))


def test_price_ex_vat_is_the_net_price() -> None:
    terms = PriceTerms(ordinary=D("1000"), vat_rate=D("25"), exempt=False)
    result = quote(terms, on=DAY)
    assert (result.unit_net, result.vat_rate, result.category) == (D("1000.00"), D("25"), STANDARD)


def test_price_incl_vat_is_turned_into_a_net_price_rounded_to_ore() -> None:
    terms = PriceTerms(ordinary=D("999"), vat_rate=D("25"), exempt=False, includes_vat=True)
    assert quote(terms, on=DAY).unit_net == D("799.20")
    terms = PriceTerms(ordinary=D("1000"), vat_rate=D("15"), exempt=False, includes_vat=True)
    assert quote(terms, on=DAY).unit_net == D("869.57")  # 869.5652… rounds up


def test_price_incl_vat_of_an_exempt_ticket_is_unchanged() -> None:
    terms = PriceTerms(ordinary=D("999"), vat_rate=D("25"), exempt=True, includes_vat=True)
    assert quote(terms, on=DAY).unit_net == D("999.00")


def test_percentage_discount_rounds_the_discount_to_ore() -> None:
    terms = PriceTerms(ordinary=D("1999.99"))
    result = quote(terms, on=DAY + datetime.timedelta(days=1), discount=Discount(percent=D("15")))
    # 15 % of 1999.99 is 299.9985 → 300.00 off
    assert (result.discount_net, result.unit_net) == (D("300.00"), D("1699.99"))


def test_fixed_discount_on_a_price_incl_vat_is_taken_off_net() -> None:
    terms = PriceTerms(ordinary=D("1250"), vat_rate=D("25"), exempt=False, includes_vat=True)
    result = quote(terms, on=DAY, discount=Discount(amount=D("250")))
    assert (result.discount_net, result.unit_net) == (D("200.00"), D("800.00"))


def test_discount_never_makes_a_price_negative() -> None:
    result = quote(TERMS, on=DAY, discount=Discount(amount=D("5000")))
    assert (result.unit_net, result.discount_net) == (D("0.00"), D("1900.00"))
    assert quote(TERMS, on=DAY, discount=Discount(percent=D("100"))).unit_net == D("0.00")


def test_discount_applies_to_the_tier_price() -> None:
    assert quote(TERMS, on=DAY, student=True, discount=Discount(percent=D("10"))).unit_net == D("450.00")


def test_line_amount_is_rounded_after_multiplying() -> None:
    assert Line(quantity=3, unit_net=D("333.33"), vat_rate=D("25"), category=STANDARD).net == D("999.99")


def test_vat_is_computed_once_per_rate_on_the_sum_of_lines() -> None:
    # Per line, 0.25 × 0.02 = 0.005 would round to 0.01 three times (0.03); on the sum it is 0.015 → 0.02.
    lines = [Line(quantity=1, unit_net=D("0.02"), vat_rate=D("25"), category=STANDARD)] * 3
    result = totals(lines)
    assert (result.net, result.vat, result.gross) == (D("0.06"), D("0.02"), D("0.08"))


def test_totals_break_vat_down_per_category_and_rate() -> None:
    lines = [
        Line(quantity=2, unit_net=D("1000.00"), vat_rate=D("25"), category=STANDARD),
        Line(quantity=1, unit_net=D("799.20"), vat_rate=D("25"), category=STANDARD),
        Line(quantity=1, unit_net=D("450.00"), vat_rate=D("15"), category=STANDARD),
        Line(quantity=3, unit_net=D("2500.00"), vat_rate=D("0"), category=EXEMPT),
    ]
    result = totals(lines)
    assert [(b.category, b.rate, b.taxable, b.vat) for b in result.breakdown] == [
        (EXEMPT, D("0"), D("7500.00"), D("0.00")),
        (STANDARD, D("15"), D("450.00"), D("67.50")),
        (STANDARD, D("25"), D("2799.20"), D("699.80")),
    ]
    assert (result.net, result.vat, result.gross) == (D("10749.20"), D("767.30"), D("11516.50"))


def test_no_lines_total_zero() -> None:
    result = totals([])
    assert (result.net, result.vat, result.breakdown) == (D("0.00"), D("0.00"), ())
