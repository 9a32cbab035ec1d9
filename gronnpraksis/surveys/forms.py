"""The organisers' survey and question forms, and the participant's answer form. Forms never write."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.forms import TextInputCleaningMixin

from .models import SCALE, Question, QuestionKind

MAX_CHOICES = 20
MAX_TEXT_ANSWER = 4000


class SurveyForm(TextInputCleaningMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown above the questions. Say what the answers are used for."),
    )
    closes_at = forms.DateTimeField(
        label=_("Answers close"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("After this the link says the survey is closed."),
        error_messages={"invalid": _("Enter a date and time, like 2027-06-30 23:59.")},
    )


class QuestionForm(TextInputCleaningMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of question"), choices=QuestionKind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Question"), max_length=300)
    low_label = forms.CharField(
        label=_("Label for 1 (scale only)"),
        max_length=60,
        required=False,
        help_text=_("For example: Not useful"),
    )
    high_label = forms.CharField(
        label=_("Label for 5 (scale only)"),
        max_length=60,
        required=False,
        help_text=_("For example: Very useful"),
    )
    choices = forms.CharField(
        label=_("Choices (one or several choices only)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One choice per line, at least two."),
    )
    required = forms.BooleanField(label=_("Must be answered"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        lines = [line.strip() for line in cleaned.get("choices", "").splitlines() if line.strip()]
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            if len(lines) < 2:
                self.add_error("choices", _("Write at least two choices, one per line."))
            elif len(lines) > MAX_CHOICES:
                self.add_error("choices", _("At most %(count)s choices.") % {"count": MAX_CHOICES})
            elif len(set(lines)) != len(lines):
                self.add_error("choices", _("Each choice may appear only once."))
            elif any(len(line) > 200 for line in lines):
                self.add_error("choices", _("A choice may be at most 200 characters."))
            cleaned["choices"] = "\n".join(lines)
        return cleaned


class AnswerForm(TextInputCleaningMixin, forms.Form):
    """One field per question (`q<pk>`), and whether the organisers may see who answered."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = self._field(question)
        self.fields["may_be_named"] = forms.BooleanField(
            label=_("The organisers may see that these answers are mine"),
            required=False,
            help_text=_(
                "Without this tick your answers are anonymous: the organisers see them without your name."
            ),
        )

    @staticmethod
    def _field(question: Question) -> forms.Field:
        label, required = question.text, question.required
        if question.kind == QuestionKind.SCALE:
            ends = {1: question.low_label, 5: question.high_label}
            choices = [(str(n), f"{n} – {ends[n]}" if ends.get(n) else str(n)) for n in SCALE]
            return forms.TypedChoiceField(
                label=label, choices=choices, coerce=int, required=required, widget=forms.RadioSelect
            )
        if question.kind == QuestionKind.SINGLE:
            options = [(c, c) for c in question.choice_list]
            return forms.ChoiceField(
                label=label, choices=options, required=required, widget=forms.RadioSelect
            )
        if question.kind == QuestionKind.MULTIPLE:
            options = [(c, c) for c in question.choice_list]
            return forms.MultipleChoiceField(
                label=label, choices=options, required=required, widget=forms.CheckboxSelectMultiple
            )
        return forms.CharField(
            label=label,
            required=required,
            max_length=MAX_TEXT_ANSWER,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def answers(self) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
