"""Who pays: the edition's registrations with something to pay and no invoice yet, grouped by payer.

A payer is an organisation (by organisation number: one collective invoice for all its participants)
or a person paying privately (one invoice each). Read only; `services.issue_invoice` writes.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from gronnpraksis.editions.models import Edition
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

    def buyer(self, reference: str) -> services.Buyer:
        return services.Buyer(
            name=self.name,
            reference=reference,
            organisation_number=self.organisation_number,
            address=self.address,
            email=self.email,
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
            payer = payers.setdefault(
                key,
                Payer(
                    key=key,
                    name=registration.organisation.name
                    if registration.organisation
                    else registration.organisation_name,
                    organisation_number=number,
                    address="",
                    reference=registration.invoice_reference,
                    email="",
                ),
            )
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
