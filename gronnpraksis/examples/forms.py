"""The forms of the example bank: sharing and editing an example (with formsets for places, key
figures, links and new attachments), the first step for someone not logged in, and moderation.
Forms parse and check; `services` writes."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.forms import (
    CheckedEmailField,
    HoneypotField,
    OrganisationNumberField,
    SafeModelMultipleChoiceField,
    TextInputCleaningMixin,
)
from gronnpraksis.editions.models import Goal, Theme
from gronnpraksis.organisations.models import Sector
from gronnpraksis.places.forms import MunicipalityField
from gronnpraksis.places.models import Municipality

from . import uploads
from .models import Accuracy, Attachment, Example, ExampleRevision, MeasureType, ModerationState, Stage
from .services import (
    DEFAULT_LICENCE,
    MAX_ATTACHMENTS,
    ExampleData,
    KeyFigureData,
    LinkData,
    NewAttachment,
)

LONG_TEXT = 10_000
MAX_PLACES = 20
MAX_FIGURES = 20
MAX_LINKS = 20
NEW_FILES = 3
LICENCES = [
    (
        DEFAULT_LICENCE,
        _("CC BY 4.0: others may share and adapt the text if they name the source (recommended)"),
    ),
    ("CC-BY-SA-4.0", _("CC BY-SA 4.0: as CC BY, and adapted texts must be shared on the same terms")),
    ("CC0-1.0", _("CC0 1.0: no rights reserved; anyone may use the text freely")),
]
UNIT_SUGGESTIONS = [
    "t CO2e per år",
    "t CO2e",
    "kWh per år",
    "kWh",
    "kroner",
    "kroner per år",
    "personer",
    "tonn",
]


def _text(label, help_text="", rows=4, required=False):  # type: ignore[no-untyped-def]
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _choices(label, choices, help_text=""):  # type: ignore[no-untyped-def]
    return forms.ChoiceField(
        label=label, help_text=help_text, required=False, choices=[("", _("Not given")), *choices]
    )


class ExampleForm(TextInputCleaningMixin, forms.Form):
    """The example's own fields. Places, key figures, links and files are formsets beside it."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("A short name others will recognise, for example “Matsvinn til matglede”."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        help_text=_(
            "At most 300 characters: what was done and what came of it. Shown in lists and searches."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
    )
    stage = _choices(_("Stage"), Stage.choices)
    start_year = forms.IntegerField(
        label=_("Started (year, optional)"), required=False, min_value=1950, max_value=2100
    )
    end_year = forms.IntegerField(
        label=_("Ended (year, optional)"),
        required=False,
        min_value=1950,
        max_value=2100,
        help_text=_("Leave empty if it is still going on."),
    )
    measure_type = forms.ChoiceField(
        label=_("Kind of measure (optional)"),
        required=False,
        choices=[*MeasureType.choices, ("", _("Not sure"))],
        widget=forms.RadioSelect,
        help_text=_(
            "Efficiency: doing the same with less. Development: making something new. "
            "Transition: changing how things are done."
        ),
    )
    starting_point = _text(_("Starting point (optional)"), _("The problem or opportunity you started from."))
    what_was_done = _text(_("What was done"), _("Who did what, and how."), rows=8, required=True)
    success_factors = _text(_("What made it work (optional)"))
    barriers = _text(_("Barriers, and what did not work (optional)"), _("Others learn as much from this."))
    transferability = _text(
        _("How others can do the same (optional)"), _("What another municipality would need to copy it.")
    )
    cost = _text(
        _("Cost and funding (optional)"), _("What it cost, and who paid: budgets, grants, partners.")
    )
    owner_name = forms.CharField(
        label=_("Organisation that owns the example"),
        max_length=200,
        help_text=_("The municipality, company or organisation behind it."),
    )
    owner_number = OrganisationNumberField(label=_("Organisation number (optional)"))
    actor_type = _choices(_("Type of actor (optional)"), Sector.choices)
    partners = _text(_("Partners (optional)"), _("Who else took part, one per line."), rows=3)
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
    contact_name = forms.CharField(label=_("Contact person (optional)"), max_length=200, required=False)
    contact_email = CheckedEmailField(
        label=_("Contact person's e-mail (optional)"),
        required=False,
        help_text=_("Never shown on the page; people who want to learn more are put in touch by the site."),
    )
    contact_is_public = forms.BooleanField(
        label=_("The contact person agrees to be named on the example's page"), required=False
    )
    licence = forms.ChoiceField(
        label=_("Licence for the text"),
        choices=LICENCES,
        initial=DEFAULT_LICENCE,
        widget=forms.RadioSelect,
        help_text=_(
            "The bank exists so that others can copy what works. The licence says how others may reuse "
            "your text; images and documents keep their own rights."
        ),
    )
    website = HoneypotField()

    def __init__(self, *args, similar: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if similar:  # sharing: show similar examples while the title is typed (htmx)
            self.fields["title"].widget.attrs.update(
                {
                    "hx-get": reverse_lazy("examples:similar"),
                    "hx-trigger": "keyup changed delay:400ms",
                    "hx-target": "#similar",
                    "hx-swap": "innerHTML",
                    "autocomplete": "off",
                }
            )

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year is before the start year."))
        if cleaned.get("contact_is_public") and not cleaned.get("contact_name"):
            self.add_error("contact_name", _("Give the contact person's name, or do not tick the box below."))
        return cleaned


class PlaceForm(forms.Form):
    municipality = MunicipalityField(label=_("Municipality"), required=False)

    def __init__(self, *args, number: int = 1, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["municipality"].label = _("Municipality %(number)s") % {"number": number}


class BasePlaceFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):  # type: ignore[no-untyped-def]
        return {**super().get_form_kwargs(index), "number": (index or 0) + 1}

    def clean(self):  # type: ignore[no-untyped-def]
        if any(self.errors):
            return
        places = [f.cleaned_data["municipality"] for f in self.forms if f.cleaned_data.get("municipality")]
        if not places:
            raise ValidationError(_("Give at least one municipality where it took place."), code="required")

    @property
    def municipalities(self) -> list:
        """The chosen municipalities in order, each once."""
        chosen = [f.cleaned_data["municipality"] for f in self.forms if f.cleaned_data.get("municipality")]
        return list({m.pk: m for m in chosen}.values())


PlaceFormSet = forms.formset_factory(
    PlaceForm, formset=BasePlaceFormSet, extra=3, max_num=MAX_PLACES, validate_max=True
)


class DecimalInputField(forms.DecimalField):
    """A number as Norwegians type it: "1 234,5" and "1234.5" are the same."""

    def to_python(self, value):  # type: ignore[no-untyped-def]
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f]", "", value)
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(_("Write a number, like 60 or 1 234,5."), code="invalid") from None


