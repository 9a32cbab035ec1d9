"""Seat limits: the organisers set how many seats an edition, a day or a ticket type has.

A counter (`Capacity`) always matches the confirmed registrations holding a seat in it; more seats go to
the waitlist at once. Side effects are named in each function's docstring.
"""

from django.db import transaction
from django.db.models import QuerySet

from gronnpraksis.editions.models import Capacity, Edition, EditionDay, TicketType

from .models import Registration, Seat, Status
from .services import RegistrationError, promote_waitlist, seats_taken_message


@transaction.atomic
def set_capacity_limit(*, capacity: Capacity, limit: int) -> Capacity:
    """Change the number of seats; more seats go to the waitlist at once.

    Raises RegistrationError if the new limit is below the seats already taken.
    """
    capacity = Capacity.objects.select_for_update().get(pk=capacity.pk)
    if limit < capacity.taken:
        raise RegistrationError(seats_taken_message(capacity.taken))
    grew = limit > capacity.limit
    capacity.limit = limit
    capacity.save(update_fields=["limit"])
    if grew:
        promote_waitlist(edition=capacity.edition)
    return capacity


def confirmed_using(resource: Edition | EditionDay | TicketType) -> QuerySet[Registration]:
    """The confirmed registrations that need a seat in the resource's counter."""
    confirmed = Registration.objects.filter(status=Status.CONFIRMED)
    if isinstance(resource, Edition):
        return confirmed.filter(edition=resource)
    if isinstance(resource, EditionDay):
        return confirmed.filter(days=resource)
    return confirmed.filter(ticket_type=resource)


@transaction.atomic
def set_seat_limit(*, resource: Edition | EditionDay | TicketType, limit: int | None) -> Capacity | None:
    """Give an edition, a day or a ticket type a number of seats, change it, or (None) remove it.

    A new counter starts with a seat for every confirmed registration that uses the resource, so
    the count is right even when a limit is set after registration opened. Raises RegistrationError
    if more people already hold seats than the new limit. Side effects: the Capacity row and its
    Seat rows; more seats go to the waitlist at once.
    """
    capacity = resource.capacity
    if limit is None:
        if capacity is not None:
            resource.capacity = None
            resource.save(update_fields=["capacity"])
            Seat.objects.filter(capacity=capacity).delete()
            capacity.delete()
            promote_waitlist(edition=_edition_of(resource))
        return None
    if capacity is not None:
        return set_capacity_limit(capacity=capacity, limit=limit)
    holders = list(confirmed_using(resource).values_list("id", flat=True).distinct())
    if len(holders) > limit:
        raise RegistrationError(seats_taken_message(len(holders)))
    edition = _edition_of(resource)
    capacity = Capacity.objects.create(edition=edition, label=str(resource), limit=limit, taken=len(holders))
    Seat.objects.bulk_create(Seat(registration_id=pk, capacity=capacity) for pk in holders)
    resource.capacity = capacity
    resource.save(update_fields=["capacity"])
    promote_waitlist(edition=edition)
    return capacity


def _edition_of(resource: Edition | EditionDay | TicketType) -> Edition:
    return resource if isinstance(resource, Edition) else resource.edition
