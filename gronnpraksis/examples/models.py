from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.text import slugify
from gronnpraksis.organisations.models import Sector


class Stage(models.TextChoices):
    IDEA = "ide", _("Idea")
    PLANNING = "planlegging", _("Planning")
    IMPLEMENTATION = "gjennomforing", _("Implementation")
    FINISHED = "avsluttet", _("Finished")
    EVALUATED = "evaluert", _("Evaluated")
    SPREAD = "spredt", _("Spread to others")


class ModerationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Sent back")
    REJECTED = "rejected", _("Rejected")


class MeasureType(models.TextChoices):
    """The kind of change, as in the municipal climate work: doing the same with less, developing
    something new, or changing how things are done."""

    EFFICIENCY = "effektivisering", _("Efficiency")
    DEVELOPMENT = "utvikling", _("Development")
    TRANSITION = "omstilling", _("Transition")


class Accuracy(models.TextChoices):
    MEASURED = "malt", _("Measured")
    ESTIMATED = "anslatt", _("Estimated")


YEAR_VALIDATORS = [MinValueValidator(1950), MaxValueValidator(2100)]


class ExampleQuerySet(models.QuerySet["Example"]):
    def published(self) -> "ExampleQuerySet":
        return self.filter(state=ModerationState.PUBLISHED)


