"""What apps above registrations add to a registration: fields, checks and an action on the public
registration form, the price shown to the person, what cancelling through the manage link costs, and
what a transfer to a colleague must take from the previous person.

registrations imports no app above it (import-linter), yet billing's discount codes sit on its form and
billing's prices on its pages. The app that owns them registers an `Extension` from its
`AppConfig.ready()` (billing: `billing.registration_hooks`). Without any, the form has no extra field,
the pages show no price and cancelling costs nothing.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms

if TYPE_CHECKING:
    from gronnpraksis.editions.models import Edition

    from .models import Registration


class Refused(Exception):
    """An extension's action refused the registration (the transaction is rolled back); `field` names the
    form field the message belongs to. The services turn it into a `RegistrationError`."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class PriceLine:
    """One line of the price a person pays, ready to show: "Discount (code X)", "− NOK 250,00"."""

    label: str
    amount: str


@dataclass(frozen=True)
class CancellationCost:
    """What cancelling costs on a day: the amount to pay (incl. VAT) and a sentence that explains it."""

    amount: Decimal
    explanation: str


@dataclass(frozen=True)
class Extension:
    """Every part is optional.

    - `fields(edition)`: extra fields of the public form (their names must be new);
    - `check(edition, cleaned_data)`: errors by field name, read only (the form keeps what was typed);
    - `on_register(registration, extra)`: runs inside `register`'s transaction after the registration is
      saved, with the extra fields' cleaned values; raises `Refused` to roll everything back;
    - `price_lines(registration, extra)`: the price, for the pages and the confirmation mail (the
      registration may be unsaved: then `extra` holds what the form gave);
    - `cancellation_cost(registration, on)`: what cancelling on that day costs (None: nothing);
    - `on_cancel(registration, on)`: runs inside the cancellation's transaction when a participant
      cancels a confirmed registration through the manage link;
    - `on_transfer(registration)`: runs inside the transfer's transaction, after the registration moved
      to the colleague: remove what belonged to the previous person (the ticket's check-in code, the
      personal agenda).
    """

    fields: Callable[["Edition"], Mapping[str, forms.Field]] | None = None
    check: Callable[["Edition", Mapping[str, Any]], Mapping[str, str]] | None = None
    on_register: Callable[["Registration", Mapping[str, Any]], None] | None = None
    price_lines: Callable[["Registration", Mapping[str, Any]], list[PriceLine]] | None = None
    cancellation_cost: Callable[["Registration", datetime.date], CancellationCost | None] | None = None
    on_cancel: Callable[["Registration", datetime.date], None] | None = None
    on_transfer: Callable[["Registration"], None] | None = None


_EXTENSIONS: dict[str, Extension] = {}


def extend(name: str, extension: Extension) -> None:
    """Register an extension (from `AppConfig.ready()`; registering a name again replaces it)."""
    _EXTENSIONS[name] = extension


def form_fields(edition: "Edition") -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for extension in _EXTENSIONS.values():
        if extension.fields is not None:
            fields.update(extension.fields(edition))
    return fields


def check(edition: "Edition", cleaned_data: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for extension in _EXTENSIONS.values():
        if extension.check is not None:
            errors.update(extension.check(edition, cleaned_data))
    return errors


def on_register(registration: "Registration", extra: Mapping[str, Any]) -> None:
    for extension in _EXTENSIONS.values():
        if extension.on_register is not None:
            extension.on_register(registration, extra)


def price_lines(registration: "Registration", extra: Mapping[str, Any] | None = None) -> list[PriceLine]:
    lines: list[PriceLine] = []
    for extension in _EXTENSIONS.values():
        if extension.price_lines is not None:
            lines += extension.price_lines(registration, extra or {})
    return lines


def cancellation_cost(registration: "Registration", on: datetime.date) -> CancellationCost | None:
    """What cancelling on `on` costs, or None when it costs nothing (the first extension that says)."""
    for extension in _EXTENSIONS.values():
        if extension.cancellation_cost is not None:
            cost = extension.cancellation_cost(registration, on)
            if cost is not None:
                return cost
    return None


def on_cancel(registration: "Registration", on: datetime.date) -> None:
    for extension in _EXTENSIONS.values():
        if extension.on_cancel is not None:
            extension.on_cancel(registration, on)


def on_transfer(registration: "Registration") -> None:
    for extension in _EXTENSIONS.values():
        if extension.on_transfer is not None:
            extension.on_transfer(registration)
