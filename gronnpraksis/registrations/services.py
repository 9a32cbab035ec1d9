"""Registration (påmelding): taking seats, the waitlist, changes and cancellation.

Seats are counted in `editions.Capacity` rows. A seat is taken with a conditional UPDATE
(`taken = taken + 1 WHERE taken < limit`) in the same transaction as the registration row and
its outbox mail, and several counters are always taken in id order so two requests never wait
on each other in opposite orders. The database check `taken <= limit` backs it up.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gronnpraksis.accounts.services import get_or_create_user
from gronnpraksis.core.privacy_statement import STATEMENT_VERSION
from gronnpraksis.editions.calendar import edition_days_calendar
from gronnpraksis.editions.models import Capacity, Edition, EditionDay, TicketType
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.mail.services import Attachment, render_mail
from gronnpraksis.organisations.services import get_or_create_organisation
from gronnpraksis.places.models import Municipality

from . import extensions
from .models import Registration, Seat, Status, new_manage_token


class RegistrationError(Exception):
    """A rule stopped the change; the message says what to do, in the user's language."""


class AlreadyRegistered(RegistrationError):
    """The address already has a registration (not cancelled) for the edition.

    The message names neither the registration nor its link; the person can ask for the link
    again by mail (`resend_manage_link`).
    """