class KeyFigureForm(TextInputCleaningMixin, forms.Form):
    label = forms.CharField(label=_("What was measured"), max_length=200, required=False)
    value = DecimalInputField(
        label=_("Value"),
        required=False,
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=50,
        required=False,
        help_text=_("For example “t CO2e per year”, “kWh”, “kroner”, “people”."),
        widget=forms.TextInput(attrs={"list": "unit-list"}),
    )
    accuracy = forms.ChoiceField(
        label=_("Measured or estimated"), choices=Accuracy.choices, required=False, widget=forms.RadioSelect
    )
    year = forms.IntegerField(label=_("Year (optional)"), required=False, min_value=1950, max_value=2100)

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        if self.is_empty(cleaned):
            return cleaned
        required = {
            "label": _("Say what the number is."),
            "value": _("Give the number."),
            "unit": _("Give the unit."),
            "accuracy": _("Say whether it was measured or estimated."),
        }
        for name, message in required.items():
            if cleaned.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, message)
        return cleaned

    @staticmethod
    def is_empty(cleaned: dict) -> bool:
        return all(cleaned.get(name) in (None, "") for name in ("label", "value", "unit", "year"))


class LinkForm(TextInputCleaningMixin, forms.Form):
    url = forms.URLField(
        label=_("Web address"),
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Write a full web address, like https://www.kommune.no/klima.")},
    )
    title = forms.CharField(label=_("Link text"), max_length=200, required=False)

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        # A mistyped address is still an address: ask for the link text now, not after the
        # address is corrected, so every error shows at once.
        typed_url = str(self.data.get(self.add_prefix("url"), "")).strip()
        if (cleaned.get("url") or typed_url) and not cleaned.get("title") and "title" not in self.errors:
            self.add_error("title", _("Say what the link leads to."))
        if cleaned.get("title") and not cleaned.get("url") and "url" not in self.errors:
            self.add_error("url", _("Give the web address."))
        return cleaned


class AttachmentForm(TextInputCleaningMixin, forms.Form):
    """A new image or document. Checked for type and size here; stored only by the service."""

    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("Images: PNG, JPEG or WebP, at most 5 MB. Documents: PDF, ODT or DOCX, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT}),
    )
    title = forms.CharField(
        label=_("Title or description"),
        max_length=200,
        required=False,
        help_text=_("For an image: what it shows, for those who cannot see it."),
    )

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            try:
                cleaned["checked"] = uploads.check_upload(upload)
            except ValidationError as error:
                self.add_error("file", error)
            if not cleaned.get("title"):
                self.add_error("title", _("Give the file a title; for an image, say what it shows."))
        elif cleaned.get("title"):
            self.add_error("file", _("Choose the file, or leave the title empty."))
        return cleaned


