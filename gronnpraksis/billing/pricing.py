"""Prices as pure functions: exact øre arithmetic with `Decimal`, no database.

Norwegian invoices round each amount half up to whole øre. A line's amount is rounded first
(quantity × net unit price), then the VAT is computed once per rate on the sum of the lines at that
rate (EN 16931 BR-CO-17), and the total is the sum of those. A price entered including VAT is turned
into a net unit price (rounded to øre) before anything else, so every invoice is built from net
amounts as EHF/PEPPOL expects.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ORE = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)

# VAT categories of EN 16931 (UNCL5305) used here: standard rate, or exempt from VAT.
STANDARD, EXEMPT = "S", "E"

# Tiers, in the order they are shown on a line.
ORDINARY, EARLY_BIRD, STUDENT, FREE = "ordinary", "early_bird", "student", "free"


def to_ore(amount: Decimal) -> Decimal:
    """Round half up to whole øre (0.005 → 0.01), as Norwegian invoices do."""
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PriceTerms:
    """A ticket type's prices. Amounts are in kroner, including VAT when `includes_vat` is set."""

    ordinary: Decimal
    vat_rate: Decimal = ZERO  # percent, e.g. Decimal("25")
    exempt: bool = True  # course and conference fees may be exempt; then the rate is 0
    includes_vat: bool = False
    early_bird: Decimal | None = None
    early_bird_until: datetime.date | None = None  # the last day the early-bird price applies
    student: Decimal | None = None

    @property
    def rate(self) -> Decimal:
        return ZERO if self.exempt else self.vat_rate

    @property
    def category(self) -> str:
        return EXEMPT if self.exempt else STANDARD

    def net(self, amount: Decimal) -> Decimal:
        """The net amount (ex. VAT, to øre) of an amount given on this ticket's basis."""
        if self.includes_vat and self.rate:
            return to_ore(amount * HUNDRED / (HUNDRED + self.rate))
        return to_ore(amount)


@dataclass(frozen=True)
class Discount:
    """A discount code's effect: a percentage, or a fixed amount on the ticket's own basis."""

    percent: Decimal | None = None
    amount: Decimal | None = None


@dataclass(frozen=True)
class Quote:
    tier: str
    unit_net: Decimal  # ex. VAT, after any discount, to øre
    discount_net: Decimal  # how much the discount took off the net unit price
    vat_rate: Decimal
    category: str


def tier_for(terms: PriceTerms, *, on: datetime.date, student: bool = False, free: bool = False) -> str:
    """The tier a person pays: free by role, else the lowest of the tiers that apply on `on`."""
    if free:
        return FREE
    candidates = [(terms.ordinary, 2, ORDINARY)]
    if terms.early_bird is not None and terms.early_bird_until is not None and on <= terms.early_bird_until:
        candidates.append((terms.early_bird, 1, EARLY_BIRD))
    if student and terms.student is not None:
        candidates.append((terms.student, 0, STUDENT))
    return min(candidates)[2]


def quote(
    terms: PriceTerms,
    *,
    on: datetime.date,
    student: bool = False,
    free: bool = False,
    discount: Discount | None = None,
) -> Quote:
    """What one ticket costs: the tier's net unit price, less the discount (never below 0)."""
    tier = tier_for(terms, on=on, student=student, free=free)
    gross = {ORDINARY: terms.ordinary, EARLY_BIRD: terms.early_bird, STUDENT: terms.student}.get(tier)
    unit = ZERO if gross is None else terms.net(gross)
    off = ZERO
    if discount is not None and unit > ZERO:
        if discount.percent is not None:
            off = to_ore(unit * discount.percent / HUNDRED)
        elif discount.amount is not None:
            off = terms.net(discount.amount)
        off = min(off, unit)
    return Quote(
        tier=tier, unit_net=unit - off, discount_net=off, vat_rate=terms.rate, category=terms.category
    )


@dataclass(frozen=True)
class Line:
    quantity: int
    unit_net: Decimal
    vat_rate: Decimal
    category: str

    @property
    def net(self) -> Decimal:
        return to_ore(self.unit_net * self.quantity)


@dataclass(frozen=True)
class VatBreakdown:
    category: str
    rate: Decimal
    taxable: Decimal
    vat: Decimal


@dataclass(frozen=True)
class Totals:
    net: Decimal
    vat: Decimal
    breakdown: tuple[VatBreakdown, ...]

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


def totals(lines: Iterable[Line]) -> Totals:
    """Sum the lines' amounts, then the VAT once per category and rate on that sum, rounded to øre."""
    groups: dict[tuple[str, Decimal], Decimal] = {}
    for line in lines:
        key = (line.category, line.vat_rate)
        groups[key] = groups.get(key, ZERO) + line.net
    breakdown = tuple(
        VatBreakdown(category=category, rate=rate, taxable=taxable, vat=to_ore(taxable * rate / HUNDRED))
        for (category, rate), taxable in sorted(groups.items())
    )
    return Totals(
        net=sum((b.taxable for b in breakdown), ZERO),
        vat=sum((b.vat for b in breakdown), ZERO),
        breakdown=breakdown,
    )
