from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    MUNICIPALITY = "kommune", _("Municipality")
    COUNTY = "fylkeskommune", _("County municipality")
    STATE = "stat", _("State")
    BUSINESS = "naeringsliv", _("Business")
    CIVIL_SOCIETY = "sivilsamfunn", _("Civil society and volunteer organisations")
    RESEARCH = "fou", _("Research and education (R&D)")
    OTHER = "annet", _("Other")


class Organisation(models.Model):
    """A municipality, company, agency, association or research body."""

    name = models.CharField(_("name"), max_length=200)
    number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        help_text=_("Nine digits, from Brønnøysundregistrene."),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, default=Sector.OTHER)
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="organisation_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number="") | Q(number__regex=r"^[0-9]{9}$"),
                name="organisation_number_nine_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RegisterEntry(models.Model):
    """A unit of Enhetsregisteret (Brønnøysundregistrene's open data, NLOD 2.0), copied in by
    `manage.py import_enhetsregisteret`: looked up by organisation number without a network call."""

    number = models.CharField(_("organisation number"), max_length=9, primary_key=True)
    name = models.CharField(_("legal name"), max_length=300)
    form = models.CharField(_("organisational form"), max_length=10, blank=True)
    street = models.CharField(_("street address"), max_length=300, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country code"), max_length=2, default="NO")
    municipality_number = models.CharField(_("municipality number"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("unit in Enhetsregisteret")
        verbose_name_plural = _("units in Enhetsregisteret")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__regex=r"^[0-9]{9}$"), name="registerentry_number_nine_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"