AttachmentFormSet = forms.formset_factory(
    AttachmentForm, extra=NEW_FILES, max_num=NEW_FILES, validate_max=True
)


def figure_formset(data=None, initial=None):  # type: ignore[no-untyped-def]
    extra = 1 if initial else 2
    cls = forms.formset_factory(
        KeyFigureForm, extra=extra, max_num=MAX_FIGURES, validate_max=True, can_delete=bool(initial)
    )
    return cls(data, initial=initial, prefix="figures")


def link_formset(data=None, initial=None):  # type: ignore[no-untyped-def]
    cls = forms.formset_factory(
        LinkForm, extra=1 if initial else 2, max_num=MAX_LINKS, validate_max=True, can_delete=bool(initial)
    )
    return cls(data, initial=initial, prefix="links")


def place_formset(data=None, initial=None):  # type: ignore[no-untyped-def]
    formset = PlaceFormSet(data, initial=initial, prefix="places")
    if initial:
        formset.extra = 2
    return formset


class ExampleForms:
    """The share or edit form with its formsets, validated and turned into the service's data together."""

    def __init__(
        self,
        data=None,
        files=None,
        *,
        example: Example | None = None,
        initial=None,
        similar=False,
        revision: ExampleRevision | None = None,
    ):  # type: ignore[no-untyped-def]
        self.example = example
        self._valid: bool | None = None
        if revision is not None:  # the owner's change that waits for a moderator
            initial = initial_from_snapshot(revision.data)
        initial = initial or (initial_from(example) if example else {})
        self.main = ExampleForm(data, initial=initial, similar=similar)
        self.places = place_formset(data, initial.get("places"))
        self.figures = figure_formset(data, initial.get("figures"))
        self.links = link_formset(data, initial.get("links"))
        self.files = AttachmentFormSet(data, files, prefix="files")
        self.attachments = list(example.attachments.all()) if example else []
        if revision is not None:
            self.attachments = list(
                Attachment.all_objects.filter(
                    example_id=revision.example_id,
                    pk__in=[a["id"] for a in revision.data.get("attachments", [])],
                )
            )
        self.remove = forms.Form(data)
        self.remove.fields["remove_attachments"] = forms.TypedMultipleChoiceField(
            label=_("Remove images or documents"),
            required=False,
            coerce=int,
            choices=[(a.pk, a.title) for a in self.attachments],
            widget=forms.CheckboxSelectMultiple,
        )

    @property
    def all(self) -> list:
        return [self.main, self.places, self.figures, self.links, self.files]

    def is_valid(self) -> bool:
        if self._valid is None:
            results = [part.is_valid() for part in [*self.all, self.remove]]  # every part shows its errors
            self._valid = all(results)
            kept = len(self.attachments) - len(self.remove.cleaned_data.get("remove_attachments", []))
            if self._valid and kept + len(self.new_attachments()) > MAX_ATTACHMENTS:
                self.main.add_error(
                    None,
                    _("An example can have at most %(limit)s images and documents. Remove some first.")
                    % {"limit": MAX_ATTACHMENTS},
                )
                self._valid = False
        return self._valid

    @property
    def files_dropped(self) -> bool:
        """Files were chosen but something must be corrected: the browser will not send them again."""
        return self.main.is_bound and bool(self.files.files) and not self.is_valid()

    def data(self) -> ExampleData:
        c = self.main.cleaned_data
        return ExampleData(
            title=c["title"],
            summary=c["summary"],
            municipalities=self.places.municipalities,
            themes=list(c["themes"]),
            goals=list(c["goals"]),
            starting_point=c["starting_point"],
            what_was_done=c["what_was_done"],
            stage=c["stage"],
            start_year=c["start_year"],
            end_year=c["end_year"],
            measure_type=c["measure_type"],
            owner_name=c["owner_name"],
            owner_number=c["owner_number"],
            actor_type=c["actor_type"],
            partners=c["partners"],
            cost=c["cost"],
            success_factors=c["success_factors"],
            barriers=c["barriers"],
            transferability=c["transferability"],
            key_figures=[
                KeyFigureData(
                    label=f.cleaned_data["label"],
                    value=f.cleaned_data["value"],
                    unit=f.cleaned_data["unit"],
                    accuracy=f.cleaned_data["accuracy"],
                    year=f.cleaned_data["year"],
                )
                for f in self.figures
                if not KeyFigureForm.is_empty(f.cleaned_data) and not f.cleaned_data.get("DELETE")
            ],
            links=[
                LinkData(url=f.cleaned_data["url"], title=f.cleaned_data["title"])
                for f in self.links
                if f.cleaned_data.get("url") and not f.cleaned_data.get("DELETE")
            ],
            contact_name=c["contact_name"],
            contact_email=c["contact_email"],
            contact_is_public=c["contact_is_public"],
            licence=c["licence"],
        )

    def new_attachments(self) -> list[NewAttachment]:
        return [
            NewAttachment(
                file=f.cleaned_data["file"], checked=f.cleaned_data["checked"], title=f.cleaned_data["title"]
            )
            for f in self.files
            if f.cleaned_data.get("checked")
        ]

    def removed_attachments(self) -> list[int]:
        return list(self.remove.cleaned_data["remove_attachments"])


