"""The group mail form: who (the segment), what kind of mail, and the text. Forms never write."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gronnpraksis.contributions.models import Kind
from gronnpraksis.editions.models import Edition
from gronnpraksis.organisations.models import Sector
from gronnpraksis.places.models import County
from gronnpraksis.registrations.models import Role, Status

from . import services
from .models import MailKind
from .segments import LIST_KEYS

CHECKED_IN = [("", _("Everyone")), ("yes", _("Checked in")), ("no", _("Not checked in"))]


def _multi(label: Any, choices: list[tuple[Any, Any]], help_text: Any = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple, help_text=help_text
    )


class GroupMailForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is the mail about?"), choices=MailKind.choices, widget=forms.RadioSelect
    )
    status = _multi(_("Status"), Status.choices, _("None ticked: confirmed and waiting."))
    tickets = _multi(_("Ticket"), [])
    days = _multi(_("Registered for the day"), [])
    roles = _multi(_("Role"), Role.choices)
    sectors = _multi(_("Sector"), Sector.choices)
    counties = _multi(_("County"), [])
    contributor_kinds = _multi(_("Contributors of the kind"), Kind.choices)
    checked_in = forms.ChoiceField(
        label=_("Checked in"), choices=CHECKED_IN, required=False, widget=forms.RadioSelect
    )
    speaker_days = _multi(_("Speakers on the day"), [])
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        days = [(str(d.pk), d.label or str(d.date)) for d in edition.days.order_by("date")]
        choices = {
            "tickets": [(str(t.pk), t.name) for t in edition.ticket_types.all()],
            "days": days,
            "speaker_days": days,
            "counties": list(
                County.objects.filter(valid_to__isnull=True).values_list("number", "short_name")
            ),
        }
        for name, options in choices.items():
            cast(forms.MultipleChoiceField, self.fields[name]).choices = options
        for name in (
            "status",
            "tickets",
            "days",
            "roles",
            "sectors",
            "counties",
            "contributor_kinds",
            "speaker_days",
        ):
            self.fields[name].help_text = self.fields[name].help_text or _("None ticked: everyone.")

    def _clean_placeholders(self, name: str) -> str:
        value: str = self.cleaned_data[name]
        unknown = services.unknown_placeholders(value)
        if unknown:
            raise forms.ValidationError(
                _("Unknown fields: %(unknown)s. You can use %(known)s.")
                % {
                    "unknown": ", ".join("{" + n + "}" for n in unknown),
                    "known": ", ".join("{" + n + "}" for n in services.PLACEHOLDERS),
                }
            )
        return value

    def clean_subject(self) -> str:
        return self._clean_placeholders("subject")

    def clean_body(self) -> str:
        return self._clean_placeholders("body")

    def definition(self) -> dict[str, Any]:
        """The segment as stored with the mail: lists of codes (ids as numbers), and checked_in."""
        data = self.cleaned_data
        numeric = {"tickets", "days", "speaker_days"}
        result: dict[str, Any] = {
            key: [int(v) for v in data[key]] if key in numeric else list(data[key]) for key in LIST_KEYS
        }
        result["checked_in"] = data.get("checked_in") or ""
        return result


class TemplateNameForm(forms.Form):
    save_as = forms.CharField(label=_("Name of the template"), max_length=100)