class RegistrationRefused(RegistrationError):
    """Another app's rule refused the registration (a discount code used up meanwhile); `field` names the
    form field the message belongs to."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class RegistrationData:
    name: str
    email: str
    municipality: Municipality
    ticket_type: TicketType
    days: list[EditionDay]
    sector: str
    role: str
    phone: str = ""
    organisation_name: str = ""
    organisation_number: str = ""
    dietary_needs: str = ""
    accessibility_needs: str = ""
    invoice_reference: str = ""
    payer_type: str = ""
    payer_name: str = ""
    payer_address: str = ""
    news_opt_in: bool = False
    language: str = "nb"
    network_marker: str = ""  # `core.network.network_marker` of the client, for the vote's checks
    # The values of the fields other apps add to the form (`extensions`), e.g. billing's discount code.
    extra: dict[str, Any] = field(default_factory=dict)


class _NoSeat(Exception):
    pass


def seats_taken_message(taken: int) -> str:
    """Why a limit cannot go below the seats already held (also used by the admin's forms)."""
    return ngettext(
        "%(taken)s seat is already taken; the limit cannot be lower.",
        "%(taken)s seats are already taken; the limit cannot be lower.",
        taken,
    ) % {"taken": taken}


def register(
    *, edition: Edition, data: RegistrationData, idempotency_key: uuid.UUID | None, at_the_door: bool = False
) -> Registration:
    """Register a person, confirmed if every counter has a seat, otherwise on the waitlist.

    A repeated submit (same idempotency key, edition and e-mail) returns the first registration
    unchanged; a key that belongs to someone else's registration is ignored. Any other second
    registration of the same address (in any letter case) for the edition raises AlreadyRegistered,
    also when two arrive at the same moment (a unique index on the lower-cased address of the
    registrations that are not cancelled decides). Side effects: the registration and its seats,
    an organisation if new, an account for the e-mail if new (so "Min side" works), and a
    confirmation mail with a calendar file and the price, and whatever the registered extensions do with
    `data.extra` in the same transaction (billing takes a use of the discount code; if that is refused,
    nothing is stored and RegistrationRefused says why). `at_the_door` (staff registering a walk-in on the day) lets
    a registration in after the deadline; every seat and quota rule still holds.
    """
    if idempotency_key is not None:
        existing = Registration.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None and _same_submission(existing, edition, data.email):
            return existing
        if existing is not None:
            idempotency_key = None  # the form was reused (a shared machine, the back button)
    if not at_the_door and not edition.registration_open:
        raise RegistrationError(_("Registration for %(edition)s is closed.") % {"edition": edition.name})
    if _active_registration(edition, data.email) is not None:
        raise AlreadyRegistered(_already_registered_message())
    # Everything that needs no lock happens first: the account, the row in memory, and the
    # confirmation mail (rendered for the usual outcome). The transaction then only writes rows and
    # takes the seats, so SQLite's write lock and PostgreSQL's counter row lock are held briefly.
    get_or_create_user(email=data.email, name=data.name)
    registration = _new_registration(edition=edition, data=data, idempotency_key=idempotency_key)
    confirmation = _mail(registration, "registration_confirmed", days=data.days, extra=data.extra)
    try:
        with transaction.atomic():
            _save_registration(registration, data)
            extensions.on_register(registration, data.extra)
            if registration.status == Status.CONFIRMED:
                confirmation.save()
            else:
                _enqueue(registration, "registration_waitlisted", days=data.days)
    except extensions.Refused as error:
        raise RegistrationRefused(str(error), field=error.field) from None
    except IntegrityError:
        # A concurrent double submit won the race for the idempotency key: land on its result.
        existing = Registration.objects.filter(idempotency_key=idempotency_key).first()
        if (
            idempotency_key is not None
            and existing is not None
            and _same_submission(existing, edition, data.email)
        ):
            return existing
        # Another request registered the same address first.
        if _active_registration(edition, data.email) is not None:
            raise AlreadyRegistered(_already_registered_message()) from None
        raise
    return registration


def record_past_registration(
    *,
    edition: Edition,
    data: RegistrationData,
    idempotency_key: uuid.UUID,
    registered_at: datetime,
    checked_in_at: datetime | None = None,
) -> Registration:
    """Record a confirmed registration for an edition that is over: the archive's history (the demo's
    Grønn Praksis 22), which `register` refuses because registration is closed.

    The seats are taken as `register` takes them (the same conditional update), so each counter's
    `taken` is the number of seats held. The consent is dated `registered_at`. A second call with the
    same key returns the recorded row as it is (the retention job may have anonymised it since).
    Side effects: the registration, its days and seats, an organisation if new and an account for
    the e-mail if new. No mail. Raises RegistrationError if the edition is not over, the key belongs
    to another edition, or a counter is full.
    """
    existing = Registration.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.edition_id != edition.pk:
            raise RegistrationError(_("This registration belongs to another edition."))
        return existing
    if not edition.is_past:
        raise RegistrationError(
            _("%(edition)s is not over; people register through the form.") % {"edition": edition.name}
        )
    get_or_create_user(email=data.email, name=data.name)
    registration = _new_registration(edition=edition, data=data, idempotency_key=idempotency_key)
    registration.privacy_accepted_at = registered_at
    registration.news_consent_at = registered_at if data.news_opt_in else None
    registration.checked_in_at = checked_in_at
    with transaction.atomic():
        _insert_registration(registration, data)
        if not _take_seats(registration, _capacities_for(edition, data.ticket_type, data.days)):
            raise RegistrationError(_("A seat limit of %(edition)s is full.") % {"edition": edition.name})
    return registration


def _active_registration(edition: Edition, email: str) -> Registration | None:
    return Registration.objects.active().filter(edition=edition).for_email(email.strip()).first()


def _already_registered_message() -> str:
    return _(
        "This e-mail address is already registered for this edition. We can send the link to your "
        "registration to the address again."
    )


RESEND_LIMIT_PER_HOUR = 3


def resend_manage_link(*, edition: Edition, email: str) -> bool:
    """Mail the link to the address's registration for the edition (not cancelled) again.

    Returns whether a mail was queued; callers answer the same either way, so the page tells
    nobody whether an address is registered. At most RESEND_LIMIT_PER_HOUR such mails go to one
    address in an hour, so the button cannot be used to flood someone's inbox. Side effects: one
    outbox mail to the registered address.
    """
    registration = _active_registration(edition, email)
    if registration is None:
        return False
    recent = OutboxMail.objects.filter(
        to=registration.email,
        template="registration_link",
        created_at__gte=timezone.now() - timedelta(hours=1),
    )
    if recent.count() >= RESEND_LIMIT_PER_HOUR:
        return False
    _enqueue(registration, "registration_link")
    return True


def _same_submission(existing: Registration, edition: Edition, email: str) -> bool:
    return existing.edition_id == edition.pk and existing.email == email.strip().lower()


def _new_registration(
    *, edition: Edition, data: RegistrationData, idempotency_key: uuid.UUID | None
) -> Registration:
    now = timezone.now()
    return Registration(
        edition=edition,
        manage_token=new_manage_token(),
        idempotency_key=idempotency_key,
        status=Status.CONFIRMED,
        name=data.name,
        email=data.email.strip().lower(),
        phone=data.phone,
        organisation_name=data.organisation_name,
        organisation_number=data.organisation_number,
        sector=data.sector,
        role=data.role,
        municipality=data.municipality,
        ticket_type=data.ticket_type,
        dietary_needs=data.dietary_needs,
        accessibility_needs=data.accessibility_needs,
        invoice_reference=data.invoice_reference,
        payer_type=data.payer_type,
        payer_name=data.payer_name,
        payer_address=data.payer_address,
        privacy_accepted_at=now,
        consent_version=STATEMENT_VERSION,
        news_opt_in=data.news_opt_in,
        news_consent_at=now if data.news_opt_in else None,
        language=data.language,
        network_marker=data.network_marker,
    )


def _insert_registration(registration: Registration, data: RegistrationData) -> None:
    """Insert the registration (with its organisation, new or found) and its days."""
    registration.organisation = get_or_create_organisation(
        name=data.organisation_name,
        number=data.organisation_number,
        sector=data.sector,
        municipality=data.municipality,
    )
    registration.save(force_insert=True)
    # A new row has no days yet: insert the links directly instead of set()'s read-then-write.
    Registration.days.through.objects.bulk_create(
        Registration.days.through(registration=registration, editionday=day) for day in data.days
    )


def _save_registration(registration: Registration, data: RegistrationData) -> None:
    """Insert the registration and its days, then take its seats or put it on the waitlist."""
    _insert_registration(registration, data)
    if not _take_seats(registration, _capacities_for(registration.edition, data.ticket_type, data.days)):
        registration.status = Status.WAITLISTED
        registration.waitlisted_at = timezone.now()
        registration.save(update_fields=["status", "waitlisted_at"])


def _capacities_for(edition: Edition, ticket_type: TicketType, days: list[EditionDay]) -> list[int]:
    """The ids of the counters a registration needs a seat in, in the fixed (id) order."""
    ids = [edition.capacity_id, ticket_type.capacity_id, *(day.capacity_id for day in days)]
    return sorted({capacity_id for capacity_id in ids if capacity_id is not None})


def _take_seats(registration: Registration, capacity_ids: list[int]) -> bool:
    """Take one seat in each counter, all or none. Returns False (and takes none) if one is full."""
    try:
        with transaction.atomic():
            for capacity_id in capacity_ids:
                took = Capacity.objects.filter(pk=capacity_id, taken__lt=F("limit")).update(
                    taken=F("taken") + 1
                )
                if not took:
                    raise _NoSeat
            Seat.objects.bulk_create(Seat(registration=registration, capacity_id=c) for c in capacity_ids)
    except _NoSeat:
        return False
    return True


def _release_seats(registration: Registration, capacity_ids: list[int] | None = None) -> int:
    """Give back the registration's seats (all, or those in `capacity_ids`). Returns how many."""
    seats = registration.seats.all()
    if capacity_ids is not None:
        seats = seats.filter(capacity_id__in=capacity_ids)
    released = sorted(seats.values_list("capacity_id", flat=True))
    for capacity_id in released:
        Capacity.objects.filter(pk=capacity_id, taken__gt=0).update(taken=F("taken") - 1)
    seats.delete()
    return len(released)


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first on the edition's waitlist; None if the registration is not waitlisted."""
    if registration.status != Status.WAITLISTED or registration.waitlisted_at is None:
        return None
    ahead = Registration.objects.filter(edition_id=registration.edition_id, status=Status.WAITLISTED).filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, id__lt=registration.id)
    )
    return ahead.count() + 1


