from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.typing import AnyUser


class Kind(models.TextChoices):
    PRACTICE_EXAMPLE = "eksempel", _("Practice example")
    UNFINISHED_IDEA = "ide", _("Unfinished idea")
    DEBATE_THEME = "tema", _("Theme for debate")
    WORKSHOP = "verksted", _("Workshop")
    STAND = "stand", _("Stand")


class Format(models.TextChoices):
    TALK = "innlegg", _("Talk")
    CONVERSATION = "samtale", _("Conversation or panel")
    WORKSHOP = "verksted", _("Workshop")
    STAND = "stand", _("Stand or poster")
    EXCURSION = "ekskursjon", _("Excursion or site visit")
    OPEN = "apent", _("Open – the programme committee suggests")


class Length(models.IntegerChoices):
    SHORT = 10, _("10 minutes")
    MEDIUM = 20, _("20 minutes")
    LONG = 45, _("45 minutes")
    SESSION = 90, _("90 minutes")
    ALL_DAY = 0, _("All day (stand)")


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    WAITING = "waiting", _("On hold")
    REJECTED = "rejected", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CONFIRMED = "confirmed", _("Confirmed")


EDITABLE_STATES = {State.DRAFT, State.SUBMITTED}


class ContributionQuerySet(models.QuerySet["Contribution"]):
    def for_user(self, user: AnyUser) -> "ContributionQuerySet":
        """Contributions the user is a contributor of, by account or by e-mail address; nothing until
        the account's address is proven (both the link and the address came from that address)."""
        from gronnpraksis.accounts.services import proven_email

        email = proven_email(user)
        if email is None:
            return self.none()
        return self.filter(Q(contributors__user=user) | Q(contributors__email__iexact=email)).distinct()


class Contribution(models.Model):
    """What a person brings to an edition (bidrag): a practice example, an idea, a workshop …"""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.PROTECT, related_name="contributions", verbose_name=_("edition")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("short summary"), max_length=300)
    description = models.TextField(_("description"))
    themes = models.ManyToManyField("editions.Theme", related_name="contributions", verbose_name=_("themes"))
    goals = models.ManyToManyField(
        "editions.Goal",
        related_name="contributions",
        blank=True,
        verbose_name=_("sustainable development goals"),
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("municipality"),
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    wished_format = models.CharField(_("wished format"), max_length=20, choices=Format.choices)
    wished_length = models.PositiveSmallIntegerField(_("wished length"), choices=Length.choices)
    needs = models.TextField(_("needs"), blank=True)
    # The half-days the contributors can come, as "YYYY-MM-DD:am" / "YYYY-MM-DD:pm" (before or after
    # noon); empty means any time. The programme builder keeps the contribution within them.
    availability = models.JSONField(_("availability"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    registration = models.ForeignKey(
        "registrations.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    example = models.ForeignKey(
        "examples.Example", on_delete=models.SET_NULL, null=True, blank=True, related_name="contributions"
    )
    idea = models.ForeignKey(
        "ideas.Idea", on_delete=models.SET_NULL, null=True, blank=True, related_name="contributions"
    )
    idempotency_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=10, default="nb")
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("contributions:detail", kwargs={"edition": self.edition.slug, "pk": self.pk})

    @property
    def primary_contributor(self) -> "Contributor | None":
        return next((c for c in self.contributors.all() if c.is_primary), None)


class Contributor(models.Model):
    """A person behind a contribution: one primary, any number of co-contributors."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="contributors")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor_roles",
    )
    is_primary = models.BooleanField(_("primary contact"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-is_primary", "position", "id"]
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        constraints = [
            models.UniqueConstraint(fields=["contribution", "email"], name="contributor_email_unique"),
            models.UniqueConstraint(
                fields=["contribution"], condition=Q(is_primary=True), name="contribution_one_primary"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ContributionChange(models.Model):
    """What a contributor changed, and when: the organisers' record of edits after submission, most
    of all those made to an accepted contribution while the programme is being planned.

    `fields` is a list of {"field": "title" | "summary" | "description" | "contributors",
    "old": text, "new": text} (for contributors, the names added).
    """

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    fields = models.JSONField(default=list)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("change to a contribution")
        verbose_name_plural = _("changes to contributions")

    def __str__(self) -> str:
        return f"{self.contribution_id} {self.changed_at:%Y-%m-%d %H:%M}"
