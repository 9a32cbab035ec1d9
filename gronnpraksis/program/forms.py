import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.core.dates import format_when
from gronnpraksis.core.forms import SafeModelChoiceField, TextInputCleaningMixin
from gronnpraksis.core.text import slugify
from gronnpraksis.editions.models import Edition

from .models import ItemKind, ProgramItem, Room, Track
from .moves import Place


class StarForm(forms.Form):
    """Star or unstar one item; `next` is the page to return to (checked before redirecting)."""

    action = forms.ChoiceField(choices=[("star", "star"), ("unstar", "unstar")])
    next = forms.CharField(required=False, max_length=2000)


class ItemForm(TextInputCleaningMixin, forms.Form):
    """A programme item in the working copy: what, when (a day of the edition and two times), where."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[c for c in ItemKind.choices if c[0] != ItemKind.PARTNER]
    )
    contribution = SafeModelChoiceField(
        label=_("Contribution"),
        queryset=Contribution.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("Accepted contributions. The title and speakers come from it."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    day = forms.TypedChoiceField(label=_("Day"), coerce=datetime.date.fromisoformat)
    starts = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    room = SafeModelChoiceField(
        label=_("Room"), queryset=Room.objects.none(), required=False, empty_label=_("No room")
    )
    track = SafeModelChoiceField(
        label=_("Track"), queryset=Track.objects.none(), required=False, empty_label=_("No track")
    )
    speakers = forms.CharField(
        label=_("Other speakers"),
        max_length=300,
        required=False,
        help_text=_("Names separated by commas, for people who are not contributors."),
    )
    is_cancelled = forms.BooleanField(label=_("Cancelled"), required=False)
    pinned = forms.BooleanField(
        label=_("Pinned"),
        required=False,
        help_text=_("“Propose a programme” never moves a pinned item."),
    )

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["contribution"].queryset = Contribution.objects.filter(  # type: ignore[attr-defined]
            edition=edition, state__in=[State.ACCEPTED, State.CONFIRMED]
        ).order_by("title")
        self.fields["room"].queryset = Room.objects.filter(edition=edition)  # type: ignore[attr-defined]
        self.fields["track"].queryset = Track.objects.filter(edition=edition, is_partner=False)  # type: ignore[attr-defined]
        dates = [day.date for day in edition.days.all()] or [edition.starts_on]
        self.fields["day"].choices = [  # type: ignore[attr-defined]
            (date.isoformat(), format_when(date, "weekday")) for date in dates
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The end must be after the start (on the same day)."))
        contribution = cleaned.get("contribution")
        if not cleaned.get("title"):
            if contribution is None:
                self.add_error("title", _("Give the item a title, or choose a contribution."))
            else:
                cleaned["title"] = contribution.title
        if cleaned.get("kind") == ItemKind.CONTRIBUTION and contribution is None and not self.errors:
            self.add_error("contribution", _("Choose the contribution, or another kind of item."))
        return cleaned

    def item_fields(self) -> dict:
        """The cleaned values as `ProgramItem` fields, with the times in the edition's time zone."""
        data = self.cleaned_data
        tz = self.edition.tz
        return {
            "kind": data["kind"],
            "contribution": data["contribution"],
            "title": data["title"],
            "description": data["description"],
            "starts_at": datetime.datetime.combine(data["day"], data["starts"], tzinfo=tz),
            "ends_at": datetime.datetime.combine(data["day"], data["ends"], tzinfo=tz),
            "room": data["room"],
            "track": data["track"],
            "speakers": data["speakers"],
            "is_cancelled": data["is_cancelled"],
            "pinned": data["pinned"],
        }

    @classmethod
    def initial_for(cls, item: ProgramItem, edition: Edition) -> dict:
        start = timezone.localtime(item.starts_at, edition.tz)
        end = timezone.localtime(item.ends_at, edition.tz)
        return {
            "kind": item.kind,
            "contribution": item.contribution_id,
            "title": item.title,
            "description": item.description,
            "day": start.date().isoformat(),
            "starts": start.time(),
            "ends": end.time(),
            "room": item.room_id,
            "track": item.track_id,
            "speakers": item.speakers,
            "is_cancelled": item.is_cancelled,
            "pinned": item.pinned,
        }


class MoveForm(TextInputCleaningMixin, forms.Form):
    """Where to move an item, or place an unplaced contribution: a day, a room and a start time.

    The form only reads; whether the place is free and within the day is `services.move_item`'s
    to say (it refuses with a message the view puts on the form).
    """

    day = forms.TypedChoiceField(
        label=_("Day"),
        coerce=datetime.date.fromisoformat,
        error_messages={"invalid_choice": _("Choose one of the edition's days.")},
    )
    room = SafeModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.none(),
        required=False,
        empty_label=_("No room"),
        error_messages={"invalid_choice": _("Choose one of this edition's rooms.")},
    )
    starts = forms.TimeField(
        label=_("Starts"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Give the start time, for example 10:30."),
            "invalid": _("Write the start time as hours and minutes, for example 10:30."),
        },
    )

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(edition=edition)  # type: ignore[attr-defined]
        dates = [day.date for day in edition.days.all()] or [edition.starts_on]
        self.fields["day"].choices = [  # type: ignore[attr-defined]
            (date.isoformat(), format_when(date, "weekday")) for date in dates
        ]

    def place(self) -> Place:
        data = self.cleaned_data
        return Place(day=data["day"], starts=data["starts"], room=data["room"])


class RoomForm(TextInputCleaningMixin, forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "capacity", "features", "position"]

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        if Room.objects.filter(edition=self.edition, name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The edition already has a room with this name."))
        return name


class TrackForm(TextInputCleaningMixin, forms.ModelForm):
    class Meta:
        model = Track
        fields = ["name", "slug", "description", "position"]

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Used in addresses. Left empty, it is made from the name.")

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"] or slugify(self.cleaned_data.get("name") or "", max_length=50)
        if not slug:
            raise forms.ValidationError(_("Give a short name of letters, digits and dashes."))
        if Track.objects.filter(edition=self.edition, slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The edition already has a track with this short name."))
        return slug


class PublishForm(TextInputCleaningMixin, forms.Form):
    note = forms.CharField(
        label=_("Note for “What's new”"),
        max_length=300,
        required=False,
        help_text=_("Optional, for example “Day 2's deep-dive tracks are in place”."),
    )


class ProposalForm(forms.Form):
    """Ask for a proposed programme: a seed (the same seed on the same working copy gives the same plan)
    and a time budget."""

    seed = forms.IntegerField(
        label=_("Seed"),
        min_value=0,
        max_value=2_000_000_000,
        initial=0,
        help_text=_(
            "The same seed on the same working copy gives the same proposal. Try another for another."
        ),
    )
    seconds = forms.IntegerField(
        label=_("Time budget in seconds"),
        min_value=1,
        max_value=300,
        initial=10,
        help_text=_("From 1 to 300. A longer search may find a better programme."),
    )