@transaction.atomic
def change_registration(
    *,
    registration: Registration,
    days: list[EditionDay],
    phone: str,
    dietary_needs: str,
    accessibility_needs: str,
    news_opt_in: bool,
) -> Registration:
    """Change days and details. A confirmed person keeps their seats for days they keep; a day
    they add must have room, or nothing changes and RegistrationError says which day is full.
    Days given up free seats for the waitlist. Side effects: seats, a change-confirmation mail.
    """
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        raise RegistrationError(_("This registration is cancelled and can no longer be changed."))
    if not registration.edition.registration_open:
        raise RegistrationError(_("Changes are closed. Contact the organisers if something has changed."))
    old_days = set(registration.days.all())
    new_days = set(days)
    freed = 0
    if registration.status == Status.CONFIRMED and old_days != new_days:
        held = set(registration.seats.values_list("capacity_id", flat=True))
        for day in sorted(new_days - old_days, key=lambda d: d.capacity_id or 0):
            if day.capacity_id in held:
                continue
            if day.capacity_id and not _take_seats(registration, [day.capacity_id]):
                raise RegistrationError(
                    _("%(day)s is full. Your registration has not been changed.") % {"day": day.label}
                )
        removed = [day.capacity_id for day in old_days - new_days if day.capacity_id]
        freed = _release_seats(registration, removed) if removed else 0
    registration.days.set(new_days)
    registration.phone = phone
    registration.dietary_needs = dietary_needs
    registration.accessibility_needs = accessibility_needs
    _set_news_consent(registration, news_opt_in)
    registration.save()
    _enqueue(registration, "registration_changed")
    if freed or (registration.status == Status.WAITLISTED and old_days != new_days):
        # Freed seats go to the waitlist; a waitlisted person who chose other days may now fit.
        promote_waitlist(edition=registration.edition)
        registration.refresh_from_db(fields=["status"])
    return registration


