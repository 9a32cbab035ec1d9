"""The municipality field the forms of every app share: a list to choose from, any form of the name."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.forms import clean_text

from .models import Municipality


class MunicipalityField(forms.CharField):
    """A text field with a list of all municipalities (the browser filters it as you type).

    Accepts the number ("4204"), the official name, any of its language forms ("Kautokeino",
    "Guovdageaidnu"), or the "Name (number)" text the list offers.
    """

    widget = forms.TextInput(attrs={"list": "municipality-list", "autocomplete": "off"})
    default_error_messages = {
        "unknown": _(
            "We found no municipality called “%(value)s”. Choose one from the list, or type its number."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Municipality):
            return value.label
        if isinstance(value, int):
            municipality = Municipality.objects.filter(pk=value).first()
            return municipality.label if municipality else ""
        return value

    def clean(self, value: Any) -> Municipality | None:
        text = super().clean(clean_text(value or ""))
        if not text:
            return None
        municipality = find_municipality(text)
        if municipality is None:
            raise ValidationError(self.error_messages["unknown"], code="unknown", params={"value": text[:60]})
        return municipality


def find_municipality(text: str) -> Municipality | None:
    """The current municipality a person typed: its number, official name or a language form of it."""
    current = Municipality.objects.current()
    match = re.fullmatch(r".*?\(?\b(\d{4})\)?\s*", text)
    if match:
        return current.filter(number=match.group(1)).first()
    needle = text.casefold().removesuffix(" kommune").strip()
    # One indexed query for the usual case; the loop below only runs for what SQL's
    # ASCII-only case folding misses (Sami letters typed in another case).
    candidates = current.filter(
        Q(name__iexact=needle)
        | Q(name_norwegian__iexact=needle)
        | Q(name__istartswith=f"{needle} - ")
        | Q(name__iendswith=f" - {needle}")
        | Q(name__icontains=f" - {needle} - ")
    )[:2]
    if len(candidates) > 1:
        raise ValidationError(
            _(
                "Several municipalities are called “%(value)s”. Choose the right one from the list, or type its number."
            ),
            code="ambiguous",
            params={"value": text[:60]},
        )
    if candidates:
        return candidates[0]
    for municipality in current.only("id", "name", "name_norwegian", "number"):
        forms_of_name = {municipality.name.casefold(), municipality.name_norwegian.casefold()}
        forms_of_name.update(part.strip().casefold() for part in municipality.name.split(" - "))
        if needle in forms_of_name:
            return municipality
    return None