class Example(models.Model):
    """A practice example in the bank (eksempelbanken), shared across editions."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    starting_point = models.TextField(_("starting point"), blank=True)
    what_was_done = models.TextField(_("what was done"), blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("started (year)"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        _("ended (year)"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    measure_type = models.CharField(
        _("kind of measure"), max_length=20, choices=MeasureType.choices, blank=True
    )
    actor_type = models.CharField(_("type of actor"), max_length=20, choices=Sector.choices, blank=True)
    partners = models.TextField(_("partners"), blank=True, help_text=_("Who else took part, one per line."))
    cost = models.TextField(_("cost and funding"), blank=True)
    success_factors = models.TextField(_("what made it work"), blank=True)
    barriers = models.TextField(_("barriers, and what did not work"), blank=True)
    transferability = models.TextField(_("how others can do the same"), blank=True)
    owner_name = models.CharField(_("owner"), max_length=200, blank=True)
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="examples",
    )
    # The network it was shared through (a regional network's page or edition); empty: the national bank.
    # Provenance on the example's page and the bank's network filter; moderation stays national, and
    # the network's moderators may decide on it too (`permissions.can_moderate_example`).
    network = models.ForeignKey(
        "editions.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="examples",
        verbose_name=_("shared through network"),
    )
    municipalities = models.ManyToManyField("places.Municipality", related_name="examples", blank=True)
    themes = models.ManyToManyField(
        "editions.Theme", related_name="examples", blank=True, verbose_name=_("themes")
    )
    goals = models.ManyToManyField("editions.Goal", related_name="examples", blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_is_public = models.BooleanField(_("contact may be shown"), default=False)
    licence = models.CharField(_("text licence"), max_length=20, default="CC-BY-4.0")
    state = models.CharField(
        _("moderation"), max_length=20, choices=ModerationState.choices, default=ModerationState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="examples"
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="owned_examples", blank=True, verbose_name=_("owners")
    )
    moderation_comment = models.TextField(_("comment from the moderators"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ExampleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("practice example")
        verbose_name_plural = _("practice examples")
        permissions = [("moderate_example", "Can moderate practice examples")]
        # Browsing the bank: the published examples, newest first (examples.search).
        indexes = [models.Index(fields=["state", "created_at"], name="example_state_created")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """`/eksempler/<id>-<title as slug>/`: the id finds the example, so a renamed example keeps
        its old links (they redirect to the current slug)."""
        return reverse("examples:detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        return slugify(self.title, max_length=80, fallback="eksempel")


class ExampleFacet(models.Model):
    """One filter value of a published example in the search index (theme, county, municipality, stage …),
    written by `examples.search`; the facet counts of a search are counted from these rows."""

    pk = models.CompositePrimaryKey("example", "facet", "value")
    # No index of its own: the primary key's begins with it (an example's rows are removed by it).
    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="+", db_index=False)
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=50)

    class Meta:
        indexes = [
            # Counting a facet over the whole bank: its values in order, no sorting.
            models.Index(fields=["facet", "value", "example"], name="examplefacet_facet_value"),
            # Counting a facet over many matches (examples.search, SQLite): one probe per match, into the
            # part of the index that holds that facet, a third faster than probing the primary key.
            models.Index(fields=["facet", "example", "value"], name="examplefacet_facet_example"),
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class SearchTerm(models.Model):
    """A word (as an index term) of a published example, so that `examples.search` can tell where a
    compound in a query splits into words the bank knows (sykkelparkering → sykkel + parkering)."""

    term = models.CharField(max_length=40, primary_key=True)

    def __str__(self) -> str:
        return self.term


class KeyFigure(models.Model):
    """A number that shows what the example achieved: "Mat reddet fra kasting: 60 tonn per år (målt)"."""

    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="key_figures")
    label = models.CharField(_("what"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(
        _("unit"), max_length=50, help_text=_("For example “t CO2e per year”, “kWh”, “kroner”.")
    )
    accuracy = models.CharField(_("measured or estimated"), max_length=10, choices=Accuracy.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self) -> str:
        return f"{self.label}: {self.value} {self.unit}"


class ExampleLink(models.Model):
    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("address"), max_length=500)
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")


class PublicAttachmentManager(models.Manager["Attachment"]):
    """The attachments of examples as approved: not those of a change waiting for moderation. The
    default manager, so `example.attachments` (the page, the exports, the API) never lists those."""

    def get_queryset(self) -> models.QuerySet["Attachment"]:
        return super().get_queryset().filter(revision__isnull=True)


class Attachment(models.Model):
    """An image or document of an example, checked for type and size before it is stored. One added
    in a change to a published example belongs to that `ExampleRevision` until it is approved."""

    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="attachments")
    revision = models.ForeignKey(
        "ExampleRevision", on_delete=models.CASCADE, null=True, blank=True, related_name="new_attachments"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to="eksempler/%Y/%m/")
    title = models.CharField(
        _("title or description"), max_length=200, help_text=_("For images: what the image shows.")
    )
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublicAttachmentManager()
    all_objects = models.Manager()  # noqa: DJ012 - a manager, not a field

    class Meta:
        ordering = ["kind", "id"]
        base_manager_name = "all_objects"
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class ExampleVersion(models.Model):
    """The example as it was after a change: what moderators compare and can go back to."""

    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    data = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [models.UniqueConstraint(fields=["example", "number"], name="example_version_unique")]

    def __str__(self) -> str:
        return f"{self.example_id} v{self.number}"


class RevisionState(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ExampleRevision(models.Model):
    """An owner's change to a published example, waiting for a moderator: the example itself (what the
    page, the search, the exports, the feed and the API show) stays as last approved until a moderator
    approves the change. `data` is the changed example in the form of `ExampleVersion.data`; at most one
    change per example waits, and the owner's next save changes it."""

    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="revisions")
    data = models.JSONField()
    state = models.CharField(
        _("state"), max_length=10, choices=RevisionState.choices, default=RevisionState.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = models.TextField(_("comment from the moderators"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("change waiting for moderation")
        verbose_name_plural = _("changes waiting for moderation")
        constraints = [
            models.UniqueConstraint(
                fields=["example"],
                condition=models.Q(state="pending"),
                name="example_revision_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.example_id}: {self.state}"


class ModerationAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for moderation")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Sent back")
    REJECTED = "rejected", _("Rejected")
    REVERTED = "reverted", _("Went back to an earlier version")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CHANGE_SENT = "change_sent", _("Changes sent for moderation")
    CHANGE_APPROVED = "change_approved", _("Changes approved")
    CHANGE_REJECTED = "change_rejected", _("Changes rejected")


class ModerationRecord(models.Model):
    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="moderation_log")
    action = models.CharField(_("what"), max_length=20, choices=ModerationAction.choices)
    comment = models.TextField(_("comment"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("moderation record")
        verbose_name_plural = _("moderation records")

    def __str__(self) -> str:
        return f"{self.example_id}: {self.action}"


class ContactMessage(models.Model):
    """That a message was relayed to an example's contact person: kept to limit how many a sender
    may send per hour. The text itself is only in the relayed mail; the sender is kept as a hash."""

    example = models.ForeignKey(Example, on_delete=models.CASCADE, related_name="+")
    sender_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["sender_hash", "created_at"], name="contact_sender_time")]

    def __str__(self) -> str:
        return f"{self.example_id} {self.created_at:%Y-%m-%d %H:%M}"
