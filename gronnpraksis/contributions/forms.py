import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.dates import format_when
from gronnpraksis.core.forms import (
    CheckedEmailField,
    HoneypotField,
    IdempotencyKeyField,
    OrganisationNumberField,
    SafeModelMultipleChoiceField,
    TextInputCleaningMixin,
)
from gronnpraksis.editions.models import Edition, Goal, Theme
from gronnpraksis.places.forms import MunicipalityField

from .models import Format, Kind, Length

MAX_CO_CONTRIBUTORS = 3


def half_day_choices(edition: Edition) -> list[tuple[str, str]]:
    """The edition's half-days as availability choices: ("YYYY-MM-DD:am", "Monday 30 May, before noon")."""
    choices = []
    for day in edition.days.all():
        when = format_when(day.date, "weekday")
        code = day.date.isoformat()
        choices.append((f"{code}:am", _("%(day)s, before noon") % {"day": when}))
        choices.append((f"{code}:pm", _("%(day)s, after noon") % {"day": when}))
    return choices


class ContributionForm(TextInputCleaningMixin, forms.Form):
    """What a contribution is about. Used when submitting and when editing (without `kind`)."""

    kind = forms.ChoiceField(label=_("What do you bring?"), choices=Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Short summary"),
        max_length=300,
        help_text=_("At most 300 characters. Shown in the programme."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=10000,
        help_text=_("What was done or is planned, the results, and the key factors others can learn from."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    themes = SafeModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one theme.")},
    )
    goals = SafeModelMultipleChoiceField(
        label=_("UN sustainable development goals (optional)"),
        queryset=Goal.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipality = MunicipalityField(
        label=_("Municipality"),
        help_text=_("Where the work takes place. Start typing and choose from the list."),
    )
    organisation_name = forms.CharField(label=_("Organisation (optional)"), max_length=200, required=False)
    organisation_number = OrganisationNumberField(label=_("Organisation number (optional)"))
    wished_format = forms.ChoiceField(
        label=_("Wished format"), choices=Format.choices, widget=forms.RadioSelect
    )
    wished_length = forms.TypedChoiceField(
        label=_("Wished length"), choices=Length.choices, coerce=int, widget=forms.RadioSelect
    )
    needs = forms.CharField(
        label=_("Needs (optional)"),
        max_length=1000,
        required=False,
        help_text=_("Equipment, space, power for a stand, and so on."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    availability = forms.MultipleChoiceField(
        label=_("When can you come? (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the half-days you can be there. Tick none if any time suits you."),
    )

    PROGRAMME_FIELDS = ("title", "summary", "availability")

    def __init__(
        self,
        *args: Any,
        editing: bool = False,
        programme_only: bool = False,
        edition: Edition | None = None,
        **kwargs: Any,
    ) -> None:
        """`programme_only`: an accepted contribution, of which only what the programme shows can
        still change (the co-contributors are a formset of their own). `edition` gives the half-days
        to choose availability from (without it, or without days, the field is left out)."""
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["kind"]
        choices = half_day_choices(edition) if edition is not None else []
        if choices:
            self.fields["availability"].choices = choices  # type: ignore[attr-defined]
        else:
            del self.fields["availability"]
        if programme_only:
            for name in list(self.fields):
                if name not in self.PROGRAMME_FIELDS:
                    del self.fields[name]


class ContactForm(TextInputCleaningMixin, forms.Form):
    """The person submitting, when they are not logged in."""

    contact_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_email = CheckedEmailField(
        label=_("Your e-mail"),
        help_text=_("The receipt goes here, and you log in to My page with it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    idempotency_key = IdempotencyKeyField()
    website = HoneypotField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())


class CoContributorForm(TextInputCleaningMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = CheckedEmailField(label=_("E-mail"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("name") and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Give the co-contributor's e-mail, so they can be told."))
        if cleaned.get("email") and not cleaned.get("name"):
            self.add_error("name", _("Give the co-contributor's name."))
        return cleaned


CoContributorFormSet = forms.formset_factory(
    CoContributorForm, extra=MAX_CO_CONTRIBUTORS, max_num=MAX_CO_CONTRIBUTORS
)
