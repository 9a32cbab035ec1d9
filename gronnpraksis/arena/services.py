"""Check-in at the door: the ticket's secret, and the append-only scan log that decides who is in."""

import datetime
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Edition, EditionDay
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.mail.services import enqueue_mail
from gronnpraksis.registrations.models import Registration, Status
from gronnpraksis.registrations.services import RegistrationData, register

from .models import CheckInPass, Scan, ScanMethod, ScanResult, new_checkin_secret

# A phone's clock may be off, and a queued scan arrives late: a scan time is believed up to this far
# back, and never in the future.
MAX_SCAN_AGE = datetime.timedelta(hours=24)
# The certificate is mailed on request at most once in this time, so the button floods no inbox.
CERTIFICATE_MAIL_INTERVAL = datetime.timedelta(minutes=10)
CERTIFICATE_MAIL = "certificate_link"


def pass_for(registration: Registration) -> CheckInPass:
    """The registration's check-in pass, made the first time it is needed.

    Side effect: a CheckInPass row when there was none (two requests at once land on the same row).
    """
    checkin_pass, _created = CheckInPass.objects.get_or_create(registration=registration)
    return checkin_pass


def ensure_passes(*, edition: Edition) -> int:
    """Make the missing passes of the edition's registrations in one statement, so that the day's list can
    name every ticket. Side effect: CheckInPass rows. Returns how many were made."""
    missing = Registration.objects.filter(edition=edition, checkin_pass__isnull=True).values_list(
        "pk", flat=True
    )
    made = CheckInPass.objects.bulk_create(
        [CheckInPass(registration_id=pk) for pk in missing], ignore_conflicts=True
    )
    return len(made)


def rotate_pass(*, registration: Registration) -> CheckInPass:
    """Give the registration a new check-in secret; the old QR code is unknown from now on.

    Side effect: the CheckInPass row's secret and `rotated_at` change.
    """
    checkin_pass = pass_for(registration)
    checkin_pass.secret = new_checkin_secret()
    checkin_pass.rotated_at = timezone.now()
    checkin_pass.save(update_fields=["secret", "rotated_at"])
    return checkin_pass


def registration_for_secret(edition: Edition, secret: str) -> Registration | None:
    """The registration whose ticket carries `secret` in this edition, or None."""
    if not secret or len(secret) > 64:
        return None
    found = (
        CheckInPass.objects.select_related("registration")
        .filter(secret=secret, registration__edition=edition)
        .first()
    )
    return found.registration if found else None


@dataclass(frozen=True)
class ScanRequest:
    """One scan as a phone reports it: `scan_id` is made on the phone and makes sending it again harmless."""

    scan_id: uuid.UUID
    method: str = ScanMethod.QR
    secret: str = ""
    registration_id: int | None = None
    device: str = ""
    scanned_at: datetime.datetime | None = None
    allow_other_day: bool = False


def _believed_time(reported: datetime.datetime | None, now: datetime.datetime) -> datetime.datetime:
    if reported is None or reported > now or reported < now - MAX_SCAN_AGE:
        return now
    return reported


def _target(edition: Edition, scan: ScanRequest) -> Registration | None:
    if scan.secret:
        return registration_for_secret(edition, scan.secret)
    if scan.registration_id is not None:
        return Registration.objects.filter(edition=edition, pk=scan.registration_id).first()
    return None


def _refusal(registration: Registration | None, day: EditionDay, allow_other_day: bool) -> str | None:
    if registration is None:
        return ScanResult.UNKNOWN
    if registration.status == Status.CANCELLED:
        return ScanResult.CANCELLED
    if registration.status == Status.WAITLISTED:
        return ScanResult.WAITLISTED
    if not allow_other_day and not registration.days.filter(pk=day.pk).exists():
        return ScanResult.WRONG_DAY
    return None


