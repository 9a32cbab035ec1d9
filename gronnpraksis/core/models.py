"""Abstract models that several apps build on. Abstract only: core has no tables of its own."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ScoringCriterion(models.Model):
    """What a committee scores, from 1 to `max_score` (at most 10): the review criteria of an edition
    and the prize's criteria. Each app adds the foreign key to what the criteria belong to, its own
    wording of `description`, and its named constraints."""

    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(max_length=300, blank=True)
    max_score = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class AuditRecord(models.Model):
    """Who did what, when and why. Written by the services, never changed; each app adds the foreign
    key to what the entry is about."""

    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_name = models.CharField(_("who"), max_length=300)
    what = models.TextField(_("details"))
    why = models.TextField(_("why"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-at", "-id"]

    @staticmethod
    def name_of(by: "AbstractBaseUser | None") -> str:
        """The name an entry keeps of the person who acted (it stays if their account goes)."""
        if by is None:
            return str(_("the platform"))
        return str(getattr(by, "name", "") or getattr(by, "email", "") or by)
