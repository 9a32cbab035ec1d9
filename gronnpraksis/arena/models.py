import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_checkin_secret() -> str:
    """256 random bits: what the ticket's QR code carries. It checks the person in and opens nothing else."""
    return secrets.token_urlsafe(32)


class CheckInPass(models.Model):
    """The check-in secret of one registration, made when the ticket is first shown.

    Kept apart from the manage and vote tokens so that a photo of a ticket lets nobody change,
    cancel or vote; `services.rotate_pass` replaces it (the old QR code then reads as unknown).
    """

    registration = models.OneToOneField(
        "registrations.Registration",
        on_delete=models.CASCADE,
        related_name="checkin_pass",
        verbose_name=_("registration"),
    )
    secret = models.CharField(
        _("secret"), max_length=64, unique=True, default=new_checkin_secret, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    rotated_at = models.DateTimeField(_("rotated"), null=True, blank=True)

    class Meta:
        verbose_name = _("check-in pass")
        verbose_name_plural = _("check-in passes")

    def __str__(self) -> str:
        return f"{self.registration}"


class ScanResult(models.TextChoices):
    CHECKED_IN = "checked_in", _("Checked in")
    DUPLICATE = "duplicate", _("Already checked in")
    WRONG_DAY = "wrong_day", _("Not registered for this day")
    CANCELLED = "cancelled", _("Registration cancelled")
    WAITLISTED = "waitlisted", _("On the waitlist")
    UNKNOWN = "unknown", _("Unknown code")


class ScanMethod(models.TextChoices):
    QR = "qr", _("QR code")
    SEARCH = "search", _("Search")
    WALK_IN = "walk_in", _("Walk-in")


class Scan(models.Model):
    """One attempt to check someone in at the door: appended, never changed or deleted (except with the
    person's data, see `privacy`).

    `scan_id` is made by the phone, so a scan sent twice (a queue replayed after a lost connection) is
    stored once. At most one scan per registration and day has the result "checked in": the first wins,
    and a later one (from another phone) is stored as a duplicate.
    """

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="scans", verbose_name=_("edition")
    )
    day = models.ForeignKey(
        "editions.EditionDay", on_delete=models.CASCADE, related_name="scans", verbose_name=_("day")
    )
    registration = models.ForeignKey(
        "registrations.Registration",
        on_delete=models.CASCADE,
        related_name="scans",
        null=True,
        blank=True,
        verbose_name=_("registration"),
    )
    scan_id = models.UUIDField(_("scan id"), unique=True)
    staff = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        related_name="scans",
        null=True,
        blank=True,
        verbose_name=_("staff"),
    )
    device = models.CharField(_("device"), max_length=60, blank=True)
    method = models.CharField(_("method"), max_length=20, choices=ScanMethod.choices)
    result = models.CharField(_("result"), max_length=20, choices=ScanResult.choices)
    scanned_at = models.DateTimeField(_("scanned"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["scanned_at", "id"]
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"],
                condition=Q(result="checked_in"),
                name="scan_one_check_in_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_result_display()} {self.scanned_at:%Y-%m-%d %H:%M}"
