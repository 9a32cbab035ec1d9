"""An edition's evaluation survey, its questions, who was invited, and the answers.

Answers are anonymous to the organisers unless the participant ticked that they may be named: the
pages and the CSV show a name only then. The invitation links a response to a registration so that
each participant answers once, and so that the answer is in their data export and goes when they are
erased (`privacy`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Survey(models.Model):
    """One survey per edition. Its questions can be changed until it is sent."""

    edition = models.OneToOneField(
        "editions.Edition", on_delete=models.CASCADE, related_name="survey", verbose_name=_("edition")
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    closes_at = models.DateTimeField(_("answers close"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("copied from"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation survey")
        verbose_name_plural = _("evaluation surveys")

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale from 1 to 5")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    TEXT = "text", _("Free text")


SCALE = range(1, 6)


class Question(models.Model):
    """A question of a survey, in its place. Choices are one per line; a scale has labels for its ends."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind of question"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    low_label = models.CharField(_("label for 1"), max_length=60, blank=True)
    high_label = models.CharField(_("label for 5"), max_length=60, blank=True)
    choices = models.TextField(_("choices"), blank=True)
    required = models.BooleanField(_("must be answered"), default=False)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Invitation(models.Model):
    """The survey mailed to one participant (once), and the reminder if one was sent."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey")
    )
    registration = models.ForeignKey(
        "registrations.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_invitations",
        verbose_name=_("registration"),
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "registration"], name="survey_invitation_once_per_registration"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} → {self.registration_id}"


class Response(models.Model):
    """One participant's answer to the survey: at most one per invitation."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
        verbose_name=_("invitation"),
    )
    may_be_named = models.BooleanField(_("may be named"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(fields=["invitation"], name="survey_one_response_per_invitation"),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} #{self.pk}"


class Answer(models.Model):
    """The answer to one question: a number (scale), the chosen options, or a text."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    chosen = models.JSONField(_("chosen options"), default=list, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.question_id}"


class OptOut(models.Model):
    """An address that asked for no more survey mails (an objection to legitimate interest)."""

    email = models.EmailField(_("e-mail"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey opt-out")
        verbose_name_plural = _("survey opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["email"], name="survey_opt_out_unique_email"),
        ]

    def __str__(self) -> str:
        return self.email