def record_scan(*, edition: Edition, day: EditionDay, staff: User | None, scan: ScanRequest) -> Scan:
    """Check a person in at the door, or record why not. Idempotent by `scan.scan_id`.

    The first scan of a registration on a day that may check in is stored as "checked in"; any later one,
    from this phone or another, as "duplicate" (a partial unique index decides between two at once). The
    first check-in of all sets `Registration.checked_in_at`, which the award vote reads. Side effects: one
    Scan row (never more for one `scan_id`), and `checked_in_at` on the first check-in.
    """
    earlier = Scan.objects.filter(scan_id=scan.scan_id).first()
    if earlier is not None:
        return earlier
    now = timezone.now()
    registration = _target(edition, scan)
    row = Scan(
        edition=edition,
        day=day,
        registration=registration,
        scan_id=scan.scan_id,
        staff=staff,
        device=scan.device[:60],
        method=scan.method,
        scanned_at=_believed_time(scan.scanned_at, now),
        result=_refusal(registration, day, scan.allow_other_day) or ScanResult.CHECKED_IN,
    )
    try:
        with transaction.atomic():
            row.save()
            if row.result == ScanResult.CHECKED_IN and registration is not None:
                Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
                    checked_in_at=row.scanned_at
                )
    except IntegrityError:
        earlier = Scan.objects.filter(scan_id=scan.scan_id).first()
        if earlier is not None:  # the same scan sent twice at once
            return earlier
        if row.result != ScanResult.CHECKED_IN:
            raise
        # Another scan checked the person in for this day first.
        row.pk = None
        row.result = ScanResult.DUPLICATE
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            found = Scan.objects.filter(scan_id=scan.scan_id).first()
            if found is None:
                raise
            return found
    return row


def first_check_in(registration: Registration, day: EditionDay) -> Scan | None:
    """The scan that checked the registration in on the day (when, by whom), if any."""
    return (
        Scan.objects.select_related("staff")
        .filter(registration=registration, day=day, result=ScanResult.CHECKED_IN)
        .first()
    )


def register_walk_in(
    *,
    edition: Edition,
    day: EditionDay,
    staff: User | None,
    data: RegistrationData,
    idempotency_key: uuid.UUID,
    device: str = "",
) -> tuple[Registration, Scan]:
    """Register a person at the door and check them in at once.

    The registration goes through `registrations.services.register` (seat and quota rules hold, so a full
    day puts the person on the waitlist, and the scan then says so). A repeated submit lands on the same
    registration and the same scan. Side effects: those of `register` (the registration, its seats, the
    confirmation mail), and one Scan row.
    Raises `registrations.services.RegistrationError` (also AlreadyRegistered) as `register` does.
    """
    registration = register(edition=edition, data=data, idempotency_key=idempotency_key, at_the_door=True)
    scan = record_scan(
        edition=edition,
        day=day,
        staff=staff,
        scan=ScanRequest(
            scan_id=uuid.uuid5(idempotency_key, "walk-in"),
            method=ScanMethod.WALK_IN,
            registration_id=registration.pk,
            device=device,
        ),
    )
    return registration, scan


def mail_certificate(*, registration: Registration) -> bool:
    """Mail the person the link to their certificate of attendance (the outbox holds text only, so the
    mail carries the link behind the manage token, not the PDF). The caller checks that there is a
    certificate to give.

    Returns False, and queues nothing, when such a mail went to the registration's address in the last
    CERTIFICATE_MAIL_INTERVAL. Side effect: one OutboxMail row (marked as carrying a secret).
    """
    recent = OutboxMail.objects.filter(
        to=registration.email,
        template=CERTIFICATE_MAIL,
        created_at__gte=timezone.now() - CERTIFICATE_MAIL_INTERVAL,
    )
    if recent.exists():
        return False
    with translation.override(registration.language):
        manage_url = registration.get_absolute_url()  # in the recipient's language, not the requester's
    enqueue_mail(
        to=registration.email,
        template=CERTIFICATE_MAIL,
        language=registration.language,
        context={"registration": registration, "edition": registration.edition, "manage_url": manage_url},
    )
    return True
