import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gronnpraksis.core import scoring
from gronnpraksis.core.forms import (
    CheckedEmailField,
    HoneypotField,
    IdempotencyKeyField,
    PhoneNumberField,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
    TextInputCleaningMixin,
)
from gronnpraksis.examples.models import Example
from gronnpraksis.places.forms import MunicipalityField

from .models import AwardRound, Criterion, Eligibility, Mode, Nomination

EXISTING, NEW = "existing", "new"


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class NominationForm(TextInputCleaningMixin, forms.Form):
    """A nomination: the project (from the bank or new), an answer per criterion, and who nominates."""

    project = forms.ChoiceField(
        label=_("Which project do you nominate?"),
        choices=[
            (EXISTING, _("A practice example already in the example bank")),
            (NEW, _("A project that is not in the example bank")),
        ],
        widget=forms.RadioSelect,
        initial=EXISTING,
    )
    example = SafeModelChoiceField(
        label=_("Practice example"),
        queryset=Example.objects.none(),
        required=False,
        empty_label=_("Choose an example"),
        help_text=_("Only when you nominate an example from the bank."),
    )
    title = forms.CharField(label=_("Name of the project"), max_length=200, required=False)
    project_summary = forms.CharField(
        label=_("What the project is, in short"),
        max_length=300,
        required=False,
        help_text=_("At most 300 characters."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description = forms.CharField(
        label=_("What was done (optional)"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    owner_name = forms.CharField(
        label=_("Who is behind it"),
        max_length=200,
        required=False,
        help_text=_("The municipality, company or organisation that runs the project."),
    )
    municipality = MunicipalityField(
        label=_("Municipality"),
        required=False,
        help_text=_("Where the project takes place. Start typing and choose from the list."),
    )
    contact_name = forms.CharField(
        label=_("The project's contact person (optional)"), max_length=200, required=False
    )
    contact_email = CheckedEmailField(
        label=_("The project's contact e-mail (optional)"),
        required=False,
        help_text=_(
            "We tell the project that it is nominated when the organisers have checked the nomination."
        ),
    )
    summary = forms.CharField(
        label=_("Why should this project win?"),
        max_length=1000,
        help_text=_("At most 1000 characters. Shown with the finalists if the project gets there."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    nominator_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    nominator_email = CheckedEmailField(
        label=_("Your e-mail"),
        help_text=_("The receipt goes here. Only the organisers see your contact details."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    nominator_phone = PhoneNumberField(label=_("Your phone (optional)"))
    nominator_organisation = forms.CharField(
        label=_("Your organisation (optional)"), max_length=200, required=False
    )
    is_self_nomination = forms.BooleanField(
        label=_("I am part of the project (self-nomination is allowed)"), required=False
    )
    idempotency_key = IdempotencyKeyField()
    website = HoneypotField()

    def __init__(self, *args, criteria: list[Criterion], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.fields["example"].queryset = Example.objects.published().order_by("title")  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())
        for criterion in criteria:
            self.fields[f"answer_{criterion.pk}"] = forms.CharField(
                label=criterion.name,
                help_text=criterion.description,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={"required": _("Answer this criterion.")},
            )

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"answer_{c.pk}"] for c in self.criteria]

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        if cleaned.get("project") == EXISTING:
            if not cleaned.get("example") and "example" not in self.errors:
                self.add_error("example", _("Choose the example you nominate."))
        elif cleaned.get("project") == NEW:
            for name, message in [
                ("title", _("Give the name of the project.")),
                ("project_summary", _("Say in short what the project is.")),
                ("owner_name", _("Say who is behind the project.")),
                ("municipality", _("Give the municipality where the project takes place.")),
            ]:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    def answers(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"answer_{c.pk}"] for c in self.criteria}


class EligibilityForm(TextInputCleaningMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Eligible?"),
        choices=[(Eligibility.ELIGIBLE, _("Eligible")), (Eligibility.INELIGIBLE, _("Not eligible"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        required=False,
        help_text=_("Required when it is not eligible. The nominator may be told."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        if cleaned.get("decision") == Eligibility.INELIGIBLE and not cleaned.get("reason"):
            self.add_error("reason", _("Give the reason why the nomination is not eligible."))
        return cleaned


class JuryScoreForm(scoring.ScoreForm):
    """A juror's score and comment for each criterion (fields `score_<id>` and `comment_<id>`)."""

    with_comments = True

    def scores(self) -> dict[int, tuple[int, str]]:
        comments = self.comments()
        return {pk: (value, comments[pk]) for pk, value in self.values().items()}


class ShortlistForm(forms.Form):
    nominations = SafeModelMultipleChoiceField(
        label=_("Finalists"),
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the finalists.")},
    )

    def __init__(self, *args, award: AwardRound, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.award = award
        field = self.fields["nominations"]
        field.queryset = Nomination.objects.eligible().filter(round=award).select_related("example")  # type: ignore[attr-defined]
        field.label_from_instance = lambda n: n.title  # type: ignore[attr-defined]
        field.help_text = _("At most %(size)s.") % {"size": award.shortlist_size}

    def clean_nominations(self):  # type: ignore[no-untyped-def]
        chosen = self.cleaned_data["nominations"]
        if len(chosen) > self.award.shortlist_size:
            raise forms.ValidationError(
                ngettext(
                    "Choose at most %(size)s finalist; you chose %(count)s.",
                    "Choose at most %(size)s finalists; you chose %(count)s.",
                    self.award.shortlist_size,
                )
                % {"size": self.award.shortlist_size, "count": len(chosen)}
            )
        return chosen


class VoteForm(forms.Form):
    nomination = SafeModelChoiceField(
        label=_("Your vote"),
        queryset=Nomination.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose the project you vote for."),
            "invalid_choice": _("Choose one of the finalists."),
        },
    )
    # Checked by `voting.read_ballot`: a missing or mangled ballot is refused there with its own message.
    ballot = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)

    def __init__(self, *args, award: AwardRound, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        field = self.fields["nomination"]
        field.queryset = (  # type: ignore[attr-defined]
            Nomination.objects.shortlisted()
            .filter(round=award)
            .select_related("example")
            .order_by("example__title")
        )
        field.label_from_instance = lambda n: n.title  # type: ignore[attr-defined]


class SetUpForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How is the winner chosen?"), choices=Mode.choices, widget=forms.RadioSelect
    )


class RoundForm(forms.ModelForm):
    class Meta:
        model = AwardRound
        fields = [
            "mode",
            "shortlist_size",
            "voters_must_check_in",
            "nominations_open_at",
            "nominations_close_at",
            "shortlist_at",
            "voting_opens_at",
            "voting_closes_at",
            "result_at",
        ]
        widgets = {
            "mode": forms.RadioSelect,
            **{
                name: _datetime_widget()
                for name in [
                    "nominations_open_at",
                    "nominations_close_at",
                    "shortlist_at",
                    "voting_opens_at",
                    "voting_closes_at",
                    "result_at",
                ]
            },
        }

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("nominations_open_at"), cleaned.get("nominations_close_at")
        if opens and closes and closes <= opens:
            self.add_error("nominations_close_at", _("Nominations must close after they open."))
        vote_opens, vote_closes = cleaned.get("voting_opens_at"), cleaned.get("voting_closes_at")
        if cleaned.get("mode") in {Mode.VOTE, Mode.BOTH}:
            if not vote_opens and "voting_opens_at" not in self.errors:
                self.add_error("voting_opens_at", _("Give the time the vote opens."))
            if not vote_closes and "voting_closes_at" not in self.errors:
                self.add_error("voting_closes_at", _("Give the time the vote closes."))
        if vote_opens and vote_closes and vote_closes <= vote_opens:
            self.add_error("voting_closes_at", _("The vote must close after it opens."))
        if vote_opens and closes and vote_opens < closes:
            self.add_error("voting_opens_at", _("The vote opens after nominations have closed."))
        return cleaned


class CriterionForm(scoring.CriterionForm):
    owner_field = "round"
    duplicate_message = _("The round already has a criterion with this name.")

    class Meta(scoring.CriterionForm.Meta):
        model = Criterion


class PrizeForm(TextInputCleaningMixin, forms.Form):
    nomination = SafeModelChoiceField(
        label=_("Winner"),
        queryset=Nomination.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the winner.")},
    )
    citation = forms.CharField(
        label=_("Citation (begrunnelse)"),
        max_length=3000,
        help_text=_("Published with the winner."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    reason = forms.CharField(
        label=_("Reason for overriding the computed result"),
        max_length=2000,
        required=False,
        help_text=_("Required when you choose another winner than the computed one. Kept in the audit log."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, award: AwardRound, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        field = self.fields["nomination"]
        field.queryset = Nomination.objects.shortlisted().filter(round=award).select_related("example")  # type: ignore[attr-defined]
        field.label_from_instance = lambda n: n.title  # type: ignore[attr-defined]


class NominationFilterForm(forms.Form):
    eligibility = forms.ChoiceField(
        label=_("Eligibility"), required=False, choices=[("", _("All")), *Eligibility.choices]
    )
