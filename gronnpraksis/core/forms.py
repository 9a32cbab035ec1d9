"""Form fields and checks shared by the registration and contribution forms."""

import re
import unicodedata
import uuid

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import orgnr

# Common misspellings of the domains most participants use; checked before anything is stored.
DOMAIN_TYPOS = {
    "gmial.com": "gmail.com",
    "gmai.com": "gmail.com",
    "gamil.com": "gmail.com",
    "gmail.co": "gmail.com",
    "gmail.con": "gmail.com",
    "gmail.no": "gmail.com",
    "gmal.com": "gmail.com",
    "gnail.com": "gmail.com",
    "hotmial.com": "hotmail.com",
    "hotmail.con": "hotmail.com",
    "hotmai.com": "hotmail.com",
    "hotmal.com": "hotmail.com",
    "outlook.con": "outlook.com",
    "outlok.com": "outlook.com",
    "online.mo": "online.no",
    "onlin.no": "online.no",
    "yahoo.con": "yahoo.com",
    "icloud.con": "icloud.com",
    "ks.mo": "ks.no",
    "kristiansand.kommune.mo": "kristiansand.kommune.no",
}
TLD_TYPOS = {"con": "com", "cmo": "com", "ocm": "com", "nno": "no", "mo": "no", "nl0": "no"}


def suggest_email(email: str) -> str | None:
    """A likely intended address when the domain looks misspelt, else None."""
    local, _sep, domain = email.rpartition("@")
    domain = domain.lower()
    if domain in DOMAIN_TYPOS:
        return f"{local}@{DOMAIN_TYPOS[domain]}"
    if domain.endswith(".kommune.mo"):
        return f"{local}@{domain[:-3]}.no"
    head, _dot, tld = domain.rpartition(".")
    if head and tld in TLD_TYPOS:
        return f"{local}@{head}.{TLD_TYPOS[tld]}"
    return None


def strip_control_characters(value: str) -> str:
    """`value` in NFC without NUL and other control characters (newlines and tabs stay)."""
    value = unicodedata.normalize("NFC", value)
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def clean_text(value: str) -> str:
    """Strip NUL and other control characters (except newlines and tabs) and normalise to NFC."""
    return strip_control_characters(value).strip()


def _without_control_characters(data):  # type: ignore[no-untyped-def]
    """A copy of a form's submitted data with every text value passed through
    `strip_control_characters` (a QueryDict stays a QueryDict, every value of a key is kept)."""
    if isinstance(data, MultiValueDict):  # request.POST (a QueryDict) or another multi-valued mapping
        copy = data.copy() if isinstance(data, QueryDict) else MultiValueDict()
        for key, values in data.lists():
            copy.setlist(key, [strip_control_characters(v) if isinstance(v, str) else v for v in values])
        return copy
    cleaned = {}
    for key, value in data.items():
        if isinstance(value, str):
            value = strip_control_characters(value)
        elif isinstance(value, list | tuple):
            value = [strip_control_characters(v) if isinstance(v, str) else v for v in value]
        cleaned[key] = value
    return cleaned


class TextInputCleaningMixin:
    """Cleans every string a form is given and returns, so NUL bytes never reach the database.

    The submitted data itself is cleaned when the form is made: a field is validated, and shown
    again when the form comes back with an error, as typed without its control characters (a NUL
    byte put back into the page would be shown by the browser as "\N{REPLACEMENT CHARACTER}").
    """

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        if self.is_bound:  # type: ignore[attr-defined]
            self.data = _without_control_characters(self.data)  # type: ignore[attr-defined,has-type]

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()  # type: ignore[misc]
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = clean_text(value)
        return cleaned


class CheckedEmailField(forms.EmailField):
    default_error_messages = {"invalid": _("Enter a valid e-mail address, like ola.nordmann@kommune.no.")}

    def clean(self, value):  # type: ignore[no-untyped-def]
        value = super().clean(clean_text(value or ""))
        if value:
            suggestion = suggest_email(value)
            if suggestion:
                raise ValidationError(
                    _("Check the e-mail address: did you mean %(suggestion)s?"),
                    code="typo",
                    params={"suggestion": suggestion},
                )
        return value.lower() if value else value


class OrganisationNumberField(forms.CharField):
    """Nine digits with a valid MOD11 check digit; spaces are allowed when typing."""

    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):  # type: ignore[no-untyped-def]
        value = re.sub(r"[\s.-]", "", clean_text(value or ""))
        if not value:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return ""
        if not value.isdigit() or len(value) != 9:
            raise ValidationError(
                _("An organisation number has nine digits, like 971 032 081."), code="length"
            )
        try:
            return orgnr.validate(value)
        except StdnumError:
            raise ValidationError(
                _(
                    "The organisation number %(number)s is not valid: the check digit does not match. "
                    "Check the nine digits."
                ),
                code="checksum",
                params={"number": value},
            ) from None


class PhoneNumberField(forms.CharField):
    """A Norwegian or international phone number, stored in one format whatever was typed: the
    international one with the country code (`+47 91 23 45 67`, `+46 8 123 456 78`).

    Eight digits are read as Norwegian; a number from elsewhere needs its country code
    (`+46 8 123 456 78`, or `0046…`). Spaces, dashes and brackets are allowed when typing.
    """

    default_error_messages = {
        "invalid": _(
            "Check the phone number: write eight digits for a Norwegian number, like 912 34 567, "
            "or a country code first for a number from elsewhere, like +46 8 123 456 78."
        ),
    }

    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value):  # type: ignore[no-untyped-def]
        value = super().clean(clean_text(value or ""))
        if not value:
            return ""
        typed = "+" + value[2:] if value.startswith("00") else value  # 0046… is +46…
        try:
            number = phonenumbers.parse(typed, "NO")
        except phonenumbers.NumberParseException:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not phonenumbers.is_valid_number(number):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class HoneypotField(forms.CharField):
    """A field people never see or fill; a bot that fills it is refused."""

    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
            **kwargs,
        )


def filled_honeypot(form: forms.Form) -> bool:
    return bool(form.data.get("website", "").strip())


class IdempotencyKeyField(forms.UUIDField):
    """The hidden key that makes a double submit land on the first result. A missing or mangled key
    is replaced by a fresh one instead of failing a form the person cannot fix."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):  # type: ignore[no-untyped-def]
        try:
            return super().clean(value) or uuid.uuid4()
        except ValidationError:
            return uuid.uuid4()


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids that are not plain integers a database can hold, with the normal form error,
    instead of letting a huge number reach the database."""

    def _check_values(self, value):  # type: ignore[no-untyped-def]
        for pk in value:
            text = str(pk)
            if not text.isdigit() or len(text) > 18:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": text[:20]}
                )
        return super()._check_values(value)  # type: ignore[misc]


class SafeModelChoiceField(forms.ModelChoiceField):
    """The single-choice twin of `SafeModelMultipleChoiceField`: an id too large for the database
    is the normal "not one of the choices" error, not a database error."""

    def to_python(self, value):  # type: ignore[no-untyped-def]
        text = str(value) if value not in self.empty_values else ""
        if text and (not text.isdigit() or len(text) > 18):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)
