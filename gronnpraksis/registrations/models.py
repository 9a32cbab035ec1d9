import hashlib
import secrets

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gronnpraksis.organisations.models import Sector


class Role(models.TextChoices):
    ELECTED = "folkevalgt", _("Elected representative")
    UNION = "tillitsvalgt", _("Union representative")
    LEADER = "leder", _("Leader")
    PROFESSIONAL = "fagperson", _("Professional")
    STUDENT = "student", _("Student")
    OTHER = "annet", _("Other")


class PayerType(models.TextChoices):
    """Who pays a ticket with a price (empty for a free ticket)."""

    ORGANISATION = "organisation", _("My organisation (invoice to the organisation number)")
    PRIVATE = "private", _("I pay myself (invoice to my postal address)")


class Status(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


def new_manage_token() -> str:
    """256 random bits, URL-safe; the only key to a registration for someone without an account."""
    return secrets.token_urlsafe(32)


def new_vote_token() -> str:
    """256 random bits for the vote link: it lets its holder vote, and nothing else (not the manage page)."""
    return secrets.token_urlsafe(32)


def new_calendar_token() -> str:
    """The calendar feed's own key: it opens the personal agenda feed and nothing else."""
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def active(self) -> "RegistrationQuerySet":
        return self.exclude(status=Status.CANCELLED)

    def waitlisted(self) -> "RegistrationQuerySet":
        return self.filter(status=Status.WAITLISTED).order_by("waitlisted_at", "id")

    def for_email(self, email: str) -> "RegistrationQuerySet":
        return self.filter(email__iexact=email)


class Registration(models.Model):
    """A person's registration (påmelding) for an edition."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.PROTECT, related_name="registrations", verbose_name=_("edition")
    )
    manage_token = models.CharField(max_length=64, unique=True, default=new_manage_token, editable=False)
    vote_token = models.CharField(max_length=64, unique=True, default=new_vote_token, editable=False)
    # Pasted into calendar apps, so it may leak; it reads the agenda feed and nothing else.
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    idempotency_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_number = models.CharField(_("organisation number"), max_length=9, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("municipality"),
    )
    ticket_type = models.ForeignKey(
        "editions.TicketType",
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("ticket type"),
    )
    days = models.ManyToManyField("editions.EditionDay", related_name="registrations", verbose_name=_("days"))
    # The themes the person marked as interesting when registering: what they want from the programme
    # until they star items (the programme builder reads them, see docs/builder.md).
    themes = models.ManyToManyField(
        "editions.Theme", related_name="+", blank=True, verbose_name=_("themes of interest")
    )
    # Health data (special category): kept minimal, deleted after the event by `purge_health_data`.
    dietary_needs = models.CharField(_("dietary needs"), max_length=500, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    invoice_reference = models.CharField(_("invoice reference"), max_length=100, blank=True)
    payer_type = models.CharField(_("payer"), max_length=20, choices=PayerType.choices, blank=True)
    payer_name = models.CharField(_("payer's name"), max_length=200, blank=True)
    payer_address = models.CharField(_("payer's postal address"), max_length=300, blank=True)
    privacy_accepted_at = models.DateTimeField(_("privacy statement accepted"))
    news_opt_in = models.BooleanField(_("wants news"), default=False)
    # Consents: when given and withdrawn, and which version of the privacy statement and consent texts
    # the person saw (`core.privacy_statement.STATEMENT_VERSION`).
    consent_version = models.CharField(_("version of the consent texts"), max_length=20, blank=True)
    news_consent_at = models.DateTimeField(_("news consent given"), null=True, blank=True)
    news_withdrawn_at = models.DateTimeField(_("news consent withdrawn"), null=True, blank=True)
    # Set when the personal data was removed (account deleted, or the retention period ran out).
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    language = models.CharField(max_length=10, default="nb")
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    # A keyed hash of the client's network (/24 or /64), never the address: lets organisers see many
    # registrations from one network in a short time (`core.network`). Forgotten with the result.
    network_marker = models.CharField(max_length=16, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.WAITLISTED) | Q(waitlisted_at__isnull=False),
                name="registration_waitlist_has_time",
            ),
            # One registration per address and edition; a cancelled one does not count, so a
            # person who cancelled can register again, nor an anonymised one (its address is empty).
            models.UniqueConstraint(
                F("edition"),
                Lower("email"),
                condition=~Q(status=Status.CANCELLED) & ~Q(email=""),
                name="registration_unique_active_email",
            ),
        ]
        indexes = [
            models.Index(fields=["edition", "status", "waitlisted_at"], name="registration_waitlist_idx")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.edition})"

    def get_absolute_url(self) -> str:
        return reverse(
            "registrations:manage", kwargs={"edition": self.edition.slug, "token": self.manage_token}
        )

    @property
    def calendar_uid(self) -> str:
        """A stable calendar id for this registration's events that reveals nothing of the token."""
        return "registration-" + hashlib.sha256(self.manage_token.encode()).hexdigest()[:20]

    @property
    def is_active(self) -> bool:
        return self.status != Status.CANCELLED


class Seat(models.Model):
    """A seat a confirmed registration holds in one capacity counter; released on cancel."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="seats")
    capacity = models.ForeignKey("editions.Capacity", on_delete=models.PROTECT, related_name="seats")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "capacity"], name="seat_unique")]

    def __str__(self) -> str:
        return f"{self.registration} → {self.capacity.label}"
