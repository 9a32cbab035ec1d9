"""The organisers' forms for a ticket type's price terms, discount codes and the seller. They check
what was typed and never write: the views hand the cleaned data to `services`."""

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import kontonr

from gronnpraksis.core.forms import OrganisationNumberField, TextInputCleaningMixin
from gronnpraksis.editions.models import Edition, TicketType

from . import pricing
from .models import DiscountCode, DiscountKind

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


def _amount(label: "StrOrPromise", *, required: bool) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=10,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": _("Write an amount in kroner, like 2500 or 2500,50."),
            "max_digits": _("The amount is too large."),
            "max_whole_digits": _("The amount is too large."),
            "max_decimal_places": _("Write at most two decimals (øre)."),
        },
    )


def _date(label: "StrOrPromise") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write a date, like 2027-03-01.")},
    )


class TicketPriceForm(TextInputCleaningMixin, forms.Form):
    """A ticket type's prices, VAT and whether the amounts include VAT."""

    ordinary = _amount(_("Ordinary price"), required=True)
    early_bird = _amount(_("Early-bird price"), required=False)
    early_bird_until = _date(_("Last day of the early-bird price"))
    student = _amount(_("Student price"), required=False)
    includes_vat = forms.BooleanField(
        label=_("The prices include VAT"),
        required=False,
        help_text=_("Leave unticked if the prices above are without VAT."),
    )
    exempt = forms.BooleanField(
        label=_("Exempt from VAT"),
        required=False,
        help_text=_("Course and conference fees may be exempt; the VAT rate is then not used."),
    )
    vat_rate = forms.DecimalField(
        label=_("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        localize=True,
        error_messages={
            "required": _("Write the VAT rate, like 25."),
            "invalid": _("Write the VAT rate as a number, like 25."),
            "max_digits": _("The VAT rate must be at least 0 and below 100."),
            "max_whole_digits": _("The VAT rate must be at least 0 and below 100."),
            "max_decimal_places": _("Write at most two decimals."),
        },
    )

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("ordinary", "early_bird", "student"):
            value = data.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("A price cannot be negative."))
        rate = data.get("vat_rate")
        if rate is not None and not (0 <= rate < 100):
            self.add_error("vat_rate", _("The VAT rate must be at least 0 and below 100."))
        elif rate is not None and rate == 0 and not data.get("exempt"):
            self.add_error(
                "vat_rate", _("A ticket with VAT needs a rate above 0; tick “Exempt from VAT” otherwise.")
            )
        early, until = data.get("early_bird"), data.get("early_bird_until")
        if early is not None and until is None and "early_bird_until" not in self.errors:
            self.add_error("early_bird_until", _("Write the last day the early-bird price applies."))
        if until is not None and early is None and "early_bird" not in self.errors:
            self.add_error("early_bird", _("Write the early-bird price, or empty its last day."))
        if until is not None and until >= self.edition.starts_on:
            self.add_error(
                "early_bird_until",
                _("The early-bird price must end before the event starts (%(day)s).")
                % {"day": date_format(self.edition.starts_on, "SHORT_DATE_FORMAT")},
            )
        ordinary = data.get("ordinary")
        for name, message in (
            ("early_bird", _("The early-bird price should be lower than the ordinary price.")),
            ("student", _("The student price should be lower than the ordinary price.")),
        ):
            value = data.get(name)
            if value is not None and ordinary is not None and name not in self.errors and value > ordinary:
                self.add_error(name, message)
        return data


CODE_PATTERN = re.compile(r"^[A-Za-z0-9ÆØÅæøå_-]+$")


