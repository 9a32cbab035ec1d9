"""GrønnPraksisPrisen: one award round per edition, from nominations to the published winners.

The round goes through phases (nomination → assessment → shortlist published → voting → result).
Which phase it is in follows from its dates and from what organisers have done (published the
shortlist, closed the vote, published the result); see `AwardRound.stage`.

- A `Nomination` points at an example in the bank (an existing published one, or a draft made for a
  new project) and holds the nominator's answer per `Criterion`.
- The jury (`editions.TeamMember` with the juror role) scores eligible nominations: one
  `JuryAssessment` per juror and nomination, with a `JuryScore` per criterion, or a declared
  conflict of interest.
- A `Vote` is one participant's (registration's) choice; the unique constraint on (round,
  registration) is what makes a second vote replace the first. It is counted only while its
  registration is confirmed (and checked in, when the round requires it): `voting.counting_rule`.
- A `Prize` is the result (jury prize, people's prize); choosing another nomination than the
  computed winner needs a reason, which the database also holds to. Every organiser decision is an
  `AuditEntry`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.models import AuditRecord, ScoringCriterion


class Mode(models.TextChoices):
    VOTE = "vote", _("The participants vote")
    JURY = "jury", _("The jury decides")
    BOTH = "both", _("Both: a jury prize and a people's prize")


class Stage(models.TextChoices):
    UPCOMING = "upcoming", _("Nominations not open yet")
    NOMINATION = "nomination", _("Nominations open")
    ASSESSMENT = "assessment", _("The jury assesses the nominations")
    SHORTLIST = "shortlist", _("Shortlist published")
    VOTING = "voting", _("Voting open")
    RESULT = "result", _("Result")


class PrizeKind(models.TextChoices):
    JURY = "jury", _("Jury prize")
    PEOPLE = "people", _("People's prize")


class AwardRound(models.Model):
    """GrønnPraksisPrisen of one edition: how the winner is chosen, the phases and their dates."""

    edition = models.OneToOneField(
        "editions.Edition", on_delete=models.CASCADE, related_name="award_round", verbose_name=_("edition")
    )
    mode = models.CharField(
        _("how the winner is chosen"), max_length=10, choices=Mode.choices, default=Mode.VOTE
    )
    shortlist_size = models.PositiveSmallIntegerField(
        _("finalists on the shortlist"), default=10, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    # On by default: the vote is at the venue (as at Grønn Praksis 22), and a registration alone is
    # too cheap to make to be a vote (see docs/security.md, "Votes that count once").
    voters_must_check_in = models.BooleanField(
        _("only checked-in participants may vote"),
        default=True,
        help_text=_(
            "On: only participants checked in at the venue can vote, and only their votes are counted. "
            "Turn off only when people vote from elsewhere; any confirmed registration then counts."
        ),
    )
    nominations_open_at = models.DateTimeField(_("nominations open"))
    nominations_close_at = models.DateTimeField(_("nominations close"))
    shortlist_at = models.DateTimeField(_("shortlist is published (planned)"), null=True, blank=True)
    voting_opens_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    voting_closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    result_at = models.DateTimeField(_("winner is announced (planned)"), null=True, blank=True)
    # What organisers have done, with when.
    shortlist_published_at = models.DateTimeField(_("shortlist published"), null=True, blank=True)
    vote_closed_at = models.DateTimeField(_("vote closed"), null=True, blank=True)
    result_published_at = models.DateTimeField(_("result published"), null=True, blank=True)
    # When the bank's index last took in that the nominees became public (`awards.visibility`).
    nominees_indexed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(nominations_close_at__gt=F("nominations_open_at")),
                name="award_round_nominations_close_after_open",
            ),
            models.CheckConstraint(
                condition=Q(voting_opens_at__isnull=True)
                | Q(voting_closes_at__isnull=True)
                | Q(voting_closes_at__gt=F("voting_opens_at")),
                name="award_round_voting_closes_after_open",
            ),
            models.CheckConstraint(
                condition=Q(shortlist_size__gte=1, shortlist_size__lte=50), name="award_round_shortlist_size"
            ),
        ]

    def __str__(self) -> str:
        return str(_("GrønnPraksisPrisen %(year)s") % {"year": self.edition.starts_on.year})

    @property
    def name(self) -> str:
        return str(self)

    @property
    def has_vote(self) -> bool:
        return self.mode in {Mode.VOTE, Mode.BOTH}

    @property
    def has_jury_prize(self) -> bool:
        return self.mode in {Mode.JURY, Mode.BOTH}

    @property
    def prize_kinds(self) -> list[str]:
        kinds: list[str] = []
        if self.has_jury_prize:
            kinds.append(PrizeKind.JURY)
        if self.has_vote:
            kinds.append(PrizeKind.PEOPLE)
        return kinds

    def nominations_open(self, now=None) -> bool:  # type: ignore[no-untyped-def]
        now = now or timezone.now()
        return (
            self.nominations_open_at <= now < self.nominations_close_at
            and self.shortlist_published_at is None
        )

    def nominations_closed(self, now=None) -> bool:  # type: ignore[no-untyped-def]
        return (now or timezone.now()) >= self.nominations_close_at

    def vote_closed(self, now=None) -> bool:  # type: ignore[no-untyped-def]
        """The vote is over: closed by an organiser, past its closing time, or the result is out."""
        now = now or timezone.now()
        return (
            self.vote_closed_at is not None
            or self.result_published_at is not None
            or (self.voting_closes_at is not None and now >= self.voting_closes_at)
        )

    def voting_open(self, now=None) -> bool:  # type: ignore[no-untyped-def]
        now = now or timezone.now()
        return (
            self.has_vote
            and self.shortlist_published_at is not None
            and self.voting_opens_at is not None
            and self.voting_opens_at <= now
            and not self.vote_closed(now)
        )

    def stage(self, now=None) -> str:  # type: ignore[no-untyped-def]
        now = now or timezone.now()
        if self.result_published_at is not None:
            return Stage.RESULT
        if self.shortlist_published_at is None:
            if now < self.nominations_open_at:
                return Stage.UPCOMING
            return Stage.NOMINATION if now < self.nominations_close_at else Stage.ASSESSMENT
        if self.has_vote:
            if self.vote_closed(now):
                return Stage.RESULT
            if self.voting_open(now):
                return Stage.VOTING
        return Stage.SHORTLIST

    @property
    def current_stage(self) -> str:
        return self.stage()

    @property
    def current_stage_label(self) -> str:
        return str(Stage(self.stage()).label)


class Criterion(ScoringCriterion):
    """What nominators answer and the jury scores, for example "Reduserte klimagassutslipp"."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="criteria")
    description = models.CharField(
        _("question to the nominator"),
        max_length=300,
        blank=True,
        help_text=_("Shown with the criterion in the nomination form and to the jury."),
    )

    class Meta(ScoringCriterion.Meta):
        verbose_name = _("award criterion")
        verbose_name_plural = _("award criteria")
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="award_criterion_name_unique"),
            models.CheckConstraint(
                condition=Q(max_score__gte=1, max_score__lte=10), name="award_criterion_max_score_range"
            ),
        ]


