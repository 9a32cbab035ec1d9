"""Reviewing contributions: the edition's criteria, reviewers' scores and the decisions taken.

A `Review` row is both the assignment (a reviewer is asked to look at a contribution) and, once
`submitted_at` is set, the review itself. A reviewer who declares a conflict of interest is not
asked for scores and does not see the others' scores.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.models import AuditRecord, ScoringCriterion


class Criterion(ScoringCriterion):
    """What reviewers score, for example "Relevans for omstilling" from 1 to 5."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="criteria")
    description = models.CharField(_("what to look for"), max_length=300, blank=True)

    class Meta(ScoringCriterion.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="criterion_name_unique"),
            models.CheckConstraint(
                condition=Q(max_score__gte=1) & Q(max_score__lte=10), name="criterion_max_score_range"
            ),
        ]


class ReviewQuerySet(models.QuerySet["Review"]):
    def submitted(self) -> "ReviewQuerySet":
        return self.filter(submitted_at__isnull=False, conflict_of_interest=False)


class Review(models.Model):
    contribution = models.ForeignKey(
        "contributions.Contribution", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    conflict_of_interest = models.BooleanField(_("conflict of interest"), default=False)
    conflict_reason = models.CharField(_("why"), max_length=300, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["contribution", "reviewer"], name="review_one_per_reviewer"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.contribution}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(condition=Q(value__lte=10), name="score_at_most_ten"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Decision(models.TextChoices):
    ACCEPT = "accepted", _("Accept")
    WAIT = "waiting", _("Put on hold")
    REJECT = "rejected", _("Reject")


class DecisionTemplate(models.Model):
    """The mail sent with a decision, as the organisers of an edition have worded it.

    Placeholders in braces are filled in per contribution; see `services.PLACEHOLDERS`.
    """

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="decision_templates"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("decision mail")
        verbose_name_plural = _("decision mails")
        constraints = [
            models.UniqueConstraint(fields=["edition", "decision"], name="decision_template_unique"),
        ]

    def __str__(self) -> str:
        return self.get_decision_display()


class DecisionRecord(models.Model):
    """The history of decisions on a contribution: who decided what, when, and the mail sent."""

    contribution = models.ForeignKey(
        "contributions.Contribution", on_delete=models.CASCADE, related_name="decisions"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    mail = models.ForeignKey(
        "mail.OutboxMail", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.contribution}: {self.get_decision_display()}"


class AuditEntry(AuditRecord):
    """Who changed the edition's review criteria, when and how. Written by the services."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="review_audit_entries"
    )

    class Meta(AuditRecord.Meta):
        verbose_name = _("review audit log entry")
        verbose_name_plural = _("review audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.by_name}: {self.what}"
