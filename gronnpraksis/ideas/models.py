from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdeaStatus(models.TextChoices):
    FOR_DEBATE = "til-debatt", _("For debate")
    DEVELOPED = "videreutviklet", _("Developed further")
    BECAME_EXAMPLE = "blitt-eksempel", _("Became a practice example")


class IdeaVisibility(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class Idea(models.Model):
    """An unfinished idea (uferdig idé), brought for debate and development."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas"
    )
    owner_name = models.CharField(_("owner"), max_length=200)
    themes = models.ManyToManyField("editions.Theme", related_name="ideas", blank=True)
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="ideas"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.FOR_DEBATE
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=IdeaVisibility.choices, default=IdeaVisibility.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("unfinished idea")
        verbose_name_plural = _("unfinished ideas")

    def __str__(self) -> str:
        return self.title
