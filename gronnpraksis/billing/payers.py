"""Who pays: the edition's registrations with something to pay and no invoice yet, grouped by payer.

A payer is an organisation (by organisation number: one collective invoice for all its participants)
or a person paying privately (one invoice each). Read only; `services.issue_invoice` writes.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from gronnpraksis.editions.models import Edition
from gronnpraksis.organisations.services import look_up
from gronnpraksis.registrations.models import PayerType, Registration, Status

from . import services


@dataclass
class Payer:
    key: str  # "org-<number>" or "person-<registration id>"
    name: str
    organisation_number: str
    address: str
    reference: str  # the first reference a participant gave; the organiser may change it
    email: str
    registrations: list[Registration] = field(default_factory=list)
    postcode: str = ""
    city: str = ""
    country: str = "NO"
    in_register: bool | None = None  # an organisation found in Enhetsregisteret's copy; None for a person

    def initial(self) -> dict[str, str]:
        """What the organiser's form starts with (they may change every field)."""
        return {
            "reference": self.reference,
            "name": self.name,
            "address": self.address,
            "postcode": self.postcode,
            "city": self.city,
            "country": self.country,
        }

    def buyer(self, data: dict[str, str]) -> services.Buyer:
        """The buyer as the organiser confirmed it (`data`: the issue form's cleaned data)."""
        return services.Buyer(
            name=data["name"],
            reference=data["reference"],
            organisation_number=self.organisation_number,
            address=data["address"],
            postcode=data["postcode"],
            city=data["city"],
            country=data["country"],
            email=self.email,
        )


def _organisation(key: str, number: str, registration: Registration) -> Payer:
    """An organisation payer; its legal name and postal address come from Enhetsregisteret's copy."""
    entry = look_up(number)
    typed = registration.organisation.name if registration.organisation else registration.organisation_name
    return Payer(
        key=key,
        name=entry.name if entry else typed,
        organisation_number=number,
        address=entry.street if entry else "",
        postcode=entry.postcode if entry else "",
        city=entry.city if entry else "",
        country=entry.country if entry else "NO",
        reference=registration.invoice_reference,
        email="",
        in_register=entry is not None,
    )


def uninvoiced(edition: Edition) -> list[Payer]:
    """Payers with confirmed registrations that cost something, or cancelled ones with a cancellation
    fee, that are on no uncredited invoice."""
    invoiced = services.invoiced_registrations(edition).values("pk")
    owing = Q(status=Status.CONFIRMED) | Q(status=Status.CANCELLED, cancellation_fee__isnull=False)
    registrations = (
        Registration.objects.filter(owing, edition=edition, anonymised_at__isnull=True)
        .exclude(pk__in=invoiced)
        .select_related("ticket_type__billing_price", "organisation", "edition")
        .order_by("organisation_name", "name")
    )
    payers: dict[str, Payer] = {}
    for registration in registrations:
        if services.quote_for(registration).unit_net <= 0:
            continue
        number = registration.organisation_number or (
            registration.organisation.number if registration.organisation else ""
        )
        if registration.payer_type != PayerType.PRIVATE and number:
            key = f"org-{number}"
            if key not in payers:
                payers[key] = _organisation(key, number, registration)
            payer = payers[key]
            payer.reference = payer.reference or registration.invoice_reference
        else:
            key = f"person-{registration.pk}"
            payer = payers.setdefault(
                key,
                Payer(
                    key=key,
                    name=registration.payer_name or registration.name,
                    organisation_number="",
                    address=registration.payer_address,
                    reference=registration.invoice_reference or registration.name,
                    email=registration.email,
                ),
            )
        payer.registrations.append(registration)
    return list(payers.values())