class Eligibility(models.TextChoices):
    PENDING = "pending", _("Not assessed yet")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")


class NominationQuerySet(models.QuerySet["Nomination"]):
    def eligible(self) -> "NominationQuerySet":
        return self.filter(eligibility=Eligibility.ELIGIBLE)

    def shortlisted(self) -> "NominationQuerySet":
        return self.filter(on_shortlist=True)


class Nomination(models.Model):
    """A proposal of a project for the prize, by anyone (the project's own people too)."""

    round = models.ForeignKey(
        AwardRound, on_delete=models.CASCADE, related_name="nominations", verbose_name=_("award round")
    )
    example = models.ForeignKey(
        "examples.Example",
        on_delete=models.PROTECT,
        related_name="award_nominations",
        verbose_name=_("project"),
    )
    is_new_project = models.BooleanField(_("new project (draft example)"), default=False)
    summary = models.TextField(_("why this project"), max_length=1000)
    nominator_name = models.CharField(_("nominator"), max_length=200)
    nominator_email = models.EmailField(_("nominator's e-mail"))
    nominator_phone = models.CharField(_("nominator's phone"), max_length=30, blank=True)
    nominator_organisation = models.CharField(_("nominator's organisation"), max_length=200, blank=True)
    is_self_nomination = models.BooleanField(_("nominated by the project itself"), default=False)
    language = models.CharField(max_length=10, default="nb")
    idempotency_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    eligibility = models.CharField(
        _("eligibility"), max_length=20, choices=Eligibility.choices, default=Eligibility.PENDING
    )
    eligibility_reason = models.CharField(_("reason"), max_length=500, blank=True)
    eligibility_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    eligibility_decided_at = models.DateTimeField(null=True, blank=True)
    on_shortlist = models.BooleanField(_("on the shortlist"), default=False)
    nominee_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("nominated"), auto_now_add=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            # A project nominated twice is one nominee: only one of its nominations can be eligible.
            models.UniqueConstraint(
                fields=["round", "example"],
                condition=Q(eligibility="eligible"),
                name="nomination_one_eligible_per_project",
            ),
            models.CheckConstraint(
                condition=~Q(eligibility="ineligible") | ~Q(eligibility_reason=""),
                name="nomination_ineligible_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(on_shortlist=False) | Q(eligibility="eligible"),
                name="nomination_shortlist_is_eligible",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.example.title


class NominationAnswer(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("answer"), max_length=3000)

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "criterion"], name="nomination_answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.text[:40]}"


