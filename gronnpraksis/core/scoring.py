"""One way to score, for every committee that scores against criteria (the programme committee's
reviews, the prize jury): the score form, the conflict-of-interest form, the criterion form, the
check of the scores given, and the ranking's figures.

Core imports no app: each app passes its own criteria and assessments (anything with
`submitted_at`, `conflict_of_interest` and `scores`, see `Assessed`) and keeps its own rules.
"""

import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .forms import TextInputCleaningMixin
from .models import ScoringCriterion


class Assessed(Protocol):
    """A review or a jury assessment: submitted or not, perhaps a conflict of interest, and its scores."""

    submitted_at: Any
    conflict_of_interest: bool

    @property
    def scores(self) -> Any: ...  # a related manager of rows with a `value`


class Scale(Protocol):
    """A criterion as scoring sees it (a `ScoringCriterion` row)."""

    pk: Any
    name: str
    max_score: int


# Checking scores


def max_total(criteria: Iterable[Scale]) -> int:
    """The highest total one assessment can give."""
    return sum(c.max_score for c in criteria)


def score_problem(criteria: Iterable[Scale], values: Mapping[int, int | None]) -> str | None:
    """What is wrong with the scores given (by criterion id), in the user's language, or None. Every
    criterion needs a score from 1 to its highest."""
    for criterion in criteria:
        value = values.get(criterion.pk)
        if value is None or not 1 <= value <= criterion.max_score:
            return _("Give “%(criterion)s” a score from 1 to %(max)s.") % {
                "criterion": criterion.name,
                "max": criterion.max_score,
            }
    return None


# The ranking


@dataclass(frozen=True)
class Figures:
    """What the submitted totals of one scored thing add up to."""

    scored: int  # how many submitted assessments without a conflict of interest
    mean: float | None  # the mean of their totals
    lowest: int | None
    highest: int | None
    stdev: float | None  # the population standard deviation (0 for one)

    @property
    def spread(self) -> int | None:
        return None if self.lowest is None or self.highest is None else self.highest - self.lowest


NO_FIGURES = {"mean": None, "lowest": None, "highest": None, "stdev": None}


def submitted_totals(assessments: Iterable[Assessed]) -> list[int]:
    """The total score of each submitted assessment, leaving out declared conflicts of interest."""
    return [
        sum(s.value for s in a.scores.all())
        for a in assessments
        if a.submitted_at is not None and not a.conflict_of_interest
    ]


def figures(totals: Sequence[int]) -> dict[str, Any]:
    """The `Figures` of some totals, as keyword arguments (None when there are none)."""
    if not totals:
        return {"scored": 0, **NO_FIGURES}
    return {
        "scored": len(totals),
        "mean": statistics.fmean(totals),
        "lowest": min(totals),
        "highest": max(totals),
        "stdev": statistics.pstdev(totals),
    }


def by_mean[R: Figures](rows: Iterable[R], title: Callable[[R], str]) -> list[R]:
    """Rows by their mean total, highest first; unscored ones last; ties by title."""
    return sorted(rows, key=lambda r: (r.mean is None, -(r.mean or 0), title(r).lower()))


# Forms


class ConflictForm(TextInputCleaningMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why you are not impartial"),
        max_length=300,
        help_text=gettext_lazy(
            "For example: “I work in the same municipality” or “I am a partner in the project”."
        ),
    )


class ScoreForm(TextInputCleaningMixin, forms.Form):
    """A score from 1 to its highest for each criterion, as radio buttons named
    `<field_prefix>_<criterion id>`; with `with_comments` also a comment per criterion."""

    field_prefix = "score"
    with_comments = False

    def __init__(self, *args: Any, criteria: Sequence[ScoringCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[self.score_field(criterion)] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                coerce=int,
                choices=[(n, str(n)) for n in range(1, criterion.max_score + 1)],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a score for this criterion.")},
            )
            if self.with_comments:
                self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                    label=_("Comment on “%(criterion)s” (optional)") % {"criterion": criterion.name},
                    max_length=2000,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def score_field(self, criterion: ScoringCriterion) -> str:
        return f"{self.field_prefix}_{criterion.pk}"

    def values(self) -> dict[int, int]:
        """The score given for each criterion, by criterion id (after `is_valid`)."""
        return {c.pk: self.cleaned_data[self.score_field(c)] for c in self.criteria}

    def comments(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"comment_{c.pk}", "") for c in self.criteria}

    def pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """Each criterion's score field with its comment field (`with_comments` only)."""
        return [(self[self.score_field(c)], self[f"comment_{c.pk}"]) for c in self.criteria]


class CriterionForm(TextInputCleaningMixin, forms.ModelForm):
    """A criterion's name, question, highest score and place. A subclass sets `Meta.model`, the field
    that ties the criterion to what it belongs to (`owner_field`) and `duplicate_message`: a name is
    used once per owner, whatever its case."""

    owner_field = ""
    duplicate_message: str | Promise = ""

    class Meta:
        fields = ["name", "description", "max_score", "position"]

    def __init__(self, *args: Any, owner: models.Model, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        setattr(self.instance, self.owner_field, owner)

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        others = (
            type(self.instance)
            ._default_manager.filter(**{self.owner_field: self.owner, "name__iexact": name})
            .exclude(pk=self.instance.pk)
        )
        if others.exists():
            raise forms.ValidationError(str(self.duplicate_message))
        return name


# The organisers' criteria pages: each app's views pass their own service and its error.


def save_posted_criterion(
    request: HttpRequest, form: CriterionForm, save: Callable[..., object], refused: type[Exception]
) -> bool:
    """Save a posted, valid criterion form through the app's service, `save(criterion=…, by=…)`, and
    say so; a rule that refuses the change puts its message on the form. True when it is saved."""
    if not form.is_bound or not form.is_valid():
        return False
    new = form.instance.pk is None
    try:
        save(criterion=form.instance, by=request.user)
    except refused as error:
        form.add_error(None, str(error))
        return False
    messages.success(request, _("The criterion is added.") if new else _("The criterion is saved."))
    return True


def delete_with_message(
    request: HttpRequest, criterion: ScoringCriterion, delete: Callable[..., object], refused: type[Exception]
) -> None:
    """Delete a criterion through the app's service, `delete(criterion=…, by=…)`, and tell the organiser
    how it went."""
    try:
        delete(criterion=criterion, by=request.user)
    except refused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The criterion is deleted."))
