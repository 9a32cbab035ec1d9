"""The programme of an edition: rooms, tracks and items in time, and the published versions.

Organisers edit the working copy (rooms, tracks, items). The public only ever sees a published
`ProgramVersion`: a snapshot of the items at the moment of publishing, with the changes since the
previous version ("Nytt i programmet"). Unpublished edits are therefore never visible.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Room(models.Model):
    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="rooms", verbose_name=_("edition")
    )
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    features = models.CharField(
        _("features"),
        max_length=200,
        blank=True,
        help_text=_("For example “verksted, teleslynge, trinnfri”."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="room_name_unique")]

    def __str__(self) -> str:
        return self.name


class Track(models.Model):
    """A thread through the programme, such as a day-2 deep-dive track or a partner programme."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="tracks", verbose_name=_("edition")
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("short name"), max_length=50)
    description = models.TextField(_("description"), blank=True)
    is_partner = models.BooleanField(_("partner programme"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        constraints = [models.UniqueConstraint(fields=["edition", "slug"], name="track_slug_unique")]

    def __str__(self) -> str:
        return self.name


class PartnerProgramme(models.Model):
    """A programme beside ours, such as Miljøuka: events from an iCalendar feed or entered by hand.

    Its events are programme items of kind "partner" in the programme's own track. A failed fetch is
    recorded in `last_error` and leaves the events of the last good fetch in place.
    """

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="partner_programmes"
    )
    name = models.CharField(_("name"), max_length=100)
    organiser = models.CharField(_("organised by"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    feed_url = models.URLField(
        _("calendar feed"),
        blank=True,
        help_text=_("An iCalendar (.ics) address. Leave empty to enter the events by hand."),
    )
    track = models.OneToOneField(Track, on_delete=models.PROTECT, related_name="partner_programme")
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last fetched successfully"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner programme")
        verbose_name_plural = _("partner programmes")

    def __str__(self) -> str:
        return self.name


class ItemKind(models.TextChoices):
    CONTRIBUTION = "contribution", _("Contribution")
    PLENARY = "plenary", _("Plenary")
    BREAK = "break", _("Break")
    MEAL = "meal", _("Meal")
    EXCURSION = "excursion", _("Excursion")
    PARTNER = "partner", _("Partner event")


class ProgramItem(models.Model):
    """One slot in the working copy of the programme."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="program_items", verbose_name=_("edition")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices, default=ItemKind.CONTRIBUTION)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    contribution = models.ForeignKey(
        "contributions.Contribution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="program_items",
    )
    # A room deleted while in use leaves the item without a room (shown as a warning), never broken.
    room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="items", verbose_name=_("room")
    )
    track = models.ForeignKey(
        Track, on_delete=models.SET_NULL, null=True, blank=True, related_name="items", verbose_name=_("track")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    speakers = models.CharField(
        _("other speakers"),
        max_length=300,
        blank=True,
        help_text=_("Names, for items without a contribution."),
    )
    is_cancelled = models.BooleanField(pgettext_lazy("programme item", "cancelled"), default=False)
    partner_programme = models.ForeignKey(
        PartnerProgramme, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    # The UID of an event imported from a partner's feed; hand-entered events have none.
    external_uid = models.CharField(max_length=255, blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    url = models.URLField(_("web page"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "room__position", "id"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="program_item_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["partner_programme", "external_uid"],
                condition=~Q(external_uid=""),
                name="partner_event_uid_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProgramVersion(models.Model):
    """A published programme: the snapshot the public sees, and what changed since the last one."""

    edition = models.ForeignKey(
        "editions.Edition",
        on_delete=models.CASCADE,
        related_name="program_versions",
        verbose_name=_("edition"),
    )
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    items = models.JSONField(default=list)
    changes = models.JSONField(default=list)

    class Meta:
        ordering = ["-number"]
        get_latest_by = "number"
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="program_version_unique")]

    def __str__(self) -> str:
        return f"{self.edition} v{self.number}"


class AgendaStar(models.Model):
    """An item a registered participant starred into their personal agenda ("Mitt program")."""

    registration = models.ForeignKey(
        "registrations.Registration", on_delete=models.CASCADE, related_name="agenda_stars"
    )
    item = models.ForeignKey(ProgramItem, on_delete=models.CASCADE, related_name="stars")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda star")
        verbose_name_plural = _("agenda stars")
        constraints = [models.UniqueConstraint(fields=["registration", "item"], name="agenda_star_unique")]

    def __str__(self) -> str:
        return f"{self.registration_id} ★ {self.item_id}"


# What each session left behind: written after the item has run by its contributors or the organisers.


class SessionReport(models.Model):
    """What was said and decided in a programme item, with its slides, recordings and outcomes. Public on
    the item's page in the archive as soon as it is saved (`program/reports.py`)."""

    item = models.OneToOneField(
        ProgramItem, on_delete=models.CASCADE, related_name="report", verbose_name=_("programme item")
    )
    summary = models.TextField(_("what was said and decided"), max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("session report")
        verbose_name_plural = _("session reports")

    def __str__(self) -> str:
        return str(self.item)


class ReportFile(models.Model):
    """Slides or another file of a session report, checked like the example bank's attachments
    (`examples.uploads.check_upload`) and stored under a random name."""

    report = models.ForeignKey(
        SessionReport, on_delete=models.CASCADE, related_name="files", verbose_name=_("session report")
    )
    kind = models.CharField(_("kind"), max_length=10)
    file = models.FileField(_("file"), upload_to="rapporter/%Y/%m/")
    title = models.CharField(_("title or description"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("report file")
        verbose_name_plural = _("report files")

    def __str__(self) -> str:
        return self.title


class ReportLink(models.Model):
    """A link from a session report: a recording, as a rule (http or https only)."""

    report = models.ForeignKey(
        SessionReport, on_delete=models.CASCADE, related_name="links", verbose_name=_("session report")
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("web address"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("report link")
        verbose_name_plural = _("report links")
        constraints = [
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="report_link_http",
            )
        ]

    def __str__(self) -> str:
        return self.title


class OutcomeKind(models.TextChoices):
    COLLABORATION = "collaboration", _("New collaboration")
    TRIAL = "trial", _("A municipality will try it")
    PARTNERS = "partners", _("An idea found partners")
    OTHER = "other", _("Other outcome")


class ReportOutcome(models.Model):
    """Something a session led to, optionally linked to an example, an idea or a municipality."""

    report = models.ForeignKey(
        SessionReport, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("session report")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OutcomeKind.choices)
    text = models.CharField(_("what happened"), max_length=500)
    example = models.ForeignKey(
        "examples.Example",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_outcomes",
        verbose_name=_("practice example"),
    )
    idea = models.ForeignKey(
        "ideas.Idea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_outcomes",
        verbose_name=_("idea"),
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_outcomes",
        verbose_name=_("municipality"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.text