def initial_from(example: Example) -> dict:
    """The edit form's starting values: the example as it is."""
    organisation = example.owner_organisation
    initial = {name: getattr(example, name) for name in ExampleForm.base_fields if hasattr(example, name)}
    initial.update(
        owner_number=organisation.number if organisation else "",
        themes=list(example.themes.all()),
        goals=list(example.goals.all()),
        places=[{"municipality": m} for m in example.municipalities.all()],
        figures=[
            {"label": f.label, "value": f.value, "unit": f.unit, "accuracy": f.accuracy, "year": f.year}
            for f in example.key_figures.all()
        ],
        links=[{"url": link.url, "title": link.title} for link in example.links.all()],
    )
    return initial


def initial_from_snapshot(data: dict) -> dict:
    """The edit form's starting values from a snapshot (an owner's change waiting for a moderator)."""
    initial = {name: data[name] for name in ExampleForm.base_fields if name in data}
    by_number = Municipality.objects.in_bulk(data.get("municipalities", []), field_name="number")
    initial.update(
        themes=list(Theme.objects.filter(slug__in=data.get("themes", []))),
        goals=list(Goal.objects.filter(number__in=data.get("goals", []))),
        places=[{"municipality": by_number[n]} for n in data.get("municipalities", []) if n in by_number],
        figures=[{**f, "value": Decimal(f["value"])} for f in data.get("key_figures", [])],
        links=[{"url": link["url"], "title": link["title"]} for link in data.get("links", [])],
    )
    return initial


class StartForm(TextInputCleaningMixin, forms.Form):
    """The first step for someone who is not logged in: who they are, to send a one-time code."""

    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = CheckedEmailField(
        label=_("Your e-mail"),
        help_text=_("We send a one-time code here. You log in with it; there is no password."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = HoneypotField()


class ModerationForm(TextInputCleaningMixin, forms.Form):
    """A moderator's decision on an example. The choices depend on its state."""

    action = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment to the owner"),
        max_length=5000,
        required=False,
        help_text=_("Sent by e-mail to the owners. Required when you send the example back."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    ACTIONS = {
        "publish": _("Publish"),
        "return": _("Send back to the owner with a comment"),
        "reject": _("Reject (never shown to the public)"),
    }

    def __init__(self, *args, state: str, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        action = self.fields["action"]
        assert isinstance(action, forms.ChoiceField)
        action.choices = [(key, label) for key, label in self.ACTIONS.items() if allowed(key, state)]

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        if cleaned.get("action") == "return" and not cleaned.get("comment"):
            self.add_error("comment", _("Tell the owner what to change."))
        return cleaned


def allowed(action: str, state: str) -> bool:
    """Which decisions a moderator can make on an example in a state (the services enforce the same)."""
    if action == "publish":
        return state != ModerationState.PUBLISHED
    if action == "return":
        return state in (ModerationState.DRAFT, ModerationState.PENDING, ModerationState.PUBLISHED)
    return state != ModerationState.REJECTED


class ChangeDecisionForm(TextInputCleaningMixin, forms.Form):
    """A moderator's decision on an owner's change to a published example."""

    action = forms.ChoiceField(
        label=_("Decision on the changes"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", _("Approve: the bank shows the changes")),
            ("reject", _("Reject: the example stays as it is; tell the owner why")),
        ],
    )
    comment = forms.CharField(
        label=_("Comment to the owner"),
        max_length=5000,
        required=False,
        help_text=_("Sent by e-mail to the owners. Required when you reject the changes."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        if cleaned.get("action") == "reject" and not cleaned.get("comment"):
            self.add_error("comment", _("Tell the owner why the changes are not published."))
        return cleaned
