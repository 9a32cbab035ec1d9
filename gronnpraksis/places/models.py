import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class County(models.Model):
    """A county (fylke), identified by its two-digit number."""

    number = models.CharField(_("number"), max_length=2, unique=True)
    name = models.CharField(_("official name"), max_length=100)
    short_name = models.CharField(_("name"), max_length=100)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.short_name


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def valid_on(self, day: datetime.date) -> "MunicipalityQuerySet":
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def current(self) -> "MunicipalityQuerySet":
        return self.filter(valid_to__isnull=True)


class Municipality(models.Model):
    """A municipality (kommune). Numbers are four-character text and rows are never deleted:
    a municipality that is merged or split gets a `valid_to`, and the new one a new row."""

    number = models.CharField(_("number"), max_length=4, unique=True)
    name = models.CharField(_("official name"), max_length=150, help_text=_("Including Sami and Kven forms."))
    name_norwegian = models.CharField(_("Norwegian name"), max_length=100)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county")
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    neighbours = models.ManyToManyField(
        "self",
        blank=True,
        verbose_name=_("neighbours"),
        help_text=_("Municipalities it shares a border with."),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name_norwegian"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__regex=r"^[0-9]{4}$"), name="municipality_number_four_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The text a person picks in a form: official name and number."""
        return f"{self.name} ({self.number})"