@transaction.atomic
def cancel_registration(*, registration: Registration, by_participant: bool = False) -> Registration:
    """Cancel, give the seats to the waitlist, and delete the health data that is no longer needed.

    `by_participant`: the person cancels through the manage link, so a confirmed registration pays what
    the edition's cancellation terms say (`extensions.on_cancel`: billing records the fee, and credits and
    re-invoices an issued invoice, in this transaction; the mail says what it costs).
    Side effects: seats released, waitlisted people promoted (each gets a mail), a cancellation mail.
    Cancelling twice is harmless.
    """
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return registration
    was_confirmed = registration.status == Status.CONFIRMED
    charged = was_confirmed and by_participant
    today = timezone.localdate()
    with translation.override(registration.language):  # the mail's explanation, in the person's language
        cost = extensions.cancellation_cost(registration, today) if charged else None
    _release_seats(registration)
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.waitlisted_at = None
    registration.dietary_needs = ""
    registration.accessibility_needs = ""
    registration.save()
    if charged:
        extensions.on_cancel(registration, today)
    _enqueue(
        registration,
        "registration_cancelled",
        context={"was_waitlisted": not was_confirmed, "cancellation_cost": cost},
    )
    if was_confirmed:
        promote_waitlist(edition=registration.edition)
    return registration


def _set_news_consent(registration: Registration, wanted: bool) -> None:
    """Record a change of the news consent with its time (and the texts' version when given)."""
    if wanted and not registration.news_opt_in:
        registration.news_consent_at = timezone.now()
        registration.news_withdrawn_at = None
        registration.consent_version = STATEMENT_VERSION
    elif not wanted and registration.news_opt_in:
        registration.news_withdrawn_at = timezone.now()
    registration.news_opt_in = wanted


def withdraw_news_consent(*, registration: Registration) -> bool:
    """Stop news to this registration, whatever its state (also cancelled, or after registration closed).

    Returns whether anything changed. Side effects: `news_opt_in` off and the withdrawal time; no mail.
    """
    changed = Registration.objects.filter(pk=registration.pk, news_opt_in=True).update(
        news_opt_in=False, news_withdrawn_at=timezone.now()
    )
    registration.refresh_from_db(fields=["news_opt_in", "news_withdrawn_at"])
    return bool(changed)


def promote_waitlist(*, edition: Edition) -> list[Registration]:
    """Give free seats to waitlisted people, first come first served.

    Someone whose days are still full keeps their place, and the next person who fits is
    promoted. Side effects: seats taken, status confirmed, a "you got a seat" mail per person.
    Must run inside the transaction that freed the seats.
    """
    promoted = []
    for candidate in Registration.objects.waitlisted().filter(edition=edition).select_related("ticket_type"):
        capacity_ids = _capacities_for(edition, candidate.ticket_type, list(candidate.days.all()))
        with transaction.atomic():
            # Claim the candidate first; a concurrent promotion of the same person loses here.
            claimed = Registration.objects.filter(pk=candidate.pk, status=Status.WAITLISTED).update(
                status=Status.CONFIRMED
            )
            if not claimed:
                continue
            if not _take_seats(candidate, capacity_ids):
                Registration.objects.filter(pk=candidate.pk).update(status=Status.WAITLISTED)
                continue
        candidate.status = Status.CONFIRMED
        _enqueue(candidate, "registration_promoted")
        promoted.append(candidate)
    return promoted


def _enqueue(
    registration: Registration,
    template: str,
    *,
    days: list[EditionDay] | None = None,
    context: dict | None = None,
) -> None:
    _mail(registration, template, days=days, context=context).save()


def _mail(
    registration: Registration,
    template: str,
    *,
    days: list[EditionDay] | None = None,
    context: dict | None = None,
    extra: Mapping[str, Any] | None = None,
) -> OutboxMail:
    """The rendered (unsaved) mail to the person, with a calendar file when they have a seat; with
    `extra` (the form's extension values) also the price the person pays (`price_lines`)."""
    if days is None:
        days = list(registration.days.select_related("edition"))
    attachments = []
    if registration.status == Status.CONFIRMED and days:
        ics = edition_days_calendar(registration.edition, days, uid_prefix=registration.calendar_uid)
        attachments.append(Attachment("gronnpraksis.ics", "text/calendar", ics.decode()))
    with translation.override(registration.language):
        manage_url = registration.get_absolute_url()  # in the recipient's language, not the requester's
        price = extensions.price_lines(registration, extra) if extra is not None else []
    return render_mail(
        to=registration.email,
        template=template,
        language=registration.language,
        context={
            "registration": registration,
            "edition": registration.edition,
            "days": days,
            "position": waitlist_position(registration),
            "manage_url": manage_url,
            "price_lines": price,
            **(context or {}),
        },
        attachments=attachments,
    )
