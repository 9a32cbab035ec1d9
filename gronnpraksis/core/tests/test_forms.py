"""Shared form fields: e-mail typos, organisation numbers, municipalities, and text cleaning."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from gronnpraksis.core.forms import (
    CheckedEmailField,
    MunicipalityField,
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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("4204", "4204"),
        ("Kristiansand", "4204"),
        ("kristiansand", "4204"),
        ("Kristiansand kommune", "4204"),
        ("Kristiansand (4204)", "4204"),
        ("Oslo", "0301"),
        ("0301", "0301"),
        ("Kautokeino", "5612"),
        ("Guovdageaidnu", "5612"),
        ("Guovdageaidnu - Kautokeino", "5612"),
        ("Guovdageaidnu - Kautokeino (5612)", "5612"),
        ("Kárášjohka", "5610"),
        ("KÁRÁŠJOHKA", "5610"),
        ("Karasjok", "5610"),
        ("Porsáŋgu", "5622"),
        ("Porsanki", "5622"),
    ],
)
def test_municipality_field_finds_every_form_of_the_name(typed, number):
    assert MunicipalityField().clean(typed).number == number


@pytest.mark.django_db
def test_municipality_field_finds_a_decomposed_sami_name():
    """A name typed with combining accents (NFD), as some keyboards send it, is the same name."""
    import unicodedata

    assert MunicipalityField().clean(unicodedata.normalize("NFD", "Kárášjohka")).number == "5610"


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["Narnia", "9999", "Oslo (9999)", "Kristian"])
def test_municipality_field_refuses_unknown_names(typed):
    with pytest.raises(ValidationError) as error:
        MunicipalityField().clean(typed)

    assert error.value.code == "unknown"


@pytest.mark.django_db
def test_municipality_field_is_required_unless_told_otherwise():
    with pytest.raises(ValidationError) as error:
        MunicipalityField().clean("")
    assert error.value.code == "required"
    assert MunicipalityField(required=False).clean("") is None


@pytest.mark.django_db
def test_municipality_field_shows_a_municipality_as_its_label():
    from tests.factories import municipality

    kristiansand = municipality("4204")

    assert MunicipalityField().prepare_value(kristiansand) == "Kristiansand (4204)"
    assert MunicipalityField().prepare_value(kristiansand.pk) == "Kristiansand (4204)"
    assert MunicipalityField().prepare_value("Narn") == "Narn"


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


@pytest.mark.django_db
def test_municipality_field_asks_for_the_number_when_a_name_is_shared():
    from django.core.exceptions import ValidationError

    from gronnpraksis.core.forms import MunicipalityField

    with pytest.raises(ValidationError) as raised:
        MunicipalityField().clean("Herøy")
    assert raised.value.code == "ambiguous"
    assert MunicipalityField().clean("Herøy (1515)").number == "1515"
