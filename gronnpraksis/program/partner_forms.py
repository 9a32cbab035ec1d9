"""Forms for partner programmes and their hand-entered events. Forms parse; `partners.py` writes."""

import datetime
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.forms import TextInputCleaningMixin
from gronnpraksis.editions.models import Edition

from .models import PartnerProgramme, ProgramItem


class HttpUrlField(forms.URLField):
    """A web address with http or https (no ftp, javascript: or other schemes)."""

    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {"invalid": _("Enter a web address that starts with http:// or https://.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=200, required=False, assume_scheme="https", **kwargs)


class FeedUrlField(HttpUrlField):
    """A feed address; a `webcal://` address (what calendar sites often offer) becomes https."""

    def to_python(self, value: Any) -> str | None:
        text = (value or "").strip()
        if text.lower().startswith("webcal://"):
            text = "https://" + text[len("webcal://") :]
        return super().to_python(text)


class PartnerProgrammeForm(TextInputCleaningMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("For example “Miljøuka”."))
    organiser = forms.CharField(label=_("Organised by"), max_length=200, required=False)
    website = HttpUrlField(label=_("Website"))
    feed_url = FeedUrlField(
        label=_("Calendar feed"),
        help_text=_(
            "The address of an iCalendar (.ics or webcal) feed; it is fetched every hour. "
            "Leave it empty to enter the events by hand."
        ),
    )

    def __init__(
        self, *args: Any, edition: Edition, programme: PartnerProgramme | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.programme = programme

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        others = PartnerProgramme.objects.filter(edition=self.edition, name__iexact=name)
        if self.programme is not None:
            others = others.exclude(pk=self.programme.pk)
        if others.exists():
            raise forms.ValidationError(_("The edition already has a partner programme with this name."))
        return name

    @classmethod
    def initial_for(cls, programme: PartnerProgramme) -> dict:
        return {
            "name": programme.name,
            "organiser": programme.organiser,
            "website": programme.website,
            "feed_url": programme.feed_url,
        }


class PartnerEventForm(TextInputCleaningMixin, forms.Form):
    """A hand-entered partner event: a day and two times in the edition's time zone, where, and what."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    starts = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_day = forms.DateField(
        label=_("End day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Only when the event ends on another day than it starts."),
    )
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    url = HttpUrlField(label=_("Web page"))
    is_cancelled = forms.BooleanField(label=_("Cancelled"), required=False)

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            start = datetime.datetime.combine(day, starts, tzinfo=self.edition.tz)
            end = datetime.datetime.combine(cleaned.get("end_day") or day, ends, tzinfo=self.edition.tz)
            if end <= start:
                self.add_error(
                    "ends",
                    _("The end must be after the start. If the event ends the next day, give the end day."),
                )
            else:
                cleaned["starts_at"], cleaned["ends_at"] = start, end
        return cleaned

    def event_fields(self) -> dict:
        """The cleaned values as `ProgramItem` fields."""
        data = self.cleaned_data
        names = ("title", "description", "starts_at", "ends_at", "location", "url", "is_cancelled")
        return {name: data[name] for name in names}

    @classmethod
    def initial_for(cls, event: ProgramItem, edition: Edition) -> dict:
        start = timezone.localtime(event.starts_at, edition.tz)
        end = timezone.localtime(event.ends_at, edition.tz)
        return {
            "title": event.title,
            "description": event.description,
            "day": start.date(),
            "starts": start.time(),
            "ends": end.time(),
            "end_day": end.date() if end.date() != start.date() else None,
            "location": event.location,
            "url": event.url,
            "is_cancelled": event.is_cancelled,
        }
