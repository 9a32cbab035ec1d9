"""What cancelling costs, as pure functions: exact øre arithmetic with `Decimal`, no database.

An edition's terms: cancelling is free until and including `free_until`; after that a share (percent) of
the price until and including `share_until`; after that the full price. Without terms cancelling is free.
The fee is that share of the net unit price the person pays (after any discount), rounded half up to
øre, with the ticket's VAT category and rate: the line of an invoice like any other.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from .pricing import HUNDRED, ZERO, Quote, to_ore

CANCELLATION = "cancellation"  # the tier of a cancellation fee's quote

NOTHING = Quote(tier=CANCELLATION, unit_net=ZERO, discount_net=ZERO, vat_rate=ZERO, category="E")


@dataclass(frozen=True)
class Terms:
    free_until: datetime.date  # the last day cancelling is free
    share: Decimal  # percent of the price, from the day after `free_until`
    share_until: datetime.date  # the last day the share applies; after it the full price


def share_on(terms: Terms | None, on: datetime.date) -> Decimal:
    """The percent of the price that cancelling on `on` costs: 0, the terms' share, or 100."""
    if terms is None or on <= terms.free_until:
        return ZERO
    if on <= terms.share_until:
        return terms.share
    return HUNDRED


def fee(price: Quote, share: Decimal) -> Quote:
    """The fee for cancelling a ticket priced `price` when `share` percent is due: the share of its net
    unit price, half up to øre, with the ticket's VAT rate and category."""
    return Quote(
        tier=CANCELLATION,
        unit_net=to_ore(price.unit_net * share / HUNDRED),
        discount_net=ZERO,
        vat_rate=price.vat_rate,
        category=price.category,
    )
