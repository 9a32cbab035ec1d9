from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gronnpraksis.contributions.models import Contribution, Kind, State
from gronnpraksis.core import scoring
from gronnpraksis.core.forms import (
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
    TextInputCleaningMixin,
)
from gronnpraksis.editions.models import Edition, Theme

from . import services
from .models import Criterion, Decision, DecisionTemplate


class ContributionFilterForm(forms.Form):
    """The filters of the back office's contribution list; all optional, all in the URL."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *Kind.choices])
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    state = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *State.choices])
    reviewed = forms.ChoiceField(
        label=_("Reviewed"),
        required=False,
        choices=[("", _("All")), ("yes", _("Has reviews")), ("no", _("No reviews yet"))],
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=200)

    def __init__(self, *args, contributions, reviewer: bool, **kwargs) -> None:  # type: ignore[no-untyped-def]
        """`contributions` are the ones the person may see: the theme choices come from them only.
        A reviewer gets no "reviewed" filter: it would tell whether colleagues have submitted."""
        super().__init__(*args, **kwargs)
        if reviewer:
            del self.fields["reviewed"]
        themes = Theme.objects.filter(contributions__in=contributions).distinct().order_by("position", "name")
        self.fields["theme"].choices = [("", _("All"))] + [(t.slug, t.name) for t in themes]  # type: ignore[attr-defined]

    def filter(self, queryset):  # type: ignore[no-untyped-def]
        """The queryset narrowed by the valid filters; invalid ones are ignored (and shown as errors)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("theme"):
            queryset = queryset.filter(themes__slug=data["theme"])
        if data.get("state"):
            queryset = queryset.filter(state=data["state"])
        if data.get("reviewed") == "yes":
            queryset = queryset.filter(
                reviews__submitted_at__isnull=False, reviews__conflict_of_interest=False
            )
        elif data.get("reviewed") == "no":
            queryset = queryset.exclude(
                reviews__submitted_at__isnull=False, reviews__conflict_of_interest=False
            )
        if data.get("q"):
            queryset = queryset.filter(title__icontains=data["q"])
        return queryset.distinct()


class AssignForm(forms.Form):
    reviewer = SafeModelChoiceField(label=_("Reviewer"), queryset=None, empty_label=_("Choose a person"))

    def __init__(  # type: ignore[no-untyped-def]
        self, *args, edition: Edition, contribution: Contribution | None = None, **kwargs
    ) -> None:
        """With `contribution`, the people already asked to review it are left out of the choices
        (assigning one again is harmless, so a posted form does not need it)."""
        super().__init__(*args, **kwargs)
        from gronnpraksis.accounts.models import User

        people = User.objects.filter(pk__in=[user.pk for user in services.reviewers(edition)])
        if contribution is not None:
            people = people.exclude(reviews__contribution=contribution)
        self.fields["reviewer"].queryset = people.order_by("name", "email")  # type: ignore[attr-defined]


class ReviewForm(scoring.ScoreForm):
    """A score per criterion of the edition (fields `criterion_<id>`), and a comment for the committee."""

    field_prefix = "criterion"

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What is strong, what is missing, what the programme could use it for."),
    )

    def __init__(self, *args: Any, criteria: Sequence[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, criteria=criteria, **kwargs)
        self.order_fields([self.score_field(c) for c in self.criteria] + ["comment"])

    def scores(self) -> dict[int, int]:
        return self.values()


class DecisionForm(forms.Form):
    """One decision for one or many contributions (the checked rows of a list)."""

    contributions = SafeModelMultipleChoiceField(
        label=_("Contributions"),
        queryset=Contribution.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Choose at least one contribution.")},
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the decision: accept, put on hold or reject.")},
    )
    send_mail = forms.BooleanField(
        label=_("Send the decision mail to the contributors"), required=False, initial=True
    )

    def __init__(self, *args, edition: Edition, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # Any contribution of the edition: one withdrawn since the list was shown is skipped by
        # `services.decide` (and counted in a warning) instead of refusing the whole batch.
        self.fields["contributions"].queryset = Contribution.objects.filter(edition=edition)  # type: ignore[attr-defined]


class DecisionTemplateForm(TextInputCleaningMixin, forms.ModelForm):
    class Meta:
        model = DecisionTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}

    def _check(self, name: str) -> str:
        value = self.cleaned_data[name]
        unknown = services.unknown_placeholders(value)
        if unknown:
            raise forms.ValidationError(
                _("Unknown field %(fields)s. You can use %(known)s.")
                % {
                    "fields": ", ".join("{" + n + "}" for n in unknown),
                    "known": ", ".join("{" + n + "}" for n in services.PLACEHOLDERS),
                }
            )
        return value

    def clean_subject(self) -> str:
        return self._check("subject")

    def clean_body(self) -> str:
        return self._check("body")


class CriterionForm(scoring.CriterionForm):
    owner_field = "edition"
    duplicate_message = _("The edition already has a criterion with this name.")

    class Meta(scoring.CriterionForm.Meta):
        model = Criterion
