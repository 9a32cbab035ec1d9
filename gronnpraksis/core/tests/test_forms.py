"""Shared form fields: e-mail typos, organisation numbers, municipalities, and text cleaning."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from gronnpraksis.core.forms import (
    CheckedEmailField,
    OrganisationNumberField,
    PhoneNumberField,
    TextInputCleaningMixin,
    clean_text,
    filled_honeypot,
    suggest_email,
)


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("kari@gmial.com", "kari@gmail.com"),
        ("kari@GMAIL.CON", "kari@gmail.com"),
        ("kari@hotmial.com", "kari@hotmail.com"),
        ("ola@online.mo", "ola@online.no"),
        ("ola@kristiansand.kommune.mo", "ola@kristiansand.kommune.no"),
        ("ola@lillesand.kommune.mo", "ola@lillesand.kommune.no"),
        ("ola@firma.cmo", "ola@firma.com"),
        ("ola@ks.mo", "ola@ks.no"),
        ("kari@gmail.com", None),
        ("ola@kristiansand.kommune.no", None),
        ("ola@ks.no", None),
        ("ola@example.no", None),
        ("uten-krollalfa", None),
    ],
)
def test_suggest_email(typed, suggestion):
    assert suggest_email(typed) == suggestion


def test_checked_email_field_lowercases_and_catches_typos():
    field = CheckedEmailField()

    assert field.clean(" Kari.Nordmann@Example.NO ") == "kari.nordmann@example.no"
    with pytest.raises(ValidationError) as typo:
        field.clean("kari@gmial.com")
    assert typo.value.code == "typo"
    assert typo.value.params == {"suggestion": "kari@gmail.com"}
    with pytest.raises(ValidationError) as invalid:
        field.clean("ikke en adresse")
    assert invalid.value.error_list[0].code == "invalid"


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("963296746", "963296746"),  # Kristiansand kommune
        ("971032146", "971032146"),  # KS
        ("963 296 746", "963296746"),
        ("963.296.746", "963296746"),
        (" 971-032-146 ", "971032146"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_organisation_number_accepts_valid_numbers(typed, clean):
    assert OrganisationNumberField().clean(typed) == clean


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("963296747", "checksum"),
        ("123456789", "checksum"),
        ("96329674", "length"),
        ("9632967460", "length"),
        ("96329674A", "length"),
        ("nine", "length"),
    ],
)
def test_organisation_number_refuses_invalid_numbers(typed, code):
    with pytest.raises(ValidationError) as error:
        OrganisationNumberField().clean(typed)

    assert error.value.code == code


def test_organisation_number_required():
    with pytest.raises(ValidationError) as error:
        OrganisationNumberField(required=True).clean("")

    assert error.value.code == "required"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Kari\x00 Nordmann", "Kari Nordmann"),
        ("  Kari  ", "Kari"),
        ("linje 1\nlinje 2\tinnrykk", "linje 1\nlinje 2\tinnrykk"),
        ("bjelle\x07", "bjelle"),
        ("e\u0301", "\u00e9"),  # NFC
        ("🌱 Grønn", "🌱 Grønn"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("", ""),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


class ExampleForm(TextInputCleaningMixin, forms.Form):
    email = CheckedEmailField()
    note = forms.CharField(required=False)
    website = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].validators = []  # let the mixin see a NUL the field itself lets through


def test_cleaning_mixin_strips_control_characters_from_every_string():
    form = ExampleForm({"email": "kari@example.no\x00", "note": "hei\x00 og\x1b hopp"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["email"] == "kari@example.no"
    assert form.cleaned_data["note"] == "hei og hopp"


def test_cleaning_mixin_shows_the_typed_text_without_control_characters_when_the_form_comes_back():
    data = QueryDict(mutable=True)
    data.setlist("note", ["Kari\x00 Nordmann"])
    data.setlist("email", ["ikke en adresse\x00"])
    form = ExampleForm(data)

    assert not form.is_valid()
    assert 'value="Kari Nordmann"' in str(form["note"])
    assert 'value="ikke en adresse"' in str(form["email"])
    assert data["note"] == "Kari\x00 Nordmann"  # the request's own data is left alone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("", ""),
        ("  ", ""),
        ("912 34 567", "+47 91 23 45 67"),
        ("(+47) 22-22-22-22", "+47 22 22 22 22"),
        ("0046 8 123 456 78", "+46 8 123 456 78"),
        ("+1 202 555 0123", "+1 202-555-0123"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
    ],
)
def test_phone_number_field_accepts_norwegian_and_international_numbers(typed, stored):
    assert PhoneNumberField().clean(typed) == stored


@pytest.mark.parametrize("typed", ["abc", "123", "1234567", "+47 123", "12345678901234567890", "+999 1234"])
def test_phone_number_field_refuses_what_is_not_a_number(typed):
    with pytest.raises(ValidationError) as refused:
        PhoneNumberField().clean(typed)
    assert refused.value.code == "invalid"


def test_cleaning_mixin_keeps_every_value_of_a_multi_valued_key():
    from django.utils.datastructures import MultiValueDict

    form = ExampleForm(MultiValueDict({"email": ["kari@example.no"], "note": ["a\x00", "b"]}))

    assert form.data.getlist("note") == ["a", "b"]


def test_honeypot():
    assert filled_honeypot(ExampleForm({"website": "http://spam.example"})) is True
    assert filled_honeypot(ExampleForm({"website": "  "})) is False
    assert filled_honeypot(ExampleForm({})) is False
