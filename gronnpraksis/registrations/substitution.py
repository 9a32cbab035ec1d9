"""Passing a registration on to a colleague of the same organisation (substitution), free of charge.

The registration row moves: its seats, ticket, days, organisation, invoice reference and any invoice
stay; the person changes. The previous person's data leaves the row (name, e-mail, phone, dietary and
accessibility needs, news consent, network marker), every link is new (manage, vote, calendar), and the
apps above registrations remove what was theirs (`extensions.on_transfer`: the ticket's check-in code,
the personal agenda). Both people get a mail through the outbox.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gronnpraksis.accounts.services import get_or_create_user

from . import extensions
from .models import (
    PayerType,
    Registration,
    Status,
    new_calendar_token,
    new_manage_token,
    new_vote_token,
)
from .services import RegistrationError, _active_registration, _enqueue, _mail


def transfer_refusal(registration: Registration) -> str | None:
    """Why the registration cannot be passed on now, or None. Read only."""
    if registration.status == Status.CANCELLED:
        return _("This registration is cancelled and cannot be passed on.")
    if registration.edition.is_past:
        return _("The event is over; the registration can no longer be passed on.")
    if not registration.organisation_number:
        return _(
            "Only a registration with an organisation number can be passed on to a colleague. "
            "Cancel it instead, or contact the organisers."
        )
    if registration.payer_type == PayerType.PRIVATE:
        return _(
            "A ticket you pay yourself cannot be passed on. Cancel it instead, or contact the organisers."
        )
    return None


def transfer_registration(*, registration: Registration, name: str, email: str) -> Registration:
    """Move the registration to a colleague of the same organisation (the organisation number stays).

    Raises RegistrationError when it is cancelled, the event is over, it has no organisation number, the
    person pays privately, or the colleague's address already has a registration for the edition (also
    when one is made at the same moment: the unique index decides). Side effects: the registration's
    person, links and consents; an account for the colleague's address if new; the extensions' clean-up;
    a mail to the colleague (with their new link) and one to the previous person (without any link).
    """
    email = email.strip().lower()
    get_or_create_user(email=email, name=name)
    try:
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update().select_related("edition").get(pk=registration.pk)
            )
            refusal = transfer_refusal(registration)
            if refusal is not None:
                raise RegistrationError(refusal)
            if _active_registration(registration.edition, email) is not None:
                raise RegistrationError(
                    _("%(email)s already has a registration for %(edition)s.")
                    % {"email": email, "edition": registration.edition.name}
                )
            # The previous person's mail is rendered while the row still has their name and address.
            farewell = _mail(
                registration, "registration_transferred_from", days=[], context={"colleague": name}
            )
            _move(registration, name=name, email=email)
            extensions.on_transfer(registration)
            farewell.save()
            _enqueue(registration, "registration_transferred_to")
    except IntegrityError:
        raise RegistrationError(
            _("%(email)s already has a registration for %(edition)s.")
            % {"email": email, "edition": registration.edition.name}
        ) from None
    return registration


def _move(registration: Registration, *, name: str, email: str) -> None:
    registration.name = name
    registration.email = email
    registration.phone = ""
    registration.dietary_needs = ""
    registration.accessibility_needs = ""
    registration.news_opt_in = False
    registration.news_consent_at = None
    registration.news_withdrawn_at = None
    registration.network_marker = ""
    registration.idempotency_key = None  # the previous person's form must not land on it again
    registration.manage_token = new_manage_token()
    registration.vote_token = new_vote_token()
    registration.calendar_token = new_calendar_token()
    registration.save()
