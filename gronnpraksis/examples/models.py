from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    owner_name = models.CharField(_("owner"), max_length=200, blank=True)
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="examples",
    )
    municipalities = models.ManyToManyField("places.Municipality", related_name="examples", blank=True)
    themes = models.ManyToManyField("editions.Theme", related_name="examples", blank=True)
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
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ExampleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("practice example")
        verbose_name_plural = _("practice examples")

    def __str__(self) -> str:
        return self.title
