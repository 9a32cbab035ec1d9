import uuid
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.forms import (
    CheckedEmailField,
    HoneypotField,
    IdempotencyKeyField,
    OrganisationNumberField,
    PhoneNumberField,
    SafeModelMultipleChoiceField,
    TextInputCleaningMixin,
)
from gronnpraksis.editions.models import Edition, EditionDay, TicketType
from gronnpraksis.organisations.models import Sector
from gronnpraksis.places.forms import MunicipalityField

from . import extensions
from .models import PayerType, Role


class DayChoiceField(SafeModelMultipleChoiceField):
    def label_from_instance(self, obj: EditionDay) -> str:
        if obj.capacity is not None and obj.capacity.available == 0:
            return str(_("%(day)s – full, you will be put on the waitlist") % {"day": obj.label})
        return obj.label


class TicketChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TicketType) -> str:
        price = (
            _("free")
            if obj.is_free
            else _("NOK %(price)s") % {"price": number_format(obj.price, force_grouping=True)}
        )
        label = f"{obj.name} ({price})"
        if obj.capacity is not None and obj.capacity.available == 0:
            label += " – " + str(_("full, you will be put on the waitlist"))
        return label


class RegistrationForm(TextInputCleaningMixin, forms.Form):
    name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = CheckedEmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("The confirmation and your personal link to change the registration are sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneNumberField(label=_("Phone (optional)"))
    organisation_name = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        help_text=_("Municipality, company, organisation or research institution."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    organisation_number = OrganisationNumberField(
        label=_("Organisation number (required if your organisation pays for a ticket with a price)"),
        help_text=_("Nine digits. Otherwise optional."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices, widget=forms.RadioSelect)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)
    municipality = MunicipalityField(
        label=_("Municipality"),
        help_text=_("Where you work. Start typing a name or number and choose from the list."),
    )
    ticket_type = TicketChoiceField(
        label=_("Ticket"), queryset=TicketType.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    days = DayChoiceField(
        label=_("Which days will you attend?"),
        queryset=EditionDay.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    payer_type = forms.ChoiceField(
        label=_("Who pays? (only for a ticket with a price)"),
        choices=PayerType.choices,
        required=False,
        initial=PayerType.ORGANISATION,
        widget=forms.RadioSelect,
        help_text=_(
            "An organisation needs its organisation number above. If you pay yourself, give your name "
            "and postal address below."
        ),
    )
    payer_name = forms.CharField(
        label=_("Name on the invoice (required if you pay yourself)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    payer_address = forms.CharField(
        label=_("Postal address for the invoice (required if you pay yourself)"),
        max_length=300,
        required=False,
        help_text=_("Street address, postcode and town."),
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"}),
    )
    invoice_reference = forms.CharField(
        label=_("Invoice reference (optional)"),
        max_length=100,
        required=False,
        help_text=_("The buyer's reference for the invoice, if the ticket has a price."),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs (optional)"),
        max_length=500,
        required=False,
        help_text=_("Allergies or diets. Deleted after the event."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        max_length=500,
        required=False,
        help_text=_(
            "For example wheelchair access, hearing loop or an interpreter. Deleted after the event."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    privacy = forms.BooleanField(
        label=_(
            "I have read the privacy statement and agree that my registration is stored as it describes."
        ),
        error_messages={"required": _("You must accept the privacy statement to register.")},
    )
    news_opt_in = forms.BooleanField(
        label=_("Yes, send me news about Grønn Praksis (you can unsubscribe at any time)."), required=False
    )
    idempotency_key = IdempotencyKeyField()
    website = HoneypotField()

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["ticket_type"].queryset = edition.ticket_types.filter(  # type: ignore[attr-defined]
            is_active=True
        ).select_related("capacity")
        self.fields["days"].queryset = edition.days.select_related("capacity")  # type: ignore[attr-defined]
        # Fields other apps add (billing's discount code), shown under "Participation".
        added = extensions.form_fields(edition)
        self.extension_names = list(added)
        self.fields.update(added)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())
            self.initial.setdefault("days", list(edition.days.all()))

    @property
    def extension_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.extension_names]

    def extra_data(self) -> dict[str, Any]:
        """The cleaned values of the fields other apps added (for `RegistrationData.extra`)."""
        return {name: self.cleaned_data.get(name) for name in self.extension_names}

    def clean(self) -> dict[str, Any]:
        cleaned = self._clean_payer(super().clean())
        for name, message in extensions.check(self.edition, cleaned).items():
            if name not in self.errors:
                self.add_error(name if name in self.fields else None, message)
        return cleaned

    def _clean_payer(self, cleaned: dict[str, Any]) -> dict[str, Any]:
        ticket = cleaned.get("ticket_type")
        if ticket is None or ticket.is_free:
            # Nobody is invoiced: what was chosen about paying is not kept.
            cleaned.update(payer_type="", payer_name="", payer_address="")
            return cleaned
        price = {"price": number_format(ticket.price, force_grouping=True)}
        payer = cleaned.get("payer_type") or PayerType.ORGANISATION
        cleaned["payer_type"] = payer
        if payer == PayerType.ORGANISATION:
            cleaned.update(payer_name="", payer_address="")
            if not cleaned.get("organisation_number") and "organisation_number" not in self.errors:
                self.add_error(
                    "organisation_number",
                    _("This ticket costs NOK %(price)s. Give the organisation number we should invoice.")
                    % price,
                )
            return cleaned
        if not cleaned.get("payer_name") and "payer_name" not in self.errors:
            self.add_error(
                "payer_name",
                _("This ticket costs NOK %(price)s. Give the name the invoice should go to.") % price,
            )
        if not cleaned.get("payer_address") and "payer_address" not in self.errors:
            self.add_error(
                "payer_address",
                _("This ticket costs NOK %(price)s. Give the postal address the invoice should go to.")
                % price,
            )
        return cleaned


class ChangeRegistrationForm(TextInputCleaningMixin, forms.Form):
    days = DayChoiceField(
        label=_("Which days will you attend?"),
        queryset=EditionDay.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    phone = PhoneNumberField(label=_("Phone (optional)"))
    dietary_needs = forms.CharField(
        label=_("Dietary needs (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    news_opt_in = forms.BooleanField(label=_("Send me news about Grønn Praksis."), required=False)

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"].queryset = edition.days.select_related("capacity")  # type: ignore[attr-defined]


class TransferForm(TextInputCleaningMixin, forms.Form):
    """The colleague who takes over the registration."""

    name = forms.CharField(label=_("Your colleague's full name"), max_length=200)
    email = CheckedEmailField(
        label=_("Your colleague's e-mail"),
        max_length=254,
        help_text=_("Your colleague gets their own link to the registration here."),
    )
    colleague = forms.BooleanField(
        label=_(
            "My colleague works in the same organisation as I do, and knows their name and e-mail are passed on."
        ),
        error_messages={
            "required": _("Only a colleague in your organisation can take over the registration.")
        },
    )


class ResendLinkForm(forms.Form):
    """The address to send the link to an existing registration to (a hidden field)."""

    email = forms.EmailField(max_length=254, widget=forms.HiddenInput)