class DiscountCodeForm(TextInputCleaningMixin, forms.Form):
    """A partner's discount code: a percentage or an amount off, a number of uses, dates and tickets."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("Letters, digits, hyphens and underscores; upper and lower case count as the same."),
    )
    partner = forms.CharField(label=_("Partner"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=DiscountKind.choices, widget=forms.RadioSelect)
    value = _amount(_("Value (percent or kroner)"), required=True)
    max_uses = forms.IntegerField(
        label=_("Number of uses"),
        error_messages={"invalid": _("Write a whole number, like 20.")},
    )
    valid_from = _date(_("Valid from"))
    valid_until = _date(_("Valid until"))
    ticket_types = forms.ModelMultipleChoiceField(
        label=_("Ticket types"),
        queryset=TicketType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: the code applies to every ticket type."),
        error_messages={"invalid_choice": _("Choose among the edition's ticket types.")},
    )

    def __init__(
        self, *args: Any, edition: Edition, instance: DiscountCode | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.edition, self.instance = edition, instance
        field = self.fields["ticket_types"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = TicketType.objects.filter(edition=edition)

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip()
        if not CODE_PATTERN.match(code):
            raise forms.ValidationError(
                _("Use only letters, digits, hyphens and underscores, without spaces.")
            )
        taken = DiscountCode.objects.filter(edition=self.edition, code__iexact=code)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("The edition already has the code %(code)s.") % {"code": code})
        return code

    def clean_max_uses(self) -> int:
        uses = int(self.cleaned_data["max_uses"])
        if uses < 1:
            raise forms.ValidationError(_("A code needs at least one use."))
        if uses > 100_000:
            raise forms.ValidationError(_("At most 100 000 uses."))
        used = self.instance.used if self.instance is not None else 0
        if uses < used:
            raise forms.ValidationError(
                _("The code has already been used %(used)s times; the number of uses cannot be lower.")
                % {"used": used}
            )
        return uses

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        value, kind = data.get("value"), data.get("kind")
        if value is not None and value <= 0:
            self.add_error("value", _("The discount must be more than 0."))
        elif value is not None and kind == DiscountKind.PERCENT and value > 100:
            self.add_error("value", _("A percentage can be at most 100."))
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The last day cannot be before the first day."))
        return data


class SellerForm(TextInputCleaningMixin, forms.Form):
    """Who sends the edition's invoices (the seller on EHF invoices)."""

    name = forms.CharField(label=_("Legal name"), max_length=200)
    organisation_number = OrganisationNumberField(label=_("Organisation number"), required=True)
    vat_registered = forms.BooleanField(label=_("Registered for VAT"), required=False)
    street = forms.CharField(label=_("Street address"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    city = forms.CharField(label=_("City"), max_length=100)
    account_number = forms.CharField(
        label=_("Bank account"), max_length=20, help_text=_("Eleven digits, like 1234 56 78903.")
    )
    email = forms.EmailField(label=_("E-mail for invoice questions"), required=False)
    series = forms.CharField(
        label=_("Invoice series"),
        max_length=20,
        help_text=_("Letters and digits, like GP27. Invoice numbers count up without gaps within a series."),
    )
    payment_days = forms.IntegerField(
        label=_("Days to pay"),
        error_messages={"invalid": _("Write a whole number of days, like 30.")},
    )

    def clean_postcode(self) -> str:
        postcode = str(self.cleaned_data["postcode"]).strip()
        if not re.fullmatch(r"[0-9]{4}", postcode):
            raise forms.ValidationError(_("A Norwegian postcode has four digits, like 4611."))
        return postcode

    def clean_account_number(self) -> str:
        digits = re.sub(r"[\s.]", "", str(self.cleaned_data["account_number"]))
        try:
            return str(kontonr.validate(digits))
        except StdnumError:
            raise forms.ValidationError(
                _("The account number is not valid: check the eleven digits.")
            ) from None

    def clean_series(self) -> str:
        series = str(self.cleaned_data["series"]).strip().upper()
        if not re.fullmatch(r"[A-Z0-9]+", series):
            raise forms.ValidationError(_("Use only letters A–Z and digits, like GP27."))
        return series

    def clean_payment_days(self) -> int:
        days = int(self.cleaned_data["payment_days"])
        if not 0 <= days <= 365:
            raise forms.ValidationError(_("Days to pay must be between 0 and 365."))
        return days


def preview(
    *, ordinary: Decimal, early_bird: Decimal | None, student: Decimal | None, **terms: Any
) -> list[tuple[str, Decimal, Decimal]]:
    """Each tier's price for one ticket: (tier label, ex. VAT, incl. VAT), as an invoice computes it."""
    price_terms = pricing.PriceTerms(ordinary=ordinary, early_bird=early_bird, student=student, **terms)
    rows = []
    for label, amount in (
        (_("Ordinary"), ordinary),
        (_("Early bird"), early_bird),
        (_("Student"), student),
    ):
        if amount is None:
            continue
        net = price_terms.net(amount)
        line = pricing.Line(
            quantity=1, unit_net=net, vat_rate=price_terms.rate, category=price_terms.category
        )
        rows.append((str(label), net, pricing.totals([line]).gross))
    return rows