class JuryAssessment(models.Model):
    """A juror's assessment of one nomination: scores (once submitted), or a conflict of interest."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="assessments")
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jury_assessments"
    )
    conflict_of_interest = models.BooleanField(_("conflict of interest"), default=False)
    conflict_reason = models.CharField(_("why"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["nomination_id", "id"]
        verbose_name = _("jury assessment")
        verbose_name_plural = _("jury assessments")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "juror"], name="jury_assessment_one_per_juror"),
            models.CheckConstraint(
                condition=Q(conflict_of_interest=False) | Q(submitted_at__isnull=True),
                name="jury_assessment_conflict_has_no_scores",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror} → {self.nomination}"


class JuryScore(models.Model):
    assessment = models.ForeignKey(JuryAssessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="jury_scores")
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        verbose_name = _("jury score")
        verbose_name_plural = _("jury scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="jury_score_one_per_criterion"),
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=10), name="jury_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Vote(models.Model):
    """One participant's vote. Voting again replaces it (an upsert on the unique pair)."""

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="votes")
    registration = models.ForeignKey(
        "registrations.Registration", on_delete=models.CASCADE, related_name="award_votes"
    )
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="votes")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["round", "registration"], name="vote_one_per_participant"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} → {self.nomination_id}"


class UsedBallot(models.Model):
    """The one-time number of a vote form that has been counted; a form sent again is refused."""

    nonce = models.CharField(max_length=32, primary_key=True)
    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="+")
    used_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.nonce


class Prize(models.Model):
    """The winner of one prize, with the citation (begrunnelse)."""

    round = models.ForeignKey(
        AwardRound, on_delete=models.CASCADE, related_name="prizes", verbose_name=_("award round")
    )
    kind = models.CharField(_("prize"), max_length=10, choices=PrizeKind.choices)
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="prizes")
    citation = models.TextField(_("citation"), max_length=3000)
    computed_nomination = models.ForeignKey(
        Nomination, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    override_reason = models.TextField(_("reason for overriding the computed result"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"))

    class Meta:
        ordering = ["kind"]
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        constraints = [
            models.UniqueConstraint(fields=["round", "kind"], name="prize_one_per_kind"),
            # Another winner than the computed one only with a recorded reason.
            models.CheckConstraint(
                condition=Q(computed_nomination__isnull=False, nomination=F("computed_nomination"))
                | ~Q(override_reason=""),
                name="prize_override_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.nomination}"

    @property
    def is_override(self) -> bool:
        return self.nomination_id != self.computed_nomination_id


class AuditAction(models.TextChoices):
    SET_UP = "set_up", _("Award round set up")
    SETTINGS = "settings", _("Settings changed")
    CRITERIA = "criteria", _("Criteria changed")
    ELIGIBILITY = "eligibility", _("Eligibility")
    CONFLICT_WITHDRAWN = "conflict_withdrawn", _("Conflict of interest withdrawn")
    SHORTLIST = "shortlist", _("Shortlist published")
    VOTE_CLOSED = "vote_closed", _("Vote closed")
    RESULT = "result", _("Result recorded")
    OVERRIDE = "override", _("Computed result overridden")
    RESULT_PUBLISHED = "published", _("Result published")


class AuditEntry(AuditRecord):
    """Who did what to the round, when and why. Written by the services, never changed."""

    round = models.ForeignKey(
        AwardRound, on_delete=models.CASCADE, related_name="audit_entries", verbose_name=_("award round")
    )
    action = models.CharField(_("what"), max_length=20, choices=AuditAction.choices)

    class Meta(AuditRecord.Meta):
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.by_name}: {self.get_action_display()}"
