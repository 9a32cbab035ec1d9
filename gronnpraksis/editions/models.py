import datetime
import zoneinfo
from urllib.parse import parse_qs, urlparse

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .goals import GOALS, goal_label


class Phase(models.TextChoices):
    PLANNING = "planning", _("Planning")
    OPEN = "open", _("Open for registration and contributions")
    PROGRAM_PUBLISHED = "program", _("Program published")
    RUNNING = "running", _("Running")
    ARCHIVED = "archived", _("Archived")


NATIONAL_NETWORK_SLUG = "gronn-praksis"


class NetworkColour(models.TextChoices):
    """A network's look: one of the design system's own colour scales (`data-color`), each built by its
    theme builder with the contrast rules every scale meets (base against white: WCAG AA)."""

    GREEN = "accent", _("Green (the national arena's colour)")
    PURPLE = "brand2", _("Purple")
    BLUE = "info", _("Blue")


# The colours' base value in the light scheme, for the contrast test and the admin's preview.
COLOUR_BASE = {NetworkColour.GREEN: "#0d7a5f", NetworkColour.PURPLE: "#5b3fa0", NetworkColour.BLUE: "#0a71c0"}


class Network(models.Model):
    """Who runs editions (nettverk): the national Grønn Praksis, or a regional network that holds its own
    half-day arenas and webinars. Every edition belongs to one; the bank and moderation stay national.

    While there is only one network nobody sees the concept: public pages name networks only when
    there are more (`several_networks`)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("short name"),
        max_length=40,
        unique=True,
        help_text=_("Letters, digits and hyphens, used in addresses: /nettverk/klima-innlandet/."),
    )
    description = models.CharField(_("short description"), max_length=300, blank=True)
    about = models.TextField(_("about the network"), blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to="nettverk/",
        blank=True,
        help_text=_("PNG, JPEG or WebP, at most 5 MB; checked like the bank's images."),
    )
    logo_description = models.CharField(_("what the logo shows"), max_length=200, blank=True)
    colour = models.CharField(
        _("colour"), max_length=10, choices=NetworkColour.choices, default=NetworkColour.GREEN
    )
    host = models.CharField(
        _("host name"),
        max_length=200,
        blank=True,
        help_text=_("Optional: the network's own address, such as klima-innlandet.no (see docs/deploy.md)."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_national = models.BooleanField(_("national network"), default=False)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        ordering = ["-is_national", "name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.UniqueConstraint(
                fields=["is_national"], condition=Q(is_national=True), name="network_one_national"
            ),
            models.UniqueConstraint(fields=["host"], condition=~Q(host=""), name="network_host_unique"),
            models.CheckConstraint(condition=Q(slug__regex=r"^[a-z0-9-]+$"), name="network_slug_format"),
            models.CheckConstraint(condition=Q(host__regex=r"^[a-z0-9.-]*$"), name="network_host_format"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("editions:network", kwargs={"network": self.slug})


def national_network() -> "Network":
    """The national network ("Grønn Praksis"), made by the data migration and again here if missing."""
    network, _created = Network.objects.get_or_create(
        is_national=True, defaults={"name": "Grønn Praksis", "slug": NATIONAL_NETWORK_SLUG}
    )
    return network


def national_network_id() -> int:
    """The default network of a new edition (so code that predates networks keeps working)."""
    return national_network().pk


class EditionFormat(models.TextChoices):
    ARENA = "arena", _("National arena")
    HALF_DAY = "halvdag", _("Regional half-day")
    WEBINAR = "webinar", _("Webinar")


class EditionQuerySet(models.QuerySet["Edition"]):
    def public(self) -> "EditionQuerySet":
        return self.exclude(phase=Phase.PLANNING)

    def current(self) -> "Edition | None":
        """The edition the front page shows: the national network's next one that has not ended, else
        its latest (a regional network's editions are in the front page's calendar)."""
        today = timezone.localdate()
        public = self.public().filter(network__is_national=True).select_related("network")
        return (
            public.filter(ends_on__gte=today).order_by("starts_on").first()
            or public.order_by("-starts_on").first()
        )

    def upcoming(self) -> "EditionQuerySet":
        """Public editions that have not ended, soonest first."""
        return self.public().filter(ends_on__gte=timezone.localdate()).order_by("starts_on", "pk")

    def past(self) -> "EditionQuerySet":
        return self.public().filter(ends_on__lt=timezone.localdate()).order_by("-starts_on")


class Edition(models.Model):
    """One year's Grønn Praksis (årgang), for example "Grønn Praksis 22"."""

    slug = models.SlugField(
        _("short name"),
        max_length=20,
        unique=True,
        help_text=_("Letters and digits, used in addresses: gp22."),
    )
    name = models.CharField(_("name"), max_length=100)
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        related_name="editions",
        default=national_network_id,
        verbose_name=_("network"),
    )
    format = models.CharField(
        _("format"), max_length=10, choices=EditionFormat.choices, default=EditionFormat.ARENA
    )
    headline = models.CharField(_("headline"), max_length=200)
    intro = models.TextField(
        _("introduction"), help_text=_("What the edition is about, in a few paragraphs.")
    )
    audience = models.TextField(_("who it is for"), blank=True)
    perspective = models.TextField(_("main perspective"), blank=True)
    award_text = models.TextField(_("about the award"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    timezone = models.CharField(_("time zone"), max_length=50, default="Europe/Oslo")
    venue_name = models.CharField(_("venue"), max_length=200)
    venue_address = models.CharField(_("venue address"), max_length=300, blank=True)
    host_municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        related_name="hosted_editions",
        verbose_name=_("host municipality"),
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.PLANNING)
    registration_deadline = models.DateTimeField(_("registration deadline"))
    contribution_deadline = models.DateTimeField(_("contribution deadline"))
    nomination_deadline = models.DateTimeField(_("nomination deadline"), null=True, blank=True)
    film_url = models.URLField(
        _("film"),
        blank=True,
        help_text=_("A YouTube or Vimeo address. Loaded only when a visitor asks for it."),
    )
    film_title = models.CharField(_("film title"), max_length=200, blank=True)
    partner_programme_name = models.CharField(_("parallel programme"), max_length=100, blank=True)
    partner_programme_url = models.URLField(_("parallel programme address"), blank=True)
    partner_programme_text = models.TextField(_("about the parallel programme"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    capacity = models.OneToOneField(
        "editions.Capacity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("total seats"),
    )
    is_demo = models.BooleanField(_("demo content"), default=False)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="edition_ends_after_start"),
            models.CheckConstraint(
                condition=Q(slug__regex=r"^[a-z0-9]+$"), name="edition_slug_letters_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("editions:detail", kwargs={"edition": self.slug})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def is_past(self) -> bool:
        return self.ends_on < timezone.localdate()

    @property
    def registration_open(self) -> bool:
        return (
            self.phase in {Phase.OPEN, Phase.PROGRAM_PUBLISHED}
            and timezone.now() < self.registration_deadline
        )

    @property
    def contributions_open(self) -> bool:
        return (
            self.phase in {Phase.OPEN, Phase.PROGRAM_PUBLISHED}
            and timezone.now() < self.contribution_deadline
        )

    @property
    def film_embed_url(self) -> str:
        """The privacy-friendly player address for the film, or "" if it is not a known host."""
        if not self.film_url:
            return ""
        url = urlparse(self.film_url)
        host = (url.hostname or "").removeprefix("www.").removeprefix("m.")
        video_id = ""
        if host == "youtu.be":
            video_id = url.path.lstrip("/")
        elif host in {"youtube.com", "youtube-nocookie.com"}:
            video_id = parse_qs(url.query).get("v", [""])[0] or url.path.rsplit("/", 1)[-1]
        if video_id.replace("-", "").replace("_", "").isalnum():
            return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
        if host == "vimeo.com" and url.path.strip("/").isdigit():
            return f"https://player.vimeo.com/video/{url.path.strip('/')}?dnt=1&autoplay=1"
        return ""

    @property
    def film_host(self) -> str:
        return (urlparse(self.film_url).hostname or "").removeprefix("www.") if self.film_url else ""


class OrganisationRole(models.TextChoices):
    HOST = "vertskap", _("Host")
    CO_ORGANISER = "medarrangor", _("Co-organiser")
    PARTNER = "partner", _("Partner")
    FUNDING = "finansiering", _("Funding")


class EditionOrganisation(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="organisers")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=OrganisationRole.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation", "role"], name="edition_organisation_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class Capacity(models.Model):
    """A counter for one limited resource: the edition, a day, a ticket quota, a workshop.

    A seat is taken with a conditional UPDATE (see `registrations.services`), never by counting
    rows; the check constraint makes overselling impossible even if that code is bypassed.
    """

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="capacities", verbose_name=_("edition")
    )
    label = models.CharField(_("label"), max_length=200)
    limit = models.PositiveIntegerField(_("seats"))
    taken = models.PositiveIntegerField(_("taken"), default=0)

    class Meta:
        ordering = ["id"]
        verbose_name = _("capacity")
        verbose_name_plural = _("capacities")
        constraints = [
            models.CheckConstraint(condition=Q(taken__lte=F("limit")), name="capacity_taken_within_limit"),
            models.CheckConstraint(condition=Q(taken__gte=0), name="capacity_taken_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.taken}/{self.limit}"

    @property
    def available(self) -> int:
        return max(self.limit - self.taken, 0)


class EditionDay(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    label = models.CharField(
        _("label"), max_length=100, help_text=_("For example “Day 1: practice examples”.")
    )
    starts_at = models.TimeField(_("starts"), default=datetime.time(9, 0))
    ends_at = models.TimeField(_("ends"), default=datetime.time(16, 0))
    capacity = models.OneToOneField(
        Capacity, on_delete=models.PROTECT, null=True, blank=True, related_name="day", verbose_name=_("seats")
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("day")
        verbose_name_plural = _("days")
        constraints = [
            models.UniqueConstraint(fields=["edition", "date"], name="edition_day_unique"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="edition_day_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def start(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.starts_at, tzinfo=self.edition.tz)

    @property
    def end(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.ends_at, tzinfo=self.edition.tz)


class TicketType(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="ticket_types")
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    price = models.PositiveIntegerField(_("price (NOK)"), default=0)
    capacity = models.OneToOneField(
        Capacity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ticket_type",
        verbose_name=_("quota"),
    )
    is_active = models.BooleanField(_("on sale"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")

    def __str__(self) -> str:
        return self.name

    @property
    def is_free(self) -> bool:
        return self.price == 0


class Theme(models.Model):
    """A theme shared by contributions and examples across editions (bygg, transport, mat …)."""

    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name


class Goal(models.Model):
    """One of the UN's 17 sustainable development goals. Names come from code, so they translate."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=17), name="goal_number_1_to_17")
        ]

    def __str__(self) -> str:
        return goal_label(self.number)

    @property
    def name(self) -> str:
        return str(GOALS[self.number])


class TeamRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    REVIEWER = "reviewer", _("Programme committee member")
    JUROR = "juror", _("Award jury member")
    # Scans tickets and checks people in at the door (`arena`), and sees nothing else of the back office.
    CHECK_IN = "checkin", _("Check-in")


class TeamMember(models.Model):
    """A person's role in running one edition: organiser or programme committee member (reviewer).

    Staff with an authenticator app are organisers of every edition; this table adds people for one
    edition, such as the host municipality's team or the programme committee.
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="team_roles")
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "user__name", "user__email"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["edition", "user", "role"], name="team_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class NetworkRole(models.TextChoices):
    # The same value as TeamRole.ORGANISER: a network organiser is an organiser of every edition of it.
    ORGANISER = "organiser", _("Network organiser")
    MODERATOR = "moderator", _("Network moderator")


class NetworkMember(models.Model):
    """A person's role in a network: organiser of all its editions' back office (with an authenticator
    app, as any organiser), or moderator of the examples shared through it (`examples.permissions`)."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="team", verbose_name=_("network")
    )
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="network_roles", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=NetworkRole.choices)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["network", "role", "user__name", "user__email"]
        verbose_name = _("network team member")
        verbose_name_plural = _("network team members")
        constraints = [
            models.UniqueConstraint(fields=["network", "user", "role"], name="network_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
