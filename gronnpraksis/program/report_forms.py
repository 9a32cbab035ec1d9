"""The session report's form: the summary, links, outcomes and files. Checks only; the service writes."""

import re
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.forms import TextInputCleaningMixin
from gronnpraksis.examples.forms import AttachmentForm
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.examples.services import NewAttachment
from gronnpraksis.ideas.models import Idea, IdeaVisibility
from gronnpraksis.places.forms import MunicipalityField

from .models import OutcomeKind, SessionReport
from .reports import MAX_LINKS, MAX_OUTCOMES, LinkData, OutcomeData

NEW_FILES = 3
BLANK_LINKS = 2
BLANK_OUTCOMES = 2
HTTP_ONLY = _(
    "Write a full web address that starts with https:// or http://, like https://gronnpraksis.no/opptak/."
)


class SummaryForm(TextInputCleaningMixin, forms.Form):
    summary = forms.CharField(
        label=_("What was said and decided"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("A short summary for those who were not there: the main points, and what was agreed."),
        error_messages={"required": _("Write a short summary of what was said and decided.")},
    )


class ReportLinkForm(TextInputCleaningMixin, forms.Form):
    url = forms.URLField(
        label=_("Web address"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"], message=HTTP_ONLY)],
        error_messages={"invalid": HTTP_ONLY},
    )
    title = forms.CharField(
        label=_("Link text"),
        max_length=200,
        required=False,
        help_text=_("For example “Opptak av økta”."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        typed_url = str(self.data.get(self.add_prefix("url"), "")).strip()
        if (cleaned.get("url") or typed_url) and not cleaned.get("title") and "title" not in self.errors:
            self.add_error("title", _("Say what the link leads to."))
        if cleaned.get("title") and not cleaned.get("url") and "url" not in self.errors:
            self.add_error("url", _("Give the web address."))
        return cleaned


def _number_in(text: str, prefix: str) -> int | None:
    """The number of an example or idea from its address on this site (…/eksempler/12-tittel/) or the
    number itself."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    match = re.search(rf"/{prefix}/(\d+)(?:-[^/]*)?/?(?:[?#].*)?$", text)
    return int(match.group(1)) if match else None


class OutcomeForm(TextInputCleaningMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of outcome"), choices=[("", "---------"), *OutcomeKind.choices], required=False
    )
    text = forms.CharField(label=_("What happened"), max_length=500, required=False)
    example = forms.CharField(
        label=_("Practice example (optional)"),
        max_length=300,
        required=False,
        help_text=_("The example's address in the example bank, or its number."),
    )
    idea = forms.CharField(
        label=_("Idea (optional)"),
        max_length=300,
        required=False,
        help_text=_("The idea's address, or its number."),
    )
    municipality = MunicipalityField(label=_("Municipality (optional)"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        filled = any(cleaned.get(name) for name in ("kind", "text", "example", "idea", "municipality"))
        if not filled:
            return cleaned
        if not cleaned.get("kind") and "kind" not in self.errors:
            self.add_error("kind", _("Choose the kind of outcome."))
        if not cleaned.get("text") and "text" not in self.errors:
            self.add_error("text", _("Say in a sentence what happened."))
        cleaned["example_obj"] = self._find(
            cleaned.get("example", ""),
            "example",
            "eksempler",
            Example.objects.filter(state=ModerationState.PUBLISHED),
            _("We found no published practice example “%(value)s”. Paste its address from the example bank."),
        )
        cleaned["idea_obj"] = self._find(
            cleaned.get("idea", ""),
            "idea",
            "ideer",
            Idea.objects.filter(visibility=IdeaVisibility.PUBLISHED),
            _("We found no published idea “%(value)s”. Paste its address from the idea page."),
        )
        return cleaned

    def _find(self, text: str, name: str, prefix: str, queryset: Any, message: Any) -> Any:
        if not text:
            return None
        number = _number_in(text, prefix)
        found = queryset.filter(pk=number).first() if number is not None else None
        if found is None:
            self.add_error(name, str(message) % {"value": text[:80]})
        return found


LinkFormSet = forms.formset_factory(ReportLinkForm, extra=0, max_num=MAX_LINKS, validate_max=True)
OutcomeFormSet = forms.formset_factory(OutcomeForm, extra=0, max_num=MAX_OUTCOMES, validate_max=True)
FileFormSet = forms.formset_factory(AttachmentForm, extra=NEW_FILES, max_num=NEW_FILES, validate_max=True)


class ReportParts:
    """Every part of the report form, bound together; `is_valid()` checks them all so every error shows
    at once, and what was typed stays (files must be chosen again: browsers cannot keep them)."""

    def __init__(
        self,
        report: SessionReport | None,
        data: QueryDict | None = None,
        files: MultiValueDict[str, UploadedFile] | None = None,
    ) -> None:
        self.report = report
        self.existing_files = list(report.files.all()) if report else []
        links = [{"url": link.url, "title": link.title} for link in report.links.all()] if report else []
        outcomes = (
            [
                {
                    "kind": o.kind,
                    "text": o.text,
                    "example": str(o.example_id or ""),
                    "idea": str(o.idea_id or ""),
                    "municipality": o.municipality,
                }
                for o in report.outcomes.select_related("municipality")
            ]
            if report
            else []
        )
        self.main = SummaryForm(data, initial={"summary": report.summary} if report else None)
        self.links = LinkFormSet(data, prefix="links", initial=links)
        self.outcomes = OutcomeFormSet(data, prefix="outcomes", initial=outcomes)
        if data is None:  # room for more: blank rows after the saved ones
            self.links.extra = min(BLANK_LINKS, MAX_LINKS - len(links))
            self.outcomes.extra = min(BLANK_OUTCOMES, MAX_OUTCOMES - len(outcomes))
        self.files = FileFormSet(data, files, prefix="files")
        self.remove = forms.Form(data)
        self.remove.fields["remove_files"] = forms.TypedMultipleChoiceField(
            label=_("Remove these files"),
            required=False,
            coerce=int,
            choices=[(f.pk, f.title) for f in self.existing_files],
            widget=forms.CheckboxSelectMultiple,
        )
        self.files_dropped = False

    def is_valid(self) -> bool:
        valid = all(
            [
                self.main.is_valid(),
                self.links.is_valid(),
                self.outcomes.is_valid(),
                self.files.is_valid(),
                self.remove.is_valid(),
            ]
        )
        self.files_dropped = not valid and any(f.cleaned_data.get("file") for f in self.files if f.is_bound)
        return valid

    def all(self) -> list[forms.BaseForm | forms.BaseFormSet]:
        return [self.main, self.links, self.outcomes, self.files, self.remove]

    def summary(self) -> str:
        return self.main.cleaned_data["summary"]

    def link_data(self) -> list[LinkData]:
        return [
            LinkData(title=f.cleaned_data["title"], url=f.cleaned_data["url"])
            for f in self.links
            if f.cleaned_data.get("url")
        ]

    def outcome_data(self) -> list[OutcomeData]:
        return [
            OutcomeData(
                kind=f.cleaned_data["kind"],
                text=f.cleaned_data["text"],
                example=f.cleaned_data.get("example_obj"),
                idea=f.cleaned_data.get("idea_obj"),
                municipality=f.cleaned_data.get("municipality"),
            )
            for f in self.outcomes
            if f.cleaned_data.get("kind")
        ]

    def new_files(self) -> list[NewAttachment]:
        return [
            NewAttachment(
                file=f.cleaned_data["file"], title=f.cleaned_data["title"], checked=f.cleaned_data["checked"]
            )
            for f in self.files
            if f.cleaned_data.get("file")
        ]

    def removed_files(self) -> list[int]:
        return list(self.remove.cleaned_data.get("remove_files", []))
